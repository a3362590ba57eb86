"""Jurisdictions and citations as graphs: which government sits above which, and which
document implements which.

A county-level city's policy usually implements its prefecture's, which implements the
province's: comparing a city with its nearest ancestor that has documents in the corpus
shows what the lower level copied, raised or left out. Citations (eli:cites) show the chain
of documents; a cited document that is itself in the corpus resolves to it (the graph
matches citations on the canonical 文号).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx

from kg.analysis.compare import Queryable, _select, diff, jurisdictions, resolve_city
from kg.errors import NotFoundError

Row = dict[str, Any]


def _documents_by_city(store: Queryable) -> dict[str, list[str]]:
    by_city: dict[str, list[str]] = defaultdict(list)
    for d in _select(store, "documents"):
        by_city[d["city"]].append(d["doc"])
    return by_city


def hierarchy(store: Queryable) -> nx.DiGraph:
    """Jurisdictions, each with an edge to its parent (Laiyang -> Yantai -> Shandong -> China).

    Nodes carry ``label_zh``, ``label_en``, ``level`` and the ids of their corpus
    ``documents``.
    """
    docs = _documents_by_city(store)
    graph = nx.DiGraph()
    rows = jurisdictions(store)
    for j in rows:
        graph.add_node(
            j["id"],
            label_zh=j.get("label_zh"),
            label_en=j.get("label_en"),
            level=j.get("level"),
            documents=sorted(docs.get(j["id"], [])),
        )
    for j in rows:
        if j.get("parent"):
            graph.add_edge(j["id"], j["parent"])
    return graph


def ancestors(graph: nx.DiGraph, city: str) -> list[str]:
    """The jurisdictions above ``city``, nearest first."""
    return list(nx.dfs_preorder_nodes(graph, city))[1:]


def compare_with_parent(store: Queryable, city: str) -> dict[str, Any]:
    """The city-pair diff (:func:`kg.analysis.compare.diff`) of a city and its nearest ancestor with
    documents in the corpus; ``ancestors`` lists the levels walked up, nearest first."""
    a = resolve_city(store, city)
    graph = hierarchy(store)
    if not graph.nodes[a]["documents"]:
        raise NotFoundError(
            f"{a} has no documents in the corpus.",
            fix="choose a city with documents (kg query documents lists them)",
        )
    above = ancestors(graph, a)
    parent = next((j for j in above if graph.nodes[j]["documents"]), None)
    if parent is None:
        walked = " -> ".join(above) or "none"
        raise NotFoundError(
            f"No jurisdiction above {a} ({walked}) has documents in the corpus.",
            fix="add a document of one of them to ingest/sources.toml, or compare "
            "with another city (kg.analysis.compare.diff)",
        )
    return {"ancestors": above[: above.index(parent) + 1], **diff(store, a, parent)}


def citation_graph(store: Queryable) -> nx.DiGraph:
    """Documents and the documents they cite, with an edge citing -> cited.

    Corpus documents are nodes named by their id (``in_corpus`` true, with ``doc_number``,
    ``title``, ``city``); documents only cited are named by their 文号. A citation of a
    corpus document points at its id.
    """
    graph = nx.DiGraph()
    for d in _select(store, "documents"):
        graph.add_node(
            d["doc"],
            in_corpus=True,
            doc_number=d.get("doc_number"),
            title=d.get("title"),
            city=d.get("city"),
        )
    for c in _select(store, "document_citations"):
        cited = c.get("cited_doc") or c.get("cited_number") or c["cited"]
        if cited not in graph:
            graph.add_node(
                cited, in_corpus=False, doc_number=c.get("cited_number"), title=None, city=None
            )
        graph.add_edge(c["doc"], cited)
    return graph


def citations(store: Queryable) -> list[Row]:
    """Every citation as a row: the citing document and its 文号, the cited 文号, and the
    cited document's id where the corpus holds it."""
    graph = citation_graph(store)
    return [
        {
            "doc": doc,
            "doc_number": graph.nodes[doc]["doc_number"],
            "cites": graph.nodes[cited]["doc_number"],
            "cited_doc": cited if graph.nodes[cited]["in_corpus"] else None,
        }
        for doc, cited in sorted(graph.edges)
    ]
