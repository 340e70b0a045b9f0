"""The course site's fixed structure, brought up to date after every ``migrate`` (idempotent).

- the locales of ``WAGTAIL_CONTENT_LANGUAGES`` (简体中文 and English);
- a ``CourseIndexPage`` in the default language as the Wagtail site's root page, and its live
  translation in every other language, so that courses live under ``/zh-hans/learn/…`` and
  ``/en/learn/…``;
- the "Lead trainer" group; page permissions on the course indexes only: trainers add and edit
  (they cannot publish, so their changes go through moderation), lead trainers and
  administrators also publish; nobody in these groups gets permissions elsewhere in the tree;
- the "课程审核" (course review) workflow on the course indexes: one approval task for the
  Administrator and Lead trainer groups;
- a "Courses" collection for images, documents and videos that trainers may add and choose, and
  that only signed-in users can download.

See docs/decisions/0102-authoring-and-moderation.md.
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import translation
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from courses.models import CourseIndexPage
from lms import roles

LEAD_TRAINER = "Lead trainer"
INDEX_SLUGS = {"zh-hans": "learn", "en": "learn-en"}
INDEX_TITLES = {"zh-hans": "课程", "en": "Courses"}
# A workflow's and a task's names are data, shown as they are in both admin languages ("提交给
# <workflow>"); Chinese, the company's language, as for the course itself (decision 0102).
WORKFLOW_NAME = "课程审核"
TASK_NAME = "管理员或组长培训师审批"
# The names before issue 14, renamed in place by ensure_course_site.
FORMER_NAMES = {"Course review": WORKFLOW_NAME}
FORMER_TASK_NAMES = {"Approval by an administrator or a lead trainer": TASK_NAME}
COLLECTION_NAME = "Courses"

TRAINER_PAGE_PERMISSIONS = ["add_page", "change_page"]
PUBLISHER_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
    "bulk_delete_page",
]
MEDIA_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]


def ensure_course_site() -> list[Page]:
    """Create or repair everything above; returns the course index pages (default first)."""
    with transaction.atomic():
        locales = _ensure_locales()
        indexes = _ensure_course_indexes(locales)
        _ensure_permissions(indexes)
        _ensure_workflow(indexes)
        _ensure_collection()
    return indexes


def _ensure_locales() -> dict[str, Locale]:
    locales = {}
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        locales[code] = Locale.objects.get_or_create(language_code=code)[0]
    return locales


def _tree_root(default_locale: Locale) -> Page:
    root = Page.get_first_root_node()
    if root is None:  # a flushed test database: Wagtail's migration made the root
        root = Page.add_root(title="Root", slug="root", locale=default_locale)
    return root


def _ensure_course_indexes(locales: dict[str, Locale]) -> list[Page]:
    default_code = settings.WAGTAIL_CONTENT_LANGUAGES[0][0]
    default_locale = locales[default_code]
    root = _tree_root(default_locale)
    index = CourseIndexPage.objects.filter(locale=default_locale).order_by("path").first()
    if index is None:
        index = root.add_child(
            instance=CourseIndexPage(
                title=INDEX_TITLES.get(default_code, "Courses"),
                slug=INDEX_SLUGS.get(default_code, "learn"),
                locale=default_locale,
            )
        )
        index.save_revision().publish()
    _make_site_root(index)

    indexes = [index]
    for code, locale in locales.items():
        if code == default_code:
            continue
        translated = index.get_translation_or_none(locale)
        if translated is None:
            with translation.override(code):
                translated = index.copy_for_translation(locale)
            translated.title = INDEX_TITLES.get(code, index.title)
            translated.slug = INDEX_SLUGS.get(code, f"{index.slug}-{code}")
            translated.save_revision().publish()
        indexes.append(translated.specific)
    return indexes


def _make_site_root(index: Page) -> None:
    """Point the default site at the course index; drop Wagtail's untouched welcome page."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=index, is_default_site=True)
        return
    if site.root_page_id == index.pk:
        return
    old_root = site.root_page
    site.root_page = index
    site.save()
    welcome = old_root.specific_class is Page and old_root.depth == 2
    if welcome and not old_root.get_children().exists():
        old_root.delete()


def _page_permissions(codenames: list[str]) -> list[Permission]:
    return list(
        Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames)
    )


def _ensure_permissions(indexes: list[Page]) -> None:
    trainers = Group.objects.get_or_create(name=roles.TRAINER)[0]
    administrators = Group.objects.get_or_create(name=roles.ADMINISTRATOR)[0]
    lead = Group.objects.get_or_create(name=LEAD_TRAINER)[0]
    access_admin = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if access_admin:
        lead.permissions.add(access_admin)
    grants = {
        trainers: _page_permissions(TRAINER_PAGE_PERMISSIONS),
        lead: _page_permissions(PUBLISHER_PAGE_PERMISSIONS),
        administrators: _page_permissions(PUBLISHER_PAGE_PERMISSIONS),
    }
    for index in indexes:
        for group, permissions in grants.items():
            for permission in permissions:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=index, permission=permission
                )


def _ensure_workflow(indexes: list[Page]) -> None:
    for former, name in FORMER_NAMES.items():
        Workflow.objects.filter(name=former).update(name=name)
    for former, name in FORMER_TASK_NAMES.items():
        GroupApprovalTask.objects.filter(name=former).update(name=name)
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(
        Group.objects.get(name=roles.ADMINISTRATOR), Group.objects.get(name=LEAD_TRAINER)
    )
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for index in indexes:
        WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})


def _ensure_collection() -> Collection:
    root = Collection.get_first_root_node()
    if root is None:
        root = Collection.add_root(name="Root")
    collection = root.get_children().filter(name=COLLECTION_NAME).first()
    if collection is None:
        collection = root.add_child(name=COLLECTION_NAME)
    if not CollectionViewRestriction.objects.filter(collection=collection).exists():
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )
    trainers = Group.objects.get(name=roles.TRAINER)
    lead = Group.objects.get(name=LEAD_TRAINER)
    for app_label, codename in MEDIA_PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is None:
            continue
        for group in (trainers, lead):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )
    return collection


def course_collection() -> Collection:
    """The collection course images, documents and videos go into."""
    return _ensure_collection()


def ensure_course_site_after_migrate(sender, using="default", **kwargs):
    """post_migrate receiver: once, after the last app, when every permission exists."""
    with_models = [c for c in apps.get_app_configs() if c.models_module is not None]
    if sender.label == with_models[-1].label and using == "default":
        ensure_course_site()
