"""Which results a user must not see the first mark of: the ones they re-mark blind on appeal.

An appeal of an essay or case mark is re-marked by a different grader who must not see the
first mark (decision 1001). The appeals app sits above exams and cases, so they cannot ask it;
instead it registers a function under the Wagtail hook ``blind_marking``::

    # appeals/wagtail_hooks.py (the app above)
    @hooks.register("blind_marking")
    def appeals_being_remarked(*, user):
        return {"attempt:12": "/appeals/remark/3/", "case-report:7": "/appeals/remark/4/"}

It returns the items (``attempt:<id>``, ``case-report:<id>``) the user must mark blind now,
each with the page where they re-mark it. A page of exams or cases asks once per request with
:func:`blind_items` and hides the marks of those items (and refuses its own marking form for
them), pointing to the re-mark page instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wagtail import hooks

HOOK = "blind_marking"


@dataclass(frozen=True)
class BlindItems:
    """The items one user re-marks blind, each with the URL of its re-mark page."""

    remark_urls: dict[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.remark_urls)

    def attempt(self, attempt_id: int) -> str | None:
        """The re-mark page of this exam attempt, when the user marks its essays blind."""
        return self.remark_urls.get(f"attempt:{attempt_id}")

    def case_report(self, submission_id: int) -> str | None:
        """The re-mark page of this case report version, when the user marks it blind."""
        return self.remark_urls.get(f"case-report:{submission_id}")

    @property
    def attempt_ids(self) -> set[int]:
        return _ids(self.remark_urls, "attempt")


def _ids(urls: dict[str, str], prefix: str) -> set[int]:
    return {int(item.split(":")[1]) for item in urls if item.split(":")[0] == prefix}


def blind_items(user) -> BlindItems:
    """What ``user`` must mark blind now (one query per registered function; none for an
    anonymous user)."""
    if not getattr(user, "is_authenticated", False):
        return BlindItems()
    found: dict[str, str] = {}
    for fn in hooks.get_hooks(HOOK):
        found.update(fn(user=user) or {})
    return BlindItems(found)
