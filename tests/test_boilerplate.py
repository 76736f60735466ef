"""govextract.boilerplate on real page residue: seed (博县网 page), 中国县域 county pages (唐县 2020),
and report bodies that must stay untouched. Fixtures copied from ../shared (file in each id)."""

from __future__ import annotations

from pathlib import Path

import pytest

from govextract.boilerplate import boilerplate_rules, find_boilerplate
from govextract.text import normalize, read_document

FIX = Path(__file__).parent / "fixtures" / "reader"


def _cases():
    for rule in boilerplate_rules():
        for ex in rule.examples:
            yield pytest.param(rule, ex, True, id=f"{rule.name}-example-{ex[:12]}")
        for ex in rule.counter_examples:
            yield pytest.param(rule, ex, False, id=f"{rule.name}-counter-{ex[:12]}")


@pytest.mark.parametrize(("rule", "example", "matches"), list(_cases()))
def test_rule_examples(rule, example, matches):
    view = normalize(example)
    if matches:
        assert rule.pattern.fullmatch(view), example
    else:
        assert not rule.pattern.search(view), example


def _marked(text):
    return ["".join(text[s:e]) for s, e in find_boilerplate(text)]


def test_seed_nav_and_footer():  # seed/000_d6e3c5fb2c655f82.txt
    text = read_document(FIX / "seed_county_2023_重庆市开州区.txt").text
    spans = find_boilerplate(text)
    assert spans[0] == (0, 4)
    assert text[spans[-1][0] :].startswith("本文仅代表作者观点")
    assert spans[-1][1] == len(text)
    assert "验证码" in text[spans[-1][0] :]


def test_county_page_teaser_and_link_list():  # corpora/reports/county/2020_河北省-保定市-唐县.txt
    text = read_document(FIX / "full_county_2020_河北省-保定市-唐县.txt").text
    marked = _marked(text)
    assert marked[0].startswith("时间：2022-11-22")
    assert "内容摘要：" in marked[0] and marked[0].endswith("......")
    assert marked[-1].startswith("分享到：") and marked[-1].rstrip().endswith("政府信息公开")
    # the glossary appendix 《政府工作报告》名词解释 is report text
    assert all("名词解释" not in m for m in marked)


@pytest.mark.parametrize(
    "name",
    [
        "full_national_2024_全国.txt",
        "opening_national_1996_全国.txt",
        "opening_province_2024_广东省.txt",
        "opening_province_2013_浙江省.txt",
        "opening_city_2009_湖南省-长沙市.txt",
        "opening_city_2020_江苏省-苏州市.txt",
        "opening_county_2016_内蒙古自治区-呼伦贝尔市-海拉尔区.txt",
        "oneline_province_2002_上海市.txt",
    ],
)
def test_report_bodies_are_never_marked(name):
    text = read_document(FIX / name).text
    assert find_boilerplate(text) == []


def test_spans_sorted_non_overlapping():
    text = read_document(FIX / "full_county_2020_河北省-保定市-唐县.txt").text
    spans = find_boilerplate(text)
    assert spans == sorted(spans)
    assert all(a[1] < b[0] for a, b in zip(spans, spans[1:]))
