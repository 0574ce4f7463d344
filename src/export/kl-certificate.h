#pragma once

#include "kl-db.h"
#include "kl-pdf.h"

G_BEGIN_DECLS

/* Course certificates (kursbevis) for those who attended at least the
 * programme's threshold of their planned hours, attendance statements
 * (deltakerbevis) for the others. Present counts a session's hours,
 * partly present the hours recorded; only sessions within a participant's
 * enrolment count. */

typedef struct
{
  gint64 participant_id;
  char *name;
  gboolean certificate;     /* met the threshold: kursbevis, else deltakerbevis */
  int attended_minutes;
  int planned_minutes;
  char *path;               /* the file written, or NULL */
} KlCertificateEntry;

void       kl_certificate_entry_free  (KlCertificateEntry *entry);

/* Who gets what: participant_id 0 for everybody enrolled. Refuses
 * (KL_ERROR_INCOMPLETE) a programme that does not exist, has no held
 * session or nobody enrolled, a participant not enrolled, or empty
 * IMTEC details. */
GPtrArray *kl_certificate_entries     (KlDb       *db,
                                       gint64      programme_id,
                                       gint64      participant_id,
                                       GError    **error);
/* One document: a page (or more) per person, participant_id 0 for all. */
KlPdf     *kl_certificate_build       (KlDb       *db,
                                       gint64      programme_id,
                                       gint64      participant_id,
                                       KlLang      lang,
                                       GError    **error);
/* One PDF per person into dir (created if missing), each written whole;
 * every document is laid out before the first is written. Returns the
 * entries with their paths. */
GPtrArray *kl_certificate_write_each  (KlDb       *db,
                                       gint64      programme_id,
                                       gint64      participant_id,
                                       const char *dir,
                                       KlLang      lang,
                                       GError    **error);
/* Whether the programme is over: before that a certificate counts only
 * what is held so far. Refuses (KL_ERROR_UNCONFIRMED) naming the sessions
 * still to come; the caller may go on when the user confirms. */
gboolean   kl_certificate_check_finished (KlDb    *db,
                                          gint64   programme_id,
                                          GError **error);
/* "Kursbevis-LED-SKOLE-Bærum.pdf" for the combined file; NULL when there
 * is no such programme. */
char      *kl_certificate_file_name   (KlDb       *db,
                                       gint64      programme_id,
                                       KlLang      lang);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlCertificateEntry, kl_certificate_entry_free)

G_END_DECLS
