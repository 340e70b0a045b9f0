"""Build course trees quickly for tests: pages are added live, without revisions."""

from __future__ import annotations

from datetime import date

from wagtail.models import Locale, Page

from courses.models import (
    PATH_STEP,
    Cohort,
    CourseIndexPage,
    CoursePage,
    LessonCompletion,
    LessonPage,
    ModulePage,
)

FISHBONE_BODY = [
    {
        "type": "paragraph",
        "value": "<p>设备维修后开机报警停机，我们运用鱼骨图分析原因，找到根本原因。</p>",
    },
    {
        "type": "fishbone",
        "value": {
            "title": "维修后报警停机",
            "effect": "设备维修后开机报警停机",
            "categories": [
                {"name": "人", "causes": ["未按手册复位参数", "新员工经验不足"]},
                {"name": "机", "causes": ["编码器插头松动"]},
                {"name": "料", "causes": ["更换的传感器型号不符"]},
                {"name": "法", "causes": ["缺少维修后检查清单"]},
                {"name": "环", "causes": ["车间粉尘大"]},
                {"name": "测", "causes": ["未做空载试运行"]},
            ],
            "root_cause": "编码器插头松动",
        },
    },
]


def course_index(language_code: str = "zh-hans") -> CourseIndexPage:
    """The course index made by ``courses.setup`` after migrate."""
    return CourseIndexPage.objects.get(locale=Locale.objects.get(language_code=language_code))


def make_course(
    *,
    title: str = "售后工程师入职课程",
    slug: str = "course",
    modules: int = 2,
    lessons: int = 3,
    requires_previous: bool = False,
    body=None,
    index: CourseIndexPage | None = None,
) -> CoursePage:
    index = index or course_index()
    course = index.add_child(
        instance=CoursePage(title=title, slug=slug, estimated_hours=4, live=True)
    )
    for m in range(1, modules + 1):
        module = course.add_child(
            instance=ModulePage(
                title=f"模块{m}",
                slug=f"module-{m}",
                requires_previous=requires_previous and m > 1,
                live=True,
            )
        )
        for n in range(1, lessons + 1):
            module.add_child(
                instance=LessonPage(
                    title=f"课时{m}.{n}",
                    slug=f"lesson-{m}-{n}",
                    estimated_minutes=10,
                    body=body
                    if body is not None
                    else [{"type": "paragraph", "value": f"<p>第{m}模块第{n}课的内容。</p>"}],
                    live=True,
                )
            )
    return course


def lessons_of(course: CoursePage) -> list[LessonPage]:
    return list(LessonPage.objects.descendant_of(course).order_by("path"))


def modules_of(course: CoursePage) -> list[ModulePage]:
    return list(ModulePage.objects.child_of(course).order_by("path"))


def completions(pairs) -> list[LessonCompletion]:
    """Unsaved completions of (user, lesson) pairs, with their module and course keys."""
    pairs = list(pairs)
    paths = {lesson.path[:-PATH_STEP] for _, lesson in pairs} | {
        lesson.path[: -2 * PATH_STEP] for _, lesson in pairs
    }
    keys = dict(Page.objects.filter(path__in=paths).values_list("path", "translation_key"))
    return [
        LessonCompletion(
            user=user,
            lesson_key=lesson.translation_key,
            module_key=keys[lesson.path[:-PATH_STEP]],
            course_key=keys[lesson.path[: -2 * PATH_STEP]],
            lesson=lesson,
        )
        for user, lesson in pairs
    ]


def make_cohort(*, course, learners=(), trainers=(), name="2026年7月入职班") -> Cohort:
    cohort = Cohort.objects.create(
        name=name, course=course, start_date=date(2026, 7, 1), end_date=date(2026, 8, 31)
    )
    cohort.learners.add(*learners)
    cohort.trainers.add(*trainers)
    return cohort
