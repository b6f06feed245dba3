"""The evaluation in the back office: read-only. Criteria, assignments, scores, conflicts and publications
change only through the evaluation pages (``services``), which check the stage, require a reason once
scores exist, and record every change."""

from django.contrib import admin

from abierto.accounts.rules import is_secretariat
from abierto.evaluation.models import Assignment, ConflictDeclaration, Criterion, Publication, Score


class ReadOnlyForSecretariat(admin.ModelAdmin):
    def has_module_permission(self, request):
        return is_secretariat(request.user)

    def has_view_permission(self, request, obj=None):
        return is_secretariat(request.user)

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Criterion)
class CriterionAdmin(ReadOnlyForSecretariat):
    list_display = ("name", "process", "position", "weight", "scale_min", "scale_max")
    list_filter = ("process",)


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyForSecretariat):
    list_display = ("proposal", "evaluator", "assigned_by", "assigned_at")
    list_select_related = ("proposal", "evaluator", "assigned_by")
    search_fields = ("proposal__title", "evaluator__username", "evaluator__email")


@admin.register(ConflictDeclaration)
class ConflictDeclarationAdmin(ReadOnlyForSecretariat):
    list_display = ("assignment", "declared_at", "reason")
    list_select_related = ("assignment__evaluator",)


@admin.register(Score)
class ScoreAdmin(ReadOnlyForSecretariat):
    list_display = ("assignment", "criterion", "value", "updated_at")
    list_select_related = ("assignment__evaluator", "criterion")


@admin.register(Publication)
class PublicationAdmin(ReadOnlyForSecretariat):
    list_display = ("process", "published_at", "published_by")
