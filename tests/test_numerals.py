"""govextract.numerals: exact values for Arabic, Chinese and mixed numerals."""

from __future__ import annotations

from decimal import Decimal

import cn2an
import pytest
from conftest import load_cases
from hypothesis import given
from hypothesis import strategies as st

from govextract.numerals import consecutive_pair, parse_numeral

CASES = load_cases("numerals.toml", {"id", "text", "value", "group"})


@pytest.mark.parametrize("case", [pytest.param(c, id=c["id"]) for c in CASES])
def test_numeral(case: dict) -> None:
    expected = Decimal(case["value"]) if case["value"] else None
    got = parse_numeral(case["text"])
    assert got == expected
    if expected is not None:
        assert isinstance(got, Decimal)


def test_pair_is_two_or_three() -> None:
    assert consecutive_pair("两三") == (Decimal(2), Decimal(3))
    assert consecutive_pair("三四") == (Decimal(3), Decimal(4))
    assert consecutive_pair("三五") is None
    assert consecutive_pair("二十") is None


@given(st.integers(min_value=0, max_value=10**16 - 1))
def test_reads_what_cn2an_writes(n: int) -> None:
    """cn2an writes Chinese numerals correctly (its reading is what fails): use it as an oracle."""
    assert parse_numeral(cn2an.an2cn(n)) == n


@given(st.integers(min_value=0, max_value=10**8), st.integers(min_value=0, max_value=99))
def test_decimals_are_exact(whole: int, frac: int) -> None:
    text = f"{cn2an.an2cn(whole)}点{cn2an.an2cn(frac // 10) if frac >= 10 else '零'}{cn2an.an2cn(frac % 10)}"
    assert parse_numeral(text) == Decimal(f"{whole}.{frac:02d}")


@given(st.text(max_size=30))
def test_never_raises(text: str) -> None:
    value = parse_numeral(text)
    assert value is None or isinstance(value, Decimal)
