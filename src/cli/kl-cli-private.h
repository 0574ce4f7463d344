#pragma once

#include <json-glib/json-glib.h>

#include "kl-db.h"
#include "kl-labels.h"
#include "kl-money.h"

G_BEGIN_DECLS

/* What the command files of kartleser-cli share: the run's state, the
 * command table entry, and the helpers for options and output. */

#define KL_CLI_EXIT_FAILED 1
#define KL_CLI_EXIT_USAGE 2

typedef struct
{
  char *db_path;
  gboolean json;
  KlDb *db;
  KlLang lang;
} KlCli;

typedef int (*KlCommandFunc) (KlCli  *cli,
                              int     argc,
                              char  **argv);

typedef struct
{
  const char *group;
  const char *verb;     /* NULL: the group is the command */
  KlCommandFunc func;
  const char *summary;
} KlCommand;

/* Each command file's table, ended by an entry with a NULL group. */
extern const KlCommand kl_cli_setup_commands[];
extern const KlCommand kl_cli_client_commands[];
extern const KlCommand kl_cli_consultant_commands[];
extern const KlCommand kl_cli_programme_commands[];
extern const KlCommand kl_cli_session_commands[];
extern const KlCommand kl_cli_participant_commands[];
extern const KlCommand kl_cli_attendance_commands[];
extern const KlCommand kl_cli_search_commands[];
extern const KlCommand kl_cli_cost_commands[];
extern const KlCommand kl_cli_funding_commands[];
extern const KlCommand kl_cli_funding_steps_commands[];
extern const KlCommand kl_cli_fund_commands[];
extern const KlCommand kl_cli_data_commands[];
extern const KlCommand kl_cli_backup_commands[];
extern const KlCommand kl_cli_calendar_commands[];
extern const KlCommand kl_cli_documents_commands[];
extern const KlCommand kl_cli_series_commands[];
extern const KlCommand kl_cli_audit_commands[];
extern const KlCommand kl_cli_certificate_commands[];
extern const KlCommand kl_cli_privacy_commands[];
extern const KlCommand kl_cli_server_commands[];

void      kl_cli_set_str             (char          **target,
                                      const char     *value);
void      kl_cli_edit_str            (char          **target,
                                      const char     *given);
int       kl_cli_usage_error         (const char     *command,
                                      const char     *format,
                                      ...) G_GNUC_PRINTF (2, 3);
int       kl_cli_fail                (GError         *error);
KlDb     *kl_cli_db                  (KlCli          *cli,
                                      GError        **error);
gboolean  kl_cli_parse_options       (KlCli          *cli,
                                      const char     *command,
                                      const char     *parameters,
                                      GOptionEntry   *entries,
                                      int            *argc,
                                      char         ***argv,
                                      int            *status);
/* Options only, no arguments after them. */
gboolean  kl_cli_parse_options_only  (KlCli          *cli,
                                      const char     *command,
                                      GOptionEntry   *entries,
                                      int            *argc,
                                      char         ***argv,
                                      int            *status);
gboolean  kl_cli_parse_arguments     (KlCli          *cli,
                                      const char     *command,
                                      const char     *parameters,
                                      int             n_args,
                                      int            *argc,
                                      char         ***argv,
                                      int            *status);
gboolean  kl_cli_require_option      (const char     *command,
                                      const char     *option,
                                      gboolean        present,
                                      int            *status);
gboolean  kl_cli_parse_programme     (KlCli          *cli,
                                      const char     *command,
                                      int            *argc,
                                      char         ***argv,
                                      gint64         *programme_id,
                                      int            *status);
gboolean  kl_cli_no_extra_arguments  (const char     *command,
                                      int             argc,
                                      char          **argv,
                                      int             expected,
                                      int            *status);
gboolean  kl_cli_parse_id            (const char     *command,
                                      const char     *text,
                                      gint64         *id,
                                      int            *status);
gboolean  kl_cli_parse_amount        (const char     *label,
                                      const char     *text,
                                      gint64         *ore,
                                      GError        **error);
gboolean  kl_cli_parse_hours         (const char     *text,
                                      int            *minutes,
                                      GError        **error);
gboolean  kl_cli_parse_lang          (const char     *command,
                                      const char     *text,
                                      KlLang         *lang,
                                      int            *status);
char     *kl_cli_normalize_datetime  (const char     *text);
char     *kl_cli_money               (KlCli          *cli,
                                      gint64          ore);
void      kl_cli_print_json          (JsonBuilder    *builder);
int       kl_cli_print_created       (KlCli          *cli,
                                      gint64          id,
                                      const char     *warning);
const char *kl_cli_or_dash           (const char     *text);
int       kl_cli_compare_strings     (const char    **a,
                                      const char    **b);
typedef gpointer (*KlCliGetFunc) (KlDb    *db,
                                  gint64   id,
                                  GError **error);

gpointer  kl_cli_load_by_id          (KlCli          *cli,
                                      const char     *command,
                                      int             argc,
                                      char          **argv,
                                      KlCliGetFunc    get_func,
                                      int            *status);
int       kl_cli_delete_by_id        (KlCli          *cli,
                                      const char     *command,
                                      gboolean      (*delete_func) (KlDb *, gint64, GError **),
                                      int             argc,
                                      char          **argv);

/* Printing a record as JSON or text from one description (kl-cli-record.c).
 * A describe function adds the record's fields in order: each adder takes
 * the JSON member's name (NULL: text only) and the text's printf format
 * for that one value (NULL: JSON only; %lld for ints, %s otherwise);
 * kl_cli_record_print adds text with several values. */
typedef struct
{
  KlCli *cli;
  JsonBuilder *builder;   /* NULL: text */
  gboolean text;          /* FALSE inside another record's JSON */
  gconstpointer data;     /* what the print call was given besides the item */
} KlCliRecord;

typedef void (*KlCliDescribe) (KlCliRecord   *record,
                               gconstpointer  item);

void      kl_cli_print_record        (KlCli          *cli,
                                      KlCliDescribe   describe,
                                      gconstpointer   item,
                                      gconstpointer   data);
void      kl_cli_print_list          (KlCli          *cli,
                                      KlCliDescribe   describe,
                                      GPtrArray      *items,
                                      gconstpointer   data,
                                      const char     *empty);
/* Commands that only list (kl-cli-util.c). */
int       kl_cli_list_command        (KlCli          *cli,
                                      const char     *command,
                                      int             argc,
                                      char          **argv,
                                      GPtrArray    *(*list_func) (KlDb *, GError **),
                                      KlCliDescribe   describe);
int       kl_cli_programme_list_command (KlCli          *cli,
                                      const char     *command,
                                      int             argc,
                                      char          **argv,
                                      GPtrArray    *(*list_func) (KlDb *, gint64, GError **),
                                      KlCliDescribe   describe);
void      kl_cli_print_strings       (KlCli          *cli,
                                      const char *const *strings);
/* A programme's funding case (kl-cli-funding.c), item a KlFundingCase. */
void      kl_cli_describe_case       (KlCliRecord    *record,
                                      gconstpointer   item);
/* A file written (or checked: ok): its path as the JSON member name
 * (with "ok": true), or message as text. */
void      kl_cli_print_done          (KlCli          *cli,
                                      gboolean        ok,
                                      const char     *name,
                                      const char     *path,
                                      const char     *message);
void      kl_cli_record_text         (KlCliRecord    *record,
                                      const char     *name,
                                      const char     *format,
                                      const char     *value);
void      kl_cli_record_dash         (KlCliRecord    *record,
                                      const char     *name,
                                      const char     *format,
                                      const char     *value);
void      kl_cli_record_label        (KlCliRecord    *record,
                                      const char     *name,
                                      const char     *format,
                                      KlLabels        set,
                                      const char     *value,
                                      int             width);
char     *kl_cli_pad                 (const char     *text,
                                      int             width);
char     *kl_cli_label_column        (KlLabels        set,
                                      const char     *value,
                                      int             width);
void      kl_cli_record_int          (KlCliRecord    *record,
                                      const char     *name,
                                      const char     *format,
                                      gint64          value);
void      kl_cli_record_ref          (KlCliRecord    *record,
                                      const char     *name,
                                      const char     *format,
                                      gint64          id);
void      kl_cli_record_amount       (KlCliRecord    *record,
                                      const char     *name,
                                      const char     *format,
                                      gint64          ore);
void      kl_cli_record_bool         (KlCliRecord    *record,
                                      const char     *name,
                                      gboolean        value);
void      kl_cli_record_ids          (KlCliRecord    *record,
                                      const char     *name,
                                      const GArray   *ids);
void      kl_cli_record_strv         (KlCliRecord    *record,
                                      const char     *name,
                                      const char *const *strv);
void      kl_cli_record_strings      (KlCliRecord    *record,
                                      const char     *name,
                                      const char     *format,
                                      GPtrArray      *strings);
void      kl_cli_record_object       (KlCliRecord    *record,
                                      const char     *name,
                                      KlCliDescribe   describe,
                                      gconstpointer   item);
void      kl_cli_record_list         (KlCliRecord    *record,
                                      const char     *name,
                                      KlCliDescribe   describe,
                                      GPtrArray      *items);
void      kl_cli_record_lines        (KlCliRecord    *record,
                                      KlCliDescribe   describe,
                                      gconstpointer   item);
void      kl_cli_record_print        (KlCliRecord    *record,
                                      const char     *format,
                                      ...) G_GNUC_PRINTF (2, 3);

G_END_DECLS
