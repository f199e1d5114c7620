/* qs_store: the store interface the engine uses: the connection row with
 * sealed tokens, OAuth states, entity states and the outbox, mappings, the
 * refresh lock and the delivery log. Each function dispatches to the backend
 * that opened the store (qs_store_driver.h: SQLite in qs_store_sqlite.c);
 * only the backends hold SQL text. The closed sets of names the store keeps
 * as text (sync states, outbox, event and connection statuses, the history job's state)
 * are enums here (qs_state.h); a read that finds a stored name that is none
 * of its set's fails with QS_ESTORE naming the row and the value
 * (qs_name_unknown). */
#ifndef QS_STORE_H
#define QS_STORE_H

#include "qs_error.h"
#include "qs_kind.h"
#include "qs_state.h"

/* Version of the schema the SQLite backend writes (PRAGMA user_version). */
#define QS_STORE_SCHEMA 13

typedef struct qs_store qs_store;

/* What a committed event survives (INI qbosync.durability). */
typedef enum qs_durability {
	QS_DURABLE_PROCESS = 0, /* a crash of the process (SQLite WAL, synchronous=NORMAL): the default */
	QS_DURABLE_POWER        /* a power cut too (synchronous=FULL: an fsync per commit) */
} qs_durability;

/* Opens (creating if needed) the store: WAL, busy_timeout, foreign keys;
 * creates or migrates the schema. Failure is QS_ESTORE naming the path. The
 * WAL is not checkpointed by the commits of the hook path (only when it has
 * grown past a hard limit): whoever delivers calls qs_store_checkpoint(). */
qs_store *qs_store_open(const char *path, qs_durability durability, qs_error *e);
/* Opens the store a name selects: a path (or sqlite:path) is a SQLite file;
 * mysql://user@host:port/database?prefix=qbosync_ (or mariadb://; socket=,
 * tls=verify, ssl_ca= ...) a MariaDB/MySQL database (qs_store_mysql.c), with
 * password (may be NULL), which never appears in the name or a message. */
qs_store *qs_store_open_with(const char *name, const char *password, qs_durability durability, qs_error *e);
/* Was the store's server unreachable at its last attempt (MariaDB/MySQL
 * only: the handle reconnects by itself when it is back)? */
bool qs_store_offline(const qs_store *s);
/* Was the store's connection lost at its last failure (MariaDB/MySQL only:
 * the transaction it carried is gone whole, and the next call reconnects)? */
bool qs_store_lost(const qs_store *s);
/* Does the name select the MariaDB/MySQL backend? */
bool qs_store_is_mysql(const char *name);
/* The name of the backend that opened s: "sqlite" or "mysql". */
const char *qs_store_backend(const qs_store *s);
void qs_store_close(qs_store *s);

/* Copies what the WAL holds into the database without waiting for readers
 * (a passive checkpoint), so the hook path's commits stay small. Called by
 * the deliverer after its work; failure is ignored. */
void qs_store_checkpoint(qs_store *s);
/* Has a commit found the WAL past its safety limit (SQLite: 8,192 pages)?
 * Then the end of the request checkpoints, after its response (the hook path
 * never waits for it); qs_store_checkpoint clears it. */
bool qs_store_checkpoint_due(const qs_store *s);

/* Transactions. immediate=true takes the write lock at once (BEGIN IMMEDIATE);
 * waits up to the busy timeout. */
qs_status qs_store_begin(qs_store *s, bool immediate, qs_error *e);
qs_status qs_store_commit(qs_store *s, qs_error *e);
void qs_store_rollback(qs_store *s);
/* A read snapshot for a run of reads outside any transaction (a delivery
 * wave's plan), so they do not each take and release the store's read lock.
 * Any write, transaction or checkpoint the caller starts meanwhile ends it
 * first, so nothing waits on it and writes commit as they would without it;
 * read_end ends it if still open. SQLite: BEGIN (deferred) and its COMMIT;
 * MariaDB/MySQL: nothing (its reads take no file lock). Failure is ignored:
 * the reads then run on their own. */
void qs_store_read_begin(qs_store *s);
void qs_store_read_end(qs_store *s);

/* Wall clock as unix seconds with microseconds. */
double qs_store_now(void);

/* ---- connection row (one per connection key) ---- */
typedef struct qs_conn_row {
	bool exists;
	char realm[64];
	qs_conn_status status;     /* the store keeps its name (qs_conn_name) */
	char message[512];
	unsigned char *access;     /* sealed blob (qs_seal), malloc'd, may be NULL */
	size_t access_len;
	unsigned char *refresh;    /* sealed blob, malloc'd, may be NULL */
	size_t refresh_len;
	double access_expires;     /* unix time */
	double refresh_expires;
	long long token_version;   /* bumped by every token write (compare-and-set) */
	char refresh_owner[96];    /* holder of the refresh lock, "" when free */
	double refresh_until;      /* the lock lapses after this time */
	double last_sync;          /* 0 = never */
	char home_currency[8];
	char country[8];
	double throttled_until;    /* QBO said 429: nobody sends to it before this time */
	double refresh_sent;       /* a refresh was sent at this time and its answer is not
	                              known yet (lost, or its process died); 0 = none */
	char reason[48];           /* why status is not Active: a qs_conn_reason name, or "" */
} qs_conn_row;

void qs_conn_row_clear(qs_conn_row *r);   /* wipes and frees the blobs */

/* Creates the row (status "Not Connected") when missing. */
qs_status qs_store_conn_ensure(qs_store *s, const char *key, qs_error *e);
qs_status qs_store_conn_get(qs_store *s, const char *key, qs_conn_row *out, qs_error *e);
/* reason and message may be NULL. */
qs_status qs_store_conn_set_status(qs_store *s, const char *key, qs_conn_status status,
	const char *reason, const char *message, qs_error *e);
qs_status qs_store_conn_set_company(qs_store *s, const char *key, const char *home_currency,
	const char *country, qs_error *e);
qs_status qs_store_conn_set_last_sync(qs_store *s, const char *key, double at, qs_error *e);
/* Raises throttled_until to until; a stored value beyond ceiling (written
 * before back-off was capped) is forgotten first. */
qs_status qs_store_conn_set_throttle(qs_store *s, const char *key, double until, double ceiling, qs_error *e);

/* Writes both sealed tokens, bumps token_version and frees the refresh lock.
 * expect_version >= 0 makes it a compare-and-set: *swapped is false (and nothing
 * changes) when the stored version differs. realm may be NULL (kept). status
 * becomes "Active" with an empty message. */
qs_status qs_store_tokens_put(qs_store *s, const char *key, const char *realm,
	const unsigned char *access, size_t access_len, double access_expires,
	const unsigned char *refresh, size_t refresh_len, double refresh_expires,
	long long expect_version, bool *swapped, qs_error *e);
/* Forgets both tokens (bumps token_version). */
qs_status qs_store_tokens_clear(qs_store *s, const char *key, qs_error *e);

/* The refresh lock row (call inside BEGIN IMMEDIATE): taken when free, lapsed,
 * already ours, or held by dead_owner (a holder found dead; may be NULL).
 * *got tells whether we hold it now. */
qs_status qs_store_refresh_lock(qs_store *s, const char *key, const char *owner, double until,
	double now, const char *dead_owner, bool *got, qs_error *e);
/* Notes that a refresh is being sent (at > 0) or that its answer was read
 * (at 0): a refresh_sent left set means an answer that may have rotated the
 * refresh token never reached the store. */
qs_status qs_store_refresh_sent(qs_store *s, const char *key, double at, qs_error *e);
qs_status qs_store_refresh_unlock(qs_store *s, const char *key, const char *owner, qs_error *e);

/* ---- OAuth states ---- */
qs_status qs_store_state_put(qs_store *s, const char *key, const char *state, double expires, qs_error *e);
/* Deletes the state; *valid when it existed for this key and had not expired. */
qs_status qs_store_state_take(qs_store *s, const char *key, const char *state, double now,
	bool *valid, qs_error *e);

/* ---- entities and the outbox ---- */
typedef struct qs_entity {
	bool exists;
	char kind[16];
	qs_kind_id kind_id;        /* kind's enum, set with kind by every read of the store */
	char id[65];
	qs_state state;            /* the store keeps its name (qs_state_name) */
	char reason[1024];
	char qbo_id[32];
	char sync_token[32];
	long long version;         /* bumped by every recorded change */
	long long synced_version;  /* version last delivered (0 = none) */
	char hash[65];             /* SHA-256 of the document as earlier versions recorded it; "" from
	                              qbo_push now (the stored document itself is compared) */
	char *doc;                 /* normalised document JSON, malloc'd */
	long attempts;
	double last_attempt;
	double updated;
	char create_rid[64];       /* requestid of the pending create, kept until it is settled */
	/* outbox row (q_status QS_OUTBOX_NONE when nothing is pending) */
	qs_outbox_status q_status; /* the store keeps its name (qs_outbox_name) */
	long long q_version;
	double next_try;
	char owner[96];
	double claimed;
	char wait_kind[16];
	char wait_id[65];
	long q_attempts;
	/* the backend's handles of the entity and outbox rows this copy was
	 * read from (0: none; SQLite: their rowids): a write of the same record
	 * in the same transaction finds its row by them, checked against the key */
	long long row_id, q_row_id;
	/* the indexed columns as that read found them: an outcome that leaves
	 * both as they were rewrites none of their index entries */
	qs_state row_state;
	char row_qbo_id[32];
} qs_entity;

void qs_entity_clear(qs_entity *en);   /* frees doc, zeroes the rest */

qs_status qs_store_entity_get(qs_store *s, const char *key, const char *kind, const char *id,
	qs_entity *out, qs_error *e);
/* The current row of the record was (its kind and id) was read from, as
 * entity_get, inside a later transaction: a backend may find it by was's row
 * handles (was and out distinct). */
qs_status qs_store_entity_reread(qs_store *s, const char *key, const qs_entity *was, qs_entity *out, qs_error *e);
/* A mark of the store's entity and outbox rows, taken inside a write
 * transaction: a mark taken in a later write transaction is equal only when
 * no entity or outbox row has been written since, through this handle or any
 * other (another process, another connection), so a copy of a record read or
 * written in the first transaction is still its row. mark[0] 0: the backend
 * cannot tell (MariaDB/MySQL), and no two marks are taken as equal. */
void qs_store_rows_mark(qs_store *s, long long mark[2]);
/* What a record referred to tells the records that depend on it: out->exists,
 * state, reason, qbo_id, version, synced_version, for a Waiting record its
 * outbox row's wait_kind and, for a record without a QBO Id, q_status (its
 * outbox row's; with an Id a backend may leave it QS_OUTBOX_NONE), the rest as
 * qs_entity_clear leaves it (no doc). Lighter than entity_get. */
qs_status qs_store_entity_ref(qs_store *s, const char *key, const char *kind, const char *id,
	qs_entity *out, qs_error *e);
/* The local id of the entity of kind already linked to qbo_id; *found false when none. */
qs_status qs_store_entity_by_qbo(qs_store *s, const char *key, const char *kind, const char *qbo_id,
	char local_id[65], bool *found, qs_error *e);
/* Writes the entity columns (insert or update) from en. */
qs_status qs_store_entity_put(qs_store *s, const char *key, const qs_entity *en, qs_error *e);
/* Writes the outbox row from en (q_status QS_OUTBOX_NONE deletes it). */
qs_status qs_store_outbox_put(qs_store *s, const char *key, const qs_entity *en, qs_error *e);
/* Writes what a claim changes of an entity and its outbox row, both of which
 * exist (read by qs_store_outbox_lock in the caller's write transaction): the
 * entity's attempts, last attempt and pending requestid, the outbox row's
 * status, owner, claim time and attempts. Narrower than entity_put and
 * outbox_put, which it does instead when a row was not there. */
qs_status qs_store_entity_claim(qs_store *s, const char *key, const qs_entity *en, qs_error *e);
/* Writes what a delivery's outcome changes of an entity read in the caller's
 * write transaction: state, reason, QBO Id and SyncToken, synced version,
 * attempts, last attempt, updated and pending requestid; the document, its
 * version and hash stay as read. Narrower than entity_put, which it does
 * instead when the row was not there. */
qs_status qs_store_entity_outcome(qs_store *s, const char *key, const qs_entity *en, qs_error *e);

/* Calls cb for every outbox row that is due (queued/waiting with next_try <= now,
 * and every 'sending' one so the caller can judge staleness), in dependency order
 * (customer, item, invoice, payment, refund, credit) then age. At most limit (0 = all). */
typedef void (*qs_outbox_cb)(void *ud, const char *kind, const char *id, qs_outbox_status q_status,
	const char *owner, double claimed);
qs_status qs_store_outbox_due(qs_store *s, const char *key, double now, long limit,
	qs_outbox_cb cb, void *ud, qs_error *e);
/* Rows waiting on (kind, id) become queued and due now; *n = how many. cb (may
 * be NULL) is called for each released row first. */
qs_status qs_store_outbox_release(qs_store *s, const char *key, const char *kind, const char *id,
	double now, qs_outbox_cb cb, void *ud, long *n, qs_error *e);
/* A claim's read (call inside a write transaction): reads (kind, id) as
 * qs_store_entity_get does and locks its rows for this transaction, never
 * waiting for them: *held (and nothing read, out->exists false) when another
 * transaction holds them now (another process claiming, recording or
 * finishing the record), which a claim treats as busy. MariaDB/MySQL: FOR
 * UPDATE SKIP LOCKED; SQLite's write transaction excludes every other one,
 * so *held is always false there. */
qs_status qs_store_outbox_lock(qs_store *s, const char *key, const char *kind, const char *id,
	qs_entity *out, bool *held, qs_error *e);
/* A live process's lease renewal, outside the caller's transactions (SQLite:
 * one write transaction; MariaDB/MySQL: three autocommit updates): every
 * outbox row claimed by claim_owner (status sending) gets claimed = now, the
 * worker-lock row of owner heartbeat = now, and owner's slots of the
 * in-flight cap are held at least until flight_until; *n = the claims
 * renewed. A claim is taken over only when its owner stopped renewing it. */
qs_status qs_store_claims_renew(qs_store *s, const char *key, const char *owner, const char *claim_owner, double now,
	double flight_until, long *n, qs_error *e);
/* Number of outbox rows. */
qs_status qs_store_outbox_count(qs_store *s, const char *key, long *n, qs_error *e);

/* Entity state counts: cb(ud, state, n); a stored state that is none of
 * qs_state's stops them with QS_ESTORE. */
typedef void (*qs_count_cb)(void *ud, qs_state state, long n);
qs_status qs_store_entity_counts(qs_store *s, const char *key, qs_count_cb cb, void *ud, qs_error *e);
/* The entities matching the filters (NULL = any), ordered by kind then id:
 * at most limit of them (0 = all) after skipping offset. */
typedef void (*qs_entity_cb)(void *ud, const qs_entity *en);
qs_status qs_store_entity_list(qs_store *s, const char *key, const char *kind, const char *state,
	const char *id, long limit, long offset, qs_entity_cb cb, void *ud, qs_error *e);
/* How many entities match the same filters. */
qs_status qs_store_entity_total(qs_store *s, const char *key, const char *kind, const char *state,
	const char *id, long *n, qs_error *e);

/* ---- mappings ---- */
typedef struct qs_mapping {
	char kind[24];             /* customer, item, tax, payment_method, account, term, currency */
	char local_id[65];
	char qbo_id[32];
	char name[512];
	char purpose[16];          /* accounts: income, deposit, refund; else "" */
	double created;
	char start_date[11];       /* customers: "YYYY-MM-DD" before which its financial records are Skipped; "" = none (read only: set by qs_store_map_start) */
} qs_mapping;

/* Exact (kind, local_id[, purpose]); *found false when none. purpose may be NULL/"" */
qs_status qs_store_map_get(qs_store *s, const char *key, const char *kind, const char *local_id,
	const char *purpose, qs_mapping *out, bool *found, qs_error *e);
/* Any mapping of kind with that purpose (the oldest), for defaults. */
qs_status qs_store_map_any(qs_store *s, const char *key, const char *kind, const char *purpose,
	qs_mapping *out, bool *found, qs_error *e);
qs_status qs_store_map_put(qs_store *s, const char *key, const qs_mapping *m, qs_error *e);
qs_status qs_store_map_del(qs_store *s, const char *key, const char *kind, const char *local_id,
	bool *removed, qs_error *e);
/* Sets the start date ("YYYY-MM-DD") of the mapping (kind, local_id) without
 * a purpose, or clears it (start_date NULL or ""); qs_store_map_put keeps it.
 * *found false when there is no such mapping. */
qs_status qs_store_map_start(qs_store *s, const char *key, const char *kind, const char *local_id,
	const char *start_date, bool *found, qs_error *e);
typedef void (*qs_mapping_cb)(void *ud, const qs_mapping *m);
qs_status qs_store_map_list(qs_store *s, const char *key, const char *kind,
	qs_mapping_cb cb, void *ud, qs_error *e);

/* ---- reconnection to another company ---- */
/* Inside the caller's write transaction: the QBO links of realm from (every
 * entity's QBO Id, SyncToken, state and reason; every mapping) are parked
 * under from and cleared (entities keep their documents and versions), and
 * those parked for realm to (an earlier connection to it) are restored. */
qs_status qs_store_realm_switch(qs_store *s, const char *key, const char *from, const char *to, qs_error *e);

/* ---- log ---- */
/* level: "info", "warn", "error". Never given secrets. Failure is ignored. */
void qs_store_log(qs_store *s, const char *key, const char *level, const char *kind,
	const char *id, const char *message);

/* Newest log rows first (at most limit, 0 = 100); kind/id filters may be NULL. */
typedef void (*qs_log_cb)(void *ud, double at, const char *level, const char *kind,
	const char *id, const char *message);
qs_status qs_store_log_list(qs_store *s, const char *key, const char *kind, const char *id,
	long limit, qs_log_cb cb, void *ud, qs_error *e);

/* One row of the log: a decision of the engine (method NULL) or one QBO
 * exchange (an API request, a query, a /batch, an OAuth token call). Every
 * text is borrowed; bodies are already scrubbed of secrets (qs_http_log.c). */
typedef struct qs_log_row {
	long long seq;             /* read: the row's number (newer rows higher) */
	double at;                 /* unix time (0 when written: now) */
	const char *level;         /* "info", "warn", "error" */
	const char *kind, *id;     /* the record, or NULL */
	const char *message;
	const char *method;        /* an exchange: "GET", "POST"; NULL for a decision */
	const char *path;          /* path and query, no secret */
	long status;               /* HTTP status, 0 when no answer */
	const char *code;          /* QBO fault code(s) ("6240", "6240,2500"; OAuth's error), or NULL */
	const char *intuit_tid;    /* QBO's intuit_tid, or NULL */
	double ms;                 /* time taken */
	const char *records;       /* a /batch: the records it carried ("customer 5, invoice 12"), or NULL */
	const char *request;       /* scrubbed bodies, or NULL when not kept */
	const char *response;
} qs_log_row;

/* Writes one row (an exchange or a decision). Failure is ignored. */
void qs_store_log_put(qs_store *s, const char *key, const qs_log_row *row);

/* Which rows qs_store_log_find reads: each field NULL / 0 = any. */
typedef enum qs_log_type { QS_LOG_ANY = 0, QS_LOG_EXCHANGES, QS_LOG_DECISIONS } qs_log_type;
typedef struct qs_log_filter {
	int min_level;             /* 0 info and above, 1 warn and error, 2 error */
	const char *kind, *id;     /* the record (a /batch's row names its records in records, not here) */
	const char *code;          /* one QBO fault code among the row's */
	const char *intuit_tid;
	double since, until;       /* at >= since, at < until (0: open) */
	qs_log_type type;
	long limit;                /* 0 = 100 */
	long offset;
} qs_log_filter;
typedef void (*qs_log_row_cb)(void *ud, const qs_log_row *row);
/* Newest first (by time, then seq), through an index for each filter (no
 * scan of the whole log). */
qs_status qs_store_log_find(qs_store *s, const char *key, const qs_log_filter *f, qs_log_row_cb cb, void *ud, qs_error *e);

/* Retention: removes at most batch rows of key older than before (unix
 * time) and, when max_rows > 0, rows of the whole store older than its
 * newest max_rows; *removed counts them. Its own statements (autocommit). */
qs_status qs_store_log_prune(qs_store *s, const char *key, double before, long max_rows, long batch,
	long *removed, qs_error *e);

/* ---- hook events (qbo_hook in worker/deferred mode) ---- */
/* Records a billing-platform event and the ids it names (ids: JSON text). */
qs_status qs_store_hook_put(qs_store *s, const char *key, const char *event, const char *ids, double now, qs_error *e);
/* Pending events after seq `after`, oldest first, at most limit (0 = all). */
typedef void (*qs_hook_cb)(void *ud, long long seq, const char *event, const char *ids, long attempts);
qs_status qs_store_hook_due(qs_store *s, const char *key, long long after, long limit, qs_hook_cb cb, void *ud, qs_error *e);
/* Removes an event once it has been expanded into pushes. */
qs_status qs_store_hook_del(qs_store *s, const char *key, long long seq, qs_error *e);
/* Counts a failed expansion; final marks it 'error' (kept, no longer retried). */
qs_status qs_store_hook_fail(qs_store *s, const char *key, long long seq, bool final, const char *message, qs_error *e);
qs_status qs_store_hook_count(qs_store *s, const char *key, long *pending, long *errors, qs_error *e);

/* ---- named values per connection (the pull watermark, reference caches) ---- */
/* *value: malloc'd text, NULL when unset; *at: when it was written (0 when unset). */
qs_status qs_store_meta_get(qs_store *s, const char *key, const char *name, char **value, double *at, qs_error *e);
qs_status qs_store_meta_put(qs_store *s, const char *key, const char *name, const char *value, double at, qs_error *e);

/* ---- QBO-side changes (webhook notifications), the pull work they become ---- */
typedef struct qs_qbo_event {
	long long id;
	char realm[64];
	char entity[32];           /* QBO entity name: "Payment", "Invoice" */
	char qbo_id[32];
	char operation[16];        /* Create, Update, Delete, Merge, Void, Emailed */
	char at[40];               /* QBO's time of the change (ISO 8601) */
	qs_event_status status;    /* the store keeps its name (qs_event_name) */
	char local_kind[16];       /* the billing record it is about, once known ("" none) */
	char local_id[65];
	const char *doc;           /* the pulled canonical document (JSON), or NULL; borrowed */
	const char *message;       /* why it failed, or NULL; borrowed */
	double created;
} qs_qbo_event;
/* Records ev unless an event with the same dedupe text exists: *inserted tells. */
qs_status qs_store_event_put(qs_store *s, const char *key, const qs_qbo_event *ev, const char *dedupe,
	bool *inserted, qs_error *e);
/* pending_only: the pending ones oldest first (at most limit); otherwise every
 * event with id > since_id (entity: NULL = any) newest first, at most limit. */
typedef void (*qs_event_cb)(void *ud, const qs_qbo_event *ev);
qs_status qs_store_event_list(qs_store *s, const char *key, long long since_id, long limit, const char *entity,
	bool pending_only, qs_event_cb cb, void *ud, qs_error *e);
/* Sets an event's status, local record, document and message (from ev, by ev->id). */
qs_status qs_store_event_done(qs_store *s, const char *key, const qs_qbo_event *ev, qs_error *e);

/* ---- the worker lock (one row per company: who runs its long work now) ---- */
typedef struct qs_worker_row {
	bool exists;
	char owner[96];            /* "pid@host#nonce" of the holder */
	char host[64];
	long pid;
	double since;              /* when it was taken */
	double heartbeat;          /* the holder's last sign of life */
	bool cancel;               /* the holder is asked to stop at its next step */
} qs_worker_row;

qs_status qs_store_worker_get(qs_store *s, const char *key, qs_worker_row *out, qs_error *e);
/* Writes the lock row (replacing any); call inside BEGIN IMMEDIATE after
 * reading it, so the compare and the write are one. */
qs_status qs_store_worker_put(qs_store *s, const char *key, const qs_worker_row *w, qs_error *e);
/* Removes the lock row when owner holds it (owner NULL: whoever does); *removed. */
qs_status qs_store_worker_del(qs_store *s, const char *key, const char *owner, bool *removed, qs_error *e);

/* ---- the history push job (one row per company: the latest job) ---- */
typedef struct qs_history_row {
	bool exists;
	long long id;              /* 1, 2, ...: a new job takes the next id */
	qs_history_state state;    /* the store keeps its name (qs_history_name); NONE when !exists */
	char *job;                 /* the job as JSON text (options, cursor, counts, pending, report), malloc'd */
	double started;
	double updated;
} qs_history_row;

void qs_history_row_clear(qs_history_row *h);   /* frees job, zeroes the rest */
qs_status qs_store_history_get(qs_store *s, const char *key, qs_history_row *out, qs_error *e);
/* Writes the job row (replacing the company's previous one). */
qs_status qs_store_history_put(qs_store *s, const char *key, const qs_history_row *h, qs_error *e);

/* SQLite library version text. */
const char *qs_store_sqlite_version(void);
/* Once at module start-up, before SQLite is used (single-threaded): SQLite's
 * memory statistics off, so that its allocations take no global mutex (no
 * caller reads them; when SQLite was started already it keeps its settings). */
void qs_sqlite_startup(void);
/* MariaDB client library version text. */
const char *qs_store_mysql_version(void);

/* ---- the per-company request limiter (shared by every process using the store) ---- */

/* Takes a slot for one QBO request of company key at now, in its own write
 * transaction: at most per_window requests, of them at most batch_per_window
 * /batch requests, in any window seconds. The slot is stamped at `until`
 * (>= now: the latest its request can end, from its transfer timeouts), in
 * the same statement that records it: QBO counts a request when it arrives,
 * which may be that late, so a slot counts from now while its request is in
 * flight and for one window after its stamp (a slot whose stamp is still to
 * come frees one window after now at the earliest, which is what *wait
 * reckons with). *wait > 0: no slot now, try again after that many seconds
 * (nothing recorded). */
qs_status qs_store_rate_take(qs_store *s, const char *key, double now, double until, double window,
	long per_window, long batch_per_window, bool batch, double *wait, qs_error *e);

/* A request whose slot was stamped at `taken` (rate_take's until) has ended
 * at now: its slot is stamped now instead and counts for one window from
 * then (QBO counted the request on arrival, at the latest now). */
qs_status qs_store_rate_done(qs_store *s, const char *key, double taken, double now, qs_error *e);

/* The per-company cap on requests in flight (shared by every process using
 * the store): takes one of slots 0..cap-1 for owner until `until` (a holder
 * that never releases, e.g. a killed process, loses it then), in its own
 * write transaction. *slot = -1: all cap are held now, nothing recorded. */
qs_status qs_store_flight_take(qs_store *s, const char *key, const char *owner, double now, double until,
	long cap, long *slot, qs_error *e);
/* Gives back slot of owner (nothing when it is no longer held by owner). */
qs_status qs_store_flight_release(qs_store *s, const char *key, const char *owner, long slot, qs_error *e);

#endif

