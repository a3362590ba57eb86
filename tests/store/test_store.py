from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import make_qingdao_doc, make_xiamen_doc
from kg.errors import InputError, NotBuiltError, QueryError
from kg.graph.build import build_dataset, to_sorted_nquads
from kg.store import embedded as store_module
from kg.store.embedded import Store, StoreBuilder, write_store_atomically

COUNT_TARGETS = "SELECT (COUNT(?t) AS ?n) WHERE { ?t a pol:Target }"


def _nquads(*, with_xiamen: bool = True) -> str:
    docs = [make_qingdao_doc(), make_xiamen_doc()] if with_xiamen else [make_qingdao_doc()]
    return to_sorted_nquads(build_dataset(docs, software_version="0.1.0"))


@pytest.fixture(scope="module")
def memory_store() -> Store:
    store = Store.open(None)
    store.load_nquads(_nquads())
    return store


def test_store_holds_every_quad(memory_store: Store) -> None:
    assert len(memory_store) == len(_nquads().splitlines())


def test_store_select_returns_python_values(memory_store: Store) -> None:
    rows = memory_store.query(
        """SELECT ?t ?value ?max ?deadline ?start WHERE {
             ?t a pol:Target ; pol:value ?value ; pol:startOffset ?start .
             OPTIONAL { ?t pol:valueMax ?max }
             OPTIONAL { ?t pol:deadline ?deadline }
           } ORDER BY ?t"""
    )
    assert isinstance(rows, list)
    first = rows[0]
    assert first["t"] == "https://w3id.org/policy-kg/id/doc/qingdao-test/target/1"
    assert first["value"] == 4 and isinstance(first["value"], float)
    assert first["max"] is None
    assert first["deadline"] == "2025-12-31"
    assert isinstance(first["start"], int)
    assert [r["max"] for r in rows] == [None, 1.5, 10.0, None]


def test_store_answers_who_leads_what(memory_store: Store) -> None:
    rows = memory_store.query(
        """SELECT ?ref ?name WHERE {
             ?r pol:role pol:Lead ; pol:task/pol:ref ?ref ;
                pol:organization/skos:prefLabel ?name .
             FILTER (lang(?name) = "zh")
           } ORDER BY ?ref ?name"""
    )
    assert rows == [
        {"ref": "一(一)", "name": "厦门市各区人民政府"},
        {"ref": "一(一)", "name": "青岛市卫生健康委"},
        {"ref": "一(二)", "name": "青岛市医保局"},
    ]


def test_store_ask_and_construct(memory_store: Store) -> None:
    assert memory_store.query("ASK { ?d eli:cites ?c . ?c a pol:Document }") is True
    assert memory_store.query("ASK { ?x pol:kind 'no-such-kind' }") is False
    triples = memory_store.query("CONSTRUCT { ?b a pol:Build } WHERE { ?b a pol:Build }")
    assert isinstance(triples, list) and len(triples) == 1
    assert isinstance(triples[0], ox.Triple)


def test_store_default_graph_is_the_union_unless_the_query_names_graphs(
    memory_store: Store,
) -> None:
    assert memory_store.query(COUNT_TARGETS) == [{"n": 4}]
    only = COUNT_TARGETS.replace("WHERE", "FROM <urn:nothing> WHERE")
    assert memory_store.query(only) == [{"n": 0}]


def test_store_syntax_error_raises_query_error(memory_store: Store) -> None:
    with pytest.raises(QueryError, match="does not parse") as info:
        memory_store.query("SELECT ?x WHERE { ?x pol:value }")
    assert "Fix:" in str(info.value)


def test_store_rejects_updates(memory_store: Store) -> None:
    with pytest.raises(QueryError):
        memory_store.query("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert memory_store.query("ASK { <urn:a> ?p ?o }") is False


def test_store_load_of_broken_nquads_raises_input_error() -> None:
    with pytest.raises(InputError, match="N-Quads"):
        Store.open(None).load_nquads("<urn:a> <urn:b> .\n")


def test_store_open_missing_store_read_only_raises(tmp_path: Path) -> None:
    with pytest.raises(NotBuiltError, match="kg build"):
        Store.open(tmp_path / "store", read_only=True)


def test_store_atomic_write_replaces_store_and_nquads(tmp_path: Path) -> None:
    small, full = _nquads(with_xiamen=False), _nquads()
    write_store_atomically(small, data_dir=tmp_path)
    path = write_store_atomically(full, data_dir=tmp_path)
    assert path == tmp_path / "store"
    assert Store.open(path, read_only=True).query(COUNT_TARGETS) == [{"n": 4}]
    assert (tmp_path / "graph.nq").read_text(encoding="utf-8") == full
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.nq", "store"]


def test_store_interrupted_write_keeps_the_previous_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    small = _nquads(with_xiamen=False)
    write_store_atomically(small, data_dir=tmp_path)
    real_fill = store_module._fill_store

    def fill_then_die(path: Path, nquads: Path) -> None:
        real_fill(path, nquads)  # the new store is complete on disk ...
        raise KeyboardInterrupt  # ... and the process is interrupted before the swap

    monkeypatch.setattr(store_module, "_fill_store", fill_then_die)
    with pytest.raises(KeyboardInterrupt):
        write_store_atomically(_nquads(), data_dir=tmp_path)
    assert Store.open(tmp_path / "store", read_only=True).query(COUNT_TARGETS) == [{"n": 3}]
    assert (tmp_path / "graph.nq").read_text(encoding="utf-8") == small
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.nq", "store"]


def test_store_broken_nquads_keep_the_previous_store(tmp_path: Path) -> None:
    small = _nquads(with_xiamen=False)
    write_store_atomically(small, data_dir=tmp_path)
    with pytest.raises(InputError):
        write_store_atomically(small + "<urn:broken> .\n", data_dir=tmp_path)
    assert Store.open(tmp_path / "store", read_only=True).query(COUNT_TARGETS) == [{"n": 3}]
    assert (tmp_path / "graph.nq").read_text(encoding="utf-8") == small


def _split(nquads: str, tmp_path: Path, parts: int) -> list[Path]:
    """The lines of ``nquads`` in ``parts`` files, as the build's shards arrive."""
    lines = nquads.splitlines(keepends=True)
    paths = []
    for i in range(parts):
        path = tmp_path / f"part-{i}.nq"
        path.write_text("".join(lines[i::parts]), encoding="utf-8")
        paths.append(path)
    return paths


def test_store_builder_loads_every_file_added_in_batches_and_moves_in_with_graph_nq(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "BULK_LOAD_LINES", 50)  # several batches
    full = _nquads()
    data = tmp_path / "data"
    write_store_atomically(_nquads(with_xiamen=False), data_dir=data)
    builder = StoreBuilder(data)
    for path in _split(full, tmp_path, 7):
        builder.add(path)
    graph = data / ".graph.nq.tmp"
    graph.write_text(full, encoding="utf-8")
    builder.finish(graph, data_dir=data)
    stored = set(ox.Store.read_only(str(data / "store")))
    assert stored == set(ox.parse(full, format=ox.RdfFormat.N_QUADS))
    assert (data / "graph.nq").read_text(encoding="utf-8") == full
    assert sorted(p.name for p in data.iterdir()) == ["graph.nq", "store"]


def test_store_builder_reads_a_large_file_in_parts_of_whole_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "BULK_LOAD_LINES", 40)
    monkeypatch.setattr(store_module, "_LOAD_BYTES", 1000)  # parts end inside a line
    full = _nquads()
    data = tmp_path / "data"
    builder = StoreBuilder(data)
    (path,) = _split(full, tmp_path, 1)
    builder.add(path)
    graph = data / ".graph.nq.tmp"
    graph.write_text(full, encoding="utf-8")
    builder.finish(graph, data_dir=data)
    stored = set(ox.Store.read_only(str(data / "store")))
    assert stored == set(ox.parse(full, format=ox.RdfFormat.N_QUADS))


def test_store_builder_load_pending_loads_the_part_filled_batch_before_the_next_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded: list[int] = []
    load_batch = store_module._load_batch

    def counting(store: ox.Store, batch: list[bytes]) -> None:
        loaded.append(sum(part.count(b"\n") for part in batch))
        load_batch(store, batch)

    monkeypatch.setattr(store_module, "_load_batch", counting)
    full = _nquads()
    first, second, last = _split(full, tmp_path, 3)
    builder = StoreBuilder(tmp_path / "data")
    builder.add(first)
    builder.add(second)
    builder.load_pending()
    builder.add(last)
    graph = tmp_path / "data" / ".graph.nq.tmp"
    graph.write_text(full, encoding="utf-8")
    builder.finish(graph, data_dir=tmp_path / "data")
    lines = [len(p.read_bytes().splitlines()) for p in (first, second, last)]
    assert loaded == [lines[0] + lines[1], lines[2]]
    stored = set(ox.Store.read_only(str(tmp_path / "data" / "store")))
    assert stored == set(ox.parse(full, format=ox.RdfFormat.N_QUADS))


def test_store_builder_abandoned_keeps_the_previous_store(tmp_path: Path) -> None:
    data = tmp_path / "data"
    write_store_atomically(_nquads(with_xiamen=False), data_dir=data)
    builder = StoreBuilder(data)
    builder.add(_split(_nquads(), tmp_path, 1)[0])
    builder.abandon()
    assert Store.open(data / "store", read_only=True).query(COUNT_TARGETS) == [{"n": 3}]
    assert sorted(p.name for p in data.iterdir()) == ["graph.nq", "store"]


def test_store_builder_broken_nquads_fail_at_finish_and_keep_the_previous_store(
    tmp_path: Path,
) -> None:
    small = _nquads(with_xiamen=False)
    write_store_atomically(small, data_dir=tmp_path / "data")
    broken = tmp_path / "broken.nq"
    broken.write_text("<a> <b> .\n", encoding="utf-8")
    builder = StoreBuilder(tmp_path / "data")
    builder.add(broken)
    with pytest.raises(InputError, match="do not parse"):
        builder.finish(broken, data_dir=tmp_path / "data")
    assert Store.open(tmp_path / "data" / "store", read_only=True).query(COUNT_TARGETS) == [
        {"n": 3}
    ]
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == ["graph.nq", "store"]
