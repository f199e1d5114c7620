/* qs_map: the entry points for canonical billing documents (shared/CANONICAL.md):
 * validation and normalisation (messages name the record, the field and the fix),
 * the dependency list, and the mapping of a normalised document
 * to QBO JSON. Each kind's own rules live in qs_kind_<kind>.c and are reached
 * through the kind table (qs_kind.c); generic field parsing is qs_map_field.c,
 * generic QBO JSON building qs_map_qbo.c, lines/taxes/applications qs_map_lines.c.
 *
 * Normalised documents (what qs_map_validate returns and the engine stores):
 *   - keys in a fixed order, whatever the input order, so the stored text is
 *     stable (an unchanged document is recognised by it);
 *   - "id" and every reference to another record as strings;
 *   - money as json ints of minor units of the document's currency (else the
 *     home currency); quantities and tax rates as ints scaled by 10^4 under
 *     "<key>_e4" ("quantity_e4", "rate_e4");
 *   - single-line text trimmed, control characters turned into spaces, empty
 *     optional text dropped; null optional values are treated as absent;
 *   - line paths in messages and e->element are 0-based, like PHP list keys.
 *
 * The invoice rounding rule (CANONICAL.md "subtotal, tax_total, total"):
 *   Let S = the sum of the line amounts (discount and credit lines count
 *   negative whatever their sign), n = the number of lines, t = the number of
 *   entries in taxes.
 *   1. When taxes is given, tax_total may differ from the sum of the taxes by at
 *      most t minor units; tax_total wins.
 *   2. subtotal may differ from S by at most n minor units (tax_inclusive: from S
 *      or from S - tax_total).
 *   3. total may differ from S + tax_total (tax_inclusive: from S) by at most n
 *      minor units.
 *   Anything larger is a validation error. Within the tolerance the document's
 *   total and tax_total win: the difference D = total - tax_total - S
 *   (tax_inclusive: total - S) is spread one minor unit at a time over the sale
 *   and late-fee lines, those with quantity 1 first, then by largest absolute
 *   amount (ties: earlier line), so
 *   that QuickBooks computes exactly the document's total. Such a line's amount
 *   then no longer equals quantity x unit_price; the QBO line gets UnitPrice =
 *   Amount when the quantity is 1, else no UnitPrice (QBO derives it).
 *   Tax: the document's tax_total goes out as TxnTaxDetail.TotalTax (when taxes
 *   are given) with the mapped TaxCode; QBO (and the local sandbox) compute the
 *   tax from that TaxCode's rates, so QBO's total equals the document's only
 *   when the mapped TaxCode has the billing system's rate.
 *   A credit note with lines follows rules 2-3 with amount as its total.
 */
#include "qs_map_int.h"
#include "qs_kind.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool qs_map_kind_known(const char *kind)
{
	return qs_kind_is_document(kind);
}

/* ------------------------------------------------------------------ */
/* the entry point                                                      */

qs_status qs_map_validate(const char *kind, json_object *doc, const char *home_currency,
	json_object **norm, qs_error *e)
{
	vctx v;
	json_object *out, *idv;
	const qs_kind *k = qs_kind_find(kind);
	char path[256];
	char cur[4];
	qs_status st;

	*norm = NULL;
	memset(&v, 0, sizeof(v));
	v.e = e;
	if (!k || !k->label) {   /* not a document kind (qs_map_kind_known) */
		char q[96];
		qsm_quote(kind ? kind : "", kind ? strlen(kind) : 0, q, sizeof(q));
		if (e) {
			qs_error_clear(e);
			qs_strlcpy(e->element, "kind", sizeof(e->element));
		}
		return qs_error_set(e, QS_EVALIDATION,
			"Unknown record kind %s; send one of customer, item, invoice, payment, refund, credit, writeoff", q);
	}
	v.kind = kind;
	v.title = k->label;
	if (!doc || json_object_get_type(doc) != json_type_object) {
		if (doc && json_object_get_type(doc) == json_type_array && json_object_array_length(doc) == 0) {
			return qsm_verr(&v, "id", "the document is empty; send the %s's fields, starting with its id", kind);
		}
		return qsm_verr(&v, "", "the document is %s, not an array of fields; send the %s as an array with an id",
			doc ? qsm_type_name(doc) : "null", kind);
	}
	idv = qsm_get(doc, "id");
	if (!idv) {
		return qsm_verr(&v, "id", "id is missing; send the %s's id in the billing system", kind);
	}
	/* a bad id leaves record_id empty: the id itself is what is wrong */
	if (qsm_parse_ref(&v, idv, "id", "id", v.id) != QS_OK) {
		return QS_EVALIDATION;
	}
	{
		long bad = qsm_utf8_bad_offset(v.id, strlen(v.id));
		if (bad >= 0) {
			char q[96];
			unsigned char b = (unsigned char)v.id[bad];
			qsm_quote(v.id, strlen(v.id), q, sizeof(q));
			v.id[0] = '\0';
			return qsm_verr(&v, "id", "id %s is not valid UTF-8 (byte 0x%02X at position %ld); send the id encoded as UTF-8",
				q, b, bad);
		}
	}
	path[0] = '\0';
	if (!qsm_utf8_checked(doc) && qsm_scan_utf8(&v, doc, path, 0, sizeof(path)) != QS_OK) {
		return QS_EVALIDATION;
	}
	if (qsm_check_keys(&v, doc, k->keys, NULL) != QS_OK) {
		return QS_EVALIDATION;
	}

	out = json_object_new_object();
	if (!out) {
		return qs_error_set(e, QS_EINTERNAL, "out of memory");
	}
	qsm_put_str(out, "id", v.id, strlen(v.id));
	/* money decimals: the document's currency, else the home currency, else 2 */
	v.currency = home_currency && *home_currency ? home_currency : "USD";
	v.decimals = qs_currency_decimals(v.currency);
	cur[0] = '\0';
	if (k->doc_currency) {
		if ((st = qsm_currency_field(&v, doc, out, cur)) != QS_OK) {
			json_object_put(out);
			return st;
		}
		if (cur[0]) {
			v.currency = cur;
			v.decimals = qs_currency_decimals(cur);
		}
	}
	st = k->validate(&v, doc, out);
	if (st != QS_OK) {
		json_object_put(out);
		return st;
	}
	*norm = out;
	return QS_OK;
}

/* ------------------------------------------------------------------ */
/* dependencies                                                         */

qs_status qs_map_dependencies(const char *kind, json_object *norm, qs_dep_cb cb, void *ud, qs_error *e)
{
	qs_kind_id kind_id = qs_kind_of(kind);
	const char *c;
	json_object *arr;
	size_t i, j, n;
	qs_status st;

	if (kind_id == QS_KIND_CUSTOMER || kind_id == QS_KIND_ITEM) {
		return QS_OK;
	}
	c = qsm_norm_str(norm, "customer");
	if (c && (st = cb(ud, "customer", c, e)) != QS_OK) {
		return st;
	}
	if (json_object_object_get_ex(norm, "lines", &arr)) {
		n = json_object_array_length(arr);
		for (i = 0; i < n; i++) {
			const char *item = qsm_norm_str(json_object_array_get_idx(arr, i), "item");
			bool seen = false;
			if (!item) {
				continue;
			}
			for (j = 0; j < i && !seen; j++) {
				const char *prev = qsm_norm_str(json_object_array_get_idx(arr, j), "item");
				seen = prev && !strcmp(prev, item);
			}
			if (!seen && (st = cb(ud, "item", item, e)) != QS_OK) {
				return st;
			}
		}
	}
	if (json_object_object_get_ex(norm, "applies_to", &arr)) {
		n = json_object_array_length(arr);
		for (i = 0; i < n; i++) {
			const char *inv = qsm_norm_str(json_object_array_get_idx(arr, i), "invoice");
			if (inv && (st = cb(ud, "invoice", inv, e)) != QS_OK) {
				return st;
			}
		}
	}
	return QS_OK;
}

qs_status qs_map_to_qbo(const char *kind, json_object *norm, const qs_map_ctx *ctx,
	const char **entity, json_object **qbo, qs_error *e)
{
	mctx m;
	json_object *q;
	const char *cur, *id;
	const qs_kind *k;
	qs_status st;

	*qbo = NULL;
	if (entity) {
		*entity = NULL;
	}
	if (!qs_map_kind_known(kind) || !norm || json_object_get_type(norm) != json_type_object || !ctx) {
		return qs_error_set(e, QS_EINTERNAL, "qs_map_to_qbo: not a normalised %s document", kind ? kind : "(null)");
	}
	id = qsm_norm_str(norm, "id");
	memset(&m, 0, sizeof(m));
	m.ctx = ctx;
	m.kind = kind;
	k = qs_kind_find(kind);
	m.title = k->label;
	m.id = id ? id : "";
	m.e = e;
	cur = qsm_norm_str(norm, "currency");
	m.decimals = qs_currency_decimals(cur ? cur : (ctx->home_currency ? ctx->home_currency : "USD"));
	q = json_object_new_object();
	if (!q) {
		return qs_error_set(e, QS_EINTERNAL, "out of memory");
	}
	st = k->to_qbo(&m, norm, q);
	if (st != QS_OK) {
		json_object_put(q);
		return st;
	}
	if (entity) {
		*entity = k->entity;
	}
	*qbo = q;
	return QS_OK;
}
