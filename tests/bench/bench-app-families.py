#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The staff application's "Familles" section on a large town: prints figures, it is not a
# timed test (DESIGN.md). Runs the real `guichet` under Xvfb on a demo database, logs in,
# opens the families list and, through the test hook (app/gf-test-script.c,
# "bench-families"), reports:
#   - the time from the process's start to the families list filled (login included);
#   - the time per keystroke to refilter while names are typed letter by letter, until
#     the list model settled and until the window was painted (median, p99, max);
#   - the process's peak RSS (VmHWM).
#
#   python3 tests/bench/bench-app-families.py _build/shared/admin/guichet-admin \
#       _build/app/guichet [FAMILIES [EXISTING.db]]
#
# FAMILIES defaults to 50,000 (the demo takes about 35 s to build them). With EXISTING.db
# that database is used as it is.

import os
import sys
import tempfile
import time

# Words a person types into the search field: surnames, children's and parents' first
# names, a file number (~50 keystrokes in all).
WORDS = "martin lefebvre léa hugo garcia 2025-000123 marie thomas"


def main():
    if len(sys.argv) < 3:
        sys.stderr.write(__doc__ if __doc__ else "usage: bench-app-families.py ADMIN GUICHET "
                         "[FAMILIES [DB]]\n")
        return 2
    os.environ["GUICHET_ADMIN"] = os.path.abspath(sys.argv[1])
    os.environ["GUICHET"] = os.path.abspath(sys.argv[2])
    families = int(sys.argv[3]) if len(sys.argv) > 3 else 50000
    existing = sys.argv[4] if len(sys.argv) > 4 else None

    build = os.path.dirname(os.path.dirname(os.environ["GUICHET"]))
    os.environ.setdefault("GUICHET_LOCALEDIR", os.path.join(build, "po"))
    os.environ.setdefault("GSETTINGS_SCHEMA_DIR", os.path.join(build, "data"))
    os.environ.setdefault("GSETTINGS_BACKEND", "memory")
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "app"))
    from app_harness import PASSWORD, make_demo, plan, query, run_guichet  # noqa: E402

    with tempfile.TemporaryDirectory() as workdir:
        if existing:
            db = existing
        else:
            start = time.monotonic()
            db = make_demo(workdir, families)
            if db is None:
                plan()
                return 1
            print(f"# demo database of {families} families built in "
                  f"{time.monotonic() - start:.1f} s", flush=True)
        shown = query(db, "SELECT count(*) FROM family WHERE archived = 0")[0][0]
        print(f"# {shown} families in the list", flush=True)

        script = f"""size 1280 800
login agent {PASSWORD}
expect-mode main
page families
bench-families ready
bench-families search {WORDS}
bench-families rss
quit
"""
        start = time.monotonic()
        lines = run_guichet(db, script, workdir, "bench")
        print(f"# whole run under xvfb-run: {time.monotonic() - start:.1f} s", flush=True)
        for line in lines:
            if line.startswith("# "):
                print(line, flush=True)

    plan()
    return 0


if __name__ == "__main__":
    sys.exit(main())
