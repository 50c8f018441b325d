#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The staff application's documents section under Xvfb, as an agent on the demo town:
# the documents waiting, a PDF and a PNG previewed, a refusal without a reason stopped
# with a French message and nothing saved, a refusal with a reason (confirmed first, a
# cancelled confirmation changing nothing; then stored, e-mailed, audited), a wrong
# "valid until" date stopped, an acceptance with a date, a document whose file is
# missing, the filters, and the dashboard's count following the decisions.
# Screenshots at 1280×800 and 360×800 in tests/artifacts/app/. Prints TAP.

import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from app_harness import PASSWORD, make_demo, plan, query, run_guichet, shot, tap  # noqa: E402

NO_REASON = "Indiquez le motif du refus\u00a0: la famille le lira."
BAD_DATE = "Vérifiez le jour et le mois\u00a0: cette date n’existe pas."
REASON = "Facture de plus de trois mois : merci de déposer un justificatif récent."


def document(db, file_name):
    rows = query(db, "SELECT id, state, reason, valid_until, decided_by, family_id "
                     "FROM document WHERE file_name = ?", (file_name,))
    return rows[0] if rows else None


def main():
    with tempfile.TemporaryDirectory() as workdir:
        db = make_demo(workdir)
        if db is None:
            plan()
            return 1
        pending = query(db, "SELECT count(*) FROM document WHERE state = 'pending'")[0][0]
        tap(pending >= 3 and document(db, "facture-electricite.pdf") is not None,
            f"the demo has {pending} documents waiting, with their files")
        mails_before = query(db, "SELECT count(*) FROM mail_outbox")[0][0]

        script = f"""size 1280 800
login agent {PASSWORD}
expect-mode main
page documents
expect-text {pending} documents en attente de décision
expect-text facture-electricite.pdf
screenshot {shot('documents-list-1280x800')}
activate-row facture-electricite.pdf
expect-text Justificatif de domicile
expect-text En attente de décision
screenshot {shot('documents-pdf-1280x800')}
click refuse_button
expect-text {NO_REASON}
screenshot {shot('documents-refuse-no-reason-1280x800')}
set reason_row {REASON}
expect-no-text {NO_REASON}
click refuse_button
expect-text Refuser ce document
screenshot-top {shot('documents-refuse-confirm-1280x800')}
respond cancel
expect-text En attente de décision
click refuse_button
expect-text La famille recevra ce motif par e-mail
respond refuse
expect-text Refusé le
expect-toast Document refusé
click Retour aux documents
expect-text {pending - 1} documents en attente de décision
expect-no-text facture-electricite.pdf
activate-row vaccins.png
expect-text Carnet de vaccination
screenshot {shot('documents-png-1280x800')}
set valid_until_row 31/02/2027
click accept_button
expect-text {BAD_DATE}
set valid_until_row 31/12/2027
click accept_button
expect-text valable jusqu’au 31/12/2027
expect-toast Document accepté
click Retour aux documents
activate-row certificat.pdf
expect-text Fichier absent
screenshot {shot('documents-missing-file-1280x800')}
size 360 800
screenshot {shot('documents-missing-file-360x800')}
click Retour aux documents
screenshot {shot('documents-list-360x800')}
size 1280 800
click Refusés
expect-text facture-electricite.pdf
expect-text {REASON}
screenshot {shot('documents-refused-1280x800')}
click Acceptés
expect-text vaccins.png
expect-text assurance-scolaire.png
click En attente
page dashboard
expect-value documents_label {pending - 2}
click Documents à valider
expect-text {pending - 2} documents en attente de décision
quit
"""
        run_guichet(db, script, workdir, "agent")

        agent_id = query(db, "SELECT id FROM staff_user WHERE login = 'agent'")[0][0]
        refused = document(db, "facture-electricite.pdf")
        tap(refused is not None and refused[1] == "refused" and refused[2] == REASON
            and refused[4] == agent_id,
            f"the PDF is refused with the reason typed, by the agent: {refused}")
        accepted = document(db, "vaccins.png")
        tap(accepted is not None and accepted[1] == "accepted" and accepted[3] == "2027-12-31"
            and accepted[2] == "",
            f"the PNG is accepted until 2027-12-31: {accepted}")
        missing = document(db, "certificat.pdf")
        tap(missing is not None and missing[1] == "pending",
            "the document without its file is still waiting")

        # One e-mail per decision, none for the refusal without a reason or the bad date.
        mails = query(db, "SELECT recipient, subject, body_text FROM mail_outbox "
                          "WHERE kind = 'document_decision' ORDER BY id")
        total = query(db, "SELECT count(*) FROM mail_outbox")[0][0]
        tap(len(mails) == 2 and total == mails_before + 2,
            f"two decision e-mails queued ({len(mails)}, {total - mails_before} in all)")
        family_mail = query(db, "SELECT ifnull((SELECT email FROM citizen_account "
                                "WHERE family_id = f.id AND state = 'active'), f.email) "
                                "FROM family f WHERE f.id = ?", (refused[5],))[0][0]
        tap(len(mails) >= 1 and mails[0][0] == family_mail
            and mails[0][1].startswith("Document refusé") and REASON in mails[0][2],
            f"the refusal e-mail goes to {family_mail} with the reason")
        tap(len(mails) >= 2 and mails[1][1].startswith("Document accepté")
            and "31/12/2027" in mails[1][2],
            "the acceptance e-mail gives the end of validity")
        audit = query(db, "SELECT action, entity_id, actor_kind, actor_id FROM audit_log "
                          "WHERE entity = 'document' ORDER BY id")
        tap(audit == [("refuse", refused[0], "staff", agent_id),
                      ("accept", accepted[0], "staff", agent_id)],
            f"each decision has its audit row: {audit}")

    plan()
    return 0


if __name__ == "__main__":
    sys.exit(main())
