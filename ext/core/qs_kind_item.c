/* qs_kind_item: the item kind: its keys, validation and its QBO Item body. */
#include "qs_map_int.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const qsm_item_keys[] = {
	"id", "name", "type", "description", "price", "income_account", NULL
};

qs_status qsm_item_validate(vctx *v, json_object *doc, json_object *norm)
{
	char *name = NULL, *type = NULL, *clean;
	char ref[QS_ID_MAX + 1], q[96];
	qs_money price;
	bool present;
	qs_status st;

	if (!qsm_get(doc, "name")) {
		return qsm_verr(v, "name", "name is missing; send the product or service name");
	}
	if ((st = qsm_opt_text(v, doc, "name", NULL, 0, true, true, "send the product name as text", NULL, &name)) != QS_OK) {
		return st;
	}
	if (!name) {
		return qsm_verr(v, "name", "name is empty; give the product a name in the billing system");
	}
	clean = qsm_clean_line(name, strlen(name), true, true);
	free(name);
	if (!clean) {
		return qs_error_set(v->e, QS_EINTERNAL, "out of memory");
	}
	if (!clean[0]) {
		free(clean);
		return qsm_verr(v, "name", "name has nothing left once ':' and control characters are removed; rename the product");
	}
	if (qsm_utf8_chars(clean, strlen(clean)) > 100) {
		size_t chars = qsm_utf8_chars(clean, strlen(clean));
		qsm_quote(clean, strlen(clean), q, sizeof(q));
		free(clean);
		return qsm_verr(v, "name", "name %s is %zu characters long but QuickBooks allows at most 100; shorten it or map the item to an existing QuickBooks item",
			q, chars);
	}
	qsm_put_str(norm, "name", clean, strlen(clean));
	free(clean);

	if ((st = qsm_opt_text(v, doc, "type", NULL, 0, true, false, "send \"service\" or \"non_inventory\"", NULL, &type)) != QS_OK) {
		return st;
	}
	if (type && strcmp(type, "service") != 0 && strcmp(type, "non_inventory") != 0) {
		qsm_quote(type, strlen(type), q, sizeof(q));
		free(type);
		return qsm_verr(v, "type", "type %s is not \"service\" or \"non_inventory\"; send one of those", q);
	}
	qsm_put_str(norm, "type", type ? type : "service", strlen(type ? type : "service"));
	free(type);
	if ((st = qsm_opt_text(v, doc, "description", NULL, 4000, false, false, "shorten the description", norm, NULL)) != QS_OK ||
		(st = qsm_money_field(v, doc, "price", NULL, norm, &price, &present)) != QS_OK ||
		(st = qsm_opt_ref(v, doc, "income_account", NULL, "income account key from the mappings", norm, ref, NULL)) != QS_OK) {
		return st;
	}
	return QS_OK;
}

qs_status qsm_item_to_qbo(mctx *m, json_object *norm, json_object *q)
{
	char acct[32];
	const char *local = qsm_norm_str(norm, "income_account");
	const char *type = qsm_norm_str(norm, "type");
	qs_status st;

	qsm_add_str(q, "Name", qsm_norm_str(norm, "name"));
	QS_JSON_ADD(q, "Type", json_object_new_string(type && !strcmp(type, "non_inventory") ? "NonInventory" : "Service"));
	qsm_add_str(q, "Description", qsm_norm_str(norm, "description"));
	if (qsm_norm_has(norm, "price")) {
		QS_JSON_ADD(q, "UnitPrice", qsm_money_json(qsm_norm_int(norm, "price", 0), m->decimals));
	}
	st = qsm_resolve(m, "account:income", local ? local : "*", true, local ? "the income account" : "the default income account", acct);
	if (st != QS_OK) {
		return st;
	}
	QS_JSON_ADD(q, "IncomeAccountRef", qsm_ref_json(acct));
	if (!m->ctx->us_company) {
		/* CA/UK/AU companies want an expense account on items too: sent when
		 * "account:expense" resolves, else left to QBO (which then says so) */
		st = qsm_resolve(m, "account:expense", "*", false, "the expense account", acct);
		if (st != QS_OK) {
			return st;
		}
		if (acct[0]) {
			QS_JSON_ADD(q, "ExpenseAccountRef", qsm_ref_json(acct));
		}
	}
	return QS_OK;
}

