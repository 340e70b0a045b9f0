"""Forms of the quiz engine: marking an essay, importing and exporting questions."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

FORMAT_CHOICES = [
    ("", _("From the file name")),
    ("gift", _("Moodle GIFT")),
    ("csv", "CSV"),
    ("xlsx", _("Excel (XLSX)")),
]
MAX_IMPORT_BYTES = 5 * 1024 * 1024


class EssayMarkForm(forms.Form):
    points = forms.DecimalField(
        label=_("Points"), min_value=Decimal("0"), max_digits=6, decimal_places=2
    )
    feedback = forms.CharField(
        label=_("Feedback to the learner"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10_000,
    )

    def __init__(self, *args, max_points: Decimal, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_points = max_points
        self.fields["points"].max_value = max_points
        self.fields["points"].widget.attrs.update({"max": max_points, "step": "0.5"})
        self.fields["points"].help_text = _("Between 0 and %(max)s.") % {"max": max_points}

    def clean_points(self):
        points = self.cleaned_data["points"]
        if points > self.max_points:
            raise forms.ValidationError(_("At most %(max)s points.") % {"max": self.max_points})
        return points


class QuestionImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("Moodle GIFT (.gift, .txt), CSV or XLSX; at most 5 MB."),
    )
    format = forms.ChoiceField(label=_("Format"), choices=FORMAT_CHOICES, required=False)
    category = forms.CharField(
        label=_("Category"),
        required=False,
        max_length=1000,
        help_text=_(
            "Where the questions go, e.g. “售后工程师考核课程/模块一”. Categories named in the "
            "file are created inside it."
        ),
    )
    dry_run = forms.BooleanField(
        label=_("Check only (write nothing)"), required=False, initial=False
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


class QuestionExportForm(forms.Form):
    format = forms.ChoiceField(label=_("Format"), choices=FORMAT_CHOICES[1:], initial="gift")
    category = forms.CharField(
        label=_("Category"),
        required=False,
        max_length=1000,
        help_text=_("Only this category and its subcategories; empty for the whole bank."),
    )
