"""The assignments app's pages, under /assignments/ (namespace ``assignments``). Each part of
the app keeps its paths in its own module, included here."""

app_name = "assignments"

urlpatterns: list = []
