"""The per-request health check of a reused PostgreSQL connection (lms.db.health, decision 0905):
no round trip while the socket is quiet, Django's ``SELECT 1`` (and a new connection when it
fails) as soon as the server has sent anything, such as the notice that it closed the
connection."""

import socket
import time

import pytest
from django.db import connection, connections
from psycopg import pq

from lms.db.health import QuietSocketHealthCheck, socket_is_quiet
from lms.settings.operations import with_project_backend, with_query_metrics


class FakePgConn:
    def __init__(self, status=pq.TransactionStatus.IDLE):
        self.transaction_status = status


class FakeConnection:
    """What the check reads of a psycopg connection, over one end of a socket pair."""

    def __init__(self, sock, status=pq.TransactionStatus.IDLE):
        self.sock = sock
        self.closed = False
        self.pgconn = FakePgConn(status)

    def fileno(self):
        return self.sock.fileno()


@pytest.fixture
def socket_pair():
    ours, server = socket.socketpair()
    yield ours, server
    ours.close()
    server.close()


def test_an_idle_connection_with_nothing_to_read_is_quiet(socket_pair):
    assert socket_is_quiet(FakeConnection(socket_pair[0]))


def test_a_message_from_the_server_or_its_end_of_stream_is_not_quiet(socket_pair):
    ours, server = socket_pair
    server.sendall(b"E")  # e.g. "terminating connection due to administrator command"
    assert not socket_is_quiet(FakeConnection(ours))
    other, closing = socket.socketpair()
    closing.close()
    assert not socket_is_quiet(FakeConnection(other))
    other.close()


def test_a_connection_in_a_transaction_or_closed_is_not_quiet(socket_pair):
    assert not socket_is_quiet(FakeConnection(socket_pair[0], pq.TransactionStatus.INTRANS))
    closed = FakeConnection(socket_pair[0])
    closed.closed = True
    assert not socket_is_quiet(closed)


class DjangoCheck:
    """Django's own check, as the mixin's parent: counts the SELECT 1 it would send."""

    pool = None

    def __init__(self, sock, usable=True):
        self.connection = FakeConnection(sock)
        self.health_check_enabled = True
        self.health_check_done = False
        self.usable = usable
        self.asked = 0
        self.closed = False

    def close_if_health_check_failed(self):
        self.asked += 1
        if not self.usable:
            self.closed = True
        self.health_check_done = True


class Checked(QuietSocketHealthCheck, DjangoCheck):
    pass


def test_a_quiet_reused_connection_is_not_asked_select_1(socket_pair):
    wrapper = Checked(socket_pair[0])
    wrapper.close_if_health_check_failed()
    assert wrapper.asked == 0
    assert wrapper.health_check_done


def test_a_connection_the_server_closed_gets_django_s_check_and_is_replaced(socket_pair):
    ours, server = socket_pair
    server.close()
    wrapper = Checked(ours, usable=False)
    wrapper.close_if_health_check_failed()
    assert wrapper.asked == 1
    assert wrapper.closed


def test_postgresql_runs_on_the_project_backends_sqlite_on_django_s():
    postgres = {"ENGINE": "django.db.backends.postgresql", "NAME": "academy"}
    assert with_project_backend(postgres)["ENGINE"] == "lms.db.postgresql"
    assert with_query_metrics(with_project_backend(postgres))["ENGINE"] == (
        "lms.db.postgresql_metrics"
    )
    sqlite = {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
    assert with_project_backend(sqlite) == sqlite


@pytest.mark.django_db
def test_a_postgresql_connection_ended_by_the_server_is_replaced_before_the_next_query():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite has no server to end a connection")
    reused = connections.create_connection("default")
    try:
        reused.ensure_connection()
        reused.health_check_enabled = True
        first = reused.connection.info.backend_pid
        reused.health_check_done = False
        reused.close_if_health_check_failed()  # quiet: kept, nothing sent
        assert reused.connection.info.backend_pid == first
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [first])
        deadline = time.monotonic() + 10
        while socket_is_quiet(reused.connection) and time.monotonic() < deadline:
            time.sleep(0.01)  # the server ends the backend a moment after it was asked to
        reused.health_check_done = False
        reused.close_if_health_check_failed()
        with reused.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            assert cursor.fetchone()[0] != first
    finally:
        reused.close()
