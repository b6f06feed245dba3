from django import forms

from abierto.assessments.models import Assessment


class AssessmentForm(forms.ModelForm):
    """What an evaluator records. "Starred" is not here: it is computed from these values."""

    class Meta:
        model = Assessment
        fields = [
            "source",
            "progress_report_year",
            "end_of_term_report_year",
            "specificity",
            "verifiable",
            "relevant_access_to_information",
            "relevant_civic_participation",
            "relevant_public_accountability",
            "relevant_technology",
            "potential_impact",
            "potential_for_results",
            "completion_progress_report",
            "completion_end_of_term",
            "change_in_completion",
            "early_results",
            "opened_government",
            "opened_access_to_information",
            "opened_civic_participation",
            "opened_public_accountability",
            "carried_forward",
            "mid_term_summary",
            "end_of_term_summary",
            "opened_government_summary",
        ]
        widgets = {
            "mid_term_summary": forms.Textarea(attrs={"rows": 4}),
            "end_of_term_summary": forms.Textarea(attrs={"rows": 4}),
            "opened_government_summary": forms.Textarea(attrs={"rows": 4}),
        }
