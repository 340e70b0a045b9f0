"""``{% unread_notifications as count %}`` for the site header: one query, signed-in only."""

from django import template

from notifications import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    user = getattr(context.get("request"), "user", None)
    if user is None or not user.is_authenticated:
        return 0
    return selectors.unread_count(user=user)
