/* qs_qbo_rules: QuickBooks Online's rules in one place: its published
 * limits (per company, i.e. per realmId) that the request limiter, the
 * in-flight cap and the batch packer keep to (shared/qbo/API.md,
 * "Throttling"), the query page size, the minorversion every request names,
 * the tax model of the company's region, and the fault codes the engine acts
 * on, with what a person should do about each (qs_qbo_rules.c). */
#ifndef QS_QBO_RULES_H
#define QS_QBO_RULES_H

#include <stdbool.h>

#define QS_QBO_PER_MINUTE 500          /* requests a minute per company */
#define QS_QBO_BATCH_PER_MINUTE 40     /* /batch requests a minute per company and app */
#define QS_QBO_CONCURRENT 10           /* requests in flight per company and app */
#define QS_QBO_BATCH_OPS 30            /* operations in one /batch request */
#define QS_QBO_WINDOW 60.0             /* seconds of the limit windows */
#define QS_QBO_THROTTLE_PAUSE 60.0     /* a 429 without Retry-After: wait a window */

#define QS_QBO_PAGE 1000               /* a query's MAXRESULTS at most */

#define QS_QBO_MINORVERSION "75"       /* the API minorversion sent unless configured */

/* The tax model of the company's region (CompanyInfo.Country): a US company
 * charges sales tax through the line codes TAX/NON and one TxnTaxCodeRef;
 * every other region (CA, UK, AU, ...) names a TaxCode on each line, and its
 * items carry an expense account too. A company whose country is not known
 * (yet, or CompanyInfo names none) counts as QS_QBO_DEFAULT_COUNTRY. */
#define QS_QBO_DEFAULT_COUNTRY "US"
bool qs_qbo_us_tax_model(const char *country);

/* The QBO fault codes the engine acts on (the Fault's Error code). */
typedef enum qs_qbo_fault {
	QS_QBO_FAULT_OTHER = 0,     /* any other code, or none */
	QS_QBO_FAULT_GONE,          /* 610: the object referred to was deleted */
	QS_QBO_FAULT_REQUIRED,      /* 2020: a required field is missing */
	QS_QBO_FAULT_TOO_LONG,      /* 2050: a field is longer than allowed */
	QS_QBO_FAULT_CURRENCY,      /* 2410: the customer's currency is not the transaction's */
	QS_QBO_FAULT_BAD_REF,       /* 2500: an invalid (inactive, deleted) reference */
	QS_QBO_FAULT_STALE,         /* 5010: stale object (SyncToken) */
	QS_QBO_FAULT_BUSINESS,      /* 6000: a business validation rule */
	QS_QBO_FAULT_DUP_NUMBER,    /* 6140: duplicate DocNumber */
	QS_QBO_FAULT_DUP_NAME,      /* 6240: duplicate name (customer, vendor, employee) */
	QS__QBO_FAULT_COUNT
} qs_qbo_fault;

/* The fault of QBO's code text (NULL or unknown: QS_QBO_FAULT_OTHER). */
qs_qbo_fault qs_qbo_fault_of(const char *code);
/* QBO's code text of a fault ("" for QS_QBO_FAULT_OTHER). */
const char *qs_qbo_fault_code(qs_qbo_fault f);
/* What a person should do about a fault with QBO's code text: always a sentence. */
const char *qs_qbo_fault_hint(const char *code);

#endif
