"""The events the certificates app sends through the notification service (decision 0800)."""

from django.utils.translation import gettext_lazy as _

from certificates.issuing import issued_email
from certificates.reminders import expiry_email
from notifications.api import EventType, register_event_type


def certificate_id(item: str) -> int:
    return int(item.removeprefix("certificate:"))


register_event_type(
    EventType(
        key="certificate_issued",
        label=_("Certificate issued"),
        email=lambda *, recipient, item: issued_email(certificate_id=certificate_id(item)),
        order=60,
    )
)
register_event_type(
    EventType(
        key="certificate_expiring",
        label=_("Certificate expiring"),
        email=lambda *, recipient, item: expiry_email(certificate_id=certificate_id(item)),
        order=70,
    )
)
# A revocation is the holder's business, not the group chat's: no robot unless they choose it.
register_event_type(
    EventType(
        key="certificate_revoked", label=_("Certificate revoked"), robot_default=False, order=80
    )
)
