/* qs_engine_webhook: QBO-side changes reaching the billing side: qbo_webhook
 * (signature checked, both payload formats, each notification of this
 * company stored once), the pull work they become (done by qbo_sync: the
 * record read from QBO as a canonical document, linked to its local record)
 * and qbo_events, the list the billing side acts on. */
#include "qs_engine_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EVENTS_PER_SYNC 500   /* pull work done per qbo_sync() call */

/* The local kind a QBO entity is pulled as, or NULL. */
static const char *kind_of(const char *entity)
{
	if (!strcmp(entity, "Customer")) return "customer";
	if (!strcmp(entity, "Item")) return "item";
	if (!strcmp(entity, "Invoice")) return "invoice";
	if (!strcmp(entity, "Payment")) return "payment";
	return NULL;
}

static qs_status ensure_realm(qs_engine *eng, qs_error *e)
{
	qs_conn_row row;
	qs_status r;
	if (eng->realm[0]) {
		return QS_OK;
	}
	memset(&row, 0, sizeof(row));
	r = qs_store_conn_get(eng->store, eng->conn_key, &row, e);
	if (r == QS_OK) {
		qse_note_realm(eng, &row);
	}
	qs_conn_row_clear(&row);
	return r;
}

qs_status qs_engine_webhook(qs_engine *eng, const char *body, size_t len, const char *sig, json_object **out, qs_error *e)
{
	json_object *events = NULL, *mine;
	size_t i, n;
	long accepted = 0, duplicates = 0, other = 0;
	qs_status r;

	*out = NULL;
	if (!eng->webhook_verifier) {
		return qs_error_set(e, QS_EAUTH, "webhook signature cannot be checked: no webhook_verifier is set; give the app's verifier token "
			"as the webhook_verifier option (or qbosync.webhook_verifier)");
	}
	if (!qs_qbo_webhook_signed(eng->webhook_verifier, body, len, sig)) {
		return qs_error_set(e, QS_EAUTH, "webhook signature does not match: check webhook_verifier");
	}
	r = qs_qbo_webhook_parse(body, len, &events, e);
	if (r != QS_OK) {
		return r;
	}
	r = ensure_realm(eng, e);
	if (r == QS_OK) {
		r = qs_store_begin(eng->store, true, e);
	}
	if (r != QS_OK) {
		json_object_put(events);
		return r;
	}
	mine = json_object_new_array();
	n = json_object_array_length(events);
	for (i = 0; i < n && r == QS_OK; i++) {
		json_object *ev = json_object_array_get_idx(events, i);
		qs_qbo_event q;
		char dedupe[256];
		bool inserted = false;
		memset(&q, 0, sizeof(q));
		qs_strlcpy(q.realm, qse_jstr(ev, "realm"), sizeof(q.realm));
		if (!eng->realm[0] || strcmp(q.realm, eng->realm) != 0) {
			other++;   /* another company's notification: its own connection takes it */
			continue;
		}
		qs_strlcpy(q.entity, qse_jstr(ev, "entity"), sizeof(q.entity));
		qs_strlcpy(q.qbo_id, qse_jstr(ev, "id"), sizeof(q.qbo_id));
		qs_strlcpy(q.operation, qse_jstr(ev, "operation"), sizeof(q.operation));
		qs_strlcpy(q.at, qse_jstr(ev, "at") ? qse_jstr(ev, "at") : "", sizeof(q.at));
		q.created = qs_store_now();
		/* QBO may send a notification twice, in either format: the same
		 * change is the same (realm, entity, id, operation, time) */
		snprintf(dedupe, sizeof(dedupe), "%s|%s|%s|%s|%s", q.realm, q.entity, q.qbo_id, q.operation, q.at);
		r = qs_store_event_put(eng->store, eng->conn_key, &q, dedupe, &inserted, e);
		if (r == QS_OK) {
			if (inserted) {
				accepted++;
			} else {
				duplicates++;
			}
			json_object_array_add(mine, json_object_get(ev));
		}
	}
	json_object_put(events);
	if (r == QS_OK) {
		r = qs_store_commit(eng->store, e);
	} else {
		qs_store_rollback(eng->store);
	}
	if (r != QS_OK) {
		json_object_put(mine);
		return r;
	}
	if (accepted || duplicates) {
		qse_log_msg(eng, "info", NULL, NULL, "Webhook: %ld QuickBooks change(s) accepted, %ld duplicate(s)", accepted, duplicates);
	}
	*out = json_object_new_object();
	json_object_object_add(*out, "accepted", json_object_new_int64(accepted));
	json_object_object_add(*out, "duplicates", json_object_new_int64(duplicates));
	json_object_object_add(*out, "other_realms", json_object_new_int64(other));
	json_object_object_add(*out, "events", mine);
	return QS_OK;
}

/* ------------------------------------------------------------------ pull work */

typedef struct ev_list {
	qs_qbo_event *v;
	size_t n, cap;
} ev_list;

static void ev_cb(void *ud, const qs_qbo_event *ev)
{
	ev_list *l = ud;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		qs_qbo_event *nv = realloc(l->v, cap * sizeof(*nv));
		if (!nv) {
			return;
		}
		l->v = nv;
		l->cap = cap;
	}
	l->v[l->n] = *ev;
	l->v[l->n].doc = NULL;      /* borrowed from the statement: not kept */
	l->v[l->n].message = NULL;
	l->n++;
}

/* Reads one changed record and stores what the billing side needs to know. */
static qs_status pull_one(qs_engine *eng, qs_qbo_event *ev, qs_error *e)
{
	const char *kind = kind_of(ev->entity);
	json_object *row = NULL, *doc = NULL;
	char *text = NULL;
	qs_status r;
	long linked = 0;

	if (!kind) {
		ev->status = QS_EVENT_DONE;
		return qs_store_event_done(eng->store, eng->conn_key, ev, e);
	}
	if (!strcmp(ev->operation, "Delete")) {
		/* nothing left to read: the stub says which record went */
		row = json_object_new_object();
		json_object_object_add(row, "Id", json_object_new_string(ev->qbo_id));
		json_object_object_add(row, "status", json_object_new_string("Deleted"));
		r = QS_OK;
	} else {
		r = qse_api(eng, OP_READ, ev->entity, NULL, ev->qbo_id, NULL, NULL, NULL, &row, e);
	}
	if (r == QS_EAPI) {
		/* QBO no longer has it (deleted or merged away since): say so, do not retry */
		char msg[600];
		snprintf(msg, sizeof(msg), "%.590s", e->message);
		json_object_put(row);
		ev->status = QS_EVENT_ERROR;
		ev->message = msg;
		qs_error_clear(e);
		return qs_store_event_done(eng->store, eng->conn_key, ev, e);
	}
	if (r != QS_OK) {
		json_object_put(row);
		return r;
	}
	r = qse_pull_doc(eng, kind, row, true, &doc, &linked, e);
	json_object_put(row);
	if (r != QS_OK) {
		return r;
	}
	if (qse_jstr(doc, "id")) {
		qs_strlcpy(ev->local_kind, kind, sizeof(ev->local_kind));
		qs_strlcpy(ev->local_id, qse_jstr(doc, "id"), sizeof(ev->local_id));
	}
	text = strdup(json_object_to_json_string_ext(doc, JSON_C_TO_STRING_PLAIN));
	json_object_put(doc);
	if (!text) {
		return qs_error_set(e, QS_EINTERNAL, "Out of memory saving a pulled record");
	}
	ev->doc = text;
	ev->status = QS_EVENT_DONE;
	r = qs_store_event_done(eng->store, eng->conn_key, ev, e);
	free(text);
	ev->doc = NULL;
	return r;
}

qs_status qse_events_pull(qs_engine *eng, long limit, long *done, qs_error *e)
{
	ev_list l;
	size_t i;
	qs_status r;

	*done = 0;
	memset(&l, 0, sizeof(l));
	r = qs_store_event_list(eng->store, eng->conn_key, 0, limit > 0 ? limit : EVENTS_PER_SYNC, NULL, true, ev_cb, &l, e);
	for (i = 0; r == QS_OK && i < l.n; i++) {
		r = pull_one(eng, &l.v[i], e);
		if (r == QS_OK) {
			(*done)++;
		}
	}
	free(l.v);
	if (r != QS_OK && r != QS_EAUTH && r != QS_ESTORE) {
		/* QBO unreachable or busy: the rest stays pending for the next run */
		qse_log_msg(eng, "warn", NULL, NULL, "Pulling the QuickBooks changes webhooks reported stopped: %s", e->message);
		qs_error_clear(e);
		r = QS_OK;
	}
	return r;
}

/* ------------------------------------------------------------------ the list */

static void list_cb(void *ud, const qs_qbo_event *ev)
{
	json_object *arr = ud, *o = json_object_new_object(), *doc;
	json_object_object_add(o, "id", json_object_new_int64(ev->id));
	json_object_object_add(o, "realm", json_object_new_string(ev->realm));
	json_object_object_add(o, "entity", json_object_new_string(ev->entity));
	json_object_object_add(o, "qbo_id", json_object_new_string(ev->qbo_id));
	json_object_object_add(o, "operation", json_object_new_string(ev->operation));
	json_object_object_add(o, "at", ev->at[0] ? json_object_new_string(ev->at) : NULL);
	json_object_object_add(o, "status", json_object_new_string(qs_event_name(ev->status)));
	if (ev->local_kind[0] && ev->local_id[0]) {
		json_object *l = json_object_new_array();
		json_object_array_add(l, json_object_new_string(ev->local_kind));
		json_object_array_add(l, json_object_new_string(ev->local_id));
		json_object_object_add(o, "local", l);
	} else {
		json_object_object_add(o, "local", NULL);
	}
	doc = ev->doc ? json_tokener_parse(ev->doc) : NULL;
	json_object_object_add(o, "document", doc);
	json_object_object_add(o, "message", ev->message ? json_object_new_string(ev->message) : NULL);
	json_object_array_add(arr, o);
}

qs_status qs_engine_events(qs_engine *eng, json_object *filter, json_object **out, qs_error *e)
{
	long long since = 0;
	long limit = 100;
	const char *entity = NULL;
	qs_status r;
	*out = NULL;
	if (filter) {
		json_object_object_foreach(filter, key, val) {
			if (!strcmp(key, "since_id")) {
				since = json_object_get_int64(val);
			} else if (!strcmp(key, "limit")) {
				limit = (long)json_object_get_int64(val);
			} else if (!strcmp(key, "entity")) {
				entity = json_object_get_string(val);
			} else {
				return qs_error_set(e, QS_EVALIDATION, "Unknown events filter \"%.40s\" (use since_id, limit or entity)", key);
			}
		}
	}
	if (limit < 1 || limit > 10000) {
		return qs_error_set(e, QS_EVALIDATION, "The events filter limit must be 1 to 10000, %ld given", limit);
	}
	*out = json_object_new_array();
	r = qs_store_event_list(eng->store, eng->conn_key, since, limit, entity, false, list_cb, *out, e);
	if (r != QS_OK) {
		json_object_put(*out);
		*out = NULL;
	}
	return r;
}
