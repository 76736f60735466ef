"""govextract: typed, quantitative goal records from Chinese government work reports.

The front door::

    >>> import govextract
    >>> report = govextract.parse_report("新建城镇排水管网38公里，城区、乡镇污水集中处理率分别达到96%、85%。")
    >>> [(g.indicator, g.action, str(g.value), g.unit) for g in report.goals]
    [('城镇排水管网', '新建', '38', '公里'), ('城区污水集中处理率', '达到', '96', '%'), ('乡镇污水集中处理率', '达到', '85', '%')]

``find_quantities`` runs the numeric and unit extractor alone; ``read_document`` decodes a file;
``find_sections`` gives the outline; ``tokenize`` the government-dictionary tokens.
"""

from __future__ import annotations

import logging

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
    "Qualifier",
    "Quantity",
    "Report",
    "Role",
    "Section",
    "Status",
    "Token",
    "find_quantities",
    "find_sections",
    "parse_report",
    "read_document",
    "tokenize",
]

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

