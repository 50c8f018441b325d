#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A screenshot of every page of the staff application, as the administrator (who sees
# them all), at 1280×800 and folded at 360×800, in tests/artifacts/app/page-*.png; and
# the keyboard: Ctrl+1… selects the pages in order. Each page must show its own content
# (no "coming soon" placeholder) and leave nothing critical on stderr. Prints TAP.

import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from app_harness import PASSWORD, make_demo, plan, run_guichet, shot  # noqa: E402

PAGES = ["dashboard", "families", "children", "messages", "documents", "invoices",
         "payments", "announcements", "settings"]


def main():
    with tempfile.TemporaryDirectory() as workdir:
        db = make_demo(workdir)
        if db is None:
            plan()
            return 1
        script = [f"size 1280 800", f"login admin {PASSWORD}", "expect-mode main"]
        for name in PAGES:
            script += [f"page {name}", "expect-no-text Cette page est à venir",
                       f"screenshot {shot('page-' + name + '-1280x800')}"]
        script += ["size 360 800", "expect-folded yes"]
        for name in PAGES:
            # Each page must fit the narrow window: `size` fails when it cannot.
            script += [f"page {name}", "size 360 800", f"screenshot {shot('page-' + name + '-360')}"]
        script += ["size 1280 800"]
        for number, name in enumerate(PAGES, start=1):
            script += [f"key ctrl+{number}", f"expect-page {name}"]
        script += ["quit", ""]
        run_guichet(db, "\n".join(script), workdir, "pages")
    plan()
    return 0


if __name__ == "__main__":
    sys.exit(main())
