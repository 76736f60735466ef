"""Case tables for ``find_quantities``: every case of ``cases/quantities.toml`` is one test.

The table is validated when it is loaded: a malformed case (unknown key, duplicate id, a value that
is not an exact decimal, a range without both ends, an xfail without a reason …) makes collection
fail loudly instead of silently testing less. See the header of the TOML for the format.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from conftest import CORPUS_DIR, CaseTableError, decimal_cell, not_verbatim

from govextract import find_quantities

CASES_FILE = Path(__file__).parent / "cases" / "quantities.toml"
#: Where the report files named by ``source`` live (a sibling checkout of the shared corpora).

GROUPS = {"dev", "bug", "xfail"}
CASE_KEYS = {"id", "group", "source", "text", "expect", "note", "reason"}
REQUIRED_CASE_KEYS = {"id", "group", "source", "text", "expect"}
EXPECT_KEYS = {"text", "value", "low", "high", "unit", "qualifier"}
QUALIFIERS = {"approx", "at_least", "at_most", "range"}

#: (text, value, low, high, unit, qualifier): what a case compares.
Row = tuple[str, Decimal | None, Decimal | None, Decimal | None, str, str | None]


def _expected_row(item: Any, text: str, where: str) -> Row:
    if not isinstance(item, dict):
        raise CaseTableError(f"{where}: an expected quantity is a table, got {item!r}")
    unknown = set(item) - EXPECT_KEYS
    if unknown:
        raise CaseTableError(f"{where}: unknown keys {sorted(unknown)}")
    surface = item.get("text")
    if not isinstance(surface, str) or not surface:
        raise CaseTableError(f"{where}: `text` is required")
    if surface not in text:
        raise CaseTableError(f"{where}: {surface!r} does not occur in the case text")
    unit = item.get("unit", "")
    if not isinstance(unit, str):
        raise CaseTableError(f"{where}: `unit` must be a string")
    qualifier = item.get("qualifier")
    if qualifier is not None and qualifier not in QUALIFIERS:
        raise CaseTableError(f"{where}: unknown qualifier {qualifier!r}")
    value = decimal_cell(item["value"], f"{where}.value") if "value" in item else None
    low = decimal_cell(item["low"], f"{where}.low") if "low" in item else None
    high = decimal_cell(item["high"], f"{where}.high") if "high" in item else None
    if qualifier == "range":
        if value is not None or low is None or high is None:
            raise CaseTableError(f"{where}: a range has `low` and `high` and no `value`")
        if low > high:
            raise CaseTableError(f"{where}: range low {low} > high {high}")
    else:
        if value is None or low is not None or high is not None:
            raise CaseTableError(f"{where}: a point has `value` only (or set qualifier = \"range\")")
    return (surface, value, low, high, unit, qualifier)


def _validate(case: Any, index: int, seen: set[str]) -> dict[str, Any]:
    where = f"{CASES_FILE.name} case #{index + 1}"
    if not isinstance(case, dict):
        raise CaseTableError(f"{where}: not a table")
    unknown = set(case) - CASE_KEYS
    missing = REQUIRED_CASE_KEYS - set(case)
    if unknown or missing:
        raise CaseTableError(f"{where}: unknown keys {sorted(unknown)}, missing keys {sorted(missing)}")
    case_id = case["id"]
    where = f"{CASES_FILE.name} case {case_id!r}"
    if not isinstance(case_id, str) or not case_id or any(ch.isspace() for ch in case_id):
        raise CaseTableError(f"{where}: `id` must be a non-empty string without spaces")
    if case_id in seen:
        raise CaseTableError(f"{where}: duplicate id")
    seen.add(case_id)
    if case["group"] not in GROUPS:
        raise CaseTableError(f"{where}: group must be one of {sorted(GROUPS)}")
    if case["group"] == "xfail" and not str(case.get("reason", "")).strip():
        raise CaseTableError(f"{where}: an xfail case needs a `reason`")
    if case["group"] != "xfail" and "reason" in case:
        raise CaseTableError(f"{where}: `reason` is for xfail cases; use `note`")
    text = case["text"]
    if not isinstance(text, str) or not text:
        raise CaseTableError(f"{where}: `text` must be a non-empty string")
    if not isinstance(case["source"], str) or not case["source"]:
        raise CaseTableError(f"{where}: `source` must be a non-empty string")
    if not isinstance(case["expect"], list):
        raise CaseTableError(f"{where}: `expect` must be a list (use [] for nothing)")
    rows = [_expected_row(item, text, f"{where} expect[{i}]") for i, item in enumerate(case["expect"])]
    # Expected surfaces must appear in text order and must not overlap.
    position = 0
    for row in rows:
        found = text.find(row[0], position)
        if found < 0:
            raise CaseTableError(f"{where}: expected {row[0]!r} out of order or overlapping")
        position = found + len(row[0])
    return {**case, "rows": rows}


def load_cases(path: Path = CASES_FILE) -> list[dict[str, Any]]:
    """Read and validate the case table; raise CaseTableError on any malformed entry."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    if set(data) != {"case"} or not isinstance(data["case"], list):
        raise CaseTableError(f"{path.name}: expected only [[case]] tables, got keys {sorted(data)}")
    seen: set[str] = set()
    return [_validate(case, index, seen) for index, case in enumerate(data["case"])]


CASES = load_cases()


def _param(case: dict[str, Any]) -> Any:
    marks = []
    if case["group"] == "xfail":
        marks.append(pytest.mark.xfail(reason=case["reason"], strict=True))
    return pytest.param(case["text"], case["rows"], id=case["id"], marks=marks)


def _actual_row(quantity: Any) -> Row:
    qualifier = quantity.qualifier
    return (
        quantity.text,
        quantity.value,
        quantity.low,
        quantity.high,
        quantity.unit,
        None if qualifier is None else getattr(qualifier, "value", qualifier),
    )


@pytest.mark.parametrize(("text", "expected"), [_param(case) for case in CASES])
def test_find_quantities(text: str, expected: list[Row]) -> None:
    quantities = find_quantities(text)
    for quantity in quantities:
        start, end = quantity.span
        assert text[start:end] == quantity.text, f"span {quantity.span} does not hold {quantity.text!r}"
        for name in ("value", "low", "high"):
            number = getattr(quantity, name)
            assert number is None or isinstance(number, Decimal), f"{name} is not a Decimal: {number!r}"
    assert [_actual_row(q) for q in quantities] == expected


# --- the table itself --------------------------------------------------------------------------


def test_case_table_size_and_provenance() -> None:
    """The table stays large and mostly real: ≥220 cases, ≥150 copied from corpus reports."""
    from_corpus = [c for c in CASES if "/" in c["source"] and c["source"].endswith(".txt")]
    assert len(CASES) >= 220
    assert len(from_corpus) >= 150


@pytest.mark.skipif(not CORPUS_DIR.is_dir(), reason="shared corpora not checked out")
def test_corpus_texts_are_verbatim() -> None:
    """Every case that names a report file quotes it verbatim (no paraphrase, no repair)."""
    missing = not_verbatim(CASES)
    assert not missing, "not found verbatim in their source: " + ", ".join(missing)


@pytest.mark.parametrize(
    "bad",
    [
        'id = "x"\ngroup = "dev"\nsource = "issue"\ntext = "增长5%"\nexpect = [ { text = "5%", value = "5.x", unit = "%" } ]',
        'id = "x"\ngroup = "dev"\nsource = "issue"\ntext = "增长5%"\nexpect = [ { text = "5%", value = 5, unit = "%" } ]',
        'id = "x"\ngroup = "dev"\nsource = "issue"\ntext = "增长5%"\nexpect = [ { text = "5%", value = "5", unit = "%", qualifer = "approx" } ]',
        'id = "x"\ngroup = "dev"\nsource = "issue"\ntext = "增长5%"\nexpect = [ { text = "6%", value = "6", unit = "%" } ]',
        'id = "x"\ngroup = "dev"\nsource = "issue"\ntext = "6%—5%"\nexpect = [ { text = "6%—5%", low = "6", high = "5", unit = "%", qualifier = "range" } ]',
        'id = "x"\ngroup = "dev"\nsource = "issue"\ntext = "5%—6%"\nexpect = [ { text = "5%—6%", value = "5", unit = "%", qualifier = "range" } ]',
        'id = "x"\ngroup = "xfail"\nsource = "issue"\ntext = "增长5%"\nexpect = []',
        'id = "x"\ngroup = "new"\nsource = "issue"\ntext = "增长5%"\nexpect = []',
        'id = "x"\ngroup = "dev"\nsource = "issue"\ntext = "增长5%"\nexpected = []',
    ],
    ids=[
        "bad-decimal",
        "number-not-string",
        "misspelt-key",
        "surface-not-in-text",
        "range-reversed",
        "range-with-value",
        "xfail-without-reason",
        "unknown-group",
        "misspelt-expect",
    ],
)
def test_malformed_case_fails_loudly(tmp_path: Path, bad: str) -> None:
    path = tmp_path / "cases.toml"
    path.write_text("[[case]]\n" + bad + "\n", encoding="utf-8")
    with pytest.raises(CaseTableError):
        load_cases(path)


def test_duplicate_id_fails_loudly(tmp_path: Path) -> None:
    case = '[[case]]\nid = "x"\ngroup = "dev"\nsource = "issue"\ntext = "增长5%"\nexpect = []\n'
    path = tmp_path / "cases.toml"
    path.write_text(case + case, encoding="utf-8")
    with pytest.raises(CaseTableError, match="duplicate"):
        load_cases(path)
