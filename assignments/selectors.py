"""Reads every part of the assignments app builds on: whose an assignment is, which
assignments a person has, the dates that apply to each person, and how far each person is.

Each function runs a constant number of queries whatever the number of assignments and people
(the counts are in the docstrings); pages and ``send_reminders`` call them once for everything
they show or send.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet

from assignments.models import Assignment, DeadlineOverride
from cases import api as cases
from certificates import api as certificates
from courses import api as courses
from exams import api as exams
from lms import organisation, roles
from lms.request_memo import Memo
from lms.roles import LEARNER

# What a person has done of an assignment, from what they did (not from the dates).
TODO = "todo"  # nothing yet
STARTED = "started"  # begun: lessons done, an attempt or a draft report that did not pass
WAITING = "waiting"  # handed in, waiting for marking
DONE = "done"  # completed, passed or certified


@dataclass(frozen=True)
class Dates:
    start_at: datetime
    due_at: datetime
    override: DeadlineOverride | None = None  # the one that changed them, if any


@dataclass(frozen=True)
class Progress:
    state: str  # TODO, STARTED, WAITING or DONE
    percent: int | None = None  # course progress or the best result, where there is one

    @property
    def done(self) -> bool:
        return self.state == DONE


def with_targets(assignments: QuerySet[Assignment]) -> QuerySet[Assignment]:
    """The assignments with their target rows in the same query."""
    return assignments.select_related("course", "quiz", "case", "program")


def audience(assignments: Iterable[Assignment]) -> dict[int, set[int]]:
    """Assignment id → ids of the active people it is for: its cohorts' learners, the learners
    placed in its units or below them (a unit's managers and trainers are not its audience),
    and its named people. 5 queries (4 without units)."""
    assignments = list(assignments)
    ids = [a.pk for a in assignments]
    chosen: dict[int, set[int]] = {pk: set() for pk in ids}  # cohorts' learners, named people
    placed: dict[int, set[int]] = {pk: set() for pk in ids}  # people placed in the units
    cohort_links = Assignment.cohorts.through.objects.filter(assignment_id__in=ids)
    by_cohort: dict[int, list[int]] = defaultdict(list)
    for assignment_id, cohort_id in cohort_links.values_list("assignment_id", "cohort_id"):
        by_cohort[cohort_id].append(assignment_id)
    User = get_user_model()
    learners = User.cohorts.through.objects.filter(cohort_id__in=list(by_cohort))
    for cohort_id, user_id in learners.values_list("cohort_id", "user_id"):
        for assignment_id in by_cohort[cohort_id]:
            chosen[assignment_id].add(user_id)
    named = Assignment.people.through.objects.filter(assignment_id__in=ids)
    for assignment_id, user_id in named.values_list("assignment_id", "user_id"):
        chosen[assignment_id].add(user_id)
    unit_links = list(
        Assignment.units.through.objects.filter(assignment_id__in=ids).values_list(
            "assignment_id", "orgunit_id"
        )
    )
    if unit_links:
        below = _subtrees({unit_id for _a, unit_id in unit_links})
        people_in: dict[int, set[int]] = defaultdict(set)
        for member in organisation.members(set().union(*below.values())):
            people_in[member.unit_id].add(member.user_id)
        for assignment_id, unit_id in unit_links:
            for sub_unit in below[unit_id]:
                placed[assignment_id] |= people_in[sub_unit]
    everyone = set().union(*chosen.values(), *placed.values())
    role = User.groups.through.objects.filter(user_id=OuterRef("pk"), group__name=LEARNER)
    rows = User.objects.filter(pk__in=everyone, is_active=True).annotate(learner=Exists(role))
    active, learning = set(), set()
    for pk, is_learner in rows.values_list("pk", "learner"):
        active.add(pk)
        if is_learner:
            learning.add(pk)
    return {pk: (chosen[pk] & active) | (placed[pk] & learning) for pk in ids}


def _subtrees(unit_ids: set[int]) -> dict[int, set[int]]:
    """Each unit → itself and every unit below it. 1 query."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for unit in organisation.units():
        children[unit.parent_id].append(unit.id)
    trees = {}
    for unit_id in unit_ids:
        tree, stack = set(), [unit_id]
        while stack:
            current = stack.pop()
            tree.add(current)
            stack.extend(children[current])
        trees[unit_id] = tree
    return trees


def assignments_for(user) -> QuerySet[Assignment]:
    """The assignments ``user`` has (through a cohort, a unit at or above theirs when they are a
    learner, or by name), by due date, with their targets. 1 query to build when they are a
    learner (their unit), 1 to read; none for a deactivated or anonymous user."""
    if not user.is_authenticated or not user.is_active:
        return Assignment.objects.none()
    mine = Q(people=user) | Q(cohorts__learners=user)
    if roles.has_role(user, LEARNER):
        above = organisation.unit_paths_above(user)
        if above:
            mine |= Q(units__path__in=above)
    ids = Assignment.objects.filter(mine).values("pk")
    return with_targets(Assignment.objects.filter(pk__in=ids)).order_by("due_at", "pk")


def dates(assignments: Iterable[Assignment], user_ids: Iterable[int]) -> dict:
    """(assignment id, user id) → the ``Dates`` that apply to that person: the assignment's,
    changed by a deadline override (decision 0803). An entry for every pair asked.

    A person's own override wins over a unit's; of the units a person is placed in or below,
    the override of the unit nearest to them applies. A date an override leaves empty keeps the
    one below it (the unit override's, then the assignment's). 1 query without overrides, 4
    with unit overrides, whatever the number of assignments and people.
    """
    assignments = list(assignments)
    user_ids = list(dict.fromkeys(user_ids))
    found = {
        (a.pk, user_id): Dates(start_at=a.start_at, due_at=a.due_at)
        for a in assignments
        for user_id in user_ids
    }
    found.update(overridden_dates(assignments, user_ids))
    return found


def overridden_dates(assignments: Iterable[Assignment], user_ids: Iterable[int]) -> dict:
    """As :func:`dates`, only the pairs an override changes (everyone else has the
    assignment's own dates). Same queries."""
    assignments = list(assignments)
    user_ids = list(dict.fromkeys(user_ids))
    if not assignments or not user_ids:
        return {}
    rows = list(
        DeadlineOverride.objects.filter(assignment__in=[a.pk for a in assignments])
        .filter(Q(user_id__in=user_ids) | Q(unit__isnull=False))
        .select_related("granted_by")
        # Only the order within an assignment matters (a deeper unit's, then a later one wins
        # below); the default ordering would join the assignments to sort by their due dates.
        .order_by("granted_at", "pk")
    )
    if not rows:
        return {}
    personal = {(o.assignment_id, o.user_id): o for o in rows if o.user_id is not None}
    by_unit = _unit_overrides_per_person([o for o in rows if o.unit_id is not None], user_ids)
    found = {}
    for a in assignments:
        for user_id in {uid for a_id, uid in (*personal, *by_unit) if a_id == a.pk}:
            layers = [o for o in (personal.get((a.pk, user_id)), by_unit.get((a.pk, user_id))) if o]
            start = next((o.start_at for o in layers if o.start_at), a.start_at)
            due = next((o.due_at for o in layers if o.due_at), a.due_at)
            found[(a.pk, user_id)] = Dates(start_at=start, due_at=due, override=layers[0])
    return found


def date_groups(assignments: Iterable[Assignment], audience: dict[int, set[int]]) -> dict:
    """Assignment id → {(start, due): ids of its people with those dates}, for everyone in
    ``audience`` (as :func:`audience` returns it): most people share the assignment's dates, so
    a sender works out what is due once per group, not once per person. Same queries as
    :func:`dates`."""
    assignments = list(assignments)
    everyone = set().union(*audience.values()) if audience else set()
    changed = overridden_dates(assignments, everyone)
    found: dict[int, dict[tuple[datetime, datetime], set[int]]] = {}
    for a in assignments:
        groups: dict[tuple[datetime, datetime], set[int]] = defaultdict(set)
        members = audience.get(a.pk, set())
        for (a_id, user_id), when in changed.items():
            if a_id == a.pk and user_id in members:
                groups[(when.start_at, when.due_at)].add(user_id)
        moved = set().union(*groups.values()) if groups else set()
        if members - moved:
            groups[(a.start_at, a.due_at)] |= members - moved
        found[a.pk] = dict(groups)
    return found


def _unit_overrides_per_person(overrides: list, user_ids: list[int]) -> dict:
    """(assignment id, user id) → the unit override nearest the person (3 queries)."""
    if not overrides:
        return {}
    depth = {unit.id: unit.depth for unit in organisation.units()}
    below = _subtrees({o.unit_id for o in overrides})
    wanted = set(user_ids)
    placed: dict[int, set[int]] = defaultdict(set)  # unit id → people placed in it
    for member in organisation.members(set().union(*below.values())):
        if member.user_id in wanted:
            placed[member.unit_id].add(member.user_id)
    found: dict[tuple[int, int], DeadlineOverride] = {}
    for override in sorted(overrides, key=lambda o: depth.get(o.unit_id, 0)):
        for unit_id in below[override.unit_id]:
            for user_id in placed[unit_id]:
                found[(override.assignment_id, user_id)] = override  # deeper ones come later
    return found


def statuses(
    assignments: Iterable[Assignment], user_ids: Iterable[int], *, memo: Memo | None = None
) -> dict:
    """(assignment id, user id) → ``Progress``, an entry for every pair asked.

    A course is done at 100% of its lessons; a quiz or exam when passed; a practice case when
    its final mark passes (handed in and not yet final: WAITING); a program when the person
    holds a valid certificate of it. About 12 queries for any number of assignments and people
    (each kind asks its app once); the assignments need their targets (``with_targets``), or
    are rows with the same fields (``personal.Row``). With the request's ``memo``, what the
    dashboard's other panels read of the same person is read once (``lms.request_memo``).
    """
    assignments = list(assignments)
    user_ids = list(dict.fromkeys(user_ids))
    by_kind: dict[str, list[Assignment]] = defaultdict(list)
    for assignment in assignments:
        by_kind[assignment.kind].append(assignment)
    found: dict[tuple[int, int], Progress] = {}
    readers = {
        Assignment.Kind.COURSE: partial(_course_progress, memo=memo),
        Assignment.Kind.EXAM: partial(_exam_progress, memo=memo),
        Assignment.Kind.CASE: partial(_case_progress, memo=memo),
        Assignment.Kind.PROGRAM: _program_progress,
    }
    for kind, of_kind in by_kind.items():
        if user_ids:
            found.update(readers[kind](of_kind, user_ids))
    return found


def _course_progress(assignments: list[Assignment], user_ids: list[int], *, memo=None) -> dict:
    progress = courses.course_completion(
        user_ids=user_ids, course_ids={a.course_id for a in assignments}, memo=memo
    )
    found = {}
    for a in assignments:
        for user_id in user_ids:
            p = progress[(user_id, a.course_id)]
            state = DONE if p.total_lessons and p.percent >= 100 else STARTED if p.percent else TODO
            found[(a.pk, user_id)] = Progress(state=state, percent=p.percent)
    return found


def _exam_progress(assignments: list[Assignment], user_ids: list[int], *, memo=None) -> dict:
    slugs = {a.quiz.slug for a in assignments}
    results = exams.exam_results(user_ids=user_ids, quiz_slugs=slugs, memo=memo)
    found = {}
    for a in assignments:
        for user_id in user_ids:
            r = results[(user_id, a.quiz.slug)]
            if r.passed:
                state = DONE
            elif r.pending_marking:
                state = WAITING
            else:
                state = STARTED if r.graded_attempts else TODO
            percent = None if r.percent is None else int(r.percent)
            found[(a.pk, user_id)] = Progress(state=state, percent=percent)
    return found


def _case_progress(assignments: list[Assignment], user_ids: list[int], *, memo=None) -> dict:
    slugs = {a.case.slug for a in assignments}
    results = cases.case_results(user_ids=user_ids, case_slugs=slugs, memo=memo)
    found = {}
    for a in assignments:
        for user_id in user_ids:
            r = results[(user_id, a.case.slug)]
            if r.passed:
                state = DONE
            elif r.status in ("submitted", "moderation"):
                state = WAITING
            else:
                state = TODO if r.status == "not_started" else STARTED
            percent = None if r.percent is None else int(r.percent)
            found[(a.pk, user_id)] = Progress(state=state, percent=percent)
    return found


def _program_progress(assignments: list[Assignment], user_ids: list[int]) -> dict:
    held = certificates.valid_certificates(
        user_ids=user_ids, program_ids={a.program_id for a in assignments}
    )
    # A renewal (decision 0805) is done with a newer certificate than the one it renews.
    return {
        (a.pk, user_id): Progress(
            state=DONE
            if (cert := held.get((user_id, a.program_id))) and cert.id != a.renewal_of_id
            else TODO
        )
        for a in assignments
        for user_id in user_ids
    }
