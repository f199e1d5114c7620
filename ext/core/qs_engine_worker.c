/* qs_engine_worker: the company's worker lock: who runs its long work (the
 * history push, bin/qbosync worker) now, its heartbeat, the takeover of a
 * lock whose holder died or stopped beating, unlock, and the cancel request
 * a running worker reads at its next step. */
#include "qs_engine_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A lock whose holder has not beaten for this long is taken over. */
#define WORKER_STALE 120.0
/* The holder writes its heartbeat (and reads a cancel request) at most this often. */
#define WORKER_BEAT 1.0

static bool stale(qs_engine *eng, const qs_worker_row *w, double now)
{
	return now - w->heartbeat > WORKER_STALE || qse_owner_dead(eng, w->owner);
}

qs_status qse_worker_take(qs_engine *eng, bool *got, qs_error *e)
{
	qs_worker_row w;
	qs_status r;
	double now = qs_store_now();

	*got = false;
	if (eng->worker_held) {
		/* kept from an earlier run: a heartbeat now, which also reads a cancel request */
		eng->worker_beat = 0;
		qse_worker_beat(eng);
		if (eng->worker_held) {
			*got = true;
			return QS_OK;
		}
		eng->worker_cancel = false;   /* released meanwhile (qbo_unlock): taken again below if free */
	}
	if ((r = qs_store_begin(eng->store, true, e)) != QS_OK) {
		return r;
	}
	r = qs_store_worker_get(eng->store, eng->conn_key, &w, e);
	if (r == QS_OK && w.exists && strcmp(w.owner, eng->owner) != 0 && !stale(eng, &w, now)) {
		qs_store_rollback(eng->store);
		return QS_OK;   /* held by a live worker */
	}
	if (r == QS_OK) {
		char prev[96];
		bool taken_over = w.exists && strcmp(w.owner, eng->owner) != 0;
		qs_strlcpy(prev, w.owner, sizeof(prev));
		memset(&w, 0, sizeof(w));
		qs_strlcpy(w.owner, eng->owner, sizeof(w.owner));
		qs_strlcpy(w.host, eng->host, sizeof(w.host));
		w.pid = (long)getpid();
		w.since = w.heartbeat = now;
		r = qs_store_worker_put(eng->store, eng->conn_key, &w, e);
		if (r == QS_OK && taken_over) {
			qse_log_msg(eng, "warn", NULL, NULL, "Took over the worker lock left by %s (its process is gone or silent)", prev);
		}
	}
	if (r == QS_OK) {
		r = qs_store_commit(eng->store, e);
	} else {
		qs_store_rollback(eng->store);
	}
	if (r == QS_OK) {
		eng->worker_held = true;
		eng->worker_beat = now;
		*got = true;
	}
	return r;
}

bool qse_worker_beat(qs_engine *eng)
{
	qs_worker_row w;
	double now = qs_store_now();
	bool cancel = false;

	if (!eng->worker_held || now - eng->worker_beat < WORKER_BEAT) {
		return eng->worker_cancel;
	}
	eng->worker_beat = now;
	if (qs_store_begin(eng->store, true, NULL) != QS_OK) {
		return eng->worker_cancel;
	}
	if (qs_store_worker_get(eng->store, eng->conn_key, &w, NULL) == QS_OK) {
		if (!w.exists || strcmp(w.owner, eng->owner) != 0) {
			/* unlocked (qbo_unlock) or taken over: stop at this step */
			cancel = true;
			eng->worker_held = false;
		} else {
			cancel = w.cancel;
			w.heartbeat = now;
			qs_store_worker_put(eng->store, eng->conn_key, &w, NULL);
		}
	}
	if (qs_store_commit(eng->store, NULL) != QS_OK) {
		qs_store_rollback(eng->store);
	}
	if (cancel) {
		eng->worker_cancel = true;
	}
	return eng->worker_cancel;
}

void qse_worker_release(qs_engine *eng)
{
	bool removed;
	if (!eng->worker_held || strtol(eng->owner, NULL, 10) != (long)getpid()) {
		/* not held, or an engine inherited by a forked child: the parent's lock stays */
		eng->worker_held = false;
		eng->worker_cancel = false;
		return;
	}
	qs_store_worker_del(eng->store, eng->conn_key, eng->owner, &removed, NULL);
	eng->worker_held = false;
	eng->worker_cancel = false;
}

json_object *qse_worker_json(qs_engine *eng, qs_error *e, qs_status *r)
{
	qs_worker_row w;
	json_object *o;
	*r = qs_store_worker_get(eng->store, eng->conn_key, &w, e);
	if (*r != QS_OK || !w.exists) {
		return NULL;
	}
	o = json_object_new_object();
	json_object_object_add(o, "owner", json_object_new_string(w.owner));
	json_object_object_add(o, "host", qse_jstr_new(w.host));
	json_object_object_add(o, "pid", json_object_new_int64(w.pid));
	json_object_object_add(o, "since", qse_jtime(w.since));
	json_object_object_add(o, "heartbeat", qse_jtime(w.heartbeat));
	json_object_object_add(o, "cancel", json_object_new_boolean(w.cancel));
	json_object_object_add(o, "stale", json_object_new_boolean(stale(eng, &w, qs_store_now())));
	return o;
}

qs_status qs_engine_unlock(qs_engine *eng, bool *released, qs_error *e)
{
	qs_worker_row w;
	qs_status r;
	*released = false;
	if ((r = qs_store_worker_get(eng->store, eng->conn_key, &w, e)) != QS_OK) {
		return r;
	}
	r = qs_store_worker_del(eng->store, eng->conn_key, NULL, released, e);
	if (r == QS_OK && *released) {
		qse_log_msg(eng, "warn", NULL, NULL, "Worker lock of %s released on request (qbo_unlock)", w.owner);
	}
	return r;
}

qs_status qs_engine_cancel(qs_engine *eng, bool *asked, qs_error *e)
{
	qs_worker_row w;
	qs_status r;
	*asked = false;
	if ((r = qs_store_begin(eng->store, true, e)) != QS_OK) {
		return r;
	}
	r = qs_store_worker_get(eng->store, eng->conn_key, &w, e);
	if (r == QS_OK && w.exists) {
		w.cancel = true;
		r = qs_store_worker_put(eng->store, eng->conn_key, &w, e);
		*asked = r == QS_OK;
	}
	if (r == QS_OK) {
		r = qs_store_commit(eng->store, e);
	} else {
		qs_store_rollback(eng->store);
	}
	if (r == QS_OK && *asked) {
		qse_log_msg(eng, "warn", NULL, NULL, "The worker %s is asked to stop at its next step (qbo_cancel)", w.owner);
	}
	return r;
}
