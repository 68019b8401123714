#!/usr/bin/env bash
# Smoke test of the packaged program: builds the application image, then runs its launcher as a user would, with
# the window in a virtual X display (Xvfb) and no redis-server on PATH, so the bundled one must work.
#
# usage: packaging/smoke-test.sh [APP_IMAGE]
#   APP_IMAGE: an application image (or the installed /opt/hotcore-explorer) to test instead of building one.
# Needs libgtk-3-0, and Debian's xvfb (xvfb-run) when DISPLAY is unset. Exits 0 when every check passes.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
  echo "smoke-test.sh: FAILED: $*" >&2
  exit 1
}

: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
version=$(sed -n 's:.*<version>\([^<]*\)</version>.*:\1:p' pom.xml | head -n 1)

image=${1:-}
if [[ -z $image ]]; then
  echo "Building the application image"
  start=$SECONDS
  mvn -B -q -Ppackage -DskipTests -Dpackage.types=app-image package
  echo "Built in $((SECONDS - start)) s"
  image=target/installer/hotcore-explorer
fi
launcher=$image/bin/hotcore-explorer
[[ -x $launcher ]] || fail "no launcher at $launcher"
echo "Application image: $image ($(du -sh "$image" | cut -f1))"

work=$(mktemp -d "${TMPDIR:-/tmp}/hotcore-smoke.XXXXXX")
redis_pid=
cleanup() {
  if [[ -n $redis_pid ]]; then
    kill "$redis_pid" 2>/dev/null || true
    wait "$redis_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
# An empty PATH folder: the program finds no redis-server there and must extract the one it bundles.
mkdir -p "$work/empty-path"

check() {
  local name=$1
  shift
  echo "check: $name"
  "$@" || fail "$name"
}

# 1. The runtime contains the JavaFX modules, and embedded-redis only this platform's binary.
runtime_modules=$(sed -n 's/^MODULES="\(.*\)"/\1/p' "$image/lib/runtime/release")
for module in javafx.base javafx.graphics javafx.controls; do
  check "runtime contains $module" grep -qw "$module" <<<"$runtime_modules"
done
redis_jar=$(compgen -G "$image/lib/app/embedded-redis-*.jar" | head -n 1) || fail "no embedded-redis jar in $image"
binaries=$("$JAVA_HOME/bin/jar" --list --file "$redis_jar" | grep -c '^redis-server-' || true)
check "embedded-redis holds one redis-server binary (found $binaries)" test "$binaries" -eq 1

# 2. The command line.
out=$(env PATH="$work/empty-path" "$launcher" --version)
check "--version prints 'hotcore-explorer $version' (got '$out')" test "$out" = "hotcore-explorer $version"
env PATH="$work/empty-path" "$launcher" --help >"$work/help.txt"
check "--help lists the tree command" grep -q '^ *tree ' "$work/help.txt"

# 3. The window: starts the bundled Redis, fills the demo database, shows its tree, exits 0 within 60 s.
run_window() {
  if [[ -n ${DISPLAY:-} ]]; then
    "$@"
  else
    command -v xvfb-run >/dev/null || fail "no DISPLAY and no xvfb-run: apt-get install xvfb"
    xvfb-run --auto-servernum --server-args="-screen 0 1280x800x24" "$@"
  fi
}
echo "check: --smoke-test opens the window on the demo database"
start=$SECONDS
status=0
run_window timeout 90 env PATH="$work/empty-path" "$launcher" --smoke-test >"$work/window.out" 2>"$work/window.err" \
  || status=$?
elapsed=$((SECONDS - start))
if [[ $status -ne 0 ]] || ! grep -qx 'smoke test passed' "$work/window.out"; then
  echo "--- stdout" >&2
  tail -n 40 "$work/window.out" >&2
  echo "--- stderr" >&2
  tail -n 40 "$work/window.err" >&2
  fail "--smoke-test exited with $status after $elapsed s"
fi
echo "  passed in $elapsed s"
if grep -qi 'Unsupported JavaFX configuration' "$work/window.out" "$work/window.err"; then
  fail "JavaFX warned about an unsupported configuration"
fi

# 4. The command line on data: the redis-server the window extracted, on a free loopback port.
# The JDK's java.io.tmpdir on Linux and macOS is /tmp, whatever TMPDIR is set to.
redis_binary=$(compgen -G "/tmp/hotcore-explorer-redis/redis-server-*" | grep -v '\.partial$' | head -n 1) \
  || fail "the window extracted no redis-server to /tmp/hotcore-explorer-redis"
for attempt in 1 2 3 4 5; do
  port=$((20000 + RANDOM % 20000))
  "$redis_binary" --bind 127.0.0.1 --port "$port" --save '' --appendonly no --dir "$work" \
    >"$work/redis.log" 2>&1 &
  redis_pid=$!
  for _ in $(seq 50); do
    grep -q 'Ready to accept connections' "$work/redis.log" && break
    kill -0 "$redis_pid" 2>/dev/null || break
    sleep 0.1
  done
  grep -q 'Ready to accept connections' "$work/redis.log" && break
  wait "$redis_pid" 2>/dev/null || true
  redis_pid=
  ((attempt < 5)) || fail "the bundled redis-server did not start: $(tail -n 3 "$work/redis.log")"
done
url="redis://127.0.0.1:$port/0"
cli() {
  env PATH="$work/empty-path" "$launcher" "$@" --redis "$url"
}
uuid=$(cli create root name=SmokeOffice type=office)
cli create "$uuid" name=SmokeDesk type=desk >/dev/null
cli tree >"$work/tree.txt"
check "tree shows the created entities" grep -q 'SmokeDesk' "$work/tree.txt"
check "get reads an attribute" grep -q 'SmokeOffice' <(cli get "$uuid")

echo "smoke test of $image: all checks passed"
