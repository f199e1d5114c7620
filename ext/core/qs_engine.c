/* qs_engine: one QBO company connection: lifecycle (qbo_push is in
 * qs_engine_push.c), resend and dismiss, deferred delivery, the sync worker
 * loop and the status/entities/log overview. The helpers the engine's files
 * share are in qs_engine_util.c, delivery in qs_engine_deliver.c, tokens and
 * QBO calls in qs_engine_qbo.c, mappings in qs_engine_map.c; SQL in qs_store. */
#include "qs_engine_int.h"
#include "qbo/qs_qbo_rules.h"
#include "qs_json.h"
#include "qs_kind.h"
#include "qs_state.h"
#include "qs_pool.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <openssl/crypto.h>

_Static_assert(QS_SYNC_IN_FLIGHT_MAX == QS_QBO_CONCURRENT, "qbo_sync's max_in_flight is QBO's concurrency limit");
_Static_assert(QS_SYNC_BATCH_MAX == QS_QBO_BATCH_OPS, "qbo_sync's batch_size is at most the operations of one QBO /batch");

/* ------------------------------------------------------------------ lifecycle */

static char *xstrdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

static char *cfg_dup(const char *s, const char *dflt)
{
	return strdup(s && *s ? s : dflt);
}

qs_engine *qs_engine_new(const qs_config *cfg, qs_error *e)
{
	qs_engine *eng;
	char hex[65], buf[1024], nonce[13];
	if (!cfg || !cfg->environment || !*cfg->environment) {
		qs_error_set(e, QS_ECONFIG, "No environment: set the option environment to \"sandbox\", \"production\" or a local sandbox URL");
		return NULL;
	}
	if (!cfg->client_id || !*cfg->client_id) {
		qs_error_set(e, QS_ECONFIG, "No client_id: set the option client_id (INI qbosync.client_id) to your Intuit app's client id");
		return NULL;
	}
	eng = calloc(1, sizeof(*eng));
	if (!eng) {
		qs_error_set(e, QS_EINTERNAL, "Out of memory");
		return NULL;
	}
	eng->environment = cfg_dup(cfg->environment, "");
	eng->client_id = cfg_dup(cfg->client_id, "");
	eng->client_secret = cfg_dup(cfg->client_secret, "");
	eng->redirect_uri = cfg_dup(cfg->redirect_uri, "");
	eng->store_path = cfg_dup(cfg->store_path, "");
	eng->cfg_currency = cfg_dup(cfg->home_currency, "USD");
	eng->ca_info = xstrdup(cfg->ca_info && *cfg->ca_info ? cfg->ca_info : NULL);
	eng->minorversion = cfg_dup(cfg->minorversion, QS_QBO_MINORVERSION);
	eng->sync_start = cfg->sync_start ? strdup(cfg->sync_start) : NULL;
	eng->exclude_methods = cfg->exclude_methods ? strdup(cfg->exclude_methods) : NULL;
	eng->webhook_verifier = cfg->webhook_verifier && *cfg->webhook_verifier ? strdup(cfg->webhook_verifier) : NULL;
	eng->store_secret = cfg->store_password && *cfg->store_password ? strdup(cfg->store_password) : NULL;
	/* every exchange goes to the store's log (qs_engine_xlog.c) */
	eng->http_log = qse_xlog_observe;
	eng->http_log_ud = eng;
	qs_engine_set_log_policy(eng, QS_LOG_RETENTION_DEFAULT, QS_LOG_MAX_ROWS_DEFAULT, QS_LOG_BODIES_ERRORS);
	if (!eng->environment || !eng->client_id || !eng->client_secret || !eng->redirect_uri
			|| !eng->store_path || !eng->cfg_currency || !eng->minorversion) {
		qs_error_set(e, QS_EINTERNAL, "Out of memory");
		qs_engine_free(eng);
		return NULL;
	}
	memcpy(eng->key, cfg->key, QS_KEY_LEN);
	eng->has_key = cfg->has_key;
	eng->delivery = cfg->delivery;
	eng->durability = cfg->durability;
	eng->batch = QS_SYNC_BATCH_MAX;
	eng->flight_max = QS_QBO_CONCURRENT;
	eng->rate_default = QS_QBO_WINDOW;
	eng->timeout_ms = cfg->timeout_ms > 0 ? cfg->timeout_ms : 30000;
	eng->inline_timeout_ms = cfg->inline_timeout_ms > 0 ? cfg->inline_timeout_ms : 5000;
	eng->connect_timeout_ms = cfg->connect_timeout_ms > 0 ? cfg->connect_timeout_ms : 3000;
	eng->refresh_margin = cfg->refresh_margin >= 0 ? cfg->refresh_margin : 300;
	qs_strlcpy(eng->home_currency, eng->cfg_currency, sizeof(eng->home_currency));

	snprintf(buf, sizeof(buf), "%s\n%s", eng->environment, eng->client_id);
	qs_sha256_hex(buf, strlen(buf), hex);
	memcpy(eng->conn_key, hex, 32);
	eng->conn_key[32] = '\0';
	eng->lease_ms = cfg->lease_ms > 0 ? cfg->lease_ms : 0;
	qse_host_identity(eng->host, sizeof(eng->host), cfg->host_id);
	if (qs_random_token(nonce, 12, e) != QS_OK) {
		qs_engine_free(eng);
		return NULL;
	}
	snprintf(eng->owner, sizeof(eng->owner), "%ld@%s#%s", (long)getpid(), eng->host, nonce);

	if (qs_endpoints_for(eng->environment, &eng->ep, e) != QS_OK) {
		qs_engine_free(eng);
		return NULL;
	}
	qse_spill_path(eng, cfg->spill_dir);
	eng->store = qs_store_open_with(eng->store_path, cfg->store_password, cfg->durability, e);
	if (!eng->store) {
		qs_engine_free(eng);
		return NULL;
	}
	if (qs_store_conn_ensure(eng->store, eng->conn_key, e) != QS_OK) {
		if (e->status == QS_ESTORE && cfg->delivery != QS_DELIVER_INLINE && qs_store_is_mysql(eng->store_path)
				&& qs_store_offline(eng->store)) {
			/* the database server is unreachable: the hook path still
			 * records (into the spill file); everything else reconnects */
			eng->store_offline = true;
			qs_error_clear(e);
		} else {
			qs_engine_free(eng);
			return NULL;
		}
	}
	if (!eng->store_offline) {
		qse_spill_replay(eng);
	}
	if (!eng->store_offline) {
		qs_conn_row row;
		if (qs_store_conn_get(eng->store, eng->conn_key, &row, e) != QS_OK) {
			qs_engine_free(eng);
			return NULL;
		}
		qse_note_realm(eng, &row);
		qs_conn_row_clear(&row);
	}
	eng->http_worker = qse_http_get(eng, e);
	if (!eng->http_worker) {
		qs_engine_free(eng);
		return NULL;
	}
	return eng;
}

void qs_engine_free(qs_engine *eng)
{
	if (!eng) {
		return;
	}
	/* transfers still in flight end unlogged: the secrets and the store go first */
	qs_http_set_log(eng->http_worker, NULL, NULL);
	qs_http_set_log(eng->http_inline, NULL, NULL);
	qs_pool_set_log(eng->pool, NULL, NULL);
	qs_secret_free(eng->client_secret);
	qs_secret_free(eng->webhook_verifier);
	qs_secret_free(eng->store_secret);
	qs_secret_free(eng->access);
	free(eng->environment);
	free(eng->client_id);
	free(eng->redirect_uri);
	free(eng->store_path);
	free(eng->cfg_currency);
	free(eng->mc_codes);
	free(eng->ca_info);
	free(eng->minorversion);
	free(eng->sync_start);
	free(eng->exclude_methods);
	qs_wipe(eng->key, sizeof(eng->key));
	qs_http_free(eng->http_worker);
	qs_http_free(eng->http_inline);
	qs_pool_free(eng->pool);
	qse_worker_release(eng);   /* a lock kept between runs (keep_lock) goes with the engine */
	qs_http_share_free(eng->share);   /* after every handle made with it */
	qs_store_close(eng->store);
	free(eng->deferred);
	free(eng);
}

/* The stored document of (kind, id), parsed; QS_EVALIDATION when the record
 * was never pushed. */
static qs_status stored_doc(qs_engine *eng, const char *kind, const char *id, json_object **norm, qs_error *e)
{
	qs_entity en;
	qs_status r = qs_store_entity_get(eng->store, eng->conn_key, kind, id, &en, e);
	*norm = NULL;
	if (r != QS_OK) {
		return r;
	}
	if (!en.exists || !en.doc) {
		qs_entity_clear(&en);
		return qs_error_set(e, QS_EVALIDATION, "%s %s was never pushed: push it with qbo_push()", qse_entity_label(kind), id);
	}
	*norm = json_tokener_parse(en.doc);
	qs_entity_clear(&en);
	if (!*norm) {
		return qs_error_set(e, QS_ESTORE, "%s %s: the stored document cannot be read; push it again with qbo_push()",
			qse_entity_label(kind), id);
	}
	return QS_OK;
}

qs_status qs_engine_resend(qs_engine *eng, const char *kind, const char *id, json_object **state, qs_error *e)
{
	json_object *norm;
	qs_status r;
	*state = NULL;
	if (!qs_kind_is_document(kind)) {
		return qs_error_set(e, QS_EVALIDATION, "Unknown kind '%.32s': use customer, item, invoice, payment, refund, credit or writeoff", kind);
	}
	r = stored_doc(eng, kind, id, &norm, e);
	if (r != QS_OK) {
		return r;
	}
	/* a new version of the same document: a fresh requestid, a fresh retry count */
	r = qse_push_norm(eng, kind, norm, QS_PUSH_FORCE, state, e);
	json_object_put(norm);
	return r;
}

qs_status qs_engine_dismiss(qs_engine *eng, const char *kind, const char *id, bool dismissed,
	json_object **state, qs_error *e)
{
	qs_entity en;
	qs_status r;
	*state = NULL;
	if (!qs_kind_is_document(kind)) {
		return qs_error_set(e, QS_EVALIDATION, "Unknown kind '%.32s': use customer, item, invoice, payment, refund, credit or writeoff", kind);
	}
	if (!dismissed) {
		/* back into sync: what it was waiting for is tried again */
		r = qse_begin_entity(eng, kind, id, &en, e);
		if (r != QS_OK) {
			return r;
		}
		qs_store_rollback(eng->store);
		if (en.exists && en.state != QS_STATE_DISMISSED) {
			*state = qse_entity_json(&en);   /* not dismissed: nothing to undo */
			qs_entity_clear(&en);
			return QS_OK;
		}
		qs_entity_clear(&en);
		return qs_engine_resend(eng, kind, id, state, e);
	}
	r = qse_begin_entity(eng, kind, id, &en, e);
	if (r != QS_OK) {
		return r;
	}
	if (!en.exists) {
		qs_store_rollback(eng->store);
		return qs_error_set(e, QS_EVALIDATION, "%s %s was never pushed: there is nothing to dismiss", qse_entity_label(kind), id);
	}
	if (en.q_status == QS_OUTBOX_SENDING && !qse_claim_stale(eng, en.owner, en.claimed, qs_store_now())) {
		qs_store_rollback(eng->store);
		qs_entity_clear(&en);
		return qs_error_set(e, QS_EVALIDATION, "%s %s is being delivered right now; dismiss it once that delivery has ended",
			qse_entity_label(kind), id);
	}
	if (en.state != QS_STATE_DISMISSED) {
		char was[sizeof(en.reason)];
		snprintf(was, sizeof(was), "Dismissed; it was %s%s%.900s", qs_state_name(en.state), en.reason[0] ? ": " : "", en.reason);
		qs_strlcpy(en.reason, was, sizeof(en.reason));
		en.state = QS_STATE_DISMISSED;
	}
	en.q_status = QS_OUTBOX_NONE;   /* out of the queue: nothing is sent for it until it is resent */
	en.create_rid[0] = '\0';
	r = qse_save_commit(eng, &en, e);
	if (r == QS_OK) {
		qse_log_msg(eng, "info", kind, id, "%s %s: dismissed", qse_entity_label(kind), id);
		*state = qse_entity_json(&en);
	}
	qs_entity_clear(&en);
	return r;
}

bool qs_engine_has_deferred(qs_engine *eng)
{
	return eng && (eng->n_deferred > 0 || eng->hooks_deferred || qs_store_checkpoint_due(eng->store));
}

void qs_engine_set_batch(qs_engine *eng, long batch)
{
	if (eng) {
		eng->batch = batch < 1 ? 1 : batch > QS_SYNC_BATCH_MAX ? QS_SYNC_BATCH_MAX : batch;
	}
}

void qs_engine_set_rate_window(qs_engine *eng, double seconds)
{
	if (eng) {
		eng->rate_default = seconds > 0 ? seconds : 0;
	}
}

typedef struct deferred_ord {
	const deferred_ref *ref;
	int rank;
	size_t at;
} deferred_ord;

static int deferred_cmp(const void *a, const void *b)
{
	const deferred_ord *x = a, *y = b;
	if (x->rank != y->rank) {
		return x->rank < y->rank ? -1 : 1;
	}
	return x->at < y->at ? -1 : x->at > y->at;
}

/* How deep the deferred drain follows dependencies as waves (a payment's
 * invoice, that invoice's customer, ...) before the one-record path. */
#define DEFERRED_DEP_LEVELS 3

static bool deferred_round(qs_engine *eng, const char *const *kinds, const char *const *ids, size_t k, size_t per,
	int level);

/* Delivers refs (any kinds) as waves: in rank order, one kind at a time, up
 * to per * QSE_WAVES_MAX records a round. True: stop the drain. */
static bool deferred_refs(qs_engine *eng, deferred_ref *refs, size_t n, size_t per, int level)
{
	size_t i, k, cap = per * QSE_WAVES_MAX;
	const char **kinds = malloc(cap * sizeof(*kinds)), **ids = malloc(cap * sizeof(*ids));
	deferred_ord *ord = malloc((n ? n : 1) * sizeof(*ord));
	bool stop = !kinds || !ids || !ord;
	for (i = 0; i < n && !stop; i++) {
		ord[i].ref = &refs[i];
		ord[i].rank = qs_kind_rank(refs[i].kind);
		ord[i].at = i;
	}
	if (!stop) {
		qsort(ord, n, sizeof(*ord), deferred_cmp);
	}
	for (i = 0; i < n && !stop && !qse_throttled(eng);) {
		for (k = 0; i < n && k < cap && (k == 0 || !strcmp(ord[i].ref->kind, kinds[0])); i++, k++) {
			kinds[k] = ord[i].ref->kind;
			ids[k] = ord[i].ref->id;
		}
		stop = deferred_round(eng, kinds, ids, k, per, level);
	}
	free(kinds);
	free(ids);
	free(ord);
	return stop;
}

/* One round of the deferred drain: records of one kind as the pipeline's
 * waves. Those left Waiting on a dependency this request did not push (a
 * customer pushed earlier and still queued) have their dependencies
 * delivered next as waves of their own, then go again as waves: their
 * requests too go through the pool, at most QBO's concurrency in flight,
 * instead of one record after another. A dependency that did not reach QBO
 * leaves its dependents Waiting, as the one-record path would; deeper than
 * DEFERRED_DEP_LEVELS, or when the memory is short, the waiting records take
 * the one-record path. True: stop the drain (a store or token failure). */
static bool deferred_round(qs_engine *eng, const char *const *kinds, const char *const *ids, size_t k, size_t per,
	int level)
{
	qse_wave_out *out = calloc(k ? k : 1, sizeof(*out));
	deferred_ref *deps = calloc(k ? k : 1, sizeof(*deps)), *again = calloc(k ? k : 1, sizeof(*again)),
		*again_on = calloc(k ? k : 1, sizeof(*again_on));
	size_t j, d, nd = 0, na = 0, ng = 0;
	bool stop = false, one_by_one = !deps || !again || !again_on || level >= DEFERRED_DEP_LEVELS;
	qs_error e;
	if (!out) {
		free(deps);
		free(again);
		free(again_on);
		return true;
	}
	qs_error_clear(&e);
	qse_claims_begin(eng);
	if (qse_deliver_waves(eng, kinds, ids, k, per, out, &e) != QS_OK) {
		stop = true;   /* the store failed: the rest stays queued for a worker */
	}
	for (j = 0; j < k && !stop; j++) {
		if (out[j].r == QS_EAUTH || out[j].r == QS_ESTORE) {
			stop = true;
		} else if (!out[j].busy && out[j].state == QS_STATE_WAITING) {
			if (one_by_one) {
				bool busy;
				qs_state st;
				qs_error we;
				qs_error_clear(&we);
				if (qse_deliver_top(eng, kinds[j], ids[j], &busy, &st, &we) == QS_EAUTH) {
					stop = true;
				}
				continue;
			}
			qs_strlcpy(again[na].kind, kinds[j], sizeof(again[na].kind));
			qs_strlcpy(again[na].id, ids[j], sizeof(again[na].id));
			qs_strlcpy(again_on[na].kind, out[j].wait_kind, sizeof(again_on[na].kind));
			qs_strlcpy(again_on[na].id, out[j].wait_id, sizeof(again_on[na].id));
			na++;
			for (d = 0; d < nd && (strcmp(deps[d].kind, out[j].wait_kind) || strcmp(deps[d].id, out[j].wait_id)); d++) {
			}
			if (out[j].wait_kind[0] && d == nd) {
				qs_strlcpy(deps[nd].kind, out[j].wait_kind, sizeof(deps[nd].kind));
				qs_strlcpy(deps[nd].id, out[j].wait_id, sizeof(deps[nd].id));
				nd++;
			}
		}
	}
	if (!stop && na > 0) {
		/* the dependencies first, then the records that waited on one now in
		 * QBO (a record queued again at once waits on nothing: it goes again) */
		stop = deferred_refs(eng, deps, nd, per, level + 1);
		for (j = 0; j < na && !stop; j++) {
			qs_entity dep;
			bool ready = !again_on[j].kind[0];
			if (!ready && qs_store_entity_get(eng->store, eng->conn_key, again_on[j].kind, again_on[j].id, &dep, &e) == QS_OK) {
				ready = dep.exists && dep.qbo_id[0] && dep.state != QS_STATE_MISMATCH;
				qs_entity_clear(&dep);
			}
			if (ready) {
				again[ng++] = again[j];
			}
		}
		if (!stop && ng > 0) {
			stop = deferred_refs(eng, again, ng, per, level + 1);
		}
	}
	free(out);
	free(deps);
	free(again);
	free(again_on);
	return stop;
}

/* The deferred records as the pipeline's waves (qs_engine_wave.c): in rank
 * order, consecutive records of one kind together (eng->batch a wave, up to
 * QSE_WAVES_MAX waves a round); a record left Waiting on a dependency that
 * this request did not push has that dependency delivered first as a wave
 * (deferred_round). What a failure stops stays queued for a worker. */
static bool deferred_waves(qs_engine *eng)
{
	eng->rate_window = eng->rate_default;   /* the pipeline paces itself, as qbo_sync does */
	deferred_refs(eng, eng->deferred, eng->n_deferred, (size_t)eng->batch, 0);
	eng->rate_window = 0;
	return true;
}

void qs_engine_run_deferred(qs_engine *eng)
{
	size_t i;
	if (!eng) {
		return;
	}
	if (eng->hooks_deferred) {
		/* ---- hook events recorded this request: expanded into deferred pushes (qs_engine_hook.c) ---- */
		long expanded = 0, failed = 0;
		qs_error he;
		qs_error_clear(&he);
		eng->hooks_deferred = false;
		qse_hooks_expand(eng, 0, 0, &expanded, &failed, &he);
	}
	eng->inline_ctx = true;
	if (eng->batch > 1 && eng->n_deferred > 1 && deferred_waves(eng)) {
		i = eng->n_deferred;
	} else {
		i = 0;
	}
	for (; i < eng->n_deferred && !qse_throttled(eng); i++) {
		bool busy;
		qs_state st;
		qs_error e;
		qs_error_clear(&e);
		if (qse_deliver_top(eng, eng->deferred[i].kind, eng->deferred[i].id, &busy, &st, &e) == QS_EAUTH) {
			break;
		}
	}
	eng->inline_ctx = false;
	eng->n_deferred = 0;
	qs_store_checkpoint(eng->store);   /* after the response: the deliverer checkpoints */
	qse_xlog_prune(eng);               /* and applies the log's retention */
}

/* ------------------------------------------------------------------ sync */

static void count_cb(void *ud, qs_state state, long n)
{
	json_object_object_add((json_object *)ud, qs_state_name(state), json_object_new_int64(n));
}

typedef struct due_list {
	struct due_row { char kind[16]; char id[65]; bool sending; char owner[96]; double claimed; } *v;
	size_t n, cap;
} due_list;

static void due_cb(void *ud, const char *kind, const char *id, qs_outbox_status q_status, const char *owner, double claimed)
{
	due_list *l = ud;
	struct due_row *nv = qs_grow(l->v, &l->cap, l->n, sizeof(*nv), 64);
	if (!nv) {
		return;
	}
	l->v = nv;
	qs_strlcpy(l->v[l->n].kind, kind, sizeof(l->v[l->n].kind));
	qs_strlcpy(l->v[l->n].id, id, sizeof(l->v[l->n].id));
	l->v[l->n].sending = q_status == QS_OUTBOX_SENDING;
	qs_strlcpy(l->v[l->n].owner, owner, sizeof(l->v[l->n].owner));
	l->v[l->n].claimed = claimed;
	l->n++;
}

qs_status qs_engine_sync(qs_engine *eng, const qs_sync_opts *opts, json_object **result, qs_error *e)
{
	due_list due;
	qs_status r, ret = QS_OK;
	double start = qs_store_now();
	long delivered = 0, errors = 0, waiting = 0, mismatches = 0, done_n = 0, remaining = 0, net_fail = 0, total, batch;
	size_t i;
	int pass;
	bool stop = false, locked = false, history = false, cancelled = false;
	qse_wave_out *round_out;

	*result = NULL;
	memset(&due, 0, sizeof(due));
	/* ---- hook events first: expanded through the fetch into queued pushes (qs_engine_hook.c) ---- */
	{
		long expanded = 0, failed = 0;
		r = qse_hooks_expand(eng, 0, QS_PUSH_QUEUE_ONLY, &expanded, &failed, e);
		if (r != QS_OK) {
			return r;
		}
	}
	/* ---- the worker lock: its holder runs the history push's step and can be
	 * cancelled; without it (a live worker holds it) this run only drains, the
	 * outbox claims keep the two apart (qs_engine_worker.c) ---- */
	r = qse_worker_take(eng, &locked, e);
	if (r != QS_OK) {
		return r;
	}
	if (locked && qse_history_running(eng)) {
		history = true;
		r = qse_history_step(eng, true, e);
		if (r != QS_OK) {
			qse_worker_release(eng);
			return r;
		}
	}
	/* ---- the lock's holder also pulls the QBO-side changes webhooks
	 * reported, and refreshes daily the reference data the pickers read
	 * (qs_engine_webhook.c, qs_engine_pull.c) ---- */
	if (locked) {
		long pulled = 0;
		r = qse_events_pull(eng, 0, &pulled, e);
		if (r != QS_OK) {
			qse_worker_release(eng);
			return r;
		}
		qse_reference_daily(eng);
	}
	round_out = calloc(QS_BATCH_MAX * QSE_WAVES_MAX, sizeof(*round_out));
	if (!round_out) {
		qse_worker_release(eng);
		return qs_error_set(e, QS_EINTERNAL, "Out of memory preparing a sync");
	}
	qse_claims_begin(eng);   /* the claims of this sync: one generation of the owner */
	eng->in_sync = true;
	eng->flight_max = opts && opts->max_in_flight > 0 && opts->max_in_flight < QS_QBO_CONCURRENT
		? opts->max_in_flight : QS_QBO_CONCURRENT;
	batch = opts && opts->batch > 0 ? opts->batch : eng->batch;
	if (batch > QS_SYNC_BATCH_MAX) {
		batch = QS_SYNC_BATCH_MAX;
	}
	/* the pipeline paces itself to QBO's per-company limits */
	eng->rate_window = batch > 1 ? (opts && opts->rate_window > 0 ? opts->rate_window
		: opts && opts->rate_window < 0 ? 0 : eng->rate_default) : 0;
	total = 0;
	for (pass = 0; !stop; pass++) {
		long before = done_n;
		/* the lowest rank another live process is sending now: records of a
		 * later rank may depend on those, so they are left to it (claimed
		 * now they would only go Waiting, and their retry takes the slow
		 * one-record path); it releases and delivers them itself */
		int held_rank = INT_MAX;
		bool gated = false, relist = false;
		due.n = 0;
		eng->released = 0;
		r = qs_store_outbox_due(eng->store, eng->conn_key, qs_store_now(), SYNC_BATCH, due_cb, &due, e);
		if (r != QS_OK) {
			eng->in_sync = false;
			free(due.v);
			free(round_out);
			qse_worker_release(eng);
			return r;
		}
		total += (long)due.n;
		for (i = 0; i < due.n && !stop;) {
			/* a round: the next due records of one kind (the outbox is in rank
			 * order, so none depends on another), as up to QSE_WAVES_MAX waves
			 * of batch_size records whose requests are in flight together */
			const char *kinds[QS_BATCH_MAX * QSE_WAVES_MAX], *ids[QS_BATCH_MAX * QSE_WAVES_MAX];
			size_t idx[QS_BATCH_MAX * QSE_WAVES_MAX], k = 0, j, cap = QS_BATCH_MAX, per;
			qse_wave_out *out = round_out;
			if (opts && opts->limit > 0 && done_n >= opts->limit) {
				break;
			}
			if (opts && opts->time_budget > 0 && qs_store_now() - start > opts->time_budget) {
				break;
			}
			if (opts && opts->cancel) {
				break;
			}
			if (locked && qse_worker_beat(eng)) {
				cancelled = true;   /* qbo_cancel(): stop at this step */
				break;
			}
			if (qse_throttled(eng)) {
				net_fail = 3;   /* QBO asked for a pause: leave the rest queued */
				break;
			}
			if (batch <= 1) {
				cap = 1;
			} else if ((size_t)batch < cap) {
				cap = (size_t)batch;
			}
			per = cap;
			if (cap > 1) {
				cap *= QSE_WAVES_MAX;
			}
			if (opts && opts->limit > 0 && (size_t)(opts->limit - done_n) < cap) {
				cap = (size_t)(opts->limit - done_n);
			}
			for (; i < due.n && k < cap; i++) {
				if (k > 0 && strcmp(due.v[i].kind, kinds[0]) != 0) {
					break;
				}
				if (due.v[i].sending && !qse_claim_stale(eng, due.v[i].owner, due.v[i].claimed, qs_store_now())) {
					int rank = qs_kind_rank(due.v[i].kind);
					if (rank < held_rank) {
						held_rank = rank;
					}
					total--;
					continue;
				}
				if (k == 0 && qs_kind_rank(due.v[i].kind) > held_rank) {
					gated = true;
					break;
				}
				kinds[k] = due.v[i].kind;
				ids[k] = due.v[i].id;
				idx[k++] = i;
			}
			if (gated) {
				stop = true;
				break;
			}
			if (k == 0) {
				continue;
			}
			if (cap == 1) {
				/* one record at a time: the one-record path, dependencies delivered first */
				memset(out, 0, sizeof(out[0]));
				qs_error_clear(&out[0].e);
				out[0].r = qse_deliver_one(eng, kinds[0], ids[0], &out[0].busy, &out[0].state, &out[0].e);
				r = QS_OK;
			} else {
				r = qse_deliver_waves(eng, kinds, ids, k, per, out, e);
			}
			if (r != QS_OK) {
				ret = r;
				stop = true;
				break;
			}
			for (j = 0; j < k; j++) {
				qs_state sv = out[j].state;
				qs_status dr = out[j].r;
				if (out[j].busy) {
					/* held by another process (its claim raced this one's
					 * listing): the list is stale, so the next round is chosen
					 * from a new one, after what this round delivered */
					if (qs_kind_rank(kinds[j]) < held_rank) {
						held_rank = qs_kind_rank(kinds[j]);
					}
					relist = true;
					continue;
				}
				done_n++;
				if (dr == QS_OK && sv == QS_STATE_SYNCED) {
					delivered++;
					net_fail = 0;
				} else if (dr == QS_OK && sv == QS_STATE_MISMATCH) {
					mismatches++;
					net_fail = 0;
				} else if (dr == QS_EWAITING || sv == QS_STATE_WAITING) {
					waiting++;
				} else if (dr == QS_EAUTH) {
					qs_error_copy(e, &out[j].e);
					ret = QS_EAUTH;
				} else if (dr == QS_ESTORE) {
					qs_error_copy(e, &out[j].e);
					ret = QS_ESTORE;
				} else if (dr == QS_ETHROTTLE) {
					net_fail = 3;   /* QBO asked us to back off: stop this pass */
				} else if (qse_retryable(dr)) {
					net_fail++;
				} else if (dr != QS_OK) {
					errors++;
				}
				if (opts && opts->progress) {
					opts->progress(opts->ud, done_n, total, due.v[idx[j]].kind, due.v[idx[j]].id, qs_state_name(sv));
				}
			}
			if (ret != QS_OK || net_fail >= 3) {
				stop = true;   /* disconnected, broken store, or QBO unreachable */
			}
			if (relist) {
				break;
			}
		}
		if (relist && !stop) {
			if (done_n == before) {
				stop = true;   /* everything this pass tried was another's: they deliver it */
			}
		} else if (stop || i < due.n) {
			stop = true;   /* limit, budget, cancel, or QBO unreachable */
		} else if (!((due.n == SYNC_BATCH && done_n > before) || eng->released > 0) || pass > 10000) {
			stop = true;   /* nothing more is due (released records and further batches go on) */
		}
	}
	eng->in_sync = false;
	eng->rate_window = 0;
	eng->flight_max = QS_QBO_CONCURRENT;
	free(due.v);
	free(round_out);
	qs_store_conn_set_last_sync(eng->store, eng->conn_key, qs_store_now(), NULL);
	if (history && ret == QS_OK) {
		/* the records of the page delivered above are counted now */
		qs_error he;
		qs_error_clear(&he);
		if (qse_history_step(eng, false, &he) == QS_ESTORE) {
			qs_error_copy(e, &he);
			ret = QS_ESTORE;
		}
	}
	if (locked && eng->worker_cancel) {
		cancelled = true;
	}
	if (!opts || !opts->keep_lock || cancelled) {
		qse_worker_release(eng);
	}
	qs_store_checkpoint(eng->store);   /* the deliverer checkpoints, never the hook path */
	qse_xlog_prune(eng);
	qs_store_outbox_count(eng->store, eng->conn_key, &remaining, NULL);
	{
		/* "waiting" is what qbo_status() counts: every record Waiting now, also
		 * those this run did not look at (their recheck is not due yet) */
		json_object *counts = json_object_new_object();
		if (counts && qs_store_entity_counts(eng->store, eng->conn_key, count_cb, counts, NULL) == QS_OK) {
			json_object *w = qse_jget(counts, qs_state_name(QS_STATE_WAITING));
			waiting = w ? (long)json_object_get_int64(w) : 0;
		}
		json_object_put(counts);
	}
	*result = json_object_new_object();
	json_object_object_add(*result, "delivered", json_object_new_int64(delivered));
	json_object_object_add(*result, "errors", json_object_new_int64(errors));
	json_object_object_add(*result, "waiting", json_object_new_int64(waiting));
	json_object_object_add(*result, "mismatches", json_object_new_int64(mismatches));
	json_object_object_add(*result, "remaining", json_object_new_int64(remaining));
	if (cancelled) {
		json_object_object_add(*result, "cancelled", json_object_new_boolean(true));
	}
	if (history) {
		json_object *hs = NULL;
		if (qs_engine_history_status(eng, &hs, NULL) == QS_OK && hs) {
			json_object_object_add(*result, "history", hs);
		}
	}
	return ret;
}

/* ------------------------------------------------------------------ overview */


qs_status qs_engine_status(qs_engine *eng, json_object **out, qs_error *e)
{
	qs_conn_row row;
	json_object *o, *counts, *hooks;
	long queued = 0, hooks_pending = 0, hooks_failed = 0;
	qs_status r;
	int i;

	*out = NULL;
	r = qs_store_conn_get(eng->store, eng->conn_key, &row, e);
	if (r != QS_OK) {
		return r;
	}
	counts = json_object_new_object();
	for (i = 0; i < QS__STATE_COUNT; i++) {
		json_object_object_add(counts, qs_state_name((qs_state)i), json_object_new_int64(0));
	}
	r = qs_store_entity_counts(eng->store, eng->conn_key, count_cb, counts, e);
	if (r == QS_OK) {
		r = qs_store_outbox_count(eng->store, eng->conn_key, &queued, e);
	}
	if (r == QS_OK) {
		r = qs_store_hook_count(eng->store, eng->conn_key, &hooks_pending, &hooks_failed, e);
	}
	if (r != QS_OK) {
		json_object_put(counts);
		qs_conn_row_clear(&row);
		return r;
	}
	o = json_object_new_object();
	json_object_object_add(o, "status", json_object_new_string(qs_conn_name(row.status)));
	json_object_object_add(o, "reason", qse_jstr_new(row.reason));
	json_object_object_add(o, "message", qse_jstr_new(row.message));
	json_object_object_add(o, "realm", qse_jstr_new(row.realm));
	json_object_object_add(o, "counts", counts);
	json_object_object_add(o, "queued", json_object_new_int64(queued));
	/* the billing platform's events recorded and not read yet, and those that
	 * could not be read (kept, with the reason in the log) */
	hooks = json_object_new_object();
	json_object_object_add(hooks, "pending", json_object_new_int64(hooks_pending));
	json_object_object_add(hooks, "failed", json_object_new_int64(hooks_failed));
	json_object_object_add(o, "hook_events", hooks);
	json_object_object_add(o, "last_sync", qse_jtime(row.last_sync));
	qs_conn_row_clear(&row);
	json_object_object_add(o, "worker", qse_worker_json(eng, e, &r));
	if (r != QS_OK) {
		json_object_put(o);
		return r;
	}
	*out = o;
	return QS_OK;
}

static void list_cb(void *ud, const qs_entity *en)
{
	json_object_array_add((json_object *)ud, qse_entity_json(en));
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* One id of any kind: a lookup by key in each document kind, in the listing's
 * order (kind by name), then the page of those few rows. No store index by
 * local id is needed, so recording a record writes one index fewer. */
static qs_status entities_by_id(qs_engine *eng, const char *state, const char *id, long limit, long offset,
	json_object *arr, long *total, qs_error *e)
{
	const char *names[16];
	size_t n = 0, i;
	const qs_kind *k;
	json_object *all = json_object_new_array();
	qs_status r = QS_OK;
	for (i = 0; (k = qs_kind_at(i)) != NULL && n < sizeof(names) / sizeof(names[0]); i++) {
		if (qs_kind_is_document(k->name)) {
			names[n++] = k->name;
		}
	}
	qsort(names, n, sizeof(names[0]), name_cmp);
	for (i = 0; i < n && r == QS_OK; i++) {
		r = qs_store_entity_list(eng->store, eng->conn_key, names[i], state, id, 0, 0, list_cb, all, e);
	}
	*total = (long)json_object_array_length(all);
	for (i = (size_t)(offset > 0 ? offset : 0); r == QS_OK && i < json_object_array_length(all)
			&& (limit <= 0 || (long)json_object_array_length(arr) < limit); i++) {
		json_object_array_add(arr, json_object_get(json_object_array_get_idx(all, i)));
	}
	json_object_put(all);
	return r;
}

qs_status qs_engine_entities(qs_engine *eng, json_object *filter, json_object **out, qs_error *e)
{
	json_object *arr = json_object_new_array(), *lim = qse_jget(filter, "limit"), *off = qse_jget(filter, "offset");
	json_object *wt = qse_jget(filter, "with_total"), *res;
	const char *kind = qse_jstr(filter, "kind"), *state = qse_jstr(filter, "state"), *id = qse_jstr(filter, "id");
	long total = 0;
	bool by_id = id && !kind;
	qs_status r = by_id ? entities_by_id(eng, state, id, lim ? (long)json_object_get_int64(lim) : 0,
			off ? (long)json_object_get_int64(off) : 0, arr, &total, e)
		: qs_store_entity_list(eng->store, eng->conn_key, kind, state, id,
			lim ? (long)json_object_get_int64(lim) : 0, off ? (long)json_object_get_int64(off) : 0, list_cb, arr, e);
	if (r == QS_OK && wt && json_object_get_boolean(wt)) {
		r = by_id ? QS_OK : qs_store_entity_total(eng->store, eng->conn_key, kind, state, id, &total, e);
		if (r == QS_OK) {
			res = json_object_new_object();
			json_object_object_add(res, "rows", arr);
			json_object_object_add(res, "total", json_object_new_int64((int64_t)total));
			*out = res;
			return QS_OK;
		}
	}
	if (r != QS_OK) {
		json_object_put(arr);
		*out = NULL;
		return r;
	}
	*out = arr;
	return QS_OK;
}

/* ------------------------------------------------------------------ versions */

const char *qs_engine_versions(void)
{
	static char buf[256];
	if (!buf[0]) {
		curl_version_info_data *cv = curl_version_info(CURLVERSION_NOW);
		snprintf(buf, sizeof(buf), "libcurl %s, OpenSSL %s, SQLite %s, MariaDB client %s, json-c %s",
			cv && cv->version ? cv->version : "?", OpenSSL_version(OPENSSL_VERSION_STRING),
			qs_store_sqlite_version(), qs_store_mysql_version(), json_c_version());
	}
	return buf;
}
