"""The manifest (sources.toml: one entry per document) and the curated errata (errata.toml).

Both files are hand-editable TOML; every error names the file, the entry and the fix.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg import paths
from kg.errors import ManifestError
from kg.ingest.metadata import squash
from kg.model import Erratum, Original, PageMap, Part, Source

# --------------------------------------------------------------------------------------------
# Manifest

_SOURCE_REQUIRED = ("id", "city", "jurisdiction", "title", "path")
_SOURCE_OPTIONAL = ("issuer", "doc_number", "date", "url", "cites", "pages", "parts")
_PART_FIELDS = ("title", "start", "original", "sha256", "reader", "reader_version", "ocr")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _read_toml(path: Path, what: str) -> dict[str, Any]:
    if not path.is_file():
        raise ManifestError(
            f"{path}: the {what} file does not exist.",
            fix=f"create it, or pass the path of an existing {what} file",
        )
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ManifestError(
            f"{path}: not valid TOML: {exc}.", fix="correct the syntax at the line and column given"
        ) from exc


def _entries(path: Path, data: Mapping[str, Any], table: str) -> list[Mapping[str, Any]]:
    """The ``[[table]]`` entries of a TOML file; any other top-level key is a typo."""
    extra = sorted(set(data) - {table})
    if extra:
        raise ManifestError(
            f"{path}: unknown top-level key(s) {', '.join(map(repr, extra))}.",
            fix=f"every entry must be a [[{table}]] table; rename or remove the key(s)",
        )
    entries = data.get(table)
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise ManifestError(
            f"{path}: no [[{table}]] entries found.",
            fix=f"write one [[{table}]] table per entry",
        )
    return entries


class _Entry:
    """Field access for one TOML entry that names file, entry and field in every error."""

    def __init__(self, path: Path, table: str, index: int, data: Mapping[str, Any]) -> None:
        self.path, self.table, self.data = path, table, data
        ident = data.get("id")
        self.where = f"{path}: [[{table}]] entry #{index}" + (
            f" (id {ident!r})" if isinstance(ident, str) else ""
        )

    def error(self, key: str, problem: str, fix: str) -> ManifestError:
        return ManifestError(f"{self.where}: field {key!r} {problem}.", fix=fix)

    def check_keys(self, allowed: Collection[str]) -> None:
        for key in self.data:
            if key not in allowed:
                raise self.error(
                    key,
                    "is not a known field",
                    f"remove it or correct its spelling; known fields: {', '.join(allowed)}",
                )

    def text(self, key: str, *, required: bool) -> str | None:
        value = self.data.get(key)
        if value is None:
            if required:
                raise self.error(key, "is missing", f'add {key} = "..." to this entry')
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.error(key, f"is {value!r}, not a non-empty string", f'write {key} = "..."')
        return value

    def date(self, key: str, *, required: bool) -> str | None:
        value = self.data.get(key)
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value.isoformat()  # an unquoted TOML date is fine too
        text = self.text(key, required=required)
        if text is None:
            return None
        try:
            if not _ISO_DATE.fullmatch(text):
                raise ValueError
            dt.date.fromisoformat(text)
        except ValueError:
            raise self.error(
                key,
                f"is {text!r}, not an ISO date YYYY-MM-DD",
                f'write the date as {key} = "YYYY-MM-DD", e.g. "2024-10-28"',
            ) from None
        return text

    def number(self, key: str) -> float:
        value = self.data.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.error(
                key,
                "is missing" if value is None else f"is {value!r}, not a number",
                f"write {key} = <number>, e.g. {key} = 1.5",
            )
        return float(value)


def load_manifest(path: Path | None = None) -> list[Source]:
    """Read ingest/sources.toml into ``Source`` records, refusing anything ambiguous.

    A malformed manifest is an error, not a warning: every later step keys on these ids and
    paths. ``Source.path`` stays relative to the manifest's folder.
    """
    path = path or paths.ingest_dir() / "sources.toml"
    data = _read_toml(path, "manifest")
    if not data:  # a new corpus: the file holds only comments
        return []
    sources: list[Source] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(_entries(path, data, "document"), start=1):
        entry = _Entry(path, "document", index, raw)
        entry.check_keys(_SOURCE_REQUIRED + _SOURCE_OPTIONAL)
        required = {key: entry.text(key, required=True) or "" for key in _SOURCE_REQUIRED}
        ident = required["id"]
        if ident in seen:
            raise entry.error(
                "id",
                f"duplicates the id of entry #{seen[ident]}",
                "give every document a unique id",
            )
        seen[ident] = index
        if not (path.parent / required["path"]).is_file():
            raise entry.error(
                "path",
                f"names {required['path']!r}, which does not exist under {path.parent}",
                "correct the file name; paths are relative to the folder of the manifest",
            )
        cites = raw.get("cites", [])
        if not isinstance(cites, list) or not all(isinstance(c, str) for c in cites):
            raise entry.error(
                "cites", f"is {cites!r}, not a list of strings", 'write cites = ["...", ...]'
            )
        sources.append(
            Source(
                id=ident,
                city=required["city"],
                jurisdiction=required["jurisdiction"],
                issuer=entry.text("issuer", required=False) or "",
                doc_number=entry.text("doc_number", required=False),
                date=entry.date("date", required=False),
                title=required["title"],
                path=required["path"],
                url=entry.text("url", required=False),
                cites=tuple(cites),
                parts=_parts(entry),
                pages=entry.text("pages", required=False),
            )
        )
    return sources


def _parts(entry: _Entry) -> tuple[Part, ...]:
    """The ``[[document.parts]]`` of an entry: the original files its text was read from."""
    raw = entry.data.get("parts", [])
    if not isinstance(raw, list) or not all(isinstance(p, dict) for p in raw):
        raise entry.error(
            "parts", "is not a list of tables", "write one [[document.parts]] table per file"
        )
    parts: list[Part] = []
    for number, data in enumerate(raw, start=1):
        part = _Entry(entry.path, "document.parts", number, data)
        part.where = f"{entry.where}, part #{number}"
        part.check_keys(_PART_FIELDS)
        texts = {
            k: part.text(k, required=True) or ""
            for k in ("title", "original", "sha256", "reader", "reader_version")
        }
        if not _SHA256.fullmatch(texts["sha256"]):
            raise part.error(
                "sha256", "is not 64 lower-case hex digits", "write the original's SHA-256"
            )
        start = data.get("start")
        if isinstance(start, bool) or not isinstance(start, int) or start < 0:
            raise part.error("start", f"is {start!r}", "write start = <offset into the text>")
        ocr = data.get("ocr")
        if ocr is not None and not (
            isinstance(ocr, dict)
            and isinstance(ocr.get("engine"), str)
            and isinstance(ocr.get("mean_confidence"), int | float)
        ):
            raise part.error(
                "ocr", f"is {ocr!r}", 'write ocr = { engine = "...", mean_confidence = <0-100> }'
            )
        parts.append(
            Part(
                title=texts["title"],
                start=start,
                original=Original(
                    path=texts["original"],
                    sha256=texts["sha256"],
                    reader=texts["reader"],
                    reader_version=texts["reader_version"],
                    ocr_engine=ocr["engine"] if ocr else None,
                    ocr_confidence=float(ocr["mean_confidence"]) if ocr else None,
                ),
            )
        )
    return tuple(parts)


def load_page_map(path: Path) -> PageMap:
    """A document's page map (corpus/<id>.pages.json, written by kg add)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        pages = sorted((int(p["start"]), int(p["part"]), int(p["page"])) for p in data["pages"])
        low = tuple((int(s), int(e)) for s, e in data.get("low_confidence", []))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ManifestError(
            f"{path}: not a page map ({exc!r}).",
            fix='it must be JSON {"pages": [{"start": 0, "part": 1, "page": 1}, ...]}; '
            "re-add the document (kg remove ID, kg add FILE) to write it again",
        ) from exc
    return PageMap(
        starts=tuple(p[0] for p in pages),
        parts=tuple(p[1] for p in pages),
        pages=tuple(p[2] for p in pages),
        low_confidence=low,
    )


# --------------------------------------------------------------------------------------------
# Errata

_ERRATUM_FIELDS = (
    "id",
    "doc",
    "quote",
    "field",
    "as_written",
    "corrected",
    "reason",
    "author",
    "date",
)
_ERRATUM_TARGET_FIELDS = ("value", "value_max")


@dataclass(frozen=True)
class ErratumEntry:
    """An erratum and the document it corrects."""

    doc: str
    erratum: Erratum


def load_errata(
    path: Path | None = None, *, doc_ids: Collection[str] | None = None
) -> list[ErratumEntry]:
    """Read ingest/errata.toml; a malformed correction must stop the build, not vanish.

    With ``doc_ids`` (the manifest's ids), an erratum for an unknown document is an error too.
    Whether each quote occurs in its document is for the caller to check with
    ``find_erratum_spans``, which needs the text.
    """
    path = path or paths.ingest_dir() / "errata.toml"
    data = _read_toml(path, "errata")
    if not data:
        return []
    result: list[ErratumEntry] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(_entries(path, data, "erratum"), start=1):
        entry = _Entry(path, "erratum", index, raw)
        entry.check_keys(_ERRATUM_FIELDS)
        texts = {
            key: entry.text(key, required=True) or ""
            for key in ("id", "doc", "quote", "field", "reason", "author")
        }
        if texts["id"] in seen:
            raise entry.error(
                "id",
                f"duplicates the id of entry #{seen[texts['id']]}",
                "give every erratum a unique id",
            )
        seen[texts["id"]] = index
        if doc_ids is not None and texts["doc"] not in doc_ids:
            raise entry.error(
                "doc",
                f"names {texts['doc']!r}, which is not a document id in the manifest",
                f"use one of: {', '.join(sorted(doc_ids))}",
            )
        if texts["field"] not in _ERRATUM_TARGET_FIELDS:
            raise entry.error(
                "field",
                f"is {texts['field']!r}",
                'write field = "value" or field = "value_max"',
            )
        result.append(
            ErratumEntry(
                doc=texts["doc"],
                erratum=Erratum(
                    id=texts["id"],
                    quote=texts["quote"],
                    field=texts["field"],
                    as_written=entry.number("as_written"),
                    corrected=entry.number("corrected"),
                    reason=texts["reason"],
                    author=texts["author"],
                    date=entry.date("date", required=True) or "",
                ),
            )
        )
    return result


def find_erratum_spans(raw: str, quote: str) -> list[tuple[int, int]]:
    """Every ``[start, end)`` span of ``raw`` that reads ``quote`` once whitespace is ignored.

    Quotes are written without the source's hard line breaks, so whitespace in ``raw`` (and in
    ``quote``) does not count; the spans are offsets into ``raw``. Empty when not found, so the
    caller can report the erratum.
    """
    needle = squash(quote)
    if not needle:
        return []
    kept = [i for i, c in enumerate(raw) if not c.isspace()]
    haystack = "".join(raw[i] for i in kept)
    spans: list[tuple[int, int]] = []
    start = haystack.find(needle)
    while start != -1:
        spans.append((kept[start], kept[start + len(needle) - 1] + 1))
        start = haystack.find(needle, start + 1)
    return spans
