from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

QUIZ_MODELS = ["question", "questioncategory", "questiontag", "quiz"]


class ExamsConfig(AppConfig):
    name = "exams"
    verbose_name = _("Exams and practice cases")

    # Trainers write the question bank and build quizzes in the Wagtail admin; which quizzes'
    # results and essays they see is scoped per quiz (owner and trainers, see
    # docs/decisions/0201-quiz-visibility.md). They also author rubrics and practice cases and
    # grade reports. Moderating double marks ("lead trainer") is granted separately:
    # exams.moderate_casesubmission.
    role_permissions = {
        "Trainer": [
            *(
                f"exams.{action}_{model}"
                for model in QUIZ_MODELS
                for action in ("add", "change", "delete", "view")
            ),
            "exams.add_rubric",
            "exams.change_rubric",
            "exams.view_rubric",
            "exams.delete_rubric",
            "exams.add_practicecase",
            "exams.change_practicecase",
            "exams.view_practicecase",
            "exams.delete_practicecase",
            "exams.grade_casesubmission",
            "exams.view_grader_agreement",
        ],
        "Assessor": ["exams.view_grader_agreement"],
    }

    def ready(self):
        post_migrate.connect(create_dimension_tags, sender=self)


def create_dimension_tags(sender, using="default", **kwargs):
    """After migrate: the four dimension tags of the assessment scheme exist."""
    from exams.services.quiz import ensure_dimension_tags

    ensure_dimension_tags()
