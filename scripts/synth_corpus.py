"""A synthetic national corpus for measuring the build: N documents in an ingest folder.

Each document is recombined from the shapes of real documents (the corpus in ingest/ and,
with --shapes, other text folders such as the development documents): their sections' headings
and their measures (（一）… with its clauses and responsibility note), with the figures, years,
months and responsible units varied, and attributed to a real jurisdiction. Jurisdictions come
from the bundled national division table (kg.ingest.jurisdictions) when it is installed, else
from ontology/jurisdictions.ttl; either way each keeps its real parent.

Generated, never committed: `python scripts/synth_corpus.py 2000 /tmp/synth-2000` writes
/tmp/synth-2000/{sources.toml,corpus/*.txt}; build it with
`kg build --ingest /tmp/synth-2000 --data-dir /tmp/synth-2000/data`.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from kg.extract.document import extract_text  # noqa: E402
from kg.graph.ns import POL, RDF, SKOS  # noqa: E402
from kg.ingest import load_manifest  # noqa: E402
from kg.ingest.text import read_source_text  # noqa: E402
from kg.model import Source  # noqa: E402
from kg.paths import ingest_dir, ontology_dir  # noqa: E402

_FIGURE = re.compile(
    r"(\d+(?:\.\d+)?)(?=\s*(%|‰|个|人|名|万元|亿元|元|张|家|所|平方米|小时|天|分钟|倍|项))"
)
_YEAR = re.compile(r"20[2-3]\d(?=年)")
_MONTH = re.compile(r"(?<=年)(\d{1,2})(?=月)")
_NOTE = re.compile(r"（(?:牵头|责任)单位：([^）]*)）")
_UNIT = re.compile(r"(?:局|委|委员会|办|办公室|中心|院|政府|部|会|厅|站|公司|队|行|所|局等)$")
_TOPICS = (
    "进一步深化改革促进基层医疗卫生体系高质量发展若干措施",
    "全面深化紧密型县域医疗卫生共同体建设实施方案",
    "加强公共卫生服务能力建设的实施意见",
    "推进健康城市建设行动方案",
    "提升基层中医药服务能力工作方案",
)


@dataclass(frozen=True)
class Place:
    id: str  # the jurisdiction id a manifest names
    name: str  # as an issuer writes it: 青岛市, 山东省, 阜新蒙古族自治县


@dataclass(frozen=True)
class Shapes:
    headings: tuple[str, ...]  # section headings (二、… without the numeral)
    measures: tuple[str, ...]  # one measure's text after （n）, with its note
    units: tuple[str, ...]  # responsible units as notes name them


def places_from_divisions() -> list[Place] | None:
    """Every prefecture- and county-level division of the bundled national table, if present."""
    try:
        from kg.ingest import jurisdictions as table
    except ImportError:
        return None
    found = [
        Place(table.jurisdiction_id(d), d.name)  # the id a manifest names (corpus ids kept)
        for d in table.divisions().values()
        if d.parent is not None and not d.name.endswith("辖区")
    ]
    return found or None


def places_from_ontology() -> list[Place]:
    """The jurisdictions of ontology/jurisdictions.ttl below the country."""
    graph = Graph().parse(ontology_dir() / "jurisdictions.ttl", format="turtle")
    out = []
    for node in graph.subjects(RDF.type, POL.Jurisdiction):
        level = graph.value(node, POL.adminLevel)
        names = [o for o in graph.objects(node, SKOS.prefLabel) if isinstance(o, Literal)]
        zh = next((str(n) for n in names if n.language == "zh"), None)
        if zh is None or str(level) == "country":
            continue
        name = zh if zh.endswith(("省", "市", "县", "区")) else zh + "市"
        out.append(Place(str(node).rsplit("/", 1)[1], name))
    return sorted(out, key=lambda p: p.id)


PLACE_SOURCES: dict[str, Callable[[], list[Place] | None]] = {
    "divisions": places_from_divisions,
    "ontology": places_from_ontology,
}


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def collect_shapes(folders: list[Path]) -> Shapes:
    """Section headings, measures and unit names of the corpus and any extra text folders."""
    texts: list[tuple[str, Source]] = []
    for source in load_manifest():
        texts.append((read_source_text(ingest_dir() / source.path).text, source))
    template = load_manifest()[0]
    for folder in folders:
        for path in sorted(folder.glob("*.txt")):
            source = Source(**{**template.__dict__, "id": path.stem, "path": str(path)})
            texts.append((read_source_text(path).text, source))
    headings: set[str] = set()
    measures: set[str] = set()
    units: set[str] = set()
    for text, source in texts:
        doc = extract_text(text, source=source, crosscheck_manifest=False)
        headings.update(_squash(s.title) for s in doc.sections if 2 <= len(s.title) <= 30)
        for m in doc.measures:
            if m.level != "measure":
                continue
            body = re.sub(r"^（[一二三四五六七八九十]+）", "", _squash(doc.raw[m.start : m.end]))
            if 40 <= len(body) <= 600 and "。" in body:
                measures.add(body)
        for note in _NOTE.findall(_squash(text)):
            units.update(
                u for u in re.split(r"[、，,]", note) if 3 <= len(u) <= 16 and _UNIT.search(u)
            )
    return Shapes(tuple(sorted(headings)), tuple(sorted(measures)), tuple(sorted(units)))


def _vary_figure(match: re.Match[str], factor: float) -> str:
    """A figure scaled by the measure's factor: one monotone map per measure, so a range
    (1—1.5‰) stays a range; shares stay at most 100."""
    text = match.group(1)
    value = float(text) * factor
    if match.group(2) == "%":
        value = min(value, 100.0)
    if "." in text:
        return f"{value:.{len(text.split('.')[1])}f}"
    return str(round(value))


def _vary(body: str, *, place: Place, shapes: Shapes, rng: random.Random, year: int) -> str:
    """One measure's text with its figures, years, months and units redrawn."""
    factor = rng.uniform(1.0, 1.6)
    body = _FIGURE.sub(lambda m: _vary_figure(m, factor), body)
    body = _YEAR.sub(lambda m: str(year + rng.randint(0, 5)), body)
    body = _MONTH.sub(lambda m: str(rng.randint(1, 12)), body)

    def note(match: re.Match[str]) -> str:
        units = rng.sample(shapes.units, k=min(len(shapes.units), rng.randint(1, 4)))
        return f"（责任单位：{'、'.join(units)}）"

    body = _NOTE.sub(note, body)
    return body.replace("全市", "全" + place.name[-1])


_NUMERALS = "一二三四五六七八九十"


def _numeral(n: int) -> str:
    if n <= 10:
        return _NUMERALS[n - 1]
    return "十" + _NUMERALS[n - 11] if n < 20 else str(n)


def doc_number(n: int, *, place: Place, seed: int) -> str:
    rng = random.Random(seed * 7_919 + n)
    return f"{place.name[:1]}政办发〔{rng.randint(2022, 2026)}〕{n + 1}号"


def synth_document(
    n: int, *, place: Place, shapes: Shapes, seed: int, cites: list[str]
) -> tuple[str, dict]:
    """The text of synthetic document ``n`` and its manifest entry."""
    rng = random.Random(seed * 1_000_003 + n)
    year = rng.randint(2022, 2026)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    issuer = f"{place.name}人民政府办公{'厅' if place.name.endswith('省') else '室'}"
    title = f"{place.name}{rng.choice(_TOPICS)}"
    date = f"{year}年{month}月{day}日"
    basis = "".join(f"根据{c}文件要求，" for c in cites)
    intro = f"为深入贯彻落实有关决策部署，{basis}结合实际，制定本方案。"
    lines = [issuer, "", date, "", title, "", intro, ""]
    lines += ["一、总体要求", "", f"到{year + 3}年，基本建成优质高效的整合型医疗卫生服务体系。", ""]
    for s in range(2, rng.randint(3, 5) + 1):
        lines += [f"{_numeral(s)}、{rng.choice(shapes.headings)}", ""]
        for m in range(1, rng.randint(2, 5) + 1):
            body = _vary(
                rng.choice(shapes.measures), place=place, shapes=shapes, rng=rng, year=year
            )
            lines += [f"（{_numeral(m)}）{body}", ""]
    lines += [issuer, date, ""]
    entry = {
        "id": f"synth-{n:05d}",
        "city": place.name.removesuffix("市") if len(place.name) > 2 else place.name,
        "jurisdiction": place.id,
        "issuer": issuer,
        "doc_number": doc_number(n, place=place, seed=seed),
        "date": f"{year}-{month:02d}-{day:02d}",
        "title": title,
        "path": f"corpus/synth-{n:05d}.txt",
        "cites": cites,
    }
    return "\n".join(lines), entry


def _toml(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_corpus(
    count: int, dest: Path, *, places: list[Place], shapes: Shapes, seed: int = 1
) -> None:
    (dest / "corpus").mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    entries = []
    chosen: list[Place] = []
    for n in range(count):
        place = rng.choice(places)
        chosen.append(place)
        earlier = rng.sample(range(n), k=min(n, rng.choice((0, 0, 1, 2))))
        cites = [doc_number(k, place=chosen[k], seed=seed) for k in sorted(earlier)]
        text, entry = synth_document(n, place=place, shapes=shapes, seed=seed, cites=cites)
        (dest / entry["path"]).write_text(text, encoding="utf-8")
        entries.append("[[document]]\n" + "".join(f"{k} = {_toml(v)}\n" for k, v in entry.items()))
    (dest / "sources.toml").write_text("\n".join(entries), encoding="utf-8")
    (dest / "errata.toml").write_text("", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="how many documents")
    parser.add_argument("dest", type=Path, help="the ingest folder to write (never committed)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--places",
        choices=sorted(PLACE_SOURCES),
        default=None,
        help="where jurisdictions come from (default: the division table if installed)",
    )
    parser.add_argument(
        "--shapes", type=Path, action="append", default=[], help="extra folder of *.txt shapes"
    )
    args = parser.parse_args()
    places = (
        PLACE_SOURCES[args.places]()
        if args.places
        else places_from_divisions() or places_from_ontology()
    )
    if not places:
        parser.error(f"no jurisdictions from --places {args.places}")
    shapes = collect_shapes(args.shapes)
    write_corpus(args.count, args.dest, places=places, shapes=shapes, seed=args.seed)
    print(
        f"{args.count} documents in {args.dest} ({len(places)} jurisdictions, "
        f"{len(shapes.measures)} measure shapes, {len(shapes.units)} unit names)"
    )


if __name__ == "__main__":
    main()
