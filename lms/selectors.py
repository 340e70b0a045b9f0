"""Reads of accounts for dashboards and other apps."""

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from lms.roles import LEARNER


def learners() -> QuerySet:
    """Active users in the Learner group, with their manager, ordered by employee ID."""
    User = get_user_model()
    return (
        User.objects.filter(is_active=True, groups__name=LEARNER)
        .select_related("manager")
        .order_by("employee_id", "username")
    )
