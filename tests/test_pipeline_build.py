"""kg build document by document: the same bytes as the whole-corpus graph, shards reused
when their inputs are unchanged, a killed build resumed, and the same shards from a process
pool and from a Dask cluster."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import pipeline, shards
from kg.extract.document import extract_file
from kg.graph.build import (
    Graphs,
    automatic_indicators,
    build_graphs,
    common_triples,
    corpus_numbers,
    document_graph,
    link_triples,
    ontology_triples,
    org_triples,
    to_sorted_nquads,
)
from kg.graph.indicators import link_curated, link_documents
from kg.graph.ns import COMMON_GRAPH, ONTOLOGY_GRAPH, graph_iri
from kg.ingest import load_errata, load_manifest
from kg.paths import ingest_dir
from kg.pipeline import build, software_version
from kg.shards import DocumentTask, ShardResult, environment_files

# sha256 of data/graph.nq as built by `kg build` on branch serve-fast merged with main at
# 308adb1 (main alone gave 4daa9c4d…: the same but for what a comparison row reads on the
# target — pol:comparisonRow, pol:quote, pol:measureRef, pol:clause, pol:jurisdiction — each
# indicator's pol:comparison, and the build IRI, which hashes the ontology). It
# changes whenever extraction, the ontology or unit_functions.toml change what the corpus's
# graph holds; the build's own byte-identity is then still checked by
# test_build_of_the_corpus_is_byte_identical_to_the_whole_graph_build.
GOLDEN_SHA256 = "c4729cf35f3bee80d1891ab7e606ddb40a18c0b046973b2ae03044368b3700bd"


@pytest.fixture
def ingest_copy(tmp_path: Path) -> Path:
    """The corpus's ingest folder, copied so a test may edit its documents."""
    folder = tmp_path / "ingest"
    shutil.copytree(ingest_dir(), folder)
    return folder


def _graph(data: Path) -> bytes:
    return (data / "graph.nq").read_bytes()


def _sha(data: Path) -> str:
    return hashlib.sha256(_graph(data)).hexdigest()


def test_build_of_the_corpus_is_byte_identical_to_the_whole_graph_build(tmp_path: Path) -> None:
    result = build(data_dir=tmp_path / "data", jobs=1)
    errata = load_errata()
    docs = [extract_file(ingest_dir() / s.path, source=s, errata=errata) for s in load_manifest()]
    automatic = link_documents(docs)
    whole = to_sorted_nquads(
        build_graphs(docs, software_version=software_version(), indicators=automatic)
    )
    assert _graph(tmp_path / "data") == whole.encode("utf-8")
    assert result.quads == whole.count("\n")
    assert result.documents == len(docs)


def test_build_writes_the_cross_document_part_the_in_memory_graph_would_hold(
    tmp_path: Path,
) -> None:
    """cross.nq, streamed to disk and sorted there, has the bytes of the cross-document graphs
    made in memory and sorted by to_sorted_nquads (as the build made them before)."""
    build(data_dir=tmp_path / "data", jobs=1)
    errata = load_errata()
    summaries, orgs = [], []
    for source in load_manifest():
        doc = extract_file(ingest_dir() / source.path, source=source, errata=errata)
        link_curated(doc)
        _, summary, own = document_graph(doc)
        summaries.append(summary)
        orgs += own
    numbers = corpus_numbers(summaries)
    automatic, indicators = automatic_indicators(summaries)
    graphs: Graphs = {
        graph_iri(s.id): link_triples(s, numbers=numbers, automatic=automatic) for s in summaries
    }
    common = common_triples(
        summaries, software_version=software_version(), indicators=indicators, automatic=automatic
    )
    graphs[COMMON_GRAPH] = [*org_triples(orgs), *common]
    graphs[ONTOLOGY_GRAPH] = ontology_triples()
    lines = to_sorted_nquads(graphs).splitlines(keepends=True)
    cross = tmp_path / "data" / "shards" / "cross.nq"
    assert cross.read_text(encoding="utf-8") == "".join(dict.fromkeys(lines))


def test_build_of_the_corpus_matches_the_graph_built_before_the_per_document_build(
    tmp_path: Path,
) -> None:
    build(data_dir=tmp_path / "data")
    assert _sha(tmp_path / "data") == GOLDEN_SHA256, (
        "graph.nq differs from the golden one. If extraction, the ontology or "
        "unit_functions.toml changed on purpose since, recompute GOLDEN_SHA256 with "
        "`kg build` at the commit before this one and say why in the commit message."
    )


def test_build_twice_reuses_every_shard_and_writes_the_same_bytes(ingest_copy: Path) -> None:
    data = ingest_copy.parent / "data"
    first = build(data_dir=data, manifest=ingest_copy / "sources.toml")
    before = _graph(data)
    second = build(data_dir=data, manifest=ingest_copy / "sources.toml")
    assert (first.rebuilt, second.rebuilt) == (first.documents, 0)
    assert second.changed_inputs == []
    assert _graph(data) == before
    assert second.warnings == first.warnings


def _store_quads(data: Path) -> set[ox.Quad]:
    return set(ox.Store.read_only(str(data / "store")))


def _file_quads(data: Path) -> set[ox.Quad]:
    return set(ox.parse(path=str(data / "graph.nq"), format=ox.RdfFormat.N_QUADS))


def _edit(ingest: Path, doc: str, old: str, new: str) -> None:
    path = ingest / "corpus" / f"{doc}.txt"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_build_rebuilds_a_document_whose_organisation_file_is_missing(ingest_copy: Path) -> None:
    manifest = ingest_copy / "sources.toml"
    data = ingest_copy.parent / "data"
    build(data_dir=data, manifest=manifest)
    before = _graph(data)
    (lost,) = (data / "shards").glob("xiamen-2024-2.*.common.nq")
    lost.unlink()
    again = build(data_dir=data, manifest=manifest)
    assert again.rebuilt == 1
    assert lost.is_file()
    assert _graph(data) == before


def test_build_after_editing_one_document_rebuilds_only_it_and_equals_a_fresh_build(
    ingest_copy: Path,
) -> None:
    manifest = ingest_copy / "sources.toml"
    data = ingest_copy.parent / "data"
    build(data_dir=data, manifest=manifest)
    before = _graph(data)
    _edit(ingest_copy, "xiamen-2024-2", "建筑面积达到 1万平方米", "建筑面积达到 2万平方米")
    edited = build(data_dir=data, manifest=manifest)
    fresh = ingest_copy.parent / "fresh"
    build(data_dir=fresh, manifest=manifest)
    assert (edited.rebuilt, edited.patched) == (1, True)
    assert _graph(data) != before
    assert _graph(data) == _graph(fresh)  # graph.nq patched, not merged again
    assert _store_quads(data) == _store_quads(fresh) == _file_quads(data)
    for files in ("*.json", "*.common.nq"):  # the old shard is gone
        names = sorted(p.name.split(".")[0] for p in (data / "shards").glob(files))
        assert names == sorted(set(names))


def test_build_after_a_rule_change_rebuilds_every_document_and_names_the_file(
    ingest_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = ingest_copy / "sources.toml"
    data = ingest_copy.parent / "data"
    build(data_dir=data, manifest=manifest)
    changed = {**environment_files(), "kg/extract/data/quantities.toml": "0" * 64}
    monkeypatch.setattr(pipeline, "environment_files", lambda: changed)
    monkeypatch.setattr(shards, "environment_files", lambda: changed)  # what workers check
    result = build(data_dir=data, manifest=manifest)
    assert result.rebuilt == result.documents
    assert result.changed_inputs == ["kg/extract/data/quantities.toml"]


def test_build_killed_midway_keeps_the_previous_graph_and_a_rerun_resumes(
    ingest_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = ingest_copy / "sources.toml"
    data = ingest_copy.parent / "data"
    build(data_dir=data, manifest=manifest)
    before = _graph(data)
    _edit(ingest_copy, "xiamen-2024-2", "建筑面积达到 1万平方米", "建筑面积达到 2万平方米")
    _edit(ingest_copy, "laiyang-2024-28", "。", "。 ")
    real = pipeline.run_tasks

    def one_then_killed(tasks: Sequence[DocumentTask], **options: object) -> Iterator[ShardResult]:
        results = real(tasks, **options)  # type: ignore[arg-type]
        yield next(iter(results))
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "run_tasks", one_then_killed)
    with pytest.raises(KeyboardInterrupt):
        build(data_dir=data, manifest=manifest, jobs=1)
    assert _graph(data) == before
    assert sorted(p.name for p in data.iterdir()) == ["graph.nq", "shards", "store"]
    monkeypatch.setattr(pipeline, "run_tasks", real)
    resumed = build(data_dir=data, manifest=manifest)
    assert resumed.rebuilt == 1
    assert not resumed.patched  # the store loaded anew, from four reused shards and one new
    assert _store_quads(data) == _file_quads(data)


def test_build_removes_what_a_killed_build_left_in_the_data_folder(ingest_copy: Path) -> None:
    manifest = ingest_copy / "sources.toml"
    data = ingest_copy.parent / "data"
    build(data_dir=data, manifest=manifest)
    before = _graph(data)
    for name in (".build-k1", ".store-build-k2", ".store-patch-k3"):  # as SIGKILL leaves them
        (data / name / "store").mkdir(parents=True)
        (data / name / "store" / "000001.sst").write_bytes(b"half written")
    (data / ".graph.nq..build-k1.tmp").write_bytes(b"<half> <a> <line")
    _edit(ingest_copy, "xiamen-2024-2", "建筑面积达到 1万平方米", "建筑面积达到 2万平方米")
    build(data_dir=data, manifest=manifest)
    assert sorted(p.name for p in data.iterdir()) == ["graph.nq", "shards", "store"]
    assert _graph(data) != before


def test_build_in_a_process_pool_and_on_a_dask_cluster_gives_the_serial_bytes(
    tmp_path: Path,
) -> None:
    distributed = pytest.importorskip("distributed")
    build(data_dir=tmp_path / "serial", jobs=1)
    build(data_dir=tmp_path / "pool", jobs=2)
    with distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        processes=False,
        host="127.0.0.1",
        protocol="tcp://",  # a real TCP scheduler, as `kg build --scheduler tcp://…` meets
        dashboard_address=None,
    ) as cluster:
        from kg.executors import Executor

        result = build(
            data_dir=tmp_path / "dask", executor=Executor.dask, scheduler=cluster.scheduler_address
        )
    assert result.rebuilt == result.documents
    assert _graph(tmp_path / "pool") == _graph(tmp_path / "serial")
    assert _graph(tmp_path / "dask") == _graph(tmp_path / "serial")
    for name in ("serial", "pool", "dask"):  # each store loaded while its shards were built
        assert _store_quads(tmp_path / name) == _file_quads(tmp_path / name)
    for name in ("pool", "dask"):
        shards = sorted((tmp_path / name / "shards").glob("*.nq"))
        serial = sorted((tmp_path / "serial" / "shards").glob("*.nq"))
        assert [p.read_bytes() for p in shards] == [p.read_bytes() for p in serial]
