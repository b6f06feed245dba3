"""Accounts: django-allauth's views under /cuentas/, with Spanish addresses for the common ones."""

from allauth.account import views as account_views
from django.urls import include, path

urlpatterns = [
    path("ingresar/", account_views.login, name="account_login"),
    path("salir/", account_views.logout, name="account_logout"),
    path("registrarse/", account_views.signup, name="account_signup"),
    path("", include("allauth.urls")),
]
