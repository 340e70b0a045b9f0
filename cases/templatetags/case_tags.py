"""Template tags of the practice-case pages.

``{% fishbone_layout effect categories as diagram %}`` computes the geometry of a report's
fishbone (Ishikawa) diagram with ``lms.diagrams``, the same layout as a lesson's fishbone block,
for ``templates/cases/includes/fishbone.svg.html``.
"""

from __future__ import annotations

from django import template

from lms import diagrams

register = template.Library()


@register.simple_tag
def fishbone_layout(effect, categories) -> diagrams.Fishbone:
    """The geometry of a report's fishbone (``categories``: ``[{name, causes}]`` as stored)."""
    return diagrams.fishbone_layout(
        effect=" ".join(str(effect or "").split()),
        categories=[
            (
                " ".join(str(category.get("name", "")).split()),
                [" ".join(str(cause).split()) for cause in category.get("causes", [])],
            )
            for category in categories or []
        ],
    )
