/* framework_lookup.c — find a qualitative band by its printed wording and a 评分标准 wording in a framework (model/framework.h). */
#include <string.h>

#include "model/framework.h"

/* Placeholder until the full lookup (folding, criteria patterns) lands. */
const jx_fw_band *jx_fw_band_for(const jx_framework *fw, const char *printed) {
  if (!printed) return NULL;
  for (size_t i = 0; i < fw->bands.n; i++) {
    const jx_fw_band *b = &fw->bands.items[i];
    if (strcmp(b->name, printed) == 0) return b;
    for (size_t k = 0; k < b->synonyms.n; k++)
      if (strcmp(b->synonyms.items[k], printed) == 0) return b;
  }
  return NULL;
}

const jx_fw_criteria *jx_fw_criteria_match(const jx_framework *fw, const char *criteria_text, int64_t *step,
                                           int64_t *points, int64_t *target) {
  (void)fw, (void)criteria_text, (void)step, (void)points, (void)target;
  return NULL;
}
