"""The public consultation on the draft plan: comments on each section of a draft commitment, the
secretariat's answers, and the versions of the sections' text the comments were made about.

Nothing here is deleted: moderation hides a comment with a public reason, an edited answer keeps its
earlier text in the audit events, and a comment keeps the text of the section it commented on
(``SectionVersion``) even when the secretariat later edits the commitment.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from abierto.consultation import sections


class SectionVersion(models.Model):
    """The text of one section of one commitment as it was when someone commented on it."""

    commitment = models.ForeignKey(
        "plans.Commitment",
        verbose_name=_("compromiso"),
        on_delete=models.CASCADE,
        related_name="consultation_versions",
    )
    section = models.CharField(_("sección"), max_length=20, choices=sections.CHOICES)
    digest = models.CharField(_("huella del texto (SHA-256)"), max_length=64)
    text = models.TextField(_("texto de la sección"), blank=True)
    created_at = models.DateTimeField(_("fecha"), default=timezone.now)

    class Meta:
        verbose_name = _("versión de una sección")
        verbose_name_plural = _("versiones de secciones")
        ordering = ["commitment", "section", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["commitment", "section", "digest"], name="consultation_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.commitment_id} · {self.section} · {self.digest[:8]}"


class ConsultationCommentQuerySet(models.QuerySet):
    def visible(self) -> "ConsultationCommentQuerySet":
        return self.filter(hidden_at__isnull=True)

    def unanswered(self) -> "ConsultationCommentQuerySet":
        """Visible comments still waiting for the secretariat's answer."""
        return self.visible().filter(answer__isnull=True)


class ConsultationComment(models.Model):
    """A person's comment on one section of a draft commitment, during the consultation stage."""

    process = models.ForeignKey(
        "cocreation.CoCreationProcess",
        verbose_name=_("proceso"),
        on_delete=models.CASCADE,
        related_name="consultation_comments",
    )
    commitment = models.ForeignKey(
        "plans.Commitment",
        verbose_name=_("compromiso"),
        on_delete=models.PROTECT,
        related_name="consultation_comments",
    )
    section = models.CharField(_("sección"), max_length=20, choices=sections.CHOICES)
    version = models.ForeignKey(
        SectionVersion,
        verbose_name=_("texto comentado"),
        on_delete=models.PROTECT,
        related_name="comments",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("autora"),
        on_delete=models.PROTECT,
        related_name="consultation_comments",
    )
    body = models.TextField(_("comentario"))
    created_at = models.DateTimeField(_("fecha"), default=timezone.now)
    hidden_at = models.DateTimeField(_("ocultado el"), null=True, blank=True, editable=False)
    hidden_reason = models.CharField(_("motivo público de la moderación"), max_length=300, blank=True)

    objects = ConsultationCommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comentario de la consulta del borrador")
        verbose_name_plural = _("comentarios de la consulta del borrador")
        ordering = ["created_at", "id"]
        indexes = [
            # The commitment's page reads its comments section by section, in order.
            models.Index(fields=["commitment", "section", "created_at"], name="consult_comment_by_section"),
            # The report and the secretariat's queue read a process's comments in order.
            models.Index(fields=["process", "created_at"], name="consult_comment_by_process"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(hidden_at__isnull=True) | ~Q(hidden_reason=""),
                name="consult_comment_hidden_has_reason",
                violation_error_message=_("Indique el motivo público por el que se oculta."),
            ),
        ]

    def __str__(self) -> str:
        return self.body[:60]

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def anchor(self) -> str:
        return f"comentario-{self.pk}"

    @property
    def answer_or_none(self) -> "ConsultationAnswer | None":
        try:
            return self.answer
        except ConsultationAnswer.DoesNotExist:
            return None

    def section_label(self) -> str:
        return sections.label(self.section)

    def author_name(self) -> str:
        full = self.author.get_full_name() if self.author_id else ""
        return full or str(_("Participante"))


class ConsultationAnswer(models.Model):
    """The secretariat's public answer to a comment. Editable: each edit raises ``revision`` and keeps the
    earlier text in an audit event."""

    comment = models.OneToOneField(
        ConsultationComment, verbose_name=_("comentario"), on_delete=models.CASCADE, related_name="answer"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("respondida por"),
        on_delete=models.PROTECT,
        related_name="consultation_answers",
    )
    body = models.TextField(_("respuesta"))
    answered_at = models.DateTimeField(_("respondida el"), default=timezone.now)
    edited_at = models.DateTimeField(_("editada el"), null=True, blank=True)
    revision = models.PositiveSmallIntegerField(_("versión"), default=1)

    class Meta:
        verbose_name = _("respuesta de la secretaría")
        verbose_name_plural = _("respuestas de la secretaría")
        ordering = ["answered_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(body=""), name="consult_answer_not_empty"),
        ]

    def __str__(self) -> str:
        return self.body[:60]
