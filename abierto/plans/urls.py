from django.urls import path

from abierto.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_index, name="plan_index"),
    path("<slug:plan_slug>/", views.plan_detail, name="plan_detail"),
    path("<slug:plan_slug>/compromisos/<str:code>/", views.commitment_detail, name="commitment_detail"),
]
