from allauth.socialaccount.providers.oauth2.urls import default_urlpatterns

from people.wecom.provider import WeComProvider

urlpatterns = default_urlpatterns(WeComProvider)
