#!/usr/bin/env bash
# library.sh — the indicator library's search on a big library (not a test): the Shenzhen
# export's 118 declarations, then N generated 三级指标 (default 100,000) imported as an
# organisation's library, then a few searches timed on SQLite.
#
#   bench/library.sh JIXIAO [N]
set -euo pipefail
jx=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
n=${2:-100000}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/jx-library.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
export JIXIAO_DB=$tmp/library.db
cat >departments.csv <<'CSV'
code,name,parent,level
BA000,深圳市宝安区财政局,,bureau
SG000,深圳市宝安区松岗街道办事处（本级）,BA000,authority
SG001,深圳市宝安区松岗街道党建服务中心,SG000,unit
SG002,深圳市宝安区松岗街道网格综合管理中心,SG000,unit
SG003,深圳市宝安区松岗街道企业创新服务中心,SG000,unit
SG004,深圳市宝安区松岗街道市政建设工程事务中心,SG000,unit
CSV
"$jx" db departments departments.csv >/dev/null
"$jx" import "${JX_CORPUS:-/work/shared/corpus}/shenzhen-songgang-targets-2021-2022.xlsx" --db "$JIXIAO_DB" --user bench 2>&1 | tail -n 1 || true
/usr/bin/python3 - "$n" >generated.csv <<'PY'
import random, sys
random.seed(17)
n = int(sys.argv[1])
pairs = [("产出", "数量"), ("产出", "质量"), ("产出", "时效"), ("产出", "成本"), ("效益", "社会效益"), ("效益", "经济效益"), ("满意度", "服务对象满意度")]
things = "培训 道路 社区 党员 企业 学校 设备 消防 绿化 河道 安全 文化 医疗 养老 就业 网格 垃圾 照明 停车 巡查".split()
kinds = "场次 人次 覆盖率 合格率 完成率 满意度 及时率 数量 面积 长度 成本 准确率".split()
print("level1,level2,name,uses,typical,unit")
seen = set()
while len(seen) < n:
    name = random.choice(things) + random.choice(things) + random.choice(kinds) + str(len(seen))
    seen.add(name)
    l1, l2 = random.choice(pairs)
    print(f"{l1},{l2},{name},{random.randint(0, 50)},≥{random.randint(1, 99)}%,%")
PY
/usr/bin/time -f "library import of $n rows: %e s" "$jx" db library import generated.csv
for q in 满意度 "培训 场次" 消防安全 率; do
  /usr/bin/time -f "search '$q': %e s (process included)" "$jx" db library search $q --limit 10 >/dev/null
done
