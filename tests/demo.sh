#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The demo: installs what is missing, builds, creates a fresh demo town ("Mairie de
# Démonstration"), then runs the families' portal on loopback with the PayFiP sandbox,
# printing their addresses, the demo logins and the folder where e-mails arrive. When a
# display is there, the staff application opens on the same database. Ctrl+C stops it.
# DEMO_LISTEN=127.0.0.1:8080 and DEMO_FAMILIES=200 by default.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/_build}
listen=${DEMO_LISTEN:-127.0.0.1:8080}
families=${DEMO_FAMILIES:-200}

bash "$root/tests/setup.sh"
if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$root" >/dev/null
fi
ninja -C "$build" >/dev/null

export GUICHET_LOCALEDIR="$build/po"
export GSETTINGS_SCHEMA_DIR="$build/data"
dir=$(mktemp -d "${TMPDIR:-/tmp}/guichet-demo-XXXXXX")
db="$dir/guichet-demo.db"
"$build/shared/admin/guichet-admin" demo "$db" --families "$families"
echo

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x "$build/app/guichet" ]; then
  echo "Staff application: opening on $db (log in as agent, regisseur or admin)."
  "$build/app/guichet" --db "$db" >/dev/null 2>&1 &
else
  echo "No display: the staff application is not started (it would run: $build/app/guichet --db $db)."
fi
echo "Open the portal in a browser at the address below; e-mails (activation links,"
echo "receipts…) are .eml files in $dir/courriels/new."
echo
exec "$build/web/guichet-portail" --db "$db" --sandbox --listen "$listen" --maildir "$dir/courriels"
