"""One numeral string -> an exact ``Decimal`` (or ``None`` when it is not a number).

Handles Arabic numerals with thousands separators and decimals, Chinese numerals with
十/百/千 inside a section and 万/亿 between sections (十万零一千, 一百九十万零三千九百七十一,
二十万亿), 两 as two, 大写 forms, the colloquial elision 一万五 (= 15000), digit strings
(二〇二三 = 2023) and decimals with 点 (一点五七 = 1.57). Everything is Decimal arithmetic,
so there is no float error (cn2an returns 1.5699999999999998 for 一点五七 and raises on
十万零一千; see the README's note on cn2an).

The character tables live in ``govextract/data/numerals.toml``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .errors import DataError
from .resources import load_toml

__all__ = ["ChineseNumerals", "chinese_numerals", "consecutive_pair", "parse_arabic", "parse_chinese", "parse_numeral"]


@dataclass(frozen=True)
class ChineseNumerals:
    """The character tables of ``numerals.toml``, validated."""

    digits: dict[str, int]
    small_units: dict[str, int]
    big_units: dict[str, int]
    points: frozenset[str]

    @property
    def chars(self) -> str:
        """Every character that may appear in a Chinese numeral (for building patterns)."""
        return "".join(self.digits) + "".join(self.small_units) + "".join(self.big_units)


@functools.cache
def chinese_numerals() -> ChineseNumerals:
    """The validated numeral tables (loaded once per process)."""
    data = load_toml("numerals.toml")
    try:
        digits = {str(k): int(v) for k, v in data["digits"].items()}
        small = {str(k): int(v) for k, v in data["small_units"].items()}
        big = {str(k): int(v) for k, v in data["big_units"].items()}
        points = frozenset(data["decimal_point"]["chars"])
    except (KeyError, TypeError, ValueError) as exc:
        raise DataError(f"GX010 numerals.toml: missing or malformed table ({exc})") from exc
    if any(not 0 <= v <= 9 for v in digits.values()):
        raise DataError("GX011 numerals.toml: a digit maps outside 0-9")
    overlap = (set(digits) & set(small)) | (set(digits) & set(big)) | (set(small) & set(big))
    if overlap:
        raise DataError(f"GX012 numerals.toml: characters in two tables: {sorted(overlap)}")
    return ChineseNumerals(digits, small, big, points)


def parse_arabic(text: str) -> Decimal | None:
    """``'601,293.11'`` -> ``Decimal('601293.11')``; ``'5.'`` -> ``Decimal('5')``; else ``None``."""
    cleaned = text.replace(",", "").rstrip(".")
    if not cleaned or not cleaned.replace(".", "", 1).isdigit() or not cleaned.isascii():
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - guarded by the isdigit check above
        return None


def _digit_string(text: str, table: ChineseNumerals) -> Decimal | None:
    """二〇二三 -> 2023: every character a digit, read positionally."""
    if all(ch in table.digits for ch in text):
        return Decimal("".join(str(table.digits[ch]) for ch in text))
    return None


def _chinese_integer(text: str, table: ChineseNumerals) -> int | None:
    """The integer value of a Chinese numeral without 点; ``None`` if malformed."""
    if not text:
        return None
    if len(text) > 1 and all(ch in table.digits for ch in text):
        if len(text) > 20:
            return None  # a run of digits that long is no amount
        return int("".join(str(table.digits[ch]) for ch in text))
    total = 0  # value of the sections already closed by 亿
    section = 0  # value below the last 亿 (may include a 万 part)
    number: int | None = None  # the digit waiting for its unit
    last_unit = 1  # the unit just applied, for the elision 一万五 = 15000
    zero_seen = False
    for ch in text:
        if ch in table.digits:
            value = table.digits[ch]
            if number is not None and value != 0:
                return None  # two digits in a row inside a positional numeral: 一二十
            if value == 0:
                zero_seen = True
                continue
            number = value
        elif ch in table.small_units:
            unit = table.small_units[ch]
            section += (1 if number is None else number) * unit
            number, last_unit, zero_seen = None, unit, False
        elif ch in table.big_units:
            unit = table.big_units[ch]
            if unit >= 100_000_000:
                total = (total + section + (number or 0)) * unit
                section = 0
            else:
                part = section % 10000 + (number or 0)
                section = section - section % 10000 + part * unit
                if part == 0 and section == 0 and total == 0:
                    section = unit  # a bare 万 means ten thousand
            number, last_unit, zero_seen = None, unit, False
        else:
            return None
    if number is not None:
        if last_unit >= 100 and not zero_seen:
            number *= last_unit // 10  # 一万五 = 15000, 一百一 = 110, 三千二 = 3200
        section += number
    return total + section


def parse_chinese(text: str) -> Decimal | None:
    """``'一百九十万零三千九百七十一'`` -> ``Decimal('1903971')``; ``'一点五七'`` -> ``Decimal('1.57')``."""
    table = chinese_numerals()
    point = next((i for i, ch in enumerate(text) if ch in table.points), -1)
    if point < 0:
        value = _chinese_integer(text, table)
        return None if value is None else Decimal(value)
    whole, frac = text[:point], text[point + 1 :]
    frac_value = _digit_string(frac, table) if frac else None
    if frac_value is None:
        return None
    whole_value = _chinese_integer(whole, table) if whole else 0
    if whole_value is None:
        return None
    return Decimal(f"{whole_value}.{''.join(str(table.digits[ch]) for ch in frac)}")


def consecutive_pair(text: str) -> tuple[Decimal, Decimal] | None:
    """两三 -> (2, 3): two ascending neighbouring digits, the idiom for "two or three"."""
    table = chinese_numerals()
    if len(text) != 2 or not all(ch in table.digits for ch in text):
        return None
    a, b = table.digits[text[0]], table.digits[text[1]]
    if a and b == a + 1:
        return Decimal(a), Decimal(b)
    return None


def parse_numeral(text: str) -> Decimal | None:
    """An Arabic or Chinese numeral (or a mix such as ``1.2万``) as an exact Decimal."""
    if not text:
        return None
    if text[0].isascii():
        table = chinese_numerals()
        head = text.rstrip("".join(table.big_units) + "".join(table.small_units))
        value = parse_arabic(head)
        if value is None:
            return None
        for ch in text[len(head) :]:
            value *= table.big_units.get(ch) or table.small_units[ch]
        return value
    return parse_chinese(text)
