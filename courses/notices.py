"""What courses tells the notification service: a cohort's learners are heard about in the
group chat of the robot their cohort names, besides their unit's (decisions 0800, 0805)."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from notifications.api import register_robot_resolver


def cohort_robots(user_ids: list[int]) -> dict[int, list[int]]:
    """``{user id: [robot id, …]}``: the robots of the cohorts each person learns in. 1 query."""
    links = (
        get_user_model()
        .cohorts.through.objects.filter(user_id__in=user_ids, cohort__robot__isnull=False)
        .values_list("user_id", "cohort__robot_id")
    )
    found: dict[int, list[int]] = {}
    for user_id, robot_id in links.order_by("cohort__robot_id"):
        if robot_id not in found.setdefault(user_id, []):
            found[user_id].append(robot_id)
    return found


register_robot_resolver(cohort_robots)
