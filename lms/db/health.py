"""A cheaper per-request health check of a reused PostgreSQL connection (decision 0905).

Django's check (``CONN_HEALTH_CHECKS``) sends ``SELECT 1`` before the first query of every
request on a reused connection: a round trip and about 0.1 ms of the app's CPU plus the
server's, on every request. A server that closes a connection (a restart, a fail-over,
``pg_terminate_backend``, an idle timeout) first sends an error message and then the end of the
stream, and an idle connection otherwise receives nothing: so while the socket has nothing to
read, the connection is as good as ``SELECT 1`` would find it, and the round trip is skipped.
When there is something to read, or the connection is not idle, Django's own check runs
(``SELECT 1``; the connection is closed and replaced if it fails). A server that vanished
without closing (a cut cable) is not seen by either check before the query itself.
"""

from __future__ import annotations

import select

import psycopg
from psycopg import pq


def socket_is_quiet(connection) -> bool:
    """True when the psycopg ``connection`` is open, idle outside a transaction, and its socket
    has nothing to read (no error, no end of stream, no notice)."""
    if connection.closed or connection.pgconn.transaction_status != pq.TransactionStatus.IDLE:
        return False
    try:
        poller = select.poll()
        poller.register(connection.fileno(), select.POLLIN | select.POLLPRI)
        return not poller.poll(0)
    except (OSError, ValueError, AttributeError, psycopg.Error):  # no poll(), no socket: ask
        return False


class QuietSocketHealthCheck:
    """Mixin for a PostgreSQL ``DatabaseWrapper``: the per-request health check skips the
    round trip while the socket is quiet. The check after a failed query (``is_usable`` in
    ``close_if_unusable_or_obsolete``) is Django's, unchanged."""

    def close_if_health_check_failed(self):
        if (
            self.connection is not None
            and self.health_check_enabled
            and not self.health_check_done
            and not self.pool
            and socket_is_quiet(self.connection)
        ):
            self.health_check_done = True
            return
        super().close_if_health_check_failed()
