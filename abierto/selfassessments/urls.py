from django.urls import path

from abierto.selfassessments import views

app_name = "selfassessments"
urlpatterns = [
    path("", views.index, name="index"),
    path("nueva/", views.create, name="create"),
    path("<int:sa_id>/", views.detail, name="detail"),
    path("<int:sa_id>/descarga.xlsx", views.download, name="download"),
    path("<int:sa_id>/gestion/", views.manage, name="manage"),
]
