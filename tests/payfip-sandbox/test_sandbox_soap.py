#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The sandbox's SOAP endpoint against the sample messages and vectors of payfip.md:
creerPaiementSecurise, recupererDetailPaiementSecurise, recupererDetailClient, the
functional faults of every invalid request, and what the SOAP stack itself refuses."""
import datetime
import os
import sys
import unittest
import uuid
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(__file__))
from sandbox_harness import (  # noqa: E402
    CREER_FIELDS, CREER_ORDER, DETAIL_ORDER, EXCEPTIONS, PAYFIP_NS, SAMPLE_CREER, SAMPLE_DETAIL,
    SOAP12_NS, SOAP_NS, UUID_V1, Sandbox, creer_envelope, envelope, main, uuid_time)


def setUpModule():
    global SANDBOX
    SANDBOX = Sandbox()


def tearDownModule():
    SANDBOX.stop()


class SoapTestCase(unittest.TestCase):
    def setUp(self):
        SANDBOX.reset()

    def assertFunctionalFault(self, reply, code):
        """The fault of payfip.md §5.5: HTTP 500, S:Server, FonctionnelleErreur in the service
        namespace with unqualified code, descriptif, libelle, message, severite."""
        self.assertEqual(reply.status, 500, reply.text)
        self.assertTrue(reply.is_fault, reply.text)
        self.assertEqual(reply.fault_child("faultcode"), "S:Server")
        self.assertEqual(reply.fault_child("faultstring"), EXCEPTIONS + "FonctionnelleErreur")
        detail = reply.fault_detail
        self.assertEqual(detail.tag, "{%s}FonctionnelleErreur" % PAYFIP_NS)
        self.assertEqual([child.tag for child in detail],
                         ["code", "descriptif", "libelle", "message", "severite"])
        self.assertEqual(detail.find("code").text, code, reply.text)
        self.assertTrue(detail.find("libelle").text)
        int(detail.find("severite").text)


class Creer(SoapTestCase):
    def test_sample_request_gets_an_idop(self):
        before = datetime.datetime.now(datetime.timezone.utc)
        reply = SANDBOX.soap(SAMPLE_CREER)
        self.assertEqual(reply.status, 200, reply.text)
        self.assertTrue(reply.header("Content-Type").startswith("text/xml"))
        # §5.2: S:Envelope/S:Body/ns2:creerPaiementSecuriseResponse/return/idOp, the wrapper
        # in the service namespace, return and idOp unqualified.
        self.assertEqual(reply.root.tag, "{%s}Envelope" % SOAP_NS)
        self.assertEqual(reply.payload.tag, "{%s}creerPaiementSecuriseResponse" % PAYFIP_NS)
        self.assertEqual([child.tag for child in reply.payload], ["return"])
        self.assertEqual([name for name, _ in reply.fields()], ["idOp"])
        idop = reply.field("idOp")
        self.assertEqual(len(idop), 36)
        self.assertRegex(idop, UUID_V1)
        # A time-based UUID whose time is now.
        created = uuid_time(idop)
        self.assertLess(abs((created - before).total_seconds()), 60)
        # Odoo reads './/return' and './/idOp' without namespaces: the literal shape.
        self.assertIn(b"<return><idOp>" + idop.encode() + b"</idOp></return>", reply.body)
        self.assertIn(('xmlns:ns2="%s"' % PAYFIP_NS).encode(), reply.body)

    def test_operation_records_what_was_sent(self):
        idop = SANDBOX.creer()
        operation = SANDBOX.operation(idop)
        for name in ("exer", "mel", "numcli", "objet", "refdet", "saisie", "urlnotif",
                     "urlredirect"):
            self.assertEqual(operation[name], CREER_FIELDS[name], name)
        self.assertEqual(operation["montant"], 1000)
        self.assertEqual(operation["state"], "created")
        self.assertIsNone(operation["resultrans"])
        self.assertEqual(operation["paid_amount"], 0)

    def test_every_attempt_gets_a_new_idop(self):
        idops = [SANDBOX.creer() for _ in range(10)]
        self.assertEqual(len(set(idops)), 10)
        for idop in idops:
            self.assertRegex(idop, UUID_V1)

    def test_field_order_does_not_matter(self):
        reply = SANDBOX.soap(creer_envelope(CREER_FIELDS, order=list(reversed(CREER_ORDER))))
        self.assertEqual(reply.status, 200, reply.text)

    def test_objet_is_optional(self):
        idop = SANDBOX.creer(objet=None)
        self.assertIsNone(SANDBOX.operation(idop)["objet"])

    def test_other_envelope_prefixes_are_accepted(self):
        xml = ('<soap:Envelope xmlns:soap="%s"><soap:Body><p:creerPaiementSecurise xmlns:p="%s">'
               '<arg0>%s</arg0></p:creerPaiementSecurise></soap:Body></soap:Envelope>'
               % (SOAP_NS, PAYFIP_NS, "".join("<%s>%s</%s>" % (k, v, k)
                                              for k, v in CREER_FIELDS.items())))
        self.assertEqual(SANDBOX.soap(xml).status, 200)

    def test_values_are_escaped_both_ways(self):
        mel = "a&b'c@example.com"
        idop = SANDBOX.creer(mel=mel)
        self.assertEqual(SANDBOX.operation(idop)["mel"], mel)


class Vectors(SoapTestCase):
    """payfip.md §10.2: eopayment's fixtures recorded from the live service."""

    def test_refdet_abcd_gives_r3(self):
        self.assertFunctionalFault(SANDBOX.creer_reply(refdet="ABCD"), "R3")

    def test_refdet_abcdef_is_accepted(self):
        self.assertRegex(SANDBOX.creer(refdet="ABCDEF"), UUID_V1)

    def test_bad_mel_with_huge_amount_gives_a2(self):
        reply = SANDBOX.creer_reply(refdet="ABCDEF", montant="9990000001",
                                    mel="john.doeexample.com")
        self.assertFunctionalFault(reply, "A2")

    def test_p5_libelle(self):
        # §10.3: the P5 libelle of the DGFiP guide.
        reply = SANDBOX.detail(SANDBOX.creer())
        self.assertFunctionalFault(reply, "P5")
        self.assertEqual(reply.fault_detail.find("libelle").text,
                         "Résultat de la transaction non connu.")


class InvalidRequests(SoapTestCase):
    # (field, value, code): value None leaves the field out.
    CASES = [
        ("numcli", "12345", "T1"),
        ("numcli", "1234567", "T1"),
        ("numcli", "ABCDEF", "T1"),
        ("numcli", None, "T1"),
        ("montant", "10,00", "M1"),
        ("montant", "10.00", "M1"),
        ("montant", "-1000", "M1"),
        ("montant", " 1000", "M1"),
        ("montant", "", "M1"),
        ("montant", None, "M1"),
        ("montant", "123456789012", "M1"),
        ("montant", "99", "M3"),
        ("montant", "0", "M3"),
        ("montant", "10000000", "M5"),
        ("refdet", "ABCDE", "R3"),
        ("refdet", "A" * 31, "R3"),
        ("refdet", "ABC-DEF", "R3"),
        ("refdet", "ABCDÉF", "R3"),
        ("refdet", None, "R3"),
        ("mel", None, "A1"),
        ("mel", "", "A1"),
        ("mel", "a@b.c", "A2"),
        ("mel", "john doe@example.com", "A2"),
        ("mel", "x" * 75 + "@example.com", "A2"),
        ("saisie", "A", "S1"),
        ("saisie", "t", "S1"),
        ("saisie", None, "S1"),
        ("urlnotif", "ftp://notif.example.com/", "N1"),
        ("urlnotif", "/relative/notif", "N1"),
        ("urlnotif", "https://example.com/" + "n" * 240, "N1"),
        ("urlnotif", None, "N1"),
        ("urlredirect", "pas une adresse", "D1"),
        ("urlredirect", None, "D1"),
        ("exer", "19", "E1"),
        ("exer", None, "E1"),
        ("objet", "Facture d'école", "O1"),
        ("objet", "x" * 101, "O1"),
    ]

    def test_each_invalid_field_gets_its_functional_fault(self):
        wrong = []
        for field, value, code in self.CASES:
            reply = SANDBOX.creer_reply(**{field: value})
            got = reply.fault_code if reply.is_fault else "idOp %s" % reply.field("idOp")
            if reply.status != 500 or got != code:
                wrong.append("%s=%r: wanted %s, got HTTP %d %s" % (field, value, code,
                                                                   reply.status, got))
        self.assertEqual(wrong, [])

    def test_invalid_requests_create_nothing(self):
        count = len(SANDBOX.operations())
        for field, value, code in self.CASES[:10]:
            SANDBOX.creer_reply(**{field: value})
        self.assertEqual(len(SANDBOX.operations()), count)

    def test_fault_shape_for_a_missing_field(self):
        self.assertFunctionalFault(SANDBOX.creer_reply(mel=None), "A1")

    def test_first_failure_wins_in_xsd_order(self):
        # mel comes before montant, which comes before numcli, then refdet.
        reply = SANDBOX.creer_reply(mel="bad", montant="1", numcli="1", refdet="X")
        self.assertFunctionalFault(reply, "A2")
        reply = SANDBOX.creer_reply(montant="1", numcli="1", refdet="X")
        self.assertFunctionalFault(reply, "M3")
        reply = SANDBOX.creer_reply(numcli="1", refdet="X")
        self.assertFunctionalFault(reply, "T1")

    def test_missing_arg0_is_a_request_without_fields(self):
        reply = SANDBOX.soap(envelope("<pai:creerPaiementSecurise/>"))
        self.assertFunctionalFault(reply, "E1")

    def test_qualified_fields_are_ignored(self):
        # Fields must be unqualified; JAXB skips the others, so this request has no field.
        inner = "".join("<pai:%s>%s</pai:%s>" % (k, v, k) for k, v in CREER_FIELDS.items())
        reply = SANDBOX.soap(envelope("<pai:creerPaiementSecurise><arg0>%s</arg0>"
                                      "</pai:creerPaiementSecurise>" % inner))
        self.assertFunctionalFault(reply, "E1")

    def test_max_amount_is_a_setting(self):
        SANDBOX.set(max_amount=5000)
        self.assertFunctionalFault(SANDBOX.creer_reply(montant="5001"), "M5")
        self.assertRegex(SANDBOX.creer(montant="5000"), UUID_V1)

    def test_known_numcli_list(self):
        SANDBOX.set(numcli="090909", numcli_without_ws="123123")
        self.assertRegex(SANDBOX.creer(numcli="090909"), UUID_V1)
        self.assertFunctionalFault(SANDBOX.creer_reply(numcli="006270"), "T2")
        self.assertFunctionalFault(SANDBOX.creer_reply(numcli="123123"), "T4")


class Envelope(SoapTestCase):
    """What the SOAP stack refuses before PayFiP's code runs."""

    def assertClientFault(self, reply, faultcode="S:Client", contains=""):
        self.assertEqual(reply.status, 500, reply.text)
        self.assertTrue(reply.is_fault)
        self.assertEqual(reply.fault_child("faultcode"), faultcode)
        self.assertIn(contains, reply.fault_child("faultstring"))
        self.assertIsNone(reply.fault_detail)

    def test_malformed_xml(self):
        self.assertClientFault(SANDBOX.soap("<soapenv:Envelope xmlns:soapenv='%s'><soapenv:Body>"
                                            "<unclosed></soapenv:Body>" % SOAP_NS),
                               contains="XML reader error")

    def test_not_xml_at_all(self):
        self.assertClientFault(SANDBOX.soap("numcli=090909&montant=1000"),
                               contains="XML reader error")

    def test_empty_body(self):
        self.assertClientFault(SANDBOX.soap(""), contains="XML reader error")

    def test_document_type_declaration_is_refused(self):
        xml = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
               + envelope("<pai:recupererDetailClient><arg0><numCli>&xxe;</numCli></arg0>"
                          "</pai:recupererDetailClient>"))
        reply = SANDBOX.soap(xml)
        self.assertClientFault(reply)
        self.assertNotIn(b"root:", reply.body)

    def test_wrapper_outside_the_service_namespace(self):
        body = "".join("<%s>%s</%s>" % (k, v, k) for k, v in CREER_FIELDS.items())
        reply = SANDBOX.soap(envelope("<creerPaiementSecurise><arg0>%s</arg0>"
                                      "</creerPaiementSecurise>" % body))
        self.assertClientFault(
            reply, contains="Cannot find dispatch method for {}creerPaiementSecurise")

    def test_unknown_operation(self):
        reply = SANDBOX.soap(envelope("<pai:payerSansPayer/>"))
        self.assertClientFault(reply, contains="payerSansPayer")

    def test_soap_1_2_envelope(self):
        reply = SANDBOX.soap(envelope("<pai:recupererDetailClient/>", soap_ns=SOAP12_NS))
        self.assertEqual(reply.status, 500)
        self.assertEqual(reply.fault_child("faultcode"), "S:VersionMismatch")

    def test_wrong_content_type(self):
        reply = SANDBOX.soap_raw(SAMPLE_CREER, content_type="application/soap+xml")
        self.assertEqual(reply.status, 415)
        reply = SANDBOX.soap_raw(SAMPLE_CREER, content_type="application/x-www-form-urlencoded")
        self.assertEqual(reply.status, 415)

    def test_get_without_wsdl_is_no_soap_call(self):
        reply = SANDBOX.request("GET", "/tpa/services/securite")
        self.assertEqual(reply.status, 200)
        self.assertIn("SOAP", reply.text)
        self.assertEqual(SANDBOX.request("PUT", "/tpa/services/securite").status, 405)

    def test_wsdl(self):
        reply = SANDBOX.request("GET", "/tpa/services/securite?wsdl")
        self.assertEqual(reply.status, 200)
        root = ET.fromstring(reply.body)
        wsdl = "http://schemas.xmlsoap.org/wsdl/"
        self.assertEqual(root.tag, "{%s}definitions" % wsdl)
        self.assertEqual(root.get("targetNamespace"), PAYFIP_NS)
        operations = [op.get("name") for op in root.find("{%s}portType" % wsdl)]
        self.assertEqual(operations, ["creerPaiementSecurise", "recupererDetailPaiementSecurise",
                                      "recupererDetailClient"])
        address = root.find(".//{http://schemas.xmlsoap.org/wsdl/soap/}address")
        self.assertEqual(address.get("location"), SANDBOX.soap_url)
        for operation in root.iter("{http://schemas.xmlsoap.org/wsdl/soap/}operation"):
            self.assertEqual(operation.get("soapAction"), "")


class Detail(SoapTestCase):
    def test_sample_request_of_a_fresh_idop_gets_p5(self):
        idop = SANDBOX.creer()
        self.assertFunctionalFault(SANDBOX.soap(SAMPLE_DETAIL % idop), "P5")
        self.assertEqual(SANDBOX.operation(idop)["detail_requests"], 1)

    def test_unknown_idop_gets_p1(self):
        self.assertFunctionalFault(SANDBOX.detail(str(uuid.uuid1())), "P1")
        self.assertFunctionalFault(SANDBOX.detail("not-an-idop"), "P1")
        self.assertFunctionalFault(SANDBOX.detail(""), "P1")

    def test_lower_case_idop_element_gets_p1(self):
        # payfip.md §5: one client reports that <idop> gets P1 on the real server.
        idop = SANDBOX.creer()
        self.assertFunctionalFault(SANDBOX.detail(idop, element="idop"), "P1")
        self.assertFunctionalFault(SANDBOX.detail(idop), "P5")

    def test_missing_arg0_gets_p1(self):
        self.assertFunctionalFault(SANDBOX.soap(envelope("<pai:recupererDetailPaiementSecurise/>")),
                                   "P1")

    def test_paid_detail_is_in_xsd_order(self):
        idop = SANDBOX.creer()
        self.assertEqual(SANDBOX.pay_card(idop).status, 302)
        reply = SANDBOX.soap(SAMPLE_DETAIL % idop)
        self.assertEqual(reply.status, 200, reply.text)
        self.assertEqual(reply.payload.tag,
                         "{%s}recupererDetailPaiementSecuriseResponse" % PAYFIP_NS)
        self.assertEqual([name for name, _ in reply.fields()], DETAIL_ORDER)

    def test_refused_detail_has_no_numauto(self):
        idop = SANDBOX.creer()
        self.assertEqual(SANDBOX.pay_card(idop, number="4000000000000002").status, 302)
        reply = SANDBOX.detail(idop)
        self.assertEqual([name for name, _ in reply.fields()],
                         [name for name in DETAIL_ORDER if name != "numauto"])
        self.assertEqual(reply.field("resultrans"), "R")


class DetailClient(SoapTestCase):
    def test_known_numcli(self):
        reply = SANDBOX.detail_client("090909")
        self.assertEqual(reply.status, 200, reply.text)
        self.assertEqual(reply.payload.tag, "{%s}recupererDetailClientResponse" % PAYFIP_NS)
        self.assertEqual([name for name, _ in reply.fields()],
                         ["libelleN1", "libelleN2", "libelleN3", "numcli"])
        self.assertEqual(reply.field("numcli"), "090909")
        self.assertTrue(reply.field("libelleN2"))

    def test_invalid_numcli(self):
        self.assertFunctionalFault(SANDBOX.detail_client("9090"), "T1")
        # numCli, not numcli, in this request.
        self.assertFunctionalFault(SANDBOX.detail_client("090909", element="numcli"), "T1")

    def test_unknown_numcli(self):
        SANDBOX.set(numcli="090909")
        self.assertFunctionalFault(SANDBOX.detail_client("006270"), "T2")
        self.assertEqual(SANDBOX.detail_client("090909").status, 200)


if __name__ == "__main__":
    main()
