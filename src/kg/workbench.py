"""The researcher's entry point: ``import kg; g = kg.load()``, then DataFrames.

``load`` opens the built graph (building it first when it is missing) and wraps the library's
comparison, export and query functions so that every answer is a pandas DataFrame.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import QueryError
from kg.paths import data_dir as default_data_dir
from kg.store.embedded import STORE_NAME

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

    from kg.store.embedded import Store


@dataclass
class Workbench:
    """The built graph, with comparisons as DataFrames."""

    store: Store
    data_dir: Path

    def indicators(self) -> pd.DataFrame:
        from kg.analysis.compare import indicators

        return indicators(self.store, as_frame=True)

    def compare(self, indicator: str, cities: list[str] | None = None) -> pd.DataFrame:
        """One indicator across cities: value, deadline, quote, offsets, comparability note."""
        from kg.analysis.compare import compare

        return compare(self.store, indicator, cities=cities, as_frame=True)

    def ranking(self, indicator: str) -> pd.DataFrame:
        from kg.analysis.compare import ranking

        return ranking(self.store, indicator, as_frame=True)

    def diff(self, city_a: str, city_b: str) -> dict[str, pd.DataFrame]:
        """shared / only_a / only_b / lead_differences, each as a DataFrame."""
        import pandas as pd

        from kg.analysis.compare import diff

        result = diff(self.store, city_a, city_b)
        shared = [
            {
                "indicator": s["indicator"],
                "label_zh": s["label_zh"],
                "label_en": s["label_en"],
                **{f"{result['city_a']}_{k}": v for k, v in s["a"].items()},
                **{f"{result['city_b']}_{k}": v for k, v in s["b"].items()},
                "more_ambitious": s["more_ambitious"],
                "deadline_difference_days": s["deadline_difference_days"],
            }
            for s in result["shared"]
        ]
        return {
            "shared": pd.DataFrame(shared),
            "only_a": pd.DataFrame(result["only_a"]),
            "only_b": pd.DataFrame(result["only_b"]),
            "lead_differences": pd.DataFrame(result["lead_differences"]),
        }

    def targets(self, city: str | None = None, indicator: str | None = None) -> pd.DataFrame:
        """Every target in the export contract's fields, with its city."""
        frame = self._with_city(self._records("targets"))
        if city:
            frame = frame[frame["city"] == self._city(city)]
        if indicator:
            frame = frame[frame["indicator"] == indicator]
        return frame.reset_index(drop=True)

    def tasks(self, city: str | None = None, unit: str | None = None) -> pd.DataFrame:
        """Every task (measure with a responsibility note): lead and co units in order."""
        frame = self._with_city(self._records("tasks"))
        if city:
            frame = frame[frame["city"] == self._city(city)]
        if unit:
            frame = frame[frame.apply(lambda r: unit in r["lead"] or unit in r["co"], axis=1)]
        return frame.reset_index(drop=True)

    def query(self, sparql: str) -> pd.DataFrame:
        """A SPARQL SELECT (or the name of a packaged query) as a DataFrame."""
        import pandas as pd

        from kg.store.queries import resolve_query

        result = self.store.query(resolve_query(sparql))
        if not isinstance(result, list) or (result and not isinstance(result[0], dict)):
            raise QueryError("Only SELECT queries give a table.", fix="use store.query for others")
        return pd.DataFrame(result)

    def network(self, city: str) -> nx.Graph:
        """The co-responsibility network of unit functions in one city."""
        from kg.analysis.network import responsibility_network

        return responsibility_network(self.store, self._city(city))

    def _records(self, kind: str) -> list[dict[str, Any]]:
        from kg.analysis.export import export_records

        return export_records(kind, data_dir=self.data_dir)

    def _city(self, name: str) -> str:
        from kg.analysis.compare import resolve_city

        return resolve_city(self.store, name)

    def _with_city(self, records: list[dict[str, Any]]) -> pd.DataFrame:
        import pandas as pd

        cities = {
            r["doc"]: r["city"]
            for r in self.query(
                "SELECT ?doc ?city WHERE { ?d a pol:Document ; dcterms:identifier ?doc ; "
                "pol:jurisdiction/skos:notation ?city }"
            ).to_dict("records")
        }
        frame = pd.DataFrame(records)
        frame.insert(1, "city", frame["doc"].map(cities))
        return frame


def load(*, data_dir: Path | None = None, build_if_missing: bool = True) -> Workbench:
    """The built graph as a :class:`Workbench`; builds it first if there is none yet."""
    from kg.store.queries import open_built_store

    folder = data_dir or default_data_dir()
    if build_if_missing and not (folder / STORE_NAME).is_dir():
        from kg.pipeline import build

        build(data_dir=folder)
    return Workbench(store=open_built_store(folder), data_dir=folder)
