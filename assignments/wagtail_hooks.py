"""The assignments app's menu items and dashboard panels (registered by each part's module)."""
