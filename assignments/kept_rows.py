"""Each person's assignment rows and the dates that apply to them, kept in the cache (decision
0904, fifth round).

The to-do list, the calendar page and the iCal feed start from what a person is assigned and
when it is due: three queries whose building and reading cost about 5 ms, a quarter of the
learner dashboard. What someone is assigned changes seldom (a trainer assigns, an override
moves a date, the roster moves someone); what they have done changes all the time. So the rows
and their dates are kept per person, and progress is read live on every page
(``personal.items_for``).

An entry holds the **assignments version** it was read under (``lms.versioned_cache``), which
a change to any of these replaces:

- an assignment, its people, cohorts or units; a deadline override;
- a cohort or its learners (a deleted cohort takes its rows with it, without ``m2m_changed``);
- a placement or a unit (which units are above someone, who is in a unit an override names);
- anyone's groups, or a group (only learners are assigned through their units);
- the title or slug of a quiz, a case or a program (the list shows them);
- a roster import, which writes in bulk without signals (``people`` sends ``roster_applied``).

A save of a person forgets their own entry (a deactivated person has nothing assigned). Every
change is applied at once and again when its transaction commits (``lms.invalidation``), and
entries expire after an hour in any case. A course's title and URL are not kept
here: ``courses.course_links`` reads them in the language shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.apps import apps
from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save

from lms.versioned_cache import Versioned
from people import api as people

ROWS = Versioned("assignments:rows", timeout=60 * 60)

T = TypeVar("T")

# Models whose saves and deletions change someone's assignments or how they are shown.
CHANGED_BY = (
    "assignments.Assignment",
    "assignments.DeadlineOverride",
    "courses.Cohort",
    "people.Placement",
    "people.OrgUnit",
    "auth.Group",
    "exams.Quiz",
    "cases.PracticeCase",
    "assessment.Program",
)
# Many-to-many fields (model, field) whose rows decide who has an assignment.
MEMBERSHIPS = (
    ("assignments.Assignment", "people"),
    ("assignments.Assignment", "cohorts"),
    ("assignments.Assignment", "units"),
    ("courses.Cohort", "learners"),
    (settings.AUTH_USER_MODEL, "groups"),
)


def cached(user, compute: Callable[[], T]) -> T:
    """``compute()`` for ``user``, from the cache while their entry is of the current
    version (``lms.versioned_cache``)."""
    return ROWS.get(ROWS.key(user.pk), compute)


def _membership_changed(action, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        ROWS.changed()


def _person_saved(instance, update_fields=None, **kwargs) -> None:
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # a sign-in changes nothing assigned
    ROWS.forget(ROWS.key(instance.pk))


def connect() -> None:
    """Connect the receivers (``AssignmentsConfig.ready``)."""
    for label in CHANGED_BY:
        model = apps.get_model(label)
        post_save.connect(ROWS.changed, sender=model, dispatch_uid=f"assignments.rows.{label}.save")
        post_delete.connect(
            ROWS.changed, sender=model, dispatch_uid=f"assignments.rows.{label}.del"
        )
    for label, field in MEMBERSHIPS:
        through = getattr(apps.get_model(label), field).through
        m2m_changed.connect(
            _membership_changed, sender=through, dispatch_uid=f"assignments.rows.{label}.{field}"
        )
    people.roster_applied.connect(ROWS.changed, dispatch_uid="assignments.rows.roster")
    user = apps.get_model(settings.AUTH_USER_MODEL)
    post_save.connect(_person_saved, sender=user, dispatch_uid="assignments.rows.person.save")
    post_delete.connect(_person_saved, sender=user, dispatch_uid="assignments.rows.person.del")
