"""Panels of a quiz's edit page in the Wagtail admin: its exposure, and the published exams
publishing it would make unstartable (decision 0201)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.panels import Panel

from exams.forms.quizzes import (
    exams_made_unstartable,
    exams_made_unstartable_message,
    pool_problems,
)
from exams.selectors.exposure import excludes_exposed, quiz_exposure, saved_questions


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
