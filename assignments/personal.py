"""A person's assignments as ``todo.Item`` values in the active language: what the to-do list,
the calendar page and the iCal feed show (decision 0804).

``items_for(user)`` calls ``selectors.assignments_for``, ``selectors.dates`` and
``selectors.statuses`` once each, and the courses app once for the courses' titles and URLs
in the active language: a fixed number of queries (about 20) for any number of assignments.
"""

from __future__ import annotations

from django.urls import reverse

from assignments import selectors
from assignments.models import Assignment
from assignments.todo import Item
from courses import api as courses
from lms.bilingual import localized

Kind = Assignment.Kind


def items_for(user) -> list[Item]:
    """``user``'s assignments with the dates that apply to them and how far they are."""
    assignments = list(selectors.assignments_for(user))
    if not assignments:
        return []
    dates = selectors.dates(assignments, [user.pk])
    progress = selectors.statuses(assignments, [user.pk])
    course_links = courses.course_links(
        course_ids={a.course_id for a in assignments if a.kind == Kind.COURSE}
    )
    items = []
    for assignment in assignments:
        when = dates[(assignment.pk, user.pk)]
        state = progress.get((assignment.pk, user.pk), selectors.Progress(selectors.TODO))
        title, url = _title_and_url(assignment, state, course_links)
        items.append(
            Item(
                assignment_id=assignment.pk,
                kind=assignment.kind,
                kind_label=str(Kind(assignment.kind).label),
                title=title,
                url=url,
                start_at=when.start_at,
                due_at=when.due_at,
                state=state.state,
                percent=state.percent,
                note=assignment.note,
            )
        )
    return items


def _title_and_url(assignment: Assignment, state, course_links: dict) -> tuple[str, str]:
    """The target's title in the active language and the page where the person does it: the
    course page (in the active language), the quiz's page, the case's page; for a program,
    the person's certificates once certified, else their scorecards."""
    if assignment.kind == Kind.COURSE:
        link = course_links.get(assignment.course_id)
        if link is None:  # a course page gone from the tree
            return localized(assignment.course, "title"), ""
        return link.title, link.url
    if assignment.kind == Kind.EXAM:
        quiz = assignment.quiz
        return localized(quiz, "title"), reverse("exams:quiz_detail", kwargs={"slug": quiz.slug})
    if assignment.kind == Kind.CASE:
        case = assignment.case
        return localized(case, "title"), reverse("cases:case_detail", kwargs={"slug": case.slug})
    page = "certificates:my_certificates" if state.done else "assessment:my_scorecards"
    return localized(assignment.program, "name"), reverse(page)
