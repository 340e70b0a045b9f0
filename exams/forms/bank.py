"""Forms of the question bank: a question in the Wagtail admin, importing and exporting."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from exams.models import Question

FORMAT_CHOICES = [
    ("", _("From the file name")),
    ("gift", _("Moodle GIFT")),
    ("csv", "CSV"),
    ("xlsx", _("Excel (XLSX)")),
]
MAX_IMPORT_BYTES = 5 * 1024 * 1024


class QuestionAdminForm(WagtailAdminModelForm):
    """Checks a question's choices fit its type (one right answer for single choice…)."""

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        formset = self.formsets.get("choices")
        if formset is None or kind is None or not formset.is_valid():
            return cleaned
        live = [
            form.cleaned_data
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        right = sum(1 for data in live if data.get("is_correct"))
        if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            if len(live) < 2:
                raise forms.ValidationError(
                    gettext("A choice question needs at least two choices.")
                )
            if kind == Question.Kind.SINGLE and right != 1:
                raise forms.ValidationError(
                    gettext("A single-choice question needs exactly one right answer.")
                )
            if kind == Question.Kind.MULTIPLE and right < 1:
                raise forms.ValidationError(
                    gettext("A multiple-choice question needs at least one right answer.")
                )
        elif live:
            raise forms.ValidationError(
                gettext("True/false and essay questions take no choices; remove them.")
            )
        return cleaned


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
