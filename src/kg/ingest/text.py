"""Reading a plain-text source file: its encoding detected (never guessed silently), binary
formats refused with the way to convert them, and a structure check of the decoded text.

Offsets returned downstream index the decoded text exactly as read (a UTF-8 BOM is the only thing
ever removed, and that is noted), so that later steps can quote ``raw[start:end]``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError

# --------------------------------------------------------------------------------------------
# Raw text


@dataclass(frozen=True)
class DecodedText:
    """A source file's text with how it was decoded; ``sha256`` is of the raw bytes."""

    text: str
    encoding: str
    notes: list[str]
    sha256: str


# (signature, what it is, how to get text out of it)
_BINARY_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF", "a PDF", "extract its text first, e.g. pdftotext -layout FILE.pdf FILE.txt"),
    (
        b"PK\x03\x04",
        "a ZIP archive (e.g. .docx, .xlsx, .odt)",
        "extract its text first, e.g. pandoc FILE.docx -t plain -o FILE.txt",
    ),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "an old Office document (.doc, .xls)",
        "extract its text first, e.g. antiword FILE.doc > FILE.txt",
    ),
    (b"\x89PNG", "a PNG image", "OCR it first, e.g. tesseract FILE.png FILE -l chi_sim"),
    (b"\xff\xd8\xff", "a JPEG image", "OCR it first, e.g. tesseract FILE.jpg FILE -l chi_sim"),
    (b"GIF8", "a GIF image", "OCR it first, e.g. tesseract FILE.gif FILE -l chi_sim"),
    (b"\x1f\x8b", "a gzip archive", "decompress it first, e.g. gunzip FILE.gz"),
)

# Longest BOM first: the UTF-32-LE BOM begins with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

# CJK punctuation and full-width forms count as Chinese text too.
_CJK_TEXT = re.compile(
    r"[\u3000-\u303f\uff00-\uffef\u2014-\u2026\u00b7\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    r"\U00020000-\U0002ffff]"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _mostly_chinese(text: str) -> bool:
    """GB18030 decodes many byte strings; accept it only if the result reads as Chinese."""
    non_ascii = [c for c in text if ord(c) > 0x7F]
    if not non_ascii or _CONTROL.search(text):
        return False
    chinese = sum(1 for c in non_ascii if _CJK_TEXT.match(c))
    return chinese / len(non_ascii) >= 0.9


def read_source_text(path: Path) -> DecodedText:
    """Read a source file as text, refusing what is not text rather than producing mojibake.

    UTF-8 is the norm. GB18030/GBK and UTF-16/32 with a BOM are decoded, with a note that says
    how to convert the file. A UTF-8 BOM is stripped (and noted) so offsets count characters of
    the text only; nothing else is changed: line endings stay as they are.
    """
    if not path.exists():
        raise InputError(
            f"{path}: no such file.",
            fix="check the path (manifest paths are relative to the folder of sources.toml)",
        )
    if not path.is_file():
        raise InputError(f"{path}: is not a file.", fix="give the path of a text file")
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    name = path.name
    for signature, kind, fix in _BINARY_SIGNATURES:
        if raw.startswith(signature):
            raise InputError(
                f"{path}: this looks like {kind}, not a text file.",
                fix=fix.replace("FILE", path.stem),
            )
    notes: list[str] = []
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{path}: starts with a {codec.upper()} byte-order mark but does not decode"
                    f" as {codec.upper()} ({exc.reason} at byte {exc.start + len(bom)}).",
                    fix="re-export the file as UTF-8",
                ) from exc
            encoding = codec
            notes.append(
                f"{name}: decoded as {codec.upper()} (byte-order mark); convert to UTF-8 with"
                f" `iconv -f {codec.upper()} -t UTF-8`"
            )
            break
    else:
        if b"\x00" in raw:
            raise InputError(
                f"{path}: contains NUL bytes; this is a binary file, not text.",
                fix="extract the document's text first and point the manifest at the .txt file",
            )
        try:
            text = raw.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError as utf8_error:
            text, encoding = _decode_gb18030(path, raw, utf8_error)
            notes.append(
                f"{name}: decoded as GB18030; convert to UTF-8 with `iconv -f GB18030 -t UTF-8`"
            )
        if text.startswith("\ufeff"):
            text = text[1:]
            encoding = "utf-8-sig"
            notes.append(f"{name}: UTF-8 byte-order mark stripped (offsets count from after it)")
    if not text.strip():
        raise InputError(
            f"{path}: is empty (or whitespace only).",
            fix="put the document's text in the file, or remove its entry from the manifest",
        )
    if _CONTROL.search(text):
        raise InputError(
            f"{path}: contains control characters; this is a binary file, not text.",
            fix="extract the document's text first and point the manifest at the .txt file",
        )
    if "\r\n" in text:
        notes.append(f"{name}: has CRLF line endings (kept; offsets count the \\r)")
    return DecodedText(text=text, encoding=encoding, notes=notes, sha256=digest)


def _decode_gb18030(path: Path, raw: bytes, utf8_error: UnicodeDecodeError) -> tuple[str, str]:
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        text = ""
    if text and _mostly_chinese(text):
        return text, "gb18030"
    raise InputError(
        f"{path}: is neither UTF-8 (invalid byte at offset {utf8_error.start}) nor Chinese"
        " text in GB18030; it may be binary or in another encoding.",
        fix="convert the file to UTF-8, e.g. iconv -f <its encoding> -t UTF-8; if it is a"
        " document format, extract its text first",
    )


_NUMBERING = re.compile(
    r"(?m)^[ \t\u3000]*[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]"
)


def check_structure(text: str, *, path: Path | str) -> None:
    """Refuse a text with neither Chinese numbering (一、 / （一）) nor a single 。.

    Any text file may be fed to extraction; one without either has nothing the segmenter can
    hold on to (typically a wrong file or a failed extraction), and would silently yield nothing.
    """
    if "。" in text or _NUMBERING.search(text):
        return
    raise InputError(
        f"{path}: no recognisable document structure: no Chinese section or measure numbering"
        " (一、, （一）) and no 。 anywhere.",
        fix="check that this is the text of a Chinese policy document; if it came from a PDF or"
        " an image, check the extraction (e.g. pdftotext -layout) produced Chinese text",
    )
