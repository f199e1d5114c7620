/* qs_engine_push: qbo_push's entry point: the document validated and
 * normalised (qs_map), then recorded in the durable outbox, committed before
 * any network call (qs_engine_record.c), and delivered as the delivery mode
 * says (qs_engine_inline.c); a MariaDB/MySQL store that lost its connection
 * gets the document kept in the spill file (qs_engine_spill.c). Apart from
 * qs_engine.c so that the sync loop's hook expansion and history push, which
 * push documents, sit above it. */
#include "qs_engine_int.h"

#include <string.h>

/* qbo_push when the MariaDB/MySQL store lost its connection: a lost
 * transaction is tried once more on a new connection; a server that does
 * not answer gets the document kept in the spill file (replayed, in order,
 * once it is back). Worker and deferred delivery answer the state
 * "Not Tried" with queued and spilled true; inline delivery, which promised
 * to send now, throws a StoreException saying the document is kept. */
static qs_status spill_push(qs_engine *eng, const char *kind, json_object *norm, int flags,
	json_object **state, qs_error *e)
{
	const char *id = qse_jstr(norm, "id") ? qse_jstr(norm, "id") : "";
	char why[sizeof(e->message)];
	qs_error se;
	qs_status r;
	if (!qs_store_offline(eng->store)) {
		json_object_put(*state);
		*state = NULL;
		qs_error_clear(e);
		r = qse_push_norm(eng, kind, norm, flags, state, e);
		if (r != QS_ESTORE || !qs_store_offline(eng->store)) {
			return r;
		}
	}
	qs_strlcpy(why, e->message, sizeof(why));
	qs_error_clear(&se);
	if (qse_spill_push(eng, kind, norm, flags, qs_store_now(), &se) != QS_OK) {
		qs_error_set(e, QS_ESTORE, "%s %s was NOT kept: the store is unreachable (%s) and the spill file cannot be written "
			"(%s); push it again once the database is back", qse_entity_label(kind), id, why, se.message);
		qs_error_record(e, kind, id);
		return QS_ESTORE;
	}
	json_object_put(*state);
	*state = NULL;
	if (eng->delivery == QS_DELIVER_INLINE) {
		qs_error_set(e, QS_ESTORE, "%s %s was not delivered: %s. It is kept in the local spill file %s and recorded once the "
			"database is back (delivered by the next qbo_sync()); there is no need to push it again",
			qse_entity_label(kind), id, why, eng->spill_path);
		qs_error_record(e, kind, id);
		return QS_ESTORE;
	}
	qs_error_clear(e);
	*state = json_object_new_object();
	json_object_object_add(*state, "kind", json_object_new_string(kind));
	json_object_object_add(*state, "id", json_object_new_string(id));
	json_object_object_add(*state, "state", json_object_new_string(qs_state_name(QS_STATE_NOT_TRIED)));
	json_object_object_add(*state, "reason", json_object_new_string("Kept in the local spill file while the store database "
		"is unreachable; recorded and delivered once it is back"));
	json_object_object_add(*state, "queued", json_object_new_boolean(true));
	json_object_object_add(*state, "spilled", json_object_new_boolean(true));
	qse_log_msg(eng, "warn", kind, id, "Kept in the spill file: %s", why);
	return QS_OK;
}

qs_status qs_engine_push_view(qs_engine *eng, const char *kind, json_object *doc, int flags,
	json_object **state, qs_state_view *view, qs_error *e)
{
	json_object *norm = NULL;
	qs_status r;

	*state = NULL;
	if (view) {
		view->n = 0;
	}
	/* an unknown kind is refused by qs_map_validate (the kind quoted UTF-8-safe) */
	r = qs_map_validate(kind, doc, eng->home_currency[0] ? eng->home_currency : "USD", &norm, e);
	if (r != QS_OK) {
		json_object_put(norm);
		return r;
	}
	if (qs_store_is_mysql(eng->store_path) && !eng->replaying) {
		qse_spill_replay(eng);   /* what an outage kept goes first, in order */
	}
	r = qse_push_norm_view(eng, kind, norm, flags, state, view, e);
	if (r == QS_ESTORE && qs_store_is_mysql(eng->store_path) && !eng->replaying && qs_store_lost(eng->store)) {
		if (view) {
			view->n = 0;
		}
		r = spill_push(eng, kind, norm, flags, state, e);
	}
	json_object_put(norm);
	return r;
}

qs_status qs_engine_push(qs_engine *eng, const char *kind, json_object *doc, int flags,
	json_object **state, qs_error *e)
{
	return qs_engine_push_view(eng, kind, doc, flags, state, NULL, e);
}
