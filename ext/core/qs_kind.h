/* qs_kind: the one table of the kinds of record qbosync knows: the label its
 * messages use, the QBO entity it becomes, its rank in delivery order, and for
 * billing documents the functions of its own file (qs_kind_<kind>.c): allowed
 * keys, validation/normalisation, and the QBO body. */
#ifndef QS_KIND_H
#define QS_KIND_H

#include <stdbool.h>
#include <json-c/json.h>
#include "qs_error.h"

struct qs_vctx; /* validation context (qs_map_int.h) */
struct qs_mctx; /* QBO-mapping context (qs_map_int.h) */

typedef struct qs_kind {
	const char *name;   /* "refund": what qbo_push and qbo_map take */
	const char *label;  /* "Refund" in messages; NULL for a kind that is only mapped */
	const char *entity; /* "RefundReceipt": the QBO entity */
	int rank;           /* delivery order: what a record depends on goes first */
	/* billing documents only (NULL for mapped-only kinds): */
	const char *const *keys; /* the canonical keys, NULL-terminated */
	bool doc_currency;       /* the document's currency sets the money decimals */
	qs_status (*validate)(struct qs_vctx *v, json_object *doc, json_object *norm);
	qs_status (*to_qbo)(struct qs_mctx *m, json_object *norm, json_object *q);
} qs_kind;

/* The table's row i (0, 1, ...), NULL past its end. */
const qs_kind *qs_kind_at(size_t i);
/* The row of a kind, or NULL when name (which may be NULL) is not one. */
const qs_kind *qs_kind_find(const char *name);

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
