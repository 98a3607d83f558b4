#!/usr/bin/env bash
# service.sh — debian/jixiao.service passes `systemd-analyze verify` (its ExecStart pointed
# at the build's program, its man page found in the build's man pages), and the packaged
# config file is read by `jixiao serve --config` (a bad line is refused at 文件:行).
set -euo pipefail
J=$1
SRC=$(cd "$(dirname "$0")/../.." && pwd)
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! command -v systemd-analyze >/dev/null; then . "$SRC/tests/lib/require.sh"; jx_missing systemd "systemd-analyze"; fi
sed "s|/usr/bin/jixiao|$J|" "$SRC/debian/jixiao.service" >"$tmp/jixiao.service"
MANPATH=$(dirname "$J")/man: SYSTEMD_LOG_LEVEL=notice systemd-analyze verify "$tmp/jixiao.service" 2>&1 | tee "$tmp/verify"
[ -s "$tmp/verify" ] && fail "systemd-analyze verify reported problems"
# the packaged config, with the paths moved into tmp
sed -e "s|/var/lib/jixiao|$tmp|; s|/var/log/jixiao|$tmp|; s|127.0.0.1:8080|127.0.0.1:0|" "$SRC/packaging/jixiao.conf" >"$tmp/jixiao.conf"
"$J" serve --config "$tmp/jixiao.conf" >"$tmp/serve.out" 2>&1 &
pid=$!
for _ in $(seq 1 100); do grep -q 'http://' "$tmp/serve.out" && break; sleep 0.1; done
url=$(grep -oE 'http://[0-9.:]+' "$tmp/serve.out" | head -1)
[ -n "$url" ] || { cat "$tmp/serve.out"; fail "serve --config did not start"; }
curl -fsS "$url/healthz" >/dev/null || fail "GET /healthz"
kill "$pid"; wait "$pid" || true
[ -f "$tmp/jixiao.db" ] || fail "the config's db was not used"
[ -f "$tmp/access.log" ] && grep -q healthz "$tmp/access.log" || fail "the config's access-log was not written"
printf 'listen = 127.0.0.1:0\nlisten: 1\n' >"$tmp/bad.conf"
if "$J" serve --config "$tmp/bad.conf" 2>"$tmp/bad.out"; then fail "a bad config was accepted"; fi
grep -q "bad.conf:2: " "$tmp/bad.out" || { cat "$tmp/bad.out"; fail "the error does not say 文件:行"; }
echo "ok: systemd-analyze verify, serve --config with the packaged config"
