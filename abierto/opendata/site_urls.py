from django.urls import path

from abierto.opendata import site_views

app_name = "datos"
urlpatterns = [
    path("", site_views.index, name="index"),
    path("abierto-datos.zip", site_views.package, name="package"),
    path("catalogo.jsonld", site_views.catalogue, name="catalogue"),
    path("<slug:name>.csv", site_views.resource_csv, name="csv"),
]
