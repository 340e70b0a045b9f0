"""Appeals in the personal-data app's hooks: an open appeal blocks erasing its learner, and the
learner's appeals are a section of their export. Skipped while ``privacy`` is not installed
(it arrives from its own branch)."""

import pytest
from django.apps import apps

from appeals import services, targets

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("english"),
    pytest.mark.skipif(not apps.is_installed("privacy"), reason="privacy is not installed"),
]


def test_an_open_appeal_blocks_erasure_and_the_export_lists_it(attempt, learner, assessor):
    from privacy import api as privacy_api

    appeal = services.appeal_file(
        learner=learner, target=targets.essay_target(attempt.pk), reason="步骤完整"
    )
    assert any(appeal.reference in reason for reason in privacy_api.erasure_blockers(learner))
    rows = privacy_api.registered_export_sections()["appeals"](learner)
    assert [(row["reference"], row["reason"], row["status"]) for row in rows] == [
        (appeal.reference, "步骤完整", "filed")
    ]
    services.appeal_uphold(appeal=appeal, explanation="评分无误", by=assessor)
    assert not any("appeal" in reason for reason in privacy_api.erasure_blockers(learner))
