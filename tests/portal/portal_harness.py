# SPDX-License-Identifier: GPL-3.0-or-later
"""A real guichet-portail on loopback, a demo database, and a browser-like HTTP client.

Used by the portal's integration tests. Nothing is mocked: the server is the installed
binary, the database is made by guichet-admin, requests go over TCP.
"""
import http.client
import http.cookies
import os
import re
import signal
import sqlite3
import subprocess
import tempfile
import time
import sys
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tap_http import DIRS, LOGS, Response, run_tap  # noqa: E402

PORTAIL = os.environ.get("GUICHET_PORTAIL")
ADMIN = os.environ.get("GUICHET_ADMIN")
TODAY = "2026-11-22"
FAMILY_PASSWORD = "Demo-Famille-2026"


class Portal:
    """guichet-portail running on a demo database of its own."""

    def __init__(self, families=30, extra_args=(), env=None, before_start=None):
        self.dir = tempfile.mkdtemp(prefix="gf-portal-")
        DIRS.append(self.dir)
        LOGS.append(os.path.join(self.dir, "portal.log"))
        self.db = os.path.join(self.dir, "demo.db")
        self.maildir = os.path.join(self.dir, "mail")
        subprocess.run([ADMIN, "demo", self.db, "--families", str(families), "--today", TODAY],
                       check=True, stdout=subprocess.DEVNULL)
        if before_start is not None:
            before_start(self)
        self.log = open(os.path.join(self.dir, "portal.log"), "w+")
        environment = dict(os.environ)
        environment.update(env or {})
        self.process = subprocess.Popen(
            [PORTAIL, "--db", self.db, "--listen", "127.0.0.1:0", "--maildir", self.maildir,
             *extra_args],
            stdout=subprocess.PIPE, stderr=self.log, text=True, env=environment)
        line = self.process.stdout.readline()
        match = re.search(r"listening on (http://127\.0\.0\.1:(\d+))", line)
        if not match:
            self.stop()
            raise RuntimeError("portal did not start: %r" % line)
        self.log.write(line)
        self.url = match.group(1)
        self.port = int(match.group(2))
        # The access log goes on to stdout: drain it, or a full pipe would stop the portal.
        import threading
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self):
        for line in self.process.stdout:
            self.log.write(line)
            self.log.flush()

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()

    def sql(self, query, *args):
        with sqlite3.connect(self.db, timeout=10) as con:
            return con.execute(query, args).fetchall()

    def snapshot(self, *tables):
        """Every row of @tables, to prove that a refused request changed nothing."""
        with sqlite3.connect(self.db, timeout=10) as con:
            return {t: con.execute("SELECT * FROM %s ORDER BY 1" % t).fetchall() for t in tables}


class Browser:
    """Keeps cookies like a browser; follows nothing by itself."""

    def __init__(self, portal):
        self.portal = portal
        self.cookies = {}

    def request(self, method, path, body=None, headers=None, raw_body=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.portal.port, timeout=30)
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        data = raw_body
        if body is not None:
            data = urllib.parse.urlencode(body).encode()
            headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        conn.request(method, path, body=data, headers=headers)
        reply = conn.getresponse()
        response = Response(reply.status, reply.getheaders(), reply.read())
        conn.close()
        for key, value in response.headers:
            if key.lower() == "set-cookie":
                cookie = http.cookies.SimpleCookie(value)
                for name, morsel in cookie.items():
                    if morsel["max-age"] == "0" or morsel.value == "":
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = morsel.value
        return response

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, fields, csrf=True, **kw):
        fields = dict(fields)
        if csrf and "csrf" not in fields:
            fields["csrf"] = self.current_csrf(path)
        return self.request("POST", path, body=fields, **kw)

    def current_csrf(self, path):
        page = self.get(path if path in ("/connexion", "/activation", "/mot-de-passe-oublie",
                                           "/contact", "/mes-informations") else "/accueil")
        token = page.csrf()
        if token is None:
            page = self.get("/connexion")
            token = page.csrf()
        return token

    def login(self, email="marie.dupont@exemple.fr", password=FAMILY_PASSWORD, remember=False):
        fields = {"email": email, "password": password}
        if remember:
            fields["souvenir"] = "1"
        return self.post("/connexion", fields)


def main():
    run_tap()


def read_mails(maildir):
    """Every message delivered to the portal's maildir, oldest first, as email objects."""
    import email
    import email.policy
    new = os.path.join(maildir, "new")
    if not os.path.isdir(new):
        return []
    paths = sorted((os.path.join(new, n) for n in os.listdir(new)), key=os.path.getmtime)
    mails = []
    for path in paths:
        with open(path, "rb") as handle:
            mails.append(email.message_from_binary_file(handle, policy=email.policy.default))
    return mails


def wait_for_mail(maildir, to, count=1, timeout=20.0, subject=""):
    """Waits until @count messages to @to (whose subject contains @subject) have arrived;
    returns them, oldest first."""
    deadline = time.time() + timeout
    while True:
        found = [m for m in read_mails(maildir) if to in str(m["To"]) and subject in str(m["Subject"])]
        if len(found) >= count:
            return found
        if time.time() > deadline:
            raise AssertionError("no mail to %s after %.0f s (%d found)" % (to, timeout, len(found)))
        time.sleep(0.1)


def mail_text(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def mail_link(message):
    match = re.search(r"https?://\S+jeton=[A-Za-z0-9_-]+", mail_text(message))
    if not match:
        raise AssertionError("no link in: " + mail_text(message))
    return match.group(0)
