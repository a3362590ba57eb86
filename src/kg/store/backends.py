"""Query backends behind the service: one interface, several engines.

Everything the service asks of a store is two calls: :meth:`Backend.query` (the Python shapes of
:meth:`kg.store.embedded.Store.query`, for the REST resources) and
:meth:`Backend.protocol_query` (a capped :class:`kg.store.base.RawResult`, for the SPARQL
endpoint). The embedded Oxigraph store, an external SPARQL server
(:class:`kg.store.remote.RemoteStore`) and rdflib's own engine (the benchmark's baseline) all
answer both, so routes never know which one they talk to.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.plugins.sparql import prepareQuery

from kg.errors import NotBuiltError, QueryError
from kg.graph.ns import BASE, PREFIXES
from kg.store.base import Backend, RawResult
from kg.store.dataset import QueryDataset, query_dataset
from kg.store.embedded import QueryResult, Store, python_value
from kg.store.sparql import cap_bindings, cap_triples, term_json

Engine = Literal["oxigraph", "rdflib"]


class EmbeddedStore(Store):
    """The embedded Oxigraph store, answering protocol queries too."""

    def protocol_query(
        self,
        sparql: str,
        *,
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
        row_cap: int,
    ) -> RawResult:
        """Runs on the dataset SPARQL 1.1 gives the query (the protocol's graphs override its
        FROM / FROM NAMED); relative IRIs resolve against the graph's base."""
        result = self.run(sparql, default_graphs=default_graphs, named_graphs=named_graphs)
        if isinstance(result, ox.QueryBoolean):
            return RawResult(results={"head": {}, "boolean": bool(result)})
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            rows = ({n: term_json(row[n]) for n in names if row[n] is not None} for row in result)
            return cap_bindings(names, rows, row_cap=row_cap)
        return cap_triples(result, row_cap=row_cap)


def _ox_term(term: Any) -> Any:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, RdfLiteral):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise QueryError(f"Unexpected term {term!r} from rdflib.", fix="report this as a bug")


class RdflibStore:
    """rdflib's own SPARQL engine over the same N-Quads: the benchmark's baseline."""

    def __init__(self, dataset: Dataset) -> None:
        self._dataset = dataset

    @classmethod
    def load(cls, nquads: Path) -> RdflibStore:
        if not nquads.is_file():
            raise NotBuiltError(f"There is no graph at {nquads}.", fix="run `kg build` first")
        dataset = Dataset(default_union=True)
        dataset.parse(nquads, format="nquads")
        return cls(dataset)

    def _view(self, dataset: QueryDataset) -> Dataset:
        """A dataset of copies of just the graphs named (rdflib itself would fetch a graph
        it does not hold from the web)."""
        view = Dataset()
        for iri in dataset.default:
            view.default_graph += Graph(store=self._dataset.store, identifier=URIRef(iri))
        for iri in dataset.named:
            named = view.graph(URIRef(iri))
            named += Graph(store=self._dataset.store, identifier=URIRef(iri))
        return view

    def _run(
        self, sparql: str, *, default_graphs: Sequence[str] = (), named_graphs: Sequence[str] = ()
    ) -> Any:
        dataset = query_dataset(sparql, default_graphs=default_graphs, named_graphs=named_graphs)
        try:
            if dataset is None:
                return self._dataset.query(sparql, initNs=PREFIXES, base=BASE)
            query = prepareQuery(sparql, initNs=PREFIXES, base=BASE)
            query.algebra["datasetClause"] = None  # the view is the dataset
            return self._view(dataset).query(query)
        except Exception as exc:  # rdflib raises parser and evaluation errors of many types
            raise QueryError(f"rdflib could not run the query: {exc}.", fix="check it") from exc

    def query(
        self, sparql: str, *, default_graphs: Sequence[str] = (), named_graphs: Sequence[str] = ()
    ) -> QueryResult:
        result = self._run(sparql, default_graphs=default_graphs, named_graphs=named_graphs)
        if result.type == "ASK":
            return bool(result.askAnswer)
        if result.type == "SELECT":
            names = [str(v) for v in result.vars]
            return [
                {n: python_value(_ox_term(row[n]) if row[n] is not None else None) for n in names}
                for row in result
            ]
        return [ox.Triple(*(_ox_term(t) for t in triple)) for triple in result]

    def protocol_query(
        self,
        sparql: str,
        *,
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
        row_cap: int,
    ) -> RawResult:
        result = self._run(sparql, default_graphs=default_graphs, named_graphs=named_graphs)
        if result.type == "ASK":
            return RawResult(results={"head": {}, "boolean": bool(result.askAnswer)})
        if result.type == "SELECT":
            names = [str(v) for v in result.vars]
            rows = (
                {n: term_json(_ox_term(row[n])) for n in names if row[n] is not None}
                for row in result
            )
            return cap_bindings(names, rows, row_cap=row_cap)
        triples = (ox.Triple(*(_ox_term(t) for t in triple)) for triple in result)
        return cap_triples(triples, row_cap=row_cap)


def open_local(engine: Engine, store_path: Path) -> Backend:
    """A local backend: the on-disk Oxigraph store (read-only), or rdflib over the graph.nq
    written beside it."""
    if engine == "rdflib":
        return RdflibStore.load(store_path.parent / "graph.nq")
    store = EmbeddedStore.open(store_path, read_only=True)
    assert isinstance(store, EmbeddedStore)
    return store
