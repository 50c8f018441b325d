#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The "Factures" section of the staff application under Xvfb, as the régisseur: filters
# the list, opens an invoice and its PDF (page counter, zoom), saves the PDF (checked
# with pdftotext), sees a payment made meanwhile by another process (the portal) change
# what is left to pay, makes a credit note (a too-large amount first), sends the overdue
# invoices to the Trésorerie after the confirmation that tells how many and how much,
# exports them as CSV; the agent has no such section. Screenshots at 1280×800 and
# 360×800 in tests/artifacts/app/. Prints TAP.

import os
import subprocess
import sys
import sqlite3
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from app_harness import (PASSWORD, TODAY, make_demo, plan, query, run_guichet,  # noqa: E402
                         shot, tap)

NNBSP = "\u202f"
NBSP = "\u00a0"

OVERDUE_SQL = f"""
  FROM invoice i JOIN invoice_balance b ON b.invoice_id = i.id
 WHERE i.kind = 'invoice' AND i.state = 'unpaid' AND i.direct_debit = 0
   AND i.due_date < '{TODAY}' AND i.total_cents + b.credited_cents - b.paid_cents > 0
   AND NOT EXISTS (SELECT 1 FROM payfip_operation_invoice o
                    WHERE o.invoice_id = i.id AND o.locked = 1)"""


MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre"]


def count(n):
    """The list's total line starts with this."""
    return f"{n} facture" if n == 1 else f"{n} factures"


def money(cents):
    """gf_money_format: "1 243,11 €" with a narrow no-break space between thousands."""
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    groups = f"{euros:,}".replace(",", NNBSP)
    return f"{sign}{groups},{rest:02d}{NBSP}€"


def plain(cents):
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    return f"{sign}{euros},{rest:02d}"


def pay_when_saved(db, pdf, invoice_id):
    """Plays the portal: 5,00 € paid on the invoice, from another process's connection."""
    deadline = time.monotonic() + 120
    while not os.path.exists(pdf) and time.monotonic() < deadline:
        time.sleep(0.1)
    with sqlite3.connect(db) as conn:
        family = conn.execute("SELECT family_id FROM invoice WHERE id = ?",
                              (invoice_id,)).fetchone()[0]
        cur = conn.execute("INSERT INTO payment (family_id, method, amount_cents, paid_at, "
                           "created_at) VALUES (?, 'cash', 500, ?, ?)",
                           (family, TODAY + "T10:00:00Z", TODAY + "T10:00:00Z"))
        conn.execute("INSERT INTO payment_allocation (payment_id, invoice_id, amount_cents) "
                     "VALUES (?, ?, 500)", (cur.lastrowid, invoice_id))


def main():
    with tempfile.TemporaryDirectory() as workdir:
        db = make_demo(workdir)
        if db is None:
            plan()
            return 1
        saves = os.path.join(workdir, "saves")
        os.makedirs(saves)
        os.environ["GUICHET_TEST_SAVE_DIR"] = saves
        os.environ["GUICHET_TODAY"] = TODAY

        unpaid = query(db, "SELECT count(*) FROM invoice WHERE state = 'unpaid'")[0][0]
        everything = query(db, "SELECT count(*) FROM invoice")[0][0]
        month = query(db, "SELECT substr(max(issue_date), 1, 7) FROM invoice "
                          "WHERE issue_date < '2026-11'")[0][0]
        month_label = f"{MONTHS[int(month[5:]) - 1]} {month[:4]}"
        in_month = query(db, "SELECT count(*) FROM invoice WHERE issue_date LIKE ?",
                         (month + "-%",))[0][0]
        service_id, service = query(db, "SELECT id, name FROM service WHERE kind = 'morning'")[0]
        in_month_service = query(db, "SELECT count(*) FROM invoice i WHERE issue_date LIKE ? "
                                     "AND EXISTS (SELECT 1 FROM invoice_line l WHERE "
                                     "l.invoice_id = i.id AND l.service_id = ?)",
                                 (month + "-%", service_id))[0][0]
        dupont = query(db, "SELECT count(*) FROM invoice i WHERE family_id IN (SELECT family_id "
                           "FROM guardian WHERE last_name LIKE '%dupont%' "
                           "OR first_name LIKE '%dupont%')")[0][0]
        tap(0 < in_month_service < in_month < everything and 0 < dupont < everything,
            f"the filters narrow the list: {everything} invoices, {in_month} in {month}, "
            f"{in_month_service} of them with {service}, {dupont} for DUPONT")
        # The first row of the "Non réglée" list: newest first.
        inv_id, number, total, due, remaining = query(db, """
            SELECT i.id, i.number, i.total_cents, i.due_date,
                   i.total_cents + b.credited_cents - b.paid_cents
              FROM invoice i JOIN invoice_balance b ON b.invoice_id = i.id
             WHERE i.state = 'unpaid' ORDER BY i.issue_date DESC, i.number DESC LIMIT 1""")[0]
        tap(due >= TODAY and remaining > 750,
            f"the invoice opened ({number}) is not overdue, so paying and crediting it leave "
            "the Trésorerie totals alone, and has more than 7,50 € left to pay")
        n_overdue, overdue_cents = query(
            db, "SELECT count(*), sum(i.total_cents + b.credited_cents - b.paid_cents)"
                + OVERDUE_SQL)[0]
        overdue_ids = {r[0] for r in query(db, "SELECT i.id" + OVERDUE_SQL)}
        tap(n_overdue >= 2, f"the demo has overdue invoices to send ({n_overdue})")
        max_credit = money(total)
        invoices_before = query(db, "SELECT count(*) FROM invoice")[0][0]
        audit_before = query(db, "SELECT max(id) FROM audit_log")[0][0]
        confirm = f"Transmettre {n_overdue} factures pour {money(overdue_cents)} ?"

        script = f"""size 1280 800
login regisseur {PASSWORD}
expect-mode main
page invoices
expect-text {count(everything)} ·
set month_dropdown {month_label}
expect-text {count(in_month)} ·
set service_dropdown {service}
expect-text {count(in_month_service)} ·
set month_dropdown Tous les mois
set service_dropdown Tous les services
set invoice_search dupont
expect-text {count(dupont)} ·
screenshot {shot('invoices-search-1280x800')}
set invoice_search
expect-text {count(everything)} ·
set state_dropdown Non réglée
expect-text {count(unpaid)} ·
expect-text {number}
screenshot {shot('invoices-list-1280x800')}
size 360 800
screenshot {shot('invoices-list-360')}
size 1280 800
activate-row {number}
expect-text Facture {number}
expect-text {money(remaining)}
screenshot {shot('invoice-details-1280x800')}
click Document PDF
expect-text Page 1 / 1
expect-text 100 %
click Zoom avant
expect-text 125 %
click Zoom arrière
expect-text 100 %
wait 300
click Zoom arrière
expect-text 80 %
click Ajuster à la largeur
expect-no-text 80 %
screenshot {shot('invoice-pdf-1280x800')}
size 360 800
screenshot {shot('invoice-pdf-360')}
size 1280 800
click Enregistrer sous…
wait 500
expect-toast Facture enregistrée sous Facture-{number}.pdf
click Imprimer
wait 1000
wait 1500
refresh
click Détails
expect-text {money(remaining - 500)}
click Document PDF
click Avoir…
expect-text Au plus {max_credit} peuvent être crédités
set amount_row {plain(total + 1)}
set reason_row Repas non pris
click Créer l’avoir
expect-text peuvent encore être crédités sur cette facture
screenshot-top {shot('invoice-credit-error-1280x800')}
set amount_row douze
click Créer l’avoir
expect-no-text peuvent encore être crédités
expect-value amount_row douze
screenshot-top {shot('invoice-credit-bad-amount-1280x800')}
set amount_row 2,50
set reason_row
click Créer l’avoir
expect-text Indiquez le motif de l’avoir.
set reason_row Repas non pris
click Créer l’avoir
expect-no-text peuvent encore être crédités
expect-toast Avoir de 2,50 créé
click Détails
expect-text {money(remaining - 500 - 250)}
screenshot {shot('invoice-details-after-credit-1280x800')}
size 360 800
screenshot {shot('invoice-details-360')}
size 1280 800
click Retour aux factures
click Échues (trésorerie)
expect-text {count(n_overdue)} ·
screenshot {shot('invoices-overdue-1280x800')}
click Exporter en CSV…
expect-text Factures échues exportées
expect-toast Factures échues exportées
click Transmettre en trésorerie…
expect-text {confirm}
screenshot-top {shot('invoices-treasury-confirm-1280x800')}
size 360 800
screenshot-top {shot('invoices-treasury-confirm-360')}
respond cancel
size 1280 800
expect-text {count(n_overdue)} ·
click Transmettre en trésorerie…
expect-text {confirm}
respond transfer
expect-text Aucune facture ne correspond
expect-toast {n_overdue} factures transmises en trésorerie
quit
"""
        # A payment arrives from the portal while the invoice is on screen: the page
        # shows the new amount left to pay after the session's "changed". The saved PDF
        # tells this thread when the page is there.
        pdf = os.path.join(saves, f"Facture-{number}.pdf")
        payer = threading.Thread(target=pay_when_saved, args=(db, pdf, inv_id))
        payer.start()
        run_guichet(db, script, workdir, "invoices")
        payer.join()

        # The PDF saved, read back as text.
        if tap(os.path.exists(pdf), "the PDF was saved where the test asked"):
            text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True,
                                  text=True).stdout
            tap(number in text, f"the saved PDF is invoice {number} (pdftotext)")

        # Printing goes through GtkPrintOperation; the tests export its pages to a file.
        printed = os.path.join(saves, f"Facture {number} (impression).pdf")
        if tap(os.path.exists(printed), "printing produced the printed pages"):
            text = subprocess.run(["pdftotext", printed, "-"], capture_output=True,
                                  text=True).stdout
            tap(number in text and "Page 1" in text,
                f"the printed pages show invoice {number} and its page number (pdftotext)")

        # One credit note, of 2,50 €, audited; the refused one wrote nothing.
        credits = query(db, "SELECT total_cents, number FROM invoice WHERE credit_for_id = ?",
                        (inv_id,))
        tap(credits == [(-250, credits[0][1])] if credits else False,
            f"one credit note of -2,50 € on {number}: {credits}")
        tap(query(db, "SELECT count(*) FROM invoice")[0][0] == invoices_before + 1,
            "the refused credit note wrote nothing")
        tap(query(db, "SELECT count(*) FROM audit_log WHERE action = 'credit_note' "
                      "AND actor_label = 'regisseur'")[0][0] == 1,
            "the credit note is in the audit log")

        # The Trésorerie: exactly the overdue invoices, one audit row each.
        moved = {r[0] for r in query(db, "SELECT id FROM invoice WHERE state = 'treasury' "
                                         "AND treasury_at LIKE '2%' AND id IN (SELECT entity_id "
                                         "FROM audit_log WHERE action = 'treasury')")}
        tap(moved == overdue_ids, f"the {n_overdue} overdue invoices are in the Trésorerie "
                                  f"({len(moved)} moved)")
        tap(query(db, "SELECT count(*) FROM audit_log WHERE action = 'treasury' "
                      "AND actor_label = 'regisseur'")[0][0] == n_overdue,
            "one audit row per invoice sent")
        tap(query(db, "SELECT count(*)" + OVERDUE_SQL)[0][0] == 0, "nothing is overdue now")
        written = query(db, "SELECT action, count(*) FROM audit_log WHERE id > ? "
                            "AND action <> 'login' GROUP BY action ORDER BY action", (audit_before,))
        tap(written == [("credit_note", 1), ("treasury", n_overdue)],
            f"nothing else was written to the audit log: {written}")

        # The CSV: BOM, header, one row per overdue invoice with its French amount.
        csv = os.path.join(saves, f"factures-echues-{TODAY}.csv")
        if tap(os.path.exists(csv), "the CSV was exported where the test asked"):
            data = open(csv, "rb").read()
            tap(data.startswith(b"\xef\xbb\xbf"), "the CSV starts with a UTF-8 BOM")
            lines = data.decode("utf-8-sig").split("\r\n")
            tap(lines[0].startswith("Numéro;Dossier;Payeur;"), f"CSV header: {lines[0]}")
            rows = [l.split(";") for l in lines[1:] if l]
            tap(len(rows) == n_overdue, f"the CSV has {len(rows)} rows ({n_overdue} expected)")
            by_number = {r[0]: r for r in rows}
            ok = True
            for num, rem in query(db, "SELECT number, i.total_cents + b.credited_cents - b.paid_cents "
                                      "FROM invoice i JOIN invoice_balance b ON b.invoice_id = i.id "
                                      f"WHERE i.id IN ({','.join(map(str, overdue_ids))})"):
                ok = ok and num in by_number and by_number[num][6] == plain(rem)
            tap(ok, "each CSV row has the invoice's amount left to pay, in French (1243,11)")

        # The agent has no invoices section.
        run_guichet(db, f"""size 1280 800
login agent {PASSWORD}
expect-mode main
expect-text Familles
expect-no-text Factures
quit
""", workdir, "invoices-agent")

    plan()
    return 0


if __name__ == "__main__":
    sys.exit(main())
