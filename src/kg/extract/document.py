"""One document through the pipeline: normalise, segment, run the spaCy components, resolve.

The result is an :class:`~kg.model.ExtractedDocument` whose offsets all point into the raw
text, ready for linking and RDF.
"""

from __future__ import annotations

import calendar
import hashlib
import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path

from kg.errors import InputError
from kg.extract.deadlines import DocContext, TimePhrase
from kg.extract.nlp import get_nlp
from kg.extract.numbers import tidy
from kg.extract.responsibility import Mention
from kg.extract.rules import quantity_rules
from kg.extract.segment import Locator, Segmented, segment
from kg.extract.segment import paragraphs as segment_paragraphs
from kg.extract.tables import read_indicator_tables
from kg.extract.targets import TargetDraft, confidence, is_news
from kg.extract.tasks import FoundNote, responsibilities
from kg.ingest import (
    ErratumEntry,
    check_structure,
    crosscheck,
    extract_metadata,
    find_erratum_spans,
    read_source_text,
)
from kg.model import Clause, ExtractedDocument, Source, Target

_BATCH = 64


def extract_text(
    raw: str,
    *,
    source: Source,
    encoding: str = "utf-8",
    errata: Iterable[ErratumEntry] = (),
    notes: Iterable[str] = (),
    crosscheck_manifest: bool = True,
    ocr: bool = False,
) -> ExtractedDocument:
    """Run the whole pipeline on one raw text (``ocr``: the text was recognised from an image,
    so every figure is flagged for review)."""
    seg = segment(raw)
    metadata = extract_metadata(raw)
    doc = ExtractedDocument(
        source=source,
        raw=raw,
        encoding=encoding,
        metadata=metadata,
        sections=seg.sections,
        measures=seg.measures,
        clauses=seg.clauses,
        warnings=[
            *notes,
            *(crosscheck(source, metadata) if crosscheck_manifest else []),
            *(f"{source.id}: {r}" for r in seg.norm.repairs),
        ],
        sha256=hashlib.sha256(raw.encode("utf-8")).hexdigest(),
    )
    paragraphs = [
        (p.start, _item_number_apart(p.text) if p.start in seg.figure_items else p.text)
        for p in segment_paragraphs(seg.norm.text)
    ]
    nlp = get_nlp()
    context = DocContext(issued=_issued(metadata.date or source.date), news=is_news(raw))
    sdocs = [nlp.make_doc(text) for _, text in paragraphs]
    findings = _findings_spans(seg, title=metadata.title)
    for (offset, text), sdoc in zip(paragraphs, sdocs, strict=True):
        reports = (
            any(a <= offset < b for a, b in findings)
            or _reports_a_past_year(text, issued=context.issued)
            or _reports_the_present(text, issued=context.issued)
        )
        sdoc._.context = replace(context, findings=True) if reports else context
    drafts: list[tuple[int, TargetDraft]] = []
    notes_found: list[FoundNote] = []
    subjects: list[Mention] = []
    intro: TimePhrase | None = None  # a deadline that introduces a list (到2025年：)
    due: list[tuple[int, TimePhrase]] = []  # deadline phrases, for the clauses holding them
    opening: list[TimePhrase] = []  # the deadlines opening the last goals paragraph
    tables = read_indicator_tables(
        [text for _, text in paragraphs],
        issued_year=context.issued.year if context.issued else None,
    )
    table_drafts: dict[int, list[TargetDraft]] = {}
    for i, d in tables.drafts:
        table_drafts.setdefault(i, []).append(d)
    for index, ((offset, text), sdoc) in enumerate(
        zip(paragraphs, nlp.pipe(sdocs, batch_size=_BATCH), strict=True)
    ):
        listed = bool(_LIST_ITEM.match(text)) or offset in seg.figure_items
        intro = intro if listed else None
        if index in tables.cells:
            drafts += [(offset, d) for d in table_drafts.get(index, [])]
            continue
        before = paragraphs[index - 1][1] if index else ""
        opening = _goals_deadlines(
            text, sdoc._.time_phrases, heading=before, after_goals=bool(opening)
        )
        drafts += [(offset, _dated(d, intro=intro, opening=opening)) for d in sdoc._.targets]
        intro = _list_intro(text, sdoc._.time_phrases, heading=before) or intro
        due += [(offset, t) for t in sdoc._.time_phrases if t.kind == "deadline"]
        if sdoc._.note is not None:
            n = sdoc._.note
            notes_found.append(
                FoundNote(
                    offset + n.start,
                    offset + n.end,
                    n.content,
                    items=n.items,
                    closing=n.closing,
                    count=n.count,
                )
            )
        subjects += [
            replace(m, start=offset + m.start, end=offset + m.end) for m in sdoc._.subjects
        ]
    doc.clauses = _clauses_due(seg, due)
    doc.responsibilities = responsibilities(seg, notes_found, subjects, issuer=metadata.issuer)
    doc.targets = _row_deadlines(seg, _targets(seg, source.id, drafts, ocr=ocr), due)
    _apply_errata(doc, [e for e in errata if e.doc == source.id])
    return doc


def _findings_spans(seg: Segmented, *, title: str | None) -> list[tuple[int, int]]:
    """Clean spans of the sections and measures that report findings (基本情况, 存在问题,
    发展基础) or define grades (事件分级), and the opening of a bulletin (通报) before its
    first section."""
    rules = quantity_rules()
    headed = [(s.title, s.start, s.end) for s in seg.sections]
    headed += [(m.heading, m.start, m.end) for m in seg.measures]
    spans = [
        (seg.norm.clean_index(start), seg.norm.clean_index(end))
        for heading, start, end in headed
        if (
            _reports_findings(heading, rules.findings_headings, rules.findings_not_actions)
            and not any(w in heading for w in rules.findings_with_aims)
        )
        or any(w in heading for w in rules.definition_headings)
    ]
    if title and any(w in title for w in rules.bulletin_titles) and seg.sections:
        spans.append((0, seg.norm.clean_index(seg.sections[0].start)))
    return spans


def _reports_a_past_year(text: str, *, issued: date | None) -> bool:
    """2024年，全县…取得明显成效 in a plan of 2025: the paragraph reports that year, unless it
    goes on to a year to come (2022年，…为81.6%。到2025年，…) or opens a sentence with the
    plan's own year (2023年，…。2024年，…实现全覆盖 in a plan of 2024): then it states targets."""
    m = quantity_rules().past_year_opening.match(text)
    return (
        m is not None
        and issued is not None
        and int(m["year"]) < issued.year
        and all(int(y) <= issued.year for y in _YEAR.findall(text))
        and all(int(y) < issued.year for y in _SENTENCE_YEAR.findall(text))
    )


def _reports_the_present(text: str, *, issued: date | None) -> bool:
    """当前，我国…。我国抑郁症患病率达到2.1%: a paragraph describing the situation (a sentence
    opening on the present, no year to come, no requirement word; ``present_opening``)."""
    rules = quantity_rules()
    if not rules.present_opening.search(text) or any(w in text for w in rules.present_not_with):
        return False
    return issued is None or all(int(y) < issued.year for y in _YEAR.findall(text))


_YEAR = re.compile(r"((?:19|20)\d\d)年")
_SENTENCE_YEAR = re.compile(r"[。；;]\s*((?:19|20)\d\d)年(?:[，,]|(?:工作|主要)?目标|要|将|力争)")


def _reports_findings(heading: str, words: tuple[str, ...], actions: tuple[str, ...]) -> bool:
    """基本情况, 二、存在问题, 发展基础与面临形势: a heading naming what was found; not a slogan
    that ends with such a word (聚焦改革创新驱动，夯实事业发展基础)."""
    heading = heading.strip()
    if any(heading.startswith(w) for w in words):
        return True
    clause = re.split("[，,、；]", heading)[-1]
    return any(w in clause for w in words) and not clause.startswith(actions)


def _clauses_due(seg: Segmented, due: list[tuple[int, TimePhrase]]) -> list[Clause]:
    """Each clause with the first deadline phrase written in it (a work notice's 于4月14日前)."""
    by_index = {c.index: c for c in seg.clauses}
    locator = Locator(seg)
    for offset, t in due:
        start, _ = seg.norm.raw_span(offset + t.start, offset + t.end)
        clause = locator.clause_at(start)
        if clause is not None and by_index[clause.index].due is None:
            by_index[clause.index] = replace(clause, due=t.dates[-1], due_text=t.text)
    return [by_index[c.index] for c in seg.clauses]


def _row_deadlines(
    seg: Segmented, targets: list[Target], due: list[tuple[int, TimePhrase]]
) -> list[Target]:
    """A task table's row (序号 | 工作任务 | 责任单位 | 完成时限): a target of the row stating no
    deadline of its own takes the date standing in a cell of its own after it in the row."""
    rows = [m for m in seg.measures if m.level == "row"]
    cells = []
    for offset, t in due:
        start, end = seg.norm.raw_span(offset + t.start, offset + t.end)
        if _DATE_CELL.fullmatch(_cell_at(seg.norm.raw, start, end)):
            cells.append((start, t))
    out = []
    for target in targets:
        row = next((m for m in rows if m.start <= target.start < m.end), None)
        if row is not None:
            target = _within_its_cell(target)
        date_cell = row and next(
            (t for at, t in cells if target.start < at < row.end and t.dates), None
        )
        if target.deadline is None and target.kind != "baseline" and row is not None:
            if date_cell:
                target = replace(target, deadline=date_cell.dates[-1], deadline_text=date_cell.text)
            elif month := _month_cell(seg.norm.raw[target.end : row.end]):
                target = replace(target, deadline=month[0], deadline_text=month[1])
        out.append(target)
    return out


def _month_cell(rest_of_row: str) -> tuple[str, str] | None:
    """A cell of a month alone (2025年12月) in a task table's 完成时限 column: the task is due
    by that month's end (in running text a month alone dates an event, so only in a cell)."""
    for cell in rest_of_row.split("\t")[1:]:
        if m := _MONTH_CELL.fullmatch(cell.strip()):
            year, month = int(m[1]), int(m[2])
            if 1 <= month <= 12:
                last = calendar.monthrange(year, month)[1]
                return date(year, month, last).isoformat(), m[0]
    return None


_MONTH_CELL = re.compile(r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月")


def _within_its_cell(target: Target) -> Target:
    """A target read across the cells of a row (its clause ran on into the next cells) ends
    where the cell holding its value ends."""
    at = target.quote.find(target.value_text)
    ends = [i for i in (target.quote.find("\t", at), target.quote.find("\n", at)) if i >= 0]
    if at < 0 or not ends:
        return target
    quote = target.quote[: min(ends)].rstrip()
    return replace(target, quote=quote, end=target.start + len(quote))


def _cell_at(raw: str, start: int, end: int) -> str:
    """The table cell (text between tabs or line ends) holding raw[start:end]."""
    left = max(raw.rfind("\t", 0, start), raw.rfind("\n", 0, start)) + 1
    ends = [i for i in (raw.find("\t", end), raw.find("\n", end)) if i >= 0]
    return raw[left : min(ends, default=len(raw))].strip()


_DATE_CELL = re.compile(r"(?:于|在)?\S{0,14}?(?:年|月|日|底|末)(?:前|以前|之前|内)?(?:完成)?")


def _issued(day: str | None) -> date | None:
    try:
        return date.fromisoformat(day) if day else None
    except ValueError:
        return None


_LIST_ITEM = re.compile(r"^(?:\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[）)]|[①②③④⑤⑥⑦⑧⑨⑩]|——)")


def _item_number_apart(text: str) -> str:
    """5.70%以上的县级医院… read as item 5 (its point made a 、, offsets kept), not 5.70%."""
    m = _ITEM_POINT.match(text)
    return f"{text[: m.end() - 1]}、{text[m.end() :]}" if m else text


_ITEM_POINT = re.compile(r"^\s*\d{1,2}[.．]")


def _list_intro(text: str, times: list[TimePhrase], *, heading: str = "") -> TimePhrase | None:
    """到2025年：… ending a paragraph, a heading that is a deadline alone ((一)到2025年,
    1.到2027年底的目标), or a goals paragraph opening with one ((二)主要目标。到2025年，…。 or
    after a heading 发展目标): the deadline of the numbered items (1. ——) that follow it."""
    deadlines = [t for t in times if t.kind == "deadline"]
    if not deadlines:
        return None
    if text.rstrip().endswith(("：", ":")):
        return deadlines[-1]
    bare = _HEADING_MARK.sub("", text.strip(), count=1)
    rest = bare.replace(deadlines[-1].text, "", 1)
    if _AIMS_WORD.fullmatch(rest.strip(" ：:，,。")):
        return deadlines[-1]
    first = deadlines[0]
    return first if _opens_goals(text, first, heading=heading) else None


def _opens_goals(text: str, first: TimePhrase, *, heading: str, after_goals: bool = False) -> bool:
    """Whether a paragraph is a goals paragraph opening with the deadline ``first``
    ((二)主要目标。到2025年，…, or 到2025年，… after a heading 发展目标 or after the goals
    paragraph of an earlier year: 到2027年，…。 到2030年，…)."""
    bare = _HEADING_MARK.sub("", text.strip(), count=1)
    titled = _GOALS_TITLE.match(bare)  # 主要目标。到2025年，…
    opening = bare[titled.end() :] if titled else bare
    under_goals = (
        titled is not None
        or after_goals
        or bool(_GOALS_TITLE.fullmatch(_HEADING_MARK.sub("", heading.strip())))
    )
    return under_goals and opening.startswith(first.text)


_GOALS_TITLE = re.compile(r"(?:主要|发展|工作|总体|具体)?目标(?:任务)?[。：:]?")


_HEADING_MARK = re.compile(
    r"^(?:[（(][一二三四五六七八九十0-9]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.．、])"
)
_AIMS_WORD = re.compile(r"[底末]?(?:的?(?:主要|具体|工作|阶段|发展)?目标(?:任务)?)?")


def _goals_deadlines(
    text: str, times: list[TimePhrase], *, heading: str, after_goals: bool
) -> list[TimePhrase]:
    """The deadlines of a goals paragraph that opens with one (发展目标。到2025年，体系更加完善。
    全省孕产妇死亡率下降到12/10万以下…): each dates the later sentences of the paragraph that
    name none, as the aims of that year; elsewhere a deadline covers its own sentence."""
    deadlines = [t for t in times if t.kind == "deadline" and not t.past]
    if deadlines and _opens_goals(text, deadlines[0], heading=heading, after_goals=after_goals):
        return deadlines
    return []


def _dated(d: TargetDraft, *, intro: TimePhrase | None, opening: list[TimePhrase]) -> TargetDraft:
    """A draft without a deadline, dated by its list's intro or its goals paragraph's opening."""
    if d.deadline is not None:
        return d
    if intro is not None:
        return _with_deadline(d, intro)
    last = next((t for t in reversed(opening) if t.end <= d.start), None)
    return _with_deadline(d, last) if last is not None and len(last.dates) == 1 else d


def _with_deadline(d: TargetDraft, intro: TimePhrase) -> TargetDraft:
    return replace(d, deadline=intro.dates[0], deadline_text=intro.text)


def extract_file(
    path: Path,
    *,
    source: Source,
    errata: Iterable[ErratumEntry] = (),
    crosscheck_manifest: bool = True,
) -> ExtractedDocument:
    """Read (any encoding the ingest step accepts), check the structure, extract."""
    decoded = read_source_text(path)
    check_structure(decoded.text, path=path)
    return extract_text(
        decoded.text,
        source=source,
        encoding=decoded.encoding,
        errata=errata,
        notes=decoded.notes,
        crosscheck_manifest=crosscheck_manifest,
    )


def _targets(
    seg: Segmented, doc_id: str, drafts: list[tuple[int, TargetDraft]], *, ocr: bool
) -> list[Target]:
    out: list[Target] = []
    locator = Locator(seg)
    for offset, d in drafts:
        start, end = seg.norm.raw_span(offset + d.start, offset + d.end)
        section, measure = locator.at(start)
        ref, clause = measure or section, locator.clause_at(start)
        review = (*d.review, "OCR text") if ocr else d.review
        out.append(
            Target(
                doc=doc_id,
                measure_ref=ref,
                start=start,
                end=end,
                quote=seg.norm.raw[start:end],
                subject=d.subject,
                value=float(tidy(d.value)),
                value_max=None if d.value_max is None else float(tidy(d.value_max)),
                unit=d.unit,
                comparator=d.comparator,
                deadline=d.deadline,
                start_year=d.start_year,
                periodicity=d.periodicity,
                kind=d.kind,
                value_text=d.value_text,
                deadline_text=d.deadline_text,
                clause_index=clause.index if clause else None,
                seq=len(out) + 1,
                reference_year=d.reference_year,
                change=d.change,
                baseline_value=d.baseline_value,
                baseline_year=d.baseline_year,
                nature=d.nature,
                review=review,
                confidence=confidence(review),
            )
        )
    return out


def _apply_errata(doc: ExtractedDocument, errata: list[ErratumEntry]) -> None:
    """Correct evident source errors, keeping the value as written beside the correction."""
    for entry in errata:
        e = entry.erratum
        spans = find_erratum_spans(doc.raw, e.quote)
        if not spans:
            doc.warnings.append(
                f"{doc.source.id}: erratum {e.id} quotes {e.quote!r}, which is not in the text; "
                "fix the quote in ingest/errata.toml"
            )
            continue
        hits = 0
        for i, t in enumerate(doc.targets):
            if not any(a <= t.start < b or t.start <= a < t.end for a, b in spans):
                continue
            current = t.value if e.field == "value" else t.value_max
            if current is None or abs(current - e.as_written) > 1e-9:
                continue
            if e.field == "value":
                doc.targets[i] = replace(t, value=e.corrected, value_as_written=current, erratum=e)
            else:
                doc.targets[i] = replace(
                    t, value_max=e.corrected, value_max_as_written=current, erratum=e
                )
            hits += 1
        if not hits:
            doc.warnings.append(
                f"{doc.source.id}: erratum {e.id} matched no extracted value {e.as_written} in "
                f"{e.quote!r}; check its field and as_written in ingest/errata.toml"
            )


def source_for_path(path: Path, *, doc_id: str | None = None, city: str | None = None) -> Source:
    """A manifest-like record for an arbitrary file given to ``kg extract``."""
    if not path.name:
        raise InputError(f"{path} is not a file path.", fix="Pass the path of a text file.")
    return Source(
        id=doc_id or path.stem,
        city=city or "",
        jurisdiction="",
        issuer="",
        doc_number=None,
        date=None,
        title="",
        path=str(path),
    )
