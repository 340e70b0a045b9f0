"""What other apps call of the assignments app.

- ``erase_personal_data(person=…, dry_run=…)``: the personal-data app's erasure (decision
  1002) clears the reasons staff wrote for a person's deadline overrides (a business trip, an
  illness: personal data about them); the dates stay, so the person's due dates and the
  completion figures do not change.
"""

from __future__ import annotations

from assignments.models import DeadlineOverride


def erase_personal_data(*, person, dry_run: bool = False) -> dict[str, int]:
    """Clear the reasons of ``person``'s deadline overrides. Returns what changed (or would)."""
    reasons = DeadlineOverride.objects.filter(user=person).exclude(reason="")
    counts = {"assignments.override_reasons": reasons.count()}
    if not dry_run:
        reasons.update(reason="")
    return counts
