"""Reads of on-the-job metric records and the periods they cover."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from assessment.models import MetricRecord


def metric_periods(*, indicator_codes: Iterable[str]) -> list[str]:
    """Periods that hold a record for any of the indicators, newest first."""
    periods = (
        MetricRecord.objects.filter(indicator__in=list(indicator_codes))
        .values_list("period", flat=True)
        .distinct()
    )
    return sorted(set(periods), reverse=True)


def metric_records(*, period: str = "", indicator: str = "", employee_id: str = "") -> QuerySet:
    records = MetricRecord.objects.select_related("employee", "updated_by").order_by(
        "employee__employee_id", "indicator", "period"
    )
    if period:
        records = records.filter(period=period)
    if indicator:
        records = records.filter(indicator=indicator)
    if employee_id:
        records = records.filter(employee__employee_id=employee_id)
    return records


def all_metric_periods() -> list[str]:
    return sorted(
        set(MetricRecord.objects.values_list("period", flat=True).distinct()), reverse=True
    )
