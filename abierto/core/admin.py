"""The secretariat's back office: Django's admin, with every write routed through the services."""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from abierto.plans import services

admin.site.site_header = _("Abierto · Secretaría ejecutiva")
admin.site.site_title = _("Abierto")
admin.site.index_title = _("Administración del registro")


class AuditedAdmin(admin.ModelAdmin):
    """Saves, deletes, many-to-many changes and inlines go through abierto.plans.services,
    so each is validated, recorded with its author and followed by the recomputation of progress."""

    def save_model(self, request, obj, form, change):
        services.save(obj, actor=request.user)

    def delete_model(self, request, obj):
        services.delete(obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.delete(obj, actor=request.user)

    def save_related(self, request, form, formsets, change):
        for field in form.instance._meta.many_to_many:
            if field.name in form.cleaned_data:
                services.set_related(form.instance, field.name, list(form.cleaned_data[field.name]), actor=request.user)
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            services.delete(obj, actor=request.user)
        for obj in instances:
            services.save(obj, actor=request.user)
        formset.save_m2m()


def formfield_textarea_small() -> dict:
    return {models.TextField: {"widget": admin.widgets.AdminTextareaWidget(attrs={"rows": 3})}}
