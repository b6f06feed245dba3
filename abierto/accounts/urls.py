"""Accounts: django-allauth's views under /cuentas/, with Spanish addresses for the common ones.

The Spanish addresses come after ``allauth.urls`` on purpose: when two patterns share a name,
Django's reverse() prefers the last one, so {% url 'account_login' %} gives /cuentas/ingresar/.
"""

from allauth.account import views as account_views
from django.urls import include, path

from abierto.accounts import views

urlpatterns = [
    path("mi-cuenta/", views.home, name="accounts_home"),
    path("invitaciones/", views.invitations, name="accounts_invitations"),
    path("claves-api/", views.api_tokens, name="accounts_api_tokens"),
    path("invitaciones/<int:pk>/anular/", views.invitation_manage, {"action": "revoke"}, name="invitation_revoke"),
    path("invitaciones/<int:pk>/reenviar/", views.invitation_manage, {"action": "resend"}, name="invitation_resend"),
    path("invitacion/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("", include("allauth.urls")),
    path("ingresar/", account_views.login, name="account_login"),
    path("salir/", account_views.logout, name="account_logout"),
    path("registrarse/", account_views.signup, name="account_signup"),
]
