/* qs_kind: the one table of the kinds of record qbosync knows: the label its
 * messages use, the QBO entity it becomes, and its rank in delivery order. */
#include "qs_kind.h"

#include <stddef.h>
#include <string.h>

static const qs_kind kinds[] = {
	/* billing documents, in delivery order */
	{"customer", "Customer", "Customer", 0},
	{"item", "Item", "Item", 1},
	{"invoice", "Invoice", "Invoice", 2},
	{"payment", "Payment", "Payment", 3},
	{"refund", "Refund", "RefundReceipt", 4},
	{"credit", "Credit", "CreditMemo", 5},
	/* only mapped to existing QBO records */
	{"tax", NULL, "TaxCode", QS_KIND_RANK_LAST},
	{"payment_method", NULL, "PaymentMethod", QS_KIND_RANK_LAST},
	{"account", NULL, "Account", QS_KIND_RANK_LAST},
	{"term", NULL, "Term", QS_KIND_RANK_LAST},
};

const qs_kind *qs_kind_find(const char *name)
{
	size_t i;
	if (!name) {
		return NULL;
	}
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		if (!strcmp(name, kinds[i].name)) {
			return &kinds[i];
		}
	}
	return NULL;
}

bool qs_kind_is_document(const char *name)
{
	const qs_kind *k = qs_kind_find(name);
	return k && k->label;
}

int qs_kind_rank(const char *name)
{
	const qs_kind *k = qs_kind_find(name);
	return k && k->label ? k->rank : QS_KIND_RANK_LAST;
}
