"""PostgreSQL prepares the statements a connection runs again and again (decision 0905), unless
``DATABASE_PREPARED_STATEMENTS=false`` (behind a transaction-pooling PgBouncer)."""

import environ
import pytest
from django.db import connection

from exams.models import Attempt
from lms.settings.operations import with_engine_options

POSTGRES = {"ENGINE": "django.db.backends.postgresql", "NAME": "academy"}


def test_postgresql_prepares_statements_unless_told_not_to(monkeypatch):
    monkeypatch.delenv("DATABASE_PREPARED_STATEMENTS", raising=False)
    options = with_engine_options(POSTGRES, environ.Env())["OPTIONS"]
    assert options["server_side_binding"] is True and options["prepare_threshold"] == 5
    monkeypatch.setenv("DATABASE_PREPARED_STATEMENTS", "false")
    assert "prepare_threshold" not in with_engine_options(POSTGRES, environ.Env()).get(
        "OPTIONS", {}
    )
    sqlite = with_engine_options({"ENGINE": "django.db.backends.sqlite3"}, environ.Env())
    assert "prepare_threshold" not in sqlite["OPTIONS"]


@pytest.mark.django_db
def test_a_statement_run_five_times_is_prepared_on_the_server():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's prepared statements")
    for pk in range(1, 8):
        list(Attempt.objects.filter(pk=pk).order_by().values_list("pk"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any('FROM "exams_attempt" WHERE "exams_attempt"."id" = $1' in s for s in prepared)
