"""Forms of the feedback report: the assessor's comments and the engineer's acknowledgement."""

from django import forms
from django.utils.translation import gettext_lazy as _


class CommentsForm(forms.Form):
    comments = forms.CharField(
        label=_("Assessor's comments"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "translate": "no"}),
        help_text=_("Shown to the engineer in the feedback report and the PDF."),
    )


class AcknowledgeForm(forms.Form):
    reply = forms.CharField(
        label=_("Your reply (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "translate": "no"}),
    )
