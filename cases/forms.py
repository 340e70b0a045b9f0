"""Forms of the practice-case pages: the report editor and the grading form.

The report editor is one HTML form made of a plain form (the text sections) and four formsets
(fishbone categories, whys, solution options, plan steps). It works without JavaScript: each
save shows a few empty rows to add more; ``static/js/cases.js`` adds rows and autosaves.
Nothing here is required: completeness is checked on submit by ``cases.report``.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.report import ReportContent
from lms.bilingual import localized
from lms.parsing import InputError, parse_int

TEXT_MAX = 20_000
TEXTAREA = {"rows": 4}

DEFAULT_CATEGORIES = [
    _("People"),
    _("Machine"),
    _("Material"),
    _("Method"),
    _("Environment"),
    _("Measurement"),
]


# What learners and graders type is theirs, in their language: browsers and the page-language
# checks leave it untranslated (docs/decisions/0010-bilingual-content.md).
USER_TEXT = {"translate": "no"}


def _text(label, help_text="", rows=4):
    return forms.CharField(
        label=label,
        required=False,
        max_length=TEXT_MAX,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows, **USER_TEXT}),
    )


def _line(label, max_length, **attrs):
    return forms.CharField(
        label=label,
        required=False,
        max_length=max_length,
        widget=forms.TextInput(attrs={**attrs, **USER_TEXT}),
    )


class ReportTextForm(forms.Form):
    problem_statement = _text(
        _("Problem statement"),
        _("What exactly is wrong, where and since when? Describe it clearly and precisely."),
    )
    classification = _text(
        _("Classification"), _("The nature of the problem and its impact on the customer."), 3
    )
    scope = _text(_("Scope"), _("What the problem covers, and what it does not."), 3)
    information_collected = _text(
        _("Information collected"), _("Data, records, logs and feedback you gathered."), 6
    )
    fishbone_effect = _line(_("Effect (head of the fishbone)"), 200)
    root_cause = _text(_("Root cause"), _("The cause that, removed, stops the problem."), 3)
    chosen_solution = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    verification = _text(
        _("Verification"), _("How you checked the problem is solved, with results."), 4
    )
    customer_satisfaction = _text(
        _("Customer satisfaction"), _("What the customer said after the fix."), 3
    )
    lessons_learned = _text(
        _("Lessons learned"), _("What to keep, what to change, what to share."), 4
    )


class FishboneCategoryForm(forms.Form):
    name = _line(_("Category"), 60)
    causes = forms.CharField(
        label=_("Causes (one per line)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3, **USER_TEXT}),
    )

    def row(self) -> dict | None:
        name = self.cleaned_data.get("name", "").strip()
        causes = [
            line.strip()
            for line in self.cleaned_data.get("causes", "").splitlines()
            if line.strip()
        ]
        if not name and not causes:
            return None
        return {"name": name, "causes": causes[:20]}


class WhyForm(forms.Form):
    answer = _line(_("Because …"), 500)

    def row(self) -> str | None:
        return self.cleaned_data.get("answer", "").strip() or None


class SolutionForm(forms.Form):
    option = _line(_("Option"), 300)
    cost = _line(_("Cost"), 200)
    time = _line(_("Time"), 200)
    effect = _line(_("Effect"), 300)

    def row(self) -> dict | None:
        values = {key: self.cleaned_data.get(key, "").strip() for key in self.fields}
        return values if any(values.values()) else None


class PlanStepForm(forms.Form):
    step = _line(_("Step"), 300)
    owner = _line(_("Owner"), 100)
    date = _line(_("Date"), 20, type="date")
    resources = _line(_("Resources"), 300)

    def row(self) -> dict | None:
        values = {key: self.cleaned_data.get(key, "").strip() for key in self.fields}
        return values if any(values.values()) else None


def _formset(form, max_num):
    return forms.formset_factory(
        form, extra=0, max_num=max_num, validate_max=True, absolute_max=max_num
    )


FishboneFormSet = _formset(FishboneCategoryForm, 12)
WhyFormSet = _formset(WhyForm, 10)
SolutionFormSet = _formset(SolutionForm, 8)
PlanFormSet = _formset(PlanStepForm, 30)


def _pad(rows: list, minimum: int, limit: int) -> list:
    """Filled rows, then empty ones: at least ``minimum`` rows and always one spare."""
    total = min(limit, max(minimum, len(rows) + 1))
    return rows + [{}] * (total - len(rows))


class ReportEditor:
    """The text form and the four formsets of a report, bound or not."""

    def __init__(self, *, content: ReportContent, data=None, fresh: bool = False):
        self.content = content
        self.is_bound = data is not None
        chosen = next((i for i, row in enumerate(content.solutions) if row.get("chosen")), None)
        self.text = ReportTextForm(
            data,
            initial={
                **{
                    name: getattr(content, name)
                    for name in ReportTextForm.base_fields
                    if name in ReportContent.field_names()
                },
                "fishbone_effect": content.effect,
                "chosen_solution": chosen,
            },
        )
        categories = [
            {"name": c.get("name", ""), "causes": "\n".join(c.get("causes", []))}
            for c in content.categories
        ]
        if fresh and not categories:
            categories = [{"name": str(name)} for name in DEFAULT_CATEGORIES]
        rows = {
            "fishbone": _pad(categories, 6, 12),
            "whys": _pad([{"answer": a} for a in content.five_whys], 5, 10),
            "solutions": _pad(list(content.solutions), 3, 8),
            "plan": _pad(list(content.implementation_plan), 3, 30),
        }
        if self.is_bound:
            # A bound formset compares each row with its initial value and drops rows that
            # did not change; what was posted is the whole report, so there is no initial.
            rows = dict.fromkeys(rows)
        self.fishbone = FishboneFormSet(data, prefix="fishbone", initial=rows["fishbone"])
        self.whys = WhyFormSet(data, prefix="whys", initial=rows["whys"])
        self.solutions = SolutionFormSet(data, prefix="solutions", initial=rows["solutions"])
        self.plan = PlanFormSet(data, prefix="plan", initial=rows["plan"])

    @property
    def formsets(self):
        return [self.fishbone, self.whys, self.solutions, self.plan]

    def is_valid(self) -> bool:
        results = [self.text.is_valid()] + [formset.is_valid() for formset in self.formsets]
        return all(results)

    @property
    def chosen_index(self) -> int | None:
        if self.is_bound:
            try:
                return parse_int(self.text.data.get("chosen_solution"), low=0)
            except InputError:
                return None
        return self.text.initial.get("chosen_solution")

    def errors(self) -> list[str]:
        """Every error as one readable line (for the autosave status and the top of the page)."""
        lines = []
        for name, errors in self.text.errors.items():
            label = self.text.fields[name].label if name in self.text.fields else ""
            lines.extend(f"{label}: {error}" if label else str(error) for error in errors)
        for formset in self.formsets:
            lines.extend(str(error) for error in formset.non_form_errors())
            for number, form_errors in enumerate(formset.errors, start=1):
                for name, errors in form_errors.items():
                    label = formset.form.base_fields[name].label if name != "__all__" else ""
                    lines.extend(f"{label} ({number}): {error}" for error in errors)
        return lines

    def cleaned_content(self) -> ReportContent:
        """The report as typed (call after :meth:`is_valid`); empty rows are dropped."""
        data = self.text.cleaned_data
        chosen = data.get("chosen_solution")
        solutions = []
        for index, form in enumerate(self.solutions.forms):
            row = form.row()
            if row is not None:
                solutions.append({**row, "chosen": index == chosen})
        return ReportContent(
            **{
                name: data.get(name, "")
                for name in ReportTextForm.base_fields
                if name in ReportContent.field_names()
            },
            fishbone={
                "effect": data.get("fishbone_effect", "").strip(),
                "categories": [r for f in self.fishbone.forms if (r := f.row()) is not None],
            },
            five_whys=[r for f in self.whys.forms if (r := f.row()) is not None],
            solutions=solutions,
            implementation_plan=[r for f in self.plan.forms if (r := f.row()) is not None],
        )


class GradingForm(forms.Form):
    """One level and one comment per criterion, and overall feedback.

    Built for a rubric: fields ``level_<criterion id>`` (radio, one per level) and
    ``comment_<criterion id>``. Levels are optional while saving a draft; the service
    refuses to submit an incomplete mark.
    """

    feedback = forms.CharField(
        label=_("Overall feedback"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5, **USER_TEXT}),
    )

    reason = forms.CharField(
        label=_("Reason, when your verdict overrides both markers'"),
        help_text=_(
            "Required when you pass a report both markers failed, or fail one both passed; "
            "kept in the audit trail."
        ),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, **USER_TEXT}),
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"level_{criterion.pk}"] = forms.TypedChoiceField(
                label=localized(criterion, "title"),
                required=False,
                coerce=int,
                empty_value=None,
                choices=[
                    (level.pk, localized(level, "label")) for level in criterion.ranked_levels
                ],
                widget=forms.RadioSelect,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment"),
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 2, **USER_TEXT}),
            )

    def chosen_levels(self) -> dict[int, int | None]:
        return {c.pk: self.cleaned_data.get(f"level_{c.pk}") for c in self.criteria}

    def comments(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data.get(f"comment_{c.pk}", "").strip() for c in self.criteria}

    def rows(self):
        """(criterion, level field, comment field) for the template."""
        return [
            (criterion, self[f"level_{criterion.pk}"], self[f"comment_{criterion.pk}"])
            for criterion in self.criteria
        ]
