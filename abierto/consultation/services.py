"""Every write of the consultation on the draft plan: one function per verb, each taking the acting person
as ``actor=``, checking the permission (``abierto.consultation.rules``) and, for comments, the stage that
must be open; each runs in one transaction, records an audit event, and tells people only after commit.

A comment is attached to the text of its section as it stands when the comment is made: the text is kept
once per (commitment, section, digest) in ``SectionVersion``. If the form says which version the person
read (``version_digest``) and the secretariat changed the section meanwhile, the comment is refused so that
the person can read the new text first.
"""

from typing import Any

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from abierto.audit import services as audit
from abierto.cocreation.models import CoCreationProcess
from abierto.cocreation.services import ActionClosed, _closed_message
from abierto.consultation import sections
from abierto.consultation.models import ConsultationAnswer, ConsultationComment, SectionVersion
from abierto.notifications.services import notify
from abierto.plans.models import Commitment

MAX_LENGTH = 3000


def _clean_text(value: str | None) -> str:
    return (value or "").replace("\x00", "").strip()


def _require(perm: str, actor: Any, obj: Any, message: str) -> None:
    if not rules.has_perm(perm, actor, obj):
        raise PermissionDenied(message)


def _record(actor: Any, instance: Any, action: str, changes: dict[str, Any] | None = None) -> None:
    commitment = instance.comment.commitment if isinstance(instance, ConsultationAnswer) else instance.commitment
    audit.record(
        actor=actor,
        action=action,
        instance=instance,
        changes=changes or {},
        plan_id=commitment.plan_id,
        commitment_id=commitment.pk,
    )


def current_text(commitment: Commitment, section: sections.Section) -> str:
    """The section's text as it stands in the database now."""
    fresh = Commitment.objects.prefetch_related("milestones", "values").get(pk=commitment.pk)
    return section.text(fresh)


def version_for(commitment: Commitment, section: sections.Section, text: str) -> SectionVersion:
    """The stored version of this text of the section, created the first time someone comments on it."""
    version, _created = SectionVersion.objects.get_or_create(
        commitment=commitment, section=section.code, digest=sections.digest(text), defaults={"text": text}
    )
    return version


@transaction.atomic
def add_comment(
    *,
    process: CoCreationProcess,
    commitment: Commitment,
    section: str,
    body: str,
    actor: Any,
    version_digest: str = "",
) -> ConsultationComment:
    """Publish ``actor``'s comment on ``section`` of ``commitment`` while the consultation is open."""
    found = sections.get(section)
    if found is None:
        raise ValidationError({"section": _("Esa sección no existe: elija una de las secciones del compromiso.")})
    if commitment.plan_id != process.plan_id:
        raise ValidationError(_("Ese compromiso no es del borrador de este plan."))
    body = _clean_text(body)
    if not body:
        raise ValidationError({"body": _("Escriba su comentario.")})
    if len(body) > MAX_LENGTH:
        raise ValidationError(
            {"body": _("El comentario es muy largo: hasta %(n)s caracteres, por favor.") % {"n": MAX_LENGTH}}
        )
    if not process.allows("comment_draft"):
        raise ActionClosed(_closed_message(process, "comment_draft", _("comentar el borrador del plan")))
    _require("consultation.comment", actor, process, _("Ingrese para comentar el borrador."))
    text = current_text(commitment, found)
    if version_digest and version_digest != sections.digest(text):
        raise ValidationError(
            _(
                "La secretaría cambió el texto de esta sección mientras usted escribía. Lea el texto nuevo: "
                "su comentario sigue en el formulario para que lo envíe de nuevo."
            )
        )
    comment = ConsultationComment(
        process=process,
        commitment=commitment,
        section=found.code,
        version=version_for(commitment, found, text),
        author=actor,
        body=body,
    )
    comment.full_clean()
    comment.save()
    _record(actor, comment, "create", {"section": [None, found.code], "version": [None, comment.version.digest]})
    return comment


@transaction.atomic
def answer(*, comment: ConsultationComment, body: str, actor: Any) -> ConsultationAnswer:
    """Publish, or edit, the secretariat's answer to ``comment``; its author is told after commit."""
    _require("consultation.answer", actor, comment, _("Solo la secretaría responde los comentarios."))
    body = _clean_text(body)
    if not body:
        raise ValidationError({"body": _("Escriba la respuesta.")})
    if len(body) > MAX_LENGTH * 2:
        raise ValidationError({"body": _("La respuesta es muy larga: hasta %(n)s caracteres.") % {"n": MAX_LENGTH * 2}})
    # Lock the comment so that two members of the secretariat answering at once make two revisions, not a clash.
    ConsultationComment.objects.select_for_update().filter(pk=comment.pk).first()
    row = ConsultationAnswer.objects.filter(comment=comment).first()
    if row is None:
        row = ConsultationAnswer(comment=comment, author=actor, body=body)
        row.full_clean()
        row.save()
        _record(actor, row, "create", {"body": [None, body]})
    else:
        if row.body == body:
            return row
        before = row.body
        row.body, row.author, row.edited_at, row.revision = body, actor, timezone.now(), row.revision + 1
        row.full_clean()
        row.save()
        _record(actor, row, "update", {"body": [before, body], "revision": [row.revision - 1, row.revision]})
    _tell_author(comment, row)
    return row


def _tell_author(comment: ConsultationComment, row: ConsultationAnswer) -> None:
    url = reverse("consultation:commitment", args=[comment.process.slug, comment.commitment.code])
    subject = (
        _("La secretaría respondió su comentario sobre %(code)s")
        if row.revision == 1
        else _("La secretaría editó su respuesta a su comentario sobre %(code)s")
    ) % {"code": comment.commitment.code}
    body = _("Sección «%(section)s». Respuesta: %(answer)s") % {"section": comment.section_label(), "answer": row.body}
    user = comment.author
    transaction.on_commit(
        lambda: notify(
            user=user,
            kind="consultation_answer",
            subject=subject,
            body=body,
            url=f"{url}#{comment.anchor}",
            dedupe_key=f"consultation:answer:{comment.pk}:{row.revision}",
        )
    )


@transaction.atomic
def hide(*, comment: ConsultationComment, reason: str, actor: Any) -> ConsultationComment:
    """Hide a comment with a public reason. Nothing is deleted; the report still counts it, as hidden."""
    _require("consultation.moderate", actor, comment, _("Solo la secretaría modera."))
    reason = _clean_text(reason)
    if not reason:
        raise ValidationError({"reason": _("Indique el motivo público por el que se oculta.")})
    if comment.is_hidden:
        raise ValidationError(_("Este comentario ya está oculto."))
    before = audit.snapshot(comment)
    comment.hidden_at = timezone.now()
    comment.hidden_reason = reason[:300]
    comment.save(update_fields=["hidden_at", "hidden_reason"])
    _record(actor, comment, "update", audit.diff(before, audit.snapshot(comment)) | {"hidden_at": [None, "oculto"]})
    return comment


@transaction.atomic
def unhide(*, comment: ConsultationComment, actor: Any) -> ConsultationComment:
    _require("consultation.moderate", actor, comment, _("Solo la secretaría modera."))
    before = audit.snapshot(comment)
    comment.hidden_at = None
    comment.hidden_reason = ""
    comment.save(update_fields=["hidden_at", "hidden_reason"])
    _record(actor, comment, "update", audit.diff(before, audit.snapshot(comment)) | {"hidden_at": ["oculto", None]})
    return comment
