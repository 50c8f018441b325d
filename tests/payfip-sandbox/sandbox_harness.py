# SPDX-License-Identifier: GPL-3.0-or-later
"""The PayFiP sandbox on loopback, a SOAP client, a browser for its payment page, and an
HTTP listener that plays the portal's urlnotif.

Used by the sandbox's own tests (tests/payfip-sandbox). Nothing is mocked: the server is
the built binary, requests go over TCP, and the messages are those of payfip.md.
"""
import datetime
import http.client
import http.server
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tap_http import DIRS, LOGS, Response, run_tap  # noqa: E402

SANDBOX = os.environ.get("GUICHET_PAYFIP_SANDBOX")

SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12_NS = "http://www.w3.org/2003/05/soap-envelope"
PAYFIP_NS = ("http://securite.service.tpa.cp.finances.gouv.fr/services/mas_securite/"
             "contrat_paiement_securise/PaiementSecuriseService")
EXCEPTIONS = "fr.gouv.finances.cp.tpa.webservice.exceptions."
PARIS = ZoneInfo("Europe/Paris")
UUID_V1 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")

# payfip.md §5.1, verbatim.
SAMPLE_CREER = """<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"
    xmlns:pai="http://securite.service.tpa.cp.finances.gouv.fr/services/mas_securite/contrat_paiement_securise/PaiementSecuriseService">
  <soapenv:Header/>
  <soapenv:Body>
    <pai:creerPaiementSecurise>
      <arg0>
        <exer>2019</exer>
        <mel>john.doe@example.com</mel>
        <montant>1000</montant>
        <numcli>090909</numcli>
        <objet>coucou</objet>
        <refdet>ABCDEFGH</refdet>
        <saisie>T</saisie>
        <urlnotif>https://notif.payfip.example.com/</urlnotif>
        <urlredirect>https://redirect.payfip.example.com/</urlredirect>
      </arg0>
    </pai:creerPaiementSecurise>
  </soapenv:Body>
</soapenv:Envelope>
"""

# payfip.md §5.3, with the namespace written in full.
SAMPLE_DETAIL = """<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:pai="%s">
  <soapenv:Header/>
  <soapenv:Body>
    <pai:recupererDetailPaiementSecurise><arg0><idOp>%%s</idOp></arg0></pai:recupererDetailPaiementSecurise>
  </soapenv:Body>
</soapenv:Envelope>
""" % PAYFIP_NS

# The vectors of payfip.md §10.2 (eopayment's fixtures).
CREER_FIELDS = {
    "exer": "2019",
    "mel": "john.doe@example.com",
    "montant": "1000",
    "numcli": "090909",
    "objet": "coucou",
    "refdet": "ABCDEFGH",
    "saisie": "T",
    "urlnotif": "https://notif.payfip.example.com/",
    "urlredirect": "https://redirect.payfip.example.com/",
}
CREER_ORDER = ["exer", "mel", "montant", "numcli", "objet", "refdet", "saisie", "urlnotif",
               "urlredirect"]
DETAIL_ORDER = ["dattrans", "exer", "heurtrans", "idOp", "mel", "montant", "numauto", "numcli",
                "objet", "refdet", "resultrans", "saisie"]

ACCEPTING_CARD = "4111 1111 1111 1111"
ACCEPTING_CARD_2 = "5555 5555 5555 4444"
REFUSING_CARD = "4000 0000 0000 0002"
REFUSING_CARD_FUNDS = "4000 0000 0000 9995"
OTHER_VALID_CARD = "4000 0000 0000 0119"
ACCEPTING_IBAN = "FR76 3000 6000 0112 3456 7890 189"
REFUSING_IBAN = "FR70 3000 2005 5000 0015 7845 Z02"



def temp_dir(prefix="gf-payfip-sandbox-"):
    """A temporary directory, removed at the end of a successful run."""
    path = tempfile.mkdtemp(prefix=prefix)
    DIRS.append(path)
    return path


def xml_escape(text):
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def envelope(body, soap_ns=SOAP_NS):
    return ('<soapenv:Envelope xmlns:soapenv="%s" xmlns:pai="%s"><soapenv:Header/>'
            '<soapenv:Body>%s</soapenv:Body></soapenv:Envelope>' % (soap_ns, PAYFIP_NS, body))


def creer_envelope(fields, order=CREER_ORDER):
    """creerPaiementSecurise with the fields in @order; a field whose value is None is left
    out."""
    inner = "".join("<%s>%s</%s>" % (name, xml_escape(fields[name]), name)
                    for name in order if fields.get(name) is not None)
    return envelope("<pai:creerPaiementSecurise><arg0>%s</arg0></pai:creerPaiementSecurise>"
                    % inner)


def local(tag):
    return tag.rsplit("}", 1)[-1]


class SoapReply(Response):
    """A SOAP answer, parsed."""

    def __init__(self, response):
        super().__init__(response.status, response.headers, response.body, response.elapsed)
        self.root = ET.fromstring(response.body)
        body = self.root.find("{%s}Body" % SOAP_NS)
        self.payload = list(body)[0]

    @property
    def is_fault(self):
        return self.payload.tag == "{%s}Fault" % SOAP_NS

    def fault_child(self, name):
        node = self.payload.find(name)
        return node.text if node is not None else None

    @property
    def fault_detail(self):
        detail = self.payload.find("detail")
        return list(detail)[0] if detail is not None and len(detail) else None

    @property
    def fault_code(self):
        detail = self.fault_detail
        return detail.find("code").text if detail is not None else None

    def fields(self):
        """The children of <return>, in order, as (name, text)."""
        ret = self.payload.find("return")
        return [(child.tag, child.text or "") for child in ret]

    def field(self, name):
        return dict(self.fields()).get(name)


class Sandbox:
    """guichet-payfip-sandbox on a free loopback port."""

    def __init__(self, *args, state=None):
        self.dir = temp_dir()
        self.log_path = os.path.join(self.dir, "sandbox.log")
        self.log = open(self.log_path, "w+")
        LOGS.append(self.log_path)
        command = [SANDBOX, "--listen", "127.0.0.1:0", *args]
        if state is not None:
            command += ["--state", state]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=self.log, text=True)
        line = self.process.stdout.readline()
        match = re.fullmatch(r"listening on (http://127\.0\.0\.1:(\d+))\n", line)
        if not match:
            self.stop()
            raise RuntimeError("sandbox did not start: %r" % line)
        self.url = match.group(1)
        self.port = int(match.group(2))
        self.soap_url = self.url + "/tpa/services/securite"

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()

    # -- HTTP ------------------------------------------------------------------------------

    def request(self, method, path, body=None, headers=None, form=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = dict(headers or {})
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        if isinstance(body, str):
            body = body.encode("utf-8")
        start = time.monotonic()
        conn.request(method, path, body=body, headers=headers)
        reply = conn.getresponse()
        response = Response(reply.status, reply.getheaders(), reply.read(),
                            time.monotonic() - start)
        conn.close()
        return response

    def soap_raw(self, xml, content_type="text/xml; charset=UTF-8"):
        return self.request("POST", "/tpa/services/securite", body=xml,
                            headers={"Content-Type": content_type, "SOAPAction": '""'})

    def soap(self, xml):
        return SoapReply(self.soap_raw(xml))

    def creer_reply(self, **overrides):
        fields = dict(CREER_FIELDS)
        fields.update(overrides)
        return self.soap(creer_envelope(fields))

    def creer(self, **overrides):
        """A new operation (the §10.2 vector, with @overrides); returns its idOp."""
        reply = self.creer_reply(**overrides)
        if reply.status != 200 or reply.is_fault:
            raise AssertionError("creerPaiementSecurise failed: %s" % reply.text)
        return reply.field("idOp")

    def detail(self, idop, element="idOp"):
        return self.soap(envelope(
            "<pai:recupererDetailPaiementSecurise><arg0><%s>%s</%s></arg0>"
            "</pai:recupererDetailPaiementSecurise>" % (element, xml_escape(idop), element)))

    def detail_client(self, numcli, element="numCli"):
        return self.soap(envelope(
            "<pai:recupererDetailClient><arg0><%s>%s</%s></arg0></pai:recupererDetailClient>"
            % (element, xml_escape(numcli), element)))

    # -- control endpoints -----------------------------------------------------------------

    def config(self, **fields):
        form = {key.replace("_", "-"): str(value) for key, value in fields.items()}
        return self.request("POST", "/_sandbox/config", form=form)

    def set(self, **fields):
        reply = self.config(**fields)
        if reply.status != 200:
            raise AssertionError("config refused: %s" % reply.text)
        return reply.json()

    def reset(self):
        return self.request("POST", "/_sandbox/reset", form={}).json()

    def age(self, idop, seconds):
        reply = self.request("POST", "/_sandbox/age", form={"idop": idop, "seconds": str(seconds)})
        if reply.status != 200:
            raise AssertionError("age refused: %s" % reply.text)
        return reply.json()

    def operations(self, **filters):
        query = "?" + urllib.parse.urlencode(filters) if filters else ""
        return self.request("GET", "/_sandbox/operations" + query).json()

    def operation(self, idop):
        found = self.operations(idop=idop)
        if len(found) != 1:
            raise AssertionError("%d operations with idop %s" % (len(found), idop))
        return found[0]

    # -- the payment page, as a browser uses it --------------------------------------------

    def open_page(self, idop, param="idop"):
        return self.request("GET", "/tpa/paiementws.web?%s=%s" % (param, urllib.parse.quote(idop)))

    def post_page(self, idop, token, action, **fields):
        form = {"idop": idop, "jeton": token, "action": action}
        form.update(fields)
        return self.request("POST", "/tpa/paiementws.web", form=form)

    @staticmethod
    def token_of(page):
        match = re.search(r'name="jeton" value="([^"]+)"', page.text)
        if not match:
            raise AssertionError("no token in the page: " + page.text[:500])
        return match.group(1)

    def start_payment(self, idop):
        """Opens the payment page; returns the session token of its forms."""
        page = self.open_page(idop)
        if page.status != 200:
            raise AssertionError("payment page: HTTP %d: %s" % (page.status, page.visible_text()))
        return self.token_of(page)

    def pay_card(self, idop, number=ACCEPTING_CARD, token=None, cvv="123", month="12",
                 year=None):
        """Payer par carte bancaire, card details, Valider: returns the last response (or the
        refusal of the card page)."""
        if token is None:
            token = self.start_payment(idop)
        card_page = self.post_page(idop, token, "carte")
        if card_page.status != 200:
            return card_page
        year = year or str(datetime.date.today().year + 2)
        return self.post_page(idop, token, "valider-carte", numero=number, mois=month,
                              annee=year, cryptogramme=cvv)

    def pay_debit(self, idop, iban=ACCEPTING_IBAN, token=None):
        if token is None:
            token = self.start_payment(idop)
        page = self.post_page(idop, token, "prelevement")
        if page.status != 200:
            return page
        return self.post_page(idop, token, "valider-prelevement", titulaire="Marie Dupont",
                              iban=iban, mandat="1")

    def cancel(self, idop, token=None):
        if token is None:
            token = self.start_payment(idop)
        return self.post_page(idop, token, "annuler")


class Listener:
    """A tiny HTTP server that records every request: the portal's urlnotif (and a place for
    urlredirect to point at)."""

    def __init__(self, status=200):
        self.requests = []
        self.status = status
        self.condition = threading.Condition()
        listener = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                with listener.condition:
                    listener.requests.append({
                        "method": "POST",
                        "path": self.path,
                        "headers": {k.lower(): v for k, v in self.headers.items()},
                        "body": body.decode("utf-8", "replace"),
                        "time": time.monotonic(),
                    })
                    listener.condition.notify_all()
                self.send_response(listener.status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"OK")

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.url = "http://127.0.0.1:%d" % self.port
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def received(self, idop):
        """The notifications that name @idop (in any field), oldest first."""
        with self.condition:
            return [r for r in self.requests if idop in r["body"] or idop in r["path"]]

    def wait(self, idop, count=1, timeout=10.0):
        deadline = time.monotonic() + timeout
        with self.condition:
            while True:
                found = [r for r in self.requests if idop in r["body"] or idop in r["path"]]
                if len(found) >= count:
                    return found
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError("%d notification(s) of %s after %.0f s, %d wanted"
                                         % (len(found), idop, timeout, count))
                self.condition.wait(remaining)


def paris_minute(moment=None):
    """The (dattrans, heurtrans) PayFiP would write at @moment (now by default)."""
    moment = moment or datetime.datetime.now(datetime.timezone.utc)
    local_time = moment.astimezone(PARIS)
    return local_time.strftime("%d%m%Y"), local_time.strftime("%H%M")


def uuid_time(idop):
    """The creation time a version 1 UUID carries, as a UTC datetime."""
    ticks = uuid.UUID(idop).time - 0x01B21DD213814000
    return datetime.datetime.fromtimestamp(ticks / 1e7, datetime.timezone.utc)


def main():
    if not SANDBOX:
        print("1..0 # SKIP GUICHET_PAYFIP_SANDBOX is not set")
        return
    run_tap()
