"""A cheaper ``get_FOO_display()`` for every model.

Django's own version rebuilds a dictionary of the field's choices on every call, hashing each label; our
labels are lazy translations, so each call translates every label of the field. Pages that show a status
per row (plans, reports, votes) paid that per row. This version keeps one dictionary per field (value →
lazy label) and translates only the label it returns, in the language active at that moment.
"""

from functools import partialmethod

from django.apps import apps
from django.db.models import Model
from django.utils.encoding import force_str

_labels: dict = {}


def _get_field_display(self, field):
    value = getattr(self, field.attname)
    labels = _labels.get(field)
    if labels is None:
        labels = {}
        for key, label in field.flatchoices:
            try:
                labels[key] = label
            except TypeError:  # an unhashable choice value: leave it to Django's own method
                return _django_get_field_display(self, field)
        _labels[field] = labels
    try:
        label = labels.get(value, value)
    except TypeError:
        label = value
    return force_str(label, strings_only=True)


_django_get_field_display = Model._get_FIELD_display


def install() -> None:
    """Swap Django's ``get_FOO_display`` for this one on every installed model (Django binds the method per
    field when the class is built, so each model is visited); a model's own ``get_FOO_display`` is kept."""
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.fields:
            if not field.choices:
                continue
            name = f"get_{field.name}_display"
            current = model.__dict__.get(name)
            if isinstance(current, partialmethod) and current.func is _django_get_field_display:
                setattr(model, name, partialmethod(_get_field_display, field=field))
