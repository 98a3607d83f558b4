/* todo.h — 待办 and the reminders' candidates read from the collection (internal; src/store/todo.c). */
#ifndef JX_STORE_TODO_H
#define JX_STORE_TODO_H

#include <jansson.h>

#include "jixiao.h"
#include "store/store.h"

/* A unit that has not sent its own report at a checkpoint that is due. */
typedef struct {
  const jx_dept *unit;
  int year;
  const char *day;      /* the checkpoint, "MM-DD" */
  const char *deadline; /* "YYYY-MM-DD" */
  const char *grace_end; /* deadline + grace days, "YYYY-MM-DD" */
  long days;            /* deadline − today: ≥ 0 days left, < 0 days past the deadline */
  const char *kind;     /* "提醒" (deadline ahead), "催报" (passed, within grace), "逾期" (grace over) */
} jx_due_checkpoint;
typedef void (*jx_due_fn)(void *ctx, const jx_due_checkpoint *d);

/* Call fn for every unit (level unit; at or under `under` when non-NULL) without its own
 * report at a checkpoint whose deadline is at most before_days ahead of today ($JIXIAO_NOW
 * when set) or passed less than 366 days ago, in checkpoint then unit code order.  depts
 * from jx_store_departments. */
jx_status jx_store_due_checkpoints(jx_store *s, const jx_dept_list *depts, const char *under, int before_days, jx_due_fn fn,
                                   void *ctx);

/* The items as the JSON array jx_todo_write writes ({"items": […], "counts": {…}});
 * a new reference. */
json_t *jx_todo_json(const jx_todo *t, size_t n);

#endif
