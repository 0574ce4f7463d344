#include "config.h"

#include <glib/gi18n.h>

#include "kl-form.h"
#include "kl-session-editor-private.h"

/* Whom a session is for: everyone enrolled, the people of one workplace
 * (or a unit under it), or participants by name; what is missing is said
 * under the choice. */

static const char *
selected_audience (KlSessionEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->audience_row);

  return selected < g_strv_length ((char **) kl_session_audiences) ? kl_session_audiences[selected] : "all";
}

static gint64
selected_workplace (KlSessionEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->workplace_row);

  return selected < self->workplace_ids->len ? g_array_index (self->workplace_ids, gint64, selected) : 0;
}

static gint64
parent_of (KlSessionEditor *self,
           gint64           client_id)
{
  gint64 *parent = g_hash_table_lookup (self->parents, &client_id);

  return parent != NULL ? *parent : 0;
}

/* As the store decides it: the workplace itself, or a unit under it. */
static guint
count_working_at (KlSessionEditor *self,
                  gint64           client_id)
{
  guint n = 0;

  for (guint i = 0; i < self->enrolled->len; i++)
    {
      const KlParticipant *participant = g_ptr_array_index (self->enrolled, i);

      n += participant->workplace_id > 0
           && (participant->workplace_id == client_id || parent_of (self, participant->workplace_id) == client_id);
    }
  return n;
}

/* Who is expected, as chosen: the workplace or the names shown. Fills the
 * session's audience; what is missing comes back, to be said under the
 * choice. */
char *
kl_session_editor_read_audience (KlSessionEditor *self,
                                 KlSession       *session)
{
  const char *audience = selected_audience (self);
  g_autofree char *problem = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->workplace_row), g_str_equal (audience, "workplace"));
  gtk_widget_set_visible (GTK_WIDGET (self->named_group), g_str_equal (audience, "named"));
  if (g_str_equal (audience, "workplace"))
    {
      gint64 client_id = selected_workplace (self);
      guint n = client_id > 0 ? count_working_at (self, client_id) : 0;
      g_autofree char *subtitle = NULL;

      session->audience = g_strdup ("workplace");
      session->audience_client_id = client_id;
      if (client_id <= 0)
        problem = g_strdup (_("For: there is no workplace to choose yet; add the school or unit as a client first"));
      else if (n == 0)
        subtitle = g_strdup (_("Nobody enrolled works there yet"));
      else
        /* Translators: "3 of 14 enrolled work there (or in a unit under it)" */
        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u enrolled works there (or in a unit under it)",
                                                 "%u of %u enrolled work there (or in a unit under it)", n),
                                    n, self->enrolled->len);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->workplace_row), subtitle ? subtitle : "");
    }
  else if (g_str_equal (audience, "named"))
    {
      session->audience = g_strdup ("named");
      for (guint i = 0; i < self->named_checks->len; i++)
        if (gtk_check_button_get_active (g_ptr_array_index (self->named_checks, i)))
          g_array_append_val (session->audience_ids, ((KlParticipant *) g_ptr_array_index (self->enrolled, i))->id);
      if (self->enrolled->len == 0)
        problem = g_strdup (_("For: nobody is enrolled yet; enrol the participants first"));
      else if (session->audience_ids->len == 0)
        problem = g_strdup (_("For: choose at least one participant below"));
    }
  return g_steal_pointer (&problem);
}

/* The choices of whom a session is for: the workplaces of those enrolled
 * and what they belong to (every client while nobody is enrolled), and
 * the enrolled by name. Called again when participants or clients change
 * while the form is open: what is chosen stays chosen while it is still
 * there. */
void
kl_session_editor_fill_audience (KlSessionEditor *self)
{
  static const char *const audience_labels[] = {
    N_("Everyone enrolled"), N_("One workplace"), N_("Named participants"),
  };
  g_autoptr(GtkStringList) workplaces = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) clients = kl_store_list_clients (self->db, NULL);
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) names = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) named_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const KlSession *session = self->original;
  gint64 workplace_id = session ? session->audience_client_id : 0;

  G_STATIC_ASSERT (G_N_ELEMENTS (audience_labels) == 3);
  if (adw_combo_row_get_model (self->audience_row) == NULL)
    {
      g_autoptr(GtkStringList) audiences = gtk_string_list_new (NULL);
      const char *audience = session ? kl_session_audience (session) : "all";

      for (guint i = 0; kl_session_audiences[i]; i++)
        gtk_string_list_append (audiences, _(audience_labels[i]));
      adw_combo_row_set_model (self->audience_row, G_LIST_MODEL (audiences));
      for (guint i = 0; kl_session_audiences[i]; i++)
        if (g_str_equal (audience, kl_session_audiences[i]))
          adw_combo_row_set_selected (self->audience_row, i);
    }

  /* What is chosen now, before the choices go. */
  if (self->enrolled != NULL)
    {
      workplace_id = selected_workplace (self);
      for (guint i = 0; i < self->named_checks->len; i++)
        if (gtk_check_button_get_active (g_ptr_array_index (self->named_checks, i)))
          g_array_append_val (named_ids, ((KlParticipant *) g_ptr_array_index (self->enrolled, i))->id);
    }
  else if (session != NULL)
    g_array_append_vals (named_ids, session->audience_ids->data, session->audience_ids->len);
  for (guint i = 0; i < self->named_checks->len; i++)
    {
      GtkWidget *row = gtk_widget_get_ancestor (g_ptr_array_index (self->named_checks, i), ADW_TYPE_ACTION_ROW);

      if (row != NULL)
        adw_preferences_group_remove (self->named_group, row);
    }
  g_ptr_array_set_size (self->named_checks, 0);
  g_array_set_size (self->workplace_ids, 0);
  g_hash_table_remove_all (self->parents);
  g_clear_pointer (&self->enrolled, g_ptr_array_unref);

  self->enrolled = kl_store_list_participants (self->db, self->programme_id, NULL);
  if (self->enrolled == NULL)
    self->enrolled = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_participant_free);
  for (guint i = 0; clients != NULL && i < clients->len; i++)
    {
      KlClient *client = g_ptr_array_index (clients, i);

      g_hash_table_insert (self->parents, g_memdup2 (&client->id, sizeof (gint64)),
                           g_memdup2 (&client->parent_id, sizeof (gint64)));
      g_hash_table_insert (names, &client->id, client->name);
    }
  for (guint i = 0; i < self->enrolled->len; i++)
    {
      const KlParticipant *participant = g_ptr_array_index (self->enrolled, i);
      gint64 parent = parent_of (self, participant->workplace_id);

      if (participant->workplace_id > 0)
        g_hash_table_add (wanted, (gpointer) &participant->workplace_id);
      if (parent > 0)
        g_hash_table_add (wanted, g_hash_table_lookup (self->parents, &participant->workplace_id));
    }
  if (workplace_id > 0)
    g_hash_table_add (wanted, &workplace_id);
  for (guint i = 0; clients != NULL && i < clients->len; i++)
    {
      KlClient *client = g_ptr_array_index (clients, i);

      if (g_hash_table_size (wanted) > 0 && !g_hash_table_contains (wanted, &client->id))
        continue;
      gtk_string_list_append (workplaces, client->name);
      g_array_append_val (self->workplace_ids, client->id);
    }
  adw_combo_row_set_model (self->workplace_row, G_LIST_MODEL (workplaces));
  for (guint i = 0; i < self->workplace_ids->len; i++)
    if (g_array_index (self->workplace_ids, gint64, i) == workplace_id)
      adw_combo_row_set_selected (self->workplace_row, i);

  for (guint i = 0; i < self->enrolled->len; i++)
    {
      const KlParticipant *participant = g_ptr_array_index (self->enrolled, i);
      const char *workplace = g_hash_table_lookup (names, &participant->workplace_id);
      GtkCheckButton *check;
      GtkWidget *row;
      gboolean named = FALSE;

      for (guint j = 0; j < named_ids->len; j++)
        named |= g_array_index (named_ids, gint64, j) == participant->id;
      row = kl_form_check_row_new (participant->name, workplace, named, &check);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (kl_session_editor_validate), self);
      adw_preferences_group_add (self->named_group, row);
      g_ptr_array_add (self->named_checks, check);
    }
}

/* Whom the session is for, as if chosen: "all", "workplace" (with
 * workplace_id, one of the choices) or "named" (then tick them with
 * kl_session_editor_set_named). FALSE when there is no such choice. */
gboolean
kl_session_editor_set_audience (KlSessionEditor *self,
                                const char      *audience,
                                gint64           workplace_id)
{
  guint index = GTK_INVALID_LIST_POSITION;

  g_return_val_if_fail (KL_IS_SESSION_EDITOR (self), FALSE);

  for (guint i = 0; kl_session_audiences[i]; i++)
    if (g_strcmp0 (audience, kl_session_audiences[i]) == 0)
      index = i;
  if (index == GTK_INVALID_LIST_POSITION)
    return FALSE;
  adw_combo_row_set_selected (self->audience_row, index);
  if (workplace_id <= 0)
    return TRUE;
  for (guint i = 0; i < self->workplace_ids->len; i++)
    if (g_array_index (self->workplace_ids, gint64, i) == workplace_id)
      {
        adw_combo_row_set_selected (self->workplace_row, i);
        return TRUE;
      }
  return FALSE;
}

/* Ticks an enrolled participant for a session for named people; FALSE
 * when they are not enrolled. */
gboolean
kl_session_editor_set_named (KlSessionEditor *self,
                             gint64           participant_id,
                             gboolean         named)
{
  g_return_val_if_fail (KL_IS_SESSION_EDITOR (self), FALSE);

  for (guint i = 0; i < self->enrolled->len; i++)
    if (((KlParticipant *) g_ptr_array_index (self->enrolled, i))->id == participant_id)
      {
        gtk_check_button_set_active (g_ptr_array_index (self->named_checks, i), named);
        return TRUE;
      }
  return FALSE;
}

/* The workplaces offered for a session for one workplace, by id. */
GArray *
kl_session_editor_get_workplaces (KlSessionEditor *self)
{
  g_return_val_if_fail (KL_IS_SESSION_EDITOR (self), NULL);
  return self->workplace_ids;
}
