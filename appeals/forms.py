"""Forms of appeals: the learner's appeal, the assessor's assignment and resolutions, and the
blind re-marking of essays. The services check the rules; the forms check the typing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cases import api as cases_api

USER_TEXT = {"translate": "no"}
TEXT_MAX = 5000


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented recipe)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": cases_api.ATTACHMENT_ACCEPT})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


def _text(label, help_text="", required=True, rows=5):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": rows, **USER_TEXT}),
    )


class AppealForm(forms.Form):
    """Why the learner appeals, what exactly (for a scorecard: the whole or one indicator's
    value) and supporting files."""

    subject = forms.ChoiceField(label=_("What do you appeal?"), required=False)
    reason = _text(
        _("Reason"),
        _("Say what you believe is wrong with the result and why. Assessors read this."),
        required=False,  # the service refuses an empty reason with its own message
    )
    files = MultipleFileField(
        label=_("Supporting files"),
        required=False,
        help_text=_("Up to 5 files: images, PDF, text or log files, XLSX; 10 MB each."),
    )

    def __init__(self, *args, subjects=None, **kwargs):
        super().__init__(*args, **kwargs)
        if subjects:
            self.fields["subject"].choices = subjects
            self.fields["subject"].required = True
        else:
            del self.fields["subject"]


class AssignForm(forms.Form):
    remarker = forms.ModelChoiceField(
        label=_("Re-marker"),
        queryset=None,
        empty_label=None,
        widget=forms.Select(attrs=USER_TEXT),  # people's names
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["remarker"].queryset = choices
        self.fields["remarker"].label_from_instance = lambda user: (
            f"{user.get_full_name() or user.username} ({user.username})"
        )


class UpholdForm(forms.Form):
    explanation = _text(
        _("Explanation for the learner"),
        _("Why the result stands; the learner reads it."),
        required=False,
    )


class MetricForm(forms.Form):
    record = forms.TypedChoiceField(label=_("Indicator"), coerce=int)
    value = forms.DecimalField(label=_("Corrected value"), max_digits=14, decimal_places=4)
    source = forms.CharField(
        label=_("Source of the corrected value"),
        max_length=100,
        required=False,
        help_text=_("Where the new value comes from, e.g. the work-order system's export."),
        widget=forms.TextInput(attrs=USER_TEXT),
    )
    explanation = _text(_("Explanation for the learner"), required=False, rows=3)

    def __init__(self, *args, records, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["record"].choices = records


class ExplanationForm(forms.Form):
    explanation = _text(
        _("Explanation for the learner"),
        _("What the new mark is based on; the learner reads it with the outcome."),
        required=False,
        rows=3,
    )


class EssayRemarkForm(ExplanationForm):
    """Points and feedback for each essay answer (``essays``: ``exams.api.EssayToMark``)."""

    def __init__(self, *args, essays, **kwargs):
        super().__init__(*args, **kwargs)
        self.essays = essays
        for essay in essays:
            self.fields[f"points_{essay.id}"] = forms.DecimalField(
                label=_("Points (0–%(max)s)") % {"max": f"{essay.points.normalize():f}"},
                min_value=0,
                max_value=essay.points,
                decimal_places=2,
            )
            self.fields[f"feedback_{essay.id}"] = forms.CharField(
                label=_("Feedback"),
                required=False,
                max_length=TEXT_MAX,
                widget=forms.Textarea(attrs={"rows": 3, **USER_TEXT}),
            )
        self.order_fields([name for name in self.fields if name != "explanation"] + ["explanation"])

    def rows(self):
        return [
            (essay, self[f"points_{essay.id}"], self[f"feedback_{essay.id}"])
            for essay in self.essays
        ]

    def marks(self) -> dict:
        return {
            essay.id: (
                self.cleaned_data[f"points_{essay.id}"],
                self.cleaned_data[f"feedback_{essay.id}"].strip(),
            )
            for essay in self.essays
        }
