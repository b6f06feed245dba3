"""Bulk loads (importers, seed data) bring progress and search up to date once, at the end."""

import pytest

from abierto.plans import services
from abierto.plans.models import Commitment, Milestone
from abierto.search import selectors as search
from abierto.search.models import SearchDocument

pytestmark = pytest.mark.django_db


def test_figures_and_search_are_complete_after_a_bulk_load(make_plan):
    plan = make_plan()
    with services.bulk():
        commitment = services.save(
            Commitment(plan=plan, code="CL0046", title="Participación ciudadana municipal"), actor=None
        )
        services.save(
            Milestone(commitment=commitment, description="Talleres", status="completed", progress=100), actor=None
        )
        assert not SearchDocument.objects.filter(kind="commitment").exists()  # not yet
    commitment.refresh_from_db()
    assert commitment.progress_computed == 100
    found = search.search("participar")
    assert [(hit.kind, hit.object_id) for hit in found.hits] == [("commitment", commitment.pk)]
    assert SearchDocument.objects.filter(kind="milestone", commitment_id=commitment.pk).exists()


def test_an_object_deleted_within_the_load_leaves_no_document(make_plan):
    plan = make_plan()
    with services.bulk():
        commitment = services.save(Commitment(plan=plan, code="CL0001", title="Efímero"), actor=None)
        services.delete(commitment, actor=None)
    assert not SearchDocument.objects.filter(kind="commitment").exists()


def test_a_failed_load_writes_nothing(make_plan):
    from django.db import transaction

    plan = make_plan()
    with pytest.raises(RuntimeError), transaction.atomic(), services.bulk():
        services.save(Commitment(plan=plan, code="CL0002", title="Roto"), actor=None)
        raise RuntimeError
    assert not Commitment.objects.filter(code="CL0002").exists()
    assert not SearchDocument.objects.filter(kind="commitment").exists()
