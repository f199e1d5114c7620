/* qs_engine_account: QBO accounts by purpose. Each purpose takes accounts of
 * certain types (income: Income; deposit: Bank or Undeposited Funds; refund:
 * a cash account, Bank or Undeposited Funds; payout: Bank; fee: Expense or
 * Other Expense; expense: Cost of Goods Sold, Expense or Other Expense;
 * writeoff: Income or Other Income), checked when an account is mapped; "auto"
 * takes the first active account of the purpose's kind and creates one when
 * QBO has none (writeoff: only one named "Bad Debts"); "create" makes one whose name is unique
 * ("Undeposited Funds 1", "... 2" when the name is taken); a refund account
 * may be "the same account as payments" (qbo_id "deposit"). Non-US items need
 * an expense account, write-off items a writeoff account: the one mapped,
 * else found or made, remembered. */
#include "qs_engine_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct purpose_rule {
	const char *purpose;
	const char *types[3];       /* AccountType values it takes (NULL-padded) */
	bool undeposited_ok;        /* Other Current Asset of subtype UndepositedFunds too */
	const char *what;           /* in messages */
	const char *create_type;    /* AccountType of one made by "create"/"auto" */
	const char *create_subtype; /* its AccountSubType, or NULL for QBO's default */
	const char *create_name;    /* its name unless one is given */
	bool by_name;               /* "auto" takes only an account of that name (any other of
	                             * the types books something else), else makes one */
} purpose_rule;

static const purpose_rule rules[] = {
	{"income", {"Income", "Other Income", NULL}, false, "the income account of items", "Income", NULL, "Sales", false},
	{"deposit", {"Bank", NULL, NULL}, true, "the account payments are deposited to", "Other Current Asset", "UndepositedFunds", "Undeposited Funds", false},
	{"refund", {"Bank", NULL, NULL}, true, "the account refunds are paid from", "Bank", NULL, "Refunds", false},
	{"payout", {"Bank", NULL, NULL}, false, "the bank account gateway payouts reach", "Bank", NULL, "Payouts", false},
	{"fee", {"Expense", "Other Expense", NULL}, false, "the expense account of gateway fees", "Expense", NULL, "Merchant Fees", false},
	{"expense", {"Cost of Goods Sold", "Expense", "Other Expense"}, false, "the expense account of items", "Cost of Goods Sold", NULL, "Cost of Sales", false},
	/* the write-off item's income account: QBO's API takes Income accounts there
	 * (API.md, the stricter reading), so bad debt is a contra-income account */
	{"writeoff", {"Income", "Other Income", NULL}, false, "the account written-off invoices (bad debt) are booked to", "Income",
		"DiscountsRefundsGiven", "Bad Debts", true},
};

static const purpose_rule *rule_of(const char *purpose)
{
	size_t i;
	for (i = 0; purpose && i < sizeof(rules) / sizeof(rules[0]); i++) {
		if (!strcmp(rules[i].purpose, purpose)) {
			return &rules[i];
		}
	}
	return NULL;
}

bool qse_account_purpose_ok(const char *purpose)
{
	return rule_of(purpose) != NULL;
}

static bool type_fits(const purpose_rule *p, json_object *acct)
{
	const char *t = qse_jstr(acct, "AccountType"), *sub = qse_jstr(acct, "AccountSubType");
	size_t i;
	if (!t) {
		return false;
	}
	for (i = 0; i < 3 && p->types[i]; i++) {
		if (!strcmp(t, p->types[i])) {
			return true;
		}
	}
	return p->undeposited_ok && !strcmp(t, "Other Current Asset") && sub && !strcmp(sub, "UndepositedFunds");
}

qs_status qse_account_check(const char *purpose, const char *local_id, json_object *acct, qs_error *e)
{
	const purpose_rule *p = rule_of(purpose);
	json_object *active = qse_jget(acct, "Active");
	const char *id = qse_jstr(acct, "Id") ? qse_jstr(acct, "Id") : "", *name = qse_jstr(acct, "Name") ? qse_jstr(acct, "Name") : "";
	const char *type = qse_jstr(acct, "AccountType") ? qse_jstr(acct, "AccountType") : "?";
	if (!p) {
		return qs_error_set(e, QS_EVALIDATION, "Unknown account purpose '%.32s'", purpose ? purpose : "");
	}
	if (active && !json_object_get_boolean(active)) {
		return qs_error_set(e, QS_EVALIDATION, "Account %s (%s) cannot be %s: QuickBooks account %s (\"%s\") is inactive; make it active or map another",
			local_id, purpose, p->what, id, name);
	}
	if (type_fits(p, acct)) {
		return QS_OK;
	}
	if (!strcmp(purpose, "refund") || !strcmp(purpose, "deposit")) {
		return qs_error_set(e, QS_EVALIDATION, "Account %s (%s) cannot be %s: QuickBooks account %s (\"%s\") is of type %s, and "
			"money is %s a cash account only (Bank, or Undeposited Funds); map a Bank account%s",
			local_id, purpose, p->what, id, name, type, !strcmp(purpose, "refund") ? "paid from" : "received into",
			!strcmp(purpose, "refund") ? ", or use the same account as payments: qbo_map($conn, 'account', '*', 'deposit', ['purpose' => 'refund'])" : "");
	}
	return qs_error_set(e, QS_EVALIDATION, "Account %s (%s) cannot be %s: QuickBooks account %s (\"%s\") is of type %s; map an account of type %s%s%s",
		local_id, purpose, p->what, id, name, type, p->types[0], p->types[1] ? " or " : "", p->types[1] ? p->types[1] : "");
}

/* A name no QBO account (active or not) has: base, else "base 1", "base 2"... */
static qs_status unique_name(qs_engine *eng, const char *base, char out[128], qs_error *e)
{
	int i;
	for (i = 0; i < 100; i++) {
		json_object *rows = NULL;
		qs_status r;
		if (i == 0) {
			snprintf(out, 128, "%.100s", base);
		} else {
			snprintf(out, 128, "%.96s %d", base, i);
		}
		r = qse_find_by(eng, "Account", "Name", out, true, &rows, e);
		if (r != QS_OK) {
			json_object_put(rows);
			return r;
		}
		if (!qse_first_row(rows)) {
			json_object_put(rows);
			return QS_OK;
		}
		json_object_put(rows);
	}
	return qs_error_set(e, QS_EVALIDATION, "QuickBooks has accounts named \"%.100s\" up to \"%.100s 99\"; pass another ['name' => ...]", base, base);
}

qs_status qse_account_create(qs_engine *eng, const char *purpose, const char *local_id, const char *name,
	json_object **row, qs_error *e)
{
	const purpose_rule *p = rule_of(purpose);
	char uname[128], rid[64];
	json_object *body;
	qs_status r;
	*row = NULL;
	if (!p) {
		return qs_error_set(e, QS_EVALIDATION, "Unknown account purpose '%.32s'", purpose ? purpose : "");
	}
	r = unique_name(eng, name && *name ? name : p->create_name, uname, e);
	if (r != QS_OK) {
		return r;
	}
	body = json_object_new_object();
	json_object_object_add(body, "Name", json_object_new_string(uname));
	json_object_object_add(body, "AccountType", json_object_new_string(p->create_type));
	if (p->create_subtype) {
		json_object_object_add(body, "AccountSubType", json_object_new_string(p->create_subtype));
	}
	qse_make_rid(rid, eng->realm, "map", "account", local_id, purpose, uname, NULL);
	r = qse_api(eng, OP_CREATE, "Account", body, NULL, NULL, rid, NULL, row, e);
	json_object_put(body);
	if (r == QS_OK) {
		qse_log_msg(eng, "info", "account", local_id, "Created QBO account \"%s\" (%s) for %s", uname, p->create_type, p->what);
	}
	return r;
}

/* The first active account of the purpose's types, in the order they are listed. */
static qs_status first_of(qs_engine *eng, const purpose_rule *p, json_object **row, qs_error *e)
{
	size_t i;
	*row = NULL;
	for (i = 0; i < 4; i++) {
		json_object *rows = NULL, *first;
		const char *type = i < 3 ? p->types[i] : (p->undeposited_ok ? "Other Current Asset" : NULL);
		qs_status r;
		size_t j, n;
		if (!type) {
			continue;
		}
		r = qse_find_by(eng, "Account", "AccountType", type, false, &rows, e);
		if (r != QS_OK) {
			json_object_put(rows);
			return r;
		}
		n = rows && json_object_is_type(rows, json_type_array) ? json_object_array_length(rows) : 0;
		for (j = 0; j < n; j++) {
			first = json_object_array_get_idx(rows, j);
			if (type_fits(p, first) && qse_jstr(first, "Id")) {
				*row = json_object_get(first);
				json_object_put(rows);
				return QS_OK;
			}
		}
		json_object_put(rows);
	}
	return QS_OK;
}

qs_status qse_account_auto(qs_engine *eng, const char *purpose, const char *local_id, const char *name,
	json_object **row, qs_error *e)
{
	const purpose_rule *p = rule_of(purpose);
	qs_status r;
	*row = NULL;
	if (!p) {
		return qs_error_set(e, QS_EVALIDATION, "Unknown account purpose '%.32s'", purpose ? purpose : "");
	}
	if (name && *name) {
		json_object *rows = NULL;
		r = qse_find_by(eng, "Account", "Name", name, false, &rows, e);
		if (r == QS_OK && qse_first_row(rows)) {
			*row = json_object_get(qse_first_row(rows));
		}
		json_object_put(rows);
		if (r != QS_OK || *row) {
			return r;
		}
		return qse_account_create(eng, purpose, local_id, name, row, e);
	}
	if (p->by_name) {
		/* "Bad Debts", else "Bad Debts 1"... (one made before beside an account of
		 * that name and another type) when of a fitting type; else one is made */
		int i;
		for (i = 0; i < 100; i++) {
			json_object *rows = NULL, *found;
			char nm[128];
			if (i == 0) {
				snprintf(nm, sizeof(nm), "%.100s", p->create_name);
			} else {
				snprintf(nm, sizeof(nm), "%.96s %d", p->create_name, i);
			}
			r = qse_find_by(eng, "Account", "Name", nm, true, &rows, e);
			found = r == QS_OK ? qse_first_row(rows) : NULL;
			if (found && type_fits(p, found) && !(qse_jget(found, "Active") && !json_object_get_boolean(qse_jget(found, "Active")))) {
				*row = json_object_get(found);
			}
			json_object_put(rows);
			if (r != QS_OK || *row || !found) {
				break;
			}
		}
		if (r != QS_OK || *row) {
			return r;
		}
		return qse_account_create(eng, purpose, local_id, NULL, row, e);   /* a unique name */
	}
	r = first_of(eng, p, row, e);
	if (r != QS_OK || *row) {
		return r;
	}
	/* QBO has none: one is made (a unique name) */
	return qse_account_create(eng, purpose, local_id, NULL, row, e);
}

qs_status qse_account_same_as_payments(qs_engine *eng, const char *local_id, json_object **row, qs_error *e)
{
	qs_mapping m;
	bool found = false;
	qs_status r = qs_store_map_get(eng->store, eng->conn_key, "account", local_id, "deposit", &m, &found, e);
	*row = NULL;
	if (r == QS_OK && !found && strcmp(local_id, "*") != 0) {
		r = qs_store_map_get(eng->store, eng->conn_key, "account", "*", "deposit", &m, &found, e);
	}
	if (r != QS_OK) {
		return r;
	}
	if (found) {
		return qse_api(eng, OP_READ, "Account", NULL, m.qbo_id, NULL, NULL, NULL, row, e);
	}
	/* payments go to QBO's default, Undeposited Funds */
	{
		json_object *rows = NULL;
		r = qse_find_by(eng, "Account", "AccountSubType", "UndepositedFunds", false, &rows, e);
		if (r == QS_OK && qse_first_row(rows)) {
			*row = json_object_get(qse_first_row(rows));
		}
		json_object_put(rows);
		if (r == QS_OK && !*row) {
			r = qse_account_create(eng, "deposit", local_id, NULL, row, e);
		}
	}
	return r;
}

qs_status qse_expense_account(qs_engine *eng, char out[32], qs_error *e)
{
	return qse_purpose_account(eng, "expense", out, e);
}

qs_status qse_purpose_account(qs_engine *eng, const char *purpose, char out[32], qs_error *e)
{
	qs_mapping m;
	bool found = false;
	json_object *row = NULL;
	qs_status r = qs_store_map_get(eng->store, eng->conn_key, "account", "*", purpose, &m, &found, e);
	out[0] = '\0';
	if (r == QS_OK && !found) {
		r = qs_store_map_any(eng->store, eng->conn_key, "account", purpose, &m, &found, e);
	}
	if (r != QS_OK) {
		return r;
	}
	if (found) {
		qs_strlcpy(out, m.qbo_id, 32);
		return QS_OK;
	}
	r = qse_account_auto(eng, purpose, "*", NULL, &row, e);
	if (r == QS_OK && qse_jstr(row, "Id")) {
		memset(&m, 0, sizeof(m));
		qs_strlcpy(m.kind, "account", sizeof(m.kind));
		qs_strlcpy(m.local_id, "*", sizeof(m.local_id));
		qs_strlcpy(m.purpose, purpose, sizeof(m.purpose));
		qs_strlcpy(m.qbo_id, qse_jstr(row, "Id"), sizeof(m.qbo_id));
		qs_strlcpy(m.name, qse_jstr(row, "Name") ? qse_jstr(row, "Name") : "", sizeof(m.name));
		m.created = qs_store_now();
		r = qs_store_map_put(eng->store, eng->conn_key, &m, e);
		qs_strlcpy(out, m.qbo_id, 32);
	}
	json_object_put(row);
	return r;
}
