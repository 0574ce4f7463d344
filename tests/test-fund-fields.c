/* One model, two renderings: every field the XML of a fund document
 * carries is in its PDF, with its value, and a field the XML leaves out or
 * leaves empty is marked as not given in the PDF ("ikke oppgitt"), never
 * silently dropped. Walked over every document the demo data can make, in
 * both languages, and over an application with most fields missing.
 * Over 900 lines in one file: nearly all of it is the one walk (finding
 * each XML field in the PDF's text), which both tests use. */

#include "config.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "kl-demo.h"
#include "kl-error.h"
#include "kl-export.h"
#include "kl-fund-pdf.h"
#include "kl-fund-xml.h"
#include "kl-i18n.h"
#include "kl-labels.h"
#include "kl-store.h"
#include "kl-test-store.h"
#include "kl-test-util.h"
#include "test-pdf-util.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

/* How an XML value looks in the PDF. */
typedef enum
{
  SHOWN_CONTAINER,   /* no value of its own: its children are checked */
  SHOWN_MACHINE,     /* ids and the like, for programs: not printed */
  SHOWN_TEXT,
  SHOWN_DATE,
  SHOWN_TIME,        /* 09:00:00 as 09:00 */
  SHOWN_MONEY,       /* 1234.50 as 1 234,50 kr */
  SHOWN_AMOUNT,      /* in tables whose headings name the currency: 1 234,50 */
  SHOWN_PERCENT,
  SHOWN_HOURS,
  SHOWN_COUNT,
  SHOWN_DAYS,        /* 3 as "3 dager" */
  SHOWN_PERSONS,
  SHOWN_SEMESTERS,
  SHOWN_DATES,       /* a list of dates, each shown */
  SHOWN_PROGRAMME_KIND,
  SHOWN_SESSION_KIND,
  SHOWN_CATEGORY,
  SHOWN_CATEGORIES,  /* a list of categories, each shown by its label */
  SHOWN_PERIOD,
  SHOWN_ATTENDANCE,
  SHOWN_BASIS,
  SHOWN_GRANT_LETTER,
  SHOWN_RULE,        /* a letter in the line's row, the sentence once under the table */
} Shown;

/* When an element the schema allows is not in the file, the PDF marks it
 * not given: always, never, or for some categories of cost line. */
typedef enum
{
  ABSENT_NOT_MARKED,   /* does not apply (a unit, an invoice of a budget) */
  ABSENT_MARKED,
  ABSENT_MARKED_PERSON_COST, /* fees, travel and accommodation name their person */
  ABSENT_MARKED_FEE,
  ABSENT_MARKED_PER_PERSON,
  ABSENT_MARKED_STUDY_FEE,
} Absent;

typedef struct
{
  const char *path;     /* below the root; a document's lines are under "costs" */
  Shown shown;
  const char *label;    /* msgid of the label the value follows, or NULL */
  Absent absent;
} Field;

/* Every element and attribute the two documents can hold. A new one in the
 * XML fails the test until it is shown in the PDF and listed here. */
static const Field fields[] = {
  { "@version", SHOWN_MACHINE, NULL, ABSENT_NOT_MARKED },
  { "@lang", SHOWN_MACHINE, NULL, ABSENT_NOT_MARKED },
  { "@generated-at", SHOWN_MACHINE, NULL, ABSENT_NOT_MARKED },
  { "@generator", SHOWN_MACHINE, NULL, ABSENT_NOT_MARKED },
  { "date", SHOWN_DATE, NULL, ABSENT_NOT_MARKED },

  { "sender", SHOWN_CONTAINER, NULL, ABSENT_NOT_MARKED },
  { "sender/name", SHOWN_TEXT, NULL, ABSENT_NOT_MARKED },
  { "sender/org-number", SHOWN_TEXT, N_("Org. no."), ABSENT_MARKED },
  { "sender/address", SHOWN_TEXT, NULL, ABSENT_MARKED },
  { "sender/account-number", SHOWN_TEXT, N_("Account no."), ABSENT_MARKED },

  { "applicant", SHOWN_CONTAINER, NULL, ABSENT_NOT_MARKED },
  { "applicant/name", SHOWN_TEXT, NULL, ABSENT_NOT_MARKED },
  { "applicant/org-number", SHOWN_TEXT, N_("Org. no."), ABSENT_MARKED },
  { "applicant/address", SHOWN_TEXT, NULL, ABSENT_MARKED },
  { "applicant/account-number", SHOWN_TEXT, N_("Account no."), ABSENT_MARKED },
  { "applicant/contact", SHOWN_CONTAINER, N_("Contact"), ABSENT_MARKED },
  { "applicant/contact/name", SHOWN_TEXT, N_("Contact"), ABSENT_NOT_MARKED },
  { "applicant/contact/email", SHOWN_TEXT, N_("E-mail"), ABSENT_MARKED },
  { "applicant/contact/phone", SHOWN_TEXT, N_("Phone"), ABSENT_MARKED },
  { "applicant/unit", SHOWN_TEXT, N_("On behalf of"), ABSENT_NOT_MARKED },

  { "grant", SHOWN_CONTAINER, NULL, ABSENT_NOT_MARKED },
  { "grant/case-number", SHOWN_TEXT, N_("KS case number"), ABSENT_MARKED },
  { "grant/grant-date", SHOWN_DATE, N_("Grant letter dated"), ABSENT_MARKED },
  { "grant/amount", SHOWN_MONEY, N_("Amount granted"), ABSENT_MARKED },
  { "grant/expiry-date", SHOWN_DATE, N_("Grant expires"), ABSENT_MARKED },
  { "grant/application-date", SHOWN_DATE, N_("Application dated"), ABSENT_MARKED },

  { "programme", SHOWN_CONTAINER, NULL, ABSENT_NOT_MARKED },
  { "programme/@id", SHOWN_MACHINE, NULL, ABSENT_NOT_MARKED },
  { "programme/title", SHOWN_TEXT, N_("Title"), ABSENT_MARKED },
  { "programme/kind", SHOWN_PROGRAMME_KIND, N_("Kind"), ABSENT_MARKED },
  { "programme/period", SHOWN_PERIOD, N_("Period"), ABSENT_MARKED },
  { "programme/period/@start", SHOWN_MACHINE, NULL, ABSENT_NOT_MARKED },  /* with the period */
  { "programme/period/@end", SHOWN_MACHINE, NULL, ABSENT_NOT_MARKED },
  { "programme/lead", SHOWN_TEXT, N_("Programme lead"), ABSENT_MARKED },
  { "programme/goals", SHOWN_TEXT, N_("Goals"), ABSENT_MARKED },
  { "programme/target-group", SHOWN_TEXT, N_("Target group"), ABSENT_MARKED },
  { "programme/participants", SHOWN_COUNT, N_("Participants"), ABSENT_MARKED },
  { "programme/working-questions", SHOWN_CONTAINER, NULL, ABSENT_NOT_MARKED },
  { "programme/working-questions/where-are-we", SHOWN_TEXT, N_("Where are we?"), ABSENT_MARKED },
  { "programme/working-questions/where-do-we-want-to-go", SHOWN_TEXT, N_("Where do we want to go?"), ABSENT_MARKED },
  { "programme/working-questions/how-do-we-get-there", SHOWN_TEXT, N_("How do we get there?"), ABSENT_MARKED },

  { "sessions", SHOWN_CONTAINER, NULL, ABSENT_NOT_MARKED },
  { "sessions/session", SHOWN_CONTAINER, NULL, ABSENT_NOT_MARKED },
  { "sessions/session/@id", SHOWN_MACHINE, NULL, ABSENT_NOT_MARKED },
  { "sessions/session/date", SHOWN_DATE, NULL, ABSENT_NOT_MARKED },
  { "sessions/session/start", SHOWN_TIME, NULL, ABSENT_NOT_MARKED },
  { "sessions/session/end", SHOWN_TIME, NULL, ABSENT_NOT_MARKED },
  { "sessions/session/kind", SHOWN_SESSION_KIND, NULL, ABSENT_NOT_MARKED },
  { "sessions/session/title", SHOWN_TEXT, NULL, ABSENT_NOT_MARKED },
  { "sessions/session/hours", SHOWN_HOURS, NULL, ABSENT_NOT_MARKED },
  { "sessions/session/location", SHOWN_TEXT, N_("Place"), ABSENT_MARKED },
  { "sessions/session/leaders", SHOWN_CONTAINER, NULL, ABSENT_NOT_MARKED },
  { "sessions/session/leaders/leader", SHOWN_TEXT, NULL, ABSENT_NOT_MARKED },
  { "sessions/session/attendance", SHOWN_ATTENDANCE, NULL, ABSENT_NOT_MARKED },
  { "sessions/session/attendance/@present", SHOWN_MACHINE, NULL, ABSENT_NOT_MARKED },  /* with the attendance */
  { "sessions/session/attendance/@enrolled", SHOWN_MACHINE, NULL, ABSENT_NOT_MARKED },

  { "scheme", SHOWN_CONTAINER, NULL, ABSENT_NOT_MARKED },
  { "scheme/@code", SHOWN_MACHINE, NULL, ABSENT_NOT_MARKED },
  { "scheme/name", SHOWN_TEXT, N_("Scheme"), ABSENT_MARKED },
  { "scheme/valid-from", SHOWN_DATE, N_("In force from"), ABSENT_MARKED },
  { "scheme/rate-percent", SHOWN_PERCENT, N_("Rate"), ABSENT_MARKED },
  { "scheme/fee-cap-per-day", SHOWN_MONEY, N_("Fee cap"), ABSENT_MARKED },
  { "scheme/participant-fee-cap", SHOWN_MONEY, N_("Participant fee cap"), ABSENT_MARKED },
  { "scheme/study-fee-cap", SHOWN_MONEY, N_("Study fee cap"), ABSENT_MARKED },
  { "scheme/eligible-categories", SHOWN_CATEGORIES, N_("Eligible costs"), ABSENT_MARKED },

  { "costs", SHOWN_CONTAINER, NULL, ABSENT_NOT_MARKED },
  { "costs/@basis", SHOWN_BASIS, NULL, ABSENT_NOT_MARKED },
  { "costs/line", SHOWN_CONTAINER, NULL, ABSENT_NOT_MARKED },
  { "costs/line/@id", SHOWN_MACHINE, NULL, ABSENT_NOT_MARKED },
  { "costs/line/category", SHOWN_CATEGORY, NULL, ABSENT_NOT_MARKED },
  { "costs/line/description", SHOWN_TEXT, NULL, ABSENT_NOT_MARKED },
  { "costs/line/who", SHOWN_TEXT, N_("Speaker or supervisor"), ABSENT_MARKED_PERSON_COST },
  { "costs/line/who/@consultant-id", SHOWN_MACHINE, NULL, ABSENT_NOT_MARKED },
  { "costs/line/days", SHOWN_DAYS, N_("Days"), ABSENT_MARKED_FEE },
  { "costs/line/persons", SHOWN_PERSONS, N_("Persons"), ABSENT_MARKED_PER_PERSON },
  { "costs/line/semesters", SHOWN_SEMESTERS, N_("semesters"), ABSENT_MARKED_STUDY_FEE },
  { "costs/line/dates", SHOWN_DATES, N_("dates"), ABSENT_MARKED_FEE },
  { "costs/line/net", SHOWN_AMOUNT, NULL, ABSENT_NOT_MARKED },
  { "costs/line/vat", SHOWN_AMOUNT, NULL, ABSENT_NOT_MARKED },
  { "costs/line/counted", SHOWN_AMOUNT, NULL, ABSENT_NOT_MARKED },
  { "costs/line/rule", SHOWN_RULE, NULL, ABSENT_NOT_MARKED },
  { "costs/line/rule/@code", SHOWN_MACHINE, NULL, ABSENT_NOT_MARKED },  /* the rule is shown by its text */
  { "costs/line/invoice", SHOWN_CONTAINER, NULL, ABSENT_NOT_MARKED },
  { "costs/line/invoice/supplier", SHOWN_TEXT, NULL, ABSENT_NOT_MARKED },
  { "costs/line/invoice/number", SHOWN_TEXT, NULL, ABSENT_NOT_MARKED },
  { "costs/line/invoice/date", SHOWN_DATE, NULL, ABSENT_NOT_MARKED },

  { "totals", SHOWN_CONTAINER, NULL, ABSENT_NOT_MARKED },
  { "totals/net", SHOWN_AMOUNT, NULL, ABSENT_NOT_MARKED },
  { "totals/vat", SHOWN_AMOUNT, NULL, ABSENT_NOT_MARKED },
  { "totals/eligible-basis", SHOWN_MONEY, N_("Eligible basis"), ABSENT_MARKED },
  { "totals/rate-percent", SHOWN_PERCENT, N_("%s of the eligible basis"), ABSENT_MARKED },
  { "totals/computed-claim", SHOWN_MONEY, N_("%s of the eligible basis"), ABSENT_MARKED },
  { "totals/amount-applied-for", SHOWN_MONEY, N_("Amount applied for"), ABSENT_NOT_MARKED },
  { "totals/granted", SHOWN_MONEY, N_("Granted"), ABSENT_NOT_MARKED },
  { "totals/payout-requested", SHOWN_MONEY, N_("Payout requested"), ABSENT_NOT_MARKED },

  { "attachments", SHOWN_CONTAINER, NULL, ABSENT_NOT_MARKED },
  { "attachments/grant-letter", SHOWN_GRANT_LETTER, NULL, ABSENT_NOT_MARKED },
  { "attachments/grant-letter/@case-number", SHOWN_MACHINE, NULL, ABSENT_NOT_MARKED },  /* with the letter */
  { "attachments/invoice", SHOWN_CONTAINER, NULL, ABSENT_NOT_MARKED },
  { "attachments/invoice/supplier", SHOWN_TEXT, NULL, ABSENT_NOT_MARKED },
  { "attachments/invoice/number", SHOWN_TEXT, NULL, ABSENT_NOT_MARKED },
  { "attachments/invoice/date", SHOWN_DATE, NULL, ABSENT_NOT_MARKED },
  { "attachments/invoice/amount-including-vat", SHOWN_AMOUNT, NULL, ABSENT_NOT_MARKED },
};

/* Where in the PDF's text a value is looked for: the whole document, or
 * one table row (a session, a cost line, an invoice). */
typedef struct
{
  gsize start;
  gsize end;
} Window;

typedef struct
{
  const KlFundDocument *doc;
  KlLang lang;
  const char *name;      /* for messages: "LED SKOLE Bærum, payout" */
  char *text;            /* the PDF's text, flattened */
  char *marker;          /* "not given", flattened */
  guint checked;         /* values found */
  guint marked;          /* missing ones found marked */
} Check;

static const Field *
find_field (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (fields[i].path, path))
      return &fields[i];
  return NULL;
}

/* Text without white space, hyphens or colons: a value that wraps, and
 * "Label: value" or "Label value", compare alike. */
static char *
flatten (const char *text)
{
  g_autofree char *flat = kl_test_flatten (text != NULL ? text : "");
  GString *out = g_string_new (NULL);

  for (const char *p = flat; *p != '\0'; p++)
    if (*p != ':')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static const char *
tr (Check      *check,
    const char *msgid)
{
  return kl_export_gettext (check->lang, msgid);
}

/* Where the flattened needle first is in the window at or after `from`,
 * or -1. */
static gssize
find_in (Check        *check,
         const Window *window,
         gsize         from,
         const char   *needle)
{
  g_autofree char *flat = flatten (needle);
  const char *hit;
  g_autofree char *slice = NULL;

  if (from < window->start)
    from = window->start;
  if (from >= window->end)
    return -1;
  slice = g_strndup (check->text + from, window->end - from);
  hit = strstr (slice, flat);
  return hit != NULL ? (gssize) (from + (gsize) (hit - slice)) : -1;
}

static void
expect (Check        *check,
        const Window *window,
        const char   *path,
        const char   *label,
        const char   *value)
{
  g_autofree char *needle = g_strconcat (label != NULL ? label : "", value, NULL);

  if (find_in (check, window, window->start, needle) < 0)
    g_error ("%s: <%s> is “%s” in the XML, but the PDF does not show “%s”", check->name, path, value, needle);
  check->checked++;
}

/* The label followed by "not given", and only where the XML has nothing. */
static gboolean
is_marked (Check        *check,
           const Window *window,
           const char   *label)
{
  g_autofree char *needle = g_strconcat (label, check->marker, NULL);

  return find_in (check, window, window->start, needle) >= 0;
}

static gint64
parse_ore (const char *decimal)
{
  gint64 kroner = 0;
  gint64 ore = 0;
  const char *p = decimal;

  for (; g_ascii_isdigit (*p); p++)
    kroner = kroner * 10 + (*p - '0');
  g_assert_cmpint (*p, ==, '.');
  g_assert_true (g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]) && p[3] == '\0');
  ore = (p[1] - '0') * 10 + (p[2] - '0');
  return kroner * 100 + ore;
}

static char *
percent_text (Check      *check,
              const char *value)
{
  int whole = 0;
  int tenth = 0;

  g_assert_cmpint (sscanf (value, "%d.%d", &whole, &tenth), ==, 2);
  if (tenth == 0)
    return g_strdup_printf ("%d %%", whole);
  return g_strdup_printf ("%d%s%d %%", whole, check->lang == KL_LANG_NB ? "," : ".", tenth);
}

static char *
count_text (Check      *check,
            Shown       shown,
            int         n)
{
  g_autoptr(KlExportLanguage) scope = kl_export_language_push (check->lang);

  switch (shown)
    {
    case SHOWN_DAYS:
      return g_strdup_printf (kl_ngettext ("%d day", "%d days", n), n);
    case SHOWN_PERSONS:
      return g_strdup_printf (kl_ngettext ("%d person", "%d persons", n), n);
    case SHOWN_SEMESTERS:
      return g_strdup_printf (kl_ngettext ("%d semester", "%d semesters", n), n);
    default:
      return g_strdup_printf ("%d", n);
    }
}

static char *
node_text (xmlNodePtr node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *text = g_strdup ((const char *) content);

  xmlFree (content);
  return text;
}

static char *
attribute_text (xmlNodePtr  node,
                const char *name)
{
  xmlChar *value = xmlGetProp (node, BAD_CAST name);
  char *text = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return text;
}

static xmlNodePtr
child_named (xmlNodePtr  node,
             const char *name)
{
  for (xmlNodePtr c = node->children; c != NULL; c = c->next)
    if (c->type == XML_ELEMENT_NODE && g_str_equal ((const char *) c->name, name))
      return c;
  return NULL;
}

/* The value of one element or attribute, as the PDF shows it. */
static void
check_value (Check        *check,
             const Window *window,
             const char   *path,
             const Field  *field,
             xmlNodePtr    node,
             const char   *value)
{
  const char *label = field->label != NULL ? tr (check, field->label) : NULL;
  g_autofree char *rate_label = NULL;
  g_autofree char *shown = NULL;

  /* In a table row a label is for the mark of a missing value; a value
   * given is in its cell. */
  if (g_str_has_prefix (path, "costs/line/") || g_str_has_prefix (path, "sessions/session/"))
    label = NULL;
  /* "70 % of the eligible basis": the label of the computed claim. */
  if (label != NULL && strstr (label, "%s") != NULL)
    {
      g_autofree char *rate = g_strdup_printf ("%d.%d", check->doc->claim->scheme->rate_permille / 10,
                                               check->doc->claim->scheme->rate_permille % 10);
      g_autofree char *rate_text = percent_text (check, rate);

      rate_label = g_strdup_printf (label, rate_text);
      label = rate_label;
    }
  switch (field->shown)
    {
    case SHOWN_CONTAINER:
    case SHOWN_MACHINE:
      return;
    case SHOWN_TEXT:
      if (value == NULL || *value == '\0')
        {
          if (field->absent == ABSENT_MARKED)
            {
              if (!is_marked (check, window, label))
                g_error ("%s: <%s> is empty in the XML, but the PDF does not mark “%s” as not given",
                         check->name, path, label);
              check->marked++;
            }
          return;
        }
      shown = g_strdup (value);
      break;
    case SHOWN_DATE:
      shown = kl_export_format_date (value, check->lang);
      break;
    case SHOWN_TIME:
      shown = g_strndup (value, 5);
      break;
    case SHOWN_MONEY:
      shown = kl_money_format (parse_ore (value), check->lang);
      break;
    case SHOWN_AMOUNT:
      shown = kl_money_format_amount (parse_ore (value), check->lang);
      break;
    case SHOWN_PERCENT:
      shown = percent_text (check, value);
      if (g_str_has_prefix (path, "totals/"))
        {
          /* The rate is in the label of the computed claim. */
          expect (check, window, path, NULL, label);
          return;
        }
      break;
    case SHOWN_HOURS:
      {
        int whole = 0;
        int hundredths = 0;

        g_assert_cmpint (sscanf (value, "%d.%d", &whole, &hundredths), ==, 2);
        shown = kl_export_format_hours ((whole * 100 + hundredths) * 60 / 100, 1, check->lang);
      }
      break;
    case SHOWN_COUNT:
    case SHOWN_DAYS:
    case SHOWN_PERSONS:
    case SHOWN_SEMESTERS:
      shown = count_text (check, field->shown, atoi (value));
      break;
    case SHOWN_DATES:
      {
        g_auto(GStrv) days = g_strsplit (value, " ", -1);

        for (guint i = 0; days[i] != NULL; i++)
          {
            g_autofree char *day = kl_export_format_date (days[i], check->lang);

            expect (check, window, path, NULL, day);
          }
        return;
      }
    case SHOWN_PROGRAMME_KIND:
      shown = g_strdup (kl_export_label (check->lang, KL_LABELS_PROGRAMME_KIND, value));
      break;
    case SHOWN_SESSION_KIND:
      shown = g_strdup (kl_export_label (check->lang, KL_LABELS_SESSION_KIND, value));
      break;
    case SHOWN_CATEGORY:
      shown = g_strdup (kl_export_label (check->lang, KL_LABELS_COST_CATEGORY, value));
      break;
    case SHOWN_CATEGORIES:
      {
        g_auto(GStrv) codes = g_strsplit (value, " ", -1);

        for (guint i = 0; codes[i] != NULL; i++)
          expect (check, window, path, NULL, kl_export_label (check->lang, KL_LABELS_COST_CATEGORY, codes[i]));
        return;
      }
    case SHOWN_PERIOD:
      {
        g_autofree char *start = attribute_text (node, "start");
        g_autofree char *end = attribute_text (node, "end");
        g_autofree char *from = kl_export_format_date (start, check->lang);
        g_autofree char *to = end != NULL ? kl_export_format_date (end, check->lang) : g_strdup (check->marker);

        shown = g_strdup_printf ("%s – %s", from, to);
      }
      break;
    case SHOWN_ATTENDANCE:
      {
        g_autofree char *present = attribute_text (node, "present");
        g_autofree char *enrolled = attribute_text (node, "enrolled");

        shown = g_strdup_printf ("%s / %s", present, enrolled);
      }
      break;
    case SHOWN_BASIS:
      g_assert_true (g_str_equal (value, "budget") || g_str_equal (value, "actuals"));
      shown = g_strdup (g_str_equal (value, "budget")
                        ? tr (check, "Basis: the budget (IMTEC's offer: planned days, fees and travel).")
                        : tr (check, "Basis: built from the invoices; the programme has no budget."));
      break;
    case SHOWN_GRANT_LETTER:
      {
        g_autofree char *case_no = attribute_text (node, "case-number");

        shown = g_strdup_printf (tr (check, "Grant letter from KS, case %s"), case_no);
      }
      break;
    case SHOWN_RULE:
      {
        /* The sentence is under the table, after its letter (A, B, …),
         * once for all the lines it applies to. */
        Window whole = { 0, strlen (check->text) };
        gssize at = find_in (check, &whole, 0, value);

        if (at <= 0 || !g_ascii_isupper (check->text[at - 1]))
          g_error ("%s: <%s> is “%s” in the XML, but the PDF does not explain a rule letter with it",
                   check->name, path, value);
        check->checked++;
        return;
      }
    default:
      g_assert_not_reached ();
    }
  expect (check, window, path, label, shown);
  /* Given, so not marked missing as well. */
  if (label != NULL && field->absent != ABSENT_NOT_MARKED && is_marked (check, window, label))
    g_error ("%s: <%s> is “%s” in the XML, but the PDF also marks “%s” as not given", check->name, path, value, label);
}

static gboolean
absent_applies (Absent      absent,
                const char *category)
{
  KlCostCategory c = KL_COST_OTHER;

  if (absent == ABSENT_MARKED)
    return TRUE;
  if (absent == ABSENT_NOT_MARKED || category == NULL || !kl_cost_category_from_string (category, &c))
    return FALSE;
  switch (absent)
    {
    case ABSENT_MARKED_PERSON_COST:
      return kl_cost_category_is_fee (c) || c == KL_COST_TRAVEL || c == KL_COST_ACCOMMODATION;
    case ABSENT_MARKED_FEE:
      return kl_cost_category_is_fee (c);
    case ABSENT_MARKED_PER_PERSON:
      return kl_cost_category_is_per_person (c);
    case ABSENT_MARKED_STUDY_FEE:
      return c == KL_COST_STUDY_FEE;
    default:
      return FALSE;
    }
}

/* What the schema allows under this element and the file leaves out is
 * marked not given in the PDF, where it applies. */
static void
check_absent_children (Check        *check,
                       const Window *window,
                       const char   *path,
                       xmlNodePtr    node)
{
  g_autofree char *prefix = g_strconcat (path, "/", NULL);
  g_autofree char *category = NULL;
  xmlNodePtr category_node = child_named (node, "category");

  if (category_node != NULL)
    category = node_text (category_node);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *name = fields[i].path + strlen (prefix);

      if (!g_str_has_prefix (fields[i].path, prefix) || strchr (name, '/') != NULL || *name == '@'
          || child_named (node, name) != NULL || !absent_applies (fields[i].absent, category))
        continue;
      if (fields[i].label == NULL)
        {
          /* An address has no label of its own when given. */
          g_autofree char *address = g_strconcat (tr (check, "Address"), NULL);

          g_assert_cmpstr (name, ==, "address");
          if (!is_marked (check, window, address))
            g_error ("%s: <%s/%s> is not in the XML, and the PDF does not mark it as not given",
                     check->name, path, name);
        }
      else if (!is_marked (check, window, tr (check, fields[i].label)))
        g_error ("%s: <%s/%s> is not in the XML, and the PDF does not mark “%s” as not given",
                 check->name, path, name, tr (check, fields[i].label));
      check->marked++;
    }
}

/* The row of one session, cost line or invoice: from its anchor (its date,
 * description, or "Invoice from …") to the next one's, or to the end. */
static char *
row_anchor (Check      *check,
            const char *path,
            xmlNodePtr  node)
{
  g_autofree char *text = NULL;

  if (g_str_equal (path, "sessions/session"))
    {
      text = node_text (child_named (node, "date"));
      return kl_export_format_date (text, check->lang);
    }
  if (g_str_equal (path, "costs/line"))
    return node_text (child_named (node, "description"));
  if (g_str_equal (path, "attachments/invoice"))
    {
      text = node_text (child_named (node, "supplier"));
      return g_strdup_printf (tr (check, "Invoice from %s"), text);
    }
  return NULL;
}

static const char *
section_heading (Check      *check,
                 const char *path)
{
  gboolean payout = check->doc->kind == KL_FUND_PAYOUT;

  if (g_str_equal (path, "sessions"))
    return tr (check, payout ? "Sessions held and attendance" : "Planned sessions");
  if (g_str_equal (path, "costs"))
    return tr (check, payout ? "Actual costs" : "Budget");
  if (g_str_equal (path, "attachments"))
    return tr (check, "Attachments");
  return NULL;
}

static void check_element (Check *check, const Window *window, const char *path, xmlNodePtr node);

/* A table's rows in order, each checked within its own row. */
static void
check_rows (Check        *check,
            const Window *window,
            const char   *path,
            xmlNodePtr    node)
{
  const char *heading = section_heading (check, path);
  gssize at = find_in (check, window, window->start, heading);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gsize));

  if (at < 0)
    g_error ("%s: the PDF has no section “%s”", check->name, heading);
  for (xmlNodePtr c = node->children; c != NULL; c = c->next)
    {
      g_autofree char *child_path = NULL;
      g_autofree char *anchor = NULL;
      gssize found;

      if (c->type != XML_ELEMENT_NODE)
        continue;
      child_path = g_strconcat (path, "/", (const char *) c->name, NULL);
      anchor = row_anchor (check, child_path, c);
      if (anchor == NULL)
        continue;
      found = find_in (check, window, (gsize) at, anchor);
      if (found < 0)
        g_error ("%s: row %u of <%s> (“%s”) is not in the PDF", check->name, rows->len + 1, path, anchor);
      g_ptr_array_add (rows, c);
      g_array_append_val (starts, found);
      at = found + 1;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      xmlNodePtr row = g_ptr_array_index (rows, i);
      Window row_window = { g_array_index (starts, gsize, i),
                            i + 1 < rows->len ? g_array_index (starts, gsize, i + 1) : window->end };
      g_autofree char *row_path = g_strconcat (path, "/", (const char *) row->name, NULL);

      check_element (check, &row_window, row_path, row);
    }
  /* What is not a row (the grant letter) is anywhere in the section. */
  for (xmlNodePtr c = node->children; c != NULL; c = c->next)
    {
      g_autofree char *child_path = NULL;

      if (c->type != XML_ELEMENT_NODE)
        continue;
      child_path = g_strconcat (path, "/", (const char *) c->name, NULL);
      if (find_field (child_path) == NULL)
        g_error ("%s: the XML carries <%s>, which this test does not know: show it in the PDF and list it here",
                 check->name, child_path);
      if (!g_ptr_array_find (rows, c, NULL))
        check_element (check, window, child_path, c);
    }
}

static void
check_element (Check        *check,
               const Window *window,
               const char   *path,
               xmlNodePtr    node)
{
  static const Field root = { "", SHOWN_CONTAINER, NULL, ABSENT_NOT_MARKED };
  const Field *field = *path != '\0' ? find_field (path) : &root;
  gboolean has_children = FALSE;

  if (field == NULL)
    g_error ("%s: the XML carries <%s>, which this test does not know: show it in the PDF and list it here",
             check->name, path);
  for (xmlAttrPtr a = node->properties; a != NULL; a = a->next)
    {
      g_autofree char *attribute_path = *path ? g_strconcat (path, "/@", (const char *) a->name, NULL)
                                             : g_strconcat ("@", (const char *) a->name, NULL);
      const Field *attribute = find_field (attribute_path);
      g_autofree char *value = attribute_text (node, (const char *) a->name);

      if (attribute == NULL)
        g_error ("%s: the XML carries the attribute %s, which this test does not know", check->name, attribute_path);
      check_value (check, window, attribute_path, attribute, node, value);
    }
  for (xmlNodePtr c = node->children; c != NULL; c = c->next)
    has_children |= c->type == XML_ELEMENT_NODE;

  if (g_str_equal (path, "sessions") || g_str_equal (path, "costs") || g_str_equal (path, "attachments"))
    {
      check_rows (check, window, path, node);
      check_absent_children (check, window, path, node);
      return;
    }
  /* Applicant and sender each have an org number and an account: each is
   * looked for in its own box. */
  if (g_str_equal (path, "applicant") || g_str_equal (path, "sender"))
    {
      const char *applicant = tr (check, "Applicant");
      const char *provider = tr (check, "Programme provider");
      gssize left = find_in (check, window, window->start, applicant);
      gssize right = left >= 0 ? find_in (check, window, (gsize) left, provider) : -1;
      gssize next = right >= 0 ? find_in (check, window, (gsize) right,
                                          tr (check, check->doc->kind == KL_FUND_PAYOUT ? "Grant" : "The programme"))
                               : -1;
      Window box;

      if (left < 0 || right < 0 || next < 0)
        g_error ("%s: the PDF has no boxes for the applicant and the programme provider", check->name);
      box.start = g_str_equal (path, "applicant") ? (gsize) left : (gsize) right;
      box.end = g_str_equal (path, "applicant") ? (gsize) right : (gsize) next;
      for (xmlNodePtr c = node->children; c != NULL; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
          {
            g_autofree char *child_path = g_strconcat (path, "/", (const char *) c->name, NULL);

            check_element (check, &box, child_path, c);
          }
      check_absent_children (check, &box, path, node);
      return;
    }
  if (field->shown != SHOWN_CONTAINER)
    {
      g_autofree char *value = node_text (node);

      check_value (check, window, path, field, node, value);
      return;
    }
  /* A session led by nobody says so. */
  if (g_str_equal (path, "sessions/session/leaders") && !has_children)
    {
      if (find_in (check, window, window->start, check->marker) < 0)
        g_error ("%s: a session has no leaders in the XML, and the PDF does not say so", check->name);
      check->marked++;
    }
  for (xmlNodePtr c = node->children; c != NULL; c = c->next)
    {
      g_autofree char *child_path = NULL;
      const char *name = (const char *) c->name;

      if (c->type != XML_ELEMENT_NODE)
        continue;
      /* An application's lines are its budget, a payout request's its costs. */
      if (*path == '\0' && g_str_equal (name, "budget"))
        name = "costs";
      child_path = *path ? g_strconcat (path, "/", name, NULL) : g_strdup (name);
      check_element (check, window, child_path, c);
    }
  check_absent_children (check, window, path, node);
}

static void
compare_document (const KlFundDocument *doc,
                  const char           *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) xml = kl_fund_xml_render (doc, &error);
  g_autoptr(xmlDoc) tree = NULL;
  g_autofree char *name = g_strdup_printf ("%s, %s, %s", doc->programme->title,
                                           kl_fund_document_kind_to_string (doc->kind),
                                           doc->lang == KL_LANG_NB ? "nb" : "en");
  g_autofree char *file = g_strdup_printf ("fields-%" G_GINT64_FORMAT "-%d-%d.pdf", doc->programme->id,
                                           doc->kind, doc->lang);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autofree char *raw = NULL;
  Check check = { doc, doc->lang, name };
  Window whole = { 0, 0 };
  gsize length = 0;
  const char *data;

  g_assert_no_error (error);
  data = g_bytes_get_data (xml, &length);
  tree = xmlReadMemory (data, (int) length, NULL, "UTF-8", XML_PARSE_NONET);
  g_assert_nonnull (tree);
  g_assert_true (kl_fund_pdf_save (doc, path, NULL, &error));
  g_assert_no_error (error);

  raw = kl_test_pdf_raw_text (path);
  check.text = flatten (raw);
  check.marker = flatten (kl_export_gettext (doc->lang, "not given"));
  whole.end = strlen (check.text);
  check_element (&check, &whole, "", xmlDocGetRootElement (tree));
  g_test_message ("%s: %u values found, %u missing ones marked", name, check.checked, check.marked);
  g_assert_cmpuint (check.checked, >, 40);
  g_free (check.text);
  g_free (check.marker);
}

static KlDb *
open_demo (const char *dir)
{
  g_autofree char *path = kl_test_db_location_named (dir, "test.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDb) db = kl_db_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (kl_demo_fill (db, 0, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&db);
}

/* Every document the demo can make, both kinds, both languages. */
static void
test_demo_documents (void)
{
  g_autofree char *dir = kl_test_make_dir ("fund-fields");
  g_autoptr(KlDb) db = open_demo (dir);
  g_autoptr(GPtrArray) programmes = kl_store_list_programmes (db, NULL);
  guint made[2] = { 0, 0 };

  for (guint i = 0; i < programmes->len; i++)
    {
      KlProgramme *programme = g_ptr_array_index (programmes, i);

      for (KlFundDocumentKind kind = KL_FUND_APPLICATION; kind <= KL_FUND_PAYOUT; kind++)
        for (KlLang lang = KL_LANG_NB; lang <= KL_LANG_EN; lang++)
          {
            g_autoptr(GError) error = NULL;
            g_autoptr(KlFundDocument) doc = kl_fund_document_load (db, programme->id, kind, lang, &error);

            if (doc == NULL)
              {
                /* Not made yet (no grant): nothing to compare. */
                g_assert_error (error, KL_ERROR, KL_ERROR_INCOMPLETE);
                continue;
              }
            compare_document (doc, dir);
            made[kind]++;
          }
    }
  /* Each programme's application; the payout requests of those granted. */
  g_assert_cmpuint (made[KL_FUND_APPLICATION], ==, 2 * programmes->len);
  g_assert_cmpuint (made[KL_FUND_PAYOUT], >=, 2 * 2);
  g_clear_object (&db);
  kl_test_remove_dir (dir);
}

/* An application with little filled in: a school's programme (the
 * municipality applies, on its behalf) without lead, goals, target group
 * or working questions, a session without place or leaders, a fee without
 * dates and travel without its person; the applicant without address,
 * account or contact. Each shows as not given. */
static void
test_sparse_application (void)
{
  g_autofree char *dir = kl_test_make_dir ("fund-fields-sparse");
  g_autoptr(KlDb) db = open_demo (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlProgramme) programme = kl_programme_new ();
  g_autoptr(KlConsultant) speaker = kl_consultant_new ();
  gint64 municipality = kl_test_add_client (db, "Tynset kommune", "kommune", 0, "123456785");
  gint64 school = kl_test_add_client (db, "Tynset barneskole", "skole", municipality, NULL);

  programme->client_id = school;
  programme->title = g_strdup ("Nettverk Tynset");
  programme->kind = g_strdup ("nettverk");
  programme->status = g_strdup ("planned");
  programme->start_date = g_strdup ("2027-02-01");
  programme->end_date = g_strdup ("2027-06-01");
  g_assert_true (kl_store_insert_programme (db, programme, &error));
  g_assert_no_error (error);
  kl_test_add_session (db, programme->id, "Oppstart", "2027-02-03T09:00", "2027-02-03T12:00");
  speaker->name = g_strdup ("Gjest Foredragsholder");
  speaker->external = TRUE;
  g_assert_true (kl_store_insert_consultant (db, speaker, &error));
  g_assert_no_error (error);
  {
    g_autoptr(KlCostItem) fee = kl_cost_item_new ();
    g_autoptr(KlCostItem) travel = kl_cost_item_new ();

    fee->programme_id = travel->programme_id = programme->id;
    fee->budget = travel->budget = TRUE;
    fee->category = KL_COST_SPEAKER_FEE;
    fee->consultant_id = speaker->id;
    fee->days = 2;
    fee->net_ore = 4000000;
    travel->category = KL_COST_TRAVEL;
    travel->supplier = g_strdup ("Vy");
    travel->net_ore = 150000;
    g_assert_true (kl_store_insert_cost (db, fee, &error));
    g_assert_no_error (error);
    g_assert_true (kl_store_insert_cost (db, travel, &error));
    g_assert_no_error (error);
  }

  for (KlLang lang = KL_LANG_NB; lang <= KL_LANG_EN; lang++)
    {
      g_autoptr(KlFundDocument) doc = kl_fund_document_load (db, programme->id, KL_FUND_APPLICATION, lang, &error);

      g_assert_no_error (error);
      g_assert_nonnull (doc->unit);
      g_assert_false (doc->from_actuals);
      compare_document (doc, dir);
    }
  g_clear_object (&db);
  kl_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  kl_test_init_translated (&argc, &argv);

  g_test_add_func ("/fund-fields/demo-documents", test_demo_documents);
  g_test_add_func ("/fund-fields/sparse-application", test_sparse_application);
  return g_test_run ();
}
