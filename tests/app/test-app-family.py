#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The family page of the staff application (issue 5), under Xvfb on a demo database: an
# agent opens a family (the script's open-family, as the global search does), edits a
# guardian's phone (a bad value is refused next to the field and nothing is saved, a good
# one is saved normalised with one audit row), tries a bad postal code, a bad e-mail and
# another family's portal login, sends the activation invitation (a queued mail and a
# token), disables the portal account, reads the history, archives and unarchives.
# Screenshots of every tab at 1280×800 and 360×800 in tests/artifacts/app/. Prints TAP.

import os
import sqlite3
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from app_harness import PASSWORD, make_demo, plan, query, run_guichet, shot, tap  # noqa: E402

TABS = [("Dossier", "details"), ("Responsables", "guardians"), ("Enfants", "children"),
        ("Factures", "invoices"), ("Portail", "portal"), ("Historique", "history")]


def change_elsewhere(db, family, signal):
    """Another program's change, as the portal would commit it, while the page is open
    with an unsaved edit: the script says so by writing the screenshot @signal."""
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        if os.path.exists(signal):
            with sqlite3.connect(db, timeout=10) as conn:
                conn.execute("UPDATE family SET phone = '04 72 00 00 00', "
                             "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?",
                             (family,))
            return
        time.sleep(0.1)


def main():
    with tempfile.TemporaryDirectory() as workdir:
        db = make_demo(workdir)
        if db is None:
            plan()
            return 1

        # The family whose portal account waits for activation (README's demo logins).
        rows = query(db, "SELECT f.id, f.reference, f.postal_code, f.email, f.city, f.phone, g.id, "
                         "g.phone_mobile, "
                         "a.id FROM citizen_account a JOIN family f ON f.id = a.family_id "
                         "JOIN guardian g ON g.family_id = f.id AND g.payer = 1 "
                         "WHERE a.email = 'sophie.bernard@exemple.fr'")
        if not tap(len(rows) == 1, "the demo has Sophie Bernard's family, account pending"):
            plan()
            return 1
        family, reference, postal, email, city, phone, guardian, mobile, account = rows[0]
        audit_before = query(db, "SELECT count(*) FROM audit_log")[0][0]

        wide = "\n".join(f"tab {title}\nscreenshot {shot('family-' + name + '-1280x800')}"
                         for title, name in TABS)
        narrow = "\n".join(f"tab {title}\nscreenshot {shot('family-' + name + '-360x800')}"
                           for title, name in TABS)
        # Written by the script once the edit is typed: the "portal" then changes the family.
        editing = os.path.join(workdir, "editing.png")
        script = f"""size 1280 800
login agent {PASSWORD}
expect-mode main
open-family {family}
expect-text Dossier {reference}
expect-text BERNARD Sophie
expect-sensitive family_save false
# Details: a bad postal code and a bad e-mail, each refused next to its field.
set family_postal_code 691
expect-text Code postal :
expect-sensitive family_save false
set family_postal_code {postal}
expect-no-text Code postal :
set family_email pas-une-adresse
expect-text Adresse électronique :
expect-sensitive family_save false
screenshot {shot('family-details-error-1280x800')}
set family_email {email}
expect-sensitive family_save false
set family_iban FR76 3000 6000 0112 3456 7890 188
expect-text Cet IBAN n’est pas valide
expect-sensitive family_save false
set family_iban
expect-sensitive family_save false
# A guardian's phone: a bad value first, then a good one.
tab Responsables
set guardian_phone_mobile 12ab
expect-text Téléphone portable :
expect-sensitive guardian_save false
screenshot {shot('family-guardian-error-1280x800')}
set guardian_phone_mobile 0612345678
expect-no-text Téléphone portable :
expect-sensitive guardian_save true
click guardian_save
wait 500
expect-toast Responsable enregistré
expect-value guardian_phone_mobile 06 12 34 56 78
# The payer's e-mail is the portal login: another family's login is refused.
set guardian_email marie.dupont@exemple.fr
click guardian_save
expect-text Adresse électronique : cette adresse est déjà l’identifiant du portail d’une autre famille
screenshot {shot('family-guardian-login-taken-1280x800')}
set guardian_email sophie.bernard@exemple.fr
# A new guardian, at the top: names are required; then created, then removed (confirmed).
# The payer cannot be removed: its button is insensitive.
expect-sensitive guardian_remove false
click Ajouter un responsable
expect-text Nouveau responsable
click guardian_save
expect-text Nom :
screenshot {shot('family-new-guardian-1280x800')}
set guardian_last_name Bernard
set guardian_first_name Paul
set guardian_phone_mobile 06 98 76 54 32
click guardian_save
wait 500
expect-toast Responsable enregistré
expect-text Paul Bernard
click Retirer ce responsable
expect-text Retirer ce responsable ?
respond remove
wait 300
expect-toast Responsable retiré
expect-no-text Paul Bernard
# Portal account: invitation, then disabling (confirmed).
tab Portail
expect-text En attente d’activation
click Envoyer l’invitation
wait 500
expect-toast Invitation envoyée
click Désactiver le compte
screenshot-top {shot('family-disable-dialog')}
respond disable
wait 500
expect-toast Compte du portail désactivé
expect-text Désactivé
# An unsaved edit while another program (the portal) changes the family: the edit stays,
# a banner says so; "Recharger" shows the new data.
tab Dossier
set family_city Lyon
expect-sensitive family_save true
screenshot {editing}
wait 3000
refresh
expect-text a été modifiée ailleurs
expect-value family_city Lyon
expect-value family_phone {phone}
screenshot {shot('family-changed-elsewhere-1280x800')}
click family_reload
expect-value family_city {city}
expect-value family_phone 04 72 00 00 00
expect-sensitive family_save false
# History: the phone change, in French.
tab Historique
expect-text Téléphone portable : « {mobile} » → « 06 12 34 56 78 »
expect-text Compte portail : invitation envoyée
{wide}
size 360 800
{narrow}
size 1280 800
# Archive (confirmed, with the file and the name), then unarchive from the banner.
tab Dossier
click family_archive
expect-text Le dossier {reference} (BERNARD Sophie)
screenshot-top {shot('family-archive-dialog')}
respond archive
wait 500
expect-toast Famille archivée
expect-text Dossier archivé
screenshot {shot('family-archived-1280x800')}
# An archived family leaves the list, unless the archived ones are asked for.
click families_back
set families_search {reference}
expect-text Aucune famille ne correspond
set families_archived true
expect-text 1 famille
screenshot {shot('families-archived-shown-1280x800')}
activate-row {reference}
expect-text Dossier archivé
click family_unarchive
wait 500
expect-toast Famille désarchivée
expect-no-text Dossier archivé
click families_back
set families_archived false
expect-text 1 famille
quit
"""
        # The "portal" changes the family's phone once the account is disabled.
        changer = threading.Thread(target=change_elsewhere, args=(db, family, editing),
                                   daemon=True)
        changer.start()
        run_guichet(db, script, workdir, "agent")
        changer.join(timeout=1)

        # Invoices open the invoice only for the régisseur; for an agent the rows do nothing.
        invoice = query(db, "SELECT number FROM invoice WHERE family_id = ? AND state <> 'draft' "
                            "ORDER BY issue_date DESC, id DESC LIMIT 1", (family,))[0][0]
        for login, opens in (("agent", False), ("regisseur", True)):
            run_guichet(db, f"""size 1280 800
login {login} {PASSWORD}
expect-mode main
open-family {family}
expect-text Dossier {reference}
tab Factures
expect-text Reste à payer
activate-row N° {invoice}
wait 800
{'expect-no-text' if opens else 'expect-text'} Dossier {reference}
quit
""", workdir, f"{login}-invoice")

        # A child opens the children section's page of that child.
        child = query(db, "SELECT first_name || ' ' || last_name FROM child WHERE family_id = ? "
                          "ORDER BY birth_date LIMIT 1", (family,))[0][0]
        run_guichet(db, f"""size 1280 800
login agent {PASSWORD}
expect-mode main
open-family {family}
expect-text Dossier {reference}
tab Enfants
activate-row {child}
wait 800
expect-no-text Dossier {reference}
quit
""", workdir, "agent-child")

        stored = query(db, "SELECT phone_mobile, email FROM guardian WHERE id = ?", (guardian,))
        tap(stored == [("06 12 34 56 78", "sophie.bernard@exemple.fr")],
            f"the database holds the normalised phone, the e-mail unchanged: {stored}")
        phone_rows = query(db, "SELECT details FROM audit_log WHERE entity = 'guardian' "
                               "AND entity_id = ? AND action = 'update'", (guardian,))
        tap(len(phone_rows) == 1 and "06 12 34 56 78" in phone_rows[0][0] and "12ab" not in phone_rows[0][0],
            f"one audit row for the phone change, none for the refused values: {phone_rows}")
        fam = query(db, "SELECT postal_code, email, archived FROM family WHERE id = ?", (family,))
        tap(fam == [(postal, email, 0)], f"the family's postal code and e-mail unchanged, unarchived: {fam}")
        family_updates = query(db, "SELECT count(*) FROM audit_log WHERE entity = 'family' "
                                   "AND entity_id = ? AND action = 'update'", (family,))[0][0]
        tap(family_updates == 0, "nothing of the refused details was saved")
        logins = query(db, "SELECT email, state FROM citizen_account WHERE id = ?", (account,))
        tap(logins == [("sophie.bernard@exemple.fr", "disabled")],
            f"the login stayed, the account is disabled: {logins}")
        mails = query(db, "SELECT count(*) FROM mail_outbox WHERE kind = 'activation' AND "
                          "recipient = 'sophie.bernard@exemple.fr' AND body_text LIKE "
                          "'%/activation/lien?jeton=%'")[0][0]
        tap(mails == 1, f"one activation mail with its single-use link queued ({mails})")
        tokens = query(db, "SELECT count(*) FROM token WHERE account_id = ? AND kind = 'activation' "
                           "AND used_at IS NULL", (account,))[0][0]
        tap(tokens == 1, f"one activation token stored ({tokens})")
        actions = query(db, "SELECT action FROM audit_log WHERE id > ? AND action <> 'login' "
                            "ORDER BY id", (audit_before,))
        tap([a for (a,) in actions] == ["update", "create", "delete", "invite", "disable", "archive",
                                  "unarchive"],
            f"the audit log has the phone, the new guardian and its removal, invitation, "
            f"disabling, archive, unarchive: {actions}")
        guardians = query(db, "SELECT first_name FROM guardian WHERE family_id = ?", (family,))
        tap(guardians == [("Sophie",)], f"only the payer is left: {guardians}")

    plan()
    return 0


if __name__ == "__main__":
    sys.exit(main())
