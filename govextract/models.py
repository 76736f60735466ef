"""Typed records: what every stage returns and what the CLI prints.

Field names follow the output contract (``README.md``, "Record fields"). Numbers are ``Decimal``
inside and JSON numbers outside; every value carries its surface text and a ``[start, end)`` span
into the decoded document text.
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from typing import Annotated, Iterator

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

__all__ = [
    "Change",
    "Goal",
    "Level",
    "Number",
    "Qualifier",
    "Quantity",
    "Report",
    "Role",
    "Section",
    "Span",
    "Status",
]


def _json_number(value: Decimal | None) -> int | float | None:
    """A Decimal as the JSON number a reader expects: whole numbers as integers."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


#: A Decimal that is written as a JSON number (not a string) when dumped to JSON.
Number = Annotated[Decimal, PlainSerializer(_json_number, when_used="json")]

#: ``(start, end)``: Python ``str`` indices into the decoded document text, end exclusive.
Span = tuple[int, int]


class Qualifier(str, Enum):
    """How the stated number bounds the true value."""

    APPROX = "approx"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    RANGE = "range"


class Change(str, Enum):
    """How the quantity relates to the indicator."""

    LEVEL = "level"
    INCREASE = "increase"
    DECREASE = "decrease"
    AMOUNT = "amount"
    MULTIPLE = "multiple"


class Status(str, Enum):
    """Whether a number is a goal, a reported result or an estimate."""

    TARGET = "target"
    ACTUAL = "actual"
    ESTIMATE = "estimate"


class Role(str, Enum):
    """What a section of the report does."""

    REVIEW = "review"
    TARGETS = "targets"
    TASKS = "tasks"
    SELF = "self"
    OTHER = "other"


class Level(str, Enum):
    """The level of government that delivered the report."""

    NATIONAL = "national"
    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"
    ZONE = "zone"


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, use_enum_values=False, extra="forbid")


class _Measured(_Record):
    """The fields every measured record shares: surface, span, number(s), unit and bound."""

    text: str
    span: Span
    value: Number | None = None
    low: Number | None = None
    high: Number | None = None
    unit: str = ""
    qualifier: Qualifier | None = None


class Quantity(_Measured):
    """One quantity found in text: a number with its magnitude, unit and bound.

    ``text`` is the surface of the number(s), magnitude and unit, without bound words before or
    after it (``96%`` in ``达到96%以上``); ``value`` has the magnitudes multiplied in; a range has
    ``value=None`` and ``low``/``high``.
    """

    dimension: str = "count"
    number_text: str = Field("", description="the numeral(s) as written, e.g. '25.5' or '百分之一点五七'")
    magnitude_text: str = Field("", description="the magnitude word as written: 万, 亿, 万亿 …")
    unit_text: str = Field("", description="the unit as written before canonicalisation: 名, 千米, 亿元 …")
    bound_text: str = Field("", description="the bound words as written: 以上, 左右, 不低于 …")
    repaired: bool = Field(False, description="the surface was damaged and read with a repair (a warning says which)")


class Section(BaseModel):
    """A heading of the report and the text it governs."""

    model_config = ConfigDict(extra="forbid")

    title: str
    number: str | None = None
    level: int
    span: Span
    role: Role = Role.OTHER
    children: list[Section] = Field(default_factory=list)

    def walk(self) -> Iterator[Section]:
        """This section and all below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


class Goal(_Measured):
    """A goal record: one quantity tied to its indicator, verb, status and chapter."""

    indicator: str | None = None
    action: str | None = None
    change: Change | None = None
    modality: str | None = None
    status: Status | None = None
    year: int | None = None
    section: list[str] = Field(default_factory=list)
    sentence: str = ""
    dimension: str = "count"
    indicator_id: str | None = Field(None, description="canonical indicator id (data/indicators.csv), or None")
    real: bool | None = Field(None, description="True for real (实际) growth, False for nominal, None if unsaid")
    period: tuple[int, int] | None = Field(None, description="(start, end) years of a 年均 or cumulative rate")


class Report(BaseModel):
    """A parsed report: metadata, outline, goal records and warnings."""

    model_config = ConfigDict(extra="forbid")

    source: str | None = None
    title: str | None = None
    region: str | None = None
    level: Level | None = None
    date: str | None = None
    year: int | None = None
    adcode: str | None = Field(None, description="GB/T 2260 code of the issuer, as listed at the end of the year before delivery")
    parent_adcodes: list[str] = Field(default_factory=list, description="codes of the parent city and province, innermost first")
    sections: list[Section] = Field(default_factory=list)
    goals: list[Goal] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    def to_dataframe(self):  # noqa: ANN201 - pandas is an optional dependency
        """One row per goal record with the document's metadata as columns (needs pandas)."""
        from .frames import to_dataframe

        return to_dataframe([self])

    def goals_by_section(self) -> dict[tuple[str, ...], list[Goal]]:
        """Goal records grouped by their heading path, in text order."""
        grouped: dict[tuple[str, ...], list[Goal]] = {}
        for goal in self.goals:
            grouped.setdefault(tuple(goal.section), []).append(goal)
        return grouped
