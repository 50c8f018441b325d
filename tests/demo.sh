#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The demo: installs what is missing, builds, creates the demo town's database and
# prints where it is and the demo logins. (The portal and the staff application join
# the demo as they are built.)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/_build}
families=${DEMO_FAMILIES:-200}

bash "$root/tests/setup.sh"
if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$root" >/dev/null
fi
ninja -C "$build" >/dev/null

dir=$(mktemp -d "${TMPDIR:-/tmp}/guichet-demo-XXXXXX")
db="$dir/guichet-demo.db"
"$build/shared/admin/guichet-admin" demo "$db" --families "$families"
echo
echo "Check it:    $build/shared/admin/guichet-admin check $db"
echo "Look inside: sqlite3 $db 'SELECT reference, city FROM family LIMIT 5'"
