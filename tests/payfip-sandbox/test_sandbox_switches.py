#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The sandbox's misbehaviour switches, set at run time through POST /_sandbox/config and
on the command line: lost, delayed, duplicated notifications, idOp instead of idop,
technical faults (always or the next N calls), a slow SOAP endpoint."""
import os
import sys
import time
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(__file__))
from sandbox_harness import (  # noqa: E402
    EXCEPTIONS, PAYFIP_NS, SAMPLE_CREER, UUID_V1, Listener, Sandbox, main)


def setUpModule():
    global SANDBOX, LISTENER
    SANDBOX = Sandbox()
    LISTENER = Listener()


def tearDownModule():
    SANDBOX.stop()
    LISTENER.stop()


class SwitchTestCase(unittest.TestCase):
    def setUp(self):
        SANDBOX.reset()

    def new_operation(self, listener=None):
        return SANDBOX.creer(urlnotif=(listener or LISTENER).url + "/notif",
                             urlredirect="http://portail.example.com/retour")

    def assertTechFault(self, reply, element="TechDysfonctionnementErreur"):
        self.assertEqual(reply.status, 500, reply.text)
        self.assertTrue(reply.is_fault)
        self.assertEqual(reply.fault_child("faultcode"), "S:Server")
        self.assertEqual(reply.fault_child("faultstring"), EXCEPTIONS + element)
        self.assertEqual(reply.fault_detail.tag, "{%s}%s" % (PAYFIP_NS, element))
        self.assertEqual(reply.fault_code, "999")


class Notification(SwitchTestCase):
    def test_lost(self):
        SANDBOX.set(lose_notification=1)
        idop = self.new_operation()
        reply = SANDBOX.pay_card(idop)
        self.assertEqual(reply.status, 302)
        time.sleep(1.0)
        self.assertEqual(LISTENER.received(idop), [])
        self.assertEqual(SANDBOX.operation(idop)["notifications"], 0)
        # The outcome is there for whoever asks.
        self.assertEqual(SANDBOX.detail(idop).field("resultrans"), "P")

    def test_delayed_after_the_redirect(self):
        SANDBOX.set(notify_delay=1500)
        idop = self.new_operation()
        reply = SANDBOX.pay_card(idop)
        redirected = time.monotonic()
        self.assertEqual(reply.status, 302)
        self.assertLess(reply.elapsed, 1.0)
        self.assertEqual(LISTENER.received(idop), [])
        notification = LISTENER.wait(idop, timeout=10)[0]
        self.assertGreaterEqual(notification["time"] - redirected, 1.2)
        self.assertEqual(urllib.parse.parse_qs(notification["body"]), {"idop": [idop]})

    def test_duplicated(self):
        SANDBOX.set(duplicate_notification=1)
        idop = self.new_operation()
        self.assertEqual(SANDBOX.pay_card(idop).status, 302)
        notifications = LISTENER.wait(idop, count=2)
        self.assertEqual(len(notifications), 2)
        for notification in notifications:
            self.assertEqual(urllib.parse.parse_qs(notification["body"]), {"idop": [idop]})
        self.assertEqual(SANDBOX.operation(idop)["notifications"], 2)

    def test_duplicated_and_delayed(self):
        SANDBOX.set(duplicate_notification=1, notify_delay=300)
        idop = self.new_operation()
        self.assertEqual(SANDBOX.cancel(idop).status, 302)
        self.assertEqual(len(LISTENER.wait(idop, count=2)), 2)

    def test_idop_casing(self):
        SANDBOX.set(notify_param="idOp")
        idop = self.new_operation()
        self.assertEqual(SANDBOX.pay_card(idop).status, 302)
        notification = LISTENER.wait(idop)[0]
        self.assertEqual(notification["body"], "idOp=" + idop)
        self.assertEqual(notification["headers"]["content-type"],
                         "application/x-www-form-urlencoded")

    def test_default_is_lower_case_idop(self):
        idop = self.new_operation()
        SANDBOX.pay_card(idop)
        self.assertEqual(LISTENER.wait(idop)[0]["body"], "idop=" + idop)

    def test_portal_error_is_recorded_and_the_payer_still_returns(self):
        failing = Listener(status=500)
        try:
            idop = self.new_operation(failing)
            reply = SANDBOX.pay_card(idop)
            self.assertEqual(reply.status, 302)
            failing.wait(idop)
            self.assertEqual(SANDBOX.operation(idop)["notification_status"], 500)
            self.assertEqual(SANDBOX.operation(idop)["notifications"], 1)
        finally:
            failing.stop()

    def test_unreachable_urlnotif(self):
        closed = Listener()
        url = closed.url
        closed.stop()
        idop = SANDBOX.creer(urlnotif=url + "/notif")
        reply = SANDBOX.pay_card(idop)
        self.assertEqual(reply.status, 302)
        operation = SANDBOX.operation(idop)
        self.assertEqual(operation["notifications"], 1)
        self.assertEqual(operation["notification_status"], 0)


class TechnicalFaults(SwitchTestCase):
    def test_always(self):
        SANDBOX.set(tech_faults="always")
        for _ in range(3):
            self.assertTechFault(SANDBOX.creer_reply())
        idop_count = len(SANDBOX.operations())
        self.assertTechFault(SANDBOX.detail_client("090909"))
        SANDBOX.set(tech_faults="off")
        self.assertRegex(SANDBOX.creer(), UUID_V1)
        self.assertEqual(len(SANDBOX.operations()), idop_count + 1)

    def test_next_n_calls(self):
        SANDBOX.set(tech_faults=2)
        self.assertTechFault(SANDBOX.creer_reply())
        self.assertTechFault(SANDBOX.creer_reply())
        self.assertRegex(SANDBOX.creer(), UUID_V1)
        self.assertEqual(SANDBOX.request("GET", "/_sandbox/config").json()["tech-faults"], "off")

    def test_only_some_operations(self):
        idop = SANDBOX.creer()
        SANDBOX.set(tech_faults="always", tech_fault_operations="detail")
        self.assertRegex(SANDBOX.creer(), UUID_V1)
        self.assertTechFault(SANDBOX.detail(idop))
        self.assertEqual(SANDBOX.detail_client("090909").status, 200)

    def test_fault_types(self):
        for name, element in (("indisponibilite", "TechIndisponibiliteErreur"),
                              ("protocolaire", "TechProtocolaireErreur"),
                              ("dysfonctionnement", "TechDysfonctionnementErreur")):
            SANDBOX.set(tech_faults=1, tech_fault_type=name)
            self.assertTechFault(SANDBOX.creer_reply(), element)

    def test_http_503(self):
        SANDBOX.set(tech_faults=1, tech_fault_type="http-503")
        reply = SANDBOX.soap_raw(SAMPLE_CREER)
        self.assertEqual(reply.status, 503)
        self.assertTrue(reply.header("Content-Type").startswith("text/html"))
        self.assertRegex(SANDBOX.creer(), UUID_V1)

    def test_slow_soap(self):
        SANDBOX.set(soap_delay=700)
        reply = SANDBOX.creer_reply()
        self.assertEqual(reply.status, 200)
        self.assertGreaterEqual(reply.elapsed, 0.6)
        SANDBOX.set(soap_delay=0)
        self.assertLess(SANDBOX.creer_reply().elapsed, 0.5)


class Control(SwitchTestCase):
    def test_config_answers_the_switches(self):
        config = SANDBOX.set(lose_notification=1, notify_delay=250, notify_param="idOp")
        self.assertTrue(config["lose-notification"])
        self.assertEqual(config["notify-delay"], 250)
        self.assertEqual(config["notify-param"], "idOp")
        self.assertEqual(SANDBOX.request("GET", "/_sandbox/config").json(), config)

    def test_bad_values_change_nothing(self):
        before = SANDBOX.request("GET", "/_sandbox/config").json()
        for fields in ({"notify_delay": "soon"}, {"notify_param": "IDOP"},
                       {"tech_faults": "sometimes"}, {"tech_fault_type": "panne"},
                       {"numcli": "12345"}, {"lose_notification": "peut-être"},
                       {"no_such_switch": "1"},
                       {"lose_notification": "1", "redirect_method": "put"}):
            reply = SANDBOX.config(**fields)
            self.assertEqual(reply.status, 400, fields)
            self.assertIn("error", reply.json())
        self.assertEqual(SANDBOX.request("GET", "/_sandbox/config").json(), before)

    def test_reset(self):
        SANDBOX.set(duplicate_notification=1, tech_faults="always", clock_offset=-60)
        config = SANDBOX.reset()
        self.assertFalse(config["duplicate-notification"])
        self.assertEqual(config["tech-faults"], "off")
        self.assertEqual(config["clock-offset"], 0)
        self.assertRegex(SANDBOX.creer(), UUID_V1)


class CommandLine(unittest.TestCase):
    def test_switches_on_the_command_line(self):
        listener = Listener()
        sandbox = Sandbox("--notify-param", "idOp", "--duplicate-notification", "--notify-delay",
                          "100", "--no-direct-debit", "--tech-faults", "1",
                          "--tech-fault-operations", "creer", "--numcli", "090909",
                          "--max-amount", "500000", "--redirect-method", "post")
        try:
            config = sandbox.request("GET", "/_sandbox/config").json()
            self.assertEqual(config["notify-param"], "idOp")
            self.assertTrue(config["duplicate-notification"])
            self.assertEqual(config["notify-delay"], 100)
            self.assertFalse(config["direct-debit"])
            self.assertEqual(config["tech-faults"], 1)
            self.assertEqual(config["tech-fault-operations"], "creer")
            self.assertEqual(config["numcli"], ["090909"])
            self.assertEqual(config["max-amount"], 500000)
            self.assertEqual(config["redirect-method"], "post")

            self.assertEqual(sandbox.creer_reply().status, 500)
            idop = sandbox.creer(urlnotif=listener.url + "/notif")
            page = sandbox.open_page(idop)
            self.assertNotIn("prélèvement", page.visible_text())
            self.assertEqual(sandbox.pay_card(idop, token=sandbox.token_of(page)).status, 200)
            notifications = listener.wait(idop, count=2)
            self.assertEqual([n["body"] for n in notifications], ["idOp=" + idop] * 2)

            # Run-time changes, then back to the command line's switches.
            sandbox.set(notify_param="idop", tech_faults="always")
            config = sandbox.reset()
            self.assertEqual(config["notify-param"], "idOp")
            self.assertEqual(config["tech-faults"], 1)
        finally:
            sandbox.stop()
            listener.stop()

    def test_clock_offset_on_the_command_line(self):
        sandbox = Sandbox("--clock-offset", "3600")
        try:
            self.assertEqual(sandbox.request("GET", "/_sandbox/config").json()["clock-offset"],
                             3600)
        finally:
            sandbox.stop()

    def test_bad_switch_is_refused(self):
        with self.assertRaises(RuntimeError):
            Sandbox("--notify-delay", "bientôt")


if __name__ == "__main__":
    main()
