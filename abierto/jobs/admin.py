from django.contrib import admin

from abierto.jobs.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["id", "task", "queue", "status", "attempts", "run_at", "finished_at"]
    list_filter = ["status", "queue", "task"]
    search_fields = ["task", "dedupe_key", "last_error"]
    readonly_fields = [field.name for field in Job._meta.fields]

    def has_add_permission(self, request):
        return False
