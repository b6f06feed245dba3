"""The secretariat's back office for co-creation: processes, stages, themes, workshops and tables.

Proposals, supports, comments and moderation are run from the public pages (through the services),
so their admin is read-only: counters and responses never change here.
"""

from django.contrib import admin

from abierto.accounts.rules import is_secretariat
from abierto.cocreation.models import (
    CoCreationProcess,
    CoCreationTable,
    Comment,
    Flag,
    Proposal,
    Stage,
    TableParticipation,
    TableProposal,
    Theme,
    Workshop,
)
from abierto.core.admin import AuditedAdmin


class SecretariatOnly:
    """The secretariat runs co-creation (the rule in accounts.rules, not per-model Django permissions)."""

    def has_module_permission(self, request):
        return is_secretariat(request.user)

    def has_view_permission(self, request, obj=None):
        return is_secretariat(request.user)

    def has_add_permission(self, request, *args):
        return is_secretariat(request.user)

    def has_change_permission(self, request, obj=None):
        return is_secretariat(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_secretariat(request.user)


class StageInline(SecretariatOnly, admin.TabularInline):
    model = Stage
    extra = 0


class ThemeInline(SecretariatOnly, admin.TabularInline):
    model = Theme
    extra = 0
    prepopulated_fields = {"slug": ("name",)}


@admin.register(CoCreationProcess)
class CoCreationProcessAdmin(SecretariatOnly, AuditedAdmin):
    list_display = ("title", "plan", "support_limit", "edit_window_hours")
    inlines = [StageInline, ThemeInline]


@admin.register(Workshop)
class WorkshopAdmin(SecretariatOnly, AuditedAdmin):
    list_display = ("title", "process", "held_on", "region", "commune", "target_group", "attendance")
    list_filter = ("process",)


class TableParticipationInline(SecretariatOnly, admin.TabularInline):
    model = TableParticipation
    extra = 0


class TableProposalInline(SecretariatOnly, admin.TabularInline):
    model = TableProposal
    extra = 0
    raw_id_fields = ("proposal",)


@admin.register(CoCreationTable)
class CoCreationTableAdmin(SecretariatOnly, AuditedAdmin):
    """The public pages are the usual way (they check the proposals and keep one audit event per edit)."""

    list_display = ("title", "process", "held_on", "theme", "status", "commitment")
    list_filter = ("process", "status")
    exclude = ("proposals",)
    raw_id_fields = ("commitment",)
    readonly_fields = ("status", "published_at")
    inlines = [TableParticipationInline, TableProposalInline]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_module_permission(self, request):
        return is_secretariat(request.user)

    def has_view_permission(self, request, obj=None):
        return is_secretariat(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdmin):
    list_display = ("title", "process", "kind", "status", "support_count", "response_kind", "hidden_at")
    list_filter = ("process", "kind", "status", "response_kind")
    search_fields = ("title",)


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "proposal", "depth", "created_at", "hidden_at")


@admin.register(Flag)
class FlagAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "proposal", "comment", "created_at", "resolved_at")
