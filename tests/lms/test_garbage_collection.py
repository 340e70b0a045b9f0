"""``lms.garbage_collection.collector_paused``: no cyclic collection inside, switched on after."""

import gc
import weakref

import pytest

from lms.garbage_collection import collector_paused


@pytest.fixture
def collector_on():
    was_enabled = gc.isenabled()
    gc.enable()
    yield
    if not was_enabled:
        gc.disable()


def test_the_collector_is_off_inside_and_on_again_after(collector_on):
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_an_error_inside_switches_it_on_again(collector_on):
    with pytest.raises(ValueError), collector_paused():
        raise ValueError
    assert gc.isenabled()


def test_a_block_inside_another_leaves_it_off_for_the_outer_one(collector_on):
    with collector_paused():
        with collector_paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_switched_off_before_stays_off():
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        if was_enabled:
            gc.enable()


class _Cycle:
    """An object in a reference cycle: only the cyclic collector frees it."""

    def __init__(self):
        self.me = self


def _collections_of_everything(run) -> int:
    full = []

    def seen(phase, info):
        if phase == "stop" and info["generation"] == 2:
            full.append(info)

    gc.callbacks.append(seen)
    try:
        run()
    finally:
        gc.callbacks.remove(seen)
    return len(full)


def test_a_block_that_leaves_many_objects_ends_with_one_full_collection(collector_on):
    kept = []

    def run():
        with collector_paused():
            first, second, third = gc.get_threshold()
            kept.extend([i] for i in range(first * second * third + 1000))

    gc.collect()
    garbage = weakref.ref(_Cycle())  # unreachable at once, but in a reference cycle
    assert _collections_of_everything(run) == 1
    assert garbage() is None  # collected when the block ended, not later


def test_a_small_block_leaves_the_collections_to_the_collector(collector_on):
    def run():
        with collector_paused():
            [[i] for i in range(100)]

    gc.collect()
    assert _collections_of_everything(run) == 0
