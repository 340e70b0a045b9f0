"""Practice cases, the reports learners write about them, and the marks graders give.

A :class:`PracticeCase` is a realistic after-sales problem authored by a trainer. A learner
answers it with a :class:`CaseSubmission`: a report that follows the course's method (define,
analyse causes, plan the solution, implement and track). Each submitted version is marked with
the case's rubric by one or two graders (:class:`CaseMark`, one :class:`CaseMarkScore` per
criterion); when two graders disagree, a lead trainer moderates. Every mark is kept.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import ItemBase, TagBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField

from cases.uploads import attachment_upload_to
from lms.bilingual import bilingual_panel, english_field, localized, missing_english
from lms.private_files import private_storage

from .rubrics import Rubric, RubricCriterion, RubricLevel

SCENARIO_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link", "image"]


class ProductTag(TagBase):
    """A product line a case is about, e.g. 数控加工中心 (English name: decision 0305)."""

    name_en = english_field(models.CharField, _("name (English)"), max_length=100)

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")


class FaultTypeTag(TagBase):
    """A kind of fault, e.g. 报警停机 (English name: decision 0305)."""

    name_en = english_field(models.CharField, _("name (English)"), max_length=100)

    class Meta:
        verbose_name = _("fault type")
        verbose_name_plural = _("fault types")


class CaseProductTag(ItemBase):
    tag = models.ForeignKey(ProductTag, on_delete=models.CASCADE, related_name="tagged_cases")
    content_object = ParentalKey(
        "cases.PracticeCase", on_delete=models.CASCADE, related_name="product_tag_items"
    )


class CaseFaultTypeTag(ItemBase):
    tag = models.ForeignKey(FaultTypeTag, on_delete=models.CASCADE, related_name="tagged_cases")
    content_object = ParentalKey(
        "cases.PracticeCase", on_delete=models.CASCADE, related_name="fault_type_tag_items"
    )


class Marking(models.TextChoices):
    SINGLE = "single", _("Single marking")
    DOUBLE = "double", _("Double marking")


class PracticeCase(ClusterableModel):
    """A customer problem learners analyse and solve in a written report."""

    #: The texts written in Chinese and English (``lms.bilingual``).
    BILINGUAL_FIELDS = ("title", "summary", "customer", "scenario")

    title = models.CharField(_("title"), max_length=200)
    title_en = english_field(models.CharField, _("title (English)"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    summary = models.CharField(
        _("summary"), max_length=300, blank=True, help_text=_("One line shown in the case list.")
    )
    summary_en = english_field(models.CharField, _("summary (English)"), max_length=300)
    customer = models.CharField(
        _("customer"), max_length=200, blank=True, help_text=_("e.g. 华东某汽车零部件厂")
    )
    customer_en = english_field(models.CharField, _("customer (English)"), max_length=200)
    scenario = RichTextField(
        _("scenario"),
        features=SCENARIO_FEATURES,
        help_text=_(
            "The customer, the product, the symptoms and what has been tried. Add photos as "
            "images and logs as document links."
        ),
    )
    scenario_en = english_field(RichTextField, _("scenario (English)"), features=SCENARIO_FEATURES)
    product_tags = ClusterTaggableManager(
        verbose_name=_("products"),
        through=CaseProductTag,
        blank=True,
        related_name="practice_cases",
    )
    fault_type_tags = ClusterTaggableManager(
        verbose_name=_("fault types"),
        through=CaseFaultTypeTag,
        blank=True,
        related_name="practice_cases",
    )
    rubric = models.ForeignKey(
        Rubric,
        verbose_name=_("rubric"),
        on_delete=models.PROTECT,
        related_name="cases",
        limit_choices_to={"is_current": True},
    )
    pass_mark = models.DecimalField(
        _("pass mark"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("60"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("The lowest score (0–100) that passes."),
    )
    resubmissions_allowed = models.PositiveSmallIntegerField(
        _("resubmissions allowed"),
        default=1,
        validators=[MaxValueValidator(10)],
        help_text=_(
            "How many revised versions a learner may submit after a report is returned or fails."
        ),
    )
    marking = models.CharField(
        _("marking"), max_length=10, choices=Marking.choices, default=Marking.SINGLE
    )
    blind_marking = models.BooleanField(
        _("blind marking"),
        default=False,
        help_text=_("Graders do not see who wrote the report."),
    )
    tolerance = models.DecimalField(
        _("moderation tolerance"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("10"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_(
            "Double marking: if the two totals differ by more than this many points, or one "
            "passes and the other fails, a lead trainer decides the final mark."
        ),
    )
    live = models.BooleanField(
        _("open to learners"), default=True, help_text=_("Learners only see open cases.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="authored_cases",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    panels = [
        bilingual_panel("title"),
        FieldPanel("slug"),
        bilingual_panel("summary"),
        bilingual_panel("customer"),
        bilingual_panel("scenario"),
        FieldRowPanel([FieldPanel("product_tags"), FieldPanel("fault_type_tags")]),
        MultiFieldPanel(
            [
                FieldPanel("rubric"),
                FieldRowPanel([FieldPanel("pass_mark"), FieldPanel("resubmissions_allowed")]),
                FieldRowPanel([FieldPanel("marking"), FieldPanel("tolerance")]),
                FieldPanel("blind_marking"),
            ],
            heading=_("Marking"),
        ),
        FieldPanel("live"),
    ]

    class Meta:
        verbose_name = _("practice case")
        verbose_name_plural = _("practice cases")
        ordering = ["title"]

    def __str__(self):
        return str(localized(self, "title"))  # in the active language

    @property
    def missing_english(self) -> list[str]:
        """The texts written in Chinese that have no English text yet."""
        return missing_english(self, self.BILINGUAL_FIELDS)

    @property
    def is_double_marked(self) -> bool:
        return self.marking == Marking.DOUBLE

    @property
    def markers_needed(self) -> int:
        return 2 if self.is_double_marked else 1

    @property
    def versions_allowed(self) -> int:
        return 1 + self.resubmissions_allowed


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted, being marked")
    MODERATION = "moderation", _("Waiting for moderation")
    RETURNED = "returned", _("Returned for revision")
    FINALISED = "finalised", _("Graded")


OPEN_STATUSES = [SubmissionStatus.DRAFT, SubmissionStatus.SUBMITTED, SubmissionStatus.MODERATION]


class FinalMethod(models.TextChoices):
    SINGLE = "single", _("Single mark")
    MEAN = "mean", _("Mean of two marks")
    MODERATED = "moderated", _("Decided by a moderator")


class CaseSubmission(models.Model):
    """One version of a learner's report on a practice case.

    Version 1 is the first report; each revision after a return or a failed result is the next
    number. Earlier versions are kept unchanged.
    """

    case = models.ForeignKey(
        PracticeCase,
        verbose_name=_("practice case"),
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="case_submissions",
    )
    number = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.DRAFT,
        db_index=True,
    )
    rubric = models.ForeignKey(
        Rubric,
        verbose_name=_("rubric"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="submissions",
        help_text=_("The rubric version this report is marked with, fixed when it is submitted."),
    )

    # The report, section by section (see cases/report.py).
    problem_statement = models.TextField(_("problem statement"), blank=True)
    classification = models.TextField(_("classification"), blank=True)
    scope = models.TextField(_("scope"), blank=True)
    information_collected = models.TextField(_("information collected"), blank=True)
    fishbone = models.JSONField(_("fishbone diagram"), default=dict, blank=True)
    five_whys = models.JSONField(_("five whys"), default=list, blank=True)
    root_cause = models.TextField(_("root cause"), blank=True)
    solutions = models.JSONField(_("solution options"), default=list, blank=True)
    implementation_plan = models.JSONField(_("implementation plan"), default=list, blank=True)
    verification = models.TextField(_("verification"), blank=True)
    customer_satisfaction = models.TextField(_("customer satisfaction"), blank=True)
    lessons_learned = models.TextField(_("lessons learned"), blank=True)

    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    finalised_at = models.DateTimeField(_("graded at"), null=True, blank=True)

    final_percent = models.DecimalField(
        _("final score"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    final_method = models.CharField(
        _("how the final score was set"), max_length=10, choices=FinalMethod.choices, blank=True
    )

    class Meta:
        verbose_name = _("case report")
        verbose_name_plural = _("case reports")
        ordering = ["case", "learner", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "learner", "number"], name="unique_case_report_version"
            ),
            models.UniqueConstraint(
                fields=["case", "learner"],
                condition=models.Q(status__in=["draft", "submitted", "moderation"]),
                name="one_open_case_report",
            ),
        ]
        indexes = [models.Index(fields=["status", "submitted_at"])]
        permissions = [
            ("grade_casesubmission", _("Can grade practice-case reports")),
            ("moderate_casesubmission", _("Can moderate double-marked practice-case reports")),
            ("view_grader_agreement", _("Can see the grader agreement report")),
        ]

    def __str__(self):
        return f"{self.case} · {self.learner} · v{self.number}"

    @property
    def is_draft(self) -> bool:
        return self.status == SubmissionStatus.DRAFT

    @property
    def reference(self) -> str:
        """How blind marking names a report."""
        return f"R{self.pk:05d}"


class CaseAttachment(models.Model):
    """A file attached to a report (photo, PDF, log, spreadsheet), kept in private storage."""

    submission = models.ForeignKey(
        CaseSubmission,
        verbose_name=_("case report"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=attachment_upload_to, max_length=255
    )
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("case report attachment")
        verbose_name_plural = _("case report attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class MarkKind(models.TextChoices):
    MARKER = "marker", _("Mark")
    MODERATOR = "moderator", _("Moderation")


class MarkStatus(models.TextChoices):
    DRAFT = "draft", _("In progress")
    SUBMITTED = "submitted", _("Submitted")


class MarkDecision(models.TextChoices):
    FINALISE = "finalise", _("Finalised")
    RETURN = "return", _("Returned for revision")


class CaseMark(models.Model):
    """One grader's (or the moderator's) marking of one report version. Never deleted once
    submitted: the history of who marked what, and when, is the fairness record."""

    submission = models.ForeignKey(
        CaseSubmission,
        verbose_name=_("case report"),
        on_delete=models.CASCADE,
        related_name="marks",
    )
    grader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("grader"),
        on_delete=models.PROTECT,
        related_name="case_marks",
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=MarkKind.choices, default=MarkKind.MARKER
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MarkStatus.choices, default=MarkStatus.DRAFT
    )
    decision = models.CharField(
        _("decision"), max_length=10, choices=MarkDecision.choices, blank=True
    )
    feedback = models.TextField(_("overall feedback"), blank=True)
    points_earned = models.DecimalField(
        _("points earned"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    points_possible = models.DecimalField(
        _("points possible"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    percent = models.DecimalField(_("score"), max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("case mark")
        verbose_name_plural = _("case marks")
        ordering = ["submission", "kind", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "grader"], name="one_mark_per_grader"),
        ]

    def __str__(self):
        return f"{self.submission} · {self.grader} · {self.get_kind_display()}"

    @property
    def is_submitted(self) -> bool:
        return self.status == MarkStatus.SUBMITTED


class CaseMarkScore(models.Model):
    """The level a grader chose for one criterion, with their comment."""

    mark = models.ForeignKey(
        CaseMark, verbose_name=_("case mark"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        RubricCriterion,
        verbose_name=_("criterion"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    level = models.ForeignKey(
        RubricLevel,
        verbose_name=_("level"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("criterion mark")
        verbose_name_plural = _("criterion marks")
        # By the mark's id, not "mark" (which would follow CaseMark's own ordering through the
        # report, its case and its learner: five joins on every query of this big table).
        ordering = ["mark_id", "criterion__sort_order", "criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["mark", "criterion"], name="one_score_per_criterion"),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.level or '—'}"
