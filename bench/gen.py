#!/usr/bin/env python3
"""gen.py — deterministic generator of realistic department-year files for benchmarks.

Writes N synthetic 部门整体绩效自评 files (kind: department, framework
sichuan-ebian-department-2023, money_unit 万元) in exactly the format of
examples/ebian-cppcc-2023.yaml and docs/format.md: a profile with staffing, work
items with counts, a budget whose tasks add up, ~70 indicators whose weights add up
to exactly 100 (产出/效益/满意度/成本, natures ≥ ≤ = 定性, some targets missed with a
deviation note, some actuals written as references), finance whose sums agree,
3–6 projects, the two eight-item analyses with checkable claims that hold, result
application and assessment blocks that add up to the stated total.

Every generated file is meant to pass `jixiao check` without an error (warnings
may occur, as in real files).  With --faults, about 5% of the files get one
real-world mistake each (listed in faults.tsv in the output directory).

Python 3 standard library only.  The same --seed always gives the same bytes.

    python3 bench/gen.py --departments 1000 --seed 2023 -o /tmp/depts
"""

import argparse
import os
import random
import sys
from fractions import Fraction

YEAR = 2023
FRAMEWORK = "sichuan-ebian-department-2023"

# ---------------------------------------------------------------------------
# vocabulary
# ---------------------------------------------------------------------------

COUNTIES = [
    "峨边彝族自治县", "马边彝族自治县", "沐川县", "井研县", "夹江县", "犍为县", "峨眉山市",
    "金口河区", "五通桥区", "沙湾区", "屏山县", "雷波县", "美姑县", "甘洛县", "汉源县",
    "石棉县", "荥经县", "天全县", "芦山县", "宝兴县", "名山区", "青神县", "洪雅县",
    "丹棱县", "彭山区", "仁寿县",
]

# Each domain: suffix, duties, specific bodies, functions, quantity acts
# (name, unit, lo, hi, count key), quality (name, nature, target, unit),
# qualitative (name, target text), benefits (level2, name, nature, target, unit),
# satisfaction objects, projects.
DOMAINS = [
    dict(
        suffix="教育局", duties="统筹管理全县教育事业，推进义务教育均衡发展",
        bodies=["基础教育股", "职业与成人教育股", "学生资助管理中心", "教师发展中心", "教育技术装备站", "安全稳定股"],
        functions=["贯彻执行国家教育方针、政策和法规，拟订全县教育发展规划并组织实施。",
                   "统筹管理全县基础教育、职业教育和成人教育，推进义务教育均衡发展。",
                   "负责全县学生资助工作，落实各项学生资助政策。",
                   "负责全县教师队伍建设，组织开展教师继续教育和培训。",
                   "指导学校安全稳定和校园周边环境综合治理工作。"],
        acts=[("开展教师专业能力培训", "场", 8, 40, "teacher_trainings"),
              ("培训中小学教师", "人次", 300, 2500, "teachers_trained"),
              ("资助家庭经济困难学生", "人次", 800, 9000, "students_aided"),
              ("开展校园安全隐患排查", "次", 4, 24, "campus_safety_checks"),
              ("实施校舍维修改造", "所", 3, 20, "schools_repaired"),
              ("开展控辍保学劝返", "人", 5, 80, "dropouts_returned"),
              ("实施营养改善计划覆盖学生", "人", 3000, 30000, "meal_students"),
              ("开展教学视导", "次", 4, 20, "teaching_inspections"),
              ("组织教研活动", "场", 10, 60, "teaching_research_events"),
              ("开展送教下乡", "次", 6, 30, "teaching_visits"),
              ("招聘补充教师", "名", 10, 120, "teachers_recruited"),
              ("建设智慧教室", "间", 10, 80, "smart_classrooms")],
        quality=[("义务教育巩固率", "≥", 95, "%"), ("教师培训合格率", "≥", 95, "%"),
                 ("资助对象识别准确率", "=", 100, "%"), ("校舍安全隐患整改率", "=", 100, "%"),
                 ("营养餐食品安全事故发生率", "≤", 0, "%")],
        qual=[("义务教育均衡发展水平", "持续提升"), ("教育教学质量", "稳步提高")],
        benefits=[("社会效益指标", "适龄儿童入学率", "≥", 99, "%"),
                  ("社会效益指标", "家庭经济困难学生应助尽助率", "=", 100, "%"),
                  ("可持续影响指标", "教育资源配置持续优化", "定性", "持续优化", None)],
        objects=["学生及家长", "中小学教师"],
        projects=["学生资助补助经费", "农村义务教育学生营养改善计划", "教师培训专项经费", "校舍维修改造资金",
                  "学前教育发展资金", "教育信息化建设项目", "县域高中振兴专项"],
    ),
    dict(
        suffix="卫生健康局", duties="统筹推进全县卫生健康事业，保障人民群众身体健康",
        bodies=["医政医管股", "疾病预防控制股", "基层卫生健康股", "人口监测与家庭发展股", "卫生监督执法大队", "健康教育所"],
        functions=["贯彻执行卫生健康法律法规和政策，拟订全县卫生健康事业发展规划。",
                   "负责全县疾病预防控制和突发公共卫生事件应急处置工作。",
                   "组织实施国家基本公共卫生服务项目。",
                   "负责医疗机构、医疗服务行业的监督管理。",
                   "负责人口监测预警和计划生育家庭奖励扶助工作。"],
        acts=[("开展健康教育讲座", "场", 20, 120, "health_lectures"),
              ("开展家庭医生签约服务", "人", 5000, 60000, "family_doctor_contracts"),
              ("开展公共场所卫生监督检查", "户次", 100, 900, "sanitation_inspections"),
              ("组织开展义诊活动", "次", 6, 40, "free_clinics"),
              ("开展免费孕前优生健康检查", "对", 200, 1500, "prepregnancy_checks"),
              ("培训乡村医生", "人次", 100, 800, "village_doctors_trained"),
              ("完成适龄儿童预防接种", "剂次", 5000, 40000, "vaccinations"),
              ("开展65岁以上老年人健康体检", "人", 2000, 15000, "elderly_checkups"),
              ("规范管理高血压患者", "人", 2000, 12000, "hypertension_managed"),
              ("开展医疗机构依法执业检查", "家次", 30, 200, "clinic_inspections"),
              ("落实计划生育家庭奖励扶助", "人", 300, 3000, "family_planning_aided")],
        quality=[("适龄儿童免疫规划疫苗接种率", "≥", 90, "%"), ("居民电子健康档案建档率", "≥", 90, "%"),
                 ("孕产妇系统管理率", "≥", 90, "%"), ("传染病报告及时率", "=", 100, "%"),
                 ("医疗纠纷发生率", "≤", 1, "%")],
        qual=[("基本公共卫生服务质量", "持续提升"), ("医疗服务能力", "明显增强")],
        benefits=[("社会效益指标", "居民健康素养水平", "≥", 25, "%"),
                  ("社会效益指标", "重大传染病疫情发生数", "≤", 0, "起"),
                  ("可持续影响指标", "基层医疗卫生服务体系", "定性", "持续完善", None)],
        objects=["城乡居民", "签约居民"],
        projects=["基本公共卫生服务项目", "计划生育家庭奖励扶助资金", "医疗卫生机构能力建设",
                  "重大传染病防控经费", "乡村医生补助资金", "卫生健康信息化建设"],
    ),
    dict(
        suffix="农业农村局", duties="统筹推进乡村振兴和农业农村现代化",
        bodies=["种植业管理股", "畜牧兽医股", "农田建设管理股", "乡村产业发展股", "农村合作经济经营管理站", "农业综合行政执法大队"],
        functions=["统筹研究和组织实施全县“三农”工作发展战略和规划。",
                   "负责高标准农田建设和耕地质量管理工作。",
                   "负责种植业、畜牧业的行业管理和动物疫病防控工作。",
                   "负责农产品质量安全监督管理。",
                   "指导农村集体经济发展和农村人居环境整治工作。"],
        acts=[("建设高标准农田", "亩", 3000, 30000, "farmland_mu"),
              ("开展农业实用技术培训", "场", 10, 80, "agri_trainings"),
              ("培育高素质农民", "人", 50, 600, "farmers_trained"),
              ("推广农业主推技术", "项", 5, 20, "techniques_promoted"),
              ("开展动物疫病强制免疫", "万头只", 10, 120, "animals_vaccinated"),
              ("开展农产品质量安全抽检", "批次", 100, 1500, "produce_samples"),
              ("扶持发展村集体经济试点村", "个", 3, 30, "collective_economy_villages"),
              ("兑付耕地地力保护补贴农户", "户", 5000, 60000, "subsidy_households"),
              ("落实农机购置补贴", "台套", 50, 800, "machines_subsidised"),
              ("建设人居环境整治示范村", "个", 3, 20, "model_villages"),
              ("开展农业执法检查", "次", 10, 80, "agri_law_inspections")],
        quality=[("农产品质量安全抽检合格率", "≥", 97, "%"), ("高标准农田建设验收合格率", "=", 100, "%"),
                 ("重大动物疫病免疫密度", "≥", 90, "%"), ("补贴资金兑付准确率", "=", 100, "%")],
        qual=[("农业产业结构", "持续优化"), ("农村人居环境", "明显改善")],
        benefits=[("经济效益指标", "带动农户增收", "≥", 500, "万元"),
                  ("社会效益指标", "粮食播种面积", "≥", 10, "万亩"),
                  ("生态效益指标", "化肥农药使用量增长率", "≤", 0, "%"),
                  ("可持续影响指标", "农业综合生产能力", "定性", "稳步提升", None)],
        objects=["农户", "农业经营主体"],
        projects=["高标准农田建设项目", "耕地地力保护补贴", "动物防疫补助经费", "农业产业发展专项资金",
                  "农村人居环境整治项目", "乡村振兴衔接资金项目", "农产品质量安全监管经费"],
    ),
    dict(
        suffix="民政局", duties="统筹做好基本民生保障、基层社会治理和基本社会服务",
        bodies=["社会救助股", "养老服务股", "基层政权和社区建设股", "社会事务股", "婚姻登记处", "社会福利中心"],
        functions=["贯彻执行民政工作法律法规和政策，拟订全县民政事业发展规划。",
                   "负责城乡最低生活保障、特困人员救助供养、临时救助等社会救助工作。",
                   "统筹推进养老服务体系建设，负责养老机构监督管理。",
                   "负责社会组织登记和监督管理工作。",
                   "负责婚姻登记、殡葬管理和儿童福利工作。"],
        acts=[("保障城乡低保对象", "人", 2000, 20000, "dibao_persons"),
              ("落实特困人员救助供养", "人", 200, 2000, "destitute_persons"),
              ("实施临时救助", "人次", 100, 3000, "temporary_aid"),
              ("开展养老机构安全检查", "次", 4, 30, "elderly_home_checks"),
              ("办理婚姻登记", "对", 300, 3000, "marriages_registered"),
              ("建设村（社区）养老服务站", "个", 2, 20, "elderly_stations"),
              ("开展社会组织年度检查", "个", 20, 200, "ngo_inspections"),
              ("保障孤儿和事实无人抚养儿童", "人", 20, 300, "children_protected"),
              ("发放残疾人两项补贴", "人", 1000, 9000, "disability_subsidies"),
              ("开展殡葬改革宣传", "次", 3, 20, "funeral_campaigns")],
        quality=[("低保对象认定准确率", "≥", 98, "%"), ("救助资金发放准确率", "=", 100, "%"),
                 ("特困人员集中供养率", "≥", 40, "%"), ("婚姻登记合格率", "=", 100, "%")],
        qual=[("兜底保障能力", "持续增强"), ("养老服务质量", "稳步提升")],
        benefits=[("社会效益指标", "困难群众基本生活保障率", "=", 100, "%"),
                  ("社会效益指标", "困难群众应保尽保", "定性", "应保尽保", None),
                  ("可持续影响指标", "社会救助体系", "定性", "持续完善", None)],
        objects=["救助对象", "服务对象"],
        projects=["城乡最低生活保障资金", "特困人员救助供养资金", "临时救助资金", "养老服务体系建设",
                  "困难残疾人生活补贴和重度残疾人护理补贴", "孤儿基本生活保障资金"],
    ),
    dict(
        suffix="交通运输局", duties="统筹全县交通基础设施建设、养护和运输管理",
        bodies=["规划建设股", "公路养护管理站", "运输管理股", "交通运输综合行政执法大队", "安全监督股", "农村公路管理所"],
        functions=["贯彻执行交通运输法律法规和政策，拟订全县交通运输发展规划。",
                   "负责农村公路建设、养护和管理工作。",
                   "负责道路运输市场监督管理和城乡客运组织。",
                   "负责交通运输行业安全生产监督管理。"],
        acts=[("新改建农村公路", "公里", 20, 150, "roads_built_km"),
              ("养护农村公路", "公里", 300, 2000, "roads_maintained_km"),
              ("实施危旧桥梁改造", "座", 2, 15, "bridges_rebuilt"),
              ("实施公路安全生命防护工程", "公里", 10, 120, "safety_works_km"),
              ("开展道路运输执法检查", "次", 30, 200, "transport_inspections"),
              ("新增农村客运线路", "条", 1, 8, "bus_routes_added"),
              ("建设农村客运招呼站", "个", 10, 60, "bus_stops_built"),
              ("开展交通安全宣传", "场", 5, 40, "traffic_campaigns"),
              ("整治公路安全隐患", "处", 20, 200, "road_hazards_fixed")],
        quality=[("农村公路优良中等路率", "≥", 80, "%"), ("工程验收合格率", "=", 100, "%"),
                 ("具备条件的建制村通客车率", "=", 100, "%"), ("公路隐患整改率", "≥", 95, "%")],
        qual=[("农村公路通行条件", "明显改善"), ("运输市场秩序", "规范有序")],
        benefits=[("社会效益指标", "群众出行便利程度", "定性", "明显提高", None),
                  ("经济效益指标", "带动沿线群众增收", "≥", 200, "万元"),
                  ("可持续影响指标", "公路使用年限", "≥", 10, "年")],
        objects=["沿线群众", "运输企业"],
        projects=["农村公路养护资金", "危桥改造项目", "农村客运补贴", "公路安全生命防护工程",
                  "交通建设项目前期经费", "农村公路管护经费"],
    ),
    dict(
        suffix="文化广播电视和旅游局", duties="统筹推进文化事业、文化产业和旅游业发展",
        bodies=["公共服务股", "文化遗产股", "产业发展股", "市场管理股", "文化馆", "图书馆", "文化市场综合行政执法大队"],
        functions=["贯彻执行文化、广播电视和旅游工作法律法规和政策。",
                   "负责公共文化服务体系建设，组织实施文化惠民工程。",
                   "负责文物和非物质文化遗产保护工作。",
                   "统筹全县旅游资源开发和文化旅游市场监管。"],
        acts=[("开展送文化下乡演出", "场", 20, 120, "culture_shows"),
              ("放映农村公益电影", "场", 300, 2000, "film_screenings"),
              ("举办文化旅游节会活动", "次", 2, 12, "tourism_festivals"),
              ("开展文化旅游市场执法检查", "次", 20, 150, "market_inspections"),
              ("免费开放公共文化场馆", "个", 3, 20, "venues_open"),
              ("开展非遗保护传承活动", "次", 4, 30, "heritage_events"),
              ("新增图书馆藏书", "册", 2000, 20000, "books_added"),
              ("组织群众文艺培训", "期", 4, 30, "arts_trainings"),
              ("开展文物安全巡查", "次", 12, 80, "relic_patrols")],
        quality=[("公共文化场馆免费开放率", "=", 100, "%"), ("演出活动群众参与率", "≥", 80, "%"),
                 ("文物安全事故发生率", "≤", 0, "%"), ("旅游投诉办结率", "≥", 98, "%")],
        qual=[("公共文化服务水平", "持续提升"), ("文化旅游品牌影响力", "明显增强")],
        benefits=[("经济效益指标", "旅游综合收入增长率", "≥", 8, "%"),
                  ("社会效益指标", "群众文化生活", "定性", "明显丰富", None),
                  ("可持续影响指标", "非遗传承人队伍", "定性", "稳定壮大", None)],
        objects=["群众", "游客"],
        projects=["公共文化服务体系建设", "农村电影放映补助", "文化旅游宣传推广经费", "非物质文化遗产保护",
                  "文物保护专项资金", "图书馆免费开放补助"],
    ),
    dict(
        suffix="人力资源和社会保障局", duties="统筹推进就业创业、社会保险和人事人才工作",
        bodies=["就业促进股", "社会保险股", "人才开发股", "劳动关系股", "劳动保障监察大队", "就业服务中心"],
        functions=["贯彻执行人力资源和社会保障法律法规和政策。",
                   "负责促进就业创业工作，统筹城乡就业服务。",
                   "负责城乡居民社会保险政策落实和基金监管。",
                   "负责劳动关系协调和劳动保障监察工作。"],
        acts=[("开展职业技能培训", "人次", 500, 5000, "skill_trainees"),
              ("实现城镇新增就业", "人", 500, 4000, "new_jobs"),
              ("举办专场招聘会", "场", 5, 40, "job_fairs"),
              ("组织农村劳动力转移输出", "万人", 2, 15, "migrant_workers"),
              ("办理社会保险业务", "件", 5000, 60000, "insurance_cases"),
              ("发放创业担保贷款", "笔", 20, 300, "startup_loans"),
              ("开展劳动保障监察检查", "户次", 50, 500, "labor_inspections"),
              ("调解劳动人事争议案件", "件", 20, 200, "labor_disputes"),
              ("引进急需紧缺人才", "名", 10, 120, "talents_recruited")],
        quality=[("培训后就业率", "≥", 60, "%"), ("社保待遇发放准确率", "=", 100, "%"),
                 ("劳动争议调解成功率", "≥", 60, "%"), ("城乡居民养老保险参保率", "≥", 90, "%")],
        qual=[("就业服务质量", "持续提升"), ("劳动关系", "和谐稳定")],
        benefits=[("社会效益指标", "城镇登记失业率", "≤", 4.5, "%"),
                  ("经济效益指标", "劳务收入", "≥", 10, "亿元"),
                  ("可持续影响指标", "就业创业服务体系", "定性", "持续完善", None)],
        objects=["参保群众", "求职者"],
        projects=["就业补助资金", "城乡居民基本养老保险补助", "职业技能提升行动经费", "创业担保贷款贴息",
                  "人才引进专项经费", "劳动保障监察经费"],
    ),
    dict(
        suffix="自然资源和规划局", duties="统筹国土空间规划、自然资源保护与合理利用",
        bodies=["国土空间规划股", "耕地保护股", "不动产登记中心", "地质灾害防治股", "自然资源执法大队", "测绘地理信息股"],
        functions=["贯彻执行自然资源和国土空间规划法律法规和政策。",
                   "负责国土空间规划编制和用途管制工作。",
                   "负责耕地保护和土地整理工作。",
                   "负责不动产统一登记和地质灾害防治工作。"],
        acts=[("核查土地卫片执法图斑", "个", 100, 1200, "satellite_spots"),
              ("办理不动产登记", "件", 3000, 30000, "property_registrations"),
              ("实施土地整理", "亩", 500, 8000, "land_consolidated_mu"),
              ("开展地质灾害隐患点巡查", "次", 50, 600, "hazard_patrols"),
              ("编制实用性村庄规划", "个", 3, 40, "village_plans"),
              ("办理建设项目用地审批", "件", 10, 120, "land_approvals"),
              ("实施国土空间生态修复", "亩", 200, 5000, "restoration_mu"),
              ("开展地质灾害应急演练", "次", 5, 60, "hazard_drills")],
        quality=[("不动产登记按时办结率", "≥", 98, "%"), ("违法用地查处率", "=", 100, "%"),
                 ("地质灾害隐患点监测覆盖率", "=", 100, "%"), ("耕地保有量完成率", "=", 100, "%")],
        qual=[("国土空间开发保护格局", "持续优化"), ("自然资源管理秩序", "规范有序")],
        benefits=[("社会效益指标", "地质灾害造成人员伤亡", "≤", 0, "人"),
                  ("生态效益指标", "森林覆盖率", "≥", 60, "%"),
                  ("可持续影响指标", "耕地保护长效机制", "定性", "健全完善", None)],
        objects=["办事群众", "用地单位"],
        projects=["地质灾害防治项目", "不动产登记信息化建设", "土地整理项目", "国土空间规划编制经费",
                  "耕地保护补偿资金", "自然资源调查监测经费"],
    ),
    dict(
        suffix="水利局", duties="统筹推进水利基础设施建设和水资源管理",
        bodies=["水利工程建设股", "水资源管理股", "农村水利水电股", "河湖管理股", "水土保持站", "防汛抗旱办公室"],
        functions=["贯彻执行水利法律法规和政策，拟订全县水利发展规划。",
                   "负责农村供水工程建设与管理。",
                   "负责河湖管理和河长制日常工作。",
                   "负责水旱灾害防御和水土保持工作。"],
        acts=[("新建维修农村供水工程", "处", 10, 120, "water_works"),
              ("巩固提升农村供水人口", "人", 2000, 40000, "water_population"),
              ("实施中小河流治理", "公里", 3, 40, "river_km"),
              ("开展河湖巡查", "次", 200, 3000, "river_patrols"),
              ("实施病险水库除险加固", "座", 1, 8, "reservoirs_reinforced"),
              ("开展防汛应急演练", "次", 2, 20, "flood_drills"),
              ("治理水土流失面积", "平方公里", 5, 60, "erosion_km2"),
              ("建设小型农田水利设施", "处", 10, 150, "irrigation_works")],
        quality=[("农村自来水普及率", "≥", 85, "%"), ("工程验收合格率", "=", 100, "%"),
                 ("河湖“四乱”问题整改率", "=", 100, "%"), ("水质检测合格率", "≥", 90, "%")],
        qual=[("农村供水保障水平", "明显提升"), ("河湖面貌", "持续改善")],
        benefits=[("社会效益指标", "受益群众", "≥", 5000, "人"),
                  ("生态效益指标", "水功能区水质达标率", "≥", 90, "%"),
                  ("可持续影响指标", "工程设计使用年限", "≥", 15, "年")],
        objects=["受益群众", "用水户"],
        projects=["农村饮水安全巩固提升工程", "河长制工作经费", "小型水库运行维护资金", "山洪灾害防治项目",
                  "水土保持项目", "农田水利设施建设资金"],
    ),
    dict(
        suffix="人民政府办公室", duties="负责县政府日常运转、政务服务和督查督办",
        bodies=["秘书股", "综合股", "督查室", "政务公开办", "机要保密股", "行政股"],
        functions=["负责县政府会议的组织筹备和决定事项的督促落实。",
                   "负责县政府公文处理和政务信息工作。",
                   "负责县政府重要工作部署的督查督办。",
                   "负责政务公开和政府网站管理工作。"],
        acts=[("办理各类公文", "件", 1500, 8000, "documents_handled"),
              ("编发政务信息", "期", 50, 300, "info_issues"),
              ("开展督查督办", "次", 20, 150, "supervisions"),
              ("保障政府常务会议", "次", 12, 40, "executive_meetings"),
              ("办理领导批示件", "件", 100, 900, "instructions_handled"),
              ("开展机要保密检查", "次", 2, 12, "secrecy_checks"),
              ("办理“12345”热线工单", "件", 2000, 20000, "hotline_orders")],
        quality=[("公文处理差错率", "≤", 1, "%"), ("督办事项办结率", "≥", 95, "%"),
                 ("热线工单按时办结率", "≥", 95, "%"), ("政务信息采用率", "≥", 30, "%")],
        qual=[("政府运转保障", "高效有序"), ("政务服务水平", "持续提升")],
        benefits=[("社会效益指标", "政府决策部署落实", "定性", "落实有力", None),
                  ("社会效益指标", "政务公开知晓率", "≥", 85, "%"),
                  ("可持续影响指标", "督查督办长效机制", "定性", "健全完善", None)],
        objects=["办事群众", "县级部门"],
        projects=["机关运行保障经费", "政府会议经费", "督查工作经费", "政务信息化建设", "档案数字化项目",
                  "“12345”热线运行经费"],
    ),
    dict(
        suffix="市场监督管理局", duties="统筹市场综合监督管理，保障食品药品和特种设备安全",
        bodies=["登记注册股", "食品安全协调股", "特种设备安全监察股", "价格监督检查股", "消费者权益保护股", "市场监管综合行政执法大队"],
        functions=["贯彻执行市场监督管理法律法规和政策。",
                   "负责市场主体统一登记注册和信用监管。",
                   "负责食品安全监督管理和抽样检验。",
                   "负责特种设备安全监察、计量和标准化工作。",
                   "负责消费者权益保护和投诉举报处理。"],
        acts=[("开展食品安全抽检", "批次", 300, 2500, "food_samples"),
              ("检查各类市场主体", "户次", 500, 5000, "market_checks"),
              ("登记新设市场主体", "户", 500, 6000, "new_businesses"),
              ("开展特种设备安全检查", "台次", 100, 1000, "equipment_checks"),
              ("查办违法案件", "件", 20, 200, "cases_handled"),
              ("处理消费投诉举报", "件", 100, 2000, "complaints_handled"),
              ("开展计量器具检定", "台件", 500, 5000, "meters_verified"),
              ("开展药品安全检查", "家次", 50, 400, "drug_checks")],
        quality=[("食品抽检合格率", "≥", 97, "%"), ("投诉举报按时办结率", "≥", 98, "%"),
                 ("特种设备定期检验率", "≥", 95, "%"), ("案件办理合法率", "=", 100, "%")],
        qual=[("市场秩序", "规范有序"), ("营商环境", "持续优化")],
        benefits=[("社会效益指标", "重大食品安全事故", "≤", 0, "起"),
                  ("经济效益指标", "为消费者挽回经济损失", "≥", 20, "万元"),
                  ("可持续影响指标", "信用监管机制", "定性", "健全完善", None)],
        objects=["消费者", "市场主体"],
        projects=["食品安全抽检监测经费", "市场监管执法办案经费", "特种设备安全监管经费", "知识产权保护专项",
                  "消费维权工作经费", "计量检定设备购置"],
    ),
    dict(
        suffix="应急管理局", duties="统筹安全生产监管、防灾减灾和应急救援工作",
        bodies=["安全生产综合股", "应急指挥中心", "防灾减灾救灾股", "危险化学品监管股", "应急管理综合行政执法大队"],
        functions=["贯彻执行应急管理和安全生产法律法规和政策。",
                   "负责安全生产综合监督管理和执法检查。",
                   "负责自然灾害防治和救灾物资储备管理。",
                   "负责应急预案体系建设和应急救援队伍建设。"],
        acts=[("开展安全生产执法检查", "次", 50, 400, "safety_enforcement"),
              ("排查整改安全隐患", "处", 200, 2000, "hazards_fixed"),
              ("组织应急演练", "次", 5, 40, "emergency_drills"),
              ("开展安全生产培训", "人次", 300, 4000, "safety_trainees"),
              ("储备救灾物资", "件", 2000, 20000, "relief_supplies"),
              ("开展防灾减灾宣传", "场", 5, 40, "disaster_campaigns"),
              ("完成自然灾害风险普查", "项", 5, 20, "risk_surveys"),
              ("培训灾害信息员", "人", 50, 400, "disaster_informants")],
        quality=[("隐患整改率", "≥", 95, "%"), ("应急物资完好率", "=", 100, "%"),
                 ("执法检查覆盖率", "≥", 90, "%"), ("较大以上生产安全事故", "≤", 0, "起")],
        qual=[("应急处置能力", "明显提升"), ("安全生产形势", "总体平稳")],
        benefits=[("社会效益指标", "生产安全事故死亡人数下降率", "≥", 5, "%"),
                  ("社会效益指标", "群众安全感", "≥", 95, "%"),
                  ("可持续影响指标", "应急管理体系", "定性", "持续完善", None)],
        objects=["企业", "群众"],
        projects=["安全生产监管经费", "应急物资储备经费", "防灾减灾救灾资金", "应急救援队伍建设",
                  "森林防灭火专项经费", "自然灾害综合风险普查"],
    ),
    dict(
        suffix="司法局", duties="统筹推进全面依法治县和公共法律服务体系建设",
        bodies=["普法与依法治理股", "人民参与和促进法治股", "社区矫正管理局", "公共法律服务管理股", "法律援助中心", "公证处"],
        functions=["贯彻执行法治建设法律法规和政策，承担全面依法治县日常工作。",
                   "负责普法宣传和依法治理工作。",
                   "负责人民调解、社区矫正和法律援助工作。",
                   "负责公共法律服务体系建设。"],
        acts=[("开展普法宣传活动", "场", 30, 200, "law_campaigns"),
              ("调解矛盾纠纷", "件", 300, 3000, "disputes_mediated"),
              ("办理法律援助案件", "件", 50, 500, "legal_aid_cases"),
              ("接收社区矫正对象", "人", 20, 200, "community_corrections"),
              ("开展行政执法监督检查", "次", 5, 40, "enforcement_reviews"),
              ("办理公证事项", "件", 300, 3000, "notarizations"),
              ("培训人民调解员", "人次", 100, 1000, "mediators_trained")],
        quality=[("矛盾纠纷调解成功率", "≥", 95, "%"), ("法律援助案件质量合格率", "≥", 95, "%"),
                 ("社区矫正对象再犯罪率", "≤", 0.2, "%"), ("公证差错率", "≤", 0, "%")],
        qual=[("法治宣传教育成效", "明显提升"), ("公共法律服务", "便捷高效")],
        benefits=[("社会效益指标", "群众法治意识", "定性", "明显增强", None),
                  ("社会效益指标", "法治宣传覆盖率", "≥", 90, "%"),
                  ("可持续影响指标", "公共法律服务体系", "定性", "持续完善", None)],
        objects=["受援群众", "当事人"],
        projects=["法律援助经费", "普法宣传经费", "人民调解经费", "社区矫正经费", "公共法律服务体系建设"],
    ),
    dict(
        suffix="统计局", duties="组织实施统计调查，提供统计信息和统计咨询",
        bodies=["综合统计股", "农村统计股", "工业交通统计股", "贸易统计股", "普查中心", "统计执法大队"],
        functions=["贯彻执行统计法律法规和政策，组织实施全县统计调查。",
                   "负责国民经济核算和统计数据质量管理。",
                   "负责统计信息发布和统计分析。",
                   "负责统计执法检查和统计信用建设。"],
        acts=[("完成统计调查项目", "项", 10, 40, "surveys_done"),
              ("开展统计执法检查", "家", 10, 80, "statistical_inspections"),
              ("编发统计信息", "期", 12, 60, "stat_bulletins"),
              ("培训基层统计人员", "人次", 100, 800, "stat_staff_trained"),
              ("审核联网直报企业报表", "份", 1000, 8000, "reports_reviewed"),
              ("撰写统计分析报告", "篇", 10, 60, "analysis_reports")],
        quality=[("统计报表及时率", "=", 100, "%"), ("数据审核差错率", "≤", 1, "%"),
                 ("联网直报企业报送率", "≥", 98, "%")],
        qual=[("统计数据质量", "真实准确"), ("统计服务水平", "持续提升")],
        benefits=[("社会效益指标", "统计数据为决策提供依据", "定性", "作用明显", None),
                  ("可持续影响指标", "统计数据质量控制机制", "定性", "健全完善", None)],
        objects=["统计数据使用者", "调查对象"],
        projects=["统计调查专项经费", "全国经济普查经费", "统计信息化建设", "人口抽样调查经费"],
    ),
]

# Shared by every department.
GENERIC_ACTS = [
    ("召开党组会议", "次", 12, 30, "party_group_meetings"),
    ("开展党组理论学习中心组学习", "次", 8, 16, "group_study_sessions"),
    ("开展干部职工业务培训", "场", 4, 15, "staff_trainings"),
    ("办理人大代表建议和政协委员提案", "件", 5, 40, "proposals_handled"),
    ("报送政务信息", "条", 30, 200, "info_reports"),
    ("主动公开政府信息", "条", 50, 400, "info_disclosures"),
    ("开展安全生产自查", "次", 4, 12, "self_safety_checks"),
    ("开展专题调研", "次", 3, 12, "research_trips"),
    ("办理群众来信来访", "件", 10, 120, "petitions_handled"),
    ("开展“谁执法谁普法”宣传", "场", 3, 15, "own_law_campaigns"),
    ("开展志愿服务活动", "次", 4, 24, "volunteer_activities"),
    ("制定或修订内部管理制度", "项", 3, 12, "rules_revised"),
    ("开展廉政警示教育", "次", 2, 8, "integrity_education"),
    ("结对帮扶脱贫户", "户", 20, 120, "paired_households"),
    ("编发工作简报", "期", 6, 24, "briefings"),
    ("在各级媒体宣传报道", "篇", 10, 120, "media_reports"),
    ("开展固定资产清查", "次", 1, 2, "asset_checks"),
    ("开展保密教育培训", "次", 1, 4, "secrecy_trainings"),
    ("开展“三会一课”", "次", 20, 60, "party_lessons"),
    ("开展主题党日活动", "次", 12, 24, "party_days"),
]

GENERIC_QUALITY = [
    ("公文处理合格率", "≥", 98, "%"), ("信息公开及时准确率", "≥", 95, "%"),
    ("财务核算准确率", "=", 100, "%"), ("固定资产账实相符率", "≥", 95, "%"),
    ("建议提案办复率", "=", 100, "%"), ("审计发现问题整改率", "=", 100, "%"),
    ("政府采购执行率", "≥", 90, "%"), ("会计资料归档完整率", "=", 100, "%"),
    ("信访事项化解率", "≥", 90, "%"), ("档案管理规范率", "≥", 95, "%"),
]
GENERIC_QUAL = [
    ("保障人员工资足额按时发放和单位正常运转", "正常运转"),
    ("内部控制制度执行情况", "有效执行"),
    ("干部队伍作风建设", "明显加强"),
    ("意识形态工作责任制落实", "全面落实"),
    ("预算绩效管理工作质量", "高中低"),
]
GENERIC_TIMELY = [
    ("资金支付及时率", "≥", 95, "%"), ("工资按时足额发放率", "=", 100, "%"),
    ("信访事项按期办结率", "≥", 95, "%"), ("项目按期完成率", "≥", 90, "%"),
    ("月度会计报表报送及时率", "=", 100, "%"), ("建议提案办理时限", "≤", 90, "天"),
    ("政务服务事项承诺办结时限", "≤", 15, "个工作日"), ("决算报表报送时间", "≤", 2, "月"),
    ("重要工作督办事项按时办结率", "≥", 95, "%"), ("政府信息公开申请答复时限", "≤", 20, "个工作日"),
]
GENERIC_BENEFITS = [
    ("社会效益指标", "群众政策知晓率", "≥", 85, "%"),
    ("社会效益指标", "促进社会和谐稳定", "定性", "有效促进", None),
    ("社会效益指标", "干部职工履职能力", "定性", "明显提升", None),
    ("经济效益指标", "节约行政运行成本", "≥", 5, "万元"),
    ("生态效益指标", "办公能耗降低率", "≥", 2, "%"),
    ("生态效益指标", "无纸化办公率", "≥", 60, "%"),
    ("可持续影响指标", "制度执行长效机制", "定性", "健全完善", None),
    ("可持续影响指标", "部门履职能力持续提升", "定性", "持续提升", None),
    ("可持续影响指标", "达到年度目标任务", "≥", 93, "%"),
]

STAFF_KINDS = ["行政", "事业", "工勤"]

SECTIONS = [
    "强化党建引领，提升政治站位", "聚焦主责主业，推动高质量发展", "强化民生保障，增进群众福祉",
    "深化改革创新，提升服务效能", "加强自身建设，提升履职能力", "统筹发展和安全，守牢安全底线",
    "坚持依法行政，推进规范管理", "巩固脱贫成果，助力乡村振兴",
]
INTROS = [
    "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实县委、县政府决策部署，",
    "紧紧围绕县委、县政府中心工作，聚焦年度目标任务，",
    "按照年初工作安排，对标对表、挂图作战，",
    "聚焦主责主业，压实工作责任，",
    "坚持问题导向和目标导向，细化工作措施，",
    "以群众满意为标准，创新工作方法，",
]
MIDDLES = [
    "在工作中坚持高标准、严要求，建立工作台账，实行销号管理，",
    "强化部门协作，形成工作合力，定期研究解决工作推进中的困难和问题，",
    "通过现场推进、专项督查、通报约谈等方式，确保各项工作落地落实，",
    "加强政策宣传解读，充分调动各方面积极性，",
    "严格执行财经纪律，规范资金使用管理，",
]
ENDINGS = [
    "有力推动了各项工作落地见效。", "取得了良好的社会效果。", "群众获得感、幸福感、安全感不断增强。",
    "为全县经济社会高质量发展作出了积极贡献。", "相关工作得到上级部门充分肯定。", "工作成效进一步显现。",
]
ORDINALS = ["一是", "二是", "三是", "四是", "五是", "六是"]

DEVIATION_CAUSES = [
    "受项目实施周期和上级政策调整影响", "受汛期持续降雨影响，部分工作延期实施",
    "因年中人员调整，部分工作推进滞后", "因上级资金下达较晚", "年度目标设置偏高，对工作实际预估不足",
    "因部分服务对象情况发生变化", "受上级统一部署调整影响",
]
COST_CAUSES = ["受年中追加任务影响", "因年中追加预算", "受人员工资调标和社保缴费基数调整影响", "受市场价格上涨影响"]
COST_FIXES = ["下一步将提高预算编制的精准度，严格控制支出。", "下一步将严格预算执行，加强成本控制。"]
DEVIATION_FIXES = [
    "下一步将科学合理设置绩效目标，加强过程监控，确保目标如期实现。",
    "下一步将加强与相关部门沟通衔接，加快工作推进。",
    "下一步将完善工作机制，强化督促检查，及时纠正偏差。",
    "下一步将细化工作计划，提前谋划，确保来年按期完成。",
    "下一步将严格预算执行，加强成本控制。",
]
BLOCK_REASONS = {
    "目标管理": ["部分绩效目标设置不够细化量化", "个别指标值设置偏低，目标导向作用不强", "绩效目标与预算匹配度有待提高"],
    "动态调整": ["年中预算调整未同步调整绩效目标", "绩效监控发现问题后纠偏不够及时"],
    "完成结果": ["个别指标未达成年度目标", "部分工作完成质量有待提高"],
    "内部应用": ["评价结果在预算安排中的应用不够充分"],
    "信息公开": ["部分绩效信息公开不够及时"],
    "整改反馈": ["上年评价发现问题整改尚未全部完成"],
}
BLOCKS = [("目标管理", 40), ("动态调整", 20), ("完成结果", 10), ("内部应用", 10), ("信息公开", 10), ("整改反馈", 10)]
PROBLEMS = [
    "绩效思想理念有待进一步强化", "绩效管理措施有待进一步细化", "绩效执行进度尚待进一步实化",
    "绩效目标设置的科学性有待提高", "预算编制的精准度有待提高", "绩效评价结果应用不够充分",
    "部分项目资金支出进度偏慢", "基础数据和佐证资料收集不够规范",
]
SUGGESTIONS = [
    "加强培训提高认识", "完善机制强化督导", "厉行节约提升绩效", "科学设置绩效目标",
    "加快预算执行进度", "强化评价结果应用", "规范佐证资料管理", "加强绩效运行监控",
]
EVIDENCE = ["会议记录", "工作台账", "财务凭证", "验收报告", "工作总结", "签到表", "照片资料", "统计报表", "文件资料"]
SURVEY_NOTES = ["通过问卷调查，发放问卷{n}份，回收有效问卷{m}份", "通过电话回访{n}户，满意{m}户"]

# ---------------------------------------------------------------------------
# YAML emitting (block style as in the seed; flow style for a few small maps)
# ---------------------------------------------------------------------------


class Q(str):
    """A string always written in double quotes (refs, natures, dates)."""


class Flow(dict):
    """A mapping written in flow style: {a: 1, b: 2}."""


class Comment(str):
    """A comment line inside a list or mapping."""


class WithComment:
    def __init__(self, value, comment):
        self.value, self.comment = value, comment


SPECIAL_START = set("-?:,[]{}#&*!|>'\"%@`= ")


def scalar(v, flow=False):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, Fraction)):
        return fmt_num(v)
    s = str(v)
    quote = isinstance(v, Q) or not s or s[0] in SPECIAL_START or s[-1] in " :" or ": " in s or " #" in s \
        or "\n" in s or "\t" in s or (flow and any(c in s for c in ",[]{}"))
    if not quote:
        return s
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def emit(node, indent, out):
    pad = " " * indent
    if isinstance(node, dict):
        for k, v in node.items():
            if isinstance(v, Comment):
                out.append(f"{pad}# {v}")
                continue
            emit_entry(f"{pad}{k}:", v, indent, out)
    elif isinstance(node, list):
        for v in node:
            if isinstance(v, Comment):
                out.append(f"{pad}# {v}")
            elif isinstance(v, dict) and not isinstance(v, Flow) and v:
                sub = []
                emit(v, indent + 2, sub)
                first = True
                for line in sub:
                    if first and not line.lstrip().startswith("#"):
                        out.append(f"{pad}- {line[indent + 2:]}")
                        first = False
                    else:
                        out.append(line)
            else:
                emit_entry(f"{pad}-", v, indent, out)


def emit_entry(head, v, indent, out):
    if isinstance(v, WithComment):
        out.append(f"{head} {scalar(v.value)}  # {v.comment}")
    elif isinstance(v, Flow):
        out.append(f"{head} {{" + ", ".join(f"{k}: {scalar(x, True)}" for k, x in v.items()) + "}")
    elif isinstance(v, dict):
        if not v:
            out.append(f"{head} {{}}")
        else:
            out.append(head)
            emit(v, indent + 2, out)
    elif isinstance(v, list):
        if not v:
            out.append(f"{head} []")
        else:
            out.append(head)
            emit(v, indent + 2, out)
    else:
        out.append(f"{head} {scalar(v)}")


# ---------------------------------------------------------------------------
# numbers: money in hundredths of 万元 (integers), scores as Fractions
# ---------------------------------------------------------------------------


def fmt_num(x):
    """Exact decimal text of an int or Fraction with at most 2 decimals, trailing zeros trimmed."""
    x = Fraction(x)
    cents = x * 100
    assert cents.denominator == 1, x
    c = int(cents)
    sign = "-" if c < 0 else ""
    c = abs(c)
    s = f"{c // 100}.{c % 100:02d}".rstrip("0").rstrip(".")
    return sign + s


def money(m, seps=False):
    """m: hundredths of 万元 -> '1072.52' (or '1,072.52')."""
    whole, frac = divmod(m, 100)
    w = f"{whole:,}" if seps else str(whole)
    return f"{w}.{frac:02d}"


def r2(x):
    """Round a Fraction half away from zero to hundredths (as jx_ratio_round2)."""
    x = Fraction(x)
    sign = -1 if x < 0 else 1
    q = (abs(x) * 100 + Fraction(1, 2)).__floor__()
    return sign * Fraction(q, 100)


def quant_score(nature, a, t, w):
    """(score, met) by the FASP rules with the banded ≤ formula (the framework's le_formula)."""
    a, t, w = Fraction(a), Fraction(t), Fraction(w)
    if a < 0:
        a = Fraction(0)
    if nature in ("≥", "="):
        if t == 0:
            return (w if a <= 0 else Fraction(0)), a <= 0
        if a >= t:
            return w, (a == t if nature == "=" else True)
        return r2(a / t * w), False
    # ≤
    if a <= t:
        return w, True
    if t <= 0 or a >= 2 * t:
        return Fraction(0), False
    return r2((2 * t - a) / t * w), False


# ---------------------------------------------------------------------------
# one department-year
# ---------------------------------------------------------------------------


def nice(rng, lo, hi):
    """A round-looking target between lo and hi."""
    v = rng.randint(lo, hi)
    if v >= 1000:
        return v - v % 100
    if v >= 100:
        return v - v % 10
    if v >= 30:
        return v - v % 5
    return v


def weights(rng, n, levels):
    """n weights in half points, each ≥ 1 point, adding up to exactly 100 points.

    Satisfaction and cost indicators get more weight, as in published tables."""
    halves = [2] * n
    left = 200 - 2 * n
    assert left >= 0
    heavy = [i for i, lv in enumerate(levels) if lv in ("满意度指标", "成本指标")]
    while left > 0:
        pool = heavy if heavy and rng.random() < 0.35 else range(n)
        i = rng.choice(list(pool))
        step = min(left, rng.choice([1, 2, 2]))
        if halves[i] + step > 10:
            continue
        halves[i] += step
        left -= step
    assert sum(halves) == 200
    return [Fraction(h, 2) for h in halves]


def sentence_for(name, value, unit):
    return f"{name}{value}{unit}"


def make_department(rng, index, seed):
    dom = rng.choice(DOMAINS)
    county = rng.choice(COUNTIES)
    dept_name = f"{county}{dom['suffix']}"
    seps = rng.random() < 0.3           # some departments write 1,072.52
    flow_style = rng.random() < 0.25    # some write small maps in flow style

    # ---- profile: staffing --------------------------------------------------
    est = {}
    for kind in STAFF_KINDS:
        est[kind] = rng.randint(2, 30) if kind != "工勤" else rng.randint(0, 5)
    est_total = sum(est.values())
    in_post = {}
    over = rng.random() < 0.08          # a few departments have more in post than established
    for kind in STAFF_KINDS:
        v = est[kind] - rng.randint(0, max(0, est[kind] // 4))
        if over and kind == "行政":
            v = est[kind] + rng.randint(1, 6)
        in_post[kind] = max(0, v)
    in_post_total = sum(in_post.values())
    bodies = ["办公室"] + rng.sample(dom["bodies"], rng.randint(3, len(dom["bodies"])))
    staff_group = (lambda d: Flow(d)) if flow_style else dict

    # ---- quantity acts and work items ---------------------------------------
    acts_pool = list(dom["acts"]) + rng.sample(GENERIC_ACTS, len(GENERIC_ACTS))
    n_ind = rng.randint(64, 76)
    n_cost = 1 + rng.randint(3, 6)       # basic expenditure + one per project
    n_projects = n_cost - 1
    n_sat = rng.randint(2, 4)
    n_benefit = rng.randint(8, 12)
    n_timely = rng.randint(6, 9)
    n_quality_num = rng.randint(7, 10)
    n_qual = rng.randint(4, 6)
    n_quant = n_ind - n_cost - n_sat - n_benefit - n_timely - n_quality_num - n_qual - 2  # 2: staffing + year
    n_quant = max(10, min(n_quant, len(acts_pool)))
    acts = acts_pool[:len(dom["acts"])] + acts_pool[len(dom["acts"]):]
    acts = acts[:n_quant]

    # act values: target and actual
    act_rows = []
    for name, unit, lo, hi, key in acts:
        t = nice(rng, lo, hi)
        r = rng.random()
        if r < 0.06:                     # missed
            a = max(0, int(t * rng.uniform(0.6, 0.97)))
            if a == t:
                a = t - 1
        elif r < 0.35:
            a = t
        else:
            a = t + max(1, int(t * rng.uniform(0.01, 0.25)))
        act_rows.append(dict(name=name, unit=unit, key=key, target=t, actual=a))

    # work items group the acts; each act's actual is a count of an item
    n_items = rng.randint(8, 13)
    sections = rng.sample(SECTIONS, min(len(SECTIONS), max(3, n_items // 3)))
    items = []
    order = list(range(len(act_rows)))
    rng.shuffle(order)
    buckets = [[] for _ in range(n_items)]
    for k, ai in enumerate(order):
        buckets[k % n_items].append(ai)
    for bi, bucket in enumerate(buckets):
        sec = sections[min(bi * len(sections) // n_items, len(sections) - 1)]
        first = act_rows[bucket[0]]["name"] if bucket else "日常工作"
        title = f"{sec}——{first}"
        parts = [rng.choice(INTROS)]
        counts = {}
        for j, ai in enumerate(bucket):
            row = act_rows[ai]
            parts.append(f"{ORDINALS[j % len(ORDINALS)]}{sentence_for(row['name'], row['actual'], row['unit'])}")
            parts.append("；" if j + 1 < len(bucket) else "。")
            v = row["actual"]
            if rng.random() < 0.12 and v >= 4:
                # a count with its parts (by quarter), which must add up
                q = [v // 4] * 4
                for x in range(v - sum(q)):
                    q[x] += 1
                counts[row["key"]] = {"total": v, "parts": {"一季度": q[0], "二季度": q[1], "三季度": q[2], "四季度": q[3]}}
            elif rng.random() < 0.3:
                counts[row["key"]] = WithComment(v, sentence_for(row["name"], v, row["unit"]))
            else:
                counts[row["key"]] = v
            row["item"] = bi
        for m in rng.sample(MIDDLES, rng.randint(1, 3)):
            parts.append(m.rstrip("，") + "。")
        parts.append(rng.choice(ENDINGS))
        text = "".join(parts)
        items.append({"title": title, "text": text, "counts": counts} if counts else {"title": title, "text": text})

    # the same fact stated in the profile and in a work item (must agree)
    profile_counts = {"internal_bodies": len(bodies)}
    if act_rows and rng.random() < 0.5:
        row = rng.choice(act_rows)
        profile_counts[row["key"]] = WithComment(row["actual"], "与工作事项中所载一致")

    # ---- money (hundredths of 万元) ------------------------------------------
    basic_b = rng.randint(200, 3000) * 100 + rng.randint(0, 99)          # 基本支出预算
    proj_names = rng.sample(dom["projects"], min(n_projects, len(dom["projects"])))
    n_projects = len(proj_names)
    n_cost = n_projects + 1
    projects = []
    for pn in proj_names:
        init = rng.randint(5, 600) * 100 + rng.randint(0, 99)
        adj = init
        if rng.random() < 0.3:
            adj = init + init * rng.randint(1, 8) // 100                  # 追加 ≤ 8%
        rate = rng.uniform(0.92, 1.0) if rng.random() < 0.85 else rng.uniform(0.8, 0.92)
        exe = min(adj, int(adj * rate))
        other = 0
        if rng.random() < 0.2:
            other = init * rng.randint(5, 30) // 100
        projects.append(dict(name=pn, initial=init, adjusted=adj, executed=exe, other=other))
    if rng.random() < 0.12:
        basic_exec = basic_b + basic_b * rng.randint(1, 6) // 100         # 人员经费超支
    else:
        basic_exec = basic_b - basic_b * rng.randint(0, 6) // 100
    proj_exec = sum(p["executed"] for p in projects)
    exp_total = basic_exec + proj_exec
    budget_total = basic_b + sum(p["initial"] for p in projects)
    budget_other = sum(p["other"] for p in projects)
    budget_fiscal = budget_total - budget_other
    carry_over = sum(p["adjusted"] - p["executed"] for p in projects)
    balance = max(0, basic_b - basic_exec) if rng.random() < 0.5 else 0
    # the basic budget not spent and not declared as balance was returned (not income)
    income_total = exp_total + carry_over + balance
    income_other = min(budget_other, income_total)
    income_fiscal = income_total - income_other
    upper = income_total * rng.randint(5, 40) // 100
    by_level = {"上级资金": money(upper, seps), "县级资金": money(income_total - upper, seps)}
    state_adjusted = rng.random() < 0.5

    # ---- indicators ----------------------------------------------------------
    inds = []  # dicts with private fields: _level1, _nature, _t, _a, _qual

    def add(level1, level2, name, nature, target, unit, actual, **extra):
        if isinstance(target, float):
            target = Fraction(str(target))
        inds.append(dict(_level1=level1, _level2=level2, _name=name, _nature=nature, _t=target, _unit=unit,
                         _a=actual, **extra))

    # 产出 / 数量
    add("产出指标", "数量指标", "保障在职人员正常运转", "=", in_post_total, "人", Q("= profile.staffing.in_post.total"),
        _a_val=in_post_total, describes="profile.staffing.in_post.total")
    for row in act_rows:
        nature = "=" if row["actual"] == row["target"] and rng.random() < 0.4 else "≥"
        if nature == "=" and row["actual"] != row["target"]:
            nature = "≥"
        actual = Q(f"= work.items[{row['item']}].counts.{row['key']}") if rng.random() < 0.45 else row["actual"]
        add("产出指标", "数量指标", row["name"], nature, row["target"], row["unit"], actual, _a_val=row["actual"])

    # 产出 / 质量
    qpool = list(dom["quality"]) + rng.sample(GENERIC_QUALITY, len(GENERIC_QUALITY))
    for name, nature, t, unit in qpool[:n_quality_num]:
        add("产出指标", "质量指标", name, nature, t, unit, None)
    qualpool = list(dom["qual"]) + rng.sample(GENERIC_QUAL, len(GENERIC_QUAL))
    for name, ttext in qualpool[:n_qual]:
        add("产出指标", "质量指标", name, "定性", ttext, None, None)

    # 产出 / 时效
    add("产出指标", "时效指标", "全年基本支出和项目支出", "=", YEAR, "年", YEAR, _a_val=YEAR)
    for name, nature, t, unit in rng.sample(GENERIC_TIMELY, n_timely):
        add("产出指标", "时效指标", name, nature, t, unit, None)

    # 效益
    bpool = list(dom["benefits"]) + rng.sample(GENERIC_BENEFITS, len(GENERIC_BENEFITS))
    for level2, name, nature, t, unit in bpool[:n_benefit]:
        add("效益指标", level2, name, nature, t, unit, None)

    # 满意度
    sat_names = [f"{o}满意度" for o in dom["objects"]] + ["干部职工满意度", "群众满意度", "服务对象满意度"]
    for name in sat_names[:n_sat]:
        add("满意度指标", "服务对象满意度指标", name, "≥", rng.choice([85, 90, 90, 95]), "%", None, _survey=True)

    # 成本: basic + each project; targets add up to the budget total
    add("成本指标", "经济成本指标", "人员经费和公用经费（基本支出）", "≤", Fraction(basic_b, 100), "万元",
        Q("= finance.expenditure.basic"), _a_val=Fraction(basic_exec, 100))
    for k, p in enumerate(projects):
        add("成本指标", "经济成本指标", f"{p['name']}成本控制", "≤", Fraction(p["initial"], 100), "万元",
            Q(f"= finance.projects[{k}].executed"), _a_val=Fraction(p["executed"], 100))

    # weights, actuals, scores
    ws = weights(rng, len(inds), [d["_level1"] for d in inds])
    total_score = Fraction(0)
    unmet = 0
    out_inds = []
    for d, w in zip(inds, ws):
        nature, t, unit = d["_nature"], d["_t"], d["_unit"]
        ind = {"level1": d["_level1"], "level2": d["_level2"], "name": d["_name"],
               "nature": Q(nature) if nature == "=" else nature}
        note = None
        score_field = None
        if nature == "定性":
            ind["target"] = t
            r = rng.random()
            if r < 0.9:
                grade = "达成"
                lo = r2(w * Fraction(8, 10))
                cands = [w] * 6 + [s for s in (w - Fraction(k, 10) for k in range(1, 6)) if s >= lo]
                sc = rng.choice(cands)
                met = True
            else:
                grade = "部分达成"
                sc = r2(w * Fraction(7, 10))
                met = False
            ind["weight"] = w
            ind["actual"] = grade
            score_field = sc
            ind["score"] = sc
            s = sc
        else:
            if "_a_val" in d:
                a = d["_a_val"]
                actual_text = d["_a"]
            else:
                a = gen_actual(rng, nature, t, unit)
                actual_text = a
                if unit == "%" and rng.random() < 0.15:
                    actual_text = f"{fmt_num(a)}%"
            ind["target"] = t if not (unit == "%" and rng.random() < 0.1) else f"{fmt_num(t)}%"
            if unit:
                ind["unit"] = Q(unit) if unit == "%" else unit
            ind["weight"] = w
            ind["actual"] = actual_text
            s, met = quant_score(nature, a, t, w)
            if d.get("describes"):
                ind["describes"] = d["describes"]
        if "unit" not in ind and unit and nature != "定性":
            ind["unit"] = unit
        if not met:
            unmet += 1
            if d["_level1"] == "成本指标":
                note = f"{rng.choice(COST_CAUSES)}，{d['_name']}实际支出超过年初指标值。{rng.choice(COST_FIXES)}"
            else:
                note = f"{rng.choice(DEVIATION_CAUSES)}，{d['_name']}未达到年度目标。{rng.choice(DEVIATION_FIXES)}"
            ind["deviation_note"] = note
        if d.get("_survey") and rng.random() < 0.5:
            n = rng.randint(100, 600)
            ind["evidence"] = [rng.choice(SURVEY_NOTES).format(n=n, m=n - rng.randint(0, n // 20))]
        elif rng.random() < 0.25:
            ind["evidence"] = rng.sample(EVIDENCE, rng.randint(1, 3))
        total_score += s
        # keep key order as in the seed: weight after unit; score after actual
        ordered = {}
        for k in ("level1", "level2", "name", "nature", "target", "unit", "weight", "actual", "score",
                  "deviation_note", "describes", "evidence"):
            if k in ind:
                ordered[k] = ind[k]
        if score_field is None:
            ordered.pop("score", None)
        out_inds.append(ordered)
    assert sum(ws) == 100

    attainment = r2(total_score)  # weights add up to 100: score = percent

    # ---- claims (all hold) ---------------------------------------------------
    adjusted_total = income_total
    exec_rate = r2(Fraction(exp_total, adjusted_total) * 100) if adjusted_total else Fraction(0)
    dev = r2(Fraction(exp_total - budget_total, budget_total) * 100)
    bal_rate = r2(Fraction(carry_over + balance, exp_total) * 100)
    p_init = sum(p["initial"] for p in projects)
    p_adj = sum(p["adjusted"] for p in projects)
    p_exec = proj_exec
    p_dev = r2(Fraction(p_exec - p_init, p_init) * 100)
    p_rate = r2(Fraction(p_exec, p_adj) * 100)

    def floor_pct(x):
        return int(x.__floor__())

    def ceil_pct(x):
        return int(x.__ceil__())

    analysis_dept = {
        "goal_setting": f"以{dom['duties']}为导向，结合年度目标任务，科学合理设置各项绩效目标，将绩效理念和方法融入预算编制、执行、监督全过程。",
        "goal_attainment": {"text": f"全年部门整体支出绩效实现目标的{floor_pct(attainment)}%以上。", "metric": "attainment",
                            "nature": "≥", "value": f"{floor_pct(attainment)}%"},
        "spending_control": {"text": f"全年部门预决算偏差程度控制在{ceil_pct(abs(dev))}%以内。", "metric": "budget_deviation",
                             "nature": "≤", "value": f"{ceil_pct(abs(dev))}%"},
        "timely_handling": rng.choice(["部门开展绩效运行监控未发现问题。", "对监控发现的执行偏差及时采取了纠偏措施。"]),
        "execution_progress": {"text": f"全年预算执行率达到{floor_pct(exec_rate)}%以上。", "metric": "execution_rate",
                               "nature": "≥", "value": f"{floor_pct(exec_rate)}%"},
        "budget_completion": "按计划完成了预算目标任务。",
        "balance_rate": ({"text": "无结转结余。", "metric": "balance_rate", "nature": Q("="), "value": "0%"}
                         if carry_over + balance == 0 else
                         {"text": f"资金结转结余率控制在{ceil_pct(bal_rate)}%以内。", "metric": "balance_rate",
                          "nature": "≤", "value": f"{ceil_pct(bal_rate)}%"}),
        "violations": "无违规记录情况。",
    }
    analysis_proj = {
        "goal_setting": f"{dept_name}2023年对{'、'.join(p['name'] for p in projects)}{len(projects)}个项目开展了绩效自评。",
        "goal_attainment": "各项目年度绩效目标基本实现。",
        "spending_control": {"text": f"各项目预决算偏差程度控制在{ceil_pct(abs(p_dev))}%以内。", "metric": "budget_deviation",
                             "nature": "≤", "value": f"{ceil_pct(abs(p_dev))}%"},
        "timely_handling": "部门开展项目绩效运行监控未发现重大问题。",
        "execution_progress": {"text": f"各项目预算执行率达到{floor_pct(p_rate)}%以上。", "metric": "execution_rate",
                               "nature": "≥", "value": f"{floor_pct(p_rate)}%"},
        "budget_completion": "各项目按计划完成了年初预算目标任务。",
        "balance_rate": "项目结转资金按规定结转下年继续使用。",
        "violations": "项目无违规记录情况。",
    }

    # ---- assessment ----------------------------------------------------------
    top = 100 if unmet == 0 else min(100, floor_pct(attainment))
    stated = rng.randint(max(85, top - 8), max(85, top)) if top >= 85 else top
    deduction = 100 - stated
    block_scores = {name: mx for name, mx in BLOCKS}
    names = [n for n, _ in BLOCKS]
    while deduction > 0:
        n = rng.choice(names[:3] * 3 + names)
        if block_scores[n] > 0:
            block_scores[n] -= 1
            deduction -= 1
    blocks = []
    for name, mx in BLOCKS:
        b = {"name": name, "score": block_scores[name]}
        if block_scores[name] < mx:
            b["reason"] = rng.choice(BLOCK_REASONS[name])
        blocks.append(Flow(b) if flow_style and "reason" not in b else b)
    grade = "优" if stated >= 90 else "良" if stated >= 80 else "中" if stated >= 60 else "差"
    conclusion = (f"{dept_name}认真组织开展了部门整体绩效自评工作，部门整体自评得分：{stated}分，其中："
                  + "、".join(f"{n}{block_scores[n]}分" for n, _ in BLOCKS) + "。总体上完成了各项绩效目标。")

    # ---- assemble ------------------------------------------------------------
    code = f"{rng.randint(100, 999)}{rng.randint(1, 99):03d}"
    doc = {}
    doc["schema"] = "jixiao/1"
    doc["kind"] = "department"
    doc["framework"] = FRAMEWORK
    doc["year"] = YEAR
    doc["money_unit"] = "万元"
    doc["department"] = {"name": dept_name, "unit": f"{dept_name}本级", "code": Q(code)}
    doc["profile"] = {
        "bodies": bodies,
        "duties": dom["duties"],
        "functions": dom["functions"],
        "staffing": {
            "establishment": {"total": est_total, "by_kind": staff_group(dict(est))},
            "in_post": {"total": in_post_total, "by_kind": staff_group(dict(in_post))},
        },
        "counts": profile_counts,
    }
    doc["work"] = {
        "summary": f"{YEAR}年，{dept_name}在县委、县政府的坚强领导下，{rng.choice(INTROS)}认真履行{dom['duties']}职责，较好完成了年度各项目标任务。",
        "items": items,
    }
    doc["budget"] = {"total": money(budget_total, seps), "fiscal": money(budget_fiscal, seps), "other": money(budget_other, seps)}
    doc["goals"] = [f"保障基本支出和单位正常运转", f"{dom['duties']}"] + [f"完成{p['name']}年度目标任务" for p in projects[:3]]
    tasks = [{"name": "基本支出", "content": "工资福利支出、对个人和家庭的补助、商品和服务支出等", "budget": money(basic_b, seps)}]
    for p in projects:
        tasks.append({"name": p["name"], "content": f"按照项目实施方案完成{p['name']}年度任务", "budget": money(p["initial"], seps)})
    doc["tasks"] = tasks
    doc["indicators"] = out_inds
    fin_projects = []
    for p in projects:
        fp = {"name": p["name"], "initial": money(p["initial"]), "adjusted": money(p["adjusted"]), "executed": money(p["executed"])}
        if p["other"]:
            # 财政拨款 + 其他资金 by column (the executed split follows the adjusted one)
            o_exec = min(p["other"], p["executed"])
            fp["fiscal"] = Flow({"initial": money(p["initial"] - p["other"]), "adjusted": money(p["adjusted"] - p["other"]),
                                 "executed": money(p["executed"] - o_exec)})
            fp["other"] = Flow({"initial": money(p["other"]), "adjusted": money(p["other"]), "executed": money(o_exec)})
        if p["executed"] * 100 < p["adjusted"] * 90:
            fp["execution_note"] = "受项目实施进度影响，部分资金结转下年使用。"
        fin_projects.append(fp)
    finance = {
        "income": {"total": money(income_total, seps), "fiscal": money(income_fiscal, seps), "other": money(income_other, seps),
                   "by_level": by_level},
    }
    if state_adjusted:
        finance["adjusted"] = money(adjusted_total, seps)
    finance["expenditure"] = {"total": money(exp_total, seps), "basic": money(basic_exec, seps), "project": money(proj_exec, seps)}
    finance["projects"] = fin_projects
    finance["carry_over"] = money(carry_over, seps)
    finance["balance"] = money(balance, seps)
    finance["note"] = "全年无结转结余" if carry_over + balance == 0 else "结转资金为项目未完成部分，按规定结转下年使用"
    doc["finance"] = finance
    if rng.random() < 0.7:
        mon = []
        cum = 0
        for month in (6, 9, 11):
            cum = max(cum, exp_total * {6: rng.randint(40, 55), 9: rng.randint(65, 80), 11: rng.randint(82, 95)}[month] // 100)
            cp = {"month": month, "executed": money(cum), "forecast": money(exp_total)}
            if month == 6 and cum * 100 < exp_total * 45:
                cp["cause"] = "部分项目资金下达较晚，支出进度偏慢"
                cp["fix"] = "加快项目实施和资金支付进度"
            mon.append(cp)
        doc["monitoring"] = mon
    doc["analysis"] = {"department": analysis_dept, "projects": analysis_proj}
    doc["application"] = {
        "publication": f"{dept_name}严格按照预算信息公开要求，在规定时间内公开了本部门预决算信息和部门整体绩效自评情况。",
        "feedback": "按要求在规定时间内及时向财政部门反馈结果应用情况。",
        "rectification": rng.choice(["对上年评价发现的问题已全部整改到位。", "无绩效管理结果整改事项。"]),
        "internal": rng.choice(["将自评结果作为下年度预算安排的重要依据。", "无内设机构和下属单位自评情况。"]),
    }
    doc["assessment"] = {"total": stated, "grade": grade, "blocks": blocks, "conclusion": conclusion}
    doc["problems"] = rng.sample(PROBLEMS, rng.randint(2, 4))
    doc["suggestions"] = rng.sample(SUGGESTIONS, rng.randint(2, 4))
    doc["signer"] = dept_name
    doc["date"] = Q(f"{YEAR + 1}-{rng.randint(3, 7):02d}-{rng.randint(1, 28):02d}")
    meta = {"name": dept_name, "indicators": len(out_inds), "unmet": unmet, "projects": len(projects)}
    return doc, meta


def gen_actual(rng, nature, t, unit):
    """A realistic actual for a target; about 6% of targets are missed."""
    miss = rng.random() < 0.06
    t = Fraction(t)
    pct = unit == "%"
    if nature == "≥":
        if miss and t > 0:
            a = t * Fraction(rng.randint(80, 97), 100)
            a = Fraction(round(a * 10), 10) if pct else Fraction(a.__floor__())
            return min(a, t - Fraction(1, 10))
        if pct:
            room = max(Fraction(0), Fraction(100) - t)
            return t + Fraction(rng.randint(0, int(room * 10)), 10) if t < 100 else t
        return t + (t * Fraction(rng.randint(0, 20), 100)).__floor__()
    if nature == "=":
        if miss and t > 0:
            return t - 1 if t > 1 else Fraction(0)
        return t
    # ≤
    if miss:
        if t == 0:
            return Fraction(1)
        if pct:
            return max(t + Fraction(1, 10), Fraction(round(t * Fraction(rng.randint(105, 150), 100) * 10), 10))
        return t + 1 + (t * Fraction(rng.randint(0, 40), 100)).__floor__()
    if t == 0:
        return Fraction(0)
    if pct:
        return Fraction(rng.randint(0, int(t * 10)), 10)
    return Fraction(rng.randint(int(t) // 2, int(t)))


# ---------------------------------------------------------------------------
# faults: real-world mistakes, each a known diagnostic
# ---------------------------------------------------------------------------


def fault_weight_typo(rng, doc, text):
    inds = doc["indicators"]
    i = rng.randrange(len(inds))
    inds[i]["weight"] = inds[i]["weight"] + Fraction(1, 2)
    return "JX206 权重合计不是 100"


def fault_expenditure_sum(rng, doc, text):
    e = doc["finance"]["expenditure"]
    s = e["basic"].replace(",", "")
    # transposed last two digits
    e["basic"] = s[:-2] + s[-1] + s[-2] if s[-1] != s[-2] else s[:-1] + str((int(s[-1]) + 1) % 10)
    return "JX203 支出合计与基本支出+项目支出不符"


def fault_missing_note(rng, doc, text):
    for ind in doc["indicators"]:
        if "deviation_note" in ind:
            del ind["deviation_note"]
            return "JX301 未达成目标缺少偏差说明"
    ind = next(i for i in doc["indicators"] if i["nature"] == "≥" and not isinstance(i["actual"], Q)
               and not str(i.get("target", "")).endswith("%"))
    ind["actual"] = Fraction(ind["target"]) - 1 if Fraction(ind["target"]) >= 1 else 0
    return "JX301 未达成目标缺少偏差说明"


def fault_qual_score(rng, doc, text):
    ind = next(i for i in doc["indicators"] if i["nature"] == "定性")
    ind["score"] = ind["weight"] + 1
    return "JX303 定性指标得分超出等次区间"


def fault_block_sum(rng, doc, text):
    doc["assessment"]["total"] = doc["assessment"]["total"] + 2 if doc["assessment"]["total"] <= 98 else 95
    return "JX207/JX310 自评总分与分项之和不符"


def fault_staff_sum(rng, doc, text):
    g = doc["profile"]["staffing"]["in_post"]
    g["total"] = g["total"] + 1
    return "JX201 在职人数合计与各类之和不符"


def fault_bad_ref(rng, doc, text):
    for ind in doc["indicators"]:
        if isinstance(ind["actual"], Q) and "work.items" in ind["actual"]:
            ind["actual"] = Q(ind["actual"].replace("work.items[", "work.items[9"))
            return "JX122 引用路径无效"
    doc["indicators"][0]["actual"] = Q("= profile.staffing.in_post.totl")
    return "JX122 引用路径无效"


def fault_tab(rng, doc, text):
    return None  # applied to the text


FAULTS = [fault_weight_typo, fault_expenditure_sum, fault_missing_note, fault_qual_score,
          fault_block_sum, fault_staff_sum, fault_bad_ref, fault_tab]


def render(doc, header):
    out = list(header)
    top = []
    emit(doc, 0, top)
    # blank lines between top-level sections, as in the seed
    for line in top:
        if line and not line.startswith((" ", "#")) and out and out[-1] != "" and not line.startswith(
                ("kind:", "framework:", "year:", "money_unit:", "date:")):
            out.append("")
        out.append(line)
    return "\n".join(out) + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(description="Generate realistic department-year YAML files for benchmarks.")
    ap.add_argument("--departments", "-n", type=int, default=100, help="number of files (default 100)")
    ap.add_argument("--seed", type=int, default=2023, help="random seed (default 2023)")
    ap.add_argument("-o", "--output", required=True, help="output directory (created)")
    ap.add_argument("--faults", action="store_true", help="put one real-world mistake into about 5%% of the files")
    ap.add_argument("--quiet", "-q", action="store_true")
    args = ap.parse_args(argv)
    if args.departments < 1:
        ap.error("--departments must be ≥ 1")
    os.makedirs(args.output, exist_ok=True)
    width = max(4, len(str(args.departments)))
    total_bytes = total_inds = 0
    faults = []
    fault_rng = random.Random(args.seed * 7919 + 17)
    for i in range(args.departments):
        rng = random.Random(args.seed * 1_000_003 + i)
        doc, meta = make_department(rng, i, args.seed)
        fault = None
        tab = False
        if args.faults and fault_rng.random() < 0.05:
            f = fault_rng.choice(FAULTS)
            tab = f is fault_tab
            fault = f(fault_rng, doc, None) or "JX102 Tab 缩进（YAML 语法错误）"
        header = [f"# {meta['name']} {YEAR}年度部门整体绩效自评 — department-year file.",
                  f"# Synthetic: generated by bench/gen.py (seed {args.seed}, #{i}) for benchmarks; not a real report."]
        text = render(doc, header)
        if tab:
            lines = text.split("\n")
            k = next(j for j, ln in enumerate(lines) if ln.startswith("  ") and j > 40)
            lines[k] = "\t" + lines[k].lstrip(" ")
            text = "\n".join(lines)
        name = f"dept-{i:0{width}d}.yaml"
        with open(os.path.join(args.output, name), "w", encoding="utf-8") as fh:
            fh.write(text)
        total_bytes += len(text.encode("utf-8"))
        total_inds += meta["indicators"]
        if fault:
            faults.append((name, fault))
    if args.faults:
        with open(os.path.join(args.output, "faults.tsv"), "w", encoding="utf-8") as fh:
            for name, what in faults:
                fh.write(f"{name}\t{what}\n")
    with open(os.path.join(args.output, "manifest.tsv"), "w", encoding="utf-8") as fh:
        fh.write(f"files\t{args.departments}\nbytes\t{total_bytes}\nindicators\t{total_inds}\nseed\t{args.seed}\n"
                 f"faulty\t{len(faults)}\n")
    if not args.quiet:
        print(f"gen.py: {args.departments} files, {total_bytes} bytes, {total_inds} indicators"
              f" ({total_inds / args.departments:.1f} per file), {len(faults)} with a seeded fault -> {args.output}",
              file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
