"""How a person is named on screen and in emails: by name, else by email. Never by username."""


def user_display(user) -> str:
    full_name = user.get_full_name().strip() if hasattr(user, "get_full_name") else ""
    return full_name or getattr(user, "email", "") or str(user._meta.verbose_name)
