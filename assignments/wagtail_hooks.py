"""The assignments app's menu items and dashboard panels (registered by each part's module)."""

from assignments import staff_hooks  # noqa: F401 - registers the staff part's hooks
