/* qs_engine_record: recording a validated document in the durable outbox
 * (in one transaction: unchanged, queued, Skipped by the settings or as a
 * draft, Deleted or Cancelled before it reached QBO), sending nothing: it
 * says whether the delivery mode wants the record delivered now (inline,
 * which qs_engine_inline.c then does), notes it for the request's end
 * (deferred) or leaves it to the worker; the state object a push answers with. */
#include "qs_engine_int.h"
#include "qs_json.h"
#include "qs_kind.h"
#include "qs_state.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ state objects */

/* A key of a new object, a literal: neither looked up nor copied. */
#define JADD(o, k, v) json_object_object_add_ex((o), (k), (v), JSON_C_OBJECT_ADD_KEY_IS_NEW | JSON_C_OBJECT_KEY_IS_CONSTANT)

static json_object *entity_json(const qs_entity *en)
{
	json_object *o = json_object_new_object();
	JADD(o, "kind", json_object_new_string(en->kind));
	JADD(o, "id", json_object_new_string(en->id));
	JADD(o, "state", json_object_new_string(qs_state_name(en->state)));
	JADD(o, "reason", qse_jstr_new(en->reason));
	JADD(o, "qbo_id", qse_jstr_new(en->qbo_id));
	JADD(o, "version", json_object_new_int64(en->version));
	JADD(o, "synced_version", json_object_new_int64(en->synced_version));
	JADD(o, "attempts", json_object_new_int64(en->attempts));
	JADD(o, "last_attempt", qse_jtime(en->last_attempt));
	JADD(o, "queued", json_object_new_boolean(en->q_status[0] != '\0'));
	JADD(o, "next_try", en->q_status[0] && strcmp(en->q_status, "sending") ? qse_jtime(en->next_try) : NULL);
	JADD(o, "updated", qse_jtime(en->updated));
	return o;
}

static qs_status state_of(qs_engine *eng, const char *kind, const char *id, json_object **out, qs_error *e)
{
	qs_entity en;
	qs_error e2;
	qs_status r;
	qs_error_clear(&e2);
	r = qs_store_entity_get(eng->store, eng->conn_key, kind, id, &en, e ? e : &e2);
	if (r == QS_OK) {
		*out = entity_json(&en);
	}
	qs_entity_clear(&en);
	return r;
}

json_object *qse_entity_json(const qs_entity *en)
{
	return entity_json(en);
}

/* ------------------------------------------------------------------ push */

/* Notes (kind, id) for delivery at request end. A record pushed again within
 * the last few pushes is noted once; an older duplicate costs only a look at
 * a record that is no longer pending, so the scan stays short even when one
 * request pushes thousands of records. */
static bool deferred_add(qs_engine *eng, const char *kind, const char *id)
{
	size_t i = eng->n_deferred > 8 ? eng->n_deferred - 8 : 0;
	deferred_ref *nv;
	for (; i < eng->n_deferred; i++) {
		if (!strcmp(eng->deferred[i].kind, kind) && !strcmp(eng->deferred[i].id, id)) {
			return true;
		}
	}
	nv = qs_grow(eng->deferred, &eng->cap_deferred, eng->n_deferred, sizeof(*nv), 8);
	if (!nv) {
		return false;
	}
	eng->deferred = nv;
	qs_strlcpy(eng->deferred[eng->n_deferred].kind, kind, sizeof(eng->deferred[0].kind));
	qs_strlcpy(eng->deferred[eng->n_deferred].id, id, sizeof(eng->deferred[0].id));
	eng->n_deferred++;
	return true;
}

/* The settings that keep a record out of QBO: the sync start date (customers,
 * invoices and payments created before it; customers and invoices by "created",
 * else an invoice's date, payments by date; the first 10 characters, so a
 * timestamp counts by its own calendar day) and the payment-method filter. A
 * customer skipped by the start date is sent after all when a later record
 * needs it (resolve_local).
 * Fills reason and returns true when the record is Skipped. */
static bool skipped_by_settings(qs_engine *eng, const char *kind, json_object *norm, char *reason, size_t n)
{
	qs_kind_id kind_id = qs_kind_of(kind);
	const qs_kind *k = qs_kind_get(kind_id);
	qs_kind_start by_date = k ? k->sync_start : QS_START_NONE;
	char start[11] = "";
	/* the start date of a connected customer (qs_engine_start.c) and the
	 * company's: of the two that keep a record out, the later one says why */
	bool by_customer = qse_skipped_by_customer_start(eng, kind, norm, reason, n, start);
	if (by_customer && (!eng->sync_start || strncmp(start, eng->sync_start, 10) >= 0)) {
		return true;
	}
	if (eng->sync_start && by_date != QS_START_NONE) {
		const char *d = by_date != QS_START_DATE ? qse_jstr(norm, "created") : NULL;
		if (!d && by_date != QS_START_CREATED) {
			d = qse_jstr(norm, "date");
		}
		if (d && strncmp(d, eng->sync_start, 10) < 0) {
			snprintf(reason, n, "Created %.10s, before the sync start date %s: not sent to QuickBooks (option sync_start)",
				d, eng->sync_start);
			return true;
		}
	}
	if (by_customer) {
		return true;   /* the company's date is later but lets it through: the customer's keeps it out */
	}
	if (eng->exclude_methods && kind_id == QS_KIND_PAYMENT && qse_jstr(norm, "method")) {
		const char *m = qse_jstr(norm, "method"), *p = eng->exclude_methods;
		size_t ml = strlen(m);
		while (*p) {
			const char *comma = strchr(p, ',');
			size_t len = comma ? (size_t)(comma - p) : strlen(p);
			while (len && *p == ' ') {
				p++;
				len--;
			}
			while (len && p[len - 1] == ' ') {
				len--;
			}
			if (len == ml && !strncmp(p, m, ml)) {
				snprintf(reason, n, "Payment method %s is excluded from sync: not sent to QuickBooks (option exclude_methods)", m);
				return true;
			}
			if (!comma) {
				break;
			}
			p = comma + 1;
		}
	}
	return false;
}

bool qse_skipped_by_settings(qs_engine *eng, const char *kind, json_object *norm, char *reason, size_t n)
{
	return skipped_by_settings(eng, kind, norm, reason, n);
}

/* Records a validated document; *deliver tells whether there is something to
 * send; *state (may be NULL) receives the entity's state as recorded. */
static qs_status record(qs_engine *eng, const char *kind, json_object *norm, int flags, bool *deliver,
	json_object **state, qs_error *e)
{
	const char *id = qse_jstr(norm, "id");
	char *doc;
	size_t doclen = 0;
	char hash[65];
	qs_entity en;
	qs_status r;
	double now = qs_store_now();
	const char *status = qse_jstr(norm, "status");

	*deliver = false;
	if (!id || !*id) {
		return qs_error_set(e, QS_EVALIDATION, "The %s has no id; every document needs its billing-system id", kind);
	}
	/* one serialisation serves as the stored document and as its hash (the
	 * same text qs_map_hash() digests; qs_json_plain prints json-c's text) */
	doc = qs_json_plain(norm, &doclen);
	if (!doc) {
		return qs_error_set(e, QS_EINTERNAL, "Out of memory");
	}
	qs_sha256_hex(doc, doclen, hash);
	r = qse_begin_entity(eng, kind, id, &en, e);
	if (r != QS_OK) {
		free(doc);
		return r;
	}
	if (!strcmp(en.q_status, "sending") && qse_claim_stale(eng, en.owner, en.claimed, now)) {
		/* left by a process that died mid-delivery: pending again (same requestid) */
		qse_log_msg(eng, "warn", kind, id, "Taking over the delivery left by %s (claimed %.0f s ago)", en.owner, now - en.claimed);
		qs_strlcpy(en.q_status, "queued", sizeof(en.q_status));
		en.owner[0] = '\0';
		en.claimed = 0;
		r = qs_store_outbox_put(eng->store, eng->conn_key, &en, e);
		if (r != QS_OK) {
			qs_store_rollback(eng->store);
			qs_entity_clear(&en);
			free(doc);
			return r;
		}
	}
	if (en.exists && !strcmp(en.hash, hash) && !(flags & QS_PUSH_FORCE)) {
		/* unchanged: nothing new to record; deliver if still pending */
		*deliver = en.q_status[0] && strcmp(en.q_status, "sending") != 0;
		r = qs_store_commit(eng->store, e);
		if (r == QS_OK && state) {
			*state = entity_json(&en);
		}
		qs_entity_clear(&en);
		free(doc);
		return r;
	}
	free(en.doc);
	en.doc = doc;   /* freed with en */
	qs_strlcpy(en.hash, hash, sizeof(en.hash));
	en.version++;
	en.updated = now;
	if (en.kind_id == QS_KIND_INVOICE && status && !strcmp(status, "draft")) {
		en.state = QS_STATE_SKIPPED;
		qs_strlcpy(en.reason, "A draft invoice is not sent to QuickBooks until it is issued", sizeof(en.reason));
		en.q_status[0] = '\0';
	} else if (qse_is_deleted(norm) && !en.qbo_id[0] && !en.create_rid[0] && strcmp(en.q_status, "sending") != 0) {
		if (en.state != QS_STATE_DELETED) {   /* a Deleted record resent keeps its reason */
			en.state = QS_STATE_DELETED;
			qs_strlcpy(en.reason, "Deleted before it reached QuickBooks", sizeof(en.reason));
		}
		en.q_status[0] = '\0';
	} else if (!en.qbo_id[0] && strcmp(en.q_status, "sending") != 0
			&& skipped_by_settings(eng, kind, norm, en.reason, sizeof(en.reason))) {
		en.state = QS_STATE_SKIPPED;
		en.q_status[0] = '\0';
	} else if (en.kind_id == QS_KIND_INVOICE && status && !strcmp(status, "cancelled") && !en.qbo_id[0]
			&& strcmp(en.q_status, "sending") != 0) {
		en.state = QS_STATE_SKIPPED;
		qs_strlcpy(en.reason, "Cancelled before it reached QuickBooks", sizeof(en.reason));
		en.q_status[0] = '\0';
	} else {
		if (en.state != QS_STATE_SYNCED) {
			en.state = QS_STATE_NOT_TRIED;
			en.reason[0] = '\0';
		}
		if (strcmp(en.q_status, "sending") != 0) {
			qs_strlcpy(en.q_status, "queued", sizeof(en.q_status));
			en.q_attempts = 0;
		}
		en.q_version = en.version;
		en.next_try = now;
		en.wait_kind[0] = en.wait_id[0] = '\0';
		*deliver = true;
	}
	r = qse_save_commit(eng, &en, e);
	if (r == QS_OK && state) {
		*state = entity_json(&en);
	}
	qs_entity_clear(&en);
	return r;
}

/* Records a normalised document (borrowed): the part of qbo_push after
 * validation, shared with resend, delete and the queue-only re-records. It
 * sends nothing: *send (when given) says that the delivery mode wants the
 * record delivered now (inline, something new recorded, not queue-only);
 * the deferred mode notes it for the request's end. */
qs_status qse_record_norm(qs_engine *eng, const char *kind, json_object *norm, int flags, bool *send,
	json_object **state, qs_error *e)
{
	qs_status r;
	bool deliver = false;
	char id[65];

	if (send) {
		*send = false;
	}
	qs_strlcpy(id, qse_jstr(norm, "id") ? qse_jstr(norm, "id") : "", sizeof(id));
	if (qs_kind_of(kind) == QS_KIND_WRITEOFF) {
		qse_writeoff_date(eng, norm);
	}
	r = record(eng, kind, norm, flags, &deliver, state, e);
	if (r != QS_OK) {
		qs_error_record(e, kind, id);
		return r;
	}
	if (!deliver || (flags & QS_PUSH_QUEUE_ONLY) || eng->delivery != QS_DELIVER_INLINE) {
		/* nothing sent during this call: the state as recorded is the answer */
		if (deliver && !(flags & QS_PUSH_QUEUE_ONLY) && eng->delivery == QS_DELIVER_DEFERRED) {
			deferred_add(eng, kind, id);
		}
		return QS_OK;
	}
	if (send) {
		*send = true;
	}
	return QS_OK;
}

qs_status qse_state_of(qs_engine *eng, const char *kind, const char *id, json_object **state, qs_error *e)
{
	return state_of(eng, kind, id, state, e);
}
