/* qs_kind: the one table of the kinds of record qbosync knows, indexed by the
 * kind's enum (the table is the enum's name table): the label its messages
 * use, the QBO entity it becomes, its rank in delivery order, and for billing
 * documents the functions of its own file (qs_kind_<kind>.c): allowed keys,
 * validation/normalisation, and the QBO body. */
#ifndef QS_KIND_H
#define QS_KIND_H

#include <stdbool.h>
#include <json-c/json.h>
#include "qs_error.h"

/* The closed set of kinds. A name is parsed once where it enters (the store's
 * read, the engine's entry points) and compared as this enum after that; the
 * store keeps the names. QS_KIND_NONE (0) is no kind: an unknown name, and
 * what a zeroed structure holds. */
typedef enum qs_kind_id {
	QS_KIND_NONE = 0,
	/* billing documents, pushed */
	QS_KIND_CUSTOMER,
	QS_KIND_ITEM,
	QS_KIND_INVOICE,
	QS_KIND_PAYMENT,
	QS_KIND_REFUND,
	QS_KIND_CREDIT,
	QS_KIND_WRITEOFF,
	/* only mapped to existing QBO records (qbo_map) */
	QS_KIND_TAX,
	QS_KIND_PAYMENT_METHOD,
	QS_KIND_ACCOUNT,
	QS_KIND_TERM,
	QS_KIND_CURRENCY,
	QS__KIND_COUNT
} qs_kind_id;

struct qs_vctx; /* validation context (qs_map_int.h) */
struct qs_mctx; /* QBO-mapping context (qs_map_int.h) */

typedef struct qs_kind {
	const char *name;   /* "refund": what qbo_push and qbo_map take, and the store keeps */
	const char *label;  /* "Refund" in messages; NULL for a kind that is only mapped */
	const char *entity; /* "RefundReceipt": the QBO entity; NULL for currency (an ISO code) */
	int rank;           /* delivery order: what a record depends on goes first */
	/* billing documents only (NULL for mapped-only kinds): */
	const char *const *keys; /* the canonical keys, NULL-terminated */
	bool doc_currency;       /* the document's currency sets the money decimals */
	qs_status (*validate)(struct qs_vctx *v, json_object *doc, json_object *norm);
	qs_status (*to_qbo)(struct qs_mctx *m, json_object *norm, json_object *q);
} qs_kind;

/* The table's row i (0, 1, ...: QS_KIND_CUSTOMER's first), NULL past its end. */
const qs_kind *qs_kind_at(size_t i);
/* The row of a kind, or NULL when name (which may be NULL) is not one. */
const qs_kind *qs_kind_find(const char *name);
/* The row of an enum value, or NULL for QS_KIND_NONE and out-of-range values. */
const qs_kind *qs_kind_get(qs_kind_id k);
/* The enum value of a name; QS_KIND_NONE when name (may be NULL) is none. */
qs_kind_id qs_kind_of(const char *name);
/* The name of an enum value ("" for QS_KIND_NONE and out-of-range values). */
const char *qs_kind_name(qs_kind_id k);

/* Whether name is a kind of billing document (customer, item, invoice,
 * payment, refund, credit, writeoff): those are pushed, the others only mapped. */
bool qs_kind_is_document(const char *name);

/* The delivery rank of a document kind; QS_KIND_RANK_LAST for anything else. */
#define QS_KIND_RANK_LAST 9
int qs_kind_rank(const char *name);
/* The rank of one record in the outbox: its kind's, except a payment that
 * applies to no invoice (account credit: Add Funds, a payment without an
 * invoice), which needs only its customer and goes with the items, before the
 * invoices, so an invoice's credit_applied finds that credit in QBO; and a
 * deletion (qbo_delete: "deleted": true), which needs nothing and gives money
 * back to invoices, goes with the items too, before what may need that money. */
int qs_kind_outbox_rank(const char *name, const char *doc);

#endif
