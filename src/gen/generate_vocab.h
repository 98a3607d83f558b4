/* generate_vocab.h — the words of generated department-years (jixiao gen): domains with
 * their bodies, functions, work, indicators and projects; shared vocabulary.  Data only,
 * included by generate.c alone.  Every name is invented or generic; docs/gen.md lists the
 * distributions that pick from these tables. */
#ifndef JX_GENERATE_VOCAB_H
#define JX_GENERATE_VOCAB_H

#include <stddef.h>

/* A countable act of work: name, unit, target range [lo, hi], count key. */
typedef struct {
  const char *name, *unit;
  int lo, hi;
  const char *key;
} gen_act;

/* A quantitative indicator with a fixed target (level2 NULL: the caller's level-2);
 * nature "定性" with a text target and no unit for qualitative benefits. */
typedef struct {
  const char *level2, *name, *nature, *target, *unit;
} gen_target;

/* A qualitative indicator: name and target text. */
typedef struct {
  const char *name, *target;
} gen_qual;

typedef struct {
  const char *const *items;
  size_t n;
} gen_words;

typedef struct {
  const char *suffix, *duties;
  gen_words bodies, functions;
  const gen_act *acts;
  size_t n_acts;
  const gen_target *quality;
  size_t n_quality;
  const gen_qual *qual;
  size_t n_qual;
  const gen_target *benefits;
  size_t n_benefits;
  gen_words objects, projects, units;
} gen_domain;

/* An assessment block of the department framework: name, maximum, reasons for a deduction. */
typedef struct {
  const char *name;
  int max;
  const char *reasons[3];
  size_t n_reasons;
} gen_block;

/* 教育局 */
static const char *const d0_bodies[] = {
    "基础教育股",
    "职业与成人教育股",
    "学生资助管理中心",
    "教师发展中心",
    "教育技术装备站",
    "安全稳定股",
};
static const char *const d0_functions[] = {
    "贯彻执行国家教育方针、政策和法规，拟订全县教育发展规划并组织实施。",
    "统筹管理全县基础教育、职业教育和成人教育，推进义务教育均衡发展。",
    "负责全县学生资助工作，落实各项学生资助政策。",
    "负责全县教师队伍建设，组织开展教师继续教育和培训。",
    "指导学校安全稳定和校园周边环境综合治理工作。",
};
static const gen_act d0_acts[] = {
    {"开展教师专业能力培训", "场", 8, 40, "teacher_trainings"},
    {"培训中小学教师", "人次", 300, 2500, "teachers_trained"},
    {"资助家庭经济困难学生", "人次", 800, 9000, "students_aided"},
    {"开展校园安全隐患排查", "次", 4, 24, "campus_safety_checks"},
    {"实施校舍维修改造", "所", 3, 20, "schools_repaired"},
    {"开展控辍保学劝返", "人", 5, 80, "dropouts_returned"},
    {"实施营养改善计划覆盖学生", "人", 3000, 30000, "meal_students"},
    {"开展教学视导", "次", 4, 20, "teaching_inspections"},
    {"组织教研活动", "场", 10, 60, "teaching_research_events"},
    {"开展送教下乡", "次", 6, 30, "teaching_visits"},
    {"招聘补充教师", "名", 10, 120, "teachers_recruited"},
    {"建设智慧教室", "间", 10, 80, "smart_classrooms"},
};
static const gen_target d0_quality[] = {
    {NULL, "义务教育巩固率", "≥", "95", "%"},
    {NULL, "教师培训合格率", "≥", "95", "%"},
    {NULL, "资助对象识别准确率", "=", "100", "%"},
    {NULL, "校舍安全隐患整改率", "=", "100", "%"},
    {NULL, "营养餐食品安全事故发生率", "≤", "0", "%"},
};
static const gen_qual d0_qual[] = {
    {"义务教育均衡发展水平", "持续提升"},
    {"教育教学质量", "稳步提高"},
};
static const gen_target d0_benefits[] = {
    {"社会效益指标", "适龄儿童入学率", "≥", "99", "%"},
    {"社会效益指标", "家庭经济困难学生应助尽助率", "=", "100", "%"},
    {"可持续影响指标", "教育资源配置持续优化", "定性", "持续优化", NULL},
};
static const char *const d0_objects[] = {
    "学生及家长",
    "中小学教师",
};
static const char *const d0_projects[] = {
    "学生资助补助经费",
    "农村义务教育学生营养改善计划",
    "教师培训专项经费",
    "校舍维修改造资金",
    "学前教育发展资金",
    "教育信息化建设项目",
    "县域高中振兴专项",
};
static const char *const d0_units[] = {
    "第一中学",
    "实验小学",
    "幼儿园",
    "教师发展中心",
};
/* 卫生健康局 */
static const char *const d1_bodies[] = {
    "医政医管股",
    "疾病预防控制股",
    "基层卫生健康股",
    "人口监测与家庭发展股",
    "卫生监督执法大队",
    "健康教育所",
};
static const char *const d1_functions[] = {
    "贯彻执行卫生健康法律法规和政策，拟订全县卫生健康事业发展规划。",
    "负责全县疾病预防控制和突发公共卫生事件应急处置工作。",
    "组织实施国家基本公共卫生服务项目。",
    "负责医疗机构、医疗服务行业的监督管理。",
    "负责人口监测预警和计划生育家庭奖励扶助工作。",
};
static const gen_act d1_acts[] = {
    {"开展健康教育讲座", "场", 20, 120, "health_lectures"},
    {"开展家庭医生签约服务", "人", 5000, 60000, "family_doctor_contracts"},
    {"开展公共场所卫生监督检查", "户次", 100, 900, "sanitation_inspections"},
    {"组织开展义诊活动", "次", 6, 40, "free_clinics"},
    {"开展免费孕前优生健康检查", "对", 200, 1500, "prepregnancy_checks"},
    {"培训乡村医生", "人次", 100, 800, "village_doctors_trained"},
    {"完成适龄儿童预防接种", "剂次", 5000, 40000, "vaccinations"},
    {"开展65岁以上老年人健康体检", "人", 2000, 15000, "elderly_checkups"},
    {"规范管理高血压患者", "人", 2000, 12000, "hypertension_managed"},
    {"开展医疗机构依法执业检查", "家次", 30, 200, "clinic_inspections"},
    {"落实计划生育家庭奖励扶助", "人", 300, 3000, "family_planning_aided"},
};
static const gen_target d1_quality[] = {
    {NULL, "适龄儿童免疫规划疫苗接种率", "≥", "90", "%"},
    {NULL, "居民电子健康档案建档率", "≥", "90", "%"},
    {NULL, "孕产妇系统管理率", "≥", "90", "%"},
    {NULL, "传染病报告及时率", "=", "100", "%"},
    {NULL, "医疗纠纷发生率", "≤", "1", "%"},
};
static const gen_qual d1_qual[] = {
    {"基本公共卫生服务质量", "持续提升"},
    {"医疗服务能力", "明显增强"},
};
static const gen_target d1_benefits[] = {
    {"社会效益指标", "居民健康素养水平", "≥", "25", "%"},
    {"社会效益指标", "重大传染病疫情发生数", "≤", "0", "起"},
    {"可持续影响指标", "基层医疗卫生服务体系", "定性", "持续完善", NULL},
};
static const char *const d1_objects[] = {
    "城乡居民",
    "签约居民",
};
static const char *const d1_projects[] = {
    "基本公共卫生服务项目",
    "计划生育家庭奖励扶助资金",
    "医疗卫生机构能力建设",
    "重大传染病防控经费",
    "乡村医生补助资金",
    "卫生健康信息化建设",
};
static const char *const d1_units[] = {
    "人民医院",
    "中医医院",
    "疾病预防控制中心",
    "妇幼保健院",
};
/* 农业农村局 */
static const char *const d2_bodies[] = {
    "种植业管理股",
    "畜牧兽医股",
    "农田建设管理股",
    "乡村产业发展股",
    "农村合作经济经营管理站",
    "农业综合行政执法大队",
};
static const char *const d2_functions[] = {
    "统筹研究和组织实施全县“三农”工作发展战略和规划。",
    "负责高标准农田建设和耕地质量管理工作。",
    "负责种植业、畜牧业的行业管理和动物疫病防控工作。",
    "负责农产品质量安全监督管理。",
    "指导农村集体经济发展和农村人居环境整治工作。",
};
static const gen_act d2_acts[] = {
    {"建设高标准农田", "亩", 3000, 30000, "farmland_mu"},
    {"开展农业实用技术培训", "场", 10, 80, "agri_trainings"},
    {"培育高素质农民", "人", 50, 600, "farmers_trained"},
    {"推广农业主推技术", "项", 5, 20, "techniques_promoted"},
    {"开展动物疫病强制免疫", "万头只", 10, 120, "animals_vaccinated"},
    {"开展农产品质量安全抽检", "批次", 100, 1500, "produce_samples"},
    {"扶持发展村集体经济试点村", "个", 3, 30, "collective_economy_villages"},
    {"兑付耕地地力保护补贴农户", "户", 5000, 60000, "subsidy_households"},
    {"落实农机购置补贴", "台套", 50, 800, "machines_subsidised"},
    {"建设人居环境整治示范村", "个", 3, 20, "model_villages"},
    {"开展农业执法检查", "次", 10, 80, "agri_law_inspections"},
};
static const gen_target d2_quality[] = {
    {NULL, "农产品质量安全抽检合格率", "≥", "97", "%"},
    {NULL, "高标准农田建设验收合格率", "=", "100", "%"},
    {NULL, "重大动物疫病免疫密度", "≥", "90", "%"},
    {NULL, "补贴资金兑付准确率", "=", "100", "%"},
};
static const gen_qual d2_qual[] = {
    {"农业产业结构", "持续优化"},
    {"农村人居环境", "明显改善"},
};
static const gen_target d2_benefits[] = {
    {"经济效益指标", "带动农户增收", "≥", "500", "万元"},
    {"社会效益指标", "粮食播种面积", "≥", "10", "万亩"},
    {"生态效益指标", "化肥农药使用量增长率", "≤", "0", "%"},
    {"可持续影响指标", "农业综合生产能力", "定性", "稳步提升", NULL},
};
static const char *const d2_objects[] = {
    "农户",
    "农业经营主体",
};
static const char *const d2_projects[] = {
    "高标准农田建设项目",
    "耕地地力保护补贴",
    "动物防疫补助经费",
    "农业产业发展专项资金",
    "农村人居环境整治项目",
    "乡村振兴衔接资金项目",
    "农产品质量安全监管经费",
};
static const char *const d2_units[] = {
    "农业技术推广中心",
    "动物疫病预防控制中心",
    "农村经济经营管理站",
};
/* 民政局 */
static const char *const d3_bodies[] = {
    "社会救助股",
    "养老服务股",
    "基层政权和社区建设股",
    "社会事务股",
    "婚姻登记处",
    "社会福利中心",
};
static const char *const d3_functions[] = {
    "贯彻执行民政工作法律法规和政策，拟订全县民政事业发展规划。",
    "负责城乡最低生活保障、特困人员救助供养、临时救助等社会救助工作。",
    "统筹推进养老服务体系建设，负责养老机构监督管理。",
    "负责社会组织登记和监督管理工作。",
    "负责婚姻登记、殡葬管理和儿童福利工作。",
};
static const gen_act d3_acts[] = {
    {"保障城乡低保对象", "人", 2000, 20000, "dibao_persons"},
    {"落实特困人员救助供养", "人", 200, 2000, "destitute_persons"},
    {"实施临时救助", "人次", 100, 3000, "temporary_aid"},
    {"开展养老机构安全检查", "次", 4, 30, "elderly_home_checks"},
    {"办理婚姻登记", "对", 300, 3000, "marriages_registered"},
    {"建设村（社区）养老服务站", "个", 2, 20, "elderly_stations"},
    {"开展社会组织年度检查", "个", 20, 200, "ngo_inspections"},
    {"保障孤儿和事实无人抚养儿童", "人", 20, 300, "children_protected"},
    {"发放残疾人两项补贴", "人", 1000, 9000, "disability_subsidies"},
    {"开展殡葬改革宣传", "次", 3, 20, "funeral_campaigns"},
};
static const gen_target d3_quality[] = {
    {NULL, "低保对象认定准确率", "≥", "98", "%"},
    {NULL, "救助资金发放准确率", "=", "100", "%"},
    {NULL, "特困人员集中供养率", "≥", "40", "%"},
    {NULL, "婚姻登记合格率", "=", "100", "%"},
};
static const gen_qual d3_qual[] = {
    {"兜底保障能力", "持续增强"},
    {"养老服务质量", "稳步提升"},
};
static const gen_target d3_benefits[] = {
    {"社会效益指标", "困难群众基本生活保障率", "=", "100", "%"},
    {"社会效益指标", "困难群众应保尽保", "定性", "应保尽保", NULL},
    {"可持续影响指标", "社会救助体系", "定性", "持续完善", NULL},
};
static const char *const d3_objects[] = {
    "救助对象",
    "服务对象",
};
static const char *const d3_projects[] = {
    "城乡最低生活保障资金",
    "特困人员救助供养资金",
    "临时救助资金",
    "养老服务体系建设",
    "困难残疾人生活补贴和重度残疾人护理补贴",
    "孤儿基本生活保障资金",
};
static const char *const d3_units[] = {
    "社会福利院",
    "救助管理站",
    "殡仪馆",
};
/* 交通运输局 */
static const char *const d4_bodies[] = {
    "规划建设股",
    "公路养护管理站",
    "运输管理股",
    "交通运输综合行政执法大队",
    "安全监督股",
    "农村公路管理所",
};
static const char *const d4_functions[] = {
    "贯彻执行交通运输法律法规和政策，拟订全县交通运输发展规划。",
    "负责农村公路建设、养护和管理工作。",
    "负责道路运输市场监督管理和城乡客运组织。",
    "负责交通运输行业安全生产监督管理。",
};
static const gen_act d4_acts[] = {
    {"新改建农村公路", "公里", 20, 150, "roads_built_km"},
    {"养护农村公路", "公里", 300, 2000, "roads_maintained_km"},
    {"实施危旧桥梁改造", "座", 2, 15, "bridges_rebuilt"},
    {"实施公路安全生命防护工程", "公里", 10, 120, "safety_works_km"},
    {"开展道路运输执法检查", "次", 30, 200, "transport_inspections"},
    {"新增农村客运线路", "条", 1, 8, "bus_routes_added"},
    {"建设农村客运招呼站", "个", 10, 60, "bus_stops_built"},
    {"开展交通安全宣传", "场", 5, 40, "traffic_campaigns"},
    {"整治公路安全隐患", "处", 20, 200, "road_hazards_fixed"},
};
static const gen_target d4_quality[] = {
    {NULL, "农村公路优良中等路率", "≥", "80", "%"},
    {NULL, "工程验收合格率", "=", "100", "%"},
    {NULL, "具备条件的建制村通客车率", "=", "100", "%"},
    {NULL, "公路隐患整改率", "≥", "95", "%"},
};
static const gen_qual d4_qual[] = {
    {"农村公路通行条件", "明显改善"},
    {"运输市场秩序", "规范有序"},
};
static const gen_target d4_benefits[] = {
    {"社会效益指标", "群众出行便利程度", "定性", "明显提高", NULL},
    {"经济效益指标", "带动沿线群众增收", "≥", "200", "万元"},
    {"可持续影响指标", "公路使用年限", "≥", "10", "年"},
};
static const char *const d4_objects[] = {
    "沿线群众",
    "运输企业",
};
static const char *const d4_projects[] = {
    "农村公路养护资金",
    "危桥改造项目",
    "农村客运补贴",
    "公路安全生命防护工程",
    "交通建设项目前期经费",
    "农村公路管护经费",
};
static const char *const d4_units[] = {
    "公路养护段",
    "农村公路管理所",
};
/* 文化广播电视和旅游局 */
static const char *const d5_bodies[] = {
    "公共服务股",
    "文化遗产股",
    "产业发展股",
    "市场管理股",
    "文化馆",
    "图书馆",
    "文化市场综合行政执法大队",
};
static const char *const d5_functions[] = {
    "贯彻执行文化、广播电视和旅游工作法律法规和政策。",
    "负责公共文化服务体系建设，组织实施文化惠民工程。",
    "负责文物和非物质文化遗产保护工作。",
    "统筹全县旅游资源开发和文化旅游市场监管。",
};
static const gen_act d5_acts[] = {
    {"开展送文化下乡演出", "场", 20, 120, "culture_shows"},
    {"放映农村公益电影", "场", 300, 2000, "film_screenings"},
    {"举办文化旅游节会活动", "次", 2, 12, "tourism_festivals"},
    {"开展文化旅游市场执法检查", "次", 20, 150, "market_inspections"},
    {"免费开放公共文化场馆", "个", 3, 20, "venues_open"},
    {"开展非遗保护传承活动", "次", 4, 30, "heritage_events"},
    {"新增图书馆藏书", "册", 2000, 20000, "books_added"},
    {"组织群众文艺培训", "期", 4, 30, "arts_trainings"},
    {"开展文物安全巡查", "次", 12, 80, "relic_patrols"},
};
static const gen_target d5_quality[] = {
    {NULL, "公共文化场馆免费开放率", "=", "100", "%"},
    {NULL, "演出活动群众参与率", "≥", "80", "%"},
    {NULL, "文物安全事故发生率", "≤", "0", "%"},
    {NULL, "旅游投诉办结率", "≥", "98", "%"},
};
static const gen_qual d5_qual[] = {
    {"公共文化服务水平", "持续提升"},
    {"文化旅游品牌影响力", "明显增强"},
};
static const gen_target d5_benefits[] = {
    {"经济效益指标", "旅游综合收入增长率", "≥", "8", "%"},
    {"社会效益指标", "群众文化生活", "定性", "明显丰富", NULL},
    {"可持续影响指标", "非遗传承人队伍", "定性", "稳定壮大", NULL},
};
static const char *const d5_objects[] = {
    "群众",
    "游客",
};
static const char *const d5_projects[] = {
    "公共文化服务体系建设",
    "农村电影放映补助",
    "文化旅游宣传推广经费",
    "非物质文化遗产保护",
    "文物保护专项资金",
    "图书馆免费开放补助",
};
static const char *const d5_units[] = {
    "文化馆",
    "图书馆",
    "文物管理所",
};
/* 人力资源和社会保障局 */
static const char *const d6_bodies[] = {
    "就业促进股",
    "社会保险股",
    "人才开发股",
    "劳动关系股",
    "劳动保障监察大队",
    "就业服务中心",
};
static const char *const d6_functions[] = {
    "贯彻执行人力资源和社会保障法律法规和政策。",
    "负责促进就业创业工作，统筹城乡就业服务。",
    "负责城乡居民社会保险政策落实和基金监管。",
    "负责劳动关系协调和劳动保障监察工作。",
};
static const gen_act d6_acts[] = {
    {"开展职业技能培训", "人次", 500, 5000, "skill_trainees"},
    {"实现城镇新增就业", "人", 500, 4000, "new_jobs"},
    {"举办专场招聘会", "场", 5, 40, "job_fairs"},
    {"组织农村劳动力转移输出", "万人", 2, 15, "migrant_workers"},
    {"办理社会保险业务", "件", 5000, 60000, "insurance_cases"},
    {"发放创业担保贷款", "笔", 20, 300, "startup_loans"},
    {"开展劳动保障监察检查", "户次", 50, 500, "labor_inspections"},
    {"调解劳动人事争议案件", "件", 20, 200, "labor_disputes"},
    {"引进急需紧缺人才", "名", 10, 120, "talents_recruited"},
};
static const gen_target d6_quality[] = {
    {NULL, "培训后就业率", "≥", "60", "%"},
    {NULL, "社保待遇发放准确率", "=", "100", "%"},
    {NULL, "劳动争议调解成功率", "≥", "60", "%"},
    {NULL, "城乡居民养老保险参保率", "≥", "90", "%"},
};
static const gen_qual d6_qual[] = {
    {"就业服务质量", "持续提升"},
    {"劳动关系", "和谐稳定"},
};
static const gen_target d6_benefits[] = {
    {"社会效益指标", "城镇登记失业率", "≤", "4.5", "%"},
    {"经济效益指标", "劳务收入", "≥", "10", "亿元"},
    {"可持续影响指标", "就业创业服务体系", "定性", "持续完善", NULL},
};
static const char *const d6_objects[] = {
    "参保群众",
    "求职者",
};
static const char *const d6_projects[] = {
    "就业补助资金",
    "城乡居民基本养老保险补助",
    "职业技能提升行动经费",
    "创业担保贷款贴息",
    "人才引进专项经费",
    "劳动保障监察经费",
};
static const char *const d6_units[] = {
    "就业服务中心",
    "社会保险事业管理局",
    "劳动保障监察大队",
};
/* 自然资源和规划局 */
static const char *const d7_bodies[] = {
    "国土空间规划股",
    "耕地保护股",
    "不动产登记中心",
    "地质灾害防治股",
    "自然资源执法大队",
    "测绘地理信息股",
};
static const char *const d7_functions[] = {
    "贯彻执行自然资源和国土空间规划法律法规和政策。",
    "负责国土空间规划编制和用途管制工作。",
    "负责耕地保护和土地整理工作。",
    "负责不动产统一登记和地质灾害防治工作。",
};
static const gen_act d7_acts[] = {
    {"核查土地卫片执法图斑", "个", 100, 1200, "satellite_spots"},
    {"办理不动产登记", "件", 3000, 30000, "property_registrations"},
    {"实施土地整理", "亩", 500, 8000, "land_consolidated_mu"},
    {"开展地质灾害隐患点巡查", "次", 50, 600, "hazard_patrols"},
    {"编制实用性村庄规划", "个", 3, 40, "village_plans"},
    {"办理建设项目用地审批", "件", 10, 120, "land_approvals"},
    {"实施国土空间生态修复", "亩", 200, 5000, "restoration_mu"},
    {"开展地质灾害应急演练", "次", 5, 60, "hazard_drills"},
};
static const gen_target d7_quality[] = {
    {NULL, "不动产登记按时办结率", "≥", "98", "%"},
    {NULL, "违法用地查处率", "=", "100", "%"},
    {NULL, "地质灾害隐患点监测覆盖率", "=", "100", "%"},
    {NULL, "耕地保有量完成率", "=", "100", "%"},
};
static const gen_qual d7_qual[] = {
    {"国土空间开发保护格局", "持续优化"},
    {"自然资源管理秩序", "规范有序"},
};
static const gen_target d7_benefits[] = {
    {"社会效益指标", "地质灾害造成人员伤亡", "≤", "0", "人"},
    {"生态效益指标", "森林覆盖率", "≥", "60", "%"},
    {"可持续影响指标", "耕地保护长效机制", "定性", "健全完善", NULL},
};
static const char *const d7_objects[] = {
    "办事群众",
    "用地单位",
};
static const char *const d7_projects[] = {
    "地质灾害防治项目",
    "不动产登记信息化建设",
    "土地整理项目",
    "国土空间规划编制经费",
    "耕地保护补偿资金",
    "自然资源调查监测经费",
};
static const char *const d7_units[] = {
    "不动产登记中心",
    "自然资源执法大队",
};
/* 水利局 */
static const char *const d8_bodies[] = {
    "水利工程建设股",
    "水资源管理股",
    "农村水利水电股",
    "河湖管理股",
    "水土保持站",
    "防汛抗旱办公室",
};
static const char *const d8_functions[] = {
    "贯彻执行水利法律法规和政策，拟订全县水利发展规划。",
    "负责农村供水工程建设与管理。",
    "负责河湖管理和河长制日常工作。",
    "负责水旱灾害防御和水土保持工作。",
};
static const gen_act d8_acts[] = {
    {"新建维修农村供水工程", "处", 10, 120, "water_works"},
    {"巩固提升农村供水人口", "人", 2000, 40000, "water_population"},
    {"实施中小河流治理", "公里", 3, 40, "river_km"},
    {"开展河湖巡查", "次", 200, 3000, "river_patrols"},
    {"实施病险水库除险加固", "座", 1, 8, "reservoirs_reinforced"},
    {"开展防汛应急演练", "次", 2, 20, "flood_drills"},
    {"治理水土流失面积", "平方公里", 5, 60, "erosion_km2"},
    {"建设小型农田水利设施", "处", 10, 150, "irrigation_works"},
};
static const gen_target d8_quality[] = {
    {NULL, "农村自来水普及率", "≥", "85", "%"},
    {NULL, "工程验收合格率", "=", "100", "%"},
    {NULL, "河湖“四乱”问题整改率", "=", "100", "%"},
    {NULL, "水质检测合格率", "≥", "90", "%"},
};
static const gen_qual d8_qual[] = {
    {"农村供水保障水平", "明显提升"},
    {"河湖面貌", "持续改善"},
};
static const gen_target d8_benefits[] = {
    {"社会效益指标", "受益群众", "≥", "5000", "人"},
    {"生态效益指标", "水功能区水质达标率", "≥", "90", "%"},
    {"可持续影响指标", "工程设计使用年限", "≥", "15", "年"},
};
static const char *const d8_objects[] = {
    "受益群众",
    "用水户",
};
static const char *const d8_projects[] = {
    "农村饮水安全巩固提升工程",
    "河长制工作经费",
    "小型水库运行维护资金",
    "山洪灾害防治项目",
    "水土保持项目",
    "农田水利设施建设资金",
};
static const char *const d8_units[] = {
    "河湖管理站",
    "水土保持站",
};
/* 人民政府办公室 */
static const char *const d9_bodies[] = {
    "秘书股",
    "综合股",
    "督查室",
    "政务公开办",
    "机要保密股",
    "行政股",
};
static const char *const d9_functions[] = {
    "负责县政府会议的组织筹备和决定事项的督促落实。",
    "负责县政府公文处理和政务信息工作。",
    "负责县政府重要工作部署的督查督办。",
    "负责政务公开和政府网站管理工作。",
};
static const gen_act d9_acts[] = {
    {"办理各类公文", "件", 1500, 8000, "documents_handled"},
    {"编发政务信息", "期", 50, 300, "info_issues"},
    {"开展督查督办", "次", 20, 150, "supervisions"},
    {"保障政府常务会议", "次", 12, 40, "executive_meetings"},
    {"办理领导批示件", "件", 100, 900, "instructions_handled"},
    {"开展机要保密检查", "次", 2, 12, "secrecy_checks"},
    {"办理“12345”热线工单", "件", 2000, 20000, "hotline_orders"},
};
static const gen_target d9_quality[] = {
    {NULL, "公文处理差错率", "≤", "1", "%"},
    {NULL, "督办事项办结率", "≥", "95", "%"},
    {NULL, "热线工单按时办结率", "≥", "95", "%"},
    {NULL, "政务信息采用率", "≥", "30", "%"},
};
static const gen_qual d9_qual[] = {
    {"政府运转保障", "高效有序"},
    {"政务服务水平", "持续提升"},
};
static const gen_target d9_benefits[] = {
    {"社会效益指标", "政府决策部署落实", "定性", "落实有力", NULL},
    {"社会效益指标", "政务公开知晓率", "≥", "85", "%"},
    {"可持续影响指标", "督查督办长效机制", "定性", "健全完善", NULL},
};
static const char *const d9_objects[] = {
    "办事群众",
    "县级部门",
};
static const char *const d9_projects[] = {
    "机关运行保障经费",
    "政府会议经费",
    "督查工作经费",
    "政务信息化建设",
    "档案数字化项目",
    "“12345”热线运行经费",
};
static const char *const d9_units[] = {
    "政务服务中心",
    "机关事务服务中心",
};
/* 市场监督管理局 */
static const char *const d10_bodies[] = {
    "登记注册股",
    "食品安全协调股",
    "特种设备安全监察股",
    "价格监督检查股",
    "消费者权益保护股",
    "市场监管综合行政执法大队",
};
static const char *const d10_functions[] = {
    "贯彻执行市场监督管理法律法规和政策。",
    "负责市场主体统一登记注册和信用监管。",
    "负责食品安全监督管理和抽样检验。",
    "负责特种设备安全监察、计量和标准化工作。",
    "负责消费者权益保护和投诉举报处理。",
};
static const gen_act d10_acts[] = {
    {"开展食品安全抽检", "批次", 300, 2500, "food_samples"},
    {"检查各类市场主体", "户次", 500, 5000, "market_checks"},
    {"登记新设市场主体", "户", 500, 6000, "new_businesses"},
    {"开展特种设备安全检查", "台次", 100, 1000, "equipment_checks"},
    {"查办违法案件", "件", 20, 200, "cases_handled"},
    {"处理消费投诉举报", "件", 100, 2000, "complaints_handled"},
    {"开展计量器具检定", "台件", 500, 5000, "meters_verified"},
    {"开展药品安全检查", "家次", 50, 400, "drug_checks"},
};
static const gen_target d10_quality[] = {
    {NULL, "食品抽检合格率", "≥", "97", "%"},
    {NULL, "投诉举报按时办结率", "≥", "98", "%"},
    {NULL, "特种设备定期检验率", "≥", "95", "%"},
    {NULL, "案件办理合法率", "=", "100", "%"},
};
static const gen_qual d10_qual[] = {
    {"市场秩序", "规范有序"},
    {"营商环境", "持续优化"},
};
static const gen_target d10_benefits[] = {
    {"社会效益指标", "重大食品安全事故", "≤", "0", "起"},
    {"经济效益指标", "为消费者挽回经济损失", "≥", "20", "万元"},
    {"可持续影响指标", "信用监管机制", "定性", "健全完善", NULL},
};
static const char *const d10_objects[] = {
    "消费者",
    "市场主体",
};
static const char *const d10_projects[] = {
    "食品安全抽检监测经费",
    "市场监管执法办案经费",
    "特种设备安全监管经费",
    "知识产权保护专项",
    "消费维权工作经费",
    "计量检定设备购置",
};
static const char *const d10_units[] = {
    "食品药品检验所",
    "个体私营经济协会",
};
/* 应急管理局 */
static const char *const d11_bodies[] = {
    "安全生产综合股",
    "应急指挥中心",
    "防灾减灾救灾股",
    "危险化学品监管股",
    "应急管理综合行政执法大队",
};
static const char *const d11_functions[] = {
    "贯彻执行应急管理和安全生产法律法规和政策。",
    "负责安全生产综合监督管理和执法检查。",
    "负责自然灾害防治和救灾物资储备管理。",
    "负责应急预案体系建设和应急救援队伍建设。",
};
static const gen_act d11_acts[] = {
    {"开展安全生产执法检查", "次", 50, 400, "safety_enforcement"},
    {"排查整改安全隐患", "处", 200, 2000, "hazards_fixed"},
    {"组织应急演练", "次", 5, 40, "emergency_drills"},
    {"开展安全生产培训", "人次", 300, 4000, "safety_trainees"},
    {"储备救灾物资", "件", 2000, 20000, "relief_supplies"},
    {"开展防灾减灾宣传", "场", 5, 40, "disaster_campaigns"},
    {"完成自然灾害风险普查", "项", 5, 20, "risk_surveys"},
    {"培训灾害信息员", "人", 50, 400, "disaster_informants"},
};
static const gen_target d11_quality[] = {
    {NULL, "隐患整改率", "≥", "95", "%"},
    {NULL, "应急物资完好率", "=", "100", "%"},
    {NULL, "执法检查覆盖率", "≥", "90", "%"},
    {NULL, "较大以上生产安全事故", "≤", "0", "起"},
};
static const gen_qual d11_qual[] = {
    {"应急处置能力", "明显提升"},
    {"安全生产形势", "总体平稳"},
};
static const gen_target d11_benefits[] = {
    {"社会效益指标", "生产安全事故死亡人数下降率", "≥", "5", "%"},
    {"社会效益指标", "群众安全感", "≥", "95", "%"},
    {"可持续影响指标", "应急管理体系", "定性", "持续完善", NULL},
};
static const char *const d11_objects[] = {
    "企业",
    "群众",
};
static const char *const d11_projects[] = {
    "安全生产监管经费",
    "应急物资储备经费",
    "防灾减灾救灾资金",
    "应急救援队伍建设",
    "森林防灭火专项经费",
    "自然灾害综合风险普查",
};
static const char *const d11_units[] = {
    "应急救援中心",
};
/* 司法局 */
static const char *const d12_bodies[] = {
    "普法与依法治理股",
    "人民参与和促进法治股",
    "社区矫正管理局",
    "公共法律服务管理股",
    "法律援助中心",
    "公证处",
};
static const char *const d12_functions[] = {
    "贯彻执行法治建设法律法规和政策，承担全面依法治县日常工作。",
    "负责普法宣传和依法治理工作。",
    "负责人民调解、社区矫正和法律援助工作。",
    "负责公共法律服务体系建设。",
};
static const gen_act d12_acts[] = {
    {"开展普法宣传活动", "场", 30, 200, "law_campaigns"},
    {"调解矛盾纠纷", "件", 300, 3000, "disputes_mediated"},
    {"办理法律援助案件", "件", 50, 500, "legal_aid_cases"},
    {"接收社区矫正对象", "人", 20, 200, "community_corrections"},
    {"开展行政执法监督检查", "次", 5, 40, "enforcement_reviews"},
    {"办理公证事项", "件", 300, 3000, "notarizations"},
    {"培训人民调解员", "人次", 100, 1000, "mediators_trained"},
};
static const gen_target d12_quality[] = {
    {NULL, "矛盾纠纷调解成功率", "≥", "95", "%"},
    {NULL, "法律援助案件质量合格率", "≥", "95", "%"},
    {NULL, "社区矫正对象再犯罪率", "≤", "0.2", "%"},
    {NULL, "公证差错率", "≤", "0", "%"},
};
static const gen_qual d12_qual[] = {
    {"法治宣传教育成效", "明显提升"},
    {"公共法律服务", "便捷高效"},
};
static const gen_target d12_benefits[] = {
    {"社会效益指标", "群众法治意识", "定性", "明显增强", NULL},
    {"社会效益指标", "法治宣传覆盖率", "≥", "90", "%"},
    {"可持续影响指标", "公共法律服务体系", "定性", "持续完善", NULL},
};
static const char *const d12_objects[] = {
    "受援群众",
    "当事人",
};
static const char *const d12_projects[] = {
    "法律援助经费",
    "普法宣传经费",
    "人民调解经费",
    "社区矫正经费",
    "公共法律服务体系建设",
};
static const char *const d12_units[] = {
    "公证处",
    "法律援助中心",
};
/* 统计局 */
static const char *const d13_bodies[] = {
    "综合统计股",
    "农村统计股",
    "工业交通统计股",
    "贸易统计股",
    "普查中心",
    "统计执法大队",
};
static const char *const d13_functions[] = {
    "贯彻执行统计法律法规和政策，组织实施全县统计调查。",
    "负责国民经济核算和统计数据质量管理。",
    "负责统计信息发布和统计分析。",
    "负责统计执法检查和统计信用建设。",
};
static const gen_act d13_acts[] = {
    {"完成统计调查项目", "项", 10, 40, "surveys_done"},
    {"开展统计执法检查", "家", 10, 80, "statistical_inspections"},
    {"编发统计信息", "期", 12, 60, "stat_bulletins"},
    {"培训基层统计人员", "人次", 100, 800, "stat_staff_trained"},
    {"审核联网直报企业报表", "份", 1000, 8000, "reports_reviewed"},
    {"撰写统计分析报告", "篇", 10, 60, "analysis_reports"},
};
static const gen_target d13_quality[] = {
    {NULL, "统计报表及时率", "=", "100", "%"},
    {NULL, "数据审核差错率", "≤", "1", "%"},
    {NULL, "联网直报企业报送率", "≥", "98", "%"},
};
static const gen_qual d13_qual[] = {
    {"统计数据质量", "真实准确"},
    {"统计服务水平", "持续提升"},
};
static const gen_target d13_benefits[] = {
    {"社会效益指标", "统计数据为决策提供依据", "定性", "作用明显", NULL},
    {"可持续影响指标", "统计数据质量控制机制", "定性", "健全完善", NULL},
};
static const char *const d13_objects[] = {
    "统计数据使用者",
    "调查对象",
};
static const char *const d13_projects[] = {
    "统计调查专项经费",
    "全国经济普查经费",
    "统计信息化建设",
    "人口抽样调查经费",
};
static const char *const d13_units[] = {
    "普查中心",
};
#define GEN_N(a) (sizeof(a) / sizeof((a)[0]))
#define GEN_LIST(a) a, GEN_N(a)
static const gen_domain gen_domains[] = {
    {"教育局", "统筹管理全县教育事业，推进义务教育均衡发展", {GEN_LIST(d0_bodies)}, {GEN_LIST(d0_functions)}, GEN_LIST(d0_acts),
     GEN_LIST(d0_quality), GEN_LIST(d0_qual), GEN_LIST(d0_benefits), {GEN_LIST(d0_objects)}, {GEN_LIST(d0_projects)}, {GEN_LIST(d0_units)}},
    {"卫生健康局", "统筹推进全县卫生健康事业，保障人民群众身体健康", {GEN_LIST(d1_bodies)}, {GEN_LIST(d1_functions)}, GEN_LIST(d1_acts),
     GEN_LIST(d1_quality), GEN_LIST(d1_qual), GEN_LIST(d1_benefits), {GEN_LIST(d1_objects)}, {GEN_LIST(d1_projects)}, {GEN_LIST(d1_units)}},
    {"农业农村局", "统筹推进乡村振兴和农业农村现代化", {GEN_LIST(d2_bodies)}, {GEN_LIST(d2_functions)}, GEN_LIST(d2_acts),
     GEN_LIST(d2_quality), GEN_LIST(d2_qual), GEN_LIST(d2_benefits), {GEN_LIST(d2_objects)}, {GEN_LIST(d2_projects)}, {GEN_LIST(d2_units)}},
    {"民政局", "统筹做好基本民生保障、基层社会治理和基本社会服务", {GEN_LIST(d3_bodies)}, {GEN_LIST(d3_functions)}, GEN_LIST(d3_acts),
     GEN_LIST(d3_quality), GEN_LIST(d3_qual), GEN_LIST(d3_benefits), {GEN_LIST(d3_objects)}, {GEN_LIST(d3_projects)}, {GEN_LIST(d3_units)}},
    {"交通运输局", "统筹全县交通基础设施建设、养护和运输管理", {GEN_LIST(d4_bodies)}, {GEN_LIST(d4_functions)}, GEN_LIST(d4_acts),
     GEN_LIST(d4_quality), GEN_LIST(d4_qual), GEN_LIST(d4_benefits), {GEN_LIST(d4_objects)}, {GEN_LIST(d4_projects)}, {GEN_LIST(d4_units)}},
    {"文化广播电视和旅游局", "统筹推进文化事业、文化产业和旅游业发展", {GEN_LIST(d5_bodies)}, {GEN_LIST(d5_functions)}, GEN_LIST(d5_acts),
     GEN_LIST(d5_quality), GEN_LIST(d5_qual), GEN_LIST(d5_benefits), {GEN_LIST(d5_objects)}, {GEN_LIST(d5_projects)}, {GEN_LIST(d5_units)}},
    {"人力资源和社会保障局", "统筹推进就业创业、社会保险和人事人才工作", {GEN_LIST(d6_bodies)}, {GEN_LIST(d6_functions)}, GEN_LIST(d6_acts),
     GEN_LIST(d6_quality), GEN_LIST(d6_qual), GEN_LIST(d6_benefits), {GEN_LIST(d6_objects)}, {GEN_LIST(d6_projects)}, {GEN_LIST(d6_units)}},
    {"自然资源和规划局", "统筹国土空间规划、自然资源保护与合理利用", {GEN_LIST(d7_bodies)}, {GEN_LIST(d7_functions)}, GEN_LIST(d7_acts),
     GEN_LIST(d7_quality), GEN_LIST(d7_qual), GEN_LIST(d7_benefits), {GEN_LIST(d7_objects)}, {GEN_LIST(d7_projects)}, {GEN_LIST(d7_units)}},
    {"水利局", "统筹推进水利基础设施建设和水资源管理", {GEN_LIST(d8_bodies)}, {GEN_LIST(d8_functions)}, GEN_LIST(d8_acts),
     GEN_LIST(d8_quality), GEN_LIST(d8_qual), GEN_LIST(d8_benefits), {GEN_LIST(d8_objects)}, {GEN_LIST(d8_projects)}, {GEN_LIST(d8_units)}},
    {"人民政府办公室", "负责县政府日常运转、政务服务和督查督办", {GEN_LIST(d9_bodies)}, {GEN_LIST(d9_functions)}, GEN_LIST(d9_acts),
     GEN_LIST(d9_quality), GEN_LIST(d9_qual), GEN_LIST(d9_benefits), {GEN_LIST(d9_objects)}, {GEN_LIST(d9_projects)}, {GEN_LIST(d9_units)}},
    {"市场监督管理局", "统筹市场综合监督管理，保障食品药品和特种设备安全", {GEN_LIST(d10_bodies)}, {GEN_LIST(d10_functions)}, GEN_LIST(d10_acts),
     GEN_LIST(d10_quality), GEN_LIST(d10_qual), GEN_LIST(d10_benefits), {GEN_LIST(d10_objects)}, {GEN_LIST(d10_projects)}, {GEN_LIST(d10_units)}},
    {"应急管理局", "统筹安全生产监管、防灾减灾和应急救援工作", {GEN_LIST(d11_bodies)}, {GEN_LIST(d11_functions)}, GEN_LIST(d11_acts),
     GEN_LIST(d11_quality), GEN_LIST(d11_qual), GEN_LIST(d11_benefits), {GEN_LIST(d11_objects)}, {GEN_LIST(d11_projects)}, {GEN_LIST(d11_units)}},
    {"司法局", "统筹推进全面依法治县和公共法律服务体系建设", {GEN_LIST(d12_bodies)}, {GEN_LIST(d12_functions)}, GEN_LIST(d12_acts),
     GEN_LIST(d12_quality), GEN_LIST(d12_qual), GEN_LIST(d12_benefits), {GEN_LIST(d12_objects)}, {GEN_LIST(d12_projects)}, {GEN_LIST(d12_units)}},
    {"统计局", "组织实施统计调查，提供统计信息和统计咨询", {GEN_LIST(d13_bodies)}, {GEN_LIST(d13_functions)}, GEN_LIST(d13_acts),
     GEN_LIST(d13_quality), GEN_LIST(d13_qual), GEN_LIST(d13_benefits), {GEN_LIST(d13_objects)}, {GEN_LIST(d13_projects)}, {GEN_LIST(d13_units)}},
};
static const gen_act gen_generic_acts[] = {
    {"召开党组会议", "次", 12, 30, "party_group_meetings"},
    {"开展党组理论学习中心组学习", "次", 8, 16, "group_study_sessions"},
    {"开展干部职工业务培训", "场", 4, 15, "staff_trainings"},
    {"办理人大代表建议和政协委员提案", "件", 5, 40, "proposals_handled"},
    {"报送政务信息", "条", 30, 200, "info_reports"},
    {"主动公开政府信息", "条", 50, 400, "info_disclosures"},
    {"开展安全生产自查", "次", 4, 12, "self_safety_checks"},
    {"开展专题调研", "次", 3, 12, "research_trips"},
    {"办理群众来信来访", "件", 10, 120, "petitions_handled"},
    {"开展“谁执法谁普法”宣传", "场", 3, 15, "own_law_campaigns"},
    {"开展志愿服务活动", "次", 4, 24, "volunteer_activities"},
    {"制定或修订内部管理制度", "项", 3, 12, "rules_revised"},
    {"开展廉政警示教育", "次", 2, 8, "integrity_education"},
    {"结对帮扶脱贫户", "户", 20, 120, "paired_households"},
    {"编发工作简报", "期", 6, 24, "briefings"},
    {"在各级媒体宣传报道", "篇", 10, 120, "media_reports"},
    {"开展固定资产清查", "次", 1, 2, "asset_checks"},
    {"开展保密教育培训", "次", 1, 4, "secrecy_trainings"},
    {"开展“三会一课”", "次", 20, 60, "party_lessons"},
    {"开展主题党日活动", "次", 12, 24, "party_days"},
};
static const gen_target gen_generic_quality[] = {
    {NULL, "公文处理合格率", "≥", "98", "%"},
    {NULL, "信息公开及时准确率", "≥", "95", "%"},
    {NULL, "财务核算准确率", "=", "100", "%"},
    {NULL, "固定资产账实相符率", "≥", "95", "%"},
    {NULL, "建议提案办复率", "=", "100", "%"},
    {NULL, "审计发现问题整改率", "=", "100", "%"},
    {NULL, "政府采购执行率", "≥", "90", "%"},
    {NULL, "会计资料归档完整率", "=", "100", "%"},
    {NULL, "信访事项化解率", "≥", "90", "%"},
    {NULL, "档案管理规范率", "≥", "95", "%"},
};
static const gen_target gen_generic_timely[] = {
    {NULL, "资金支付及时率", "≥", "95", "%"},
    {NULL, "工资按时足额发放率", "=", "100", "%"},
    {NULL, "信访事项按期办结率", "≥", "95", "%"},
    {NULL, "项目按期完成率", "≥", "90", "%"},
    {NULL, "月度会计报表报送及时率", "=", "100", "%"},
    {NULL, "建议提案办理时限", "≤", "90", "天"},
    {NULL, "政务服务事项承诺办结时限", "≤", "15", "个工作日"},
    {NULL, "决算报表报送时间", "≤", "2", "月"},
    {NULL, "重要工作督办事项按时办结率", "≥", "95", "%"},
    {NULL, "政府信息公开申请答复时限", "≤", "20", "个工作日"},
};
static const gen_qual gen_generic_qual[] = {
    {"保障人员工资足额按时发放和单位正常运转", "正常运转"},
    {"内部控制制度执行情况", "有效执行"},
    {"干部队伍作风建设", "明显加强"},
    {"意识形态工作责任制落实", "全面落实"},
    {"预算绩效管理工作质量", "高中低"},
};
static const gen_target gen_generic_benefits[] = {
    {"社会效益指标", "群众政策知晓率", "≥", "85", "%"},
    {"社会效益指标", "促进社会和谐稳定", "定性", "有效促进", NULL},
    {"社会效益指标", "干部职工履职能力", "定性", "明显提升", NULL},
    {"经济效益指标", "节约行政运行成本", "≥", "5", "万元"},
    {"生态效益指标", "办公能耗降低率", "≥", "2", "%"},
    {"生态效益指标", "无纸化办公率", "≥", "60", "%"},
    {"可持续影响指标", "制度执行长效机制", "定性", "健全完善", NULL},
    {"可持续影响指标", "部门履职能力持续提升", "定性", "持续提升", NULL},
    {"可持续影响指标", "达到年度目标任务", "≥", "93", "%"},
};
static const char *const gen_counties[] = {
    "峨边彝族自治县",
    "马边彝族自治县",
    "沐川县",
    "井研县",
    "夹江县",
    "犍为县",
    "峨眉山市",
    "金口河区",
    "五通桥区",
    "沙湾区",
    "屏山县",
    "雷波县",
    "美姑县",
    "甘洛县",
    "汉源县",
    "石棉县",
    "荥经县",
    "天全县",
    "芦山县",
    "宝兴县",
    "名山区",
    "青神县",
    "洪雅县",
    "丹棱县",
    "彭山区",
    "仁寿县",
};
static const char *const gen_staff_kinds[] = {
    "行政",
    "事业",
    "工勤",
};
static const char *const gen_sections[] = {
    "强化党建引领，提升政治站位",
    "聚焦主责主业，推动高质量发展",
    "强化民生保障，增进群众福祉",
    "深化改革创新，提升服务效能",
    "加强自身建设，提升履职能力",
    "统筹发展和安全，守牢安全底线",
    "坚持依法行政，推进规范管理",
    "巩固脱贫成果，助力乡村振兴",
};
static const char *const gen_intros[] = {
    "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实县委、县政府决策部署，",
    "紧紧围绕县委、县政府中心工作，聚焦年度目标任务，",
    "按照年初工作安排，对标对表、挂图作战，",
    "聚焦主责主业，压实工作责任，",
    "坚持问题导向和目标导向，细化工作措施，",
    "以群众满意为标准，创新工作方法，",
};
static const char *const gen_middles[] = {
    "在工作中坚持高标准、严要求，建立工作台账，实行销号管理，",
    "强化部门协作，形成工作合力，定期研究解决工作推进中的困难和问题，",
    "通过现场推进、专项督查、通报约谈等方式，确保各项工作落地落实，",
    "加强政策宣传解读，充分调动各方面积极性，",
    "严格执行财经纪律，规范资金使用管理，",
};
static const char *const gen_endings[] = {
    "有力推动了各项工作落地见效。",
    "取得了良好的社会效果。",
    "群众获得感、幸福感、安全感不断增强。",
    "为全县经济社会高质量发展作出了积极贡献。",
    "相关工作得到上级部门充分肯定。",
    "工作成效进一步显现。",
};
static const char *const gen_ordinals[] = {
    "一是",
    "二是",
    "三是",
    "四是",
    "五是",
    "六是",
};
static const char *const gen_deviation_causes[] = {
    "受项目实施周期和上级政策调整影响",
    "受汛期持续降雨影响，部分工作延期实施",
    "因年中人员调整，部分工作推进滞后",
    "因上级资金下达较晚",
    "年度目标设置偏高，对工作实际预估不足",
    "因部分服务对象情况发生变化",
    "受上级统一部署调整影响",
};
static const char *const gen_cost_causes[] = {
    "受年中追加任务影响",
    "因年中追加预算",
    "受人员工资调标和社保缴费基数调整影响",
    "受市场价格上涨影响",
};
static const char *const gen_cost_fixes[] = {
    "下一步将提高预算编制的精准度，严格控制支出。",
    "下一步将严格预算执行，加强成本控制。",
};
static const char *const gen_deviation_fixes[] = {
    "下一步将科学合理设置绩效目标，加强过程监控，确保目标如期实现。",
    "下一步将加强与相关部门沟通衔接，加快工作推进。",
    "下一步将完善工作机制，强化督促检查，及时纠正偏差。",
    "下一步将细化工作计划，提前谋划，确保来年按期完成。",
    "下一步将严格预算执行，加强成本控制。",
};
static const char *const gen_problems[] = {
    "绩效思想理念有待进一步强化",
    "绩效管理措施有待进一步细化",
    "绩效执行进度尚待进一步实化",
    "绩效目标设置的科学性有待提高",
    "预算编制的精准度有待提高",
    "绩效评价结果应用不够充分",
    "部分项目资金支出进度偏慢",
    "基础数据和佐证资料收集不够规范",
};
static const char *const gen_suggestions[] = {
    "加强培训提高认识",
    "完善机制强化督导",
    "厉行节约提升绩效",
    "科学设置绩效目标",
    "加快预算执行进度",
    "强化评价结果应用",
    "规范佐证资料管理",
    "加强绩效运行监控",
};
static const char *const gen_evidence[] = {
    "会议记录",
    "工作台账",
    "财务凭证",
    "验收报告",
    "工作总结",
    "签到表",
    "照片资料",
    "统计报表",
    "文件资料",
};
static const gen_block gen_blocks[] = {
    {"目标管理", 40, {"部分绩效目标设置不够细化量化", "个别指标值设置偏低，目标导向作用不强", "绩效目标与预算匹配度有待提高"}, 3},
    {"动态调整", 20, {"年中预算调整未同步调整绩效目标", "绩效监控发现问题后纠偏不够及时"}, 2},
    {"完成结果", 10, {"个别指标未达成年度目标", "部分工作完成质量有待提高"}, 2},
    {"内部应用", 10, {"评价结果在预算安排中的应用不够充分"}, 1},
    {"信息公开", 10, {"部分绩效信息公开不够及时"}, 1},
    {"整改反馈", 10, {"上年评价发现问题整改尚未全部完成"}, 1},
};

#endif
