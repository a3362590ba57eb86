"""Plain records passed between the pipeline steps (segment -> extract -> link -> graph).

Every offset is a Python string index into the *raw* file text, half-open ``[start, end)``,
so that ``raw[start:end]`` is always the exact source of a record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Comparator = Literal[">=", "<=", ">", "<", "=", "range"]
Kind = Literal["target", "standard", "funding", "duration", "named_goal", "baseline"]
Change = Literal["decrease", "increase"]  # a relative target: 比2015年降低30%
Role = Literal["lead", "co"]
LeadBasis = Literal["labelled", "stated-order", "inferred-order"]


@dataclass(frozen=True)
class Original:
    """The file a document's text was read from (kg add), as recorded in sources.toml."""

    path: str  # relative to the ingest folder, e.g. originals/fuxin-2020-3.docx
    sha256: str  # of the original's bytes
    reader: str  # the reader that produced the text, e.g. docx
    reader_version: str  # e.g. python-docx 1.2.0
    ocr_engine: str | None = None  # set when the text is OCR output, e.g. tesseract 5.3.0
    ocr_confidence: float | None = None  # mean word confidence, 0-100


@dataclass(frozen=True)
class Part:
    """One file of a document added as several (a notice and its attachments, --as-one)."""

    title: str  # 附件2 or the part's own title
    start: int  # offset of the part's first character in the stored text
    original: Original


@dataclass(frozen=True)
class Source:
    """One manifest entry of ingest/sources.toml."""

    id: str
    city: str  # Chinese name as in the manifest, e.g. 莱阳
    jurisdiction: str  # jurisdiction id, e.g. laiyang, or a division code, e.g. 210921
    issuer: str  # "" when neither the manifest nor the text names one
    doc_number: str | None  # 文号, e.g. 莱政办字〔2024〕28号
    date: str | None  # ISO date
    title: str
    path: str  # relative to the ingest folder: the text offsets index
    url: str | None = None
    cites: tuple[str, ...] = ()
    parts: tuple[Part, ...] = ()  # for a document read from original files: one per file
    pages: str | None = None  # page map beside the text (corpus/<id>.pages.json)

    @property
    def originals(self) -> tuple[Original, ...]:
        return tuple(p.original for p in self.parts)


@dataclass(frozen=True)
class DocMetadata:
    """What the text itself states about the document."""

    doc_number: str | None = None
    date: str | None = None
    issuer: str | None = None
    title: str | None = None
    cites: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    ref: str  # 一, 二, ...
    number: int
    title: str
    start: int
    end: int


@dataclass(frozen=True)
class Measure:
    """A numbered provision: a measure （一） or a sub-item 1. inside a measure."""

    ref: str  # 二(三), (九), 三(二)1
    section_ref: str | None
    number: int
    heading: str  # the provision's own short title before the first 。
    start: int
    end: int
    parent_ref: str | None = None  # set on sub-items and points
    level: Literal["measure", "subitem", "point", "row"] = "measure"
    actor: str | None = None  # a duty-table row: the unit cell as written
    duty_start: int | None = None  # a duty-table row: where the duty cell begins
    partners: str | None = None  # a task-table row: the 配合单位 cell as written


@dataclass(frozen=True)
class Clause:
    index: int  # document order, 0-based
    measure_ref: str | None
    section_ref: str | None
    start: int
    end: int
    text: str  # normalised text (line breaks joined)
    due: str | None = None  # ISO date the clause's task is due (于4月14日前, 到2025年底)
    due_text: str | None = None  # the deadline phrase as written


@dataclass(frozen=True)
class Responsibility:
    """The responsibility note of one measure, resolved to full unit names."""

    measure_ref: str
    heading: str
    start: int  # span of the measure
    end: int
    note_start: int  # span of the note itself
    note_end: int
    units_as_written: str
    lead: tuple[str, ...]
    co: tuple[str, ...]
    lead_basis: LeadBasis
    implicit: str | None = None  # e.g. 各区、市政府


@dataclass(frozen=True)
class Erratum:
    """A curated correction of an evident source error (ingest/errata.toml)."""

    id: str
    quote: str
    field: str  # the corrected field: value or value_max
    as_written: float
    corrected: float
    reason: str
    author: str
    date: str


@dataclass
class Target:
    """One quantitative requirement."""

    doc: str
    measure_ref: str | None
    start: int
    end: int
    quote: str
    subject: str
    value: float
    value_max: float | None
    unit: str
    comparator: Comparator
    deadline: str | None
    start_year: int | None
    periodicity: str | None
    kind: Kind
    value_text: str  # the quantity as written, e.g. 1—15‰
    deadline_text: str | None = None
    erratum: Erratum | None = None
    value_as_written: float | None = None  # set when an erratum corrected value
    value_max_as_written: float | None = None  # set when an erratum corrected value_max
    indicator: str | None = None
    comparable_value: float | None = None  # in the indicator's comparable unit
    comparable_value_max: float | None = None
    comparable_unit: str | None = None
    comparability_note: str | None = None
    clause_index: int | None = None
    seq: int = 0  # document order among targets, 1-based; part of the target's IRI
    reference_year: int | None = None  # 比2015年降低30%: the year the change is measured from
    change: Change | None = None  # set on relative targets (降低30%, 提高5个百分点)
    baseline_value: float | None = None  # the present/past level the text states with it
    baseline_year: int | None = None
    nature: str | None = None  # 预期性 / 约束性 (indicator tables)
    review: tuple[str, ...] = ()  # why the rule that found it is weak (OCR text, no unit, ...)
    confidence: float = 1.0  # 1.0 for a sure reading, lower with each review reason


@dataclass(frozen=True)
class PageMap:
    """Where the pages of the original(s) begin in the stored text (corpus/<id>.pages.json)."""

    starts: tuple[int, ...] = ()  # offset of each page's first character, ascending
    parts: tuple[int, ...] = ()  # 1-based part (file) of each page
    pages: tuple[int, ...] = ()  # 1-based page number of each page within its part
    low_confidence: tuple[tuple[int, int], ...] = ()  # OCR spans [start, end) below threshold

    def page_of(self, offset: int) -> int | None:
        """The page (within its part) that holds ``offset``; None without a page map."""
        if not self.starts:
            return None
        from bisect import bisect_right

        return self.pages[max(bisect_right(self.starts, offset) - 1, 0)]

    def low_confidence_in(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps OCR output of low confidence."""
        return any(s < end and start < e for s, e in self.low_confidence)


@dataclass
class ExtractedDocument:
    """Everything the pipeline knows about one document."""

    source: Source
    raw: str
    encoding: str
    metadata: DocMetadata
    sections: list[Section] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    clauses: list[Clause] = field(default_factory=list)
    responsibilities: list[Responsibility] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    sha256: str = ""
    page_map: PageMap = field(default_factory=PageMap)
