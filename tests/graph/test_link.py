from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from rdflib import Graph

from kg.errors import InputError, RuleDataError
from kg.graph.link import canonical_org, default_rules, load_unit_rules
from kg.graph.ns import FUNCTION_SCHEME, SKOS
from kg.paths import ontology_dir, rules_dir


def test_link_xiamen_spellings_of_health_commission_are_one_org() -> None:
    short = canonical_org("市卫健委", jurisdiction="xiamen")
    full = canonical_org("市卫生健康委员会", jurisdiction="xiamen")
    with_city = canonical_org("厦门市卫生健康委员会", jurisdiction="xiamen")
    assert short.iri == full.iri == with_city.iri
    assert short.function == "health"
    assert short.canonical_name == "市卫生健康委"


def test_link_same_function_in_two_cities_is_two_orgs() -> None:
    laiyang = canonical_org("市卫生健康局", jurisdiction="laiyang")
    qingdao = canonical_org("市卫生健康委", jurisdiction="qingdao")
    assert laiyang.iri != qingdao.iri
    assert laiyang.function == qingdao.function == "health"


def test_link_same_name_in_two_cities_is_two_orgs() -> None:
    qingdao = canonical_org("市卫生健康委", jurisdiction="qingdao")
    yantai = canonical_org("市卫生健康委", jurisdiction="yantai")
    assert qingdao.iri != yantai.iri
    assert qingdao.label_zh == "青岛市卫生健康委"
    assert yantai.label_zh == "烟台市卫生健康委"


@pytest.mark.parametrize(
    ("first", "second", "jurisdiction"),
    [
        ("市人社局", "市人力资源和社会保障局", "xiamen"),
        ("市人力资源社会保障局", "市人力资源和社会保障局", "qingdao"),
        ("市市场监督管理局", "市市场监管局", "xiamen"),
        ("市资源规划局", "市自然资源和规划局", "xiamen"),
        ("市医疗保障局", "市医保局", "xiamen"),
        ("市发展和改革委员会", "市发展改革委", "qingdao"),
        ("市委机构编制委员会办公室", "市委编办", "qingdao"),
        ("各区、市政府", "各区市政府", "qingdao"),
        ("市 卫生健康\n委", "市卫生健康委", "qingdao"),
    ],
)
def test_link_alias_spellings_share_an_iri(first: str, second: str, jurisdiction: str) -> None:
    assert (
        canonical_org(first, jurisdiction=jurisdiction).iri
        == canonical_org(second, jurisdiction=jurisdiction).iri
    )


@pytest.mark.parametrize(
    ("name", "jurisdiction", "function"),
    [
        ("市卫生健康委", "qingdao", "health"),
        ("市财政局", "qingdao", "finance"),
        ("市人力资源社会保障局", "qingdao", "human-resources"),
        ("市医保局", "laiyang", "medical-insurance"),
        ("市委编办", "laiyang", "establishment"),
        ("市发展改革局", "laiyang", "development-reform"),
        ("市自然资源和规划局", "qingdao", "natural-resources"),
        ("市农业农村局", "laiyang", "agriculture"),
        ("市大数据服务中心", "laiyang", "big-data"),
        ("市大数据局", "qingdao", "big-data"),
        ("市市场监管局", "qingdao", "market-regulation"),
        ("市民政局", "xiamen", "civil-affairs"),
        ("市教育局", "xiamen", "education"),
        ("市行政审批服务局", "laiyang", "administrative-approval"),
        ("市委组织部", "qingdao", "organization-department"),
        ("各区人民政府", "xiamen", "local-government"),
        ("各镇街政府", "laiyang", "local-government"),
        ("各区、市政府", "qingdao", "local-government"),
        ("青岛市人民政府办公厅", "qingdao", "local-government"),
        ("市科技局", "yantai", "science-technology"),
        ("市工信局", "xiamen", "industry-it"),
        ("市疾病预防控制中心", "xiamen", "disease-control"),
        ("市某某服务站", "xiamen", "other"),
        # national, provincial, county and township units; departments named by function
        ("国家卫生健康委", "china", "health"),
        ("教育部", "china", "education"),
        ("省财政厅", "shandong", "finance"),
        ("团省委", "shandong", "mass-organization"),
        ("省妇联", "shandong", "mass-organization"),
        ("县公安局", "laiyang", "public-security"),
        ("县健康促进办", "laiyang", "health-promotion"),
        ("县健康专家委员会", "laiyang", "expert-advisory"),
        ("市公共卫生与重大疾病防治领导小组", "xiamen", "coordination"),
        ("宣传部（融媒体中心）", "xiamen", "publicity"),
        ("住建部门", "xiamen", "housing-construction"),
        ("文广旅体部门", "xiamen", "culture-tourism"),
        ("城管部门", "xiamen", "urban-management"),
        ("生态保护局", "laiyang", "ecology-environment"),
        ("应急管理局", "laiyang", "emergency-management"),
        ("编委办", "laiyang", "establishment"),
        ("市第一人民医院", "xiamen", "hospital"),
    ],
)
def test_link_unit_gets_its_function(name: str, jurisdiction: str, function: str) -> None:
    org = canonical_org(name, jurisdiction=jurisdiction)
    assert org.function == function
    assert f"/{function}-" in str(org.iri)


def test_link_labels_are_full_names_in_both_languages() -> None:
    org = canonical_org("市卫健委", jurisdiction="xiamen")
    assert org.label_zh == "厦门市卫生健康委"
    assert org.label_en == "Xiamen Municipal Health Commission"
    assert {"市卫健委", "市卫生健康委员会"} <= set(org.alt_labels)
    assert canonical_org("市卫生健康局", jurisdiction="laiyang").label_en == (
        "Laiyang Municipal Health Bureau"
    )
    assert canonical_org("各区人民政府", jurisdiction="xiamen").label_zh == "厦门市各区人民政府"


def test_link_org_is_frozen() -> None:
    org = canonical_org("市财政局", jurisdiction="qingdao")
    with pytest.raises(dataclasses.FrozenInstanceError):
        org.function = "health"  # type: ignore[misc]


def test_link_unknown_jurisdiction_raises_with_fix() -> None:
    with pytest.raises(InputError, match=r"jurisdictions\.ttl"):
        canonical_org("市财政局", jurisdiction="atlantis")


def test_link_rule_slugs_are_the_function_scheme() -> None:
    scheme = Graph().parse(ontology_dir() / "functions.ttl")
    concepts = {str(c).rsplit("/", 1)[1] for c in scheme.subjects(SKOS.inScheme, FUNCTION_SCHEME)}
    assert {rule.slug for rule in default_rules().functions} == concepts


def test_link_shipped_rules_load() -> None:
    rules = load_unit_rules(rules_dir() / "unit_functions.toml")
    assert rules.functions[0].slug == "local-government"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[[function]\nslug = 'x'", "TOML"),
        ("[[function]]\nslug = 'health'\npatterns = ['卫健']\nlabel_en = 'H'\n", "other"),
        ("[[function]]\nslug = 'Bad Slug'\npatterns = []\nlabel_en = 'x'\n", "slug"),
        ("[[function]]\nslug = 'other'\npatterns = '卫健'\nlabel_en = 'x'\n", "patterns"),
        (
            "[[function]]\nslug = 'other'\npatterns = []\nlabel_en = 'x'\n"
            "[[alias]]\ncanonical = '卫生健康委'\nvariants = []\n",
            "variants",
        ),
    ],
)
def test_link_malformed_rules_raise_rule_data_error(
    tmp_path: Path, text: str, problem: str
) -> None:
    path = tmp_path / "unit_functions.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleDataError, match=problem) as info:
        load_unit_rules(path)
    assert "Fix:" in str(info.value)
    assert str(path) in str(info.value)


def test_link_custom_rules_change_the_canonical_name(tmp_path: Path) -> None:
    path = tmp_path / "unit_functions.toml"
    path.write_text(
        "[[function]]\nslug = 'health'\npatterns = ['卫健']\nlabel_en = '{authority} Health'\n"
        "[[function]]\nslug = 'other'\npatterns = []\nlabel_en = '{name}'\n"
        "[[alias]]\ncanonical = '卫健委'\nvariants = ['卫生健康委']\n",
        encoding="utf-8",
    )
    org = canonical_org("市卫生健康委", jurisdiction="qingdao", rules=load_unit_rules(path))
    assert org.canonical_name == "市卫健委"
    assert org.label_en == "Qingdao Municipal Health"
