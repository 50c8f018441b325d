/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Guichet"

#include "config.h"

#include "gf-window.h"

#include <glib/gi18n.h>

#include "gf-announcements-page.h"
#include "gf-children-page.h"
#include "gf-documents-page.h"
#include "gf-families-page.h"
#include "gf-first-admin-page.h"
#include "gf-invoices-page.h"
#include "gf-messages-page.h"
#include "gf-payments-page.h"
#include "gf-search.h"
#include "gf-session.h"
#include "gf-settings-page.h"
#include "gf-staff-user.h"

struct _GfWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template Widgets */
  GtkStack             *main_stack;
  GfLoginPage          *login_page;
  GfFirstAdminPage     *first_admin_page;
  AdwStatusPage        *busy_status;
  GtkSpinner           *busy_spinner;
  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  AdwWindowTitle       *sidebar_title;
  GtkListBox           *sidebar_list;
  GtkStack             *page_stack;
  GtkSearchEntry       *search_entry;

  /* Borrowed References */
  GfDashboardPage      *dashboard_page;

  /* Owned References */
  GfDb                 *db;
  GfStaffUser          *user;
  GfSession            *session;
  char                 *last_toast;
};

G_DEFINE_FINAL_TYPE (GfWindow, gf_window, ADW_TYPE_APPLICATION_WINDOW)

/* The pages of the sidebar, in order, with the least role that sees each. */
typedef struct
{
  const char  *name;
  const char  *title;
  const char  *icon_name;
  GfStaffRole  min_role;
  GtkWidget *(*create) (GfSession *session);
} PageInfo;

static const PageInfo pages[] = {
  { "dashboard", N_("Dashboard"), "view-grid-symbolic", GF_STAFF_ROLE_AGENT, NULL },
  { "families", N_("Families"), "system-users-symbolic", GF_STAFF_ROLE_AGENT, gf_families_page_new },
  { "children", N_("Children"), "avatar-default-symbolic", GF_STAFF_ROLE_AGENT, gf_children_page_new },
  { "messages", N_("Messages"), "mail-unread-symbolic", GF_STAFF_ROLE_AGENT, gf_messages_page_new },
  { "documents", N_("Documents"), "folder-documents-symbolic", GF_STAFF_ROLE_AGENT, gf_documents_page_new },
  { "invoices", N_("Invoices"), "x-office-spreadsheet-symbolic", GF_STAFF_ROLE_REGISSEUR, gf_invoices_page_new },
  { "payments", N_("Payments"), "emblem-ok-symbolic", GF_STAFF_ROLE_REGISSEUR, gf_payments_page_new },
  { "announcements", N_("Announcements"), "dialog-information-symbolic", GF_STAFF_ROLE_ADMIN, gf_announcements_page_new },
  { "settings", N_("Settings"), "emblem-system-symbolic", GF_STAFF_ROLE_ADMIN, gf_settings_page_new },
};

/*
 * Auxiliary methods
 */

static void
show_toast (GfWindow   *self,
            const char *title)
{
  g_free (self->last_toast);
  self->last_toast = g_strdup (title);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static void
clear_pages (GfWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->page_stack))) != NULL)
    gtk_stack_remove (self->page_stack, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list))) != NULL)
    gtk_list_box_remove (self->sidebar_list, child);
  self->dashboard_page = NULL;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
}

static GtkWidget *
create_row (const PageInfo *info)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (_(info->title));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (info->icon_name));
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, info->name);
  g_object_set_data (G_OBJECT (row), "gf-page-title", (gpointer) info->title);
  return row;
}

/* Pages are made the first time they are shown: signing in reads only the dashboard,
 * and a page nobody opens costs nothing. NULL when the role does not see @name. */
static GtkWidget *
ensure_page (GfWindow   *self,
             const char *name)
{
  GtkWidget *page = gtk_stack_get_child_by_name (self->page_stack, name);

  if (page != NULL || self->session == NULL)
    return page;
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      const PageInfo *info = &pages[i];

      if (!g_str_equal (info->name, name) || info->create == NULL ||
          !gf_session_has_role (self->session, info->min_role))
        continue;
      page = info->create (self->session);
      gtk_stack_add_titled (self->page_stack, page, info->name, _(info->title));
      return page;
    }
  return NULL;
}

static GtkWidget *
show_page (GfWindow   *self,
           const char *name)
{
  GtkWidget *page = ensure_page (self, name);

  if (page == NULL)
    return NULL;

  gtk_stack_set_visible_child (self->page_stack, page);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_str_equal (gtk_widget_get_name (row), name))
      gtk_list_box_select_row (self->sidebar_list, GTK_LIST_BOX_ROW (row));
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
  return page;
}

/* A page asks for a family, a child or an invoice; the role decides whether it opens. */
static void
session_open_cb (GfWindow        *self,
                 GfSessionObject  object,
                 gint64           id)
{
  GtkWidget *page;

  switch (object)
    {
    case GF_SESSION_OBJECT_FAMILY:
      if ((page = show_page (self, "families")) != NULL)
        gf_families_page_show_family (GF_FAMILIES_PAGE (page), id);
      return;
    case GF_SESSION_OBJECT_CHILD:
      if ((page = show_page (self, "children")) != NULL)
        gf_children_page_show_child (GF_CHILDREN_PAGE (page), id);
      return;
    case GF_SESSION_OBJECT_INVOICE:
      if ((page = show_page (self, "invoices")) != NULL)
        gf_invoices_page_show_invoice (GF_INVOICES_PAGE (page), id);
      else
        show_toast (self, _("Invoices are for the cashier and the administrator."));
      return;
    default:
      g_return_if_reached ();
    }
}

/* A figure of the dashboard opens its section. */
static void
dashboard_section_cb (GfWindow   *self,
                      const char *name)
{
  show_page (self, name);
}

static void
build_pages (GfWindow *self)
{
  GfStaffRole role = gf_staff_user_get_role (self->user);

  clear_pages (self);
  self->session = gf_session_new (self->db, self->user);
  g_signal_connect_swapped (self->session, "toast", G_CALLBACK (show_toast), self);
  g_signal_connect_swapped (self->session, "open", G_CALLBACK (session_open_cb), self);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    if (pages[i].min_role <= role)
      gtk_list_box_append (self->sidebar_list, create_row (&pages[i]));

  self->dashboard_page = GF_DASHBOARD_PAGE (gf_dashboard_page_new (self->session));
  g_signal_connect_swapped (self->dashboard_page, "show-section",
                            G_CALLBACK (dashboard_section_cb), self);
  gtk_stack_add_titled (self->page_stack, GTK_WIDGET (self->dashboard_page), "dashboard",
                        _(pages[0].title));

  gtk_list_box_select_row (self->sidebar_list, gtk_list_box_get_row_at_index (self->sidebar_list, 0));
  gtk_stack_set_visible_child_name (self->page_stack, "dashboard");
}

/*
 * Callbacks
 */

static void
logged_in_cb (GfWindow    *self,
              GfStaffUser *user)
{
  g_autofree char *subtitle = NULL;
  const char *role_names[] = { N_("Agent"), N_("Cashier"), N_("Administrator") };

  g_clear_pointer (&self->user, gf_staff_user_free);
  self->user = gf_staff_user_copy (user);

  subtitle = g_strdup_printf ("%s — %s", user->display_name,
                              _(role_names[gf_staff_user_get_role (user)]));
  adw_window_title_set_subtitle (self->sidebar_title, subtitle);
  build_pages (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.logout", TRUE);
  /* Drop the focus before the entries are hidden (GtkText warns otherwise). */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_stack_set_visible_child_name (self->main_stack, "main");
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

static void
sidebar_row_activated_cb (GfWindow      *self,
                          GtkListBoxRow *row)
{
  if (ensure_page (self, gtk_widget_get_name (GTK_WIDGET (row))) != NULL)
    gtk_stack_set_visible_child_name (self->page_stack, gtk_widget_get_name (GTK_WIDGET (row)));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
search_activated_cb (GfWindow *self)
{
  g_autoptr(GPtrArray) families = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  GtkWidget *page;

  if (*stripped == '\0')
    return;

  families = gf_family_search (self->db, text, GF_SEARCH_DEFAULT, 1000, &error);
  if (families == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u family found",
                                          "%u families found", families->len),
                             families->len);
  show_toast (self, message);
  if ((page = show_page (self, "families")) != NULL)
    gf_families_page_set_search (GF_FAMILIES_PAGE (page), stripped);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GfWindow *self = GF_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GfWindow *self = GF_WINDOW (widget);

  if (self->user != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Ctrl+1 … Ctrl+9: the pages of the sidebar in order. */
static void
page_number_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GfWindow *self = GF_WINDOW (widget);
  GtkListBoxRow *row;

  if (self->user == NULL)
    return;
  row = gtk_list_box_get_row_at_index (self->sidebar_list, g_variant_get_int32 (parameter) - 1);
  if (row != NULL)
    show_page (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

/* F5: read the database again now rather than at the next poll. */
static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GfWindow *self = GF_WINDOW (widget);

  if (self->session != NULL)
    gf_session_notify_changed (self->session);
}

static void
logout_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GfWindow *self = GF_WINDOW (widget);

  g_clear_pointer (&self->user, gf_staff_user_free);
  clear_pages (self);
  gtk_widget_action_set_enabled (widget, "win.logout", FALSE);
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_stack_set_visible_child_name (self->main_stack, "login");
  gf_login_page_reset (self->login_page);
}

/*
 * GObject overrides
 */

static void
gf_window_dispose (GObject *object)
{
  GfWindow *self = GF_WINDOW (object);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), GF_TYPE_WINDOW);

  G_OBJECT_CLASS (gf_window_parent_class)->dispose (object);
}

static void
gf_window_finalize (GObject *object)
{
  GfWindow *self = GF_WINDOW (object);

  g_clear_object (&self->session);
  g_clear_object (&self->db);
  g_clear_pointer (&self->user, gf_staff_user_free);
  g_clear_pointer (&self->last_toast, g_free);

  G_OBJECT_CLASS (gf_window_parent_class)->finalize (object);
}

static void
gf_window_class_init (GfWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gf_window_dispose;
  object_class->finalize = gf_window_finalize;

  g_type_ensure (GF_TYPE_LOGIN_PAGE);
  g_type_ensure (GF_TYPE_FIRST_ADMIN_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/guichetfamilles/Guichet/gf-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GfWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, GfWindow, login_page);
  gtk_widget_class_bind_template_child (widget_class, GfWindow, first_admin_page);
  gtk_widget_class_bind_template_child (widget_class, GfWindow, busy_status);
  gtk_widget_class_bind_template_child (widget_class, GfWindow, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, GfWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GfWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, GfWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, GfWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, GfWindow, page_stack);
  gtk_widget_class_bind_template_child (widget_class, GfWindow, search_entry);
  gtk_widget_class_bind_template_callback (widget_class, logged_in_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.logout", NULL, logout_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_install_action (widget_class, "win.page-number", "i", page_number_action);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh", NULL);
  for (int i = 1; i <= 9; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0 + i, GDK_CONTROL_MASK,
                                         "win.page-number", "i", i);
}

static void
gf_window_init (GfWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.logout", FALSE);
}

/*
 * Public API
 */

GfWindow *
gf_window_new (GfApplication *application,
               GfDb          *db)
{
  GfWindow *self;

  g_return_val_if_fail (GF_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (db == NULL || GF_IS_DB (db), NULL);

  self = g_object_new (GF_TYPE_WINDOW, "application", application, NULL);
  gf_window_set_db (self, db);
  return self;
}

/* Works on @db from now on (NULL: none open). Whoever was signed in is signed out; a
 * database without any staff account asks for its first administrator. */
void
gf_window_set_db (GfWindow *self,
                  GfDb     *db)
{
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (GF_IS_WINDOW (self));
  g_return_if_fail (db == NULL || GF_IS_DB (db));

  if (self->user != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.logout", NULL);
  gtk_spinner_stop (self->busy_spinner);
  g_set_object (&self->db, db);
  gtk_window_set_focus (GTK_WINDOW (self), NULL);

  if (db == NULL)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "nodb");
      return;
    }

  gf_login_page_set_db_path (self->login_page, gf_db_get_path (db));
  users = gf_staff_user_list (db, &error);
  if (users != NULL && users->len == 0)
    {
      gf_first_admin_page_set_db_path (self->first_admin_page, gf_db_get_path (db));
      gtk_stack_set_visible_child_name (self->main_stack, "setup");
      return;
    }
  if (users == NULL)
    g_warning ("Cannot list the staff accounts: %s", error->message);

  gtk_stack_set_visible_child_name (self->main_stack, "login");
  gf_login_page_reset (self->login_page);
}

/* While a database is created or opened: a spinner and what is going on. */
void
gf_window_show_busy (GfWindow   *self,
                     const char *title)
{
  g_return_if_fail (GF_IS_WINDOW (self));

  adw_status_page_set_title (self->busy_status, title);
  gtk_spinner_start (self->busy_spinner);
  gtk_stack_set_visible_child_name (self->main_stack, "busy");
}

GfLoginPage *
gf_window_get_login_page (GfWindow *self)
{
  g_return_val_if_fail (GF_IS_WINDOW (self), NULL);

  return self->login_page;
}

GfDashboardPage *
gf_window_get_dashboard_page (GfWindow *self)
{
  g_return_val_if_fail (GF_IS_WINDOW (self), NULL);

  return self->dashboard_page;
}

/* "login" or "main". */
const char *
gf_window_get_mode (GfWindow *self)
{
  g_return_val_if_fail (GF_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

/* The titles of the sidebar's rows, as shown. */
GStrv
gf_window_dup_page_titles (GfWindow *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (GF_IS_WINDOW (self), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
      GtkWidget *label = gtk_widget_get_last_child (box);

      if (gtk_widget_get_visible (row))
        g_strv_builder_add (builder, gtk_label_get_text (GTK_LABEL (label)));
    }

  return g_strv_builder_end (builder);
}

gboolean
gf_window_get_folded (GfWindow *self)
{
  g_return_val_if_fail (GF_IS_WINDOW (self), FALSE);

  return adw_leaflet_get_folded (self->leaflet);
}

void
gf_window_show_sidebar (GfWindow *self,
                        gboolean  sidebar)
{
  g_return_if_fail (GF_IS_WINDOW (self));

  adw_leaflet_set_visible_child_name (self->leaflet, sidebar ? "sidebar" : "content");
}

/* Types into the global search and presses Enter. */
void
gf_window_search (GfWindow   *self,
                  const char *text)
{
  g_return_if_fail (GF_IS_WINDOW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  g_signal_emit_by_name (self->search_entry, "activate");
}

/* Selects a sidebar page by its name, as a click on its row does; FALSE when the role
 * does not see it. */
gboolean
gf_window_show_page (GfWindow   *self,
                     const char *name)
{
  g_return_val_if_fail (GF_IS_WINDOW (self), FALSE);

  return show_page (self, name) != NULL;
}

/* The name of the page shown, or NULL before login. */
const char *
gf_window_get_page_name (GfWindow *self)
{
  g_return_val_if_fail (GF_IS_WINDOW (self), NULL);

  if (self->user == NULL)
    return NULL;
  return gtk_stack_get_visible_child_name (self->page_stack);
}

/* NULL before login. */
GfSession *
gf_window_get_session (GfWindow *self)
{
  g_return_val_if_fail (GF_IS_WINDOW (self), NULL);

  return self->session;
}

const char *
gf_window_get_last_toast (GfWindow *self)
{
  g_return_val_if_fail (GF_IS_WINDOW (self), NULL);

  return self->last_toast;
}
