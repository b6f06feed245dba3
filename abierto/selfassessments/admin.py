"""Self-assessments in the admin: read-only. They change only through /autoevaluaciones/ (services.py),
where every transition is checked and recorded."""

from django.contrib import admin

from abierto.selfassessments.models import SelfAssessment, SelfAssessmentComment


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SelfAssessment)
class SelfAssessmentAdmin(ReadOnlyAdmin):
    list_display = ["title", "plan", "kind", "cutoff", "status", "comment_start", "comment_end"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "plan__title"]


@admin.register(SelfAssessmentComment)
class SelfAssessmentCommentAdmin(ReadOnlyAdmin):
    list_display = ["self_assessment", "author_name", "created_at", "hidden_at"]
    list_filter = ["self_assessment"]
    search_fields = ["text", "author_name"]
