"""Site navigation contributed by apps through the ``site_menu_items`` Wagtail hook.

    @hooks.register("site_menu_items")
    def courses_menu_item(request):
        return NavItem(label=_("Courses"), url=reverse("courses:index"), order=20)

Return ``None`` when the item is not for this user.
"""

from __future__ import annotations

from dataclasses import dataclass

from wagtail import hooks


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    order: int = 100
    name: str = ""  # used to mark the current section

    def is_active(self, path: str) -> bool:
        return self.url != "/" and path.startswith(self.url)


def menu_items(request) -> list[NavItem]:
    items = [fn(request) for fn in hooks.get_hooks("site_menu_items")]
    return sorted((item for item in items if item is not None), key=lambda item: item.order)
