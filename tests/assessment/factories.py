"""Factories and scheme files for the certificates tests.

Every program here is metrics-only (exam and practice weights 0, no exams or cases), so the
tests run without the quiz engine; the formula with exams and cases is tested in
test_scoring.py with hand values.
"""

import copy
from decimal import Decimal

from django.utils import timezone

from assessment.models import MetricRecord
from assessment.services.schemes import scheme_import

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
    imported = scheme_import(data=data or scheme_file(), activate=activate)
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


def _list_block(items):
    data = {
        str(i): {"value": value, "deleted": "", "order": str(i), "id": ""}
        for i, value in enumerate(items)
    }
    data["count"] = str(len(items))
    return data


def _blank(value):
    return "" if value is None else value


def version_form_data(data: dict, *, program_pk: int) -> dict:
    """POST data of the Wagtail admin form of a scheme version, from the file format."""
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    dimensions = []
    for dimension in data["dimensions"]:
        indicators = []
        for indicator in dimension["indicators"]:
            indicators.append(
                {
                    "code": indicator["code"],
                    "name": indicator["name"],
                    "name_en": indicator.get("name_en", ""),
                    "unit": indicator.get("unit", ""),
                    "unit_en": indicator.get("unit_en", ""),
                    "source": indicator["source"],
                    "weight": indicator["weight"],
                    "worst": indicator["worst"],
                    "best": indicator["best"],
                    "min_value": _blank(indicator.get("min_value")),
                    "max_value": _blank(indicator.get("max_value")),
                    "bands": _list_block(
                        [
                            {
                                "min": _blank(b.get("min")),
                                "max": _blank(b.get("max")),
                                "score": b["score"],
                            }
                            for b in indicator.get("bands", [])
                        ]
                    ),
                    "suggestion": indicator.get("suggestion", ""),
                    "suggestion_en": indicator.get("suggestion_en", ""),
                    "suggestion_below": _blank(indicator.get("suggestion_below")),
                }
            )
        dimensions.append(
            (
                "dimension",
                {
                    "code": dimension["code"],
                    "name": dimension["name"],
                    "name_en": dimension.get("name_en", ""),
                    "weight": dimension["weight"],
                    "indicators": _list_block(indicators),
                },
            )
        )
    gates = data["gates"]
    return nested_form_data(
        {
            "program": program_pk,
            "exam_weight": data["components"]["exam"],
            "practice_weight": data["components"]["practice"],
            "on_the_job_weight": data["components"]["on_the_job"],
            "exams": "\n".join(data["exams"]),
            "practice_cases": "\n".join(data["practice_cases"]),
            "dimensions": streamfield(dimensions),
            "exam_min": _blank(gates.get("exam_min")),
            "practice_min": _blank(gates.get("practice_min")),
            "dimension_min": _blank(gates.get("dimension_min")),
            "pass_mark": data["pass_mark"],
            "grade_bands": streamfield(
                [
                    (
                        "band",
                        {
                            "code": b["code"],
                            "name": b.get("name", ""),
                            "name_en": b.get("name_en", ""),
                            "min": b["min"],
                        },
                    )
                    for b in data["grade_bands"]
                ]
            ),
            "note": "",
        }
    )
