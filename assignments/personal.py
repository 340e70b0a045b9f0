"""A person's assignments as ``todo.Item`` values in the active language: what the to-do list,
the calendar page and the iCal feed show (decision 0804).

``items_for(user)`` reads ``selectors.assignments_for`` as plain rows and
``selectors.overridden_dates`` (only when an override names one of them), both kept in the
cache (``kept_rows``), then ``selectors.statuses`` and the courses app once each for the
courses' titles and URLs in the active language: a fixed number of queries for any number of
assignments.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS

from assignments import kept_rows, selectors
from assignments.models import Assignment, DeadlineOverride, note_shown
from assignments.todo import Item
from courses import api as courses
from lms.bilingual import localized
from lms.request_memo import Memo

Kind = Assignment.Kind


@dataclass(frozen=True)
class Target:
    """The quiz, case or program an assignment names, as the list shows it (a program's
    name as its title)."""

    slug: str
    title: str
    title_en: str


@dataclass(frozen=True)
class Row:
    """An assignment read as plain values: the fields ``selectors.dates`` and
    ``selectors.statuses`` use, and the target's slug and titles (no model instances: fifty of
    them with their quiz, case and program cost more than the query)."""

    pk: int
    kind: str
    course_id: int | None
    program_id: int | None
    renewal_of_id: int | None
    start_at: datetime
    due_at: datetime
    note: str
    overridden: bool  # whether any deadline override (anyone's) names the assignment
    quiz: Target | None
    case: Target | None
    program: Target | None


# The course page (a Wagtail page, the widest row) is read by ``courses.course_links`` in the
# language shown, so it is not joined.
FIELDS = (
    *("id", "kind", "course_id", "program_id", "renewal_of_id", "start_at", "due_at", "note"),
    *("quiz__slug", "quiz__title", "quiz__title_en", "case__slug", "case__title"),
    *("case__title_en", "program__name", "program__name_en"),
)


def rows_for(user) -> list[Row]:
    """``user``'s assignments (``selectors.assignments_for``) as ``Row`` values, each saying
    whether it has a deadline override. 2 queries."""
    rows = []
    overrides = DeadlineOverride.objects.filter(assignment=OuterRef("pk"))
    mine = selectors.assignments_for(user).annotate(overridden=Exists(overrides))
    for values in mine.values_list(*FIELDS, "overridden"):
        pk, kind, course_id, program_id, renewal_of_id, start_at, due_at, note = values[:8]
        quiz, case = Target(*values[8:11]), Target(*values[11:14])
        program, overridden = Target("", *values[14:16]), values[16]
        rows.append(
            Row(
                *(pk, kind, course_id, program_id, renewal_of_id, start_at, due_at, note),
                overridden=overridden,
                quiz=quiz if kind == Kind.EXAM else None,
                case=case if kind == Kind.CASE else None,
                program=program if kind == Kind.PROGRAM else None,
            )
        )
    return rows


def rows_and_dates(user) -> tuple[list[Row], dict[int, selectors.Dates]]:
    """``user``'s assignments (``rows_for``) and, by assignment id, the dates an override
    gives them. 2 queries, 3 when an override names one of them (most lists have none);
    ``items_for`` keeps them in the cache (``kept_rows``)."""
    assignments = rows_for(user)
    named = [a for a in assignments if a.overridden]
    moved = selectors.overridden_dates(named, [user.pk]) if named else {}
    return assignments, {
        pk: selectors.Dates(start_at=when.start_at, due_at=when.due_at)
        for (pk, _user_pk), when in moved.items()
    }


def items_for(user, *, memo: Memo | None = None) -> list[Item]:
    """``user``'s assignments with the dates that apply to them and how far they are (with the
    request's ``memo``, sharing reads with the dashboard's other panels). The assignments and
    their dates come from the cache while nothing they depend on changes (``kept_rows``); how
    far the person is, and the courses' titles and URLs in the active language, are read on
    every call."""
    assignments, moved = kept_rows.cached(user, lambda: rows_and_dates(user))
    if not assignments:
        return []
    progress = selectors.statuses(assignments, [user.pk], memo=memo)
    course_links = courses.course_links(
        course_ids={a.course_id for a in assignments if a.kind == Kind.COURSE}
    )
    kind_labels = {kind.value: str(kind.label) for kind in Kind}  # translated once, not per row
    urls = _Urls()
    items = []
    for assignment in assignments:
        when = moved.get(assignment.pk) or selectors.Dates(
            start_at=assignment.start_at, due_at=assignment.due_at
        )
        state = progress.get((assignment.pk, user.pk), selectors.Progress(selectors.TODO))
        title, url = _title_and_url(assignment, state, course_links, urls)
        items.append(
            Item(
                assignment_id=assignment.pk,
                kind=assignment.kind,
                kind_label=kind_labels[assignment.kind],
                title=title,
                url=url,
                start_at=when.start_at,
                due_at=when.due_at,
                state=state.state,
                percent=state.percent,
                note=str(note_shown(assignment.note, renewal_of_id=assignment.renewal_of_id)),
            )
        )
    return items


def _title_and_url(assignment: Row, state, course_links: dict, urls: _Urls) -> tuple[str, str]:
    """The target's title in the active language and the page where the person does it: the
    course page (in the active language), the quiz's page, the case's page; for a program,
    the person's certificates once certified, else their scorecards."""
    if assignment.kind == Kind.COURSE:
        link = course_links[assignment.course_id]
        return link.title, link.url
    if assignment.kind == Kind.EXAM:
        quiz = assignment.quiz
        return localized(quiz, "title"), urls.reverse("exams:quiz_detail", slug=quiz.slug)
    if assignment.kind == Kind.CASE:
        case = assignment.case
        return localized(case, "title"), urls.reverse("cases:case_detail", slug=case.slug)
    page = "certificates:my_certificates" if state.done else "assessment:my_scorecards"
    return localized(assignment.program, "title"), urls.reverse(page)


class _Urls:
    """``reverse`` once per URL name for a whole list (50 calls cost about 0.7 ms): the URL is
    reversed with a placeholder slug, which each item's slug replaces, quoted as ``reverse``
    quotes it (a quiz's slug may be Chinese). The quiz and case pages carry no language
    prefix (``lms.urls``: only course pages do); the script prefix is in the reversed URL."""

    PLACEHOLDER = "__slug__"

    def __init__(self):
        self._reversed: dict[str, str] = {}

    def reverse(self, name: str, *, slug: str | None = None) -> str:
        url = self._reversed.get(name)
        if url is None:
            kwargs = {"slug": self.PLACEHOLDER} if slug is not None else {}
            url = self._reversed[name] = reverse(name, kwargs=kwargs)
        if slug is None:
            return url
        return url.replace(self.PLACEHOLDER, quote(slug, safe=RFC3986_SUBDELIMS + "/~:@"))
