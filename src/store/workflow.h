/* workflow.h — the approval chain of one department-year as JSON, for the web (internal; src/store/workflow.c). */
#ifndef JX_STORE_WORKFLOW_H
#define JX_STORE_WORKFLOW_H

#include <jansson.h>

#include "jixiao.h"

/* The chain of department-year k as seen by actor o (o->user unused): {status, level,
 * state_label, version, chain: [{level, label, approver, state: approved|awaiting|pending,
 * mine}], can: {submit, approve, return, unapprove, publish, send_back: true when o may;
 * unapprove_levels: [{level, label}]}, thread: [{version, action, action_label, level,
 * level_label, target, target_label, comment, who, at}]}.  A new reference, or NULL with
 * the store's message (no such year, database error). */
json_t *jx_store_workflow_json(jx_store *s, const jx_dy_key *k, const jx_transition_opts *o);

#endif
