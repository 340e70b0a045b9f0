"""Signal receivers of the lms app."""

import logging

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

from lms import metrics

logger = logging.getLogger(__name__)


@receiver(user_locked_out)
def log_lockout(sender, request, username, ip_address, **kwargs):
    logger.warning("Login locked out for username=%r from %s", username, ip_address)


@receiver(user_login_failed)
def count_failed_login(sender, credentials, request=None, **kwargs):
    metrics.LOGINS_FAILED.inc()
