"""Shared test helpers: case tables under tests/cases are TOML, validated on load."""

from __future__ import annotations

import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CASES = Path(__file__).parent / "cases"
ROOT = Path(__file__).parent.parent


def load_cases(name: str, required: set[str], optional: set[str] = frozenset()) -> list[dict]:
    """The ``[[case]]`` tables of ``tests/cases/<name>``; a malformed table fails loudly."""
    data = tomllib.loads((CASES / name).read_text(encoding="utf-8"))
    cases = data["case"]
    seen: set[str] = set()
    for case in cases:
        keys = set(case)
        missing, unknown = required - keys, keys - required - optional
        if missing or unknown:
            raise ValueError(f"{name}: case {case.get('id')!r}: missing {sorted(missing)}, unknown {sorted(unknown)}")
        if case["id"] in seen:
            raise ValueError(f"{name}: duplicate case id {case['id']!r}")
        seen.add(case["id"])
    return cases


#: The research corpus beside the project (absent in a user's clone: tests that need it skip).
CORPUS_DIR = ROOT.parent / "shared" / "corpora" / "reports"


def not_verbatim(cases: list[dict]) -> list[str]:
    """Cases naming a corpus report whose text (or prefix lines) the report does not contain."""
    missing: list[str] = []
    cache: dict[str, str] = {}
    for case in cases:
        source = case["source"]
        if not source.endswith(".txt"):
            continue
        if source not in cache:
            path = CORPUS_DIR / source
            cache[source] = path.read_text(encoding="utf-8") if path.is_file() else ""
        report = cache[source]
        if case["text"] not in report:
            missing.append(f"{case['id']} text ({source})")
        missing += [f"{case['id']} prefix line {line!r} ({source})"
                    for line in case.get("prefix", "").splitlines() if line not in report]
    return missing


class CaseTableError(ValueError):
    """A case table is malformed (it fails loudly on load, never silently skips a case)."""


def decimal_cell(raw: object, where: str) -> Decimal:
    """An exact number written as a string in a case table ("1.57", "1300000000000")."""
    if not isinstance(raw, str):
        raise CaseTableError(f"{where}: numbers are written as strings, got {raw!r}")
    try:
        number = Decimal(raw)
    except InvalidOperation:
        raise CaseTableError(f"{where}: not a decimal: {raw!r}") from None
    if not number.is_finite():
        raise CaseTableError(f"{where}: not a finite decimal: {raw!r}")
    return number
