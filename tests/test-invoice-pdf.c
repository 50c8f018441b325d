/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-date.h"
#include "gf-demo.h"
#include "gf-family.h"
#include "gf-invoice-pdf.h"
#include "gf-money.h"
#include "gf-test-util.h"

#include <pango/pangocairo.h>
#include <poppler.h>
#include <string.h>

#define TODAY     "2026-11-22"
#define FAMILIES  20
#define STAMP     "2026-11-05T07:00:00Z"
#define MANY      80

typedef struct
{
  GfDb *db;
  char *path;
} Fixture;

typedef struct
{
  char *text;      /* every page, normalised (see normalise()) */
  GStrv pages;     /* each page, normalised */
  char *title;
  char *creator;
} Pdf;

/*
 * Helpers
 */

static void
pdf_free (Pdf *pdf)
{
  g_free (pdf->text);
  g_strfreev (pdf->pages);
  g_free (pdf->title);
  g_free (pdf->creator);
  g_free (pdf);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pdf, pdf_free)

/* poppler gives the no-break spaces of gf_money_format() (U+00A0 before "€", U+202F
 * between thousands) back as they are or as plain spaces depending on the font, and
 * breaks text where the layout wraps it: so both sides of every comparison go through
 * this, which turns every run of white space (those two included) into one plain space. */
static char *
normalise (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F || c == 0x2009)
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* poppler_page_get_text() glues the cells of a table row together ("EnfantPrestation");
 * a person sees a gap there, so put a space wherever two characters of a line are further
 * apart than letters of a word ever are (the cells are 4 mm apart at least). */
static char *
page_text (PopplerPage *page)
{
  g_autofree char *text = poppler_page_get_text (page);
  g_autofree PopplerRectangle *rects = NULL;
  GString *out = g_string_new (NULL);
  guint n_rects = 0;
  guint i = 0;

  if (!poppler_page_get_text_layout (page, &rects, &n_rects))
    n_rects = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), i++)
    {
      if (i > 0 && i < n_rects &&
          ABS (rects[i].y1 - rects[i - 1].y1) < 2.0 && rects[i].x1 - rects[i - 1].x2 > 3.0)
        g_string_append_c (out, ' ');
      g_string_append_unichar (out, g_utf8_get_char (p));
    }
  return g_string_free (out, FALSE);
}

static Pdf *
read_pdf (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  PopplerDocument *document;
  g_autoptr(GPtrArray) pages = g_ptr_array_new ();
  g_autoptr(GString) all = g_string_new (NULL);
  Pdf *pdf = g_new0 (Pdf, 1);

  g_assert_nonnull (bytes);
  document = poppler_document_new_from_bytes (bytes, NULL, &error);
  g_assert_no_error (error);

  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      /* Debian 12's poppler-glib declares no g_autoptr cleanups: unref by hand. */
      PopplerPage *page = poppler_document_get_page (document, i);
      g_autofree char *text = page_text (page);
      char *normal = normalise (text);

      g_object_unref (page);
      g_ptr_array_add (pages, normal);
      g_string_append_printf (all, "%s ", normal);
    }
  g_ptr_array_add (pages, NULL);

  pdf->pages = (GStrv) g_ptr_array_steal (pages, NULL);
  pdf->text = g_string_free (g_steal_pointer (&all), FALSE);
  pdf->title = poppler_document_get_title (document);
  pdf->creator = poppler_document_get_creator (document);
  g_object_unref (document);
  return pdf;
}

static void
assert_says (const char *text,
             const char *expected)
{
  g_autofree char *needle = normalise (expected);

  if (strstr (text, needle) == NULL)
    {
      g_test_message ("PDF text: %s", text);
      g_test_message ("missing: %s", needle);
    }
  g_assert_nonnull (strstr (text, needle));
}

static void
assert_does_not_say (const char *text,
                     const char *unexpected)
{
  g_autofree char *needle = normalise (unexpected);

  g_assert_null (strstr (text, needle));
}

static void
assert_says_money (const char *text,
                   gint64      cents)
{
  g_autofree char *amount = gf_money_format (cents);

  assert_says (text, amount);
}

/* Keeps a copy of what was rendered when GF_TEST_PDF_DIR names a folder, to look at. */
static void
keep_pdf (GBytes     *bytes,
          const char *name)
{
  const char *dir = g_getenv ("GF_TEST_PDF_DIR");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  path = g_build_filename (dir, name, NULL);
  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes),
                       &error);
  g_assert_no_error (error);
}

/* Without a single font (fontconfig lists none), a PDF has no text to read back: then
 * there is nothing to check but that rendering works. tests/setup.sh installs
 * fonts-dejavu-core; any other font will do. (Pango always lists its "Sans" alias, so
 * ask it whether it can actually draw a word.) */
static gboolean
skip_without_fonts (void)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  g_autoptr(PangoLayout) layout = pango_layout_new (context);
  int unknown;

  pango_layout_set_text (layout, "Facture", -1);
  unknown = pango_layout_get_unknown_glyphs_count (layout);
  g_object_unref (context);
  if (unknown == 0)
    return FALSE;
  g_test_skip ("No font is installed (install fonts-dejavu-core): the text cannot be checked.");
  return TRUE;
}

static Pdf *
render (Fixture    *fixture,
        gint64      invoice_id,
        const char *keep_as)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = gf_invoice_pdf_render (fixture->db, invoice_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  if (keep_as != NULL)
    keep_pdf (bytes, keep_as);
  return read_pdf (bytes);
}

static gint64
query_id (Fixture    *fixture,
          const char *sql)
{
  gint64 id = gf_test_count (fixture->db, sql);

  g_assert_cmpint (id, >, 0);
  return id;
}

static char *
query_text (Fixture    *fixture,
            const char *sql,
            gint64      id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfStmt) stmt = gf_db_prepare (fixture->db, sql, &error);

  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (gf_db_step (fixture->db, stmt, &error), ==, GF_DB_STEP_ROW);
  return gf_stmt_dup_text (stmt, 0);
}

static gint64
query_int (Fixture    *fixture,
           const char *sql,
           gint64      id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfStmt) stmt = gf_db_prepare (fixture->db, sql, &error);

  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (gf_db_step (fixture->db, stmt, &error), ==, GF_DB_STEP_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* What anyone reading an invoice checks first: whose, which, every line, how much, by when. */
static void
assert_invoice_basics (Fixture    *fixture,
                       gint64      invoice_id,
                       const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfFamily) family = NULL;
  g_autoptr(GfStmt) lines = NULL;
  g_autofree char *number = query_text (fixture, "SELECT number FROM invoice WHERE id = ?1",
                                        invoice_id);
  g_autofree char *due = query_text (fixture, "SELECT due_date FROM invoice WHERE id = ?1",
                                     invoice_id);
  g_autofree char *due_fr = gf_date_format_iso_fr (due, NULL);
  g_autofree char *number_line = g_strdup_printf ("N° %s", number);
  g_autofree char *due_line = g_strdup_printf ("Date d'échéance : %s", due_fr);
  gint64 total = query_int (fixture, "SELECT total_cents FROM invoice WHERE id = ?1", invoice_id);
  gint64 remaining = query_int (fixture, "SELECT total_cents + credited_cents - paid_cents "
                                "FROM invoice_balance WHERE invoice_id = ?1", invoice_id);

  family = gf_family_get (fixture->db,
                          query_int (fixture, "SELECT family_id FROM invoice WHERE id = ?1",
                                     invoice_id),
                          &error);
  g_assert_no_error (error);

  assert_says (text, "FACTURE");
  assert_says (text, number_line);
  /* display_name is the payer's "NOM Prénom", which the address block prints. */
  assert_says (text, family->display_name);
  assert_says (text, family->reference);
  assert_says (text, due_line);
  assert_says (text, "Reste à payer");
  assert_says_money (text, total);
  assert_says_money (text, remaining);

  lines = gf_db_prepare (fixture->db, "SELECT label FROM invoice_line WHERE invoice_id = ?1",
                         &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (lines, 1, invoice_id);
  while (gf_db_step (fixture->db, lines, &error) == GF_DB_STEP_ROW)
    assert_says (text, gf_stmt_column_text (lines, 0));
  g_assert_no_error (error);
}

/*
 * Hand-made invoices for the edge cases
 */

static void
exec (Fixture    *fixture,
      const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gf_db_exec (fixture->db, sql, &error));
  g_assert_no_error (error);
}

static gint64
add_family (Fixture    *fixture,
            const char *reference,
            const char *last_name,
            const char *first_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfStmt) stmt = NULL;
  gint64 family_id;

  stmt = gf_db_prepare (fixture->db,
                        "INSERT INTO family (reference, address_line1, address_line2, "
                        "  postal_code, city, created_at, updated_at) "
                        "VALUES (?1, '3 rue des Lilas', 'Bâtiment B', '69500', 'Bron', "
                        "  '" STAMP "', '" STAMP "')",
                        &error);
  g_assert_no_error (error);
  gf_stmt_bind_text (stmt, 1, reference);
  g_assert_true (gf_db_step_done (fixture->db, stmt, &error));
  g_assert_no_error (error);
  family_id = gf_db_last_insert_id (fixture->db);
  g_clear_pointer (&stmt, gf_stmt_release);

  stmt = gf_db_prepare (fixture->db,
                        "INSERT INTO guardian (family_id, civility, last_name, first_name, payer, "
                        "  created_at, updated_at) "
                        "VALUES (?1, 'Mme', ?2, ?3, 1, '" STAMP "', '" STAMP "')",
                        &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, family_id);
  gf_stmt_bind_text (stmt, 2, last_name);
  gf_stmt_bind_text (stmt, 3, first_name);
  g_assert_true (gf_db_step_done (fixture->db, stmt, &error));
  g_assert_no_error (error);
  return family_id;
}

static gint64
add_child (Fixture    *fixture,
           gint64      family_id,
           const char *first_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfStmt) stmt = NULL;

  stmt = gf_db_prepare (fixture->db,
                        "INSERT INTO child (family_id, last_name, first_name, birth_date, "
                        "  created_at, updated_at) "
                        "VALUES (?1, 'Test', ?2, '2018-04-02', '" STAMP "', '" STAMP "')",
                        &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, family_id);
  gf_stmt_bind_text (stmt, 2, first_name);
  g_assert_true (gf_db_step_done (fixture->db, stmt, &error));
  g_assert_no_error (error);
  return gf_db_last_insert_id (fixture->db);
}

/* @state "draft" leaves the invoice unpublished; a credit note has @credit_for_id > 0. */
static gint64
add_invoice (Fixture    *fixture,
             gint64      family_id,
             const char *number,
             const char *state,
             gint64      credit_for_id,
             const char *object,
             gint64      total_cents)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfStmt) stmt = NULL;
  gboolean draft = g_str_equal (state, "draft");
  gboolean paid = g_str_equal (state, "paid");

  stmt = gf_db_prepare (fixture->db,
                        "INSERT INTO invoice (number, family_id, kind, credit_for_id, issue_date, "
                        "  due_date, object, total_cents, state, published_at, paid_at, "
                        "  created_at) "
                        "VALUES (?1, ?2, ?3, ?4, '2026-11-05', '2026-12-05', ?5, ?6, ?7, ?8, ?9, "
                        "  '" STAMP "')",
                        &error);
  g_assert_no_error (error);
  gf_stmt_bind_text (stmt, 1, number);
  sqlite3_bind_int64 (stmt, 2, family_id);
  gf_stmt_bind_text (stmt, 3, credit_for_id > 0 ? "credit_note" : "invoice");
  if (credit_for_id > 0)
    sqlite3_bind_int64 (stmt, 4, credit_for_id);
  gf_stmt_bind_text (stmt, 5, object);
  sqlite3_bind_int64 (stmt, 6, total_cents);
  gf_stmt_bind_text (stmt, 7, state);
  gf_stmt_bind_text_or_null (stmt, 8, draft ? NULL : STAMP);
  gf_stmt_bind_text_or_null (stmt, 9, paid ? STAMP : NULL);
  g_assert_true (gf_db_step_done (fixture->db, stmt, &error));
  g_assert_no_error (error);
  return gf_db_last_insert_id (fixture->db);
}

static void
add_line (Fixture    *fixture,
          gint64      invoice_id,
          gint64      child_id,
          const char *label,
          gint64      quantity_centi,
          gint64      unit_price_cents)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfStmt) stmt = NULL;

  stmt = gf_db_prepare (fixture->db,
                        "INSERT INTO invoice_line (invoice_id, position, child_id, label, "
                        "  quantity_centi, unit_price_cents, amount_cents) "
                        "VALUES (?1, (SELECT count(*) FROM invoice_line WHERE invoice_id = ?1), "
                        "  ?2, ?3, ?4, ?5, ?4 * ?5 / 100)",
                        &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, invoice_id);
  if (child_id > 0)
    sqlite3_bind_int64 (stmt, 2, child_id);
  gf_stmt_bind_text (stmt, 3, label);
  sqlite3_bind_int64 (stmt, 4, quantity_centi);
  sqlite3_bind_int64 (stmt, 5, unit_price_cents);
  g_assert_true (gf_db_step_done (fixture->db, stmt, &error));
  g_assert_no_error (error);
}

/*
 * Fixture: a demo town of FAMILIES families, the year of billing up to TODAY
 */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  GfDemoOptions options;

  fixture->db = gf_test_db_new (&fixture->path);
  gf_demo_options_init (&options);
  options.n_families = FAMILIES;
  options.today = TODAY;
  g_assert_true (gf_demo_generate (fixture->db, &options, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->db);
  g_free (fixture->path);
}

/*
 * Tests
 */

static void
test_demo_unpaid (Fixture *fixture)
{
  /* The unpaid invoice with the most lines, payable on the portal. */
  gint64 id = query_id (fixture,
                        "SELECT i.id FROM invoice i WHERE i.kind = 'invoice' "
                        "   AND i.state = 'unpaid' AND i.direct_debit = 0 "
                        " ORDER BY (SELECT count(*) FROM invoice_line l WHERE l.invoice_id = i.id) "
                        "          DESC, i.id LIMIT 1");
  g_autoptr(Pdf) pdf = render (fixture, id, "invoice-demo.pdf");
  g_autofree char *object = query_text (fixture, "SELECT object FROM invoice WHERE id = ?1", id);
  g_autofree char *object_line = g_strdup_printf ("Objet : %s", object);
  g_autofree char *number = query_text (fixture, "SELECT number FROM invoice WHERE id = ?1", id);
  g_autofree char *title = g_strdup_printf ("Facture N° %s", number);
  g_autofree char *issue = query_text (fixture, "SELECT issue_date FROM invoice WHERE id = ?1", id);
  g_autofree char *issue_fr = gf_date_format_iso_fr (issue, NULL);
  g_autofree char *issue_line = g_strdup_printf ("Date d'émission : %s", issue_fr);

  assert_invoice_basics (fixture, id, pdf->text);
  assert_says (pdf->text, object_line);
  assert_says (pdf->text, "Mairie de Démonstration");
  assert_says (pdf->text, "Facturation – Restauration scolaire et périscolaire");
  assert_says (pdf->text, "1 place de la Mairie, 69500 Bron");
  assert_says (pdf->text, "04 78 00 00 00");
  assert_says (pdf->text, "facturation@mairie-demo.fr");
  assert_says (pdf->text, issue_line);
  assert_says (pdf->text, "Payez en ligne sur http://127.0.0.1:8080 (paiement sécurisé PayFiP), "
               "ou auprès de la régie : espèces, chèque à l'ordre du Trésor public, CESU.");
  assert_does_not_say (pdf->text, "prélèvement automatique");
  assert_says (pdf->text, "Page 1 / 1");
  g_assert_cmpuint (g_strv_length (pdf->pages), ==, 1);

  g_assert_cmpstr (pdf->creator, ==, "Guichet Familles");
  g_assert_cmpstr (pdf->title, ==, title);
}

static void
test_demo_direct_debit (Fixture *fixture)
{
  gint64 id = query_id (fixture,
                        "SELECT id FROM invoice WHERE kind = 'invoice' AND direct_debit = 1 "
                        "   AND state = 'unpaid' ORDER BY id LIMIT 1");
  g_autoptr(Pdf) pdf = render (fixture, id, "invoice-direct-debit.pdf");

  assert_invoice_basics (fixture, id, pdf->text);
  assert_says (pdf->text, "Cette facture est réglée par prélèvement automatique.");
  assert_does_not_say (pdf->text, "Payez en ligne");
}

static void
test_demo_paid (Fixture *fixture)
{
  /* A paid invoice by cheque, cash…: not a direct debit, whose payment day is known. */
  gint64 id = query_id (fixture,
                        "SELECT id FROM invoice WHERE kind = 'invoice' AND state = 'paid' "
                        "   AND direct_debit = 0 ORDER BY id DESC LIMIT 1");
  g_autoptr(Pdf) pdf = render (fixture, id, "invoice-paid.pdf");
  g_autofree char *paid_at = query_text (fixture, "SELECT paid_at FROM invoice WHERE id = ?1", id);
  g_autofree char *when = gf_timestamp_format_fr (paid_at);
  g_autofree char *day = g_strndup (when, 10);
  g_autofree char *sentence = g_strdup_printf ("Facture réglée le %s.", day);
  gint64 paid = query_int (fixture, "SELECT paid_cents FROM invoice_balance WHERE invoice_id = ?1",
                           id);

  assert_invoice_basics (fixture, id, pdf->text);
  assert_says (pdf->text, sentence);
  assert_says (pdf->text, "Déjà réglé");
  assert_says_money (pdf->text, -paid);
  assert_says_money (pdf->text, 0);
  assert_does_not_say (pdf->text, "Payez en ligne");
}

static void
test_demo_treasury (Fixture *fixture)
{
  gint64 id = query_id (fixture,
                        "SELECT id FROM invoice WHERE state = 'treasury' ORDER BY id LIMIT 1");
  g_autoptr(Pdf) pdf = render (fixture, id, "invoice-treasury.pdf");

  assert_invoice_basics (fixture, id, pdf->text);
  assert_says (pdf->text, "Cette facture a été transmise au Trésor public : un avis de sommes à "
               "payer vous sera adressé.");
  assert_does_not_say (pdf->text, "Payez en ligne");
}

static void
test_demo_credit_note (Fixture *fixture)
{
  gint64 id = query_id (fixture,
                        "SELECT id FROM invoice WHERE kind = 'credit_note' ORDER BY id LIMIT 1");
  gint64 invoice_id = query_int (fixture, "SELECT credit_for_id FROM invoice WHERE id = ?1", id);
  g_autoptr(Pdf) pdf = render (fixture, id, "credit-note-demo.pdf");
  g_autoptr(Pdf) original = render (fixture, invoice_id, NULL);
  g_autofree char *number = query_text (fixture, "SELECT number FROM invoice WHERE id = ?1", id);
  g_autofree char *invoice_number = query_text (fixture,
                                                "SELECT number FROM invoice WHERE id = ?1",
                                                invoice_id);
  g_autofree char *origin = g_strdup_printf ("Avoir sur la facture N° %s", invoice_number);
  g_autofree char *label = query_text (fixture,
                                       "SELECT label FROM invoice_line WHERE invoice_id = ?1",
                                       id);
  gint64 total = query_int (fixture, "SELECT total_cents FROM invoice WHERE id = ?1", id);

  g_assert_cmpint (total, <, 0);
  assert_says (pdf->text, "AVOIR");
  assert_says (pdf->text, number);
  assert_says (pdf->text, origin);
  assert_says (pdf->text, label);
  assert_says (pdf->text, "Total de l'avoir");
  assert_says_money (pdf->text, total);
  assert_does_not_say (pdf->text, "FACTURE");
  assert_does_not_say (pdf->text, "Reste à payer");
  g_assert_true (g_str_has_prefix (pdf->title, "Avoir N° "));

  /* The invoice it corrects shows it among its totals. */
  assert_invoice_basics (fixture, invoice_id, original->text);
  assert_says (original->text, "Avoirs");
  assert_says_money (original->text, total);
}

static void
test_many_lines (Fixture *fixture)
{
  gint64 family_id = add_family (fixture, "T-MANY", "Martin", "Claire");
  gint64 child_id = add_child (fixture, family_id, "Léo");
  gint64 invoice_id = add_invoice (fixture, family_id, "T-2026-0080", "unpaid", 0,
                                   "Accueil du soir – octobre 2026", 0);
  g_autoptr(Pdf) pdf = NULL;
  g_autofree char *last_page = NULL;
  guint n_pages;
  guint n_with_lines = 0;

  for (int i = 1; i <= MANY; i++)
    {
      g_autofree char *label = g_strdup_printf ("Accueil du soir – séance %02d", i);

      /* 1, 1,25, 1,5, 1,75, 2, … units: a French decimal comma for the fractions. */
      add_line (fixture, invoice_id, i % 3 ? child_id : 0, label, 100 + 25 * (i % 5), 310);
    }
  exec (fixture, "UPDATE invoice SET total_cents = (SELECT sum(amount_cents) FROM invoice_line "
                 "WHERE invoice_id = invoice.id) WHERE number = 'T-2026-0080'");

  pdf = render (fixture, invoice_id, "invoice-80-lines.pdf");
  n_pages = g_strv_length (pdf->pages);
  g_assert_cmpuint (n_pages, >=, 2);

  assert_invoice_basics (fixture, invoice_id, pdf->text);
  assert_says (pdf->text, "Mme MARTIN Claire");
  assert_says (pdf->text, "1,25");
  assert_says (pdf->text, "1,5 ");
  assert_says (pdf->text, "1,75");
  assert_says_money (pdf->text, 310);

  /* Every page carries its number; every page with lines on it has the table's header;
   * the totals and how to pay end the document, together. */
  last_page = g_strdup_printf ("Page %u / %u", n_pages, n_pages);
  assert_says (pdf->pages[n_pages - 1], last_page);
  assert_says (pdf->pages[n_pages - 1], "Reste à payer");
  assert_says (pdf->pages[n_pages - 1], "Payez en ligne");
  for (guint p = 0; p < n_pages; p++)
    {
      g_autofree char *page = g_strdup_printf ("Page %u / %u", p + 1, n_pages);

      assert_says (pdf->pages[p], page);
      assert_says (pdf->pages[p], "T-2026-0080");
      if (strstr (pdf->pages[p], "Accueil du soir – séance") != NULL)
        {
          assert_says (pdf->pages[p], "Enfant Prestation Quantité Prix unitaire Montant");
          n_with_lines++;
        }
    }
  g_assert_cmpuint (n_with_lines, >=, 2);
  assert_says (pdf->pages[1], "Facture N° T-2026-0080 (suite)");
}

static void
test_hostile_text (Fixture *fixture)
{
  gint64 family_id = add_family (fixture, "T-<b>", "O'Hara <b>&amp;", "<i>Zoé</i> & Léa");
  gint64 child_id = add_child (fixture, family_id, "Émile&<");
  gint64 invoice_id = add_invoice (fixture, family_id, "T-<&>-1", "unpaid", 0,
                                   "Cantine <script>&lt; octobre", 1250);
  g_autoptr(Pdf) pdf = NULL;

  add_line (fixture, invoice_id, child_id, "Repas <b>bio</b> & goûter %s %n", 500, 250);
  pdf = render (fixture, invoice_id, "invoice-hostile.pdf");

  /* Exactly as typed: nothing read as markup, nothing escaped twice. The last name is
   * printed in capitals, as on any letter. */
  assert_says (pdf->text, "Mme O'HARA <B>&AMP; <i>Zoé</i> & Léa");
  assert_says (pdf->text, "Dossier T-<b>");
  assert_says (pdf->text, "N° T-<&>-1");
  assert_says (pdf->text, "Objet : Cantine <script>&lt; octobre");
  assert_says (pdf->text, "Émile&<");
  assert_says (pdf->text, "Repas <b>bio</b> & goûter %s %n");
  assert_says_money (pdf->text, 1250);
}

static void
test_payments_and_credit (Fixture *fixture)
{
  gint64 family_id = add_family (fixture, "T-CREDIT", "Bernard", "Inès");
  gint64 child_id = add_child (fixture, family_id, "Nina");
  gint64 invoice_id = add_invoice (fixture, family_id, "T-2026-0100", "unpaid", 0,
                                   "Restauration scolaire – octobre 2026", 5000);
  gint64 credit_id;
  g_autoptr(Pdf) pdf = NULL;
  g_autoptr(Pdf) credit = NULL;

  add_line (fixture, invoice_id, child_id, "Restauration scolaire – Nina", 1250, 400);
  credit_id = add_invoice (fixture, family_id, "AV-T-0001", "paid", invoice_id,
                           "Avoir sur la facture T-2026-0100", -1250);
  add_line (fixture, credit_id, child_id, "Repas non pris (grève)", -250, 500);
  exec (fixture, "INSERT INTO payment (family_id, method, amount_cents, paid_at, created_at) "
                 "SELECT id, 'cash', 1000, '" STAMP "', '" STAMP "' FROM family "
                 " WHERE reference = 'T-CREDIT'");
  exec (fixture, "INSERT INTO payment_allocation (payment_id, invoice_id, amount_cents) "
                 "SELECT max(p.id), i.id, 1000 FROM payment p, invoice i "
                 " WHERE i.number = 'T-2026-0100'");

  pdf = render (fixture, invoice_id, "invoice-credited.pdf");
  assert_invoice_basics (fixture, invoice_id, pdf->text);
  assert_says (pdf->text, "12,5");
  assert_says (pdf->text, "Déjà réglé");
  assert_says_money (pdf->text, -1000);
  assert_says (pdf->text, "Avoirs");
  assert_says_money (pdf->text, -1250);
  assert_says (pdf->text, "Reste à payer");
  assert_says_money (pdf->text, 2750);

  credit = render (fixture, credit_id, NULL);
  assert_says (credit->text, "AVOIR");
  assert_says (credit->text, "N° AV-T-0001");
  assert_says (credit->text, "Avoir sur la facture N° T-2026-0100");
  assert_says (credit->text, "Mme BERNARD Inès");
  assert_says (credit->text, "-2,5");
  assert_says_money (credit->text, -1250);
}

static void
test_refused (Fixture *fixture)
{
  gint64 family_id = add_family (fixture, "T-DRAFT", "Petit", "Jules");
  gint64 draft_id = add_invoice (fixture, family_id, "T-DRAFT-1", "draft", 0, "Brouillon", 100);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  bytes = gf_invoice_pdf_render (fixture->db, draft_id, &error);
  g_assert_error (error, GF_DB_ERROR, GF_DB_ERROR_NOT_FOUND);
  g_assert_null (bytes);
  g_clear_error (&error);

  bytes = gf_invoice_pdf_render (fixture->db, G_GINT64_CONSTANT (987654321), &error);
  g_assert_error (error, GF_DB_ERROR, GF_DB_ERROR_NOT_FOUND);
  g_assert_null (bytes);

  /* Refusing leaves no transaction open behind it. */
  g_assert_false (gf_db_in_transaction (fixture->db));
}

typedef struct
{
  GMainLoop *loop;
  GBytes    *bytes;
  GError    *error;
} AsyncResult;

static void
rendered_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncResult *async = user_data;

  async->bytes = gf_invoice_pdf_render_finish (result, &async->error);
  g_main_loop_quit (async->loop);
}

/* Runs a main loop until the worker thread has answered. */
static void
render_async (Fixture      *fixture,
              gint64        invoice_id,
              GCancellable *cancellable,
              AsyncResult  *async)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  async->loop = loop;
  gf_invoice_pdf_render_async (fixture->path, invoice_id, cancellable, rendered_cb, async);
  g_main_loop_run (loop);
  async->loop = NULL;
}

static void
test_async (Fixture *fixture)
{
  gint64 id = query_id (fixture,
                        "SELECT id FROM invoice WHERE kind = 'invoice' AND state = 'unpaid' "
                        " ORDER BY id LIMIT 1");
  g_autoptr(Pdf) sync = render (fixture, id, NULL);
  g_autoptr(Pdf) async_pdf = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncResult async = { 0 };

  render_async (fixture, id, NULL, &async);
  g_assert_no_error (async.error);
  async_pdf = read_pdf (async.bytes);
  g_clear_pointer (&async.bytes, g_bytes_unref);
  g_assert_cmpstr (async_pdf->text, ==, sync->text);
  g_assert_cmpstr (async_pdf->title, ==, sync->title);

  render_async (fixture, G_GINT64_CONSTANT (987654321), NULL, &async);
  g_assert_error (async.error, GF_DB_ERROR, GF_DB_ERROR_NOT_FOUND);
  g_assert_null (async.bytes);
  g_clear_error (&async.error);

  /* A page closed before its PDF is ready cancels it. */
  g_cancellable_cancel (cancellable);
  render_async (fixture, id, cancellable, &async);
  g_assert_error (async.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (async.bytes);
  g_clear_error (&async.error);
}

typedef struct
{
  const char  *path;
  void       (*func) (Fixture *fixture);
  gboolean     reads_text;   /* checks the words of the PDF, so needs a font installed */
} TestCase;

static const TestCase test_cases[] = {
  { "/gf/invoice-pdf/demo-unpaid", test_demo_unpaid, TRUE },
  { "/gf/invoice-pdf/demo-direct-debit", test_demo_direct_debit, TRUE },
  { "/gf/invoice-pdf/demo-paid", test_demo_paid, TRUE },
  { "/gf/invoice-pdf/demo-treasury", test_demo_treasury, TRUE },
  { "/gf/invoice-pdf/demo-credit-note", test_demo_credit_note, TRUE },
  { "/gf/invoice-pdf/many-lines", test_many_lines, TRUE },
  { "/gf/invoice-pdf/hostile-text", test_hostile_text, TRUE },
  { "/gf/invoice-pdf/payments-and-credit", test_payments_and_credit, TRUE },
  { "/gf/invoice-pdf/refused", test_refused, FALSE },
  { "/gf/invoice-pdf/async", test_async, FALSE },
};

static void
run_test_case (Fixture       *fixture,
               gconstpointer  data)
{
  const TestCase *test_case = data;

  if (test_case->reads_text && skip_without_fonts ())
    return;
  test_case->func (fixture);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gf_test_init_env ();

  for (guint i = 0; i < G_N_ELEMENTS (test_cases); i++)
    g_test_add (test_cases[i].path, Fixture, &test_cases[i], fixture_set_up, run_test_case,
                fixture_tear_down);

  return g_test_run ();
}
