# ruff: noqa: E501
"""Examples for the OpenAPI document, taken from the real graph (trimmed)."""

from typing import Any

CITY: dict[str, Any] = {
    "id": "laiyang",
    "iri": "https://w3id.org/policy-kg/id/jurisdiction/laiyang",
    "name_zh": "莱阳",
    "name_en": "Laiyang",
    "level": "county-level city",
    "parent": "yantai",
    "hierarchy": ["laiyang", "yantai", "shandong", "china"],
}

CITY_DETAIL: dict[str, Any] = {
    "id": "laiyang",
    "iri": "https://w3id.org/policy-kg/id/jurisdiction/laiyang",
    "name_zh": "莱阳",
    "name_en": "Laiyang",
    "level": "county-level city",
    "parent": "yantai",
    "hierarchy": ["laiyang", "yantai", "shandong", "china"],
    "documents": ["laiyang-2024-28"],
}

DOCUMENT: dict[str, Any] = {
    "id": "laiyang-2024-28",
    "iri": "https://w3id.org/policy-kg/id/doc/laiyang-2024-28",
    "title": "关于进一步深化改革促进乡村医疗卫生体系高质量健康发展的实施意见",
    "city": "laiyang",
    "doc_number": "莱政办字〔2024〕28号",
    "date": "2024-10-28",
    "issuer": "莱阳市人民政府办公室",
    "issuer_iri": "https://w3id.org/policy-kg/id/org/laiyang/local-government-b2258b3f",
    "source": None,
    "sha256": "e47639bc149bec70036b13a382332d96bf7bf24bf020582fd29389f59d0a7bd8",
    "encoding": "utf-8",
}

DOCUMENT_DETAIL: dict[str, Any] = {
    "id": "laiyang-2024-28",
    "iri": "https://w3id.org/policy-kg/id/doc/laiyang-2024-28",
    "title": "关于进一步深化改革促进乡村医疗卫生体系高质量健康发展的实施意见",
    "city": "laiyang",
    "doc_number": "莱政办字〔2024〕28号",
    "date": "2024-10-28",
    "issuer": "莱阳市人民政府办公室",
    "issuer_iri": "https://w3id.org/policy-kg/id/org/laiyang/local-government-b2258b3f",
    "source": None,
    "sha256": "e47639bc149bec70036b13a382332d96bf7bf24bf020582fd29389f59d0a7bd8",
    "encoding": "utf-8",
    "cites": [
        {
            "iri": "https://w3id.org/policy-kg/id/doc/cited/%E5%8E%85%E5%AD%97%E3%80%942023%E3%80%953%E5%8F%B7",
            "doc_number": "厅字〔2023〕3号",
            "id": None,
        }
    ],
    "cited_by": [],
}

DOCUMENT_TEXT: dict[str, Any] = {
    "id": "laiyang-2024-28",
    "length": 6447,
    "sha256": "e47639bc149bec70036b13a382332d96bf7bf24bf020582fd29389f59d0a7bd8",
    "encoding": "utf-8",
    "text": "\n\n莱政办字〔2024〕28号\n\n**莱阳市人民政府办公室\n关于进一步深化改革促进乡村\n医疗卫生体系高质量健康发展的实施意见**\n\n各镇政府、街道办事处，开发区",
}

DOCUMENT_CLEAN_TEXT: dict[str, Any] = {
    "id": "laiyang-2024-28",
    "length": 6381,
    "raw_length": 6447,
    "sha256": "e47639bc149bec70036b13a382332d96bf7bf24bf020582fd29389f59d0a7bd8",
    "text": "莱政办字〔2024〕28号**莱阳市人民政府办公室关于进一步深化改革促进乡村医疗卫生体系",
    "raw_runs": [[0, 2, 13], [13, 17, 12], [25, 30, 13]],
}

STRUCTURE: dict[str, Any] = {
    "id": "laiyang-2024-28",
    "sections": [
        {
            "iri": "https://w3id.org/policy-kg/id/doc/laiyang-2024-28/section/1",
            "start": 332,
            "end": 632,
            "part_of": "https://w3id.org/policy-kg/id/doc/laiyang-2024-28",
            "ref": "一",
            "heading": "总体要求",
        }
    ],
    "measures": [
        {
            "iri": "https://w3id.org/policy-kg/id/doc/laiyang-2024-28/measure/1",
            "start": 650,
            "end": 874,
            "part_of": "https://w3id.org/policy-kg/id/doc/laiyang-2024-28/section/2",
            "ref": "(一)",
            "heading": "科学优化县域医疗卫生资源配置",
        }
    ],
    "clauses": [
        {
            "iri": "https://w3id.org/policy-kg/id/doc/laiyang-2024-28/clause/0",
            "start": 0,
            "end": 106,
            "part_of": "https://w3id.org/policy-kg/id/doc/laiyang-2024-28",
            "index": 0,
            "text": "莱政办字〔2024〕28号**莱阳市人民政府办公室关于进一步深化改革促进乡村医疗卫生体系高质量健康发展的实施意见**各镇政府、街道办事处，开发区、丁字湾度假区管委会，市政府有关部门，有关单位：",
        }
    ],
}

TASK: dict[str, Any] = {
    "id": "laiyang-2024-28/9",
    "iri": "https://w3id.org/policy-kg/id/doc/laiyang-2024-28/measure/9",
    "doc": "laiyang-2024-28",
    "city": "laiyang",
    "measure": "(九)",
    "heading": "加快打造规范化的乡村医生队伍",
    "start": 2939,
    "end": 3249,
    "lead_basis": "stated-order",
    "units_as_written": "市卫生健康局、市委编办、市人力资源和社会保障局、市行政审批服务局",
    "note": {"start": 3208, "end": 3247},
    "lead": [
        {
            "name": "市卫生健康局",
            "unit": "laiyang/health-7d255dce",
            "iri": "https://w3id.org/policy-kg/id/org/laiyang/health-7d255dce",
            "function": "health",
            "order": 1,
        }
    ],
    "co": [
        {
            "name": "市委编办",
            "unit": "laiyang/establishment-9062aeda",
            "iri": "https://w3id.org/policy-kg/id/org/laiyang/establishment-9062aeda",
            "function": "establishment",
            "order": 1,
        }
    ],
    "implicit": [],
}

UNIT: dict[str, Any] = {
    "id": "laiyang/administrative-approval-46e25b1a",
    "iri": "https://w3id.org/policy-kg/id/org/laiyang/administrative-approval-46e25b1a",
    "name_zh": "莱阳市行政审批服务局",
    "name_en": "Laiyang Municipal Administrative Approval Service Bureau",
    "city": "laiyang",
    "function": "administrative-approval",
    "function_zh": "行政审批",
    "function_en": "Administrative approval",
}

UNIT_DETAIL: dict[str, Any] = {
    "id": "laiyang/finance-15ea50a5",
    "iri": "https://w3id.org/policy-kg/id/org/laiyang/finance-15ea50a5",
    "name_zh": "莱阳市财政局",
    "name_en": "Laiyang Municipal Finance Bureau",
    "city": "laiyang",
    "function": "finance",
    "function_zh": "财政",
    "function_en": "Finance",
    "tasks": {
        "lead": [
            {
                "id": "laiyang-2024-28/21",
                "iri": "https://w3id.org/policy-kg/id/doc/laiyang-2024-28/measure/21",
                "doc": "laiyang-2024-28",
                "measure": "(二十一)",
                "heading": "强化督导考核",
                "name_as_written": "市财政局",
                "order": 1,
            }
        ],
        "co": [
            {
                "id": "laiyang-2024-28/1",
                "iri": "https://w3id.org/policy-kg/id/doc/laiyang-2024-28/measure/1",
                "doc": "laiyang-2024-28",
                "measure": "(一)",
                "heading": "科学优化县域医疗卫生资源配置",
                "name_as_written": "市财政局",
                "order": 3,
            }
        ],
        "implicit": [],
    },
}

TARGET: dict[str, Any] = {
    "id": "laiyang-2024-28/5",
    "iri": "https://w3id.org/policy-kg/id/doc/laiyang-2024-28/target/5",
    "doc": "laiyang-2024-28",
    "city": "laiyang",
    "measure": "(五)",
    "subject": "实行一体化管理的村卫生室房屋产权公有",
    "indicator": "village-clinic-property-public-share",
    "value": 100,
    "value_max": None,
    "unit": "%",
    "comparator": "=",
    "deadline": "2025-12-31",
    "deadline_text": "2025年底前",
    "start_year": None,
    "periodicity": None,
    "kind": "target",
    "value_text": "全面实现",
    "erratum": None,
    "source": {
        "clause": "https://w3id.org/policy-kg/id/doc/laiyang-2024-28/clause/37",
        "quote": "实行一体化管理的村卫生室全面实现房屋产权公有",
        "start": 1970,
        "end": 1992,
    },
}

CLAUSE_HIT: dict[str, Any] = {
    "clause": "https://w3id.org/policy-kg/id/doc/laiyang-2024-28/clause/62",
    "doc": "laiyang-2024-28",
    "city": "laiyang",
    "measure": "(九)",
    "part_of": "https://w3id.org/policy-kg/id/doc/laiyang-2024-28/measure/9",
    "text": "通过大学生乡村医生专项计划、乡聘村用等方式，加快充实乡村医生队伍，落实医学专业高等学校毕业生免试申请乡村医生执业注册政策。",
    "start": 3000,
    "end": 3061,
}

INDICATOR: dict[str, Any] = {
    "indicator": "village-doctor-licensed-share",
    "label_zh": "乡村医生中具备执业（助理）医师资格人员比例",
    "label_en": "Share of village doctors with a licensed (assistant) physician qualification",
    "curated": True,
    "dimension": "share",
    "comparable_unit": "%",
    "higher_is_more_ambitious": True,
    "scope_note": "Qingdao (青政办字〔2024〕49号) also counts rural general-practice assistant physicians (乡村全科执业助理医师); Laiyang (莱政办字〔2024〕28号) counts only licensed (assistant) physicians, so Qingdao's share is measured on a wider definition.",
    "targets": 2,
    "documents": 2,
    "cities": 2,
}

COMPARISON: dict[str, Any] = {
    "city": "laiyang",
    "city_zh": "莱阳",
    "city_en": "Laiyang",
    "doc": "laiyang-2024-28",
    "doc_number": "莱政办字〔2024〕28号",
    "doc_title": "关于进一步深化改革促进乡村医疗卫生体系高质量健康发展的实施意见",
    "measure": "(九)",
    "value": 50.0,
    "value_max": None,
    "unit": "%",
    "comparator": ">=",
    "deadline": "2025-12-31",
    "start_year": None,
    "periodicity": None,
    "kind": "target",
    "subject": "乡村医生中具备执业（助理）医师资格的人员比例",
    "quote": "乡村医生中具备执业（助理）医师资格的人员比例提高到50%以上",
    "start": 3177,
    "end": 3207,
    "comparable_value": 50.0,
    "comparable_value_max": None,
    "comparable_unit": "%",
    "target": "https://w3id.org/policy-kg/id/doc/laiyang-2024-28/target/14",
    "clause": "https://w3id.org/policy-kg/id/doc/laiyang-2024-28/clause/66",
    "value_as_written": None,
    "value_max_as_written": None,
    "indicator": "village-doctor-licensed-share",
    "indicator_label_en": "Share of village doctors with a licensed (assistant) physician qualification",
    "comparability": "Qingdao (青政办字〔2024〕49号) also counts rural general-practice assistant physicians (乡村全科执业助理医师); Laiyang (莱政办字〔2024〕28号) counts only licensed (assistant) physicians, so Qingdao's share is measured on a wider definition.",
}

DIFF: dict[str, Any] = {
    "city_a": "laiyang",
    "city_b": "qingdao",
    "shared": [
        {
            "indicator": "county-primary-outpatient-share",
            "label_zh": "县域内基层门急诊人次占比",
            "label_en": "Share of county outpatient and emergency visits handled at primary level",
            "a": {
                "doc": "laiyang-2024-28",
                "measure": "(二)",
                "value": 65.0,
                "value_max": None,
                "unit": "%",
                "comparator": ">=",
                "deadline": "2025-12-31",
                "comparable_value": 65.0,
                "comparable_value_max": None,
                "comparable_unit": "%",
                "quote": "县域内基层门急诊人次占比达到65%以上",
                "start": 1096,
                "end": 1115,
            },
            "b": {
                "doc": "qingdao-2024-49",
                "measure": "二(二)",
                "value": 65.0,
                "value_max": None,
                "unit": "%",
                "comparator": ">=",
                "deadline": "2025-12-31",
                "comparable_value": 65.0,
                "comparable_value_max": None,
                "comparable_unit": "%",
                "quote": "县域内基层门急诊人次占比达到65%以上",
                "start": 1203,
                "end": 1222,
            },
            "more_ambitious": "same",
            "deadline_difference_days": 0,
            "comparability": None,
        }
    ],
    "only_a": [
        {
            "indicator": "auto-1dbd02c853",
            "label_zh": "坐诊",
            "label_en": "Unreviewed indicator (天): 坐诊",
            "targets": [
                {
                    "doc": "laiyang-2024-28",
                    "measure": "(八)",
                    "value": 1.0,
                    "value_max": None,
                    "unit": "天",
                    "comparator": ">=",
                    "deadline": None,
                    "comparable_value": 1.0,
                    "comparable_value_max": None,
                    "comparable_unit": "天",
                    "quote": "每周至少坐诊1天",
                    "start": 2778,
                    "end": 2786,
                }
            ],
        }
    ],
    "only_b": [
        {
            "indicator": "auto-136a2eb4d3",
            "label_zh": "村卫生室能够提供不低于4类6项中医药适宜技术服务",
            "label_en": "Unreviewed indicator (%): 村卫生室能够提供不低于4类6项中医药适宜技术服务",
            "targets": [
                {
                    "doc": "qingdao-2024-49",
                    "measure": "三(四)",
                    "value": 90.0,
                    "value_max": None,
                    "unit": "%",
                    "comparator": "=",
                    "deadline": "2025-12-31",
                    "comparable_value": 90.0,
                    "comparable_value_max": None,
                    "comparable_unit": "%",
                    "quote": "100%社区卫生服务站和90%村卫生室能够提供不低于4类6项中医药适宜技术服务",
                    "start": 3642,
                    "end": 3681,
                }
            ],
        }
    ],
    "lead_differences": [
        {
            "indicator": "grassroots-targeted-post-share",
            "lead_functions_a": ["health"],
            "lead_functions_b": ["establishment"],
        }
    ],
}

EXTRACT: dict[str, Any] = {
    "file": "foshan-2024-dengue-plan.pdf",
    "doc": "foshan-2024-dengue-plan",
    "reader": "pdf",
    "reader_version": "pypdfium2 5.15.2 (PDFium 159.0.8149.0)",
    "pages": 16,
    "ocr": None,
    "metadata": {
        "title": "佛山市登革热疫情防控巩固工作方案",
        "issuer": "佛山市公共卫生与重大疾病防治工作领导小组办公室",
        "doc_number": "佛公卫办函〔2024〕37号",
        "date": "2024-08-09",
        "cites": [],
    },
    "notes": ["dropped 14 page-number lines at page edges"],
    "records": [
        {
            "type": "target",
            "doc": "foshan-2024-dengue-plan",
            "measure": "三(二)2",
            "start": 1404,
            "end": 1447,
            "quote": "疫点核心区所在\n镇（街道）或社区村委应于接报疫情 24 小时内完成入户队伍组\n建和培训",
            "subject": "疫点核心区所在镇（街道）或社区村委应于接报疫情",
            "indicator": None,
            "value": 24,
            "value_max": None,
            "unit": "小时",
            "comparator": "<=",
            "deadline": None,
            "start_year": None,
            "periodicity": None,
            "kind": "duration",
            "page": 4,
        }
    ],
}
