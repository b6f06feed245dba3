"""A national consultation for benchmarks: one co-creation process with 100,000 published proposals, a million
people, three million supports and 300,000 threaded comments (``manage.py generate_scale --cocreation national``).

Like ``abierto.core.scale`` this writes rows without the services: the data is synthetic, has no author and no
audit history, and going row by row would take hours. Rows are streamed to the database with COPY on PostgreSQL
(psycopg 3 ``cursor.copy``) and with ``executemany`` in one transaction on SQLite, into the tables and indexes the
migrations define. The same seed gives the same data on both databases.

What holds afterwards, as if every row had gone through the services:

- one support per person per proposal (the unique constraint), at most ``support_limit`` (7) per person, and
  ``Proposal.support_count`` and ``Participation.supports_used`` equal to the rows;
- merged proposals have no supports of their own (a merge moves them), hidden ones keep theirs;
- the similarity index (``ProposalTerm``, ``ProcessTerm``) holds every published proposal's stems.

Texts are Spanish, assembled from phrases about some forty open-government subjects in 346 communes, so proposals
about the same subject are similar and the similarity lookup has something to find. Each phrase's stems are
computed once (``abierto.search.normalize`` works word by word, so the stems of a text are the stems of its
phrases in order).
"""

import datetime
import random
import time
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.utils import timezone

from abierto.audit.models import AuditEvent
from abierto.cocreation import stage_templates, territory
from abierto.cocreation.models import (
    CoCreationProcess,
    Comment,
    Participation,
    ProcessTerm,
    Proposal,
    ProposalTerm,
    Stage,
    Support,
    Theme,
)
from abierto.cocreation.similarity import MAX_TERM_LENGTH, TOTAL
from abierto.cocreation.text import terms_of
from abierto.core.scale import FIRST_NAMES, SCALE_SOURCE, SURNAMES
from abierto.institutions.models import Government
from abierto.plans.models import ActionPlan

PROCESS_SLUG = "consulta-nacional"
PLAN_SLUG = "consulta-nacional"
USER_PREFIX = "consulta-"
DEFAULT_SEED = 2026
SUPPORT_LIMIT = 7


@dataclass(frozen=True)
class Size:
    proposals: int
    people: int
    supports: int
    comments: int


SIZES: dict[str, Size] = {
    "national": Size(proposals=100_000, people=1_000_000, supports=3_000_000, comments=300_000),
    "small": Size(proposals=400, people=3_000, supports=6_000, comments=900),
}

# How many supports a person gives (0 to 7): a fifth give none, which leaves people for the load test.
SUPPORTS_PER_PERSON = [(0, 20), (1, 10), (2, 10), (3, 10), (4, 15), (5, 15), (6, 10), (7, 10)]

THEMES = [
    ("medioambiente", "Medioambiente y cambio climático", True),
    ("genero", "Género", True),
    ("proteccion-especial", "Grupos que requieren especial protección", True),
    ("territorios", "Territorios y descentralización", True),
    ("desarrollo-sostenible", "Desarrollo sostenible", True),
    ("salud", "Salud", False),
    ("educacion", "Educación", False),
    ("integridad", "Integridad y anticorrupción", False),
    ("justicia", "Justicia", False),
    ("datos-abiertos", "Datos abiertos y transparencia", False),
    ("participacion", "Participación ciudadana", False),
    ("compras-publicas", "Compras públicas y presupuesto", False),
]

# (theme slug, subject): what a proposal is about. Proposals on one subject share its words.
SUBJECTS = [
    ("medioambiente", "la calidad del aire y las emisiones de las termoeléctricas"),
    ("medioambiente", "los permisos de extracción de agua y los derechos de aprovechamiento"),
    ("medioambiente", "la gestión de residuos y el reciclaje domiciliario"),
    ("medioambiente", "los planes de descontaminación atmosférica y la leña húmeda"),
    ("medioambiente", "la protección de humedales urbanos y glaciares"),
    ("genero", "la brecha salarial entre mujeres y hombres en el sector público"),
    ("genero", "la violencia de género y las denuncias en comisarías"),
    ("genero", "la paridad en directorios de empresas públicas"),
    ("proteccion-especial", "la situación de niñas, niños y adolescentes bajo protección del Estado"),
    ("proteccion-especial", "la accesibilidad para personas con discapacidad en edificios públicos"),
    ("proteccion-especial", "las personas mayores que viven solas y su red de cuidados"),
    ("proteccion-especial", "los pueblos indígenas y la consulta previa"),
    ("territorios", "las transferencias del gobierno central a los gobiernos regionales"),
    ("territorios", "los planes reguladores comunales y los permisos de edificación"),
    ("territorios", "el transporte público rural y los subsidios al transporte"),
    ("desarrollo-sostenible", "la pesca artesanal y las cuotas de captura"),
    ("desarrollo-sostenible", "la energía renovable en viviendas sociales"),
    ("desarrollo-sostenible", "la agricultura familiar campesina y el riego"),
    ("salud", "las listas de espera en hospitales y consultorios"),
    ("salud", "el abastecimiento de medicamentos en farmacias populares"),
    ("salud", "la salud mental en la atención primaria"),
    ("educacion", "la infraestructura de escuelas y liceos públicos"),
    ("educacion", "la asistencia escolar y la deserción en la educación media"),
    ("educacion", "las becas y créditos de la educación superior"),
    ("integridad", "las audiencias de lobby y las agendas de autoridades"),
    ("integridad", "las declaraciones de patrimonio e intereses de funcionarios"),
    ("integridad", "los conflictos de interés en los concejos municipales"),
    ("justicia", "el acceso a la información judicial y las sentencias"),
    ("justicia", "los tiempos de tramitación de causas en tribunales"),
    ("justicia", "la asistencia jurídica gratuita en las corporaciones de asistencia judicial"),
    ("datos-abiertos", "los datos abiertos de seguridad y delitos denunciados"),
    ("datos-abiertos", "las solicitudes de acceso a la información y sus plazos"),
    ("datos-abiertos", "los registros de subsidios y beneficiarios de programas sociales"),
    ("participacion", "los presupuestos participativos comunales"),
    ("participacion", "los consejos de la sociedad civil de los ministerios"),
    ("participacion", "las consultas ciudadanas en línea y su seguimiento"),
    ("compras-publicas", "las compras públicas por trato directo"),
    ("compras-publicas", "la ejecución presupuestaria de los municipios"),
    ("compras-publicas", "las concesiones de obras públicas y sus contratos"),
    ("compras-publicas", "los pagos a proveedores del Estado a treinta días"),
]

TITLES = [
    "Transparentar {s}",
    "Datos abiertos sobre {s}",
    "Un observatorio ciudadano de {s}",
    "Rendición de cuentas sobre {s}",
    "Participación de la comunidad en {s}",
    "Un portal público sobre {s}",
    "Monitoreo abierto de {s}",
    "Información oportuna sobre {s}",
]
PROBLEMS = [
    "En {c} la ciudadanía no conoce {s}.",
    "No existe información pública, completa ni actualizada sobre {s} en {c}.",
    "Las vecinas y vecinos de {c} reclaman que nadie responde por {s}.",
    "La información sobre {s} está dispersa en distintos servicios y no se puede comparar.",
    "Quienes viven en {c} no pueden fiscalizar {s} porque los datos no se publican.",
]
GAPS = [
    "Falta acceso a la información: los datos existen pero no se publican en formatos abiertos.",
    "No hay rendición de cuentas periódica ni indicadores que la ciudadanía pueda revisar.",
    "La participación ciudadana es consultiva y no incide en las decisiones.",
    "No se usan herramientas tecnológicas para abrir la información ni para recibir observaciones.",
]
WHATS = [
    "Publicar cada mes los datos sobre {s}, desagregados por comuna y región.",
    "Crear una mesa de trabajo con organizaciones de {c} para revisar {s}.",
    "Desarrollar un tablero público con indicadores sobre {s}.",
    "Establecer un protocolo de respuesta a las consultas ciudadanas sobre {s}.",
    "Capacitar a funcionarios municipales de {c} en la publicación de información sobre {s}.",
]
IMPLIES = [
    "Implica coordinar a los servicios públicos responsables y definir un estándar de datos.",
    "Implica asignar presupuesto, un equipo responsable y un calendario de publicación.",
    "Implica modificar procedimientos internos y dar cuenta pública de los avances.",
]
RESULTS = [
    "Se espera que la ciudadanía pueda seguir y evaluar {s}.",
    "Se espera mejorar la confianza en las instituciones y reducir los reclamos.",
    "Se espera que las organizaciones locales de {c} usen la información para proponer mejoras.",
]
COMMENTS = [
    "Apoyo esta propuesta: en mi comuna pasa exactamente lo mismo.",
    "Sería importante incluir a las juntas de vecinos en la implementación.",
    "¿Qué institución debería liderar este compromiso?",
    "Hay experiencias similares en otros municipios que podrían servir de referencia.",
    "Los datos deberían publicarse en formatos abiertos y reutilizables.",
    "Propongo agregar un indicador de seguimiento con metas anuales.",
    "Estoy de acuerdo, pero falta considerar a las zonas rurales.",
    "Gracias por la respuesta, me parece una buena idea.",
]
NOT_ADOPTED = [
    "La propuesta excede las competencias de las instituciones que participan del plan.",
    "La propuesta se abordará en el programa regular del servicio, fuera del plan de acción.",
    "La Mesa priorizó otras propuestas sobre el mismo tema, con mayor apoyo ciudadano.",
]
HIDDEN_REASON = "Contenido duplicado publicado varias veces por la misma cuenta."


@cache
def _stems(phrase: str) -> str:
    return terms_of(phrase)


@dataclass
class ScaleReport:
    size: str
    seed: int
    database: str
    counts: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)


# ---------------------------------------------------------------- bulk writing


class Writer:
    """Streams rows into one table: COPY on PostgreSQL, ``executemany`` on SQLite (inside the caller's
    transaction). Columns the caller does not give get the field's default, so new columns with a default
    never break the generator."""

    def __init__(self, model: type[models.Model], columns: Sequence[str]) -> None:
        self.model = model
        self.table = model._meta.db_table
        given = list(columns)
        fields = {f.column: f for f in model._meta.concrete_fields}
        self.defaults: list[tuple[str, Any]] = []
        for column, f in fields.items():
            if column in given or f.primary_key:
                continue
            default = f.get_default()
            self.defaults.append((column, f.get_db_prep_save(default, connection) if default is not None else None))
        self.columns = given + [column for column, _value in self.defaults]
        self.tail = tuple(value for _column, value in self.defaults)
        self.postgresql = connection.vendor == "postgresql"

    def write(self, rows: Iterable[Sequence[Any]]) -> int:
        n = 0
        quoted = ", ".join(connection.ops.quote_name(c) for c in self.columns)
        table = connection.ops.quote_name(self.table)
        with connection.cursor() as cursor:
            if self.postgresql:
                raw = cursor.cursor  # the psycopg cursor under Django's wrapper
                with raw.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row((*row, *self.tail))
                        n += 1
            else:
                sql = f"INSERT INTO {table} ({quoted}) VALUES ({', '.join(['%s'] * len(self.columns))})"
                batch: list[tuple] = []
                for row in rows:
                    batch.append((*row, *self.tail))
                    if len(batch) >= 20000:
                        cursor.executemany(sql, batch)
                        n += len(batch)
                        batch = []
                if batch:
                    cursor.executemany(sql, batch)
                    n += len(batch)
        return n


def _reset_sequence(model: type[models.Model]) -> None:
    if connection.vendor != "postgresql":
        return  # SQLite's AUTOINCREMENT follows the largest id written
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(_NoStyle(), [model]):
            cursor.execute(sql)


class _NoStyle:
    def __getattr__(self, name: str) -> Callable[[str], str]:
        return lambda text: text


def _next_id(model: type[models.Model]) -> int:
    return (model.objects.aggregate(m=models.Max("pk"))["m"] or 0) + 1


# ---------------------------------------------------------------- the builder


class ConsultationBuilder:
    def __init__(self, size: str = "national", *, seed: int = DEFAULT_SEED, log: Callable[[str], None] | None = None):
        if size not in SIZES:
            raise ValueError(f"Tamaño desconocido: {size}")
        self.size_name = size
        self.size = SIZES[size]
        self.seed = seed
        self.rng = random.Random(seed)
        self.log = log or (lambda message: None)
        self.report = ScaleReport(size=size, seed=seed, database=connection.vendor)
        self.now = timezone.now().replace(microsecond=0)
        self.today = timezone.localdate()

    def run(self) -> ScaleReport:
        started = time.perf_counter()
        self._step("limpieza", self.clear)
        with transaction.atomic():
            self._step("proceso, etapas y temas", self.build_process)
            self._step("personas", self.build_people)
            self._step("propuestas", self.build_proposals)
            self._step("apoyos y participaciones", self.build_supports)
            self._step("comentarios", self.build_comments)
            self._step("índice de similitud", self.build_similarity_index)
        self._step("estadísticas de la base", self.analyze)
        self.report.timings["total"] = round(time.perf_counter() - started, 2)
        self.report.counts = counts(self.process)
        return self.report

    def _step(self, label: str, fn: Callable[[], object]) -> None:
        started = time.perf_counter()
        fn()
        elapsed = time.perf_counter() - started
        self.report.timings[label] = round(elapsed, 2)
        self.log(f"  {label}: {elapsed:.1f} s")

    # -- clearing an earlier run (raw deletes: the ORM would load millions of rows to cascade them)

    def clear(self) -> None:
        process = CoCreationProcess.objects.filter(slug=PROCESS_SLUG).first()
        User = get_user_model()
        with transaction.atomic(), connection.cursor() as cursor:
            if process is not None:
                proposals = f"SELECT id FROM {Proposal._meta.db_table} WHERE process_id = %s"
                for model, where in [
                    (ProposalTerm, "process_id = %s"),
                    (ProcessTerm, "process_id = %s"),
                    (Support, f"proposal_id IN ({proposals})"),
                    (Participation, "process_id = %s"),
                ]:
                    cursor.execute(f"DELETE FROM {model._meta.db_table} WHERE {where}", [process.pk])
                # Foreign keys are checked at commit (Django declares them deferrable): replies and merged
                # proposals go in the same statements as what they point to.
                cursor.execute(f"DELETE FROM {Comment._meta.db_table} WHERE proposal_id IN ({proposals})", [process.pk])
                through = Proposal.themes.through._meta.db_table
                cursor.execute(f"DELETE FROM {through} WHERE proposal_id IN ({proposals})", [process.pk])
                cursor.execute(f"DELETE FROM {Proposal._meta.db_table} WHERE process_id = %s", [process.pk])
                process.plan.delete()  # the process, its stages and themes go with it
            ActionPlan.objects.filter(slug=PLAN_SLUG, source=SCALE_SOURCE).delete()
            people = f"SELECT id FROM {User._meta.db_table} WHERE username LIKE %s"
            pattern = USER_PREFIX + "%"
            for model in (Support, Participation):
                cursor.execute(f"DELETE FROM {model._meta.db_table} WHERE user_id IN ({people})", [pattern])
            # What the synthetic people did through the site since (a benchmark's supports) was recorded with them
            # as its author: synthetic too, it goes with them.
            cursor.execute(f"DELETE FROM {AuditEvent._meta.db_table} WHERE actor_id IN ({people})", [pattern])
            cursor.execute(f"DELETE FROM {User._meta.db_table} WHERE username LIKE %s", [pattern])

    # -- process

    def build_process(self) -> None:
        code = settings.ABIERTO_HOME_GOVERNMENT
        government, _created = Government.objects.get_or_create(
            code=code, defaults={"name": "Chile" if code == "CHL" else code, "kind": Government.Kind.NATIONAL}
        )
        plan = ActionPlan.objects.create(
            government=government,
            slug=PLAN_SLUG,
            title="Plan de acción sintético de la consulta nacional",
            start_year=self.today.year,
            end_year=self.today.year + 3,
            status=ActionPlan.Status.CO_CREATION,
            source=SCALE_SOURCE,
        )
        self.process = CoCreationProcess.objects.create(
            plan=plan,
            slug=PROCESS_SLUG,
            title="Consulta nacional (datos sintéticos)",
            description="Una consulta a escala nacional generada para medir el rendimiento.",
            template=CoCreationProcess.Template.FIFTH_PLAN,
            support_limit=SUPPORT_LIMIT,
            source=SCALE_SOURCE,
        )
        # Sixty-day stages; the second (reception: submit, support, comment) holds today.
        first = self.today - datetime.timedelta(days=90)
        stages = []
        for position, data in enumerate(stage_templates.TEMPLATES["fifth"], start=1):
            starts = first + datetime.timedelta(days=60 * (position - 1))
            stages.append(
                Stage(
                    process=self.process,
                    position=position,
                    starts_on=starts,
                    ends_on=starts + datetime.timedelta(days=59),
                    **data,
                )
            )
        Stage.objects.bulk_create(stages)
        self.themes = Theme.objects.bulk_create(
            [
                Theme(process=self.process, slug=slug, name=name, is_priority=priority, position=position)
                for position, (slug, name, priority) in enumerate(THEMES)
            ]
        )
        self.theme_ids = {theme.slug: theme.pk for theme in self.themes}

    # -- people

    def build_people(self) -> None:
        User = get_user_model()
        password = make_password(None)  # unusable: nobody signs in with a password here
        self.first_user = _next_id(User)
        rng = self.rng
        joined = self.now - datetime.timedelta(days=120)
        joined_value = User._meta.get_field("date_joined").get_db_prep_save(joined, connection)
        writer = Writer(
            User,
            [
                "id",
                "username",
                "password",
                "email",
                "first_name",
                "last_name",
                "is_staff",
                "is_active",
                "is_superuser",
                "date_joined",
            ],
        )

        def rows() -> Iterator[tuple]:
            for n in range(self.size.people):
                yield (
                    self.first_user + n,
                    f"{USER_PREFIX}{n:07d}",
                    password,
                    f"{USER_PREFIX}{n:07d}@consulta.example",
                    FIRST_NAMES[rng.randrange(len(FIRST_NAMES))],
                    SURNAMES[rng.randrange(len(SURNAMES))],
                    False,
                    True,
                    False,
                    joined_value,
                )

        writer.write(rows())
        _reset_sequence(User)

    def user_id(self, n: int) -> int:
        return self.first_user + n

    # -- proposals

    def build_proposals(self) -> None:
        rng = self.rng
        size = self.size
        self.first_proposal = _next_id(Proposal)
        regions = territory.REGIONS
        # Most proposals come from the Metropolitan region, as in the real consultations.
        region_weights = [8 if code == "RM" else 3 if code in {"V", "VIII"} else 1 for code, _name, _c in regions]
        n = size.proposals
        self.subject_of = array("H", (rng.randrange(len(SUBJECTS)) for _ in range(n)))
        # Responses: ~1 % merged into an earlier proposal on the same subject, ~6 % not adopted; ~0.5 % hidden.
        self.merged_into: dict[int, int] = {}
        last_by_subject: dict[int, int] = {}
        for i in range(n):
            subject = self.subject_of[i]
            if subject in last_by_subject and rng.random() < 0.01:
                self.merged_into[i] = last_by_subject[subject]
            else:
                last_by_subject[subject] = i
        # Supports first (in compact arrays), so that each proposal is written with its final count.
        self.plan_supports()
        columns = [
            "id", "process_id", "kind", "status", "author_id", "author_kind", "organisation_name", "title",
            "problem", "gap", "what", "implies", "expected_results", "actors", "components", "region", "commune",
            "branch", "submitted_at", "support_count", "terms", "hidden_at", "hidden_reason", "response_kind",
            "merged_into_id", "response_text", "responded_at", "created_at", "updated_at",
        ]  # fmt: skip
        writer = Writer(Proposal, columns)
        prep = Proposal._meta.get_field("submitted_at")
        process_id = self.process.pk
        start = self.now - datetime.timedelta(days=30)
        self.region_of: list[str] = []
        self.proposal_terms: list[str] = []
        theme_rows: list[tuple[int, int]] = []
        theme_slugs = list(self.theme_ids)

        def dt(value: datetime.datetime | None) -> Any:
            return prep.get_db_prep_save(value, connection) if value is not None else None

        def rows() -> Iterator[tuple]:
            for i in range(n):
                pk = self.first_proposal + i
                theme, subject = SUBJECTS[self.subject_of[i]]
                region_code, _name, communes = rng.choices(regions, weights=region_weights)[0]
                commune = communes[rng.randrange(len(communes))]
                pieces = {
                    "title": [rng.choice(TITLES).format(s=subject), f"en {commune}"],
                    "problem": [rng.choice(PROBLEMS).format(s=subject, c=commune)],
                    "gap": [rng.choice(GAPS)],
                    "what": [rng.choice(WHATS).format(s=subject, c=commune)],
                    "implies": [rng.choice(IMPLIES)],
                    "expected_results": [rng.choice(RESULTS).format(s=subject, c=commune)],
                }
                if rng.random() < 0.4:  # a second subject, as real proposals mix topics
                    other = SUBJECTS[rng.randrange(len(SUBJECTS))][1]
                    pieces["what"].append(f"También se relaciona con {other}.")
                texts = {name: " ".join(parts) for name, parts in pieces.items()}
                order = ("title", "problem", "gap", "what", "implies", "expected_results")
                terms = " ".join(_stems(part) for name in order for part in pieces[name])
                submitted = start + datetime.timedelta(seconds=int(30 * 86400 * i / n))
                hidden = rng.random() < 0.005
                response_kind, merged, response_text, responded = "", None, "", None
                if i in self.merged_into:
                    response_kind, merged = "merged", self.first_proposal + self.merged_into[i]
                    response_text = "Fusionada con una propuesta anterior que trata el mismo problema."
                    responded = submitted + datetime.timedelta(days=2)
                elif rng.random() < 0.06:
                    response_kind, response_text = "not_adopted", rng.choice(NOT_ADOPTED)
                    responded = submitted + datetime.timedelta(days=5)
                self.region_of.append(region_code)
                self.proposal_terms.append(terms)
                theme_rows.append((pk, self.theme_ids[theme]))
                if rng.random() < 0.3:
                    extra = theme_slugs[rng.randrange(len(theme_slugs))]
                    if extra != theme:
                        theme_rows.append((pk, self.theme_ids[extra]))
                yield (
                    pk, process_id, "proposal", "published", self.user_id(rng.randrange(size.people)), "person", "",
                    texts["title"][:200], texts["problem"], texts["gap"], texts["what"], texts["implies"],
                    texts["expected_results"], "Organizaciones de la sociedad civil y el municipio.",
                    "Mesa de trabajo, tablero público y reportes semestrales.", region_code, commune, "",
                    dt(submitted), self.support_count[i], terms, dt(submitted + datetime.timedelta(days=1)) if hidden
                    else None, HIDDEN_REASON if hidden else "", response_kind, merged, response_text, dt(responded),
                    dt(submitted), dt(responded or submitted),
                )  # fmt: skip

        writer.write(rows())
        _reset_sequence(Proposal)
        through = Proposal.themes.through
        Writer(through, ["proposal_id", "theme_id"]).write(theme_rows)
        _reset_sequence(through)

    # -- supports

    def plan_supports(self) -> None:
        """Who supports what, in compact arrays: each person 0 to 7 distinct proposals, popular ones more often,
        merged proposals never, until the total is reached."""
        rng = self.rng
        n, total = self.size.proposals, self.size.supports
        # Popularity: a power law over a shuffled order of the proposals.
        order = list(range(n))
        rng.shuffle(order)
        counts_weights = [w for _k, w in SUPPORTS_PER_PERSON]
        ks = [k for k, _w in SUPPORTS_PER_PERSON]
        self.support_proposal = array("i")
        self.support_person = array("i")
        self.support_count = array("i", bytes(4 * n))
        self.used: dict[int, int] = {}
        merged = self.merged_into
        written = 0
        person = 0
        while written < total and person < self.size.people:
            k = min(rng.choices(ks, weights=counts_weights)[0], total - written)
            chosen: set[int] = set()
            while len(chosen) < k:
                index = order[int(n * rng.random() ** 2.2)]
                if index not in merged:
                    chosen.add(index)
            for index in sorted(chosen):
                self.support_proposal.append(index)
                self.support_person.append(person)
                self.support_count[index] += 1
            if k:
                self.used[person] = k
            written += k
            person += 1

    def build_supports(self) -> None:
        created = Support._meta.get_field("created_at").get_db_prep_save(
            self.now - datetime.timedelta(days=1), connection
        )
        first_proposal, first_user = self.first_proposal, self.first_user
        proposals, people = self.support_proposal, self.support_person
        Writer(Support, ["proposal_id", "user_id", "created_at"]).write(
            (first_proposal + proposals[i], first_user + people[i], created) for i in range(len(proposals))
        )
        process_id = self.process.pk
        Writer(Participation, ["process_id", "user_id", "supports_used"]).write(
            (process_id, first_user + person, k) for person, k in self.used.items()
        )

    # -- comments

    def build_comments(self) -> None:
        rng = self.rng
        n = self.size.proposals
        first = _next_id(Comment)
        prep = Comment._meta.get_field("created_at")
        base = self.now - datetime.timedelta(days=20)
        # Threads: a first-level comment, then replies to it or to a reply (three levels at most).
        open_threads: list[tuple[int, int, int]] = []  # (comment id, proposal index, depth)

        def rows() -> Iterator[tuple]:
            for c in range(self.size.comments):
                pk = first + c
                when = prep.get_db_prep_save(base + datetime.timedelta(seconds=c * 5), connection)
                author = self.user_id(rng.randrange(self.size.people))
                text = COMMENTS[rng.randrange(len(COMMENTS))]
                if open_threads and rng.random() < 0.4:
                    parent, index, depth = open_threads[rng.randrange(len(open_threads))]
                    if depth < Comment.MAX_DEPTH:
                        if depth + 1 < Comment.MAX_DEPTH:
                            open_threads.append((pk, index, depth + 1))
                        yield (pk, self.first_proposal + index, None, parent, depth + 1, author, text, when)
                        continue
                index = int(n * rng.random() ** 1.5)
                open_threads.append((pk, index, 1))
                if len(open_threads) > 5000:
                    del open_threads[:1000]
                yield (pk, self.first_proposal + index, None, None, 1, author, text, when)

        Writer(
            Comment, ["id", "proposal_id", "commitment_id", "parent_id", "depth", "author_id", "text", "created_at"]
        ).write(rows())
        _reset_sequence(Comment)

    # -- similarity index

    def build_similarity_index(self) -> None:
        process_id = self.process.pk
        frequencies: dict[str, int] = {}
        indexed = 0

        def postings() -> Iterator[tuple]:
            nonlocal indexed
            for i, terms in enumerate(self.proposal_terms):
                distinct = sorted({t for t in terms.split() if len(t) <= MAX_TERM_LENGTH})
                if not distinct:
                    continue
                indexed += 1
                pk = self.first_proposal + i
                for term in distinct:
                    frequencies[term] = frequencies.get(term, 0) + 1
                    yield (process_id, term, pk)

        Writer(ProposalTerm, ["process_id", "term", "proposal_id"]).write(postings())
        frequencies[TOTAL] = indexed
        Writer(ProcessTerm, ["process_id", "term", "df"]).write(
            (process_id, term, df) for term, df in sorted(frequencies.items())
        )

    def analyze(self) -> None:
        """Statistics for the planner; on PostgreSQL also the visibility map, so counts read indexes alone."""
        with connection.cursor() as cursor:
            vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block  # not inside a test
            cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")


def counts(process: CoCreationProcess | None) -> dict[str, int]:
    if process is None:
        return {}
    User = get_user_model()
    proposals = Proposal.objects.filter(process=process)
    return {
        "proposals": proposals.count(),
        "people": User.objects.filter(username__startswith=USER_PREFIX).count(),
        "supports": Support.objects.filter(proposal__process=process).count(),
        "comments": Comment.objects.filter(proposal__process=process).count(),
        "participations": Participation.objects.filter(process=process).count(),
        "similarity_postings": ProposalTerm.objects.filter(process=process).count(),
        "hidden": proposals.filter(hidden_at__isnull=False).count(),
        "merged": proposals.filter(response_kind="merged").count(),
        "responded": proposals.exclude(response_kind="").count(),
    }


def existing() -> CoCreationProcess | None:
    return CoCreationProcess.objects.filter(slug=PROCESS_SLUG).first()
