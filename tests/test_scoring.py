"""benchmarks/scoring.py: the matching rules of the official scorer, on hand-made records."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.scoring import (  # noqa: E402
    METRICS,
    attribute_agrees,
    char_f1,
    combine,
    same_quantity,
    score_document,
    spans_overlap,
    strip_title,
    values_agree,
)


def rec(start: int, end: int, value=None, unit: str = "%", **fields) -> dict:
    """A record in the JSON shape of gold lines and ``Goal.model_dump(mode="json")``."""
    return {"text": "x" * (end - start), "span": [start, end], "value": value, "unit": unit, **fields}


# --------------------------------------------------------------------------- spans


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        pytest.param([10, 14], [10, 14], True, id="identical"),
        pytest.param([10, 14], [12, 20], True, id="partial-right"),
        pytest.param([10, 14], [5, 11], True, id="partial-left"),
        pytest.param([10, 14], [11, 12], True, id="inside"),
        pytest.param([10, 14], [14, 18], False, id="touching-end-is-not-overlap"),
        pytest.param([10, 14], [6, 10], False, id="touching-start-is-not-overlap"),
        pytest.param([10, 14], [30, 34], False, id="disjoint"),
        pytest.param([10, 14], None, False, id="missing-span"),
        pytest.param([10, 14], [], False, id="empty-span"),
    ],
)
def test_spans_overlap(a, b, expected):
    assert spans_overlap(a, b) is expected
    if b:
        assert spans_overlap(b, a) is expected


# --------------------------------------------------------------------------- values and units


@pytest.mark.parametrize(
    ("x", "y", "expected"),
    [
        pytest.param(96, 96.0, True, id="int-vs-float"),
        pytest.param(4000000000, 4000000000.5, True, id="large-within-rel-tol"),
        pytest.param(4000000000, 4000010000, False, id="large-beyond-rel-tol"),
        pytest.param(0.1, 0.1000000001, True, id="small-within-abs-floor"),
        pytest.param(0.1, 0.1001, False, id="small-beyond"),
        pytest.param(5.2, 5.3, False, id="different"),
        pytest.param(None, None, True, id="both-null"),
        pytest.param(None, 0, False, id="null-vs-zero"),
        pytest.param(6, None, False, id="value-vs-null"),
    ],
)
def test_values_agree(x, y, expected):
    assert values_agree(x, y) is expected


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        pytest.param(rec(0, 3, 96), rec(0, 3, 96), True, id="same"),
        pytest.param(rec(0, 3, 96), rec(1, 4, 96), True, id="shifted-but-overlapping"),
        pytest.param(rec(0, 3, 96), rec(3, 6, 96), False, id="adjacent"),
        pytest.param(rec(0, 3, 96), rec(0, 3, 96, unit="个百分点"), False, id="unit-differs"),
        pytest.param(rec(0, 5, 4e9, unit="元"), rec(0, 5, 40, unit="亿元"), False, id="uncanonical-unit"),
        pytest.param(rec(0, 2, 3, unit=""), rec(0, 2, 3, unit=None), True, id="empty-unit-equals-null"),
        pytest.param(rec(0, 2, 3, unit=""), {"text": "xx", "span": [0, 2], "value": 3}, True, id="missing-unit-is-empty"),
        pytest.param(rec(0, 3, 96), rec(0, 3, 95), False, id="value-differs"),
        pytest.param(rec(0, 3, 96), rec(0, 3, None, low=96, high=96), False, id="point-vs-range"),
        pytest.param(rec(0, 3, 96), {"text": "96%", "value": 96, "unit": "%"}, False, id="prediction-without-span"),
    ],
)
def test_same_quantity(gold, pred, expected):
    assert same_quantity(gold, pred) is expected


@pytest.mark.parametrize(
    ("pred", "expected"),
    [
        pytest.param(rec(0, 7, None, low=6, high=6.5, qualifier="range"), True, id="same-ends"),
        pytest.param(rec(0, 7, None, low=6.0000001, high=6.5), True, id="ends-within-tolerance"),
        pytest.param(rec(0, 7, None, low=6, high=7), False, id="high-differs"),
        pytest.param(rec(0, 7, None, low=5.5, high=6.5), False, id="low-differs"),
        pytest.param(rec(0, 7, None, low=6, high=None), False, id="open-high"),
        pytest.param(rec(0, 7, 6.5), False, id="point-predicted"),
        pytest.param(rec(0, 7, 6, low=6, high=6.5), True, id="value-ignored-for-gold-range"),
    ],
)
def test_ranges_compare_low_and_high(pred, expected):
    gold = rec(0, 7, None, low=6, high=6.5, qualifier="range")
    assert same_quantity(gold, pred) is expected


# --------------------------------------------------------------------------- attributes


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        pytest.param("普惠性幼儿园覆盖率", "普惠性幼儿园覆盖率", 1.0, id="identical"),
        pytest.param("", "", 1.0, id="both-empty"),
        pytest.param(None, "", 1.0, id="null-and-empty"),
        pytest.param("国内生产总值", "", 0.0, id="prediction-empty"),
        pytest.param("", "国内生产总值", 0.0, id="gold-empty"),
        pytest.param("国内生产总值", "粮食播种面积", 0.0, id="disjoint"),
        pytest.param("abcd", "ab", 2 * 1.0 * 0.5 / 1.5, id="prefix"),
        pytest.param("aab", "ab", 0.8, id="multiset-counts"),
        pytest.param("ab", "ba", 1.0, id="order-ignored"),
    ],
)
def test_char_f1(gold, pred, expected):
    assert char_f1(gold, pred) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("pred_indicator", "expected"),
    [
        pytest.param("普惠性幼儿园覆盖率", True, id="exact"),
        pytest.param("力争普惠性幼儿园覆盖率", True, id="with-modality-word"),  # F1 = 18/20
        pytest.param("幼儿园覆盖率", True, id="shorter"),  # P=1, R=6/9 -> 0.8
        pytest.param("覆盖率", False, id="too-short"),  # P=1, R=3/9 -> 0.5
        pytest.param(None, False, id="missing"),
    ],
)
def test_indicator_agrees_at_char_f1_0_6(pred_indicator, expected):
    gold = {"indicator": "普惠性幼儿园覆盖率"}
    assert attribute_agrees("indicator", gold, {"indicator": pred_indicator}) is expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        pytest.param("（六）聚力科教兴区与人才强区战略，筑牢创新发展“新支撑”", "聚力科教兴区与人才强区战略筑牢创新发展新支撑", id="bracketed-number"),
        pytest.param("一、加快建设现代化产业体系", "加快建设现代化产业体系", id="number-and-comma"),
        # The official rule eats up to three leading digits whatever they are; gold and prediction
        # are stripped alike, so containment still holds (see test_section_agreement).
        pytest.param("一、2023年工作回顾", "23年工作回顾", id="digits-after-number-eaten-as-in-score-py"),
        pytest.param("12. 办好人民满意教育。", "办好人民满意教育", id="arabic-number"),
        pytest.param("办好人民满意教育。", "办好人民满意教育", id="trailing-stop"),
        pytest.param("（十二）加强生态保护", "加强生态保护", id="two-character-number"),
        pytest.param("三", "三", id="number-only-kept"),
        pytest.param("", "", id="empty"),
        pytest.param(None, "", id="null"),
    ],
)
def test_strip_title(title, expected):
    assert strip_title(title) == expected


@pytest.mark.parametrize(
    ("pred_section", "expected"),
    [
        pytest.param(["一、大标题", "（三）发展壮大民营经济。"], True, id="innermost-numbered"),
        pytest.param(["发展壮大民营经济"], True, id="plain"),
        pytest.param(["（三）大力发展壮大民营经济，激发活力"], True, id="gold-contained-in-longer-title"),
        pytest.param(["发展壮大民营经济", "优化营商环境"], False, id="only-innermost-counts"),
        pytest.param("（三）发展壮大民营经济", True, id="string-section"),
        pytest.param([], False, id="no-section"),
        pytest.param(None, False, id="null-section"),
    ],
)
def test_section_agreement(pred_section, expected):
    gold = {"section": "发展壮大民营经济"}
    assert attribute_agrees("section", gold, {"section": pred_section}) is expected


def test_section_with_leading_year_agrees_with_numbered_prediction():
    gold = {"section": "2023年工作回顾"}
    assert attribute_agrees("section", gold, {"section": ["一、2023年工作回顾"]}) is True


def test_empty_gold_section_never_agrees():
    assert attribute_agrees("section", {"section": ""}, {"section": [""]}) is False


@pytest.mark.parametrize(
    ("name", "gold", "pred", "expected"),
    [
        pytest.param("action", "达到", "达到", True, id="action-equal"),
        pytest.param("action", "达到", "达", False, id="action-differs"),
        pytest.param("action", None, "", True, id="empty-is-null"),
        pytest.param("modality", None, None, True, id="both-null"),
        pytest.param("modality", "力争", None, False, id="missing-modality"),
        pytest.param("year", 2023, 2023, True, id="year-equal"),
        pytest.param("year", 2023, 2022, False, id="year-differs"),
        pytest.param("status", "target", "actual", False, id="status-differs"),
        pytest.param("change", "level", "level", True, id="change-equal"),
        pytest.param("qualifier", "at_least", None, False, id="qualifier-missing"),
    ],
)
def test_exact_attributes(name, gold, pred, expected):
    assert attribute_agrees(name, {name: gold}, {name: pred}) is expected


# --------------------------------------------------------------------------- documents


def test_one_to_one_in_document_order():
    gold = [rec(0, 3, 5), rec(2, 5, 5)]
    pred = [rec(2, 3, 5)]  # overlaps both: the first gold record takes it
    score = score_document(gold, pred)
    assert (score.gold, score.pred, score.matched) == (2, 1, 1)
    assert score.pairs[0][0] is gold[0]
    assert score.missed == [gold[1]]
    assert score.extras == []


def test_each_gold_takes_the_first_free_matching_prediction():
    gold = [rec(0, 3, 5), rec(0, 3, 5)]
    pred = [rec(0, 3, 5), rec(1, 3, 5), rec(0, 2, 5)]
    score = score_document(gold, pred)
    assert [p for _, p in score.pairs] == pred[:2]
    assert score.extras == [pred[2]]
    assert score.precision == pytest.approx(2 / 3)
    assert score.recall == 1.0


def test_a_prediction_is_not_used_twice():
    gold = [rec(0, 3, 5), rec(0, 3, 5)]
    score = score_document(gold, [rec(0, 3, 5)])
    assert score.matched == 1 and len(score.missed) == 1


def test_optional_gold_unmatched_is_not_a_miss():
    gold = [rec(0, 3, 96), rec(10, 12, 5, unit="支", optional=True)]
    score = score_document(gold, [rec(0, 3, 96)])
    assert (score.gold, score.pred, score.matched) == (1, 1, 1)
    assert score.missed == []
    assert score.recall == 1.0 and score.precision == 1.0


def test_optional_gold_matched_is_not_a_false_positive():
    gold = [rec(0, 3, 96), rec(10, 12, 5, unit="支", optional=True)]
    pred = [rec(0, 3, 96), rec(10, 12, 5, unit="支")]
    score = score_document(gold, pred)
    assert (score.gold, score.pred, score.matched, score.optional_matched) == (1, 1, 1, 1)
    assert score.extras == []
    assert score.precision == 1.0
    assert len(score.pairs) == 1  # optional pairs are not used for attribute agreement


def test_optional_gold_consumes_its_prediction_in_order():
    # The optional record comes first and takes the prediction that a later record also overlaps.
    gold = [rec(0, 4, 5, unit="", optional=True), rec(2, 4, 5, unit="")]
    score = score_document(gold, [rec(2, 4, 5, unit="")])
    assert (score.gold, score.pred, score.matched) == (1, 0, 0)
    assert score.missed == [gold[1]]


def test_unmatched_prediction_near_an_optional_is_still_a_false_positive():
    gold = [rec(10, 12, 5, unit="支", optional=True)]
    score = score_document(gold, [rec(10, 12, 6, unit="支")])
    assert (score.gold, score.pred, score.matched) == (0, 1, 0)
    assert score.precision == 0.0 and score.recall == 0.0 and score.f1 == 0.0


def test_attributes_scored_only_on_matched_pairs_and_present_fields():
    gold = [
        rec(0, 3, 96, indicator="普惠性幼儿园覆盖率", action="达到", year=2023),
        rec(10, 13, 53, indicator="公办园在园幼儿占比", action="达到"),  # no year in gold
        rec(20, 23, 7, indicator="不会被匹配", action="增长"),
    ]
    pred = [
        rec(0, 3, 96, indicator="幼儿园覆盖率", action="达到", year=2022),
        rec(10, 13, 53, indicator="占比", action="为", year=2023),
    ]
    score = score_document(gold, pred)
    assert score.seen["indicator"] == 2 and score.agree["indicator"] == 1
    assert score.seen["action"] == 2 and score.agree["action"] == 1
    assert score.seen["year"] == 1 and score.agree["year"] == 0
    assert score.attribute_rate("modality") is None
    assert [bad for _, _, bad in score.disagreements()] == [["year"], ["indicator", "action"]]


def test_empty_document():
    score = score_document([], [])
    assert (score.precision, score.recall, score.f1) == (0.0, 0.0, 0.0)
    assert set(score.metrics()) == set(METRICS)


def test_combine_is_micro_averaged():
    a = score_document([rec(0, 3, 1, action="增长")], [rec(0, 3, 1, action="增长")], name="a")
    b = score_document(
        [rec(0, 3, 1, action="增长"), rec(5, 8, 2), rec(9, 11, 3)],
        [rec(0, 3, 1, action="下降"), rec(20, 22, 9)],
        name="b",
    )
    total = combine([a, b])
    assert (total.gold, total.pred, total.matched) == (4, 3, 2)
    assert total.precision == pytest.approx(2 / 3)
    assert total.recall == pytest.approx(2 / 4)
    assert total.f1 == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))
    assert total.attribute_rate("action") == pytest.approx(0.5)
