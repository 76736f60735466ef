"""The ``govextract`` command.

``govextract parse FILE... [--format json|jsonl]``
    the document JSON of the contract (one object per file), or one goal record a line;
    ``-`` reads standard input. With several files, jsonl lines carry a leading ``source`` key.
``govextract sections FILE``
    the outline as an indented tree.
``govextract quantities FILE``
    every quantity the extractor finds, one a line (what ``make demo`` prints).
``govextract schema [Report|Goal]``
    the JSON Schema of the records.

Errors go to standard error as one line naming the file and the cause; the exit status is 1 when
any file failed, 2 for bad usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from .errors import GovextractError
from .models import Goal, Report

__all__ = ["main"]

FORMATS = ("json", "jsonl")
#: The goal fields of the contract, in the contract's order (the CLI prints exactly these).
GOAL_FIELDS = (
    "text", "span", "value", "low", "high", "unit", "qualifier", "indicator", "action", "change",
    "modality", "status", "year", "section", "sentence",
)
DOCUMENT_FIELDS = ("source", "title", "region", "level", "date", "year", "sections", "goals", "warnings")


def goal_json(goal: Goal) -> dict[str, Any]:
    """A goal record as the contract's JSON object."""
    return goal.model_dump(mode="json", include=set(GOAL_FIELDS))


def _ordered(data: dict[str, Any], fields: Sequence[str]) -> dict[str, Any]:
    return {k: data[k] for k in fields if k in data}


def report_json(report: Report) -> dict[str, Any]:
    """A report as the contract's document JSON object."""
    data = report.model_dump(mode="json")
    data["goals"] = [_ordered(goal_json(g), GOAL_FIELDS) for g in report.goals]
    return _ordered(data, DOCUMENT_FIELDS)


def _read(path: str):  # noqa: ANN202
    from .pipeline import parse_report

    if path == "-":
        data = sys.stdin.buffer.read()
        return parse_report(data, name="<stdin>")
    from pathlib import Path

    return parse_report(Path(path), name=path)


def _cmd_parse(args: argparse.Namespace) -> int:
    failed = 0
    many = len(args.files) > 1
    out = sys.stdout
    for path in args.files:
        try:
            report = _read(path)
        except GovextractError as exc:
            print(f"govextract: {exc}", file=sys.stderr)
            failed += 1
            continue
        except Exception as exc:  # noqa: BLE001 - a bug on one file must not stop a batch
            print(f"govextract: GX190 {path}: internal error, please report ({type(exc).__name__}: {exc})",
                  file=sys.stderr)
            failed += 1
            continue
        if args.format == "jsonl":
            for goal in report.goals:
                record = _ordered(goal_json(goal), GOAL_FIELDS)
                if many:
                    record = {"source": path, **record}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            out.write(json.dumps(report_json(report), ensure_ascii=False, indent=args.indent) + "\n")
    return 1 if failed else 0


def _cmd_sections(args: argparse.Namespace) -> int:
    from .sections import format_outline

    try:
        report = _read(args.file)
    except GovextractError as exc:
        print(f"govextract: {exc}", file=sys.stderr)
        return 1
    print(format_outline(report.sections))
    return 0


def _cmd_quantities(args: argparse.Namespace) -> int:
    from .boilerplate import find_boilerplate
    from .quantities import find_quantities
    from .text import read_document

    try:
        document = read_document(args.file) if args.file != "-" else read_document(sys.stdin.buffer.read(), name="<stdin>")
    except GovextractError as exc:
        print(f"govextract: {exc}", file=sys.stderr)
        return 1
    skip = find_boilerplate(document.text)
    for q in find_quantities(document.text):
        if any(lo <= q.span[0] and q.span[1] <= hi for lo, hi in skip):
            continue
        bound = f" {q.qualifier.value}" if q.qualifier else ""
        number = f"{q.value}" if q.value is not None else f"{q.low}–{q.high}"
        print(f"{q.span[0]:>6}–{q.span[1]:<6} {q.text:<16} = {number} {q.unit}{bound}  [{q.dimension}]")
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    from .models import Goal, Report

    schema = {"Report": Report.model_json_schema(mode="serialization"), "Goal": Goal.model_json_schema(mode="serialization")}
    print(json.dumps(schema if args.model == "all" else schema[args.model], ensure_ascii=False, indent=2))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``govextract`` command."""
    parser = argparse.ArgumentParser(prog="govextract", description="Goal records from Chinese government work reports.")
    commands = parser.add_subparsers(dest="command", required=True)
    parse = commands.add_parser("parse", help="print the document JSON or the goal records (jsonl)")
    parse.add_argument("files", nargs="+", metavar="FILE", help="report files (UTF-8, GB18030, UTF-16 or HTML); - for stdin")
    parse.add_argument("--format", choices=FORMATS, default="json")
    parse.add_argument("--indent", type=int, default=None, help="indent the JSON document")
    parse.set_defaults(run=_cmd_parse)
    sections = commands.add_parser("sections", help="print the outline as an indented tree")
    sections.add_argument("file", metavar="FILE")
    sections.set_defaults(run=_cmd_sections)
    quantities = commands.add_parser("quantities", help="print every quantity found, one a line")
    quantities.add_argument("file", metavar="FILE")
    quantities.set_defaults(run=_cmd_quantities)
    schema = commands.add_parser("schema", help="print the JSON Schema of Report and Goal")
    schema.add_argument("model", nargs="?", choices=("all", "Report", "Goal"), default="all")
    schema.set_defaults(run=_cmd_schema)
    from .batch import add_batch_parser

    add_batch_parser(commands)
    from .panel import add_panel_parser

    add_panel_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``govextract`` console script."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
