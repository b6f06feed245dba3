"""Forms of the forum's pages. Each keeps what was typed when it refuses it, with the message beside the field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from abierto.forum.models import (
    AgendaItem,
    Agreement,
    Attendance,
    Majority,
    MajorityBase,
    Minutes,
    Seat,
    Session,
    Vote,
)
from abierto.institutions.models import Institution

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class Described(forms.Form):
    """Ties each field's error message to the field (aria-describedby), for screen readers."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                ids = [widget.attrs.get("aria-describedby", ""), f"{self[name].auto_id}-error"]
                widget.attrs["aria-describedby"] = " ".join(i for i in ids if i)


class ConveneForm(Described):
    kind = forms.ChoiceField(label=_("Tipo de sesión"), choices=Session.Kind.choices)
    title = forms.CharField(label=_("Título (opcional)"), required=False, max_length=200)
    date = forms.DateField(label=_("Fecha"), widget=DATE)
    start_time = forms.TimeField(label=_("Hora de inicio"), widget=TIME)
    end_time = forms.TimeField(label=_("Hora de término"), required=False, widget=TIME)
    place = forms.CharField(label=_("Lugar"), required=False, max_length=300)
    online_url = forms.URLField(
        label=_("Enlace para conectarse"), required=False, max_length=500, assume_scheme="https"
    )
    agenda = forms.CharField(
        label=_("Tabla"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Un punto por línea. Para un subpunto, comience la línea con un guion (-)."),
    )

    def clean(self):
        data = super().clean()
        if not data.get("place") and not data.get("online_url") and "online_url" not in self.errors:
            self.add_error("place", _("Indique el lugar, el enlace para conectarse o ambos."))
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("La hora de término debe ser posterior a la de inicio."))
        return data


class AttendanceForm(Described):
    """One pair of fields per seat: attendance and who attended (holder or alternate)."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            current = row.attendance
            self.fields[f"estado_{row.seat.pk}"] = forms.ChoiceField(
                label=_("Asistencia de %(seat)s") % {"seat": row.seat},
                choices=[("", _("— Sin registrar —")), *Attendance.Status.choices],
                required=False,
                initial=current.status if current else "",
            )
            self.fields[f"asistio_{row.seat.pk}"] = forms.ChoiceField(
                label=_("Asistió por %(seat)s") % {"seat": row.seat},
                choices=[("", "—"), *Attendance.AttendedBy.choices],
                required=False,
                initial=current.attended_by if current else "",
            )

    def pairs(self):
        for row in self.rows:
            yield row, self[f"estado_{row.seat.pk}"], self[f"asistio_{row.seat.pk}"]

    def clean(self):
        data = super().clean()
        for row in self.rows:
            status, by = data.get(f"estado_{row.seat.pk}"), data.get(f"asistio_{row.seat.pk}")
            if by and status not in Attendance.PRESENT_STATUSES:
                self.add_error(f"asistio_{row.seat.pk}", _("Indique quién asistió solo si el asiento está presente."))
        return data


class DocumentForm(Described):
    item = forms.ModelChoiceField(label=_("Punto de tabla"), queryset=AgendaItem.objects.none())
    title = forms.CharField(label=_("Título del documento"), max_length=300)
    url = forms.URLField(label=_("Enlace"), required=False, max_length=500, assume_scheme="https")
    file = forms.FileField(label=_("o archivo"), required=False)

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = session.agenda.all()

    def clean(self):
        data = super().clean()
        if not data.get("url") and not data.get("file") and "url" not in self.errors:
            self.add_error("url", _("Un documento necesita un enlace o un archivo."))
        return data


class MotionForm(Described):
    title = forms.CharField(label=_("Moción"), max_length=300)
    text = forms.CharField(label=_("Texto (opcional)"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    agenda_item = forms.ModelChoiceField(
        label=_("Punto de tabla"), queryset=AgendaItem.objects.none(), required=False, empty_label=_("— Ninguno —")
    )
    majority = forms.ChoiceField(label=_("Mayoría requerida"), choices=Majority.choices)
    base = forms.ChoiceField(label=_("Base de la mayoría"), choices=MajorityBase.choices)
    minutes = forms.ModelChoiceField(
        label=_("Aprueba el acta"),
        queryset=Minutes.objects.none(),
        required=False,
        empty_label=_("— No es la aprobación de un acta —"),
        help_text=_("Si la moción aprueba el acta de una sesión anterior, al aprobarse el acta queda aprobada."),
    )

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = session.agenda.all()
        self.fields["minutes"].queryset = Minutes.objects.filter(
            session__forum=session.forum, session__date__lt=session.date, status=Minutes.Status.CIRCULATED
        ).select_related("session")
        self.fields["majority"].initial = session.forum.default_majority
        self.fields["base"].initial = session.forum.majority_base


class VoteForm(Described):
    choice = forms.ChoiceField(label=_("Su voto"), choices=Vote.Choice.choices, widget=forms.RadioSelect)


class SecretariatVotesForm(Described):
    """The secretariat records the votes of the seats present (an in-person session), one field per seat."""

    def __init__(self, *args, seats: list[Seat], current: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.seats = seats
        for seat in seats:
            self.fields[f"voto_{seat.pk}"] = forms.ChoiceField(
                label=str(seat),
                choices=[("", _("— Sin voto registrado —")), *Vote.Choice.choices],
                required=False,
                initial=current.get(seat.pk, ""),
            )

    def pairs(self):
        for seat in self.seats:
            yield seat, self[f"voto_{seat.pk}"]


class MinutesForm(Described):
    points = forms.CharField(
        label=_("Desarrollo"),
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("Un punto por párrafo: separe los puntos con una línea en blanco. Se numeran en orden."),
    )
    next_meeting = forms.CharField(label=_("Próxima reunión"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def point_list(self) -> list[str]:
        text = self.cleaned_data["points"].replace("\r\n", "\n")
        return [p.strip() for p in text.split("\n\n") if p.strip()]


class CommentForm(Described):
    text = forms.CharField(label=_("Comentario"), widget=forms.Textarea(attrs={"rows": 4}))


class CorrectionForm(Described):
    reason = forms.CharField(label=_("Qué corrige la nueva versión"), widget=forms.Textarea(attrs={"rows": 3}))


class AgreementForm(Described):
    text = forms.CharField(label=_("Acuerdo o compromiso"), widget=forms.Textarea(attrs={"rows": 3}))
    session = forms.ModelChoiceField(
        label=_("Sesión"), queryset=Session.objects.none(), required=False, empty_label=_("— Sin sesión —")
    )
    responsible_seat = forms.ModelChoiceField(
        label=_("Asiento responsable"), queryset=Seat.objects.none(), required=False, empty_label="—"
    )
    responsible_institution = forms.ModelChoiceField(
        label=_("Institución responsable"), queryset=Institution.objects.all(), required=False, empty_label="—"
    )
    responsible_label = forms.CharField(label=_("Otra persona responsable"), required=False, max_length=300)
    due_date = forms.DateField(label=_("Plazo"), required=False, widget=DATE)
    asap = forms.BooleanField(
        label=_("A la brevedad"),
        required=False,
        help_text=_("Sin fecha: vence según el plazo que fija el protocolo, contado desde la sesión."),
    )

    def __init__(self, *args, forum, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = forum.sessions.all()
        self.fields["responsible_seat"].queryset = forum.seats.all()

    def clean(self):
        data = super().clean()
        if bool(data.get("due_date")) == bool(data.get("asap")) and "due_date" not in self.errors:
            self.add_error("due_date", _("Indique una fecha de plazo o marque «a la brevedad», no ambas."))
        if not (data.get("responsible_seat") or data.get("responsible_institution") or data.get("responsible_label")):
            self.add_error(
                "responsible_label", _("Indique quién es responsable: un asiento, una institución o una persona.")
            )
        return data


class FollowUpForm(Described):
    status = forms.ChoiceField(label=_("Estado"), choices=Agreement.Status.choices)
    date = forms.DateField(label=_("Fecha de la nota"), required=False, widget=DATE)
    note = forms.CharField(label=_("Nota de seguimiento"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
