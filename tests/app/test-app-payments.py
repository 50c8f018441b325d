#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The "Paiements" section as a régisseur would use it: a cheque over two invoices of one
# family, first for more than they owe (refused, nothing written), then exact; the
# database holds one payment and both invoices are paid; the day's journal shows it
# under "Chèque" and exports it as CSV; the PayFiP operations of the demo are listed and
# one opens; a PayFiP payment committed meanwhile by another process (the portal) shows
# up in the journal and the operations without a restart. Screenshots of the three views at 1280×800 and 360×800. Prints TAP.

import os
import sqlite3
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from app_harness import (PASSWORD, TODAY, make_demo, plan, query, run_guichet,  # noqa: E402
                         shot, tap)

NBSP = "\u00a0"
NNBSP = "\u202f"


def euros(cents):
    """gf_money_format: "1 243,11 €" with a narrow no-break space and a no-break space."""
    units, rest = divmod(cents, 100)
    text = f"{units:,}".replace(",", NNBSP)
    return f"{text},{rest:02d}{NBSP}€"


def plain(cents):
    return f"{cents // 100},{cents % 100:02d}"


PAYABLE = """
SELECT i.family_id, f.reference, i.id, i.number, b.total_cents + b.credited_cents - b.paid_cents
  FROM invoice i JOIN family f ON f.id = i.family_id
  JOIN invoice_balance b ON b.invoice_id = i.id
 WHERE i.state = 'unpaid' AND i.kind = 'invoice' AND i.direct_debit = 0
   AND b.total_cents + b.credited_cents - b.paid_cents > 0
   AND NOT EXISTS (SELECT 1 FROM payfip_operation_invoice p
                    WHERE p.invoice_id = i.id AND p.locked = 1)
 ORDER BY i.family_id, i.due_date, i.number
"""


PORTAL_REFDET = "20269999999999"
PORTAL_CENTS = 12345


def portal_pays(db, stop):
    """Plays the portal: once the counter's cheque is in the database, another process
    commits a PayFiP payment of the same day. The app must show it without a restart."""
    deadline = time.monotonic() + 200
    while not stop.is_set() and time.monotonic() < deadline:
        try:
            if query(db, "SELECT count(*) FROM payment WHERE reference = '0012345'")[0][0]:
                break
        except sqlite3.Error:
            pass
        time.sleep(0.2)
    else:
        return
    with sqlite3.connect(db, timeout=30) as conn:
        family = conn.execute("SELECT id, email FROM family WHERE email <> '' ORDER BY id DESC "
                              "LIMIT 1").fetchone()
        at = f"{TODAY}T10:00:00Z"
        cur = conn.execute(
            "INSERT INTO payfip_operation (idop, refdet, family_id, amount_cents, email, saisie, "
            "state, resultrans, numauto, created_at, updated_at, lock_until, settled_at) "
            "VALUES ('portal-idop-1', ?, ?, ?, ?, 'T', 'paid', 'P', 'PORTAL1', ?, ?, ?, ?)",
            (PORTAL_REFDET, family[0], PORTAL_CENTS, family[1], at, at, at, at))
        conn.execute("INSERT INTO payment (family_id, method, amount_cents, paid_at, reference, "
                     "payfip_operation_id, created_at) VALUES (?, 'payfip', ?, ?, 'PORTAL1', ?, ?)",
                     (family[0], PORTAL_CENTS, at, cur.lastrowid, at))


def main():
    with tempfile.TemporaryDirectory() as workdir:
        db = make_demo(workdir)
        if db is None:
            plan()
            return 1

        # A family with two invoices the counter can take.
        by_family = {}
        for family_id, reference, invoice_id, number, left in query(db, PAYABLE):
            by_family.setdefault((family_id, reference), []).append((invoice_id, number, left))
        (family_id, reference), invoices = next(
            (k, v) for k, v in by_family.items() if len(v) >= 2)
        (id_a, number_a, left_a), (id_b, number_b, left_b) = invoices[:2]
        total = left_a + left_b
        payments_before = query(db, "SELECT count(*) FROM payment")[0][0]
        operations = query(db, "SELECT refdet, idop FROM payfip_operation "
                               "ORDER BY created_at DESC, id DESC")
        tap(len(operations) > 0, "the demo has PayFiP operations")
        refdet, idop = operations[0]
        csv_path = os.path.join(workdir, "journal.csv")
        os.environ["GUICHET_TEST_EXPORT_PATH"] = csv_path
        day = f"{TODAY[8:10]}/{TODAY[5:7]}/{TODAY[0:4]}"

        script = f"""size 1280 800
login regisseur {PASSWORD}
expect-mode main
page payments
expect-text Aucune famille choisie
set family_search {reference}
activate-row {reference}
expect-text {number_a}
expect-text {number_b}
set method_row Chèque
set date_row {day}
set amount_row {plain(total)}
click {number_a}
click {number_b}
expect-text {euros(total)}
click record_button
expect-text Saisissez la banque du chèque.
expect-text Saisissez le numéro du chèque.
set bank_row Banque Postale
set reference_row 0012345
set amount_row {plain(total + 100)}
click record_button
expect-text Le montant doit être réparti entièrement sur des factures.
expect-no-text Paiement de
set amount_row abc
click record_button
expect-text Saisissez un montant
screenshot {shot('payments-record-errors-1280x800')}
set amount_row {plain(total)}
click record_button
expect-text Paiement de {euros(total)} enregistré
expect-toast Paiement de {euros(total)} enregistré
expect-no-text {number_a}
size 360 800
wait 1000
screenshot {shot('payments-record-360x800')}
size 1280 800
click Journal
set date_entry {day}
activate date_entry
expect-text Chèque
expect-text {euros(total)}
expect-text {euros(PORTAL_CENTS)}
expect-text Total de la journée
expect-text {euros(total + PORTAL_CENTS)}
screenshot {shot('payments-journal-1280x800')}
size 360 800
wait 300
screenshot {shot('payments-journal-360x800')}
size 1280 800
click Exporter en CSV
expect-text Journal exporté dans journal.csv (2 paiements)
click Opérations PayFiP
expect-text {PORTAL_REFDET}
expect-text {refdet}
screenshot {shot('payments-payfip-1280x800')}
size 360 800
wait 300
screenshot {shot('payments-payfip-360x800')}
size 1280 800
activate-row {refdet}
expect-text Référence PayFiP (refdet)
expect-text {idop}
expect-text Payée
screenshot {shot('payments-payfip-detail-1280x800')}
size 360 800
wait 300
screenshot {shot('payments-payfip-detail-360x800')}
size 1280 800
click back_button
set state_filter Refusée
expect-text Aucune opération PayFiP
click Enregistrer un paiement
screenshot {shot('payments-record-1280x800')}
quit
"""
        stop = threading.Event()
        portal = threading.Thread(target=portal_pays, args=(db, stop))
        portal.start()
        run_guichet(db, script, workdir, "payments")
        stop.set()
        portal.join()

        # What the database holds: one new payment, by cheque, over the two invoices.
        rows = query(db, "SELECT id, method, amount_cents, bank, reference, recorded_by "
                         "FROM payment WHERE id > (SELECT max(id) FROM payment) - 5 "
                         "AND family_id = ? AND method = 'cheque' AND reference = '0012345'",
                     (family_id,))
        payments_after = query(db, "SELECT count(*) FROM payment")[0][0]
        tap(payments_after == payments_before + 2,
            f"the cheque and the portal's payment, no other ({payments_before} → {payments_after})")
        tap(len(rows) == 1 and rows[0][2] == total and rows[0][3] == "Banque Postale",
            f"the cheque is recorded with its bank and number: {rows}")
        regisseur = query(db, "SELECT id FROM staff_user WHERE login = 'regisseur'")[0][0]
        tap(rows and rows[0][5] == regisseur, "recorded by the régisseur")
        allocations = query(db, "SELECT invoice_id, amount_cents FROM payment_allocation "
                                "WHERE payment_id = ? ORDER BY invoice_id",
                            (rows[0][0] if rows else -1,))
        tap(sorted(allocations) == sorted([(id_a, left_a), (id_b, left_b)]),
            f"two allocations, one per invoice: {allocations}")
        paid = query(db, "SELECT count(*) FROM invoice WHERE id IN (?, ?) AND state = 'paid' "
                         "AND paid_at IS NOT NULL", (id_a, id_b))[0][0]
        tap(paid == 2, "both invoices are paid")
        audit = query(db, "SELECT count(*) FROM audit_log WHERE action = 'payment_recorded'")[0][0]
        tap(audit == 1, f"one audit row for the payment ({audit})")

        # The export: UTF-8 with a BOM, semicolons, the French amount.
        try:
            with open(csv_path, "rb") as f:
                data = f.read()
        except OSError:
            data = b""
        tap(data.startswith(b"\xef\xbb\xbf"), "the CSV starts with a UTF-8 byte order mark")
        text = data.decode("utf-8-sig", errors="replace")
        lines = [line for line in text.split("\r\n") if line]
        tap(lines and lines[0].startswith("Date;Heure;Moyen;Famille;Dossier;Montant;"),
            f"the CSV has a French header: {lines[:1]}")
        tap(any(PORTAL_REFDET not in line and "PayFiP" in line and f";{plain(PORTAL_CENTS)};" in line
                for line in lines), "the CSV lists the portal's PayFiP payment too")
        mine = [line for line in lines if f";{plain(total)};" in line and "Chèque" in line]
        tap(len(mine) == 1 and "Banque Postale" in mine[0] and number_a in mine[0]
            and number_b in mine[0] and reference in mine[0],
            f"the CSV lists the cheque with its bank and invoices: {mine}")

    plan()
    return 0


if __name__ == "__main__":
    sys.exit(main())
