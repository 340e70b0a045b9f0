import pytest
from django.core.exceptions import ValidationError

from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from tests.courses.factories import FISHBONE_BODY, course_index, lessons_of, make_cohort, modules_of

pytestmark = pytest.mark.django_db


def test_page_types_only_go_where_they_belong():
    assert CourseIndexPage.allowed_subpage_models() == [CoursePage]
    assert CoursePage.allowed_subpage_models() == [ModulePage]
    assert ModulePage.allowed_subpage_models() == [LessonPage]
    assert LessonPage.allowed_subpage_models() == []
    assert LessonPage.allowed_parent_page_models() == [ModulePage]
    assert not LessonPage.can_create_at(course_index())


@pytest.mark.parametrize("attr", ["course", "module", "lesson"])
def test_course_pages_need_a_signed_in_user(client, course, attr):
    page = {
        "course": course,
        "module": modules_of(course)[0],
        "lesson": lessons_of(course)[0],
    }[attr]
    response = client.get(page.url)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=")


def test_the_course_index_is_the_site_root_in_each_language(learner_client):
    assert course_index("zh-hans").url == "/zh-hans/learn/"
    assert course_index("en").url == "/en/learn/"
    assert learner_client.get("/zh-hans/learn/").status_code == 200
    assert learner_client.get("/en/learn/").status_code == 200


def test_lesson_search_text_holds_chinese_bigrams_of_the_body(course):
    lesson = lessons_of(course)[0]
    lesson.body = FISHBONE_BODY
    assert "鱼骨" in lesson.search_ngrams.split()
    assert "编码" in lesson.search_ngrams.split()  # from a cause inside the fishbone block


def test_a_cohort_cannot_end_before_it_starts(course):
    cohort = make_cohort(course=course)
    cohort.end_date = cohort.start_date.replace(month=6)
    with pytest.raises(ValidationError) as error:
        cohort.full_clean()
    assert "end_date" in error.value.message_dict
