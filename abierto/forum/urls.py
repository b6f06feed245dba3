from django.urls import path

from abierto.forum import views

app_name = "forum"
urlpatterns = [
    path("", views.forum_home, name="home"),
    path("protocolo/", views.protocol_page, name="protocol"),
    path("integrantes/historial/", views.seat_history, name="seat_history"),
    path("sesiones.ics", views.sessions_ics, name="sessions_ics"),
    path("sesiones/convocar/", views.convene, name="convene"),
    path("sesiones/<int:session_id>/", views.session_detail, name="session"),
    path("sesiones/<int:session_id>/acta/", views.minutes_print, name="minutes_print"),
    path("sesiones/<int:session_id>/gestion/", views.session_manage, name="session_manage"),
    path("sesiones/<int:session_id>/votaciones/nueva/", views.motion_new, name="motion_new"),
    path("votaciones/<int:motion_id>/", views.motion_detail, name="motion"),
    path("actas/<int:minutes_id>/", views.minutes_manage, name="minutes"),
    path("acuerdos/", views.agreements, name="agreements"),
    path("acuerdos/<int:agreement_id>/", views.agreement_detail, name="agreement"),
    path("estandares/<slug:plan_slug>/", views.standards, name="standards"),
]
