/* spawn.c — a child process's standard output, bounded in bytes and time (util/spawn.h). */
#include "util/spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util/arena.h"

static long long now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

jx_run_result jx_run_capture(char *const argv[], size_t limit, int timeout_ms, char **out, size_t *len) {
  jx_run_result r = {JX_RUN_EXITED, 0, 0, 0};
  *out = NULL;
  *len = 0;
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    r.state = JX_RUN_NO_START;
    r.errno_value = errno;
    return r;
  }
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
  posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid;
  int rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  close(fds[1]);
  if (rc != 0) {
    close(fds[0]);
    r.state = rc == ENOENT ? JX_RUN_NOT_FOUND : JX_RUN_NO_START;
    r.errno_value = rc;
    return r;
  }

  size_t cap = limit < ((size_t)64 << 10) ? limit : (size_t)64 << 10, n = 0;
  char *buf = jx_xmalloc(cap + 1);
  long long deadline = now_ms() + timeout_ms;
  enum { RUNNING, DONE, STOPPED } run = RUNNING;
  while (run == RUNNING) {
    long long left = deadline - now_ms();
    if (left <= 0) {
      r.state = JX_RUN_TIMEOUT;
      run = STOPPED;
      break;
    }
    struct pollfd pfd = {fds[0], POLLIN, 0};
    int pr = poll(&pfd, 1, left > 1000 ? 1000 : (int)left);
    if (pr < 0) {
      if (errno == EINTR) continue;
      r.state = JX_RUN_READ_ERROR;
      run = STOPPED;
      break;
    }
    if (pr == 0) continue;
    if (n == cap) {
      if (cap >= limit) {
        /* one byte more than the limit tells overflow from exactly the limit */
        char one;
        ssize_t extra = read(fds[0], &one, 1);
        if (extra == 0) {
          run = DONE;
        } else if (extra < 0 && (errno == EINTR || errno == EAGAIN)) {
          continue;
        } else {
          r.state = extra < 0 ? JX_RUN_READ_ERROR : JX_RUN_TOO_BIG;
          run = STOPPED;
        }
        break;
      }
      cap = cap > limit / 2 ? limit : cap * 2;
      buf = jx_xrealloc(buf, cap + 1);
    }
    ssize_t got = read(fds[0], buf + n, cap - n);
    if (got < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      r.state = JX_RUN_READ_ERROR;
      run = STOPPED;
    } else if (got == 0) {
      run = DONE;
    } else {
      n += (size_t)got;
    }
  }
  close(fds[0]);
  if (run != DONE) kill(pid, SIGKILL);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (run != DONE) {
    free(buf);
    return r;
  }
  if (WIFEXITED(status)) {
    r.exit_code = WEXITSTATUS(status);
  } else {
    r.exit_code = -1;
    r.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  }
  buf[n] = '\0';
  *out = buf;
  *len = n;
  return r;
}
