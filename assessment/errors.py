"""The refusal every write of the assessment raises (schemes, metrics, scorecards, peer rounds)."""

from audit.api import ReasonRequired


class AssessmentError(Exception):
    """A request the rules refuse; the message is meant for the person who made it."""


class ReasonMissing(AssessmentError, ReasonRequired):
    """A change the audit trail needs a reason for (reopening a finalised scorecard, changing a
    metric after finalisation) came without one; nothing was changed."""
