"""Reads of the audit trail: what it says about a person, and the rows of the audit page."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.text import capfirst

from audit import actions
from audit.models import Entry


def entries_about(person) -> QuerySet[Entry]:
    """Every entry about ``person`` or made by them, oldest first."""
    return Entry.objects.filter(Q(subject=person) | Q(actor=person)).order_by(
        "at", "chain", "sequence"
    )


@dataclass(frozen=True)
class Row:
    """One entry as the audit page and its spreadsheet show it."""

    entry: Entry
    at: object
    chain: str
    sequence: int
    by: str
    by_employee_id: str
    action: str
    object: str
    object_url: str
    about: str
    about_employee_id: str
    change: str
    reason: str
    address: str


def entries_for_page() -> QuerySet[Entry]:
    """Every entry, newest first, with the accounts of who made it and whom it is about."""
    return Entry.objects.select_related("actor", "subject").order_by("-at", "-pk")


def object_label(object_type: str, object_id: str) -> str:
    if not object_type:
        return ""
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return f"{object_type} #{object_id}"
    return f"{capfirst(model._meta.verbose_name)} #{object_id}"


def change_summary(before: dict, after: dict) -> str:
    """``key: before → after`` for each key of either side (ids, statuses, scores, dates)."""
    parts = []
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if key not in before:
            parts.append(f"{key}: {_text(new)}")
        elif key not in after:
            parts.append(f"{key}: {_text(old)} → —")
        elif old == new:
            parts.append(f"{key}: {_text(new)}")
        else:
            parts.append(f"{key}: {_text(old)} → {_text(new)}")
    return "; ".join(parts)


def _text(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or "—"
    return str(value)


def _name(user) -> str:
    return user.get_full_name() if user is not None else ""


def page_rows(entries, *, link_for=None) -> list[Row]:
    """``entries`` (from :func:`entries_for_page`) as rows. ``link_for(instance)`` gives an
    object's URL (or ""): the objects are read with one query per type of object on the page,
    so the page's queries do not grow with its rows."""
    entries = list(entries)
    urls = _object_urls(entries, link_for) if link_for is not None else {}
    return [
        Row(
            entry=entry,
            at=entry.at,
            chain=entry.get_chain_display(),
            sequence=entry.sequence,
            by=_name(entry.actor),
            by_employee_id=(entry.actor.employee_id or "") if entry.actor else "",
            action=actions.label(entry.action),
            object=object_label(entry.object_type, entry.object_id),
            object_url=urls.get((entry.object_type, entry.object_id), ""),
            about=_name(entry.subject),
            about_employee_id=(entry.subject.employee_id or "") if entry.subject else "",
            change=change_summary(entry.before or {}, entry.after or {}),
            reason=entry.reason,
            address=entry.address or "",
        )
        for entry in entries
    ]


def _object_urls(entries: list[Entry], link_for) -> dict[tuple[str, str], str]:
    wanted: dict[str, set[str]] = {}
    for entry in entries:
        if entry.object_type:
            wanted.setdefault(entry.object_type, set()).add(entry.object_id)
    urls = {}
    for object_type, ids in wanted.items():
        try:
            model = apps.get_model(object_type)
        except (LookupError, ValueError):
            continue
        for pk, instance in model._default_manager.in_bulk(_pks(model, ids)).items():
            url = link_for(instance)
            if url:
                urls[(object_type, str(pk))] = url
    return urls


def _pks(model, ids: set[str]) -> list:
    field = model._meta.pk
    values = []
    for value in ids:
        try:
            values.append(field.to_python(value))
        except ValidationError:
            continue
    return values
