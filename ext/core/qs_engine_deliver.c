/* qs_engine_deliver: sending one outbox record: the claim (owner + time, in
 * a transaction; dead or stale claims taken over), reference resolution with
 * Waiting, natural-key guards that link instead of duplicating, create with
 * the persisted requestid / update with SyncToken (5010 retried) / void, and
 * the outcome with the retry policy. */
#include "qs_engine_int.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

/* Is the process that claimed an event gone? Owner: "pid@host#nonce". */
static bool owner_dead(qs_engine *eng, const char *owner)
{
	char host[64];
	const char *at, *hash;
	long pid;
	size_t hl;
	if (!owner || !*owner) {
		return true;
	}
	pid = strtol(owner, NULL, 10);
	at = strchr(owner, '@');
	hash = strchr(owner, '#');
	if (!at || !hash || hash < at || pid <= 0) {
		return false;
	}
	hl = (size_t)(hash - at - 1);
	if (hl >= sizeof(host)) {
		return false;
	}
	memcpy(host, at + 1, hl);
	host[hl] = '\0';
	if (strcmp(host, eng->host) != 0) {
		return false;   /* another machine: only the claim age tells */
	}
	if ((pid_t)pid == getpid()) {
		return false;   /* another engine of this live process */
	}
	return kill((pid_t)pid, 0) == -1 && errno == ESRCH;
}

static double stale_after(qs_engine *eng)
{
	double t = (double)(eng->timeout_ms > eng->inline_timeout_ms ? eng->timeout_ms : eng->inline_timeout_ms) / 1000.0;
	return t * 2 + 30;
}

bool qse_claim_stale(qs_engine *eng, const char *owner, double claimed, double now)
{
	if (strcmp(owner, eng->owner) == 0) {
		return false;
	}
	return owner_dead(eng, owner) || claimed < now - stale_after(eng);
}


/* ------------------------------------------------------------------ resolver */





static qs_status save_mapping(qs_engine *eng, const char *kind, const char *local_id, const char *purpose,
	const char *qbo_id, const char *name, qs_error *e)
{
	qs_mapping m;
	memset(&m, 0, sizeof(m));
	qs_strlcpy(m.kind, kind, sizeof(m.kind));
	qs_strlcpy(m.local_id, local_id, sizeof(m.local_id));
	qs_strlcpy(m.purpose, purpose ? purpose : "", sizeof(m.purpose));
	qs_strlcpy(m.qbo_id, qbo_id, sizeof(m.qbo_id));
	qs_strlcpy(m.name, name ? name : "", sizeof(m.name));
	m.created = qs_store_now();
	return qs_store_map_put(eng->store, eng->conn_key, &m, e);
}

/* The first active QBO account of type (AccountType), remembered as the
 * mapping account "*" for purpose; none is the QS_ECONFIG message when there
 * is no such account. */
static qs_status first_account(qs_engine *eng, const char *type, const char *purpose, char out[32],
	qs_error *e, const char *none)
{
	json_object *rows = NULL, *row;
	qs_status r = qse_find_by(eng, "Account", "AccountType", type, false, &rows, e);
	if (r != QS_OK) {
		json_object_put(rows);
		return r;
	}
	row = qse_first_row(rows);
	if (!row || !qse_jstr(row, "Id")) {
		json_object_put(rows);
		return qs_error_set(e, QS_ECONFIG, "%s", none);
	}
	qs_strlcpy(out, qse_jstr(row, "Id"), 32);
	r = save_mapping(eng, "account", "*", purpose, out, qse_jstr(row, "Name"), e);
	json_object_put(rows);
	return r;
}

/* The income account for new items: mapping account/income, else the first active Income account. */
qs_status qse_income_account(qs_engine *eng, char out[32], qs_error *e)
{
	qs_mapping m;
	bool found = false;
	qs_status r = qs_store_map_get(eng->store, eng->conn_key, "account", "*", "income", &m, &found, e);
	if (r == QS_OK && !found) {
		r = qs_store_map_any(eng->store, eng->conn_key, "account", "income", &m, &found, e);
	}
	if (r != QS_OK) {
		return r;
	}
	if (found) {
		qs_strlcpy(out, m.qbo_id, 32);
		return QS_OK;
	}
	return first_account(eng, "Income", "income", out, e,
		"QuickBooks has no active Income account for new items: map one with qbo_map($conn, 'account', '*', '<Id>', ['purpose' => 'income'])");
}

/* Refunds are paid from a cash account: the first active Bank account, remembered. */
static qs_status refund_account(qs_engine *eng, char out[32], qs_error *e)
{
	return first_account(eng, "Bank", "refund", out, e,
		"QuickBooks has no active Bank account to pay refunds from: map one with qbo_map($conn, 'account', '*', '<Id>', ['purpose' => 'refund'])");
}

#define DEFAULT_ITEM_NAME "Billing Services"

/* The fallback item (mapping item "*"), found or created as a Service item. */
static qs_status fallback_item(qs_engine *eng, char out[32], qs_error *e)
{
	qs_mapping m;
	bool found = false;
	json_object *rows = NULL, *row, *body, *created = NULL;
	char income[32], rid[64];
	qs_status r = qs_store_map_get(eng->store, eng->conn_key, "item", "*", NULL, &m, &found, e);
	if (r != QS_OK) {
		return r;
	}
	if (found) {
		qs_strlcpy(out, m.qbo_id, 32);
		return QS_OK;
	}
	r = qse_find_by(eng, "Item", "Name", DEFAULT_ITEM_NAME, true, &rows, e);
	if (r != QS_OK) {
		json_object_put(rows);
		return r;
	}
	row = qse_first_row(rows);
	if (row && qse_jstr(row, "Id")) {
		qs_strlcpy(out, qse_jstr(row, "Id"), 32);
		r = save_mapping(eng, "item", "*", NULL, out, DEFAULT_ITEM_NAME, e);
		json_object_put(rows);
		return r;
	}
	json_object_put(rows);
	r = qse_income_account(eng, income, e);
	if (r != QS_OK) {
		return r;
	}
	body = json_object_new_object();
	json_object_object_add(body, "Name", json_object_new_string(DEFAULT_ITEM_NAME));
	json_object_object_add(body, "Type", json_object_new_string("Service"));
	{
		json_object *ref = json_object_new_object();
		json_object_object_add(ref, "value", json_object_new_string(income));
		json_object_object_add(body, "IncomeAccountRef", ref);
	}
	qse_make_rid(rid, eng->realm, "item", "*", "fallback", NULL);
	r = qse_api(eng, OP_CREATE, "Item", body, NULL, NULL, rid, NULL, &created, e);
	json_object_put(body);
	if (r == QS_EAPI && !strcmp(e->code, "6240")) {
		/* made by someone else meanwhile */
		r = qse_find_by(eng, "Item", "Name", DEFAULT_ITEM_NAME, true, &rows, e);
		row = qse_first_row(rows);
		if (r == QS_OK && row && qse_jstr(row, "Id")) {
			qs_strlcpy(out, qse_jstr(row, "Id"), 32);
			r = save_mapping(eng, "item", "*", NULL, out, DEFAULT_ITEM_NAME, e);
		} else if (r == QS_OK) {
			r = qs_error_set(e, QS_EAPI, "QuickBooks says an item named '%s' exists but it cannot be found; map the fallback item with qbo_map($conn, 'item', '*', '<Id>')", DEFAULT_ITEM_NAME);
		}
		json_object_put(rows);
		return r;
	}
	if (r != QS_OK) {
		json_object_put(created);
		return r;
	}
	qs_strlcpy(out, qse_jstr(created, "Id") ? qse_jstr(created, "Id") : "", 32);
	json_object_put(created);
	qse_log_msg(eng, "info", "item", "*", "Created the fallback item '%s' (QBO Item %s)", DEFAULT_ITEM_NAME, out);
	return save_mapping(eng, "item", "*", NULL, out, DEFAULT_ITEM_NAME, e);
}

/* reason without its leading "<Kind> <id>: " (it is quoted after that record's name). */
static const char *reason_body(const char *kind, const char *id, const char *reason)
{
	const char *label = qse_entity_label(kind);
	size_t ll = strlen(label), il = strlen(id);
	if (!strncmp(reason, label, ll) && reason[ll] == ' ' && !strncmp(reason + ll + 1, id, il)
			&& reason[ll + 1 + il] == ':' && reason[ll + 2 + il] == ' ') {
		return reason + ll + il + 3;
	}
	return reason;
}

/* A local record another one depends on: its QBO Id, delivering it first when queued. */
static qs_status resolve_local(deliver_ctx *c, const char *kind, const char *local_id, char qbo_id[32],
	bool *never_pushed, qs_error *e)
{
	qs_engine *eng = c->eng;
	qs_entity dep;
	qs_status r;
	*never_pushed = false;
	r = qs_store_entity_get(eng->store, eng->conn_key, kind, local_id, &dep, e);
	if (r != QS_OK) {
		return r;
	}
	if (dep.exists && !dep.qbo_id[0] && !dep.q_status[0] && !strcmp(kind, "customer") && !strcmp(dep.state, "Skipped")
			&& strstr(dep.reason, "(option sync_start)")) {
		/* a customer from before the sync start date goes after all when a later record needs it */
		qs_entity_clear(&dep);
		r = qse_begin_entity(eng, kind, local_id, &dep, e);
		if (r != QS_OK) {
			return r;
		}
		qs_strlcpy(dep.state, "Not Tried", sizeof(dep.state));
		dep.reason[0] = '\0';
		qs_strlcpy(dep.q_status, "queued", sizeof(dep.q_status));
		dep.q_version = dep.version;
		dep.q_attempts = 0;
		dep.next_try = qs_store_now();
		r = qse_save_commit(eng, &dep, e);
		qs_entity_clear(&dep);
		if (r != QS_OK) {
			return r;
		}
		r = qs_store_entity_get(eng->store, eng->conn_key, kind, local_id, &dep, e);
		if (r != QS_OK) {
			return r;
		}
	}
	if (dep.exists && !dep.qbo_id[0] && dep.q_status[0] && eng->depth < MAX_DEPTH) {
		bool busy = false;
		char st[16];
		qs_error e2;
		qs_error_clear(&e2);
		qs_entity_clear(&dep);
		r = qse_deliver_one(eng, kind, local_id, &busy, st, &e2);
		if (r == QS_EAUTH || r == QS_ESTORE || r == QS_ENET || r == QS_ESERVER || r == QS_ETHROTTLE) {
			qs_error_copy(e, &e2);
			return r;
		}
		r = qs_store_entity_get(eng->store, eng->conn_key, kind, local_id, &dep, e);
		if (r != QS_OK) {
			return r;
		}
	}
	if (dep.exists && dep.qbo_id[0] && strcmp(dep.state, "Mismatch") != 0) {
		qs_strlcpy(qbo_id, dep.qbo_id, 32);
		qs_entity_clear(&dep);
		return QS_OK;
	}
	qs_strlcpy(c->wait_kind, kind, sizeof(c->wait_kind));
	qs_strlcpy(c->wait_id, local_id, sizeof(c->wait_id));
	if (!dep.exists) {
		*never_pushed = true;
		r = qs_error_set(e, QS_EWAITING, "Waiting on %s %s", kind, local_id);
	} else if (!strcmp(dep.state, "Error") || !strcmp(dep.state, "Mismatch")) {
		r = qs_error_set(e, QS_EWAITING, "Waiting on %s %s, which is in %s: %s", kind, local_id, dep.state,
			reason_body(kind, local_id, dep.reason));
	} else {
		r = qs_error_set(e, QS_EWAITING, "Waiting on %s %s", kind, local_id);
	}
	qs_entity_clear(&dep);
	return r;
}

qs_status qse_resolve(void *ud, const char *kind, const char *local_id, char qbo_id[32], qs_error *e)
{
	deliver_ctx *c = ud;
	qs_engine *eng = c->eng;
	qs_mapping m;
	bool found = false, never = false;
	qs_status r;
	const char *purpose = NULL;
	char mkind[24];

	qbo_id[0] = '\0';
	qs_strlcpy(mkind, kind, sizeof(mkind));
	if (!strncmp(kind, "account:", 8)) {
		purpose = kind + 8;
		qs_strlcpy(mkind, "account", sizeof(mkind));
	}
	if (!local_id) {
		local_id = "*";
	}
	/* 1. an explicit mapping */
	r = qs_store_map_get(eng->store, eng->conn_key, mkind, local_id, purpose, &m, &found, e);
	if (r != QS_OK) {
		return r;
	}
	if (found) {
		qs_strlcpy(qbo_id, m.qbo_id, 32);
		return QS_OK;
	}
	if (!strcmp(kind, "customer") || !strcmp(kind, "invoice") || !strcmp(kind, "payment")
			|| !strcmp(kind, "credit") || !strcmp(kind, "refund")) {
		return resolve_local(c, kind, local_id, qbo_id, &never, e);
	}
	if (!strcmp(kind, "item")) {
		if (strcmp(local_id, "*") != 0) {
			r = resolve_local(c, kind, local_id, qbo_id, &never, e);
			if (r != QS_EWAITING || !never) {
				return r;
			}
			/* an item never pushed: the fallback item */
			c->wait_kind[0] = c->wait_id[0] = '\0';
			qs_error_clear(e);
		}
		return fallback_item(eng, qbo_id, e);
	}
	if (purpose) {
		r = qs_store_map_get(eng->store, eng->conn_key, "account", "*", purpose, &m, &found, e);
		if (r == QS_OK && !found) {
			r = qs_store_map_any(eng->store, eng->conn_key, "account", purpose, &m, &found, e);
		}
		if (r != QS_OK) {
			return r;
		}
		if (found) {
			qs_strlcpy(qbo_id, m.qbo_id, 32);
			return QS_OK;
		}
		if (!strcmp(purpose, "income")) {
			return qse_income_account(eng, qbo_id, e);
		}
		if (!strcmp(purpose, "refund")) {
			return refund_account(eng, qbo_id, e);
		}
		return QS_OK;   /* no mapping: QBO's default account (empty id) */
	}
	if (!strcmp(kind, "tax")) {
		if (!strcmp(local_id, "*")) {
			return QS_OK;
		}
		/* an unmapped tax is never dropped: the record waits until qbo_map('tax') maps it */
		qs_strlcpy(c->wait_kind, "tax", sizeof(c->wait_kind));
		qs_strlcpy(c->wait_id, local_id, sizeof(c->wait_id));
		return qs_error_set(e, QS_EWAITING, "Waiting on tax \"%s\": map it to a QuickBooks tax code with qbo_map($conn, 'tax', '%s', '<QBO TaxCode Id>')",
			local_id, local_id);
	}
	/* payment_method, term, currency: optional; no mapping means none */
	if (strcmp(local_id, "*") != 0) {
		r = qs_store_map_get(eng->store, eng->conn_key, mkind, "*", NULL, &m, &found, e);
		if (r == QS_OK && found) {
			qs_strlcpy(qbo_id, m.qbo_id, 32);
		}
		return r;
	}
	return QS_OK;
}

/* ------------------------------------------------------------------ upsert */

static const char *customer_email(json_object *row)
{
	return qse_jstr(qse_jget(row, "PrimaryEmailAddr"), "Address");
}

/* Customer natural key: DisplayName (inactive too). Same email or none there:
 * adopt; different email: the name gets the local id ("Jane Doe (17)"). */
static qs_status customer_guard(qs_engine *eng, const char *id, json_object *norm, json_object *body,
	json_object **adopt, qs_error *e)
{
	const char *email = qse_jstr(norm, "email");
	const char *name = qse_jstr(body, "DisplayName");
	char *base = NULL;
	json_object *rows = NULL, *row;
	qs_status r;
	int pass;
	*adopt = NULL;
	if (!name) {
		return QS_OK;
	}
	base = strdup(name);
	if (!base) {
		return qs_error_set(e, QS_EINTERNAL, "Out of memory");
	}
	for (pass = 0; pass < 2; pass++) {
		char *cand;
		if (pass == 0) {
			cand = strdup(base);
		} else {
			cand = qs_map_unique_name(base, id);   /* within QBO's 500 characters */
		}
		if (!cand) {
			free(base);
			return qs_error_set(e, QS_EINTERNAL, "Out of memory");
		}
		r = qse_find_by(eng, "Customer", "DisplayName", cand, true, &rows, e);
		if (r != QS_OK) {
			free(cand);
			free(base);
			json_object_put(rows);
			return r;
		}
		row = qse_first_row(rows);
		if (!row && pass == 0 && email && *email) {
			/* no such name: a QBO customer with our email that no other local
			 * customer is linked to is the same person under another name */
			json_object *byemail = NULL;
			if (qse_find_by(eng, "Customer", "PrimaryEmailAddr", email, false, &byemail, e) == QS_OK
					&& byemail && json_object_array_length(byemail) == 1 && qse_jstr(qse_first_row(byemail), "Id")) {
				char other[65];
				bool taken = true;
				if (qs_store_entity_by_qbo(eng->store, eng->conn_key, "customer", qse_jstr(qse_first_row(byemail), "Id"),
						other, &taken, e) == QS_OK && (!taken || !strcmp(other, id))) {
					*adopt = json_object_get(qse_first_row(byemail));
					free(cand);
					free(base);
					json_object_put(byemail);
					json_object_put(rows);
					return QS_OK;
				}
			}
			json_object_put(byemail);
			qs_error_clear(e);
		}
		if (!row) {
			json_object_object_add(body, "DisplayName", json_object_new_string(cand));
			free(cand);
			free(base);
			json_object_put(rows);
			return QS_OK;
		}
		if (!customer_email(row) || !*customer_email(row) || !email || qse_email_eq(customer_email(row), email)) {
			*adopt = json_object_get(row);
			free(cand);
			free(base);
			json_object_put(rows);
			return QS_OK;
		}
		free(cand);
		json_object_put(rows);
		rows = NULL;
	}
	free(base);
	return qs_error_set(e, QS_EAPI, "Customer %s: QuickBooks already has customers named '%s' and '%s (%s)' with other email addresses; map the customer with qbo_map()",
		id, name, name, id);
}

static qs_status docnumber_guard(qs_engine *eng, const char *entity, json_object *body, json_object **adopt, qs_error *e)
{
	const char *num = qse_jstr(body, "DocNumber");
	const char *cust = qse_jstr(qse_jget(body, "CustomerRef"), "value");
	json_object *rows = NULL, *row;
	qs_status r;
	*adopt = NULL;
	if (!num || !*num) {
		return QS_OK;
	}
	r = qse_find_by(eng, entity, "DocNumber", num, false, &rows, e);
	if (r != QS_OK) {
		json_object_put(rows);
		return r;
	}
	row = qse_first_row(rows);
	if (row) {
		const char *rc = qse_jstr(qse_jget(row, "CustomerRef"), "value");
		if (!cust || !rc || !strcmp(cust, rc)) {
			*adopt = json_object_get(row);
		}
	}
	json_object_put(rows);
	return QS_OK;
}

/* Payments have no natural key: our marker "qbosync:payment:<id>" in PrivateNote. */
static qs_status marker_guard(qs_engine *eng, const char *entity, const char *kind, const char *id,
	json_object *body, json_object **adopt, qs_error *e)
{
	const char *date = qse_jstr(body, "TxnDate");
	json_object *rows = NULL;
	char marker[128];
	size_t i, n;
	qs_status r;
	*adopt = NULL;
	if (!date) {
		return QS_OK;
	}
	snprintf(marker, sizeof(marker), "qbosync:%s:%s", kind, id);
	r = qse_find_by(eng, entity, "TxnDate", date, false, &rows, e);
	if (r != QS_OK) {
		json_object_put(rows);
		return r == QS_EAPI ? QS_OK : r;
	}
	n = rows ? json_object_array_length(rows) : 0;
	for (i = 0; i < n; i++) {
		json_object *row = json_object_array_get_idx(rows, i);
		const char *note = qse_jstr(row, "PrivateNote");
		if (note && strstr(note, marker)) {
			size_t ml = strlen(marker);
			const char *hit = strstr(note, marker);
			char after = hit[ml];
			if (after == '\0' || after == ' ' || after == ';' || after == '\n' || after == ',') {
				*adopt = json_object_get(row);
				break;
			}
		}
	}
	json_object_put(rows);
	return QS_OK;
}

static void take_ids(qs_entity *en, json_object *obj)
{
	const char *id = qse_jstr(obj, "Id"), *tok = qse_jstr(obj, "SyncToken");
	if (id) {
		qs_strlcpy(en->qbo_id, id, sizeof(en->qbo_id));
	}
	if (tok) {
		qs_strlcpy(en->sync_token, tok, sizeof(en->sync_token));
	}
}

/* Reads en's QBO record again and takes its current Id and SyncToken. */
static qs_status reread_ids(qs_engine *eng, qs_entity *en, const char *entity, qs_error *e)
{
	json_object *cur = NULL;
	qs_status r = qse_api(eng, OP_READ, entity, NULL, en->qbo_id, NULL, NULL, NULL, &cur, e);
	if (r == QS_OK) {
		take_ids(en, cur);
	}
	json_object_put(cur);
	return r;
}

/* Update with the stored SyncToken; a stale one (5010) is re-read and retried once. */
static qs_status update_record(qs_engine *eng, qs_entity *en, const char *entity, json_object *body, qs_error *e)
{
	int attempt;
	char ver[24];
	qs_status r = QS_OK;
	bool reread = !en->sync_token[0], renamed = false, stale_retried = false;
	snprintf(ver, sizeof(ver), "%lld", en->version);
	for (attempt = 0; attempt < 3; attempt++) {
		json_object *out = NULL;
		char rid[64];
		if (reread) {
			r = reread_ids(eng, en, entity, e);
			if (r != QS_OK) {
				return r;
			}
			reread = false;
		}
		json_object_object_add(body, "Id", json_object_new_string(en->qbo_id));
		json_object_object_add(body, "SyncToken", json_object_new_string(en->sync_token));
		qse_make_rid(rid, eng->realm, en->kind, en->id, "u", ver, en->sync_token, renamed ? "renamed" : NULL, NULL);
		r = qse_api(eng, OP_UPDATE, entity, body, NULL, NULL, rid, NULL, &out, e);
		if (r == QS_OK) {
			take_ids(en, out);
			json_object_put(out);
			return QS_OK;
		}
		json_object_put(out);
		if (r == QS_EAPI && !strcmp(e->code, "5010") && !stale_retried) {
			qse_log_msg(eng, "warn", en->kind, en->id, "Stale SyncToken %s on QBO %s %s; re-reading and retrying once",
				en->sync_token, entity, en->qbo_id);
			stale_retried = true;
			reread = true;
			continue;
		}
		if (r == QS_EAPI && !strcmp(e->code, "6240") && !renamed && !strcmp(en->kind, "customer")
				&& qse_jstr(body, "DisplayName")) {
			/* the name was made unique at create ("Jane Doe (17)"): keep it so */
			char *name = qs_map_unique_name(qse_jstr(body, "DisplayName"), en->id);
			if (!name) {
				return qs_error_set(e, QS_EINTERNAL, "Out of memory");
			}
			json_object_object_add(body, "DisplayName", json_object_new_string(name));
			free(name);
			renamed = true;
			continue;
		}
		return r;
	}
	return r;
}

static qs_status void_record(qs_engine *eng, qs_entity *en, const char *entity, qs_error *e)
{
	int attempt;
	char ver[24];
	qs_status r = QS_OK;
	snprintf(ver, sizeof(ver), "%lld", en->version);
	for (attempt = 0; attempt < 2; attempt++) {
		json_object *out = NULL;
		char rid[64];
		if (!en->sync_token[0] || attempt) {
			r = reread_ids(eng, en, entity, e);
			if (r != QS_OK) {
				return r;
			}
		}
		qse_make_rid(rid, eng->realm, en->kind, en->id, "void", ver, en->sync_token, NULL);
		r = qse_api(eng, OP_VOID, entity, NULL, en->qbo_id, en->sync_token, rid, NULL, &out, e);
		if (r == QS_OK) {
			take_ids(en, out);
			json_object_put(out);
			return QS_OK;
		}
		json_object_put(out);
		if (!(r == QS_EAPI && !strcmp(e->code, "5010"))) {
			return r;
		}
	}
	return r;
}

/* A QBO amount that is zero ("0", 0.0, "0.00"), judged on its text, not as a float. */
static bool amount_is_zero(json_object *v)
{
	const char *t;
	if (!v) {
		return false;
	}
	t = json_object_get_string(v);
	if (!t || !*t) {
		return false;
	}
	for (; *t; t++) {
		if (*t != '0' && *t != '.' && *t != '-' && *t != '+') {
			return false;
		}
	}
	return true;
}

/* Double-entry prevention: a payment whose every invoice already shows a zero
 * balance in QBO (paid there by hand, or by another tool) is not recorded again.
 * *paid names the first such invoice. */
static qs_status invoices_already_paid(qs_engine *eng, json_object *body, bool *all_paid, char paid[32], qs_error *e)
{
	json_object *lines = qse_jget(body, "Line");
	size_t i, n = lines && json_object_is_type(lines, json_type_array) ? json_object_array_length(lines) : 0;
	size_t linked = 0, zero = 0;
	*all_paid = false;
	paid[0] = '\0';
	for (i = 0; i < n; i++) {
		json_object *txns = qse_jget(json_object_array_get_idx(lines, i), "LinkedTxn");
		size_t j, m = txns && json_object_is_type(txns, json_type_array) ? json_object_array_length(txns) : 0;
		for (j = 0; j < m; j++) {
			json_object *t = json_object_array_get_idx(txns, j), *inv = NULL;
			const char *tid = qse_jstr(t, "TxnId"), *type = qse_jstr(t, "TxnType");
			qs_status r;
			if (!tid || !type || strcmp(type, "Invoice") != 0) {
				continue;
			}
			linked++;
			r = qse_api(eng, OP_READ, "Invoice", NULL, tid, NULL, NULL, NULL, &inv, e);
			if (r != QS_OK) {
				json_object_put(inv);
				return r;
			}
			if (amount_is_zero(qse_jget(inv, "Balance"))) {
				zero++;
				if (!paid[0]) {
					qs_strlcpy(paid, tid, 32);
				}
			}
			json_object_put(inv);
		}
	}
	*all_paid = linked > 0 && zero == linked;
	return QS_OK;
}

/* Sends one claimed record to QBO. On QS_OK en->qbo_id/sync_token are set and
 * *op says what happened ("created", "linked", "updated", "voided"). */
static qs_status push_record(qs_engine *eng, qs_entity *en, deliver_ctx *c, const char **op, qs_error *e)
{
	json_object *norm = NULL, *body = NULL, *adopt = NULL, *out = NULL;
	const char *entity = NULL;
	qs_map_ctx mctx;
	qs_status r;
	const char *status;

	*op = "created";
	norm = en->doc ? json_tokener_parse(en->doc) : NULL;
	if (!norm) {
		return qs_error_set(e, QS_ESTORE, "%s %s: the stored document cannot be read; push it again", qse_entity_label(en->kind), en->id);
	}
	r = qse_ensure_token(eng, -1, e);
	if (r != QS_OK) {
		json_object_put(norm);
		return r;
	}
	qse_ensure_company(eng);
	status = qse_jstr(norm, "status");
	if (!strcmp(en->kind, "invoice") && status && !strcmp(status, "cancelled") && en->qbo_id[0]) {
		*op = "voided";
		r = void_record(eng, en, "Invoice", e);
		json_object_put(norm);
		return r;
	}

	/* an explicit mapping of this very record: update the mapped QBO record */
	if (!en->qbo_id[0]) {
		qs_mapping m;
		bool found = false;
		if (qs_store_map_get(eng->store, eng->conn_key, en->kind, en->id, NULL, &m, &found, e) == QS_OK && found) {
			qs_strlcpy(en->qbo_id, m.qbo_id, sizeof(en->qbo_id));
			en->sync_token[0] = '\0';
			*op = "linked";
			json_object_put(norm);
			return QS_OK;
		}
	}

	memset(&mctx, 0, sizeof(mctx));
	mctx.resolve = qse_resolve;
	mctx.ud = c;
	mctx.home_currency = eng->home_currency[0] ? eng->home_currency : "USD";
	mctx.us_company = !eng->country[0] || !strcmp(eng->country, "US");
	r = qs_map_to_qbo(en->kind, norm, &mctx, &entity, &body, e);
	if (r != QS_OK) {
		json_object_put(norm);
		json_object_put(body);
		return r;
	}
	if (en->qbo_id[0]) {
		*op = "updated";
		r = update_record(eng, en, entity, body, e);
		goto out;
	}
	/* natural-key guards before a create */
	if (!strcmp(en->kind, "customer")) {
		r = customer_guard(eng, en->id, norm, body, &adopt, e);
	} else if (!strcmp(en->kind, "item")) {
		json_object *rows = NULL;
		const char *name = qse_jstr(body, "Name");
		r = name ? qse_find_by(eng, "Item", "Name", name, true, &rows, e) : QS_OK;
		if (r == QS_OK && qse_first_row(rows)) {
			adopt = json_object_get(qse_first_row(rows));
		}
		json_object_put(rows);
	} else if (en->attempts > 1 && (!strcmp(en->kind, "invoice") || !strcmp(en->kind, "credit") || !strcmp(en->kind, "refund"))) {
		/* a retry (the claim counts every attempt, crashed ones too): an earlier
		 * attempt may have created it. A first attempt relies on QBO's own
		 * duplicate check (6140, adopted below) and saves a query. */
		r = docnumber_guard(eng, entity, body, &adopt, e);
	} else if (en->attempts > 1 && !strcmp(en->kind, "payment")) {
		r = marker_guard(eng, entity, en->kind, en->id, body, &adopt, e);
	}
	if (r != QS_OK) {
		goto out;
	}
	if (adopt) {
		*op = "linked";
		take_ids(en, adopt);
		goto out;
	}
	/* only on the first attempt: a retry may meet the balance our own earlier
	 * attempt paid, and must reach the requestid replay instead */
	if (!strcmp(en->kind, "payment") && en->attempts <= 1) {
		bool all_paid = false;
		char paid[32];
		r = invoices_already_paid(eng, body, &all_paid, paid, e);
		if (r != QS_OK) {
			goto out;
		}
		if (all_paid) {
			char local[65];
			bool found = false;
			*op = "skipped";
			if (qs_store_entity_by_qbo(eng->store, eng->conn_key, "invoice", paid, local, &found, NULL) != QS_OK || !found) {
				snprintf(local, sizeof(local), "(QBO Invoice %s)", paid);
			}
			qs_error_set(e, QS_OK, "QuickBooks already shows invoice %s paid (balance 0, QBO Invoice %s); this payment was not recorded a second time",
				local, paid);
			goto out;
		}
	}
	r = qse_api(eng, OP_CREATE, entity, body, NULL, NULL, en->create_rid, NULL, &out, e);
	if (r == QS_EAPI && (!strcmp(e->code, "6240") || !strcmp(e->code, "6140"))) {
		/* someone made it meanwhile (or an earlier attempt of ours did): adopt */
		qs_error saved;
		qs_error_copy(&saved, e);
		if (!strcmp(e->code, "6240") && !strcmp(en->kind, "customer")) {
			r = customer_guard(eng, en->id, norm, body, &adopt, e);
		} else if (!strcmp(e->code, "6240")) {
			json_object *rows = NULL;
			r = qse_find_by(eng, entity, "Name", qse_jstr(body, "Name") ? qse_jstr(body, "Name") : "", true, &rows, e);
			if (r == QS_OK && qse_first_row(rows)) {
				adopt = json_object_get(qse_first_row(rows));
			}
			json_object_put(rows);
		} else {
			r = docnumber_guard(eng, entity, body, &adopt, e);
		}
		if (r == QS_OK && adopt) {
			*op = "linked";
			take_ids(en, adopt);
		} else if (r == QS_OK) {
			qs_error_copy(e, &saved);
			r = saved.status;
		}
		goto out;
	}
	if (r == QS_OK) {
		take_ids(en, out);
	}
out:
	json_object_put(out);
	json_object_put(adopt);
	json_object_put(body);
	json_object_put(norm);
	return r;
}

/* ------------------------------------------------------------------ delivery */

/* Is QBO's 429 pause (saved in the store for every process) still running? */
bool qse_throttled(qs_engine *eng)
{
	qs_conn_row row;
	bool t = false;
	if (qs_store_conn_get(eng->store, eng->conn_key, &row, NULL) == QS_OK) {
		t = row.throttled_until > qs_store_now();
	}
	qs_conn_row_clear(&row);
	return t;
}

/* What a person should do about a QBO fault, by QBO's code. */
static const char *fault_hint(const qs_error *e)
{
	static const struct { const char *code; const char *hint; } hints[] = {
		{ "2500", "a record it refers to is inactive or deleted in QuickBooks: make it active again, or map this billing record's customer, item, tax or payment method to another one with qbo_map(), then push it again with QBO_FORCE" },
		{ "610", "a record it refers to no longer exists in QuickBooks: map it again with qbo_map(), then push it again with QBO_FORCE" },
		{ "6240", "another QuickBooks customer, vendor or employee already uses this name: rename one of them, or link this customer with qbo_map()" },
		{ "6140", "QuickBooks already has a transaction with this number: renumber one of them in QuickBooks or in the billing system" },
		{ "2050", "a field is longer than QuickBooks allows: shorten it in the billing system and push the record again" },
		{ "2020", "a field QuickBooks requires is missing: complete the record in the billing system and push it again" },
		{ "6000", "QuickBooks' own rules refuse it: correct the record in the billing system (or in QuickBooks) and push it again" },
	};
	size_t i;
	for (i = 0; i < sizeof(hints) / sizeof(hints[0]); i++) {
		if (!strcmp(e->code, hints[i].code)) {
			return hints[i].hint;
		}
	}
	return "correct the record or its mappings, then push it again with QBO_FORCE";
}

/* An Error reason that names the record, says what QuickBooks answered and
 * what to do: "Invoice 5999: QuickBooks refused Invoice: Invalid Reference Id
 * (2500): ...; a record it refers to is inactive ...". Messages the engine
 * wrote itself already name the record and are kept as they are. */
static void fault_reason(const char *kind, const char *id, qs_error *de)
{
	char buf[sizeof(de->message)];
	if (de->status != QS_EAPI || strncmp(de->message, "QuickBooks refused", 18) != 0) {
		return;
	}
	size_t n = strlen(de->message);
	while (n > 0 && (de->message[n - 1] == '.' || de->message[n - 1] == ' ')) {
		n--;   /* QBO's detail often ends with a full stop; ours follows a ';' */
	}
	snprintf(buf, sizeof(buf), "%s %s: %.*s; %s", qse_entity_label(kind), id, (int)(n < 600 ? n : 600), de->message, fault_hint(de));
	qs_strlcpy(de->message, buf, sizeof(de->message));
}

static double backoff(long attempts, const qs_error *e)
{
	double base, jitter;
	unsigned char rb[2] = {0, 0};
	if (e->status == QS_ETHROTTLE) {
		return e->retry_after > 0 ? (double)e->retry_after : 60.0;
	}
	if (attempts <= 1) {
		return 0;   /* the first failure is retried by the next pass at once */
	}
	base = 5.0;
	while (--attempts > 1 && base < 3600) {
		base *= 2;
	}
	if (base > 3600) {
		base = 3600;
	}
	qs_random_bytes(rb, sizeof(rb), NULL);
	jitter = 0.75 + 0.5 * (double)((rb[0] << 8) | rb[1]) / 65535.0;
	if (e->retry_after > 0 && (double)e->retry_after > base * jitter) {
		return (double)e->retry_after;
	}
	return base * jitter;
}

typedef struct released_list {
	deferred_ref *v;
	size_t n, cap;
} released_list;

static void released_cb(void *ud, const char *kind, const char *id, const char *q_status,
	const char *owner, double claimed)
{
	released_list *l = ud;
	(void)q_status;
	(void)owner;
	(void)claimed;
	deferred_ref *nv = qs_grow(l->v, &l->cap, l->n, sizeof(*nv), 8);
	if (!nv) {
		return;
	}
	l->v = nv;
	qs_strlcpy(l->v[l->n].kind, kind, sizeof(l->v[l->n].kind));
	qs_strlcpy(l->v[l->n].id, id, sizeof(l->v[l->n].id));
	l->n++;
}

/* After a delivery ended for good: a newer version recorded meanwhile goes
 * out at once (a fresh retry count), else the record leaves the outbox. */
static void queue_newer(qs_entity *cur, long long delivered_version, double now)
{
	if (cur->q_version != delivered_version) {
		qs_strlcpy(cur->q_status, "queued", sizeof(cur->q_status));
		cur->next_try = now;
		cur->q_attempts = 0;
	} else {
		cur->q_status[0] = '\0';
	}
}

bool qse_retryable(qs_status r)
{
	return r == QS_ENET || r == QS_ESERVER || r == QS_ETHROTTLE || r == QS_ETOKEN;
}

/* Claims (kind, id), sends it, and records the outcome. *busy when this call
 * sent nothing: another live process holds it, or nothing is pending. final_state receives the entity state afterwards. The
 * return value is the delivery's status (QS_OK when synced). */
qs_status qse_deliver_one(qs_engine *eng, const char *kind, const char *id, bool *busy,
	char final_state[16], qs_error *e)
{
	qs_entity en, cur;
	deliver_ctx ctx;
	qs_error de;
	qs_status r, dr;
	long long delivered_version;
	const char *op = "sent";
	double now = qs_store_now();
	released_list rel;

	*busy = false;
	final_state[0] = '\0';
	memset(&rel, 0, sizeof(rel));

	/* 1. claim in a transaction */
	r = qse_begin_entity(eng, kind, id, &en, e);
	if (r != QS_OK) {
		return r;
	}
	if (!en.exists || !en.q_status[0]) {
		/* nothing pending (another worker finished it meanwhile) */
		*busy = true;
		qs_strlcpy(final_state, en.state, 16);
		qs_entity_clear(&en);
		return qs_store_commit(eng->store, e);
	}
	if (!strcmp(en.q_status, "sending") && !qse_claim_stale(eng, en.owner, en.claimed, now)) {
		*busy = true;
		qs_strlcpy(final_state, en.state, 16);
		qs_entity_clear(&en);
		return qs_store_commit(eng->store, e);
	}
	if (!strcmp(en.q_status, "sending")) {
		qse_log_msg(eng, "warn", kind, id, "Taking over the delivery left by %s (claimed %.0f s ago)", en.owner, now - en.claimed);
	}
	qs_strlcpy(en.q_status, "sending", sizeof(en.q_status));
	qs_strlcpy(en.owner, eng->owner, sizeof(en.owner));
	en.claimed = now;
	en.q_attempts++;
	en.attempts++;
	en.last_attempt = now;
	if (!en.qbo_id[0] && !en.create_rid[0]) {
		char ver[24];
		snprintf(ver, sizeof(ver), "%lld", en.version);
		qse_make_rid(en.create_rid, eng->realm, kind, id, "c", ver, NULL);
	}
	delivered_version = en.q_version;
	r = qse_save_commit(eng, &en, e);
	if (r != QS_OK) {
		qs_entity_clear(&en);
		return r;
	}

	/* 2. send (no transaction open) */
	memset(&ctx, 0, sizeof(ctx));
	ctx.eng = eng;
	ctx.kind = kind;
	ctx.id = id;
	qs_error_clear(&de);
	eng->depth++;
	{
		char used_rid[64];
		qs_strlcpy(used_rid, en.create_rid, sizeof(used_rid));
		dr = push_record(eng, &en, &ctx, &op, &de);
		if (dr == QS_OK && used_rid[0] && !strcmp(op, "created")) {
			/* a create replayed from an older version's requestid holds that
			 * version's content: send the current one as an update next */
			char ver[24], want[64];
			snprintf(ver, sizeof(ver), "%lld", delivered_version);
			qse_make_rid(want, eng->realm, kind, id, "c", ver, NULL);
			if (strcmp(want, used_rid) != 0) {
				delivered_version = 0;
			}
		}
		if (dr == QS_OK && delivered_version) {
			/* Synced only when QBO holds the document's money; else op "mismatch" */
			dr = qse_verify_delivery(eng, &en, &ctx, &op, &de);
		}
	}
	eng->depth--;
	if (dr != QS_OK) {
		qs_error_record(&de, kind, id);
	}

	/* 3. record the outcome on the current row (a newer version may have arrived) */
	r = qse_begin_entity(eng, kind, id, &cur, e);
	if (r != QS_OK) {
		qs_entity_clear(&en);
		return r;
	}
	now = qs_store_now();
	cur.owner[0] = '\0';
	cur.claimed = 0;
	cur.wait_kind[0] = cur.wait_id[0] = '\0';
	if (dr == QS_OK && !strcmp(op, "skipped")) {
		qs_strlcpy(cur.state, "Skipped", sizeof(cur.state));
		qs_strlcpy(cur.reason, de.message, sizeof(cur.reason));
		cur.create_rid[0] = '\0';
		queue_newer(&cur, delivered_version, now);
		qse_log_msg(eng, "info", kind, id, "%s %s: skipped: %s", qse_entity_label(kind), id, de.message);
	} else if (dr == QS_OK && !strcmp(op, "mismatch")) {
		/* in QBO, but with other money: a warning with both figures, never Synced */
		qs_strlcpy(cur.qbo_id, en.qbo_id, sizeof(cur.qbo_id));
		qs_strlcpy(cur.sync_token, en.sync_token, sizeof(cur.sync_token));
		qs_strlcpy(cur.state, "Mismatch", sizeof(cur.state));
		qs_strlcpy(cur.reason, de.message, sizeof(cur.reason));
		cur.create_rid[0] = '\0';
		queue_newer(&cur, delivered_version, now);
		qse_log_msg(eng, "warn", kind, id, "%s", de.message);
	} else if (dr == QS_OK) {
		qs_strlcpy(cur.qbo_id, en.qbo_id, sizeof(cur.qbo_id));
		qs_strlcpy(cur.sync_token, en.sync_token, sizeof(cur.sync_token));
		qs_strlcpy(cur.state, "Synced", sizeof(cur.state));
		cur.reason[0] = '\0';
		cur.synced_version = delivered_version ? delivered_version : cur.synced_version;
		cur.create_rid[0] = '\0';
		queue_newer(&cur, delivered_version, now);
		{
			long nrel = 0;
			r = qs_store_outbox_release(eng->store, eng->conn_key, kind, id, now,
				(eng->in_sync || eng->depth > 0) ? NULL : released_cb, &rel, &nrel, e);
			eng->released += nrel;
		}
		if (r == QS_OK) {
			r = qs_store_conn_set_last_sync(eng->store, eng->conn_key, now, e);
		}
		qse_log_msg(eng, "info", kind, id, "%s %s: %s QBO %s %s (version %lld)", qse_entity_label(kind), id, op,
			qse_qbo_entity_of(kind) ? qse_qbo_entity_of(kind) : kind, cur.qbo_id, cur.synced_version);
	} else if (dr == QS_EWAITING) {
		qs_strlcpy(cur.state, "Waiting", sizeof(cur.state));
		qs_strlcpy(cur.reason, de.message, sizeof(cur.reason));
		qs_strlcpy(cur.q_status, "waiting", sizeof(cur.q_status));
		qs_strlcpy(cur.wait_kind, ctx.wait_kind, sizeof(cur.wait_kind));
		qs_strlcpy(cur.wait_id, ctx.wait_id, sizeof(cur.wait_id));
		cur.next_try = now + WAITING_RECHECK;
		qse_log_msg(eng, "info", kind, id, "%s %s: %s", qse_entity_label(kind), id, de.message);
	} else if (qse_retryable(dr) || dr == QS_EAUTH) {
		double delay = dr == QS_EAUTH ? 0 : backoff(cur.q_attempts, &de);
		if (dr == QS_ETHROTTLE) {
			/* every process sharing the store pauses (the write is in this transaction) */
			qs_store_conn_set_throttle(eng->store, eng->conn_key, now + delay, NULL);
		}
		qs_strlcpy(cur.q_status, "queued", sizeof(cur.q_status));
		cur.next_try = now + delay;
		snprintf(cur.reason, sizeof(cur.reason), "Queued, will retry: %.1000s", de.message);
		qse_log_msg(eng, "warn", kind, id, "%s %s: attempt %ld failed (%s): %s", qse_entity_label(kind), id, cur.q_attempts,
			qs_status_name(dr), de.message);
	} else if (dr == QS_ESTORE || dr == QS_EINTERNAL) {
		qs_strlcpy(cur.q_status, "queued", sizeof(cur.q_status));
		cur.next_try = now + 60;
		snprintf(cur.reason, sizeof(cur.reason), "Queued, will retry: %.1000s", de.message);
		qse_log_msg(eng, "error", kind, id, "%s %s: %s", qse_entity_label(kind), id, de.message);
	} else {
		/* a QBO fault or a configuration problem: Error until the document changes or is resent */
		fault_reason(kind, id, &de);
		qs_strlcpy(cur.state, "Error", sizeof(cur.state));
		qs_strlcpy(cur.reason, de.message, sizeof(cur.reason));
		cur.create_rid[0] = '\0';
		queue_newer(&cur, delivered_version, now);
		qse_log_msg(eng, "error", kind, id, "%s %s: %s", qse_entity_label(kind), id, de.message);
	}
	if (r == QS_OK) {
		r = qse_save_commit(eng, &cur, e);
	} else {
		qs_store_rollback(eng->store);
	}
	qs_strlcpy(final_state, cur.state, 16);
	qs_entity_clear(&cur);
	qs_entity_clear(&en);
	if (r != QS_OK) {
		free(rel.v);
		return r;
	}
	/* 4. inline: the records that waited on this one go now */
	if (dr == QS_OK && rel.n) {
		size_t i;
		for (i = 0; i < rel.n; i++) {
			bool b;
			char st[16];
			qs_error e2;
			qs_error_clear(&e2);
			if (qse_deliver_one(eng, rel.v[i].kind, rel.v[i].id, &b, st, &e2) == QS_EAUTH) {
				break;
			}
		}
	}
	free(rel.v);
	if (dr != QS_OK) {
		qs_error_copy(e, &de);
	}
	return dr;
}
