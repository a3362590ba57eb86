"""The spaCy pipeline: ``spacy.blank("zh")`` with jieba, plus rule components.

Each component declares what it reads and writes; the rules themselves live in
``kg/extract/data/*.toml`` so that an analyst can read and edit them. A Doc is one paragraph of
clean text (see :mod:`kg.extract.normalize`); offsets in the extension attributes are character
offsets into ``doc.text``.

``doc._.context`` (a :class:`~kg.extract.deadlines.DocContext`, set by the caller before the
pipeline runs; None for a paragraph read alone) carries what the whole document says: its date
(the year of 于4月14日前) and whether it is a news report.

Components, in order:
- ``kg_time_phrases``  -> ``doc._.time_phrases``   deadlines, periods, start years
- ``kg_quantities``    -> ``doc._.quantities``     numbers with units, ranges, ratios, 全覆盖
- ``kg_targets``       -> ``doc._.targets``        subject, value, comparator, deadline
- ``kg_responsibility``-> ``doc._.note``           the paragraph's responsibility note, if any
- ``kg_subjects``      -> ``doc._.subjects``       clauses whose subject is a list of units
"""

from __future__ import annotations

import logging
from bisect import bisect_left, bisect_right
from dataclasses import replace
from functools import cache

import jieba
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.extract.deadlines import DocContext, TimePhrase, find_time_phrases
from kg.extract.responsibility import find_note, find_subjects
from kg.extract.targets import (
    Quantity,
    find_quantities,
    sentence_targets,
    sentences,
    titles_body,
)

jieba.setLogLevel(logging.WARNING)

for _name in ("context", "text", "time_phrases", "quantities", "targets", "note", "subjects"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def _spans(doc: Doc, label: str, items: list[tuple[int, int]]) -> list[Span]:
    """Token spans covering character spans (expanded to token boundaries).

    Doc.char_span walks every token on each call; one pass over the token offsets and a
    binary search per span keeps this linear in the paragraph.
    """
    if not items:
        return []
    starts = doc.to_array("IDX").tolist()  # in C: iterating makes a Token object per token
    ends = [
        start + length
        for start, length in zip(starts, doc.to_array("LENGTH").tolist(), strict=True)
    ]
    out = []
    for start, end in items:
        first = bisect_right(ends, start)
        last = bisect_left(starts, end)
        if first < last:
            out.append(Span(doc, first, last, label=label))
    return out


def _text(doc: Doc) -> str:
    """The paragraph's text, joined once: Doc.text joins every token's text on each call, and
    each component needs it."""
    if doc._.text is None:
        doc._.text = doc.text
    text: str = doc._.text
    return text


@Language.component("kg_time_phrases", assigns=["doc._.time_phrases", "doc.spans"])
def time_phrases_component(doc: Doc) -> Doc:
    text = _text(doc)
    issued = _context(doc).issued
    found: list[TimePhrase] = []
    for start, end in sentences(text):
        found += [
            replace(t, start=t.start + start, end=t.end + start)
            for t in find_time_phrases(text[start:end], issued=issued)
        ]
    doc._.time_phrases = found
    doc.spans["time"] = _spans(doc, "TIME", [(t.start, t.end) for t in found])
    return doc


@Language.component(
    "kg_quantities",
    requires=["doc._.time_phrases"],
    assigns=["doc._.quantities", "doc.spans"],
)
def quantities_component(doc: Doc) -> Doc:
    text = _text(doc)
    found: list[Quantity] = []
    spans = sentences(text)
    for k, (start, end) in enumerate(spans):
        times = _within(doc._.time_phrases, start, end)
        found += [
            replace(q, start=q.start + start, end=q.end + start, num_start=q.num_start + start)
            for q in find_quantities(
                text[start:end],
                time_phrases=times,
                has_deadline=any(t.kind == "deadline" for t in times),
                titles_body=titles_body(text, spans, k),
            )
        ]
    doc._.quantities = found
    doc.spans["quantity"] = _spans(doc, "QUANTITY", [(q.start, q.end) for q in found])
    return doc


@Language.component(
    "kg_targets",
    requires=["doc._.time_phrases", "doc._.quantities"],
    assigns=["doc._.targets"],
)
def targets_component(doc: Doc) -> Doc:
    text = _text(doc)
    drafts = []
    for start, end in sentences(text):
        times = _within(doc._.time_phrases, start, end)
        quantities = [
            replace(q, start=q.start - start, end=q.end - start, num_start=q.num_start - start)
            for q in doc._.quantities
            if start <= q.start < end
        ]
        drafts += [
            replace(d, start=d.start + start, end=d.end + start)
            for d in sentence_targets(text[start:end], times, quantities, context=_context(doc))
        ]
    doc._.targets = drafts
    return doc


@Language.component("kg_responsibility", assigns=["doc._.note"])
def responsibility_component(doc: Doc) -> Doc:
    doc._.note = find_note(_text(doc))
    return doc


@Language.component("kg_subjects", assigns=["doc._.subjects", "doc.spans"])
def subjects_component(doc: Doc) -> Doc:
    doc._.subjects = find_subjects(_text(doc))
    doc.spans["subject"] = _spans(doc, "SUBJECT", [(m.start, m.end) for m in doc._.subjects])
    return doc


def _context(doc: Doc) -> DocContext:
    return doc._.context or DocContext()


def _within(times: list[TimePhrase], start: int, end: int) -> list[TimePhrase]:
    """Time phrases of one sentence, in sentence offsets."""
    return [
        replace(t, start=t.start - start, end=t.end - start)
        for t in times
        if start <= t.start < end
    ]


PIPELINE = (
    "kg_time_phrases",
    "kg_quantities",
    "kg_targets",
    "kg_responsibility",
    "kg_subjects",
)


@cache
def get_nlp() -> Language:
    """The pipeline, built once per process (jieba loads its dictionary here)."""
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    for name in PIPELINE:
        nlp.add_pipe(name)
    return nlp
