"""On-the-job metrics: one value per (engineer, indicator, period), with the history of changes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.private_files import private_storage


class MetricRecord(models.Model):
    """The value of one indicator for one engineer in one period (e.g. 一次修复率 92.5 in 2026-Q3).

    The key (employee, indicator, period) is unique; a new value for a key replaces the old one
    and the old one is kept in :class:`MetricRecordChange`.
    """

    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("engineer"),
        on_delete=models.CASCADE,
        related_name="metric_records",
    )
    indicator = models.CharField(_("indicator"), max_length=64)
    period = models.CharField(_("period"), max_length=7)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    source = models.CharField(_("source"), max_length=100, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"))
    updated_at = models.DateTimeField(_("updated"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_via = models.CharField(_("updated through"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("metric record")
        verbose_name_plural = _("metric records")
        ordering = ["period", "employee__employee_id", "indicator"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "indicator", "period"], name="one_metric_value_per_key"
            )
        ]
        indexes = [models.Index(fields=["period", "indicator"], name="metric_period_indicator")]

    def __str__(self):
        return f"{self.employee_id} {self.indicator} {self.period} = {self.value}"


class MetricRecordChange(models.Model):
    """A change of a metric record: the value, source and note it had before, and who changed it."""

    record = models.ForeignKey(
        MetricRecord, verbose_name=_("record"), on_delete=models.CASCADE, related_name="history"
    )
    old_value = models.DecimalField(_("old value"), max_digits=14, decimal_places=4)
    old_source = models.CharField(_("old source"), max_length=100, blank=True)
    old_note = models.CharField(_("old note"), max_length=500, blank=True)
    new_value = models.DecimalField(_("new value"), max_digits=14, decimal_places=4)
    changed_at = models.DateTimeField(_("changed at"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_via = models.CharField(_("changed through"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("metric change")
        verbose_name_plural = _("metric changes")
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.record_id}: {self.old_value} → {self.new_value}"


class MetricImport(models.Model):
    """A metrics file uploaded by an assessor: previewed first, then committed all at once."""

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Previewed")
        COMMITTED = "committed", _("Committed")

    file = models.FileField(_("file"), storage=private_storage, upload_to="metric-imports/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.CASCADE,
        related_name="metric_imports",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PREVIEWED
    )
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    committed_at = models.DateTimeField(_("committed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("metrics import")
        verbose_name_plural = _("metrics imports")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        return self.original_name
