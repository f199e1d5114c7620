/* qs_kind_writeoff: the write-off kind (bad debt): an invoice's open balance
 * the business gives up on. Its keys, validation and its QBO body: a
 * CreditMemo of one line of the write-off item ("Bad Debt", booked to the
 * account of purpose "writeoff"), which qs_engine_credit.c then applies to the
 * invoice, so the invoice's QBO balance falls by exactly the amount written
 * off and the accountant sees it as bad debt, not as a payment or a sale
 * changed. Without a date, the engine dates it (qse_writeoff_date). Why a
 * credit memo (and not a journal entry or a discount): README, "Write-offs". */
#include "qs_map_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const qsm_writeoff_keys[] = {
	"id", "customer", "invoice", "date", "amount", "reason", "currency", "exchange_rate", NULL
};

qs_status qsm_writeoff_validate(vctx *v, json_object *doc, json_object *norm)
{
	char ref[QS_ID_MAX + 1];
	qs_money amount;
	qs_status st;

	if ((st = qsm_req_ref(v, doc, "customer", NULL, "customer id", norm, ref)) != QS_OK ||
		(st = qsm_req_ref(v, doc, "invoice", NULL, "id of the invoice written off", norm, ref)) != QS_OK ||
		(st = qsm_date_field(v, doc, "date", false, false, "write-off date", norm)) != QS_OK ||
		(st = qsm_positive_amount(v, doc, norm, &amount, "a write-off amount must be greater than zero (the invoice's balance written off)")) != QS_OK ||
		(st = qsm_opt_text(v, doc, "reason", NULL, 1000, false, false, "shorten the reason", norm, NULL)) != QS_OK ||
		(st = qsm_exchange_rate_field(v, doc, norm)) != QS_OK) {
		return st;
	}
	return QS_OK;
}

qs_status qsm_writeoff_to_qbo(mctx *m, json_object *norm, json_object *q)
{
	char cust[32], inv[32], desc[1200], link[200];
	const char *reason = qsm_norm_str(norm, "reason"), *invoice = qsm_norm_str(norm, "invoice");
	qs_status st;

	if ((st = qsm_resolve(m, "customer", qsm_norm_str(norm, "customer"), true, "the customer", cust)) != QS_OK) {
		return st;
	}
	/* the invoice first: a write-off is made only once it can be applied */
	if ((st = qsm_resolve(m, "invoice", invoice, true, "the invoice written off", inv)) != QS_OK) {
		return st;
	}
	QS_JSON_ADD(q, "CustomerRef", qsm_ref_json(cust));
	qsm_add_str(q, "TxnDate", qsm_norm_str(norm, "date"));
	qsm_add_currency(q, m, norm);
	snprintf(desc, sizeof(desc), "Bad debt: invoice %.64s written off%s%.1000s", invoice, reason ? ": " : "", reason ? reason : "");
	if ((st = qsm_single_line_item(m, q, qsm_norm_int(norm, "amount", 0), desc, QSM_WRITEOFF_ITEM,
			"the write-off item (bad debt)")) != QS_OK) {
		return st;
	}
	if (!m->ctx->us_company) {
		QS_JSON_ADD(q, "GlobalTaxCalculation", json_object_new_string("TaxExcluded"));
	}
	snprintf(link, sizeof(link), "writes off invoice %.64s (QBO Invoice %s)", invoice, inv);
	qsm_add_marker(q, m, norm, link);
	return QS_OK;
}
