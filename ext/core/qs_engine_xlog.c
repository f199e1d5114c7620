/* qs_engine_xlog: the exchange log: every QBO exchange of the engine's HTTP
 * handles (API calls, queries, /batch, OAuth token calls) written to the
 * store's log with its record, method, path, status, fault codes,
 * intuit_tid, time and scrubbed bodies; the log's listing with its filters
 * (qbo_log); and the retention that the deliverer applies. */
#include "qs_engine_int.h"
#include "qs_crypto.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const bodies_names[QS_LOG_BODIES__COUNT] = {
	[QS_LOG_BODIES_ERRORS] = "errors",
	[QS_LOG_BODIES_ALL] = "all",
	[QS_LOG_BODIES_NONE] = "none",
};

int qs_log_bodies_of(const char *name)
{
	int i;
	for (i = 0; name && i < QS_LOG_BODIES__COUNT; i++) {
		if (!strcmp(name, bodies_names[i])) {
			return i;
		}
	}
	return -1;
}

void qs_engine_set_log_policy(qs_engine *eng, long retention_days, long max_rows, qs_log_bodies bodies)
{
	eng->log_retention = retention_days > 0 ? retention_days : QS_LOG_RETENTION_DEFAULT;
	eng->log_max_rows = max_rows >= 0 ? max_rows : QS_LOG_MAX_ROWS_DEFAULT;
	eng->log_bodies = (int)bodies >= 0 && bodies < QS_LOG_BODIES__COUNT ? bodies : QS_LOG_BODIES_ERRORS;
}

void qs_engine_set_http_log(qs_engine *eng, qs_http_log_fn fn, void *ud)
{
	eng->user_log = fn;
	eng->user_log_ud = ud;
}

/* ---- one exchange ---- */

/* Every occurrence of secret in text (in place) becomes ***: the engine's
 * own secrets, whatever key or header they came under. */
static void strip_literal(char *text, const char *secret)
{
	size_t n, m;
	char *p;
	if (!text || !secret || (n = strlen(secret)) < 4) {
		return;
	}
	while ((p = strstr(text, secret)) != NULL) {
		m = strlen(p + n);
		memcpy(p, "***", 3);
		memmove(p + 3, p + n, m + 1);
	}
}

static void strip_secrets(qs_engine *eng, char *text)
{
	strip_literal(text, eng->client_secret);
	strip_literal(text, eng->access);
	strip_literal(text, eng->webhook_verifier);
	strip_literal(text, eng->store_secret);
}

/* Appends code to the comma-separated list (no repeats, bounded). */
static void add_code(char *list, size_t size, const char *code)
{
	size_t n = strlen(list), k;
	char probe[72];
	if (!code || !*code || strlen(code) > 48 || strchr(code, ',')) {
		return;
	}
	snprintf(probe, sizeof(probe), ",%s,", code);
	{
		char hay[300];
		snprintf(hay, sizeof(hay), ",%s,", list);
		if (strstr(hay, probe)) {
			return;
		}
	}
	k = strlen(code);
	if (n + k + 2 > size) {
		return;
	}
	if (n) {
		list[n++] = ',';
	}
	memcpy(list + n, code, k + 1);
}

/* The codes and the first message of a QBO Fault object. */
static void fault_codes(json_object *fault, char *codes, size_t size, char *msg, size_t msize)
{
	/* QBO's Fault, or the gateway's envelope with lower-case keys (3200, 3100, 3001) */
	json_object *errs = qse_jget(fault, "Error") ? qse_jget(fault, "Error") : qse_jget(fault, "error");
	size_t i, n = errs && json_object_is_type(errs, json_type_array) ? json_object_array_length(errs) : 0;
	for (i = 0; i < n; i++) {
		json_object *er = json_object_array_get_idx(errs, i);
		add_code(codes, size, qse_jstr(er, "code"));
		if (!msg[0]) {
			const char *m = qse_jstr(er, "Message") ? qse_jstr(er, "Message") : qse_jstr(er, "message");
			const char *d = qse_jstr(er, "Detail") ? qse_jstr(er, "Detail") : qse_jstr(er, "detail");
			snprintf(msg, msize, "%s%s%s", m ? m : "", m && d ? ": " : "", d ? d : "");
		}
	}
}

static void scan_codes(const char *body, const char *pat, char *codes, size_t size)
{
	const char *p = body;
	size_t pl = strlen(pat);
	while ((p = strstr(p, pat)) != NULL) {
		char c[49];
		size_t k = 0;
		p += pl;
		while (p[k] && p[k] != '"' && k < sizeof(c) - 1) {
			c[k] = p[k];
			k++;
		}
		c[k] = '\0';
		add_code(codes, size, c);
		p += k;
	}
}

/* QBO's fault codes in an answer (a Fault, the Faults of a /batch's items,
 * OAuth's error, an XML fault's code attribute); msg: the first message. */
static void answer_codes(const char *body, char *codes, size_t size, char *msg, size_t msize)
{
	json_object *o;
	codes[0] = '\0';
	msg[0] = '\0';
	if (!body || !*body) {
		return;
	}
	/* a successful answer is parsed only when it holds a fault (a /batch's items) */
	if (!strstr(body, "Fault") && !strstr(body, "\"fault\"") && !strstr(body, "\"error\"") && !strstr(body, "code=\"")) {
		return;
	}
	o = json_tokener_parse(body);
	if (o && json_object_is_type(o, json_type_object)) {
		json_object *f = qse_jget(o, "Fault") ? qse_jget(o, "Fault") : qse_jget(o, "fault");
		json_object *items = qse_jget(o, "BatchItemResponse");
		const char *oe = qse_jstr(o, "error");
		if (f) {
			fault_codes(f, codes, size, msg, msize);
		}
		if (items && json_object_is_type(items, json_type_array)) {
			size_t i;
			for (i = 0; i < json_object_array_length(items); i++) {
				json_object *it = json_object_array_get_idx(items, i);
				if (qse_jget(it, "Fault")) {
					fault_codes(qse_jget(it, "Fault"), codes, size, msg, msize);
				}
			}
		}
		if (oe) {
			const char *d = qse_jstr(o, "error_description");
			add_code(codes, size, oe);
			snprintf(msg, msize, "%s", d ? d : oe);
		}
	} else if (!o) {
		/* XML, or a JSON answer the scrubber cut: each code="..." / "code":"..." */
		scan_codes(body, "code=\"", codes, size);
		scan_codes(body, "\"code\":\"", codes, size);
	}
	json_object_put(o);
}

/* path and query of url, the query's secret values removed (qs_http_log_scrub) */
static char *url_path(const char *url)
{
	const char *p = strstr(url, "://"), *q;
	char *out, *sq = NULL;
	size_t n;
	p = p ? strchr(p + 3, '/') : url;
	if (!p) {
		p = "/";
	}
	q = strchr(p, '?');
	if (q) {
		sq = qs_http_log_scrub(q + 1, strlen(q + 1));
	}
	n = (size_t)(q ? q - p : (ptrdiff_t)strlen(p));
	out = malloc(n + (sq ? strlen(sq) + 2 : 1));
	if (out) {
		memcpy(out, p, n);
		out[n] = '\0';
		if (sq) {
			out[n] = '?';
			strcpy(out + n + 1, sq);
		}
	}
	free(sq);
	return out;
}

/* The observer of every handle (eng->http_log): the row, then the connect
 * option log's callable when there is one. */
void qse_xlog_observe(void *ud, const qs_http_exchange *x)
{
	qs_engine *eng = ud;
	qs_log_row row;
	char codes[256], fmsg[400], message[600], *path, *req = NULL, *resp = NULL;
	bool failed;
	if (!eng || !x) {
		return;
	}
	memset(&row, 0, sizeof(row));
	path = url_path(x->url ? x->url : "");
	answer_codes(x->response, codes, sizeof(codes), fmsg, sizeof(fmsg));
	failed = x->error || x->status == 0 || x->status >= 400 || codes[0];
	row.level = x->error || x->status == 0 || x->status == 401 || x->status == 429 || x->status >= 500 ? "warn"
		: x->status >= 400 ? "error" : codes[0] ? "warn" : "info";
	if (x->error) {
		snprintf(message, sizeof(message), "%s %s: %s", x->method, path ? path : "", x->error);
	} else {
		char *qm = path ? strchr(path, '?') : NULL;
		snprintf(message, sizeof(message), "%s %.*s: HTTP %ld%s%s", x->method,
			qm ? (int)(qm - path) : (int)(path ? strlen(path) : 0), path ? path : "", x->status,
			fmsg[0] ? ", " : "", fmsg);
	}
	if (eng->log_bodies == QS_LOG_BODIES_ALL || (eng->log_bodies == QS_LOG_BODIES_ERRORS && failed)) {
		req = x->request && x->request_len ? strdup(x->request) : NULL;
		resp = x->response && x->response_len ? strdup(x->response) : NULL;
	}
	strip_secrets(eng, path);
	strip_secrets(eng, message);
	strip_secrets(eng, req);
	strip_secrets(eng, resp);
	row.kind = eng->xlog_kind;
	row.id = eng->xlog_id;
	row.message = message;
	row.method = x->method;
	row.path = path ? path : "";
	row.status = x->status;
	row.code = codes[0] ? codes : NULL;
	row.intuit_tid = x->intuit_tid && *x->intuit_tid ? x->intuit_tid : NULL;
	row.ms = x->ms;
	row.records = x->note && *x->note ? x->note : NULL;
	row.request = req;
	row.response = resp;
	if (!eng->store_offline) {
		qs_store_log_put(eng->store, eng->conn_key, &row);
	}
	free(req);
	free(resp);
	free(path);
	if (eng->user_log) {
		eng->user_log(eng->user_log_ud, x);
	}
}

/* ---- retention ---- */

void qse_xlog_prune(qs_engine *eng)
{
	double now = qs_store_now();
	long removed = 0, rounds = 0;
	qs_error e;
	if (eng->store_offline || now - eng->log_pruned < QS_LOG_PRUNE_EVERY) {
		return;
	}
	eng->log_pruned = now;
	qs_error_clear(&e);
	do {
		removed = 0;
		if (qs_store_log_prune(eng->store, eng->conn_key, now - (double)eng->log_retention * 86400.0,
				eng->log_max_rows, QS_LOG_PRUNE_BATCH, &removed, &e) != QS_OK) {
			break;
		}
		eng->log_removed += removed;
	} while (removed >= QS_LOG_PRUNE_BATCH && ++rounds < QS_LOG_PRUNE_ROUNDS);
}

/* ---- the listing (qbo_log) ---- */

static void row_json(void *ud, const qs_log_row *r)
{
	json_object *o = json_object_new_object();
	bool x = r->method != NULL;
	json_object_object_add(o, "seq", json_object_new_int64(r->seq));
	json_object_object_add(o, "at", qse_jtime(r->at));
	json_object_object_add(o, "type", json_object_new_string(x ? "exchange" : "decision"));
	json_object_object_add(o, "level", json_object_new_string(r->level));
	json_object_object_add(o, "kind", qse_jstr_new(r->kind));
	json_object_object_add(o, "id", qse_jstr_new(r->id));
	json_object_object_add(o, "message", json_object_new_string(r->message));
	json_object_object_add(o, "method", qse_jstr_new(r->method));
	json_object_object_add(o, "path", qse_jstr_new(r->path));
	json_object_object_add(o, "status", x ? json_object_new_int64(r->status) : NULL);
	json_object_object_add(o, "code", qse_jstr_new(r->code));
	json_object_object_add(o, "intuit_tid", qse_jstr_new(r->intuit_tid));
	json_object_object_add(o, "ms", x ? json_object_new_double((double)(long long)(r->ms * 10.0 + 0.5) / 10.0) : NULL);
	json_object_object_add(o, "records", qse_jstr_new(r->records));
	json_object_object_add(o, "request", qse_jstr_new(r->request));
	json_object_object_add(o, "response", qse_jstr_new(r->response));
	json_object_array_add((json_object *)ud, o);
}

qs_status qs_engine_log(qs_engine *eng, json_object *filter, json_object **out, qs_error *e)
{
	json_object *arr = json_object_new_array(), *v;
	qs_log_filter f;
	const char *lv = qse_jstr(filter, "level"), *type = qse_jstr(filter, "type");
	qs_status r;
	memset(&f, 0, sizeof(f));
	f.min_level = lv && !strcmp(lv, "error") ? 2 : lv && !strcmp(lv, "warn") ? 1 : 0;
	f.kind = qse_jstr(filter, "kind");
	f.id = qse_jstr(filter, "id");
	f.code = qse_jstr(filter, "code");
	f.intuit_tid = qse_jstr(filter, "intuit_tid");
	f.type = type && !strcmp(type, "exchange") ? QS_LOG_EXCHANGES : type && !strcmp(type, "decision") ? QS_LOG_DECISIONS : QS_LOG_ANY;
	if ((v = qse_jget(filter, "since")) != NULL) {
		f.since = json_object_get_double(v);
	}
	if ((v = qse_jget(filter, "until")) != NULL) {
		f.until = json_object_get_double(v);
	}
	f.limit = (v = qse_jget(filter, "limit")) != NULL ? (long)json_object_get_int64(v) : 100;
	f.offset = (v = qse_jget(filter, "offset")) != NULL ? (long)json_object_get_int64(v) : 0;
	r = qs_store_log_find(eng->store, eng->conn_key, &f, row_json, arr, e);
	if (r != QS_OK) {
		json_object_put(arr);
		*out = NULL;
		return r;
	}
	*out = arr;
	return QS_OK;
}
