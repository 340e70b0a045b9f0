import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_unknown_url_shows_the_translated_404_page(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()
    client.cookies["lms_language"] = "en"
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_post_without_csrf_token_shows_the_friendly_csrf_page(learner):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "learner", "password": "x"})
    assert response.status_code == 403
    assert "表单已过期" in response.content.decode()


def test_403_and_500_templates_render_in_both_languages(rf):
    from django.utils import translation

    from lms.views import errors

    request = rf.get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    with translation.override("zh-hans"):
        assert "无权打开" in errors.permission_denied(request).content.decode()
        assert "出错了" in errors.server_error(request).content.decode()
    with translation.override("en"):
        assert "You may not open this page" in errors.permission_denied(request).content.decode()
        assert "Something went wrong" in errors.server_error(request).content.decode()
