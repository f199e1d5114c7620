/* qs_kind_refund: the refund kind: its keys, validation and its QBO RefundReceipt body. */
#include "qs_map_int.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const qsm_refund_keys[] = {
	"id", "customer", "date", "amount", "refunds", "invoice", "method", "reference", "currency", NULL
};
qs_status qsm_refund_validate(vctx *v, json_object *doc, json_object *norm)
{
	char ref[QS_ID_MAX + 1];
	qs_money amount;
	qs_status st;

	if ((st = qsm_req_ref(v, doc, "customer", NULL, "customer id", norm, ref)) != QS_OK ||
		(st = qsm_date_field(v, doc, "date", true, false, "refund date", norm)) != QS_OK ||
		(st = qsm_positive_amount(v, doc, norm, &amount, "a refund amount must be greater than zero")) != QS_OK ||
		(st = qsm_opt_ref(v, doc, "refunds", NULL, "payment id", norm, ref, NULL)) != QS_OK ||
		(st = qsm_opt_ref(v, doc, "invoice", NULL, "invoice id", norm, ref, NULL)) != QS_OK ||
		(st = qsm_opt_ref(v, doc, "method", NULL, "payment method (gateway) id", norm, ref, NULL)) != QS_OK ||
		(st = qsm_opt_text(v, doc, "reference", NULL, 255, true, true, "send the gateway transaction id", norm, NULL)) != QS_OK) {
		return st;
	}
	return QS_OK;
}

qs_status qsm_refund_to_qbo(mctx *m, json_object *norm, json_object *q)
{
	char cust[32], pm[32], acct[32], desc[200];
	const char *method = qsm_norm_str(norm, "method"), *pay = qsm_norm_str(norm, "refunds"), *inv = qsm_norm_str(norm, "invoice");
	qs_status st;

	if ((st = qsm_resolve(m, "customer", qsm_norm_str(norm, "customer"), true, "the customer", cust)) != QS_OK) {
		return st;
	}
	json_object_object_add(q, "CustomerRef", qsm_ref_json(cust));
	qsm_add_str(q, "TxnDate", qsm_norm_str(norm, "date"));
	if ((st = qsm_resolve(m, "account:refund", method ? method : "*", true, "the refund account", acct)) != QS_OK) {
		return st;
	}
	json_object_object_add(q, "DepositToAccountRef", qsm_ref_json(acct));
	if (method) {
		if ((st = qsm_resolve(m, "payment_method", method, false, "the payment method", pm)) != QS_OK) {
			return st;
		}
		if (pm[0]) {
			json_object_object_add(q, "PaymentMethodRef", qsm_ref_json(pm));
		}
	}
	qsm_add_refnum(q, norm, 21);
	qsm_add_currency(q, m, norm);
	if (pay && inv) {
		snprintf(desc, sizeof(desc), "Refund of payment %s (invoice %s)", pay, inv);
	} else if (pay || inv) {
		snprintf(desc, sizeof(desc), "Refund of %s %s", pay ? "payment" : "invoice", pay ? pay : inv);
	} else {
		snprintf(desc, sizeof(desc), "Refund");
	}
	if ((st = qsm_single_line(m, q, qsm_norm_int(norm, "amount", 0), desc)) != QS_OK) {
		return st;
	}
	if (!m->ctx->us_company) {
		json_object_object_add(q, "GlobalTaxCalculation", json_object_new_string("TaxExcluded"));
	}
	qsm_add_marker(q, m, norm, NULL);
	return QS_OK;
}

