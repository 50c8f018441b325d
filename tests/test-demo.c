/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-audit.h"
#include "gf-crypto.h"
#include "gf-date.h"
#include "gf-demo.h"
#include "gf-test-util.h"
#include "gf-validate.h"

#include <glib/gstdio.h>

#define TODAY    "2026-11-22"
#define FAMILIES 60

typedef struct
{
  GfDb *db;
  char *path;
} Demo;

static void
demo_free (Demo *demo)
{
  g_autofree char *dir = g_path_get_dirname (demo->path);
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_clear_object (&demo->db);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (demo->path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
  g_free (demo->path);
  g_free (demo);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Demo, demo_free)

static Demo *
demo_new (guint       n_families,
          guint32     seed,
          const char *today)
{
  g_autoptr(GError) error = NULL;
  Demo *demo = g_new0 (Demo, 1);
  GfDemoOptions options;

  demo->db = gf_test_db_new (&demo->path);
  gf_demo_options_init (&options);
  options.n_families = n_families;
  options.seed = seed;
  options.today = today;
  g_assert_true (gf_demo_generate (demo->db, &options, &error));
  g_assert_no_error (error);
  return demo;
}

static gint64
count (Demo       *demo,
       const char *sql)
{
  return gf_test_count (demo->db, sql);
}

/* One line per table: its name and the SHA-256 of its rows in a stable order. Without
 * @everything, the columns that differ by design between two runs are left out: password
 * hashes (random salts) and the audit log's clock time and the hashes that cover it. */
static GPtrArray *
dump_database (GfDb     *db,
               gboolean  everything)
{
  sqlite3 *handle = gf_db_get_handle (db);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *tables = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT name FROM sqlite_schema WHERE "
                                       "type = 'table' ORDER BY name", -1, &tables, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (tables, 0);
      g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
      g_autoptr(GString) sql = g_string_new (NULL);
      sqlite3_stmt *rows = NULL;
      int n_columns;

      g_string_printf (sql, "SELECT * FROM \"%s\"", table);
      g_assert_cmpint (sqlite3_prepare_v2 (handle, sql->str, -1, &rows, NULL), ==, SQLITE_OK);
      n_columns = sqlite3_column_count (rows);
      sqlite3_finalize (rows);
      for (int i = 1; i <= n_columns; i++)
        g_string_append_printf (sql, "%s%d", i == 1 ? " ORDER BY " : ", ", i);
      g_assert_cmpint (sqlite3_prepare_v2 (handle, sql->str, -1, &rows, NULL), ==, SQLITE_OK);

      while (sqlite3_step (rows) == SQLITE_ROW)
        {
          for (int i = 0; i < n_columns; i++)
            {
              const char *column = sqlite3_column_name (rows, i);
              char type = '0' + sqlite3_column_type (rows, i);

              if (!everything &&
                  (g_str_equal (column, "password_hash") ||
                   (g_str_equal (table, "audit_log") &&
                    (g_str_equal (column, "at") || g_str_has_suffix (column, "hash")))))
                continue;
              g_checksum_update (checksum, (const guchar *) &type, 1);
              g_checksum_update (checksum, sqlite3_column_blob (rows, i),
                                 sqlite3_column_bytes (rows, i));
              g_checksum_update (checksum, (const guchar *) "\x1f", 1);
            }
          g_checksum_update (checksum, (const guchar *) "\x1e", 1);
        }
      sqlite3_finalize (rows);
      g_ptr_array_add (lines, g_strdup_printf ("%s %s", table, g_checksum_get_string (checksum)));
    }
  sqlite3_finalize (tables);

  return g_steal_pointer (&lines);
}

static guint
differing_tables (GPtrArray *a,
                  GPtrArray *b)
{
  guint n = 0;

  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    n += g_strcmp0 (a->pdata[i], b->pdata[i]) != 0;
  return n;
}

static void
test_deterministic (void)
{
  g_autoptr(Demo) a = demo_new (FAMILIES, 1, TODAY);
  g_autoptr(Demo) b = demo_new (FAMILIES, 1, TODAY);
  g_autoptr(Demo) c = demo_new (FAMILIES, 2, TODAY);
  g_autoptr(GPtrArray) dump_a = dump_database (a->db, FALSE);
  g_autoptr(GPtrArray) dump_b = dump_database (b->db, FALSE);
  g_autoptr(GPtrArray) dump_c = dump_database (c->db, FALSE);

  /* Same seed, size and date: the same town, table by table. */
  for (guint i = 0; i < dump_a->len; i++)
    g_assert_cmpstr (dump_a->pdata[i], ==, dump_b->pdata[i]);

  /* Another seed: other people. */
  g_assert_cmpuint (differing_tables (dump_a, dump_c), >, 10);
  g_assert_cmpint (count (a, "SELECT count(*) FROM family"), ==, FAMILIES);
  g_assert_cmpint (count (c, "SELECT count(*) FROM family"), ==, FAMILIES);
}

/* What must hold whatever the seed, size and date. */
static void
check_consistency (Demo       *demo,
                   const char *today)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  GDate date;
  int school_year;

  g_assert_true (gf_date_parse_iso (today, &date, NULL));
  school_year = g_date_get_year (&date) - (g_date_get_month (&date) < G_DATE_AUGUST);

  g_assert_cmpint (count (demo, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM pragma_integrity_check "
                                "WHERE integrity_check <> 'ok'"), ==, 0);

  /* People: one payer, one or two guardians, one to four children, unique e-mails. */
  g_assert_cmpint (count (demo, "SELECT count(*) FROM family f WHERE (SELECT count(*) FROM "
                                "guardian g WHERE g.family_id = f.id AND g.payer) <> 1"), ==, 0);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM family f WHERE (SELECT count(*) FROM "
                                "guardian g WHERE g.family_id = f.id) NOT BETWEEN 1 AND 2"), ==, 0);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM family f WHERE (SELECT count(*) FROM "
                                "child c WHERE c.family_id = f.id) NOT BETWEEN 1 AND 4"), ==, 0);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM (SELECT lower(email) FROM guardian "
                                "GROUP BY 1 HAVING count(*) > 1)"), ==, 0);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM guardian WHERE email NOT GLOB "
                                "'[a-z]*.[a-z]*@exemple.fr' OR email GLOB '*[^a-z0-9.@-]*'"),
                   ==, 0);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM guardian WHERE phone_mobile NOT GLOB "
                                "'0[67] [0-9][0-9] [0-9][0-9] [0-9][0-9] [0-9][0-9]'"), ==, 0);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM family f LEFT JOIN guardian g ON "
                                "g.family_id = f.id AND g.payer WHERE f.email <> g.email"), ==, 0);

  /* Children: the class of their birth year, 3 to 10 years old at school, under 3 at the
   * crèche; enrolled where they go. */
  g_assert_cmpint (sqlite3_prepare_v2 (gf_db_get_handle (demo->db),
                                       "SELECT c.birth_date, c.class_name, e.kind FROM child c "
                                       "JOIN establishment e ON e.id = c.establishment_id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      static const char * const classes[] = { "PS", "MS", "GS", "CP", "CE1", "CE2", "CM1", "CM2" };
      const char *class_name = (const char *) sqlite3_column_text (stmt, 1);
      const char *kind = (const char *) sqlite3_column_text (stmt, 2);
      GDate birth;
      int age, index;

      g_assert_true (gf_date_parse_iso ((const char *) sqlite3_column_text (stmt, 0), &birth,
                                        NULL));
      age = gf_date_age_on (&birth, &date);
      if (g_str_equal (kind, "creche"))
        {
          g_assert_cmpstr (class_name, ==, "");
          g_assert_cmpint (age, >=, 0);
          g_assert_cmpint (age, <, 3);
          continue;
        }
      g_assert_cmpstr (kind, ==, "school");
      g_assert_cmpint (age, >=, 3);
      g_assert_cmpint (age, <=, 10);
      index = school_year - 3 - g_date_get_year (&birth);
      g_assert_cmpint (index, >=, 0);
      g_assert_cmpint (index, <, 8);
      g_assert_cmpstr (class_name, ==, classes[index]);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM enrolment n JOIN child c ON "
                                "c.id = n.child_id WHERE n.establishment_id <> "
                                "c.establishment_id"), ==, 0);

  /* Invoices: totals are their lines; lines are quantity × the family's tariff. */
  g_assert_cmpint (count (demo, "SELECT count(*) FROM invoice i WHERE total_cents <> (SELECT "
                                "sum(amount_cents) FROM invoice_line l WHERE l.invoice_id = i.id)"),
                   ==, 0);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM invoice_line WHERE quantity_centi > 0 AND "
                                "amount_cents <> (quantity_centi * unit_price_cents + 50) / 100"),
                   ==, 0);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM invoice_line l JOIN invoice i ON "
                                "i.id = l.invoice_id JOIN billing_run r ON r.id = "
                                "i.billing_run_id JOIN family f ON f.id = i.family_id WHERE NOT "
                                "EXISTS (SELECT 1 FROM tariff t WHERE t.service_id = l.service_id "
                                "AND t.unit_price_cents = l.unit_price_cents AND r.period_start "
                                "BETWEEN t.valid_from AND ifnull(t.valid_to, '9999') AND "
                                "ifnull(f.quotient_familial, 999999) BETWEEN t.qf_min AND "
                                "ifnull(t.qf_max, 999999))"), ==, 0);

  /* Money: every paid invoice fully allocated, nothing overpaid, one credit note. */
  g_assert_cmpint (count (demo, "SELECT count(*) FROM invoice_balance b JOIN invoice i ON "
                                "i.id = b.invoice_id WHERE i.kind = 'invoice' AND i.state = "
                                "'paid' AND b.paid_cents <> b.total_cents + b.credited_cents"),
                   ==, 0);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM invoice_balance b JOIN invoice i ON "
                                "i.id = b.invoice_id WHERE i.kind = 'invoice' AND "
                                "b.total_cents + b.credited_cents - b.paid_cents < 0"), ==, 0);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM invoice_balance b JOIN invoice i ON "
                                "i.id = b.invoice_id WHERE i.state IN ('unpaid', 'treasury') "
                                "AND b.paid_cents <> 0"), ==, 0);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM payment p WHERE amount_cents <> (SELECT "
                                "sum(amount_cents) FROM payment_allocation a WHERE "
                                "a.payment_id = p.id)"), ==, 0);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM invoice WHERE kind = 'credit_note'"), ==, 1);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM invoice cn JOIN invoice i ON "
                                "i.id = cn.credit_for_id WHERE cn.kind = 'credit_note' AND "
                                "cn.total_cents < 0 AND cn.state = 'paid' AND i.state = 'unpaid' "
                                "AND i.family_id = cn.family_id"), ==, 1);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM invoice_line l JOIN invoice i ON "
                                "i.id = l.invoice_id WHERE i.kind = 'credit_note' AND "
                                "l.amount_cents < 0 AND l.label LIKE "
                                "'Avoir – repas non pris (grève du %)'"), ==, 1);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM payment p LEFT JOIN payfip_operation o ON "
                                "o.id = p.payfip_operation_id LEFT JOIN payfip_operation_invoice "
                                "oi ON oi.operation_id = o.id WHERE p.method = 'payfip' AND "
                                "(o.state IS NOT 'paid' OR oi.locked IS NOT 0 OR o.amount_cents "
                                "<> p.amount_cents OR o.refdet GLOB '*[^0-9]*' OR "
                                "length(o.refdet) NOT BETWEEN 6 AND 30 OR o.dattrans GLOB "
                                "'*[^0-9]*' OR o.heurtrans GLOB '*[^0-9]*')"), ==, 0);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM invoice i JOIN payment_allocation a ON "
                                "a.invoice_id = i.id JOIN payment p ON p.id = a.payment_id "
                                "WHERE i.direct_debit <> (p.method = 'direct_debit')"), ==, 0);

  /* Everything is dated from "today", nothing after it. */
  sql = g_strdup_printf ("SELECT count(*) FROM (SELECT created_at AS t FROM family UNION ALL "
                         "SELECT updated_at FROM family UNION ALL SELECT created_at FROM child "
                         "UNION ALL SELECT published_at FROM invoice UNION ALL SELECT paid_at "
                         "FROM invoice UNION ALL SELECT treasury_at FROM invoice UNION ALL "
                         "SELECT paid_at FROM payment UNION ALL SELECT settled_at FROM "
                         "payfip_operation UNION ALL SELECT last_login_at FROM citizen_account "
                         "UNION ALL SELECT activated_at FROM citizen_account UNION ALL SELECT "
                         "created_at FROM citizen_account UNION ALL SELECT created_at FROM "
                         "message UNION ALL SELECT read_at FROM message UNION ALL SELECT "
                         "published_at FROM announcement UNION ALL SELECT published_at FROM "
                         "billing_run UNION ALL SELECT issue_date FROM invoice UNION ALL "
                         "SELECT mandate_date FROM family) WHERE t > '%sT23:59:59Z'", today);
  g_assert_cmpint (count (demo, sql), ==, 0);
}

static void
test_content (void)
{
  g_autoptr(Demo) demo = demo_new (FAMILIES, 1, TODAY);
  static const char * const states[] = { "unpaid", "paid", "treasury" };
  static const char * const methods[] = { "payfip", "cash", "cheque", "cesu", "transfer",
                                          "direct_debit" };

  check_consistency (demo, TODAY);

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM invoice WHERE kind = "
                                              "'invoice' AND state = '%s'", states[i]);

      g_test_message ("invoices %s: %" G_GINT64_FORMAT, states[i], count (demo, sql));
      g_assert_cmpint (count (demo, sql), >, 0);
    }
  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM payment WHERE method = "
                                              "'%s'", methods[i]);

      g_test_message ("payments %s: %" G_GINT64_FORMAT, methods[i], count (demo, sql));
      g_assert_cmpint (count (demo, sql), >, 0);
    }
  /* Direct debit: debited invoices, and this month's still to come. */
  g_assert_cmpint (count (demo, "SELECT count(*) FROM invoice WHERE direct_debit AND "
                                "state = 'unpaid'"), >, 0);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM invoice WHERE direct_debit AND "
                                "state = 'treasury'"), ==, 0);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM invoice WHERE state = 'treasury' AND "
                                "(treasury_at IS NULL OR issue_date > date('" TODAY "', "
                                "'-3 months'))"), ==, 0);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM billing_run WHERE state = 'published'"),
                   ==, 12);
  /* Direct-debit families have a valid IBAN (checked below) and a mandate. */
  g_assert_cmpint (count (demo, "SELECT count(*) FROM family WHERE direct_debit"), >, 0);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM family WHERE direct_debit AND (iban NOT "
                                "GLOB 'FR76[0-9]*' OR length(iban) <> 27 OR length(bic) NOT IN "
                                "(8, 11) OR mandate_date IS NULL)"), ==, 0);
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (gf_db_get_handle (demo->db), "SELECT iban FROM family "
                                         "WHERE iban IS NOT NULL", -1, &stmt, NULL), ==, SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        const char *iban = (const char *) sqlite3_column_text (stmt, 0);
        g_autofree char *moved = g_strdup_printf ("%s152776", iban + 4);  /* + "FR76" */
        guint rest = 0;

        for (const char *p = moved; *p != '\0'; p++)
          rest = (rest * 10 + (guint) (*p - '0')) % 97;
        g_assert_cmpuint (rest, ==, 1);
      }
    sqlite3_finalize (stmt);
  }

  /* The town around the families. */
  g_assert_cmpint (count (demo, "SELECT count(*) FROM setting WHERE key = 'collectivite_name' "
                                "AND value = 'Mairie de Démonstration'"), ==, 1);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM setting"), >=, 14);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM establishment WHERE kind = 'school'"), ==, 3);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM establishment WHERE kind = 'creche'"), ==, 1);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM service"), ==, 5);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM tariff WHERE valid_to IS NULL"), ==, 20);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM reservation_period WHERE published"), ==,
                   3 * 4 * 5 + 6);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM reservation_period WHERE closes_at < "
                                "opens_at OR first_day > last_day"), ==, 0);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM closed_day WHERE day = '2026-12-25' AND "
                                "establishment_id IS NULL AND label = 'Noël'"), ==, 1);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM closed_day WHERE day = '2026-10-20' AND "
                                "label = 'Vacances de la Toussaint'"), ==, 3);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM authorization_type"), >=, 5);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM child_authorization"), >, 0);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM document_type WHERE required"), >=, 3);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM child_contact"), >, 0);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM announcement WHERE published"), ==, 1);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM message WHERE direction = 'in' AND "
                                "read_at IS NULL"), >, 0);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM citizen_account"), >, FAMILIES / 2);
}

static void
test_logins (void)
{
  g_autoptr(Demo) demo = demo_new (FAMILIES, 1, TODAY);
  static const char * const roles[] = { "agent", "regisseur", "admin" };
  const GfDemoLogin *logins;
  sqlite3_stmt *stmt = NULL;
  guint n_logins = 0;

  logins = gf_demo_logins (&n_logins);
  g_assert_cmpuint (n_logins, >=, 6);
  for (guint i = 0; i < n_logins; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT (SELECT count(*) FROM staff_user WHERE "
                                              "login = '%s') + (SELECT count(*) FROM "
                                              "citizen_account WHERE email = '%s')",
                                              logins[i].login, logins[i].login);

      g_assert_cmpint (count (demo, sql), ==, 1);
      g_assert_nonnull (logins[i].password);
      g_assert_cmpstr (logins[i].what, !=, "");
    }

  /* Marie DUPONT: two children, invoices to pay, paid ones, one at the Trésor public. */
  g_assert_cmpint (sqlite3_prepare_v2 (gf_db_get_handle (demo->db),
                                       "SELECT a.state, a.password_hash, a.family_id FROM "
                                       "citizen_account a WHERE a.email = ?1", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, "marie.dupont@exemple.fr", -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "active");
  g_assert_true (gf_password_verify ((const char *) sqlite3_column_text (stmt, 1),
                                     "Demo-Famille-2026"));
  g_assert_false (gf_password_verify ((const char *) sqlite3_column_text (stmt, 1),
                                      "Demo-Guichet-2026"));
  g_assert_cmpint (sqlite3_column_int64 (stmt, 2), ==, count (demo, "SELECT min(id) FROM family"));
  sqlite3_finalize (stmt);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM guardian WHERE family_id = 1 AND payer AND "
                                "first_name = 'Marie' AND last_name = 'DUPONT' AND civility = "
                                "'Mme'"), ==, 1);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM child WHERE family_id = 1"), ==, 2);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM invoice WHERE family_id = 1 AND "
                                "kind = 'invoice' AND state = 'unpaid'"), >=, 3);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM invoice WHERE family_id = 1 AND "
                                "state = 'paid' AND kind = 'invoice'"), >=, 1);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM invoice WHERE family_id = 1 AND "
                                "state = 'treasury'"), >=, 1);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM invoice WHERE family_id = 1 AND "
                                "kind = 'credit_note'"), ==, 1);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM reservation r JOIN child c ON "
                                "c.id = r.child_id WHERE c.family_id = 1"), >, 0);

  g_assert_cmpint (count (demo, "SELECT count(*) FROM citizen_account WHERE email = "
                                "'pierre.martin@exemple.fr' AND state = 'active' AND "
                                "family_id = 2"), ==, 1);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM citizen_account WHERE email = "
                                "'sophie.bernard@exemple.fr' AND state = 'pending' AND "
                                "password_hash IS NULL AND family_id = 3"), ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM staff_user WHERE role = "
                                              "'%s' AND active", roles[i]);

      g_assert_cmpint (count (demo, sql), ==, 1);
    }
  g_assert_cmpint (sqlite3_prepare_v2 (gf_db_get_handle (demo->db), "SELECT password_hash FROM "
                                       "staff_user WHERE login = 'admin'", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_true (gf_password_verify ((const char *) sqlite3_column_text (stmt, 0),
                                     "Demo-Guichet-2026"));
  sqlite3_finalize (stmt);
}

static void
test_refuses_non_empty (void)
{
  g_autoptr(Demo) demo = demo_new (5, 1, TODAY);
  g_autoptr(GPtrArray) before = dump_database (demo->db, TRUE);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  GfDemoOptions options;

  gf_demo_options_init (&options);
  options.today = TODAY;
  g_assert_false (gf_demo_generate (demo->db, &options, &error));
  g_assert_error (error, GF_DB_ERROR, GF_DB_ERROR_EXISTS);

  after = dump_database (demo->db, TRUE);
  g_assert_cmpuint (differing_tables (before, after), ==, 0);
}

static void
test_bad_options (void)
{
  g_autoptr(Demo) demo = g_new0 (Demo, 1);
  g_autoptr(GError) error = NULL;
  GfDemoOptions options;
  GfDb *db;

  db = demo->db = gf_test_db_new (&demo->path);

  gf_demo_options_init (&options);
  g_assert_cmpuint (options.n_families, ==, 200);
  g_assert_cmpuint (options.seed, ==, 1);
  g_assert_null (options.today);

  options.n_families = 0;
  g_assert_false (gf_demo_generate (db, &options, &error));
  g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);

  options.n_families = 10;
  options.today = "2026-13-01";
  g_assert_false (gf_demo_generate (db, &options, &error));
  g_assert_nonnull (error);

  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM setting"), ==, 0);
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM audit_log"), ==, 0);
}

static void
test_audit (void)
{
  g_autoptr(Demo) demo = demo_new (FAMILIES, 1, TODAY);
  g_autoptr(GError) error = NULL;
  gint64 rows = 0;

  g_assert_cmpint (count (demo, "SELECT count(*) FROM audit_log WHERE action = 'generate' AND "
                                "entity = 'demo' AND actor_kind = 'system' AND actor_label = "
                                "'demo'"), ==, 1);
  g_assert_cmpint (count (demo, "SELECT json_extract(details, '$.family') FROM audit_log"), ==,
                   FAMILIES);
  g_assert_cmpint (count (demo, "SELECT json_extract(details, '$.invoice') FROM audit_log"), ==,
                   count (demo, "SELECT count(*) FROM invoice"));
  g_assert_true (gf_audit_verify (demo->db, &rows, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rows, ==, 1);
}

/* Without a date, the demo is built around today's. */
static void
test_default_today (void)
{
  g_autoptr(Demo) demo = demo_new (4, 1, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  check_consistency (demo, today);
  g_assert_cmpint (count (demo, "SELECT count(*) FROM family"), ==, 4);
}

/* Other times of the year: in the summer, at the rentrée before the 5th, a leap day. */
static void
test_other_dates (void)
{
  static const char * const dates[] = { "2026-08-15", "2026-09-03", "2027-03-02", "2028-02-29",
                                        "2027-07-01" };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autoptr(Demo) demo = demo_new (12, 7 + i, dates[i]);

      g_test_message ("today = %s", dates[i]);
      check_consistency (demo, dates[i]);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gf_test_init_env ();

  g_test_add_func ("/gf/demo/deterministic", test_deterministic);
  g_test_add_func ("/gf/demo/content", test_content);
  g_test_add_func ("/gf/demo/logins", test_logins);
  g_test_add_func ("/gf/demo/refuses-non-empty", test_refuses_non_empty);
  g_test_add_func ("/gf/demo/bad-options", test_bad_options);
  g_test_add_func ("/gf/demo/audit", test_audit);
  g_test_add_func ("/gf/demo/other-dates", test_other_dates);
  g_test_add_func ("/gf/demo/default-today", test_default_today);

  return g_test_run ();
}
