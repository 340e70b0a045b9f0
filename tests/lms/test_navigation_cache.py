"""The header's links are kept in the cache per user and language (lms.navigation_cache,
decision 0903), and follow at once every change of roles, permissions or the user."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from lms import roles

pytestmark = pytest.mark.django_db


def header(client, language="en") -> str:
    client.cookies["lms_language"] = language
    page = client.get(reverse("exams:quiz_list")).content.decode()
    return re.search(r'<nav class="site-nav".*?</nav>', page, re.S).group(0)


def header_links(client, language="en") -> list[str]:
    return re.findall(r'<a href="([^"]+)"', header(client, language))


def test_a_new_role_shows_its_links_on_the_next_page_and_a_lost_one_hides_them(client, learner):
    client.force_login(learner)
    assert "/cms/" not in header_links(client)
    learner.groups.add(Group.objects.get(name=roles.ASSESSOR))
    assert "/cms/" in header_links(client)
    learner.groups.remove(Group.objects.get(name=roles.ASSESSOR))
    assert "/cms/" not in header_links(client)


def test_a_permission_given_to_the_users_group_shows_on_the_next_page(client, learner):
    client.force_login(learner)
    assert "/cms/" not in header_links(client)
    Group.objects.get(name=roles.LEARNER).permissions.add(
        Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin")
    )
    assert "/cms/" in header_links(client)


def test_a_user_made_superuser_sees_the_cms_link_on_the_next_page(client, learner):
    client.force_login(learner)
    assert "/cms/" not in header_links(client)
    learner.is_superuser = True
    learner.save(update_fields=["is_superuser"])
    assert "/cms/" in header_links(client)


def test_each_language_has_its_own_labels(client, learner):
    client.force_login(learner)
    assert "My certificates" in header(client, "en")
    assert "My certificates" not in header(client, "zh-hans")
    assert "My certificates" in header(client, "en")


def test_a_role_taken_away_is_gone_after_the_commit_though_read_in_between(
    learner, django_capture_on_commit_callbacks
):
    """A request between the change and its commit reads the groups from before it and keeps
    them; the commit renews the cache again, and the roles decide access."""
    from django.contrib.auth import get_user_model

    from lms import navigation_cache

    assessors = Group.objects.get(name=roles.ASSESSOR)
    learner.groups.add(assessors)
    with django_capture_on_commit_callbacks(execute=True):
        learner.groups.remove(assessors)
        before_commit = frozenset({roles.LEARNER, roles.ASSESSOR})  # what that request read
        navigation_cache.cached(learner, lambda: before_commit, part=navigation_cache.ROLES)
    again = get_user_model().objects.get(pk=learner.pk)
    assert not roles.has_role(again, roles.ASSESSOR)
