"""The accuracy gate: govextract on the gold set must stay at or above the floors in benchmarks/baseline.json.

This is how CI runs ``python benchmarks/accuracy.py --gate``: in-process, on the 13 gold documents.
Raise a floor with ``python benchmarks/accuracy.py --update-baseline``; never edit it down by hand.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks import accuracy  # noqa: E402
from benchmarks.scoring import METRICS  # noqa: E402


def test_baseline_file_is_valid():
    floors = accuracy.load_floors()
    assert set(floors) == set(METRICS)


@pytest.fixture(scope="module")
def run() -> accuracy.Run:
    return accuracy.evaluate()


def test_every_gold_document_parses(run):
    assert [f"{d.name}: {d.error}" for d in run.errors] == []


@pytest.mark.parametrize("metric", METRICS)
def test_total_at_or_above_floor(run, metric):
    floors = accuracy.load_floors()
    value = run.totals()[metric]
    assert value >= floors[metric], f"{metric} = {value:.4f} fell below its floor {floors[metric]:.3f}"


# --------------------------------------------------------------------------- floors bookkeeping (no parsing)


def _run(matched: int, gold: int) -> accuracy.Run:
    from benchmarks.scoring import combine, score_document

    records = [{"text": "1%", "span": [3 * i, 3 * i + 2], "value": i, "unit": "%"} for i in range(gold)]
    doc = score_document(records, records[:matched], name="doc")
    return accuracy.Run(documents=[doc], total=combine([doc]), seconds=0.0)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(0.9876, 0.987, id="rounds-down"),
        pytest.param(0.289, 0.289, id="exact-three-decimals-kept"),
        pytest.param(1.0, 1.0, id="one"),
        pytest.param(2 / 3, 0.666, id="repeating"),
    ],
)
def test_floor3(value, expected):
    assert accuracy.floor3(value) == expected


def test_update_baseline_pins_rounded_down_totals(tmp_path):
    path = tmp_path / "baseline.json"
    written, _ = accuracy.update_baseline(_run(2, 3), path)
    assert written
    floors = accuracy.load_floors(path)
    assert floors["recall"] == 0.666 and floors["precision"] == 1.0
    assert accuracy.gate(_run(2, 3), floors) == []


def test_update_baseline_refuses_to_drop_without_allow_drop(tmp_path):
    path = tmp_path / "baseline.json"
    accuracy.update_baseline(_run(3, 3), path)
    written, messages = accuracy.update_baseline(_run(2, 3), path)
    assert not written
    assert any(m.startswith("recall would drop") for m in messages)
    assert accuracy.load_floors(path)["recall"] == 1.0
    written, _ = accuracy.update_baseline(_run(2, 3), path, allow_drop=True)
    assert written and accuracy.load_floors(path)["recall"] == 0.666


def test_gate_names_the_metrics_below_floor(tmp_path):
    path = tmp_path / "baseline.json"
    accuracy.update_baseline(_run(3, 3), path)
    reasons = accuracy.gate(_run(2, 3), accuracy.load_floors(path))
    assert [r.split(" ")[0] for r in reasons] == ["recall", "f1"]


def test_baseline_with_unknown_metric_fails_loudly(tmp_path):
    path = tmp_path / "baseline.json"
    path.write_text('{"floors": {"precison": 0.5}}', encoding="utf-8")
    with pytest.raises(accuracy.BaselineError, match="precison"):
        accuracy.load_floors(path)
