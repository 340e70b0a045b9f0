"""Courses: a lesson page and a cohort progress table of a large course.

The course has 30 modules × 10 lessons; the cohort 200 learners with varied progress.
"""

import io

from django.core.management import call_command

from bench.common import report_page, report_times, signed_in, time_get


def build_large_course():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from courses.models import LessonCompletion
    from tests.courses.factories import (
        FISHBONE_BODY,
        completions,
        lessons_of,
        make_cohort,
        make_course,
    )

    course = make_course(slug="bench-large", modules=30, lessons=10, body=FISHBONE_BODY)
    lessons = lessons_of(course)
    User = get_user_model()
    learner_group = Group.objects.get(name="Learner")
    learners = User.objects.bulk_create(
        User(username=f"bench{i:03d}", display_name=f"学员{i:03d}", employee_id=f"B{i:04d}")
        for i in range(200)
    )
    learner_group.user_set.add(*learners)
    trainer = User.objects.create(username="bench-trainer", display_name="培训师")
    trainer.groups.add(Group.objects.get(name="Trainer"))
    cohort = make_cohort(course=course, learners=learners, trainers=[trainer], name="bench")
    LessonCompletion.objects.bulk_create(
        completions(
            (learner, lesson)
            for i, learner in enumerate(learners)
            for lesson in lessons[: (i * 7) % 300]
        )
    )
    return lessons, cohort, learners[150], trainer


def run():
    from privacy import notice as privacy_notice

    call_command("load_demo_data", "--force", stdout=io.StringIO())
    lessons, cohort, learner, trainer = build_large_course()

    # The bench's people have read the privacy notice, as the demo's have (decision 1002).
    current = privacy_notice.current_notice()
    for person in (learner, trainer):
        if current is not None:
            privacy_notice.acknowledge(person, current)
    client = signed_in(learner)
    lesson_url = lessons[120].url
    module_url = lesson_url.rsplit("/", 2)[0] + "/"
    course_url = lesson_url.rsplit("/", 3)[0] + "/"
    # Issue 17 part 6: server time with the reader-independent parts in the shared cache.
    report_page(client, "lesson page (30×10 course)", lesson_url, 10)
    report_page(client, "module page (30×10 course)", module_url, 10)
    report_page(client, "course page (30×10 course)", course_url, 10)

    client = signed_in(trainer)
    report_times(
        "cohort table (200 learners × 30 modules)",
        time_get(client, f"/cohorts/{cohort.pk}/", n=50),
        "< 150 ms",
        "—",
    )
    report_times(
        "lesson search 鱼骨图",
        time_get(client, "/courses/search/?q=%E9%B1%BC%E9%AA%A8%E5%9B%BE", n=50),
        "—",
        "—",
    )
