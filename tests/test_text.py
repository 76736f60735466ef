"""govextract.text: decoding real report bytes and the same-length normalised view.

Fixtures in tests/fixtures/reader/ are excerpts copied from ../shared/corpora/reports (file named
in each case id); the GBK file is the 浙江 2013 opening encoded as GBK with CRLF, the HTML page is
the 广东 2024 opening wrapped in a page with nav/script/style.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from govextract.errors import DecodeError, InputError
from govextract.resources import load_toml
from govextract.text import normalize, read_document

FIX = Path(__file__).parent / "fixtures" / "reader"
SEED = FIX / "seed_county_2023_重庆市开州区.txt"


def test_utf8_path_str_and_pathlike_agree():
    by_path = read_document(SEED)
    by_str = read_document(str(SEED))
    assert by_path.text == by_str.text
    assert by_path.encoding == "utf-8"
    assert by_path.source == str(SEED)
    assert by_path.text.startswith("导航菜单\n")


def test_gbk_excerpt_province_2013_zhejiang():
    doc = read_document(FIX / "gbk_province_2013_浙江省.txt")
    assert doc.encoding == "gb18030"
    assert "\r" not in doc.text
    assert doc.text.startswith("政府工作报告\n\n2013年1月25日在浙江省第十二届人民代表大会第一次会议上")


@pytest.mark.parametrize(
    ("label", "data", "encoding"),
    [
        ("utf8-bom", "\ufeff各位代表：\r\n现在".encode("utf-8"), "utf-8-sig"),
        ("utf16-le-bom", "各位代表：\r现在".encode("utf-16"), "utf-16"),
        ("utf16-be-bom", b"\xfe\xff" + "各位代表：\r\n现在".encode("utf-16-be"), "utf-16"),
        ("gbk", "各位代表：\r\n现在".encode("gbk"), "gb18030"),
    ],
)
def test_encodings_and_newlines(label, data, encoding):
    doc = read_document(data, name=label)
    assert doc.text == "各位代表：\n现在"
    assert doc.encoding == encoding
    assert doc.source == label


def test_str_with_newline_is_text_not_path():
    doc = read_document("各位代表：\n现在，我代表市人民政府")
    assert doc.source is None and doc.encoding == "str"
    assert doc.text.startswith("各位代表")


def test_html_page_keeps_paragraphs_drops_script_nav():
    doc = read_document(FIX / "html_province_2024_广东省.html")
    assert doc.encoding.endswith("+html")
    assert "不是正文" not in doc.text and "广告" not in doc.text and "政务公开" not in doc.text
    lines = doc.text.split("\n")
    assert lines[0] == "政府工作报告"
    assert "——2024年1月23日在广东省第十四届人民代表大会第二次会议上" in lines


def test_html_bytes_detected_by_content():
    page = "<!DOCTYPE html><html><body><p>各位代表：</p><p>现在，我代表省人民政府</p></body></html>"
    assert read_document(page.encode("utf-8")).text == "各位代表：\n现在，我代表省人民政府"


@pytest.mark.parametrize(
    ("label", "data"),
    [
        ("png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20),
        ("zip-docx", b"PK\x03\x04" + b"\x00" * 20),
        ("nul-bytes", "各位代表".encode("utf-8") + b"\x00\x01\x02" * 10),
        ("cyrillic-koi8", "Привет, мир. Это не китайский текст.".encode("koi8-r") * 20),
    ],
)
def test_binary_or_foreign_bytes_raise_decode_error(label, data):
    with pytest.raises(DecodeError, match=label):
        read_document(data, name=label)


def test_missing_path_and_directory_raise_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="directory"):
        read_document(tmp_path)


def test_big5_is_read_with_a_warning_not_mojibake():
    doc = read_document("各位代表：現在，我代表省人民政府向大會報告工作。預計全省生產總值增長。".encode("big5") * 20)
    assert doc.text.startswith("各位代表：現在")
    assert doc.warnings and "guessed" in doc.warnings[0]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("经济增长６％左右", "经济增长6%左右"),  # full-width digits, national 1990s (corpora/README)
        ("增长4.5%—5%", "增长4.5%-5%"),
        ("增长6.0%–6.5%", "增长6.0%-6.5%"),
        ("5%－6%", "5%-6%"),
        ("１．５万亿元", "1.5万亿元"),
        ("（一）经济运行稳中有进。", "(一)经济运行稳中有进。"),
        ("⻄安⻓安⻔", "西安长安门"),  # CJK radical look-alikes (JioNLP #249)
        ("⼀⼆⼈", "一二人"),  # Kangxi radicals
        ("市长\u3000李\u00a0军\u200b", "市长 李 军 "),
        ("4～5个", "4~5个"),
        ("，、。", "，、。"),  # never folded
    ],
)
def test_normalize_folds_one_to_one(raw, expected):
    out = normalize(raw)
    assert out == expected
    assert len(out) == len(raw)


def test_normalize_traditional_is_same_length():
    raw = "預計萬元，發展經濟"
    out = normalize(raw, traditional=True)
    assert out == "预计万元，发展经济"
    assert len(out) == len(raw)


def test_normalize_same_length_on_seed():
    text = read_document(SEED).text
    assert len(normalize(text)) == len(text)


def test_kangxi_table_in_sync_with_nfkc():
    kangxi = load_toml("normalize.toml")["kangxi"]
    for src, dst in kangxi.items():
        assert unicodedata.normalize("NFKC", src) == dst
    assert len(kangxi) == 214
