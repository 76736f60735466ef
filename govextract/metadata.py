"""Report metadata: title, issuing region (full name), level, delivery date and plan year.

Read from the front matter (title line, dateline ``——2024年1月23日在广东省第十四届人民代表大会
第二次会议上``, byline ``广东省省长 王伟中``, ``我代表X人民政府``) and, when those are silent, from the
text itself (``一、2023年工作回顾`` → plan year 2024; the most named region). A city's or county's
province comes from the text or from the vendored division table ``data/regions.csv``
(yescallop/areacodes, CC0; see ``data/README.md``), valid in the year before delivery.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from .errors import DataError
from .models import Level
from .numerals import parse_numeral
from .resources import load_toml, read_data_text
from .numerals import parse_chinese
from .text import masked_view

__all__ = ["Metadata", "RegionRow", "RegionTable", "find_metadata", "region_table"]

#: How far into the text the front matter is looked for.
_HEAD = 6000
#: How much text is scanned for region names when the front matter names none.
_BODY_SCAN = 60000
_CN_DIGITS = "〇○零一二三四五六七八九十"
_HAN = r"\u4e00-\u9fff"


class Metadata(BaseModel):
    """What the front matter says about a report. ``year`` is the plan (delivery) year."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str | None = None
    region: str | None = None
    level: Level | None = None
    date: str | None = None
    year: int | None = None
    adcode: str | None = Field(None, description="GB/T 2260 code of the issuer, valid the year before delivery")
    warnings: list[str] = Field(default_factory=list)


# --------------------------------------------------------------------------------------------
# the division table


@dataclass(frozen=True)
class RegionRow:
    """One version of a division: its code, name, level and parent over a span of years."""

    adcode: str
    name: str
    level: str
    parent: str
    start: int
    end: int
    shorts: tuple[str, ...]

    def valid(self, year: int) -> bool:
        return self.start <= year <= self.end


@dataclass(frozen=True)
class RegionTable:
    """``data/regions.csv`` indexed by full name, short name and code."""

    by_name: dict[str, tuple[RegionRow, ...]]
    by_short: dict[str, tuple[RegionRow, ...]]
    by_code: dict[str, tuple[RegionRow, ...]]
    first_year: int
    last_year: int
    max_len: int

    def snapshot(self, year: int) -> int:
        """The table year that governs a report delivered in ``year`` (the year before)."""
        return min(max(year - 1, self.first_year), self.last_year)

    @staticmethod
    def _pick(rows: Iterable[RegionRow], year: int | None) -> list[RegionRow]:
        rows = list(rows)
        if year is None or not rows:
            return rows
        valid = [r for r in rows if r.valid(year)]
        if valid:
            return valid
        # the name is valid in another year: keep the closest version of each code
        best: dict[str, RegionRow] = {}
        for r in rows:
            dist = min(abs(year - r.start), abs(year - r.end))
            old = best.get(r.adcode)
            if old is None or dist < min(abs(year - old.start), abs(year - old.end)):
                best[r.adcode] = r
        return list(best.values())

    def named(self, name: str, year: int | None, *, short: bool = True) -> list[RegionRow]:
        rows = self._pick(self.by_name.get(name, ()), year)
        if not rows and short:
            rows = self._pick(self.by_short.get(name, ()), year)
        return rows

    def code(self, adcode: str, year: int | None) -> RegionRow | None:
        rows = self._pick(self.by_code.get(adcode, ()), year)
        return rows[0] if rows else None

    def chain(self, row: RegionRow, year: int | None) -> list[RegionRow]:
        """``row`` and its ancestors, province first."""
        out = [row]
        while out[0].parent:
            parent = self.code(out[0].parent, year)
            if parent is None or len(out) > 3:
                break
            out.insert(0, parent)
        return out

    def is_ancestor(self, anc: RegionRow, row: RegionRow, year: int | None) -> bool:
        return any(r.adcode == anc.adcode for r in self.chain(row, year)[:-1])


@functools.cache
def region_table() -> RegionTable:
    """The division table, loaded and validated once."""
    text = read_data_text("regions.csv")
    by_name: dict[str, list[RegionRow]] = {}
    by_short: dict[str, list[RegionRow]] = {}
    by_code: dict[str, list[RegionRow]] = {}
    first, last = 9999, 0
    reader = csv.DictReader(io.StringIO(text))
    expected = ["adcode", "name", "level", "parent", "from", "to", "short"]
    if reader.fieldnames != expected:
        raise DataError(f"GX201 regions.csv: columns {reader.fieldnames}, expected {expected}")
    for line, rec in enumerate(reader, start=2):
        try:
            start = int(rec["from"])
            end = int(rec["to"]) if rec["to"] else 9999
        except ValueError as exc:
            raise DataError(f"GX202 regions.csv line {line}: bad year ({exc})") from exc
        if rec["level"] not in ("province", "city", "county") or not re.fullmatch(r"\d{6}", rec["adcode"]):
            raise DataError(f"GX203 regions.csv line {line}: bad level or code {rec['level']!r} {rec['adcode']!r}")
        row = RegionRow(rec["adcode"], rec["name"], rec["level"], rec["parent"], start, end,
                        tuple(s for s in rec["short"].split("|") if s))
        first = min(first, start)
        last = max(last, end if end != 9999 else start)
        by_name.setdefault(row.name, []).append(row)
        by_code.setdefault(row.adcode, []).append(row)
        for s in row.shorts:
            by_short.setdefault(s, []).append(row)
    if not by_name:
        raise DataError("GX204 regions.csv is empty")
    last = max(last, max(r.start for rows in by_code.values() for r in rows))
    max_len = max(len(n) for n in by_name)
    return RegionTable(
        {k: tuple(v) for k, v in by_name.items()},
        {k: tuple(v) for k, v in by_short.items()},
        {k: tuple(v) for k, v in by_code.items()},
        first,
        _last_snapshot(by_code),
        max_len,
    )


def _last_snapshot(by_code: dict[str, list[RegionRow]]) -> int:
    ends = [r.end for rows in by_code.values() for r in rows if r.end != 9999]
    starts = [r.start for rows in by_code.values() for r in rows]
    return max(max(ends, default=0) + 1, max(starts))


# --------------------------------------------------------------------------------------------
# patterns


@dataclass(frozen=True)
class _FrontMatter:
    dateline: re.Pattern[str]
    date: re.Pattern[str]
    date_line: re.Pattern[str]
    title: re.Pattern[str]
    byline: re.Pattern[str]
    represent: re.Pattern[str]
    congress: re.Pattern[str]
    review: re.Pattern[str]
    plan: re.Pattern[str]
    name_token: re.Pattern[str]
    generic: re.Pattern[str]
    self_kind: re.Pattern[str]
    year_mention: re.Pattern[str]
    npc_session: re.Pattern[str]
    npc_terms: dict[int, int]
    national_cues: tuple[str, ...]
    zone_suffixes: tuple[str, ...]


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@functools.cache
def _front_matter() -> _FrontMatter:
    data = load_toml("headings.toml").get("front_matter")
    if not isinstance(data, dict):
        raise DataError("GX210 headings.toml lacks [front_matter]")
    try:
        speakers = _alt(data["speaker_titles"])
        review = _alt(data["review_year_cues"])
        plan = _alt(data["plan_year_cues"])
        national = tuple(data["national_cues"])
        zones = tuple(data["zone_suffixes"])
    except KeyError as exc:
        raise DataError(f"GX211 headings.toml [front_matter] lacks {exc}") from exc
    year = rf"(?P<y>(?:19|20)\d{{2}}|[{_CN_DIGITS}O]{{4}}|(?<!\d)\d{{2}})"
    date = (
        rf"{year}\s*年\s*(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月"
        rf"(?:\s*(?P<d>[12]\d|3[01]|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*日)?"
    )
    congress = r"(?:人民代表大会|人大|人代会|职工代表大会|代表大会)"
    return _FrontMatter(
        dateline=re.compile(
            rf"{date}[ \t]*(?:在|于)?(?P<body>[^\n。]{{0,40}}?){congress}[^\n。]{{0,30}}?(?:会议|大会)", re.X
        ),
        date=re.compile(date),
        # the lead stays on the date's line (every line start is tried anyway): crossing line ends
        # let each line of a run of blank lines scan the whole run (quadratic time)
        date_line=re.compile(rf"^(?:[^\S\n]|[(\[-])*{date}[^\n。，,]{{0,16}}$", re.M),
        title=re.compile(
            # (the spaces after the optional parts belong to them: `[ \t]*` then `\s*` would try
            # every split of a run of spaces, cubic time on a long one)
            rf"^[ \t\-#*]*(?:标题[:：]\s*)?(?:\((?P<pre>[{_HAN}]{{2,12}})\)\s*)?"
            rf"(?P<title>(?:(?P<y1>(?:19|20)\d{{2}})年(?:度)?)?(?P<name>[{_HAN}]{{0,24}}?)(?:(?P<y2>(?:19|20)\d{{2}})年(?:度)?)?"
            rf"(?:人民)?政府(?:政府)?工作报告)[^\n]*$",
            re.M,
        ),
        byline=re.compile(
            rf"(?P<name>[{_HAN}]{{2,20}}?)(?:人民政府|政府|管委会|管理委员会)?\s*(?:{speakers})(?![{_HAN}]{{0,1}}(?:的|和|在))"
        ),
        represent=re.compile(rf"代表(?P<name>[{_HAN}]{{0,20}}?)(?:人民政府|政府|管委会|管理委员会|国务院)"),
        congress=re.compile(rf"在(?P<body>[{_HAN}]{{0,25}}?)(?:第?[{_CN_DIGITS}\d]{{1,3}}届)"),
        # (no two adjacent repeats may both take a space: `[ \t]*` then `\s*` tries every split of
        # a run of spaces, which is cubic on a long one; tests/test_regex_safety.py)
        review=re.compile(rf"(?P<line>^[ \t]*(?:[{_CN_DIGITS}]{{1,2}}[、.]\s*)?)?(?P<y>(?:19|20)\d{{2}}|[{_CN_DIGITS}]{{4}})\s*(?:年\s*)?(?:{review})", re.M),
        plan=re.compile(rf"(?P<line>^[ \t]*(?:[{_CN_DIGITS}]{{1,2}}[、.]\s*)?)?(?P<y>(?:19|20)\d{{2}}|[{_CN_DIGITS}]{{4}})\s*(?:{plan})", re.M),
        name_token=re.compile(rf"[{_HAN}]{{1,12}}?(?:自治区|自治州|地区|省|市|县|区|盟|旗|州)"),
        generic=re.compile(r"全(?P<kind>省|市|县|区|州|盟|旗|国)"),
        self_kind=re.compile(rf"代表(?P<kind>自治区|省|市|县|区|州|盟|旗)(?:[{_CN_DIGITS}]{{1,3}}届)?(?:人民)?政府"),
        npc_session=re.compile(r"(?<![从自])第(?P<term>[一二三四五六七八九十]{1,3})届全国人民代表大会第(?P<session>[一二三四五六七八九十]{1,2})次会议(?!以来|[，,]?[到至])"),
        npc_terms={int(k): int(v) for k, v in data["npc_terms"].items()},
        year_mention=re.compile(
            rf"(?<![到至\-~\d])(?P<y>(?:19|20)\d{{2}}|[{_CN_DIGITS}]{{4}})年(?!前|以前|底前|末前|以后|远景|目标|规划)"
        ),
        national_cues=national,
        zone_suffixes=zones,
    )


# --------------------------------------------------------------------------------------------
# helpers


def _number(text: str | None) -> int | None:
    if not text:
        return None
    text = text.replace("O", "〇").replace("○", "〇")
    value = parse_numeral(text)
    return int(value) if value is not None and value == value.to_integral_value() else None


def _year(text: str) -> int | None:
    value = _number(text)
    if value is None:
        return None
    if value < 100:  # 19年2月24日
        value += 2000 if value < 50 else 1900
    return value if 1949 <= value <= 2100 else None


@dataclass(frozen=True)
class _Date:
    year: int
    month: int
    day: int | None

    def iso(self) -> str | None:
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}" if self.day else None

    @property
    def plan_year(self) -> int:
        # a report delivered in November or December of Y-1 is the report for Y (the manifest convention)
        return self.year + 1 if self.month >= 11 else self.year


def _date(m: re.Match[str]) -> _Date | None:
    year, month = _year(m["y"]), _number(m["m"])
    day = _number(m["d"]) if m["d"] else None
    if year is None or month is None or not 1 <= month <= 12:
        return None
    if day is not None and not 1 <= day <= 31:
        day = None
    return _Date(year, month, day)


@dataclass
class _Candidate:
    """A name the front matter gives for the issuer, with where it came from."""

    text: str
    source: str
    weight: int


def _parse_chain(name: str, table: RegionTable, year: int | None) -> tuple[list[list[RegionRow]], str]:
    """Split ``重庆市开州区`` into known divisions (each a list of candidates) and the rest."""
    parts: list[list[RegionRow]] = []
    pos = 0
    while pos < len(name):
        found: list[RegionRow] = []
        length = 0
        for size in range(min(table.max_len, len(name) - pos), 1, -1):
            piece = name[pos : pos + size]
            rows = table.named(piece, year, short=False)
            if not rows:
                rows = table.named(piece, year)
                # a short name must not eat the start of a longer word (保定市 vs 保定)
                if rows and pos + size < len(name) and name[pos + size] in "省市县区州盟旗":
                    rows = []
            if rows:
                found, length = rows, size
                break
        if not found:
            break
        parts.append(found)
        pos += length
    return parts, name[pos:]


def _best_chain(parts: list[list[RegionRow]], table: RegionTable, year: int | None) -> list[RegionRow]:
    """Choose, for each part, the candidate consistent with the parts before it."""
    chosen: list[RegionRow] = []
    for options in parts:
        if chosen:
            fitting = [r for r in options if table.is_ancestor(chosen[-1], r, year)]
            if not fitting:
                # the previous part was a wrong guess, or this is a sibling: keep the previous
                continue
            options = fitting
        chosen.append(options[0] if len(options) == 1 else _prefer(options))
    return chosen


def _prefer(options: Sequence[RegionRow]) -> RegionRow:
    order = {"province": 0, "city": 1, "county": 2}
    return sorted(options, key=lambda r: (order[r.level], r.adcode))[0]


def _disambiguate(
    options: Sequence[RegionRow], view: str, table: RegionTable, year: int | None
) -> tuple[RegionRow, bool]:
    """Pick the option whose ancestors the text names most; (row, was_ambiguous)."""
    codes = {r.adcode for r in options}
    if len(codes) == 1:
        return options[0], False
    scored = []
    for r in options:
        score = 0
        for anc in table.chain(r, year)[:-1]:
            for name in (anc.name, *anc.shorts):
                score += view.count(name)
        scored.append((score, r))
    scored.sort(key=lambda x: -x[0])
    return scored[0][1], scored[0][0] == scored[1][0]


def _region_name(chain: list[RegionRow]) -> str:
    return "".join(r.name for r in chain)


# --------------------------------------------------------------------------------------------
# the stage


def find_metadata(text: str, skip: Sequence[tuple[int, int]] = (), *, view: str | None = None) -> Metadata:
    """Title, issuer, level, date and plan year of a report (None where the text is silent).

    ``skip`` are spans (boilerplate) to ignore. Never raises on odd text.

    >>> m = find_metadata("政府工作报告\\n——2024年1月23日在广东省第十四届人民代表大会第二次会议上\\n")
    >>> (m.region, m.level.value, m.date, m.year)
    ('广东省', 'province', '2024-01-23', 2024)
    """
    fm = _front_matter()
    table = region_table()
    view = masked_view(text[:_BODY_SCAN], skip, None if view is None else view[:_BODY_SCAN])
    head = view[:_HEAD]
    warnings: list[str] = []

    # --- date and year -------------------------------------------------------------------
    date: _Date | None = None
    dateline = None
    for m in fm.dateline.finditer(head):
        date = _date(m)
        if date is not None:
            dateline = m
            break
    title_m = None
    for m in fm.title.finditer(head[:2500]):
        title_m = m
        break
    if date is None and title_m is not None:
        dm = fm.date.search(title_m.group(0))
        date = _date(dm) if dm else None
    if date is None:
        for m in fm.date_line.finditer(head[:1500]):
            date = _date(m)
            if date is not None:
                break
    year: int | None = date.plan_year if date else None
    if year is None:
        year = _year_from_session(head[:3000], fm)
    if year is None:
        year = _year_from_body(view, fm, title_m)
        if year is not None:
            warnings.append("GX220 no dateline: plan year read from the chapter headings or title")

    # --- title -----------------------------------------------------------------------------
    title = None
    if title_m is not None:
        title = re.sub(r"\s*[(（][^()（）]*\d{4}[^()（）]*[)）]\s*$", "", title_m["title"]).strip()
        title = text[title_m.start("title") : title_m.start("title") + len(title)].strip() or None

    # --- issuer ----------------------------------------------------------------------------
    national = any(cue in head[:3000] for cue in fm.national_cues) or (
        dateline is not None and "全国" in dateline.group(0)
    )
    candidates: list[_Candidate] = []
    if title_m is not None:
        pre = title_m["pre"] or ""
        name = title_m["name"] or ""
        if name or pre:
            candidates.append(_Candidate(pre + name if not name.startswith(pre) or not pre else name, "title", 3))
    if dateline is not None and dateline["body"]:
        candidates.append(_Candidate(dateline["body"].strip(), "dateline", 4))
    elif (m := fm.congress.search(head[:2000])) and m["body"]:
        candidates.append(_Candidate(m["body"], "dateline", 4))
    for m in fm.byline.finditer(head[:2000]):
        candidates.append(_Candidate(m["name"], "byline", 2))
        break
    for m in fm.represent.finditer(head[:4000]):
        if m["name"]:
            candidates.append(_Candidate(m["name"], "represent", 2))
            break

    region = level = adcode = None
    if national and not any(
        _parse_chain(c.text, table, year)[0] for c in candidates if c.source in ("dateline", "title")
    ):
        region, level = "全国", Level.NATIONAL
    else:
        region, level, adcode = _resolve(candidates, view, table, year, fm, warnings)
    if region is None and national:
        region, level = "全国", Level.NATIONAL
    return Metadata(
        title=title,
        region=region,
        level=level,
        date=date.iso() if date else None,
        year=year,
        adcode=adcode,
        warnings=warnings,
    )


def _year_from_session(head: str, fm: _FrontMatter) -> int | None:
    """第十届全国人民代表大会第一次会议 -> 2003: the national congress's term and session give the
    year of a national report whose dateline is missing (the Wikisource transcriptions)."""
    m = fm.npc_session.search(head)
    if m is None:
        return None
    term, session = parse_chinese(m["term"]), parse_chinese(m["session"])
    if term is None or session is None or int(term) not in fm.npc_terms:
        return None
    return fm.npc_terms[int(term)] + int(session) - 1


def _year_from_body(view: str, fm: _FrontMatter, title_m: re.Match[str] | None) -> int | None:
    """Plan year from 一、2023年工作回顾 (→ 2024), 2024年工作安排, or the title's year."""
    votes: Counter[int] = Counter()
    body = view[:_BODY_SCAN]
    for pattern, shift in ((fm.review, 1), (fm.plan, 0)):
        for m in pattern.finditer(body):
            year = _year(m["y"])
            if year is not None:
                votes[year + shift] += 3 if m["line"] is not None else 1
    if votes:
        return votes.most_common(1)[0][0]
    if title_m is not None and (title_m["y1"] or title_m["y2"]):
        return int(title_m["y1"] or title_m["y2"])
    # the year Y whose pair (Y-1 reviewed, Y planned) the text mentions most
    mentions: Counter[int] = Counter()
    for m in fm.year_mention.finditer(body):
        year = _year(m["y"])
        if year is not None:
            mentions[year] += 1
    pairs = [(mentions[y] + mentions[y - 1], y) for y in mentions if mentions.get(y - 1)]
    return max(pairs)[1] if pairs else None


def _level_of(row: RegionRow | None, rest: str, fm: _FrontMatter) -> Level | None:
    if rest and rest.endswith(fm.zone_suffixes):
        return Level.ZONE
    if row is None:
        return None
    if row.name.endswith(fm.zone_suffixes):
        return Level.ZONE
    return Level(row.level)


def _resolve(
    candidates: list[_Candidate],
    view: str,
    table: RegionTable,
    year: int | None,
    fm: _FrontMatter,
    warnings: list[str],
) -> tuple[str | None, Level | None, str | None]:
    snap = table.snapshot(year) if year else None
    best: tuple[int, int, list[RegionRow], str, list[list[RegionRow]]] | None = None
    order = {"province": 1, "city": 2, "county": 3}
    for cand in candidates:
        parts, rest = _parse_chain(cand.text, table, snap)
        if not parts:
            continue
        chain = _best_chain(parts, table, snap)
        zone_rest = rest if rest.endswith(fm.zone_suffixes) else ""
        depth = order[chain[-1].level] + (1 if zone_rest else 0)
        key = (depth, cand.weight)
        if best is None or key > best[:2]:
            best = (depth, cand.weight, chain, zone_rest, parts)
    if best is None:
        return _resolve_by_mentions(view, table, snap, fm, warnings)
    _, _, chain, zone_rest, parts = best
    last = chain[-1]
    if len(chain) == 1:
        last_options = parts[-1] if len(parts) == 1 else [last]
        last, ambiguous = _disambiguate(last_options, view, table, snap)
        if ambiguous:
            warnings.append(f"GX221 issuer name {last.name} is ambiguous; chose {last.adcode}")
    full = table.chain(last, snap)
    name = _region_name(full) + zone_rest
    level = _level_of(last, zone_rest, fm)
    return name, level, None if zone_rest else last.adcode


def _resolve_by_mentions(
    view: str, table: RegionTable, snap: int | None, fm: _FrontMatter, warnings: list[str]
) -> tuple[str | None, Level | None, str | None]:
    """No named issuer in the front matter: the division the text names most, of the kind that
    我代表省/市/县人民政府 or the most frequent 全省/全市/全县 names."""
    body = view[:_BODY_SCAN]
    m = fm.self_kind.search(view[:_HEAD])
    if m:
        kind = m["kind"]
    else:
        kinds = Counter(m["kind"] for m in fm.generic.finditer(body))
        if not kinds:
            return None, None, None
        kind = kinds.most_common(1)[0][0]
    if kind == "国":
        return None, None, None
    counts: Counter[str] = Counter()
    rows_by_code: dict[str, RegionRow] = {}
    # prefecture-level and province-level names: count every one (a few hundred str.count calls)
    for row in _named_rows(table, kind, snap):
        n = sum(body.count(name) for name in (row.name, *row.shorts))
        if n:
            counts[row.adcode] += n
            rows_by_code[row.adcode] = row
    # county-level names: the suffixed words of the text that are known names (3+ characters)
    if kind in ("县", "区", "旗", "市"):
        for m in fm.name_token.finditer(body):
            token = m.group(0)
            if token[-1] != kind and not (kind == "县" and token[-1] == "旗"):
                continue
            for i in range(len(token) - 2):
                rows = [r for r in table.named(token[i:], snap, short=False) if r.level == "county"]
                if rows:
                    for r in rows:
                        rows_by_code[r.adcode] = r
                        counts[r.adcode] += 1
                    break
    if not counts:
        return None, None, None
    code = counts.most_common(1)[0][0]
    row = rows_by_code[code]
    warnings.append(f"GX222 issuer not named in the front matter; {row.name} is the division the text names most")
    return _region_name(table.chain(row, snap)), _level_of(row, "", fm), row.adcode


def _named_rows(table: RegionTable, kind: str, snap: int | None) -> list[RegionRow]:
    """The province- and prefecture-level divisions whose name ends with ``kind``."""
    suffix = {"自治区": ("自治区",), "区": ("自治区",), "省": ("省",), "市": ("市",), "州": ("州",), "盟": ("盟",)}.get(kind, ())
    if not suffix:
        return []
    out = []
    for rows in table.by_code.values():
        picked = table._pick(rows, snap)
        for r in picked[:1]:
            if r.level in ("province", "city") and r.name.endswith(suffix):
                out.append(r)
    return out
