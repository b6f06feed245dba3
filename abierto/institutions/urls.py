from django.urls import path

from abierto.institutions import views

app_name = "institutions"
urlpatterns = [
    path("", views.institution_index, name="index"),
    path("<slug:slug>/", views.institution_detail, name="detail"),
]
