"""Forms of supervisor evaluation: opening a round and a manager's rating of a report."""

from django import forms
from django.utils.translation import gettext_lazy as _

from assessment.forms.periods import clean_period
from assessment.services.supervisor import default_supervisor_items
from lms.forms import UserDataSelect


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines()]


class SupervisorRoundForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    indicator = forms.ChoiceField(
        label=_("Indicator that receives the mean rating"),
        help_text=_("Indicators whose source is the supervisor and whose scale is 1–5."),
    )
    cohort = forms.TypedChoiceField(label=_("Cohort"), coerce=int, widget=UserDataSelect)
    period = forms.CharField(label=_("Period"), max_length=7, help_text=_("e.g. 2026-Q3"))
    items = forms.CharField(
        label=_("Items rated (Chinese)"),
        # Content being written, in its own language whatever the page's (not UI text).
        widget=forms.Textarea(attrs={"rows": 5, "lang": "zh-Hans", "translate": "no"}),
        initial=lambda: "\n".join(i["text"] for i in default_supervisor_items()),
        help_text=_("One item per line; each is rated from 1 to 5."),
    )
    items_en = forms.CharField(
        label=_("Items rated (English)"),
        widget=forms.Textarea(attrs={"rows": 5, "lang": "en", "translate": "no"}),
        required=False,
        initial=lambda: "\n".join(i["text_en"] for i in default_supervisor_items()),
        help_text=_(
            "The same items in English, line by line. A line left empty shows the Chinese "
            "text, marked “Chinese only”, on English pages."
        ),
    )

    def __init__(self, *args, indicators=(), cohorts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = list(indicators)
        self.fields["cohort"].choices = [(c.id, c.name) for c in cohorts]

    def clean_period(self):
        return clean_period(self.cleaned_data["period"])

    def clean(self):
        cleaned = super().clean()
        if "items" not in cleaned:
            return cleaned
        chinese = [line for line in _lines(cleaned["items"]) if line]
        english = _lines(cleaned.get("items_en", ""))
        while english and not english[-1]:
            english.pop()
        if not 1 <= len(chinese) <= 10:
            self.add_error("items", _("List between one and ten items."))
        elif len(english) > len(chinese):
            self.add_error("items_en", _("There are more English lines than Chinese items."))
        else:
            english += [""] * (len(chinese) - len(english))
            cleaned["item_texts"] = [
                {"text": zh, "text_en": en} for zh, en in zip(chinese, english, strict=True)
            ]
        return cleaned


class SupervisorRatingForm(forms.Form):
    """One 1–5 choice per item of the round (labels in the page's language)."""

    def __init__(self, *args, items=(), initial_scores=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(n, str(n)) for n in range(1, 6)]
        for index, label in enumerate(items):
            self.fields[f"item_{index}"] = forms.TypedChoiceField(
                label=label,
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "rating"}),
                initial=initial_scores[index] if index < len(initial_scores) else None,
            )

    def scores(self) -> list[int]:
        return [self.cleaned_data[name] for name in self.fields]
