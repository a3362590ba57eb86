"""Readers: an original file (.pdf, scanned .pdf, image, .docx, .doc, .html, .txt) in, its
text and page map out (:class:`ReadResult`). Formats stop here; everything downstream sees text.

Each format is one module that registers one reader in :data:`registry`. A file's reader is
chosen by its content first (magic bytes; a PDF's text layer), its suffix second, so a .doc
that is really a .docx, or a .pdf that is a scan, goes to the right reader.
"""

from __future__ import annotations

from pathlib import Path

from kg.errors import InputError, KgError, UnreadableFileError, UnsupportedFormatError
from kg.ingest.readers import doc, docx, html, ocr, pdf, txt
from kg.ingest.readers.base import OcrInfo, Reader, ReadResult, registry

__all__ = ["OcrInfo", "ReadResult", "Reader", "read_file", "reader_for", "registry"]
del doc, docx, html, ocr, pdf, txt  # imported to register their readers

_HEAD_BYTES = 8192
_KNOWN_OTHERS: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP archive that is not a Word document (e.g. .xlsx, .pptx, .odt)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office file that is not Word (e.g. .xls, .ppt)"),
    (b"GIF8", "a GIF image"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
)


def _choose(path: Path) -> Reader:
    if not path.is_file():
        raise InputError(
            f"{path}: no such file." if not path.exists() else f"{path}: is not a file.",
            fix="check the path",
        )
    with path.open("rb") as fh:
        head = fh.read(_HEAD_BYTES)
    readers: dict[str, Reader] = registry.get_all()
    for reader in readers.values():
        if reader.sniff(path, head):
            return reader
    suffix = path.suffix.lower()
    for reader in readers.values():
        if suffix in reader.suffixes:
            return reader
    kind = next((k for magic, k in _KNOWN_OTHERS if head.startswith(magic)), None)
    what = kind or (f"a {suffix} file" if suffix else "a file without a suffix")
    known = ", ".join(sorted({s for r in readers.values() for s in r.suffixes}))
    raise UnsupportedFormatError(
        f"{path}: is {what}, a format no reader reads (its content matches no known signature).",
        fix=f"convert it to one of {known} (a web page saved as .html, plain text as .txt)",
    )


def reader_for(path: Path) -> str:
    """The registry name of the reader :func:`read_file` uses for ``path``."""
    return _choose(path).name


def read_file(path: Path, *, ocr: bool = True) -> ReadResult:
    """Read an original file with the reader its content calls for.

    With ``ocr=False`` a scan or image is refused rather than sent to Tesseract (OCR takes
    seconds a page; an operator may switch it off for uploads).
    """
    reader = _choose(path)
    if reader.name == "ocr" and not ocr:
        raise UnreadableFileError(
            f"{path}: has no text layer (a scan or an image) and OCR is switched off.",
            fix="switch OCR on, or provide a PDF with a text layer, a .docx or a .txt",
        )
    try:
        return reader.read(path)
    except KgError:
        raise
    except Exception as exc:  # a damaged file can fail deep inside a parser: one error shape
        raise UnreadableFileError(
            f"{path}: the {reader.name} reader could not read it ({type(exc).__name__}: {exc}).",
            fix="the file is probably damaged: download or export it again",
        ) from exc
