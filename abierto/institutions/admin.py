from django.contrib import admin

from abierto.core.admin import AuditedAdmin
from abierto.institutions.models import Government, Institution


@admin.register(Government)
class GovernmentAdmin(AuditedAdmin):
    list_display = ["name", "code", "kind", "region"]
    list_filter = ["kind", "region"]
    search_fields = ["name", "code"]


@admin.register(Institution)
class InstitutionAdmin(AuditedAdmin):
    list_display = ["name", "acronym", "branch", "government"]
    list_filter = ["branch", "government"]
    search_fields = ["name", "acronym"]
    prepopulated_fields = {"slug": ["name"]}
