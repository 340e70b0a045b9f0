from wagtail import hooks

from audit import actions


@hooks.register("register_log_actions")
def audit_log_actions(registry):
    """Wagtail's history and site history report name the project's actions."""
    for action in actions.ACTIONS:
        registry.register_action(action.code, action.label, action.label)
