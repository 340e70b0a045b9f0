"""Writes of scheme versions: create, save as a draft, activate, import from and export to the
file format (``import_scheme``, ``export_scheme``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment import definition, inputs, scoring
from assessment.errors import AssessmentError
from assessment.models import Program, SchemeVersion
from audit import api as audit

PROGRAM_CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,31}$")


def scheme_reference_problems(scheme: scoring.Scheme) -> list[definition.Problem]:
    """Exam and case slugs of a scheme that the quiz engine does not know."""
    problems = []
    unknown = set(inputs.unknown_exam_slugs(scheme.exams))
    for index, slug in enumerate(scheme.exams):
        if slug in unknown:
            problems.append(
                definition.Problem(
                    ("exams", index),
                    _("No certification exam has the slug “%(slug)s”.") % {"slug": slug},
                )
            )
    unknown = set(inputs.unknown_case_slugs(scheme.practice_cases))
    for index, slug in enumerate(scheme.practice_cases):
        if slug in unknown:
            problems.append(
                definition.Problem(
                    ("practice_cases", index),
                    _("No practice case has the slug “%(slug)s”.") % {"slug": slug},
                )
            )
    return problems


def _next_number(program: Program) -> int:
    return (program.versions.aggregate(n=Max("number"))["n"] or 0) + 1


def scheme_version_create(
    *, program: Program, scheme: scoring.Scheme, by=None, note: str = "", based_on=None
) -> SchemeVersion:
    version = SchemeVersion(program=program, created_by=by, note=note, based_on=based_on)
    version.apply_definition(scheme)
    version.number = _next_number(program)
    version.save()
    return version


def scheme_version_save_as_draft(*, version: SchemeVersion, by=None) -> SchemeVersion:
    """Save the (edited, unsaved) fields of a used version as a new draft; the used version
    itself is left as it was."""
    original_pk = version.pk
    version.pk = None
    version.id = None
    version._state.adding = True
    version.number = _next_number(version.program)
    version.status = SchemeVersion.Status.DRAFT
    version.activated_at = None
    version.retired_at = None
    version.based_on_id = original_pk
    version.created_by = by
    version.save()
    return version


@transaction.atomic
def scheme_version_activate(
    *, version: SchemeVersion, by=None, check_references: bool = True, request=None
) -> SchemeVersion:
    """Make a draft the active version of its program; the version active before retires.

    ``check_references=False`` skips asking the quiz engine whether the exam and case slugs
    exist (only for trusted definitions such as the demo's).
    """
    version = SchemeVersion.objects.select_related("program").get(pk=version.pk)
    if version.status != SchemeVersion.Status.DRAFT:
        raise AssessmentError(_("Only a draft version can be activated."))
    try:
        scheme = version.scheme()
    except definition.DefinitionError as exc:
        raise AssessmentError(
            _("This version has errors and cannot be activated: %(errors)s") % {"errors": exc}
        ) from exc
    problems = scheme_reference_problems(scheme) if check_references else []
    if problems:
        raise AssessmentError("; ".join(str(p) for p in problems))
    now = timezone.now()
    active = version.program.versions.filter(status=SchemeVersion.Status.ACTIVE)
    retired = list(active.values_list("number", flat=True))
    active.update(status=SchemeVersion.Status.RETIRED, retired_at=now)
    version.status = SchemeVersion.Status.ACTIVE
    version.activated_at = now
    version.save(update_fields=["status", "activated_at"])
    audit.record(
        "assessment.scheme_activated",
        actor=by,
        obj=version,
        before={"program": version.program.code, "active_version": retired[0] if retired else None},
        after={"program": version.program.code, "active_version": version.number},
        request=request,
    )
    return version


@dataclass(frozen=True)
class SchemeImport:
    program: Program
    version: SchemeVersion
    program_created: bool


def _program_fields(data) -> tuple[dict, list[definition.Problem]]:
    problems = []
    program = data.get("program") if isinstance(data, dict) else None
    if not isinstance(program, dict):
        return {}, [definition.Problem(("program",), _("Give the program as an object."))]
    code = program.get("code")
    if not isinstance(code, str) or not PROGRAM_CODE_RE.match(code.strip()):
        problems.append(
            definition.Problem(
                ("program", "code"), _("Use capital letters, digits and hyphens, e.g. ASE-L1.")
            )
        )
    name = program.get("name")
    if not isinstance(name, str) or not name.strip() or len(name) > 200:
        problems.append(definition.Problem(("program", "name"), _("Give the program a name.")))
    name_en = program.get("name_en") or ""
    if not isinstance(name_en, str) or len(name_en) > 200:
        problems.append(
            definition.Problem(("program", "name_en"), _("Use text of at most 200 characters."))
        )
    months = program.get("validity_months", 24)
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= 240:
        problems.append(
            definition.Problem(
                ("program", "validity_months"), _("Enter a whole number of months from 1 to 240.")
            )
        )
    if problems:
        return {}, problems
    return {
        "code": code.strip(),
        "name": name.strip(),
        "name_en": name_en.strip(),
        "validity_months": months,
    }, []


@transaction.atomic
def scheme_import(
    *,
    data: dict,
    by=None,
    activate: bool = False,
    note: str = "",
    check_references: bool = True,
) -> SchemeImport:
    """Create a new version from the file format (and the program when it does not exist)."""
    fields, problems = _program_fields(data)
    scheme = None
    try:
        scheme = definition.parse(data)
    except definition.DefinitionError as exc:
        problems += exc.problems
    if scheme is not None and check_references:
        problems += scheme_reference_problems(scheme)
    if problems:
        raise definition.DefinitionError(problems)
    program, created = Program.objects.get_or_create(
        code=fields["code"],
        defaults={
            "name": fields["name"],
            "name_en": fields["name_en"],
            "validity_months": fields["validity_months"],
        },
    )
    version = scheme_version_create(program=program, scheme=scheme, by=by, note=note)
    if activate:
        version = scheme_version_activate(version=version, by=by, check_references=check_references)
    return SchemeImport(program, version, created)


def scheme_export(*, version: SchemeVersion) -> dict:
    """A version in the file format, ``program`` first."""
    program = version.program
    return {
        "program": {
            "code": program.code,
            "name": program.name,
            **({"name_en": program.name_en} if program.name_en else {}),
            "validity_months": program.validity_months,
        },
        **definition.to_dict(version.scheme()),
    }
