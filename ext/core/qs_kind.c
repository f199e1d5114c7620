/* qs_kind: the one table of the kinds of record qbosync knows, indexed by
 * their enum and its name table: the label its messages use, the QBO entity
 * it becomes, its rank in delivery order, the functions of each document
 * kind's own file, and its delivery rules (guard, marker, transaction,
 * reference, start-date skips) as data. */
#include "qs_kind.h"
#include "qs_map_int.h"

#include <stddef.h>
#include <string.h>

static const qs_kind kinds[QS__KIND_COUNT] = {
	/* billing documents, in delivery order */
	[QS_KIND_CUSTOMER] = {"customer", "Customer", "Customer", 0, qsm_customer_keys, false, qsm_customer_validate, qsm_customer_to_qbo,
		QS_GUARD_NAME_EMAIL, "Notes", false, QS_REF_LOCAL, false, QS_START_CREATED, true},
	[QS_KIND_ITEM] = {"item", "Item", "Item", 1, qsm_item_keys, false, qsm_item_validate, qsm_item_to_qbo,
		QS_GUARD_NAME, NULL, false, QS_REF_LOCAL_OR_OWN, false, QS_START_NONE, false},
	[QS_KIND_INVOICE] = {"invoice", "Invoice", "Invoice", 2, qsm_invoice_keys, true, qsm_invoice_validate, qsm_invoice_to_qbo,
		QS_GUARD_DOC_RID, "PrivateNote", true, QS_REF_LOCAL, true, QS_START_CREATED_OR_DATE, false},
	[QS_KIND_PAYMENT] = {"payment", "Payment", "Payment", 3, qsm_payment_keys, true, qsm_payment_validate, qsm_payment_to_qbo,
		QS_GUARD_DOC_MARKER, "PrivateNote", true, QS_REF_LOCAL, true, QS_START_DATE, false},
	[QS_KIND_REFUND] = {"refund", "Refund", "RefundReceipt", 4, qsm_refund_keys, true, qsm_refund_validate, qsm_refund_to_qbo,
		QS_GUARD_DOC_RID, "PrivateNote", true, QS_REF_LOCAL, true, QS_START_NONE, false},
	[QS_KIND_CREDIT] = {"credit", "Credit", "CreditMemo", 5, qsm_credit_keys, true, qsm_credit_validate, qsm_credit_to_qbo,
		QS_GUARD_DOC_RID, "PrivateNote", true, QS_REF_LOCAL, true, QS_START_NONE, false},
	/* with the invoices, before the payments: it writes off what the billing
	 * system's payments leave open, so it fits the invoice's QBO balance before
	 * the payments queued with it, and a payment that came in meanwhile fits
	 * once the write-off is lowered (it waits for its own invoice) */
	[QS_KIND_WRITEOFF] = {"writeoff", "Write-off", "CreditMemo", 2, qsm_writeoff_keys, true, qsm_writeoff_validate, qsm_writeoff_to_qbo,
		QS_GUARD_DOC_RID, "PrivateNote", true, QS_REF_MAP, false, QS_START_NONE, false},
	/* only mapped to existing QBO records */
	[QS_KIND_TAX] = {"tax", NULL, "TaxCode", QS_KIND_RANK_LAST, NULL, false, NULL, NULL,
		QS_GUARD_NONE, NULL, false, QS_REF_MAP_NEEDED, false, QS_START_NONE, false},
	[QS_KIND_PAYMENT_METHOD] = {"payment_method", NULL, "PaymentMethod", QS_KIND_RANK_LAST, NULL, false, NULL, NULL,
		QS_GUARD_NONE, NULL, false, QS_REF_MAP, false, QS_START_NONE, false},
	[QS_KIND_ACCOUNT] = {"account", NULL, "Account", QS_KIND_RANK_LAST, NULL, false, NULL, NULL,
		QS_GUARD_NONE, NULL, false, QS_REF_MAP, false, QS_START_NONE, false},
	[QS_KIND_TERM] = {"term", NULL, "Term", QS_KIND_RANK_LAST, NULL, false, NULL, NULL,
		QS_GUARD_NONE, NULL, false, QS_REF_MAP, false, QS_START_NONE, false},
	/* a currency mapping links to an ISO 4217 code, no QBO entity */
	[QS_KIND_CURRENCY] = {"currency", NULL, NULL, QS_KIND_RANK_LAST, NULL, false, NULL, NULL,
		QS_GUARD_NONE, NULL, false, QS_REF_MAP, false, QS_START_NONE, false},
};

const qs_kind *qs_kind_at(size_t i)
{
	return i < QS__KIND_COUNT - 1 ? &kinds[i + 1] : NULL;
}

const qs_kind *qs_kind_get(qs_kind_id k)
{
	return (int)k > QS_KIND_NONE && k < QS__KIND_COUNT ? &kinds[k] : NULL;
}

qs_kind_id qs_kind_of(const char *name)
{
	int i;
	for (i = QS_KIND_NONE + 1; name && i < QS__KIND_COUNT; i++) {
		if (name[0] == kinds[i].name[0] && !strcmp(name, kinds[i].name)) {
			return (qs_kind_id)i;
		}
	}
	return QS_KIND_NONE;
}

const char *qs_kind_name(qs_kind_id k)
{
	const qs_kind *r = qs_kind_get(k);
	return r ? r->name : "";
}

const qs_kind *qs_kind_find(const char *name)
{
	return qs_kind_get(qs_kind_of(name));
}

qs_kind_guard qs_kind_guard_of(qs_kind_id k)
{
	const qs_kind *r = qs_kind_get(k);
	return r ? r->guard : QS_GUARD_NONE;
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

/* A member of a document (NULL when absent or null); json-c alone, so the
 * table depends on no mapping file. */
static json_object *member(json_object *d, const char *key)
{
	json_object *v = NULL;
	return d && json_object_object_get_ex(d, key, &v) ? v : NULL;
}

int qs_kind_outbox_rank(const char *name, const char *doc)
{
	qs_kind_id id = qs_kind_of(name);
	const qs_kind *k = qs_kind_get(id);
	int rank = k && k->label ? k->rank : QS_KIND_RANK_LAST;   /* qs_kind_rank */
	if (name && doc && rank > kinds[QS_KIND_ITEM].rank && strstr(doc, "\"deleted\"")) {
		/* a deletion needs nothing and gives money back to invoices: before them */
		json_object *d = json_tokener_parse(doc), *v = member(d, "deleted");
		if (v && json_object_get_boolean(v)) {
			rank = kinds[QS_KIND_ITEM].rank;
		}
		json_object_put(d);
		if (rank == kinds[QS_KIND_ITEM].rank) {
			return rank;
		}
	}
	/* account credit applies to nothing yet: a payment without applications (Add Funds,
	 * an overpayment) and a credit note without applications (a refund to the credit
	 * balance) go before the invoices whose credit_applied draws on them */
	if (name && doc && (id == QS_KIND_PAYMENT || id == QS_KIND_CREDIT)) {
		json_object *d = json_tokener_parse(doc), *apps = member(d, "applies_to");
		if (d && (!apps || !json_object_is_type(apps, json_type_array) || json_object_array_length(apps) == 0)) {
			rank = kinds[QS_KIND_ITEM].rank;
		}
		json_object_put(d);
	}
	return rank;
}
