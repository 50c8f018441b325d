# SPDX-License-Identifier: GPL-3.0-or-later
"""What the Python test harnesses share: an HTTP response as a person reads it, and a
unittest runner printing TAP lines, which meson and tests/summarize.py count."""
import html
import json
import os
import re
import shutil
import unittest


# Folders to remove when every test passed, logs to show when one failed: one list for
# every harness a test file uses (a portal and a sandbox, say).
DIRS = []
LOGS = []


class Response:
    def __init__(self, status, headers, body, elapsed=0.0):
        self.status = status
        self.headers = headers
        self.body = body
        self.elapsed = elapsed

    @property
    def text(self):
        return self.body.decode("utf-8")

    def header(self, name):
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None

    def visible_text(self):
        """The page as a person reads it: tags gone, entities decoded, spaces folded."""
        text = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", self.text, flags=re.S)
        text = re.sub(r"<[^>]+>", " ", text)
        text = html.unescape(text).replace("\u202f", " ").replace("\u00a0", " ")
        return re.sub(r"\s+", " ", text).strip()

    def csrf(self):
        match = re.search(r'name="csrf" value="([^"]+)"', self.text)
        return match.group(1) if match else None

    def json(self):
        return json.loads(self.text)


class TapResult(unittest.TextTestResult):
    """Prints one TAP line per test, with the traceback as TAP comments."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.number = 0

    def _line(self, ok, test, note=""):
        self.number += 1
        print("%s %d - %s%s" % ("ok" if ok else "not ok", self.number, test.id(), note), flush=True)

    def _diagnostic(self, test, err):
        print("# " + self._exc_info_to_string(err, test).replace("\n", "\n# "), flush=True)

    def addSuccess(self, test):
        super().addSuccess(test)
        self._line(True, test)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._line(False, test)
        self._diagnostic(test, err)

    def addError(self, test, err):
        super().addError(test, err)
        self._line(False, test)
        self._diagnostic(test, err)

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._line(True, test, " # SKIP " + reason)


def run_tap():
    """Runs the tests of __main__. On success removes DIRS; on failure prints the end of
    each of LOGS, so CI output says what the servers saw."""
    suite = unittest.defaultTestLoader.loadTestsFromModule(__import__("__main__"))
    print("1..%d" % suite.countTestCases(), flush=True)
    runner = unittest.TextTestRunner(resultclass=TapResult, verbosity=0,
                                     stream=open(os.devnull, "w"))
    result = runner.run(suite)
    if result.wasSuccessful():
        for path in DIRS:
            shutil.rmtree(path, ignore_errors=True)
    else:
        for path in LOGS:
            try:
                with open(path) as handle:
                    lines = handle.read().splitlines()[-60:]
            except OSError:
                continue
            print("# --- %s (last lines)" % path)
            for line in lines:
                print("# " + line)
    raise SystemExit(0 if result.wasSuccessful() else 1)
