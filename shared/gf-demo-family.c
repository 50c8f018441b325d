/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-demo-private.h"

#include <string.h>

/* The demo's families: guardians, children with their contacts, authorizations and
 * enrolments, portal accounts. Their billing is in gf-demo-billing.c. */

static const char * const classes[] = { "PS", "MS", "GS", "CP", "CE1", "CE2", "CM1", "CM2" };

typedef struct
{
  const char *civility;
  const char *last_name;
  const char *first_name;
  const char *relation;
  const char *email;         /* owned by GfDemo.emails */
  char        mobile[16];
} Person;

/*
 * Auxiliary methods
 */

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
  char *email;

  append_ascii (base, person->first_name);
  g_string_append_c (base, '.');
  append_ascii (base, person->last_name);
  email = g_strdup_printf ("%s@exemple.fr", base->str);
  for (guint n = 2; g_hash_table_contains (self->emails, email); n++)
    {
      g_free (email);
      email = g_strdup_printf ("%s%u@exemple.fr", base->str, n);
    }
  g_hash_table_add (self->emails, email);
  person->email = email;
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
  guint branch = _gf_demo_random (self, 100000);
  guint account1 = _gf_demo_random (self, 100000);
  guint account2 = _gf_demo_random (self, 1000000);
  char bban[24];
  char check[40];
  guint rest = 0;

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

      kid->rate[DEMO_CANTINE] = _gf_demo_chance (self, 850)
                                ? canteen[_gf_demo_random (self, 5)] : 0;
      kid->rate[DEMO_MATIN] = _gf_demo_chance (self, 250) ? 300 + _gf_demo_random (self, 701) : 0;
      kid->rate[DEMO_SOIR] = _gf_demo_chance (self, 400) ? 300 + _gf_demo_random (self, 701) : 0;
      kid->rate[DEMO_MERCREDI] = _gf_demo_chance (self, 200)
                                 ? 500 + _gf_demo_random (self, 501) : 0;
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
 * Families
 */

static void
add_kid (GfDemo       *self,
         Family       *family,
         const char   *family_created_at,
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
    memcpy (created, family_created_at, sizeof created);
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

/* The first families are the ones the README names: see logins[] in gf-demo.c. */
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
  const char *email = family->payer_email;
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

/* Everybody of one family; the billing comes later, in _gf_demo_add_billing(). */
void
_gf_demo_add_family (GfDemo *self,
                     Family *family)
{
  guint index = family->index;
  Person g[2] = { { 0 } };
  guint n_guardians, payer = 0;
  const char *name = index == 1 ? "DUPONT" : index == 2 ? "MARTIN" : index == 3 ? "BERNARD"
                                                                     : PICK (self, last_names);
  const GfDemoTown *town = &_gf_demo_towns[0];
  const GfDemoBank *bank = NULL;
  char reference[16], street[200], line2[80] = "", home[16] = "", work[16] = "";
  char created[21], updated[21], iban[28], mandate_date[11], mandate[36];
  gboolean has_account, active, paperless;
  const char *kids_name;
  guint r, weight;
  gint64 qf = 0;
  int school;

  family->created = self->months[0].first - 30 - _gf_demo_random (self, 1500);

  if (index <= 2 || (index > 3 && _gf_demo_chance (self, 750)))
    {
      person_init (self, &g[0], TRUE, _gf_demo_chance (self, 800) ? name : PICK (self, last_names),
                   "Mère");
      person_init (self, &g[1], FALSE, name, "Père");
      n_guardians = 2;
      payer = _gf_demo_chance (self, 600) ? 0 : 1;
    }
  else
    {
      r = _gf_demo_random (self, 100);
      person_init (self, &g[0], r < 80 || (r >= 95 && r % 2), name,
                   r < 80 ? "Mère" : r < 95 ? "Père" : "Tuteur");
      n_guardians = 1;
    }
  if (index <= 3)
    {
      static const char * const first_names[][2] = { { "Marie", "Julien" },
                                                     { "Claire", "Pierre" },
                                                     { "Sophie", NULL } };

      g[0] = (Person) { "Mme", name, first_names[index - 1][0], "Mère" };
      g[1].first_name = first_names[index - 1][1];
      payer = index == 2;
    }
  for (guint i = 0; i < n_guardians; i++)
    person_finish (self, &g[i]);
  family->payer_first_name = g[payer].first_name;
  family->payer_last_name = g[payer].last_name;
  family->payer_email = g[payer].email;

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
  family->bracket = qf == 0 ? 3 : qf <= 450 ? 0 : qf <= 800 ? 1 : qf <= 1200 ? 2 : 3;

  r = _gf_demo_random (self, 100);
  family->profile = index <= 4 || r < 72 ? 0 : r < 92 ? 1 : 2;
  family->direct_debit = index == 4 || (index > 4 && _gf_demo_chance (self, 90));
  g_assert (!family->direct_debit || index > 3);
  if (family->direct_debit)
    {
      bank = &PICK (self, banks);
      make_iban (self, bank->code, iban);
      g_snprintf (mandate, sizeof mandate, "RUM-DEMO-%06u", index);
      _gf_demo_format_date (mandate_date, random_day_between (self, family->created + 7,
                                                              self->months[0].first - 15));
    }

  has_account = index <= 3 || _gf_demo_chance (self, 700);
  active = index <= 2 || (index > 3 && has_account && _gf_demo_chance (self, 800));
  r = _gf_demo_random (self, 1000);
  if (active)
    family->method = r < 650 ? PAY_PAYFIP : r < 770 ? PAY_CHEQUE : r < 820 ? PAY_CASH
                  : r < 870 ? PAY_CESU : PAY_TRANSFER;
  else
    family->method = r < 500 ? PAY_CHEQUE : r < 750 ? PAY_CASH : r < 850 ? PAY_CESU : PAY_TRANSFER;

  _gf_demo_format_timestamp (created, family->created, 7 * 3600 + _gf_demo_random (self, 9 * 3600));
  if (_gf_demo_chance (self, 300))
    _gf_demo_format_timestamp (updated, random_day_between (self, family->created + 1,
                                                            self->today - 1), 10 * 3600);
  else
    memcpy (updated, created, sizeof updated);
  g_snprintf (reference, sizeof reference, "%.4s-%06u", created, index);
  paperless = index == 1 || _gf_demo_chance (self, 400);

  /* The family row goes in last, foreign keys being deferred: its search-index trigger
   * then indexes the whole family once, where each guardian's, child's and account's
   * trigger would have rewritten it. The table was empty, so its id is its index. */
  family->id = index;
  for (guint i = 0; i < n_guardians; i++)
    _gf_demo_insert (self, STMT_GUARDIAN, "lssssssssis", family->id, g[i].civility,
                     g[i].last_name, g[i].first_name, g[i].relation, g[i].mobile, home,
                     i == payer ? work : "", g[i].email, i == payer, created);

  r = _gf_demo_random (self, 100);
  family->n_kids = index <= 2 ? 2 : index == 3 ? 1 : r < 40 ? 1 : r < 78 ? 2 : r < 95 ? 3 : 4;
  school = (int) _gf_demo_random (self, DEMO_N_SCHOOLS);
  /* A guardian who is not a parent may not share the children's name. */
  kids_name = g[0].relation[0] == 'T' ? PICK (self, last_names) : name;
  for (guint k = 0; k < family->n_kids; k++)
    {
      Kid *kid = &family->kids[k];

      kid_init (self, family, k, school);
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
      kid_set_birth (self, family, k, index <= 3 || (index == 4 && k == 0));
      add_kid (self, family, created, kid, kids_name);
    }

  if (has_account)
    add_account (self, family, active);
  _gf_demo_insert (self, STMT_FAMILY, "lsssssssriissssss", family->id, reference, street, line2,
                   town->postal_code, town->city, home[0] != '\0' ? home : g[payer].mobile,
                   g[payer].email, qf, paperless, (int) family->direct_debit,
                   bank ? iban : NULL, bank ? bank->bic : NULL, bank ? mandate : NULL,
                   bank ? mandate_date : NULL, created, updated);
}
