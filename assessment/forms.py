"""Forms of the assessment pages (the admin's scheme form is in ``admin_forms``)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from assessment.metric_files import MAX_BYTES
from assessment.models import is_period
from assessment.services import DEFAULT_PEER_ITEMS


def clean_period(value: str) -> str:
    value = (value or "").strip().upper()
    if not is_period(value):
        raise forms.ValidationError(_("Use a period like 2026, 2026-Q3 or 2026-07."))
    return value


class CommentsForm(forms.Form):
    comments = forms.CharField(
        label=_("Assessor's comments"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Shown to the engineer in the feedback report and the PDF."),
    )


class AcknowledgeForm(forms.Form):
    reply = forms.CharField(
        label=_("Your reply (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class MetricUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Metrics file"),
        help_text=_(
            "CSV (UTF-8 or GBK) or Excel .xlsx with the columns 工号, 指标, 周期, 数值 and "
            "optionally 来源, 备注 (or employee_id, indicator, period, value, source, note). "
            "At most 20 MB and 200,000 rows."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.txt"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB; split it."))
        name = upload.name.lower()
        if not name.endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        return upload


class CohortFilterForm(forms.Form):
    program = forms.ChoiceField(label=_("Program"))
    period = forms.CharField(label=_("Period"), max_length=7, required=False)
    cohort = forms.TypedChoiceField(label=_("Cohort"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, programs=(), periods=(), cohorts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["program"].choices = [(p.code, f"{p.code} {p.name}") for p in programs]
        self.fields["period"].widget.attrs.update(
            {"list": "known-periods", "placeholder": "2026-Q3"}
        )
        self.periods = list(periods)
        self.fields["cohort"].choices = [("", _("Everyone"))] + [(c.id, c.name) for c in cohorts]

    def clean_period(self):
        value = self.cleaned_data.get("period")
        return clean_period(value) if value else ""


class PeriodForm(forms.Form):
    period = forms.CharField(label=_("Period"), max_length=7)

    def clean_period(self):
        return clean_period(self.cleaned_data["period"])


class PeerRoundForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    indicator = forms.ChoiceField(
        label=_("Indicator that receives the mean rating"),
        help_text=_("The mean rating (1–5) of each engineer becomes this indicator's value."),
    )
    cohort = forms.TypedChoiceField(label=_("Cohort"), coerce=int)
    period = forms.CharField(label=_("Period"), max_length=7, help_text=_("e.g. 2026-Q3"))
    items = forms.CharField(
        label=_("Teamwork items"),
        widget=forms.Textarea(attrs={"rows": 4}),
        initial="\n".join(DEFAULT_PEER_ITEMS),
        help_text=_("One item per line; each is rated from 1 to 5."),
    )
    raters_per_person = forms.IntegerField(
        label=_("Teammates each engineer rates"),
        min_value=1,
        max_value=50,
        required=False,
        help_text=_("Leave empty to let everyone rate every teammate."),
    )

    def __init__(self, *args, indicators=(), cohorts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = list(indicators)
        self.fields["cohort"].choices = [(c.id, c.name) for c in cohorts]

    def clean_period(self):
        return clean_period(self.cleaned_data["period"])

    def clean_items(self):
        items = [line.strip() for line in self.cleaned_data["items"].splitlines() if line.strip()]
        if not 1 <= len(items) <= 10:
            raise forms.ValidationError(_("List between one and ten items."))
        return items


class PeerRatingForm(forms.Form):
    """One 1–5 choice per teamwork item of the round."""

    def __init__(self, *args, items=(), initial_scores=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(n, str(n)) for n in range(1, 6)]
        for index, item in enumerate(items):
            self.fields[f"item_{index}"] = forms.TypedChoiceField(
                label=item,
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "rating"}),
                initial=initial_scores[index] if index < len(initial_scores) else None,
            )

    def scores(self) -> list[int]:
        return [self.cleaned_data[name] for name in self.fields]
