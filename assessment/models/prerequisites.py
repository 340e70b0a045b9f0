"""Prerequisites of a certification exam: what a learner must have done before starting it.

Each row is one requirement of one exam (an ``exams.Quiz`` of kind certification): a course
completed (every live lesson), a quiz passed at a minimum percentage, or a practice case
passed. They live in ``assessment`` because only this app may read courses, exams and cases;
the exam page learns of them through the ``exam_requirements`` hook (decision 0802). Foreign
keys name the other apps' models by string; nothing of theirs is imported.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

CERTIFICATION = "certification"  # exams.Quiz.Kind.CERTIFICATION


class Prerequisite(models.Model):
    class Kind(models.TextChoices):
        COURSE = "course", _("Course completed")
        QUIZ = "quiz", _("Quiz passed at a minimum percentage")
        CASE = "case", _("Practice case passed")

    TARGETS = {Kind.COURSE: "course", Kind.QUIZ: "quiz", Kind.CASE: "case"}

    exam = models.ForeignKey(
        "exams.Quiz",
        verbose_name=_("certification exam"),
        on_delete=models.CASCADE,
        related_name="prerequisites",
        limit_choices_to={"kind": CERTIFICATION},
    )
    kind = models.CharField(_("requirement"), max_length=10, choices=Kind.choices)
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Every lesson of the course completed (in either language)."),
    )
    quiz = models.ForeignKey(
        "exams.Quiz",
        verbose_name=_("quiz or knowledge check"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    min_percent = models.DecimalField(
        _("minimum percentage"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text=_("The learner's result on the quiz (its grading method) must reach this."),
    )
    case = models.ForeignKey(
        "cases.PracticeCase",
        verbose_name=_("practice case"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("A finalised report that passed."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("exam prerequisite")
        verbose_name_plural = _("exam prerequisites")
        ordering = ["exam", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["exam", "course"],
                condition=Q(course__isnull=False),
                name="assessment_prerequisite_one_per_course",
                violation_error_message=_("This exam already requires this course."),
            ),
            models.UniqueConstraint(
                fields=["exam", "quiz"],
                condition=Q(quiz__isnull=False),
                name="assessment_prerequisite_one_per_quiz",
                violation_error_message=_("This exam already requires this quiz."),
            ),
            models.UniqueConstraint(
                fields=["exam", "case"],
                condition=Q(case__isnull=False),
                name="assessment_prerequisite_one_per_case",
                violation_error_message=_("This exam already requires this practice case."),
            ),
        ]

    def __str__(self):
        target = {"course": self.course_id, "quiz": self.quiz_id, "case": self.case_id}
        name = getattr(self, self.TARGETS.get(self.kind, ""), None) if self.kind else None
        return f"{self.exam} ← {name or target}"

    def clean(self):
        errors = {}
        target = self.TARGETS.get(self.kind)
        for field in self.TARGETS.values():
            chosen = getattr(self, f"{field}_id") is not None
            if field == target and not chosen:
                errors[field] = _("Choose the %(thing)s this exam requires.") % {
                    "thing": self._meta.get_field(field).verbose_name
                }
            elif field != target and chosen:
                errors[field] = _("Leave this empty: the requirement is “%(kind)s”.") % {
                    "kind": self.Kind(self.kind).label if self.kind else "—"
                }
        if self.kind == self.Kind.QUIZ and self.min_percent is None:
            errors["min_percent"] = _("Give the minimum percentage, from 0 to 100.")
        if self.kind != self.Kind.QUIZ and self.min_percent is not None:
            errors["min_percent"] = _("Only a quiz requirement has a minimum percentage.")
        if self.exam_id and self.quiz_id == self.exam_id:
            errors["quiz"] = _("An exam cannot require itself.")
        if self.exam_id and self.exam.kind != CERTIFICATION:
            errors["exam"] = _("Only a certification exam can have prerequisites.")
        if errors:
            raise ValidationError(errors)
