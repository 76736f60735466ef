"""Calls the stages in order, nothing else: read -> boilerplate -> metadata -> sections ->
quantities -> goal records."""

from __future__ import annotations

import os

from .boilerplate import find_boilerplate
from .damage import damage_warnings
from .errors import DecodeError
from .goals import assemble_goals
from .indicators import annotate
from .metadata import find_metadata
from .models import Report
from .quantities import find_quantities
from .sections import find_sections
from .text import Document, read_document

__all__ = ["parse_report", "parse_text"]


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(lo <= start and end <= hi for lo, hi in spans)


def parse_text(document: Document) -> Report:
    """A Report for an already decoded document."""
    text = document.text
    warnings = list(document.warnings)
    view = document.normalized()
    skip = find_boilerplate(text, view=view)
    if skip:
        skipped = sum(hi - lo for lo, hi in skip)
        warnings.append(f"GW001 skipped {len(skip)} boilerplate span(s), {skipped} characters of web-page residue")
    warnings.extend(damage_warnings(text, view=view, skip=skip))  # GW1xx: placeholders, lost characters, mangled ‰
    meta = find_metadata(text, skip=skip, view=view)
    warnings.extend(meta.warnings)
    sections = find_sections(text, skip=skip, view=view)
    quantities = [q for q in find_quantities(text, view=view) if not _inside(skip, *q.span)]
    goals = assemble_goals(text, quantities, sections, meta.year, view=view)
    return annotate(Report(
        source=document.source,
        title=meta.title,
        region=meta.region,
        level=meta.level,
        date=meta.date,
        year=meta.year,
        adcode=meta.adcode,
        sections=sections,
        goals=goals,
        warnings=warnings,
    ))  # canonical indicator ids, real/period, parent_adcodes


def parse_report(src: str | bytes | os.PathLike[str], *, name: str | None = None, traditional: bool = False) -> Report:
    """Parse a report given as text, bytes or a path into a :class:`~govextract.models.Report`.

    A ``str`` is read as a path only when it names an existing file (see ``read_document``).
    Odd text never raises; a path that cannot be read raises
    :class:`~govextract.errors.InputError`.
    """
    try:
        document = read_document(src, name=name, traditional=traditional)
    except DecodeError:
        if not isinstance(src, str) or "\n" not in src and os.path.isfile(src):
            raise
        text = src.replace("\r\n", "\n").replace("\r", "\n")
        document = Document(text=text, source=name, encoding="str",
                            warnings=["GW002 the text holds control characters; read as given"])
    return parse_text(document)
