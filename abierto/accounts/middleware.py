"""Two guards on signing in: the admin is entered through allauth, and staff must use a second factor."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _


def _safe_next(request, default: str) -> str:
    target = request.GET.get("next") or default
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return default


class AdminLoginThroughAccountsMiddleware:
    """/admin/login/ sends people to /cuentas/ingresar/, so email verification and the second factor apply."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            admin_login = reverse("admin:login")
        except NoReverseMatch:  # pragma: no cover - the admin is always installed here
            return self.get_response(request)
        if request.path_info != admin_login:
            return self.get_response(request)
        target = _safe_next(request, reverse("admin:index"))
        user = request.user
        if user.is_authenticated:
            if user.is_active and user.is_staff:
                return HttpResponseRedirect(target)
            # Signed in, but not an admin user: sending them to sign in again would loop.
            raise PermissionDenied(_("Tu cuenta no tiene acceso a la administración."))
        return HttpResponseRedirect(f"{settings.LOGIN_URL}?{urlencode({'next': target})}")


class StaffSecondFactorMiddleware:
    """With ABIERTO_REQUIRE_STAFF_MFA on, staff without a TOTP authenticator can only set one up (or leave)."""

    SESSION_NOTICE = "abierto_mfa_notice"

    def __init__(self, get_response):
        self.get_response = get_response

    def _allowed(self, path: str) -> bool:
        open_prefixes = [reverse("mfa_index"), settings.STATIC_URL, "/i18n/"]
        if settings.MEDIA_URL and settings.MEDIA_URL != "/":
            open_prefixes.append(settings.MEDIA_URL)
        open_paths = {reverse("account_logout"), reverse("account_reauthenticate")}
        return path in open_paths or any(path.startswith(prefix) for prefix in open_prefixes if prefix)

    def __call__(self, request):
        if getattr(settings, "ABIERTO_REQUIRE_STAFF_MFA", False) and self._needs_second_factor(request):
            setup = reverse("mfa_activate_totp")
            if not request.session.get(self.SESSION_NOTICE):
                messages.warning(
                    request,
                    _(
                        "Tu cuenta tiene un rol de trabajo en la plataforma: antes de seguir, activa un segundo "
                        "factor de autenticación con una aplicación de códigos (TOTP)."
                    ),
                )
                request.session[self.SESSION_NOTICE] = True
            return HttpResponseRedirect(f"{setup}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    def _needs_second_factor(self, request) -> bool:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or self._allowed(request.path_info):
            return False
        from allauth.mfa.models import Authenticator
        from allauth.mfa.utils import is_mfa_enabled

        from abierto.accounts.rules import is_staff_role

        return is_staff_role(user) and not is_mfa_enabled(user, [Authenticator.Type.TOTP])
