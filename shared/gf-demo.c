/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-demo.h"
#include "gf-demo-private.h"

#include "gf-audit.h"
#include "gf-crypto.h"
#include "gf-date.h"
#include "gf-i18n.h"
#include "gf-validate.h"

#include <stdarg.h>
#include <string.h>

/* The demo's families and their year of billing. Everything is drawn from one GRand
 * seeded by the caller and dated from "today", so a (seed, size, today) always gives the
 * same database, except for the password hashes (random salts) and the audit timestamp. */

#define FAMILY_PASSWORD "Demo-Famille-2026"
#define STAFF_PASSWORD  "Demo-Guichet-2026"

static const char * const statements[N_STMTS] = {
  [STMT_SETTING] = "INSERT INTO setting (key, value) VALUES (?1, ?2) "
                   "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  [STMT_STAFF] = "INSERT INTO staff_user (login, display_name, role, password_hash, created_at, "
                 "last_login_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
  [STMT_ESTABLISHMENT] = "INSERT INTO establishment (kind, name, address, postal_code, city, "
                         "phone) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
  [STMT_SERVICE] = "INSERT INTO service (code, name, kind, unit) VALUES (?1, ?2, ?3, ?4)",
  [STMT_TARIFF] = "INSERT INTO tariff (service_id, qf_min, qf_max, unit_price_cents, valid_from, "
                  "valid_to) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
  [STMT_CLOSED_DAY] = "INSERT INTO closed_day (day, establishment_id, label) VALUES (?1, ?2, ?3)",
  [STMT_PERIOD] = "INSERT INTO reservation_period (service_id, establishment_id, name, first_day, "
                  "last_day, opens_at, closes_at, weekdays, mode, deadline_days, deadline_time, "
                  "published) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 2, '10:00', 1)",
  [STMT_AUTH_TYPE] = "INSERT INTO authorization_type (code, label, position) VALUES (?1, ?2, ?3)",
  [STMT_DOC_TYPE] = "INSERT INTO document_type (label, scope, required, validity_months, "
                    "description) VALUES (?1, ?2, ?3, ?4, ?5)",
  [STMT_ANNOUNCEMENT] = "INSERT INTO announcement (title, body, published, published_at, "
                        "created_by, created_at, updated_at) VALUES (?1, ?2, 1, ?3, ?4, ?5, ?5)",
  [STMT_RUN] = "INSERT INTO billing_run (label, period_start, period_end, services, state, "
               "created_by, created_at, published_at) VALUES (?1, ?2, ?3, "
               "'[\"CANTINE\",\"ACC_MATIN\",\"ACC_SOIR\",\"MERCREDI\",\"CRECHE\"]', "
               "'published', ?4, ?5, ?6)",
  [STMT_FAMILY] = "INSERT INTO family (id, reference, address_line1, address_line2, "
                  "postal_code, city, phone, email, quotient_familial, paperless, direct_debit, "
                  "iban, bic, mandate_reference, mandate_date, created_at, updated_at) VALUES "
                  "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
  [STMT_GUARDIAN] = "INSERT INTO guardian (family_id, civility, last_name, first_name, relation, "
                    "phone_mobile, phone_home, phone_work, email, payer, created_at, updated_at) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
  [STMT_CHILD] = "INSERT INTO child (family_id, last_name, first_name, birth_date, sex, "
                 "establishment_id, class_name, diet, allergies, medical_history, observations, "
                 "doctor_name, doctor_phone, pai, pai_details, created_at, updated_at) VALUES "
                 "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16)",
  [STMT_CONTACT] = "INSERT INTO child_contact (child_id, last_name, first_name, relation, "
                   "address, postal_code, city, phone1, phone2, emergency, pickup) VALUES "
                   "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
  [STMT_CHILD_AUTH] = "INSERT INTO child_authorization (child_id, type_id, value, updated_at) "
                      "VALUES (?1, ?2, ?3, ?4)",
  [STMT_ENROLMENT] = "INSERT INTO enrolment (child_id, service_id, establishment_id, start_date, "
                     "end_date) VALUES (?1, ?2, ?3, ?4, ?5)",
  [STMT_ACCOUNT] = "INSERT INTO citizen_account (family_id, email, state, password_hash, "
                   "last_login_at, activated_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
  [STMT_INVOICE] = "INSERT INTO invoice (number, family_id, billing_run_id, kind, credit_for_id, "
                   "issue_date, due_date, object, total_cents, state, direct_debit, "
                   "published_at, paid_at, treasury_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5, "
                   "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
  [STMT_LINE] = "INSERT INTO invoice_line (invoice_id, position, child_id, service_id, label, "
                "quantity_centi, unit_price_cents, amount_cents) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                "?7, ?8)",
  [STMT_PAYFIP] = "INSERT INTO payfip_operation (idop, refdet, family_id, account_id, "
                  "amount_cents, email, saisie, state, resultrans, numauto, dattrans, heurtrans, "
                  "created_at, updated_at, lock_until, settled_at) VALUES (?1, ?2, ?3, ?4, ?5, "
                  "?6, 'T', 'paid', 'P', ?7, ?8, ?9, ?10, ?11, ?12, ?11)",
  [STMT_PAYFIP_INVOICE] = "INSERT INTO payfip_operation_invoice (operation_id, invoice_id, "
                          "amount_cents, locked) VALUES (?1, ?2, ?3, 0)",
  [STMT_PAYMENT] = "INSERT INTO payment (family_id, method, amount_cents, paid_at, reference, "
                   "bank, payfip_operation_id, recorded_by, created_at) VALUES (?1, ?2, ?3, ?4, "
                   "?5, ?6, ?7, ?8, ?4)",
  [STMT_ALLOCATION] = "INSERT INTO payment_allocation (payment_id, invoice_id, amount_cents) "
                      "VALUES (?1, ?2, ?3)",
  [STMT_RESERVATION] = "INSERT INTO reservation (child_id, period_id, day, state, created_at, "
                       "updated_at) VALUES (?1, ?2, ?3, 'accepted', ?4, ?4)",
  [STMT_MESSAGE] = "INSERT INTO message (family_id, thread_id, direction, account_id, staff_id, "
                   "sender_name, sender_email, subject, body, created_at, read_at) VALUES "
                   "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
  [STMT_DOCUMENT] = "INSERT INTO document (family_id, child_id, type_id, file_name, media_type, "
                    "size_bytes, sha256, state, reason, decided_by, decided_at, valid_until, "
                    "uploaded_at) VALUES (?1, ?2, (SELECT id FROM document_type WHERE label = ?3), "
                    "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
};

/* The audit entry counts the rows of each table. */
static const char * const statement_tables[N_STMTS] = {
  "setting", "staff_user", "establishment", "service", "tariff", "closed_day",
  "reservation_period", "authorization_type", "document_type", "announcement", "billing_run",
  "family", "guardian", "child", "child_contact", "child_authorization", "enrolment",
  "citizen_account", "invoice", "invoice_line", "payfip_operation", "payfip_operation_invoice",
  "payment", "payment_allocation", "reservation", "message", "document",
};

static const GfDemoLogin logins[] = {
  { "agent", STAFF_PASSWORD, "Camille Agent, agent d'accueil : familles, inscriptions" },
  { "regisseur", STAFF_PASSWORD, "Nadia Régisseuse, régisseuse : factures et encaissements" },
  { "admin", STAFF_PASSWORD, "Louis Administrateur, administrateur : paramètres et comptes" },
  { "marie.dupont@exemple.fr", FAMILY_PASSWORD,
    "Famille DUPONT : 2 enfants, factures à payer, un avoir, une facture au Trésor public" },
  { "pierre.martin@exemple.fr", FAMILY_PASSWORD,
    "Famille MARTIN : 2 enfants, factures réglées en espèces, CESU ou virement" },
  { "sophie.bernard@exemple.fr", "",
    "Famille BERNARD : compte à activer (saisir l'adresse sur le portail)" },
};

/*
 * Helpers shared with the other gf-demo-*.c files
 */

/* Binds by @types ('s' text or NULL, 'i' int, 'l' gint64, 'r' gint64 id with 0 for NULL),
 * steps, and returns the new rowid; after the first failure it does nothing. */
gint64
_gf_demo_insert (GfDemo      *self,
                 GfDemoStmt   which,
                 const char  *types,
                 ...)
{
  GfStmt *stmt = self->stmts[which];
  va_list args;
  gboolean ok;
  int index = 1;

  if (self->error != NULL)
    return 0;
  g_assert ((int) strlen (types) == sqlite3_bind_parameter_count (stmt));

  va_start (args, types);
  for (const char *t = types; *t != '\0'; t++, index++)
    {
      const char *text;
      gint64 value;

      switch (*t)
        {
        case 's':
          text = va_arg (args, const char *);
          if (text != NULL)
            sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
          else
            sqlite3_bind_null (stmt, index);
          break;
        case 'i':
          sqlite3_bind_int (stmt, index, va_arg (args, int));
          break;
        case 'l':
          sqlite3_bind_int64 (stmt, index, va_arg (args, gint64));
          break;
        case 'r':
          value = va_arg (args, gint64);
          if (value > 0)
            sqlite3_bind_int64 (stmt, index, value);
          else
            sqlite3_bind_null (stmt, index);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  va_end (args);

  ok = gf_db_step_done (self->db, stmt, &self->error);
  gf_stmt_release (stmt);
  if (!ok)
    {
      g_prefix_error (&self->error, "demo data, table %s: ", statement_tables[which]);
      return 0;
    }

  self->n_rows[which]++;
  return gf_db_last_insert_id (self->db);
}

guint
_gf_demo_random (GfDemo *self,
                 guint   n)
{
  return n <= 1 ? 0 : (guint) g_rand_int_range (self->rand, 0, (gint32) n);
}

gboolean
_gf_demo_chance (GfDemo *self,
                 guint   permille)
{
  return _gf_demo_random (self, 1000) < permille;
}

guint32
_gf_demo_julian (int year,
                 int month,
                 int day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return g_date_get_julian (&date);
}

void
_gf_demo_dmy (guint32  julian,
              int     *year,
              int     *month,
              int     *day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  *year = g_date_get_year (&date);
  *month = g_date_get_month (&date);
  *day = g_date_get_day (&date);
}

/* 1 for Monday … 7 for Sunday, as GDateWeekday; Julian day 1 was a Monday. */
int
_gf_demo_weekday (guint32 julian)
{
  return (int) ((julian - 1) % 7) + 1;
}

void
_gf_demo_format_date (char    out[11],
                      guint32 julian)
{
  int y, m, d;

  _gf_demo_dmy (julian, &y, &m, &d);
  g_snprintf (out, 11, "%04d-%02d-%02d", y, m, d);
}

void
_gf_demo_format_timestamp (char    out[21],
                           guint32 julian,
                           guint   seconds)
{
  int y, m, d;

  _gf_demo_dmy (julian, &y, &m, &d);
  g_snprintf (out, 21, "%04d-%02d-%02dT%02u:%02u:%02uZ", y, m, d,
              seconds / 3600 % 24, seconds / 60 % 60, seconds % 60);
}

guint8
_gf_demo_day_flags (GfDemo  *self,
                    guint32  julian)
{
  if (julian < self->calendar_first || julian - self->calendar_first >= self->n_calendar_days)
    return 0;
  return self->day_flags[julian - self->calendar_first];
}

/*
 * Auxiliary methods
 */

static guint32
years_before (guint32 julian,
              guint   years)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  g_date_subtract_years (&date, years);
  return g_date_get_julian (&date);
}

/*
 * The transaction
 */

typedef struct
{
  const GfDemoOptions *options;
  GDate                today;
  const char          *family_hash;
  const char          *staff_hash;
} Generation;

static void
demo_free (GfDemo *self)
{
  for (guint i = 0; i < N_STMTS; i++)
    if (self->stmts[i] != NULL)
      gf_stmt_release (self->stmts[i]);
  g_clear_pointer (&self->rand, g_rand_free);
  g_clear_pointer (&self->emails, g_hash_table_unref);
  g_clear_error (&self->error);
  g_free (self->day_flags);
  g_free (self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfDemo, demo_free)

static gboolean
family_table_is_empty (GfDb    *db,
                       GError **error)
{
  gint64 exists = 0;

  if (!gf_db_query_int64 (db, "SELECT EXISTS (SELECT 1 FROM family)", &exists, error))
    return FALSE;
  if (exists)
    {
      g_set_error_literal (error, GF_DB_ERROR, GF_DB_ERROR_EXISTS,
                           _("The database already holds families: the demo data goes only "
                             "into a new, empty database."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
generate_cb (GfDb      *db,
             GfChange  *change,
             gpointer   user_data,
             GError   **error)
{
  Generation *generation = user_data;
  g_autoptr(GfDemo) self = g_new0 (GfDemo, 1);
  g_autofree Family *families = NULL;
  JsonObject *details;
  char today[11];

  /* Everything lives here, not in @generation: gf_db_write() may run this again. */
  self->db = db;
  self->rand = g_rand_new_with_seed (generation->options->seed);
  self->emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->n_families = generation->options->n_families;
  self->family_hash = generation->family_hash;
  self->staff_hash = generation->staff_hash;
  self->today = g_date_get_julian (&generation->today);
  self->three_years_ago = years_before (self->today, 3);
  self->eleven_years_ago = years_before (self->today, 11);
  /* From August on, the school year that is about to start. */
  self->school_year = g_date_get_year (&generation->today)
                      - (g_date_get_month (&generation->today) < G_DATE_AUGUST);

  if (!family_table_is_empty (db, error))
    return FALSE;

  for (guint i = 0; i < N_STMTS; i++)
    if ((self->stmts[i] = gf_db_prepare (db, statements[i], error)) == NULL)
      return FALSE;
  /* Checked at COMMIT instead of at each row; see _gf_demo_add_family(). Reset by the COMMIT. */
  if (!gf_db_exec (db, "PRAGMA defer_foreign_keys = ON", error))
    return FALSE;

  families = g_new0 (Family, self->n_families);
  if (_gf_demo_add_town (self) && _gf_demo_add_billing_runs (self))
    {
      for (guint i = 0; i < self->n_families && self->error == NULL; i++)
        {
          families[i].index = i + 1;
          _gf_demo_add_family (self, &families[i]);
        }
      for (guint i = 0; i < self->n_families && self->error == NULL; i++)
        _gf_demo_add_billing (self, &families[i]);
    }

  if (self->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      return FALSE;
    }

  details = json_object_new ();
  json_object_set_int_member (details, "seed", generation->options->seed);
  json_object_set_int_member (details, "families", self->n_families);
  _gf_demo_format_date (today, self->today);
  json_object_set_string_member (details, "today", today);
  for (guint i = STMT_STAFF; i < N_STMTS; i++)
    json_object_set_int_member (details, statement_tables[i], (gint64) self->n_rows[i]);
  gf_change_record (change, "generate", "demo", 0, details);

  return TRUE;
}

/*
 * Public API
 */

void
gf_demo_options_init (GfDemoOptions *options)
{
  g_return_if_fail (options != NULL);

  options->n_families = GF_DEMO_DEFAULT_FAMILIES;
  options->seed = 1;
  options->today = NULL;
}

/**
 * gf_demo_generate:
 * @db: a freshly migrated database without families
 * @options: (nullable): the size, seed and date of the demo; %NULL for the defaults
 *
 * Fills the database with the demo town in one write transaction, with one audit entry.
 * A database that already holds families is refused (%GF_DB_ERROR_EXISTS) and left as
 * it was.
 */
gboolean
gf_demo_generate (GfDb                 *db,
                  const GfDemoOptions  *options,
                  GError              **error)
{
  GfActor actor = GF_ACTOR_INIT_SYSTEM ("demo");
  GfDemoOptions defaults;
  Generation generation = { options };
  g_autofree char *family_hash = NULL;
  g_autofree char *staff_hash = NULL;

  g_return_val_if_fail (GF_IS_DB (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    {
      gf_demo_options_init (&defaults);
      generation.options = options = &defaults;
    }

  if (options->n_families < 1 || options->n_families > GF_DEMO_MAX_FAMILIES)
    {
      g_set_error (error, GF_INPUT_ERROR, GF_INPUT_ERROR_OUT_OF_RANGE,
                   _("The demo needs between 1 and %u families."),
                   (guint) GF_DEMO_MAX_FAMILIES);
      return FALSE;
    }

  if (options->today != NULL)
    {
      if (!gf_date_parse_iso (options->today, &generation.today, error))
        return FALSE;
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_date_clear (&generation.today, 1);
      g_date_set_dmy (&generation.today, g_date_time_get_day_of_month (now),
                      g_date_time_get_month (now), g_date_time_get_year (now));
    }
  if (g_date_get_year (&generation.today) < 2000 || g_date_get_year (&generation.today) > 2900)
    {
      g_set_error_literal (error, GF_INPUT_ERROR, GF_INPUT_ERROR_OUT_OF_RANGE,
                           _("The demo date must fall between the years 2000 and 2900."));
      return FALSE;
    }

  /* Checked here too so that a full database costs no password hashing; the check that
   * counts is the one inside the transaction. */
  if (!family_table_is_empty (db, error))
    return FALSE;

  /* Argon2id is slow on purpose: one hash per distinct password, shared by its accounts. */
  family_hash = gf_password_hash (FAMILY_PASSWORD, error);
  if (family_hash == NULL)
    return FALSE;
  staff_hash = gf_password_hash (STAFF_PASSWORD, error);
  if (staff_hash == NULL)
    return FALSE;
  generation.family_hash = family_hash;
  generation.staff_hash = staff_hash;

  return gf_db_change (db, &actor, generate_cb, &generation, error);
}

const GfDemoLogin *
gf_demo_logins (guint *n_logins)
{
  if (n_logins != NULL)
    *n_logins = G_N_ELEMENTS (logins);
  return logins;
}
