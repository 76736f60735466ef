"""DataFrames of goal records: columns, dtypes, metadata, and batch output read back."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import govextract
from govextract.frames import COLUMNS, DTYPES, SECTION_SEPARATOR

pd = pytest.importorskip("pandas")

ROOT = Path(__file__).parent.parent
SEED = ROOT / "corpora" / "reports" / "000_d6e3c5fb2c655f82.txt"
REPORTS = sorted((ROOT / "corpora" / "reports").glob("*.txt"))[:4]


@pytest.fixture(scope="module")
def seed():
    return govextract.parse_report(SEED, name=str(SEED))


@pytest.fixture(scope="module")
def reports():
    return [govextract.parse_report(path, name=str(path)) for path in REPORTS]


def test_importing_govextract_imports_neither_pandas_nor_spacy():
    code = "import sys, govextract; govextract.parse_report('经济增长5%左右'); print('pandas' in sys.modules, 'spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.split() == ["False", "False"]


def test_lazy_names_resolve_to_frames():
    from govextract import frames

    assert govextract.to_dataframe is frames.to_dataframe
    assert govextract.read_jsonl is frames.read_jsonl
    assert govextract.read_parquet is frames.read_parquet
    assert "to_dataframe" in dir(govextract)
    with pytest.raises(AttributeError):
        govextract.no_such_name  # noqa: B018


def test_one_row_per_goal_in_order(seed):
    frame = seed.to_dataframe()
    assert list(frame.columns) == list(COLUMNS)
    assert len(frame) == len(seed.goals)
    assert frame["text"].tolist() == [g.text for g in seed.goals]
    assert list(zip(frame["start"], frame["end"])) == [g.span for g in seed.goals]


def test_dtypes(seed):
    frame = seed.to_dataframe()
    assert {name: str(dtype) for name, dtype in frame.dtypes.items()} == dict(DTYPES)
    assert list(frame["status"].cat.categories) == ["target", "actual", "estimate"]
    assert list(frame["level"].cat.categories) == ["national", "province", "city", "county", "zone"]
    assert list(frame["qualifier"].cat.categories) == ["approx", "at_least", "at_most", "range"]


def test_document_metadata_on_every_row(seed):
    frame = seed.to_dataframe()
    assert set(frame["region"]) == {"重庆市开州区"}
    assert set(frame["level"]) == {"county"}
    assert set(frame["year"]) == {2023}
    assert set(frame["date"]) == {"2023-02-08"}
    assert set(frame["source"]) == {str(SEED)}


def test_values_are_nullable_floats(seed):
    frame = seed.to_dataframe()
    row = frame.iloc[3]
    goal = seed.goals[3]
    assert (row["indicator"], row["value"], row["unit"], row["qualifier"]) == ("普惠性幼儿园覆盖率", 96.0, "%", "at_least")
    assert row["goal_year"] == goal.year == 2023
    assert row["section"] == SECTION_SEPARATOR.join(goal.section)
    assert pd.isna(row["low"]) and pd.isna(row["high"])


def test_range_has_no_value():
    frame = govextract.parse_report("今年主要预期目标是：国内生产总值增长6%—6.5%。").to_dataframe()
    row = frame.iloc[0]
    assert pd.isna(row["value"]) and (row["low"], row["high"], row["qualifier"]) == (6.0, 6.5, "range")


def test_many_reports_concatenate(reports):
    frame = govextract.to_dataframe(reports)
    assert len(frame) == sum(len(r.goals) for r in reports)
    assert frame["source"].unique().tolist() == [r.source for r in reports if r.goals]


def test_no_reports_give_an_empty_typed_frame():
    frame = govextract.to_dataframe([])
    assert frame.empty and list(frame.columns) == list(COLUMNS)
    assert {name: str(dtype) for name, dtype in frame.dtypes.items()} == dict(DTYPES)


def test_text_without_goals_gives_no_rows():
    assert govextract.parse_report("坚持“两个毫不动摇”。").to_dataframe().empty


# --------------------------------------------------------------------------- reading back


def _without_dimension(frame):
    return frame.drop(columns=["dimension"])


def _batch(tmp_path: Path, fmt: str) -> Path:
    pytest.importorskip("govextract.batch")
    out = tmp_path / fmt
    cmd = [sys.executable, "-m", "govextract.cli", "batch", *map(str, REPORTS), "-o", str(out), "--workers", "1", "--format", fmt]
    subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
    return out


def test_read_jsonl_of_batch_output_is_the_same_frame(tmp_path, reports):
    out = _batch(tmp_path, "jsonl")
    frame = govextract.read_jsonl(out)
    # batch tables carry the contract's fields, so dimension is not written
    pd.testing.assert_frame_equal(_without_dimension(frame), _without_dimension(govextract.to_dataframe(reports)))
    assert frame["dimension"].isna().all()
    assert govextract.read_jsonl(out / "goals.jsonl").equals(frame)


def test_read_parquet_of_batch_output_is_the_same_frame(tmp_path, reports):
    pytest.importorskip("pyarrow")
    out = _batch(tmp_path, "parquet")
    frame = govextract.read_parquet(out)
    pd.testing.assert_frame_equal(_without_dimension(frame), _without_dimension(govextract.to_dataframe(reports)))
    assert govextract.read_parquet(out / "goals.parquet").equals(frame)


def test_read_jsonl_of_cli_parse_output(tmp_path, seed):
    lines = subprocess.run([sys.executable, "-m", "govextract.cli", "parse", str(SEED), "--format", "jsonl"],
                           check=True, capture_output=True, text=True, cwd=ROOT).stdout
    path = tmp_path / "goals.jsonl"
    path.write_text(lines, encoding="utf-8")
    frame = govextract.read_jsonl(path)
    expected = seed.to_dataframe()
    goal_columns = ["text", "start", "end", "value", "unit", "qualifier", "indicator", "change", "status", "goal_year", "section"]
    pd.testing.assert_frame_equal(frame[goal_columns], expected[goal_columns])
    assert frame["region"].isna().all()  # the jsonl lines carry no document metadata


def test_read_jsonl_of_document_json(tmp_path, seed):
    document = subprocess.run([sys.executable, "-m", "govextract.cli", "parse", str(SEED)],
                              check=True, capture_output=True, text=True, cwd=ROOT).stdout
    path = tmp_path / "report.jsonl"
    path.write_text(document, encoding="utf-8")
    frame = govextract.read_jsonl(path)
    pd.testing.assert_frame_equal(_without_dimension(frame), _without_dimension(seed.to_dataframe()))


def test_read_jsonl_rejects_a_broken_line(tmp_path):
    path = tmp_path / "goals.jsonl"
    path.write_text(json.dumps({"text": "5%"}) + "\n{oops\n", encoding="utf-8")
    with pytest.raises(ValueError, match="GX601 .* line 2"):
        govextract.read_jsonl(path)


def test_read_jsonl_of_a_folder_without_goals(tmp_path):
    with pytest.raises(FileNotFoundError, match="GX602"):
        govextract.read_jsonl(tmp_path)
