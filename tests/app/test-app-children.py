#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The "Enfants" section of the staff application under Xvfb: as an agent, find a child by
# first name, open the record, add an emergency contact (a bad phone first: French error
# under the field, nothing saved), open the medical data (one "view-medical" audit row),
# set an authorization to "Non", enrol the child in a service, save a record edit after a
# refused bad date; as the régisseur, no PAI column and no medical button. Screenshots of
# the list, the record and the contact dialog at 1280×800 and 360×800. Prints TAP.

import os
import sqlite3
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from app_harness import PASSWORD, make_demo, plan, query, run_guichet, shot, tap  # noqa: E402

NBSP = "\u00a0"  # French typography: a no-break space before the colon
AUTH_TYPE = "Droit à l'image (photos et vidéos des activités)"


def pick_child(db):
    """A child whose first name is unique in the demo, with a service to enrol in."""
    rows = query(db, """
        SELECT c.id, c.first_name, c.last_name, f.reference FROM child c
        JOIN family f ON f.id = c.family_id
        WHERE c.archived = 0 AND c.establishment_id IN
              (SELECT id FROM establishment WHERE kind = 'school')
          AND (SELECT count(*) FROM child d WHERE d.first_name = c.first_name) = 1
        ORDER BY c.id LIMIT 1""")
    child_id, first, last, reference = rows[0]
    service = query(db, """
        SELECT name FROM service WHERE kind <> 'creche' AND id NOT IN
               (SELECT service_id FROM enrolment WHERE child_id = ?) ORDER BY id LIMIT 1""",
                    (child_id,))[0][0]
    return child_id, first, last, reference, service


def main():
    with tempfile.TemporaryDirectory() as workdir:
        db = make_demo(workdir)
        if db is None:
            plan()
            return 1
        child_id, first, last, reference, service = pick_child(db)
        # Known medical values, so the test can see them appear once opened.
        with sqlite3.connect(db) as conn:
            conn.execute("UPDATE child SET allergies = 'Arachide', pai = 1 WHERE id = ?",
                         (child_id,))
        contacts_before = query(db, "SELECT count(*) FROM child_contact WHERE child_id = ?",
                                (child_id,))[0][0]
        audits_before = query(db, "SELECT count(*) FROM audit_log WHERE entity = 'child_contact' "
                                  "AND actor_kind = 'staff'")[0][0]
        row_name = f"{last} {first}"
        title = f"{first} {last}"

        agent = f"""size 1280 800
login agent {PASSWORD}
expect-mode main
page children
expect-text enfants
expect-text PAI
screenshot {shot('children-list-1280x800')}
set children_search {first.lower()}
expect-value children_count 1 enfant
expect-text {reference}
activate-row {row_name}
expect-text {title}
expect-text Afficher les données médicales
expect-no-text Arachide
screenshot {shot('child-record-1280x800')}
click Ajouter une personne
set contact_last_name_row Moreau
set contact_first_name_row Jeanne
set contact_relation_row Grand-mère
set contact_phone1_row 06 12
expect-text Téléphone{NBSP}:
set contact_postal_code_row 6950
expect-text Code postal{NBSP}:
screenshot-top {shot('child-contact-dialog-error-1280x800')}
click Enregistrer
expect-text Corrigez les champs signalés en rouge
set contact_phone1_row 06 12 34 56 78
set contact_postal_code_row 69500
expect-no-text Téléphone{NBSP}:
click Enregistrer
expect-text Jeanne Moreau
expect-toast La personne est ajoutée
click Modifier Jeanne Moreau
expect-value contact_phone1_row 06 12 34 56 78
set contact_phone2_row 0478000001
click Enregistrer
expect-text 04 78 00 00 01
set class_row CM2
click Afficher les données médicales
expect-value allergies_row Arachide
expect-no-text Afficher les données médicales
activate pai_details_row
screenshot {shot('child-record-medical-1280x800')}
set-row {AUTH_TYPE} = Non
expect-toast L'autorisation est enregistrée
expect-value class_row CM2
set enrol_service_row {service}
set enrol_establishment_row École Jules Ferry
set enrol_start_row 31/02/2027
expect-text Date de début (jj/mm/aaaa){NBSP}:
set enrol_start_row 04/01/2027
click Inscrire
expect-text Depuis le 04/01/2027
expect-toast L'enfant est inscrit
activate enrol_start_row
screenshot {shot('child-record-lists-1280x800')}
set birth_date_row 45/13/2018
expect-text Date de naissance (jj/mm/aaaa){NBSP}:
click Enregistrer
expect-text Corrigez les champs signalés en rouge
set birth_date_row 14/03/2018
click Enregistrer
expect-sensitive save_button false
expect-toast La fiche de l'enfant est enregistrée
click Supprimer Jeanne Moreau
expect-text Supprimer cette personne
respond remove
expect-no-text Jeanne Moreau
size 360 800
click Retour à la liste
expect-value children_count 1 enfant
expect-text 14/03/2018 (8 ans)
screenshot {shot('children-list-360x800')}
activate-row {row_name}
expect-text {title}
screenshot {shot('child-record-360x800')}
activate enrol_start_row
screenshot {shot('child-record-lists-360x800')}
click Ajouter une personne
set contact_phone1_row 0
expect-text Téléphone{NBSP}:
screenshot-top {shot('child-contact-dialog-360x800')}
quit
"""
        run_guichet(db, agent, workdir, "agent")

        audit = query(db, "SELECT action, json_extract(details, '$.phone1'), "
                          "json_extract(details, '$.phone2[1]') FROM audit_log "
                          "WHERE entity = 'child_contact' AND actor_kind = 'staff' ORDER BY id")
        tap(audit[len(audit) - 3:] == [("create", "06 12 34 56 78", None),
                                       ("update", None, "04 78 00 00 01"),
                                       ("delete", None, None)],
            f"the contact was created with the good phone, edited, removed, all audited: {audit}")
        tap(len(audit) == audits_before + 3, "the refused attempts wrote nothing")
        tap(query(db, "SELECT count(*) FROM child_contact WHERE child_id = ?", (child_id,))[0][0]
            == contacts_before, "after its removal the child has the contacts it had")
        views = query(db, "SELECT actor_kind, entity_id FROM audit_log WHERE action = 'view-medical'")
        tap(views == [("staff", child_id)], f"one 'view-medical' audit row for the child: {views}")
        auth = query(db, "SELECT a.value FROM child_authorization a JOIN authorization_type t "
                         "ON t.id = a.type_id WHERE a.child_id = ? AND t.label = ?",
                     (child_id, AUTH_TYPE))
        tap(auth == [("no",)], f"the authorization is 'no': {auth}")
        enrolment = query(db, "SELECT e.start_date, e.end_date FROM enrolment e JOIN service s "
                              "ON s.id = e.service_id WHERE e.child_id = ? AND s.name = ?",
                          (child_id, service))
        tap(enrolment == [("2027-01-04", None)], f"enrolled from 2027-01-04: {enrolment}")
        record = query(db, "SELECT class_name, birth_date, allergies, pai FROM child WHERE id = ?",
                       (child_id,))
        tap(record == [("CM2", "2018-03-14", "Arachide", 1)],
            f"the record saved, medical values kept: {record}")

        regisseur = f"""size 1280 800
login regisseur {PASSWORD}
expect-mode main
page children
expect-text enfants
expect-no-text PAI
set children_search {first.lower()}
expect-value children_count 1 enfant
activate-row {row_name}
expect-text {title}
expect-no-text Afficher les données médicales
expect-no-text Données médicales
expect-no-text Arachide
screenshot {shot('child-record-regisseur-1280x800')}
quit
"""
        run_guichet(db, regisseur, workdir, "regisseur")
        views = query(db, "SELECT count(*) FROM audit_log WHERE action = 'view-medical'")[0][0]
        tap(views == 1, "the régisseur's visit wrote no 'view-medical' row")

    plan()
    return 0


if __name__ == "__main__":
    sys.exit(main())
