from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "abierto.accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from abierto.accounts.views import accept_pending_invitation

        user_logged_in.connect(accept_pending_invitation, dispatch_uid="abierto_accept_pending_invitation")
