"""The main jobs, one function each: extract the corpus, build the graph, evaluate.

The CLI and the API call these and nothing deeper.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Protocol

from kg.errors import InputError, KgError
from kg.executors import Executor, run_tasks
from kg.extract.document import extract_file, extract_text, source_for_path
from kg.extract.evaluate import Report, evaluate, load_alignment, load_gold
from kg.graph.build import (
    DocumentSummary,
    Triple,
    automatic_indicators,
    check_ids,
    common_parts,
    common_validation_triples,
    corpus_numbers,
    in_graph,
    is_seq_member,
    link_triples,
    nquad_lines,
    ontology_triples,
)
from kg.graph.indicators import link_documents
from kg.graph.ns import COMMON_GRAPH, ONTOLOGY_GRAPH, graph_iri
from kg.graph.validate import Violation, find_triples_violations, raise_violations
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
from kg.ingest.hashes import HashCache
from kg.ingest.manifest import load_page_map
from kg.ingest.readers import read_file
from kg.model import ExtractedDocument, PageMap
from kg.paths import ingest_dir
from kg.shards import (
    CROSS_NAME,
    ORIGINALS_NAME,
    DocumentTask,
    ShardCache,
    diff_graphs,
    environment_changes,
    environment_digest,
    environment_files,
    make_task,
    merge_sorted,
    patch_sorted,
    sort_lines,
    write_lines,
)
from kg.store.embedded import NQUADS_NAME, StoreBuilder, patch_store_atomically


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


def originals_beside(gold_dir: Path) -> Path | None:
    """The folder of original files beside a gold folder (gold-dev/ and documents/, as its
    SCHEMA.md lays them out), if it holds the original of one of its gold documents: the
    documents as the product reads them, not only their reference texts."""
    folder = gold_dir.parent / "documents"
    if not folder.is_dir():
        return None
    ids = {g["doc"] for g in load_gold(gold_dir)}
    held = any(p.stem in ids and p.suffix.lower() != ".txt" for p in folder.iterdir())
    return folder if held else None


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
    rebuilt: int = 0  # documents whose shard was built (the others were reused)
    changed_inputs: list[str] = field(default_factory=list)  # code/rule/ontology files
    patched: bool = False  # graph.nq and the store patched, not merged and loaded anew


class Steps(Protocol):
    """Progress of the build's long steps (the CLI shows rich progress bars)."""

    def start(self, name: str, total: int | None) -> None: ...
    def advance(self, n: int = 1) -> None: ...


class _NoSteps:
    def start(self, name: str, total: int | None) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass


def build(
    *,
    data_dir: Path,
    manifest: Path | None = None,
    jobs: int | None = None,
    executor: Executor = Executor.local,
    scheduler: str | None = None,
    steps: Steps | None = None,
) -> BuildResult:
    """Build the graph document by document, reusing every shard whose inputs are unchanged,
    then the cross-document part from the summaries; write graph.nq and the store atomically.

    Memory stays bounded whatever the corpus: documents are processed one per worker, the
    cross-document steps read only summaries, and the shards are merged and bulk-loaded from
    disk (or, after a small change, the previous graph patched).
    """
    steps = steps or _NoSteps()
    started = time.perf_counter()
    _remove_leftovers(data_dir)
    plan = _plan(data_dir=data_dir, manifest=manifest)
    todo = [t for t in plan.tasks if t.source.id not in plan.summaries]
    # Unless the previous store is patched, a new one is loaded while the documents are built.
    loader = None if plan.patch else StoreBuilder(data_dir)
    try:
        if loader:
            for task in plan.tasks:
                if task.source.id in plan.summaries:  # reused shards go in first
                    _load_shard(loader, plan.cache, task.source.id, task.key)
        steps.start("documents", len(todo))
        violations: list[Violation] = []
        for result in run_tasks(todo, jobs=jobs, executor=executor, scheduler=scheduler):
            if result.violations:
                violations += result.violations
            else:
                plan.cache.store(result)
                if loader:
                    _load_shard(loader, plan.cache, result.id, result.key)
            plan.summaries[result.id] = result.summary
            steps.advance()
        raise_violations(sorted(set(violations), key=lambda v: (v.focus, v.path or "", v.shape)))
        if loader:  # the documents' last lines load while the cross-document part is made
            loader.load_pending()
        ordered = [plan.summaries[t.source.id] for t in plan.tasks]
        quads = _write(plan, summaries=ordered, steps=steps, loader=loader)
    except BaseException:
        if loader:
            loader.abandon()
        raise
    return BuildResult(
        documents=len(ordered),
        targets=sum(s.targets for s in ordered),
        tasks=sum(s.tasks for s in ordered),
        quads=quads,
        seconds=time.perf_counter() - started,
        data_dir=data_dir,
        warnings=[*plan.warnings, *(w for s in ordered for w in s.warnings)],
        rebuilt=len(todo),
        changed_inputs=plan.changed_inputs,
        patched=plan.patch,
    )


def _load_shard(loader: StoreBuilder, cache: ShardCache, doc_id: str, key: str) -> None:
    """A document's lines into the new store: its shard and its organisations (most of the
    cross-document part's lines, so they load while documents are built, not after them)."""
    loader.add(cache.nquads_path(doc_id, key))
    loader.add(cache.common_path(doc_id, key))


# What a build writes beside graph.nq and the store before moving them in by renames.
_LEFTOVERS = (".build-*", ".store-build-*", ".store-patch-*", f".{NQUADS_NAME}.*.tmp")


def _remove_leftovers(data_dir: Path) -> None:
    """Remove what a killed build left in the data folder (a build stopped by SIGKILL or a
    power cut runs no cleanup): a half-loaded store or a half-written graph.nq can be
    gigabytes at national scale. One build at a time writes a data folder."""
    for pattern in _LEFTOVERS:
        for path in data_dir.glob(pattern):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)


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


@dataclass
class _Plan:
    data_dir: Path
    cache: ShardCache
    tasks: list[DocumentTask]
    summaries: dict[str, DocumentSummary]  # of the shards already built
    environment: dict[str, str]
    changed_inputs: list[str]
    previous: dict[str, str] | None  # document -> shard key of the current graph.nq
    patch: bool  # few documents changed: graph.nq and the store are patched, not made anew
    warnings: list[str] = field(default_factory=list)  # originals changed since they were read

    @property
    def keys(self) -> dict[str, str]:
        return {t.source.id: t.key for t in self.tasks}


def _plan(*, data_dir: Path, manifest: Path | None) -> _Plan:
    """Every document's task and key, and which shards are already built. A folder without
    sources.toml is a corpus with no documents yet; errata.toml is optional."""
    manifest = manifest or ingest_dir() / "sources.toml"
    folder = manifest.parent
    sources = [] if not manifest.exists() and folder.is_dir() else load_manifest(manifest)
    check_ids([s.id for s in sources])
    errata_path = folder / "errata.toml"
    errata = (
        load_errata(errata_path, doc_ids=[s.id for s in sources]) if errata_path.is_file() else []
    )
    cache = ShardCache(data_dir)
    files = environment_files()
    digest = environment_digest(files)
    tasks = [make_task(s, folder=folder, errata=errata, environment=digest) for s in sources]
    hashes = HashCache(cache.root / ORIGINALS_NAME)
    warnings = [w for s in sources for w in changed_originals(folder, s, hashes=hashes)]
    hashes.save()
    previous = cache.previous_build(data_dir / NQUADS_NAME)
    keys = {t.source.id: t.key for t in tasks}
    return _Plan(
        data_dir=data_dir,
        cache=cache,
        tasks=tasks,
        summaries={t.source.id: found for t in tasks if (found := cache.load(t)) is not None},
        environment=files,
        changed_inputs=environment_changes(cache.previous_environment(), files),
        previous=previous,
        patch=_small_change(cache, previous, keys),
        warnings=warnings,
    )


def _write(
    plan: _Plan, *, summaries: list[DocumentSummary], steps: Steps, loader: StoreBuilder | None
) -> int:
    """The cross-document part, then graph.nq and the store: the shards merged and the
    loader's store moved in, or the previous ones patched; returns the quads."""
    data_dir, cache, keys = plan.data_dir, plan.cache, plan.keys
    data_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=data_dir, prefix=".build-"))
    try:
        steps.start("cross-document graph", None)
        orgs = [cache.common_path(doc, key) for doc, key in keys.items()]
        rest = _cross_document(summaries, orgs=orgs, out=work / CROSS_NAME, work=work)
        merged = data_dir / f".{NQUADS_NAME}.{work.name}.tmp"
        try:
            if loader is None:
                assert plan.previous is not None  # a patch is planned only with a previous build
                steps.start("patch graph.nq and store", None)
                before = _previous_quads(cache, data_dir)
                delta = _patch(cache, plan.previous, keys, work=work, data_dir=data_dir, out=merged)
                quads = before + delta
            else:
                steps.start("merge shards", None)
                loader.add(rest)  # with the organisations loaded, the rest of cross.nq
                loader.load_pending()  # while the shards are merged
                shards = [cache.nquads_path(doc, key) for doc, key in keys.items()]
                merge_sorted([*shards, work / CROSS_NAME], out=merged, work=work)
                quads = _count_lines(merged)
                steps.start("store (the last of the bulk load)", None)
                loader.finish(merged, data_dir=data_dir)
        finally:
            merged.unlink(missing_ok=True)
        graph = data_dir / NQUADS_NAME
        cache.save_build(keys, graph=graph, cross=work / CROSS_NAME, quads=quads)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    cache.save_environment(plan.environment)
    cache.prune(keys.items())
    return quads


def _previous_quads(cache: ShardCache, data_dir: Path) -> int:
    """The lines of the graph.nq being patched (recorded by the build that wrote it)."""
    recorded = cache.previous_quads()
    return recorded if recorded is not None else _count_lines(data_dir / NQUADS_NAME)


def _cross_document(
    summaries: list[DocumentSummary], *, orgs: Sequence[Path], out: Path, work: Path
) -> Path:
    """The N-Quads that depend on more than one document, sorted into ``out``: citations
    between them, automatic indicators, graph/common (with the organisations of every
    document, the sorted files ``orgs``) and graph/ontology; SHACL-checked. Returns the file
    (in ``work``) of its lines but the organisations', unsorted.

    The lines go to a file as they are made and are sorted on disk (``sort_lines``), so the
    step holds only what SHACL checks of graph/common: not the organisations, and not the
    comparisons' members (no shape reaches them: an rdf:Seq is no shape's target, and the
    targets listed are checked in their documents), which are most of it.
    """
    numbers = corpus_numbers(summaries)
    automatic, indicators = automatic_indicators(summaries)
    common = common_parts(
        summaries,
        software_version=software_version(),
        indicators=indicators,
        automatic=automatic,
    )
    checked: dict[Triple, None] = {}
    lines = work / f"{out.name}.unsorted"
    with lines.open("w", encoding="utf-8", newline="") as handle:
        for s in summaries:
            links = link_triples(s, numbers=numbers, automatic=automatic)
            handle.writelines(nquad_lines(in_graph(links, graph_iri(s.id))))
        handle.writelines(nquad_lines(in_graph(_kept(common, into=checked), COMMON_GRAPH)))
        handle.writelines(nquad_lines(in_graph(ontology_triples(), ONTOLOGY_GRAPH)))
    raise_violations(find_triples_violations(common_validation_triples(checked)))
    sort_lines([lines, *orgs], out=out, work=work)
    return lines


def _kept(triples: Iterable[Triple], *, into: dict[Triple, None]) -> Iterator[Triple]:
    """The triples, each also kept in ``into`` unless it is a comparison's member."""
    for triple in triples:
        if not is_seq_member(triple):
            into[triple] = None
        yield triple


def _small_change(cache: ShardCache, previous: dict[str, str] | None, keys: dict[str, str]) -> bool:
    """Patch the previous graph when at most a tenth of the documents changed (else merging
    every shard and bulk-loading is quicker) and their old shards are still there."""
    if previous is None:
        return False
    changed = {d for d in previous.keys() | keys.keys() if previous.get(d) != keys.get(d)}
    present = all(cache.nquads_path(d, previous[d]).is_file() for d in changed if d in previous)
    return present and len(changed) <= max(1, len(keys) // 10)


def _patch(
    cache: ShardCache,
    previous: dict[str, str],
    keys: dict[str, str],
    *,
    work: Path,
    data_dir: Path,
    out: Path,
) -> int:
    """graph.nq and the store from the previous ones: the lines of the changed documents' old
    shards and of the old cross-document part out, their new ones in; returns the change in
    lines."""
    changed = sorted(d for d in previous.keys() | keys.keys() if previous.get(d) != keys.get(d))
    old = [cache.nquads_path(d, previous[d]) for d in changed if d in previous]
    new = [cache.nquads_path(d, keys[d]) for d in changed if d in keys]
    lines_removed, lines_added = diff_graphs(old, cache.cross_path(), new, work / CROSS_NAME)
    removed = write_lines(work / "removed.nq", lines_removed)
    added = write_lines(work / "added.nq", lines_added)
    delta = patch_sorted(data_dir / NQUADS_NAME, removed=removed, added=added, out=out)
    patch_store_atomically(out, removed=removed, added=added, data_dir=data_dir)
    return delta


def _count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
