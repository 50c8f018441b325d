#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""« Mes informations » and « Contact », end to end: the forms, the e-mails really
delivered (maildir), the links in them, what the database holds afterwards, and that every
refused request changed nothing."""
import html
import os
import sys
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(__file__))
from portal_harness import (Browser, Portal, FAMILY_PASSWORD, main, mail_link, mail_text,  # noqa: E402
                            read_mails, wait_for_mail)

NEW_PASSWORD = "Lune-de-juin-2026"
SERVICE = "facturation@mairie-demo.fr"
MARIE = "marie.dupont@exemple.fr"
PIERRE = "pierre.martin@exemple.fr"


def setUpModule():
    global PORTAL, SPARE
    PORTAL = Portal(families=30)
    # Active accounts besides the two demo logins, each test taking its own.
    SPARE = [row[0] for row in PORTAL.sql(
        "SELECT a.email FROM citizen_account a JOIN family f ON f.id = a.family_id "
        "WHERE a.state = 'active' AND a.email NOT IN (?, ?) ORDER BY a.id", MARIE, PIERRE)]


def tearDownModule():
    PORTAL.stop()


def spare_account(paperless=None):
    """An active account no other test uses; optionally one whose family has (not) chosen
    paperless invoices."""
    for email in list(SPARE):
        flag = PORTAL.sql("SELECT f.paperless FROM family f JOIN citizen_account a "
                          "ON a.family_id = f.id WHERE a.email = ?", email)[0][0]
        if paperless is None or bool(flag) == paperless:
            SPARE.remove(email)
            return email
    raise unittest.SkipTest("not enough demo accounts")


def path_of(link):
    parts = urllib.parse.urlsplit(link)
    return parts.path + "?" + parts.query


def logged_in(email=MARIE, password=FAMILY_PASSWORD):
    browser = Browser(PORTAL)
    reply = browser.login(email=email, password=password)
    assert reply.status == 303, reply.visible_text()
    return browser


def account_of(email):
    return PORTAL.sql("SELECT id, family_id FROM citizen_account WHERE email = ?", email)[0]


def snapshot(*tables):
    """PORTAL.snapshot(), but the outbox by what was queued: the mail sender marks rows
    sent meanwhile, which is no change of ours."""
    state = PORTAL.snapshot(*[t for t in tables if t != "mail_outbox"])
    if "mail_outbox" in tables:
        state["mail_outbox"] = PORTAL.sql("SELECT id, kind, recipient, subject, body_text FROM mail_outbox "
                                          "ORDER BY id")
    return state


def audit_rows(action, entity, entity_id):
    return PORTAL.sql("SELECT actor_kind, actor_id FROM audit_log WHERE action = ? AND entity = ? "
                      "AND entity_id = ?", action, entity, entity_id)


class ProfilePage(unittest.TestCase):
    def test_page_shows_login_rule_and_paperless_state(self):
        page = logged_in(MARIE).get("/mes-informations")
        self.assertEqual(page.status, 200)
        text = page.visible_text()
        self.assertIn("Vous vous connectez avec l’adresse " + MARIE, text)
        # The password rule is there before the family types anything.
        self.assertIn("au moins 8 caractères", text)
        # The Dupont family already has no paper invoices: the page says so, offers nothing.
        self.assertIn("Vous ne recevez plus les factures au format papier", text)
        self.assertNotIn('action="/mes-informations/papier"', page.text)
        self.assertIn('aria-current="page">Mes informations', page.text)

    def test_logged_out_goes_to_login(self):
        browser = Browser(PORTAL)
        for path in ("/mes-informations", "/contact"):
            reply = browser.get(path)
            self.assertEqual(reply.status, 303)
            self.assertEqual(reply.header("Location"), "/connexion")
        before = snapshot("message", "mail_outbox", "token", "family")
        for path, fields in (("/contact", {"name": "X", "email": MARIE, "message": "Bonjour"}),
                             ("/mes-informations/email", {"email": "pirate@exemple.fr"}),
                             ("/mes-informations/papier", {"confirmer": "1"})):
            reply = browser.post(path, fields)
            self.assertEqual(reply.status, 303)
            self.assertEqual(reply.header("Location"), "/connexion")
        self.assertEqual(before, snapshot("message", "mail_outbox", "token", "family"))


class EmailChange(unittest.TestCase):
    def test_full_email_change(self):
        old = spare_account()
        new = "nouvelle.adresse.%d@exemple.fr" % account_of(old)[0]
        account_id = account_of(old)[0]
        browser = logged_in(old)
        reply = browser.post("/mes-informations/email", {"email": "  " + new.upper() + " "})
        self.assertEqual(reply.status, 200)
        self.assertIn("Un lien de confirmation a été envoyé à %s ; votre identifiant reste %s "
                      "jusqu’à la confirmation." % (new, old), reply.visible_text())
        # Nothing changes until the new address confirms.
        self.assertEqual(PORTAL.sql("SELECT email FROM citizen_account WHERE id = ?", account_id)[0][0], old)
        self.assertIn("incorrect", Browser(PORTAL).login(email=new).visible_text())

        mail = wait_for_mail(PORTAL.maildir, new, subject="Confirmez votre nouvelle adresse")[-1]
        link = mail_link(mail)
        self.assertTrue(link.startswith(PORTAL.url + "/mes-informations/email/confirmer?jeton="))
        self.assertIn("24 heures", mail_text(mail))
        self.assertEqual([], [m for m in read_mails(PORTAL.maildir)
                              if old in str(m["To"]) and "identifiant a changé" in str(m["Subject"])])

        # Followed from another device, not logged in.
        page = Browser(PORTAL).get(path_of(link))
        self.assertEqual(page.status, 200)
        self.assertIn("Votre nouvelle adresse est confirmée", page.visible_text())
        self.assertIn(new, page.visible_text())
        self.assertEqual(PORTAL.sql("SELECT email FROM citizen_account WHERE id = ?", account_id)[0][0], new)
        self.assertEqual(len(audit_rows("change_email", "citizen_account", account_id)), 1)

        # The old address is told.
        notice = wait_for_mail(PORTAL.maildir, old, subject="Votre identifiant a changé")[-1]
        self.assertIn(new, mail_text(notice))
        self.assertNotIn("jeton=", mail_text(notice))

        # The login is the new address, the old one no longer works.
        self.assertEqual(Browser(PORTAL).login(email=new).status, 303)
        self.assertIn("incorrect", Browser(PORTAL).login(email=old).visible_text())
        # The browser that asked is still logged in, and sees its new login.
        self.assertIn("Vous vous connectez avec l’adresse " + new,
                      browser.get("/mes-informations").visible_text())

        # The link served once.
        before = snapshot("citizen_account", "token", "mail_outbox")
        again = Browser(PORTAL).get(path_of(link))
        self.assertEqual(again.status, 400)
        self.assertIn("Ce lien n’est plus valable", again.visible_text())
        self.assertEqual(before, snapshot("citizen_account", "token", "mail_outbox"))

        PORTAL.sql("UPDATE citizen_account SET email = ? WHERE id = ?", old, account_id)

    def test_refused_addresses_change_nothing(self):
        browser = logged_in(MARIE)
        for value, says in (("pas-une-adresse", "Saisissez une adresse électronique valide"),
                            ("", "Saisissez une adresse électronique valide"),
                            ("Marie.Dupont@Exemple.fr", "C’est déjà votre adresse de connexion"),
                            (PIERRE.upper(), "Cette adresse est déjà utilisée par un autre compte.")):
            before = snapshot("citizen_account", "token", "mail_outbox")
            reply = browser.post("/mes-informations/email", {"email": value})
            self.assertEqual(reply.status, 200)
            self.assertIn(says, reply.visible_text())
            # What was typed comes back in the field.
            self.assertIn('value="%s"' % value, reply.text)
            self.assertEqual(before, snapshot("citizen_account", "token", "mail_outbox"))

    def test_missing_csrf_changes_nothing(self):
        browser = logged_in(MARIE)
        before = snapshot("citizen_account", "token", "mail_outbox")
        reply = browser.post("/mes-informations/email", {"email": "autre.marie@exemple.fr"}, csrf=False)
        self.assertEqual(reply.status, 403)
        reply = browser.post("/mes-informations/email", {"email": "autre.marie@exemple.fr", "csrf": "x" * 64})
        self.assertEqual(reply.status, 403)
        self.assertEqual(before, snapshot("citizen_account", "token", "mail_outbox"))

    def test_address_taken_before_confirmation(self):
        first, second = spare_account(), spare_account()
        wanted = "adresse.disputee@exemple.fr"
        logged_in(first).post("/mes-informations/email", {"email": wanted})
        link_first = mail_link(wait_for_mail(PORTAL.maildir, wanted, subject="Confirmez")[-1])
        logged_in(second).post("/mes-informations/email", {"email": wanted})
        link_second = mail_link(wait_for_mail(PORTAL.maildir, wanted, count=2, subject="Confirmez")[-1])
        self.assertNotEqual(link_first, link_second)
        self.assertEqual(Browser(PORTAL).get(path_of(link_second)).status, 200)

        # The first account's link comes too late: a clear message, nothing changed.
        before = snapshot("citizen_account", "token", "mail_outbox")
        reply = Browser(PORTAL).get(path_of(link_first))
        self.assertEqual(reply.status, 409)
        self.assertIn("est désormais utilisée par un autre compte", reply.visible_text())
        self.assertIn("il reste " + first, reply.visible_text())
        self.assertEqual(before, snapshot("citizen_account", "token", "mail_outbox"))
        self.assertEqual(PORTAL.sql("SELECT count(*) FROM citizen_account WHERE email = ?", first)[0][0], 1)

        PORTAL.sql("UPDATE citizen_account SET email = ? WHERE email = ?", second, wanted)

    def test_forged_and_expired_links(self):
        for token in ("", "abc", "A" * 43, "'; DROP TABLE token; --"):
            reply = Browser(PORTAL).get("/mes-informations/email/confirmer?jeton=" + urllib.parse.quote(token))
            self.assertEqual(reply.status, 400)
            self.assertIn("Ce lien n’est plus valable", reply.visible_text())
        email = spare_account()
        account_id = account_of(email)[0]
        logged_in(email).post("/mes-informations/email", {"email": "expiree.%d@exemple.fr" % account_id})
        link = mail_link(wait_for_mail(PORTAL.maildir, "expiree.%d@exemple.fr" % account_id)[-1])
        PORTAL.sql("UPDATE token SET expires_at = '2000-01-01T00:00:00Z' WHERE account_id = ?", account_id)
        before = snapshot("citizen_account", "token")
        self.assertEqual(Browser(PORTAL).get(path_of(link)).status, 400)
        self.assertEqual(before, snapshot("citizen_account", "token"))
        # An activation link is no e-mail-change link either.
        self.assertEqual(Browser(PORTAL).get("/activation/lien?jeton=" + link.split("jeton=")[1]).status, 400)

    def test_no_mail_bombing(self):
        email = spare_account()
        browser = logged_in(email)
        for i in range(3):
            reply = browser.post("/mes-informations/email", {"email": "rafale.%d@exemple.fr" % i})
            self.assertIn("Un lien de confirmation a été envoyé", reply.visible_text())
        before = snapshot("token", "mail_outbox")
        reply = browser.post("/mes-informations/email", {"email": "rafale.3@exemple.fr"})
        self.assertIn("trop de liens", reply.visible_text())
        self.assertEqual(before, snapshot("token", "mail_outbox"))


class PasswordChange(unittest.TestCase):
    def test_refusals_change_nothing(self):
        browser = logged_in(PIERRE)
        before = snapshot("citizen_account", "session", "audit_log")
        for current, password, confirmation, says in (
                ("Pas-le-bon-2026", NEW_PASSWORD, NEW_PASSWORD, "Le mot de passe actuel n’est pas le bon."),
                ("", NEW_PASSWORD, NEW_PASSWORD, "Saisissez votre mot de passe actuel."),
                (FAMILY_PASSWORD, "court", "court", None),
                (FAMILY_PASSWORD, "motdepasseenminuscules", "motdepasseenminuscules", None),
                (FAMILY_PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "x", "ne sont pas identiques"),
                (FAMILY_PASSWORD, FAMILY_PASSWORD, FAMILY_PASSWORD, "différent de l’actuel")):
            reply = browser.post("/mes-informations/mot-de-passe",
                                 {"current": current, "password": password, "confirmation": confirmation})
            self.assertEqual(reply.status, 200)
            self.assertIn('id="erreur-mot-de-passe"', reply.text)
            if says:
                self.assertIn(says, reply.visible_text())
            self.assertNotIn("Votre mot de passe a été changé", reply.visible_text())
        self.assertEqual(before, snapshot("citizen_account", "session", "audit_log"))
        self.assertEqual(Browser(PORTAL).login(email=PIERRE).status, 303)

    def test_missing_csrf_changes_nothing(self):
        browser = logged_in(PIERRE)
        before = snapshot("citizen_account", "session")
        reply = browser.post("/mes-informations/mot-de-passe",
                             {"current": FAMILY_PASSWORD, "password": NEW_PASSWORD,
                              "confirmation": NEW_PASSWORD}, csrf=False)
        self.assertEqual(reply.status, 403)
        self.assertEqual(before, snapshot("citizen_account", "session"))

    def test_change_ends_other_sessions_only(self):
        email = spare_account()
        account_id = account_of(email)[0]
        elsewhere = logged_in(email)
        browser = logged_in(email)
        self.assertEqual(elsewhere.get("/accueil").status, 200)

        reply = browser.post("/mes-informations/mot-de-passe",
                             {"current": FAMILY_PASSWORD, "password": NEW_PASSWORD,
                              "confirmation": NEW_PASSWORD})
        self.assertEqual(reply.status, 303)
        self.assertEqual(reply.header("Location"), "/mes-informations?message=mot-de-passe")
        page = browser.get(reply.header("Location"))
        self.assertEqual(page.status, 200)
        self.assertIn("Votre mot de passe a été changé.", page.visible_text())

        # The other browser is logged out; this one stays.
        self.assertEqual(elsewhere.get("/accueil").status, 303)
        self.assertEqual(browser.get("/accueil").status, 200)
        self.assertEqual(PORTAL.sql("SELECT count(*) FROM session WHERE account_id = ?", account_id)[0][0], 1)
        self.assertEqual(PORTAL.sql("SELECT state FROM citizen_account WHERE id = ?", account_id)[0][0], "active")
        self.assertEqual(audit_rows("change_password", "citizen_account", account_id),
                         [("citizen", account_id)])

        self.assertIn("incorrect", Browser(PORTAL).login(email=email).visible_text())
        self.assertEqual(Browser(PORTAL).login(email=email, password=NEW_PASSWORD).status, 303)

        # Put it back for the other tests.
        PORTAL.sql("UPDATE citizen_account SET password_hash = (SELECT password_hash FROM citizen_account "
                   "WHERE email = ?) WHERE id = ?", MARIE, account_id)
        self.assertEqual(Browser(PORTAL).login(email=email).status, 303)


class Paperless(unittest.TestCase):
    def test_confirmation_then_flag_once_and_mail_to_service(self):
        email = spare_account(paperless=False)
        account_id, family_id = account_of(email)
        reference = PORTAL.sql("SELECT reference FROM family WHERE id = ?", family_id)[0][0]
        browser = logged_in(email)
        page = browser.get("/mes-informations")
        self.assertIn("Ne plus recevoir les factures au format papier", page.visible_text())

        # First the confirmation step, which changes nothing.
        before = snapshot("family", "mail_outbox", "audit_log")
        reply = browser.post("/mes-informations/papier", {})
        self.assertEqual(reply.status, 200)
        self.assertIn("Vous avez demandé à ne plus recevoir les factures au format papier. Si vous "
                      "confirmez, un message électronique sera envoyé au service.", reply.visible_text())
        self.assertIn("Confirmer", reply.visible_text())
        self.assertIn('href="/mes-informations">Annuler', reply.text)
        self.assertEqual(before, snapshot("family", "mail_outbox", "audit_log"))

        reply = browser.post("/mes-informations/papier", {"confirmer": "1", "csrf": reply.csrf()})
        self.assertEqual(reply.status, 303)
        page = browser.get(reply.header("Location"))
        self.assertIn("vous ne recevrez plus les factures au format papier", page.visible_text())
        self.assertIn("Vous ne recevez plus les factures au format papier", page.visible_text())
        self.assertNotIn('action="/mes-informations/papier"', page.text)
        self.assertEqual(PORTAL.sql("SELECT paperless FROM family WHERE id = ?", family_id)[0][0], 1)
        self.assertTrue(PORTAL.sql("SELECT 1 FROM audit_log WHERE entity = 'family' AND entity_id = ? "
                                   "AND actor_kind = 'citizen' AND actor_id = ?", family_id, account_id))

        mail = wait_for_mail(PORTAL.maildir, SERVICE, subject=reference)[-1]
        self.assertIn("Factures papier", str(mail["Subject"]))
        self.assertIn(reference, mail_text(mail))
        self.assertIn(email, mail_text(mail))

        # Once only: asking again changes nothing and sends nothing.
        before = snapshot("family", "mail_outbox", "audit_log")
        reply = browser.post("/mes-informations/papier", {"confirmer": "1"})
        self.assertEqual(reply.status, 303)
        self.assertEqual(reply.header("Location"), "/mes-informations")
        self.assertEqual(before, snapshot("family", "mail_outbox", "audit_log"))
        self.assertEqual(len(wait_for_mail(PORTAL.maildir, SERVICE, subject=reference)), 1)

    def test_missing_csrf_changes_nothing(self):
        email = spare_account(paperless=False)
        family_id = account_of(email)[1]
        browser = logged_in(email)
        before = snapshot("family", "mail_outbox")
        reply = browser.post("/mes-informations/papier", {"confirmer": "1"}, csrf=False)
        self.assertEqual(reply.status, 403)
        self.assertEqual(before, snapshot("family", "mail_outbox"))
        self.assertEqual(PORTAL.sql("SELECT paperless FROM family WHERE id = ?", family_id)[0][0], 0)


class Contact(unittest.TestCase):
    def test_form_is_prefilled_and_shows_the_service(self):
        page = logged_in(MARIE).get("/contact")
        self.assertEqual(page.status, 200)
        self.assertIn('value="Marie DUPONT"', page.text)
        self.assertIn('value="%s"' % MARIE, page.text)
        self.assertIn('placeholder="Message du portail"', page.text)
        text = page.visible_text()
        self.assertIn("Informations générales", text)
        self.assertIn("04 78 00 00 00", text)
        self.assertIn("Du lundi au vendredi", text)

    def test_message_is_stored_and_sent_to_the_service(self):
        account_id, family_id = account_of(MARIE)
        reference = PORTAL.sql("SELECT reference FROM family WHERE id = ?", family_id)[0][0]
        browser = logged_in(MARIE)
        body = "Bonjour,\nLéa mangera sans porc à partir de lundi.\nMerci <b>beaucoup</b> !"
        reply = browser.post("/contact", {"name": "Marie Dupont", "email": " Marie.Dupont@Exemple.fr ",
                                          "subject": "Régime de Léa", "message": body})
        self.assertEqual(reply.status, 303)
        self.assertEqual(reply.header("Location"), "/contact?message=envoye")
        self.assertIn("Votre message a été envoyé au service.", browser.get(reply.header("Location")).visible_text())

        rows = PORTAL.sql("SELECT id, family_id, direction, account_id, sender_name, sender_email, subject, body "
                          "FROM message WHERE subject = 'Régime de Léa'")
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0][1:], (family_id, "in", account_id, "Marie Dupont", MARIE, "Régime de Léa", body))
        self.assertEqual(audit_rows("send", "message", rows[0][0]), [("citizen", account_id)])

        mail = wait_for_mail(PORTAL.maildir, SERVICE, subject="Régime de Léa")[-1]
        self.assertIn(reference, str(mail["Subject"]))
        self.assertIn(reference, mail_text(mail))
        self.assertIn("Léa mangera sans porc", mail_text(mail))
        self.assertIn(MARIE, mail_text(mail))

    def test_default_subject(self):
        browser = logged_in(PIERRE)
        reply = browser.post("/contact", {"name": "Pierre Martin", "email": PIERRE, "subject": "  ",
                                          "message": "Une question sur la facture d’octobre."})
        self.assertEqual(reply.status, 303)
        rows = PORTAL.sql("SELECT subject FROM message WHERE body = 'Une question sur la facture d’octobre.'")
        self.assertEqual(rows, [("Message du portail",)])

    def test_bad_input_comes_back_and_stores_nothing(self):
        browser = logged_in(MARIE)
        long_text = "Très long message. " * 270  # 5130 characters
        for fields, error_id, says in (
                ({"message": long_text}, "erreur-message", "5 000 caractères au plus"),
                ({"message": "   "}, "erreur-message", "Écrivez votre message."),
                ({"email": "pas-une-adresse"}, "erreur-adresse", "Saisissez une adresse électronique valide"),
                ({"name": ""}, "erreur-nom", "Indiquez votre nom."),
                ({"subject": "x" * 201}, "erreur-objet", "L’objet est trop long"),
                ({"name": "<b>Marie</b>", "message": ""}, "erreur-message", "Écrivez votre message.")):
            typed = {"name": "Marie Dupont", "email": MARIE, "subject": "Un objet", "message": "Bonjour"}
            typed.update(fields)
            before = snapshot("message", "mail_outbox", "audit_log")
            reply = browser.post("/contact", typed)
            self.assertEqual(reply.status, 200)
            self.assertIn('id="%s"' % error_id, reply.text)
            self.assertIn(says, reply.visible_text())
            self.assertNotIn("Votre message a été envoyé", reply.visible_text())
            # What the family typed is kept, escaped.
            self.assertIn(">%s</textarea>" % html.escape(typed["message"]), reply.text)
            self.assertIn('value="%s"' % html.escape(typed["name"]), reply.text)
            self.assertIn('value="%s"' % html.escape(typed["subject"]), reply.text)
            self.assertNotIn("<b>Marie</b>", reply.text)
            self.assertEqual(before, snapshot("message", "mail_outbox", "audit_log"))
        self.assertIn('value="&lt;b&gt;Marie&lt;/b&gt;"', reply.text)

    def test_missing_csrf_stores_nothing(self):
        browser = logged_in(MARIE)
        other = logged_in(PIERRE).get("/contact").csrf()
        before = snapshot("message", "mail_outbox", "audit_log")
        fields = {"name": "Marie Dupont", "email": MARIE, "message": "Sans jeton"}
        self.assertEqual(browser.post("/contact", fields, csrf=False).status, 403)
        self.assertEqual(browser.post("/contact", dict(fields, csrf="0" * 64)).status, 403)
        # Another session's token does not do either.
        self.assertEqual(browser.post("/contact", dict(fields, csrf=other)).status, 403)
        self.assertEqual(before, snapshot("message", "mail_outbox", "audit_log"))


if __name__ == "__main__":
    main()
