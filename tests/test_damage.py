"""Damaged and template text (domain.md §2.5, cases 24 and 51): the rules of data/damage.toml
against their own examples, no invented values, one warning per case, the ‰ repair."""

from __future__ import annotations

from decimal import Decimal

import pytest

from govextract import find_quantities, parse_report
from govextract.damage import damage_rules, damage_warnings, find_damage, repair_permille


def _cases():
    for rule in damage_rules():
        for ex in rule.examples:
            yield pytest.param(rule, ex, True, id=f"{rule.name}-example-{ex[:12]}")
        for ex in rule.counter_examples:
            yield pytest.param(rule, ex, False, id=f"{rule.name}-counter-{ex[:12]}")


@pytest.mark.parametrize(("rule", "example", "found"), list(_cases()))
def test_rule_examples(rule, example, found):
    kinds = [d.kind for d in find_damage(example)]
    assert (rule.kind in kinds) == found, (example, kinds)


#: Template and damaged text from domain.md case 51 and §2.5: no number may be read from the damage.
TEMPLATES = [
    ("实现X区生产总值X亿元、增长X%", {"masked_name", "placeholder"}),
    ("规模以上工业增加值增长xx%", {"placeholder"}),
    ("新增城镇就业XX万人", {"placeholder"}),
    ("完成固定资产投资×万元", {"placeholder"}),
    ("地区生产总值比上年增长 %", {"blank_number"}),
    ("一般公共预算收入增长　％", {"blank_number"}),
    ("实现地区生产总值   亿元", {"blank_number"}),
    ("完成投资____亿元", {"blank_number"}),
    ("——2007年12月 日在**县第十五届人民代表大会第一次会议上", {"masked_name"}),
    ("城镇居民人均可支配收入增长???%", {"lost_characters"}),
    ("城镇居民人均可支配收入增长？？％", {"lost_characters"}),
    ("实现生产总值□□亿元", {"lost_characters"}),
    ("实现生产总值\ufffd\ufffd亿元", {"lost_characters"}),
]


@pytest.mark.parametrize(("text", "kinds"), TEMPLATES, ids=[t for t, _ in TEMPLATES])
def test_templates_give_no_value_and_a_warning(text, kinds):
    assert find_quantities(text) == []
    report = parse_report(text)
    assert report.goals == []
    found = {d.kind for d in find_damage(text)}
    assert found == kinds
    codes = [w.split()[0] for w in report.warnings if w.startswith("GW1")]
    assert len(codes) == len(find_damage(text)) >= 1


def test_warning_line_names_code_kind_offset_and_context():
    text = "2023年主要预期目标：地区生产总值增长X%左右。"
    (line,) = damage_warnings(text)
    start = text.index("X")
    assert line == f"GW101 placeholder at {start}: 标：地区生产总值增长X%左右。"  # 10 characters each side
    assert parse_report(text).warnings[-1] == line


def test_one_warning_per_case_capped_per_kind():
    text = "增长X%，" * 30
    lines = damage_warnings(text)
    assert len(lines) == 21  # 20 listed, then a count of the rest
    assert lines[-1] == "GW101 placeholder: 10 more case(s) not listed"


def test_damage_in_boilerplate_is_not_reported():
    text = "时间：2022-11-22????\n作者：中国县域??\n"
    assert find_damage(text)
    assert find_damage(text, skip=[(0, len(text))]) == []


def test_spans_slice_the_text():
    text = "增长X%，人口自然增长率控制在7.2％，。以内；实现生产总值 亿元。唐县县长????尤志敬"
    for d in find_damage(text):
        assert text[d.span[0] : d.span[1]] == d.text


# ---------------------------------------------------------------------------------- mangled ‰

MANGLED = [
    ("人口自然增长率控制在7.2%,。以內", "7.2", "at_most"),  # domain case 24 (ZZ09)
    ("人口自然增长率控制在7.9％。以内。", "7.9", "at_most"),  # corpus, city 2010
    ("人口自然增长率控制在6%。左右", "6", "approx"),  # bbtnews 2017
    ("人口自然增长率5.24％。。推进公交都市", "5.24", None),  # corpus: a clause end after the indicator
]


@pytest.mark.parametrize(("text", "value", "qualifier"), MANGLED, ids=[t for t, _, _ in MANGLED])
def test_mangled_permille_is_warned_and_never_silently_repaired(text, value, qualifier):
    damages = find_damage(text)
    assert [d.kind for d in damages] == ["mangled_permille"]
    # the extractor reads what is written (%), and the report says the unit is doubtful
    (q,) = find_quantities(text)
    assert (str(q.value), q.unit, q.repaired) == (value, "%", False)
    report = parse_report(text)
    assert any(w.startswith("GW105 mangled_permille at ") for w in report.warnings)
    # the repair is explicit and marked
    (fixed,) = repair_permille([q], damages, text)
    assert (fixed.value, fixed.unit, fixed.dimension, fixed.repaired) == (Decimal(value), "‰", "permille", True)
    assert (fixed.qualifier.value if fixed.qualifier else None) == qualifier
    assert fixed.span == q.span and fixed.text == q.text


def test_repair_leaves_other_quantities_alone():
    text = "城镇登记失业率控制在4%以内，人口自然增长率控制在7.2%,。以內"
    quantities = find_quantities(text)
    fixed = repair_permille(quantities, find_damage(text), text)
    assert [q.unit for q in fixed] == ["%", "‰"]
    assert fixed[0] == quantities[0]


@pytest.mark.parametrize(
    "text",
    [
        "居民消费价格涨幅控制在3%以内。",
        "地区生产总值增长8%。。",  # a doubled 。 after a % that is not a per-mille indicator
        "价格指数上升0.9％。人口自然增长率为3‰。",
        "人口自然增长率控制在7.2‰以内",
    ],
)
def test_real_percent_and_permille_are_not_damage(text):
    assert find_damage(text) == []
