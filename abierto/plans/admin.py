from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from abierto.core.admin import AuditedAdmin, formfield_textarea_small
from abierto.plans.models import (
    ActionPlan,
    Commitment,
    CommitmentValue,
    Evidence,
    Indicator,
    Measurement,
    Milestone,
    PolicyArea,
)


class MilestoneInline(admin.StackedInline):
    model = Milestone
    extra = 0
    fields = [
        ("code", "position"),
        "description",
        "expected_output",
        ("status", "progress", "weight"),
        ("start_date", "end_date"),
        ("actual_start_date", "actual_end_date"),
        "responsibles_text",
        "progress_description",
    ]
    formfield_overrides = formfield_textarea_small()
    show_change_link = True


class CommitmentValueInline(admin.TabularInline):
    model = CommitmentValue
    extra = 0
    formfield_overrides = formfield_textarea_small()


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    fields = ["title", "url", "file", "date"]


@admin.register(ActionPlan)
class ActionPlanAdmin(AuditedAdmin):
    list_display = ["title", "government", "kind", "number", "period_label", "status", "progress_computed"]
    list_filter = ["government", "kind", "status"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["progress_computed", "progress_commitments_counted", "progress_computed_at"]


@admin.register(Commitment)
class CommitmentAdmin(AuditedAdmin):
    list_display = ["code", "display_title", "plan", "lead_institution", "progress_computed", "is_withdrawn"]
    list_filter = ["plan__government", "plan", "is_withdrawn", "policy_areas"]
    search_fields = ["code", "ogp_id", "title", "title_en"]
    list_select_related = ["plan", "lead_institution"]
    autocomplete_fields = ["lead_institution", "supporting_institutions", "carried_from", "policy_areas"]
    inlines = [CommitmentValueInline, MilestoneInline, EvidenceInline]
    formfield_overrides = formfield_textarea_small()
    readonly_fields = ["progress_computed", "progress_milestones_counted", "progress_computed_at"]
    fieldsets = [
        (None, {"fields": ["plan", ("code", "ogp_id", "number", "position"), "title", "title_en", "theme", "horizon"]}),
        (_("Plazo"), {"fields": [("start_date", "end_date"), "dates_text", "year", "is_withdrawn"]}),
        (
            _("Responsables"),
            {
                "fields": [
                    "lead_institution",
                    "supporting_institutions",
                    "responsibles_text",
                    ("responsible_name", "responsible_position"),
                    ("responsible_email", "responsible_phone"),
                ]
            },
        ),
        (
            _("Contenido (plantilla OGP)"),
            {
                "fields": [
                    "problem",
                    "main_objective",
                    "brief_description",
                    "description",
                    "components",
                    "expected_results",
                    "ogp_challenge",
                    "relevance",
                    "ambition",
                    "policy_areas",
                    "sdg",
                    ("closes_gender_gap", "closes_inclusion_gap"),
                    "additional_info",
                    "carried_from",
                    "source",
                ]
            },
        ),
        (
            _("Avance calculado (solo lectura)"),
            {"fields": ["progress_computed", "progress_milestones_counted", "progress_computed_at"]},
        ),
    ]


@admin.register(Milestone)
class MilestoneAdmin(AuditedAdmin):
    list_display = ["__str__", "commitment", "status", "progress", "weight", "end_date"]
    list_filter = ["status", "commitment__plan"]
    search_fields = ["description", "code", "commitment__code"]
    list_select_related = ["commitment"]
    autocomplete_fields = ["commitment"]
    inlines = [EvidenceInline]
    formfield_overrides = formfield_textarea_small()


class MeasurementInline(admin.TabularInline):
    model = Measurement
    extra = 1


@admin.register(Indicator)
class IndicatorAdmin(AuditedAdmin):
    list_display = ["name", "commitment", "level", "baseline_value", "target_value"]
    list_filter = ["level"]
    search_fields = ["name", "commitment__code"]
    autocomplete_fields = ["commitment"]
    inlines = [MeasurementInline]
    formfield_overrides = formfield_textarea_small()


@admin.register(Evidence)
class EvidenceAdmin(AuditedAdmin):
    list_display = ["title", "commitment", "milestone", "date"]
    search_fields = ["title", "commitment__code"]
    autocomplete_fields = ["commitment", "milestone"]


@admin.register(PolicyArea)
class PolicyAreaAdmin(AuditedAdmin):
    list_display = ["name", "name_es"]
    search_fields = ["name", "name_es"]
    prepopulated_fields = {"slug": ["name"]}
