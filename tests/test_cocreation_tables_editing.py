"""The secretariat records a co-creation table through its form: a draft first, then its results published.
Every save leaves an audit event with its author and the old and new values (edits after publication too);
bad input saves nothing and the form keeps what was typed; the authors of the proposals discussed are told
once the results are public."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError

from abierto.audit.models import AuditEvent
from abierto.cocreation import services
from abierto.cocreation.models import CoCreationTable
from abierto.cocreation.testing import make_process, make_proposal, make_table
from abierto.notifications.models import Notification

START = datetime.date(2026, 3, 1)
TODAY = datetime.datetime(2026, 4, 2, 12, 0, tzinfo=datetime.UTC)
FORM = "/cocreacion/5/mesas/nueva/"


@pytest.fixture(autouse=True)
def _frozen():
    cache.clear()
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def process(make_plan):
    return make_process(make_plan(number=5, start=2020, end=2022), template="fifth", start=START, days=10)


@pytest.fixture
def proposal(process, participant):
    return make_proposal(process, participant, title="Datos abiertos de calidad del aire")


def _post(proposal=None, **extra):
    data = {
        "title": "Mesa de medioambiente",
        "held_on": "2026-09-02",
        "starts_at": "10:00",
        "ends_at": "13:00",
        "place": "Biblioteca Nacional",
        "region": "RM",
        "commune": "Santiago",
        "facilitator": "Laboratorio de Gobierno",
        "sector_civil_society": "12",
        "sector_academia": "3",
        "draft_title": "Datos abiertos de calidad del aire",
        "draft_problem": "No hay datos comparables.",
    }
    if proposal is not None:
        data[f"discussed_{proposal.pk}"] = "on"
        data[f"note_{proposal.pk}"] = "Base del compromiso."
    data.update(extra)
    return {k: v for k, v in data.items() if v is not None}


def test_the_secretariat_creates_a_draft_then_publishes_it(client, secretariat, process, proposal):
    client.force_login(secretariat)
    response = client.post(FORM, _post(proposal))
    table = CoCreationTable.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/cocreacion/5/mesas/{table.pk}/"
    assert not table.is_published and table.published_at is None
    assert {r.sector: r.count for r in table.participation.all()} == {"civil_society": 12, "academia": 3}
    assert [(r.proposal_id, r.note) for r in table.discussed.all()] == [(proposal.pk, "Base del compromiso.")]
    assert client.get("/cocreacion/5/mesas/").content.decode().count("Borrador") == 1
    created = AuditEvent.objects.get(object_type="cocreationtable", action="create")
    assert created.actor == secretariat and created.plan_id == process.plan_id
    assert created.changes["participation"] == [None, {"academia": 3, "civil_society": 12}]
    assert created.changes["proposals"] == [None, {str(proposal.pk): "Base del compromiso."}]

    client.post(f"/cocreacion/5/mesas/{table.pk}/publicar/")
    table.refresh_from_db()
    assert table.is_published and table.published_at == TODAY
    published = AuditEvent.objects.filter(object_type="cocreationtable", action="update").get()
    assert published.changes["status"] == ["draft", "published"]


def test_publishing_tells_the_authors_of_the_proposals_discussed_after_the_commit(
    secretariat, process, proposal, participant, django_capture_on_commit_callbacks
):
    table = make_table(process, published=False, proposals=[proposal])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.publish_table(table=table, actor=secretariat)
    assert not Notification.objects.exists()  # nothing before the commit
    for callback in callbacks:
        callback()
    notice = Notification.objects.get()
    assert notice.user == participant and notice.kind == "proposal_discussed"
    assert notice.url == f"/cocreacion/5/mesas/{table.pk}/"
    with pytest.raises(ValidationError, match="ya está publicada"):
        services.publish_table(table=table, actor=secretariat)


def test_an_edit_after_publication_keeps_the_history_with_its_author(client, secretariat, process, proposal):
    table = make_table(process, participation={"civil_society": 12}, proposals=[proposal])
    client.force_login(secretariat)
    form = client.get(f"/cocreacion/5/mesas/{table.pk}/editar/").content.decode()
    assert "ya está publicada" in form and 'value="12"' in form  # what is stored, ready to edit
    response = client.post(
        f"/cocreacion/5/mesas/{table.pk}/editar/",
        _post(proposal=None, title="Mesa de medioambiente y clima", sector_civil_society="14", sector_academia=""),
    )
    assert response.status_code == 302
    table.refresh_from_db()
    assert table.title == "Mesa de medioambiente y clima" and table.is_published
    event = AuditEvent.objects.get(object_type="cocreationtable", action="update")
    assert event.actor == secretariat
    assert event.changes["title"] == ["Mesa de medioambiente", "Mesa de medioambiente y clima"]
    assert event.changes["participation"] == [{"civil_society": 12}, {"civil_society": 14}]
    assert event.changes["proposals"] == [{str(proposal.pk): ""}, {}]
    assert table.discussed.count() == 0


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"place": "", "online_url": ""}, "place", "Indique el lugar o el enlace de la sesión en línea."),
        ({"starts_at": "13:00", "ends_at": "10:00"}, "ends_at", "La mesa no puede terminar antes de empezar."),
        ({"region": "XIV", "commune": "Santiago"}, "commune", "Santiago no está en la región Los Ríos."),
        ({"sector_academia": "-2"}, "sector_academia", "mayor o igual a 0"),
        ({"held_on": "2 de septiembre"}, "held_on", "fecha válida"),
        ({"title": ""}, "title", "obligatorio"),
    ],
)
def test_bad_input_saves_nothing_and_keeps_what_was_typed(
    client, secretariat, process, proposal, change, field, message
):
    client.force_login(secretariat)
    response = client.post(FORM, _post(proposal, **change))
    assert response.status_code == 200
    assert not CoCreationTable.objects.exists() and not AuditEvent.objects.filter(object_type="cocreationtable")
    html = response.content.decode()
    assert message in html
    assert f'id="id_{field}-error"' in html and 'aria-invalid="true"' in html
    assert "Laboratorio de Gobierno" in html and "Base del compromiso." in html


def test_a_note_needs_its_proposal_marked(client, secretariat, process, proposal):
    client.force_login(secretariat)
    data = _post(proposal)
    del data[f"discussed_{proposal.pk}"]
    html = client.post(FORM, data).content.decode()
    assert "Marque la propuesta como discutida si escribe una nota." in html
    assert not CoCreationTable.objects.exists()


def test_the_service_refuses_what_the_form_cannot_send(
    secretariat, participant, process, proposal, make_plan, make_commitment
):
    other = make_process(make_plan(number=6, start=2023, end=2027), template="sixth", start=START, slug="sexto")
    foreign = make_proposal(other, participant, title="De otro proceso")
    draft = make_proposal(process, participant, title="Borrador", published=False)
    data = {"title": "Mesa", "held_on": datetime.date(2026, 9, 2), "place": "Santiago"}
    for discussed in ({foreign.pk: ""}, {draft.pk: ""}):
        with pytest.raises(ValidationError, match="propuestas publicadas de este proceso"):
            services.save_table(process=process, actor=secretariat, data=data, discussed=discussed)
    with pytest.raises(ValidationError, match="plan de este proceso"):
        services.save_table(
            process=process, actor=secretariat, data={**data, "commitment": make_commitment(other.plan)}
        )
    with pytest.raises(ValidationError, match="tema de este proceso"):
        services.save_table(process=process, actor=secretariat, data={**data, "theme": other.themes.first()})
    with pytest.raises(ValidationError, match="entero"):
        services.save_table(process=process, actor=secretariat, data=data, participation={"academia": -1})
    with pytest.raises(PermissionDenied):
        services.save_table(process=process, actor=participant, data=data)
    assert not CoCreationTable.objects.exists()


def test_the_form_makes_the_same_queries_for_3_proposals_or_30(
    client, secretariat, process, participant, django_assert_max_num_queries
):
    client.force_login(secretariat)
    table = make_table(process, participation={"academia": 2})
    for i in range(3):
        make_proposal(process, participant, title=f"Propuesta {i}")
    client.get(f"/cocreacion/5/mesas/{table.pk}/editar/")
    with django_assert_max_num_queries(20) as few:
        client.get(f"/cocreacion/5/mesas/{table.pk}/editar/")
    for i in range(27):
        make_proposal(process, participant, title=f"Otra propuesta {i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(f"/cocreacion/5/mesas/{table.pk}/editar/").content.decode()
    assert html.count('type="checkbox"') == 30
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/cocreacion/5/talleres/nuevo/").status_code == 200
