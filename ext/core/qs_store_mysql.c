/* qs_store_mysql: the MariaDB/MySQL backend of the store (qs_store_driver.h),
 * on the MariaDB C client: the store name (mysql:// or mariadb:// URL) and
 * its TLS settings, the connection with reconnect and retries, the schema
 * (InnoDB, utf8mb4, a table prefix) and its migrations, and the row-level
 * operations, shared by processes on any number of hosts.
 *
 * Concurrency (READ COMMITTED, row locks; MariaDB >= 10.6 or MySQL >= 8.0
 * for SKIP LOCKED):
 *   - A record is its own serialisation point. Inside a write transaction
 *     (begin with immediate=true) reading a record locks its entity and
 *     outbox rows (SELECT ... FOR UPDATE), so its read-check-write (record a
 *     change, apply an outcome) sees the latest committed rows and cannot
 *     interleave with another's; writes lock the rows they write.
 *   - A claim (qs_store_outbox_lock) reads with FOR UPDATE SKIP LOCKED: a
 *     record another transaction holds at that moment is busy for this
 *     claim, never waited for, so workers on several hosts claim disjoint
 *     waves at the same time and a claim never waits in a lock cycle. A row
 *     is claimed by writing owner and time on it in that short transaction
 *     (two owners of one row are impossible: the second claim finds it
 *     locked, or committed as sending by a live owner).
 *   - The company's conn row is locked (SELECT ... FOR UPDATE) only where a
 *     read-check-write truly spans it: reading the conn row inside a write
 *     transaction (the token compare-and-set and the refresh lock read it,
 *     decide, then write), the worker lock, the history job, OAuth states,
 *     named values, hook-event expansion and the realm switch; and when a
 *     write transaction reads a record that does not exist yet (two first
 *     recordings of one record would otherwise both insert). The last-sync
 *     time a write transaction sets is written just after its commit, so
 *     finishing a wave never takes the conn row.
 *   - Listing due rows is a plain read (no lock): a row another process
 *     claims meanwhile is found busy by the claim.
 *   - Leases: a claim is taken over when its owner stopped renewing it
 *     (qs_store_claims_renew: claimed time, worker-lock heartbeat and
 *     in-flight slots of the owner, a few autocommit updates).
 *   - The limiter's window and the in-flight cap are counted under a lock on
 *     the company's bucket row, each in its own short transaction. */
#include "qs_store_driver.h"
#include "qs_crypto.h"
#include "qs_kind.h"

#include <mysql.h>
#include <errmsg.h>
#include <mysqld_error.h>

#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

/* Version of the schema this backend writes (row 'schema' of the meta table). */
#define MY_SCHEMA 5

#define MY_MAXCOL 24
#define MY_MAXARG 20

enum {
	M_CONN_ENSURE, M_CONN_GET, M_CONN_STATUS, M_CONN_COMPANY, M_CONN_LAST_SYNC, M_CONN_THROTTLE,
	M_TOKENS_PUT_ANY, M_TOKENS_PUT_CAS, M_TOKENS_CLEAR, M_LOCK_TAKE, M_LOCK_FREE, M_REFRESH_SENT,
	M_STATE_PUT, M_STATE_GET, M_STATE_DEL, M_STATE_GC,
	M_ENT_GET, M_ENT_PUT, M_ENT_CLAIM, M_OB_CLAIM, M_OB_PUT, M_OB_DEL, M_OB_DUE, M_OB_WAITERS, M_OB_RELEASE, M_OB_COUNT,
	M_ENT_COUNTS, M_ENT_LIST, M_ENT_BY_QBO,
	M_MAP_GET, M_MAP_ANY, M_MAP_PUT, M_MAP_DEL, M_MAP_LIST_ALL, M_MAP_LIST_KIND,
	M_LOG, M_LOG_LIST,
	M_LOG_PUT, M_LOG_FIND_ALL, M_LOG_FIND_REC, M_LOG_FIND_TID, M_LOG_FIND_LEVEL, M_LOG_PRUNE_AGE, M_LOG_MAX_ID, M_LOG_PRUNE_ROWS,
	M_HOOK_PUT, M_HOOK_DUE, M_HOOK_DEL, M_HOOK_FAIL, M_HOOK_COUNT,
	M_LOCK_CONN, M_BUCKET_ENSURE, M_BUCKET_LOCK, M_RATE_PRUNE, M_RATE_COUNT, M_RATE_ADD,
	M_ENT_TOTAL,
	M_META_GET, M_META_PUT,
	M_EV_SEEN, M_EV_PUT, M_EV_PENDING, M_EV_LIST, M_EV_DONE,
	M_WORKER_GET, M_WORKER_DEL_ANY, M_WORKER_DEL_OWNER, M_WORKER_ADD,
	M_HIST_GET, M_HIST_DEL, M_HIST_ADD,
	M_RATE_DONE, M_FLIGHT_PRUNE, M_FLIGHT_HELD, M_FLIGHT_ADD, M_FLIGHT_DEL,
	M_MAP_START, M_ENT_LIST_ALL, M_ENT_LIST_K, M_ENT_LIST_S, M_ENT_LIST_KS, M_ENT_TOTAL_K, M_ENT_TOTAL_S, M_ENT_TOTAL_KS,
	M_ENT_GET_LOCK, M_ENT_GET_SKIP, M_RENEW_CLAIMS, M_RENEW_WORKER, M_RENEW_FLIGHT,
	/* the switch to another company (realm), in order */
	M_RS_LINK_CLEAR, M_RS_LINK_PARK, M_RS_MAP_CLEAR, M_RS_MAP_PARK, M_RS_MAP_DROP, M_RS_ENT_UNLINK,
	M_RS_ENT_RESTORE, M_RS_MAP_RESTORE,
	M__COUNT
};

/* SQL text with {p} where the table prefix goes; the types of the columns a
 * query returns: s text, b bytes, d double, i integer. */
typedef struct my_sql {
	const char *text;
	const char *cols;
} my_sql;

#define OB_COLS "kind, local_id, status, owner, claimed"
#define ENT_GET_SQL "SELECT e.state, e.reason, e.qbo_id, e.sync_token, e.version, e.synced_version, e.hash, e.doc,"\
	" e.attempts, e.last_attempt, e.updated, e.create_rid,"\
	" o.status, o.version, o.next_try, o.owner, o.claimed, o.wait_kind, o.wait_id, o.attempts"\
	" FROM {p}entity e LEFT JOIN {p}outbox o ON o.conn = e.conn AND o.kind = e.kind AND o.local_id = e.local_id"\
	" WHERE e.conn = ? AND e.kind = ? AND e.local_id = ?"
#define ENT_GET_COLS "ssssiisbiddssidsdssi"

static const my_sql sql_text[M__COUNT] = {
	[M_CONN_ENSURE] = { "INSERT IGNORE INTO {p}conn(`key`, status) VALUES(?, 'Not Connected')", "" },
	[M_CONN_GET] = { "SELECT realm, status, message, access, refresh, access_expires, refresh_expires,"
		" token_version, refresh_owner, refresh_until, last_sync, home_currency, country, throttled_until,"
		" refresh_sent, reason FROM {p}conn WHERE `key` = ?", "sssbbddisddssdds" },
	[M_CONN_STATUS] = { "UPDATE {p}conn SET status = ?, message = ?, reason = ? WHERE `key` = ?", "" },
	[M_CONN_COMPANY] = { "UPDATE {p}conn SET home_currency = ?, country = ? WHERE `key` = ?", "" },
	[M_CONN_LAST_SYNC] = { "UPDATE {p}conn SET last_sync = ? WHERE `key` = ?", "" },
	[M_CONN_THROTTLE] = { "UPDATE {p}conn SET throttled_until ="
		" GREATEST(CASE WHEN throttled_until > ? THEN 0 ELSE throttled_until END, ?) WHERE `key` = ?", "" },
	[M_TOKENS_PUT_ANY] = { "UPDATE {p}conn SET realm = COALESCE(?, realm), access = ?, access_expires = ?,"
		" refresh = ?, refresh_expires = ?, token_version = token_version + 1,"
		" refresh_owner = NULL, refresh_until = 0, refresh_sent = 0, status = 'Active', message = NULL,"
		" reason = NULL WHERE `key` = ?", "" },
	[M_TOKENS_PUT_CAS] = { "UPDATE {p}conn SET realm = COALESCE(?, realm), access = ?, access_expires = ?,"
		" refresh = ?, refresh_expires = ?, token_version = token_version + 1,"
		" refresh_owner = NULL, refresh_until = 0, refresh_sent = 0, status = 'Active', message = NULL,"
		" reason = NULL WHERE `key` = ? AND token_version = ?", "" },
	[M_TOKENS_CLEAR] = { "UPDATE {p}conn SET access = NULL, refresh = NULL, access_expires = 0, refresh_expires = 0,"
		" token_version = token_version + 1, refresh_owner = NULL, refresh_until = 0, refresh_sent = 0"
		" WHERE `key` = ?", "" },
	[M_LOCK_TAKE] = { "UPDATE {p}conn SET refresh_owner = ?, refresh_until = ? WHERE `key` = ?"
		" AND (refresh_owner IS NULL OR refresh_owner = ? OR refresh_until < ? OR refresh_owner = ?)", "" },
	[M_LOCK_FREE] = { "UPDATE {p}conn SET refresh_owner = NULL, refresh_until = 0 WHERE `key` = ? AND refresh_owner = ?", "" },
	[M_REFRESH_SENT] = { "UPDATE {p}conn SET refresh_sent = ? WHERE `key` = ?", "" },
	[M_STATE_PUT] = { "INSERT INTO {p}oauth_state(state, conn, expires) VALUES(?, ?, ?)", "" },
	[M_STATE_GET] = { "SELECT expires FROM {p}oauth_state WHERE conn = ? AND state = ?", "d" },
	[M_STATE_DEL] = { "DELETE FROM {p}oauth_state WHERE conn = ? AND state = ?", "" },
	[M_STATE_GC] = { "DELETE FROM {p}oauth_state WHERE expires < ?", "" },
	[M_ENT_GET] = { ENT_GET_SQL, ENT_GET_COLS },
	/* inside a write transaction: the record's rows locked (waiting), or for a claim skipped when held */
	[M_ENT_GET_LOCK] = { ENT_GET_SQL " FOR UPDATE", ENT_GET_COLS },
	[M_ENT_GET_SKIP] = { ENT_GET_SQL " FOR UPDATE SKIP LOCKED", ENT_GET_COLS },
	[M_ENT_PUT] = { "INSERT INTO {p}entity(conn, kind, local_id, state, reason, qbo_id, sync_token, version,"
		" synced_version, hash, doc, attempts, last_attempt, updated, create_rid)"
		" VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
		" ON DUPLICATE KEY UPDATE state = VALUES(state), reason = VALUES(reason),"
		" qbo_id = VALUES(qbo_id), sync_token = VALUES(sync_token), version = VALUES(version),"
		" synced_version = VALUES(synced_version), hash = VALUES(hash), doc = VALUES(doc),"
		" attempts = VALUES(attempts), last_attempt = VALUES(last_attempt), updated = VALUES(updated),"
		" create_rid = VALUES(create_rid)", "" },
	[M_ENT_CLAIM] = { "UPDATE {p}entity SET attempts = ?, last_attempt = ?, create_rid = ?"
		" WHERE conn = ? AND kind = ? AND local_id = ?", "" },
	[M_OB_CLAIM] = { "UPDATE {p}outbox SET status = ?, owner = ?, claimed = ?, attempts = ?"
		" WHERE conn = ? AND kind = ? AND local_id = ?", "" },
	[M_OB_PUT] = { "INSERT INTO {p}outbox(conn, kind, local_id, status, version, next_try, owner, claimed,"
		" wait_kind, wait_id, attempts, prio, created)"
		" VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
		" ON DUPLICATE KEY UPDATE status = VALUES(status), version = VALUES(version),"
		" next_try = VALUES(next_try), owner = VALUES(owner), claimed = VALUES(claimed),"
		" wait_kind = VALUES(wait_kind), wait_id = VALUES(wait_id), attempts = VALUES(attempts)", "" },
	[M_OB_DEL] = { "DELETE FROM {p}outbox WHERE conn = ? AND kind = ? AND local_id = ?", "" },
	[M_OB_DUE] = { "SELECT " OB_COLS " FROM {p}outbox WHERE conn = ?"
		" AND (status = 'sending' OR next_try <= ?) ORDER BY prio, seq LIMIT ?", "sssbd" },
	[M_OB_WAITERS] = { "SELECT " OB_COLS " FROM {p}outbox WHERE conn = ?"
		" AND status = 'waiting' AND wait_kind = ? AND wait_id = ? ORDER BY prio, seq", "sssbd" },
	[M_OB_RELEASE] = { "UPDATE {p}outbox SET status = 'queued', next_try = ?, wait_kind = NULL, wait_id = NULL"
		" WHERE conn = ? AND status = 'waiting' AND wait_kind = ? AND wait_id = ?", "" },
	[M_OB_COUNT] = { "SELECT COUNT(*) FROM {p}outbox WHERE conn = ?", "i" },
	[M_ENT_COUNTS] = { "SELECT state, COUNT(*) FROM {p}entity WHERE conn = ? GROUP BY state", "si" },
	[M_ENT_LIST] = { "SELECT local_id, kind FROM {p}entity WHERE conn = ?"
		" AND (? IS NULL OR kind = ?) AND (? IS NULL OR state = ?) AND (? IS NULL OR local_id = ?)"
		" ORDER BY kind, id_len, local_id LIMIT ? OFFSET ?", "ss" },
	/* without an id: plain equalities, so that the listing's index (by kind, or
	 * by state then kind) gives the page's rows in order, from the index alone */
	[M_ENT_TOTAL_K] = { "SELECT COUNT(*) FROM {p}entity WHERE conn = ? AND kind = ?", "i" },
	[M_ENT_TOTAL_S] = { "SELECT COUNT(*) FROM {p}entity WHERE conn = ? AND state = ?", "i" },
	[M_ENT_TOTAL_KS] = { "SELECT COUNT(*) FROM {p}entity WHERE conn = ? AND kind = ? AND state = ?", "i" },
	[M_ENT_LIST_ALL] = { "SELECT local_id, kind FROM {p}entity WHERE conn = ?"
		" ORDER BY kind, id_len, local_id LIMIT ? OFFSET ?", "ss" },
	[M_ENT_LIST_K] = { "SELECT local_id, kind FROM {p}entity WHERE conn = ? AND kind = ?"
		" ORDER BY kind, id_len, local_id LIMIT ? OFFSET ?", "ss" },
	[M_ENT_LIST_S] = { "SELECT local_id, kind FROM {p}entity FORCE INDEX({p}entity_state) WHERE conn = ? AND state = ?"
		" ORDER BY kind, id_len, local_id LIMIT ? OFFSET ?", "ss" },
	[M_ENT_LIST_KS] = { "SELECT local_id, kind FROM {p}entity FORCE INDEX({p}entity_state) WHERE conn = ? AND kind = ? AND state = ?"
		" ORDER BY kind, id_len, local_id LIMIT ? OFFSET ?", "ss" },
	[M_ENT_BY_QBO] = { "SELECT local_id FROM {p}entity WHERE conn = ? AND kind = ? AND qbo_id = ? LIMIT 1", "s" },
	[M_MAP_GET] = { "SELECT qbo_id, name, purpose, created, start_date FROM {p}mapping WHERE conn = ? AND kind = ?"
		" AND local_id = ? AND purpose = ?", "sssds" },
	[M_MAP_ANY] = { "SELECT local_id, qbo_id, name, created FROM {p}mapping WHERE conn = ? AND kind = ?"
		" AND purpose = ? ORDER BY local_id <> '*', created LIMIT 1", "sssd" },
	[M_MAP_PUT] = { "INSERT INTO {p}mapping(conn, kind, local_id, purpose, qbo_id, name, created)"
		" VALUES(?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE qbo_id = VALUES(qbo_id), name = VALUES(name),"
		" created = VALUES(created)", "" },
	[M_MAP_DEL] = { "DELETE FROM {p}mapping WHERE conn = ? AND kind = ? AND local_id = ?", "" },
	[M_MAP_LIST_ALL] = { "SELECT kind, local_id, qbo_id, name, purpose, created, start_date FROM {p}mapping WHERE conn = ?"
		" ORDER BY kind, local_id, purpose", "sssssds" },
	[M_MAP_LIST_KIND] = { "SELECT kind, local_id, qbo_id, name, purpose, created, start_date FROM {p}mapping WHERE conn = ?"
		" AND kind = ? ORDER BY kind, local_id, purpose", "sssssds" },
	[M_MAP_START] = { "UPDATE {p}mapping SET start_date = ? WHERE conn = ? AND kind = ? AND local_id = ? AND purpose = ''", "" },
	[M_LOG] = { "INSERT INTO {p}log(conn, at, level, kind, local_id, message) VALUES(?, ?, ?, ?, ?, ?)", "" },
	[M_LOG_LIST] = { "SELECT at, level, kind, local_id, message FROM {p}log WHERE (conn = ? OR conn IS NULL)"
		" AND (? IS NULL OR kind = ?) AND (? IS NULL OR local_id = ?) ORDER BY id DESC LIMIT ?", "dssss" },
	[M_LOG_PUT] = { "INSERT INTO {p}log(conn, at, level, kind, local_id, message, method, path, status, code,"
		" intuit_tid, ms, records, request, response) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "" },
	/* every listing takes conn, since, until, the lowest level's rank, kind
	 * twice, id twice, code twice, intuit_tid twice, type twice, limit,
	 * offset; each names the index its most selective filter reads */
#define MY_LOG_COLS "SELECT id, at, level, kind, local_id, message, method, path, status, code, intuit_tid, ms," \
		" records, request, response FROM {p}log "
#define MY_LOG_REST " WHERE" MY_LOG_COND
#define MY_LOG_COND " conn = ? AND at >= ? AND at < ?" \
		" AND (CASE level WHEN 'error' THEN 2 WHEN 'warn' THEN 1 ELSE 0 END) >= ?" \
		" AND (? IS NULL OR kind = ?) AND (? IS NULL OR local_id = ?)" \
		" AND (? IS NULL OR FIND_IN_SET(?, code) > 0) AND (? IS NULL OR intuit_tid = ?)" \
		" AND (? = 0 OR (? = 1) = (method IS NOT NULL))" \
		" ORDER BY at DESC, id DESC LIMIT ? OFFSET ?"
	[M_LOG_FIND_ALL] = { MY_LOG_COLS "FORCE INDEX({p}log_conn_at)" MY_LOG_REST, "idssssssissdsss" },
	[M_LOG_FIND_REC] = { MY_LOG_COLS "FORCE INDEX({p}log_rec)" MY_LOG_REST, "idssssssissdsss" },
	[M_LOG_FIND_TID] = { MY_LOG_COLS "FORCE INDEX({p}log_tid)" MY_LOG_REST, "idssssssissdsss" },
	[M_LOG_FIND_LEVEL] = { MY_LOG_COLS "FORCE INDEX({p}log_level) WHERE level IN ('warn', 'error') AND" MY_LOG_COND,
		"idssssssissdsss" },
	[M_LOG_PRUNE_AGE] = { "DELETE FROM {p}log WHERE conn = ? AND at < ? ORDER BY at LIMIT ?", "" },
	[M_LOG_MAX_ID] = { "SELECT max(id) FROM {p}log", "i" },
	[M_LOG_PRUNE_ROWS] = { "DELETE FROM {p}log WHERE id <= ? ORDER BY id LIMIT ?", "" },
	[M_HOOK_PUT] = { "INSERT INTO {p}hook_event(conn, event, ids, created) VALUES(?, ?, ?, ?)", "" },
	[M_HOOK_DUE] = { "SELECT seq, event, ids, attempts FROM {p}hook_event WHERE conn = ? AND status = 'pending'"
		" AND seq > ? ORDER BY seq LIMIT ?", "issi" },
	[M_HOOK_DEL] = { "DELETE FROM {p}hook_event WHERE conn = ? AND seq = ?", "" },
	[M_HOOK_FAIL] = { "UPDATE {p}hook_event SET status = ?, message = ?, attempts = attempts + 1 WHERE conn = ? AND seq = ?", "" },
	[M_HOOK_COUNT] = { "SELECT COALESCE(SUM(status = 'pending'), 0), COALESCE(SUM(status = 'error'), 0)"
		" FROM {p}hook_event WHERE conn = ?", "ii" },
	[M_LOCK_CONN] = { "SELECT token_version FROM {p}conn WHERE `key` = ? FOR UPDATE", "i" },
	[M_BUCKET_ENSURE] = { "INSERT IGNORE INTO {p}rate_bucket(conn) VALUES(?)", "" },
	[M_BUCKET_LOCK] = { "SELECT conn FROM {p}rate_bucket WHERE conn = ? FOR UPDATE", "s" },
	[M_RATE_PRUNE] = { "DELETE FROM {p}rate_slot WHERE conn = ? AND at < ?", "" },
	[M_RATE_COUNT] = { "SELECT COUNT(*), COALESCE(SUM(batch), 0), MIN(at), MIN(CASE WHEN batch = 1 THEN at END)"
		" FROM {p}rate_slot WHERE conn = ?", "iidd" },
	[M_RATE_ADD] = { "INSERT INTO {p}rate_slot(conn, at, batch) VALUES(?, ?, ?)", "" },
	[M_ENT_TOTAL] = { "SELECT COUNT(*) FROM {p}entity WHERE conn = ?"
		" AND (? IS NULL OR kind = ?) AND (? IS NULL OR state = ?) AND (? IS NULL OR local_id = ?)", "i" },
	/* named values (qs_store_meta_*); conn '' holds the schema version */
	[M_META_GET] = { "SELECT value, at FROM {p}meta WHERE conn = ? AND name = ?", "sd" },
	[M_META_PUT] = { "INSERT INTO {p}meta(conn, name, value, at) VALUES(?, ?, ?, ?)"
		" ON DUPLICATE KEY UPDATE value = VALUES(value), at = VALUES(at)", "" },
	/* QBO-side changes (qs_store_event_*) */
	[M_EV_SEEN] = { "SELECT id FROM {p}qbo_event WHERE conn = ? AND dedupe = ?", "i" },
	[M_EV_PUT] = { "INSERT INTO {p}qbo_event(conn, dedupe, realm, entity, qbo_id, operation, at, status, created)"
		" VALUES(?, ?, ?, ?, ?, ?, ?, 'pending', ?)", "" },
#define EV_COLS "id, realm, entity, qbo_id, operation, at, status, local_kind, local_id, doc, message, created"
	[M_EV_PENDING] = { "SELECT " EV_COLS " FROM {p}qbo_event WHERE conn = ? AND status = 'pending' ORDER BY id LIMIT ?",
		"issssssssssd" },
	[M_EV_LIST] = { "SELECT " EV_COLS " FROM {p}qbo_event WHERE conn = ? AND id > ? AND (? IS NULL OR entity = ?)"
		" ORDER BY id DESC LIMIT ?", "issssssssssd" },
	[M_EV_DONE] = { "UPDATE {p}qbo_event SET status = ?, local_kind = ?, local_id = ?, doc = ?, message = ?"
		" WHERE conn = ? AND id = ?", "" },
	/* the worker lock and the history job: one row per company each */
	[M_WORKER_GET] = { "SELECT owner, host, pid, since, heartbeat, cancel FROM {p}worker_lock WHERE conn = ?", "ssiddi" },
	[M_WORKER_DEL_ANY] = { "DELETE FROM {p}worker_lock WHERE conn = ?", "" },
	[M_WORKER_DEL_OWNER] = { "DELETE FROM {p}worker_lock WHERE conn = ? AND owner = ?", "" },
	[M_WORKER_ADD] = { "INSERT INTO {p}worker_lock(conn, owner, host, pid, since, heartbeat, cancel)"
		" VALUES(?, ?, ?, ?, ?, ?, ?)", "" },
	[M_HIST_GET] = { "SELECT id, state, job, started, updated FROM {p}history_job WHERE conn = ?", "issdd" },
	[M_HIST_DEL] = { "DELETE FROM {p}history_job WHERE conn = ?", "" },
	[M_HIST_ADD] = { "INSERT INTO {p}history_job(conn, id, state, job, started, updated) VALUES(?, ?, ?, ?, ?, ?)", "" },
	[M_RATE_DONE] = { "UPDATE {p}rate_slot SET at = ? WHERE conn = ? AND at = ?", "" },
	/* the per-company cap on requests in flight */
	[M_FLIGHT_PRUNE] = { "DELETE FROM {p}flight_slot WHERE conn = ? AND `until` < ?", "" },
	[M_FLIGHT_HELD] = { "SELECT slot FROM {p}flight_slot WHERE conn = ? ORDER BY slot", "i" },
	[M_FLIGHT_ADD] = { "INSERT INTO {p}flight_slot(conn, slot, owner, `until`) VALUES(?, ?, ?, ?)", "" },
	[M_FLIGHT_DEL] = { "DELETE FROM {p}flight_slot WHERE conn = ? AND slot = ? AND owner = ?", "" },
	/* an owner's lease renewal: its claims, its worker lock, its in-flight slots */
	[M_RENEW_CLAIMS] = { "UPDATE {p}outbox FORCE INDEX({p}outbox_owner) SET claimed = ?"
		" WHERE conn = ? AND owner = ? AND status = 'sending'", "" },
	[M_RENEW_WORKER] = { "UPDATE {p}worker_lock SET heartbeat = ? WHERE conn = ? AND owner = ?", "" },
	[M_RENEW_FLIGHT] = { "UPDATE {p}flight_slot SET `until` = ? WHERE conn = ? AND owner = ? AND `until` < ?", "" },
	/* the switch to another company: park realm from's links, restore realm to's
	 * (the clears run for realm from first, for realm to once restored) */
	[M_RS_LINK_CLEAR] = { "DELETE FROM {p}realm_link WHERE conn = ? AND realm = ?", "" },
	[M_RS_LINK_PARK] = { "INSERT INTO {p}realm_link(conn, realm, kind, local_id, qbo_id, sync_token, state, reason,"
		" synced_version) SELECT conn, ?, kind, local_id, qbo_id, sync_token, state, reason, synced_version"
		" FROM {p}entity WHERE conn = ? AND qbo_id IS NOT NULL AND qbo_id <> ''", "" },
	[M_RS_MAP_CLEAR] = { "DELETE FROM {p}realm_mapping WHERE conn = ? AND realm = ?", "" },
	[M_RS_MAP_PARK] = { "INSERT INTO {p}realm_mapping(conn, realm, kind, local_id, purpose, qbo_id, name, created, start_date)"
		" SELECT conn, ?, kind, local_id, purpose, qbo_id, name, created, start_date FROM {p}mapping WHERE conn = ?", "" },
	[M_RS_MAP_DROP] = { "DELETE FROM {p}mapping WHERE conn = ?", "" },
	[M_RS_ENT_UNLINK] = { "UPDATE {p}entity SET qbo_id = NULL, sync_token = NULL, create_rid = NULL, synced_version = 0"
		" WHERE conn = ?", "" },
	[M_RS_ENT_RESTORE] = { "UPDATE {p}entity e JOIN {p}realm_link l ON l.conn = e.conn AND l.kind = e.kind"
		" AND l.local_id = e.local_id SET e.qbo_id = l.qbo_id, e.sync_token = l.sync_token,"
		" e.synced_version = l.synced_version, e.state = l.state, e.reason = l.reason"
		" WHERE e.conn = ? AND l.realm = ?", "" },
	[M_RS_MAP_RESTORE] = { "REPLACE INTO {p}mapping(conn, kind, local_id, purpose, qbo_id, name, created, start_date)"
		" SELECT conn, kind, local_id, purpose, qbo_id, name, created, start_date FROM {p}realm_mapping WHERE conn = ? AND realm = ?", "" },
};

#define MY_TABLE_OPTS " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin"

/* Schema version 1: the tables of SQLite schema 5, in InnoDB. Text compares
 * byte for byte (utf8mb4_bin) as in SQLite. Each statement separately: DDL
 * commits by itself, so every step is written to be run again after a crash
 * (IF NOT EXISTS). */
static const char *const schema_v1[] = {
	"CREATE TABLE IF NOT EXISTS {p}conn("
	" `key` VARCHAR(64) NOT NULL PRIMARY KEY, realm VARCHAR(64) NULL,"
	" status VARCHAR(32) NOT NULL DEFAULT 'Not Connected', message TEXT NULL,"
	" access BLOB NULL, refresh BLOB NULL, access_expires DOUBLE NOT NULL DEFAULT 0,"
	" refresh_expires DOUBLE NOT NULL DEFAULT 0, token_version BIGINT NOT NULL DEFAULT 0,"
	" refresh_owner VARCHAR(96) NULL, refresh_until DOUBLE NOT NULL DEFAULT 0,"
	" last_sync DOUBLE NOT NULL DEFAULT 0, home_currency VARCHAR(8) NULL, country VARCHAR(8) NULL,"
	" throttled_until DOUBLE NOT NULL DEFAULT 0, refresh_sent DOUBLE NOT NULL DEFAULT 0,"
	" reason VARCHAR(48) NULL)" MY_TABLE_OPTS,
	"CREATE TABLE IF NOT EXISTS {p}oauth_state(state VARCHAR(128) NOT NULL PRIMARY KEY,"
	" conn VARCHAR(64) NOT NULL, expires DOUBLE NOT NULL, KEY {p}oauth_state_exp(expires))" MY_TABLE_OPTS,
	"CREATE TABLE IF NOT EXISTS {p}entity("
	" conn VARCHAR(64) NOT NULL, kind VARCHAR(16) NOT NULL, local_id VARCHAR(64) NOT NULL,"
	" state VARCHAR(16) NOT NULL DEFAULT 'Not Tried', reason TEXT NULL, qbo_id VARCHAR(32) NULL,"
	" sync_token VARCHAR(32) NULL, version BIGINT NOT NULL DEFAULT 0, synced_version BIGINT NOT NULL DEFAULT 0,"
	" hash VARCHAR(64) NULL, doc MEDIUMTEXT NULL, attempts BIGINT NOT NULL DEFAULT 0,"
	" last_attempt DOUBLE NOT NULL DEFAULT 0, updated DOUBLE NOT NULL DEFAULT 0, create_rid VARCHAR(64) NULL,"
	" PRIMARY KEY(conn, kind, local_id), KEY {p}entity_state(conn, state),"
	" KEY {p}entity_qbo(conn, kind, qbo_id))" MY_TABLE_OPTS,
	"CREATE TABLE IF NOT EXISTS {p}outbox("
	" seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, conn VARCHAR(64) NOT NULL, kind VARCHAR(16) NOT NULL,"
	" local_id VARCHAR(64) NOT NULL, status VARCHAR(16) NOT NULL, version BIGINT NOT NULL,"
	" next_try DOUBLE NOT NULL DEFAULT 0, owner VARCHAR(96) NULL, claimed DOUBLE NOT NULL DEFAULT 0,"
	" wait_kind VARCHAR(16) NULL, wait_id VARCHAR(64) NULL, attempts BIGINT NOT NULL DEFAULT 0,"
	" prio INT NOT NULL DEFAULT 9, created DOUBLE NOT NULL DEFAULT 0,"
	" UNIQUE KEY {p}outbox_rec(conn, kind, local_id), KEY {p}outbox_due(conn, prio, seq),"
	" KEY {p}outbox_wait(conn, wait_kind, wait_id))" MY_TABLE_OPTS,
	"CREATE TABLE IF NOT EXISTS {p}mapping("
	" conn VARCHAR(64) NOT NULL, kind VARCHAR(24) NOT NULL, local_id VARCHAR(64) NOT NULL,"
	" purpose VARCHAR(16) NOT NULL DEFAULT '', qbo_id VARCHAR(32) NOT NULL, name VARCHAR(512) NULL,"
	" created DOUBLE NOT NULL DEFAULT 0, PRIMARY KEY(conn, kind, local_id, purpose))" MY_TABLE_OPTS,
	"CREATE TABLE IF NOT EXISTS {p}log("
	" id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, conn VARCHAR(64) NULL, at DOUBLE NOT NULL,"
	" level VARCHAR(8) NOT NULL, kind VARCHAR(24) NULL, local_id VARCHAR(64) NULL, message TEXT NOT NULL,"
	" KEY {p}log_at(at))" MY_TABLE_OPTS,
	"CREATE TABLE IF NOT EXISTS {p}hook_event("
	" seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, conn VARCHAR(64) NOT NULL, event VARCHAR(64) NOT NULL,"
	" ids TEXT NOT NULL, created DOUBLE NOT NULL, status VARCHAR(16) NOT NULL DEFAULT 'pending',"
	" message TEXT NULL, attempts BIGINT NOT NULL DEFAULT 0, KEY {p}hook_event_due(conn, status, seq))" MY_TABLE_OPTS,
	"CREATE TABLE IF NOT EXISTS {p}rate_bucket(conn VARCHAR(64) NOT NULL PRIMARY KEY)" MY_TABLE_OPTS,
	"CREATE TABLE IF NOT EXISTS {p}rate_slot("
	" id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, conn VARCHAR(64) NOT NULL, at DOUBLE NOT NULL,"
	" batch TINYINT NOT NULL DEFAULT 0, KEY {p}rate_slot_at(conn, at))" MY_TABLE_OPTS,
	NULL
};

/* Schema version 2: the tables of SQLite schemas 6 to 9. The meta table
 * takes SQLite's shape, named values per connection (conn '' keeps the row
 * 'schema', the version; the engine's names are pull.* and ref.*). The ALTER
 * is one statement: run again after a crash it finds the column conn there
 * and is skipped (migrate); the tables are IF NOT EXISTS. */
static const char *const schema_v2[] = {
	"ALTER TABLE {p}meta ADD COLUMN conn VARCHAR(64) NOT NULL DEFAULT '' FIRST,"
	" ADD COLUMN at DOUBLE NOT NULL DEFAULT 0, MODIFY name VARCHAR(64) NOT NULL, MODIFY value MEDIUMTEXT NULL,"
	" DROP PRIMARY KEY, ADD PRIMARY KEY(conn, name)",
	"CREATE TABLE IF NOT EXISTS {p}qbo_event("
	" id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, conn VARCHAR(64) NOT NULL, dedupe VARCHAR(255) NOT NULL,"
	" realm VARCHAR(64) NOT NULL, entity VARCHAR(32) NOT NULL, qbo_id VARCHAR(32) NOT NULL,"
	" operation VARCHAR(16) NOT NULL, at VARCHAR(40) NOT NULL, status VARCHAR(16) NOT NULL DEFAULT 'pending',"
	" local_kind VARCHAR(16) NULL, local_id VARCHAR(64) NULL, doc MEDIUMTEXT NULL, message TEXT NULL,"
	" created DOUBLE NOT NULL, UNIQUE KEY {p}qbo_event_dedupe(conn, dedupe),"
	" KEY {p}qbo_event_status(conn, status, id))" MY_TABLE_OPTS,
	"CREATE TABLE IF NOT EXISTS {p}realm_link("
	" conn VARCHAR(64) NOT NULL, realm VARCHAR(64) NOT NULL, kind VARCHAR(16) NOT NULL, local_id VARCHAR(64) NOT NULL,"
	" qbo_id VARCHAR(32) NULL, sync_token VARCHAR(32) NULL, state VARCHAR(16) NULL, reason TEXT NULL,"
	" synced_version BIGINT NOT NULL DEFAULT 0, PRIMARY KEY(conn, realm, kind, local_id))" MY_TABLE_OPTS,
	"CREATE TABLE IF NOT EXISTS {p}realm_mapping("
	" conn VARCHAR(64) NOT NULL, realm VARCHAR(64) NOT NULL, kind VARCHAR(24) NOT NULL, local_id VARCHAR(64) NOT NULL,"
	" purpose VARCHAR(16) NOT NULL DEFAULT '', qbo_id VARCHAR(32) NOT NULL, name VARCHAR(512) NULL,"
	" created DOUBLE NOT NULL DEFAULT 0, PRIMARY KEY(conn, realm, kind, local_id, purpose))" MY_TABLE_OPTS,
	"CREATE TABLE IF NOT EXISTS {p}worker_lock("
	" conn VARCHAR(64) NOT NULL PRIMARY KEY, owner VARCHAR(96) NOT NULL, host VARCHAR(64) NULL,"
	" pid BIGINT NOT NULL DEFAULT 0, since DOUBLE NOT NULL DEFAULT 0, heartbeat DOUBLE NOT NULL DEFAULT 0,"
	" cancel TINYINT NOT NULL DEFAULT 0)" MY_TABLE_OPTS,
	"CREATE TABLE IF NOT EXISTS {p}history_job("
	" conn VARCHAR(64) NOT NULL PRIMARY KEY, id BIGINT NOT NULL, state VARCHAR(16) NOT NULL,"
	" job MEDIUMTEXT NOT NULL, started DOUBLE NOT NULL DEFAULT 0, updated DOUBLE NOT NULL DEFAULT 0)" MY_TABLE_OPTS,
	"CREATE TABLE IF NOT EXISTS {p}flight_slot("
	" conn VARCHAR(64) NOT NULL, slot BIGINT NOT NULL, owner VARCHAR(96) NOT NULL, `until` DOUBLE NOT NULL,"
	" PRIMARY KEY(conn, slot))" MY_TABLE_OPTS,
	NULL
};

/* Schema version 3: the exchange log (SQLite schema 10): a log row is a
 * decision or one QBO exchange (method, path, status, fault codes,
 * intuit_tid, time taken, the records of a /batch, scrubbed bodies), with
 * indexes for newest-first listing by company, by record, by intuit_tid and
 * by level.
 * One ALTER: run again after a crash it finds the columns there (skipped). */
static const char *const schema_v3[] = {
	"ALTER TABLE {p}log ADD COLUMN method VARCHAR(8) NULL, ADD COLUMN path TEXT NULL, ADD COLUMN status INT NULL,"
	" ADD COLUMN code VARCHAR(255) NULL, ADD COLUMN intuit_tid VARCHAR(96) NULL, ADD COLUMN ms DOUBLE NULL,"
	" ADD COLUMN records TEXT NULL, ADD COLUMN request MEDIUMTEXT NULL, ADD COLUMN response MEDIUMTEXT NULL,"
	" DROP KEY {p}log_at, ADD KEY {p}log_conn_at(conn, at), ADD KEY {p}log_rec(conn, kind, local_id, at),"
	" ADD KEY {p}log_tid(intuit_tid), ADD KEY {p}log_level(conn, level, at)",
	NULL
};

/* Schema version 4: SQLite schema 11, a customer mapping's start date (also
 * parked with the mapping) and the entity listing's indexes. Each ALTER run
 * again after a crash finds its column there and is skipped (migrate). */
static const char *const schema_v4[] = {
	"ALTER TABLE {p}mapping ADD COLUMN start_date CHAR(10) NULL",
	"ALTER TABLE {p}realm_mapping ADD COLUMN start_date CHAR(10) NULL",
	/* the listing's order (kind, id by length then text) as an index, with or
	 * without a state: a page of qbo_entities() reads its rows from an index
	 * (id_len: a virtual column, MariaDB indexes no expression) */
	"ALTER TABLE {p}entity ADD COLUMN id_len SMALLINT AS (CHAR_LENGTH(local_id)) VIRTUAL,"
	" ADD KEY {p}entity_order(conn, kind, id_len, local_id), DROP KEY {p}entity_state,"
	" ADD KEY {p}entity_state(conn, state, kind, id_len, local_id)",
	NULL
};

/* Schema version 5: an owner's claims by index, so renewing their leases
 * reads only the owner's rows (a scan would wait for rows other
 * transactions hold). Run again after a crash the ADD KEY finds the key
 * there and is skipped (migrate). */
static const char *const schema_v5[] = {
	"ALTER TABLE {p}outbox ADD KEY {p}outbox_owner(conn, owner)",
	NULL
};

/* The current schema whole, as the migrations leave it: a new store (no meta
 * table yet) is created with it, one CREATE per table instead of the five
 * steps and their ALTERs, which rebuild tables. The meta table comes last and
 * the version row after it: a run stopped half-way (DDL commits by itself)
 * left no meta table, so the next one creates what is missing (IF NOT
 * EXISTS). A new schema version changes it too; test 481 checks that it and
 * the migrations agree (SHOW CREATE TABLE of every table). */
static const char *const schema_current[] = {
	"CREATE TABLE IF NOT EXISTS {p}conn("
	" `key` VARCHAR(64) NOT NULL PRIMARY KEY, realm VARCHAR(64) NULL,"
	" status VARCHAR(32) NOT NULL DEFAULT 'Not Connected', message TEXT NULL,"
	" access BLOB NULL, refresh BLOB NULL, access_expires DOUBLE NOT NULL DEFAULT 0,"
	" refresh_expires DOUBLE NOT NULL DEFAULT 0, token_version BIGINT NOT NULL DEFAULT 0,"
	" refresh_owner VARCHAR(96) NULL, refresh_until DOUBLE NOT NULL DEFAULT 0,"
	" last_sync DOUBLE NOT NULL DEFAULT 0, home_currency VARCHAR(8) NULL, country VARCHAR(8) NULL,"
	" throttled_until DOUBLE NOT NULL DEFAULT 0, refresh_sent DOUBLE NOT NULL DEFAULT 0,"
	" reason VARCHAR(48) NULL)" MY_TABLE_OPTS,
	"CREATE TABLE IF NOT EXISTS {p}oauth_state(state VARCHAR(128) NOT NULL PRIMARY KEY,"
	" conn VARCHAR(64) NOT NULL, expires DOUBLE NOT NULL, KEY {p}oauth_state_exp(expires))" MY_TABLE_OPTS,
	"CREATE TABLE IF NOT EXISTS {p}entity("
	" conn VARCHAR(64) NOT NULL, kind VARCHAR(16) NOT NULL, local_id VARCHAR(64) NOT NULL,"
	" state VARCHAR(16) NOT NULL DEFAULT 'Not Tried', reason TEXT NULL, qbo_id VARCHAR(32) NULL,"
	" sync_token VARCHAR(32) NULL, version BIGINT NOT NULL DEFAULT 0, synced_version BIGINT NOT NULL DEFAULT 0,"
	" hash VARCHAR(64) NULL, doc MEDIUMTEXT NULL, attempts BIGINT NOT NULL DEFAULT 0,"
	" last_attempt DOUBLE NOT NULL DEFAULT 0, updated DOUBLE NOT NULL DEFAULT 0, create_rid VARCHAR(64) NULL,"
	" id_len SMALLINT AS (CHAR_LENGTH(local_id)) VIRTUAL,"
	" PRIMARY KEY(conn, kind, local_id), KEY {p}entity_qbo(conn, kind, qbo_id),"
	" KEY {p}entity_order(conn, kind, id_len, local_id),"
	" KEY {p}entity_state(conn, state, kind, id_len, local_id))" MY_TABLE_OPTS,
	"CREATE TABLE IF NOT EXISTS {p}outbox("
	" seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, conn VARCHAR(64) NOT NULL, kind VARCHAR(16) NOT NULL,"
	" local_id VARCHAR(64) NOT NULL, status VARCHAR(16) NOT NULL, version BIGINT NOT NULL,"
	" next_try DOUBLE NOT NULL DEFAULT 0, owner VARCHAR(96) NULL, claimed DOUBLE NOT NULL DEFAULT 0,"
	" wait_kind VARCHAR(16) NULL, wait_id VARCHAR(64) NULL, attempts BIGINT NOT NULL DEFAULT 0,"
	" prio INT NOT NULL DEFAULT 9, created DOUBLE NOT NULL DEFAULT 0,"
	" UNIQUE KEY {p}outbox_rec(conn, kind, local_id), KEY {p}outbox_due(conn, prio, seq),"
	" KEY {p}outbox_wait(conn, wait_kind, wait_id), KEY {p}outbox_owner(conn, owner))" MY_TABLE_OPTS,
	"CREATE TABLE IF NOT EXISTS {p}mapping("
	" conn VARCHAR(64) NOT NULL, kind VARCHAR(24) NOT NULL, local_id VARCHAR(64) NOT NULL,"
	" purpose VARCHAR(16) NOT NULL DEFAULT '', qbo_id VARCHAR(32) NOT NULL, name VARCHAR(512) NULL,"
	" created DOUBLE NOT NULL DEFAULT 0, start_date CHAR(10) NULL,"
	" PRIMARY KEY(conn, kind, local_id, purpose))" MY_TABLE_OPTS,
	"CREATE TABLE IF NOT EXISTS {p}log("
	" id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, conn VARCHAR(64) NULL, at DOUBLE NOT NULL,"
	" level VARCHAR(8) NOT NULL, kind VARCHAR(24) NULL, local_id VARCHAR(64) NULL, message TEXT NOT NULL,"
	" method VARCHAR(8) NULL, path TEXT NULL, status INT NULL, code VARCHAR(255) NULL,"
	" intuit_tid VARCHAR(96) NULL, ms DOUBLE NULL, records TEXT NULL, request MEDIUMTEXT NULL,"
	" response MEDIUMTEXT NULL, KEY {p}log_conn_at(conn, at), KEY {p}log_rec(conn, kind, local_id, at),"
	" KEY {p}log_tid(intuit_tid), KEY {p}log_level(conn, level, at))" MY_TABLE_OPTS,
	"CREATE TABLE IF NOT EXISTS {p}hook_event("
	" seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, conn VARCHAR(64) NOT NULL, event VARCHAR(64) NOT NULL,"
	" ids TEXT NOT NULL, created DOUBLE NOT NULL, status VARCHAR(16) NOT NULL DEFAULT 'pending',"
	" message TEXT NULL, attempts BIGINT NOT NULL DEFAULT 0, KEY {p}hook_event_due(conn, status, seq))" MY_TABLE_OPTS,
	"CREATE TABLE IF NOT EXISTS {p}rate_bucket(conn VARCHAR(64) NOT NULL PRIMARY KEY)" MY_TABLE_OPTS,
	"CREATE TABLE IF NOT EXISTS {p}rate_slot("
	" id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, conn VARCHAR(64) NOT NULL, at DOUBLE NOT NULL,"
	" batch TINYINT NOT NULL DEFAULT 0, KEY {p}rate_slot_at(conn, at))" MY_TABLE_OPTS,
	"CREATE TABLE IF NOT EXISTS {p}qbo_event("
	" id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, conn VARCHAR(64) NOT NULL, dedupe VARCHAR(255) NOT NULL,"
	" realm VARCHAR(64) NOT NULL, entity VARCHAR(32) NOT NULL, qbo_id VARCHAR(32) NOT NULL,"
	" operation VARCHAR(16) NOT NULL, at VARCHAR(40) NOT NULL, status VARCHAR(16) NOT NULL DEFAULT 'pending',"
	" local_kind VARCHAR(16) NULL, local_id VARCHAR(64) NULL, doc MEDIUMTEXT NULL, message TEXT NULL,"
	" created DOUBLE NOT NULL, UNIQUE KEY {p}qbo_event_dedupe(conn, dedupe),"
	" KEY {p}qbo_event_status(conn, status, id))" MY_TABLE_OPTS,
	"CREATE TABLE IF NOT EXISTS {p}realm_link("
	" conn VARCHAR(64) NOT NULL, realm VARCHAR(64) NOT NULL, kind VARCHAR(16) NOT NULL, local_id VARCHAR(64) NOT NULL,"
	" qbo_id VARCHAR(32) NULL, sync_token VARCHAR(32) NULL, state VARCHAR(16) NULL, reason TEXT NULL,"
	" synced_version BIGINT NOT NULL DEFAULT 0, PRIMARY KEY(conn, realm, kind, local_id))" MY_TABLE_OPTS,
	"CREATE TABLE IF NOT EXISTS {p}realm_mapping("
	" conn VARCHAR(64) NOT NULL, realm VARCHAR(64) NOT NULL, kind VARCHAR(24) NOT NULL, local_id VARCHAR(64) NOT NULL,"
	" purpose VARCHAR(16) NOT NULL DEFAULT '', qbo_id VARCHAR(32) NOT NULL, name VARCHAR(512) NULL,"
	" created DOUBLE NOT NULL DEFAULT 0, start_date CHAR(10) NULL,"
	" PRIMARY KEY(conn, realm, kind, local_id, purpose))" MY_TABLE_OPTS,
	"CREATE TABLE IF NOT EXISTS {p}worker_lock("
	" conn VARCHAR(64) NOT NULL PRIMARY KEY, owner VARCHAR(96) NOT NULL, host VARCHAR(64) NULL,"
	" pid BIGINT NOT NULL DEFAULT 0, since DOUBLE NOT NULL DEFAULT 0, heartbeat DOUBLE NOT NULL DEFAULT 0,"
	" cancel TINYINT NOT NULL DEFAULT 0)" MY_TABLE_OPTS,
	"CREATE TABLE IF NOT EXISTS {p}history_job("
	" conn VARCHAR(64) NOT NULL PRIMARY KEY, id BIGINT NOT NULL, state VARCHAR(16) NOT NULL,"
	" job MEDIUMTEXT NOT NULL, started DOUBLE NOT NULL DEFAULT 0, updated DOUBLE NOT NULL DEFAULT 0)" MY_TABLE_OPTS,
	"CREATE TABLE IF NOT EXISTS {p}flight_slot("
	" conn VARCHAR(64) NOT NULL, slot BIGINT NOT NULL, owner VARCHAR(96) NOT NULL, `until` DOUBLE NOT NULL,"
	" PRIMARY KEY(conn, slot))" MY_TABLE_OPTS,
	"CREATE TABLE IF NOT EXISTS {p}meta(conn VARCHAR(64) NOT NULL DEFAULT '', name VARCHAR(64) NOT NULL,"
	" value MEDIUMTEXT NULL, at DOUBLE NOT NULL DEFAULT 0, PRIMARY KEY(conn, name))" MY_TABLE_OPTS,
	NULL
};

/* The forward migrations: step i takes the schema from version i to i + 1.
 * A new version appends a step (a NULL-ended list of statements) and raises
 * MY_SCHEMA; a released step never changes. They migrate the stores older
 * versions wrote (whose first act was creating the meta table of step 1's
 * shape, name and value, before step 1); a new store is created at the current
 * version directly (schema_current). */
static const char *const *const migrations[] = {
	schema_v1,
	schema_v2,
	schema_v3,
	schema_v4,
	schema_v5,
};
_Static_assert(sizeof(migrations) / sizeof(migrations[0]) == MY_SCHEMA,
	"one migration step per schema version");

/* What the store name says (mysql://user@host:port/db?prefix=...). */
typedef struct my_target {
	char user[81];
	char host[256];
	unsigned port;
	char socket[256];
	char db[65];
	char prefix[33];
	bool tls;            /* TLS with the server's certificate verified */
	char ssl_ca[256];
	char ssl_capath[256];
	char ssl_cert[256];
	char ssl_key[256];
	unsigned connect_timeout;
	unsigned lock_wait;  /* innodb_lock_wait_timeout of the session, seconds */
} my_target;

typedef struct my_store {
	qs_store base;
	MYSQL *db;
	MYSQL_STMT *stmt[M__COUNT];
	my_target t;
	char *password;      /* wiped and freed at close */
	bool in_tx, immediate, tx_lost;
	bool tx_dead;        /* this transaction was rolled back by the server (a deadlock's victim) */
	bool dead_seen;      /* the last transaction was such a victim (until the next begins) */
	char locked[65];     /* company whose conn row this transaction holds */
	char sync_key[65];   /* a last-sync time set in this transaction, written after its commit */
	double sync_at;
	unsigned long max_packet;
	bool migrated;       /* the schema was checked on this server */
	bool offline;        /* the last connect failed: the server was unreachable */
	double retry_at;     /* no new connect before this time (after a failure) */
} my_store;

/* ------------------------------------------------------------------ the name */

static bool is_loopback(const char *host)
{
	return !strcmp(host, "127.0.0.1") || !strcmp(host, "::1") || !strcmp(host, "localhost")
		|| !strncmp(host, "127.", 4);
}

/* Decodes %XX in [s, s+n) into out. */
static bool url_decode(const char *s, size_t n, char *out, size_t size)
{
	size_t o = 0, i;
	for (i = 0; i < n; i++) {
		char c = s[i];
		if (c == '%' && i + 2 < n && isxdigit((unsigned char)s[i + 1]) && isxdigit((unsigned char)s[i + 2])) {
			char hx[3] = { s[i + 1], s[i + 2], 0 };
			c = (char)strtol(hx, NULL, 16);
			i += 2;
		} else if (c == '%' && i + 2 == n && isxdigit((unsigned char)s[i + 1])) {
			return false;
		}
		if (c == '\0' || o + 1 >= size) {
			return false;
		}
		out[o++] = c;
	}
	out[o] = '\0';
	return true;
}

static bool prefix_ok(const char *p)
{
	size_t i;
	for (i = 0; p[i]; i++) {
		if (!isalnum((unsigned char)p[i]) && p[i] != '_') {
			return false;
		}
	}
	return i <= 32;
}

bool qs_store_is_mysql(const char *name)
{
	return name && (name[0] == 'm' || name[0] == 'M')
		&& (strncasecmp(name, "mysql://", 8) == 0 || strncasecmp(name, "mariadb://", 10) == 0);
}

/* Parses the store name. The URL never carries the password: one written
 * into it is refused (it would show wherever the name is shown). */
static qs_status parse_target(const char *name, my_target *t, qs_error *e)
{
	const char *p = strchr(name, ':') + 3, *at, *slash, *q, *hostend;
	char buf[256];
	memset(t, 0, sizeof(*t));
	qs_strlcpy(t->prefix, "qbosync_", sizeof(t->prefix));
	t->connect_timeout = 5;
	t->lock_wait = 20;
	slash = strchr(p, '/');
	if (!slash) {
		return qs_error_set(e, QS_ECONFIG, "The store URL names no database: write it as mysql://user@host:port/database?prefix=qbosync_");
	}
	at = memchr(p, '@', (size_t)(slash - p));
	if (!at) {
		return qs_error_set(e, QS_ECONFIG, "The store URL names no user: write it as mysql://user@host:port/database (the password goes in the option store_password)");
	}
	if (memchr(p, ':', (size_t)(at - p))) {
		return qs_error_set(e, QS_ECONFIG, "The store URL must not contain the password: remove it from the URL and give it as the "
			"option store_password (or INI qbosync.store_password)");
	}
	if (!url_decode(p, (size_t)(at - p), t->user, sizeof(t->user)) || !t->user[0]) {
		return qs_error_set(e, QS_ECONFIG, "The store URL's user is empty or too long");
	}
	p = at + 1;
	hostend = slash;
	if (*p == '[') {
		const char *rb = memchr(p, ']', (size_t)(slash - p));
		if (!rb) {
			return qs_error_set(e, QS_ECONFIG, "The store URL's host [%.*s is not closed by ]", (int)(slash - p), p);
		}
		if ((size_t)(rb - p - 1) >= sizeof(t->host)) {
			return qs_error_set(e, QS_ECONFIG, "The store URL's host is too long");
		}
		memcpy(t->host, p + 1, (size_t)(rb - p - 1));
		t->host[rb - p - 1] = '\0';
		p = rb + 1;
	} else {
		const char *colon = memchr(p, ':', (size_t)(slash - p));
		const char *he = colon ? colon : slash;
		if ((size_t)(he - p) >= sizeof(t->host)) {
			return qs_error_set(e, QS_ECONFIG, "The store URL's host is too long");
		}
		memcpy(t->host, p, (size_t)(he - p));
		t->host[he - p] = '\0';
		p = he;
	}
	if (p < hostend && *p == ':') {
		char *end;
		long port = strtol(p + 1, &end, 10);
		if (end != hostend || port <= 0 || port > 65535) {
			return qs_error_set(e, QS_ECONFIG, "The store URL's port %.*s is not a number from 1 to 65535",
				(int)(hostend - p - 1), p + 1);
		}
		t->port = (unsigned)port;
	}
	q = strchr(slash + 1, '?');
	if (!url_decode(slash + 1, q ? (size_t)(q - slash - 1) : strlen(slash + 1), t->db, sizeof(t->db)) || !t->db[0]) {
		return qs_error_set(e, QS_ECONFIG, "The store URL names no database: write it as mysql://user@host:port/database");
	}
	while (q && *q) {
		const char *k = q + 1, *amp = strchr(k, '&'), *eq;
		size_t kl, vl;
		q = amp;
		eq = memchr(k, '=', amp ? (size_t)(amp - k) : strlen(k));
		if (!eq) {
			if (k[0] == '\0') {
				continue;
			}
			return qs_error_set(e, QS_ECONFIG, "The store URL's parameter %.*s has no value (write name=value)",
				(int)(amp ? (size_t)(amp - k) : strlen(k)), k);
		}
		kl = (size_t)(eq - k);
		vl = amp ? (size_t)(amp - eq - 1) : strlen(eq + 1);
		if (!url_decode(eq + 1, vl, buf, sizeof(buf))) {
			return qs_error_set(e, QS_ECONFIG, "The store URL's parameter %.*s is too long or badly encoded", (int)kl, k);
		}
#define KEY_IS(lit) (kl == sizeof(lit) - 1 && !strncmp(k, lit, kl))
		if (KEY_IS("prefix")) {
			if (!prefix_ok(buf)) {
				return qs_error_set(e, QS_ECONFIG, "The store URL's prefix \"%s\" may hold only letters, digits and _ (at most 32)", buf);
			}
			qs_strlcpy(t->prefix, buf, sizeof(t->prefix));
		} else if (KEY_IS("socket")) {
			qs_strlcpy(t->socket, buf, sizeof(t->socket));
		} else if (KEY_IS("tls") || KEY_IS("ssl")) {
			if (!strcmp(buf, "verify") || !strcmp(buf, "1") || !strcmp(buf, "on") || !strcmp(buf, "true")) {
				t->tls = true;
			} else if (!strcmp(buf, "off") || !strcmp(buf, "0") || !strcmp(buf, "false")) {
				t->tls = false;
			} else {
				return qs_error_set(e, QS_ECONFIG, "The store URL's tls=%s is not verify or off", buf);
			}
		} else if (KEY_IS("ssl_ca") || KEY_IS("tls_ca")) {
			qs_strlcpy(t->ssl_ca, buf, sizeof(t->ssl_ca));
			t->tls = true;
		} else if (KEY_IS("ssl_capath") || KEY_IS("tls_capath")) {
			qs_strlcpy(t->ssl_capath, buf, sizeof(t->ssl_capath));
			t->tls = true;
		} else if (KEY_IS("ssl_cert") || KEY_IS("tls_cert")) {
			qs_strlcpy(t->ssl_cert, buf, sizeof(t->ssl_cert));
		} else if (KEY_IS("ssl_key") || KEY_IS("tls_key")) {
			qs_strlcpy(t->ssl_key, buf, sizeof(t->ssl_key));
		} else if (KEY_IS("connect_timeout")) {
			long v = strtol(buf, NULL, 10);
			if (v <= 0 || v > 300) {
				return qs_error_set(e, QS_ECONFIG, "The store URL's connect_timeout=%s is not 1 to 300 seconds", buf);
			}
			t->connect_timeout = (unsigned)v;
		} else if (KEY_IS("lock_wait")) {
			long v = strtol(buf, NULL, 10);
			if (v <= 0 || v > 300) {
				return qs_error_set(e, QS_ECONFIG, "The store URL's lock_wait=%s is not 1 to 300 seconds", buf);
			}
			t->lock_wait = (unsigned)v;
		} else {
			return qs_error_set(e, QS_ECONFIG, "The store URL has an unknown parameter %.*s (known: prefix, socket, tls, "
				"ssl_ca, ssl_capath, ssl_cert, ssl_key, connect_timeout, lock_wait)", (int)kl, k);
		}
#undef KEY_IS
	}
	if (!t->host[0] && !t->socket[0]) {
		qs_strlcpy(t->host, "localhost", sizeof(t->host));
	}
	if (!t->socket[0] && !is_loopback(t->host) && !t->tls) {
		/* beyond this machine the connection carries the password and the
		 * sealed tokens: TLS with the certificate verified, always */
		t->tls = true;
	}
	return QS_OK;
}

/* ------------------------------------------------------------------ errors and the connection */

static bool err_gone(unsigned n)
{
	return n == CR_SERVER_GONE_ERROR || n == CR_SERVER_LOST || n == CR_CONN_HOST_ERROR
		|| n == CR_CONNECTION_ERROR || n == ER_CONNECTION_KILLED || n == CR_SERVER_LOST_EXTENDED
		|| n == ER_SERVER_SHUTDOWN || n == CR_COMMANDS_OUT_OF_SYNC;
}

static bool err_lock(unsigned n)
{
	return n == ER_LOCK_DEADLOCK || n == ER_LOCK_WAIT_TIMEOUT;
}

static qs_status unreachable(my_store *s, qs_error *e, const char *msg)
{
	return qs_error_set(e, QS_ESTORE, "Cannot reach the qbosync store database %s: %s; check that the MariaDB/MySQL server is "
		"running and reachable from this host, and the user, database and store_password (hook events are kept in the "
		"local spill file until it is back)", s->base.path, msg);
}

static qs_status db_fail(my_store *s, qs_error *e, const char *what, unsigned n, const char *msg)
{
	if (err_gone(n)) {
		return qs_error_set(e, QS_ESTORE, "The qbosync store database %s went away while %s (%s); the next call reconnects",
			s->base.path, what, msg);
	}
	if (n == ER_LOCK_DEADLOCK || n == ER_LOCK_WAIT_TIMEOUT) {
		return qs_error_set(e, QS_ESTORE, "The qbosync store database %s was busy while %s (%s); it is retried",
			s->base.path, what, msg);
	}
	return qs_error_set(e, QS_ESTORE, "The qbosync store database %s failed while %s: %s (error %u)",
		s->base.path, what, msg, n);
}

static void drop_statements(my_store *s)
{
	int i;
	for (i = 0; i < M__COUNT; i++) {
		if (s->stmt[i]) {
			mysql_stmt_close(s->stmt[i]);
			s->stmt[i] = NULL;
		}
	}
}

static void disconnect(my_store *s)
{
	drop_statements(s);
	if (s->db) {
		mysql_close(s->db);
		s->db = NULL;
	}
}

/* Expands {p} into the prefix. */
static char *expand(my_store *s, const char *text)
{
	size_t n = strlen(text), pl = strlen(s->t.prefix), cnt = 0, o = 0;
	const char *p;
	char *out;
	for (p = text; (p = strstr(p, "{p}")) != NULL; p += 3) {
		cnt++;
	}
	out = malloc(n + cnt * pl + 1);
	if (!out) {
		return NULL;
	}
	for (p = text; *p;) {
		if (p[0] == '{' && p[1] == 'p' && p[2] == '}') {
			memcpy(out + o, s->t.prefix, pl);
			o += pl;
			p += 3;
		} else {
			out[o++] = *p++;
		}
	}
	out[o] = '\0';
	return out;
}

static qs_status exec_text(my_store *s, const char *text, qs_error *e, const char *what)
{
	char *sql = expand(s, text);
	int rc;
	if (!sql) {
		return qs_error_set(e, QS_EINTERNAL, "Out of memory");
	}
	rc = mysql_real_query(s->db, sql, strlen(sql));
	free(sql);
	if (rc != 0) {
		return db_fail(s, e, what, mysql_errno(s->db), mysql_error(s->db));
	}
	{
		MYSQL_RES *res = mysql_store_result(s->db);
		if (res) {
			mysql_free_result(res);
		}
	}
	return QS_OK;
}

/* Reads one integer from a query (0 when no row). */
static qs_status query_int(my_store *s, const char *text, long long *out, bool *found, qs_error *e, const char *what)
{
	char *sql = expand(s, text);
	MYSQL_RES *res;
	MYSQL_ROW row;
	*out = 0;
	if (found) {
		*found = false;
	}
	if (!sql) {
		return qs_error_set(e, QS_EINTERNAL, "Out of memory");
	}
	if (mysql_real_query(s->db, sql, strlen(sql)) != 0) {
		free(sql);
		return db_fail(s, e, what, mysql_errno(s->db), mysql_error(s->db));
	}
	free(sql);
	res = mysql_store_result(s->db);
	if (!res) {
		return mysql_errno(s->db) ? db_fail(s, e, what, mysql_errno(s->db), mysql_error(s->db)) : QS_OK;
	}
	row = mysql_fetch_row(res);
	if (row && row[0]) {
		*out = strtoll(row[0], NULL, 10);
		if (found) {
			*found = true;
		}
	}
	mysql_free_result(res);
	return QS_OK;
}

/* Connects and sets the session up. */
static qs_status connect_db(my_store *s, qs_error *e)
{
	unsigned int timeout = s->t.connect_timeout, rw = 60;
	my_bool verify = 1;
	long long v;
	char setup[200];
	s->offline = false;
	s->db = mysql_init(NULL);
	if (!s->db) {
		return qs_error_set(e, QS_EINTERNAL, "Out of memory connecting to the store");
	}
	mysql_options(s->db, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	mysql_options(s->db, MYSQL_OPT_READ_TIMEOUT, &rw);
	mysql_options(s->db, MYSQL_OPT_WRITE_TIMEOUT, &rw);
	mysql_options(s->db, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(s->db, MYSQL_INIT_COMMAND, "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
	if (s->t.tls) {
		mysql_ssl_set(s->db, s->t.ssl_key[0] ? s->t.ssl_key : NULL, s->t.ssl_cert[0] ? s->t.ssl_cert : NULL,
			s->t.ssl_ca[0] ? s->t.ssl_ca : NULL, s->t.ssl_capath[0] ? s->t.ssl_capath : NULL, NULL);
		mysql_options(s->db, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &verify);
	}
	if (!mysql_real_connect(s->db, s->t.socket[0] ? NULL : s->t.host, s->t.user, s->password ? s->password : "",
			s->t.db, s->t.port, s->t.socket[0] ? s->t.socket : NULL, CLIENT_FOUND_ROWS)) {
		qs_status r = unreachable(s, e, mysql_error(s->db));
		unsigned n = mysql_errno(s->db);
		/* the server did not answer (as opposed to refusing the login) */
		s->offline = n == CR_CONN_HOST_ERROR || n == CR_CONNECTION_ERROR || n == CR_SERVER_LOST
			|| n == CR_SERVER_GONE_ERROR || n == CR_UNKNOWN_HOST || n == ER_SERVER_SHUTDOWN;
		mysql_close(s->db);
		s->db = NULL;
		return r;
	}
	/* strict: a value that does not fit is an error, never silently cut */
	snprintf(setup, sizeof(setup), "SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION',"
		" innodb_lock_wait_timeout = %u, autocommit = 1", s->t.lock_wait);
	if (exec_text(s, setup, e, "setting the session up") != QS_OK
			|| query_int(s, "SELECT @@max_allowed_packet", &v, NULL, e, "reading max_allowed_packet") != QS_OK) {
		disconnect(s);
		return QS_ESTORE;
	}
	s->max_packet = v > 0 ? (unsigned long)v : 4u << 20;
	return QS_OK;
}

static qs_status migrate(my_store *s, qs_error *e);

/* Reconnects when the connection was lost (never inside a transaction); a
 * server that was just found unreachable is not tried again for a second. */
static qs_status ensure_connected(my_store *s, qs_error *e)
{
	qs_status r;
	if (s->db && !s->tx_lost) {
		return QS_OK;
	}
	disconnect(s);
	s->tx_lost = false;
	if (s->offline && qs_store_now() < s->retry_at) {
		return unreachable(s, e, "it did not answer a moment ago");
	}
	r = connect_db(s, e);
	if (r == QS_OK && !s->migrated) {
		r = migrate(s, e);
		if (r != QS_OK) {
			disconnect(s);
		}
	}
	if (s->offline) {
		s->retry_at = qs_store_now() + 1.0;
	}
	return r;
}

bool qs_store_offline(const qs_store *qs)
{
	return !strcmp(qs->ops->name, "mysql") && ((const my_store *)qs)->offline;
}

bool qs_store_lost(const qs_store *qs)
{
	const my_store *s = (const my_store *)qs;
	return !strcmp(qs->ops->name, "mysql") && (s->tx_lost || s->dead_seen || !s->db || s->offline);
}

/* ------------------------------------------------------------------ statements */

typedef struct my_arg {
	char t;                 /* s text (NULL: NULL), S text ("" or NULL: NULL), b bytes, d double, i integer */
	const char *p;
	unsigned long len;
	double d;
	long long i;
	my_bool null;
} my_arg;

/* A query's result: its rows are held client-side, so the store may be used
 * again while they are read. */
typedef struct my_q {
	MYSQL_STMT *st;
	const char *cols;
	unsigned n;
	MYSQL_BIND rb[MY_MAXCOL];
	unsigned long len[MY_MAXCOL];
	my_bool nul[MY_MAXCOL], err[MY_MAXCOL];
	char *buf[MY_MAXCOL];
	size_t cap[MY_MAXCOL];
	double d[MY_MAXCOL];
	long long i[MY_MAXCOL];
} my_q;

static MYSQL_STMT *stmt_for(my_store *s, int id, qs_error *e)
{
	MYSQL_STMT *st = s->stmt[id];
	char *sql;
	if (st) {
		return st;
	}
	sql = expand(s, sql_text[id].text);
	if (!sql) {
		qs_error_set(e, QS_EINTERNAL, "Out of memory");
		return NULL;
	}
	st = mysql_stmt_init(s->db);
	if (!st || mysql_stmt_prepare(st, sql, strlen(sql)) != 0) {
		unsigned n = st ? mysql_stmt_errno(st) : mysql_errno(s->db);
		db_fail(s, e, "preparing a statement", n, st ? mysql_stmt_error(st) : mysql_error(s->db));
		if (err_gone(n)) {
			s->tx_lost = true;
		}
		if (st) {
			mysql_stmt_close(st);
		}
		free(sql);
		return NULL;
	}
	free(sql);
	s->stmt[id] = st;
	return st;
}

static void q_done(my_q *q)
{
	unsigned i;
	if (q->st) {
		mysql_stmt_free_result(q->st);
	}
	for (i = 0; i < q->n; i++) {
		free(q->buf[i]);
	}
	memset(q, 0, sizeof(*q));
}

/* Binds the result columns of q (types in cols). */
static qs_status q_bind(my_q *q, qs_error *e)
{
	unsigned i;
	q->n = (unsigned)strlen(q->cols);
	memset(q->rb, 0, sizeof(q->rb));
	for (i = 0; i < q->n; i++) {
		MYSQL_BIND *b = &q->rb[i];
		b->is_null = &q->nul[i];
		b->length = &q->len[i];
		b->error = &q->err[i];
		switch (q->cols[i]) {
		case 'd':
			b->buffer_type = MYSQL_TYPE_DOUBLE;
			b->buffer = &q->d[i];
			break;
		case 'i':
			b->buffer_type = MYSQL_TYPE_LONGLONG;
			b->buffer = &q->i[i];
			break;
		default:
			q->cap[i] = 256;
			q->buf[i] = malloc(q->cap[i] + 1);
			if (!q->buf[i]) {
				return qs_error_set(e, QS_EINTERNAL, "Out of memory");
			}
			b->buffer_type = q->cols[i] == 'b' ? MYSQL_TYPE_BLOB : MYSQL_TYPE_STRING;
			b->buffer = q->buf[i];
			b->buffer_length = q->cap[i];
			break;
		}
	}
	if (mysql_stmt_bind_result(q->st, q->rb) != 0) {
		return qs_error_set(e, QS_ESTORE, "Cannot read a store query's result: %s", mysql_stmt_error(q->st));
	}
	return QS_OK;
}

/* Runs statement id with args. q (may be NULL) receives the result rows.
 * Outside a transaction a lost connection is reconnected and a deadlock or
 * lock wait retried; inside one the transaction is lost and the error says so. */
static qs_status run_args(my_store *s, int id, my_q *q, unsigned long long *affected, qs_error *e,
	const char *what, my_arg *a, unsigned na)
{
	int attempt;
	unsigned long total = 1024;
	unsigned j;
	if (s->in_tx && s->tx_dead) {
		return qs_error_set(e, QS_ESTORE, "The qbosync store database %s rolled this transaction back (a deadlock) before %s; "
			"nothing of it was kept", s->base.path, what);
	}
	for (j = 0; j < na; j++) {
		total += a[j].t == 'd' || a[j].t == 'i' ? 8 : a[j].len;
	}
	for (attempt = 0;; attempt++) {
		MYSQL_BIND pb[MY_MAXARG];
		MYSQL_STMT *st;
		unsigned i, n;
		qs_status r = ensure_connected(s, e);
		if (r != QS_OK) {
			return r;
		}
		if (total > s->max_packet) {
			/* the server would refuse the statement and drop the connection */
			return qs_error_set(e, QS_ESTORE, "Too large for the qbosync store database %s while %s: %lu bytes, more than its "
				"max_allowed_packet (%lu); nothing of it was written: raise max_allowed_packet on the server "
				"(max_allowed_packet = 64M under [mysqld], or SET GLOBAL max_allowed_packet)",
				s->base.path, what, total, s->max_packet);
		}
		st = stmt_for(s, id, e);
		if (!st) {
			if (s->tx_lost && !s->in_tx && attempt < 2) {
				continue;
			}
			return QS_ESTORE;
		}
		memset(pb, 0, sizeof(pb));
		for (i = 0; i < na; i++) {
			switch (a[i].t) {
			case 'd':
				pb[i].buffer_type = MYSQL_TYPE_DOUBLE;
				pb[i].buffer = &a[i].d;
				break;
			case 'i':
				pb[i].buffer_type = MYSQL_TYPE_LONGLONG;
				pb[i].buffer = &a[i].i;
				break;
			default:
				pb[i].buffer_type = a[i].t == 'b' ? MYSQL_TYPE_BLOB : MYSQL_TYPE_STRING;
				a[i].null = a[i].p == NULL;
				pb[i].buffer = (void *)(a[i].p ? a[i].p : "");
				pb[i].buffer_length = a[i].len;
				pb[i].length = &a[i].len;
				pb[i].is_null = &a[i].null;
				break;
			}
		}
		n = mysql_stmt_param_count(st);
		if (n != na) {
			return qs_error_set(e, QS_EINTERNAL, "Store statement %d takes %u values, %u given", id, n, na);
		}
		if ((na && mysql_stmt_bind_param(st, pb) != 0) || mysql_stmt_execute(st) != 0) {
			unsigned err = mysql_stmt_errno(st);
			if (err_gone(err)) {
				if (s->in_tx) {
					s->tx_lost = true;
					return qs_error_set(e, QS_ESTORE, "The connection to the qbosync store database %s was lost in a "
						"transaction while %s (%s); nothing of it was kept, and the next call reconnects",
						s->base.path, what, mysql_stmt_error(st));
				}
				s->tx_lost = true;
				if (attempt < 2) {
					continue;
				}
				return unreachable(s, e, mysql_stmt_error(st));
			}
			if (err_lock(err) && attempt < 8 && (!s->in_tx || ((id == M_LOCK_CONN || id == M_BUCKET_LOCK)
					&& err == ER_LOCK_WAIT_TIMEOUT))) {
				/* autocommit statements, and a transaction's first lock
				 * (nothing done yet; a lock wait ends only the statement),
				 * are simply run again */
				struct timespec ts = { 0, (long)(5 + attempt * 20) * 1000000L };
				nanosleep(&ts, NULL);
				continue;
			}
			if (err == ER_LOCK_DEADLOCK && s->in_tx) {
				/* the server rolled the whole transaction back: what follows
				 * in it must not run on its own (autocommit) */
				s->tx_dead = s->dead_seen = true;
				return qs_error_set(e, QS_ESTORE, "The qbosync store database %s rolled a transaction back to end a deadlock "
					"while %s (%s); nothing of it was kept, and running the call again is safe (qbo_push does it once "
					"by itself)", s->base.path, what, mysql_stmt_error(st));
			}
			return db_fail(s, e, what, err, mysql_stmt_error(st));
		}
		if (affected) {
			*affected = mysql_stmt_affected_rows(st);
		}
		if (q) {
			memset(q, 0, sizeof(*q));
			q->st = st;
			q->cols = sql_text[id].cols;
			if (q_bind(q, e) != QS_OK || mysql_stmt_store_result(st) != 0) {
				qs_status rr = e && e->status != QS_OK ? QS_ESTORE
					: db_fail(s, e, what, mysql_stmt_errno(st), mysql_stmt_error(st));
				q_done(q);
				return rr;
			}
		} else {
			mysql_stmt_free_result(st);
		}
		return QS_OK;
	}
}

/* Builds the argument list from types and varargs, then runs. */
static qs_status run(my_store *s, int id, my_q *q, unsigned long long *affected, qs_error *e,
	const char *what, const char *types, ...)
{
	my_arg a[MY_MAXARG];
	unsigned i, n = (unsigned)strlen(types);
	va_list ap;
	if (n > MY_MAXARG) {
		return qs_error_set(e, QS_EINTERNAL, "Too many values for a store statement");
	}
	memset(a, 0, sizeof(a));
	va_start(ap, types);
	for (i = 0; i < n; i++) {
		a[i].t = types[i];
		switch (types[i]) {
		case 'd':
			a[i].d = va_arg(ap, double);
			break;
		case 'i':
			a[i].i = va_arg(ap, long long);
			break;
		case 'b':
			a[i].p = va_arg(ap, const char *);
			a[i].len = (unsigned long)va_arg(ap, size_t);
			break;
		case 'S':
			a[i].p = va_arg(ap, const char *);
			if (a[i].p && !*a[i].p) {
				a[i].p = NULL;
			}
			a[i].t = 's';
			a[i].len = a[i].p ? (unsigned long)strlen(a[i].p) : 0;
			break;
		default:
			a[i].p = va_arg(ap, const char *);
			a[i].len = a[i].p ? (unsigned long)strlen(a[i].p) : 0;
			break;
		}
	}
	va_end(ap);
	return run_args(s, id, q, affected, e, what, a, n);
}

/* Fetches the next row: *row false at the end. Long text is fetched whole. */
static qs_status q_next(my_store *s, my_q *q, bool *row, qs_error *e)
{
	int rc = mysql_stmt_fetch(q->st);
	unsigned i;
	bool rebind = false;
	*row = false;
	if (rc == MYSQL_NO_DATA) {
		return QS_OK;
	}
	if (rc == 1) {
		return db_fail(s, e, "reading rows", mysql_stmt_errno(q->st), mysql_stmt_error(q->st));
	}
	for (i = 0; i < q->n; i++) {
		if (q->cols[i] != 's' && q->cols[i] != 'b') {
			continue;
		}
		if (!q->nul[i] && q->len[i] > q->cap[i]) {
			MYSQL_BIND b;
			char *nb = realloc(q->buf[i], q->len[i] + 1);
			if (!nb) {
				return qs_error_set(e, QS_EINTERNAL, "Out of memory reading the store");
			}
			q->buf[i] = nb;
			q->cap[i] = q->len[i];
			memset(&b, 0, sizeof(b));
			b.buffer_type = q->cols[i] == 'b' ? MYSQL_TYPE_BLOB : MYSQL_TYPE_STRING;
			b.buffer = nb;
			b.buffer_length = q->cap[i];
			b.length = &q->len[i];
			if (mysql_stmt_fetch_column(q->st, &b, i, 0) != 0) {
				return db_fail(s, e, "reading a long value", mysql_stmt_errno(q->st), mysql_stmt_error(q->st));
			}
			/* the bound buffer moved: bound again for the next rows, once
			 * this row's columns are read (binding resets the client's
			 * place in the row, which a later long column still needs) */
			q->rb[i].buffer = nb;
			q->rb[i].buffer_length = q->cap[i];
			rebind = true;
		}
		q->buf[i][q->nul[i] ? 0 : q->len[i]] = '\0';
	}
	if (rebind && mysql_stmt_bind_result(q->st, q->rb) != 0) {
		return db_fail(s, e, "reading a long value", mysql_stmt_errno(q->st), mysql_stmt_error(q->st));
	}
	*row = true;
	return QS_OK;
}

static const char *q_str(const my_q *q, unsigned i)
{
	return q->nul[i] ? "" : q->buf[i];
}

static const char *q_strn(const my_q *q, unsigned i)
{
	return q->nul[i] ? NULL : q->buf[i];
}

static double q_d(const my_q *q, unsigned i)
{
	return q->nul[i] ? 0 : q->d[i];
}

static long long q_i(const my_q *q, unsigned i)
{
	return q->nul[i] ? 0 : q->i[i];
}

static void q_copy(const my_q *q, unsigned i, char *dst, size_t size)
{
	qs_strlcpy(dst, q_str(q, i), size);
}

/* The QS_ESTORE of a stored name none of its set's is (qs_name_unknown),
 * naming the table with its prefix. */
static qs_status name_unknown(const my_store *s, qs_error *e, const char *table, const char *row,
	const char *column, const char *value, const char *todo)
{
	char t[64];
	snprintf(t, sizeof(t), "%s%s", s->t.prefix, table);
	return qs_name_unknown(e, t, row, column, value, todo);
}

/* Column i as an outbox status (NULL: no outbox row, QS_OUTBOX_NONE):
 * QS_ESTORE naming the outbox row of (kind, id) when it is none of the names. */
static qs_status q_outbox(const my_store *s, const my_q *q, unsigned i, const char *kind, const char *id,
	qs_outbox_status *out, qs_error *e)
{
	const char *t = q_strn(q, i);
	char label[96];
	*out = t ? qs_outbox_of(t) : QS_OUTBOX_NONE;
	if (*out != QS__OUTBOX_COUNT) {
		return QS_OK;
	}
	snprintf(label, sizeof(label), "%s %s", kind, id);
	return name_unknown(s, e, "outbox", label, "status", t, NULL);
}

static unsigned char *q_blob(const my_q *q, unsigned i, size_t *len)
{
	unsigned char *c;
	*len = 0;
	if (q->nul[i] || q->len[i] == 0) {
		return NULL;
	}
	c = malloc(q->len[i]);
	if (c) {
		memcpy(c, q->buf[i], q->len[i]);
		*len = q->len[i];
	}
	return c;
}

/* Inside a write transaction: the company's conn row is locked before its
 * first statement on that company (the transaction's serialisation point). */
static qs_status tx_lock(my_store *s, const char *key, qs_error *e)
{
	my_q q;
	qs_status r;
	bool row;
	if (!s->in_tx || !s->immediate || !key || !strcmp(s->locked, key)) {
		return QS_OK;
	}
	r = run(s, M_LOCK_CONN, &q, NULL, e, "locking the company's rows", "s", key);
	if (r != QS_OK) {
		return r;
	}
	r = q_next(s, &q, &row, e);
	q_done(&q);
	if (r == QS_OK) {
		qs_strlcpy(s->locked, key, sizeof(s->locked));
	}
	return r;
}

#define LOCK_OR_RETURN(s, key, e) do { qs_status lr_ = tx_lock((s), (key), (e)); if (lr_ != QS_OK) return lr_; } while (0)

/* ------------------------------------------------------------------ schema */

static qs_status migrate(my_store *s, qs_error *e)
{
	long long v = 0, got = 0;
	bool found = false, fresh = false;
	char lock[200], sql[300];
	qs_status r;
	/* DDL commits by itself: a named lock keeps two processes from
	 * migrating at once */
	snprintf(lock, sizeof(lock), "%s.%smigrate", s->t.db, s->t.prefix);
	snprintf(sql, sizeof(sql), "SELECT GET_LOCK('%s', 60)", lock);
	r = query_int(s, "SELECT value FROM {p}meta WHERE name = 'schema'", &v, &found, e, "reading the schema version");
	if (r != QS_OK && mysql_errno(s->db) == ER_NO_SUCH_TABLE) {
		qs_error_clear(e);
		r = QS_OK;
		fresh = true;   /* a new store (or one whose creation stopped half-way) */
	}
	if (r != QS_OK) {
		return r;
	}
	if (!fresh && v == MY_SCHEMA) {
		s->migrated = true;
		return QS_OK;
	}
	if (v > MY_SCHEMA) {
		return qs_error_set(e, QS_ESTORE, "The qbosync store database %s has schema version %lld, newer than this extension "
			"knows (%d); upgrade qbosync", s->base.path, v, MY_SCHEMA);
	}
	r = query_int(s, sql, &got, NULL, e, "waiting for the schema migration lock");
	if (r == QS_OK && got != 1) {
		r = qs_error_set(e, QS_ESTORE, "The qbosync store database %s is being migrated by another process: try again", s->base.path);
	}
	if (r == QS_OK) {
		r = query_int(s, "SELECT value FROM {p}meta WHERE name = 'schema'", &v, &found, e, "reading the schema version");
		fresh = r != QS_OK && mysql_errno(s->db) == ER_NO_SUCH_TABLE;
		if (fresh) {
			qs_error_clear(e);
			r = QS_OK;
		}
	}
	if (r == QS_OK && fresh) {
		const char *const *step;
		char setv[160];
		for (step = schema_current; r == QS_OK && *step; step++) {
			r = exec_text(s, *step, e, "creating the schema");
		}
		snprintf(setv, sizeof(setv), "INSERT INTO {p}meta(conn, name, value) VALUES('', 'schema', %d)", MY_SCHEMA);
		if (r == QS_OK) {
			r = exec_text(s, setv, e, "recording the schema version");
		}
		v = MY_SCHEMA;
	}
	for (; r == QS_OK && v < MY_SCHEMA; v++) {
		const char *const *step;
		char setv[160];
		for (step = migrations[v]; r == QS_OK && *step; step++) {
			r = exec_text(s, *step, e, "migrating the schema");
			if (r != QS_OK && (mysql_errno(s->db) == ER_DUP_FIELDNAME || mysql_errno(s->db) == ER_DUP_KEYNAME)) {
				/* an ALTER a crashed run of this step made already */
				qs_error_clear(e);
				r = QS_OK;
			}
		}
		snprintf(setv, sizeof(setv), "INSERT INTO {p}meta(name, value) VALUES('schema', %lld)"
			" ON DUPLICATE KEY UPDATE value = %lld", v + 1, v + 1);
		if (r == QS_OK) {
			r = exec_text(s, setv, e, "recording the schema version");
		}
	}
	if (r == QS_OK) {
		s->migrated = true;
	}
	snprintf(sql, sizeof(sql), "SELECT RELEASE_LOCK('%s')", lock);
	{
		qs_error e2;
		qs_error_clear(&e2);
		query_int(s, sql, &got, NULL, &e2, "releasing the schema migration lock");
	}
	return r;
}

/* ------------------------------------------------------------------ transactions */

static void my_close(qs_store *qs)
{
	my_store *s = (my_store *)qs;
	if (!s) {
		return;
	}
	disconnect(s);
	if (s->password) {
		qs_wipe(s->password, strlen(s->password));
		free(s->password);
	}
	free(s);
}

static void my_checkpoint(qs_store *qs)
{
	(void)qs;   /* InnoDB checkpoints by itself */
}

static qs_status my_begin(qs_store *qs, bool immediate, qs_error *e)
{
	my_store *s = (my_store *)qs;
	qs_status r = ensure_connected(s, e);
	int attempt;
	if (r != QS_OK) {
		return r;
	}
	for (attempt = 0; attempt < 2; attempt++) {
		if (mysql_real_query(s->db, "START TRANSACTION", 17) == 0) {
			s->in_tx = true;
			s->tx_dead = s->dead_seen = false;
			s->immediate = immediate;
			s->locked[0] = '\0';
			return QS_OK;
		}
		if (!err_gone(mysql_errno(s->db)) || attempt > 0) {
			break;
		}
		s->tx_lost = true;
		if ((r = ensure_connected(s, e)) != QS_OK) {
			return r;
		}
	}
	return db_fail(s, e, "starting a transaction", mysql_errno(s->db), mysql_error(s->db));
}

static void my_rollback(qs_store *qs)
{
	my_store *s = (my_store *)qs;
	if (s->in_tx && s->db && !s->tx_lost) {
		if (mysql_real_query(s->db, "ROLLBACK", 8) != 0 && err_gone(mysql_errno(s->db))) {
			s->tx_lost = true;
		}
	}
	s->in_tx = false;
	s->tx_dead = false;
	s->immediate = false;
	s->locked[0] = '\0';
	s->sync_key[0] = '\0';
	s->sync_at = 0;
}

static qs_status my_commit(qs_store *qs, qs_error *e)
{
	my_store *s = (my_store *)qs;
	qs_status r = QS_OK;
	if (!s->in_tx) {
		return QS_OK;
	}
	if (s->tx_lost || !s->db) {
		r = qs_error_set(e, QS_ESTORE, "The connection to the qbosync store database %s was lost in a transaction: "
			"nothing of it was kept, and the next call reconnects", s->base.path);
	} else if (s->tx_dead) {
		r = qs_error_set(e, QS_ESTORE, "The qbosync store database %s rolled a transaction back to end a deadlock: "
			"nothing of it was kept, and running the call again is safe", s->base.path);
		my_rollback(qs);
	} else if (mysql_real_query(s->db, "COMMIT", 6) != 0) {
		if (err_gone(mysql_errno(s->db))) {
			s->tx_lost = true;
		}
		r = db_fail(s, e, "committing", mysql_errno(s->db), mysql_error(s->db));
		my_rollback(qs);
	}
	s->in_tx = false;
	s->immediate = false;
	s->locked[0] = '\0';
	if (s->sync_key[0]) {
		char key[65];
		double at = s->sync_at;
		qs_strlcpy(key, s->sync_key, sizeof(key));
		s->sync_key[0] = '\0';
		s->sync_at = 0;
		if (r == QS_OK) {
			qs_error e2;
			qs_error_clear(&e2);
			run(s, M_CONN_LAST_SYNC, NULL, NULL, &e2, "saving the last sync time", "ds", at, key);
		}
	}
	return r;
}

/* ------------------------------------------------------------------ connection row */

static qs_status my_conn_ensure(qs_store *qs, const char *key, qs_error *e)
{
	my_store *s = (my_store *)qs;
	return run(s, M_CONN_ENSURE, NULL, NULL, e, "creating the connection row", "s", key);
}

static qs_status my_conn_get(qs_store *qs, const char *key, qs_conn_row *out, qs_error *e)
{
	my_store *s = (my_store *)qs;
	my_q q;
	bool row;
	qs_status r;
	memset(out, 0, sizeof(*out));
	LOCK_OR_RETURN(s, key, e);
	r = run(s, M_CONN_GET, &q, NULL, e, "reading the connection", "s", key);
	if (r != QS_OK) {
		return r;
	}
	r = q_next(s, &q, &row, e);
	if (r == QS_OK && row) {
		out->exists = true;
		q_copy(&q, 0, out->realm, sizeof(out->realm));
		q_copy(&q, 2, out->message, sizeof(out->message));
		out->access = q_blob(&q, 3, &out->access_len);
		out->refresh = q_blob(&q, 4, &out->refresh_len);
		out->access_expires = q_d(&q, 5);
		out->refresh_expires = q_d(&q, 6);
		out->token_version = q_i(&q, 7);
		q_copy(&q, 8, out->refresh_owner, sizeof(out->refresh_owner));
		out->refresh_until = q_d(&q, 9);
		out->last_sync = q_d(&q, 10);
		q_copy(&q, 11, out->home_currency, sizeof(out->home_currency));
		q_copy(&q, 12, out->country, sizeof(out->country));
		out->throttled_until = q_d(&q, 13);
		out->refresh_sent = q_d(&q, 14);
		q_copy(&q, 15, out->reason, sizeof(out->reason));
		out->status = qs_conn_of(q_strn(&q, 1));
		if (out->status == QS__CONN_COUNT) {
			char label[96];
			snprintf(label, sizeof(label), "of %s%s", out->realm[0] ? "company " : "this connection", out->realm);
			r = name_unknown(s, e, "conn", label, "status", q_strn(&q, 1),
				"correct the row's status (Not Connected, Active, Disconnected or Error), or connect again with qbo_oauth_url()");
			qs_conn_row_clear(out);   /* wipes the tokens read */
		}
	} else if (r == QS_OK) {
		out->status = QS_CONN_NOT_CONNECTED;
	}
	q_done(&q);
	return r;
}

static qs_status my_conn_set_status(qs_store *qs, const char *key, qs_conn_status status,
	const char *reason, const char *message, qs_error *e)
{
	my_store *s = (my_store *)qs;
	return run(s, M_CONN_STATUS, NULL, NULL, e, "saving the connection status", "sSSs", qs_conn_name(status), message, reason, key);
}

static qs_status my_conn_set_company(qs_store *qs, const char *key, const char *home_currency,
	const char *country, qs_error *e)
{
	my_store *s = (my_store *)qs;
	return run(s, M_CONN_COMPANY, NULL, NULL, e, "saving the company settings", "SSs", home_currency, country, key);
}

/* Inside a write transaction the time is kept and written just after the
 * commit (a single autocommit update): finishing a wave never holds the
 * company's conn row while it writes its records. */
static qs_status my_conn_set_last_sync(qs_store *qs, const char *key, double at, qs_error *e)
{
	my_store *s = (my_store *)qs;
	if (s->in_tx && strlen(key) < sizeof(s->sync_key)
			&& (!s->sync_key[0] || !strcmp(s->sync_key, key))) {
		qs_strlcpy(s->sync_key, key, sizeof(s->sync_key));
		if (at > s->sync_at) {
			s->sync_at = at;
		}
		return QS_OK;
	}
	return run(s, M_CONN_LAST_SYNC, NULL, NULL, e, "saving the last sync time", "ds", at, key);
}

static qs_status my_conn_set_throttle(qs_store *qs, const char *key, double until, double ceiling, qs_error *e)
{
	my_store *s = (my_store *)qs;
	return run(s, M_CONN_THROTTLE, NULL, NULL, e, "saving the throttle pause", "dds", ceiling, until, key);
}

static qs_status my_tokens_put(qs_store *qs, const char *key, const char *realm,
	const unsigned char *access, size_t access_len, double access_expires,
	const unsigned char *refresh, size_t refresh_len, double refresh_expires,
	long long expect_version, bool *swapped, qs_error *e)
{
	my_store *s = (my_store *)qs;
	unsigned long long n = 0;
	qs_status r;
	if (swapped) {
		*swapped = false;
	}
	LOCK_OR_RETURN(s, key, e);
	if (expect_version >= 0) {
		r = run(s, M_TOKENS_PUT_CAS, NULL, &n, e, "saving the tokens", "Sbdbdsi", realm,
			(const char *)access, access_len, access_expires, (const char *)refresh, refresh_len, refresh_expires,
			key, expect_version);
	} else {
		r = run(s, M_TOKENS_PUT_ANY, NULL, &n, e, "saving the tokens", "Sbdbds", realm,
			(const char *)access, access_len, access_expires, (const char *)refresh, refresh_len, refresh_expires, key);
	}
	if (r == QS_OK && swapped) {
		*swapped = n > 0;
	}
	return r;
}

static qs_status my_tokens_clear(qs_store *qs, const char *key, qs_error *e)
{
	my_store *s = (my_store *)qs;
	LOCK_OR_RETURN(s, key, e);
	return run(s, M_TOKENS_CLEAR, NULL, NULL, e, "forgetting the tokens", "s", key);
}

static qs_status my_refresh_lock(qs_store *qs, const char *key, const char *owner, double until,
	double now, const char *dead_owner, bool *got, qs_error *e)
{
	my_store *s = (my_store *)qs;
	unsigned long long n = 0;
	qs_status r;
	*got = false;
	LOCK_OR_RETURN(s, key, e);
	r = run(s, M_LOCK_TAKE, NULL, &n, e, "taking the token refresh lock", "sdssdS", owner, until, key, owner, now,
		dead_owner);
	if (r == QS_OK) {
		*got = n > 0;
	}
	return r;
}

static qs_status my_refresh_unlock(qs_store *qs, const char *key, const char *owner, qs_error *e)
{
	my_store *s = (my_store *)qs;
	LOCK_OR_RETURN(s, key, e);
	return run(s, M_LOCK_FREE, NULL, NULL, e, "freeing the token refresh lock", "ss", key, owner);
}

static qs_status my_refresh_sent(qs_store *qs, const char *key, double at, qs_error *e)
{
	my_store *s = (my_store *)qs;
	LOCK_OR_RETURN(s, key, e);
	return run(s, M_REFRESH_SENT, NULL, NULL, e, "noting the token refresh", "ds", at, key);
}

/* ------------------------------------------------------------------ OAuth states */

static qs_status my_state_put(qs_store *qs, const char *key, const char *state, double expires, qs_error *e)
{
	my_store *s = (my_store *)qs;
	qs_status r;
	LOCK_OR_RETURN(s, key, e);
	r = run(s, M_STATE_GC, NULL, NULL, e, "forgetting expired OAuth states", "d", qs_store_now());
	if (r != QS_OK) {
		return r;
	}
	return run(s, M_STATE_PUT, NULL, NULL, e, "saving the OAuth state", "ssd", state, key, expires);
}

static qs_status my_state_take(qs_store *qs, const char *key, const char *state, double now,
	bool *valid, qs_error *e)
{
	my_store *s = (my_store *)qs;
	my_q q;
	bool row = false;
	double expires = 0;
	unsigned long long n = 0;
	qs_status r;
	*valid = false;
	LOCK_OR_RETURN(s, key, e);
	r = run(s, M_STATE_GET, &q, NULL, e, "checking the OAuth state", "ss", key, state);
	if (r != QS_OK) {
		return r;
	}
	r = q_next(s, &q, &row, e);
	if (r == QS_OK && row) {
		expires = q_d(&q, 0);
	}
	q_done(&q);
	if (r != QS_OK || !row) {
		return r;
	}
	/* only the process whose DELETE removed it may use it */
	r = run(s, M_STATE_DEL, NULL, &n, e, "checking the OAuth state", "ss", key, state);
	if (r == QS_OK) {
		*valid = n > 0 && expires >= now;
	}
	return r;
}

/* ------------------------------------------------------------------ entities and the outbox */

/* Reads (kind, id) with statement id (M_ENT_GET, _LOCK or _SKIP); *found. */
static qs_status entity_read(my_store *s, int id_stmt, const char *key, const char *kind, const char *id,
	qs_entity *out, bool *found, qs_error *e)
{
	my_q q;
	bool row;
	qs_status r;
	memset(out, 0, sizeof(*out));
	qs_strlcpy(out->kind, kind, sizeof(out->kind));
	out->kind_id = qs_kind_of(kind);
	qs_strlcpy(out->id, id, sizeof(out->id));
	out->state = QS_STATE_NOT_TRIED;
	*found = false;
	r = run(s, id_stmt, &q, NULL, e, "reading an entity", "sss", key, kind, id);
	if (r != QS_OK) {
		return r;
	}
	r = q_next(s, &q, &row, e);
	*found = r == QS_OK && row;
	if (r == QS_OK && row) {
		const char *doc = q_strn(&q, 7);
		out->exists = true;
		out->state = qs_state_of(q_strn(&q, 0));
		if (out->state == QS__STATE_COUNT) {
			char label[96];
			snprintf(label, sizeof(label), "%s %s", kind, id);
			r = name_unknown(s, e, "entity", label, "state", q_strn(&q, 0), NULL);
		}
		q_copy(&q, 1, out->reason, sizeof(out->reason));
		q_copy(&q, 2, out->qbo_id, sizeof(out->qbo_id));
		q_copy(&q, 3, out->sync_token, sizeof(out->sync_token));
		out->version = q_i(&q, 4);
		out->synced_version = q_i(&q, 5);
		q_copy(&q, 6, out->hash, sizeof(out->hash));
		out->doc = doc ? strdup(doc) : NULL;
		out->attempts = (long)q_i(&q, 8);
		out->last_attempt = q_d(&q, 9);
		out->updated = q_d(&q, 10);
		q_copy(&q, 11, out->create_rid, sizeof(out->create_rid));
		if (r == QS_OK) {
			r = q_outbox(s, &q, 12, kind, id, &out->q_status, e);
		}
		out->q_version = q_i(&q, 13);
		out->next_try = q_d(&q, 14);
		q_copy(&q, 15, out->owner, sizeof(out->owner));
		out->claimed = q_d(&q, 16);
		q_copy(&q, 17, out->wait_kind, sizeof(out->wait_kind));
		q_copy(&q, 18, out->wait_id, sizeof(out->wait_id));
		out->q_attempts = (long)q_i(&q, 19);
		if (r != QS_OK) {
			free(out->doc);
			out->doc = NULL;
			out->exists = *found = false;
		} else if (doc && !out->doc) {
			r = qs_error_set(e, QS_EINTERNAL, "Out of memory reading %s %s", kind, id);
		}
	}
	q_done(&q);
	return r;
}

/* Inside a write transaction the record's rows are locked for it; a record
 * not there yet is read again under the company's conn-row lock, so two
 * first recordings of one record are one after the other. */
static qs_status my_entity_get(qs_store *qs, const char *key, const char *kind, const char *id,
	qs_entity *out, qs_error *e)
{
	my_store *s = (my_store *)qs;
	bool found;
	qs_status r;
	if (!s->in_tx || !s->immediate) {
		return entity_read(s, M_ENT_GET, key, kind, id, out, &found, e);
	}
	r = entity_read(s, M_ENT_GET_LOCK, key, kind, id, out, &found, e);
	if (r == QS_OK && !found && strcmp(s->locked, key) != 0) {
		r = tx_lock(s, key, e);
		if (r == QS_OK) {
			qs_entity_clear(out);
			r = entity_read(s, M_ENT_GET_LOCK, key, kind, id, out, &found, e);
		}
	}
	return r;
}

/* The whole read: its columns are a superset of what entity_ref promises. */
static qs_status my_entity_ref(qs_store *qs, const char *key, const char *kind, const char *id,
	qs_entity *out, qs_error *e)
{
	return my_entity_get(qs, key, kind, id, out, e);
}

/* No row handles here: the record's read by its key. */
static qs_status my_entity_reread(qs_store *qs, const char *key, const qs_entity *was, qs_entity *out, qs_error *e)
{
	char kind[sizeof(was->kind)], id[sizeof(was->id)];
	qs_strlcpy(kind, was->kind, sizeof(kind));
	qs_strlcpy(id, was->id, sizeof(id));
	return my_entity_get(qs, key, kind, id, out, e);
}

static qs_status my_outbox_lock(qs_store *qs, const char *key, const char *kind, const char *id,
	qs_entity *out, bool *held, qs_error *e)
{
	my_store *s = (my_store *)qs;
	bool found;
	qs_status r;
	*held = false;
	if (!s->in_tx || !s->immediate) {
		return my_entity_get(qs, key, kind, id, out, e);
	}
	r = entity_read(s, M_ENT_GET_SKIP, key, kind, id, out, &found, e);
	if (r == QS_OK && !found) {
		/* skipped (held by another transaction) or not there: a plain read tells */
		qs_entity plain;
		r = entity_read(s, M_ENT_GET, key, kind, id, &plain, &found, e);
		*held = r == QS_OK && found;
		qs_entity_clear(&plain);
	}
	return r;
}

static qs_status my_entity_by_qbo(qs_store *qs, const char *key, const char *kind, const char *qbo_id,
	char local_id[65], bool *found, qs_error *e)
{
	my_store *s = (my_store *)qs;
	my_q q;
	qs_status r;
	*found = false;
	local_id[0] = '\0';
	r = run(s, M_ENT_BY_QBO, &q, NULL, e, "looking up a linked record", "sss", key, kind, qbo_id);
	if (r != QS_OK) {
		return r;
	}
	r = q_next(s, &q, found, e);
	if (r == QS_OK && *found) {
		q_copy(&q, 0, local_id, 65);
	}
	q_done(&q);
	return r;
}

static qs_status my_entity_put(qs_store *qs, const char *key, const qs_entity *en, qs_error *e)
{
	my_store *s = (my_store *)qs;
	char what[120];
	snprintf(what, sizeof(what), "saving %s %s", en->kind, en->id);   /* names the record in a refusal */
	return run(s, M_ENT_PUT, NULL, NULL, e, what, "ssssSSSiiSsiddS", key, en->kind, en->id, qs_state_name(en->state),
		en->reason, en->qbo_id, en->sync_token, (long long)en->version, (long long)en->synced_version, en->hash,
		en->doc, (long long)en->attempts, en->last_attempt, en->updated, en->create_rid);
}

static qs_status my_outbox_put(qs_store *qs, const char *key, const qs_entity *en, qs_error *e)
{
	my_store *s = (my_store *)qs;
	if (en->q_status == QS_OUTBOX_NONE) {
		return run(s, M_OB_DEL, NULL, NULL, e, "removing an outbox row", "sss", key, en->kind, en->id);
	}
	return run(s, M_OB_PUT, NULL, NULL, e, "writing the outbox", "ssssidSdSSiid", key, en->kind, en->id, qs_outbox_name(en->q_status),
		(long long)en->q_version, en->next_try, en->owner, en->claimed, en->wait_kind, en->wait_id,
		(long long)en->q_attempts, (long long)qs_kind_outbox_rank(en->kind, en->doc), qs_store_now());
}

/* Its reads take no file lock: no snapshot is needed to spare one. */
static void my_read_begin(qs_store *qs)
{
	(void)qs;
}

static void my_read_end(qs_store *qs)
{
	(void)qs;
}

/* Not told here: a caller reads the rows again (entity_reread). */
static void my_rows_mark(qs_store *qs, long long mark[2])
{
	(void)qs;
	mark[0] = mark[1] = 0;
}

/* The row is locked by the caller's transaction (read with entity_get):
 * written whole, the same columns entity_put writes. */
static qs_status my_entity_outcome(qs_store *qs, const char *key, const qs_entity *en, qs_error *e)
{
	return my_entity_put(qs, key, en, e);
}

/* The connection counts matched rows (CLIENT_FOUND_ROWS): a row that is not
 * there is written whole (entity_put, outbox_put). */
static qs_status my_entity_claim(qs_store *qs, const char *key, const qs_entity *en, qs_error *e)
{
	my_store *s = (my_store *)qs;
	unsigned long long n = 0;
	qs_status r = run(s, M_ENT_CLAIM, NULL, &n, e, "claiming an entity", "idSsss", (long long)en->attempts,
		en->last_attempt, en->create_rid, key, en->kind, en->id);
	if (r == QS_OK && n != 1) {
		r = my_entity_put(qs, key, en, e);
	}
	if (r != QS_OK) {
		return r;
	}
	n = 0;
	r = run(s, M_OB_CLAIM, NULL, &n, e, "claiming an outbox row", "sSdisss", qs_outbox_name(en->q_status), en->owner, en->claimed,
		(long long)en->q_attempts, key, en->kind, en->id);
	if (r == QS_OK && n != 1) {
		r = my_outbox_put(qs, key, en, e);
	}
	return r;
}

/* Reads a (kind, local_id, status, owner, claimed) result into cb; rows are
 * copied first, since the callback may use the store. */
static qs_status outbox_rows(my_store *s, my_q *q, qs_outbox_cb cb, void *ud, qs_error *e)
{
	typedef struct { char kind[16]; char id[65]; qs_outbox_status status; char owner[96]; double claimed; } row;
	row *rows = NULL;
	size_t n = 0, cap = 0, i;
	bool more;
	qs_status r;
	while ((r = q_next(s, q, &more, e)) == QS_OK && more) {
		row *nr = qs_grow(rows, &cap, n, sizeof(row), 32);
		if (!nr) {
			free(rows);
			q_done(q);
			return qs_error_set(e, QS_EINTERNAL, "Out of memory reading the outbox");
		}
		rows = nr;
		q_copy(q, 0, rows[n].kind, sizeof(rows[n].kind));
		q_copy(q, 1, rows[n].id, sizeof(rows[n].id));
		q_copy(q, 3, rows[n].owner, sizeof(rows[n].owner));
		rows[n].claimed = q_d(q, 4);
		if ((r = q_outbox(s, q, 2, rows[n].kind, rows[n].id, &rows[n].status, e)) != QS_OK) {
			break;
		}
		n++;
	}
	q_done(q);
	if (r != QS_OK) {
		free(rows);
		return r;
	}
	for (i = 0; cb && i < n; i++) {
		cb(ud, rows[i].kind, rows[i].id, rows[i].status, rows[i].owner, rows[i].claimed);
	}
	free(rows);
	return QS_OK;
}

static qs_status my_outbox_due(qs_store *qs, const char *key, double now, long limit,
	qs_outbox_cb cb, void *ud, qs_error *e)
{
	my_store *s = (my_store *)qs;
	my_q q;
	qs_status r;
	r = run(s, M_OB_DUE, &q, NULL, e, "reading the outbox", "sdi", key, now, (long long)(limit > 0 ? limit : LLONG_MAX));
	return r == QS_OK ? outbox_rows(s, &q, cb, ud, e) : r;
}

static qs_status my_outbox_release(qs_store *qs, const char *key, const char *kind, const char *id,
	double now, qs_outbox_cb cb, void *ud, long *n, qs_error *e)
{
	my_store *s = (my_store *)qs;
	unsigned long long changed = 0;
	qs_status r;
	*n = 0;
	if (cb) {
		my_q q;
		r = run(s, M_OB_WAITERS, &q, NULL, e, "reading the outbox", "sss", key, kind, id);
		if (r == QS_OK) {
			r = outbox_rows(s, &q, cb, ud, e);
		}
		if (r != QS_OK) {
			return r;
		}
	}
	r = run(s, M_OB_RELEASE, NULL, &changed, e, "releasing waiting records", "dsss", now, key, kind, id);
	if (r == QS_OK) {
		*n = (long)changed;
	}
	return r;
}

static qs_status my_outbox_count(qs_store *qs, const char *key, long *n, qs_error *e)
{
	my_store *s = (my_store *)qs;
	my_q q;
	bool row;
	qs_status r;
	*n = 0;
	r = run(s, M_OB_COUNT, &q, NULL, e, "counting the outbox", "s", key);
	if (r != QS_OK) {
		return r;
	}
	r = q_next(s, &q, &row, e);
	if (r == QS_OK && row) {
		*n = (long)q_i(&q, 0);
	}
	q_done(&q);
	return r;
}

static qs_status my_entity_counts(qs_store *qs, const char *key, qs_count_cb cb, void *ud, qs_error *e)
{
	my_store *s = (my_store *)qs;
	my_q q;
	bool row;
	qs_status r;
	r = run(s, M_ENT_COUNTS, &q, NULL, e, "counting entities", "s", key);
	if (r != QS_OK) {
		return r;
	}
	while ((r = q_next(s, &q, &row, e)) == QS_OK && row) {
		qs_state v = qs_state_of(q_strn(&q, 0));
		if (v == QS__STATE_COUNT) {
			char label[48];
			snprintf(label, sizeof(label), "(%lld of them)", (long long)q_i(&q, 1));
			r = name_unknown(s, e, "entity", label, "state", q_strn(&q, 0), NULL);
			break;
		}
		cb(ud, v, (long)q_i(&q, 1));
	}
	q_done(&q);
	return r;
}

static qs_status my_entity_list(qs_store *qs, const char *key, const char *kind, const char *state,
	const char *id, long limit, long offset, qs_entity_cb cb, void *ud, qs_error *e)
{
	my_store *s = (my_store *)qs;
	my_q q;
	bool row;
	char (*ids)[2][65] = NULL;
	size_t n = 0, cap = 0, i;
	qs_status r;
	/* the page through LIMIT/OFFSET on the listing's index (schema 3): only
	 * the page's rows are read */
	{
		long long lim = limit > 0 ? limit : LLONG_MAX, off = offset > 0 ? offset : 0;
		if (id) {
			r = run(s, M_ENT_LIST, &q, NULL, e, "listing entities", "sssssssii", key, kind, kind, state, state, id, id, lim, off);
		} else if (kind && state) {
			r = run(s, M_ENT_LIST_KS, &q, NULL, e, "listing entities", "sssii", key, kind, state, lim, off);
		} else if (kind) {
			r = run(s, M_ENT_LIST_K, &q, NULL, e, "listing entities", "ssii", key, kind, lim, off);
		} else if (state) {
			r = run(s, M_ENT_LIST_S, &q, NULL, e, "listing entities", "ssii", key, state, lim, off);
		} else {
			r = run(s, M_ENT_LIST_ALL, &q, NULL, e, "listing entities", "sii", key, lim, off);
		}
	}
	if (r != QS_OK) {
		return r;
	}
	while ((r = q_next(s, &q, &row, e)) == QS_OK && row) {
		void *nr = qs_grow(ids, &cap, n, sizeof(*ids), 64);
		if (!nr) {
			free(ids);
			q_done(&q);
			return qs_error_set(e, QS_EINTERNAL, "Out of memory listing entities");
		}
		ids = nr;
		q_copy(&q, 0, ids[n][0], 65);
		q_copy(&q, 1, ids[n][1], 65);
		n++;
	}
	q_done(&q);
	if (r != QS_OK) {
		free(ids);
		return r;
	}
	for (i = 0; i < n && r == QS_OK; i++) {
		qs_entity en;
		r = my_entity_get(&s->base, key, ids[i][1], ids[i][0], &en, e);
		if (r == QS_OK && en.exists) {
			cb(ud, &en);
		}
		qs_entity_clear(&en);
	}
	free(ids);
	return r;
}

/* ------------------------------------------------------------------ mappings */

static qs_status my_map_get(qs_store *qs, const char *key, const char *kind, const char *local_id,
	const char *purpose, qs_mapping *out, bool *found, qs_error *e)
{
	my_store *s = (my_store *)qs;
	my_q q;
	qs_status r;
	*found = false;
	memset(out, 0, sizeof(*out));
	r = run(s, M_MAP_GET, &q, NULL, e, "reading a mapping", "ssss", key, kind, local_id, purpose ? purpose : "");
	if (r != QS_OK) {
		return r;
	}
	r = q_next(s, &q, found, e);
	if (r == QS_OK && *found) {
		qs_strlcpy(out->kind, kind, sizeof(out->kind));
		qs_strlcpy(out->local_id, local_id, sizeof(out->local_id));
		q_copy(&q, 0, out->qbo_id, sizeof(out->qbo_id));
		q_copy(&q, 1, out->name, sizeof(out->name));
		q_copy(&q, 2, out->purpose, sizeof(out->purpose));
		out->created = q_d(&q, 3);
		q_copy(&q, 4, out->start_date, sizeof(out->start_date));
	}
	q_done(&q);
	return r;
}

static qs_status my_map_any(qs_store *qs, const char *key, const char *kind, const char *purpose,
	qs_mapping *out, bool *found, qs_error *e)
{
	my_store *s = (my_store *)qs;
	my_q q;
	qs_status r;
	*found = false;
	memset(out, 0, sizeof(*out));
	r = run(s, M_MAP_ANY, &q, NULL, e, "reading a mapping", "sss", key, kind, purpose ? purpose : "");
	if (r != QS_OK) {
		return r;
	}
	r = q_next(s, &q, found, e);
	if (r == QS_OK && *found) {
		qs_strlcpy(out->kind, kind, sizeof(out->kind));
		q_copy(&q, 0, out->local_id, sizeof(out->local_id));
		q_copy(&q, 1, out->qbo_id, sizeof(out->qbo_id));
		q_copy(&q, 2, out->name, sizeof(out->name));
		qs_strlcpy(out->purpose, purpose ? purpose : "", sizeof(out->purpose));
		out->created = q_d(&q, 3);
	}
	q_done(&q);
	return r;
}

static qs_status my_map_put(qs_store *qs, const char *key, const qs_mapping *m, qs_error *e)
{
	my_store *s = (my_store *)qs;
	return run(s, M_MAP_PUT, NULL, NULL, e, "saving a mapping", "sssssSd", key, m->kind, m->local_id, m->purpose,
		m->qbo_id, m->name, m->created > 0 ? m->created : qs_store_now());
}

static qs_status my_map_del(qs_store *qs, const char *key, const char *kind, const char *local_id,
	bool *removed, qs_error *e)
{
	my_store *s = (my_store *)qs;
	unsigned long long n = 0;
	qs_status r;
	*removed = false;
	r = run(s, M_MAP_DEL, NULL, &n, e, "removing a mapping", "sss", key, kind, local_id);
	if (r == QS_OK) {
		*removed = n > 0;
	}
	return r;
}

static qs_status my_map_start(qs_store *qs, const char *key, const char *kind, const char *local_id,
	const char *start_date, bool *found, qs_error *e)
{
	my_store *s = (my_store *)qs;
	unsigned long long n = 0;
	qs_status r;
	*found = false;
	LOCK_OR_RETURN(s, key, e);
	r = run(s, M_MAP_START, NULL, &n, e, "saving a customer's start date", "Ssss", start_date, key, kind, local_id);
	if (r == QS_OK) {
		*found = n > 0;
	}
	return r;
}

static qs_status my_map_list(qs_store *qs, const char *key, const char *kind,
	qs_mapping_cb cb, void *ud, qs_error *e)
{
	my_store *s = (my_store *)qs;
	my_q q;
	bool row;
	qs_status r;
	r = kind ? run(s, M_MAP_LIST_KIND, &q, NULL, e, "listing mappings", "ss", key, kind)
		: run(s, M_MAP_LIST_ALL, &q, NULL, e, "listing mappings", "s", key);
	if (r != QS_OK) {
		return r;
	}
	while ((r = q_next(s, &q, &row, e)) == QS_OK && row) {
		qs_mapping m;
		memset(&m, 0, sizeof(m));
		q_copy(&q, 0, m.kind, sizeof(m.kind));
		q_copy(&q, 1, m.local_id, sizeof(m.local_id));
		q_copy(&q, 2, m.qbo_id, sizeof(m.qbo_id));
		q_copy(&q, 3, m.name, sizeof(m.name));
		q_copy(&q, 4, m.purpose, sizeof(m.purpose));
		m.created = q_d(&q, 5);
		q_copy(&q, 6, m.start_date, sizeof(m.start_date));
		cb(ud, &m);
	}
	q_done(&q);
	return r;
}

/* ------------------------------------------------------------------ log */

static qs_status my_log_list(qs_store *qs, const char *key, const char *kind, const char *id,
	long limit, qs_log_cb cb, void *ud, qs_error *e)
{
	my_store *s = (my_store *)qs;
	my_q q;
	bool row;
	qs_status r;
	r = run(s, M_LOG_LIST, &q, NULL, e, "reading the log", "sssssi", key, kind, kind, id, id,
		(long long)(limit > 0 ? limit : 100));
	if (r != QS_OK) {
		return r;
	}
	while ((r = q_next(s, &q, &row, e)) == QS_OK && row) {
		cb(ud, q_d(&q, 0), q_str(&q, 1), q_strn(&q, 2), q_strn(&q, 3), q_str(&q, 4));
	}
	q_done(&q);
	return r;
}

static void my_log(qs_store *qs, const char *key, const char *level, const char *kind,
	const char *id, const char *message)
{
	my_store *s = (my_store *)qs;
	qs_error e2;
	qs_error_clear(&e2);
	if (s->in_tx && (s->tx_lost || s->tx_dead)) {
		return;
	}
	run(s, M_LOG, NULL, NULL, &e2, "writing the log", "sdsSSs", key, qs_store_now(), level, kind, id,
		message ? message : "");
}

static void my_log_put(qs_store *qs, const char *key, const qs_log_row *row)
{
	my_store *s = (my_store *)qs;
	qs_error e2;
	qs_error_clear(&e2);
	if (!row || (s->in_tx && s->tx_lost)) {
		return;
	}
	if (row->method) {
		run(s, M_LOG_PUT, NULL, NULL, &e2, "writing the log", "sdsSSsssiSSdSss", key,
			row->at > 0 ? row->at : qs_store_now(), row->level ? row->level : "info", row->kind, row->id,
			row->message ? row->message : "", row->method, row->path ? row->path : "", (long long)row->status,
			row->code, row->intuit_tid, row->ms, row->records, row->request, row->response);
	} else {
		run(s, M_LOG_PUT, NULL, NULL, &e2, "writing the log", "sdsSSssssssssss", key,
			row->at > 0 ? row->at : qs_store_now(), row->level ? row->level : "info", row->kind, row->id,
			row->message ? row->message : "", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
	}
}

static qs_status my_log_find(qs_store *qs, const char *key, const qs_log_filter *f, qs_log_row_cb cb, void *ud,
	qs_error *e)
{
	my_store *s = (my_store *)qs;
	int id = f->intuit_tid ? M_LOG_FIND_TID : (f->kind && f->id) ? M_LOG_FIND_REC
		: f->min_level > 0 ? M_LOG_FIND_LEVEL : M_LOG_FIND_ALL;
	my_q q;
	bool row;
	qs_status r;
	LOCK_OR_RETURN(s, key, e);
	r = run(s, id, &q, NULL, e, "reading the log", "sddissssssssiiii", key, f->since > 0 ? f->since : -1.0,
		f->until > 0 ? f->until : 1e300, (long long)f->min_level, f->kind, f->kind, f->id, f->id, f->code, f->code,
		f->intuit_tid, f->intuit_tid, (long long)f->type, (long long)f->type,
		(long long)(f->limit > 0 ? f->limit : 100), (long long)(f->offset > 0 ? f->offset : 0));
	if (r != QS_OK) {
		return r;
	}
	while ((r = q_next(s, &q, &row, e)) == QS_OK && row) {
		qs_log_row x;
		memset(&x, 0, sizeof(x));
		x.seq = q_i(&q, 0);
		x.at = q_d(&q, 1);
		x.level = q_str(&q, 2);
		x.kind = q_strn(&q, 3);
		x.id = q_strn(&q, 4);
		x.message = q_str(&q, 5);
		x.method = q_strn(&q, 6);
		x.path = q_strn(&q, 7);
		x.status = (long)q_i(&q, 8);
		x.code = q_strn(&q, 9);
		x.intuit_tid = q_strn(&q, 10);
		x.ms = q_d(&q, 11);
		x.records = q_strn(&q, 12);
		x.request = q_strn(&q, 13);
		x.response = q_strn(&q, 14);
		cb(ud, &x);
	}
	q_done(&q);
	return r;
}

static qs_status my_log_prune(qs_store *qs, const char *key, double before, long max_rows, long batch,
	long *removed, qs_error *e)
{
	my_store *s = (my_store *)qs;
	unsigned long long n = 0;
	qs_status r;
	*removed = 0;
	if (batch < 1) {
		batch = 1000;
	}
	LOCK_OR_RETURN(s, key, e);
	r = run(s, M_LOG_PRUNE_AGE, NULL, &n, e, "removing old log rows", "sdi", key, before, (long long)batch);
	if (r != QS_OK) {
		return r;
	}
	*removed = (long)n;
	if (max_rows > 0 && *removed < batch) {
		my_q q;
		bool row;
		long long top = 0;
		r = run(s, M_LOG_MAX_ID, &q, NULL, e, "reading the log's size", "");
		if (r != QS_OK) {
			return r;
		}
		r = q_next(s, &q, &row, e);
		if (r == QS_OK && row) {
			top = q_i(&q, 0);
		}
		q_done(&q);
		if (r == QS_OK && top > max_rows) {
			n = 0;
			r = run(s, M_LOG_PRUNE_ROWS, NULL, &n, e, "removing the log rows past its largest size", "ii",
				top - (long long)max_rows, (long long)(batch - *removed));
			*removed += (long)n;
		}
	}
	return r;
}

/* ------------------------------------------------------------------ hook events */

static qs_status my_hook_put(qs_store *qs, const char *key, const char *event, const char *ids, double now, qs_error *e)
{
	my_store *s = (my_store *)qs;
	return run(s, M_HOOK_PUT, NULL, NULL, e, "recording a hook event", "sssd", key, event, ids, now);
}

static qs_status my_hook_due(qs_store *qs, const char *key, long long after, long limit, qs_hook_cb cb, void *ud, qs_error *e)
{
	my_store *s = (my_store *)qs;
	my_q q;
	bool row;
	qs_status r;
	typedef struct { long long seq; char *event; char *ids; long attempts; } hrow;
	hrow *rows = NULL;
	size_t n = 0, cap = 0, i;
	LOCK_OR_RETURN(s, key, e);
	r = run(s, M_HOOK_DUE, &q, NULL, e, "reading the hook events", "sii", key, after,
		(long long)(limit > 0 ? limit : LLONG_MAX));
	if (r != QS_OK) {
		return r;
	}
	while ((r = q_next(s, &q, &row, e)) == QS_OK && row) {
		hrow *nr = qs_grow(rows, &cap, n, sizeof(hrow), 32);
		if (!nr) {
			r = qs_error_set(e, QS_EINTERNAL, "Out of memory reading the hook events");
			break;
		}
		rows = nr;
		rows[n].seq = q_i(&q, 0);
		rows[n].event = strdup(q_str(&q, 1));
		rows[n].ids = strdup(q_strn(&q, 2) ? q_str(&q, 2) : "{}");
		rows[n].attempts = (long)q_i(&q, 3);
		n++;
		if (!rows[n - 1].event || !rows[n - 1].ids) {
			r = qs_error_set(e, QS_EINTERNAL, "Out of memory reading the hook events");
			break;
		}
	}
	q_done(&q);
	for (i = 0; i < n; i++) {
		if (r == QS_OK) {
			cb(ud, rows[i].seq, rows[i].event, rows[i].ids, rows[i].attempts);
		}
		free(rows[i].event);
		free(rows[i].ids);
	}
	free(rows);
	return r;
}

static qs_status my_hook_del(qs_store *qs, const char *key, long long seq, qs_error *e)
{
	my_store *s = (my_store *)qs;
	LOCK_OR_RETURN(s, key, e);
	return run(s, M_HOOK_DEL, NULL, NULL, e, "removing an expanded hook event", "si", key, seq);
}

static qs_status my_hook_fail(qs_store *qs, const char *key, long long seq, bool final, const char *message, qs_error *e)
{
	my_store *s = (my_store *)qs;
	LOCK_OR_RETURN(s, key, e);
	return run(s, M_HOOK_FAIL, NULL, NULL, e, "recording a hook event's failure", "sssi", final ? "error" : "pending",
		message, key, seq);
}

static qs_status my_hook_count(qs_store *qs, const char *key, long *pending, long *errors, qs_error *e)
{
	my_store *s = (my_store *)qs;
	my_q q;
	bool row;
	qs_status r;
	*pending = *errors = 0;
	r = run(s, M_HOOK_COUNT, &q, NULL, e, "counting the hook events", "s", key);
	if (r != QS_OK) {
		return r;
	}
	r = q_next(s, &q, &row, e);
	if (r == QS_OK && row) {
		*pending = (long)q_i(&q, 0);
		*errors = (long)q_i(&q, 1);
	}
	q_done(&q);
	return r;
}

/* ------------------------------------------------------------------ limiter
 * The per-company request limiter: the window's requests are counted and a
 * new one recorded under a lock on the company's bucket row, so processes on
 * every host share one budget. */

static qs_status my_rate_take(qs_store *qs, const char *key, double now, double until, double window,
	long per_window, long batch_per_window, bool batch, double *wait, qs_error *e)
{
	my_store *s = (my_store *)qs;
	my_q q;
	bool row = false;
	long n = 0, nb = 0;
	double oldest = now, oldest_b = now;
	qs_status r;
	*wait = 0;
	r = run(s, M_BUCKET_ENSURE, NULL, NULL, e, "creating the request limiter's row", "s", key);
	if (r == QS_OK) {
		r = my_begin(qs, false, e);
	}
	if (r != QS_OK) {
		return r;
	}
	r = run(s, M_BUCKET_LOCK, &q, NULL, e, "locking the request limiter", "s", key);
	if (r == QS_OK) {
		r = q_next(s, &q, &row, e);
		q_done(&q);
	}
	if (r == QS_OK) {
		r = run(s, M_RATE_PRUNE, NULL, NULL, e, "pruning the request limiter", "sd", key, now - window);
	}
	if (r == QS_OK) {
		r = run(s, M_RATE_COUNT, &q, NULL, e, "reading the request limiter", "s", key);
		if (r == QS_OK) {
			r = q_next(s, &q, &row, e);
			if (r == QS_OK && row) {
				n = (long)q_i(&q, 0);
				nb = (long)q_i(&q, 1);
				if (!q.nul[2]) {
					oldest = q_d(&q, 2);
				}
				if (!q.nul[3]) {
					oldest_b = q_d(&q, 3);
				}
			}
			q_done(&q);
		}
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
			r = run(s, M_RATE_ADD, NULL, NULL, e, "recording a request in the limiter", "sdi", key, until,
				(long long)(batch ? 1 : 0));
		}
	}
	if (r == QS_OK) {
		r = my_commit(qs, e);
	} else {
		my_rollback(qs);
	}
	return r;
}

static qs_status my_rate_done(qs_store *qs, const char *key, double taken, double now, qs_error *e)
{
	my_store *s = (my_store *)qs;
	return run(s, M_RATE_DONE, NULL, NULL, e, "recording a request's end in the limiter", "dsd", now, key, taken);
}

/* ------------------------------------------------------------------ the in-flight cap
 * One row per request in flight; a slot is taken under the lock on the
 * company's bucket row (the limiter's), so processes on every host share
 * one cap and never pick the same slot. */

static qs_status my_flight_take(qs_store *qs, const char *key, const char *owner, double now, double until,
	long cap, long *slot, qs_error *e)
{
	my_store *s = (my_store *)qs;
	my_q q;
	bool row = false;
	long free_slot = 0;
	qs_status r;
	*slot = -1;
	r = run(s, M_BUCKET_ENSURE, NULL, NULL, e, "creating the request limiter's row", "s", key);
	if (r == QS_OK) {
		r = my_begin(qs, false, e);
	}
	if (r != QS_OK) {
		return r;
	}
	r = run(s, M_BUCKET_LOCK, &q, NULL, e, "locking the in-flight cap", "s", key);
	if (r == QS_OK) {
		r = q_next(s, &q, &row, e);
		q_done(&q);
	}
	if (r == QS_OK) {
		r = run(s, M_FLIGHT_PRUNE, NULL, NULL, e, "pruning the in-flight cap", "sd", key, now);
	}
	if (r == QS_OK) {
		r = run(s, M_FLIGHT_HELD, &q, NULL, e, "reading the in-flight cap", "s", key);
		if (r == QS_OK) {
			/* the lowest slot number not held (the rows come in slot order) */
			while ((r = q_next(s, &q, &row, e)) == QS_OK && row) {
				if (q_i(&q, 0) == free_slot) {
					free_slot++;
				}
			}
			q_done(&q);
		}
	}
	if (r == QS_OK && free_slot < cap) {
		r = run(s, M_FLIGHT_ADD, NULL, NULL, e, "taking a slot of the in-flight cap", "sisd", key,
			(long long)free_slot, owner, until);
		if (r == QS_OK) {
			*slot = free_slot;
		}
	}
	if (r == QS_OK) {
		r = my_commit(qs, e);
	} else {
		my_rollback(qs);
	}
	if (r != QS_OK) {
		*slot = -1;
	}
	return r;
}

static qs_status my_flight_release(qs_store *qs, const char *key, const char *owner, long slot, qs_error *e)
{
	my_store *s = (my_store *)qs;
	return run(s, M_FLIGHT_DEL, NULL, NULL, e, "releasing a slot of the in-flight cap", "sis", key, (long long)slot, owner);
}

/* ------------------------------------------------------------------ entity total and the realm switch */

static qs_status my_claims_renew(qs_store *qs, const char *key, const char *owner, const char *claim_owner, double now,
	double flight_until, long *n, qs_error *e)
{
	my_store *s = (my_store *)qs;
	unsigned long long changed = 0;
	qs_status r;
	*n = 0;
	/* three autocommit updates, each of the owner's own rows (a row another
	 * transaction holds that is not the owner's is not waited for: READ
	 * COMMITTED's semi-consistent read) */
	r = run(s, M_RENEW_CLAIMS, NULL, &changed, e, "renewing the leases of this process's claims", "dss", now, key, claim_owner);
	if (r == QS_OK) {
		*n = (long)changed;
		r = run(s, M_RENEW_WORKER, NULL, NULL, e, "renewing the worker lock's heartbeat", "dss", now, key, owner);
	}
	if (r == QS_OK) {
		r = run(s, M_RENEW_FLIGHT, NULL, NULL, e, "renewing the in-flight slots", "dssd", flight_until, key, owner,
			flight_until);
	}
	return r;
}

static qs_status my_entity_total(qs_store *qs, const char *key, const char *kind, const char *state,
	const char *id, long *n, qs_error *e)
{
	my_store *s = (my_store *)qs;
	my_q q;
	bool row;
	qs_status r;
	*n = 0;
	/* without an id, plain equalities: the count reads only its range of an index */
	if (!id && kind && state) {
		r = run(s, M_ENT_TOTAL_KS, &q, NULL, e, "counting entities", "sss", key, kind, state);
	} else if (!id && kind) {
		r = run(s, M_ENT_TOTAL_K, &q, NULL, e, "counting entities", "ss", key, kind);
	} else if (!id && state) {
		r = run(s, M_ENT_TOTAL_S, &q, NULL, e, "counting entities", "ss", key, state);
	} else {
		r = run(s, M_ENT_TOTAL, &q, NULL, e, "counting entities", "sssssss", key, kind, kind, state, state, id, id);
	}
	if (r != QS_OK) {
		return r;
	}
	r = q_next(s, &q, &row, e);
	if (r == QS_OK && row) {
		*n = (long)q_i(&q, 0);
	}
	q_done(&q);
	return r;
}

/* Parks realm from's links and restores realm to's (inside the caller's
 * transaction). */
static qs_status my_realm_switch(qs_store *qs, const char *key, const char *from, const char *to, qs_error *e)
{
	my_store *s = (my_store *)qs;
	static const struct { int id; char which; } steps[] = {
		{ M_RS_LINK_CLEAR, 'f' }, { M_RS_LINK_PARK, 'F' }, { M_RS_MAP_CLEAR, 'f' }, { M_RS_MAP_PARK, 'F' },
		{ M_RS_MAP_DROP, 0 }, { M_RS_ENT_UNLINK, 0 }, { M_RS_ENT_RESTORE, 't' }, { M_RS_MAP_RESTORE, 't' },
		{ M_RS_LINK_CLEAR, 't' }, { M_RS_MAP_CLEAR, 't' },
	};
	size_t i;
	qs_status r = QS_OK;
	LOCK_OR_RETURN(s, key, e);
	for (i = 0; r == QS_OK && i < sizeof(steps) / sizeof(steps[0]); i++) {
		const char *what = "switching to another company";
		switch (steps[i].which) {
		case 'f':   /* conn, realm from */
			r = run(s, steps[i].id, NULL, NULL, e, what, "ss", key, from);
			break;
		case 'F':   /* realm from (selected), conn */
			r = run(s, steps[i].id, NULL, NULL, e, what, "ss", from, key);
			break;
		case 't':   /* conn, realm to */
			r = run(s, steps[i].id, NULL, NULL, e, what, "ss", key, to);
			break;
		default:
			r = run(s, steps[i].id, NULL, NULL, e, what, "s", key);
			break;
		}
	}
	return r;
}

/* ------------------------------------------------------------------ named values */

static qs_status my_meta_get(qs_store *qs, const char *key, const char *name, char **value, double *at, qs_error *e)
{
	my_store *s = (my_store *)qs;
	my_q q;
	bool row;
	qs_status r;
	*value = NULL;
	*at = 0;
	LOCK_OR_RETURN(s, key, e);
	r = run(s, M_META_GET, &q, NULL, e, "reading a stored value", "ss", key, name);
	if (r != QS_OK) {
		return r;
	}
	r = q_next(s, &q, &row, e);
	if (r == QS_OK && row) {
		const char *t = q_strn(&q, 0);
		*at = q_d(&q, 1);
		if (t) {
			*value = strdup(t);
			if (!*value) {
				r = qs_error_set(e, QS_EINTERNAL, "Out of memory reading a stored value");
			}
		}
	}
	q_done(&q);
	return r;
}

static qs_status my_meta_put(qs_store *qs, const char *key, const char *name, const char *value, double at, qs_error *e)
{
	my_store *s = (my_store *)qs;
	LOCK_OR_RETURN(s, key, e);
	return run(s, M_META_PUT, NULL, NULL, e, "saving a stored value", "sssd", key, name, value, at);
}

/* ------------------------------------------------------------------ QBO-side changes */

static qs_status my_event_put(qs_store *qs, const char *key, const qs_qbo_event *ev, const char *dedupe,
	bool *inserted, qs_error *e)
{
	my_store *s = (my_store *)qs;
	my_q q;
	bool row = false;
	qs_status r;
	*inserted = false;
	r = run(s, M_EV_SEEN, &q, NULL, e, "looking for a known QuickBooks change", "ss", key, dedupe);
	if (r != QS_OK) {
		return r;
	}
	r = q_next(s, &q, &row, e);
	q_done(&q);
	if (r != QS_OK || row) {
		return r;
	}
	r = run(s, M_EV_PUT, NULL, NULL, e, "recording a QuickBooks change", "sssssssd", key, dedupe, ev->realm,
		ev->entity, ev->qbo_id, ev->operation, ev->at, ev->created > 0 ? ev->created : qs_store_now());
	*inserted = r == QS_OK;
	return r;
}

static qs_status my_event_list(qs_store *qs, const char *key, long long since_id, long limit, const char *entity,
	bool pending_only, qs_event_cb cb, void *ud, qs_error *e)
{
	my_store *s = (my_store *)qs;
	my_q q;
	bool row;
	qs_status r;
	long long lim = limit > 0 ? (long long)limit : LLONG_MAX;   /* no limit: every row */
	qs_qbo_event *rows = NULL;
	size_t n = 0, cap = 0, i;
	r = pending_only ? run(s, M_EV_PENDING, &q, NULL, e, "reading the QuickBooks changes", "si", key, lim)
		: run(s, M_EV_LIST, &q, NULL, e, "reading the QuickBooks changes", "siSSi", key, since_id, entity, entity, lim);
	if (r != QS_OK) {
		return r;
	}
	/* rows are copied first, since the callback may use the store */
	while ((r = q_next(s, &q, &row, e)) == QS_OK && row) {
		qs_qbo_event *ev, *nr = qs_grow(rows, &cap, n, sizeof(*rows), 16);
		const char *doc = q_strn(&q, 9), *msg = q_strn(&q, 10);
		if (!nr) {
			r = qs_error_set(e, QS_EINTERNAL, "Out of memory reading the QuickBooks changes");
			break;
		}
		rows = nr;
		ev = &rows[n++];
		memset(ev, 0, sizeof(*ev));
		ev->id = q_i(&q, 0);
		q_copy(&q, 1, ev->realm, sizeof(ev->realm));
		q_copy(&q, 2, ev->entity, sizeof(ev->entity));
		q_copy(&q, 3, ev->qbo_id, sizeof(ev->qbo_id));
		q_copy(&q, 4, ev->operation, sizeof(ev->operation));
		q_copy(&q, 5, ev->at, sizeof(ev->at));
		ev->status = qs_event_of(q_strn(&q, 6));
		q_copy(&q, 7, ev->local_kind, sizeof(ev->local_kind));
		q_copy(&q, 8, ev->local_id, sizeof(ev->local_id));
		ev->doc = doc ? strdup(doc) : NULL;
		ev->message = msg ? strdup(msg) : NULL;
		ev->created = q_d(&q, 11);
		if (ev->status == QS__EVENT_COUNT) {
			char label[32];
			snprintf(label, sizeof(label), "%lld", ev->id);
			r = name_unknown(s, e, "qbo_event", label, "status", q_strn(&q, 6), NULL);
			break;
		}
		if ((doc && !ev->doc) || (msg && !ev->message)) {
			r = qs_error_set(e, QS_EINTERNAL, "Out of memory reading the QuickBooks changes");
			break;
		}
	}
	q_done(&q);
	for (i = 0; i < n; i++) {
		if (r == QS_OK) {
			cb(ud, &rows[i]);
		}
		free((char *)rows[i].doc);
		free((char *)rows[i].message);
	}
	free(rows);
	return r;
}

static qs_status my_event_done(qs_store *qs, const char *key, const qs_qbo_event *ev, qs_error *e)
{
	my_store *s = (my_store *)qs;
	return run(s, M_EV_DONE, NULL, NULL, e, "saving a QuickBooks change's outcome", "sSSsssi", qs_event_name(ev->status),
		ev->local_kind, ev->local_id, ev->doc, ev->message, key, ev->id);
}

/* ------------------------------------------------------------------ worker lock and history job
 * One row per company each; written as delete + insert inside the caller's
 * transaction (whose lock on the company's conn row orders the writers). */

static qs_status my_worker_get(qs_store *qs, const char *key, qs_worker_row *out, qs_error *e)
{
	my_store *s = (my_store *)qs;
	my_q q;
	bool row;
	qs_status r;
	memset(out, 0, sizeof(*out));
	LOCK_OR_RETURN(s, key, e);
	r = run(s, M_WORKER_GET, &q, NULL, e, "reading the worker lock", "s", key);
	if (r != QS_OK) {
		return r;
	}
	r = q_next(s, &q, &row, e);
	if (r == QS_OK && row) {
		out->exists = true;
		q_copy(&q, 0, out->owner, sizeof(out->owner));
		q_copy(&q, 1, out->host, sizeof(out->host));
		out->pid = (long)q_i(&q, 2);
		out->since = q_d(&q, 3);
		out->heartbeat = q_d(&q, 4);
		out->cancel = q_i(&q, 5) != 0;
	}
	q_done(&q);
	return r;
}

static qs_status my_worker_put(qs_store *qs, const char *key, const qs_worker_row *w, qs_error *e)
{
	my_store *s = (my_store *)qs;
	qs_status r;
	LOCK_OR_RETURN(s, key, e);
	r = run(s, M_WORKER_DEL_ANY, NULL, NULL, e, "writing the worker lock", "s", key);
	if (r != QS_OK) {
		return r;
	}
	return run(s, M_WORKER_ADD, NULL, NULL, e, "writing the worker lock", "ssSiddi", key, w->owner, w->host,
		(long long)w->pid, w->since, w->heartbeat, (long long)(w->cancel ? 1 : 0));
}

static qs_status my_worker_del(qs_store *qs, const char *key, const char *owner, bool *removed, qs_error *e)
{
	my_store *s = (my_store *)qs;
	unsigned long long n = 0;
	qs_status r;
	*removed = false;
	LOCK_OR_RETURN(s, key, e);
	r = owner ? run(s, M_WORKER_DEL_OWNER, NULL, &n, e, "releasing the worker lock", "ss", key, owner)
		: run(s, M_WORKER_DEL_ANY, NULL, &n, e, "releasing the worker lock", "s", key);
	if (r == QS_OK) {
		*removed = n > 0;
	}
	return r;
}

static qs_status my_history_get(qs_store *qs, const char *key, qs_history_row *out, qs_error *e)
{
	my_store *s = (my_store *)qs;
	my_q q;
	bool row;
	qs_status r;
	memset(out, 0, sizeof(*out));
	LOCK_OR_RETURN(s, key, e);
	r = run(s, M_HIST_GET, &q, NULL, e, "reading the history job", "s", key);
	if (r != QS_OK) {
		return r;
	}
	r = q_next(s, &q, &row, e);
	if (r == QS_OK && row) {
		const char *j = q_strn(&q, 2);
		out->exists = true;
		out->id = q_i(&q, 0);
		out->state = qs_history_of(q_strn(&q, 1));
		out->job = strdup(j ? j : "{}");
		out->started = q_d(&q, 3);
		out->updated = q_d(&q, 4);
		if (out->state == QS__HISTORY_COUNT) {
			char label[32];
			snprintf(label, sizeof(label), "%lld", out->id);
			r = name_unknown(s, e, "history_job", label, "state", q_strn(&q, 1), QS_HISTORY_TODO);
			/* exists and id stay: a new job replaces it with the next id */
			free(out->job);
			out->job = NULL;
			out->state = QS_HISTORY_NONE;
		} else if (!out->job) {
			r = qs_error_set(e, QS_EINTERNAL, "Out of memory reading the history job");
		}
	}
	q_done(&q);
	return r;
}

static qs_status my_history_put(qs_store *qs, const char *key, const qs_history_row *h, qs_error *e)
{
	my_store *s = (my_store *)qs;
	qs_status r;
	LOCK_OR_RETURN(s, key, e);
	r = run(s, M_HIST_DEL, NULL, NULL, e, "saving the history job", "s", key);
	if (r != QS_OK) {
		return r;
	}
	return run(s, M_HIST_ADD, NULL, NULL, e, "saving the history job", "sissdd", key, h->id, qs_history_name(h->state),
		h->job ? h->job : "{}", h->started, h->updated);
}

static const qs_store_ops mysql_ops = {
	.name = "mysql",
	.close = my_close,
	.checkpoint = my_checkpoint,
	.begin = my_begin,
	.commit = my_commit,
	.rollback = my_rollback,
	.conn_ensure = my_conn_ensure,
	.conn_get = my_conn_get,
	.conn_set_status = my_conn_set_status,
	.conn_set_company = my_conn_set_company,
	.conn_set_last_sync = my_conn_set_last_sync,
	.conn_set_throttle = my_conn_set_throttle,
	.tokens_put = my_tokens_put,
	.tokens_clear = my_tokens_clear,
	.refresh_lock = my_refresh_lock,
	.refresh_unlock = my_refresh_unlock,
	.refresh_sent = my_refresh_sent,
	.state_put = my_state_put,
	.state_take = my_state_take,
	.entity_get = my_entity_get,
	.entity_by_qbo = my_entity_by_qbo,
	.entity_put = my_entity_put,
	.entity_ref = my_entity_ref,
	.entity_reread = my_entity_reread,
	.rows_mark = my_rows_mark,
	.read_begin = my_read_begin,
	.read_end = my_read_end,
	.entity_outcome = my_entity_outcome,
	.outbox_put = my_outbox_put,
	.entity_claim = my_entity_claim,
	.outbox_due = my_outbox_due,
	.outbox_release = my_outbox_release,
	.outbox_lock = my_outbox_lock,
	.claims_renew = my_claims_renew,
	.outbox_count = my_outbox_count,
	.entity_counts = my_entity_counts,
	.entity_list = my_entity_list,
	.map_get = my_map_get,
	.map_any = my_map_any,
	.map_put = my_map_put,
	.map_del = my_map_del,
	.map_list = my_map_list,
	.map_start = my_map_start,
	.log = my_log,
	.log_list = my_log_list,
	.log_put = my_log_put,
	.log_find = my_log_find,
	.log_prune = my_log_prune,
	.hook_put = my_hook_put,
	.hook_due = my_hook_due,
	.hook_del = my_hook_del,
	.hook_fail = my_hook_fail,
	.hook_count = my_hook_count,
	.rate_take = my_rate_take,
	.entity_total = my_entity_total,
	.realm_switch = my_realm_switch,
	.meta_get = my_meta_get,
	.meta_put = my_meta_put,
	.event_put = my_event_put,
	.event_list = my_event_list,
	.event_done = my_event_done,
	.worker_get = my_worker_get,
	.worker_put = my_worker_put,
	.worker_del = my_worker_del,
	.history_get = my_history_get,
	.history_put = my_history_put,
	.rate_done = my_rate_done,
	.flight_take = my_flight_take,
	.flight_release = my_flight_release,
};

const char *qs_store_mysql_version(void)
{
	return mysql_get_client_info();
}

qs_store *qs_store_mysql_open(const char *name, const char *password, qs_error *e)
{
	my_store *s = calloc(1, sizeof(*s));
	if (!s) {
		qs_error_set(e, QS_EINTERNAL, "Out of memory opening the store");
		return NULL;
	}
	s->base.ops = &mysql_ops;
	qs_strlcpy(s->base.path, name, sizeof(s->base.path));
	if (parse_target(name, &s->t, e) != QS_OK) {
		my_close(&s->base);
		return NULL;
	}
	if (password && *password) {
		s->password = strdup(password);
		if (!s->password) {
			qs_error_set(e, QS_EINTERNAL, "Out of memory opening the store");
			my_close(&s->base);
			return NULL;
		}
	}
	if (ensure_connected(s, e) != QS_OK) {
		if (s->offline) {
			/* unreachable: the handle is returned and reconnects on use,
			 * so the hook path can keep its events (qs_engine_spill.c) */
			return &s->base;
		}
		my_close(&s->base);
		return NULL;
	}
	return &s->base;
}
