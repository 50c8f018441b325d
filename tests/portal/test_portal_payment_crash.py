#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Crash safety of online payment: 200 payments through the PayFiP sandbox while the portal
is killed with SIGKILL at random moments and restarted. Afterwards every operation the
sandbox says is paid is recorded exactly once, no invoice is paid twice, and the sum of the
payments equals the sum the sandbox took."""
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.parse

HERE = os.path.dirname(__file__)
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "payfip-sandbox"))
from portal_harness import Browser, main, ADMIN, PORTAIL, TODAY  # noqa: E402
from tap_http import DIRS  # noqa: E402
from sandbox_harness import Sandbox  # noqa: E402

PAYMENTS = int(os.environ.get("GF_CRASH_PAYMENTS", "200"))
FAMILIES = 400


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class KillablePortal:
    """guichet-portail on a fixed port, so PayFiP's urlnotif stays right across restarts."""

    def __init__(self, db, maildir, port):
        self.db, self.maildir, self.port = db, maildir, port
        self.url = "http://127.0.0.1:%d" % port
        self.process = None
        self.kills = 0
        self.lock = threading.Lock()
        self.start()

    def start(self):
        env = dict(os.environ, GUICHET_RECONCILE_SECONDS="1")
        for _ in range(50):
            self.process = subprocess.Popen([PORTAIL, "--db", self.db, "--listen", "127.0.0.1:%d" % self.port,
                                             "--maildir", self.maildir],
                                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
            deadline = time.time() + 5
            while time.time() < deadline and self.process.poll() is None:
                try:
                    socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                    return
                except OSError:
                    time.sleep(0.02)
            self.process.kill()
            self.process.wait()
            time.sleep(0.1)
        raise RuntimeError("the portal does not start again")

    def kill_and_restart(self):
        with self.lock:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()
            self.kills += 1
            self.start()

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=20)


def sql(db, query, *args):
    import sqlite3
    with sqlite3.connect(db, timeout=30) as con:
        return con.execute(query, args).fetchall()


class CrashSafety(unittest.TestCase):
    def test_payments_survive_sigkill(self):
        work = tempfile.mkdtemp(prefix="gf-crash-")
        DIRS.append(work)
        db = os.path.join(work, "demo.db")
        subprocess.run([ADMIN, "demo", db, "--families", str(FAMILIES), "--today", TODAY],
                       check=True, stdout=subprocess.DEVNULL)
        sandbox = Sandbox(state=os.path.join(work, "sandbox.json"))
        for key, value in (("payfip_endpoint", sandbox.soap_url),
                           ("payfip_payment_url", sandbox.url + "/tpa/paiementws.web"),
                           ("payfip_numcli", "012345"), ("payfip_saisie", "T")):
            sql(db, "INSERT OR REPLACE INTO setting VALUES (?, ?)", key, value)
        first_new = sql(db, "SELECT ifnull(max(id), 0) + 1 FROM payfip_operation")[0][0]
        portal = KillablePortal(db, os.path.join(work, "mail"), free_port())
        # The Browser helper wants an object with a port.
        invoices = sql(db, "SELECT a.email, i.number FROM invoice i JOIN citizen_account a "
                           "ON a.family_id = i.family_id AND a.state = 'active' "
                           "WHERE i.state = 'unpaid' AND i.direct_debit = 0 AND i.kind = 'invoice' "
                           "ORDER BY random()")
        self.assertGreaterEqual(len(invoices), PAYMENTS, "the demo has too few invoices to pay")
        rng = random.Random(7)
        stop = threading.Event()

        def killer():
            while not stop.wait(rng.uniform(0.2, 0.9)):
                portal.kill_and_restart()

        browsers = {}
        attempted = 0
        redirected = 0
        thread = threading.Thread(target=killer, daemon=True)
        thread.start()
        try:
            for email, number in invoices:
                if redirected >= PAYMENTS:
                    break
                attempted += 1
                try:
                    browser = browsers.get(email)
                    if browser is None:
                        browser = Browser(portal)
                        if browser.login(email=email, password="Demo-Famille-2026").status != 303:
                            continue
                        browsers[email] = browser
                    page = browser.get("/factures/payer")
                    body = urllib.parse.urlencode([("csrf", page.csrf()), ("facture", number)]).encode()
                    reply = browser.request("POST", "/factures/payer/confirmer", raw_body=body,
                                            headers={"Content-Type": "application/x-www-form-urlencoded"})
                except (OSError, ConnectionError, http_errors()) as error:
                    if os.environ.get("GF_CRASH_DEBUG"):
                        print("# %s %s: %r" % (email, number, error))
                    time.sleep(0.05)   # the portal is being restarted
                    continue
                match = re.search(r"idop=([0-9a-f-]{36})", reply.header("Location") or "")
                if reply.status != 303 or not match:
                    if os.environ.get("GF_CRASH_DEBUG"):
                        print("# %s %s: %d %s" % (email, number, reply.status, reply.visible_text()[-200:]))
                    continue
                redirected += 1
                # PayFiP is never down: the family pays; the sandbox notifies whatever portal
                # is (or is not) listening, then sends the browser back.
                sandbox.pay_card(match.group(1))
        finally:
            stop.set()
            thread.join()

        # Nothing kills it now: the reconciler settles what the notifications missed. Wait
        # until every payment PayFiP took is recorded (or give up after a minute).
        paid = [op for op in sandbox.operations() if op["state"] == "paid"]
        deadline = time.time() + 60
        while time.time() < deadline:
            recorded_ops = {r[0] for r in sql(db, "SELECT o.idop FROM payment p JOIN payfip_operation o "
                                                  "ON o.id = p.payfip_operation_id WHERE o.id >= ?", first_new)}
            if all(op["idop"] in recorded_ops for op in paid):
                break
            time.sleep(0.5)
        portal.stop()

        print("# %d attempts, %d sent to PayFiP, %d paid there, %d SIGKILLs" %
              (attempted, redirected, len(paid), portal.kills), flush=True)
        self.assertGreater(portal.kills, 5)
        self.assertGreaterEqual(len(paid), PAYMENTS)
        # Attempts still open are ones whose page nobody reached (the portal died before
        # sending the family there): PayFiP took nothing for them.
        paid_idops = {op["idop"] for op in paid}
        for (idop,) in sql(db, "SELECT idop FROM payfip_operation WHERE state = 'pending'"):
            self.assertNotIn(idop, paid_idops, "a paid attempt is still open")
        orphans = [r[0] for r in sql(db, "SELECT refdet FROM payfip_operation WHERE state = 'created'")]
        for refdet in orphans:
            self.assertEqual([op for op in paid if op["refdet"] == refdet], [],
                             "an attempt without idOp was paid at PayFiP")
        for op in paid:
            rows = sql(db, "SELECT p.amount_cents FROM payment p JOIN payfip_operation o "
                           "ON o.id = p.payfip_operation_id WHERE o.idop = ?", op["idop"])
            self.assertEqual(len(rows), 1, "idOp %s recorded %d times" % (op["idop"], len(rows)))
            self.assertEqual(rows[0][0], op["paid_amount"])
        taken = sum(op["paid_amount"] for op in paid)
        # Every payment of this run, against what PayFiP took: the same count, the same sum.
        recorded, count = sql(db, "SELECT ifnull(sum(amount_cents), 0), count(*) FROM payment "
                                  "WHERE payfip_operation_id >= ?", first_new)[0]
        self.assertEqual(count, len(paid))
        self.assertEqual(recorded, taken)
        twice = sql(db, "SELECT a.invoice_id FROM payment_allocation a JOIN payment p ON p.id = a.payment_id "
                        "GROUP BY a.invoice_id HAVING count(*) > 1 AND sum(p.method = 'payfip') > 1")
        self.assertEqual(twice, [], "invoices paid twice online")
        overpaid = sql(db, "SELECT b.invoice_id FROM invoice_balance b JOIN invoice i ON i.id = b.invoice_id "
                           "WHERE i.kind = 'invoice' AND b.paid_cents > b.total_cents + b.credited_cents")
        self.assertEqual(overpaid, [])
        sandbox.stop()


def http_errors():
    import http.client
    return http.client.HTTPException


if __name__ == "__main__":
    main()
