#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Developer tool: adds translations to po/fr.po and source files to po/POTFILES.in,
# safely when several people (or helpers) edit at once (an exclusive lock on the file).
#
#   po/po-append.py SNIPPET.po        entries whose msgid (and context) fr.po lacks
#   po/po-append.py --potfiles FILE…  paths POTFILES.in lacks, kept sorted
#
# A snippet is ordinary PO text: "#: file" comments, msgctxt, msgid, msgid_plural,
# msgstr / msgstr[N], entries separated by blank lines.

import fcntl
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def entries(text):
    for block in re.split(r"\n\s*\n", text.strip()):
        if "msgid" in block:
            yield block.strip()


def key(block):
    ctxt = re.search(r'^msgctxt (".*")', block, re.M)
    msgid = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
    return (ctxt.group(1) if ctxt else None, msgid.group(1).strip() if msgid else None)


def locked(path, func):
    with open(path, "r+", encoding="utf-8") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        text = f.read()
        new = func(text)
        if new != text:
            f.seek(0)
            f.write(new)
            f.truncate()


def add_entries(snippet):
    def merge(text):
        known = {key(b) for b in entries(text)}
        added = [b for b in entries(snippet) if key(b) not in known and key(b)[1] != '""']
        print(f"po-append: {len(added)} new, {len(list(entries(snippet))) - len(added)} already there")
        return text.rstrip("\n") + "\n" + "".join("\n" + b + "\n" for b in added) if added else text
    locked(os.path.join(HERE, "fr.po"), merge)


def add_potfiles(paths):
    def merge(text):
        lines = text.rstrip("\n").split("\n")
        header = [l for l in lines if l.startswith("#")]
        files = {l for l in lines if l and not l.startswith("#")}
        files.update(paths)
        return "\n".join(header + sorted(files)) + "\n"
    locked(os.path.join(HERE, "POTFILES.in"), merge)


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "--potfiles":
        add_potfiles(sys.argv[2:])
    elif len(sys.argv) == 2:
        with open(sys.argv[1], encoding="utf-8") as f:
            add_entries(f.read())
    else:
        sys.exit(__doc__ if __doc__ else "usage: po-append.py SNIPPET.po | --potfiles FILE…")
