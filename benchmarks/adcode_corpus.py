"""Report.adcode against the manifest's adcode over the report corpus.

    python benchmarks/adcode_corpus.py [--corpus ../shared/corpora] [--limit N] [--jobs 2] [--floor 0.99]

Runs the reader stages of the pipeline (decode, boilerplate, metadata: the same calls
``parse_text`` makes before it copies ``Metadata.adcode`` into ``Report.adcode``) and the parent
chain of :func:`govextract.indicators.parent_adcodes` on every report of the manifest. A report
agrees when its code equals the manifest's (both empty for national reports and zones). Prints
every miss (file, manifest code and region, our code and region) and the agreement rate, and
checks that each parent chain ends in a province code. Exit status 1 below --floor.
"""

from __future__ import annotations

import argparse
import csv
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from govextract.boilerplate import find_boilerplate  # noqa: E402
from govextract.indicators import parent_adcodes  # noqa: E402
from govextract.metadata import find_metadata  # noqa: E402
from govextract.text import read_document  # noqa: E402


def _one(path: str) -> tuple[str | None, str | None, int | None, list[str]]:
    document = read_document(path)
    view = document.normalized()
    skip = find_boilerplate(document.text, view=view)
    meta = find_metadata(document.text, skip=skip, view=view)
    return meta.adcode, meta.region, meta.year, parent_adcodes(meta.adcode, meta.year)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--floor", type=float, default=0.99)
    args = ap.parse_args(argv)
    with open(args.corpus / "manifest.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if args.limit:
        rows = rows[: args.limit]
    with ProcessPoolExecutor(args.jobs) as pool:
        results = list(pool.map(_one, [str(args.corpus / r["file"]) for r in rows], chunksize=16))
    ok = 0
    bad_parents = []
    print("misses (file | manifest adcode, region | Report.adcode, region):")
    for row, (code, region, _year, parents) in zip(rows, results):
        expected = row["adcode"] or None
        if code == expected:
            ok += 1
        else:
            print(f"  {row['file']} | {expected or '-'} {row['region']} | {code or '-'} {region}")
        if code and not code.endswith("0000") and (not parents or not parents[-1].endswith("0000")):
            bad_parents.append(f"{row['file']} {code} {parents}")
    rate = ok / len(rows) if rows else 0.0
    print(f"reports        {len(rows)}")
    print(f"adcode agrees  {ok}  ({rate:.2%})")
    print(f"parent chains not ending in a province: {len(bad_parents)}")
    for line in bad_parents[:20]:
        print("  !", line)
    return 0 if rate >= args.floor and not bad_parents else 1


if __name__ == "__main__":
    sys.exit(main())
