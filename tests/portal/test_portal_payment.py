#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Paying invoices online, end to end: the real portal, the real PayFiP sandbox speaking
PayFiP's protocol, over loopback. The portal must learn every outcome from PayFiP itself
and record a payment once and only once."""
import os
import re
import sys
import threading
import time
import unittest
import urllib.parse

HERE = os.path.dirname(__file__)
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "payfip-sandbox"))
from portal_harness import Browser, Portal, main, wait_for_mail  # noqa: E402
from sandbox_harness import Sandbox  # noqa: E402

REFUSING_CARD = "4000000000000002"


def setUpModule():
    global SANDBOX, PORTAL
    SANDBOX = Sandbox()

    def configure(portal):
        for key, value in (("payfip_endpoint", SANDBOX.soap_url),
                           ("payfip_payment_url", SANDBOX.url + "/tpa/paiementws.web"),
                           ("payfip_numcli", "012345"), ("payfip_saisie", "T")):
            portal.sql("INSERT OR REPLACE INTO setting VALUES (?, ?)", key, value)

    PORTAL = Portal(families=150, env={"GUICHET_RECONCILE_SECONDS": "1"}, before_start=configure)


def tearDownModule():
    PORTAL.stop()
    SANDBOX.stop()


def family_of(email):
    return PORTAL.sql("SELECT family_id FROM citizen_account WHERE email = ?", email)[0][0]


def payable(family, count):
    """The family's newest unpaid invoices that nothing locks, as numbers."""
    rows = PORTAL.sql(
        "SELECT i.number FROM invoice i WHERE i.family_id = ? AND i.state = 'unpaid' "
        "AND i.direct_debit = 0 AND i.kind = 'invoice' AND NOT EXISTS (SELECT 1 FROM "
        "payfip_operation_invoice p WHERE p.invoice_id = i.id AND p.locked = 1) "
        "ORDER BY i.issue_date DESC", family)
    if len(rows) < count:
        raise AssertionError("family %d has %d payable invoices, %d needed" % (family, len(rows), count))
    return [r[0] for r in rows[:count]]


USED = set()


def fresh_family():
    """A family of its own for each test (they share one portal): an active account, at
    least two invoices it can pay online. Returns (email, family id)."""
    rows = PORTAL.sql(
        "SELECT a.email, a.family_id FROM citizen_account a WHERE a.state = 'active' AND "
        "(SELECT count(*) FROM invoice i WHERE i.family_id = a.family_id AND i.state = 'unpaid' "
        " AND i.direct_debit = 0 AND i.kind = 'invoice') >= 2 ORDER BY a.family_id")
    for email, family in rows:
        if family not in USED and email != "marie.dupont@exemple.fr":
            USED.add(family)
            return email, family
    raise AssertionError("no demo family left with invoices to pay")


def start_payment(browser, numbers):
    """Chooses @numbers, confirms, follows nothing: returns (review page, confirm reply)."""
    page = browser.get("/factures/payer")
    body = [("csrf", page.csrf())] + [("facture", n) for n in numbers]
    review = browser.request("POST", "/factures/payer/verifier",
                             raw_body=urllib.parse.urlencode(body).encode(),
                             headers={"Content-Type": "application/x-www-form-urlencoded"})
    confirm = browser.request("POST", "/factures/payer/confirmer",
                              raw_body=urllib.parse.urlencode(body).encode(),
                              headers={"Content-Type": "application/x-www-form-urlencoded"})
    return review, confirm


def idop_of(reply):
    location = reply.header("Location") or ""
    match = re.search(r"[?&]idop=([0-9a-f-]{36})", location)
    if reply.status != 303 or not match:
        raise AssertionError("no redirection to PayFiP: %d %s %s" % (reply.status, location,
                                                                      reply.visible_text()[:300]))
    return location, match.group(1)


def back_from_payfip(browser, reply):
    """The browser follows the sandbox's redirection back to the portal."""
    location = reply.header("Location")
    if reply.status != 302 or not location or not location.startswith(PORTAL.url):
        raise AssertionError("the sandbox did not send the browser back: %d %s" % (reply.status, location))
    return browser.get(location[len(PORTAL.url):])


def wait_until(predicate, timeout=15.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def payments_for(idop):
    return PORTAL.sql("SELECT p.amount_cents FROM payment p JOIN payfip_operation o "
                      "ON o.id = p.payfip_operation_id WHERE o.idop = ?", idop)


class Paying(unittest.TestCase):
    def setUp(self):
        SANDBOX.reset()
        self.email, self.family = fresh_family()
        self.browser = Browser(PORTAL)
        self.assertEqual(self.browser.login(email=self.email).status, 303)

    def test_two_invoices_by_card(self):
        numbers = payable(self.family, 2)
        total = PORTAL.sql("SELECT sum(total_cents) FROM invoice WHERE number IN (?, ?)", *numbers)[0][0]
        review, confirm = start_payment(self.browser, numbers)
        text = review.visible_text()
        self.assertIn("Identifiant collectivité 012345", text)
        self.assertIn("Nombre de factures 2", text)
        for number in numbers:
            self.assertIn(number, text)
        location, idop = idop_of(confirm)
        self.assertTrue(location.startswith(SANDBOX.url + "/tpa/paiementws.web?idop="))
        # The browser may follow the form's redirection to PayFiP, and nowhere else.
        policy = review.header("Content-Security-Policy")
        self.assertIn("form-action 'self' " + SANDBOX.url + ";", policy)
        # While PayFiP has not answered, the invoices are locked.
        page = self.browser.get("/factures/" + numbers[0]).visible_text()
        self.assertIn("Un paiement est en cours pour cette facture jusqu’au", page)

        back = back_from_payfip(self.browser, SANDBOX.pay_card(idop))
        self.assertIn("Paiement enregistré", back.visible_text())
        self.assertEqual(payments_for(idop), [(total,)])
        self.assertEqual(PORTAL.sql("SELECT count(*) FROM invoice WHERE number IN (?, ?) AND state = 'paid'",
                                    *numbers)[0][0], 2)
        self.assertEqual(SANDBOX.operation(idop)["paid_amount"], total)
        listed = self.browser.get("/factures?onglet=reglees").text
        for number in numbers:
            self.assertIn(number, listed)
        receipt = wait_for_mail(PORTAL.maildir, self.email, subject="Ticket de paiement")[-1]
        body = receipt.get_body(preferencelist=("plain",)).get_content()
        self.assertIn(SANDBOX.operation(idop)["numauto"], body)

    def test_refused_card_leaves_the_invoice_payable_at_once(self):
        number = payable(self.family, 1)
        _, confirm = start_payment(self.browser, number)
        _, idop = idop_of(confirm)
        back = back_from_payfip(self.browser, SANDBOX.pay_card(idop, number=REFUSING_CARD))
        self.assertIn("Paiement refusé", back.visible_text())
        self.assertEqual(payments_for(idop), [])
        self.assertEqual(PORTAL.sql("SELECT state FROM invoice WHERE number = ?", number[0])[0][0], "unpaid")
        _, again = start_payment(self.browser, number)
        idop_of(again)

    def test_cancel_leaves_the_invoice_payable_at_once(self):
        number = payable(self.family, 1)
        _, confirm = start_payment(self.browser, number)
        _, idop = idop_of(confirm)
        back = back_from_payfip(self.browser, SANDBOX.cancel(idop))
        self.assertIn("Paiement abandonné", back.visible_text())
        self.assertEqual(payments_for(idop), [])
        _, again = start_payment(self.browser, number)
        idop_of(again)

    def test_direct_debit_payment(self):
        number = payable(self.family, 1)
        _, confirm = start_payment(self.browser, number)
        _, idop = idop_of(confirm)
        back = back_from_payfip(self.browser, SANDBOX.pay_debit(idop))
        self.assertIn("Paiement enregistré", back.visible_text())
        self.assertEqual(len(payments_for(idop)), 1)

    def test_lost_notification_settled_by_the_reconciler(self):
        SANDBOX.set(lose_notification="1")
        number = payable(self.family, 1)
        _, confirm = start_payment(self.browser, number)
        _, idop = idop_of(confirm)
        SANDBOX.pay_card(idop)          # the browser never comes back either
        self.assertTrue(wait_until(lambda: len(payments_for(idop)) == 1), "the reconciler did not settle")

    def test_delayed_and_duplicated_notifications_pay_once(self):
        SANDBOX.set(notify_delay="1500", duplicate_notification="1")
        number = payable(self.family, 1)
        _, confirm = start_payment(self.browser, number)
        _, idop = idop_of(confirm)
        back = back_from_payfip(self.browser, SANDBOX.pay_card(idop))
        # The return page asked PayFiP itself, before any notification arrived.
        self.assertIn("Paiement enregistré", back.visible_text())
        time.sleep(3)
        self.assertEqual(len(payments_for(idop)), 1)
        self.assertEqual(PORTAL.sql("SELECT count(*) FROM payment_allocation a JOIN invoice i ON i.id = a.invoice_id "
                                    "WHERE i.number = ?", number[0])[0][0], 1)

    def test_notification_with_idOp_casing(self):
        SANDBOX.set(notify_param="idOp", redirect_method="get")
        number = payable(self.family, 1)
        _, confirm = start_payment(self.browser, number)
        _, idop = idop_of(confirm)
        SANDBOX.pay_card(idop)
        # The notification alone settles it (no return visit).
        self.assertTrue(wait_until(lambda: len(payments_for(idop)) == 1, timeout=5))

    def test_payfip_down_locks_nothing(self):
        SANDBOX.set(tech_faults="always")
        number = payable(self.family, 1)
        before = PORTAL.snapshot("payment")
        _, confirm = start_payment(self.browser, number)
        self.assertEqual(confirm.status, 503)
        self.assertIn("Le service de paiement PayFiP ne répond pas", confirm.visible_text())
        self.assertEqual(before, PORTAL.snapshot("payment"))
        self.assertEqual(PORTAL.sql("SELECT count(*) FROM payfip_operation_invoice p JOIN invoice i "
                                    "ON i.id = p.invoice_id WHERE i.number = ? AND p.locked = 1", number[0])[0][0], 0)
        SANDBOX.reset()
        _, again = start_payment(self.browser, number)
        idop_of(again)

    def test_two_tabs_open_one_attempt(self):
        number = payable(self.family, 1)
        tabs = [Browser(PORTAL) for _ in range(3)]
        for tab in tabs:
            self.assertEqual(tab.login(email=self.email).status, 303)
        replies = [None] * len(tabs)

        def pay(i):
            replies[i] = start_payment(tabs[i], number)[1]

        threads = [threading.Thread(target=pay, args=(i,)) for i in range(len(tabs))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        statuses = sorted(r.status for r in replies)
        self.assertEqual(statuses.count(303), 1, statuses)
        refused = [r for r in replies if r.status != 303]
        self.assertTrue(all("en cours" in r.visible_text() for r in refused))
        self.assertEqual(PORTAL.sql("SELECT count(*) FROM payfip_operation_invoice p JOIN invoice i "
                                    "ON i.id = p.invoice_id WHERE i.number = ? AND p.locked = 1", number[0])[0][0], 1)


class Notifications(unittest.TestCase):
    def test_forged_notifications_change_nothing(self):
        before = PORTAL.snapshot("payment", "payfip_operation", "invoice")
        browser = Browser(PORTAL)
        for body in ({"idop": "00000000-0000-1000-8000-000000000000"}, {"idop": "pas-un-idop"},
                     {"IDOP": "'; DROP TABLE payment; --"}, {}):
            reply = browser.request("POST", "/paiement/notification", body=body)
            self.assertEqual(reply.status, 200)
        reply = browser.request("POST", "/paiement/notification?idop=00000000-0000-1000-8000-000000000001",
                                raw_body=b"", headers={"Content-Type": "text/plain"})
        self.assertEqual(reply.status, 200)
        time.sleep(1)
        self.assertEqual(before, PORTAL.snapshot("payment", "payfip_operation", "invoice"))

    def test_return_page_of_another_family(self):
        marie = Browser(PORTAL)
        marie.login()
        number = payable(family_of("marie.dupont@exemple.fr"), 1)
        _, confirm = start_payment(marie, number)
        _, idop = idop_of(confirm)
        pierre = Browser(PORTAL)
        pierre.login(email="pierre.martin@exemple.fr")
        reply = pierre.get("/paiement/retour?idop=" + idop)
        self.assertEqual(reply.status, 404)
        SANDBOX.cancel(idop)


class Settings(unittest.TestCase):
    def test_suspended_payments(self):
        browser = Browser(PORTAL)
        browser.login()
        PORTAL.sql("INSERT OR REPLACE INTO setting VALUES ('payments_suspended', '1')")
        try:
            page = browser.get("/factures/payer")
            self.assertIn("Le paiement en ligne est temporairement suspendu", page.visible_text())
            number = PORTAL.sql("SELECT number FROM invoice WHERE family_id = ? AND state = 'unpaid' "
                                "AND direct_debit = 0 LIMIT 1", family_of("marie.dupont@exemple.fr"))
            before = PORTAL.snapshot("payfip_operation")
            _, confirm = start_payment(browser, [number[0][0]])
            self.assertNotEqual(confirm.status, 303)
            self.assertIn("suspendu", confirm.visible_text())
            self.assertEqual(before, PORTAL.snapshot("payfip_operation"))
        finally:
            PORTAL.sql("INSERT OR REPLACE INTO setting VALUES ('payments_suspended', '0')")

    def test_direct_debit_and_treasury_invoices_are_never_payable(self):
        browser = Browser(PORTAL)
        browser.login()
        family = family_of("marie.dupont@exemple.fr")
        treasury = PORTAL.sql("SELECT number FROM invoice WHERE family_id = ? AND state = 'treasury' LIMIT 1", family)
        if not treasury:
            self.skipTest("no invoice in the Trésorerie")
        before = PORTAL.snapshot("payfip_operation")
        _, confirm = start_payment(browser, [treasury[0][0]])
        self.assertNotEqual(confirm.status, 303)
        self.assertIn("ne peut pas être réglée en ligne", confirm.visible_text())
        self.assertEqual(before, PORTAL.snapshot("payfip_operation"))


if __name__ == "__main__":
    main()
