from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from cases import api
from cases.models import CaseMark, CaseSubmission, PracticeCase, Rubric, SubmissionStatus
from cases.selectors.grading import can_moderate

pytestmark = pytest.mark.django_db

SLUGS = ["case-alarm-after-repair", "case-repeat-fault-complaint", "case-remote-part-replacement"]


def test_demo_has_rubric_cases_and_reports_in_every_state():
    call_command("load_demo_data", "--force", verbosity=0)
    rubric = Rubric.objects.get(is_current=True)
    criteria = list(rubric.criteria.order_by("sort_order"))
    assert [c.title for c in criteria][:4] == [
        "问题识别与定义",
        "问题原因分析",
        "解决方案制定",
        "实施与跟踪",
    ]
    assert {c.title for c in criteria[4:]} == {"报告质量", "客户沟通"}
    for criterion in criteria:
        assert [lvl.label for lvl in criterion.ranked_levels] == [
            "未达到",
            "基本达到",
            "良好",
            "优秀",
        ]
        assert all(level.descriptor for level in criterion.levels.all())
    assert sorted(PracticeCase.objects.values_list("slug", flat=True)) == sorted(SLUGS)

    statuses = Counter(CaseSubmission.objects.values_list("status", flat=True))
    assert set(statuses) == {s.value for s in SubmissionStatus}
    waiting = CaseSubmission.objects.get(status=SubmissionStatus.MODERATION)
    assert waiting.case.is_double_marked
    assert CaseMark.objects.filter(submission=waiting, status="submitted").count() == 2
    assert CaseMark.objects.filter(status="draft").exists()  # a mark in progress
    assert CaseSubmission.objects.filter(number=2).exists()  # revised reports

    User = get_user_model()
    assert can_moderate(User.objects.get(username="trainer"))
    assert not can_moderate(User.objects.get(username="trainer2"))
    learners = User.objects.filter(groups__name="Learner")
    results = api.case_results(user_ids=[u.pk for u in learners], case_slugs=SLUGS)
    complete = [
        u for u in learners if all(results[(u.pk, slug)].percent is not None for slug in SLUGS)
    ]
    assert len(complete) >= 8
    assert (
        api.case_summary(user_id=User.objects.get(username="learner").pk, case_slugs=SLUGS).mean
        is not None
    )


def test_demo_is_idempotent():
    call_command("load_demo_data", "--force", verbosity=0)
    counts = (
        Rubric.objects.count(),
        PracticeCase.objects.count(),
        CaseSubmission.objects.count(),
        CaseMark.objects.count(),
    )
    call_command("load_demo_data", "--force", verbosity=0)
    assert counts == (
        Rubric.objects.count(),
        PracticeCase.objects.count(),
        CaseSubmission.objects.count(),
        CaseMark.objects.count(),
    )
