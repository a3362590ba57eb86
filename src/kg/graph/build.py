"""Pipeline records -> an RDF dataset: one named graph per document, plus graph/common
(organisations, jurisdictions, the build) and graph/ontology (the vocabulary and function scheme).

Every node has an IRI derived from record identity, the build carries no timestamp, and
``to_sorted_nquads`` sorts its lines: the same input gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import math
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import InputError, RuleDataError
from kg.graph import ns
from kg.graph.indicators import Indicator, area_of, group_subjects
from kg.graph.link import Org, canonical_org
from kg.graph.ns import DCTERMS, ELI, OA, ORG, POL, PROV, RDF, RDFS, SKOS, XSD
from kg.ingest import jurisdictions as divisions
from kg.ingest import normalize_doc_number
from kg.model import (
    Clause,
    Erratum,
    ExtractedDocument,
    Measure,
    Part,
    Responsibility,
    Target,
)
from kg.paths import ontology_dir, rules_dir

Triple = tuple[Node, Node, Node]

_ROLES = {"lead": POL.Lead, "co": POL.CoResponsible, "implicit": POL.Implicit}
_COMMON_FILES = ("jurisdictions.ttl",)
_NOT_DATA_FILES = ("shapes.ttl",)  # SHACL shapes are for validation, and use blank nodes
_RESERVED_GRAPHS = ("common", "ontology")


def _decimal(value: float) -> Literal:
    """xsd:decimal with a canonical lexical form (50.0 -> "50", 1.5 -> "1.5")."""
    if not math.isfinite(value):
        raise InputError(f"Value {value!r} is not a finite number.", fix="fix the extractor output")
    text = format(Decimal(repr(value)).normalize(), "f")
    return Literal(text, datatype=XSD.decimal)


@cache
def _int(value: int) -> Literal:
    """Cached: offsets and orders recur (span, selector), and Literal() is the build's hot spot."""
    return Literal(str(value), datatype=XSD.integer)


def _date(value: str) -> Literal:
    return Literal(value, datatype=XSD.date)


def _deadline_precision(target: Target) -> str:
    """A deadline stated as a year (到2025年) is stored as its last day; say so."""
    text = target.deadline_text or ""
    if "日" in text:
        return "day"
    if "月" in text and "年底" not in text and "年末" not in text:
        return "month"
    return "year"


@cache
def _ttl_triples(path: Path, mtime_ns: int) -> tuple[Triple, ...]:
    """Parsed once per file version; blank nodes would make builds differ, so they are refused."""
    triples = tuple(Graph().parse(path, format="turtle"))
    if any(isinstance(term, BNode) for triple in triples for term in triple):
        raise RuleDataError(
            f"{path} contains blank nodes; the build must be byte-identical in N-Quads.",
            fix="give every node in that file an IRI (no [ … ] or ( … ) in the Turtle)",
        )
    return triples


def _file_triples(path: Path) -> tuple[Triple, ...]:
    return _ttl_triples(path, path.stat().st_mtime_ns)


def _ontology_files() -> list[Path]:
    return sorted(
        p
        for p in ontology_dir().glob("*.ttl")
        if p.name not in _NOT_DATA_FILES and p.name not in _COMMON_FILES
    )


def _sha256(doc: ExtractedDocument) -> str:
    return doc.sha256 or hashlib.sha256(doc.raw.encode(doc.encoding)).hexdigest()


def _doc_number(doc: ExtractedDocument) -> str | None:
    return doc.source.doc_number or doc.metadata.doc_number


def _errata(doc: ExtractedDocument) -> list[Erratum]:
    unique = {t.erratum.id: t.erratum for t in doc.targets if t.erratum is not None}
    return [unique[k] for k in sorted(unique)]


class _Organisations:
    """Organisations met while building the documents, with every spelling seen; they are
    written once, to graph/common, however many documents name them."""

    def __init__(self) -> None:
        self._by_name: dict[tuple[str, str], Org] = {}
        self._records: dict[URIRef, Org] = {}
        self._spellings: dict[URIRef, set[str]] = {}

    def iri(self, name: str, *, jurisdiction: str) -> URIRef:
        org = self._by_name.get((name, jurisdiction))
        if org is None:
            org = canonical_org(name, jurisdiction=jurisdiction)
            self._by_name[name, jurisdiction] = org
            self._records.setdefault(org.iri, org)
            self._spellings.setdefault(org.iri, set()).update(org.alt_labels)
        return org.iri

    def records(self) -> list[OrgRecord]:
        return [
            OrgRecord(
                iri=str(iri),
                label_zh=org.label_zh,
                label_en=org.label_en,
                function=org.function,
                jurisdiction=org.jurisdiction,
                alt_labels=tuple(sorted(self._spellings[iri])),
            )
            for iri, org in self._records.items()
        ]


@dataclass(frozen=True)
class OrgRecord:
    """An organisation as one document names it (its spellings there)."""

    iri: str
    label_zh: str
    label_en: str
    function: str
    jurisdiction: str
    alt_labels: tuple[str, ...]


def org_triples(records: Iterable[OrgRecord]) -> Iterator[Triple]:
    """Each organisation once, with the union of the spellings every document used."""
    merged: dict[str, tuple[OrgRecord, set[str]]] = {}
    for record in records:
        merged.setdefault(record.iri, (record, set()))[1].update(record.alt_labels)
    # Terms looked up once: rdflib's namespaces check every attribute access, and a national
    # corpus has some hundred thousand organisations.
    kind, label, alt_label = RDF.type, SKOS.prefLabel, SKOS.altLabel
    function, jurisdiction, organization = POL.function, POL.jurisdiction, ORG.Organization
    for org, spellings in merged.values():
        iri = URIRef(org.iri)
        yield iri, kind, organization
        yield iri, label, Literal(org.label_zh, lang="zh")
        yield iri, label, Literal(org.label_en, lang="en")
        for alt in sorted(spellings):
            yield iri, alt_label, Literal(alt, lang="zh")
        yield iri, function, ns.function_iri(org.function)
        yield iri, jurisdiction, ns.jurisdiction_iri(org.jurisdiction)


class _DocumentBuilder:
    """Triples of one document's named graph."""

    def __init__(
        self,
        doc: ExtractedDocument,
        *,
        orgs: _Organisations,
    ) -> None:
        self.doc = doc
        self.id = doc.source.id
        self.iri = ns.doc_iri(self.id)
        self.orgs = orgs
        self.triples: list[Triple] = []
        self.sections = {s.ref: ns.section_iri(self.id, s.number, ref=s.ref) for s in doc.sections}
        self.measures: dict[str, URIRef] = {}
        self.measure_refs: dict[URIRef, str] = {}

    def build(self) -> list[Triple]:
        self._document()
        self._sections()
        self._measures()
        self._clauses()
        for erratum in _errata(self.doc):
            self._erratum(erratum)
        self._targets()
        for resp in self.doc.responsibilities:
            self._responsibility(resp)
        return self.triples

    def _add(self, s: Node, p: Node, o: Node) -> None:
        self.triples.append((s, p, o))

    def _org(self, name: str) -> URIRef:
        return self.orgs.iri(name, jurisdiction=self.doc.source.jurisdiction)

    def _span(self, node: URIRef, start: int, end: int) -> None:
        if not 0 <= start <= end <= len(self.doc.raw):
            raise InputError(
                f"{self.id}: span [{start}, {end}) of {node} lies outside the raw text "
                f"(length {len(self.doc.raw)}).",
                fix="offsets must index the raw file text; check the segmenter's offset map",
            )
        self._add(node, POL.startOffset, _int(start))
        self._add(node, POL.endOffset, _int(end))

    def _part(self, part: URIRef, whole: URIRef) -> None:
        self._add(part, ELI.is_part_of, whole)
        self._add(whole, ELI.has_part, part)
        self._add(part, POL.inDocument, self.iri)

    def _document(self) -> None:
        doc, src, meta, iri = self.doc, self.doc.source, self.doc.metadata, self.iri
        add = self._add
        add(iri, RDF.type, ELI.LegalResource)
        add(iri, RDF.type, POL.Document)
        add(iri, DCTERMS.identifier, Literal(self.id))
        add(iri, ELI.title, Literal(src.title or meta.title or self.id, lang="zh"))
        add(iri, POL.jurisdiction, ns.jurisdiction_iri(src.jurisdiction))
        number = _doc_number(doc)
        if number:
            add(iri, ELI.id_local, Literal(number))
        date = src.date or meta.date
        if date:
            add(iri, ELI.date_document, _date(date))
        issuer = src.issuer or meta.issuer
        if issuer:
            add(iri, ELI.passed_by, self._org(issuer))
        if src.url:
            add(iri, DCTERMS.source, URIRef(src.url))
        for index, part in enumerate(src.parts, start=1):
            self._original(index, part)
        add(iri, POL.rawText, Literal(doc.raw))
        add(iri, POL.sha256, Literal(_sha256(doc)))
        add(iri, POL.encoding, Literal(doc.encoding))

    def _original(self, number: int, part: Part) -> None:
        """The file the text was read from: checksum, reader, OCR engine and confidence."""
        node, original = ns.original_iri(self.id, number), part.original
        add = self._add
        add(self.iri, POL.original, node)
        add(node, RDF.type, POL.Original)
        add(node, RDF.type, PROV.Entity)
        add(node, DCTERMS.title, Literal(part.title, lang="zh"))
        add(node, POL.startOffset, _int(part.start))
        add(node, POL.sha256, Literal(original.sha256))
        add(node, POL.reader, Literal(original.reader))
        add(node, POL.readerVersion, Literal(original.reader_version))
        if original.ocr_engine is not None:
            add(node, POL.ocrEngine, Literal(original.ocr_engine))
        if original.ocr_confidence is not None:
            add(node, POL.ocrConfidence, _decimal(original.ocr_confidence))

    def _page(self, node: URIRef, start: int, end: int) -> None:
        """The page of the original a span begins on, and a flag where OCR was unsure."""
        pages = self.doc.page_map
        page = pages.page_of(start)
        if page is not None:
            self._add(node, POL.page, _int(page))
        if pages.low_confidence_in(start, end):
            self._add(node, POL.lowOcrConfidence, Literal(True))

    def _sections(self) -> None:
        for section in self.doc.sections:
            node = self.sections[section.ref]
            self._add(node, RDF.type, ELI.LegalResourceSubdivision)
            self._add(node, RDF.type, POL.Section)
            self._add(node, POL.ref, Literal(section.ref))
            self._add(node, ELI.number, Literal(str(section.number)))
            self._add(node, POL.heading, Literal(section.title))
            self._span(node, section.start, section.end)
            self._part(node, self.iri)

    def _measure_node(self, ref: str) -> URIRef:
        node = ns.measure_iri(self.id, ref)
        other = self.measure_refs.setdefault(node, ref)
        if other != ref or ref in self.measures:
            raise InputError(
                f"{self.id}: measures {other!r} and {ref!r} get the same IRI {node}.",
                fix="measure refs must be unique and differ in their numbers; check the segmenter",
            )
        self.measures[ref] = node
        return node

    def _measures(self) -> None:
        for measure in self.doc.measures:
            self._measure(measure)
        known = set(self.measures)
        for resp in self.doc.responsibilities:  # a note whose measure the segmenter missed
            if resp.measure_ref not in known:
                known.add(resp.measure_ref)
                self._measure(
                    Measure(resp.measure_ref, None, 0, resp.heading, resp.start, resp.end)
                )

    def _measure(self, measure: Measure) -> None:
        node = self._measure_node(measure.ref)
        self._add(node, RDF.type, ELI.LegalResourceSubdivision)
        self._add(node, RDF.type, POL.Measure)
        self._add(node, POL.ref, Literal(measure.ref))
        if measure.number:
            self._add(node, ELI.number, Literal(str(measure.number)))
        if measure.heading:
            self._add(node, POL.heading, Literal(measure.heading))
        self._span(node, measure.start, measure.end)
        if measure.parent_ref is not None:
            whole = ns.measure_iri(self.id, measure.parent_ref)
        else:
            whole = self.sections.get(measure.section_ref or "", self.iri)
        self._part(node, whole)

    def _clauses(self) -> None:
        for clause in self.doc.clauses:
            node = ns.clause_iri(self.id, clause.index)
            self._add(node, RDF.type, ELI.LegalResourceSubdivision)
            self._add(node, RDF.type, POL.Clause)
            self._add(node, POL.text, Literal(clause.text))
            if clause.due is not None:
                self._add(node, POL.dueDate, _date(clause.due))
                self._add(node, POL.dueDateText, Literal(clause.due_text or ""))
            self._span(node, clause.start, clause.end)
            if clause.measure_ref in self.measures:
                whole = self.measures[clause.measure_ref]
            else:
                whole = self.sections.get(clause.section_ref or "", self.iri)
            self._part(node, whole)

    def _erratum(self, erratum: Erratum) -> None:
        node = ns.erratum_iri(erratum.id)
        add = self._add
        add(node, RDF.type, POL.Erratum)
        add(node, RDF.type, PROV.Entity)
        add(node, DCTERMS.identifier, Literal(erratum.id))
        add(node, POL.text, Literal(erratum.quote))
        add(node, POL.correctedField, Literal(erratum.field))
        add(node, POL.valueAsWritten, _decimal(erratum.as_written))
        add(node, POL.correctedValue, _decimal(erratum.corrected))
        add(node, POL.reason, Literal(erratum.reason))
        add(node, DCTERMS.creator, Literal(erratum.author))
        add(node, DCTERMS.date, _date(erratum.date))
        add(node, POL.inDocument, self.iri)

    def _targets(self) -> None:
        clauses = sorted(self.doc.clauses, key=lambda c: c.start)
        by_index = {c.index: c for c in clauses}
        starts = [c.start for c in clauses]
        seen: dict[URIRef, int] = {}
        for position, target in enumerate(self.doc.targets, start=1):
            seq = target.seq if target.seq > 0 else position
            node = ns.target_iri(self.id, seq)
            if node in seen:
                raise InputError(
                    f"{self.id}: targets #{seen[node]} and #{position} both have seq {seq}.",
                    fix="number targets 1, 2, … in document order (Target.seq)",
                )
            seen[node] = position
            clause = _containing_clause(target, by_index, clauses, starts)
            self._target(node, target, clause)

    def _target(self, node: URIRef, t: Target, clause: Clause | None) -> None:
        if self.doc.raw[t.start : t.end] != t.quote:
            raise InputError(
                f"{self.id}: target {t.seq} quote {t.quote!r} is not raw[{t.start}:{t.end}] "
                f"({self.doc.raw[t.start : t.end]!r}).",
                fix="a target's quote must be exactly the raw text at its offsets",
            )
        add = self._add
        add(node, RDF.type, POL.Target)
        add(node, RDF.type, PROV.Entity)
        add(node, POL.inDocument, self.iri)
        add(node, POL.jurisdiction, ns.jurisdiction_iri(self.doc.source.jurisdiction))
        if t.measure_ref in self.measures:
            add(node, POL.inMeasure, self.measures[t.measure_ref])
            add(node, POL.measureRef, Literal(t.measure_ref))
        elif t.measure_ref in self.sections:
            add(node, POL.inSection, self.sections[t.measure_ref])
            add(node, POL.measureRef, Literal(t.measure_ref))
        self._span(node, t.start, t.end)
        self._page(node, t.start, t.end)
        position, quote = ns.position_selector_iri(node), ns.quote_selector_iri(node)
        add(node, POL.selector, position)
        add(position, RDF.type, OA.TextPositionSelector)
        add(position, OA.start, _int(t.start))
        add(position, OA.end, _int(t.end))
        add(node, POL.selector, quote)
        add(quote, RDF.type, OA.TextQuoteSelector)
        add(quote, OA.exact, Literal(t.quote))
        add(node, POL.quote, Literal(t.quote))
        if clause is not None:
            add(node, PROV.wasDerivedFrom, ns.clause_iri(self.id, clause.index))
            add(node, POL.clause, ns.clause_iri(self.id, clause.index))
        add(node, POL.subject, Literal(t.subject))
        add(node, POL.value, _decimal(t.value))
        if t.value_max is not None:
            add(node, POL.valueMax, _decimal(t.value_max))
        add(node, POL.valueText, Literal(t.value_text))
        if t.unit:
            add(node, POL.unit, Literal(t.unit))
        add(node, POL.comparator, Literal(t.comparator))
        add(node, POL.confidence, _decimal(t.confidence))
        for reason in t.review:
            add(node, POL.reviewReason, Literal(reason))
        if t.reference_year is not None:
            add(node, POL.referenceYear, Literal(f"{t.reference_year:04d}", datatype=XSD.gYear))
        if t.change is not None:
            add(node, POL.change, Literal(t.change))
        if t.baseline_value is not None:
            add(node, POL.baselineValue, _decimal(t.baseline_value))
        if t.baseline_year is not None:
            add(node, POL.baselineYear, Literal(f"{t.baseline_year:04d}", datatype=XSD.gYear))
        if t.nature is not None:
            add(node, POL.nature, Literal(t.nature))
        add(node, POL.kind, Literal(t.kind))
        if t.deadline is not None:
            add(node, POL.deadline, _date(t.deadline))
            add(node, POL.deadlinePrecision, Literal(_deadline_precision(t)))
        if t.deadline_text is not None:
            add(node, POL.deadlineText, Literal(t.deadline_text))
        if t.start_year is not None:
            add(node, POL.startYear, Literal(f"{t.start_year:04d}", datatype=XSD.gYear))
        if t.periodicity is not None:
            add(node, POL.periodicity, Literal(t.periodicity))
        if t.indicator is not None:
            add(node, POL.indicator, ns.indicator_iri(t.indicator))
        if t.comparable_value is not None:
            add(node, POL.comparableValue, _decimal(t.comparable_value))
        if t.comparable_value_max is not None:
            add(node, POL.comparableValueMax, _decimal(t.comparable_value_max))
        if t.comparable_unit is not None:
            add(node, POL.comparableUnit, Literal(t.comparable_unit))
        if t.comparability_note and t.indicator is not None:  # else in link_triples
            add(node, POL.comparabilityNote, Literal(t.comparability_note))
        if t.erratum is not None:
            erratum = ns.erratum_iri(t.erratum.id)
            add(node, POL.erratum, erratum)
            add(node, PROV.wasDerivedFrom, erratum)
        if t.value_as_written is not None:
            add(node, POL.valueAsWritten, _decimal(t.value_as_written))
        if t.value_max_as_written is not None:
            add(node, POL.valueMaxAsWritten, _decimal(t.value_max_as_written))
        add(node, POL.comparisonRow, self._comparison_row(t, clause))

    def _comparison_row(self, t: Target, clause: Clause | None) -> Literal:
        """pol:comparisonRow: what a comparison lists of the target, its document and its
        jurisdiction, as the same values a query of those triples answers (numbers from the
        literals written above), so that a row is one index lookup."""
        src, meta = self.doc.source, self.doc.metadata
        zh, en = _jurisdiction_labels(src.jurisdiction)
        in_provision = t.measure_ref in self.measures or t.measure_ref in self.sections

        def number(value: float | None) -> float | None:
            return None if value is None else float(str(_decimal(value)))

        row = {
            "city": src.jurisdiction,
            "doc": self.id,
            "doc_title": src.title or meta.title or self.id,
            "value": number(t.value),
            "unit": t.unit or None,
            "comparator": t.comparator,
            "kind": t.kind,
            "subject": t.subject,
            "quote": t.quote,
            "start": t.start,
            "end": t.end,
            "city_zh": zh,
            "city_en": en,
            "doc_number": _doc_number(self.doc),
            "measure": t.measure_ref if in_provision else None,
            "value_max": number(t.value_max),
            "deadline": t.deadline,
            "start_year": None if t.start_year is None else f"{t.start_year:04d}",
            "periodicity": t.periodicity,
            "comparable_value": number(t.comparable_value),
            "comparable_value_max": number(t.comparable_value_max),
            "comparable_unit": t.comparable_unit,
            "clause": None if clause is None else str(ns.clause_iri(self.id, clause.index)),
            "value_as_written": number(t.value_as_written),
            "value_max_as_written": number(t.value_max_as_written),
        }
        text = json.dumps(row, ensure_ascii=False, separators=(",", ":"))
        return Literal(text, datatype=RDF.JSON)

    def _responsibility(self, resp: Responsibility) -> None:
        measure = self.measures[resp.measure_ref]
        units = [("lead", name) for name in resp.lead] + [("co", name) for name in resp.co]
        if resp.implicit:
            units.append(("implicit", resp.implicit))
        orders: dict[str, int] = {}
        for role, name in units:
            orders[role] = orders.get(role, 0) + 1
            node = ns.responsibility_iri(measure, role, orders[role])
            add = self._add
            add(node, RDF.type, POL.Responsibility)
            add(node, RDF.type, PROV.Entity)
            add(node, POL.task, measure)
            add(node, POL.organization, self._org(name))
            add(node, POL.unitName, Literal(name))
            add(node, POL.role, _ROLES[role])
            add(node, POL.order, _int(orders[role]))
            add(node, POL.leadBasis, Literal(resp.lead_basis))
            add(node, POL.unitsAsWritten, Literal(resp.units_as_written))
            add(node, POL.inDocument, self.iri)
            self._span(node, resp.note_start, resp.note_end)
            self._page(node, resp.note_start, resp.note_end)


@cache
def _jurisdiction_labels(jurisdiction: str) -> tuple[str | None, str | None]:
    """A jurisdiction's zh and en skos:prefLabel, as graph/common will hold them."""
    node = ns.jurisdiction_iri(jurisdiction)
    labels = {
        o.language: str(o)
        for s, p, o in (*jurisdiction_triples(), *division_triples([jurisdiction]))
        if s == node and p == SKOS.prefLabel and isinstance(o, Literal)
    }
    return labels.get("zh"), labels.get("en")


def _containing_clause(
    target: Target, by_index: dict[int, Clause], clauses: list[Clause], starts: list[int]
) -> Clause | None:
    """The record's clause_index if known, else the clause whose span holds the target's start.

    A target that runs past its clause's end (a quote crossing ；) still derives from the clause
    it starts in.
    """
    if target.clause_index is not None and target.clause_index in by_index:
        return by_index[target.clause_index]
    i = bisect_right(starts, target.start) - 1
    if i >= 0 and clauses[i].start <= target.start < clauses[i].end:
        return clauses[i]
    return None


@dataclass(frozen=True, slots=True)
class UnlinkedTarget:
    """A target no curated indicator fits: which automatic concept it joins is decided
    across the corpus, from its unit and subject."""

    target: str  # the target's IRI
    unit: str
    subject: str
    note: str | None  # its own part of the comparability note (the concept adds its scope)


@dataclass(frozen=True, slots=True)
class ComparedTarget:
    """Where a target stands in its indicator's comparison: the comparison lists targets by
    jurisdiction id, document id, start offset and number (its seq)."""

    target: str  # the target's IRI
    indicator: str | None  # its curated indicator; None: an automatic one, decided later
    start: int
    seq: int


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """What the cross-document steps need of one document: small, and JSON-serialisable."""

    id: str
    jurisdiction: str
    area: str  # the area it is written for, with its level (automatic concepts' scope notes)
    number: str | None  # own document number, normalised
    cites: tuple[str, ...]  # cited document numbers, normalised, sorted, not its own
    sha256: str
    errata: tuple[tuple[str, str], ...]  # (id, repr) of the errata applied, by id
    unlinked: tuple[UnlinkedTarget, ...]
    compared: tuple[ComparedTarget, ...]
    targets: int
    tasks: int
    warnings: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DocumentSummary:
        return cls(
            **{
                **data,
                "cites": tuple(data["cites"]),
                "errata": tuple((e[0], e[1]) for e in data["errata"]),
                "unlinked": tuple(UnlinkedTarget(**u) for u in data["unlinked"]),
                "compared": tuple(ComparedTarget(**c) for c in data["compared"]),
                "warnings": tuple(data["warnings"]),
            }
        )


class DocumentGraph(NamedTuple):
    """``document_graph``'s answer."""

    triples: list[Triple]  # the document's named graph
    summary: DocumentSummary
    # The organisations it names, with its spellings: its part of graph/common (org_triples),
    # the same triples as any other document naming them but for spellings.
    orgs: tuple[OrgRecord, ...]


def document_graph(doc: ExtractedDocument) -> DocumentGraph:
    """One document's named graph, its summary and its organisations: a function of that
    document alone.

    Left out, because they depend on the other documents: its citations (a cited number may
    be a document of the corpus) and the indicators of its targets that no curated concept
    fits (see ``link_triples``).
    """
    if doc.source.id in _RESERVED_GRAPHS:
        raise InputError(
            f"Document id {doc.source.id!r} collides with graph/{doc.source.id}.",
            fix="rename the document in ingest/sources.toml",
        )
    orgs = _Organisations()
    triples = _unique(_DocumentBuilder(doc, orgs=orgs).build())
    number = _doc_number(doc)
    own = normalize_doc_number(number) if number else None
    src, meta = doc.source, doc.metadata
    cited = {normalize_doc_number(c) for c in (*src.cites, *meta.cites)} - {own}
    summary = DocumentSummary(
        id=src.id,
        jurisdiction=src.jurisdiction,
        area=area_of(doc),
        number=own,
        cites=tuple(sorted(c for c in cited if c is not None)),
        sha256=_sha256(doc),
        errata=tuple((e.id, repr(e)) for e in _errata(doc)),
        unlinked=tuple(
            UnlinkedTarget(
                str(ns.target_iri(src.id, _seq(t, n))), t.unit, t.subject, t.comparability_note
            )
            for n, t in enumerate(doc.targets, start=1)
            if t.indicator is None
        ),
        compared=tuple(
            ComparedTarget(str(ns.target_iri(src.id, _seq(t, n))), t.indicator, t.start, _seq(t, n))
            for n, t in enumerate(doc.targets, start=1)
        ),
        targets=len(doc.targets),
        tasks=len(doc.responsibilities),
        warnings=tuple(doc.warnings),
    )
    return DocumentGraph(triples, summary, tuple(orgs.records()))


def _seq(target: Target, position: int) -> int:
    return target.seq if target.seq > 0 else position


def corpus_numbers(summaries: Iterable[DocumentSummary]) -> dict[str, URIRef]:
    """Document number -> the corpus document that has it (the later one, if two do)."""
    return {s.number: ns.doc_iri(s.id) for s in summaries if s.number}


def link_triples(
    summary: DocumentSummary,
    *,
    numbers: Mapping[str, URIRef],
    automatic: Mapping[str, Indicator] | None = None,
) -> list[Triple]:
    """The cross-document triples of a document's graph: its citations, resolved against the
    corpus's document ``numbers``, and its targets' ``automatic`` indicators (target IRI ->
    concept; ``None`` leaves them out) with their comparability notes (the concept's scope
    note, then the target's own)."""
    iri = ns.doc_iri(summary.id)
    triples: list[Triple] = []
    for cited in summary.cites:
        target = numbers.get(cited)
        if target is None:
            target = ns.cited_doc_iri(cited)
            triples.append((target, RDF.type, ELI.LegalResource))
            triples.append((target, ELI.id_local, Literal(cited)))
        triples.append((iri, ELI.cites, target))
    for unlinked in summary.unlinked:
        indicator = automatic.get(unlinked.target) if automatic is not None else None
        if indicator is None:
            continue
        node = URIRef(unlinked.target)
        triples.append((node, POL.indicator, ns.indicator_iri(indicator.id)))
        note = " ".join(n for n in (indicator.scope_note_en, unlinked.note) if n)
        if note:
            triples.append((node, POL.comparabilityNote, Literal(note)))
    return triples


def automatic_indicators(
    summaries: Iterable[DocumentSummary],
) -> tuple[dict[str, Indicator], list[Indicator]]:
    """Automatic concepts for the corpus's unlinked targets: target IRI -> its concept, and the
    concepts by id."""
    unlinked = [(u, s.area) for s in summaries for u in s.unlinked]
    groups = group_subjects([(u.unit, u.subject, area) for u, area in unlinked])
    concepts = {ind.id: ind for ind in groups.values()}
    links = {u.target: groups[n] for n, (u, _) in enumerate(unlinked)}
    return links, [concepts[k] for k in sorted(concepts)]


def build_digest(summaries: Iterable[DocumentSummary], software_version: str) -> str:
    """The build's identity: software, rules, ontology and every input's checksum, in order."""
    h = hashlib.sha256(software_version.encode("utf-8"))
    inputs = [*_ontology_files(), *(ontology_dir() / f for f in _COMMON_FILES)]
    for path in [*inputs, rules_dir() / "unit_functions.toml"]:
        h.update(b"\0" + path.name.encode("utf-8") + b"\0" + path.read_bytes())
    for summary in sorted(summaries, key=lambda s: s.id):
        h.update(f"\0{summary.id}\0{summary.sha256}".encode())
        for _, erratum in summary.errata:
            h.update(erratum.encode("utf-8"))
    return h.hexdigest()[:16]


def _build_triples(
    build: URIRef, summaries: list[DocumentSummary], software_version: str
) -> Iterator[Triple]:
    yield build, RDF.type, PROV.Activity
    yield build, RDF.type, POL.Build
    yield build, POL.softwareVersion, Literal(software_version)
    for graph in [ns.COMMON_GRAPH, *(ns.graph_iri(s.id) for s in summaries)]:
        yield graph, RDF.type, PROV.Entity
        yield graph, PROV.wasGeneratedBy, build
    if not summaries:  # a corpus folder with no documents yet: the build used the ontology only
        yield build, PROV.used, ns.ONTOLOGY_GRAPH
    for summary in summaries:
        yield build, PROV.used, ns.doc_iri(summary.id)
        for erratum, _ in summary.errata:
            yield build, PROV.used, ns.erratum_iri(erratum)


def check_ids(ids: Sequence[str]) -> None:
    """Each document once, and none named like the shared graphs."""
    counts = Counter(ids)
    dupes = sorted(i for i, n in counts.items() if n > 1)
    if dupes:
        raise InputError(f"Documents given twice: {', '.join(dupes)}.", fix="pass each once")
    reserved = sorted(set(ids) & set(_RESERVED_GRAPHS))
    if reserved:
        raise InputError(
            f"Document ids {reserved} collide with the graphs graph/common and graph/ontology.",
            fix="rename the document in ingest/sources.toml",
        )


def _add_graph(ds: Dataset, name: URIRef, triples: Iterable[Triple]) -> None:
    """Straight into the store: Graph.addN re-checks every term, which our builders guarantee."""
    graph = ds.graph(name)
    ds.store.addN((s, p, o, graph) for s, p, o in triples)


def _indicator_triples(indicators: Iterable[Indicator]) -> Iterator[Triple]:
    """Automatic indicator concepts (curated ones come with ontology/indicators.ttl)."""
    for ind in indicators:
        node = ns.indicator_iri(ind.id)
        yield node, RDF.type, SKOS.Concept
        yield node, SKOS.inScheme, ns.INDICATOR_SCHEME
        yield node, DCTERMS.identifier, Literal(ind.id)
        yield node, SKOS.prefLabel, Literal(ind.label_zh, lang="zh")
        yield node, SKOS.prefLabel, Literal(ind.label_en, lang="en")
        for kws in ind.keywords:
            yield node, POL.matchKeywords, Literal(" ".join(kws))
        yield node, POL.matchUnits, Literal(" ".join(sorted(ind.units)))
        yield node, POL.unitDimension, Literal(ind.dimension)
        yield node, POL.comparableUnit, Literal(ind.comparable_unit)
        yield node, POL.curated, Literal(ind.curated)
        for subject in ind.members:
            yield node, SKOS.hiddenLabel, Literal(subject, lang="zh")


def jurisdiction_triples() -> tuple[Triple, ...]:
    """The jurisdictions (graph/common), from ontology/jurisdictions.ttl."""
    triples: tuple[Triple, ...] = ()
    for name in _COMMON_FILES:
        triples += _file_triples(ontology_dir() / name)
    return triples


def common_triples(
    summaries: list[DocumentSummary],
    *,
    software_version: str,
    indicators: Iterable[Indicator],
    automatic: Mapping[str, Indicator] | None = None,
) -> list[Triple]:
    """graph/common from the documents' summaries, but for the organisations (each document
    brings its own, ``org_triples``): the build, the automatic indicator concepts
    (``automatic``: target IRI -> its concept), each indicator's comparison and the
    jurisdictions (with how many documents each issued)."""
    common = common_parts(
        summaries, software_version=software_version, indicators=indicators, automatic=automatic
    )
    return _unique(list(common))


def common_parts(
    summaries: list[DocumentSummary],
    *,
    software_version: str,
    indicators: Iterable[Indicator],
    automatic: Mapping[str, Indicator] | None = None,
) -> Iterator[Triple]:
    """``common_triples`` one at a time, a few more than once: the comparisons' members, one
    for each target of the corpus that has an indicator, are made as they are consumed."""
    build = ns.build_iri(build_digest(summaries, software_version))
    yield from _build_triples(build, summaries, software_version)
    yield from _indicator_triples(indicators)
    yield from _comparison_triples(comparison_entries(summaries, automatic=automatic or {}))
    yield from jurisdiction_triples()
    yield from division_triples(s.jurisdiction for s in summaries)
    yield from document_count_triples(summaries)


def document_count_triples(summaries: Iterable[DocumentSummary]) -> list[Triple]:
    """Each jurisdiction that issued documents, with how many (pol:documentCount): the
    comparison page lists them without counting every document (documented_jurisdictions.rq)."""
    counts = Counter(s.jurisdiction for s in summaries)
    return [
        (ns.jurisdiction_iri(j), POL.documentCount, Literal(n)) for j, n in sorted(counts.items())
    ]


def is_seq_member(triple: Triple) -> bool:
    """Whether a triple lists a member of an rdf:Seq (rdf:_1, rdf:_2, …): a comparison's."""
    return str(triple[1]).startswith(_MEMBER_PREFIX)


_MEMBER_PREFIX = f"{RDF}_"


@dataclass(frozen=True, order=True, slots=True)
class ComparisonEntry:
    """A target in an indicator's comparison; entries sort in the comparison's order."""

    indicator: str
    jurisdiction: str
    doc: str
    start: int
    seq: int
    target: str


def comparison_entries(
    summaries: Iterable[DocumentSummary], *, automatic: Mapping[str, Indicator]
) -> list[ComparisonEntry]:
    """Every target that has an indicator (its curated one, else its ``automatic`` one)."""
    entries = []
    for summary in summaries:
        for t in summary.compared:
            concept = automatic.get(t.target)
            indicator = t.indicator or (concept.id if concept is not None else None)
            if indicator is not None:
                entries.append(
                    ComparisonEntry(
                        indicator, summary.jurisdiction, summary.id, t.start, t.seq, t.target
                    )
                )
    return entries


def comparison_triples(entries: Iterable[ComparisonEntry]) -> list[Triple]:
    """Each indicator's pol:comparison: an rdf:Seq of its targets ordered by jurisdiction id,
    document id, start offset and seq, so that a page of a comparison is read by position
    (rdf:_1 …) rather than by sorting all of an indicator's targets on every request."""
    return list(_comparison_triples(entries))


def _comparison_triples(entries: Iterable[ComparisonEntry]) -> Iterator[Triple]:
    position: dict[str, int] = {}
    for entry in sorted(entries):
        seq = ns.comparison_iri(entry.indicator)
        if entry.indicator not in position:
            yield ns.indicator_iri(entry.indicator), POL.comparison, seq
            yield seq, RDF.type, RDF.Seq
        position[entry.indicator] = position.get(entry.indicator, 0) + 1
        yield seq, ns.member(position[entry.indicator]), URIRef(entry.target)


def ontology_triples() -> list[Triple]:
    """graph/ontology: the vocabulary, function scheme and curated indicators."""
    return list(_ontology_triples(tuple((p, p.stat().st_mtime_ns) for p in _ontology_files())))


@cache
def _ontology_triples(files: tuple[tuple[Path, int], ...]) -> tuple[Triple, ...]:
    return tuple(dict.fromkeys(t for path, mtime in files for t in _ttl_triples(path, mtime)))


def validation_context(
    summary: DocumentSummary, document: Iterable[Triple] = (), *, orgs: Sequence[OrgRecord]
) -> list[Triple]:
    """What SHACL needs besides a ``document``'s own graph to check it alone: its
    organisations (``orgs``), its jurisdictions (with their parents), the ontology's
    statements about the terms it uses (and the class hierarchy), and its cross-document
    triples as if no other document existed (citations to documents outside the corpus,
    each automatic indicator a concept of its own). A citation resolved to a corpus document
    later points at an eli:LegalResource, and an indicator at an IRI, either way."""
    own = {u.target: _own_concept(u) for u in summary.unlinked}
    triples = link_triples(summary, numbers={}, automatic=own)
    triples += org_triples(orgs)
    places = {summary.jurisdiction, *(o.jurisdiction for o in orgs)}
    divisions_of = division_triples(places)
    reached = {str(o).rsplit("/", 1)[-1] for _, p, o in divisions_of if p == POL.parentJurisdiction}
    triples += divisions_of
    triples += _jurisdictions_with_parents(places | reached)
    used = {o for _, _, o in triples} | {o for _, _, o in document}
    ontology = _ontology_by_subject(tuple(ontology_triples()))
    triples += [t for term in used & ontology.keys() for t in ontology[term]]
    triples += _class_hierarchy(tuple(ontology_triples()))
    return triples


def _own_concept(target: UnlinkedTarget) -> Indicator:
    """The automatic concept a target would form alone (no scope note: one member)."""
    return group_subjects([(target.unit, target.subject, "")])[0]


@cache
def _ontology_by_subject(triples: tuple[Triple, ...]) -> dict[Node, list[Triple]]:
    return _triples_by_subject(triples)


@cache
def _class_hierarchy(triples: tuple[Triple, ...]) -> list[Triple]:
    return [t for t in triples if t[1] in (RDFS.subClassOf, RDFS.subPropertyOf)]


def _jurisdictions_with_parents(ids: Iterable[str]) -> list[Triple]:
    by_subject = _triples_by_subject(jurisdiction_triples())
    todo: list[Node] = [ns.jurisdiction_iri(j) for j in ids]
    seen: set[Node] = set()
    out: list[Triple] = []
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for triple in by_subject.get(node, ()):
            out.append(triple)
            if triple[1] == POL.parentJurisdiction:
                todo.append(triple[2])
    return out


@cache
def _triples_by_subject(triples: tuple[Triple, ...]) -> dict[Node, list[Triple]]:
    out: dict[Node, list[Triple]] = {}
    for triple in triples:
        out.setdefault(triple[0], []).append(triple)
    return out


def common_validation_triples(common: Iterable[Triple]) -> list[Triple]:
    """graph/common (``common_triples``) for SHACL, with the ontology. The organisations are
    not in it: each was checked with every document naming it, with the same triples but for
    spellings, which no shape constrains."""
    return [*common, *ontology_triples()]


Graphs = dict[URIRef, list[Triple]]  # named graph -> its triples, each once


def build_graphs(
    docs: list[ExtractedDocument],
    *,
    software_version: str,
    indicators: Iterable[Indicator] = (),
) -> Graphs:
    """The whole knowledge graph of ``docs`` as plain triples per named graph, in memory.

    Deterministic for the same input. ``indicators`` are the automatic indicator concepts the
    linker formed for these documents (``link_documents``). For a small set of documents; the
    build (kg.pipeline) makes the same graph document by document.
    """
    check_ids([d.source.id for d in docs])
    graphs: Graphs = {}
    summaries = []
    orgs: list[OrgRecord] = []
    for doc in docs:
        triples, summary, own = document_graph(doc)
        graphs[ns.graph_iri(doc.source.id)] = triples
        summaries.append(summary)
        orgs += own
    numbers = corpus_numbers(summaries)
    for summary in summaries:
        graph = graphs[ns.graph_iri(summary.id)]
        graph += link_triples(summary, numbers=numbers)
        graphs[ns.graph_iri(summary.id)] = _unique(graph)
    common = common_triples(summaries, software_version=software_version, indicators=indicators)
    graphs[ns.COMMON_GRAPH] = _unique([*org_triples(orgs), *common])
    graphs[ns.ONTOLOGY_GRAPH] = ontology_triples()
    return graphs


def division_triples(jurisdictions: Iterable[str]) -> list[Triple]:
    """Jurisdictions outside ontology/jurisdictions.ttl, from the national division table:
    each with its ancestors up to one the file holds (or the country), so that a county never
    seen before sits in the hierarchy (210921 阜新蒙古族自治县 → 210900 阜新市 → 210000 辽宁省)."""
    triples: list[Triple] = []
    done: set[str] = set()
    for ident in sorted(set(jurisdictions)):
        division = divisions.division_of(ident) if ident not in divisions.corpus_ids() else None
        while division is not None:
            node_id = divisions.jurisdiction_id(division)
            if node_id in divisions.corpus_ids() or node_id in done:
                break
            done.add(node_id)
            node = ns.jurisdiction_iri(node_id)
            parent = divisions.division(division.parent) if division.parent else None
            parent_id = divisions.jurisdiction_id(parent) if parent else divisions.COUNTRY
            triples += [
                (node, RDF.type, POL.Jurisdiction),
                (node, SKOS.prefLabel, Literal(division.name, lang="zh")),
                (node, SKOS.prefLabel, Literal(divisions.english_name(division), lang="en")),
                (node, SKOS.notation, Literal(node_id)),
                (node, POL.divisionCode, Literal(division.code)),
                (node, POL.adminLevel, Literal(division.level)),
                (node, POL.parentJurisdiction, ns.jurisdiction_iri(parent_id)),
            ]
            if division.short != division.name:
                triples.append((node, SKOS.altLabel, Literal(division.short, lang="zh")))
            division = parent
    return triples


def _unique(triples: list[Triple]) -> list[Triple]:
    return list(dict.fromkeys(triples))


def build_dataset(
    docs: list[ExtractedDocument],
    *,
    software_version: str,
    indicators: Iterable[Indicator] = (),
) -> Dataset:
    """The knowledge graph as an rdflib Dataset, for comparing graphs as graphs."""
    return to_dataset(build_graphs(docs, software_version=software_version, indicators=indicators))


def to_dataset(graphs: Graphs) -> Dataset:
    ds = Dataset()
    for name, triples in graphs.items():
        _add_graph(ds, name, triples)
    return ds


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


def _term(term: Node) -> str:
    if isinstance(term, Literal):
        lexical = f'"{_escape(str(term))}"'
        if term.language:
            return f"{lexical}@{term.language}"
        if term.datatype is not None and term.datatype != XSD.string:
            return f"{lexical}^^<{term.datatype}>"
        return lexical
    if isinstance(term, URIRef):
        return term.n3()
    raise InputError(
        f"The dataset holds a {type(term).__name__} ({term}); sorted N-Quads are only "
        "deterministic without blank nodes.",
        fix="give the node an IRI (see kg.graph.ns for the IRI builders)",
    )


def _quads(data: Dataset | Graphs) -> Iterator[tuple[Node, Node, Node, Node | None]]:
    if isinstance(data, Dataset):
        yield from data.quads((None, None, None, None))
    else:
        for name, triples in data.items():
            yield from in_graph(triples, name)


def in_graph(triples: Iterable[Triple], graph: Node) -> Iterator[tuple[Node, Node, Node, Node]]:
    return ((s, p, o, graph) for s, p, o in triples)


_TERMS_KEPT = 100_000  # formatted terms remembered at once: the memo stays small


def nquad_lines(quads: Iterable[tuple[Node, Node, Node, Node | None]]) -> Iterator[str]:
    """Each quad as an N-Quads line, in the given order (sorted, they are the canonical
    bytes). IRIs recur in many quads: each is formatted once while it is remembered."""
    terms: dict[Node, str] = {}

    def term(node: Node) -> str:
        text = terms.get(node)
        if text is None:
            if len(terms) >= _TERMS_KEPT:
                terms.clear()
            text = terms[node] = _term(node)
        return text

    for s, p, o, g in quads:
        graph = f" {term(g)}" if g is not None else ""
        yield f"{term(s)} {term(p)} {term(o)}{graph} .\n"


def to_sorted_nquads(dataset: Dataset | Graphs) -> str:
    """N-Quads with lines sorted: the canonical bytes two builds of one input must share."""
    return "".join(sorted(nquad_lines(_quads(dataset))))
