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
	const char *minorversion;   /* default "75" */
	const char *sync_start;     /* "YYYY-MM-DD" or NULL: customers, invoices, payments created before it are Skipped */
	const char *exclude_methods;/* "paypal,cash" or NULL: payments of these methods are Skipped */
} qs_config;

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
 *   state             "Not Tried" | "Waiting" | "Synced" | "Mismatch" | "Error" | "Skipped" | "Dismissed"
 *                     (Mismatch: in QBO, but QBO's money differs; the reason has both figures)
 *   reason            why (QBO's fault, "Waiting on customer 12", "Queued, will retry: ..."), or null
 *   qbo_id            the QBO Id once created or linked, else null
 *   version           bumped by every recorded change; synced_version: the one QBO holds
 *   attempts          delivery attempts so far; last_attempt: ISO time or null
 *   queued            true while an outbox row exists; next_try: ISO time or null
 *   updated           ISO time of the last recorded change
 * An unchanged document (same normalised hash) records nothing new unless
 * QS_PUSH_FORCE. A draft invoice, or one cancelled before it reached QBO, is
 * Skipped; a cancelled one QBO holds is voided. Before the first OAuth
 * exchange an inline push returns the record queued (no error).
 * A QBO fault during inline delivery returns QS_EAPI with *state filled (state
 * Error, reason = QBO's); invalid_grant returns QS_EAUTH with *state filled (the
 * event stays queued). Network trouble is not an error: state stays queued with a reason. */
qs_status qs_engine_push(qs_engine *eng, const char *kind, json_object *doc, int flags,
	json_object **state, qs_error *e);

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
/* dismissed: the record leaves the queue and the warnings (state Dismissed,
 * the reason keeps what it was); false: it is resent. *state: its state. */
qs_status qs_engine_dismiss(qs_engine *eng, const char *kind, const char *id, bool dismissed,
	json_object **state, qs_error *e);

typedef void (*qs_progress_cb)(void *ud, long done, long total, const char *kind, const char *local_id, const char *state);

#define QS_SYNC_BATCH_MAX 30

typedef struct qs_sync_opts {
	long limit;           /* max events, 0 = all due */
	double time_budget;   /* seconds, 0 = no limit */
	long batch;           /* records per wave: 0/1 = one record at a time, up to
	                       * QS_SYNC_BATCH_MAX = creates/updates sent as one /batch request */
	double rate_window;   /* with batch > 1: seconds of QBO's limit minute for the
	                       * per-company limiter (0 = 60; a time-scaled sandbox: less;
	                       * < 0 = no pacing) */
	qs_progress_cb progress;
	void *ud;
	/* Set to true (by the progress callback, through its own pointer to these
	 * opts) to stop: the engine finishes or requeues the event in hand, sends
	 * nothing more and returns QS_OK with the counts so far. The PHP binding
	 * sets it when the progress callable throws. Zero-initialise the struct. */
	bool cancel;
} qs_sync_opts;

/* Drains due events (including those left 'sending' by a crashed process) under
 * the store's worker lock. *result: {"delivered":N,"errors":N,"waiting":N,"mismatches":N,"remaining":N}:
 * delivered/errors/mismatches count this run's outcomes (Synced/Error/Mismatch);
 * waiting is every record Waiting afterwards (what qbo_status() counts). */
qs_status qs_engine_sync(qs_engine *eng, const qs_sync_opts *opts, json_object **result, qs_error *e);

/* Deliveries left for request end (deferred mode). */
bool qs_engine_has_deferred(qs_engine *eng);
void qs_engine_run_deferred(qs_engine *eng);

/* ---- billing-platform hooks (WHMCS event table: qs_whmcs.h) ---- */
/* The callback hook events read records through (NULL: none). The binding
 * sets it around each call that may expand events and clears it after, so
 * the engine never holds a callback of a finished request. */
void qs_engine_set_fetch(qs_engine *eng, qs_fetch_fn fn, void *ud);

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

/* ---- overview ---- */
/* {"status":"Active|Disconnected|Error|Not Connected","message":..,"realm":..,
 *  "counts":{"Synced":n,"Error":n,...},"queued":n,"last_sync":"ISO"|null} */
qs_status qs_engine_status(qs_engine *eng, json_object **out, qs_error *e);
/* filter: {"kind":..,"state":..,"id":..} (borrowed, may be NULL); *out: array of entity states. */
qs_status qs_engine_entities(qs_engine *eng, json_object *filter, json_object **out, qs_error *e);

/* The delivery log, newest first: every attempt, its outcome and why; never a
 * secret. filter: {"kind":..,"id":..,"limit":n} (borrowed, may be NULL; limit
 * default 100). *out: array of {"at":ISO,"level":"info|warn|error","kind":..,
 * "id":..,"message":..}. (For a future qbo_log().) */
qs_status qs_engine_log(qs_engine *eng, json_object *filter, json_object **out, qs_error *e);

/* Library versions line for phpinfo (curl, OpenSSL, SQLite, json-c). */
const char *qs_engine_versions(void);

#endif
