"""Every write of the co-creation app: one function per verb, each taking the acting person as
``actor=``, checking the permission (``abierto.cocreation.rules``) and the stage that must be open,
running in one transaction and recording an audit event.

Supports are exact under concurrency: the person's ``Participation`` row for the process is counted and
locked first (one conditional upsert, see ``_take_support``), then the support row is inserted or deleted
and the proposal's counter moved with ``F()``, in the same transaction. The unique constraint on
(proposal, person) is the last guard against a double support.
"""

from collections.abc import Iterable
from typing import Any

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _

from abierto.audit import services as audit
from abierto.cocreation import similarity, stage_templates, territory
from abierto.cocreation.models import (
    CoCreationProcess,
    CoCreationTable,
    Comment,
    Flag,
    Participation,
    Proposal,
    ProposalFile,
    ProposalLink,
    Stage,
    Support,
    TableParticipation,
    TableProposal,
    TableSector,
    Theme,
    Workshop,
)
from abierto.cocreation.text import terms_of
from abierto.core import pagecache
from abierto.notifications.services import notify
from abierto.plans import services as plan_services
from abierto.plans.models import Commitment


class ActionClosed(PermissionDenied):
    """The action is not open now (no stage of the process switches it on)."""


PROPOSAL_FIELDS = (
    "author_kind",
    "organisation_name",
    "title",
    "problem",
    "gap",
    "what",
    "implies",
    "expected_results",
    "actors",
    "components",
    "region",
    "commune",
    "lead_institution",
    "branch",
)


def _record(actor: Any, instance: Any, action: str, changes: dict[str, Any] | None = None) -> None:
    plan_id = None
    process = getattr(instance, "process", None) or (instance if isinstance(instance, CoCreationProcess) else None)
    if process is not None:
        plan_id = process.plan_id
    audit.record(actor=actor, action=action, instance=instance, changes=changes or {}, plan_id=plan_id)


def _closed_message(process: CoCreationProcess, action: str, what: str) -> str:
    stage = process.stage_for(action)
    if stage is not None and stage.starts_on:
        when = stage.starts_on.strftime("%d-%m-%Y")
        until = stage.ends_on.strftime("%d-%m-%Y") if stage.ends_on else ""
        return _("No se puede %(what)s ahora: se puede durante la etapa «%(stage)s» (%(start)s a %(end)s).") % {
            "what": what,
            "stage": stage.name,
            "start": when,
            "end": until,
        }
    return _("No se puede %(what)s ahora: ninguna etapa abierta de este proceso lo permite.") % {"what": what}


def _require_open(process: CoCreationProcess, action: str, what: str) -> None:
    if not process.allows(action):
        raise ActionClosed(_closed_message(process, action, what))


def _require(perm: str, actor: Any, obj: Any, message: str) -> None:
    if not rules.has_perm(perm, actor, obj):
        raise PermissionDenied(message)


# --------------------------------------------------------------------------- processes and stages


@transaction.atomic
def create_process(
    *, plan, actor: Any, template: str, slug: str = "", title: str = "", support_limit: int = 7, **extra: Any
) -> CoCreationProcess:
    """A process for ``plan`` with the stages of ``template`` ("fifth" or "sixth"), undated."""
    process = CoCreationProcess(
        plan=plan,
        slug=slug or plan.slug,
        title=title or _("Cocreación del %(plan)s") % {"plan": plan.title},
        template=template,
        support_limit=support_limit,
        **extra,
    )
    plan_services.save(process, actor=actor)
    for position, data in enumerate(stage_templates.TEMPLATES[template], start=1):
        plan_services.save(Stage(process=process, position=position, **data), actor=actor)
    return process


def set_stage_dates(*, stage: Stage, starts_on, ends_on, actor: Any, dates_text: str | None = None) -> Stage:
    stage.starts_on, stage.ends_on = starts_on, ends_on
    if dates_text is not None:
        stage.dates_text = dates_text
    return plan_services.save(stage, actor=actor)


# --------------------------------------------------------------------------- proposals


# Written only with F() next to the rows they count: a save of a stale instance must never overwrite them.
COUNTERS = {"support_count"}


def _save_proposal_row(proposal: Proposal) -> None:
    if proposal._state.adding:
        proposal.save()
        return
    fields = [f.name for f in Proposal._meta.concrete_fields if not f.primary_key and f.name not in COUNTERS]
    proposal.save(update_fields=[name for name in fields if name != "created_at"])


def _clean_text(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("\x00", "").strip()
    return value


@transaction.atomic
def save_proposal(
    *,
    process: CoCreationProcess,
    actor: Any,
    data: dict[str, Any],
    themes: Iterable[Theme] = (),
    links: Iterable[tuple[str, str]] = (),
    files: Iterable[Any] = (),
    remove_files: Iterable[int] = (),
    publish: bool = False,
    proposal: Proposal | None = None,
    kind: str = Proposal.Kind.PROPOSAL,
) -> Proposal:
    """Create or update a proposal (a draft, or published when ``publish``) with its themes and links."""
    if proposal is None:
        perm = "cocreation.submit_initiative" if kind == Proposal.Kind.INITIATIVE else "cocreation.submit_proposal"
        _require_open(process, "submit", _("presentar propuestas"))
        _require(perm, actor, process, _("No tiene permiso para presentar en este proceso."))
        proposal = Proposal(process=process, author=actor, kind=kind)
        before: dict[str, Any] = {}
    else:
        if not rules.has_perm("cocreation.change_proposal", actor, proposal):
            raise PermissionDenied(_("Esta propuesta ya no se puede editar: el plazo para editarla terminó."))
        before = audit.snapshot(proposal)
    for name in PROPOSAL_FIELDS:
        if name in data:
            setattr(proposal, name, _clean_text(data[name]))
    if proposal.author_kind == Proposal.Author.PERSON:
        proposal.organisation_name = ""
    if publish and proposal.status == Proposal.Status.DRAFT:
        _require_open(process, "submit", _("publicar propuestas"))
        proposal.status = Proposal.Status.PUBLISHED
        proposal.submitted_at = timezone.now()
    proposal.terms = terms_of(proposal.similarity_text())
    proposal.full_clean()
    _save_proposal_row(proposal)
    similarity.index_proposal(proposal)
    proposal.themes.set(list(themes))
    proposal.links.all().delete()
    ProposalLink.objects.bulk_create(
        [ProposalLink(proposal=proposal, url=url, label=_clean_text(label)) for url, label in links if url]
    )
    proposal.files.filter(pk__in=list(remove_files)).delete()
    for upload in files:
        attachment = ProposalFile(proposal=proposal, file=upload, name=upload.name[:200], size=upload.size)
        attachment.full_clean()  # size and type read from the content
        attachment.save()
    changes = audit.diff(before, audit.snapshot(proposal))
    _record(actor, proposal, "create" if not before else "update", changes)
    return proposal


# --------------------------------------------------------------------------- supports


def _take_support(process: CoCreationProcess, user: Any) -> bool:
    """Count one more support on the person's participation row if the limit allows it; False otherwise.

    One statement, the same on PostgreSQL and SQLite: it creates the row on a first support, or increments it
    while it is under the limit, and locks it until the transaction ends, so concurrent supports of the same
    person queue here and each sees the count the one before left."""
    if process.support_limit < 1:
        return False
    table = connection.ops.quote_name(Participation._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (process_id, user_id, supports_used) VALUES (%s, %s, 1) "
            f"ON CONFLICT (process_id, user_id) DO UPDATE SET supports_used = {table}.supports_used + 1 "
            f"WHERE {table}.supports_used < %s RETURNING supports_used",
            [process.pk, user.pk, process.support_limit],
        )
        return cursor.fetchone() is not None


@transaction.atomic
def support(*, proposal: Proposal, actor: Any) -> Support:
    """Support ``proposal``: at most once per person and ``support_limit`` per process, exact under concurrency.

    Four statements: the person's counter (an upsert that creates or increments it under the limit and locks
    their participation row), the support row (``ON CONFLICT DO NOTHING`` on the unique constraint), the proposal's
    counter, and the audit event. A refusal rolls the transaction back, counter included."""
    process = proposal.process
    _require_open(process, "support", _("apoyar propuestas"))
    _require("cocreation.support_proposal", actor, proposal, _("Esta propuesta no recibe apoyos."))
    if not _take_support(process, actor):
        if Support.objects.filter(proposal=proposal, user=actor).exists():
            raise ValidationError(_("Ya apoya esta propuesta."))
        raise ValidationError(
            _("Ya usó sus %(n)s apoyos en este proceso. Puede retirar uno para apoyar otra propuesta.")
            % {"n": process.support_limit}
        )
    row = Support(proposal=proposal, user=actor, created_at=timezone.now())
    table = connection.ops.quote_name(Support._meta.db_table)
    created_at = Support._meta.get_field("created_at").get_db_prep_value(row.created_at, connection)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (proposal_id, user_id, created_at) VALUES (%s, %s, %s) "
            "ON CONFLICT (proposal_id, user_id) DO NOTHING RETURNING id",
            [proposal.pk, actor.pk, created_at],
        )
        inserted = cursor.fetchone()
        if inserted is None:
            transaction.set_rollback(True)  # the counter moved above goes back
            raise ValidationError(_("Ya apoya esta propuesta."))
        row.pk = inserted[0]
        row._state.adding = False
        proposals = connection.ops.quote_name(Proposal._meta.db_table)
        cursor.execute(f"UPDATE {proposals} SET support_count = support_count + 1 WHERE id = %s", [proposal.pk])
    _record(actor, row, "create", {"proposal": [None, proposal.pk]})
    # The row was written without a model save: say it changed. In this transaction, as its last statement (the
    # version becomes visible with the rows, never before; one commit instead of two).
    pagecache.bump("participation")
    return row


@transaction.atomic
def withdraw_support(*, proposal: Proposal, actor: Any) -> None:
    """Withdraw the person's support; the same lock order as ``support`` (participation, support, proposal)."""
    process = proposal.process
    _require_open(process, "support", _("retirar apoyos"))
    Participation.objects.filter(process=process, user=actor, supports_used__gt=0).update(
        supports_used=F("supports_used") - 1
    )
    row = Support.objects.filter(proposal=proposal, user=actor).first()
    if row is None:
        transaction.set_rollback(True)
        raise ValidationError(_("No apoya esta propuesta."))
    _record(actor, row, "delete", {"proposal": [proposal.pk, None]})
    row.delete()
    Proposal.objects.filter(pk=proposal.pk).update(support_count=F("support_count") - 1)


def recount(proposal_ids: Iterable[int], process: CoCreationProcess, user_ids: Iterable[int] = ()) -> None:
    """Set counters from the rows (after a merge): the proposals' supports, the people's used supports."""
    for pk in set(proposal_ids):
        Proposal.objects.filter(pk=pk).update(support_count=Support.objects.filter(proposal_id=pk).count())
    for user_id in set(user_ids):
        used = Support.objects.filter(user_id=user_id, proposal__process=process).count()
        Participation.objects.filter(process=process, user_id=user_id).update(supports_used=used)


# --------------------------------------------------------------------------- comments


@transaction.atomic
def add_comment(
    *,
    actor: Any,
    text: str,
    proposal: Proposal | None = None,
    commitment: Commitment | None = None,
    parent: Comment | None = None,
) -> Comment:
    text = _clean_text(text or "")
    if not text:
        raise ValidationError({"text": _("Escriba su comentario.")})
    if proposal is not None:
        _require_open(proposal.process, "comment", _("comentar propuestas"))
        _require("cocreation.comment_proposal", actor, proposal, _("No puede comentar esta propuesta."))
    else:
        _require("cocreation.comment_commitment", actor, commitment, _("Ingrese para comentar."))
    depth = 1
    if parent is not None:
        if parent.proposal_id != (proposal.pk if proposal else None) or parent.commitment_id != (
            commitment.pk if commitment else None
        ):
            raise ValidationError(_("La respuesta debe ir en la misma conversación."))
        if parent.depth >= Comment.MAX_DEPTH:
            raise ValidationError(_("Las respuestas llegan hasta el tercer nivel: responda al comentario anterior."))
        depth = parent.depth + 1
    if (proposal is None) == (commitment is None):
        raise ValueError("A comment is on a proposal or on a commitment.")
    comment = Comment(proposal=proposal, commitment=commitment, parent=parent, depth=depth, author=actor, text=text)
    # The fields are checked (the text's length); the related rows are the instances read for this request and the
    # table's constraints (one target, depth 1 to 3, a reason when hidden) hold by construction above, so neither
    # is queried again: eleven statements less on every comment of a busy consultation. The database still
    # enforces the constraints.
    comment.full_clean(exclude=["proposal", "commitment", "parent", "author"], validate_constraints=False)
    comment.save()
    audit.record(actor=actor, action="create", instance=comment, commitment_id=commitment.pk if commitment else None)
    return comment


# --------------------------------------------------------------------------- moderation


@transaction.atomic
def flag(*, actor: Any, reason: str, proposal: Proposal | None = None, comment: Comment | None = None) -> Flag:
    _require("cocreation.flag", actor, None, _("Ingrese para reportar contenido."))
    reason = _clean_text(reason or "")
    if not reason:
        raise ValidationError({"reason": _("Cuéntenos por qué lo reporta.")})
    row = Flag(reporter=actor, proposal=proposal, comment=comment, reason=reason)
    row.full_clean()
    row.save()
    audit.record(actor=actor, action="create", instance=row)
    return row


@transaction.atomic
def hide(*, actor: Any, reason: str, proposal: Proposal | None = None, comment: Comment | None = None) -> None:
    """Hide a proposal or a comment with a public reason. Nothing is deleted."""
    _require("cocreation.moderate", actor, None, _("Solo la secretaría modera."))
    reason = _clean_text(reason or "")
    if not reason:
        raise ValidationError({"reason": _("Indique el motivo público por el que se oculta.")})
    target = proposal or comment
    before = audit.snapshot(target)
    target.hidden_at = timezone.now()
    target.hidden_reason = reason[:300]
    target.save(update_fields=["hidden_at", "hidden_reason"])
    Flag.objects.filter(proposal=proposal, comment=comment, resolved_at__isnull=True).update(resolved_at=timezone.now())
    audit.record(actor=actor, action="update", instance=target, changes=audit.diff(before, audit.snapshot(target)))


@transaction.atomic
def unhide(*, actor: Any, proposal: Proposal | None = None, comment: Comment | None = None) -> None:
    _require("cocreation.moderate", actor, None, _("Solo la secretaría modera."))
    target = proposal or comment
    before = audit.snapshot(target)
    target.hidden_at = None
    target.hidden_reason = ""
    target.save(update_fields=["hidden_at", "hidden_reason"])
    audit.record(actor=actor, action="update", instance=target, changes=audit.diff(before, audit.snapshot(target)))


@transaction.atomic
def dismiss_flags(*, actor: Any, proposal: Proposal | None = None, comment: Comment | None = None) -> int:
    _require("cocreation.moderate", actor, None, _("Solo la secretaría modera."))
    return Flag.objects.filter(proposal=proposal, comment=comment, resolved_at__isnull=True).update(
        resolved_at=timezone.now()
    )


# --------------------------------------------------------------------------- reasoned response


def _tell_author(proposal: Proposal, subject: str, body: str) -> None:
    notify(
        user=proposal.author,
        kind="proposal_response",
        subject=subject,
        body=body,
        url=proposal.get_absolute_url(),
        dedupe_key=f"cocreation:response:{proposal.pk}:{proposal.response_kind}:{proposal.responded_at.isoformat()}",
    )


@transaction.atomic
def respond(
    *,
    proposal: Proposal,
    actor: Any,
    kind: str,
    text: str = "",
    commitment: Commitment | None = None,
    merged_into: Proposal | None = None,
) -> Proposal:
    """Record the public reasoned response: adopted into ``commitment``, merged, or not adopted (why)."""
    _require("cocreation.respond", actor, proposal, _("Solo la secretaría responde las propuestas."))
    if proposal.status != Proposal.Status.PUBLISHED:
        raise ValidationError(_("Solo se responden propuestas publicadas."))
    if kind == Proposal.Response.ADOPTED and commitment is not None and commitment.plan_id != proposal.process.plan_id:
        raise ValidationError({"response_commitment": _("El compromiso debe ser del plan de este proceso.")})
    if (
        kind == Proposal.Response.MERGED
        and merged_into is not None
        and (merged_into.pk == proposal.pk or merged_into.process_id != proposal.process_id)
    ):
        raise ValidationError({"merged_into": _("Elija otra propuesta del mismo proceso.")})
    before = audit.snapshot(proposal)
    proposal.response_kind = kind
    proposal.response_text = _clean_text(text or "")
    proposal.response_commitment = commitment if kind == Proposal.Response.ADOPTED else None
    proposal.merged_into = merged_into if kind == Proposal.Response.MERGED else None
    proposal.responded_at = timezone.now()
    proposal.full_clean()
    _save_proposal_row(proposal)
    _record(actor, proposal, "update", audit.diff(before, audit.snapshot(proposal)))
    _tell_author(
        proposal,
        _("Respuesta a su propuesta «%(title)s»") % {"title": proposal.title},
        _("La secretaría respondió su propuesta: %(response)s.") % {"response": proposal.get_response_kind_display()},
    )
    return proposal


@transaction.atomic
def merge(*, source: Proposal, target: Proposal, actor: Any, text: str = "") -> Proposal:
    """Merge ``source`` into ``target``: every supporter of either supports ``target`` once, the
    source's response becomes "merged into target", and both authors are told."""
    _require("cocreation.merge", actor, source, _("Solo la secretaría fusiona propuestas."))
    if source.pk == target.pk or source.process_id != target.process_id:
        raise ValidationError(_("Elija otra propuesta del mismo proceso."))
    if target.merged_into_id:
        raise ValidationError(_("Esa propuesta ya fue fusionada con otra; elija la propuesta final."))
    process = source.process
    # Lock both proposals (in a fixed order) so no support lands on them while they merge.
    list(Proposal.objects.select_for_update().filter(pk__in=[source.pk, target.pk]).order_by("pk"))
    user_ids = list(Support.objects.filter(proposal=source).values_list("user_id", flat=True))
    both = set(Support.objects.filter(proposal=target, user_id__in=user_ids).values_list("user_id", flat=True))
    Support.objects.filter(proposal=source, user_id__in=both).delete()
    Support.objects.filter(proposal=source).update(proposal=target)
    recount([source.pk, target.pk], process, user_ids)
    source.refresh_from_db()
    respond(
        proposal=source,
        actor=actor,
        kind=Proposal.Response.MERGED,
        merged_into=target,
        text=text or _("Fusionada con «%(title)s», que trata el mismo problema.") % {"title": target.title},
    )
    target.refresh_from_db()
    _record(actor, target, "update", {"merged_from": [None, source.pk], "support_count": [None, target.support_count]})
    notify(
        user=target.author,
        kind="proposal_merged",
        subject=_("Su propuesta «%(title)s» recibió otra propuesta") % {"title": target.title},
        body=_("La secretaría fusionó «%(source)s» con su propuesta; sus apoyos se suman sin contar dos veces a nadie.")
        % {"source": source.title},
        url=target.get_absolute_url(),
        dedupe_key=f"cocreation:merged:{source.pk}:{target.pk}",
    )
    return target


def supporters_count_by_proposal(process: CoCreationProcess) -> dict[int, int]:
    """{proposal id: support rows} (for checks: must equal the stored counters)."""
    return dict(
        Support.objects.filter(proposal__process=process)
        .values("proposal_id")
        .annotate(n=Count("id"))
        .values_list("proposal_id", "n")
    )


# --------------------------------------------------------------------------- co-creation tables and workshops

TABLE_FIELDS = (
    "theme",
    "title",
    "held_on",
    "starts_at",
    "ends_at",
    "place",
    "online_url",
    "region",
    "commune",
    "facilitator",
    "summary",
    "draft_title",
    "draft_problem",
    "draft_objective",
    "draft_description",
    "draft_milestones",
    "commitment",
)
WORKSHOP_FIELDS = (
    "held_on",
    "title",
    "place",
    "region",
    "commune",
    "target_group",
    "organiser",
    "attendance",
    "materials_url",
)


def _territory_errors(region: str, commune: str) -> dict[str, str]:
    if commune and region and commune not in territory.COMMUNES_BY_REGION.get(region, ()):
        return {
            "commune": _("%(commune)s no está en la región %(region)s.")
            % {"commune": commune, "region": territory.region_name(region)}
        }
    if commune and commune not in territory.ALL_COMMUNES:
        return {"commune": _("No conocemos la comuna %(commune)s.") % {"commune": commune}}
    return {}


def _table_snapshot(table: CoCreationTable) -> dict[str, Any]:
    """The table's fields plus its participants by sector and the proposals it discussed (for the audit diff)."""
    data = audit.snapshot(table)
    for name in ("starts_at", "ends_at"):  # times are not plain JSON for the audit trail
        data[name] = data[name].strftime("%H:%M") if data[name] is not None else None
    if table.pk is not None:
        data["participation"] = {row.sector: row.count for row in table.participation.order_by("sector")}
        data["proposals"] = {str(row.proposal_id): row.note for row in table.discussed.order_by("proposal_id")}
    return data


@transaction.atomic
def save_table(
    *,
    process: CoCreationProcess,
    actor: Any,
    data: dict[str, Any],
    participation: dict[str, int | None] | None = None,
    discussed: dict[int, str] | None = None,
    table: CoCreationTable | None = None,
) -> CoCreationTable:
    """Create or update a co-creation table, its participants by sector ({sector: count}; a sector left out or
    None was not counted) and the proposals it discussed ({proposal id: note}). ``None`` keeps what is stored.

    Edits after publication are allowed and recorded like any other: the audit event keeps the old and the
    new value of every field, sector and proposal that changed."""
    _require("cocreation.manage_tables", actor, process, _("Solo la secretaría registra las mesas de cocreación."))
    if table is None:
        table = CoCreationTable(process=process)
        before: dict[str, Any] = {}
    else:
        if table.process_id != process.pk:
            raise ValidationError(_("Esa mesa es de otro proceso."))
        before = _table_snapshot(table)
    for name in TABLE_FIELDS:
        if name in data:
            setattr(table, name, _clean_text(data[name]))
    errors: dict[str, Any] = _territory_errors(table.region, table.commune)
    if table.theme is not None and table.theme.process_id != process.pk:
        errors["theme"] = _("Elija un tema de este proceso.")
    if table.commitment is not None and table.commitment.plan_id != process.plan_id:
        errors["commitment"] = _("El compromiso debe ser del plan de este proceso.")
    counts: dict[str, int] = {}
    for sector, count in (participation or {}).items():
        if sector not in TableSector.values:
            errors["participation"] = _("Sector desconocido: %(sector)s.") % {"sector": sector}
        elif count is not None:
            if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                errors[f"sector_{sector}"] = _("Indique un número entero de personas, cero o más.")
            else:
                counts[sector] = count
    if discussed:
        found = set(process.proposals.published().filter(pk__in=list(discussed)).values_list("pk", flat=True))
        if found != set(discussed):
            errors["proposals"] = _("Solo se pueden vincular propuestas publicadas de este proceso.")
    if errors:
        raise ValidationError(errors)
    table.full_clean()
    table.save()
    if participation is not None:
        table.participation.all().delete()
        TableParticipation.objects.bulk_create(
            [TableParticipation(table=table, sector=sector, count=count) for sector, count in counts.items()]
        )
    if discussed is not None:
        table.discussed.all().delete()
        TableProposal.objects.bulk_create(
            [
                TableProposal(table=table, proposal_id=pk, note=_clean_text(note or "")[:500])
                for pk, note in discussed.items()
            ]
        )
    after = _table_snapshot(table)
    if before:
        changes = audit.diff(before, after)
        if changes:
            _record(actor, table, "update", changes)
    else:
        _record(actor, table, "create", {k: [None, v] for k, v in after.items() if v not in (None, "", {}, [])})
    return table


def _tell_discussed(table_pk: int) -> None:
    """Tell the authors of the proposals a table discussed that its results are public."""
    table = CoCreationTable.objects.select_related("process").get(pk=table_pk)
    rows = TableProposal.objects.filter(table=table).select_related("proposal__author")
    for row in rows:
        proposal = row.proposal
        proposal.process = table.process
        notify(
            user=proposal.author,
            kind="proposal_discussed",
            subject=_("Su propuesta «%(title)s» se discutió en una mesa de cocreación") % {"title": proposal.title},
            body=_("La mesa «%(table)s» del %(date)s publicó sus resultados.")
            % {"table": table.title, "date": table.held_on.strftime("%d-%m-%Y")},
            url=table.get_absolute_url(),
            dedupe_key=f"cocreation:discussed:{table.pk}:{proposal.pk}",
        )


@transaction.atomic
def publish_table(*, table: CoCreationTable, actor: Any) -> CoCreationTable:
    """Publish the table's results; the authors of the proposals it discussed are told after the commit."""
    _require("cocreation.manage_tables", actor, table, _("Solo la secretaría publica las mesas de cocreación."))
    if table.is_published:
        raise ValidationError(_("Esta mesa ya está publicada."))
    before = _table_snapshot(table)
    table.status = CoCreationTable.Status.PUBLISHED
    table.published_at = timezone.now()
    table.full_clean()
    table.save(update_fields=["status", "published_at", "updated_at"])
    _record(actor, table, "update", audit.diff(before, _table_snapshot(table)))
    table_pk = table.pk
    transaction.on_commit(lambda: _tell_discussed(table_pk))
    return table


@transaction.atomic
def save_workshop(
    *, process: CoCreationProcess, actor: Any, data: dict[str, Any], workshop: Workshop | None = None
) -> Workshop:
    """Create or update a workshop of the process (attendance left empty means unknown, never zero)."""
    _require("cocreation.manage_workshops", actor, process, _("Solo la secretaría registra los talleres."))
    if workshop is None:
        last = process.workshops.order_by("-position").values_list("position", flat=True).first() or 0
        workshop = Workshop(process=process, position=last + 1)
        before: dict[str, Any] = {}
    else:
        if workshop.process_id != process.pk:
            raise ValidationError(_("Ese taller es de otro proceso."))
        before = audit.snapshot(workshop)
    for name in WORKSHOP_FIELDS:
        if name in data:
            setattr(workshop, name, _clean_text(data[name]))
    errors = _territory_errors(workshop.region, workshop.commune)
    if errors:
        raise ValidationError(errors)
    workshop.full_clean()
    workshop.save()
    after = audit.snapshot(workshop)
    if before:
        changes = audit.diff(before, after)
        if changes:
            _record(actor, workshop, "update", changes)
    else:
        _record(actor, workshop, "create", {k: [None, v] for k, v in after.items() if v not in (None, "")})
    return workshop
