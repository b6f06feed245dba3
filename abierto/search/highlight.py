"""Showing why a document matched: the query's words marked in a title and in an excerpt.

Each original word is normalised with the same pipeline as the index and compared with the query's
terms, so "participación" is marked for the query "participar". Everything else is escaped.
"""

from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from abierto.search import normalize

#: Words shown around the first match.
EXCERPT_WORDS = 36
#: Words kept before the first match, for context.
WORDS_BEFORE = 8


@lru_cache(maxsize=100_000)
def _head(word: str) -> str:
    return normalize.fold(word)[:3]


def _matches(word: str, terms: frozenset[str], prefixes: frozenset[str]) -> bool:
    head = _head(word)
    # A cheap test first: a term begins like the word it came from (terms of words in other scripts
    # are spelt in hexadecimal, so those are always stemmed).
    if head.isascii() and not (head in prefixes or head[:2] in prefixes or head[:1] in prefixes):
        return False
    return any(term in terms for term in normalize.word_terms(word))


def _spans(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in normalize.WORD_RE.finditer(text)]


def _prefixes(terms: frozenset[str]) -> frozenset[str]:
    return frozenset(term[:3] for term in terms)


def _render(text: str, spans: list[tuple[int, int]], marked: set[int], start: int, end: int) -> str:
    """Escape ``text[start:end]``, wrapping the words whose index is in ``marked`` in <mark>."""
    out = []
    position = start
    for number, (word_start, word_end) in enumerate(spans):
        if number not in marked or word_end <= start or word_start >= end:
            continue
        out.append(escape(text[position:word_start]))
        out.append(f"<mark>{escape(text[word_start:word_end])}</mark>")
        position = word_end
    out.append(escape(text[position:end]))
    return "".join(out)


def mark(text: str, terms: list[str] | tuple[str, ...]) -> SafeString:
    """``text`` escaped, with the words that match ``terms`` in <mark>."""
    term_set = frozenset(terms)
    if not text:
        return mark_safe("")
    spans = _spans(text)
    prefixes = _prefixes(term_set)
    marked = {i for i, (s, e) in enumerate(spans) if term_set and _matches(text[s:e], term_set, prefixes)}
    return mark_safe(_render(text, spans, marked, 0, len(text)))


def excerpt(text: str, terms: list[str] | tuple[str, ...], *, size: int = EXCERPT_WORDS) -> SafeString:
    """A window of ``text`` around its first matching word, escaped, with matches in <mark>.

    Without a match the excerpt is the beginning of the text. Ellipses show where it was cut.
    """
    text = " ".join(text.split())
    if not text:
        return mark_safe("")
    term_set = frozenset(terms)
    prefixes = _prefixes(term_set)
    spans = _spans(text)
    marked: set[int] = set()
    first = None
    for number, (word_start, word_end) in enumerate(spans):
        if term_set and _matches(text[word_start:word_end], term_set, prefixes):
            marked.add(number)
            if first is None:
                first = number
        if first is not None and number - first >= size:
            break
    if not spans:
        return mark_safe(escape(text[:300]))
    begin = max(0, first - WORDS_BEFORE) if first is not None else 0
    finish = min(len(spans), begin + size)
    start = spans[begin][0] if begin > 0 else 0
    end = spans[finish - 1][1] if finish < len(spans) else len(text)
    html = _render(text, spans, marked, start, end)
    if begin > 0:
        html = "… " + html
    if finish < len(spans):
        html += " …"
    return mark_safe(html)
