"""``kg add`` and ``kg remove``: original files into a corpus folder, and out again.

A corpus folder (the repository's ``ingest/``, or ``--ingest DIR`` / ``$KG_INGEST``) holds::

    sources.toml                  the manifest, one [[document]] per document
    errata.toml                   curated corrections (optional)
    originals/<id>.<ext>          each original file as given (<id>.<n>.<ext> for --as-one parts)
    corpus/<id>.txt               the text its reader produced, UTF-8: every offset indexes it
    corpus/<id>.pages.json        the page map: {"pages": [{"start", "part", "page"}, ...],
                                  "low_confidence": [[start, end], ...], "notes": [...]}

The manifest entry records, per original (``[[document.parts]]``), its SHA-256, the reader and
its version and, for OCR output, the engine and mean confidence, so a rebuild reads the stored
text and never an original again. Adding is planned first (every file read, every name
resolved) and written only when all of it succeeded; the manifest is written last, to a
staged file that the caller renames over ``sources.toml`` once the rebuild has succeeded
(:func:`commit`), or throws away with every file written (:func:`rollback`).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tomlkit

from kg import paths
from kg.errors import InputError, ManifestError
from kg.ingest import jurisdictions as juris
from kg.ingest.hashes import HashCache, file_sha256
from kg.ingest.manifest import load_errata, load_manifest
from kg.ingest.metadata import extract_metadata, transmitted_part
from kg.ingest.text import check_structure
from kg.model import DocMetadata, Source

if TYPE_CHECKING:
    from kg.ingest.readers import ReadResult

__all__ = [
    "AddPlan",
    "PlannedDocument",
    "Staged",
    "changed_originals",
    "commit",
    "known_originals",
    "plan_add",
    "plan_remove",
    "rollback",
    "stage",
]

MANIFEST = "sources.toml"
_HEADER = (
    "# One entry per source document (see kg.ingest.add for the layout of this folder).\n"
    "# Offsets everywhere refer to the text at `path`. Written by `kg add`; edit freely.\n"
)
_OPENING = 400  # characters searched for a place name when the text states no issuer
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,80}")
_ATTACHMENT = re.compile(r"\A\s*附\s*件\s*(?P<n>\d+)")


@dataclass(frozen=True)
class _ReadPart:
    path: Path
    sha256: str
    result: ReadResult


@dataclass(frozen=True)
class PlannedDocument:
    """One document ``kg add`` will write: its manifest entry, text and page map."""

    id: str
    entry: dict[str, Any]  # the [[document]] table, as written to sources.toml
    text: str
    pages: dict[str, Any]
    originals: tuple[tuple[Path, str], ...]  # (file given, path under the corpus folder)
    metadata: DocMetadata
    jurisdiction_path: tuple[str, ...]  # names, the document's jurisdiction first
    level: str | None
    notes: tuple[str, ...] = ()

    def summary(self) -> dict[str, Any]:
        keys = ("id", "title", "issuer", "doc_number", "date", "city", "jurisdiction")
        row = {k: self.entry.get(k) for k in keys}
        row["level"] = self.level
        row["within"] = " → ".join(self.jurisdiction_path[1:])
        row["files"] = ", ".join(p.name for p, _ in self.originals)
        row["reader"] = ", ".join(sorted({p["reader"] for p in self.entry["parts"]}))
        return row


@dataclass
class AddPlan:
    """What ``kg add`` found: documents to write, files already in the corpus, files skipped."""

    ingest: Path
    documents: list[PlannedDocument] = field(default_factory=list)
    duplicates: list[tuple[Path, str]] = field(default_factory=list)  # (file, id holding it)
    skipped: list[tuple[Path, str]] = field(default_factory=list)  # (file, why)


@dataclass(frozen=True)
class Staged:
    """Files written for a plan, and the staged manifest that is not yet ``sources.toml``."""

    ingest: Path
    manifest: Path  # the staged manifest, to build from
    written: tuple[Path, ...]
    removed: tuple[Path, ...] = ()  # files to delete once committed (kg remove)


# --------------------------------------------------------------------------------------------
# Planning


def _readable_suffixes() -> frozenset[str]:
    """What the registered readers read, by suffix: a folder's other files are skipped."""
    from kg.ingest.readers import registry

    return frozenset(s for reader in registry.get_all().values() for s in reader.suffixes)


def _expand(paths_given: Sequence[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Files to add: each file given, and every file of each folder given (sorted by name)."""
    files: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    for path in paths_given:
        if path.is_dir():
            for child in sorted(path.iterdir()):
                if child.is_dir():
                    skipped.append((child, "a folder inside the folder (not read; add it too)"))
                elif child.name.startswith((".", "~$")):
                    skipped.append((child, "a hidden or temporary file"))
                elif child.suffix.lower() not in _readable_suffixes():
                    skipped.append((child, "no reader reads this suffix (name the file to try)"))
                else:
                    files.append(child)
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(
                f"{path}: no such file or folder.",
                fix="check the path; give files or folders of documents to add",
            )
    if not files:
        raise InputError(
            f"No document files in {', '.join(map(str, paths_given))}.",
            fix="give .pdf, .docx, .doc, .html, .txt or image files, or a folder of them",
        )
    return files, skipped


def known_originals(ingest: Path) -> dict[str, str]:
    """SHA-256 -> document id of every file already in the corpus (originals, and the text
    itself for hand-written entries)."""
    manifest = ingest / MANIFEST
    if not manifest.is_file():
        return {}
    known: dict[str, str] = {}
    for source in load_manifest(manifest):
        for original in source.originals:
            known.setdefault(original.sha256, source.id)
        text = ingest / source.path
        if not source.parts and text.is_file():
            known.setdefault(file_sha256(text), source.id)
    return known


def _iso(date: str, *, where: str) -> str:
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            raise ValueError
        return dt.date.fromisoformat(date).isoformat()
    except ValueError:
        raise InputError(
            f"{where}: {date!r} is not a date YYYY-MM-DD.", fix="write e.g. --date 2024-10-28"
        ) from None


@dataclass(frozen=True)
class _Place:
    id: str  # the jurisdiction id used in the graph
    name: str  # Chinese name for the manifest's city field
    slug: str  # for document ids
    names: tuple[str, ...]  # the jurisdiction and the ones above, nearest first
    level: str | None


def _place_of(division: juris.Division | None) -> _Place:
    if division is None:
        return _Place(juris.COUNTRY, "中国", "china", ("中国",), "country")
    ident = juris.jurisdiction_id(division)
    chain = juris.lineage(division.code)
    slug = ident if not ident.isdigit() else juris.pinyin_slug(division)
    return _Place(ident, division.name, slug, (*(d.name for d in chain), "中国"), division.level)


def _resolve_place(
    *, where: str, jurisdiction: str | None, city: str | None, meta: DocMetadata, text: str
) -> tuple[_Place, str | None]:
    """The jurisdiction a document belongs to: as given, else from its issuer or title, else
    (with a note saying so) the first place its opening names."""
    if jurisdiction:
        return _place_of(juris.from_id(jurisdiction, where="--jurisdiction")), None
    if city:
        return _place_of(juris.from_name(city, where="--city")), None
    for label, value in (("issuer", meta.issuer), ("title", meta.title)):
        if not value:
            continue
        if juris.is_national(value):
            return _place_of(None), None
        found = juris.resolve_issuer(value, where=f"{where}: {label} {value}")
        if found is not None:
            return _place_of(found), None
    named = juris.mentioned(text[:_OPENING])
    if named is not None:
        note = (
            f"{Path(where).name}: no issuer stated; jurisdiction {named.name} ({named.code}) is "
            "the first place the text names: pass --city or --jurisdiction if that is wrong"
        )
        return _place_of(named), note
    stated = f"the issuer {meta.issuer!r}" if meta.issuer else "no issuer the text names"
    raise InputError(
        f"{where}: cannot tell which jurisdiction issued this document ({stated}, "
        f"title {meta.title!r}).",
        fix="pass --city NAME (e.g. --city 莱阳市) or --jurisdiction CODE (e.g. 370682)",
    )


def _doc_id(
    given: str | None, *, place: _Place, meta: DocMetadata, sha256: str, taken: set[str]
) -> str:
    if given:
        if not _ID.fullmatch(given):
            raise InputError(
                f"--id {given!r} is not a usable document id.",
                fix="use letters, digits, '.', '_' and '-' (e.g. --id fuxin-2020-3)",
            )
        if given in taken:
            raise InputError(
                f"--id {given!r} is already a document of the corpus.",
                fix="choose another id, or `kg remove` the existing document first",
            )
        return given
    number = re.search(r"〔(\d{4})〕(\d+)号$", meta.doc_number or "")
    year = number[1] if number else (meta.date or "")[:4]
    stem = f"{place.slug}-{year}-{number[2]}" if number else f"{place.slug}-{year}-{sha256[:6]}"
    stem = stem.replace("--", "-")
    return stem if stem not in taken else f"{stem}-{sha256[:6]}"


def _read(path: Path, *, ocr: bool) -> _ReadPart:
    from kg.ingest.readers import read_file  # the format libraries load only when reading

    result = read_file(path, ocr=ocr)
    if not result.text.strip():
        raise InputError(
            f"{path}: the {result.reader} reader found no text in it.",
            fix="check the file opens and shows text; a scan needs OCR (do not pass --no-ocr)",
        )
    return _ReadPart(path=path, sha256=file_sha256(path), result=result)


def _part_title(text: str, number: int, fallback: str) -> str:
    """附件2 and the part's own title (附件2 佛山市…方案), or the file's name."""
    attachment = _ATTACHMENT.match(text)
    title = extract_metadata(text).title
    head = f"附件{attachment['n']}" if attachment else (f"附件{number - 1}" if number > 1 else "")
    return " ".join(x for x in (head, title or (fallback if not head else "")) if x)


@dataclass(frozen=True)
class _Placed:
    """Where one file's text sits in the document's text."""

    start: int  # the part's first character (its 附件N heading, if one was supplied)
    body: int  # the first character of the text its reader produced
    title: str


def _combine(parts: list[_ReadPart]) -> tuple[str, list[_Placed]]:
    """The parts' texts as one: each attachment starts on its own 附件N heading line (supplied
    where the file does not begin with one)."""
    text, placed = "", []
    for number, part in enumerate(parts, start=1):
        body = part.result.text
        heading = ""
        if number > 1:
            text = text.rstrip("\n") + "\n\n"
            if not _ATTACHMENT.match(body):
                heading = f"附件{number - 1}\n"
        title = _part_title(heading + body, number, part.path.stem)
        placed.append(_Placed(start=len(text), body=len(text) + len(heading), title=title))
        text += heading + body
    return text, placed


def _page_map(parts: list[_ReadPart], placed: list[_Placed]) -> dict[str, Any]:
    pages: list[dict[str, int]] = []
    low: list[list[int]] = []
    notes: list[str] = []
    for number, (part, where) in enumerate(zip(parts, placed, strict=True), start=1):
        for page, page_start in enumerate(part.result.page_starts or (0,), start=1):
            start = where.start if page == 1 else page_start + where.body
            pages.append({"start": start, "part": number, "page": page})
        if part.result.ocr is not None:
            low.extend([s + where.body, e + where.body] for s, e in part.result.ocr.low_confidence)
        notes.extend(f"{part.path.name}: {n}" for n in part.result.notes)
    return {"pages": pages, "low_confidence": low, "notes": notes}


def _part_entry(part: _ReadPart, *, title: str, start: int, original: str) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "title": title,
        "start": start,
        "original": original,
        "sha256": part.sha256,
        "reader": part.result.reader,
        "reader_version": part.result.reader_version,
    }
    if part.result.ocr is not None:
        entry["ocr"] = {
            "engine": part.result.ocr.engine,
            "mean_confidence": round(part.result.ocr.mean_confidence, 1),
        }
    return entry


def _plan_document(
    parts: list[_ReadPart],
    *,
    taken: set[str],
    doc_id: str | None,
    city: str | None,
    jurisdiction: str | None,
    date: str | None,
    title: str | None,
) -> PlannedDocument:
    for part in parts:  # refused here, naming the file given, not at the rebuild
        check_structure(part.result.text, path=part.path)
    text, placed = _combine(parts)
    first = parts[0]
    where = str(first.path)
    meta = extract_metadata(parts[0].result.text)
    place, place_note = _resolve_place(
        where=where, jurisdiction=jurisdiction, city=city, meta=meta, text=first.result.text
    )
    ident = _doc_id(doc_id, place=place, meta=meta, sha256=first.sha256, taken=taken)
    entry: dict[str, Any] = {
        "id": ident,
        "city": place.name,
        "jurisdiction": place.id,
        "title": title or meta.title or first.path.stem,
    }
    if meta.issuer:
        entry["issuer"] = meta.issuer
    if meta.doc_number:
        entry["doc_number"] = meta.doc_number
    chosen_date = _iso(date, where="--date") if date else meta.date
    if chosen_date:
        entry["date"] = chosen_date
    entry["path"] = f"corpus/{ident}.txt"
    entry["pages"] = f"corpus/{ident}.pages.json"
    entry["cites"] = list(extract_metadata(text).cites)
    originals: list[tuple[Path, str]] = []
    part_entries = []
    for number, (part, spot) in enumerate(zip(parts, placed, strict=True), start=1):
        suffix = part.path.suffix.lower()
        stored = (
            f"originals/{ident}{suffix}"
            if len(parts) == 1
            else (f"originals/{ident}.{number}{suffix}")
        )
        originals.append((part.path, stored))
        inner = transmitted_part(part.result.text)
        title_here = spot.title if len(parts) > 1 else entry["title"]
        if inner is not None:  # a notice and the document it transmits, in one file
            offset, title_here, inner_title = inner
        part_entries.append(_part_entry(part, title=title_here, start=spot.start, original=stored))
        if inner is not None:
            part_entries.append(
                _part_entry(part, title=inner_title, start=spot.body + offset, original=stored)
            )
    entry["parts"] = part_entries
    notes = [place_note] if place_note else []
    if not (title or meta.title):
        notes.append(f"{first.path.name}: no title found in the text; using the file name")
    if not meta.issuer:
        notes.append(f"{first.path.name}: no issuer found in the text")
    return PlannedDocument(
        id=ident,
        entry=entry,
        text=text,
        pages=_page_map(parts, placed),
        originals=tuple(originals),
        metadata=meta,
        jurisdiction_path=place.names,
        level=place.level,
        notes=tuple(notes),
    )


def plan_add(
    paths_given: Sequence[Path],
    *,
    ingest: Path,
    city: str | None = None,
    jurisdiction: str | None = None,
    doc_id: str | None = None,
    date: str | None = None,
    title: str | None = None,
    as_one: bool = False,
    ocr: bool = True,
) -> AddPlan:
    """Read every file and decide what to write, without writing anything."""
    writable_ingest(ingest)
    files, skipped = _expand(paths_given)
    if doc_id and len(files) > 1 and not as_one:
        raise InputError(
            f"--id {doc_id!r} names one document, but {len(files)} files were given.",
            fix="add the files one at a time, or pass --as-one to add them as one document",
        )
    known = known_originals(ingest)
    plan = AddPlan(ingest=ingest, skipped=skipped)
    fresh: list[_ReadPart] = []
    for path in files:
        digest = file_sha256(path)
        if digest in known:
            plan.duplicates.append((path, known[digest]))
            continue
        known[digest] = f"(this run: {path.name})"
        fresh.append(_read(path, ocr=ocr))
    taken = {s.id for s in _sources(ingest)}
    groups = [fresh] if as_one and fresh else [[p] for p in fresh]
    for group in groups:
        planned = _plan_document(
            group,
            taken=taken,
            doc_id=doc_id,
            city=city,
            jurisdiction=jurisdiction,
            date=date,
            title=title,
        )
        taken.add(planned.id)
        plan.documents.append(planned)
    return plan


def changed_originals(
    ingest: Path, source: Source, *, hashes: HashCache | None = None
) -> list[str]:
    """Warnings for originals whose bytes differ from the checksum recorded when read
    (``hashes`` remembers the files' checksums between builds, by their stat)."""
    hashes = hashes or HashCache()
    warnings = []
    for original in source.originals:
        path = ingest / original.path
        if path.is_file() and hashes.sha256(path) != original.sha256:
            warnings.append(
                f"{source.id}: {path} has changed since it was read (the stored text is used); "
                f"to read it again: kg remove {source.id} && kg add {path}"
            )
    return warnings


def _sources(ingest: Path) -> list[Source]:
    manifest = ingest / MANIFEST
    return load_manifest(manifest) if manifest.is_file() else []


def writable_ingest(ingest: Path) -> Path:
    """Refuse to write into an installed package: its ingest/ is the bundled sample."""
    package = Path(paths.__file__).resolve().parent
    resolved = ingest.resolve()
    if resolved == package or package in resolved.parents:
        raise InputError(
            f"{ingest} is inside the installed kg package; kg add does not write there.",
            fix="point KG_INGEST (or --ingest DIR) at a folder of your own, e.g. "
            "export KG_INGEST=~/policy-corpus",
        )
    if ingest.exists() and not ingest.is_dir():
        raise InputError(f"{ingest} is not a folder.", fix="pass --ingest DIR with a folder")
    return ingest


# --------------------------------------------------------------------------------------------
# Writing


def _atomic_write(path: Path, data: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(data, encoding="utf-8")
    os.replace(tmp, path)


def _manifest_document(ingest: Path) -> tomlkit.TOMLDocument:
    manifest = ingest / MANIFEST
    if not manifest.is_file():
        return tomlkit.parse(_HEADER)
    return tomlkit.parse(manifest.read_text(encoding="utf-8"))


def _toml_entry(entry: dict[str, Any]) -> tomlkit.items.Table:
    table = tomlkit.table()
    for key, value in entry.items():
        if key == "parts":
            continue
        table[key] = value
    parts = tomlkit.aot()
    for part in entry["parts"]:
        item = tomlkit.table()
        for key, value in part.items():
            if isinstance(value, dict):
                inline = tomlkit.inline_table()
                inline.update(value)
                item[key] = inline
            else:
                item[key] = value
        parts.append(item)
    table["parts"] = parts
    return table


def _staged_path(ingest: Path) -> Path:
    return ingest / f".{MANIFEST}.staged"


def stage(plan: AddPlan) -> Staged:
    """Write the plan's originals, texts and page maps, and the staged manifest."""
    ingest = plan.ingest
    written: list[Path] = []
    try:
        for doc in plan.documents:
            targets = [ingest / rel for _, rel in doc.originals]
            targets += [ingest / doc.entry["path"], ingest / doc.entry["pages"]]
            clash = next((t for t in targets if t.exists()), None)
            if clash is not None:
                raise InputError(
                    f"{clash} exists already, though no document {doc.id!r} is in the manifest.",
                    fix=f"move the stray file away, or pass --id with another id than {doc.id}",
                )
            for given, rel in doc.originals:
                target = ingest / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(given, target)
                written.append(target)
            for rel, data in (
                (doc.entry["path"], doc.text),
                (doc.entry["pages"], json.dumps(doc.pages, ensure_ascii=False, indent=1)),
            ):
                _atomic_write(ingest / rel, data)
                written.append(ingest / rel)
        document = _manifest_document(ingest)
        entries = document.get("document")
        if not isinstance(entries, tomlkit.items.AoT):
            if entries:
                raise ManifestError(
                    f"{ingest / MANIFEST}: 'document' is not an array of [[document]] tables.",
                    fix="write each entry as a [[document]] table",
                )
            document.pop("document", None)
            entries = tomlkit.aot()
            document["document"] = entries
        for doc in plan.documents:
            entries.append(_toml_entry(doc.entry))
        staged = _staged_path(ingest)
        _atomic_write(staged, tomlkit.dumps(document))
        written.append(staged)
    except BaseException:
        _delete(written)
        raise
    return Staged(ingest=ingest, manifest=staged, written=tuple(written))


def _delete(files: Sequence[Path]) -> None:
    for path in reversed(files):
        path.unlink(missing_ok=True)


def commit(staged: Staged) -> None:
    """The staged manifest becomes sources.toml; files of removed documents go."""
    os.replace(staged.manifest, staged.ingest / MANIFEST)
    _delete(staged.removed)


def rollback(staged: Staged) -> None:
    """Undo :func:`stage`: every file it wrote is deleted; sources.toml was never touched."""
    _delete(staged.written)


# --------------------------------------------------------------------------------------------
# Removing


def plan_remove(doc_id: str, *, ingest: Path) -> Staged:
    """Stage the manifest without ``doc_id``; its stored files go when committed."""
    writable_ingest(ingest)
    manifest = ingest / MANIFEST
    sources = {s.id: s for s in _sources(ingest)}
    if doc_id not in sources:
        raise InputError(
            f"{manifest}: there is no document {doc_id!r}.",
            fix=f"use one of: {', '.join(sorted(sources)) or '(the corpus is empty)'}",
        )
    errata_path = ingest / "errata.toml"
    if errata_path.is_file():
        errata = [e.erratum.id for e in load_errata(errata_path) if e.doc == doc_id]
        if errata:
            raise ManifestError(
                f"{errata_path}: errata {', '.join(errata)} correct {doc_id!r}.",
                fix="remove those [[erratum]] entries first, then remove the document",
            )
    source = sources[doc_id]
    document = _manifest_document(ingest)
    entries = document["document"]
    index = next(i for i, e in enumerate(entries) if e.get("id") == doc_id)
    del entries[index]
    if not entries:  # tomlkit would write the emptied array of tables as "document = []"
        del document["document"]
    staged = _staged_path(ingest)
    _atomic_write(staged, tomlkit.dumps(document))
    files = [ingest / source.path, *(ingest / o.path for o in source.originals)]
    if source.pages:
        files.append(ingest / source.pages)
    return Staged(
        ingest=ingest,
        manifest=staged,
        written=(staged,),
        removed=tuple(f for f in files if f.is_file()),
    )
