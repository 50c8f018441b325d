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
#define MAX_KIDS        4
#define MAX_LINES       (MAX_KIDS * DEMO_N_SERVICES)
#define TREASURY_DAYS   92

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
};

/* The audit entry counts the rows of each table. */
static const char * const statement_tables[N_STMTS] = {
  "setting", "staff_user", "establishment", "service", "tariff", "closed_day",
  "reservation_period", "authorization_type", "document_type", "announcement", "billing_run",
  "family", "guardian", "child", "child_contact", "child_authorization", "enrolment",
  "citizen_account", "invoice", "invoice_line", "payfip_operation", "payfip_operation_invoice",
  "payment", "payment_allocation", "reservation", "message",
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

static const char * const classes[] = { "PS", "MS", "GS", "CP", "CE1", "CE2", "CM1", "CM2" };

typedef enum
{
  PAY_PAYFIP,
  PAY_CASH,
  PAY_CHEQUE,
  PAY_CESU,
  PAY_TRANSFER,
  PAY_DIRECT_DEBIT,
} PayMethod;

static const char * const method_names[] = {
  "payfip", "cash", "cheque", "cesu", "transfer", "direct_debit",
};

typedef struct
{
  const char *civility;
  const char *last_name;
  const char *first_name;
  const char *relation;
  char        email[96];
  char        mobile[16];
} Person;

typedef struct
{
  gint64      id;
  const char *first_name;
  gboolean    girl;
  guint32     birth;
  int         klass;         /* 0 (PS) … 7 (CM2) this school year; -1: at the crèche */
  int         school;
  gboolean    creche_before; /* went to the crèche before school */
  guint       rate[DEMO_N_SERVICES]; /* permille of the open days used; 0: not enrolled */
  guint       quarter_hours; /* a usual day at the crèche */
} Kid;

typedef struct
{
  guint     index;
  gint64    id;
  guint32   created;
  char      created_at[21];
  Person    guardians[2];
  guint     n_guardians;
  guint     payer;
  Kid       kids[MAX_KIDS];
  guint     n_kids;
  int       bracket;
  int       profile;         /* 0 pays on time, 1 pays late, 2 often does not pay */
  PayMethod method;          /* the usual way of paying */
  gboolean  direct_debit;
  char      mandate[36];
  gint64    account_id;
  gboolean  account_active;
} Family;

typedef struct
{
  guint  kid;
  int    service;
  gint64 quantity;
  int    price;
  gint64 amount;
} Line;

/*
 * Helpers shared with gf-demo-names.c
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

#define PICK(self, list) (_gf_demo_##list[_gf_demo_random ((self), _gf_demo_n_##list)])

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

static void
random_phone (GfDemo     *self,
              const char *prefix,
              char        out[16])
{
  guint n = _gf_demo_random (self, 1000000);

  if (strlen (prefix) == 2)
    g_snprintf (out, 16, "%s %02u %02u %02u %02u", prefix, _gf_demo_random (self, 100),
                n / 10000, n / 100 % 100, n % 100);
  else
    g_snprintf (out, 16, "%s %02u %02u %02u", prefix, n / 10000, n / 100 % 100, n % 100);
}

static void
append_ascii (GString    *out,
              const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");

  for (const char *p = ascii; *p != '\0'; p++)
    if (g_ascii_isalnum (*p) || *p == '-')
      g_string_append_c (out, g_ascii_tolower (*p));
}

/* "prenom.nom@exemple.fr", without accents, with a number when it is already taken. */
static void
person_finish (GfDemo *self,
               Person *person)
{
  g_autoptr(GString) base = g_string_new (NULL);

  append_ascii (base, person->first_name);
  g_string_append_c (base, '.');
  append_ascii (base, person->last_name);
  for (guint n = 1; ; n++)
    {
      if (n == 1)
        g_snprintf (person->email, sizeof person->email, "%s@exemple.fr", base->str);
      else
        g_snprintf (person->email, sizeof person->email, "%s%u@exemple.fr", base->str, n);
      if (g_hash_table_add (self->emails, g_strdup (person->email)))
        break;
    }
  random_phone (self, _gf_demo_chance (self, 700) ? "06" : "07", person->mobile);
}

static void
person_init (GfDemo     *self,
             Person     *person,
             gboolean    female,
             const char *last_name,
             const char *relation)
{
  person->civility = female ? "Mme" : "M.";
  person->first_name = female ? PICK (self, women) : PICK (self, men);
  person->last_name = last_name;
  person->relation = relation;
}

/* A valid French IBAN: the RIB key makes the BBAN a multiple of 97, hence "FR76". */
static void
make_iban (GfDemo     *self,
           const char *bank_code,
           char        out[28])
{
  char bban[24];
  char check[40];
  guint rest = 0;

  guint branch = _gf_demo_random (self, 100000);
  guint account1 = _gf_demo_random (self, 100000);
  guint account2 = _gf_demo_random (self, 1000000);

  g_snprintf (bban, sizeof bban, "%s%05u%05u%06u", bank_code, branch, account1, account2);
  for (const char *p = bban; *p != '\0'; p++)
    rest = (rest * 10 + (guint) (*p - '0')) % 97;
  g_snprintf (bban + 21, 3, "%02u", 97 - rest * 100 % 97);

  g_snprintf (check, sizeof check, "%s152700", bban); /* "FR00" with letters as numbers */
  rest = 0;
  for (const char *p = check; *p != '\0'; p++)
    rest = (rest * 10 + (guint) (*p - '0')) % 97;
  g_snprintf (out, 28, "FR%02u%s", 98 - rest, bban);
}

static guint32
random_day_between (GfDemo  *self,
                    guint32  first,
                    guint32  last)
{
  return last <= first ? first : first + _gf_demo_random (self, last - first + 1);
}

/*
 * Children
 */

static void
kid_init (GfDemo *self,
          Family *family,
          guint   k,
          int     school)
{
  Kid *kid = &family->kids[k];
  gboolean girl = kid->girl = _gf_demo_chance (self, 500);

  /* Siblings never share a first name. */
  for (guint attempt = 0; attempt < 20; attempt++)
    {
      gboolean taken = FALSE;

      kid->first_name = girl ? PICK (self, girls) : PICK (self, boys);
      for (guint j = 0; j < k; j++)
        taken |= family->kids[j].first_name == kid->first_name;
      if (!taken)
        break;
    }

  kid->klass = _gf_demo_chance (self, 180) ? -1 : (int) _gf_demo_random (self, 8);
  kid->school = _gf_demo_chance (self, 900) ? school : (int) _gf_demo_random (self, 3);
  if (kid->klass >= 0)
    {
      static const guint canteen[] = { 1000, 1000, 1000, 750, 500 };

      kid->rate[DEMO_CANTINE] = _gf_demo_chance (self, 850) ? canteen[_gf_demo_random (self, 5)] : 0;
      kid->rate[DEMO_MATIN] = _gf_demo_chance (self, 250) ? 300 + _gf_demo_random (self, 701) : 0;
      kid->rate[DEMO_SOIR] = _gf_demo_chance (self, 400) ? 300 + _gf_demo_random (self, 701) : 0;
      kid->rate[DEMO_MERCREDI] = _gf_demo_chance (self, 200) ? 500 + _gf_demo_random (self, 501) : 0;
      kid->creche_before = kid->klass <= 1 && _gf_demo_chance (self, 450);
    }
  if (kid->klass < 0 || kid->creche_before)
    {
      kid->rate[DEMO_CRECHE] = 600 + 200 * _gf_demo_random (self, 3);
      kid->quarter_hours = 28 + _gf_demo_random (self, 13);
    }
}

/* French classes go by birth year; the age on "today" stays between 3 and 10 at school,
 * under 3 (and over 4 months) at the crèche. Siblings are ten months apart, or twins. */
static void
kid_set_birth (GfDemo   *self,
               Family   *family,
               guint     k,
               gboolean  forced)
{
  Kid *kid = &family->kids[k];
  const Kid *elder = k > 0 ? &family->kids[k - 1] : NULL;

  if (elder != NULL && !forced && (elder->klass < 0) == (kid->klass < 0) &&
      _gf_demo_chance (self, 20))
    {
      kid->klass = elder->klass;
      kid->school = elder->school;
      kid->birth = elder->birth;
      return;
    }

  for (guint attempt = 0; ; attempt++)
    {
      gboolean close = FALSE;

      if (kid->klass >= 0)
        {
          int year = self->school_year - 3 - kid->klass;

          kid->birth = random_day_between (self, MAX (_gf_demo_julian (year, 1, 1),
                                                      self->eleven_years_ago + 1),
                                           MIN (_gf_demo_julian (year, 12, 31),
                                                self->three_years_ago));
        }
      else
        kid->birth = random_day_between (self, self->three_years_ago + 1, self->today - 122);

      for (guint j = 0; j < k; j++)
        close |= ABS ((gint64) kid->birth - (gint64) family->kids[j].birth) < 300;
      if (!close || forced || attempt == 20)
        break;
      if (kid->klass >= 0)
        kid->klass = (int) _gf_demo_random (self, 8);
    }
}

/*
 * Invoices and payments
 */

static guint
month_lines (GfDemo       *self,
             Family       *family,
             guint         m,
             Line          lines[MAX_LINES])
{
  const GfDemoMonth *month = &self->months[m];
  int years_ago = self->school_year - month->school_year;
  guint n = 0;

  for (guint k = 0; k < family->n_kids; k++)
    {
      const Kid *kid = &family->kids[k];
      int klass = kid->klass >= 0 ? kid->klass - years_ago : -1;

      for (int s = 0; s < DEMO_N_SERVICES; s++)
        {
          guint days = month->n_days[s];
          gint64 quantity;

          if (kid->rate[s] == 0 || days == 0 || (s == DEMO_CRECHE) != (klass < 0))
            continue;
          if (s == DEMO_CRECHE)
            {
              gint64 quarters;

              if (kid->birth + 91 > month->first)
                continue;
              quarters = (gint64) (days * kid->rate[s] / 1000) * kid->quarter_hours
                         + _gf_demo_random (self, 17) - 8;
              quantity = quarters * 25;
            }
          else
            {
              gint64 used = (days * kid->rate[s] + 500) / 1000;

              if (used > 2 && _gf_demo_chance (self, 300))
                used -= 1 + _gf_demo_random (self, 2);   /* ill, or a day with the family */
              quantity = used * 100;
            }
          if (quantity <= 0)
            continue;

          lines[n].kid = k;
          lines[n].service = s;
          lines[n].quantity = quantity;
          lines[n].price = self->prices[month->school_year - self->first_school_year][s]
                                       [family->bracket];
          lines[n].amount = (quantity * lines[n].price + 50) / 100;
          n++;
        }
    }

  return n;
}

static void
add_payment (GfDemo       *self,
             Family       *family,
             gint64        invoice_id,
             const char   *number,
             gint64        amount,
             PayMethod     method,
             guint32       day,
             guint         seconds)
{
  char paid_at[21], reference[40], created[21], lock[21], dattrans[9], heurtrans[5], numauto[7];
  const char *bank = "";
  gint64 operation_id = 0;
  gint64 payment_id;
  int y, m, d;

  _gf_demo_format_timestamp (paid_at, day, seconds);
  _gf_demo_dmy (day, &y, &m, &d);
  switch (method)
    {
    case PAY_PAYFIP:
      {
        static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        guint sequence = ++self->payfip_sequence;
        char idop[40], refdet[24];

        guint32 r1 = g_rand_int (self->rand), r2 = g_rand_int (self->rand);
        guint32 r3 = g_rand_int (self->rand);

        /* Shaped like PayFiP's time-based UUIDs; the sequence makes it unique. */
        g_snprintf (idop, sizeof idop, "%08x-%04x-11%02x-%04x-%08x%04x", sequence,
                    r1 >> 16, r1 & 0xff, 0x8000 | (r2 >> 18), r3, r2 & 0xffff);
        g_snprintf (refdet, sizeof refdet, "%04d%010u", y, sequence);
        for (guint i = 0; i < 6; i++)
          numauto[i] = alphabet[_gf_demo_random (self, sizeof alphabet - 1)];
        numauto[6] = '\0';
        g_snprintf (dattrans, sizeof dattrans, "%02d%02d%04d", d, m, y);
        g_snprintf (heurtrans, sizeof heurtrans, "%02u%02u", seconds / 3600 + 1,
                    seconds / 60 % 60);
        _gf_demo_format_timestamp (created, day, seconds - 180);
        _gf_demo_format_timestamp (lock, day, seconds - 180 + 120 * 60);
        operation_id = _gf_demo_insert (self, STMT_PAYFIP, "sslrlssssssss", idop, refdet,
                                        family->id, family->account_id, amount,
                                        family->guardians[family->payer].email, numauto,
                                        dattrans, heurtrans, created, paid_at, lock);
        _gf_demo_insert (self, STMT_PAYFIP_INVOICE, "lll", operation_id, invoice_id, amount);
        g_strlcpy (reference, refdet, sizeof reference);
      }
      break;
    case PAY_CASH:
      g_snprintf (reference, sizeof reference, "Quittance %06u", ++self->receipt_sequence);
      break;
    case PAY_CHEQUE:
      g_snprintf (reference, sizeof reference, "%07u", 1000000 + _gf_demo_random (self, 9000000));
      bank = PICK (self, banks).name;
      break;
    case PAY_CESU:
      g_snprintf (reference, sizeof reference, "CESU %09u", _gf_demo_random (self, 1000000000));
      break;
    case PAY_TRANSFER:
      g_snprintf (reference, sizeof reference, "VIR %s", number);
      break;
    case PAY_DIRECT_DEBIT:
    default:
      g_strlcpy (reference, family->mandate, sizeof reference);
      break;
    }

  payment_id = _gf_demo_insert (self, STMT_PAYMENT, "lslsssrr", family->id,
                                method_names[method], amount, paid_at, reference, bank,
                                operation_id,
                                (gint64) (method == PAY_PAYFIP || method == PAY_DIRECT_DEBIT
                                          ? 0 : self->staff_id[1]));
  _gf_demo_insert (self, STMT_ALLOCATION, "lll", payment_id, invoice_id, amount);
}

/* One meal refunded after a strike, on the DUPONT family's second-latest invoice. */
static void
add_credit_note (GfDemo       *self,
                 Family       *family,
                 gint64        invoice_id,
                 const char   *invoice_number,
                 guint         m,
                 const Line   *lines,
                 guint         n_lines)
{
  const GfDemoMonth *month = &self->months[m];
  const Line *line = NULL;
  guint32 strike = 0;
  g_autofree char *strike_text = NULL;
  g_autofree char *label = NULL;
  g_autofree char *object = NULL;
  char number[24], issue[11], at[21];
  gint64 credit_id;
  GDate date;

  for (guint i = 0; i < n_lines && line == NULL; i++)
    if (lines[i].service == DEMO_CANTINE)
      line = &lines[i];
  for (guint32 jd = month->first; jd <= month->last && line != NULL; jd++)
    if ((_gf_demo_day_flags (self, jd) & DEMO_DAY_SCHOOL) &&
        (strike == 0 || _gf_demo_weekday (jd) == G_DATE_THURSDAY))
      {
        strike = jd;
        if (_gf_demo_weekday (jd) == G_DATE_THURSDAY)
          break;
      }
  if (line == NULL || strike == 0)
    return;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, strike);
  strike_text = gf_date_format_fr_long (&date);
  label = g_strdup_printf ("Avoir – repas non pris (grève du %s)", strike_text);
  object = g_strdup_printf ("Avoir sur la facture %s", invoice_number);
  _gf_demo_format_date (issue, month->issue + 10);
  _gf_demo_format_timestamp (at, month->issue + 10, 9 * 3600);
  g_snprintf (number, sizeof number, "AV-%.4s-000001", issue);

  credit_id = _gf_demo_insert (self, STMT_INVOICE, "slrsrssslsissss", number, family->id,
                               (gint64) 0, "credit_note", invoice_id, issue, issue, object,
                               (gint64) -line->price, "paid", 0, at, at, NULL, at);
  _gf_demo_insert (self, STMT_LINE, "lillslil", credit_id, 0, family->kids[line->kid].id,
                   self->service_id[DEMO_CANTINE], label, (gint64) -100, line->price,
                   (gint64) -line->price);
}

static void
add_invoice (GfDemo     *self,
             Family     *family,
             guint       m,
             guint       rank,
             const Line *lines,
             guint       n_lines)
{
  static const guint paid_permille[3][3] = { { 250, 600, 985 }, { 80, 300, 900 },
                                             { 30, 100, 450 } };
  const GfDemoMonth *month = &self->months[m];
  const char *name = _gf_demo_month_names[month->month];
  guint age = self->today - month->issue;
  char number[24], object[120], issue[11], due[11], created[21], published[21];
  char paid_at[21], treasury_at[21];
  gboolean paid, school = FALSE, creche = FALSE;
  PayMethod method = family->method;
  guint32 paid_day = 0;
  guint seconds = 0;
  gint64 total = 0;
  gint64 invoice_id;
  const char *state;

  for (guint i = 0; i < n_lines; i++)
    {
      total += lines[i].amount;
      school |= lines[i].service != DEMO_CRECHE;
      creche |= lines[i].service == DEMO_CRECHE;
    }

  if (family->direct_debit)
    {
      /* Debited on the due date; the latest invoice is still to come. */
      paid = month->due < self->today;
      method = PAY_DIRECT_DEBIT;
      paid_day = month->due;
      seconds = 6 * 3600;
    }
  else
    {
      guint delay = family->profile == 0 ? 35 : 80;

      if (family->index == 1)
        paid = rank > 2 && rank != 5;
      else
        paid = _gf_demo_chance (self, paid_permille[family->profile][MIN (rank, 2)]);
      delay = MIN (delay, age - 1);
      paid = paid && age > 1;
      if (paid)
        paid_day = month->issue + 1 + _gf_demo_random (self, delay);

      if (family->index == 1)
        method = rank % 2 ? PAY_PAYFIP : PAY_CHEQUE;
      else if (family->index == 2)
        method = (PayMethod[]) { PAY_CASH, PAY_CESU, PAY_TRANSFER }[rank % 3];
      else if (_gf_demo_chance (self, 200))
        method = PAY_CASH + _gf_demo_random (self, 4);
      if (method == PAY_PAYFIP)
        seconds = 7 * 3600 + _gf_demo_random (self, 14 * 3600);
      else
        seconds = 7 * 3600 + 1800 + _gf_demo_random (self, 8 * 3600);
    }

  /* Unpaid three months after issue, an invoice goes to the Trésor public for recovery
   * (but the DUPONT family keeps its three latest ones to pay on the portal). */
  state = paid ? "paid"
        : !family->direct_debit && age >= TREASURY_DAYS && (family->index != 1 || rank > 2)
        ? "treasury" : "unpaid";
  g_snprintf (number, sizeof number, "%04d-%02d-%06u", month->year, month->month,
              ++self->months[m].sequence);
  g_snprintf (object, sizeof object, "%s – %s %d",
              school && creche ? "Restauration, périscolaire et crèche"
                               : school ? "Restauration et périscolaire" : "Accueil en crèche",
              name, month->year);
  _gf_demo_format_date (issue, month->issue);
  _gf_demo_format_date (due, month->due);
  _gf_demo_format_timestamp (created, month->issue - 3, 9 * 3600);
  _gf_demo_format_timestamp (published, month->issue, 7 * 3600);
  if (paid)
    _gf_demo_format_timestamp (paid_at, paid_day, seconds);
  if (g_str_equal (state, "treasury"))
    _gf_demo_format_timestamp (treasury_at, month->issue + TREASURY_DAYS
                               + _gf_demo_random (self, MIN (age - TREASURY_DAYS, 7) + 1),
                               10 * 3600);

  invoice_id = _gf_demo_insert (self, STMT_INVOICE, "slrsrssslsissss", number, family->id,
                                month->run_id, "invoice", (gint64) 0, issue, due, object, total,
                                state, family->direct_debit, published, paid ? paid_at : NULL,
                                state[0] == 't' ? treasury_at : NULL, created);
  for (guint i = 0; i < n_lines; i++)
    {
      const Kid *kid = &family->kids[lines[i].kid];
      g_autofree char *label = g_strdup_printf ("%s – %s",
                                                _gf_demo_services[lines[i].service].line_label,
                                                kid->first_name);

      _gf_demo_insert (self, STMT_LINE, "lillslil", invoice_id, (int) i, kid->id,
                       self->service_id[lines[i].service], label, lines[i].quantity,
                       lines[i].price, lines[i].amount);
    }

  if (paid)
    add_payment (self, family, invoice_id, number, total, method, paid_day, seconds);
  if (family->index == 1 && rank == 1)
    add_credit_note (self, family, invoice_id, number, m, lines, n_lines);
}

static void
add_invoices (GfDemo *self,
              Family *family)
{
  Line lines[DEMO_N_MONTHS][MAX_LINES];
  guint n_lines[DEMO_N_MONTHS];
  guint rank = 0;

  for (guint m = 0; m < self->n_months; m++)
    {
      n_lines[m] = month_lines (self, family, m, lines[m]);
      rank += n_lines[m] > 0;
    }
  /* rank 0 is the family's latest invoice. */
  for (guint m = 0; m < self->n_months; m++)
    if (n_lines[m] > 0)
      add_invoice (self, family, m, --rank, lines[m], n_lines[m]);
}

/*
 * Families
 */

static void
add_messages (GfDemo *self,
              Family *family)
{
  const Person *payer = &family->guardians[family->payer];
  g_autofree char *sender = g_strdup_printf ("%s %s", payer->first_name, payer->last_name);

  for (guint k = 0; k < _gf_demo_n_messages; k++)
    {
      g_autofree char *body = NULL;
      char created[21], read_at[21], answered[21];
      gint64 message_id;
      guint32 day = self->today - (_gf_demo_n_messages - k);

      if (1 + k * self->n_families / _gf_demo_n_messages != family->index)
        continue;

      body = g_strdup_printf ("%s\n\n%s", _gf_demo_messages[k].second, sender);
      _gf_demo_format_timestamp (created, day, 6 * 3600 + _gf_demo_random (self, 12 * 3600));
      _gf_demo_format_timestamp (read_at, day + 1, 8 * 3600 + 600);
      message_id = _gf_demo_insert (self, STMT_MESSAGE, "lrsrrssssss", family->id, (gint64) 0,
                                    "in", family->account_active ? family->account_id : 0,
                                    (gint64) 0, sender, payer->email, _gf_demo_messages[k].first,
                                    body, created, k % 2 == 0 && k > 0 ? NULL : read_at);
      if (k != 0)
        continue;
      _gf_demo_format_timestamp (answered, day + 1, 12 * 3600);
      _gf_demo_insert (self, STMT_MESSAGE, "lrsrrssssss", family->id, message_id, "out",
                       (gint64) 0, self->staff_id[0], "Service Facturation",
                       "facturation@mairie-demo.fr", "RE : Question sur la facture",
                       "Bonjour,\n\nNous vérifions les présences de votre enfant ce mois-là. "
                       "Si des repas ont été facturés à tort, un avoir sera établi et déduit "
                       "de votre prochain paiement.\n\nLe service Facturation",
                       answered, NULL);
    }
}

/* Canteen days already booked in the current term, so the calendar shows something. */
static void
add_reservations (GfDemo *self,
                  Family *family)
{
  char day[11], created[21];
  int term = -1;

  for (int t = 4; t >= 0; t--)
    if (self->term_last[t] >= self->today)
      term = t;
  if (term < 0)
    return;
  _gf_demo_format_timestamp (created, MIN (self->term_first[term], self->today) - 10, 18 * 3600);

  for (guint k = 0; k < family->n_kids; k++)
    {
      const Kid *kid = &family->kids[k];

      if (kid->klass < 0 || kid->rate[DEMO_CANTINE] == 0)
        continue;
      for (guint32 jd = self->term_first[term];
           jd <= MIN (self->term_last[term], self->today + 14); jd++)
        if (_gf_demo_day_flags (self, jd) & DEMO_DAY_SCHOOL)
          {
            _gf_demo_format_date (day, jd);
            _gf_demo_insert (self, STMT_RESERVATION, "llss", kid->id,
                             self->period_id[kid->school][DEMO_CANTINE][term], day, created);
          }
    }
}

static void
add_kid (GfDemo       *self,
         Family       *family,
         Kid          *kid,
         const char   *last_name)
{
  static const char * const diets[] = { "Sans porc", "Sans porc", "Sans porc", "Végétarien",
                                        "Sans viande" };
  const char *diet = "", *allergies = "", *medical = "", *observations = "", *pai_details = "";
  gboolean creche = kid->klass < 0;
  guint32 created_day = MAX (family->created, kid->birth + 30 + _gf_demo_random (self, 60));
  char birth[11], created[21], doctor[120] = "", doctor_phone[16] = "", start[11], end[11];
  int pai = 0;

  if (_gf_demo_chance (self, 50))
    diet = diets[_gf_demo_random (self, G_N_ELEMENTS (diets))];
  if (_gf_demo_chance (self, 40))
    allergies = PICK (self, allergies);
  if (_gf_demo_chance (self, 20))
    {
      const GfDemoPair *plan = &PICK (self, pai);

      pai = 1;
      pai_details = plan->second;
      if (plan->first[0] != '\0')
        allergies = plan->first;
      else
        medical = g_str_has_prefix (plan->second, "Asthme") ? "Asthme" : "Suivi médical régulier.";
    }
  if (_gf_demo_chance (self, 60))
    observations = creche ? "Doudou indispensable à la sieste." : PICK (self, observations);
  if (_gf_demo_chance (self, 400))
    {
      const char *first = _gf_demo_chance (self, 500) ? PICK (self, women) : PICK (self, men);

      g_snprintf (doctor, sizeof doctor, "Dr %s %s", first, PICK (self, last_names));
      random_phone (self, "04 78", doctor_phone);
    }

  _gf_demo_format_date (birth, kid->birth);
  if (created_day == family->created)
    memcpy (created, family->created_at, sizeof created);
  else
    _gf_demo_format_timestamp (created, created_day, 8 * 3600 + _gf_demo_random (self, 8 * 3600));
  kid->id = _gf_demo_insert (self, STMT_CHILD, "lsssslsssssssiss", family->id, last_name,
                             kid->first_name, birth, kid->girl ? "F" : "M",
                             self->establishment_id[creche ? DEMO_CRECHE_INDEX : kid->school],
                             creche ? "" : classes[kid->klass], diet, allergies, medical,
                             observations, doctor, doctor_phone, pai, pai_details, created);

  /* Grandparents, neighbours…: who to call, who may pick the child up. Relations at even
   * positions of the list are women's. */
  for (guint c = 0, n = _gf_demo_chance (self, 300) ? 1 + _gf_demo_chance (self, 400) : 0;
       c < n; c++)
    {
      guint r = _gf_demo_random (self, _gf_demo_n_relations);
      const char *relation = _gf_demo_relations[r];
      const GfDemoTown *town = &_gf_demo_towns[_gf_demo_random (self, 3)];
      gboolean has_address = _gf_demo_chance (self, 500);
      guint roles = _gf_demo_random (self, 10);
      const char *contact_last = g_str_has_prefix (relation, "Grand") &&
                                 _gf_demo_chance (self, 600) ? last_name : PICK (self, last_names);
      const char *contact_first = r % 2 == 0 ? PICK (self, women) : PICK (self, men);
      char mobile[16], home[16] = "", address[200] = "";

      random_phone (self, _gf_demo_chance (self, 700) ? "06" : "07", mobile);
      if (_gf_demo_chance (self, 300))
        random_phone (self, "04 78", home);
      if (has_address)
        {
          guint number = 1 + _gf_demo_random (self, 120);

          g_snprintf (address, sizeof address, "%u %s", number, PICK (self, streets));
        }
      _gf_demo_insert (self, STMT_CONTACT, "lssssssssii", kid->id, contact_last, contact_first,
                       relation, address,
                       has_address ? town->postal_code : "", has_address ? town->city : "",
                       mobile, home, roles < 8, roles < 6 || roles >= 8);
    }

  if (_gf_demo_chance (self, 600))
    {
      const char *values[5];
      char updated[21];

      values[0] = _gf_demo_chance (self, 850) ? "yes" : "no";
      values[1] = creche ? "na" : kid->klass >= 6 && _gf_demo_chance (self, 400) ? "yes" : "no";
      values[2] = creche ? "na" : _gf_demo_chance (self, 950) ? "yes" : "no";
      values[3] = _gf_demo_chance (self, 990) ? "yes" : "no";
      values[4] = _gf_demo_chance (self, 800) ? "yes" : "no";
      _gf_demo_format_timestamp (updated, MIN (self->today - 1,
                                               MAX (created_day, self->term_first[0] - 7)),
                                 17 * 3600);
      for (guint i = 0; i < G_N_ELEMENTS (values); i++)
        _gf_demo_insert (self, STMT_CHILD_AUTH, "llss", kid->id, self->auth_type_id[i],
                         values[i], updated);
    }

  _gf_demo_format_date (start, MAX (_gf_demo_julian (self->school_year, 9, 1),
                                    creche ? kid->birth + 91 : 0));
  _gf_demo_format_date (end, self->term_last[4]);
  for (int s = 0; s < DEMO_N_SERVICES; s++)
    if (kid->rate[s] > 0 && (s == DEMO_CRECHE) == creche)
      _gf_demo_insert (self, STMT_ENROLMENT, "lllss", kid->id, self->service_id[s],
                       self->establishment_id[creche ? DEMO_CRECHE_INDEX : kid->school], start,
                       creche ? NULL : end);
}

/* The first families are the ones the README names: see logins[]. */
static void
force_kid (Kid        *kid,
           const char *first_name,
           gboolean    girl,
           int         klass,
           int         school,
           int         service,
           guint       rate)
{
  memset (kid->rate, 0, sizeof kid->rate);
  kid->first_name = first_name;
  kid->girl = girl;
  kid->klass = klass;
  kid->school = school;
  kid->creche_before = FALSE;
  kid->rate[DEMO_CANTINE] = 1000;
  kid->rate[service] = rate;
}

static void
add_account (GfDemo *self,
             Family *family,
             gboolean active)
{
  const char *email = family->guardians[family->payer].email;
  char created[21], activated[21], last_login[21];
  guint32 day;

  if (!active)
    {
      _gf_demo_format_timestamp (created, self->today - 1 - _gf_demo_random (self, 20),
                                 10 * 3600);
      family->account_id = _gf_demo_insert (self, STMT_ACCOUNT, "lssssss", family->id, email,
                                            "pending", NULL, NULL, NULL, created);
      return;
    }

  day = family->created + 1 + _gf_demo_random (self, 60);
  _gf_demo_format_timestamp (created, day, 9 * 3600);
  day += _gf_demo_random (self, 3);
  _gf_demo_format_timestamp (activated, day, 19 * 3600 + _gf_demo_random (self, 3600));
  day = family->index == 1 ? self->today - 1
                           : random_day_between (self, MAX (day + 1, self->today - 90),
                                                 self->today - 1);
  _gf_demo_format_timestamp (last_login, day, 18 * 3600 + _gf_demo_random (self, 4 * 3600));
  family->account_id = _gf_demo_insert (self, STMT_ACCOUNT, "lssssss", family->id, email,
                                        "active", self->family_hash, last_login, activated,
                                        created);
  family->account_active = TRUE;
}

static void
add_family (GfDemo *self,
            guint   index)
{
  Family family = { .index = index };
  Person *g = family.guardians;
  const char *name = index == 1 ? "DUPONT" : index == 2 ? "MARTIN" : index == 3 ? "BERNARD"
                                                                     : PICK (self, last_names);
  const GfDemoTown *town = &_gf_demo_towns[0];
  const GfDemoBank *bank = NULL;
  char reference[16], street[200], line2[80] = "", home[16] = "", work[16] = "";
  char created[21], updated[21], iban[28], mandate_date[11];
  gboolean has_account, active, paperless;
  const char *kids_name;
  guint r, weight;
  gint64 qf = 0;
  int school;

  family.created = self->months[0].first - 30 - _gf_demo_random (self, 1500);

  if (index <= 2 || (index > 3 && _gf_demo_chance (self, 750)))
    {
      person_init (self, &g[0], TRUE, _gf_demo_chance (self, 800) ? name : PICK (self, last_names),
                   "Mère");
      person_init (self, &g[1], FALSE, name, "Père");
      family.n_guardians = 2;
      family.payer = _gf_demo_chance (self, 600) ? 0 : 1;
    }
  else
    {
      r = _gf_demo_random (self, 100);
      person_init (self, &g[0], r < 80 || (r >= 95 && r % 2), name,
                   r < 80 ? "Mère" : r < 95 ? "Père" : "Tuteur");
      family.n_guardians = 1;
    }
  if (index <= 3)
    {
      static const char * const first_names[][2] = { { "Marie", "Julien" },
                                                     { "Claire", "Pierre" },
                                                     { "Sophie", NULL } };

      g[0] = (Person) { "Mme", name, first_names[index - 1][0], "Mère" };
      g[1].first_name = first_names[index - 1][1];
      family.payer = index == 2;
    }
  for (guint i = 0; i < family.n_guardians; i++)
    person_finish (self, &g[i]);

  r = _gf_demo_random (self, 100);
  for (weight = 0; town < &_gf_demo_towns[_gf_demo_n_towns - 1]; town++)
    if (r < (weight += town->weight))
      break;
  /* One draw per statement: the order of a call's arguments is up to the compiler. */
  r = 1 + _gf_demo_random (self, 150);
  g_snprintf (street, sizeof street, "%u%s", r, _gf_demo_chance (self, 60) ? " bis" : "");
  g_strlcat (street, " ", sizeof street);
  g_strlcat (street, PICK (self, streets), sizeof street);
  if (_gf_demo_chance (self, 120))
    {
      r = _gf_demo_random (self, 5);
      g_snprintf (line2, sizeof line2, "Bâtiment %c, appartement %u", 'A' + r,
                  1 + _gf_demo_random (self, 40));
    }
  if (_gf_demo_chance (self, 300))
    random_phone (self, _gf_demo_chance (self, 500) ? "04 78" : "04 72", home);
  if (_gf_demo_chance (self, 200))
    random_phone (self, "04 72", work);

  /* Quotient familial by bracket; without the CAF attestation, the highest tariff. */
  if (index <= 3)
    qf = (gint64[]) { 900, 1450, 620 }[index - 1];
  else if (!_gf_demo_chance (self, 70))
    {
      static const int lows[] = { 200, 451, 801, 1201 }, highs[] = { 450, 800, 1200, 2500 };

      r = _gf_demo_random (self, 100);
      r = r < 20 ? 0 : r < 50 ? 1 : r < 78 ? 2 : 3;
      qf = lows[r] + _gf_demo_random (self, highs[r] - lows[r] + 1);
    }
  family.bracket = qf == 0 ? 3 : qf <= 450 ? 0 : qf <= 800 ? 1 : qf <= 1200 ? 2 : 3;

  r = _gf_demo_random (self, 100);
  family.profile = index <= 4 || r < 72 ? 0 : r < 92 ? 1 : 2;
  family.direct_debit = index == 4 || (index > 4 && _gf_demo_chance (self, 90));
  if (family.direct_debit)
    {
      bank = &PICK (self, banks);
      make_iban (self, bank->code, iban);
      g_snprintf (family.mandate, sizeof family.mandate, "RUM-DEMO-%06u", index);
      _gf_demo_format_date (mandate_date, random_day_between (self, family.created + 7,
                                                              self->months[0].first - 15));
    }

  has_account = index <= 3 || _gf_demo_chance (self, 700);
  active = index <= 2 || (index > 3 && has_account && _gf_demo_chance (self, 800));
  r = _gf_demo_random (self, 1000);
  if (active)
    family.method = r < 650 ? PAY_PAYFIP : r < 770 ? PAY_CHEQUE : r < 820 ? PAY_CASH
                  : r < 870 ? PAY_CESU : PAY_TRANSFER;
  else
    family.method = r < 400 ? PAY_CHEQUE : r < 600 ? PAY_CASH : r < 700 ? PAY_CESU : PAY_TRANSFER;

  _gf_demo_format_timestamp (created, family.created, 7 * 3600 + _gf_demo_random (self, 9 * 3600));
  memcpy (family.created_at, created, sizeof created);
  if (_gf_demo_chance (self, 300))
    _gf_demo_format_timestamp (updated, random_day_between (self, family.created + 1,
                                                            self->today - 1), 10 * 3600);
  else
    memcpy (updated, created, sizeof updated);
  g_snprintf (reference, sizeof reference, "%.4s-%06u", created, index);
  paperless = index == 1 || _gf_demo_chance (self, 400);

  /* The family row goes in last, foreign keys being deferred: its search-index trigger
   * then indexes the whole family once, where each guardian's, child's and account's
   * trigger would have rewritten it. The table was empty, so its id is its index. */
  family.id = index;
  for (guint i = 0; i < family.n_guardians; i++)
    _gf_demo_insert (self, STMT_GUARDIAN, "lssssssssis", family.id, g[i].civility,
                     g[i].last_name, g[i].first_name, g[i].relation, g[i].mobile, home,
                     i == family.payer ? work : "", g[i].email, i == family.payer, created);

  r = _gf_demo_random (self, 100);
  family.n_kids = index <= 2 ? 2 : index == 3 ? 1 : r < 40 ? 1 : r < 78 ? 2 : r < 95 ? 3 : 4;
  school = (int) _gf_demo_random (self, DEMO_N_SCHOOLS);
  /* A guardian who is not a parent may not share the children's name. */
  kids_name = g[0].relation[0] == 'T' ? PICK (self, last_names) : name;
  for (guint k = 0; k < family.n_kids; k++)
    {
      Kid *kid = &family.kids[k];

      kid_init (self, &family, k, school);
      if (index == 1)
        force_kid (kid, k ? "Hugo" : "Léa", !k, k ? 2 : 4, 0, k ? DEMO_MATIN : DEMO_SOIR,
                   k ? 500 : 800);
      else if (index == 2)
        force_kid (kid, k ? "Rose" : "Jules", k, k ? 1 : 6, 1, k ? DEMO_SOIR : DEMO_MERCREDI,
                   k ? 500 : 1000);
      else if (index == 3)
        force_kid (kid, "Emma", TRUE, 3, 2, DEMO_SOIR, 600);
      else if (index == 4 && k == 0)
        force_kid (kid, kid->first_name, kid->girl, kid->klass < 0 ? 5 : kid->klass, school,
                   DEMO_CANTINE, 1000);
      kid_set_birth (self, &family, k, index <= 3 || (index == 4 && k == 0));
      add_kid (self, &family, kid, kids_name);
    }

  if (has_account)
    add_account (self, &family, active);
  _gf_demo_insert (self, STMT_FAMILY, "lsssssssriissssss", family.id, reference, street, line2,
                   town->postal_code, town->city, home[0] != '\0' ? home : g[family.payer].mobile,
                   g[family.payer].email, qf, paperless, family.direct_debit,
                   bank ? iban : NULL, bank ? bank->bic : NULL, bank ? family.mandate : NULL,
                   bank ? mandate_date : NULL, created, updated);
  add_invoices (self, &family);
  add_messages (self, &family);
  if (index <= 2)
    add_reservations (self, &family);
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
  self->school_year = g_date_get_year (&generation->today)
                      - (g_date_get_month (&generation->today) < G_DATE_AUGUST);

  if (!family_table_is_empty (db, error))
    return FALSE;

  for (guint i = 0; i < N_STMTS; i++)
    if ((self->stmts[i] = gf_db_prepare (db, statements[i], error)) == NULL)
      return FALSE;
  /* Checked at COMMIT instead of at each row; see add_family(). Reset by the COMMIT. */
  if (!gf_db_exec (db, "PRAGMA defer_foreign_keys = ON", error))
    return FALSE;

  if (_gf_demo_add_town (self) && _gf_demo_add_billing_runs (self))
    for (guint index = 1; index <= self->n_families && self->error == NULL; index++)
      add_family (self, index);

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
                   _("The demo needs between 1 and %u families."), GF_DEMO_MAX_FAMILIES);
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
