"""Forms of peer evaluation: opening a round and rating teammates."""

from django import forms
from django.utils.translation import gettext_lazy as _

from assessment.forms.periods import clean_period
from assessment.services.peer import default_peer_items
from lms.forms import UserDataSelect


class PeerRoundForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    indicator = forms.ChoiceField(
        label=_("Indicator that receives the mean rating"),
        help_text=_("The mean rating (1–5) of each engineer becomes this indicator's value."),
    )
    cohort = forms.TypedChoiceField(label=_("Cohort"), coerce=int, widget=UserDataSelect)
    period = forms.CharField(label=_("Period"), max_length=7, help_text=_("e.g. 2026-Q3"))
    items = forms.CharField(
        label=_("Teamwork items"),
        widget=forms.Textarea(attrs={"rows": 4}),
        initial=lambda: "\n".join(default_peer_items()),
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
