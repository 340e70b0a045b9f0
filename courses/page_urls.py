"""What course pages post to, under the language prefix of the page (``/en/courses/…``).

A lesson page's form posts to the URL reversed while the page is rendered, so it carries the
page's language; the message the action adds is then in that language, whatever language the
reader chose for the rest of the site (decision 0004). ``lms/urls.py`` includes these URLs in
``i18n_patterns``.
"""

from django.urls import path

from courses import views

app_name = "course_pages"

urlpatterns = [
    path("courses/lessons/<int:page_id>/complete/", views.lesson_complete, name="lesson_complete"),
]
