"""Models of the certificates app: certificates, serials, bulk issues, reminders, branding."""

from certificates.models.branding import CertificateBranding
from certificates.models.certificates import (
    BulkIssueJob,
    BulkIssueOutcome,
    Certificate,
    ExpiryReminder,
    SerialCounter,
)

__all__ = [
    "BulkIssueJob",
    "BulkIssueOutcome",
    "Certificate",
    "CertificateBranding",
    "ExpiryReminder",
    "SerialCounter",
]
