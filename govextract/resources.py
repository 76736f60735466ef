"""Loads the language data in ``govextract/data/`` once per process.

Each data file is TOML, read once (``functools.cache``) and validated by the module that uses it;
a malformed file raises :class:`~govextract.errors.DataError` naming the file, so a typo fails the
test suite rather than a batch run.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Iterable
from importlib import resources
from typing import Any

from .errors import DataError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

__all__ = ["alternation", "load_toml", "longest_first", "read_data_text"]


def longest_first(words: Iterable[str]) -> tuple[str, ...]:
    """Distinct words, longest first (ties alphabetical), for longest-match scanning."""
    return tuple(sorted(set(words), key=lambda w: (-len(w), w)))


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first (so 千瓦时 wins over 千瓦)."""
    return "|".join(re.escape(w) for w in longest_first(words))


def read_data_text(name: str) -> str:
    """The text of ``govextract/data/<name>``."""
    try:
        return resources.files("govextract").joinpath("data", name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DataError(f"GX001 data file govextract/data/{name} is missing") from exc


@functools.cache
def load_toml(name: str) -> dict[str, Any]:
    """The parsed TOML file ``govextract/data/<name>`` (cached; do not mutate the result)."""
    try:
        return tomllib.loads(read_data_text(name))
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"GX002 data file govextract/data/{name} is not valid TOML: {exc}") from exc
