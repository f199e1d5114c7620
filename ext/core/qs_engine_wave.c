/* qs_engine_wave: the delivery pipeline of qbo_sync, one wave at a time. A
 * wave is up to QS_BATCH_MAX due records of one kind; the outbox hands them
 * out by rank (customers, items and account-credit payments, invoices, then
 * payments, refunds, credits),
 * so a wave's references were delivered by the waves before it.
 *   Plan: claim the wave in one transaction; build each body with references
 *   resolved from mappings and entities only (a dependency not in QBO yet
 *   makes the record Waiting on it, nothing is delivered recursively); pack
 *   the lookups new records need, one query per field for the whole round
 *   (the new customers' emails, the invoice balances its payments check).
 *   Send: the creates and updates the lookups cleared go out as one /batch
 *   request; a record that needs more (a retry, whose guard must settle what
 *   an earlier attempt did; a void; a linked mapping; an email QBO already
 *   has; a name or number QBO refused with 6240/6140 inside the batch) takes
 *   the one-record path of qs_engine_deliver.
 *   Apply: every outcome of the wave in one transaction. */
#include "qs_engine_round.h"
#include "qs_pool.h"
#include "qbo/qs_qbo_rules.h"
#include "qs_verify.h"
#include "qs_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>


static void drop_claimed_row(wave_rec *w)
{
	if (w->claimed_row) {
		qs_entity_clear(w->claimed_row);
		free(w->claimed_row);
		w->claimed_row = NULL;
	}
}

/* Where a planned record goes. */
static void settle(wave_rec *w, qs_status r, const char *op)
{
	w->dr = r;
	w->op = op;
	w->settled = true;
}

static bool is_cancel(wave_rec *w)
{
	const char *st = qse_jstr(w->norm, "status");
	return w->en.kind_id == QS_KIND_INVOICE && st && !strcmp(st, "cancelled");
}

/* Plan one claimed record: its body, or the one-record path, or an outcome. */
static void plan_one(qs_engine *eng, wave_rec *w)
{
	qs_mapping m;
	bool mapped = false;
	qs_status r;
	/* as json_tokener_parse reads it */
	w->norm = w->en.doc ? qs_json_parse(w->en.doc, strlen(w->en.doc), NULL) : NULL;
	if (!w->norm) {
		qs_error_set(&w->de, QS_ESTORE, "%s %s: the stored document cannot be read; push it again",
			qse_entity_label(w->en.kind), w->en.id);
		settle(w, QS_ESTORE, "sent");
		return;
	}
	if (!w->en.qbo_id[0] && qse_plan_map_get(eng, w->en.kind, w->en.id, &m, &mapped, NULL) != QS_OK) {
		mapped = true;   /* let the one-record path report it */
	}
	if (w->en.attempts > 1 || qs_kind_guard_of(w->en.kind_id) == QS_GUARD_NAME || mapped || is_cancel(w) || qse_is_deleted(w->norm)
			|| (w->en.qbo_id[0] && !w->en.sync_token[0])) {
		w->single = true;
		return;
	}
	r = qse_map_body(eng, &w->en, &w->ctx, w->norm, &w->entity, &w->body, &w->de);
	if (r != QS_OK) {
		settle(w, r, "sent");
		return;
	}
	w->update = w->en.qbo_id[0] != '\0';
	if ((w->update && w->en.kind_id == QS_KIND_PAYMENT && qse_jget(w->body, "Line"))
			|| (w->update && w->en.kind_id == QS_KIND_WRITEOFF)) {   /* a write-off is unapplied first */
		/* its lines are replaced: the one-record path keeps those of credit drawn */
		w->single = true;
		return;
	}
}

/* ---- packed lookups ---- */

/* Appends n bytes of s to out (cap bytes, kept NUL-terminated), as far as they fit. */
static void put_text(char *out, size_t cap, size_t *at, const char *s, size_t n)
{
	if (*at + 1 >= cap) {
		return;
	}
	if (n > cap - 1 - *at) {
		n = cap - 1 - *at;
	}
	memcpy(out + *at, s, n);
	*at += n;
	out[*at] = '\0';
}

/* " in ('a', 'b', ...)" of the values, NULL when there are none. */
static char *in_list(const char *const *vals, size_t n)
{
	size_t i, cap = 16, len = 0;
	char *out = NULL;
	bool any = false;
	for (i = 0; i < n; i++) {
		if (vals[i]) {
			cap += strlen(vals[i]) * 2 + 8;
		}
	}
	out = malloc(cap);
	if (!out) {
		return NULL;
	}
	len = (size_t)snprintf(out, cap, " in (");
	for (i = 0; i < n; i++) {
		char *lit;
		if (!vals[i] || !*vals[i]) {
			continue;
		}
		lit = qs_qbo_quote(vals[i]);
		if (!lit) {
			free(out);
			return NULL;
		}
		if (any) {
			put_text(out, cap, &len, ", ", 2);
		}
		put_text(out, cap, &len, lit, strlen(lit));
		free(lit);
		any = true;
	}
	snprintf(out + len, cap - len, ")");
	if (!any) {
		free(out);
		return NULL;
	}
	return out;
}

/* A lookup asks only for the fields its reader (lookup_apply) uses: QBO
 * answers a projection with those and the Id, so a page of 30 invoices is a
 * few hundred bytes instead of 30 whole invoices. */
static void add_query(json_object *items, const char *bid, const char *fields, const char *fmt_entity,
	const char *field, const char *list, const char *extra)
{
	json_object *it = json_object_new_object();
	size_t n = strlen(fields) + strlen(fmt_entity) + strlen(field) + strlen(list) + (extra ? strlen(extra) : 0) + 64;
	char *q = malloc(n);
	if (!q) {
		json_object_put(it);
		return;
	}
	snprintf(q, n, "select %s from %s where %s%s%s maxresults %d", fields, fmt_entity, field, list, extra ? extra : "", QS_QBO_PAGE);
	json_object_object_add(it, "bId", json_object_new_string(bid));
	json_object_object_add(it, "Query", json_object_new_string(q));
	free(q);
	json_object_array_add(items, it);
}

/* The rows of a batch answer's query item bid; *full when a page was full. */
static json_object *query_rows(json_object *resp, const char *bid, const char *entity, bool *full, bool *failed)
{
	size_t i, n = resp ? json_object_array_length(resp) : 0;
	for (i = 0; i < n; i++) {
		json_object *it = json_object_array_get_idx(resp, i), *qr, *rows;
		const char *b = qse_jstr(it, "bId");
		if (!b || strcmp(b, bid) != 0) {
			continue;
		}
		qr = qse_jget(it, "QueryResponse");
		if (!qr) {
			*failed = true;
			return NULL;
		}
		rows = qse_jget(qr, entity);
		if (rows && json_object_is_type(rows, json_type_array)) {
			*full = *full || json_object_array_length(rows) >= 1000;
			return rows;
		}
		return NULL;
	}
	*failed = true;
	return NULL;
}

static bool row_has(json_object *rows, const char *field, const char *sub, const char *value)
{
	size_t i, n = rows ? json_object_array_length(rows) : 0;
	for (i = 0; value && i < n; i++) {
		json_object *row = json_object_array_get_idx(rows, i);
		const char *v = sub ? qse_jstr(qse_jget(row, field), sub) : qse_jstr(row, field);
		if (v && !strcasecmp(v, value)) {
			return true;
		}
	}
	return false;
}

/* The Invoice Ids a payment body applies to. */
static size_t linked_invoices(json_object *body, const char **out, size_t max)
{
	json_object *lines = qse_jget(body, "Line");
	size_t i, n = lines && json_object_is_type(lines, json_type_array) ? json_object_array_length(lines) : 0, k = 0;
	for (i = 0; i < n; i++) {
		json_object *txns = qse_jget(json_object_array_get_idx(lines, i), "LinkedTxn");
		size_t j, m = txns && json_object_is_type(txns, json_type_array) ? json_object_array_length(txns) : 0;
		for (j = 0; j < m; j++) {
			json_object *t = json_object_array_get_idx(txns, j);
			const char *type = qse_jstr(t, "TxnType");
			if (qse_jstr(t, "TxnId") && type && !strcmp(type, "Invoice") && k < max) {
				out[k++] = qse_jstr(t, "TxnId");
			}
		}
	}
	return k;
}

/* Whether invoice row (a QBO Invoice) was paid in part in QBO (its open
 * balance below its total) and shows less open balance than the payment body
 * applies to it. */
static bool partly_paid(json_object *body, const char *invoice_id, json_object *row)
{
	json_object *lines = qse_jget(body, "Line");
	size_t i, n = lines && json_object_is_type(lines, json_type_array) ? json_object_array_length(lines) : 0;
	qs_money bal, amt, tot;
	/* QBO amounts in the payment and the invoice share the currency: any
	 * decimals compare them, 4 keeps every real currency's digits */
	if (!qs_verify_amount(qse_jget(row, "Balance"), 4, &bal) || !qs_verify_amount(qse_jget(row, "TotalAmt"), 4, &tot)
			|| bal >= tot) {
		return false;
	}
	for (i = 0; i < n; i++) {
		json_object *l = json_object_array_get_idx(lines, i), *txns = qse_jget(l, "LinkedTxn");
		size_t j, m = txns && json_object_is_type(txns, json_type_array) ? json_object_array_length(txns) : 0;
		for (j = 0; j < m; j++) {
			const char *tid = qse_jstr(json_object_array_get_idx(txns, j), "TxnId");
			if (tid && !strcmp(tid, invoice_id) && qs_verify_amount(qse_jget(l, "Amount"), 4, &amt) && bal < amt) {
				return true;
			}
		}
	}
	return false;
}

/* The queries for a round's new records (every claimed wave of it, one query
 * per field for them all): customers whose email QBO already has, and
 * payments whose every invoice QBO shows paid, leave the batch for the
 * one-record path (its guards decide, exactly as for a single record). A
 * customer's DisplayName is not looked up: QBO refuses a taken one with 6240
 * in the batch answer, and that operation goes to the one-record path
 * (write_apply), whose guard links as it decides. The email must be looked
 * up before the create: QBO creates a second customer with a taken email.
 * The items, or NULL when none is needed. */
static json_object *lookup_items(wave_rec *w, size_t n)
{
	const char **emails = calloc(n ? n : 1, sizeof(*emails)), **inv = calloc(n ? n * 4 : 1, sizeof(*inv));
	size_t i, ne = 0, ni = 0;
	json_object *items = NULL;
	char *l2 = NULL, *l3 = NULL;

	for (i = 0; i < n; i++) {
		if (!w[i].claimed || w[i].settled || w[i].single || w[i].update) {
			continue;
		}
		if (!emails || !inv) {
			/* no memory for the lookups: the one-record path's guards look */
			w[i].single = w[i].single || qs_kind_guard_of(w[i].en.kind_id) == QS_GUARD_NAME_EMAIL
				|| w[i].en.kind_id == QS_KIND_PAYMENT;
		} else if (qs_kind_guard_of(w[i].en.kind_id) == QS_GUARD_NAME_EMAIL) {
			emails[ne++] = qse_jstr(w[i].norm, "email");
		} else if (w[i].en.kind_id == QS_KIND_PAYMENT) {
			ni += linked_invoices(w[i].body, inv + ni, n * 4 - ni);
		}
	}
	l2 = ne ? in_list(emails, ne) : NULL;
	l3 = ni ? in_list(inv, ni) : NULL;
	if (l2 || l3) {
		items = json_object_new_array();
		if (l2) {
			add_query(items, "e", "Id, PrimaryEmailAddr", "Customer", "PrimaryEmailAddr", l2, NULL);
		}
		if (l3) {
			add_query(items, "i", "Id, Balance, TotalAmt", "Invoice", "Id", l3, NULL);
		}
	}
	free(l2);
	free(l3);
	free(emails);
	free(inv);
	return items;
}

/* A lookup row by its QBO Id: the rows of an answer indexed once, so that
 * each payment's invoices are found by search instead of a scan of them all. */
typedef struct row_by_id {
	const char *id;
	json_object *row;
	size_t at;                /* its place in the answer: rows of one Id keep their order */
} row_by_id;

static int row_by_id_cmp(const void *a, const void *b)
{
	return strcmp(((const row_by_id *)a)->id, ((const row_by_id *)b)->id);
}

static int row_by_id_order(const void *a, const void *b)
{
	const row_by_id *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	return c ? c : x->at < y->at ? -1 : x->at > y->at;
}

/* The rows that have an Id, sorted by it (*np of them); NULL when none (or no memory: *oom). */
static row_by_id *rows_index(json_object *rows, size_t *np, bool *oom)
{
	size_t i, n = rows ? json_object_array_length(rows) : 0, k = 0;
	row_by_id *ix = n ? malloc(n * sizeof(*ix)) : NULL;
	*np = 0;
	if (n && !ix) {
		*oom = true;
		return NULL;
	}
	for (i = 0; i < n; i++) {
		json_object *row = json_object_array_get_idx(rows, i);
		const char *id = qse_jstr(row, "Id");
		if (id) {
			ix[k].id = id;
			ix[k].row = row;
			ix[k].at = i;
			k++;
		}
	}
	if (k > 1) {
		qsort(ix, k, sizeof(*ix), row_by_id_order);
	}
	*np = k;
	return ix;
}

/* What the lookups' answer means for each new record of the wave. */
static void lookup_apply(wave_rec *w, size_t n, json_object *resp)
{
	size_t i, nix = 0;
	bool customers = false, payments = false, full = false, failed = false;
	json_object *byemail, *invoices;
	row_by_id *ix = NULL;
	for (i = 0; i < n; i++) {
		if (w[i].claimed && !w[i].settled && !w[i].single && !w[i].update) {
			const char *email = qse_jstr(w[i].norm, "email");
			customers = customers || (qs_kind_guard_of(w[i].en.kind_id) == QS_GUARD_NAME_EMAIL && email && *email);
			if (w[i].en.kind_id == QS_KIND_PAYMENT) {
				const char *ids[QS_BATCH_MAX];
				payments = payments || linked_invoices(w[i].body, ids, QS_BATCH_MAX) > 0;
			}
		}
	}
	byemail = customers ? query_rows(resp, "e", "Customer", &full, &failed) : NULL;
	invoices = payments ? query_rows(resp, "i", "Invoice", &full, &failed) : NULL;
	ix = invoices ? rows_index(invoices, &nix, &failed) : NULL;
	for (i = 0; i < n; i++) {
		if (!w[i].claimed || w[i].settled || w[i].single || w[i].update) {
			continue;
		}
		if (failed || full) {
			w[i].single = true;   /* the lookups did not answer: the guards will */
		} else if (qs_kind_guard_of(w[i].en.kind_id) == QS_GUARD_NAME_EMAIL) {
			const char *email = qse_jstr(w[i].norm, "email");
			if (email && *email && row_has(byemail, "PrimaryEmailAddr", "Address", email)) {
				w[i].single = true;
			}
		} else if (w[i].en.kind_id == QS_KIND_PAYMENT) {
			const char *ids[QS_BATCH_MAX];
			size_t k, m = linked_invoices(w[i].body, ids, QS_BATCH_MAX), zero = 0;
			for (k = 0; k < m; k++) {
				row_by_id key, *hit;
				bool seen = false;
				key.id = ids[k];
				hit = nix ? bsearch(&key, ix, nix, sizeof(*ix), row_by_id_cmp) : NULL;
				/* every row of that Id (QBO sends one; a repeated Id counts as often as before) */
				while (hit && hit > ix && !strcmp(hit[-1].id, ids[k])) {
					hit--;
				}
				for (; hit && hit < ix + nix && !strcmp(hit->id, ids[k]); hit++) {
					json_object *row = hit->row;
					seen = true;
					zero += qse_amount_is_zero(qse_jget(row, "Balance")) ? 1 : 0;
					if (!qse_amount_is_zero(qse_jget(row, "Balance")) && partly_paid(w[i].body, ids[k], row)) {
						zero = m;   /* paid in part in QBO: the one-record path says so */
					}
				}
				if (!seen) {
					zero = m;   /* not found: the one-record path reads it */
					break;
				}
			}
			if (m > 0 && zero == m) {
				w[i].single = true;
			}
		}
	}
	free(ix);
}

/* The lookups failed: the records of the round record why. QBO refusing a
 * lookup with a Fault (a query it will not run, such as an "in (...)" list
 * longer than it takes: no limit is documented) is not the records' fault:
 * the new ones the lookups were for take the one-record path, whose guards
 * look them up one by one. */
static void lookup_failed(wave_rec *w, size_t n, qs_status lr, const qs_error *le)
{
	size_t i;
	for (i = 0; i < n; i++) {
		if (lr == QS_EAPI && le->code[0] && w[i].claimed && !w[i].settled && !w[i].update
				&& (qs_kind_guard_of(w[i].en.kind_id) == QS_GUARD_NAME_EMAIL || w[i].en.kind_id == QS_KIND_PAYMENT)) {
			w[i].single = true;
		} else if (w[i].claimed && !w[i].settled && !w[i].single) {
			qs_error_copy(&w[i].de, le);
			settle(&w[i], lr, "sent");
			w[i].refused = lr == QS_ETHROTTLE;   /* nothing of it was sent */
		}
	}
}

/* ---- the batch of writes ---- */

/* A batched create whose outcome is unknown: its own requestid marks it so
 * that the retry's guard looks for it before anything is sent again (QBO's
 * replay of a batch requestid is not relied on). */
static void uncertain(qs_engine *eng, wave_rec *w, qs_status r, const qs_error *why)
{
	if (!w->update && (r == QS_ENET || r == QS_ESERVER)) {
		char ver[24];
		snprintf(ver, sizeof(ver), "%lld", w->en.version);
		qse_make_rid(w->en.create_rid, eng->realm, w->en.kind, w->en.id, "cb", ver, NULL);
	}
	qs_error_copy(&w->de, why);
	settle(w, r, "sent");
	/* a 429 (QBO's gateway refused the request before QBO ran it) or a
	 * request the throttle kept from starting: certainly not done, so the
	 * claim was no attempt and the retry goes batched again, with no guard
	 * to settle it first */
	w->refused = r == QS_ETHROTTLE;
}

/* The wave's batched creates and updates as /batch items (by_bid[k] is the
 * record of bId k), or NULL when the wave has none. */
static json_object *write_items(wave_rec *w, size_t n, wave_rec **by_bid, size_t *kp)
{
	json_object *items = json_object_new_array();
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		json_object *it;
		char bid[8];
		if (!w[i].claimed || w[i].settled || w[i].single) {
			continue;
		}
		if (w[i].update) {
			QS_JSON_ADD(w[i].body, "Id", json_object_new_string(w[i].en.qbo_id));
			QS_JSON_ADD(w[i].body, "SyncToken", json_object_new_string(w[i].en.sync_token));
			QS_JSON_ADD(w[i].body, "sparse", json_object_new_boolean(1));
		}
		it = json_object_new_object();
		snprintf(bid, sizeof(bid), "%zu", k);
		QS_JSON_ADD(it, "bId", json_object_new_string(bid));
		QS_JSON_ADD(it, "operation", json_object_new_string(w[i].update ? "update" : "create"));
		json_object_object_add(it, w[i].entity, json_object_get(w[i].body));
		json_object_array_add(items, it);
		by_bid[k++] = &w[i];
	}
	*kp = k;
	if (k == 0) {
		json_object_put(items);
		return NULL;
	}
	return items;
}

/* The records of a batch of writes, in bId order ("customer 5, invoice 12"),
 * for the exchange log; NULL on OOM. */
static char *batch_note(wave_rec *const *by_bid, size_t k)
{
	size_t i, n = 1, at = 0;
	char *out;
	for (i = 0; i < k; i++) {
		n += strlen(by_bid[i]->en.kind) + strlen(by_bid[i]->en.id) + 3;
	}
	out = malloc(n);
	for (i = 0; out && i < k; i++) {
		if (i) {
			put_text(out, n, &at, ", ", 2);
		}
		put_text(out, n, &at, by_bid[i]->en.kind, strlen(by_bid[i]->en.kind));
		put_text(out, n, &at, " ", 1);
		put_text(out, n, &at, by_bid[i]->en.id, strlen(by_bid[i]->en.id));
	}
	if (out && !k) {
		out[0] = '\0';
	}
	return out;
}

/* The records a wave's lookups are for (its claimed ones), likewise. */
static char *lookup_note(wave_rec *w, size_t n)
{
	wave_rec *by[QS_BATCH_MAX];
	size_t i, k = 0;
	for (i = 0; i < n && k < QS_BATCH_MAX; i++) {
		if (w[i].claimed) {
			by[k++] = &w[i];
		}
	}
	return batch_note(by, k);
}

/* The outcome of the batch of writes for each of its records. */
static void write_apply(qs_engine *eng, wave_rec **by_bid, size_t k, qs_status r, qs_error *be, json_object *resp)
{
	size_t i;
	if (r == QS_EAPI && !be->code[0]) {
		r = QS_ESERVER;   /* a 4xx without a Fault: QBO may have done it */
	}
	if (r != QS_OK) {
		for (i = 0; i < k; i++) {
			if (r == QS_EAPI) {
				qs_error_copy(&by_bid[i]->de, be);
				settle(by_bid[i], r, "sent");
			} else {
				uncertain(eng, by_bid[i], r, be);
			}
		}
		return;
	}
	for (i = 0; i < json_object_array_length(resp); i++) {
		json_object *it = json_object_array_get_idx(resp, i), *ent;
		const char *b = qse_jstr(it, "bId");
		char *endp = NULL;
		long idx = b ? strtol(b, &endp, 10) : -1;
		wave_rec *x;
		if (!b || !*b || *endp || idx < 0 || (size_t)idx >= k || by_bid[idx]->settled) {
			continue;
		}
		x = by_bid[idx];
		if (qse_jget(it, "Fault")) {
			qs_qbo_item_fault(it, x->entity, eng->realm, &x->de);
			qs_qbo_fault f = qs_qbo_fault_of(x->de.code);
			if (f == QS_QBO_FAULT_DUP_NAME || f == QS_QBO_FAULT_DUP_NUMBER || f == QS_QBO_FAULT_STALE) {
				x->single = true;   /* a duplicate or a stale token: the guards of the one-record path */
				qs_error_clear(&x->de);
			} else {
				settle(x, QS_EAPI, "sent");
			}
			continue;
		}
		ent = qse_jget(it, x->entity);
		if (ent && qse_usable_id(ent)) {
			qse_take_ids(&x->en, ent);
			x->answer = json_object_get(ent);
			settle(x, QS_OK, x->update ? "updated" : "created");
		} else if (ent && x->update) {
			qse_take_ids(&x->en, ent);   /* the Id is known; the SyncToken if it came */
			x->answer = json_object_get(ent);
			settle(x, QS_OK, "updated");
		} else {
			qs_error e2;
			qs_error_clear(&e2);
			qs_error_set(&e2, QS_ESERVER, "%s %s: QuickBooks answered the batched write without a usable Id; it may have recorded it, so it is looked up before anything is sent again",
				qse_entity_label(x->en.kind), x->en.id);
			uncertain(eng, x, QS_ESERVER, &e2);
		}
	}
	for (i = 0; i < k; i++) {
		if (!by_bid[i]->settled && !by_bid[i]->single) {
			qs_error e2;
			qs_error_clear(&e2);
			qs_error_set(&e2, QS_ESERVER, "%s %s: QuickBooks' batch answer has no result for it; it is looked up before anything is sent again",
				qse_entity_label(by_bid[i]->en.kind), by_bid[i]->en.id);
			uncertain(eng, by_bid[i], QS_ESERVER, &e2);
		}
	}
}

/* The one-record path for a claimed record of the wave. */
static void send_single(qs_engine *eng, wave_rec *w)
{
	w->dr = qse_push_record(eng, &w->en, &w->ctx, &w->op, &w->de);
	w->settled = true;
}

/* ---- apply ---- */

/* claim_mark: the store's mark in the wave's claim; chain: the mark the
 * round's last write left (its last claim or the wave applied before),
 * replaced by this one's. When no entity or outbox row was written since
 * the claim but by the round's own claims and applies (which write only their
 * own records' rows, and of others only waiting ones), the claim's copy of
 * each record is its current row and is not read again. */
static qs_status apply_wave(qs_engine *eng, wave_rec *w, size_t n, qse_wave_out *out, const long long claim_mark[2],
	long long chain[2], qs_error *e)
{
	size_t i;
	long long mark[2];
	bool current;
	qs_status r = qs_store_begin(eng->store, true, e);
	if (r != QS_OK) {
		return r;
	}
	qs_store_rows_mark(eng->store, mark);
	current = mark[0] != 0 && mark[0] == claim_mark[0] && mark[0] == chain[0] && mark[1] == chain[1];
	eng->wave_applying = true;
	eng->wave_synced_at = 0;
	for (i = 0; i < n && r == QS_OK; i++) {
		qs_entity cur;
		if (!w[i].claimed) {
			continue;
		}
		if (w[i].dr != QS_OK) {
			qs_error_record(&w[i].de, w[i].en.kind, w[i].en.id);
		}
		if (current && w[i].claimed_row) {
			cur = *w[i].claimed_row;   /* its document goes with it: a retry reads the row */
			free(w[i].claimed_row);
			w[i].claimed_row = NULL;
		} else {
			r = qs_store_entity_reread(eng->store, eng->conn_key, &w[i].en, &cur, e);
		}
		if (r == QS_OK) {
			r = qse_apply_outcome(eng, &w[i].en, &cur, w[i].dr, w[i].op ? w[i].op : "sent", &w[i].de,
				w[i].ctx.wait_kind, w[i].ctx.wait_id, w[i].dv, eng->wave_released, e);
		}
		if (r == QS_OK && w[i].refused && w[i].dr == QS_ETHROTTLE) {
			/* refused unsent: its next delivery is the same first attempt */
			qse_claim_unsent(&w[i].en, &cur);
		}
		if (r == QS_OK) {
			r = qs_store_entity_outcome(eng->store, eng->conn_key, &cur, e);
		}
		if (r == QS_OK) {
			r = qs_store_outbox_put(eng->store, eng->conn_key, &cur, e);
		}
		out[i].state = cur.state;
		qs_strlcpy(out[i].wait_kind, cur.wait_kind, sizeof(out[i].wait_kind));
		qs_strlcpy(out[i].wait_id, cur.wait_id, sizeof(out[i].wait_id));
		out[i].r = w[i].dr;
		qs_error_copy(&out[i].e, &w[i].de);
		qs_entity_clear(&cur);
	}
	eng->wave_applying = false;
	if (r == QS_OK && eng->wave_synced_at > 0) {
		/* the company's last sync: one write for the wave's Synced records */
		r = qs_store_conn_set_last_sync(eng->store, eng->conn_key, eng->wave_synced_at, e);
	}
	if (r == QS_OK) {
		qs_store_rows_mark(eng->store, chain);
		r = qs_store_commit(eng->store, e);
	} else {
		qs_store_rollback(eng->store);
	}
	if (r != QS_OK) {
		chain[0] = chain[1] = 0;
	}
	return r;
}

/* ---- concurrent send ---- */

struct batch_job;

/* One request of a round: a whole job (a /batch or a plain query), or one
 * item of a split job sent as its own request. */
typedef struct send_unit {
	struct batch_job *job;
	long idx;                 /* the item of a split job; -1: the whole job */
	qs_qbo_req req;
	json_object *resp;        /* the BatchItemResponse array, the query's rows, or the entity written */
	qs_status r;
	qs_error e;
	long flight;              /* its slot of the company's in-flight cap, -1 none */
	double taken;             /* its limiter slot's stamp (0: none) */
	double started;           /* when its transfer started */
	char rid[64];
	bool sent, retry_token;
} send_unit;

/* One /batch request of a round (or a plain query): its items, the answer
 * or the error. A /batch whose turn comes when the batch requests of the
 * limit window are spent, while single requests are left, is split: each
 * item goes as its own request (a create with the record's requestid, an
 * update, a query), and the answers are put together as the batch's. */
typedef struct batch_job {
	json_object *items;       /* NULL: nothing to send */
	const char *query;        /* set: a plain query (the text of items' one Query), not a /batch */
	const char *entity;       /* the query's entity (its rows' key) */
	wave_rec **recs;          /* a batch of writes: the record of each bId; NULL: a batch of queries */
	send_unit u;              /* the request itself: u.r and u.resp are the job's answer */
	send_unit *one;           /* split: one request per item */
	size_t n_one, next_one;
	bool split;
	char *note;               /* the records it carries, for the exchange log ("invoice 12, payment 7"), or NULL */
} batch_job;

static qs_pool *wave_pool(qs_engine *eng, qs_error *e)
{
	if (!eng->pool) {
		qs_http_opts o;
		memset(&o, 0, sizeof(o));
		o.timeout_ms = eng->timeout_ms;
		o.connect_timeout_ms = eng->connect_timeout_ms;
		o.ca_info = eng->ca_info;
		o.log = eng->http_log;
		o.log_ud = eng->http_log_ud;
		o.share = qse_http_share(eng);
		eng->pool = qs_pool_new(&o, QS_QBO_CONCURRENT, e);
	}
	return eng->pool;
}

/* What a round's sending shares: the pool, and the first 429 (after it
 * nothing more starts). */
typedef struct sender {
	qs_engine *eng;
	qs_pool *pool;
	batch_job *const *jobs;
	size_t m;
	bool throttled;
	qs_error throttle_e;
	long flight;              /* a slot of the in-flight cap taken for the next request, -1 none */
	double idle_since;        /* since when no request could start for want of a limiter slot (0: one could) */
} sender;

/* The query entity of a lookup item (its rows' key). */
static const char *item_query_entity(json_object *item)
{
	const char *bid = qse_jstr(item, "bId");
	return bid && !strcmp(bid, "i") ? "Invoice" : "Customer";
}

/* A finished transfer of the pool: its answer classified as qs_qbo_batch,
 * qs_qbo_query or qs_qbo_create do. */
static void unit_done(sender *s, send_unit *u, qs_http_resp *resp, qs_status st, qs_error *te)
{
	qs_engine *eng = s->eng;
	batch_job *j = u->job;
	qs_qbo q;
	memset(&q, 0, sizeof(q));
	q.realm = eng->realm;
	q.access_token = eng->access;
	qse_pace_done(eng, &u->taken);
	qse_flight_release(eng, &u->flight);
	if (st == QS_OK && u->started > 0) {
		double took = qs_store_now() - u->started;
		eng->req_seconds = eng->req_seconds > 0 ? 0.8 * eng->req_seconds + 0.2 * took : took;
	}
	if (st != QS_OK) {
		u->r = st;
		qs_error_copy(&u->e, te);
		qs_http_resp_clear(resp);
	} else if (u->idx < 0) {
		u->r = j->query ? qs_qbo_query_answer(&q, resp, &u->resp, &u->e) : qs_qbo_batch_answer(&q, resp, &u->resp, &u->e);
	} else if (!j->recs) {
		u->r = qs_qbo_query_answer(&q, resp, &u->resp, &u->e);
	} else {
		u->r = qs_qbo_write_answer(&q, resp, j->recs[u->idx]->entity, &u->resp, &u->e);
	}
	/* a refused token: refreshed and sent again once the round is over */
	u->retry_token = u->r == QS_ETOKEN;
	qs_qbo_req_clear(&u->req);
	if (u->r == QS_ETHROTTLE && !s->throttled) {
		s->throttled = true;
		qs_error_copy(&s->throttle_e, &u->e);
	}
}

/* The multi handle itself failed: what is in flight is unknown. */
static void pool_failed(sender *s, const qs_error *we)
{
	size_t i, k;
	for (i = 0; i < s->m; i++) {
		batch_job *j = s->jobs[i];
		for (k = 0; k <= j->n_one; k++) {
			send_unit *u = k < j->n_one ? &j->one[k] : &j->u;
			qse_pace_done(s->eng, &u->taken);
			qse_flight_release(s->eng, &u->flight);
			if (u->req.url) {
				u->r = QS_ENET;
				qs_error_copy(&u->e, we);
				u->e.status = QS_ENET;
				qs_qbo_req_clear(&u->req);
			}
		}
	}
	qs_pool_free(s->pool);
	s->pool = NULL;
	s->eng->pool = NULL;
}

/* Runs the transfers in flight for up to wait seconds (-1: until one ends),
 * handling one that ends; sleeps when none is in flight. */
static void drive(sender *s, double wait)
{
	void *tag = NULL;
	qs_http_resp resp;
	qs_status st;
	qs_error te, we;
	if (s->pool && qs_pool_busy(s->pool) > 0) {
		qs_error_clear(&te);
		qs_error_clear(&we);
		if (qs_pool_wait(s->pool, wait < 0 ? -1 : (long)(wait * 1000) + 1, &tag, &resp, &st, &te, &we) != QS_OK) {
			pool_failed(s, &we);
		} else if (tag) {
			unit_done(s, tag, &resp, st, &te);
		}
	} else if (wait > 0) {
		struct timespec ts;
		ts.tv_sec = (time_t)wait;
		ts.tv_nsec = (long)((wait - (double)ts.tv_sec) * 1e9) + 1000000;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		nanosleep(&ts, NULL);
	}
}

/* Splits a /batch job into one request per item. */
static bool split_job(batch_job *j)
{
	size_t i, n = json_object_array_length(j->items);
	j->one = calloc(n ? n : 1, sizeof(*j->one));
	if (!j->one) {
		return false;
	}
	for (i = 0; i < n; i++) {
		j->one[i].job = j;
		j->one[i].idx = (long)i;
		j->one[i].flight = -1;
		qs_error_clear(&j->one[i].e);
	}
	j->n_one = n;
	j->next_one = 0;
	j->split = true;
	return true;
}

/* Starts u, whose slots (limiter and in-flight cap) it holds, in the pool. */
static qs_status start_prepared(sender *s, send_unit *u)
{
	qs_engine *eng = s->eng;
	batch_job *j = u->job;
	qs_qbo q;
	qs_status r;
	memset(&q, 0, sizeof(q));
	q.http = qse_http_get(eng, &u->e);
	q.api_base = eng->ep.api_base;
	q.realm = eng->realm;
	q.access_token = eng->access;
	q.minorversion = eng->minorversion;
	if (!q.http) {
		r = u->e.status ? u->e.status : QS_EINTERNAL;
	} else if (!s->pool) {
		r = qs_error_set(&u->e, QS_EINTERNAL, "The HTTP pool failed before this request started");
	} else if (u->idx < 0) {
		r = j->query ? qs_qbo_query_prepare(&q, j->query, &u->req, &u->e)
			: qs_qbo_batch_prepare(&q, j->items, u->rid, &u->req, &u->e);
	} else if (!j->recs) {
		r = qs_qbo_query_prepare(&q, qse_jstr(json_object_array_get_idx(j->items, (size_t)u->idx), "Query"), &u->req, &u->e);
	} else {
		wave_rec *x = j->recs[u->idx];
		char ver[24];
		snprintf(ver, sizeof(ver), "%lld", x->en.version);
		if (x->update) {
			/* the requestid the one-record path's update of this version uses */
			qse_make_rid(u->rid, eng->realm, x->en.kind, x->en.id, "u", ver, x->en.sync_token, NULL);
		} else {
			if (!x->en.create_rid[0]) {
				qse_make_rid(x->en.create_rid, eng->realm, x->en.kind, x->en.id, "cb", ver, NULL);
			}
			qs_strlcpy(u->rid, x->en.create_rid, sizeof(u->rid));
		}
		r = qs_qbo_write_prepare(&q, x->entity, x->body, u->rid, &u->req, &u->e);
	}
	if (r == QS_OK) {
		u->started = qs_store_now();
		if (u->idx < 0 || !j->recs) {
			qs_pool_set_note(s->pool, j->note);
		} else {
			/* one record of a split batch: the exchange log names it */
			char one[160];
			snprintf(one, sizeof(one), "%s %s", j->recs[u->idx]->en.kind, j->recs[u->idx]->en.id);
			qs_pool_set_note(s->pool, one);
		}
		r = qs_pool_add(s->pool, u, u->req.method, u->req.url, u->req.headers, u->req.body, u->req.body_len, &u->e);
		if (r != QS_OK) {
			qs_qbo_req_clear(&u->req);
		}
	}
	return r;
}

/* Whether a /batch that must wait `wait` seconds for a batch slot goes
 * sooner as single requests: only when the wait is longer than its items
 * take as single requests at QBO's concurrency (by how long requests took of
 * late). A batch slot that frees sooner carries them in one request, which
 * costs QBO (and a machine-bound sandbox) far less than thirty. */
static bool split_pays(const sender *s, const batch_job *j, double wait)
{
	size_t n = json_object_array_length(j->items);
	double turns = (double)((n + QS_QBO_CONCURRENT - 1) / QS_QBO_CONCURRENT);
	return wait > turns * s->eng->req_seconds;
}

/* Starts u, which holds its slots; a refusal gives them back and is its outcome. */
static void start_unit_slots(sender *s, send_unit *u)
{
	qs_status r;
	u->sent = true;
	if (s->throttled) {
		r = QS_ETHROTTLE;
		qs_error_copy(&u->e, &s->throttle_e);
	} else {
		r = start_prepared(s, u);
	}
	if (r != QS_OK) {
		qse_pace_done(s->eng, &u->taken);
		qse_flight_release(s->eng, &u->flight);
		u->r = r;
		if (r == QS_ETHROTTLE && !s->throttled) {
			s->throttled = true;
			qs_error_copy(&s->throttle_e, &u->e);
		}
	}
}

/* The first (or last) whole /batch job of the round not started yet, or NULL. */
static batch_job *whole_batch(sender *s, bool last)
{
	size_t i;
	for (i = 0; i < s->m; i++) {
		batch_job *j = s->jobs[last ? s->m - 1 - i : i];
		if (j->items && !j->query && !j->split && !j->u.sent) {
			return j;
		}
	}
	return NULL;
}

/* The next single request not started: an item of a split job, or a plain
 * query; NULL when none is left. */
static send_unit *next_single(sender *s)
{
	size_t i;
	for (i = 0; i < s->m; i++) {
		batch_job *j = s->jobs[i];
		if (j->items && j->split && j->next_one < j->n_one) {
			return &j->one[j->next_one];
		}
		if (j->items && j->query && !j->u.sent) {
			return &j->u;
		}
	}
	return NULL;
}

/* The next request not started of any kind (after a 429: to be refused), or NULL. */
static send_unit *next_any(sender *s)
{
	batch_job *head = whole_batch(s, false);
	send_unit *u = next_single(s);
	return u ? u : head ? &head->u : NULL;
}

/* u leaves the queue: an item of a split job is counted as started. */
static void take_unit(send_unit *u)
{
	if (u->idx >= 0) {
		u->job->next_one++;
	}
	u->sent = true;
}

/* u cannot start (the store failed taking a slot, the limiter found none):
 * r is its outcome; a throttle stops what is left of the round. */
static void refuse_unit(sender *s, send_unit *u, qs_status r, const qs_error *why)
{
	take_unit(u);
	u->r = r;
	qs_error_copy(&u->e, why);
	if (r == QS_ETHROTTLE && !s->throttled) {
		s->throttled = true;
		qs_error_copy(&s->throttle_e, why);
	}
}

/* Starts u with the sender's in-flight slot and the limiter slot taken at `taken`. */
static void start_with(sender *s, send_unit *u, double taken)
{
	take_unit(u);
	u->flight = s->flight;
	s->flight = -1;
	u->taken = taken;
	s->idle_since = 0;
	start_unit_slots(s, u);
}

/* Starts the next request of the round whose slots are free; false when
 * none can start now (*wait: seconds until a limiter slot may free, 0 when
 * nothing is left to start). Neither of QBO's budgets waits for the other:
 * a whole /batch goes while the window has batch requests left; when the
 * batch requests are spent and single requests are not, a single request
 * goes (an item of a split job, a plain query) and, when none is queued, the
 * last whole /batch of the round is split so that its items use them, while
 * the first ones keep waiting whole for the next batch slot. The only whole
 * /batch left is split only when its wait is longer than its items take as
 * single requests (split_pays). */
static bool start_next(sender *s, double *wait)
{
	qs_engine *eng = s->eng;
	batch_job *head, *tail = NULL;
	send_unit *one;
	double wb = 0, ws = 0, taken = 0, limit;
	qs_status r;
	qs_error e;

	*wait = 0;
	qs_error_clear(&e);
	if (s->throttled) {
		one = next_any(s);
		if (one) {
			refuse_unit(s, one, QS_ETHROTTLE, &s->throttle_e);
		}
		return one != NULL;
	}
	head = whole_batch(s, false);
	one = next_single(s);
	if (!head && !one) {
		return false;   /* every request of the round has started */
	}
	/* a slot of the company's in-flight cap (every process), then the limiter's */
	r = qse_flight_try(eng, &s->flight, &wb, &e);
	if (r == QS_OK && wb > 0) {
		*wait = wb;
		return false;
	}
	if (r == QS_OK && head) {
		r = qse_pace_try(eng, true, &wb, &taken, &e);
		if (r == QS_OK && wb <= 0) {
			start_with(s, &head->u, taken);
			return true;
		}
	}
	if (r == QS_OK && !one && head) {
		tail = whole_batch(s, true);
		if (tail == head && !split_pays(s, head, wb)) {
			tail = NULL;
		}
	}
	if (r == QS_OK && (one || tail)) {
		r = qse_pace_try(eng, false, &ws, &taken, &e);
		if (r == QS_OK && ws <= 0) {
			if (tail) {
				if (!split_job(tail)) {
					qse_pace_done(eng, &taken);
					qs_error_set(&e, QS_EINTERNAL, "Out of memory sending a batch as single requests");
					refuse_unit(s, &tail->u, QS_EINTERNAL, &e);
					return true;
				}
				tail->u.sent = true;
				one = &tail->one[0];
			}
			start_with(s, one, taken);
			return true;
		}
	}
	if (r != QS_OK) {
		refuse_unit(s, one ? one : &head->u, r, &e);
		qse_flight_release(eng, &s->flight);
		return true;
	}
	*wait = head && (!(one || tail) || wb < ws) ? wb : ws;
	if (*wait <= 0) {
		*wait = 0.001;
	}
	limit = eng->rate_window * 2 + 1 + 2.0 * (double)(eng->timeout_ms + eng->connect_timeout_ms) / 1000.0;
	if (s->idle_since <= 0) {
		s->idle_since = qs_store_now();
	} else if (qs_store_now() - s->idle_since > limit) {
		qs_error_set(&e, QS_ETHROTTLE, "The request limiter found no free slot for %.0f s: other processes use this company's QuickBooks limits",
			qs_store_now() - s->idle_since);
		refuse_unit(s, one ? one : &head->u, QS_ETHROTTLE, &e);
		qse_flight_release(eng, &s->flight);
		return true;
	}
	return false;
}

/* A split job's answers as the batch answer its callers read: an element
 * per item answered ({"bId", "<Entity>": ...} or {"bId", "QueryResponse"});
 * a batch of queries with an item failed is failed as a whole (its lookups
 * did not answer), a batch of writes keeps each item's own outcome
 * (split_failures). */
static void split_merge(batch_job *j)
{
	size_t i;
	json_object *resp = json_object_new_array();
	j->u.r = QS_OK;
	for (i = 0; i < j->n_one; i++) {
		send_unit *o = &j->one[i];
		json_object *item = json_object_array_get_idx(j->items, i), *el;
		if (o->r != QS_OK) {
			if (!j->recs && j->u.r == QS_OK) {
				j->u.r = o->r;
				qs_error_copy(&j->u.e, &o->e);
			}
			continue;
		}
		el = json_object_new_object();
		json_object_object_add(el, "bId", json_object_new_string(qse_jstr(item, "bId") ? qse_jstr(item, "bId") : ""));
		if (!j->recs) {
			json_object *qr = json_object_new_object();
			json_object_object_add(qr, item_query_entity(item), json_object_get(o->resp));
			json_object_object_add(el, "QueryResponse", qr);
		} else {
			json_object_object_add(el, j->recs[i]->entity, json_object_get(o->resp));
		}
		json_object_array_add(resp, el);
	}
	j->u.resp = resp;
}

/* A 401 answered: sent again through qse_api, which refreshes the token
 * first (once for the round, the others re-read it). */
static void retry_token(qs_engine *eng, batch_job *j, send_unit *u)
{
	json_object_put(u->resp);
	u->resp = NULL;
	qs_error_clear(&u->e);
	if (u->idx < 0) {
		u->r = j->query
			? qse_api(eng, OP_QUERY, j->entity, NULL, NULL, NULL, NULL, j->query, &u->resp, &u->e)
			: qse_api(eng, OP_BATCH, "Batch", j->items, NULL, NULL, u->rid, NULL, &u->resp, &u->e);
	} else if (!j->recs) {
		json_object *item = json_object_array_get_idx(j->items, (size_t)u->idx);
		u->r = qse_api(eng, OP_QUERY, item_query_entity(item), NULL, NULL, NULL, NULL, qse_jstr(item, "Query"), &u->resp, &u->e);
	} else {
		wave_rec *x = j->recs[u->idx];
		u->r = qse_api(eng, x->update ? OP_UPDATE : OP_CREATE, x->entity, x->body, NULL, NULL, u->rid, NULL, &u->resp, &u->e);
	}
}

/* Sends the round's requests together: at most QS_QBO_CONCURRENT in
 * flight, each taking its limiter slot (qse_pace_try) just before it
 * starts. /batch requests go while the window's batch requests last; while
 * they are spent, /batch requests of the round's end go as single requests
 * while those last (start_next, split_job), so both of QBO's budgets are used. After a 429 nothing more of the round
 * starts (those requests are QS_ETHROTTLE unsent, their records stay
 * queued); the transfers already in flight finish and count. */
static void send_jobs(qs_engine *eng, batch_job *const *jobs, size_t m)
{
	sender s;
	qs_error pe;
	size_t i, k;

	memset(&s, 0, sizeof(s));
	s.eng = eng;
	s.jobs = jobs;
	s.m = m;
	s.flight = -1;
	qs_error_clear(&pe);
	qs_error_clear(&s.throttle_e);
	s.pool = wave_pool(eng, &pe);
	for (i = 0; i < m; i++) {
		batch_job *j = jobs[i];
		qs_error_clear(&j->u.e);
		j->u.job = j;
		j->u.idx = -1;
		j->u.r = QS_OK;
		j->u.flight = -1;
		j->u.taken = 0;
		j->u.sent = false;
		if (j->items && !s.pool) {
			j->u.r = pe.status ? pe.status : QS_EINTERNAL;
			qs_error_copy(&j->u.e, &pe);
			j->u.sent = true;
		}
	}
	while (s.pool) {
		double wait = 0;
		while (s.pool && qs_pool_has_room(s.pool) && start_next(&s, &wait)) {
			wait = 0;
		}
		if (!s.pool || (qs_pool_busy(s.pool) == 0 && wait <= 0)) {
			break;
		}
		/* the transfers in flight go on while a slot is awaited */
		drive(&s, wait > 0 ? (wait > 0.5 ? 0.5 : wait) : -1);
	}
	qse_flight_release(eng, &s.flight);
	for (i = 0; i < m; i++) {
		batch_job *j = jobs[i];
		if (!j->items) {
			continue;
		}
		for (k = 0; k <= j->n_one; k++) {
			send_unit *u = k < j->n_one ? &j->one[k] : &j->u;
			if (u == &j->u && j->split) {
				continue;
			}
			if (!u->sent) {
				/* never started: the pool failed first */
				u->r = qs_error_set(&u->e, QS_EINTERNAL, "The HTTP pool failed before this request started");
				u->sent = true;
			} else if (u->retry_token) {
				retry_token(eng, j, u);
			}
		}
		if (j->split) {
			split_merge(j);
		}
	}
}

/* The jobs of a and b sent together (b may be empty). */
static void send_rounds(qs_engine *eng, batch_job *a, size_t na, batch_job *b, size_t nb)
{
	batch_job *all[QSE_WAVES_MAX * 4];
	size_t i, m = 0;
	for (i = 0; i < na && m < sizeof(all) / sizeof(all[0]); i++) {
		all[m++] = &a[i];
	}
	for (i = 0; i < nb && m < sizeof(all) / sizeof(all[0]); i++) {
		all[m++] = &b[i];
	}
	send_jobs(eng, all, m);
}

static void jobs_clear(batch_job *jobs, size_t m)
{
	size_t i, k;
	for (i = 0; i < m; i++) {
		json_object_put(jobs[i].items);
		json_object_put(jobs[i].u.resp);
		qs_qbo_req_clear(&jobs[i].u.req);
		for (k = 0; k < jobs[i].n_one; k++) {
			json_object_put(jobs[i].one[k].resp);
			qs_qbo_req_clear(&jobs[i].one[k].req);
		}
		free(jobs[i].one);
		free(jobs[i].note);
		memset(&jobs[i], 0, sizeof(jobs[i]));
	}
}

/* The records of a split batch of writes whose own request did not answer
 * with the record: decided per record as a batch's item would be (a
 * duplicate or a stale token: the one-record path's guards; another fault:
 * Error; no answer, 5xx, a 4xx without a Fault: uncertain, settled by its
 * natural key on the retry). */
static void split_failures(qs_engine *eng, batch_job *j)
{
	size_t i;
	for (i = 0; j->split && j->recs && i < j->n_one; i++) {
		send_unit *o = &j->one[i];
		wave_rec *x = j->recs[i];
		if (o->r == QS_OK || x->settled || x->single) {
			continue;
		}
		if (o->r == QS_EAPI && o->e.code[0]) {
			qs_qbo_fault f = qs_qbo_fault_of(o->e.code);
			if (f == QS_QBO_FAULT_DUP_NAME || f == QS_QBO_FAULT_DUP_NUMBER || f == QS_QBO_FAULT_STALE) {
				x->single = true;
				continue;
			}
			qs_error_copy(&x->de, &o->e);
			settle(x, QS_EAPI, "sent");
		} else {
			uncertain(eng, x, o->r == QS_EAPI ? QS_ESERVER : o->r, &o->e);
		}
	}
}

/* One wave of a round: its records and where their outcomes go. */
typedef struct wave {
	wave_rec *w;
	size_t n;
	qse_wave_out *out;
	wave_rec *by_bid[QS_BATCH_MAX];
	size_t k;
	long long mark[2];        /* the store's mark in its claim's transaction */
} wave;


/* Claims the wave's records in one transaction. */
static qs_status claim_wave(qs_engine *eng, wave *v, const char *const *kinds, const char *const *ids, qs_error *e)
{
	size_t i;
	wave_rec *w = v->w;
	qs_status r = qs_store_begin(eng->store, true, e);
	for (i = 0; r == QS_OK && i < v->n; i++) {
		/* a first create gets its batch requestid in the claim's own write */
		r = qse_claim_batch(eng, kinds[i], ids[i], &w[i].en, &v->out[i].busy, &v->out[i].state, e);
		w[i].claimed = r == QS_OK && !v->out[i].busy;
		w[i].dv = w[i].en.q_version;
		w[i].in_qbo = w[i].claimed && w[i].en.qbo_id[0];
		if (w[i].claimed && w[i].en.row_id > 0 && w[i].en.q_row_id > 0) {
			/* the rows as this claim wrote them, kept for the apply */
			w[i].claimed_row = malloc(sizeof(qs_entity));
			if (w[i].claimed_row) {
				*w[i].claimed_row = w[i].en;
				w[i].claimed_row->doc = w[i].en.doc ? strdup(w[i].en.doc) : NULL;
				if (w[i].en.doc && !w[i].claimed_row->doc) {
					free(w[i].claimed_row);
					w[i].claimed_row = NULL;
				}
			}
		}
	}
	v->mark[0] = v->mark[1] = 0;
	if (r == QS_OK) {
		qs_store_rows_mark(eng->store, v->mark);
		r = qs_store_commit(eng->store, e);
	} else {
		qs_store_rollback(eng->store);
	}
	return r;
}

qs_status qse_deliver_waves(qs_engine *eng, const char *const *kinds, const char *const *ids, size_t n,
	size_t per, qse_wave_out *out, qs_error *e)
{
	wave_rec *w;
	wave waves[QSE_WAVES_MAX];
	batch_job jobs[QSE_WAVES_MAX], qjobs[4];
	struct qse_ref_memo *memo;
	size_t i, nw = 0, v, claimed_waves = 0;
	unsigned singles = 0;
	struct qse_round round;
	long long chain[2];
	qs_status r = QS_OK;

	if (per < 1 || per > QS_BATCH_MAX) {
		per = QS_BATCH_MAX;
	}
	if (n > per * QSE_WAVES_MAX) {
		n = per * QSE_WAVES_MAX;
	}
	memset(out, 0, sizeof(*out) * n);
	for (i = 0; i < n; i++) {
		out[i].state = QS__STATE_COUNT;   /* none read yet */
	}
	r = qse_ensure_token(eng, -1, e);
	if (r != QS_OK) {
		/* each record records why (not connected, disconnected, ...) */
		for (i = 0; i < n; i++) {
			out[i].r = qse_deliver_one(eng, kinds[i], ids[i], &out[i].busy, &out[i].state, &out[i].e);
		}
		return QS_OK;
	}
	qse_ensure_company(eng);
	w = calloc(n ? n : 1, sizeof(*w));
	if (!w) {
		return qs_error_set(e, QS_EINTERNAL, "Out of memory planning a delivery wave");
	}
	memset(jobs, 0, sizeof(jobs));
	memset(qjobs, 0, sizeof(qjobs));
	for (i = 0; i < n; i += per) {
		waves[nw].w = w + i;
		waves[nw].n = n - i < per ? n - i : per;
		waves[nw].out = out + i;
		waves[nw].k = 0;
		nw++;
	}

	/* 1. plan: claim each wave in one transaction, then bodies */
	for (v = 0; v < nw && r == QS_OK; v++) {
		r = claim_wave(eng, &waves[v], kinds + (waves[v].w - w), ids + (waves[v].w - w), e);
		if (r == QS_OK) {
			claimed_waves++;
		}
	}
	if (r != QS_OK && claimed_waves == 0) {
		for (i = 0; i < n; i++) {
			qs_entity_clear(&w[i].en);
			drop_claimed_row(&w[i]);
		}
		free(w);
		return r;
	}
	/* a store failure after the first wave: the waves claimed are delivered,
	 * the rest (not claimed) stay queued and the error is returned */
	nw = claimed_waves;
	chain[0] = waves[nw - 1].mark[0];
	chain[1] = waves[nw - 1].mark[1];
	qse_ref_memo_begin(eng);
	/* the plan's reads (mappings, the records referred to) in one snapshot */
	qs_store_read_begin(eng->store);
	for (i = 0; i < (size_t)(waves[nw - 1].w - w) + waves[nw - 1].n; i++) {
		w[i].ctx.eng = eng;
		w[i].ctx.kind = w[i].en.kind;
		w[i].ctx.id = w[i].en.id;
		w[i].ctx.no_deliver = true;
		qs_error_clear(&w[i].de);
		if (w[i].claimed) {
			plan_one(eng, &w[i]);
		}
	}
	qs_store_read_end(eng->store);
	/* the memo is set aside while records are sent (the one-record path reads
	 * the store) and serves again when the answers are verified */
	qse_ref_memo_plan_end(eng);
	memo = eng->ref_memo;
	eng->ref_memo = NULL;

	/* 2. send: the round's packed lookups (one query per field for every
	 * wave of it, as plain requests, so that QBO's 40 /batch requests a
	 * minute go to writes; a round of one wave with several queries sends
	 * them as one /batch, the fewest requests), then the waves' batches of
	 * writes together, then the one-record path */
	{
		size_t total = (size_t)(waves[nw - 1].w - w) + waves[nw - 1].n, q, nq, nj = 0;
		json_object *litems = lookup_items(w, total), *resp;
		qs_status lr = QS_OK;
		const qs_error *le = NULL;
		nq = litems ? json_object_array_length(litems) : 0;
		if (nq > 1 && nw == 1) {
			char nonce[32];
			jobs[0].items = litems;
			jobs[0].note = lookup_note(w, total);
			snprintf(nonce, sizeof(nonce), "%.6f.0", qs_store_now());
			qse_make_rid(jobs[0].u.rid, eng->realm, "lookup", eng->owner, nonce, NULL);
			send_rounds(eng, jobs, 1, NULL, 0);
			if (jobs[0].u.r == QS_OK) {
				lookup_apply(w, total, jobs[0].u.resp);
			} else {
				lookup_failed(w, total, jobs[0].u.r, &jobs[0].u.e);
			}
			jobs_clear(jobs, 1);
		} else if (nq > 0) {
			for (q = 0; q < nq && nj < sizeof(qjobs) / sizeof(qjobs[0]); q++) {
				json_object *it = json_object_array_get_idx(litems, q);
				qjobs[nj].items = json_object_get(it);
				qjobs[nj].query = qse_jstr(it, "Query");
				qjobs[nj].entity = item_query_entity(it);
				nj++;
			}
			send_rounds(eng, qjobs, nj, NULL, 0);
			/* the answers as the batch answer lookup_apply reads */
			resp = json_object_new_array();
			for (q = 0; q < nj; q++) {
				json_object *it = json_object_new_object(), *qr = json_object_new_object();
				if (qjobs[q].u.r != QS_OK && lr == QS_OK) {
					lr = qjobs[q].u.r;
					le = &qjobs[q].u.e;
				}
				json_object_object_add(it, "bId", json_object_new_string(qse_jstr(qjobs[q].items, "bId")));
				if (qjobs[q].u.r == QS_OK) {
					json_object_object_add(qr, qjobs[q].entity, json_object_get(qjobs[q].u.resp));
					json_object_object_add(it, "QueryResponse", qr);
				} else {
					json_object_put(qr);
				}
				json_object_array_add(resp, it);
			}
			if (lr == QS_OK) {
				lookup_apply(w, total, resp);
			} else {
				lookup_failed(w, total, lr, le);
			}
			json_object_put(resp);
			json_object_put(litems);
			jobs_clear(qjobs, nj);
		}
	}
	for (v = 0; v < nw; v++) {
		char nonce[32];
		jobs[v].items = write_items(waves[v].w, waves[v].n, waves[v].by_bid, &waves[v].k);
		if (jobs[v].items) {
			jobs[v].recs = waves[v].by_bid;
			snprintf(nonce, sizeof(nonce), "%.6f", qs_store_now());
			qse_make_rid(jobs[v].u.rid, eng->realm, "batch", eng->owner, waves[v].by_bid[0]->en.kind,
				waves[v].by_bid[0]->en.id, nonce, NULL);
			jobs[v].note = batch_note(waves[v].by_bid, waves[v].k);
		}
	}
	send_rounds(eng, jobs, nw, NULL, 0);
	for (v = 0; v < nw; v++) {
		if (jobs[v].items) {
			split_failures(eng, &jobs[v]);
			write_apply(eng, waves[v].by_bid, waves[v].k, jobs[v].u.r, &jobs[v].u.e, jobs[v].u.resp);
		}
	}
	jobs_clear(jobs, nw);
	for (v = 0; v < nw; v++) {
		for (i = 0; i < waves[v].n; i++) {
			wave_rec *x = &waves[v].w[i];
			if (x->claimed && !x->settled && x->single) {
				x->order = ++singles;
				send_single(eng, x);
			}
		}
	}

	/* 3. Synced only when QBO holds the document's money: batched writes are
	 * checked against QBO's answer, the one-record path's reads it back */
	eng->ref_memo = memo;
	/* its reads (the invoices a payment applies to, write-offs) in one read snapshot too */
	qs_store_read_begin(eng->store);
	for (v = 0; v < nw; v++) {
		for (i = 0; i < waves[v].n; i++) {
			wave_rec *x = &waves[v].w[i];
			if (x->claimed && x->settled && x->dr == QS_OK && x->dv && x->op) {
				x->dr = qse_verify_delivery(eng, &x->en, x->single ? NULL : x->norm, &x->ctx, x->single ? x->ctx.answer : x->answer,
					&x->op, &x->de);
			}
		}
	}
	qs_store_read_end(eng->store);

	qse_ref_memo_end(eng);

	/* 4. apply: one transaction per wave; a QBO refusal there may be the
	 * order of the round's own writes (qse_round_landed_on) */
	round.w = w;
	round.n = (size_t)(waves[nw - 1].w - w) + waves[nw - 1].n;
	eng->round = &round;
	for (v = 0; v < nw; v++) {
		qs_error ae;
		qs_status ar;
		qs_error_clear(&ae);
		ar = apply_wave(eng, waves[v].w, waves[v].n, waves[v].out, waves[v].mark, chain, &ae);
		if (ar == QS_ESTORE) {
			/* a transient store failure (a lock cycle's victim, a busy file):
			 * the outcomes are written again, else the claims wait for their lease */
			int tries;
			for (tries = 1; ar == QS_ESTORE && tries < 4; tries++) {
				struct timespec ts = { 0, 20000000L * tries };
				nanosleep(&ts, NULL);
				qs_error_clear(&ae);
				ar = apply_wave(eng, waves[v].w, waves[v].n, waves[v].out, waves[v].mark, chain, &ae);
			}
		}
		if (ar != QS_OK && r == QS_OK) {
			r = ar;
			qs_error_copy(e, &ae);
		}
	}
	eng->round = NULL;
	for (i = 0; i < n; i++) {
		json_object_put(w[i].norm);
		json_object_put(w[i].body);
		json_object_put(w[i].answer);
		json_object_put(w[i].ctx.answer);
		qs_entity_clear(&w[i].en);
		drop_claimed_row(&w[i]);
	}
	free(w);
	return r;
}
