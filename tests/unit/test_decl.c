/* test_decl.c — the declaration file: load, write back (round trip, awkward texts), sniff, the JX80x diagnostics. */
#include <stdio.h>
#include <string.h>

#include "helpers.h"
#include "model/decl.h"
#include "parse/decl.h"

#define EXAMPLE JX_SOURCE_DIR "/examples/declaration-project-2022.yaml"
#define SEED_DECL JX_SOURCE_DIR "/examples/ebian-cppcc-2023-declaration.yaml"

/* d written as YAML, malloc'd. */
static char *emit(const jx_decl *d, size_t *len) {
  char *buf = NULL;
  FILE *f = open_memstream(&buf, len);
  assert_non_null(f);
  char err[128];
  assert_int_equal(jx_decl_write_yaml(d, f, err, sizeof err), JX_OK);
  fclose(f);
  return buf;
}

static jx_decl *parse_text(const char *yaml, jx_diags *d, jx_status *st) {
  jx_decl *decl = NULL;
  *st = jx_decl_parse("test.yaml", yaml, strlen(yaml), &decl, d);
  return decl;
}

/* Write d, read it back: the same model, no error; writing again gives the same bytes. */
static void assert_round_trip(const jx_decl *d) {
  size_t len = 0, len2 = 0;
  char *text = emit(d, &len);
  jx_diags diags = {0};
  jx_decl *back = NULL;
  jx_status st = jx_decl_parse("back.yaml", text, len, &back, &diags);
  if (st != JX_OK || diags.n_error) {
    fprintf(stderr, "%s\n", text);
    dump_diags(&diags);
  }
  assert_int_equal(st, JX_OK);
  assert_non_null(back);
  char why[256] = "";
  if (!jx_decl_same(d, back, why, sizeof why)) fail_msg("round trip differs: %s\n%s", why, text);
  char *again = emit(back, &len2);
  assert_int_equal(len, len2);
  assert_memory_equal(text, again, len);
  free(again);
  free(text);
  jx_decl_free(back);
  jx_diags_free(&diags);
}

static void test_load_example(void **state) {
  (void)state;
  jx_diags d = {0};
  jx_decl *decl = NULL;
  assert_int_equal(jx_decl_load(EXAMPLE, &decl, &d), JX_OK);
  dump_diags(&d);
  assert_int_equal(d.n, 0);
  assert_int_equal(decl->scope, JX_DECL_PROJECT);
  assert_int_equal(decl->year, 2022);
  assert_string_equal(decl->code, "440306221390300100088");
  assert_int_equal(decl->money_unit_fen, JX_FEN_PER_YUAN);
  assert_int_equal(decl->total.fen, 741300 * 100LL);
  assert_int_equal(decl->this_year.fen, 247100 * 100LL);
  assert_int_equal(decl->by_source.n, 1);
  assert_string_equal(decl->by_source.items[0].name, "财政拨款");
  assert_int_equal(decl->indicators.n, 11);
  const jx_decl_indicator *sessions = &decl->indicators.items[1];
  assert_string_equal(sessions->name, "培训场次");
  assert_true(sessions->read.readable);
  assert_int_equal(sessions->read.nature, JX_NATURE_GE);
  assert_int_equal(sessions->read.num, N(6));
  assert_string_equal(sessions->read.unit, "场");
  const jx_decl_indicator *cost = &decl->indicators.items[4];
  assert_int_equal(cost->read.nature, JX_NATURE_LE);
  assert_true(cost->read.money);
  assert_true(decl->indicators.items[5].not_applicable);
  assert_false(decl->indicators.items[3].not_applicable);
  assert_string_equal(decl->indicators.items[10].name, ""); /* a blank row is kept */
  assert_true(decl->indicators.items[10].read.blank);
  assert_int_equal(decl->adjustments.n, 1);
  assert_string_equal(decl->adjustments.items[0].date, "2022-07-15");
  assert_int_equal(decl->adjustments.items[0].changes.n, 1);
  assert_string_equal(decl->adjustments.items[0].changes.items[0].to, "≥4场");
  assert_round_trip(decl);

  /* a loaded declaration grows like a built one */
  for (int i = 0; i < 20; i++) {
    jx_decl_indicator *ind = jx_decl_add_indicator(decl);
    ind->name = jx_arena_printf(decl->arena, "新增指标%d", i);
    ind->value = jx_arena_printf(decl->arena, "≥%d个", i);
    jx_decl_read_value(ind);
  }
  jx_decl_change *c = jx_decl_add_change(decl, jx_decl_add_adjustment(decl));
  c->indicator = "新增指标3";
  c->from = "≥3个";
  c->to = "≥2个";
  decl->adjustments.items[1].date = "2022-08-01";
  jx_decl_add_source(decl, "其他资金", 0);
  assert_int_equal(decl->indicators.n, 31);
  assert_int_equal(decl->indicators.items[30].read.num, N(19));
  assert_string_equal(decl->indicators.items[1].name, "培训场次");
  assert_int_equal(decl->adjustments.n, 2);
  assert_string_equal(decl->adjustments.items[0].changes.items[0].to, "≥4场");
  assert_int_equal(decl->by_source.n, 2);
  assert_round_trip(decl);
  jx_decl_free(decl);
  jx_diags_free(&d);
}

static void test_seed_declaration(void **state) {
  (void)state;
  jx_diags d = {0};
  jx_decl *decl = NULL;
  assert_int_equal(jx_decl_load(SEED_DECL, &decl, &d), JX_OK);
  dump_diags(&d);
  assert_int_equal(d.n, 0);
  assert_int_equal(decl->scope, JX_DECL_DEPARTMENT);
  assert_int_equal(decl->year, 2023);
  assert_true(decl->indicators.n > 0);
  assert_round_trip(decl);
  jx_decl_free(decl);
  jx_diags_free(&d);
}

/* Texts a plain YAML scalar would misread, as a real export writes them. */
static const char *const awkward[] = {
    "\"宝安第一课", "a\tb", "第一行\n第二行", "不适用\t\n不适用", "100%", "2023/11/30", "》90%", "≥90%\t\n≥90%",
    "202\n3年10月前", "null", "true", "yes", "~", "- 列表", "# 注释", "a: b", "3000", "0x1F", "1e3", "2023-12-30",
    "{x}", "[1, 2]", "'单引号'", "反斜杠\\n", "尾部冒号:", "&锚点", "*别名", "!标签", "|", ">", "@", "`", "%",
    "≧6场", "≦20万元/场", "约6.6万人次", "102\t\n120", "12:30", "-5", ".5", "+1", "得到提升",
    "≥5个,次", "≥5次:年", "≥5{次}", "≥5[次]", "≥5次#年", "≥5\"次\"", "≥5 次 : 年", "≥5%以上",
};

static void test_round_trip_awkward(void **state) {
  (void)state;
  jx_decl *d = jx_decl_new(JX_DECL_PROJECT);
  d->year = 2022;
  d->money_unit_fen = JX_FEN_PER_YUAN;
  d->code = jx_decl_str(d, "440306221390300100088");
  d->name = jx_decl_str(d, "\"宝安第一课\"常态化培训经费");
  d->unit = jx_decl_str(d, "深圳市宝安区松岗街道办事处（本级）");
  d->department = jx_decl_str(d, "3000");
  d->policy_basis = jx_decl_str(d, "\"根据《通知》\n\t第二段：内容 # 非注释\n");
  d->calc_basis = "";
  d->annual_goal = jx_decl_str(d, "以“安全文明第一课”为基础。\t\t\t\n");
  d->total.fen = 74130012; /* 741300.12 元 */
  d->total.set = true;
  d->this_year.fen = 24710000;
  d->this_year.set = true;
  jx_decl_add_source(d, "财政拨款", 24710000);
  for (size_t i = 0; i < sizeof awkward / sizeof awkward[0]; i++) {
    jx_decl_indicator *ind = jx_decl_add_indicator(d);
    ind->level1 = jx_decl_str(d, "产出");
    ind->level2 = jx_decl_str(d, awkward[(i + 1) % (sizeof awkward / sizeof awkward[0])]);
    ind->name = jx_decl_str(d, awkward[i]);
    ind->value = jx_decl_str(d, awkward[i]);
    ind->explanation = jx_decl_str(d, awkward[i]);
    if (i % 3 == 0) ind->standard = jx_decl_str(d, awkward[i]);
    if (i % 4 == 0) ind->source = "";
    if (i % 2 == 0) ind->weight = (jx_num){.v = N(2.5) * (int64_t)i, .set = true};
    jx_decl_read_value(ind);
  }
  jx_decl_indicator *blank = jx_decl_add_indicator(d); /* a blank row */
  jx_decl_read_value(blank);
  jx_decl_adjustment *adj = jx_decl_add_adjustment(d);
  adj->date = "2022-07-15";
  adj->reason = jx_decl_str(d, "\"疫情\"：线下培训暂停");
  adj->approver = jx_decl_str(d, "区财政局");
  jx_decl_change *c = jx_decl_add_change(d, adj);
  c->indicator = jx_decl_str(d, "100%");
  c->from = jx_decl_str(d, "100%");
  c->to = jx_decl_str(d, "》90%");
  c = jx_decl_add_change(d, adj);
  c->from = jx_decl_str(d, "247100");
  c->to = jx_decl_str(d, "200000.5");
  assert_string_equal(d->indicators.items[3].value, "不适用\t\n不适用");
  assert_true(d->indicators.items[3].not_applicable);
  assert_round_trip(d);

  /* the same in 万元 */
  d->money_unit_fen = JX_FEN_PER_WAN;
  d->adjustments.n = 0;
  assert_round_trip(d);
  jx_decl_free(d);
}

static void test_builder_grows(void **state) {
  (void)state;
  jx_decl *d = jx_decl_new(JX_DECL_DEPARTMENT);
  for (int i = 0; i < 1000; i++) {
    jx_decl_indicator *ind = jx_decl_add_indicator(d);
    ind->name = jx_arena_printf(d->arena, "指标%d", i);
  }
  assert_int_equal(d->indicators.n, 1000);
  assert_string_equal(d->indicators.items[999].name, "指标999");
  assert_string_equal(d->indicators.items[0].value, "");
  assert_null(d->indicators.items[0].standard);
  assert_string_equal(jx_decl_str(d, NULL), "");
  assert_string_equal(jx_decl_str(d, " \t a b \r\n"), "a b");
  jx_decl_free(d);
  jx_decl_free(NULL);
}

static void test_sniff(void **state) {
  (void)state;
  static const struct {
    const char *text;
    bool want;
  } cases[] = {
      {"schema: jixiao/1\nkind: declaration\n", true},
      {"\xEF\xBB\xBFkind: declaration", true},
      {"kind: \"declaration\"  # 申报\r\n", true},
      {"kind:   'declaration'\n", true},
      {"kind : declaration\n", true},
      {"kind: department\n", false},
      {"kind: declarations\n", false},
      {"kind: declaration x\n", false},
      {"project:\n  kind: declaration\n", false}, /* nested: not the top level */
      {"notes: |\n  kind: declaration\nkind: project\n", false},
      {"kinds: declaration\n", false},
      {"kind: project\nkind: declaration\n", false}, /* the first top-level kind decides */
      {"", false},
      {"kind", false},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    if (jx_decl_sniff(cases[i].text, strlen(cases[i].text)) != cases[i].want) fail_msg("sniff “%s”", cases[i].text);
  assert_false(jx_decl_sniff(NULL, 0));
}

#define HEAD                                                                                                 \
  "schema: jixiao/1\nkind: declaration\nscope: project\nyear: 2022\nmoney_unit: 元\ncode: \"4403\"\nname: 培训\n" \
  "unit: 街道办\n"

static void expect_code(const char *yaml, const char *code, jx_severity sev, const char *needle) {
  jx_diags d = {0};
  jx_status st;
  jx_decl *decl = parse_text(yaml, &d, &st);
  const jx_diag *g = find_code_msg(&d, code, needle);
  if (!g || g->severity != sev) {
    dump_diags(&d);
    fail_msg("want %s (%s) with “%s”", code, jx_severity_name(sev), needle);
  }
  assert_int_equal(st, d.n_error ? JX_ERR_DATA : JX_OK);
  jx_decl_free(decl);
  jx_diags_free(&d);
}

static void test_diagnostics(void **state) {
  (void)state;
  const char *ind = "indicators:\n  - {level1: 产出, level2: 数量, name: 场次, value: ≥6场}\n";
  char buf[2048];
  snprintf(buf, sizeof buf, "%samounts: {this_year: 1}\n%s", HEAD, ind);
  jx_diags d = {0};
  jx_status st;
  jx_decl *decl = parse_text(buf, &d, &st);
  dump_diags(&d);
  assert_int_equal(st, JX_OK);
  assert_int_equal(d.n, 0);
  jx_decl_free(decl);
  jx_diags_free(&d);

  expect_code("schema: jixiao/1\nkind: department\n", "JX801", JX_ERROR, "department");
  expect_code("a: 1\n", "JX801", JX_ERROR, "kind: declaration");
  expect_code("schema: jixiao/1\nkind: declaration\nscope: project\nyear: 2022\nname: x\nunit: y\n"
              "amounts: {this_year: 1}\nindicators:\n  - {name: 场次, value: ≥6场}\n",
              "JX802", JX_ERROR, "项目编码");
  snprintf(buf, sizeof buf, "%samounts: {this_year: 1}\nindicators:\n  - {name: 场次, value: 第3季度完成2次}\n", HEAD);
  expect_code(buf, "JX803", JX_WARNING, "第3季度完成2次");
  snprintf(buf, sizeof buf, "%samounts: {this_year: 1}\nindicators:\n  - {name: 场次, value: ≥6场, read: {number: 5}}\n", HEAD);
  expect_code(buf, "JX804", JX_NOTE, "{nature: \"≥\", number: 6, unit: 场}");
  snprintf(buf, sizeof buf, "%samounts: {total: 1, this_year: 2}\n%s", HEAD, ind);
  expect_code(buf, "JX805", JX_WARNING, "大于项目总金额");
  snprintf(buf, sizeof buf, "%samounts: {this_year: 2, by_source: {财政拨款: 1}}\n%s", HEAD, ind);
  expect_code(buf, "JX805", JX_WARNING, "按来源合计 1 元");
  const char *adj = "adjustments:\n  - date: 2022-07-01\n    reason: r\n    approver: a\n    changes:\n";
  snprintf(buf, sizeof buf, "%samounts: {this_year: 1}\n%s%s      - {indicator: 人数, from: 5人, to: 4人}\n", HEAD, ind, adj);
  expect_code(buf, "JX806", JX_ERROR, "人数");
  snprintf(buf, sizeof buf, "%samounts: {this_year: 1}\n%s%s      - {indicator: 场次, from: ≥5场, to: ≥4场}\n", HEAD, ind, adj);
  expect_code(buf, "JX807", JX_WARNING, "≥5场");
  snprintf(buf, sizeof buf, "%samounts: {this_year: 1}\n%s%s      - {field: this_year, from: 2, to: 1}\n", HEAD, ind, adj);
  expect_code(buf, "JX807", JX_WARNING, "本年金额");
  snprintf(buf, sizeof buf, "%samounts: {this_year: 1}\nindicators: []\n", HEAD);
  expect_code(buf, "JX808", JX_ERROR, "至少要有一项");
  snprintf(buf, sizeof buf,
           "%samounts: {this_year: 1}\n%s%s      - {indicator: 场次, from: ≥6场, to: ≥5场}\n"
           "  - date: 2022-03-01\n    reason: r\n    approver: a\n    changes:\n      - {indicator: 场次, from: ≥5场, to: ≥4场}\n",
           HEAD, ind, adj);
  expect_code(buf, "JX809", JX_WARNING, "2022-03-01");
  snprintf(buf, sizeof buf, "%samounts: {this_year: 1}\n%sunknown_key: 1\n", HEAD, ind);
  expect_code(buf, "JX121", JX_WARNING, "unknown_key");
}

/* A year-end loader given a declaration, and the reverse: one clear error, no pile of
 * unknown-key warnings. */
static void test_wrong_kind(void **state) {
  (void)state;
  jx_diags d = {0};
  jx_doc *doc = NULL;
  assert_int_equal(jx_doc_load(EXAMPLE, &doc, &d), JX_ERR_DATA);
  assert_null(doc);
  assert_int_equal(d.n, 1);
  assert_non_null(find_code_msg(&d, "JX800", "绩效目标申报文件"));
  jx_diags_free(&d);

  jx_decl *decl = NULL;
  assert_int_equal(jx_decl_load(JX_SOURCE_DIR "/examples/ebian-cppcc-2023.yaml", &decl, &d), JX_ERR_DATA);
  assert_null(decl);
  assert_int_equal(d.n, 1);
  assert_non_null(find_code_msg(&d, "JX801", "department"));
  jx_diags_free(&d);

  jx_status st = JX_OK;
  assert_true(jx_decl_check_file(EXAMPLE, &st, &d));
  assert_int_equal(st, JX_OK);
  assert_false(jx_decl_check_file(JX_SOURCE_DIR "/examples/ebian-cppcc-2023.yaml", &st, &d));
  assert_false(jx_decl_check_file(JX_SOURCE_DIR "/no/such/file.yaml", &st, &d));
  assert_int_equal(d.n, 0);
  jx_diags_free(&d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_load_example),
      cmocka_unit_test(test_seed_declaration),
      cmocka_unit_test(test_round_trip_awkward),
      cmocka_unit_test(test_builder_grows),
      cmocka_unit_test(test_sniff),
      cmocka_unit_test(test_diagnostics),
      cmocka_unit_test(test_wrong_kind),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
