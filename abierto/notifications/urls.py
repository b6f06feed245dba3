from django.urls import path

from abierto.notifications import views

app_name = "notifications"
urlpatterns = [
    path("preferencias/", views.preferences, name="preferences"),
    path("seguir/<int:commitment_id>/", views.follow, name="follow"),
    path("baja/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
