"""Builders for the co-creation tests (and the browser test): a process with dated stages, proposals."""

import datetime
from typing import Any

from django.utils import timezone

from abierto.cocreation import services
from abierto.cocreation.models import CoCreationProcess, Proposal, Theme
from abierto.cocreation.text import terms_of


def make_process(
    plan, *, template: str = "fifth", start: datetime.date, days: int = 10, **extra: Any
) -> CoCreationProcess:
    """A process whose stages follow each other, ``days`` long each, the first starting on ``start``."""
    process = services.create_process(plan=plan, actor=None, template=template, **extra)
    for index, stage in enumerate(process.stages.order_by("position")):
        first = start + datetime.timedelta(days=index * days)
        services.set_stage_dates(
            stage=stage, starts_on=first, ends_on=first + datetime.timedelta(days=days - 1), actor=None
        )
    Theme.objects.create(
        process=process, name="Medioambiente y cambio climático", slug="medioambiente", is_priority=True
    )
    Theme.objects.create(process=process, name="Género", slug="genero", is_priority=True)
    return CoCreationProcess.objects.get(pk=process.pk)


def make_proposal(
    process, author, *, title: str = "Datos abiertos de calidad del aire", published: bool = True, **fields: Any
) -> Proposal:
    """A proposal written straight to the database (no stage check), for setting up a test."""
    fields.setdefault("problem", "No hay datos abiertos de la calidad del aire en las comunas.")
    fields.setdefault("what", "Publicar mediciones de calidad del aire como datos abiertos.")
    proposal = Proposal(process=process, author=author, title=title, **fields)
    if published:
        proposal.status = Proposal.Status.PUBLISHED
        proposal.submitted_at = timezone.now()
    proposal.terms = terms_of(proposal.similarity_text())
    proposal.save()
    return proposal


def make_table(process, *, title: str = "Mesa de medioambiente", published: bool = True, **fields: Any):
    """A co-creation table written straight to the database, with its participants ({sector: count})
    and the proposals it discussed (a list), for setting up a test."""
    from abierto.cocreation.models import CoCreationTable, TableParticipation, TableProposal

    participation = fields.pop("participation", {})
    proposals = fields.pop("proposals", [])
    fields.setdefault("held_on", datetime.date(2026, 3, 20))
    fields.setdefault("place", "Biblioteca Nacional")
    table = CoCreationTable(process=process, title=title, **fields)
    if published:
        table.status = CoCreationTable.Status.PUBLISHED
        table.published_at = timezone.now()
    table.save()
    TableParticipation.objects.bulk_create(
        [TableParticipation(table=table, sector=sector, count=count) for sector, count in participation.items()]
    )
    TableProposal.objects.bulk_create([TableProposal(table=table, proposal=p) for p in proposals])
    return table
