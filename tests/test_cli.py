"""The govextract command: parse (json, jsonl, stdin, several files), sections, quantities, errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from govextract.cli import GOAL_FIELDS, main

ROOT = Path(__file__).parent.parent
SEED = ROOT / "corpora" / "reports" / "000_d6e3c5fb2c655f82.txt"
NATIONAL = ROOT / "corpora" / "reports" / "national_2024_全国.txt"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_parse_jsonl_prints_exactly_the_contract_fields(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "parse", str(SEED), "--format", "jsonl")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) >= 26
    text = SEED.read_text(encoding="utf-8")
    for record in records:
        assert tuple(record) == GOAL_FIELDS
        assert text[record["span"][0] : record["span"][1]] == record["text"]
        assert record["value"] is None or isinstance(record["value"], (int, float))
    first = records[0]
    assert (first["text"], first["value"], first["unit"], first["indicator"]) == ("100户", 100, "户", "“四上”市场主体")


def test_parse_json_is_one_document(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "parse", str(SEED))
    assert code == 0
    doc = json.loads(out)
    assert list(doc) == ["source", "title", "region", "level", "date", "year", "sections", "goals", "warnings"]
    assert doc["source"] == str(SEED)
    assert isinstance(doc["goals"][0]["value"], int)


def test_several_files_tag_each_line_with_its_source(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "parse", str(SEED), str(NATIONAL), "--format", "jsonl")
    assert code == 0
    sources = {json.loads(line)["source"] for line in out.splitlines()}
    assert sources == {str(SEED), str(NATIONAL)}


def test_stdin_is_read_with_a_dash() -> None:
    data = "力争普惠性幼儿园覆盖率达到96%以上。".encode("gb18030")
    proc = subprocess.run(
        [sys.executable, "-m", "govextract.cli", "parse", "-", "--format", "jsonl"],
        input=data, capture_output=True, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    record = json.loads(proc.stdout.decode("utf-8"))
    assert (record["text"], record["qualifier"], record["modality"]) == ("96%", "at_least", "力争")


def test_missing_file_is_one_line_on_stderr_and_status_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    code, out, err = run(capsys, "parse", str(missing), str(SEED), "--format", "jsonl")
    assert code == 1
    assert out  # the good file is still parsed
    assert err.count("\n") == 1 and "nope.txt" in err and "GX121" in err


def test_binary_file_is_refused_with_its_name(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    png = tmp_path / "page.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    code, _, err = run(capsys, "parse", str(png))
    assert code == 1 and "page.png" in err and "Traceback" not in err


def test_quantities_lists_the_seed_amounts(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "quantities", str(SEED))
    assert code == 0
    assert "25.5万亩" in out and "255000 亩" in out
    assert "7144" not in out  # the 验证码 of the page footer is boilerplate


def test_sections_prints_the_outline(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "sections", str(SEED))
    assert code == 0
    assert "办好人民满意教育" in out


def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["parse", "--format", "xml", str(SEED)])
    assert exc.value.code == 2
