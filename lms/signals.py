"""Signal receivers of the lms app."""

import logging

from axes.signals import user_locked_out
from django.dispatch import receiver

logger = logging.getLogger(__name__)


@receiver(user_locked_out)
def log_lockout(sender, request, username, ip_address, **kwargs):
    logger.warning("Login locked out for username=%r from %s", username, ip_address)
