"""Writes of on-the-job metrics: plan rows against the stored records, apply a plan, and the
three ways in: a file (command and upload page), the API, and closing a peer round (decision 0402).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment import metric_files
from assessment.errors import AssessmentError, ReasonMissing
from assessment.metric_rows import (
    CREATE,
    UNCHANGED,
    UPDATE,
    PlannedRow,
    RawRow,
    RowError,
    check_rows,
    employee_ids,
)
from assessment.models import (
    IntegrationToken,
    MetricImport,
    MetricRecord,
    MetricRecordChange,
    Scorecard,
)
from assessment.selectors.engineers import user_ids_by_employee_ids
from assessment.selectors.schemes import indicator_catalog
from audit import api as audit
from lms.db.prepared import update_sql


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


def metrics_plan(*, rows: list[RawRow]) -> MetricPlan:
    """Check rows of metric records against the people and indicators that exist, and work out
    which records each would create or update.

    A row without a ``source`` or ``note`` cell (the file has no such column, or the API record
    no such field) keeps the stored source or note; an empty cell clears it. The checks are
    :func:`assessment.metric_rows.check_rows`; what they need is read here: the indicator
    catalog (one query), the employee map (one query per 5,000 IDs) and the stored records
    (one query).
    """
    checked = check_rows(
        rows=rows,
        catalog=indicator_catalog(),
        user_ids=user_ids_by_employee_ids(employee_ids(rows)),
    )
    if checked.errors:
        return MetricPlan(errors=checked.errors)
    plan = MetricPlan(rows=checked.rows)
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


def metrics_apply(
    *, plan: MetricPlan, by=None, via: str = "", reason: str = "", request=None
) -> MetricCounts:
    """Write a checked plan: new records, changed records with their history. One transaction.

    The audit trail gets one entry for the import and one per person whose changed values
    belong to a finalised scorecard; those changes need a ``reason`` (``ReasonMissing``, and
    nothing written, without one).
    """
    if not plan.ok:
        raise AssessmentError(_("The metrics have errors; nothing was written."))
    now = timezone.now()
    creates = [row for row in plan.rows if row.action == CREATE]
    updates = [row for row in plan.rows if row.action == UPDATE]
    finalised = _changed_after_finalisation(updates)
    if finalised and not (reason or "").strip():
        raise ReasonMissing(
            _(
                "Values of %(count)d people belong to finalised scorecards: give a reason "
                "for changing them. Nothing was written."
            )
            % {"count": len(finalised)}
        )
    counts = MetricCounts(len(creates), len(updates), len(plan.rows) - len(creates) - len(updates))
    with transaction.atomic():
        _insert_records(creates, now=now, by=by, via=via[:200])
        _update_records(updates, now=now, by=by, via=via[:200])
        _insert_history(updates, now=now, by=by, via=via[:200])
        _record_import(counts, finalised, by=by, via=via, reason=reason, request=request)
    return counts


def _changed_after_finalisation(updates: list[PlannedRow]) -> dict[int, list[PlannedRow]]:
    """Changed values of people whose scorecard for that period is finalised, per person
    (one query)."""
    if not updates:
        return {}
    frozen = set(
        Scorecard.objects.filter(period__in={row.period for row in updates})
        .values_list("employee_id", "period")
        .distinct()
    )
    changed: dict[int, list[PlannedRow]] = {}
    for row in updates:
        if (row.user_id, row.period) in frozen and row.value != row.old_value:
            changed.setdefault(row.user_id, []).append(row)
    return changed


def _record_import(counts: MetricCounts, finalised: dict, *, by, via, reason, request) -> None:
    audit.record(
        "assessment.metrics_imported",
        actor=by,
        after={
            "created": counts.created,
            "updated": counts.updated,
            "unchanged": counts.unchanged,
            "via": via[:200],
        },
        reason=reason,
        request=request,
    )
    people = get_user_model().objects.in_bulk(list(finalised))
    for user_id, rows in finalised.items():
        audit.record(
            "assessment.metric_changed_after_finalisation",
            actor=by,
            obj=people[user_id],
            subject=people[user_id],
            before={f"{row.indicator} {row.period}": row.old_value for row in rows},
            after={f"{row.indicator} {row.period}": row.value for row in rows},
            reason=reason,
            request=request,
        )


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
    field = MetricRecord._meta.get_field
    columns = ["value", "source", "note", "updated_at", "updated_by", "updated_via"]
    sql = update_sql(MetricRecord, columns, connection)
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
    *,
    data: bytes,
    filename: str = "",
    by=None,
    via: str = "",
    dry_run: bool = False,
    reason: str = "",
    request=None,
) -> FileImport:
    """Read, check and (unless ``dry_run`` or on any error) write a metrics file, all or nothing."""
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
        counts = metrics_apply(
            plan=plan,
            by=by,
            via=via or f"file {filename}".strip(),
            reason=reason,
            request=request,
        )
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


def metric_upload_commit(*, upload: MetricImport, by, reason: str = "", request=None) -> FileImport:
    if upload.status != MetricImport.Status.PREVIEWED:
        raise AssessmentError(_("This file was already imported."))
    with upload.file.open("rb") as handle:
        data = handle.read()
    with transaction.atomic():
        result = metrics_import_file(
            data=data,
            filename=upload.original_name,
            by=by,
            via=f"upload {upload.original_name}",
            reason=reason,
            request=request,
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


def metrics_push(*, records, token: IntegrationToken, reason: str = "", request=None) -> PushResult:
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
        unknown = sorted(set(record) - set(metric_files.FIELDS))
        for name in unknown:
            errors.append(
                {
                    "index": index,
                    "field": name,
                    "message": _("unknown field “%(name)s”") % {"name": name},
                }
            )
        rows.append(RawRow(index, {k: v for k, v in record.items() if k in metric_files.FIELDS}))
    if errors:
        return PushResult(errors, None)
    with transaction.atomic():
        plan = metrics_plan(rows=rows)
        if not plan.ok:
            return PushResult(
                [{"index": e.line, "field": e.field, "message": e.message} for e in plan.errors],
                None,
            )
        try:
            counts = metrics_apply(
                plan=plan, via=f"API {token.name}", reason=reason, request=request
            )
        except ReasonMissing as refusal:
            return PushResult([{"index": None, "field": "reason", "message": str(refusal)}], None)
    return PushResult([], counts)
