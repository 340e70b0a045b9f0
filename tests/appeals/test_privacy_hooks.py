"""Appeals in the personal-data app's hooks: an open appeal blocks erasing its learner, the
learner's appeals are a section of their export, and erasing them removes their reasons and
files."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from appeals import services, targets
from appeals.models import Appeal, AppealAttachment
from privacy import api as privacy_api

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_an_open_appeal_blocks_erasure_and_the_export_lists_it(attempt, learner, assessor):
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


def test_erasing_the_learner_removes_their_appeal_reasons_and_files(attempt, learner, assessor):
    upload = SimpleUploadedFile("log.txt", "报警记录 E21".encode(), content_type="text/plain")
    appeal = services.appeal_file(
        learner=learner, target=targets.essay_target(attempt.pk), reason="步骤完整", files=[upload]
    )
    services.appeal_uphold(appeal=appeal, explanation="评分无误", by=assessor)
    stored = AppealAttachment.objects.get()
    storage, name = stored.file.storage, stored.file.name
    assert storage.exists(name)

    (erase,) = [h for h in privacy_api.erasure_handlers() if h.__module__.startswith("appeals")]
    assert erase(learner, dry_run=True) == {"appeals.reasons": 1, "appeals.attachments": 1}
    assert Appeal.objects.get().reason == "步骤完整" and storage.exists(name)

    erase(learner, dry_run=False)
    appeal.refresh_from_db()
    assert (appeal.reason, appeal.outcome, appeal.explanation) == ("", "upheld", "评分无误")
    assert not AppealAttachment.objects.exists()
    assert not storage.exists(name)
