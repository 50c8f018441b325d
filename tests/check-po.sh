#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-po.sh PO [SOURCE_ROOT]
#
# Fails when the translation PO is not complete: any untranslated or fuzzy
# message, or any error that `msgfmt --check` finds.
#
# With SOURCE_ROOT, the messages are first extracted again from the files that
# SOURCE_ROOT/po/POTFILES.in lists and merged into a copy of PO, so a string
# added to the sources without its translation fails the check too.

set -u

po=${1:-po/fr.po}
root=${2:-}
msgfmt=${MSGFMT:-msgfmt}

# msgfmt prints its statistics in the user's language: read them in English.
LC_ALL=C
LANGUAGE=
export LC_ALL LANGUAGE

checked=$po

if [ -n "$root" ] && command -v xgettext >/dev/null 2>&1 && command -v msgmerge >/dev/null 2>&1; then
  tmp=$(mktemp -d) || exit 1
  trap 'rm -rf "$tmp"' EXIT INT TERM

  # The same keywords as meson's i18n.gettext (preset: 'glib').
  if ! xgettext --from-code=UTF-8 --add-comments \
      --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
      --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
      -D "$root" -f "$root/po/POTFILES.in" -o "$tmp/messages.pot"; then
    echo "$po: xgettext could not extract the messages listed in po/POTFILES.in" >&2
    exit 1
  fi
  # xgettext writes no file when the sources hold no message at all.
  if [ -f "$tmp/messages.pot" ]; then
    if ! msgmerge --quiet -o "$tmp/merged.po" "$po" "$tmp/messages.pot"; then
      echo "$po: msgmerge failed" >&2
      exit 1
    fi
    checked=$tmp/merged.po
  fi
fi

out=$("$msgfmt" --statistics --check -o /dev/null "$checked" 2>&1)
status=$?
printf '%s: %s\n' "$po" "$out"

if [ "$status" -ne 0 ]; then
  echo "$po: msgfmt --check failed" >&2
  exit 1
fi

case $out in
  *untranslated*|*fuzzy*)
    echo "$po: the translation is incomplete (untranslated or fuzzy messages)" >&2
    exit 1
    ;;
esac

exit 0
