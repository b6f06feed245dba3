from django.contrib import admin

from abierto.assessments.models import Assessment
from abierto.core.admin import AuditedAdmin, formfield_textarea_small


@admin.register(Assessment)
class AssessmentAdmin(AuditedAdmin):
    list_display = ["commitment", "verifiable", "potential_impact", "completion_end_of_term", "starred"]
    list_filter = ["potential_impact", "completion_end_of_term", "completion_progress_report"]
    search_fields = ["commitment__code", "commitment__title"]
    autocomplete_fields = ["commitment"]
    readonly_fields = ["starred", "raw_values"]
    formfield_overrides = formfield_textarea_small()

    @admin.display(boolean=True, description="Destacado (calculado)")
    def starred(self, obj):
        return obj.starred
