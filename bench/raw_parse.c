/* raw_parse.c — the benchmark floor: read each file given and run a plain libyaml event
 * loop over its bytes (yaml_parser_parse until STREAM_END), counting events.  No tree,
 * no binding, no checks.  It reads a file the way jixiao does (whole file into memory,
 * then yaml_parser_set_input_string), so the ratio jixiao / raw_parse is the cost of
 * everything jixiao does beyond tokenising the YAML.
 *
 * Usage: raw_parse FILE...   Prints "N files, E events, B bytes" on stdout.
 * Exit 0 when every file parsed, 1 when a file had a YAML error, 3 when one could not
 * be read.  Built by bench/run: cc -O2 raw_parse.c $(pkg-config --cflags --libs yaml-0.1)
 */
#include <stdio.h>
#include <stdlib.h>
#include <yaml.h>

static unsigned char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 64 * 1024, n = 0;
  unsigned char *buf = malloc(cap + 1);
  if (!buf) abort();
  for (;;) {
    if (n == cap) {
      cap *= 2;
      unsigned char *nb = realloc(buf, cap + 1);
      if (!nb) abort();
      buf = nb;
    }
    size_t got = fread(buf + n, 1, cap - n, f);
    n += got;
    if (got == 0) break;
  }
  int err = ferror(f);
  fclose(f);
  if (err) {
    free(buf);
    return NULL;
  }
  buf[n] = '\0';
  *len = n;
  return buf;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: raw_parse FILE...\n");
    return 2;
  }
  unsigned long long events = 0, bytes = 0;
  int rc = 0;
  for (int i = 1; i < argc; i++) {
    size_t len = 0;
    unsigned char *data = slurp(argv[i], &len);
    if (!data) {
      perror(argv[i]);
      rc = 3;
      continue;
    }
    bytes += len;
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) abort();
    yaml_parser_set_input_string(&parser, data, len);
    for (;;) {
      yaml_event_t ev;
      if (!yaml_parser_parse(&parser, &ev)) {
        fprintf(stderr, "%s:%zu:%zu: YAML error: %s\n", argv[i], parser.problem_mark.line + 1,
                parser.problem_mark.column + 1, parser.problem ? parser.problem : "?");
        if (rc == 0) rc = 1;
        break;
      }
      yaml_event_type_t t = ev.type;
      events++;
      yaml_event_delete(&ev);
      if (t == YAML_STREAM_END_EVENT) break;
    }
    yaml_parser_delete(&parser);
    free(data);
  }
  printf("%d files, %llu events, %llu bytes\n", argc - 1, events, bytes);
  return rc;
}
