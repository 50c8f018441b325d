# SPDX-License-Identifier: GPL-3.0-or-later
#
# Shared by the staff application's tests: runs the real `guichet` under Xvfb on a
# database, driven by a GUICHET_TEST_SCRIPT (app/gf-test-script.c), and turns its TAP
# lines into ours. Commands of the script, one a line:
#   size W H · login LOGIN PASSWORD · page NAME (sidebar page: families, children, …)
#   click LABEL (button/activatable row by label, tooltip or .ui id)
#   set ID VALUE (entry text, "true"/"false" for checks and switches, drop-down item text)
#   activate ID (Enter in an entry) · activate-row TEXT (row showing TEXT)
#   expect-text TEXT · expect-no-text TEXT · expect-value ID VALUE
#   expect-sensitive ID true|false · expect-toast TEXT · respond RESPONSE-ID
#   set-row TITLE = VALUE (a row built in code, found by its title) · tab TITLE (view stack)
#   sort COLUMN asc|desc · expect-row N TEXT (row N of the families list shows TEXT)
#   page NAME · expect-page NAME · expect-mode nodb|setup|login|main|busy
#   key KEYS (a real key press through xdotool: "ctrl+1", "F5")
#   open-family ID · open-database PATH · new-database PATH · open-demo PATH
#   style default|light|dark · bench-families ready|search WORDS|rss
#   refresh (re-read the database now) · wait MS · screenshot PATH · screenshot-top PATH
#   search TEXT (global search) · logout · quit
# The runner is app/gf-test-script.c, the commands app/gf-test-commands.c. Commands that
# look for something wait up to 30 s for it to be on screen.

import os
import sqlite3
import subprocess
import sys

GUICHET = os.environ.get("GUICHET", "")
ADMIN = os.environ.get("GUICHET_ADMIN", "")
PORTAIL = os.environ.get("GUICHET_PORTAIL", "")
ARTIFACTS = os.environ.get("GUICHET_APP_ARTIFACTS", "")
PASSWORD = "Demo-Guichet-2026"
TODAY = "2026-11-22"

count = 0


def tap(ok, text):
    global count
    count += 1
    print(f"{'' if ok else 'not '}ok {count} - {text}", flush=True)
    return ok


def plan():
    print(f"1..{count}", flush=True)


def make_demo(workdir, families=30, name="demo.db"):
    """A demo database (deterministic for the date); returns its path or None."""
    db = os.path.join(workdir, name)
    demo = subprocess.run([ADMIN, "demo", db, "--families", str(families), "--today", TODAY],
                          capture_output=True, text=True)
    if not tap(demo.returncode == 0, "guichet-admin demo creates the database"):
        sys.stderr.write(demo.stdout + demo.stderr)
        return None
    return db


def query(db, sql, params=()):
    """Read-only look at the database, as an operator would check it."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute(sql, params).fetchall()


def shot(name):
    os.makedirs(ARTIFACTS, exist_ok=True)
    return os.path.join(ARTIFACTS, name + ".png")


def run_guichet(db, script_text, workdir, name, timeout=300):
    """Runs the script; every TAP line of the app becomes one of ours. Returns the
    app's stdout lines."""
    script = os.path.join(workdir, name + ".script")
    with open(script, "w", encoding="utf-8") as f:
        f.write(script_text)
    env = dict(os.environ)
    env.update({
        "GUICHET_TEST_SCRIPT": script,
        "GDK_BACKEND": "x11",
        "GSK_RENDERER": "cairo",
        "GTK_A11Y": "none",
        "LC_ALL": "fr_FR.UTF-8",
        "LANGUAGE": "fr",
        "NO_AT_BRIDGE": "1",
    })
    try:
        proc = subprocess.run(
            ["xvfb-run", "-a", "-s", "-screen 0 1600x1200x24",
             "dbus-run-session", "--", GUICHET, "--db", db],
            env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        tap(False, f"{name}: guichet did not finish in time")
        return []
    lines = proc.stdout.splitlines()
    plan_lines = [l for l in lines if l.startswith("1..")]
    for line in lines:
        if line.startswith("ok ") or line.startswith("not ok "):
            ok = line.startswith("ok ")
            text = line.split(" - ", 1)[1] if " - " in line else line
            tap(ok, f"{name}: {text}")
    tap(proc.returncode == 0 and len(plan_lines) == 1,
        f"{name}: guichet ran the whole script and exited with {proc.returncode}")
    # GLib criticals and warnings are bugs.
    bad = [l for l in proc.stderr.splitlines()
           if "-CRITICAL" in l or "Guichet-WARNING" in l or "Gtk-WARNING" in l
           or "Adwaita-WARNING" in l or "GLib-GObject-WARNING" in l]
    tap(not bad, f"{name}: no critical or warning on stderr" + (": " + bad[0] if bad else ""))
    if proc.returncode != 0 or not plan_lines or bad:
        sys.stderr.write(proc.stdout + proc.stderr)
    return lines
