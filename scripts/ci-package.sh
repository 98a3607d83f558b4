#!/usr/bin/env bash
# ci-package.sh — CI stage `package`: build the .deb (make deb: lintian without errors),
# install it with dpkg -i, check the seed with the installed program from a temporary
# directory, start `jixiao serve` from the installed config in the foreground as the user
# jixiao (no systemd in CI: the unit's ExecStart, run by hand), GET /healthz, back up and
# restore the database, then purge the package.  Needs root (CI runs as root) or sudo.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
as_root=(); [ "$(id -u)" -eq 0 ] || as_root=(sudo)
fail() { echo "package: FAIL: $*"; exit 1; }
# it purges the package and removes /var/lib/jixiao at the end: never on a machine where
# jixiao is installed for real
if dpkg-query -W -f='${db:Status-Status}' jixiao 2>/dev/null | grep -qx installed || [ -e /var/lib/jixiao ]; then
  fail "jixiao is already installed here (or /var/lib/jixiao exists): this stage would remove it"
fi
start=$SECONDS
bash scripts/build-deb.sh build/deb
echo "package: deb built and checked in $((SECONDS - start)) s"
deb=$(ls build/deb/jixiao_*.deb)
t=$SECONDS
"${as_root[@]}" dpkg -i "$deb"
echo "package: dpkg -i in $((SECONDS - t)) s"
pid=
cleanup() {
  [ -n "$pid" ] && "${as_root[@]}" kill "$pid" 2>/dev/null || true
  "${as_root[@]}" dpkg --purge jixiao >/dev/null 2>&1 || true
  "${as_root[@]}" rm -rf /var/lib/jixiao
  rm -rf "$tmp"
}
tmp=$(mktemp -d)
trap cleanup EXIT
chmod 755 "$tmp"
cp examples/ebian-cppcc-2023.yaml "$tmp/seed.yaml"
unset JIXIAO_FRAMEWORKS JIXIAO_DB
# the seed from the installed paths (its known 3 errors: exit 1)
rc=0; (cd "$tmp" && /usr/bin/jixiao check seed.yaml) >"$tmp/check.out" 2>&1 || rc=$?
tail -1 "$tmp/check.out"
[ "$rc" -eq 1 ] && grep -q '3 个错误' "$tmp/check.out" || fail "installed jixiao check exited $rc"
/usr/bin/jixiao --version | grep -Eq "/usr/(bin/\.\./)?lib/.*/jixiao/libjixiao-web.so" || fail "modules not found at the installed path"
getent passwd jixiao >/dev/null || fail "postinst made no user jixiao"
[ -d /var/lib/jixiao ] && [ "$(stat -c %U /var/lib/jixiao)" = jixiao ] || fail "/var/lib/jixiao"
man -w jixiao-serve >/dev/null || fail "man jixiao-serve"
# the service's command in the foreground, as the unit runs it (port 0: any free one)
"${as_root[@]}" runuser -u jixiao -- /usr/bin/jixiao serve --config /etc/jixiao/jixiao.conf --listen 127.0.0.1:0 >"$tmp/serve.out" 2>&1 &
pid=$!
for _ in $(seq 1 100); do grep -q 'http://' "$tmp/serve.out" && break; sleep 0.1; done
url=$(grep -oE 'http://[0-9.:]+' "$tmp/serve.out" | head -1)
[ -n "$url" ] || { cat "$tmp/serve.out"; fail "serve did not start"; }
curl -fsS "$url/healthz" || fail "GET /healthz"
echo
"${as_root[@]}" runuser -u jixiao -- /usr/bin/jixiao db --db /var/lib/jixiao/jixiao.db import -q "$tmp/seed.yaml" || true
"${as_root[@]}" runuser -u jixiao -- /usr/bin/jixiao db --db /var/lib/jixiao/jixiao.db backup /var/lib/jixiao/backup.db
"${as_root[@]}" kill "$pid"; wait "$pid" || true; pid=
grep -q healthz /var/log/jixiao/access.log || fail "no access log"
"${as_root[@]}" runuser -u jixiao -- /usr/bin/jixiao db --db /var/lib/jixiao/restored.db restore /var/lib/jixiao/backup.db
"${as_root[@]}" runuser -u jixiao -- /usr/bin/jixiao db --db /var/lib/jixiao/restored.db list | grep -q 511132001 || fail "restored copy lacks the seed"
t=$SECONDS
"${as_root[@]}" dpkg --purge jixiao
[ ! -e /usr/bin/jixiao ] || fail "dpkg --purge left /usr/bin/jixiao"
echo "package: purge in $((SECONDS - t)) s; stage $((SECONDS - start)) s"
