"""Proposals: the form of the 5th plan's process, drafts, the edit window, bad input, honeypot,
rate limits, the public list with its filters, and the mapping of public-sector initiatives."""

import datetime

import pytest
import time_machine
from django.core.cache import cache

from abierto.audit.models import AuditEvent
from abierto.cocreation.models import Proposal
from abierto.cocreation.testing import make_process, make_proposal

START = datetime.date(2026, 3, 1)
RECEPTION = datetime.datetime(2026, 3, 12, 12, 0, tzinfo=datetime.UTC)  # stage 2: 11-20 March
FORM = "/cocreacion/5/propuestas/nueva/"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


@pytest.fixture
def process(make_plan):
    return make_process(make_plan(number=5, start=2020, end=2022), template="fifth", start=START, days=10)


@pytest.fixture
def frozen():
    with time_machine.travel(RECEPTION, tick=False) as traveller:
        yield traveller


def _data(**extra):
    data = {
        "author_kind": "person",
        "title": "Datos abiertos de calidad del aire",
        "problem": "No hay **datos** de calidad del aire por comuna.",
        "gap": "Falta transparencia activa.",
        "what": "Publicar las mediciones como datos abiertos.",
        "implies": "Coordinar a las estaciones de monitoreo.",
        "expected_results": "- Un portal\n- Una API",
        "actors": "Ministerio del Medio Ambiente, municipios.",
        "components": "1. Diagnóstico\n2. Publicación",
        "themes": ["medioambiente"],
        "region": "XIV",
        "commune": "Valdivia",
        "link_1_url": "https://example.org/estudio.pdf",
        "link_1_label": "Estudio",
        "publicar": "1",
    }
    data.update(extra)
    return data


def _themes(process, data):
    data = dict(data)
    slugs = data.pop("themes", [])
    data["themes"] = [str(t.pk) for t in process.themes.filter(slug__in=slugs)]
    return data


def test_a_participant_publishes_a_proposal_with_every_part_of_the_form(client, process, participant, frozen):
    client.force_login(participant)
    response = client.post(FORM, _themes(process, _data()))
    proposal = Proposal.objects.get()
    assert response.status_code == 302 and response.url == f"/cocreacion/5/propuestas/{proposal.pk}/"
    assert proposal.status == "published" and proposal.submitted_at is not None
    assert proposal.author == participant and proposal.region == "XIV" and proposal.commune == "Valdivia"
    assert [t.slug for t in proposal.themes.all()] == ["medioambiente"]
    assert [(link.url, link.label) for link in proposal.links.all()] == [("https://example.org/estudio.pdf", "Estudio")]
    assert "calid" in proposal.terms.split()  # stems for similarity
    assert AuditEvent.objects.filter(object_type="proposal", object_id=str(proposal.pk), action="create").exists()
    page = client.get(response.url).content.decode()
    assert "<strong>datos</strong>" in page and "<li>Un portal</li>" in page
    assert "Los Ríos, Valdivia" in page and 'rel="nofollow ugc"' in page


def test_on_behalf_of_an_organisation_needs_its_name(client, process, participant, frozen):
    client.force_login(participant)
    response = client.post(FORM, _themes(process, _data(author_kind="organisation")))
    assert response.status_code == 200
    assert "Indique el nombre de la organización." in response.content.decode()
    assert not Proposal.objects.exists()
    client.post(FORM, _themes(process, _data(author_kind="organisation", organisation_name="Fundación Aire Limpio")))
    assert Proposal.objects.get().author_label() == "Fundación Aire Limpio"


def test_a_draft_is_saved_without_publishing_and_only_its_author_sees_it(client, process, participant, frozen):
    client.force_login(participant)
    data = {"author_kind": "person", "title": "Borrador de presupuestos", "borrador": "1"}
    response = client.post(FORM, data)
    draft = Proposal.objects.get()
    assert draft.status == "draft" and draft.submitted_at is None
    assert response.url == f"/cocreacion/5/propuestas/{draft.pk}/editar/"
    assert "Borrador de presupuestos" not in client.get("/cocreacion/5/propuestas/").content.decode()
    assert "Borrador de presupuestos" in client.get("/cocreacion/5/mis-propuestas/").content.decode()
    assert client.get(f"/cocreacion/5/propuestas/{draft.pk}/").status_code == 200
    client.logout()
    assert client.get(f"/cocreacion/5/propuestas/{draft.pk}/").status_code == 403
    # Published later, once it is complete.
    client.force_login(participant)
    client.post(f"/cocreacion/5/propuestas/{draft.pk}/editar/", _themes(process, _data(title="Presupuestos abiertos")))
    draft.refresh_from_db()
    assert draft.status == "published" and draft.title == "Presupuestos abiertos"


def test_publishing_needs_the_problem_and_the_commitment_and_keeps_what_was_typed(client, process, participant, frozen):
    client.force_login(participant)
    response = client.post(FORM, _themes(process, _data(problem="", what="", gap="Mi brecha escrita con cuidado")))
    text = response.content.decode()
    assert response.status_code == 200
    assert text.count("Para publicar la propuesta, complete este campo.") == 2
    assert "Mi brecha escrita con cuidado" in text and 'aria-invalid="true"' in text
    assert not Proposal.objects.exists()


def test_a_commune_must_belong_to_the_region(client, process, participant, frozen):
    client.force_login(participant)
    response = client.post(FORM, _themes(process, _data(region="RM", commune="Valdivia")))
    assert "Valdivia no está en la región Metropolitana de Santiago." in response.content.decode()
    assert not Proposal.objects.exists()


def test_the_honeypot_refuses_bots(client, process, participant, frozen):
    client.force_login(participant)
    response = client.post(FORM, _themes(process, _data(sitio_web="http://spam.example")))
    assert response.status_code == 200
    assert "No pudimos aceptar el envío" in response.content.decode()
    assert not Proposal.objects.exists()


def test_proposals_are_rate_limited_per_account_with_nothing_lost(client, process, participant, frozen, settings):
    settings.ABIERTO_COCREATION_RATES = {"proposal": (2, 100, 3600)}
    client.force_login(participant)
    for n in range(2):
        assert client.post(FORM, _themes(process, _data(title=f"Propuesta {n}"))).status_code == 302
    response = client.post(FORM, _themes(process, _data(title="Una tercera muy pensada")))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Ha hecho muchos envíos seguidos" in text and "Una tercera muy pensada" in text
    assert Proposal.objects.count() == 2
    frozen.shift(datetime.timedelta(hours=1, seconds=1))
    assert client.post(FORM, _themes(process, _data(title="Una tercera muy pensada"))).status_code == 302


def test_proposals_are_rate_limited_per_address(client, process, participant, forum_member, frozen, settings):
    settings.ABIERTO_COCREATION_RATES = {"proposal": (10, 2, 3600)}
    for person in (participant, forum_member):
        client.force_login(person)
        client.post(FORM, _themes(process, _data(title=f"De {person.username}")))
    response = client.post(FORM, _themes(process, _data(title="Misma dirección")))
    assert "Ha hecho muchos envíos seguidos" in response.content.decode()
    assert Proposal.objects.count() == 2


def test_the_author_edits_within_the_window_only(client, process, participant, forum_member, frozen):
    process.edit_window_hours = 24
    process.save()
    proposal = make_proposal(process, participant)
    url = f"/cocreacion/5/propuestas/{proposal.pk}/editar/"
    client.force_login(forum_member)
    assert client.get(url).status_code == 403
    client.force_login(participant)
    assert client.get(url).status_code == 200
    assert client.post(url, _themes(process, _data(title="Título corregido"))).status_code == 302
    proposal.refresh_from_db()
    assert proposal.title == "Título corregido"
    frozen.shift(datetime.timedelta(hours=24, minutes=1))
    response = client.post(url, _themes(process, _data(title="Demasiado tarde")))
    assert response.status_code == 403 and "el plazo para editarla terminó" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.title == "Título corregido"


def test_the_list_filters_by_theme_region_and_response_and_sorts(client, process, participant, frozen):
    air = make_proposal(process, participant, title="Aire", region="XIV", support_count=3)
    gender = make_proposal(process, participant, title="Brecha salarial", region="RM", support_count=9)
    gender.themes.add(process.themes.get(slug="genero"))
    frozen.shift(datetime.timedelta(minutes=5))
    newest = make_proposal(
        process,
        participant,
        title="Presupuestos",
        response_kind="not_adopted",
        response_text="Fuera del alcance",
        responded_at=RECEPTION,
    )

    def titles(query=""):
        page = client.get(f"/cocreacion/5/propuestas/{query}").context["page"]
        return [p.title for p in page.object_list]

    assert titles() == ["Brecha salarial", "Aire", "Presupuestos"]
    assert titles("?orden=recientes")[0] == "Presupuestos"
    assert titles("?tema=genero") == ["Brecha salarial"]
    assert titles("?region=XIV") == ["Aire"]
    assert titles("?estado=no-incorporada") == ["Presupuestos"]
    assert set(titles("?estado=sin-respuesta")) == {"Aire", "Brecha salarial"}
    assert air.pk and newest.pk


def test_the_list_is_paginated_and_its_queries_are_fixed(
    client, process, participant, frozen, django_assert_max_num_queries
):
    for n in range(3):
        make_proposal(process, participant, title=f"Propuesta {n}").themes.add(process.themes.first())
    with django_assert_max_num_queries(12) as few:
        assert client.get("/cocreacion/5/propuestas/").status_code == 200
    for n in range(30):
        make_proposal(process, participant, title=f"Más {n}").themes.add(process.themes.first())
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/cocreacion/5/propuestas/")
    assert len(response.context["page"].object_list) == 20
    assert "Página 1 de 2" in response.content.decode()
    assert len(client.get("/cocreacion/5/propuestas/?pagina=2").context["page"].object_list) == 13


def test_the_proposal_and_process_pages_have_fixed_queries(
    client, process, participant, forum_member, frozen, django_assert_max_num_queries
):
    proposal = make_proposal(process, participant)
    client.force_login(forum_member)
    with django_assert_max_num_queries(25):
        assert client.get(f"/cocreacion/5/propuestas/{proposal.pk}/").status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get("/cocreacion/5/").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get("/cocreacion/").status_code == 200


def test_looking_for_similar_proposals_while_writing_saves_nothing(client, process, participant, forum_member, frozen):
    make_proposal(process, forum_member, title="Calidad del aire en datos abiertos")
    client.force_login(participant)
    data = _themes(process, _data(title="Medir el aire", similares="1"))
    del data["publicar"]
    response = client.post(FORM, data)
    text = response.content.decode()
    assert "Propuestas parecidas" in text and "Calidad del aire en datos abiertos" in text
    assert Proposal.objects.count() == 1


@pytest.fixture
def sixth(make_plan):
    return make_process(make_plan(number=6, start=2023, end=2027), template="sixth", start=START, days=10)


def test_public_institutions_map_their_initiatives(client, sixth, implementer, participant, lead_institution, frozen):
    # Stage 2 of the 6th plan's template (mapping) is open on 12 March.
    url = "/cocreacion/6/iniciativas/nueva/"
    client.force_login(participant)
    assert client.get(url).status_code == 403
    client.force_login(implementer)
    response = client.post(
        url,
        {
            "lead_institution": lead_institution.pk,
            "branch": "autonomous",
            "title": "Portal de transparencia activa",
            "what": "Modernizar el portal.",
        },
    )
    initiative = Proposal.objects.get()
    assert response.status_code == 302
    assert initiative.kind == "initiative" and initiative.is_published
    assert initiative.organisation_name == "Consejo para la Transparencia"
    page = client.get(response.url).content.decode()
    assert "Iniciativa del sector público" in page and "Consejo para la Transparencia" in page


def test_files_are_attached_when_their_content_is_an_accepted_type(
    client, process, participant, frozen, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client.force_login(participant)
    fake = SimpleUploadedFile(
        "informe.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\xff\xff", content_type="application/pdf"
    )
    response = client.post(FORM, _themes(process, _data(attachment=fake)))
    text = response.content.decode()
    assert response.status_code == 200 and "Tipo de archivo no aceptado" in text
    assert "vuelva a adjuntarlo" in text and not Proposal.objects.exists()
    real = SimpleUploadedFile("informe.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", content_type="application/pdf")
    response = client.post(FORM, _themes(process, _data(attachment=real)))
    proposal = Proposal.objects.get()
    attachment = proposal.files.get()
    assert attachment.name == "informe.pdf" and attachment.size == real.size
    page = client.get(response.url).content.decode()
    assert attachment.file.url in page
    # Removed on a later edit, within the window.
    client.post(
        f"/cocreacion/5/propuestas/{proposal.pk}/editar/", _themes(process, _data(quitar_archivo=[attachment.pk]))
    )
    assert not proposal.files.exists()
