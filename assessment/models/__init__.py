"""Models of the assessment: programs and scheme versions, on-the-job metrics, integration
tokens, peer and supervisor evaluation, and scorecards; one module per subject."""

from assessment.models.metrics import MetricImport, MetricRecord, MetricRecordChange
from assessment.models.peer import PeerAssignment, PeerRound
from assessment.models.prerequisites import Prerequisite
from assessment.models.scheme import Program, SchemeVersion, SchemeVersionLocked
from assessment.models.scorecards import Scorecard, ScorecardFrozen, snapshot_sha256
from assessment.models.supervisor import SupervisorRating, SupervisorRound
from assessment.models.tokens import IntegrationToken, hash_token

__all__ = [
    "IntegrationToken",
    "MetricImport",
    "MetricRecord",
    "MetricRecordChange",
    "PeerAssignment",
    "PeerRound",
    "Prerequisite",
    "Program",
    "SchemeVersion",
    "SchemeVersionLocked",
    "Scorecard",
    "ScorecardFrozen",
    "SupervisorRating",
    "SupervisorRound",
    "hash_token",
    "snapshot_sha256",
]
