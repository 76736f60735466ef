"""The outline of a report: numbered headings and lead sentences as a tree of sections.

Headings (``一、`` ``(一)`` ``1.`` ``(1)`` ``①`` ``第一部分``, patterns in ``data/headings.toml``) are
found at line starts and, in run-together paragraphs, after a sentence end. A lead sentence (the
short first sentence of a paragraph, ``发展壮大民营经济。``) is a heading too, a child of the numbered
section above it. Each section gets a role (``data/roles.toml``): review, targets, tasks, self or
other. Detection runs on the normalised view with boilerplate masked, so spans index the text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .errors import DataError
from .models import Role, Section
from .resources import load_toml
from .text import masked_view

__all__ = [
    "HeadingKind",
    "find_sections",
    "format_outline",
    "heading_kinds",
    "section_path",
]

_CN = "一二三四五六七八九十"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
#: Lines at least this long are run-together paragraphs: headings may start after a 。 there.
_RUN_TOGETHER = 1500
#: Rank of a lead-sentence heading (innermost of all kinds).
_LEAD_RANK = 1000
#: Rank of a bare chapter line such as ``2022年工作回顾`` (same as 一、).
_SENTENCE_END = "。！？!?"


@dataclass(frozen=True)
class HeadingKind:
    """One outline-number style from ``headings.toml``."""

    name: str
    rank: int
    pattern: re.Pattern[str]
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...]


@dataclass(frozen=True)
class _Limits:
    max_title: int
    max_lead: int
    max_lead_part: int
    max_lead_commas: int
    lead_marker: re.Pattern[str]
    lead_comma_forbidden: tuple[str, ...]
    min_lead_body: int
    not_title_starts: tuple[str, ...]
    lead_forbidden: frozenset[str]
    lead_not_starts: tuple[str, ...]


@dataclass(frozen=True)
class _Roles:
    title: tuple[tuple[Role, re.Pattern[str]], ...]
    content_targets: re.Pattern[str]
    content_review: re.Pattern[str]
    content_tasks: re.Pattern[str]
    chapter_line: re.Pattern[str]


@dataclass(frozen=True)
class _Grammar:
    kinds: tuple[HeadingKind, ...]
    start: re.Pattern[str]
    limits: _Limits
    roles: _Roles


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _expand(pattern: str) -> str:
    return pattern.replace("{CN}", _CN).replace("{CIRCLED}", _CIRCLED)


@functools.cache
def heading_kinds() -> tuple[HeadingKind, ...]:
    """The heading kinds of ``headings.toml``, validated (each pattern has a ``number`` group)."""
    data = load_toml("headings.toml")
    kinds = []
    for i, entry in enumerate(data.get("heading", [])):
        try:
            name, rank, raw = entry["name"], int(entry["rank"]), entry["pattern"]
        except (KeyError, TypeError, ValueError) as exc:
            raise DataError(f"GX301 headings.toml heading #{i}: missing or bad {exc}") from exc
        try:
            pattern = re.compile(_expand(raw), re.X)
        except re.error as exc:
            raise DataError(f"GX302 headings.toml heading {name!r}: bad pattern ({exc})") from exc
        if "number" not in pattern.groupindex:
            raise DataError(f"GX303 headings.toml heading {name!r}: pattern lacks the group `number`")
        kinds.append(
            HeadingKind(name, rank, pattern, tuple(entry.get("examples", ())), tuple(entry.get("counter_examples", ())))
        )
    if not kinds:
        raise DataError("GX304 headings.toml defines no [[heading]]")
    names = [k.name for k in kinds]
    if len(set(names)) != len(names) or len({k.rank for k in kinds}) != len(kinds):
        raise DataError("GX305 headings.toml: heading names and ranks must be unique")
    return tuple(sorted(kinds, key=lambda k: k.rank))


@functools.cache
def _grammar() -> _Grammar:
    kinds = heading_kinds()
    data = load_toml("headings.toml")
    lim = data.get("heading_limits", {})
    roles = load_toml("roles.toml")
    try:
        limits = _Limits(
            int(lim["max_title"]),
            int(lim["max_lead"]),
            int(lim["max_lead_part"]),
            int(lim["max_lead_commas"]),
            re.compile(lim["lead_marker"]),
            tuple(lim["lead_comma_forbidden"]),
            int(lim["min_lead_body"]),
            tuple(lim["not_title_starts"]),
            frozenset(lim["lead_forbidden"]),
            tuple(lim["lead_not_starts"]),
        )
        title_roles = tuple(
            (Role(name), re.compile(_alt(roles["title"][name])))
            for name in ("review", "targets", "self", "tasks")
        )
        content = roles["content"]
        role_set = _Roles(
            title_roles,
            re.compile(_alt(content["targets"])),
            re.compile(_alt(content["review"])),
            re.compile(_alt(content["tasks"])),
            re.compile(
                r"^[ \t]*(?P<title>(?:(?:19|20)\d{2}年|“[^”\n]{1,6}”|[^\s。，,；;：:！!？?]{0,8})?[^\s。，,；;：:！!？?\d]{0,20}?(?:"
                + _alt(roles["title"]["review"] + roles["title"]["targets"] + roles["title"]["tasks"] + roles["title"]["self"])
                + r")[^\s。，,；;！!？?…]{0,4})[ \t]*$",
                re.M,
            ),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise DataError(f"GX306 headings.toml [heading_limits] or roles.toml malformed: {exc}") from exc
    alternatives = "|".join(
        f"(?P<k{i}>{k.pattern.pattern.replace('(?P<number>', f'(?P<n{i}>')})" for i, k in enumerate(kinds)
    )
    start = re.compile(
        rf"(?P<lead>^[ \t\-#*>]*|(?<=[{_SENTENCE_END}])[ \t]*|(?<=\\r\\n)|(?<=\\n))(?:{alternatives})",
        re.M | re.X,
    )
    return _Grammar(kinds, start, limits, role_set)


# --------------------------------------------------------------------------------------------


@dataclass
class _Heading:
    start: int
    title_start: int
    title_end: int
    number: str | None
    rank: int
    kind: str


def _title_end(view: str, start: int, line_end: int, limit: int) -> int | None:
    """Where a heading's title ends: the first sentence end or the line end, within ``limit``."""
    stop = min(line_end, start + limit + 1)
    gap = view.find("  ", start, stop)  # run-together text: a title glued on by a run of spaces
    for i in range(start, stop if gap < 0 else gap):
        if view[i] in _SENTENCE_END:
            return i
    if gap > start:
        return gap
    if line_end <= start + limit:
        return line_end
    # run-together text: a heading line glued to its paragraph by spaces
    space = view.find(" ", start, start + limit)
    return space if space > start else None


def _line_bounds(view: str, pos: int) -> tuple[int, int]:
    ls = view.rfind("\n", 0, pos) + 1
    le = view.find("\n", pos)
    return ls, (len(view) if le < 0 else le)


_NUMBER_VALUES = {c: i + 1 for i, c in enumerate(_CN)}


def _numeric(number: str) -> int | None:
    if number.isascii() and number.isdigit():
        return int(number)
    if number in _CIRCLED:
        return _CIRCLED.index(number) + 1
    total = 0
    if len(number) == 1:
        return _NUMBER_VALUES.get(number)
    if number[0] == "十":
        return 10 + (_NUMBER_VALUES.get(number[1], 0) if len(number) > 1 else 0)
    if len(number) >= 2 and number[1] == "十":
        total = _NUMBER_VALUES.get(number[0], 0) * 10
        if len(number) == 3:
            total += _NUMBER_VALUES.get(number[2], 0)
        return total or None
    return None


def _numbered(view: str, g: _Grammar) -> list[_Heading]:
    found: list[_Heading] = []
    last_number: dict[str, int] = {}
    lim = g.limits
    for m in g.start.finditer(view):
        index = next(i for i, k in enumerate(g.kinds) if m.group(f"k{i}") is not None)
        kind = g.kinds[index]
        head_start = m.start(f"k{index}")
        ls, le = _line_bounds(view, head_start)
        at_line_start = not view[ls:head_start].strip(" \t-#*>")
        if not at_line_start and le - ls < _RUN_TOGETHER and "\\r\\n" not in view[max(ls, head_start - 4) : head_start]:
            continue
        title_start = m.end()
        if title_start >= le:
            continue  # a bare number: (一) alone on its line is not a heading
        if view.startswith(lim.not_title_starts, title_start):
            continue
        title_end = _title_end(view, title_start, le, lim.max_title)
        if title_end is None or title_end <= title_start:
            continue
        number_text = m.group(f"n{index}")
        value = _numeric(number_text)
        if value is None:
            continue
        prev = last_number.get(kind.name)
        if value != 1 and prev is not None and value != prev + 1:
            continue
        last_number[kind.name] = value
        # a new outer heading restarts the numbering of the kinds inside it
        for inner in g.kinds:
            if inner.rank > kind.rank:
                last_number.pop(inner.name, None)
        found.append(_Heading(head_start, title_start, title_end, number_text, kind.rank, kind.name))
    return found


def _bare_chapters(view: str, g: _Grammar, taken: set[int]) -> list[_Heading]:
    """Unnumbered chapter lines such as ``2022年工作回顾`` (short, alone on their line)."""
    out = []
    for m in g.roles.chapter_line.finditer(view):
        s = m.start("title")
        if s in taken or m.end("title") - s > 30:
            continue
        out.append(_Heading(s, s, m.end("title"), None, 20, "chapter"))
    return out


def _leads(view: str, g: _Grammar, taken: set[int]) -> list[_Heading]:
    """Short first sentences of paragraphs: ``发展壮大民营经济。`` followed by the paragraph.

    A lead sentence may be two short parallel phrases (``强化创新驱动，产业转型取得突破。``) and may
    open with an inline enumeration marker (``一是…``, ``第一，…``), which becomes its number.
    """
    lim = g.limits
    out = []
    pos = 0
    n = len(view)
    while pos < n:
        le = view.find("\n", pos)
        if le < 0:
            le = n
        s = pos
        while s < le and view[s] in " \t\u3000":
            s += 1
        marker = lim.lead_marker.match(view, s, le) if s < le else None
        t = marker.end() if marker else s
        if t < le and s not in taken and "\u4e00" <= view[t] <= "\u9fff":
            stop = min(le, t + lim.max_lead + 1)
            end, commas, part = -1, 0, 0
            for i in range(t, stop):
                c = view[i]
                if c == "。":
                    end = i
                    break
                if c in "，,":
                    commas, part = commas + 1, 0
                    if commas > lim.max_lead_commas:
                        break
                    continue
                part += 1
                if c in lim.lead_forbidden or c in "!?！？" or part > lim.max_lead_part:
                    break
            if (
                end > t + 1
                and (le - end - 1 >= lim.min_lead_body or marker is not None)
                and not view.startswith(lim.lead_not_starts, t)
                and not any(ch.isdigit() for ch in view[t:end])
                and not (commas and any(w in view[t:end] for w in lim.lead_comma_forbidden))
            ):
                number = (marker.group("number") or marker.group("number2")) if marker else None
                out.append(_Heading(s, t, end, number, _LEAD_RANK, "lead"))
        pos = le + 1
    return out


def _role_of_title(title: str, g: _Grammar) -> Role | None:
    for role, pattern in g.roles.title:
        if pattern.search(title):
            return role
    return None


def find_sections(text: str, skip: Sequence[tuple[int, int]] = (), *, view: str | None = None) -> list[Section]:
    """The report's outline: top-level sections, each with its children.

    ``skip`` are spans (boilerplate) that hold no headings. Titles are the text as written up to
    the first 。 (trailing 。 dropped); a numbered title keeps its number (``(六)聚力…``).

    >>> [s.title for s in find_sections("一、2023年工作回顾\\n过去一年……\\n二、2024年工作安排\\n……")]
    ['一、2023年工作回顾', '二、2024年工作安排']
    """
    if not text:
        return []
    g = _grammar()
    view = masked_view(text, skip, view)
    headings = _numbered(view, g)
    taken = {h.start for h in headings}
    headings += _bare_chapters(view, g, taken)
    taken = {h.start for h in headings}
    headings += _leads(view, g, taken)
    headings.sort(key=lambda h: h.start)
    end_of_text = len(text)
    for start, end in sorted(skip):
        if end >= len(text) and start < end_of_text:
            end_of_text = start
    # nest
    roots: list[Section] = []
    stack: list[tuple[_Heading, Section]] = []
    ranks = sorted({h.rank for h in headings if h.rank != _LEAD_RANK})
    level_of_rank = {r: i + 1 for i, r in enumerate(ranks)}
    for h in headings:
        if h.start >= end_of_text:
            break
        while stack and stack[-1][0].rank >= h.rank:
            done_h, done = stack.pop()
            done.span = (done.span[0], h.start)
        title = text[h.start : h.title_end].strip()
        if h.rank == _LEAD_RANK:
            level = (stack[-1][1].level + 1) if stack else 1
        else:
            level = level_of_rank[h.rank]
        section = Section(title=title, number=h.number, level=level, span=(h.start, end_of_text))
        (stack[-1][1].children if stack else roots).append(section)
        stack.append((h, section))
    _assign_roles(roots, view, g, None)
    return roots


def _assign_roles(sections: list[Section], view: str, g: _Grammar, parent: Role | None) -> None:
    previous: Role | None = None
    for s in sections:
        role = _role_of_title(s.title, g)
        own_end = s.children[0].span[0] if s.children else s.span[1]
        own = view[s.span[0] : own_end]
        if role in (None, Role.TASKS) and g.roles.content_targets.search(own):
            role = Role.TARGETS
        if role is None and parent is not None:
            role = Role.TASKS if parent is Role.TARGETS else parent
        if role is None and parent is None:
            if previous in (Role.REVIEW, Role.TARGETS, Role.TASKS):
                role = Role.TASKS
            else:
                body = view[s.span[0] : s.span[1]]
                review = len(g.roles.content_review.findall(body))
                tasks = len(g.roles.content_tasks.findall(body))
                role = Role.REVIEW if review > tasks else Role.TASKS if tasks else Role.OTHER
        s.role = role
        _assign_roles(s.children, view, g, role)
        previous = role


def section_path(sections: Sequence[Section], offset: int) -> list[Section]:
    """The sections containing ``offset``, outermost first."""
    path: list[Section] = []
    level: Sequence[Section] = sections
    while True:
        for s in level:
            if s.span[0] <= offset < s.span[1]:
                path.append(s)
                level = s.children
                break
        else:
            return path


def format_outline(sections: Sequence[Section], *, roles: bool = True) -> str:
    """One heading a line, indented two spaces a level, role in brackets (``govextract sections``)."""
    lines: list[str] = []

    def walk(items: Sequence[Section], depth: int) -> None:
        for s in items:
            suffix = f"  [{s.role.value}]" if roles else ""
            lines.append(f"{'  ' * depth}{s.title}{suffix}")
            walk(s.children, depth + 1)

    walk(sections, 0)
    return "\n".join(lines)
