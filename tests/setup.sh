#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs what building and testing Guichet Familles needs on Debian 12, and only what
# is missing (one apt-get update, then one apt-get install). Run as root, or with sudo
# available. Safe to run again.
set -euo pipefail

packages=(
  # build
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libglib2.0-bin libsqlite3-dev libsodium-dev libjson-glib-dev
  libsoup-3.0-dev libgtk-4-dev libadwaita-1-dev libpoppler-glib-dev libcairo2-dev
  libpango1.0-dev libxml2-dev libcurl4-openssl-dev libical-dev
  # tests
  sqlite3 desktop-file-utils appstream libxml2-utils python3 python3-aiosmtpd
  poppler-utils locales dbus xvfb xauth fonts-dejavu-core xdotool
  # browser tests (tests/browser): Debian's Chromium, never a browser from npm; Java for vnu
  chromium nodejs default-jre-headless
)
# Debian's npm, unless the installed node brings its own (NodeSource's nodejs does, and
# conflicts with Debian's npm package).
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

# The browser tests' npm packages (playwright-core, axe-core, vnu-jar), as pinned by
# tests/browser/package-lock.json, when missing or older than the lock file.
# --ignore-scripts: vnu-jar's install script would download a Java runtime of its own;
# Debian's default-jre-headless runs vnu.jar.
browser_dir="$(cd "$(dirname "$0")" && pwd)/browser"
if [ ! -d "$browser_dir/node_modules" ] || [ "$browser_dir/package-lock.json" -nt "$browser_dir/node_modules" ]; then
  echo "setup: npm ci in tests/browser" >&2
  npm ci --prefix "$browser_dir" --no-audit --no-fund --ignore-scripts >/dev/null
  touch "$browser_dir/node_modules"
fi

# The staff application and the tests of French messages run under fr_FR.UTF-8.
if ! locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\?8$'; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo sed -i 's/^# *fr_FR.UTF-8 UTF-8/fr_FR.UTF-8 UTF-8/' /etc/locale.gen
  $sudo locale-gen >/dev/null
fi
