from django.urls import path

from abierto.monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("", views.home, name="home"),
    path("compromisos/<int:commitment_id>/periodos/<int:period_id>/", views.report_form, name="report_form"),
    path("periodos/<int:period_id>/", views.dashboard, name="dashboard"),
    path("reportes/<int:report_id>/", views.review, name="review"),
    path("archivos/<int:evidence_id>/", views.evidence_file, name="evidence_file"),
]
urlpatterns += [
    path("periodos/<int:period_id>/planilla.xlsx", views.spreadsheet_template, name="spreadsheet_template"),
    path("periodos/<int:period_id>/planilla/", views.spreadsheet_upload, name="spreadsheet_upload"),
]
