from django.contrib import admin

from abierto.core.admin import AuditedAdmin, formfield_textarea_small
from abierto.monitoring.models import ProgressReport


@admin.register(ProgressReport)
class ProgressReportAdmin(AuditedAdmin):
    list_display = ["commitment", "period_label", "completion", "published_on"]
    list_filter = ["completion"]
    search_fields = ["commitment__code", "period_label"]
    autocomplete_fields = ["commitment"]
    formfield_overrides = formfield_textarea_small()
