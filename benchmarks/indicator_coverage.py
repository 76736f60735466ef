"""Canonical-indicator coverage in the main expected-targets passages of the corpus.

    python benchmarks/indicator_coverage.py [--corpus ../shared/corpora] [--limit N] [--jobs 2]
                                            [--sample 100 --sample-out sample.tsv] [--floor 0.95]

A report's main expected-targets passage starts at a cue (主要预期目标是 / 主要目标是 / 预期目标为 /
主要指标： …) and runs to the end of its paragraph; a short lead line (``主要预期目标是：``) takes the
following list lines (each under 200 characters, each with a rate or a bound) up to 800
characters. The target records (status target) whose number lies in
such a passage are counted; coverage is the share with an ``indicator_id``. Prints the coverage,
the most frequent unmatched indicators, and with ``--sample`` writes a seeded random sample of
matched records (file, indicator, id, sentence) for checking by hand. Exit status 1 below --floor.
"""

from __future__ import annotations

import argparse
import collections
import csv
import random
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from govextract.indicators import annotate  # noqa: E402
from govextract.models import Status  # noqa: E402
from govextract.pipeline import parse_text  # noqa: E402
from govextract.text import read_document  # noqa: E402

CUE = re.compile(r"(?:主要预期目标|主要目标|预期目标|主要调控目标|主要指标)(?:是|为|：|:|如下|确定为|安排为|建议为|要求)")
#: A list line of targets after a lead line is short; a longer one is task prose.
ITEM = 200
#: ... and states a rate or a bound.
TARGET_LINE = re.compile(r"[%％‰]|增长|控制在|下降|提高|以上|以内|左右")
LEAD = 80
REACH = 800


def passages(text: str) -> list[tuple[int, int]]:
    """The ``[start, end)`` spans of the expected-targets passages of a report."""
    out: list[tuple[int, int]] = []
    for m in CUE.finditer(text):
        if out and m.start() < out[-1][1]:
            continue
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        if end - m.start() < LEAD:
            stop = min(len(text), m.start() + REACH)
            while end < stop:
                nxt = text.find("\n", end + 1)
                nxt = len(text) if nxt < 0 else nxt
                if nxt - end > ITEM or nxt > stop or not TARGET_LINE.search(text, end, nxt):
                    break
                end = nxt
        out.append((m.start(), end))
    return out


def _one(path: str) -> list[tuple[str, str | None, str | None, str, str, int | None]]:
    document = read_document(path)
    report = annotate(parse_text(document))
    spans = passages(document.text)
    rows = []
    for g in report.goals:
        if g.status is not Status.TARGET or g.year != report.year:
            continue
        if any(lo <= g.span[0] < hi for lo, hi in spans):
            rows.append((path, g.indicator, g.indicator_id, g.text, g.sentence, g.year))
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--since", type=int, default=2000, help="reports from this year on (the catalogue's range)")
    ap.add_argument("--sample", type=int, default=0)
    ap.add_argument("--sample-out", type=Path, default=Path("indicator_sample.tsv"))
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--top", type=int, default=40, help="how many unmatched indicators to print")
    ap.add_argument("--floor", type=float, default=0.95)
    args = ap.parse_args(argv)
    with open(args.corpus / "manifest.csv", encoding="utf-8") as f:
        manifest = [r for r in csv.DictReader(f) if int(r["year"] or 0) >= args.since]
    if args.limit:
        manifest = manifest[: args.limit]
    paths = [str(args.corpus / r["file"]) for r in manifest]
    with ProcessPoolExecutor(args.jobs) as pool:
        records = [rec for rows in pool.map(_one, paths, chunksize=8) for rec in rows]
    matched = [r for r in records if r[2]]
    rate = len(matched) / len(records) if records else 0.0
    missing = collections.Counter(r[1] for r in records if not r[2])
    print(f"reports                {len(paths)}")
    print(f"target records         {len(records)} in the expected-targets passages")
    print(f"with an indicator_id   {len(matched)}  ({rate:.2%})")
    print("most frequent unmatched indicators:")
    for name, n in missing.most_common(args.top):
        print(f"  {n:5d}  {name}")
    by_id = collections.Counter(r[2] for r in matched)
    print(f"ids used               {len(by_id)}")
    if args.sample:
        rng = random.Random(args.seed)
        sample = rng.sample(matched, min(args.sample, len(matched)))
        with open(args.sample_out, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, delimiter="\t")
            w.writerow(["file", "indicator", "indicator_id", "text", "sentence", "ok"])
            for path, ind, iid, text, sentence, _ in sample:
                w.writerow([Path(path).relative_to(args.corpus), ind, iid, text, sentence[:200], ""])
        print(f"sample of {len(sample)} written to {args.sample_out}")
    return 0 if rate >= args.floor else 1


if __name__ == "__main__":
    sys.exit(main())
