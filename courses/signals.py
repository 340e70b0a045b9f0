"""Signal receivers of the courses app."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from courses import page_cache, services


@receiver(post_page_move)
def completions_follow_moved_pages(sender, instance, parent_page_after, **kwargs):
    """A lesson moved to another module (or a module to another course) keeps its completions
    counted where it now is."""
    services.completions_follow_move(page=instance, new_parent=parent_page_after)


@receiver(post_page_move, dispatch_uid="courses.page_cache.moved")
@receiver(page_published, dispatch_uid="courses.page_cache.published")
@receiver(page_unpublished, dispatch_uid="courses.page_cache.unpublished")
def tree_changed(**kwargs):
    """Cached structures, bodies and outlines are of the tree before this change."""
    page_cache.bump_tree_version()


TREE_MODELS = (Page, PageViewRestriction, Site, Locale)


@receiver(post_save, dispatch_uid="courses.page_cache.saved")
@receiver(post_delete, dispatch_uid="courses.page_cache.deleted")
def page_or_media_changed(sender, instance, **kwargs):
    """A page saved or deleted (a publish saves it too; a page made in code without a
    revision only saves), a page's view restriction, a site or locale (the pages' URLs), or
    an image or document a lesson shows."""
    if isinstance(instance, (*TREE_MODELS, get_image_model(), get_document_model())):
        page_cache.bump_tree_version()
