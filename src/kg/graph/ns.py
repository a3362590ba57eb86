"""The one namespace module: vocabularies and the IRI builders of every instance.

``POL`` is closed over the terms ontology/policy.ttl declares, so ``POL.vaule`` raises at once
instead of writing a term nobody can query. Instance IRIs depend only on record identity (ids,
numbers, names), never on run order or blank nodes, so rebuilds are byte-identical.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from urllib.parse import quote

from rdflib import Graph, URIRef
from rdflib.namespace import (
    DCTERMS,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SH,
    SKOS,
    XSD,
)

from kg.errors import RuleDataError
from kg.paths import ontology_dir

__all__ = [
    "BASE",
    "COMMON_GRAPH",
    "DCTERMS",
    "ELI",
    "FUNCTION_SCHEME",
    "INDICATOR_SCHEME",
    "OA",
    "ONTOLOGY_GRAPH",
    "ORG",
    "OWL",
    "POL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SH",
    "SKOS",
    "XSD",
    "build_iri",
    "cited_doc_iri",
    "clause_iri",
    "comparison_iri",
    "doc_iri",
    "erratum_iri",
    "function_iri",
    "graph_iri",
    "indicator_iri",
    "jurisdiction_iri",
    "measure_iri",
    "measure_slug",
    "member",
    "org_iri",
    "original_iri",
    "position_selector_iri",
    "quote_selector_iri",
    "responsibility_iri",
    "section_iri",
    "target_iri",
]

BASE = "https://w3id.org/policy-kg/"
POL_IRI = BASE + "ontology#"


def _declared_pol_terms() -> list[str]:
    """The local names policy.ttl declares (typed subjects in the pol: namespace)."""
    path = ontology_dir() / "policy.ttl"
    try:
        graph = Graph().parse(path, format="turtle")
    except Exception as exc:  # rdflib raises several unrelated parser exception types
        raise RuleDataError(
            f"{path} does not parse as Turtle: {exc}",
            fix="repair the Turtle syntax at the position named above",
        ) from exc
    return sorted(
        {str(s)[len(POL_IRI) :] for s in graph.subjects(RDF.type) if str(s).startswith(POL_IRI)}
    )


class Terms:
    """The declared terms of one vocabulary as attributes (POL.value), looked up once.

    Like rdflib's ClosedNamespace, an undeclared name raises, so a typo fails loudly; unlike it,
    each term is a plain attribute, which matters when a build makes a million triples.
    """

    def __init__(self, base: str, names: list[str]) -> None:
        self.__dict__.update({n: URIRef(base + n) for n in names})
        self._base = base

    def __getattr__(self, name: str) -> URIRef:
        raise AttributeError(f"{name!r} is not a declared term of <{self._base}>")

    def __getitem__(self, name: str) -> URIRef:
        term = self.__dict__.get(name)
        if not isinstance(term, URIRef):
            raise KeyError(f"{name!r} is not a declared term of <{self._base}>")
        return term

    def __str__(self) -> str:
        return self._base


POL = Terms(POL_IRI, _declared_pol_terms())

ELI = Terms(
    "http://data.europa.eu/eli/ontology#",
    [
        "LegalResource",
        "LegalResourceSubdivision",
        "cites",
        "date_document",
        "has_part",
        "id_local",
        "is_part_of",
        "number",
        "passed_by",
        "title",
    ],
)

OA = Terms(
    "http://www.w3.org/ns/oa#",
    ["Selector", "TextPositionSelector", "TextQuoteSelector", "end", "exact", "start"],
)

PREFIXES: dict[str, str] = {
    "pol": POL_IRI,
    "eli": str(ELI),
    "org": str(ORG),
    "oa": str(OA),
    "prov": str(PROV),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "sh": str(SH),
}

COMMON_GRAPH = URIRef(BASE + "graph/common")
ONTOLOGY_GRAPH = URIRef(BASE + "graph/ontology")
FUNCTION_SCHEME = URIRef(BASE + "id/function")
INDICATOR_SCHEME = URIRef(BASE + "id/indicator")

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_CN_DIGITS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUMERAL = re.compile(r"[零〇一二两三四五六七八九十百]+|[0-9]+")


def _segment(value: str) -> str:
    """One IRI path segment: unreserved characters kept, everything else percent-encoded."""
    return quote(value, safe="-._~")


def _chinese_int(numeral: str) -> int:
    """Value of a Chinese numeral below 1000 (三 -> 3, 十二 -> 12, 二十三 -> 23)."""
    total, digit = 0, 0
    for char in numeral:
        if char == "百":
            total += (digit or 1) * 100
            digit = 0
        elif char == "十":
            total += (digit or 1) * 10
            digit = 0
        else:
            digit = _CN_DIGITS[char]
    return total + digit


_NUMBERED_REF = re.compile(r"[零〇一二两三四五六七八九十百0-9()（）]+")
_PART_REF = re.compile(r"^附件(?P<number>\d*)\s*(?P<rest>.*)$")


def measure_slug(ref: str) -> str:
    """二(三) -> 2-3, (九) -> 9, 三(二)1 -> 3-2-1: ASCII, and stable across bracket widths.

    An attachment's provisions get its number first (附件2 二(一) -> annex2-2-1), a duty-table
    row its unit (附件1 教育局 -> annex1-%E6…), a repeated number its occurrence (三(二)#2 ->
    3-2.2).
    """
    ref, _, occurrence = ref.partition("#")
    prefix = ""
    if part := _PART_REF.match(ref):
        prefix, ref = f"annex{part['number']}-", part["rest"]
    if _NUMBERED_REF.fullmatch(ref):
        numbers = [t if t.isascii() else str(_chinese_int(t)) for t in _NUMERAL.findall(ref)]
        slug = "-".join(numbers)
    else:
        slug = _segment(ref)
    return prefix + (slug or "0") + (f".{occurrence}" if occurrence else "")


def doc_iri(doc: str) -> URIRef:
    return URIRef(f"{BASE}id/doc/{_segment(doc)}")


def cited_doc_iri(doc_number: str) -> URIRef:
    """A document known only by its 文号 (国卫基层发〔2023〕41号): the number, percent-encoded."""
    return URIRef(f"{BASE}id/doc/cited/{_segment(doc_number)}")


def original_iri(doc: str, part: int) -> URIRef:
    """The ``part``-th (1-based) original file a document's text was read from."""
    return URIRef(f"{doc_iri(doc)}/original/{part}")


def section_iri(doc: str, number: int, *, ref: str | None = None) -> URIRef:
    """By number; a section of an attachment or a repeated number by its ref (附件1 二, 一#2)."""
    if ref is not None and (ref.startswith("附件") or "#" in ref):
        return URIRef(f"{doc_iri(doc)}/section/{measure_slug(ref)}")
    return URIRef(f"{doc_iri(doc)}/section/{number}")


def measure_iri(doc: str, ref: str) -> URIRef:
    return URIRef(f"{doc_iri(doc)}/measure/{measure_slug(ref)}")


def clause_iri(doc: str, index: int) -> URIRef:
    return URIRef(f"{doc_iri(doc)}/clause/{index}")


def target_iri(doc: str, seq: int) -> URIRef:
    return URIRef(f"{doc_iri(doc)}/target/{seq}")


def position_selector_iri(target: URIRef) -> URIRef:
    return URIRef(f"{target}/position")


def quote_selector_iri(target: URIRef) -> URIRef:
    return URIRef(f"{target}/quote")


def responsibility_iri(measure: URIRef, role: str, order: int) -> URIRef:
    """``role`` is lead, co or implicit; ``order`` is 1-based within the role."""
    return URIRef(f"{measure}/responsibility/{role}-{order}")


def org_iri(jurisdiction: str, function: str, canonical_name: str) -> URIRef:
    """The canonical name is hashed: IRIs stay ASCII and short, and identity stays per city."""
    digest = hashlib.sha1(canonical_name.encode("utf-8")).hexdigest()[:8]
    return URIRef(f"{BASE}id/org/{_segment(jurisdiction)}/{_segment(function)}-{digest}")


@cache  # a few thousand jurisdictions, named by every organisation of the corpus
def jurisdiction_iri(jurisdiction: str) -> URIRef:
    return URIRef(f"{BASE}id/jurisdiction/{_segment(jurisdiction)}")


@cache  # a few dozen functions, likewise
def function_iri(slug: str) -> URIRef:
    return URIRef(f"{FUNCTION_SCHEME}/{_segment(slug)}")


def indicator_iri(indicator: str) -> URIRef:
    return URIRef(f"{BASE}id/indicator/{_segment(indicator)}")


def comparison_iri(indicator: str) -> URIRef:
    """The rdf:Seq of an indicator's targets in comparison order (pol:comparison)."""
    return URIRef(f"{BASE}id/comparison/{_segment(indicator)}")


def member(position: int) -> URIRef:
    """rdf:_1, rdf:_2, …: the container membership property of a 1-based position."""
    return URIRef(f"{RDF}_{position}")


def erratum_iri(erratum: str) -> URIRef:
    return URIRef(f"{BASE}id/erratum/{_segment(erratum)}")


def build_iri(digest: str) -> URIRef:
    return URIRef(f"{BASE}id/build/{_segment(digest)}")


def graph_iri(doc: str) -> URIRef:
    return URIRef(f"{BASE}graph/{_segment(doc)}")
