"""The one linguistic pipeline of search, used for documents and for queries on every database.

text → lower case → accents stripped (NFKD, combining marks dropped; ñ becomes n) → words (runs of
letters and digits) → Spanish stop words dropped → Snowball Spanish stem.

The databases never stem anything: they receive the stems computed here, separated by spaces, and
only split them on spaces (PostgreSQL's ``simple`` configuration, SQLite FTS5's ``unicode61``
tokenizer). That is why the same corpus gives the same hits on both. See docs/search.md.
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

#: Longer queries are cut to this many characters before they are normalised.
MAX_QUERY_LENGTH = 200
#: At most this many distinct terms of a query are used (every one must match).
MAX_QUERY_TERMS = 32
#: Words longer than this (pasted identifiers, base64, runs of CJK text) are not indexed.
MAX_WORD_LENGTH = 40

# Letters and digits; the underscore, which ``\w`` also matches, separates words.
WORD_RE = re.compile(r"[^\W_]+")

# Function words, written without accents because they are compared after accents are stripped
# ("más" and "mas" are the same entry). Content words that happen to be verb forms are kept on
# purpose: "estado" (Estado Abierto), "poder" (Poder Judicial), "parte", "cuenta(s)".
_STOP_WORDS_TEXT = """
    a al ante bajo cabe con contra de del desde durante en entre hacia hasta mediante para por segun sin
    so sobre tras versus
    el la lo los las un una uno unos unas
    y e ni o u pero sino que porque pues aunque si como cuando donde mientras tambien tampoco ya
    yo tu ella ello ellos ellas nosotros nosotras vosotros vosotras usted ustedes
    me te se nos os le les mi mis tus su sus
    nuestro nuestra nuestros nuestras vuestro vuestra vuestros vuestras suyo suya suyos suyas
    este esta esto estos estas ese esa eso esos esas aquel aquella aquello aquellos aquellas
    cual cuales quien quienes cuyo cuya cuyos cuyas
    mas muy no aqui alli asi tan tanto
    es son ser sera seran sea sean fue fueron sido siendo era eran
    ha han he hemos has hay haber habia habian
    estan estaba estaban
    otro otra otros otras todo toda todos todas cada mismo misma mismos mismas
    algo alguno alguna algunos algunas cualquier
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

_stemmer = snowballstemmer.stemmer("spanish")


def fold(text: str) -> str:
    """Lower-case ``text`` and strip its accents: "Participación" → "participacion", "Ñuñoa" → "nunoa"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    # Lower-cased again: compatibility decomposition can yield capitals ("ℌ" → "H").
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower()


def words(text: str) -> list[str]:
    """The folded words of ``text``, stop words included."""
    return WORD_RE.findall(fold(text))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str | None:
    """The index term of one folded word, or None when the word is not indexed (a stop word)."""
    if word in STOP_WORDS or len(word) > MAX_WORD_LENGTH:
        return None
    if word.endswith("ernos"):
        # Snowball reads "-ernos" as an infinitive with an attached pronoun ("hacernos"), so
        # "gobiernos" would become "gobi" and never meet "gobierno". In plans these are plural nouns
        # and adjectives (gobiernos, internos, externos, modernos): stem the singular instead.
        word = word[:-1]
    term = _stemmer.stemWord(word)
    if not term.isascii():
        # Letters outside Latin script: spelt in hexadecimal so that each term is one plain ASCII
        # token for both databases' tokenizers, whatever their locale.
        term = "x" + term.encode().hex()
    return term


@lru_cache(maxsize=200_000)
def word_terms(word: str) -> tuple[str, ...]:
    """The index terms of one word as written ("Participación" → ("particip",)); () for a stop word.

    Usually one term; folding can split a word ("½" → "1", "2").
    """
    return tuple(term for part in words(word) if (term := stem(part)))


def terms(text: str) -> list[str]:
    """Every index term of ``text``, in order, repetitions included (for documents).

    Words are cut from the text as written (composed, NFC) and each distinct word is normalised
    once: a registry repeats the same few thousand words, so this is mostly cache lookups.
    """
    result: list[str] = []
    for word in WORD_RE.findall(unicodedata.normalize("NFC", text)):
        result.extend(word_terms(word))
    return result


def query_terms(query: str | None) -> list[str]:
    """The distinct terms of a search query, in order; empty when nothing searchable remains."""
    if not query:
        return []
    seen: dict[str, None] = {}
    for term in terms(query[:MAX_QUERY_LENGTH]):
        seen.setdefault(term, None)
    return list(seen)[:MAX_QUERY_TERMS]


def clean_query(query: str | None) -> str:
    """The query as the user will see it echoed back: whitespace collapsed, cut to the maximum length."""
    return " ".join((query or "")[:MAX_QUERY_LENGTH].split())
