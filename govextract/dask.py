"""govextract on a Dask cluster (needs the ``dask`` extra: ``pip install 'govextract[dask]'``).

``parse_bag(paths)`` is a ``dask.bag.Bag`` holding, for every path, a
:class:`~govextract.models.Report` or a :class:`~govextract.batch.ParseFailure`, in input order::

    from distributed import Client
    from govextract import Report
    from govextract.dask import parse_bag

    client = Client("tcp://scheduler:8786")          # or Client() for a local cluster
    bag = parse_bag(paths, npartitions=200)
    goals = bag.filter(lambda r: isinstance(r, Report)).map(lambda r: len(r.goals)).sum().compute()

The files must be readable at the same paths on every worker (a shared file system), and
govextract must be installed on the workers. ``govextract batch --engine dask --scheduler ADDRESS``
writes the same tables as the local engine, through :func:`map_as_completed`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any, TypeVar

from .batch import ParseFailure, parse_one

if TYPE_CHECKING:  # pragma: no cover
    import dask.bag

    from .models import Report

__all__ = ["map_as_completed", "parse_bag"]

_T = TypeVar("_T")
_R = TypeVar("_R")


def parse_bag(paths: Iterable[str | os.PathLike[str]], *, npartitions: int | None = None) -> dask.bag.Bag:
    """A bag of ``parse_report`` results for ``paths``: a Report or a ParseFailure per path.

    Nothing runs until the bag is computed (on the current ``distributed.Client`` if there is
    one). One bad file gives a ``ParseFailure``; the rest go on.
    """
    import dask.bag as db

    return db.from_sequence([str(p) for p in paths], npartitions=npartitions).map(_parse_path)


def _parse_path(path: str) -> Report | ParseFailure:
    return parse_one(path)


def map_as_completed(
    fn: Callable[[_T], _R], items: Iterable[_T], *, scheduler: str | None = None, workers: int | None = None,
    on_error: Callable[[_T, BaseException], _R], in_flight: int | None = None,
) -> Iterator[_R]:
    """``fn`` over ``items`` on a Dask cluster, results as they complete.

    ``scheduler`` is the address of a running scheduler; without it a ``LocalCluster`` of
    ``workers`` processes (one thread each) is started and closed at the end. At most
    ``in_flight`` tasks (default four per worker thread) are submitted at once, so memory stays flat.
    A task that fails on the cluster (e.g. a worker killed) gives ``on_error(item, exc)``.
    """
    from distributed import Client, LocalCluster, as_completed

    cluster: Any = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                               processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        threads = sum(client.nthreads().values()) or 1
        limit = max(1, in_flight or 4 * threads)
        source = iter(items)
        item_of: dict[str, _T] = {}
        pending = as_completed()

        def submit(item: _T) -> None:
            future = client.submit(fn, item, pure=False)
            item_of[future.key] = item
            pending.add(future)

        for item in islice(source, limit):
            submit(item)
        for future in pending:
            item = item_of.pop(future.key)
            try:
                result = future.result()
            except Exception as exc:  # noqa: BLE001 - a task lost on the cluster fails its input only
                result = on_error(item, exc)
            future.release()
            for nxt in islice(source, 1):
                submit(nxt)
            yield result
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
