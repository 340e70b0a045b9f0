"""The course pages' shared cache (decision 0904): what it keeps is the same for every reader,
a change to the tree shows on the next request, and one reader's progress never reaches
another's page."""

import re

from django.core.cache import cache
from django.utils import translation

from courses import services
from tests.courses.factories import lessons_of, make_course, modules_of
from tests.factories import LearnerFactory, TrainerFactory


def lesson_states(html: str) -> dict[str, str]:
    """Lesson id → the mark the outline shows for it (✓ completed, ○ to do, – locked)."""
    return dict(re.findall(r'data-lesson-state="(\d+)" aria-hidden="true">(.)<', html))


def test_one_readers_progress_never_shows_on_anothers_pages(client, locked_course):
    lessons = lessons_of(locked_course)
    ahead, behind = LearnerFactory(), LearnerFactory()
    for lesson in lessons[:2]:  # all of module 1: module 2 opens for this reader
        services.lesson_mark_complete(user=ahead, lesson=lesson)

    pages = [locked_course.url, modules_of(locked_course)[0].url, lessons[1].url]
    client.force_login(ahead)
    seen_ahead = [client.get(url).content.decode() for url in pages]
    client.force_login(behind)
    seen_behind = [client.get(url).content.decode() for url in pages]
    client.force_login(ahead)
    seen_ahead_again = [client.get(url).content.decode() for url in pages]

    first, second = str(lessons[0].pk), str(lessons[1].pk)
    assert lesson_states(seen_ahead[0])[first] == "✓"
    assert lesson_states(seen_ahead[2])[second] == "✓"
    assert lesson_states(seen_ahead[0])[str(lessons[2].pk)] == "○"  # module 2 is open
    assert lesson_states(seen_behind[0])[first] == "○"
    assert lesson_states(seen_behind[2])[second] == "○"
    assert lesson_states(seen_behind[0])[str(lessons[2].pk)] == "–"  # module 2 is locked
    assert "100%" not in seen_behind[1]
    assert lesson_states(seen_ahead_again[0]) == lesson_states(seen_ahead[0])
    # The lesson's body is the same for both: it is kept once.
    assert "第1模块第2课的内容" in seen_behind[2] and "第1模块第2课的内容" in seen_ahead[2]


def test_progress_shows_at_once_though_the_outline_is_cached(client, course):
    lessons = lessons_of(course)
    learner = LearnerFactory()
    client.force_login(learner)
    assert lesson_states(client.get(course.url).content.decode())[str(lessons[3].pk)] == "○"

    services.lesson_mark_complete(user=learner, lesson=lessons[3])

    assert lesson_states(client.get(course.url).content.decode())[str(lessons[3].pk)] == "✓"


def test_a_published_change_shows_on_the_next_request(client, course):
    lesson = lessons_of(course)[1]
    client.force_login(LearnerFactory())
    assert "第1模块第2课的内容" in client.get(lesson.url).content.decode()

    lesson.title = "改过的课时"
    lesson.body = [{"type": "paragraph", "value": "<p>新写的内容。</p>"}]
    lesson.save_revision().publish()

    page = client.get(lesson.url).content.decode()
    assert "新写的内容" in page and "第1模块第2课的内容" not in page
    assert "改过的课时" in client.get(course.url).content.decode()

    lesson.unpublish()
    assert "改过的课时" not in client.get(course.url).content.decode()


def test_a_page_saved_in_code_without_a_revision_shows_too(client, course):
    module = modules_of(course)[1]
    client.force_login(LearnerFactory())
    assert "模块2" in client.get(course.url).content.decode()

    module.title = "换了名字的模块"
    module.save()

    assert "换了名字的模块" in client.get(course.url).content.decode()


def test_a_new_lesson_added_in_code_shows_in_the_outline(client, course):
    from courses.models import LessonPage

    client.force_login(LearnerFactory())
    client.get(course.url)
    modules_of(course)[0].add_child(
        instance=LessonPage(title="新加的课时", slug="added", live=True, body=[])
    )
    assert "新加的课时" in client.get(course.url).content.decode()


def test_a_cached_outline_keeps_its_language(course):
    """The outline cached in Chinese does not answer in English: its words follow the
    language of the request."""
    from courses import selectors
    from courses.templatetags.courses_tags import course_outline

    outline = selectors.course_outline(course=course, user=LearnerFactory())
    assert outline.source
    chinese = course_outline(outline)
    with translation.override("en"):
        english = course_outline(outline)
    assert "not completed" in english and "not completed" not in chinese
    assert course_outline(outline) == chinese


def test_trainers_and_learners_see_their_own_locks(client, locked_course):
    """Locks hold for learners only: a trainer's outline of the same course, cached after a
    learner's, shows every module open."""
    lessons = lessons_of(locked_course)
    client.force_login(LearnerFactory())
    assert lesson_states(client.get(locked_course.url).content.decode())[str(lessons[2].pk)] == "–"
    client.force_login(TrainerFactory())
    assert lesson_states(client.get(locked_course.url).content.decode())[str(lessons[2].pk)] == "○"


def test_the_tree_version_changes_when_a_page_is_saved(course):
    from courses import page_cache

    before = page_cache.tree_version()
    lessons_of(course)[0].save()
    assert page_cache.tree_version() != before
    cache.clear()
    assert page_cache.tree_version()  # made again after the cache is emptied


def test_course_pages_run_the_same_queries_for_a_small_and_a_large_course(client, db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    small = make_course(slug="small", modules=1, lessons=2)
    large = make_course(slug="large", modules=8, lessons=9)
    learner = LearnerFactory()
    for lesson in lessons_of(large)[:20]:
        services.lesson_mark_complete(user=learner, lesson=lesson)
    client.force_login(learner)

    def queries(url):
        client.get(url)  # the cache holds this course now, as on a running site
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    for pick in (lambda c: c.url, lambda c: modules_of(c)[0].url, lambda c: lessons_of(c)[1].url):
        assert queries(pick(small)) == queries(pick(large))


def test_a_knowledge_check_follows_its_quiz_though_the_body_is_cached(client, course):
    """The quiz of a knowledge check belongs to the exams app, whose changes do not bump the
    tree version: that block is rendered on every request, the rest of the body is kept."""
    from tests.exams.factories import QuestionFactory, quiz_with

    lesson = lessons_of(course)[2]
    lesson.body = [
        {"type": "paragraph", "value": "<p>先读这一段。</p>"},
        {"type": "knowledge_check", "value": {"quiz_slug": "kc-cache", "title": "", "intro": ""}},
    ]
    lesson.save()
    client.force_login(LearnerFactory())
    first = client.get(lesson.url).content.decode()
    assert "先读这一段" in first and 'href="/quizzes/kc-cache/"' not in first

    quiz_with([QuestionFactory()], slug="kc-cache", title="缓存练习", kind="practice")

    again = client.get(lesson.url).content.decode()
    assert "先读这一段" in again and 'href="/quizzes/kc-cache/"' in again


def test_a_learners_courses_follow_their_cohorts_and_the_tree(course):
    """The learner's courses are kept in the shared cache by language and cohort courses:
    joining a cohort and publishing a course show at once."""
    from courses import selectors
    from tests.courses.factories import make_cohort

    learner = LearnerFactory()
    assert [c.pk for c in selectors.learner_courses(user=learner)] == [course.pk]
    second = make_course(title="第二门课", slug="second")
    assert [c.pk for c in selectors.learner_courses(user=learner)] == [course.pk, second.pk]
    make_cohort(course=second, learners=[learner])
    assert [c.pk for c in selectors.learner_courses(user=learner)] == [second.pk]
    second.unpublish()
    assert [c.pk for c in selectors.learner_courses(user=learner)] == [course.pk]


def test_a_new_site_for_a_host_serves_that_host_at_once(client, course):
    """The site serving a page is kept per host and port (``CachedSiteMiddleware``): a site
    added for a host takes that host's requests from the next one."""
    from wagtail.models import Page, Site

    client.force_login(LearnerFactory())
    assert client.get(course.url, HTTP_HOST="branch.example").status_code == 200  # default site
    other_root = Page.get_first_root_node().add_child(instance=Page(title="分站", slug="branch"))
    Site.objects.create(hostname="branch.example", port=80, root_page=other_root)
    assert client.get(course.url, HTTP_HOST="branch.example").status_code == 404
    assert client.get(course.url).status_code == 200


def test_the_dashboards_course_links_follow_a_new_site_for_their_host(client, course):
    """ "My courses" links with the site kept for the host (``page_cache.site_for``): a site
    added for that host makes the course a page of another site, linked in full, at once."""
    from wagtail.models import Page, Site

    client.force_login(LearnerFactory())
    card = 'data-testid="course-card"'

    def course_link(host):
        html = client.get("/dashboard/learner/", HTTP_HOST=host).content.decode()
        return re.search(r'<a href="([^"]+)"', html[html.index(card) :]).group(1)

    assert course_link("branch.example") == course.url  # the default site serves the host
    other_root = Page.get_first_root_node().add_child(instance=Page(title="分站", slug="branch"))
    Site.objects.create(hostname="branch.example", port=80, root_page=other_root)
    assert course_link("branch.example") == course.full_url
    assert course_link("testserver") == course.url


def test_pages_read_back_from_the_shared_cache_are_served_and_missing_ones_are_404(client, course):
    """Another server (or this one, once its own copies have rotated) reads the routed page
    from the shared cache, unpickled; a path with no page is a 404 every time."""
    from courses import page_cache

    client.force_login(LearnerFactory())
    lesson_url = lessons_of(course)[0].url
    missing = course.url + "no-such-module/"
    for _ in range(2):
        page_cache._local.clear()
        assert client.get(lesson_url).status_code == 200
        assert client.get(missing).status_code == 404
        assert client.get(course.url + "no-such-module/no-such-lesson/").status_code == 404


def test_the_tree_version_changes_again_when_the_change_commits(
    course, django_capture_on_commit_callbacks
):
    """A page read between a change and its commit finds the rows from before it: what it
    kept under the version of that moment must not outlive the commit."""
    from courses import page_cache

    with django_capture_on_commit_callbacks(execute=True):
        lessons_of(course)[0].unpublish()
        during = page_cache.tree_version()
    assert page_cache.tree_version() != during
