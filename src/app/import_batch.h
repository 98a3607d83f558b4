/* import_batch.h — jx_import_batches: the use case behind `jixiao db import` (files in batches, lost batches retried). */
#ifndef JX_APP_IMPORT_BATCH_H
#define JX_APP_IMPORT_BATCH_H

#include "jixiao.h"

/* One file of a batch, as jx_store_import left it. */
typedef struct {
  const char *path;
  jx_status status;          /* what jx_store_import returned */
  bool stored;               /* written in the batch's transaction (info is valid), errors or not */
  jx_store_import_info info;
} jx_batch_file;

/* What the caller is told, in order; any callback may be NULL.  ctx is passed back. */
typedef struct {
  void *ctx;
  /* A file was imported for the first time (not again when its batch is retried): its
   * diagnostics, sorted, and why it was not stored (the store's message) or NULL. */
  void (*file)(void *ctx, const char *path, const jx_diags *d, const char *why);
  /* Before the done-th file of total, every 500 files (not again on a retry). */
  void (*progress)(void *ctx, int done, int total);
  /* A batch ended: all its files, stored or not, and its commit's status (JX_OK: the
   * stored files are in the database) with the store's message. */
  void (*batch)(void *ctx, const jx_batch_file *files, size_t n, jx_status commit, const char *why);
  /* A batch lost to other writers too many times: these files are not stored. */
  void (*lost)(void *ctx, const char *const *paths, size_t n, const char *why);
} jx_batch_report;

/* Import paths[0..n) into s with jx_store_import(io), per_batch files per transaction
 * (0: the backend's default — 256 on SQLite, 64 on PostgreSQL).  A batch lost to another
 * writer (jx_store_batch_lost: a deadlock between two batches' locks) is rolled back whole
 * and imported again after a short random pause, up to 20 times; then its files are given
 * up (rep->lost) and the next batch goes on.  Returns JX_OK, or the status of a batch that
 * could not begin (nothing after it is imported; the store's message says why). */
jx_status jx_import_batches(jx_store *s, const char *const *paths, int n, const jx_store_import_opts *io, size_t per_batch,
                            const jx_batch_report *rep);

#endif
