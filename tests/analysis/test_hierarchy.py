"""Jurisdictions (child -> parent) and citations between documents as graphs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.analysis.hierarchy import citation_graph, citations, compare_with_parent, hierarchy
from kg.cli import app
from kg.errors import NotFoundError
from kg.store.embedded import Store
from kg.store.queries import open_built_store

runner = CliRunner()


@pytest.fixture(scope="module")
def store(built_data: Path) -> Store:
    return open_built_store(built_data)


def test_hierarchy_links_every_city_to_its_parent(store: Store) -> None:
    graph = hierarchy(store)
    assert set(graph.edges) == {
        ("laiyang", "yantai"),
        ("yantai", "shandong"),
        ("qingdao", "shandong"),
        ("shandong", "china"),
        ("xiamen", "fujian"),
        ("fujian", "china"),
    }
    assert graph.nodes["laiyang"]["documents"] == ["laiyang-2024-28"]
    assert graph.nodes["qingdao"]["documents"] == ["qingdao-2024-49", "qingdao-2025-ygt"]
    assert graph.nodes["shandong"]["documents"] == []


def test_hierarchy_compares_laiyang_with_yantai(store: Store) -> None:
    result = compare_with_parent(store, "莱阳")
    assert (result["city_a"], result["city_b"], result["ancestors"]) == (
        "laiyang",
        "yantai",
        ["yantai"],
    )
    shared = {s["indicator"]: s for s in result["shared"]}
    outpatient = shared["county-primary-outpatient-share"]
    assert outpatient["a"]["comparable_value"] == outpatient["b"]["comparable_value"] == 65
    assert outpatient["more_ambitious"] == "same"
    quality = shared["township-hospital-quality-standard-share"]
    assert (quality["a"]["comparable_value"], quality["b"]["comparable_value"]) == (50, 35)
    assert quality["more_ambitious"] == "laiyang"


def test_hierarchy_says_when_no_ancestor_has_documents(store: Store) -> None:
    with pytest.raises(NotFoundError, match="shandong -> china") as info:
        compare_with_parent(store, "qingdao")
    assert info.value.fix
    with pytest.raises(NotFoundError, match="no documents"):
        compare_with_parent(store, "shandong")


def test_hierarchy_citation_graph_resolves_corpus_documents(store: Store) -> None:
    graph = citation_graph(store)
    assert graph.has_edge("qingdao-2025-ygt", "qingdao-2024-49")
    assert graph.nodes["qingdao-2024-49"]["in_corpus"] is True
    assert graph.nodes["qingdao-2024-49"]["doc_number"] == "青政办字〔2024〕49号"
    assert "青政办字〔2024〕49号" not in graph  # not a second, unresolved node
    for number in ("厅字〔2023〕3号", "国卫基层发〔2023〕41号", "鲁政办字〔2023〕205号"):
        assert graph.nodes[number] == {
            "in_corpus": False,
            "doc_number": number,
            "title": None,
            "city": None,
        }
    assert graph.has_edge("laiyang-2024-28", "厅字〔2023〕3号")
    assert graph.has_edge("qingdao-2025-ygt", "国卫基层发〔2023〕41号")
    assert graph.has_edge("laiyang-2024-28", "烟政办字〔2024〕59号")
    assert set(graph.successors("xiamen-2024-2")) == set()
    assert graph.number_of_edges() == len(citations(store)) == 8


def test_hierarchy_citation_graph_of_a_tiny_store(tiny_store: Store) -> None:
    # xiamen-test cites 青政办字〔2099〕1号, the number of qingdao-test
    graph = citation_graph(tiny_store)
    assert set(graph.edges) == {
        ("xiamen-test", "qingdao-test"),
        ("qingdao-test", "国卫基层发〔2023〕41号"),
    }


def test_hierarchy_citations_cli(built_data: Path) -> None:
    result = runner.invoke(app, ["citations", "--format", "json", "--data-dir", str(built_data)])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {
        "doc": "qingdao-2025-ygt",
        "doc_number": None,
        "cites": "青政办字〔2024〕49号",
        "cited_doc": "qingdao-2024-49",
    } in rows
    table = runner.invoke(app, ["citations", "--data-dir", str(built_data)])
    assert table.exit_code == 0 and "国卫基层发" in table.output
    assert runner.invoke(app, ["citations", "--help"]).exit_code == 0
