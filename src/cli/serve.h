/* serve.h — the `serve` and `user` commands (serve.c). */
#ifndef JX_CLI_SERVE_H
#define JX_CLI_SERVE_H

int cli_serve(int argc, char **argv);
int cli_user(int argc, char **argv);

#endif
