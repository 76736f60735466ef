"""Errors govextract raises. Odd text never raises; bad input files and bad setup do.

Every message starts with a code (``GX…``) so that logs of a batch run can be grepped.
"""

from __future__ import annotations

__all__ = ["DataError", "DecodeError", "GovextractError", "InputError"]


class GovextractError(Exception):
    """Base class of every error govextract raises on purpose."""


class DataError(GovextractError):
    """A file in ``govextract/data/`` is missing or malformed (a packaging or editing bug)."""


class InputError(GovextractError):
    """An input could not be read: missing path, directory, unreadable file, binary content."""


class DecodeError(InputError):
    """An input's bytes are not text in any encoding govextract reads."""
