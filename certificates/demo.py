"""Demo certificates (run by ``assessment.demo.load`` after the metrics): the branding, then the
certificates.

The branding fills in the academy's names, logo, signatory and signature, only what is still
empty, so it never overwrites branding edited in the CMS.

Then it issues the certificates of every certified demo scorecard of the demo period (finalising
them first), revokes one with a reason, and gives one learner a certificate of an earlier period
that expires within 30 days. Certified needs the exam and practice results of the exams app's
demo: without them every demo scorecard is incomplete and nothing is issued.

Idempotent: a second run changes no branding and finds the same scorecards and certificates.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files import File
from django.utils import timezone
from wagtail.models import Site

from assessment import api as assessment_api
from certificates import bulk, issuing
from certificates.models import BulkIssueJob, Certificate, CertificateBranding

# --- Branding -----------------------------------------------------------------------------------

ASSETS = Path(__file__).resolve().parent / "demo_assets"

DEMO_BRANDING = {
    "signatory_name": "陈志远",
    "signatory_title_zh": "学院院长",
    "signatory_title_en": "Dean, Service Academy",
    "footer_text": "本证书由售后服务学院颁发，扫描二维码可在线验证真伪。"
    " Issued by the Service Academy; scan the QR code to verify it online.",
}
# Stored in the private storage (certificates/models/branding.py), never as Wagtail images.
DEMO_IMAGES = {"logo": "logo.png", "signature": "signature.png"}


def load_branding(*, stdout) -> CertificateBranding | None:
    """Fill in the default site's certificate branding where it is still empty."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        stdout.write("  certificate branding: skipped, there is no default site")
        return None
    branding = CertificateBranding.for_site(site)
    changed = []
    for field, value in DEMO_BRANDING.items():
        if not getattr(branding, field):
            setattr(branding, field, value)
            changed.append(field)
    for field, filename in DEMO_IMAGES.items():
        if not getattr(branding, field):
            with (ASSETS / filename).open("rb") as handle:
                getattr(branding, field).save(filename, File(handle), save=False)
            changed.append(field)
    if changed:
        branding.save()
    stdout.write(f"  certificate branding: {len(changed)} fields filled in")
    return branding


# --- Certificates -------------------------------------------------------------------------------

# The assessment demo's program and period (assessment/demo.py), loaded before this one.
PROGRAM_CODE = "ASE-L1"
PERIOD = "2026-Q3"
EARLIER_PERIOD = "2024-Q4"
# Learners not certified in the demo period (teamwork below the gate, three dimensions low)
# who were certified in an earlier one; the first whose earlier scorecard is certified gets
# the certificate that expires soon.
EXPIRING_CANDIDATES = ("E1006", "E1009", "E1011")
EXPIRES_IN_DAYS = 20
REVOCATION_REASON = (
    "复核发现实践案例材料与他人雷同，证书撤销。"
    " Revoked after a review found the practice-case report copied from another engineer."
)


def _assessor():
    return get_user_model().objects.filter(username="assessor").first()


def issue_period(*, program: assessment_api.Program, period: str, by, stdout) -> list[Certificate]:
    """Issue the period's certificates as a bulk issue does, and keep its record.

    The demo's holders are not mailed. The record makes the bulk issue appear, done, among the
    bulk issues in the admin (Assessment → Bulk issues) and on the assessor's pages.
    """
    outcomes = list(bulk.issue_for_period(program=program, period=period, by=by, notify=False))
    certificates = [outcome.certificate for outcome in outcomes if outcome.certificate]
    BulkIssueJob.objects.get_or_create(
        program=program,
        period=period,
        defaults={
            "status": BulkIssueJob.Status.DONE,
            "total": len(outcomes),
            "processed": len(outcomes),
            "issued": len(certificates),
            "skipped": len(outcomes) - len(certificates),
            "created_by": by,
            "finished_at": timezone.now(),
        },
    )
    stdout.write(
        f"  certificates: {len(certificates)} of {len(outcomes)} scorecards of {program.code} "
        f"{period} certified and issued"
        + ("" if certificates else " (certified needs the exam and practice results)")
    )
    return certificates


def _copy_metrics(*, program, source_period, source_user_id, target_employee_id, period):
    """Record the metrics of one engineer's period for another engineer and period."""
    card = assessment_api.live_scorecard(
        program=program, period=source_period, user_id=source_user_id
    )
    rows = []
    for code, metric in card.metrics.items():
        rows.append(
            assessment_api.RawRow(
                len(rows) + 1,
                {
                    "employee_id": target_employee_id,
                    "indicator": code,
                    "period": period,
                    "value": str(metric.value),
                    "source": metric.source,
                    "note": "",
                },
            )
        )
    plan = assessment_api.metrics_plan(rows=rows)
    if plan.ok:
        assessment_api.metrics_apply(plan=plan, via="demo data")


def expiring_certificate(
    *, program: assessment_api.Program, period: str, issued: list[Certificate], by, stdout
):
    """A certificate of an earlier period, issued 24 months less 20 days ago."""
    existing = Certificate.objects.filter(program=program, period=EARLIER_PERIOD).first()
    if existing is not None:
        stdout.write(f"  certificates: {existing.serial} of {EARLIER_PERIOD} already there")
        return existing
    if not issued:
        return None
    holders = {c.holder.employee_id for c in issued}
    source = issued[0]
    issued_on = issuing.add_months(timezone.localdate(), -program.validity_months) + timedelta(
        days=EXPIRES_IN_DAYS
    )
    for employee_id in EXPIRING_CANDIDATES:
        if employee_id in holders:
            continue
        engineer = assessment_api.engineer_by_employee_id(employee_id)
        if engineer is None:
            continue
        _copy_metrics(
            program=program,
            source_period=period,
            source_user_id=source.holder_id,
            target_employee_id=employee_id,
            period=EARLIER_PERIOD,
        )
        card = assessment_api.live_scorecard(
            program=program, period=EARLIER_PERIOD, user_id=engineer.id
        )
        if card is None or card.result.status != assessment_api.CERTIFIED:
            continue
        scorecard, _created = assessment_api.scorecard_finalise(
            program=program, period=EARLIER_PERIOD, user_id=engineer.id, by=by
        )
        certificate = issuing.certificate_issue(
            scorecard=scorecard, by=by, issued_on=issued_on, notify=False
        ).certificate
        stdout.write(
            f"  certificates: {certificate.serial} ({employee_id}, {EARLIER_PERIOD}) expires "
            f"on {certificate.valid_until}"
        )
        return certificate
    stdout.write(f"  certificates: no learner certified in {EARLIER_PERIOD}; none expiring")
    return None


def load_certificates(*, program: assessment_api.Program, period: str, stdout) -> None:
    said = _OneLine()
    _load_certificates(program=program, period=period, stdout=said)
    stdout.write("  certificates: " + "; ".join(said.parts))


class _OneLine:
    """What the steps below say, kept to be written as one line of the demo's output."""

    def __init__(self):
        self.parts: list[str] = []

    def write(self, text: str) -> None:
        self.parts.append(text.strip().removeprefix("certificates: "))


def _load_certificates(*, program: assessment_api.Program, period: str, stdout) -> None:
    by = _assessor()
    try:
        issued = issue_period(program=program, period=period, by=by, stdout=stdout)
    except ImportError as error:
        # Scorecards with exams read them through exams.api; without it none is certified.
        stdout.write(f"  certificates: none issued, exam results are unavailable ({error})")
        return
    if len(issued) >= 2:
        target = issued[-1]
        if target.revoked_at is None:
            issuing.certificate_revoke(certificate=target, reason=REVOCATION_REASON, by=by)
        stdout.write(f"  certificates: {target.serial} revoked")
    expiring_certificate(program=program, period=period, issued=issued, by=by, stdout=stdout)


def load(*, password: str | None, stdout) -> None:
    """The branding, then the demo program's certificates (after the assessment demo)."""
    load_branding(stdout=stdout)
    program = assessment_api.program_by_code(PROGRAM_CODE)
    if program is not None:
        load_certificates(program=program, period=PERIOD, stdout=stdout)
