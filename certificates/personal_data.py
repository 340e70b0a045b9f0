"""A holder's certificates for their data export and erasure (decision 1002), through
``certificates.api``.

An erased holder's certificates keep verifying with their status unchanged: the name is
withheld (an empty ``holder_name``, shown as "Holder's name withheld at their request") and the
stored PDF, which prints the name, is removed from storage.
"""

from __future__ import annotations

from certificates.models import Certificate


def export_rows(person) -> dict[str, list[dict]]:
    rows = Certificate.objects.filter(holder=person).order_by("issued_on", "pk")
    return {
        "certificates": [
            {
                "serial": row.serial,
                "program": row.program.code,
                "period": row.period,
                "grade": row.grade,
                "total_score": row.total_score,
                "issued_on": row.issued_on,
                "valid_until": row.valid_until,
                "status": row.status,
                "holder_name": row.holder_name,
                "revocation_reason": row.revocation_reason,
            }
            for row in rows.select_related("program", "superseded_by")
        ]
    }


def withhold_holder_name(person, *, dry_run: bool) -> dict[str, int]:
    rows = list(Certificate.objects.filter(holder=person))
    named = [row for row in rows if row.holder_name]
    with_pdf = [row for row in rows if row.pdf]
    if not dry_run:
        for row in with_pdf:
            storage, name = row.pdf.storage, row.pdf.name
            storage.delete(name)
        Certificate.objects.filter(holder=person).update(holder_name="", pdf="")
    return {"certificates.holder_names": len(named), "certificates.pdfs": len(with_pdf)}
