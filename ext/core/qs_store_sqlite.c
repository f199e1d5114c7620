/* qs_store_sqlite: the SQLite backend of the store (qs_store_driver.h): the
 * schema and its migrations, cached prepared statements, and the row-level
 * operations the engine needs, in WAL mode. */
#include "qs_store_driver.h"
#include "qs_store_sqlite_vfs.h"
#include "qs_crypto.h"
#include "qs_kind.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

enum {
	S_CONN_ENSURE, S_CONN_GET, S_CONN_STATUS, S_CONN_COMPANY, S_CONN_LAST_SYNC, S_CONN_THROTTLE,
	S_TOKENS_PUT_ANY, S_TOKENS_PUT_CAS, S_TOKENS_CLEAR, S_LOCK_TAKE, S_LOCK_FREE, S_REFRESH_SENT,
	S_STATE_PUT, S_STATE_DEL, S_STATE_GC,
	S_ENT_GET, S_ENT_PUT, S_ENT_CLAIM, S_OB_CLAIM, S_OB_PUT, S_OB_DEL, S_OB_DUE, S_OB_WAITERS, S_OB_ANY_WAITER, S_OB_ANY_WAIT, S_OB_RELEASE, S_OB_COUNT,
	S_ENT_COUNTS, S_ENT_BY_QBO,
	/* a reference's light read, a delivery's outcome */
	S_ENT_REF, S_ENT_OUTCOME,
	/* the claim's and the outcome's writes by the rowids their read returned */
	S_ENT_CLAIM_ROW, S_ENT_OUTCOME_ROW, S_OB_CLAIM_ROW, S_ENT_REREAD, S_ENT_OUTCOME_SAME, S_ENT_GET_SEQ,
	/* entity listing and its total, one statement per set of filters (kind 1, state 2,
	 * id 4), so SQLite uses the (conn, state) index and the primary key */
	S_ENT_LIST, S_ENT_LIST_1, S_ENT_LIST_2, S_ENT_LIST_3, S_ENT_LIST_4, S_ENT_LIST_5, S_ENT_LIST_6, S_ENT_LIST_7,
	S_ENT_TOTAL, S_ENT_TOTAL_1, S_ENT_TOTAL_2, S_ENT_TOTAL_3, S_ENT_TOTAL_4, S_ENT_TOTAL_5, S_ENT_TOTAL_6, S_ENT_TOTAL_7,
	S_MAP_GET, S_MAP_ANY, S_MAP_PUT, S_MAP_DEL, S_MAP_LIST_ALL, S_MAP_LIST_KIND, S_MAP_START,
	S_LOG, S_LOG_LIST,
	/* the exchange log: a row, the listing by each filter's index, retention */
	S_LOG_PUT, S_LOG_FIND_ALL, S_LOG_FIND_EXCH, S_LOG_FIND_REC, S_LOG_FIND_TID, S_LOG_FIND_CODE, S_LOG_FIND_WARN,
	S_LOG_PRUNE_AGE, S_LOG_PRUNE_ROWS,
	S_HOOK_PUT, S_HOOK_DUE, S_HOOK_DEL, S_HOOK_FAIL, S_HOOK_COUNT,
	S_BEGIN, S_BEGIN_IMM, S_COMMIT, S_ROLLBACK, S_DATA_VERSION,
	S_RATE_PRUNE, S_RATE_COUNT, S_RATE_ADD,
	S_META_GET, S_META_UPD, S_META_INS,
	S_EV_SEEN, S_EV_PUT, S_EV_PENDING, S_EV_LIST, S_EV_DONE,
	S_WORKER_GET, S_WORKER_DEL_ANY, S_WORKER_DEL_OWNER, S_WORKER_ADD,
	S_HIST_GET, S_HIST_DEL, S_HIST_ADD,
	S_RATE_DONE, S_FLIGHT_PRUNE, S_FLIGHT_HELD, S_FLIGHT_ADD, S_FLIGHT_DEL,
	S_RENEW_CLAIMS, S_RENEW_WORKER, S_RENEW_FLIGHT,
	S__COUNT
};

static const char *const sql_text[S__COUNT] = {
	[S_CONN_ENSURE] = "INSERT OR IGNORE INTO conn(key, status) VALUES(?1, 'Not Connected')",
	[S_CONN_GET] = "SELECT realm, status, message, access, refresh, access_expires, refresh_expires,"
		" token_version, refresh_owner, refresh_until, last_sync, home_currency, country, throttled_until,"
		" refresh_sent, reason FROM conn WHERE key = ?1",
	[S_CONN_STATUS] = "UPDATE conn SET status = ?2, message = ?3, reason = ?4 WHERE key = ?1",
	[S_CONN_COMPANY] = "UPDATE conn SET home_currency = ?2, country = ?3 WHERE key = ?1",
	[S_CONN_LAST_SYNC] = "UPDATE conn SET last_sync = ?2 WHERE key = ?1",
	[S_CONN_THROTTLE] = "UPDATE conn SET throttled_until ="
		" max(CASE WHEN throttled_until > ?3 THEN 0 ELSE throttled_until END, ?2) WHERE key = ?1",
	[S_TOKENS_PUT_ANY] = "UPDATE conn SET realm = coalesce(?2, realm), access = ?3, access_expires = ?4,"
		" refresh = ?5, refresh_expires = ?6, token_version = token_version + 1,"
		" refresh_owner = NULL, refresh_until = 0, refresh_sent = 0, status = 'Active', message = NULL,"
		" reason = NULL WHERE key = ?1",
	[S_TOKENS_PUT_CAS] = "UPDATE conn SET realm = coalesce(?2, realm), access = ?3, access_expires = ?4,"
		" refresh = ?5, refresh_expires = ?6, token_version = token_version + 1,"
		" refresh_owner = NULL, refresh_until = 0, refresh_sent = 0, status = 'Active', message = NULL,"
		" reason = NULL WHERE key = ?1 AND token_version = ?7",
	[S_TOKENS_CLEAR] = "UPDATE conn SET access = NULL, refresh = NULL, access_expires = 0, refresh_expires = 0,"
		" token_version = token_version + 1, refresh_owner = NULL, refresh_until = 0, refresh_sent = 0 WHERE key = ?1",
	[S_LOCK_TAKE] = "UPDATE conn SET refresh_owner = ?2, refresh_until = ?3 WHERE key = ?1"
		" AND (refresh_owner IS NULL OR refresh_owner = ?2 OR refresh_until < ?4 OR refresh_owner = ?5)",
	[S_LOCK_FREE] = "UPDATE conn SET refresh_owner = NULL, refresh_until = 0 WHERE key = ?1 AND refresh_owner = ?2",
	[S_REFRESH_SENT] = "UPDATE conn SET refresh_sent = ?2 WHERE key = ?1",
	[S_STATE_PUT] = "INSERT INTO oauth_state(state, conn, expires) VALUES(?2, ?1, ?3)",
	[S_STATE_DEL] = "DELETE FROM oauth_state WHERE conn = ?1 AND state = ?2 RETURNING expires",
	[S_STATE_GC] = "DELETE FROM oauth_state WHERE expires < ?1",
#define ENT_GET_COLS "SELECT e.state, e.reason, e.qbo_id, e.sync_token, e.version, e.synced_version, e.hash, e.doc," \
		" e.attempts, e.last_attempt, e.updated, e.create_rid," \
		" o.status, o.version, o.next_try, o.owner, o.claimed, o.wait_kind, o.wait_id, o.attempts, e.rowid, o.seq" \
		" FROM entity e LEFT JOIN outbox o ON "
	[S_ENT_GET] = ENT_GET_COLS "o.conn = e.conn AND o.kind = e.kind AND o.local_id = e.local_id"
		" WHERE e.conn = ?1 AND e.kind = ?2 AND e.local_id = ?3",
	/* the same rows by the rowids an earlier read returned, the key still
	 * compared: two table seeks instead of two index seeks and two table
	 * seeks; no row (either gone or another's) sends the caller to the key */
	[S_ENT_REREAD] = ENT_GET_COLS "o.seq = ?5 AND o.conn = e.conn AND o.kind = e.kind AND o.local_id = e.local_id"
		" WHERE e.rowid = ?4 AND e.conn = ?1 AND e.kind = ?2 AND e.local_id = ?3",
	/* the claim's read of a record the due list just named: the outbox row by its
	 * seq (a table seek instead of its key's index), the key still compared */
	[S_ENT_GET_SEQ] = "SELECT e.state, e.reason, e.qbo_id, e.sync_token, e.version, e.synced_version, e.hash, e.doc,"
		" e.attempts, e.last_attempt, e.updated, e.create_rid,"
		" o.status, o.version, o.next_try, o.owner, o.claimed, o.wait_kind, o.wait_id, o.attempts, e.rowid, o.seq"
		" FROM outbox o CROSS JOIN entity e ON e.conn = o.conn AND e.kind = o.kind AND e.local_id = o.local_id"
		" WHERE o.seq = ?5 AND o.conn = ?1 AND o.kind = ?2 AND o.local_id = ?3",
	/* the outbox row only for a record without a QBO Id (entity_ref) */
	[S_ENT_REF] = "SELECT e.state, e.reason, e.qbo_id, CASE WHEN e.qbo_id IS NULL OR e.qbo_id = '' THEN"
		" (SELECT o.status FROM outbox o WHERE o.conn = e.conn AND o.kind = e.kind AND o.local_id = e.local_id) END,"
		" e.version, e.synced_version, CASE WHEN e.state = 'Waiting' THEN (SELECT o.wait_kind FROM outbox o"
		" WHERE o.conn = e.conn AND o.kind = e.kind AND o.local_id = e.local_id) END"
		" FROM entity e WHERE e.conn = ?1 AND e.kind = ?2 AND e.local_id = ?3",
	[S_ENT_PUT] = "INSERT INTO entity(conn, kind, local_id, state, reason, qbo_id, sync_token, version,"
		" synced_version, hash, doc, attempts, last_attempt, updated, create_rid)"
		" VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
		" ON CONFLICT(conn, kind, local_id) DO UPDATE SET state = excluded.state, reason = excluded.reason,"
		" qbo_id = excluded.qbo_id, sync_token = excluded.sync_token, version = excluded.version,"
		" synced_version = excluded.synced_version, hash = excluded.hash, doc = excluded.doc,"
		" attempts = excluded.attempts, last_attempt = excluded.last_attempt, updated = excluded.updated,"
		" create_rid = excluded.create_rid",
	/* a claim: no indexed column changes, so no index entry is rewritten */
	[S_ENT_CLAIM] = "UPDATE entity SET attempts = ?4, last_attempt = ?5, create_rid = ?6"
		" WHERE conn = ?1 AND kind = ?2 AND local_id = ?3",
	/* a delivery's outcome: the document, version and hash stay as read */
	[S_ENT_OUTCOME] = "UPDATE entity SET state = ?4, reason = ?5, qbo_id = ?6, sync_token = ?7, synced_version = ?8,"
		" attempts = ?9, last_attempt = ?10, updated = ?11, create_rid = ?12"
		" WHERE conn = ?1 AND kind = ?2 AND local_id = ?3",
	[S_OB_CLAIM] = "UPDATE outbox SET status = ?4, owner = ?5, claimed = ?6, attempts = ?7"
		" WHERE conn = ?1 AND kind = ?2 AND local_id = ?3",
	/* the same three writes by the rowids the record's read returned: a
	 * seek of the table instead of its key's index, and the key still
	 * compared, so that a row that is not the record's changes nothing (the
	 * caller then writes by the key). The outbox row's removal stays by key:
	 * SQLite deletes the key's index entry from the cursor that found it */
	[S_ENT_CLAIM_ROW] = "UPDATE entity SET attempts = ?4, last_attempt = ?5, create_rid = ?6"
		" WHERE rowid = ?7 AND conn = ?1 AND kind = ?2 AND local_id = ?3",
	[S_ENT_OUTCOME_ROW] = "UPDATE entity SET state = ?4, reason = ?5, qbo_id = ?6, sync_token = ?7, synced_version = ?8,"
		" attempts = ?9, last_attempt = ?10, updated = ?11, create_rid = ?12"
		" WHERE rowid = ?13 AND conn = ?1 AND kind = ?2 AND local_id = ?3",
	/* an outcome that leaves the state and the QBO Id as read (a Synced
	 * record's update): SQLite rewrites the index entries of every indexed
	 * column a SET names, changed or not, so these two go unnamed, compared
	 * instead (a row that differs changes nothing: the caller writes it whole) */
	[S_ENT_OUTCOME_SAME] = "UPDATE entity SET reason = ?5, sync_token = ?7, synced_version = ?8,"
		" attempts = ?9, last_attempt = ?10, updated = ?11, create_rid = ?12"
		" WHERE rowid = ?13 AND conn = ?1 AND kind = ?2 AND local_id = ?3 AND state = ?4 AND qbo_id IS ?6",
	[S_OB_CLAIM_ROW] = "UPDATE outbox SET status = ?4, owner = ?5, claimed = ?6, attempts = ?7"
		" WHERE seq = ?8 AND conn = ?1 AND kind = ?2 AND local_id = ?3",
	[S_OB_PUT] = "INSERT INTO outbox(conn, kind, local_id, status, version, next_try, owner, claimed,"
		" wait_kind, wait_id, attempts, prio, created)"
		" VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
		" ON CONFLICT(conn, kind, local_id) DO UPDATE SET status = excluded.status, version = excluded.version,"
		" next_try = excluded.next_try, owner = excluded.owner, claimed = excluded.claimed,"
		" wait_kind = excluded.wait_kind, wait_id = excluded.wait_id, attempts = excluded.attempts",
	[S_OB_DEL] = "DELETE FROM outbox WHERE conn = ?1 AND kind = ?2 AND local_id = ?3",
	[S_OB_DUE] = "SELECT kind, local_id, status, owner, claimed, seq FROM outbox WHERE conn = ?1"
		" AND (status = 'sending' OR next_try <= ?2) ORDER BY prio, seq LIMIT ?3",
	/* by the index of the record waited on: ordered by the outbox's order
	 * index instead, SQLite walked every outbox row of the company */
	[S_OB_WAITERS] = "SELECT kind, local_id, status, owner, claimed, seq FROM outbox INDEXED BY outbox_wait WHERE conn = ?1"
		" AND status = 'waiting' AND wait_kind = ?2 AND wait_id = ?3 ORDER BY prio, seq",
	/* whether the release below has anything to do: a read, much cheaper than an UPDATE that changes nothing */
	[S_OB_ANY_WAITER] = "SELECT 1 FROM outbox INDEXED BY outbox_wait WHERE conn = ?1"
		" AND status = 'waiting' AND wait_kind = ?2 AND wait_id = ?3 LIMIT 1",
	/* whether any row of the company waits at all (the partial index's first entry of it) */
	[S_OB_ANY_WAIT] = "SELECT 1 FROM outbox INDEXED BY outbox_wait WHERE conn = ?1 AND wait_kind IS NOT NULL LIMIT 1",
	[S_OB_RELEASE] = "UPDATE outbox SET status = 'queued', next_try = ?4, wait_kind = NULL, wait_id = NULL"
		" WHERE conn = ?1 AND status = 'waiting' AND wait_kind = ?2 AND wait_id = ?3",
	[S_OB_COUNT] = "SELECT count(*) FROM outbox WHERE conn = ?1",
	/* by the (conn, state, ...) index alone: no entity row is read */
	[S_ENT_COUNTS] = "SELECT state, count(*) FROM entity INDEXED BY entity_state WHERE conn = ?1 GROUP BY state",
#define ENT_ORDER " ORDER BY e.kind, length(e.local_id), e.local_id LIMIT ?5 OFFSET ?6"
#define ENT_LIST "SELECT e.local_id, e.kind FROM entity e WHERE e.conn = ?1"
#define ENT_TOTAL "SELECT count(*) FROM entity e WHERE e.conn = ?1"
#define ENT_K " AND e.kind = ?2"
#define ENT_S " AND e.state = ?3"
#define ENT_I " AND e.local_id = ?4"
	[S_ENT_LIST] = ENT_LIST ENT_ORDER,
	[S_ENT_LIST_1] = ENT_LIST ENT_K ENT_ORDER,
	[S_ENT_LIST_2] = ENT_LIST ENT_S ENT_ORDER,
	[S_ENT_LIST_3] = ENT_LIST ENT_K ENT_S ENT_ORDER,
	[S_ENT_LIST_4] = ENT_LIST ENT_I ENT_ORDER,
	[S_ENT_LIST_5] = ENT_LIST ENT_K ENT_I ENT_ORDER,
	[S_ENT_LIST_6] = ENT_LIST ENT_S ENT_I ENT_ORDER,
	[S_ENT_LIST_7] = ENT_LIST ENT_K ENT_S ENT_I ENT_ORDER,
	/* the totals name ?4 in every form so that each binding is in range */
	/* without an id, a range of the order or state index (schema 11) */
	[S_ENT_TOTAL] = ENT_TOTAL " AND ?4 IS NULL AND ?3 IS NULL AND ?2 IS NULL",
	[S_ENT_TOTAL_1] = ENT_TOTAL ENT_K " AND ?4 IS NULL AND ?3 IS NULL",
	[S_ENT_TOTAL_2] = ENT_TOTAL ENT_S " AND ?4 IS NULL AND ?2 IS NULL",
	[S_ENT_TOTAL_3] = ENT_TOTAL ENT_K ENT_S " AND ?4 IS NULL",
	[S_ENT_TOTAL_4] = ENT_TOTAL ENT_I " AND ?3 IS NULL AND ?2 IS NULL",
	[S_ENT_TOTAL_5] = ENT_TOTAL ENT_K ENT_I " AND ?3 IS NULL",
	[S_ENT_TOTAL_6] = ENT_TOTAL ENT_S ENT_I " AND ?2 IS NULL",
	[S_ENT_TOTAL_7] = ENT_TOTAL ENT_K ENT_S ENT_I,
	[S_ENT_BY_QBO] = "SELECT local_id FROM entity WHERE conn = ?1 AND kind = ?2 AND qbo_id = ?3 LIMIT 1",
	[S_MAP_GET] = "SELECT qbo_id, name, purpose, created, start_date FROM mapping WHERE conn = ?1 AND kind = ?2"
		" AND local_id = ?3 AND purpose = ?4",
	[S_MAP_ANY] = "SELECT local_id, qbo_id, name, created FROM mapping WHERE conn = ?1 AND kind = ?2"
		" AND purpose = ?3 ORDER BY local_id <> '*', created LIMIT 1",
	[S_MAP_PUT] = "INSERT INTO mapping(conn, kind, local_id, purpose, qbo_id, name, created)"
		" VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(conn, kind, local_id, purpose)"
		" DO UPDATE SET qbo_id = excluded.qbo_id, name = excluded.name, created = excluded.created",
	[S_MAP_DEL] = "DELETE FROM mapping WHERE conn = ?1 AND kind = ?2 AND local_id = ?3",
	[S_MAP_LIST_ALL] = "SELECT kind, local_id, qbo_id, name, purpose, created, start_date FROM mapping WHERE conn = ?1"
		" ORDER BY kind, local_id",
	[S_MAP_LIST_KIND] = "SELECT kind, local_id, qbo_id, name, purpose, created, start_date FROM mapping WHERE conn = ?1"
		" AND kind = ?2 ORDER BY kind, local_id",
	[S_MAP_START] = "UPDATE mapping SET start_date = ?4 WHERE conn = ?1 AND kind = ?2 AND local_id = ?3 AND purpose = ''",
	[S_LOG] = "INSERT INTO log(conn, at, level, kind, local_id, message) VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
	[S_LOG_LIST] = "SELECT at, level, kind, local_id, message FROM log WHERE (conn = ?1 OR conn IS NULL)"
		" AND (?2 IS NULL OR kind = ?2) AND (?3 IS NULL OR local_id = ?3) ORDER BY id DESC LIMIT ?4",
	[S_LOG_PUT] = "INSERT INTO log(conn, at, level, kind, local_id, message, method, path, status, code, intuit_tid,"
		" ms, records, request, response) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
	/* every listing binds ?1 conn, ?2 the lowest level's rank, ?3 kind, ?4 id,
	 * ?5 code, ?6 intuit_tid, ?7 since, ?8 until, ?9 type, ?10 limit, ?11
	 * offset; each names the index its most selective filter reads */
#define LOG_COLS "SELECT id, at, level, kind, local_id, message, method, path, status, code, intuit_tid, ms," \
		" records, request, response FROM log "
#define LOG_REST " conn = ?1 AND at >= ?7 AND at < ?8" \
		" AND (CASE level WHEN 'error' THEN 2 WHEN 'warn' THEN 1 ELSE 0 END) >= ?2" \
		" AND (?3 IS NULL OR kind = ?3) AND (?4 IS NULL OR local_id = ?4)" \
		" AND (?5 IS NULL OR instr(',' || code || ',', ',' || ?5 || ',') > 0)" \
		" AND (?6 IS NULL OR intuit_tid = ?6) AND (?9 = 0 OR (?9 = 1) = (method IS NOT NULL))" \
		" ORDER BY at DESC, id DESC LIMIT ?10 OFFSET ?11"
	[S_LOG_FIND_ALL] = LOG_COLS "INDEXED BY log_conn_at WHERE" LOG_REST,
	[S_LOG_FIND_EXCH] = LOG_COLS "INDEXED BY log_exch WHERE method IS NOT NULL AND" LOG_REST,
	[S_LOG_FIND_REC] = LOG_COLS "INDEXED BY log_rec WHERE kind = ?3 AND local_id = ?4 AND" LOG_REST,
	[S_LOG_FIND_TID] = LOG_COLS "INDEXED BY log_tid WHERE intuit_tid = ?6 AND" LOG_REST,
	[S_LOG_FIND_CODE] = LOG_COLS "INDEXED BY log_code WHERE code IS NOT NULL AND" LOG_REST,
	[S_LOG_FIND_WARN] = LOG_COLS "INDEXED BY log_warn WHERE level <> 'info' AND" LOG_REST,
	[S_LOG_PRUNE_AGE] = "DELETE FROM log WHERE id IN (SELECT id FROM log WHERE conn = ?1 AND at < ?2 ORDER BY at LIMIT ?3)",
	[S_LOG_PRUNE_ROWS] = "DELETE FROM log WHERE id IN (SELECT id FROM log WHERE id <= (SELECT max(id) FROM log) - ?1"
		" ORDER BY id LIMIT ?2)",
	/* hook events (qs_store_hook_*) */
	[S_HOOK_PUT] = "INSERT INTO hook_event(conn, event, ids, created) VALUES(?1, ?2, ?3, ?4)",
	[S_HOOK_DUE] = "SELECT seq, event, ids, attempts FROM hook_event WHERE conn = ?1 AND status = 'pending'"
		" AND seq > ?3 ORDER BY seq LIMIT ?2",
	[S_HOOK_DEL] = "DELETE FROM hook_event WHERE conn = ?1 AND seq = ?2",
	[S_HOOK_FAIL] = "UPDATE hook_event SET status = ?3, message = ?4, attempts = attempts + 1 WHERE conn = ?1 AND seq = ?2",
	[S_HOOK_COUNT] = "SELECT count(*) FILTER (WHERE status = 'pending'), count(*) FILTER (WHERE status = 'error')"
		" FROM hook_event WHERE conn = ?1",
	[S_BEGIN] = "BEGIN",
	[S_BEGIN_IMM] = "BEGIN IMMEDIATE",
	/* changes when another connection commits (this one's own writes: rows_mark counts them) */
	[S_DATA_VERSION] = "PRAGMA data_version",
	[S_COMMIT] = "COMMIT",
	[S_ROLLBACK] = "ROLLBACK",
	/* the per-company limiter */
	[S_RATE_PRUNE] = "DELETE FROM rate_slot WHERE conn = ?1 AND at < ?2",
	[S_RATE_COUNT] = "SELECT count(*), coalesce(sum(batch), 0), min(at), min(CASE WHEN batch THEN at END)"
		" FROM rate_slot WHERE conn = ?1",
	[S_RATE_ADD] = "INSERT INTO rate_slot(conn, at, batch) VALUES(?1, ?2, ?3)",
	/* named values (qs_store_meta_*) */
	[S_META_GET] = "SELECT value, at FROM meta WHERE conn = ?1 AND name = ?2",
	[S_META_UPD] = "UPDATE meta SET value = ?3, at = ?4 WHERE conn = ?1 AND name = ?2",
	[S_META_INS] = "INSERT INTO meta(conn, name, value, at) VALUES(?1, ?2, ?3, ?4)",
	/* QBO-side changes (qs_store_event_*) */
	[S_EV_SEEN] = "SELECT id FROM qbo_event WHERE conn = ?1 AND dedupe = ?2",
	[S_EV_PUT] = "INSERT INTO qbo_event(conn, dedupe, realm, entity, qbo_id, operation, at, status, created)"
		" VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, 'pending', ?8)",
	[S_EV_PENDING] = "SELECT id, realm, entity, qbo_id, operation, at, status, local_kind, local_id, doc, message, created"
		" FROM qbo_event WHERE conn = ?1 AND status = 'pending' ORDER BY id LIMIT ?2",
	[S_EV_LIST] = "SELECT id, realm, entity, qbo_id, operation, at, status, local_kind, local_id, doc, message, created"
		" FROM qbo_event WHERE conn = ?1 AND id > ?2 AND (?3 IS NULL OR entity = ?3) ORDER BY id DESC LIMIT ?4",
	[S_EV_DONE] = "UPDATE qbo_event SET status = ?3, local_kind = ?4, local_id = ?5, doc = ?6, message = ?7"
		" WHERE conn = ?1 AND id = ?2",
	/* the worker lock and the history job */
	[S_WORKER_GET] = "SELECT owner, host, pid, since, heartbeat, cancel FROM worker_lock WHERE conn = ?1",
	[S_WORKER_DEL_ANY] = "DELETE FROM worker_lock WHERE conn = ?1",
	[S_WORKER_DEL_OWNER] = "DELETE FROM worker_lock WHERE conn = ?1 AND owner = ?2",
	[S_WORKER_ADD] = "INSERT INTO worker_lock(conn, owner, host, pid, since, heartbeat, cancel) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[S_HIST_GET] = "SELECT id, state, job, started, updated FROM history_job WHERE conn = ?1",
	[S_HIST_DEL] = "DELETE FROM history_job WHERE conn = ?1",
	[S_HIST_ADD] = "INSERT INTO history_job(conn, id, state, job, started, updated) VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
	[S_RATE_DONE] = "UPDATE rate_slot SET at = ?3 WHERE conn = ?1 AND at = ?2",
	/* the per-company cap on requests in flight */
	[S_FLIGHT_PRUNE] = "DELETE FROM flight_slot WHERE conn = ?1 AND until < ?2",
	[S_FLIGHT_HELD] = "SELECT slot FROM flight_slot WHERE conn = ?1 ORDER BY slot",
	[S_FLIGHT_ADD] = "INSERT INTO flight_slot(conn, slot, owner, until) VALUES(?1, ?2, ?3, ?4)",
	[S_FLIGHT_DEL] = "DELETE FROM flight_slot WHERE conn = ?1 AND slot = ?2 AND owner = ?3",
	/* an owner's lease renewal: its claims, its worker lock, its in-flight slots */
	[S_RENEW_CLAIMS] = "UPDATE outbox SET claimed = ?3 WHERE conn = ?1 AND owner = ?2 AND status = 'sending'",
	[S_RENEW_WORKER] = "UPDATE worker_lock SET heartbeat = ?3 WHERE conn = ?1 AND owner = ?2",
	[S_RENEW_FLIGHT] = "UPDATE flight_slot SET until = ?3 WHERE conn = ?1 AND owner = ?2 AND until < ?3",
};

/* Schema version 1: the tables as first written. */
static const char schema_v1[] =
	"CREATE TABLE IF NOT EXISTS conn("
	" key TEXT PRIMARY KEY, realm TEXT, status TEXT NOT NULL DEFAULT 'Not Connected', message TEXT,"
	" access BLOB, refresh BLOB, access_expires REAL NOT NULL DEFAULT 0, refresh_expires REAL NOT NULL DEFAULT 0,"
	" token_version INTEGER NOT NULL DEFAULT 0, refresh_owner TEXT, refresh_until REAL NOT NULL DEFAULT 0,"
	" last_sync REAL NOT NULL DEFAULT 0, home_currency TEXT, country TEXT,"
	" throttled_until REAL NOT NULL DEFAULT 0);"
	"CREATE TABLE IF NOT EXISTS oauth_state(state TEXT PRIMARY KEY, conn TEXT NOT NULL, expires REAL NOT NULL);"
	"CREATE TABLE IF NOT EXISTS entity("
	" conn TEXT NOT NULL, kind TEXT NOT NULL, local_id TEXT NOT NULL,"
	" state TEXT NOT NULL DEFAULT 'Not Tried', reason TEXT, qbo_id TEXT, sync_token TEXT,"
	" version INTEGER NOT NULL DEFAULT 0, synced_version INTEGER NOT NULL DEFAULT 0, hash TEXT, doc TEXT,"
	" attempts INTEGER NOT NULL DEFAULT 0, last_attempt REAL NOT NULL DEFAULT 0, updated REAL NOT NULL DEFAULT 0,"
	" create_rid TEXT, PRIMARY KEY(conn, kind, local_id));"
	"CREATE INDEX IF NOT EXISTS entity_state ON entity(conn, state);"
	"CREATE INDEX IF NOT EXISTS entity_qbo ON entity(conn, kind, qbo_id);"
	"CREATE TABLE IF NOT EXISTS outbox("
	" seq INTEGER PRIMARY KEY AUTOINCREMENT, conn TEXT NOT NULL, kind TEXT NOT NULL, local_id TEXT NOT NULL,"
	" status TEXT NOT NULL, version INTEGER NOT NULL, next_try REAL NOT NULL DEFAULT 0, owner TEXT,"
	" claimed REAL NOT NULL DEFAULT 0, wait_kind TEXT, wait_id TEXT, attempts INTEGER NOT NULL DEFAULT 0,"
	" prio INTEGER NOT NULL DEFAULT 9, created REAL NOT NULL DEFAULT 0, UNIQUE(conn, kind, local_id));"
	"CREATE INDEX IF NOT EXISTS outbox_due ON outbox(conn, prio, seq);"
	"CREATE INDEX IF NOT EXISTS outbox_wait ON outbox(conn, wait_kind, wait_id);"
	"CREATE TABLE IF NOT EXISTS mapping("
	" conn TEXT NOT NULL, kind TEXT NOT NULL, local_id TEXT NOT NULL, purpose TEXT NOT NULL DEFAULT '',"
	" qbo_id TEXT NOT NULL, name TEXT, created REAL NOT NULL DEFAULT 0,"
	" PRIMARY KEY(conn, kind, local_id, purpose));"
	"CREATE TABLE IF NOT EXISTS log("
	" id INTEGER PRIMARY KEY, conn TEXT, at REAL NOT NULL, level TEXT NOT NULL, kind TEXT, local_id TEXT,"
	" message TEXT NOT NULL);"
	"CREATE INDEX IF NOT EXISTS log_at ON log(at);";

/* Schema version 2: fewer pages written by each recorded event. The entity
 * table keeps its rows in its primary key (WITHOUT ROWID: one b-tree, not
 * two); the outbox's seq is a plain rowid (no sqlite_sequence row to update:
 * a new row still gets the highest seq); the indexes by QBO id and by the
 * record waited on hold only the rows that have one. */
static const char schema_v2[] =
	"CREATE TABLE entity_v2("
	" conn TEXT NOT NULL, kind TEXT NOT NULL, local_id TEXT NOT NULL,"
	" state TEXT NOT NULL DEFAULT 'Not Tried', reason TEXT, qbo_id TEXT, sync_token TEXT,"
	" version INTEGER NOT NULL DEFAULT 0, synced_version INTEGER NOT NULL DEFAULT 0, hash TEXT, doc TEXT,"
	" attempts INTEGER NOT NULL DEFAULT 0, last_attempt REAL NOT NULL DEFAULT 0, updated REAL NOT NULL DEFAULT 0,"
	" create_rid TEXT, PRIMARY KEY(conn, kind, local_id)) WITHOUT ROWID;"
	"INSERT INTO entity_v2(conn, kind, local_id, state, reason, qbo_id, sync_token, version, synced_version,"
	" hash, doc, attempts, last_attempt, updated, create_rid)"
	" SELECT conn, kind, local_id, state, reason, qbo_id, sync_token, version, synced_version,"
	" hash, doc, attempts, last_attempt, updated, create_rid FROM entity;"
	"DROP TABLE entity;"
	"ALTER TABLE entity_v2 RENAME TO entity;"
	"CREATE INDEX entity_state ON entity(conn, state);"
	"CREATE INDEX entity_qbo ON entity(conn, kind, qbo_id) WHERE qbo_id IS NOT NULL;"
	"CREATE TABLE outbox_v2("
	" seq INTEGER PRIMARY KEY, conn TEXT NOT NULL, kind TEXT NOT NULL, local_id TEXT NOT NULL,"
	" status TEXT NOT NULL, version INTEGER NOT NULL, next_try REAL NOT NULL DEFAULT 0, owner TEXT,"
	" claimed REAL NOT NULL DEFAULT 0, wait_kind TEXT, wait_id TEXT, attempts INTEGER NOT NULL DEFAULT 0,"
	" prio INTEGER NOT NULL DEFAULT 9, created REAL NOT NULL DEFAULT 0, UNIQUE(conn, kind, local_id));"
	"INSERT INTO outbox_v2(seq, conn, kind, local_id, status, version, next_try, owner, claimed, wait_kind,"
	" wait_id, attempts, prio, created)"
	" SELECT seq, conn, kind, local_id, status, version, next_try, owner, claimed, wait_kind,"
	" wait_id, attempts, prio, created FROM outbox;"
	"DROP TABLE outbox;"
	"ALTER TABLE outbox_v2 RENAME TO outbox;"
	"CREATE INDEX outbox_due ON outbox(conn, prio, seq);"
	"CREATE INDEX outbox_wait ON outbox(conn, wait_kind, wait_id) WHERE wait_kind IS NOT NULL;";

/* Schema version 3: the token refresh's lost-answer marker and the reason
 * (a qs_conn_reason name) a connection is not Active. */
static const char schema_v3[] =
	"ALTER TABLE conn ADD COLUMN refresh_sent REAL NOT NULL DEFAULT 0;"
	"ALTER TABLE conn ADD COLUMN reason TEXT;";

/* Schema version 4: billing-platform hook events recorded by qbo_hook in
 * worker and deferred mode: the event and the ids it names (never the
 * fetched data), expanded into pushes at delivery time. */
static const char schema_v4[] =
	"CREATE TABLE IF NOT EXISTS hook_event("
	" seq INTEGER PRIMARY KEY AUTOINCREMENT, conn TEXT NOT NULL, event TEXT NOT NULL, ids TEXT NOT NULL,"
	" created REAL NOT NULL, status TEXT NOT NULL DEFAULT 'pending', message TEXT,"
	" attempts INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX IF NOT EXISTS hook_event_due ON hook_event(conn, status, seq);";

/* Schema version 5: the per-company limiter's requests of the last window
 * (one row per QBO request, shared by every process using the store). */
static const char schema_v5[] =
	"CREATE TABLE IF NOT EXISTS rate_slot(conn TEXT NOT NULL, at REAL NOT NULL, batch INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX IF NOT EXISTS rate_slot_at ON rate_slot(conn, at);";

/* Schema version 6: named values per connection (the pull watermark, the
 * reference caches) and the QBO-side changes webhooks report, deduplicated,
 * kept as events and pulled by qbo_sync(). */
static const char schema_v6[] =
	"CREATE TABLE IF NOT EXISTS meta(conn TEXT NOT NULL, name TEXT NOT NULL, value TEXT, at REAL NOT NULL DEFAULT 0,"
	" PRIMARY KEY(conn, name));"
	"CREATE TABLE IF NOT EXISTS qbo_event("
	" id INTEGER PRIMARY KEY AUTOINCREMENT, conn TEXT NOT NULL, dedupe TEXT NOT NULL, realm TEXT NOT NULL,"
	" entity TEXT NOT NULL, qbo_id TEXT NOT NULL, operation TEXT NOT NULL, at TEXT NOT NULL,"
	" status TEXT NOT NULL DEFAULT 'pending', local_kind TEXT, local_id TEXT, doc TEXT, message TEXT,"
	" created REAL NOT NULL);"
	"CREATE UNIQUE INDEX IF NOT EXISTS qbo_event_dedupe ON qbo_event(conn, dedupe);"
	"CREATE INDEX IF NOT EXISTS qbo_event_status ON qbo_event(conn, status, id);";

/* Schema version 7: the QBO links of a company (realm) the connection left
 * for another: entities' QBO Ids, SyncTokens and states, and the mappings,
 * parked per realm and restored on a reconnection to that realm. */
static const char schema_v7[] =
	"CREATE TABLE IF NOT EXISTS realm_link(conn TEXT NOT NULL, realm TEXT NOT NULL, kind TEXT NOT NULL,"
	" local_id TEXT NOT NULL, qbo_id TEXT, sync_token TEXT, state TEXT, reason TEXT,"
	" synced_version INTEGER NOT NULL DEFAULT 0, PRIMARY KEY(conn, realm, kind, local_id)) WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS realm_mapping(conn TEXT NOT NULL, realm TEXT NOT NULL, kind TEXT NOT NULL,"
	" local_id TEXT NOT NULL, purpose TEXT NOT NULL DEFAULT '', qbo_id TEXT NOT NULL, name TEXT,"
	" created REAL NOT NULL DEFAULT 0, PRIMARY KEY(conn, realm, kind, local_id, purpose)) WITHOUT ROWID;";

/* Schema version 8: the per-company worker lock (who runs the long work,
 * its heartbeat, a cancel request) and the history push job (one row per
 * company, the job itself as JSON text). */
static const char schema_v8[] =
	"CREATE TABLE IF NOT EXISTS worker_lock(conn TEXT NOT NULL PRIMARY KEY, owner TEXT NOT NULL, host TEXT,"
	" pid INTEGER NOT NULL DEFAULT 0, since REAL NOT NULL DEFAULT 0, heartbeat REAL NOT NULL DEFAULT 0,"
	" cancel INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE IF NOT EXISTS history_job(conn TEXT NOT NULL PRIMARY KEY, id INTEGER NOT NULL, state TEXT NOT NULL,"
	" job TEXT NOT NULL, started REAL NOT NULL DEFAULT 0, updated REAL NOT NULL DEFAULT 0);";

/* Schema version 9: the per-company cap on requests in flight (one row per
 * request in flight, shared by every process using the store). */
static const char schema_v9[] =
	"CREATE TABLE IF NOT EXISTS flight_slot(conn TEXT NOT NULL, slot INTEGER NOT NULL, owner TEXT NOT NULL,"
	" until REAL NOT NULL, PRIMARY KEY(conn, slot));";

/* Schema version 10: the exchange log. A log row is a decision or one QBO
 * exchange (method, path, status, fault codes, intuit_tid, time taken, the
 * records of a /batch, scrubbed bodies); indexes for newest-first listing
 * by company, by record, by intuit_tid, of exchanges, of faults and of
 * warnings and errors, and for
 * the retention's removal by age. */
static const char schema_v10[] =
	"ALTER TABLE log ADD COLUMN method TEXT;"
	"ALTER TABLE log ADD COLUMN path TEXT;"
	"ALTER TABLE log ADD COLUMN status INTEGER;"
	"ALTER TABLE log ADD COLUMN code TEXT;"
	"ALTER TABLE log ADD COLUMN intuit_tid TEXT;"
	"ALTER TABLE log ADD COLUMN ms REAL;"
	"ALTER TABLE log ADD COLUMN records TEXT;"
	"ALTER TABLE log ADD COLUMN request TEXT;"
	"ALTER TABLE log ADD COLUMN response TEXT;"
	"DROP INDEX IF EXISTS log_at;"
	"CREATE INDEX log_conn_at ON log(conn, at);"
	"CREATE INDEX log_rec ON log(conn, kind, local_id, at) WHERE kind IS NOT NULL;"
	"CREATE INDEX log_tid ON log(intuit_tid) WHERE intuit_tid IS NOT NULL;"
	"CREATE INDEX log_exch ON log(conn, at) WHERE method IS NOT NULL;"
	"CREATE INDEX log_code ON log(conn, at) WHERE code IS NOT NULL;"
	"CREATE INDEX log_warn ON log(conn, at) WHERE level <> 'info';";

/* Schema version 11: a customer mapping's start date (connect customer):
 * that customer's financial records dated before it are Skipped; parked with
 * the mapping when the connection leaves the company. And the indexes that
 * page the entities in their listing's order (kind, id by length then text),
 * with or without a state, so that a page of qbo_entities() reads its rows
 * from an index instead of sorting them all (one id of any kind is a lookup
 * by key per kind: qs_engine_entities). */
static const char schema_v11[] =
	"ALTER TABLE mapping ADD COLUMN start_date TEXT;"
	"ALTER TABLE realm_mapping ADD COLUMN start_date TEXT;"
	"CREATE INDEX entity_order ON entity(conn, kind, length(local_id), local_id);"
	"DROP INDEX entity_state;"
	"CREATE INDEX entity_state ON entity(conn, state, kind, length(local_id), local_id);";

/* Schema version 12: the entity table back to a rowid table. A WITHOUT ROWID
 * table keeps whole rows in its interior pages as well, and an entity row
 * holds its document (500 bytes and more): about five rows a page, so that
 * recording a new record rewrote 3.5 of the entity table's pages (the
 * balancing of a tree with that fan-out). A rowid table appends the new row
 * to its last page, and its key (conn, kind, local_id) is a narrow index:
 * about 2.5 pages instead. The columns are those of version 2. */
static const char schema_v12[] =
	"CREATE TABLE entity_v12("
	" conn TEXT NOT NULL, kind TEXT NOT NULL, local_id TEXT NOT NULL,"
	" state TEXT NOT NULL DEFAULT 'Not Tried', reason TEXT, qbo_id TEXT, sync_token TEXT,"
	" version INTEGER NOT NULL DEFAULT 0, synced_version INTEGER NOT NULL DEFAULT 0, hash TEXT, doc TEXT,"
	" attempts INTEGER NOT NULL DEFAULT 0, last_attempt REAL NOT NULL DEFAULT 0, updated REAL NOT NULL DEFAULT 0,"
	" create_rid TEXT, PRIMARY KEY(conn, kind, local_id));"
	"INSERT INTO entity_v12(conn, kind, local_id, state, reason, qbo_id, sync_token, version, synced_version,"
	" hash, doc, attempts, last_attempt, updated, create_rid)"
	" SELECT conn, kind, local_id, state, reason, qbo_id, sync_token, version, synced_version,"
	" hash, doc, attempts, last_attempt, updated, create_rid FROM entity;"
	"DROP TABLE entity;"
	"ALTER TABLE entity_v12 RENAME TO entity;"
	"CREATE INDEX entity_qbo ON entity(conn, kind, qbo_id) WHERE qbo_id IS NOT NULL;"
	"CREATE INDEX entity_order ON entity(conn, kind, length(local_id), local_id);"
	"CREATE INDEX entity_state ON entity(conn, state, kind, length(local_id), local_id);";

/* Schema version 13: a process's claims by index (the outbox rows 'sending'
 * by an owner), so that renewing their leases (S_RENEW_CLAIMS, between the
 * requests of a delivery) reads those rows only instead of every outbox row
 * of the company. Partial: only a claimed row is in it, so that recording a
 * queued row (the hook path) does not write it. */
static const char schema_v13[] =
	"CREATE INDEX outbox_claims ON outbox(conn, owner) WHERE status = 'sending';";

/* The current schema whole, as the migrations leave it: a new store is created
 * with it in one step (parsing the schema once instead of rebuilding it thirteen
 * times). A new schema version changes it too; test 480 checks that it and
 * the migrations from an empty store agree (tables, columns, indexes). */
static const char schema_current[] =
	"CREATE TABLE conn("
	" key TEXT PRIMARY KEY, realm TEXT, status TEXT NOT NULL DEFAULT 'Not Connected', message TEXT,"
	" access BLOB, refresh BLOB, access_expires REAL NOT NULL DEFAULT 0, refresh_expires REAL NOT NULL DEFAULT 0,"
	" token_version INTEGER NOT NULL DEFAULT 0, refresh_owner TEXT, refresh_until REAL NOT NULL DEFAULT 0,"
	" last_sync REAL NOT NULL DEFAULT 0, home_currency TEXT, country TEXT,"
	" throttled_until REAL NOT NULL DEFAULT 0, refresh_sent REAL NOT NULL DEFAULT 0, reason TEXT);"
	"CREATE TABLE oauth_state(state TEXT PRIMARY KEY, conn TEXT NOT NULL, expires REAL NOT NULL);"
	"CREATE TABLE entity("
	" conn TEXT NOT NULL, kind TEXT NOT NULL, local_id TEXT NOT NULL,"
	" state TEXT NOT NULL DEFAULT 'Not Tried', reason TEXT, qbo_id TEXT, sync_token TEXT,"
	" version INTEGER NOT NULL DEFAULT 0, synced_version INTEGER NOT NULL DEFAULT 0, hash TEXT, doc TEXT,"
	" attempts INTEGER NOT NULL DEFAULT 0, last_attempt REAL NOT NULL DEFAULT 0, updated REAL NOT NULL DEFAULT 0,"
	" create_rid TEXT, PRIMARY KEY(conn, kind, local_id));"
	"CREATE INDEX entity_qbo ON entity(conn, kind, qbo_id) WHERE qbo_id IS NOT NULL;"
	"CREATE INDEX entity_order ON entity(conn, kind, length(local_id), local_id);"
	"CREATE INDEX entity_state ON entity(conn, state, kind, length(local_id), local_id);"
	"CREATE TABLE outbox("
	" seq INTEGER PRIMARY KEY, conn TEXT NOT NULL, kind TEXT NOT NULL, local_id TEXT NOT NULL,"
	" status TEXT NOT NULL, version INTEGER NOT NULL, next_try REAL NOT NULL DEFAULT 0, owner TEXT,"
	" claimed REAL NOT NULL DEFAULT 0, wait_kind TEXT, wait_id TEXT, attempts INTEGER NOT NULL DEFAULT 0,"
	" prio INTEGER NOT NULL DEFAULT 9, created REAL NOT NULL DEFAULT 0, UNIQUE(conn, kind, local_id));"
	"CREATE INDEX outbox_due ON outbox(conn, prio, seq);"
	"CREATE INDEX outbox_wait ON outbox(conn, wait_kind, wait_id) WHERE wait_kind IS NOT NULL;"
	"CREATE INDEX outbox_claims ON outbox(conn, owner) WHERE status = 'sending';"
	"CREATE TABLE mapping("
	" conn TEXT NOT NULL, kind TEXT NOT NULL, local_id TEXT NOT NULL, purpose TEXT NOT NULL DEFAULT '',"
	" qbo_id TEXT NOT NULL, name TEXT, created REAL NOT NULL DEFAULT 0, start_date TEXT,"
	" PRIMARY KEY(conn, kind, local_id, purpose));"
	"CREATE TABLE log("
	" id INTEGER PRIMARY KEY, conn TEXT, at REAL NOT NULL, level TEXT NOT NULL, kind TEXT, local_id TEXT,"
	" message TEXT NOT NULL, method TEXT, path TEXT, status INTEGER, code TEXT, intuit_tid TEXT, ms REAL,"
	" records TEXT, request TEXT, response TEXT);"
	"CREATE INDEX log_conn_at ON log(conn, at);"
	"CREATE INDEX log_rec ON log(conn, kind, local_id, at) WHERE kind IS NOT NULL;"
	"CREATE INDEX log_tid ON log(intuit_tid) WHERE intuit_tid IS NOT NULL;"
	"CREATE INDEX log_exch ON log(conn, at) WHERE method IS NOT NULL;"
	"CREATE INDEX log_code ON log(conn, at) WHERE code IS NOT NULL;"
	"CREATE INDEX log_warn ON log(conn, at) WHERE level <> 'info';"
	"CREATE TABLE hook_event("
	" seq INTEGER PRIMARY KEY AUTOINCREMENT, conn TEXT NOT NULL, event TEXT NOT NULL, ids TEXT NOT NULL,"
	" created REAL NOT NULL, status TEXT NOT NULL DEFAULT 'pending', message TEXT,"
	" attempts INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX hook_event_due ON hook_event(conn, status, seq);"
	"CREATE TABLE rate_slot(conn TEXT NOT NULL, at REAL NOT NULL, batch INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX rate_slot_at ON rate_slot(conn, at);"
	"CREATE TABLE meta(conn TEXT NOT NULL, name TEXT NOT NULL, value TEXT, at REAL NOT NULL DEFAULT 0,"
	" PRIMARY KEY(conn, name));"
	"CREATE TABLE qbo_event("
	" id INTEGER PRIMARY KEY AUTOINCREMENT, conn TEXT NOT NULL, dedupe TEXT NOT NULL, realm TEXT NOT NULL,"
	" entity TEXT NOT NULL, qbo_id TEXT NOT NULL, operation TEXT NOT NULL, at TEXT NOT NULL,"
	" status TEXT NOT NULL DEFAULT 'pending', local_kind TEXT, local_id TEXT, doc TEXT, message TEXT,"
	" created REAL NOT NULL);"
	"CREATE UNIQUE INDEX qbo_event_dedupe ON qbo_event(conn, dedupe);"
	"CREATE INDEX qbo_event_status ON qbo_event(conn, status, id);"
	"CREATE TABLE realm_link(conn TEXT NOT NULL, realm TEXT NOT NULL, kind TEXT NOT NULL,"
	" local_id TEXT NOT NULL, qbo_id TEXT, sync_token TEXT, state TEXT, reason TEXT,"
	" synced_version INTEGER NOT NULL DEFAULT 0, PRIMARY KEY(conn, realm, kind, local_id)) WITHOUT ROWID;"
	"CREATE TABLE realm_mapping(conn TEXT NOT NULL, realm TEXT NOT NULL, kind TEXT NOT NULL,"
	" local_id TEXT NOT NULL, purpose TEXT NOT NULL DEFAULT '', qbo_id TEXT NOT NULL, name TEXT,"
	" created REAL NOT NULL DEFAULT 0, start_date TEXT, PRIMARY KEY(conn, realm, kind, local_id, purpose)) WITHOUT ROWID;"
	"CREATE TABLE worker_lock(conn TEXT NOT NULL PRIMARY KEY, owner TEXT NOT NULL, host TEXT,"
	" pid INTEGER NOT NULL DEFAULT 0, since REAL NOT NULL DEFAULT 0, heartbeat REAL NOT NULL DEFAULT 0,"
	" cancel INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE history_job(conn TEXT NOT NULL PRIMARY KEY, id INTEGER NOT NULL, state TEXT NOT NULL,"
	" job TEXT NOT NULL, started REAL NOT NULL DEFAULT 0, updated REAL NOT NULL DEFAULT 0);"
	"CREATE TABLE flight_slot(conn TEXT NOT NULL, slot INTEGER NOT NULL, owner TEXT NOT NULL,"
	" until REAL NOT NULL, PRIMARY KEY(conn, slot));";

/* The forward migrations, in order: step i takes a store from schema version
 * i to i + 1 (step 0 creates version 1). A new schema version appends one
 * step here and raises QS_STORE_SCHEMA; a step never changes once released,
 * since stores written by it exist. Each runs in the migration's transaction.
 * They migrate the stores older versions wrote; a new store is created at the
 * current version directly (schema_current). */
static const char *const migrations[] = {
	schema_v1,
	schema_v2,
	schema_v3,
	schema_v4,
	schema_v5,
	schema_v6,
	schema_v7,
	schema_v8,
	schema_v9,
	schema_v10,
	schema_v11,
	schema_v12,
	schema_v13,
};
_Static_assert(sizeof(migrations) / sizeof(migrations[0]) == QS_STORE_SCHEMA,
	"one migration step per schema version");

/* The most decision rows one INSERT of log_flush carries: a wave's (QS_BATCH_MAX) */
#define LOG_MANY_MAX 32

typedef struct sq_store {
	qs_store base;
	sqlite3 *db;
	sqlite3_stmt *stmt[S__COUNT];
	bool reading;             /* in the read snapshot of sq_read_begin */
	long long row_writes;     /* entity and outbox rows this connection has written since its first sq_rows_mark */
	bool counting;            /* rows_hook installed (by the first sq_rows_mark: the hook path never asks) */
	/* the rows the last due list named, with their seq: the claims that follow
	 * it find the outbox row by it (sq_outbox_lock); a hint, the key is compared */
	struct due_hint { char kind[16]; char id[65]; long long seq; } *due;
	size_t n_due, due_at;
	char due_key[64];
	/* the decision rows (sq_log) written inside the caller's write
	 * transaction, inserted together by log_flush before its COMMIT */
	struct held_log { double at; char *block; const char *key, *level, *kind, *id, *message; } *held;
	size_t n_held, cap_held;
	sqlite3_stmt *log_many[LOG_MANY_MAX];   /* [i]: the INSERT of i + 1 rows, prepared when first needed */
	/* write transactions begun by sq_begin, numbered; in the one numbered
	 * wait_txn, the company wait_key had a row waiting (wait_any) or none:
	 * then no release has anything to do until an outbox write names a
	 * record waited on (sq_outbox_put clears it). Another connection cannot
	 * change what this transaction sees of the outbox. */
	long long txn_no, wait_txn;
	bool wait_any;
	char wait_key[64];
} sq_store;

const char *qs_store_sqlite_version(void)
{
	return sqlite3_libversion();
}

void qs_sqlite_startup(void)
{
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);   /* SQLITE_MISUSE once SQLite runs: then nothing changes */
}

static qs_status db_fail(sq_store *s, qs_error *e, const char *what)
{
	return qs_error_set(e, QS_ESTORE, "The qbosync store %s failed while %s: %s; check that the file is writable and not corrupt",
		s->base.path, what, sqlite3_errmsg(s->db));
}

static void read_end(sq_store *s);
static void done(sqlite3_stmt *p);
static void log_flush(sq_store *s);
static void log_drop(sq_store *s);

/* The cached statement, reset with its bindings cleared. A statement that
 * writes (or starts or ends a transaction) first ends the read snapshot. */
static sqlite3_stmt *st(sq_store *s, int id, qs_error *e)
{
	sqlite3_stmt *p;
	if (s->n_held && id >= S_LOG_LIST && id <= S_LOG_PRUNE_ROWS) {
		log_flush(s);   /* a statement of the log sees (and follows) the rows held */
	}
	p = s->stmt[id];
	if (!p) {
		if (sqlite3_prepare_v3(s->db, sql_text[id], -1, SQLITE_PREPARE_PERSISTENT, &p, NULL) != SQLITE_OK) {
			db_fail(s, e, "preparing a statement");
			return NULL;
		}
		s->stmt[id] = p;
	} else {
		sqlite3_reset(p);
		sqlite3_clear_bindings(p);
	}
	if (s->reading && (id == S_BEGIN || id == S_BEGIN_IMM || id == S_COMMIT || id == S_ROLLBACK
			|| !sqlite3_stmt_readonly(p))) {
		read_end(s);
	}
	return p;
}

/* st() for a statement whose caller binds every parameter before each run
 * (the hook path's reads and writes): reset, its old bindings left to be
 * replaced instead of cleared first. */
static sqlite3_stmt *st_all(sq_store *s, int id, qs_error *e)
{
	sqlite3_stmt *p = s->stmt[id];
	if (!p || s->reading) {
		return st(s, id, e);
	}
	sqlite3_reset(p);
	return p;
}

/* The read snapshot: a deferred transaction that has only read. */
static void read_end(sq_store *s)
{
	sqlite3_stmt *p;
	if (!s->reading) {
		return;
	}
	s->reading = false;
	if (sqlite3_get_autocommit(s->db)) {
		return;
	}
	p = st(s, S_COMMIT, NULL);
	if (p) {
		sqlite3_step(p);
		done(p);
	}
}

static void sq_read_begin(qs_store *qs)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p;
	if (s->reading || !sqlite3_get_autocommit(s->db)) {
		return;   /* already in one, or in the caller's transaction */
	}
	p = st(s, S_BEGIN, NULL);
	if (p) {
		s->reading = sqlite3_step(p) == SQLITE_DONE;
		done(p);
	}
}

static void sq_read_end(qs_store *qs)
{
	read_end((sq_store *)qs);
}

static void done(sqlite3_stmt *p)
{
	if (p) {
		sqlite3_reset(p);
	}
}

/* v as text (NULL: SQL NULL); copy: SQLite keeps its own copy, else v must
 * outlive the statement's run. */
static void bind_str(sqlite3_stmt *p, int i, const char *v, bool copy)
{
	if (v) {
		sqlite3_bind_text(p, i, v, -1, copy ? SQLITE_TRANSIENT : SQLITE_STATIC);
	} else {
		sqlite3_bind_null(p, i);
	}
}

static void bind_text(sqlite3_stmt *p, int i, const char *v)
{
	bind_str(p, i, v, true);
}

static void bind_text_or_null(sqlite3_stmt *p, int i, const char *v)
{
	bind_text(p, i, (v && *v) ? v : NULL);
}

/* Binds v without a copy: only for text that outlives the statement's run in
 * the same function (st() clears the bindings before the next use). The
 * statements of the hook path bind this way (the document is 1 KiB). */
static void bind_static(sqlite3_stmt *p, int i, const char *v)
{
	bind_str(p, i, v, false);
}

static void bind_static_or_null(sqlite3_stmt *p, int i, const char *v)
{
	bind_static(p, i, (v && *v) ? v : NULL);
}

/* Binds a record's key as parameters 1-3: the company, the kind, the local id. */
static void bind_record(sqlite3_stmt *p, const char *key, const qs_entity *en)
{
	bind_static(p, 1, key);
	bind_static(p, 2, en->kind);
	bind_static(p, 3, en->id);
}

static void col_copy(sqlite3_stmt *p, int i, char *dst, size_t size)
{
	const unsigned char *t = sqlite3_column_text(p, i);
	qs_strlcpy(dst, t ? (const char *)t : "", size);
}

/* The "kind id" of a record, for the message of a row with an unknown name. */
static const char *record_label(char buf[96], const char *kind, const char *id)
{
	snprintf(buf, 96, "%s %s", kind, id);
	return buf;
}

/* Column i as a sync state: QS_ESTORE (naming the entity row) when it is none. */
static qs_status col_state(sqlite3_stmt *p, int i, const char *kind, const char *id, qs_state *out, qs_error *e)
{
	const char *t = (const char *)sqlite3_column_text(p, i);
	char label[96];
	*out = qs_state_of(t);
	return *out != QS__STATE_COUNT ? QS_OK : qs_name_unknown(e, "entity", record_label(label, kind, id), "state", t, NULL);
}

/* Column i as an outbox status (NULL: no outbox row, QS_OUTBOX_NONE):
 * QS_ESTORE (naming the outbox row) when it is none of the names. */
static qs_status col_outbox(sqlite3_stmt *p, int i, const char *kind, const char *id, qs_outbox_status *out, qs_error *e)
{
	const char *t = (const char *)sqlite3_column_text(p, i);
	char label[96];
	*out = t ? qs_outbox_of(t) : QS_OUTBOX_NONE;
	return *out != QS__OUTBOX_COUNT ? QS_OK : qs_name_unknown(e, "outbox", record_label(label, kind, id), "status", t, NULL);
}

/* Steps p once: QS_OK with *row true when it stands on a row (read its
 * columns, then done(p)), false when it has finished; otherwise the store
 * error naming what. The caller resets p with done(p) in every case. */
static qs_status step_row(sq_store *s, sqlite3_stmt *p, qs_error *e, const char *what, bool *row)
{
	int rc = sqlite3_step(p);
	*row = rc == SQLITE_ROW;
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		return db_fail(s, e, what);
	}
	return QS_OK;
}

/* Runs a statement that returns no rows. */
static qs_status run(sq_store *s, sqlite3_stmt *p, qs_error *e, const char *what)
{
	bool row;
	qs_status r = step_row(s, p, e, what, &row);
	done(p);
	return r;
}

static qs_status migrate(sq_store *s, qs_error *e)
{
	sqlite3_stmt *p = NULL;
	int v = 0;
	bool fresh = false;
	char *err = NULL;
	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &p, NULL) != SQLITE_OK) {
		return db_fail(s, e, "reading the schema version");
	}
	if (sqlite3_step(p) == SQLITE_ROW) {
		v = sqlite3_column_int(p, 0);
	}
	sqlite3_finalize(p);
	if (v == QS_STORE_SCHEMA) {
		return QS_OK;
	}
	if (v > QS_STORE_SCHEMA) {
		return qs_error_set(e, QS_ESTORE, "The qbosync store %s has schema version %d, newer than this extension knows (%d); upgrade qbosync",
			s->base.path, v, QS_STORE_SCHEMA);
	}
	if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, &err) != SQLITE_OK) {
		sqlite3_free(err);
		return db_fail(s, e, "starting the schema migration");
	}
	/* re-read under the write lock: another process may have migrated meanwhile;
	 * a store with no table at all is new (version 0 with tables: written
	 * before the version was kept, migrated from step 1, which finds them) */
	if (sqlite3_prepare_v2(s->db, "SELECT (SELECT user_version FROM pragma_user_version),"
			" EXISTS (SELECT 1 FROM sqlite_master)", -1, &p, NULL) == SQLITE_OK) {
		if (sqlite3_step(p) == SQLITE_ROW) {
			v = sqlite3_column_int(p, 0);
			fresh = v == 0 && sqlite3_column_int(p, 1) == 0;
		}
		sqlite3_finalize(p);
	}
	if (fresh) {
		char setv[48];
		snprintf(setv, sizeof(setv), "PRAGMA user_version = %d", QS_STORE_SCHEMA);
		if (sqlite3_exec(s->db, schema_current, NULL, NULL, &err) != SQLITE_OK
				|| sqlite3_exec(s->db, setv, NULL, NULL, &err) != SQLITE_OK) {
			qs_error_set(e, QS_ESTORE, "The qbosync store %s could not be created at schema version %d: %s",
				s->base.path, QS_STORE_SCHEMA, err ? err : "?");
			sqlite3_free(err);
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
			return QS_ESTORE;
		}
		v = QS_STORE_SCHEMA;
	}
	for (; v < QS_STORE_SCHEMA; v++) {
		char setv[48];
		if (sqlite3_exec(s->db, migrations[v], NULL, NULL, &err) != SQLITE_OK) {
			qs_error_set(e, QS_ESTORE, "The qbosync store %s could not be migrated from schema version %d to %d: %s",
				s->base.path, v, v + 1, err ? err : "?");
			sqlite3_free(err);
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
			return QS_ESTORE;
		}
		snprintf(setv, sizeof(setv), "PRAGMA user_version = %d", v + 1);
		if (sqlite3_exec(s->db, setv, NULL, NULL, &err) != SQLITE_OK) {
			sqlite3_free(err);
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
			return db_fail(s, e, "recording the schema version");
		}
	}
	if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, &err) != SQLITE_OK) {
		sqlite3_free(err);
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return db_fail(s, e, "finishing the schema migration");
	}
	return QS_OK;
}

static void sq_rollback(qs_store *qs);

/* Pages the WAL may hold before the end of the request checkpoints it (16 MiB
 * at a new store's 2 KiB a page, 32 MiB at 4 KiB; about 750 recorded events
 * either way): reached only when nobody delivers for a long time, or when a
 * reader holds the WAL back. The commit that finds the WAL past it only marks
 * the checkpoint due (qs_store_checkpoint_due): the binding runs it after the
 * response, with the deferred deliveries. Past twice as many (one request
 * recording some 1,500 events with nobody delivering, a script's import) the
 * commit checkpoints itself, so the WAL stays bounded (32 MiB at 2 KiB a page,
 * and a checkpoint of that WAL takes tens of milliseconds). */
#define WAL_SAFETY_PAGES 8192
#define WAL_HARD_PAGES (2 * WAL_SAFETY_PAGES)

/* Called by SQLite after each commit with the WAL's size in pages. */
static int wal_hook(void *ud, sqlite3 *db, const char *name, int pages)
{
	sq_store *s = ud;
	if (pages >= WAL_HARD_PAGES) {
		sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		s->base.checkpoint_due = false;
	} else if (pages >= WAL_SAFETY_PAGES) {
		s->base.checkpoint_due = true;
	}
	return SQLITE_OK;
}

static void sq_checkpoint(qs_store *qs)
{
	sq_store *s = (sq_store *)qs;
	read_end(s);
	sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	s->base.checkpoint_due = false;
}

static void sq_close(qs_store *qs)
{
	sq_store *s = (sq_store *)qs;
	int i;
	if (!s) {
		return;
	}
	for (i = 0; i < S__COUNT; i++) {
		if (s->stmt[i]) {
			sqlite3_finalize(s->stmt[i]);
		}
	}
	log_drop(s);   /* a transaction left open is rolled back by the close */
	free(s->held);
	for (i = 0; i < LOG_MANY_MAX; i++) {
		if (s->log_many[i]) {
			sqlite3_finalize(s->log_many[i]);
		}
	}
	if (s->db) {
		sqlite3_close(s->db);
	}
	free(s->due);
	free(s);
}

static qs_status sq_begin(qs_store *qs, bool immediate, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	log_flush(s);   /* rows left by a transaction SQLite rolled back itself: dropped */
	s->txn_no++;
	sqlite3_stmt *p = st(s, immediate ? S_BEGIN_IMM : S_BEGIN, e);
	return p ? run(s, p, e, "starting a transaction") : QS_ESTORE;
}

static qs_status sq_commit(qs_store *qs, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p;
	qs_status r;
	log_flush(s);   /* the transaction's decision rows commit with it */
	p = st(s, S_COMMIT, e);
	if (!p) {
		return QS_ESTORE;
	}
	r = run(s, p, e, "committing");
	if (r != QS_OK) {
		sq_rollback(&s->base);
	}
	return r;
}

static void sq_rollback(qs_store *qs)
{
	sq_store *s = (sq_store *)qs;
	log_drop(s);   /* the transaction's decision rows go with it */
	if (!sqlite3_get_autocommit(s->db)) {
		sqlite3_stmt *p = st(s, S_ROLLBACK, NULL);
		if (p) {
			sqlite3_step(p);
			done(p);
		}
	}
}

/* ---------- connection row ---------- */

static qs_status sq_conn_ensure(qs_store *qs, const char *key, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st(s, S_CONN_ENSURE, e);
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	return run(s, p, e, "creating the connection row");
}

static unsigned char *col_blob(sqlite3_stmt *p, int i, size_t *len)
{
	const void *b = sqlite3_column_blob(p, i);
	int n = sqlite3_column_bytes(p, i);
	unsigned char *c;
	*len = 0;
	if (!b || n <= 0) {
		return NULL;
	}
	c = malloc((size_t)n);
	if (c) {
		memcpy(c, b, (size_t)n);
		*len = (size_t)n;
	}
	return c;
}

static qs_status sq_conn_get(qs_store *qs, const char *key, qs_conn_row *out, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st(s, S_CONN_GET, e);
	qs_status r;
	bool row;
	memset(out, 0, sizeof(*out));
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	r = step_row(s, p, e, "reading the connection", &row);
	if (r == QS_OK && row) {
		out->exists = true;
		col_copy(p, 0, out->realm, sizeof(out->realm));
		col_copy(p, 2, out->message, sizeof(out->message));
		out->access = col_blob(p, 3, &out->access_len);
		out->refresh = col_blob(p, 4, &out->refresh_len);
		out->access_expires = sqlite3_column_double(p, 5);
		out->refresh_expires = sqlite3_column_double(p, 6);
		out->token_version = sqlite3_column_int64(p, 7);
		col_copy(p, 8, out->refresh_owner, sizeof(out->refresh_owner));
		out->refresh_until = sqlite3_column_double(p, 9);
		out->last_sync = sqlite3_column_double(p, 10);
		col_copy(p, 11, out->home_currency, sizeof(out->home_currency));
		col_copy(p, 12, out->country, sizeof(out->country));
		out->throttled_until = sqlite3_column_double(p, 13);
		out->refresh_sent = sqlite3_column_double(p, 14);
		col_copy(p, 15, out->reason, sizeof(out->reason));
		out->status = qs_conn_of((const char *)sqlite3_column_text(p, 1));
		if (out->status == QS__CONN_COUNT) {
			char label[96];
			snprintf(label, sizeof(label), "of %s%s", out->realm[0] ? "company " : "this connection", out->realm);
			r = qs_name_unknown(e, "conn", label, "status", (const char *)sqlite3_column_text(p, 1),
				"correct the row's status (Not Connected, Active, Disconnected or Error), or connect again with qbo_oauth_url()");
			qs_conn_row_clear(out);   /* wipes the tokens read */
		}
	} else if (r == QS_OK) {
		out->status = QS_CONN_NOT_CONNECTED;
	}
	done(p);
	return r;
}

static qs_status sq_conn_set_status(qs_store *qs, const char *key, qs_conn_status status,
	const char *reason, const char *message, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st(s, S_CONN_STATUS, e);
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	bind_static(p, 2, qs_conn_name(status));
	bind_text_or_null(p, 3, message);
	bind_text_or_null(p, 4, reason && *reason ? reason : NULL);
	return run(s, p, e, "saving the connection status");
}

static qs_status sq_conn_set_company(qs_store *qs, const char *key, const char *home_currency,
	const char *country, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st(s, S_CONN_COMPANY, e);
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	bind_text_or_null(p, 2, home_currency);
	bind_text_or_null(p, 3, country);
	return run(s, p, e, "saving the company settings");
}

static qs_status sq_conn_set_last_sync(qs_store *qs, const char *key, double at, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st(s, S_CONN_LAST_SYNC, e);
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	sqlite3_bind_double(p, 2, at);
	return run(s, p, e, "saving the last sync time");
}

static qs_status sq_conn_set_throttle(qs_store *qs, const char *key, double until, double ceiling, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st(s, S_CONN_THROTTLE, e);
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	sqlite3_bind_double(p, 2, until);
	sqlite3_bind_double(p, 3, ceiling);
	return run(s, p, e, "saving the throttle pause");
}

static qs_status sq_tokens_put(qs_store *qs, const char *key, const char *realm,
	const unsigned char *access, size_t access_len, double access_expires,
	const unsigned char *refresh, size_t refresh_len, double refresh_expires,
	long long expect_version, bool *swapped, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st(s, expect_version >= 0 ? S_TOKENS_PUT_CAS : S_TOKENS_PUT_ANY, e);
	qs_status r;
	if (swapped) {
		*swapped = false;
	}
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	bind_text_or_null(p, 2, realm);
	sqlite3_bind_blob(p, 3, access, (int)access_len, SQLITE_TRANSIENT);
	sqlite3_bind_double(p, 4, access_expires);
	sqlite3_bind_blob(p, 5, refresh, (int)refresh_len, SQLITE_TRANSIENT);
	sqlite3_bind_double(p, 6, refresh_expires);
	if (expect_version >= 0) {
		sqlite3_bind_int64(p, 7, expect_version);
	}
	r = run(s, p, e, "saving the tokens");
	if (r == QS_OK && swapped) {
		*swapped = sqlite3_changes(s->db) > 0;
	}
	return r;
}

static qs_status sq_tokens_clear(qs_store *qs, const char *key, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st(s, S_TOKENS_CLEAR, e);
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	return run(s, p, e, "forgetting the tokens");
}

static qs_status sq_refresh_lock(qs_store *qs, const char *key, const char *owner, double until,
	double now, const char *dead_owner, bool *got, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st(s, S_LOCK_TAKE, e);
	qs_status r;
	*got = false;
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	bind_text(p, 2, owner);
	sqlite3_bind_double(p, 3, until);
	sqlite3_bind_double(p, 4, now);
	bind_text_or_null(p, 5, dead_owner && *dead_owner ? dead_owner : NULL);
	r = run(s, p, e, "taking the token refresh lock");
	if (r == QS_OK) {
		*got = sqlite3_changes(s->db) > 0;
	}
	return r;
}

static qs_status sq_refresh_unlock(qs_store *qs, const char *key, const char *owner, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st(s, S_LOCK_FREE, e);
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	bind_text(p, 2, owner);
	return run(s, p, e, "freeing the token refresh lock");
}

static qs_status sq_refresh_sent(qs_store *qs, const char *key, double at, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st(s, S_REFRESH_SENT, e);
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	sqlite3_bind_double(p, 2, at);
	return run(s, p, e, "noting the token refresh");
}

/* ---------- OAuth states ---------- */

static qs_status sq_state_put(qs_store *qs, const char *key, const char *state, double expires, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st(s, S_STATE_GC, e);
	if (!p) {
		return QS_ESTORE;
	}
	sqlite3_bind_double(p, 1, qs_store_now());
	if (run(s, p, e, "forgetting expired OAuth states") != QS_OK) {
		return QS_ESTORE;
	}
	p = st(s, S_STATE_PUT, e);
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	bind_text(p, 2, state);
	sqlite3_bind_double(p, 3, expires);
	return run(s, p, e, "saving the OAuth state");
}

static qs_status sq_state_take(qs_store *qs, const char *key, const char *state, double now,
	bool *valid, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st(s, S_STATE_DEL, e);
	qs_status r;
	bool row;
	*valid = false;
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	bind_text(p, 2, state);
	r = step_row(s, p, e, "checking the OAuth state", &row);
	if (r == QS_OK && row) {
		/* state is the primary key: one row at most, then the end */
		*valid = sqlite3_column_double(p, 0) >= now;
		r = step_row(s, p, e, "checking the OAuth state", &row);
	}
	done(p);
	return r;
}

/* ---------- entities and outbox ---------- */

/* Steps the entity read `which` (key, kind, id; its first columns state,
 * reason, qbo_id) into *out: a record of (kind, id) not in the store unless
 * *row. *p is the statement left on the row for the caller's own columns
 * (NULL when it could not be prepared); the caller calls done(*p). */
static qs_status entity_read(sq_store *s, int which, const char *key, const char *kind, const char *id,
	const long long *rowids, qs_entity *out, sqlite3_stmt **p, bool *row, qs_error *e)
{
	qs_status r;
	memset(out, 0, sizeof(*out));
	qs_strlcpy(out->kind, kind, sizeof(out->kind));
	out->kind_id = qs_kind_of(kind);
	qs_strlcpy(out->id, id, sizeof(out->id));
	out->state = QS_STATE_NOT_TRIED;
	*row = false;
	*p = st_all(s, which, e);   /* binds ?1-?3, all there are */
	if (!*p) {
		return QS_ESTORE;
	}
	bind_static(*p, 1, key);
	bind_static(*p, 2, kind);
	bind_static(*p, 3, id);
	if (rowids) {
		if (rowids[0] > 0) {
			sqlite3_bind_int64(*p, 4, rowids[0]);   /* S_ENT_GET_SEQ names no ?4 */
		}
		sqlite3_bind_int64(*p, 5, rowids[1]);
	}
	r = step_row(s, *p, e, "reading an entity", row);
	if (r == QS_OK && *row) {
		out->exists = true;
		col_copy(*p, 1, out->reason, sizeof(out->reason));
		col_copy(*p, 2, out->qbo_id, sizeof(out->qbo_id));
		r = col_state(*p, 0, kind, id, &out->state, e);
		if (r != QS_OK) {
			out->exists = *row = false;
		}
	}
	return r;
}

/* The whole read: by the key, or by the rowids (entity, outbox) when given
 * (entity 0: the outbox row's alone); *row false when no row matched. */
static qs_status entity_get_by(sq_store *s, const char *key, const char *kind, const char *id,
	const long long *rowids, qs_entity *out, bool *row, qs_error *e)
{
	sqlite3_stmt *p;
	qs_status r = entity_read(s, !rowids ? S_ENT_GET : rowids[0] > 0 ? S_ENT_REREAD : S_ENT_GET_SEQ, key, kind, id,
		rowids, out, &p, row, e);
	if (r == QS_OK && *row) {
		const unsigned char *doc;
		col_copy(p, 3, out->sync_token, sizeof(out->sync_token));
		out->version = sqlite3_column_int64(p, 4);
		out->synced_version = sqlite3_column_int64(p, 5);
		col_copy(p, 6, out->hash, sizeof(out->hash));
		doc = sqlite3_column_text(p, 7);
		out->doc = doc ? strdup((const char *)doc) : NULL;
		out->attempts = (long)sqlite3_column_int64(p, 8);
		out->last_attempt = sqlite3_column_double(p, 9);
		out->updated = sqlite3_column_double(p, 10);
		col_copy(p, 11, out->create_rid, sizeof(out->create_rid));
		r = col_outbox(p, 12, kind, id, &out->q_status, e);
		out->q_version = sqlite3_column_int64(p, 13);
		out->next_try = sqlite3_column_double(p, 14);
		col_copy(p, 15, out->owner, sizeof(out->owner));
		out->claimed = sqlite3_column_double(p, 16);
		col_copy(p, 17, out->wait_kind, sizeof(out->wait_kind));
		col_copy(p, 18, out->wait_id, sizeof(out->wait_id));
		out->q_attempts = (long)sqlite3_column_int64(p, 19);
		out->row_id = sqlite3_column_int64(p, 20);
		out->q_row_id = sqlite3_column_int64(p, 21);   /* NULL (no outbox row): 0 */
		out->row_state = out->state;
		qs_strlcpy(out->row_qbo_id, out->qbo_id, sizeof(out->row_qbo_id));
		if (r != QS_OK) {
			out->exists = *row = false;
			free(out->doc);
			out->doc = NULL;
		} else if (doc && !out->doc) {
			done(p);
			return qs_error_set(e, QS_EINTERNAL, "Out of memory reading %s %s", kind, id);
		}
	}
	if (p) {
		done(p);
	}
	return r;
}

static qs_status sq_entity_get(qs_store *qs, const char *key, const char *kind, const char *id,
	qs_entity *out, qs_error *e)
{
	bool row;
	return entity_get_by((sq_store *)qs, key, kind, id, NULL, out, &row, e);
}

/* Counts this connection's writes of entity and outbox rows (any statement,
 * committed or not) for sq_rows_mark. */
static void rows_hook(void *ud, int op, const char *db, const char *table, sqlite3_int64 rowid)
{
	(void)op;
	(void)db;
	(void)rowid;
	if (table && (!strcmp(table, "entity") || !strcmp(table, "outbox"))) {
		((sq_store *)ud)->row_writes++;
	}
}

/* Another connection's commit changes PRAGMA data_version (read in the
 * caller's write transaction, it counts every commit before it); this
 * connection's own writes are counted by rows_hook. */
static void sq_rows_mark(qs_store *qs, long long mark[2])
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p;
	if (!s->counting) {
		/* counted from the first mark on: marks are compared with each other */
		sqlite3_update_hook(s->db, rows_hook, s);
		s->counting = true;
	}
	p = st(s, S_DATA_VERSION, NULL);
	mark[0] = mark[1] = 0;
	if (!p) {
		return;
	}
	if (sqlite3_step(p) == SQLITE_ROW) {
		mark[0] = sqlite3_column_int64(p, 0) + 1;
		mark[1] = s->row_writes;
	}
	done(p);
}

/* By the rowids of was's read when it had both rows and they still hold the
 * record; otherwise (a row gone, or the record's rows are others now) by the key. */
static qs_status sq_entity_reread(qs_store *qs, const char *key, const qs_entity *was, qs_entity *out, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	char kind[sizeof(was->kind)], id[sizeof(was->id)];
	bool row = false;
	qs_status r;
	qs_strlcpy(kind, was->kind, sizeof(kind));
	qs_strlcpy(id, was->id, sizeof(id));
	if (was->row_id > 0 && was->q_row_id > 0) {
		const long long rowids[2] = { was->row_id, was->q_row_id };
		r = entity_get_by(s, key, kind, id, rowids, out, &row, e);
		if (r != QS_OK || (row && out->q_row_id == rowids[1])) {
			return r;
		}
		qs_entity_clear(out);
	}
	return entity_get_by(s, key, kind, id, NULL, out, &row, e);
}

static qs_status sq_entity_ref(qs_store *qs, const char *key, const char *kind, const char *id,
	qs_entity *out, qs_error *e)
{
	sqlite3_stmt *p;
	bool row;
	qs_status r = entity_read((sq_store *)qs, S_ENT_REF, key, kind, id, NULL, out, &p, &row, e);
	if (r == QS_OK && row) {
		r = col_outbox(p, 3, kind, id, &out->q_status, e);
		if (r != QS_OK) {
			out->exists = false;
		}
		out->version = sqlite3_column_int64(p, 4);
		out->synced_version = sqlite3_column_int64(p, 5);
		col_copy(p, 6, out->wait_kind, sizeof(out->wait_kind));
	}
	if (p) {
		done(p);
	}
	return r;
}

static qs_status sq_entity_by_qbo(qs_store *qs, const char *key, const char *kind, const char *qbo_id,
	char local_id[65], bool *found, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st(s, S_ENT_BY_QBO, e);
	qs_status r;
	*found = false;
	local_id[0] = '\0';
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	bind_text(p, 2, kind);
	bind_text(p, 3, qbo_id);
	r = step_row(s, p, e, "looking up a linked record", found);
	if (r == QS_OK && *found) {
		col_copy(p, 0, local_id, 65);
	}
	done(p);
	return r;
}

/* The record's key (1-3), then its state, reason, QBO Id and SyncToken (4-7):
 * how an entity write and an outcome write both begin. */
static void bind_record_state(sqlite3_stmt *p, const char *key, const qs_entity *en)
{
	bind_record(p, key, en);
	bind_static(p, 4, qs_state_name(en->state));
	bind_static_or_null(p, 5, en->reason);
	bind_static_or_null(p, 6, en->qbo_id);
	bind_static_or_null(p, 7, en->sync_token);
}

static qs_status sq_entity_put(qs_store *qs, const char *key, const qs_entity *en, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st_all(s, S_ENT_PUT, e);   /* binds ?1-?15, all there are */
	if (!p) {
		return QS_ESTORE;
	}
	bind_record_state(p, key, en);
	sqlite3_bind_int64(p, 8, en->version);
	sqlite3_bind_int64(p, 9, en->synced_version);
	bind_static_or_null(p, 10, en->hash);
	bind_static(p, 11, en->doc);
	sqlite3_bind_int64(p, 12, en->attempts);
	sqlite3_bind_double(p, 13, en->last_attempt);
	sqlite3_bind_double(p, 14, en->updated);
	bind_static_or_null(p, 15, en->create_rid);
	return run(s, p, e, "saving an entity");
}

static qs_status sq_outbox_put(qs_store *qs, const char *key, const qs_entity *en, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p;
	if (en->wait_kind[0]) {
		s->wait_txn = 0;   /* a row that waits: sq_outbox_release looks again */
	}
	if (en->q_status == QS_OUTBOX_NONE) {
		p = st_all(s, S_OB_DEL, e);   /* binds ?1-?3, all there are */
		if (!p) {
			return QS_ESTORE;
		}
		bind_record(p, key, en);
		return run(s, p, e, "removing an outbox row");
	}
	p = st_all(s, S_OB_PUT, e);   /* binds ?1-?13, all there are */
	if (!p) {
		return QS_ESTORE;
	}
	bind_record(p, key, en);
	bind_static(p, 4, qs_outbox_name(en->q_status));
	sqlite3_bind_int64(p, 5, en->q_version);
	sqlite3_bind_double(p, 6, en->next_try);
	bind_static_or_null(p, 7, en->owner);
	sqlite3_bind_double(p, 8, en->claimed);
	bind_static_or_null(p, 9, en->wait_kind);
	bind_static_or_null(p, 10, en->wait_id);
	sqlite3_bind_int64(p, 11, en->q_attempts);
	sqlite3_bind_int(p, 12, qs_kind_outbox_rank(en->kind, en->doc));
	sqlite3_bind_double(p, 13, qs_store_now());
	return run(s, p, e, "writing the outbox");
}

static qs_status sq_entity_outcome(qs_store *qs, const char *key, const qs_entity *en, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	bool same = en->row_id > 0 && en->state == en->row_state && !strcmp(en->qbo_id, en->row_qbo_id);
	/* binds every parameter the statement names (?13: the two forms by rowid) */
	sqlite3_stmt *p = st_all(s, same ? S_ENT_OUTCOME_SAME : en->row_id > 0 ? S_ENT_OUTCOME_ROW : S_ENT_OUTCOME, e);
	qs_status r;
	if (!p) {
		return QS_ESTORE;
	}
	bind_record_state(p, key, en);
	sqlite3_bind_int64(p, 8, en->synced_version);
	sqlite3_bind_int64(p, 9, en->attempts);
	sqlite3_bind_double(p, 10, en->last_attempt);
	sqlite3_bind_double(p, 11, en->updated);
	bind_static_or_null(p, 12, en->create_rid);
	if (en->row_id > 0) {
		sqlite3_bind_int64(p, 13, en->row_id);
	}
	r = run(s, p, e, "saving a delivery's outcome");
	if (r == QS_OK && sqlite3_changes(s->db) != 1) {
		r = sq_entity_put(qs, key, en, e);
	}
	return r;
}

static qs_status sq_entity_claim(qs_store *qs, const char *key, const qs_entity *en, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	/* each binds every parameter its statement names (?7, ?8: the forms by rowid) */
	sqlite3_stmt *p = st_all(s, en->row_id > 0 ? S_ENT_CLAIM_ROW : S_ENT_CLAIM, e);
	qs_status r;
	if (!p) {
		return QS_ESTORE;
	}
	bind_record(p, key, en);
	sqlite3_bind_int64(p, 4, en->attempts);
	sqlite3_bind_double(p, 5, en->last_attempt);
	bind_static_or_null(p, 6, en->create_rid);
	if (en->row_id > 0) {
		sqlite3_bind_int64(p, 7, en->row_id);
	}
	r = run(s, p, e, "claiming an entity");
	if (r == QS_OK && sqlite3_changes(s->db) != 1) {
		r = sq_entity_put(qs, key, en, e);
	}
	if (r != QS_OK) {
		return r;
	}
	p = st_all(s, en->q_row_id > 0 ? S_OB_CLAIM_ROW : S_OB_CLAIM, e);
	if (!p) {
		return QS_ESTORE;
	}
	bind_record(p, key, en);
	bind_static(p, 4, qs_outbox_name(en->q_status));
	bind_static_or_null(p, 5, en->owner);
	sqlite3_bind_double(p, 6, en->claimed);
	sqlite3_bind_int64(p, 7, en->q_attempts);
	if (en->q_row_id > 0) {
		sqlite3_bind_int64(p, 8, en->q_row_id);
	}
	r = run(s, p, e, "claiming an outbox row");
	if (r == QS_OK && sqlite3_changes(s->db) != 1) {
		r = sq_outbox_put(qs, key, en, e);
	}
	return r;
}

/* Steps a (kind, local_id, status, owner, claimed) query into cb. */
static qs_status outbox_rows(sq_store *s, sqlite3_stmt *p, qs_outbox_cb cb, void *ud, const char *hint_key, size_t *count,
	qs_error *e)
{
	qs_status r;
	bool more;
	/* copy rows first: the callback may use the store */
	typedef struct { char kind[16]; char id[65]; qs_outbox_status status; char owner[96]; double claimed; long long seq; } row;
	row *rows = NULL;
	size_t n = 0, cap = 0, i;
	while ((r = step_row(s, p, e, "reading the outbox", &more)) == QS_OK && more) {
		row *nr = qs_grow(rows, &cap, n, sizeof(row), 32);
		if (!nr) {
			free(rows);
			done(p);
			return qs_error_set(e, QS_EINTERNAL, "Out of memory reading the outbox");
		}
		rows = nr;
		col_copy(p, 0, rows[n].kind, sizeof(rows[n].kind));
		col_copy(p, 1, rows[n].id, sizeof(rows[n].id));
		col_copy(p, 3, rows[n].owner, sizeof(rows[n].owner));
		rows[n].claimed = sqlite3_column_double(p, 4);
		rows[n].seq = sqlite3_column_int64(p, 5);
		if ((r = col_outbox(p, 2, rows[n].kind, rows[n].id, &rows[n].status, e)) != QS_OK) {
			break;
		}
		n++;
	}
	done(p);
	if (r != QS_OK) {
		free(rows);
		return r;
	}
	if (hint_key) {
		/* the due list's seqs for the claims that follow it (none: no hints) */
		struct due_hint *h = n ? realloc(s->due, n * sizeof(*h)) : NULL;
		s->n_due = s->due_at = 0;
		if (h) {
			s->due = h;
			for (i = 0; i < n; i++) {
				memcpy(h[i].kind, rows[i].kind, sizeof(h[i].kind));
				memcpy(h[i].id, rows[i].id, sizeof(h[i].id));
				h[i].seq = rows[i].seq;
			}
			s->n_due = n;
			qs_strlcpy(s->due_key, hint_key, sizeof(s->due_key));
		}
	}
	for (i = 0; i < n; i++) {
		if (cb) {
			cb(ud, rows[i].kind, rows[i].id, rows[i].status, rows[i].owner, rows[i].claimed);
		}
	}
	free(rows);
	if (count) {
		*count = n;
	}
	return QS_OK;
}

static qs_status sq_outbox_due(qs_store *qs, const char *key, double now, long limit,
	qs_outbox_cb cb, void *ud, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st(s, S_OB_DUE, e);
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	sqlite3_bind_double(p, 2, now);
	sqlite3_bind_int64(p, 3, limit > 0 ? limit : -1);
	return outbox_rows(s, p, cb, ud, strlen(key) < sizeof(s->due_key) ? key : NULL, NULL, e);
}

/* Sets s->wait_any: whether a row of key may wait on a record now, read once
 * in a write transaction (true outside one: each release then looks itself). */
static qs_status any_waiting(sq_store *s, const char *key, qs_error *e)
{
	sqlite3_stmt *p;
	qs_status r;
	bool any = false;
	if (s->reading || sqlite3_get_autocommit(s->db) || strlen(key) >= sizeof(s->wait_key)) {
		s->wait_any = true;
		s->wait_txn = 0;
		return QS_OK;
	}
	if (s->wait_txn > 0 && s->wait_txn == s->txn_no && !strcmp(s->wait_key, key)) {
		return QS_OK;
	}
	p = st_all(s, S_OB_ANY_WAIT, e);   /* binds ?1, all there is */
	if (!p) {
		return QS_ESTORE;
	}
	bind_static(p, 1, key);
	r = step_row(s, p, e, "looking for waiting records", &any);
	done(p);
	if (r != QS_OK) {
		return r;
	}
	s->wait_any = any;
	s->wait_txn = s->txn_no;
	qs_strlcpy(s->wait_key, key, sizeof(s->wait_key));
	return QS_OK;
}

static qs_status sq_outbox_release(qs_store *qs, const char *key, const char *kind, const char *id,
	double now, qs_outbox_cb cb, void *ud, long *n, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p;
	qs_status r;
	*n = 0;
	r = any_waiting(s, key, e);
	if (r != QS_OK || !s->wait_any) {
		return r;   /* no row of the company waits on anything */
	}
	if (cb) {
		size_t waiting = 0;
		p = st_all(s, S_OB_WAITERS, e);   /* binds ?1-?3, all there are */
		if (!p) {
			return QS_ESTORE;
		}
		bind_static(p, 1, key);
		bind_static(p, 2, kind);
		bind_static(p, 3, id);
		r = outbox_rows(s, p, cb, ud, NULL, &waiting, e);
		if (r != QS_OK || waiting == 0) {
			return r;   /* nothing waits on it: the release below would change no row */
		}
	} else {
		bool any = false;
		p = st_all(s, S_OB_ANY_WAITER, e);   /* binds ?1-?3, all there are */
		if (!p) {
			return QS_ESTORE;
		}
		bind_static(p, 1, key);
		bind_static(p, 2, kind);
		bind_static(p, 3, id);
		r = step_row(s, p, e, "looking for waiting records", &any);
		done(p);
		if (r != QS_OK || !any) {
			return r;   /* nothing waits on it: nothing to release */
		}
	}
	p = st(s, S_OB_RELEASE, e);
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	bind_text(p, 2, kind);
	bind_text(p, 3, id);
	sqlite3_bind_double(p, 4, now);
	r = run(s, p, e, "releasing waiting records");
	if (r == QS_OK) {
		*n = (long)sqlite3_changes(s->db);
	}
	return r;
}

/* SQLite's write transaction (BEGIN IMMEDIATE) already excludes every other
 * one: the claim's read is the plain read, never held elsewhere. */
static qs_status sq_outbox_lock(qs_store *qs, const char *key, const char *kind, const char *id,
	qs_entity *out, bool *held, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	size_t i, end;
	*held = false;
	/* claims go in the due list's order, some of it skipped: a short look ahead */
	end = s->due_at + 8 < s->n_due ? s->due_at + 8 : s->n_due;
	for (i = s->due_at; i < end; i++) {
		if (!strcmp(s->due[i].id, id) && !strcmp(s->due[i].kind, kind) && !strcmp(s->due_key, key)) {
			const long long rowids[2] = { 0, s->due[i].seq };
			bool row = false;
			qs_status r;
			s->due_at = i + 1;
			r = entity_get_by(s, key, kind, id, rowids, out, &row, e);
			if (r != QS_OK || row) {
				return r;
			}
			qs_entity_clear(out);
			break;   /* moved or gone: by the key */
		}
	}
	return sq_entity_get(qs, key, kind, id, out, e);
}

static qs_status sq_claims_renew(qs_store *qs, const char *key, const char *owner, const char *claim_owner, double now,
	double flight_until, long *n, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	static const int ids[3] = { S_RENEW_CLAIMS, S_RENEW_WORKER, S_RENEW_FLIGHT };
	qs_status r;
	int i;
	*n = 0;
	r = sq_begin(qs, true, e);
	for (i = 0; r == QS_OK && i < 3; i++) {
		sqlite3_stmt *p = st(s, ids[i], e);
		if (!p) {
			r = QS_ESTORE;
			break;
		}
		bind_text(p, 1, key);
		bind_text(p, 2, i == 0 ? claim_owner : owner);
		sqlite3_bind_double(p, 3, i == 2 ? flight_until : now);
		r = run(s, p, e, "renewing the leases of this process's claims");
		if (r == QS_OK && i == 0) {
			*n = (long)sqlite3_changes(s->db);
		}
	}
	if (r == QS_OK) {
		r = sq_commit(qs, e);
	} else {
		sq_rollback(qs);
	}
	return r;
}

static qs_status sq_outbox_count(qs_store *qs, const char *key, long *n, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st(s, S_OB_COUNT, e);
	qs_status r;
	bool row;
	*n = 0;
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	r = step_row(s, p, e, "counting the outbox", &row);
	if (r == QS_OK && row) {
		*n = (long)sqlite3_column_int64(p, 0);
	}
	done(p);
	return r;
}

static qs_status sq_entity_counts(qs_store *qs, const char *key, qs_count_cb cb, void *ud, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st(s, S_ENT_COUNTS, e);
	qs_status r;
	bool row;
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	while ((r = step_row(s, p, e, "counting entities", &row)) == QS_OK && row) {
		const char *t = (const char *)sqlite3_column_text(p, 0);
		qs_state v = qs_state_of(t);
		if (v == QS__STATE_COUNT) {
			char label[48];
			snprintf(label, sizeof(label), "(%lld of them)", (long long)sqlite3_column_int64(p, 1));
			r = qs_name_unknown(e, "entity", label, "state", t, NULL);
			break;
		}
		cb(ud, v, (long)sqlite3_column_int64(p, 1));
	}
	done(p);
	return r;
}

static qs_status sq_entity_list(qs_store *qs, const char *key, const char *kind, const char *state,
	const char *id, long limit, long offset, qs_entity_cb cb, void *ud, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st(s, S_ENT_LIST + (kind ? 1 : 0) + (state ? 2 : 0) + (id ? 4 : 0), e);
	bool row;
	char (*ids)[2][65] = NULL;
	size_t n = 0, cap = 0, i;
	qs_status r;
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	bind_text(p, 2, kind);
	bind_text(p, 3, state);
	bind_text(p, 4, id);
	sqlite3_bind_int64(p, 5, limit > 0 ? (sqlite3_int64)limit : -1);
	sqlite3_bind_int64(p, 6, offset > 0 ? (sqlite3_int64)offset : 0);
	while ((r = step_row(s, p, e, "listing entities", &row)) == QS_OK && row) {
		void *nr = qs_grow(ids, &cap, n, sizeof(*ids), 64);
		if (!nr) {
			free(ids);
			done(p);
			return qs_error_set(e, QS_EINTERNAL, "Out of memory listing entities");
		}
		ids = nr;
		col_copy(p, 0, ids[n][0], 65);
		col_copy(p, 1, ids[n][1], 65);
		n++;
	}
	done(p);
	if (r != QS_OK) {
		free(ids);
		return r;
	}
	for (i = 0; i < n && r == QS_OK; i++) {
		qs_entity en;
		r = sq_entity_get(&s->base, key, ids[i][1], ids[i][0], &en, e);
		if (r == QS_OK && en.exists) {
			cb(ud, &en);
		}
		qs_entity_clear(&en);
	}
	free(ids);
	return r;
}

static qs_status sq_entity_total(qs_store *qs, const char *key, const char *kind, const char *state,
	const char *id, long *n, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st(s, S_ENT_TOTAL + (kind ? 1 : 0) + (state ? 2 : 0) + (id ? 4 : 0), e);
	qs_status r;
	bool row;
	*n = 0;
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	bind_text(p, 2, kind);
	bind_text(p, 3, state);
	bind_text(p, 4, id);
	r = step_row(s, p, e, "counting entities", &row);
	if (r == QS_OK && row) {
		*n = (long)sqlite3_column_int64(p, 0);
	}
	done(p);
	return r;
}

/* ---------- mappings ---------- */

static qs_status sq_map_get(qs_store *qs, const char *key, const char *kind, const char *local_id,
	const char *purpose, qs_mapping *out, bool *found, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st_all(s, S_MAP_GET, e);   /* binds ?1-?4, all there are */
	qs_status r;
	*found = false;
	memset(out, 0, sizeof(*out));
	if (!p) {
		return QS_ESTORE;
	}
	/* the arguments outlive the step: bound without a copy (a push reads its customer's mapping) */
	bind_static(p, 1, key);
	bind_static(p, 2, kind);
	bind_static(p, 3, local_id);
	bind_static(p, 4, purpose ? purpose : "");
	r = step_row(s, p, e, "reading a mapping", found);
	if (r == QS_OK && *found) {
		qs_strlcpy(out->kind, kind, sizeof(out->kind));
		qs_strlcpy(out->local_id, local_id, sizeof(out->local_id));
		col_copy(p, 0, out->qbo_id, sizeof(out->qbo_id));
		col_copy(p, 1, out->name, sizeof(out->name));
		col_copy(p, 2, out->purpose, sizeof(out->purpose));
		out->created = sqlite3_column_double(p, 3);
		col_copy(p, 4, out->start_date, sizeof(out->start_date));
	}
	done(p);
	return r;
}

static qs_status sq_map_any(qs_store *qs, const char *key, const char *kind, const char *purpose,
	qs_mapping *out, bool *found, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st(s, S_MAP_ANY, e);
	qs_status r;
	*found = false;
	memset(out, 0, sizeof(*out));
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	bind_text(p, 2, kind);
	bind_text(p, 3, purpose ? purpose : "");
	r = step_row(s, p, e, "reading a mapping", found);
	if (r == QS_OK && *found) {
		qs_strlcpy(out->kind, kind, sizeof(out->kind));
		col_copy(p, 0, out->local_id, sizeof(out->local_id));
		col_copy(p, 1, out->qbo_id, sizeof(out->qbo_id));
		col_copy(p, 2, out->name, sizeof(out->name));
		qs_strlcpy(out->purpose, purpose ? purpose : "", sizeof(out->purpose));
		out->created = sqlite3_column_double(p, 3);
	}
	done(p);
	return r;
}

static qs_status sq_map_put(qs_store *qs, const char *key, const qs_mapping *m, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st(s, S_MAP_PUT, e);
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	bind_text(p, 2, m->kind);
	bind_text(p, 3, m->local_id);
	bind_text(p, 4, m->purpose);
	bind_text(p, 5, m->qbo_id);
	bind_text_or_null(p, 6, m->name);
	sqlite3_bind_double(p, 7, m->created > 0 ? m->created : qs_store_now());
	return run(s, p, e, "saving a mapping");
}

static qs_status sq_map_del(qs_store *qs, const char *key, const char *kind, const char *local_id,
	bool *removed, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st(s, S_MAP_DEL, e);
	qs_status r;
	*removed = false;
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	bind_text(p, 2, kind);
	bind_text(p, 3, local_id);
	r = run(s, p, e, "removing a mapping");
	if (r == QS_OK) {
		*removed = sqlite3_changes(s->db) > 0;
	}
	return r;
}

static qs_status sq_map_start(qs_store *qs, const char *key, const char *kind, const char *local_id,
	const char *start_date, bool *found, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st(s, S_MAP_START, e);
	qs_status r;
	*found = false;
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	bind_text(p, 2, kind);
	bind_text(p, 3, local_id);
	bind_text_or_null(p, 4, start_date);
	r = run(s, p, e, "saving a customer's start date");
	if (r == QS_OK) {
		*found = sqlite3_changes(s->db) > 0;
	}
	return r;
}

/* Parks realm from's links and restores realm to's (inside the caller's
 * transaction): statements run once, so they are prepared here, not cached. */
static qs_status sq_realm_switch(qs_store *qs, const char *key, const char *from, const char *to, qs_error *e)
{
	static const char *const sql[] = {
		"DELETE FROM realm_link WHERE conn = ?1 AND realm = ?2",
		"INSERT INTO realm_link(conn, realm, kind, local_id, qbo_id, sync_token, state, reason, synced_version)"
		" SELECT conn, ?2, kind, local_id, qbo_id, sync_token, state, reason, synced_version FROM entity"
		" WHERE conn = ?1 AND qbo_id IS NOT NULL AND qbo_id != ''",
		"DELETE FROM realm_mapping WHERE conn = ?1 AND realm = ?2",
		"INSERT INTO realm_mapping(conn, realm, kind, local_id, purpose, qbo_id, name, created, start_date)"
		" SELECT conn, ?2, kind, local_id, purpose, qbo_id, name, created, start_date FROM mapping WHERE conn = ?1",
		"DELETE FROM mapping WHERE conn = ?1",
		"UPDATE entity SET qbo_id = NULL, sync_token = NULL, create_rid = NULL, synced_version = 0 WHERE conn = ?1",
		"UPDATE entity SET qbo_id = l.qbo_id, sync_token = l.sync_token, synced_version = l.synced_version,"
		" state = l.state, reason = l.reason FROM realm_link AS l"
		" WHERE entity.conn = ?1 AND l.conn = ?1 AND l.realm = ?3 AND l.kind = entity.kind AND l.local_id = entity.local_id",
		"INSERT OR REPLACE INTO mapping(conn, kind, local_id, purpose, qbo_id, name, created, start_date)"
		" SELECT conn, kind, local_id, purpose, qbo_id, name, created, start_date FROM realm_mapping WHERE conn = ?1 AND realm = ?3",
		"DELETE FROM realm_link WHERE conn = ?1 AND realm = ?3",
		"DELETE FROM realm_mapping WHERE conn = ?1 AND realm = ?3",
	};
	sq_store *s = (sq_store *)qs;
	size_t i;
	for (i = 0; i < sizeof(sql) / sizeof(sql[0]); i++) {
		sqlite3_stmt *p = NULL;
		int n, rc;
		if (sqlite3_prepare_v2(s->db, sql[i], -1, &p, NULL) != SQLITE_OK) {
			return db_fail(s, e, "preparing the switch to another company");
		}
		n = sqlite3_bind_parameter_count(p);
		sqlite3_bind_text(p, 1, key, -1, SQLITE_STATIC);
		if (n >= 2) {
			sqlite3_bind_text(p, 2, from, -1, SQLITE_STATIC);
		}
		if (n >= 3) {
			sqlite3_bind_text(p, 3, to, -1, SQLITE_STATIC);
		}
		rc = sqlite3_step(p);
		sqlite3_finalize(p);
		if (rc != SQLITE_DONE) {
			return db_fail(s, e, "switching to another company");
		}
	}
	return QS_OK;
}

static qs_status sq_map_list(qs_store *qs, const char *key, const char *kind,
	qs_mapping_cb cb, void *ud, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st(s, kind ? S_MAP_LIST_KIND : S_MAP_LIST_ALL, e);
	qs_status r;
	bool row;
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	if (kind) {
		bind_text(p, 2, kind);
	}
	while ((r = step_row(s, p, e, "listing mappings", &row)) == QS_OK && row) {
		qs_mapping m;
		memset(&m, 0, sizeof(m));
		col_copy(p, 0, m.kind, sizeof(m.kind));
		col_copy(p, 1, m.local_id, sizeof(m.local_id));
		col_copy(p, 2, m.qbo_id, sizeof(m.qbo_id));
		col_copy(p, 3, m.name, sizeof(m.name));
		col_copy(p, 4, m.purpose, sizeof(m.purpose));
		m.created = sqlite3_column_double(p, 5);
		col_copy(p, 6, m.start_date, sizeof(m.start_date));
		cb(ud, &m);
	}
	done(p);
	return r;
}

/* ---------- log ---------- */

static qs_status sq_log_list(qs_store *qs, const char *key, const char *kind, const char *id,
	long limit, qs_log_cb cb, void *ud, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st(s, S_LOG_LIST, e);
	qs_status r;
	bool row;
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	bind_text(p, 2, kind);
	bind_text(p, 3, id);
	sqlite3_bind_int64(p, 4, limit > 0 ? limit : 100);
	while ((r = step_row(s, p, e, "reading the log", &row)) == QS_OK && row) {
		const unsigned char *lv = sqlite3_column_text(p, 1), *k = sqlite3_column_text(p, 2),
			*i = sqlite3_column_text(p, 3), *m = sqlite3_column_text(p, 4);
		cb(ud, sqlite3_column_double(p, 0), lv ? (const char *)lv : "", k ? (const char *)k : NULL,
			i ? (const char *)i : NULL, m ? (const char *)m : "");
	}
	done(p);
	return r;
}

/* A decision row written inside a write transaction is held until the
 * transaction's commit (or the next statement that reads or writes the log)
 * and inserted then with the others, up to LOG_MANY_MAX rows a statement
 * (one prepared for each number of rows): one statement's run instead of each
 * row's (SQLite opens a cursor on the log and each of its six indexes for
 * every run). It commits with the transaction, with the time it was written;
 * a rollback drops it, as when it was inserted at once. */
static void log_drop(sq_store *s)
{
	size_t i;
	for (i = 0; i < s->n_held; i++) {
		free(s->held[i].block);
	}
	s->n_held = 0;
}

static sqlite3_stmt *log_many_stmt(sq_store *s, size_t rows)
{
	if (!s->log_many[rows - 1]) {
		char sql[128 + LOG_MANY_MAX * 16];
		size_t i, n = 0;
		n += (size_t)snprintf(sql, sizeof(sql), "INSERT INTO log(conn, at, level, kind, local_id, message) VALUES");
		for (i = 0; i < rows; i++) {
			n += (size_t)snprintf(sql + n, sizeof(sql) - n, "%s(?,?,?,?,?,?)", i ? "," : "");
		}
		if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->log_many[rows - 1], NULL) != SQLITE_OK) {
			s->log_many[rows - 1] = NULL;
		}
	} else {
		sqlite3_reset(s->log_many[rows - 1]);   /* every parameter is bound before each run */
	}
	return s->log_many[rows - 1];
}

/* Inserts the held rows in the caller's transaction (failures ignored, as
 * sq_log's own); none when that transaction is gone (SQLite rolled it back). */
static void log_flush(sq_store *s)
{
	size_t i = 0, k;
	if (s->n_held == 0) {
		return;
	}
	while (i < s->n_held && !sqlite3_get_autocommit(s->db)) {
		size_t c = s->n_held - i < LOG_MANY_MAX ? s->n_held - i : LOG_MANY_MAX;
		sqlite3_stmt *p = log_many_stmt(s, c);
		if (!p) {
			break;
		}
		for (k = 0; k < c; k++) {
			const struct held_log *h = &s->held[i + k];
			int b = (int)(k * 6);
			bind_static(p, b + 1, h->key);
			sqlite3_bind_double(p, b + 2, h->at);
			bind_static(p, b + 3, h->level);
			bind_static(p, b + 4, h->kind);
			bind_static(p, b + 5, h->id);
			bind_static(p, b + 6, h->message);
		}
		sqlite3_step(p);
		done(p);
		i += c;
	}
	log_drop(s);
}

/* Holds a row of the caller's write transaction; false when it cannot (then
 * it is inserted at once). */
static bool log_hold(sq_store *s, const char *key, const char *level, const char *kind, const char *id,
	const char *message)
{
	size_t lk = key ? strlen(key) + 1 : 0, ll = strlen(level) + 1, lkd = kind && *kind ? strlen(kind) + 1 : 0,
		li = id && *id ? strlen(id) + 1 : 0, lm = strlen(message) + 1;
	struct held_log *h;
	char *b;
	if (s->n_held == s->cap_held) {
		size_t cap = s->cap_held ? s->cap_held * 2 : 32;
		h = realloc(s->held, cap * sizeof(*h));
		if (!h) {
			return false;
		}
		s->held = h;
		s->cap_held = cap;
	}
	b = malloc(lk + ll + lkd + li + lm);   /* the row's texts, one after the other */
	if (!b) {
		return false;
	}
	h = &s->held[s->n_held];
	h->at = qs_store_now();
	h->block = b;
	h->key = lk ? memcpy(b, key, lk) : NULL;
	h->level = memcpy(b + lk, level, ll);
	h->kind = lkd ? memcpy(b + lk + ll, kind, lkd) : NULL;
	h->id = li ? memcpy(b + lk + ll + lkd, id, li) : NULL;
	h->message = memcpy(b + lk + ll + lkd + li, message, lm);
	s->n_held++;
	return true;
}

static void sq_log(qs_store *qs, const char *key, const char *level, const char *kind,
	const char *id, const char *message)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p;
	if (!s->reading && !sqlite3_get_autocommit(s->db)
			&& log_hold(s, key, level ? level : "info", kind, id, message ? message : "")) {
		return;
	}
	log_flush(s);   /* the rows held before it come first */
	p = st(s, S_LOG, NULL);
	if (!p) {
		return;
	}
	/* the arguments outlive the step: bound without a copy */
	bind_static(p, 1, key);
	sqlite3_bind_double(p, 2, qs_store_now());
	bind_static(p, 3, level);
	bind_static_or_null(p, 4, kind);
	bind_static_or_null(p, 5, id);
	bind_static(p, 6, message ? message : "");
	sqlite3_step(p);
	done(p);
}

static void sq_log_put(qs_store *qs, const char *key, const qs_log_row *row)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st(s, S_LOG_PUT, NULL);
	if (!p || !row) {
		return;
	}
	/* the row outlives the step (the bodies are the largest texts the store
	 * writes): bound without a copy */
	bind_static(p, 1, key);
	sqlite3_bind_double(p, 2, row->at > 0 ? row->at : qs_store_now());
	bind_static(p, 3, row->level ? row->level : "info");
	bind_static_or_null(p, 4, row->kind);
	bind_static_or_null(p, 5, row->id);
	bind_static(p, 6, row->message ? row->message : "");
	bind_static(p, 7, row->method);
	bind_static(p, 8, row->method ? (row->path ? row->path : "") : NULL);
	if (row->method) {
		sqlite3_bind_int64(p, 9, row->status);
		sqlite3_bind_double(p, 12, row->ms);
	}
	bind_static_or_null(p, 10, row->code);
	bind_static_or_null(p, 11, row->intuit_tid);
	bind_static_or_null(p, 13, row->records);
	bind_static(p, 14, row->request);
	bind_static(p, 15, row->response);
	sqlite3_step(p);
	done(p);
}

static const char *col_textn(sqlite3_stmt *p, int i)
{
	return (const char *)sqlite3_column_text(p, i);
}

static qs_status sq_log_find(qs_store *qs, const char *key, const qs_log_filter *f, qs_log_row_cb cb, void *ud,
	qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	int id = f->intuit_tid ? S_LOG_FIND_TID : (f->kind && f->id) ? S_LOG_FIND_REC : f->code ? S_LOG_FIND_CODE
		: f->min_level > 0 ? S_LOG_FIND_WARN : f->type == QS_LOG_EXCHANGES ? S_LOG_FIND_EXCH : S_LOG_FIND_ALL;
	sqlite3_stmt *p = st(s, id, e);
	qs_status r;
	bool row;
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	sqlite3_bind_int(p, 2, f->min_level);
	bind_text(p, 3, f->kind);
	bind_text(p, 4, f->id);
	bind_text(p, 5, f->code);
	bind_text(p, 6, f->intuit_tid);
	sqlite3_bind_double(p, 7, f->since > 0 ? f->since : -1.0);
	sqlite3_bind_double(p, 8, f->until > 0 ? f->until : 1e300);
	sqlite3_bind_int(p, 9, (int)f->type);
	sqlite3_bind_int64(p, 10, f->limit > 0 ? f->limit : 100);
	sqlite3_bind_int64(p, 11, f->offset > 0 ? f->offset : 0);
	while ((r = step_row(s, p, e, "reading the log", &row)) == QS_OK && row) {
		qs_log_row x;
		memset(&x, 0, sizeof(x));
		x.seq = sqlite3_column_int64(p, 0);
		x.at = sqlite3_column_double(p, 1);
		x.level = col_textn(p, 2);
		x.kind = col_textn(p, 3);
		x.id = col_textn(p, 4);
		x.message = col_textn(p, 5);
		x.method = col_textn(p, 6);
		x.path = col_textn(p, 7);
		x.status = (long)sqlite3_column_int64(p, 8);
		x.code = col_textn(p, 9);
		x.intuit_tid = col_textn(p, 10);
		x.ms = sqlite3_column_double(p, 11);
		x.records = col_textn(p, 12);
		x.request = col_textn(p, 13);
		x.response = col_textn(p, 14);
		if (!x.level) {
			x.level = "info";
		}
		if (!x.message) {
			x.message = "";
		}
		cb(ud, &x);
	}
	done(p);
	return r;
}

static qs_status sq_log_prune(qs_store *qs, const char *key, double before, long max_rows, long batch,
	long *removed, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p;
	qs_status r;
	*removed = 0;
	if (batch < 1) {
		batch = 1000;
	}
	p = st(s, S_LOG_PRUNE_AGE, e);
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	sqlite3_bind_double(p, 2, before);
	sqlite3_bind_int64(p, 3, batch);
	r = run(s, p, e, "removing old log rows");
	if (r != QS_OK) {
		return r;
	}
	*removed += (long)sqlite3_changes(s->db);
	if (max_rows > 0 && *removed < batch) {
		p = st(s, S_LOG_PRUNE_ROWS, e);
		if (!p) {
			return QS_ESTORE;
		}
		sqlite3_bind_int64(p, 1, max_rows);
		sqlite3_bind_int64(p, 2, batch - *removed);
		r = run(s, p, e, "removing the log rows past its largest size");
		if (r == QS_OK) {
			*removed += (long)sqlite3_changes(s->db);
		}
	}
	return r;
}

/* ---------- hook events (billing-platform hooks waiting to be expanded) ---------- */

static qs_status sq_hook_put(qs_store *qs, const char *key, const char *event, const char *ids, double now, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st(s, S_HOOK_PUT, e);
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	bind_text(p, 2, event);
	bind_text(p, 3, ids);
	sqlite3_bind_double(p, 4, now);
	return run(s, p, e, "recording a hook event");
}

static qs_status sq_hook_due(qs_store *qs, const char *key, long long after, long limit, qs_hook_cb cb, void *ud, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st(s, S_HOOK_DUE, e);
	qs_status r;
	bool row;
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	sqlite3_bind_int64(p, 2, limit > 0 ? limit : -1);
	sqlite3_bind_int64(p, 3, after);
	while ((r = step_row(s, p, e, "reading the hook events", &row)) == QS_OK && row) {
		const unsigned char *ev = sqlite3_column_text(p, 1), *ids = sqlite3_column_text(p, 2);
		cb(ud, (long long)sqlite3_column_int64(p, 0), ev ? (const char *)ev : "", ids ? (const char *)ids : "{}",
			(long)sqlite3_column_int64(p, 3));
	}
	done(p);
	return r;
}

static qs_status sq_hook_del(qs_store *qs, const char *key, long long seq, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st(s, S_HOOK_DEL, e);
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	sqlite3_bind_int64(p, 2, seq);
	return run(s, p, e, "removing an expanded hook event");
}

static qs_status sq_hook_fail(qs_store *qs, const char *key, long long seq, bool final, const char *message, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st(s, S_HOOK_FAIL, e);
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	sqlite3_bind_int64(p, 2, seq);
	bind_text(p, 3, final ? "error" : "pending");
	bind_text(p, 4, message);
	return run(s, p, e, "recording a hook event's failure");
}

static qs_status sq_hook_count(qs_store *qs, const char *key, long *pending, long *errors, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st(s, S_HOOK_COUNT, e);
	qs_status r;
	bool row;
	*pending = *errors = 0;
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	r = step_row(s, p, e, "counting the hook events", &row);
	if (r == QS_OK && row) {
		*pending = (long)sqlite3_column_int64(p, 0);
		*errors = (long)sqlite3_column_int64(p, 1);
	}
	done(p);
	return r;
}

/* ------------------------------------------------------------------ limiter
 * The per-company request limiter (schema v2, table rate_slot). Kept together
 * so it moves with the store's operations table. */

static qs_status sq_rate_take(qs_store *qs, const char *key, double now, double until, double window,
	long per_window, long batch_per_window, bool batch, double *wait, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p;
	qs_status r;
	bool row = false;
	long n = 0, nb = 0;
	double oldest = now, oldest_b = now;
	*wait = 0;
	r = sq_begin(qs, true, e);
	if (r != QS_OK) {
		return r;
	}
	p = st(s, S_RATE_PRUNE, e);
	if (!p) {
		sq_rollback(qs);
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	sqlite3_bind_double(p, 2, now - window);
	r = run(s, p, e, "pruning the request limiter");
	if (r == QS_OK && !(p = st(s, S_RATE_COUNT, e))) {
		r = QS_ESTORE;
	}
	if (r == QS_OK) {
		bind_text(p, 1, key);
		r = step_row(s, p, e, "reading the request limiter", &row);
		if (r == QS_OK && row) {
			n = (long)sqlite3_column_int64(p, 0);
			nb = (long)sqlite3_column_int64(p, 1);
			if (sqlite3_column_type(p, 2) != SQLITE_NULL) {
				oldest = sqlite3_column_double(p, 2);
			}
			if (sqlite3_column_type(p, 3) != SQLITE_NULL) {
				oldest_b = sqlite3_column_double(p, 3);
			}
		}
		done(p);
	}
	if (r == QS_OK) {
		/* each budget is checked on its own: a spent one is spent, whatever
		 * the other's state or the rounding of its wait (a per-minute budget
		 * whose oldest slot leaves the window this very moment must not let a
		 * /batch past a spent batch budget); the caller looks again when the
		 * later of the two frees */
		bool full = n >= per_window || (batch && nb >= batch_per_window);
		/* a slot frees one window after its stamp; a stamp still to come
		 * (its request in flight) frees one window after now at the
		 * earliest, when the request ends this moment */
		if (oldest > now) {
			oldest = now;
		}
		if (oldest_b > now) {
			oldest_b = now;
		}
		if (n >= per_window) {
			*wait = oldest + window - now;
		}
		if (batch && nb >= batch_per_window && oldest_b + window - now > *wait) {
			*wait = oldest_b + window - now;
		}
		if (full && *wait < 0.001) {
			*wait = 0.001;
		}
		if (!full) {
			*wait = 0;
			if (!(p = st(s, S_RATE_ADD, e))) {
				r = QS_ESTORE;
			} else {
				bind_text(p, 1, key);
				sqlite3_bind_double(p, 2, until);
				sqlite3_bind_int(p, 3, batch ? 1 : 0);
				r = run(s, p, e, "recording a request in the limiter");
			}
		}
	}
	if (r == QS_OK) {
		r = sq_commit(qs, e);
	} else {
		sq_rollback(qs);
	}
	return r;
}

/* ------------------------------------------------------------------ named values */

static qs_status sq_meta_get(qs_store *qs, const char *key, const char *name, char **value, double *at, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st(s, S_META_GET, e);
	qs_status r;
	bool row;
	*value = NULL;
	*at = 0;
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	bind_text(p, 2, name);
	r = step_row(s, p, e, "reading a stored value", &row);
	if (r == QS_OK && row) {
		const unsigned char *t = sqlite3_column_text(p, 0);
		*at = sqlite3_column_double(p, 1);
		if (t) {
			*value = strdup((const char *)t);
			if (!*value) {
				r = qs_error_set(e, QS_EINTERNAL, "Out of memory reading a stored value");
			}
		}
	}
	done(p);
	return r;
}

static qs_status sq_meta_put(qs_store *qs, const char *key, const char *name, const char *value, double at, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st(s, S_META_UPD, e);
	qs_status r;
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	bind_text(p, 2, name);
	bind_text(p, 3, value);
	sqlite3_bind_double(p, 4, at);
	r = run(s, p, e, "saving a stored value");
	if (r != QS_OK || sqlite3_changes(s->db) > 0) {
		return r;
	}
	p = st(s, S_META_INS, e);
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	bind_text(p, 2, name);
	bind_text(p, 3, value);
	sqlite3_bind_double(p, 4, at);
	return run(s, p, e, "saving a stored value");
}

/* ------------------------------------------------------------------ QBO-side changes */

static qs_status sq_event_put(qs_store *qs, const char *key, const qs_qbo_event *ev, const char *dedupe,
	bool *inserted, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st(s, S_EV_SEEN, e);
	qs_status r;
	bool row;
	*inserted = false;
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	bind_text(p, 2, dedupe);
	r = step_row(s, p, e, "looking for a known QuickBooks change", &row);
	done(p);
	if (r != QS_OK || row) {
		return r;
	}
	p = st(s, S_EV_PUT, e);
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	bind_text(p, 2, dedupe);
	bind_text(p, 3, ev->realm);
	bind_text(p, 4, ev->entity);
	bind_text(p, 5, ev->qbo_id);
	bind_text(p, 6, ev->operation);
	bind_text(p, 7, ev->at);
	sqlite3_bind_double(p, 8, ev->created > 0 ? ev->created : qs_store_now());
	r = run(s, p, e, "recording a QuickBooks change");
	*inserted = r == QS_OK;
	return r;
}

static qs_status sq_event_list(qs_store *qs, const char *key, long long since_id, long limit, const char *entity,
	bool pending_only, qs_event_cb cb, void *ud, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st(s, pending_only ? S_EV_PENDING : S_EV_LIST, e);
	qs_status r;
	bool row;
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	if (pending_only) {
		sqlite3_bind_int64(p, 2, limit > 0 ? limit : -1);
	} else {
		sqlite3_bind_int64(p, 2, since_id);
		bind_text_or_null(p, 3, entity);
		sqlite3_bind_int64(p, 4, limit > 0 ? limit : -1);
	}
	while ((r = step_row(s, p, e, "reading the QuickBooks changes", &row)) == QS_OK && row) {
		qs_qbo_event ev;
		memset(&ev, 0, sizeof(ev));
		ev.id = (long long)sqlite3_column_int64(p, 0);
		col_copy(p, 1, ev.realm, sizeof(ev.realm));
		col_copy(p, 2, ev.entity, sizeof(ev.entity));
		col_copy(p, 3, ev.qbo_id, sizeof(ev.qbo_id));
		col_copy(p, 4, ev.operation, sizeof(ev.operation));
		col_copy(p, 5, ev.at, sizeof(ev.at));
		col_copy(p, 7, ev.local_kind, sizeof(ev.local_kind));
		col_copy(p, 8, ev.local_id, sizeof(ev.local_id));
		ev.doc = (const char *)sqlite3_column_text(p, 9);
		ev.message = (const char *)sqlite3_column_text(p, 10);
		ev.created = sqlite3_column_double(p, 11);
		ev.status = qs_event_of((const char *)sqlite3_column_text(p, 6));
		if (ev.status == QS__EVENT_COUNT) {
			char label[32];
			snprintf(label, sizeof(label), "%lld", ev.id);
			r = qs_name_unknown(e, "qbo_event", label, "status", (const char *)sqlite3_column_text(p, 6), NULL);
			break;
		}
		cb(ud, &ev);
	}
	done(p);
	return r;
}

static qs_status sq_event_done(qs_store *qs, const char *key, const qs_qbo_event *ev, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st(s, S_EV_DONE, e);
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	sqlite3_bind_int64(p, 2, ev->id);
	bind_static(p, 3, qs_event_name(ev->status));
	bind_text_or_null(p, 4, ev->local_kind);
	bind_text_or_null(p, 5, ev->local_id);
	bind_text(p, 6, ev->doc);
	bind_text(p, 7, ev->message);
	return run(s, p, e, "saving a QuickBooks change's outcome");
}

/* ------------------------------------------------------------------ worker lock and history job
 * One row per company each; written as delete + insert (portable SQL) inside
 * the caller's transaction. */

static qs_status sq_worker_get(qs_store *qs, const char *key, qs_worker_row *out, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st(s, S_WORKER_GET, e);
	qs_status r;
	bool row;
	memset(out, 0, sizeof(*out));
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	r = step_row(s, p, e, "reading the worker lock", &row);
	if (r == QS_OK && row) {
		out->exists = true;
		col_copy(p, 0, out->owner, sizeof(out->owner));
		col_copy(p, 1, out->host, sizeof(out->host));
		out->pid = (long)sqlite3_column_int64(p, 2);
		out->since = sqlite3_column_double(p, 3);
		out->heartbeat = sqlite3_column_double(p, 4);
		out->cancel = sqlite3_column_int64(p, 5) != 0;
	}
	done(p);
	return r;
}

static qs_status sq_worker_put(qs_store *qs, const char *key, const qs_worker_row *w, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st(s, S_WORKER_DEL_ANY, e);
	qs_status r;
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	if ((r = run(s, p, e, "writing the worker lock")) != QS_OK) {
		return r;
	}
	if (!(p = st(s, S_WORKER_ADD, e))) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	bind_text(p, 2, w->owner);
	bind_text_or_null(p, 3, w->host);
	sqlite3_bind_int64(p, 4, w->pid);
	sqlite3_bind_double(p, 5, w->since);
	sqlite3_bind_double(p, 6, w->heartbeat);
	sqlite3_bind_int(p, 7, w->cancel ? 1 : 0);
	return run(s, p, e, "writing the worker lock");
}

static qs_status sq_worker_del(qs_store *qs, const char *key, const char *owner, bool *removed, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st(s, owner ? S_WORKER_DEL_OWNER : S_WORKER_DEL_ANY, e);
	qs_status r;
	*removed = false;
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	if (owner) {
		bind_text(p, 2, owner);
	}
	r = run(s, p, e, "releasing the worker lock");
	if (r == QS_OK) {
		*removed = sqlite3_changes(s->db) > 0;
	}
	return r;
}

static qs_status sq_history_get(qs_store *qs, const char *key, qs_history_row *out, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st(s, S_HIST_GET, e);
	qs_status r;
	bool row;
	memset(out, 0, sizeof(*out));
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	r = step_row(s, p, e, "reading the history job", &row);
	if (r == QS_OK && row) {
		const unsigned char *j = sqlite3_column_text(p, 2);
		out->exists = true;
		out->id = (long long)sqlite3_column_int64(p, 0);
		out->state = qs_history_of((const char *)sqlite3_column_text(p, 1));
		out->job = strdup(j ? (const char *)j : "{}");
		out->started = sqlite3_column_double(p, 3);
		out->updated = sqlite3_column_double(p, 4);
		if (out->state == QS__HISTORY_COUNT) {
			char label[32];
			snprintf(label, sizeof(label), "%lld", out->id);
			r = qs_name_unknown(e, "history_job", label, "state", (const char *)sqlite3_column_text(p, 1), QS_HISTORY_TODO);
			/* exists and id stay: a new job replaces it with the next id */
			free(out->job);
			out->job = NULL;
			out->state = QS_HISTORY_NONE;
		} else if (!out->job) {
			r = qs_error_set(e, QS_EINTERNAL, "Out of memory reading the history job");
		}
	}
	done(p);
	return r;
}

static qs_status sq_history_put(qs_store *qs, const char *key, const qs_history_row *h, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st(s, S_HIST_DEL, e);
	qs_status r;
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	if ((r = run(s, p, e, "saving the history job")) != QS_OK) {
		return r;
	}
	if (!(p = st(s, S_HIST_ADD, e))) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	sqlite3_bind_int64(p, 2, h->id);
	bind_static(p, 3, qs_history_name(h->state));
	bind_text(p, 4, h->job ? h->job : "{}");
	sqlite3_bind_double(p, 5, h->started);
	sqlite3_bind_double(p, 6, h->updated);
	return run(s, p, e, "saving the history job");
}

static qs_status sq_rate_done(qs_store *qs, const char *key, double taken, double now, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st(s, S_RATE_DONE, e);
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	sqlite3_bind_double(p, 2, taken);
	sqlite3_bind_double(p, 3, now);
	return run(s, p, e, "recording a request's end in the limiter");
}

static qs_status sq_flight_take(qs_store *qs, const char *key, const char *owner, double now, double until,
	long cap, long *slot, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p;
	qs_status r;
	long free_slot = 0;
	*slot = -1;
	r = sq_begin(qs, true, e);
	if (r != QS_OK) {
		return r;
	}
	p = st(s, S_FLIGHT_PRUNE, e);
	if (!p) {
		sq_rollback(qs);
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	sqlite3_bind_double(p, 2, now);
	r = run(s, p, e, "pruning the in-flight cap");
	if (r == QS_OK && !(p = st(s, S_FLIGHT_HELD, e))) {
		r = QS_ESTORE;
	}
	if (r == QS_OK) {
		int rc;
		/* the lowest slot number not held (the rows come in slot order) */
		bind_text(p, 1, key);
		while ((rc = sqlite3_step(p)) == SQLITE_ROW) {
			if (sqlite3_column_int64(p, 0) == free_slot) {
				free_slot++;
			}
		}
		if (rc != SQLITE_DONE) {
			r = db_fail(s, e, "reading the in-flight cap");
		}
		done(p);
	}
	if (r == QS_OK && free_slot < cap) {
		if (!(p = st(s, S_FLIGHT_ADD, e))) {
			r = QS_ESTORE;
		} else {
			bind_text(p, 1, key);
			sqlite3_bind_int64(p, 2, free_slot);
			bind_text(p, 3, owner);
			sqlite3_bind_double(p, 4, until);
			r = run(s, p, e, "taking a slot of the in-flight cap");
			if (r == QS_OK) {
				*slot = free_slot;
			}
		}
	}
	if (r == QS_OK) {
		r = sq_commit(qs, e);
	} else {
		sq_rollback(qs);
	}
	if (r != QS_OK) {
		*slot = -1;
	}
	return r;
}

static qs_status sq_flight_release(qs_store *qs, const char *key, const char *owner, long slot, qs_error *e)
{
	sq_store *s = (sq_store *)qs;
	sqlite3_stmt *p = st(s, S_FLIGHT_DEL, e);
	if (!p) {
		return QS_ESTORE;
	}
	bind_text(p, 1, key);
	sqlite3_bind_int64(p, 2, slot);
	bind_text(p, 3, owner);
	return run(s, p, e, "releasing a slot of the in-flight cap");
}

static const qs_store_ops sqlite_ops = {
	.name = "sqlite",
	.close = sq_close,
	.checkpoint = sq_checkpoint,
	.read_begin = sq_read_begin,
	.read_end = sq_read_end,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.conn_ensure = sq_conn_ensure,
	.conn_get = sq_conn_get,
	.conn_set_status = sq_conn_set_status,
	.conn_set_company = sq_conn_set_company,
	.conn_set_last_sync = sq_conn_set_last_sync,
	.conn_set_throttle = sq_conn_set_throttle,
	.tokens_put = sq_tokens_put,
	.tokens_clear = sq_tokens_clear,
	.refresh_lock = sq_refresh_lock,
	.refresh_unlock = sq_refresh_unlock,
	.refresh_sent = sq_refresh_sent,
	.state_put = sq_state_put,
	.state_take = sq_state_take,
	.entity_get = sq_entity_get,
	.entity_by_qbo = sq_entity_by_qbo,
	.entity_put = sq_entity_put,
	.entity_ref = sq_entity_ref,
	.entity_reread = sq_entity_reread,
	.rows_mark = sq_rows_mark,
	.entity_outcome = sq_entity_outcome,
	.outbox_put = sq_outbox_put,
	.entity_claim = sq_entity_claim,
	.outbox_due = sq_outbox_due,
	.outbox_release = sq_outbox_release,
	.outbox_lock = sq_outbox_lock,
	.claims_renew = sq_claims_renew,
	.outbox_count = sq_outbox_count,
	.entity_counts = sq_entity_counts,
	.entity_list = sq_entity_list,
	.entity_total = sq_entity_total,
	.map_get = sq_map_get,
	.map_any = sq_map_any,
	.map_put = sq_map_put,
	.map_del = sq_map_del,
	.map_list = sq_map_list,
	.map_start = sq_map_start,
	.realm_switch = sq_realm_switch,
	.log = sq_log,
	.log_list = sq_log_list,
	.log_put = sq_log_put,
	.log_find = sq_log_find,
	.log_prune = sq_log_prune,
	.hook_put = sq_hook_put,
	.hook_due = sq_hook_due,
	.hook_del = sq_hook_del,
	.hook_fail = sq_hook_fail,
	.hook_count = sq_hook_count,
	.rate_take = sq_rate_take,
	.meta_get = sq_meta_get,
	.meta_put = sq_meta_put,
	.event_put = sq_event_put,
	.event_list = sq_event_list,
	.event_done = sq_event_done,
	.worker_get = sq_worker_get,
	.worker_put = sq_worker_put,
	.worker_del = sq_worker_del,
	.history_get = sq_history_get,
	.history_put = sq_history_put,
	.rate_done = sq_rate_done,
	.flight_take = sq_flight_take,
	.flight_release = sq_flight_release,
};

qs_store *qs_store_sqlite_open(const char *path, qs_durability durability, qs_error *e)
{
	sq_store *s;
	char *err = NULL;
	struct stat sb;
	if (!path || !*path) {
		qs_error_set(e, QS_ECONFIG, "No store path: set the option store or INI qbosync.store to a writable SQLite file");
		return NULL;
	}
	if (path[0] == ':' || strncasecmp(path, "file:", 5) == 0) {
		/* ":memory:" would lose the outbox with the process; a URI could
		 * name any file behind the caller's path checks */
		qs_error_set(e, QS_ECONFIG, "The store path %.200s is not a plain file path (\":memory:\", ':' names and file: URIs "
			"are refused): give the path of a SQLite file", path);
		return NULL;
	}
	s = calloc(1, sizeof(*s));
	if (!s) {
		qs_error_set(e, QS_EINTERNAL, "Out of memory opening the store");
		return NULL;
	}
	s->base.ops = &sqlite_ops;
	qs_strlcpy(s->base.path, path, sizeof(s->base.path));
	if (stat(path, &sb) != 0) {
		/* a new store holds (sealed) tokens: readable by its owner only; SQLite
		 * gives its -wal and -shm files the same mode */
		int fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
		if (fd >= 0) {
			close(fd);
		}
	}
	if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
			qs_sqlite_vfs()) != SQLITE_OK) {
		qs_error_set(e, QS_ESTORE, "Cannot open the qbosync store %s: %s; check the path and its permissions",
			path, s->db ? sqlite3_errmsg(s->db) : "out of memory");
		sq_close(&s->base);
		return NULL;
	}
	sqlite3_busy_timeout(s->db, 10000);
	/* WAL. synchronous=NORMAL (the default durability): a commit is in the
	 * WAL file before qbo_push returns, so a crash of the process loses
	 * nothing; a power cut may lose the last commits. FULL: an fsync per
	 * commit, so a power cut loses nothing either. SQLite's own checkpoint
	 * after each 1,000 pages is off: it would put a checkpoint (and with it
	 * an fsync of the database) on whichever push crossed the line. The
	 * deliverer checkpoints (qs_store_checkpoint), and the end of a request
	 * whose commits found the WAL past a safety limit; wal_hook() below does
	 * it on the hook path only past a hard limit. */
	/* A new store's pages are 2 KiB: a recorded event changes about nine pages
	 * (a row and an index entry in each of the entity and outbox trees), and
	 * each is a WAL frame that is written and checksummed whole, so smaller
	 * pages halve what a commit writes; an entity row with its document still
	 * fits on one. An existing store keeps the page size it was made with
	 * (SQLite sets it only before the first table). */
	if (sqlite3_exec(s->db, durability == QS_DURABLE_POWER
				? "PRAGMA page_size=2048; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON"
				: "PRAGMA page_size=2048; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON",
			NULL, NULL, &err) != SQLITE_OK) {
		qs_error_set(e, QS_ESTORE, "Cannot set up the qbosync store %s: %s", path, err ? err : "?");
		sqlite3_free(err);
		sq_close(&s->base);
		return NULL;
	}
	if (migrate(s, e) != QS_OK) {
		sq_close(&s->base);
		return NULL;
	}
	sqlite3_wal_hook(s->db, wal_hook, s);
	return &s->base;
}
