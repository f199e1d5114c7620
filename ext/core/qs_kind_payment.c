/* qs_kind_payment: the payment kind: its keys, validation (fee, exchange rate,
 * applications) and its QBO Payment body. */
#include "qs_map_int.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const qsm_payment_keys[] = {
	"id", "customer", "date", "amount", "method", "reference", "fee", "currency", "exchange_rate",
	"applies_to", NULL
};
qs_status qsm_payment_validate(vctx *v, json_object *doc, json_object *norm)
{
	char ref[QS_ID_MAX + 1], a[40], b[40];
	qs_money amount, fee, applied;
	bool present;
	qs_status st;

	if ((st = qsm_req_ref(v, doc, "customer", NULL, "customer id", norm, ref)) != QS_OK ||
		(st = qsm_date_field(v, doc, "date", true, false, "payment date", norm)) != QS_OK ||
		(st = qsm_positive_amount(v, doc, norm, &amount, "a payment amount must be greater than zero (send refunds as refunds)")) != QS_OK ||
		(st = qsm_req_ref(v, doc, "method", NULL, "payment method (gateway) id", norm, ref)) != QS_OK ||
		(st = qsm_opt_text(v, doc, "reference", NULL, 255, true, true, "send the gateway transaction id", norm, NULL)) != QS_OK ||
		(st = qsm_money_field(v, doc, "fee", NULL, norm, &fee, &present)) != QS_OK) {
		return st;
	}
	if (present && fee < 0) {
		qs_money_format(fee, v->decimals, a, sizeof(a));
		return qsm_verr(v, "fee", "fee is %s; send the gateway fee as a positive amount", a);
	}
	if ((st = qsm_exchange_rate_field(v, doc, norm)) != QS_OK ||
		(st = qsm_validate_applies(v, doc, norm, &applied)) != QS_OK) {
		return st;
	}
	if (applied > amount) {
		qs_money_format(applied, v->decimals, a, sizeof(a));
		qs_money_format(amount, v->decimals, b, sizeof(b));
		return qsm_verr(v, "applies_to", "applies_to adds up to %s but the payment amount is %s; apply at most the payment amount", a, b);
	}
	return QS_OK;
}

qs_status qsm_payment_to_qbo(mctx *m, json_object *norm, json_object *q)
{
	char cust[32], pm[32], dep[32];
	const char *method = qsm_norm_str(norm, "method");
	json_object *ap, *lines;
	qs_status st;

	if ((st = qsm_resolve(m, "customer", qsm_norm_str(norm, "customer"), true, "the customer", cust)) != QS_OK) {
		return st;
	}
	QS_JSON_ADD(q, "CustomerRef", qsm_ref_json(cust));
	QS_JSON_ADD(q, "TotalAmt", qsm_money_json(qsm_norm_int(norm, "amount", 0), m->decimals));
	qsm_add_str(q, "TxnDate", qsm_norm_str(norm, "date"));
	qsm_add_refnum(q, norm, 21);
	if (method) {
		if ((st = qsm_resolve(m, "payment_method", method, false, "the payment method", pm)) != QS_OK ||
			(st = qsm_resolve(m, "account:deposit", method, false, "the deposit account", dep)) != QS_OK) {
			return st;
		}
		if (pm[0]) {
			QS_JSON_ADD(q, "PaymentMethodRef", qsm_ref_json(pm));
		}
		if (dep[0]) {
			QS_JSON_ADD(q, "DepositToAccountRef", qsm_ref_json(dep));
		}
	}
	qsm_add_currency(q, m, norm);
	if (json_object_object_get_ex(norm, "applies_to", &ap)) {
		lines = json_object_new_array();
		QS_JSON_ADD(q, "Line", lines);
		size_t i, n = json_object_array_length(ap);
		for (i = 0; i < n; i++) {
			json_object *a = json_object_array_get_idx(ap, i), *ql, *links, *link;
			const char *local = qsm_norm_str(a, "invoice");
			char inv[32];
			if ((st = qsm_resolvef(m, "invoice", local, true, inv, "invoice %s", local)) != QS_OK) {
				return st;
			}
			ql = json_object_new_object();
			json_object_array_add(lines, ql);
			QSM_ADD_NEW(ql, "Amount", qsm_money_json(qsm_norm_int(a, "amount", 0), m->decimals));
			links = json_object_new_array();
			link = json_object_new_object();
			QSM_ADD_NEW(link, "TxnId", json_object_new_string(inv));
			QSM_ADD_NEW(link, "TxnType", json_object_new_string("Invoice"));
			json_object_array_add(links, link);
			QSM_ADD_NEW(ql, "LinkedTxn", links);
		}
	}
	qsm_add_marker(q, m, norm, NULL);
	return QS_OK;
}

