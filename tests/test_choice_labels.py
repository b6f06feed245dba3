"""``get_FOO_display()`` answers the label of the value in the language active when it is called, keeps an
unknown value as it is, and leaves a model's own ``get_FOO_display`` alone (abierto/core/choices.py)."""

from django.utils import translation

from abierto.core.choices import _get_field_display
from abierto.plans.models import Milestone


def test_a_status_is_labelled_in_the_active_language():
    milestone = Milestone(status=Milestone.Status.COMPLETED)
    with translation.override("es"):
        assert milestone.get_status_display() == "Completo"
    with translation.override("en"):
        assert milestone.get_status_display() == "Complete"
    with translation.override("es"):
        assert milestone.get_status_display() == "Completo"


def test_an_unknown_value_is_shown_as_it_is():
    assert Milestone(status="no-such-status").get_status_display() == "no-such-status"


def test_every_model_uses_the_cached_labels():
    method = Milestone.__dict__["get_status_display"]
    assert method.func is _get_field_display
