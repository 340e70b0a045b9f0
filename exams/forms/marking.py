"""A trainer's mark on an essay answer: points and feedback."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _


class EssayMarkForm(forms.Form):
    points = forms.DecimalField(
        label=_("Points"), min_value=Decimal("0"), max_digits=6, decimal_places=2
    )
    feedback = forms.CharField(
        label=_("Feedback to the learner"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "translate": "no"}),
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
