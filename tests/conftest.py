"""Shared fixtures: tiny hand-built pipeline records (kg.model) for the graph, validation and
store tests. Offsets are computed from the fixture text, so the records obey the contract
``raw[start:end] == quote`` the way the real pipeline must."""

from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path

import pytest

from kg.model import (
    Clause,
    DocMetadata,
    Erratum,
    ExtractedDocument,
    Measure,
    Responsibility,
    Section,
    Source,
    Target,
)

QINGDAO_RAW = (
    "青岛市测试措施\n"
    "一、强化基层网络\n"
    "（一）布局社区卫生服务网络。到2025年，每万人口全科医生数达到4人以上；"
    "按照常住人口1—15‰核定乡镇卫生院编制。"
    "（责任单位：市卫生健康委、市人力资源社会保障局。列第一位的为牵头单位，其他单位按职责分工负责；"
    "每项任务均需各区、市政府落实，不再逐一列出，下同）\n"
    "（二）提高保障水平。医保基金支付比例提高到5—10%。（责任单位：市医保局、市卫健委）\n"
)

XIAMEN_RAW = (
    "厦门市测试方案\n"
    "一、提升能力\n"
    "（一）落实青政办字〔2099〕1号。基层诊疗量占比达到65%以上。"
    "（责任单位：各区人民政府，市卫健委、资源规划局）\n"
)


def _span(raw: str, text: str) -> tuple[int, int]:
    start = raw.index(text)
    return start, start + len(text)


def _clauses(raw: str, measures: list[Measure], section_ref: str) -> list[Clause]:
    """Sentences/clauses ended by 。 or ；, each assigned to the measure that holds it."""
    clauses = []
    for match in re.finditer(r"[^。；\n]+[。；]", raw):
        start, end = match.span()
        measure = next((m for m in measures if m.start <= start < m.end), None)
        clauses.append(
            Clause(
                index=len(clauses),
                measure_ref=measure.ref if measure else None,
                section_ref=section_ref if measure else None,
                start=start,
                end=end,
                text=match.group(0),
            )
        )
    return clauses


def _target(raw: str, doc: str, measure: str, quote: str, seq: int, **fields) -> Target:
    start, end = _span(raw, quote)
    values = dict(
        doc=doc,
        measure_ref=measure,
        start=start,
        end=end,
        quote=quote,
        value_max=None,
        deadline=None,
        start_year=None,
        periodicity=None,
        kind="target",
        seq=seq,
    )
    values.update(fields)
    return Target(**values)


def make_qingdao_doc() -> ExtractedDocument:
    raw = QINGDAO_RAW
    m1_start, _ = _span(raw, "（一）")
    m2_start, _ = _span(raw, "（二）")
    measures = [
        Measure("一(一)", "一", 1, "布局社区卫生服务网络", m1_start, m2_start),
        Measure("一(二)", "一", 2, "提高保障水平", m2_start, len(raw)),
    ]
    s_start, _ = _span(raw, "一、")
    sections = [Section("一", 1, "强化基层网络", s_start, len(raw))]
    note1 = _span(raw, "（责任单位：市卫生健康委、市人力资源社会保障局。")
    note2 = _span(raw, "（责任单位：市医保局、市卫健委）")
    erratum = Erratum(
        id="test-e1",
        quote="按照常住人口1—15‰核定乡镇卫生院编制",
        field="value_max",
        as_written=15,
        corrected=1.5,
        reason="The decimal point was lost.",
        author="tests",
        date="2026-01-01",
    )
    doc = "qingdao-test"
    targets = [
        _target(
            raw,
            doc,
            "一(一)",
            "每万人口全科医生数达到4人以上",
            1,
            subject="每万人口全科医生数",
            value=4,
            unit="人/万人口",
            comparator=">=",
            deadline="2025-12-31",
            deadline_text="到2025年",
            value_text="4人",
        ),
        _target(
            raw,
            doc,
            "一(一)",
            "按照常住人口1—15‰核定乡镇卫生院编制",
            2,
            subject="乡镇卫生院编制",
            value=1,
            value_max=1.5,
            unit="‰",
            comparator="range",
            kind="standard",
            value_text="1—15‰",
            erratum=erratum,
            value_max_as_written=15,
        ),
        _target(
            raw,
            doc,
            "一(二)",
            "医保基金支付比例提高到5—10%",
            3,
            subject="医保基金支付比例",
            value=5,
            value_max=10,
            unit="%",
            comparator="range",
            value_text="5—10%",
            indicator="insurance-reimbursement-share",
        ),
    ]
    responsibilities = [
        Responsibility(
            measure_ref="一(一)",
            heading="布局社区卫生服务网络",
            start=m1_start,
            end=m2_start,
            note_start=note1[0],
            note_end=raw.index("）\n", note1[0]) + 1,
            units_as_written="市卫生健康委、市人力资源社会保障局",
            lead=("市卫生健康委",),
            co=("市人力资源社会保障局",),
            lead_basis="stated-order",
            implicit="各区、市政府",
        ),
        Responsibility(
            measure_ref="一(二)",
            heading="提高保障水平",
            start=m2_start,
            end=len(raw),
            note_start=note2[0],
            note_end=note2[1],
            units_as_written="市医保局、市卫健委",
            lead=("市医保局",),
            co=("市卫健委",),
            lead_basis="stated-order",
            implicit="各区市政府",
        ),
    ]
    return ExtractedDocument(
        source=Source(
            id=doc,
            city="青岛",
            jurisdiction="qingdao",
            issuer="青岛市人民政府办公厅",
            doc_number="青政办字〔2099〕1号",
            date="2099-01-02",
            title="青岛市测试措施",
            path="corpus/qingdao-test.txt",
            cites=("国卫基层发〔2023〕41号",),
        ),
        raw=raw,
        encoding="utf-8",
        metadata=DocMetadata(title="青岛市测试措施"),
        sections=sections,
        measures=measures,
        clauses=_clauses(raw, measures, "一"),
        responsibilities=responsibilities,
        targets=targets,
    )


def make_xiamen_doc() -> ExtractedDocument:
    raw = XIAMEN_RAW
    m_start, _ = _span(raw, "（一）")
    measures = [Measure("一(一)", "一", 1, "落实青政办字〔2099〕1号", m_start, len(raw))]
    note = _span(raw, "（责任单位：各区人民政府，市卫健委、资源规划局）")
    doc = "xiamen-test"
    return ExtractedDocument(
        source=Source(
            id=doc,
            city="厦门",
            jurisdiction="xiamen",
            issuer="厦门市人民政府办公厅",
            doc_number=None,
            date=None,
            title="厦门市测试方案",
            path="corpus/xiamen-test.txt",
        ),
        raw=raw,
        encoding="utf-8",
        metadata=DocMetadata(doc_number="厦府办〔2099〕2号", cites=("青政办字〔2099〕1号",)),
        sections=[Section("一", 1, "提升能力", raw.index("一、"), len(raw))],
        measures=measures,
        clauses=_clauses(raw, measures, "一"),
        responsibilities=[
            Responsibility(
                measure_ref="一(一)",
                heading="落实青政办字〔2099〕1号",
                start=m_start,
                end=len(raw),
                note_start=note[0],
                note_end=note[1],
                units_as_written="各区人民政府，市卫健委、资源规划局",
                lead=("各区人民政府",),
                co=("市卫健委", "市资源规划局"),
                lead_basis="inferred-order",
            )
        ],
        targets=[
            _target(
                raw,
                doc,
                "一(一)",
                "基层诊疗量占比达到65%以上",
                1,
                subject="基层诊疗量占比",
                value=65,
                unit="%",
                comparator=">=",
                value_text="65%",
            )
        ],
    )


@pytest.fixture
def qingdao_doc() -> ExtractedDocument:
    return make_qingdao_doc()


@pytest.fixture
def xiamen_doc() -> ExtractedDocument:
    return make_xiamen_doc()


@pytest.fixture
def tiny_docs() -> list[ExtractedDocument]:
    return [make_qingdao_doc(), make_xiamen_doc()]


# --- the real corpus, extracted once per test session -----------------------------------

GOLD_DIR = __import__("pathlib").Path(__file__).parent / "data" / "gold"


@pytest.fixture(scope="session")
def corpus_sources() -> dict[str, Source]:
    from kg.ingest import load_manifest

    return {s.id: s for s in load_manifest()}


@pytest.fixture(scope="session")
def corpus_docs(corpus_sources: dict[str, Source]) -> dict[str, ExtractedDocument]:
    """Every manifest document through the real pipeline (errata applied, indicators linked)."""
    from kg.extract.document import extract_file
    from kg.graph.indicators import link_documents
    from kg.ingest import load_errata
    from kg.paths import ingest_dir

    errata = load_errata()
    docs = {
        doc_id: extract_file(ingest_dir() / s.path, source=s, errata=errata)
        for doc_id, s in corpus_sources.items()
    }
    link_documents(list(docs.values()))
    return docs


@pytest.fixture(scope="session")
def built_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder holding a real build of the corpus (graph.nq and the embedded store)."""
    from kg.pipeline import build

    data = tmp_path_factory.mktemp("data")
    build(data_dir=data)
    return data


# --- the service: in-process app, live servers on 127.0.0.1 ------------------------------


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_http(url: str, *, timeout: float, process=None) -> None:
    """Poll ``url`` until it answers (any status), for at most ``timeout`` seconds."""
    import time

    import httpx

    deadline = time.monotonic() + timeout
    for _ in range(int(timeout / 0.1) + 1):
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server for {url} exited with {process.returncode}")
        try:
            httpx.get(url, timeout=1.0)
            return
        except httpx.HTTPError:
            if time.monotonic() > deadline:
                break
            time.sleep(0.1)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


@contextmanager
def running(command: list[str], *, url: str, timeout: float, env: dict | None = None, log=None):
    """A server process, up once ``url`` answers; stopped (terminate, then kill) on exit."""
    import os
    import subprocess

    process = subprocess.Popen(
        command,
        env={**os.environ, **(env or {})},
        stdout=log or subprocess.DEVNULL,
        stderr=subprocess.STDOUT if log else subprocess.DEVNULL,
    )
    try:
        wait_for_http(url, timeout=timeout, process=process)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="session")
def api_client(built_data: Path):
    """The app in process (TestClient) over the real build, with its worker pool."""
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.settings import Settings

    settings = Settings(store=built_data / "store", query_timeout=20, workers=2, row_cap=1000)
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        yield client


@pytest.fixture(scope="session")
def live_server(built_data: Path, tmp_path_factory: pytest.TempPathFactory):
    """`kg serve` under uvicorn on a free 127.0.0.1 port: 1 s query limit, row cap 100."""
    import sys

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    kg = str(Path(sys.executable).parent / "kg")
    log = (tmp_path_factory.mktemp("serve") / "serve.log").open("wb")
    env = {"KG_QUERY_TIMEOUT": "1", "KG_ROW_CAP": "100", "KG_WORKERS": "2"}
    command = [kg, "serve", "--host", "127.0.0.1", "--port", str(port)]
    with running(
        [*command, "--store", str(built_data / "store")],
        url=f"{url}/health",
        timeout=60,
        env=env,
        log=log,
    ):
        _warm_workers(url, workers=2)
        yield url
    log.close()


def _warm_workers(url: str, *, workers: int) -> None:
    """Concurrent requests until every worker has opened the store (bounded: 60 s)."""
    import concurrent.futures

    import httpx

    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(lambda _: httpx.get(f"{url}/health", timeout=60), range(workers)))


# --- small stores from hand-built documents (network and check tests) ---------------------


def store_of(docs: list[ExtractedDocument]):
    """An in-memory store holding the graph of ``docs``, as `kg build` would write it."""
    from kg.graph.build import build_graphs, to_sorted_nquads
    from kg.store.embedded import Store

    store = Store.open(None)
    store.load_nquads(to_sorted_nquads(build_graphs(docs, software_version="0.1.0")))
    return store


@pytest.fixture(scope="module")
def tiny_store():
    """The two hand-built documents (qingdao-test, xiamen-test) in an in-memory store."""
    return store_of([make_qingdao_doc(), make_xiamen_doc()])


# --- external SPARQL servers, started here on 127.0.0.1 and loaded with the real build ----

VIRTUOSO_INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {dir}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
MaxClientConnections = 10
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
"""


def _load(built_data: Path, endpoint: str, *extra: str) -> None:
    from typer.testing import CliRunner

    from kg.cli import app

    args = ["load", "--endpoint", endpoint, "--data-dir", str(built_data), *extra]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="session")
def oxigraph_server(built_data: Path, tmp_path_factory: pytest.TempPathFactory):
    """Oxigraph server (PyPI `oxigraph`) with the build loaded by `kg load`; its query URL."""
    import shutil
    import sys

    binary = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which(
        "oxigraph"
    )
    if binary is None:
        pytest.fail("the oxigraph server is missing: pip install -e '.[dev]' installs it")
    location = tmp_path_factory.mktemp("oxigraph")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    with running([*command, "--union-default-graph"], url=url, timeout=60):
        _load(built_data, f"{url}/query")
        yield f"{url}/query"


@pytest.fixture(scope="session")
def virtuoso_server(built_data: Path, tmp_path_factory: pytest.TempPathFactory):
    """A private Virtuoso open source instance (own virtuoso.ini, free ports) with the build
    loaded by `kg load` (Graph Store Protocol, digest auth); its query URL."""
    import os
    import shutil

    binary = shutil.which("virtuoso-t")
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("virtuoso-t is missing in CI: .ci/run must install virtuoso-opensource")
        pytest.skip("virtuoso-t is not installed (apt-get install virtuoso-opensource)")
    folder = tmp_path_factory.mktemp("virtuoso")
    http_port, sql_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, sql_port=sql_port, http_port=http_port))
    url = f"http://127.0.0.1:{http_port}/sparql"
    log = (folder / "stdout.log").open("wb")
    with running([binary, "+foreground", "+configfile", str(ini)], url=url, timeout=120, log=log):
        _load(built_data, url, "--user", "dba", "--password", "dba")
        yield url
    log.close()


# --- kg add: documents the tests write themselves, and a corpus folder of their own ------

# A county notice that transmits a plan: 文号, a signature dated in Chinese numerals, one
# target and one task with its responsible units. Nothing here is from a real document.
NOTICE = """阜新蒙古族自治县人民政府办公室关于印发阜新蒙古族自治县健康促进工作方案的通知
阜蒙政办发〔2024〕12号
各乡镇人民政府，县直各部门：
现将《阜新蒙古族自治县健康促进工作方案》印发给你们，请认真贯彻执行。
阜新蒙古族自治县人民政府办公室
二〇二四年十一月二十六日
阜新蒙古族自治县健康促进工作方案
一、工作目标
到2025年，全县居民健康素养水平达到25%以上。
二、重点任务
（一）加强健康教育。每个乡镇至少建设1个健康主题公园。（牵头单位：县卫生健康局，责任单位：县财政局、县教育局）
"""

# A prefecture-level plan of the same province, so the county has a parent with documents.
PREFECTURE = """阜新市人民政府办公室关于印发阜新市健康促进行动方案的通知
阜政办发〔2023〕30号
各县、区人民政府，市政府各部门：
现将《阜新市健康促进行动方案》印发给你们，请认真贯彻执行。
阜新市人民政府办公室
2023年6月1日
阜新市健康促进行动方案
一、工作目标
到2025年，全市居民健康素养水平达到28%以上。
二、重点任务
（一）加强健康教育。每个县区至少建设2个健康主题公园。（牵头单位：市卫生健康委，责任单位：市财政局）
"""

ATTACHMENT = """附件1
健康主题公园建设标准
一、建设要求
每个公园面积不少于2000平方米。
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """An empty corpus folder of the test's own (no sources.toml, no errata.toml)."""
    folder = tmp_path / "corpus-folder"
    folder.mkdir()
    return folder


@pytest.fixture
def notice_txt(tmp_path: Path) -> Path:
    path = tmp_path / "in" / "fumeng-notice.txt"
    path.parent.mkdir(exist_ok=True)
    path.write_text(NOTICE, encoding="utf-8")
    return path


@pytest.fixture
def prefecture_txt(tmp_path: Path) -> Path:
    path = tmp_path / "in" / "fuxin-plan.txt"
    path.parent.mkdir(exist_ok=True)
    path.write_text(PREFECTURE, encoding="utf-8")
    return path


def write_docx(path: Path, text: str) -> Path:
    """A Word file with one paragraph per line of ``text`` (python-docx)."""
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


@pytest.fixture
def notice_docx(tmp_path: Path) -> Path:
    return write_docx(tmp_path / "in" / "fumeng-notice.docx", NOTICE)


@pytest.fixture
def attachment_docx(tmp_path: Path) -> Path:
    return write_docx(tmp_path / "in" / "attachment-1.docx", ATTACHMENT)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes: to show that nothing changed."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }
