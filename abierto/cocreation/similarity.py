"""Similar proposals at national scale: an inverted index of the stems of published proposals.

A process with a few thousand proposals is ranked exactly by reading every proposal's stored terms
(``abierto.cocreation.text.similar``). A national consultation (100,000 proposals) cannot be read on every
page view, so two tables, kept up to date in the transaction that publishes or edits a proposal, let the
lookup touch only what it needs:

- ``ProposalTerm`` (process, term, proposal): one row per distinct stem of a published proposal;
- ``ProcessTerm`` (process, term, df): how many published proposals of the process hold each stem; the
  row with the empty term holds how many proposals are indexed (the N of the idf).

The lookup (``similar``): the document frequencies of the process (every stem's, read once and kept in the
cache for ``FREQUENCIES_SECONDS``: at that size they move slowly); the query's rarest stems, which say most
about the text, within a budget of postings; the postings of those stems (one query, read from the unique
index alone); a first score per proposal, the sum of the idf weights of the stems it shares; the best
``CANDIDATES`` are then fetched with their stored terms (one query) and ranked by the same TF-IDF cosine as a
small process. Document frequencies count every published proposal, also hidden or merged ones (they stay in
the index and are filtered out of the results), so hiding needs no re-indexing.

Both databases run the same SQL: the counts move with ``INSERT … ON CONFLICT … DO UPDATE`` (PostgreSQL, and
SQLite from 3.24), rows in term order so that concurrent publications lock them in the same order.
"""

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import QuerySet

from abierto.cocreation.models import ProcessTerm, Proposal, ProposalTerm
from abierto.cocreation.text import rank
from abierto.cocreation.text import similar as similar_in_full

#: Processes with fewer indexed proposals than this are ranked exactly, reading every proposal.
SCAN_LIMIT = 1000
#: At most this many postings are read for one lookup (the rarest stems first).
POSTINGS_BUDGET = 8000
#: At most this many of the query's stems are looked up.
MAX_QUERY_TERMS = 24
#: Proposals ranked exactly after the first score.
CANDIDATES = 200
#: How long a large process's document frequencies are reused from the cache.
FREQUENCIES_SECONDS = 300
#: The row of ``ProcessTerm`` that counts the indexed proposals.
TOTAL = ""
#: Stems longer than this are not indexed (the column's width).
MAX_TERM_LENGTH = 60


def index_terms(proposal: Proposal) -> set[str]:
    """The distinct stems a proposal contributes to the index: none unless it is published."""
    if proposal.status != Proposal.Status.PUBLISHED:
        return set()
    return {term for term in proposal.terms.split() if len(term) <= MAX_TERM_LENGTH}


def move_counts(process_id: int, deltas: dict[str, int], *, table: str | None = None) -> None:
    """Add ``deltas`` ({term: +n or -n}) to the process's document frequencies, creating missing rows."""
    deltas = {term: delta for term, delta in deltas.items() if delta}
    if not deltas:
        return
    table = table or ProcessTerm._meta.db_table
    quoted = connection.ops.quote_name(table)
    terms = sorted(deltas)  # the same lock order in every transaction
    for start in range(0, len(terms), 300):
        chunk = terms[start : start + 300]
        values = ", ".join(["(%s, %s, %s)"] * len(chunk))
        params: list[Any] = []
        for term in chunk:
            params += [process_id, term, deltas[term]]
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {quoted} (process_id, term, df) VALUES {values} "
                f"ON CONFLICT (process_id, term) DO UPDATE SET df = {quoted}.df + excluded.df",
                params,
            )


def index_proposal(proposal: Proposal) -> None:
    """Bring the index up to date with ``proposal`` (call inside the transaction that saved it)."""
    old = set(ProposalTerm.objects.filter(proposal=proposal).values_list("term", flat=True))
    new = index_terms(proposal)
    if old == new:
        return
    removed, added = old - new, new - old
    if removed:
        ProposalTerm.objects.filter(proposal=proposal, term__in=removed).delete()
    ProposalTerm.objects.bulk_create(
        [ProposalTerm(process_id=proposal.process_id, term=term, proposal=proposal) for term in sorted(added)],
        batch_size=500,
    )
    deltas = {term: 1 for term in added} | {term: -1 for term in removed}
    if bool(old) != bool(new):
        deltas[TOTAL] = 1 if new else -1
    move_counts(proposal.process_id, deltas)


def fill(
    rows: Iterable[tuple[int, int, str]], *, process_term: Any = ProcessTerm, proposal_term: Any = ProposalTerm
) -> int:
    """Index published proposals from (process id, proposal id, stored terms), with bulk inserts; for a
    migration or a rebuild of a process whose index is empty. Returns the postings written."""
    frequencies: dict[int, Counter] = defaultdict(Counter)
    batch: list[Any] = []
    written = 0
    for process_id, pk, terms in rows:
        distinct = {term for term in (terms or "").split() if len(term) <= MAX_TERM_LENGTH}
        if not distinct:
            continue
        frequencies[process_id].update(distinct)
        frequencies[process_id][TOTAL] += 1
        batch += [proposal_term(process_id=process_id, term=term, proposal_id=pk) for term in sorted(distinct)]
        if len(batch) >= 5000:
            proposal_term.objects.bulk_create(batch, batch_size=1000)
            written += len(batch)
            batch = []
    proposal_term.objects.bulk_create(batch, batch_size=1000)
    written += len(batch)
    for process_id, counts in frequencies.items():
        move_counts(process_id, dict(counts), table=process_term._meta.db_table)
    return written


def similar(
    process_id: int, query_terms: str, candidates: QuerySet, *, limit: int = 5, min_score: float = 0.1
) -> list[tuple[int, float]]:
    """The proposals of ``candidates`` (a queryset of the process's proposals) most like the query terms:
    [(id, cosine)], best first. Exact over the whole process when it is small, through the index otherwise."""
    query = Counter(query_terms.split())
    if not query:
        return []
    known = cache.get(_cache_key(process_id))
    if known is None:
        known = dict(
            ProcessTerm.objects.filter(process_id=process_id, term__in=[TOTAL, *query]).values_list("term", "df")
        )
        if known.get(TOTAL, 0) < SCAN_LIMIT:
            return similar_in_full(query_terms, candidates.values_list("pk", "terms").iterator(), limit=limit)
        known = frequencies(process_id)
    indexed = known.get(TOTAL, 0)

    # The query counts as one more document, as in the exact ranking.
    n = indexed + 1
    document_frequency: dict[str, int] = {term: known.get(term, 0) + 1 for term in query}
    chosen: list[str] = []
    budget = 0
    for term in sorted(query, key=lambda t: (known.get(t, 0), t)):
        df = known.get(term, 0)
        if df == 0:
            continue  # no proposal has it
        if chosen and (budget + df > POSTINGS_BUDGET or len(chosen) >= MAX_QUERY_TERMS):
            break
        chosen.append(term)
        budget += df
    if not chosen:
        return []
    weight = {
        term: (1 + math.log(query[term])) * (math.log((1 + n) / (1 + document_frequency[term])) + 1) for term in chosen
    }
    scores: dict[int, float] = defaultdict(float)
    postings = ProposalTerm.objects.filter(process_id=process_id, term__in=chosen).values_list("proposal_id", "term")
    for pk, term in postings[:POSTINGS_BUDGET]:
        scores[pk] += weight[term]
    best = [pk for pk, _score in heapq.nlargest(CANDIDATES, scores.items(), key=lambda item: (item[1], -item[0]))]
    documents = [
        (pk, Counter(terms.split())) for pk, terms in candidates.filter(pk__in=best).values_list("pk", "terms")
    ]
    for _pk, counts in documents:
        for term in counts.keys() - document_frequency.keys():
            document_frequency[term] = known.get(term, 0)
    return rank(query, documents, document_frequency, n, limit=limit, min_score=min_score)


def _cache_key(process_id: int) -> str:
    return f"cocreation:similarity:df:{process_id}"


def frequencies(process_id: int) -> dict[str, int]:
    """Every stem's document frequency in a large process, kept in the cache for ``FREQUENCIES_SECONDS``: the
    weights move slowly at that size, and the lookup then needs no query for them."""
    found = dict(ProcessTerm.objects.filter(process_id=process_id, df__gt=0).values_list("term", "df"))
    cache.set(_cache_key(process_id), found, FREQUENCIES_SECONDS)
    return found
