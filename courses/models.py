"""The course tree (Wagtail pages), learners' progress and cohorts.

Page tree: ``CourseIndexPage`` → ``CoursePage`` → ``ModulePage`` → ``LessonPage``. Every course
page is company material: only signed-in users read it (``SignedInOnlyPage.serve``).

Progress is kept by a lesson's ``translation_key``, shared by the Chinese lesson and its English
translation and kept when the page is edited or moved: a completion survives all three.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index
from wagtail.url_routing import RouteResult

from courses import page_cache, text_search
from courses.blocks import RICH_TEXT_FEATURES, LessonBodyBlock
from notifications.api import Robot

PATH_STEP = Page.steplen


class SignedInOnlyPage(Page):
    """A page only signed-in users may read; others are sent to the login page."""

    class Meta:
        abstract = True

    def serve(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.language_context(request))
        return context

    def get_view_restrictions(self):
        """Wagtail's (a queryset of the restrictions on this page and its ancestors), without
        its two queries on every request for a page that has none: whether it has any is kept
        in the shared cache under the tree version (decision 0904)."""
        key = page_cache.key("restricted", self.pk) if self.pk else None
        restricted = page_cache.get_many([key]).get(key) if key else None
        if restricted == 0:
            return PageViewRestriction.objects.none()
        restrictions = super().get_view_restrictions()
        if key and restricted is None:
            page_cache.set_many({key: int(restrictions.exists())})
        return restrictions

    def language_context(self, request) -> dict:
        """``page_translations`` of this page, and ``language_next`` for the header's switcher.

        The language switcher posts to set_language with ``language_next``: the same page in
        the other language (the site has two; see docs/decisions/0100).
        """
        from courses import selectors  # courses.selectors imports this module

        translations = selectors.page_translations(self, request)
        context = {"page_translations": translations}
        other = [t for t in translations if not t.current]
        if other:
            context["language_next"] = other[0].url
        return context


class CourseIndexPage(SignedInOnlyPage):
    """The list of courses; the site's root page in each language (/zh-hans/learn/, /en/learn/)."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.CoursePage"]
    template = "courses/course_index_page.html"

    class Meta:
        verbose_name = _("course index")
        verbose_name_plural = _("course indexes")

    def route(self, request, path_components):
        """Find a course, module or lesson below this page in two queries.

        Wagtail walks the tree one level at a time, two queries per level (the child, then
        its specific page): six for a lesson. A page's ``url_path`` is its slugs from the root,
        so the whole remaining path is one lookup, and its depth tells its type (courses hold
        modules, modules lessons): one query, whose answer the page cache keeps under the tree
        version (which any change to a page renews; decision 0904); a path that matches no
        page is not kept (anyone can type one). As in ``Page.route``, only the page served must
        be live, and a path that matches no page is a 404.
        """
        if not path_components:
            return super().route(request, path_components)
        model = {1: CoursePage, 2: ModulePage, 3: LessonPage}.get(len(path_components))
        if model is None:
            raise Http404
        url_path = self.url_path + "/".join(path_components) + "/"
        page = page_cache.cached(
            page_cache.key("route", self.pk, url_path),
            lambda: (
                model.objects.descendant_of(self)
                .filter(depth=self.depth + len(path_components), url_path=url_path)
                .first()
            ),
        )
        if page is None or not page.live:
            raise Http404
        return RouteResult(page)

    def get_context(self, request, *args, **kwargs):
        from courses import selectors  # courses.selectors imports this module

        context = super().get_context(request, *args, **kwargs)
        courses = list(CoursePage.objects.live().child_of(self).order_by("path"))
        context["course_rows"] = selectors.courses_progress(user=request.user, courses=courses)
        return context


class CoursePage(SignedInOnlyPage):
    """A course: introduction, learning objectives, estimated hours and a cover image."""

    introduction = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    learning_objectives = models.TextField(
        _("learning objectives"),
        blank=True,
        help_text=_("One objective per line: what a learner can do after the course."),
    )
    estimated_hours = models.DecimalField(
        _("estimated hours"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("learning_objectives"),
        FieldRowPanel([FieldPanel("estimated_hours"), FieldPanel("cover_image")]),
    ]
    search_fields = Page.search_fields + [index.SearchField("introduction")]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]
    template = "courses/course_page.html"

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    @property
    def objectives(self) -> list[str]:
        return [line.strip() for line in self.learning_objectives.splitlines() if line.strip()]

    def get_context(self, request, *args, **kwargs):
        from courses import selectors  # courses.selectors imports this module

        context = super().get_context(request, *args, **kwargs)
        context["outline"] = selectors.course_outline(
            course=self, user=request.user, request=request
        )
        return context


class ModulePage(SignedInOnlyPage):
    """A module of a course; modules are ordered as in the page tree."""

    summary = models.TextField(_("summary"), blank=True)
    requires_previous = models.BooleanField(
        _("requires the previous module"),
        default=False,
        help_text=_("Learners open this module once they have completed the module before it."),
    )

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("requires_previous")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage"]
    template = "courses/module_page.html"

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    def course_path(self) -> str:
        return self.path[:-PATH_STEP]

    def get_context(self, request, *args, **kwargs):
        from courses import selectors  # courses.selectors imports this module

        context = super().get_context(request, *args, **kwargs)
        course, outline = selectors.course_and_outline(
            course_path=self.course_path(), user=request.user, request=request
        )
        context["course"] = course
        context["outline"] = outline
        context["module"] = outline.module(self.pk)
        return context


class LessonPage(SignedInOnlyPage):
    """A lesson: a StreamField body of blocks (``courses.blocks``) and an estimated duration."""

    summary = models.TextField(_("summary"), blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=10)
    body = StreamField(LessonBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("summary"), FieldPanel("estimated_minutes")], _("Overview")),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("search_ngrams"),
    ]
    parent_page_types = ["courses.ModulePage"]
    subpage_types: list[str] = []
    template = "courses/lesson_page.html"

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def course_path(self) -> str:
        return self.path[: -2 * PATH_STEP]

    def plain_text(self) -> str:
        """Title, summary and every text of the body, for search."""
        parts = [self.title, self.summary]
        parts.extend(self.body.stream_block.get_searchable_content(self.body))
        return "\n".join(str(part) for part in parts if part)

    @cached_property
    def search_ngrams(self) -> str:
        return text_search.ngram_text(self.plain_text())

    def course_and_outline(self, request):
        """The lesson's course and its outline as ``request.user`` sees it (one query: the
        reader's completions)."""
        from courses import selectors  # courses.selectors imports this module

        return selectors.course_and_outline(
            course_path=self.course_path(), user=request.user, request=request
        )

    def get_context(self, request, *args, course=None, outline=None, **kwargs):
        """The page's context; ``serve`` passes the ``course`` and ``outline`` it has read, a
        preview (which does not go through ``serve``) reads them here."""
        context = super().get_context(request, *args, **kwargs)
        if outline is None:
            course, outline = self.course_and_outline(request)
        previous, following = outline.neighbours(self.pk)
        context.update(
            {
                "course": course,
                "outline": outline,
                "module": outline.module_of(self.pk),
                "lesson_item": outline.lesson(self.pk),
                "previous_lesson": previous,
                "next_lesson": following,
            }
        )
        return context

    def serve(self, request, *args, **kwargs):
        """Serve the lesson to a signed-in user.

        A lesson of a locked module answers ``courses/lesson_locked.html`` (status 200: a normal
        step of learning, not an error; decision 0104) naming the lesson to finish first and
        none of the locked lesson's content; otherwise the visit is remembered for "continue
        where you left off".
        """
        from courses import services  # courses.services imports this module

        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        course, outline = self.course_and_outline(request)
        if not getattr(request, "is_preview", False):
            item = outline.lesson(self.pk)
            if item is None:
                raise Http404
            if item.locked:
                return self.serve_locked(request, course=course, outline=outline, item=item)
            services.record_visit(
                user=request.user,
                course_key=course.translation_key,
                lesson_key=self.translation_key,
            )
        return super().serve(request, *args, course=course, outline=outline, **kwargs)

    def serve_locked(self, request, *, course, outline, item) -> TemplateResponse:
        """The page of a lesson whose module is locked: the lesson to finish first, with a link,
        in the course's outline. Template ``courses/lesson_locked.html``; context: ``page``,
        ``course``, ``module``, ``outline``, ``finish_first``, ``finish_first_module``."""
        finish_first = outline.lesson_to_finish_first(self.pk)
        context = {
            "page": self,
            "course": course,
            "module": outline.module(item.module_id),
            "outline": outline,
            "finish_first": finish_first,
            "finish_first_module": outline.module_of(finish_first.id) if finish_first else None,
            **self.language_context(request),
        }
        return TemplateResponse(request, "courses/lesson_locked.html", context)


class LessonCompletion(models.Model):
    """A learner completed a lesson (in either language) at ``completed_at``."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="lesson_completions",
    )
    lesson_key = models.UUIDField(
        _("lesson key"), help_text=_("The translation key shared by a lesson's translations.")
    )
    module_key = models.UUIDField(
        _("module key"),
        null=True,
        blank=True,
        help_text=_("The translation key of the lesson's module; kept current when pages move."),
    )
    course_key = models.UUIDField(
        _("course key"),
        null=True,
        blank=True,
        help_text=_("The translation key of the lesson's course; kept current when pages move."),
    )
    lesson = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("lesson page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    completed_at = models.DateTimeField(_("completed at"), default=timezone.now)

    class Meta:
        verbose_name = _("lesson completion")
        verbose_name_plural = _("lesson completions")
        ordering = ["-completed_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson_key"], name="unique_lesson_completion")
        ]
        # The cohort table counts completions per learner and module of one course.
        indexes = [
            models.Index(
                fields=["course_key", "user", "module_key", "completed_at"],
                name="completion_by_course_module",
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.lesson_key} · {self.completed_at:%Y-%m-%d %H:%M}"


class CourseVisit(models.Model):
    """The lesson a learner last opened in a course: where "continue" takes them."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="course_visits",
    )
    course_key = models.UUIDField(_("course key"))
    lesson_key = models.UUIDField(_("lesson key"))
    visited_at = models.DateTimeField(_("visited at"), default=timezone.now)

    class Meta:
        verbose_name = _("course visit")
        verbose_name_plural = _("course visits")
        ordering = ["-visited_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "course_key"], name="unique_course_visit")
        ]

    def __str__(self):
        return f"{self.user} · {self.course_key}"


class Cohort(models.Model):
    """A group of new hires taking a course together, with their trainers."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    course = models.ForeignKey(
        CoursePage,
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        related_name="cohorts",
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainers"),
        blank=True,
        related_name="trained_cohorts",
    )
    learners = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learners"),
        blank=True,
        related_name="cohorts",
    )
    robot = models.ForeignKey(
        Robot,
        verbose_name=_("group robot"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cohorts",
        help_text=_(
            "The group chat that hears about this cohort's learners (as well as their unit's)."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("course"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("trainers"),
        FieldPanel("learners"),
        FieldPanel("robot"),
    ]

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-start_date", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})
