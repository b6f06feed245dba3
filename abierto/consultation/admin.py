"""The consultation's records in the back office, read-only: comments, answers and moderation are written
from the public pages through the services (each with its audit event and the author's notice)."""

from django.contrib import admin

from abierto.cocreation.admin import ReadOnlyAdmin
from abierto.consultation.models import ConsultationAnswer, ConsultationComment, SectionVersion


@admin.register(ConsultationComment)
class ConsultationCommentAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "process", "commitment", "section", "created_at", "hidden_at")
    list_filter = ("process", "section")
    raw_id_fields = ("commitment", "version", "author")


@admin.register(ConsultationAnswer)
class ConsultationAnswerAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "answered_at", "edited_at", "revision")


@admin.register(SectionVersion)
class SectionVersionAdmin(ReadOnlyAdmin):
    list_display = ("commitment", "section", "created_at")
    list_filter = ("section",)
