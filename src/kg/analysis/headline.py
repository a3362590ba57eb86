"""The headline answer (each city's target for the share of licensed village doctors) as a few
plain lines per target, short enough for an 80-column terminal instead of a 13-column table."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kg.analysis.export import figure_text
from kg.extract.normalize import normalize
from kg.store.embedded import Store
from kg.store.queries import select

HEADLINE_QUERY = "village_doctor_share"


@dataclass(frozen=True)
class HeadlineTarget:
    city: str
    city_en: str
    figure: str
    deadline: str | None
    doc: str
    doc_number: str | None
    measure: str | None
    start: int
    end: int
    quote: str

    def lines(self) -> list[str]:
        """City and figure, then the source (文号, document, measure, raw offsets), then the
        quote as the extraction read it (hard line breaks of the source joined)."""
        by = f" by {self.deadline}" if self.deadline else ""
        source = " ".join(p for p in (self.doc_number, self.doc, self.measure) if p)
        return [
            f"{self.city} {self.city_en}: {self.figure}{by}",
            f"  {source} [{self.start}, {self.end})",
            f"  “{self.quote}”",
        ]


def _target(row: dict[str, Any]) -> HeadlineTarget:
    return HeadlineTarget(
        city=row["city"],
        city_en=row["city_en"],
        figure=figure_text(row),
        deadline=row.get("deadline"),
        doc=row["doc"],
        doc_number=row.get("doc_number"),
        measure=row.get("measure"),
        start=row["start"],
        end=row["end"],
        quote=normalize(row["quote"]).text.replace("\n", " "),
    )


def headline(store: Store) -> list[HeadlineTarget]:
    """Every city's target on the headline indicator, by city and deadline."""
    return [_target(row) for row in select(store, HEADLINE_QUERY)]


def headline_lines(store: Store) -> list[str]:
    """The headline answer as plain lines, a blank line between targets."""
    lines: list[str] = []
    for target in headline(store):
        lines += [*([""] if lines else []), *target.lines()]
    return lines
