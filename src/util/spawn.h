/* spawn.h — run a program as a child process (posix_spawnp, argv only: no shell) and
 * capture its standard output, bounded in bytes and in time (internal). */
#ifndef JX_SPAWN_H
#define JX_SPAWN_H

#include <stddef.h>

typedef enum {
  JX_RUN_EXITED,    /* the child ended by itself: see exit_code (or signal) */
  JX_RUN_NOT_FOUND, /* argv[0] is not on PATH (ENOENT from posix_spawnp) */
  JX_RUN_NO_START,  /* pipe or posix_spawnp failed otherwise: errno_value */
  JX_RUN_TIMEOUT,   /* still running after timeout_ms: killed */
  JX_RUN_TOO_BIG,   /* more than limit bytes on stdout: killed */
  JX_RUN_READ_ERROR /* reading the pipe failed: killed */
} jx_run_state;

typedef struct {
  jx_run_state state;
  int exit_code;   /* with JX_RUN_EXITED: the exit status, or -1 when a signal ended it */
  int signal;      /* with exit_code -1: the signal's number */
  int errno_value; /* with JX_RUN_NO_START */
} jx_run_result;

/* Run argv[0] (looked up on PATH) with argv; stdin and stderr are /dev/null, stdout is
 * read through a pipe with poll until the child closes it, until more than limit bytes
 * arrive or until timeout_ms pass (then the child is killed with SIGKILL).  The child is
 * always waited for.  With JX_RUN_EXITED, *out is malloc'd (jx_xmalloc), NUL-terminated,
 * *len its bytes, whatever the exit code; otherwise *out is NULL.  argv[0] and any path
 * in argv are the caller's to make safe (a path starting with '-' prefixed by "./"). */
jx_run_result jx_run_capture(char *const argv[], size_t limit, int timeout_ms, char **out, size_t *len);

#endif
