/* qs_engine_start: a connected customer's start date (qbo_map('customer', …,
 * ['start_date' => 'YYYY-MM-DD'])): that customer's invoices, payments,
 * refunds and credits dated before it are Skipped with the reason; when the
 * date changes, that customer's records not yet in QBO are judged again. */
#include "qs_engine_int.h"
#include "qs_state.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The reason of a record Skipped by its customer's start date contains this. */
#define START_MARK "set when connecting customer "

/* Whether a customer's start date keeps out records of the kind (its row's customer_start). */
static bool is_fin_kind(const char *kind)
{
	const qs_kind *k = qs_kind_find(kind);
	return k && k->customer_start;
}

bool qse_start_date_ok(const char *d)
{
	static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int i, mon, day;
	if (!d || strlen(d) != 10 || d[4] != '-' || d[7] != '-') {
		return false;
	}
	for (i = 0; i < 10; i++) {
		if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9')) {
			return false;
		}
	}
	mon = (d[5] - '0') * 10 + (d[6] - '0');
	day = (d[8] - '0') * 10 + (d[9] - '0');
	return mon >= 1 && mon <= 12 && day >= 1 && day <= days[mon - 1];
}

/* src cut to at most size - 1 bytes without splitting a UTF-8 sequence. */
static void utf8_cut(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src), i;
	if (n >= size) {
		n = size - 1;
		i = n;
		while (i > 0 && ((unsigned char)src[i] & 0xC0) == 0x80) {
			i--;   /* src[n] continues a sequence: cut before its lead byte */
		}
		n = i;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
}

bool qse_skipped_by_customer_start(qs_engine *eng, const char *kind, json_object *norm, char *reason, size_t n,
	char start[11])
{
	const char *cust = qse_jstr(norm, "customer");
	const char *d = qse_jstr(norm, "date");
	qs_mapping m;
	bool found = false;
	char name[201];
	if (!is_fin_kind(kind) || !cust || !*cust) {
		return false;
	}
	if (!d) {
		d = qse_jstr(norm, "created");
	}
	if (!d || qs_store_map_get(eng->store, eng->conn_key, "customer", cust, "", &m, &found, NULL) != QS_OK || !found
			|| !m.start_date[0] || strncmp(d, m.start_date, 10) >= 0) {
		return false;
	}
	if (start) {
		qs_strlcpy(start, m.start_date, 11);
	}
	utf8_cut(name, sizeof(name), m.name[0] ? m.name : m.qbo_id);
	snprintf(reason, n, "Dated %.10s, before the start date %s " START_MARK "%.64s to QuickBooks customer '%s' (#%s)"
		" \xE2\x80\x94 not sent to QuickBooks; move or clear the start date (Connect Customer, or qbo_map('customer', '%.64s', "
		"'%s', ['start_date' => …])) to send it",
		d, m.start_date, cust, name, m.qbo_id, cust, m.qbo_id);
	return true;
}

/* ------------------------------------------------- a changed start date */

typedef struct start_scan {
	qs_engine *eng;
	const char *customer;
	char (*ids)[65];
	size_t n, cap;
	bool oom;
} start_scan;

/* Collects the customer's records that the new date may judge otherwise: those
 * Skipped by a start date, and those not yet in QBO that it now keeps out. A
 * record in QBO (or being sent) stays as it is. */
static void scan_cb(void *ud, const qs_entity *en)
{
	start_scan *sc = ud;
	json_object *norm;
	const char *cust;
	bool take = false;
	char reason[1024];
	if (sc->oom || en->qbo_id[0] || !strcmp(en->q_status, "sending") || !en->doc) {
		return;
	}
	norm = json_tokener_parse(en->doc);
	cust = qse_jstr(norm, "customer");
	if (cust && !strcmp(cust, sc->customer)) {
		if (en->state == QS_STATE_SKIPPED) {
			take = strstr(en->reason, START_MARK) != NULL;
		} else {
			take = qse_skipped_by_customer_start(sc->eng, en->kind, norm, reason, sizeof(reason), NULL);
		}
	}
	json_object_put(norm);
	if (take) {
		void *nv = qs_grow(sc->ids, &sc->cap, sc->n, sizeof(*sc->ids), 16);
		if (!nv) {
			sc->oom = true;
			return;
		}
		sc->ids = nv;
		qs_strlcpy(sc->ids[sc->n], en->id, sizeof(sc->ids[0]));
		sc->n++;
	}
}

qs_status qse_start_date_changed(qs_engine *eng, const char *customer, long *queued, long *skipped, qs_error *e)
{
	static const qs_state states[] = {QS_STATE_SKIPPED, QS_STATE_NOT_TRIED, QS_STATE_WAITING, QS_STATE_ERROR};
	const qs_kind *kr;
	size_t k, s, i;
	qs_status r = QS_OK;
	*queued = *skipped = 0;
	for (k = 0; (kr = qs_kind_at(k)) != NULL && r == QS_OK; k++) {
		start_scan sc;
		if (!kr->customer_start) {
			continue;
		}
		memset(&sc, 0, sizeof(sc));
		sc.eng = eng;
		sc.customer = customer;
		for (s = 0; s < sizeof(states) / sizeof(states[0]) && r == QS_OK; s++) {
			r = qs_store_entity_list(eng->store, eng->conn_key, kr->name, qs_state_name(states[s]), NULL, 0, 0,
				scan_cb, &sc, e);
		}
		if (r == QS_OK && sc.oom) {
			r = qs_error_set(e, QS_EINTERNAL, "Out of memory judging customer %s's records by its start date", customer);
		}
		for (i = 0; i < sc.n && r == QS_OK; i++) {
			json_object *norm = NULL, *state = NULL;
			qs_entity en;
			r = qs_store_entity_get(eng->store, eng->conn_key, kr->name, sc.ids[i], &en, e);
			if (r == QS_OK && en.exists && en.doc) {
				norm = json_tokener_parse(en.doc);
			}
			qs_entity_clear(&en);
			if (r != QS_OK || !norm) {
				json_object_put(norm);
				continue;
			}
			/* recorded again: judged by the settings as they are now, queued
			 * when inside the window (delivered by the next qbo_sync) */
			r = qse_push_norm(eng, kr->name, norm, QS_PUSH_FORCE | QS_PUSH_QUEUE_ONLY, &state, e);
			if (r == QS_OK) {
				const char *st = qse_jstr(state, "state");
				if (qs_state_of(st) == QS_STATE_SKIPPED) {
					(*skipped)++;
				} else {
					(*queued)++;
				}
			}
			json_object_put(state);
			json_object_put(norm);
		}
		free(sc.ids);
	}
	return r;
}
