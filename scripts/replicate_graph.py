"""A large graph for measuring the service: a built graph.nq replicated at the N-Quads level.

Each copy k gets its own document ids (``laiyang-2024-28-k7``) and its own jurisdictions
(``laiyang-k7``, same parent), so a comparison across copies has as many jurisdictions as a
national one would. The indicators' comparisons (graph/common, across documents) are made
again over all copies by the build's own ``comparison_triples``. Building that many documents
through the pipeline takes far longer than serving them; this measures the serving side alone.
The copies are written to ``OUT/graph.nq`` and bulk-loaded into ``OUT/store``, the layout
`kg serve` reads.

Usage: .venv/bin/python scripts/replicate_graph.py data/graph.nq 600 /tmp/national
"""

from __future__ import annotations

import argparse
import re
import shutil
import time
from pathlib import Path

import pyoxigraph as ox

from kg.graph.build import ComparisonEntry, comparison_triples, to_sorted_nquads
from kg.graph.ns import BASE, COMMON_GRAPH, ONTOLOGY_GRAPH, POL, PREFIXES

_JURISDICTION = f"<{BASE}id/jurisdiction/"
_COMPARISON = f"<{BASE}id/comparison/"
_ENTRIES = """
SELECT ?indicator ?city ?doc ?start ?target WHERE {
  ?i pol:comparison ?comparison ; dcterms:identifier ?indicator .
  ?comparison ?position ?target .
  ?target pol:inDocument ?d ; pol:startOffset ?start .
  ?d dcterms:identifier ?doc ; pol:jurisdiction/skos:notation ?city .
}"""


def _shared(line: str) -> bool:
    graph = line.rstrip().removesuffix(" .").rsplit(" ", 1)[-1]
    return graph in (f"<{COMMON_GRAPH}>", f"<{ONTOLOGY_GRAPH}>")


def _comparison(line: str) -> bool:
    return line.startswith(_COMPARISON) or f" <{POL.comparison}> " in line


def _entries(lines: list[str]) -> list[ComparisonEntry]:
    """The comparison entries of the source graph: indicator, jurisdiction, document, start."""
    store = ox.Store()
    store.load("".join(lines).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    rows = store.query(_ENTRIES, prefixes=PREFIXES, use_default_graph_as_union=True)
    return [
        ComparisonEntry(
            r["indicator"].value,
            r["city"].value,
            r["doc"].value,
            int(r["start"].value),
            int(r["target"].value.rsplit("/", 1)[-1]),
            r["target"].value,
        )
        for r in rows
    ]


def replicate(source: Path, copies: int, out: Path) -> int:
    """Write ``copies`` copies of the documents' graphs (and their jurisdictions) to
    ``out/graph.nq``; returns the number of quads written."""
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    entries = _entries(lines)
    shared = [line for line in lines if _shared(line) and not _comparison(line)]
    documents = [line for line in lines if not _shared(line)]
    doc_ids = sorted(set(re.findall(rf"<{re.escape(BASE)}graph/([^>]+)>", "".join(documents))))
    doc_ids = [d for d in doc_ids if d not in ("common", "ontology")]
    places = sorted(
        {
            line.split(" ", 1)[0].removeprefix(_JURISDICTION).rstrip(">")
            for line in shared
            if line.startswith(_JURISDICTION)
        }
    )
    # Only the places documents belong to are copied; their parents stay shared.
    issuing = [p for p in places if f"{_JURISDICTION}{p}>" in "".join(documents)]
    iri = re.compile(
        "(" + "|".join(map(re.escape, doc_ids)) + r"|jurisdiction/(?:" + "|".join(issuing) + "))"
        r"(?=[>/#\"\\])"  # in an IRI, a literal, or a JSON string inside one (\")
    )
    notation = re.compile(r'"(' + "|".join(issuing) + r')"')
    row_city = re.compile(r'(\\"city\\":\\")(' + "|".join(issuing) + r')(?=\\")')
    own = [line for line in shared if any(line.startswith(f"{_JURISDICTION}{p}>") for p in issuing)]

    def copy(e: ComparisonEntry, suffix: str) -> ComparisonEntry:
        place = e.jurisdiction + suffix if e.jurisdiction in issuing else e.jurisdiction
        target = iri.sub(lambda m: m.group(1) + suffix, f"<{e.target}>")[1:-1]
        return ComparisonEntry(e.indicator, place, e.doc + suffix, e.start, e.seq, target)

    every = [copy(e, f"-k{k}" if k else "") for k in range(copies) for e in entries]
    compared = to_sorted_nquads({COMMON_GRAPH: comparison_triples(every)})
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    with (out / "graph.nq").open("w", encoding="utf-8") as handle:
        handle.writelines(shared)
        handle.write(compared)
        written += len(shared) + compared.count("\n")
        for k in range(1, copies):
            suffix = f"-k{k}"
            handle.writelines(
                row_city.sub(
                    lambda m, s=suffix: m.group(1) + m.group(2) + s,
                    iri.sub(lambda m, s=suffix: m.group(1) + s, x),
                )
                for x in documents
            )
            handle.writelines(
                notation.sub(
                    lambda m, s=suffix: f'"{m.group(1)}{s}"',
                    iri.sub(lambda m, s=suffix: m.group(1) + s, x),
                )
                for x in own
            )
            written += len(documents) + len(own)
        handle.writelines(documents)
        written += len(documents)
    return written


def load(out: Path) -> int:
    store_dir = out / "store"
    shutil.rmtree(store_dir, ignore_errors=True)
    store = ox.Store(str(store_dir))
    store.bulk_load(path=str(out / "graph.nq"), format=ox.RdfFormat.N_QUADS)
    store.optimize()
    return len(store)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", type=Path, help="a graph.nq written by `kg build`")
    parser.add_argument("copies", type=int)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    started = time.monotonic()
    written = replicate(args.graph, args.copies, args.out)
    print(f"wrote {written:,} quads in {time.monotonic() - started:.0f} s")
    started = time.monotonic()
    print(f"loaded {load(args.out):,} quads in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
