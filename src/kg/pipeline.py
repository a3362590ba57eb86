"""The main jobs, one function each: extract the corpus, build the graph, evaluate.

The CLI and the API call these and nothing deeper.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from kg.errors import InputError, KgError
from kg.extract.document import extract_file, extract_text, source_for_path
from kg.extract.evaluate import Report, evaluate, load_alignment, load_gold
from kg.graph.indicators import link_documents
from kg.ingest import load_errata, load_manifest
from kg.ingest.add import (
    AddPlan,
    Staged,
    changed_originals,
    commit,
    plan_add,
    plan_remove,
    rollback,
    stage,
)
from kg.ingest.manifest import load_page_map
from kg.ingest.readers import read_file
from kg.model import ExtractedDocument, PageMap
from kg.paths import ingest_dir


def software_version() -> str:
    try:
        return version("policy-kg")
    except PackageNotFoundError:  # running from a source tree without installing
        return "0+unknown"


def extract_corpus(*, manifest: Path | None = None) -> list[ExtractedDocument]:
    """Every document of the manifest through the pipeline, errata applied.

    The stored texts are read, never the originals (their checksums are compared, so a
    changed original is reported). A folder without sources.toml is a corpus with no
    documents yet; errata.toml is optional.
    """
    manifest = manifest or ingest_dir() / "sources.toml"
    folder = manifest.parent
    if not manifest.exists() and folder.is_dir():
        return []
    sources = load_manifest(manifest)
    errata_path = folder / "errata.toml"
    errata = (
        load_errata(errata_path, doc_ids=[s.id for s in sources]) if errata_path.is_file() else []
    )
    docs = []
    for source in sources:
        doc = extract_file(folder / source.path, source=source, errata=errata)
        if source.pages:
            doc.page_map = load_page_map(folder / source.pages)
        doc.warnings += changed_originals(folder, source)
        docs.append(doc)
    return docs


def extract_path(
    path: Path, *, doc_id: str | None = None, city: str | None = None
) -> ExtractedDocument:
    """Any text file through the pipeline and the indicator linker (curated concepts, and
    automatic ones within the file), without touching the built graph."""
    source = source_for_path(path, doc_id=doc_id, city=city)
    doc = extract_file(path, source=source, crosscheck_manifest=False)
    link_documents([doc])
    return doc


@dataclass
class OriginalExtract:
    """``extract_original``'s answer: the document and how its file was read."""

    doc: ExtractedDocument
    reader: str
    reader_version: str
    pages: int
    notes: tuple[str, ...]
    ocr_engine: str | None = None
    ocr_confidence: float | None = None

    def records(self) -> list[dict[str, Any]]:
        """Targets and tasks in the export contract, each with its ``page`` and, for OCR
        output, ``ocr: true``, the mean ``confidence`` and ``low_confidence`` where unsure."""
        from kg.analysis.export import document_records

        out = []
        for record in document_records(self.doc):
            record["page"] = self.doc.page_map.page_of(record["start"])
            if self.ocr_engine is not None:
                record["ocr"] = True
                record["confidence"] = self.ocr_confidence
                record["low_confidence"] = self.doc.page_map.low_confidence_in(
                    record["start"], record["end"]
                )
            out.append(record)
        return out


def extract_original(
    path: Path, *, doc_id: str | None = None, city: str | None = None, ocr: bool = True
) -> OriginalExtract:
    """Any original file (PDF, Word, web page, scan, text) read and run through the pipeline
    and the indicator linker, without touching the corpus or the built graph."""
    from kg.ingest.text import check_structure

    result = read_file(path, ocr=ocr)
    check_structure(result.text, path=path)
    source = source_for_path(path, doc_id=doc_id, city=city)
    doc = extract_text(result.text, source=source, notes=result.notes, crosscheck_manifest=False)
    doc.page_map = PageMap(
        starts=result.page_starts,
        parts=tuple(1 for _ in result.page_starts),
        pages=tuple(range(1, len(result.page_starts) + 1)),
        low_confidence=result.ocr.low_confidence if result.ocr else (),
    )
    link_documents([doc])
    return OriginalExtract(
        doc=doc,
        reader=result.reader,
        reader_version=result.reader_version,
        pages=len(result.page_starts),
        notes=result.notes,
        ocr_engine=result.ocr.engine if result.ocr else None,
        ocr_confidence=result.ocr.mean_confidence if result.ocr else None,
    )


def extract_upload(
    data: bytes,
    *,
    filename: str,
    doc_id: str | None = None,
    city: str | None = None,
    ocr: bool = True,
) -> dict[str, Any]:
    """An uploaded file (POST /extract): how it was read, and its targets and tasks."""
    import tempfile

    name = Path(filename or "upload").name
    suffix = re.sub(r"[^.a-z0-9]", "", Path(name).suffix.lower())[:10]
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(name).stem).strip("-.") or "upload"
    if not data:
        raise InputError(f"{name}: the uploaded file is empty.", fix="upload the document file")
    with tempfile.TemporaryDirectory(prefix="kg-extract-") as tmp:
        path = Path(tmp) / f"{stem}{suffix}"
        path.write_bytes(data)
        try:
            found = extract_original(path, doc_id=doc_id or stem, city=city, ocr=ocr)
        except KgError as exc:  # name the file as uploaded, not the temporary copy
            exc.message = exc.message.replace(str(path), name)
            raise
    doc = found.doc
    return {
        "file": name,
        "doc": doc.source.id,
        "reader": found.reader,
        "reader_version": found.reader_version,
        "pages": found.pages,
        "ocr": (
            {"engine": found.ocr_engine, "mean_confidence": found.ocr_confidence}
            if found.ocr_engine
            else None
        ),
        "metadata": {
            "title": doc.metadata.title,
            "issuer": doc.metadata.issuer,
            "doc_number": doc.metadata.doc_number,
            "date": doc.metadata.date,
            "cites": list(doc.metadata.cites),
        },
        "notes": list(doc.warnings),
        "records": found.records(),
    }


def run_eval(gold_dir: Path, *, manifest: Path | None = None, texts: Path | None = None) -> Report:
    """Score the pipeline on every gold file of a folder.

    Documents of the manifest are read from the corpus; any other gold document from its
    text in ``texts`` (default: the gold folder's ``text/``), named ``<doc id>.<ext>``.
    """
    gold = load_gold(gold_dir)
    corpus = extract_corpus(manifest=manifest)
    known = {d.source.id for d in corpus}
    texts = texts if texts is not None else gold_dir / "text"
    extra = [
        _extract_gold_text(texts, doc_id=g["doc"], city=g.get("city"))
        for g in gold
        if g["doc"] not in known
    ]
    docs = corpus + extra
    link_documents(docs)
    return evaluate(gold, {d.source.id: d for d in docs}, alignment=load_alignment(gold_dir))


def _extract_gold_text(texts: Path, *, doc_id: str, city: str | None) -> ExtractedDocument:
    """A gold document from ``texts``: a .txt as it is, an original file through its reader."""
    candidates = sorted(texts.glob(f"{doc_id}.*"), key=lambda p: p.suffix != ".txt")
    if not candidates or not texts.is_dir():
        raise InputError(
            f"Gold document {doc_id!r} is not in the manifest and has no text in {texts}.",
            fix=f"Put its text at {texts / (doc_id + '.txt')} or pass --texts DIR.",
        )
    path = candidates[0]
    source = source_for_path(path, doc_id=doc_id, city=city)
    if path.suffix.lower() == ".txt":
        return extract_file(path, source=source, crosscheck_manifest=False)
    read = read_file(path)
    return extract_text(
        read.text,
        source=source,
        notes=read.notes,
        crosscheck_manifest=False,
        ocr=read.ocr is not None,
    )


@dataclass
class BuildResult:
    documents: int
    targets: int
    tasks: int
    quads: int
    seconds: float
    data_dir: Path
    warnings: list[str] = field(default_factory=list)


def build(*, data_dir: Path, manifest: Path | None = None) -> BuildResult:
    """Extract, link, make RDF, validate with SHACL, and write the store atomically."""
    from kg.graph.build import build_graphs, to_sorted_nquads
    from kg.graph.validate import validate
    from kg.store.embedded import write_store_atomically

    started = time.perf_counter()
    docs = extract_corpus(manifest=manifest)
    automatic = link_documents(docs)
    graphs = build_graphs(docs, software_version=software_version(), indicators=automatic)
    validate(graphs)
    nquads = to_sorted_nquads(graphs)
    write_store_atomically(nquads, data_dir=data_dir)
    return BuildResult(
        documents=len(docs),
        targets=sum(len(d.targets) for d in docs),
        tasks=sum(len(d.responsibilities) for d in docs),
        quads=nquads.count("\n"),
        seconds=time.perf_counter() - started,
        data_dir=data_dir,
        warnings=[w for d in docs for w in d.warnings],
    )


@dataclass
class AddOutcome:
    """What ``kg add`` did: the plan (documents, duplicates, skipped files) and the rebuild."""

    plan: AddPlan
    build: BuildResult | None  # None for --dry-run and when nothing was new


def add(
    files: Sequence[Path],
    *,
    ingest: Path,
    data_dir: Path,
    dry_run: bool = False,
    city: str | None = None,
    jurisdiction: str | None = None,
    doc_id: str | None = None,
    date: str | None = None,
    title: str | None = None,
    as_one: bool = False,
    ocr: bool = True,
) -> AddOutcome:
    """Add original files to the corpus folder and rebuild; all or nothing.

    Everything is read and resolved before anything is written; the rebuild runs on a staged
    manifest, and only when it succeeds does that become sources.toml (the store is written
    atomically by the build), so a failing add leaves the corpus and the graph as they were.
    """
    plan = plan_add(
        files,
        ingest=ingest,
        city=city,
        jurisdiction=jurisdiction,
        doc_id=doc_id,
        date=date,
        title=title,
        as_one=as_one,
        ocr=ocr,
    )
    if dry_run or not plan.documents:
        return AddOutcome(plan=plan, build=None)
    return AddOutcome(plan=plan, build=_build_staged(stage(plan), data_dir=data_dir))


def remove(doc_id: str, *, ingest: Path, data_dir: Path) -> BuildResult:
    """Take a document (its entry, stored text, page map and originals) out, and rebuild."""
    return _build_staged(plan_remove(doc_id, ingest=ingest), data_dir=data_dir)


def _build_staged(staged: Staged, *, data_dir: Path) -> BuildResult:
    try:
        result = build(data_dir=data_dir, manifest=staged.manifest)
    except BaseException:
        rollback(staged)
        raise
    commit(staged)
    return result
