"""What the audit trail records: each action's code, its label, and whether it needs a reason.

Codes are ``<app>.<what happened>``. The labels are what the audit page and Wagtail's history
show (the actions are registered with Wagtail's ``register_log_actions`` hook, so an entry about
an object Wagtail keeps history for appears there too). An action in ``needs_reason`` is refused
without a reason (``audit.api.ReasonRequired``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Action:
    code: str
    label: str | Promise
    needs_reason: bool = False


ACTIONS = [
    # assessment
    Action("assessment.scheme_activated", _("Scheme version activated")),
    Action("assessment.metrics_imported", _("Metrics imported")),
    Action("assessment.metric_changed", _("Metric changed")),
    Action(
        "assessment.metric_changed_after_finalisation", _("Metric changed after finalisation"), True
    ),
    Action("assessment.scorecard_finalised", _("Scorecard finalised")),
    Action("assessment.scorecard_reopened", _("Finalised scorecard reopened"), True),
    Action("assessment.scorecard_acknowledged", _("Scorecard acknowledged")),
    # marks
    Action("exams.mark_finalised", _("Essay marked")),
    Action("cases.mark_finalised", _("Case mark finalised")),
    Action("cases.mark_returned", _("Case report returned")),
    Action("cases.moderation_decided", _("Moderation decided")),
    Action("cases.moderation_overridden", _("Moderation overridden"), True),
    # accommodations and overrides
    Action("exams.accommodation_granted", _("Accommodation granted"), True),
    Action("assignments.deadline_overridden", _("Deadline override granted"), True),
    # certificates
    Action("certificates.issued", _("Certificate issued")),
    Action("certificates.superseded", _("Certificate superseded")),
    Action("certificates.revoked", _("Certificate revoked"), True),
    # people
    Action("people.roles_changed", _("Roles changed")),
    Action("people.groups_changed", _("Groups changed")),
    Action("people.deactivated", _("Person deactivated")),
    # personal data
    Action("privacy.data_exported", _("Personal data exported")),
    Action("privacy.person_erased", _("Person erased"), True),
    Action("privacy.retention_applied", _("Retention applied")),
    Action("privacy.legal_hold_set", _("Legal hold set"), True),
    Action("privacy.legal_hold_lifted", _("Legal hold lifted"), True),
    # appeals
    Action("appeals.filed", _("Appeal filed")),
    Action("appeals.assigned", _("Appeal assigned for re-marking")),
    Action("appeals.resolved", _("Appeal resolved"), True),
    # the trail itself
    Action("audit.access_log_pruned", _("Access log pruned")),
    # the access log (its own chain)
    Action("access.viewed", _("Viewed another person's record")),
]

_BY_CODE = {action.code: action for action in ACTIONS}


def get(code: str) -> Action:
    """The action named ``code``; an unknown code is a programming error (``KeyError``)."""
    return _BY_CODE[code]


def label(code: str) -> str:
    action = _BY_CODE.get(code)
    return str(action.label) if action else code
