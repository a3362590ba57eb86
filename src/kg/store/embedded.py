"""The embedded Oxigraph store: load N-Quads, answer SPARQL with plain Python values, and
replace the on-disk store atomically so a failed or killed build never leaves a broken one.
"""

from __future__ import annotations

import itertools
import os
import queue
import shutil
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import InputError, KgError, NotBuiltError, QueryError
from kg.graph.ns import BASE, PREFIXES
from kg.store.dataset import query_dataset

STORE_NAME = "store"
NQUADS_NAME = "graph.nq"

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = {
    _XSD + name
    for name in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
}
_FLOAT_TYPES = {_XSD + "decimal", _XSD + "double", _XSD + "float"}

Row = dict[str, Any]
QueryResult = list[Row] | bool | list[ox.Triple]


def python_value(term: Any) -> Any:
    """A result term as JSON-friendly Python: IRIs and plain literals as str, numbers as
    int/float, booleans as bool; dates and other typed literals keep their lexical form."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        try:
            if datatype in _INTEGER_TYPES:
                return int(term.value)
            if datatype in _FLOAT_TYPES:
                return float(term.value)
        except ValueError:  # an ill-typed literal: its text is the honest answer
            return term.value
        if datatype == _XSD + "boolean":
            return term.value in ("true", "1")
        return term.value
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)


class Store:
    """A read-mostly SPARQL store; a query without FROM (or protocol graphs) sees all named
    graphs as the default graph."""

    def __init__(self, store: ox.Store) -> None:
        self._store = store

    @classmethod
    def open(cls, path: Path | None = None, *, read_only: bool = False) -> Store:
        """``None`` opens an empty in-memory store; a path opens (or creates) an on-disk one."""
        if path is None:
            return cls(ox.Store())
        if read_only and not path.is_dir():
            raise NotBuiltError(
                f"There is no store at {path}.", fix="run `kg build` first, or check KG_DATA_DIR"
            )
        try:
            return cls(ox.Store.read_only(str(path)) if read_only else ox.Store(str(path)))
        except OSError as exc:
            raise KgError(
                f"Cannot open the store at {path}: {exc}.",
                fix="another process may hold it open for writing; stop it, or open read_only",
            ) from exc

    def load_nquads(self, text: str) -> None:
        """Add N-Quads in one transaction: all of them, or none if they do not parse."""
        try:
            self._store.load(input=text, format=ox.RdfFormat.N_QUADS)
        except SyntaxError as exc:
            raise InputError(
                f"The N-Quads do not parse: {exc}.",
                fix="load the output of kg.graph.build.to_sorted_nquads",
            ) from exc

    def __len__(self) -> int:
        return len(self._store)

    def query(
        self,
        sparql: str,
        *,
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
    ) -> QueryResult:
        """SELECT -> rows (dicts of Python values, None where unbound); ASK -> bool;
        CONSTRUCT/DESCRIBE -> pyoxigraph Triples. The usual prefixes (pol:, eli:, …) are
        predeclared; the dataset follows SPARQL 1.1 (:func:`kg.store.dataset.query_dataset`)."""
        result = self.run(sparql, default_graphs=default_graphs, named_graphs=named_graphs)
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            return [{n: python_value(row[n]) for n in names} for row in result]
        return list(result)

    def run(
        self,
        sparql: str,
        *,
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
    ) -> ox.QueryBoolean | ox.QuerySolutions | ox.QueryTriples:
        """pyoxigraph's own answer, on the dataset SPARQL 1.1 gives the query. Relative IRIs
        resolve against the graph's base."""
        dataset = query_dataset(sparql, default_graphs=default_graphs, named_graphs=named_graphs)
        options: dict[str, Any] = {"use_default_graph_as_union": True}
        try:
            if dataset is not None:  # Oxigraph's union flag would override the query's FROM
                options = {
                    "default_graph": [ox.NamedNode(g) for g in dataset.default],
                    "named_graphs": [ox.NamedNode(g) for g in dataset.named],
                }
            return self._store.query(sparql, prefixes=PREFIXES, base_iri=BASE, **options)
        except (SyntaxError, ValueError) as exc:
            raise QueryError(
                f"The SPARQL query does not parse: {exc}.",
                fix="check the syntax against SPARQL 1.1; only queries (no updates) are accepted",
            ) from exc
        except OSError as exc:
            raise QueryError(
                f"The SPARQL query failed while running: {exc}.",
                fix="simplify the query or check the functions and services it calls",
            ) from exc


def _fill_store(path: Path, nquads: Path) -> None:
    """Build an on-disk store at ``path`` from an N-Quads file, streamed by the bulk loader;
    the store is closed (dropped) before the caller moves it."""
    store = ox.Store(str(path))
    try:
        bulk_load_in_chunks(store, nquads)
        store.flush()
    except SyntaxError as exc:
        raise InputError(
            f"The N-Quads do not parse: {exc}.", fix="write the output of to_sorted_nquads"
        ) from exc
    finally:
        del store


BULK_LOAD_LINES = 200_000  # ~50 MB of N-Quads per bulk load: memory stays flat
_LOAD_BYTES = 4 << 20  # a file is read in parts of this size (and up to the end of a line)


def bulk_load_in_chunks(store: ox.Store, nquads: Path) -> None:
    """Oxigraph's bulk loader, fed a bounded number of lines at a time: given a whole file, it
    buffers up to about 2 GB per thread before writing."""
    with nquads.open("rb") as handle:
        while chunk := b"".join(itertools.islice(handle, BULK_LOAD_LINES)):
            store.bulk_load(input=chunk, format=ox.RdfFormat.N_QUADS)


def write_store_atomically(nquads: str, *, data_dir: Path) -> Path:
    """Replace ``data_dir/store`` and ``data_dir/graph.nq`` with the given graph."""
    data_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=data_dir, prefix=f".{NQUADS_NAME}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(nquads)
        return write_store_from_file(Path(tmp), data_dir=data_dir)
    finally:
        Path(tmp).unlink(missing_ok=True)


def write_store_from_file(nquads: Path, *, data_dir: Path) -> Path:
    """Replace ``data_dir/store`` and ``data_dir/graph.nq`` with the graph in ``nquads`` (a file
    in ``data_dir``, which becomes graph.nq).

    The new store is built beside the old one and moved in by renames: until the last rename
    the previous store stays in place and queryable, and a failure removes only the new one.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=data_dir, prefix=".store-build-"))
    try:
        _fill_store(work / STORE_NAME, nquads)
        _swap_in(work, nquads=nquads, data_dir=data_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return data_dir / STORE_NAME


class StoreBuilder:
    """A new on-disk store filled by a background thread while the build goes on.

    Each N-Quads file handed to ``add`` (a document's shard, as soon as it is written) is
    bulk-loaded in batches of about ``BULK_LOAD_LINES`` lines, so loading overlaps building the
    documents instead of following it (Oxigraph's loader releases the GIL). ``load_pending``
    loads a part-filled batch at once, so it overlaps the build's next step instead of waiting
    for the last files. ``finish`` waits for the last batch and moves the store in beside its
    graph.nq by renames, as ``write_store_from_file`` does; until then the previous store stays
    in place. The build's worker processes are forked while the thread runs; they never touch
    the store.
    """

    def __init__(self, data_dir: Path) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        self._work = Path(tempfile.mkdtemp(dir=data_dir, prefix=".store-build-"))
        self._files: queue.SimpleQueue[Path | str | None] = queue.SimpleQueue()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._load, name="store-builder", daemon=True)
        self._thread.start()

    def add(self, nquads: Path) -> None:
        """Load this file too (it must stay in place until ``finish``)."""
        self._files.put(nquads)

    def load_pending(self) -> None:
        """Load the lines of the files added so far now, even if they fill no whole batch."""
        self._files.put(_PENDING)

    def _load(self) -> None:
        store = ox.Store(str(self._work / STORE_NAME))
        try:
            batch: list[bytes] = []
            lines = 0
            while (path := self._files.get()) is not None:
                if isinstance(path, str):  # load_pending
                    if batch:
                        _load_batch(store, batch)
                        lines = 0
                    continue
                with path.open("rb") as handle:  # a large file (the cross-document part) in parts
                    while part := handle.read(_LOAD_BYTES) + handle.readline():
                        batch.append(part)
                        lines += part.count(b"\n")
                        if lines >= BULK_LOAD_LINES:
                            _load_batch(store, batch)
                            lines = 0
            if batch:
                _load_batch(store, batch)
            store.flush()
        except BaseException as exc:  # raised again by finish, in the build's thread
            self._error = exc
        finally:
            del store

    def _stop(self) -> None:
        self._files.put(None)
        self._thread.join()

    def finish(self, nquads: Path, *, data_dir: Path) -> Path:
        """The store of every file added, moved in with ``nquads`` as graph.nq."""
        self._stop()
        try:
            if isinstance(self._error, SyntaxError):
                raise InputError(
                    f"The N-Quads do not parse: {self._error}.",
                    fix="write the output of to_sorted_nquads",
                ) from self._error
            if self._error is not None:
                raise self._error
            _swap_in(self._work, nquads=nquads, data_dir=data_dir)
        finally:
            shutil.rmtree(self._work, ignore_errors=True)
        return data_dir / STORE_NAME

    def abandon(self) -> None:
        """Stop loading and remove the new store; the previous one is untouched."""
        self._stop()
        shutil.rmtree(self._work, ignore_errors=True)


_PENDING = "load the part-filled batch"  # the loader's signal from load_pending


def _load_batch(store: ox.Store, batch: list[bytes]) -> None:
    """One bulk load of the parts in ``batch``, emptied first: the parts are not held beside
    their joined copy while Oxigraph loads it."""
    data = b"".join(batch)
    batch.clear()
    store.bulk_load(input=data, format=ox.RdfFormat.N_QUADS)


def patch_store_atomically(nquads: Path, *, removed: Path, added: Path, data_dir: Path) -> Path:
    """Replace ``data_dir/graph.nq`` with ``nquads`` and the store with a copy of the current one
    less the quads of ``removed`` plus those of ``added`` (N-Quads files).

    The copy is a RocksDB checkpoint (hard links to the store's immutable files), so a small
    change to a large graph costs the change, not the graph; the previous store stays in place
    and queryable until the final rename, as with ``write_store_from_file``.
    """
    work = Path(tempfile.mkdtemp(dir=data_dir, prefix=".store-patch-"))
    try:
        ox.Store.read_only(str(data_dir / STORE_NAME)).backup(str(work / STORE_NAME))
        store = ox.Store(str(work / STORE_NAME))
        try:
            for quad in ox.parse(path=str(removed), format=ox.RdfFormat.N_QUADS):
                store.remove(quad)
            bulk_load_in_chunks(store, added)
            store.flush()
        finally:
            del store
        _swap_in(work, nquads=nquads, data_dir=data_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return data_dir / STORE_NAME


def _swap_in(work: Path, *, nquads: Path, data_dir: Path) -> None:
    """Move ``work/store`` and ``nquads`` into place; the old store is restored on failure."""
    with nquads.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(nquads, data_dir / NQUADS_NAME)
    target, previous = data_dir / STORE_NAME, work / "previous"
    if target.exists():
        os.rename(target, previous)
    try:
        os.rename(work / STORE_NAME, target)
    except BaseException:
        if previous.exists():
            os.rename(previous, target)
        raise
