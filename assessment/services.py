"""Writes of the assessment side: schemes, metrics, scorecards, peer evaluation and tokens.

Every function takes keyword arguments only and is the one place its change is made; views,
commands and the API call these.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment import definition, explain, inputs, scoring, selectors, snapshots
from assessment.metric_files import FIELDS, RawRow, RowError
from assessment.models import (
    IntegrationToken,
    MetricImport,
    MetricRecord,
    MetricRecordChange,
    PeerAssignment,
    PeerRound,
    Program,
    SchemeVersion,
    Scorecard,
    hash_token,
    is_period,
    snapshot_sha256,
)
from lms.parsing import InputError, control_character, parse_decimal

PROGRAM_CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,31}$")


class AssessmentError(Exception):
    """A request the rules refuse; the message is meant for the person who made it."""


# --- Schemes -----------------------------------------------------------------------------------


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
    *, version: SchemeVersion, by=None, check_references: bool = True
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
    version.program.versions.filter(status=SchemeVersion.Status.ACTIVE).update(
        status=SchemeVersion.Status.RETIRED, retired_at=now
    )
    version.status = SchemeVersion.Status.ACTIVE
    version.activated_at = now
    version.save(update_fields=["status", "activated_at"])
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
    months = program.get("validity_months", 24)
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= 240:
        problems.append(
            definition.Problem(
                ("program", "validity_months"), _("Enter a whole number of months from 1 to 240.")
            )
        )
    if problems:
        return {}, problems
    return {"code": code.strip(), "name": name.strip(), "validity_months": months}, []


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
        defaults={"name": fields["name"], "validity_months": fields["validity_months"]},
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
            "validity_months": program.validity_months,
        },
        **definition.to_dict(version.scheme()),
    }


# --- Metrics -----------------------------------------------------------------------------------

CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"
MAX_VALUE = Decimal("1e10")
FOUR_PLACES = Decimal("0.0001")


@dataclass(slots=True)
class PlannedRow:
    line: int
    user_id: int
    employee_id: str
    indicator: str
    period: str
    value: Decimal
    source: str | None  # None: keep what is stored
    note: str | None
    action: str = CREATE
    record_id: int | None = None
    old_value: Decimal | None = None
    old_source: str = ""
    old_note: str = ""


@dataclass
class MetricPlan:
    """What an import would do: each valid row's action, or the errors that stop it all."""

    rows: list[PlannedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)


@dataclass(frozen=True)
class MetricCounts:
    created: int
    updated: int
    unchanged: int


def _parse_value(raw) -> tuple[Decimal | None, str]:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, _("the value is required")
    try:
        return parse_decimal(raw, max_abs=MAX_VALUE, places=4), ""
    except InputError as exc:
        return None, str(exc)


def _text(raw) -> str:
    if raw.__class__ is str:
        return raw.strip()
    return "" if raw is None else str(raw).strip()


def _control_characters(cells: dict) -> list[tuple[str, int]]:
    """(field, index) of the first control character of each text cell (NUL and the like:
    PostgreSQL cannot store a NUL, and none belongs in a metric record)."""
    found = []
    for name, raw in cells.items():
        if raw.__class__ is str and not raw.isprintable():
            index = control_character(raw.strip())
            if index is not None:
                found.append((name, index))
    return found


def metrics_plan(*, rows: list[RawRow]) -> MetricPlan:
    """Check rows of metric records against the people and indicators that exist, and work out
    which records each would create or update.

    A row without a ``source`` or ``note`` cell (the file has no such column, or the API record
    no such field) keeps the stored source or note; an empty cell clears it.
    """
    plan = MetricPlan()
    catalog = selectors.indicator_catalog()
    employee_ids = {_text(row.cells.get("employee_id")) for row in rows}
    users = selectors.user_ids_by_employee_ids(
        e for e in employee_ids if e and control_character(e) is None
    )
    seen: dict[tuple[int, str, str], int] = {}
    periods: dict[str, bool] = {}  # a file holds few periods: check each once

    def error(row, name, message):
        plan.errors.append(RowError(row.line, name, message))

    for row in rows:
        cells = row.cells
        before = len(plan.errors)
        controlled = _control_characters(cells)
        for name, index in controlled:
            error(
                row,
                name,
                _("the %(field)s holds a control character at position %(position)s")
                % {"field": name, "position": index + 1},
            )
        if controlled:
            continue
        employee_id = _text(cells.get("employee_id"))
        user_id = users.get(employee_id)
        if not employee_id:
            error(row, "employee_id", _("the employee ID is required"))
        elif user_id is None:
            error(row, "employee_id", _("unknown employee ID “%(id)s”") % {"id": employee_id})
        code = _text(cells.get("indicator"))
        indicator = catalog.get(code)
        if not code:
            error(row, "indicator", _("the indicator is required"))
        elif indicator is None:
            error(row, "indicator", _("unknown indicator “%(code)s”") % {"code": code})
        period = _text(cells.get("period")).upper()
        if not period:
            error(row, "period", _("the period is required"))
        elif not periods.setdefault(period, is_period(period)):
            error(
                row,
                "period",
                _("“%(period)s” is not a period; use YYYY, YYYY-Qn or YYYY-MM")
                % {"period": _text(cells.get("period"))},
            )
        value, problem = _parse_value(cells.get("value"))
        if problem:
            error(row, "value", problem)
        elif indicator is not None:
            low, high = indicator.min_value, indicator.max_value
            if (low is not None and value < low) or (high is not None and value > high):
                error(
                    row,
                    "value",
                    _("%(value)s is outside the valid range %(low)s to %(high)s of %(code)s")
                    % {
                        "value": _text(cells.get("value")),
                        "low": "−∞" if low is None else definition.plain_number(low),
                        "high": "∞" if high is None else definition.plain_number(high),
                        "code": code,
                    },
                )
        source = _text(cells.get("source")) if "source" in cells else None
        if source is not None and len(source) > 100:
            error(row, "source", _("the source is longer than 100 characters"))
        note = _text(cells.get("note")) if "note" in cells else None
        if note is not None and len(note) > 500:
            error(row, "note", _("the note is longer than 500 characters"))
        if len(plan.errors) > before:
            continue
        key = (user_id, code, period)
        if key in seen:
            error(
                row,
                "employee_id",
                _("the same employee, indicator and period as line %(line)s") % {"line": seen[key]},
            )
            continue
        seen[key] = row.line
        plan.rows.append(
            PlannedRow(row.line, user_id, employee_id, code, period, value, source, note)
        )
    if plan.errors:
        plan.rows = []
        return plan
    _match_existing(plan)
    return plan


def _match_existing(plan: MetricPlan) -> None:
    if not plan.rows:
        return
    periods = {row.period for row in plan.rows}
    codes = {row.indicator for row in plan.rows}
    wanted = {(row.user_id, row.indicator, row.period): row for row in plan.rows}
    existing = MetricRecord.objects.filter(period__in=periods, indicator__in=codes).values_list(
        "pk", "employee_id", "indicator", "period", "value", "source", "note"
    )
    for pk, user_id, code, period, value, source, note in existing.iterator(chunk_size=10_000):
        row = wanted.get((user_id, code, period))
        if row is None:
            continue
        row.record_id, row.old_value, row.old_source, row.old_note = pk, value, source, note
        same = (
            value == row.value
            and (row.source is None or row.source == source)
            and (row.note is None or row.note == note)
        )
        row.action = UNCHANGED if same else UPDATE


def metrics_apply(*, plan: MetricPlan, by=None, via: str = "") -> MetricCounts:
    """Write a checked plan: new records, changed records with their history. One transaction."""
    if not plan.ok:
        raise AssessmentError(_("The metrics have errors; nothing was written."))
    now = timezone.now()
    creates = [row for row in plan.rows if row.action == CREATE]
    updates = [row for row in plan.rows if row.action == UPDATE]
    with transaction.atomic():
        _insert_records(creates, now=now, by=by, via=via[:200])
        _update_records(updates, now=now, by=by, via=via[:200])
        _insert_history(updates, now=now, by=by, via=via[:200])
    return MetricCounts(len(creates), len(updates), len(plan.rows) - len(creates) - len(updates))


def _insert_many(model, columns: list[str], rows) -> None:
    """Insert rows of values (in the order of ``columns``, already prepared for the database)
    with one prepared INSERT run for every row (``executemany``): for 100,000 rows this is
    several times faster than building model instances for bulk_create."""
    meta = model._meta
    quote = connection.ops.quote_name
    names = ", ".join(quote(meta.get_field(name).column) for name in columns)
    marks = ", ".join(["%s"] * len(columns))
    # Only quoted table and column names from the model's metadata go into the text.
    sql = f"INSERT INTO {quote(meta.db_table)} ({names}) VALUES ({marks})"  # noqa: S608
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[start : start + 5000])


def _decimal(value: Decimal, model=MetricRecord, name: str = "value"):
    return model._meta.get_field(name).get_db_prep_value(value, connection)


def _insert_records(rows: list[PlannedRow], *, now, by, via: str) -> None:
    stamp = MetricRecord._meta.get_field("updated_at").get_db_prep_value(now, connection)
    by_id = by.pk if by is not None else None
    columns = [
        "employee",
        "indicator",
        "period",
        "value",
        "source",
        "note",
        "created_at",
        "updated_at",
        "updated_by",
        "updated_via",
    ]
    values = [
        (
            row.user_id,
            row.indicator,
            row.period,
            _decimal(row.value),
            row.source or "",
            row.note or "",
            stamp,
            stamp,
            by_id,
            via,
        )
        for row in rows
    ]
    _insert_many(MetricRecord, columns, values)


def _insert_history(rows: list[PlannedRow], *, now, by, via: str) -> None:
    """Keep the value, source and note each changed record had before."""
    stamp = MetricRecordChange._meta.get_field("changed_at").get_db_prep_value(now, connection)
    by_id = by.pk if by is not None else None
    columns = [
        "record",
        "old_value",
        "old_source",
        "old_note",
        "new_value",
        "changed_at",
        "changed_by",
        "changed_via",
    ]
    values = [
        (
            row.record_id,
            _decimal(row.old_value),
            row.old_source,
            row.old_note,
            _decimal(row.value),
            stamp,
            by_id,
            via,
        )
        for row in rows
    ]
    _insert_many(MetricRecordChange, columns, values)


def _update_records(rows: list[PlannedRow], *, now, by, via: str) -> None:
    """Write changed values with one prepared UPDATE run for every row (``executemany``):
    Django's bulk_update builds one CASE expression per batch, which is far slower and larger
    for 100,000 rows."""
    if not rows:
        return
    meta = MetricRecord._meta
    field = meta.get_field
    columns = ["value", "source", "note", "updated_at", "updated_by", "updated_via"]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field(name).column)} = %s" for name in columns)
    # Only quoted table and column names from the model's metadata go into the text.
    sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {quote(meta.pk.column)} = %s"  # noqa: S608
    updated_at = field("updated_at").get_db_prep_value(now, connection)
    by_id = by.pk if by is not None else None
    params = [
        (
            field("value").get_db_prep_value(row.value, connection),
            row.old_source if row.source is None else row.source,
            row.old_note if row.note is None else row.note,
            updated_at,
            by_id,
            via,
            row.record_id,
        )
        for row in rows
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(params), 5000):
            cursor.executemany(sql, params[start : start + 5000])


@dataclass(frozen=True)
class FileImport:
    plan: MetricPlan
    errors: list[RowError]  # with file columns filled in
    counts: MetricCounts | None  # None when nothing was written (errors or dry run)
    row_count: int


def metrics_import_file(
    *, data: bytes, filename: str = "", by=None, via: str = "", dry_run: bool = False
) -> FileImport:
    """Read, check and (unless ``dry_run`` or on any error) write a metrics file, all or nothing."""
    from assessment import metric_files

    sheet = metric_files.read(data, filename)
    if sheet.errors:
        return FileImport(MetricPlan(errors=sheet.errors), sheet.errors, None, len(sheet.rows))
    with transaction.atomic():
        plan = metrics_plan(rows=sheet.rows)
        errors = [
            RowError(e.line, e.field, e.message, sheet.column_of(e.field) or 1) for e in plan.errors
        ]
        if errors or dry_run:
            return FileImport(plan, errors, None, len(sheet.rows))
        counts = metrics_apply(plan=plan, by=by, via=via or f"file {filename}".strip())
    return FileImport(plan, [], counts, len(sheet.rows))


def metric_upload_create(*, uploaded_file, by) -> MetricImport:
    """Keep an uploaded metrics file for its preview; nothing is imported yet."""
    upload = MetricImport(
        uploaded_by=by,
        original_name=uploaded_file.name[:255],
        size=uploaded_file.size or 0,
    )
    upload.file.save(f"metrics-{timezone.now():%Y%m%d%H%M%S}.upload", uploaded_file, save=False)
    upload.save()
    return upload


def metric_upload_preview(*, upload: MetricImport) -> FileImport:
    with upload.file.open("rb") as handle:
        data = handle.read()
    result = metrics_import_file(data=data, filename=upload.original_name, dry_run=True)
    MetricImport.objects.filter(pk=upload.pk).update(
        row_count=result.row_count, error_count=len(result.errors)
    )
    return result


def metric_upload_commit(*, upload: MetricImport, by) -> FileImport:
    if upload.status != MetricImport.Status.PREVIEWED:
        raise AssessmentError(_("This file was already imported."))
    with upload.file.open("rb") as handle:
        data = handle.read()
    with transaction.atomic():
        result = metrics_import_file(
            data=data, filename=upload.original_name, by=by, via=f"upload {upload.original_name}"
        )
        if result.counts is None:
            return result
        upload.status = MetricImport.Status.COMMITTED
        upload.committed_at = timezone.now()
        upload.row_count = result.row_count
        upload.error_count = 0
        upload.created_count = result.counts.created
        upload.updated_count = result.counts.updated
        upload.unchanged_count = result.counts.unchanged
        upload.save()
    return result


MAX_API_RECORDS = 200_000


@dataclass(frozen=True)
class PushResult:
    errors: list[dict]
    counts: MetricCounts | None


def metrics_push(*, records, token: IntegrationToken) -> PushResult:
    """Records pushed through the API (a JSON list of objects), all or nothing."""
    if not isinstance(records, list):
        return PushResult(
            [{"index": None, "field": "", "message": _("send a JSON list of records")}], None
        )
    if len(records) > MAX_API_RECORDS:
        return PushResult(
            [{"index": None, "field": "", "message": _("send at most 200,000 records at a time")}],
            None,
        )
    rows, errors = [], []
    for index, record in enumerate(records):
        if not isinstance(record, dict):
            errors.append(
                {"index": index, "field": "", "message": _("each record must be a JSON object")}
            )
            continue
        unknown = sorted(set(record) - set(FIELDS))
        for name in unknown:
            errors.append(
                {
                    "index": index,
                    "field": name,
                    "message": _("unknown field “%(name)s”") % {"name": name},
                }
            )
        rows.append(RawRow(index, {k: v for k, v in record.items() if k in FIELDS}))
    if errors:
        return PushResult(errors, None)
    with transaction.atomic():
        plan = metrics_plan(rows=rows)
        if not plan.ok:
            return PushResult(
                [{"index": e.line, "field": e.field, "message": e.message} for e in plan.errors],
                None,
            )
        counts = metrics_apply(plan=plan, via=f"API {token.name}")
    return PushResult([], counts)


# --- Tokens ------------------------------------------------------------------------------------


def token_create(*, name: str, scope: str = IntegrationToken.Scope.METRICS, by=None):
    """Create a token; return it and its key in plain text, which is shown once and not kept."""
    token = IntegrationToken(name=name, scope=scope, created_by=by)
    plain = token.set_new_key()
    token.save()
    return token, plain


def token_authenticate(*, key: str, scope: str) -> IntegrationToken | None:
    if not key:
        return None
    token = IntegrationToken.objects.filter(key_hash=hash_token(key), is_active=True).first()
    if token is None or token.scope != scope:
        return None
    IntegrationToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token


# --- Scorecards --------------------------------------------------------------------------------

COMPARED_PARTS = ("scheme_version", "inputs", "result")


def scorecard_snapshot(card: selectors.LiveScorecard) -> dict:
    """What finalising freezes: who, which program and period, the scheme version, the inputs
    and the result."""
    return {
        "format": 1,
        "employee": {
            "id": card.engineer.id,
            "employee_id": card.engineer.employee_id,
            "name": card.engineer.name,
        },
        "program": {"code": card.program.code, "name": card.program.name},
        "period": card.period,
        "scheme_version": {
            "number": card.version.number,
            "definition": definition.to_dict(card.version.scheme()),
        },
        "inputs": snapshots.inputs_to_dict(card.inputs, card.metrics),
        "result": snapshots.result_to_dict(card.result),
    }


def snapshot_differs(live: dict, frozen: dict) -> bool:
    """Whether the inputs, the scheme version or the result changed since a revision.

    The note that an exam result is provisional (a retake awaiting marking) is no change: the
    figures are the same, and marking that raises one makes the difference.
    """
    return any(
        snapshots.without_marking_notes(live.get(part))
        != snapshots.without_marking_notes(frozen.get(part))
        for part in COMPARED_PARTS
    )


@transaction.atomic
def scorecard_finalise(
    *, program: Program, period: str, user_id: int, by
) -> tuple[Scorecard, bool]:
    """Freeze the live scorecard as a new revision; return (revision, created).

    When nothing changed since the latest revision, that revision is returned unchanged.
    """
    card = selectors.live_scorecard(program=program, period=period, user_id=user_id)
    if card is None:
        raise AssessmentError(_("This program has no active scheme version."))
    if card.result.status == scoring.INCOMPLETE:
        raise AssessmentError(
            _("An incomplete scorecard cannot be finalised: %(count)d inputs are missing.")
            % {"count": len(card.result.missing)}
        )
    refusal = explain.provisional_refusal(card.result)
    if refusal:
        raise AssessmentError(refusal)
    snapshot = scorecard_snapshot(card)
    latest = (
        Scorecard.objects.filter(employee_id=user_id, program=program, period=period)
        .order_by("-revision")
        .first()
    )
    if latest is not None and not snapshot_differs(snapshot, latest.snapshot):
        return latest, False
    revision = Scorecard.objects.create(
        employee_id=user_id,
        program=program,
        period=period,
        revision=(latest.revision + 1) if latest else 1,
        scheme_version=card.version,
        status=card.result.status,
        total=scoring.display(card.result.total),
        grade=card.result.grade or "",
        snapshot=snapshot,
        sha256=snapshot_sha256(snapshot),
        finalised_at=timezone.now(),
        finalised_by=by,
    )
    return revision, True


def scorecard_comment(*, scorecard: Scorecard, comments: str, by) -> Scorecard:
    if scorecard.acknowledged_at is not None:
        raise AssessmentError(
            _("The engineer has acknowledged this report; the comments can no longer change.")
        )
    scorecard.comments = comments.strip()
    scorecard.comments_by = by
    scorecard.comments_at = timezone.now()
    scorecard.save(update_fields=["comments", "comments_by", "comments_at"])
    return scorecard


def scorecard_acknowledge(*, scorecard: Scorecard, reply: str, by) -> Scorecard:
    if by.pk != scorecard.employee_id:
        raise AssessmentError(_("Only the engineer can acknowledge their feedback report."))
    if scorecard.acknowledged_at is not None:
        raise AssessmentError(_("You have already acknowledged this report."))
    scorecard.acknowledged_at = timezone.now()
    scorecard.reply = reply.strip()
    scorecard.save(update_fields=["acknowledged_at", "reply"])
    return scorecard


# --- Peer evaluation ---------------------------------------------------------------------------

DEFAULT_PEER_ITEMS = (
    "与同事的沟通协作",  # communication and cooperation with colleagues
    "对团队目标的贡献",  # contribution to team goals
    "在团队中发挥的作用",  # role played in the team
)


@transaction.atomic
def peer_round_open(
    *,
    title: str,
    program: Program,
    cohort_id: int,
    cohort_name: str,
    member_ids: Iterable[int],
    period: str,
    indicator: str,
    items: list[str],
    raters_per_person: int | None = None,
    by=None,
) -> PeerRound:
    """Open a round: each member rates the next ``raters_per_person`` members (in employee-ID
    order, wrapping around), so everyone is rated by the same number of teammates."""
    version = program.active_version
    if version is None or indicator not in version.scheme().indicator_codes:
        raise AssessmentError(_("Choose an indicator of the program's active scheme."))
    if not is_period(period):
        raise AssessmentError(_("Use a period like 2026, 2026-Q3 or 2026-07."))
    items = [item.strip() for item in items if item.strip()]
    if not 1 <= len(items) <= 10:
        raise AssessmentError(_("List between one and ten teamwork items."))
    engineers = selectors.engineers_by_ids(member_ids)
    members = sorted(engineers.values(), key=lambda e: (e.employee_id, e.id))
    if len(members) < 2:
        raise AssessmentError(_("A peer evaluation needs at least two engineers in the cohort."))
    size = len(members)
    per_person = min(raters_per_person or size - 1, size - 1)
    peer_round = PeerRound.objects.create(
        title=title,
        program=program,
        cohort_id=cohort_id,
        cohort_name=cohort_name,
        period=period,
        indicator=indicator,
        items=items,
        opened_by=by,
    )
    PeerAssignment.objects.bulk_create(
        [
            PeerAssignment(
                round=peer_round,
                rater_id=rater.id,
                ratee_id=members[(index + step) % size].id,
            )
            for index, rater in enumerate(members)
            for step in range(1, per_person + 1)
        ]
    )
    return peer_round


def peer_rating_submit(*, assignment: PeerAssignment, scores: list[int]) -> PeerAssignment:
    if not assignment.round.is_open:
        raise AssessmentError(_("This peer evaluation is closed."))
    if len(scores) != len(assignment.round.items) or any(
        isinstance(s, bool) or not isinstance(s, int) or not 1 <= s <= 5 for s in scores
    ):
        raise AssessmentError(_("Rate every item from 1 to 5."))
    assignment.scores = list(scores)
    assignment.submitted_at = timezone.now()
    assignment.save(update_fields=["scores", "submitted_at"])
    return assignment


@dataclass(frozen=True)
class PeerResult:
    user_id: int
    employee_id: str
    name: str
    ratings: int  # how many teammates rated the engineer
    mean: Decimal | None


def peer_round_results(*, peer_round: PeerRound) -> list[PeerResult]:
    """Each rated engineer's mean over every submitted rating (no rater is named)."""
    scores: dict[int, list[int]] = {}
    counts: dict[int, int] = {}
    ratees = set()
    for ratee_id, given, submitted in peer_round.assignments.values_list(
        "ratee_id", "scores", "submitted_at"
    ):
        ratees.add(ratee_id)
        if submitted is not None and given:
            scores.setdefault(ratee_id, []).extend(given)
            counts[ratee_id] = counts.get(ratee_id, 0) + 1
    engineers = selectors.engineers_by_ids(ratees)
    results = []
    for ratee_id in ratees:
        engineer = engineers[ratee_id]
        given = scores.get(ratee_id)
        mean = None
        if given:
            mean = (Decimal(sum(given)) / len(given)).quantize(FOUR_PLACES, rounding=ROUND_HALF_UP)
        results.append(
            PeerResult(ratee_id, engineer.employee_id, engineer.name, counts.get(ratee_id, 0), mean)
        )
    return sorted(results, key=lambda r: r.employee_id)


@dataclass(frozen=True)
class PeerClose:
    counts: MetricCounts
    unrated: list[PeerResult]


@transaction.atomic
def peer_round_close(*, peer_round: PeerRound, by=None) -> PeerClose:
    """Close the round and write each rated engineer's mean as the indicator's value."""
    peer_round = PeerRound.objects.select_for_update().get(pk=peer_round.pk)
    if not peer_round.is_open:
        raise AssessmentError(_("This peer evaluation is already closed."))
    results = peer_round_results(peer_round=peer_round)
    rated = [r for r in results if r.mean is not None]
    rows = [
        RawRow(
            index + 1,
            {
                "employee_id": r.employee_id,
                "indicator": peer_round.indicator,
                "period": peer_round.period,
                "value": str(r.mean),
                "source": "peer_evaluation",
                "note": _("Mean of %(count)d teammates' ratings in “%(title)s”")
                % {"count": r.ratings, "title": peer_round.title},
            },
        )
        for index, r in enumerate(rated)
    ]
    plan = metrics_plan(rows=rows)
    if not plan.ok:
        raise AssessmentError("; ".join(e.message for e in plan.errors))
    counts = metrics_apply(plan=plan, by=by, via=f"peer round {peer_round.pk}")
    peer_round.status = PeerRound.Status.CLOSED
    peer_round.closed_at = timezone.now()
    peer_round.save(update_fields=["status", "closed_at"])
    return PeerClose(counts, [r for r in results if r.mean is None])
