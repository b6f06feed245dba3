from django.urls import path

from abierto.cocreation import views, views_tables

app_name = "cocreation"
urlpatterns = [
    path("", views.process_index, name="process_index"),
    path(
        "compromisos/<slug:plan_slug>/<str:code>/comentarios/",
        views.commitment_comments,
        name="commitment_comments",
    ),
    path("compromisos/comentarios/<int:pk>/reportar/", views.commitment_comment_flag, name="flag_commitment_comment"),
    path(
        "compromisos/comentarios/<int:pk>/moderar/",
        views.commitment_comment_moderate,
        name="moderate_commitment_comment",
    ),
    path("<slug:slug>/", views.process_detail, name="process_detail"),
    path("<slug:slug>/calendario.ics", views.process_calendar, name="process_calendar"),
    path("<slug:slug>/propuestas/", views.proposal_list, name="proposal_list"),
    path("<slug:slug>/mesas/", views_tables.table_list, name="table_list"),
    path("<slug:slug>/mesas/nueva/", views_tables.table_create, name="table_create"),
    path("<slug:slug>/mesas/<int:pk>/", views_tables.table_detail, name="table_detail"),
    path("<slug:slug>/mesas/<int:pk>/editar/", views_tables.table_edit, name="table_edit"),
    path("<slug:slug>/mesas/<int:pk>/publicar/", views_tables.table_publish, name="table_publish"),
    path("<slug:slug>/talleres/", views_tables.workshop_list, name="workshop_list"),
    path("<slug:slug>/talleres/nuevo/", views_tables.workshop_create, name="workshop_create"),
    path("<slug:slug>/talleres/<int:pk>/editar/", views_tables.workshop_edit, name="workshop_edit"),
    path("<slug:slug>/propuestas/nueva/", views.proposal_create, name="proposal_create"),
    path("<slug:slug>/propuestas/parecidas/", views.proposal_similar, name="proposal_similar"),
    path("<slug:slug>/iniciativas/nueva/", views.initiative_create, name="initiative_create"),
    path("<slug:slug>/mis-propuestas/", views.my_proposals, name="my_proposals"),
    path("<slug:slug>/secretaria/", views.moderation_queue, name="moderation_queue"),
    path("<slug:slug>/propuestas/<int:pk>/", views.proposal_detail, name="proposal_detail"),
    path("<slug:slug>/propuestas/<int:pk>/editar/", views.proposal_edit, name="proposal_edit"),
    path("<slug:slug>/propuestas/<int:pk>/apoyo/", views.proposal_support, name="proposal_support"),
    path("<slug:slug>/propuestas/<int:pk>/comentar/", views.proposal_comment, name="proposal_comment"),
    path("<slug:slug>/propuestas/<int:pk>/respuesta/", views.proposal_respond, name="proposal_respond"),
    path("<slug:slug>/propuestas/<int:pk>/fusionar/", views.proposal_merge, name="proposal_merge"),
    path("<slug:slug>/propuestas/<int:pk>/reportar/", views.flag_view, {"kind": "propuestas"}, name="flag_proposal"),
    path("<slug:slug>/comentarios/<int:pk>/reportar/", views.flag_view, {"kind": "comentarios"}, name="flag_comment"),
    path(
        "<slug:slug>/propuestas/<int:pk>/moderar/",
        views.moderate_view,
        {"kind": "propuestas"},
        name="moderate_proposal",
    ),
    path(
        "<slug:slug>/comentarios/<int:pk>/moderar/",
        views.moderate_view,
        {"kind": "comentarios"},
        name="moderate_comment",
    ),
]
