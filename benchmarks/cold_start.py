"""Cold start of the command line: ``govextract parse`` on one report in a fresh process.

Like hyperfine: one run to warm the file cache (not counted), then ``--runs`` runs (default 5),
each a new interpreter that imports govextract, loads its data files and tokenizer, parses the
report and prints its JSON; prints each wall time and the median. The command is the console
script beside this Python (``govextract``), or ``python -m govextract.cli`` if there is none.

    python benchmarks/cold_start.py [REPORT] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "corpora" / "reports" / "000_d6e3c5fb2c655f82.txt"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("report", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    script = Path(sys.executable).parent / "govextract"
    if not script.exists():
        script = Path(shutil.which("govextract") or "")
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "govextract.cli"]
    command += ["parse", str(args.report)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # measure the working tree's govextract
    times = []
    for i in range(args.runs + 1):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
        if i:  # the first run only warms the file cache
            times.append(time.perf_counter() - start)
    print(f"command  {' '.join(Path(c).name if j == 0 else c for j, c in enumerate(command))}")
    print(f"runs     {', '.join(f'{t:.3f}' for t in times)} s")
    print(f"median   {statistics.median(times):.3f} s  (min {min(times):.3f}, max {max(times):.3f}; load {os.getloadavg()[0]:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
