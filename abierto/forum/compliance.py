"""Does a plan's process meet the minimum requirements of OGP's Participation and Co-Creation Standards?

Each requirement is decided from the platform's own records, with the evidence that decided it. When
the records cannot decide (nothing recorded for the period, or the platform did not exist yet, or the
records needed live in an app whose data is not available) the answer is UNKNOWN, never MET.
"""

import datetime
import itertools
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from abierto.audit.models import AuditEvent
from abierto.forum.models import Forum, Session

MET = "met"
NOT_MET = "not_met"
UNKNOWN = "unknown"

LABELS = {
    MET: gettext_lazy("Cumple"),
    NOT_MET: gettext_lazy("No cumple según los registros"),
    UNKNOWN: gettext_lazy("Sin información suficiente"),
}

MAX_GAP_DAYS = 183  # "at least every six months"


@dataclass
class Evidence:
    label: str
    url: str = ""


@dataclass
class Requirement:
    key: str
    title: str
    status: str
    explanation: str
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return str(LABELS[self.status])


def plan_period(plan, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """From the plan's first day to its last day, or today if the plan is still running."""
    return datetime.date(plan.start_year, 1, 1), min(datetime.date(plan.end_year, 12, 31), today)


def _forums_during(start: datetime.date, end: datetime.date) -> list[Forum]:
    forums = []
    for forum in Forum.objects.all():
        began = forum.established_on or datetime.date.min
        ended = forum.ended_on or datetime.date.max
        if began <= end and ended >= start:
            forums.append(forum)
    return forums


def platform_start() -> datetime.date | None:
    """The day of the platform's first recorded change: before it, its records are transcriptions."""
    first = AuditEvent.objects.aggregate(first=Min("created_at"))["first"]
    return timezone.localdate(first) if first else None


def forum_met_every_six_months(plan, today: datetime.date) -> Requirement:
    title = _("La Mesa sesionó al menos cada seis meses durante el plan")
    start, end = plan_period(plan, today)
    if start > today:
        return Requirement("sessions", title, UNKNOWN, _("El plan aún no comienza."))
    sessions = list(Session.objects.filter(date__gte=start, date__lte=end).select_related("forum").order_by("date"))
    evidence = [Evidence(f"{s.forum.name}: {s.date:%d-%m-%Y}", s.get_absolute_url()) for s in sessions]
    if not sessions:
        return Requirement(
            "sessions",
            title,
            UNKNOWN,
            _("No hay sesiones registradas en la plataforma para el período del plan (%(start)s a %(end)s).")
            % {"start": f"{start:%d-%m-%Y}", "end": f"{end:%d-%m-%Y}"},
        )
    dates = [start, *[s.date for s in sessions], end]
    gaps = [(a, b) for a, b in itertools.pairwise(dates) if (b - a).days > MAX_GAP_DAYS]
    # Before the platform existed its records are a transcription of what the sources kept: a gap there
    # may be sessions nobody transcribed. Only the part of a gap the platform itself witnessed counts.
    since = platform_start()
    witnessed = [(a, b) for a, b in gaps if since is not None and (b - max(a, since)).days > MAX_GAP_DAYS]
    if witnessed:
        listed = "; ".join(f"{a:%d-%m-%Y} – {b:%d-%m-%Y}" for a, b in witnessed)
        return Requirement(
            "sessions",
            title,
            NOT_MET,
            _("Hay períodos de más de seis meses sin sesiones registradas: %(gaps)s.") % {"gaps": listed},
            evidence,
        )
    if gaps:
        listed = "; ".join(f"{a:%d-%m-%Y} – {b:%d-%m-%Y}" for a, b in gaps)
        return Requirement(
            "sessions",
            title,
            UNKNOWN,
            _(
                "Hay períodos de más de seis meses sin sesiones registradas (%(gaps)s), anteriores a los "
                "registros propios de la plataforma: pudo haber sesiones que no se transcribieron."
            )
            % {"gaps": listed},
            evidence,
        )
    return Requirement(
        "sessions",
        title,
        MET,
        _("Entre sesiones registradas nunca pasaron más de seis meses (%(n)s sesiones).") % {"n": len(sessions)},
        evidence,
    )


def rules_are_public(plan, today: datetime.date) -> Requirement:
    title = _("Las reglas básicas de la Mesa son públicas")
    start, end = plan_period(plan, today)
    forums = _forums_during(start, end)
    published = [f for f in forums if f.protocol_text.strip() or f.protocol_url]
    if published:
        return Requirement(
            "rules",
            title,
            MET,
            _("El protocolo de funcionamiento está publicado en la plataforma."),
            [Evidence(f.name, f"/mesa/protocolo/?mesa={f.slug}") for f in published],
        )
    return Requirement(
        "rules",
        title,
        UNKNOWN,
        _("La plataforma no tiene registrado el texto del protocolo de la Mesa de ese período."),
        [Evidence(f.name, f"/mesa/protocolo/?mesa={f.slug}") for f in forums],
    )


def _halves(start: datetime.date, end: datetime.date) -> list[tuple[datetime.date, datetime.date]]:
    halves = []
    year = start.year
    while datetime.date(year, 1, 1) <= end:
        for a, b in (
            (datetime.date(year, 1, 1), datetime.date(year, 6, 30)),
            (datetime.date(year, 7, 1), datetime.date(year, 12, 31)),
        ):
            if b < start or a > end:
                continue
            halves.append((a, b))
        year += 1
    return halves


def repository_updated_twice_a_year(plan, today: datetime.date) -> Requirement:
    title = _("El repositorio del plan se actualizó al menos dos veces al año")
    start, end = plan_period(plan, today)
    since = platform_start()
    if since is None or start > today:
        return Requirement(
            "repository", title, UNKNOWN, _("La plataforma no tiene registros de cambios para este período.")
        )
    # Only half-years that are over count; the current one may still be updated.
    halves = [(a, b) for a, b in _halves(start, end) if b < today]
    dates = {
        timezone.localdate(moment)
        for moment in AuditEvent.objects.filter(plan=plan).values_list("created_at", flat=True)
    }
    evidence, missing, unknown = [], [], []
    for a, b in halves:
        label = f"{a:%d-%m-%Y} – {b:%d-%m-%Y}"
        count = sum(1 for d in dates if a <= d <= b)
        if count:
            evidence.append(Evidence(_("%(half)s: %(n)s cambios registrados") % {"half": label, "n": count}))
        elif b < since:
            unknown.append(label)
        else:
            missing.append(label)
    if missing:
        return Requirement(
            "repository",
            title,
            NOT_MET,
            _("Semestres sin ninguna actualización registrada: %(list)s.") % {"list": "; ".join(missing)},
            evidence,
        )
    if unknown or not halves:
        why = _("La plataforma no existía en parte del período (sus registros comienzan el %(date)s).") % {
            "date": f"{since:%d-%m-%Y}"
        }
        if not halves:
            why = _("Aún no termina ningún semestre del plan.")
        return Requirement("repository", title, UNKNOWN, why, evidence)
    return Requirement(
        "repository", title, MET, _("Cada semestre del plan tiene actualizaciones registradas."), evidence
    )


def _cocreation_model(name: str):
    if not apps.is_installed("abierto.cocreation"):
        return None
    try:
        return apps.get_model("cocreation", name)
    except LookupError:
        return None


def reasoned_responses(plan, today: datetime.date) -> Requirement:
    """Read from the co-creation app when it is installed and records proposals with a response field;
    otherwise unknown. Any surprise in that app's shape also gives unknown, never met."""
    title = _("Cada propuesta recibió una respuesta razonada")
    unknown = Requirement(
        "responses",
        title,
        UNKNOWN,
        _("La plataforma no tiene registradas las propuestas de la cocreación de este plan."),
    )
    process_model, proposal_model = _cocreation_model("CoCreationProcess"), _cocreation_model("Proposal")
    if process_model is None or proposal_model is None:
        return unknown
    field_names = {f.name for f in proposal_model._meta.get_fields()}
    if not {"process", "response_kind", "status"} <= field_names:
        return unknown
    try:
        process = process_model.objects.filter(plan=plan).first()
        if process is None:
            return unknown
        proposals = proposal_model.objects.filter(process=process, status="published")
        total = proposals.count()
        waiting = proposals.filter(response_kind="").count()
        url = process.get_absolute_url()
    except Exception:  # the other app's records cannot be read as expected: say so, never "met"
        return unknown
    evidence = [Evidence(str(process), url)]
    if total == 0:
        return Requirement(
            "responses",
            title,
            UNKNOWN,
            _("El proceso de cocreación no tiene propuestas publicadas registradas."),
            evidence,
        )
    if waiting:
        return Requirement(
            "responses",
            title,
            NOT_MET,
            _("%(waiting)s de %(total)s propuestas publicadas aún no tienen respuesta razonada.")
            % {"waiting": waiting, "total": total},
            evidence,
        )
    return Requirement(
        "responses",
        title,
        MET,
        _("Las %(total)s propuestas publicadas tienen su respuesta razonada.") % {"total": total},
        evidence,
    )


def information_before_cocreation(plan, today: datetime.date) -> Requirement:
    title = _("Se publicó información antes de la cocreación")
    return Requirement(
        "information",
        title,
        UNKNOWN,
        _("La plataforma no registra qué información se publicó ni cuándo comenzó la cocreación de este plan."),
    )


CHECKS = (
    forum_met_every_six_months,
    rules_are_public,
    repository_updated_twice_a_year,
    reasoned_responses,
    information_before_cocreation,
)


def requirements(plan, today: datetime.date | None = None) -> list[Requirement]:
    today = today or timezone.localdate()
    return [check(plan, today) for check in CHECKS]
