#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The sandbox's payment page and what follows it: card, direct debit, cancel; the
notification to urlnotif; the return to urlredirect; the detail afterwards; single use of
an idOp, the 15 minutes, and the state file that survives a restart."""
import datetime
import os
import re
import sys
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(__file__))
from sandbox_harness import (  # noqa: E402
    ACCEPTING_CARD, ACCEPTING_CARD_2, ACCEPTING_IBAN, DETAIL_ORDER, OTHER_VALID_CARD,
    REFUSING_CARD, REFUSING_CARD_FUNDS, REFUSING_IBAN, Listener, Sandbox, main, paris_minute,
    temp_dir)


def setUpModule():
    global SANDBOX, LISTENER
    SANDBOX = Sandbox()
    LISTENER = Listener()


def tearDownModule():
    SANDBOX.stop()
    LISTENER.stop()


class PaymentTestCase(unittest.TestCase):
    def setUp(self):
        SANDBOX.reset()

    def new_operation(self, **overrides):
        fields = {
            "urlnotif": LISTENER.url + "/payfip/notification",
            "urlredirect": "http://portail.example.com/paiement/retour",
            "refdet": "X9900301010000001317",
            "montant": "24311",
            "mel": "marie.dupont@exemple.fr",
            "objet": "Facture 2026 0042",
        }
        fields.update(overrides)
        return SANDBOX.creer(**fields)

    def assertReturned(self, reply, idop, base="http://portail.example.com/paiement/retour"):
        """A 302 back to urlredirect with idop appended."""
        self.assertEqual(reply.status, 302, reply.visible_text())
        self.assertEqual(reply.header("Location"), base + "?idop=" + idop)

    def assertNotified(self, idop, count=1):
        """The portal's urlnotif got a form-encoded POST carrying only idop."""
        notifications = LISTENER.wait(idop, count)
        for notification in notifications:
            self.assertEqual(notification["path"], "/payfip/notification")
            self.assertEqual(notification["headers"]["content-type"],
                             "application/x-www-form-urlencoded")
            self.assertEqual(urllib.parse.parse_qs(notification["body"]), {"idop": [idop]})
        return notifications


class Page(PaymentTestCase):
    def test_page_shows_the_debt_and_the_choices(self):
        idop = self.new_operation()
        page = SANDBOX.open_page(idop)
        self.assertEqual(page.status, 200)
        text = page.visible_text()
        self.assertIn("Attention : il s'agit d'un paiement de test.", text)
        self.assertIn("Informations sur la dette", text)
        self.assertIn("Référence de la dette : X9900301010000001317", text)
        self.assertIn("Montant : 243,11 €", text)
        self.assertIn("Adresse électronique : marie.dupont@exemple.fr", text)
        self.assertIn("Choix du mode de paiement", text)
        self.assertIn("Payer par carte bancaire", text)
        self.assertIn("Payer par prélèvement", text)
        self.assertIn("Annuler", text)
        self.assertIn('lang="fr"', page.text)
        self.assertEqual(SANDBOX.operation(idop)["state"], "opened")

    def test_production_mode_has_no_test_warning(self):
        page = SANDBOX.open_page(self.new_operation(saisie="W"))
        self.assertNotIn("paiement de test", page.visible_text())

    def test_thousands_in_the_amount(self):
        page = SANDBOX.open_page(self.new_operation(montant="123456"))
        self.assertIn("Montant : 1 234,56 €", page.visible_text())

    def test_card_page_documents_the_test_cards(self):
        idop = self.new_operation()
        token = SANDBOX.start_payment(idop)
        page = SANDBOX.post_page(idop, token, "carte")
        self.assertEqual(page.status, 200)
        text = page.visible_text()
        for label in ("Montant de la transaction : 243,11 €", "Détails de la transaction",
                      "Référence de la transaction : " + idop,
                      "Référence commande : X9900301010000001317", "Informations de la carte",
                      "Numéro de carte", "Date d'expiration", "Cryptogramme visuel", "Valider",
                      "Cartes de test", ACCEPTING_CARD, ACCEPTING_CARD_2, REFUSING_CARD,
                      REFUSING_CARD_FUNDS, "Paiement accepté", "Paiement refusé"):
            self.assertIn(label, text)

    def test_debit_page_documents_the_test_accounts(self):
        idop = self.new_operation()
        token = SANDBOX.start_payment(idop)
        text = SANDBOX.post_page(idop, token, "prelevement").visible_text()
        for label in ("Mandat de prélèvement SEPA unique", "IBAN", "Titulaire du compte",
                      ACCEPTING_IBAN, REFUSING_IBAN, "Prélèvement accepté", "Prélèvement refusé"):
            self.assertIn(label, text)

    def test_values_are_escaped_in_the_page(self):
        page = SANDBOX.open_page(self.new_operation(mel="<b>x</b>@exemple.fr"))
        self.assertIn("&lt;b&gt;x&lt;/b&gt;@exemple.fr", page.text)
        self.assertIn("Adresse électronique : <b>x</b>@exemple.fr", page.visible_text())

    def test_unknown_or_missing_idop(self):
        self.assertEqual(SANDBOX.open_page("00000000-0000-1000-8000-000000000000").status, 404)
        self.assertEqual(SANDBOX.request("GET", "/tpa/paiementws.web").status, 400)

    def test_the_url_parameter_is_lower_case_idop(self):
        idop = self.new_operation()
        self.assertEqual(SANDBOX.open_page(idop, param="idOp").status, 400)
        self.assertEqual(SANDBOX.open_page(idop).status, 200)

    def test_a_form_without_the_page_token_is_refused(self):
        idop = self.new_operation()
        SANDBOX.start_payment(idop)
        self.assertEqual(SANDBOX.post_page(idop, "forged", "annuler").status, 403)
        self.assertEqual(SANDBOX.operation(idop)["state"], "opened")

    def test_a_form_for_an_unopened_idop_is_refused(self):
        idop = self.new_operation()
        self.assertEqual(SANDBOX.post_page(idop, "", "annuler").status, 403)
        self.assertEqual(SANDBOX.operation(idop)["state"], "created")

    def test_home_page(self):
        page = SANDBOX.request("GET", "/")
        self.assertEqual(page.status, 200)
        text = page.visible_text()
        self.assertIn("Bac à sable PayFiP", text)
        self.assertIn(ACCEPTING_CARD, text)
        self.assertIn("lose-notification", text)


class Card(PaymentTestCase):
    def test_accepting_card_pays_notifies_and_returns(self):
        idop = self.new_operation()
        before = datetime.datetime.now(datetime.timezone.utc)
        reply = SANDBOX.pay_card(idop)
        after = datetime.datetime.now(datetime.timezone.utc)
        self.assertReturned(reply, idop)
        # By default the portal is told before the payer comes back.
        self.assertEqual(len(LISTENER.received(idop)), 1)
        self.assertNotified(idop)

        detail = SANDBOX.detail(idop)
        self.assertEqual(detail.status, 200, detail.text)
        fields = dict(detail.fields())
        self.assertEqual([name for name, _ in detail.fields()], DETAIL_ORDER)
        self.assertEqual(fields["resultrans"], "P")
        self.assertEqual(fields["idOp"], idop)
        self.assertEqual(fields["montant"], "24311")
        self.assertEqual(fields["refdet"], "X9900301010000001317")
        self.assertEqual(fields["numcli"], "090909")
        self.assertEqual(fields["exer"], "2019")
        self.assertEqual(fields["mel"], "marie.dupont@exemple.fr")
        self.assertEqual(fields["objet"], "Facture 2026 0042")
        self.assertEqual(fields["saisie"], "T")
        self.assertRegex(fields["numauto"], r"^[0-9A-Z]{1,16}$")
        self.assertRegex(fields["dattrans"], r"^\d{8}$")
        self.assertRegex(fields["heurtrans"], r"^\d{4}$")
        self.assertIn((fields["dattrans"], fields["heurtrans"]),
                      {paris_minute(before), paris_minute(after)})

        operation = SANDBOX.operation(idop)
        self.assertEqual(operation["state"], "paid")
        self.assertEqual(operation["resultrans"], "P")
        self.assertEqual(operation["paid_amount"], 24311)
        self.assertEqual(operation["numauto"], fields["numauto"])
        self.assertEqual(operation["means"], "carte")
        self.assertEqual(operation["notifications"], 1)
        self.assertEqual(operation["notification_status"], 200)
        self.assertEqual(operation["detail_requests"], 1)

    def test_second_accepting_card(self):
        idop = self.new_operation()
        self.assertReturned(SANDBOX.pay_card(idop, number=ACCEPTING_CARD_2), idop)
        self.assertEqual(SANDBOX.detail(idop).field("resultrans"), "P")

    def test_refusing_card(self):
        idop = self.new_operation()
        self.assertReturned(SANDBOX.pay_card(idop, number=REFUSING_CARD), idop)
        self.assertNotified(idop)
        detail = SANDBOX.detail(idop)
        self.assertEqual(detail.field("resultrans"), "R")
        self.assertIsNone(detail.field("numauto"))
        operation = SANDBOX.operation(idop)
        self.assertEqual(operation["state"], "refused")
        self.assertEqual(operation["paid_amount"], 0)

    def test_insufficient_funds_and_unknown_cards_are_refused(self):
        for number in (REFUSING_CARD_FUNDS, OTHER_VALID_CARD):
            idop = self.new_operation()
            self.assertReturned(SANDBOX.pay_card(idop, number=number), idop)
            self.assertEqual(SANDBOX.detail(idop).field("resultrans"), "R", number)

    def test_a_mistyped_card_can_be_corrected(self):
        idop = self.new_operation()
        token = SANDBOX.start_payment(idop)
        page = SANDBOX.pay_card(idop, number="4111 1111 1111 1112", token=token)
        self.assertEqual(page.status, 200)
        self.assertIn("Le numéro de carte est invalide", page.visible_text())
        self.assertEqual(SANDBOX.operation(idop)["state"], "opened")
        self.assertEqual(LISTENER.received(idop), [])
        page = SANDBOX.pay_card(idop, token=token, year=str(datetime.date.today().year - 1))
        self.assertIn("La date d'expiration est dépassée", page.visible_text())
        page = SANDBOX.pay_card(idop, token=token, cvv="12")
        self.assertIn("Cryptogramme visuel", page.visible_text())
        self.assertReturned(SANDBOX.pay_card(idop, token=token), idop)
        self.assertEqual(SANDBOX.detail(idop).field("resultrans"), "P")

    def test_cancel_on_the_card_page(self):
        idop = self.new_operation()
        token = SANDBOX.start_payment(idop)
        SANDBOX.post_page(idop, token, "carte")
        self.assertReturned(SANDBOX.post_page(idop, token, "annuler"), idop)
        self.assertEqual(SANDBOX.detail(idop).field("resultrans"), "A")


class Cancel(PaymentTestCase):
    def test_annuler_abandons(self):
        idop = self.new_operation()
        self.assertReturned(SANDBOX.cancel(idop), idop)
        self.assertNotified(idop)
        detail = SANDBOX.detail(idop)
        self.assertEqual(detail.status, 200)
        self.assertEqual(detail.field("resultrans"), "A")
        self.assertIsNone(detail.field("numauto"))
        operation = SANDBOX.operation(idop)
        self.assertEqual(operation["state"], "abandoned")
        self.assertEqual(operation["paid_amount"], 0)


class DirectDebit(PaymentTestCase):
    def test_direct_debit_pays_v(self):
        idop = self.new_operation()
        self.assertReturned(SANDBOX.pay_debit(idop), idop)
        self.assertNotified(idop)
        detail = SANDBOX.detail(idop)
        self.assertEqual(detail.field("resultrans"), "V")
        # Like the eopayment fixture's 112233445566-tip.
        self.assertRegex(detail.field("numauto"), r"^\d{12}-tip$")
        operation = SANDBOX.operation(idop)
        self.assertEqual(operation["state"], "paid")
        self.assertEqual(operation["paid_amount"], 24311)
        self.assertEqual(operation["means"], "prelevement")

    def test_refused_direct_debit_is_z(self):
        idop = self.new_operation()
        self.assertReturned(SANDBOX.pay_debit(idop, iban=REFUSING_IBAN), idop)
        detail = SANDBOX.detail(idop)
        self.assertEqual(detail.field("resultrans"), "Z")
        self.assertIsNone(detail.field("numauto"))
        self.assertEqual(SANDBOX.operation(idop)["state"], "refused")

    def test_an_invalid_iban_can_be_corrected(self):
        idop = self.new_operation()
        token = SANDBOX.start_payment(idop)
        page = SANDBOX.pay_debit(idop, iban="FR76 3000 6000 0112 3456 7890 188", token=token)
        self.assertEqual(page.status, 200)
        self.assertIn("L'IBAN est invalide", page.visible_text())
        self.assertReturned(SANDBOX.pay_debit(idop, token=token), idop)

    def test_direct_debit_can_be_switched_off(self):
        SANDBOX.set(direct_debit=0)
        idop = self.new_operation()
        page = SANDBOX.open_page(idop)
        self.assertNotIn("prélèvement", page.visible_text())
        token = SANDBOX.token_of(page)
        self.assertEqual(SANDBOX.post_page(idop, token, "prelevement").status, 400)
        self.assertEqual(SANDBOX.post_page(idop, token, "valider-prelevement", titulaire="M",
                                           iban=ACCEPTING_IBAN, mandat="1").status, 400)
        self.assertEqual(SANDBOX.operation(idop)["state"], "opened")


class SingleUse(PaymentTestCase):
    def test_the_page_opens_once(self):
        idop = self.new_operation()
        token = SANDBOX.start_payment(idop)
        again = SANDBOX.open_page(idop)
        self.assertEqual(again.status, 409)
        self.assertIn("déjà été utilisée", again.visible_text())
        # The first opening goes on.
        self.assertReturned(SANDBOX.pay_card(idop, token=token), idop)

    def test_idop_reuse_after_payment_is_refused(self):
        idop = self.new_operation()
        token = SANDBOX.start_payment(idop)
        self.assertReturned(SANDBOX.pay_card(idop, token=token), idop)
        LISTENER.wait(idop)
        numauto = SANDBOX.detail(idop).field("numauto")

        self.assertEqual(SANDBOX.open_page(idop).status, 409)
        self.assertEqual(SANDBOX.pay_card(idop, token=token).status, 409)
        self.assertEqual(SANDBOX.post_page(idop, token, "valider-carte", numero=REFUSING_CARD,
                                           mois="12", annee="2099", cryptogramme="123").status,
                         409)
        self.assertEqual(SANDBOX.post_page(idop, token, "annuler").status, 409)
        detail = SANDBOX.detail(idop)
        self.assertEqual(detail.field("resultrans"), "P")
        self.assertEqual(detail.field("numauto"), numauto)
        self.assertEqual(SANDBOX.operation(idop)["notifications"], 1)
        self.assertEqual(len(LISTENER.received(idop)), 1)

    def test_reuse_after_refusal_is_refused_too(self):
        idop = self.new_operation()
        token = SANDBOX.start_payment(idop)
        SANDBOX.pay_card(idop, number=REFUSING_CARD, token=token)
        self.assertEqual(SANDBOX.pay_card(idop, token=token).status, 409)
        self.assertEqual(SANDBOX.detail(idop).field("resultrans"), "R")


class FifteenMinutes(PaymentTestCase):
    def test_fresh_idop_is_p5_then_p1_after_fifteen_minutes(self):
        idop = self.new_operation()
        self.assertEqual(SANDBOX.detail(idop).fault_code, "P5")
        SANDBOX.age(idop, 14 * 60)
        self.assertEqual(SANDBOX.detail(idop).fault_code, "P5")
        SANDBOX.age(idop, 61 + 60)
        self.assertEqual(SANDBOX.detail(idop).fault_code, "P1")
        self.assertEqual(SANDBOX.operation(idop)["state"], "expired")

    def test_page_does_not_open_after_fifteen_minutes(self):
        idop = self.new_operation()
        SANDBOX.age(idop, 15 * 60 + 1)
        page = SANDBOX.open_page(idop)
        self.assertEqual(page.status, 410)
        self.assertIn("15 minutes", page.visible_text())

    def test_abandoned_page_expires(self):
        idop = self.new_operation()
        token = SANDBOX.start_payment(idop)
        SANDBOX.age(idop, 16 * 60)
        self.assertEqual(SANDBOX.pay_card(idop, token=token).status, 410)
        self.assertEqual(SANDBOX.detail(idop).fault_code, "P1")
        self.assertEqual(LISTENER.received(idop), [])

    def test_a_result_outlives_the_fifteen_minutes(self):
        idop = self.new_operation()
        SANDBOX.pay_card(idop)
        SANDBOX.age(idop, 30 * 24 * 3600)
        detail = SANDBOX.detail(idop)
        self.assertEqual(detail.status, 200)
        self.assertEqual(detail.field("resultrans"), "P")

    def test_the_clock_can_be_moved(self):
        idop = self.new_operation()
        config = SANDBOX.set(advance_clock=20 * 60)
        self.assertEqual(config["clock-offset"], 1200)
        self.assertEqual(SANDBOX.detail(idop).fault_code, "P1")
        # A new idOp is new on the moved clock too.
        fresh = self.new_operation()
        self.assertEqual(SANDBOX.detail(fresh).fault_code, "P5")
        SANDBOX.reset()
        self.assertEqual(SANDBOX.detail(idop).fault_code, "P5")


class Return(PaymentTestCase):
    def test_idop_is_appended_to_a_query(self):
        idop = self.new_operation(urlredirect="http://portail.example.com/retour?facture=42")
        reply = SANDBOX.cancel(idop)
        self.assertEqual(reply.header("Location"),
                         "http://portail.example.com/retour?facture=42&idop=" + idop)

    def test_return_by_post(self):
        SANDBOX.set(redirect_method="post")
        idop = self.new_operation()
        reply = SANDBOX.pay_card(idop)
        self.assertEqual(reply.status, 200)
        self.assertIn('action="http://portail.example.com/paiement/retour"', reply.text)
        self.assertRegex(reply.text, r'name="idop" value="%s"' % re.escape(idop))
        self.assertIn(".submit()", reply.text)
        self.assertNotified(idop)


class Operations(PaymentTestCase):
    def test_filters(self):
        first = self.new_operation(refdet="FILTRE000001")
        second = self.new_operation(refdet="FILTRE000001")
        self.new_operation(refdet="FILTRE000002")
        found = SANDBOX.operations(refdet="FILTRE000001")
        self.assertEqual([op["idop"] for op in found], [first, second])
        self.assertEqual(SANDBOX.operations(refdet="FILTRE000001", idop=second)[0]["idop"], second)
        self.assertEqual(SANDBOX.operations(numcli="999999"), [])

    def test_age_of_an_unknown_operation(self):
        reply = SANDBOX.request("POST", "/_sandbox/age", form={"idop": "x", "seconds": "1"})
        self.assertEqual(reply.status, 404)


class Restart(unittest.TestCase):
    def test_state_file_survives_a_restart(self):
        state = os.path.join(temp_dir(), "sandbox.json")
        sandbox = Sandbox(state=state)
        try:
            paid = sandbox.creer(urlnotif=LISTENER.url + "/notif")
            waiting = sandbox.creer(urlnotif=LISTENER.url + "/notif", refdet="ATTENTE01")
            opened = sandbox.creer(urlnotif=LISTENER.url + "/notif", refdet="OUVERTE01")
            sandbox.pay_card(paid)
            token = sandbox.start_payment(opened)
            numauto = sandbox.detail(paid).field("numauto")
            before = sandbox.operations()
        finally:
            sandbox.stop()
        self.assertTrue(os.path.exists(state))

        sandbox = Sandbox(state=state)
        try:
            self.assertEqual(sandbox.operations(), before)
            detail = sandbox.detail(paid)
            self.assertEqual(detail.field("resultrans"), "P")
            self.assertEqual(detail.field("numauto"), numauto)
            self.assertEqual(sandbox.detail(waiting).fault_code, "P5")
            self.assertEqual(sandbox.open_page(paid).status, 409)
            # A payment page opened before the restart goes on after it.
            self.assertEqual(sandbox.pay_card(opened, token=token).status, 302)
            self.assertEqual(sandbox.detail(opened).field("resultrans"), "P")
            # New idOps never collide with the old ones.
            self.assertNotIn(sandbox.creer(), [op["idop"] for op in before])
            self.assertEqual(len(sandbox.operations()), 4)
        finally:
            sandbox.stop()

    def test_a_broken_state_file_is_refused(self):
        state = os.path.join(temp_dir(), "sandbox.json")
        with open(state, "w") as handle:
            handle.write('{"operations": 3}')
        with self.assertRaises(RuntimeError):
            Sandbox(state=state)


if __name__ == "__main__":
    main()
