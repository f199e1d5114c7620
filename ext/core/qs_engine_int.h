/* qs_engine_int: what the engine's files share (not a public header): the
 * engine struct, the delivery context, and the internal functions, all
 * prefixed qse_. */
#ifndef QS_ENGINE_INT_H
#define QS_ENGINE_INT_H

#include "qs_engine.h"
#include "qs_store.h"
#include "qs_http.h"
#include "qs_oauth.h"
#include "qs_qbo.h"
#include "qs_map.h"
#include "qs_whmcs.h"

#define MAX_DEPTH 4
#define REFRESH_TRIES 3           /* token endpoint attempts per refresh (transient faults) */
#define REFRESH_LOCK_MARGIN 30.0  /* the refresh lock outlives its requests by this much */
#define REFRESH_WAIT 20.0         /* a worker waits at least this long for another's refresh */
#define WAITING_RECHECK 300.0     /* a Waiting record is looked at again after this */
#define SYNC_BATCH 600            /* outbox rows read per sync pass: one round of QSE_WAVES_MAX full waves */

/* Why a connection is not Active (conn.reason; qbo_status() "reason"). */
typedef enum qs_conn_reason {
	QS_REASON_NONE = 0,
	QS_REASON_REFRESH_REFUSED,    /* invalid_grant: revoked, expired or rotated away */
	QS_REASON_ANSWER_LOST,        /* invalid_grant after a refresh whose answer was lost */
	QS_REASON_APP_CREDENTIALS,    /* invalid_client: client_id / client_secret wrong */
	QS_REASON_BAD_TOKEN,          /* the token service sent a token that cannot be used */
	QS_REASON_TOKENS_UNREADABLE,  /* the encryption key does not open the stored tokens */
	QS_REASON_ON_REQUEST,         /* qbo_disconnect() */
	QS_REASON__COUNT
} qs_conn_reason;

typedef struct deferred_ref {
	char kind[16];
	char id[65];
} deferred_ref;

struct qs_engine {
	char *environment, *client_id, *client_secret, *redirect_uri, *store_path;
	long lease_ms;                 /* claim lease (0: derived from the timeouts) */
	double renewed_at;             /* the claims' leases were last renewed then (0: no claim taken yet) */
	char claim_owner[96];          /* owner of the outbox claims of the current delivery: owner/generation */
	unsigned claim_gen;
	char spill_path[600];          /* the hook spill file (qs_engine_spill.c) */
	bool store_offline;            /* opened while the store's server was unreachable */
	bool replaying;                /* the spill file is being replayed (qs_engine_spill.c) */
	char *cfg_currency, *ca_info, *minorversion;
	char *sync_start, *exclude_methods;   /* settings (may be NULL): see qs_config */
	char *webhook_verifier;   /* secret, may be NULL */
	unsigned char key[QS_KEY_LEN];
	bool has_key;
	qs_delivery delivery;
	qs_durability durability;
	long timeout_ms, inline_timeout_ms, connect_timeout_ms, refresh_margin;

	char conn_key[33];
	char owner[96];
	char host[64];
	qs_store *store;
	qs_endpoints ep;
	qs_http *http_worker, *http_inline;
	qs_http_log_fn http_log;  /* the exchange log of every handle: qse_xlog_observe */
	void *http_log_ud;
	qs_http_log_fn user_log;  /* told of every exchange too (qs_engine_set_http_log), or NULL */
	void *user_log_ud;
	const char *xlog_kind, *xlog_id;  /* the record whose delivery makes the exchanges now, or NULL */
	char *store_secret;       /* the store's password, removed from logged text; secret, may be NULL */
	long log_retention;       /* days (qs_engine_set_log_policy) */
	long log_max_rows;        /* 0: no cap */
	int log_bodies;           /* a qs_log_bodies */
	double log_pruned;        /* when this process last applied the retention */
	long log_removed;         /* rows the retention removed in this process */
	qs_http_share *share;     /* TLS sessions, DNS, connections of every handle below (made with the first) */
	struct qs_pool *pool;     /* qbo_sync's concurrent /batch requests (qs_engine_wave.c), made when first used */
	bool inline_ctx;          /* deliveries use the short inline timeout */
	bool in_sync;             /* sync delivers released dependents itself */
	int depth;

	char realm[64];
	char *access;             /* secret */
	long long token_version;
	char home_currency[8];
	char country[8];
	/* the QBO company's multi-currency (qs_engine_currency.c): 0 not read yet, 1 on, -1 off */
	int mc_state;
	char mc_home[8];
	char *mc_codes;           /* " EUR GBP " its active currencies, malloc'd */

	qs_disconnect_cb on_disconnect;   /* told when this process turns the connection Disconnected */
	void *on_disconnect_ud;
	bool notice_pending;
	char notice_reason[48];
	char notice_message[512];

	deferred_ref *deferred;
	size_t n_deferred, cap_deferred;
	long released;            /* rows released from Waiting (sync runs another pass) */

	/* billing-platform hooks (qs_engine_hook.c) */
	qs_fetch_fn fetch;        /* reads records for hook events; NULL: none this request */
	void *fetch_ud;
	bool hooks_deferred;      /* deferred mode recorded hook events this request */
	double rate_window;       /* seconds of QBO's limit minute for the limiter; 0 = no pacing */

	/* the worker lock (qs_engine_worker.c) */
	bool worker_held;         /* this engine holds the company's worker lock */
	bool worker_cancel;       /* qbo_cancel() (or an unlock) asked it to stop */
	double worker_beat;       /* when its heartbeat was last written */

	/* the history push (qs_engine_history.c) */
	qs_source_fn source;      /* the source callable's bridge; NULL: none this request */
	void *source_ud;
	long batch;               /* records per wave of qbo_sync and the deferred drain (1: one at a time) */
	double rate_default;      /* the limiter's minute when qbo_sync names none, and the deferred drain's (0: no pacing) */
	long flight_max;          /* the company's requests in flight, all processes together (qs_engine_pace.c) */
	struct qse_released *wave_released;   /* set: the pipeline's waves list the records they release here */
	struct qse_released *released_out;   /* set: an inline delivery at the top lists the records it releases here (qse_deliver_top) */
	struct qse_ref_memo *ref_memo;   /* set while waves are planned and verified: references resolved so far (qse_ref_memo_begin) */
	bool wave_applying;       /* a wave's outcomes are being applied: its last Synced time is written once, at its end */
	double wave_synced_at;    /* meanwhile: the latest Synced outcome's time (0: none yet) */
	struct qse_round *round;  /* set while a round of waves is applied: its records (qse_round_landed_on) */
	double req_seconds;       /* how long the pipeline's requests took of late (moving average; 0: none yet) */
};

/* What a delivery learns while its references are resolved. */
typedef struct deliver_ctx {
	qs_engine *eng;
	const char *kind;
	const char *id;
	char wait_kind[16];
	char wait_id[65];
	bool no_deliver;          /* resolve from mappings and entities only (the pipeline) */
	bool dep_first;           /* a queued record referred to is not delivered by resolving it: it is named in
	                           * dep_kind/dep_id (the answer Waiting) and qse_deliver_one delivers it, then maps again */
	char dep_kind[16];
	char dep_id[65];
	deferred_ref *dep_done;   /* the records qse_deliver_one delivered for this one: resolved from the store alone */
	size_t n_dep_done, cap_dep_done;
	bool resumable;           /* verifying in qse_deliver_one: a credit note's application may name a dependency too */
	json_object *memo;        /* the credit memo read before that dependency was delivered: the application resumes with it */
	json_object *answer;      /* QBO's answer to the one-record path's create (the record as
	                           * saved, which verification reads instead of reading it again); the caller puts it */
} deliver_ctx;

/* Records released from Waiting by a delivery. */
typedef struct qse_released {
	deferred_ref *v;
	size_t n, cap;
} qse_released;

/* OP_PAGE: query = one page's statement, *out = {"rows": [...], "time": unix seconds};
 * OP_GET: GET /<entity>?<query> (Preferences, ExchangeRate), *out may be NULL.
 * OP_CDC: entity = the entities (comma-separated), query = changedSince, *out = the answer. */
enum api_op { OP_CREATE, OP_UPDATE, OP_READ, OP_QUERY, OP_VOID, OP_DELETE, OP_BATCH, OP_PAGE, OP_CDC, OP_GET };

/* qs_engine_xlog.c: the exchange log */
#define QS_LOG_PRUNE_EVERY 60.0    /* seconds between two retention passes of one process */
#define QS_LOG_PRUNE_BATCH 1000L   /* rows one statement removes */
#define QS_LOG_PRUNE_ROUNDS 20     /* statements one pass runs at most */
void qse_xlog_observe(void *ud, const qs_http_exchange *x);
/* The retention: old rows removed in batches (the deliverer calls it, never the hook path). */
void qse_xlog_prune(qs_engine *eng);

/* qs_engine_util.c: the helpers the engine's files share */
qs_status qse_begin_entity(qs_engine *eng, const char *kind, const char *id, qs_entity *en, qs_error *e);
qs_status qse_save_commit(qs_engine *eng, const qs_entity *en, qs_error *e);
const char *qse_entity_label(const char *kind);
json_object *qse_jget(json_object *o, const char *key);
const char *qse_jstr(json_object *o, const char *key);
json_object *qse_jstr_new(const char *s);
json_object *qse_jtime(double t);
bool qse_time_text(double t, char buf[32]);
json_object *qse_money_json(qs_money m, int decimals);
json_object *qse_ref(const char *id);
void qse_log_msg(qs_engine *eng, const char *level, const char *kind, const char *id, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void qse_make_rid(char out[64], const char *realm, ...);
const char *qse_qbo_entity_of(const char *kind);

bool qse_owner_dead(qs_engine *eng, const char *owner);
/* This host's identity in claim owners: host name (or host_id) ~ boot id. */
void qse_host_identity(char *out, size_t size, const char *host_id);
/* Is the document a deletion ("deleted": true, recorded by qbo_delete())? */
bool qse_is_deleted(json_object *norm);
/* The hook spill file (qs_engine_spill.c): its path, appending one event,
 * replaying the kept events into the store (returns how many). */
void qse_spill_path(qs_engine *eng, const char *dir);
qs_status qse_spill_put(qs_engine *eng, const char *event, const char *ids, double at, qs_error *e);
long qse_spill_replay(qs_engine *eng);
/* qbo_push's document (normalised, validated) kept in the spill file while
 * the store's server is unreachable; replayed as qbo_push with
 * QS_PUSH_QUEUE_ONLY, unless the store has a newer version by then. */
qs_status qse_spill_push(qs_engine *eng, const char *kind, json_object *norm, int flags, double at, qs_error *e);
const char *qse_reason_name(qs_conn_reason r);
/* Saves the connection's status with its reason and message; a change to
 * Disconnected is logged and handed to the on_disconnect notifier. */
void qse_conn_status(qs_engine *eng, qs_conn_status status, qs_conn_reason reason, const char *message);

/* qs_engine_record.c: records a normalised document (borrowed), sending
 * nothing; *send (may be NULL): the delivery mode wants it delivered now. The
 * state as recorded goes to *view when view is not NULL, else to *state. */
qs_status qse_record_norm(qs_engine *eng, const char *kind, json_object *norm, int flags, bool *send,
	json_object **state, qs_state_view *view, qs_error *e);
/* The state object of (kind, id) as stored (*state a new object). */
qs_status qse_state_of(qs_engine *eng, const char *kind, const char *id, json_object **state, qs_error *e);
/* qs_engine_inline.c: records a normalised document (borrowed) and delivers
 * it per the delivery mode: qbo_push after validation (resend, delete). */
qs_status qse_push_norm(qs_engine *eng, const char *kind, json_object *norm, int flags,
	json_object **state, qs_error *e);
/* The same; with view, the state as recorded goes there unless the record is
 * sent during the call (qs_engine_push_view). */
qs_status qse_push_norm_view(qs_engine *eng, const char *kind, json_object *norm, int flags,
	json_object **state, qs_state_view *view, qs_error *e);
/* qse_deliver_one at the top of an inline delivery (a push, the deferred
 * drain): then the records it released, and those they release in turn, in
 * the order the one-record path always took (a loop, not a recursion). */
qs_status qse_deliver_top(qs_engine *eng, const char *kind, const char *id, bool *busy,
	qs_state *final_state, qs_error *e);
/* The state object of an entity (a new object): what a push answers with. */
json_object *qse_entity_json(const qs_entity *en);

/* qs_engine_delete.c: a deletion recorded by qbo_delete() ("deleted": true in
 * the stored document), delivered as deletes in QBO */
qs_status qse_delete(qs_engine *eng, const char *kind, const char *id, int push_flags, json_object **state, qs_error *e);
/* Payments recorded for invoice alone (applies_to that one invoice) that the
 * billing system no longer lists among the invoice's transactions (listed:
 * the payment ids it does list), nor, asked through io (may be NULL), among
 * the client's, are deleted (qse_delete with push_flags). */
qs_status qse_delete_missing_payments(qs_engine *eng, const qs_whmcs_io *io, const char *invoice,
	const char *const *listed, size_t n_listed, int push_flags, qs_error *e);
/* qs_engine_delete_qbo.c: a claimed record whose document says deleted is
 * deleted in QBO (with what qbosync made for it). */
qs_status qse_delete_record(qs_engine *eng, qs_entity *en, deliver_ctx *c, json_object *norm, qs_error *e);
/* A record without a QBO Id whose earlier version's create is uncertain
 * (create_rid kept): the record that create made is found by the keys it
 * carried, or the create is sent again under its requestid; en takes the QBO
 * Id and SyncToken. QS_OK with no QBO Id: no create was ever sent, or the
 * keys found nothing and QBO refused the create sent again (a Fault), so it
 * holds none. unsent_member: a member of the stored document the create leaves out. */
qs_status qse_settle_lost_create(qs_engine *eng, qs_entity *en, deliver_ctx *c, const char *unsent_member, qs_error *e);
/* Before a write-off's CreditMemo is updated to another amount: its own
 * application (the Payment of 0) is deleted, so the memo can change and be
 * applied again with the new amount (qs_engine_credit.c). */
qs_status qse_writeoff_unapply(qs_engine *eng, const qs_entity *en, json_object *norm, qs_error *e);

/* qs_engine_realm.c: the stored realm is left for another (inside the
 * caller's write transaction): links parked and restored, records queued */
qs_status qse_realm_switch(qs_engine *eng, const char *from, const char *to, qs_error *e);

/* qs_engine_account.c: accounts by purpose (income, deposit, refund, payout,
 * fee, expense). *row: the QBO Account (caller frees). check: QS_EVALIDATION
 * naming the account, its type and the fix when it cannot serve the purpose. */
bool qse_account_purpose_ok(const char *purpose);
qs_status qse_account_check(const char *purpose, const char *local_id, json_object *acct, qs_error *e);
qs_status qse_account_create(qs_engine *eng, const char *purpose, const char *local_id, const char *name,
	json_object **row, qs_error *e);
qs_status qse_account_auto(qs_engine *eng, const char *purpose, const char *local_id, const char *name,
	json_object **row, qs_error *e);
qs_status qse_account_same_as_payments(qs_engine *eng, const char *local_id, json_object **row, qs_error *e);
/* The expense account of items (non-US companies): mapped, else found or made. */
qs_status qse_expense_account(qs_engine *eng, char out[32], qs_error *e);
/* The account of purpose (mapped for "*", else any mapped, else qse_account_auto), remembered. */
qs_status qse_purpose_account(qs_engine *eng, const char *purpose, char out[32], qs_error *e);

/* qs_engine_qbo.c: tokens and QBO calls */
qs_status qse_api(qs_engine *eng, enum api_op op, const char *entity, json_object *body,
	const char *id, const char *token, const char *rid, const char *query, json_object **out, qs_error *e);
qs_status qse_customers_by_email(qs_engine *eng, const char *email, json_object **rows, qs_error *e);
bool qse_email_eq(const char *a, const char *b);
void qse_ensure_company(qs_engine *eng);

/* qs_engine_currency.c: a record in a foreign currency checked against the
 * company (multi-currency on, currency active, the customer's currency) and
 * given its ExchangeRate; a customer found in QBO in another currency refused */
qs_status qse_currency_prepare(qs_engine *eng, const qs_entity *en, json_object *norm, json_object *body, qs_error *e);
qs_status qse_currency_adopt(qs_engine *eng, const qs_entity *en, json_object *body, json_object *found, qs_error *e);
qs_status qse_ensure_token(qs_engine *eng, long long stale_version, qs_error *e);
qs_status qse_find_by(qs_engine *eng, const char *entity, const char *field, const char *value,
	bool inactive_too, json_object **rows, qs_error *e);
json_object *qse_first_row(json_object *rows);
qs_http *qse_http_get(qs_engine *eng, qs_error *e);
/* The engine's curl share (made when first needed; NULL when libcurl cannot make one). */
qs_http_share *qse_http_share(qs_engine *eng);
void qse_note_realm(qs_engine *eng, const qs_conn_row *row);

/* qs_engine_hook.c: hook events expanded through the fetch into pushes (queued) */
/* push_flags: QS_PUSH_QUEUE_ONLY for a sync pass (it delivers them), 0 for the deferred run */
qs_status qse_hooks_expand(qs_engine *eng, long limit, int push_flags, long *expanded, long *failed, qs_error *e);

/* qs_engine_record.c: whether the settings keep a normalised record out of QBO (reason filled) */
bool qse_skipped_by_settings(qs_engine *eng, const char *kind, json_object *norm, char *reason, size_t n);

/* qs_engine_start.c: a connected customer's start date */
/* The reason of a record Skipped by its customer's start date contains this. */
#define START_MARK "set when connecting customer "
/* Whether d is a calendar date "YYYY-MM-DD". */
bool qse_start_date_ok(const char *d);
/* Whether the start date of the record's customer (an invoice, payment,
 * refund or credit dated before it) keeps it out of QBO (reason filled, and
 * start, when not NULL, with that date). */
bool qse_skipped_by_customer_start(qs_engine *eng, const char *kind, json_object *norm, char *reason, size_t n,
	char start[11]);
/* qs_engine_map.c: after customer's start date changed: its records Skipped by a start date,
 * and those not yet in QBO that the date now keeps out, recorded again
 * (queued, or Skipped with the reason); records in QBO stay. */
qs_status qse_start_date_changed(qs_engine *eng, const char *customer, long *queued, long *skipped, qs_error *e);

/* qs_engine_worker.c: the company's worker lock */
/* Takes the lock when free, ours, or left by a dead or silent holder; *got false when a live worker holds it. */
qs_status qse_worker_take(qs_engine *eng, bool *got, qs_error *e);
/* Writes the heartbeat (at most once a second); true when the holder is asked to stop
 * (qbo_cancel), or lost the lock (qbo_unlock, a takeover). */
bool qse_worker_beat(qs_engine *eng);
void qse_worker_release(qs_engine *eng);
/* qbo_status()'s worker: {owner, host, pid, since, heartbeat, cancel, stale}, or NULL when free. */
json_object *qse_worker_json(qs_engine *eng, qs_error *e, qs_status *r);

/* qs_engine_history.c: the history push's steps (run by qs_engine_sync under the worker lock) */
bool qse_history_running(qs_engine *eng);
/* Counts the job's pending records that settled and, when read, reads one
 * page at its cursor (recorded as queued, or judged in a dry run); saves the job. */
qs_status qse_history_step(qs_engine *eng, bool read, qs_error *e);

/* One page of the billing system's records, for the history push and the
 * reconciliation: from the source callback (custom) or the WHMCS list walker
 * ("customer", "item", "invoice", "transaction") expanded by the event table.
 * emit gets every document (with a WHMCS record's dependencies), skip what
 * the adapter left out, outside a WHMCS list row dated out of [since, until]
 * (not read further), fail a record that could not be read or is not a
 * document. *read: the source records consumed (fewer than limit: the end). */
typedef struct qse_walk_io {
	qs_emit_fn emit;
	qs_skip_fn skip;
	void (*outside)(void *ud);
	void (*fail)(void *ud, const char *kind, const char *id, const char *message);
	void *ud;
} qse_walk_io;
qs_status qse_walk_page(qs_engine *eng, bool custom, const char *walker, long offset, long limit,
	const char *since, const char *until, const qse_walk_io *io, long *read, long *total, qs_error *e);

/* qs_engine_deliver.c: upsert and delivery */
qs_status qse_deliver_one(qs_engine *eng, const char *kind, const char *id, bool *busy,
	qs_state *final_state, qs_error *e);
qs_status qse_claim(qs_engine *eng, const char *kind, const char *id, qs_entity *en, bool *busy,
	qs_state *final_state, qs_error *e);
/* qse_claim for a wave: a record's first create gets the batch requestid
 * ("cb") in the same write. */
qs_status qse_claim_batch(qs_engine *eng, const char *kind, const char *id, qs_entity *en, bool *busy,
	qs_state *final_state, qs_error *e);
/* qs_engine_resolve.c: a record's QBO body, references resolved through c;
 * a customer's create gets its marker (qse_add_customer_marker). */
qs_status qse_map_body(qs_engine *eng, const qs_entity *en, deliver_ctx *c, json_object *norm,
	const char **entity, json_object **body, qs_error *e);
void qse_add_customer_marker(json_object *body, const char *id);
/* Inside the caller's write transaction, before en's document is replaced by
 * a new version while its create's outcome is unknown (create_rid set, no QBO
 * Id): keeps the natural keys that document's create carried, so that the
 * retry's guard also looks for the record it made by them (qs_engine_guard.c). */
qs_status qse_sent_keys_keep(qs_engine *eng, const qs_entity *en, qs_error *e);
/* The QBO record (entity) an earlier version's unanswered create of en made,
 * found by the keys kept for it and carrying en's marker; *found NULL when
 * none is found or the kind has no marker. */
qs_status qse_sent_find(qs_engine *eng, const qs_entity *en, const char *entity, json_object **found, qs_error *e);
/* The guards of qs_engine_guard.c, which the one-record path runs before a
 * create (each answers *adopt, the QBO record to link to, or NULL, and
 * *owner, whose record that is). Every record the engine writes carries the
 * marker "qbosync:<kind>:<id>" (PrivateNote on transactions, Notes on
 * customers); a QBO record linked in the store to another local record counts
 * as that record's too. Items carry no marker. */
typedef enum qbo_owner { QSE_OWNER_NONE, QSE_OWNER_SELF, QSE_OWNER_OTHER } qbo_owner;
/* The field a kind's marker goes in (PrivateNote, Notes), NULL for none. */
const char *qse_marker_field(qs_kind_id kind_id);
/* The local id the first qbosync marker of kind in QBO row's marker field
 * names ("qbosync:payment:p7 ..." -> "p7"); false when it carries none. */
bool qse_marker_local(json_object *row, const char *kind, char local[65]);
/* A customer by its DisplayName (or "DisplayName (id)"), then by its email. */
qs_status qse_customer_guard(qs_engine *eng, const char *id, json_object *norm, json_object *body,
	json_object **adopt, qbo_owner *owner, qs_error *e);
/* A transaction by its DocNumber (and customer). */
qs_status qse_docnumber_guard(qs_engine *eng, const qs_entity *en, const char *entity, json_object *body,
	json_object **adopt, qbo_owner *owner, qs_error *e);
/* A transaction's retry: its DocNumber, then its marker among its date's records. */
qs_status qse_txn_guard(qs_engine *eng, const qs_entity *en, const char *entity, json_object *body,
	bool rid_current, json_object **adopt, qbo_owner *owner, qs_error *e);
/* The keys kept for en's unanswered create (the entry of its current
 * requestid, NULL for none), each set looked for as the kind's guard looks,
 * and, once that create is settled, spent. */
qs_status qse_sent_keys_read(qs_engine *eng, const qs_entity *en, json_object **entry, qs_error *e);
qs_status qse_sent_guard(qs_engine *eng, const qs_entity *en, const char *entity, json_object *body, json_object *sent,
	bool every_date, json_object **adopt, qbo_owner *owner, qs_error *e);
void qse_sent_keys_spent(qs_engine *eng, const qs_entity *en);
qs_status qse_push_record(qs_engine *eng, qs_entity *en, deliver_ctx *c, const char **op, qs_error *e);
/* A claim that sent nothing (its record waits for a reference, or the
 * throttle refused it) was no attempt: cur, the current row, takes back the
 * counts the claim en added; a create requestid no attempt ever carried is
 * dropped. */
void qse_claim_unsent(const qs_entity *en, qs_entity *cur);
/* Puts en's outbox row (the caller writes it) in the queue afresh for its
 * current version, due at now: no owner, no wait, a fresh retry count. */
void qse_queue_afresh(qs_entity *en, double now);
/* qs_whmcs_io's recorded: whether the store holds a record of kind and id
 * (ud: the qs_engine); a store failure reads as not held. */
bool qse_whmcs_recorded(void *ud, const char *kind, const char *id);
qs_status qse_apply_outcome(qs_engine *eng, const qs_entity *en, qs_entity *cur, qs_status dr, const char *op,
	qs_error *de, const char *wait_kind, const char *wait_id, long long delivered_version, qse_released *rel,
	qs_error *e);
bool qse_usable_id(json_object *obj);

/* qs_engine_pull.c: reference data refreshed by qbo_sync() once a day (the
 * types read before whose cache is older); failures are logged, not returned. */
void qse_reference_daily(qs_engine *eng);
/* qs_engine_webhook.c: the pull work webhooks queued, done by qbo_sync(). */
qs_status qse_events_pull(qs_engine *eng, long limit, long *done, qs_error *e);
/* qs_engine_pull.c: one QBO record (row, borrowed) of kind as its canonical
 * document (a new object), linked on the way when link is true (*linked
 * counts new links). */
qs_status qse_pull_doc(qs_engine *eng, const char *kind, json_object *row, bool link, json_object **doc,
	long *linked, qs_error *e);

/* qs_engine_lease.c: the claims' owner and leases, the in-flight slot's hold */
/* Is the claim (owner, claimed at) stale at now? */
bool qse_claim_stale(qs_engine *eng, const char *owner, double claimed, double now);
/* Renews the leases of this engine's claims (and its worker lock and
 * in-flight slots) when the last renewal is a third of the lease old (at
 * most every 5 s); a time compare otherwise. Called between requests. */
void qse_claims_renew(qs_engine *eng);
/* A new top-level delivery (a sync, a deferred wave, a record delivered on
 * its own): its claims get a new generation of the owner, so claims an
 * earlier delivery of this process left behind (its outcome failed to save)
 * are no longer renewed and are taken over after the lease like any other.
 * Nothing inside a delivery (depth > 0, or within a sync). */
void qse_claims_begin(qs_engine *eng);
/* The owner written on this engine's claims now. */
const char *qse_claim_owner(const qs_engine *eng);
/* Seconds a slot of the in-flight cap is held at most. */
double qse_flight_hold(qs_engine *eng);

/* qs_engine_pace.c: the per-company request limiter */
/* *taken: the slot's stamp, the latest its request can end (0: no pacing,
 * or none taken); hand it to qse_pace_done when the request has ended. */
qs_status qse_pace(qs_engine *eng, bool batch, double *taken, qs_error *e);
/* One try: a slot taken (*wait 0) or the seconds until one may free (*wait > 0). */
qs_status qse_pace_try(qs_engine *eng, bool batch, double *wait, double *taken, qs_error *e);
/* The request of the slot stamped *taken has ended: the slot is stamped now (*taken = 0). */
void qse_pace_done(qs_engine *eng, double *taken);
/* The per-company cap on requests in flight. *slot is -1 when none is held:
 * one try takes one (*wait 0; *slot stays -1 when no cap applies) or says to
 * look again after *wait seconds; take waits for one; release gives it back
 * (no-op for -1) and sets -1. */
qs_status qse_flight_try(qs_engine *eng, long *slot, double *wait, qs_error *e);
qs_status qse_flight_take(qs_engine *eng, long *slot, qs_error *e);
void qse_flight_release(qs_engine *eng, long *slot);

/* qs_engine_wave.c: the pipeline (plan, send as /batch, apply in one transaction) */
typedef struct qse_wave_out {
	bool busy;                /* nothing sent: finished meanwhile or held by another live process */
	qs_status r;              /* the delivery's status */
	qs_state state;           /* the entity state afterwards; QS__STATE_COUNT when none was read */
	char wait_kind[16];       /* Waiting: the dependency it waits on (empty: it was queued again at once) */
	char wait_id[65];
	qs_error e;
} qse_wave_out;
/* Up to QSE_WAVES_MAX waves of one kind (one rank: none depends on another)
 * delivered together: records [0, per) are the first wave, [per, 2 per) the
 * next...; their /batch requests are in flight together (at most
 * QS_QBO_CONCURRENT), each wave applied in its own transaction. */
#define QSE_WAVES_MAX 20
qs_status qse_deliver_waves(qs_engine *eng, const char *const *kinds, const char *const *ids, size_t n,
	size_t per, qse_wave_out *out, qs_error *e);
bool qse_amount_is_zero(json_object *v);
void qse_take_ids(qs_entity *en, json_object *obj);
qs_status qse_income_account(qs_engine *eng, char out[32], qs_error *e);
qs_status qse_resolve(void *ud, const char *kind, const char *local_id, char qbo_id[32], qs_error *e);
/* qs_engine_resolve.c: reason without its leading "<Kind> <id>: " (quoted after that record's name). */
const char *qse_reason_body(const char *kind, const char *id, const char *reason);
/* Whether a record others depend on can be referred to: in QBO, not in Mismatch, and an invoice (or a record moving money
 * on one) with its latest version there. */
bool qse_dep_ready(const qs_entity *dep);
/* Whether records of kind k move money on an invoice in QBO: payments, credit
 * notes, write-offs. */
bool qse_moves_invoice_money(qs_kind_id k);
/* Whether a record other than (self_kind, self_id) that moves money on invoice
 * (its local id: a payment or credit note applied to it, a write-off of it)
 * has a newer version queued, being sent, or Waiting for a record that moves
 * no money (its invoice's latest version, a customer): QBO's
 * balance of the invoice is about to change, so a QBO verdict on it (already
 * paid, partly paid, an application above the balance, a total below what is
 * applied) waits for that record, named in kind and id. */
bool qse_money_pending_on(qs_engine *eng, const char *invoice, const char *self_kind, const char *self_id,
	char kind[16], char id[65]);
/* qs_engine_round.c: while a round of waves is applied, whether a record of
 * that round other than (self_kind, self_id) that moves money on invoice,
 * already in QBO before the round, had a change (a lower amount, a deletion)
 * reach QBO in it while or after self's own write was sent (the round's
 * /batch requests go together, then the one-record path one at a time): a
 * QBO verdict on self's write (an application above the open balance) may be
 * that order's; that record is named in kind and id. False outside a round. */
bool qse_round_landed_on(qs_engine *eng, const char *invoice, const char *self_kind, const char *self_id,
	char kind[16], char id[65]);
/* Whether a payment or credit note of customer (its local id) that leaves
 * credit unapplied by its document (Add Funds, an overpayment, a refund to the
 * credit balance) has a version on its way to QBO: queued, being sent, or
 * waiting for anything but a record that moves money; one refused (Error) or
 * set aside (Dismissed) is not. An invoice whose credit_applied QBO's open
 * credit does not cover waits for it, named in kind and id. */
bool qse_credit_pending_for(qs_engine *eng, const char *customer, char kind[16], char id[65]);
/* What a payment's or credit note's stored document d leaves as customer
 * cust's credit: its amount less what its applies_to apply (0 for a
 * deletion, or a document of another customer). */
qs_money qse_doc_unapplied(json_object *d, const char *cust);
/* The local invoices a money record's document applies to (a write-off's
 * invoice, a payment's or credit note's applies_to), borrowed from doc: at
 * most max of them in out; how many. */
#define QSE_DOC_INVOICES_MAX 256
size_t qse_doc_invoices(json_object *doc, const char **out, size_t max);
/* While the pipeline plans its waves and verifies QBO's answers, a reference
 * resolved once (a mapping, a record already in QBO) is answered from memory
 * for the other records of the round: those phases read the store and
 * deliver nothing. */
void qse_ref_memo_begin(qs_engine *eng);
void qse_ref_memo_end(qs_engine *eng);
/* The plan's mapping read of a record (kind, local_id; purpose NULL): while
 * the waves are planned (their reads in one snapshot, no mapping of a record
 * kind written), a company with no mapping of that kind at all answers
 * none without a read per record (asked once per kind). qse_ref_memo_plan_end
 * ends that, before anything is sent. */
qs_status qse_plan_map_get(qs_engine *eng, const char *kind, const char *local_id, qs_mapping *m, bool *found,
	qs_error *e);
void qse_ref_memo_plan_end(qs_engine *eng);
bool qse_retryable(qs_status r);
bool qse_throttled(qs_engine *eng);

/* qs_engine_verify.c: after a create/update/link, does QBO hold the document's
 * money? QS_OK; *op becomes "mismatch" (e->message the reason with both
 * figures) when it does not. A failed read-back is returned (the delivery is
 * then retried, never Synced unverified). resolve_ud: the deliver_ctx. */
/* qs_engine_credit.c: applies a credit note's applies_to / an invoice's
 * credit_applied in QBO (a zero Payment linking CreditMemo and Invoice). QS_OK
 * also when QBO refused it: note then says why (for the Mismatch reason). */
qs_status qse_apply_credits(qs_engine *eng, const qs_entity *en, json_object *norm, void *resolve_ud,
	char note[512], qs_error *e);
/* The stored document of the write-off id while it stands (not deleted), or NULL (caller frees). */
json_object *qse_writeoff_standing(qs_engine *eng, const char *id);
/* A write-off without a date (WHMCS keeps none) is dated: the standing one's
 * date (so the same write-off is not a new version every day), else today (UTC). */
void qse_writeoff_date(qs_engine *eng, json_object *norm);
/* The credit_applied of the local invoice QBO knows as qbo_invoice when it is
 * customer cust's (what a payment of cust may hold for it as credit drawn),
 * else -1. */
qs_status qse_credit_drawn_one(qs_engine *eng, const char *cust, const char *qbo_invoice, qs_money *allowed, qs_error *e);
/* What the Payments QBO links to invoice (its local id; qbo_invoice its QBO
 * record) apply to it by their billing documents, a Payment of 0 (credit
 * applied) counting 0 and the application of one of the store's write-offs
 * the amount it writes off; -1 when a link is another Payment none of the
 * store's, or one of the store's payments or write-offs not in QBO at its
 * latest version, named in pending_kind / pending when that version is on its
 * way (queued, sending or Waiting) (qs_verify_ctx.linked_paid). */
qs_status qse_linked_paid(qs_engine *eng, const char *invoice, json_object *qbo_invoice, qs_money *paid, char pending_kind[16],
	char pending[65], qs_error *e);
/* A payment's QBO lines linking invoices whose credit_applied (same customer)
 * was drawn from it: *drawn = {"<QBO Invoice Id>": credit_applied} or NULL. */
qs_status qse_credit_drawn(qs_engine *eng, const qs_entity *en, json_object *norm, json_object *qbo_pay,
	json_object **drawn, qs_error *e);
/* An update of a payment whose body replaces its lines keeps those of credit drawn. */
qs_status qse_keep_credit_lines(qs_engine *eng, const qs_entity *en, json_object *norm, json_object *body, qs_error *e);
/* qs_engine_fee.c: a created payment's fee as a Deposit (payment less fee, the
 * fee to the "fee" account). QS_OK also when it cannot be recorded: note says
 * why (the payment is then Mismatch). */
qs_status qse_record_fee(qs_engine *eng, const qs_entity *en, json_object *norm, const char *op,
	char note[512], qs_error *e);
/* The payment's fee Deposit in QBO (its marker, a line linking the payment),
 * among the Deposits of the payment's date; *dep NULL when there is none. */
qs_status qse_find_fee_deposit(qs_engine *eng, const qs_entity *en, json_object *norm, json_object **dep, qs_error *e);
/* answer: QBO's answer holding the record as saved (a batch item's entity),
 * or NULL to read it back. norm: en's document already parsed (borrowed), or
 * NULL to parse en->doc. */
qs_status qse_verify_delivery(qs_engine *eng, const qs_entity *en, json_object *norm, void *resolve_ud,
	json_object *answer, const char **op, qs_error *e);

#endif
