"""What ``manage.py send_reminders`` computes and sends (decision 0805).

One run, for a moment ``now``:

1. **Renewals**: each valid certificate entering its program's renewal window gets its renewal
   assignment (``assignments.renewals``), once.
2. **Assignment reminders**: for every assignment started and not past its chase period, every
   person of its audience who is not done gets what is due at ``now`` by their dates —
   ``assignment.assigned``; ``assignment.due_soon`` at N days before the due date (the smallest
   N whose time has come, for N in ``ASSIGNMENTS_DUE_SOON_DAYS``); ``assignment.overdue`` at the
   due date (stage ``learner``), and to their manager ``ASSIGNMENTS_OVERDUE_MANAGER_DAYS`` later
   (stage ``manager``).
3. **Certificate expiry reminders** for each window in ``EXPIRY_REMINDER_DAYS`` (30 days, as
   ``send_expiry_reminders --days 30`` was run daily before).

Everything goes through ``notifications.api.notify_many``, which tells a person once per event,
item and stage however often this runs. The work is bulk: the audience, dates and existing
notifications are read once; progress only for the people still to be told (nothing is
pending: no progress query at all).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from operator import itemgetter
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from assignments import notices, renewals, selectors
from assignments.models import Assignment
from certificates import api as certificates
from lms.garbage_collection import collector_paused
from notifications import api as notifications

CHUNK = 5000
# Days after an assignment's due date during which it is still chased (newcomers told, overdue
# reminders sent); older assignments cost a run nothing.
CHASE_DAYS = 30
# The certificate expiry reminders' windows (days before expiry); once per certificate each.
EXPIRY_REMINDER_DAYS = (30,)


class Row(NamedTuple):
    """One channel a notice went out on (or would, in a dry run): what ``--format json`` prints.
    ``channel``: ``inbox`` (the inbox entry, always), ``email`` or ``robot:<robot id>``."""

    employee_id: str | None
    username: str
    event: str
    item: str
    channel: str

    def as_json(self) -> dict:
        return {
            "employee_id": self.employee_id,
            "event": self.event,
            "item": self.item,
            "channel": self.channel,
        }


def stages_due(
    *, start: datetime, due: datetime, now: datetime, due_soon_days, manager_after: int
) -> list[tuple[str, str]]:
    """(event, stage) of everything whose time has come for one person at ``now``."""
    if now < start:
        return []
    found = [(notices.ASSIGNED, "")]
    if now >= due:
        found.append((notices.OVERDUE, notices.LEARNER))
        if now >= due + timedelta(days=manager_after):
            found.append((notices.OVERDUE, notices.MANAGER))
        return found
    open_windows = [days for days in due_soon_days if now >= due - timedelta(days=days)]
    if open_windows:
        found.append((notices.DUE_SOON, str(min(open_windows))))
    return found


def send_reminders(*, now: datetime | None = None, dry_run: bool = False) -> list[Row]:
    """Send (``dry_run``: list without writing or sending) everything due at ``now``."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    # Millions of tuples alive at once, none in a reference cycle (lms.garbage_collection).
    with collector_paused():
        sent = renewals.renewals_assign(now=now, dry_run=dry_run)
        sent += assignment_reminders(now=now, dry_run=dry_run)
        for days in EXPIRY_REMINDER_DAYS:
            sent += certificates.send_expiry_reminders(days=days, today=today, dry_run=dry_run)
        return rows(sent)


def assignment_reminders(*, now: datetime, dry_run: bool = False) -> list[notifications.Sent]:
    assignments = list(
        selectors.with_targets(
            Assignment.objects.filter(
                start_at__lte=now,
                due_at__gte=now - timedelta(days=CHASE_DAYS),
            )
        )
    )
    if not assignments:
        return []
    audience = selectors.audience(assignments)
    people = _people({uid for members in audience.values() for uid in members})
    pending = _pending(assignments, audience, people, now)
    if not pending:
        return []
    by_id = {a.pk: a for a in assignments}
    progress = selectors.statuses(
        [by_id[pk] for pk in {a_id for a_id, _uid, _e, _s, _d in pending}],
        {uid for _a, uid, _e, _s, _d in pending},
    )
    pending = [p for p in pending if not progress[(p[0], p[1])].done]
    wanted = {people[p[1]]["manager_id"] for p in pending if p[3] == notices.MANAGER}
    people.update(_people(wanted - set(people)))
    # A deactivated manager is told nothing.
    pending = [
        p for p in pending if p[3] != notices.MANAGER or people[p[1]]["manager_id"] in people
    ]
    texts = notices.targets([by_id[a_id] for a_id in {p[0] for p in pending}])
    to_send = _notices(pending, people, texts, now)
    return notifications.notify_many(notices=to_send, dry_run=dry_run, checked=True)


def _people(ids) -> dict[int, dict]:
    """Active people by id: employee id, username, language and manager. 1 query per 5,000."""
    ids = sorted(i for i in ids if i)
    found = {}
    fields = ("pk", "employee_id", "username", "display_name", "language", "manager_id")
    for start in range(0, len(ids), CHUNK):
        rows = get_user_model().objects.filter(pk__in=ids[start : start + CHUNK], is_active=True)
        for row in rows.values(*fields):
            found[row["pk"]] = row
    return found


def _pending(assignments, audience, people, now) -> list[tuple]:
    """(assignment id, person id, event, stage, due) of each notice due at ``now`` that nobody
    sent yet. What is due is worked out once per group of people sharing their dates
    (``selectors.date_groups``); who was told, in one query per event and item. A run with
    nothing to send reads ids only."""
    days = settings.ASSIGNMENTS_DUE_SOON_DAYS
    manager_after = settings.ASSIGNMENTS_OVERDUE_MANAGER_DAYS
    # (assignment id, event, stage) → {person id: their due date}
    wanted: dict[tuple[int, str, str], dict[int, datetime]] = defaultdict(dict)
    groups = selectors.date_groups(assignments, audience)
    for a in assignments:
        for (start, due), members in groups[a.pk].items():
            members = [uid for uid in members if uid in people]  # deactivated: nothing
            for event, stage in stages_due(
                start=start, due=due, now=now, due_soon_days=days, manager_after=manager_after
            ):
                told = members
                if stage == notices.MANAGER:  # about each person who has a manager
                    told = [uid for uid in members if people[uid]["manager_id"]]
                wanted[(a.pk, event, stage)].update(dict.fromkeys(told, due))
    pending = []
    for (a_id, event, stage), due_of in wanted.items():
        if stage == notices.MANAGER:
            # Each manager is told about each of their people: the item names the person.
            items = {notices.item_of(a_id, uid): uid for uid in due_of}
            told = notifications.told_about(event=event, stage=stage, items=items)
            told_items = {item for _manager, item in told}
            to_tell = [uid for item, uid in items.items() if item not in told_items]
        else:
            told = notifications.told_about(event=event, stage=stage, items=[notices.item_of(a_id)])
            told_people = {recipient for recipient, _item in told}
            to_tell = [uid for uid in due_of if uid not in told_people]
        pending += [(a_id, uid, event, stage, due_of[uid]) for uid in sorted(to_tell)]
    return pending


def _notices(pending: list[tuple], people: dict, texts: dict, now: datetime) -> list:
    """The notices of the pending reminders. A title is written once per assignment, event,
    stage and due date (the same for everyone sharing them), a link once per assignment and
    language; only a manager's title is written per notice (it names the late person)."""
    said: dict[tuple, dict] = {}  # (assignment id, event, stage, due) → titles
    links: dict[tuple[int, str], str] = {}  # (assignment id, language) → link
    default_language = settings.LANGUAGE_CODE
    found = []
    for assignment_id, uid, event, stage, due in pending:
        person = people[uid]
        if stage == notices.MANAGER:
            recipient = people[person["manager_id"]]
            item = notices.item_of(assignment_id, uid)
            titles = notices.titles(event, stage, texts[assignment_id], due, _Who(person), now)
        else:
            recipient, item = person, notices.item_of(assignment_id)
            titles = said.get((assignment_id, event, stage, due))
            if titles is None:
                titles = notices.titles(event, stage, texts[assignment_id], due, now=now)
                said[(assignment_id, event, stage, due)] = titles
        language = recipient["language"] or default_language
        url = links.get((assignment_id, language))
        if url is None:
            url = links[(assignment_id, language)] = texts[assignment_id].url_in(language)
        found.append(
            notifications.Notice(
                recipient["pk"], event, item, titles["title"], url, titles["title_en"], stage
            )
        )
    return found


@dataclass(frozen=True)
class _Who:
    row: dict

    @property
    def employee_id(self):
        return self.row["employee_id"]

    @property
    def username(self):
        return self.row["username"]

    @property
    def name(self):
        return self.row["display_name"]


def rows(sent: list[notifications.Sent]) -> list[Row]:
    """The channels sent, with each recipient's employee id, ordered for reading: by
    recipient (employee id, user name), then event, item and channel. Sorted per recipient, not
    as one list (a first run sends a million)."""
    who = defaultdict(lambda: {"employee_id": None, "username": ""})
    ids = sorted({s.recipient_id for s in sent})
    for start in range(0, len(ids), CHUNK):
        users = get_user_model().objects.filter(pk__in=ids[start : start + CHUNK])
        for row in users.values("pk", "employee_id", "username"):
            who[row["pk"]] = row
    # (employee id or "", user name) → that recipient's rows (two unknown recipients share one)
    by_recipient: dict[tuple[str, str], list[Row]] = defaultdict(list)
    lists = {}  # recipient id → (their employee id, user name, their list)
    make = Row._make  # a million in a first run: not through the named tuple's __new__
    for recipient_id, event, item, _stage, channel in sent:
        mine = lists.get(recipient_id)
        if mine is None:
            person = who[recipient_id]
            employee_id, username = person["employee_id"], person["username"]
            mine = (employee_id, username, by_recipient[(employee_id or "", username)])
            lists[recipient_id] = mine
        mine[2].append(make((mine[0], mine[1], event, item, channel)))
    found = []
    for recipient in sorted(by_recipient):
        found += sorted(by_recipient[recipient], key=_ROW_ORDER)
    return found


_ROW_ORDER = itemgetter(2, 3, 4)  # event, item, channel
