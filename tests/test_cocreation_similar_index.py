"""Similar proposals that scale: the inverted index follows every publication and edit, small processes keep the
exact ranking, and a large one is ranked through the index in a fixed number of queries with the same answers."""

import datetime

import pytest
import time_machine
from django.core.cache import cache

from abierto.cocreation import scale, selectors, services, similarity
from abierto.cocreation.models import CoCreationProcess, ProcessTerm, Proposal, ProposalTerm
from abierto.cocreation.testing import make_process, make_proposal
from abierto.cocreation.text import similar, terms_of

START = datetime.date(2026, 3, 1)
RECEPTION = datetime.datetime(2026, 3, 12, 12, 0, tzinfo=datetime.UTC)  # reception: 11-20 March


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()  # the document frequencies of a large process are kept there


@pytest.fixture
def frozen():
    with time_machine.travel(RECEPTION, tick=False) as traveller:
        yield traveller


@pytest.fixture
def process(make_plan):
    return make_process(make_plan(number=5, start=2020, end=2022), template="fifth", start=START, days=10)


def _frequencies(process) -> dict[str, int]:
    return dict(ProcessTerm.objects.filter(process=process).exclude(df=0).values_list("term", "df"))


DATA = {
    "title": "Datos abiertos de calidad del aire",
    "problem": "No se publican las mediciones de calidad del aire en Temuco.",
    "what": "Publicar las mediciones cada hora.",
}


def test_publishing_indexes_the_stems_and_a_draft_is_not_indexed(process, participant, frozen):
    draft = services.save_proposal(process=process, actor=participant, data=DATA)
    assert not ProposalTerm.objects.filter(proposal=draft).exists()
    assert _frequencies(process) == {}
    published = services.save_proposal(process=process, actor=participant, data=DATA, proposal=draft, publish=True)
    stems = set(terms_of(published.similarity_text()).split())
    assert set(ProposalTerm.objects.filter(proposal=published).values_list("term", flat=True)) == stems
    assert _frequencies(process) == {similarity.TOTAL: 1, **{term: 1 for term in stems}}


def test_an_edit_moves_the_document_frequencies(process, participant, forum_member, frozen):
    first = services.save_proposal(process=process, actor=participant, data=DATA, publish=True)
    services.save_proposal(process=process, actor=forum_member, data=DATA, publish=True)
    assert _frequencies(process)["temuc"] == 2
    edited = {**DATA, "problem": "No se publican las mediciones de calidad del aire en Osorno."}
    services.save_proposal(process=process, actor=participant, data=edited, proposal=first)
    frequencies = _frequencies(process)
    assert frequencies["temuc"] == 1 and frequencies["osorn"] == 1 and frequencies[similarity.TOTAL] == 2
    assert set(ProposalTerm.objects.filter(proposal=first).values_list("term", flat=True)) == set(first.terms.split())


def test_a_small_process_keeps_the_exact_ranking(process, participant, secretariat):
    air = make_proposal(process, secretariat, title="Calidad del aire en Temuco")
    make_proposal(process, secretariat, title="Listas de espera", problem="Hospitales", what="Publicar listas.")
    expected = similar(terms_of("calidad del aire"), Proposal.objects.values_list("pk", "terms"))
    found = selectors.similar_proposals(process, "calidad del aire")
    assert [(p.pk, score) for p, score in found] == expected
    assert found[0][0] == air


def test_fill_indexes_what_index_proposal_would(process, participant, forum_member, frozen):
    for person in (participant, forum_member):
        services.save_proposal(process=process, actor=person, data=DATA, publish=True)
    expected = _frequencies(process)
    postings = set(ProposalTerm.objects.values_list("process_id", "term", "proposal_id"))
    ProposalTerm.objects.all().delete()
    ProcessTerm.objects.all().delete()
    rows = Proposal.objects.filter(status="published").values_list("process_id", "pk", "terms")
    assert similarity.fill(rows) == len(postings)
    assert _frequencies(process) == expected
    assert set(ProposalTerm.objects.values_list("process_id", "term", "proposal_id")) == postings


@pytest.fixture
def consultation(db):
    with time_machine.travel(RECEPTION, tick=False):
        scale.ConsultationBuilder("small").run()
    return CoCreationProcess.objects.get(slug=scale.PROCESS_SLUG)


def test_a_large_process_goes_through_the_index_with_the_same_answers(consultation, monkeypatch):
    process = consultation
    monkeypatch.setattr(similarity, "SCAN_LIMIT", 10)  # the small consultation counts as large
    candidates = process.proposals.visible().exclude(merged_into__isnull=False)
    stored = list(candidates.order_by("pk")[:40])
    same_best = 0
    for proposal in stored:
        query = terms_of(proposal.similarity_text())
        exact = similar(query, candidates.exclude(pk=proposal.pk).values_list("pk", "terms"))
        indexed = similarity.similar(process.pk, query, candidates.exclude(pk=proposal.pk))
        assert indexed, proposal.title
        same_best += indexed[0][0] == exact[0][0]
        # What the index finds is what the exact ranking finds, give or take a few places.
        assert len({pk for pk, _s in indexed} & {pk for pk, _s in exact}) >= 3
    assert same_best >= 36  # nine in ten share the best match


def test_typed_text_hidden_and_merged_proposals_and_the_query_count(
    consultation, monkeypatch, django_assert_max_num_queries
):
    process = consultation
    monkeypatch.setattr(similarity, "SCAN_LIMIT", 10)
    with django_assert_max_num_queries(5):
        found = selectors.similar_proposals(process, "Calidad del aire y emisiones de las termoeléctricas")
    assert found and all("aire" in p.title for p, _score in found[:3])
    with django_assert_max_num_queries(3):  # the frequencies now come from the cache
        again = selectors.similar_proposals(process, "Calidad del aire y emisiones de las termoeléctricas")
    assert again == found
    hidden_or_merged = set(
        process.proposals.exclude(hidden_at__isnull=True, merged_into__isnull=True).values_list("pk", flat=True)
    )
    for proposal in process.proposals.filter(pk__in=hidden_or_merged)[:10]:
        found = selectors.similar_proposals(process, proposal.similarity_text())
        assert not {p.pk for p, _s in found} & hidden_or_merged
    assert selectors.similar_proposals(process, "y de la que") == []  # only stop words
    assert selectors.similar_proposals(process, "zzzxxyq") == []  # a word nobody used
