"""Spanish first, whatever the browser says; English when the visitor asks for it."""

import pytest

pytestmark = pytest.mark.django_db


def test_pages_are_in_spanish_even_for_an_english_browser(client):
    response = client.get("/metodologia/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "es"
    assert '<html lang="es">' in response.content.decode()
    assert "Cómo se calculan las cifras" in response.content.decode()


def test_the_language_switch_turns_the_interface_to_english(client):
    page = client.get("/metodologia/").content.decode()
    assert 'href="/idioma/en/?next=/metodologia/"' in page
    response = client.get("/idioma/en/?next=/metodologia/")
    assert response.status_code == 302 and response["Location"] == "/metodologia/"
    page = client.get("/metodologia/")
    assert page["Content-Language"] == "en"
    assert '<html lang="en">' in page.content.decode()
    assert "How the figures are computed" in page.content.decode()


def test_dates_and_numbers_are_written_the_chilean_way(client, make_plan, make_commitment, make_milestone):
    import datetime

    plan = make_plan()
    c = make_commitment(plan, start_date=datetime.date(2016, 9, 1), end_date=datetime.date(2018, 7, 31))
    make_milestone(c, status="in_progress", progress=45, weight="1")
    make_milestone(c, status="completed", progress=100, weight="1")
    page = client.get("/planes/3/compromisos/CL0046/").content.decode()
    assert "01-09-2016 – 31-07-2018" in page
    assert "72,5 %" in page


def test_the_switch_goes_back_only_to_this_site_and_ignores_unknown_languages(client):
    response = client.get("/idioma/klingon/?next=/metodologia/")
    assert response.status_code == 302 and "django_language" not in response.cookies
    assert client.get("/metodologia/")["Content-Language"] == "es"
    response = client.get("/idioma/en/?next=https://malicioso.example/")
    assert response["Location"] == "/"


def test_the_old_form_address_still_works(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/metodologia/"})
    assert client.get("/metodologia/")["Content-Language"] == "en"
