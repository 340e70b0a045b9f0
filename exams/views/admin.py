"""The quiz engine in the Wagtail admin: snippet viewsets and the import/export views.

Trainers edit the shared question bank (categories, tags, questions) and the quizzes they own
or are listed on; Administrators see every quiz. Registered from ``exams/wagtail_hooks.py``;
the admin forms are ``exams.forms.bank`` and ``exams.forms.quizzes``, the exposure panels
``exams.views.panels``.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from exams.forms.bank import QuestionAdminForm, QuestionExportForm, QuestionImportForm
from exams.forms.quizzes import QuizAdminForm
from exams.models import Choice, Question, QuestionCategory, QuestionTag, Quiz
from exams.selectors.visibility import visible_quizzes
from exams.services.bank import (
    ImportFailed,
    guess_format,
    questions_export,
    questions_import,
)
from exams.views.panels import ExamsExposedPanel, QuizExposurePanel
from lms.bilingual import bilingual_panel, missing_english
from lms.viewsets import yes_no_column

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


Question.base_form_class = QuestionAdminForm
Quiz.base_form_class = QuizAdminForm


def english_gaps(instance, fields: tuple[str, ...], *, extra: tuple[str, ...] = ()) -> str:
    """ "Complete", or which texts of a listed item still lack English (CMS list column)."""
    gaps = missing_english(instance, fields)
    names = [instance._meta.get_field(name).verbose_name for name in gaps] + list(extra)
    if not names:
        return _("English complete")
    return _("English missing: %(texts)s") % {"texts": ", ".join(str(name) for name in names)}


def english_column(fields: tuple[str, ...], *, extra=lambda instance: ()) -> Column:
    """The "English" column of a CMS list: what a trainer still has to translate."""
    return Column(
        "english",
        label=gettext_lazy("English"),
        accessor=lambda instance: english_gaps(instance, fields, extra=extra(instance)),
    )


def _choices_gap(question) -> tuple[str, ...]:
    return (gettext_lazy("choices"),) if question.choices_lack_english else ()


QUIZ_TEXTS = ("title", "description", "success_text", "fail_text")


class QuestionCategoryViewSet(SnippetViewSet):
    model = QuestionCategory
    icon = "folder-open-inverse"
    menu_label = gettext_lazy("Categories")
    list_display = [
        "full_name",
        Column("full_name_en", label=gettext_lazy("full name (English)")),
        "description",
        english_column(("name",)),
    ]
    search_fields = ["name", "full_name", "name_en", "full_name_en"]
    ordering = ["full_name"]
    panels = [bilingual_panel("name"), FieldPanel("parent"), FieldPanel("description")]


class QuestionTagViewSet(SnippetViewSet):
    model = QuestionTag
    icon = "tag"
    menu_label = gettext_lazy("Tags")
    list_display = [
        "name",
        "name_en",
        "slug",
        yes_no_column(QuestionTag, "is_dimension"),
        english_column(("name",)),
    ]
    search_fields = ["name", "name_en", "slug"]
    panels = [bilingual_panel("name"), FieldPanel("slug"), FieldPanel("is_dimension")]


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = gettext_lazy("Questions")
    list_display = [
        "__str__",
        "kind",
        "category",
        "points",
        yes_no_column(Question, "active"),
        english_column(("text", "explanation"), extra=_choices_gap),
    ]
    list_filter = ["kind", "active", "category", "tags"]
    search_fields = ["text", "explanation", "text_en", "explanation_en"]
    list_per_page = 50
    panels = [
        FieldPanel("category"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("points"), FieldPanel("active")]),
        bilingual_panel("text"),
        InlinePanel("choices", label=gettext_lazy("Choices"), heading=gettext_lazy("Choices")),
        FieldPanel("keep_choice_order"),
        FieldRowPanel([FieldPanel("scoring"), FieldPanel("true_false_answer")]),
        bilingual_panel("explanation"),
        FieldPanel("tags", widget=forms.CheckboxSelectMultiple),
    ]

    def get_queryset(self, request):
        """With ``choices_lack_english`` for the "English" column (no query per row)."""
        untranslated = Choice.objects.filter(question=OuterRef("pk"), text_en="")
        return Question.objects.select_related("category").annotate(
            choices_lack_english=Exists(untranslated)
        )


class QuizViewSet(SnippetViewSet):
    model = Quiz
    icon = "list-ol"
    menu_label = gettext_lazy("Quizzes and exams")
    list_display = [
        "__str__",
        "kind",
        yes_no_column(Quiz, "draft"),
        "owner",
        english_column(QUIZ_TEXTS),
    ]
    list_filter = ["kind", "draft"]
    search_fields = ["title", "title_en", "slug"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    bilingual_panel("title"),
                    FieldPanel("slug"),
                    FieldRowPanel([FieldPanel("kind"), FieldPanel("draft")]),
                    bilingual_panel("description"),
                    FieldPanel("owner"),
                    FieldPanel("trainers", widget=forms.CheckboxSelectMultiple),
                ],
                heading=gettext_lazy("Quiz"),
            ),
            ObjectList(
                [
                    InlinePanel("fixed_questions", heading=gettext_lazy("Fixed questions")),
                    InlinePanel("draws", heading=gettext_lazy("Random draws")),
                    MultiFieldPanel(
                        [
                            FieldPanel("allow_exposed_questions"),
                            QuizExposurePanel(),
                            ExamsExposedPanel(),
                        ],
                        heading=gettext_lazy("Exposed questions"),
                    ),
                ],
                heading=gettext_lazy("Questions"),
            ),
            ObjectList(
                [
                    FieldRowPanel([FieldPanel("open_at"), FieldPanel("close_at")]),
                    FieldRowPanel([FieldPanel("time_limit_minutes"), FieldPanel("grace_seconds")]),
                    FieldRowPanel(
                        [
                            FieldPanel("attempts_allowed"),
                            FieldPanel("grading_method"),
                            FieldPanel("pass_mark"),
                        ]
                    ),
                    FieldPanel("layout"),
                    FieldRowPanel(
                        [
                            FieldPanel("shuffle_questions"),
                            FieldPanel("shuffle_choices"),
                            FieldPanel("prefer_unseen"),
                        ]
                    ),
                ],
                heading=gettext_lazy("Rules"),
            ),
            ObjectList(
                [
                    MultiFieldPanel(
                        [
                            FieldPanel("review_score_immediately"),
                            FieldPanel("review_answers_immediately"),
                            FieldPanel("review_explanations_immediately"),
                        ],
                        heading=gettext_lazy("Right after submitting"),
                    ),
                    MultiFieldPanel(
                        [
                            FieldPanel("review_score_after_close"),
                            FieldPanel("review_answers_after_close"),
                            FieldPanel("review_explanations_after_close"),
                        ],
                        heading=gettext_lazy("After the quiz closes"),
                    ),
                    bilingual_panel("success_text"),
                    bilingual_panel("fail_text"),
                ],
                heading=gettext_lazy("Review"),
            ),
        ]
    )

    def get_queryset(self, request):
        return visible_quizzes(request.user).select_related("owner")


class QuestionBankGroup(SnippetViewSetGroup):
    items = (QuestionViewSet, QuestionCategoryViewSet, QuestionTagViewSet, QuizViewSet)
    menu_icon = "help"
    menu_label = gettext_lazy("Question bank and exams")
    menu_name = "question-bank"
    menu_order = 210


def check_quiz_visible(request, instance):
    """``before_edit_snippet`` / ``before_delete_snippet``: another trainer's quiz is refused."""
    if isinstance(instance, Quiz) and not visible_quizzes(request.user).filter(pk=instance.pk):
        raise PermissionDenied


# --- Import and export views --------------------------------------------------------------------


def _can_manage_bank(user) -> bool:
    return user.has_perm("exams.add_question")


def import_view(request):
    """Upload a GIFT/CSV/XLSX file; all or nothing, with every problem's line number."""
    if not _can_manage_bank(request.user):
        raise PermissionDenied
    form = QuestionImportForm(request.POST or None, request.FILES or None)
    problems, report = [], None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        fmt = form.cleaned_data["format"] or guess_format(upload.name)
        if fmt is None:
            form.add_error("format", _("Choose the format: the file name does not tell it."))
        else:
            try:
                report = questions_import(
                    data=upload.read(),
                    fmt=fmt,
                    category_path=form.cleaned_data["category"],
                    dry_run=form.cleaned_data["dry_run"],
                )
            except ImportFailed as failure:
                problems = failure.problems
            else:
                if not report.dry_run:
                    messages.success(
                        request, _("%(count)s questions imported.") % {"count": report.questions}
                    )
                    return redirect("exams_question_import")
    return TemplateResponse(
        request,
        "exams/admin/question_import.html",
        {"form": form, "problems": problems, "report": report, "export_form": QuestionExportForm()},
    )


def export_view(request):
    """Download the bank (or one category) as GIFT, CSV or XLSX."""
    if not request.user.has_perm("exams.view_question"):
        raise PermissionDenied
    form = QuestionExportForm(request.GET or None)
    if not form.is_valid():
        return redirect("exams_question_import")
    fmt = form.cleaned_data["format"]
    try:
        data = questions_export(fmt=fmt, category_path=form.cleaned_data["category"])
    except ImportFailed as failure:
        messages.error(request, str(failure))
        return redirect("exams_question_import")
    types = {"gift": "text/plain; charset=utf-8", "csv": "text/csv; charset=utf-8"}
    response = HttpResponse(data, content_type=types.get(fmt, XLSX_TYPE))
    extension = "txt" if fmt == "gift" else fmt
    response["Content-Disposition"] = f'attachment; filename="questions.{extension}"'
    return response
