"""`manage.py load_chile` loads Chile's record from the official sources, faithfully and only once."""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from abierto.assessments.models import Assessment
from abierto.audit.models import AuditEvent
from abierto.institutions.models import Government, Institution
from abierto.monitoring.models import ProgressReport
from abierto.plans.models import ActionPlan, Commitment, Evidence, Milestone


def load() -> str:
    out = StringIO()
    call_command("load_chile", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="class")
def loaded_once(django_db_setup, django_db_blocker):
    """One load shared by the read-only tests of a class (a load takes seconds), rolled back after them."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield load()
        transaction.set_rollback(True)


@pytest.fixture
def loaded(loaded_once, db) -> str:
    return loaded_once


class TestTheLoadedRecord:
    """Read-only checks over one load."""

    def test_chile_is_a_national_member_in_the_americas(self, loaded):
        chile = Government.objects.get(code="CHL")
        assert (chile.name, chile.kind, chile.region) == ("Chile", "national", "Americas")
        assert chile.ogp_url == "https://www.opengovpartnership.org/members/chile/"

    def test_six_national_plans_have_their_periods_and_declared_counts(self, loaded):
        plans = ActionPlan.objects.filter(government__code="CHL", kind=ActionPlan.Kind.NATIONAL).order_by("number")
        assert [(p.number, p.slug, p.start_year, p.end_year, p.declared_commitments, p.status) for p in plans] == [
            (1, "1", 2012, 2013, 19, "closed"),
            (2, "2", 2014, 2016, 12, "closed"),
            (3, "3", 2016, 2018, 19, "closed"),
            (4, "4", 2018, 2020, 12, "closed"),
            (5, "5", 2020, 2022, 10, "closed"),
            (6, "6", 2023, 2027, 11, "implementation"),
        ]
        sixth = plans.get(number=6)
        assert sixth.title == "Sexto Plan de Acción de Estado Abierto (2023–2027)"
        assert sixth.submitted_on == datetime.date(2023, 12, 29)
        assert plans.get(number=1).title == "Primer Plan de Acción de Gobierno Abierto (2012–2013)"
        assert all(plan.description and plan.source for plan in plans)
        assert "/" not in "".join(plan.source for plan in plans)  # sources are named in words, not paths

    def test_sixty_two_commitments_each_sit_in_the_plan_of_its_year(self, loaded):
        commitments = Commitment.objects.filter(ogp_id__startswith="CL").select_related("plan")
        assert commitments.count() == 62
        assert {c.ogp_id for c in commitments} == {f"CL{n:04d}" for n in range(1, 63)}
        plan_of_year = {2012: 1, 2014: 2, 2016: 3, 2018: 4}
        assert all(c.plan.number == plan_of_year[c.year] and c.code == c.ogp_id for c in commitments)
        for number, declared in [(1, 19), (2, 12), (3, 19), (4, 12)]:
            positions = list(
                commitments.filter(plan__number=number).order_by("ogp_id").values_list("position", flat=True)
            )
            assert positions == list(range(1, declared + 1))
        assert all(c.policy_areas.count() == 1 for c in commitments.exclude(ogp_id="CL0050"))

    def test_starred_commitments_lose_the_prefix_and_get_an_assessment_marked_starred(self, loaded):
        starred = Assessment.objects.filter(irm_starred=True).values_list("commitment__ogp_id", flat=True)
        assert sorted(starred) == ["CL0015", "CL0020", "CL0031"]
        assert Commitment.objects.get(ogp_id="CL0015").title_en == "Bill Lobby"
        assert not Commitment.objects.filter(title_en__startswith="Starred").exists()
        assert Assessment.objects.get(commitment__ogp_id="CL0020").source == "OGP, página de compromisos de Chile"

    def test_commitments_without_a_spanish_source_keep_title_and_number_empty(self, loaded):
        commitment = Commitment.objects.get(ogp_id="CL0001")
        assert (commitment.title, commitment.number, commitment.title_en) == ("", "", "Chileatiende")
        assert commitment.policy_areas.get().name == "E-Government"
        assert commitment.policy_areas.get().name_es == "Gobierno electrónico"

    def test_cl0046_carries_every_template_field_and_its_self_reported_substantial_completion(self, loaded):
        commitment = Commitment.objects.get(ogp_id="CL0046")
        assert commitment.title == "Modelo de Gobierno Abierto a nivel subnacional"
        assert (commitment.number, commitment.theme) == ("15", "Modernización del Estado")
        assert (commitment.start_date, commitment.end_date) == (datetime.date(2016, 9, 1), datetime.date(2018, 7, 31))
        assert commitment.lead_institution.name == "Consejo para la Transparencia"
        assert commitment.responsible_name == "Eduardo González Yáñez"
        assert commitment.responsible_position == "Director de Desarrollos y Procesos"
        assert commitment.responsible_email == "egonzalez@consejotransparencia.cl"
        assert commitment.responsible_phone == "+562 24952100"
        supporting = set(commitment.supporting_institutions.values_list("name", flat=True))
        assert len(supporting) == 10
        assert {"Municipalidad de Peñalolén", "Fundación Ciudadano Inteligente", "Chile Transparente"} <= supporting
        # The main objective runs across a page break in the template; both halves are kept.
        assert "las instituciones que participen del compromiso" in commitment.main_objective
        assert commitment.main_objective.endswith("5 municipios de la zona central del país.")
        assert all([commitment.problem, commitment.brief_description, commitment.relevance, commitment.ambition])

        report = ProgressReport.objects.get(commitment=commitment)
        assert report.completion == "substantial"
        assert report.period_label == "Informe de cumplimiento, 3er Plan de Acción"
        assert report.conclusion_date_text == "Julio de 2018"
        assert report.additional_info == ""
        assert "• 3 Talleres Expertos" in report.results_description
        assert "\n• Evaluación de la ejecución de los planes de acción." in report.next_steps
        assert report.remaining_and_challenges.startswith("Uno de los desafíos más significativos")

    def test_cl0050_milestones_follow_the_irm_text_and_its_computed_progress_leaves_out_the_withdrawn(self, loaded):
        commitment = Commitment.objects.get(ogp_id="CL0050")
        milestones = list(commitment.milestones.order_by("position"))
        assert [(m.code, m.status, m.progress) for m in milestones] == [
            ("1", "completed", 100),
            ("2", "completed", 100),
            ("3", "in_progress", 0),
            ("4", "withdrawn", 0),
            ("5", "in_progress", 0),
        ]
        assert milestones[1].actual_end_date == datetime.date(2017, 7, 31)
        assert all(m.progress_description for m in milestones)

        counting = [m for m in milestones if m.status != Milestone.Status.WITHDRAWN]
        expected = sum(m.weight * m.progress for m in counting) / sum(m.weight for m in counting)
        commitment.refresh_from_db()
        assert commitment.progress_computed == expected.quantize(Decimal("0.01")) == Decimal("50.00")
        assert commitment.progress_milestones_counted == 4

    def test_cl0050_keeps_the_irm_assessment_apart_with_its_own_readings(self, loaded):
        assessment = Assessment.objects.get(commitment__ogp_id="CL0050")
        assert assessment.verifiable is True
        assert assessment.relevant_access_to_information is True
        assert assessment.relevant_civic_participation is True
        assert (assessment.completion_progress_report, assessment.completion_end_of_term) == ("limited", "substantial")
        assert (assessment.opened_access_to_information, assessment.opened_civic_participation) == ("marginal", "major")
        assert assessment.opened_government == "major"
        assert assessment.early_results == ""
        assert (assessment.irm_starred, assessment.carried_forward) == (False, False)
        assert assessment.source == "Informe de fin de término del IRM, Chile 2016-2018"
        assert assessment.mid_term_summary.startswith("El cumplimiento de medio término se consideró limitado")
        assert assessment.end_of_term_summary.startswith("A fin de término este compromiso se considera cumplido")
        assert assessment.opened_government_summary.startswith("La formalización de la Mesa de Gobierno Abierto")

    def test_cl0050_has_its_at_a_glance_fields_and_evidence_on_the_right_milestones(self, loaded):
        commitment = Commitment.objects.get(ogp_id="CL0050")
        assert commitment.number == "19"
        assert commitment.title.startswith("Institucionalización de la Alianza para el Gobierno Abierto en Chile")
        assert commitment.lead_institution.acronym == "SEGPRES"
        assert sorted(commitment.policy_areas.values_list("name", flat=True)) == [
            "Legislature",
            "OGP",
            "Public Participation",
        ]
        assert sorted(commitment.values.values_list("value", flat=True)) == [
            "access_to_information",
            "civic_participation",
        ]
        assert "1) Mejorar servicios públicos\n2) Incrementar la integridad pública" in commitment.ogp_challenge
        evidence = Evidence.objects.filter(commitment=commitment)
        assert evidence.count() == 6
        assert evidence.get(url="http://www.ogp.gob.cl/es/mesa-de-trabajo/").milestone.code == "3"
        assert set(evidence.filter(milestone__code="5").values_list("url", flat=True)) == {
            "https://docs.google.com/spreadsheets/d/15e_FlRfSPr6TTEs93XpIY7AAWFpkTjHFUC2NFwdvcVQ/edit#gid=556113843",
            "https://docs.google.com/spreadsheets/d/1otyO2kUCBvKRXRVMKNkHnG-oruQyldO1DNBSVpy569g/edit#gid=1165695375",
            "https://drive.google.com/file/d/1357SXwc9PCjai5aK6Z3eE-V32PtuBNKW/view",
        }

    def test_the_roadmap_groups_its_actions_by_horizon_with_every_activity_and_status(self, loaded):
        roadmap = ActionPlan.objects.get(slug="hoja-de-ruta")
        assert (roadmap.kind, roadmap.number, roadmap.status) == ("roadmap", None, "implementation")
        assert (roadmap.start_year, roadmap.end_year) == (2023, 2023)
        assert "diciembre de 2023" in roadmap.description
        actions = list(roadmap.commitments.order_by("position"))
        assert [(a.code, a.number, a.horizon) for a in actions] == [
            ("1.1", "1.1", "immediate"),
            ("1.2", "1.2", "immediate"),
            ("1.3", "1.3", "immediate"),
            ("2.1", "2.1", "medium"),
            ("3.1", "3.1", "long"),
            ("3.2", "3.2", "long"),
        ]
        activities = {m.code: m for m in Milestone.objects.filter(commitment__plan=roadmap)}
        completed = {"1.1.1", "1.1.2", "1.1.3", "1.3.1", "1.3.2", "1.3.3", "1.3.4", "2.1.3", "2.1.6"}
        assert len(activities) == 21
        assert {code for code, m in activities.items() if m.status == "completed"} == completed
        assert all(m.progress == 100 for m in activities.values() if m.status == "completed")
        assert all(m.status == "not_started" and m.progress == 0 for c, m in activities.items() if c not in completed)
        # The three long-term activities that share one table cell are separate milestones of action 3.1.
        assert [m.code for m in actions[4].milestones.order_by("position")] == ["3.1.1", "3.1.2", "3.1.3"]
        assert activities["3.1.2"].description.startswith("Cocrear un documento que permita:\n• Transversalizar")
        assert activities["1.2.1"].progress_description == ""
        assert activities["1.1.1"].duration_text == "3 meses"
        assert activities["3.2.4"].duration_text == "De 1 a 3 años"
        workshops = [line for line in activities["1.3.2"].progress_description.splitlines() if line.startswith("• ")]
        assert len(workshops) == 9

    def test_roadmap_actions_link_the_named_institutions_and_keep_the_full_responsibles(self, loaded):
        action = Commitment.objects.get(plan__slug="hoja-de-ruta", code="1.1")
        assert set(action.supporting_institutions.values_list("name", flat=True)) >= {
            "Comisión para la Integridad Pública y Transparencia",
            "Contraloría General de la República",
            "Poder Judicial",
        }
        activity = action.milestones.get(code="1.1.1")
        assert activity.responsibles_text.startswith("Comisión Asesora Presidencial para la Integridad Pública")

    def test_the_four_enriched_commitments_exist_exactly_once(self, loaded):
        for ogp_id, number in [("CL0046", "15"), ("CL0050", "19"), ("CL0053", "3"), ("CL0060", "10")]:
            assert Commitment.objects.filter(ogp_id=ogp_id).count() == 1
            assert Commitment.objects.filter(code=ogp_id).count() == 1
            assert Commitment.objects.get(ogp_id=ogp_id).number == number
        justice = Commitment.objects.get(ogp_id="CL0053")
        assert (justice.title, justice.lead_institution.name) == ("Justicia Abierta", "Defensoría Penal Pública")
        assert justice.responsibles_text.endswith("Red de Lenguaje Claro, entre otros.")
        assert justice.components.startswith("Elaborar una política de Gobierno Abierto")
        data = Commitment.objects.get(ogp_id="CL0060")
        assert data.title == "Política de Datos Abiertos y Protección de Datos"
        assert set(data.supporting_institutions.values_list("name", flat=True)) == {
            "Ministerio Secretaría General de la Presidencia",
            "Fundación Datos Protegidos",
            "Derechos Digitales",
        }

    def test_the_first_run_is_recorded_under_the_loader_label(self, loaded):
        labels = set(AuditEvent.objects.values_list("actor_label", flat=True))
        assert labels == {"Carga de datos de Chile (fuentes oficiales)"}
        assert "Compromisos y acciones: 68 creados" in loaded

    def test_institutions_have_the_expected_branches(self, loaded):
        branch = dict(Institution.objects.filter(government__code="CHL").values_list("name", "branch"))
        assert branch["Ministerio Secretaría General de la Presidencia"] == "executive"
        assert branch["Defensoría Penal Pública"] == "executive"
        assert branch["Ministerio de Justicia"] == "executive"
        assert branch["Consejo para la Transparencia"] == "autonomous"
        assert branch["Contraloría General de la República"] == "autonomous"
        assert branch["Poder Judicial"] == "judicial"
        assert branch["Congreso Nacional"] == "legislative"
        assert branch["Fundación Ciudadano Inteligente"] == "civil_society"
        assert branch["Organizaciones de la Sociedad Civil en la Mesa de Trabajo de OGP en Chile"] == "civil_society"
        assert branch["Red Académica de Gobierno Abierto"] == "academia"
        assert branch["Red de Lenguaje Claro"] == "unknown"
        municipalities = [name for name in branch if name.startswith("Municipalidad de ")]
        assert len(municipalities) == 8
        assert all(branch[name] == "local" for name in municipalities)


def test_a_second_run_creates_nothing_and_writes_no_audit_events(db):
    load()
    rows = (Commitment.objects.count(), Milestone.objects.count(), Institution.objects.count())
    events = AuditEvent.objects.count()
    out = load()
    assert (Commitment.objects.count(), Milestone.objects.count(), Institution.objects.count()) == rows
    assert AuditEvent.objects.count() == events
    assert "Listo: 0 registros creados, 0 actualizados." in out


def test_an_institution_that_already_exists_is_reused_by_name(make_institution):
    existing = make_institution("Consejo para la Transparencia", slug="cplt")
    load()
    assert Institution.objects.filter(name="Consejo para la Transparencia").count() == 1
    assert Commitment.objects.get(ogp_id="CL0060").lead_institution == existing
