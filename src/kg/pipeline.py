"""The main jobs, one function each: extract the corpus, build the graph, evaluate.

The CLI and the API call these and nothing deeper.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from kg.errors import InputError
from kg.extract.document import extract_file, extract_text, source_for_path
from kg.extract.evaluate import Report, evaluate, load_alignment, load_gold
from kg.graph.indicators import link_documents
from kg.ingest import load_errata, load_manifest
from kg.ingest.readers import read_file
from kg.model import ExtractedDocument


def software_version() -> str:
    try:
        return version("policy-kg")
    except PackageNotFoundError:  # running from a source tree without installing
        return "0+unknown"


def extract_corpus(*, manifest: Path | None = None) -> list[ExtractedDocument]:
    """Every document of the manifest through the pipeline, errata applied."""
    sources = load_manifest(manifest)
    base = (manifest.parent if manifest else None) or _default_ingest()
    errata = load_errata(
        (manifest.parent / "errata.toml") if manifest else None,
        doc_ids=[s.id for s in sources],
    )
    return [extract_file(base / s.path, source=s, errata=errata) for s in sources]


def _default_ingest() -> Path:
    from kg.paths import ingest_dir

    return ingest_dir()


def extract_path(
    path: Path, *, doc_id: str | None = None, city: str | None = None
) -> ExtractedDocument:
    """Any text file through the pipeline and the indicator linker (curated concepts, and
    automatic ones within the file), without touching the built graph."""
    source = source_for_path(path, doc_id=doc_id, city=city)
    doc = extract_file(path, source=source, crosscheck_manifest=False)
    link_documents([doc])
    return doc


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
