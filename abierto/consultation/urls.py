"""Under /cocreacion/<slug>/consulta/ (see abierto/urls.py): every view receives the process slug."""

from django.urls import path

from abierto.consultation import views

app_name = "consultation"
urlpatterns = [
    path("", views.index, name="index"),
    path("compromisos/<str:code>/", views.commitment, name="commitment"),
    path("compromisos/<str:code>/comentar/", views.comment, name="comment"),
    path("informe/", views.report, name="report"),
    path("informe.csv", views.report_csv, name="report_csv"),
    path("informe.xlsx", views.report_xlsx, name="report_xlsx"),
    path("secretaria/", views.queue, name="queue"),
    path("comentarios/<int:pk>/responder/", views.answer, name="answer"),
    path("comentarios/<int:pk>/moderar/", views.moderate, name="moderate"),
]
