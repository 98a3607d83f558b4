"""A CSV export of 100,001 indicator rows: over the limit of 100,000 data rows."""
from _decl import *

rows = [PROJECT_HEAD + INDICATOR_HEAD[1:]]
p = PROJECTS[0]
for k in range(100001):
    rows.append(p + ["产出", "数量", "指标%d" % k, "≥%d个" % k, None])
write_csv(rows)
