"""Template helpers of the admin's history pages."""

from django import template

from batteryregion.history import may_read_change_log

register = template.Library()


@register.simple_tag(takes_context=True, name="may_read_change_log")
def may_read_change_log_tag(context: template.Context) -> bool:
    """{% may_read_change_log as show %}: whether the user reads the change log (lead coordinators, superusers)."""
    return may_read_change_log(context["request"].user)
