/* qs_kind_credit: the credit-note kind: its keys, validation (amount against
 * lines and applications) and its QBO CreditMemo body. */
#include "qs_map_int.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const qsm_credit_keys[] = {
	"id", "customer", "date", "amount", "reason", "applies_to", "lines", "currency", "exchange_rate", NULL
};

qs_status qsm_credit_validate(vctx *v, json_object *doc, json_object *norm)
{
	char ref[QS_ID_MAX + 1], a[40], b[40];
	qs_money amount, applied, lines_sum = 0;
	line_info *li = NULL;
	size_t n = 0, i;
	qs_status st;

	if ((st = qsm_req_ref(v, doc, "customer", NULL, "customer id", norm, ref)) != QS_OK ||
		(st = qsm_date_field(v, doc, "date", true, false, "credit date", norm)) != QS_OK ||
		(st = qsm_positive_amount(v, doc, norm, &amount, "a credit amount must be greater than zero")) != QS_OK ||
		(st = qsm_opt_text(v, doc, "reason", NULL, 1000, false, false, "shorten the reason", norm, NULL)) != QS_OK ||
		(st = qsm_exchange_rate_field(v, doc, norm)) != QS_OK ||
		(st = qsm_validate_applies(v, doc, norm, &applied)) != QS_OK) {
		return st;
	}
	if (applied > amount) {
		qs_money_format(applied, v->decimals, a, sizeof(a));
		qs_money_format(amount, v->decimals, b, sizeof(b));
		return qsm_verr(v, "applies_to", "applies_to adds up to %s but the credit amount is %s; apply at most the credit amount", a, b);
	}
	if ((st = qsm_validate_lines(v, doc, false, norm, &li, &n)) != QS_OK) {
		return st;
	}
	if (n > 0) {
		json_object *nlist;
		int64_t d;
		for (i = 0; i < n; i++) {
			lines_sum += li[i].contribution;
		}
		d = amount - lines_sum;
		if (qsm_iabs64(d) > (int64_t)n) {
			qs_money_format(amount, v->decimals, a, sizeof(a));
			qs_money_format(lines_sum, v->decimals, b, sizeof(b));
			free(li);
			return qsm_verr(v, "amount", "amount is %s but the lines add up to %s; send an amount that matches the lines", a, b);
		}
		if (json_object_object_get_ex(norm, "lines", &nlist)) {
			qsm_spread_difference(nlist, li, n, d);
		}
	}
	free(li);
	return QS_OK;
}

qs_status qsm_credit_to_qbo(mctx *m, json_object *norm, json_object *q)
{
	char cust[32];
	bool any_taxable;
	const char *reason = qsm_norm_str(norm, "reason");
	qs_status st;

	if ((st = qsm_resolve(m, "customer", qsm_norm_str(norm, "customer"), true, "the customer", cust)) != QS_OK) {
		return st;
	}
	QS_JSON_ADD(q, "CustomerRef", qsm_ref_json(cust));
	qsm_add_str(q, "TxnDate", qsm_norm_str(norm, "date"));
	qsm_add_currency(q, m, norm);
	if (qsm_norm_has(norm, "lines")) {
		if ((st = qsm_map_lines(m, norm, q, &any_taxable)) != QS_OK) {
			return st;
		}
		if (!m->ctx->us_company) {
			QS_JSON_ADD(q, "GlobalTaxCalculation", json_object_new_string("TaxExcluded"));
		}
	} else {
		if ((st = qsm_single_line(m, q, qsm_norm_int(norm, "amount", 0), reason ? reason : "Credit")) != QS_OK) {
			return st;
		}
		if (!m->ctx->us_company) {
			QS_JSON_ADD(q, "GlobalTaxCalculation", json_object_new_string("TaxExcluded"));
		}
	}
	if (reason) {
		size_t cut = qsm_utf8_prefix(reason, strlen(reason), 1000);
		json_object *memo = json_object_new_object();
		QS_JSON_ADD(memo, "value", json_object_new_string_len(reason, (int)cut));
		QS_JSON_ADD(q, "CustomerMemo", memo);
	}
	qsm_add_marker(q, m, norm, NULL);
	return QS_OK;
}

