"""Reading the search index: :func:`search` answers a query with one page of ranked hits.

A search costs two SQL statements whatever the number of hits: the counts per kind, then the page.
Queries are normalised in Python (abierto.search.normalize) into terms that every hit must contain;
the terms reach the database as parameters, each quoted, so nothing a person types is ever read as
SQL, tsquery or FTS5 syntax.
"""

import math
import re
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.utils.safestring import SafeString

from abierto.search import highlight, normalize
from abierto.search.models import KIND_ORDER, SearchDocument

Kind = SearchDocument.Kind
KINDS = list(Kind.values)
PER_PAGE = 20

# Terms are ASCII letters and digits by construction; anything else is dropped before it nears SQL.
_SAFE_TERM = re.compile(r"[0-9a-z]+")


@dataclass(frozen=True)
class Hit:
    kind: str
    object_id: int
    title: str
    subtitle: str
    url: str
    rank: float
    title_html: SafeString
    excerpt_html: SafeString

    @property
    def kind_label(self) -> str:
        return Kind(self.kind).label


@dataclass
class SearchResults:
    query: str
    terms: list[str]
    kind: str | None = None
    page: int = 1
    per_page: int = PER_PAGE
    #: Hits for every kind, whatever the filter.
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    hits: list[Hit] = field(default_factory=list)

    @property
    def total_all(self) -> int:
        return sum(self.counts.values())

    @property
    def total(self) -> int:
        """Hits within the kind filter (all hits without one)."""
        return self.counts.get(self.kind, 0) if self.kind else self.total_all

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def previous_page_number(self) -> int:
        return self.page - 1

    @property
    def next_page_number(self) -> int:
        return self.page + 1

    @property
    def start_index(self) -> int:
        return (self.page - 1) * self.per_page + 1 if self.total else 0

    @property
    def end_index(self) -> int:
        return min(self.total, self.page * self.per_page)


_TABLE = SearchDocument._meta.db_table
_KIND_BY_ORDER = {order: kind for kind, order in KIND_ORDER.items()}


class _PostgreSQL:
    """The generated ``search_vector`` column (weights A title, B body), its GIN index, ts_rank."""

    matches = f"FROM {_TABLE} AS k CROSS JOIN to_tsquery('simple', %s) AS tsq WHERE k.search_vector @@ tsq"
    rank = "ts_rank(k.search_vector, tsq)"
    collate = ' COLLATE "C"'

    @staticmethod
    def expression(terms: list[str]) -> str:
        # Each term a quoted lexeme, all required: 'particip' & 'ciudadan'.
        return " & ".join("'" + term.replace("'", "''") + "'" for term in terms)


class _SQLite:
    """The FTS5 table ``search_fts`` (rowid = document id), bm25 with the title weighing ten times the body.

    Matches are joined through the covering index on (id, kind_order, title_sort): ranking and counting
    never read the wide document rows.
    """

    matches = (
        f"FROM search_fts CROSS JOIN {_TABLE} AS k INDEXED BY search_doc_sort_idx ON k.id = search_fts.rowid "
        "WHERE search_fts MATCH %s"
    )
    # bm25() is lower for better matches; negated so that both databases sort by rank descending.
    rank = "-bm25(search_fts, 10.0, 1.0)"
    collate = ""

    @staticmethod
    def expression(terms: list[str]) -> str:
        # Each term a quoted FTS5 string; strings side by side must all match.
        return " ".join('"' + term.replace('"', '""') + '"' for term in terms)


def _backend():
    if connection.vendor == "postgresql":
        return _PostgreSQL
    if connection.vendor == "sqlite":
        return _SQLite
    raise ImproperlyConfigured(f"Search supports PostgreSQL and SQLite, not {connection.vendor}.")


def _page_sql(backend, *, filtered: bool) -> str:
    """The page: ranked on the narrow columns, then the shown columns read for the page's rows only."""
    order = f"rank DESC, kind_order, title_sort{backend.collate}, id"
    kind_filter = " AND k.kind_order = %s" if filtered else ""
    return (
        f"WITH page AS (SELECT k.id, k.kind_order, k.title_sort, {backend.rank} AS rank "
        f"{backend.matches}{kind_filter} ORDER BY {order} LIMIT %s OFFSET %s) "
        "SELECT d.kind, d.object_id, d.title, d.subtitle, d.url, d.excerpt, page.rank "
        f"FROM page JOIN {_TABLE} AS d ON d.id = page.id "
        f"ORDER BY page.rank DESC, page.kind_order, page.title_sort{backend.collate}, page.id"
    )


def search(query: str | None, *, kind: str | None = None, page: int = 1, per_page: int = PER_PAGE) -> SearchResults:
    """One page of the documents that contain every term of ``query``, best first.

    ``kind`` restricts the page (and ``total``) to one kind; ``counts`` always covers every kind.
    A blank query, or one made only of stop words, has no results. Pages past the end give the last.
    """
    per_page = max(1, per_page)
    query = normalize.clean_query(query)
    terms = [term for term in normalize.query_terms(query) if _SAFE_TERM.fullmatch(term)]
    if kind not in KINDS:
        kind = None
    results = SearchResults(query=query, terms=terms, kind=kind, per_page=per_page)
    if not terms:
        return results

    backend = _backend()
    expression = backend.expression(terms)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT k.kind_order, COUNT(*) {backend.matches} GROUP BY k.kind_order", [expression])
        for kind_order, count in cursor.fetchall():
            results.counts[_KIND_BY_ORDER[kind_order]] = count
        results.page = min(max(1, page), results.num_pages)
        if not results.total:
            return results

        params: list[object] = [expression]
        if kind:
            params.append(KIND_ORDER[kind])
        params += [per_page, (results.page - 1) * per_page]
        cursor.execute(_page_sql(backend, filtered=bool(kind)), params)
        rows = cursor.fetchall()

    results.hits = [
        Hit(
            kind=row_kind,
            object_id=object_id,
            title=title,
            subtitle=subtitle,
            url=url,
            rank=float(rank),
            title_html=highlight.mark(title, terms),
            excerpt_html=highlight.excerpt(excerpt, terms),
        )
        for row_kind, object_id, title, subtitle, url, excerpt, rank in rows
    ]
    return results
