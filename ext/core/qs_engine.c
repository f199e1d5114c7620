/* qs_engine: one QBO company connection: records billing documents in the
 * durable outbox, delivers them in dependency order with deterministic
 * requestids and natural-key guards (link instead of duplicate), keeps the
 * OAuth tokens sealed and refreshed under a cross-process lock, and answers
 * the status/entities overview. SQL lives in qs_store, QBO JSON in qs_map. */
#include "qs_engine.h"
#include "qs_store.h"
#include "qs_http.h"
#include "qs_oauth.h"
#include "qs_qbo.h"
#include "qs_map.h"

#include <curl/curl.h>
#include <errno.h>
#include <openssl/crypto.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#define MAX_DEPTH 4
#define REFRESH_LOCK_TTL 30.0     /* seconds a refresher may hold the lock */
#define REFRESH_WAIT 20.0         /* seconds a process waits for another's refresh */
#define WAITING_RECHECK 300.0     /* a Waiting record is looked at again after this */
#define SYNC_BATCH 500            /* outbox rows read per sync pass */

typedef struct deferred_ref {
	char kind[16];
	char id[65];
} deferred_ref;

struct qs_engine {
	char *environment, *client_id, *client_secret, *redirect_uri, *store_path;
	char *cfg_currency, *ca_info, *minorversion;
	unsigned char key[QS_KEY_LEN];
	bool has_key;
	qs_delivery delivery;
	long timeout_ms, inline_timeout_ms, connect_timeout_ms, refresh_margin;

	char conn_key[33];
	char owner[96];
	char host[64];
	qs_store *store;
	qs_endpoints ep;
	qs_http *http_worker, *http_inline;
	bool inline_ctx;          /* deliveries use the short inline timeout */
	bool in_sync;             /* sync delivers released dependents itself */
	int depth;

	char realm[64];
	char *access;             /* secret */
	long long token_version;
	char home_currency[8];
	char country[8];

	deferred_ref *deferred;
	size_t n_deferred, cap_deferred;
	long released;            /* rows released from Waiting (sync runs another pass) */
};

/* ------------------------------------------------------------------ helpers */

static char *xstrdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

static const char *jstr(json_object *o, const char *key)
{
	json_object *v;
	if (o && json_object_is_type(o, json_type_object) && json_object_object_get_ex(o, key, &v)
			&& json_object_is_type(v, json_type_string)) {
		return json_object_get_string(v);
	}
	return NULL;
}

static json_object *jget(json_object *o, const char *key)
{
	json_object *v = NULL;
	if (o && json_object_is_type(o, json_type_object) && json_object_object_get_ex(o, key, &v)) {
		return v;
	}
	return NULL;
}

static json_object *jstr_new(const char *s)
{
	return (s && *s) ? json_object_new_string(s) : NULL;
}

static json_object *jtime(double t)
{
	char buf[32];
	time_t tt = (time_t)t;
	struct tm tm;
	if (t <= 0) {
		return NULL;
	}
	gmtime_r(&tt, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return json_object_new_string(buf);
}

static const char *entity_label(const char *kind)
{
	if (!strcmp(kind, "customer")) return "Customer";
	if (!strcmp(kind, "item")) return "Item";
	if (!strcmp(kind, "invoice")) return "Invoice";
	if (!strcmp(kind, "payment")) return "Payment";
	if (!strcmp(kind, "refund")) return "Refund";
	if (!strcmp(kind, "credit")) return "Credit";
	return kind;
}

static const char *qbo_entity_of(const char *kind)
{
	if (!strcmp(kind, "customer")) return "Customer";
	if (!strcmp(kind, "item")) return "Item";
	if (!strcmp(kind, "invoice")) return "Invoice";
	if (!strcmp(kind, "payment")) return "Payment";
	if (!strcmp(kind, "refund")) return "RefundReceipt";
	if (!strcmp(kind, "credit")) return "CreditMemo";
	if (!strcmp(kind, "tax")) return "TaxCode";
	if (!strcmp(kind, "payment_method")) return "PaymentMethod";
	if (!strcmp(kind, "account")) return "Account";
	if (!strcmp(kind, "term")) return "Term";
	return NULL;
}

/* requestid: the first 36 hex digits of sha256 over the parts joined by '|'. */
static void make_rid(char out[64], const char *realm, ...)
{
	char buf[1024];
	size_t n = 0;
	const char *p;
	char hex[65];
	va_list ap;
	n += (size_t)snprintf(buf, sizeof(buf), "%s", realm ? realm : "");
	va_start(ap, realm);
	while ((p = va_arg(ap, const char *)) != NULL && n < sizeof(buf)) {
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "|%s", p);
	}
	va_end(ap);
	if (n > sizeof(buf) - 1) {
		n = sizeof(buf) - 1;
	}
	qs_sha256_hex(buf, n, hex);
	memcpy(out, hex, 36);
	out[36] = '\0';
}

static void log_msg(qs_engine *eng, const char *level, const char *kind, const char *id, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static void log_msg(qs_engine *eng, const char *level, const char *kind, const char *id, const char *fmt, ...)
{
	char buf[1200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	qs_store_log(eng->store, eng->conn_key, level, kind, id, buf);
}

/* Is the process that claimed an event gone? Owner: "pid@host#nonce". */
static bool owner_dead(qs_engine *eng, const char *owner)
{
	char host[64];
	const char *at, *hash;
	long pid;
	size_t hl;
	if (!owner || !*owner) {
		return true;
	}
	pid = strtol(owner, NULL, 10);
	at = strchr(owner, '@');
	hash = strchr(owner, '#');
	if (!at || !hash || hash < at || pid <= 0) {
		return false;
	}
	hl = (size_t)(hash - at - 1);
	if (hl >= sizeof(host)) {
		return false;
	}
	memcpy(host, at + 1, hl);
	host[hl] = '\0';
	if (strcmp(host, eng->host) != 0) {
		return false;   /* another machine: only the claim age tells */
	}
	if ((pid_t)pid == getpid()) {
		return false;   /* another engine of this live process */
	}
	return kill((pid_t)pid, 0) == -1 && errno == ESRCH;
}

static double stale_after(qs_engine *eng)
{
	double t = (double)(eng->timeout_ms > eng->inline_timeout_ms ? eng->timeout_ms : eng->inline_timeout_ms) / 1000.0;
	return t * 2 + 30;
}

static bool claim_stale(qs_engine *eng, const char *owner, double claimed, double now)
{
	if (strcmp(owner, eng->owner) == 0) {
		return false;
	}
	return owner_dead(eng, owner) || claimed < now - stale_after(eng);
}

static qs_http *http_get(qs_engine *eng, qs_error *e)
{
	qs_http **slot = eng->inline_ctx ? &eng->http_inline : &eng->http_worker;
	if (!*slot) {
		qs_http_opts o;
		memset(&o, 0, sizeof(o));
		o.timeout_ms = eng->inline_ctx ? eng->inline_timeout_ms : eng->timeout_ms;
		o.connect_timeout_ms = eng->connect_timeout_ms;
		o.ca_info = eng->ca_info;
		*slot = qs_http_new(&o, e);
	}
	return *slot;
}

/* ------------------------------------------------------------------ tokens */

static void aad_for(qs_engine *eng, const char *which, char *buf, size_t size)
{
	snprintf(buf, size, "token:%s:%s", eng->conn_key, which);
}

/* A token that cannot be opened is an authentication problem (QS_EAUTH): the
 * records stay queued until the right key is set or the company is reconnected. */
static qs_status open_blob(qs_engine *eng, const char *which, const unsigned char *blob, size_t len,
	char **plain, qs_error *e)
{
	char aad[96];
	size_t plen = 0;
	if (!eng->has_key) {
		return qs_error_set(e, QS_EAUTH, "The stored QuickBooks tokens are encrypted and no encryption key is set: set the option encryption_key or INI qbosync.encryption_key");
	}
	aad_for(eng, which, aad, sizeof(aad));
	if (qs_open(eng->key, aad, blob, len, plain, &plen, e) != QS_OK) {
		return qs_error_set(e, QS_EAUTH, "The stored QuickBooks tokens cannot be opened with this encryption key: set the key they were saved with (option encryption_key or INI qbosync.encryption_key), or connect again with qbo_oauth_url()");
	}
	return QS_OK;
}

static qs_status seal_pair(qs_engine *eng, const qs_tokens *t, unsigned char **a, size_t *al,
	unsigned char **r, size_t *rl, qs_error *e)
{
	char aad[96];
	*a = *r = NULL;
	aad_for(eng, "access", aad, sizeof(aad));
	if (qs_seal(eng->key, aad, t->access, strlen(t->access), a, al, e) != QS_OK) {
		return e->status;
	}
	aad_for(eng, "refresh", aad, sizeof(aad));
	if (qs_seal(eng->key, aad, t->refresh, strlen(t->refresh), r, rl, e) != QS_OK) {
		free(*a);
		*a = NULL;
		return e->status;
	}
	return QS_OK;
}

static void set_access(qs_engine *eng, char *access, long long version)
{
	qs_secret_free(eng->access);
	eng->access = access;
	eng->token_version = version;
}

static void note_realm(qs_engine *eng, const qs_conn_row *row)
{
	if (row->realm[0]) {
		qs_strlcpy(eng->realm, row->realm, sizeof(eng->realm));
	}
	if (row->country[0]) {
		qs_strlcpy(eng->country, row->country, sizeof(eng->country));
	}
	if (row->home_currency[0]) {
		qs_strlcpy(eng->home_currency, row->home_currency, sizeof(eng->home_currency));
	}
}

static void sleep_ms(long ms)
{
	struct timespec ts;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	nanosleep(&ts, NULL);
}

/* Refreshes with the stored refresh token while holding the refresh lock, and
 * saves the rotated pair with a compare-and-set on token_version. */
static qs_status do_refresh(qs_engine *eng, const qs_conn_row *row, qs_error *e)
{
	char *refresh = NULL;
	qs_tokens t;
	qs_status r;
	qs_http *h;
	memset(&t, 0, sizeof(t));
	r = open_blob(eng, "refresh", row->refresh, row->refresh_len, &refresh, e);
	if (r != QS_OK) {
		qs_store_conn_set_status(eng->store, eng->conn_key, "Error", e->message, NULL);
		goto unlock;
	}
	h = http_get(eng, e);
	if (!h) {
		r = e->status ? e->status : QS_EINTERNAL;
		goto unlock;
	}
	r = qs_oauth_refresh(h, &eng->ep, eng->client_id, eng->client_secret, refresh, &t, e);
	qs_secret_free(refresh);
	refresh = NULL;
	if (r == QS_OK) {
		unsigned char *a = NULL, *rb = NULL;
		size_t al = 0, rl = 0;
		bool swapped = false;
		double now = qs_store_now();
		r = seal_pair(eng, &t, &a, &al, &rb, &rl, e);
		if (r == QS_OK) {
			r = qs_store_begin(eng->store, true, e);
			if (r == QS_OK) {
				r = qs_store_tokens_put(eng->store, eng->conn_key, NULL, a, al, now + (double)t.expires_in,
					rb, rl, t.refresh_expires_in > 0 ? now + (double)t.refresh_expires_in : 0,
					row->token_version, &swapped, e);
				if (r == QS_OK) {
					r = qs_store_commit(eng->store, e);
				} else {
					qs_store_rollback(eng->store);
				}
			}
		}
		free(a);
		free(rb);
		if (r == QS_OK && swapped) {
			log_msg(eng, "info", NULL, NULL, "Access token refreshed; refresh token rotated");
			set_access(eng, t.access, row->token_version + 1);
			t.access = NULL;
		}
		qs_tokens_clear(&t);
		if (r == QS_OK && !swapped) {
			/* another process saved newer tokens: the caller re-reads them */
			qs_store_refresh_unlock(eng->store, eng->conn_key, eng->owner, NULL);
		}
		return r;
	}
	qs_tokens_clear(&t);
	if (r == QS_EAUTH) {
		/* invalid_grant: unless someone else rotated meanwhile, we are disconnected */
		qs_conn_row cur;
		qs_error e2;
		qs_error_clear(&e2);
		if (qs_store_begin(eng->store, true, &e2) == QS_OK) {
			if (qs_store_conn_get(eng->store, eng->conn_key, &cur, &e2) == QS_OK
					&& cur.token_version != row->token_version) {
				qs_store_refresh_unlock(eng->store, eng->conn_key, eng->owner, NULL);
				qs_store_commit(eng->store, NULL);
				qs_conn_row_clear(&cur);
				return QS_OK;   /* re-read */
			}
			qs_conn_row_clear(&cur);
			{
				char msg[512];
				snprintf(msg, sizeof(msg), "QuickBooks refused the refresh token (%s); reconnect with qbo_oauth_url() and qbo_oauth_exchange(); queued records are kept",
					e->code[0] ? e->code : "invalid_grant");
				qs_store_conn_set_status(eng->store, eng->conn_key, "Disconnected", msg, NULL);
				qs_store_refresh_unlock(eng->store, eng->conn_key, eng->owner, NULL);
				qs_store_commit(eng->store, NULL);
				log_msg(eng, "error", NULL, NULL, "%s", msg);
				qs_error_set(e, QS_EAUTH, "The QuickBooks connection is Disconnected: %s", msg);
			}
		}
		set_access(eng, NULL, 0);
		return QS_EAUTH;
	}
unlock:
	qs_secret_free(refresh);
	qs_store_refresh_unlock(eng->store, eng->conn_key, eng->owner, NULL);
	return r;
}

/* Makes eng->access a usable token. stale_version >= 0: the token of that
 * version was refused (401); refresh unless a newer one is stored already. */
static qs_status ensure_token(qs_engine *eng, long long stale_version, qs_error *e)
{
	double deadline = qs_store_now() + REFRESH_WAIT;
	long long first_version = -1;
	for (;;) {
		qs_conn_row row;
		double now = qs_store_now();
		bool got = false, fresh;
		qs_status r = qs_store_conn_get(eng->store, eng->conn_key, &row, e);
		if (r != QS_OK) {
			return r;
		}
		note_realm(eng, &row);
		if (first_version < 0) {
			first_version = row.token_version;
		}
		/* tokens saved since this call began (by us or by another process) are
		 * used while they live, even when refresh_margin exceeds their life */
		fresh = row.token_version != first_version;
		if (!row.refresh) {
			qs_status st;
			if (!strcmp(row.status, "Disconnected")) {
				st = qs_error_set(e, QS_EAUTH, "The QuickBooks connection is Disconnected%s%s; reconnect with qbo_oauth_url() and qbo_oauth_exchange()",
					row.message[0] ? ": " : "", row.message);
			} else {
				st = qs_error_set(e, QS_EAUTH, "Not connected to QuickBooks yet: run the OAuth flow with qbo_oauth_url() and qbo_oauth_exchange()");
			}
			qs_conn_row_clear(&row);
			return st;
		}
		if (!strcmp(row.status, "Disconnected")) {
			r = qs_error_set(e, QS_EAUTH, "The QuickBooks connection is Disconnected%s%s; reconnect with qbo_oauth_url() and qbo_oauth_exchange()",
				row.message[0] ? ": " : "", row.message);
			qs_conn_row_clear(&row);
			return r;
		}
		if (row.access && row.token_version != stale_version
				&& (row.access_expires - (double)eng->refresh_margin > now || (fresh && row.access_expires > now))) {
			if (!eng->access || eng->token_version != row.token_version) {
				char *plain = NULL;
				r = open_blob(eng, "access", row.access, row.access_len, &plain, e);
				if (r != QS_OK) {
					/* shown on the overview: the key does not open the stored tokens */
					qs_store_conn_set_status(eng->store, eng->conn_key, "Error", e->message, NULL);
					qs_conn_row_clear(&row);
					return r;
				}
				set_access(eng, plain, row.token_version);
			}
			if (!strcmp(row.status, "Error")) {
				qs_store_conn_set_status(eng->store, eng->conn_key, "Active", NULL, NULL);
			}
			qs_conn_row_clear(&row);
			return QS_OK;
		}
		/* needs a refresh: take the lock row under the write lock */
		r = qs_store_begin(eng->store, true, e);
		if (r == QS_OK) {
			qs_conn_row cur;
			r = qs_store_conn_get(eng->store, eng->conn_key, &cur, e);
			if (r == QS_OK && cur.token_version == row.token_version) {
				r = qs_store_refresh_lock(eng->store, eng->conn_key, eng->owner, now + REFRESH_LOCK_TTL, now, &got, e);
			}
			qs_conn_row_clear(&cur);
			if (r == QS_OK) {
				r = qs_store_commit(eng->store, e);
			} else {
				qs_store_rollback(eng->store);
			}
		}
		if (r != QS_OK) {
			qs_conn_row_clear(&row);
			return r;
		}
		if (got) {
			r = do_refresh(eng, &row, e);
			qs_conn_row_clear(&row);
			if (r != QS_OK) {
				return r;
			}
			continue;   /* re-read what was saved */
		}
		qs_conn_row_clear(&row);
		if (qs_store_now() > deadline) {
			return qs_error_set(e, QS_ENET, "Another process has been refreshing the QuickBooks token for over %.0f s; will retry", REFRESH_WAIT);
		}
		sleep_ms(40);
	}
}

/* ------------------------------------------------------------------ QBO calls with one 401 retry */

enum api_op { OP_CREATE, OP_UPDATE, OP_READ, OP_QUERY, OP_VOID };

static qs_status api(qs_engine *eng, enum api_op op, const char *entity, json_object *body,
	const char *id, const char *token, const char *rid, const char *query, json_object **out, qs_error *e)
{
	int attempt;
	long long used = -1;
	qs_status r = QS_OK;
	*out = NULL;
	for (attempt = 0; attempt < 2; attempt++) {
		qs_qbo q;
		r = ensure_token(eng, attempt ? used : -1, e);
		if (r != QS_OK) {
			return r;
		}
		used = eng->token_version;
		memset(&q, 0, sizeof(q));
		q.http = http_get(eng, e);
		if (!q.http) {
			return e->status ? e->status : QS_EINTERNAL;
		}
		q.api_base = eng->ep.api_base;
		q.realm = eng->realm;
		q.access_token = eng->access;
		q.minorversion = eng->minorversion;
		switch (op) {
		case OP_CREATE: r = qs_qbo_create(&q, entity, body, rid, out, e); break;
		case OP_UPDATE: r = qs_qbo_update(&q, entity, body, true, rid, out, e); break;
		case OP_READ: r = qs_qbo_read(&q, entity, id, out, e); break;
		case OP_QUERY: r = qs_qbo_query(&q, query, out, e); break;
		case OP_VOID: r = qs_qbo_void(&q, entity, id, token, rid, out, e); break;
		}
		if (r != QS_ETOKEN) {
			return r;
		}
		log_msg(eng, "warn", NULL, NULL, "QuickBooks refused the access token (401); refreshing once");
	}
	return r;
}

/* "select * from <entity> where <field> = '<value>'[ and Active in (true, false)]" -> first row or NULL */
static qs_status find_by(qs_engine *eng, const char *entity, const char *field, const char *value,
	bool inactive_too, json_object **rows, qs_error *e)
{
	char *lit = qs_qbo_quote(value);
	char *sql;
	size_t n;
	qs_status r;
	*rows = NULL;
	if (!lit) {
		return qs_error_set(e, QS_EINTERNAL, "Out of memory building a query");
	}
	n = strlen(lit) + strlen(entity) + strlen(field) + 96;
	sql = malloc(n);
	if (!sql) {
		free(lit);
		return qs_error_set(e, QS_EINTERNAL, "Out of memory building a query");
	}
	snprintf(sql, n, "select * from %s where %s = %s%s", entity, field, lit,
		inactive_too ? " and Active in (true, false)" : "");
	r = api(eng, OP_QUERY, entity, NULL, NULL, NULL, NULL, sql, rows, e);
	if (r == QS_EAPI && inactive_too) {
		/* a query dialect without IN on Active: ask for the active ones only */
		snprintf(sql, n, "select * from %s where %s = %s", entity, field, lit);
		r = api(eng, OP_QUERY, entity, NULL, NULL, NULL, NULL, sql, rows, e);
	}
	free(sql);
	free(lit);
	return r;
}

static bool email_eq(const char *a, const char *b)
{
	return a && b && strcasecmp(a, b) == 0;
}

static json_object *first_row(json_object *rows)
{
	if (rows && json_object_is_type(rows, json_type_array) && json_object_array_length(rows) > 0) {
		return json_object_array_get_idx(rows, 0);
	}
	return NULL;
}

/* Customers whose PrimaryEmailAddr is email. QBO filters on it; a dialect that
 * refuses the filter is answered by reading the customers page by page. */
static qs_status customers_by_email(qs_engine *eng, const char *email, json_object **rows, qs_error *e)
{
	qs_status r = find_by(eng, "Customer", "PrimaryEmailAddr", email, false, rows, e);
	long start;
	if (r != QS_EAPI) {
		return r;
	}
	json_object_put(*rows);
	*rows = json_object_new_array();
	for (start = 1; start < 100000; start += 1000) {
		char sql[96];
		json_object *page = NULL;
		size_t i, n;
		snprintf(sql, sizeof(sql), "select * from Customer startposition %ld maxresults 1000", start);
		r = api(eng, OP_QUERY, "Customer", NULL, NULL, NULL, NULL, sql, &page, e);
		if (r != QS_OK) {
			json_object_put(page);
			return r;
		}
		n = page ? json_object_array_length(page) : 0;
		for (i = 0; i < n; i++) {
			json_object *row = json_object_array_get_idx(page, i);
			if (email_eq(jstr(jget(row, "PrimaryEmailAddr"), "Address"), email)) {
				json_object_array_add(*rows, json_object_get(row));
			}
		}
		json_object_put(page);
		if (n < 1000) {
			break;
		}
	}
	return QS_OK;
}

/* Company country/currency, read once per connection and kept in the store. */
static void ensure_company(qs_engine *eng)
{
	json_object *ci = NULL;
	qs_error e;
	if (eng->country[0]) {
		return;
	}
	qs_error_clear(&e);
	if (api(eng, OP_READ, "CompanyInfo", NULL, eng->realm, NULL, NULL, NULL, &ci, &e) == QS_OK && ci) {
		const char *c = jstr(ci, "Country");
		qs_strlcpy(eng->country, (c && *c) ? c : "US", sizeof(eng->country));
		qs_store_conn_set_company(eng->store, eng->conn_key, eng->home_currency, eng->country, NULL);
	}
	json_object_put(ci);
}

/* ------------------------------------------------------------------ resolver */

typedef struct deliver_ctx {
	qs_engine *eng;
	const char *kind;
	const char *id;
	char wait_kind[16];
	char wait_id[65];
} deliver_ctx;

static qs_status deliver_one(qs_engine *eng, const char *kind, const char *id, bool *busy,
	char final_state[16], qs_error *e);

static qs_status save_mapping(qs_engine *eng, const char *kind, const char *local_id, const char *purpose,
	const char *qbo_id, const char *name, qs_error *e)
{
	qs_mapping m;
	memset(&m, 0, sizeof(m));
	qs_strlcpy(m.kind, kind, sizeof(m.kind));
	qs_strlcpy(m.local_id, local_id, sizeof(m.local_id));
	qs_strlcpy(m.purpose, purpose ? purpose : "", sizeof(m.purpose));
	qs_strlcpy(m.qbo_id, qbo_id, sizeof(m.qbo_id));
	qs_strlcpy(m.name, name ? name : "", sizeof(m.name));
	m.created = qs_store_now();
	return qs_store_map_put(eng->store, eng->conn_key, &m, e);
}

/* The income account for new items: mapping account/income, else the first active Income account. */
static qs_status income_account(qs_engine *eng, char out[32], qs_error *e)
{
	qs_mapping m;
	bool found = false;
	json_object *rows = NULL, *row;
	qs_status r = qs_store_map_get(eng->store, eng->conn_key, "account", "*", "income", &m, &found, e);
	if (r == QS_OK && !found) {
		r = qs_store_map_any(eng->store, eng->conn_key, "account", "income", &m, &found, e);
	}
	if (r != QS_OK) {
		return r;
	}
	if (found) {
		qs_strlcpy(out, m.qbo_id, 32);
		return QS_OK;
	}
	r = find_by(eng, "Account", "AccountType", "Income", false, &rows, e);
	if (r != QS_OK) {
		json_object_put(rows);
		return r;
	}
	row = first_row(rows);
	if (!row || !jstr(row, "Id")) {
		json_object_put(rows);
		return qs_error_set(e, QS_ECONFIG, "QuickBooks has no active Income account for new items: map one with qbo_map($conn, 'account', '*', '<Id>', ['purpose' => 'income'])");
	}
	qs_strlcpy(out, jstr(row, "Id"), 32);
	r = save_mapping(eng, "account", "*", "income", out, jstr(row, "Name"), e);
	json_object_put(rows);
	return r;
}

/* Refunds are paid from a cash account: the first active Bank account, remembered. */
static qs_status refund_account(qs_engine *eng, char out[32], qs_error *e)
{
	json_object *rows = NULL, *row;
	qs_status r = find_by(eng, "Account", "AccountType", "Bank", false, &rows, e);
	if (r != QS_OK) {
		json_object_put(rows);
		return r;
	}
	row = first_row(rows);
	if (!row || !jstr(row, "Id")) {
		json_object_put(rows);
		return qs_error_set(e, QS_ECONFIG, "QuickBooks has no active Bank account to pay refunds from: map one with qbo_map($conn, 'account', '*', '<Id>', ['purpose' => 'refund'])");
	}
	qs_strlcpy(out, jstr(row, "Id"), 32);
	r = save_mapping(eng, "account", "*", "refund", out, jstr(row, "Name"), e);
	json_object_put(rows);
	return r;
}

#define DEFAULT_ITEM_NAME "Billing Services"

/* The fallback item (mapping item "*"), found or created as a Service item. */
static qs_status fallback_item(qs_engine *eng, char out[32], qs_error *e)
{
	qs_mapping m;
	bool found = false;
	json_object *rows = NULL, *row, *body, *created = NULL;
	char income[32], rid[64];
	qs_status r = qs_store_map_get(eng->store, eng->conn_key, "item", "*", NULL, &m, &found, e);
	if (r != QS_OK) {
		return r;
	}
	if (found) {
		qs_strlcpy(out, m.qbo_id, 32);
		return QS_OK;
	}
	r = find_by(eng, "Item", "Name", DEFAULT_ITEM_NAME, true, &rows, e);
	if (r != QS_OK) {
		json_object_put(rows);
		return r;
	}
	row = first_row(rows);
	if (row && jstr(row, "Id")) {
		qs_strlcpy(out, jstr(row, "Id"), 32);
		r = save_mapping(eng, "item", "*", NULL, out, DEFAULT_ITEM_NAME, e);
		json_object_put(rows);
		return r;
	}
	json_object_put(rows);
	r = income_account(eng, income, e);
	if (r != QS_OK) {
		return r;
	}
	body = json_object_new_object();
	json_object_object_add(body, "Name", json_object_new_string(DEFAULT_ITEM_NAME));
	json_object_object_add(body, "Type", json_object_new_string("Service"));
	{
		json_object *ref = json_object_new_object();
		json_object_object_add(ref, "value", json_object_new_string(income));
		json_object_object_add(body, "IncomeAccountRef", ref);
	}
	make_rid(rid, eng->realm, "item", "*", "fallback", NULL);
	r = api(eng, OP_CREATE, "Item", body, NULL, NULL, rid, NULL, &created, e);
	json_object_put(body);
	if (r == QS_EAPI && !strcmp(e->code, "6240")) {
		/* made by someone else meanwhile */
		r = find_by(eng, "Item", "Name", DEFAULT_ITEM_NAME, true, &rows, e);
		row = first_row(rows);
		if (r == QS_OK && row && jstr(row, "Id")) {
			qs_strlcpy(out, jstr(row, "Id"), 32);
			r = save_mapping(eng, "item", "*", NULL, out, DEFAULT_ITEM_NAME, e);
		} else if (r == QS_OK) {
			r = qs_error_set(e, QS_EAPI, "QuickBooks says an item named '%s' exists but it cannot be found; map the fallback item with qbo_map($conn, 'item', '*', '<Id>')", DEFAULT_ITEM_NAME);
		}
		json_object_put(rows);
		return r;
	}
	if (r != QS_OK) {
		json_object_put(created);
		return r;
	}
	qs_strlcpy(out, jstr(created, "Id") ? jstr(created, "Id") : "", 32);
	json_object_put(created);
	log_msg(eng, "info", "item", "*", "Created the fallback item '%s' (QBO Item %s)", DEFAULT_ITEM_NAME, out);
	return save_mapping(eng, "item", "*", NULL, out, DEFAULT_ITEM_NAME, e);
}

/* A local record another one depends on: its QBO Id, delivering it first when queued. */
static qs_status resolve_local(deliver_ctx *c, const char *kind, const char *local_id, char qbo_id[32],
	bool *never_pushed, qs_error *e)
{
	qs_engine *eng = c->eng;
	qs_entity dep;
	qs_status r;
	*never_pushed = false;
	r = qs_store_entity_get(eng->store, eng->conn_key, kind, local_id, &dep, e);
	if (r != QS_OK) {
		return r;
	}
	if (dep.exists && !dep.qbo_id[0] && dep.q_status[0] && eng->depth < MAX_DEPTH) {
		bool busy = false;
		char st[16];
		qs_error e2;
		qs_error_clear(&e2);
		qs_entity_clear(&dep);
		r = deliver_one(eng, kind, local_id, &busy, st, &e2);
		if (r == QS_EAUTH || r == QS_ESTORE || r == QS_ENET || r == QS_ESERVER || r == QS_ETHROTTLE) {
			qs_error_copy(e, &e2);
			return r;
		}
		r = qs_store_entity_get(eng->store, eng->conn_key, kind, local_id, &dep, e);
		if (r != QS_OK) {
			return r;
		}
	}
	if (dep.exists && dep.qbo_id[0]) {
		qs_strlcpy(qbo_id, dep.qbo_id, 32);
		qs_entity_clear(&dep);
		return QS_OK;
	}
	qs_strlcpy(c->wait_kind, kind, sizeof(c->wait_kind));
	qs_strlcpy(c->wait_id, local_id, sizeof(c->wait_id));
	if (!dep.exists) {
		*never_pushed = true;
		r = qs_error_set(e, QS_EWAITING, "Waiting on %s %s", kind, local_id);
	} else if (!strcmp(dep.state, "Error")) {
		r = qs_error_set(e, QS_EWAITING, "Waiting on %s %s, which is in Error: %s", kind, local_id, dep.reason);
	} else {
		r = qs_error_set(e, QS_EWAITING, "Waiting on %s %s", kind, local_id);
	}
	qs_entity_clear(&dep);
	return r;
}

static qs_status resolve(void *ud, const char *kind, const char *local_id, char qbo_id[32], qs_error *e)
{
	deliver_ctx *c = ud;
	qs_engine *eng = c->eng;
	qs_mapping m;
	bool found = false, never = false;
	qs_status r;
	const char *purpose = NULL;
	char mkind[24];

	qbo_id[0] = '\0';
	qs_strlcpy(mkind, kind, sizeof(mkind));
	if (!strncmp(kind, "account:", 8)) {
		purpose = kind + 8;
		qs_strlcpy(mkind, "account", sizeof(mkind));
	}
	if (!local_id) {
		local_id = "*";
	}
	/* 1. an explicit mapping */
	r = qs_store_map_get(eng->store, eng->conn_key, mkind, local_id, purpose, &m, &found, e);
	if (r != QS_OK) {
		return r;
	}
	if (found) {
		qs_strlcpy(qbo_id, m.qbo_id, 32);
		return QS_OK;
	}
	if (!strcmp(kind, "customer") || !strcmp(kind, "invoice") || !strcmp(kind, "payment")
			|| !strcmp(kind, "credit") || !strcmp(kind, "refund")) {
		return resolve_local(c, kind, local_id, qbo_id, &never, e);
	}
	if (!strcmp(kind, "item")) {
		if (strcmp(local_id, "*") != 0) {
			r = resolve_local(c, kind, local_id, qbo_id, &never, e);
			if (r != QS_EWAITING || !never) {
				return r;
			}
			/* an item never pushed: the fallback item */
			c->wait_kind[0] = c->wait_id[0] = '\0';
			qs_error_clear(e);
		}
		return fallback_item(eng, qbo_id, e);
	}
	if (purpose) {
		r = qs_store_map_get(eng->store, eng->conn_key, "account", "*", purpose, &m, &found, e);
		if (r == QS_OK && !found) {
			r = qs_store_map_any(eng->store, eng->conn_key, "account", purpose, &m, &found, e);
		}
		if (r != QS_OK) {
			return r;
		}
		if (found) {
			qs_strlcpy(qbo_id, m.qbo_id, 32);
			return QS_OK;
		}
		if (!strcmp(purpose, "income")) {
			return income_account(eng, qbo_id, e);
		}
		if (!strcmp(purpose, "refund")) {
			return refund_account(eng, qbo_id, e);
		}
		return QS_OK;   /* no mapping: QBO's default account (empty id) */
	}
	if (!strcmp(kind, "tax")) {
		if (!strcmp(local_id, "*")) {
			return QS_OK;
		}
		return qs_error_set(e, QS_ECONFIG, "%s %s: tax %s is not mapped; map it with qbo_map($conn, 'tax', '%s', '<QBO TaxCode Id>')",
			entity_label(c->kind), c->id, local_id, local_id);
	}
	/* payment_method, term, currency: optional; no mapping means none */
	if (strcmp(local_id, "*") != 0) {
		r = qs_store_map_get(eng->store, eng->conn_key, mkind, "*", NULL, &m, &found, e);
		if (r == QS_OK && found) {
			qs_strlcpy(qbo_id, m.qbo_id, 32);
		}
		return r;
	}
	return QS_OK;
}

/* ------------------------------------------------------------------ upsert */

static const char *customer_email(json_object *row)
{
	return jstr(jget(row, "PrimaryEmailAddr"), "Address");
}

/* Customer natural key: DisplayName (inactive too). Same email or none there:
 * adopt; different email: the name gets the local id ("Jane Doe (17)"). */
static qs_status customer_guard(qs_engine *eng, const char *id, json_object *norm, json_object *body,
	json_object **adopt, qs_error *e)
{
	const char *email = jstr(norm, "email");
	const char *name = jstr(body, "DisplayName");
	char *base = NULL;
	json_object *rows = NULL, *row;
	qs_status r;
	int pass;
	*adopt = NULL;
	if (!name) {
		return QS_OK;
	}
	base = strdup(name);
	if (!base) {
		return qs_error_set(e, QS_EINTERNAL, "Out of memory");
	}
	for (pass = 0; pass < 2; pass++) {
		char *cand;
		if (pass == 0) {
			cand = strdup(base);
		} else {
			size_t n = strlen(base) + strlen(id) + 8;
			cand = malloc(n);
			if (cand) {
				snprintf(cand, n, "%s (%s)", base, id);
			}
		}
		if (!cand) {
			free(base);
			return qs_error_set(e, QS_EINTERNAL, "Out of memory");
		}
		r = find_by(eng, "Customer", "DisplayName", cand, true, &rows, e);
		if (r != QS_OK) {
			free(cand);
			free(base);
			json_object_put(rows);
			return r;
		}
		row = first_row(rows);
		if (!row && pass == 0 && email && *email) {
			/* no such name: a QBO customer with our email that no other local
			 * customer is linked to is the same person under another name */
			json_object *byemail = NULL;
			if (find_by(eng, "Customer", "PrimaryEmailAddr", email, false, &byemail, e) == QS_OK
					&& byemail && json_object_array_length(byemail) == 1 && jstr(first_row(byemail), "Id")) {
				char other[65];
				bool taken = true;
				if (qs_store_entity_by_qbo(eng->store, eng->conn_key, "customer", jstr(first_row(byemail), "Id"),
						other, &taken, e) == QS_OK && (!taken || !strcmp(other, id))) {
					*adopt = json_object_get(first_row(byemail));
					free(cand);
					free(base);
					json_object_put(byemail);
					json_object_put(rows);
					return QS_OK;
				}
			}
			json_object_put(byemail);
			qs_error_clear(e);
		}
		if (!row) {
			json_object_object_add(body, "DisplayName", json_object_new_string(cand));
			free(cand);
			free(base);
			json_object_put(rows);
			return QS_OK;
		}
		if (!customer_email(row) || !*customer_email(row) || !email || email_eq(customer_email(row), email)) {
			*adopt = json_object_get(row);
			free(cand);
			free(base);
			json_object_put(rows);
			return QS_OK;
		}
		free(cand);
		json_object_put(rows);
		rows = NULL;
	}
	free(base);
	return qs_error_set(e, QS_EAPI, "Customer %s: QuickBooks already has customers named '%s' and '%s (%s)' with other email addresses; map the customer with qbo_map()",
		id, name, name, id);
}

static qs_status docnumber_guard(qs_engine *eng, const char *entity, json_object *body, json_object **adopt, qs_error *e)
{
	const char *num = jstr(body, "DocNumber");
	const char *cust = jstr(jget(body, "CustomerRef"), "value");
	json_object *rows = NULL, *row;
	qs_status r;
	*adopt = NULL;
	if (!num || !*num) {
		return QS_OK;
	}
	r = find_by(eng, entity, "DocNumber", num, false, &rows, e);
	if (r != QS_OK) {
		json_object_put(rows);
		return r;
	}
	row = first_row(rows);
	if (row) {
		const char *rc = jstr(jget(row, "CustomerRef"), "value");
		if (!cust || !rc || !strcmp(cust, rc)) {
			*adopt = json_object_get(row);
		}
	}
	json_object_put(rows);
	return QS_OK;
}

/* Payments have no natural key: our marker "qbosync:payment:<id>" in PrivateNote. */
static qs_status marker_guard(qs_engine *eng, const char *entity, const char *kind, const char *id,
	json_object *body, json_object **adopt, qs_error *e)
{
	const char *date = jstr(body, "TxnDate");
	json_object *rows = NULL;
	char marker[128];
	size_t i, n;
	qs_status r;
	*adopt = NULL;
	if (!date) {
		return QS_OK;
	}
	snprintf(marker, sizeof(marker), "qbosync:%s:%s", kind, id);
	r = find_by(eng, entity, "TxnDate", date, false, &rows, e);
	if (r != QS_OK) {
		json_object_put(rows);
		return r == QS_EAPI ? QS_OK : r;
	}
	n = rows ? json_object_array_length(rows) : 0;
	for (i = 0; i < n; i++) {
		json_object *row = json_object_array_get_idx(rows, i);
		const char *note = jstr(row, "PrivateNote");
		if (note && strstr(note, marker)) {
			size_t ml = strlen(marker);
			const char *hit = strstr(note, marker);
			char after = hit[ml];
			if (after == '\0' || after == ' ' || after == ';' || after == '\n' || after == ',') {
				*adopt = json_object_get(row);
				break;
			}
		}
	}
	json_object_put(rows);
	return QS_OK;
}

static void take_ids(qs_entity *en, json_object *obj)
{
	const char *id = jstr(obj, "Id"), *tok = jstr(obj, "SyncToken");
	if (id) {
		qs_strlcpy(en->qbo_id, id, sizeof(en->qbo_id));
	}
	if (tok) {
		qs_strlcpy(en->sync_token, tok, sizeof(en->sync_token));
	}
}

/* Update with the stored SyncToken; a stale one (5010) is re-read and retried once. */
static qs_status update_record(qs_engine *eng, qs_entity *en, const char *entity, json_object *body, qs_error *e)
{
	int attempt;
	char ver[24];
	qs_status r = QS_OK;
	bool reread = !en->sync_token[0], renamed = false, stale_retried = false;
	snprintf(ver, sizeof(ver), "%lld", en->version);
	for (attempt = 0; attempt < 3; attempt++) {
		json_object *out = NULL;
		char rid[64];
		if (reread) {
			json_object *cur = NULL;
			r = api(eng, OP_READ, entity, NULL, en->qbo_id, NULL, NULL, NULL, &cur, e);
			if (r != QS_OK) {
				json_object_put(cur);
				return r;
			}
			take_ids(en, cur);
			json_object_put(cur);
			reread = false;
		}
		json_object_object_add(body, "Id", json_object_new_string(en->qbo_id));
		json_object_object_add(body, "SyncToken", json_object_new_string(en->sync_token));
		make_rid(rid, eng->realm, en->kind, en->id, "u", ver, en->sync_token, renamed ? "renamed" : NULL, NULL);
		r = api(eng, OP_UPDATE, entity, body, NULL, NULL, rid, NULL, &out, e);
		if (r == QS_OK) {
			take_ids(en, out);
			json_object_put(out);
			return QS_OK;
		}
		json_object_put(out);
		if (r == QS_EAPI && !strcmp(e->code, "5010") && !stale_retried) {
			log_msg(eng, "warn", en->kind, en->id, "Stale SyncToken %s on QBO %s %s; re-reading and retrying once",
				en->sync_token, entity, en->qbo_id);
			stale_retried = true;
			reread = true;
			continue;
		}
		if (r == QS_EAPI && !strcmp(e->code, "6240") && !renamed && !strcmp(en->kind, "customer")
				&& jstr(body, "DisplayName")) {
			/* the name was made unique at create ("Jane Doe (17)"): keep it so */
			char name[600];
			snprintf(name, sizeof(name), "%.500s (%s)", jstr(body, "DisplayName"), en->id);
			json_object_object_add(body, "DisplayName", json_object_new_string(name));
			renamed = true;
			continue;
		}
		return r;
	}
	return r;
}

static qs_status void_record(qs_engine *eng, qs_entity *en, const char *entity, qs_error *e)
{
	int attempt;
	char ver[24];
	qs_status r = QS_OK;
	snprintf(ver, sizeof(ver), "%lld", en->version);
	for (attempt = 0; attempt < 2; attempt++) {
		json_object *out = NULL;
		char rid[64];
		if (!en->sync_token[0] || attempt) {
			json_object *cur = NULL;
			r = api(eng, OP_READ, entity, NULL, en->qbo_id, NULL, NULL, NULL, &cur, e);
			if (r != QS_OK) {
				json_object_put(cur);
				return r;
			}
			take_ids(en, cur);
			json_object_put(cur);
		}
		make_rid(rid, eng->realm, en->kind, en->id, "void", ver, en->sync_token, NULL);
		r = api(eng, OP_VOID, entity, NULL, en->qbo_id, en->sync_token, rid, NULL, &out, e);
		if (r == QS_OK) {
			take_ids(en, out);
			json_object_put(out);
			return QS_OK;
		}
		json_object_put(out);
		if (!(r == QS_EAPI && !strcmp(e->code, "5010"))) {
			return r;
		}
	}
	return r;
}

/* A QBO amount that is zero ("0", 0.0, "0.00"), judged on its text, not as a float. */
static bool amount_is_zero(json_object *v)
{
	const char *t;
	if (!v) {
		return false;
	}
	t = json_object_get_string(v);
	if (!t || !*t) {
		return false;
	}
	for (; *t; t++) {
		if (*t != '0' && *t != '.' && *t != '-' && *t != '+') {
			return false;
		}
	}
	return true;
}

/* Double-entry prevention: a payment whose every invoice already shows a zero
 * balance in QBO (paid there by hand, or by another tool) is not recorded again.
 * *paid names the first such invoice. */
static qs_status invoices_already_paid(qs_engine *eng, json_object *body, bool *all_paid, char paid[32], qs_error *e)
{
	json_object *lines = jget(body, "Line");
	size_t i, n = lines && json_object_is_type(lines, json_type_array) ? json_object_array_length(lines) : 0;
	size_t linked = 0, zero = 0;
	*all_paid = false;
	paid[0] = '\0';
	for (i = 0; i < n; i++) {
		json_object *txns = jget(json_object_array_get_idx(lines, i), "LinkedTxn");
		size_t j, m = txns && json_object_is_type(txns, json_type_array) ? json_object_array_length(txns) : 0;
		for (j = 0; j < m; j++) {
			json_object *t = json_object_array_get_idx(txns, j), *inv = NULL;
			const char *tid = jstr(t, "TxnId"), *type = jstr(t, "TxnType");
			qs_status r;
			if (!tid || !type || strcmp(type, "Invoice") != 0) {
				continue;
			}
			linked++;
			r = api(eng, OP_READ, "Invoice", NULL, tid, NULL, NULL, NULL, &inv, e);
			if (r != QS_OK) {
				json_object_put(inv);
				return r;
			}
			if (amount_is_zero(jget(inv, "Balance"))) {
				zero++;
				if (!paid[0]) {
					qs_strlcpy(paid, tid, 32);
				}
			}
			json_object_put(inv);
		}
	}
	*all_paid = linked > 0 && zero == linked;
	return QS_OK;
}

/* Sends one claimed record to QBO. On QS_OK en->qbo_id/sync_token are set and
 * *op says what happened ("created", "linked", "updated", "voided"). */
static qs_status push_record(qs_engine *eng, qs_entity *en, deliver_ctx *c, const char **op, qs_error *e)
{
	json_object *norm = NULL, *body = NULL, *adopt = NULL, *out = NULL;
	const char *entity = NULL;
	qs_map_ctx mctx;
	qs_status r;
	const char *status;

	*op = "created";
	norm = en->doc ? json_tokener_parse(en->doc) : NULL;
	if (!norm) {
		return qs_error_set(e, QS_ESTORE, "%s %s: the stored document cannot be read; push it again", entity_label(en->kind), en->id);
	}
	r = ensure_token(eng, -1, e);
	if (r != QS_OK) {
		json_object_put(norm);
		return r;
	}
	ensure_company(eng);
	status = jstr(norm, "status");
	if (!strcmp(en->kind, "invoice") && status && !strcmp(status, "cancelled") && en->qbo_id[0]) {
		*op = "voided";
		r = void_record(eng, en, "Invoice", e);
		json_object_put(norm);
		return r;
	}

	/* an explicit mapping of this very record: update the mapped QBO record */
	if (!en->qbo_id[0]) {
		qs_mapping m;
		bool found = false;
		if (qs_store_map_get(eng->store, eng->conn_key, en->kind, en->id, NULL, &m, &found, e) == QS_OK && found) {
			qs_strlcpy(en->qbo_id, m.qbo_id, sizeof(en->qbo_id));
			en->sync_token[0] = '\0';
			*op = "linked";
			json_object_put(norm);
			return QS_OK;
		}
	}

	memset(&mctx, 0, sizeof(mctx));
	mctx.resolve = resolve;
	mctx.ud = c;
	mctx.home_currency = eng->home_currency[0] ? eng->home_currency : "USD";
	mctx.us_company = !eng->country[0] || !strcmp(eng->country, "US");
	r = qs_map_to_qbo(en->kind, norm, &mctx, &entity, &body, e);
	if (r != QS_OK) {
		json_object_put(norm);
		json_object_put(body);
		return r;
	}
	if (en->qbo_id[0]) {
		*op = "updated";
		r = update_record(eng, en, entity, body, e);
		goto out;
	}
	/* natural-key guards before a create */
	if (!strcmp(en->kind, "customer")) {
		r = customer_guard(eng, en->id, norm, body, &adopt, e);
	} else if (!strcmp(en->kind, "item")) {
		json_object *rows = NULL;
		const char *name = jstr(body, "Name");
		r = name ? find_by(eng, "Item", "Name", name, true, &rows, e) : QS_OK;
		if (r == QS_OK && first_row(rows)) {
			adopt = json_object_get(first_row(rows));
		}
		json_object_put(rows);
	} else if (en->attempts > 1 && (!strcmp(en->kind, "invoice") || !strcmp(en->kind, "credit") || !strcmp(en->kind, "refund"))) {
		/* a retry (the claim counts every attempt, crashed ones too): an earlier
		 * attempt may have created it. A first attempt relies on QBO's own
		 * duplicate check (6140, adopted below) and saves a query. */
		r = docnumber_guard(eng, entity, body, &adopt, e);
	} else if (en->attempts > 1 && !strcmp(en->kind, "payment")) {
		r = marker_guard(eng, entity, en->kind, en->id, body, &adopt, e);
	}
	if (r != QS_OK) {
		goto out;
	}
	if (adopt) {
		*op = "linked";
		take_ids(en, adopt);
		goto out;
	}
	/* only on the first attempt: a retry may meet the balance our own earlier
	 * attempt paid, and must reach the requestid replay instead */
	if (!strcmp(en->kind, "payment") && en->attempts <= 1) {
		bool all_paid = false;
		char paid[32];
		r = invoices_already_paid(eng, body, &all_paid, paid, e);
		if (r != QS_OK) {
			goto out;
		}
		if (all_paid) {
			char local[65];
			bool found = false;
			*op = "skipped";
			if (qs_store_entity_by_qbo(eng->store, eng->conn_key, "invoice", paid, local, &found, NULL) != QS_OK || !found) {
				snprintf(local, sizeof(local), "(QBO Invoice %s)", paid);
			}
			qs_error_set(e, QS_OK, "QuickBooks already shows invoice %s paid (balance 0, QBO Invoice %s); this payment was not recorded a second time",
				local, paid);
			goto out;
		}
	}
	r = api(eng, OP_CREATE, entity, body, NULL, NULL, en->create_rid, NULL, &out, e);
	if (r == QS_EAPI && (!strcmp(e->code, "6240") || !strcmp(e->code, "6140"))) {
		/* someone made it meanwhile (or an earlier attempt of ours did): adopt */
		qs_error saved;
		qs_error_copy(&saved, e);
		if (!strcmp(e->code, "6240") && !strcmp(en->kind, "customer")) {
			r = customer_guard(eng, en->id, norm, body, &adopt, e);
		} else if (!strcmp(e->code, "6240")) {
			json_object *rows = NULL;
			r = find_by(eng, entity, "Name", jstr(body, "Name") ? jstr(body, "Name") : "", true, &rows, e);
			if (r == QS_OK && first_row(rows)) {
				adopt = json_object_get(first_row(rows));
			}
			json_object_put(rows);
		} else {
			r = docnumber_guard(eng, entity, body, &adopt, e);
		}
		if (r == QS_OK && adopt) {
			*op = "linked";
			take_ids(en, adopt);
		} else if (r == QS_OK) {
			qs_error_copy(e, &saved);
			r = saved.status;
		}
		goto out;
	}
	if (r == QS_OK) {
		take_ids(en, out);
	}
out:
	json_object_put(out);
	json_object_put(adopt);
	json_object_put(body);
	json_object_put(norm);
	return r;
}

/* ------------------------------------------------------------------ delivery */

/* Is QBO's 429 pause (saved in the store for every process) still running? */
static bool throttled(qs_engine *eng)
{
	qs_conn_row row;
	bool t = false;
	if (qs_store_conn_get(eng->store, eng->conn_key, &row, NULL) == QS_OK) {
		t = row.throttled_until > qs_store_now();
	}
	qs_conn_row_clear(&row);
	return t;
}

static double backoff(long attempts, const qs_error *e)
{
	double base, jitter;
	unsigned char rb[2] = {0, 0};
	if (e->status == QS_ETHROTTLE) {
		return e->retry_after > 0 ? (double)e->retry_after : 60.0;
	}
	if (attempts <= 1) {
		return 0;   /* the first failure is retried by the next pass at once */
	}
	base = 5.0;
	while (--attempts > 1 && base < 3600) {
		base *= 2;
	}
	if (base > 3600) {
		base = 3600;
	}
	qs_random_bytes(rb, sizeof(rb), NULL);
	jitter = 0.75 + 0.5 * (double)((rb[0] << 8) | rb[1]) / 65535.0;
	if (e->retry_after > 0 && (double)e->retry_after > base * jitter) {
		return (double)e->retry_after;
	}
	return base * jitter;
}

typedef struct released_list {
	deferred_ref *v;
	size_t n, cap;
} released_list;

static void released_cb(void *ud, const char *kind, const char *id, const char *q_status,
	const char *owner, double claimed)
{
	released_list *l = ud;
	(void)q_status;
	(void)owner;
	(void)claimed;
	if (l->n == l->cap) {
		size_t nc = l->cap ? l->cap * 2 : 8;
		deferred_ref *nv = realloc(l->v, nc * sizeof(*nv));
		if (!nv) {
			return;
		}
		l->v = nv;
		l->cap = nc;
	}
	qs_strlcpy(l->v[l->n].kind, kind, sizeof(l->v[l->n].kind));
	qs_strlcpy(l->v[l->n].id, id, sizeof(l->v[l->n].id));
	l->n++;
}

static bool retryable(qs_status r)
{
	return r == QS_ENET || r == QS_ESERVER || r == QS_ETHROTTLE || r == QS_ETOKEN;
}

/* Claims (kind, id), sends it, and records the outcome. *busy when this call
 * sent nothing: another live process holds it, or nothing is pending. final_state receives the entity state afterwards. The
 * return value is the delivery's status (QS_OK when synced). */
static qs_status deliver_one(qs_engine *eng, const char *kind, const char *id, bool *busy,
	char final_state[16], qs_error *e)
{
	qs_entity en, cur;
	deliver_ctx ctx;
	qs_error de;
	qs_status r, dr;
	long long delivered_version;
	const char *op = "sent";
	double now = qs_store_now();
	released_list rel;

	*busy = false;
	final_state[0] = '\0';
	memset(&rel, 0, sizeof(rel));

	/* 1. claim in a transaction */
	r = qs_store_begin(eng->store, true, e);
	if (r != QS_OK) {
		return r;
	}
	r = qs_store_entity_get(eng->store, eng->conn_key, kind, id, &en, e);
	if (r != QS_OK) {
		qs_store_rollback(eng->store);
		return r;
	}
	if (!en.exists || !en.q_status[0]) {
		/* nothing pending (another worker finished it meanwhile) */
		*busy = true;
		qs_strlcpy(final_state, en.state, 16);
		qs_entity_clear(&en);
		return qs_store_commit(eng->store, e);
	}
	if (!strcmp(en.q_status, "sending") && !claim_stale(eng, en.owner, en.claimed, now)) {
		*busy = true;
		qs_strlcpy(final_state, en.state, 16);
		qs_entity_clear(&en);
		return qs_store_commit(eng->store, e);
	}
	if (!strcmp(en.q_status, "sending")) {
		log_msg(eng, "warn", kind, id, "Taking over the delivery left by %s (claimed %.0f s ago)", en.owner, now - en.claimed);
	}
	qs_strlcpy(en.q_status, "sending", sizeof(en.q_status));
	qs_strlcpy(en.owner, eng->owner, sizeof(en.owner));
	en.claimed = now;
	en.q_attempts++;
	en.attempts++;
	en.last_attempt = now;
	if (!en.qbo_id[0] && !en.create_rid[0]) {
		char ver[24];
		snprintf(ver, sizeof(ver), "%lld", en.version);
		make_rid(en.create_rid, eng->realm, kind, id, "c", ver, NULL);
	}
	delivered_version = en.q_version;
	r = qs_store_entity_put(eng->store, eng->conn_key, &en, e);
	if (r == QS_OK) {
		r = qs_store_outbox_put(eng->store, eng->conn_key, &en, e);
	}
	if (r == QS_OK) {
		r = qs_store_commit(eng->store, e);
	} else {
		qs_store_rollback(eng->store);
	}
	if (r != QS_OK) {
		qs_entity_clear(&en);
		return r;
	}

	/* 2. send (no transaction open) */
	memset(&ctx, 0, sizeof(ctx));
	ctx.eng = eng;
	ctx.kind = kind;
	ctx.id = id;
	qs_error_clear(&de);
	eng->depth++;
	{
		char used_rid[64];
		qs_strlcpy(used_rid, en.create_rid, sizeof(used_rid));
		dr = push_record(eng, &en, &ctx, &op, &de);
		if (dr == QS_OK && used_rid[0] && !strcmp(op, "created")) {
			/* a create replayed from an older version's requestid holds that
			 * version's content: send the current one as an update next */
			char ver[24], want[64];
			snprintf(ver, sizeof(ver), "%lld", delivered_version);
			make_rid(want, eng->realm, kind, id, "c", ver, NULL);
			if (strcmp(want, used_rid) != 0) {
				delivered_version = 0;
			}
		}
	}
	eng->depth--;
	if (dr != QS_OK) {
		qs_error_record(&de, kind, id);
	}

	/* 3. record the outcome on the current row (a newer version may have arrived) */
	r = qs_store_begin(eng->store, true, e);
	if (r != QS_OK) {
		qs_entity_clear(&en);
		return r;
	}
	r = qs_store_entity_get(eng->store, eng->conn_key, kind, id, &cur, e);
	if (r != QS_OK) {
		qs_store_rollback(eng->store);
		qs_entity_clear(&en);
		return r;
	}
	now = qs_store_now();
	cur.owner[0] = '\0';
	cur.claimed = 0;
	cur.wait_kind[0] = cur.wait_id[0] = '\0';
	if (dr == QS_OK && !strcmp(op, "skipped")) {
		bool newer = cur.q_version != delivered_version;
		qs_strlcpy(cur.state, "Skipped", sizeof(cur.state));
		qs_strlcpy(cur.reason, de.message, sizeof(cur.reason));
		cur.create_rid[0] = '\0';
		if (newer) {
			qs_strlcpy(cur.q_status, "queued", sizeof(cur.q_status));
			cur.next_try = now;
			cur.q_attempts = 0;
		} else {
			cur.q_status[0] = '\0';
		}
		log_msg(eng, "info", kind, id, "%s %s: skipped: %s", entity_label(kind), id, de.message);
	} else if (dr == QS_OK) {
		bool newer = cur.q_version != delivered_version;
		qs_strlcpy(cur.qbo_id, en.qbo_id, sizeof(cur.qbo_id));
		qs_strlcpy(cur.sync_token, en.sync_token, sizeof(cur.sync_token));
		qs_strlcpy(cur.state, "Synced", sizeof(cur.state));
		cur.reason[0] = '\0';
		cur.synced_version = delivered_version ? delivered_version : cur.synced_version;
		cur.create_rid[0] = '\0';
		if (newer) {
			qs_strlcpy(cur.q_status, "queued", sizeof(cur.q_status));
			cur.next_try = now;
			cur.q_attempts = 0;
		} else {
			cur.q_status[0] = '\0';
		}
		{
			long nrel = 0;
			r = qs_store_outbox_release(eng->store, eng->conn_key, kind, id, now,
				(eng->in_sync || eng->depth > 0) ? NULL : released_cb, &rel, &nrel, e);
			eng->released += nrel;
		}
		log_msg(eng, "info", kind, id, "%s %s: %s QBO %s %s (version %lld)", entity_label(kind), id, op,
			qbo_entity_of(kind) ? qbo_entity_of(kind) : kind, cur.qbo_id, cur.synced_version);
	} else if (dr == QS_EWAITING) {
		qs_strlcpy(cur.state, "Waiting", sizeof(cur.state));
		qs_strlcpy(cur.reason, de.message, sizeof(cur.reason));
		qs_strlcpy(cur.q_status, "waiting", sizeof(cur.q_status));
		qs_strlcpy(cur.wait_kind, ctx.wait_kind, sizeof(cur.wait_kind));
		qs_strlcpy(cur.wait_id, ctx.wait_id, sizeof(cur.wait_id));
		cur.next_try = now + WAITING_RECHECK;
		log_msg(eng, "info", kind, id, "%s %s: %s", entity_label(kind), id, de.message);
	} else if (retryable(dr) || dr == QS_EAUTH) {
		double delay = dr == QS_EAUTH ? 0 : backoff(cur.q_attempts, &de);
		if (dr == QS_ETHROTTLE) {
			/* every process sharing the store pauses (the write is in this transaction) */
			qs_store_conn_set_throttle(eng->store, eng->conn_key, now + delay, NULL);
		}
		qs_strlcpy(cur.q_status, "queued", sizeof(cur.q_status));
		cur.next_try = now + delay;
		snprintf(cur.reason, sizeof(cur.reason), "Queued, will retry: %.1000s", de.message);
		log_msg(eng, "warn", kind, id, "%s %s: attempt %ld failed (%s): %s", entity_label(kind), id, cur.q_attempts,
			qs_status_name(dr), de.message);
	} else if (dr == QS_ESTORE || dr == QS_EINTERNAL) {
		qs_strlcpy(cur.q_status, "queued", sizeof(cur.q_status));
		cur.next_try = now + 60;
		snprintf(cur.reason, sizeof(cur.reason), "Queued, will retry: %.1000s", de.message);
		log_msg(eng, "error", kind, id, "%s %s: %s", entity_label(kind), id, de.message);
	} else {
		/* a QBO fault or a configuration problem: Error until the document changes or is resent */
		bool newer = cur.q_version != delivered_version;
		qs_strlcpy(cur.state, "Error", sizeof(cur.state));
		qs_strlcpy(cur.reason, de.message, sizeof(cur.reason));
		cur.create_rid[0] = '\0';
		if (newer) {
			qs_strlcpy(cur.q_status, "queued", sizeof(cur.q_status));
			cur.next_try = now;
			cur.q_attempts = 0;
		} else {
			cur.q_status[0] = '\0';
		}
		log_msg(eng, "error", kind, id, "%s %s: %s", entity_label(kind), id, de.message);
	}
	if (r == QS_OK) {
		r = qs_store_entity_put(eng->store, eng->conn_key, &cur, e);
	}
	if (r == QS_OK) {
		r = qs_store_outbox_put(eng->store, eng->conn_key, &cur, e);
	}
	if (r == QS_OK) {
		r = qs_store_commit(eng->store, e);
	} else {
		qs_store_rollback(eng->store);
	}
	qs_strlcpy(final_state, cur.state, 16);
	qs_entity_clear(&cur);
	qs_entity_clear(&en);
	if (r != QS_OK) {
		free(rel.v);
		return r;
	}
	/* 4. inline: the records that waited on this one go now */
	if (dr == QS_OK && rel.n) {
		size_t i;
		for (i = 0; i < rel.n; i++) {
			bool b;
			char st[16];
			qs_error e2;
			qs_error_clear(&e2);
			if (deliver_one(eng, rel.v[i].kind, rel.v[i].id, &b, st, &e2) == QS_EAUTH) {
				break;
			}
		}
	}
	free(rel.v);
	if (dr != QS_OK) {
		qs_error_copy(e, &de);
	}
	return dr;
}

/* ------------------------------------------------------------------ state objects */

static json_object *entity_json(const qs_entity *en)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "kind", json_object_new_string(en->kind));
	json_object_object_add(o, "id", json_object_new_string(en->id));
	json_object_object_add(o, "state", json_object_new_string(en->state));
	json_object_object_add(o, "reason", jstr_new(en->reason));
	json_object_object_add(o, "qbo_id", jstr_new(en->qbo_id));
	json_object_object_add(o, "version", json_object_new_int64(en->version));
	json_object_object_add(o, "synced_version", json_object_new_int64(en->synced_version));
	json_object_object_add(o, "attempts", json_object_new_int64(en->attempts));
	json_object_object_add(o, "last_attempt", jtime(en->last_attempt));
	json_object_object_add(o, "queued", json_object_new_boolean(en->q_status[0] != '\0'));
	json_object_object_add(o, "next_try", en->q_status[0] && strcmp(en->q_status, "sending") ? jtime(en->next_try) : NULL);
	json_object_object_add(o, "updated", jtime(en->updated));
	return o;
}

static qs_status state_of(qs_engine *eng, const char *kind, const char *id, json_object **out, qs_error *e)
{
	qs_entity en;
	qs_error e2;
	qs_status r;
	qs_error_clear(&e2);
	r = qs_store_entity_get(eng->store, eng->conn_key, kind, id, &en, e ? e : &e2);
	if (r == QS_OK) {
		*out = entity_json(&en);
	}
	qs_entity_clear(&en);
	return r;
}

/* ------------------------------------------------------------------ lifecycle */

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
	eng->minorversion = cfg_dup(cfg->minorversion, "75");
	if (!eng->environment || !eng->client_id || !eng->client_secret || !eng->redirect_uri
			|| !eng->store_path || !eng->cfg_currency || !eng->minorversion) {
		qs_error_set(e, QS_EINTERNAL, "Out of memory");
		qs_engine_free(eng);
		return NULL;
	}
	memcpy(eng->key, cfg->key, QS_KEY_LEN);
	eng->has_key = cfg->has_key;
	eng->delivery = cfg->delivery;
	eng->timeout_ms = cfg->timeout_ms > 0 ? cfg->timeout_ms : 30000;
	eng->inline_timeout_ms = cfg->inline_timeout_ms > 0 ? cfg->inline_timeout_ms : 5000;
	eng->connect_timeout_ms = cfg->connect_timeout_ms > 0 ? cfg->connect_timeout_ms : 3000;
	eng->refresh_margin = cfg->refresh_margin >= 0 ? cfg->refresh_margin : 300;
	qs_strlcpy(eng->home_currency, eng->cfg_currency, sizeof(eng->home_currency));

	snprintf(buf, sizeof(buf), "%s\n%s", eng->environment, eng->client_id);
	qs_sha256_hex(buf, strlen(buf), hex);
	memcpy(eng->conn_key, hex, 32);
	eng->conn_key[32] = '\0';
	if (gethostname(eng->host, sizeof(eng->host) - 1) != 0) {
		qs_strlcpy(eng->host, "localhost", sizeof(eng->host));
	}
	eng->host[sizeof(eng->host) - 1] = '\0';
	{
		char *hash = strchr(eng->host, '#');
		if (hash) {
			*hash = '\0';
		}
	}
	if (qs_random_token(nonce, 12, e) != QS_OK) {
		qs_engine_free(eng);
		return NULL;
	}
	snprintf(eng->owner, sizeof(eng->owner), "%ld@%s#%s", (long)getpid(), eng->host, nonce);

	if (qs_endpoints_for(eng->environment, &eng->ep, e) != QS_OK) {
		qs_engine_free(eng);
		return NULL;
	}
	eng->store = qs_store_open(eng->store_path, e);
	if (!eng->store) {
		qs_engine_free(eng);
		return NULL;
	}
	if (qs_store_conn_ensure(eng->store, eng->conn_key, e) != QS_OK) {
		qs_engine_free(eng);
		return NULL;
	}
	{
		qs_conn_row row;
		if (qs_store_conn_get(eng->store, eng->conn_key, &row, e) != QS_OK) {
			qs_engine_free(eng);
			return NULL;
		}
		note_realm(eng, &row);
		qs_conn_row_clear(&row);
	}
	eng->http_worker = http_get(eng, e);
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
	qs_secret_free(eng->client_secret);
	qs_secret_free(eng->access);
	free(eng->environment);
	free(eng->client_id);
	free(eng->redirect_uri);
	free(eng->store_path);
	free(eng->cfg_currency);
	free(eng->ca_info);
	free(eng->minorversion);
	qs_wipe(eng->key, sizeof(eng->key));
	qs_http_free(eng->http_worker);
	qs_http_free(eng->http_inline);
	qs_store_close(eng->store);
	free(eng->deferred);
	free(eng);
}

/* ------------------------------------------------------------------ OAuth */

qs_status qs_engine_oauth_url(qs_engine *eng, const char *scope, char **url, qs_error *e)
{
	char state[33];
	qs_status r;
	*url = NULL;
	r = qs_random_token(state, 32, e);
	if (r != QS_OK) {
		return r;
	}
	r = qs_store_state_put(eng->store, eng->conn_key, state, qs_store_now() + 600, e);
	if (r != QS_OK) {
		return r;
	}
	return qs_oauth_authorize_url(&eng->ep, eng->client_id, eng->redirect_uri, scope, state, url, e);
}

qs_status qs_engine_oauth_exchange(qs_engine *eng, const char *code, const char *state,
	const char *realm, qs_error *e)
{
	bool valid = false;
	qs_tokens t;
	qs_status r;
	qs_http *h;
	unsigned char *a = NULL, *rb = NULL;
	size_t al = 0, rl = 0;
	double now;

	if (!eng->has_key) {
		return qs_error_set(e, QS_ECONFIG, "No encryption key, so the QuickBooks tokens cannot be stored: set the option encryption_key or INI qbosync.encryption_key (64 hex digits or base64 of 32 bytes)");
	}
	if (!realm || !*realm || strlen(realm) >= sizeof(eng->realm)) {
		return qs_error_set(e, QS_EVALIDATION, "The realmId from the OAuth redirect is missing or too long");
	}
	r = qs_store_state_take(eng->store, eng->conn_key, state ? state : "", qs_store_now(), &valid, e);
	if (r != QS_OK) {
		return r;
	}
	if (!valid) {
		return qs_error_set(e, QS_ESTATE, "The OAuth state is unknown, already used or expired; start again with qbo_oauth_url()");
	}
	h = http_get(eng, e);
	if (!h) {
		return e->status ? e->status : QS_EINTERNAL;
	}
	memset(&t, 0, sizeof(t));
	r = qs_oauth_exchange(h, &eng->ep, eng->client_id, eng->client_secret, eng->redirect_uri, code, &t, e);
	if (r != QS_OK) {
		qs_tokens_clear(&t);
		return r;
	}
	now = qs_store_now();
	r = seal_pair(eng, &t, &a, &al, &rb, &rl, e);
	if (r == QS_OK) {
		r = qs_store_begin(eng->store, true, e);
		if (r == QS_OK) {
			r = qs_store_tokens_put(eng->store, eng->conn_key, realm, a, al, now + (double)t.expires_in,
				rb, rl, t.refresh_expires_in > 0 ? now + (double)t.refresh_expires_in : 0, -1, NULL, e);
			if (r == QS_OK && strcmp(eng->realm, realm) != 0) {
				/* another company: its country is read again */
				eng->country[0] = '\0';
				r = qs_store_conn_set_company(eng->store, eng->conn_key, eng->cfg_currency, NULL, e);
			}
			if (r == QS_OK) {
				r = qs_store_commit(eng->store, e);
			} else {
				qs_store_rollback(eng->store);
			}
		}
	}
	free(a);
	free(rb);
	if (r == QS_OK) {
		qs_conn_row row;
		qs_strlcpy(eng->realm, realm, sizeof(eng->realm));
		if (qs_store_conn_get(eng->store, eng->conn_key, &row, NULL) == QS_OK) {
			set_access(eng, t.access, row.token_version);
			t.access = NULL;
		}
		qs_conn_row_clear(&row);
		log_msg(eng, "info", NULL, NULL, "Connected to QuickBooks company %s", realm);
	}
	qs_tokens_clear(&t);
	return r;
}

qs_status qs_engine_disconnect(qs_engine *eng, bool revoke, qs_error *e)
{
	qs_conn_row row;
	qs_status r = qs_store_conn_get(eng->store, eng->conn_key, &row, e);
	if (r != QS_OK) {
		return r;
	}
	if (revoke && row.refresh && eng->has_key) {
		char *tok = NULL;
		qs_error e2;
		qs_error_clear(&e2);
		if (open_blob(eng, "refresh", row.refresh, row.refresh_len, &tok, &e2) == QS_OK) {
			qs_http *h = http_get(eng, &e2);
			if (h && qs_oauth_revoke(h, &eng->ep, eng->client_id, eng->client_secret, tok, &e2) != QS_OK) {
				log_msg(eng, "warn", NULL, NULL, "Revoking the token at Intuit failed: %s", e2.message);
			}
			qs_secret_free(tok);
		}
	}
	qs_conn_row_clear(&row);
	r = qs_store_begin(eng->store, true, e);
	if (r != QS_OK) {
		return r;
	}
	r = qs_store_tokens_clear(eng->store, eng->conn_key, e);
	if (r == QS_OK) {
		r = qs_store_conn_set_status(eng->store, eng->conn_key, "Disconnected",
			"Disconnected on request; connect again with qbo_oauth_url() and qbo_oauth_exchange()", e);
	}
	if (r == QS_OK) {
		r = qs_store_commit(eng->store, e);
	} else {
		qs_store_rollback(eng->store);
	}
	set_access(eng, NULL, 0);
	if (r == QS_OK) {
		log_msg(eng, "info", NULL, NULL, "Disconnected from QuickBooks%s", revoke ? " (tokens revoked)" : "");
	}
	return r;
}

/* ------------------------------------------------------------------ push */

static bool deferred_add(qs_engine *eng, const char *kind, const char *id)
{
	size_t i;
	for (i = 0; i < eng->n_deferred; i++) {
		if (!strcmp(eng->deferred[i].kind, kind) && !strcmp(eng->deferred[i].id, id)) {
			return true;
		}
	}
	if (eng->n_deferred == eng->cap_deferred) {
		size_t nc = eng->cap_deferred ? eng->cap_deferred * 2 : 8;
		deferred_ref *nv = realloc(eng->deferred, nc * sizeof(*nv));
		if (!nv) {
			return false;
		}
		eng->deferred = nv;
		eng->cap_deferred = nc;
	}
	qs_strlcpy(eng->deferred[eng->n_deferred].kind, kind, sizeof(eng->deferred[0].kind));
	qs_strlcpy(eng->deferred[eng->n_deferred].id, id, sizeof(eng->deferred[0].id));
	eng->n_deferred++;
	return true;
}

/* Records a validated document; *deliver tells whether there is something to send. */
static qs_status record(qs_engine *eng, const char *kind, json_object *norm, int flags, bool *deliver, qs_error *e)
{
	const char *id = jstr(norm, "id");
	const char *doc;
	char hash[65];
	qs_entity en;
	qs_status r;
	double now = qs_store_now();
	const char *status = jstr(norm, "status");

	*deliver = false;
	if (!id || !*id) {
		return qs_error_set(e, QS_EVALIDATION, "The %s has no id; every document needs its billing-system id", kind);
	}
	qs_map_hash(norm, hash);
	doc = json_object_to_json_string_ext(norm, JSON_C_TO_STRING_PLAIN);
	r = qs_store_begin(eng->store, true, e);
	if (r != QS_OK) {
		return r;
	}
	r = qs_store_entity_get(eng->store, eng->conn_key, kind, id, &en, e);
	if (r != QS_OK) {
		qs_store_rollback(eng->store);
		return r;
	}
	if (!strcmp(en.q_status, "sending") && claim_stale(eng, en.owner, en.claimed, now)) {
		/* left by a process that died mid-delivery: pending again (same requestid) */
		log_msg(eng, "warn", kind, id, "Taking over the delivery left by %s (claimed %.0f s ago)", en.owner, now - en.claimed);
		qs_strlcpy(en.q_status, "queued", sizeof(en.q_status));
		en.owner[0] = '\0';
		en.claimed = 0;
		r = qs_store_outbox_put(eng->store, eng->conn_key, &en, e);
		if (r != QS_OK) {
			qs_store_rollback(eng->store);
			qs_entity_clear(&en);
			return r;
		}
	}
	if (en.exists && !strcmp(en.hash, hash) && !(flags & QS_PUSH_FORCE)) {
		/* unchanged: nothing new to record; deliver if still pending */
		*deliver = en.q_status[0] && strcmp(en.q_status, "sending") != 0;
		qs_entity_clear(&en);
		return qs_store_commit(eng->store, e);
	}
	free(en.doc);
	en.doc = strdup(doc);
	if (!en.doc) {
		qs_store_rollback(eng->store);
		qs_entity_clear(&en);
		return qs_error_set(e, QS_EINTERNAL, "Out of memory");
	}
	qs_strlcpy(en.hash, hash, sizeof(en.hash));
	en.version++;
	en.updated = now;
	if (!strcmp(kind, "invoice") && status && !strcmp(status, "draft")) {
		qs_strlcpy(en.state, "Skipped", sizeof(en.state));
		qs_strlcpy(en.reason, "A draft invoice is not sent to QuickBooks until it is issued", sizeof(en.reason));
		en.q_status[0] = '\0';
	} else if (!strcmp(kind, "invoice") && status && !strcmp(status, "cancelled") && !en.qbo_id[0]
			&& strcmp(en.q_status, "sending") != 0) {
		qs_strlcpy(en.state, "Skipped", sizeof(en.state));
		qs_strlcpy(en.reason, "Cancelled before it reached QuickBooks", sizeof(en.reason));
		en.q_status[0] = '\0';
	} else {
		if (strcmp(en.state, "Synced") != 0) {
			qs_strlcpy(en.state, "Not Tried", sizeof(en.state));
			en.reason[0] = '\0';
		}
		if (strcmp(en.q_status, "sending") != 0) {
			qs_strlcpy(en.q_status, "queued", sizeof(en.q_status));
			en.q_attempts = 0;
		}
		en.q_version = en.version;
		en.next_try = now;
		en.wait_kind[0] = en.wait_id[0] = '\0';
		*deliver = true;
	}
	r = qs_store_entity_put(eng->store, eng->conn_key, &en, e);
	if (r == QS_OK) {
		r = qs_store_outbox_put(eng->store, eng->conn_key, &en, e);
	}
	if (r == QS_OK) {
		r = qs_store_commit(eng->store, e);
	} else {
		qs_store_rollback(eng->store);
	}
	qs_entity_clear(&en);
	return r;
}

qs_status qs_engine_push(qs_engine *eng, const char *kind, json_object *doc, int flags,
	json_object **state, qs_error *e)
{
	json_object *norm = NULL;
	qs_status r;
	bool deliver = false;
	char id[65];

	*state = NULL;
	if (!kind || !qs_map_kind_known(kind)) {
		return qs_error_set(e, QS_EVALIDATION, "Unknown kind '%s': use customer, item, invoice, payment, refund or credit",
			kind ? kind : "");
	}
	r = qs_map_validate(kind, doc, eng->home_currency[0] ? eng->home_currency : "USD", &norm, e);
	if (r != QS_OK) {
		json_object_put(norm);
		return r;
	}
	qs_strlcpy(id, jstr(norm, "id") ? jstr(norm, "id") : "", sizeof(id));
	r = record(eng, kind, norm, flags, &deliver, e);
	json_object_put(norm);
	if (r != QS_OK) {
		qs_error_record(e, kind, id);
		return r;
	}
	if (deliver && !(flags & QS_PUSH_QUEUE_ONLY)) {
		if (eng->delivery == QS_DELIVER_DEFERRED) {
			deferred_add(eng, kind, id);
		} else if (eng->delivery == QS_DELIVER_INLINE && !throttled(eng)) {
			bool busy = false;
			char st[16];
			qs_error de;
			qs_error_clear(&de);
			eng->inline_ctx = true;
			r = deliver_one(eng, kind, id, &busy, st, &de);
			eng->inline_ctx = false;
			if (r == QS_EAUTH) {
				/* never connected yet: the record waits in the queue, no exception */
				qs_conn_row row;
				bool never = qs_store_conn_get(eng->store, eng->conn_key, &row, NULL) == QS_OK
					&& !row.refresh && !strcmp(row.status, "Not Connected");
				qs_conn_row_clear(&row);
				if (never) {
					r = QS_OK;
				}
			}
			if (r == QS_EAPI || r == QS_EAUTH || r == QS_ESTORE) {
				qs_error_copy(e, &de);
				state_of(eng, kind, id, state, NULL);
				return r;
			}
		}
	}
	return state_of(eng, kind, id, state, e);
}

bool qs_engine_has_deferred(qs_engine *eng)
{
	return eng && eng->n_deferred > 0;
}

void qs_engine_run_deferred(qs_engine *eng)
{
	size_t i;
	if (!eng) {
		return;
	}
	eng->inline_ctx = true;
	for (i = 0; i < eng->n_deferred && !throttled(eng); i++) {
		bool busy;
		char st[16];
		qs_error e;
		qs_error_clear(&e);
		if (deliver_one(eng, eng->deferred[i].kind, eng->deferred[i].id, &busy, st, &e) == QS_EAUTH) {
			break;
		}
	}
	eng->inline_ctx = false;
	eng->n_deferred = 0;
}

/* ------------------------------------------------------------------ sync */

typedef struct due_list {
	struct due_row { char kind[16]; char id[65]; bool sending; char owner[96]; double claimed; } *v;
	size_t n, cap;
} due_list;

static void due_cb(void *ud, const char *kind, const char *id, const char *q_status, const char *owner, double claimed)
{
	due_list *l = ud;
	if (l->n == l->cap) {
		size_t nc = l->cap ? l->cap * 2 : 64;
		struct due_row *nv = realloc(l->v, nc * sizeof(*nv));
		if (!nv) {
			return;
		}
		l->v = nv;
		l->cap = nc;
	}
	qs_strlcpy(l->v[l->n].kind, kind, sizeof(l->v[l->n].kind));
	qs_strlcpy(l->v[l->n].id, id, sizeof(l->v[l->n].id));
	l->v[l->n].sending = !strcmp(q_status, "sending");
	qs_strlcpy(l->v[l->n].owner, owner, sizeof(l->v[l->n].owner));
	l->v[l->n].claimed = claimed;
	l->n++;
}

qs_status qs_engine_sync(qs_engine *eng, const qs_sync_opts *opts, json_object **result, qs_error *e)
{
	due_list due;
	qs_status r, ret = QS_OK;
	double start = qs_store_now();
	long delivered = 0, errors = 0, waiting = 0, done_n = 0, remaining = 0, net_fail = 0, total;
	size_t i;
	int pass;
	bool stop = false;

	*result = NULL;
	memset(&due, 0, sizeof(due));
	eng->in_sync = true;
	total = 0;
	for (pass = 0; !stop; pass++) {
		long before = done_n;
		due.n = 0;
		eng->released = 0;
		r = qs_store_outbox_due(eng->store, eng->conn_key, qs_store_now(), SYNC_BATCH, due_cb, &due, e);
		if (r != QS_OK) {
			eng->in_sync = false;
			free(due.v);
			return r;
		}
		total += (long)due.n;
		for (i = 0; i < due.n; i++) {
			bool busy = false;
			char st[16];
			qs_error de;
			if (due.v[i].sending && !claim_stale(eng, due.v[i].owner, due.v[i].claimed, qs_store_now())) {
				total--;
				continue;
			}
			if (opts && opts->limit > 0 && done_n >= opts->limit) {
				break;
			}
			if (opts && opts->time_budget > 0 && qs_store_now() - start > opts->time_budget) {
				break;
			}
			if (opts && opts->cancel) {
				break;
			}
			if (throttled(eng)) {
				net_fail = 3;   /* QBO asked for a pause: leave the rest queued */
				break;
			}
			qs_error_clear(&de);
			r = deliver_one(eng, due.v[i].kind, due.v[i].id, &busy, st, &de);
			if (busy) {
				continue;
			}
			done_n++;
			if (r == QS_OK && !strcmp(st, "Synced")) {
				delivered++;
				net_fail = 0;
			} else if (r == QS_EWAITING || !strcmp(st, "Waiting")) {
				waiting++;
			} else if (r == QS_EAUTH) {
				qs_error_copy(e, &de);
				ret = QS_EAUTH;
			} else if (r == QS_ESTORE) {
				qs_error_copy(e, &de);
				ret = QS_ESTORE;
			} else if (r == QS_ETHROTTLE) {
				net_fail = 3;   /* QBO asked us to back off: stop this pass */
			} else if (retryable(r)) {
				net_fail++;
			} else if (r != QS_OK) {
				errors++;
			}
			if (opts && opts->progress) {
				opts->progress(opts->ud, done_n, total, due.v[i].kind, due.v[i].id, st);
			}
			if (ret != QS_OK || net_fail >= 3) {
				stop = true;   /* disconnected, broken store, or QBO unreachable */
				break;
			}
		}
		if (i < due.n) {
			stop = true;   /* limit, budget, cancel, or QBO unreachable */
		} else if (!((due.n == SYNC_BATCH && done_n > before) || eng->released > 0) || pass > 10000) {
			stop = true;   /* nothing more is due (released records and further batches go on) */
		}
	}
	eng->in_sync = false;
	free(due.v);
	qs_store_conn_set_last_sync(eng->store, eng->conn_key, qs_store_now(), NULL);
	qs_store_outbox_count(eng->store, eng->conn_key, &remaining, NULL);
	*result = json_object_new_object();
	json_object_object_add(*result, "delivered", json_object_new_int64(delivered));
	json_object_object_add(*result, "errors", json_object_new_int64(errors));
	json_object_object_add(*result, "waiting", json_object_new_int64(waiting));
	json_object_object_add(*result, "remaining", json_object_new_int64(remaining));
	return ret;
}

/* ------------------------------------------------------------------ overview */

static void count_cb(void *ud, const char *state, long n)
{
	json_object_object_add((json_object *)ud, state, json_object_new_int64(n));
}

qs_status qs_engine_status(qs_engine *eng, json_object **out, qs_error *e)
{
	qs_conn_row row;
	json_object *o, *counts;
	long queued = 0;
	qs_status r;
	static const char *const states[] = {"Not Tried", "Waiting", "Synced", "Error", "Skipped", "Dismissed"};
	size_t i;

	*out = NULL;
	r = qs_store_conn_get(eng->store, eng->conn_key, &row, e);
	if (r != QS_OK) {
		return r;
	}
	counts = json_object_new_object();
	for (i = 0; i < sizeof(states) / sizeof(states[0]); i++) {
		json_object_object_add(counts, states[i], json_object_new_int64(0));
	}
	r = qs_store_entity_counts(eng->store, eng->conn_key, count_cb, counts, e);
	if (r == QS_OK) {
		r = qs_store_outbox_count(eng->store, eng->conn_key, &queued, e);
	}
	if (r != QS_OK) {
		json_object_put(counts);
		qs_conn_row_clear(&row);
		return r;
	}
	o = json_object_new_object();
	json_object_object_add(o, "status", json_object_new_string(row.status[0] ? row.status : "Not Connected"));
	json_object_object_add(o, "message", jstr_new(row.message));
	json_object_object_add(o, "realm", jstr_new(row.realm));
	json_object_object_add(o, "counts", counts);
	json_object_object_add(o, "queued", json_object_new_int64(queued));
	json_object_object_add(o, "last_sync", jtime(row.last_sync));
	qs_conn_row_clear(&row);
	*out = o;
	return QS_OK;
}

static void list_cb(void *ud, const qs_entity *en)
{
	json_object_array_add((json_object *)ud, entity_json(en));
}

qs_status qs_engine_entities(qs_engine *eng, json_object *filter, json_object **out, qs_error *e)
{
	json_object *arr = json_object_new_array();
	qs_status r = qs_store_entity_list(eng->store, eng->conn_key, jstr(filter, "kind"), jstr(filter, "state"),
		jstr(filter, "id"), list_cb, arr, e);
	if (r != QS_OK) {
		json_object_put(arr);
		*out = NULL;
		return r;
	}
	*out = arr;
	return QS_OK;
}

static void log_cb(void *ud, double at, const char *level, const char *kind, const char *id, const char *message)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "at", jtime(at));
	json_object_object_add(o, "level", json_object_new_string(level));
	json_object_object_add(o, "kind", jstr_new(kind));
	json_object_object_add(o, "id", jstr_new(id));
	json_object_object_add(o, "message", json_object_new_string(message));
	json_object_array_add((json_object *)ud, o);
}

qs_status qs_engine_log(qs_engine *eng, json_object *filter, json_object **out, qs_error *e)
{
	json_object *arr = json_object_new_array();
	json_object *lim = jget(filter, "limit");
	qs_status r = qs_store_log_list(eng->store, eng->conn_key, jstr(filter, "kind"), jstr(filter, "id"),
		lim ? (long)json_object_get_int64(lim) : 100, log_cb, arr, e);
	if (r != QS_OK) {
		json_object_put(arr);
		*out = NULL;
		return r;
	}
	*out = arr;
	return QS_OK;
}

/* ------------------------------------------------------------------ mappings */

static bool map_kind_ok(const char *kind)
{
	static const char *const kinds[] = {"customer", "item", "tax", "payment_method", "account", "term", "currency"};
	size_t i;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		if (!strcmp(kind, kinds[i])) {
			return true;
		}
	}
	return false;
}

static json_object *mapping_json(const qs_mapping *m)
{
	json_object *o = json_object_new_object();
	json_object_object_add(o, "kind", json_object_new_string(m->kind));
	json_object_object_add(o, "local_id", json_object_new_string(m->local_id));
	json_object_object_add(o, "qbo_id", json_object_new_string(m->qbo_id));
	json_object_object_add(o, "name", jstr_new(m->name));
	json_object_object_add(o, "purpose", jstr_new(m->purpose));
	json_object_object_add(o, "created", jtime(m->created));
	return o;
}

static const char *name_of(json_object *row)
{
	const char *n = jstr(row, "DisplayName");
	return n ? n : jstr(row, "Name");
}

static const char *account_type_for(const char *purpose)
{
	if (!strcmp(purpose, "income")) return "Income";
	return "Bank";
}

qs_status qs_engine_map(qs_engine *eng, const char *kind, const char *local_id,
	const char *qbo_id, json_object *extra, json_object **out, qs_error *e)
{
	const char *purpose = jstr(extra, "purpose");
	const char *entity;
	json_object *row = NULL, *rows = NULL;
	qs_mapping m;
	qs_status r = QS_OK;
	char name_buf[512] = "";
	char email_buf[256] = "";
	const char *want_name = jstr(extra, "name");
	const char *want_email = jstr(extra, "email");
	qs_entity local;

	*out = NULL;
	if (!kind || !map_kind_ok(kind)) {
		return qs_error_set(e, QS_EVALIDATION, "Unknown mapping kind '%s': use customer, item, tax, payment_method, account, term or currency",
			kind ? kind : "");
	}
	if (!local_id || !*local_id || strlen(local_id) > 64) {
		return qs_error_set(e, QS_EVALIDATION, "The local id of a %s mapping must be 1 to 64 characters", kind);
	}
	if (!qbo_id || !*qbo_id || strlen(qbo_id) > 31) {
		return qs_error_set(e, QS_EVALIDATION, "The QBO id of a %s mapping must be a QBO Id, \"auto\" or \"create\"", kind);
	}
	if (!strcmp(kind, "account")) {
		if (!purpose || (strcmp(purpose, "income") && strcmp(purpose, "deposit") && strcmp(purpose, "refund"))) {
			return qs_error_set(e, QS_EVALIDATION, "An account mapping needs ['purpose' => 'income'|'deposit'|'refund'] in its extra array");
		}
	} else {
		purpose = "";
	}
	if (!strcmp(kind, "tax") && !strcmp(qbo_id, "create")) {
		return qs_error_set(e, QS_EVALIDATION, "Tax codes cannot be created through the API: map tax %s to an existing QBO TaxCode Id or \"auto\"", local_id);
	}
	memset(&m, 0, sizeof(m));
	qs_strlcpy(m.kind, kind, sizeof(m.kind));
	qs_strlcpy(m.local_id, local_id, sizeof(m.local_id));
	qs_strlcpy(m.purpose, purpose, sizeof(m.purpose));

	if (!strcmp(kind, "currency")) {
		if (strlen(qbo_id) != 3) {
			return qs_error_set(e, QS_EVALIDATION, "A currency mapping links to an ISO 4217 code such as \"USD\"");
		}
		qs_strlcpy(m.qbo_id, qbo_id, sizeof(m.qbo_id));
		goto save;
	}
	entity = qbo_entity_of(kind);
	r = qs_store_entity_get(eng->store, eng->conn_key, kind, local_id, &local, e);
	if (r != QS_OK) {
		return r;
	}
	if (!want_name && local.exists && local.doc) {
		json_object *norm = json_tokener_parse(local.doc);
		if (norm) {
			if (!strcmp(kind, "customer")) {
				char *dn = qs_map_display_name(norm);
				if (dn) {
					qs_strlcpy(name_buf, dn, sizeof(name_buf));
					free(dn);
				}
				if (!want_email && jstr(norm, "email")) {
					qs_strlcpy(email_buf, jstr(norm, "email"), sizeof(email_buf));
					want_email = email_buf;
				}
			} else if (jstr(norm, "name")) {
				qs_strlcpy(name_buf, jstr(norm, "name"), sizeof(name_buf));
			}
			json_object_put(norm);
		}
	}
	if (want_name) {
		qs_strlcpy(name_buf, want_name, sizeof(name_buf));
	}
	if (!name_buf[0] && strcmp(kind, "customer") != 0 && strcmp(local_id, "*") != 0) {
		qs_strlcpy(name_buf, local_id, sizeof(name_buf));
	}

	if (!strcmp(qbo_id, "auto")) {
		if (!strcmp(kind, "customer")) {
			if (name_buf[0]) {
				r = find_by(eng, "Customer", "DisplayName", name_buf, false, &rows, e);
			}
			if (r == QS_OK && !first_row(rows) && want_email) {
				json_object_put(rows);
				rows = NULL;
				r = customers_by_email(eng, want_email, &rows, e);
			}
		} else if (!strcmp(kind, "tax")) {
			r = name_buf[0] ? find_by(eng, "TaxCode", "Name", name_buf, false, &rows, e) : QS_OK;
		} else {
			r = name_buf[0] ? find_by(eng, entity, "Name", name_buf, false, &rows, e) : QS_OK;
		}
		if (r == QS_OK) {
			row = first_row(rows);
			if (!row) {
				r = qs_error_set(e, QS_EVALIDATION, "No QBO %s matches %s %s%s%s; give its Id or use \"create\"",
					entity, kind, local_id, name_buf[0] ? " by name " : "", name_buf);
			}
		}
	} else if (!strcmp(qbo_id, "create")) {
		json_object *body = NULL;
		char rid[64];
		const char *ent = entity;
		if (!strcmp(kind, "customer") || !strcmp(kind, "item")) {
			json_object *norm = local.exists && local.doc ? json_tokener_parse(local.doc) : NULL;
			if (norm) {
				deliver_ctx c;
				qs_map_ctx mctx;
				memset(&c, 0, sizeof(c));
				c.eng = eng;
				c.kind = kind;
				c.id = local_id;
				memset(&mctx, 0, sizeof(mctx));
				mctx.resolve = resolve;
				mctx.ud = &c;
				mctx.home_currency = eng->home_currency[0] ? eng->home_currency : "USD";
				mctx.us_company = !eng->country[0] || !strcmp(eng->country, "US");
				r = qs_map_to_qbo(kind, norm, &mctx, &ent, &body, e);
				json_object_put(norm);
			} else if (!strcmp(kind, "item") && name_buf[0]) {
				char income[32];
				r = income_account(eng, income, e);
				if (r == QS_OK) {
					json_object *ref = json_object_new_object();
					body = json_object_new_object();
					json_object_object_add(body, "Name", json_object_new_string(name_buf));
					json_object_object_add(body, "Type", json_object_new_string("Service"));
					json_object_object_add(ref, "value", json_object_new_string(income));
					json_object_object_add(body, "IncomeAccountRef", ref);
				}
			} else {
				r = qs_error_set(e, QS_EVALIDATION, "Cannot create QBO %s for %s %s: push the %s first or pass ['name' => ...]",
					entity, kind, local_id, kind);
			}
		} else if (name_buf[0]) {
			body = json_object_new_object();
			json_object_object_add(body, "Name", json_object_new_string(name_buf));
			if (!strcmp(kind, "account")) {
				json_object_object_add(body, "AccountType", json_object_new_string(account_type_for(purpose)));
			} else if (!strcmp(kind, "term")) {
				json_object *dd = jget(extra, "due_days");
				json_object_object_add(body, "DueDays", json_object_new_int(dd ? json_object_get_int(dd) : 0));
			}
		} else {
			r = qs_error_set(e, QS_EVALIDATION, "Cannot create a QBO %s without a name: pass ['name' => ...]", entity);
		}
		if (r == QS_OK) {
			make_rid(rid, eng->realm, "map", kind, local_id, purpose, name_buf, NULL);
			r = api(eng, OP_CREATE, ent, body, NULL, NULL, rid, NULL, &rows, e);
			row = rows;
		}
		json_object_put(body);
	} else {
		if (!strcmp(kind, "tax") && (!strcmp(qbo_id, "TAX") || !strcmp(qbo_id, "NON"))) {
			qs_strlcpy(m.qbo_id, qbo_id, sizeof(m.qbo_id));
			qs_strlcpy(m.name, qbo_id, sizeof(m.name));
			qs_entity_clear(&local);
			goto save;
		}
		r = api(eng, OP_READ, entity, NULL, qbo_id, NULL, NULL, NULL, &rows, e);
		row = rows;
		if (r == QS_EAPI && !strcmp(e->code, "610")) {
			/* QBO's fault (code 610, its detail) stays; the sentence says what to do */
			r = qs_error_set(e, QS_EAPI, "QuickBooks has no %s with Id %s (610 Object Not Found); check the Id or use \"auto\"", entity, qbo_id);
		}
	}
	qs_entity_clear(&local);
	if (r != QS_OK) {
		json_object_put(rows);
		return r;
	}
	qs_strlcpy(m.qbo_id, jstr(row, "Id") ? jstr(row, "Id") : qbo_id, sizeof(m.qbo_id));
	qs_strlcpy(m.name, name_of(row) ? name_of(row) : "", sizeof(m.name));
	json_object_put(rows);
save:
	m.created = qs_store_now();
	r = qs_store_map_put(eng->store, eng->conn_key, &m, e);
	if (r == QS_OK) {
		long n = 0;
		/* records waiting on this one can go now */
		qs_store_outbox_release(eng->store, eng->conn_key, kind, local_id, qs_store_now(), NULL, NULL, &n, NULL);
		log_msg(eng, "info", kind, local_id, "Mapped %s %s to QBO %s %s", kind, local_id, m.qbo_id, m.name);
		*out = mapping_json(&m);
	}
	return r;
}

static void map_list_cb(void *ud, const qs_mapping *m)
{
	json_object_array_add((json_object *)ud, mapping_json(m));
}

qs_status qs_engine_mappings(qs_engine *eng, const char *kind, json_object **out, qs_error *e)
{
	json_object *arr = json_object_new_array();
	qs_status r = qs_store_map_list(eng->store, eng->conn_key, kind, map_list_cb, arr, e);
	if (r != QS_OK) {
		json_object_put(arr);
		*out = NULL;
		return r;
	}
	*out = arr;
	return QS_OK;
}

qs_status qs_engine_unmap(qs_engine *eng, const char *kind, const char *local_id,
	bool *removed, qs_error *e)
{
	*removed = false;
	if (!kind || !map_kind_ok(kind)) {
		return qs_error_set(e, QS_EVALIDATION, "Unknown mapping kind '%s'", kind ? kind : "");
	}
	return qs_store_map_del(eng->store, eng->conn_key, kind, local_id ? local_id : "", removed, e);
}

/* ------------------------------------------------------------------ versions */

const char *qs_engine_versions(void)
{
	static char buf[256];
	if (!buf[0]) {
		curl_version_info_data *cv = curl_version_info(CURLVERSION_NOW);
		snprintf(buf, sizeof(buf), "libcurl %s, OpenSSL %s, SQLite %s, json-c %s",
			cv && cv->version ? cv->version : "?", OpenSSL_version(OPENSSL_VERSION_STRING),
			qs_store_sqlite_version(), json_c_version());
	}
	return buf;
}
