"""govextract.metadata on real report openings (tests/fixtures/reader/opening_*.txt: the first
2,500 characters of ../shared/corpora/reports/<level>/<year>_<region>.txt, named in each id)."""

from __future__ import annotations

from pathlib import Path

import pytest

from govextract.boilerplate import find_boilerplate
from govextract.metadata import find_metadata
from govextract.models import Level
from govextract.text import read_document

FIX = Path(__file__).parent / "fixtures" / "reader"

# (fixture, region, level, date, year, title)
CASES = [
    ("seed_county_2023_重庆市开州区.txt", "重庆市开州区", Level.COUNTY, "2023-02-08", 2023, "重庆市开州区人民政府工作报告"),
    ("opening_national_1996_全国.txt", "全国", Level.NATIONAL, "1996-03-05", 1996, "1996年政府工作报告"),
    ("opening_national_2024_全国.txt", "全国", Level.NATIONAL, "2024-03-05", 2024, "政府工作报告"),
    ("opening_province_2024_广东省.txt", "广东省", Level.PROVINCE, "2024-01-23", 2024, "政府工作报告"),
    ("opening_province_2013_浙江省.txt", "浙江省", Level.PROVINCE, "2013-01-25", 2013, "政府工作报告"),
    ("gbk_province_2013_浙江省.txt", "浙江省", Level.PROVINCE, "2013-01-25", 2013, "政府工作报告"),
    ("opening_province_2020_广西壮族自治区.txt", "广西壮族自治区", Level.PROVINCE, "2020-01-12", 2020, None),
    ("oneline_province_2002_上海市.txt", "上海市", Level.PROVINCE, "2002-02-22", 2002, "上海市政府工作报告"),
    ("opening_city_2009_湖南省-长沙市.txt", "湖南省长沙市", Level.CITY, "2009-01-04", 2009, "政府工作报告"),
    # dateline names only 市十六届人大; 我代表苏州市人民政府 names the city
    ("opening_city_2020_江苏省-苏州市.txt", "江苏省苏州市", Level.CITY, "2020-01-08", 2020, None),
    ("opening_city_2014_内蒙古自治区-乌兰察布市.txt", "内蒙古自治区乌兰察布市", Level.CITY, "2014-01-06", 2014, None),
    # ──2002年 3月3日: box-drawing dash and a space inside the date
    ("opening_city_2002_广东省-深圳市.txt", "广东省深圳市", Level.CITY, "2002-03-03", 2002, "政府工作报告"),
    # ——19年2月24日: a two-digit year
    ("opening_city_2019_山西省-太原市.txt", "山西省太原市", Level.CITY, "2019-02-24", 2019, "政府工作报告"),
    ("opening_county_2016_内蒙古自治区-呼伦贝尔市-海拉尔区.txt", "内蒙古自治区呼伦贝尔市海拉尔区", Level.COUNTY, "2016-02-19", 2016, None),
    ("opening_county_2023_四川省-攀枝花市-米易县.txt", "四川省攀枝花市米易县", Level.COUNTY, "2023-02-12", 2023, "米易县2023年人民政府工作报告"),
    # 哈密市九届人大五次会议: a county-level city under 哈密地区
    ("opening_county_2016_新疆维吾尔自治区-哈密地区-哈密市.txt", "新疆维吾尔自治区哈密地区哈密市", Level.COUNTY, "2016-01-22", 2016, None),
    # teaser header and 内容摘要 masked as boilerplate; the real dateline follows
    ("opening_county_2020_河北省-保定市-唐县.txt", "河北省保定市唐县", Level.COUNTY, "2020-01-21", 2020, "2020年唐县政府工作报告"),
]


@pytest.mark.parametrize(("name", "region", "level", "date", "year", "title"), CASES, ids=[c[0] for c in CASES])
def test_front_matter(name, region, level, date, year, title):
    text = read_document(FIX / name).text
    meta = find_metadata(text, find_boilerplate(text))
    assert (meta.region, meta.level, meta.date, meta.year) == (region, level, date, year)
    if title is not None:
        assert meta.title == title


def test_no_front_matter_province_2019_jiangxi():
    # opens at 各位代表 / 我代表省人民政府; 一、2018年工作回顾 gives the plan year
    text = read_document(FIX / "opening_province_2019_江西省.txt").text
    meta = find_metadata(text)
    assert (meta.region, meta.level, meta.date, meta.year) == ("江西省", Level.PROVINCE, None, 2019)
    assert meta.warnings


def test_national_wikisource_1975_no_title():
    text = read_document(FIX / "opening_national_1975_全国.txt").text
    meta = find_metadata(text)
    assert (meta.region, meta.level) == ("全国", Level.NATIONAL)


def test_national_1975_year_from_year_pairs():
    # no dateline or review heading: 一九七四/一九七五 mentioned as a (reviewed, planned) pair
    text = read_document(FIX / "opening_national_1975_全国.txt").text
    assert find_metadata(text).year == 1975


@pytest.mark.parametrize(
    ("text", "region", "level", "date", "year"),
    [
        ("政府工作报告\n——2024年1月23日在广东省第十四届人民代表大会第二次会议上\n广东省省长 王伟中\n", "广东省", Level.PROVINCE, "2024-01-23", 2024),
        ("——2016年1月6日在马鞍山市第十五届人民代表大会第五次会议上\n市长 魏尧\n", "安徽省马鞍山市", Level.CITY, "2016-01-06", 2016),
        ("2025年2月11日在嘉兴市第九届人民代表大会第五次会议上\n市长 李 军\n", "浙江省嘉兴市", Level.CITY, "2025-02-11", 2025),
        ("2019年3月2日在浮山县第十六届人民代表大会第四次会议上\n栗 俊 昌\n", "山西省临汾市浮山县", Level.COUNTY, "2019-03-02", 2019),
        # delivered in December of Y-1: the report for Y (兰州 2011-11-15 is filed as 2012 in the corpus)
        ("——2021年12月21日在兰州市第十七届人民代表大会第一次会议上\n", "甘肃省兰州市", Level.CITY, "2021-12-21", 2022),
        ("——二〇二三年二月八日在重庆市开州区第三届人民代表大会第二次会议上\n", "重庆市开州区", Level.COUNTY, "2023-02-08", 2023),
    ],
    ids=["domain-GD24", "domain-MAS16", "domain-JX25", "domain-FS19", "december-rule", "chinese-numeral-date"],
)
def test_datelines_from_domain_notes(text, region, level, date, year):
    meta = find_metadata(text)
    assert (meta.region, meta.level, meta.date, meta.year) == (region, level, date, year)


def test_odd_text_never_raises():
    for text in ["", "\n\n", "各位代表", "x" * 10000, "——年月日在第届人民代表大会"]:
        find_metadata(text)


# National reports transcribed without a dateline: the congress session names the year.
@pytest.mark.parametrize(
    ("text", "year"),
    [
        pytest.param(
            "各位代表:\n\n本届政府1998年3月就职，任期即将结束。现在，我代表国务院，向第十届全国人民代表大会"
            "第一次会议报告过去五年的工作，对今年的工作提出建议，请予审议。\n",
            2003,
            id="npc-session-names-the-year-national2003",
        ),
        pytest.param(
            "各位代表：\n\n现在，我代表国务院，向大会报告本届政府过去五年的工作。\n\n一、 过去五年工作回顾\n\n"
            "第十届全国人民代表大会第一次会议以来的五年，是不平凡的五年。\n",
            None,
            id="npc-session-since-is-the-past-national2008",
        ),
    ],
)
def test_year_from_the_congress_session(text: str, year: int | None) -> None:
    from govextract.metadata import _year_from_session, _front_matter

    assert _year_from_session(text, _front_matter()) == year


def test_a_mention_of_the_national_congress_does_not_make_a_report_national() -> None:
    # province/2023_内蒙古自治区.txt: no dateline; the national congress is named in passing.
    text = (
        "各位代表：\n\n现在，我代表自治区人民政府，向大会报告工作，请予审议，并请自治区政协委员提出意见。\n\n"
        "一、过去五年工作回顾\n\n自治区第十三届人民代表大会第一次会议以来的五年，很不寻常、很不平凡。"
        "习近平总书记连续五年参加全国人民代表大会内蒙古代表团审议、2019年亲临我区考察并发表重要讲话。\n"
        "内蒙古自治区全区上下凝心聚力抓发展。内蒙古发展取得重大成就。\n"
    )
    meta = find_metadata(text)
    assert meta.level is not Level.NATIONAL
    assert meta.region == "内蒙古自治区"
