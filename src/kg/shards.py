"""The build's unit of work: one document -> one N-Quads shard and one summary, cached on disk.

A shard is a pure function of its document's bytes, its manifest entry and errata, and the
build's code, rule data and ontology (``environment``). Its cache key hashes exactly those, so
a shard whose inputs are unchanged is read back instead of rebuilt, and a build that was
killed resumes from the shards it had written.

Layout under ``data/shards/``: ``<doc>.<key>.nq`` (the document's named graph, sorted lines),
``<doc>.<key>.common.nq`` (its organisations' lines in graph/common, sorted; the same lines as
other documents naming them but for spellings, so they join the cross-document part) and
``<doc>.<key>.json`` (its summary and the key's inputs), written by temp file + rename, the
summary last; a shard counts as present only when all three exist.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO

import kg
from kg.errors import KgError
from kg.extract.document import extract_file
from kg.graph.build import (
    DocumentSummary,
    document_graph,
    org_triples,
    to_sorted_nquads,
    validation_context,
)
from kg.graph.indicators import link_curated
from kg.graph.ns import COMMON_GRAPH, graph_iri
from kg.graph.validate import Violation, find_triples_violations
from kg.ingest.manifest import ErratumEntry, load_page_map
from kg.model import Source
from kg.paths import ontology_dir

SHARDS_NAME = "shards"
ENVIRONMENT_NAME = "environment.json"
STATE_NAME = "build.json"  # which shards the current graph.nq was merged from
CROSS_NAME = "cross.nq"  # the current graph.nq's cross-document lines
ORIGINALS_NAME = "originals.json"  # the originals' checksums by their stat (kg.ingest.hashes)
_KEEP = (ENVIRONMENT_NAME, STATE_NAME, CROSS_NAME, ORIGINALS_NAME)
_COMMON_SUFFIX = ".common.nq"
# The code a shard depends on: the stages up to graph and the foundation (a stage imports
# only earlier ones, so nothing later can change a shard).
_BUILD_CODE = ("ingest", "extract", "graph", "errors.py", "model.py", "paths.py")
_CODE_SUFFIXES = (".py", ".toml", ".json", ".csv", ".tsv", ".txt")


@dataclass(frozen=True)
class DocumentTask:
    """Everything needed to build one document's shard, on this machine or a Dask worker."""

    source: Source
    path: Path
    folder: Path  # the corpus folder: the page map and the originals are named relative to it
    errata: tuple[ErratumEntry, ...]
    file_sha256: str
    environment: str  # digest of the code, rules and ontology the key was computed with
    key: str


@dataclass(frozen=True)
class ShardResult:
    id: str
    key: str
    nquads: bytes  # the document's named graph
    common: bytes  # its organisations in graph/common
    summary: DocumentSummary
    violations: tuple[Violation, ...]


@cache
def environment_files() -> dict[str, str]:
    """Relative file name -> sha256 of the build's code, rule data and ontology, as loaded."""
    package = Path(kg.__file__).resolve().parent
    files: dict[str, str] = {}
    for name in _BUILD_CODE:
        root = package / name
        paths = [root] if root.is_file() else sorted(root.rglob("*"))
        for path in paths:
            if path.is_file() and path.suffix in _CODE_SUFFIXES and "__pycache__" not in path.parts:
                files[f"kg/{path.relative_to(package).as_posix()}"] = _file_sha256(path)
    for path in sorted(ontology_dir().glob("*.ttl")):
        files[f"ontology/{path.name}"] = _file_sha256(path)
    return files


def environment_digest(files: dict[str, str] | None = None) -> str:
    files = environment_files() if files is None else files
    h = hashlib.sha256()
    for name, digest in sorted(files.items()):
        h.update(f"{name}\0{digest}\0".encode())
    return h.hexdigest()[:16]


def _file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_task(
    source: Source, *, folder: Path, errata: Iterable[ErratumEntry], environment: str
) -> DocumentTask:
    own = tuple(e for e in errata if e.doc == source.id)
    path = folder / source.path
    file_sha = _file_sha256(path)
    h = hashlib.sha256(f"{environment}\0{source!r}\0{file_sha}\0".encode())
    if source.pages:
        h.update(_file_sha256(folder / source.pages).encode())
    for entry in own:
        h.update(repr(entry).encode("utf-8"))
    return DocumentTask(source, path, folder, own, file_sha, environment, h.hexdigest()[:16])


def build_shard(task: DocumentTask) -> ShardResult:
    """Extract, link, make RDF and validate one document: the same task, the same bytes."""
    if environment_digest() != task.environment:
        raise KgError(
            f"This process runs code, rules or ontology {environment_digest()}, but the build "
            f"was planned with {task.environment}.",
            fix="run the same checkout (and the same ontology/) on every Dask worker",
        )
    if _file_sha256(task.path) != task.file_sha256:
        raise KgError(
            f"{task.path} changed while the build was running (or differs on this worker).",
            fix="rerun kg build; Dask workers need the same ingest folder at the same path",
        )
    doc = extract_file(task.path, source=task.source, errata=task.errata)
    if task.source.pages:
        doc.page_map = load_page_map(task.folder / task.source.pages)
    link_curated(doc)
    triples, summary, orgs = document_graph(doc)
    context = validation_context(summary, triples, orgs=orgs)
    violations = find_triples_violations([*triples, *context])
    nquads = to_sorted_nquads({graph_iri(summary.id): triples}).encode("utf-8")
    common = to_sorted_nquads({COMMON_GRAPH: list(org_triples(orgs))}).encode("utf-8")
    return ShardResult(summary.id, task.key, nquads, common, summary, tuple(violations))


class ShardCache:
    """The shards of ``data/shards``: looked up by (document, key), written atomically."""

    def __init__(self, data_dir: Path) -> None:
        self.root = data_dir / SHARDS_NAME

    def _path(self, doc_id: str, key: str, suffix: str) -> Path:
        return self.root / f"{doc_id}.{key}{suffix}"

    def nquads_path(self, doc_id: str, key: str) -> Path:
        return self._path(doc_id, key, ".nq")

    def common_path(self, doc_id: str, key: str) -> Path:
        return self._path(doc_id, key, _COMMON_SUFFIX)

    def load(self, task: DocumentTask) -> DocumentSummary | None:
        """The cached summary of a task's shard, or None if it is not (completely) there."""
        summary = self._path(task.source.id, task.key, ".json")
        nquads = self._path(task.source.id, task.key, ".nq")
        common = self._path(task.source.id, task.key, _COMMON_SUFFIX)
        if not (summary.is_file() and nquads.is_file() and common.is_file()):
            return None
        try:
            data = json.loads(summary.read_text(encoding="utf-8"))
            return DocumentSummary.from_json(data["summary"])
        except (OSError, ValueError, KeyError, TypeError):  # a damaged entry is rebuilt
            return None

    def store(self, result: ShardResult) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        _write_atomically(self._path(result.id, result.key, ".nq"), result.nquads)
        _write_atomically(self._path(result.id, result.key, _COMMON_SUFFIX), result.common)
        record = {"key": result.key, "summary": result.summary.to_json()}
        _write_atomically(
            self._path(result.id, result.key, ".json"),
            json.dumps(record, ensure_ascii=False).encode(),
        )

    def prune(self, keep: Iterable[tuple[str, str]]) -> int:
        """Remove every shard but ``keep`` (document, key); returns how many files went."""
        suffixes = (".nq", _COMMON_SUFFIX, ".json")
        wanted = {f"{doc}.{key}{suffix}" for doc, key in keep for suffix in suffixes}
        removed = 0
        for path in self.root.glob("*"):
            if path.is_file() and path.name not in wanted and path.name not in _KEEP:
                path.unlink(missing_ok=True)
                removed += 1
        return removed

    def previous_environment(self) -> dict[str, str] | None:
        try:
            data = json.loads((self.root / ENVIRONMENT_NAME).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def save_environment(self, files: dict[str, str]) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        text = json.dumps(files, indent=1, sort_keys=True).encode()
        _write_atomically(self.root / ENVIRONMENT_NAME, text)

    def previous_build(self, graph: Path) -> dict[str, str] | None:
        """Document -> shard key of the build that wrote ``graph`` (None if unknown or if
        graph.nq is not the one that build wrote)."""
        try:
            data = json.loads((self.root / STATE_NAME).read_text(encoding="utf-8"))
            if data["graph_bytes"] != graph.stat().st_size or not self.cross_path().is_file():
                return None
            return dict(data["shards"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def cross_path(self) -> Path:
        return self.root / CROSS_NAME

    def previous_quads(self) -> int | None:
        """The lines of the graph.nq the previous build wrote, if it recorded them."""
        try:
            quads = json.loads((self.root / STATE_NAME).read_text(encoding="utf-8"))["quads"]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return quads if isinstance(quads, int) else None

    def save_build(self, shards: dict[str, str], *, graph: Path, cross: Path, quads: int) -> None:
        """Record what graph.nq was merged from (and its lines), for the next build's patch."""
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / STATE_NAME).unlink(missing_ok=True)  # stale while cross.nq changes
        os.replace(cross, self.cross_path())
        record = {"graph_bytes": graph.stat().st_size, "quads": quads, "shards": shards}
        _write_atomically(self.root / STATE_NAME, json.dumps(record).encode())


def environment_changes(previous: dict[str, Any] | None, current: dict[str, str]) -> list[str]:
    """The code, rule and ontology files that differ from the previous build's."""
    if previous is None:
        return []
    names = sorted(set(previous) | set(current))
    return [n for n in names if previous.get(n) != current.get(n)]


def _write_atomically(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_MERGE_BATCH = 256


def merge_sorted(paths: Sequence[Path], *, out: Path, work: Path) -> None:
    """Merge sorted N-Quads files into ``out``, each line once, streaming.

    GNU ``sort --merge`` in the C locale orders bytes, which is the order ``to_sorted_nquads``
    gives its lines (UTF-8 keeps code-point order, and no N-Quads line is a prefix of another).
    """
    sort = _tool("sort")
    files = work / f"{out.name}.list"
    files.write_bytes(b"".join(os.fsencode(p) + b"\0" for p in paths))
    # sort holds a buffer of about 250 KB for each input open at once: 10,000 shards merged in
    # one pass took 2.5 GB; 512 at a time ~130 MB, 256 ~65 MB (1,000 shards in 0.85 against
    # 0.73 s; up to 65,536 shards, both merge in two passes)
    batch = max(2, min(len(paths), _MERGE_BATCH, _open_files() - 32))
    command = [sort, "--merge", "--unique", f"--batch-size={batch}", f"--files0-from={files}"]
    _run([*command, "-T", str(work), "-o", str(out)], what="Merging the shards", work=work)


_SORT_BUFFER = "64M"  # GNU sort's buffer: larger inputs are sorted in runs on disk


def sort_lines(paths: Sequence[Path], *, out: Path, work: Path) -> None:
    """The lines of ``paths`` (in any order) sorted into ``out``, each once, on disk: GNU
    ``sort`` in the C locale, the order of ``to_sorted_nquads``, with a bounded buffer."""
    files = work / f"{out.name}.list"
    files.write_bytes(b"".join(os.fsencode(p) + b"\0" for p in paths))
    command = [_tool("sort"), "--unique", f"--buffer-size={_SORT_BUFFER}"]
    command += [f"--files0-from={files}", "-T", str(work), "-o", str(out)]
    _run(command, what="Sorting the cross-document part", work=work)


def diff_graphs(
    old_shards: Sequence[Path], old_cross: Path, new_shards: Sequence[Path], new_cross: Path
) -> tuple[list[bytes], list[bytes]]:
    """The sorted lines only in the old graph (old shards and cross-document part), and those
    only in the new one.

    Only the changed documents' shards are given, and they are small; the cross-document
    parts grow with the corpus, so they are compared in one pass of ``comm`` and never merged
    or held in memory: a shard line is looked up in them by binary search.
    """
    old_lines = {line for path in old_shards for line in _lines(path)}
    new_lines = {line for path in new_shards for line in _lines(path)}
    cross_removed, cross_added = _compare(old_cross, new_cross)
    removed = {line for line in cross_removed if line not in new_lines}
    removed |= {line for line in old_lines - new_lines if not _holds(new_cross, line)}
    added = {line for line in cross_added if line not in old_lines}
    added |= {line for line in new_lines - old_lines if not _holds(old_cross, line)}
    return sorted(removed), sorted(added)


def _compare(old: Path, new: Path) -> tuple[list[bytes], list[bytes]]:
    """(lines only in ``old``, lines only in ``new``) of two sorted files, by one ``comm``."""
    command = [_tool("comm"), "-3", str(old), str(new)]
    env = {**os.environ, "LC_ALL": "C"}
    done = subprocess.run(command, env=env, capture_output=True, check=False)
    if done.returncode != 0:
        raise KgError(
            f"Comparing the cross-document parts failed: {done.stderr.decode(errors='replace')}",
            fix=f"delete {old} and rerun kg build (graph.nq is then merged anew)",
        )
    only_old: list[bytes] = []
    only_new: list[bytes] = []
    for line in done.stdout.splitlines(keepends=True):  # N-Quads lines never begin with a tab
        if line.startswith(b"\t"):
            only_new.append(line[1:])
        else:
            only_old.append(line)
    return only_old, only_new


def _holds(sorted_file: Path, line: bytes) -> bool:
    with sorted_file.open("rb") as handle:
        at = _first_line_at_least(handle, line, lo=0, hi=sorted_file.stat().st_size)
        handle.seek(at)
        return handle.readline() == line


def write_lines(path: Path, lines: Iterable[bytes]) -> Path:
    with path.open("wb") as handle:
        handle.writelines(lines)
    return path


def patch_sorted(graph: Path, *, removed: Path, added: Path, out: Path) -> int:
    """``graph`` without the ``removed`` lines, with the ``added`` ones, still sorted, into
    ``out``; returns the change in lines.

    The cost is that of the change, not of the graph: each changed line's place is found by
    binary search in the sorted file, and the unchanged runs between them are copied by the
    kernel (``copy_file_range``), never read into Python or compared line by line.
    """
    changes = heapq.merge(
        ((line, False) for line in _lines(removed)), ((line, True) for line in _lines(added))
    )
    size = graph.stat().st_size
    delta = 0
    with graph.open("rb") as search, out.open("wb", buffering=0) as sink:
        position = 0
        for line, adding in changes:
            at = _first_line_at_least(search, line, lo=position, hi=size)
            _copy_range(search, sink, start=position, end=at)
            position = at
            if adding:
                sink.write(line)
                delta += 1
                continue
            search.seek(at)
            if search.readline() != line:
                raise KgError(
                    f"{graph} does not hold a line the previous build wrote into it.",
                    fix=f"delete {graph} and rerun kg build (it is merged anew)",
                )
            position = at + len(line)
            delta -= 1
        _copy_range(search, sink, start=position, end=size)
    return delta


def _lines(path: Path) -> Iterator[bytes]:
    with path.open("rb") as handle:
        yield from handle


def _first_line_at_least(handle: BinaryIO, key: bytes, *, lo: int, hi: int) -> int:
    """The offset of the first line >= ``key`` in a sorted file, given that the lines before
    ``lo`` (a line start) are less and ``hi`` is a line start or the end."""
    while hi - lo > _SCAN_BYTES:
        handle.seek((lo + hi) // 2 - 1)
        handle.readline()  # to the first line starting at or after the midpoint
        start = handle.tell()
        if start >= hi:
            break
        line = handle.readline()
        if line < key:
            lo = start + len(line)
        else:
            hi = start
    handle.seek(lo)
    while lo < hi:
        line = handle.readline()
        if not line or line >= key:
            break
        lo += len(line)
    return min(lo, hi)


_SCAN_BYTES = 1 << 13  # below this, a range is read line by line


def _copy_range(source: BinaryIO, sink: BinaryIO, *, start: int, end: int) -> None:
    """Bytes [start, end) of ``source`` appended to ``sink`` (unbuffered), by the kernel where
    it can."""
    while start < end:
        try:
            copied = os.copy_file_range(source.fileno(), sink.fileno(), end - start, start)
        except (AttributeError, OSError):  # not Linux, or a file system without it
            source.seek(start)
            copied = sink.write(source.read(min(end - start, 1 << 20))) or 0
        if copied == 0:
            raise KgError(f"{source.name} ended before byte {end}.", fix="rerun kg build")
        start += copied


def _open_files() -> int:
    import resource

    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise KgError(
            f"The build merges its shards with `{name}`, which is not on PATH.",
            fix="install GNU coreutils",
        )
    return found


def _run(command: list[str], *, what: str, work: Path, out: Path | None = None) -> None:
    """A coreutils command in the C locale (byte order, the order of sorted N-Quads)."""
    env = {**os.environ, "LC_ALL": "C"}
    with out.open("wb") if out else open(os.devnull, "wb") as handle:
        done = subprocess.run(command, env=env, stdout=handle, stderr=subprocess.PIPE, check=False)
    if done.returncode != 0:
        raise KgError(
            f"{what} failed: {done.stderr.decode(errors='replace').strip()}",
            fix=f"check the free space in {work.parent}, then rerun kg build",
        )
