"""The forum's reference rows (forums, seats and their terms) in the secretariat's admin. Sessions,
votes, minutes and agreements move through the forum's own pages (/mesa/), which apply the workflow."""

from django.contrib import admin

from abierto.forum import services
from abierto.forum.models import Forum, Seat, SeatTerm


class ForumAudited(admin.ModelAdmin):
    def save_model(self, request, obj, form, change):
        services.save(obj, actor=request.user)

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        for obj in instances:
            services.save(obj, actor=request.user)


class SeatTermInline(admin.TabularInline):
    model = SeatTerm
    extra = 0
    autocomplete_fields = ["holder_user", "alternate_user", "holder_institution"]


@admin.register(Forum)
class ForumAdmin(ForumAudited):
    list_display = ["name", "legal_basis", "is_current", "quorum_rule", "default_majority"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Seat)
class SeatAdmin(ForumAudited):
    list_display = ["name", "forum", "sector", "right", "is_chair"]
    list_filter = ["forum", "right", "sector"]
    search_fields = ["name"]
    autocomplete_fields = ["institution"]
    inlines = [SeatTermInline]
