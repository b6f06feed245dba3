"""A synthetic registry at national scale, for benchmarks and load tests (``manage.py generate_scale``).

Everything is built from a seeded random generator and fixed word lists, so the same profile and
seed give the same plans, commitments, milestones, evidence and indicators on every database.

This is the one place that writes registry rows without going through ``abierto.plans.services.save``:
the data is synthetic and has no author, so it has no audit history, and going row by row through
the services (validation, audit log, recomputation, search) would take tens of minutes for tens of
thousands of rows. Rows are inserted with ``bulk_create`` in batches; the derived figures are then
recomputed once with ``progress.recompute_all()`` and the search index is rebuilt once.
"""

import datetime
import random
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypeVar

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.utils.text import slugify

from abierto.accounts.models import Role
from abierto.assessments.models import (
    Assessment,
    ChangeInCompletion,
    EarlyResults,
    OpenedGovernment,
    PotentialForResults,
    PotentialImpact,
    Specificity,
)
from abierto.institutions.models import Government, Institution
from abierto.monitoring.models import ProgressReport, ReportingPeriod
from abierto.plans import progress
from abierto.plans.models import (
    ActionPlan,
    Commitment,
    CommitmentValue,
    Completion,
    Evidence,
    Indicator,
    Measurement,
    Milestone,
    OgpValue,
    PolicyArea,
)

# Every synthetic plan carries this source; a plan with any other source is real data.
SCALE_SOURCE = "Datos sintéticos (generate_scale)"
DEFAULT_SEED = 2026
# Plan statuses are decided against this year, not the clock, so the data never depends on the day.
REFERENCE_YEAR = 2026
# Reporting periods are past, current or future against this day (not the clock), for the same reason.
REFERENCE_DATE = datetime.date(REFERENCE_YEAR, 3, 1)
# Synthetic accounts (one secretariat, one implementer per institution) have usernames with this prefix.
SCALE_USER_PREFIX = "scale-"
BATCH_SIZE = 1000

T = TypeVar("T")


@dataclass(frozen=True)
class Profile:
    plans: int
    commitments: int
    milestones: int
    evidence: int
    indicators: int
    measurements: int
    institutions: int
    progress_reports: int
    # Monitoring: reporting periods (semesters) per plan, and reports in the workflow over them.
    periods_per_plan: int = 0
    workflow_reports: int = 0


PROFILES: dict[str, Profile] = {
    "national": Profile(
        plans=50,
        commitments=2000,
        milestones=10000,
        evidence=20000,
        indicators=1000,
        measurements=5000,
        institutions=400,
        progress_reports=800,
        periods_per_plan=8,
        workflow_reports=29200,
    ),
    "small": Profile(
        plans=2,
        commitments=20,
        milestones=100,
        evidence=200,
        indicators=10,
        measurements=50,
        institutions=15,
        progress_reports=8,
        periods_per_plan=4,
        workflow_reports=40,
    ),
}


class RealDataPresent(Exception):
    """The database holds plans that generate_scale did not create."""


# ---------------------------------------------------------------- word lists

# (OGP name, Spanish name, slug)
POLICY_AREAS = [
    ("Access to Information", "Acceso a la información", "access-to-information"),
    ("Anti-Corruption and Integrity", "Anticorrupción e integridad", "anti-corruption"),
    ("Beneficial Ownership", "Beneficiarios finales", "beneficial-ownership"),
    ("Civic Space", "Espacio cívico", "civic-space"),
    ("Climate and Environment", "Clima y medio ambiente", "climate-environment"),
    ("Digital Governance", "Gobernanza digital", "digital-governance"),
    ("Education", "Educación", "education"),
    ("Extractive Industries", "Industrias extractivas", "extractive-industries"),
    ("Fiscal Openness", "Apertura fiscal", "fiscal-openness"),
    ("Gender", "Género", "gender"),
    ("Health", "Salud", "health"),
    ("Inclusion", "Inclusión", "inclusion"),
    ("Justice", "Justicia", "justice"),
    ("Legislative Openness", "Parlamento abierto", "legislative-openness"),
    ("Lobbying", "Lobby", "lobbying"),
    ("Local Government", "Gobierno local", "local-government"),
    ("Open Data", "Datos abiertos", "open-data"),
    ("Public Participation", "Participación ciudadana", "public-participation"),
    ("Public Procurement", "Compras públicas", "public-procurement"),
    ("Public Service Delivery", "Servicios públicos", "public-service-delivery"),
    ("Water and Sanitation", "Agua y saneamiento", "water-sanitation"),
    ("Whistleblower Protection", "Protección de denunciantes", "whistleblower-protection"),
    ("Youth", "Juventudes", "youth"),
]

TITLE_VERBS = [
    "Fortalecer",
    "Implementar",
    "Crear",
    "Consolidar",
    "Diseñar",
    "Promover",
    "Desarrollar",
    "Modernizar",
    "Institucionalizar",
    "Ampliar",
    "Mejorar",
    "Establecer",
    "Impulsar",
    "Articular",
    "Transparentar",
]

# (object of the title, policy area slug)
TITLE_OBJECTS = [
    ("la transparencia en las compras públicas", "public-procurement"),
    ("un portal nacional de datos abiertos", "open-data"),
    ("la participación ciudadana en el presupuesto", "fiscal-openness"),
    ("el acceso a la información pública", "access-to-information"),
    ("la rendición de cuentas de los gobiernos locales", "local-government"),
    ("un registro de beneficiarios finales", "beneficial-ownership"),
    ("la integridad en el servicio público", "anti-corruption"),
    ("una política de justicia abierta", "justice"),
    ("la transparencia del lobby y la gestión de intereses", "lobbying"),
    ("la participación de las juventudes en políticas públicas", "youth"),
    ("la igualdad de género en la gestión pública", "gender"),
    ("la gestión abierta del agua", "water-sanitation"),
    ("la transparencia en las industrias extractivas", "extractive-industries"),
    ("la protección de personas denunciantes", "whistleblower-protection"),
    ("la información sobre listas de espera en salud", "health"),
    ("los datos de calidad de la educación pública", "education"),
    ("la transformación digital del Estado", "digital-governance"),
    ("la inclusión de personas con discapacidad", "inclusion"),
    ("un Congreso abierto y participativo", "legislative-openness"),
    ("la información ambiental y climática", "climate-environment"),
    ("los consejos de la sociedad civil", "public-participation"),
    ("la protección del espacio cívico", "civic-space"),
    ("la trazabilidad de los servicios públicos", "public-service-delivery"),
    ("la transparencia presupuestaria municipal", "fiscal-openness"),
    ("las declaraciones de patrimonio e intereses", "anti-corruption"),
]

TITLE_COMPLEMENTS = [
    "",
    "",
    " a nivel regional",
    " en los municipios",
    " con enfoque de género",
    " mediante datos abiertos",
    " para la ciudadanía",
    " con participación de la sociedad civil",
    " en zonas rurales",
    " con pertinencia para pueblos indígenas",
    " de manera colaborativa",
    " en el sector salud",
    " en la administración del Estado",
]

PROBLEM_SENTENCES = [
    "La información sobre {topic} se encuentra dispersa en distintos servicios y no siempre es comparable.",
    "Las personas enfrentan barreras para conocer y fiscalizar {topic}.",
    "No existen mecanismos permanentes de participación ciudadana en {topic}.",
    "Los registros administrativos sobre {topic} no se publican en formatos abiertos.",
    "Diagnósticos previos muestran baja confianza ciudadana respecto de {topic}.",
    "Los gobiernos locales carecen de capacidades técnicas para abordar {topic}.",
]

OBJECTIVE_SENTENCES = [
    "Poner a disposición de la ciudadanía información oportuna y reutilizable sobre {topic}.",
    "Generar espacios de cocreación con la sociedad civil para mejorar {topic}.",
    "Reducir los riesgos de corrupción asociados a {topic}.",
    "Asegurar que {topic} cuente con estándares de transparencia y rendición de cuentas.",
]

DESCRIPTION_SENTENCES = [
    "El compromiso contempla el diseño participativo de una plataforma que reúna la información disponible.",
    "Se conformará una mesa de trabajo con organizaciones de la sociedad civil, academia y el sector público.",
    "La iniciativa incluye la publicación periódica de datos en formatos abiertos y la capacitación de funcionarios.",
    "Se elaborará un diagnóstico con participación ciudadana que servirá de base para la propuesta normativa.",
    "La implementación se realizará de forma gradual, comenzando con un piloto en regiones.",
    "Los resultados serán evaluados por un comité de seguimiento con representación de la sociedad civil.",
    "Se promoverá el uso de la información por parte de periodistas, investigadores y organizaciones comunitarias.",
    "El compromiso se vincula con la agenda de modernización del Estado y la estrategia de transformación digital.",
]

RESULT_SENTENCES = [
    "Ciudadanía con acceso a información completa y actualizada.",
    "Funcionarios capacitados en estándares de gobierno abierto.",
    "Mecanismo de participación institucionalizado y en funcionamiento.",
    "Datos publicados en el portal de datos abiertos con actualización periódica.",
    "Propuesta normativa ingresada al Congreso Nacional.",
]

MILESTONE_VERBS = [
    "Elaborar",
    "Publicar",
    "Realizar",
    "Aprobar",
    "Diseñar",
    "Lanzar",
    "Evaluar",
    "Sistematizar",
    "Implementar",
    "Validar con la sociedad civil",
]

MILESTONE_OBJECTS = [
    "un diagnóstico participativo",
    "la guía metodológica",
    "mesas de trabajo con la sociedad civil",
    "el informe final de implementación",
    "la plataforma en línea",
    "un piloto en tres municipios",
    "el reglamento de la ley",
    "una consulta pública nacional",
    "el tablero de seguimiento",
    "talleres de capacitación para funcionarios",
    "el conjunto de datos abiertos",
    "el protocolo de publicación",
    "una campaña de difusión ciudadana",
    "el estándar de datos",
    "el informe de evaluación intermedia",
]

EVIDENCE_TITLES = [
    "Acta de la mesa de trabajo N° {n}",
    "Informe de avance del {period}",
    "Resolución exenta N° {big}",
    "Presentación de resultados del {period}",
    "Registro fotográfico de la actividad",
    "Publicación en el Diario Oficial",
    "Lista de asistencia del taller N° {n}",
    "Conjunto de datos publicado ({period})",
    "Oficio ordinario N° {big}",
    "Minuta técnica N° {n}",
]

INDICATOR_NAMES = [
    ("Porcentaje de servicios que publican datos en formato abierto", "%"),
    ("Número de funcionarios capacitados", "personas"),
    ("Porcentaje de solicitudes de información respondidas en plazo", "%"),
    ("Número de organizaciones de la sociedad civil participantes", "organizaciones"),
    ("Porcentaje de municipios adheridos", "%"),
    ("Número de conjuntos de datos publicados", "conjuntos de datos"),
    ("Tiempo promedio de respuesta", "días"),
    ("Número de consultas ciudadanas realizadas", "consultas"),
    ("Porcentaje de compras con información completa", "%"),
    ("Número de visitas a la plataforma", "visitas"),
]

FIRST_NAMES = [
    "Camila",
    "Valentina",
    "Javiera",
    "Francisca",
    "Constanza",
    "Catalina",
    "María José",
    "Fernanda",
    "Daniela",
    "Josefa",
    "Matías",
    "Sebastián",
    "Benjamín",
    "Vicente",
    "Martín",
    "Diego",
    "Joaquín",
    "Tomás",
    "Cristóbal",
    "Ignacio",
]
SURNAMES = [
    "González",
    "Muñoz",
    "Rojas",
    "Díaz",
    "Pérez",
    "Soto",
    "Contreras",
    "Silva",
    "Martínez",
    "Sepúlveda",
    "Morales",
    "Rodríguez",
    "López",
    "Fuentes",
    "Hernández",
    "Torres",
    "Araya",
    "Flores",
    "Espinoza",
    "Valenzuela",
    "Castillo",
    "Tapia",
    "Reyes",
    "Gutiérrez",
    "Castro",
    "Pizarro",
    "Álvarez",
    "Vásquez",
    "Sánchez",
    "Fernández",
]
POSITIONS = [
    "Jefa de División",
    "Jefe de Departamento",
    "Coordinadora de Gobierno Abierto",
    "Coordinador de Transparencia",
    "Encargada de Participación Ciudadana",
    "Asesor de Modernización",
    "Subdirectora de Estudios",
]

SECTORS = [
    "Hacienda",
    "Educación",
    "Salud",
    "Justicia y Derechos Humanos",
    "Trabajo y Previsión Social",
    "Obras Públicas",
    "Vivienda y Urbanismo",
    "Agricultura",
    "Minería",
    "Transportes y Telecomunicaciones",
    "Bienes Nacionales",
    "Energía",
    "Medio Ambiente",
    "Desarrollo Social y Familia",
    "Economía, Fomento y Turismo",
    "Ciencia, Tecnología, Conocimiento e Innovación",
    "las Culturas, las Artes y el Patrimonio",
    "la Mujer y la Equidad de Género",
    "Relaciones Exteriores",
    "Defensa Nacional",
    "Interior",
    "Seguridad Pública",
    "Deporte",
    "la Secretaría General de la Presidencia",
]
SERVICES = [
    "Servicio Nacional de Aduanas",
    "Servicio de Impuestos Internos",
    "Servicio Nacional del Consumidor",
    "Servicio Nacional de la Discapacidad",
    "Servicio Nacional de Pesca y Acuicultura",
    "Servicio Nacional de la Mujer y la Equidad de Género",
    "Servicio de Registro Civil e Identificación",
    "Servicio Nacional de Capacitación y Empleo",
    "Servicio de Evaluación Ambiental",
    "Dirección de Compras y Contratación Pública",
    "Dirección de Presupuestos",
    "Dirección del Trabajo",
    "Dirección General de Aguas",
    "Dirección de Bibliotecas, Archivos y Museos",
    "Dirección Nacional del Servicio Civil",
    "Superintendencia de Salud",
    "Superintendencia de Educación",
    "Superintendencia del Medio Ambiente",
    "Superintendencia de Pensiones",
    "Superintendencia de Electricidad y Combustibles",
    "Agencia de Calidad de la Educación",
    "Instituto Nacional de Estadísticas",
    "Instituto de Previsión Social",
    "Instituto Nacional de la Juventud",
    "Fondo Nacional de Salud",
    "Comisión Nacional de Energía",
    "Comisión para el Mercado Financiero",
    "Corporación Nacional Forestal",
    "Oficina Nacional de Emergencia",
    "División de Gobierno Digital",
    "Comisión Nacional de Evaluación y Productividad",
    "Junta Nacional de Auxilio Escolar y Becas",
    "Servicio Nacional de Geología y Minería",
    "Servicio Agrícola y Ganadero",
]
AUTONOMOUS = [
    ("Consejo para la Transparencia", "CPLT"),
    ("Contraloría General de la República", "CGR"),
    ("Servicio Electoral", "SERVEL"),
    ("Instituto Nacional de Derechos Humanos", "INDH"),
    ("Defensoría de la Niñez", ""),
    ("Ministerio Público", ""),
    ("Banco Central", ""),
    ("Consejo Nacional de Televisión", "CNTV"),
]
LEGISLATIVE = [
    "Cámara de Diputadas y Diputados",
    "Senado",
    "Biblioteca del Congreso Nacional",
    "Comisión de Transparencia del Senado",
    "Comisión de Gobierno Interior de la Cámara",
    "Grupo Bicameral de Transparencia",
]
JUDICIAL = [
    "Corte Suprema",
    "Poder Judicial",
    "Corporación Administrativa del Poder Judicial",
    "Academia Judicial",
    "Tribunal de Contratación Pública",
    "Tribunal Constitucional",
]
REGIONS = [
    "Arica y Parinacota",
    "Tarapacá",
    "Antofagasta",
    "Atacama",
    "Coquimbo",
    "Valparaíso",
    "O'Higgins",
    "Maule",
    "Ñuble",
    "Biobío",
    "La Araucanía",
    "Los Ríos",
    "Los Lagos",
    "Aysén",
    "Magallanes",
    "Metropolitana",
]
COMMUNES = [
    "Peñalolén",
    "Ñuñoa",
    "Providencia",
    "Renca",
    "Puente Alto",
    "Maipú",
    "La Florida",
    "Independencia",
    "Recoleta",
    "Quilicura",
    "Temuco",
    "Valdivia",
    "Osorno",
    "Puerto Montt",
    "Castro",
    "Coyhaique",
    "Punta Arenas",
    "Iquique",
    "Calama",
    "Copiapó",
    "La Serena",
    "Ovalle",
    "Viña del Mar",
    "Quillota",
    "Rancagua",
    "Talca",
    "Curicó",
    "Chillán",
    "Concepción",
    "Talcahuano",
    "Los Ángeles",
    "Angol",
    "Villarrica",
    "Pucón",
    "Ancud",
    "San Antonio",
    "Quilpué",
    "Linares",
    "Lota",
    "Tomé",
]
CIVIL_SOCIETY = [
    "Fundación Ciudadanía Activa",
    "Fundación Datos Comunes",
    "Corporación Participa Más",
    "Observatorio del Gasto Fiscal Ciudadano",
    "Red de Organizaciones por la Transparencia",
    "Fundación Espacio Público Abierto",
    "Corporación Derechos Digitales del Sur",
    "Asociación de Consumidores Informados",
    "Fundación Mujeres en Liderazgo",
    "Red de Juventudes por el Clima",
    "Colectivo Agua Viva",
    "Fundación Inclusión Sin Barreras",
    "Corporación Periodismo de Datos",
    "Observatorio de la Justicia Ciudadana",
    "Fundación Presupuesto Abierto",
    "Red de Gobiernos Locales Abiertos",
    "Asociación Nacional de Consejos Vecinales",
    "Fundación Integridad Pública",
    "Colectivo Ciudad Accesible",
    "Corporación Territorios Indígenas",
]
ACADEMIA = [
    "Universidad de {c}",
    "Universidad Técnica de {c}",
    "Centro de Estudios Públicos de {c}",
    "Instituto de Políticas Públicas de {c}",
]
INTERNATIONAL = [
    ("Programa de las Naciones Unidas para el Desarrollo", "PNUD"),
    ("Banco Interamericano de Desarrollo", "BID"),
    ("Comisión Económica para América Latina y el Caribe", "CEPAL"),
    ("Organización para la Cooperación y el Desarrollo Económicos", "OCDE"),
    ("Banco Mundial", ""),
    ("Organización de los Estados Americanos", "OEA"),
    ("Fondo de las Naciones Unidas para la Infancia", "UNICEF"),
    ("Organización Panamericana de la Salud", "OPS"),
    ("Alianza para el Gobierno Abierto", "OGP"),
    ("ONU Mujeres", ""),
]
PRIVATE = [
    "Cámara de Comercio de {c}",
    "Asociación Gremial de Empresas Tecnológicas de {c}",
    "Confederación de la Producción de {c}",
]
LOCAL_UNITS = [
    ("Municipalidad de {g}", Institution.Branch.LOCAL),
    ("Dirección de Desarrollo Comunitario de {g}", Institution.Branch.LOCAL),
    ("Secretaría Comunal de Planificación de {g}", Institution.Branch.LOCAL),
    ("Concejo Municipal de {g}", Institution.Branch.LOCAL),
    ("Dirección de Obras de {g}", Institution.Branch.LOCAL),
    ("Oficina de Transparencia de {g}", Institution.Branch.LOCAL),
    ("Departamento de Salud de {g}", Institution.Branch.LOCAL),
    ("Departamento de Educación de {g}", Institution.Branch.LOCAL),
    ("Juzgado de Policía Local de {g}", Institution.Branch.JUDICIAL),
    ("Consejo Comunal de Organizaciones de la Sociedad Civil de {g}", Institution.Branch.CIVIL_SOCIETY),
]

SDGS = [
    "ODS 16: Paz, justicia e instituciones sólidas",
    "ODS 5: Igualdad de género",
    "ODS 6: Agua limpia y saneamiento",
    "ODS 4: Educación de calidad",
    "ODS 3: Salud y bienestar",
    "ODS 13: Acción por el clima",
    "ODS 10: Reducción de las desigualdades",
]

# Other governments in the registry: (code, name, kind, is a local government of the home country)
OTHER_GOVERNMENTS = [
    ("AUR", "República de Aurora", Government.Kind.NATIONAL, False),
    ("CLSAU", "San Aurelio", Government.Kind.LOCAL, True),
    ("CLRIA", "Los Ríos Altos", Government.Kind.LOCAL, True),
]


# ---------------------------------------------------------------- helpers


def allocate(total: int, weights: Sequence[float], minimum: int = 0) -> list[int]:
    """Split ``total`` into integer parts proportional to ``weights`` (largest remainder), each >= minimum."""
    n = len(weights)
    if n == 0:
        return []
    base = min(minimum, total // n)
    rest = total - base * n
    weight_sum = sum(weights) or 1
    raw = [rest * w / weight_sum for w in weights]
    parts = [int(r) for r in raw]
    remainder = rest - sum(parts)
    order = sorted(range(n), key=lambda i: (-(raw[i] - parts[i]), i))
    for i in order[:remainder]:
        parts[i] += 1
    return [base + p for p in parts]


def bulk(model: type[models.Model], objs: list[T]) -> list[T]:
    # Synthetic data only: see the module docstring for why this bypasses services.save.
    return model.objects.bulk_create(objs, batch_size=BATCH_SIZE)


def acronym_of(name: str) -> str:
    letters = [w[0] for w in name.replace(",", " ").split() if w[:1].isupper()]
    return "".join(letters)[:12] if len(letters) >= 3 else ""


@dataclass
class PlanSlot:
    government: Government
    kind: str
    number: int | None
    weight: float


@dataclass
class BuildReport:
    profile: str
    seed: int
    counts: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    removed_plans: int = 0
    search_rebuilt: bool = False
    search_documents: int | None = None


# ---------------------------------------------------------------- the builder


class ScaleBuilder:
    def __init__(
        self,
        profile: str = "national",
        *,
        seed: int = DEFAULT_SEED,
        force: bool = False,
        log: Callable[[str], None] | None = None,
    ) -> None:
        if profile not in PROFILES:
            raise ValueError(f"Perfil desconocido: {profile}")
        self.profile_name = profile
        self.profile = PROFILES[profile]
        self.seed = seed
        self.force = force
        self.rng = random.Random(seed)
        self.log = log or (lambda message: None)
        self.report = BuildReport(profile=profile, seed=seed)

    # -- entry point

    def run(self) -> BuildReport:
        started = time.perf_counter()
        self._step("limpieza", self.clear)
        with transaction.atomic():
            self._step("gobiernos e instituciones", self.build_governments_and_institutions)
            self._step("planes", self.build_plans)
            self._step("compromisos", self.build_commitments)
            self._step("hitos", self.build_milestones)
            self._step("evidencia", self.build_evidence)
            self._step("indicadores y mediciones", self.build_indicators)
            self._step("evaluaciones IRM y reportes", self.build_assessments_and_reports)
            self._step("usuarios y roles", self.build_users)
            self._step("períodos y reportes en el flujo", self.build_monitoring)
        self._step("avance calculado", progress.recompute_all)
        self._step("índice de búsqueda", self.rebuild_search)
        self.report.timings["total"] = round(time.perf_counter() - started, 2)
        self.report.counts = {
            "governments": Government.objects.count(),
            "institutions": Institution.objects.count(),
            "plans": ActionPlan.objects.count(),
            "commitments": Commitment.objects.count(),
            "milestones": Milestone.objects.count(),
            "evidence": Evidence.objects.count(),
            "indicators": Indicator.objects.count(),
            "measurements": Measurement.objects.count(),
            "assessments": Assessment.objects.count(),
            "progress_reports": ProgressReport.all_objects.count(),
            "published_progress_reports": ProgressReport.objects.count(),
            "reporting_periods": ReportingPeriod.objects.count(),
            "roles": Role.objects.count(),
        }
        return self.report

    def _step(self, label: str, fn: Callable[[], object]) -> None:
        started = time.perf_counter()
        fn()
        elapsed = time.perf_counter() - started
        self.report.timings[label] = round(elapsed, 2)
        self.log(f"  {label}: {elapsed:.1f} s")

    # -- safety

    def clear(self) -> None:
        """Remove an earlier synthetic registry; refuse to touch real plans unless forced."""
        real = ActionPlan.objects.exclude(source=SCALE_SOURCE)
        n_real = real.count()
        if n_real and not self.force:
            raise RealDataPresent(
                f"La base de datos tiene {n_real} plan(es) que no son sintéticos; "
                "generate_scale no los borra sin --force."
            )
        plans = ActionPlan.objects.all() if self.force else ActionPlan.objects.filter(source=SCALE_SOURCE)
        self.report.removed_plans = plans.count()
        if self.report.removed_plans:
            with transaction.atomic():
                # Reports protect the versions they correct and their periods: remove them first.
                reports = ProgressReport.all_objects.filter(commitment__plan__in=plans)
                reports.exclude(supersedes=None).update(supersedes=None)
                reports.delete()
                plans.delete()
        # Synthetic accounts (their roles go with them); real accounts have no such username.
        get_user_model().objects.filter(username__startswith=SCALE_USER_PREFIX).delete()

    # -- governments and institutions

    def build_governments_and_institutions(self) -> None:
        code = settings.ABIERTO_HOME_GOVERNMENT
        self.home, _ = Government.objects.get_or_create(
            code=code,
            defaults={
                "name": "Chile" if code == "CHL" else code,
                "kind": Government.Kind.NATIONAL,
                "region": "Americas",
            },
        )
        self.others: list[Government] = []
        for other_code, name, kind, is_local in OTHER_GOVERNMENTS:
            government, _ = Government.objects.get_or_create(
                code=other_code,
                defaults={
                    "name": name,
                    "kind": kind,
                    "country": self.home if is_local else None,
                    "region": "Americas",
                },
            )
            self.others.append(government)
        self.other_national = [g for g in self.others if g.kind == Government.Kind.NATIONAL]
        self.locals = [g for g in self.others if g.kind == Government.Kind.LOCAL]

        rng = self.rng
        total = self.profile.institutions
        n_local_each = max(1, min(len(LOCAL_UNITS), round(total * 0.025)))
        n_other = max(1, round(total * 0.12))
        n_international = min(len(INTERNATIONAL), round(total * 0.025))
        n_civil = max(1, round(total * 0.08))
        n_academia = round(total * 0.05)
        n_private = round(total * 0.025)
        n_state = max(1, total - n_local_each * len(self.locals) - n_other - n_international)
        n_state -= n_civil + n_academia + n_private
        n_state = max(1, n_state)

        state = self._state_candidates()
        wanted: list[tuple[str, str, str, Government | None]] = []  # name, acronym, branch, government
        wanted += [(name, acr, branch, self.home) for name, acr, branch in state[:n_state]]
        shuffled_other = state[:]
        rng.shuffle(shuffled_other)
        for government in self.other_national:
            wanted += [(name, acr, branch, government) for name, acr, branch in shuffled_other[:n_other]]
        for government in self.locals:
            wanted += [
                (template.format(g=government.name), "", branch, government)
                for template, branch in LOCAL_UNITS[:n_local_each]
            ]
        wanted += [
            (name, "", Institution.Branch.CIVIL_SOCIETY, self.home) for name in self._cycle(CIVIL_SOCIETY, n_civil)
        ]
        wanted += [
            (name, "", Institution.Branch.ACADEMIA, self.home)
            for name in self._templated(ACADEMIA, COMMUNES, n_academia)
        ]
        wanted += [
            (name, "", Institution.Branch.PRIVATE, self.home) for name in self._templated(PRIVATE, COMMUNES, n_private)
        ]
        wanted += [(name, acr, Institution.Branch.INTERNATIONAL, None) for name, acr in INTERNATIONAL[:n_international]]

        # Reuse institutions that already exist (an earlier run, or real data kept with --force).
        by_slug = {i.slug: i for i in Institution.objects.all()}
        by_name = {(i.government_id, i.name): i for i in by_slug.values()}
        new: list[Institution] = []
        self.institutions: list[Institution] = []
        seen: set[str] = set()
        for name, acr, branch, government in wanted:
            suffix = "" if government is None or government == self.home else f"-{government.code.lower()}"
            slug = (slugify(name)[: 120 - len(suffix)] + suffix).strip("-")
            if slug in seen:
                continue
            seen.add(slug)
            existing = by_slug.get(slug) or by_name.get((government.pk if government else None, name))
            if existing is not None:
                self.institutions.append(existing)
                continue
            institution = Institution(
                name=name,
                slug=slug,
                acronym=acr or acronym_of(name),
                branch=branch,
                government=government,
                website=f"https://www.{slug[:50].strip('-')}.example",
            )
            new.append(institution)
            self.institutions.append(institution)
        bulk(Institution, new)

        # Who can lead commitments of each government's plans; the first few lead far more than the rest.
        self.lead_pool: dict[int, list[Institution]] = {}
        for government in [self.home, *self.others]:
            pool = [
                i
                for i in self.institutions
                if i.government_id == government.pk and i.branch not in {Institution.Branch.INTERNATIONAL}
            ]
            state_first = [i for i in pool if i.is_state] + [i for i in pool if not i.is_state]
            self.lead_pool[government.pk] = state_first or self.institutions
        self.supporters = self.institutions

        self.areas = self._policy_areas()

    def _state_candidates(self) -> list[tuple[str, str, str]]:
        executive = [f"Ministerio de {s}" for s in SECTORS]
        executive += [f"Subsecretaría de {s}" for s in SECTORS]
        executive += SERVICES
        candidates: list[tuple[str, str, str]] = [(n, "", Institution.Branch.EXECUTIVE) for n in executive]
        candidates += [(n, a, Institution.Branch.AUTONOMOUS) for n, a in AUTONOMOUS]
        candidates += [(n, "", Institution.Branch.LEGISLATIVE) for n in LEGISLATIVE]
        candidates += [(n, "", Institution.Branch.JUDICIAL) for n in JUDICIAL]
        candidates += [(f"Corte de Apelaciones de {c}", "", Institution.Branch.JUDICIAL) for c in COMMUNES[10:27]]
        candidates += [(f"Gobierno Regional de {r}", "", Institution.Branch.LOCAL) for r in REGIONS]
        candidates += [(f"Municipalidad de {c}", "", Institution.Branch.LOCAL) for c in COMMUNES]
        candidates += [(f"Fiscalía Regional de {r}", "", Institution.Branch.AUTONOMOUS) for r in REGIONS]
        # Regional offices of the ministries make up the long tail of a national registry.
        for region in REGIONS:
            for sector in SECTORS[:16]:
                candidates.append(
                    (f"Secretaría Regional Ministerial de {sector} de {region}", "", Institution.Branch.EXECUTIVE)
                )
        head, tail = candidates[:160], candidates[160:]
        self.rng.shuffle(tail)
        return head + tail

    @staticmethod
    def _cycle(names: list[str], n: int) -> list[str]:
        """The first n names; past the list, regional chapters of the same organisations."""
        out = names[:n]
        for region in REGIONS:
            for name in names:
                if len(out) >= n:
                    return out
                out.append(f"{name} de {region}")
        return out

    @staticmethod
    def _templated(templates: list[str], places: list[str], n: int) -> list[str]:
        out: list[str] = []
        for place in places:
            for template in templates:
                if len(out) >= n:
                    return out
                out.append(template.format(c=place))
        return out

    def _policy_areas(self) -> dict[str, PolicyArea]:
        existing = {a.slug: a for a in PolicyArea.objects.all()}
        by_name = {a.name: a for a in existing.values()}
        new = []
        for name, name_es, slug in POLICY_AREAS:
            if slug not in existing and name not in by_name:
                area = PolicyArea(name=name, name_es=name_es, slug=slug)
                new.append(area)
                existing[slug] = area
            elif slug not in existing:
                existing[slug] = by_name[name]
        bulk(PolicyArea, new)
        return existing

    # -- plans

    def _plan_slots(self) -> list[PlanSlot]:
        n = self.profile.plans
        slots = [PlanSlot(self.home, ActionPlan.Kind.NATIONAL, None, 1.6)]
        if n >= 2:
            slots.append(PlanSlot(self.home, ActionPlan.Kind.ROADMAP, None, 1.4))
        cycle = [
            (self.home, ActionPlan.Kind.NATIONAL, 1.6),
            *[(g, ActionPlan.Kind.NATIONAL, 1.0) for g in self.other_national],
            *[(g, ActionPlan.Kind.LOCAL, 0.45) for g in self.locals],
        ]
        i = 0
        while len(slots) < n:
            government, kind, weight = cycle[i % len(cycle)]
            slots.append(PlanSlot(government, kind, None, weight))
            i += 1
        counters: dict[tuple[int, str], int] = {}
        for slot in slots:
            key = (slot.government.pk, slot.kind)
            counters[key] = counters.get(key, 0) + 1
            slot.number = counters[key]
        return slots

    def build_plans(self) -> None:
        slots = self._plan_slots()
        per_kind_total: dict[tuple[int, str], int] = {}
        for slot in slots:
            key = (slot.government.pk, slot.kind)
            per_kind_total[key] = max(per_kind_total.get(key, 0), slot.number or 0)
        plans = []
        for slot in slots:
            government, number = slot.government, slot.number or 1
            count = per_kind_total[(government.pk, slot.kind)]
            code = government.code.lower()
            if slot.kind == ActionPlan.Kind.ROADMAP:
                start, end = 2024, 2030
                slug = f"{code}-hoja-de-ruta" if number == 1 else f"{code}-hoja-de-ruta-{number}"
                title = f"Hoja de Ruta de Estado Abierto {start}–{end}"
            else:
                # Spread a government's plans over 2012–REFERENCE_YEAR, two to three years each; the last
                # one is in implementation now, except the home government's, which is being co-created.
                co_creating = government == self.home and count >= 3 and number == count
                last = count - 1 if co_creating else count
                start = REFERENCE_YEAR - 1 - ((last - number) * (REFERENCE_YEAR - 1 - 2012)) // max(last - 1, 1)
                if co_creating:
                    start = REFERENCE_YEAR
                end = start + (2 if number % 3 else 3)
                if slot.kind == ActionPlan.Kind.NATIONAL:
                    slug = f"{code}-plan-{number}"
                    where = "" if government == self.home else f" de {government.name}"
                    title = f"{number}° Plan de Acción de Gobierno Abierto{where} {start}–{end}"
                else:
                    slug = f"{code}-plan-local-{number}"
                    title = f"{number}° Plan de Acción Local de Gobierno Abierto de {government.name} {start}–{end}"
            if start >= REFERENCE_YEAR:
                status = ActionPlan.Status.CO_CREATION
            elif end < REFERENCE_YEAR:
                status = ActionPlan.Status.CLOSED
            else:
                status = ActionPlan.Status.IMPLEMENTATION
            plans.append(
                ActionPlan(
                    government=government,
                    kind=slot.kind,
                    number=number,
                    slug=slug[:60],
                    title=title,
                    description=self._paragraph(OBJECTIVE_SENTENCES, 2, topic="el gobierno abierto")
                    + " "
                    + self._paragraph(DESCRIPTION_SENTENCES, 2),
                    start_year=start,
                    end_year=end,
                    submitted_on=datetime.date(start, self.rng.randint(6, 12), self.rng.randint(1, 28)),
                    status=status,
                    source=SCALE_SOURCE,
                    ogp_plan_id=f"{government.code}{number:04d}" if slot.kind == ActionPlan.Kind.NATIONAL else "",
                )
            )
        self.plans = bulk(ActionPlan, plans)
        # Plans differ in size: some national plans are twice as long as others.
        self.plan_weights = [s.weight * self.rng.uniform(0.55, 1.6) for s in slots]

    # -- commitments

    def build_commitments(self) -> None:
        rng = self.rng
        counts = allocate(self.profile.commitments, self.plan_weights, minimum=3)
        for plan, n in zip(self.plans, counts, strict=True):
            plan.declared_commitments = n
        ActionPlan.objects.bulk_update(self.plans, ["declared_commitments"], batch_size=BATCH_SIZE)

        commitments: list[Commitment] = []
        self.commitment_areas: list[list[str]] = []
        ogp_seq: dict[str, int] = {}
        for plan, n in zip(self.plans, counts, strict=True):
            pool = self.lead_pool[plan.government_id]
            lead_weights = [1 / (rank + 1) ** 0.9 for rank in range(len(pool))]
            prefix = plan.government.code
            if plan.kind == ActionPlan.Kind.NATIONAL:
                prefix = {"CHL": "CL"}.get(prefix, prefix[:2].upper())
            for position in range(1, n + 1):
                verb = rng.choice(TITLE_VERBS)
                obj, area = rng.choice(TITLE_OBJECTS)
                title = f"{verb} {obj}{rng.choice(TITLE_COMPLEMENTS)}"
                topic = obj
                if plan.kind == ActionPlan.Kind.ROADMAP:
                    axis = (position - 1) // 8 + 1
                    code = f"{axis}.{(position - 1) % 8 + 1}"
                    ogp_id = None
                    horizon = [
                        Commitment.Horizon.IMMEDIATE,
                        Commitment.Horizon.MEDIUM,
                        Commitment.Horizon.LONG,
                    ][(position - 1) % 3]
                else:
                    ogp_seq[prefix] = ogp_seq.get(prefix, 0) + 1
                    code = f"{prefix}{ogp_seq[prefix]:04d}"
                    ogp_id = code
                    horizon = ""
                start = datetime.date(plan.start_year, rng.randint(1, 6), rng.randint(1, 28))
                end = datetime.date(plan.end_year, rng.randint(6, 12), rng.randint(1, 28))
                lead = rng.choices(pool, weights=lead_weights)[0]
                person = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)} {rng.choice(SURNAMES)}"
                areas = [area] + [rng.choice(POLICY_AREAS)[2] for _ in range(rng.randint(0, 2))]
                self.commitment_areas.append(list(dict.fromkeys(areas)))
                commitments.append(
                    Commitment(
                        plan=plan,
                        code=code,
                        ogp_id=ogp_id,
                        number=str(position),
                        position=position,
                        title=title,
                        year=plan.start_year,
                        theme=self.areas[area].label,
                        horizon=horizon,
                        start_date=start,
                        end_date=end,
                        dates_text=f"{start:%m/%Y} – {end:%m/%Y}",
                        lead_institution=lead,
                        responsibles_text=lead.name,
                        responsible_name=person,
                        responsible_position=rng.choice(POSITIONS),
                        responsible_email=f"{slugify(person).replace('-', '.')}@{lead.slug[:30].strip('-')}.example",
                        responsible_phone=f"+56 2 2{rng.randint(100, 999)} {rng.randint(1000, 9999)}",
                        problem=self._paragraph(PROBLEM_SENTENCES, 2, topic=topic),
                        main_objective=self._paragraph(OBJECTIVE_SENTENCES, 1, topic=topic),
                        brief_description=self._paragraph(DESCRIPTION_SENTENCES, 1),
                        description=self._paragraph(DESCRIPTION_SENTENCES, 4),
                        components=self._paragraph(MILESTONE_OBJECTS, 3, list_form=True),
                        expected_results=self._paragraph(RESULT_SENTENCES, 2),
                        relevance=self._paragraph(OBJECTIVE_SENTENCES, 1, topic=topic),
                        ambition=self._paragraph(PROBLEM_SENTENCES, 1, topic=topic),
                        sdg=rng.choice(SDGS),
                        closes_gender_gap=rng.random() < 0.3,
                        closes_inclusion_gap=rng.random() < 0.25,
                        is_withdrawn=rng.random() < 0.02,
                        source=SCALE_SOURCE,
                    )
                )
        self.commitments = bulk(Commitment, commitments)
        self.plan_by_id = {p.pk: p for p in self.plans}

        # Some national commitments continue one of the previous plan of the same government.
        by_plan: dict[int, list[Commitment]] = {}
        for c in self.commitments:
            by_plan.setdefault(c.plan_id, []).append(c)
        previous: dict[tuple[int, str], ActionPlan] = {}
        carried = []
        for plan in self.plans:
            key = (plan.government_id, plan.kind)
            earlier = previous.get(key)
            if earlier is not None and plan.kind == ActionPlan.Kind.NATIONAL:
                for c in by_plan.get(plan.pk, []):
                    if rng.random() < 0.06:
                        c.carried_from = rng.choice(by_plan[earlier.pk])
                        carried.append(c)
            previous[key] = plan
        Commitment.objects.bulk_update(carried, ["carried_from"], batch_size=BATCH_SIZE)

        # Policy areas, OGP values and supporting institutions.
        area_links = []
        value_rows = []
        support_links = []
        values = list(OgpValue)
        area_through = Commitment.policy_areas.through
        support_through = Commitment.supporting_institutions.through
        for c, slugs in zip(self.commitments, self.commitment_areas, strict=True):
            area_links += [area_through(commitment_id=c.pk, policyarea_id=self.areas[s].pk) for s in slugs]
            for value in rng.sample(values, rng.randint(1, 3)):
                value_rows.append(
                    CommitmentValue(
                        commitment=c,
                        value=value,
                        justification=f"Contribuye a {value.label.lower()}: "
                        + self._paragraph(OBJECTIVE_SENTENCES, 1, topic="la gestión pública"),
                    )
                )
            supporters = {s.pk for s in rng.sample(self.supporters, min(len(self.supporters), rng.randint(0, 3)))}
            supporters.discard(c.lead_institution_id)
            support_links += [support_through(commitment_id=c.pk, institution_id=pk) for pk in sorted(supporters)]
        bulk(area_through, area_links)
        bulk(CommitmentValue, value_rows)
        bulk(support_through, support_links)

    # -- milestones

    STATUS_MIX = {
        ActionPlan.Status.CLOSED: [("completed", 55), ("in_progress", 25), ("not_started", 10), ("withdrawn", 10)],
        ActionPlan.Status.IMPLEMENTATION: [
            ("completed", 25),
            ("in_progress", 40),
            ("not_started", 30),
            ("withdrawn", 5),
        ],
        ActionPlan.Status.CO_CREATION: [("not_started", 85), ("in_progress", 15)],
    }
    WEIGHTS = [Decimal(w) for w in ("1", "1", "1", "1", "2", "2", "3", "0.5", "1.5", "5", "10", "25")]

    def build_milestones(self) -> None:
        rng = self.rng
        # A few commitments have no milestone at all ("sin datos"); the others get a varying number.
        weights = [0.0 if rng.random() < 0.03 else rng.uniform(0.3, 2.0) for _ in self.commitments]
        if not any(weights):
            weights = [1.0] * len(self.commitments)
        counts = allocate(self.profile.milestones, weights)
        milestones = []
        for c, n in zip(self.commitments, counts, strict=True):
            plan = self.plan_by_id[c.plan_id]
            statuses, mix = zip(*self.STATUS_MIX[plan.status], strict=True)
            span = max((c.end_date - c.start_date).days, 1)
            for position in range(1, n + 1):
                status = rng.choices(statuses, weights=mix)[0]
                if status == "completed":
                    value = 100
                elif status == "not_started":
                    value = 0
                elif status == "in_progress":
                    value = rng.randint(1, 99)
                else:
                    value = rng.choice([0, rng.randint(0, 100)])
                start = c.start_date + datetime.timedelta(days=rng.randint(0, span * 2 // 3))
                end = start + datetime.timedelta(days=rng.randint(30, max(31, span // 2)))
                actual_end = end + datetime.timedelta(days=rng.randint(-20, 60)) if status == "completed" else None
                if actual_end is not None and actual_end < start:
                    actual_end = start
                obj = rng.choice(MILESTONE_OBJECTS)
                milestones.append(
                    Milestone(
                        commitment=c,
                        code=f"{c.code}.{position}" if plan.kind == ActionPlan.Kind.ROADMAP else str(position),
                        position=position,
                        description=f"{rng.choice(MILESTONE_VERBS)} {obj}",
                        expected_output=obj[0].upper() + obj[1:] + " publicado en el sitio institucional.",
                        progress_description=(
                            self._paragraph(DESCRIPTION_SENTENCES, 1) if status in {"completed", "in_progress"} else ""
                        ),
                        responsibles_text=c.responsibles_text,
                        start_date=start,
                        end_date=end,
                        actual_start_date=start if status != "not_started" else None,
                        actual_end_date=actual_end,
                        duration_text=f"{max(1, (end - start).days // 30)} meses",
                        weight=rng.choice(self.WEIGHTS),
                        status=status,
                        progress=value,
                    )
                )
        self.milestones = bulk(Milestone, milestones)

    # -- evidence

    def build_evidence(self) -> None:
        rng = self.rng
        n = self.profile.evidence
        status_weight = {"completed": 3.0, "in_progress": 2.0, "not_started": 0.3, "withdrawn": 0.5}
        on_milestones = round(n * 0.9) if self.milestones else 0
        targets = (
            rng.choices(self.milestones, weights=[status_weight[m.status] for m in self.milestones], k=on_milestones)
            if on_milestones
            else []
        )
        commitment_by_id = {c.pk: c for c in self.commitments}
        rows = []
        for i, milestone in enumerate(targets):
            rows.append(self._evidence(i, commitment_by_id[milestone.commitment_id], milestone))
        for i, commitment in enumerate(rng.choices(self.commitments, k=n - on_milestones), start=on_milestones):
            rows.append(self._evidence(i, commitment, None))
        bulk(Evidence, rows)

    def _evidence(self, i: int, commitment: Commitment, milestone: Milestone | None) -> Evidence:
        rng = self.rng
        plan = self.plan_by_id[commitment.plan_id]
        year = rng.randint(plan.start_year, plan.end_year)
        template = rng.choice(EVIDENCE_TITLES)
        title = template.format(n=rng.randint(1, 12), big=rng.randint(100, 9999), period=f"{year}")
        host = commitment.lead_institution.slug[:40].strip("-") if commitment.lead_institution else "gobiernoabierto"
        kind = rng.choice(["documentos", "actas", "noticias", "datos"])
        return Evidence(
            commitment=commitment,
            milestone=milestone,
            title=title,
            url=f"https://www.{host}.example/{kind}/{year}/{slugify(title)[:60]}-{i}",
            date=datetime.date(year, rng.randint(1, 12), rng.randint(1, 28)),
            description="" if rng.random() < 0.6 else self._paragraph(DESCRIPTION_SENTENCES, 1),
        )

    # -- indicators and measurements

    def build_indicators(self) -> None:
        rng = self.rng
        candidates = [c for c in self.commitments if self.plan_by_id[c.plan_id].kind != ActionPlan.Kind.ROADMAP]
        candidates = candidates or self.commitments
        owners = rng.choices(candidates, k=self.profile.indicators)
        owners.sort(key=lambda c: c.pk)
        levels = list(Indicator.Level)
        rows = []
        positions: dict[int, int] = {}
        for c in owners:
            positions[c.pk] = positions.get(c.pk, 0) + 1
            name, unit = rng.choice(INDICATOR_NAMES)
            baseline = Decimal(rng.randint(0, 40))
            target = baseline + Decimal(rng.randint(10, 60))
            start = c.start_date or datetime.date(self.plan_by_id[c.plan_id].start_year, 1, 1)
            rows.append(
                Indicator(
                    commitment=c,
                    level=levels[(positions[c.pk] - 1) % len(levels)],
                    narrative=self._paragraph(OBJECTIVE_SENTENCES, 1, topic="la información pública"),
                    name=name,
                    formula=f"({name.split(' de ', 1)[-1]} / total) × 100" if unit == "%" else "Suma simple",
                    unit=unit,
                    baseline_value=baseline,
                    baseline_date=start,
                    target_value=target,
                    target_date=c.end_date,
                    frequency=rng.choice(["Mensual", "Trimestral", "Semestral", "Anual"]),
                    means_of_verification="Reportes del sistema de seguimiento y actas de la mesa de trabajo.",
                    assumptions="Se mantiene el apoyo de las autoridades y la disponibilidad presupuestaria.",
                    position=positions[c.pk],
                )
            )
        indicators = bulk(Indicator, rows)

        n = self.profile.measurements
        counts = allocate(n, [rng.uniform(0.2, 2.0) for _ in indicators]) if indicators else []
        measurements = []
        for indicator, k in zip(indicators, counts, strict=True):
            step = (indicator.target_value - indicator.baseline_value) / max(k, 1)
            for j in range(k):
                month = indicator.baseline_date.month - 1 + 3 * (j + 1)
                date = datetime.date(indicator.baseline_date.year + month // 12, month % 12 + 1, 1)
                noise = Decimal(rng.randint(-300, 300)) / 100
                measurements.append(
                    Measurement(
                        indicator=indicator,
                        date=date,
                        value=(indicator.baseline_value + step * (j + 1) + noise).quantize(Decimal("0.01")),
                        note="" if rng.random() < 0.8 else "Dato preliminar.",
                    )
                )
        bulk(Measurement, measurements)

    # -- IRM assessments and self-reported progress

    def build_assessments_and_reports(self) -> None:
        rng = self.rng
        assessed_plans = {
            p.pk for p in self.plans if p.kind == ActionPlan.Kind.NATIONAL and p.status != ActionPlan.Status.CO_CREATION
        }
        completions = [Completion.NOT_STARTED, Completion.LIMITED, Completion.SUBSTANTIAL, Completion.COMPLETE]
        rows = []
        for c in self.commitments:
            if c.plan_id not in assessed_plans or rng.random() > 0.7:
                continue
            plan = self.plan_by_id[c.plan_id]
            closed = plan.status == ActionPlan.Status.CLOSED
            mid = rng.choice(completions)
            end = rng.choice(completions[completions.index(mid) :]) if closed else ""
            change = ""
            if end:
                change = ChangeInCompletion.NO_CHANGE if end == mid else ChangeInCompletion.INCREASE
            rows.append(
                Assessment(
                    commitment=c,
                    source=f"IRM · Informe de {'fin de término' if closed else 'avance'} {plan.period_label}",
                    source_row_id=str(c.pk),
                    progress_report_year=plan.start_year + 1,
                    end_of_term_report_year=plan.end_year + 1 if closed else None,
                    specificity=rng.choice(list(Specificity)),
                    verifiable=rng.random() < 0.85,
                    relevant_access_to_information=rng.random() < 0.6,
                    relevant_civic_participation=rng.random() < 0.5,
                    relevant_public_accountability=rng.random() < 0.35,
                    relevant_technology=rng.random() < 0.3,
                    potential_impact=rng.choice(list(PotentialImpact)),
                    potential_for_results=rng.choice(list(PotentialForResults)),
                    completion_progress_report=mid,
                    completion_end_of_term=end,
                    change_in_completion=change,
                    early_results=rng.choice(list(EarlyResults)) if closed else "",
                    opened_government=rng.choice(list(OpenedGovernment)[:5]) if closed else "",
                    carried_forward=rng.random() < 0.2 if closed else None,
                    mid_term_summary=self._paragraph(DESCRIPTION_SENTENCES, 2),
                    end_of_term_summary=self._paragraph(RESULT_SENTENCES, 2) if closed else "",
                )
            )
        bulk(Assessment, rows)

        national = [c for c in self.commitments if c.plan_id in assessed_plans] or self.commitments
        reports = []
        for c in rng.sample(national, min(len(national), self.profile.progress_reports)):
            plan = self.plan_by_id[c.plan_id]
            year = rng.randint(plan.start_year, plan.end_year)
            reports.append(
                ProgressReport(
                    commitment=c,
                    period_label=f"{'Primer' if rng.random() < 0.5 else 'Segundo'} semestre {year}",
                    completion=rng.choice(completions),
                    results_description=self._paragraph(RESULT_SENTENCES, 2),
                    next_steps=self._paragraph(DESCRIPTION_SENTENCES, 1),
                    published_on=datetime.date(year, rng.randint(1, 12), rng.randint(1, 28)),
                    source=SCALE_SOURCE,
                )
            )
        bulk(ProgressReport, reports)

    # -- monitoring: accounts, reporting periods and reports in the workflow

    def build_users(self) -> None:
        """One secretariat account and one implementer per institution, with an unusable password."""
        User = get_user_model()
        password = make_password(None)  # unusable: nobody signs in as a synthetic account
        people = [
            User(
                username=f"{SCALE_USER_PREFIX}secretaria",
                email="secretaria@scale.example",
                first_name="Secretaría",
                last_name="Ejecutiva",
                password=password,
                is_staff=True,
            )
        ]
        for institution in self.institutions:
            people.append(
                User(
                    username=f"{SCALE_USER_PREFIX}contraparte-{institution.pk}",
                    email=f"contraparte-{institution.pk}@scale.example",
                    first_name=self.rng.choice(FIRST_NAMES),
                    last_name=self.rng.choice(SURNAMES),
                    password=password,
                )
            )
        people = bulk(User, people)
        self.secretariat_user = people[0]
        self.implementer_by_institution = {
            institution.pk: user for institution, user in zip(self.institutions, people[1:], strict=True)
        }
        roles = [Role(user=self.secretariat_user, kind=Role.Kind.SECRETARIAT)]
        roles += [
            Role(user=user, kind=Role.Kind.IMPLEMENTER, institution_id=pk)
            for pk, user in self.implementer_by_institution.items()
        ]
        bulk(Role, roles)

    # Final status of the latest version of a report, by where its period stands on REFERENCE_DATE.
    PAST_MIX = [("published", 82), ("validated", 7), ("submitted", 4), ("changes_requested", 3), ("draft", 2), ("", 2)]
    CURRENT_MIX = [
        ("draft", 30),
        ("submitted", 22),
        ("changes_requested", 10),
        ("validated", 10),
        ("published", 6),
        ("", 22),
    ]

    def build_monitoring(self) -> None:
        """Semesters for every plan, and ``workflow_reports`` reports spread over commitments × periods.

        Past periods are mostly published, the current one is mostly drafts and submissions, future ones
        have nothing. Versions form chains: v1…v(n-1) published (each corrected by the next, ``supersedes``),
        the last one in any status, so at most one report per commitment and period is open."""
        rng = self.rng
        n_periods = self.profile.periods_per_plan
        if not n_periods:
            return
        periods = []
        for plan in self.plans:
            for k in range(n_periods):
                year, first = plan.start_year + k // 2, k % 2 == 0
                start = datetime.date(year, 1 if first else 7, 1)
                end = datetime.date(year, 6, 30) if first else datetime.date(year, 12, 31)
                periods.append(
                    ReportingPeriod(
                        plan=plan,
                        label=f"{'Primer' if first else 'Segundo'} semestre {year}",
                        start=start,
                        end=end,
                        deadline=end + datetime.timedelta(days=31),
                    )
                )
        periods = bulk(ReportingPeriod, periods)
        by_plan: dict[int, list[Commitment]] = {}
        for c in self.commitments:
            by_plan.setdefault(c.plan_id, []).append(c)

        # (commitment, period, final status, past?) for each pair that has a report.
        pairs = []
        for period in periods:
            if period.start > REFERENCE_DATE:
                continue
            past = period.deadline < REFERENCE_DATE
            statuses, weights = zip(*(self.PAST_MIX if past else self.CURRENT_MIX), strict=True)
            for c in by_plan.get(period.plan_id, []):
                status = rng.choices(statuses, weights=weights)[0]
                if status:
                    pairs.append((c, period, status, past))
        target = self.profile.workflow_reports
        if len(pairs) > target:
            keep = set(rng.sample(range(len(pairs)), target))
            pairs = [p for i, p in enumerate(pairs) if i in keep]
        # Corrections: extra published versions before the last, mostly on past periods.
        extra = target - len(pairs)
        weights = [rng.uniform(0.2, 2.0) if past else rng.uniform(0.0, 0.3) for _c, _p, _s, past in pairs]
        versions = [1 + k for k in allocate(extra, weights)] if extra > 0 and pairs else [1] * len(pairs)

        secretariat = self.secretariat_user
        completions = [Completion.NOT_STARTED, Completion.LIMITED, Completion.SUBSTANTIAL, Completion.COMPLETE]
        chains: list[list[ProgressReport]] = []
        for (c, period, final, _past), n in zip(pairs, versions, strict=True):
            author = self.implementer_by_institution.get(c.lead_institution_id)
            chain = []
            for version in range(1, n + 1):
                status = final if version == n else ProgressReport.Status.PUBLISHED
                # Each correction comes about a month after the version it corrects.
                day = period.deadline + datetime.timedelta(days=30 * (version - 1) - rng.randint(0, 20))
                moment = datetime.datetime.combine(day, datetime.time(10, rng.randint(0, 59)), tzinfo=datetime.UTC)
                sent = status != ProgressReport.Status.DRAFT
                checked = status in (ProgressReport.Status.VALIDATED, ProgressReport.Status.PUBLISHED)
                published = status == ProgressReport.Status.PUBLISHED
                chain.append(
                    ProgressReport(
                        commitment=c,
                        period=period,
                        period_label=period.label,
                        status=status,
                        version=version,
                        completion=rng.choice(completions),
                        results_description=self._paragraph(RESULT_SENTENCES, 2),
                        next_steps=self._paragraph(DESCRIPTION_SENTENCES, 1),
                        published_on=day if published else None,
                        source=SCALE_SOURCE,
                        created_by=author,
                        submitted_by=author if sent else None,
                        submitted_at=moment if sent else None,
                        validated_by=secretariat if checked else None,
                        validated_at=moment + datetime.timedelta(days=5) if checked else None,
                        published_by=secretariat if published else None,
                        published_at=moment + datetime.timedelta(days=7) if published else None,
                    )
                )
            chains.append(chain)
        # Version by version, so that each correction can point at the version it supersedes.
        for version in range(1, max(versions, default=0) + 1):
            level = []
            for chain in chains:
                if len(chain) >= version:
                    report = chain[version - 1]
                    if version > 1:
                        report.supersedes = chain[version - 2]
                    level.append(report)
            bulk(ProgressReport, level)

    # -- search

    def rebuild_search(self) -> None:
        from abierto.search import services as search

        rebuild = getattr(search, "rebuild", None)
        if callable(rebuild):
            documents = rebuild()
            self.report.search_rebuilt = True
            if isinstance(documents, int):
                self.report.search_documents = documents
        else:
            self.log("  (abierto.search.services.rebuild no existe todavía: índice de búsqueda omitido)")

    # -- text

    def _paragraph(self, sentences: Iterable[str], n: int, *, topic: str = "", list_form: bool = False) -> str:
        chosen = self.rng.sample(list(sentences), n)
        if list_form:
            return "\n".join(f"- {s[0].upper()}{s[1:]}." for s in chosen)
        return " ".join(s.format(topic=topic) for s in chosen)
