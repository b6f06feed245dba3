from django.contrib import admin

from abierto.core.admin import AuditedAdmin, formfield_textarea_small
from abierto.monitoring.models import ProgressReport, ReportingPeriod


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(AuditedAdmin):
    list_display = ["label", "plan", "start", "end", "deadline"]
    list_filter = ["plan"]
    search_fields = ["label", "plan__title"]
    autocomplete_fields = ["plan"]


@admin.register(ProgressReport)
class ProgressReportAdmin(AuditedAdmin):
    """Reports loaded from earlier sources (no period) are edited here; reports of the workflow
    move only through /seguimiento/ (abierto.monitoring.services), so here they are read-only."""

    list_display = ["commitment", "period_label", "version", "status", "completion", "published_on"]
    list_filter = ["status", "completion", "entered_on_behalf"]
    search_fields = ["commitment__code", "period_label"]
    autocomplete_fields = ["commitment"]
    formfield_overrides = formfield_textarea_small()
    readonly_fields = [
        "period",
        "status",
        "version",
        "supersedes",
        "entered_on_behalf",
        "created_by",
        "submitted_by",
        "submitted_at",
        "validated_by",
        "validated_at",
        "published_by",
        "published_at",
    ]

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.period_id is not None:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.period_id is not None:
            return False
        return super().has_delete_permission(request, obj)
