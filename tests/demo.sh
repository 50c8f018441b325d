#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The demo: installs what is missing, builds, then runs the families' portal on loopback
# over a fresh demo town ("Mairie de Démonstration"), printing its address, the demo
# logins and the folder where its e-mails arrive. Ctrl+C stops it.
# DEMO_LISTEN=127.0.0.1:8080 by default. The staff application joins when it is built.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/_build}
listen=${DEMO_LISTEN:-127.0.0.1:8080}

bash "$root/tests/setup.sh"
if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$root" >/dev/null
fi
ninja -C "$build" >/dev/null

export GUICHET_LOCALEDIR="$build/po"
echo "Open the portal in a browser at the address below; e-mails (activation links…) are"
echo "files in the folder it prints. The database is a new demo town each time."
echo
exec "$build/web/guichet-portail" --demo --listen "$listen"
