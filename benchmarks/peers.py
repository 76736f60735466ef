"""The quantity step beside its peers, on the same text: govextract vs jionlp and cn2an.

Decodes the national reports of ``../shared/corpora`` once with ``govextract.read_document`` and
times, on exactly that text (CPU time, one core, data loaded beforehand):

* ``govextract.find_quantities`` (every number with magnitude, unit and bound), here;
* ``jionlp.ner.extract_money(text, with_parsing=True)`` (money amounts only) and
* ``cn2an.transform(text, "cn2an")`` (rewrites Chinese numerals as digits; finds nothing),

the last two in a separate virtual environment, ``benchmarks/.peers-venv``, created with pip on
first use (jionlp pins its own dependencies; it is never a govextract dependency). If a peer cannot
be installed, the table says so and the others are still measured.

    python benchmarks/peers.py [--level national] [--limit N]
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import govextract  # noqa: E402

VENV = ROOT / "benchmarks" / ".peers-venv"
PEERS = ("jionlp", "cn2an")

CHILD = r'''
import json, sys, time, warnings
warnings.filterwarnings("ignore")
texts = json.load(open(sys.argv[1], encoding="utf-8"))
chars = sum(len(t) for t in texts)
out = {}
try:
    t0 = time.perf_counter()
    import jionlp
    jionlp.ner.extract_money("预热：投资1.5亿元。", with_parsing=True)
    imported = time.perf_counter() - t0
    start, found = time.process_time(), 0
    for text in texts:
        found += len(jionlp.ner.extract_money(text, with_parsing=True))
    out["jionlp extract_money"] = {"cpu": time.process_time() - start, "found": found, "import": imported,
                                   "version": jionlp.__version__}
except Exception as exc:
    out["jionlp extract_money"] = {"error": f"{type(exc).__name__}: {exc}"}
try:
    t0 = time.perf_counter()
    import cn2an
    cn2an.transform("预热：增长百分之五", "cn2an")
    imported = time.perf_counter() - t0
    start = time.process_time()
    for text in texts:
        cn2an.transform(text, "cn2an")
    out["cn2an transform"] = {"cpu": time.process_time() - start, "found": None, "import": imported,
                              "version": getattr(cn2an, "__version__", "?")}
except Exception as exc:
    out["cn2an transform"] = {"error": f"{type(exc).__name__}: {exc}"}
print(json.dumps(out))
'''


def _ensure_venv() -> str | None:
    """Create the peers' environment if missing; None if ready, else why not."""
    python = VENV / "bin" / "python"
    if not python.exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
        (VENV / ".gitignore").write_text("*\n", encoding="utf-8")
    notes = []
    for peer in PEERS:
        if subprocess.run([str(python), "-c", f"import {peer}"], capture_output=True).returncode == 0:
            continue
        proc = subprocess.run([str(python), "-m", "pip", "install", "--quiet", peer], capture_output=True, text=True)
        if proc.returncode != 0:
            notes.append(f"{peer} could not be installed: {(proc.stderr.strip().splitlines() or ['?'])[-1]}")
    return "; ".join(notes) or None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora")
    ap.add_argument("--level", default="national")
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    rows = [r for r in csv.DictReader((args.corpus / "manifest.csv").open(encoding="utf-8")) if r["level"] == args.level]
    texts = [govextract.read_document(args.corpus / r["file"]).text for r in rows[: args.limit]]
    chars = sum(len(t) for t in texts)

    govextract.find_quantities("预热：增长5%。")
    start, found = time.process_time(), 0
    for text in texts:
        found += len(govextract.find_quantities(text))
    results = {"govextract find_quantities": {"cpu": time.process_time() - start, "found": found,
                                              "version": govextract.__version__}}
    note = _ensure_venv()
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as handle:
        json.dump(texts, handle, ensure_ascii=False)
    try:
        proc = subprocess.run([str(VENV / "bin" / "python"), "-c", CHILD, handle.name], capture_output=True, text=True)
    finally:
        Path(handle.name).unlink()
    if proc.returncode == 0:
        results.update(json.loads(proc.stdout.splitlines()[-1]))
    else:
        note = (note + "; " if note else "") + f"peer run failed: {proc.stderr.strip()[-300:]}"

    print(f"text: {len(texts)} {args.level} reports, {chars:,} characters (decoded once by govextract.read_document)\n")
    print("| tool | version | chars/s (one core, CPU time) | found | what it finds |")
    print("|---|---|---:|---:|---|")
    finds = {"govextract find_quantities": "every quantity: value, unit, bound, span",
             "jionlp extract_money": "money amounts only",
             "cn2an transform": "nothing: rewrites numerals as digits"}
    for tool, r in results.items():
        if "error" in r:
            print(f"| {tool} | | not run: {r['error']} | | |")
            continue
        found_text = f"{r['found']:,}" if r["found"] is not None else "–"
        print(f"| {tool} | {r['version']} | {chars / r['cpu']:,.0f} | {found_text} | {finds[tool]} |")
    if note:
        print(f"\nnote: {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
