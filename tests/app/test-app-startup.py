#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Start-up of the staff application: a database that cannot be opened (French dialog, the
# window offers to open, create or try the demo), a new database (first administrator,
# refused then accepted, then signed in with it), the demo town made on request, and the
# dark style. Prints TAP.

import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from app_harness import PASSWORD, plan, query, run_guichet, shot, tap  # noqa: E402

ADMIN_PAGES = "Tableau de bord,Familles,Enfants,Messages,Documents,Factures,Paiements,Annonces,Paramètres"


def main():
    with tempfile.TemporaryDirectory() as workdir:
        missing = os.path.join(workdir, "missing", "none.db")
        new_db = os.path.join(workdir, "mairie.db")
        demo_db = os.path.join(workdir, "demo", "demo.db")

        run_guichet(missing, f"""size 1280 800
expect-error-dialog
expect-text Ouvrir une autre base de données
screenshot-top {shot('startup-error-dialog')}
respond close
expect-mode nodb
expect-text Aucune base de données ouverte
screenshot {shot('startup-nodb-1280x800')}
size 360 800
screenshot {shot('startup-nodb-360')}
size 1280 800
new-database {new_db}
expect-mode setup
expect-text Premier administrateur
set login_row mlefevre
set name_row Martine Lefèvre
set password_row court
set confirm_row court
click Créer le compte
expect-text au moins 10 caractères
set password_row Mairie-Secrete-2026
set confirm_row Mairie-Secrete-2027
click Créer le compte
expect-text Les deux mots de passe diffèrent
set confirm_row Mairie-Secrete-2026
screenshot {shot('startup-first-admin')}
click Créer le compte
expect-mode main
expect-pages {ADMIN_PAGES}
logout
expect-mode login
expect-text mairie.db
login mlefevre Mairie-Secrete-2026
expect-mode main
quit
""", workdir, "new-database")

        rows = query(new_db, "SELECT login, display_name, role, active FROM staff_user")
        tap(rows == [("mlefevre", "Martine Lefèvre", "admin", 1)],
            f"the new database holds exactly the first administrator: {rows}")
        audit = query(new_db, "SELECT actor_kind, actor_label, entity FROM audit_log "
                              "WHERE action = 'create' AND entity = 'staff_user'")
        tap(len(audit) == 1 and audit[0][1] == "first-run",
            f"its creation is in the audit log as the first run: {audit}")

        # Creating over an existing file is refused; the current database stays.
        run_guichet(new_db, f"""size 1280 800
expect-mode login
new-database {new_db}
expect-error-dialog
expect-text Un fichier de ce nom existe déjà
respond close
expect-mode login
quit
""", workdir, "new-over-existing")

        run_guichet(missing, f"""size 1280 800
respond close
open-demo {demo_db}
expect-mode login
expect-text demo.db
login agent {PASSWORD}
expect-mode main
expect-dashboard
style dark
screenshot {shot('startup-demo-dark')}
style light
quit
""", workdir, "demo")
        families = query(demo_db, "SELECT count(*) FROM family")[0][0]
        tap(families == 200, f"the demo town has 200 families ({families})")
        tap(not os.path.exists(demo_db + ".partial"), "no half-made demo is left behind")

    plan()
    return 0


if __name__ == "__main__":
    sys.exit(main())
