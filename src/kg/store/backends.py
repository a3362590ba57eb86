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
from rdflib import BNode, Dataset, URIRef
from rdflib import Literal as RdfLiteral

from kg.errors import InputError, NotBuiltError, QueryError
from kg.graph.ns import BASE, PREFIXES
from kg.store.base import Backend, RawResult
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
        """Runs with the protocol's dataset when one is given (default-graph-uri,
        named-graph-uri), else on the union of all graphs like every other query here.
        Relative IRIs resolve against the graph's base (the protocol lets the service pick)."""
        options: dict[str, Any] = {}
        if default_graphs or named_graphs:
            options["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
            if named_graphs:
                options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        else:
            options["use_default_graph_as_union"] = True
        try:
            result = self._store.query(sparql, prefixes=PREFIXES, base_iri=BASE, **options)
        except (SyntaxError, ValueError) as exc:
            raise QueryError(
                f"The SPARQL query does not parse: {exc}.", fix="check the syntax"
            ) from exc
        except OSError as exc:
            raise QueryError(
                f"The SPARQL query failed while running: {exc}.", fix="simplify the query"
            ) from exc
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

    def _run(self, sparql: str) -> Any:
        try:
            return self._dataset.query(sparql, initNs=PREFIXES)
        except Exception as exc:  # rdflib raises parser and evaluation errors of many types
            raise QueryError(f"rdflib could not run the query: {exc}.", fix="check it") from exc

    def query(self, sparql: str) -> QueryResult:
        result = self._run(sparql)
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
        if default_graphs or named_graphs:
            raise InputError(
                "The rdflib engine does not take a protocol dataset.",
                fix="drop default-graph-uri / named-graph-uri, or serve with the oxigraph engine",
            )
        result = self._run(sparql)
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
