"""A WeCom (企业微信) sign-on provider for django-allauth, on its OAuth2 base (decision 0704)."""
