from django.urls import path

from abierto.evaluation import views

app_name = "evaluation"
urlpatterns = [
    path("", views.home, name="home"),
    path("mis-asignaciones/", views.my_assignments, name="my_assignments"),
    path("asignaciones/<int:pk>/", views.score, name="score"),
    path("asignaciones/<int:pk>/conflicto/", views.conflict, name="conflict"),
    path("criterios/", views.criteria, name="criteria"),
    path("criterios/<int:pk>/", views.criterion_edit, name="criterion_edit"),
    path("asignacion/", views.assignments, name="assignments"),
    path("asignacion/<int:pk>/quitar/", views.unassign, name="unassign"),
    path("ranking/", views.ranking, name="ranking"),
    path("ranking.csv", views.ranking_csv, name="ranking_csv"),
    path("publicar/", views.publish, name="publish"),
    path("resultados/", views.results, name="results"),
]
