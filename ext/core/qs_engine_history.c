/* qs_engine_history: the history push: a job per company that walks the
 * billing system's records (through the WHMCS lists and the event table, or
 * a source callback for other platforms) page by page, records each one in
 * the outbox (or, in a dry run, says what would happen without writing), and
 * follows them until they settle; its cursor, counts and pending records are
 * kept in the store after every page, so a killed run resumes where it was.
 * The steps run inside qs_engine_sync under the worker lock. */
#include "qs_engine_int.h"
#include "qs_kind.h"
#include "qs_crypto.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HIST_PAGE 50          /* records read per step (option page) */
#define HIST_PAGE_MAX 500
#define HIST_REPORT_MAX 1000  /* report entries kept in the job */
#define HIST_FAILURES_MAX 5   /* consecutive failed reads before the job fails */

static const char *const whmcs_kinds[] = {"customer", "item", "invoice", "payment", "refund", "credit"};
static const char *const count_names[] = {"created", "linked", "updated", "unchanged", "skipped", "waiting", "errors"};

/* ------------------------------------------------------------------ the job object */

static long jlong(json_object *o, const char *key)
{
	json_object *v = qse_jget(o, key);
	return v ? (long)json_object_get_int64(v) : 0;
}

static void jset_long(json_object *o, const char *key, long v)
{
	json_object_object_add(o, key, json_object_new_int64(v));
}

static void count_add(json_object *job, const char *name, long n)
{
	json_object *c = qse_jget(job, "counts");
	jset_long(c, name, jlong(c, name) + n);
}

static bool job_dry(json_object *job)
{
	json_object *v = qse_jget(job, "dry_run");
	return v && json_object_get_boolean(v);
}

static void report_add(json_object *job, const char *kind, const char *id, const char *action,
	const char *qbo_id, const char *reason)
{
	json_object *rep = qse_jget(job, "report"), *o;
	if (json_object_array_length(rep) >= HIST_REPORT_MAX) {
		jset_long(job, "report_dropped", jlong(job, "report_dropped") + 1);
		return;
	}
	o = json_object_new_object();
	json_object_object_add(o, "kind", json_object_new_string(kind));
	json_object_object_add(o, "id", json_object_new_string(id ? id : ""));
	json_object_object_add(o, "action", json_object_new_string(action));
	json_object_object_add(o, "qbo_id", qse_jstr_new(qbo_id));
	json_object_object_add(o, "reason", qse_jstr_new(reason));
	json_object_array_add(rep, o);
}

/* Whether every member of the array a is a string. */
static bool all_strings(json_object *a)
{
	size_t i;
	for (i = 0; i < json_object_array_length(a); i++) {
		if (!json_object_is_type(json_object_array_get_idx(a, i), json_type_string)) {
			return false;
		}
	}
	return true;
}

/* The job's members that the steps read with json-c's getters, which
 * assert (abort) on another type: the first one missing or of another type,
 * NULL when the job has the shape they need. The containers a job fills as
 * it runs are added empty when missing (or null). */
static const char *job_shape_bad(json_object *job)
{
	static const struct {
		const char *key;
		json_type type;
		bool required;
	} members[] = {
		{"kinds", json_type_array, true},      /* arrays of strings */
		{"walkers", json_type_array, true},
		{"source", json_type_string, true},
		{"totals", json_type_object, false},
		{"credit", json_type_object, false},
		{"counts", json_type_object, false},
		{"pending", json_type_array, false},   /* of [kind, id] */
		{"report", json_type_array, false},
	};
	size_t i, k;
	for (i = 0; i < sizeof(members) / sizeof(members[0]); i++) {
		json_object *v = qse_jget(job, members[i].key);
		if (!v && !members[i].required) {
			json_object_object_add(job, members[i].key, members[i].type == json_type_object
				? json_object_new_object() : json_object_new_array());
			continue;
		}
		if (!v || !json_object_is_type(v, members[i].type)) {
			return members[i].key;
		}
		if ((!strcmp(members[i].key, "kinds") || !strcmp(members[i].key, "walkers")) && !all_strings(v)) {
			return members[i].key;
		}
		if (!strcmp(members[i].key, "pending")) {
			for (k = 0; k < json_object_array_length(v); k++) {
				json_object *p = json_object_array_get_idx(v, k);
				if (!json_object_is_type(p, json_type_array) || json_object_array_length(p) < 2
						|| !json_object_is_type(json_object_array_get_idx(p, 0), json_type_string)
						|| !json_object_is_type(json_object_array_get_idx(p, 1), json_type_string)) {
					return members[i].key;
				}
			}
		}
	}
	return NULL;
}

/* The company's job: *job NULL when there is none. A job that cannot be read
 * (not JSON, not an object, a member the steps need missing or of another
 * type) is QS_ESTORE with *row still filled in (qbo_history() starts the
 * next one over it). */
static qs_status job_load(qs_engine *eng, qs_history_row *row, json_object **job, qs_error *e)
{
	qs_status r = qs_store_history_get(eng->store, eng->conn_key, row, e);
	const char *bad;
	*job = NULL;
	if (r != QS_OK || !row->exists) {
		return r;
	}
	*job = json_tokener_parse(row->job);
	if (!*job || !json_object_is_type(*job, json_type_object)) {
		json_object_put(*job);
		*job = NULL;
		return qs_error_set(e, QS_ESTORE, "The history job %lld in the qbosync store %s cannot be read; start a new one",
			row->id, eng->store_path);
	}
	if ((bad = job_shape_bad(*job)) != NULL) {
		json_object_put(*job);
		*job = NULL;
		return qs_error_set(e, QS_ESTORE, "The history job %lld in the qbosync store %s cannot be read: its \"%s\" is missing"
			" or of another type; start a new one", row->id, eng->store_path, bad);
	}
	return QS_OK;
}

static qs_status job_save(qs_engine *eng, qs_history_row *row, json_object *job, qs_error *e)
{
	qs_status r;
	free(row->job);
	row->job = strdup(json_object_to_json_string_ext(job, JSON_C_TO_STRING_PLAIN));
	if (!row->job) {
		return qs_error_set(e, QS_EINTERNAL, "Out of memory saving the history job");
	}
	row->updated = qs_store_now();
	r = qs_store_history_put(eng->store, eng->conn_key, row, e);
	return r;
}

/* ------------------------------------------------------------------ status */

/* done: the records read whose outcome is known (the pending ones are not yet). */
static long job_done(json_object *job)
{
	long d = jlong(job, "credited") - (long)json_object_array_length(qse_jget(job, "pending"));
	return d > 0 ? d : 0;
}

static long job_total(json_object *job)
{
	json_object *totals = qse_jget(job, "totals"), *credit = qse_jget(job, "credit");
	long t = 0;
	json_object_object_foreach(totals, k, v) {
		long n = (long)json_object_get_int64(v), c = jlong(credit, k);
		t += n > c ? n : c;
	}
	return t;
}

static json_object *status_json(const qs_history_row *row, json_object *job)
{
	json_object *o = json_object_new_object(), *counts = json_object_new_object();
	long done = job_done(job), total = job_total(job);
	double span = row->updated - row->started;
	double rate = span > 0 ? (double)done / span : 0;
	size_t i;

	if (row->state == QS_HISTORY_DONE && total < done) {
		total = done;
	}
	json_object_object_add(o, "id", json_object_new_int64(row->id));
	json_object_object_add(o, "state", json_object_new_string(qs_history_name(row->state)));
	json_object_object_add(o, "dry_run", json_object_new_boolean(job_dry(job)));
	json_object_object_add(o, "kinds", json_object_get(qse_jget(job, "kinds")));
	json_object_object_add(o, "since", json_object_get(qse_jget(job, "since")));
	json_object_object_add(o, "until", json_object_get(qse_jget(job, "until")));
	json_object_object_add(o, "done", json_object_new_int64(done));
	json_object_object_add(o, "total", json_object_new_int64(total));
	json_object_object_add(o, "pending", json_object_new_int64((int64_t)json_object_array_length(qse_jget(job, "pending"))));
	json_object_object_add(o, "rate", json_object_new_double(floor(rate * 100 + 0.5) / 100));
	if (row->state == QS_HISTORY_RUNNING && rate > 0 && total >= done) {
		json_object_object_add(o, "eta", json_object_new_int64((int64_t)ceil((double)(total - done) / rate)));
	} else {
		json_object_object_add(o, "eta", row->state != QS_HISTORY_RUNNING ? json_object_new_int64(0) : NULL);
	}
	json_object_object_add(o, "started", qse_jtime(row->started));
	json_object_object_add(o, "updated", qse_jtime(row->updated));
	for (i = 0; i < sizeof(count_names) / sizeof(count_names[0]); i++) {
		json_object_object_add(counts, count_names[i], json_object_new_int64(jlong(qse_jget(job, "counts"), count_names[i])));
	}
	json_object_object_add(o, "counts", counts);
	json_object_object_add(o, "report", json_object_get(qse_jget(job, "report")));
	json_object_object_add(o, "report_dropped", json_object_new_int64(jlong(job, "report_dropped")));
	json_object_object_add(o, "source", json_object_get(qse_jget(job, "source")));
	json_object_object_add(o, "message", json_object_get(qse_jget(job, "message")));
	return o;
}

qs_status qs_engine_history_status(qs_engine *eng, json_object **out, qs_error *e)
{
	qs_history_row row;
	json_object *job;
	qs_status r = job_load(eng, &row, &job, e);
	*out = NULL;
	if (r == QS_OK && job) {
		*out = status_json(&row, job);
	}
	json_object_put(job);
	qs_history_row_clear(&row);
	return r;
}

/* ------------------------------------------------------------------ starting */

static bool valid_date(const char *d)
{
	int i;
	if (!d || strlen(d) != 10) {
		return false;
	}
	for (i = 0; i < 10; i++) {
		if ((i == 4 || i == 7) ? d[i] != '-' : (d[i] < '0' || d[i] > '9')) {
			return false;
		}
	}
	return true;
}

static bool in_list(const char *const *v, size_t n, const char *s)
{
	size_t i;
	for (i = 0; i < n; i++) {
		if (!strcmp(v[i], s)) {
			return true;
		}
	}
	return false;
}

/* The walkers of a job: for WHMCS the lists (customer, item, invoice,
 * transaction: payments, refunds and credits come from the transactions),
 * for a source the kinds themselves, in delivery order. */
static json_object *walkers_of(json_object *kinds, bool whmcs)
{
	json_object *w = json_object_new_array();
	static const char *const order[] = {"customer", "item", "invoice", "payment", "refund", "credit"};
	size_t i, k;
	bool txn = false;
	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		bool want = false;
		for (k = 0; k < json_object_array_length(kinds); k++) {
			want |= !strcmp(json_object_get_string(json_object_array_get_idx(kinds, k)), order[i]);
		}
		if (!want) {
			continue;
		}
		if (whmcs && i >= 3) {
			if (!txn) {
				json_object_array_add(w, json_object_new_string("transaction"));
			}
			txn = true;
		} else {
			json_object_array_add(w, json_object_new_string(order[i]));
		}
	}
	return w;
}

qs_status qs_engine_history(qs_engine *eng, json_object *options, bool custom_source, json_object **out, qs_error *e)
{
	qs_history_row row;
	json_object *job = NULL, *kinds, *v, *counts;
	const char *since = NULL, *until = NULL;
	bool dry = false;
	long page = HIST_PAGE;
	qs_status r;
	size_t i;

	*out = NULL;
	/* the options, checked before anything is recorded */
	kinds = json_object_new_array();
	v = qse_jget(options, "kinds");
	if (v && json_object_is_type(v, json_type_array) && json_object_array_length(v) > 0) {
		for (i = 0; i < json_object_array_length(v); i++) {
			const char *k = json_object_get_string(json_object_array_get_idx(v, i));
			if (!json_object_is_type(json_object_array_get_idx(v, i), json_type_string)
					|| !in_list(whmcs_kinds, sizeof(whmcs_kinds) / sizeof(whmcs_kinds[0]), k)) {
				json_object_put(kinds);
				return qs_error_set(e, QS_EVALIDATION, "qbo_history: kind \"%.40s\" is not one of customer, item, invoice, payment, refund, credit",
					k ? k : "?");
			}
			json_object_array_add(kinds, json_object_new_string(k));
		}
	} else {
		for (i = 0; i < sizeof(whmcs_kinds) / sizeof(whmcs_kinds[0]); i++) {
			json_object_array_add(kinds, json_object_new_string(whmcs_kinds[i]));
		}
	}
	since = qse_jstr(options, "since");
	until = qse_jstr(options, "until");
	if ((since && !valid_date(since)) || (until && !valid_date(until))) {
		json_object_put(kinds);
		return qs_error_set(e, QS_EVALIDATION, "qbo_history: since and until are dates as YYYY-MM-DD (\"%.20s\" is not)",
			since && !valid_date(since) ? since : until);
	}
	if (since && until && strcmp(since, until) > 0) {
		json_object_put(kinds);
		return qs_error_set(e, QS_EVALIDATION, "qbo_history: since (%s) is after until (%s)", since, until);
	}
	if ((v = qse_jget(options, "dry_run"))) {
		dry = json_object_get_boolean(v);
	}
	if ((v = qse_jget(options, "page"))) {
		page = (long)json_object_get_int64(v);
		if (page < 1 || page > HIST_PAGE_MAX) {
			json_object_put(kinds);
			return qs_error_set(e, QS_EVALIDATION, "qbo_history: page must be between 1 and %d records per step", HIST_PAGE_MAX);
		}
	}

	r = qs_store_begin(eng->store, true, e);
	if (r != QS_OK) {
		json_object_put(kinds);
		return r;
	}
	r = job_load(eng, &row, &job, e);
	if (r == QS_OK && row.exists && row.state == QS_HISTORY_RUNNING) {
		/* an unfinished job: resumed as it was (its own options) */
		json_object_put(kinds);
		r = qs_store_commit(eng->store, e);
		if (r == QS_OK) {
			*out = status_json(&row, job);
		}
		json_object_put(job);
		qs_history_row_clear(&row);
		return r;
	}
	if (r != QS_OK && r != QS_ESTORE) {
		qs_store_rollback(eng->store);
		json_object_put(kinds);
		qs_history_row_clear(&row);
		return r;
	}
	json_object_put(job);
	qs_error_clear(e);
	job = json_object_new_object();
	json_object_object_add(job, "kinds", kinds);
	json_object_object_add(job, "since", qse_jstr_new(since));
	json_object_object_add(job, "until", qse_jstr_new(until));
	json_object_object_add(job, "dry_run", json_object_new_boolean(dry));
	json_object_object_add(job, "source", json_object_new_string(custom_source ? "callable" : "whmcs"));
	jset_long(job, "page", page);
	json_object_object_add(job, "walkers", walkers_of(kinds, !custom_source));
	jset_long(job, "walk", 0);
	jset_long(job, "offset", 0);
	json_object_object_add(job, "totals", json_object_new_object());
	json_object_object_add(job, "credit", json_object_new_object());
	jset_long(job, "credited", 0);
	counts = json_object_new_object();
	for (i = 0; i < sizeof(count_names) / sizeof(count_names[0]); i++) {
		jset_long(counts, count_names[i], 0);
	}
	json_object_object_add(job, "counts", counts);
	json_object_object_add(job, "pending", json_object_new_array());
	json_object_object_add(job, "report", json_object_new_array());
	jset_long(job, "failures", 0);
	json_object_object_add(job, "message", json_object_new_string(dry
		? "Dry run recorded: qbo_sync() (or bin/qbosync push) reads the records; nothing is written to QuickBooks"
		: "Recorded: qbo_sync() (or bin/qbosync push) pushes the records"));
	row.id = row.exists ? row.id + 1 : 1;
	row.exists = true;
	row.state = QS_HISTORY_RUNNING;
	row.started = qs_store_now();
	r = job_save(eng, &row, job, e);
	if (r == QS_OK) {
		r = qs_store_commit(eng->store, e);
	} else {
		qs_store_rollback(eng->store);
	}
	if (r == QS_OK) {
		qse_log_msg(eng, "info", NULL, NULL, "History push %lld started%s (kinds %s, %s to %s)", row.id, dry ? " as a dry run" : "",
			json_object_to_json_string_ext(kinds, JSON_C_TO_STRING_PLAIN), since ? since : "the start", until ? until : "today");
		*out = status_json(&row, job);
	}
	json_object_put(job);
	qs_history_row_clear(&row);
	return r;
}

qs_status qs_engine_history_cancel(qs_engine *eng, bool *cancelled, qs_error *e)
{
	qs_history_row row;
	json_object *job;
	qs_status r;
	*cancelled = false;
	if ((r = qs_store_begin(eng->store, true, e)) != QS_OK) {
		return r;
	}
	r = job_load(eng, &row, &job, e);
	if (r == QS_OK && job && row.state == QS_HISTORY_RUNNING) {
		row.state = QS_HISTORY_CANCELLED;
		json_object_object_add(job, "message", json_object_new_string(
			"Cancelled; the records already queued are still delivered by qbo_sync()"));
		r = job_save(eng, &row, job, e);
		*cancelled = r == QS_OK;
	}
	if (r == QS_OK) {
		r = qs_store_commit(eng->store, e);
	} else {
		qs_store_rollback(eng->store);
	}
	if (r == QS_OK && *cancelled) {
		qse_log_msg(eng, "warn", NULL, NULL, "History push %lld cancelled", row.id);
	}
	if (r != QS_OK) {
		*cancelled = false;
	}
	json_object_put(job);
	qs_history_row_clear(&row);
	return r;
}

void qs_engine_set_source(qs_engine *eng, qs_source_fn fn, void *ud)
{
	eng->source = fn;
	eng->source_ud = ud;
}

/* ------------------------------------------------------------------ one page */

typedef struct hstep {
	qs_engine *eng;
	json_object *job;
	const char *walker;
	bool dry;
	const char *since, *until;
	long credit;             /* records of this page counted */
	long out_n;              /* records of this page outside the period */
	qs_status fatal;         /* a store failure stops the step */
	qs_error *e;
} hstep;

/* Whether a document of kind belongs to the walker that read it (the others
 * are its dependencies: the customer of an invoice, its items). */
static bool counted_kind(const hstep *h, const char *kind)
{
	qs_kind_id kind_id = qs_kind_of(kind);
	json_object *kinds = qse_jget(h->job, "kinds");
	size_t i;
	bool want = false;
	for (i = 0; i < json_object_array_length(kinds); i++) {
		want |= !strcmp(json_object_get_string(json_object_array_get_idx(kinds, i)), kind);
	}
	if (!want) {
		return false;
	}
	if (!strcmp(h->walker, "transaction")) {
		return kind_id == QS_KIND_PAYMENT || kind_id == QS_KIND_REFUND || kind_id == QS_KIND_CREDIT;
	}
	return !strcmp(h->walker, kind);
}

/* The day a document counts by for since/until: a customer's created, the
 * others' date; none (items) is always inside. */
static bool outside(const hstep *h, const char *kind, json_object *doc)
{
	qs_kind_id kind_id = qs_kind_of(kind);
	const char *d = qse_jstr(doc, kind_id != QS_KIND_CUSTOMER ? "date" : "created");
	if (!d || (!h->since && !h->until)) {
		return false;
	}
	return (h->since && strncmp(d, h->since, 10) < 0) || (h->until && strncmp(d, h->until, 10) > 0);
}

static void pending_add(json_object *job, const char *kind, const char *id)
{
	json_object *p = json_object_new_array();
	json_object_array_add(p, json_object_new_string(kind));
	json_object_array_add(p, json_object_new_string(id));
	json_object_array_add(qse_jget(job, "pending"), p);
}

/* What the delivery log says the last delivery of (kind, id) did. */
typedef struct op_seen {
	char op[16];
} op_seen;

static void op_cb(void *ud, double at, const char *level, const char *kind, const char *id, const char *message)
{
	op_seen *o = ud;
	static const char *const ops[] = {"created", "linked", "updated"};
	size_t i;
	(void)at; (void)level; (void)kind; (void)id;
	if (o->op[0] || !message) {
		return;
	}
	for (i = 0; i < 3; i++) {
		char pat[24];
		snprintf(pat, sizeof(pat), ": %s QBO ", ops[i]);
		if (strstr(message, pat)) {
			qs_strlcpy(o->op, ops[i], sizeof(o->op));
			return;
		}
	}
}

/* Counts a settled record; false when it is still on its way (queued or being sent). */
static bool settle(hstep *h, const qs_entity *en, bool unchanged)
{
	const char *action;
	if (en->q_status == QS_OUTBOX_QUEUED || en->q_status == QS_OUTBOX_SENDING) {
		return false;
	}
	if (en->state == QS_STATE_SYNCED) {
		op_seen o;
		memset(&o, 0, sizeof(o));
		if (unchanged) {
			qs_strlcpy(o.op, "unchanged", sizeof(o.op));
		} else {
			qs_store_log_list(h->eng->store, h->eng->conn_key, en->kind, en->id, 5, op_cb, &o, NULL);
			if (!o.op[0]) {
				qs_strlcpy(o.op, "created", sizeof(o.op));
			}
		}
		count_add(h->job, o.op, 1);
		return true;
	}
	if (en->state == QS_STATE_SKIPPED || en->state == QS_STATE_DISMISSED) {
		action = "skipped";
	} else if (en->state == QS_STATE_WAITING) {
		action = "waiting";
	} else {
		action = "errors";
	}
	count_add(h->job, action, 1);
	report_add(h->job, en->kind, en->id, !strcmp(action, "errors") ? "error" : action, en->qbo_id[0] ? en->qbo_id : NULL,
		en->reason[0] ? en->reason : qs_state_name(en->state));
	return true;
}

/* A real run: records the document (queued, delivered by this sync's drain). */
static void push_doc(hstep *h, const char *kind, json_object *doc, bool counted)
{
	qs_engine *eng = h->eng;
	json_object *state = NULL;
	qs_entity before, after;
	qs_error pe;
	qs_status r;
	const char *id = qse_jstr(doc, "id");
	char idbuf[65];

	qs_error_clear(&pe);
	if (!id && qse_jget(doc, "id")) {
		qs_strlcpy(idbuf, json_object_get_string(qse_jget(doc, "id")), sizeof(idbuf));
		id = idbuf;
	}
	memset(&before, 0, sizeof(before));
	if (counted && id) {
		qs_store_entity_get(eng->store, eng->conn_key, kind, id, &before, NULL);
	}
	r = qs_engine_push(eng, kind, doc, QS_PUSH_QUEUE_ONLY, &state, &pe);
	json_object_put(state);
	if (r == QS_ESTORE) {
		h->fatal = r;
		qs_error_copy(h->e, &pe);
	} else if (counted && r != QS_OK) {
		count_add(h->job, "errors", 1);
		report_add(h->job, kind, id, "error", NULL, pe.message);
	} else if (counted) {
		memset(&after, 0, sizeof(after));
		if (qs_store_entity_get(eng->store, eng->conn_key, kind, id, &after, NULL) == QS_OK && after.exists) {
			bool unchanged = before.exists && before.version == after.version;
			if (!settle(h, &after, unchanged)) {
				pending_add(h->job, kind, id);
			}
		}
		qs_entity_clear(&after);
	}
	qs_entity_clear(&before);
}

/* A dry run: what pushing the document would do, without writing anything. */
static void dry_doc(hstep *h, const char *kind, json_object *doc)
{
	qs_kind_id kind_id = qs_kind_of(kind);
	qs_engine *eng = h->eng;
	json_object *norm = NULL, *rows = NULL;
	qs_entity en;
	qs_error pe;
	char reason[512];
	const char *id, *text, *status;
	qs_status r;

	qs_error_clear(&pe);
	r = qs_map_validate(kind, doc, eng->home_currency[0] ? eng->home_currency : "USD", &norm, &pe);
	if (r != QS_OK) {
		const char *rid = qse_jstr(doc, "id");
		count_add(h->job, "errors", 1);
		report_add(h->job, kind, rid ? rid : (qse_jget(doc, "id") ? json_object_get_string(qse_jget(doc, "id")) : ""),
			"error", NULL, pe.message);
		json_object_put(norm);
		return;
	}
	id = qse_jstr(norm, "id");
	status = qse_jstr(norm, "status");
	text = json_object_to_json_string_ext(norm, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
	memset(&en, 0, sizeof(en));
	qs_store_entity_get(eng->store, eng->conn_key, kind, id, &en, NULL);
	/* unchanged: the stored document is this text (as qbo_push compares) */
	if (en.exists && en.doc && !strcmp(en.doc, text) && en.state == QS_STATE_SYNCED) {
		count_add(h->job, "unchanged", 1);
		report_add(h->job, kind, id, "unchanged", en.qbo_id, NULL);
	} else if (kind_id == QS_KIND_INVOICE && status && !strcmp(status, "draft")) {
		count_add(h->job, "skipped", 1);
		report_add(h->job, kind, id, "skip", NULL, "A draft invoice is not sent to QuickBooks until it is issued");
	} else if (!en.qbo_id[0] && qse_skipped_by_settings(eng, kind, norm, reason, sizeof(reason))) {
		count_add(h->job, "skipped", 1);
		report_add(h->job, kind, id, "skip", NULL, reason);
	} else if (kind_id == QS_KIND_INVOICE && status && !strcmp(status, "cancelled") && !en.qbo_id[0]) {
		count_add(h->job, "skipped", 1);
		report_add(h->job, kind, id, "skip", NULL, "Cancelled before it reached QuickBooks");
	} else if (en.qbo_id[0]) {
		count_add(h->job, "updated", 1);
		report_add(h->job, kind, id, "update", en.qbo_id, NULL);
	} else {
		/* a QBO record it would be linked to instead of created */
		const char *entity = NULL, *field = NULL;
		char *value = NULL;
		if (kind_id == QS_KIND_CUSTOMER) {
			entity = "Customer";
			field = "DisplayName";
			value = qs_map_display_name(norm);
		} else if (kind_id == QS_KIND_ITEM) {
			entity = "Item";
			field = "Name";
			value = qse_jstr(norm, "name") ? strdup(qse_jstr(norm, "name")) : NULL;
		} else if (kind_id == QS_KIND_INVOICE && qse_jstr(norm, "number")) {
			entity = "Invoice";
			field = "DocNumber";
			value = strdup(qse_jstr(norm, "number"));
		}
		if (entity && value) {
			r = qse_find_by(eng, entity, field, value, false, &rows, &pe);
		}
		if (entity && value && r == QS_OK && qse_first_row(rows) && qse_jstr(qse_first_row(rows), "Id")) {
			count_add(h->job, "linked", 1);
			report_add(h->job, kind, id, "link", qse_jstr(qse_first_row(rows), "Id"), NULL);
		} else {
			count_add(h->job, "created", 1);
			report_add(h->job, kind, id, "create", NULL, entity && value && r != QS_OK ? pe.message : NULL);
		}
		free(value);
		json_object_put(rows);
	}
	qs_entity_clear(&en);
	json_object_put(norm);
}

/* One document of the page (emitted by the WHMCS expansion or given by the source). */
static qs_status take_doc(void *ud, const char *kind, json_object *doc, qs_error *e)
{
	hstep *h = ud;
	bool counted = counted_kind(h, kind);
	(void)e;
	if (h->fatal != QS_OK) {
		return h->fatal;
	}
	if (counted && outside(h, kind, doc)) {
		h->out_n++;
		return QS_OK;
	}
	if (counted) {
		h->credit++;
	}
	if (h->dry) {
		if (counted) {
			dry_doc(h, kind, doc);
		}
	} else {
		push_doc(h, kind, doc, counted);
	}
	return h->fatal;
}

static void take_skip(void *ud, const char *kind, const char *id, const char *reason)
{
	hstep *h = ud;
	if (!counted_kind(h, kind)) {
		return;
	}
	h->credit++;
	count_add(h->job, "skipped", 1);
	report_add(h->job, kind, id, "skip", NULL, reason);
}

static void take_outside(void *ud)
{
	((hstep *)ud)->out_n++;
}

static void take_fail(void *ud, const char *kind, const char *id, const char *message)
{
	hstep *h = ud;
	h->credit++;
	count_add(h->job, "errors", 1);
	report_add(h->job, kind, id, "error", NULL, message);
}

qs_status qse_walk_page(qs_engine *eng, bool custom, const char *walker, long offset, long limit,
	const char *since, const char *until, const qse_walk_io *wio, long *read, long *total, qs_error *e)
{
	qs_status r;
	size_t i, n;
	*read = 0;
	*total = -1;
	if (custom) {
		json_object *docs = NULL;
		if (!eng->source) {
			return qs_error_set(e, QS_ECONFIG, "The history push reads a source callable: pass it again as qbo_history()'s or qbo_sync()'s option source");
		}
		r = eng->source(eng->source_ud, walker, offset, limit, &docs, total, e);
		if (r != QS_OK) {
			json_object_put(docs);
			return r;
		}
		n = docs ? json_object_array_length(docs) : 0;
		*read = (long)n;
		for (i = 0; i < n && r == QS_OK; i++) {
			json_object *d = json_object_array_get_idx(docs, i);
			if (!d || !json_object_is_type(d, json_type_object)) {
				wio->fail(wio->ud, walker, "", d && json_object_is_type(d, json_type_string) ? json_object_get_string(d)
					: "The source returned something that is not a document (an array of named values)");
				continue;
			}
			r = wio->emit(wio->ud, walker, d, e);
		}
		json_object_put(docs);
		return r;
	} else {
		json_object *entries = NULL;
		qs_whmcs_io io;
		r = qs_whmcs_list(eng->fetch, eng->fetch_ud, walker, offset, limit, &entries, total, read, e);
		if (r != QS_OK) {
			json_object_put(entries);
			return r;
		}
		memset(&io, 0, sizeof(io));
		io.fetch = eng->fetch;
		io.fetch_ud = eng->fetch_ud;
		io.emit = wio->emit;
		io.skip = wio->skip;
		io.ud = wio->ud;
		io.recorded = qse_whmcs_recorded;
		io.recorded_ud = eng;
		/* WHMCS's rates are carried over as on the hook path */
		io.home_currency = eng->home_currency[0] ? eng->home_currency : "USD";
		n = json_object_array_length(entries);
		for (i = 0; i < n; i++) {
			json_object *en = json_object_array_get_idx(entries, i);
			const char *d = qse_jstr(en, "date");
			const qs_whmcs_event *ev = qs_whmcs_event_find(qse_jstr(en, "event"));
			char mk[16] = "", mi[65] = "";
			qs_error xe;
			if (d && ((since && strcmp(d, since) < 0) || (until && strcmp(d, until) > 0))) {
				wio->outside(wio->ud);
				continue;   /* the list row says it is outside the period: not read further */
			}
			qs_error_clear(&xe);
			r = ev ? qs_whmcs_expand(ev, qse_jget(en, "ids"), &io, mk, mi, &xe) : QS_OK;
			if (r == QS_EVALIDATION) {
				wio->fail(wio->ud, mk[0] ? mk : walker, mi, xe.message);
			} else if (r != QS_OK) {
				/* a store failure, or the platform could not be read: the page is read again */
				qs_error_copy(e, &xe);
				json_object_put(entries);
				return r;
			}
		}
		json_object_put(entries);
		return QS_OK;
	}
}

/* Reads the page at the cursor; *read: source records consumed. */
static qs_status read_page(hstep *h, long offset, long limit, long *read, long *total, qs_error *e)
{
	qse_walk_io io;
	qs_status r;
	io.emit = take_doc;
	io.skip = take_skip;
	io.outside = take_outside;
	io.fail = take_fail;
	io.ud = h;
	r = qse_walk_page(h->eng, !strcmp(json_object_get_string(qse_jget(h->job, "source")), "callable"), h->walker,
		offset, limit, h->since, h->until, &io, read, total, e);
	return h->fatal != QS_OK ? h->fatal : r;
}

/* Before the sync's drain: the pending records that settled are counted, and
 * one page is read at the cursor (recorded in the outbox or, dry, judged). */
static qs_status settle_pending(hstep *h)
{
	json_object *pending = qse_jget(h->job, "pending"), *left = json_object_new_array();
	size_t i, n = json_object_array_length(pending);
	for (i = 0; i < n; i++) {
		json_object *p = json_object_array_get_idx(pending, i);
		const char *kind = json_object_get_string(json_object_array_get_idx(p, 0));
		const char *id = json_object_get_string(json_object_array_get_idx(p, 1));
		qs_entity en;
		memset(&en, 0, sizeof(en));
		if (qs_store_entity_get(h->eng->store, h->eng->conn_key, kind, id, &en, h->e) != QS_OK) {
			qs_entity_clear(&en);
			json_object_put(left);
			return QS_ESTORE;
		}
		if (en.exists && !settle(h, &en, false)) {
			json_object_array_add(left, json_object_get(p));
		}
		qs_entity_clear(&en);
	}
	json_object_object_add(h->job, "pending", left);
	return QS_OK;
}

qs_status qse_history_step(qs_engine *eng, bool read, qs_error *e)
{
	qs_history_row row;
	json_object *job = NULL, *walkers;
	hstep h;
	qs_status r;
	long walk, offset, page;
	bool custom;
	bool waiting_msg = false, did_read = false;

	r = job_load(eng, &row, &job, e);
	if (r != QS_OK || !job || row.state != QS_HISTORY_RUNNING) {
		json_object_put(job);
		qs_history_row_clear(&row);
		return r;
	}
	memset(&h, 0, sizeof(h));
	h.eng = eng;
	h.job = job;
	h.dry = job_dry(job);
	h.since = qse_jstr(job, "since");
	h.until = qse_jstr(job, "until");
	h.e = e;
	walkers = qse_jget(job, "walkers");
	custom = !strcmp(json_object_get_string(qse_jget(job, "source")), "callable");
	walk = jlong(job, "walk");
	offset = jlong(job, "offset");
	page = jlong(job, "page");
	if (page < 1) {
		page = HIST_PAGE;
	}

	r = settle_pending(&h);
	if (r == QS_OK && read && walk == 0 && offset == 0 && !qse_jget(job, "counted")
			&& strcmp(json_object_get_string(qse_jget(job, "source")), "callable") != 0) {
		/* WHMCS says how long each list is: the progress has its total from the start */
		json_object *totals = qse_jget(job, "totals");
		size_t i;
		for (i = 0; i < json_object_array_length(walkers); i++) {
			const char *wk = json_object_get_string(json_object_array_get_idx(walkers, i));
			json_object *entries = NULL;
			long t = -1, got = 0;
			qs_error te;
			qs_error_clear(&te);
			if (qs_whmcs_list(eng->fetch, eng->fetch_ud, wk, 0, 1, &entries, &t, &got, &te) == QS_OK && t >= 0) {
				jset_long(totals, wk, t);
			}
			json_object_put(entries);
		}
		json_object_object_add(job, "counted", json_object_new_boolean(true));
	}
	if (r == QS_OK && read && (size_t)walk < json_object_array_length(walkers)
			&& (custom ? eng->source == NULL : eng->fetch == NULL)) {
		/* this run cannot read the records (a cron without the source or the
		 * fetch): the job waits for one that can, it does not fail */
		read = false;
		waiting_msg = true;
		json_object_object_add(job, "message", json_object_new_string(custom
			? "Waiting for a run with the source callable: pass it as qbo_sync()'s (or qbo_history()'s) option source"
			: "Waiting for a run that can read WHMCS: qbo_sync() needs the connection's fetch (WHMCS's localAPI)"));
	}
	if (r == QS_OK && read && (size_t)walk < json_object_array_length(walkers)) {
		long got = 0, total = -1;
		qs_error re;
		qs_error_clear(&re);
		h.walker = json_object_get_string(json_object_array_get_idx(walkers, (size_t)walk));
		r = read_page(&h, offset, page, &got, &total, &re);
		if (r == QS_ESTORE) {
			qs_error_copy(e, &re);
		} else if (r != QS_OK) {
			/* the source could not be read: nothing of this page counts; tried again next step.
			 * Missing configuration (no fetch here) waits for a run that has it. */
			qs_status rr = r;
			long failures = jlong(job, "failures") + (rr == QS_ECONFIG ? 0 : 1);
			char msg[1200];
			json_object_put(job);
			qs_history_row_clear(&row);
			if ((r = job_load(eng, &row, &job, e)) != QS_OK || !job) {
				json_object_put(job);
				qs_history_row_clear(&row);
				return r;
			}
			jset_long(job, "failures", failures);
			if (rr == QS_ECONFIG) {
				snprintf(msg, sizeof(msg), "Waiting for a run that can read the records: %s", re.message);
			} else {
				snprintf(msg, sizeof(msg), "%s", re.message);
			}
			json_object_object_add(job, "message", json_object_new_string(msg));
			if (failures >= HIST_FAILURES_MAX) {
				row.state = QS_HISTORY_FAILED;
			}
			qse_log_msg(eng, "error", NULL, NULL, "History push %lld: %s", row.id, re.message);
			r = job_save(eng, &row, job, e);
			json_object_put(job);
			qs_history_row_clear(&row);
			return r;
		} else {
			json_object *totals = qse_jget(job, "totals"), *credit = qse_jget(job, "credit");
			/* the list's length when it says (read at its first page), less what lay outside the period */
			long known = total >= 0 && offset == 0 ? total : jlong(totals, h.walker);
			jset_long(totals, h.walker, known - h.out_n);
			jset_long(credit, h.walker, jlong(credit, h.walker) + h.credit);
			jset_long(job, "credited", jlong(job, "credited") + h.credit);
			jset_long(job, "failures", 0);
			did_read = true;
			if (got < page) {
				/* this walker has ended: its total is what it gave */
				jset_long(totals, h.walker, jlong(credit, h.walker));
				jset_long(job, "walk", walk + 1);
				jset_long(job, "offset", 0);
			} else {
				jset_long(job, "offset", offset + got);
			}
		}
	}
	if (r == QS_OK) {
		if ((size_t)jlong(job, "walk") >= json_object_array_length(walkers)
				&& json_object_array_length(qse_jget(job, "pending")) == 0) {
			json_object *c = qse_jget(job, "counts");
			char msg[512];
			row.state = QS_HISTORY_DONE;
			snprintf(msg, sizeof(msg), "%s %ld records: %ld created, %ld linked, %ld updated, %ld unchanged, %ld skipped, %ld waiting, %ld errors",
				h.dry ? "Dry run of" : "Pushed", job_done(job), jlong(c, "created"), jlong(c, "linked"), jlong(c, "updated"),
				jlong(c, "unchanged"), jlong(c, "skipped"), jlong(c, "waiting"), jlong(c, "errors"));
			json_object_object_add(job, "message", json_object_new_string(msg));
			qse_log_msg(eng, "info", NULL, NULL, "History push %lld done: %s", row.id, msg);
		} else if (did_read || (!waiting_msg && !(qse_jstr(job, "message") && !strncmp(qse_jstr(job, "message"), "Waiting for a run", 17)))) {
			char msg[160];
			snprintf(msg, sizeof(msg), "Running: %ld of %ld records%s", job_done(job), job_total(job),
				json_object_array_length(qse_jget(job, "pending")) ? ", some on their way to QuickBooks" : "");
			json_object_object_add(job, "message", json_object_new_string(msg));
		}
		/* saved unless cancelled meanwhile (qbo_history_cancel wins) */
		if ((r = qs_store_begin(eng->store, true, e)) == QS_OK) {
			qs_history_row cur;
			if ((r = qs_store_history_get(eng->store, eng->conn_key, &cur, e)) == QS_OK) {
				if (cur.exists && cur.id == row.id && cur.state == QS_HISTORY_RUNNING) {
					r = job_save(eng, &row, job, e);
				}
			}
			qs_history_row_clear(&cur);
			if (r == QS_OK) {
				r = qs_store_commit(eng->store, e);
			} else {
				qs_store_rollback(eng->store);
			}
		}
	}
	json_object_put(job);
	qs_history_row_clear(&row);
	return r;
}

bool qse_history_running(qs_engine *eng)
{
	qs_history_row row;
	bool running = false;
	if (qs_store_history_get(eng->store, eng->conn_key, &row, NULL) == QS_OK) {
		running = row.exists && row.state == QS_HISTORY_RUNNING;
	}
	qs_history_row_clear(&row);
	return running;
}
