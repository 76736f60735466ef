"""``govextract.tokenize``: government-dictionary tokens, whole quantities, exact tiling.

Cases are real sentences from the corpus; each id names the report file
(``/work/shared/corpora/reports/<level>/<year>_<region>.txt``) the sentence was copied from.
The dictionary file is checked for format, duplicates and size here; that every entry occurs in
the corpus was checked when the file was built, and the header records the result (the corpus is
not read in tests).
"""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from govextract.errors import DataError
from govextract.resources import read_data_text
from govextract.tokenize import DICTIONARY_FILE, Token, parse_dictionary, tokenize, tokenizer

CORPUS_DIR = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "reports"

# (id = source file: what is checked, sentence, words that must come out as single tokens)
WORD_CASES = [
    ("province/2024_内蒙古自治区: 规上工业增加值", "规上工业增加值增长7.4%、居全国第7；", ["规上工业增加值"]),
    ("province/2025_黑龙江省: 一般公共预算收入", "一般公共预算收入增长4%，全体居民人均可支配收入增长5.3%。",
     ["一般公共预算收入", "全体居民人均可支配收入"]),
    ("province/2025_黑龙江省: 高新技术企业", "认定高新技术企业1200家以上。", ["高新技术企业"]),
    ("province/2026_广东省: 地区生产总值", "今年经济社会发展的主要预期目标是：地区生产总值增长4.5%—5%，在实际工作中全力争取更好结果；",
     ["主要预期目标", "地区生产总值"]),
    ("national/2026_全国: 城镇调查失业率", "就业总体稳定，城镇新增就业1267万人，城镇调查失业率平均为5.2%。",
     ["城镇新增就业", "城镇调查失业率"]),
    ("national/2010_全国: 居民消费价格", "居民消费价格涨幅3％左右；", ["居民消费价格", "涨幅"]),
    ("province/2025_黑龙江省: 社会消费品零售总额", "社会消费品零售总额增长5%左右。", ["社会消费品零售总额"]),
    ("province/2025_黑龙江省: 固定资产投资", "固定资产投资增长6%左右。", ["固定资产投资"]),
    ("province/2025_青海省: 规模以上工业增加值", "规模以上工业增加值增长4%以上，推动产业向绿色迈进、向高端跃升、向智能升级。",
     ["规模以上工业增加值"]),
    ("national/2020_全国: 城镇登记失业率", "城镇登记失业率5.5%左右；", ["城镇登记失业率"]),
    ("province/2025_陕西省: 研发经费投入强度", "全省研发经费投入强度进一步提升，技术合同成交额5000亿元以上。",
     ["研发经费投入强度", "技术合同成交额"]),
    ("province/2025_吉林省: 单位GDP能耗", "单位GDP能耗下降2%左右。", ["单位GDP能耗"]),
    ("province/2025_陕西省: 新型研发机构", "组建一批企业牵头的共性技术研发平台、新型研发机构，新建20家中试基地和概念验证中心，",
     ["新型研发机构"]),
    ("province/2025_宁夏回族自治区: 市场主体", "奋力打好市场主体提质增效攻坚战。", ["市场主体", "提质增效"]),
    ("province/2024_广东省: 普惠性幼儿园", "普惠性幼儿园在园幼儿占比达85%以上。", ["普惠性幼儿园"]),
    ("national/2024_全国: 专精特新", "促进中小企业专精特新发展。", ["专精特新"]),
    ("province/2025_湖北省: 营商环境 四上", "良好营商环境助力企业提质扩容，新增上市企业13家，14家企业上榜中国民营企业500强，“四上”单位突破7万家。",
     ["营商环境", "四上"]),
    ("national/2019_全国: 放管服", "要深化“放管服”改革，降低制度性交易成本，下硬功夫打造好发展软环境。", ["放管服"]),
    ("province/2025_黑龙江省: 双减", "落实好“双减”政策，关注学生心理健康，加强素质教育。", ["双减"]),
    ("city/2025_四川省-雅安市: 营造林", "坚持山水林田湖草沙一体化保护和系统治理，营造林25.5万亩，治理水土流失面积156.9平方公里。",
     ["营造林"]),
]

# (id, sentence, quantity surfaces that must each be exactly one token)
QUANTITY_CASES = [
    ("city/2025_四川省-雅安市: 25.5万亩", "坚持山水林田湖草沙一体化保护和系统治理，营造林25.5万亩，治理水土流失面积156.9平方公里。",
     ["25.5万亩", "156.9平方公里"]),
    ("city/2020_湖南省-郴州市: 25.5万亩", "完成人工造林25.5万亩、封山育林30.23万亩。", ["25.5万亩", "30.23万亩"]),
    ("province/2026_广东省: 4.5%—5%", "今年经济社会发展的主要预期目标是：地区生产总值增长4.5%—5%，在实际工作中全力争取更好结果；",
     ["4.5%—5%"]),
    ("national/2026_全国: 1267万人 5.2%", "就业总体稳定，城镇新增就业1267万人，城镇调查失业率平均为5.2%。", ["1267万人", "5.2%"]),
    ("national/2010_全国: full-width 3％", "居民消费价格涨幅3％左右；", ["3％"]),
    ("province/2025_陕西省: 5000亿元", "全省研发经费投入强度进一步提升，技术合同成交额5000亿元以上。", ["5000亿元"]),
]

ODD_TEXTS = [
    pytest.param("", id="empty"),
    pytest.param(" ", id="one space"),
    pytest.param("\r\n\r\n", id="CRLF"),
    pytest.param("\u3000\u3000各位代表：\n", id="ideographic spaces"),
    pytest.param("GDP增长5%，CPI涨幅3%。", id="ASCII acronyms"),
    pytest.param("１２３４５６　万元", id="full-width digits"),
    pytest.param("😀〇〇〇%%%……——", id="symbols"),
    pytest.param("十四五 规划 “十五五”", id="spaced and quoted slogans"),
]

ALL_CASE_TEXTS = [text for _, text, _ in WORD_CASES + QUANTITY_CASES]


def _texts(tokens: list[Token]) -> list[str]:
    return [t.text for t in tokens]


def assert_tiles(text: str, tokens: list[Token]) -> None:
    """Every token's text is its span of the input; spans are consecutive and cover all of it."""
    position = 0
    for token in tokens:
        start, end = token.span
        assert start == position, f"gap or overlap before {token!r}"
        assert end > start, f"empty token {token!r}"
        assert text[start:end] == token.text
        position = end
    assert position == len(text)


# --- dictionary words -------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "words"), [pytest.param(t, w, id=i) for i, t, w in WORD_CASES])
def test_dictionary_words_are_single_tokens(text: str, words: list[str]) -> None:
    texts = _texts(tokenize(text))
    for word in words:
        assert word in texts, f"{word} split: {'/'.join(texts)}"


@pytest.mark.parametrize(("text", "quantities"), [pytest.param(t, q, id=i) for i, t, q in QUANTITY_CASES])
def test_quantities_are_single_tokens(text: str, quantities: list[str]) -> None:
    tokens = tokenize(text)
    for surface in quantities:
        matches = [t for t in tokens if t.text == surface]
        assert matches, f"{surface} split: {'/'.join(_texts(tokens))}"
        assert all(t.is_quantity and t.pos == "mq" for t in matches)


def test_quantity_spans_are_those_of_find_quantities() -> None:
    from govextract.quantities import find_quantities

    text = QUANTITY_CASES[0][1]
    assert [t.span for t in tokenize(text) if t.is_quantity] == [q.span for q in find_quantities(text)]


def test_words_and_tags() -> None:
    tokens = tokenize("规上工业增加值增长6%")
    assert tokens == [
        Token(text="规上工业增加值", span=(0, 7), pos="n"),
        Token(text="增长", span=(7, 9), pos="v"),
        Token(text="6%", span=(9, 11), pos="mq", is_quantity=True),
    ]


def test_scope_and_modifier_words_stay_apart() -> None:
    # national/2024_全国 style wording: the scope word and the modifier are their own tokens.
    texts = _texts(tokenize("全市地区生产总值增长6%，居民消费价格涨幅2%左右。"))
    assert texts[:3] == ["全市", "地区生产总值", "增长"]
    assert "居民消费价格" in texts and "涨幅" in texts


# --- offsets ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [pytest.param(t, id=i) for i, t, _ in WORD_CASES + QUANTITY_CASES])
def test_spans_tile_case_sentences(text: str) -> None:
    assert_tiles(text, tokenize(text))


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_spans_tile_odd_text(text: str) -> None:
    assert_tiles(text, tokenize(text))


def test_whitespace_is_kept_as_tokens() -> None:
    text = "各位代表：\n\n  现在，"
    tokens = tokenize(text)
    assert "".join(_texts(tokens)) == text
    spaces = [t for t in tokens if t.text.isspace()]
    assert [t.text for t in spaces] == ["\n", "\n", " ", " "]
    assert {t.pos for t in spaces} == {"x"}


@pytest.mark.parametrize("name", ["national/2024_全国.txt", "national/1990_全国.txt"])
def test_spans_tile_a_whole_report(name: str) -> None:
    path = CORPUS_DIR / name
    if not path.exists():
        pytest.skip(f"corpus file {path} not available")
    text = path.read_text(encoding="utf-8")
    tokens = tokenize(text)
    assert_tiles(text, tokens)
    assert any(t.is_quantity for t in tokens)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from("规上工业增加值长5%.—万亿元亩四上放管服“”，。 \n\r0123456789一二三十百千"), max_size=40))
def test_tokenize_never_raises_and_always_tiles(text: str) -> None:
    assert_tiles(text, tokenize(text))


# --- the Token record -------------------------------------------------------------------------


def test_token_is_frozen_and_strict() -> None:
    token = tokenize("双减")[0]
    assert token == Token(text="双减", span=(0, 2), pos="j")
    with pytest.raises(ValidationError):
        token.text = "x"  # type: ignore[misc]
    with pytest.raises(ValidationError):
        Token(text="x", span=(0, 1), pos="x", extra=1)  # type: ignore[call-arg]


# --- the tokenizer object ---------------------------------------------------------------------


def test_tokenizer_is_built_once() -> None:
    assert tokenizer() is tokenizer()


def test_tokenize_is_thread_safe() -> None:
    expected = [tokenize(t) for t in ALL_CASE_TEXTS]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(tokenize, ALL_CASE_TEXTS * 8))
    assert results == expected * 8


def test_concurrent_first_use_builds_one_tokenizer() -> None:
    """In a fresh process, eight threads asking for the tokenizer at once get one object."""
    code = """
import json, threading
from concurrent.futures import ThreadPoolExecutor
from govextract.tokenize import tokenizer
barrier = threading.Barrier(8)
def get(_):
    barrier.wait()
    return id(tokenizer())
with ThreadPoolExecutor(8) as pool:
    print(json.dumps(len(set(pool.map(get, range(8))))))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == 1


def test_jieba_global_state_is_untouched() -> None:
    """A fresh process: jieba.dt, jieba.posseg.dt, jieba's logger and the root logger are as before."""
    code = """
import json, logging
import jieba, jieba.posseg
words = ["规上工业增加值", "一般公共预算收入", "放管服", "四上", "高新技术企业"]
def state():
    return {
        "lcut": [jieba.lcut(w) for w in words],
        "pos": [[(p.word, p.flag) for p in jieba.posseg.lcut(w)] for w in words],
        "user_tags": dict(jieba.dt.user_word_tag_tab),
        "freq": [jieba.dt.FREQ.get(w) for w in words],
        "total": jieba.dt.total,
        "pos_tab": len(jieba.posseg.dt.word_tag_tab),
        "jieba_level": logging.getLogger("jieba").level,
        "root": [logging.getLogger().level, len(logging.getLogger().handlers)],
    }
jieba.setLogLevel(logging.WARNING)
before = state()
from govextract.tokenize import tokenize
tokens = [t.text for t in tokenize("规上工业增加值增长6%，深化放管服改革")]
after = state()
print(json.dumps({"before": before, "after": after, "tokens": tokens}, ensure_ascii=False))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    assert result["tokens"][0] == "规上工业增加值"
    assert result["before"] == result["after"]
    assert result["after"]["user_tags"] == {}
    assert result["after"]["lcut"][0] != ["规上工业增加值"]  # the shared tokenizer still splits it


def test_building_the_tokenizer_prints_nothing() -> None:
    code = "from govextract.tokenize import tokenize; tokenize('规上工业增加值增长6%')"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == "" and out.stderr == ""


# --- the dictionary file ----------------------------------------------------------------------

DICTIONARY_TEXT = read_data_text(DICTIONARY_FILE)
ENTRY_LINES = [ln for ln in DICTIONARY_TEXT.splitlines() if ln.strip() and not ln.startswith("#")]
JIEBA_TAGS = {"n", "nz", "j", "l", "vn", "v"}
REQUIRED_WORDS = [
    "四上", "双减", "高新技术企业", "规上工业增加值", "一般公共预算收入", "地区生产总值", "城镇调查失业率",
    "居民消费价格", "社会消费品零售总额", "固定资产投资", "规模以上工业增加值", "城镇新增就业",
    "研发经费投入强度", "单位GDP能耗", "新型研发机构", "市场主体", "普惠性幼儿园", "专精特新", "营商环境", "放管服",
]


def test_dictionary_is_well_formed() -> None:
    entries = parse_dictionary(DICTIONARY_TEXT)
    assert len(entries) == len(ENTRY_LINES) >= 300
    for line in ENTRY_LINES:
        word, freq, pos = line.split(" ")
        assert line == line.strip() and int(freq) > 0 and pos in JIEBA_TAGS, line


def test_dictionary_has_no_duplicates() -> None:
    words = [line.split(" ")[0] for line in ENTRY_LINES]
    duplicates = sorted({w for w in words if words.count(w) > 1})
    assert duplicates == []


def test_dictionary_header_records_provenance_and_corpus_check() -> None:
    header = "\n".join(ln for ln in DICTIONARY_TEXT.splitlines() if ln.startswith("#"))
    assert "indicators.csv" in header
    assert "every entry occurs in /work/shared/corpora/reports" in header
    assert f"Provenance ({len(ENTRY_LINES)} entries)" in header


@pytest.mark.parametrize("word", REQUIRED_WORDS)
def test_issue_words_are_single_tokens(word: str) -> None:
    """Each word of the issue is one token: from gov_dict.txt, or (市场主体) from jieba's own dictionary."""
    assert _texts(tokenize(word)) == [word]


def test_every_dictionary_word_alone_is_one_token() -> None:
    split = [e.word for e in parse_dictionary(DICTIONARY_TEXT) if [p.word for p in tokenizer().cut(e.word)] != [e.word]]
    assert split == []


@pytest.mark.parametrize(
    ("source", "code"),
    [
        pytest.param("# header\n双减 500 j\n双减 600 j\n", "GX502", id="duplicate word"),
        pytest.param("双减 500\n", "GX501", id="missing tag"),
        pytest.param("双减 0 j\n", "GX501", id="zero frequency"),
        pytest.param("双减\t500\tj\n", "GX501", id="tabs"),
        pytest.param("# only a header\n", "GX503", id="no entries"),
    ],
)
def test_malformed_dictionary_fails_loudly(source: str, code: str) -> None:
    with pytest.raises(DataError, match=code):
        parse_dictionary(source, "test.txt")
