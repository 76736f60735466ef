"""Web-page residue in a report: navigation, disclaimers, teaser headers, comment boxes, link lists.

``find_boilerplate(text)`` returns sorted, non-overlapping ``[start, end)`` spans of the decoded
text that are not report text. The rules live in ``data/boilerplate.toml``; they run on the
normalised view, so full-width colons and brackets need no second spelling. Nothing is removed:
later stages take the spans as ``skip``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .errors import DataError
from .resources import load_toml
from .text import normalize

__all__ = ["BoilerplateRule", "boilerplate_rules", "find_boilerplate"]


@dataclass(frozen=True)
class BoilerplateRule:
    """One named pattern of ``boilerplate.toml`` with its examples."""

    name: str
    pattern: re.Pattern[str]
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...]


@dataclass(frozen=True)
class _Tail:
    marker: re.Pattern[str]
    max_line: int


@functools.cache
def boilerplate_rules() -> tuple[BoilerplateRule, ...]:
    """The validated line rules of ``boilerplate.toml``."""
    data = load_toml("boilerplate.toml")
    rules = []
    for i, entry in enumerate(data.get("rule", [])):
        try:
            name, raw = entry["name"], entry["pattern"]
            pattern = re.compile(raw, re.X | re.M)
        except (KeyError, TypeError) as exc:
            raise DataError(f"GX401 boilerplate.toml rule #{i}: missing {exc}") from exc
        except re.error as exc:
            raise DataError(f"GX402 boilerplate.toml rule {entry.get('name')!r}: bad pattern ({exc})") from exc
        rules.append(
            BoilerplateRule(name, pattern, tuple(entry.get("examples", ())), tuple(entry.get("counter_examples", ())))
        )
    if len({r.name for r in rules}) != len(rules):
        raise DataError("GX403 boilerplate.toml: rule names must be unique")
    return tuple(rules)


@functools.cache
def _tail() -> _Tail:
    data = load_toml("boilerplate.toml").get("tail", {})
    try:
        markers = sorted(data["markers"], key=len, reverse=True)
        max_line = int(data["max_line"])
    except (KeyError, TypeError, ValueError) as exc:
        raise DataError(f"GX404 boilerplate.toml [tail] malformed: {exc}") from exc
    alt = "|".join(re.escape(m) for m in markers)
    return _Tail(re.compile(rf"^[ \t]*(?:{alt})[ \t]*:?[^\n]{{0,{max_line}}}$", re.M), max_line)


@functools.cache
def _combined() -> re.Pattern[str]:
    """All line rules as one alternation, so the text is scanned once."""
    parts = [f"(?:{r.pattern.pattern})" for r in boilerplate_rules()]
    return re.compile("|".join(parts), re.X | re.M)


@functools.cache
def _split() -> tuple[re.Pattern[str], tuple[re.Pattern[str], ...]]:
    """Line-start rules as one ``^(?:…)`` alternation (fast), the others one by one."""
    rules = boilerplate_rules()
    starts = [r.pattern.pattern[1:] for r in rules if r.pattern.pattern.startswith("^")]
    others = tuple(r.pattern for r in rules if not r.pattern.pattern.startswith("^"))
    return re.compile("^(?:" + "|".join(f"(?:{p})" for p in starts) + ")", re.X | re.M), others


def _tail_start(view: str, tail: _Tail) -> int | None:
    """Start of a trailing link list: the first marker line after which every line is short."""
    # walk back from the end over short lines; the earliest marker within that run starts the tail
    pos = len(view)
    run_start = pos
    while pos > 0:
        ls = view.rfind("\n", 0, pos - 1) + 1 if pos > 0 else 0
        line = view[ls:pos].strip()
        if len(line) > tail.max_line:
            break
        run_start = ls
        if ls == 0:
            break
        pos = ls
    m = tail.marker.search(view, run_start)
    return m.start() if m else None


def find_boilerplate(text: str, *, view: str | None = None) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans of ``text`` that are web-page residue, not report text."""
    if not text:
        return []
    if view is None or len(view) != len(text):
        view = normalize(text)
    line_rules, other_rules = _split()
    spans: list[tuple[int, int]] = [m.span() for m in line_rules.finditer(view) if m.end() > m.start()]
    for pattern in other_rules:
        spans += [m.span() for m in pattern.finditer(view) if m.end() > m.start()]
    start = _tail_start(view, _tail())
    if start is not None:
        spans.append((start, len(text)))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and (s <= merged[-1][1] or not view[merged[-1][1] : s].strip()):
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged
