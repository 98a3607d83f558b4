/* hello.c — the baseline of bench/web.sh: a libmicrohttpd static "hello world" with the
 * same daemon setup as jixiao serve (thread pool on epoll, response queued on the second
 * call of the handler, persistent buffer).  Usage: hello PORT [THREADS] (port 0: a free one);
 * prints "hello: listening on http://127.0.0.1:PORT/" on stderr; stops on SIGTERM. */
#include <microhttpd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char body[] = "hello, world\n";

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                  const char *version, const char *upload, size_t *upload_size, void **con_cls) {
  static int marker;
  (void)cls, (void)url, (void)method, (void)version, (void)upload, (void)upload_size;
  if (*con_cls != &marker) {
    *con_cls = &marker; /* first call: headers only */
    return MHD_YES;
  }
  struct MHD_Response *r = MHD_create_response_from_buffer(sizeof body - 1, (void *)body, MHD_RESPMEM_PERSISTENT);
  MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "text/plain");
  enum MHD_Result ok = MHD_queue_response(c, MHD_HTTP_OK, r);
  MHD_destroy_response(r);
  return ok;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: hello PORT [THREADS]\n");
    return 2;
  }
  unsigned threads = argc > 2 ? (unsigned)atoi(argv[2]) : (unsigned)sysconf(_SC_NPROCESSORS_ONLN);
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, SIGTERM);
  sigaddset(&s, SIGINT);
  pthread_sigmask(SIG_BLOCK, &s, NULL);
  struct MHD_Daemon *d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL, (uint16_t)atoi(argv[1]), NULL,
                                          NULL, &on_request, NULL, MHD_OPTION_THREAD_POOL_SIZE, threads,
                                          MHD_OPTION_CONNECTION_LIMIT, 1024u, MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u,
                                          MHD_OPTION_END);
  if (!d) {
    perror("MHD_start_daemon");
    return 1;
  }
  const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
  fprintf(stderr, "hello: listening on http://127.0.0.1:%u/\n", info ? (unsigned)info->port : 0U);
  int sig;
  sigwait(&s, &sig);
  MHD_stop_daemon(d);
  return 0;
}
