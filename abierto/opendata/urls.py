from django.urls import path, re_path

from abierto.opendata import api, views, write_api

app_name = "opendata"
urlpatterns = [
    path("", views.docs, name="docs"),
    path("v1/", api.index, name="index"),
    path("v1/openapi.json", views.openapi_document, name="openapi"),
    path("v1/me/", write_api.me, name="me"),
    path("v1/me/reports/", write_api.my_reports, name="my_reports"),
    path("v1/me/reports/<int:pk>/", write_api.my_report, name="my_report"),
    path("v1/me/reports/<int:pk>/files/", write_api.my_report_files, name="my_report_files"),
    path("v1/me/reports/<int:pk>/submit/", write_api.my_report_submit, name="my_report_submit"),
    path("v1/<slug:name>/", api.resource_list, name="list"),
    path("v1/<slug:name>/<str:pk>/", api.resource_detail, name="detail"),
    re_path(r"^v1/", api.not_found),
]
