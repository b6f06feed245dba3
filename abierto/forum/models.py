"""The multi-stakeholder forum (la Mesa): its protocol, seats and who held them, sessions with their
agenda and attendance, motions and named votes, minutes (actas) and agreements.

The protocol's quorum and majority rules are data (``Forum`` fields) that ``abierto.forum.protocol``
applies. Writes go through ``abierto.forum.services``; approved minutes are frozen there (a correction
is a new version).
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Right(models.TextChoices):
    VOICE_VOTE = "voice_vote", _("Voz y voto")
    VOICE_ONLY = "voice_only", _("Solo voz")
    OBSERVER = "observer", _("Observador")


class QuorumRule(models.TextChoices):
    MAJORITY = "majority", _("Mayoría absoluta de los asientos con voto")
    TWO_THIRDS = "two_thirds", _("Dos tercios de los asientos con voto")
    FIXED = "fixed", _("Un número fijo de asientos con voto")
    NONE = "none", _("Sin quórum mínimo")


class Majority(models.TextChoices):
    SIMPLE = "simple", _("Mayoría simple (más votos a favor que en contra)")
    ABSOLUTE = "absolute", _("Mayoría absoluta (más de la mitad de la base)")
    TWO_THIRDS = "two_thirds", _("Dos tercios de la base")


class MajorityBase(models.TextChoices):
    PRESENT = "present", _("Asientos con voto presentes")
    ALL = "all", _("Todos los asientos con voto")


class ForumQuerySet(models.QuerySet):
    def current(self) -> "Forum | None":
        return self.filter(is_current=True).first()


class Forum(models.Model):
    name = models.CharField(_("nombre"), max_length=200)
    slug = models.SlugField(_("identificador"), max_length=80, unique=True)
    government = models.ForeignKey(
        "institutions.Government", verbose_name=_("gobierno"), null=True, blank=True, on_delete=models.PROTECT
    )
    legal_basis = models.CharField(_("base legal"), max_length=300, blank=True)
    established_on = models.DateField(_("creada el"), null=True, blank=True)
    ended_on = models.DateField(_("vigente hasta"), null=True, blank=True)
    is_current = models.BooleanField(_("es la Mesa vigente"), default=False)
    description = models.TextField(_("descripción"), blank=True)
    protocol_text = models.TextField(
        _("protocolo de funcionamiento"),
        blank=True,
        help_text=_("Funciones, deberes de los integrantes, atribuciones de la presidencia, sesiones y votaciones."),
    )
    protocol_url = models.URLField(_("enlace al protocolo"), max_length=500, blank=True)
    quorum_rule = models.CharField(_("regla de quórum"), max_length=12, choices=QuorumRule.choices, blank=True)
    quorum_fixed = models.PositiveSmallIntegerField(_("quórum fijo (asientos)"), null=True, blank=True)
    default_majority = models.CharField(_("mayoría ordinaria"), max_length=12, choices=Majority.choices, blank=True)
    majority_base = models.CharField(_("base de la mayoría"), max_length=10, choices=MajorityBase.choices, blank=True)
    ordinary_every_months = models.PositiveSmallIntegerField(
        _("sesiones ordinarias cada (meses)"), null=True, blank=True
    )
    asap_horizon_days = models.PositiveSmallIntegerField(
        _("plazo de «a la brevedad» (días)"),
        null=True,
        blank=True,
        help_text=_("Plazo que el protocolo da a un acuerdo sin fecha, contado desde la sesión."),
    )
    source = models.CharField(_("fuente"), max_length=300, blank=True)

    objects = ForumQuerySet.as_manager()

    class Meta:
        verbose_name = _("mesa")
        verbose_name_plural = _("mesas")
        ordering = ["-is_current", "-established_on", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=Q(is_current=True),
                name="forum_one_current",
                violation_error_message=_("Solo una Mesa puede estar vigente."),
            ),
            models.CheckConstraint(
                condition=~Q(quorum_rule="fixed") | Q(quorum_fixed__gte=1),
                name="forum_fixed_quorum_has_number",
                violation_error_message=_("Un quórum fijo necesita el número de asientos."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def voting_rules_set(self) -> bool:
        return bool(self.quorum_rule and self.default_majority and self.majority_base)


class Sector(models.TextChoices):
    EXECUTIVE = "executive", _("Poder Ejecutivo")
    LEGISLATIVE = "legislative", _("Poder Legislativo")
    JUDICIAL = "judicial", _("Poder Judicial")
    AUTONOMOUS = "autonomous", _("Órgano autónomo")
    CIVIL_SOCIETY = "civil_society", _("Sociedad civil")
    ACADEMIA = "academia", _("Academia")
    INTERNATIONAL = "international", _("Organismo internacional")


class Seat(models.Model):
    forum = models.ForeignKey(Forum, verbose_name=_("mesa"), on_delete=models.CASCADE, related_name="seats")
    name = models.CharField(_("asiento"), max_length=200)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    right = models.CharField(_("derecho"), max_length=12, choices=Right.choices)
    institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("institución representada"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="forum_seats",
    )
    is_chair = models.BooleanField(_("preside la Mesa"), default=False)
    order = models.PositiveSmallIntegerField(_("orden"), default=0)
    note = models.CharField(_("nota"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("asiento")
        verbose_name_plural = _("asientos")
        ordering = ["forum", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["forum", "name"],
                name="seat_unique_name",
                violation_error_message=_("La Mesa ya tiene un asiento con ese nombre."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def can_vote(self) -> bool:
        return self.right == Right.VOICE_VOTE


class SeatTermQuerySet(models.QuerySet):
    def on(self, day: datetime.date) -> "SeatTermQuerySet":
        """Terms in force on ``day`` (an unknown start counts as "since before")."""
        return self.filter(Q(start__isnull=True) | Q(start__lte=day), Q(end__isnull=True) | Q(end__gte=day))


class SeatTerm(models.Model):
    """Who held a seat (a person and/or an institution) and who was the alternate, from when to when."""

    seat = models.ForeignKey(Seat, verbose_name=_("asiento"), on_delete=models.CASCADE, related_name="terms")
    holder_name = models.CharField(_("titular"), max_length=200, blank=True)
    holder_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cuenta del titular"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forum_terms_held",
    )
    holder_email = models.EmailField(_("correo del titular"), blank=True)
    holder_institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("institución titular"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    alternate_name = models.CharField(_("suplente"), max_length=200, blank=True)
    alternate_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cuenta del suplente"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forum_terms_alternate",
    )
    alternate_email = models.EmailField(_("correo del suplente"), blank=True)
    start = models.DateField(_("desde"), null=True, blank=True)
    end = models.DateField(_("hasta"), null=True, blank=True)
    note = models.CharField(_("nota o fuente"), max_length=300, blank=True)

    objects = SeatTermQuerySet.as_manager()

    class Meta:
        verbose_name = _("período en el asiento")
        verbose_name_plural = _("períodos en los asientos")
        ordering = ["seat", "start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=models.F("start")),
                name="seat_term_ordered",
                violation_error_message=_("El término no puede ser anterior al inicio."),
            ),
            models.CheckConstraint(
                condition=~Q(holder_name="") | Q(holder_user__isnull=False) | Q(holder_institution__isnull=False),
                name="seat_term_has_holder",
                violation_error_message=_("Indique quién ocupa el asiento: una persona o una institución."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.seat}: {self.holder_label}"

    @property
    def holder_label(self) -> str:
        if self.holder_name:
            return self.holder_name
        if self.holder_user_id:
            return self.holder_user.get_full_name() or self.holder_user.get_username()
        return str(self.holder_institution or "")

    @property
    def alternate_label(self) -> str:
        if self.alternate_name:
            return self.alternate_name
        if self.alternate_user_id:
            return self.alternate_user.get_full_name() or self.alternate_user.get_username()
        return ""


class Session(models.Model):
    class Kind(models.TextChoices):
        ORDINARY = "ordinary", _("Ordinaria")
        EXTRAORDINARY = "extraordinary", _("Extraordinaria")

    class Status(models.TextChoices):
        CONVENED = "convened", _("Convocada")
        IN_PROGRESS = "in_progress", _("En curso")
        CLOSED = "closed", _("Cerrada")

    forum = models.ForeignKey(Forum, verbose_name=_("mesa"), on_delete=models.PROTECT, related_name="sessions")
    title = models.CharField(_("título"), max_length=200, blank=True)
    kind = models.CharField(_("tipo"), max_length=14, choices=Kind.choices, blank=True)
    date = models.DateField(_("fecha"))
    start_time = models.TimeField(_("hora de inicio"), null=True, blank=True)
    end_time = models.TimeField(_("hora de término"), null=True, blank=True)
    place = models.CharField(_("lugar"), max_length=300, blank=True)
    online_url = models.URLField(_("enlace para conectarse"), max_length=500, blank=True)
    status = models.CharField(_("estado"), max_length=12, choices=Status.choices, default=Status.CONVENED)
    convened_at = models.DateTimeField(_("convocada el"), null=True, blank=True)
    convened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sequence = models.PositiveIntegerField(default=0, editable=False)  # iCalendar SEQUENCE of the invitation
    source = models.CharField(_("fuente"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("sesión")
        verbose_name_plural = _("sesiones")
        ordering = ["-date", "-start_time", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__isnull=True)
                | Q(start_time__isnull=True)
                | Q(end_time__gt=models.F("start_time")),
                name="session_times_ordered",
                violation_error_message=_("La hora de término debe ser posterior a la de inicio."),
            ),
        ]
        indexes = [
            # The forum page lists a forum's next and recent sessions by date.
            models.Index(fields=["forum", "date"], name="forum_session_date_idx"),
        ]

    def __str__(self) -> str:
        label = _("Sesión %(kind)s") % {"kind": self.get_kind_display().lower()} if self.kind else _("Sesión")
        return f"{label} · {self.date:%d-%m-%Y}"

    def get_absolute_url(self) -> str:
        return f"/mesa/sesiones/{self.pk}/"

    def starts(self) -> datetime.datetime | datetime.date:
        if self.start_time is None:
            return self.date
        return timezone.make_aware(datetime.datetime.combine(self.date, self.start_time))

    def ends(self) -> datetime.datetime | None:
        if self.end_time is None or self.start_time is None:
            return None
        return timezone.make_aware(datetime.datetime.combine(self.date, self.end_time))


class AgendaItem(models.Model):
    session = models.ForeignKey(Session, verbose_name=_("sesión"), on_delete=models.CASCADE, related_name="agenda")
    parent = models.ForeignKey(
        "self", verbose_name=_("punto"), null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    number = models.CharField(_("número"), max_length=12)
    title = models.CharField(_("punto de tabla"), max_length=500)
    order = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("punto de tabla")
        verbose_name_plural = _("tabla")
        ordering = ["session", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "number"],
                name="agenda_item_unique_number",
                violation_error_message=_("La tabla ya tiene un punto con ese número."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class AgendaDocument(models.Model):
    item = models.ForeignKey(AgendaItem, verbose_name=_("punto"), on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("título"), max_length=300)
    url = models.URLField(_("enlace"), max_length=500, blank=True)
    file = models.FileField(_("archivo"), upload_to="mesa/documentos/%Y/", blank=True)

    class Meta:
        verbose_name = _("documento")
        verbose_name_plural = _("documentos")
        ordering = ["item", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(url="") | ~Q(file=""),
                name="agenda_document_has_link_or_file",
                violation_error_message=_("Un documento necesita un enlace o un archivo."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def href(self) -> str:
        return self.file.url if self.file else self.url


class Attendance(models.Model):
    """One row per seat (``seat`` set) or per other attendee (``seat`` empty) of a session."""

    class Status(models.TextChoices):
        IN_PERSON = "in_person", _("Presente en sala")
        ONLINE = "online", _("Presente en línea")
        PRESENT = "present", _("Presente (modalidad no registrada)")
        EXCUSED = "excused", _("Excusado")
        ABSENT = "absent", _("Ausente")

    class AttendedBy(models.TextChoices):
        HOLDER = "holder", _("Titular")
        ALTERNATE = "alternate", _("Suplente")

    class Group(models.TextChoices):
        MEMBER = "member", _("Integrantes de la Mesa")
        OTHER = "other", _("Otros asistentes")

    PRESENT_STATUSES = (Status.IN_PERSON, Status.ONLINE, Status.PRESENT)

    session = models.ForeignKey(Session, verbose_name=_("sesión"), on_delete=models.CASCADE, related_name="attendance")
    seat = models.ForeignKey(
        Seat, verbose_name=_("asiento"), null=True, blank=True, on_delete=models.PROTECT, related_name="attendance"
    )
    group = models.CharField(_("grupo"), max_length=10, choices=Group.choices, default=Group.MEMBER)
    status = models.CharField(_("asistencia"), max_length=12, choices=Status.choices)
    attended_by = models.CharField(_("asistió"), max_length=10, choices=AttendedBy.choices, blank=True)
    name = models.CharField(_("nombre"), max_length=200, blank=True)
    description = models.CharField(_("cargo o representación"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("asistencia")
        verbose_name_plural = _("asistencia")
        ordering = ["session", "group", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "seat"],
                condition=Q(seat__isnull=False),
                name="attendance_one_per_seat",
                violation_error_message=_("Ese asiento ya tiene su asistencia registrada en esta sesión."),
            ),
            models.CheckConstraint(
                condition=Q(seat__isnull=False) | ~Q(name=""),
                name="attendance_seat_or_name",
                violation_error_message=_("Indique el asiento o el nombre de quien asistió."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name or self.seat}: {self.get_status_display()}"

    @property
    def is_present(self) -> bool:
        return self.status in self.PRESENT_STATUSES


class Motion(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Abierta")
        CLOSED = "closed", _("Cerrada")

    class Outcome(models.TextChoices):
        APPROVED = "approved", _("Aprobada")
        REJECTED = "rejected", _("Rechazada")
        NO_QUORUM = "no_quorum", _("Sin quórum: no hay decisión")

    session = models.ForeignKey(Session, verbose_name=_("sesión"), on_delete=models.PROTECT, related_name="motions")
    agenda_item = models.ForeignKey(
        AgendaItem, verbose_name=_("punto de tabla"), null=True, blank=True, on_delete=models.SET_NULL
    )
    minutes = models.ForeignKey(
        "Minutes",
        verbose_name=_("acta que se aprueba"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="approval_motions",
    )
    title = models.CharField(_("moción"), max_length=300)
    text = models.TextField(_("texto"), blank=True)
    majority = models.CharField(_("mayoría requerida"), max_length=12, choices=Majority.choices)
    base = models.CharField(_("base"), max_length=10, choices=MajorityBase.choices)
    status = models.CharField(_("estado"), max_length=10, choices=Status.choices, default=Status.OPEN)
    opened_at = models.DateTimeField(_("abierta el"), default=timezone.now)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    closed_at = models.DateTimeField(_("cerrada el"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Frozen when the vote closes (from the entitled list and the votes, through protocol.tally).
    outcome = models.CharField(_("resultado"), max_length=10, choices=Outcome.choices, blank=True)
    quorum_rule = models.CharField(_("regla de quórum"), max_length=12, choices=QuorumRule.choices, blank=True)
    quorum_required = models.PositiveSmallIntegerField(null=True, blank=True)
    total_voting = models.PositiveSmallIntegerField(null=True, blank=True)
    present_voting = models.PositiveSmallIntegerField(null=True, blank=True)
    yes_count = models.PositiveSmallIntegerField(null=True, blank=True)
    no_count = models.PositiveSmallIntegerField(null=True, blank=True)
    abstain_count = models.PositiveSmallIntegerField(null=True, blank=True)
    base_count = models.PositiveSmallIntegerField(null=True, blank=True)
    yes_needed = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("moción")
        verbose_name_plural = _("mociones")
        ordering = ["session", "opened_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open", outcome="") | (Q(status="closed") & ~Q(outcome="")),
                name="motion_outcome_when_closed",
                violation_error_message=_("Una moción tiene resultado solo cuando se cierra."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class VoteEntitlement(models.Model):
    """The seats entitled to vote on a motion, frozen when the vote closes."""

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="entitlements")
    seat = models.ForeignKey(Seat, on_delete=models.PROTECT, related_name="+")
    seat_name = models.CharField(_("asiento"), max_length=200)
    holder_label = models.CharField(_("titular"), max_length=200, blank=True)
    present = models.BooleanField(_("presente"))

    class Meta:
        verbose_name = _("asiento con derecho a voto")
        verbose_name_plural = _("asientos con derecho a voto")
        ordering = ["motion", "seat__order", "id"]
        constraints = [models.UniqueConstraint(fields=["motion", "seat"], name="entitlement_unique_seat")]

    def __str__(self) -> str:
        return self.seat_name


class Vote(models.Model):
    class Choice(models.TextChoices):
        YES = "yes", _("A favor")
        NO = "no", _("En contra")
        ABSTAIN = "abstain", _("Abstención")

    motion = models.ForeignKey(Motion, verbose_name=_("moción"), on_delete=models.CASCADE, related_name="votes")
    seat = models.ForeignKey(Seat, verbose_name=_("asiento"), on_delete=models.PROTECT, related_name="votes")
    choice = models.CharField(_("voto"), max_length=8, choices=Choice.choices)
    voter_label = models.CharField(_("votó"), max_length=200, blank=True)
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by_secretariat = models.BooleanField(_("registrado por la secretaría"), default=False)
    cast_at = models.DateTimeField(_("fecha"), default=timezone.now)

    class Meta:
        verbose_name = _("voto")
        verbose_name_plural = _("votos")
        ordering = ["motion", "seat__order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["motion", "seat"],
                name="vote_one_per_seat",
                violation_error_message=_("Ese asiento ya votó en esta moción."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.seat}: {self.get_choice_display()}"


class Minutes(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Borrador")
        CIRCULATED = "circulated", _("En revisión por la Mesa")
        APPROVED = "approved", _("Aprobada")
        PUBLISHED = "published", _("Publicada")

    FROZEN = (Status.APPROVED, Status.PUBLISHED)

    session = models.ForeignKey(Session, verbose_name=_("sesión"), on_delete=models.PROTECT, related_name="minutes")
    version = models.PositiveSmallIntegerField(_("versión"), default=1)
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("corrige a"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    status = models.CharField(_("estado"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    next_meeting = models.TextField(_("próxima reunión"), blank=True)
    correction_note = models.TextField(_("motivo de la corrección"), blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    circulated_at = models.DateTimeField(_("enviada a revisión el"), null=True, blank=True)
    approved_at = models.DateTimeField(_("aprobada el"), null=True, blank=True)
    approved_in = models.ForeignKey(
        Session,
        verbose_name=_("aprobada en la sesión"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="approved_minutes",
    )
    published_at = models.DateTimeField(_("publicada el"), null=True, blank=True)
    # What the approved minutes say, frozen at approval (attendees, agenda, points, agreements, votes).
    content = models.JSONField(_("contenido aprobado"), default=dict, blank=True, editable=False)
    source = models.CharField(_("fuente"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("acta")
        verbose_name_plural = _("actas")
        ordering = ["session", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "version"],
                name="minutes_unique_version",
                violation_error_message=_("Esta sesión ya tiene un acta con esa versión."),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["approved", "published"]) | Q(approved_at__isnull=False) | ~Q(source=""),
                name="minutes_approved_has_date",
                violation_error_message=_("Un acta aprobada en la plataforma tiene fecha de aprobación."),
            ),
        ]

    def __str__(self) -> str:
        return _("Acta de la sesión del %(date)s (v%(v)s)") % {
            "date": f"{self.session.date:%d-%m-%Y}",
            "v": self.version,
        }

    @property
    def is_frozen(self) -> bool:
        return self.status in self.FROZEN


class MinutesPoint(models.Model):
    """A numbered point of the minutes' discussion ("desarrollo")."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="points")
    number = models.PositiveSmallIntegerField(_("número"))
    text = models.TextField(_("texto"))

    class Meta:
        verbose_name = _("punto del desarrollo")
        verbose_name_plural = _("desarrollo")
        ordering = ["minutes", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["minutes", "number"],
                name="minutes_point_unique_number",
                violation_error_message=_("El acta ya tiene un punto con ese número."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"


class MinutesComment(models.Model):
    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("comentario"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("comentario al acta")
        verbose_name_plural = _("comentarios al acta")
        ordering = ["minutes", "created_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class AgreementQuerySet(models.QuerySet):
    def open(self) -> "AgreementQuerySet":
        return self.filter(status__in=[Agreement.Status.PENDING, Agreement.Status.IN_PROGRESS])


class Agreement(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pendiente")
        IN_PROGRESS = "in_progress", _("En curso")
        DONE = "done", _("Cumplido")
        CANCELLED = "cancelled", _("Cancelado")

    forum = models.ForeignKey(Forum, verbose_name=_("mesa"), on_delete=models.PROTECT, related_name="agreements")
    session = models.ForeignKey(
        Session,
        verbose_name=_("sesión"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    order = models.PositiveSmallIntegerField(_("orden"), default=0)
    text = models.TextField(_("acuerdo o compromiso"))
    responsible_label = models.CharField(_("responsable (como lo dice el acta)"), max_length=300, blank=True)
    responsible_seat = models.ForeignKey(
        Seat, verbose_name=_("asiento responsable"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    responsible_institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("institución responsable"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    responsible_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persona responsable"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forum_agreements",
    )
    due_date = models.DateField(_("plazo"), null=True, blank=True)
    asap = models.BooleanField(_("a la brevedad"), default=False)
    status = models.CharField(_("estado"), max_length=12, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("acuerdo")
        verbose_name_plural = _("acuerdos")
        ordering = ["forum", "session", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_date__isnull=False, asap=False) | Q(due_date__isnull=True, asap=True),
                name="agreement_due_date_or_asap",
                violation_error_message=_("Indique una fecha de plazo o marque «a la brevedad», no ambas."),
            ),
            models.CheckConstraint(
                condition=~Q(responsible_label="")
                | Q(responsible_seat__isnull=False)
                | Q(responsible_institution__isnull=False)
                | Q(responsible_user__isnull=False),
                name="agreement_has_responsible",
                violation_error_message=_("Indique quién es responsable del acuerdo."),
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def responsible(self) -> str:
        if self.responsible_label:
            return self.responsible_label
        for item in (self.responsible_user, self.responsible_seat, self.responsible_institution):
            if item is not None:
                return item.get_full_name() if hasattr(item, "get_full_name") else str(item)
        return ""

    def effective_due(self) -> datetime.date | None:
        """The date or, for "a la brevedad", the session date plus the protocol's horizon (None if unknown)."""
        if self.due_date:
            return self.due_date
        horizon = self.forum.asap_horizon_days
        if horizon is None:
            return None
        start = self.session.date if self.session_id else timezone.localdate(self.created_at)
        return start + datetime.timedelta(days=horizon)

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        due = self.effective_due()
        is_open = self.status in (self.Status.PENDING, self.Status.IN_PROGRESS)
        return bool(is_open and due and due < (today or timezone.localdate()))


class AgreementNote(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="notes")
    date = models.DateField(_("fecha"), default=timezone.localdate)
    text = models.TextField(_("seguimiento"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("nota de seguimiento")
        verbose_name_plural = _("notas de seguimiento")
        ordering = ["agreement", "date", "id"]

    def __str__(self) -> str:
        return self.text[:60]
