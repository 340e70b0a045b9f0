"""The Wagtail site of a course page's request, from the page cache (decision 0904)."""

from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.views import serve

from courses import page_cache


class CachedSiteMiddleware:
    """Wagtail finds the site that serves a page by its host and port with a query of its own on
    every request (``Site.find_for_request``), then keeps it on the request. Before Wagtail
    serves a page, this puts there the site found for that host and port, kept in the page
    cache under the tree version, which a change to any site replaces (``courses.signals``).
    Other views find the site as Wagtail does, when they need it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is serve and not hasattr(request, "_wagtail_site"):
            host = split_domain_port(request._get_raw_host())[0]
            key = page_cache.key("site", host, request.get_port())
            request._wagtail_site = page_cache.cached(key, lambda: Site._find_for_request(request))
        return None
