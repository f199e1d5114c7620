/* qs_engine_map: qbo_map and friends: linking local records (customer, item,
 * tax, payment_method, account by purpose, term, currency) to QBO records by
 * an Id checked in QBO, by "auto" lookup, or by "create"; listing; removal;
 * a customer's records judged again when its start date changes (the rule is
 * qs_engine_start.c's). Accounts are found, made and checked by
 * qs_engine_account.c. */
#include "qs_engine_int.h"
#include "qs_verify.h"
#include "qbo/qs_qbo_tax.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

/* ------------------------------------------------------------------ mappings */

static bool map_kind_ok(qs_kind_id kind_id)
{
	/* customers, items and the kinds that are only mapped (no label) */
	const qs_kind *k = qs_kind_get(kind_id);
	return kind_id == QS_KIND_CUSTOMER || kind_id == QS_KIND_ITEM || (k && !k->label);
}

static json_object *mapping_json(const qs_mapping *m)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "kind", json_object_new_string(m->kind));
	json_object_object_add(o, "local_id", json_object_new_string(m->local_id));
	json_object_object_add(o, "qbo_id", json_object_new_string(m->qbo_id));
	json_object_object_add(o, "name", qse_jstr_new(m->name));
	json_object_object_add(o, "purpose", qse_jstr_new(m->purpose));
	json_object_object_add(o, "created", qse_jtime(m->created));
	if (qs_kind_of(m->kind) == QS_KIND_CUSTOMER) {
		json_object_object_add(o, "start_date", qse_jstr_new(m->start_date));
	}
	return o;
}

static const char *name_of(json_object *row)
{
	const char *n = qse_jstr(row, "DisplayName");
	return n ? n : qse_jstr(row, "Name");
}

/* Can QBO charge this TaxCode on invoices for local tax local_id? It must be
 * active and have at least one sales rate; "exempt" (the code of untaxed lines)
 * must come to 0 %; a rate given as extra ['rate' => '7'] must be the code's.
 * The reason is the QS_EVALIDATION message. */
static qs_status check_tax_code(qs_engine *eng, const char *local_id, json_object *code, json_object *extra,
	qs_error *e)
{
	json_object *list = qse_jget(qse_jget(code, "SalesTaxRateList"), "TaxRateDetail"), *active = qse_jget(code, "Active");
	const char *id = qse_jstr(code, "Id") ? qse_jstr(code, "Id") : "", *name = qse_jstr(code, "Name") ? qse_jstr(code, "Name") : "";
	size_t i, n = list && json_object_is_type(list, json_type_array) ? json_object_array_length(list) : 0;
	qs_money sum = 0, want = 0;
	json_object *rate = qse_jget(extra, "rate");
	char a[32], b[32];

	if (active && !json_object_get_boolean(active)) {
		return qs_error_set(e, QS_EVALIDATION, "Tax %s cannot map to QuickBooks tax code %s (\"%s\"): it is inactive; make it active in QuickBooks or map another code",
			local_id, id, name);
	}
	if (n == 0) {
		return qs_error_set(e, QS_EVALIDATION, "Tax %s cannot map to QuickBooks tax code %s (\"%s\"): it has no sales tax rate, so QuickBooks cannot charge it on invoices; map a code with a sales rate",
			local_id, id, name);
	}
	for (i = 0; i < n; i++) {
		const char *rid = qse_jstr(qse_jget(json_object_array_get_idx(list, i), "TaxRateRef"), "value");
		json_object *tr = NULL;
		qs_money v;
		qs_status r = rid ? qse_api(eng, OP_READ, "TaxRate", NULL, rid, NULL, NULL, NULL, &tr, e) : QS_OK;
		if (r != QS_OK) {
			json_object_put(tr);
			return r;
		}
		if (tr && qs_verify_amount(qse_jget(tr, "RateValue"), 4, &v)) {
			sum += v;
		}
		json_object_put(tr);
	}
	qs_decimal4_format(sum, a, sizeof(a));
	if (!strcmp(local_id, "exempt") && sum != 0) {
		return qs_error_set(e, QS_EVALIDATION, "Tax exempt (the code of untaxed lines) cannot map to QuickBooks tax code %s (\"%s\"): it charges %s %%; map a zero-rated or exempt code (0 %%)",
			id, name, a);
	}
	if (rate) {
		qs_error re;
		const char *t = json_object_get_string(rate);
		qs_error_clear(&re);
		if (!t || qs_decimal4_parse(t, strlen(t), &want, &re) != QS_OK) {
			return qs_error_set(e, QS_EVALIDATION, "qbo_map('tax'): extra 'rate' must be the tax rate in percent as a decimal string such as \"7\" or \"8.25\"");
		}
		if (want != sum) {
			qs_decimal4_format(want, b, sizeof(b));
			return qs_error_set(e, QS_EVALIDATION, "Tax %s cannot map to QuickBooks tax code %s (\"%s\"): it charges %s %% but the billing system charges %s %%, so QuickBooks' totals would differ; map a code of %s %%",
				local_id, id, name, a, b, b);
		}
	}
	return QS_OK;
}

qs_status qs_engine_map(qs_engine *eng, const char *kind, const char *local_id,
	const char *qbo_id, json_object *extra, json_object **out, qs_error *e)
{
	qs_kind_id kind_id = qs_kind_of(kind);
	const char *purpose = qse_jstr(extra, "purpose");
	const char *entity;
	json_object *row = NULL, *rows = NULL;
	qs_mapping m;
	qs_status r = QS_OK;
	char name_buf[512] = "";
	char email_buf[256] = "";
	const char *want_name = qse_jstr(extra, "name");
	const char *want_email = qse_jstr(extra, "email");
	qs_entity local;
	json_object *start_v = NULL;
	bool has_start = extra && json_object_is_type(extra, json_type_object)
		&& json_object_object_get_ex(extra, "start_date", &start_v);
	const char *want_start = NULL;
	qs_mapping old;
	bool had = false;

	*out = NULL;
	if (!kind || !map_kind_ok(kind_id)) {
		return qs_error_set(e, QS_EVALIDATION, "Unknown mapping kind '%s': use customer, item, tax, payment_method, account, term or currency",
			kind ? kind : "");
	}
	if (!local_id || !*local_id || strlen(local_id) > 64) {
		return qs_error_set(e, QS_EVALIDATION, "The local id of a %s mapping must be 1 to 64 characters", kind);
	}
	if (!qbo_id || !*qbo_id || strlen(qbo_id) > 31) {
		return qs_error_set(e, QS_EVALIDATION, "The QBO id of a %s mapping must be a QBO Id, \"auto\" or \"create\"", kind);
	}
	if (kind_id == QS_KIND_ACCOUNT) {
		if (!qse_account_purpose_ok(purpose)) {
			return qs_error_set(e, QS_EVALIDATION, "An account mapping needs ['purpose' => 'income'|'deposit'|'refund'|'payout'|'fee'|'expense'|'writeoff'] in its extra array");
		}
	} else {
		purpose = "";
	}
	if (has_start) {
		/* checked before anything is asked of QBO: a bad date writes nothing */
		if (kind_id != QS_KIND_CUSTOMER) {
			return qs_error_set(e, QS_EVALIDATION, "Only a customer mapping takes a start_date (%s %s was given one)", kind, local_id);
		}
		if (start_v && !json_object_is_type(start_v, json_type_string)) {
			return qs_error_set(e, QS_EVALIDATION, "qbo_map('customer', '%s'): start_date must be a date YYYY-MM-DD, or null to clear it",
				local_id);
		}
		want_start = start_v ? json_object_get_string(start_v) : "";
		if (*want_start && !qse_start_date_ok(want_start)) {
			return qs_error_set(e, QS_EVALIDATION, "qbo_map('customer', '%s'): start_date must be a date YYYY-MM-DD, or null to clear it; \"%.32s\" given",
				local_id, want_start);
		}
	}
	if (kind_id == QS_KIND_TAX && !strcmp(qbo_id, "create")) {
		return qs_error_set(e, QS_EVALIDATION, "Tax codes cannot be created through the API: map tax %s to an existing QBO TaxCode Id or \"auto\"", local_id);
	}
	memset(&m, 0, sizeof(m));
	qs_strlcpy(m.kind, kind, sizeof(m.kind));
	qs_strlcpy(m.local_id, local_id, sizeof(m.local_id));
	qs_strlcpy(m.purpose, purpose, sizeof(m.purpose));

	if (kind_id == QS_KIND_CURRENCY) {
		if (strlen(qbo_id) != 3) {
			return qs_error_set(e, QS_EVALIDATION, "A currency mapping links to an ISO 4217 code such as \"USD\"");
		}
		qs_strlcpy(m.qbo_id, qbo_id, sizeof(m.qbo_id));
		goto save;
	}
	if (kind_id == QS_KIND_ACCOUNT) {
		/* accounts by purpose (qs_engine_account.c): found, made or read, then checked */
		if (!strcmp(qbo_id, "auto")) {
			r = qse_account_auto(eng, purpose, local_id, want_name, &rows, e);
		} else if (!strcmp(qbo_id, "create")) {
			r = qse_account_create(eng, purpose, local_id, want_name, &rows, e);
		} else if (!strcmp(qbo_id, "deposit") && !strcmp(purpose, "refund")) {
			r = qse_account_same_as_payments(eng, local_id, &rows, e);
		} else {
			r = qse_api(eng, OP_READ, "Account", NULL, qbo_id, NULL, NULL, NULL, &rows, e);
			if (r == QS_EAPI && qs_qbo_fault_of(e->code) == QS_QBO_FAULT_GONE) {
				r = qs_error_set(e, QS_EAPI, "QuickBooks has no Account with Id %s (610 Object Not Found); check the Id or use \"auto\"", qbo_id);
			}
		}
		if (r == QS_OK) {
			r = qse_account_check(purpose, local_id, rows, e);
		}
		if (r != QS_OK) {
			json_object_put(rows);
			return r;
		}
		qs_strlcpy(m.qbo_id, qse_jstr(rows, "Id") ? qse_jstr(rows, "Id") : qbo_id, sizeof(m.qbo_id));
		qs_strlcpy(m.name, name_of(rows) ? name_of(rows) : "", sizeof(m.name));
		json_object_put(rows);
		goto save;
	}
	entity = qse_qbo_entity_of(kind);
	r = qs_store_entity_get(eng->store, eng->conn_key, kind, local_id, &local, e);
	if (r != QS_OK) {
		return r;
	}
	if (!want_name && local.exists && local.doc) {
		json_object *norm = json_tokener_parse(local.doc);
		if (norm) {
			if (kind_id == QS_KIND_CUSTOMER) {
				char *dn = qs_map_display_name(norm);
				if (dn) {
					qs_strlcpy(name_buf, dn, sizeof(name_buf));
					free(dn);
				}
				if (!want_email && qse_jstr(norm, "email")) {
					qs_strlcpy(email_buf, qse_jstr(norm, "email"), sizeof(email_buf));
					want_email = email_buf;
				}
			} else if (qse_jstr(norm, "name")) {
				qs_strlcpy(name_buf, qse_jstr(norm, "name"), sizeof(name_buf));
			}
			json_object_put(norm);
		}
	}
	if (want_name) {
		qs_strlcpy(name_buf, want_name, sizeof(name_buf));
	}
	if (!name_buf[0] && kind_id != QS_KIND_CUSTOMER && strcmp(local_id, "*") != 0) {
		qs_strlcpy(name_buf, local_id, sizeof(name_buf));
	}

	if (!strcmp(qbo_id, "auto")) {
		if (kind_id == QS_KIND_CUSTOMER) {
			/* by email first (the one address the customer has in both
			 * systems), then by DisplayName */
			if (want_email) {
				r = qse_customers_by_email(eng, want_email, &rows, e);
			}
			if (r == QS_OK && !qse_first_row(rows) && name_buf[0]) {
				json_object_put(rows);
				rows = NULL;
				r = qse_find_by(eng, "Customer", "DisplayName", name_buf, false, &rows, e);
			}
		} else if (kind_id == QS_KIND_TAX) {
			r = name_buf[0] ? qse_find_by(eng, "TaxCode", "Name", name_buf, false, &rows, e) : QS_OK;
		} else {
			r = name_buf[0] ? qse_find_by(eng, entity, "Name", name_buf, false, &rows, e) : QS_OK;
		}
		if (r == QS_OK) {
			row = qse_first_row(rows);
			if (!row) {
				r = qs_error_set(e, QS_EVALIDATION, "No QBO %s matches %s %s%s%s; give its Id or use \"create\"",
					entity, kind, local_id, name_buf[0] ? " by name " : "", name_buf);
			}
		}
	} else if (!strcmp(qbo_id, "create")) {
		json_object *body = NULL;
		char rid[64];
		const char *ent = entity;
		if (kind_id == QS_KIND_CUSTOMER || kind_id == QS_KIND_ITEM) {
			json_object *norm = local.exists && local.doc ? json_tokener_parse(local.doc) : NULL;
			if (norm) {
				deliver_ctx c;
				qs_map_ctx mctx;
				memset(&c, 0, sizeof(c));
				c.eng = eng;
				c.kind = kind;
				c.id = local_id;
				memset(&mctx, 0, sizeof(mctx));
				mctx.resolve = qse_resolve;
				mctx.ud = &c;
				mctx.home_currency = eng->home_currency[0] ? eng->home_currency : "USD";
				mctx.us_company = qs_qbo_us_tax_model(eng->country);
				r = qs_map_to_qbo(kind, norm, &mctx, &ent, &body, e);
				json_object_put(norm);
			} else if (kind_id == QS_KIND_ITEM && name_buf[0]) {
				char income[32];
				r = qse_income_account(eng, income, e);
				if (r == QS_OK) {
					json_object *ref = json_object_new_object();
					body = json_object_new_object();
					json_object_object_add(body, "Name", json_object_new_string(name_buf));
					json_object_object_add(body, "Type", json_object_new_string("Service"));
					json_object_object_add(ref, "value", json_object_new_string(income));
					json_object_object_add(body, "IncomeAccountRef", ref);
					if (!qs_qbo_us_tax_model(eng->country)) {
						char expense[32];
						r = qse_expense_account(eng, expense, e);
						json_object_object_add(body, "ExpenseAccountRef", qse_ref(expense));
					}
				}
			} else {
				r = qs_error_set(e, QS_EVALIDATION, "Cannot create QBO %s for %s %s: push the %s first or pass ['name' => ...]",
					entity, kind, local_id, kind);
			}
		} else if (name_buf[0]) {
			body = json_object_new_object();
			json_object_object_add(body, "Name", json_object_new_string(name_buf));
			if (kind_id == QS_KIND_TERM) {
				json_object *dd = qse_jget(extra, "due_days");
				json_object_object_add(body, "DueDays", json_object_new_int(dd ? json_object_get_int(dd) : 0));
			}
		} else {
			r = qs_error_set(e, QS_EVALIDATION, "Cannot create a QBO %s without a name: pass ['name' => ...]", entity);
		}
		if (r == QS_OK) {
			qse_make_rid(rid, eng->realm, "map", kind, local_id, purpose, name_buf, NULL);
			r = qse_api(eng, OP_CREATE, ent, body, NULL, NULL, rid, NULL, &rows, e);
			row = rows;
		}
		json_object_put(body);
	} else {
		if (kind_id == QS_KIND_TAX && (!strcasecmp(qbo_id, QS_QBO_US_TAXABLE) || !strcasecmp(qbo_id, QS_QBO_US_NON_TAXABLE))) {
			qs_entity_clear(&local);
			return qs_error_set(e, QS_EVALIDATION, "Tax %s cannot map to %s: TAX and NON only mark US invoice lines taxable or not, "
				"they are not tax codes QuickBooks can charge (every invoice would fail with 2500); map it to a TaxCode Id "
				"(list them with a query of TaxCode), or use \"auto\"", local_id, qbo_id);
		}
		r = qse_api(eng, OP_READ, entity, NULL, qbo_id, NULL, NULL, NULL, &rows, e);
		row = rows;
		if (r == QS_EAPI && qs_qbo_fault_of(e->code) == QS_QBO_FAULT_GONE) {
			/* QBO's fault (code 610, its detail) stays; the sentence says what to do */
			r = qs_error_set(e, QS_EAPI, "QuickBooks has no %s with Id %s (610 Object Not Found); check the Id or use \"auto\"", entity, qbo_id);
		}
	}
	qs_entity_clear(&local);
	if (r != QS_OK) {
		json_object_put(rows);
		return r;
	}
	if (kind_id == QS_KIND_TAX) {
		r = check_tax_code(eng, local_id, row, extra, e);
		if (r != QS_OK) {
			json_object_put(rows);
			return r;
		}
	}
	qs_strlcpy(m.qbo_id, qse_jstr(row, "Id") ? qse_jstr(row, "Id") : qbo_id, sizeof(m.qbo_id));
	qs_strlcpy(m.name, name_of(row) ? name_of(row) : "", sizeof(m.name));
	json_object_put(rows);
save:
	m.created = qs_store_now();
	memset(&old, 0, sizeof(old));
	if (kind_id == QS_KIND_CUSTOMER) {
		/* the mapping and its start date in one transaction; a start date not
		 * given is kept */
		r = qs_store_begin(eng->store, true, e);
		if (r == QS_OK) {
			r = qs_store_map_get(eng->store, eng->conn_key, kind, local_id, "", &old, &had, e);
		}
		if (r == QS_OK) {
			r = qs_store_map_put(eng->store, eng->conn_key, &m, e);
		}
		if (r == QS_OK && has_start) {
			bool found = false;
			r = qs_store_map_start(eng->store, eng->conn_key, kind, local_id, want_start, &found, e);
		}
		if (r == QS_OK) {
			r = qs_store_commit(eng->store, e);
		} else {
			qs_store_rollback(eng->store);
		}
		qs_strlcpy(m.start_date, has_start ? want_start : old.start_date, sizeof(m.start_date));
	} else {
		r = qs_store_map_put(eng->store, eng->conn_key, &m, e);
	}
	if (r == QS_OK && has_start && strcmp(old.start_date, m.start_date) != 0) {
		/* that customer's records judged again by the new date */
		long queued = 0, skipped = 0;
		qse_log_msg(eng, "info", kind, local_id, "Customer %s: start date %s (was %s)", local_id,
			m.start_date[0] ? m.start_date : "none", old.start_date[0] ? old.start_date : "none");
		r = qse_start_date_changed(eng, local_id, &queued, &skipped, e);
		if (r == QS_OK) {
			*out = mapping_json(&m);
			json_object_object_add(*out, "queued", json_object_new_int64(queued));
			json_object_object_add(*out, "skipped", json_object_new_int64(skipped));
		}
	}
	if (r == QS_OK) {
		long n = 0;
		/* records waiting on this one can go now */
		qs_store_outbox_release(eng->store, eng->conn_key, kind, local_id, qs_store_now(), NULL, NULL, &n, NULL);
		qse_log_msg(eng, "info", kind, local_id, "Mapped %s %s to QBO %s %s", kind, local_id, m.qbo_id, m.name);
		if (!*out) {
			*out = mapping_json(&m);
		}
	}
	return r;
}

static void map_list_cb(void *ud, const qs_mapping *m)
{
	json_object_array_add((json_object *)ud, mapping_json(m));
}

qs_status qs_engine_mappings(qs_engine *eng, const char *kind, json_object **out, qs_error *e)
{
	json_object *arr = json_object_new_array();
	qs_status r = qs_store_map_list(eng->store, eng->conn_key, kind, map_list_cb, arr, e);
	if (r != QS_OK) {
		json_object_put(arr);
		*out = NULL;
		return r;
	}
	*out = arr;
	return QS_OK;
}

qs_status qs_engine_mapping_of(qs_engine *eng, const char *kind, const char *local_id, json_object **out, qs_error *e)
{
	qs_kind_id kind_id = qs_kind_of(kind);
	static const char *const purposes[] = {"income", "deposit", "refund", "payout", "fee", "expense"};
	static const char *const none[] = {""};
	const char *const *list = none;
	size_t n = 1, i;
	json_object *arr;
	qs_status r = QS_OK;
	*out = NULL;
	if (!kind || !map_kind_ok(kind_id)) {
		return qs_error_set(e, QS_EVALIDATION, "qbo_mappings() with a local id needs its kind: customer, item, tax, payment_method, account, term or currency");
	}
	if (kind_id == QS_KIND_ACCOUNT) {
		list = purposes;
		n = sizeof(purposes) / sizeof(purposes[0]);
	}
	arr = json_object_new_array();
	/* one lookup by the primary key per purpose: never a scan of the kind's mappings */
	for (i = 0; i < n && r == QS_OK; i++) {
		qs_mapping m;
		bool found = false;
		r = qs_store_map_get(eng->store, eng->conn_key, kind, local_id, list[i], &m, &found, e);
		if (r == QS_OK && found) {
			json_object_array_add(arr, mapping_json(&m));
		}
	}
	if (r != QS_OK) {
		json_object_put(arr);
		return r;
	}
	*out = arr;
	return QS_OK;
}

qs_status qs_engine_unmap(qs_engine *eng, const char *kind, const char *local_id,
	bool *removed, qs_error *e)
{
	*removed = false;
	if (!kind || !map_kind_ok(qs_kind_of(kind))) {
		return qs_error_set(e, QS_EVALIDATION, "Unknown mapping kind '%s'", kind ? kind : "");
	}
	return qs_store_map_del(eng->store, eng->conn_key, kind, local_id ? local_id : "", removed, e);
}

/* ------------------------------------------------- a changed start date */

typedef struct start_scan {
	qs_engine *eng;
	const char *customer;
	char (*ids)[65];
	size_t n, cap;
	bool oom;
} start_scan;

/* Collects the customer's records that the new date may judge otherwise: those
 * Skipped by a start date, and those not yet in QBO that it now keeps out. A
 * record in QBO (or being sent) stays as it is. */
static void scan_cb(void *ud, const qs_entity *en)
{
	start_scan *sc = ud;
	json_object *norm;
	const char *cust;
	bool take = false;
	char reason[1024];
	if (sc->oom || en->qbo_id[0] || en->q_status == QS_OUTBOX_SENDING || !en->doc) {
		return;
	}
	norm = json_tokener_parse(en->doc);
	cust = qse_jstr(norm, "customer");
	if (cust && !strcmp(cust, sc->customer)) {
		if (en->state == QS_STATE_SKIPPED) {
			take = strstr(en->reason, START_MARK) != NULL;
		} else {
			take = qse_skipped_by_customer_start(sc->eng, en->kind, norm, reason, sizeof(reason), NULL);
		}
	}
	json_object_put(norm);
	if (take) {
		void *nv = qs_grow(sc->ids, &sc->cap, sc->n, sizeof(*sc->ids), 16);
		if (!nv) {
			sc->oom = true;
			return;
		}
		sc->ids = nv;
		qs_strlcpy(sc->ids[sc->n], en->id, sizeof(sc->ids[0]));
		sc->n++;
	}
}

qs_status qse_start_date_changed(qs_engine *eng, const char *customer, long *queued, long *skipped, qs_error *e)
{
	static const qs_state states[] = {QS_STATE_SKIPPED, QS_STATE_NOT_TRIED, QS_STATE_WAITING, QS_STATE_ERROR};
	const qs_kind *kr;
	size_t k, s, i;
	qs_status r = QS_OK;
	*queued = *skipped = 0;
	for (k = 0; (kr = qs_kind_at(k)) != NULL && r == QS_OK; k++) {
		start_scan sc;
		if (!kr->customer_start) {
			continue;
		}
		memset(&sc, 0, sizeof(sc));
		sc.eng = eng;
		sc.customer = customer;
		for (s = 0; s < sizeof(states) / sizeof(states[0]) && r == QS_OK; s++) {
			r = qs_store_entity_list(eng->store, eng->conn_key, kr->name, qs_state_name(states[s]), NULL, 0, 0,
				scan_cb, &sc, e);
		}
		if (r == QS_OK && sc.oom) {
			r = qs_error_set(e, QS_EINTERNAL, "Out of memory judging customer %s's records by its start date", customer);
		}
		for (i = 0; i < sc.n && r == QS_OK; i++) {
			json_object *norm = NULL, *state = NULL;
			qs_entity en;
			r = qs_store_entity_get(eng->store, eng->conn_key, kr->name, sc.ids[i], &en, e);
			if (r == QS_OK && en.exists && en.doc) {
				norm = json_tokener_parse(en.doc);
			}
			qs_entity_clear(&en);
			if (r != QS_OK || !norm) {
				json_object_put(norm);
				continue;
			}
			/* recorded again: judged by the settings as they are now, queued
			 * when inside the window (delivered by the next qbo_sync) */
			r = qse_record_norm(eng, kr->name, norm, QS_PUSH_FORCE | QS_PUSH_QUEUE_ONLY, NULL, &state, NULL, e);
			if (r == QS_OK) {
				const char *st = qse_jstr(state, "state");
				if (qs_state_of(st) == QS_STATE_SKIPPED) {
					(*skipped)++;
				} else {
					(*queued)++;
				}
			}
			json_object_put(state);
			json_object_put(norm);
		}
		free(sc.ids);
	}
	return r;
}
