#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The "Familles" section of the staff application, as an agent uses it: search a family by
# a child's first name, open it and come back, sort by a column, an empty search, and the
# "Nouvelle famille" dialog with a wrong e-mail (error shown, nothing written) then a
# right one (the family, its payer and the audit rows in the database). Screenshots of
# the list and the dialog at 1280×800 and 360×800. Prints TAP.
#
# Commands of the families page's own making (app/gf-test-script.c): "sort TITLE asc|desc"
# does what a click on a column header does; "expect-row N TEXT" reads the Nth row shown.

import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from app_harness import PASSWORD, make_demo, plan, query, run_guichet, shot, tap  # noqa: E402

PAYER_NAME = ("(SELECT upper(g.last_name) || ' ' || g.first_name FROM guardian g "
              "WHERE g.family_id = f.id ORDER BY g.payer DESC, g.id LIMIT 1)")
UNPAID = ("(SELECT ifnull(sum(i.total_cents + b.credited_cents - b.paid_cents), 0) "
          "FROM invoice i JOIN invoice_balance b ON b.invoice_id = i.id "
          "WHERE i.family_id = f.id AND i.kind = 'invoice' AND i.state = 'unpaid')")


def money(cents):
    """"1 243,11 €" as the application writes it (U+202F between thousands, U+00A0 before €)."""
    euros, rest = divmod(abs(cents), 100)
    digits = f"{euros:,}".replace(",", "\u202f")
    return f"{'-' if cents < 0 else ''}{digits},{rest:02d}\u00a0€"


def login(size="1280 800"):
    return f"size {size}\nlogin agent {PASSWORD}\nexpect-mode main\npage families\n"


def main():
    with tempfile.TemporaryDirectory() as workdir:
        db = make_demo(workdir)
        if db is None:
            plan()
            return 1

        # A child whose first name only one family has, and that family.
        child, name, reference = query(db, f"""
            SELECT c.first_name, {PAYER_NAME}, f.reference FROM child c
              JOIN family f ON f.id = c.family_id
             WHERE f.archived = 0 AND c.first_name IN
                   (SELECT first_name FROM child GROUP BY first_name HAVING count(DISTINCT family_id) = 1)
             ORDER BY c.id LIMIT 1""")[0]
        total = query(db, "SELECT count(*) FROM family WHERE archived = 0")[0][0]
        owes_most, owes_most_cents = query(db, f"""
            SELECT {PAYER_NAME}, {UNPAID} AS unpaid FROM family f WHERE f.archived = 0
             ORDER BY unpaid DESC, f.id DESC LIMIT 1""")[0]
        first_ref_name = query(db, f"SELECT {PAYER_NAME} FROM family f WHERE f.archived = 0 "
                                   "ORDER BY f.reference LIMIT 1")[0][0]
        first_by_name = query(db, f"SELECT {PAYER_NAME} AS n FROM family f WHERE f.archived = 0 "
                                  "ORDER BY n COLLATE NOCASE, f.id LIMIT 1")[0][0]

        absent = f"expect-no-text {first_by_name}\n" if first_by_name != name else ""
        script = login() + f"""expect-text {total} familles
expect-row 1 {first_by_name}
screenshot {shot('families-list-1280x800')}
set families_search {child}
expect-text 1 famille
expect-row 1 {name}
{absent}activate-row {name}
expect-text {reference}
screenshot {shot('families-family-1280x800')}
click Familles
expect-text 1 famille
set families_search
expect-text {total} familles
sort Impayé desc
expect-row 1 {owes_most}
expect-row 1 {money(owes_most_cents)}
sort Dossier asc
expect-row 1 {first_ref_name}
set families_search zzqxwv
expect-text Aucune famille ne correspond
screenshot {shot('families-empty-1280x800')}
size 360 800
set families_search
expect-text {total} familles
screenshot {shot('families-list-360x800')}
quit
"""
        run_guichet(db, script, workdir, "list")

        # A wrong e-mail: the error under the field, and nothing written.
        counts = "SELECT (SELECT count(*) FROM family), (SELECT count(*) FROM guardian), " \
                 "(SELECT count(*) FROM audit_log WHERE entity IN ('family', 'guardian'))"
        before = query(db, counts)
        script = login() + """click Nouvelle famille
expect-text Responsable payeur
set last_name_row Roux
set first_name_row Nadia
set email_row nadia.roux@
set postal_code_row 6900
click Créer
expect-text Saisissez une adresse électronique valide
expect-text Saisissez un code postal français
screenshot-top {dialog_wide}
set email_row nadia.roux@exemple.fr
set postal_code_row 69003
expect-no-text Saisissez une adresse électronique valide
set last_name_row
click Créer
expect-text Remplissez ce champ
click Annuler
expect-no-text Responsable payeur
size 360 800
click Nouvelle famille
expect-text Responsable payeur
set email_row pas-une-adresse
click Créer
expect-text Saisissez une adresse électronique valide
screenshot-top {dialog_narrow}
click Annuler
expect-no-text Responsable payeur
quit
""".format(dialog_wide=shot("families-create-error-1280x800"),
           dialog_narrow=shot("families-create-error-360x800"))
        run_guichet(db, script, workdir, "create-bad")
        tap(query(db, counts) == before,
            f"the refused forms wrote nothing (families, guardians, audit rows: {before})")
        tap(not query(db, "SELECT 1 FROM guardian WHERE last_name = 'Roux'"),
            "no guardian Roux in the database")

        # The right form: the family, its payer and the audit rows; its page opens.
        script = login() + f"""click Nouvelle famille
expect-text Responsable payeur
screenshot-top {shot('families-create-1280x800')}
set civility_row Mme
set last_name_row Roux
set first_name_row Nadia
set email_row Nadia.Roux@Exemple.fr
set phone_row 0612345678
set address_row 3 rue des Lilas
set postal_code_row 69003
set city_row Lyon
click Créer
expect-text ROUX Nadia
expect-toast créé
click Familles
set families_search roux nadia
expect-text 1 famille
expect-row 1 ROUX Nadia
quit
"""
        run_guichet(db, script, workdir, "create")
        rows = query(db, """
            SELECT f.id, f.reference, f.email, f.phone, f.postal_code, f.city, g.civility,
                   g.email, g.phone_mobile, g.payer
              FROM family f JOIN guardian g ON g.family_id = f.id
             WHERE g.last_name = 'Roux' AND g.first_name = 'Nadia'""")
        tap(len(rows) == 1, f"the database holds one family of Nadia Roux ({len(rows)})")
        if rows:
            fid, ref, femail, fphone, postal, city, civ, gemail, gphone, payer = rows[0]
            tap(femail == "nadia.roux@exemple.fr" and gemail == femail,
                f"the e-mail is stored in lower case for the family and the payer ({femail})")
            tap(fphone == "06 12 34 56 78" and gphone == fphone,
                f"the phone is stored as 06 12 34 56 78 ({fphone})")
            tap((postal, city, civ, payer) == ("69003", "Lyon", "Mme", 1),
                "address, title and payer flag stored")
            tap(len(ref) == 11 and ref[4] == "-" and ref[:4].isdigit() and ref[5:].isdigit(),
                f"the file number has the demo's form YYYY-NNNNNN ({ref})")
            audit = query(db, "SELECT entity, actor_label FROM audit_log "
                              "WHERE action = 'create' AND ((entity = 'family' AND entity_id = ?) "
                              "OR (entity = 'guardian' AND entity_id = "
                              "(SELECT id FROM guardian WHERE family_id = ?)))", (fid, fid))
            tap(sorted(e for e, _ in audit) == ["family", "guardian"]
                and all(label for _, label in audit),
                f"two audit rows, family and guardian, by the agent ({audit})")

    plan()
    return 0


if __name__ == "__main__":
    sys.exit(main())
