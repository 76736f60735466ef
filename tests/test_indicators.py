"""Canonical indicators (govextract.indicators): table cases from real sentences, the catalogue,
annotate and parent codes."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pytest

from govextract.errors import DataError
from govextract.indicators import annotate, catalogue, classify, match_name, parent_adcodes
from govextract.models import Goal, Report, Status

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CASES = tomllib.loads((Path(__file__).parent / "cases" / "indicators.toml").read_text(encoding="utf-8"))["case"]


def _goal(case: dict) -> Goal:
    from govextract.quantities import find_quantities

    q = next((q for q in find_quantities(case["sentence"]) if q.text == case["text"]), None)
    value = q.value if q else Decimal(case["text"])
    return Goal(text=case["text"], span=(0, len(case["text"])), value=value, low=q and q.low, high=q and q.high,
                unit=case["unit"], indicator=case["indicator"], status=Status(case.get("status", "target")),
                year=case.get("year"), sentence=case["sentence"])


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, id=c["id"], marks=[pytest.mark.xfail(strict=True, reason=c.get("reason", ""))] if c["group"] == "xfail" else [])
     for c in CASES],
)
def test_case(case: dict) -> None:
    goal = _goal(case)
    offset = case["sentence"].rfind(case["text"])
    m = classify(goal, clause=None, report_year=case.get("report_year"), before=case["sentence"][:offset])
    assert (m.indicator_id or "") == case["expected"]
    if "real" in case:
        assert m.real == (None if case["real"] == "none" else case["real"])
    if "period" in case:
        assert m.period == (None if case["period"] == "none" else tuple(case["period"]))
    if "index_form" in case:
        assert m.index_form is case["index_form"]


def test_cases_cite_corpus_files() -> None:
    corpus = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "reports"
    if not corpus.is_dir():
        pytest.skip("../shared/corpora is not beside the repository")
    from govextract.text import read_document

    for case in CASES:
        assert case["sentence"] in read_document(corpus / case["source"]).text, case["id"]


def test_catalogue_seeded_from_shared_ids() -> None:
    cat = catalogue()
    assert len(cat.indicators) >= 97
    assert {"gdp_growth", "gdp_level", "cpi", "rural_income", "urban_unemployment_surveyed"} <= set(cat.indicators)


def test_catalogue_rejects_duplicate_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    import govextract.indicators as ind

    header = "id,label_zh,measure,units,names,exact,traps\n"
    monkeypatch.setattr(ind, "read_data_text", lambda name: header + "a,A,x,%,甲乙丙丁,,\na,A,x,%,戊己庚辛,,\n")
    ind.catalogue.cache_clear()
    try:
        with pytest.raises(DataError, match="GX303"):
            ind.catalogue()
    finally:
        monkeypatch.undo()
        ind.catalogue.cache_clear()


def test_no_indicator_gives_none() -> None:
    assert match_name(None) is None
    assert classify(Goal(text="5个", span=(0, 2))).indicator_id is None


def test_annotate_sets_ids_and_parents() -> None:
    goals = [Goal(text="6%", span=(14, 16), value=Decimal(6), unit="%", indicator="地区生产总值",
                  status=Status.TARGET, year=2024, sentence="今年主要预期目标是：地区生产总值增长6%左右。")]
    report = annotate(Report(year=2024, adcode="330402", goals=goals))
    assert report.goals[0].indicator_id == "gdp_growth"
    assert report.parent_adcodes == ["330400", "330000"]


def test_parent_adcodes_of_direct_municipality_district_and_province() -> None:
    assert parent_adcodes("110101", 2024) == ["110000"]
    assert parent_adcodes("330000", 2024) == []
    assert parent_adcodes(None, 2024) == []


def test_pipeline_sets_indicator_ids() -> None:
    import govextract

    report = govextract.parse_report("今年主要预期目标是：地区生产总值增长6%左右，城镇登记失业率控制在4%以内。")
    assert [g.indicator_id for g in report.goals] == ["gdp_growth", "urban_unemployment_registered"]
