from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExamsConfig(AppConfig):
    name = "exams"
    verbose_name = _("Exams and practice cases")

    role_permissions = {
        # Practice cases: trainers author rubrics and cases and grade reports. Moderating
        # double marks ("lead trainer") is granted separately: exams.moderate_casesubmission.
        "Trainer": [
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
