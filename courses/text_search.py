"""Word splitting for search in Chinese, where words are not separated by spaces.

Wagtail's database search backend (SQLite FTS5, PostgreSQL tsvector) cuts text into words at
spaces and punctuation, so "运用鱼骨图分析原因" is one "word" and a search for 鱼骨图 finds
nothing. Each lesson therefore also indexes ``ngram_text`` of its text: every run of CJK
characters becomes its single characters and overlapping pairs (bigrams), and a query is turned
into the same pairs. The database finds candidates by those pairs; ``matches`` then keeps only
lessons whose text really contains each query term (pairs can match in other places).
See docs/decisions/0101-chinese-search.md.

Pure functions: no Django.
"""

from __future__ import annotations

import re
import unicodedata

# CJK Unified Ideographs (+ extension A, compatibility ideographs), kana and hangul.
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af"
_CJK_RUN = re.compile(f"[{CJK}]+")
_WORD = re.compile(r"\w+", re.UNICODE)


def normalise(text: str) -> str:
    """Case-folded NFKC text (full-width letters and digits become ASCII)."""
    return unicodedata.normalize("NFKC", text or "").casefold()


def cjk_tokens(run: str) -> list[str]:
    """Single characters and overlapping pairs of one run of CJK characters."""
    chars = list(run)
    return chars + [a + b for a, b in zip(chars, chars[1:], strict=False)]


def ngram_text(text: str) -> str:
    """The text to index: CJK runs as characters and bigrams, other words as they are."""
    tokens: list[str] = []
    for term in query_terms(text):
        if _CJK_RUN.fullmatch(term):
            tokens.extend(cjk_tokens(term))
        else:
            tokens.append(term)
    return " ".join(tokens)


def query_terms(query: str) -> list[str]:
    """The terms of a query: CJK runs and other words, normalised, in order, without repeats."""
    text = normalise(query)
    terms: list[str] = []
    for chunk in _WORD.findall(text):
        # \w+ keeps CJK and latin letters together ("pcb板"); split them apart.
        for part in re.findall(rf"[{CJK}]+|[^{CJK}]+", chunk):
            part = part.strip("_")
            if part and part not in terms:
                terms.append(part)
    return terms


def ngram_query(query: str) -> str:
    """The query for the index: each CJK term as its bigrams (a single character as itself)."""
    tokens: list[str] = []
    for term in query_terms(query):
        if _CJK_RUN.fullmatch(term):
            pairs = [a + b for a, b in zip(term, term[1:], strict=False)] or [term]
            tokens.extend(pairs)
        else:
            tokens.append(term)
    return " ".join(dict.fromkeys(tokens))


def matches(text: str, query: str) -> bool:
    """True when the normalised ``text`` contains every CJK term of ``query`` as written.

    Other words are left to the search backend, which may stem them (repairs → repair).
    """
    haystack = normalise(text)
    terms = [term for term in query_terms(query) if _CJK_RUN.fullmatch(term)]
    return all(term in haystack for term in terms)
