#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# "Annonces" in the staff application, checked where the families see it: an administrator
# writes an announcement (an empty title is refused under the field), publishes it, and the
# real portal on the same database shows its title and text on the home page; withdrawn
# in the application, the portal no longer shows it. Screenshots at 1280×800 and 360×800.
# Prints TAP.

import os
import re
import signal
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "portal"))
from app_harness import PASSWORD, PORTAIL, make_demo, plan, query, run_guichet, shot, tap  # noqa: E402
from portal_harness import Browser  # noqa: E402

DEMO_TITLE = "Bienvenue sur votre nouveau portail famille"
TITLE = "Fermeture du service le 24 décembre"
BODY = "Le service Facturation sera fermé le mercredi 24 décembre. Les paiements en ligne restent possibles."


class LoopbackPortal:
    """guichet-portail on @db, on a free loopback port (as tests/portal does)."""

    def __init__(self, db, workdir):
        self.log = open(os.path.join(workdir, "portal.log"), "a")
        self.process = subprocess.Popen(
            [PORTAIL, "--db", db, "--listen", "127.0.0.1:0", "--maildir",
             os.path.join(workdir, "mail")],
            stdout=subprocess.PIPE, stderr=self.log, text=True)
        line = self.process.stdout.readline()
        match = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
        self.port = int(match.group(1)) if match else None

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def portal_home(db, workdir):
    """The home page's visible text for marie.dupont@exemple.fr, or None."""
    portal = LoopbackPortal(db, workdir)
    try:
        if not tap(portal.port is not None, "the portal starts on the application's database"):
            return None
        browser = Browser(portal)
        login = browser.login()
        tap(login.status == 303, f"marie.dupont@exemple.fr logs in to the portal ({login.status})")
        home = browser.get("/accueil")
        tap(home.status == 200, f"the portal's home page answers ({home.status})")
        return home.visible_text()
    finally:
        portal.stop()


def main():
    if not PORTAIL:
        print("1..0 # SKIP guichet-portail is not built")
        return 0
    with tempfile.TemporaryDirectory() as workdir:
        db = make_demo(workdir)
        if db is None:
            plan()
            return 1

        run_guichet(db, f"""size 1280 800
login admin {PASSWORD}
expect-mode main
page announcements
expect-text {DEMO_TITLE}
expect-text Publiée
screenshot {shot('announcements-empty-1280x800')}
click Nouvelle annonce
set body_view {BODY}
click Enregistrer et publier
expect-text Saisissez un titre.
screenshot {shot('announcements-title-error-1280x800')}
set title_row {TITLE}
expect-no-text Saisissez un titre.
expect-text {TITLE}
screenshot {shot('announcements-editor-1280x800')}
size 360 800
screenshot {shot('announcements-editor-360')}
size 1280 800
click Enregistrer et publier
wait 400
expect-toast publiée
expect-text Publiée sur le portail depuis
click Retour aux annonces
expect-text {TITLE}
screenshot {shot('announcements-list-1280x800')}
size 360 800
screenshot {shot('announcements-list-360')}
quit
""", workdir, "publish")

        rows = query(db, "SELECT title, body, published FROM announcement ORDER BY id")
        tap(rows[-1] == (TITLE, BODY, 1), f"the new announcement is published: {rows[-1]}")
        tap([r[2] for r in rows] == [0, 1],
            "the demo's announcement was withdrawn: the portal shows one at a time")
        audit = query(db, "SELECT action FROM audit_log WHERE entity = 'announcement' ORDER BY id")
        tap(audit == [("create",), ("unpublish",), ("publish",)],
            f"created, the other withdrawn, published: all audited: {audit}")

        home = portal_home(db, workdir)
        tap(home is not None and TITLE in home and BODY in home,
            "the portal's home page shows the announcement's title and text")
        tap(home is not None and DEMO_TITLE not in home, "and not the withdrawn one")

        run_guichet(db, f"""size 1280 800
login admin {PASSWORD}
expect-mode main
page announcements
activate-row {TITLE}
expect-text Publiée sur le portail depuis
click Retirer du portail
wait 400
expect-toast retirée
expect-text Non publiée
quit
""", workdir, "unpublish")

        rows = query(db, "SELECT published FROM announcement WHERE title = ?", (TITLE,))
        tap(rows == [(0,)], f"the announcement is withdrawn in the database: {rows}")
        home = portal_home(db, workdir)
        tap(home is not None and TITLE not in home and BODY not in home,
            "the portal's home page no longer shows it")

    plan()
    return 0


if __name__ == "__main__":
    sys.exit(main())
