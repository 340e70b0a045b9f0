"""Assignments: a piece of work (a course, a quiz or exam, a practice case, or a whole program)
given to an audience (cohorts, organisational units with the units below them, named people)
with a start and a due date (decision 0801).

The audience is kept as the staff chose it, never copied into one row per person: someone who
joins a cohort or a unit later has its assignments at once, and someone who leaves no longer
does. ``assignments.selectors`` resolves audiences and each person's state in bulk.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Assignment(models.Model):
    class Kind(models.TextChoices):
        COURSE = "course", _("Course")
        EXAM = "exam", _("Quiz or exam")
        CASE = "case", _("Practice case")
        PROGRAM = "program", _("Program")

    # The target field of each kind; exactly that one is set.
    TARGET_FIELDS = {
        Kind.COURSE: "course",
        Kind.EXAM: "quiz",
        Kind.CASE: "case",
        Kind.PROGRAM: "program",
    }

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    quiz = models.ForeignKey(
        "exams.Quiz",
        verbose_name=_("quiz or exam"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    case = models.ForeignKey(
        "cases.PracticeCase",
        verbose_name=_("practice case"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    program = models.ForeignKey(
        "assessment.Program",
        verbose_name=_("program"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    cohorts = models.ManyToManyField(
        "courses.Cohort", verbose_name=_("cohorts"), blank=True, related_name="+"
    )
    units = models.ManyToManyField(
        "people.OrgUnit",
        verbose_name=_("organisational units"),
        blank=True,
        related_name="+",
        help_text=_("Everyone placed in these units or the units below them."),
    )
    people = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("people"), blank=True, related_name="+"
    )
    start_at = models.DateTimeField(_("starts"), default=timezone.now)
    due_at = models.DateTimeField(_("due"))
    note = models.TextField(
        _("note to the learners"),
        blank=True,
        help_text=_("Shown with the assignment on each learner's to-do list."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("assigned at"), default=timezone.now)
    # Set on the renewal a program's renewal window assigns (decision 0805): one per certificate.
    renewal_of = models.OneToOneField(
        "certificates.Certificate",
        verbose_name=_("renewal of"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The certificate this assignment renews, when a renewal window assigned it."),
    )

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["due_at", "pk"]
        indexes = [models.Index(fields=["due_at"], name="assignment_due_at")]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_at__gt=models.F("start_at")), name="assignment_due_after_start"
            ),
            models.CheckConstraint(
                condition=(
                    Q(
                        kind="course",
                        course__isnull=False,
                        quiz__isnull=True,
                        case__isnull=True,
                        program__isnull=True,
                    )
                    | Q(
                        kind="exam",
                        course__isnull=True,
                        quiz__isnull=False,
                        case__isnull=True,
                        program__isnull=True,
                    )
                    | Q(
                        kind="case",
                        course__isnull=True,
                        quiz__isnull=True,
                        case__isnull=False,
                        program__isnull=True,
                    )
                    | Q(
                        kind="program",
                        course__isnull=True,
                        quiz__isnull=True,
                        case__isnull=True,
                        program__isnull=False,
                    )
                ),
                name="assignment_one_target_of_its_kind",
            ),
        ]

    def __str__(self):
        return f"{self.target} ({self.due_at:%Y-%m-%d})" if self.target_id else str(self.kind)

    @property
    def note_shown(self):
        """The note the learners read (see :func:`note_shown`)."""
        return note_shown(self.note, renewal_of_id=self.renewal_of_id)

    @property
    def target_field(self) -> str:
        return self.TARGET_FIELDS[self.Kind(self.kind)]

    @property
    def target_id(self) -> int | None:
        return getattr(self, f"{self.target_field}_id") if self.kind else None

    @property
    def target(self):
        return getattr(self, self.target_field)

    def clean(self):
        super().clean()
        errors = {}
        if self.start_at and self.due_at and self.due_at <= self.start_at:
            errors["due_at"] = _("The due date must be after the start date.")
        if self.kind:
            field = self.target_field
            if getattr(self, f"{field}_id") is None:
                errors[field] = _("Choose what to assign.")
            for other in self.TARGET_FIELDS.values():
                if other != field:
                    setattr(self, other, None)
        if errors:
            raise ValidationError(errors)


# --- Deadline overrides (a-staff, decision 0803) ------------------------------------------------


class DeadlineOverride(models.Model):
    """Other dates of an assignment for one person or for one unit (and the units below it),
    with who granted them and why (decision 0803). A person's own override wins over a unit's;
    a date left empty keeps the one below it (the unit's, then the assignment's)."""

    assignment = models.ForeignKey(
        Assignment,
        verbose_name=_("assignment"),
        on_delete=models.CASCADE,
        related_name="overrides",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    unit = models.ForeignKey(
        "people.OrgUnit",
        verbose_name=_("organisational unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    start_at = models.DateTimeField(_("starts"), null=True, blank=True)
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=200)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)

    class Meta:
        verbose_name = _("deadline override")
        verbose_name_plural = _("deadline overrides")
        ordering = ["assignment", "granted_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False, unit__isnull=True)
                | Q(user__isnull=True, unit__isnull=False),
                name="deadline_override_person_or_unit",
            ),
            models.CheckConstraint(
                condition=Q(start_at__isnull=False) | Q(due_at__isnull=False),
                name="deadline_override_changes_a_date",
            ),
            models.UniqueConstraint(
                fields=["assignment", "user"],
                condition=Q(user__isnull=False),
                name="deadline_override_one_per_person",
            ),
            models.UniqueConstraint(
                fields=["assignment", "unit"],
                condition=Q(unit__isnull=False),
                name="deadline_override_one_per_unit",
            ),
        ]

    def __str__(self):
        return f"{self.assignment_id}: {self.user_id or self.unit_id} ({self.reason})"


# --- A person's calendar feed (a-learner, decision 0804) ----------------------------------------


class CalendarFeed(models.Model):
    """A person's iCal feed of due dates, at a secret URL (``assignments.feed``).

    The URL's token is never stored: it is an HMAC of ``salt`` under the site's secret key, so
    the calendar page can show it again while the database alone gives it away to nobody;
    ``token_hash`` (its SHA-256) finds the feed from the URL. A new salt resets the link.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    salt = models.CharField(_("salt"), max_length=64)
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("link made at"), default=timezone.now)
    last_fetched_at = models.DateTimeField(_("last fetched at"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return str(self.user)


# --- Renewal windows (a-remind, decision 0805) -------------------------------------------------


class RenewalPolicy(models.Model):
    """A program's renewal window (decision 0805): ``window_days`` before a valid certificate
    of the program expires, ``send_reminders`` assigns its holder the renewal path — a
    recertification exam or the program itself — due on the day the certificate expires."""

    class Path(models.TextChoices):
        EXAM = "exam", _("A recertification exam")
        PROGRAM = "program", _("The program again")

    program = models.OneToOneField(
        "assessment.Program",
        verbose_name=_("program"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    window_days = models.PositiveSmallIntegerField(
        _("renewal window (days)"),
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(730)],
        help_text=_(
            "How many days before a certificate expires its holder is assigned the renewal."
        ),
    )
    path = models.CharField(
        _("renewal path"), max_length=10, choices=Path.choices, default=Path.EXAM
    )
    quiz = models.ForeignKey(
        "exams.Quiz",
        verbose_name=_("recertification exam"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The exam holders take to renew (for the exam path)."),
    )

    class Meta:
        verbose_name = _("renewal window")
        verbose_name_plural = _("renewal windows")
        ordering = ["program"]
        constraints = [
            models.CheckConstraint(
                condition=Q(path="exam", quiz__isnull=False) | Q(path="program", quiz__isnull=True),
                name="renewal_policy_exam_path_has_an_exam",
            )
        ]

    def __str__(self):
        return str(self.program)

    def clean(self):
        super().clean()
        if self.path == self.Path.EXAM and self.quiz_id is None:
            raise ValidationError({"quiz": _("Choose the recertification exam.")})
        if self.path == self.Path.PROGRAM:
            self.quiz = None


def note_shown(note: str, *, renewal_of_id: int | None):
    """The note the learners read: the trainer's, or for a renewal (decision 0805) what it is
    for, in the reader's language."""
    if note or not renewal_of_id:
        return note
    return _("The renewal of your certificate: complete it before the certificate expires.")
