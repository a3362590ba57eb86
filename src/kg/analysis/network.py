"""Who is responsible, compared: the unit functions that share tasks, city by city.

Units are compared by their function (``health``, ``finance``, ... in ontology/functions.ttl),
because the same office has a different name in every city (市卫生健康委, 市卫生健康局,
市卫健委). A city's network has one node per function and an edge between two functions
listed for the same task (measure). Roles are the graph's own: a lead is labelled 牵头,
listed first under a stated rule, or, where a document states no rule, listed first
(``led_inferred`` counts those). Implicit units (每项任务均需各区、市政府落实) are responsible
for every task without being listed, so they are counted on their node but draw no edges.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations
from typing import Any

import networkx as nx

from kg.analysis.compare import Queryable, _select, indicator, leads, resolve_city

Row = dict[str, Any]


def _rows(store: Queryable) -> list[Row]:
    return _select(store, "responsibility_network")


def _network(city: str, rows: list[Row]) -> nx.Graph:
    """The network of one city's responsibility rows (see :func:`responsibility_network`)."""
    graph = nx.Graph(city=city)
    tasks: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    by_role: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in rows:
        function, role, task = r["function"], r["role"], r["task"]
        graph.add_node(function, label_zh=r.get("function_zh"), label_en=r.get("function_en"))
        by_role[function][role].add(task)
        if role == "lead" and r.get("lead_basis") == "inferred-order":
            by_role[function]["lead_inferred"].add(task)
        if role in ("lead", "co"):
            tasks[task][role].add(function)
    for function, roles in by_role.items():
        graph.nodes[function].update(
            led=len(roles["lead"]),
            led_inferred=len(roles["lead_inferred"]),
            co_signed=len(roles["co"]),
            implicit=len(roles["implicit"]),
        )
    for roles in tasks.values():
        for a, b in combinations(sorted(roles["lead"] | roles["co"]), 2):
            if not graph.has_edge(a, b):
                graph.add_edge(a, b, weight=0, lead_co=Counter())
            graph.edges[a, b]["weight"] += 1
        for lead in roles["lead"]:
            for co in roles["co"] - {lead}:
                graph.edges[lead, co]["lead_co"][lead] += 1
    graph.graph["tasks"] = len(tasks)
    return graph


def responsibility_network(store: Queryable, city: str) -> nx.Graph:
    """One city's network of unit functions.

    Nodes are functions with ``label_zh``, ``label_en`` and the number of tasks each ``led``
    (``led_inferred`` of them only by list order), ``co_signed`` and was ``implicit`` for.
    An edge joins two functions listed (lead or co) for the same task: ``weight`` is the
    number of such tasks and ``lead_co`` counts, by the leading function, the tasks one led
    while the other co-signed. ``graph.graph["tasks"]`` is the number of tasks with listed
    units. ``city`` is an id, Chinese or English name.
    """
    wanted = resolve_city(store, city)
    return _network(wanted, [r for r in _rows(store) if r["city"] == wanted])


def _function_rows(graph: nx.Graph) -> list[Row]:
    tasks = graph.graph["tasks"]
    rows = [
        {
            "city": graph.graph["city"],
            "function": function,
            "label_zh": attrs.get("label_zh"),
            "label_en": attrs.get("label_en"),
            "tasks": tasks,
            "led": attrs["led"],
            "led_inferred": attrs["led_inferred"],
            "co_signed": attrs["co_signed"],
            "implicit": attrs["implicit"],
            "lead_share": round(attrs["led"] / tasks, 3) if tasks else 0.0,
        }
        for function, attrs in graph.nodes(data=True)
    ]
    return sorted(rows, key=lambda r: (-r["led"], -r["co_signed"], r["function"]))


def lead_counts(store: Queryable) -> list[Row]:
    """Per city and function: tasks led and co-signed, and the share of the city's tasks led.

    Answers which functions lead most tasks; ``led_inferred`` says how many of the leads are
    only the first-listed unit of a document that states no lead rule.
    """
    by_city: dict[str, list[Row]] = defaultdict(list)
    for r in _rows(store):
        by_city[r["city"]].append(r)
    return [
        row for city in sorted(by_city) for row in _function_rows(_network(city, by_city[city]))
    ]


def top_pairs(graph: nx.Graph, *, limit: int = 10) -> list[Row]:
    """The function pairs of a network that share the most tasks, strongest first."""
    rows = []
    for u, v, attrs in graph.edges(data=True):
        # the usual leader of the pair first: "health -> finance", not "finance - health"
        a, b = sorted((u, v), key=lambda f: (-attrs["lead_co"][f], f))
        rows.append(
            {
                "a": a,
                "b": b,
                "shared_tasks": attrs["weight"],
                "a_led_b_co": attrs["lead_co"][a],
                "b_led_a_co": attrs["lead_co"][b],
            }
        )
    rows.sort(key=lambda r: (-r["shared_tasks"], -r["a_led_b_co"], r["a"], r["b"]))
    return rows[:limit]


def network_summary(store: Queryable, city: str, *, top: int = 10) -> Row:
    """A city's functions by tasks led and its strongest co-responsibility pairs."""
    graph = responsibility_network(store, city)
    return {
        "city": graph.graph["city"],
        "tasks": graph.graph["tasks"],
        "functions": _function_rows(graph),
        "pairs": top_pairs(graph, limit=top),
    }


def compare_networks(
    store: Queryable, cities: list[str] | None = None, *, top: int = 5
) -> list[Row]:
    """Cities side by side: one row per city with every function's lead share and its
    ``top`` strongest co-responsibility pairs.

    ``lead_share`` has the same functions, in the same order (most tasks led over all the
    cities first), in every row, so the rows line up as columns of one table.
    """
    rows = _rows(store)
    wanted = (
        sorted({resolve_city(store, c) for c in cities})
        if cities
        else sorted({r["city"] for r in rows})
    )
    graphs = [_network(c, [r for r in rows if r["city"] == c]) for c in wanted]
    led: Counter[str] = Counter()
    for g in graphs:
        led.update({f: attrs["led"] for f, attrs in g.nodes(data=True)})
    functions = sorted(led, key=lambda f: (-led[f], f))
    return [
        {
            "city": g.graph["city"],
            "tasks": g.graph["tasks"],
            "lead_share": {
                f: round(g.nodes[f]["led"] / g.graph["tasks"], 3)
                if f in g and g.graph["tasks"]
                else 0.0
                for f in functions
            },
            "top_pairs": top_pairs(g, limit=top),
        }
        for g in graphs
    ]


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def leads_by_indicator(store: Queryable, indicator_id: str) -> list[Row]:
    """Who leads and who co-signs the measures that set targets on one indicator, city by city.

    One row per city and measure, units and their functions in the document's order.
    """
    indicator(store, indicator_id)  # raises NotFoundError with a fix for an unknown id
    grouped: dict[tuple[str, str, str], dict[tuple[str, int], Row]] = defaultdict(dict)
    for r in leads(store, indicator_id):
        grouped[(r["city"], r["doc"], r["measure"])][(r["role"], r["order"])] = r
    out = []
    for (city, doc, measure), units in sorted(grouped.items()):
        ordered = [units[k] for k in sorted(units)]
        row: Row = {"city": city, "doc": doc, "measure": measure}
        for role in ("lead", "co", "implicit"):
            mine = [u for u in ordered if u["role"] == role]
            row[role] = [u["unit"] for u in mine]
            row[f"{role}_functions"] = _unique([u["function"] for u in mine])
        out.append(row)
    return out
