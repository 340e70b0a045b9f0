import pytest

from tests.courses.factories import FISHBONE_BODY, make_course


@pytest.fixture
def course(db):
    """A course of 2 modules × 3 lessons; the first lesson has a fishbone diagram."""
    course = make_course(modules=2, lessons=3)
    first = course.get_children().first().get_children().first().specific
    first.body = FISHBONE_BODY
    first.save()
    return course


@pytest.fixture
def locked_course(db):
    """2 modules × 2 lessons; module 2 requires module 1."""
    return make_course(slug="locked", modules=2, lessons=2, requires_previous=True)
