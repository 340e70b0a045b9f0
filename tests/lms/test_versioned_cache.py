"""Entries kept under a version that a change replaces (lms.versioned_cache)."""

from __future__ import annotations

import pytest

from lms.versioned_cache import Versioned

pytestmark = pytest.mark.django_db


class Reads:
    """A value worked out from "the rows", counting how often it is."""

    def __init__(self, value):
        self.value, self.count = value, 0

    def __call__(self):
        self.count += 1
        return self.value


def test_an_entry_is_worked_out_once_while_nothing_changes():
    family, rows = Versioned("test:family", timeout=60), Reads("first")
    key = family.key(1, "en")
    assert key == "test:family:1:en"
    assert [family.get(key, rows) for _ in range(3)] == ["first"] * 3
    assert rows.count == 1


def test_a_change_has_every_entry_worked_out_again():
    family = Versioned("test:family", timeout=60)
    one, two = Reads("one"), Reads("two")
    family.get(family.key(1), one), family.get(family.key(2), two)
    one.value = "one, changed"
    family.changed()
    assert family.get(family.key(1), one) == "one, changed"
    assert family.get(family.key(2), two) == "two"
    assert (one.count, two.count) == (2, 2)


def test_forgetting_an_entry_leaves_the_others():
    family = Versioned("test:family", timeout=60)
    one, two = Reads("one"), Reads("two")
    family.get(family.key(1), one), family.get(family.key(2), two)
    family.forget(family.key(1))
    family.get(family.key(1), one), family.get(family.key(2), two)
    assert (one.count, two.count) == (2, 1)


def test_an_entry_read_before_a_change_committed_is_not_used_after_it(
    django_capture_on_commit_callbacks,
):
    """A request between a change and its commit reads the rows from before it; the commit
    replaces the version again, so what that request kept is worked out anew."""
    family = Versioned("test:family", timeout=60)
    key = family.key(1)
    with django_capture_on_commit_callbacks(execute=True):
        family.changed()
        family.get(key, Reads("before the commit"))
    assert family.get(key, Reads("after the commit")) == "after the commit"


def test_families_do_not_share_versions():
    mine, theirs = Versioned("test:mine", timeout=60), Versioned("test:theirs", timeout=60)
    kept = Reads("kept")
    mine.get(mine.key(1), kept)
    theirs.changed()
    mine.get(mine.key(1), kept)
    assert kept.count == 1
