/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "PayfipSandbox"

#include "config.h"

#include "gf-sandbox-page.h"
#include "gf-sandbox-validate.h"

#include <stdarg.h>
#include <string.h>

/* The HTML of the payment pages, shaped like the real ones in the seeds ("Informations sur
 * la dette", "Choix du mode de paiement", the card page "Détails de la transaction",
 * "Informations de la carte") and saying plainly that this is a sandbox. Every value is
 * escaped. */

static const char page_style[] =
  "body{margin:0;font-family:Marianne,Arial,sans-serif;color:#161616;background:#f6f6f6}"
  "header{display:flex;gap:2rem;align-items:center;padding:1rem 2rem;background:#fff;"
  "border-bottom:1px solid #ddd}"
  "header p{margin:0}.marianne{font-weight:bold;line-height:1.1}.devise{font-style:italic;"
  "font-size:.8rem}"
  ".sandbox{margin:0 0 1rem;padding:.6rem 1rem;background:#fff4c2;border:1px solid #d9b500}"
  "main{max-width:44rem;margin:1.5rem auto;padding:1.5rem 2rem;background:#fff;"
  "border:1px solid #ddd}"
  "h1{font-size:1.5rem;color:#000091}h2{font-size:1.15rem;margin-top:1.5rem}"
  "dl{display:grid;grid-template-columns:max-content auto;gap:.3rem 1rem}dd{margin:0;"
  "font-weight:bold}"
  ".test{padding:.6rem;border-left:4px solid #b34000;background:#fff0e6}"
  ".erreur{padding:.6rem;border-left:4px solid #ce0500;background:#ffe9e9}"
  "label{display:block;margin-top:.8rem}input,select{font-size:1rem;padding:.3rem}"
  "fieldset{margin-top:.8rem;border:1px solid #ccc}"
  ".choix{display:flex;flex-wrap:wrap;gap:.8rem;margin-top:1rem}"
  "button{font-size:1rem;padding:.6rem 1.2rem;border:2px solid #000091;background:#000091;"
  "color:#fff;cursor:pointer}button.secondaire{background:#fff;color:#000091}"
  "table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:.3rem .6rem;"
  "text-align:left}"
  ".aide{margin-top:2rem;padding:1rem;background:#eef;border:1px solid #ccd}"
  "footer{text-align:center;font-size:.8rem;padding:1rem}";

static void append_markup (GString    *page,
                           const char *format,
                           ...) G_GNUC_PRINTF (2, 3);

static void
append_markup (GString    *page,
               const char *format,
               ...)
{
  va_list args;
  g_autofree char *text = NULL;

  va_start (args, format);
  text = g_markup_vprintf_escaped (format, args);
  va_end (args);
  g_string_append (page, text);
}

/* 24311 → "243,11 €", 123456 → "1 234,56 €" (narrow no-break space between thousands,
 * no-break space before the euro sign). */
char *
gf_sandbox_format_money (gint64 cents)
{
  g_autofree char *units = g_strdup_printf ("%" G_GINT64_FORMAT, cents / 100);
  g_autoptr(GString) text = g_string_new (NULL);
  gsize length = strlen (units);

  for (gsize i = 0; i < length; i++)
    {
      if (i > 0 && (length - i) % 3 == 0)
        g_string_append (text, "\u202f");
      g_string_append_c (text, units[i]);
    }
  g_string_append_printf (text, ",%02d\u00a0€", (int)(cents % 100));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* "4111111111111111" → "4111 1111 1111 1111". */
static char *
group_by_four (const char *number)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (gsize i = 0; number[i] != '\0'; i++)
    {
      if (i > 0 && i % 4 == 0)
        g_string_append_c (text, ' ');
      g_string_append_c (text, number[i]);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

GString *
gf_sandbox_html_begin (const char *title)
{
  GString *page = g_string_new ("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n"
                                "<meta charset=\"utf-8\">\n"
                                "<meta name=\"viewport\" content=\"width=device-width, "
                                "initial-scale=1\">\n");

  append_markup (page, "<title>%s – PayFiP (bac à sable)</title>\n", title);
  g_string_append_printf (page, "<style>%s</style>\n</head>\n<body>\n", page_style);
  g_string_append (page,
                   "<header>\n"
                   "<p class=\"marianne\">RÉPUBLIQUE<br>FRANÇAISE</p>\n"
                   "<p class=\"devise\">Liberté<br>Égalité<br>Fraternité</p>\n"
                   "<p><strong>PayFiP.gouv.fr</strong><br>La solution de paiement de la "
                   "Direction Générale des Finances Publiques</p>\n"
                   "</header>\n"
                   "<main>\n"
                   "<p class=\"sandbox\" role=\"note\">Bac à sable PayFiP de Guichet Familles : "
                   "ce site imite PayFiP pour les démonstrations et les tests. Aucun paiement "
                   "n'est réellement effectué.</p>\n");
  return page;
}

char *
gf_sandbox_html_end (GString *page)
{
  g_string_append (page, "</main>\n<footer>Bac à sable PayFiP – Guichet Familles</footer>\n"
                         "</body>\n</html>\n");
  return g_string_free (page, FALSE);
}

static void
append_hidden_fields (GString                  *page,
                      const GfSandboxOperation *operation)
{
  append_markup (page,
                 "<input type=\"hidden\" name=\"idop\" value=\"%s\">\n"
                 "<input type=\"hidden\" name=\"jeton\" value=\"%s\">\n",
                 operation->idop, operation->page_token != NULL ? operation->page_token : "");
}

static void
append_amount_header (GString                  *page,
                      const GfSandboxOperation *operation)
{
  g_autofree char *amount = gf_sandbox_format_money (operation->montant);

  append_markup (page,
                 "<p>Collectivité : %s</p>\n"
                 "<p>Montant de la transaction : <strong>%s</strong></p>\n",
                 GF_SANDBOX_LIBELLE_N2, amount);
}

static void
append_error (GString    *page,
              const char *error)
{
  if (error != NULL)
    append_markup (page, "<p class=\"erreur\" role=\"alert\">%s</p>\n", error);
}

/* The table of test cards and/or test accounts, for the card and direct debit pages and
 * the sandbox's home page. */
void
gf_sandbox_html_test_means (GString  *page,
                            gboolean  cards,
                            gboolean  ibans)
{
  const GfTestMeans *means;
  guint n;

  if (cards)
    {
      means = gf_sandbox_test_cards (&n);
      g_string_append (page, "<section class=\"aide\">\n<h2>Cartes de test</h2>\n<table>\n"
                             "<tr><th scope=\"col\">Numéro de carte</th>"
                             "<th scope=\"col\">Résultat</th></tr>\n");
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *number = group_by_four (means[i].number);

          append_markup (page, "<tr><td>%s</td><td>%s (%c)</td></tr>\n", number, means[i].label,
                         means[i].resultrans);
        }
      g_string_append (page, "</table>\n<p>Toute autre carte valide est refusée (R). Date "
                             "d'expiration : n'importe quel mois à venir ; cryptogramme : "
                             "n'importe quels 3 chiffres.</p>\n</section>\n");
    }
  if (ibans)
    {
      means = gf_sandbox_test_ibans (&n);
      g_string_append (page, "<section class=\"aide\">\n<h2>Comptes de test (prélèvement)</h2>\n"
                             "<table>\n<tr><th scope=\"col\">IBAN</th>"
                             "<th scope=\"col\">Résultat</th></tr>\n");
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *number = group_by_four (means[i].number);

          append_markup (page, "<tr><td>%s</td><td>%s (%c)</td></tr>\n", number, means[i].label,
                         means[i].resultrans);
        }
      g_string_append (page, "</table>\n<p>Tout autre IBAN valide est refusé (Z).</p>\n"
                             "</section>\n");
    }
}

/* The first page: the debt, then the choice of payment means. */
char *
gf_sandbox_html_choice (const GfSandboxOperation *operation,
                        gboolean                  direct_debit)
{
  GString *page = gf_sandbox_html_begin ("Choix du mode de paiement");
  g_autofree char *amount = gf_sandbox_format_money (operation->montant);

  g_string_append (page, "<h1>PAYFiP</h1>\n");
  if (g_strcmp0 (operation->saisie, "T") == 0)
    g_string_append (page, "<p class=\"test\">Attention : il s'agit d'un paiement de test. "
                           "Aucun paiement ne sera réellement effectué.</p>\n");
  append_markup (page,
                 "<section>\n<h2>Informations sur la dette</h2>\n<dl>\n"
                 "<dt>Référence de la dette :</dt><dd>%s</dd>\n"
                 "<dt>Montant :</dt><dd>%s</dd>\n"
                 "<dt>Adresse électronique :</dt><dd>%s</dd>\n"
                 "</dl>\n</section>\n",
                 operation->refdet, amount, operation->mel);
  g_string_append (page, "<section>\n<h2>Choix du mode de paiement</h2>\n"
                         "<form method=\"post\" action=\"" GF_SANDBOX_PAGE_PATH "\">\n");
  append_hidden_fields (page, operation);
  g_string_append (page, "<div class=\"choix\">\n"
                         "<button type=\"submit\" name=\"action\" value=\"carte\">Payer par carte "
                         "bancaire</button>\n");
  if (direct_debit)
    g_string_append (page, "<button type=\"submit\" name=\"action\" value=\"prelevement\">Payer "
                           "par prélèvement</button>\n");
  g_string_append (page, "<button type=\"submit\" name=\"action\" value=\"annuler\" "
                         "class=\"secondaire\">Annuler</button>\n</div>\n</form>\n</section>\n");
  return gf_sandbox_html_end (page);
}

static void
append_transaction_details (GString                  *page,
                            const GfSandboxOperation *operation)
{
  append_markup (page,
                 "<section>\n<h2>Détails de la transaction</h2>\n<dl>\n"
                 "<dt>Référence de la transaction :</dt><dd>%s</dd>\n"
                 "<dt>Référence commande :</dt><dd>%s</dd>\n"
                 "<dt>Comptable :</dt><dd>%s</dd>\n"
                 "<dt>Cas de paiement :</dt><dd>Paiement unique</dd>\n"
                 "<dt>E-mail :</dt><dd>%s</dd>\n"
                 "</dl>\n</section>\n",
                 operation->idop, operation->refdet, GF_SANDBOX_LIBELLE_N2, operation->mel);
}

/* The card entry page, with the test cards documented under it. */
char *
gf_sandbox_html_card (const GfSandboxOperation *operation,
                      const char               *error,
                      int                       this_year)
{
  GString *page = gf_sandbox_html_begin ("Paiement par carte bancaire");

  g_string_append (page, "<h1>Paiement par carte bancaire</h1>\n");
  append_amount_header (page, operation);
  append_transaction_details (page, operation);
  g_string_append (page, "<section>\n<h2>Informations de la carte</h2>\n");
  append_error (page, error);
  g_string_append (page, "<p>Veuillez saisir les informations de votre paiement.</p>\n"
                         "<form method=\"post\" action=\"" GF_SANDBOX_PAGE_PATH "\">\n");
  append_hidden_fields (page, operation);
  g_string_append (page, "<label for=\"numero\">Numéro de carte</label>\n"
                         "<input id=\"numero\" name=\"numero\" inputmode=\"numeric\" "
                         "autocomplete=\"cc-number\" size=\"24\" required>\n"
                         "<fieldset>\n<legend>Date d'expiration</legend>\n"
                         "<label for=\"mois\">Mois</label>\n<select id=\"mois\" name=\"mois\">\n");
  for (int month = 1; month <= 12; month++)
    g_string_append_printf (page, "<option>%02d</option>\n", month);
  g_string_append (page, "</select>\n<label for=\"annee\">Année</label>\n"
                         "<select id=\"annee\" name=\"annee\">\n");
  for (int year = this_year; year <= this_year + 10; year++)
    g_string_append_printf (page, "<option%s>%d</option>\n", year == this_year + 1
                            ? " selected" : "", year);
  g_string_append (page, "</select>\n</fieldset>\n"
                         "<label for=\"cryptogramme\">Cryptogramme visuel</label>\n"
                         "<input id=\"cryptogramme\" name=\"cryptogramme\" inputmode=\"numeric\" "
                         "autocomplete=\"cc-csc\" size=\"4\" maxlength=\"3\" required>\n"
                         "<div class=\"choix\">\n"
                         "<button type=\"submit\" name=\"action\" value=\"valider-carte\">Valider"
                         "</button>\n"
                         "<button type=\"submit\" name=\"action\" value=\"annuler\" "
                         "class=\"secondaire\" formnovalidate>Annuler</button>\n"
                         "</div>\n</form>\n</section>\n");
  gf_sandbox_html_test_means (page, TRUE, FALSE);
  return gf_sandbox_html_end (page);
}

/* The direct debit page: a single SEPA mandate. */
char *
gf_sandbox_html_debit (const GfSandboxOperation *operation,
                       const char               *error)
{
  GString *page = gf_sandbox_html_begin ("Paiement par prélèvement");

  g_string_append (page, "<h1>Paiement par prélèvement</h1>\n");
  append_amount_header (page, operation);
  append_transaction_details (page, operation);
  g_string_append (page, "<section>\n<h2>Mandat de prélèvement SEPA unique</h2>\n");
  append_error (page, error);
  g_string_append (page, "<form method=\"post\" action=\"" GF_SANDBOX_PAGE_PATH "\">\n");
  append_hidden_fields (page, operation);
  g_string_append (page, "<label for=\"titulaire\">Titulaire du compte</label>\n"
                         "<input id=\"titulaire\" name=\"titulaire\" autocomplete=\"name\" "
                         "size=\"30\" required>\n"
                         "<label for=\"iban\">IBAN</label>\n"
                         "<input id=\"iban\" name=\"iban\" autocomplete=\"off\" size=\"34\" "
                         "required>\n"
                         "<p><input type=\"checkbox\" id=\"mandat\" name=\"mandat\" value=\"1\" "
                         "required> <label for=\"mandat\" style=\"display:inline\">J'autorise "
                         "la DGFiP à prélever ce montant, une seule fois, sur ce compte.</label>"
                         "</p>\n"
                         "<div class=\"choix\">\n"
                         "<button type=\"submit\" name=\"action\" value=\"valider-prelevement\">"
                         "Valider</button>\n"
                         "<button type=\"submit\" name=\"action\" value=\"annuler\" "
                         "class=\"secondaire\" formnovalidate>Annuler</button>\n"
                         "</div>\n</form>\n</section>\n");
  gf_sandbox_html_test_means (page, FALSE, TRUE);
  return gf_sandbox_html_end (page);
}

/* An error page of the payment site (unknown, used or expired idOp...). */
char *
gf_sandbox_html_message (const char *title,
                         const char *text)
{
  GString *page = gf_sandbox_html_begin (title);

  append_markup (page, "<h1>%s</h1>\n<p class=\"erreur\">%s</p>\n", title, text);
  return gf_sandbox_html_end (page);
}

/* The body of the 302 back to urlredirect, for a client that does not follow it. */
char *
gf_sandbox_html_return_link (const char *location)
{
  GString *page = gf_sandbox_html_begin ("Retour à votre collectivité");

  append_markup (page, "<h1>Retour à votre collectivité</h1>\n"
                       "<p><a href=\"%s\">Continuer vers le site de votre collectivité</a></p>\n",
                 location);
  return gf_sandbox_html_end (page);
}

/* The other way back (redirect-method post): a form that posts idop to urlredirect and
 * submits itself. */
char *
gf_sandbox_html_return_form (const char *url,
                             const char *idop)
{
  GString *page = gf_sandbox_html_begin ("Retour à votre collectivité");

  append_markup (page, "<h1>Retour à votre collectivité</h1>\n"
                       "<form id=\"retour\" method=\"post\" action=\"%s\">\n"
                       "<input type=\"hidden\" name=\"idop\" value=\"%s\">\n"
                       "<button type=\"submit\">Continuer</button>\n</form>\n"
                       "<script>document.getElementById('retour').submit();</script>\n",
                 url, idop);
  return gf_sandbox_html_end (page);
}
