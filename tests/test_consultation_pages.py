"""Every consultation page answers in a number of queries that does not grow with the number of comments
(3 and 30), shows its tables with captions, and the include for the process page links to them."""

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from abierto.cocreation.selectors import process_by_slug
from abierto.consultation.testing import DURING, make_answer, make_comment, make_consultation, make_draft_commitment

SECTIONS = ["problema", "objetivo", "hitos", "valores"]


@pytest.fixture(autouse=True)
def frozen():
    cache.clear()
    with time_machine.travel(DURING, tick=False):
        yield


def _fill(process, people, secretariat, n):
    commitments = [make_draft_commitment(process.plan, code=f"BOR0{i}", position=i) for i in range(1, 4)]
    for i in range(n):
        comment = make_comment(
            process, commitments[i % 3], people[i % len(people)], section=SECTIONS[i % 4], body=f"Comentario {i}"
        )
        if i % 2:
            make_answer(comment, secretariat)
    return comments_pk(process)


def comments_pk(process):
    return process.consultation_comments.order_by("id").values_list("pk", flat=True).first()


PAGES = [
    ("/cocreacion/5/consulta/", "anonymous"),
    ("/cocreacion/5/consulta/", "participant"),
    ("/cocreacion/5/consulta/compromisos/BOR01/", "anonymous"),
    ("/cocreacion/5/consulta/compromisos/BOR01/", "participant"),
    ("/cocreacion/5/consulta/compromisos/BOR01/", "secretariat"),
    ("/cocreacion/5/consulta/informe/", "anonymous"),
    ("/cocreacion/5/consulta/informe.csv", "anonymous"),
    ("/cocreacion/5/consulta/informe.xlsx", "anonymous"),
    ("/cocreacion/5/consulta/secretaria/", "secretariat"),
    ("/cocreacion/5/consulta/comentarios/{pk}/responder/", "secretariat"),
    ("/cocreacion/5/consulta/comentarios/{pk}/moderar/", "secretariat"),
]


def _get(client, personas, url, who):
    client.logout()
    if who != "anonymous":
        client.force_login(personas[who])
    client.get(url)  # warm the session and the caches that do not depend on comments


@pytest.mark.parametrize(("url", "who"), PAGES)
def test_queries_do_not_grow_with_the_comments(
    client,
    make_plan,
    personas,
    secretariat,
    url,
    who,
    settings,
    django_assert_max_num_queries,
    django_assert_num_queries,
):
    settings.ABIERTO_PAGE_CACHE_SECONDS = 0  # measure the page, not the cache
    people = [personas[n] for n in ("participant", "forum_member", "evaluator", "implementer")]
    process = make_consultation(make_plan(number=5, start=2020, end=2022))
    url = url.format(pk=_fill(process, people, secretariat, 3))
    _get(client, personas, url, who)
    with django_assert_max_num_queries(15) as few:
        assert client.get(url).status_code == 200
    expected = len(few.captured_queries)
    for i in range(27):
        make_comment(process, process.plan.commitments.get(code="BOR01"), people[i % 4], section=SECTIONS[i % 4])
    _get(client, personas, url, who)
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


def test_the_index_counts_comments_and_unanswered_per_commitment(client, make_plan, personas, secretariat):
    process = make_consultation(make_plan(number=5, start=2020, end=2022))
    _fill(process, [personas["participant"]], secretariat, 6)  # BOR01 gets comments 0 and 3 (3 is answered)
    page = client.get("/cocreacion/5/consulta/").content.decode()
    assert "<caption>Compromisos del borrador: comentarios publicados" in page
    row = page[page.index("BOR01 ·") :]
    row = row[: row.index("</tr>")]
    assert '<td class="num">2</td>\n    <td class="num">1</td>\n    <td class="num">0</td>' in row


def test_the_include_for_the_process_page(rf, make_plan, secretariat, participant):
    make_consultation(make_plan(number=5, start=2020, end=2022))
    process = process_by_slug("5")
    request = rf.get("/cocreacion/5/")
    request.user = participant
    with CaptureQueriesContext(connection) as ctx:
        html = render_to_string("consultation/_process_links.html", {"process": process}, request=request)
    assert "Abierta" in html and "hasta el 29-04-2026" in html
    assert 'href="/cocreacion/5/consulta/"' in html and 'href="/cocreacion/5/consulta/informe/"' in html
    assert "/cocreacion/5/consulta/secretaria/" not in html
    # Only who the person is (roles, groups, permissions): nothing about stages or comments.
    assert not [q for q in ctx.captured_queries if "consultation" in q["sql"] or "cocreation" in q["sql"]]
    request.user = secretariat
    html = render_to_string("consultation/_process_links.html", {"process": process}, request=request)
    assert 'href="/cocreacion/5/consulta/secretaria/"' in html
