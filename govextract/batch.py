"""Many reports at once: ``parse_many`` and the ``govextract batch`` command.

``parse_many(paths, workers=None)`` parses files in a local process pool and yields, for every
path, a :class:`~govextract.models.Report` or a :class:`ParseFailure` (one bad file never stops
the run). ``run_batch`` (what ``govextract batch`` calls) writes four tables::

    documents  one row per report, keyed by doc_id = sha256 of the file's bytes
    sections   one row per heading of every report, in document order
    goals      one row per goal record (the contract's fields; span as start/end)
    failures   one row per input that could not be parsed

How a run survives being killed: parsed documents are written in chunks as part files under
``OUT/.govextract-batch/`` (each written to a temporary file, then renamed); ``--resume`` reads
the doc_ids of the parts already there and parses only the rest. The tables are written at the
end from the parts, in input order, each to a temporary file renamed into place, so an interrupted
and resumed run writes the same bytes as an uninterrupted one.
"""

from __future__ import annotations

import csv
import glob
import hashlib
import json
import os
import shutil
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any, NamedTuple, TypeVar

from pydantic import BaseModel, ConfigDict

from .cli import GOAL_FIELDS, goal_json
from .models import Report, Section
from .pipeline import parse_report

__all__ = ["TABLES", "BatchSummary", "ParseFailure", "ResumeError", "expand_inputs", "parse_many", "parse_one", "report_rows", "run_batch"]

_T = TypeVar("_T")
_R = TypeVar("_R")

#: Output formats of ``govextract batch``; parquet needs the ``parquet`` extra (pyarrow).
FORMATS = ("jsonl", "csv", "parquet")
#: Files a directory argument is searched for (recursively); name other files or use a glob.
INPUT_SUFFIXES = frozenset({".txt", ".text", ".htm", ".html", ".xhtml", ".shtml"})
#: The folder, inside the output directory, that holds the part files of a (resumable) run.
STATE_DIR = ".govextract-batch"
#: Joins heading titles into one ``section``/``path`` cell.
SECTION_JOIN = " > "
#: Joins a document's warnings into one cell.
WARNING_JOIN = " | "
_ROW_GROUP = 16_384
_GOAL_KINDS = {"span": "int", "value": "float", "low": "float", "high": "float", "year": "int"}


def _goal_columns() -> tuple[tuple[str, str], ...]:
    columns: list[tuple[str, str]] = [("doc_id", "string"), ("source", "string")]
    for field in GOAL_FIELDS:
        if field == "span":
            columns += [("start", "int"), ("end", "int")]
        else:
            columns.append((field, _GOAL_KINDS.get(field, "string")))
    return tuple(columns)


#: Column names and kinds (string, int, float; every column nullable) of each output table.
TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "documents": (
        ("doc_id", "string"), ("source", "string"), ("title", "string"), ("region", "string"),
        ("level", "string"), ("date", "string"), ("year", "int"), ("adcode", "string"),
        ("n_goals", "int"), ("n_warnings", "int"), ("warnings", "string"),
    ),
    "sections": (
        ("doc_id", "string"), ("path", "string"), ("title", "string"), ("number", "string"),
        ("level", "int"), ("role", "string"), ("start", "int"), ("end", "int"),
    ),
    "goals": _goal_columns(),
    "failures": (("path", "string"), ("error_type", "string"), ("message", "string")),
}


class ParseFailure(BaseModel):
    """An input that could not be parsed: its path, the error's type name and its message."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    path: str
    error_type: str
    message: str

    @classmethod
    def of(cls, path: str | os.PathLike[str], exc: BaseException) -> ParseFailure:
        """The failure of ``path`` with exception ``exc``."""
        return cls(path=str(path), error_type=type(exc).__name__, message=str(exc) or type(exc).__name__)


# --------------------------------------------------------------------------- workers


def _warm() -> None:
    """Load the data files and the tokenizer once per worker process."""
    parse_report("预热：力争地区生产总值增长5%左右。")


def parse_one(path: str | os.PathLike[str]) -> Report | ParseFailure:
    """``parse_report`` of one path, or the :class:`ParseFailure` it raised (never raises)."""
    try:
        return parse_report(Path(path), name=str(path))
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop a batch
        return ParseFailure.of(path, exc)


def _section_rows(doc_id: str, sections: list[Section], outer: tuple[str, ...]) -> Iterator[list[Any]]:
    for section in sections:
        path = (*outer, section.title)
        yield [doc_id, SECTION_JOIN.join(path), section.title, section.number, section.level,
               section.role.value, section.span[0], section.span[1]]
        yield from _section_rows(doc_id, section.children, path)


def report_rows(report: Report, doc_id: str) -> dict[str, list[Any]]:
    """The rows of ``report`` in the documents, sections and goals tables (see :data:`TABLES`).

    ``documents`` is one row; ``sections`` and ``goals`` are lists of rows. Values are JSON
    values (str, int, float or None), in the columns' order.
    """
    document = [
        doc_id, report.source, report.title, report.region,
        report.level.value if report.level else None, report.date, report.year, report.adcode,
        len(report.goals), len(report.warnings), WARNING_JOIN.join(report.warnings),
    ]
    goals = []
    for goal in report.goals:
        data = goal_json(goal)
        row: list[Any] = [doc_id, report.source]
        for field in GOAL_FIELDS:
            value = data.get(field)
            if field == "span":
                row += [value[0], value[1]]
            elif field == "section":
                row.append(SECTION_JOIN.join(value or ()))
            else:
                row.append(value)
        goals.append(row)
    return {"documents": document, "sections": list(_section_rows(doc_id, report.sections, ())), "goals": goals}


class _Job(NamedTuple):
    index: int
    path: str
    doc_id: str | None


class _Done(NamedTuple):
    index: int
    doc_id: str | None
    line: bytes | None  # one part-file line: doc_id, a tab, the rows as JSON, a newline
    n_goals: int
    failure: ParseFailure | None


def _sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _rows_job(job: _Job) -> _Done:
    """Parse one input into its part-file line (runs in a worker)."""
    result = parse_one(job.path)
    if isinstance(result, ParseFailure):
        return _Done(job.index, job.doc_id, None, 0, result)
    try:
        doc_id = job.doc_id or _sha256(job.path)
    except OSError as exc:
        return _Done(job.index, None, None, 0, ParseFailure.of(job.path, exc))
    rows = report_rows(result, doc_id)
    line = doc_id + "\t" + json.dumps(rows, ensure_ascii=False, separators=(",", ":")) + "\n"
    return _Done(job.index, doc_id, line.encode("utf-8"), len(result.goals), None)


def _job_failed(job: _Job, exc: BaseException) -> _Done:
    return _Done(job.index, job.doc_id, None, 0, ParseFailure.of(job.path, exc))


# --------------------------------------------------------------------------- the local pool


def _pool_map(
    fn: Callable[[_T], _R], items: Iterable[_T], workers: int, *, ordered: bool,
    on_error: Callable[[_T, BaseException], _R], in_flight: int | None = None,
) -> Iterator[_R]:
    """``fn`` over ``items`` in a process pool, at most ``in_flight`` submitted at once.

    A worker that dies (``BrokenProcessPool``) fails the items it had; a new pool takes the rest.
    """
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    limit = max(1, in_flight or 4 * workers)
    source = iter(items)
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_warm)
    queue: deque[Future[_R]] = deque()
    item_of: dict[Future[_R], _T] = {}

    def submit_next() -> None:
        nonlocal pool
        for item in source:
            try:
                future = pool.submit(fn, item)
            except BrokenProcessPool:
                pool.shutdown(wait=False, cancel_futures=True)
                pool = ProcessPoolExecutor(max_workers=workers, initializer=_warm)
                future = pool.submit(fn, item)
            queue.append(future)
            item_of[future] = item
            return

    def outcome(future: Future[_R]) -> _R:
        item = item_of.pop(future)
        try:
            return future.result()
        except Exception as exc:  # noqa: BLE001 - a dead worker or an unpicklable result
            return on_error(item, exc)

    try:
        for _ in range(limit):
            submit_next()
        while queue:
            if ordered:
                done = [queue.popleft()]
            else:
                finished, _ = wait(queue, return_when=FIRST_COMPLETED)
                done = [f for f in queue if f in finished]  # keep submission order among ties
                for future in done:
                    queue.remove(future)
            for future in done:
                result = outcome(future)
                submit_next()
                yield result
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _resolve_workers(workers: int | None) -> int:
    if workers is None:
        return os.cpu_count() or 1
    if workers < 1:
        raise ValueError(f"GX901 workers must be at least 1, got {workers}")
    return workers


def parse_many(
    paths: Iterable[str | os.PathLike[str]], workers: int | None = None, *, ordered: bool = True,
) -> Iterator[Report | ParseFailure]:
    """Parse many report files; yield a Report or a :class:`ParseFailure` for each path.

    ``workers`` processes parse in parallel (``None``: one per CPU; ``1``: in this process,
    nothing spawned). Results come in input order, or as they complete with ``ordered=False``.
    A file that cannot be read or parsed yields a ``ParseFailure`` and the run goes on. Memory
    stays flat: at most ``4 × workers`` files are in flight. ``Report.source`` is the path as given.
    """
    count = _resolve_workers(workers)
    names = (str(p) for p in paths)
    if count == 1:
        yield from (parse_one(name) for name in names)
        return
    yield from _pool_map(parse_one, names, count, ordered=ordered, on_error=ParseFailure.of)


# --------------------------------------------------------------------------- inputs


def expand_inputs(args: Sequence[str | os.PathLike[str]], *, exclude: Path | None = None) -> tuple[list[str], list[ParseFailure]]:
    """The files named by ``args`` (files, directories, globs), sorted, each once.

    A directory gives its files ending in one of :data:`INPUT_SUFFIXES`, recursively, skipping
    hidden names and ``exclude`` (the output directory). A glob matching nothing is a failure; a
    plain path that does not exist is kept (its parse fails with the usual message).
    """
    seen: set[str] = set()
    files: list[str] = []
    failures: list[ParseFailure] = []
    skip = exclude.resolve() if exclude is not None else None

    def wanted(path: Path) -> bool:
        if skip is not None and (path.resolve() == skip or skip in path.resolve().parents):
            return False
        return True

    for arg in map(str, args):
        if os.path.isdir(arg):
            found = [
                str(p) for p in Path(arg).rglob("*")
                if p.suffix.lower() in INPUT_SUFFIXES and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(arg).parts) and wanted(p)
            ]
        elif glob.has_magic(arg):
            found = [p for p in glob.glob(arg, recursive=True) if os.path.isfile(p) and wanted(Path(p))]
            if not found:
                failures.append(ParseFailure(path=arg, error_type="InputError", message=f"GX902 {arg}: matches no file"))
        else:
            found = [arg]
        for name in sorted(found):
            if name not in seen:
                seen.add(name)
                files.append(name)
    return files, failures


# --------------------------------------------------------------------------- part files


class _Parts:
    """The part files of a run: what has been parsed so far, one document a line."""

    def __init__(self, out: Path) -> None:
        self.dir = out / STATE_DIR
        self.index: dict[str, tuple[Path, int, int]] = {}
        self._next = 1
        self._handles: dict[Path, IO[bytes]] = {}

    def clear(self) -> None:
        if self.dir.is_dir():
            shutil.rmtree(self.dir)

    def load(self) -> None:
        """Index the documents of the complete part files already written."""
        found = sorted(self.dir.glob("part-*.jsonl")) if self.dir.is_dir() else []
        if not found:
            return
        state = self.dir / "state.json"
        written_by = json.loads(state.read_text(encoding="utf-8")).get("version") if state.is_file() else None
        if written_by != _version():
            raise ResumeError(f"GX909 {self.dir}: parts written by govextract {written_by}, this is {_version()}; "
                              "run again without --resume")
        for part in found:
            self._next = max(self._next, int(part.stem.split("-")[1]) + 1)
            offset = 0
            with part.open("rb") as handle:
                for line in handle:
                    if line.endswith(b"\n") and line[64:65] == b"\t":
                        self.index.setdefault(line[:64].decode("ascii"), (part, offset, len(line)))
                    offset += len(line)

    def write(self, lines: list[tuple[str, bytes]]) -> Path:
        """Write one chunk as a new part file, atomically, and index it."""
        if not (self.dir / "state.json").is_file():
            self.dir.mkdir(parents=True, exist_ok=True)
            with _atomic(self.dir / "state.json", "w", encoding="utf-8") as handle:
                json.dump({"version": _version()}, handle)
        part = self.dir / f"part-{self._next:06d}.jsonl"
        self._next += 1
        entries, offset = [], 0
        with _atomic(part, "wb") as handle:
            for doc_id, line in lines:
                handle.write(line)
                entries.append((doc_id, offset, len(line)))
                offset += len(line)
        for doc_id, start, length in entries:
            self.index.setdefault(doc_id, (part, start, length))
        return part

    def rows(self, doc_id: str) -> dict[str, Any]:
        part, offset, length = self.index[doc_id]
        handle = self._handles.get(part)
        if handle is None:
            handle = self._handles[part] = part.open("rb")
        handle.seek(offset)
        line = handle.read(length)
        return json.loads(line[65:])

    def close(self) -> None:
        for handle in self._handles.values():
            handle.close()
        self._handles.clear()


class ResumeError(ValueError):
    """``--resume`` cannot use the parts in the output directory."""


def _version() -> str:
    from . import __version__

    return __version__


class _atomic:
    """A file written to a temporary name beside ``path`` and renamed into place on success."""

    def __init__(self, path: Path, mode: str, **kwargs: Any) -> None:
        self.path = path
        self.tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
        self.handle = self.tmp.open(mode, **kwargs)

    def __enter__(self) -> IO[Any]:
        return self.handle

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is not None:
            self.handle.close()
            self.tmp.unlink(missing_ok=True)
            return
        self.handle.flush()
        os.fsync(self.handle.fileno())
        self.handle.close()
        os.replace(self.tmp, self.path)


# --------------------------------------------------------------------------- table writers


class _TableWriter:
    """Writes one table to ``<out>/<name>.<format>`` atomically."""

    def __init__(self, out: Path, name: str, fmt: str) -> None:
        self.columns = [c for c, _ in TABLES[name]]
        self.kinds = [k for _, k in TABLES[name]]
        self.fmt = fmt
        self.rows = 0
        path = out / f"{name}.{fmt}"
        if fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            types = {"string": pa.string(), "int": pa.int64(), "float": pa.float64()}
            self._pa = pa
            self.schema = pa.schema([pa.field(c, types[k]) for c, k in TABLES[name]])
            self._file = _atomic(path, "wb")
            self._writer = pq.ParquetWriter(self._file.handle, self.schema)
            self._buffer: list[list[Any]] = [[] for _ in self.columns]
        else:
            self._file = _atomic(path, "w", encoding="utf-8", newline="")
            if fmt == "csv":
                self._csv = csv.writer(self._file.handle, lineterminator="\n")
                self._csv.writerow(self.columns)

    def write(self, row: Sequence[Any]) -> None:
        self.rows += 1
        if self.fmt == "jsonl":
            self._file.handle.write(json.dumps(dict(zip(self.columns, row)), ensure_ascii=False) + "\n")
        elif self.fmt == "csv":
            self._csv.writerow(row)
        else:
            for column, value in zip(self._buffer, row):
                column.append(value)
            if len(self._buffer[0]) >= _ROW_GROUP:
                self._flush()

    def _flush(self) -> None:
        if not self._buffer[0]:
            return
        pa = self._pa
        arrays = [
            pa.array([None if v is None else float(v) for v in values] if kind == "float" else values, type=field.type)
            for values, field, kind in zip(self._buffer, self.schema, self.kinds)
        ]
        self._writer.write_table(pa.Table.from_arrays(arrays, schema=self.schema), row_group_size=_ROW_GROUP)
        self._buffer = [[] for _ in self.columns]

    def close(self) -> None:
        if self.fmt == "parquet":
            self._flush()
            self._writer.close()
        self._file.__exit__(None, None, None)

    def abort(self) -> None:
        if self.fmt == "parquet":
            try:
                self._writer.close()
            except Exception:  # noqa: BLE001, S110 - the table is being thrown away
                pass
        self._file.__exit__(RuntimeError, None, None)


# --------------------------------------------------------------------------- progress


class _Progress:
    """One status line on standard error, redrawn with ``\\r``; only on a terminal outside CI."""

    def __init__(self, total: int, stream: IO[str] | None = None, enabled: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        if enabled is None:
            enabled = bool(getattr(self.stream, "isatty", lambda: False)()) and not os.environ.get("CI")
        self.enabled = enabled
        self.total = total
        self.start = time.monotonic()
        self._last = 0.0
        self._width = 0

    def update(self, files: int, parsed: int, goals: int, failed: int, *, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last < 0.1:
            return
        self._last = now
        rate = parsed / max(now - self.start, 1e-9)
        line = f"{files:,}/{self.total:,} files · {goals:,} goals · {failed:,} failed · {rate:,.1f} files/s"
        self.stream.write("\r" + line.ljust(self._width))
        self.stream.flush()
        self._width = len(line)

    def clear(self) -> None:
        if self.enabled and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0


# --------------------------------------------------------------------------- the run


class BatchSummary(NamedTuple):
    """What a batch run did (counts over the current inputs)."""

    files: int
    documents: int
    parsed: int
    resumed: int
    duplicates: int
    goals: int
    failures: int
    seconds: float


def run_batch(
    inputs: Sequence[str | os.PathLike[str]], out: str | os.PathLike[str], *, fmt: str = "jsonl",
    workers: int | None = None, resume: bool = False, chunk_size: int = 100, engine: str = "local",
    scheduler: str | None = None, progress: bool | None = None, log: IO[str] | None = None,
) -> BatchSummary:
    """Parse every input into the documents, sections, goals and failures tables under ``out``.

    See the module docstring; ``govextract batch --help`` documents the arguments.
    """
    if fmt not in FORMATS:
        raise ValueError(f"GX903 unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if engine not in ("local", "dask"):
        raise ValueError(f"GX904 unknown engine {engine!r}; expected local or dask")
    if chunk_size < 1:
        raise ValueError(f"GX905 chunk size must be at least 1, got {chunk_size}")
    count = _resolve_workers(workers)
    log = log or sys.stderr
    out = Path(out)
    started = time.monotonic()
    paths, failures = expand_inputs(inputs, exclude=out)
    out.mkdir(parents=True, exist_ok=True)
    for name in TABLES:  # temporary files of a run killed while writing its tables
        for stale in out.glob(f".{name}.{fmt}.tmp-*"):
            stale.unlink()
    parts = _Parts(out)
    if resume:
        parts.load()
    else:
        parts.clear()
    bar = _Progress(len(paths), enabled=progress)
    doc_ids: list[str | None] = [None] * len(paths)
    failed: dict[int, ParseFailure] = {}
    seen: set[str] = set()
    tally = {"resumed": 0, "duplicates": 0, "files": 0, "parsed": 0, "goals": 0}

    def jobs() -> Iterator[_Job]:
        for index, path in enumerate(paths):
            try:
                doc_id: str | None = _sha256(path)
            except OSError:
                doc_id = None  # the worker reports why with the library's message
            if doc_id is not None and doc_id in seen:
                tally["duplicates"] += 1
                tally["files"] += 1
                continue
            if doc_id is not None:
                seen.add(doc_id)
                doc_ids[index] = doc_id
                if doc_id in parts.index:
                    tally["resumed"] += 1
                    tally["files"] += 1
                    continue
            yield _Job(index, path, doc_id)

    if engine == "dask":
        from .dask import map_as_completed

        results = map_as_completed(_rows_job, jobs(), scheduler=scheduler, workers=count, on_error=_job_failed)
    elif count == 1:
        results = map(_rows_job, jobs())
    else:
        results = _pool_map(_rows_job, jobs(), count, ordered=False, on_error=_job_failed)

    chunk: list[tuple[str, bytes]] = []
    try:
        for done in results:
            tally["files"] += 1
            tally["parsed"] += 1
            if done.failure is not None:
                failed[done.index] = done.failure
                bar.clear()
                print(f"govextract: {done.failure.message}", file=log)
            else:
                assert done.doc_id is not None and done.line is not None
                doc_ids[done.index] = done.doc_id
                tally["goals"] += done.n_goals
                if done.doc_id not in parts.index:
                    chunk.append((done.doc_id, done.line))
                if len(chunk) >= chunk_size:
                    parts.write(chunk)
                    chunk = []
            bar.update(tally["files"], tally["parsed"], tally["goals"], len(failed) + len(failures))
        if chunk:
            parts.write(chunk)
    finally:
        bar.clear()
        if hasattr(results, "close"):
            results.close()
    all_failures = failures + [failed[i] for i in sorted(failed)]
    documents, goals = _write_tables(out, fmt, parts, doc_ids, all_failures)
    return BatchSummary(
        files=len(paths), documents=documents, parsed=tally["parsed"], resumed=tally["resumed"],
        duplicates=tally["duplicates"], goals=goals, failures=len(all_failures),
        seconds=time.monotonic() - started,
    )


def _write_tables(out: Path, fmt: str, parts: _Parts, doc_ids: list[str | None], failures: list[ParseFailure]) -> tuple[int, int]:
    """Write the four tables from the part files, documents in input order; (documents, goals)."""
    writers = {name: _TableWriter(out, name, fmt) for name in TABLES}
    written: set[str] = set()
    closed: set[str] = set()
    try:
        for doc_id in doc_ids:
            if doc_id is None or doc_id in written or doc_id not in parts.index:
                continue
            written.add(doc_id)
            rows = parts.rows(doc_id)
            writers["documents"].write(rows["documents"])
            for row in rows["sections"]:
                writers["sections"].write(row)
            for row in rows["goals"]:
                writers["goals"].write(row)
        for failure in failures:
            writers["failures"].write([failure.path, failure.error_type, failure.message])
        for name, writer in writers.items():
            writer.close()
            closed.add(name)
    except BaseException:
        for name, writer in writers.items():
            if name not in closed:
                writer.abort()
        raise
    finally:
        parts.close()
    return writers["documents"].rows, writers["goals"].rows


# --------------------------------------------------------------------------- the command


def add_batch_parser(commands: Any) -> None:  # noqa: ANN401 - argparse's private subparsers type
    """Add the ``batch`` subcommand to the ``govextract`` argument parser."""
    import argparse

    batch = commands.add_parser(
        "batch", help="parse many reports into documents, sections, goals and failures tables",
        description="Parse many reports (files, directories searched recursively for .txt/.html, "
        "or globs) into OUT/documents, OUT/sections, OUT/goals and OUT/failures. Exit status 1 "
        "when any input failed.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    batch.add_argument("inputs", nargs="+", metavar="DIR_OR_GLOB", help="report files, directories or globs")
    batch.add_argument("-o", "--output", required=True, metavar="OUT", help="output directory")
    batch.add_argument("--format", choices=FORMATS, default="jsonl", help="table format (parquet needs pyarrow)")
    batch.add_argument("--workers", type=int, default=None, help="worker processes (default: one per CPU)")
    batch.add_argument("--resume", action="store_true", help="keep what an earlier run into OUT parsed; parse the rest")
    batch.add_argument("--chunk-size", type=int, default=100, help="documents per part file (a kill loses at most one chunk)")
    batch.add_argument("--engine", choices=("local", "dask"), default="local", help="local process pool or a Dask cluster")
    batch.add_argument("--scheduler", default=None, metavar="ADDRESS",
                       help="Dask scheduler address (with --engine dask; default: a local cluster of --workers processes)")
    batch.set_defaults(run=_cmd_batch)


def _cmd_batch(args: Any) -> int:  # noqa: ANN401 - argparse.Namespace
    for flag, value in (("--workers", args.workers), ("--chunk-size", args.chunk_size)):
        if value is not None and value < 1:
            print(f"govextract: GX901 {flag} must be at least 1, got {value}", file=sys.stderr)
            return 2
    if args.format == "parquet" and not _has_module("pyarrow"):
        print("govextract: GX906 --format parquet needs pyarrow: pip install 'govextract[parquet]'", file=sys.stderr)
        return 2
    if args.engine == "dask" and not _has_module("distributed"):
        print("govextract: GX907 --engine dask needs dask.distributed: pip install 'govextract[dask]'", file=sys.stderr)
        return 2
    if args.scheduler and args.engine != "dask":
        print("govextract: GX908 --scheduler needs --engine dask", file=sys.stderr)
        return 2
    try:
        s = run_batch(
            args.inputs, args.output, fmt=args.format, workers=args.workers, resume=args.resume,
            chunk_size=args.chunk_size, engine=args.engine, scheduler=args.scheduler,
        )
    except ResumeError as exc:
        print(f"govextract: {exc}", file=sys.stderr)
        return 2
    print(
        f"govextract batch: {s.files:,} files, {s.documents:,} documents, {s.goals:,} goals, "
        f"{s.failures:,} failed ({s.parsed:,} parsed, {s.resumed:,} resumed, {s.duplicates:,} duplicates) "
        f"in {s.seconds:.1f} s -> {args.output} ({args.format})",
        file=sys.stderr,
    )
    return 1 if s.failures else 0


def _has_module(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None
