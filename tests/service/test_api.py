"""The web service in process (TestClient over the real build): resources, provenance, the one
error shape, OpenAPI, linked data and limits."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

ERROR_KEYS = {"code", "message", "fix"}


def _error(response) -> dict:
    body = response.json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == ERROR_KEYS, body
    assert body["error"]["message"] and body["error"]["fix"]
    assert "Traceback" not in response.text
    return body["error"]


def test_api_cities_have_their_hierarchy(api_client: TestClient) -> None:
    city = api_client.get("/cities/laiyang").json()
    assert city["hierarchy"] == ["laiyang", "yantai", "shandong", "china"]
    assert city["documents"] == ["laiyang-2024-28"]
    listed = api_client.get("/cities").json()
    assert {c["id"] for c in listed["items"]} >= {"laiyang", "qingdao", "xiamen", "china"}


def test_api_documents_give_metadata_citations_structure_and_text(api_client: TestClient) -> None:
    doc = api_client.get("/documents/laiyang-2024-28").json()
    assert doc["doc_number"] == "莱政办字〔2024〕28号" and doc["city"] == "laiyang"
    assert any(c["doc_number"] == "烟政办字〔2024〕59号" for c in doc["cites"])
    cited = api_client.get("/documents/qingdao-2024-49").json()
    assert "qingdao-2025-ygt" in cited["cited_by"]
    text = api_client.get("/documents/laiyang-2024-28/text").json()["text"]
    structure = api_client.get("/documents/laiyang-2024-28/structure").json()
    assert structure["sections"] and structure["measures"] and structure["clauses"]
    clause = structure["clauses"][5]
    assert text[clause["start"] : clause["end"]].replace("\n", "") == clause["text"].replace(
        "\n", ""
    )
    assert api_client.get("/documents?city=qingdao").json()["total"] == 2


def test_api_tasks_list_lead_and_co_units_in_order(api_client: TestClient) -> None:
    task = api_client.get("/tasks/laiyang-2024-28/9").json()
    assert [u["name"] for u in task["lead"]] == ["市卫生健康局"]
    assert [u["name"] for u in task["co"]] == [
        "市委编办",
        "市人力资源和社会保障局",
        "市行政审批服务局",
    ]
    assert [u["order"] for u in task["co"]] == [1, 2, 3]
    assert task["lead"][0]["function"] == "health"


def _units(task: dict) -> list[dict]:
    return task["lead"] + task["co"] + task["implicit"]


@pytest.mark.parametrize(
    ("query", "check"),
    [
        ("city=laiyang", lambda t: t["city"] == "laiyang"),
        (
            "function=finance",
            lambda t: any(u["function"] == "finance" for u in t["lead"] + t["co"]),
        ),
        ("unit=市财政局", lambda t: any(u["name"] == "市财政局" for u in _units(t))),
        ("q=医保", lambda t: True),
    ],
)
def test_api_tasks_filter(api_client: TestClient, query: str, check) -> None:
    page = api_client.get(f"/tasks?{query}&limit=500").json()
    assert 0 < page["total"] == len(page["items"])
    assert all(check(t) for t in page["items"])
    assert page["total"] < api_client.get("/tasks?limit=1").json()["total"]


def test_api_units_list_their_tasks_by_role(api_client: TestClient) -> None:
    units = api_client.get("/units?city=laiyang&function=finance").json()["items"]
    assert len(units) == 1
    unit = api_client.get(f"/units/{units[0]['id']}").json()
    assert unit["name_zh"] == "莱阳市财政局"
    assert unit["tasks"]["co"] and all(t["doc"] == "laiyang-2024-28" for t in unit["tasks"]["co"])


def test_api_targets_link_every_figure_to_its_source(api_client: TestClient) -> None:
    page = api_client.get("/targets?indicator=village-doctor-licensed-share").json()
    assert {(t["city"], t["value"], t["deadline"]) for t in page["items"]} == {
        ("laiyang", 50, "2025-12-31"),
        ("qingdao", 60, "2025-12-31"),
    }
    for t in page["items"]:
        text = api_client.get(f"/documents/{t['doc']}/text").json()["text"]
        assert text[t["source"]["start"] : t["source"]["end"]] == t["source"]["quote"]
        assert t["source"]["clause"].startswith(t["iri"].split("/target/")[0] + "/clause/")
    one = api_client.get(f"/targets/{page['items'][0]['id']}").json()
    assert one == page["items"][0]


def test_api_clean_text_maps_every_raw_span_onto_the_text_the_extraction_read(
    api_client: TestClient,
) -> None:
    from bisect import bisect_left

    from kg.extract.normalize import normalize

    page = api_client.get("/targets?indicator=village-doctor-licensed-share").json()
    qingdao = next(t for t in page["items"] if t["city"] == "qingdao")
    raw = api_client.get(f"/documents/{qingdao['doc']}/text").json()
    clean = api_client.get(f"/documents/{qingdao['doc']}/text/clean").json()
    assert clean["text"] == normalize(raw["text"]).text and clean["raw_length"] == raw["length"]
    offsets = [r + i for _c, r, n in clean["raw_runs"] for i in range(n)]
    assert len(offsets) == clean["length"] == len(clean["text"])
    start, end = (bisect_left(offsets, qingdao["source"][k]) for k in ("start", "end"))
    assert "\n" in qingdao["source"]["quote"]  # the raw quote is hard-wrapped ...
    assert clean["text"][start:end] == (  # ... the clean one reads as one sentence
        "乡村医生中具备执业（助理）医师、乡村全科执业助理医师资格人员比例达到60%以上"
    )
    assert api_client.get("/documents/nope/text/clean").status_code == 404


def test_api_targets_filter_by_kind_and_deadline(api_client: TestClient) -> None:
    everything = api_client.get("/targets?limit=500").json()
    early = api_client.get("/targets?deadline_before=2025-12-31&limit=500").json()["items"]
    late = api_client.get("/targets?deadline_after=2026-01-01&limit=500").json()["items"]
    assert early and late and len(early) + len(late) < everything["total"]
    assert all(t["deadline"] <= "2025-12-31" for t in early)
    assert all(t["deadline"] >= "2026-01-01" for t in late)
    funding = api_client.get("/targets?kind=funding&city=qingdao&limit=500").json()["items"]
    assert funding and all(t["kind"] == "funding" and t["city"] == "qingdao" for t in funding)


def test_api_lists_paginate_with_a_total(api_client: TestClient) -> None:
    first = api_client.get("/targets?limit=3&offset=0").json()
    second = api_client.get("/targets?limit=3&offset=3").json()
    assert first["total"] == second["total"] > 6
    assert len(first["items"]) == 3 and first["items"][0] != second["items"][0]


def test_api_search_finds_clauses_with_every_term(api_client: TestClient) -> None:
    hits = api_client.get("/search?q=乡村医生 执业&limit=100").json()
    assert hits["total"] > 0
    assert all("乡村医生" in h["text"] and "执业" in h["text"] for h in hits["items"])
    assert api_client.get('/search?q="}} INSERT').json()["total"] == 0


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("get", "/cities/atlantis", 404, "not_found"),
        ("get", "/no/such/route", 404, "not_found"),
        ("delete", "/cities", 405, "method_not_allowed"),
        ("get", "/targets?limit=0", 422, "invalid_request"),
        ("get", "/targets?deadline_before=soon", 422, "invalid_request"),
        ("get", "/sparql?query=ASK%20%7B", 400, "bad_query"),
        ("get", "/sparql?query=INSERT%20DATA%20%7B%7D", 403, "forbidden_query"),
        ("get", "/id/doc/nothing-here", 404, "not_found"),
    ],
)
def test_api_every_error_has_one_shape(
    api_client: TestClient, method: str, path: str, status: int, code: str
) -> None:
    response = api_client.request(method, path)
    assert response.status_code == status
    assert _error(response)["code"] == code


def test_api_unexpected_errors_are_500_without_a_trace(built_data: Path) -> None:
    from api.app import create_app
    from api.settings import Settings

    app = create_app(Settings(store=built_data / "store", workers=1))

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret internals")

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/boom")
    assert response.status_code == 500
    assert _error(response)["code"] == "internal_error"
    assert "secret" not in response.text


def test_api_openapi_has_a_description_and_example_for_every_route(
    api_client: TestClient,
) -> None:
    spec = api_client.get("/openapi.json").json()
    assert spec["info"]["description"]
    assert api_client.get("/docs").status_code == 200
    for path, operations in spec["paths"].items():
        for method, op in operations.items():
            assert op.get("description"), f"{method} {path} has no description"
            content = op["responses"]["200"].get("content", {})
            assert any("example" in c for c in content.values()), f"{method} {path}: no example"


def test_api_linked_data_negotiates_html_jsonld_turtle(api_client: TestClient) -> None:
    path = "/id/doc/laiyang-2024-28/target/14"
    page = api_client.get(path, headers={"accept": "text/html"})
    assert page.headers["content-type"].startswith("text/html") and "乡村医生" in page.text
    assert 'href="/id/doc/laiyang-2024-28/clause/' in page.text
    turtle = api_client.get(path, headers={"accept": "text/turtle"})
    assert turtle.headers["content-type"].startswith("text/turtle")
    assert "pol:Target" in turtle.text
    jsonld = api_client.get(path, headers={"accept": "application/ld+json"})
    assert any(n.get("@id", "").endswith("/target/14") for n in jsonld.json())
    for resource in (
        "doc/laiyang-2024-28",
        "doc/laiyang-2024-28/measure/9",
        "org/laiyang/finance-15ea50a5",
        "indicator/village-doctor-licensed-share",
    ):
        assert api_client.get(f"/id/{resource}?format=ttl").status_code == 200, resource


def test_api_refuses_large_requests(built_data: Path) -> None:
    from api.app import create_app
    from api.settings import Settings

    app = create_app(Settings(store=built_data / "store", workers=1, max_request_bytes=2048))
    with TestClient(app, raise_server_exceptions=False) as client:
        body = "ASK {}" + " " * 5000
        response = client.post(
            "/sparql", content=body, headers={"content-type": "application/sparql-query"}
        )
        assert response.status_code == 413
        assert _error(response)["code"] == "request_too_large"
        assert client.get("/search?q=" + "x" * 3000).status_code == 413


def test_api_cors_allows_configured_origins(built_data: Path) -> None:
    from api.app import create_app
    from api.settings import Settings

    settings = Settings(store=built_data / "store", workers=1, cors_origins="https://a.example")
    with TestClient(create_app(settings)) as client:
        allowed = client.get("/health", headers={"origin": "https://a.example"})
        other = client.get("/health", headers={"origin": "https://b.example"})
    assert allowed.headers["access-control-allow-origin"] == "https://a.example"
    assert "access-control-allow-origin" not in other.headers


def test_api_indicators_compare_cities_with_sources(api_client: TestClient) -> None:
    listed = api_client.get("/indicators").json()
    assert "village-doctor-licensed-share" in {i["indicator"] for i in listed["items"]}
    rows = api_client.get("/indicators/village-doctor-licensed-share/compare").json()
    assert {(r["city"], r["value"]) for r in rows} == {("laiyang", 50), ("qingdao", 60)}
    assert all(r["quote"] and r["clause"] and r["target"] for r in rows)
    only = api_client.get("/indicators/village-doctor-licensed-share/compare?cities=laiyang").json()
    assert {r["city"] for r in only} == {"laiyang"}
    assert api_client.get("/indicators/no-such-indicator/compare").status_code == 404


def test_api_diff_sets_two_cities_side_by_side(api_client: TestClient) -> None:
    diff = api_client.get("/diff/laiyang/qingdao").json()
    assert (diff["city_a"], diff["city_b"]) == ("laiyang", "qingdao")
    shared = {s["indicator"]: s for s in diff["shared"]}
    doctors = shared["village-doctor-licensed-share"]
    assert (doctors["a"]["value"], doctors["b"]["value"]) == (50, 60)
    assert doctors["more_ambitious"] == "qingdao"
    assert _error(api_client.get("/diff/laiyang/laiyang"))["code"] == "bad_query"


def test_api_kg_serve_without_a_build_says_to_build(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kg.cli import app

    result = CliRunner().invoke(app, ["serve", "--store", str(tmp_path / "none")])
    assert result.exit_code == 2 and "kg build" in result.output


def test_api_indicators_compare_pages_with_a_total_and_next_link(api_client: TestClient) -> None:
    url = "/indicators/village-doctor-licensed-share/compare"
    first = api_client.get(url, params={"limit": 1})
    assert first.headers["X-Total-Count"] == "2"
    assert [r["city"] for r in first.json()] == ["laiyang"]
    following = first.headers["Link"].split(";")[0].strip("<>")
    second = api_client.get(following)
    assert [r["city"] for r in second.json()] == ["qingdao"]
    assert "Link" not in second.headers


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "青岛"}, {"qingdao"}),
        ({"q": "Qingdao"}, {"qingdao"}),
        ({"q": "qingdao"}, {"qingdao"}),
        ({"q": "qd"}, {"qingdao"}),
        ({"q": "ly"}, {"laiyang"}),
        ({"parent": "shandong"}, {"qingdao", "yantai"}),
        ({"parent": "yantai"}, {"laiyang"}),
        ({"level": "province"}, {"shandong", "fujian"}),
        ({"level": "province", "documented": "true"}, set()),
    ],
)
def test_api_cities_are_found_by_name_pinyin_parent_and_level(
    api_client: TestClient, params: dict[str, str], expected: set[str]
) -> None:
    found = api_client.get("/cities", params=params).json()["items"]
    assert {c["id"] for c in found} == expected


def test_api_cities_count_their_documents(api_client: TestClient) -> None:
    found = api_client.get("/cities", params={"documented": "true"}).json()["items"]
    assert {c["id"]: c["document_count"] for c in found} == {
        "laiyang": 1,
        "qingdao": 2,
        "xiamen": 1,
        "yantai": 1,
    }


def test_api_matrix_compares_the_chosen_jurisdictions_a_page_of_indicators_at_a_time(
    api_client: TestClient,
) -> None:
    everyone = api_client.get("/matrix").json()
    assert [c["id"] for c in everyone["cities"]] == ["laiyang", "qingdao", "xiamen", "yantai"]
    two = api_client.get("/matrix", params={"cities": ["莱阳", "qingdao"], "limit": 5}).json()
    assert [c["id"] for c in two["cities"]] == ["laiyang", "qingdao"]
    assert len(two["rows"]) == 5 and two["total_indicators"] > 5
    assert all(set(r["cells"]) <= {"laiyang", "qingdao"} for r in two["rows"])
    # the most widely shared first: the village-doctor row has both cities
    assert len(two["rows"][0]["cells"]) == 2
    rest = api_client.get(
        "/matrix", params={"cities": ["laiyang", "qingdao"], "offset": 5, "limit": 500}
    ).json()
    shown = [r["indicator"] for r in two["rows"]] + [r["indicator"] for r in rest["rows"]]
    assert len(shown) == len(set(shown)) == two["total_indicators"]
    assert api_client.get("/matrix", params={"cities": ["atlantis"]}).status_code == 404


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_api_docs_pages_load_their_assets_from_this_server(
    api_client: TestClient, path: str
) -> None:
    import re

    page = api_client.get(path)
    assert page.status_code == 200
    urls = re.findall(r'(?:src|href|url)\s*[=:]\s*["\']([^"\']+)["\']', page.text)
    assert urls and all(u.startswith("/") and not u.startswith("//") for u in urls), urls
    assert not re.search(r"https?://", page.text), "the page names an external host"
    scripts = [u for u in urls if u.endswith((".js", ".css"))]
    assert scripts
    for url in scripts:
        asset = api_client.get(url)
        assert asset.status_code == 200 and len(asset.content) > 10_000, url


def test_api_sparql_from_restricts_the_dataset_and_protocol_graphs_override_it(
    api_client: TestClient,
) -> None:
    laiyang = "https://w3id.org/policy-kg/graph/laiyang-2024-28"

    def count(query: str, **graphs: str) -> int:
        params = {"query": query, **{k.replace("_", "-"): v for k, v in graphs.items()}}
        response = api_client.get(
            "/sparql", params=params, headers={"accept": "application/sparql-results+json"}
        )
        assert response.status_code == 200, response.text
        return int(response.json()["results"]["bindings"][0]["n"]["value"])

    everything = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    nothing = "SELECT (COUNT(*) AS ?n) FROM <urn:nothing> WHERE { ?s ?p ?o }"
    one = f"SELECT (COUNT(*) AS ?n) FROM <{laiyang}> WHERE {{ ?s ?p ?o }}"
    assert count(nothing) == 0
    assert 0 < count(one) < count(everything)
    assert count(nothing, default_graph_uri=laiyang) == count(one)
    named = (
        f"SELECT (COUNT(DISTINCT ?g) AS ?n) FROM NAMED <{laiyang}> {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    )
    assert count(named) == 1


def test_api_sparql_graph_name_that_is_no_iri_is_a_400(api_client: TestClient) -> None:
    response = api_client.get(
        "/sparql", params={"query": "ASK { ?s ?p ?o }", "default-graph-uri": "not an iri"}
    )
    assert response.status_code == 400
    assert "not an absolute IRI" in response.json()["error"]["message"]
