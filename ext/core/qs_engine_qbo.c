/* qs_engine_qbo: the engine's side of QBO: the OAuth flow, tokens sealed in
 * the store and refreshed under a cross-process lock (rotation saved with a
 * compare-and-set), every API call with one refresh-and-retry on a 401, and
 * the lookup queries (by name, email, DocNumber) the guards use. */
#include "qs_engine_int.h"
#include "qs_pool.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

qs_http_share *qse_http_share(qs_engine *eng)
{
	if (!eng->share) {
		qs_error e;
		qs_error_clear(&e);
		eng->share = qs_http_share_new(&e);   /* NULL: each handle keeps its own */
	}
	return eng->share;
}

qs_http *qse_http_get(qs_engine *eng, qs_error *e)
{
	qs_http **slot = eng->inline_ctx ? &eng->http_inline : &eng->http_worker;
	if (!*slot) {
		qs_http_opts o;
		memset(&o, 0, sizeof(o));
		o.timeout_ms = eng->inline_ctx ? eng->inline_timeout_ms : eng->timeout_ms;
		o.connect_timeout_ms = eng->connect_timeout_ms;
		o.ca_info = eng->ca_info;
		o.log = eng->http_log;
		o.log_ud = eng->http_log_ud;
		o.share = qse_http_share(eng);
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

void qse_note_realm(qs_engine *eng, const qs_conn_row *row)
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

/* Seals t's pair and saves it in one write transaction. realm NULL keeps the
 * stored realm; expect_version >= 0 saves only over that token_version
 * (*swapped says whether it did), -1 over any. A realm other than eng->realm
 * (another company) has its company settings read again; one other than the
 * stored realm has the old company's links set aside (qs_engine_realm.c). */
static qs_status save_tokens(qs_engine *eng, const qs_tokens *t, const char *realm,
	long long expect_version, bool *swapped, qs_error *e)
{
	unsigned char *a = NULL, *rb = NULL;
	size_t al = 0, rl = 0;
	double now = qs_store_now();
	qs_status r = seal_pair(eng, t, &a, &al, &rb, &rl, e);
	if (r == QS_OK) {
		r = qs_store_begin(eng->store, true, e);
		if (r == QS_OK) {
			if (realm) {
				/* another company than the stored one: the old one's links are set aside */
				qs_conn_row row;
				memset(&row, 0, sizeof(row));
				r = qs_store_conn_get(eng->store, eng->conn_key, &row, e);
				if (r == QS_OK && row.realm[0] && strcmp(row.realm, realm) != 0) {
					r = qse_realm_switch(eng, row.realm, realm, e);
				}
				qs_conn_row_clear(&row);
			}
			if (r == QS_OK) {
				r = qs_store_tokens_put(eng->store, eng->conn_key, realm, a, al, now + (double)t->expires_in,
					rb, rl, t->refresh_expires_in > 0 ? now + (double)t->refresh_expires_in : 0,
					expect_version, swapped, e);
			}
			if (r == QS_OK && realm && strcmp(eng->realm, realm) != 0) {
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
	return r;
}

/* ------------------------------------------------------------------ connection status */

void qse_conn_status(qs_engine *eng, qs_conn_status status, qs_conn_reason reason, const char *message)
{
	const char *rn = qse_reason_name(reason);
	qs_store_conn_set_status(eng->store, eng->conn_key, status, rn, message, NULL);
	if (status == QS_CONN_DISCONNECTED) {
		qse_log_msg(eng, "error", NULL, NULL, "QuickBooks connection Disconnected (%s): %s", rn, message ? message : "");
		eng->notice_pending = true;
		qs_strlcpy(eng->notice_reason, rn, sizeof(eng->notice_reason));
		qs_strlcpy(eng->notice_message, message ? message : "", sizeof(eng->notice_message));
	} else if (status == QS_CONN_ERROR) {
		qse_log_msg(eng, "error", NULL, NULL, "QuickBooks connection Error (%s): %s", rn, message ? message : "");
	}
}

void qs_engine_set_on_disconnect(qs_engine *eng, qs_disconnect_cb cb, void *ud)
{
	eng->on_disconnect = cb;
	eng->on_disconnect_ud = ud;
}

void qs_engine_notify(qs_engine *eng)
{
	char reason[sizeof(eng->notice_reason)], message[sizeof(eng->notice_message)];
	if (!eng || !eng->notice_pending) {
		return;
	}
	eng->notice_pending = false;
	if (!eng->on_disconnect) {
		return;
	}
	/* copies: the callback may call the engine again */
	qs_strlcpy(reason, eng->notice_reason, sizeof(reason));
	qs_strlcpy(message, eng->notice_message, sizeof(message));
	eng->on_disconnect(eng->on_disconnect_ud, reason, message);
}

/* ------------------------------------------------------------------ token refresh */

/* The timeout of the requests a refresh makes in this context (ms). */
static long refresh_timeout_ms(const qs_engine *eng)
{
	return eng->inline_ctx ? eng->inline_timeout_ms : eng->timeout_ms;
}

/* How long the refresh lock lives: longer than every attempt a refresh may
 * make, so a live refresher is never overtaken (a dead one is, at once). */
static double refresh_lock_ttl(const qs_engine *eng)
{
	return (double)REFRESH_TRIES * (double)refresh_timeout_ms(eng) / 1000.0 + 2.0 + REFRESH_LOCK_MARGIN;
}

/* A failure the token service may not repeat: retried with back-off. */
static bool refresh_transient(qs_status r, const qs_error *e)
{
	if (r == QS_ENET || r == QS_ETHROTTLE) {
		return true;
	}
	return r == QS_ESERVER && strcmp(e->code, "bad_token") != 0;
}

/* The answer may have been produced (and the token rotated) without reaching
 * us: no answer, a server failure, or a 2xx we could not read. */
static bool refresh_answer_lost(qs_status r, const qs_error *e)
{
	if (r == QS_ENET) {
		return true;
	}
	return r == QS_ESERVER && (e->http_status == 0 || e->http_status >= 500
		|| (e->http_status >= 200 && e->http_status < 300));
}

/* Refreshes with the stored refresh token while holding the refresh lock:
 * transient faults are retried with back-off; the rotated pair is saved (a
 * compare-and-set on token_version) before anything uses it. refresh_sent
 * is set before the first request and cleared with the saved answer, so a
 * refresh whose answer never arrived (lost, or its process killed) is known
 * to the next one. */
static qs_status do_refresh(qs_engine *eng, const qs_conn_row *row, qs_error *e)
{
	char *refresh = NULL;
	qs_tokens t;
	qs_status r;
	qs_http *h;
	int attempt;
	bool lost = row->refresh_sent > 0;
	double start = qs_store_now();
	double budget = eng->inline_ctx ? (double)eng->inline_timeout_ms / 1000.0 : refresh_lock_ttl(eng) - REFRESH_LOCK_MARGIN;
	memset(&t, 0, sizeof(t));
	r = open_blob(eng, "refresh", row->refresh, row->refresh_len, &refresh, e);
	if (r != QS_OK) {
		qse_conn_status(eng, QS_CONN_ERROR, QS_REASON_TOKENS_UNREADABLE, e->message);
		goto unlock;
	}
	h = qse_http_get(eng, e);
	if (!h) {
		r = e->status ? e->status : QS_EINTERNAL;
		goto unlock;
	}
	if (qs_store_refresh_sent(eng->store, eng->conn_key, start, e) != QS_OK) {
		r = e->status;
		goto unlock;
	}
	for (attempt = 0;; attempt++) {
		r = qs_oauth_refresh(h, &eng->ep, eng->client_id, eng->client_secret, refresh, &t, e);
		if (r == QS_OK || !refresh_transient(r, e)) {
			break;
		}
		if (refresh_answer_lost(r, e)) {
			lost = true;
		}
		{
			long pause = 250L << attempt;   /* 250 ms, 500 ms */
			if (attempt + 1 >= REFRESH_TRIES || qs_store_now() - start + (double)pause / 1000.0 >= budget / 2) {
				break;
			}
			qse_log_msg(eng, "warn", NULL, NULL, "Token refresh attempt %d failed (%s); retrying in %ld ms",
				attempt + 1, e->message, pause);
			sleep_ms(pause);
		}
	}
	qs_secret_free(refresh);
	refresh = NULL;
	if (r == QS_OK) {
		bool swapped = false;
		r = save_tokens(eng, &t, NULL, row->token_version, &swapped, e);
		if (r == QS_OK && swapped) {
			qse_log_msg(eng, "info", NULL, NULL, "Access token refreshed; refresh token saved");
			set_access(eng, t.access, row->token_version + 1);
			t.access = NULL;
		} else if (r != QS_OK) {
			qse_log_msg(eng, "error", NULL, NULL, "A refreshed token pair could not be saved (%s); the next refresh starts from the stored one", e->message);
			qs_store_refresh_unlock(eng->store, eng->conn_key, eng->owner, NULL);
		}
		qs_tokens_clear(&t);
		if (r == QS_OK && !swapped) {
			/* another process saved newer tokens: the caller re-reads them */
			qs_store_refresh_unlock(eng->store, eng->conn_key, eng->owner, NULL);
		}
		return r;
	}
	qs_tokens_clear(&t);
	if (r == QS_EAUTH && !strcmp(e->code, "invalid_client")) {
		char msg[512];
		snprintf(msg, sizeof(msg), "QuickBooks refused the app's credentials (invalid_client) while refreshing the token: "
			"check client_id and client_secret in the settings; the connection itself is kept, queued records are sent once they are right");
		qse_conn_status(eng, QS_CONN_ERROR, QS_REASON_APP_CREDENTIALS, msg);
		qs_store_refresh_sent(eng->store, eng->conn_key, lost ? row->refresh_sent : 0, NULL);
		qs_error_set(e, QS_EAUTH, "%s", msg);
		qs_strlcpy(e->code, "invalid_client", sizeof(e->code));
		goto unlock;
	}
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
				if (lost) {
					snprintf(msg, sizeof(msg), "QuickBooks refused the refresh token (%s): the answer to a token refresh was lost and "
						"QuickBooks had rotated the token; reconnect with qbo_oauth_url() and qbo_oauth_exchange(); queued records are kept",
						e->code[0] ? e->code : "invalid_grant");
				} else {
					snprintf(msg, sizeof(msg), "QuickBooks refused the refresh token (%s): the connection was revoked or has expired; "
						"reconnect with qbo_oauth_url() and qbo_oauth_exchange(); queued records are kept",
						e->code[0] ? e->code : "invalid_grant");
				}
				qse_conn_status(eng, QS_CONN_DISCONNECTED, lost ? QS_REASON_ANSWER_LOST : QS_REASON_REFRESH_REFUSED, msg);
				qs_store_refresh_unlock(eng->store, eng->conn_key, eng->owner, NULL);
				qs_store_commit(eng->store, NULL);
				qs_error_set(e, QS_EAUTH, "The QuickBooks connection is Disconnected: %s", msg);
			}
		}
		set_access(eng, NULL, 0);
		return QS_EAUTH;
	}
	if (r == QS_ESERVER && !strcmp(e->code, "bad_token")) {
		/* the answer held a token that cannot be used: nothing was stored */
		qse_conn_status(eng, QS_CONN_ERROR, QS_REASON_BAD_TOKEN, e->message);
		lost = true;
	} else {
		qse_log_msg(eng, "warn", NULL, NULL, "Token refresh failed for now (%s); the connection stays as it is and the refresh is tried again", e->message);
	}
	/* the marker stays only while an answer may have rotated the token */
	qs_store_refresh_sent(eng->store, eng->conn_key, lost || refresh_answer_lost(r, e) ? start : 0, NULL);
unlock:
	qs_secret_free(refresh);
	qs_store_refresh_unlock(eng->store, eng->conn_key, eng->owner, NULL);
	return r;
}

/* The fix to append to a Disconnected message, unless the stored reason says it already. */
static const char *reconnect_hint(const char *message)
{
	return strstr(message, "qbo_oauth_url()") ? "" : "; reconnect with qbo_oauth_url() and qbo_oauth_exchange()";
}

/* Makes eng->access a usable token. stale_version >= 0: the token of that
 * version was refused (401); refresh unless a newer one is stored already.
 * While another live process refreshes, this waits (inline: at most
 * inline_timeout); a refresh lock whose holder died is taken over at once. */
qs_status qse_ensure_token(qs_engine *eng, long long stale_version, qs_error *e)
{
	double wait = eng->inline_ctx ? (double)eng->inline_timeout_ms / 1000.0
		: ((double)eng->timeout_ms / 1000.0 + 5.0 > REFRESH_WAIT ? (double)eng->timeout_ms / 1000.0 + 5.0 : REFRESH_WAIT);
	double deadline = qs_store_now() + wait;
	long long first_version = -1;
	for (;;) {
		qs_conn_row row;
		double now = qs_store_now();
		bool got = false, fresh;
		qs_status r = qs_store_conn_get(eng->store, eng->conn_key, &row, e);
		if (r != QS_OK) {
			return r;
		}
		qse_note_realm(eng, &row);
		if (first_version < 0) {
			first_version = row.token_version;
		}
		/* tokens saved since this call began (by us or by another process) are
		 * used while they live, even when refresh_margin exceeds their life */
		fresh = row.token_version != first_version;
		if (!row.refresh) {
			qs_status st;
			if (row.status == QS_CONN_DISCONNECTED) {
				st = qs_error_set(e, QS_EAUTH, "The QuickBooks connection is Disconnected%s%s%s",
					row.message[0] ? ": " : "", row.message, reconnect_hint(row.message));
			} else {
				st = qs_error_set(e, QS_EAUTH, "Not connected to QuickBooks yet: run the OAuth flow with qbo_oauth_url() and qbo_oauth_exchange()");
			}
			qs_conn_row_clear(&row);
			return st;
		}
		if (row.status == QS_CONN_DISCONNECTED) {
			r = qs_error_set(e, QS_EAUTH, "The QuickBooks connection is Disconnected%s%s%s",
				row.message[0] ? ": " : "", row.message, reconnect_hint(row.message));
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
					qse_conn_status(eng, QS_CONN_ERROR, QS_REASON_TOKENS_UNREADABLE, e->message);
					qs_conn_row_clear(&row);
					return r;
				}
				set_access(eng, plain, row.token_version);
			}
			if (row.status == QS_CONN_ERROR) {
				qse_conn_status(eng, QS_CONN_ACTIVE, QS_REASON_NONE, NULL);
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
				const char *dead = NULL;
				if (cur.refresh_owner[0] && strcmp(cur.refresh_owner, eng->owner) != 0
						&& cur.refresh_until >= now && qse_owner_dead(eng, cur.refresh_owner)) {
					dead = cur.refresh_owner;
				}
				r = qs_store_refresh_lock(eng->store, eng->conn_key, eng->owner, now + refresh_lock_ttl(eng), now, dead, &got, e);
				if (r == QS_OK && got && dead) {
					qse_log_msg(eng, "warn", NULL, NULL, "Taking over the token refresh left by %s (that process is gone)", dead);
				}
				/* the row as locked: its refresh_sent tells whether an answer was lost */
				row.refresh_sent = cur.refresh_sent;
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
			return qs_error_set(e, QS_ENET, "Another process has been refreshing the QuickBooks token for over %.0f s; will retry", wait);
		}
		sleep_ms(eng->inline_ctx ? 20 : 40);
	}
}

/* ------------------------------------------------------------------ QBO calls with one 401 retry */

/* A write that QBO may have committed without saying so: a 4xx answer with
 * no QBO Fault (a proxy's HTML 408 or 400). It is as uncertain as a timeout:
 * QS_ESERVER, retried with its requestid kept, and the retry settles what QBO
 * did (the guards look for a create's record, a delete finds it gone) before
 * anything new is sent. Every write qse_api sends is read this way. */
static qs_status uncertain_write(qs_status r, qs_error *e)
{
	if (r == QS_EAPI && e && !e->code[0] && e->http_status >= 400 && e->http_status < 500) {
		char msg[sizeof(e->message)];
		qs_strlcpy(msg, e->message, sizeof(msg));
		r = qs_error_set(e, QS_ESERVER, "%.900s; QuickBooks may have done it, so the retry settles that before anything new is sent", msg);
	}
	return r;
}

qs_status qse_api(qs_engine *eng, enum api_op op, const char *entity, json_object *body,
	const char *id, const char *token, const char *rid, const char *query, json_object **out, qs_error *e)
{
	int attempt;
	long long used = -1;
	long slot = -1;
	double taken = 0;
	qs_status r = QS_OK;
	*out = NULL;
	for (attempt = 0; attempt < 2; attempt++) {
		qs_qbo q;
		r = qse_ensure_token(eng, attempt ? used : -1, e);
		if (r != QS_OK) {
			return r;
		}
		used = eng->token_version;
		r = qse_flight_take(eng, &slot, e);
		if (r == QS_OK) {
			r = qse_pace(eng, op == OP_BATCH, &taken, e);
		}
		if (r != QS_OK) {
			qse_flight_release(eng, &slot);
			return r;
		}
		memset(&q, 0, sizeof(q));
		q.http = qse_http_get(eng, e);
		if (!q.http) {
			qse_flight_release(eng, &slot);
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
		case OP_DELETE: r = qs_qbo_delete(&q, entity, id, token, rid, out, e); break;
		case OP_BATCH: r = qs_qbo_batch(&q, body, rid, out, e); break;
		case OP_CDC: r = qs_qbo_cdc(&q, entity, query, out, e); break;
		case OP_PAGE: {
			json_object *rows = NULL;
			double t = 0;
			r = qs_qbo_query_page(&q, query, &rows, &t, e);
			if (r == QS_OK) {
				*out = json_object_new_object();
				json_object_object_add(*out, "rows", rows);
				json_object_object_add(*out, "time", json_object_new_double(t));
			}
			break;
		}
		case OP_GET: r = qs_qbo_get_entity(&q, entity, query, out, e); break;
		}
		qse_pace_done(eng, &taken);
		qse_flight_release(eng, &slot);
		if (op == OP_CREATE || op == OP_UPDATE || op == OP_VOID || op == OP_DELETE) {
			r = uncertain_write(r, e);
		}
		if (r != QS_ETOKEN) {
			return r;
		}
		qse_log_msg(eng, "warn", NULL, NULL, "QuickBooks refused the access token (401); refreshing once");
	}
	return r;
}

/* "select * from <entity> where <field> = '<value>'[ and Active in (true, false)]" -> first row or NULL */
qs_status qse_find_by(qs_engine *eng, const char *entity, const char *field, const char *value,
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
	r = qse_api(eng, OP_QUERY, entity, NULL, NULL, NULL, NULL, sql, rows, e);
	if (r == QS_EAPI && inactive_too) {
		/* a query dialect without IN on Active: ask for the active ones only */
		snprintf(sql, n, "select * from %s where %s = %s", entity, field, lit);
		r = qse_api(eng, OP_QUERY, entity, NULL, NULL, NULL, NULL, sql, rows, e);
	}
	free(sql);
	free(lit);
	return r;
}

bool qse_email_eq(const char *a, const char *b)
{
	return a && b && strcasecmp(a, b) == 0;
}

json_object *qse_first_row(json_object *rows)
{
	if (rows && json_object_is_type(rows, json_type_array) && json_object_array_length(rows) > 0) {
		return json_object_array_get_idx(rows, 0);
	}
	return NULL;
}

/* Customers whose PrimaryEmailAddr is email. QBO filters on it; a dialect that
 * refuses the filter is answered by reading the customers page by page. */
qs_status qse_customers_by_email(qs_engine *eng, const char *email, json_object **rows, qs_error *e)
{
	qs_status r = qse_find_by(eng, "Customer", "PrimaryEmailAddr", email, false, rows, e);
	long start;
	if (r != QS_EAPI) {
		return r;
	}
	json_object_put(*rows);
	*rows = json_object_new_array();
	for (start = 1; start < 100000; start += QS_QBO_PAGE) {
		char sql[96];
		json_object *page = NULL;
		size_t i, n;
		snprintf(sql, sizeof(sql), "select * from Customer startposition %ld maxresults %d", start, QS_QBO_PAGE);
		r = qse_api(eng, OP_QUERY, "Customer", NULL, NULL, NULL, NULL, sql, &page, e);
		if (r != QS_OK) {
			json_object_put(page);
			return r;
		}
		n = page ? json_object_array_length(page) : 0;
		for (i = 0; i < n; i++) {
			json_object *row = json_object_array_get_idx(page, i);
			if (qse_email_eq(qse_jstr(qse_jget(row, "PrimaryEmailAddr"), "Address"), email)) {
				json_object_array_add(*rows, json_object_get(row));
			}
		}
		json_object_put(page);
		if (n < QS_QBO_PAGE) {
			break;
		}
	}
	return QS_OK;
}

/* Company country/currency, read once per connection and kept in the store. */
void qse_ensure_company(qs_engine *eng)
{
	json_object *ci = NULL;
	qs_error e;
	if (eng->country[0]) {
		return;
	}
	qs_error_clear(&e);
	if (qse_api(eng, OP_READ, "CompanyInfo", NULL, eng->realm, NULL, NULL, NULL, &ci, &e) == QS_OK && ci) {
		const char *c = qse_jstr(ci, "Country");
		qs_strlcpy(eng->country, (c && *c) ? c : QS_QBO_DEFAULT_COUNTRY, sizeof(eng->country));
		qs_store_conn_set_company(eng->store, eng->conn_key, eng->home_currency, eng->country, NULL);
	}
	json_object_put(ci);
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

	if (!eng->has_key) {
		return qs_error_set(e, QS_ECONFIG, "No encryption key, so the QuickBooks tokens cannot be stored: set the option encryption_key or INI qbosync.encryption_key (64 hex digits or base64 of 32 bytes)");
	}
	if (!realm || !*realm || strlen(realm) > 32 || strspn(realm, "0123456789") != strlen(realm)) {
		/* it goes into every API path: QBO's company ids are numbers */
		return qs_error_set(e, QS_EVALIDATION, "The realmId from the OAuth redirect is missing, too long or not a number "
			"(QuickBooks company ids are up to 32 digits); start the connection again");
	}
	r = qs_store_state_take(eng->store, eng->conn_key, state ? state : "", qs_store_now(), &valid, e);
	if (r != QS_OK) {
		return r;
	}
	if (!valid) {
		return qs_error_set(e, QS_ESTATE, "The OAuth state is unknown, already used or expired; start again with qbo_oauth_url()");
	}
	h = qse_http_get(eng, e);
	if (!h) {
		return e->status ? e->status : QS_EINTERNAL;
	}
	memset(&t, 0, sizeof(t));
	r = qs_oauth_exchange(h, &eng->ep, eng->client_id, eng->client_secret, eng->redirect_uri, code, &t, e);
	if (r != QS_OK) {
		qs_tokens_clear(&t);
		return r;
	}
	r = save_tokens(eng, &t, realm, -1, NULL, e);
	if (r == QS_OK) {
		qs_conn_row row;
		qs_strlcpy(eng->realm, realm, sizeof(eng->realm));
		if (qs_store_conn_get(eng->store, eng->conn_key, &row, NULL) == QS_OK) {
			set_access(eng, t.access, row.token_version);
			t.access = NULL;
		}
		qs_conn_row_clear(&row);
		qse_log_msg(eng, "info", NULL, NULL, "Connected to QuickBooks company %s", realm);
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
			qs_http *h = qse_http_get(eng, &e2);
			if (h && qs_oauth_revoke(h, &eng->ep, eng->client_id, eng->client_secret, tok, &e2) != QS_OK) {
				qse_log_msg(eng, "warn", NULL, NULL, "Revoking the token at Intuit failed: %s", e2.message);
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
		r = qs_store_conn_set_status(eng->store, eng->conn_key, QS_CONN_DISCONNECTED, qse_reason_name(QS_REASON_ON_REQUEST),
			"Disconnected on request; connect again with qbo_oauth_url() and qbo_oauth_exchange()", e);
	}
	if (r == QS_OK) {
		r = qs_store_commit(eng->store, e);
	} else {
		qs_store_rollback(eng->store);
	}
	set_access(eng, NULL, 0);
	if (r == QS_OK) {
		qse_log_msg(eng, "info", NULL, NULL, "Disconnected from QuickBooks%s", revoke ? " (tokens revoked)" : "");
	}
	return r;
}
