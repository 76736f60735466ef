"""Canonical indicators: the goal's indicator as written -> an id of ``data/indicators.csv``.

``classify(goal)`` is a pure function: it reads the goal's indicator (``全市地区生产总值``), its
unit and the clause around its number, and returns an :class:`IndicatorMatch` with the id
(``gdp_growth``), the real flag (``实际增长`` → True, ``名义增长`` → False, unsaid → None), the
period of a ``年均``/``累计`` rate (``“十四五”期间年均增长6%`` → ``(2021, 2025)``) and whether a CPI
target is written as an index (``居民消费价格指数103.5`` means +3.5 %; the value is kept as
written, the panel converts it). ``annotate(report)`` sets ``indicator_id``, ``real`` and ``period``
on every goal and the report's ``parent_adcodes``.

Ids name the indicator; growth vs level vs percentage points stays in the record's ``change`` and
``unit``. The one exception is GDP, split by unit into ``gdp_growth`` and ``gdp_level`` (an amount
in 元), because size targets share a clause with the growth target.

Matching, longest name first: every ``names`` entry of the catalogue found inside the indicator
is a candidate, the longest wins; an id whose ``traps`` word occurs in the indicator outside the
matched name is skipped (``地区生产总值占全省比重`` is not GDP); ``exact`` names (short, generic:
``经济``, ``投资``) match only the whole indicator once scope words (``全市``) and rate words
(``增速``) are trimmed. Ids that share a name are told apart by the units they are seen with.

>>> from govextract.models import Goal
>>> classify(Goal(text="5%", span=(0, 2), indicator="全市地区生产总值", unit="%")).indicator_id
'gdp_growth'
>>> classify(Goal(text="1800亿元", span=(0, 6), indicator="全市地区生产总值", unit="元")).indicator_id
'gdp_level'
>>> m = classify(Goal(text="7%", span=(0, 2), indicator="农村居民人均可支配收入", unit="%",
...                   sentence="农村居民人均可支配收入实际增长7%。"))
>>> (m.indicator_id, m.real)
('rural_income', True)
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .errors import DataError
from .models import Goal, Report, Status
from .resources import load_toml, read_data_text

__all__ = ["Catalogue", "Indicator", "IndicatorMatch", "annotate", "catalogue", "classify", "cpi_index_form", "match_name"]

_ID = re.compile(r"[a-z][a-z0-9_]*")
_COLUMNS = ["id", "label_zh", "measure", "units", "names", "exact", "traps"]
#: Scope words before, and rate words after, an indicator; trimmed before an ``exact`` match.
_SCOPE = re.compile(r"^(?:全国|全省|全市|全区|全县|全州|全盟|本市|本省|全|本|省|市|区|县)")
_RATE = re.compile(r"(?:预期增速|增长速度|增速|增幅|增长|预期目标|目标|预期)$")
#: Clause boundaries inside a sentence.
_BOUNDARY = "，,；;：:。！？"
#: ``实际`` that names a real rate, not 实际利用外资/实际到位.
_REAL = re.compile(r"实际(?:增长|增速|增幅|下降|提高|年均增长)|扣除价格因素|按可比价(?:格)?计算|可比价增长")
_NOMINAL = re.compile(r"名义(?:增长|增速|增幅)|现价增长|按现价")
_AVERAGE = re.compile(r"年均|年平均|平均每年|每年平均|累计")
_PAST_FIVE = ("过去五年", "五年来", "过去的五年")
#: A base year of comparison before the number: 比2002年增长65.5% is a change over 2003–2007.
_BASE_YEAR = re.compile(r"(?:比|较|与|同|相比)(?P<y>(?:19|20)\d\d)年(?:末|底)?")
#: The span of a CPI index (上年 = 100) as against a rate.
_INDEX_MIN = 90


@dataclass(frozen=True)
class Indicator:
    """One catalogue row."""

    id: str
    label: str
    measure: str
    units: tuple[str, ...]
    names: tuple[str, ...]
    exact: tuple[str, ...]
    traps: tuple[str, ...]


@dataclass(frozen=True)
class Catalogue:
    """``data/indicators.csv``, indexed by name."""

    indicators: dict[str, Indicator]
    by_name: dict[str, tuple[str, ...]]
    by_exact: dict[str, tuple[str, ...]]
    lengths: tuple[int, ...]
    siblings: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class IndicatorMatch:
    """What :func:`classify` decides for one goal. ``name`` is the catalogue name that matched."""

    indicator_id: str | None = None
    real: bool | None = None
    period: tuple[int, int] | None = None
    index_form: bool = False
    name: str | None = None


def _split(cell: str) -> tuple[str, ...]:
    return tuple(s.strip() for s in cell.split("|") if s.strip())


@functools.cache
def catalogue() -> Catalogue:
    """The indicator catalogue, loaded and validated once."""
    text = read_data_text("indicators.csv")
    lines = [ln for ln in text.splitlines() if not ln.startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    if reader.fieldnames != _COLUMNS:
        raise DataError(f"GX301 indicators.csv: columns {reader.fieldnames}, expected {_COLUMNS}")
    indicators: dict[str, Indicator] = {}
    by_name: dict[str, list[str]] = {}
    by_exact: dict[str, list[str]] = {}
    for line, rec in enumerate(reader, start=2):
        iid = rec["id"]
        if not _ID.fullmatch(iid or ""):
            raise DataError(f"GX302 indicators.csv line {line}: bad id {iid!r}")
        if iid in indicators:
            raise DataError(f"GX303 indicators.csv line {line}: duplicate id {iid!r}")
        names, exact = _split(rec["names"]), _split(rec["exact"])
        if not names and not exact:
            raise DataError(f"GX304 indicators.csv line {line}: {iid} has no names")
        if len(set(names)) != len(names) or len(set(exact)) != len(exact):
            raise DataError(f"GX305 indicators.csv line {line}: {iid} lists a name twice")
        units = tuple("" if u == "-" else u for u in _split(rec["units"]))
        indicators[iid] = Indicator(iid, rec["label_zh"], rec["measure"], units, names, exact, _split(rec["traps"]))
        for n in names:
            by_name.setdefault(n, []).append(iid)
        for n in exact:
            by_exact.setdefault(n, []).append(iid)
    if not indicators:
        raise DataError("GX306 indicators.csv is empty")
    siblings: dict[str, set[str]] = {}
    for ids in [*by_name.values(), *by_exact.values()]:
        for i in ids:
            siblings.setdefault(i, set()).update(j for j in ids if j != i)
    return Catalogue(
        indicators,
        {k: tuple(v) for k, v in by_name.items()},
        {k: tuple(v) for k, v in by_exact.items()},
        tuple(sorted({len(n) for n in by_name}, reverse=True)),
        {k: tuple(sorted(v)) for k, v in siblings.items()},
    )


def _by_unit(ids: Sequence[str], unit: str, cat: Catalogue) -> str:
    """Of ids sharing a name, the first seen with ``unit`` (else the first)."""
    for i in ids:
        if unit in cat.indicators[i].units:
            return i
    return ids[0]


def _trapped(iid: str, indicator: str, name: str, cat: Catalogue) -> bool:
    rest = indicator.replace(name, "\x00")
    return any(t in rest for t in cat.indicators[iid].traps)


def match_name(indicator: str | None, unit: str = "") -> tuple[str, str] | None:
    """``(id, matched name)`` for an indicator as written, or None.

    >>> match_name("单位地区生产总值能耗", "%")
    ('energy_intensity', '单位地区生产总值能耗')
    >>> match_name("地区生产总值占全省比重", "%") is None
    True
    """
    if not indicator:
        return None
    cat = catalogue()
    s = re.sub(r"\s+", "", indicator).replace("(", "（").replace(")", "）")
    found: dict[str, int] = {}
    n = len(s)
    for length in cat.lengths:
        if length > n:
            continue
        for i in range(n - length + 1):
            sub = s[i : i + length]
            if sub in cat.by_name and sub not in found:
                found[sub] = length
    for name in sorted(found, key=lambda k: (-found[k], s.find(k))):
        ids = [i for i in cat.by_name[name] if not _trapped(i, s, name, cat)]
        if ids:
            return _resolve_unit(ids, unit, cat), name
    core = _RATE.sub("", _SCOPE.sub("", s)) or s
    for cand in (s, core, _SCOPE.sub("", s)):
        if cand in cat.by_exact:
            return _resolve_unit(list(cat.by_exact[cand]), unit, cat), cand
        if cand in cat.by_name:
            ids = [i for i in cat.by_name[cand] if not _trapped(i, s, cand, cat)]
            if ids:
                return _resolve_unit(ids, unit, cat), cand
    return None


def _resolve_unit(ids: list[str], unit: str, cat: Catalogue) -> str:
    iid = _by_unit(ids, unit, cat)
    if unit not in cat.indicators[iid].units:
        for sib in cat.siblings.get(iid, ()):
            if unit in cat.indicators[sib].units and unit:
                return sib
    return iid


def cpi_index_form(goal: Goal, indicator_id: str | None) -> bool:
    """True when a CPI target is written as an index (上年 = 100): ``103.5`` means +3.5 %."""
    if indicator_id != "cpi" or goal.unit not in ("", "%"):
        return False
    numbers = [v for v in (goal.value, goal.low, goal.high) if v is not None]
    return bool(numbers) and all(v >= _INDEX_MIN for v in numbers)


def _clause(sentence: str, offset: int | None, text: str) -> str:
    """The clause of ``sentence`` that ends with the number at ``offset``."""
    if not sentence:
        return ""
    if offset is None or sentence[offset : offset + len(text)] != text:
        offset = sentence.find(text)
        if offset < 0:
            return sentence
    end = offset + len(text)
    start = max(sentence.rfind(b, 0, offset) for b in _BOUNDARY) + 1
    return sentence[start:end]


@functools.cache
def _plans() -> tuple[tuple[str, int], ...]:
    periods = load_toml("goals.toml")["year"]["plan_periods"]
    return tuple(sorted(((str(k), int(v)) for k, v in periods.items()), key=lambda kv: -len(kv[0])))


def _period(goal: Goal, clause: str, report_year: int | None, before: str = "") -> tuple[int, int]:
    """Start and end years of a 年均 or cumulative rate (``before``: the sentence up to the number).

    In order: a plan named in the clause (“十四五”期间 → 2021–2025); a base year (比2002年 →
    2003 to the record's year); a result in a review (过去五年, or any 年均 result) → the five
    years before the report; a target whose deadline is after the report's year → report year to
    deadline; else the five-year plan period holding the record's year.
    """
    bases = list(_BASE_YEAR.finditer(before))
    end_year = goal.year or (report_year - 1 if report_year and goal.status is not Status.TARGET else report_year)
    if bases and end_year and int(bases[-1]["y"]) < end_year:
        return int(bases[-1]["y"]) + 1, end_year
    for text in (clause, goal.sentence):
        for name, end in _plans():
            i = text.find(name)
            # 十五 inside 十五五 / 十一五 is not the tenth plan
            while i >= 0 and (text[i + len(name) : i + len(name) + 1] == "五" or (i > 0 and text[i - 1] == "十")):
                i = text.find(name, i + 1)
            if i >= 0:
                return end - 4, end
    if goal.status in (Status.ACTUAL, Status.ESTIMATE) and report_year:
        return report_year - 5, report_year - 1
    if goal.year and report_year and goal.year > report_year:
        return report_year, goal.year
    year = goal.year or report_year or 0
    end = -(-year // 5) * 5
    return end - 4, end


def classify(goal: Goal, *, clause: str | None = None, report_year: int | None = None,
             before: str | None = None) -> IndicatorMatch:
    """The canonical indicator, real flag, period and index form of one goal.

    ``clause`` is the text of the sentence from the last clause boundary up to and including the
    number (taken from ``goal.sentence`` when not given); ``report_year`` the plan year of the
    report, used for the period of 过去五年年均 results; ``before`` the sentence up to the number
    (for a base year of comparison, 比2002年增长65.5%; defaults to ``clause``).
    """
    hit = match_name(goal.indicator, goal.unit)
    if clause is None:
        clause = _clause(goal.sentence, None, goal.text)
    iid, name = hit if hit else (None, None)
    context = clause[: max(0, len(clause) - len(goal.text))]
    real: bool | None = None
    if _REAL.search(context):
        real = True
    elif _NOMINAL.search(context):
        real = False
    before = context if before is None else before
    period = None
    if (_AVERAGE.search(context) or (goal.indicator and _AVERAGE.search(goal.indicator))
            or _BASE_YEAR.search(context)):
        period = _period(goal, clause, report_year, before)
    return IndicatorMatch(iid, real, period, cpi_index_form(goal, iid), name)


def _sentence_offsets(goals: Sequence[Goal]) -> list[int | None]:
    """Each goal's offset inside its sentence: goals sharing a sentence agree on its start."""
    out: list[int | None] = [None] * len(goals)
    i = 0
    while i < len(goals):
        j = i
        while j + 1 < len(goals) and goals[j + 1].sentence == goals[i].sentence:
            j += 1
        votes: dict[int, int] = {}
        for g in goals[i : j + 1]:
            pos = g.sentence.find(g.text) if g.sentence else -1
            while pos >= 0:
                start = g.span[0] - pos
                votes[start] = votes.get(start, 0) + 1
                pos = g.sentence.find(g.text, pos + 1)
        if votes:
            start = max(votes, key=lambda k: (votes[k], -k))
            for k in range(i, j + 1):
                off = goals[k].span[0] - start
                if 0 <= off and goals[k].sentence[off : off + len(goals[k].text)] == goals[k].text:
                    out[k] = off
        i = j + 1
    return out


def parent_adcodes(adcode: str | None, year: int | None) -> list[str]:
    """The codes of the parent city and province, innermost first, valid the year before ``year``.

    >>> parent_adcodes("330402", 2024)
    ['330400', '330000']
    """
    if not adcode:
        return []
    from .metadata import region_table

    table = region_table()
    snap = table.snapshot(year) if year else table.last_year
    row = table.code(adcode, snap)
    if row is None:
        return []
    return [r.adcode for r in reversed(table.chain(row, snap)[:-1])]


def annotate(report: Report) -> Report:
    """A copy of ``report`` with every goal's ``indicator_id``, ``real`` and ``period`` set, and
    ``parent_adcodes`` from the division table (the chain valid the year before delivery)."""
    offsets = _sentence_offsets(report.goals)
    goals = []
    for goal, off in zip(report.goals, offsets):
        before = goal.sentence[:off] if off is not None else None
        m = classify(goal, clause=_clause(goal.sentence, off, goal.text), report_year=report.year, before=before)
        goals.append(goal.model_copy(update={"indicator_id": m.indicator_id, "real": m.real, "period": m.period}))
    return report.model_copy(update={"goals": goals, "parent_adcodes": parent_adcodes(report.adcode, report.year)})
