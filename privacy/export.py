"""A person's data as one zip: ``personal-data.json``, ``personal-data.xlsx`` (one sheet per
section) and the files attached to their case reports (decision 1002).

Every app gives its sections through its ``api.personal_data(person=…)``; apps above privacy
(appeals) register theirs with ``privacy.api.register_export_section``. The audit entries about
the person come from ``audit.api.entries_about``.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date, datetime
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from openpyxl import Workbook

from assessment import api as assessment_api
from audit import api as audit_api
from cases import api as cases_api
from certificates import api as certificates_api
from courses import api as courses_api
from exams import api as exams_api
from lms.exports import neutralise
from notifications import api as notifications_api
from people import api as people_api
from privacy.api import registered_export_sections
from privacy.models import NoticeAcknowledgement

PROFILE_FIELDS = (
    "username",
    "employee_id",
    "display_name",
    "first_name",
    "last_name",
    "email",
    "department",
    "region",
    "hire_date",
    "language",
    "date_joined",
    "last_login",
    "is_active",
)


def profile(person) -> dict[str, list[dict]]:
    row = {name: getattr(person, name) for name in PROFILE_FIELDS}
    row["manager"] = person.manager.get_full_name() if person.manager_id else ""
    row["groups"] = ", ".join(person.groups.order_by("name").values_list("name", flat=True))
    acknowledgements = NoticeAcknowledgement.objects.filter(user=person).order_by("pk")
    return {
        "profile": [row],
        "privacy_notice_acknowledgements": list(
            acknowledgements.values("notice__version", "acknowledged_at")
        ),
    }


def audit_rows(person) -> dict[str, list[dict]]:
    rows = audit_api.entries_about(person).values(
        "at", "chain", "sequence", "action", "object_type", "object_id", "before", "after", "reason"
    )
    return {"audit_entries": list(rows)}


def sections(person) -> dict[str, list[dict]]:
    """Every section of ``person``'s data, in the order of the export."""
    found: dict[str, list[dict]] = {}
    found.update(profile(person))
    found.update(people_api.personal_data(person=person))
    found.update(courses_api.personal_data(person=person))
    found.update(exams_api.personal_data(person=person))
    found.update(cases_api.personal_data(person=person))
    found.update(assessment_api.personal_data(person=person))
    found.update(certificates_api.personal_data(person=person))
    found.update(notifications_api.personal_data(person=person))
    for name, fn in registered_export_sections().items():
        found[name] = list(fn(person))
    found.update(audit_rows(person))
    return found


def _cell(value):
    if value is None or isinstance(value, bool | int | float | Decimal):
        return value
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, date):
        return value
    if isinstance(value, dict | list):
        return neutralise(json.dumps(value, ensure_ascii=False, cls=DjangoJSONEncoder))
    return neutralise(str(value))


def workbook_bytes(found: dict[str, list[dict]]) -> bytes:
    workbook = Workbook(write_only=True)
    for name, rows in found.items():
        sheet = workbook.create_sheet(title=name[:31])
        header = list(rows[0]) if rows else []
        sheet.append(header)
        for row in rows:
            sheet.append([_cell(row.get(key)) for key in header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_zip(person) -> bytes:
    """The zip of ``person``'s data."""
    found = sections(person)
    document = {
        "exported_at": timezone.now(),
        "employee_id": person.employee_id,
        "sections": found,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "personal-data.json",
            json.dumps(document, ensure_ascii=False, indent=2, cls=DjangoJSONEncoder),
        )
        archive.writestr("personal-data.xlsx", workbook_bytes(found))
        for path, content in cases_api.personal_files(person=person):
            archive.writestr(path, content)
    return buffer.getvalue()
