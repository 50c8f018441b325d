#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The staff application under Xvfb: starts the real `guichet` on a demo database and drives
# its widgets through GUICHET_TEST_SCRIPT (app/gf-test-script.c), which prints TAP lines.
# Checks, per role, the pages of the sidebar, a wrong password, the dashboard, the global
# search, and the window at 1280×800 and folded at 360 px; screenshots go to
# tests/artifacts/app/. Prints TAP.

import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from app_harness import ARTIFACTS, PASSWORD, make_demo, plan, run_guichet, tap  # noqa: E402

WRONG = "Identifiant ou mot de passe incorrect, ou compte désactivé."

AGENT_PAGES = ["Tableau de bord", "Familles", "Enfants", "Messages", "Documents"]
REGISSEUR_PAGES = AGENT_PAGES + ["Factures", "Paiements"]
ADMIN_PAGES = REGISSEUR_PAGES + ["Annonces", "Paramètres"]
ROLES = [("agent", AGENT_PAGES), ("regisseur", REGISSEUR_PAGES), ("admin", ADMIN_PAGES)]


def main():
    os.makedirs(ARTIFACTS, exist_ok=True)
    with tempfile.TemporaryDirectory() as workdir:
        db = make_demo(workdir)
        if db is None:
            plan()
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

    plan()
    return 0


if __name__ == "__main__":
    sys.exit(main())
