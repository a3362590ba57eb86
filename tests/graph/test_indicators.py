"""Indicator linking: one concept for one quantity across cities, with comparable values."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal

from kg.extract.evaluate import evaluate, load_alignment, load_gold
from kg.graph.indicators import (
    comparable,
    curated_indicators,
    english_label,
    group_automatic,
    match_curated,
    normalise_subject,
)
from kg.graph.ns import POL, SKOS
from kg.model import ExtractedDocument, Target
from kg.paths import ontology_dir

GOLD = Path(__file__).resolve().parents[1] / "data" / "gold"


@pytest.fixture
def linked(corpus_docs: dict[str, ExtractedDocument]) -> dict[str, ExtractedDocument]:
    return corpus_docs  # the pipeline links indicators


def _target(subject: str, unit: str, value: float = 1, **kw: object) -> Target:
    fields: dict[str, object] = dict(
        doc="d",
        measure_ref=None,
        start=0,
        end=1,
        quote="x",
        subject=subject,
        value=value,
        value_max=None,
        unit=unit,
        comparator="=",
        deadline=None,
        start_year=None,
        periodicity=None,
        kind="target",
        value_text=str(value),
    )
    fields.update(kw)
    return Target(**fields)  # type: ignore[arg-type]


def test_indicators_every_curated_concept_has_labels_in_chinese_and_english() -> None:
    graph = Graph().parse(ontology_dir() / "indicators.ttl")
    concepts = set(graph.subjects(POL.curated, Literal(True)))
    assert len(concepts) >= 30
    for c in concepts:
        langs = {o.language for o in graph.objects(c, SKOS.prefLabel)}  # type: ignore[attr-defined]
        assert {"zh", "en"} <= langs, c
        assert graph.value(c, SKOS.definition) is not None, c


def test_indicators_link_the_headline_targets_to_one_concept_with_a_scope_note(
    linked: dict[str, ExtractedDocument],
) -> None:
    found = [
        t
        for d in linked.values()
        for t in d.targets
        if t.indicator == "village-doctor-licensed-share"
    ]
    assert {(t.doc, t.value) for t in found} == {("laiyang-2024-28", 50), ("qingdao-2024-49", 60)}
    assert all("乡村全科执业助理医师" in (t.comparability_note or "") for t in found)


def test_indicators_meet_the_alignment_aim_on_the_development_pairs(
    linked: dict[str, ExtractedDocument],
) -> None:
    report = evaluate(load_gold(GOLD), linked, alignment=load_alignment(GOLD))
    assert report.alignment is not None
    assert report.alignment.precision >= 0.95 and report.alignment.recall >= 0.95


def test_indicators_prefer_the_most_specific_concept() -> None:
    assert match_curated("重点人群签约率", "%").id == "key-population-contract-rate"  # type: ignore[union-attr]
    assert match_curated("全人群签约率", "%").id == "family-doctor-contract-rate"  # type: ignore[union-attr]


def test_indicators_require_a_compatible_unit() -> None:
    assert match_curated("县域内基层门急诊人次占比", "人") is None


def test_indicators_link_an_unseen_wording_of_a_known_quantity() -> None:
    found = match_curated("全县乡村医生中取得执业（助理）医师资格的比例", "%")
    assert found is not None and found.id == "village-doctor-licensed-share"


def test_indicators_group_the_same_unlisted_quantity_across_documents() -> None:
    a = _target("全市胸痛中心建成数量", "个")
    b = _target("胸痛中心建成数量", "个")
    c = _target("胸痛中心建成数量", "%")
    groups = group_automatic([a, b, c])
    assert groups[0].id == groups[1].id != groups[2].id
    assert groups[0].id.startswith("auto-") and not groups[0].curated


def test_indicators_normalise_subjects_without_scope_words_or_brackets() -> None:
    assert (
        normalise_subject("全市乡镇卫生院（社区卫生服务中心）达到标准的比例")
        == "乡镇卫生院达到标准"
    )


def test_indicators_convert_one_per_500_residents_to_per_mille() -> None:
    ind = curated_indicators()["village-doctor-staffing-norm-remote"]
    value, _, unit, note = comparable(_target("每五百常住人口乡村医生", "人/500常住人口"), ind)
    assert (value, unit) == (2, "‰")
    assert note and "per-mille" in note


def test_indicators_convert_one_per_thousand_residents_to_one_per_mille(
    linked: dict[str, ExtractedDocument],
) -> None:
    xiamen = [
        t for t in linked["xiamen-2024-2"].targets if t.indicator == "village-doctor-staffing-norm"
    ]
    assert [(t.value, t.unit, t.comparable_value, t.comparable_unit) for t in xiamen] == [
        (1, "名/千常住人口", 1, "‰")
    ]


def test_indicators_keep_yearly_money_comparable_as_yuan_per_year(
    linked: dict[str, ExtractedDocument],
) -> None:
    subsidies = [
        t
        for d in linked.values()
        for t in d.targets
        if t.indicator == "village-clinic-operating-subsidy"
    ]
    assert {(t.doc, t.comparable_value, t.comparable_unit) for t in subsidies} == {
        ("laiyang-2024-28", 10000, "元/年"),
        ("qingdao-2024-49", 3000, "元/年"),
    }


def test_indicators_give_every_corpus_target_an_indicator(
    linked: dict[str, ExtractedDocument],
) -> None:
    assert all(t.indicator for d in linked.values() for t in d.targets)


def test_indicators_link_the_same_uncurated_indicator_in_two_documents() -> None:
    national = _target("全国婴儿死亡率", "‰", doc="national-outline")
    plan = _target("婴儿死亡率降至", "‰", doc="action-plan")
    provincial = _target("力争全省产前筛查率", "%", doc="provincial-plan")
    national_screening = _target("产前筛查率达到", "%", doc="national-outline")
    groups = group_automatic([national, plan, provincial, national_screening])
    assert groups[0].id == groups[1].id
    assert groups[2].id == groups[3].id
    assert groups[0].id != groups[2].id


def test_indicators_keep_different_uncurated_indicators_apart() -> None:
    subjects = ["婴儿死亡率", "孕产妇死亡率", "新生儿死亡率", "孕产妇系统管理率", "婴儿母乳喂养率"]
    groups = group_automatic([_target(s, "‰" if "死亡" in s else "%") for s in subjects])
    assert len({g.id for g in groups.values()}) == len(subjects)


def test_indicators_note_where_the_members_areas_differ_in_level() -> None:
    national = _target("全国孕产妇系统管理率", "%", doc="a")
    provincial = _target("广东省孕产妇系统管理率", "%", doc="b")
    concept = group_automatic([national, provincial])[0]
    assert concept.scope_note_en and "全国 (country)" in concept.scope_note_en
    assert "广东省 (province)" in concept.scope_note_en
    assert concept.scope_note_zh and concept.scope_note_zh.startswith("不完全可比")


def test_indicators_note_where_the_members_count_different_populations() -> None:
    under5 = _target("5岁以下儿童死亡率", "‰", doc="a")
    under7 = _target("7岁以下儿童死亡率", "‰", doc="b")
    groups = group_automatic([under5, under7])
    concept = groups[0]
    assert groups[1].id == concept.id
    assert (
        concept.scope_note_en
        and "5岁以下" in concept.scope_note_en
        and "7岁以下" in concept.scope_note_en
    )
    assert concept.label_zh == "儿童死亡率"


def test_indicators_same_area_level_needs_no_note() -> None:
    concept = group_automatic(
        [_target("婴儿死亡率", "‰", doc="a"), _target("婴儿死亡率", "‰", doc="b")]
    )[0]
    assert concept.scope_note_en is None


def test_indicators_name_a_new_concept_in_both_languages() -> None:
    concept = group_automatic([_target("全国孕产妇死亡率下降到", "1/10万")])[0]
    assert (concept.label_zh, concept.label_en) == ("孕产妇死亡率", "Maternal mortality rate")
    assert english_label("5岁以下儿童死亡率") == "Under-5 child mortality rate"


def test_indicators_say_unreviewed_where_the_glossary_lacks_a_word() -> None:
    concept = group_automatic([_target("蚯蚓养殖场数量", "个")])[0]
    assert concept.label_en == "Unreviewed indicator (个): 蚯蚓养殖场数量"


def _naive_components(items: list[tuple[str, str]]) -> set[frozenset[int]]:
    """Every pair compared: the definition group_subjects must agree with."""
    from kg.graph.indicators import _FUZZY, read_subject, similarity

    keys = [read_subject(s).key for _, s in items]
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i in range(len(items)):
        for j in range(i):
            if items[i][0] == items[j][0] and (
                keys[i] == keys[j] or similarity(keys[i], keys[j]) >= _FUZZY
            ):
                parent[find(i)] = find(j)
    groups: dict[int, set[int]] = {}
    for i in range(len(items)):
        groups.setdefault(find(i), set()).add(i)
    return {frozenset(g) for g in groups.values()}


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["%", "人", "元"]),
            st.text(alphabet="全市医生卫生院覆盖率达人数的比例村", min_size=0, max_size=9),
        ),
        max_size=25,
    )
)
def test_indicators_group_subjects_equals_comparing_every_pair(
    items: list[tuple[str, str]],
) -> None:
    from kg.graph.indicators import group_subjects

    concepts = group_subjects([(unit, subject, "") for unit, subject in items])
    groups: dict[str, set[int]] = {}
    for i, concept in concepts.items():
        groups.setdefault(concept.id, set()).add(i)
    assert {frozenset(g) for g in groups.values()} == _naive_components(items)
    backwards = group_subjects([(unit, subject, "") for unit, subject in items[::-1]])
    assert backwards.keys() == set(range(len(items)))
    assert {c.id for c in backwards.values()} == set(groups)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("新生儿遗传代谢性疾病筛查率", "新生儿遗传代谢病筛查率"),  # spellings of one word
        ("适龄儿童免疫规划疫苗接种率", "适龄儿童国家免疫规划疫苗接种率"),  # a filler
        ("二级以上综合医院设置康复科的比例", "二级及以上综合医院设立康复科的比例"),
        ("适龄妇女乳腺癌筛查覆盖率", "适龄妇女乳腺癌筛查率"),  # 覆盖率 ends a rate as 率 does
        ("个人卫生支出占卫生总费用的比重", "个人卫生支出占卫生总费用比例"),
    ],
)
def test_indicators_link_spellings_of_one_uncurated_quantity(a: str, b: str) -> None:
    groups = group_automatic([_target(a, "%", doc="one"), _target(b, "%", doc="two")])
    assert groups[0].id == groups[1].id


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("学生体质健康标准达标优良率", "学生体质健康标准达标率"),  # near, but another head
        ("法定传染病报告率", "法定传染病报告及时率"),
        ("居民电子健康档案建档率", "居民电子健康档案使用率"),
        ("二级公立医院基本药物使用金额占比", "三级公立医院基本药物使用金额占比"),  # levels
    ],
)
def test_indicators_keep_near_spellings_of_different_quantities_apart(a: str, b: str) -> None:
    groups = group_automatic([_target(a, "%", doc="one"), _target(b, "%", doc="two")])
    assert groups[0].id != groups[1].id


def test_indicators_curated_concept_found_through_a_unified_spelling() -> None:
    written = match_curated("重点人群家庭医生签约率", "%")
    other = match_curated("重点人群家庭医生签约服务率", "%")
    assert written is not None and other is not None and written.id == other.id


@pytest.mark.parametrize(
    ("a", "unit_a", "b", "unit_b"),
    [
        (
            "每千常住人口执业（助理）医师数",
            "人/千常住人口",
            "每千人口执业(助理)医师数",
            "人/千人口",
        ),
        ("5岁以下儿童死亡率", "‰", "五岁以下儿童死亡率", "‰"),  # a Chinese numeral
        ("重大慢性病过早死亡率", "%", "重大慢病过早死亡率", "%"),  # an abbreviation
        ("严重精神障碍患者规范管理率", "%", "在册严重精神障碍患者规范化管理率", "%"),
        (
            "适龄儿童免疫规划疫苗接种率",
            "%",
            "以乡（镇、街道）为单位适龄儿童免疫规划疫苗接种率",
            "%",
        ),
        ("地级及以上城市空气质量优良天数比率", "%", "设区市空气质量优良天数比例", "%"),
        ("受到全面无烟法规保护的人口比例", "%", "全面无烟法规保护的人口比例", "%"),
        ("每千名老年人拥有养老床位数", "张/千老年人", "每千名老年人养老床位数", "张/千老年人"),
    ],
)
def test_indicators_link_wordings_of_one_quantity_in_documents_nobody_curated(
    a: str, unit_a: str, b: str, unit_b: str
) -> None:
    groups = group_automatic([_target(a, unit_a, doc="one"), _target(b, unit_b, doc="two")])
    assert groups[0].id == groups[1].id


def test_indicators_an_assistant_physician_in_brackets_is_part_of_the_name() -> None:
    groups = group_automatic(
        [
            _target("每千人口执业（助理）医师数", "人/千人口", doc="one"),
            _target("每千人口执业医师数", "人/千人口", doc="two"),
        ]
    )
    assert groups[0].id != groups[1].id


PAIRS = Path(__file__).resolve().parents[1] / "data" / "indicator-pairs.json"


def _linked(pairs_file: Path) -> list[tuple[bool, bool]]:
    """(same by the list, linked by the code) for each pair of a blind pair list."""
    pairs = json.loads(pairs_file.read_text(encoding="utf-8"))
    linked = []
    for p in pairs:
        a, b = match_curated(p["a"], p["unit_a"]), match_curated(p["b"], p["unit_b"])
        if a is None and b is None:
            one, two = (
                _target(p["a"], p["unit_a"], doc="one"),
                _target(p["b"], p["unit_b"], doc="two"),
            )
            groups = group_automatic([one, two])
            linked.append((p["same"], groups[0].id == groups[1].id))
        else:
            linked.append((p["same"], a is not None and b is not None and a.id == b.id))
    return linked


def _precision_recall(linked: list[tuple[bool, bool]]) -> tuple[float, float]:
    tp = sum(1 for same, link in linked if same and link)
    fp = sum(1 for same, link in linked if not same and link)
    fn = sum(1 for same, link in linked if same and not link)
    return tp / (tp + fp), tp / (tp + fn)


def test_indicators_blind_pair_list_keeps_its_precision_and_recall() -> None:
    """80 pairs written by someone who had read none of the rules (see docs/quality.md)."""
    precision, recall = _precision_recall(_linked(PAIRS))
    assert precision >= 0.94 and recall >= 0.85


def test_indicators_second_blind_pair_list_keeps_its_precision_and_recall() -> None:
    """80 more pairs, written blind in the fifth session (first scored P 0.923, R 0.600)."""
    precision, recall = _precision_recall(_linked(PAIRS.with_name("indicator-pairs-2.json")))
    assert precision >= 0.95 and recall >= 0.90


def test_indicators_third_blind_pair_list_keeps_its_precision_and_recall() -> None:
    """80 more pairs, written blind in the sixth session (first scored P 0.913, R 0.525)."""
    precision, recall = _precision_recall(_linked(PAIRS.with_name("indicator-pairs-3.json")))
    assert precision >= 0.95 and recall >= 0.85


def test_indicators_fourth_blind_pair_list_keeps_its_precision_and_recall() -> None:
    """80 more pairs, written blind in the sixth session with units spelled as plans spell
    them (g, min, m², 人/10万人, 1:X) and fields rare in the other lists (first P 1.000,
    R 0.250)."""
    precision, recall = _precision_recall(_linked(PAIRS.with_name("indicator-pairs-4.json")))
    assert precision >= 0.95 and recall >= 0.575


@pytest.mark.parametrize(
    ("one", "two"),
    [
        (("克", "人均每日食盐摄入量"), ("g", "全市居民人均每日食盐摄入量")),  # unit spellings
        (("平方米", "人均体育场地面积"), ("m²", "我市人均体育场地面积")),
        (("人", "每千人拥有社会体育指导员数"), ("人/千人", "每千人口社会体育指导员人数")),
        (("%", "12岁儿童患龋率"), ("%", "全市12岁儿童龋患率")),  # spellings of one word
        (("%", "医院感染发生率"), ("%", "医院内感染发生率")),
        (("个/千人口", "每千人口拥有3岁以下婴幼儿托位数"), ("个/千人口", "千人口托位数")),
        (("DDDs/百人天", "住院患者抗菌药物使用强度"), ("DDDs", "抗菌药物使用强度")),
    ],
)
def test_indicators_units_and_words_spelled_otherwise_link(
    one: tuple[str, str], two: tuple[str, str]
) -> None:
    groups = group_automatic(
        [_target(one[1], one[0], doc="one"), _target(two[1], two[0], doc="two")]
    )
    assert groups[0].id == groups[1].id


def test_indicators_a_ratio_unit_written_1_to_x_finds_the_curated_ratio() -> None:
    one, two = match_curated("医护比", "比"), match_curated("全市医护比", "1:X")
    assert one is not None and two is not None and one.id == two.id


@pytest.mark.parametrize(
    ("one", "two"),
    [
        (("%", "护理型床位占养老机构床位总数的比例"), ("%", "养老机构护理型床位占比")),
        (("%", "基层医疗卫生机构诊疗量占总诊疗量的比例"), ("%", "基层诊疗量占比")),
        (("%", "经常参加体育锻炼的人数占总人口的比例"), ("%", "经常参加体育锻炼人数比例")),
    ],
)
def test_indicators_a_share_of_the_total_written_with_its_denominator_links(
    one: tuple[str, str], two: tuple[str, str]
) -> None:
    groups = group_automatic(
        [_target(one[1], one[0], doc="one"), _target(two[1], two[0], doc="two")]
    )
    assert groups[0].id == groups[1].id


def test_indicators_a_share_of_a_denominator_of_its_own_is_not_shortened() -> None:
    groups = group_automatic(
        [
            _target("个人卫生支出占卫生总费用的比例", "%", doc="one"),
            _target("个人卫生支出占政府卫生支出的比例", "%", doc="two"),
        ]
    )
    assert groups[0].id != groups[1].id


def test_indicators_a_subject_naming_a_part_does_not_take_the_whole_concept() -> None:
    whole = match_curated("每万人口全科医生数", "人/万人口")
    assert whole is not None
    part = match_curated("每万人口中医类别全科医生数", "人/万人口")
    assert part is None or part.id != whole.id


def test_indicators_a_base_in_the_subject_finds_the_curated_concept_of_its_unit() -> None:
    """每万名居民拥有全科医生数 (名) is the curated 每万人口全科医生数 (人/万人口)."""
    one = match_curated("每万名居民拥有全科医生数", "名")
    two = match_curated("每万人口全科医生数", "人/万人口")
    assert one is not None and two is not None and one.id == two.id


@pytest.mark.parametrize(
    ("one", "two"),
    [
        (("人", "每十万人口精神科医师数"), ("人/10万人口", "精神科医师数")),  # base in the subject
        (("人/千人口", "每千人口托位数"), ("人/千人口", "托位数")),  # the base written twice
        (("人/千人口", "每千人口注册护士数"), ("人/千常住人口", "全县每千常住人口注册护士数")),
        (("/10万", "辖区孕产妇死亡率"), ("/10万", "孕产妇死亡率")),  # scope words
        (("%", "地级及以上城市空气质量优良天数比率"), ("%", "全市空气质量优良天数比例")),
        (("人", "千人口注册护士数"), ("人", "每千人口注册护士数")),
        (("/10万", "孕产妇死亡率"), ("1/10万", "孕产妇死亡率")),  # unit spellings
        (("人", "每万人口全科医生数"), ("名", "每万名居民拥有全科医生")),
        (("%", "常住孕产妇住院分娩率"), ("%", "户籍孕产妇住院分娩率")),  # register: a scope
        (("人", "每万人口疾控机构人员数"), ("人", "每万人口疾病预防控制机构人员数")),
        (("%", "高血压患者规范管理率"), ("%", "高血压规范管理率")),
        (("%", "高血压患者基层规范管理服务率"), ("%", "基层高血压患者规范管理服务率")),  # 基层
        (("%", "突发公共卫生事件报告及时率"), ("%", "突发公共卫生事件信息报告及时率")),
        (("1/10万", "甲乙类法定传染病报告发病率"), ("/10万", "甲、乙类法定传染病报告发病率")),
        (("%", "总体癌症5年生存率"), ("%", "总体癌症五年生存率")),
        (("%", "二级以上公立医院门诊预约诊疗率"), ("%", "二级及以上公立医院预约诊疗率")),
        (("%", "县域内住院量占比"), ("%", "县域内住院人次占比")),
        (("分钟", "平均急救反应时间"), ("分钟", "院前医疗急救平均反应时间")),
        (("%", "无烟党政机关建成率"), ("%", "无烟党政机关建设比例")),
        (("—", "病媒生物密度控制水平达到C级以上"), ("—", "病媒生物密度控制水平达到C级及以上")),
    ],
)
def test_indicators_spellings_of_one_quantity_link(
    one: tuple[str, str], two: tuple[str, str]
) -> None:
    groups = group_automatic(
        [_target(one[1], one[0], doc="one"), _target(two[1], two[0], doc="two")]
    )
    assert groups[0].id == groups[1].id


def test_indicators_insurance_schemes_are_not_populations() -> None:
    groups = group_automatic(
        [
            _target("职工医保政策范围内住院费用基金支付比例", "%", doc="one"),
            _target("城乡居民医保政策范围内住院费用基金支付比例", "%", doc="two"),
        ]
    )
    assert groups[0].id != groups[1].id


def test_indicators_fifth_blind_pair_list_keeps_its_precision_and_recall() -> None:
    """80 more pairs, written blind in the seventh session (first P 0.923, R 0.600)."""
    precision, recall = _precision_recall(_linked(PAIRS.with_name("indicator-pairs-5.json")))
    assert precision >= 0.94 and recall >= 0.90


def test_indicators_sixth_blind_pair_list_keeps_its_precision_and_recall() -> None:
    """80 more pairs, written blind in the eighth session (first P 0.971, R 0.825)."""
    precision, recall = _precision_recall(_linked(PAIRS.with_name("indicator-pairs-6.json")))
    assert precision >= 0.95 and recall >= 0.95


def test_indicators_seventh_blind_pair_list_keeps_its_precision_and_recall() -> None:
    """80 more pairs of fields the others rarely cover (爱国卫生, 急救, 献血, hospital finance),
    written blind in the eighth session (first P 0.964, R 0.675)."""
    precision, recall = _precision_recall(_linked(PAIRS.with_name("indicator-pairs-7.json")))
    assert precision >= 0.95 and recall >= 0.95


def test_indicators_eighth_blind_pair_list_keeps_its_first_scores() -> None:
    """80 pairs sampled across fields, written blind at the end of the eighth session and scored
    only (P 0.923, R 0.900: 二级 vs 三级 and 基层 vs all beds share a curated concept)."""
    precision, recall = _precision_recall(_linked(PAIRS.with_name("indicator-pairs-8.json")))
    assert precision >= 0.92 and recall >= 0.90


def test_indicators_ninth_blind_pair_list_keeps_its_precision_and_recall() -> None:
    """80 pairs of fields rare in the others (职业健康, 口腔, 院感, 结核, 艾滋病), written blind in
    the ninth session (first P 0.971, R 0.825: Ⅰ类 vs 一类, 每三万 vs 每3万, HIV vs 艾滋病病毒)."""
    precision, recall = _precision_recall(_linked(PAIRS.with_name("indicator-pairs-9.json")))
    assert precision >= 0.97 and recall >= 0.92


@pytest.mark.parametrize(
    ("one", "two"),
    [
        (("%", "Ⅰ类切口手术部位感染率"), ("%", "一类切口手术部位感染率")),  # Roman numerals
        (("辆", "每3万人口救护车数"), ("辆", "每三万人口救护车数")),  # a base in Chinese numerals
        (("%", "病原学阳性肺结核患者密切接触者筛查率"), ("%", "病原学阳性肺结核患者密接筛查率")),
    ],
)
def test_indicators_numerals_and_abbreviations_written_otherwise_link(
    one: tuple[str, str], two: tuple[str, str]
) -> None:
    assert _one_concept(one, two)


def test_indicators_a_kind_of_county_before_a_share_is_no_place() -> None:
    """健康促进县区占比: 健康促进县 is not a county of the division table, so no scope."""
    from kg.graph.indicators import read_subject

    assert read_subject("健康促进县区占比").scope is None
    assert read_subject("广东省孕产妇死亡率").scope == "广东省"


def test_indicators_tenth_blind_pair_list_keeps_its_first_scores() -> None:
    """80 pairs sampled across fields, written blind at the end of the ninth session and scored
    only (P 1.000, R 0.975: 医护比 vs 执业（助理）医师与注册护士比 apart)."""
    precision, recall = _precision_recall(_linked(PAIRS.with_name("indicator-pairs-10.json")))
    assert precision >= 0.97 and recall >= 0.95


def test_indicators_all_blind_pair_lists_together_meet_the_aim() -> None:
    """The issue's aim over all blind lists: precision >= 0.95, recall >= 0.90."""
    names = ["indicator-pairs.json", *(f"indicator-pairs-{n}.json" for n in range(2, 11))]
    linked = [pair for name in names for pair in _linked(PAIRS.with_name(name))]
    precision, recall = _precision_recall(linked)
    assert precision >= 0.95 and recall >= 0.90


def _one_concept(one: tuple[str, str], two: tuple[str, str]) -> bool:
    groups = group_automatic(
        [_target(one[1], one[0], doc="one"), _target(two[1], two[0], doc="two")]
    )
    return groups[0].id == groups[1].id


@pytest.mark.parametrize(
    ("one", "two"),
    [
        (("%", "能够提供中医药服务的村卫生室比例"), ("%", "村卫生室提供中医药服务比例")),
        (("%", "设有安宁疗护病区的县比例"), ("%", "县（市、区）设有安宁疗护病区的比例")),
    ],
)
def test_indicators_what_is_counted_before_or_after_its_verb_of_provision_links(
    one: tuple[str, str], two: tuple[str, str]
) -> None:
    assert _one_concept(one, two)


def test_indicators_per_person_written_anywhere_and_a_name_opening_with_jiben_link() -> None:
    assert _one_concept(
        ("元", "人均基本公共卫生服务经费补助标准"), ("元", "基本公共卫生服务人均财政补助标准")
    )
    assert not _one_concept(
        ("元", "人均基本公共卫生服务经费补助标准"), ("元", "基本公共卫生服务经费补助总额")
    )


@pytest.mark.parametrize(
    ("one", "two"),
    [  # the total's qualifier is the part's own, or the total is of a holder (养老机构)
        (("%", "公立医院医疗服务收入占医疗收入的比例"), ("%", "公立医院医疗服务收入占比")),
        (("%", "护理型床位占养老机构床位的比例"), ("%", "养老机构护理型床位占比")),
        (("%", "公立医院药品收入占医疗收入的比例"), ("%", "公立医院药占比")),  # the field's short
        (("%", "卫生材料收入占医疗收入比例"), ("%", "耗占比")),  # names for its shares
    ],
)
def test_indicators_a_share_of_a_holder_or_of_the_parts_own_total_links(
    one: tuple[str, str], two: tuple[str, str]
) -> None:
    assert _one_concept(one, two)


def test_indicators_a_share_of_another_quantity_is_not_shortened() -> None:
    assert not _one_concept(
        ("%", "公立医院药品收入占医疗收入的比例"), ("%", "公立医院药品收入占比")
    )


def test_indicators_a_base_of_another_population_stays_apart_from_a_base_of_people() -> None:
    older = ("张", "每千名老年人拥有养老床位数")
    assert _one_concept(older, ("张/千老年人", "每千名老年人养老床位数"))
    assert not _one_concept(older, ("张", "每千人口养老床位数"))


def test_indicators_a_verb_of_provision_after_the_base_is_not_part_of_the_quantity() -> None:
    assert _one_concept(("辆", "每3万人口救护车数"), ("辆", "每3万人口配置救护车数量"))


def test_indicators_part_of_a_cost_and_the_population_of_a_visit_are_qualifiers() -> None:
    assert _one_concept(
        ("%", "职工基本医疗保险政策范围内住院费用基金支付比例"),
        ("%", "职工医保住院费用政策范围内报销比例"),
    )
    assert _one_concept(("%", "产妇产后访视率"), ("%", "产后访视率"))
    assert _one_concept(("人/千人口", "每千人口注册护士数"), ("人/千人口", "每千人口护士数"))


@pytest.mark.parametrize(
    ("one", "two"),
    [  # national indicators named short and as defined
        (
            ("重大慢性病过早死亡率", "%"),
            ("30—70岁人群因心脑血管疾病、癌症、慢性呼吸系统疾病和糖尿病导致的过早死亡率", "%"),
        ),
        (("城乡居民达到《国民体质测定标准》合格以上的人数比例", "%"), ("国民体质监测合格率", "%")),
        (("千人口献血率", "‰"), ("每千人口无偿献血人次", "人次")),
        (("医护比", "比"), ("执业（助理）医师与注册护士之比", "1:")),
    ],
)
def test_indicators_national_indicators_written_short_or_defined_find_one_curated_concept(
    one: tuple[str, str], two: tuple[str, str]
) -> None:
    a, b = match_curated(*one), match_curated(*two)
    assert a is not None and b is not None and a.id == b.id
