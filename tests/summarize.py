#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Counts the test cases of a meson run: each TAP line of a TAP test, each other test once.

Prints "Tests: N passed, N failed" (", N skipped" when there are some) and exits 1 when
anything failed or nothing ran.
"""
import json
import re
import sys

TAP = re.compile(r"^(not ok|ok)\b(.*)$")


def main(path):
    passed = failed = skipped = 0
    with open(path, encoding="utf-8") as log:
        for line in log:
            test = json.loads(line)
            result = test.get("result")
            cases = [TAP.match(l) for l in (test.get("stdout") or "").splitlines()]
            cases = [c for c in cases if c]
            if cases:
                for case in cases:
                    if "# SKIP" in case.group(2).upper():
                        skipped += 1
                    elif case.group(1) == "ok":
                        passed += 1
                    else:
                        failed += 1
                # A crash after the last TAP line still fails the program.
                if result not in ("OK", "EXPECTEDFAIL", "SKIP") and all(c.group(1) == "ok" for c in cases):
                    failed += 1
            elif result in ("OK", "EXPECTEDFAIL"):
                passed += 1
            elif result == "SKIP":
                skipped += 1
            else:
                failed += 1
    line = f"Tests: {passed} passed, {failed} failed"
    if skipped:
        line += f", {skipped} skipped"
    print(line)
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
