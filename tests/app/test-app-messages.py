#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# "Messages" in the staff application, as an agent: the list shows the unread count; the
# "Non lus" filter hides read conversations; opening an unread message marks it read in the
# database; an empty reply is refused with a French message and stores nothing; a real
# reply is one message row (service → family) and one e-mail queued to the family.
# Screenshots at 1280×800 and 360×800. Prints TAP.

import os
import sqlite3
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from app_harness import PASSWORD, make_demo, plan, query, run_guichet, shot, tap  # noqa: E402

NEW_SUBJECT = "Nouvelle question envoyée pendant que l'application tourne"
REPLY = "Bonjour, nous avons bien noté l'absence : les repas ne seront pas facturés."


def main():
    with tempfile.TemporaryDirectory() as workdir:
        db = make_demo(workdir)
        if db is None:
            plan()
            return 1

        unread = query(db, "SELECT m.id, m.subject, m.body, m.sender_email, m.family_id "
                           "FROM message m WHERE m.direction = 'in' AND m.read_at IS NULL "
                           "AND m.thread_id IS NULL ORDER BY m.id LIMIT 1")
        read = query(db, "SELECT subject FROM message WHERE direction = 'in' "
                         "AND read_at IS NOT NULL AND thread_id IS NULL ORDER BY id LIMIT 1")
        n_unread = query(db, "SELECT count(*) FROM message WHERE direction = 'in' AND read_at IS NULL")[0][0]
        if not tap(unread and read and n_unread > 0, "the demo has read and unread messages"):
            plan()
            return 1
        thread_id, subject, body, email, family_id = unread[0]
        reference = query(db, "SELECT reference FROM family WHERE id = ?", (family_id,))[0][0]
        first_line = body.split("\n")[2] if body.count("\n") >= 2 else body
        others = query(db, "SELECT count(*) FROM message WHERE subject = ?", (subject,))[0][0]
        tap(others == 1, f"the subject “{subject}” names one conversation")
        before = query(db, "SELECT count(*) FROM message")[0][0]

        # The portal's part, played by a second connection once the list is on screen
        # (its screenshot written): the page must show the new message without a restart.
        listed = shot('messages-list-1280x800')
        if os.path.exists(listed):
            os.remove(listed)

        def portal_writes():
            deadline = time.monotonic() + 120
            while not os.path.exists(listed) and time.monotonic() < deadline:
                time.sleep(0.2)
            with sqlite3.connect(db, timeout=30) as conn:
                conn.execute("INSERT INTO message (family_id, direction, sender_name, sender_email, "
                             "subject, body, created_at) SELECT family_id, 'in', sender_name, "
                             "sender_email, ?, 'Bonjour, une nouvelle question.', "
                             "strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM message WHERE id = ?",
                             (NEW_SUBJECT, thread_id))

        writer = threading.Thread(target=portal_writes, daemon=True)
        writer.start()
        run_guichet(db, f"""size 1280 800
login agent {PASSWORD}
expect-mode main
page messages
expect-text {n_unread} message{'s' if n_unread > 1 else ''} non lu
expect-text {read[0][0]}
expect-no-text {NEW_SUBJECT}
screenshot {listed}
expect-text {NEW_SUBJECT}
expect-text {n_unread + 1} messages non lus
size 360 800
screenshot {shot('messages-list-360')}
size 1280 800
click unread_filter
expect-text {subject}
expect-no-text {read[0][0]}
screenshot {shot('messages-unread-1280x800')}
activate-row {subject}
expect-text {first_line[:40]}
expect-text Ouvrir la famille
click Envoyer la réponse
expect-text Écrivez d’abord la réponse.
screenshot {shot('messages-empty-reply-1280x800')}
set reply_view {REPLY}
click Envoyer la réponse
wait 400
expect-toast Réponse envoyée
expect-no-text Écrivez d’abord la réponse.
expect-text {REPLY}
screenshot {shot('messages-thread-1280x800')}
size 360 800
screenshot {shot('messages-thread-360')}
size 1280 800
click Ouvrir la famille
wait 600
expect-no-text Envoyer la réponse
expect-text {reference}
screenshot {shot('messages-open-family-1280x800')}
quit
""", workdir, "agent")

        writer.join(timeout=5)
        state = query(db, "SELECT read_at IS NOT NULL FROM message WHERE id = ?", (thread_id,))
        tap(state == [(1,)], "the opened message is read in the database")
        replies = query(db, "SELECT direction, body, staff_id IS NOT NULL, family_id FROM message "
                            "WHERE thread_id = ? AND direction = 'out'", (thread_id,))
        tap(replies == [("out", REPLY, 1, family_id)],
            f"one reply stored in the thread, service → family, by the agent: {replies}")
        tap(query(db, "SELECT count(*) FROM message")[0][0] == before + 2,
            "the empty reply stored nothing (one message from the portal, one reply)")
        mails = query(db, "SELECT recipient, body_text LIKE ? FROM mail_outbox WHERE kind = 'reply'",
                      (f"%{REPLY}%",))
        tap(mails == [(email, 1)], f"one e-mail queued to the family's address {email}: {mails}")
        audit = query(db, "SELECT action FROM audit_log a JOIN staff_user s ON s.id = a.actor_id "
                          "WHERE s.login = 'agent' AND a.entity = 'message' ORDER BY a.id")
        tap(audit == [("mark-read",), ("reply",)], f"reading and replying are audited: {audit}")

    plan()
    return 0


if __name__ == "__main__":
    sys.exit(main())
