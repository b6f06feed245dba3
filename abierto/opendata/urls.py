from django.urls import path

from abierto.opendata import api, views

app_name = "opendata"
urlpatterns = [
    path("", views.docs, name="docs"),
    path("v1/", api.index, name="index"),
    path("v1/openapi.json", views.openapi_document, name="openapi"),
    path("v1/<slug:name>/", api.resource_list, name="list"),
    path("v1/<slug:name>/<int:pk>/", api.resource_detail, name="detail"),
]
