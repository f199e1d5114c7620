/* qs_engine_inline: inline delivery, driven from the top: a pushed document
 * is recorded (qs_engine_record.c, which sends nothing) and then, when the
 * delivery mode says so, delivered during the call; the answer is the state
 * after that delivery. */
#include "qs_engine_int.h"

#include <string.h>

qs_status qse_push_norm(qs_engine *eng, const char *kind, json_object *norm, int flags,
	json_object **state, qs_error *e)
{
	qs_status r;
	bool send = false;
	char id[65];

	qs_strlcpy(id, qse_jstr(norm, "id") ? qse_jstr(norm, "id") : "", sizeof(id));
	r = qse_record_norm(eng, kind, norm, flags, &send, state, e);
	if (r != QS_OK || !send) {
		return r;
	}
	if (qse_throttled(eng)) {
		return QS_OK;   /* QBO asked every process to pause: it stays queued */
	}
	/* inline: send now; the answer is the state after the delivery */
	json_object_put(*state);
	*state = NULL;
	{
		bool busy = false;
		char st[16];
		qs_error de;
		qs_error_clear(&de);
		eng->inline_ctx = true;
		r = qse_deliver_one(eng, kind, id, &busy, st, &de);
		eng->inline_ctx = false;
		if (r == QS_EAUTH) {
			/* never connected yet: the record waits in the queue, no exception */
			qs_conn_row row;
			bool never = qs_store_conn_get(eng->store, eng->conn_key, &row, NULL) == QS_OK
				&& !row.refresh && !strcmp(row.status, "Not Connected");
			qs_conn_row_clear(&row);
			if (never) {
				r = QS_OK;
			}
		}
		if (r == QS_EAPI || r == QS_EAUTH || r == QS_ESTORE) {
			qs_error_copy(e, &de);
			qse_state_of(eng, kind, id, state, NULL);
			return r;
		}
	}
	return qse_state_of(eng, kind, id, state, e);
}
