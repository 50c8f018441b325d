#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The staff application's dashboard under Xvfb: as the régisseur, every figure shown is
# the one an operator computes from the database with plain SQL (formatted the French way,
# "1 243,11 €"), a figure opens its section, and the bar chart is drawn; as the agent, no
# money figure and no chart, but documents and messages. Screenshots at 1280×800 and
# 360×800, in light and dark mode, in tests/artifacts/app/. Prints TAP.

import datetime
import os
import struct
import sys
import tempfile
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from app_harness import (PASSWORD, make_demo, plan, query, run_guichet, shot,  # noqa: E402
                         tap)

NNBSP = "\u202f"  # between groups of thousands
NBSP = "\u00a0"   # before the euro sign


def money(cents):
    """As shared/gf-money.c writes it: "1 243,11 €", "-5,00 €"."""
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    groups = f"{euros:,}".replace(",", NNBSP)
    return f"{sign}{groups},{rest:02d}{NBSP}€"


def plural(n, one, many):
    return f"{n} {one if n <= 1 else many}"


def expected_figures(db):
    today = datetime.date.today()
    month = today.strftime("%Y-%m")
    unpaid = query(db, """
        SELECT count(*), ifnull(sum(i.total_cents
                 - ifnull((SELECT sum(a.amount_cents) FROM payment_allocation a
                            WHERE a.invoice_id = i.id), 0)
                 + ifnull((SELECT sum(c.total_cents) FROM invoice c
                            WHERE c.credit_for_id = i.id AND c.state <> 'draft'), 0)), 0)
          FROM invoice i WHERE i.state = 'unpaid' AND i.kind = 'invoice'""")[0]
    collected = query(db, "SELECT ifnull(sum(amount_cents), 0) FROM payment "
                          "WHERE substr(paid_at, 1, 7) = ?", (month,))[0][0]
    payfip = query(db, "SELECT count(*) FROM payfip_operation "
                       "WHERE state IN ('created', 'pending')")[0][0]
    documents = query(db, "SELECT count(*) FROM document WHERE state = 'pending'")[0][0]
    messages = query(db, "SELECT count(*) FROM message "
                         "WHERE direction = 'in' AND read_at IS NULL")[0][0]
    return {
        "amount_label": money(unpaid[1]),
        "count_label": plural(unpaid[0], "facture", "factures"),
        "collected_label": money(collected),
        "payfip_label": str(payfip),
        "documents_label": str(documents),
        "messages_label": str(messages),
    }, unpaid, collected, documents, messages


def read_png(path):
    """(width, height, rows of RGBA bytes) of an 8-bit RGB or RGBA PNG, stdlib only."""
    with open(path, "rb") as f:
        data = f.read()
    pos, idat, width, height, channels = 8, b"", 0, 0, 4
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", body[:10])
            channels = {2: 3, 6: 4}[color]
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b = prev[x]
            c = prev[x - channels] if x >= channels else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, channels, rows


def picture_stats(path):
    """How many pixels are the accent blue of the bars, and the mean brightness."""
    try:
        width, height, channels, rows = read_png(path)
    except (OSError, KeyError, zlib.error):
        return -1, -1
    blue, total = 0, 0
    for row in rows:
        for x in range(0, width * channels, channels * 2):
            r, g, b = row[x], row[x + 1], row[x + 2]
            total += r + g + b
            if b > 170 and b > r + 70 and g > r:
                blue += 1
    return blue, total / (3 * height * (width // 2 or 1))


def main():
    with tempfile.TemporaryDirectory() as workdir:
        db = make_demo(workdir)
        if db is None:
            plan()
            return 1
        figures, unpaid, collected, documents, messages = expected_figures(db)
        tap(unpaid[0] > 0 and collected > 0 and documents > 0 and messages > 0,
            f"the demo has something to show: {unpaid[0]} unpaid, {collected} cents this "
            f"month, {documents} documents, {messages} unread messages")

        checks = "\n".join(f"expect-value {k} {v}" for k, v in figures.items())
        light = shot("dashboard-regisseur-1280x800")
        narrow = shot("dashboard-regisseur-360x800")
        script = f"""size 1280 800
login regisseur {PASSWORD}
expect-mode main
expect-dashboard
{checks}
expect-text Encaissements sur douze mois
screenshot {light}
size 360 800
screenshot {narrow}
size 1280 800
click Documents à valider
expect-text {plural(documents, 'document', 'documents')} en attente de décision
page dashboard
click Factures impayées
expect-no-text Encaissements sur douze mois
quit
"""
        run_guichet(db, script, workdir, "regisseur")
        blue, _ = picture_stats(light)
        tap(blue > 1500, f"the bar chart is drawn in the accent colour ({blue} sampled pixels)")
        blue, _ = picture_stats(narrow)
        tap(blue > 150, f"the bar chart is drawn at 360 px too ({blue} sampled pixels)")

        # The agent: documents and messages, no money.
        agent = shot("dashboard-agent-1280x800")
        script = f"""size 1280 800
login agent {PASSWORD}
expect-mode main
expect-dashboard
expect-value documents_label {figures['documents_label']}
expect-value messages_label {figures['messages_label']}
expect-text Documents à valider
expect-text Messages non lus
expect-no-text Factures impayées
expect-no-text Encaissé ce mois-ci
expect-no-text Paiements PayFiP en cours
expect-no-text {figures['amount_label']}
expect-no-text Encaissements sur douze mois
screenshot {agent}
click Messages non lus
expect-no-text Documents à valider
quit
"""
        run_guichet(db, script, workdir, "agent")
        blue, _ = picture_stats(agent)
        tap(0 <= blue < 300, f"no chart for the agent ({blue} accent pixels)")

        # Dark mode, as a person whose desktop prefers it.
        os.environ["ADW_DEBUG_COLOR_SCHEME"] = "prefer-dark"
        dark = shot("dashboard-regisseur-dark-1280x800")
        dark_narrow = shot("dashboard-regisseur-dark-360x800")
        script = f"""size 1280 800
login regisseur {PASSWORD}
expect-dashboard
expect-value amount_label {figures['amount_label']}
screenshot {dark}
size 360 800
screenshot {dark_narrow}
quit
"""
        run_guichet(db, script, workdir, "dark")
        del os.environ["ADW_DEBUG_COLOR_SCHEME"]
        blue, dark_mean = picture_stats(dark)
        _, light_mean = picture_stats(light)
        tap(0 <= dark_mean < 100 < light_mean,
            f"dark mode is dark (mean brightness {dark_mean:.0f}, light {light_mean:.0f})")
        tap(blue > 1500, f"the bars show in dark mode ({blue} accent pixels)")

    plan()
    return 0


if __name__ == "__main__":
    sys.exit(main())
