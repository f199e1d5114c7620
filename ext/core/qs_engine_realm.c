/* qs_engine_realm: reconnecting to another QBO company (realm). Mappings and
 * QBO Ids belong to one company: when the OAuth exchange names a realm other
 * than the stored one, the old company's links are parked under its realm and
 * cleared (qs_store_realm_switch), those of an earlier connection to the new
 * realm are restored, and every record qbosync had taken in hand is queued
 * again as a new version (a new requestid), so it is created in the new
 * company, or updated where a restored link says it is there already; nothing
 * sent there refers to the old company's Ids. Skipped, Dismissed and Deleted
 * records stay as they are. Runs inside the caller's write transaction. */
#include "qs_engine_int.h"
#include "qs_kind.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct realm_rec {
	char kind[16];
	char id[65];
} realm_rec;

typedef struct realm_list {
	realm_rec *v;
	size_t n, cap;
	bool oom;
} realm_list;

static void collect_cb(void *ud, const qs_entity *en)
{
	realm_list *l = ud;
	realm_rec *nv;
	if (l->oom || en->state == QS_STATE_SKIPPED || en->state == QS_STATE_DISMISSED || en->state == QS_STATE_DELETED) {
		return;
	}
	nv = qs_grow(l->v, &l->cap, l->n, sizeof(*nv), 64);
	if (!nv) {
		l->oom = true;
		return;
	}
	l->v = nv;
	qs_strlcpy(l->v[l->n].kind, en->kind, sizeof(l->v[0].kind));
	qs_strlcpy(l->v[l->n].id, en->id, sizeof(l->v[0].id));
	l->n++;
}

qs_status qse_realm_switch(qs_engine *eng, const char *from, const char *to, qs_error *e)
{
	realm_list l;
	size_t i;
	double now = qs_store_now();
	qs_status r = qs_store_realm_switch(eng->store, eng->conn_key, from, to, e);
	if (r != QS_OK) {
		return r;
	}
	memset(&l, 0, sizeof(l));
	r = qs_store_entity_list(eng->store, eng->conn_key, NULL, NULL, NULL, 0, 0, collect_cb, &l, e);
	if (r == QS_OK && l.oom) {
		r = qs_error_set(e, QS_EINTERNAL, "Out of memory");
	}
	for (i = 0; r == QS_OK && i < l.n; i++) {
		qs_entity en;
		r = qs_store_entity_get(eng->store, eng->conn_key, l.v[i].kind, l.v[i].id, &en, e);
		if (r != QS_OK || !en.exists || !en.doc) {
			qs_entity_clear(&en);
			continue;
		}
		en.version++;
		en.updated = now;
		en.attempts = 0;
		if (!en.qbo_id[0]) {
			en.state = QS_STATE_NOT_TRIED;
			snprintf(en.reason, sizeof(en.reason), "Connected to QuickBooks company %s: queued to be sent there", to);
		}
		qse_queue_afresh(&en, now);
		en.create_rid[0] = '\0';
		r = qs_store_entity_put(eng->store, eng->conn_key, &en, e);
		if (r == QS_OK) {
			r = qs_store_outbox_put(eng->store, eng->conn_key, &en, e);
		}
		qs_entity_clear(&en);
	}
	if (r == QS_OK) {
		qse_log_msg(eng, "info", NULL, NULL, "Connected to another QuickBooks company (%s, was %s): its mappings and QBO Ids "
			"are set aside, %zu records queued to be sent to %s", to, from, l.n, to);
	}
	free(l.v);
	return r;
}
