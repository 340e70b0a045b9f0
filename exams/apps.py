from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

QUIZ_MODELS = ["question", "questioncategory", "questiontag", "quiz"]


class ExamsConfig(AppConfig):
    name = "exams"
    verbose_name = _("Exams")

    # Trainers write the question bank and build quizzes in the Wagtail admin; which quizzes'
    # results and essays they see is scoped per quiz (owner and trainers, see
    # docs/decisions/0201-quiz-visibility.md).
    # Trainers and assessors grant accommodations (extra time, attempts, dates) on the exams
    # they may grant on (selectors.visibility.grantable_quizzes; decision 0802).
    role_permissions = {
        "Trainer": [
            f"exams.{action}_{model}"
            for model in [*QUIZ_MODELS, "accommodation"]
            for action in ("add", "change", "delete", "view")
        ],
        "Assessor": [
            f"exams.{action}_accommodation" for action in ("add", "change", "delete", "view")
        ],
    }

    def ready(self):
        from exams.selectors import published  # models are ready only now

        post_migrate.connect(create_dimension_tags, sender=self)
        published.connect()


def create_dimension_tags(sender, using="default", **kwargs):
    """After migrate: the four dimension tags of the assessment scheme exist."""
    # Deferred: Django imports apps.py before the models are loaded, and exams.services.bank
    # imports exams.models.
    from exams.services.bank import ensure_dimension_tags

    ensure_dimension_tags()
