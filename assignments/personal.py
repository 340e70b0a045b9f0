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
# What the list needs of an assignment and its target: the course page (a Wagtail page, the
# widest row) is read by ``courses.course_links`` in the language shown, so it is not joined.
FIELDS = (
    *("id", "kind", "course_id", "quiz_id", "case_id", "program_id", "start_at", "due_at"),
    *("note", "quiz__id", "quiz__slug", "quiz__title", "quiz__title_en", "case__id"),
    *("case__slug", "case__title", "case__title_en", "program__id", "program__name"),
    *("program__name_en", "renewal_of_id"),
)


def items_for(user) -> list[Item]:
    """``user``'s assignments with the dates that apply to them and how far they are."""
    mine = selectors.assignments_for(user)
    assignments = list(
        mine.select_related(None).select_related("quiz", "case", "program").only(*FIELDS)
    )
    if not assignments:
        return []
    dates = selectors.dates(assignments, [user.pk])
    progress = selectors.statuses(assignments, [user.pk])
    course_links = courses.course_links(
        course_ids={a.course_id for a in assignments if a.kind == Kind.COURSE}
    )
    kind_labels = {kind.value: str(kind.label) for kind in Kind}  # translated once, not per row
    items = []
    for assignment in assignments:
        when = dates[(assignment.pk, user.pk)]
        state = progress.get((assignment.pk, user.pk), selectors.Progress(selectors.TODO))
        title, url = _title_and_url(assignment, state, course_links)
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
                note=str(assignment.note_shown),
            )
        )
    return items


def _title_and_url(assignment: Assignment, state, course_links: dict) -> tuple[str, str]:
    """The target's title in the active language and the page where the person does it: the
    course page (in the active language), the quiz's page, the case's page; for a program,
    the person's certificates once certified, else their scorecards."""
    if assignment.kind == Kind.COURSE:
        link = course_links[assignment.course_id]
        return link.title, link.url
    if assignment.kind == Kind.EXAM:
        quiz = assignment.quiz
        return localized(quiz, "title"), reverse("exams:quiz_detail", kwargs={"slug": quiz.slug})
    if assignment.kind == Kind.CASE:
        case = assignment.case
        return localized(case, "title"), reverse("cases:case_detail", kwargs={"slug": case.slug})
    page = "certificates:my_certificates" if state.done else "assessment:my_scorecards"
    return localized(assignment.program, "name"), reverse(page)
