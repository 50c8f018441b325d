/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-demo-private.h"

#include "gf-date.h"

/* The demo families' year of billing: invoices, payments (PayFiP operations included),
 * a credit note, messages, reservations. The families are in gf-demo-family.c. */

#define MAX_LINES       (MAX_KIDS * DEMO_N_SERVICES)
#define TREASURY_DAYS   92

static const char * const method_names[] = {
  "payfip", "cash", "cheque", "cesu", "transfer", "direct_debit",
};

typedef struct
{
  guint  kid;
  int    service;
  gint64 quantity;
  int    price;
  gint64 amount;
} Line;

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
              gint64 used = days * kid->rate[s] / 1000;

              /* From three months old; a few quarters of an hour more or less. */
              if (kid->birth + 91 > month->first || used == 0)
                continue;
              quantity = 25 * (used * kid->quarter_hours
                               + (gint64) _gf_demo_random (self, 17) - 8);
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
        operation_id = _gf_demo_insert (self, STMT_PAYFIP, "sslrlsssssss", idop, refdet,
                                        family->id, family->account_id, amount,
                                        family->payer_email, numauto,
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
      g_snprintf (reference, sizeof reference, "RUM-DEMO-%06u", family->index);
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
 * Messages and reservations
 */

static void
add_messages (GfDemo *self,
              Family *family)
{
  g_autofree char *sender = g_strdup_printf ("%s %s", family->payer_first_name,
                                             family->payer_last_name);

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
                                    (gint64) 0, sender, family->payer_email,
                                    _gf_demo_messages[k].first,
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

/* Invoices, payments, messages: once every family is in, so that their rows never meet
 * a deferred foreign key still waiting for its family (SQLite would then search the
 * tables that point to each new row). */
void
_gf_demo_add_billing (GfDemo *self,
                      Family *family)
{
  add_invoices (self, family);
  add_messages (self, family);
  _gf_demo_add_documents (self, family);
  if (family->index <= 2)
    add_reservations (self, family);
}
