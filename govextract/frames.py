"""Goal records as pandas DataFrames: one row per record, the document's metadata as columns.

pandas is an optional dependency (``pip install 'govextract[pandas]'``); importing ``govextract``
never imports it, and this module imports it only when a frame is built.

The frame has a fixed set of columns in a fixed order (:data:`COLUMNS`) and fixed dtypes
(:data:`DTYPES`), whether it was built from parsed reports (:func:`to_dataframe`) or read back
from batch output (:func:`read_jsonl`, :func:`read_parquet`):

* document metadata ``source, title, region, level, date, year`` (``year`` is the report's plan
  year), then the goal record's contract fields with ``span`` as ``start``/``end`` and the record's
  own year as ``goal_year``, ``section`` joined by ``" > "``, and ``dimension``;
* ``value``/``low``/``high`` are nullable ``Float64`` (a range has ``value`` ``<NA>``); the years
  and offsets nullable ``Int64``; ``level``, ``qualifier``, ``change`` and ``status`` are
  categoricals whose categories are the model enums (so an empty frame still knows them); the rest
  are pandas ``string``.

>>> import govextract
>>> report = govextract.parse_report("今年主要预期目标是：地区生产总值增长6%左右。")
>>> frame = report.to_dataframe()
>>> frame[["indicator", "value", "unit", "qualifier", "change", "status"]].to_dict("records")
[{'indicator': '地区生产总值', 'value': 6.0, 'unit': '%', 'qualifier': 'approx', 'change': 'increase', 'status': 'target'}]
>>> str(frame["value"].dtype), str(frame["status"].dtype)
('Float64', 'category')
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .models import Change, Goal, Level, Qualifier, Report, Status

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["COLUMNS", "DTYPES", "SECTION_SEPARATOR", "read_jsonl", "read_parquet", "to_dataframe"]

#: How the heading path of a record is joined into one ``section`` cell (as ``govextract batch`` writes it).
SECTION_SEPARATOR = " > "

#: Document metadata columns, first in every frame.
DOCUMENT_COLUMNS = ("source", "title", "region", "level", "date", "year")
#: Goal record columns, after the document's.
GOAL_COLUMNS = (
    "text", "start", "end", "value", "low", "high", "unit", "qualifier", "indicator", "action",
    "change", "modality", "status", "goal_year", "section", "sentence", "dimension",
)
#: Every column of a goal frame, in order.
COLUMNS = DOCUMENT_COLUMNS + GOAL_COLUMNS

#: Enum columns and the enums that give their categories.
_CATEGORIES = {"level": Level, "qualifier": Qualifier, "change": Change, "status": Status}
_FLOATS = ("value", "low", "high")
_INTS = ("year", "start", "end", "goal_year")

#: The dtype of every column, as a pandas dtype name ("category" columns get the enum's categories).
DTYPES: Mapping[str, str] = {
    name: "category" if name in _CATEGORIES else "Float64" if name in _FLOATS else "Int64" if name in _INTS else "string"
    for name in COLUMNS
}


def _pandas():  # noqa: ANN202 - the pandas module
    try:
        import pandas
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise ImportError("govextract's DataFrames need pandas: pip install 'govextract[pandas]'") from exc
    return pandas


def _number(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, float) and value != value:  # NaN from a reader
        return None
    return float(value)


def _enum_value(value: Any) -> str | None:
    if value is None:
        return None
    return value.value if hasattr(value, "value") else str(value)


def _goal_row(report: Report, goal: Goal) -> dict[str, Any]:
    return {
        "source": report.source,
        "title": report.title,
        "region": report.region,
        "level": _enum_value(report.level),
        "date": report.date,
        "year": report.year,
        "text": goal.text,
        "start": goal.span[0],
        "end": goal.span[1],
        "value": _number(goal.value),
        "low": _number(goal.low),
        "high": _number(goal.high),
        "unit": goal.unit,
        "qualifier": _enum_value(goal.qualifier),
        "indicator": goal.indicator,
        "action": goal.action,
        "change": _enum_value(goal.change),
        "modality": goal.modality,
        "status": _enum_value(goal.status),
        "goal_year": goal.year,
        "section": SECTION_SEPARATOR.join(goal.section),
        "sentence": goal.sentence,
        "dimension": goal.dimension,
    }


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The typed frame of rows that have (some of) :data:`COLUMNS` as keys; missing keys are NA."""
    pd = _pandas()
    data: dict[str, Any] = {}
    for name in COLUMNS:
        values = [row.get(name) for row in rows]
        if name in _CATEGORIES:
            categories = [member.value for member in _CATEGORIES[name]]
            data[name] = pd.Categorical([_enum_value(v) for v in values], categories=categories)
        elif name in _FLOATS:
            data[name] = pd.array([_number(v) for v in values], dtype="Float64")
        elif name in _INTS:
            data[name] = pd.array([None if _missing(v) else int(v) for v in values], dtype="Int64")
        else:
            data[name] = pd.array([None if _missing(v) else str(v) for v in values], dtype="string")
    return pd.DataFrame(data, columns=list(COLUMNS))


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and value != value:
        return True
    try:
        return bool(_pandas().isna(value)) if not isinstance(value, (str, int, list, tuple)) else False
    except (TypeError, ValueError):  # pragma: no cover - arrays are not missing values
        return False


def to_dataframe(reports: Report | Iterable[Report]) -> pd.DataFrame:
    """One row per goal record of ``reports`` (a Report or an iterable of them), in order.

    A report without goal records adds no row; no reports give an empty frame with every column
    and dtype. See the module documentation for the columns.
    """
    if isinstance(reports, Report):
        reports = [reports]
    rows = [_goal_row(report, goal) for report in reports for goal in report.goals]
    return _frame(rows)


# --------------------------------------------------------------------------------------------
# reading batch output back


def _record_row(record: Mapping[str, Any], document: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """A frame row from one goal record as written by ``govextract batch`` or ``govextract parse``.

    Understands ``span`` as a pair or ``start``/``end``; ``section`` as a list or a joined string;
    ``year`` as the record's year (the contract) unless ``goal_year`` is given, in which case
    ``year`` is the document's; document metadata from the record itself or from ``document``
    (its ``year`` is the document's, also read from ``report_year``/``document_year``).
    """
    row: dict[str, Any] = {k: v for k, v in record.items() if k in COLUMNS}
    if "span" in record and record["span"] is not None and "start" not in record:
        row["start"], row["end"] = record["span"]
    section = record.get("section")
    if isinstance(section, (list, tuple)):
        row["section"] = SECTION_SEPARATOR.join(section)
    if "goal_year" not in record:
        row["goal_year"] = record.get("year")
        row.pop("year", None)
        for key in ("report_year", "document_year", "doc_year"):
            if key in record:
                row["year"] = record[key]
                break
    if document is not None:
        for key in DOCUMENT_COLUMNS:
            if row.get(key) is None and document.get(key) is not None:
                row[key] = document[key]
    return row


def _json_lines(path: Path) -> Iterator[dict[str, Any]]:
    opener = open
    if path.suffix == ".gz":
        import gzip

        opener = gzip.open  # type: ignore[assignment]
    with opener(path, "rt", encoding="utf-8") as lines:
        for lineno, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"GX601 {path} line {lineno}: not a JSON object ({exc.msg})") from exc


def _find(folder: Path, stem: str, suffixes: tuple[str, ...]) -> Path | None:
    for suffix in suffixes:
        candidate = folder / f"{stem}{suffix}"
        if candidate.is_file():
            return candidate
    return None


def _documents_by_id(rows: Iterable[Mapping[str, Any]]) -> dict[Any, Mapping[str, Any]]:
    documents: dict[Any, Mapping[str, Any]] = {}
    for row in rows:
        key = row.get("doc_id", row.get("source"))
        if key is not None:
            documents[key] = row
    return documents


def _rows_from_records(records: Iterable[Mapping[str, Any]], documents: Mapping[Any, Mapping[str, Any]]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for record in records:
        if "goals" in record and isinstance(record["goals"], list):
            # a document object (govextract parse FILE): its records with its metadata
            rows.extend(_record_row(goal, record) for goal in record["goals"])
            continue
        document = documents.get(record.get("doc_id", record.get("source")))
        rows.append(_record_row(record, document))
    return rows


def read_jsonl(path: str | os.PathLike[str], documents: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """The goal frame of JSON-lines output, with the same columns and dtypes as :func:`to_dataframe`.

    ``path`` is a goals file written by ``govextract batch`` (one record a line, with ``doc_id``,
    ``source``, the contract fields, ``start``/``end`` and ``section`` joined by ``" > "``), the
    output of ``govextract parse --format jsonl`` or of ``govextract parse`` (one document object a
    line), or a batch output folder holding ``goals.jsonl``. Document metadata (region, level,
    year …) is taken from the record, or joined on ``doc_id`` (else ``source``) from a documents
    file: ``documents`` if given, else ``documents.jsonl`` beside the goals file when present.
    ``.gz`` files are read too.
    """
    goals_path = Path(path)
    if goals_path.is_dir():
        found = _find(goals_path, "goals", (".jsonl", ".jsonl.gz", ".json"))
        if found is None:
            raise FileNotFoundError(f"GX602 {goals_path}: no goals.jsonl in this folder")
        goals_path = found
    docs_path = Path(documents) if documents is not None else _find(goals_path.parent, "documents", (".jsonl", ".jsonl.gz"))
    docs = _documents_by_id(_json_lines(docs_path)) if docs_path is not None else {}
    return _frame(_rows_from_records(_json_lines(goals_path), docs))


def read_parquet(path: str | os.PathLike[str], documents: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """The goal frame of a Parquet goals table (``govextract batch --format parquet``).

    Same columns and dtypes as :func:`to_dataframe`. ``path`` is a file or a folder holding
    ``goals.parquet`` (a partitioned dataset folder is read whole); document metadata is joined
    from ``documents`` or ``documents.parquet`` beside it as in :func:`read_jsonl`. Needs a
    Parquet engine (pyarrow).
    """
    pd = _pandas()
    goals_path = Path(path)
    if goals_path.is_dir() and (goals_path / "goals.parquet").exists():
        goals_path = goals_path / "goals.parquet"
    docs_path = Path(documents) if documents is not None else goals_path.parent / "documents.parquet"
    docs: dict[Any, Mapping[str, Any]] = {}
    if docs_path.exists():
        docs = _documents_by_id(_plain_records(pd.read_parquet(docs_path)))
    return _frame(_rows_from_records(_plain_records(pd.read_parquet(goals_path)), docs))


def _plain_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows of a read table as plain Python values (NA → None, arrays → lists)."""
    records: list[dict[str, Any]] = []
    for record in frame.to_dict("records"):
        plain: dict[str, Any] = {}
        for key, value in record.items():
            if hasattr(value, "tolist"):
                value = value.tolist()
            elif _missing(value):
                value = None
            plain[str(key)] = value
        records.append(plain)
    return records
