"""Case tables for goal assembly: every case of ``cases/goals.toml`` is one test.

A case gives one or two real report sentences and EVERY goal record expected from them, in text
order; each expected record names its quantity surface (``text``) and only the fields the case is
about. The test requires the goals' texts, in order, to equal the expected texts, and compares the
named fields one by one. Enum fields are compared by ``.value``, numbers as ``Decimal``.
The table is validated when it is loaded: a malformed case fails collection loudly.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from conftest import CORPUS_DIR, CaseTableError, decimal_cell, load_cases, not_verbatim

import govextract

#: Where the report files named by ``source`` live (a sibling checkout of the shared corpora).

GROUPS = {"dev", "bug", "xfail"}
REQUIRED_KEYS = {"id", "group", "source", "text", "expect"}
OPTIONAL_KEYS = {"prefix", "note", "reason"}

#: Field name -> allowed values (None: free text). "" in the table stands for None.
ENUMS: dict[str, set[str]] = {
    "change": {"level", "increase", "decrease", "amount", "multiple"},
    "qualifier": {"approx", "at_least", "at_most", "range"},
    "status": {"target", "actual", "estimate"},
}
MODALITIES = {"力争", "确保", "争取", "努力", "力求", "预期"}
TEXT_FIELDS = {"indicator", "action", "unit"}
COMPARED_FIELDS = ("indicator", "action", "change", "qualifier", "modality", "status", "year", "value", "unit")
EXPECT_KEYS = {"text", *COMPARED_FIELDS}


def _expected_field(name: str, raw: Any, where: str) -> Any:
    """The expected value of one field, as compared (``""`` → None; numbers → Decimal)."""
    if name == "value":
        return decimal_cell(raw, where)
    if name == "year":
        if raw == "":
            return None
        if not isinstance(raw, int) or isinstance(raw, bool) or not 1949 <= raw <= 2100:
            raise CaseTableError(f"{where}: year is an integer year or \"\", got {raw!r}")
        return raw
    if not isinstance(raw, str):
        raise CaseTableError(f"{where}: {name} is a string, got {raw!r}")
    if name == "unit":
        return raw  # "" is the unit of a bare count, not None
    if raw == "":
        return None
    if name in ENUMS and raw not in ENUMS[name]:
        raise CaseTableError(f"{where}: {name} must be one of {sorted(ENUMS[name])}, got {raw!r}")
    if name == "modality" and raw not in MODALITIES:
        raise CaseTableError(f"{where}: modality must be one of {sorted(MODALITIES)}, got {raw!r}")
    return raw


def _validate(case: dict[str, Any]) -> dict[str, Any]:
    where = f"goals.toml case {case['id']!r}"
    case_id = case["id"]
    if not isinstance(case_id, str) or not case_id or any(ch.isspace() for ch in case_id):
        raise CaseTableError(f"{where}: `id` must be a non-empty string without spaces")
    if case["group"] not in GROUPS:
        raise CaseTableError(f"{where}: group must be one of {sorted(GROUPS)}")
    if case["group"] == "xfail" and not str(case.get("reason", "")).strip():
        raise CaseTableError(f"{where}: an xfail case needs a `reason`")
    if case["group"] != "xfail" and "reason" in case:
        raise CaseTableError(f"{where}: `reason` is for xfail cases; use `note`")
    text, prefix = case["text"], case.get("prefix", "")
    if not isinstance(text, str) or not text or not isinstance(prefix, str):
        raise CaseTableError(f"{where}: `text` must be a non-empty string (and `prefix` a string)")
    if prefix and not prefix.endswith("\n"):
        raise CaseTableError(f"{where}: `prefix` holds whole lines and ends with a newline")
    if not isinstance(case["expect"], list):
        raise CaseTableError(f"{where}: `expect` must be a list (use [] for nothing)")
    rows: list[dict[str, Any]] = []
    position, previous = 0, (-1, "")
    for index, item in enumerate(case["expect"]):
        at = f"{where} expect[{index}]"
        if not isinstance(item, dict):
            raise CaseTableError(f"{at}: an expected goal is a table, got {item!r}")
        unknown = set(item) - EXPECT_KEYS
        if unknown:
            raise CaseTableError(f"{at}: unknown keys {sorted(unknown)}")
        surface = item.get("text")
        if not isinstance(surface, str) or not surface:
            raise CaseTableError(f"{at}: `text` is required")
        found = text.find(surface, position)
        if found < 0 and surface == previous[1]:
            found = previous[0]  # one number shared by several subjects: the same surface again
        if found < 0:
            raise CaseTableError(f"{at}: {surface!r} does not occur in the case text (in order)")
        position, previous = found + len(surface), (found, surface)
        fields = {name: _expected_field(name, item[name], at) for name in COMPARED_FIELDS if name in item}
        rows.append({"text": surface, "fields": fields})
    return {**case, "rows": rows}


CASES = [_validate(case) for case in load_cases("goals.toml", REQUIRED_KEYS, OPTIONAL_KEYS)]


def _param(case: dict[str, Any]) -> Any:
    marks = []
    if case["group"] == "xfail":
        marks.append(pytest.mark.xfail(reason=case["reason"], strict=True))
    return pytest.param(case, id=case["id"], marks=marks)


def _actual(goal: govextract.Goal, name: str) -> Any:
    value = getattr(goal, name)
    return getattr(value, "value", value)  # enums by their value


@pytest.mark.parametrize("case", [_param(case) for case in CASES])
def test_goals(case: dict[str, Any]) -> None:
    document = case.get("prefix", "") + case["text"]
    goals = govextract.parse_report(document).goals
    for goal in goals:
        start, end = goal.span
        assert document[start:end] == goal.text, f"span {goal.span} does not hold {goal.text!r}"
        for name in ("value", "low", "high"):
            number = getattr(goal, name)
            assert number is None or isinstance(number, Decimal), f"{goal.text}: {name} is not a Decimal: {number!r}"
    expected_texts = [row["text"] for row in case["rows"]]
    actual_texts = [goal.text for goal in goals]
    assert actual_texts == expected_texts, f"goal texts differ:\n  got      {actual_texts}\n  expected {expected_texts}"
    problems = []
    for index, (goal, row) in enumerate(zip(goals, case["rows"])):
        for name, expected in row["fields"].items():
            actual = _actual(goal, name)
            if actual != expected:
                problems.append(f"goal {index} {goal.text!r}: {name} = {actual!r}, expected {expected!r}")
    assert not problems, "\n".join(problems)


# --- the table itself --------------------------------------------------------------------------


def test_case_table_size_and_provenance() -> None:
    """The table stays large and mostly real: ≥80 cases, most copied from corpus reports."""
    from_corpus = [c for c in CASES if c["source"].endswith(".txt")]
    assert len(CASES) >= 80
    assert len(from_corpus) * 2 > len(CASES)


@pytest.mark.skipif(not CORPUS_DIR.is_dir(), reason="shared corpora not checked out")
def test_corpus_texts_are_verbatim() -> None:
    """Every case that names a report file quotes it verbatim, and its prefix lines come from it."""
    missing = not_verbatim(CASES)
    assert not missing, "not found verbatim in their source: " + ", ".join(missing)