/* qs_engine_hook_event: qbo_hook, one billing-platform event: an unknown
 * event refused, a drain event running qbo_sync, in worker and deferred mode
 * the event and the ids it names recorded durably (never fetched data; kept
 * in the spill file while a MariaDB/MySQL store is unreachable), in inline
 * mode read through the fetch and pushed at once (qs_engine_hook.c), the
 * answer being the state of the record the event is about. */
#include "qs_engine_int.h"
#include "qs_engine_hook.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_object *state_obj(const char *event, const char *state, const char *kind, const char *id, const char *reason)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "event", json_object_new_string(event));
	json_object_object_add(o, "state", json_object_new_string(state));
	json_object_object_add(o, "kind", qse_jstr_new(kind));
	json_object_object_add(o, "id", qse_jstr_new(id));
	json_object_object_add(o, "reason", qse_jstr_new(reason));
	json_object_object_add(o, "qbo_id", NULL);
	return o;
}

/* The state of the record the event is about, from what was pushed (the last
 * push of that id; a refund that became a credit note has kind credit). */
static json_object *main_state(hook_run *h, const char *event, const char *kind, const char *id)
{
	qs_kind_id kind_id = qs_kind_of(kind);
	size_t i, n = h->states ? json_object_array_length(h->states) : 0;
	json_object *best = NULL, *o;
	for (i = 0; i < n; i++) {
		json_object *s = json_object_array_get_idx(h->states, i);
		const char *k = qse_jstr(s, "kind"), *sid = qse_jstr(s, "id");
		if (!sid || strcmp(sid, id) != 0) {
			continue;
		}
		if (k && !strcmp(k, kind)) {
			best = s;
		} else if (!best && k && (kind_id == QS_KIND_REFUND || kind_id == QS_KIND_PAYMENT) && qs_kind_of(k) != QS_KIND_CUSTOMER
				&& qs_kind_of(k) != QS_KIND_ITEM && qs_kind_of(k) != QS_KIND_INVOICE) {
			best = s;
		}
	}
	if (!best && h->skip_id[0] && !strcmp(h->skip_id, id)) {
		return state_obj(event, "Skipped", h->skip_kind, h->skip_id, h->skip_reason);
	}
	if (!best) {
		/* nothing pushed under that id (e.g. a client deleted in WHMCS): its stored state */
		json_object *filter = json_object_new_object(), *arr = NULL;
		json_object_object_add(filter, "kind", json_object_new_string(kind));
		json_object_object_add(filter, "id", json_object_new_string(id));
		if (qs_engine_entities(h->eng, filter, &arr, NULL) == QS_OK && json_object_array_length(arr) > 0) {
			o = json_object_get(json_object_array_get_idx(arr, 0));
		} else {
			o = state_obj(event, "Not Tried", kind, id, NULL);
		}
		json_object_put(arr);
		json_object_put(filter);
		json_object_object_add(o, "event", json_object_new_string(event));
		return o;
	}
	o = json_object_get(best);
	json_object_object_add(o, "event", json_object_new_string(event));
	return o;
}

/* The id the event names, for its "Queued" state. */
static void named(const qs_whmcs_event *ev, json_object *ids, const char **kind, const char **id)
{
	*kind = NULL;
	*id = NULL;
	switch (ev->action) {
	case QS_WA_CUSTOMER:
	case QS_WA_CLIENT_GONE:
		*kind = "customer", *id = qse_jstr(ids, "clientid");
		break;
	case QS_WA_INVOICE:
	case QS_WA_INVOICE_TXNS:
		*kind = "invoice", *id = qse_jstr(ids, "invoiceid");
		break;
	case QS_WA_SPLIT:
		*kind = "invoice", *id = qse_jstr(ids, "originalinvoiceid");
		break;
	case QS_WA_TRANSACTION:
		*kind = "payment", *id = qse_jstr(ids, "id");
		break;
	case QS_WA_MANUAL_REFUND:
		*kind = "refund", *id = NULL;
		break;
	default:
		break;
	}
}

qs_status qs_engine_hook(qs_engine *eng, const char *event, json_object *vars, json_object **state, qs_error *e)
{
	const qs_whmcs_event *ev = qs_whmcs_event_find(event);
	json_object *ids = NULL;
	const char *kind, *id;
	qs_status st;

	*state = NULL;
	if (!ev) {
		st = qs_error_set(e, QS_EVALIDATION, "Unknown WHMCS event '%s'; qbo_hook knows ClientAdd, InvoiceCreated, InvoicePaid, AddTransaction ... (see the README's WHMCS section)",
			event ? event : "");
		*state = state_obj(event ? event : "", "Error", NULL, NULL, e->message);
		return st;
	}
	if (ev->action == QS_WA_NONE) {
		return QS_OK;
	}
	if (ev->action == QS_WA_DRAIN) {
		qs_sync_opts o;
		json_object *res = NULL;
		memset(&o, 0, sizeof(o));
		st = qs_engine_sync(eng, &o, &res, e);
		*state = res ? res : json_object_new_object();
		json_object_object_add(*state, "event", json_object_new_string(ev->name));
		json_object_object_add(*state, "state", json_object_new_string(st == QS_OK ? "Done" : "Error"));
		json_object_object_add(*state, "reason", st == QS_OK ? NULL : json_object_new_string(e->message));
		return st;
	}
	st = qs_whmcs_ids(ev, vars, &ids, e);
	if (st != QS_OK) {
		*state = state_obj(ev->name, "Error", NULL, NULL, e->message);
		return st;
	}
	named(ev, ids, &kind, &id);
	if (eng->delivery != QS_DELIVER_INLINE) {
		/* the hook path: one insert, committed; read and pushed at delivery time */
		const char *idtext = json_object_to_json_string_ext(ids, JSON_C_TO_STRING_PLAIN);
		double now = qs_store_now();
		st = qs_store_hook_put(eng->store, eng->conn_key, ev->name, idtext, now, e);
		if (st == QS_ESTORE && qs_store_is_mysql(eng->store_path)) {
			/* the database is unreachable: kept on this host, replayed when it returns */
			qs_error se;
			qs_error_clear(&se);
			if (qse_spill_put(eng, ev->name, idtext, now, &se) == QS_OK) {
				qs_error_clear(e);
				st = QS_OK;
			}
		} else if (st == QS_OK) {
			qse_spill_replay(eng);
		}
		if (st == QS_OK) {
			if (eng->delivery == QS_DELIVER_DEFERRED) {
				eng->hooks_deferred = true;
			}
			*state = state_obj(ev->name, "Queued", kind, id, NULL);
		} else {
			*state = state_obj(ev->name, "Error", kind, id, e->message);
		}
		json_object_put(ids);
		return st;
	}
	{
		hook_run h;
		char mk[16] = "", mi[65] = "";
		memset(&h, 0, sizeof(h));
		h.eng = eng;
		h.flags = 0;
		h.states = json_object_new_array();
		st = qse_hook_expand_one(eng, ev, ids, &h, mk, mi, e);
		if (st != QS_OK) {
			qse_log_msg(eng, "error", kind, id, "%s: %s", ev->name, e->message);
			*state = state_obj(ev->name, "Error", mk[0] ? mk : kind, mi[0] ? mi : id, e->message);
		} else if (mk[0] && mi[0]) {
			*state = main_state(&h, ev->name, mk, mi);
			if (h.push_failed != QS_OK) {
				qs_error_copy(e, &h.push_err);
				st = h.push_failed;
			}
		} else {
			*state = state_obj(ev->name, "Done", NULL, NULL, NULL);
		}
		json_object_put(h.states);
	}
	json_object_put(ids);
	return st;
}
