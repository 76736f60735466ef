"""Damaged and template text: placeholders, blanks, masked names, lost characters, mangled ‰.

``find_damage(text)`` returns one :class:`Damage` per case, in text order, found by the rules of
``data/damage.toml`` on the normalised view (domain.md §2.5, cases 24 and 51). Nothing is changed
and no value is invented: the quantity extractor reads only digits and numerals, so a placeholder
(``X亿元``, ``增长 %``) never becomes a quantity; the pipeline adds one warning line per case
(:func:`damage_warnings`).

A mangled ‰ (``人口自然增长率控制在7.2%,。以內``) is read as % by the extractor; the warning says so.
:func:`repair_permille` reads such a quantity as ‰ and marks it ``repaired`` (never silently: the
same case is in the warnings).

>>> [(d.kind, d.text) for d in find_damage("实现X区生产总值X亿元、增长 %，人口自然增长率控制在7.2%,。以內")]
[('masked_name', 'X'), ('placeholder', 'X'), ('blank_number', ' %'), ('mangled_permille', '7.2%,。')]
>>> damage_warnings("城镇新增就业X万人")
['GW101 placeholder at 6: 城镇新增就业X万人']
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .errors import DataError
from .models import Quantity
from .resources import load_toml
from .text import normalize

__all__ = ["Damage", "DamageRule", "damage_rules", "damage_warnings", "find_damage", "repair_permille"]

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_CHAR = re.compile(f"[{_CJK}]")
_MAGNITUDES = ("万亿", "亿", "万", "千", "百")
_NEIGHBOURS = frozenset({"cjk"})
_CLAUSE_END = "。；;！!？?\n"


@dataclass(frozen=True)
class Damage:
    """One case of damaged or template text: ``span`` indexes the decoded text."""

    kind: str
    code: str
    span: tuple[int, int]
    text: str
    message: str


@dataclass(frozen=True)
class DamageRule:
    """One named rule of ``damage.toml`` with its examples."""

    name: str
    kind: str
    code: str
    message: str
    pattern: re.Pattern[str]
    neighbour: str | None
    indicator_before: bool
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...]


@dataclass(frozen=True)
class _Settings:
    indicators: tuple[str, ...]
    window: int
    bound_variants: dict[str, str]
    per_kind: int
    context: int


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@functools.cache
def _settings() -> _Settings:
    data = load_toml("damage.toml")
    try:
        settings = _Settings(
            tuple(str(w) for w in data["permille"]["indicators"]),
            int(data["permille"]["window"]),
            {str(k): str(v) for k, v in data["permille"].get("bound_variants", {}).items()},
            int(data["limits"]["per_kind"]),
            int(data["limits"]["context"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise DataError(f"GX501 damage.toml: [permille] or [limits] lacks or mangles {exc}") from exc
    if not settings.indicators or settings.window < 1 or settings.per_kind < 1 or settings.context < 0:
        raise DataError("GX502 damage.toml: [permille] indicators must be listed; window, per_kind >= 1")
    return settings


@functools.cache
def damage_rules() -> tuple[DamageRule, ...]:
    """The validated rules of ``damage.toml``, in the order they are tried."""
    from .quantities import quantity_rules

    data = load_toml("damage.toml")
    try:
        blank_units = [str(u) for u in data["blank"]["units"]]
    except (KeyError, TypeError) as exc:
        raise DataError(f"GX503 damage.toml: [blank] lacks {exc}") from exc
    parts = {
        "{UNIT}": _alternation(quantity_rules().units),
        "{MAG}": "|".join(_MAGNITUDES),
        "{BLANK_UNIT}": _alternation(blank_units),
        "{CJK}": _CJK,
    }
    rules: list[DamageRule] = []
    for i, entry in enumerate(data.get("rule", [])):
        try:
            name, code, message, raw = entry["name"], entry["code"], entry["message"], entry["pattern"]
        except (KeyError, TypeError) as exc:
            raise DataError(f"GX504 damage.toml rule #{i}: missing {exc}") from exc
        if not re.fullmatch(r"GW1\d\d", str(code)):
            raise DataError(f"GX505 damage.toml rule {name!r}: code {code!r} is not GW1xx")
        neighbour = entry.get("neighbour")
        if neighbour is not None and neighbour not in _NEIGHBOURS:
            raise DataError(f"GX506 damage.toml rule {name!r}: unknown neighbour {neighbour!r}")
        for key, value in parts.items():
            raw = raw.replace(key, value)
        try:
            pattern = re.compile(raw, re.X)
        except re.error as exc:
            raise DataError(f"GX507 damage.toml rule {name!r}: bad pattern ({exc})") from exc
        rules.append(
            DamageRule(
                name=str(name),
                kind=str(entry.get("kind", name)),
                code=str(code),
                message=str(message),
                pattern=pattern,
                neighbour=neighbour,
                indicator_before=bool(entry.get("indicator_before", False)),
                examples=tuple(entry.get("examples", ())),
                counter_examples=tuple(entry.get("counter_examples", ())),
            )
        )
    if not rules:
        raise DataError("GX508 damage.toml defines no [[rule]]")
    if len({r.name for r in rules}) != len(rules):
        raise DataError("GX509 damage.toml: rule names must be unique")
    codes: dict[str, str] = {}
    for rule in rules:
        if codes.setdefault(rule.kind, rule.code) != rule.code:
            raise DataError(f"GX510 damage.toml: kind {rule.kind!r} has two codes")
    return tuple(rules)


def _beside_cjk(view: str, start: int, end: int) -> bool:
    """A Chinese character right before or after ``[start, end)``, at most two spaces away."""
    before = view[max(0, start - 3) : start].rstrip(" \t")
    after = view[end : end + 3].lstrip(" \t")
    return bool(before and _CJK_CHAR.match(before[-1])) or bool(after and _CJK_CHAR.match(after[0]))


def _indicator_before(view: str, start: int, settings: _Settings) -> bool:
    """A per-mille indicator (自然增长率, 出生率 …) earlier in the same clause, within the window."""
    window = view[max(0, start - settings.window) : start]
    cut = max(window.rfind(c) for c in _CLAUSE_END)
    window = window[cut + 1 :]
    return any(word in window for word in settings.indicators)


def find_damage(text: str, *, view: str | None = None, skip: Sequence[tuple[int, int]] = ()) -> list[Damage]:
    """Every case of damaged or template text in ``text``, in text order.

    ``view`` is the normalised view when the caller has it (same length); cases overlapping a
    ``skip`` span (boilerplate) are left out. Never raises on any string.
    """
    if not isinstance(text, str) or not text:
        return []
    if view is None or len(view) != len(text):
        view = normalize(text)
    settings = _settings()
    # spans already reported or skipped: sorted, merged
    taken = _merged((int(lo), int(hi)) for lo, hi in skip)
    found: list[Damage] = []
    for rule in damage_rules():
        new: list[tuple[int, int]] = []
        for match in rule.pattern.finditer(view):
            start, end = match.span()
            if end <= start or _overlaps(taken, start, end):
                continue
            if rule.neighbour == "cjk" and not _beside_cjk(view, start, end):
                continue
            if rule.indicator_before and not _indicator_before(view, start, settings):
                continue
            found.append(Damage(rule.kind, rule.code, (start, end), text[start:end], rule.message))
            new.append((start, end))
        if new:
            taken = _merged(taken + new)
    found.sort(key=lambda d: d.span)
    return found


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        if out and lo < out[-1][1]:
            out[-1] = (out[-1][0], max(hi, out[-1][1]))
        else:
            out.append((lo, hi))
    return out


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does ``[start, end)`` overlap a span of ``taken`` (sorted, non-overlapping)?"""
    i = bisect.bisect_left(taken, (end, end))  # the spans before i start before ``end``
    return i > 0 and taken[i - 1][1] > start


def _context(text: str, start: int, end: int, size: int) -> str:
    return " ".join(text[max(0, start - size) : end + size].split())


def damage_warnings(
    text: str,
    damages: Sequence[Damage] | None = None,
    *,
    view: str | None = None,
    skip: Sequence[tuple[int, int]] = (),
) -> list[str]:
    """One warning line per case, ``"GW101 placeholder at 123: …context…"`` (at most ``per_kind``
    lines of a kind, then one line with the count of the rest). ``damages`` defaults to
    ``find_damage(text, view=view, skip=skip)``."""
    if damages is None:
        damages = find_damage(text, view=view, skip=skip)
    settings = _settings()
    shown: Counter[str] = Counter()
    codes: dict[str, str] = {}
    lines: list[str] = []
    for d in damages:
        shown[d.kind] += 1
        codes[d.kind] = d.code
        if shown[d.kind] <= settings.per_kind:
            lines.append(f"{d.code} {d.kind} at {d.span[0]}: {_context(text, *d.span, settings.context)}")
    for kind, count in shown.items():
        if count > settings.per_kind:
            lines.append(f"{codes[kind]} {kind}: {count - settings.per_kind} more case(s) not listed")
    return lines


def repair_permille(quantities: Sequence[Quantity], damages: Sequence[Damage], text: str) -> list[Quantity]:
    """``quantities`` with each one a mangled ‰ covers (``7.2%,。以內``) read as ‰ and marked
    ``repaired``; the bound after the mangled mark (以内, 左右 …) is read too. Others are unchanged.

    Not called by the pipeline: a repair needs the warning of the same case beside it
    (:func:`damage_warnings`), which the pipeline adds.

    >>> t = "人口自然增长率控制在7.2%,。以內"
    >>> from govextract.quantities import find_quantities
    >>> q, = repair_permille(find_quantities(t), find_damage(t), t)
    >>> (q.text, str(q.value), q.unit, q.qualifier.value, q.repaired)
    ('7.2%', '7.2', '‰', 'at_most', True)
    """
    from .quantities import quantity_rules

    after = quantity_rules().after
    variants = _settings().bound_variants
    cases = [d for d in damages if d.kind == "mangled_permille"]
    if not cases:
        return list(quantities)
    view = normalize(text)
    out: list[Quantity] = []
    for q in quantities:
        case = next((d for d in cases if d.span[0] <= q.span[0] and q.span[1] <= d.span[1] and q.unit == "%"), None)
        if case is None:
            out.append(q)
            continue
        end = case.span[1]
        bound, qualifier = "", q.qualifier
        for size in (3, 2, 1):
            word = view[end : end + size]
            if variants.get(word, word) in after:
                bound, qualifier = word, after[variants.get(word, word)]
                break
        out.append(
            q.model_copy(
                update={
                    "unit": "‰",
                    "dimension": "permille",
                    "qualifier": qualifier,
                    "bound_text": q.bound_text + bound,
                    "repaired": True,
                }
            )
        )
    return out
