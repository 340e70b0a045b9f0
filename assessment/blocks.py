"""StreamField blocks for editing a scheme version in the Wagtail admin.

A version's dimensions (each with its indicators and optional score bands) and its grade bands
are edited as blocks; :mod:`assessment.definition` checks the whole definition and the admin
form shows each problem on the field it concerns.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from assessment.definition import SOURCES

SOURCE_LABELS = {
    "work_records": _("Work records"),
    "customer_feedback": _("Customer feedback"),
    "peer_evaluation": _("Peer evaluation"),
    "supervisor": _("Supervisor"),
}


ENGLISH_HELP = _(
    "Shown on English pages. Left empty, English pages show the Chinese text marked “Chinese only”."
)


class BandBlock(blocks.StructBlock):
    min = blocks.DecimalBlock(label=_("From (inclusive)"), required=False)
    max = blocks.DecimalBlock(label=_("To (inclusive)"), required=False)
    score = blocks.DecimalBlock(label=_("Score"), min_value=0, max_value=100)

    class Meta:
        icon = "list-ol"
        label = _("Score band")
        form_classname = "struct-block band-block"


class IndicatorBlock(blocks.StructBlock):
    code = blocks.CharBlock(
        label=_("Code"),
        max_length=64,
        help_text=_("Used in metric files and the API, e.g. first_time_fix_rate."),
    )
    name = blocks.CharBlock(label=_("Name"), max_length=100)
    name_en = blocks.CharBlock(
        label=_("Name (English)"), max_length=100, required=False, help_text=ENGLISH_HELP
    )
    unit = blocks.CharBlock(label=_("Unit"), max_length=20, required=False)
    unit_en = blocks.CharBlock(label=_("Unit (English)"), max_length=20, required=False)
    source = blocks.ChoiceBlock(
        label=_("Source"), choices=[(code, SOURCE_LABELS[code]) for code in SOURCES]
    )
    weight = blocks.DecimalBlock(label=_("Weight in the dimension"), min_value=0, max_value=100)
    worst = blocks.DecimalBlock(label=_("Worst value (scores 0)"))
    best = blocks.DecimalBlock(
        label=_("Best value (scores 100)"),
        help_text=_("Lower than the worst value when lower is better (e.g. repeat repairs)."),
    )
    min_value = blocks.DecimalBlock(
        label=_("Lowest valid value"),
        required=False,
        help_text=_("Imports refuse values outside the valid range."),
    )
    max_value = blocks.DecimalBlock(label=_("Highest valid value"), required=False)
    bands = blocks.ListBlock(
        BandBlock(),
        label=_("Score bands"),
        default=[],
        min_num=0,
        help_text=_("Optional: the first band that holds the value gives the score."),
    )
    suggestion = blocks.TextBlock(label=_("Improvement suggestion"), required=False)
    suggestion_en = blocks.TextBlock(
        label=_("Improvement suggestion (English)"), required=False, help_text=ENGLISH_HELP
    )
    suggestion_below = blocks.DecimalBlock(
        label=_("Suggest when the score is below"),
        required=False,
        min_value=0,
        max_value=100,
        help_text=_("Default 60."),
    )

    class Meta:
        icon = "pick"
        label = _("Indicator")
        form_classname = "struct-block bilingual-struct"


class DimensionBlock(blocks.StructBlock):
    code = blocks.CharBlock(label=_("Code"), max_length=64, help_text=_("e.g. technical_ability"))
    name = blocks.CharBlock(label=_("Name"), max_length=100)
    name_en = blocks.CharBlock(
        label=_("Name (English)"), max_length=100, required=False, help_text=ENGLISH_HELP
    )
    weight = blocks.DecimalBlock(label=_("Weight in on-the-job"), min_value=0, max_value=100)
    indicators = blocks.ListBlock(IndicatorBlock(), label=_("Indicators"), min_num=1)

    class Meta:
        icon = "form"
        label = _("Dimension")
        form_classname = "struct-block bilingual-struct"


class GradeBandBlock(blocks.StructBlock):
    code = blocks.CharBlock(label=_("Code"), max_length=32, help_text=_("e.g. excellent"))
    name = blocks.CharBlock(label=_("Name"), max_length=50, required=False)
    name_en = blocks.CharBlock(label=_("Name (English)"), max_length=50, required=False)
    min = blocks.DecimalBlock(label=_("Minimum total"), min_value=0, max_value=100)

    class Meta:
        icon = "tag"
        label = _("Grade band")
        form_classname = "struct-block bilingual-struct"
