"""Quantities + sections -> goal records.

For each quantity the clause around it is read with the lexicons of ``data/goals.toml``:

* the *clause* is the text from the last clause delimiter (or the previous quantity of a
  coordinated list) to the quantity; a verb at its end (``…达到96%``) or at its start
  (``新建…38公里``) is the ``action``; what remains, trimmed of fillers and comparisons, is the
  ``indicator``; a verb-number-noun clause (``办好23件重点民生实事``) takes the noun after the number;
* ``change`` comes from the verb's lexicon (``level`` / ``increase`` / ``decrease`` / ``amount``),
  ``multiple`` for 翻一番 and 是…N倍;
* ``modality`` is the last commitment cue before the quantity in its sentence;
* ``status`` from the section's role, 预计 and ``(预计数，下同)`` notes and past-tense openings;
* ``year`` from the report's plan year, deadlines (到2025年) and the reviewed year;
* ``分别`` lists are zipped with their subjects; one number shared by several subjects (均) gives
  one record per subject.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from dataclasses import dataclass

from .errors import DataError
from .models import Change, Goal, Quantity, Role, Section, Status
from .resources import alternation, load_toml, longest_first
from .quantities import quantity_rules
from .sections import section_path

__all__ = ["GoalRules", "assemble_goals", "goal_rules"]

_SENTENCE_END = "。！？；!?;\n"
_CLAUSE_END = "，,；;。：:！？!?\n"
_TITLED = re.compile(r"《[^《》]*》")  # a plan's title (《“十四五”人才发展规划》) sets no deadline
_BRACKETED = re.compile(r"[（(][^（）()]*[）)]")
#: A line break inside a sentence, as transcriptions leave around a linked word or number
#: (国内生产总值达到74.4\n\u200b\n万亿元, “\n十三五\n”; corpus README): not a sentence end.
_SOFT_BREAK = re.compile(r"(?<=[0-9０-９.“、])[ \t\u200b\u3000]*(?:\n[ \t\u200b\u3000]*){1,2}(?=\S)"
                         r"|(?<=\S)(?:[ \t\u200b\u3000]*\n){1,2}[ \t\u200b\u3000]*(?=[万亿元%％”，、])")
_FROM = re.compile(r"(?:从|由)(?:每(?:人|户|个)?每?(?:月|年|日|天)?)?\s*$")
_WINDOW = 800  # no sentence is searched further than this from its quantity
_YEAR = re.compile(r"((?:19|20)\d{2})年")


@dataclass(frozen=True)
class GoalRules:
    """The goal lexicons, validated and compiled once."""

    verbs: dict[str, Change]
    verb_pattern: re.Pattern[str]
    cues: tuple[str, ...]
    cue_not_after: tuple[str, ...]
    soft_clause: re.Pattern[str]
    estimate: tuple[str, ...]
    estimate_note: re.Pattern[str]
    same_below: str
    past: tuple[str, ...]
    present: tuple[str, ...]
    base_markers: tuple[str, ...]
    periods: re.Pattern[str]
    period_ends: dict[str, int]
    ahead: re.Pattern[str]
    ahead_years: dict[str, int]
    this_year: re.Pattern[str]
    strip_head: re.Pattern[str]  # one filler, cue or opener at the start of an indicator
    strip_tail: re.Pattern[str]  # one filler or comparison at its end
    head_fillers: re.Pattern[str]  # a run of fillers and cues at the start of a clause
    suffix_changes: dict[str, Change]
    contains_changes: dict[str, Change]
    expansions: dict[str, tuple[str, ...]]
    distributors: tuple[str, ...]
    sharers: tuple[str, ...]
    verb_joiners: tuple[str, ...]
    verb_prefixes: tuple[str, ...]
    verb_tails: tuple[str, ...]
    indicator_finals: tuple[str, ...]
    weak_level_verbs: frozenset[str]
    amount_dimensions: frozenset[str]
    completed_amounts: tuple[str, ...]
    fused_indicators: re.Pattern[str]
    cue_verbs: tuple[str, ...]
    bound_verbs: frozenset[str]
    bound_head: re.Pattern[str]  # a bound word (以上, 左右 …) opening the gap after a quantity
    list_joiners: tuple[str, ...]
    only_joins: re.Pattern[str]
    qualifies: re.Pattern[str]  # 8%左右的国内生产总值增长目标: the number qualifies the noun after it
    share_pattern: re.Pattern[str]
    rate_units: frozenset[str]
    example_markers: tuple[str, ...]
    subject_split: re.Pattern[str]


@functools.cache
def goal_rules() -> GoalRules:
    """The lexicons of ``data/goals.toml`` (loaded once per process)."""
    data = load_toml("goals.toml")
    bounds = list(quantity_rules().after)  # the bound words of data/quantities.toml
    try:
        verbs: dict[str, Change] = {}
        for change_name, words in data["verbs"].items():
            change = Change(change_name)
            for word in words:
                verbs.setdefault(word, change)
        ind = data["indicator"]
        rules = GoalRules(
            verbs=verbs,
            verb_pattern=re.compile(alternation(verbs)),
            cues=longest_first(data["modality"]["cues"]),
            cue_not_after=tuple(data["modality"]["not_after"]),
            soft_clause=re.compile(data["modality"]["soft_clause"]),
            estimate=longest_first(data["status"]["estimate"]),
            estimate_note=re.compile(data["status"]["estimate_note"]),
            same_below=str(data["status"]["same_below"]),
            past=longest_first(data["status"]["past"]),
            present=longest_first(data["status"]["present"]),
            base_markers=tuple(data["year"]["base_markers"]),
            # “九五” or 九五时期/期间/计划: a bare 十五 is only a number.
            periods=re.compile(f"(?<=“)(?:{alternation(data['year']['plan_periods'])})(?=”)"
                               f"|(?:{alternation(data['year']['plan_periods'])})(?=时期|期间|计划|规划|末)"),
            period_ends={k: int(v) for k, v in data["year"]["plan_periods"].items()},
            ahead=re.compile(alternation(data["year"]["ahead"])),
            ahead_years={k: int(v) for k, v in data["year"]["ahead"].items()},
            this_year=re.compile(alternation(data["year"]["this_year"])),
            strip_head=re.compile("^(?:" + "|".join([alternation(ind["strip_prefix"]), *ind["strip_prefix_patterns"]]) + ")"),
            strip_tail=re.compile("(?:" + "|".join([alternation(ind["strip_suffix"]), *ind["strip_suffix_patterns"]]) + ")$"),
            head_fillers=re.compile(f"(?:{alternation(ind['strip_prefix'] + ind['scope_words'])})+"),
            suffix_changes={w: Change(c) for w, c in ind["suffix_changes"].items()},
            contains_changes={w: Change(c) for w, c in ind["contains_changes"].items()},
            expansions={k: tuple(v) for k, v in ind["expansions"].items()},
            distributors=tuple(ind["distributors"]),
            sharers=tuple(ind["sharers"]),
            verb_joiners=tuple(ind["verb_joiners"]),
            verb_prefixes=tuple(ind["verb_prefixes"]),
            verb_tails=longest_first(ind["verb_tails"]),
            indicator_finals=tuple(ind["indicator_finals"]),
            weak_level_verbs=frozenset(ind["weak_level_verbs"]),
            amount_dimensions=frozenset(ind["amount_dimensions"]),
            completed_amounts=tuple(ind["completed_amounts"]),
            fused_indicators=re.compile(alternation(ind["fused_indicators"])),
            cue_verbs=tuple(ind["cue_verbs"]),
            bound_verbs=frozenset(ind["bound_verbs"]),
            bound_head=re.compile(f"^(?:{alternation(bounds)})"),
            list_joiners=tuple(ind["list_joiners"]),
            only_joins=re.compile(f"(?:{alternation([*bounds, *ind['list_joiners'], '，', ',', ' '])})*"),
            qualifies=re.compile(f"(?:{alternation(bounds)})?的"),
            share_pattern=re.compile(ind["share_pattern"]),
            rate_units=frozenset(ind["rate_units"]),
            example_markers=tuple(ind["example_markers"]),
            subject_split=re.compile(alternation(ind["subject_separators"])),
        )
    except (KeyError, ValueError, re.error) as exc:
        raise DataError(f"GX030 goals.toml: missing or malformed entry ({exc})") from exc
    return rules


# ---------------------------------------------------------------------------------- helpers


class _Marks:
    """Positions of sentence, clause and paragraph ends of one document, found once (the goal
    loop asks for them around every quantity; bisecting beats scanning back from each)."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        self.text = text
        soft = {i for m in _SOFT_BREAK.finditer(text) for i in range(m.start(), m.end()) if text[i] == "\n"}
        def ends(pattern: str) -> list[int]:
            return [m.start() for m in re.finditer(pattern, text) if m.start() not in soft]
        self.sentence = ends(f"[{re.escape(_SENTENCE_END)}]")
        self.period = ends("[。\n！]")
        self.clause = ends(f"[{re.escape(_CLAUSE_END)}]")
        self.newline = ends("\n")

    @staticmethod
    def last(marks: list[int], lo: int, hi: int) -> int:
        """The last mark in [lo, hi), or -1."""
        i = bisect_left(marks, hi) - 1
        return marks[i] if i >= 0 and marks[i] >= lo else -1

    @staticmethod
    def first(marks: list[int], lo: int, hi: int) -> int:
        """The first mark in [lo, hi), or -1."""
        i = bisect_left(marks, lo)
        return marks[i] if i < len(marks) and marks[i] < hi else -1


def _sentence_bounds(marks: _Marks, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``[start, end)``; a sentence longer than _WINDOW is cut there."""
    floor = max(0, start - _WINDOW)
    lo = max(marks.last(marks.sentence, floor, start) + 1, floor)
    stop = marks.first(marks.sentence, end, end + _WINDOW)
    hi = stop + 1 if stop >= 0 else min(marks.length, end + _WINDOW)
    if hi > 0 and marks.text[hi - 1] == "\n":
        hi -= 1
    return lo, hi


def _period_start(marks: _Marks, start: int) -> int:
    """Start of the 。-sentence (a 目标是：A；B；C。 list counts as one)."""
    floor = max(0, start - _WINDOW)
    return max(marks.last(marks.period, floor, start) + 1, floor)


def _clause_start(marks: _Marks, start: int, floor: int) -> int:
    return max(marks.last(marks.clause, floor, start) + 1, floor)


def _strip(indicator: str, rules: GoalRules) -> str:
    """Trim fillers, cues and comparisons off both ends of an indicator, until none is left."""
    while indicator:
        trimmed = rules.strip_head.sub("", indicator, count=1)
        trimmed = rules.strip_tail.sub("", trimmed, count=1)
        if trimmed == indicator:
            break
        indicator = trimmed
    return indicator.strip(" 　，、：:；")


def _last_cue(text: str, lo: int, hi: int, rules: GoalRules) -> tuple[str | None, int]:
    best, best_at = None, -1
    for cue in rules.cues:
        at = text.rfind(cue, lo, hi)
        while at > 0 and text[at - 1] in rules.cue_not_after:
            at = text.rfind(cue, lo, at)
        if at > best_at:
            best, best_at = cue, at
    return best, best_at


def _modality(text: str, lo: int, start: int, rules: GoalRules) -> str | None:
    """The commitment cue governing the number at ``start`` (its 。-sentence begins at ``lo``).

    The last cue in the number's own ；-item governs it (力争A达到96%，B达到53%: both 力争); a cue in
    an earlier ；-item does not, unless it heads a colon-introduced list (主要预期目标是：A；B；C).
    A cue that opens a soft clause without a number (在实际工作中争取更好结果) governs nothing after it.
    """
    item = max(text.rfind("；", lo, start), text.rfind(";", lo, start)) + 1
    lo_item = max(item, lo)
    cue, at = _last_cue(text, lo_item, start, rules)
    while cue is not None and rules.soft_clause.match(text, at):
        cue, at = _last_cue(text, lo_item, at, rules)
    if cue is not None:
        return cue
    colon = max(text.find("：", lo, start), text.find(":", lo, start))
    if colon >= 0:
        head, _ = _last_cue(text, lo, colon, rules)
        return head
    return None


@dataclass
class _Clause:
    """What the words before (and after) one quantity say."""

    indicator: str = ""
    action: str | None = None
    change: Change | None = None
    distributed: bool = False
    inherits: bool = False
    noun_end: int = -1  # where the counted noun after the number ends (办好23件重点民生实事)


def _verb_at(body: str, at: int, rules: GoalRules) -> tuple[int, int] | None:
    """The (compound) verb starting at ``at``: 开工建设, 新建、改造, 新解决; None if none."""
    match = rules.verb_pattern.match(body, at)
    if match is None:
        for prefix in rules.verb_prefixes:
            if body.startswith(prefix, at):
                match = rules.verb_pattern.match(body, at + len(prefix))
                break
        if match is None:
            return None
    end = match.end()
    while end < len(body):
        if body.startswith(rules.verb_tails, end):  # 开工建设, 竣工投产
            end += next(len(t) for t in rules.verb_tails if body.startswith(t, end))
            continue
        joiner = next((j for j in rules.verb_joiners if body.startswith(j, end)), None)
        nxt = rules.verb_pattern.match(body, end + len(joiner)) if joiner else None
        if nxt is None:
            # 新增解决, 开发储备: a verb right after a verb, unless it leaves a one-character noun
            # behind (新增营造林: 营造林 is the object)
            nxt = rules.verb_pattern.match(body, end)
            if nxt is None or (len(body) - nxt.end() == 1 and body[nxt.end() :] not in rules.bound_verbs):
                break
        end = nxt.end()  # 新建、改造 / 新建和改造提升: verbs joined by 、/和
    return at, end


def _change_of(action: str, rules: GoalRules) -> Change:
    """The change a (compound) verb signals: that of its first known verb (新解决 -> 解决), passing
    over a leading verb that says only that something was done (完成造林 -> 造林: amount)."""
    if action in rules.verbs:
        return rules.verbs[action]
    found = [m.group() for m in rules.verb_pattern.finditer(action)]
    for verb in found:
        if verb not in rules.weak_level_verbs:
            return rules.verbs[verb]
    return rules.verbs[found[0]] if found else Change.LEVEL


def _head_skip(body: str, rules: GoalRules) -> int:
    """How many leading characters are fillers and cues (全市, 力争, 累计 …)."""
    match = rules.head_fillers.match(body)
    return match.end() if match else 0


def _read_clause(text: str, marks: _Marks, q: Quantity, floor: int, rules: GoalRules, noun_list: bool = False) -> _Clause:
    """Split the clause before ``q`` into indicator and verb.

    ``noun_list``: the previous quantity counted the noun after it (推进100项在建重大项目、100项…),
    so an empty clause here means this one does too.
    """
    start = _clause_start(marks, q.span[0], floor)
    body = text[start : q.span[0]]
    clause = _Clause(distributed=any(word in body for word in rules.distributors))
    # A verb right before the number (…达到96%), once distributors and comparisons are dropped.
    end_verb: tuple[int, int] | None = None
    masked = rules.fused_indicators.sub(lambda m: "\0" * len(m.group()), body)  # 经济增长 is a name
    for match in rules.verb_pattern.finditer(masked):
        if _strip(body[match.end() :], rules) == "" or match.end() == len(body):
            if end_verb is None or match.end() > end_verb[1] or match.start() < end_verb[0] and match.end() == end_verb[1]:
                end_verb = (match.start(), match.end())
    # A verb at the head of the clause (新建…38公里, 全市实现…).
    lead = _head_skip(body, rules)
    head_verb = _verb_at(body, lead, rules) if lead < len(body) else None
    # A bound word that is also a verb (超, 突破, 不低于) yields to a head verb before it:
    # 新增…超1000个 is 新增 with qualifier at_least; 国内生产总值超过126万亿元 keeps 超过.
    if end_verb is not None and head_verb is not None and body[end_verb[0] : end_verb[1]] in rules.bound_verbs:
        body = body[: end_verb[0]]  # the bound stays a qualifier; the head verb ties the clause
        end_verb = None
        head_verb = (head_verb[0], min(head_verb[1], len(body)))
    if head_verb and end_verb and head_verb[1] > end_verb[0]:
        head_verb = None if head_verb[0] >= end_verb[0] else (head_verb[0], end_verb[0])
    if end_verb is not None and end_verb[0] > 0 and (head_verb is None or head_verb[1] <= end_verb[0]):
        clause.action = body[end_verb[0] : end_verb[1]]
        clause.indicator = _strip(body[head_verb[1] if head_verb else 0 : end_verb[0]], rules)
        if not _strip(rules.verb_pattern.sub("", clause.indicator), rules):
            clause.indicator = ""  # 重点推进建设4所…: only verbs before the number, the noun follows it
    elif head_verb is not None:
        clause.action = body[head_verb[0] : head_verb[1]]
        clause.indicator = _strip(body[head_verb[1] :], rules)
    elif end_verb is not None:
        clause.action = body[end_verb[0] : end_verb[1]]
    elif rules.share_pattern.search(body):
        clause.indicator = _strip(body, rules)  # 研发经费投入占地区生产总值比重3.45%
    else:
        middle = _middle_verb(body, lead, rules)
        if middle is not None:  # 中央和地方财政安排专项资金70多亿元: the object is measured
            clause.action = body[middle[0] : middle[1]]
            clause.indicator = _strip(body[middle[1] :], rules)
        else:
            clause.indicator = _strip(body, rules)
            if body[lead:].startswith(rules.cue_verbs) or body.startswith(rules.cue_verbs):
                clause.action = next(w for w in rules.cue_verbs if w in body[: lead + len(w)])  # 争取到位…
    # 提出8%左右的国内生产总值增长目标: the number qualifies the noun after it
    qualifies = rules.qualifies.match(text, q.span[1]) is not None
    after_noun = (clause.action or qualifies) and not clause.indicator and not clause.distributed
    if clause.indicator.endswith(rules.example_markers) or after_noun or (noun_list and not clause.indicator):
        # 办好23件重点民生实事 / 仙乐健康产业园…等208个项目开工建设: the noun follows the number.
        noun, verb, clause.noun_end = _noun_after(text, q, rules)
        if noun:
            clause.indicator = noun
            if verb and (clause.action is None or body.rstrip().endswith(rules.example_markers)):
                clause.action = verb
    if clause.action:
        clause.change = _change_of(clause.action, rules)
    if q.unit == "倍" and (clause.action in ("是", "为") or q.number_text.startswith("翻")):
        clause.change = Change.MULTIPLE
    elif clause.change is Change.MULTIPLE:
        clause.change = Change.LEVEL
    if clause.change in (None, Change.LEVEL):
        # 涨幅控制在3.5% is a rise of 3.5% (the indicator names a change: ANNOTATION.md);
        # 城镇新增就业1244万人 is an amount.
        named = next((c for w, c in rules.suffix_changes.items() if clause.indicator.endswith(w)), None)
        if named is None and clause.change is None:
            named = next((c for w, c in rules.contains_changes.items() if w in clause.indicator), None)
        if named is None and clause.action in rules.weak_level_verbs:
            # 完成…97座 / 完成投资170亿元: things done in the period; 完成地区生产总值… stays a level
            if q.dimension in rules.amount_dimensions or any(w in clause.indicator for w in rules.completed_amounts):
                named = Change.AMOUNT
        clause.change = named or clause.change or Change.LEVEL
    clause.inherits = not clause.indicator
    return clause


def _middle_verb(body: str, lead: int, rules: GoalRules) -> tuple[int, int] | None:
    """The last verb inside a subject-verb-object clause, outside fused indicator names
    (城镇新增就业 is one name), with at least two characters of object after it."""
    if _FROM.search(body):
        return None  # 研发投入强度从2.77%提高到3.3%: a from-to change, the subject is the indicator
    masked = rules.fused_indicators.sub(lambda m: "\0" * len(m.group()), body)
    found = None
    for match in rules.verb_pattern.finditer(masked, lead + 1):
        if len(_strip(body[match.end() :], rules)) >= 2:
            found = (match.start(), match.end())
    return found


def _noun_after(text: str, q: Quantity, rules: GoalRules) -> tuple[str, str | None, int]:
    """办好23件重点民生实事 -> (重点民生实事, None); …等208个项目开工建设 -> (项目, 开工建设)."""
    end = q.span[1]
    stop = min([i for i in (text.find(ch, end, end + 24) for ch in _CLAUSE_END + "、的") if i >= 0] or [min(len(text), end + 24)])
    tail = text[end:stop]
    if any(ch.isdigit() for ch in tail[:2]):
        return "", None, -1  # the next item of a list (和13.4%), not a noun
    for i in range(1, len(tail)):
        verb = _verb_at(tail, i, rules)
        if verb:
            return _strip(tail[:i], rules), tail[verb[0] : verb[1]], end + i
    return _strip(tail, rules), None, end + len(tail)


def _core(piece: str) -> str:
    """A subject without its bracketed parts: 通乡（镇） -> 通乡."""
    return _BRACKETED.sub("", piece)


def _split_subjects(indicator: str, count: int, rules: GoalRules) -> list[str] | None:
    """Coordinated subjects of one indicator, completed (contract, "Distribution").

    城区、乡镇污水集中处理率 -> 城区污水集中处理率, 乡镇污水集中处理率 (a shared head);
    城乡居民人均可支配收入 -> 城镇…, 农村… (data/goals.toml expansions); 国家级、省级创新型企业 ->
    国家级创新型企业, 省级创新型企业; 城市污水收集率和处理率 -> …收集率, 城市污水处理率 (a shared
    modifier); full names (城市供水普及率、燃气普及率) stay as they are.
    """
    for prefix, parts in rules.expansions.items():
        if indicator.startswith(prefix) and len(parts) == count:
            rest = indicator[len(prefix) :]
            return [part + rest for part in parts]
    pieces = [p for p in rules.subject_split.split(indicator) if p]
    if len(pieces) != count or count < 2:
        return None
    earlier, last = pieces[:-1], pieces[-1]
    modifiers = not any(_core(p).endswith(rules.indicator_finals) for p in earlier)
    if modifiers and all(len(_core(p)) + 2 < len(last) for p in earlier):
        mark = _core(earlier[-1])[-1]
        size = max(len(_core(p)) for p in earlier)
        cut = last.find(mark, 0, size + 2) + 1 if all(_core(p).endswith(mark) for p in earlier) else 0
        head = last[cut or size :]
        return [p + head for p in earlier] + [last]
    first = earlier[0]
    if count == 2 and len(last) <= 4 and len(last) + 1 < len(first) and last[-1] == first[-1] and last.endswith(rules.indicator_finals):
        return [first, first[: len(first) - len(last)] + last]  # 城市污水收集率和处理率
    return pieces


# ---------------------------------------------------------------------------------- status/year


def _role_of(path: list[Section]) -> Role | None:
    """The outermost role on the path: a 政府自身建设 part of the review chapter is review."""
    for section in path:
        if section.role is not Role.OTHER:
            return section.role
    return None


def _paragraph_start(marks: _Marks, start: int) -> int:
    floor = max(0, start - 4 * _WINDOW)
    return max(marks.last(marks.newline, floor, start) + 1, floor)


def _opens_past(opening: str, plan_year: int | None, rules: GoalRules) -> bool:
    """过去一年，… / 2023年，…: a sentence or paragraph that reports a past period."""
    opening = opening.lstrip(" \u3000\xa0—-")
    return opening.startswith(rules.past) or _mentions_past_year(opening[:7], plan_year)


def _estimate_windows(text: str, marks: _Marks, sections: list[Section], rules: GoalRules) -> list[tuple[int, int]]:
    """Where a scope note makes numbers estimates: （预计数） covers its own sentence;
    （预计数，下同） also every number after it up to the end of its chapter."""
    windows = []
    for note in rules.estimate_note.finditer(text):
        lo, hi = _sentence_bounds(marks, note.start(), note.end())
        if rules.same_below in note.group():
            chapter = next((s.span[1] for s in sections if s.span[0] <= note.start() < s.span[1]), len(text))
            hi = max(hi, chapter)
        windows.append((lo, hi))
    return windows


def _status(text: str, marks: _Marks, q: Quantity, lo: int, role: Role | None, plan_year: int | None,
            noted: bool, rules: GoalRules) -> Status:
    """target / actual / estimate from 预计 cues and scope notes, the chapter's role and past-tense openings."""
    before = text[lo : q.span[0]]
    if any(word in before for word in rules.estimate):
        if role in (Role.TARGETS, Role.TASKS) and not _mentions_past_year(before, plan_year):
            return Status.TARGET  # 预计今年… in a plan chapter is a forecast for the plan year
        return Status.ESTIMATE
    if noted and role not in (Role.TARGETS, Role.TASKS):
        return Status.ESTIMATE
    if role is Role.REVIEW:
        return Status.ACTUAL
    # Outside the review chapter the nearest sentence of the paragraph that names a time decides:
    # 过去一年，我们的各项工作取得了很大成绩。国内生产总值增长10.3% is a result (national 2011).
    para = _paragraph_start(marks, q.span[0])
    starts = [lo] + [i + 1 for i in reversed(marks.period[bisect_left(marks.period, para) : bisect_left(marks.period, lo)])]
    for start in [*starts, para]:
        opening = text[start : start + 10].lstrip(" \u3000\xa0—-")
        if _opens_past(opening, plan_year, rules):
            return Status.ACTUAL
        if opening.startswith(rules.present) or (plan_year is not None and opening.startswith(f"{plan_year}年")):
            return Status.TARGET
    return Status.TARGET


def _mentions_past_year(span_text: str, plan_year: int | None) -> bool:
    """A year before the plan year, not as a base of comparison or prices (按2010年价格, 比2010年)."""
    if plan_year is None:
        return False
    return any(int(m.group(1)) < plan_year and not span_text[max(0, m.start() - 1) : m.start()] in ("按", "比", "较", "与", "同")
               for m in _YEAR.finditer(span_text))


def _year(text: str, q: Quantity, lo: int, status: Status, plan_year: int | None, context: str,
          rules: GoalRules) -> int | None:
    """The year a number refers to (contract, "year").

    Targets: a year named before the number in its sentence (到2025年, 2017年全省生产总值…) when it
    is not before the plan year, else a plan period (“九五”期间 -> 2000) or a span ahead
    (今后五年 -> plan year + 4) named in the sentence, the paragraph or the headings above, else
    the plan year. Actuals and estimates: a past year opening the sentence, else the year before
    the plan year.
    """
    before = text[lo : q.span[0]]
    if status is Status.TARGET:
        named = [int(m.group(1)) for m in _YEAR.finditer(before) if not before.endswith(rules.base_markers, 0, m.start())]
        named = [y for y in named if plan_year is None or y >= plan_year]
        if named:
            return named[-1]
        if rules.this_year.search(before):
            return plan_year  # 今年…主要预期目标是 under a 今后五年 heading is still this year's
        for where in (_TITLED.sub("", before), context):
            if where is context and rules.this_year.search(context):
                return plan_year  # the heading or opening says 今年
            period = rules.periods.search(where)
            if period:
                return rules.period_ends[period.group()]
            if plan_year is not None:
                ahead = rules.ahead.search(where)
                if ahead:
                    return plan_year + rules.ahead_years[ahead.group()]
        return plan_year
    years = [int(m.group(1)) for m in _YEAR.finditer(before[:8])]
    if years and (plan_year is None or years[0] < plan_year):
        return years[0]
    return None if plan_year is None else plan_year - 1


# ---------------------------------------------------------------------------------- assemble


def _written(text: str, view: str, found: str | None, lo: int, hi: int) -> str | None:
    """``found`` (read on the normalised view) as written in ``text``: same offsets, original characters."""
    if not found or text is view:
        return found
    at = view.rfind(found, lo, hi)
    return text[at : at + len(found)] if at >= 0 else found


def assemble_goals(
    text: str,
    quantities: list[Quantity],
    sections: list[Section],
    plan_year: int | None,
    *,
    view: str | None = None,
) -> list[Goal]:
    """Goal records for ``quantities`` (in text order) of a document ``text``.

    ``view`` is the normalised view of ``text`` (same length): the lexicons and year patterns run
    on it, so full-width digits (２０００年) read like ASCII ones; the strings reported
    (indicator, action, sentence) are sliced from ``text``.
    """
    original = text
    if view is not None and len(view) == len(text):
        text = view
    rules = goal_rules()
    marks = _Marks(text)
    windows = _estimate_windows(text, marks, sections, rules)
    goals: list[Goal] = []
    previous: tuple[Quantity, _Clause, Goal] | None = None
    pending: list[tuple[Quantity, _Clause, bool]] = []  # a 分别 list: quantity, clause, own subject?
    for q in quantities:
        lo, hi = _sentence_bounds(marks, q.span[0], q.span[1])
        floor = lo
        noun_list = False
        if previous is not None and previous[0].span[1] > lo:
            floor = previous[0].span[1]
            if previous[1].noun_end > floor:
                floor, noun_list = min(previous[1].noun_end, q.span[0]), True
        clause = _read_clause(text, marks, q, floor, rules, noun_list)
        own_subject = not clause.inherits
        coordinated = previous is not None and previous[0].span[1] > lo and _joined(text[previous[0].span[1] : q.span[0]], rules)
        if clause.inherits and previous is not None and previous[0].span[1] > lo:
            prev_clause = previous[1]
            clause.indicator = prev_clause.indicator
            if clause.action is None:
                clause.action, clause.change = prev_clause.action, prev_clause.change
            clause.distributed = clause.distributed or prev_clause.distributed
        elif coordinated and clause.action is None and previous is not None:
            clause.action, clause.change = previous[1].action, previous[1].change
        path = section_path(sections, q.span[0])
        role = _role_of(path)
        noted = any(a <= q.span[0] < b for a, b in windows)
        period = _period_start(marks, q.span[0])
        status = _status(text, marks, q, period, role, plan_year, noted, rules)
        modality = _modality(text, period, q.span[0], rules) if status is Status.TARGET else None
        para = _paragraph_start(marks, q.span[0])
        opening = text[para : min(q.span[0], _sentence_bounds(marks, para, para)[1])]
        context = _TITLED.sub("", "".join(sec.title for sec in path) + opening)
        year = _year(text, q, period, status, plan_year, context, rules)
        goal = Goal(
            text=original[q.span[0] : q.span[1]],
            span=q.span,
            value=q.value,
            low=q.low,
            high=q.high,
            unit=q.unit,
            qualifier=q.qualifier,
            indicator=_written(original, text, clause.indicator, lo, q.span[1] + 32) or None,
            action=_written(original, text, clause.action, lo, q.span[1] + 32),
            change=clause.change,
            modality=modality,
            status=status,
            year=year,
            section=[s.title for s in path],
            sentence=original[lo:hi],
            dimension=q.dimension,
        )
        if coordinated and clause.distributed and pending:
            pending.append((q, clause, own_subject))
        else:
            _flush_distribution(goals, pending, rules, marks)
            pending = [(q, clause, own_subject)] if clause.distributed else []
        goals.append(goal)
        previous = (q, clause, goal)
    _flush_distribution(goals, pending, rules, marks)
    return _share(goals, rules, text, marks)


def _joined(gap: str, rules: GoalRules) -> bool:
    """True when the text between two quantities, past a bound word, starts a coordinated item
    (、…, 和…) or holds only joiners (…96%、85%)."""
    gap = rules.bound_head.sub("", gap, count=1)
    return gap.startswith(rules.list_joiners) or rules.only_joins.fullmatch(gap) is not None


def _flush_distribution(goals: list[Goal], pending: list[tuple[Quantity, _Clause, bool]], rules: GoalRules,
                        marks: _Marks) -> None:
    """Zip a 分别 list with its subjects: rewrite the indicators of the last len(pending) goals.

    The subjects are the coordinated indicator before 分别 (城区、乡镇污水集中处理率分别达到…), or,
    when 分别 has no subject of its own (A 20934元，B 9121元，分别增长11.5%和13.4%), the
    indicators of as many records just before it in the same sentence.
    """
    count = len(pending)
    if count < 2:
        return
    first = len(goals) - count
    if pending[0][2]:
        subjects = _split_subjects(pending[0][1].indicator, count, rules)
    else:
        earlier = goals[first - count : first] if first >= count else []
        lo = _sentence_bounds(marks, pending[0][0].span[0], pending[0][0].span[1])[0]
        same_sentence = len(earlier) == count and all(g.span[0] >= lo and g.indicator for g in earlier)
        subjects = [g.indicator or "" for g in earlier] if same_sentence else None
    if not subjects:
        return
    for i, subject in enumerate(subjects):
        index = first + i
        goals[index] = goals[index].model_copy(update={"indicator": subject})


def _share(goals: list[Goal], rules: GoalRules, text: str, marks: _Marks) -> list[Goal]:
    """One record per subject for a number several subjects share (contract, "Distribution"):
    ``A和B均增长6%``, and a rate or multiple after full indicator names (``A、B实际增长9%左右``)."""
    out: list[Goal] = []
    for goal in goals:
        subjects = None
        if goal.indicator:
            clause_text = text[_clause_start(marks, goal.span[0], max(0, goal.span[0] - _WINDOW)) : goal.span[0]]
            pieces = [p for p in rules.subject_split.split(goal.indicator) if p]
            shared = any(word in clause_text[-4:] for word in rules.sharers)
            full_names = goal.unit in rules.rate_units and all(len(p) >= 4 and p.endswith(rules.indicator_finals) for p in pieces)
            if len(pieces) > 1 and (shared or full_names):
                subjects = _split_subjects(goal.indicator, len(pieces), rules)
        if subjects:
            out.extend(goal.model_copy(update={"indicator": s}) for s in subjects)
        else:
            out.append(goal)
    return out
