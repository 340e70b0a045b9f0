"""Certified scorecards and certificates for the certificate tests (metrics-only programs)."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from assessment.services.scorecards import scorecard_finalise
from certificates import issuing
from tests.assessment.factories import put_metrics

# ftfr 95 → 100, repeat 0 → 100, teamwork 5 → 100: total 100, excellent.
CERTIFIED = {"first_time_fix_rate": 95, "repeat_repair_rate": 0, "peer_teamwork_rating": 5}
# ftfr 60 → 0, repeat 10 → 0: technical ability 0, below the dimension minimum 50.
NOT_CERTIFIED = {"first_time_fix_rate": 60, "repeat_repair_rate": 10, "peer_teamwork_rating": 5}


def finalised(user, program, period="2026-Q3", values=None, reason="测试：指标更正"):
    """Finalise ``user``'s scorecard; a later revision over a finalised one (reopening it)
    carries ``reason``, as the audit trail requires."""
    put_metrics(user, period=period, **(values or CERTIFIED))
    scorecard, _created = scorecard_finalise(
        program=program, period=period, user_id=user.pk, by=None, reason=reason
    )
    return scorecard


def issued(user, program, period="2026-Q3", **kwargs):
    return issuing.certificate_issue(
        scorecard=finalised(user, program, period), **kwargs
    ).certificate


@pytest.fixture(autouse=True)
def clear_rate_limits():
    cache.clear()
    yield
    cache.clear()
