"""The types every backend shares: the :class:`Backend` interface and its :class:`RawResult`.

They live apart from :mod:`kg.store.backends` (the engines) and :mod:`kg.store.sparql` (the
protocol's checks and formats) so that both can import them without importing each other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from kg.store.embedded import QueryResult


@dataclass(frozen=True)
class RawResult:
    """A protocol answer before formatting: SPARQL JSON results (SELECT, ASK) or N-Triples
    (CONSTRUCT, DESCRIBE), with ``truncated`` set when the row cap cut it."""

    results: dict[str, Any] | None = None
    ntriples: bytes | None = None
    truncated: bool = False

    @property
    def kind(self) -> str:
        if self.ntriples is not None:
            return "graph"
        return "boolean" if self.results is not None and "boolean" in self.results else "bindings"


class Backend(Protocol):
    """A store's two calls; both run on the dataset SPARQL 1.1 gives the query
    (:func:`kg.store.dataset.query_dataset`): the protocol's graphs, else FROM / FROM NAMED,
    else the union of the named graphs."""

    def query(
        self, sparql: str, *, default_graphs: Sequence[str] = (), named_graphs: Sequence[str] = ()
    ) -> QueryResult: ...

    def protocol_query(
        self,
        sparql: str,
        *,
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
        row_cap: int,
    ) -> RawResult: ...
