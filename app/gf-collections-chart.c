/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-collections-chart.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "gf-dashboard-figures.h"
#include "gf-money.h"

/* A bar chart of what was collected each month, drawn with cairo: euro amounts on the
 * y axis at round steps, short month names under the bars, the amount above each bar
 * when it fits and in a tooltip always. Colours come from the style (the text colour and
 * libadwaita's accent colour), so the chart follows light and dark mode. Screen readers
 * get the same figures as one sentence. */

#define PAD          8.0
#define N_TICKS_MIN  3

struct _GfCollectionsChart
{
  GtkWidget  parent_instance;

  GArray    *cents;        /* gint64, oldest month first */
  GPtrArray *short_names;  /* "déc. 25" */
  GPtrArray *long_names;   /* "décembre 2025" */
  char      *summary;
};

G_DEFINE_FINAL_TYPE (GfCollectionsChart, gf_collections_chart, GTK_TYPE_WIDGET)

/*
 * Auxiliary methods
 */

/* "1 000 €": whole euros for the axis and the bars, the cents only in the tooltip. */
static char *
format_euros (gint64 cents)
{
  g_autofree char *text = gf_money_format ((cents / 100) * 100);
  const char *comma = strrchr (text, ',');
  const char *euro = strstr (text, "€");
  g_autoptr(GString) out = NULL;

  if (comma == NULL || euro == NULL || euro < comma)
    return g_steal_pointer (&text);
  /* Drop ",00" and keep what follows it (the no-break space and the euro sign). */
  out = g_string_new_len (text, comma - text);
  g_string_append (out, comma + 3);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* 1, 2 or 5 times a power of ten: the step of the axis, in cents. */
static gint64
nice_step (gint64 max_cents)
{
  double raw = MAX ((double) max_cents / N_TICKS_MIN, 100.0);
  double magnitude = pow (10, floor (log10 (raw)));
  double steps[] = { 1, 2, 2.5, 5, 10 };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] * magnitude >= raw)
      return (gint64) (steps[i] * magnitude);
  return (gint64) (10 * magnitude);
}

static void
get_colors (GfCollectionsChart *self,
            GdkRGBA            *fg,
            GdkRGBA            *bar)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  gtk_style_context_get_color (context, fg);
  if (!gtk_style_context_lookup_color (context, "accent_color", bar))
    *bar = (GdkRGBA) { 0.21, 0.52, 0.89, 1.0 };
}

static PangoLayout *
make_layout (GfCollectionsChart *self,
             const char         *text,
             gboolean            small)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  if (small)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  return layout;
}

typedef struct
{
  double left, top, right, bottom;  /* the plot area */
  double slot;                      /* width given to each month */
  gint64 top_cents, step;
} Geometry;

static void
compute_geometry (GfCollectionsChart *self,
                  int                 width,
                  int                 height,
                  Geometry           *g)
{
  gint64 max_cents = 0;
  int label_width = 0, label_height = 0, y_label_width = 0;
  guint n = self->cents->len;

  for (guint i = 0; i < n; i++)
    max_cents = MAX (max_cents, g_array_index (self->cents, gint64, i));
  g->step = nice_step (max_cents);
  g->top_cents = MAX (1, (max_cents + g->step - 1) / g->step) * g->step;

  for (gint64 v = 0; v <= g->top_cents; v += g->step)
    {
      g_autofree char *text = format_euros (v);
      g_autoptr(PangoLayout) layout = make_layout (self, text, TRUE);
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      y_label_width = MAX (y_label_width, w);
      label_height = MAX (label_height, h);
    }
  if (n > 0)
    {
      g_autoptr(PangoLayout) layout = make_layout (self, g_ptr_array_index (self->short_names, 0), TRUE);

      pango_layout_get_pixel_size (layout, &label_width, &label_height);
    }

  g->left = PAD + y_label_width + PAD;
  g->right = width - PAD;
  g->top = PAD + label_height + 4;
  g->bottom = height - PAD - label_height - 6;
  g->slot = n > 0 ? (g->right - g->left) / n : 0;
}

static void
draw_text (cairo_t     *cr,
           PangoLayout *layout,
           double       x,
           double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw (GfCollectionsChart *self,
      cairo_t            *cr,
      int                 width,
      int                 height)
{
  Geometry g;
  GdkRGBA fg, bar;
  guint n = self->cents->len;
  int month_width = 0, every = 1;

  if (n == 0)
    return;
  compute_geometry (self, width, height, &g);
  if (g.bottom - g.top < 20 || g.slot < 4)
    return;
  get_colors (self, &fg, &bar);

  /* Horizontal grid lines and the y axis's amounts. */
  for (gint64 v = 0; v <= g.top_cents; v += g.step)
    {
      g_autofree char *text = format_euros (v);
      g_autoptr(PangoLayout) layout = make_layout (self, text, TRUE);
      double y = round (g.bottom - (g.bottom - g.top) * v / g.top_cents) + 0.5;
      int w, h;

      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, v == 0 ? 0.5 : 0.15);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, g.left, y);
      cairo_line_to (cr, g.right, y);
      cairo_stroke (cr);

      pango_layout_get_pixel_size (layout, &w, &h);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
      draw_text (cr, layout, g.left - PAD - w, y - h / 2.0);
    }

  /* Month names: every other one when they would touch. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PangoLayout) layout = make_layout (self, g_ptr_array_index (self->short_names, i), TRUE);
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      month_width = MAX (month_width, w);
    }
  while (every < (int) n && g.slot * every < month_width + 6)
    every++;

  for (guint i = 0; i < n; i++)
    {
      gint64 cents = g_array_index (self->cents, gint64, i);
      double bar_width = MIN (g.slot * 0.7, 64);
      double x = g.left + g.slot * i + (g.slot - bar_width) / 2;
      double y = g.bottom - (g.bottom - g.top) * cents / g.top_cents;

      /* The current month (the last) is full colour, the others a little lighter. */
      cairo_set_source_rgba (cr, bar.red, bar.green, bar.blue, i + 1 == n ? 1.0 : 0.75);
      cairo_rectangle (cr, x, y, bar_width, g.bottom - y);
      cairo_fill (cr);

      if ((n - 1 - i) % every == 0)
        {
          g_autoptr(PangoLayout) layout = make_layout (self, g_ptr_array_index (self->short_names, i), TRUE);
          int w, h;

          pango_layout_get_pixel_size (layout, &w, &h);
          cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.8);
          /* Centred under its bar, but never past the right edge. */
          draw_text (cr, layout, MIN (g.left + g.slot * i + (g.slot - w) / 2, width - w),
                     g.bottom + 6);
        }

      if (cents > 0)
        {
          g_autofree char *text = format_euros (cents);
          g_autoptr(PangoLayout) layout = make_layout (self, text, TRUE);
          int w, h;

          pango_layout_get_pixel_size (layout, &w, &h);
          if (w + 4 <= g.slot)
            {
              cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.9);
              draw_text (cr, layout, g.left + g.slot * i + (g.slot - w) / 2, y - h - 2);
            }
        }
    }
}

/*
 * Callbacks
 */

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  GfCollectionsChart *self = GF_COLLECTIONS_CHART (widget);
  g_autofree char *amount = NULL;
  g_autofree char *text = NULL;
  Geometry g;
  int index;

  if (self->cents->len == 0)
    return FALSE;
  compute_geometry (self, gtk_widget_get_width (widget), gtk_widget_get_height (widget), &g);
  if (keyboard)
    index = self->cents->len - 1;
  else if (x < g.left || x >= g.right || g.slot <= 0)
    return FALSE;
  else
    index = (int) ((x - g.left) / g.slot);
  index = CLAMP (index, 0, (int) self->cents->len - 1);

  amount = gf_money_format (g_array_index (self->cents, gint64, index));
  /* TRANSLATORS: a bar's tooltip: the month, then the amount collected */
  text = g_strdup_printf (_("%s: %s"), (char *) g_ptr_array_index (self->long_names, index), amount);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/*
 * GtkWidget overrides
 */

static void
gf_collections_chart_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw (GF_COLLECTIONS_CHART (widget), cr, width, height);
  cairo_destroy (cr);
}

static void
gf_collections_chart_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 600;
    }
  else
    {
      *minimum = 180;
      *natural = 240;
    }
}

static void
gf_collections_chart_css_changed (GtkWidget         *widget,
                                  GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (gf_collections_chart_parent_class)->css_changed (widget, change);
  /* Dark mode or another accent: the cairo drawing is not redrawn by itself. */
  gtk_widget_queue_draw (widget);
}

/*
 * GObject overrides
 */

static void
gf_collections_chart_finalize (GObject *object)
{
  GfCollectionsChart *self = GF_COLLECTIONS_CHART (object);

  g_clear_pointer (&self->cents, g_array_unref);
  g_clear_pointer (&self->short_names, g_ptr_array_unref);
  g_clear_pointer (&self->long_names, g_ptr_array_unref);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (gf_collections_chart_parent_class)->finalize (object);
}

static void
gf_collections_chart_class_init (GfCollectionsChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = gf_collections_chart_finalize;
  widget_class->snapshot = gf_collections_chart_snapshot;
  widget_class->measure = gf_collections_chart_measure;
  widget_class->css_changed = gf_collections_chart_css_changed;

  gtk_widget_class_set_css_name (widget_class, "collectionschart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
gf_collections_chart_init (GfCollectionsChart *self)
{
  self->cents = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->short_names = g_ptr_array_new_with_free_func (g_free);
  self->long_names = g_ptr_array_new_with_free_func (g_free);
  self->summary = g_strdup ("");
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
}

/*
 * Public API
 */

GtkWidget *
gf_collections_chart_new (void)
{
  return g_object_new (GF_TYPE_COLLECTIONS_CHART, NULL);
}

/**
 * gf_collections_chart_set_months:
 * @first_month: the first day of the oldest month
 * @cents: (array length=n_months): what was collected each month, oldest first
 */
void
gf_collections_chart_set_months (GfCollectionsChart *self,
                                 const GDate        *first_month,
                                 const gint64       *cents,
                                 guint               n_months)
{
  g_autoptr(GString) summary = NULL;

  g_return_if_fail (GF_IS_COLLECTIONS_CHART (self));
  g_return_if_fail (first_month != NULL && g_date_valid (first_month));
  g_return_if_fail (n_months == 0 || cents != NULL);

  g_array_set_size (self->cents, 0);
  g_array_append_vals (self->cents, cents, n_months);
  g_ptr_array_set_size (self->short_names, 0);
  g_ptr_array_set_size (self->long_names, 0);

  /* TRANSLATORS: the chart's text for screen readers, followed by "month: amount" pairs */
  summary = g_string_new (_("Collected per month"));
  for (guint i = 0; i < n_months; i++)
    {
      GDate month = *first_month;
      g_autoptr(GDateTime) dt = NULL;
      g_autofree char *amount = gf_money_format (cents[i]);
      char *long_name;

      g_date_add_months (&month, i);
      dt = g_date_time_new_local (g_date_get_year (&month), g_date_get_month (&month), 1, 12, 0, 0);
      /* TRANSLATORS: a month under a bar of the chart, strftime format ("déc. 25") */
      g_ptr_array_add (self->short_names, g_date_time_format (dt, _("%b %y")));
      /* TRANSLATORS: a month in the chart's tooltip, strftime format ("décembre 2025") */
      long_name = g_date_time_format (dt, _("%B %Y"));
      g_ptr_array_add (self->long_names, long_name);
      g_autofree char *pair = g_strdup_printf (_("%s: %s"), long_name, amount);

      g_string_append_printf (summary, "%s %s", i == 0 ? " —" : ",", pair);
    }

  g_free (self->summary);
  self->summary = g_string_free (g_steal_pointer (&summary), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Collected per month"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->summary,
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The figures as one sentence, as screen readers get them. */
const char *
gf_collections_chart_get_summary (GfCollectionsChart *self)
{
  g_return_val_if_fail (GF_IS_COLLECTIONS_CHART (self), NULL);

  return self->summary;
}
