"""parse_many and ``govextract batch``: pool, tables, formats, failures, resume after a kill."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import govextract
from govextract.batch import STATE_DIR, TABLES, ParseFailure, _Progress, parse_many
from govextract.cli import GOAL_FIELDS, goal_json, main

ROOT = Path(__file__).parent.parent
REPORTS = sorted((ROOT / "corpora" / "reports").glob("*.txt"))
TABLE_NAMES = ("documents", "sections", "goals", "failures")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Ten real reports in a folder of their own."""
    folder = tmp_path / "in"
    folder.mkdir()
    for path in REPORTS[:10]:
        shutil.copy(path, folder / path.name)
    return folder


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def batch(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(["batch", *argv])
    return code, capsys.readouterr().err


# --------------------------------------------------------------------------- parse_many


def test_parse_many_in_a_pool_gives_the_in_process_reports_in_input_order(corpus: Path) -> None:
    paths = sorted(corpus.iterdir())[:4]
    pooled = list(parse_many(paths, workers=2))
    alone = list(parse_many(paths, workers=1))
    assert [r.source for r in pooled] == [str(p) for p in paths]
    assert [r.model_dump_json() for r in pooled] == [r.model_dump_json() for r in alone]
    assert pooled[0].model_dump_json() == govextract.parse_report(paths[0], name=str(paths[0])).model_dump_json()


def test_one_bad_file_is_a_failure_and_the_run_goes_on(corpus: Path, tmp_path: Path) -> None:
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    paths = [sorted(corpus.iterdir())[0], tmp_path / "missing.txt", binary, sorted(corpus.iterdir())[1]]
    results = list(parse_many(paths, workers=2))
    assert [type(r).__name__ for r in results] == ["Report", "ParseFailure", "ParseFailure", "Report"]
    missing = results[1]
    assert isinstance(missing, ParseFailure)
    assert (missing.path, missing.error_type) == (str(tmp_path / "missing.txt"), "InputError")
    assert missing.message.startswith("GX121 ")
    assert results[2].error_type == "DecodeError"


def test_parse_many_as_completed_gives_every_result_once(corpus: Path) -> None:
    paths = sorted(corpus.iterdir())[:5]
    results = list(parse_many(paths, workers=2, ordered=False))
    assert sorted(r.source for r in results) == sorted(str(p) for p in paths)


def test_parse_many_rejects_zero_workers() -> None:
    with pytest.raises(ValueError, match="GX901"):
        list(parse_many([], workers=0))


def test_the_front_door_exports_parse_many_and_parse_failure() -> None:
    assert govextract.parse_many is parse_many
    assert govextract.ParseFailure is ParseFailure


# --------------------------------------------------------------------------- tables


def test_batch_writes_four_tables_with_the_documented_columns(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code, err = batch(capsys, str(corpus), "-o", str(out), "--workers", "2", "--chunk-size", "3")
    assert code == 0, err
    assert "10 documents" in err and "0 failed" in err
    assert sorted(p.name for p in out.iterdir()) == sorted([STATE_DIR] + [f"{n}.jsonl" for n in TABLE_NAMES])
    tables = {name: read_jsonl(out / f"{name}.jsonl") for name in TABLE_NAMES}
    for name, rows in tables.items():
        assert all(list(row) == [c for c, _ in TABLES[name]] for row in rows), name
    sources = sorted(str(p) for p in corpus.iterdir())
    assert [d["source"] for d in tables["documents"]] == sources  # input order
    assert tables["failures"] == []
    first = Path(sources[0])
    doc = tables["documents"][0]
    assert doc["doc_id"] == hashlib.sha256(first.read_bytes()).hexdigest()
    report = govextract.parse_report(first, name=str(first))
    assert (doc["region"], doc["year"], doc["n_goals"]) == (report.region, report.year, len(report.goals))
    goals = [g for g in tables["goals"] if g["doc_id"] == doc["doc_id"]]
    assert len(goals) == len(report.goals)
    for row, goal in zip(goals, report.goals):
        expected = goal_json(goal)
        assert (row["start"], row["end"]) == tuple(expected["span"])
        assert row["section"] == " > ".join(expected["section"])
        for field in set(GOAL_FIELDS) - {"span", "section"}:
            assert row[field] == expected[field], field
    sections = [s for s in tables["sections"] if s["doc_id"] == doc["doc_id"]]
    assert [s["title"] for s in sections] == [s.title for top in report.sections for s in top.walk()]
    assert sum(d["n_goals"] for d in tables["documents"]) == len(tables["goals"])


def test_csv_and_parquet_hold_the_same_rows_as_jsonl(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    paths = sorted(corpus.iterdir())[:3]
    for fmt in ("jsonl", "csv", "parquet"):
        assert batch(capsys, *map(str, paths), "-o", str(tmp_path / fmt), "--format", fmt, "--workers", "1")[0] == 0
    for name in TABLE_NAMES:
        columns = TABLES[name]
        expected = read_jsonl(tmp_path / "jsonl" / f"{name}.jsonl")
        with (tmp_path / "csv" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        assert rows[0] == [c for c, _ in columns]
        as_text = [["" if r[c] is None else str(r[c]) for c, _ in columns] for r in expected]
        assert rows[1:] == as_text, name
        table = pq.read_table(tmp_path / "parquet" / f"{name}.parquet")
        kinds = {"string": "string", "int": "int64", "float": "double"}
        assert [(f.name, str(f.type)) for f in table.schema] == [(c, kinds[k]) for c, k in columns]
        floats = {c for c, k in columns if k == "float"}
        as_json = [{c: (float(v) if c in floats and v is not None else v) for c, v in r.items()} for r in expected]
        assert table.to_pylist() == as_json, name


def test_failures_are_a_table_a_line_each_and_exit_status_1(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty_glob = str(tmp_path / "nothing" / "*.txt")
    code, err = batch(capsys, str(sorted(corpus.iterdir())[0]), str(tmp_path / "missing.txt"), empty_glob,
                      "-o", str(tmp_path / "out"), "--workers", "1")
    assert code == 1
    assert "GX121" in err and "2 failed" in err and "1 documents" in err
    failures = read_jsonl(tmp_path / "out" / "failures.jsonl")
    assert [(f["path"], f["error_type"]) for f in failures] == [(empty_glob, "InputError"), (str(tmp_path / "missing.txt"), "InputError")]
    assert len(read_jsonl(tmp_path / "out" / "documents.jsonl")) == 1


def test_the_same_content_twice_is_one_document(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = sorted(corpus.iterdir())[0]
    shutil.copy(first, corpus / "zz_copy.txt")
    code, err = batch(capsys, str(corpus), "-o", str(tmp_path / "out"), "--workers", "1")
    assert code == 0 and "1 duplicates" in err
    documents = read_jsonl(tmp_path / "out" / "documents.jsonl")
    assert len(documents) == 10 and documents[0]["source"] == str(first)


def test_a_directory_gives_its_reports_not_the_output_or_hidden_files(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (corpus / ".hidden.txt").write_text("增长5%。", encoding="utf-8")
    (corpus / "notes.md").write_text("增长5%。", encoding="utf-8")
    out = corpus / "out"
    assert batch(capsys, str(corpus), "-o", str(out), "--workers", "1")[0] == 0
    assert batch(capsys, str(corpus), "-o", str(out), "--workers", "1", "--format", "csv")[0] == 0
    assert len(read_jsonl(out / "documents.jsonl")) == 10


def test_bad_usage_exits_2(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert batch(capsys, str(corpus), "-o", str(tmp_path / "o"), "--scheduler", "tcp://127.0.0.1:1")[0] == 2
    assert batch(capsys, str(corpus), "-o", str(tmp_path / "o"), "--workers", "0")[0] == 2


# --------------------------------------------------------------------------- resume


def test_resume_after_a_partial_run_gives_the_same_bytes(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paths = [str(p) for p in sorted(corpus.iterdir())]
    partial, full = tmp_path / "partial", tmp_path / "full"
    assert batch(capsys, *paths[::2], "-o", str(partial), "--format", "csv", "--workers", "1")[0] == 0
    code, err = batch(capsys, *paths, "-o", str(partial), "--format", "csv", "--workers", "2", "--resume")
    assert code == 0 and "(5 parsed, 5 resumed" in err
    assert batch(capsys, *paths, "-o", str(full), "--format", "csv", "--workers", "1", "--chunk-size", "4")[0] == 0
    for name in TABLE_NAMES:
        assert (partial / f"{name}.csv").read_bytes() == (full / f"{name}.csv").read_bytes(), name
    # without --resume the parts are dropped and everything is parsed again
    code, err = batch(capsys, *paths, "-o", str(partial), "--format", "csv", "--workers", "1")
    assert "(10 parsed, 0 resumed" in err


def test_resume_refuses_parts_of_another_version(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert batch(capsys, str(corpus), "-o", str(out), "--workers", "1")[0] == 0
    (out / STATE_DIR / "state.json").write_text('{"version": "0.0.1"}', encoding="utf-8")
    code, err = batch(capsys, str(corpus), "-o", str(out), "--workers", "1", "--resume")
    assert code == 2 and "GX909" in err


def test_a_killed_run_resumes_to_the_bytes_of_an_uninterrupted_run(corpus: Path, tmp_path: Path) -> None:
    """SIGKILL once the first chunk is on disk, then --resume; compare with a run never killed.

    The last input is a FIFO with no writer, so the first run blocks on it and is certainly
    killed half way; it is then replaced by a regular report.
    """
    pq = pytest.importorskip("pyarrow.parquet")
    last = corpus / "zz_last.txt"
    os.mkfifo(last)
    out, clean = tmp_path / "out", tmp_path / "clean"
    command = [sys.executable, "-c", "import sys; from govextract.cli import main; sys.exit(main())", "batch", str(corpus), str(last), "--format", "parquet",
               "--workers", "2", "--chunk-size", "2"]
    env = {**os.environ, "CI": "1"}
    proc = subprocess.Popen([*command, "-o", str(out)], env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parts = out / STATE_DIR
    deadline = time.monotonic() + 30
    try:
        while not list(parts.glob("part-*.jsonl")) and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.01)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    written = len(list(parts.glob("part-*.jsonl")))
    assert written >= 1 and not (out / "goals.parquet").exists()
    last.unlink()
    shutil.copy(REPORTS[10], last)

    resumed = subprocess.run([*command, "-o", str(out), "--resume"], env=env, capture_output=True, text=True, timeout=60)
    assert resumed.returncode == 0, resumed.stderr
    assert f"({11 - 2 * written} parsed, {2 * written} resumed" in resumed.stderr
    uninterrupted = subprocess.run([*command, "-o", str(clean)], env=env, capture_output=True, text=True, timeout=60)
    assert uninterrupted.returncode == 0, uninterrupted.stderr
    for name in TABLE_NAMES:
        assert (out / f"{name}.parquet").read_bytes() == (clean / f"{name}.parquet").read_bytes(), name
    assert pq.read_table(out / "documents.parquet").num_rows == 11
    assert not [p for p in out.iterdir() if ".tmp-" in p.name]


# --------------------------------------------------------------------------- progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_line_is_drawn_on_a_terminal_only_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    screen = _Terminal()
    bar = _Progress(10, stream=screen)
    bar.update(3, 3, 120, 1, force=True)
    assert screen.getvalue().startswith("\r3/10 files · 120 goals · 1 failed · ")
    bar.clear()
    assert screen.getvalue().endswith("\r")
    monkeypatch.setenv("CI", "true")
    quiet = _Terminal()
    _Progress(10, stream=quiet).update(3, 3, 120, 1, force=True)
    pipe = io.StringIO()
    monkeypatch.delenv("CI")
    _Progress(10, stream=pipe).update(3, 3, 120, 1, force=True)
    assert quiet.getvalue() == pipe.getvalue() == ""
