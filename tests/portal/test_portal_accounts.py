#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Account activation and forgotten password, end to end: the form, the e-mail really
delivered (maildir, and a real SMTP receiver), the link in it, the new password, the login."""
import os
import socket
import subprocess
import sys
import time
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(__file__))
from portal_harness import (Browser, Portal, FAMILY_PASSWORD, main, mail_link, mail_text,  # noqa: E402
                            read_mails, wait_for_mail)

NEW_PASSWORD = "Soleil-de-mars-26"


def setUpModule():
    global PORTAL
    PORTAL = Portal(families=30)


def tearDownModule():
    PORTAL.stop()


def path_of(link):
    parts = urllib.parse.urlsplit(link)
    return parts.path + "?" + parts.query


class Activation(unittest.TestCase):
    def test_rule_is_shown_before_typing(self):
        page = Browser(PORTAL).get("/activation")
        self.assertEqual(page.status, 200)
        self.assertIn("Saisissez l’adresse électronique", page.visible_text())

    def test_full_activation(self):
        email = "sophie.bernard@exemple.fr"
        browser = Browser(PORTAL)
        reply = browser.post("/activation", {"email": "  Sophie.Bernard@Exemple.FR "})
        self.assertEqual(reply.status, 200)
        self.assertIn("Si cette adresse est connue du service", reply.visible_text())
        mail = wait_for_mail(PORTAL.maildir, email)[-1]
        self.assertIn("Accès au portail des familles", str(mail["Subject"]))
        link = mail_link(mail)
        self.assertTrue(link.startswith(PORTAL.url + "/activation/lien?jeton="))
        token = link.split("jeton=")[1]
        self.assertEqual(PORTAL.sql("SELECT count(*) FROM token WHERE hex(token_hash) LIKE ?", "%" + token + "%")[0][0], 0)

        page = browser.get(path_of(link))
        self.assertEqual(page.status, 200)
        self.assertIn("au moins 8 caractères", page.visible_text())
        # A weak password, then a mismatch: refused, account still pending.
        for password, confirmation, says in (("court", "court", "8 à 256 caractères"),
                                             ("motdepasseenminuscules", "motdepasseenminuscules", "trois types"),
                                             (NEW_PASSWORD, NEW_PASSWORD + "x", "pas identiques")):
            reply = browser.post(path_of(link).split("?")[0],
                                 {"jeton": token, "password": password, "confirmation": confirmation,
                                  "csrf": page.csrf()})
            self.assertEqual(reply.status, 200)
            self.assertIn(says, reply.visible_text())
            self.assertEqual(PORTAL.sql("SELECT state FROM citizen_account WHERE email = ?", email)[0][0], "pending")
        reply = browser.post("/activation/lien", {"jeton": token, "password": NEW_PASSWORD,
                                                  "confirmation": NEW_PASSWORD, "csrf": page.csrf()})
        self.assertEqual(reply.status, 303)
        self.assertEqual(reply.header("Location"), "/connexion?message=mot-de-passe")
        self.assertEqual(PORTAL.sql("SELECT state FROM citizen_account WHERE email = ?", email)[0][0], "active")
        self.assertIn("Votre mot de passe est enregistré", browser.get("/connexion?message=mot-de-passe").visible_text())
        self.assertEqual(Browser(PORTAL).login(email=email, password=NEW_PASSWORD).status, 303)
        # The link served once.
        again = browser.get(path_of(link))
        self.assertEqual(again.status, 400)
        self.assertIn("Ce lien n’est plus valable", again.visible_text())
        before = PORTAL.snapshot("citizen_account", "token")
        reply = browser.post("/activation/lien", {"jeton": token, "password": "Autre-Mot-2026",
                                                  "confirmation": "Autre-Mot-2026", "csrf": page.csrf()})
        self.assertEqual(reply.status, 400)
        self.assertEqual(before, PORTAL.snapshot("citizen_account", "token"))

    def test_unknown_address_answers_the_same_and_sends_nothing(self):
        queued = PORTAL.sql("SELECT count(*) FROM mail_outbox")[0][0]
        unknown = Browser(PORTAL).post("/activation", {"email": "inconnu@exemple.fr"}).visible_text()
        known = Browser(PORTAL).post("/activation", {"email": "pierre.martin@exemple.fr"}).visible_text()
        self.assertEqual(known, unknown)
        # The known address's mail is queued and delivered; the unknown one got nothing.
        self.assertEqual(PORTAL.sql("SELECT count(*) FROM mail_outbox")[0][0], queued + 1)
        wait_for_mail(PORTAL.maildir, "pierre.martin@exemple.fr", subject="déjà actif")
        self.assertEqual([], [m for m in read_mails(PORTAL.maildir) if "inconnu@" in str(m["To"])])
        self.assertEqual(PORTAL.sql("SELECT count(*) FROM mail_outbox WHERE recipient = 'inconnu@exemple.fr'")[0][0], 0)

    def test_active_address_gets_forgotten_password_advice(self):
        Browser(PORTAL).post("/activation", {"email": "pierre.martin@exemple.fr"})
        mail = wait_for_mail(PORTAL.maildir, "pierre.martin@exemple.fr", subject="déjà actif")[-1]
        self.assertIn("/mot-de-passe-oublie", mail_text(mail))
        self.assertNotIn("jeton=", mail_text(mail))

    def test_bad_addresses(self):
        for value in ("", "pas-une-adresse", "a@b", "x" * 300 + "@exemple.fr"):
            before = PORTAL.snapshot("token", "mail_outbox")
            reply = Browser(PORTAL).post("/activation", {"email": value})
            self.assertEqual(reply.status, 200)
            self.assertIn("Saisissez une adresse électronique valide", reply.visible_text())
            self.assertEqual(before, PORTAL.snapshot("token", "mail_outbox"))

    def test_forged_and_expired_links(self):
        for token in ("", "abc", "A" * 43, "'; DROP TABLE token; --"):
            reply = Browser(PORTAL).get("/activation/lien?jeton=" + urllib.parse.quote(token))
            self.assertEqual(reply.status, 400)
            self.assertIn("Ce lien n’est plus valable", reply.visible_text())
        # An expired link.
        account = PORTAL.sql("SELECT id FROM citizen_account WHERE state = 'pending' AND email <> 'sophie.bernard@exemple.fr' LIMIT 1")[0][0]
        email = PORTAL.sql("SELECT email FROM citizen_account WHERE id = ?", account)[0][0]
        Browser(PORTAL).post("/activation", {"email": email})
        link = mail_link(wait_for_mail(PORTAL.maildir, email)[-1])
        PORTAL.sql("UPDATE token SET expires_at = '2000-01-01T00:00:00Z' WHERE account_id = ?", account)
        reply = Browser(PORTAL).get(path_of(link))
        self.assertEqual(reply.status, 400)

    def test_no_mail_bombing(self):
        email = PORTAL.sql("SELECT email FROM citizen_account WHERE state = 'pending' ORDER BY id DESC LIMIT 1")[0][0]
        for _ in range(6):
            Browser(PORTAL).post("/activation", {"email": email})
        time.sleep(1.5)
        self.assertLessEqual(PORTAL.sql("SELECT count(*) FROM mail_outbox WHERE recipient = ?", email)[0][0], 3)


class ForgottenPassword(unittest.TestCase):
    def test_reset_ends_other_sessions(self):
        email = "pierre.martin@exemple.fr"
        elsewhere = Browser(PORTAL)
        self.assertEqual(elsewhere.login(email=email).status, 303)
        self.assertEqual(elsewhere.get("/accueil").status, 200)

        reply = Browser(PORTAL).post("/mot-de-passe-oublie", {"email": email})
        self.assertIn("Si cette adresse est connue du service", reply.visible_text())
        mail = wait_for_mail(PORTAL.maildir, email, subject="Nouveau mot de passe")[-1]
        link = mail_link(mail)
        self.assertIn("/mot-de-passe-oublie/lien?jeton=", link)
        self.assertIn("1 heure", mail_text(mail))
        browser = Browser(PORTAL)
        page = browser.get(path_of(link))
        self.assertEqual(page.status, 200)
        reply = browser.post("/mot-de-passe-oublie/lien", {"jeton": link.split("jeton=")[1],
                                                           "password": NEW_PASSWORD,
                                                           "confirmation": NEW_PASSWORD,
                                                           "csrf": page.csrf()})
        self.assertEqual(reply.status, 303)
        # The other browser's session is over; the old password no longer works.
        self.assertEqual(elsewhere.get("/accueil").status, 303)
        self.assertIn("incorrect", Browser(PORTAL).login(email=email, password=FAMILY_PASSWORD).visible_text())
        self.assertEqual(Browser(PORTAL).login(email=email, password=NEW_PASSWORD).status, 303)
        # Put it back for the other tests.
        PORTAL.sql("UPDATE citizen_account SET password_hash = (SELECT password_hash FROM citizen_account "
                   "WHERE email = 'marie.dupont@exemple.fr') WHERE email = ?", email)

    def test_reset_link_is_not_an_activation_link(self):
        email = "marie.dupont@exemple.fr"
        Browser(PORTAL).post("/mot-de-passe-oublie", {"email": email})
        mail = wait_for_mail(PORTAL.maildir, email, subject="Nouveau mot de passe")[-1]
        token = mail_link(mail).split("jeton=")[1]
        reply = Browser(PORTAL).get("/activation/lien?jeton=" + token)
        self.assertEqual(reply.status, 400)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RealSmtpRelay(unittest.TestCase):
    """With an SMTP relay in the settings, the mail goes through a real SMTP receiver."""

    def test_activation_mail_through_smtp(self):
        python = "/usr/bin/python3"
        check = subprocess.run([python, "-c", "import aiosmtpd"], capture_output=True)
        if check.returncode != 0:
            self.skipTest("python3-aiosmtpd is not installed")
        mailbox = os.path.join(PORTAL.dir, "smtp-mailbox")
        port = free_port()
        receiver = subprocess.Popen([python, "-m", "aiosmtpd", "-n", "-c", "aiosmtpd.handlers.Mailbox",
                                     mailbox, "-l", "127.0.0.1:%d" % port],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.time() + 10
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if time.time() > deadline:
                        raise
                    time.sleep(0.1)
            PORTAL.sql("INSERT OR REPLACE INTO setting VALUES ('smtp_url', ?)", "smtp://127.0.0.1:%d" % port)
            email = PORTAL.sql("SELECT email FROM citizen_account WHERE state = 'pending' ORDER BY id LIMIT 1 OFFSET 1")[0][0]
            Browser(PORTAL).post("/activation", {"email": email})
            mails = wait_for_mail(mailbox, email)
            self.assertIn("Accès au portail des familles", str(mails[-1]["Subject"]))
            link = mail_link(mails[-1])
            self.assertEqual(Browser(PORTAL).get(path_of(link)).status, 200)
        finally:
            PORTAL.sql("DELETE FROM setting WHERE key = 'smtp_url'")
            receiver.terminate()
            receiver.wait()


if __name__ == "__main__":
    main()
