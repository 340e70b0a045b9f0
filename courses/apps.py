from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    # Page permissions are granted on the course index pages by courses.setup, not here.
    role_permissions = {
        "Trainer": [
            "courses.add_cohort",
            "courses.change_cohort",
            "courses.view_cohort",
        ],
    }

    # Groups this app creates (courses.setup), by their label in the CMS (lms.roles.group_label).
    group_labels = {"Lead trainer": _("Lead trainer")}

    def ready(self):
        # setup and signals import models, which cannot be imported before the app registry
        # is ready (when this module is imported).
        from courses import setup, signals  # noqa: F401

        post_migrate.connect(
            setup.ensure_course_site_after_migrate, dispatch_uid="courses.ensure_course_site"
        )
