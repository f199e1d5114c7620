/* qs_kind_invoice: the invoice kind: its keys, validation (status, lines, taxes,
 * the totals and the rounding rule of qs_map.c) and its QBO Invoice body. */
#include "qs_map_int.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const qsm_invoice_keys[] = {
	"id", "customer", "number", "date", "due", "status", "currency", "exchange_rate", "tax_inclusive", "lines",
	"taxes", "credit_applied", "subtotal", "tax_total", "total", "created", NULL
};

qs_status qsm_invoice_validate(vctx *v, json_object *doc, json_object *norm)
{
	static const char *const statuses[] = {"draft", "unpaid", "paid", "cancelled", "refunded", "collections", NULL};
	char ref[QS_ID_MAX + 1], q[96], first_tax[QS_ID_MAX + 1];
	char *status = NULL;
	bool incl = false, present;
	line_info *li = NULL;
	size_t nlines = 0, ntaxes = 0, i;
	qs_money taxes_sum, subtotal, tax_total, total, credit, lines_sum = 0;
	json_object *nlist;
	qs_status st;
	const char *const *s;

	if ((st = qsm_req_ref(v, doc, "customer", NULL, "customer id", norm, ref)) != QS_OK ||
		(st = qsm_opt_text(v, doc, "number", NULL, 21, true, true, "send a shorter invoice number", norm, NULL)) != QS_OK ||
		(st = qsm_date_field(v, doc, "date", true, false, "invoice date", norm)) != QS_OK ||
		(st = qsm_date_field(v, doc, "due", false, false, "due date", norm)) != QS_OK ||
		(st = qsm_exchange_rate_field(v, doc, norm)) != QS_OK) {
		return st;
	}
	if (!qsm_get(doc, "status")) {
		return qsm_verr(v, "status", "status is missing; send one of draft, unpaid, paid, cancelled, refunded, collections");
	}
	if ((st = qsm_opt_text(v, doc, "status", NULL, 0, true, false, "send one of draft, unpaid, paid, cancelled, refunded, collections", NULL, &status)) != QS_OK) {
		return st;
	}
	for (s = statuses; status && *s; s++) {
		if (!strcmp(*s, status)) {
			break;
		}
	}
	if (!status || !*s) {
		qsm_quote(status ? status : "", status ? strlen(status) : 0, q, sizeof(q));
		free(status);
		return qsm_verr(v, "status", "status %s is not one of draft, unpaid, paid, cancelled, refunded, collections; send one of those", q);
	}
	qsm_put_str(norm, "status", status, strlen(status));
	free(status);
	if ((st = qsm_bool_field(v, doc, "tax_inclusive", NULL, norm, &incl, &present)) != QS_OK) {
		return st;
	}
	if (!present) {
		qsm_put_bool(norm, "tax_inclusive", false);
	}
	if ((st = qsm_validate_lines(v, doc, true, norm, &li, &nlines)) != QS_OK) {
		return st;
	}
	if ((st = qsm_validate_taxes(v, doc, norm, &taxes_sum, &ntaxes, first_tax)) != QS_OK ||
		(st = qsm_money_field(v, doc, "credit_applied", NULL, norm, &credit, &present)) != QS_OK ||
		(st = qsm_money_field(v, doc, "subtotal", NULL, norm, &subtotal, NULL)) != QS_OK ||
		(st = qsm_money_field(v, doc, "tax_total", NULL, norm, &tax_total, NULL)) != QS_OK ||
		(st = qsm_money_field(v, doc, "total", NULL, norm, &total, NULL)) != QS_OK ||
		(st = qsm_date_field(v, doc, "created", false, true, "creation date", norm)) != QS_OK) {
		goto done;
	}
	for (i = 0; i < nlines; i++) {
		if (__builtin_add_overflow(lines_sum, li[i].contribution, &lines_sum)) {
			st = qsm_verr(v, "lines", "the line amounts are too large");
			goto done;
		}
	}
	{
		char a[40], b[40], c[40];
		int64_t tol = (int64_t)nlines, d;
		if (ntaxes > 0 && qsm_iabs64(tax_total - taxes_sum) > (int64_t)ntaxes) {
			qs_money_format(tax_total, v->decimals, a, sizeof(a));
			qs_money_format(taxes_sum, v->decimals, b, sizeof(b));
			st = qsm_verr(v, "tax_total", "tax_total is %s but the taxes add up to %s; send a tax_total that matches the taxes", a, b);
			goto done;
		}
		if (qsm_iabs64(subtotal - lines_sum) > tol && !(incl && qsm_iabs64(subtotal - (lines_sum - tax_total)) <= tol)) {
			qs_money_format(subtotal, v->decimals, a, sizeof(a));
			qs_money_format(lines_sum, v->decimals, b, sizeof(b));
			st = qsm_verr(v, "subtotal", "subtotal is %s but the lines add up to %s; send totals that match the lines", a, b);
			goto done;
		}
		if (__builtin_sub_overflow(total, incl ? 0 : tax_total, &d) || __builtin_sub_overflow(d, lines_sum, &d)) {
			st = qsm_verr(v, "total", "the totals are too large");
			goto done;
		}
		if (qsm_iabs64(d) > tol) {
			qs_money_format(total, v->decimals, a, sizeof(a));
			qs_money_format(incl ? lines_sum : lines_sum + tax_total, v->decimals, b, sizeof(b));
			st = qsm_verr(v, "total", "total is %s but the lines and taxes add up to %s; send totals that match the lines", a, b);
			goto done;
		}
		if (total < 0) {
			qs_money_format(total, v->decimals, a, sizeof(a));
			st = qsm_verr(v, "total", "total is %s; a QuickBooks invoice cannot be negative, send a credit note instead", a);
			goto done;
		}
		if (credit < 0 || credit > total) {
			qs_money_format(credit, v->decimals, a, sizeof(a));
			qs_money_format(total, v->decimals, c, sizeof(c));
			st = qsm_verr(v, "credit_applied", "credit_applied is %s but must be between 0 and the total %s; send the credit actually applied", a, c);
			goto done;
		}
		if (json_object_object_get_ex(norm, "lines", &nlist)) {
			qsm_spread_difference(nlist, li, nlines, d);
		}
	}
done:
	free(li);
	return st;
}

qs_status qsm_invoice_to_qbo(mctx *m, json_object *norm, json_object *q)
{
	char cust[32];
	bool any_taxable;
	qs_status st;

	if ((st = qsm_resolve(m, "customer", qsm_norm_str(norm, "customer"), true, "the customer", cust)) != QS_OK) {
		return st;
	}
	QS_JSON_ADD(q, "CustomerRef", qsm_ref_json(cust));
	qsm_add_str(q, "DocNumber", qsm_norm_str(norm, "number"));
	qsm_add_str(q, "TxnDate", qsm_norm_str(norm, "date"));
	qsm_add_str(q, "DueDate", qsm_norm_str(norm, "due"));
	qsm_add_currency(q, m, norm);
	if ((st = qsm_map_lines(m, norm, q, &any_taxable)) != QS_OK ||
		(st = qsm_map_tax(m, norm, q)) != QS_OK) {
		return st;
	}
	qsm_add_marker(q, m, norm, NULL);
	return QS_OK;
}

