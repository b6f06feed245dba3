from django.urls import path

from abierto.assessments import views as assessment_views
from abierto.plans import feeds, views

app_name = "plans"
urlpatterns = [
    path("", views.plan_index, name="plan_index"),
    path("<slug:plan_slug>/", views.plan_detail, name="plan_detail"),
    path("<slug:plan_slug>/compromisos/<str:code>/", views.commitment_detail, name="commitment_detail"),
    path(
        "<slug:plan_slug>/compromisos/<str:code>/continuar/",
        views.commitment_carry_forward,
        name="commitment_carry_forward",
    ),
    path(
        "<slug:plan_slug>/compromisos/<str:code>/evaluacion/",
        assessment_views.assessment_edit,
        name="assessment_edit",
    ),
    path("<slug:plan_slug>/feed/", feeds.PlanFeed(), name="plan_feed"),
    path("<slug:plan_slug>/compromisos/<str:code>/feed/", feeds.CommitmentFeed(), name="commitment_feed"),
]
