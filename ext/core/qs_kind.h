/* qs_kind: the one table of the kinds of record qbosync knows: the label its
 * messages use, the QBO entity it becomes, and its rank in delivery order. */
#ifndef QS_KIND_H
#define QS_KIND_H

#include <stdbool.h>

typedef struct qs_kind {
	const char *name;   /* "refund": what qbo_push and qbo_map take */
	const char *label;  /* "Refund" in messages; NULL for a kind that is only mapped */
	const char *entity; /* "RefundReceipt": the QBO entity */
	int rank;           /* delivery order: what a record depends on goes first */
} qs_kind;

/* The row of a kind, or NULL when name (which may be NULL) is not one. */
const qs_kind *qs_kind_find(const char *name);

/* Whether name is a kind of billing document (customer, item, invoice,
 * payment, refund, credit): those are pushed, the others only mapped. */
bool qs_kind_is_document(const char *name);

/* The delivery rank of a document kind; QS_KIND_RANK_LAST for anything else. */
#define QS_KIND_RANK_LAST 9
int qs_kind_rank(const char *name);

#endif
