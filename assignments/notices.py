"""The events the assignments app sends through the notification service (decisions 0800,
0805): ``assignment.assigned``, ``assignment.due_soon`` (stage = days before the due date) and
``assignment.overdue`` (stage ``learner``, then ``manager`` for the person's manager).

The item is ``assignment:<id>``; a manager's overdue notice names the late person too,
``assignment:<id>:person:<id>``, so a manager hears once per assignment and person. What a
notice says — the target's title in Chinese and English, its date, the link to the work — is
written here, for the notification and for its email (in the recipient's language).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from assignments import selectors
from assignments.models import Assignment
from notifications.api import EventType, register_event_type

ASSIGNED = "assignment.assigned"
DUE_SOON = "assignment.due_soon"
OVERDUE = "assignment.overdue"
LEARNER = "learner"
MANAGER = "manager"


@dataclass(frozen=True)
class Target:
    """What an assignment asks for, as a notice names it."""

    title: str  # Chinese, always there
    title_en: str  # "" when the target has no English title
    url: str
    url_en: str

    def title_in(self, language: str) -> str:
        return self.title_en if language.startswith("en") and self.title_en else self.title

    def url_in(self, language: str) -> str:
        return self.url_en if language.startswith("en") else self.url


def item_of(assignment_id: int, person_id: int | None = None) -> str:
    return f"assignment:{assignment_id}" + (f":person:{person_id}" if person_id else "")


def parse_item(item: str) -> tuple[int, int | None]:
    """``assignment:12`` → (12, None); ``assignment:12:person:34`` → (12, 34)."""
    parts = item.split(":")
    return int(parts[1]), int(parts[3]) if len(parts) == 4 else None


def targets(assignments: list[Assignment]) -> dict[int, Target]:
    """Assignment id → its ``Target``; the assignments with their targets (``with_targets``).
    1 query (the English pages of the courses among them)."""
    courses = [a.course for a in assignments if a.kind == Assignment.Kind.COURSE]
    english = {
        page.translation_key: page
        for page in Page.objects.filter(
            translation_key__in=[c.translation_key for c in courses],
            locale__language_code="en",
            live=True,
        )
    }
    found = {}
    for a in assignments:
        target = a.target
        if a.kind == Assignment.Kind.COURSE:
            page = english.get(target.translation_key)
            url = target.get_url() or ""
            found[a.pk] = Target(
                target.title, page.title if page else "", url, (page.get_url() if page else url)
            )
            continue
        if a.kind == Assignment.Kind.EXAM:
            title, title_en = target.title, target.title_en
            url = reverse("exams:quiz_detail", kwargs={"slug": target.slug})
        elif a.kind == Assignment.Kind.CASE:
            title, title_en = target.title, target.title_en
            url = reverse("cases:case_detail", kwargs={"slug": target.slug})
        else:
            title = f"{target.code} {target.name}"
            title_en = f"{target.code} {target.name_en}" if target.name_en else ""
            url = reverse("assessment:my_scorecards")
        found[a.pk] = Target(title, title_en, url, url)
    return found


def day(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d}"


def titles(
    event: str, stage: str, target: Target, due: datetime, person=None, now: datetime | None = None
) -> dict:
    """The notice's title in Chinese and English (English only when the target has one). Due
    soon counts the days really left at ``now`` (a late run is not "due in 3 days" when two
    are left); a manager's names the late person (in English by their user name) and their
    employee id."""
    date = day(due)
    if event == ASSIGNED:
        zh, en = f"{target.title}（截止 {date}）", f"{target.title_en} (due {date})"
    elif event == DUE_SOON:
        left = max(1, math.ceil((due - (now or timezone.now())).total_seconds() / 86400))
        zh = f"{target.title}：{left} 天后截止（{date}）"
        en = f"{target.title_en}: due in {left} day{'s' if left != 1 else ''} ({date})"
    elif stage == LEARNER:
        zh, en = (
            f"{target.title}：已逾期（截止 {date}）",
            f"{target.title_en}: overdue (due {date})",
        )
    else:
        # The Chinese title names the person; the English one their user name, written in
        # Latin letters (a stored title cannot mark a Chinese name as a name on an English
        # page, and the inbox shows the title whole).
        name = person.name or person.username
        who = f"{name}（{person.employee_id}）" if person.employee_id else name
        who_en = (
            f"{person.username} ({person.employee_id})" if person.employee_id else person.username
        )
        zh = f"{who}：{target.title} 已逾期（截止 {date}）"
        en = f"{who_en}: {target.title_en} is overdue (due {date})"
    return {"title": zh, "title_en": en if target.title_en else ""}


# --- Emails ----------------------------------------------------------------------------------


def assignment_email(template: str):
    """The email builder of one event: ``templates/assignments/email/<template>…``."""

    def build(*, recipient, item: str) -> EmailMessage | None:
        if not recipient.email:
            return None
        assignment_id, person_id = parse_item(item)
        assignment = selectors.with_targets(Assignment.objects.filter(pk=assignment_id)).first()
        if assignment is None:
            return None
        person = get_user_model().objects.get(pk=person_id) if person_id else recipient
        dates = selectors.dates([assignment], [person.pk])[(assignment.pk, person.pk)]
        language = recipient.preferred_language()
        target = targets([assignment])[assignment.pk]
        context = {
            "recipient": recipient,
            "person": person,
            "title": target.title_in(language),
            "url": settings.BASE_URL.rstrip("/") + target.url_in(language),
            "due": dates.due_at,
            "days_left": max(1, math.ceil((dates.due_at - timezone.now()).total_seconds() / 86400)),
            "note": assignment.note_shown,
        }
        with translation.override(language):
            subject = render_to_string(f"assignments/email/{template}_subject.txt", context)
            body = render_to_string(f"assignments/email/{template}.txt", context)
        return EmailMessage(subject=subject.strip(), body=body, to=[recipient.email])

    return build


_overdue_learner = assignment_email("overdue")
_overdue_manager = assignment_email("overdue_manager")


def overdue_email(*, recipient, item: str) -> EmailMessage | None:
    """To the learner, or to their manager when the item names the person."""
    builder = _overdue_manager if parse_item(item)[1] else _overdue_learner
    return builder(recipient=recipient, item=item)


register_event_type(
    EventType(key=ASSIGNED, label=_("Work assigned"), email=assignment_email("assigned"), order=5)
)
register_event_type(
    EventType(key=DUE_SOON, label=_("Work due soon"), email=assignment_email("due_soon"), order=6)
)
register_event_type(EventType(key=OVERDUE, label=_("Work overdue"), email=overdue_email, order=7))
