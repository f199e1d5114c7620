/* qs_engine_currency: the engine's side of multi-currency. Before a record in
 * a currency other than the home currency is sent: the QBO company must have
 * multi-currency on and that currency active in its list (Preferences and
 * CompanyCurrency, read once per process and read again before refusing); a
 * transaction's customer must be in the same currency; a foreign transaction
 * carries an ExchangeRate (the document's, else QBO's rate for its date). A
 * customer linked to a QBO customer kept in another currency is refused.
 * Each refusal is a QS_ECONFIG error naming the record, the currency and the
 * fix, raised before anything is written. */
#include "qs_engine_int.h"
#include "qbo/qs_qbo_limits.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *home_of(qs_engine *eng)
{
	return eng->home_currency[0] ? eng->home_currency : "USD";
}

/* Reads Preferences.CurrencyPrefs and the active CompanyCurrency codes. */
static qs_status read_company_currencies(qs_engine *eng, qs_error *e)
{
	json_object *prefs = NULL, *rows = NULL, *cp, *v;
	qs_status r;
	size_t i, n, cap = 2, len = 0;
	char *codes, query[96];

	r = qse_api(eng, OP_GET, "Preferences", NULL, NULL, NULL, NULL, NULL, &prefs, e);
	if (r != QS_OK) {
		return r;
	}
	cp = qse_jget(prefs, "CurrencyPrefs");
	v = qse_jget(cp, "MultiCurrencyEnabled");
	eng->mc_state = v && json_object_get_boolean(v) ? 1 : -1;
	v = qse_jget(qse_jget(cp, "HomeCurrency"), "value");
	qs_strlcpy(eng->mc_home, v && json_object_is_type(v, json_type_string) ? json_object_get_string(v) : "",
		sizeof(eng->mc_home));
	json_object_put(prefs);
	free(eng->mc_codes);
	eng->mc_codes = NULL;
	if (eng->mc_state < 0) {
		return QS_OK;
	}
	snprintf(query, sizeof(query), "select * from CompanyCurrency where Active = true maxresults %d", QS_QBO_PAGE);
	r = qse_api(eng, OP_QUERY, NULL, NULL, NULL, NULL, NULL, query, &rows, e);
	if (r != QS_OK) {
		eng->mc_state = 0;
		return r;
	}
	n = rows && json_object_is_type(rows, json_type_array) ? json_object_array_length(rows) : 0;
	cap += n * 4;
	codes = malloc(cap);
	if (!codes) {
		json_object_put(rows);
		eng->mc_state = 0;
		return qs_error_set(e, QS_EINTERNAL, "Out of memory");
	}
	codes[len++] = ' ';
	for (i = 0; i < n; i++) {
		const char *c = qse_jstr(json_object_array_get_idx(rows, i), "Code");
		if (c && strlen(c) == 3) {
			memcpy(codes + len, c, 3);
			len += 3;
			codes[len++] = ' ';
		}
	}
	codes[len] = '\0';
	eng->mc_codes = codes;
	json_object_put(rows);
	return QS_OK;
}

static bool code_listed(const qs_engine *eng, const char *code)
{
	char needle[6];
	if (!eng->mc_codes || strlen(code) != 3) {
		return false;
	}
	snprintf(needle, sizeof(needle), " %s ", code);
	return strstr(eng->mc_codes, needle) != NULL;
}

/* Can the company book in code? Reads the company once, and again before a no. */
static qs_status company_takes(qs_engine *eng, const qs_entity *en, const char *code, qs_error *e)
{
	qs_status r;
	int pass;
	for (pass = 0; pass < 2; pass++) {
		if (eng->mc_state == 0 || pass == 1) {
			r = read_company_currencies(eng, e);
			if (r != QS_OK) {
				return r;
			}
		}
		if (eng->mc_state > 0 && (code_listed(eng, code) || (eng->mc_home[0] && !strcasecmp(eng->mc_home, code)))) {
			return QS_OK;
		}
	}
	if (eng->mc_state < 0) {
		return qs_error_set(e, QS_ECONFIG,
			"%s %s: its currency is %s but the QuickBooks company has multi-currency off (home currency %s); turn multi-currency on in "
			"QuickBooks (Settings \xE2\x80\xBA Account and settings \xE2\x80\xBA Advanced \xE2\x80\xBA Currency) and add %s to its currencies, "
			"then send it again with qbo_resend()",
			qse_entity_label(en->kind), en->id, code, eng->mc_home[0] ? eng->mc_home : home_of(eng), code);
	}
	return qs_error_set(e, QS_ECONFIG,
		"%s %s: its currency is %s, which the QuickBooks company does not have (or has made inactive); add %s in QuickBooks "
		"(Settings \xE2\x80\xBA Currencies), then send it again with qbo_resend()",
		qse_entity_label(en->kind), en->id, code, code);
}

/* The currency the billing system keeps the transaction's customer in. */
static qs_status customer_currency(qs_engine *eng, const char *cust_id, char out[8], qs_error *e)
{
	qs_entity c;
	json_object *doc;
	qs_status r;
	memset(&c, 0, sizeof(c));
	out[0] = '\0';
	r = qs_store_entity_get(eng->store, eng->conn_key, "customer", cust_id, &c, e);
	if (r == QS_OK && c.exists && c.doc && (doc = json_tokener_parse(c.doc)) != NULL) {
		const char *cur = qse_jstr(doc, "currency");
		qs_strlcpy(out, cur ? cur : home_of(eng), 8);
		json_object_put(doc);
	}
	qs_entity_clear(&c);
	return r;
}

/* QBO's rate for code on date (home units per unit of code), into body. */
static qs_status fetch_rate(qs_engine *eng, const qs_entity *en, const char *code, const char *date, json_object *body,
	qs_error *e)
{
	char params[64];
	json_object *xr = NULL, *rate;
	qs_status r;
	if (date && strlen(date) == 10) {
		snprintf(params, sizeof(params), "sourcecurrencycode=%s&asofdate=%s", code, date);
	} else {
		snprintf(params, sizeof(params), "sourcecurrencycode=%s", code);
	}
	r = qse_api(eng, OP_GET, "ExchangeRate", NULL, NULL, NULL, NULL, params, &xr, e);
	if (r != QS_OK) {
		return r;
	}
	rate = qse_jget(xr, "Rate");
	if (!rate || (!json_object_is_type(rate, json_type_double) && !json_object_is_type(rate, json_type_int))
			|| json_object_get_double(rate) <= 0) {
		json_object_put(xr);
		return qs_error_set(e, QS_ECONFIG,
			"%s %s: QuickBooks has no exchange rate for %s on %s; send exchange_rate with the document, or enter the rate in "
			"QuickBooks (Settings \xE2\x80\xBA Currencies), then send it again with qbo_resend()",
			qse_entity_label(en->kind), en->id, code, date ? date : "its date");
	}
	json_object_object_add(body, "ExchangeRate", json_object_get(rate));
	json_object_put(xr);
	return QS_OK;
}

qs_status qse_currency_prepare(qs_engine *eng, const qs_entity *en, json_object *norm, json_object *body, qs_error *e)
{
	const char *code = qse_jstr(norm, "currency");
	qs_status r;
	if (en->kind_id == QS_KIND_ITEM) {
		return QS_OK;
	}
	if (!code || !strcasecmp(code, home_of(eng))) {
		/* a home-currency transaction: once this process has seen the company
		 * take foreign currencies, its customer is checked to be in it too */
		if (eng->mc_state > 0 && en->kind_id != QS_KIND_CUSTOMER && qse_jstr(norm, "customer")) {
			char cc[8];
			r = customer_currency(eng, qse_jstr(norm, "customer"), cc, e);
			if (r == QS_OK && cc[0] && strcasecmp(cc, home_of(eng))) {
				return qs_error_set(e, QS_ECONFIG,
					"%s %s: it is in %s (no currency given) but its customer %s is in %s; QuickBooks keeps every transaction in "
					"its customer's currency: send the %s with currency %s (and its exchange_rate), then push it again",
					qse_entity_label(en->kind), en->id, home_of(eng), qse_jstr(norm, "customer"), cc, en->kind, cc);
			}
			return r;
		}
		return QS_OK;
	}
	r = company_takes(eng, en, code, e);
	if (r != QS_OK || en->kind_id == QS_KIND_CUSTOMER) {
		return r;
	}
	if (qse_jstr(norm, "customer")) {
		char cc[8];
		r = customer_currency(eng, qse_jstr(norm, "customer"), cc, e);
		if (r != QS_OK) {
			return r;
		}
		if (cc[0] && strcasecmp(cc, code)) {
			return qs_error_set(e, QS_ECONFIG,
				"%s %s: it is in %s but its customer %s is in %s; QuickBooks keeps every transaction in its customer's currency: "
				"send the %s in %s (or the customer in %s), then push it again",
				qse_entity_label(en->kind), en->id, code, qse_jstr(norm, "customer"), cc, en->kind, cc, code);
		}
	}
	if (!qse_jget(body, "ExchangeRate")) {
		return fetch_rate(eng, en, code, qse_jstr(body, "TxnDate"), body, e);
	}
	return QS_OK;
}

qs_status qse_currency_adopt(qs_engine *eng, const qs_entity *en, json_object *body, json_object *found, qs_error *e)
{
	const char *want = qse_jstr(qse_jget(body, "CurrencyRef"), "value");
	const char *have = qse_jstr(qse_jget(found, "CurrencyRef"), "value");
	if (!want) {
		want = home_of(eng);
	}
	if (!have) {
		have = eng->mc_home[0] ? eng->mc_home : home_of(eng);
	}
	if (!strcasecmp(want, have)) {
		return QS_OK;
	}
	return qs_error_set(e, QS_ECONFIG,
		"Customer %s: QuickBooks customer \"%.200s\" (Id %s) has the same name or email but is kept in %s, the billing customer in %s, "
		"and QuickBooks cannot change a customer's currency: map customer %s to a QuickBooks customer in %s with "
		"qbo_map('customer', '%s', <QuickBooks Id>), or rename the one in QuickBooks so a new customer in %s is made, then push it again",
		en->id, qse_jstr(found, "DisplayName") ? qse_jstr(found, "DisplayName") : "", qse_jstr(found, "Id") ? qse_jstr(found, "Id") : "?",
		have, want, en->id, want, en->id, want);
}
