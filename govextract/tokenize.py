"""``tokenize(text)``: words with offsets and part of speech, from a private jieba tokenizer.

The tokenizer is our own ``jieba.posseg.POSTokenizer(jieba.Tokenizer())`` with the government
dictionary ``govextract/data/gov_dict.txt`` added (indicator wordings such as 规上工业增加值 and
policy terms such as 放管服, which jieba's default dictionary splits). It is built on first use,
once per process, by :func:`tokenizer`; jieba's shared tokenizer (``jieba.dt``, ``jieba.posseg.dt``)
is never touched.

Quantities come first: every quantity that :func:`~govextract.quantities.find_quantities` finds is
one token (``25.5万亩``, ``4.5%—5%``), never split; jieba cuts only the text between quantities.

Offsets: tokens tile the input. Their ``span`` values are consecutive ``[start, end)`` indices
into ``text`` with no gap and no overlap, and ``token.text == text[start:end]``. Whitespace is
**kept** as tokens (pos ``"x"``, as jieba tags it; one token per whitespace character, ``"\\r\\n"``
as one), so ``"".join(t.text for t in tokens) == text``. Filter ``t.text.isspace()`` to drop them.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from .errors import DataError
from .models import Quantity, Span
from .quantities import find_quantities
from .resources import read_data_text

if TYPE_CHECKING:  # pragma: no cover
    from jieba.posseg import POSTokenizer

__all__ = ["DICTIONARY_FILE", "QUANTITY_POS", "DictEntry", "Token", "parse_dictionary", "tokenize", "tokenizer"]

#: The government dictionary under ``govextract/data/``.
DICTIONARY_FILE = "gov_dict.txt"

#: Part of speech of a quantity token with a unit or magnitude (jieba's numeral-classifier tag);
#: a bare number gets jieba's numeral tag ``"m"``.
QUANTITY_POS = "mq"

#: One dictionary line: a word without spaces, a positive frequency, a lower-case jieba tag.
_ENTRY = re.compile(r"(?P<word>\S+) (?P<freq>[1-9][0-9]*) (?P<pos>[a-z]+)")

#: Serialises the one-time build so that concurrent first calls build once (see :func:`tokenizer`).
_BUILD_LOCK = threading.Lock()


class Token(BaseModel):
    """One token of the input: its surface, its ``[start, end)`` span and its part of speech.

    ``pos`` is a jieba tag (``n``, ``v``, ``vn``, ``j`` …, ``x`` for punctuation and whitespace);
    a quantity token has ``is_quantity=True`` and pos ``"mq"`` (``"m"`` for a bare number).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str
    span: Span
    pos: str
    is_quantity: bool = False


@dataclass(frozen=True)
class DictEntry:
    """One validated line of the government dictionary."""

    word: str
    freq: int
    pos: str


def parse_dictionary(source: str, name: str = DICTIONARY_FILE) -> tuple[DictEntry, ...]:
    """The entries of a dictionary text in jieba user-dict format (``word freq pos`` per line).

    Lines that are blank or start with ``#`` are skipped (jieba itself has no comments, so they
    never reach it). A malformed line or a word listed twice raises
    :class:`~govextract.errors.DataError` naming the file and line.
    """
    entries: list[DictEntry] = []
    seen: dict[str, int] = {}
    for lineno, raw in enumerate(source.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = _ENTRY.fullmatch(line)
        if match is None:
            raise DataError(f"GX501 {name} line {lineno}: expected 'word freq pos', got {line!r}")
        word = match["word"]
        if word in seen:
            raise DataError(f"GX502 {name} line {lineno}: {word!r} is already listed on line {seen[word]}")
        seen[word] = lineno
        entries.append(DictEntry(word, int(match["freq"]), match["pos"]))
    if not entries:
        raise DataError(f"GX503 {name} has no entries")
    return tuple(entries)


@functools.cache
def _build() -> POSTokenizer:
    """Build the private tokenizer: jieba's default dictionary plus the government dictionary.

    jieba logs its dictionary loading at DEBUG level to its own stderr handler (jieba installs it
    at import). To keep that quiet, the level of the ``"jieba"`` logger (jieba's own, never the
    root logger) is raised to WARNING for the duration of this one build and then restored.
    """
    import jieba
    import jieba.posseg

    entries = parse_dictionary(read_data_text(DICTIONARY_FILE))
    jieba_logger = logging.getLogger("jieba")
    level = jieba_logger.level
    jieba_logger.setLevel(max(level, logging.WARNING))
    try:
        words = jieba.Tokenizer()
        words.initialize()
        for entry in entries:
            words.add_word(entry.word, entry.freq, entry.pos)
        tagger = jieba.posseg.POSTokenizer(words)
        # Move the user tags into the tagger now, so that cutting never writes to it later.
        tagger.makesure_userdict_loaded()
    finally:
        jieba_logger.setLevel(level)
    return tagger


@functools.cache
def tokenizer() -> POSTokenizer:
    """The private ``jieba.posseg.POSTokenizer`` with the government dictionary (built once).

    The first call builds it (about 1–2 s: jieba's default dictionary and tag table, then
    ``gov_dict.txt``); later calls return the same object. A lock makes concurrent first calls
    build only once. Once built, cutting only reads the tokenizer, so it may be shared between
    threads. Used by :func:`tokenize` and by the spaCy integration.
    """
    with _BUILD_LOCK:
        return _build()


def _quantity_token(quantity: Quantity) -> Token:
    pos = QUANTITY_POS if (quantity.unit_text or quantity.magnitude_text or quantity.unit) else "m"
    return Token(text=quantity.text, span=quantity.span, pos=pos, is_quantity=True)


def _cut(text: str, start: int, end: int, tagger: POSTokenizer) -> list[Token]:
    """jieba's tokens of ``text[start:end]``, with offsets into ``text``."""
    tokens: list[Token] = []
    position = start
    for pair in tagger.cut(text[start:end]):
        word = pair.word
        if not word:
            continue
        if not text.startswith(word, position):  # pragma: no cover - jieba keeps the text as is
            break
        tokens.append(Token(text=word, span=(position, position + len(word)), pos=pair.flag))
        position += len(word)
    if position < end:  # pragma: no cover - defensive: never leave a gap in the tiling
        tokens.append(Token(text=text[position:end], span=(position, end), pos="x"))
    return tokens


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text``, tiling it exactly (whitespace included), quantities kept whole.

    >>> [t.text for t in tokenize("规上工业增加值增长6%")]
    ['规上工业增加值', '增长', '6%']
    >>> tokenize("新增高标准农田25.5万亩")[-1]
    Token(text='25.5万亩', span=(7, 13), pos='mq', is_quantity=True)
    """
    if not text:
        return []
    tagger = tokenizer()
    tokens: list[Token] = []
    position = 0
    for quantity in sorted(find_quantities(text), key=lambda q: q.span):
        start, end = quantity.span
        if start < position or end <= start or text[start:end] != quantity.text:
            continue  # overlapping or inconsistent span: leave that text to jieba
        if position < start:
            tokens.extend(_cut(text, position, start, tagger))
        tokens.append(_quantity_token(quantity))
        position = end
    if position < len(text):
        tokens.extend(_cut(text, position, len(text), tagger))
    return tokens
