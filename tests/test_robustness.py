"""Hostile and broken text: parse_report never raises, returns a valid Report, and its invariants hold.

Invariants (``check_invariants``, shared with ``benchmarks/corpus_sweep.py``):
- every goal span slices the decoded text to the goal's text;
- every section span lies in the text and in its parent's span, siblings in order without overlap;
- a goal's ``section`` is the path of titles of the sections containing its start, and the goal
  lies inside the innermost of them;
- the output is deterministic: the same JSON bytes twice, and it round-trips.

Hypothesis profiles: ``dev`` (default) and ``ci`` (when the CI environment variable is set) keep
example counts modest so the suite stays within its time budget.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govextract import parse_report
from govextract.models import Report

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.corpus_sweep import check_invariants, decoded_text  # noqa: E402

settings.register_profile("dev", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                          derandomize=True, print_blob=True)
PROFILE = settings.get_profile("ci" if os.environ.get("CI") else "dev")

NATIONAL = REPO / "corpora" / "reports" / "national_2024_全国.txt"

#: Pieces of report text and of damage, so generated text reaches every stage's paths.
PIECES = st.sampled_from(
    list("0123456789０１２３４５６７８９.,%％‰—－-~至到、，。；：“”（）() 　\n\r\t")
    + list("零一二两三四五六七八九十百千万亿点多余几约近超以上下内左右分之倍翻番?？□*X×\x00\x07\x1b\u200b\ufeff\ufffd")
    + ["一、", "（一）", "(二)", "1.", "（1）", "①", "第一部分 ", "一是", "\n二、", "\n三、加强政府自身建设\n",
       "2023年工作回顾", "今年主要预期目标是：", "政府工作报告", "——2024年1月23日在广东省第十四届人民代表大会第二次会议上",
       "个百分点", "万元", "亿元", "公里", "千瓦", "人次", "/10万", "年", "月", "日", "第", "增长", "达到", "力争",
       "确保", "预计", "X亿元", "增长 %", "%,。以內", "人口自然增长率", "<br>", "<html><body>", "</p>", "来源：",
       "ع", "й", "한", "ア", "🙂", "\U0002a6a5", "\u202e", "\ud7ff"]
)
REPORTISH = st.lists(PIECES, max_size=120).map("".join)


def _parse_and_check(text: str) -> Report:
    report = parse_report(text)
    assert isinstance(report, Report)
    problems = check_invariants(report, decoded_text(text))
    assert not problems, problems
    again = parse_report(text)
    assert again.model_dump_json() == report.model_dump_json()
    assert Report.model_validate_json(report.model_dump_json()) == report
    return report


@given(st.text(max_size=400))
@settings(PROFILE)
def test_any_unicode_string(text: str) -> None:
    _parse_and_check(text)


@given(REPORTISH)
@settings(PROFILE)
def test_reportish_text_with_controls_damage_and_mixed_scripts(text: str) -> None:
    _parse_and_check(text)


@given(st.lists(st.sampled_from(["一、", "（一）", "1.", "（1）", "①", "一是"]), min_size=1, max_size=40),
       st.sampled_from(["发展经济", "增长5%。", "加强建设。全市新增就业1万人", ""]))
@settings(PROFILE)
def test_nested_headings(markers: list[str], title: str) -> None:
    text = "".join(f"{m}{title}\n" if i % 3 else f"{m}{title}" for i, m in enumerate(markers))
    _parse_and_check(text)


@given(st.binary(max_size=300))
@settings(PROFILE)
def test_any_bytes_parse_or_raise_a_govextract_error(data: bytes) -> None:
    from govextract.errors import GovextractError

    try:
        report = parse_report(data)
    except GovextractError as exc:
        assert str(exc).startswith("GX1")
    else:
        assert isinstance(report, Report)


# ------------------------------------------------------------------------------ big inputs

def _report_text() -> str:
    return NATIONAL.read_text(encoding="utf-8")


BIG = {
    "1 MB of digits": lambda: "1" * 1_000_000,
    "1 MB of 、": lambda: "、" * 1_000_000,
    "1 MB of digits and 、": lambda: "12、" * 333_333,
    "digits between words": lambda: "增长" + "1" * 20 + "%，" + "9" * 200_000 + "倍",
    "1 MB of newlines and spaces": lambda: "\n \u3000\t" * 250_000,
    "1 MB of question marks in Chinese": lambda: "政府??" * 250_000,
    "1 MB of dashes": lambda: "—" * 1_000_000,
    "1 MB of quotes": lambda: "“" * 500_000 + "”" * 500_000,
    "10,000 headings": lambda: "".join(f"{'一二三四五六七八九'[i % 9]}、第{i}章\n" for i in range(10_000)),
    "5,000 nested headings": lambda: "".join(f"一、甲\n（一）乙\n1.丙\n（1）丁\n①戊增长{i % 9}%。\n" for i in range(1_000)),
    "a single 5 MB line": lambda: _report_text().replace("\n", "") * (5_000_000 // len(_report_text().encode()) + 1),
    "200,000 lead sentences": lambda: "发展经济。" * 200_000,
    "NUL and control characters": lambda: ("增长5%\x00\x01\x02。" * 10_000),
}


@pytest.mark.parametrize("name", list(BIG))
def test_big_hostile_inputs(name: str) -> None:
    text = BIG[name]()
    report = parse_report(text)
    problems = check_invariants(report, decoded_text(text))
    assert not problems, problems[:5]


def test_same_bytes_twice_on_a_real_report() -> None:
    data = NATIONAL.read_bytes()
    assert parse_report(data).model_dump_json() == parse_report(data).model_dump_json()


# A numeral of more than 28 digits once made Decimal.quantize raise; runs of over 20 digits are
# not amounts (quantities._MAX_DIGITS).
@pytest.mark.parametrize("text", ["1" * 21 + "亿元", "增长" + "1" * 29 + "%", "9" * 5000 + "倍"])
def test_a_very_long_numeral_never_raises(text: str) -> None:
    _parse_and_check(text)
