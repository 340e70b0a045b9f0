"""Writes of appeals (decision 1001): filing, assigning a re-marker, and the three
resolutions. Each step is one transaction with its audit entry (``appeals.filed``,
``appeals.assigned``, ``appeals.resolved``); the learner and the re-marker are told after it
commits. A changed result is finalised again as a new scorecard revision, and the certificate
follows through the certificates' services.

Views turn :class:`AppealRefused` into a message; when it is raised nothing has changed.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from appeals import notices, targets
from appeals.models import OPEN_STATUSES, Appeal, AppealAttachment, Kind, Outcome, Status
from appeals.targets import Target
from assessment import api as assessment_api
from audit.api import record
from cases import api as cases_api
from certificates import api as certificates_api
from exams import api as exams_api
from lms import api as lms_api

# An assessor resolves an appeal within this many calendar days of its filing.
RESOLUTION_DAYS = 10
MAX_FILES = 5
REMARKED_KINDS = (Kind.ESSAY, Kind.CASE)


class AppealRefused(Exception):
    """An appeal step the rules do not allow; ``str(error)`` is the message for the user."""


def _clean_text(text: str, message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise AppealRefused(message)
    return text


def _check_files(files) -> list[tuple[object, str]]:
    if len(files) > MAX_FILES:
        raise AppealRefused(_("Attach at most %(count)d files.") % {"count": MAX_FILES})
    checked = []
    for upload in files:
        try:
            checked.append((upload, cases_api.inspect_attachment(upload)))
        except cases_api.AttachmentRefused as refused:
            raise AppealRefused(str(refused)) from None
    return checked


def appeal_file(*, learner, target: Target, reason: str, files=(), request=None) -> Appeal:
    """File a learner's appeal against one of their released results, with its reason and
    files. Refused after the window, twice on the same result, or without a reason."""
    if target.owner_id != learner.pk:
        raise AppealRefused(_("You can only appeal your own results."))
    reason = _clean_text(reason, _("Say why you appeal this result."))
    now = timezone.now()
    if not target.is_open(now):
        raise AppealRefused(
            _("The appeal window for this result closed on %(date)s.")
            % {"date": timezone.localtime(target.closes_at).strftime("%Y-%m-%d")}
        )
    existing = Appeal.objects.filter(learner=learner, item=target.item).first()
    if existing is not None:
        raise AppealRefused(
            _("You have already appealed this result (%(reference)s).")
            % {"reference": existing.reference}
        )
    checked = _check_files(list(files))
    stored = []
    try:
        with transaction.atomic():
            appeal = Appeal.objects.create(
                learner=learner,
                program=target.program,
                kind=target.kind,
                item=target.item,
                title=target.title[:300],
                title_en=target.title_en[:300],
                url=target.url,
                released_at=target.released_at,
                reason=reason,
                filed_at=now,
                due_on=timezone.localdate(now) + timedelta(days=RESOLUTION_DAYS),
                result_before=target.result,
            )
            for upload, content_type in checked:
                attachment = AppealAttachment(
                    appeal=appeal, name=upload.name, content_type=content_type, size=upload.size
                )
                attachment.file.save(upload.name, upload, save=False)
                stored.append(attachment.file)
                attachment.save()
            record(
                "appeals.filed",
                actor=learner,
                obj=appeal,
                subject=learner,
                after=_summary(appeal),
                request=request,
            )
            notices.on_commit(appeal, notices.FILED)
    except IntegrityError:
        _delete_files(stored)
        raise AppealRefused(_("You have already appealed this result.")) from None
    except BaseException:
        _delete_files(stored)
        raise
    return appeal


def _delete_files(files) -> None:
    for stored in files:
        stored.delete(save=False)


def _summary(appeal: Appeal) -> dict:
    """What the audit trail keeps of an appeal: ids, codes, figures and dates, no names."""
    return {
        "appeal": appeal.reference,
        "kind": appeal.kind,
        "item": appeal.item,
        "program": appeal.program.code,
        "status": appeal.status,
        "due_on": appeal.due_on.isoformat(),
        "result": appeal.result_before,
    }


def _lock(appeal: Appeal) -> Appeal:
    locked = Appeal.objects.select_for_update().get(pk=appeal.pk)
    if locked.status not in OPEN_STATUSES:
        raise AppealRefused(_("This appeal is already resolved."))
    return locked


def first_graders(appeal: Appeal) -> set[int]:
    """Who marked the appealed result before (the re-marker must be someone else)."""
    number = int(appeal.item.split(":")[1])
    if appeal.kind == Kind.ESSAY:
        return exams_api.essay_graders(attempt_id=number)
    if appeal.kind == Kind.CASE:
        return cases_api.report_graders(submission_id=number)
    return set()


def appeal_assign(*, appeal: Appeal, remarker, by, request=None) -> Appeal:
    """Give an essay or case appeal to a grader who did not mark the result, to re-mark it
    blind. Assigning again replaces the re-marker."""
    if appeal.kind not in REMARKED_KINDS:
        raise AppealRefused(_("Only an essay or case mark is re-marked; resolve this one below."))
    if remarker.pk == appeal.learner_id:
        raise AppealRefused(_("The learner cannot re-mark their own result."))
    if not (lms_api.is_trainer(remarker) or lms_api.is_assessor(remarker)):
        raise AppealRefused(_("Choose a trainer or an assessor to re-mark."))
    if remarker.pk in first_graders(appeal):
        raise AppealRefused(
            _("This grader marked the result being appealed; choose a different grader.")
        )
    with transaction.atomic():
        locked = _lock(appeal)
        before = {"status": locked.status, "remarker": locked.remarker_id}
        locked.remarker = remarker
        locked.assigned_at = timezone.now()
        locked.status = Status.ASSIGNED
        locked.save(update_fields=["remarker", "assigned_at", "status"])
        record(
            "appeals.assigned",
            actor=by,
            obj=locked,
            subject=locked.learner,
            before=before,
            after={"status": locked.status, "remarker": remarker.pk},
            request=request,
        )
        notices.on_commit(locked, notices.ASSIGNED)
    return locked


def _check_remarker(locked: Appeal, marker) -> None:
    if locked.status != Status.ASSIGNED or locked.remarker_id != marker.pk:
        raise AppealRefused(_("This appeal is not assigned to you for re-marking."))


def appeal_remark_essays(
    *, appeal: Appeal, marker, marks: dict[int, tuple[Decimal, str]], explanation: str, request=None
) -> Appeal:
    """The assigned re-marker's new marks for every essay of the attempt (blind)."""
    explanation = _clean_text(explanation, _("Explain the new mark to the learner."))
    with transaction.atomic():
        locked = _lock(appeal)
        _check_remarker(locked, marker)
        try:
            percent = exams_api.essays_remark(
                attempt_id=int(locked.item.split(":")[1]), marker=marker, marks=marks
            )
        except ValueError as error:
            raise AppealRefused(_("Give every essay its points within its range.")) from error
        return _resolve(
            locked, Outcome.REMARKED, f"{percent:.2f}", explanation, by=marker, request=request
        )


def appeal_remark_case(*, appeal: Appeal, marker, form, explanation: str, request=None) -> Appeal:
    """The assigned re-marker's new mark of the case report (blind), from a valid form of
    ``cases.api.remark_screen``."""
    explanation = _clean_text(explanation, _("Explain the new mark to the learner."))
    with transaction.atomic():
        locked = _lock(appeal)
        _check_remarker(locked, marker)
        try:
            percent = cases_api.report_remark(
                submission_id=int(locked.item.split(":")[1]),
                grader=marker,
                form=form,
                reason=_changed_by(locked),
                request=request,
            )
        except cases_api.CaseActionRefused as refused:
            raise AppealRefused(str(refused)) from None
        return _resolve(
            locked, Outcome.REMARKED, f"{percent:.2f}", explanation, by=marker, request=request
        )


def appeal_correct_metric(
    *, appeal: Appeal, record_id: int, value, source: str, explanation: str, by, request=None
) -> Appeal:
    """Correct a metric value of the appealed scorecard, with the source of the new value,
    through the metrics services (the record's history keeps the old value)."""
    if appeal.kind not in (Kind.METRIC, Kind.SCORECARD):
        raise AppealRefused(_("Only a metric or a scorecard appeal corrects a metric."))
    source = _clean_text(source, _("Name the source of the corrected value."))
    explanation = _clean_text(explanation, _("Explain the correction to the learner."))
    with transaction.atomic():
        locked = _lock(appeal)
        try:
            assessment_api.metric_correct(
                record_id=record_id,
                value=value,
                source=source,
                by=by,
                via=_("appeal %(reference)s") % {"reference": locked.reference},
                reason=_changed_by(locked),
                request=request,
            )
        except assessment_api.AssessmentError as error:
            raise AppealRefused(str(error)) from None
        after = f"{Decimal(str(value)).normalize():f}"
        return _resolve(locked, Outcome.CORRECTED, after, explanation, by=by, request=request)


def appeal_uphold(*, appeal: Appeal, explanation: str, by, request=None) -> Appeal:
    """Keep the result, with the written explanation the learner reads."""
    explanation = _clean_text(explanation, _("Explain to the learner why the result stands."))
    with transaction.atomic():
        locked = _lock(appeal)
        return _resolve(
            locked, Outcome.UPHELD, locked.result_before, explanation, by=by, request=request
        )


def _resolve(locked: Appeal, outcome: str, after: str, explanation: str, *, by, request):
    """Close an appeal: new scorecard revisions and certificates for a changed result, the
    audit entry, and the learner told once it commits."""
    before = {"status": locked.status, "result": locked.result_before}
    if outcome != Outcome.UPHELD:
        locked.revisions = _follow_up(locked, by=by)
    locked.status = Status.RESOLVED
    locked.outcome = outcome
    locked.result_after = after[:40]
    locked.explanation = explanation
    locked.resolved_at = timezone.now()
    locked.resolved_by = by
    locked.save()
    record(
        "appeals.resolved",
        actor=by,
        obj=locked,
        subject=locked.learner,
        before=before,
        after={
            "status": locked.status,
            "outcome": outcome,
            "result": locked.result_after,
            "revisions": locked.revisions,
        },
        reason=explanation,
        request=request,
    )
    notices.on_commit(locked, notices.RESOLVED)
    return locked


def _changed_by(appeal: Appeal) -> str:
    """The reason a result changed by an appeal gives to the audit trail and the certificate."""
    return _("Result changed by appeal %(reference)s") % {"reference": appeal.reference}


def _follow_up(locked: Appeal, *, by) -> list[dict]:
    """Finalise the changed result's scorecards again, in every program that counts it; the
    certificate follows each new revision (issued, superseded or revoked)."""
    reason = _changed_by(locked)
    follow = []
    for program in targets.programs_of(locked):
        changed = assessment_api.scorecards_refinalise(
            program=program, user_id=locked.learner_id, by=by, reason=reason
        )
        for previous, revision in changed:
            certificate = certificates_api.certificate_follow_revision(
                previous=previous, revision=revision, by=by, reason=reason
            )
            follow.append(
                {
                    "program": program.code,
                    "period": revision.period,
                    "revision": revision.revision,
                    "certificate": certificate,
                }
            )
    return follow
