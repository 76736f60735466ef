"""Reading a report: bytes or a file -> decoded text, and a normalised view of the same length.

``read_document`` decodes UTF-8 (with or without BOM), GB18030/GBK and UTF-16 with BOM, turns
``\\r\\n`` and ``\\r`` into ``\\n`` and, for an HTML page, extracts the page text. Nothing else is
changed: every offset the library reports indexes ``Document.text`` (contract.md, "Offsets").

``normalize`` folds look-alike characters (full-width digits, ``％``, dash variants, radicals that
look like ideographs, odd spaces) one character to one character, so ``normalize(t)[i]`` stands
for ``t[i]`` and patterns can run on the normalised view while spans stay valid for the text.
The folding table is ``govextract/data/normalize.toml``.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from collections.abc import Sequence
from pathlib import Path

from .errors import DataError, DecodeError, GovextractError, InputError
from .resources import load_toml

__all__ = ["Document", "looks_like_html", "masked_view", "normalization_table", "normalize", "read_document"]

#: A str shorter than this, with no newline, naming an existing file, is read as a path.
_MAX_PATH_CHARS = 4096

#: Magic numbers of binary formats that are never a report's text.
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "PNG image"),
    (b"PK\x03\x04", "zip archive (docx/xlsx?)"),
    (b"%PDF", "PDF"),
    (b"GIF8", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xd0\xcf\x11\xe0", "OLE file (doc/xls?)"),
    (b"Rar!", "RAR archive"),
    (b"7z\xbc\xaf", "7z archive"),
)

#: What charset-normalizer may guess when UTF-8 and GB18030 fail: Chinese encodings only.
_FALLBACK_ENCODINGS = ("big5", "cp950", "big5hkscs", "utf_16_le", "utf_16_be", "utf_32")

_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_HTML_BODY = re.compile(rb"<body[\s>]", re.I)
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
#: HTML elements whose text is never main text.
_HTML_DROP = ("script", "style", "nav", "noscript", "template", "svg", "iframe", "head", "select", "button")
#: HTML elements that start a new line of text.
_HTML_BLOCK = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr table section article main header footer aside "
    "blockquote pre dd dt dl hr form center title td th".split()
)
_BLANK_RUN = re.compile(r"\n[ \t\u3000\xa0]*(?:\n[ \t\u3000\xa0]*)+")


@dataclass(frozen=True)
class Document:
    """A decoded input.

    ``text`` is what every span indexes; ``source`` the path or name given (None for anonymous
    content); ``encoding`` the codec that decoded the bytes (``"str"`` for text given as str,
    plus ``"+html"`` when page text was extracted); ``warnings`` what was doubtful.
    """

    text: str
    source: str | None = None
    encoding: str = "utf-8"
    warnings: list[str] = field(default_factory=list)
    traditional: bool = False

    def normalized(self) -> str:
        """The normalised view of ``text`` (same length), with t2s folding if ``traditional``."""
        return normalize(self.text, traditional=self.traditional)


# --------------------------------------------------------------------------------------------
# normalisation


def _single_char(value: object, where: str) -> str:
    if not isinstance(value, str) or len(value) != 1:
        raise DataError(f"GX101 normalize.toml [{where}]: {value!r} is not a single character")
    return value


@functools.cache
def normalization_table() -> dict[int, str]:
    """The ``str.translate`` table built from ``normalize.toml`` (validated: 1:1, no duplicates)."""
    data = load_toml("normalize.toml")
    table: dict[int, str] = {}
    try:
        fw = data["fullwidth"]
        first, last, to_first = (_single_char(fw[k], "fullwidth") for k in ("first", "last", "to_first"))
        keep = {_single_char(c, "fullwidth.keep") for c in fw.get("keep", [])}
    except KeyError as exc:
        raise DataError(f"GX102 normalize.toml [fullwidth] lacks {exc}") from exc
    shift = ord(first) - ord(to_first)
    for code in range(ord(first), ord(last) + 1):
        if chr(code) not in keep:
            table[code] = chr(code - shift)
    for name, section in data.items():
        if name == "fullwidth":
            continue
        if not isinstance(section, dict):
            raise DataError(f"GX103 normalize.toml: [{name}] is not a table")
        for key, value in section.items():
            src, dst = _single_char(key, name), _single_char(value, name)
            if ord(src) in table:
                raise DataError(f"GX104 normalize.toml: {src!r} (U+{ord(src):04X}) is mapped twice ([{name}])")
            table[ord(src)] = dst
    return table


@functools.cache
def _opencc_converter():  # type: ignore[no-untyped-def]
    try:
        import opencc  # type: ignore[import-untyped]
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise GovextractError(
            "GX105 traditional=True needs OpenCC: pip install 'govextract[traditional]' "
            "(or opencc-python-reimplemented)"
        ) from exc
    return opencc.OpenCC("t2s")


@functools.lru_cache(maxsize=65536)
def _t2s_char(char: str) -> str:
    out = _opencc_converter().convert(char)
    return out if len(out) == 1 else char


@functools.cache
def _folder() -> tuple[re.Pattern[str], dict[str, str]]:
    """A pattern of every foldable character and its replacement (regex substitution touches only
    the few characters that change: ten times faster than ``str.translate`` on report text)."""
    table = normalization_table()
    chars = "".join(sorted(chr(code) for code in table))
    return re.compile(f"[{re.escape(chars)}]"), {chr(code): value for code, value in table.items()}


def normalize(text: str, *, traditional: bool = False) -> str:
    """``text`` with look-alike characters folded, one character for one (same length).

    >>> normalize("增长６．５％—７％，⻄安　")
    '增长6.5%-7%，西安 '
    """
    pattern, replacement = _folder()
    out = pattern.sub(lambda m: replacement[m.group()], text)
    if traditional:
        convert = _t2s_char
        out = "".join([convert(c) if c >= "\u3400" else c for c in out])
    if len(out) != len(text):  # pragma: no cover - guarded by the table's validation
        raise DataError("GX106 normalisation changed the text length")
    return out


def masked_view(text: str, skip: Sequence[tuple[int, int]] = (), view: str | None = None) -> str:
    """The normalised view of ``text`` with the ``skip`` spans (boilerplate) blanked to spaces.

    ``view`` is the normalised view when the caller has it already; the result has the length of
    ``text``, so offsets found on it index ``text``.
    """
    if view is None or len(view) != len(text):
        view = normalize(text)
    if not skip:
        return view
    parts: list[str] = []
    pos = 0
    for start, end in sorted(skip):
        start, end = max(start, pos), min(end, len(view))
        if start >= end:
            continue
        parts.append(view[pos:start])
        # keep line breaks so that line-start patterns still work after a masked span
        parts.append(re.sub(r"[^\n]", " ", view[start:end]))
        pos = end
    parts.append(view[pos:])
    return "".join(parts)


# --------------------------------------------------------------------------------------------
# decoding


def looks_like_html(data: bytes | str) -> bool:
    """True when ``data`` clearly is an HTML page (doctype/html start, or a <body> tag near the top)."""
    head = data[:4096]
    if isinstance(head, str):
        head = head.encode("utf-8", "ignore")
    return bool(_HTML_START.match(head)) or (head.lstrip()[:1] == b"<" and bool(_HTML_BODY.search(head)))


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _BINARY_MAGIC:
        if data.startswith(magic):
            return kind
    if b"\x00" in data[:65536]:
        return "binary data (NUL bytes)"
    return None


def _gb_plausible(text: str) -> bool:
    """Decoded as GB18030, is it Chinese text rather than another encoding's bytes?"""
    cjk = [c for c in text[:20000] if "\u4e00" <= c <= "\u9fff"]
    if not cjk:
        return not any("\u0080" <= c < "\u3000" and c not in "·—‘’“”…" for c in text[:20000])
    common = 0
    for c in cjk:
        try:
            c.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common / len(cjk) >= 0.9


def _mostly_chinese(text: str) -> bool:
    """Letters are mostly CJK ideographs (a guard against a detector's Korean/Cyrillic guesses)."""
    letters = [c for c in text[:20000] if c.isalpha() and not c.isascii()]
    if not letters:
        return True
    cjk = sum(1 for c in letters if "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff")
    return cjk / len(letters) >= 0.9


#: Characters that do not occur in text: C0 controls but whitespace, DEL and C1 controls, U+FFFD.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    return len(_CONTROL.findall(sample)) / len(sample)


#: At most this share of a file's characters may be invalid UTF-8 for it to be read as damaged UTF-8.
_MAX_DAMAGED_UTF8 = 0.002


def _lenient_utf8(data: bytes, label: str, warnings: list[str]) -> str | None:
    """UTF-8 that is truncated (an incomplete last character) or holds a few invalid bytes: the
    text with the tail dropped or the bad bytes replaced by U+FFFD, and a warning; None when the
    bytes are not (mostly) UTF-8."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.end == len(data):
            try:
                text = data[: exc.start].decode("utf-8")
            except UnicodeDecodeError:
                text = None
            if text is not None and _control_ratio(text) <= 0.01:
                warnings.append(
                    f"GX114 {label}: truncated UTF-8: the last {len(data) - exc.start} byte(s) are an "
                    "incomplete character and were dropped"
                )
                return text
    else:  # pragma: no cover - the caller tried strict UTF-8 first
        return None
    text = data.decode("utf-8", errors="replace")
    # places of damage: runs of U+FFFD (one broken character gives up to four), minus real ones
    bad = len(re.findall("\ufffd+", text)) - len(re.findall("\ufffd+".encode(), data))
    lost = text.count("\ufffd")
    if bad > max(4, len(text) * _MAX_DAMAGED_UTF8) or lost > max(8, len(text) * 0.01):
        return None
    if not re.search("[\u4e00-\u9fff]", text) or not _mostly_chinese(text):
        return None
    if _control_ratio(text.replace("\ufffd", "")) > 0.01:
        return None
    warnings.append(f"GX115 {label}: invalid UTF-8 bytes at {bad} place(s), replaced by U+FFFD (damaged or mixed encodings)")
    return text


def _decode_bytes(data: bytes, label: str) -> tuple[str, str, list[str]]:
    """(text, encoding, warnings) or DecodeError."""
    warnings: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = [("utf-8-sig", data)]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = [("utf-16", data)]
    else:
        kind = _binary_kind(data)
        if kind:
            raise DecodeError(f"GX110 {label}: not text but {kind}")
        candidates = [("utf-8", data), ("gb18030", data)]
    for encoding, payload in candidates:
        try:
            text = payload.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "gb18030" and not _gb_plausible(text):
            continue
        if encoding == "utf-16":
            text = text.lstrip("\ufeff")
        if _control_ratio(text) > 0.01:
            raise DecodeError(f"GX111 {label}: decodes as {encoding} but holds control characters (binary?)")
        return text, encoding, warnings
    lenient = _lenient_utf8(data, label, warnings)
    if lenient is not None:
        return lenient, "utf-8", warnings
    # fall back to a detector; accept only a confident, coherent guess
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(_FALLBACK_ENCODINGS)).best()
    if best is not None and best.encoding and best.chaos < 0.1:
        text = str(best)
        if _control_ratio(text) <= 0.01 and _mostly_chinese(text):
            warnings.append(f"GX112 {label}: encoding guessed as {best.encoding} by charset-normalizer")
            return text, best.encoding, warnings
    raise DecodeError(f"GX113 {label}: not UTF-8, UTF-16 or GB18030 text, and no confident guess")


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def html_to_text(html: str) -> str:
    """The visible text of an HTML page: script/style/nav dropped, one block a line."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    tree.strip_tags(list(_HTML_DROP))
    root = tree.body or tree.root
    if root is None:
        return ""
    parts: list[str] = []
    for node in root.traverse(include_text=True):
        tag = node.tag
        if tag == "-text":
            parts.append(node.text(deep=False) or "")
        elif tag in _HTML_BLOCK:
            parts.append("\n")
    text = _newlines("".join(parts))
    lines = [line.strip(" \t\u3000\xa0") for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def _path_of(src: str | bytes | os.PathLike[str]) -> Path | None:
    if isinstance(src, os.PathLike):
        return Path(src)
    if isinstance(src, str) and "\n" not in src and len(src) < _MAX_PATH_CHARS and src:
        try:
            if os.path.isfile(src):
                return Path(src)
        except (OSError, ValueError):
            return None
    return None


def read_document(
    src: str | bytes | os.PathLike[str], *, name: str | None = None, traditional: bool = False
) -> Document:
    """Decode a report given as a path, as bytes or as text.

    A ``Path``/``os.PathLike`` is a path; ``bytes`` are content; a ``str`` is a path only if it has
    no newline, is shorter than 4096 characters and names an existing file, otherwise it is the
    text itself. HTML (by suffix or by content) is reduced to its page text. Raises
    :class:`~govextract.errors.InputError` for a missing, unreadable or directory path and
    :class:`~govextract.errors.DecodeError` for binary or undecodable content.
    """
    path = _path_of(src)
    warnings: list[str] = []
    if path is not None:
        label = name or str(path)
        if path.is_dir():
            raise InputError(f"GX120 {label}: is a directory, not a file")
        try:
            data = path.read_bytes()
        except FileNotFoundError as exc:
            raise InputError(f"GX121 {label}: no such file") from exc
        except PermissionError as exc:
            raise InputError(f"GX122 {label}: permission denied") from exc
        except OSError as exc:
            raise InputError(f"GX123 {label}: cannot be read ({exc.strerror or exc})") from exc
        text, encoding, warnings = _decode_bytes(data, label)
        if not text.strip():
            raise InputError(f"GX125 {label}: empty file ({len(data)} bytes, no text)")
        is_html = path.suffix.lower() in _HTML_SUFFIXES or looks_like_html(data)
        source: str | None = name or str(path)
    elif isinstance(src, (bytes, bytearray, memoryview)):
        data = bytes(src)
        label = name or "<bytes>"
        text, encoding, warnings = _decode_bytes(data, label)
        if not text.strip():
            raise InputError(f"GX125 {label}: empty input ({len(data)} bytes, no text)")
        is_html = looks_like_html(data)
        source = name
    elif isinstance(src, str):
        text, encoding = src.removeprefix("\ufeff"), "str"
        if _control_ratio(text) > 0.01 or "\x00" in text:
            raise DecodeError(f"GX111 {name or '<str>'}: holds control characters (binary?)")
        is_html = looks_like_html(text)
        source = name
    else:
        raise InputError(f"GX124 read_document takes a path, bytes or str, not {type(src).__name__}")
    text = _newlines(text)
    if is_html:
        text = html_to_text(text)
        encoding += "+html"
        if not text.strip():
            warnings.append(f"GX116 {source or '<str>'}: the HTML page holds no text")
    return Document(text=text, source=source, encoding=encoding, warnings=warnings, traditional=traditional)
