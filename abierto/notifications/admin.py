from django.contrib import admin

from abierto.notifications.models import Follow, Notification, Preference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["subject", "user", "kind", "created_at", "sent_at"]
    list_filter = ["kind"]
    search_fields = ["subject", "user__email", "dedupe_key"]
    readonly_fields = [field.name for field in Notification._meta.fields]
    list_select_related = ["user"]

    def has_add_permission(self, request):
        return False


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "frequency", "updated_at"]
    list_filter = ["frequency"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ["user", "commitment", "created_at"]
    raw_id_fields = ["user", "commitment"]
