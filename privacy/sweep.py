"""Rewrite every copy of an erased person's name and contact data, in every table (decision
1002): Wagtail's log entries (``label``), revisions, snapshots in JSON columns, notification
titles and deliveries, roster records…

Each app removes its own free text through its ``api``; this sweep is the net under them. It
reads every text and JSON column of every model (JSON in Python, since a database may store it
escaped) and replaces each of the person's identifiers with their anonymous label. It leaves out
the user table (another person may carry the same name) and the audit trail (whose entries hold
no names by rule, and whose hashes must not change).
"""

from __future__ import annotations

import re
from collections import Counter

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

SKIPPED_APPS = frozenset({"audit", "sessions", "contenttypes"})
SWEPT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def identifiers(person, extra: list[str]) -> list[tuple[str, re.Pattern]]:
    """Patterns of what names ``person``: their names, e-mail, employee id and ``extra`` (e.g.
    their mobile). Latin identifiers match as whole words, Chinese names anywhere."""
    candidates = {
        person.display_name,
        f"{person.first_name} {person.last_name}".strip(),
        f"{person.last_name}{person.first_name}".strip(),
        f"{person.last_name} {person.first_name}".strip(),
        person.email,
        person.employee_id or "",
        *extra,
    }
    patterns = []
    for text in sorted((c.strip() for c in candidates if c and len(c.strip()) >= 2), key=len)[::-1]:
        if text.isascii():
            pattern = re.compile(rf"(?<![\w.@+-]){re.escape(text)}(?![\w@-])", re.I)
        else:
            pattern = re.compile(re.escape(text))
        patterns.append((text, pattern))
    return patterns


def _replace(value, patterns, label):
    if isinstance(value, str):
        for _text, pattern in patterns:
            value = pattern.sub(label, value)
        return value
    if isinstance(value, list):
        return [_replace(item, patterns, label) for item in value]
    if isinstance(value, dict):
        return {key: _replace(item, patterns, label) for key, item in value.items()}
    return value


def _swept_fields(model):
    for field in model._meta.local_concrete_fields:
        if field.primary_key or field.choices:
            continue
        if isinstance(field, SWEPT_FIELDS):
            yield field


def _models():
    user_model = get_user_model()
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed or meta.swapped or model is user_model:
            continue
        if meta.app_label in SKIPPED_APPS:
            continue
        yield model


def _sweep_field(model, field, patterns, label, username, dry_run) -> int:
    changed = 0
    name = field.attname
    rows = model._base_manager.all()
    if field.name == "username":
        rows = rows.filter(**{f"{name}__iexact": username})
    elif not isinstance(field, models.JSONField):
        # Text columns are narrowed by the database; JSON ones are read (stored escaped).
        matches = models.Q()
        for text, _pattern in patterns:
            matches |= models.Q(**{f"{name}__icontains": text})
        rows = rows.filter(matches)
    for pk, value in rows.values_list("pk", name).iterator(chunk_size=2000):
        if value is None or value == "":
            continue
        if field.name == "username" and isinstance(value, str):
            new = label if value.casefold() == username.casefold() else value
        else:
            new = _replace(value, patterns, label)
        if new != value:
            changed += 1
            if not dry_run:
                model._base_manager.filter(pk=pk).update(**{name: new})
    return changed


def sweep(person, *, label: str, extra: list[str], dry_run: bool) -> dict[str, int]:
    """Replace ``person``'s identifiers with ``label`` everywhere; rows changed by model."""
    patterns = identifiers(person, extra)
    changed: Counter[str] = Counter()
    for model in _models():
        for field in _swept_fields(model):
            count = _sweep_field(model, field, patterns, label, person.username, dry_run)
            if count:
                changed[f"{model._meta.label}.{field.name}"] += count
    return dict(changed)
