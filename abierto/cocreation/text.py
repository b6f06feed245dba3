"""People's text: a small safe Markdown renderer, and Spanish-aware similarity between proposals.

Markdown subset: paragraphs (blank lines), line breaks, ``*emphasis*`` / ``_emphasis_``,
``**strong**``, lists (``- item``, ``* item``, ``1. item``) and links ``[text](https://…)``, which get
``rel="nofollow ugc"``. Everything else is escaped: the text is escaped first and only these
constructs are turned into tags afterwards, so no HTML typed by a person ever reaches the page.

Similarity: TF-IDF cosine over the stems of ``abierto.search.normalize`` (the search pipeline:
accents folded, Spanish stop words dropped, Snowball stems), ranked in Python. A small process is read
whole; a large one goes through the inverted index of ``abierto.cocreation.similarity`` first.
"""

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from abierto.search import normalize

# --------------------------------------------------------------------------- Markdown subset

_BULLET = re.compile(r"^\s*[-*]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+(.*)$")
# Applied to escaped text: "&" is "&amp;", quotes are "&quot;"/"&#x27;", so no tag can be formed.
_LINK = re.compile(r"\[([^\[\]\n]{1,200})\]\((https?://[^\s()<>]{1,500})\)")
_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_EM_STAR = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_EM_UNDERSCORE = re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")


def _inline(line: str) -> str:
    """Escape one line, then turn the inline constructs into tags."""
    text = escape(line)
    links: list[str] = []

    def link(match: re.Match) -> str:
        label, url = match.group(1), match.group(2)
        links.append(f'<a href="{url}" rel="nofollow ugc">{label}</a>')
        return f"\x00{len(links) - 1}\x00"

    text = _LINK.sub(link, text)  # the URL was escaped already: it cannot break out of the attribute
    text = _STRONG.sub(r"<strong>\1</strong>", text)
    text = _EM_STAR.sub(r"<em>\1</em>", text)
    text = _EM_UNDERSCORE.sub(r"<em>\1</em>", text)
    return re.sub(r"\x00(\d+)\x00", lambda m: links[int(m.group(1))], text)


def render_markdown(source: str | None) -> SafeString:
    """Render the Markdown subset of ``source`` as safe HTML."""
    if not source:
        return mark_safe("")
    source = source.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    blocks: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []
    list_tag = ""

    def flush_paragraph() -> None:
        if paragraph:
            blocks.append("<p>" + "<br>".join(_inline(line) for line in paragraph) + "</p>")
            paragraph.clear()

    def flush_list() -> None:
        nonlocal list_tag
        if items:
            blocks.append(f"<{list_tag}>" + "".join(f"<li>{_inline(item)}</li>" for item in items) + f"</{list_tag}>")
            items.clear()
        list_tag = ""

    for line in source.split("\n"):
        bullet, numbered = _BULLET.match(line), _NUMBERED.match(line)
        if bullet or numbered:
            tag = "ul" if bullet else "ol"
            flush_paragraph()
            if list_tag and list_tag != tag:
                flush_list()
            list_tag = tag
            items.append((bullet or numbered).group(1))
        elif not line.strip():
            flush_paragraph()
            flush_list()
        else:
            flush_list()
            paragraph.append(line.strip())
    flush_paragraph()
    flush_list()
    return mark_safe("\n".join(blocks))


def plain_excerpt(source: str | None, length: int = 220) -> str:
    """The text without Markdown marks, cut at ``length`` characters (for lists and notices)."""
    text = _LINK.sub(r"\1", source or "")
    text = re.sub(r"[*_]{1,2}", "", text)
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


# --------------------------------------------------------------------------- Similarity


def terms_of(text: str) -> str:
    """The stems of ``text`` as stored on a proposal (space-separated, repetitions kept)."""
    return " ".join(normalize.terms(text))


def similar(
    query_terms: str, candidates: Iterable[tuple[int, str]], *, limit: int = 5, min_score: float = 0.1
) -> list[tuple[int, float]]:
    """The candidates most like the query: [(id, cosine)], best first.

    ``candidates`` are (id, stored terms). Weights are TF-IDF (idf smoothed over the candidates plus
    the query); the score is the cosine of the two weight vectors, from 0 (nothing shared) to 1.
    """
    query = Counter(query_terms.split())
    if not query:
        return []
    documents = [(pk, Counter(terms.split())) for pk, terms in candidates]
    document_frequency: Counter = Counter()
    for _pk, counts in documents:
        document_frequency.update(counts.keys())
    document_frequency.update(query.keys())
    return rank(query, documents, document_frequency, len(documents) + 1, limit=limit, min_score=min_score)


def rank(
    query: Counter,
    documents: Iterable[tuple[int, Counter]],
    document_frequency: Mapping[str, int],
    n: int,
    *,
    limit: int = 5,
    min_score: float = 0.1,
) -> list[tuple[int, float]]:
    """Rank ``documents`` [(id, term counts)] by TF-IDF cosine with ``query`` (term counts), given the
    document frequencies of their terms among ``n`` documents (the query counted as one of them)."""
    idf_cache: dict[str, float] = {}

    def idf(term: str) -> float:
        value = idf_cache.get(term)
        if value is None:
            value = idf_cache[term] = math.log((1 + n) / (1 + document_frequency.get(term, 0))) + 1
        return value

    def weights(counts: Counter) -> dict[str, float]:
        return {term: (1 + math.log(count)) * idf(term) for term, count in counts.items()}

    query_weights = weights(query)
    query_norm = math.sqrt(sum(w * w for w in query_weights.values()))
    scored: list[tuple[int, float]] = []
    for pk, counts in documents:
        if not counts or not (counts.keys() & query.keys()):
            continue
        doc_weights = weights(counts)
        dot = sum(w * doc_weights[t] for t, w in query_weights.items() if t in doc_weights)
        norm = math.sqrt(sum(w * w for w in doc_weights.values()))
        score = dot / (query_norm * norm)
        if score >= min_score:
            scored.append((pk, round(score, 4)))
    scored.sort(key=lambda item: (-item[1], item[0]))
    return scored[:limit]
