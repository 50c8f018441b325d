#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The whole test suite from scratch: installs what is missing, builds in a fresh
# directory with warnings as errors, runs every test, and ends with the line
# "Tests: N passed, N failed".
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/_build-tests}

bash "$root/tests/setup.sh" || { echo "Tests: 0 passed, 1 failed"; exit 1; }

rm -rf "$build"
if ! meson setup "$build" "$root" --werror -Dbuildtype=debugoptimized >"$build.setup.log" 2>&1; then
  cat "$build.setup.log"
  echo "Tests: 0 passed, 1 failed"
  exit 1
fi
if ! ninja -C "$build"; then
  echo "Tests: 0 passed, 1 failed"
  exit 1
fi

meson test -C "$build" --print-errorlogs --num-processes 2
status=$?

python3 "$root/tests/summarize.py" "$build/meson-logs/testlog.json"
summary=$?
[ $status -eq 0 ] && [ $summary -eq 0 ]
