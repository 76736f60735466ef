"""The spaCy integration: tokenizer, govextract_quantities component, displaCy on the seed."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")

import govextract  # noqa: E402
import govextract.spacy as gxspacy  # noqa: E402
from spacy import displacy  # noqa: E402

ROOT = Path(__file__).parent.parent
SEED = ROOT / "corpora" / "reports" / "000_d6e3c5fb2c655f82.txt"
SEED_GOLD = ROOT / "corpora" / "gold" / "000_d6e3c5fb2c655f82.goals.jsonl"


@pytest.fixture(scope="module")
def nlp():
    return gxspacy.blank()


@pytest.fixture(scope="module")
def seed_doc(nlp):
    return nlp(govextract.read_document(SEED).text)


@pytest.fixture(scope="module")
def gold():
    lines = SEED_GOLD.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_the_module_imports_the_real_spacy():
    assert gxspacy.spacy is spacy
    assert Path(spacy.__file__).parent.name == "spacy" and "govextract" not in spacy.__file__


def test_blank_zh_with_the_registered_tokenizer_downloads_nothing():
    code = (
        "import sys, spacy, govextract.spacy\n"
        "nlp = spacy.blank('zh', config={'nlp': {'tokenizer': {'@tokenizers': 'govextract.tokenizer'}}})\n"
        "print(type(nlp.tokenizer).__name__, [t.text for t in nlp('规上工业增加值增长6%')])\n"
        "print('spacy_pkuseg' in sys.modules, 'spacy.lang.zh' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    first, second = out.stdout.splitlines()
    assert first == "GovextractTokenizer ['规上工业增加值', '增长', '6%']"
    assert second.split()[0] == "False"  # pkuseg (a model download) is never touched


@pytest.mark.parametrize("text", [
    "新增高标准农田25.5万亩",
    "经济增长4.5%—5%，\n\n居民消费价格涨幅2%左右。",
    "GDP growth  of 5% \r\n今年 目标",
    "",
])
def test_tokens_tile_the_text(nlp, text):
    doc = nlp.tokenizer(text)
    assert doc.text == text
    assert [t.text for t in doc if not t.is_space] == [t.text for t in govextract.tokenize(text) if not t.text.isspace()]


def test_quantity_is_one_token_with_its_tag(nlp):
    doc = nlp.tokenizer("新增高标准农田25.5万亩")
    assert (doc[-1].text, doc[-1].tag_) == ("25.5万亩", "mq")


def test_entities_carry_quantity_and_goal(nlp):
    doc = nlp("力争普惠性幼儿园覆盖率达到96%以上，新增城镇就业1.2万人，一般公共预算收入增长5%，增加2个百分点。")
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("96%", "PERCENT"), ("1.2万人", "COUNT"), ("5%", "PERCENT"), ("2个百分点", "PERCENT_POINT"),
    ]
    first = doc.ents[0]
    assert first._.quantity.qualifier.value == "at_least"
    assert (first._.goal.indicator, first._.goal.modality, first._.goal.status.value) == ("普惠性幼儿园覆盖率", "力争", "target")
    assert doc._.goals == [e._.goal for e in doc.ents]


def test_money_label(nlp):
    doc = nlp("完成固定资产投资120亿元。")
    assert [(e.text, e.label_, e._.quantity.value) for e in doc.ents] == [("120亿元", "MONEY", 12000000000)]


def test_without_goals_only_quantities(nlp):
    quick = gxspacy.blank(goals=False)
    doc = quick("新增城镇就业1.2万人。")
    assert [(e.text, e._.goal) for e in doc.ents] == [("1.2万人", None)]
    assert doc._.sections is None


def test_component_works_after_another_tokenizer():
    nlp = spacy.blank("xx")  # whitespace tokenizer: spans are expanded to whole tokens
    nlp.add_pipe("govextract_quantities")
    doc = nlp("城镇新增就业 1200万人 以上")
    assert [e.text for e in doc.ents] == ["1200万人"]


def test_existing_entities_are_kept_unless_overwritten():
    nlp = gxspacy.blank(quantities=False)
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "GPE", "pattern": "重庆市"}])
    nlp.add_pipe("govextract_quantities")
    doc = nlp("重庆市 新增就业1.2万人")
    assert [(e.text, e.label_) for e in doc.ents] == [("重庆市", "GPE"), ("1.2万人", "COUNT")]


def test_sections_on_the_doc(seed_doc):
    report = govextract.parse_report(SEED)
    assert seed_doc._.sections == report.sections
    titles = [s.title for top in report.sections for s in top.walk()]
    assert len(seed_doc.spans[gxspacy.SECTIONS_KEY]) == len(titles)


def test_seed_entities_are_the_gold_quantities(seed_doc, gold):
    entities = {(e.start_char, e.end_char): e for e in seed_doc.ents}
    required = [g for g in gold if not g.get("optional")]
    assert len(required) == 26
    for record in required:
        ent = entities[tuple(record["span"])]
        assert ent.text == record["text"]
        assert ent._.goal.value == record["value"] or ent._.goal.low == record.get("low")
    assert set(entities) <= {tuple(g["span"]) for g in gold}


def test_displacy_highlights_the_26_gold_quantities(seed_doc, gold):
    html = displacy.render(seed_doc, style="ent", options=dict(gxspacy.DISPLACY_OPTIONS), jupyter=False)
    marks = re.findall(r"<mark[^>]*>\s*(.*?)\s*<span[^>]*>\s*([A-Z_]+)\s*</span>\s*</mark>", html, flags=re.S)
    marked = [(unescape(text).strip(), label) for text, label in marks]
    assert marked == [(e.text, e.label_) for e in seed_doc.ents]
    required = [g["text"] for g in gold if not g.get("optional")]
    texts = [text for text, _ in marked]
    for text in required:
        assert text in texts
    assert len(marked) >= 26


def test_pipeline_round_trips_through_disk(tmp_path, nlp, seed_doc):
    nlp.to_disk(tmp_path / "model")
    loaded = spacy.load(tmp_path / "model")
    assert loaded.pipe_names == ["govextract_quantities"]
    doc = loaded(seed_doc.text)
    assert [(e.start_char, e.label_) for e in doc.ents] == [(e.start_char, e.label_) for e in seed_doc.ents]


def test_nlp_pipe(nlp):
    docs = list(nlp.pipe(["经济增长5%左右。", "新建道路10公里。"]))
    assert [[e.label_ for e in d.ents] for d in docs] == [["PERCENT"], ["QUANTITY"]]
