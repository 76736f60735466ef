"""Reader benchmark: decode + metadata + sections over the report corpus, against manifest.csv.

    python benchmarks/reader_corpus.py [--corpus ../shared/corpora] [--limit N] [--quiet]

Prints the reports whose region or year disagree with the manifest, the reports with no
role=targets or role=review section, the agreement rates and the time taken. Region agreement
compares the hierarchical manifest name (河北省-保定市-满城) with ours (河北省保定市满城区): a county
short name agrees with its full name, and a region whose code (adcode) equals the manifest's
agrees too (a renamed division). Exit status 1 when region or year agreement is below --floor.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from govextract.boilerplate import find_boilerplate  # noqa: E402
from govextract.metadata import find_metadata  # noqa: E402
from govextract.models import Role  # noqa: E402
from govextract.sections import find_sections  # noqa: E402
from govextract.text import read_document  # noqa: E402


def region_agrees(manifest_region: str, region: str | None) -> bool:
    if region is None:
        return False
    parts = manifest_region.split("-")
    joined = "".join(parts)
    if region == joined:
        return True
    head = "".join(parts[:-1])
    return region.startswith(head) and region[len(head) :].startswith(parts[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--quiet", action="store_true", help="print only the summary")
    ap.add_argument("--floor", type=float, default=0.97)
    args = ap.parse_args(argv)

    with open(args.corpus / "manifest.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if args.limit:
        rows = rows[: args.limit]

    n = len(rows)
    region_ok = year_ok = both_ok = 0
    region_bad: list[str] = []
    year_bad: list[str] = []
    no_targets: list[str] = []
    no_review: list[str] = []
    chars = 0
    t_read = t_boiler = t_meta = t_sect = 0.0
    for row in rows:
        path = args.corpus / row["file"]
        t0 = time.perf_counter()
        doc = read_document(path)
        t1 = time.perf_counter()
        skip = find_boilerplate(doc.text)
        t2 = time.perf_counter()
        meta = find_metadata(doc.text, skip)
        t3 = time.perf_counter()
        sections = find_sections(doc.text, skip)
        t4 = time.perf_counter()
        t_read += t1 - t0
        t_boiler += t2 - t1
        t_meta += t3 - t2
        t_sect += t4 - t3
        chars += len(doc.text)

        r_ok = region_agrees(row["region"], meta.region) or (
            bool(row["adcode"]) and meta.adcode == row["adcode"]
        )
        y_ok = meta.year == int(row["year"])
        region_ok += r_ok
        year_ok += y_ok
        both_ok += r_ok and y_ok
        if not r_ok:
            region_bad.append(f"  {row['file']}: manifest {row['region']} ({row['level']}), ours {meta.region} ({meta.level.value if meta.level else None})")
        if not y_ok:
            year_bad.append(f"  {row['file']}: manifest {row['year']}, ours {meta.year} (date {meta.date})")
        roles = {s.role for top in sections for s in top.walk()}
        if Role.TARGETS not in roles:
            no_targets.append(f"  {row['file']}")
        if Role.REVIEW not in roles:
            no_review.append(f"  {row['file']}")

    if not args.quiet:
        print(f"region disagrees with manifest.csv ({len(region_bad)}):", *region_bad, sep="\n")
        print(f"\nyear disagrees with manifest.csv ({len(year_bad)}):", *year_bad, sep="\n")
        print(f"\nno role=targets section ({len(no_targets)}):", *no_targets, sep="\n")
        print(f"\nno role=review section ({len(no_review)}):", *no_review, sep="\n")
    total = t_read + t_boiler + t_meta + t_sect
    print("\nsummary")
    print(f"  reports              {n}")
    print(f"  region agreement     {region_ok / n:.2%} ({region_ok}/{n})")
    print(f"  year agreement       {year_ok / n:.2%} ({year_ok}/{n})")
    print(f"  both agree           {both_ok / n:.2%}")
    print(f"  with a targets section {1 - len(no_targets) / n:.2%}; with a review section {1 - len(no_review) / n:.2%}")
    print(f"  characters           {chars:,}")
    print(
        f"  time                 {total:.2f} s ({chars / total:,.0f} chars/s): read {t_read:.2f}, "
        f"boilerplate {t_boiler:.2f}, metadata {t_meta:.2f}, sections {t_sect:.2f}"
    )
    ok = region_ok / n >= args.floor and year_ok / n >= args.floor
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
