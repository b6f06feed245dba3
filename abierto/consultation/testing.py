"""Builders for the consultation tests: a 5th-plan-like process whose sixth stage is the consultation on the
draft, draft commitments with the OGP template's sections filled in, and comments written straight to the
database (no stage check), for setting up a test."""

import datetime
from typing import Any

from django.utils import timezone

from abierto.cocreation.testing import make_process
from abierto.consultation import sections
from abierto.consultation.models import ConsultationAnswer, ConsultationComment, SectionVersion
from abierto.plans import services as plan_services
from abierto.plans.models import ActionPlan, Commitment, CommitmentValue, Milestone

START = datetime.date(2026, 3, 1)  # stage n runs START + 10(n-1) .. START + 10n - 1
CONSULTATION_FIRST_DAY = datetime.date(2026, 4, 20)  # the 5th plan's stage 6
CONSULTATION_LAST_DAY = datetime.date(2026, 4, 29)
CHILE = datetime.timezone(datetime.timedelta(hours=-3))


def noon(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12, 0), tzinfo=CHILE)


DURING = noon(datetime.date(2026, 4, 24))
BEFORE = noon(CONSULTATION_FIRST_DAY - datetime.timedelta(days=1))
AFTER = noon(CONSULTATION_LAST_DAY + datetime.timedelta(days=1))


def make_consultation(plan: ActionPlan, **extra: Any):
    """A process for ``plan`` (slug = the plan's slug) with the 5th plan's seven stages, ten days each."""
    plan.status = ActionPlan.Status.CO_CREATION
    plan.save(update_fields=["status"])
    return make_process(plan, template="fifth", start=START, days=10, **extra)


def make_draft_commitment(plan: ActionPlan, code: str = "BOR01", **fields: Any) -> Commitment:
    fields.setdefault("title", "Datos abiertos de compras públicas")
    fields.setdefault("problem", "Las compras públicas no se publican como datos abiertos.")
    fields.setdefault("main_objective", "Publicar las compras del Estado en formato abierto.")
    fields.setdefault("description", "Un portal con las órdenes de compra.")
    fields.setdefault("ambition", "Que cualquiera pueda seguir el gasto.")
    commitment = plan_services.save(Commitment(plan=plan, code=code, **fields), actor=None, actor_label="prueba")
    plan_services.save(
        Milestone(commitment=commitment, code="1", description="Portal publicado", expected_output="Portal"),
        actor=None,
        actor_label="prueba",
    )
    CommitmentValue.objects.create(
        commitment=commitment, value="access_to_information", justification="Abre datos de compras."
    )
    return commitment


def make_comment(
    process, commitment: Commitment, author, *, section: str = "problema", body: str = "Falta un plazo.", **extra: Any
) -> ConsultationComment:
    found = sections.get(section)
    fresh = Commitment.objects.prefetch_related("milestones", "values").get(pk=commitment.pk)
    text = found.text(fresh)
    version, _created = SectionVersion.objects.get_or_create(
        commitment=commitment, section=section, digest=sections.digest(text), defaults={"text": text}
    )
    return ConsultationComment.objects.create(
        process=process, commitment=commitment, section=section, version=version, author=author, body=body, **extra
    )


def make_answer(comment: ConsultationComment, author, body: str = "Gracias: lo incorporamos.") -> ConsultationAnswer:
    return ConsultationAnswer.objects.create(comment=comment, author=author, body=body, answered_at=timezone.now())
