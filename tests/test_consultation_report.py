"""The report's arithmetic: comments received (hidden included), hidden, to answer, answered, % answered and
distinct people, in total, per commitment (every draft commitment, also those without comments) and per section."""

import pytest
from django.core.cache import cache

from abierto.consultation import selectors, services
from abierto.consultation.testing import make_answer, make_comment, make_consultation, make_draft_commitment


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


@pytest.fixture
def process(make_plan):
    return make_consultation(make_plan(number=5, start=2020, end=2022))


@pytest.fixture
def data(process, participant, forum_member, evaluator, secretariat):
    first = make_draft_commitment(process.plan, code="BOR01", position=1)
    second = make_draft_commitment(process.plan, code="BOR02", position=2, title="Justicia abierta")
    quiet = make_draft_commitment(process.plan, code="BOR03", position=3, title="Sin comentarios")
    # BOR01: 4 comments by 2 people; 2 answered; 1 hidden (not answered).
    a = make_comment(process, first, participant, section="problema")
    b = make_comment(process, first, participant, section="hitos")
    make_comment(process, first, forum_member, section="problema")
    hidden = make_comment(process, first, forum_member, section="objetivo")
    make_answer(a, secretariat)
    make_answer(b, secretariat)
    services.hide(comment=hidden, reason="Spam", actor=secretariat)
    # BOR02: 2 comments by 2 people (one of them also commented on BOR01); 1 answered.
    c = make_comment(process, second, participant, section="problema")
    make_comment(process, second, evaluator, section="valores")
    make_answer(c, secretariat)
    return first, second, quiet


def test_the_totals(process, data):
    t = selectors.report(process).totals
    assert (t.comments, t.hidden, t.to_answer, t.answered, t.unanswered) == (6, 1, 5, 3, 2)
    assert t.percent_answered == 60.0
    assert t.people == 3  # participant, forum member, evaluator: each once


def test_per_commitment_including_those_without_comments(process, data):
    rows = {c.code: f for c, f in selectors.report(process).by_commitment}
    assert list(rows) == ["BOR01", "BOR02", "BOR03"]
    one, two, three = rows["BOR01"], rows["BOR02"], rows["BOR03"]
    assert (one.comments, one.hidden, one.answered, one.people, one.percent_answered) == (4, 1, 2, 2, 66.7)
    assert (two.comments, two.hidden, two.answered, two.people, two.percent_answered) == (2, 0, 1, 2, 50.0)
    assert (three.comments, three.people, three.percent_answered) == (0, 0, None)


def test_per_section(process, data):
    rows = {s.code: f for s, f in selectors.report(process).by_section}
    assert (rows["problema"].comments, rows["problema"].answered, rows["problema"].people) == (3, 2, 2)
    assert (rows["objetivo"].comments, rows["objetivo"].hidden, rows["objetivo"].to_answer) == (1, 1, 0)
    assert rows["objetivo"].percent_answered is None
    assert (rows["hitos"].comments, rows["hitos"].answered) == (1, 1)
    assert (rows["valores"].comments, rows["valores"].answered) == (1, 0)
    assert sum(f.comments for f in rows.values()) == 6


def test_a_comment_of_another_process_is_not_counted(process, data, make_plan, participant):
    other = make_consultation(make_plan(number=4, start=2018, end=2020))
    make_comment(other, make_draft_commitment(other.plan, code="OTRO1"), participant)
    assert selectors.report(process).totals.comments == 6


def test_the_report_page_shows_the_figures_and_how_they_are_computed(client, process, data):
    page = client.get("/cocreacion/5/consulta/informe/").content.decode()
    assert "Comentarios recibidos" in page and "Personas que comentaron" in page
    assert "60,0 %" in page
    assert "respondidos ÷ por responder × 100" in page
    assert "<caption>Comentarios por compromiso del borrador</caption>" in page
    assert 'href="/cocreacion/5/consulta/informe.xlsx"' in page and 'href="/cocreacion/5/consulta/informe.csv"' in page
    assert "consultation/consultation.css" in page  # the print stylesheet


def test_an_empty_consultation_has_no_percentage(client, process):
    report = selectors.report(process)
    assert report.totals.comments == 0 and report.totals.percent_answered is None
    assert "sin datos" in client.get("/cocreacion/5/consulta/informe/").content.decode()
