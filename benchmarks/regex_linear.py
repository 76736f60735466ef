"""Regex safety: every compiled pattern of govextract, timed on adversarial text of growing size.

Each matcher (a compiled pattern run with ``finditer``, or a whole stage function) is fed runs of
the characters that its parts repeat: digits, thousands groups, dashes, 万/亿/Chinese numerals,
quotes, 、, outline numbers, spaces, newlines, question marks. Every (matcher, unit) pair is timed
at 250 chars, 1 KB, 10 KB and 100 KB; the two worst units of each matcher go on to 1 MB and 10 MB.
The figure per matcher is the growth exponent log(t2/t1)/log(n2/n1): 1 is linear, 2 quadratic;
above 1.5 is flagged super-linear. A step predicted to take over ``--budget`` seconds is not run.

    python benchmarks/regex_linear.py                      # every matcher, up to 10 MB
    python benchmarks/regex_linear.py --max 1000000        # stop at 1 MB
    python benchmarks/regex_linear.py --only quantities    # matchers whose name contains this

``tests/test_regex_safety.py`` imports :func:`matchers`, :func:`adversarial` and :func:`growth`
and checks each (matcher, input) pair up to about 200 KB.
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import re
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

#: Units repeated to build the adversarial texts: what the patterns' repeats and alternations eat.
ADVERSARIAL_UNITS: tuple[str, ...] = (
    # digits, decimals, thousands groups, ranges, percents
    "1", "1.", "1.1", "111,", "111，", "1,1", "1-", "1—", "1%", "1%。", "1万", "1:", "1、", "1.\n",
    # Chinese numerals and magnitudes
    "一", "十", "百", "万", "亿", "万亿", "一二三四五六七八九零", "十万零", "百分之", "几", "多", "一是",
    # dashes, list commas, quotes, brackets, punctuation
    "—", "-", "～", "、", "“", "”", "“1", "“一二三", "（", "(一)", "(1)", "①", "。", "。 ", "……", "：",
    # outline numbers and headings
    "一、", "一、\n", "1、", "1.\n", "第一部分 ", "第", "\n一、", "一\n",
    # whitespace and lost characters
    " ", "\n", "\t ", "\n ", "　", "?", "？", "??中", "□", "\ufffd", "X", "X亿元", "*", "**县",
    # words the patterns build on
    "年", "2023年", "增长", "政府", "在", "代表", "人民代表大会", "工作报告", "市县区", "增长 %",
    "%,。", "来源", "<br>", "http://a.b/",
)


@dataclasses.dataclass(frozen=True)
class Matcher:
    """A named callable that runs one pattern (or one stage) over a text."""

    name: str
    run: Callable[[str], object]


def _scan(pattern: re.Pattern[str]) -> Callable[[str], object]:
    def run(text: str) -> int:
        return sum(1 for _ in pattern.finditer(text))

    return run


def _patterns_of(prefix: str, obj: object) -> Iterator[tuple[str, re.Pattern[str]]]:
    for f in dataclasses.fields(obj):  # type: ignore[arg-type]
        value = getattr(obj, f.name)
        if isinstance(value, re.Pattern):
            yield f"{prefix}.{f.name}", value


def matchers(*, stages: bool = True) -> list[Matcher]:
    """Every compiled pattern govextract runs over report text, and (``stages``) its stage functions."""
    from govextract import boilerplate, damage, metadata, sections
    from govextract import text as textmod
    from govextract.goals import goal_rules
    from govextract.quantities import find_quantities, quantity_rules

    found: list[tuple[str, re.Pattern[str]]] = []
    q = quantity_rules()
    found += [("quantities.pattern", q.pattern), ("quantities.slogan_pattern", q.slogan_pattern)]
    found += list(_patterns_of("goals", goal_rules()))
    grammar = sections._grammar()
    found += [("sections.start", grammar.start), ("sections.lead_marker", grammar.limits.lead_marker)]
    found += [(f"sections.heading.{k.name}", k.pattern) for k in grammar.kinds]
    found += list(_patterns_of("sections.roles", grammar.roles))
    found += [(f"sections.roles.title.{role.value}", p) for role, p in grammar.roles.title]
    found += [(f"boilerplate.rule.{r.name}", r.pattern) for r in boilerplate.boilerplate_rules()]
    line_rules, _ = boilerplate._split()
    found += [("boilerplate.line_rules", line_rules), ("boilerplate.tail", boilerplate._tail().marker)]
    found += list(_patterns_of("metadata", metadata._front_matter()))
    found += [("text.blank_run", textmod._BLANK_RUN), ("text.folder", textmod._folder()[0])]
    found += [(f"damage.{r.name}", r.pattern) for r in damage.damage_rules()]
    out = [Matcher(name, _scan(p)) for name, p in found]
    if stages:
        out += [
            Matcher("stage.normalize", textmod.normalize),
            Matcher("stage.find_boilerplate", boilerplate.find_boilerplate),
            Matcher("stage.find_metadata", metadata.find_metadata),
            Matcher("stage.find_sections", sections.find_sections),
            Matcher("stage.find_quantities", find_quantities),
            Matcher("stage.find_damage", damage.find_damage),
        ]
    return out


def adversarial(unit: str, size: int) -> str:
    """``unit`` repeated to exactly ``size`` characters."""
    return (unit * (size // len(unit) + 1))[:size]


def timed(matcher: Matcher, text: str, repeat: int = 2) -> float:
    """The best of ``repeat`` runs, in seconds (process CPU time is too coarse for small inputs)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        matcher.run(text)
        best = min(best, time.perf_counter() - start)
    return best


@dataclasses.dataclass
class Growth:
    """Times of one matcher on one unit at growing sizes; ``stopped`` says why the ladder was cut."""

    unit: str
    sizes: list[int]
    times: list[float]
    stopped: str | None = None

    def exponents(self, noise: float = 0.005) -> list[float]:
        """Growth exponent per step, log(t2/t1) / log(n2/n1): 1 is linear, 2 quadratic; steps whose
        larger time is below ``noise`` seconds are timer noise and count as 1."""
        out = []
        for (n1, t1), (n2, t2) in zip(zip(self.sizes, self.times), zip(self.sizes[1:], self.times[1:])):
            out.append(math.log(t2 / t1) / math.log(n2 / n1) if t2 > noise and t1 > 0 else 1.0)
        return out

    def worst(self, floor: float = 0.001) -> float:
        """The overall exponent from the first time above ``floor`` seconds to the last time (one
        noisy step does not decide); 1.0 when the sizes above the floor span less than x4."""
        points = [(n, t) for n, t in zip(self.sizes, self.times) if t > floor]
        if len(points) < 2 or points[-1][0] < 4 * points[0][0]:
            return 1.0
        (n1, t1), (n2, t2) = points[0], points[-1]
        return math.log(t2 / t1) / math.log(n2 / n1)


def growth(matcher: Matcher, unit: str, sizes: list[int], *, budget: float = 5.0, noise: float = 0.005) -> Growth:
    """Time ``matcher`` on ``unit`` repeated to each of ``sizes`` (increasing). Before each step the
    time is predicted from the last measured exponent (at least 1); a step predicted to take more
    than ``budget`` seconds is not run, and ``stopped`` says so."""
    out = Growth(unit, [], [])
    for i, size in enumerate(sizes):
        if i:
            exponent = max([1.0, *out.exponents(noise)[-1:]])
            predicted = out.times[-1] * (size / sizes[i - 1]) ** exponent
            if predicted > budget:
                out.stopped = f"{size:,} chars predicted to take {predicted:.0f} s (exponent {exponent:.1f})"
                break
        out.sizes.append(size)
        out.times.append(timed(matcher, adversarial(unit, size), repeat=1 if size >= 1_000_000 else 2))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--max", type=int, default=10_000_000, help="largest size (default 10 MB)")
    ap.add_argument("--only", default=None, help="matchers whose name contains this")
    ap.add_argument("--budget", type=float, default=10.0, help="seconds a single run may take")
    ap.add_argument("--worst", type=int, default=2, help="units per matcher taken past 100 KB")
    ap.add_argument("--no-stages", action="store_true", help="compiled patterns only")
    args = ap.parse_args()
    probe = [250, 1_000, 10_000, 100_000]
    big = [n for n in (1_000_000, 10_000_000) if n <= args.max]
    chosen = [m for m in matchers(stages=not args.no_stages) if not args.only or args.only in m.name]
    for m in chosen:  # load the data files and compile outside the timing
        m.run("增长5%。")
    sizes = [1_000, 10_000, 100_000, *big]
    print(f"{'matcher':40s} {'worst unit':>12s} " + " ".join(f"{n:>10,}" for n in sizes) + "  exponent")
    bad: list[str] = []
    for m in chosen:
        ladders = [growth(m, unit, probe, budget=args.budget) for unit in ADVERSARIAL_UNITS]
        ladders.sort(key=lambda g: (g.stopped is None, -g.worst(), -g.times[-1]))
        for g in ladders[: args.worst]:
            if g.stopped is None and big:
                more = growth(m, g.unit, [100_000, *big], budget=args.budget)
                g.sizes += more.sizes[1:]
                g.times += more.times[1:]
                g.stopped = more.stopped
        g = ladders[0]
        shown = {n: t for n, t in zip(g.sizes, g.times)}
        cells = " ".join(f"{shown[n] * 1000:>8.1f}ms" if n in shown else f"{'-':>10s}" for n in sizes)
        exponent = max(x.worst() for x in ladders[: args.worst])
        verdict = f"{exponent:.2f}"
        if exponent > 1.5:
            verdict += "  SUPER-LINEAR"
            bad.append(m.name)
        if g.stopped:
            verdict += f" (stopped: {g.stopped})"
        print(f"{m.name:40s} {g.unit!r:>12s} {cells}  {verdict}", flush=True)
    print(f"\n{len(chosen)} matchers x {len(ADVERSARIAL_UNITS)} adversarial units; "
          f"time growth exponent 1 = linear, 2 = quadratic; {len(bad)} super-linear: {', '.join(bad) or 'none'}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
