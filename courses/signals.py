"""Signal receivers of the courses app."""

from django.dispatch import receiver
from wagtail.signals import post_page_move

from courses import services


@receiver(post_page_move)
def completions_follow_moved_pages(sender, instance, parent_page_after, **kwargs):
    """A lesson moved to another module (or a module to another course) keeps its completions
    counted where it now is."""
    services.completions_follow_move(page=instance, new_parent=parent_page_after)
