/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The State's service, as written in payfip.md §1. The settings hold the URLs really used;
 * these are what an operator types when the town goes to production. */
#define GF_PAYFIP_ENDPOINT_PRODUCTION     "https://www.payfip.gouv.fr/tpa/services/securite"
#define GF_PAYFIP_PAYMENT_URL_PRODUCTION  "https://www.payfip.gouv.fr/tpa/paiementws.web"

/* Amounts are integer cents (payfip.md §8): 1,00 € at least; the maximum is the client's
 * setting, 99 999,99 € by default, and never more than eleven digits. */
#define GF_PAYFIP_AMOUNT_MIN              G_GINT64_CONSTANT (100)
#define GF_PAYFIP_AMOUNT_MAX_DEFAULT      G_GINT64_CONSTANT (9999999)
#define GF_PAYFIP_AMOUNT_MAX_LIMIT        G_GINT64_CONSTANT (99999999999)

/* Field lengths (payfip.md §2 and §8). */
#define GF_PAYFIP_IDOP_LENGTH             36
#define GF_PAYFIP_REFDET_MIN              6
#define GF_PAYFIP_REFDET_MAX              30
#define GF_PAYFIP_OBJET_MAX               100
#define GF_PAYFIP_MEL_MIN                 6
#define GF_PAYFIP_MEL_MAX                 80
#define GF_PAYFIP_URL_MAX                 250

#define GF_PAYFIP_ERROR (gf_payfip_error_quark ())

/**
 * GfPayfipError:
 * @GF_PAYFIP_ERROR_TECHNICAL: PayFiP answered with a Tech* fault (or a SOAP fault it did
 *   not explain); worth retrying later
 * @GF_PAYFIP_ERROR_FUNCTIONAL: PayFiP refused the request with a FonctionnelleErreur
 *   (gf_payfip_error_get_code() gives its code, such as "R3" or "A2")
 * @GF_PAYFIP_ERROR_PENDING: fault P5, the payment has no result yet: ask again later
 * @GF_PAYFIP_ERROR_EXPIRED: fault P1, the operation is unknown to PayFiP or was purged;
 *   an attempt older than about 20 minutes can be closed as expired
 * @GF_PAYFIP_ERROR_INVALID_INPUT: a request field is wrong; nothing was sent
 *   (gf_payfip_error_get_field() names the field)
 * @GF_PAYFIP_ERROR_INVALID_RESPONSE: what came back is not a PayFiP answer we can trust
 *   (not XML, a DOCTYPE, too large, a field missing or malformed, another idOp…)
 * @GF_PAYFIP_ERROR_TIMEOUT: no complete answer within the client's timeout
 * @GF_PAYFIP_ERROR_UNAVAILABLE: PayFiP could not be reached, or answered with an HTTP
 *   server error that is not a SOAP fault; worth retrying later
 */
typedef enum
{
  GF_PAYFIP_ERROR_TECHNICAL,
  GF_PAYFIP_ERROR_FUNCTIONAL,
  GF_PAYFIP_ERROR_PENDING,
  GF_PAYFIP_ERROR_EXPIRED,
  GF_PAYFIP_ERROR_INVALID_INPUT,
  GF_PAYFIP_ERROR_INVALID_RESPONSE,
  GF_PAYFIP_ERROR_TIMEOUT,
  GF_PAYFIP_ERROR_UNAVAILABLE,
} GfPayfipError;

/**
 * GfPayfipResult:
 * @GF_PAYFIP_RESULT_PAID: `resultrans` P (card) or V (direct debit)
 * @GF_PAYFIP_RESULT_REFUSED: R (card) or Z (direct debit)
 * @GF_PAYFIP_RESULT_ABANDONED: A, the family gave up on the payment page
 * @GF_PAYFIP_RESULT_ERROR: any other code
 *
 * What a `resultrans` means (payfip.md §7.1). The names match the states of the
 * payfip_operation table.
 */
typedef enum
{
  GF_PAYFIP_RESULT_PAID,
  GF_PAYFIP_RESULT_REFUSED,
  GF_PAYFIP_RESULT_ABANDONED,
  GF_PAYFIP_RESULT_ERROR,
} GfPayfipResult;

/* A creerPaiementSecurise request. Every string is owned (g_free) and may be set directly;
 * gf_payfip_request_validate() says what is wrong before anything is sent. */
typedef struct
{
  char   *numcli;       /* six digits, from the settings */
  char   *exer;         /* four digits; gf_payfip_request_new() puts the current year */
  char   *refdet;       /* ours, [A-Za-z0-9]{6,30} */
  char   *objet;        /* optional free text, normalised when sent */
  gint64  montant;      /* cents */
  char   *mel;          /* the payer's e-mail */
  char   *saisie;       /* "T", "X" or "W" */
  char   *urlnotif;     /* absolute http(s) URL PayFiP calls server to server */
  char   *urlredirect;  /* absolute http(s) URL the browser comes back to */
} GfPayfipRequest;

/* The outcome of an operation, from recupererDetailPaiementSecurise. Absent optional
 * fields are NULL. */
typedef struct
{
  char            *idop;
  char            *numcli;
  char            *exer;
  char            *refdet;
  char            *objet;
  gint64           montant;     /* cents */
  char            *mel;
  char            *saisie;
  char            *resultrans;
  char            *numauto;     /* NULL unless paid */
  char            *dattrans;    /* DDMMYYYY, French time */
  char            *heurtrans;   /* HHMM, French time */
  GfPayfipResult   result;
} GfPayfipDetail;

/* A customer (collectivité) as recupererDetailClient describes it. */
typedef struct
{
  char *numcli;
  char *libelle_n1;
  char *libelle_n2;
  char *libelle_n3;
} GfPayfipCustomer;

#define GF_TYPE_PAYFIP_REQUEST  (gf_payfip_request_get_type ())
#define GF_TYPE_PAYFIP_DETAIL   (gf_payfip_detail_get_type ())
#define GF_TYPE_PAYFIP_CUSTOMER (gf_payfip_customer_get_type ())

GQuark            gf_payfip_error_quark              (void);
const char       *gf_payfip_error_get_code           (const GError           *error);
const char       *gf_payfip_error_get_fault          (const GError           *error);
const char       *gf_payfip_error_get_label          (const GError           *error);
int               gf_payfip_error_get_severity       (const GError           *error);
const char       *gf_payfip_error_get_field          (const GError           *error);
gboolean          gf_payfip_error_is_retryable       (const GError           *error);

GType             gf_payfip_request_get_type         (void) G_GNUC_CONST;
GfPayfipRequest  *gf_payfip_request_new              (void) G_GNUC_WARN_UNUSED_RESULT;
GfPayfipRequest  *gf_payfip_request_copy             (const GfPayfipRequest  *request)
                                                      G_GNUC_WARN_UNUSED_RESULT;
void              gf_payfip_request_free             (GfPayfipRequest        *request);
gboolean          gf_payfip_request_validate         (const GfPayfipRequest  *request,
                                                      gint64                  max_amount,
                                                      GError                **error);

GType             gf_payfip_detail_get_type          (void) G_GNUC_CONST;
GfPayfipDetail   *gf_payfip_detail_copy              (const GfPayfipDetail   *detail)
                                                      G_GNUC_WARN_UNUSED_RESULT;
void              gf_payfip_detail_free              (GfPayfipDetail         *detail);
GDateTime        *gf_payfip_detail_get_date_time     (const GfPayfipDetail   *detail)
                                                      G_GNUC_WARN_UNUSED_RESULT;
gboolean          gf_payfip_detail_is_direct_debit   (const GfPayfipDetail   *detail);
gboolean          gf_payfip_detail_check             (const GfPayfipDetail   *detail,
                                                      const char             *idop,
                                                      const char             *numcli,
                                                      const char             *refdet,
                                                      gint64                  montant,
                                                      const char             *saisie,
                                                      GError                **error);

GType             gf_payfip_customer_get_type        (void) G_GNUC_CONST;
GfPayfipCustomer *gf_payfip_customer_copy            (const GfPayfipCustomer *customer)
                                                      G_GNUC_WARN_UNUSED_RESULT;
void              gf_payfip_customer_free            (GfPayfipCustomer       *customer);

GfPayfipResult   gf_payfip_result_from_resultrans  (const char             *resultrans);
const char       *gf_payfip_result_to_string        (GfPayfipResult          result);

char             *gf_payfip_normalize_objet          (const char             *text)
                                                      G_GNUC_WARN_UNUSED_RESULT;
gboolean          gf_payfip_validate_idop            (const char             *idop,
                                                      GError                **error);
gboolean          gf_payfip_validate_numcli          (const char             *numcli,
                                                      GError                **error);
char             *gf_payfip_payment_url              (const char             *base,
                                                      const char             *idop)
                                                      G_GNUC_WARN_UNUSED_RESULT;

/* < private > shared by the gf-payfip-*.c files only; not for other callers. */
void              _gf_payfip_set_error               (GError                **error,
                                                      GfPayfipError           code,
                                                      const char             *field,
                                                      const char             *format,
                                                      ...) G_GNUC_PRINTF (4, 5);
void              _gf_payfip_set_fault               (GError                **error,
                                                      GfPayfipError           code,
                                                      const char             *fault,
                                                      const char             *fault_code,
                                                      const char             *label,
                                                      int                     severity);
gboolean          _gf_payfip_is_uuid                 (const char             *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfPayfipRequest, gf_payfip_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfPayfipDetail, gf_payfip_detail_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GfPayfipCustomer, gf_payfip_customer_free)

G_END_DECLS
