"""Writes for practice cases: drafting and submitting reports, attachments, marking,
moderation and rubric versions.

Views call these functions and turn :class:`CaseActionRefused` into a message for the user.
Every state change happens in one transaction with the report row locked, so two graders
posting at the same moment cannot both change a report.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from cases import scoring as scoring_cases
from cases import trail
from cases.models import (
    CaseAttachment,
    CaseMark,
    CaseMarkScore,
    CaseSubmission,
    FinalMethod,
    MarkDecision,
    MarkKind,
    MarkStatus,
    PracticeCase,
    Rubric,
    RubricCriterion,
    RubricLevel,
    SubmissionStatus,
)
from cases.notices import notify_on_commit
from cases.report import ReportContent, Section, missing_sections
from cases.selectors.rubrics import criterion_specs, rubric_with_levels
from cases.uploads import MAX_ATTACHMENTS_PER_REPORT, AttachmentRefused, inspect_upload
from lms.bilingual import localized


class CaseActionRefused(Exception):
    """An action the rules do not allow; ``str(error)`` is the message for the user."""


class ReportIncomplete(CaseActionRefused):
    def __init__(self, missing: list[Section]):
        self.missing = missing
        super().__init__(_("The report cannot be submitted yet: some sections are missing."))


# --- Reports -----------------------------------------------------------------------------


def _latest(case: PracticeCase, learner) -> CaseSubmission | None:
    return (
        CaseSubmission.objects.select_for_update()
        .filter(case=case, learner=learner)
        .order_by("-number")
        .first()
    )


def can_start_revision(case: PracticeCase, latest: CaseSubmission | None) -> bool:
    """May the learner write a new version after ``latest``?"""
    if latest is None or latest.number >= case.versions_allowed:
        return False
    if latest.status == SubmissionStatus.RETURNED:
        return True
    return latest.status == SubmissionStatus.FINALISED and latest.passed is False


def report_open_draft(*, case: PracticeCase, learner) -> CaseSubmission:
    """The learner's draft on a case, starting version 1 if they have none yet."""
    with transaction.atomic():
        latest = _latest(case, learner)
        if latest is None:
            return CaseSubmission.objects.create(case=case, learner=learner, number=1)
        if latest.is_draft:
            return latest
    raise CaseActionRefused(_("This report has already been submitted."))


def report_save_draft(*, submission: CaseSubmission, content: ReportContent) -> None:
    """Store the report as typed, whatever its state of completion."""
    with transaction.atomic():
        locked = CaseSubmission.objects.select_for_update().get(pk=submission.pk)
        if not locked.is_draft:
            raise CaseActionRefused(
                _("This version has been submitted and can no longer be changed.")
            )
        for name in ReportContent.field_names():
            setattr(locked, name, getattr(content, name))
        locked.save()
    for name in ReportContent.field_names():
        setattr(submission, name, getattr(content, name))


def report_submit(*, submission: CaseSubmission) -> None:
    """Hand the report in for marking, or raise :class:`ReportIncomplete` listing what is
    missing (the draft is left as it is)."""
    with transaction.atomic():
        locked = (
            CaseSubmission.objects.select_for_update().select_related("case").get(pk=submission.pk)
        )
        if not locked.is_draft:
            raise CaseActionRefused(_("This version has already been submitted."))
        missing = missing_sections(ReportContent.from_object(locked))
        if missing:
            raise ReportIncomplete(missing)
        locked.status = SubmissionStatus.SUBMITTED
        locked.submitted_at = timezone.now()
        locked.rubric_id = locked.case.rubric_id
        locked.save(update_fields=["status", "submitted_at", "rubric", "updated_at"])
    submission.status = locked.status
    submission.submitted_at = locked.submitted_at
    submission.rubric_id = locked.rubric_id


def report_start_revision(*, case: PracticeCase, learner) -> CaseSubmission:
    """Start the next version from a returned or failed one, copying its text and files."""
    with transaction.atomic():
        latest = _latest(case, learner)
        if latest is not None and latest.is_draft:
            return latest
        if not can_start_revision(case, latest):
            raise CaseActionRefused(_("No further version of this report can be submitted."))
        revision = CaseSubmission.objects.create(
            case=case,
            learner=learner,
            number=latest.number + 1,
            **{name: getattr(latest, name) for name in ReportContent.field_names()},
        )
        for attachment in latest.attachments.all():
            with attachment.file.open("rb") as source:
                copy = CaseAttachment(
                    submission=revision,
                    name=attachment.name,
                    content_type=attachment.content_type,
                    size=attachment.size,
                )
                copy.file.save(attachment.name, ContentFile(source.read()), save=True)
        return revision


# --- Attachments -------------------------------------------------------------------------


def attachment_add(*, submission: CaseSubmission, upload) -> CaseAttachment:
    """Check and store one uploaded file; raise :class:`AttachmentRefused` with the reason
    (nothing is stored then)."""
    if not submission.is_draft:
        raise AttachmentRefused(_("Files can only be added to a draft."))
    if submission.attachments.count() >= MAX_ATTACHMENTS_PER_REPORT:
        raise AttachmentRefused(
            _("A report can have at most %(count)s files.") % {"count": MAX_ATTACHMENTS_PER_REPORT}
        )
    content_type = inspect_upload(upload)
    attachment = CaseAttachment(
        submission=submission, name=upload.name, content_type=content_type, size=upload.size
    )
    attachment.file.save(upload.name, upload, save=False)
    try:
        attachment.save()
    except Exception:
        attachment.file.delete(save=False)
        raise
    return attachment


def attachment_delete(*, attachment: CaseAttachment) -> None:
    if not attachment.submission.is_draft:
        raise CaseActionRefused(_("Files of a submitted report cannot be removed."))
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))


# --- Marking -----------------------------------------------------------------------------


@dataclass
class MarkInput:
    """What a grader entered: ``{criterion_id: level_id or None}``, comments, feedback."""

    levels: dict[int, int | None]
    comments: dict[int, str] = field(default_factory=dict)
    feedback: str = ""


def _lock(submission: CaseSubmission) -> CaseSubmission:
    return CaseSubmission.objects.select_for_update().select_related("case").get(pk=submission.pk)


def _refuse_closed(locked: CaseSubmission) -> None:
    if locked.status == SubmissionStatus.FINALISED:
        final = (
            locked.marks.filter(status=MarkStatus.SUBMITTED)
            .select_related("grader")
            .order_by("-submitted_at")
            .first()
        )
        raise CaseActionRefused(
            _("This report was already finalised by %(grader)s; your mark was not recorded.")
            % {"grader": final.grader.get_full_name() if final else "—"}
        )
    if locked.status == SubmissionStatus.RETURNED:
        raise CaseActionRefused(
            _("This report has been returned for revision; your mark was not recorded.")
        )
    if locked.status == SubmissionStatus.MODERATION:
        raise CaseActionRefused(_("Both marks are in and this report is waiting for moderation."))


def _marker_mark(locked: CaseSubmission, grader) -> CaseMark:
    """The grader's own mark on a submitted report, claiming a marking place if needed."""
    if locked.learner_id == grader.pk:
        raise CaseActionRefused(_("You cannot mark your own report."))
    _refuse_closed(locked)
    mark = locked.marks.filter(grader=grader).first()
    if mark is not None:
        if mark.kind != MarkKind.MARKER:
            raise CaseActionRefused(_("You are not a marker of this report."))
        if mark.is_submitted:
            raise CaseActionRefused(_("You have already submitted your mark for this report."))
        return mark
    taken = locked.marks.filter(kind=MarkKind.MARKER).count()
    if taken >= locked.case.markers_needed:
        raise CaseActionRefused(_("Other graders are already marking this report."))
    return CaseMark.objects.create(submission=locked, grader=grader, kind=MarkKind.MARKER)


def _store(mark: CaseMark, rubric: Rubric, entry: MarkInput) -> scoring_cases.RubricScore:
    specs = criterion_specs(rubric)
    known = {spec.id: spec for spec in specs}
    levels = {}
    for spec in specs:
        level_id = entry.levels.get(spec.id)
        if level_id is not None:
            try:
                spec.rank(level_id)
            except KeyError:
                raise CaseActionRefused(
                    _("A chosen level does not belong to this rubric.")
                ) from None
        levels[spec.id] = level_id
    existing = {score.criterion_id: score for score in mark.scores.all()}
    for criterion_id in known:
        score = existing.get(criterion_id) or CaseMarkScore(mark=mark, criterion_id=criterion_id)
        score.level_id = levels[criterion_id]
        score.comment = entry.comments.get(criterion_id, "")
        score.save()
    mark.feedback = entry.feedback
    return scoring_cases.score_rubric(specs, levels)


def _missing_levels(rubric: Rubric, result: scoring_cases.RubricScore, entry: MarkInput):
    if result.complete:
        return
    names = [localized(c, "title") for c in rubric.criteria.all() if entry.levels.get(c.pk) is None]
    raise CaseActionRefused(
        _("Choose a level for every criterion before submitting: %(names)s")
        % {"names": "、".join(names)}
    )


def mark_save_draft(*, submission: CaseSubmission, grader, entry: MarkInput) -> CaseMark:
    """Save a grader's unfinished mark (claims a marking place on first save)."""
    with transaction.atomic():
        locked = _lock(submission)
        mark = _marker_mark(locked, grader)
        rubric = rubric_with_levels(locked.rubric_id)
        result = _store(mark, rubric, entry)
        mark.points_earned = result.points_earned
        mark.points_possible = result.points_possible
        mark.save()
        return mark


def mark_submit(
    *,
    submission: CaseSubmission,
    grader,
    entry: MarkInput,
    decision: str = MarkDecision.FINALISE,
    request=None,
) -> CaseMark:
    """Submit a grader's mark.

    Single marking: ``decision`` finalises the report or returns it for revision. Double
    marking: the decision is ignored; when the second mark arrives the two are reconciled —
    the mean becomes final, or the report waits for a moderator.
    """
    with transaction.atomic():
        locked = _lock(submission)
        mark = _marker_mark(locked, grader)
        rubric = rubric_with_levels(locked.rubric_id)
        result = _store(mark, rubric, entry)
        _missing_levels(rubric, result, entry)
        now = timezone.now()
        case = locked.case
        mark.status = MarkStatus.SUBMITTED
        mark.submitted_at = now
        mark.points_earned = result.points_earned
        mark.points_possible = result.points_possible
        mark.percent = result.percent
        mark.passed = result.passed(case.pass_mark)
        if case.is_double_marked:
            mark.decision = ""
            mark.save()
            _reconcile_if_complete(locked, now, actor=grader, request=request)
        else:
            _decide(locked, mark, decision, now, FinalMethod.SINGLE, request=request)
            mark.save()
        return mark


def _decide(locked, mark, decision, now, method, *, request=None, reason="") -> None:
    if decision == MarkDecision.RETURN:
        if locked.number >= locked.case.versions_allowed:
            raise CaseActionRefused(
                _("No resubmission is left for this learner: finalise the report instead.")
            )
        mark.decision = MarkDecision.RETURN
        locked.status = SubmissionStatus.RETURNED
        locked.final_percent = None
        locked.passed = None
        locked.final_method = ""
    else:
        mark.decision = MarkDecision.FINALISE
        locked.status = SubmissionStatus.FINALISED
        locked.final_percent = mark.percent
        locked.passed = mark.passed
        locked.final_method = method
    locked.finalised_at = now
    locked.save()
    trail.record_decision(locked, mark, actor=mark.grader, request=request, reason=reason)
    notify_on_commit(locked)


def _reconcile_if_complete(locked: CaseSubmission, now, *, actor, request) -> None:
    marks = list(locked.marks.filter(kind=MarkKind.MARKER, status=MarkStatus.SUBMITTED))
    if len(marks) < 2:
        return
    first, second = marks[:2]
    outcome = scoring_cases.reconcile(
        scoring_cases.IndependentMark(first.percent, first.passed),
        scoring_cases.IndependentMark(second.percent, second.passed),
        tolerance=locked.case.tolerance,
    )
    if outcome.needs_moderation:
        locked.status = SubmissionStatus.MODERATION
    else:
        locked.status = SubmissionStatus.FINALISED
        locked.final_percent = outcome.final_percent
        locked.passed = outcome.passed
        locked.final_method = FinalMethod.MEAN
        locked.finalised_at = now
        notify_on_commit(locked)
    locked.save()
    if locked.status == SubmissionStatus.FINALISED:
        trail.record_decision(locked, None, actor=actor, request=request)


def mark_withdraw(*, submission: CaseSubmission, grader) -> None:
    """Give up an unfinished mark, freeing the marking place."""
    with transaction.atomic():
        locked = _lock(submission)
        mark = locked.marks.filter(grader=grader, status=MarkStatus.DRAFT).first()
        if mark is None:
            raise CaseActionRefused(_("You have no unfinished mark on this report."))
        mark.delete()


def _moderator_mark(locked: CaseSubmission, moderator, *, allowed: bool) -> CaseMark:
    if not allowed:
        raise CaseActionRefused(_("Only a lead trainer can moderate."))
    if locked.learner_id == moderator.pk:
        raise CaseActionRefused(_("You cannot mark your own report."))
    if locked.status != SubmissionStatus.MODERATION:
        _refuse_closed(locked)
        raise CaseActionRefused(_("This report is not waiting for moderation."))
    mark = locked.marks.filter(grader=moderator).first()
    if mark is not None and mark.kind == MarkKind.MARKER:
        raise CaseActionRefused(
            _("You marked this report, so another lead trainer must moderate it.")
        )
    if mark is None:
        mark = CaseMark.objects.create(submission=locked, grader=moderator, kind=MarkKind.MODERATOR)
    return mark


def moderation_save_draft(
    *, submission: CaseSubmission, moderator, entry: MarkInput, allowed: bool
) -> CaseMark:
    with transaction.atomic():
        locked = _lock(submission)
        mark = _moderator_mark(locked, moderator, allowed=allowed)
        result = _store(mark, rubric_with_levels(locked.rubric_id), entry)
        mark.points_earned = result.points_earned
        mark.points_possible = result.points_possible
        mark.save()
        return mark


def moderation_decide(
    *,
    submission: CaseSubmission,
    moderator,
    entry: MarkInput,
    decision: str,
    allowed: bool,
    request=None,
    reason: str = "",
) -> CaseMark:
    """The lead trainer's final mark on a report whose two marks disagree. Passing a report
    both markers failed, or failing one both passed, overrides them: that needs a ``reason``
    (``ReasonRequired``, nothing changed, without one)."""
    with transaction.atomic():
        locked = _lock(submission)
        mark = _moderator_mark(locked, moderator, allowed=allowed)
        rubric = rubric_with_levels(locked.rubric_id)
        result = _store(mark, rubric, entry)
        _missing_levels(rubric, result, entry)
        now = timezone.now()
        mark.status = MarkStatus.SUBMITTED
        mark.submitted_at = now
        mark.points_earned = result.points_earned
        mark.points_possible = result.points_possible
        mark.percent = result.percent
        mark.passed = result.passed(locked.case.pass_mark)
        _decide(locked, mark, decision, now, FinalMethod.MODERATED, request=request, reason=reason)
        mark.save()
        return mark


def rubric_new_version(*, edited: Rubric, user=None) -> Rubric:
    """Save the edited state of a rubric that is in use as its next version.

    ``edited`` is the rubric with the edits applied in memory (a CMS form saved with
    ``commit=False``); the stored version is left untouched. Practice cases and reports not
    yet marked (on any version of the rubric) move to the new version, which becomes the
    current one; marks already given keep theirs.
    """
    old = Rubric.objects.select_for_update().get(pk=edited.pk)
    number = Rubric.objects.filter(family=old.family).aggregate(n=Max("version"))["n"] + 1
    new = Rubric.objects.create(
        title=edited.title,
        title_en=edited.title_en,
        description=edited.description,
        description_en=edited.description_en,
        family=old.family,
        version=number,
        is_current=True,
    )
    for criterion in edited.criteria.all():
        copy = RubricCriterion.objects.create(
            rubric=new,
            sort_order=criterion.sort_order,
            title=criterion.title,
            title_en=criterion.title_en,
            description=criterion.description,
            description_en=criterion.description_en,
            critical=criterion.critical,
            minimum_level=criterion.minimum_level,
        )
        RubricLevel.objects.bulk_create(
            RubricLevel(
                criterion=copy,
                sort_order=level.sort_order,
                label=level.label,
                label_en=level.label_en,
                descriptor=level.descriptor,
                descriptor_en=level.descriptor_en,
                points=level.points,
            )
            for level in criterion.levels.all()
        )
    Rubric.objects.filter(family=old.family).exclude(pk=new.pk).update(is_current=False)
    PracticeCase.objects.filter(rubric__family=old.family).update(rubric=new)
    CaseSubmission.objects.filter(rubric__family=old.family, marks__isnull=True).update(rubric=new)
    log(instance=new, action="wagtail.create", user=user)
    return new


LEAD_TRAINER_GROUP = "Lead trainer"


def lead_trainer_grant(*, user) -> None:
    """Make ``user`` a lead trainer: a member of the "Lead trainer" group, which holds the
    permission to moderate double-marked reports (created if missing)."""
    group, _created = Group.objects.get_or_create(name=LEAD_TRAINER_GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="cases", codename="moderate_casesubmission")
    )
    user.groups.add(group)
