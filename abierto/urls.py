from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("abierto.core.urls")),
    path("planes/", include("abierto.plans.urls")),
    path("instituciones/", include("abierto.institutions.urls")),
    path("buscar/", include("abierto.search.urls")),
    path("cuentas/", include("abierto.accounts.urls")),
    path("seguimiento/", include("abierto.monitoring.urls")),
    path("avisos/", include("abierto.notifications.urls")),
    path("mesa/", include("abierto.forum.urls")),
    # Evaluation by the forum and the consultation on the draft plan live under their process.
    path("cocreacion/<slug:slug>/evaluacion/", include("abierto.evaluation.urls")),
    path("cocreacion/<slug:slug>/consulta/", include("abierto.consultation.urls")),
    path("cocreacion/", include("abierto.cocreation.urls")),
    path("autoevaluaciones/", include("abierto.selfassessments.urls")),
    path("api/", include("abierto.opendata.urls")),
    path("datos-abiertos/", include("abierto.opendata.site_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
