#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Portal throughput with wrk on loopback, against a 10,000-family demo database.

Measures, in the same run and with 32 connections: a logged-in family's "Non réglées"
page, and a static file served by the same process (the ceiling); prints requests/s,
p50/p99 latency, the ratio page/ceiling (goal >= 0.6) and the portal's peak RSS (goal
< 50 MB). Usage: bench-portal.py GUICHET_ADMIN GUICHET_PORTAIL [FAMILIES] [SECONDS]
"""
import http.client
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse


def wrk(port, path, cookie, seconds):
    run = subprocess.run(["wrk", "-t2", "-c32", "-d%ds" % seconds, "--latency",
                          "-H", "Cookie: " + cookie, "http://127.0.0.1:%d%s" % (port, path)],
                         capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit("wrk failed on %s: %s %s" % (path, run.stdout, run.stderr))
    out = run.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def latency(p):
        value, unit = re.search(r"\s%s%%\s+([\d.]+)(us|ms|s)" % p, out).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, latency(50), latency(99), int(errors.group(1)) if errors else 0


def main():
    admin, portail = sys.argv[1], sys.argv[2]
    families = int(sys.argv[3]) if len(sys.argv) > 3 else 10000
    seconds = int(sys.argv[4]) if len(sys.argv) > 4 else 10
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (apt-get install wrk)")
    work = tempfile.mkdtemp(prefix="gf-bench-portal-")
    db = os.path.join(work, "demo.db")
    subprocess.run([admin, "demo", db, "--families", str(families), "--today", "2026-11-22"],
                   check=True, stdout=subprocess.DEVNULL)
    # The access log goes to a file: a pipe nobody reads would fill and stop the portal.
    log_path = os.path.join(work, "access.log")
    log = open(log_path, "w")
    portal = subprocess.Popen([portail, "--db", db, "--listen", "127.0.0.1:0",
                               "--maildir", os.path.join(work, "mail")],
                              stdout=log, stderr=subprocess.DEVNULL, text=True)
    try:
        port = None
        for _ in range(200):
            match = re.search(r"listening on http://127\.0\.0\.1:(\d+)", open(log_path).read())
            if match:
                port = int(match.group(1))
                break
            time.sleep(0.05)
        conn = http.client.HTTPConnection("127.0.0.1", port)
        conn.request("GET", "/connexion")
        reply = conn.getresponse()
        page = reply.read().decode()
        csrf_cookie = re.search(r"gf_csrf=([^;]+)", reply.getheader("Set-Cookie")).group(1)
        token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
        body = urllib.parse.urlencode({"csrf": token, "email": "marie.dupont@exemple.fr",
                                       "password": "Demo-Famille-2026"})
        conn.request("POST", "/connexion", body=body,
                     headers={"Content-Type": "application/x-www-form-urlencoded",
                              "Cookie": "gf_csrf=" + csrf_cookie})
        reply = conn.getresponse()
        reply.read()
        session = re.search(r"gf_session=([^;]+)", reply.getheader("Set-Cookie")).group(1)
        cookie = "gf_csrf=%s; gf_session=%s" % (csrf_cookie, session)

        page = wrk(port, "/factures?onglet=non-reglees", cookie, seconds)
        ceiling = wrk(port, "/static/portal.css", cookie, seconds)
        with open("/proc/%d/status" % portal.pid) as status:
            peak_kb = int(re.search(r"VmHWM:\s+(\d+) kB", status.read()).group(1))

        print("portal, %d families, 32 connections, %d s each:" % (families, seconds))
        print("  'Non réglées' page: %8.0f req/s, p50 %6.2f ms, p99 %6.2f ms, %d errors" % page)
        print("  static file:        %8.0f req/s, p50 %6.2f ms, p99 %6.2f ms, %d errors" % ceiling)
        print("  ratio page/ceiling: %.2f (goal >= 0.6)" % (page[0] / ceiling[0]))
        print("  peak RSS: %.1f MB (goal < 50 MB)" % (peak_kb / 1024.0))
    finally:
        portal.send_signal(signal.SIGTERM)
        try:
            portal.wait(timeout=30)
        except subprocess.TimeoutExpired:
            print("  the portal did not stop within 30 s of SIGTERM", file=sys.stderr)
            portal.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
