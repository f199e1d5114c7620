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

#define MAX_DEPTH 4
#define REFRESH_TRIES 3           /* token endpoint attempts per refresh (transient faults) */
#define REFRESH_LOCK_MARGIN 30.0  /* the refresh lock outlives its requests by this much */
#define REFRESH_WAIT 20.0         /* a worker waits at least this long for another's refresh */
#define WAITING_RECHECK 300.0     /* a Waiting record is looked at again after this */
#define SYNC_BATCH 500            /* outbox rows read per sync pass */

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
	char *cfg_currency, *ca_info, *minorversion;
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
	bool inline_ctx;          /* deliveries use the short inline timeout */
	bool in_sync;             /* sync delivers released dependents itself */
	int depth;

	char realm[64];
	char *access;             /* secret */
	long long token_version;
	char home_currency[8];
	char country[8];

	qs_disconnect_cb on_disconnect;   /* told when this process turns the connection Disconnected */
	void *on_disconnect_ud;
	bool notice_pending;
	char notice_reason[48];
	char notice_message[512];

	deferred_ref *deferred;
	size_t n_deferred, cap_deferred;
	long released;            /* rows released from Waiting (sync runs another pass) */
};

/* What a delivery learns while its references are resolved. */
typedef struct deliver_ctx {
	qs_engine *eng;
	const char *kind;
	const char *id;
	char wait_kind[16];
	char wait_id[65];
} deliver_ctx;

enum api_op { OP_CREATE, OP_UPDATE, OP_READ, OP_QUERY, OP_VOID };

/* qs_engine.c: shared helpers */
qs_status qse_begin_entity(qs_engine *eng, const char *kind, const char *id, qs_entity *en, qs_error *e);
qs_status qse_save_commit(qs_engine *eng, const qs_entity *en, qs_error *e);
const char *qse_entity_label(const char *kind);
json_object *qse_jget(json_object *o, const char *key);
const char *qse_jstr(json_object *o, const char *key);
json_object *qse_jstr_new(const char *s);
json_object *qse_jtime(double t);
void qse_log_msg(qs_engine *eng, const char *level, const char *kind, const char *id, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void qse_make_rid(char out[64], const char *realm, ...);
const char *qse_qbo_entity_of(const char *kind);

bool qse_owner_dead(qs_engine *eng, const char *owner);
const char *qse_reason_name(qs_conn_reason r);
/* Saves the connection's status with its reason and message; a change to
 * Disconnected is logged and handed to the on_disconnect notifier. */
void qse_conn_status(qs_engine *eng, const char *status, qs_conn_reason reason, const char *message);

/* qs_engine_qbo.c: tokens and QBO calls */
qs_status qse_api(qs_engine *eng, enum api_op op, const char *entity, json_object *body,
	const char *id, const char *token, const char *rid, const char *query, json_object **out, qs_error *e);
qs_status qse_customers_by_email(qs_engine *eng, const char *email, json_object **rows, qs_error *e);
bool qse_email_eq(const char *a, const char *b);
void qse_ensure_company(qs_engine *eng);
qs_status qse_ensure_token(qs_engine *eng, long long stale_version, qs_error *e);
qs_status qse_find_by(qs_engine *eng, const char *entity, const char *field, const char *value,
	bool inactive_too, json_object **rows, qs_error *e);
json_object *qse_first_row(json_object *rows);
qs_http *qse_http_get(qs_engine *eng, qs_error *e);
void qse_note_realm(qs_engine *eng, const qs_conn_row *row);

/* qs_engine_deliver.c: resolution, upsert and delivery */
bool qse_claim_stale(qs_engine *eng, const char *owner, double claimed, double now);
qs_status qse_deliver_one(qs_engine *eng, const char *kind, const char *id, bool *busy,
	char final_state[16], qs_error *e);
qs_status qse_income_account(qs_engine *eng, char out[32], qs_error *e);
qs_status qse_resolve(void *ud, const char *kind, const char *local_id, char qbo_id[32], qs_error *e);
bool qse_retryable(qs_status r);
bool qse_throttled(qs_engine *eng);

#endif
