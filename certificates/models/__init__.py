"""Models of the certificates app, one module per subject."""

from certificates.models.branding import CertificateBranding
from certificates.models.certificates import (
    BulkIssueJob,
    BulkIssueOutcome,
    Certificate,
    ExpiryReminder,
    SerialCounter,
)
from certificates.models.metrics import MetricImport, MetricRecord, MetricRecordChange, is_period
from certificates.models.peer import PeerAssignment, PeerRound
from certificates.models.scheme import Program, SchemeVersion, SchemeVersionLocked
from certificates.models.scorecards import Scorecard, ScorecardFrozen, snapshot_sha256
from certificates.models.tokens import IntegrationToken, hash_token

__all__ = [
    "BulkIssueJob",
    "BulkIssueOutcome",
    "Certificate",
    "ExpiryReminder",
    "SerialCounter",
    "CertificateBranding",
    "IntegrationToken",
    "MetricImport",
    "MetricRecord",
    "MetricRecordChange",
    "PeerAssignment",
    "PeerRound",
    "Program",
    "SchemeVersion",
    "SchemeVersionLocked",
    "Scorecard",
    "ScorecardFrozen",
    "hash_token",
    "is_period",
    "snapshot_sha256",
]
