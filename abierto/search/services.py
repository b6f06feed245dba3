"""Keeping the search index in step with the registry. (Filled in by the search module.)"""

from django.db import models


def index(instance: models.Model) -> None:
    """Add or refresh the search document of a plan, commitment, milestone or institution."""


def remove(instance: models.Model) -> None:
    """Drop the search document of an instance that was deleted."""
