"""A small OpenID Connect provider (django-oauth-toolkit) that the sign-on tests run as a separate
process on loopback: its own Django project, database and login page (decision 0704)."""
