#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The portal over real HTTP: login, logout, sessions, home, invoices, PDF, and the
security rules every page follows."""
import re
import sys
import os
import subprocess
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from portal_harness import Browser, Portal, FAMILY_PASSWORD, main  # noqa: E402
import unittest  # noqa: E402


def setUpModule():
    global PORTAL
    PORTAL = Portal(families=30)


def tearDownModule():
    PORTAL.stop()


class Login(unittest.TestCase):
    def test_login_page_says_who(self):
        page = Browser(PORTAL).get("/connexion")
        self.assertEqual(page.status, 200)
        text = page.visible_text()
        self.assertIn("Mairie de Démonstration", text)
        self.assertIn("Se souvenir de moi", text)
        self.assertIn("J’active mon compte", text)

    def test_root_redirects_to_login(self):
        reply = Browser(PORTAL).get("/")
        self.assertEqual(reply.status, 303)
        self.assertEqual(reply.header("Location"), "/connexion")

    def test_login_then_home_then_logout(self):
        browser = Browser(PORTAL)
        reply = browser.login()
        self.assertEqual(reply.status, 303, reply.visible_text())
        self.assertEqual(reply.header("Location"), "/accueil")
        cookie = [v for k, v in reply.headers if k.lower() == "set-cookie" and "gf_session" in v][0]
        self.assertIn("HttpOnly", cookie)
        self.assertIn("SameSite=Lax", cookie)
        self.assertNotIn("Max-Age", cookie)  # a browser-session cookie without "souvenir"
        home = browser.get("/accueil")
        self.assertEqual(home.status, 200)
        self.assertIn("Bonjour Marie DUPONT", home.visible_text())
        bye = browser.post("/deconnexion", {})
        self.assertEqual(bye.status, 303)
        self.assertEqual(browser.get("/accueil").header("Location"), "/connexion")

    def test_remember_me_lasts_thirty_days(self):
        browser = Browser(PORTAL)
        reply = browser.login(remember=True)
        cookie = [v for k, v in reply.headers if k.lower() == "set-cookie" and "gf_session" in v][0]
        self.assertIn("Max-Age=2592000", cookie)
        rows = PORTAL.sql("SELECT count(*) FROM session WHERE persistent = 1 AND "
                          "expires_at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '+29 days')")
        self.assertGreaterEqual(rows[0][0], 1)

    def test_session_id_is_stored_hashed(self):
        browser = Browser(PORTAL)
        browser.login()
        token = browser.cookies["gf_session"]
        rows = PORTAL.sql("SELECT count(*) FROM session WHERE hex(id_hash) = upper(?)", token)
        self.assertEqual(rows[0][0], 0)
        import hashlib
        digest = hashlib.sha256(token.encode()).hexdigest().upper()
        self.assertEqual(PORTAL.sql("SELECT count(*) FROM session WHERE hex(id_hash) = ?", digest)[0][0], 1)

    def test_wrong_password_changes_nothing_but_the_counter(self):
        browser = Browser(PORTAL)
        before = PORTAL.snapshot("session", "audit_log")
        reply = browser.login(email="pierre.martin@exemple.fr", password="pas-le-bon")
        self.assertEqual(reply.status, 200)
        self.assertIn("Adresse électronique ou mot de passe incorrect", reply.visible_text())
        self.assertEqual(before, PORTAL.snapshot("session", "audit_log"))
        self.assertNotIn("gf_session", browser.cookies)

    def test_unknown_address_says_the_same(self):
        reply = Browser(PORTAL).login(email="personne@exemple.fr", password="Quelconque-1")
        self.assertIn("Adresse électronique ou mot de passe incorrect", reply.visible_text())

    def test_throttling_after_five_failures(self):
        email = "pierre.martin@exemple.fr"
        for _ in range(5):
            reply = Browser(PORTAL).login(email=email, password="mauvais-%d" % _)
            self.assertEqual(reply.status, 200)
        locked = Browser(PORTAL).login(email=email, password=FAMILY_PASSWORD)
        self.assertEqual(locked.status, 429)
        text = locked.visible_text()
        self.assertIn("Trop de tentatives de connexion", text)
        self.assertRegex(text, r"réessayez après \d\d:\d\d")
        # Unlock for the other tests, as the lock's end would.
        PORTAL.sql("UPDATE citizen_account SET locked_until = NULL, failed_logins = 0 WHERE email = ?", email)
        PORTAL.sql("DELETE FROM login_throttle")
        self.assertEqual(Browser(PORTAL).login(email=email).status, 303)

    def test_pending_account_cannot_log_in(self):
        reply = Browser(PORTAL).login(email="sophie.bernard@exemple.fr", password=FAMILY_PASSWORD)
        self.assertIn("incorrect", reply.visible_text())


class Security(unittest.TestCase):
    def test_headers_on_every_page(self):
        browser = Browser(PORTAL)
        for path in ("/connexion", "/page-inconnue", "/static/portal.css"):
            reply = browser.get(path)
            csp = reply.header("Content-Security-Policy")
            self.assertIn("frame-ancestors 'none'", csp)
            self.assertIn("script-src 'self'", csp)
            self.assertNotIn("unsafe-inline", csp)
            self.assertEqual(reply.header("X-Content-Type-Options"), "nosniff")
            self.assertEqual(reply.header("Referrer-Policy"), "no-referrer")

    def test_post_without_csrf_is_refused(self):
        browser = Browser(PORTAL)
        before = PORTAL.snapshot("session", "audit_log")
        reply = browser.post("/connexion", {"email": "marie.dupont@exemple.fr",
                                            "password": FAMILY_PASSWORD}, csrf=False)
        self.assertEqual(reply.status, 403)
        self.assertIn("Cette page a expiré", reply.visible_text())
        self.assertEqual(before, PORTAL.snapshot("session", "audit_log"))

    def test_logged_in_csrf_must_be_the_sessions(self):
        browser = Browser(PORTAL)
        browser.login()
        before = PORTAL.snapshot("announcement_dismissal", "audit_log")
        anonymous = Browser(PORTAL).get("/connexion").csrf()
        reply = browser.post("/accueil/fermer-annonce", {"annonce": "1", "csrf": anonymous})
        self.assertEqual(reply.status, 403)
        self.assertEqual(before, PORTAL.snapshot("announcement_dismissal", "audit_log"))

    def test_malformed_percent_encoding(self):
        browser = Browser(PORTAL)
        # An escape that is not UTF-8 reaches the portal, which explains in French.
        reply = browser.get("/connexion?message=%E9%E9")
        self.assertEqual(reply.status, 400)
        self.assertIn("mal formée", reply.visible_text())
        # An escape that is not even hexadecimal is refused by libsoup before the portal
        # sees the request: a bare 400, with nothing internal in it.
        reply = browser.get("/factures?onglet=%ZZ")
        self.assertEqual(reply.status, 400)
        self.assertNotIn("soup", reply.text.lower())
        token = browser.get("/connexion").csrf()
        reply = browser.request("POST", "/connexion", raw_body=("csrf=%s&email=%%C3%%28&password=x" % token).encode(),
                                headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(reply.status, 400)
        self.assertIn("mal formé", reply.visible_text())

    def test_over_long_fields_and_bodies(self):
        browser = Browser(PORTAL)
        reply = browser.post("/connexion", {"email": "a" * 20000, "password": "x"})
        self.assertEqual(reply.status, 400)
        reply = browser.post("/connexion", {"email": "a" * 300, "password": "x"})
        self.assertEqual(reply.status, 200)
        self.assertIn("incorrect", reply.visible_text())
        huge = b"x=" + b"a" * (70 * 1024)
        reply = browser.request("POST", "/connexion", raw_body=huge,
                                headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(reply.status, 413)

    def test_error_pages_are_french_and_plain(self):
        reply = Browser(PORTAL).get("/nulle-part")
        self.assertEqual(reply.status, 404)
        text = reply.visible_text()
        self.assertIn("Cette page n’existe pas", text)
        for leak in ("sqlite", "SELECT", "gf_", ".c:", "Traceback"):
            self.assertNotIn(leak, reply.text)

    def test_pages_need_login(self):
        for path in ("/accueil", "/factures", "/factures/2026-10-000001"):
            reply = Browser(PORTAL).get(path)
            self.assertEqual(reply.status, 303, path)
            self.assertEqual(reply.header("Location"), "/connexion")

    def test_access_log_has_no_secrets(self):
        browser = Browser(PORTAL)
        browser.login()
        browser.get("/connexion?jeton=SECRET-TOKEN-123")
        time.sleep(0.2)
        with open(os.path.join(PORTAL.dir, "portal.log")) as log:
            content = log.read()
        self.assertNotIn(FAMILY_PASSWORD, content)
        self.assertNotIn("SECRET-TOKEN-123", content)


class Invoices(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.browser = Browser(PORTAL)
        assert cls.browser.login().status == 303
        cls.family = PORTAL.sql("SELECT family_id FROM citizen_account WHERE email = 'marie.dupont@exemple.fr'")[0][0]

    def test_home_summary_matches_the_database(self):
        count, remaining, due = PORTAL.sql(
            "SELECT count(*), sum(i.total_cents + b.credited_cents - b.paid_cents), min(i.due_date) "
            "FROM invoice i JOIN invoice_balance b ON b.invoice_id = i.id "
            "WHERE i.family_id = ? AND i.state = 'unpaid' AND i.kind = 'invoice'", self.family)[0]
        text = self.browser.get("/accueil").visible_text()
        euros = "%d,%02d €" % divmod(remaining, 100)
        if remaining >= 100000:
            euros = "{:,}".format(remaining // 100).replace(",", " ") + ",%02d €" % (remaining % 100)
        self.assertIn("%d factures à régler" % count, text)
        self.assertIn(euros, text)
        y, m, d = due.split("-")
        self.assertIn("Prochaine échéance : %s/%s/%s" % (d, m, y), text)

    def test_three_tabs(self):
        for tab, state in (("non-reglees", "unpaid"), ("reglees", "paid"), ("tresorerie", "treasury")):
            numbers = [r[0] for r in PORTAL.sql(
                "SELECT number FROM invoice WHERE family_id = ? AND state = ?", self.family, state)]
            page = self.browser.get("/factures?onglet=" + tab)
            self.assertEqual(page.status, 200)
            for number in numbers:
                self.assertIn(number, page.text)
            others = PORTAL.sql("SELECT number FROM invoice WHERE family_id = ? AND state <> ?", self.family, state)
            for (number,) in others:
                self.assertNotIn(">%s<" % number, page.text)
        self.assertIn("avis de sommes à payer", self.browser.get("/factures?onglet=tresorerie").visible_text())

    def test_unknown_tab(self):
        page = self.browser.get("/factures?onglet=toutes")
        self.assertEqual(page.status, 400)
        self.assertIn("Cet onglet n’existe pas", page.visible_text())

    def test_invoice_page(self):
        number, invoice_id, total = PORTAL.sql(
            "SELECT number, id, total_cents FROM invoice WHERE family_id = ? AND state = 'unpaid' "
            "ORDER BY issue_date DESC LIMIT 1", self.family)[0]
        page = self.browser.get("/factures/" + number)
        self.assertEqual(page.status, 200)
        text = page.visible_text()
        self.assertIn("Facture " + number, text)
        self.assertIn("DUPONT Marie", text)
        for (label,) in PORTAL.sql("SELECT label FROM invoice_line WHERE invoice_id = ?", invoice_id):
            self.assertIn(label, text)
        self.assertIn("Reste à payer", text)
        self.assertIn("Télécharger le PDF", text)

    def test_direct_debit_and_suspended_wording(self):
        # The demo always has a family in direct debit with this month's invoice unpaid.
        number, family = PORTAL.sql("SELECT number, family_id FROM invoice WHERE direct_debit = 1 "
                                    "AND state = 'unpaid' LIMIT 1")[0]
        email = PORTAL.sql("SELECT email FROM citizen_account WHERE family_id = ?", family)
        if email:
            email = email[0][0]
            # Its account may be pending: give it Marie's password hash, active.
            PORTAL.sql("UPDATE citizen_account SET state = 'active', activated_at = 'x', password_hash = "
                       "(SELECT password_hash FROM citizen_account WHERE email = 'marie.dupont@exemple.fr') "
                       "WHERE family_id = ?", family)
        else:
            email = "prelevement.test@exemple.fr"
            PORTAL.sql("INSERT INTO citizen_account (family_id, email, state, password_hash, created_at) "
                       "SELECT ?, ?, 'active', password_hash, 'x' FROM citizen_account "
                       "WHERE email = 'marie.dupont@exemple.fr'", family, email)
        browser = Browser(PORTAL)
        self.assertEqual(browser.login(email=email).status, 303)
        page = browser.get("/factures/" + number).visible_text()
        self.assertIn("Cette facture est réglée par prélèvement automatique", page)
        self.assertNotIn("Payer cette facture en ligne", page)
        number = PORTAL.sql("SELECT number FROM invoice WHERE family_id = ? AND state = 'unpaid' "
                            "AND direct_debit = 0 LIMIT 1", self.family)[0][0]
        PORTAL.sql("INSERT OR REPLACE INTO setting VALUES ('payments_suspended', '1')")
        try:
            self.assertIn("Le paiement en ligne est temporairement suspendu",
                          self.browser.get("/factures/" + number).visible_text())
        finally:
            PORTAL.sql("INSERT OR REPLACE INTO setting VALUES ('payments_suspended', '0')")
        self.assertNotIn("suspendu", self.browser.get("/factures/" + number).visible_text())

    def test_another_familys_invoice_is_not_found(self):
        other = PORTAL.sql("SELECT number FROM invoice WHERE family_id <> ? AND state <> 'draft' LIMIT 1", self.family)[0][0]
        for path in ("/factures/" + other, "/factures/" + other + "/pdf", "/factures/%27%20OR%201%3D1",
                     "/factures/../../etc/passwd", "/factures/" + "9" * 40):
            page = self.browser.get(path)
            self.assertEqual(page.status, 404, path)
            self.assertNotIn(other, page.text)

    def test_pdf(self):
        number, invoice_id = PORTAL.sql(
            "SELECT number, id FROM invoice WHERE family_id = ? AND state = 'unpaid' LIMIT 1", self.family)[0]
        reply = self.browser.get("/factures/%s/pdf" % number)
        self.assertEqual(reply.status, 200)
        self.assertEqual(reply.header("Content-Type"), "application/pdf")
        self.assertTrue(reply.body.startswith(b"%PDF"))
        with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
            pdf.write(reply.body)
            pdf.flush()
            text = subprocess.run(["pdftotext", "-layout", pdf.name, "-"], capture_output=True,
                                  text=True, check=True).stdout
        text = re.sub(r"[\s\u202f\u00a0]+", " ", text)
        self.assertIn(number, text)
        self.assertIn("DUPONT", text)
        page = self.browser.get("/factures/" + number).visible_text()
        total = re.search(r"Montant total ([\d ]+,\d\d €)", page).group(1)
        self.assertIn(total, text)
        for (label,) in PORTAL.sql("SELECT label FROM invoice_line WHERE invoice_id = ?", invoice_id):
            self.assertIn(re.sub(r"\s+", " ", label), text)


class Announcement(unittest.TestCase):
    def test_close_hides_it_until_a_new_one(self):
        browser = Browser(PORTAL)
        self.assertEqual(browser.login(email="pierre.martin@exemple.fr").status, 303)
        title = PORTAL.sql("SELECT title, id FROM announcement WHERE published = 1 ORDER BY id DESC LIMIT 1")[0]
        home = browser.get("/accueil")
        self.assertIn(title[0], home.visible_text())
        reply = browser.post("/accueil/fermer-annonce", {"annonce": str(title[1]), "csrf": home.csrf()})
        self.assertEqual(reply.status, 303)
        self.assertNotIn(title[0], browser.get("/accueil").visible_text())
        PORTAL.sql("INSERT INTO announcement (title, body, published, published_at, created_at, updated_at) "
                   "VALUES ('Nouvelle annonce de test', 'Texte <b>gras</b>', 1, '2026-11-23T08:00:00Z', 'x', 'x')")
        home = browser.get("/accueil")
        self.assertIn("Nouvelle annonce de test", home.visible_text())
        self.assertIn("Texte &lt;b&gt;gras&lt;/b&gt;", home.text)  # escaped, never interpreted

    def test_bad_announcement_id(self):
        browser = Browser(PORTAL)
        browser.login()
        token = browser.get("/accueil").csrf()
        before = PORTAL.snapshot("announcement_dismissal")
        for value in ("abc", "-1", "", "99999999999999999999"):
            reply = browser.post("/accueil/fermer-annonce", {"annonce": value, "csrf": token})
            self.assertEqual(reply.status, 400, value)
            self.assertIn("Cette annonce n’existe pas", reply.visible_text())
        # Well formed but unknown: back home, nothing recorded.
        reply = browser.post("/accueil/fermer-annonce", {"annonce": "987654", "csrf": token})
        self.assertEqual(reply.status, 303)
        self.assertEqual(before, PORTAL.snapshot("announcement_dismissal"))


class Shutdown(unittest.TestCase):
    def test_sigterm_stops_cleanly(self):
        portal = Portal(families=5)
        Browser(portal).get("/connexion")
        portal.process.send_signal(15)
        self.assertEqual(portal.process.wait(timeout=15), 0)
        portal.stop()


if __name__ == "__main__":
    main()
