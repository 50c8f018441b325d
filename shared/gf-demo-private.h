/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gf-demo.h"

G_BEGIN_DECLS

/* gf-demo.c runs the generation; gf-demo-family.c makes the families and
 * gf-demo-billing.c their year of billing; gf-demo-names.c holds the town itself: name
 * lists, settings, establishments, services, calendar. */

enum
{
  DEMO_CANTINE,
  DEMO_MATIN,
  DEMO_SOIR,
  DEMO_MERCREDI,
  DEMO_CRECHE,
  DEMO_N_SERVICES,
};

#define DEMO_N_SCHOOLS      3
#define DEMO_CRECHE_INDEX   3  /* in establishment_id[] */
#define DEMO_N_BRACKETS     4
#define DEMO_N_TERMS        6  /* schools use 5, the crèche 6 */
#define DEMO_N_MONTHS       12
#define DEMO_MAX_YEARS      3  /* school years the calendar covers */
#define DEMO_DUE_DAYS       30

/* What a day of the calendar is open for. */
enum
{
  DEMO_DAY_SCHOOL    = 1 << 0, /* class day: canteen, morning and evening care */
  DEMO_DAY_WEDNESDAY = 1 << 1, /* Wednesday care during school weeks */
  DEMO_DAY_CRECHE    = 1 << 2,
};

typedef enum
{
  STMT_SETTING,
  STMT_STAFF,
  STMT_ESTABLISHMENT,
  STMT_SERVICE,
  STMT_TARIFF,
  STMT_CLOSED_DAY,
  STMT_PERIOD,
  STMT_AUTH_TYPE,
  STMT_DOC_TYPE,
  STMT_ANNOUNCEMENT,
  STMT_RUN,
  STMT_FAMILY,
  STMT_GUARDIAN,
  STMT_CHILD,
  STMT_CONTACT,
  STMT_CHILD_AUTH,
  STMT_ENROLMENT,
  STMT_ACCOUNT,
  STMT_INVOICE,
  STMT_LINE,
  STMT_PAYFIP,
  STMT_PAYFIP_INVOICE,
  STMT_PAYMENT,
  STMT_ALLOCATION,
  STMT_RESERVATION,
  STMT_MESSAGE,
  STMT_DOCUMENT,
  N_STMTS,
} GfDemoStmt;

typedef struct
{
  guint32 first;
  guint32 last;
  int     year;
  int     month;
  int     school_year;
  guint   n_days[DEMO_N_SERVICES];
  gint64  run_id;
  guint   sequence;
  guint32 issue;
  guint32 due;
} GfDemoMonth;

typedef struct
{
  const char *code;
  const char *name;
  const char *kind;
  const char *unit;
  const char *line_label;
  int         prices[DEMO_N_BRACKETS];
} GfDemoService;

typedef struct
{
  const char *city;
  const char *postal_code;
  guint       weight;
} GfDemoTown;

typedef struct
{
  const char *code;
  const char *name;
  const char *bic;
} GfDemoBank;

typedef struct
{
  const char *first;
  const char *second;
} GfDemoPair;

typedef struct
{
  /* Per generation attempt: gf_db_write() may call the work again on SQLITE_BUSY. */
  GfDb        *db;
  GRand       *rand;
  GError      *error;        /* the first failure; every later insert does nothing */
  GfStmt      *stmts[N_STMTS];
  guint64      n_rows[N_STMTS];
  GHashTable  *emails;

  guint        n_families;
  const char  *family_hash;
  const char  *staff_hash;

  guint32      today;
  guint32      three_years_ago;
  guint32      eleven_years_ago;
  int          school_year;  /* the one containing today (August counts as the next) */
  int          first_school_year;
  guint32      calendar_first;
  guint        n_calendar_days;
  guint8      *day_flags;

  gint64       staff_id[3];  /* agent, regisseur, admin */
  gint64       establishment_id[DEMO_N_SCHOOLS + 1];
  gint64       service_id[DEMO_N_SERVICES];
  gint64       auth_type_id[5];
  gint64       period_id[DEMO_N_SCHOOLS + 1][DEMO_N_SERVICES][DEMO_N_TERMS];
  guint32      term_first[DEMO_N_TERMS];
  guint32      term_last[DEMO_N_TERMS];
  int          prices[DEMO_MAX_YEARS][DEMO_N_SERVICES][DEMO_N_BRACKETS];

  GfDemoMonth  months[DEMO_N_MONTHS];
  guint        n_months;

  guint        payfip_sequence;
  guint        receipt_sequence;
} GfDemo;

/* A family as gf-demo-family.c makes it and gf-demo-billing.c bills it. */

#define MAX_KIDS        4

typedef enum
{
  PAY_PAYFIP,
  PAY_CASH,
  PAY_CHEQUE,
  PAY_CESU,
  PAY_TRANSFER,
  PAY_DIRECT_DEBIT,
} PayMethod;

/* What the billing needs of a child and of a family, kept for all of them: small. */
typedef struct
{
  gint64      id;
  const char *first_name;
  guint32     birth;
  gint8       klass;         /* 0 (PS) … 7 (CM2) this school year; -1: at the crèche */
  guint8      school;
  guint8      girl : 1;
  guint8      creche_before : 1; /* went to the crèche before school */
  guint8      quarter_hours; /* a usual day at the crèche */
  guint16     rate[DEMO_N_SERVICES]; /* permille of the open days used; 0: not enrolled */
} Kid;

typedef struct
{
  guint       index;
  gint64      id;
  guint32     created;
  const char *payer_first_name;
  const char *payer_last_name;
  const char *payer_email;
  Kid         kids[MAX_KIDS];
  guint8      n_kids;
  guint8      bracket;
  guint8      profile;       /* 0 pays on time, 1 pays late, 2 often does not pay */
  guint8      method;        /* PayMethod: the usual way of paying */
  guint8      direct_debit : 1;
  guint8      account_active : 1;
  gint64      account_id;
} Family;

/* gf-demo-names.c: the lists. */
extern const char * const _gf_demo_last_names[];
extern const guint        _gf_demo_n_last_names;
extern const char * const _gf_demo_women[];
extern const guint        _gf_demo_n_women;
extern const char * const _gf_demo_men[];
extern const guint        _gf_demo_n_men;
extern const char * const _gf_demo_girls[];
extern const guint        _gf_demo_n_girls;
extern const char * const _gf_demo_boys[];
extern const guint        _gf_demo_n_boys;
extern const char * const _gf_demo_streets[];
extern const guint        _gf_demo_n_streets;
extern const GfDemoTown   _gf_demo_towns[];
extern const guint        _gf_demo_n_towns;
extern const GfDemoBank   _gf_demo_banks[];
extern const guint        _gf_demo_n_banks;
extern const char * const _gf_demo_allergies[];
extern const guint        _gf_demo_n_allergies;
extern const GfDemoPair   _gf_demo_pai[];        /* allergy (may be ""), details */
extern const guint        _gf_demo_n_pai;
extern const char * const _gf_demo_relations[];
extern const guint        _gf_demo_n_relations;
extern const char * const _gf_demo_observations[];
extern const guint        _gf_demo_n_observations;
extern const GfDemoPair   _gf_demo_messages[];   /* subject, body */
extern const guint        _gf_demo_n_messages;
extern const GfDemoService _gf_demo_services[DEMO_N_SERVICES];
extern const char * const _gf_demo_month_names[13];

/* gf-demo-names.c: the town. */
gboolean _gf_demo_add_town        (GfDemo      *self);
gboolean _gf_demo_add_billing_runs (GfDemo     *self);

/* gf-demo-family.c and gf-demo-billing.c: one family each, the billing once every
 * family is in. */
void     _gf_demo_add_family      (GfDemo      *self,
                                   Family      *family);
void     _gf_demo_add_billing     (GfDemo      *self,
                                   Family      *family);
/* gf-demo-documents.c: a few uploaded documents and their files. */
void     _gf_demo_add_documents   (GfDemo      *self,
                                   Family      *family);

/* gf-demo.c: helpers all the files use. */
gint64   _gf_demo_insert          (GfDemo      *self,
                                   GfDemoStmt   which,
                                   const char  *types,
                                   ...);
guint    _gf_demo_random          (GfDemo      *self,
                                   guint        n);
gboolean _gf_demo_chance          (GfDemo      *self,
                                   guint        permille);
guint32  _gf_demo_julian          (int          year,
                                   int          month,
                                   int          day);
void     _gf_demo_dmy             (guint32      julian,
                                   int         *year,
                                   int         *month,
                                   int         *day);
int      _gf_demo_weekday         (guint32      julian);
void     _gf_demo_format_date     (char         out[11],
                                   guint32      julian);
void     _gf_demo_format_timestamp (char        out[21],
                                   guint32      julian,
                                   guint        seconds);
guint8   _gf_demo_day_flags       (GfDemo      *self,
                                   guint32      julian);

#define PICK(self, list) (_gf_demo_##list[_gf_demo_random ((self), _gf_demo_n_##list)])

G_END_DECLS
