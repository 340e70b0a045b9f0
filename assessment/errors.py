"""The refusal every write of the assessment raises (schemes, metrics, scorecards, peer rounds)."""


class AssessmentError(Exception):
    """A request the rules refuse; the message is meant for the person who made it."""
