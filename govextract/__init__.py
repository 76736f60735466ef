"""govextract: typed, quantitative goal records from Chinese government work reports.

The front door::

    >>> import govextract
    >>> report = govextract.parse_report("新建城镇排水管网38公里，城区、乡镇污水集中处理率分别达到96%、85%。")
    >>> [(g.indicator, g.action, str(g.value), g.unit) for g in report.goals]
    [('城镇排水管网', '新建', '38', '公里'), ('城区污水集中处理率', '达到', '96', '%'), ('乡镇污水集中处理率', '达到', '85', '%')]

``find_quantities`` runs the numeric and unit extractor alone; ``read_document`` decodes a file;
``find_sections`` gives the outline; ``tokenize`` the government-dictionary tokens.
``to_dataframe``, ``read_jsonl`` and ``read_parquet`` (from :mod:`govextract.frames`) need pandas
and are imported on first use, so that importing govextract never imports pandas or spaCy.
"""

from __future__ import annotations

import logging

from .batch import ParseFailure, parse_many
from .errors import DataError, DecodeError, GovextractError, InputError
from .models import Change, Goal, Level, Qualifier, Quantity, Report, Role, Section, Status
from .pipeline import parse_report
from .quantities import find_quantities
from .sections import find_sections
from .text import read_document
from .tokenize import Token, tokenize

__all__ = [
    "Change",
    "DataError",
    "DecodeError",
    "Goal",
    "GovextractError",
    "InputError",
    "Level",
    "ParseFailure",
    "Qualifier",
    "Quantity",
    "Report",
    "Role",
    "Section",
    "Status",
    "Token",
    "find_quantities",
    "find_sections",
    "parse_many",
    "parse_report",
    "read_document",
    "tokenize",
]

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

#: Names served lazily from optional-dependency modules: name -> module (imported on first use).
_LAZY = {"to_dataframe": "frames", "read_jsonl": "frames", "read_parquet": "frames", "panel": "panel"}


def __getattr__(name: str):  # noqa: ANN202 - module attribute hook (PEP 562)
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))

