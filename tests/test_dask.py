"""govextract on a real dask.distributed LocalCluster (worker processes): same results as locally."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

from govextract import Report, parse_many  # noqa: E402
from govextract.batch import ParseFailure  # noqa: E402
from govextract.cli import main  # noqa: E402
from govextract.dask import parse_bag  # noqa: E402

ROOT = Path(__file__).parent.parent
REPORTS = sorted((ROOT / "corpora" / "reports").glob("*.txt"))[:6]


@pytest.fixture(scope="module")
def client():  # noqa: ANN201 - distributed.Client
    cluster = distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None, silence_logs=40,
    )
    client = distributed.Client(cluster, timeout="60s")
    try:
        client.wait_for_workers(2, timeout=60)
        yield client
    finally:
        client.close()
        cluster.close()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in REPORTS:
        shutil.copy(path, folder / path.name)
    (folder / "zz_binary.txt").write_bytes(bytes(range(256)) * 8)
    return folder


def test_parse_bag_gives_what_parse_many_gives(client, corpus: Path) -> None:  # noqa: ANN001
    paths = sorted(corpus.iterdir())
    remote = parse_bag(paths, npartitions=3).compute(scheduler=client)
    local = list(parse_many(paths, workers=1))
    assert [type(r) for r in remote] == [Report] * len(REPORTS) + [ParseFailure]
    assert [r.model_dump_json() for r in remote] == [r.model_dump_json() for r in local]


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_batch_on_dask_writes_the_local_engine_tables(client, corpus: Path, tmp_path: Path, fmt: str) -> None:  # noqa: ANN001
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    local, remote = tmp_path / "local", tmp_path / "dask"
    assert main(["batch", str(corpus), "-o", str(local), "--format", fmt, "--workers", "1"]) == 1  # the binary file
    code = main(["batch", str(corpus), "-o", str(remote), "--format", fmt, "--engine", "dask",
                 "--scheduler", client.scheduler.address, "--chunk-size", "2"])
    assert code == 1
    for name in ("documents", "sections", "goals", "failures"):
        assert (remote / f"{name}.{fmt}").read_bytes() == (local / f"{name}.{fmt}").read_bytes(), name
