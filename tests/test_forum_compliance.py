"""The OGP standards page of a plan: each minimum requirement decided from the platform's records, with the
evidence linked; what the records cannot decide is "Sin información suficiente", never "Cumple"."""

import datetime

import pytest
import time_machine

from abierto.forum import compliance, services
from abierto.forum.models import Forum
from abierto.forum.testing import make_forum

TODAY = datetime.datetime(2026, 11, 22, 12, 0, tzinfo=datetime.UTC)


def by_key(plan):
    return {r.key: r for r in compliance.requirements(plan, today=TODAY.date())}


def meet(forum, secretariat, *days):
    for day in days:
        services.convene_session(actor=secretariat, forum=forum, date=day, place="Sala", agenda=[], send=False)


@pytest.fixture
def plan(make_plan):
    with time_machine.travel(datetime.datetime(2023, 1, 2, tzinfo=datetime.UTC), tick=False):
        return make_plan(number=6, start=2023, end=2024)


def test_nothing_recorded_is_never_met(db, plan):
    result = by_key(plan)
    assert result["sessions"].status == compliance.UNKNOWN
    assert result["rules"].status == compliance.UNKNOWN
    assert result["responses"].status == compliance.UNKNOWN
    assert result["information"].status == compliance.UNKNOWN


def test_sessions_at_most_six_months_apart_meet_the_standard(plan, secretariat):
    forum = make_forum()
    meet(
        forum,
        secretariat,
        *(datetime.date(y, m, 15) for y in (2023, 2024) for m in (1, 5, 9)),
        datetime.date(2024, 12, 1),
    )
    result = by_key(plan)["sessions"]
    assert result.status == compliance.MET
    assert len(result.evidence) == 7 and result.evidence[0].url.startswith("/mesa/sesiones/")


def test_a_gap_of_more_than_six_months_does_not(plan, secretariat):
    forum = make_forum()
    meet(
        forum,
        secretariat,
        datetime.date(2023, 3, 1),
        datetime.date(2023, 12, 1),
        datetime.date(2024, 5, 1),
        datetime.date(2024, 10, 1),
    )
    result = by_key(plan)["sessions"]
    assert result.status == compliance.NOT_MET
    assert "01-03-2023 – 01-12-2023" in result.explanation


def test_public_rules_need_the_protocol_text(plan):
    forum = make_forum()
    assert by_key(plan)["rules"].status == compliance.MET
    Forum.objects.filter(pk=forum.pk).update(protocol_text="")
    assert by_key(plan)["rules"].status == compliance.UNKNOWN


def test_the_repository_updated_in_every_half_year(make_plan, make_commitment):
    with time_machine.travel(datetime.datetime(2025, 1, 10, tzinfo=datetime.UTC), tick=False):
        plan = make_plan(number=7, start=2025, end=2026)
    for moment, code in (
        (datetime.datetime(2025, 8, 1, tzinfo=datetime.UTC), "CL0100"),
        (datetime.datetime(2026, 2, 1, tzinfo=datetime.UTC), "CL0101"),
    ):
        with time_machine.travel(moment, tick=False):
            make_commitment(plan, code=code, title="Compromiso")
    result = by_key(plan)["repository"]
    # 1st half 2025 (the plan's creation), 2nd half 2025, 1st half 2026 are over; 2nd half 2026 is running.
    assert result.status == compliance.MET and len(result.evidence) == 3


def test_a_half_year_without_updates_does_not_meet_it(make_plan, make_commitment):
    with time_machine.travel(datetime.datetime(2025, 1, 10, tzinfo=datetime.UTC), tick=False):
        plan = make_plan(number=7, start=2025, end=2026)
    result = by_key(plan)["repository"]
    assert result.status == compliance.NOT_MET
    assert "01-07-2025 – 31-12-2025" in result.explanation


def test_half_years_before_the_platform_existed_cannot_be_decided(plan, make_plan):
    with time_machine.travel(datetime.datetime(2025, 1, 10, tzinfo=datetime.UTC), tick=False):
        old = make_plan(number=3, start=2016, end=2018)
    assert by_key(old)["repository"].status == compliance.UNKNOWN


def test_the_page_shows_each_requirement_and_never_claims_what_it_cannot_know(
    plan, client, django_assert_max_num_queries
):
    with time_machine.travel(TODAY, tick=False), django_assert_max_num_queries(12):
        response = client.get(f"/mesa/estandares/{plan.slug}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("Sin información suficiente") >= 4
    assert "Cumple</strong>" not in html
    assert client.get("/mesa/estandares/no-existe/").status_code == 404


def test_the_plan_page_links_to_its_standards_page(plan, client):
    assert f'href="/mesa/estandares/{plan.slug}/"' in client.get(f"/planes/{plan.slug}/").content.decode()


def test_a_gap_before_the_platform_existed_cannot_be_decided(make_plan, secretariat):
    with time_machine.travel(datetime.datetime(2025, 1, 10, tzinfo=datetime.UTC), tick=False):
        old = make_plan(number=5, start=2020, end=2022)
        forum = make_forum()
        meet(forum, secretariat, datetime.date(2022, 3, 28))  # the one meeting transcribed from its minutes
    result = by_key(old)["sessions"]
    assert result.status == compliance.UNKNOWN
    assert "anteriores a los registros propios de la plataforma" in result.explanation
