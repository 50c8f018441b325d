#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The staff application under Xvfb: starts the real `guichet` on a demo database and drives
# its widgets through GUICHET_TEST_SCRIPT (app/gf-test-script.c), which prints TAP lines.
# Checks, per role, the pages of the sidebar, a wrong password, the dashboard, the global
# search, and the window at 1280×800 and folded at 360 px; screenshots go to
# tests/artifacts/app/. Prints TAP.

import os
import subprocess
import sys
import tempfile

GUICHET = os.environ["GUICHET"]
ADMIN = os.environ["GUICHET_ADMIN"]
ARTIFACTS = os.environ["GUICHET_APP_ARTIFACTS"]
PASSWORD = "Demo-Guichet-2026"
WRONG = "Identifiant ou mot de passe incorrect, ou compte désactivé."

AGENT_PAGES = ["Tableau de bord", "Familles", "Enfants", "Messages", "Documents"]
REGISSEUR_PAGES = AGENT_PAGES + ["Factures", "Paiements"]
ADMIN_PAGES = REGISSEUR_PAGES + ["Annonces", "Paramètres"]
ROLES = [("agent", AGENT_PAGES), ("regisseur", REGISSEUR_PAGES), ("admin", ADMIN_PAGES)]

count = 0


def tap(ok, text):
    global count
    count += 1
    print(f"{'' if ok else 'not '}ok {count} - {text}", flush=True)


def run_guichet(db, script_text, workdir, name):
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
            env=env, capture_output=True, text=True, timeout=180)
    except subprocess.TimeoutExpired:
        tap(False, f"{name}: guichet did not finish in time")
        return
    lines = proc.stdout.splitlines()
    plan = [l for l in lines if l.startswith("1..")]
    for line in lines:
        if line.startswith("ok ") or line.startswith("not ok "):
            ok = line.startswith("ok ")
            text = line.split(" - ", 1)[1] if " - " in line else line
            tap(ok, f"{name}: {text}")
    tap(proc.returncode == 0 and len(plan) == 1,
        f"{name}: guichet ran the whole script and exited with {proc.returncode}")
    # GLib criticals and warnings of our own domain are bugs.
    bad = [l for l in proc.stderr.splitlines()
           if "-CRITICAL" in l or "Guichet-WARNING" in l or "Gtk-WARNING" in l]
    tap(not bad, f"{name}: no critical or warning on stderr" + (": " + bad[0] if bad else ""))
    if proc.returncode != 0 or not plan:
        sys.stderr.write(proc.stdout + proc.stderr)


def main():
    os.makedirs(ARTIFACTS, exist_ok=True)
    with tempfile.TemporaryDirectory() as workdir:
        db = os.path.join(workdir, "demo.db")
        demo = subprocess.run([ADMIN, "demo", db, "--families", "30", "--today", "2026-11-22"],
                              capture_output=True, text=True)
        tap(demo.returncode == 0, "guichet-admin demo creates the database")
        if demo.returncode != 0:
            sys.stderr.write(demo.stdout + demo.stderr)
            print(f"1..{count}")
            return 1

        for login, pages in ROLES:
            shot = lambda what: os.path.join(ARTIFACTS, f"{login}-{what}.png")
            script = f"""size 1280 800
login {login} not-the-password
expect-mode login
expect-login-error {WRONG}
screenshot {shot('login-error')}
login {login} {PASSWORD}
expect-mode main
expect-pages {','.join(pages)}
expect-dashboard
expect-folded no
search Martin
expect-toast trouvée
screenshot {shot('dashboard-1280x800')}
size 360 800
expect-folded yes
expect-pages {','.join(pages)}
screenshot {shot('dashboard-360')}
sidebar yes
screenshot {shot('sidebar-360')}
logout
expect-mode login
quit
"""
            run_guichet(db, script, workdir, login)

        # A database that cannot be opened: a French message dialog.
        run_guichet(os.path.join(workdir, "missing", "none.db"),
                    "expect-error-dialog\nquit\n", workdir, "missing-db")

    print(f"1..{count}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
