from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Practice cases")

    # Trainers author rubrics and practice cases (with their products and fault types, whose
    # English names they keep) and grade reports. Moderating double marks
    # ("lead trainer") is granted separately: cases.moderate_casesubmission.
    role_permissions = {
        "Trainer": [
            *(
                f"cases.{action}_{model}"
                for model in ("rubric", "practicecase", "producttag", "faulttypetag")
                for action in ("add", "change", "delete", "view")
            ),
            "cases.grade_casesubmission",
            "cases.view_grader_agreement",
        ],
        "Assessor": ["cases.view_grader_agreement"],
    }

    def ready(self):
        from cases.selectors import reports  # models are ready only now

        reports.connect()
