#pragma once

#include "kl-db.h"
#include "kl-model.h"
#include "kl-test-server.h"

G_BEGIN_DECLS

/* Where a test's database is: a file in dir, or a fresh, empty database
 * on the cluster. */
char    *kl_test_db_location (const char *dir);
/* That database opened, asserted to open. */
KlDb    *kl_test_open_db     (const char *dir);
/* The same, with where it is back (for a second connection, a copy). */
KlDb    *kl_test_open_db_at  (const char  *dir,
                              char       **location);
/* A fixture's end: the database closed, then dir removed and freed. */
void     kl_test_close_db    (KlDb      **db,
                              char      **dir);
/* Years of demo data (0: the small demo) put in db, asserted to go in. */
void     kl_test_fill_demo   (KlDb       *db,
                              guint       years);
/* The plainest fixture: a fresh folder with an empty database in it,
 * named after the test program. */
typedef struct
{
  char *dir;
  KlDb *db;
} KlTestDbFixture;

void     kl_test_db_fixture_set_up    (KlTestDbFixture *fixture,
                                       gconstpointer    data);
void     kl_test_db_fixture_tear_down (KlTestDbFixture *fixture,
                                       gconstpointer    data);

/* One number from SQL on db, with ?1 bound to id; the row must be there. */
gint64   kl_test_query_int   (KlDb       *db,
                              const char *sql,
                              gint64      id);

/* One text from SQL on db, with ? bound to arg (none when NULL); the row
 * must be there. */
char    *kl_test_query_text  (KlDb       *db,
                              const char *sql,
                              const char *arg);

/* One number from SQL without parameters on db; the row must be there. */
gint64   kl_test_count       (KlDb       *db,
                              const char *sql);

/* The team server's tests: a fresh database on the cluster, opened as
 * its owner (the cluster's superuser) with the team's group roles made
 * and nothing left for a superuser to run; its URI and name back. */
KlDb    *kl_test_server_owner_open (char **uri,
                                    char **database);
/* The same database as another login (the cluster trusts its socket). */
KlDb    *kl_test_server_open_as    (const char *uri,
                                    const char *login);

/* The programmes in db whose grant is recorded (it has a case number),
 * in the order kl_store_list_programmes gives them: those a payout
 * request can be made for. */
GArray  *kl_test_granted_programmes (KlDb *db);
/* The first of them, asserted to be there. */
gint64   kl_test_first_granted      (KlDb *db);

/* The organisation's name and address saved in the settings (the rest
 * as a fresh KlSettings has it), asserted to be saved. */
void     kl_test_set_organisation (KlDb       *db,
                                   const char *name,
                                   const char *address);

/* The usual records for a test, not stored yet: a fagsamling; a
 * led-skole programme, planned, from start to end. */
KlSession   *kl_test_session_new   (gint64      programme_id,
                                    const char *title,
                                    const char *starts_at,
                                    const char *ends_at);
KlProgramme *kl_test_programme_new (gint64      client_id,
                                    const char *title,
                                    const char *start,
                                    const char *end);

/* The usual records for a test, each asserted to be stored; ids back. */
gint64 kl_test_add_client  (KlDb       *db,
                            const char *name,
                            const char *kind,
                            gint64      parent_id,
                            const char *orgnr);
gint64 kl_test_add_session (KlDb       *db,
                            gint64      programme_id,
                            const char *title,
                            const char *starts_at,
                            const char *ends_at);
/* The same, held at a place. */
gint64 kl_test_add_session_at (KlDb       *db,
                               gint64      programme_id,
                               const char *title,
                               const char *starts_at,
                               const char *ends_at,
                               const char *location);
gint64 kl_test_enrol       (KlDb       *db,
                            gint64      programme_id,
                            gint64      participant_id);
/* Enrolled from a date on (NULL: from the start). */
gint64 kl_test_enrol_from  (KlDb       *db,
                            gint64      programme_id,
                            gint64      participant_id,
                            const char *from_date);
gint64 kl_test_add_consultant  (KlDb       *db,
                                const char *name);
gint64 kl_test_add_programme   (KlDb       *db,
                                gint64      client_id,
                                const char *title,
                                const char *start,
                                const char *end);
/* The same of another kind (nettverk, rektorskole). */
gint64 kl_test_add_programme_of_kind (KlDb       *db,
                                      gint64      client_id,
                                      const char *kind,
                                      const char *title,
                                      const char *start,
                                      const char *end);
/* A running programme of the school year 2025/26 that lead_id leads. */
gint64 kl_test_add_led_programme (KlDb       *db,
                                  gint64      client_id,
                                  gint64      lead_id,
                                  const char *title);
gint64 kl_test_add_participant (KlDb       *db,
                                const char *name,
                                const char *email);
/* One who works at a client (a school, a municipality). */
gint64 kl_test_add_participant_at (KlDb       *db,
                                   const char *name,
                                   const char *email,
                                   gint64      workplace_id);
/* An external speaker, new, and their invoiced fee for one day: an
 * actual cost with no VAT. */
gint64 kl_test_add_speaker_invoice (KlDb       *db,
                                    gint64      programme_id,
                                    const char *speaker_name,
                                    gint64      net_ore,
                                    const char *invoice_no,
                                    const char *invoice_date);
void   kl_test_mark        (KlDb       *db,
                            gint64      session_id,
                            gint64      participant_id,
                            const char *status,
                            int         minutes);

G_END_DECLS
