"""``find_quantities(text)``: every quantity in report text, with exact value, unit, bound and span.

The work is split in three steps, each pure:

1. *find*: one compiled pattern, built from the data files, runs over the normalised view of the
   text (same length, so its offsets are the text's offsets) and yields candidate matches;
2. *decide*: context rules drop the numbers that are not quantities (dates, ranks, names with
   digits, slogans, numbers inside short quotations, thresholds that classify a noun, period
   expressions) and read the bound words around the number;
3. *assemble*: a frozen :class:`~govextract.models.Quantity` with the value multiplied out.

All language knowledge (units, bound words, slogans, context words) lives in
``govextract/data/units.toml``, ``quantities.toml`` and ``numerals.toml``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from decimal import Decimal

from .errors import DataError
from .models import Qualifier, Quantity
from .numerals import chinese_numerals, consecutive_pair, parse_arabic, parse_chinese
from .resources import alternation, load_toml
from .text import normalize

__all__ = ["QuantityRules", "find_quantities", "quantity_rules"]

_MAGNITUDES = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8, "万亿": 10**12}
_CJK = re.compile(r"[\u4e00-\u9fff]")
#: Longest Chinese numeral read (一百九十万零三千九百七十一 has 13 characters): the bound keeps the
#: pattern linear on a long run of numeral characters (tests/test_regex_safety.py).
_MAX_CN = 16
#: Longest run of digits read as a number: more is an identifier, and Decimal keeps 28 digits.
_MAX_DIGITS = 20


@dataclass(frozen=True)
class QuantityRules:
    """Everything the extractor needs from the data files, validated and compiled once."""

    pattern: re.Pattern[str]
    units: dict[str, tuple[str, str]]  # surface -> (canonical, dimension)
    after: dict[str, Qualifier]
    before: dict[str, Qualifier]
    before_max: int
    doublings: dict[str, int]
    slogan_pattern: re.Pattern[str]
    ordinal_prefixes: tuple[str, ...]  # str.startswith/endswith take a tuple: one C call
    date_suffixes: tuple[str, ...]
    name_suffixes: tuple[str, ...]
    threshold_followers: tuple[str, ...]
    period_prefixes: tuple[str, ...]
    period_suffixes: tuple[str, ...]
    from_words: tuple[str, ...]
    bound_continuations: str
    unit_words: tuple[str, ...]
    unit_sharers: frozenset[str]
    threshold_bounds: frozenset[str]
    target_nouns: tuple[str, ...]
    bare_verbs: tuple[str, ...]
    class_dimensions: frozenset[str]


def _load_units() -> tuple[dict[str, tuple[str, str]], list[str], list[str]]:
    data = load_toml("units.toml")
    units: dict[str, tuple[str, str]] = {}
    for dimension, table in data.items():
        if dimension in ("composite", "rate"):
            continue
        if not isinstance(table, dict):
            raise DataError(f"GX020 units.toml: [{dimension}] is not a table")
        for surface, canonical in table.items():
            if surface in units:
                raise DataError(f"GX021 units.toml: unit {surface!r} is listed twice")
            units[surface] = (str(canonical), dimension)
    try:
        bases = list(data["composite"]["bases"])
        rates = list(data["rate"]["denominators"])
    except KeyError as exc:
        raise DataError(f"GX022 units.toml: missing table {exc}") from exc
    return units, bases, rates


def _qualifiers(table: dict[str, str], name: str) -> dict[str, Qualifier]:
    try:
        return {word: Qualifier(value) for word, value in table.items()}
    except ValueError as exc:
        raise DataError(f"GX023 quantities.toml: [{name}] {exc}") from exc


@functools.cache
def quantity_rules() -> QuantityRules:
    """The compiled extractor rules (built once per process from the data files)."""
    units, bases, rates = _load_units()
    data = load_toml("quantities.toml")
    try:
        after = _qualifiers(data["bounds"]["after"], "bounds.after")
        before = _qualifiers(data["bounds"]["before"], "bounds.before")
        open_markers = list(data["open_ended"]["markers"])
        separators = list(data["ranges"]["separators"])
        from_words = tuple(data["ranges"]["from_words"])
        doublings = {str(k): int(v) for k, v in data["doublings"].items()}
        nq = data["not_quantities"]
    except KeyError as exc:
        raise DataError(f"GX024 quantities.toml: missing table or key {exc}") from exc

    numerals = chinese_numerals()
    # A Chinese numeral may not swallow the 千 of 千瓦/千克/千米 (一千瓦 = 1 千瓦, domain.md case 41).
    kilo_units = sorted({u[1:] for u in units if u.startswith("千") and len(u) > 1})
    cn_char = f"(?:[{re.escape(numerals.chars)}](?<!千)|千(?!{alternation(kilo_units)}))"
    cn_start = "".join(numerals.digits) + "".join(ch for ch, v in numerals.small_units.items() if v == 10)
    # 几 ("some") opens a numeral before a unit of ten or more (几千家, 几十个) or follows one (十几万).
    some = "几"
    cn_char = f"(?:{cn_char}|{some}(?=[{re.escape(''.join(numerals.small_units) + ''.join(numerals.big_units))}])|(?<=[十百千万]){some})"
    chinese = (
        f"(?:[{re.escape(cn_start)}]|{some}(?=[十百千万]))(?:{cn_char}){{0,{_MAX_CN}}}"
        f"(?:[{re.escape(''.join(numerals.points))}][{re.escape(''.join(numerals.digits))}]{{1,8}})?"
    )
    # Thousands groups: 601,293.11 (ASCII comma anywhere), 33，212万吨 (the full-width comma of
    # older reports, only before a magnitude or unit so that a list 3，5 stays two numbers).
    arabic = (
        r"\d{1,3}(?:,\d{3}){1,6}(?:\.\d+)?(?![\d,])"
        rf"|\d{{1,3}}(?:，\d{{3}}){{1,6}}(?:\.\d+)?(?=\s?(?:[万亿千百]|{alternation(units)}))"
        r"|\d+(?:\.\d+|\.(?=%))?"
    )
    unit = alternation(units)
    magnitude = f"万亿|亿|万|千(?!{alternation(kilo_units)})|百(?!分)"
    # A Chinese numeral with a 百/千/万/亿 or a decimal 点 inside stands as a number on its own
    # (一百零七, 十万零一千, 二十点六); a shorter one needs a unit after it (二十三个, 十八人).
    big_unit = f"(?:百|千(?!{alternation(kilo_units)})|万|亿)"
    decimals = f"[{re.escape(''.join(numerals.points))}][{re.escape(''.join(numerals.digits))}]{{1,8}}"
    big_chinese = (
        f"[{re.escape(cn_start)}](?:{cn_char}){{0,{_MAX_CN}}}?{big_unit}(?:{cn_char}){{0,{_MAX_CN}}}(?:{decimals})?"
        f"|[{re.escape(cn_start)}](?:{cn_char}){{0,{_MAX_CN}}}{decimals}"
    )
    inner = alternation(open_markers)
    per = alternation(bases)
    rate = alternation(rates)
    sep = alternation(separators)
    # Every match starts with one of these: a cheap first-character test lets the engine skip
    # the rest of the text at C speed (4x faster than trying every alternative everywhere).
    first = "0-9" + re.escape(cn_start + "百千" + some + "".join({w[0] for w in doublings}))
    pattern = rf"""
        (?=[{first}])
        (?:
        (?P<double>{alternation(doublings)})
      | (?P<ratio>\d+(?:\.\d+)?[∶:]1(?![\d.∶:]))
      | (?:
            (?P<pct>百分之)(?P<pnum>{chinese}|{arabic})
          | (?P<num>{arabic})
          | (?P<cn>{big_chinese})
          | (?P<cn2>{chinese})(?=\s?(?:{inner}|万亿|亿|万|{unit}|(?:{sep})[{re.escape(cn_start)}]))
          | (?P<round>[百千](?:万亿|亿|万))(?=\s?(?:{unit}))
        )
        (?P<inner>{inner})?
        (?:(?:\ |(?:\ *\n){{1,2}}\ *(?=(?:{magnitude})(?:{unit})))?(?P<mag>{magnitude}))?
        (?P<inner2>{inner})?
        (?P<mag2>亿)?
        (?P<space>\ (?=(?:{unit})))?
        (?P<unit>{unit})?
        (?:
            (?P<sep>\s?(?:{sep})\s?)
            (?P<pct2>百分之)?
            (?P<num2>{arabic}|{chinese})
            (?P<inner_b>{inner})?
            (?P<mag_b>{magnitude})?
            (?P<unit_b>{unit})?
        )?
        (?:/(?P<per>{per})|/(?P<rate>{rate})(?![\d万千百]))?
        )
    """
    try:
        compiled = re.compile(pattern, re.VERBOSE)
        slogans = re.compile(alternation(nq["slogans"]))
    except (re.error, KeyError) as exc:
        raise DataError(f"GX025 quantity rules do not compile: {exc}") from exc
    return QuantityRules(
        pattern=compiled,
        units=units,
        after=after,
        before=before,
        before_max=max(map(len, before)),
        doublings=doublings,
        slogan_pattern=slogans,
        ordinal_prefixes=tuple(nq["ordinal_prefixes"]),
        date_suffixes=tuple(nq["date_suffixes"]),
        name_suffixes=tuple(nq["name_suffixes"]),
        threshold_followers=tuple(nq["threshold_followers"]),
        period_prefixes=tuple(nq["period_prefixes"]),
        period_suffixes=tuple(nq["period_suffixes"]),
        from_words=tuple(from_words),
        bound_continuations=str(nq["bound_continuations"]),
        unit_words=tuple(nq["unit_words"]),
        unit_sharers=frozenset(data["ranges"]["unit_sharers"]),
        threshold_bounds=frozenset(nq["threshold_bounds"]),
        target_nouns=tuple(nq["target_nouns"]),
        bare_verbs=tuple(nq["bare_verbs"]),
        class_dimensions=frozenset(nq["class_dimensions"]),
    )


# --------------------------------------------------------------------------------------- decide


def _number(text: str) -> Decimal | None:
    if text[:1].isascii():
        return parse_arabic(text.replace("，", ","))
    if "几" in text:
        # The least the words allow: 几千 = 1000, 十几万 = 100000 (the caller marks it at_least).
        text = ("一" + text[1:] if text.startswith("几") else text).replace("几", "零")
    return parse_chinese(text)


def _tidy(value: Decimal | None) -> Decimal | None:
    """A Decimal without trailing zeros in its fraction (35410700.00 -> 35410700)."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _scale(*words: str | None) -> Decimal:
    factor = Decimal(1)
    for word in words:
        if word:
            factor *= _MAGNITUDES[word]
    return factor


def _is_year(value: Decimal | None, number_text: str) -> bool:
    if value is None:
        return False
    if number_text.isascii():
        return len(number_text) == 4 and 1000 <= value <= 2999
    return len(number_text) == 4 and value >= 1000  # 二〇二三


def _inside_short_quote(view: str, start: int, end: int) -> bool:
    """A number inside “…” of at most 12 characters is a slogan (“346”, “十四五”, “四上”)."""
    left = view.rfind("“", max(0, start - 12), start)
    if left < 0 or "”" in view[left:start]:
        return False
    right = view.find("”", end, end + 12)
    return right >= 0 and right - left <= 14


def _slogan_covers(view: str, start: int, end: int, rules: QuantityRules) -> bool:
    lo = max(0, start - 8)
    for match in rules.slogan_pattern.finditer(view, lo, min(len(view), end + 8)):
        if match.start() < end and start < match.end():
            return True
    return False


def _bound_before(view: str, start: int, rules: QuantityRules) -> tuple[str, Qualifier | None]:
    for size in range(min(rules.before_max, start), 0, -1):
        word = view[start - size : start]
        if word in rules.before:
            return word, rules.before[word]
    return "", None


def _bound_after(view: str, end: int, rules: QuantityRules) -> tuple[str, Qualifier | None]:
    if view[end : end + 1] == " ":  # 15% 以上
        word, qualifier = _bound_after(view, end + 1, rules)
        return (" " + word, qualifier) if qualifier else ("", None)
    for size in (3, 2, 1):
        word = view[end : end + size]
        if word in rules.after:
            return word, rules.after[word]
    return "", None


@dataclass
class _Candidate:
    start: int
    end: int
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    unit: str
    dimension: str
    number_text: str
    magnitude_text: str
    unit_text: str
    inner: str
    repaired: bool = False


def _unit_of(unit_text: str, per: str | None, rate: str | None, rules: QuantityRules) -> tuple[str, str]:
    if not unit_text:
        if rate:
            return f"/{rate}", "rate"
        return "", "number"
    canonical, dimension = rules.units[unit_text]
    if per:
        return f"{canonical}/{per}", f"{dimension}_per"
    return canonical, dimension


def _read(match: re.Match[str], rules: QuantityRules) -> _Candidate | None:
    """The candidate a pattern match stands for, before context rules; None if not a number."""
    g = match.groupdict()
    if g["double"]:
        value = Decimal(rules.doublings[g["double"]])
        return _Candidate(match.start(), match.end(), value, None, None, "倍", "ratio", g["double"], "", "", "")
    if g["ratio"]:
        value = parse_arabic(re.split("[∶:]", g["ratio"])[0])
        return _Candidate(match.start(), match.end(), value, None, None, "", "ratio", g["ratio"], "", "", "")
    if g["round"]:
        g["cn"] = "一" + g["round"]
    g["cn"] = g["cn"] or g["cn2"]
    number_text = g["pnum"] or g["num"] or g["cn"]
    if sum(ch.isdigit() for ch in number_text) > _MAX_DIGITS:
        return None  # an ID or a run of digits, not an amount
    start = match.start()
    repaired = number_text.endswith(".")
    pair = consecutive_pair(number_text) if g["cn"] else None
    value = None if pair else _number(number_text)
    if value is None and pair is None:
        return None
    mag_text = (g["mag"] or "") + (g["mag2"] or "")
    scale = _scale(g["mag"], g["mag2"])
    inner = g["inner"] or g["inner2"] or ("几" if "几" in number_text else "")
    if g["pct"]:
        unit, dimension, unit_text = "%", "percent", "百分之"
    else:
        unit_text = g["unit"] or ""
        if unit_text and match.string.startswith(rules.unit_words, match.start("unit")):
            # 十多万家庭: 家 starts the noun 家庭; the number stands without a unit.
            unit_text = ""
            return _Candidate(start, match.start("unit"), (value or Decimal(0)) * _scale(g["mag"], g["mag2"]),
                              None, None, "", "number", number_text, (g["mag"] or "") + (g["mag2"] or ""), "",
                              g["inner"] or g["inner2"] or "") if value is not None else None
        unit, dimension = _unit_of(unit_text, g["per"], g["rate"], rules)
    end = match.end()
    low = high = None
    if g["num2"] and not g["pct"] == (g["pct2"] is None):
        second = _number(g["num2"])
        unit_b = g["unit_b"] or ""
        first_end = max(match.end(name) for name in ("num", "cn", "cn2", "pnum", "inner", "mag", "inner2", "mag2", "unit") if g[name])
        view = match.string
        from_to = view.endswith(rules.from_words, 0, start)
        same_unit = not unit_text or not unit_b or unit_text == unit_b
        if (
            second is not None
            and value is not None
            and same_unit
            and not from_to
            and (unit_b or unit_text or g["mag_b"] or mag_text)
            and not (g["pct2"] and not g["pct"])
        ):
            scale_b = _scale(g["mag_b"]) if g["mag_b"] else scale
            low_v, high_v = value * (scale if mag_text else scale_b), second * scale_b
            if low_v < high_v:
                if unit_b and not unit_text:
                    unit_text = unit_b
                    unit, dimension = _unit_of(unit_b, g["per"], g["rate"], rules)
                low, high = low_v, high_v
                number_text = match.group()[start - match.start() : match.end("num2") - match.start()]
                mag_text = g["mag_b"] or mag_text
                value = None
        if low is None:
            end = first_end
            if not unit_text and g["unit_b"] is None:
                pass
    elif g["num2"]:
        end = max(match.end(name) for name in ("num", "cn", "cn2", "pnum", "inner", "mag", "inner2", "mag2", "unit") if g[name])
    if low is None and pair is not None:
        low, high = pair[0] * scale, pair[1] * scale
        value = None
    elif low is None and value is not None:
        value *= scale
    if (g["per"] or g["rate"]) and low is None and end < match.end():
        end = match.end()
    return _Candidate(start, end, value, low, high, unit, dimension, number_text, mag_text, unit_text, inner, repaired)


def _not_a_quantity(c: _Candidate, view: str, rules: QuantityRules) -> bool:
    """The context rules of the contract's "What is and is not a goal record"."""
    before = view[c.start - 1] if c.start else ""
    after = view[c.end] if c.end < len(view) else ""
    # Names with digits: PM2.5, G65, C919, 5G, 4A级, URLs and file names.
    if before and before.isascii() and (before.isalnum() or before in "/_.-#"):
        return True
    if after and after.isascii() and (after.isalpha() or after in "_#"):
        return True
    # Ordinals and ranks: 第十四届, 全省第三, 前5个月.
    if view.endswith(rules.ordinal_prefixes, 0, c.start):
        return True
    # Dates: 2023年2月8日, 1-4月, 二〇二三年.
    rest = view[c.end : c.end + 3]
    if not c.unit and rest.startswith(rules.date_suffixes):
        return True
    if c.unit == "年" and (_is_year(c.value, c.number_text) or _is_year(c.low, c.number_text[:4])):
        return True
    if c.unit == "年" and c.low is not None and c.low >= 1000:
        return True
    if c.dimension in rules.class_dimensions:
        return True
    # Names: 12345热线, 3号线.
    if rest.startswith(rules.name_suffixes) and c.dimension in ("number", "count"):
        return True
    # Slogans and plan names, and numbers inside short quotations.
    if _inside_short_quote(view, c.start, c.end) or _slogan_covers(view, c.start, c.end, rules):
        return True
    # Small counts in Chinese numerals are set phrases, not quantities: 三个代表, 九条方针,
    # 五级联动, 一批, 两次 (no such count is a record in corpora/gold).
    # (十八人 and 二十三个 are counts; a single character 三个/九条/五级 is a set phrase.)
    if len(c.number_text) == 1 and not c.number_text.isascii() and not c.magnitude_text and c.unit_text != "百分之":
        if c.dimension in ("count", "persons", "person_times", "duration", "currency", "age"):
            return True
    # Fractional counts are outline numbers or noise: 2.3本, 1.5个.
    if c.dimension in ("count", "persons") and c.value is not None and c.value != c.value.to_integral_value():
        return not c.magnitude_text and bool(_CJK.match(after))  # 2.3本项目; but 托位数5.5个。 is a rate
    # Period expressions: 今后五年, 连续三年, 三年行动.
    if c.dimension == "duration":
        if view.endswith(rules.period_prefixes, 0, c.start):
            return True
        if rest.startswith(rules.period_suffixes) or not c.number_text.isascii():
            return True
    # A round 百亿/千亿 before a noun names a class (百亿项目, 千亿斤粮食产能提升行动).
    if c.number_text.startswith("一") and c.number_text[1:2] in ("百", "千") and _CJK.match(after):
        return True
    # A bare number is a quantity only with a magnitude or an open-ended marker (500多亿).
    if c.dimension == "number" and not (c.magnitude_text or c.inner or _stands_alone(c.number_text)):
        # …but an index or ratio set by a verb and bounded is a level: 控制在103左右, 下降至115以下
        measured = view.endswith(rules.bare_verbs, 0, c.start) and view.startswith(tuple(rules.after), c.end)
        return not (measured and c.number_text.isascii() and not _is_year(c.value, c.number_text))
    return False


def _stands_alone(number_text: str) -> bool:
    """一百零七, 十万零一千, 二十点六: a Chinese numeral of 100 or more, or with a decimal point,
    is a number even without a unit (二十, 十九 alone are names: 二十大, 十九届)."""
    if number_text[:1].isascii():
        return False
    table = chinese_numerals()
    return any(ch in table.big_units or ch in table.points or table.small_units.get(ch, 0) >= 100 for ch in number_text)


def _classifies(view: str, end: int, rules: QuantityRules) -> bool:
    """A range or bound followed by the noun it sizes (…亿元企业, …亿元的园区)."""
    follow = view[end : end + 6]
    if follow.startswith("的"):
        return _names_a_noun(follow, rules)
    return follow.startswith(rules.threshold_followers)


def _is_threshold(view: str, end: int, bound: str, counts: bool, percent: bool, rules: QuantityRules) -> bool:
    """``10亿元以上项目``: a bound followed by the noun it classifies.

    A count (``1000个以上省级重大项目``) counts the noun after it instead, so only the listed
    threshold nouns make a count a threshold.
    """
    follow = view[end : end + 6]
    if bound not in rules.threshold_bounds:
        # 突破13万亿元的省份, 过1000亿元的园区: a milestone that names a class of things.
        return (bound in rules.before and rules.before[bound] is Qualifier.AT_LEAST and not counts and not percent
                and follow[:1] == "的" and bool(_CJK.match(follow[1:2])))
    if follow.startswith(rules.threshold_followers):
        return True
    if _CJK.match(follow[:1]) and follow[:1] not in rules.bound_continuations and not counts and not percent:
        return True
    return _names_a_noun(follow, rules)


def _names_a_noun(follow: str, rules: QuantityRules) -> bool:
    """…的园区 after a number: it sizes the noun, unless the noun is the target itself (…的目标)."""
    return follow[:1] == "的" and bool(_CJK.match(follow[1:2])) and not follow.startswith(rules.target_nouns)


def find_quantities(text: str, *, view: str | None = None) -> list[Quantity]:
    """Every quantity in ``text``, in order, with exact value, canonical unit, bound and span.

    >>> [(q.text, str(q.value), q.unit, q.qualifier.value) for q in find_quantities("力争普惠性幼儿园覆盖率达到96%以上")]
    [('96%', '96', '%', 'at_least')]
    >>> q = find_quantities("新增营造林25.5万亩")[0]
    >>> (q.text, q.value, q.unit, q.span)
    ('25.5万亩', Decimal('255000'), '亩', (5, 11))

    ``view`` is the normalised view of ``text`` when the caller has it already (same length).
    """
    if not isinstance(text, str) or not text:
        return []
    rules = quantity_rules()
    if view is None or len(view) != len(text):
        view = normalize(text)
    found: list[Quantity] = []
    bare: _Candidate | None = None  # a unitless number that may share the unit of the next one
    for match in rules.pattern.finditer(view):
        candidate = _read(match, rules)
        if candidate is None or _not_a_quantity(candidate, view, rules):
            if candidate is not None and candidate.dimension == "number" and candidate.number_text.isascii():
                # kept only if a unit is all it lacks (not an ordinal, a date or a name)
                with_unit = replace(candidate, dimension="percent", unit="%")
                bare = None if _not_a_quantity(with_unit, view, rules) else candidate
            continue
        before_word, before_q = _bound_before(view, candidate.start, rules)
        after_word, after_q = _bound_after(view, candidate.end, rules)
        counts = candidate.dimension in ("count", "persons", "person_times")
        percent = candidate.dimension in ("percent", "percentage_point", "permille")
        if candidate.low is not None and not (counts or percent) and _classifies(view, candidate.end + len(after_word), rules):
            continue  # 5-10亿元企业, 500—1000亿元的园区: a size class, not a quantity
        if _is_threshold(view, candidate.end + len(after_word), after_word or before_word, counts, percent, rules):
            continue
        if candidate.low is not None:
            qualifier: Qualifier | None = Qualifier.RANGE
        elif after_q is not None:
            qualifier = after_q
        elif candidate.inner:
            qualifier = Qualifier.AT_LEAST
        else:
            qualifier = before_q
        if bare is not None and candidate.unit and view[bare.end : candidate.start] in rules.unit_sharers:
            # 分别提高32.4和21.8个百分点: the first number takes the unit written after the second
            found.append(Quantity(
                text=text[bare.start : bare.end], span=(bare.start, bare.end), value=_tidy(bare.value),
                unit=candidate.unit, dimension=candidate.dimension, number_text=bare.number_text,
                unit_text=candidate.unit_text,
            ))
        bare = None
        start, end = candidate.start, candidate.end
        found.append(
            Quantity(
                text=text[start:end],
                span=(start, end),
                value=_tidy(candidate.value),
                low=_tidy(candidate.low),
                high=_tidy(candidate.high),
                unit=candidate.unit,
                qualifier=qualifier,
                dimension=candidate.dimension,
                number_text=candidate.number_text,
                magnitude_text=candidate.magnitude_text,
                unit_text=candidate.unit_text,
                bound_text="".join(w for w in (before_word, after_word) if w),
                repaired=candidate.repaired,
            )
        )
    return found
