#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""PayFiP notification handling, on loopback with the sandbox answering.

1. Throughput: N attempts are paid at the sandbox with notifications switched off, then
   their N notifications are POSTed to the portal at once (8 at a time); the figure is
   notifications settled per second (each one costs the portal a SOAP call to the sandbox,
   a check and a write transaction).
2. A lost notification: the time from the payment at the sandbox to the settled state in
   the portal's database, with the reconciler's production interval (60 s) unless
   GUICHET_RECONCILE_SECONDS says otherwise.

Usage: bench-payfip.py GUICHET_ADMIN GUICHET_PORTAIL GUICHET_PAYFIP_SANDBOX [N]
"""
import concurrent.futures
import http.client
import os
import re
import sqlite3
import sys
import time
import urllib.parse

HERE = os.path.dirname(__file__)
sys.path.insert(0, os.path.join(HERE, "..", "portal"))
sys.path.insert(0, os.path.join(HERE, "..", "payfip-sandbox"))


def main():
    admin, portail, sandbox_binary = sys.argv[1:4]
    count = int(sys.argv[4]) if len(sys.argv) > 4 else 200
    os.environ["GUICHET_ADMIN"] = admin
    os.environ["GUICHET_PORTAIL"] = portail
    os.environ["GUICHET_PAYFIP_SANDBOX"] = sandbox_binary
    import portal_harness
    import sandbox_harness
    portal_harness.ADMIN, portal_harness.PORTAIL = admin, portail
    sandbox_harness.SANDBOX = sandbox_binary
    sandbox = sandbox_harness.Sandbox("--lose-notification")

    def configure(portal):
        for key, value in (("payfip_endpoint", sandbox.soap_url),
                           ("payfip_payment_url", sandbox.url + "/tpa/paiementws.web"),
                           ("payfip_numcli", "012345"), ("payfip_saisie", "T")):
            portal.sql("INSERT OR REPLACE INTO setting VALUES (?, ?)", key, value)

    interval = os.environ.get("GUICHET_RECONCILE_SECONDS", "60")
    portal = portal_harness.Portal(families=max(400, count * 2), before_start=configure,
                                   env={"GUICHET_RECONCILE_SECONDS": interval})
    try:
        invoices = portal.sql("SELECT a.email, i.number FROM invoice i JOIN citizen_account a "
                              "ON a.family_id = i.family_id AND a.state = 'active' WHERE i.state = 'unpaid' "
                              "AND i.direct_debit = 0 AND i.kind = 'invoice' ORDER BY i.id")
        browsers = {}
        idops = []
        for email, number in invoices:
            if len(idops) >= count + 1:
                break
            browser = browsers.get(email)
            if browser is None:
                browser = portal_harness.Browser(portal)
                browser.login(email=email, password="Demo-Famille-2026")
                browsers[email] = browser
            page = browser.get("/factures/payer")
            body = urllib.parse.urlencode([("csrf", page.csrf()), ("facture", number)]).encode()
            reply = browser.request("POST", "/factures/payer/confirmer", raw_body=body,
                                    headers={"Content-Type": "application/x-www-form-urlencoded"})
            match = re.search(r"idop=([0-9a-f-]{36})", reply.header("Location") or "")
            if match:
                idops.append(match.group(1))
        lost = idops.pop()
        for idop in idops:
            sandbox.pay_card(idop)

        def notify(idop):
            conn = http.client.HTTPConnection("127.0.0.1", portal.port, timeout=30)
            conn.request("POST", "/paiement/notification", body="idop=" + idop,
                         headers={"Content-Type": "application/x-www-form-urlencoded"})
            conn.getresponse().read()
            conn.close()

        def settled():
            return portal.sql("SELECT count(*) FROM payfip_operation WHERE state = 'paid' "
                              "AND settled_at > '2026-11-23'")[0][0]

        before = portal.sql("SELECT count(*) FROM payfip_operation WHERE state = 'paid'")[0][0]
        start = time.monotonic()
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            list(pool.map(notify, idops))
        answered = time.monotonic() - start
        while portal.sql("SELECT count(*) FROM payfip_operation WHERE state = 'paid'")[0][0] < before + len(idops):
            if time.monotonic() - start > 120:
                break
            time.sleep(0.01)
        elapsed = time.monotonic() - start
        done = portal.sql("SELECT count(*) FROM payfip_operation WHERE state = 'paid'")[0][0] - before
        print("notifications: %d answered in %.2f s (%.0f/s), %d settled in %.2f s: %.0f notifications settled/s"
              % (len(idops), answered, len(idops) / answered, done, elapsed, done / elapsed))

        # One lost notification: the reconciler alone settles it.
        paid_at = time.monotonic()
        sandbox.pay_card(lost)
        while not portal.sql("SELECT count(*) FROM payfip_operation WHERE idop = ? AND state = 'paid'", lost)[0][0]:
            if time.monotonic() - paid_at > 180:
                print("lost notification: not settled after 180 s")
                break
            time.sleep(0.05)
        else:
            print("lost notification: settled by the reconciler %.1f s after the payment "
                  "(reconciler interval %s s)" % (time.monotonic() - paid_at, interval))
    finally:
        portal.stop()
        sandbox.stop()


if __name__ == "__main__":
    main()
