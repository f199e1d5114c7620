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
	"id", "customer", "date", "amount", "refunds", "invoice", "method", "reference", "currency", "exchange_rate", NULL
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
		(st = qsm_opt_text(v, doc, "reference", NULL, 255, true, true, "send the gateway transaction id", norm, NULL)) != QS_OK ||
		(st = qsm_exchange_rate_field(v, doc, norm)) != QS_OK) {
		return st;
	}
	return QS_OK;
}

/* The QBO Id of a record the refund names, "" when it is not in QBO (a refund
 * never waits on it: the payment may predate the sync). */
static qs_status optional_id(mctx *m, const char *kind, const char *local, char out[32])
{
	qs_status st = qsm_resolve(m, kind, local, false, kind, out);
	if (st == QS_EWAITING || st == QS_ECONFIG) {
		qs_error_clear(m->e);
		out[0] = '\0';
		return QS_OK;
	}
	return st;
}

qs_status qsm_refund_to_qbo(mctx *m, json_object *norm, json_object *q)
{
	char cust[32], pm[32], acct[32], desc[200];
	const char *method = qsm_norm_str(norm, "method"), *pay = qsm_norm_str(norm, "refunds"), *inv = qsm_norm_str(norm, "invoice");
	qs_status st;

	if ((st = qsm_resolve(m, "customer", qsm_norm_str(norm, "customer"), true, "the customer", cust)) != QS_OK) {
		return st;
	}
	QS_JSON_ADD(q, "CustomerRef", qsm_ref_json(cust));
	qsm_add_str(q, "TxnDate", qsm_norm_str(norm, "date"));
	if ((st = qsm_resolve(m, "account:refund", method ? method : "*", true, "the refund account", acct)) != QS_OK) {
		return st;
	}
	QS_JSON_ADD(q, "DepositToAccountRef", qsm_ref_json(acct));
	if (method) {
		if ((st = qsm_resolve(m, "payment_method", method, false, "the payment method", pm)) != QS_OK) {
			return st;
		}
		if (pm[0]) {
			QS_JSON_ADD(q, "PaymentMethodRef", qsm_ref_json(pm));
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
		QS_JSON_ADD(q, "GlobalTaxCalculation", json_object_new_string("TaxExcluded"));
	}
	{
		/* RefundReceipt has no LinkedTxn (MONEY.md §3.1): the link to what it refunds
		 * goes in PrivateNote, with the QBO Ids when those records are in QBO */
		char link[400], pid[32] = "", iid[32] = "";
		size_t o = 0;
		if (pay && optional_id(m, "payment", pay, pid) != QS_OK) {
			return m->e ? m->e->status : QS_EINTERNAL;
		}
		if (inv && optional_id(m, "invoice", inv, iid) != QS_OK) {
			return m->e ? m->e->status : QS_EINTERNAL;
		}
		link[0] = '\0';
		if (pay) {
			o += (size_t)snprintf(link + o, sizeof(link) - o, "refunds payment %s%s%s%s", pay,
				pid[0] ? " (QBO Payment " : "", pid, pid[0] ? ")" : "");
		}
		if (inv && o < sizeof(link)) {
			snprintf(link + o, sizeof(link) - o, "%s invoice %s%s%s%s", pay ? " of" : "refunds", inv,
				iid[0] ? " (QBO Invoice " : "", iid, iid[0] ? ")" : "");
		}
		qsm_add_marker(q, m, norm, link[0] ? link : NULL);
	}
	return QS_OK;
}

