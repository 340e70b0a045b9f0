"""Factories and scheme files for the certificates tests.

Every program here is metrics-only (exam and practice weights 0, no exams or cases), so the
tests run without the quiz engine; the formula with exams and cases is tested in
test_scoring.py with hand values.
"""

import copy
from decimal import Decimal

from django.utils import timezone

from certificates import services
from certificates.models import MetricRecord

METRICS_ONLY = {
    "program": {"code": "TST-L1", "name": "测试认证", "validity_months": 24},
    "components": {"exam": 0, "practice": 0, "on_the_job": 100},
    "exams": [],
    "practice_cases": [],
    "dimensions": [
        {
            "code": "technical_ability",
            "name": "技术能力",
            "weight": 50,
            "indicators": [
                {
                    "code": "first_time_fix_rate",
                    "name": "一次修复率",
                    "unit": "%",
                    "source": "work_records",
                    "weight": 50,
                    "worst": 60,
                    "best": 95,
                    "min_value": 0,
                    "max_value": 100,
                    "suggestion": "复盘返修案例，按鱼骨图找根本原因。",
                },
                {
                    "code": "repeat_repair_rate",
                    "name": "重复维修率",
                    "unit": "%",
                    "source": "work_records",
                    "weight": 50,
                    "worst": 10,
                    "best": 0,
                    "min_value": 0,
                    "max_value": 100,
                    "suggestion": "维修后做完整的测试和验收。",
                },
            ],
        },
        {
            "code": "teamwork",
            "name": "团队协作",
            "weight": 50,
            "indicators": [
                {
                    "code": "peer_teamwork_rating",
                    "name": "同事协作评分",
                    "unit": "分",
                    "source": "peer_evaluation",
                    "weight": 100,
                    "worst": 1,
                    "best": 5,
                    "min_value": 1,
                    "max_value": 5,
                    "suggestion": "主动与同事分享维修经验。",
                }
            ],
        },
    ],
    "gates": {"exam_min": None, "practice_min": None, "dimension_min": 50},
    "pass_mark": 60,
    "grade_bands": [
        {"code": "excellent", "min": 90},
        {"code": "good", "min": 80},
        {"code": "pass", "min": 60},
    ],
}


def scheme_file(**changes) -> dict:
    data = copy.deepcopy(METRICS_ONLY)
    data.update(changes)
    return data


def make_program(*, activate=True, data=None):
    """A metrics-only program with version 1 (active by default)."""
    imported = services.scheme_import(data=data or scheme_file(), activate=activate)
    return imported.program, imported.version


def put_metrics(user, period="2026-Q3", **values):
    now = timezone.now()
    for code, value in values.items():
        MetricRecord.objects.update_or_create(
            employee=user,
            indicator=code,
            period=period,
            defaults={"value": Decimal(str(value)), "created_at": now, "updated_at": now},
        )
