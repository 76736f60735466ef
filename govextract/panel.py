"""Region × year × indicator panels: this year's target, what was later reported as achieved, and
the parent government's target for the same indicator (层层加码), each cell with its evidence.

``panel(reports_or_batch_output)`` takes parsed :class:`~govextract.models.Report` objects, a
``govextract batch`` output folder (jsonl, csv or parquet tables), or a goals DataFrame
(:func:`govextract.to_dataframe` / ``read_jsonl`` / ``read_parquet``), and returns a pandas
DataFrame with one row per ``(adcode, region, level, year, indicator_id, period)``:

* **target**: the report of ``year`` sets it (status target, the record's year = the plan year, or
  a 年均 rate over ``period``). When a report states the same indicator more than once, the record
  in a targets chapter, in the indicator's usual unit, earliest in the text is taken.
* **actual** / **estimate**: the report of ``year + 1`` reviews ``year`` (status actual or estimate,
  record year = ``year``), preferring the review chapter.
* **parent**: the target of the same indicator, year and period in the parent's report: a
  county's city, a city's province, a province's national report.

For each of ``target``, ``actual``, ``estimate`` and ``parent`` the columns are ``*_value``,
``*_low``, ``*_high`` (as written, magnitudes multiplied out), ``*_unit``, ``*_qualifier``,
``*_modality``, ``*_change``, ``*_point`` and the evidence ``*_text``, ``*_sentence``,
``*_source``, ``*_start``, ``*_end`` (the span in that source's decoded text). ``*_point`` is the
number the comparisons use: the value, or the middle of a range; a ``decrease`` is negative
(能耗降低3% → −3); a CPI written as an index (``居民消费价格指数103.5``, ``target_index_form``)
becomes the rate (103.5 → 3.5). ``gap = actual_point − target_point`` and ``escalation =
target_point − parent_point`` are given when the units agree.

pandas is imported only when a frame is built; :func:`panel_rows` gives the same rows as plain
dicts without it.
"""

from __future__ import annotations

import csv
import json
import os
import sys
import types
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .indicators import annotate, catalogue, cpi_index_form, parent_adcodes
from .models import Change, Goal, Level, Report, Role, Status

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["KEY", "PARTS", "add_panel_parser", "panel", "panel_rows"]

#: The key of a panel row.
KEY = ("adcode", "region", "level", "year", "indicator_id", "period")
#: The record columns given for each part of a row.
_FIELDS = ("value", "low", "high", "unit", "qualifier", "modality", "change", "point",
           "text", "sentence", "source", "start", "end")
#: The parts of a row, each with the columns of ``_FIELDS``.
PARTS = ("target", "actual", "estimate", "parent")
_NATIONAL = "全国"


@dataclass
class _Doc:
    source: str | None
    region: str | None
    level: str | None
    year: int | None
    adcode: str | None
    parents: list[str]
    goals: list[Goal]
    roles: list[tuple[int, int, str]] = field(default_factory=list)

    @property
    def key(self) -> str | None:
        if self.level == Level.NATIONAL.value:
            return _NATIONAL
        return self.adcode or self.region

    def role(self, goal: Goal) -> str | None:
        """The role of the innermost section holding the goal."""
        best = None
        for start, end, role in self.roles:
            if start <= goal.span[0] < end and (best is None or start >= best[0]):
                best = (start, role)
        return best[1] if best else None


# --------------------------------------------------------------------------- inputs
def _from_report(report: Report) -> _Doc:
    if report.goals and all(g.indicator_id is None for g in report.goals):
        report = annotate(report)
    roles = [(s.span[0], s.span[1], s.role.value) for top in report.sections for s in top.walk()]
    parents = report.parent_adcodes or parent_adcodes(report.adcode, report.year)
    return _Doc(report.source, report.region, report.level.value if report.level else None, report.year,
                report.adcode, list(parents), list(report.goals), roles)


def _none(value: Any) -> Any:
    if value is None:
        return None
    try:
        if value != value:  # NaN / NA
            return None
    except TypeError:  # pandas.NA compares to NA
        return None
    if hasattr(value, "item"):
        value = value.item()
    return value


def _goal_from_row(row: Mapping[str, Any]) -> Goal | None:
    start, end = _none(row.get("start")), _none(row.get("end"))
    if start is None or end is None:
        return None
    section = _none(row.get("section"))
    if isinstance(section, str):
        section = [s for s in section.split(" > ") if s]
    data: dict[str, Any] = {
        "text": _none(row.get("text")) or "",
        "span": (int(start), int(end)),
        "unit": _none(row.get("unit")) or "",
        "section": list(section or []),
        "sentence": _none(row.get("sentence")) or "",
    }
    for name in ("value", "low", "high"):
        v = _none(row.get(name))
        data[name] = None if v is None or v == "" else Decimal(str(v))
    for name in ("indicator", "action", "modality"):
        data[name] = _none(row.get(name)) or None
    for name, enum in (("qualifier", None), ("change", Change), ("status", Status)):
        v = _none(row.get(name)) or None
        data[name] = v if enum is None or v is None else enum(v)
    year = _none(row.get("goal_year", row.get("year_goal", row.get("year"))))
    data["year"] = None if year in (None, "") else int(year)
    return Goal.model_validate(data)


def _docs_from_tables(goals: Iterable[Mapping[str, Any]], documents: Iterable[Mapping[str, Any]] | None = None,
                      sections: Iterable[Mapping[str, Any]] | None = None) -> list[_Doc]:
    """Documents rebuilt from goal rows (batch tables or a goals frame), ids computed by classify."""
    meta = {}
    for d in documents or ():
        meta[_none(d.get("doc_id")) or _none(d.get("source"))] = d
    roles: dict[Any, list[tuple[int, int, str]]] = {}
    for s in sections or ():
        start, end = _none(s.get("start")), _none(s.get("end"))
        if start is not None and end is not None:
            roles.setdefault(_none(s.get("doc_id")), []).append((int(start), int(end), str(s.get("role"))))
    docs: dict[Any, _Doc] = {}
    for row in goals:
        doc_id = _none(row.get("doc_id")) or _none(row.get("source"))
        doc = docs.get(doc_id)
        if doc is None:
            m = meta.get(doc_id, row)
            year = _none(m.get("year"))
            year = None if year in (None, "") else int(year)
            adcode = _none(m.get("adcode")) or None
            adcode = str(adcode).zfill(6) if adcode is not None else None
            doc = docs[doc_id] = _Doc(_none(m.get("source")) or _none(row.get("source")), _none(m.get("region")),
                                      _none(m.get("level")), year, adcode, parent_adcodes(adcode, year), [],
                                      roles.get(doc_id, []))
        goal = _goal_from_row(row)
        if goal is not None:
            doc.goals.append(goal)
    out = []
    for doc in docs.values():
        doc.goals.sort(key=lambda g: g.span)
        doc.goals = annotate(Report(year=doc.year, adcode=doc.adcode, goals=doc.goals)).goals
        out.append(doc)
    return out


def _read_table(folder: Path, name: str) -> list[dict[str, Any]] | None:
    for suffix in (".jsonl", ".jsonl.gz", ".csv", ".parquet"):
        path = folder / f"{name}{suffix}"
        if not path.exists():
            continue
        if suffix == ".parquet":
            import pandas as pd

            return pd.read_parquet(path).to_dict("records")
        if suffix == ".csv":
            with open(path, encoding="utf-8", newline="") as f:
                return [{k: (v if v != "" else None) for k, v in r.items()} for r in csv.DictReader(f)]
        opener: Any = open
        if suffix.endswith(".gz"):
            import gzip

            opener = gzip.open
        with opener(path, "rt", encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]
    return None


def _docs(source: Any) -> list[_Doc]:
    if isinstance(source, Report):
        return [_from_report(source)]
    if isinstance(source, (str, os.PathLike)):
        folder = Path(source)
        if folder.is_file():
            folder = folder.parent
        goals = _read_table(folder, "goals")
        if goals is None:
            raise FileNotFoundError(f"GX701 {folder}: no goals table (goals.jsonl, .csv or .parquet) of govextract batch")
        return _docs_from_tables(goals, _read_table(folder, "documents"), _read_table(folder, "sections"))
    if hasattr(source, "to_dict") and hasattr(source, "columns"):
        return _docs_from_tables(source.to_dict("records"))
    items = list(source)
    if all(isinstance(x, Report) for x in items):
        return [_from_report(r) for r in items]
    raise TypeError("GX702 panel() takes Reports, a batch output folder or a goals DataFrame")


# --------------------------------------------------------------------------- choosing records
def _primary_unit(indicator_id: str) -> str:
    units = catalogue().indicators[indicator_id].units
    return units[0] if units else ""


def _score(doc: _Doc, goal: Goal, role: str) -> tuple[int, int, int]:
    return (int(doc.role(goal) == role), int(goal.unit == _primary_unit(goal.indicator_id or "")), -goal.span[0])


def _point(goal: Goal, index_form: bool) -> float | None:
    if goal.value is not None:
        number = goal.value
    elif goal.low is not None and goal.high is not None:
        number = (goal.low + goal.high) / 2
    else:
        number = goal.low if goal.low is not None else goal.high
    if number is None:
        return None
    if index_form:
        number -= 100
    if goal.change is Change.DECREASE:
        number = -number
    return float(number)


def _cells(part: str, doc: _Doc, goal: Goal) -> dict[str, Any]:
    index_form = cpi_index_form(goal, goal.indicator_id)
    values = {
        "value": goal.value, "low": goal.low, "high": goal.high,
        "unit": "%" if index_form else goal.unit,
        "qualifier": goal.qualifier.value if goal.qualifier else None,
        "modality": goal.modality, "change": goal.change.value if goal.change else None,
        "point": _point(goal, index_form), "text": goal.text, "sentence": goal.sentence,
        "source": doc.source, "start": goal.span[0], "end": goal.span[1],
    }
    out = {f"{part}_{k}": (float(v) if isinstance(v, Decimal) else v) for k, v in values.items()}
    if part == "target":
        out["target_real"] = goal.real
        out["target_index_form"] = index_form
    return out


def _period_text(period: tuple[int, int] | None) -> str | None:
    return f"{period[0]}-{period[1]}" if period else None


def panel_rows(source: Report | Iterable[Report] | str | os.PathLike[str] | Any) -> list[dict[str, Any]]:
    """The panel as a list of dicts (no pandas needed); see :func:`panel` for the columns."""
    docs = [d for d in _docs(source) if d.year is not None and d.key is not None]
    # best target per (region key, year, id, period); best actual/estimate per (key, reviewed year, id)
    targets: dict[tuple[Any, ...], tuple[tuple[int, ...], _Doc, Goal]] = {}
    reviews: dict[tuple[Any, ...], tuple[tuple[int, ...], _Doc, Goal]] = {}
    meta: dict[str, _Doc] = {}
    for doc in sorted(docs, key=lambda d: d.year or 0):
        meta[doc.key] = doc  # the latest report names the region
        for goal in doc.goals:
            if goal.indicator_id is None or goal.status is None:
                continue
            if goal.status is Status.TARGET and (goal.year == doc.year or goal.period is not None):
                key = (doc.key, doc.year, goal.indicator_id, _period_text(goal.period))
                cand = (_score(doc, goal, Role.TARGETS.value), doc, goal)
                if key not in targets or cand[0] > targets[key][0]:
                    targets[key] = cand
            elif goal.status in (Status.ACTUAL, Status.ESTIMATE) and goal.period is None and goal.year == doc.year - 1:
                key = (doc.key, goal.year, goal.indicator_id, None, goal.status.value)
                cand = (_score(doc, goal, Role.REVIEW.value), doc, goal)
                if key not in reviews or cand[0] > reviews[key][0]:
                    reviews[key] = cand
    keys = set(targets) | {k[:4] for k in reviews}
    rows = []
    for key in sorted(keys, key=lambda k: (str(k[0]), k[1], k[2], k[3] or "")):
        region_key, year, iid, period = key
        hit = targets.get(key)
        doc = hit[1] if hit else reviews.get((*key, "actual"), reviews.get((*key, "estimate")))[1]  # type: ignore[index]
        row: dict[str, Any] = {
            "adcode": doc.adcode if doc.level != Level.NATIONAL.value else None,
            "region": doc.region, "level": doc.level, "year": year, "indicator_id": iid, "period": period,
        }
        row.update({f"{p}_{f}": None for p in PARTS for f in _FIELDS})
        row.update({"target_real": None, "target_index_form": None})
        if hit:
            row.update(_cells("target", hit[1], hit[2]))
        for status in ("actual", "estimate"):
            found = reviews.get((*key, status))
            if found:
                row.update(_cells(status, found[1], found[2]))
        parent_key = _parent_key(doc)
        parent_doc = meta.get(parent_key) if parent_key else None
        row["parent_adcode"] = parent_key if parent_key != _NATIONAL else None
        row["parent_region"] = parent_doc.region if parent_doc else (_NATIONAL if parent_key == _NATIONAL else None)
        found_parent = targets.get((parent_key, year, iid, period)) if parent_key else None
        if found_parent:
            row.update(_cells("parent", found_parent[1], found_parent[2]))
        row["gap"] = _diff(row, "actual", "target")
        row["escalation"] = _diff(row, "target", "parent")
        rows.append(row)
    return rows


def _parent_key(doc: _Doc) -> str | None:
    if doc.level == Level.NATIONAL.value:
        return None
    if doc.level == Level.PROVINCE.value:
        return _NATIONAL
    return doc.parents[0] if doc.parents else None


def _diff(row: Mapping[str, Any], a: str, b: str) -> float | None:
    x, y = row.get(f"{a}_point"), row.get(f"{b}_point")
    if x is None or y is None or row.get(f"{a}_unit") != row.get(f"{b}_unit"):
        return None
    return round(x - y, 6)


def columns() -> list[str]:
    """The panel's columns, in order."""
    out = list(KEY)
    for part in PARTS:
        if part == "parent":
            out += ["parent_adcode", "parent_region"]
        out += [f"{part}_{f}" for f in _FIELDS]
        if part == "target":
            out += ["target_real", "target_index_form"]
    return out + ["gap", "escalation"]


def panel(source: Report | Sequence[Report] | str | os.PathLike[str] | Any) -> pd.DataFrame:
    """The region × year × indicator panel as a DataFrame keyed by :data:`KEY` (needs pandas).

    ``source``: a Report or a list of them, a ``govextract batch`` output folder, or a goals
    DataFrame. Years and offsets are nullable ``Int64``; numbers ``Float64``; the rest strings
    or booleans.
    """
    import pandas as pd

    rows = panel_rows(source)
    frame = pd.DataFrame(rows, columns=columns())
    for name in frame.columns:
        if name == "year" or name.endswith(("_start", "_end")):
            frame[name] = frame[name].astype("Int64")
        elif name.endswith(("_value", "_low", "_high", "_point")) or name in ("gap", "escalation"):
            frame[name] = frame[name].astype("Float64")
        elif name in ("target_real", "target_index_form"):
            frame[name] = frame[name].astype("boolean")
        else:
            frame[name] = frame[name].astype("string")
    return frame


# --------------------------------------------------------------------------- command line
def _cmd_panel(args: Any) -> int:
    frame = panel(args.batch_output)
    out = str(args.output)
    if out.endswith(".parquet"):
        frame.to_parquet(out, index=False)
    elif out.endswith(".csv"):
        frame.to_csv(out, index=False)
    else:
        print(f"govextract: GX703 {out}: the output must end in .parquet or .csv", file=sys.stderr)
        return 2
    print(f"{len(frame)} panel rows written to {out}", file=sys.stderr)
    return 0


def add_panel_parser(commands: Any) -> None:
    """Add ``govextract panel BATCH_OUTPUT -o panel.parquet|csv`` to the CLI's subcommands."""
    p = commands.add_parser("panel", help="region × year × indicator panel (target, actual, parent) from batch output")
    p.add_argument("batch_output", metavar="BATCH_OUTPUT", help="a govextract batch output folder (or its goals table)")
    p.add_argument("-o", "--output", required=True, help="panel.parquet or panel.csv")
    p.set_defaults(run=_cmd_panel)


class _CallableModule(types.ModuleType):
    """``govextract.panel`` is both this module and the function: once ``import govextract.panel``
    has bound the module to the package's attribute, calling it still calls :func:`panel`."""

    def __call__(self, source: Any) -> pd.DataFrame:
        return panel(source)


sys.modules[__name__].__class__ = _CallableModule
