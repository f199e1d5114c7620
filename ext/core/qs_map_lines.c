/* qs_map_lines: what invoices and credit notes share: lines (validation, the
 * rounding spread, QBO Line[]), the taxes list and TxnTaxDetail, payment and
 * credit applications (applies_to), and the single-line body of refunds/credits. */
#include "qs_map_int.h"
#include "qbo/qs_qbo_tax.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------------ */
/* lines (invoice, credit)                                              */

static const char *const line_keys[] = {
	"item", "description", "quantity", "unit_price", "amount", "taxable", "tax", "kind", NULL
};

static const char *title_lower(const vctx *v)
{
	return v->kind;
}

/* Validates doc.lines into norm.lines; infos: malloc'd array of *count entries. */
qs_status qsm_validate_lines(vctx *v, json_object *doc, bool required, json_object *norm,
	line_info **infos, size_t *count)
{
	json_object *lines = qsm_get(doc, "lines"), *tmp = NULL, *list, *out = NULL;
	size_t i, n;
	qs_status st = QS_OK;
	line_info *li = NULL;

	*infos = NULL;
	*count = 0;
	if (!lines) {
		if (required) {
			return qsm_verr(v, "lines", "lines is missing; an %s needs at least one line", title_lower(v));
		}
		return QS_OK;
	}
	if (json_object_get_type(lines) == json_type_object && json_object_object_length(lines) == 0) {
		list = NULL;
		n = 0;
	} else {
		list = qsm_as_list(lines, &tmp);
		if (!list) {
			return qsm_verr(v, "lines", "lines is %s, not a list; send a list of lines", qsm_type_name(lines));
		}
		n = json_object_array_length(list);
	}
	if (n == 0) {
		json_object_put(tmp);
		if (required) {
			return qsm_verr(v, "lines", "lines is empty; an %s needs at least one line", title_lower(v));
		}
		return qsm_verr(v, "lines", "lines is empty; leave lines out or send at least one line");
	}
	if (n > 750) {
		json_object_put(tmp);
		return qsm_verr(v, "lines", "has %zu lines but QuickBooks allows at most 750; split it", n);
	}
	li = calloc(n, sizeof(*li));
	out = json_object_new_array();
	if (!li || !out) {
		st = qs_error_set(v->e, QS_EINTERNAL, "out of memory");
		goto fail;
	}
	for (i = 0; i < n; i++) {
		json_object *ln = json_object_array_get_idx(list, i), *nl, *val;
		char prefix[32], path[64], ref[QS_ID_MAX + 1], q[96];
		char *kind = NULL;
		int64_t qty = 10000;
		qs_money unit = 0, amount = 0, expect;
		bool has_unit, has_amount, taxable = false, has_taxable, has_tax;

		qsm_index_path(prefix, sizeof(prefix), "lines", i);
		if (!ln || !qsm_is_object(ln) || json_object_get_type(ln) == json_type_array) {
			st = qsm_verr(v, prefix, "%s is %s; send each line as an array with item, description, quantity, unit_price, amount",
				prefix, ln ? qsm_type_name(ln) : "null");
			goto fail;
		}
		if ((st = qsm_check_keys(v, ln, line_keys, prefix)) != QS_OK) {
			goto fail;
		}
		nl = json_object_new_object();
		json_object_array_add(out, nl);
		if ((st = qsm_opt_ref(v, ln, "item", prefix, "item id", nl, ref, NULL)) != QS_OK ||
			(st = qsm_opt_text(v, ln, "description", prefix, 4000, false, false, "shorten the line description", nl, NULL)) != QS_OK) {
			goto fail;
		}
		val = qsm_get(ln, "quantity");
		if (val && (st = qsm_dec4_key(v, val, prefix, "quantity", &qty)) != QS_OK) {
			goto fail;
		}
		qsm_put_int(nl, "quantity_e4", qty);
		if ((st = qsm_money_field(v, ln, "unit_price", prefix, nl, &unit, &has_unit)) != QS_OK ||
			(st = qsm_money_field(v, ln, "amount", prefix, NULL, &amount, &has_amount)) != QS_OK) {
			goto fail;
		}
		if (!has_unit && !has_amount) {
			qsm_fpath(path, sizeof(path), prefix, "amount");
			st = qsm_verr(v, path, "%s has neither amount nor unit_price; send the line amount", prefix);
			goto fail;
		}
		if (has_unit) {
			if ((st = qs_money_mul_qty(unit, qty, &expect, v->e)) != QS_OK) {
				qsm_fpath(path, sizeof(path), prefix, "quantity");
				st = qsm_verr(v, path, "%s: quantity x unit_price is too large; check the quantity and price", prefix);
				goto fail;
			}
			if (has_amount && expect != amount) {
				char a[40], b[40];
				qs_money_format(amount, v->decimals, a, sizeof(a));
				qs_money_format(expect, v->decimals, b, sizeof(b));
				qsm_fpath(path, sizeof(path), prefix, "amount");
				st = qsm_verr(v, path, "%s.amount is %s but quantity x unit_price is %s; send the line total or fix the price",
					prefix, a, b);
				goto fail;
			}
			if (!has_amount) {
				amount = expect;
			}
		}
		if ((st = qsm_bool_field(v, ln, "taxable", prefix, NULL, &taxable, &has_taxable)) != QS_OK ||
			(st = qsm_opt_ref(v, ln, "tax", prefix, "tax id", NULL, ref, &has_tax)) != QS_OK) {
			goto fail;
		}
		if (has_tax && has_taxable && !taxable) {
			qsm_fpath(path, sizeof(path), prefix, "taxable");
			st = qsm_verr(v, path, "%s has taxable false but names tax \"%s\"; send one or the other", prefix, ref);
			goto fail;
		}
		qsm_put_bool(nl, "taxable", taxable || has_tax);
		if (has_tax) {
			qsm_put_str(nl, "tax", ref, strlen(ref));
		}
		if ((st = qsm_opt_text(v, ln, "kind", prefix, 0, true, false, "", NULL, &kind)) != QS_OK) {
			goto fail;
		}
		if (kind && strcmp(kind, "sale") && strcmp(kind, "discount") && strcmp(kind, "late_fee") && strcmp(kind, "credit")) {
			qsm_quote(kind, strlen(kind), q, sizeof(q));
			free(kind);
			qsm_fpath(path, sizeof(path), prefix, "kind");
			st = qsm_verr(v, path, "%s.kind %s is not one of sale, discount, late_fee, credit; send one of those", prefix, q);
			goto fail;
		}
		qsm_put_str(nl, "kind", kind ? kind : "sale", strlen(kind ? kind : "sale"));
		li[i].amount = amount;
		li[i].unit_qty = qty == 10000;
		if (kind && (!strcmp(kind, "discount") || !strcmp(kind, "credit"))) {
			li[i].contribution = amount < 0 ? amount : -amount;
			li[i].adjustable = false;
		} else {
			li[i].contribution = amount;
			li[i].adjustable = true;
		}
		free(kind);
		/* amount last: it may be adjusted by the rounding rule */
		qsm_put_int(nl, "amount", amount);
	}
	json_object_put(tmp);
	QS_JSON_ADD(norm, "lines", out);
	*infos = li;
	*count = n;
	return QS_OK;
fail:
	json_object_put(tmp);
	json_object_put(out);
	free(li);
	return st;
}

/* Spreads d minor units over the lines (see the rounding rule at the top). */
void qsm_spread_difference(json_object *norm_lines, line_info *li, size_t n, int64_t d)
{
	size_t *order, i, j, cand = 0;
	int step = d > 0 ? 1 : -1;

	if (d == 0 || n == 0) {
		return;
	}
	order = malloc(n * sizeof(*order));
	if (!order) {
		return;
	}
	for (i = 0; i < n; i++) {
		if (li[i].adjustable) {
			order[cand++] = i;
		}
	}
	if (cand == 0) {
		for (i = 0; i < n; i++) {
			order[cand++] = i;
		}
	}
	/* insertion sort, stable: quantity-1 lines first, then |amount| descending */
	for (i = 1; i < cand; i++) {
		size_t x = order[i];
		int64_t ax = li[x].amount < 0 ? -li[x].amount : li[x].amount;
		for (j = i; j > 0; j--) {
			size_t y = order[j - 1];
			int64_t ay = li[y].amount < 0 ? -li[y].amount : li[y].amount;
			if (li[y].unit_qty != li[x].unit_qty ? li[y].unit_qty : ay >= ax) {
				break;
			}
			order[j] = y;
		}
		order[j] = x;
	}
	for (i = 0; d != 0; i = (i + 1) % cand) {
		size_t k = order[i];
		/* a contribution counts negative for discount/credit lines */
		if (li[k].adjustable) {
			li[k].amount += step;
		} else {
			li[k].amount += li[k].amount < 0 ? step : -step;
		}
		li[k].contribution += step;
		d -= step;
	}
	for (i = 0; i < n; i++) {
		json_object *nl = json_object_array_get_idx(norm_lines, i);
		QS_JSON_ADD(nl, "amount", json_object_new_int64(li[i].amount));
	}
	free(order);
}

/* applies_to: [{invoice, amount}], amounts > 0, no invoice twice; *sum. */
qs_status qsm_validate_applies(vctx *v, json_object *doc, json_object *norm, qs_money *sum)
{
	json_object *ap = qsm_get(doc, "applies_to"), *tmp = NULL, *list, *out;
	static const char *const keys[] = {"invoice", "amount", NULL};
	size_t i, j, n;
	qs_status st = QS_OK;

	*sum = 0;
	if (!ap) {
		return QS_OK;
	}
	if (json_object_get_type(ap) == json_type_object && json_object_object_length(ap) == 0) {
		return QS_OK;
	}
	list = qsm_as_list(ap, &tmp);
	if (!list) {
		return qsm_verr(v, "applies_to", "applies_to is %s, not a list; send a list of {invoice, amount}", qsm_type_name(ap));
	}
	n = json_object_array_length(list);
	if (n == 0) {
		json_object_put(tmp);
		return QS_OK;
	}
	out = json_object_new_array();
	for (i = 0; i < n; i++) {
		json_object *a = json_object_array_get_idx(list, i), *na;
		char prefix[40], path[64], ref[QS_ID_MAX + 1];
		qs_money amt;
		qsm_index_path(prefix, sizeof(prefix), "applies_to", i);
		if (!a || json_object_get_type(a) != json_type_object) {
			st = qsm_verr(v, prefix, "%s is %s; send {invoice, amount}", prefix, a ? qsm_type_name(a) : "null");
			goto fail;
		}
		if ((st = qsm_check_keys(v, a, keys, prefix)) != QS_OK) {
			goto fail;
		}
		na = json_object_new_object();
		json_object_array_add(out, na);
		if ((st = qsm_req_ref(v, a, "invoice", prefix, "invoice id", na, ref)) != QS_OK ||
			(st = qsm_money_field(v, a, "amount", prefix, na, &amt, NULL)) != QS_OK) {
			goto fail;
		}
		if (amt <= 0) {
			char f[40];
			qs_money_format(amt, v->decimals, f, sizeof(f));
			qsm_fpath(path, sizeof(path), prefix, "amount");
			st = qsm_verr(v, path, "%s.amount is %s; an applied amount must be greater than zero", prefix, f);
			goto fail;
		}
		for (j = 0; j < i; j++) {
			json_object *prev = json_object_array_get_idx(out, j), *pi;
			if (json_object_object_get_ex(prev, "invoice", &pi) && !strcmp(json_object_get_string(pi), ref)) {
				qsm_fpath(path, sizeof(path), prefix, "invoice");
				st = qsm_verr(v, path, "applies_to lists invoice %s twice; send one entry per invoice", ref);
				goto fail;
			}
		}
		if (__builtin_add_overflow(*sum, amt, sum)) {
			st = qsm_verr(v, "applies_to", "applies_to amounts are too large");
			goto fail;
		}
	}
	json_object_put(tmp);
	QS_JSON_ADD(norm, "applies_to", out);
	return QS_OK;
fail:
	json_object_put(tmp);
	json_object_put(out);
	return st;
}

/* ------------------------------------------------------------------ */
qs_status qsm_validate_taxes(vctx *v, json_object *doc, json_object *norm, qs_money *sum, size_t *count,
	char first_tax[QS_ID_MAX + 1])
{
	json_object *tx = qsm_get(doc, "taxes"), *tmp = NULL, *list, *out;
	static const char *const keys[] = {"tax", "rate", "amount", NULL};
	size_t i, n;
	qs_status st = QS_OK;

	*sum = 0;
	*count = 0;
	first_tax[0] = '\0';
	if (!tx || (json_object_get_type(tx) == json_type_object && json_object_object_length(tx) == 0)) {
		return QS_OK;
	}
	list = qsm_as_list(tx, &tmp);
	if (!list) {
		return qsm_verr(v, "taxes", "taxes is %s, not a list; send a list of {tax, rate, amount}", qsm_type_name(tx));
	}
	n = json_object_array_length(list);
	out = json_object_new_array();
	for (i = 0; i < n; i++) {
		json_object *t = json_object_array_get_idx(list, i), *nt, *rate;
		char prefix[32], path[64], ref[QS_ID_MAX + 1];
		qs_money amt;
		qsm_index_path(prefix, sizeof(prefix), "taxes", i);
		if (!t || json_object_get_type(t) != json_type_object) {
			st = qsm_verr(v, prefix, "%s is %s; send {tax, rate, amount}", prefix, t ? qsm_type_name(t) : "null");
			goto fail;
		}
		if ((st = qsm_check_keys(v, t, keys, prefix)) != QS_OK) {
			goto fail;
		}
		nt = json_object_new_object();
		json_object_array_add(out, nt);
		if ((st = qsm_req_ref(v, t, "tax", prefix, "tax id", nt, ref)) != QS_OK) {
			goto fail;
		}
		if (i == 0) {
			memcpy(first_tax, ref, strlen(ref) + 1);
		}
		rate = qsm_get(t, "rate");
		if (rate) {
			int64_t r;
			qsm_fpath(path, sizeof(path), prefix, "rate");
			if ((st = qsm_dec4_field(v, rate, path, &r)) != QS_OK) {
				goto fail;
			}
			if (r < 0) {
				st = qsm_verr(v, path, "%s.rate is negative; send the tax rate in percent", prefix);
				goto fail;
			}
			qsm_put_int(nt, "rate_e4", r);
		}
		if ((st = qsm_money_field(v, t, "amount", prefix, nt, &amt, NULL)) != QS_OK) {
			goto fail;
		}
		if (__builtin_add_overflow(*sum, amt, sum)) {
			st = qsm_verr(v, "taxes", "taxes amounts are too large");
			goto fail;
		}
	}
	json_object_put(tmp);
	if (n > 0) {
		QS_JSON_ADD(norm, "taxes", out);
	} else {
		json_object_put(out);
	}
	*count = n;
	return QS_OK;
fail:
	json_object_put(tmp);
	json_object_put(out);
	return st;
}

/* The reference {"value": id} for a line: the one made for the line before
 * when that has the same id (shared by both lines; the lines of a record
 * mostly name one item and one tax code), else a new one, then remembered. */
static json_object *line_ref(json_object **last, char last_id[32], const char *id)
{
	if (*last && !strcmp(last_id, id)) {
		return json_object_get(*last);
	}
	*last = qsm_ref_json(id);
	qs_strlcpy(last_id, id, 32);
	return *last;
}

/* Line[] of an invoice or credit memo. */
qs_status qsm_map_lines(mctx *m, json_object *norm, json_object *q, bool *any_taxable)
{
	json_object *lines, *out;
	const char *first_tax = NULL;
	json_object *taxes;
	size_t i, n;
	qs_money discount = 0;
	char *disc_desc = NULL;
	json_object *item_ref = NULL, *tax_ref = NULL;
	char item_ref_id[32] = "", tax_ref_id[32] = "";
	qs_status st = QS_OK;

	*any_taxable = false;
	if (json_object_object_get_ex(norm, "taxes", &taxes) && json_object_array_length(taxes) > 0) {
		first_tax = qsm_norm_str(json_object_array_get_idx(taxes, 0), "tax");
	}
	out = json_object_new_array();
	QS_JSON_ADD(q, "Line", out);
	if (!json_object_object_get_ex(norm, "lines", &lines)) {
		return QS_OK;
	}
	n = json_object_array_length(lines);
	for (i = 0; i < n; i++) {
		json_object *ln = json_object_array_get_idx(lines, i), *ql, *det;
		const char *kind = qsm_norm_str(ln, "kind"), *item = qsm_norm_str(ln, "item"), *desc = qsm_norm_str(ln, "description");
		qs_money amount = qsm_norm_int(ln, "amount", 0), expect;
		int64_t qty = qsm_norm_int(ln, "quantity_e4", 10000);
		bool taxable = qsm_norm_bool(ln, "taxable");
		char item_id[32], tax_id[32];

		if (kind && !strcmp(kind, "discount")) {
			/* QBO takes one transaction discount: discount lines are summed */
			discount += amount < 0 ? -amount : amount;
			if (desc && !disc_desc) {
				disc_desc = strdup(desc);
			}
			continue;
		}
		if (kind && !strcmp(kind, "credit") && amount > 0) {
			amount = -amount;
		}
		st = QS_OK;
		if (item) {
			st = qsm_resolve(m, "item", item, false, "", item_id);
			if (st != QS_OK) {
				goto done;
			}
		}
		if (!item || !item_id[0]) {
			if ((st = qsm_resolvef(m, "item", "*", true, item_id, "the fallback item (for lines[%zu], which has %s)", i,
					item ? "an unmapped item" : "no item")) != QS_OK) {
				goto done;
			}
		}
		ql = json_object_new_object();
		json_object_array_add(out, ql);
		QSM_ADD_NEW(ql, "DetailType", json_object_new_string("SalesItemLineDetail"));
		QSM_ADD_NEW(ql, "Amount", qsm_money_json(amount, m->decimals));
		qsm_add_str(ql, "Description", desc);
		det = json_object_new_object();
		QSM_ADD_NEW(ql, "SalesItemLineDetail", det);
		QSM_ADD_NEW(det, "ItemRef", line_ref(&item_ref, item_ref_id, item_id));
		QSM_ADD_NEW(det, "Qty", qsm_dec4_json(qty));
		if (qty == 10000) {
			QSM_ADD_NEW(det, "UnitPrice", qsm_money_json(amount, m->decimals));
		} else if (qsm_norm_has(ln, "unit_price") &&
			qs_money_mul_qty(qsm_norm_int(ln, "unit_price", 0), qty, &expect, NULL) == QS_OK && expect == amount) {
			QSM_ADD_NEW(det, "UnitPrice", qsm_money_json(qsm_norm_int(ln, "unit_price", 0), m->decimals));
		}
		/* else: no UnitPrice; QBO derives it from Amount / Qty */
		if (taxable) {
			*any_taxable = true;
		}
		if (m->ctx->us_company) {
			QSM_ADD_NEW(det, "TaxCodeRef", line_ref(&tax_ref, tax_ref_id, taxable ? QS_QBO_US_TAXABLE : QS_QBO_US_NON_TAXABLE));
		} else {
			const char *lt = qsm_norm_str(ln, "tax");
			const char *local = taxable ? (lt ? lt : (first_tax ? first_tax : "*")) : "exempt";
			if ((st = qsm_resolvef(m, "tax", local, true, tax_id, "tax %s (used by lines[%zu])", local, i)) != QS_OK) {
				goto done;
			}
			QSM_ADD_NEW(det, "TaxCodeRef", line_ref(&tax_ref, tax_ref_id, tax_id));
		}
	}
	if (discount > 0) {
		json_object *ql = json_object_new_object(), *det = json_object_new_object();
		json_object_array_add(out, ql);
		QSM_ADD_NEW(ql, "DetailType", json_object_new_string("DiscountLineDetail"));
		QSM_ADD_NEW(ql, "Amount", qsm_money_json(discount, m->decimals));
		qsm_add_str(ql, "Description", disc_desc);
		QSM_ADD_NEW(det, "PercentBased", json_object_new_boolean(0));
		QSM_ADD_NEW(ql, "DiscountLineDetail", det);
	}
done:
	free(disc_desc);
	return st;
}

/* TxnTaxDetail (when taxes are given) and, outside the US, GlobalTaxCalculation. */
qs_status qsm_map_tax(mctx *m, json_object *norm, json_object *q)
{
	json_object *taxes;
	bool has_taxes = json_object_object_get_ex(norm, "taxes", &taxes) && json_object_array_length(taxes) > 0;
	bool incl = qsm_norm_bool(norm, "tax_inclusive");
	qs_money tax_total = qsm_norm_int(norm, "tax_total", 0);

	if (m->ctx->us_company && incl && tax_total != 0) {
		return qsm_mapping_error(m, QS_EVALIDATION, "tax_inclusive",
			"prices include tax but a US QuickBooks company cannot take tax-inclusive prices; send prices without tax");
	}
	if (!m->ctx->us_company) {
		QS_JSON_ADD(q, "GlobalTaxCalculation", json_object_new_string(incl ? "TaxInclusive" : "TaxExcluded"));
	}
	if (has_taxes) {
		json_object *td = json_object_new_object();
		const char *first = qsm_norm_str(json_object_array_get_idx(taxes, 0), "tax");
		QS_JSON_ADD(q, "TxnTaxDetail", td);
		if (m->ctx->us_company && first) {
			/* US: TxnTaxCodeRef is optional (Automated Sales Tax decides the
			 * rate; TotalTax below keeps the document's amount); the engine
			 * makes an unmapped tax wait (QS_EWAITING), and a QS_ECONFIG
			 * leaves it out */
			char tax_id[32];
			qs_status st;
			st = qsm_resolvef(m, "tax", first, false, tax_id, "tax %s", first);
			if (st == QS_ECONFIG) {
				qs_error_clear(m->e);
				tax_id[0] = '\0';
			} else if (st != QS_OK) {
				return st;
			}
			if (tax_id[0]) {
				QS_JSON_ADD(td, "TxnTaxCodeRef", qsm_ref_json(tax_id));
			}
		}
		QS_JSON_ADD(td, "TotalTax", qsm_money_json(tax_total, m->decimals));
	}
	return QS_OK;
}

/* One SalesItemLine with the fallback item (or another) for the whole amount. */
qs_status qsm_single_line(mctx *m, json_object *q, qs_money amount, const char *desc)
{
	return qsm_single_line_item(m, q, amount, desc, "*", "the fallback item");
}

qs_status qsm_single_line_item(mctx *m, json_object *q, qs_money amount, const char *desc, const char *item_local,
	const char *what)
{
	json_object *lines = json_object_new_array(), *ql = json_object_new_object(), *det = json_object_new_object();
	char item[32];
	qs_status st;

	QS_JSON_ADD(q, "Line", lines);
	json_object_array_add(lines, ql);
	QS_JSON_ADD(ql, "DetailType", json_object_new_string("SalesItemLineDetail"));
	QS_JSON_ADD(ql, "Amount", qsm_money_json(amount, m->decimals));
	qsm_add_str(ql, "Description", desc);
	QS_JSON_ADD(ql, "SalesItemLineDetail", det);
	if ((st = qsm_resolve(m, "item", item_local, true, what, item)) != QS_OK) {
		return st;
	}
	QS_JSON_ADD(det, "ItemRef", qsm_ref_json(item));
	QS_JSON_ADD(det, "Qty", json_object_new_int(1));
	QS_JSON_ADD(det, "UnitPrice", qsm_money_json(amount, m->decimals));
	if (m->ctx->us_company) {
		QS_JSON_ADD(det, "TaxCodeRef", qsm_ref_json(QS_QBO_US_NON_TAXABLE));
	} else {
		char tax[32];
		if ((st = qsm_resolve(m, "tax", "exempt", true, "tax exempt (for untaxed lines)", tax)) != QS_OK) {
			return st;
		}
		QS_JSON_ADD(det, "TaxCodeRef", qsm_ref_json(tax));
	}
	return QS_OK;
}

