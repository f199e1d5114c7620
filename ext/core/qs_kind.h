/* qs_kind: the one table of the kinds of record qbosync knows, indexed by the
 * kind's enum (the table is the enum's name table): the label its messages
 * use, the QBO entity it becomes, its rank in delivery order, and for billing
 * documents the functions of its own file (qs_kind_<kind>.c): allowed keys,
 * validation/normalisation, and the QBO body, and the delivery rules the
 * engine reads from the row (duplicate guard, marker field, transaction or
 * not, how a reference to it resolves, the start dates that skip it). */
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

/* How a create finds the kind's own QBO record before it is sent (a retry:
 * an earlier attempt may have been committed without a usable answer) and
 * after a duplicate-name/number fault, so that it links instead of
 * duplicating (qs_engine_deliver.c). */
typedef enum qs_kind_guard {
	QS_GUARD_NONE = 0,   /* mapped-only kinds: never created */
	QS_GUARD_NAME_EMAIL, /* DisplayName (inactive too), else a lone QBO record with its email, every attempt */
	QS_GUARD_NAME,       /* Name (inactive too), every attempt */
	QS_GUARD_DOC_MARKER, /* a retry: DocNumber, then always the marker among its date's records */
	QS_GUARD_DOC_RID,    /* a retry: DocNumber, then the marker only when the create's requestid cannot settle it */
} qs_kind_guard;

/* How a reference to a record of the kind (an invoice's customer, a line's
 * item, a payment's invoice) finds its QBO Id once no explicit mapping has it. */
typedef enum qs_kind_ref {
	QS_REF_MAP = 0,     /* a mapping or none: the "*" mapping, else QBO's default */
	QS_REF_LOCAL,       /* the local record, delivered first when queued, else Waiting on it */
	QS_REF_LOCAL_OR_OWN,/* the local record; one never pushed (and "*") takes the engine's own fallback */
	QS_REF_MAP_NEEDED,  /* a mapping, or Waiting until qbo_map() gives one ("*": none) */
} qs_kind_ref;

/* Which date of a document the company's start date (option sync_start) judges. */
typedef enum qs_kind_start {
	QS_START_NONE = 0,   /* never kept out by it */
	QS_START_CREATED,    /* its "created" */
	QS_START_CREATED_OR_DATE, /* its "created", else its "date" */
	QS_START_DATE,       /* its "date" */
} qs_kind_start;

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
	/* delivery rules, read by the engine instead of comparing kinds: */
	qs_kind_guard guard;  /* how a create finds its own QBO record */
	const char *marker;   /* the QBO field holding "qbosync:<kind>:<id>" (Notes, PrivateNote); NULL: none */
	bool txn;             /* a transaction: holds money, so an adopted QBO record is always updated */
	qs_kind_ref ref;      /* how a reference to one of its records is resolved */
	bool customer_start;  /* a connected customer's start date keeps out its records dated before it */
	qs_kind_start sync_start; /* the date the company's start date judges */
	bool start_when_needed;   /* one kept out by sync_start is delivered after all when a later record refers to it */
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

/* The duplicate guard of an enum value's row; QS_GUARD_NONE for QS_KIND_NONE. */
qs_kind_guard qs_kind_guard_of(qs_kind_id k);

/* Whether name is a kind of billing document (customer, item, invoice,
 * payment, refund, credit, writeoff): those are pushed, the others only mapped. */
bool qs_kind_is_document(const char *name);

/* The delivery rank of a document kind; QS_KIND_RANK_LAST for anything else. */
#define QS_KIND_RANK_LAST 9
int qs_kind_rank(const char *name);
/* The rank of one record in the outbox: its kind's, except a payment or a
 * credit note that applies to no invoice (account credit: Add Funds, a payment
 * without an invoice, a refund to the credit balance), which needs only its
 * customer (and a credit note's items) and goes with the items, before the
 * invoices, so an invoice's credit_applied finds that credit in QBO; and a
 * deletion (qbo_delete: "deleted": true), which needs nothing and gives money
 * back to invoices, goes with the items too, before what may need that money. */
int qs_kind_outbox_rank(const char *name, const char *doc);

#endif
