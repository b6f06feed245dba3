"""Chile's forum record, transcribed from the sources the project holds, loaded through the audited services.

- The 2017 Mesa de Gobierno Abierto: Resolución Exenta N° 852, 31 July 2017 (seed 002, domain.md).
- The 2023 Mesa Nacional de Estado Abierto: Resolución Exenta N° 499, 19 May 2023 (seed 000, domain.md).
- The meeting of 28 March 2022 (seed 001) in full: attendees, agenda, the fourteen points, the four agreements.

Nothing is invented: a fact the sources do not give (the protocol's text, its quorum and majority rules,
who holds the 2023 seats, the session's kind, the agreements' status after the meeting) stays empty or
at its default. Two readings are ours and said so: seed 002 names the 2017 members and "organismos
internacionales como observadores" without saying who votes, so the members' seats are recorded with
voice and vote and the observers as observers; and in point 5 the source's "Hoja de Ruta#" (a closing
quote lost in the document's conversion) is written "Hoja de Ruta".

Every row is found by its natural key and written only when a field differs: a second run creates nothing.
"""

import datetime
from typing import Any

from django.db import models, transaction

from abierto.forum import selectors, services
from abierto.forum.models import (
    AgendaItem,
    Agreement,
    Attendance,
    Forum,
    Minutes,
    MinutesPoint,
    Right,
    Seat,
    SeatTerm,
    Sector,
    Session,
)
from abierto.institutions.models import Institution
from abierto.plans.chile import ACTOR_LABEL

KINDS = {
    "forum": "Mesas",
    "seat": "Asientos de la Mesa",
    "seat_term": "Períodos en los asientos",
    "session": "Sesiones de la Mesa",
    "agenda_item": "Puntos de tabla",
    "attendance": "Asistencia a sesiones",
    "minutes": "Actas",
    "minutes_point": "Puntos del desarrollo de actas",
    "agreement": "Acuerdos de la Mesa",
}
OUTCOMES = ("created", "updated", "unchanged")

SEED_002 = "Presentación «Cocreación del V Plan de Acción de Gobierno Abierto» (2020), Mesa de Gobierno Abierto"
SEED_000 = "Reporte de la Hoja de Ruta de Estado Abierto, acción 1.1"
SEED_001 = "Acta de la reunión de la Mesa de Gobierno Abierto del 28-03-2022"

RED_SC = "Red de Organizaciones de la Sociedad Civil de Gobierno Abierto"
RED_ACADEMICA = "Red Académica de Gobierno Abierto"
CEPAL = "Comisión Económica para América Latina y el Caribe (CEPAL)"
PNUD = "Programa de las Naciones Unidas para el Desarrollo (PNUD)"

FORUM_2017 = {
    "slug": "mesa-de-gobierno-abierto-2017",
    "name": "Mesa de Gobierno Abierto",
    "legal_basis": (
        "Resolución Exenta N° 852, de 31 de julio de 2017, del Ministerio Secretaría General de la Presidencia"
    ),
    "established_on": datetime.date(2017, 7, 31),
    "is_current": False,
    "description": (
        "Objetivo: servir como instancia de participación de la sociedad civil en los asuntos relacionados con "
        "las acciones de Chile en el contexto de la Alianza para el Gobierno Abierto: diseño, implementación, "
        "seguimiento y evaluación de los compromisos de los planes de acción."
    ),
    "source": SEED_002,
}

# (name, sector, right, is_chair, institution name or "")
SEATS_2017 = [
    ("Subsecretario General de la Presidencia", Sector.EXECUTIVE, Right.VOICE_VOTE, True, ""),
    (RED_SC, Sector.CIVIL_SOCIETY, Right.VOICE_VOTE, False, RED_SC),
    (RED_ACADEMICA, Sector.ACADEMIA, Right.VOICE_VOTE, False, RED_ACADEMICA),
    (CEPAL, Sector.INTERNATIONAL, Right.OBSERVER, False, ""),
    (PNUD, Sector.INTERNATIONAL, Right.OBSERVER, False, ""),
]
SEAT_NOTES_2017 = {"Subsecretario General de la Presidencia": "Quien preside dicha instancia."}

# The representatives the minutes of 28-03-2022 name; their terms' dates are not in the sources.
TERMS_2017 = [
    (RED_ACADEMICA, "Carolina Chávez"),
    (RED_SC, "Igor Morales"),
    (PNUD, "Felipe Ajenjo"),
    (CEPAL, "Alejandra Naser"),
]
TERM_NOTE = "Representante según el acta de la sesión del 28-03-2022; fechas del período no registradas en las fuentes."

FORUM_2023 = {
    "slug": "mesa-nacional-de-estado-abierto",
    "name": "Mesa Nacional de Estado Abierto",
    "legal_basis": (
        "Resolución Exenta N° 499, de 19 de mayo de 2023, del Ministerio Secretaría General de la Presidencia (SEGPRES)"
    ),
    "established_on": datetime.date(2023, 5, 19),
    "is_current": True,
    "description": (
        "En la Mesa Nacional de Estado Abierto participan con derecho a voz y voto representantes de los tres "
        "poderes del Estado y un organismo autónomo, dos representantes de sociedad civil y dos representantes "
        "de la academia. Por otra parte, participan con derecho a voz cuatro instituciones públicas relevantes en "
        "materia de Estado Abierto, dos representantes de sociedad civil y dos de la academia. Además, cuenta con "
        "la participación de dos organismos internacionales en calidad de observadores.\n"
        "Una vez conformada, sus integrantes definieron en conjunto y de manera colaborativa un protocolo de "
        "funcionamiento, el cual contempla funciones, deberes de los integrantes de la Mesa, las atribuciones de "
        "la presidencia de la mesa, forma de las sesiones ordinarias y extraordinarias, mecanismos de votación, "
        "entre otros."
    ),
    "source": SEED_000,
}

SEATS_2023 = [
    ("Subsecretaría General de la Presidencia", Sector.EXECUTIVE, Right.VOICE_VOTE, False, ""),
    ("Corte Suprema", Sector.JUDICIAL, Right.VOICE_VOTE, False, ""),
    ("Grupo Bicameral de Transparencia del Congreso Nacional", Sector.LEGISLATIVE, Right.VOICE_VOTE, False, ""),
    (
        "Contraloría General de la República",
        Sector.AUTONOMOUS,
        Right.VOICE_VOTE,
        False,
        "Contraloría General de la República",
    ),
    (f"{RED_SC}, representante 1", Sector.CIVIL_SOCIETY, Right.VOICE_VOTE, False, RED_SC),
    (f"{RED_SC}, representante 2", Sector.CIVIL_SOCIETY, Right.VOICE_VOTE, False, RED_SC),
    (f"{RED_ACADEMICA}, representante 1", Sector.ACADEMIA, Right.VOICE_VOTE, False, RED_ACADEMICA),
    (f"{RED_ACADEMICA}, representante 2", Sector.ACADEMIA, Right.VOICE_VOTE, False, RED_ACADEMICA),
    ("Subsecretaría de Desarrollo Regional y Administrativo (SUBDERE)", Sector.EXECUTIVE, Right.VOICE_ONLY, False, ""),
    ("Subsecretaría General de Gobierno", Sector.EXECUTIVE, Right.VOICE_ONLY, False, ""),
    ("Consejo para la Transparencia", Sector.AUTONOMOUS, Right.VOICE_ONLY, False, "Consejo para la Transparencia"),
    ("Laboratorio de Gobierno", Sector.EXECUTIVE, Right.VOICE_ONLY, False, ""),
    (f"{RED_SC}, representante 3", Sector.CIVIL_SOCIETY, Right.VOICE_ONLY, False, RED_SC),
    (f"{RED_SC}, representante 4", Sector.CIVIL_SOCIETY, Right.VOICE_ONLY, False, RED_SC),
    (f"{RED_ACADEMICA}, representante 3", Sector.ACADEMIA, Right.VOICE_ONLY, False, RED_ACADEMICA),
    (f"{RED_ACADEMICA}, representante 4", Sector.ACADEMIA, Right.VOICE_ONLY, False, RED_ACADEMICA),
    (CEPAL, Sector.INTERNATIONAL, Right.OBSERVER, False, ""),
    (PNUD, Sector.INTERNATIONAL, Right.OBSERVER, False, ""),
]
SEAT_NOTES_2023 = {
    "Subsecretaría General de Gobierno": "Espacio integrado por la División de Organizaciones Sociales (DOS).",
}

# ---------------------------------------------------------------- the meeting of 28 March 2022 (seed 001)

SESSION_2022 = {
    "title": "Reunión Mesa de Gobierno Abierto",
    "date": datetime.date(2022, 3, 28),
    "start_time": datetime.time(9, 30),
    "end_time": datetime.time(11, 0),
    "place": "Edificio Bicentenario. Teatinos 92, Santiago",
    "status": Session.Status.CLOSED,
    "source": SEED_001,
}

# (seat name or "", name, description as the minutes write it)
MEMBERS_2022 = [
    (RED_ACADEMICA, "Carolina Chávez", "representante de la Red Académica de Gobierno Abierto"),
    (RED_SC, "Igor Morales", "representante de la Red de Organizaciones de la Sociedad Civil de Gobierno Abierto"),
    (PNUD, "Felipe Ajenjo", "representante del Programa de las Naciones Unidad para el Desarrollo (PNUD)"),
    (CEPAL, "Alejandra Naser", "representante de la Comisión Económica para América Latina y el Caribe (CEPAL)"),
    ("", "Valeria Lübbert", "Secretaria Ejecutiva de la Comisión de Integridad Pública y Transparencia"),
]
OTHERS_2022 = [
    ("Cristina Vio", "Coordinadora de la Comisión de Integridad Pública y Transparencia"),
    ("Natalia Martínez", "Coordinadora de Proyectos de la Comisión de Integridad Pública y Transparencia"),
    ("Claudia Montero", "asesora de la Comisión de Integridad Pública y Transparencia"),
    ("Gabriel Ortiz", "asesor de la Comisión de Integridad Pública y Transparencia"),
    (
        "Daniel Oyarzún",
        "Director Ejecutivo de la Asociación Chilena de Voluntarios e integrante del Núcleo Coordinador de la Red "
        "de Organizaciones de la Sociedad Civil de Gobierno Abierto",
    ),
]
AGENDA_2022 = [
    "Presentación oficial de los integrantes de la Mesa de Gobierno Abierto y la Secretaria Ejecutiva.",
    "Revisión de los avances y próximos desafíos en el contexto de gobierno abierto.",
    "Implementación de la Hoja de Ruta y seguimiento del 5° Plan de Acción de Gobierno Abierto.",
]
POINTS_2022 = [
    # 1
    "La reunión inicia con la ronda de presentaciones de la Secretaria Ejecutiva y el equipo de la Comisión de "
    "Integridad Pública y Transparencia. A continuación, se presentaron los integrantes de la Mesa de Gobierno "
    "Abierto. La representante de CEPAL destacó el rol de su institución en apoyar al Gobierno de Chile en "
    "materias de gobierno abierto, especialmente en las transiciones políticas. Por su parte la representante de "
    "la Red Académica expuso que dicha red se compone de 39 personas provenientes de distintas universidades del "
    "país y que su rol es apoyar desde la formulación de políticas públicas con enfoque de gobierno abierto, así "
    "como formación en gobierno abierto, donde destaca la Escuela de Verano realizada en conjunto con la Red de "
    "Sociedad Civil. Por su parte, el representante de PNUD valora la generación del espacio de conversación a "
    "pocas semanas de instalada la nueva administración, lo cual demuestra el compromiso en avanzar en gobierno "
    "abierto.",
    # 2
    "Para continuar la ronda de presentaciones, el representante de la Red de Sociedad Civil comentó que la red "
    "está compuesta por 79 organizaciones de la sociedad civil, y que actualmente se encuentran en proceso de "
    "incorporación de más organizaciones. Asimismo, señala que dentro de la red próximamente se formarán Mesas "
    "Temáticas de acuerdo al artículo 12 de los estatutos vigentes, las cuales se alinearán con las áreas de "
    "trabajo de la Alianza para el Gobierno Abierto. Para finalizar, el Director Ejecutivo de la Asociación "
    "Chilena de Voluntarios indicó que su área de experiencia consiste en participación ciudadana y trabajo con "
    "gobiernos locales, área de interés para trabajar en los próximos Planes de Acción de Gobierno Abierto.",
    # 3
    "La Secretaria Ejecutiva toma la palabra para comentar sobre el monitoreo del 5° Plan de Acción de Gobierno "
    "Abierto, el cual se encuentra sin reporte en el sitio web y tampoco una metodología de reporte establecida. "
    "Como primera acción, se envió un oficio a los implementadores e implementadoras de los compromisos del Plan "
    "de Acción, y adicionalmente, se sostendrán reuniones bilaterales con cada institución pública para revisar "
    "los avances y desafíos para el cumplimiento, ante lo cual el Representante del Núcleo de la Red de la "
    "Sociedad Civil expresó su interés en participar. Para esto se propuso utilizar la misma metodología de "
    "seguimiento aplicada para el 4° Plan de Acción de Gobierno Abierto. En tal sentido, consultó a los miembros "
    "de la Mesa de Gobierno Abierto cuál es su apreciación sobre esta forma de monitorear el cumplimiento de los "
    "compromisos y cómo se podría mejorar.",
    # 4
    'Respecto al compromiso "Hoja de Ruta", del cual la Comisión es la institución responsable de su '
    "implementación, la Secretaria Ejecutiva quiere conocer las apreciaciones de la Mesa de Gobierno Abierto, en "
    'especial cómo se pensó y qué se espera de la "Hoja de Ruta". También comenta que el equipo de la Comisión se '
    "encuentra trabajando en un primer levantamiento de información, el cual puede utilizarse como un primer "
    "acercamiento al diagnóstico, donde se consideran acciones a largo plazo para transitar de Gobierno Abierto, "
    "a Estado Abierto y a un Chile Abierto. Este insumo contempla la incorporación de distintos sectores de la "
    "Administración del Estado, el sector privado, gobiernos locales, entre otros puntos.",
    # 5
    'La representante de la academia comenta que el compromiso "Hoja de Ruta" se pensó como una forma de mejorar '
    "lo que actualmente existe en gobierno abierto. Desde su perspectiva dentro del Estado se realizan varias "
    "consultas públicas, mesas de trabajo e instancias de participación ciudadana, las cuales no llevan el sello "
    "de gobierno abierto, es decir, no se articulan con la agenda de gobierno abierto. Esto evidencia una falta de "
    "coordinación y articulación dentro del Estado, por lo cual considera que es primordial ordenar lo que ya "
    "existe y dar institucionalidad. También se debe avanzar en asegurar un presupuesto para los temas de "
    "gobierno abierto, lo cual permitiría capacitar de forma permanente a los funcionarios y funcionarias "
    "públicas, implementar los Planes de Acción de Gobierno Abierto, e incluso utilizar fondos para la "
    "cocreación. Comenta que, en el escenario actual, si se decide realizar un Plan de Acción de forma "
    "presencial, no se cuentan con los recursos necesarios para el despliegue territorial. También indica que la "
    '"Hoja de Ruta" debe ser una planificación de cómo gobierno abierto puede trascender al resto de instituciones '
    "públicas, generar una estructura básica de funcionamiento y presupuesto asociado, de esta forma se puede "
    "transformar en una herramienta permanente que no dependa de voluntades.",
    # 6
    "Del mismo modo, el representante de la Red de Sociedad Civil señala que es necesario contar con puntos de "
    "contacto en los distintos ministerios y servicios públicos. Para esto considera que los encargados y "
    "encargadas de transparencia pueden ser un punto de partida. También opina que se debe contar con presupuesto "
    "para profundizar los temas de gobierno abierto, por lo que considera que se debe incorporar gobierno abierto "
    "en la discusión presupuestaria para el próximo año.",
    # 7
    "La representante de CEPAL señala que desde su institución cuentan con una metodología de seguimiento a la "
    "implementación de los Planes de Acción, la cual permite generar indicadores y medir su impacto. Desde CEPAL "
    "han realizado talleres de Marco Lógico en distintos países de la región para monitorear los avances de los "
    "compromisos. Esta metodología ha sido particularmente útil, ya que los compromisos son de distinta índole y "
    "con realidades institucionales diversas. Señala que la metodología Marco Lógico es adaptable y capaz de "
    'abordar estas distintas realidades. Por su parte, explica que la "Hoja de Ruta" la concibió como algo '
    "distinto a lo expuesto anteriormente por la representante de la academia. Actualmente, comparte su visión, "
    'donde la "Hoja de Ruta" debe brindar los lineamientos para proyectar las acciones en materia de gobierno '
    "abierto. Según su diagnóstico, falta institucionalidad para gobierno abierto, ya que no se cuenta con una "
    "unidad o división dedicada a la materia y tampoco con presupuesto. También expone la necesidad de coordinar "
    "los Planes de Acción con otras agendas, como el Programa de Gobierno.",
    # 8
    "Por su parte, el representante de la Asociación Chilena de Voluntarios recalca la importancia de reunirse "
    "con los equipos de las distintas instituciones públicas que son responsables de la implementación de los "
    "compromisos del Plan de Acción, ya que muchos servicios públicos se han visto afectados de manera negativa "
    "por efectos de la pandemia. Asimismo, opina que los compromisos son una herramienta que permiten entrar a "
    "los servicios públicos con gobierno abierto, pero quedan como acciones aisladas, por tanto, no permiten "
    'proyectar ni articular gobierno abierto más allá de los Planes de Acción, de ahí la necesidad de una "Hoja de '
    'Ruta". Adicionalmente, considera que los compromisos inconclusos no deberían descartarse, si no que se '
    "deberían integrar en los siguientes Planes de Acción, ejemplo de esto es el registro de beneficiarios "
    "finales del 4º Plan de Acción. En cuanto a los Planes de Acción, señala que el siguiente proceso de "
    "cocreación debe enfocarse en la incorporación de gobiernos locales o municipios dentro de la agenda.",
    # 9
    "El representante de PNUD comenta sobre la necesidad de mejorar la metodología de seguimiento de los Planes "
    "de Acción. Expone que es necesario estandarizar el seguimiento y crear indicadores que permitan a la "
    "ciudadanía hacer revisión de los avances. Sin embargo, considera aun más importante el acompañamiento a los "
    "servicios públicos que implementan los compromisos, es decir, que se cree comunidad y se compartan buenas "
    'prácticas de manera permanente. Respecto a la "Hoja de Ruta", menciona que debe utilizarse para ordenar la '
    "agenda de gobierno abierto, convocar a más actores a aplicar gobierno abierto en sus prácticas "
    "institucionales, es decir, una guía sobre como hacer gobierno abierto desde distintos espacios. Sin "
    "embargo, para el representante de PNUD es importante que se consideren de forma paralela acciones para "
    "mejorar los procesos dentro del contexto de la Alianza para el Gobierno Abierto y por fuera de esta. Por tal "
    "motivo, opina que es importante contar con un diagnóstico robusto que identifique brechas en participación, "
    "en transparencia, entre otros aspectos.",
    # 10
    "Los integrantes de la Mesa de Gobierno Abierto mencionan que dentro del Estado existen varias iniciativas "
    "que son gobierno abierto, sin embargo, las instituciones que las lideran no están conscientes de esto. "
    "Algunos ejemplos destacados son los temas de Energía Abierta lideradas por el Ministerio de Energía, Minería "
    "Abierta a cargo del Ministerio de Minería, y los procesos de consulta del Ministerio de Ciencia. Asimismo, "
    "consideran relevante trabajar en temas que se han alejado de la agenda de gobierno abierto, como datos "
    'abiertos y la actualización del Portal de Datos Abiertos. También consideran que la "Hoja de Ruta" debería '
    "contener un mapeo de ministerios que están realizando prácticas de gobierno abierto y participación "
    "ciudadana, cómo funcionan, las plataformas que utilizan, con qué presupuesto cuentan.",
    # 11
    "Desde la Mesa de Gobierno Abierto se consulta sobre el financiamiento del Banco Interamericano de "
    'Desarrollo (BID) para la implementación de la "Hoja de Ruta". La Secretaria Ejecutiva señala que se cuenta '
    'con esos fondos, los cuales se deben utilizar de una manera eficiente para la "Hoja de Ruta". De tal modo, '
    'desde la Comisión se trabajará en un primer insumo para la "Hoja de Ruta" y en paralelo se trabajarán '
    "términos de referencia para una consultoría que apoye su cumplimiento.",
    # 12
    "A continuación, la Secretaria Ejecutiva presenta un borrador de cronograma para la cocreación del 6° Plan "
    "de Acción de Gobierno Abierto, el cual comenzaría en el mes de junio de 2022. También se destaca que la "
    "recepción de propuestas será más extensa que en periodos anteriores, con la finalidad que los actores del "
    "sector público cuenten con más tiempo para participar del proceso de consulta, ya que las visaciones "
    "internas y apoyo de las jefaturas son importantes para su participación. Además, se proponen temas hacia "
    "dónde enfocar los compromisos, tales como género, gobiernos locales, fuerzas armadas, entre otros. Los "
    "integrantes de la Mesa de Gobierno Abierto indican que deben existir criterios de priorización claros para "
    "los compromisos y que se debe respetar el proceso de recepción de propuestas y los resultados de la "
    "participación.",
    # 13
    "Los representantes de academia y sociedad civil expresan su preocupación respecto al presupuesto asignado "
    "para el 6° Plan de Acción, en especial si se considera una cocreación con participación presencial. En tal "
    "sentido, el representante de la sociedad civil se compromete a enviar una propuesta de presupuesto "
    "considerando distintos escenarios para la cocreación del Plan de Acción. El representante de la Asociación "
    "Chilena de Voluntarios comenta que el cronograma del 6° Plan de Acción debe considerar en su planificación "
    "otros procesos que permean la administración, como el plebiscito de la nueva Constitución.",
    # 14
    "Los representantes de CEPAL y PNUD indican que se aproxima la Semana de Gobierno Abierto en el mes de mayo y "
    "consideran importante que la Comisión realice alguna actividad. Además, la representante de CEPAL señala la "
    "importancia de contar con participación política de alto nivel, por lo cual espera que el Ministro Giorgio "
    "Jackson se pueda pronunciar respecto a los temas de gobierno abierto, de manera de enviar un mensaje a la "
    "ciudadanía y a los servicios públicos. La Secretaria Ejecutiva comenta que se está trabajando para generar "
    "una reunión, ya sea con el Ministro o con la Subsecretaria.",
]
COMISION = "Comisión de Integridad Pública y Transparencia"
# The record's name for the same body (abierto.plans.chile.institutions, "comision_integridad").
COMISION_INSTITUTION = "Comisión para la Integridad Pública y Transparencia"
# (text, responsible as the minutes write it, seat name of the 2017 Mesa or "", institution name or "")
AGREEMENTS_2022 = [
    ("Enviar por correo electrónico insumos para la Hoja de Ruta", COMISION, "", COMISION_INSTITUTION),
    (
        "Enviar por correo electrónico cronograma del 6° Plan de Acción para comentarios",
        COMISION,
        "",
        COMISION_INSTITUTION,
    ),
    ("Preparar propuesta de términos de referencia para Hoja de Ruta.", COMISION, "", COMISION_INSTITUTION),
    (
        "Propuesta de presupuesto para la cocreación del 6° Plan de Acción",
        "Representante de la Red de Sociedad Civil",
        RED_SC,
        "",
    ),
]
NEXT_MEETING_2022 = "No se fija fecha de próxima reunión."


class _Loader:
    def __init__(self) -> None:
        self.counts: dict[str, dict[str, int]] = {kind: dict.fromkeys(OUTCOMES, 0) for kind in KINDS}

    def put(self, kind: str, model: type[models.Model], lookup: dict[str, Any], fields: dict[str, Any]) -> Any:
        instance = model.objects.filter(**lookup).first()
        if instance is None:
            instance = model(**lookup, **fields)
            outcome = "created"
        else:
            outcome = "unchanged"
            for name, value in fields.items():
                if getattr(instance, name) != value:
                    setattr(instance, name, value)
                    outcome = "updated"
        if outcome != "unchanged":
            services.save(instance, actor=None, actor_label=ACTOR_LABEL)
        self.counts[kind][outcome] += 1
        return instance

    @staticmethod
    def institution(name: str) -> Institution | None:
        return Institution.objects.filter(name=name).order_by("pk").first() if name else None

    def forum(self, data: dict[str, Any], seats: list, notes: dict[str, str]) -> tuple[Forum, dict[str, Seat]]:
        fields = {k: v for k, v in data.items() if k != "slug"}
        forum = self.put("forum", Forum, {"slug": data["slug"]}, fields)
        by_name = {}
        for order, (name, sector, right, chair, institution) in enumerate(seats, start=1):
            by_name[name] = self.put(
                "seat",
                Seat,
                {"forum": forum, "name": name},
                {
                    "sector": sector,
                    "right": right,
                    "is_chair": chair,
                    "institution": self.institution(institution),
                    "order": order,
                    "note": notes.get(name, ""),
                },
            )
        return forum, by_name

    def load(self) -> None:
        # The 2023 Mesa is the current one: clear the flag on the old one first (one current forum at a time).
        forum_2017, seats_2017 = self.forum(FORUM_2017, SEATS_2017, SEAT_NOTES_2017)
        self.forum(FORUM_2023, SEATS_2023, SEAT_NOTES_2023)
        for seat_name, holder in TERMS_2017:
            self.put("seat_term", SeatTerm, {"seat": seats_2017[seat_name], "holder_name": holder}, {"note": TERM_NOTE})
        self.load_session_2022(forum_2017, seats_2017)

    def load_session_2022(self, forum: Forum, seats: dict[str, Seat]) -> None:
        data = dict(SESSION_2022)
        session = self.put("session", Session, {"forum": forum, "date": data.pop("date")}, data)
        for n, title in enumerate(AGENDA_2022, start=1):
            self.put("agenda_item", AgendaItem, {"session": session, "number": str(n)}, {"title": title, "order": n})
        for n, (seat_name, name, description) in enumerate(MEMBERS_2022, start=1):
            lookup = {"session": session, "seat": seats[seat_name]} if seat_name else {"session": session, "name": name}
            fields = {
                "group": Attendance.Group.MEMBER,
                "status": Attendance.Status.PRESENT,
                "name": name,
                "description": description,
                "order": n,
            }
            if not seat_name:
                fields["seat"] = None
                del fields["name"]
            self.put("attendance", Attendance, lookup, fields)
        for n, (name, description) in enumerate(OTHERS_2022, start=1):
            self.put(
                "attendance",
                Attendance,
                {"session": session, "name": name, "group": Attendance.Group.OTHER},
                {"status": Attendance.Status.PRESENT, "description": description, "order": n, "seat": None},
            )
        for n, (text, label, seat_name, institution) in enumerate(AGREEMENTS_2022, start=1):
            self.put(
                "agreement",
                Agreement,
                {"session": session, "order": n},
                {
                    "forum": forum,
                    "text": text,
                    "responsible_label": label,
                    "responsible_seat": seats[seat_name] if seat_name else None,
                    "responsible_institution": self.institution(institution),
                    "asap": True,
                    "due_date": None,
                },
            )
        minutes = self.put(
            "minutes",
            Minutes,
            {"session": session, "version": 1},
            {"status": Minutes.Status.PUBLISHED, "next_meeting": NEXT_MEETING_2022, "source": SEED_001},
        )
        for n, text in enumerate(POINTS_2022, start=1):
            self.put("minutes_point", MinutesPoint, {"minutes": minutes, "number": n}, {"text": text})
        content = selectors.minutes_content(minutes)
        if minutes.content != content:
            Minutes.objects.filter(pk=minutes.pk).update(content=content)


def load_forum(stdout=None) -> dict:
    loader = _Loader()
    with transaction.atomic():
        loader.load()
    if stdout is not None:
        for kind, label in KINDS.items():
            row = loader.counts[kind]
            stdout.write(
                f"  {label}: {row['created']} creados, {row['updated']} actualizados, {row['unchanged']} sin cambios"
            )
    return loader.counts
