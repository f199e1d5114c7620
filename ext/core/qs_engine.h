/* qs_engine: one QBO company connection: the durable outbox, delivery in
 * dependency order, upsert with linking instead of duplicating, deterministic
 * requestids, token refresh under a cross-process lock, and the sync overview.
 * The PHP binding talks only to this header (plus qs_error.h and json-c). */
#ifndef QS_ENGINE_H
#define QS_ENGINE_H

#include <json-c/json.h>
#include "qs_error.h"
#include "qs_crypto.h"
#include "qs_store.h"   /* qs_durability */
#include "qs_whmcs.h"
#include "qs_http.h"   /* qs_http_log_fn */

typedef enum qs_delivery {
	QS_DELIVER_INLINE = 0,  /* send during qbo_push, bounded by inline_timeout_ms */
	QS_DELIVER_DEFERRED,    /* send at request end (RSHUTDOWN) */
	QS_DELIVER_WORKER       /* only qbo_sync() / bin/qbosync worker sends */
} qs_delivery;

typedef struct qs_config {
	const char *environment;    /* "sandbox", "production", or a local sandbox base URL */
	const char *client_id;
	const char *client_secret;  /* secret: never logged */
	const char *redirect_uri;
	const char *store_path;     /* SQLite file, or a mysql:// / mariadb:// URL (qs_store_open_with) */
	const char *store_password; /* the MariaDB/MySQL store's password, or NULL; secret: never logged */
	const char *host_id;        /* this host's name in claim owners (NULL: gethostname()) */
	long lease_ms;              /* a claim not finished after this long is taken over (0: 2 x timeout + 30 s) */
	const char *spill_dir;      /* where the hook spill file goes (NULL: TMPDIR or /tmp) */
	qs_durability durability;   /* what a recorded event survives (qbosync.durability) */
	unsigned char key[QS_KEY_LEN];  /* token encryption key; secret */
	bool has_key;
	qs_delivery delivery;
	long timeout_ms;            /* per HTTP request (worker), default 30000 */
	long inline_timeout_ms;     /* per HTTP request on the hook path, default 5000 */
	long connect_timeout_ms;    /* default 3000 */
	long refresh_margin;        /* refresh when the access token expires within this many seconds (default 300) */
	const char *home_currency;  /* default "USD" until CompanyInfo says otherwise */
	const char *ca_info;        /* optional CA bundle */
	const char *minorversion;   /* default QS_QBO_MINORVERSION (qs_qbo_rules.h) */
	const char *sync_start;     /* "YYYY-MM-DD" or NULL: customers, invoices, payments created before it are Skipped */
	const char *exclude_methods;/* "paypal,cash" or NULL: payments of these methods are Skipped */
	const char *webhook_verifier; /* the app's webhook verifier token or NULL; secret: never logged */
} qs_config;

/* The exchange log's bodies (INI qbosync.log_bodies, option log_bodies):
 * kept for failed exchanges only (the default), for every one, or never. */
typedef enum qs_log_bodies {
	QS_LOG_BODIES_ERRORS = 0,
	QS_LOG_BODIES_ALL,
	QS_LOG_BODIES_NONE,
	QS_LOG_BODIES__COUNT
} qs_log_bodies;
/* Its value for a name ("errors", "all", "none"), -1 for any other. */
int qs_log_bodies_of(const char *name);
#define QS_LOG_RETENTION_DEFAULT 30L       /* days the log keeps its rows */
#define QS_LOG_RETENTION_MAX 3650L
#define QS_LOG_MAX_ROWS_DEFAULT 1000000L   /* rows the whole store's log keeps at most (0: no cap) */

typedef struct qs_engine qs_engine;

/* Opens (creating if needed) the store and prepares the HTTP handle. The
 * config strings are copied. The connection key is derived from environment +
 * client_id, so several processes with the same options share one state. */
qs_engine *qs_engine_new(const qs_config *cfg, qs_error *e);
void qs_engine_free(qs_engine *eng);

/* ---- OAuth ---- */
/* A fresh authorization URL; its state (unguessable, single use, 10 minutes) is
 * kept in the store. *url is malloc'd. */
qs_status qs_engine_oauth_url(qs_engine *eng, const char *scope, char **url, qs_error *e);
/* Verifies state (QS_ESTATE when unknown/used/expired), exchanges the code,
 * stores the tokens sealed (QS_ECONFIG when there is no encryption key: nothing
 * stored), records the realm and marks the connection Active. */
qs_status qs_engine_oauth_exchange(qs_engine *eng, const char *code, const char *state,
	const char *realm, qs_error *e);
/* Forgets the tokens (revoking them at Intuit when revoke is true); status Disconnected. */
qs_status qs_engine_disconnect(qs_engine *eng, bool revoke, qs_error *e);

/* ---- mappings ---- */
/* kind: customer, item, tax, payment_method, account (extra: {"purpose": "income"|"deposit"|"refund"}).
 * qbo_id: a QBO Id (checked to exist in QBO), "auto" (find by name/email and link),
 * or "create" (not for tax). *out: the mapping as an object. */
qs_status qs_engine_map(qs_engine *eng, const char *kind, const char *local_id,
	const char *qbo_id, json_object *extra, json_object **out, qs_error *e);
/* The mappings of one local record (every purpose of an account), found by key. */
qs_status qs_engine_mapping_of(qs_engine *eng, const char *kind, const char *local_id, json_object **out, qs_error *e);
qs_status qs_engine_mappings(qs_engine *eng, const char *kind /* NULL = all */,
	json_object **out, qs_error *e);
qs_status qs_engine_unmap(qs_engine *eng, const char *kind, const char *local_id,
	bool *removed, qs_error *e);

/* ---- push ---- */
#define QS_PUSH_QUEUE_ONLY 1   /* record, never deliver inline */
#define QS_PUSH_FORCE      2   /* record a new version even when unchanged */

/* Validates and records doc (borrowed) in the outbox, committed before any
 * network call; then delivers it when the delivery mode says so. *state: the
 * entity's state object {kind,id,state,reason,qbo_id,version,...}:
 *   kind, id          the record
 *   state             "Not Tried" | "Waiting" | "Synced" | "Mismatch" | "Error" | "Skipped" | "Dismissed" | "Deleted"
 *                     (Mismatch: in QBO, but QBO's money differs; the reason has both figures)
 *   reason            why (QBO's fault, "Waiting on customer 12", "Queued, will retry: ..."), or null
 *   qbo_id            the QBO Id once created or linked, else null
 *   version           bumped by every recorded change; synced_version: the one QBO holds
 *   attempts          delivery attempts so far; last_attempt: ISO time or null
 *   queued            true while an outbox row exists; next_try: ISO time or null
 *   updated           ISO time of the last recorded change
 * An unchanged document (the same normalised text as stored) records nothing new unless
 * QS_PUSH_FORCE. A draft invoice, or one cancelled before it reached QBO, is
 * Skipped; a cancelled one QBO holds is voided. Before the first OAuth
 * exchange an inline push returns the record queued (no error).
 * A QBO fault during inline delivery returns QS_EAPI with *state filled (state
 * Error, reason = QBO's); invalid_grant returns QS_EAUTH with *state filled (the
 * event stays queued). Network trouble is not an error: state stays queued with a reason. */
qs_status qs_engine_push(qs_engine *eng, const char *kind, json_object *doc, int flags,
	json_object **state, qs_error *e);

/* A record's state as qs_engine_push answers it, field by field, in the keys
 * and order above: for a binding that builds its own array from it instead of
 * converting a JSON tree (the hook path). Strings point into the view. */
typedef enum qs_state_ftype { QS_SF_NULL, QS_SF_STR, QS_SF_INT, QS_SF_BOOL } qs_state_ftype;
typedef struct qs_state_field {
	const char *key;
	qs_state_ftype type;
	const char *s;   /* QS_SF_STR */
	long long i;     /* QS_SF_INT, QS_SF_BOOL */
} qs_state_field;
#define QS_STATE_FIELDS 12
typedef struct qs_state_view {
	size_t n;   /* 0: no view, the answer is in *state */
	qs_state_field f[QS_STATE_FIELDS];
	char kind[16], id[65], reason[1024], qbo_id[32], times[3][24];
	double time_at[3];   /* the times the texts in times[] stand for */
} qs_state_view;
/* qs_engine_push; when the answer is the state as recorded (worker and
 * deferred delivery, an unchanged or skipped record: nothing was sent during
 * the call) and the call succeeded, it is in *view (view->n > 0) and *state is
 * NULL; otherwise view->n is 0 and *state is as for qs_engine_push. */
qs_status qs_engine_push_view(qs_engine *eng, const char *kind, json_object *doc, int flags,
	json_object **state, qs_state_view *view, qs_error *e);

/* on_disconnect: reason is a connection reason name ("refresh_token_refused",
 * "refresh_answer_lost", ...), message the sentence qbo_status() shows. */
typedef void (*qs_disconnect_cb)(void *ud, const char *reason, const char *message);
/* Who is told when this process turns the connection Disconnected (NULL: nobody). */
void qs_engine_set_on_disconnect(qs_engine *eng, qs_disconnect_cb cb, void *ud);
/* Hands a pending Disconnected notice to the callback, once; the binding calls
 * it when an engine call has returned, where user code may run. */
void qs_engine_notify(qs_engine *eng);

/* Records the stored document of (kind, id) again as a new version (as
 * qbo_push with QS_PUSH_FORCE: a fresh requestid and retry count; a Dismissed
 * record is back in sync) and delivers it per the delivery mode. *state as
 * for qs_engine_push. QS_EVALIDATION when the record was never pushed. */
qs_status qs_engine_resend(qs_engine *eng, const char *kind, const char *id, json_object **state, qs_error *e);
/* Records that a payment, refund or credit note was deleted in the billing
 * system (a new version of its stored document) and delivers it per the
 * delivery mode: deleted in QBO, then state Deleted with no QBO Id. Invoices
 * (cancel them), customers and items are refused: QS_EVALIDATION, as for a
 * record never pushed. *state as for qs_engine_push. */
qs_status qs_engine_delete(qs_engine *eng, const char *kind, const char *id, json_object **state, qs_error *e);
/* dismissed: the record leaves the queue and the warnings (state Dismissed,
 * the reason keeps what it was); false: it is resent. *state: its state. */
qs_status qs_engine_dismiss(qs_engine *eng, const char *kind, const char *id, bool dismissed,
	json_object **state, qs_error *e);

typedef void (*qs_progress_cb)(void *ud, long done, long total, const char *kind, const char *local_id, const char *state);

#define QS_SYNC_BATCH_MAX 30
#define QS_SYNC_IN_FLIGHT_MAX 10   /* QBO's requests in flight per company (qs_qbo_rules.h) */

typedef struct qs_sync_opts {
	long limit;           /* max events, 0 = all due */
	double time_budget;   /* seconds, 0 = no limit */
	long batch;           /* records per wave: 0 = the engine's (qs_engine_set_batch,
	                       * default QS_SYNC_BATCH_MAX), 1 = one record at a time, up to
	                       * QS_SYNC_BATCH_MAX = creates/updates sent as one /batch request */
	double rate_window;   /* with batch > 1: seconds of QBO's limit minute for the
	                       * per-company limiter (0 = the engine's, qs_engine_set_rate_window; a time-scaled sandbox: less;
	                       * < 0 = no pacing) */
	long max_in_flight;   /* QBO requests in flight for the company at most, every process
	                       * using the store together (0 = QBO's 10; 1..10) */
	qs_progress_cb progress;
	void *ud;
	/* Set to true (by the progress callback, through its own pointer to these
	 * opts) to stop: the engine finishes or requeues the event in hand, sends
	 * nothing more and returns QS_OK with the counts so far. The PHP binding
	 * sets it when the progress callable throws. Zero-initialise the struct. */
	bool cancel;
	/* Keep the company's worker lock after returning (a long-running worker
	 * between its runs; each run writes its heartbeat). A run without it
	 * releases the lock at its end. */
	bool keep_lock;
} qs_sync_opts;

/* Records per wave when qs_sync_opts.batch is 0, and of the deferred drain:
 * 1 = one record at a time (dependencies delivered first, recursively), up
 * to QS_SYNC_BATCH_MAX (the default): the pipeline of qs_engine_wave.c.
 * Out-of-range values are clamped. */
void qs_engine_set_batch(qs_engine *eng, long batch);
/* Seconds of QBO's limit minute for the pipeline's limiter when
 * qs_sync_opts.rate_window is 0, and for the deferred drain and the cron
 * hook's sync: 60 (the default), less against a time-scaled sandbox, 0 = no
 * pacing (a sandbox with its limits lifted). */
void qs_engine_set_rate_window(qs_engine *eng, double seconds);

/* Drains due events (including those left 'sending' by a crashed process) under
 * the store's worker lock. *result: {"delivered":N,"errors":N,"waiting":N,"mismatches":N,"remaining":N}:
 * delivered/errors/mismatches count this run's outcomes (Synced/Error/Mismatch);
 * waiting is every record Waiting afterwards (what qbo_status() counts). */
qs_status qs_engine_sync(qs_engine *eng, const qs_sync_opts *opts, json_object **result, qs_error *e);

/* Work left for request end: deferred deliveries, hook events, or the WAL
 * checkpoint the hook path's commits put off (qs_store_checkpoint_due); the
 * binding runs it after the response. */
bool qs_engine_has_deferred(qs_engine *eng);
void qs_engine_run_deferred(qs_engine *eng);

/* ---- billing-platform hooks (WHMCS event table: qs_whmcs.h) ---- */
/* The callback hook events read records through (NULL: none). The binding
 * sets it around each call that may expand events and clears it after, so
 * the engine never holds a callback of a finished request. */
void qs_engine_set_fetch(qs_engine *eng, qs_fetch_fn fn, void *ud);

/* Every HTTP exchange of the engine (QBO API and OAuth server) goes to fn,
 * with the secrets removed from the bodies (qs_http_log.c); NULL stops it. */
void qs_engine_set_http_log(qs_engine *eng, qs_http_log_fn fn, void *ud);
/* The log's retention (days, at least 1), its cap on rows (0: none) and
 * which exchanges keep their bodies. The store's log gets every exchange
 * whatever the callable above. */
void qs_engine_set_log_policy(qs_engine *eng, long retention_days, long max_rows, qs_log_bodies bodies);

/* One billing-platform hook (event: "InvoicePaid", vars: its $vars, borrowed).
 * Inline mode reads through the fetch and pushes at once (each push bounded by
 * inline_timeout); worker and deferred mode record the event and the ids it
 * names (one insert) and expand it at delivery time: the start of
 * qs_engine_sync, or the deferred run. AfterCronJob runs qs_engine_sync.
 * *state (never NULL unless the event has nothing to sync): {"event", "state",
 * "reason", "kind", "id", "qbo_id", ...}: the state of the record the event is
 * about, "Queued" when only recorded, "Skipped" with the reason for what is not
 * sent (drafts, Add Funds, Mass Pay), "Error" with the reason when the event
 * could not be read or its document is invalid. Returns the failure's status
 * (with *state filled) so the caller can log it; never throws anything. */
qs_status qs_engine_hook(qs_engine *eng, const char *event, json_object *vars, json_object **state, qs_error *e);
/* Deferred mode: expands the hook events recorded this request now (through
 * the fetch set), leaving their pushes for the deferred run. For a binding
 * whose fetch is going away before the request ends. */
void qs_engine_hooks_expand_deferred(qs_engine *eng);

/* ---- the history push (qs_engine_history.c) ---- */
/* Reads one page of the billing platform's records of kind for the history
 * push (a source other than WHMCS): *docs a new array of canonical documents
 * (fewer than limit: the kind has ended); *total the kind's record count when
 * the source knows it, else -1. */
typedef qs_status (*qs_source_fn)(void *ud, const char *kind, long offset, long limit,
	json_object **docs, long *total, qs_error *e);
/* The source the history push reads (NULL: WHMCS through the fetch); the
 * binding sets it around the calls that step a job, like the fetch. */
void qs_engine_set_source(qs_engine *eng, qs_source_fn fn, void *ud);
/* Starts the company's history push, or returns the unfinished one (its own
 * options, resumed). options (borrowed, may be NULL): kinds (array), since,
 * until ("YYYY-MM-DD"), dry_run (bool), page (records per step, 1..500).
 * custom: the records come from the source, not WHMCS. Only the job is
 * recorded here; qs_engine_sync runs its steps. *out: its status. */
qs_status qs_engine_history(qs_engine *eng, json_object *options, bool custom, json_object **out, qs_error *e);
/* {id, state: running|done|cancelled|failed, dry_run, kinds, since, until,
 *  done, total, pending, rate (records/s), eta (s or null), started, updated,
 *  counts {created, linked, updated, unchanged, skipped, waiting, errors},
 *  report [{kind, id, action, qbo_id, reason}], report_dropped, source, message};
 * *out NULL when no job ever ran. */
qs_status qs_engine_history_status(qs_engine *eng, json_object **out, qs_error *e);
/* Cancels the running job; *cancelled false when none runs. */
qs_status qs_engine_history_cancel(qs_engine *eng, bool *cancelled, qs_error *e);

/* ---- reconciliation (qs_engine_reconcile.c) ---- */
/* options: from, to ("YYYY-MM-DD", required), kinds (array: invoice, payment,
 * refund, credit; default all). custom: the billing records come from the
 * source, else WHMCS through the fetch. *out: {"period":[from,to],
 * "kinds":{kind:{"billing":{"count","sum"},"qbo":{"count","sum"},
 * "differ":[{"id","qbo_id","billing","qbo","reason"}]}},"unreadable":[...]}.
 * Reads only. */
qs_status qs_engine_reconcile(qs_engine *eng, json_object *options, bool custom, json_object **out, qs_error *e);

/* ---- the worker lock (qs_engine_worker.c) ---- */
/* Releases the company's worker lock whoever holds it; *released. */
qs_status qs_engine_unlock(qs_engine *eng, bool *released, qs_error *e);
/* Asks the lock's holder to stop at its next step; *asked false when no worker holds it. */
qs_status qs_engine_cancel(qs_engine *eng, bool *asked, qs_error *e);

/* ---- overview ---- */
/* {"status":"Active|Disconnected|Error|Not Connected","message":..,"realm":..,
 *  "counts":{"Synced":n,"Error":n,...},"queued":n,"last_sync":"ISO"|null,
 *  "worker":null|{"owner","host","pid","since","heartbeat","cancel","stale"}} */
qs_status qs_engine_status(qs_engine *eng, json_object **out, qs_error *e);
/* filter: {"kind":..,"state":..,"id":..,"limit":n,"offset":n,"with_total":bool}
 * (borrowed, may be NULL; limit 0 or absent = all). *out: array of entity
 * states, or with with_total {"rows":[...],"total":n} (total ignores paging). */
qs_status qs_engine_entities(qs_engine *eng, json_object *filter, json_object **out, qs_error *e);

/* The delivery log, newest first: every attempt, its outcome and why; never a
 * secret. filter: {"kind":..,"id":..,"limit":n} (borrowed, may be NULL; limit
 * default 100). *out: array of {"at":ISO,"level":"info|warn|error","kind":..,
 * "id":..,"message":..}. (For a future qbo_log().) */
qs_status qs_engine_log(qs_engine *eng, json_object *filter, json_object **out, qs_error *e);

/* ---- QBO back to the billing side (qs_engine_pull.c, qs_engine_webhook.c) ---- */
/* Kinds a pull reads, in this order (later ones refer to earlier ones). */
#define QS_PULL_KINDS "customer", "item", "invoice", "payment"
#define QS_PULL_NKINDS 4
/* Called once per canonical document; return false to stop the pull. */
typedef bool (*qs_pull_cb)(void *ud, const char *kind, json_object *doc);
typedef struct qs_pull_opts {
	bool kinds[QS_PULL_NKINDS];   /* which of QS_PULL_KINDS; none set = all */
	const char *since;            /* ISO 8601 window start for every kind, NULL = each kind's stored watermark */
	bool full;                    /* query paging instead of CDC (forced past CDC's 30 days) */
	bool link;                    /* link mappings by marker / DisplayName / Name / DocNumber */
	qs_pull_cb cb;                /* NULL: the documents are in the result */
	void *ud;
} qs_pull_opts;
/* Reads customers, items, invoices, payments from QBO as canonical documents
 * (qs_map_from_qbo), by CDC since each kind's watermark or by a full pull
 * paged 1,000 rows at a time, linking them to local records on the way; a CDC
 * from the stored watermarks leaves out the versions the last pull delivered in
 * its overlap. Stores, for each kind read, the new watermark (QBO's clock at the
 * start of the pull's first request, less 60 s) and the versions read since it.
 * *result: {"counts": {kind: n}, "linked": n, "watermark": ISO (that new
 * watermark), "mode": "cdc"|"full"|"mixed", "documents": {kind: [...]} (absent
 * with a callback)}. */
qs_status qs_engine_pull(qs_engine *eng, const qs_pull_opts *o, json_object **result, qs_error *e);

/* What the mapping pickers offer, cached in the store: type account
 * (options "account_type"), item, tax_code, payment_method, term, customer
 * ("search", "limit"), company; "refresh": true reads QBO again. *out: array
 * of {"id","name",...}. QS_EVALIDATION for an unknown type or option. */
qs_status qs_engine_reference(qs_engine *eng, const char *type, json_object *options, json_object **out, qs_error *e);

/* A webhook POST: checks sig against the webhook verifier (QS_EAUTH when it
 * does not match or no verifier is set; nothing recorded), reads either
 * format, stores each notification for this company's realm once (deduped)
 * as pull work for qbo_sync(). *out: {"accepted":n,"duplicates":n,"events":[...]}. */
qs_status qs_engine_webhook(qs_engine *eng, const char *body, size_t len, const char *sig, json_object **out, qs_error *e);
/* The QBO-side changes, newest first: filter {"since_id","limit","entity"}.
 * Each {"id","realm","entity","qbo_id","operation","at","status","local":
 * [kind,id]|null,"document": canonical doc|null}. */
qs_status qs_engine_events(qs_engine *eng, json_object *filter, json_object **out, qs_error *e);

/* Library versions line for phpinfo (curl, OpenSSL, SQLite, json-c). */
const char *qs_engine_versions(void);

#endif
