from django import template

from abierto.notifications import services

register = template.Library()


@register.simple_tag(takes_context=True)
def is_following(context, commitment) -> bool:
    request = context.get("request")
    user = getattr(request, "user", None)
    return services.is_following(user, commitment)
