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

/* A text field, copied into buf (NULL: s outlives the view); "" is null
 * unless keep_empty (as qse_jstr_new). */
static void view_str(qs_state_view *v, const char *key, char *buf, size_t size, const char *s, bool keep_empty)
{
	qs_state_field *f = &v->f[v->n++];
	f->key = key;
	f->type = s && (*s || keep_empty) ? QS_SF_STR : QS_SF_NULL;
	if (f->type == QS_SF_STR) {
		if (buf) {
			qs_strlcpy(buf, s, size);
			s = buf;
		}
		f->s = s;
	}
}

static void view_int(qs_state_view *v, const char *key, qs_state_ftype type, long long i)
{
	qs_state_field *f = &v->f[v->n++];
	f->key = key;
	f->type = type;
	f->i = i;
}

/* A time field: qse_jtime's text, or null. A time equal to the previous
 * slot's (a record queued now is due now) reuses its text. */
static void view_time(qs_state_view *v, const char *key, size_t slot, double t)
{
	char buf[32];
	if (slot > 0 && t > 0 && t == v->time_at[slot - 1]) {
		view_str(v, key, v->times[slot], sizeof(v->times[slot]), v->times[slot - 1], false);
	} else {
		view_str(v, key, v->times[slot], sizeof(v->times[slot]), qse_time_text(t, buf) ? buf : NULL, false);
	}
	v->time_at[slot] = t;
}

/* The state of en as qbo_push answers it (the one definition of its fields). */
static void state_view(const qs_entity *en, qs_state_view *v)
{
	v->n = 0;
	view_str(v, "kind", v->kind, sizeof(v->kind), en->kind, true);
	view_str(v, "id", v->id, sizeof(v->id), en->id, true);
	view_str(v, "state", NULL, 0, qs_state_name(en->state), true);
	view_str(v, "reason", v->reason, sizeof(v->reason), en->reason, false);
	view_str(v, "qbo_id", v->qbo_id, sizeof(v->qbo_id), en->qbo_id, false);
	view_int(v, "version", QS_SF_INT, en->version);
	view_int(v, "synced_version", QS_SF_INT, en->synced_version);
	view_int(v, "attempts", QS_SF_INT, en->attempts);
	view_time(v, "last_attempt", 0, en->last_attempt);
	view_int(v, "queued", QS_SF_BOOL, en->q_status != QS_OUTBOX_NONE);
	view_time(v, "next_try", 1, en->q_status != QS_OUTBOX_NONE && en->q_status != QS_OUTBOX_SENDING ? en->next_try : 0);
	view_time(v, "updated", 2, en->updated);
}

static json_object *entity_json(const qs_entity *en)
{
	qs_state_view v;
	json_object *o = json_object_new_object();
	size_t i;
	state_view(en, &v);
	for (i = 0; i < v.n; i++) {
		const qs_state_field *f = &v.f[i];
		json_object *val = f->type == QS_SF_STR ? json_object_new_string(f->s)
			: f->type == QS_SF_INT ? json_object_new_int64(f->i)
			: f->type == QS_SF_BOOL ? json_object_new_boolean(f->i != 0) : NULL;
		JADD(o, f->key, val);
	}
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
		/* the id first: it tells most records apart */
		if (!strcmp(eng->deferred[i].id, id) && !strcmp(eng->deferred[i].kind, kind)) {
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
 * send; the entity's state as recorded goes to *view when view is not NULL,
 * else to *state (may be NULL). */
static qs_status record(qs_engine *eng, const char *kind, json_object *norm, int flags, bool *deliver,
	json_object **state, qs_state_view *view, qs_error *e)
{
	const char *id = qse_jstr(norm, "id");
	char *doc;
	size_t doclen = 0;
	qs_entity en;
	qs_status r;
	double now = qs_store_now();
	const char *status = qse_jstr(norm, "status");

	*deliver = false;
	if (!id || !*id) {
		return qs_error_set(e, QS_EVALIDATION, "The %s has no id; every document needs its billing-system id", kind);
	}
	/* the stored document's text (qs_json_plain prints json-c's text): the
	 * record is unchanged when the stored text is this one, byte for byte */
	doc = qs_json_plain(norm, &doclen);
	if (!doc) {
		return qs_error_set(e, QS_EINTERNAL, "Out of memory");
	}
	r = qse_begin_entity(eng, kind, id, &en, e);
	if (r != QS_OK) {
		free(doc);
		return r;
	}
	if (en.q_status == QS_OUTBOX_SENDING && qse_claim_stale(eng, en.owner, en.claimed, now)) {
		/* left by a process that died mid-delivery: pending again (same requestid) */
		qse_log_msg(eng, "warn", kind, id, "Taking over the delivery left by %s (claimed %.0f s ago)", en.owner, now - en.claimed);
		en.q_status = QS_OUTBOX_QUEUED;
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
	if (en.exists && en.doc && !strcmp(en.doc, doc) && !(flags & QS_PUSH_FORCE)) {
		/* unchanged: nothing new to record; deliver if still pending */
		*deliver = en.q_status != QS_OUTBOX_NONE && en.q_status != QS_OUTBOX_SENDING;
		r = qs_store_commit(eng->store, e);
		if (r == QS_OK && view) {
			state_view(&en, view);
		} else if (r == QS_OK && state) {
			*state = entity_json(&en);
		}
		qs_entity_clear(&en);
		free(doc);
		return r;
	}
	if (en.exists && en.create_rid[0] && !en.qbo_id[0]) {
		/* a create whose outcome is unknown may have carried the document
		 * replaced now: the keys that find what it made are kept */
		r = qse_sent_keys_keep(eng, &en, e);
		if (r != QS_OK) {
			qs_store_rollback(eng->store);
			qs_entity_clear(&en);
			free(doc);
			return r;
		}
	}
	free(en.doc);
	en.doc = doc;   /* freed with en */
	en.hash[0] = '\0';   /* the document is its own fingerprint: no digest of it is kept */
	en.version++;
	en.updated = now;
	if (en.kind_id == QS_KIND_INVOICE && status && !strcmp(status, "draft")) {
		en.state = QS_STATE_SKIPPED;
		qs_strlcpy(en.reason, "A draft invoice is not sent to QuickBooks until it is issued", sizeof(en.reason));
		en.q_status = QS_OUTBOX_NONE;
	} else if (qse_is_deleted(norm) && !en.qbo_id[0] && !en.create_rid[0] && en.q_status != QS_OUTBOX_SENDING) {
		if (en.state != QS_STATE_DELETED) {   /* a Deleted record resent keeps its reason */
			en.state = QS_STATE_DELETED;
			qs_strlcpy(en.reason, "Deleted before it reached QuickBooks", sizeof(en.reason));
		}
		en.q_status = QS_OUTBOX_NONE;
	} else if (!en.qbo_id[0] && en.q_status != QS_OUTBOX_SENDING
			&& skipped_by_settings(eng, kind, norm, en.reason, sizeof(en.reason))) {
		en.state = QS_STATE_SKIPPED;
		en.q_status = QS_OUTBOX_NONE;
	} else if (en.kind_id == QS_KIND_INVOICE && status && !strcmp(status, "cancelled") && !en.qbo_id[0]
			&& !en.create_rid[0] && en.q_status != QS_OUTBOX_SENDING) {
		/* no create was sent (one whose outcome is unknown keeps its requestid:
		 * then the cancellation is delivered, and voids what it made) */
		en.state = QS_STATE_SKIPPED;
		qs_strlcpy(en.reason, "Cancelled before it reached QuickBooks", sizeof(en.reason));
		en.q_status = QS_OUTBOX_NONE;
	} else {
		if (en.state != QS_STATE_SYNCED) {
			en.state = QS_STATE_NOT_TRIED;
			en.reason[0] = '\0';
		}
		if (en.q_status != QS_OUTBOX_SENDING) {
			en.q_status = QS_OUTBOX_QUEUED;
			en.q_attempts = 0;
		}
		en.q_version = en.version;
		en.next_try = now;
		en.wait_kind[0] = en.wait_id[0] = '\0';
		*deliver = true;
	}
	r = qse_save_commit(eng, &en, e);
	if (r == QS_OK && view) {
		state_view(&en, view);
	} else if (r == QS_OK && state) {
		*state = entity_json(&en);
	}
	qs_entity_clear(&en);
	return r;
}

/* Records a normalised document (borrowed): the part of qbo_push after
 * validation, shared with resend, delete and the queue-only re-records. It
 * sends nothing: *send (when given) says that the delivery mode wants the
 * record delivered now (inline, something new recorded, not queue-only);
 * the deferred mode notes it for the request's end. The state as recorded
 * goes to *view when view is not NULL, else to *state. */
qs_status qse_record_norm(qs_engine *eng, const char *kind, json_object *norm, int flags, bool *send,
	json_object **state, qs_state_view *view, qs_error *e)
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
	r = record(eng, kind, norm, flags, &deliver, state, view, e);
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
