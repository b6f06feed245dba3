from django.urls import path

from abierto.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("metodologia/", views.methodology, name="methodology"),
    path("idioma/<str:code>/", views.switch_language, name="switch_language"),
    path("salud/", views.health, name="health"),
]
