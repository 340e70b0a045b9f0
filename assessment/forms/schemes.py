"""The Wagtail admin form of a scheme version: one set of rules with the JSON import.

The whole definition is checked by :func:`assessment.definition.parse` (the same function the
``import_scheme`` command uses) and each problem is shown on the field, or the block inside a
StreamField, that it concerns.
"""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.blocks import ListBlock, StreamBlock, StructBlock
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from assessment import definition
from assessment.models.scheme import block_data
from assessment.services.schemes import scheme_reference_problems

ALL = "__all__"

# Where each top-level place of the definition is edited in the form.
FIELD_OF = {
    ("components", "exam"): "exam_weight",
    ("components", "practice"): "practice_weight",
    ("components", "on_the_job"): "on_the_job_weight",
    ("components",): "exam_weight",
    ("gates", "exam_min"): "exam_min",
    ("gates", "practice_min"): "practice_min",
    ("gates", "dimension_min"): "dimension_min",
    ("pass_mark",): "pass_mark",
    ("exams",): "exams",
    ("practice_cases",): "practice_cases",
}
STREAM_FIELDS = ("dimensions", "grade_bands")


class SlugListField(forms.CharField):
    """A list of slugs edited as text, one per line (commas work too)."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(value)
        return value

    def to_python(self, value):
        if isinstance(value, list | tuple):
            return list(value)
        text = super().to_python(value) or ""
        return [slug for slug in re.split(r"[\s,，]+", text) if slug]


class SchemeVersionForm(WagtailAdminModelForm):
    exams = SlugListField(
        label=_("Certification exams"),
        required=False,
        help_text=_(
            "Slugs of the certification exams, one per line (their mean is the exam score)."
        ),
    )
    practice_cases = SlugListField(
        label=_("Required practice cases"),
        required=False,
        help_text=_(
            "Slugs of the practice cases, one per line (their mean is the practice score)."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and "program" in self.fields:
            self.fields["program"].disabled = True
            self.fields["program"].help_text = _("A version stays with its program.")

    def clean(self):
        cleaned = super().clean()
        needed = (
            "exam_weight",
            "practice_weight",
            "on_the_job_weight",
            "exams",
            "practice_cases",
            "dimensions",
            "exam_min",
            "practice_min",
            "dimension_min",
            "pass_mark",
            "grade_bands",
        )
        if any(name not in cleaned for name in needed):
            return cleaned  # a field already shows its own error
        data = {
            "components": {
                "exam": cleaned["exam_weight"],
                "practice": cleaned["practice_weight"],
                "on_the_job": cleaned["on_the_job_weight"],
            },
            "exams": cleaned["exams"],
            "practice_cases": cleaned["practice_cases"],
            "dimensions": [block_data(b) for b in cleaned["dimensions"].get_prep_value()],
            "gates": {
                "exam_min": cleaned["exam_min"],
                "practice_min": cleaned["practice_min"],
                "dimension_min": cleaned["dimension_min"],
            },
            "pass_mark": cleaned["pass_mark"],
            "grade_bands": [block_data(b) for b in cleaned["grade_bands"].get_prep_value()],
        }
        try:
            scheme = definition.parse(data)
        except definition.DefinitionError as exc:
            problems = exc.problems
        else:
            problems = scheme_reference_problems(scheme)
        self._show_problems(problems)
        return cleaned

    def _show_problems(self, problems: list[definition.Problem]) -> None:
        trees: dict[str, dict] = {}
        for problem in problems:
            path = problem.path
            if path and path[0] in STREAM_FIELDS:
                node = trees.setdefault(path[0], {})
                for part in path[1:]:
                    node = node.setdefault(part, {})
                node.setdefault(ALL, []).append(problem.message)
                continue
            name = FIELD_OF.get(path[:2]) or FIELD_OF.get(path[:1])
            if name in self.fields:
                self.add_error(name, problem.message)
            else:
                self.add_error(None, str(problem))
        for name, tree in trees.items():
            if name in self.errors:
                continue
            block = self.fields[name].block
            self.add_error(name, block_error(block, tree))


def block_error(block, tree: dict) -> ValidationError:
    """A nested Wagtail block error that puts each message on the block it names."""
    messages = tree.get(ALL, [])
    children = {key: value for key, value in tree.items() if key != ALL}
    if isinstance(block, StreamBlock):
        child = next(iter(block.child_blocks.values()))
        return StreamBlockValidationError(
            block_errors={i: block_error(child, sub) for i, sub in children.items()},
            non_block_errors=messages,
        )
    if isinstance(block, ListBlock):
        return ListBlockValidationError(
            block_errors={i: block_error(block.child_block, sub) for i, sub in children.items()},
            non_block_errors=messages,
        )
    if isinstance(block, StructBlock):
        return StructBlockValidationError(
            block_errors={
                name: block_error(block.child_blocks[name], sub)
                for name, sub in children.items()
                if name in block.child_blocks
            },
            non_block_errors=messages,
        )
    return ValidationError(messages[0] if messages else "")
