"""Invariants that hold for any input (hypothesis)."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govextract import find_quantities, parse_report

#: Characters that make numbers, units and bounds, so the generator hits the extractor's paths.
ALPHABET = st.sampled_from(
    list("0123456789０１２３４５６７８９.,%％‰—－-~至到、，。；：“”（）() 　\n")
    + list("零一二两三四五六七八九十百千万亿点多余几约近超以上下内左右分之倍翻番")
    + ["个百分点", "万元", "亿元", "公里", "千瓦", "千瓦时", "平方公里", "人次", "吨标准煤", "/10万", "年", "月", "日", "第"]
    + list("增长达到下降新增力争确保预计工作回顾目标是城乡居民收入")
)
REPORTISH = st.lists(ALPHABET, max_size=80).map("".join)
HALF = "0123456789%.-"
FULL = "０１２３４５６７８９％．－"


@given(st.text(max_size=200))
def test_find_quantities_never_raises_on_any_string(text: str) -> None:
    for q in find_quantities(text):
        assert text[q.span[0] : q.span[1]] == q.text


@given(REPORTISH)
@settings(max_examples=300)
def test_spans_slice_the_input(text: str) -> None:
    for q in find_quantities(text):
        assert text[q.span[0] : q.span[1]] == q.text
        assert q.value is not None or (q.low is not None and q.high is not None and q.low < q.high)
        assert q.value is None or q.value >= 0


@given(REPORTISH)
@settings(max_examples=300)
def test_full_width_forms_read_the_same(text: str) -> None:
    half = text.translate(str.maketrans(FULL, HALF))
    full = half.translate(str.maketrans(HALF, FULL))

    def reading(t: str) -> list[tuple]:
        return [(q.span, q.value, q.low, q.high, q.unit, q.qualifier) for q in find_quantities(t)]

    assert reading(half) == reading(full)


@given(st.text(max_size=300))
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
def test_parse_report_never_raises_and_round_trips(text: str) -> None:
    report = parse_report(text)
    for goal in report.goals:
        assert report_text(report, text)[goal.span[0] : goal.span[1]] == goal.text
    again = type(report).model_validate_json(report.model_dump_json())
    assert again == report
    json.dumps(report.model_dump(mode="json"))


def report_text(report, text: str) -> str:  # noqa: ANN001
    """The decoded text spans index: the input with newlines normalised."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
