/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-child.h"
#include "gf-citizen-account.h"
#include "gf-family-list.h"
#include "gf-money.h"
#include "gf-test-util.h"
#include "gf-validate.h"

static const GfActor agent = { GF_ACTOR_STAFF, 1, "camille" };

/* The three families most cases use. */
typedef struct
{
  GfDb   *db;
  gint64  dupont;    /* Paris, 2 children, active account, 123,45 € unpaid */
  gint64  bernard;   /* Lyon, 1 child, pending account, nothing unpaid */
  gint64  caron;     /* Arles, no child, no account, 9,99 € unpaid */
} Fixture;

static void
set_text (char       **slot,
          const char  *value)
{
  g_free (*slot);
  *slot = g_strdup (value);
}

static gint64
add_family (GfDb       *db,
            const char *last_name,
            const char *first_name,
            const char *email,
            const char *city)
{
  g_autoptr(GfFamily) family = gf_family_new ();
  g_autoptr(GfGuardian) payer = gf_guardian_new (0);
  g_autoptr(GError) error = NULL;

  set_text (&family->email, email);
  set_text (&family->city, city);
  set_text (&payer->last_name, last_name);
  set_text (&payer->first_name, first_name);
  g_assert_true (gf_family_create_with_payer (db, &agent, family, payer, &error));
  g_assert_no_error (error);
  return family->id;
}

static void
add_child (GfDb       *db,
           gint64      family_id,
           const char *first_name)
{
  g_autoptr(GfChild) child = gf_child_new (family_id);
  g_autoptr(GError) error = NULL;

  set_text (&child->last_name, "Enfant");
  set_text (&child->first_name, first_name);
  set_text (&child->birth_date, "2018-06-01");
  g_assert_true (gf_child_create (db, &agent, child, &error));
  g_assert_no_error (error);
}

static void
add_account (GfDb       *db,
             gint64      family_id,
             const char *email,
             const char *state)
{
  g_autoptr(GfCitizenAccount) account = gf_citizen_account_new (family_id, email);
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  g_assert_true (gf_citizen_account_create (db, &agent, account, &error));
  g_assert_no_error (error);
  /* The activation flow is another module's business; only the state matters here. */
  sql = g_strdup_printf ("UPDATE citizen_account SET state = '%s', password_hash = 'x' "
                         "WHERE id = %" G_GINT64_FORMAT, state, account->id);
  g_assert_true (gf_db_exec (db, sql, &error));
}

static void
add_invoice (GfDb       *db,
             gint64      family_id,
             const char *number,
             const char *state,
             gint64      total_cents,
             gint64      paid_cents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("INSERT INTO invoice (number, family_id, issue_date, due_date, object, "
                         "  total_cents, state, published_at, paid_at, created_at) "
                         "VALUES ('%s', %" G_GINT64_FORMAT ", '2026-10-01', '2026-10-31', 'Cantine', "
                         "  %" G_GINT64_FORMAT ", '%s', '2026-10-01T08:00:00Z', %s, "
                         "  '2026-10-01T08:00:00Z')",
                         number, family_id, total_cents, state,
                         g_str_equal (state, "paid") ? "'2026-10-05T08:00:00Z'" : "NULL");
  g_assert_true (gf_db_exec (db, sql, &error));
  g_assert_no_error (error);
  if (paid_cents > 0)
    {
      g_autofree char *pay = g_strdup_printf (
        "INSERT INTO payment (family_id, method, amount_cents, paid_at, created_at) "
        "VALUES (%" G_GINT64_FORMAT ", 'cash', %" G_GINT64_FORMAT ", '2026-10-02', '2026-10-02');"
        "INSERT INTO payment_allocation (payment_id, invoice_id, amount_cents) "
        "VALUES (last_insert_rowid (), (SELECT id FROM invoice WHERE number = '%s'), %"
        G_GINT64_FORMAT ")", family_id, paid_cents, number, paid_cents);

      g_assert_true (gf_db_exec (db, pay, &error));
      g_assert_no_error (error);
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GfDb *db = fixture->db = gf_test_db_new (NULL);

  fixture->dupont = add_family (db, "Dupont", "Marie", "marie.dupont@exemple.fr", "Paris");
  fixture->bernard = add_family (db, "Bernard", "Sophie", "sophie.bernard@exemple.fr", "Lyon");
  fixture->caron = add_family (db, "Caron", "Luc", "luc.caron@exemple.fr", "Arles");

  add_child (db, fixture->dupont, "Héloïse");
  add_child (db, fixture->dupont, "Noé");
  add_child (db, fixture->bernard, "Timothée");
  add_account (db, fixture->dupont, "marie.dupont@exemple.fr", "active");
  add_account (db, fixture->bernard, "sophie.bernard@exemple.fr", "pending");

  /* 100,00 + 50,00 - 26,55 paid = 123,45 € left; paid invoices do not count. */
  add_invoice (db, fixture->dupont, "F-1", "unpaid", 10000, 0);
  add_invoice (db, fixture->dupont, "F-2", "unpaid", 5000, 2655);
  add_invoice (db, fixture->dupont, "F-3", "paid", 7000, 7000);
  add_invoice (db, fixture->bernard, "F-4", "paid", 3000, 3000);
  add_invoice (db, fixture->caron, "F-5", "unpaid", 999, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->db);
}

static void
assert_ids (GArray *ids,
            ...)
{
  va_list args;
  guint i = 0;
  gint64 expected;

  g_assert_nonnull (ids);
  va_start (args, ids);
  while ((expected = va_arg (args, gint64)) != 0)
    {
      g_assert_cmpuint (i, <, ids->len);
      g_assert_cmpint (g_array_index (ids, gint64, i), ==, expected);
      i++;
    }
  va_end (args);
  g_assert_cmpuint (i, ==, ids->len);
}

static GArray *
list (Fixture           *fixture,
      const char        *search,
      GfFamilySort       sort,
      GfFamilyListFlags  flags)
{
  g_autoptr(GError) error = NULL;
  GArray *ids = gf_family_list_ids (fixture->db, search, sort, flags, &error);

  g_assert_no_error (error);
  return ids;
}

static void
test_sort (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GArray) by_ref = list (f, NULL, GF_FAMILY_SORT_REFERENCE, 0);
  g_autoptr(GArray) by_name = list (f, NULL, GF_FAMILY_SORT_NAME, 0);
  g_autoptr(GArray) by_name_desc = list (f, NULL, GF_FAMILY_SORT_NAME, GF_FAMILY_LIST_DESCENDING);
  g_autoptr(GArray) by_city = list (f, NULL, GF_FAMILY_SORT_CITY, 0);
  g_autoptr(GArray) by_children = list (f, NULL, GF_FAMILY_SORT_CHILDREN, 0);
  g_autoptr(GArray) by_email = list (f, NULL, GF_FAMILY_SORT_EMAIL, 0);
  g_autoptr(GArray) by_account = list (f, NULL, GF_FAMILY_SORT_ACCOUNT, 0);
  g_autoptr(GArray) by_unpaid = list (f, NULL, GF_FAMILY_SORT_UNPAID, GF_FAMILY_LIST_DESCENDING);

  /* References follow creation order. */
  assert_ids (by_ref, f->dupont, f->bernard, f->caron, (gint64) 0);
  assert_ids (by_name, f->bernard, f->caron, f->dupont, (gint64) 0);
  assert_ids (by_name_desc, f->dupont, f->caron, f->bernard, (gint64) 0);
  assert_ids (by_city, f->caron, f->bernard, f->dupont, (gint64) 0);
  assert_ids (by_children, f->caron, f->bernard, f->dupont, (gint64) 0);
  assert_ids (by_email, f->caron, f->dupont, f->bernard, (gint64) 0);
  /* Active, pending, then none. */
  assert_ids (by_account, f->dupont, f->bernard, f->caron, (gint64) 0);
  assert_ids (by_unpaid, f->dupont, f->caron, f->bernard, (gint64) 0);
}

static void
test_stable_ties (Fixture       *f,
                  gconstpointer  data)
{
  gint64 second_caron = add_family (f->db, "Zola", "Émile", "emile@exemple.fr", "Arles");
  g_autoptr(GArray) by_city = list (f, NULL, GF_FAMILY_SORT_CITY, 0);
  g_autoptr(GArray) by_city_desc = list (f, NULL, GF_FAMILY_SORT_CITY, GF_FAMILY_LIST_DESCENDING);

  /* Two families in Arles: the older file first, and exactly reversed when descending. */
  assert_ids (by_city, f->caron, second_caron, f->bernard, f->dupont, (gint64) 0);
  assert_ids (by_city_desc, f->dupont, f->bernard, second_caron, f->caron, (gint64) 0);
}

static void
test_archived (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) shown = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) searched = NULL;

  g_assert_true (gf_family_set_archived (f->db, &agent, f->bernard, TRUE, &error));
  shown = list (f, NULL, GF_FAMILY_SORT_REFERENCE, 0);
  all = list (f, NULL, GF_FAMILY_SORT_REFERENCE, GF_FAMILY_LIST_INCLUDE_ARCHIVED);
  searched = list (f, "bernard", GF_FAMILY_SORT_REFERENCE, 0);

  assert_ids (shown, f->dupont, f->caron, (gint64) 0);
  assert_ids (all, f->dupont, f->bernard, f->caron, (gint64) 0);
  assert_ids (searched, (gint64) 0);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GfFamily) caron = gf_family_get (f->db, f->caron, NULL);
  g_autoptr(GArray) by_child = list (f, "timo", GF_FAMILY_SORT_NAME, 0);
  g_autoptr(GArray) by_child_accent = list (f, "heloise", GF_FAMILY_SORT_NAME, 0);
  g_autoptr(GArray) by_reference = list (f, caron->reference, GF_FAMILY_SORT_NAME, 0);
  g_autoptr(GArray) by_email = list (f, "sophie.bernard@exemple.fr", GF_FAMILY_SORT_NAME, 0);
  g_autoptr(GArray) by_guardian = list (f, "LUC", GF_FAMILY_SORT_NAME, 0);
  g_autoptr(GArray) nothing = list (f, "xyzzy", GF_FAMILY_SORT_NAME, 0);
  g_autoptr(GArray) blank = list (f, "  \"* ", GF_FAMILY_SORT_REFERENCE, 0);
  g_autoptr(GArray) hostile = list (f, "'; DROP TABLE family; --", GF_FAMILY_SORT_NAME, 0);
  g_autoptr(GArray) prefix = list (f, "exemple", GF_FAMILY_SORT_NAME, GF_FAMILY_LIST_DESCENDING);
  g_autoptr(GArray) search_ids = NULL;
  g_autoptr(GArray) no_search_ids = NULL;
  g_autoptr(GError) error = NULL;

  assert_ids (by_child, f->bernard, (gint64) 0);
  assert_ids (by_child_accent, f->dupont, (gint64) 0);
  assert_ids (by_reference, f->caron, (gint64) 0);
  assert_ids (by_email, f->bernard, (gint64) 0);
  assert_ids (by_guardian, f->caron, (gint64) 0);
  assert_ids (nothing, (gint64) 0);
  /* Nothing searchable: every family. */
  assert_ids (blank, f->dupont, f->bernard, f->caron, (gint64) 0);
  assert_ids (hostile, (gint64) 0);
  /* The search keeps the requested order. */
  assert_ids (prefix, f->dupont, f->caron, f->bernard, (gint64) 0);
  g_assert_cmpint (gf_test_count (f->db, "SELECT count(*) FROM family"), ==, 3);

  /* The per-keystroke form: ids in increasing order, archived included. */
  g_assert_true (gf_family_set_archived (f->db, &agent, f->caron, TRUE, &error));
  search_ids = gf_family_search_ids (f->db, "exem", &error);
  g_assert_no_error (error);
  assert_ids (search_ids, f->dupont, f->bernard, f->caron, (gint64) 0);
  no_search_ids = gf_family_search_ids (f->db, "--", &error);
  g_assert_no_error (error);
  assert_ids (no_search_ids, (gint64) 0);
}

static void
test_summaries (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 ids[] = { f->caron, 999999, f->dupont, f->bernard };
  g_autoptr(GPtrArray) rows = gf_family_summaries (f->db, ids, G_N_ELEMENTS (ids), &error);
  g_autoptr(GfFamilySummary) missing = gf_family_summary_get (f->db, 999999, &error);
  GfFamilySummary *caron, *dupont, *bernard;
  g_autofree char *amount = NULL;

  g_assert_error (error, GF_DB_ERROR, GF_DB_ERROR_NOT_FOUND);
  g_assert_null (missing);
  g_assert_nonnull (rows);
  /* The unknown id is left out, the order kept. */
  g_assert_cmpuint (rows->len, ==, 3);
  caron = rows->pdata[0];
  dupont = rows->pdata[1];
  bernard = rows->pdata[2];

  g_assert_cmpint (dupont->id, ==, f->dupont);
  g_assert_cmpstr (dupont->name, ==, "DUPONT Marie");
  g_assert_cmpstr (dupont->city, ==, "Paris");
  g_assert_cmpint (dupont->n_children, ==, 2);
  g_assert_cmpstr (dupont->email, ==, "marie.dupont@exemple.fr");
  g_assert_cmpstr (dupont->account_state, ==, "active");
  g_assert_cmpint (dupont->unpaid_cents, ==, 12345);
  g_assert_false (dupont->archived);
  amount = gf_money_format (dupont->unpaid_cents);
  g_assert_cmpstr (amount, ==, "123,45\u00a0€");

  g_assert_cmpstr (bernard->account_state, ==, "pending");
  g_assert_cmpint (bernard->n_children, ==, 1);
  g_assert_cmpint (bernard->unpaid_cents, ==, 0);

  g_assert_cmpstr (caron->account_state, ==, "");
  g_assert_cmpint (caron->n_children, ==, 0);
  g_assert_cmpint (caron->unpaid_cents, ==, 999);
  g_assert_true (g_str_has_prefix (caron->reference, "20"));
}

static void
test_create_with_payer (void)
{
  g_autoptr(GfDb) db = gf_test_db_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GfFamily) family = gf_family_new ();
  g_autoptr(GfGuardian) payer = gf_guardian_new (0);
  g_autoptr(GPtrArray) guardians = NULL;
  g_autoptr(GfFamily) stored = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *year = g_strdup_printf ("%04d-", g_date_time_get_year (now));

  set_text (&family->address_line1, "3 rue des Lilas");
  set_text (&family->postal_code, "69003");
  set_text (&family->city, "Lyon");
  set_text (&family->email, "Nadia.Roux@Exemple.fr");
  set_text (&payer->civility, "Mme");
  set_text (&payer->last_name, "Roux");
  set_text (&payer->first_name, "Nadia");
  set_text (&payer->email, "nadia.roux@exemple.fr");
  set_text (&payer->phone_mobile, "0612345678");

  g_assert_true (gf_family_create_with_payer (db, &agent, family, payer, &error));
  g_assert_no_error (error);
  g_assert_cmpint (family->id, >, 0);
  g_assert_cmpint (payer->family_id, ==, family->id);
  g_assert_true (payer->payer);
  /* "2026-000001": the year and a number, as the demo writes them. */
  g_assert_true (g_str_has_prefix (family->reference, year));
  g_assert_cmpuint (strlen (family->reference), ==, 11);

  stored = gf_family_get (db, family->id, &error);
  g_assert_cmpstr (stored->display_name, ==, "ROUX Nadia");
  g_assert_cmpstr (stored->email, ==, "nadia.roux@exemple.fr");
  guardians = gf_guardian_list (db, family->id, &error);
  g_assert_cmpuint (guardians->len, ==, 1);
  g_assert_cmpstr (((GfGuardian *)guardians->pdata[0])->phone_mobile, ==, "06 12 34 56 78");

  /* Both creations in the audit log, by the agent. */
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM audit_log WHERE action = 'create' "
                                      "AND entity IN ('family', 'guardian') "
                                      "AND actor_label = 'camille'"), ==, 2);
}

static void
test_create_bad_input (void)
{
  g_autoptr(GfDb) db = gf_test_db_new (NULL);
  const struct
  {
    const char *column;
    gboolean    on_payer;
    const char *value;
  } cases[] = {
    { "email", TRUE, "marie.dupont@" },
    { "email", FALSE, "pas une adresse" },
    { "last_name", TRUE, "   " },
    { "first_name", TRUE, "" },
    { "phone_mobile", TRUE, "12" },
    { "postal_code", FALSE, "7501" },
    { "civility", TRUE, "Dr" },
    { "city", FALSE, NULL },   /* 101 characters, set below */
  };
  g_autofree char *families_before = gf_test_dump_table (db, "family");
  g_autofree char *guardians_before = gf_test_dump_table (db, "guardian");
  gint64 audit_before = gf_test_count (db, "SELECT count(*) FROM audit_log");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GfFamily) family = gf_family_new ();
      g_autoptr(GfGuardian) payer = gf_guardian_new (0);
      g_autoptr(GError) error = NULL;
      g_autofree char *long_city = g_strnfill (101, 'a');
      char **slot = NULL;

      set_text (&payer->last_name, "Roux");
      set_text (&payer->first_name, "Nadia");
      for (guint f = 0; f < (cases[i].on_payer ? gf_guardian_spec.n_fields : gf_family_spec.n_fields); f++)
        {
          const GfField *field = cases[i].on_payer ? &gf_guardian_spec.fields[f]
                                                   : &gf_family_spec.fields[f];

          if (g_str_equal (field->column, cases[i].column))
            slot = G_STRUCT_MEMBER_P (cases[i].on_payer ? (gpointer) payer : (gpointer) family,
                                      field->offset);
        }
      g_assert_nonnull (slot);
      set_text (slot, cases[i].value != NULL ? cases[i].value : long_city);

      g_assert_false (gf_family_create_with_payer (db, &agent, family, payer, &error));
      g_assert_true (error != NULL && error->domain == GF_INPUT_ERROR);
      g_assert_cmpint (family->id, ==, 0);
      g_assert_cmpint (payer->id, ==, 0);
    }

  /* The bad cases changed nothing at all. */
  {
    g_autofree char *families_after = gf_test_dump_table (db, "family");
    g_autofree char *guardians_after = gf_test_dump_table (db, "guardian");

    g_assert_cmpstr (families_after, ==, families_before);
    g_assert_cmpstr (guardians_after, ==, guardians_before);
    g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM audit_log"), ==, audit_before);
  }

  /* A failure inside the transaction (a duplicate reference) leaves nothing behind either. */
  {
    g_autoptr(GfFamily) first = gf_family_new ();
    g_autoptr(GfFamily) second = gf_family_new ();
    g_autoptr(GfGuardian) payer1 = gf_guardian_new (0);
    g_autoptr(GfGuardian) payer2 = gf_guardian_new (0);
    g_autoptr(GError) error = NULL;
    g_autofree char *families_mid = NULL;
    g_autofree char *families_end = NULL;
    gint64 audit_mid;

    set_text (&payer1->last_name, "Roux");
    set_text (&payer1->first_name, "Nadia");
    set_text (&payer2->last_name, "Petit");
    set_text (&payer2->first_name, "Jean");
    set_text (&first->reference, "2026-TEST");
    set_text (&second->reference, "2026-TEST");
    g_assert_true (gf_family_create_with_payer (db, &agent, first, payer1, &error));
    families_mid = gf_test_dump_table (db, "family");
    audit_mid = gf_test_count (db, "SELECT count(*) FROM audit_log");

    g_assert_false (gf_family_create_with_payer (db, &agent, second, payer2, &error));
    g_assert_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_DUPLICATE);
    g_assert_cmpint (second->id, ==, 0);
    g_assert_cmpint (payer2->id, ==, 0);
    families_end = gf_test_dump_table (db, "family");
    g_assert_cmpstr (families_end, ==, families_mid);
    g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM guardian"), ==, 1);
    g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM audit_log"), ==, audit_mid);
  }
  g_assert_cmpint (gf_test_count (db, "SELECT count(*) FROM audit_log"), ==, audit_before + 2);
}

static void
test_account_labels (void)
{
  /* The list's summaries say "" for a family without an account. */
  g_assert_cmpstr (gf_citizen_account_state_label ("active"), ==, "Active");
  g_assert_cmpstr (gf_citizen_account_state_label ("pending"), ==, "Waiting for activation");
  g_assert_cmpstr (gf_citizen_account_state_label ("disabled"), ==, "Disabled");
  g_assert_cmpstr (gf_citizen_account_state_label (""), ==, "No portal account");
  g_assert_cmpstr (gf_citizen_account_state_label (NULL), ==, "No portal account");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gf_test_init_env ();

  g_test_add ("/gf/family-list/sort", Fixture, NULL, fixture_set_up, test_sort, fixture_tear_down);
  g_test_add ("/gf/family-list/stable-ties", Fixture, NULL, fixture_set_up, test_stable_ties,
              fixture_tear_down);
  g_test_add ("/gf/family-list/archived", Fixture, NULL, fixture_set_up, test_archived,
              fixture_tear_down);
  g_test_add ("/gf/family-list/search", Fixture, NULL, fixture_set_up, test_search,
              fixture_tear_down);
  g_test_add ("/gf/family-list/summaries", Fixture, NULL, fixture_set_up, test_summaries,
              fixture_tear_down);
  g_test_add_func ("/gf/family-list/create-with-payer", test_create_with_payer);
  g_test_add_func ("/gf/family-list/create-bad-input", test_create_bad_input);
  g_test_add_func ("/gf/family-list/account-labels", test_account_labels);

  return g_test_run ();
}
