#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# "Paramètres" in the staff application: a wrong phone number or PayFiP number shows its
# error under the field and saves nothing; a good phone is saved (audited). A staff user
# with a weak password is refused, then added with a good one, and logs in (the agent's
# pages, no "Paramètres"); an administrator cannot take their own role away. Screenshots
# at 1280×800 and 360×800. Prints TAP.

import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from app_harness import PASSWORD, make_demo, plan, query, run_guichet, shot, tap  # noqa: E402

AGENT_PAGES = "Tableau de bord,Familles,Enfants,Messages,Documents"
NEW_PASSWORD = "Cantine-Soleil-2026"


def settings(db):
    return dict(query(db, "SELECT key, value FROM setting"))


def main():
    with tempfile.TemporaryDirectory() as workdir:
        db = make_demo(workdir)
        if db is None:
            plan()
            return 1
        before = settings(db)
        audit_before = query(db, "SELECT count(*) FROM audit_log WHERE entity = 'setting'")[0][0]

        run_guichet(db, f"""size 1280 800
login admin {PASSWORD}
expect-mode main
page settings
expect-value phone_row 04 78 00 00 00
screenshot {shot('settings-1280x800')}
size 360 800
screenshot {shot('settings-360')}
size 1280 800
set phone_row 12
set payfip_numcli_row 12345
set payment_lock_minutes_row -5
click Enregistrer les paramètres
expect-text dix chiffres
expect-text 6 chiffres
expect-text compris entre 15 et 1440
wait 400
expect-toast Rien n’a été enregistré
screenshot {shot('settings-errors-1280x800')}
size 360 800
screenshot {shot('settings-errors-360')}
quit
""", workdir, "bad")

        tap(settings(db) == before, "the refused values changed no setting")
        tap(query(db, "SELECT count(*) FROM audit_log WHERE entity = 'setting'")[0][0] == audit_before,
            "and wrote no audit line")

        run_guichet(db, f"""size 1280 800
login admin {PASSWORD}
expect-mode main
page settings
set phone_row 04 72 12 34 56
set payfip_numcli_row 654321
click Enregistrer les paramètres
wait 400
expect-toast Paramètres enregistrés
expect-no-text dix chiffres
activate-row admin · Administrateur
expect-text Nouveau mot de passe
set role_row Agent
click user_save_button
expect-text Vous ne pouvez pas vous retirer
screenshot-top {shot('settings-user-dialog-self-demotion')}
click Annuler
wait 600
size 360 800
click Ajouter un membre du personnel
wait 600
expect-text Nouveau membre du personnel
set login_row lea.martin
set name_row Léa Martin
set password_row Court-1
click user_save_button
expect-text au moins 10 caractères
screenshot-top {shot('settings-user-dialog-weak-360')}
set password_row {NEW_PASSWORD}
click user_save_button
wait 600
expect-toast ajouté
expect-no-text Nouveau membre du personnel
size 1280 800
expect-text Léa Martin
screenshot {shot('settings-users-1280x800')}
logout
expect-mode login
login lea.martin {NEW_PASSWORD}
expect-mode main
expect-pages {AGENT_PAGES}
quit
""", workdir, "good")

        now = settings(db)
        tap(now.get("phone") == "04 72 12 34 56" and now.get("payfip_numcli") == "654321",
            f"the good phone and PayFiP number are saved: {now.get('phone')}, {now.get('payfip_numcli')}")
        audit = query(db, "SELECT count(*) FROM audit_log a JOIN staff_user s ON s.id = a.actor_id "
                          "WHERE s.login = 'admin' AND a.entity = 'setting'")[0][0]
        tap(audit == 2, f"two settings changes audited as admin: {audit}")
        tap(query(db, "SELECT role FROM staff_user WHERE login = 'admin'") == [("admin",)],
            "the administrator is still an administrator")

        # Again in a fresh start, so this holds even if logging out in place went wrong.
        for login, password in (("lea.martin", NEW_PASSWORD), ("agent", PASSWORD)):
            run_guichet(db, f"""size 1280 800
login {login} {password}
expect-mode main
expect-pages {AGENT_PAGES}
quit
""", workdir, login)

        users = query(db, "SELECT display_name, role, active, last_login_at IS NOT NULL "
                          "FROM staff_user WHERE login = 'lea.martin'")
        tap(users == [("Léa Martin", "agent", 1, 1)], f"the new agent exists and logged in: {users}")

    plan()
    return 0


if __name__ == "__main__":
    sys.exit(main())
