"""Response models: what every resource returns, as the OpenAPI document shows it."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class ErrorDetail(BaseModel):
    code: str = Field(description="Stable machine-readable error code.")
    message: str = Field(description="What went wrong.")
    fix: str | None = Field(description="How to fix it.")


class ErrorResponse(BaseModel):
    error: ErrorDetail


class Page(BaseModel, Generic[T]):
    total: int = Field(description="How many items match, over all pages.")
    limit: int
    offset: int
    items: list[T]


class Health(BaseModel):
    status: str
    backend: str


class City(BaseModel):
    id: str
    iri: str
    name_zh: str | None
    name_en: str | None
    level: str | None
    parent: str | None
    hierarchy: list[str] = Field(description="This jurisdiction and its parents, up to China.")
    document_count: int | None = Field(default=None, description="How many documents it issued.")


class CityDetail(City):
    documents: list[str]


class Document(BaseModel):
    id: str
    iri: str
    title: str
    city: str
    doc_number: str | None = Field(description="文号, e.g. 莱政办字〔2024〕28号.")
    date: str | None
    issuer: str | None
    issuer_iri: str | None
    source: str | None
    sha256: str | None
    encoding: str | None


class Citation(BaseModel):
    iri: str
    doc_number: str | None
    id: str | None = Field(description="The cited document's id where the corpus holds it.")


class DocumentDetail(Document):
    cites: list[Citation]
    cited_by: list[str]


class DocumentText(BaseModel):
    id: str
    length: int
    sha256: str | None
    encoding: str | None
    text: str = Field(description="The raw text; every offset is a Python string index.")


class DocumentCleanText(BaseModel):
    id: str
    length: int
    raw_length: int
    sha256: str | None = Field(description="Of the raw text.")
    text: str = Field(description="The clean text the extraction read: hard line breaks joined.")
    raw_runs: list[list[int]] = Field(
        description="The map back to the raw text: [clean start, raw start, length] of each "
        "stretch of clean characters taken from consecutive raw characters. A raw offset r "
        "is at the first clean position whose raw position is >= r."
    )


class Part(BaseModel):
    iri: str
    start: int
    end: int
    part_of: str


class Division(Part):
    ref: str | None
    heading: str | None


class ClausePart(Part):
    index: int
    text: str


class DocumentStructure(BaseModel):
    id: str
    sections: list[Division]
    measures: list[Division]
    clauses: list[ClausePart]


class Span(BaseModel):
    start: int
    end: int


class UnitRef(BaseModel):
    name: str = Field(description="The unit's name as the document means it.")
    unit: str | None = Field(description="The unit's id (city/slug) under /units.")
    iri: str
    function: str | None
    order: int


class Task(BaseModel):
    id: str
    iri: str
    doc: str
    city: str
    measure: str
    heading: str | None
    start: int
    end: int
    lead_basis: str
    units_as_written: str
    note: Span = Field(description="Offsets of the responsibility note in the raw text.")
    lead: list[UnitRef]
    co: list[UnitRef]
    implicit: list[UnitRef]


class Unit(BaseModel):
    id: str | None
    iri: str
    name_zh: str | None
    name_en: str | None
    city: str
    function: str
    function_zh: str | None
    function_en: str | None


class UnitTask(BaseModel):
    id: str
    iri: str
    doc: str
    measure: str
    heading: str | None
    name_as_written: str
    order: int


class TasksByRole(BaseModel):
    lead: list[UnitTask]
    co: list[UnitTask]
    implicit: list[UnitTask]


class UnitDetail(Unit):
    tasks: TasksByRole


class Source(BaseModel):
    clause: str | None = Field(description="The clause the figure is derived from.")
    quote: str = Field(description="The exact text of the figure (oa:exact).")
    start: int
    end: int


class Target(BaseModel):
    id: str
    iri: str
    doc: str
    city: str
    measure: str | None
    subject: str
    indicator: str | None
    value: int | float
    value_max: int | float | None
    unit: str
    comparator: str
    deadline: str | None
    deadline_text: str | None
    start_year: int | None
    periodicity: str | None
    kind: str
    value_text: str | None
    erratum: str | None
    source: Source


class ClauseHit(BaseModel):
    clause: str
    doc: str
    city: str
    measure: str | None
    part_of: str
    text: str
    start: int
    end: int


class Indicator(BaseModel):
    model_config = ConfigDict(extra="allow")

    indicator: str
    label_zh: str | None
    label_en: str | None
    curated: bool | None
    dimension: str | None
    comparable_unit: str | None
    higher_is_more_ambitious: bool | None
    scope_note: str | None
    targets: int
    documents: int
    cities: int


class ComparisonRow(BaseModel):
    """One city's target on the indicator, with its source (target, clause, quote, offsets)."""

    model_config = ConfigDict(extra="allow")

    city: str
    city_zh: str | None
    city_en: str | None
    doc: str
    doc_number: str | None
    measure: str | None
    value: int | float
    value_max: int | float | None
    unit: str
    comparator: str
    deadline: str | None
    comparable_value: int | float | None
    comparable_unit: str | None
    target: str
    clause: str | None
    quote: str
    start: int
    end: int
    indicator: str
    comparability: str | None


class DiffFigure(BaseModel):
    model_config = ConfigDict(extra="allow")

    doc: str
    measure: str | None
    value: int | float
    unit: str
    comparator: str
    deadline: str | None
    quote: str
    start: int
    end: int


class SharedIndicator(BaseModel):
    model_config = ConfigDict(extra="allow")

    indicator: str
    label_zh: str | None
    label_en: str | None
    a: DiffFigure
    b: DiffFigure
    more_ambitious: str | None
    deadline_difference_days: int | None
    comparability: str | None


class OnlyIndicator(BaseModel):
    model_config = ConfigDict(extra="allow")

    indicator: str
    label_zh: str | None
    label_en: str | None
    targets: list[DiffFigure]


class LeadDifference(BaseModel):
    model_config = ConfigDict(extra="allow")

    indicator: str
    lead_functions_a: list[str]
    lead_functions_b: list[str]


class Diff(BaseModel):
    city_a: str
    city_b: str
    shared: list[SharedIndicator]
    only_a: list[OnlyIndicator]
    only_b: list[OnlyIndicator]
    lead_differences: list[LeadDifference]


class OcrSummary(BaseModel):
    engine: str = Field(description="OCR engine, version and model.")
    mean_confidence: float = Field(description="Mean word confidence, 0-100.")


class ExtractMetadata(BaseModel):
    title: str | None
    issuer: str | None
    doc_number: str | None = Field(description="文号 as the text states it, canonical form.")
    date: str | None
    cites: list[str]


class ExtractResult(BaseModel):
    """POST /extract: how the file was read, and its records in the export contract."""

    model_config = ConfigDict(extra="allow")

    file: str
    doc: str
    reader: str = Field(description="The reader that read the file (pdf, docx, ocr, ...).")
    reader_version: str
    pages: int
    ocr: OcrSummary | None = Field(description="Set when the text is OCR output.")
    metadata: ExtractMetadata
    notes: list[str]
    records: list[dict[str, Any]] = Field(
        description="Targets and tasks as `kg export` writes them (DESIGN.md §4), each with "
        "`page` and, for OCR output, `ocr`, `confidence` and `low_confidence`."
    )
