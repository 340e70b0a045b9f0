"""The quiz engine in the Wagtail admin: viewsets, admin forms and the import/export views.

Trainers edit the shared question bank (categories, tags, questions) and the quizzes they own
or are listed on; Administrators see every quiz. Registered from ``exams/wagtail_hooks.py``.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    Panel,
    TabbedInterface,
)
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from exams.forms import QuestionExportForm, QuestionImportForm
from exams.models import Question, QuestionCategory, QuestionTag, Quiz
from exams.selectors.exposure import (
    DrawSpec,
    Exposure,
    Shortfall,
    exams_exposed_by,
    excludes_exposed,
    exposure_of,
    pool_shortfalls,
    quiz_exposure,
    saved_questions,
)
from exams.selectors.visibility import visible_quizzes
from exams.services.bank import (
    ImportFailed,
    guess_format,
    questions_export,
    questions_import,
)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class QuestionAdminForm(WagtailAdminModelForm):
    """Checks a question's choices fit its type (one right answer for single choice…)."""

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        formset = self.formsets.get("choices")
        if formset is None or kind is None or not formset.is_valid():
            return cleaned
        live = [
            form.cleaned_data
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        right = sum(1 for data in live if data.get("is_correct"))
        if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            if len(live) < 2:
                raise forms.ValidationError(_("A choice question needs at least two choices."))
            if kind == Question.Kind.SINGLE and right != 1:
                raise forms.ValidationError(
                    _("A single-choice question needs exactly one right answer.")
                )
            if kind == Question.Kind.MULTIPLE and right < 1:
                raise forms.ValidationError(
                    _("A multiple-choice question needs at least one right answer.")
                )
        elif live:
            raise forms.ValidationError(
                _("True/false and essay questions take no choices; remove them.")
            )
        return cleaned


def shortfall_message(shortfall: Shortfall) -> str:
    """What a trainer reads about a draw the question pool cannot fill."""
    values = {
        "index": shortfall.index,
        "draw": shortfall.label,
        "needed": shortfall.needed,
        "available": shortfall.available,
        "exposed": shortfall.exposed,
    }
    if shortfall.index is None:
        message = ngettext(
            "The random draws together need %(needed)s different question but only "
            "%(available)s can be drawn.",
            "The random draws together need %(needed)s different questions but only "
            "%(available)s can be drawn.",
            shortfall.needed,
        )
    else:
        message = ngettext(
            "Random draw %(index)s (%(draw)s) needs %(needed)s question but only "
            "%(available)s can be drawn.",
            "Random draw %(index)s (%(draw)s) needs %(needed)s questions but only "
            "%(available)s can be drawn.",
            shortfall.needed,
        )
    message %= values
    if shortfall.exposed:
        message += (
            " "
            + ngettext(
                "%(exposed)s of its questions is exposed and left out.",
                "%(exposed)s of its questions are exposed and left out.",
                shortfall.exposed,
            )
            % values
        )
    return message


def exposed_fixed_message(count: int) -> str:
    return ngettext(
        "%(count)s fixed question is exposed: another quiz shows its right answers before this "
        "exam closes. Remove it, or allow exposed questions.",
        "%(count)s fixed questions are exposed: other quizzes show their right answers before "
        "this exam closes. Remove them, or allow exposed questions.",
        count,
    ) % {"count": count}


def pool_problems(exposure: Exposure, *, exclude_exposed: bool) -> list[str]:
    """Why attempts of a quiz could not be started, for its edit form and its exposure panel."""
    problems = []
    exposed_fixed = len(exposure.fixed & exposure.exposed) if exclude_exposed else 0
    if exposed_fixed:
        problems.append(exposed_fixed_message(exposed_fixed))
    for shortfall in pool_shortfalls(exposure, exclude_exposed=exclude_exposed):
        problems.append(shortfall_message(shortfall))
    return problems


def exams_made_unstartable(
    quiz: Quiz, *, fixed_ids: list[int], draws: list[DrawSpec]
) -> list[Quiz]:
    """Published certification exams learners could start without ``quiz`` (with these unsaved
    settings and questions) but not with it: it would expose a fixed question or leave a draw
    short. The exams' own check (``pool_problems``) decides, with and without the quiz."""
    return [
        row.exam
        for row in exams_exposed_by(quiz, fixed_ids=fixed_ids, draws=draws)
        if pool_problems(row.after, exclude_exposed=True)
        and not pool_problems(row.before, exclude_exposed=True)
    ]


def exams_made_unstartable_message(exams: list[Quiz]) -> str:
    names = get_text_list([f"“{exam.title}”" for exam in exams], _("and"))
    return ngettext(
        "Publishing this quiz would stop learners from starting the published exam %(exams)s: "
        "this quiz shows right answers (or a score after each of several attempts) of questions "
        "the exam needs. Tick allow exposed questions on the exam, use other questions here, "
        "or keep this quiz a draft.",
        "Publishing this quiz would stop learners from starting the published exams %(exams)s: "
        "this quiz shows right answers (or a score after each of several attempts) of questions "
        "the exams need. Tick allow exposed questions on the exams, use other questions here, "
        "or keep this quiz a draft.",
        len(exams),
    ) % {"exams": names}


class QuizAdminForm(WagtailAdminModelForm):
    """A new quiz belongs to the trainer who creates it unless another owner is chosen.

    A published quiz must be startable: its fixed questions and draws are checked against the
    question bank, leaving out a certification exam's exposed questions (decision 0201), and
    must not make a published exam unstartable by exposing its questions. A draft may be saved
    incomplete; its exposure panel says what is missing.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk and self.for_user is not None and "owner" in self.fields:
            self.fields["owner"].initial = self.for_user.pk

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("draft", True) or "kind" not in cleaned:
            return cleaned
        questions = self._questions_from_formsets()
        if questions is None:
            return cleaned
        fixed_ids, draws = questions
        exposure = exposure_of(
            quiz_pk=self.instance.pk,
            close_at=cleaned.get("close_at"),
            fixed_ids=fixed_ids,
            draws=draws,
        )
        exclude = cleaned["kind"] == Quiz.Kind.CERTIFICATION and not cleaned.get(
            "allow_exposed_questions"
        )
        problems = pool_problems(exposure, exclude_exposed=exclude)
        if "attempts_allowed" in cleaned:
            blocked = exams_made_unstartable(
                self._unsaved_quiz(cleaned), fixed_ids=fixed_ids, draws=draws
            )
            if blocked:
                problems.append(exams_made_unstartable_message(blocked))
        if problems:
            raise forms.ValidationError(problems)
        return cleaned

    def _unsaved_quiz(self, cleaned) -> Quiz:
        """The quiz with the settings the form would save (the instance still has the old)."""
        fields = (
            "open_at",
            "close_at",
            "review_score_immediately",
            "review_score_after_close",
            "review_answers_immediately",
            "review_answers_after_close",
        )
        return Quiz(
            pk=self.instance.pk,
            title=cleaned.get("title") or self.instance.title,
            kind=cleaned["kind"],
            attempts_allowed=cleaned["attempts_allowed"],
            **{name: cleaned.get(name, getattr(self.instance, name)) for name in fields},
        )

    def _questions_from_formsets(self) -> tuple[list[int], list[DrawSpec]] | None:
        """The fixed question IDs and draws the form would save; None while they are invalid."""
        fixed_set, draw_set = self.formsets.get("fixed_questions"), self.formsets.get("draws")
        if fixed_set is None or draw_set is None:
            return None
        if not fixed_set.is_valid() or not draw_set.is_valid():
            return None
        fixed_ids = [
            form.cleaned_data["question"].pk
            for form in fixed_set.forms
            if form.cleaned_data.get("question") and not form.cleaned_data.get("DELETE")
        ]
        draws = []
        for form in draw_set.forms:
            data = form.cleaned_data
            if not data.get("category") or not data.get("count") or data.get("DELETE"):
                continue
            tag = data.get("tag")
            draws.append(
                DrawSpec(
                    count=data["count"],
                    category_id=data["category"].pk,
                    tree_path=data["category"].tree_path,
                    include_subcategories=bool(data.get("include_subcategories")),
                    tag_id=tag.pk if tag else None,
                    label=f"{data['count']} × {data['category']}" + (f" [{tag}]" if tag else ""),
                )
            )
        return fixed_ids, draws

    def save(self, commit=True):
        if not self.instance.owner_id and self.for_user is not None:
            self.instance.owner = self.for_user
        return super().save(commit=commit)


class QuizExposurePanel(Panel):
    """On a certification exam's edit page: how many questions of its pool are exposed, by
    which quizzes, and whether its draws can still be filled (decision 0201)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "exams/admin/quiz_exposure_panel.html"

        def is_shown(self):
            return bool(self.instance.pk) and self.instance.is_certification

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            exposure = quiz_exposure(self.instance)
            exclude = excludes_exposed(self.instance)
            exposed, pool = len(exposure.exposed), len(exposure.pool)
            values = {"exposed": exposed, "pool": pool}
            if exposed:
                summary = ngettext(
                    "%(exposed)s of the %(pool)s questions in this exam's pool is exposed. "
                    "Quizzes that show its right answers before this exam closes:",
                    "%(exposed)s of the %(pool)s questions in this exam's pool are exposed. "
                    "Quizzes that show their right answers before this exam closes:",
                    exposed,
                )
            else:
                summary = _(
                    "None of the %(pool)s questions in this exam's pool is exposed: no other quiz "
                    "shows their right answers before this exam closes."
                )
            context.update(
                {
                    "summary": summary % values,
                    "exposure": exposure,
                    "excludes_exposed": exclude,
                    "problems": pool_problems(exposure, exclude_exposed=exclude),
                }
            )
            return context


class ExamsExposedPanel(Panel):
    """On a draft's edit page: the published exams publishing it would make unstartable."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "exams/admin/quiz_exposes_exams_panel.html"

        def is_shown(self):
            return bool(self.instance.pk) and self.instance.draft

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            fixed_ids, draws = saved_questions(self.instance)
            blocked = exams_made_unstartable(self.instance, fixed_ids=fixed_ids, draws=draws)
            context["warning"] = exams_made_unstartable_message(blocked) if blocked else ""
            return context


Question.base_form_class = QuestionAdminForm
Quiz.base_form_class = QuizAdminForm


class QuestionCategoryViewSet(SnippetViewSet):
    model = QuestionCategory
    icon = "folder-open-inverse"
    menu_label = gettext_lazy("Categories")
    list_display = ["full_name", "description"]
    search_fields = ["name", "full_name"]
    ordering = ["full_name"]
    panels = [FieldPanel("name"), FieldPanel("parent"), FieldPanel("description")]


class QuestionTagViewSet(SnippetViewSet):
    model = QuestionTag
    icon = "tag"
    menu_label = gettext_lazy("Tags")
    list_display = ["name", "slug", "is_dimension"]
    search_fields = ["name", "slug"]
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("is_dimension")]


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = gettext_lazy("Questions")
    list_display = ["__str__", "kind", "category", "points", "active"]
    list_filter = ["kind", "active", "category", "tags"]
    search_fields = ["text", "explanation"]
    list_per_page = 50
    panels = [
        FieldPanel("category"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("points"), FieldPanel("active")]),
        FieldPanel("text"),
        InlinePanel("choices", label=gettext_lazy("Choices"), heading=gettext_lazy("Choices")),
        FieldPanel("keep_choice_order"),
        FieldRowPanel([FieldPanel("scoring"), FieldPanel("true_false_answer")]),
        FieldPanel("explanation"),
        FieldPanel("tags", widget=forms.CheckboxSelectMultiple),
    ]

    def get_queryset(self, request):
        return Question.objects.select_related("category")


class QuizViewSet(SnippetViewSet):
    model = Quiz
    icon = "list-ol"
    menu_label = gettext_lazy("Quizzes and exams")
    list_display = ["title", "kind", "draft", "owner"]
    list_filter = ["kind", "draft"]
    search_fields = ["title", "slug"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("title"),
                    FieldPanel("slug"),
                    FieldRowPanel([FieldPanel("kind"), FieldPanel("draft")]),
                    FieldPanel("description"),
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
                    FieldPanel("success_text"),
                    FieldPanel("fail_text"),
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
