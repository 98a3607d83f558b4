/* import_batch.c — jx_import_batches: files imported in batches of one transaction, a batch lost to a deadlock imported again. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/import_batch.h"

/* Files are imported in batches (one transaction each, see jx_store_batch_begin); what
 * was stored is reported once its batch is committed, so that nothing is reported stored
 * that a crash could still take back.  A batch that loses a race with another writer
 * (PostgreSQL: a deadlock between two batches' locks) is rolled back whole and imported
 * again; its files' diagnostics are reported once. */
enum {
  IMPORT_BATCH = 256,   /* default of --batch on SQLite */
  IMPORT_BATCH_PG = 64, /* on PostgreSQL: a savepoint per file, and a backend keeps the ids of
                           64 subtransactions in shared memory (more "overflow" and slow down
                           every other session's snapshots until the batch commits) */
  IMPORT_RETRIES = 20,
};

jx_status jx_import_batches(jx_store *s, const char *const *paths, int n, const jx_store_import_opts *io, size_t per_batch,
                            const jx_batch_report *rep) {
  if (per_batch == 0) per_batch = strcmp(jx_store_backend(s), "postgresql") == 0 ? IMPORT_BATCH_PG : IMPORT_BATCH;
  jx_batch_file *batch = jx_xcalloc(per_batch, sizeof *batch);
  int shown = 0, retries = 0; /* files whose diagnostics were reported; attempts of this batch */
  for (int i = 0; i < n;) {
    int first = i;
    jx_status bst = jx_store_batch_begin(s);
    if (bst != JX_OK) {
      free(batch);
      return bst;
    }
    size_t nb = 0;
    bool lost = false;
    for (; i < n && (size_t)(i - first) < per_batch; i++) {
      if (rep->progress && i % 500 == 0 && i >= shown) rep->progress(rep->ctx, i, n);
      jx_diags d = {0};
      jx_store_import_info info;
      jx_status st = jx_store_import(s, paths[i], io, &info, &d);
      if (st != JX_OK && jx_store_batch_lost(s)) {
        jx_diags_free(&d);
        lost = true;
        break;
      }
      jx_diags_sort(&d);
      bool stored = info.department[0] && (st == JX_OK || (st == JX_ERR_DATA && info.errors));
      if (i >= shown && rep->file) rep->file(rep->ctx, paths[i], &d, stored ? NULL : jx_store_errmsg(s));
      jx_diags_free(&d);
      batch[nb++] = (jx_batch_file){paths[i], st, stored, info};
      if (i >= shown) shown = i + 1;
    }
    jx_status cst = lost ? JX_ERR_IO : jx_store_batch_commit(s);
    lost = lost || (cst != JX_OK && jx_store_batch_lost(s));
    if (lost && ++retries <= IMPORT_RETRIES) {
      i = first; /* again, after a short random pause (the other writer goes on meanwhile) */
      unsigned jitter = ((unsigned)getpid() * 7919U + (unsigned)retries * 104729U) % 20U; /* two writers apart */
      usleep((useconds_t)(1000U * (1U + jitter) * (unsigned)retries));
      continue;
    }
    if (lost) { /* give up on this batch: the files from first to i are not stored */
      int last = i < n ? i : n - 1;
      if (rep->lost) rep->lost(rep->ctx, paths + first, (size_t)last - (size_t)first + 1, jx_store_errmsg(s));
      i = last + 1;
      retries = 0;
      continue;
    }
    if (rep->batch) rep->batch(rep->ctx, batch, nb, cst, jx_store_errmsg(s));
    retries = 0;
  }
  free(batch);
  return JX_OK;
}
