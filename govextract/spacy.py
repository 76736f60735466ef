"""spaCy integration: the govextract tokenizer and a ``govextract_quantities`` pipeline component.

spaCy is an optional dependency (``pip install 'govextract[spacy]'``); ``import govextract`` never
imports it. Importing this module registers:

* the tokenizer ``govextract.tokenizer`` (``@spacy.registry.tokenizers``): the government-dictionary
  jieba tokenizer of :func:`govextract.tokenize`, each quantity one token, jieba tags as ``tag_``.
  It needs no model and downloads nothing (spaCy's own Chinese tokenizer is never built);
* the component ``govextract_quantities``: every quantity of the goal records as an entity span
  (labels in :data:`LABELS`) with ``span._.quantity`` (a :class:`~govextract.models.Quantity`) and
  ``span._.goal`` (the :class:`~govextract.models.Goal`), plus ``doc._.sections`` (the outline),
  ``doc._.goals`` and, under ``doc.spans["govextract_sections"]``, one span per heading labelled
  with its role.

>>> import govextract.spacy
>>> nlp = govextract.spacy.blank()
>>> doc = nlp("力争普惠性幼儿园覆盖率达到96%以上，新增城镇就业1.2万人。")
>>> [(ent.text, ent.label_, ent._.goal.indicator) for ent in doc.ents]
[('96%', 'PERCENT', '普惠性幼儿园覆盖率'), ('1.2万人', 'COUNT', '城镇就业')]
>>> doc.ents[1]._.quantity.value
Decimal('12000')

In a notebook, ``spacy.displacy.render(doc, style="ent", options=govextract.spacy.DISPLACY_OPTIONS)``
highlights the quantities. The component follows spaCy's ``span_ruler``: a pure :meth:`match`
finds, :meth:`set_annotations` writes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

try:  # the real spaCy: this module is govextract.spacy, so the absolute import is never itself
    import spacy
    from spacy.language import Language
    from spacy.tokens import Doc, Span
    from spacy.util import filter_spans
    from spacy.vocab import Vocab
except ImportError as exc:  # pragma: no cover - depends on the installation
    raise ImportError("govextract.spacy needs spaCy: pip install 'govextract[spacy]'") from exc

from .models import Goal, Quantity, Report, Section
from .pipeline import parse_text
from .quantities import find_quantities
from .text import Document
from .tokenize import tokenize

__all__ = [
    "DISPLACY_OPTIONS",
    "LABELS",
    "SECTIONS_KEY",
    "GovextractTokenizer",
    "QuantityComponent",
    "QuantityMatch",
    "blank",
    "create_tokenizer",
    "label_of",
]

#: Entity label of each quantity dimension (``Quantity.dimension``); any other dimension
#: (area, length, mass, energy, power, volume, concentration, composite rates …) is ``QUANTITY``.
DIMENSION_LABELS = MappingProxyType({
    "currency": "MONEY",
    "percent": "PERCENT",
    "permille": "PERCENT",
    "percentage_point": "PERCENT_POINT",
    "count": "COUNT",
    "persons": "COUNT",
    "person_times": "COUNT",
    "container": "COUNT",
    "ratio": "MULTIPLE",
    "duration": "DURATION",
    "age": "DURATION",
})
#: The default label.
QUANTITY_LABEL = "QUANTITY"
#: Every label the component can set.
LABELS = tuple(sorted(set(DIMENSION_LABELS.values()) | {QUANTITY_LABEL}))

#: ``doc.spans`` key of the heading spans (label = the section's role).
SECTIONS_KEY = "govextract_sections"

#: displaCy options: one colour per label (``displacy.render(doc, style="ent", options=...)``).
DISPLACY_OPTIONS = MappingProxyType({
    "ents": list(LABELS),
    "colors": {
        "MONEY": "#f4c542",
        "PERCENT": "#7fd4a8",
        "PERCENT_POINT": "#a4e0f4",
        "COUNT": "#f7a6a6",
        "QUANTITY": "#c9b3f5",
        "MULTIPLE": "#f5cba7",
        "DURATION": "#d5dbdb",
    },
})


def label_of(dimension: str) -> str:
    """The entity label of a quantity dimension (``"percent"`` → ``"PERCENT"``)."""
    return DIMENSION_LABELS.get(dimension, QUANTITY_LABEL)


def _register_extensions() -> None:
    for name in ("quantity", "goal"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    for name in ("sections", "goals"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


_register_extensions()


# --------------------------------------------------------------------------------------------
# tokenizer


class GovextractTokenizer:
    """A spaCy tokenizer built on :func:`govextract.tokenize` (private jieba + government dictionary).

    Tokens tile the text; a single space after a token becomes that token's trailing whitespace
    (spaCy's convention), any other whitespace is a token of its own, so ``doc.text == text``.
    A quantity (``25.5万亩``, ``4.5%—5%``) is one token, so quantity spans align exactly.
    """

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        tags: list[str] = []
        for token in tokenize(text):
            if token.text == " " and words and not spaces[-1] and not words[-1].isspace():
                spaces[-1] = True
                continue
            words.append(token.text)
            spaces.append(False)
            tags.append(token.pos)
        return Doc(self.vocab, words=words, spaces=spaces, tags=tags)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:  # noqa: ARG002 - spaCy's signature
        for text in texts:
            yield self(text)

    # Serialisation: the dictionary ships with govextract, so there is nothing to save.
    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:  # noqa: ARG002
        return b""

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> GovextractTokenizer:  # noqa: ARG002
        return self

    def to_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> None:  # noqa: ARG002
        return None

    def from_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> GovextractTokenizer:  # noqa: ARG002
        return self


@spacy.registry.tokenizers("govextract.tokenizer")
def create_tokenizer() -> Callable[[Language], GovextractTokenizer]:
    """The registered tokenizer factory: ``[nlp.tokenizer] @tokenizers = "govextract.tokenizer"``."""

    def make(nlp: Language) -> GovextractTokenizer:
        return GovextractTokenizer(nlp.vocab)

    return make


# --------------------------------------------------------------------------------------------
# component


@dataclass(frozen=True)
class QuantityMatch:
    """What :meth:`QuantityComponent.match` finds: one quantity, its goal record and its label."""

    start: int
    end: int
    label: str
    quantity: Quantity
    goal: Goal | None


@dataclass(frozen=True)
class _Found:
    matches: list[QuantityMatch]
    report: Report | None


def _quantity_of(goal: Goal) -> Quantity:
    return Quantity(text=goal.text, span=goal.span, value=goal.value, low=goal.low, high=goal.high,
                    unit=goal.unit, qualifier=goal.qualifier, dimension=goal.dimension)


class QuantityComponent:
    """Entity spans for quantities, with their goal records, the outline on the doc.

    With ``goals=True`` (the default) the doc's text is parsed as a report
    (:func:`govextract.parse_report`'s stages): the entities are the quantities of the goal records
    (boilerplate and non-quantities left out), each with ``span._.goal``, and ``doc._.sections``
    holds the outline. With ``goals=False`` only :func:`govextract.find_quantities` runs and
    ``span._.goal`` stays None. Existing entities are kept unless ``overwrite_ents``; where spans
    overlap, :func:`spacy.util.filter_spans` keeps the longest.
    """

    def __init__(self, nlp: Language, name: str = "govextract_quantities", *, goals: bool = True,
                 overwrite_ents: bool = False) -> None:
        self.name = name
        self.goals = goals
        self.overwrite_ents = overwrite_ents

    @property
    def labels(self) -> tuple[str, ...]:
        return LABELS

    def match(self, text: str) -> tuple[list[QuantityMatch], Report | None]:
        """The quantities of ``text`` (and the parsed report with ``goals=True``); pure."""
        if not self.goals:
            found = [QuantityMatch(*q.span, label_of(q.dimension), q, None) for q in find_quantities(text)]
            return found, None
        report = parse_text(Document(text=text, source=None, encoding="str"))
        quantities = {q.span: q for q in find_quantities(text)}
        found = []
        for goal in report.goals:
            quantity = quantities.get(goal.span) or _quantity_of(goal)
            found.append(QuantityMatch(*goal.span, label_of(goal.dimension), quantity, goal))
        return found, report

    def set_annotations(self, doc: Doc, matches: list[QuantityMatch], report: Report | None) -> None:
        """Write the entities, their extension attributes and the outline onto ``doc``."""
        spans: list[Span] = []
        for m in matches:
            span = doc.char_span(m.start, m.end, label=m.label, alignment_mode="expand")
            if span is None:  # pragma: no cover - expand always aligns inside the text
                continue
            span._.quantity = m.quantity
            span._.goal = m.goal
            spans.append(span)
        existing = [] if self.overwrite_ents else list(doc.ents)
        doc.ents = sorted(filter_spans(existing + spans))
        if report is not None:
            doc._.sections = report.sections
            doc._.goals = report.goals
            doc.spans[SECTIONS_KEY] = _section_spans(doc, report.sections)

    def __call__(self, doc: Doc) -> Doc:
        matches, report = self.match(doc.text)
        self.set_annotations(doc, matches, report)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:  # noqa: ARG002 - spaCy's signature
        for doc in docs:
            yield self(doc)

    # nothing to save: the language data ships with govextract
    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:  # noqa: ARG002
        return b""

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> QuantityComponent:  # noqa: ARG002
        return self

    def to_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> None:  # noqa: ARG002
        return None

    def from_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> QuantityComponent:  # noqa: ARG002
        return self


def _section_spans(doc: Doc, sections: list[Section]) -> list[Span]:
    spans = []
    for top in sections:
        for section in top.walk():
            span = doc.char_span(*section.span, label=section.role.value, alignment_mode="expand")
            if span is not None:
                spans.append(span)
    return spans


@Language.factory(
    "govextract_quantities",
    default_config={"goals": True, "overwrite_ents": False},
    assigns=["doc.ents", "token.ent_iob", "token.ent_type", "span._.quantity", "span._.goal",
             "doc._.sections", "doc._.goals"],
)
def make_quantity_component(nlp: Language, name: str, goals: bool, overwrite_ents: bool) -> QuantityComponent:
    """The ``govextract_quantities`` factory: ``nlp.add_pipe("govextract_quantities")``."""
    return QuantityComponent(nlp, name, goals=goals, overwrite_ents=overwrite_ents)


def blank(*, quantities: bool = True, goals: bool = True) -> Language:
    """``spacy.blank("zh")`` with the govextract tokenizer and, unless ``quantities=False``, the
    ``govextract_quantities`` component (downloads nothing)."""
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "govextract.tokenizer"}}})
    if quantities:
        nlp.add_pipe("govextract_quantities", config={"goals": goals})
    return nlp
