/* qs_store_driver: what a store backend provides (a table of operations, in
 * the manner of PDO's driver methods) and the part of the store handle every
 * backend shares. The engine never includes this header: it calls the
 * qs_store_* functions of qs_store.h, which dispatch through the table. */
#ifndef QS_STORE_DRIVER_H
#define QS_STORE_DRIVER_H

#include "qs_store.h"

typedef struct qs_store_ops {
	const char *name;   /* "sqlite", "mysql" */
	void (*close)(qs_store *s);
	void (*checkpoint)(qs_store *s);
	qs_status (*begin)(qs_store *s, bool immediate, qs_error *e);
	qs_status (*commit)(qs_store *s, qs_error *e);
	void (*rollback)(qs_store *s);
	void (*read_begin)(qs_store *s);
	void (*read_end)(qs_store *s);
	qs_status (*conn_ensure)(qs_store *s, const char *key, qs_error *e);
	qs_status (*conn_get)(qs_store *s, const char *key, qs_conn_row *out, qs_error *e);
	qs_status (*conn_set_status)(qs_store *s, const char *key, qs_conn_status status, const char *reason, const char *message, qs_error *e);
	qs_status (*conn_set_company)(qs_store *s, const char *key, const char *home_currency, const char *country, qs_error *e);
	qs_status (*conn_set_last_sync)(qs_store *s, const char *key, double at, qs_error *e);
	qs_status (*conn_set_throttle)(qs_store *s, const char *key, double until, double ceiling, qs_error *e);
	qs_status (*tokens_put)(qs_store *s, const char *key, const char *realm, const unsigned char *access, size_t access_len, double access_expires, const unsigned char *refresh, size_t refresh_len, double refresh_expires, long long expect_version, bool *swapped, qs_error *e);
	qs_status (*tokens_clear)(qs_store *s, const char *key, qs_error *e);
	qs_status (*refresh_lock)(qs_store *s, const char *key, const char *owner, double until, double now, const char *dead_owner, bool *got, qs_error *e);
	qs_status (*refresh_sent)(qs_store *s, const char *key, double at, qs_error *e);
	qs_status (*refresh_unlock)(qs_store *s, const char *key, const char *owner, qs_error *e);
	qs_status (*state_put)(qs_store *s, const char *key, const char *state, double expires, qs_error *e);
	qs_status (*state_take)(qs_store *s, const char *key, const char *state, double now, bool *valid, qs_error *e);
	qs_status (*entity_get)(qs_store *s, const char *key, const char *kind, const char *id, qs_entity *out, qs_error *e);
	qs_status (*entity_reread)(qs_store *s, const char *key, const qs_entity *was, qs_entity *out, qs_error *e);
	void (*rows_mark)(qs_store *s, long long mark[2]);
	qs_status (*entity_ref)(qs_store *s, const char *key, const char *kind, const char *id, qs_entity *out, qs_error *e);
	qs_status (*entity_by_qbo)(qs_store *s, const char *key, const char *kind, const char *qbo_id, char local_id[65], bool *found, qs_error *e);
	qs_status (*entity_put)(qs_store *s, const char *key, const qs_entity *en, qs_error *e);
	qs_status (*outbox_put)(qs_store *s, const char *key, const qs_entity *en, qs_error *e);
	qs_status (*entity_claim)(qs_store *s, const char *key, const qs_entity *en, qs_error *e);
	qs_status (*entity_outcome)(qs_store *s, const char *key, const qs_entity *en, qs_error *e);
	qs_status (*outbox_due)(qs_store *s, const char *key, double now, long limit, qs_outbox_cb cb, void *ud, qs_error *e);
	qs_status (*outbox_release)(qs_store *s, const char *key, const char *kind, const char *id, double now, qs_outbox_cb cb, void *ud, long *n, qs_error *e);
	qs_status (*outbox_lock)(qs_store *s, const char *key, const char *kind, const char *id, qs_entity *out, bool *held, qs_error *e);
	qs_status (*claims_renew)(qs_store *s, const char *key, const char *owner, const char *claim_owner, double now, double flight_until, long *n, qs_error *e);
	qs_status (*outbox_count)(qs_store *s, const char *key, long *n, qs_error *e);
	qs_status (*entity_counts)(qs_store *s, const char *key, qs_count_cb cb, void *ud, qs_error *e);
	qs_status (*entity_list)(qs_store *s, const char *key, const char *kind, const char *state, const char *id, long limit, long offset, qs_entity_cb cb, void *ud, qs_error *e);
	qs_status (*entity_total)(qs_store *s, const char *key, const char *kind, const char *state, const char *id, long *n, qs_error *e);
	qs_status (*map_get)(qs_store *s, const char *key, const char *kind, const char *local_id, const char *purpose, qs_mapping *out, bool *found, qs_error *e);
	qs_status (*map_any)(qs_store *s, const char *key, const char *kind, const char *purpose, qs_mapping *out, bool *found, qs_error *e);
	qs_status (*map_put)(qs_store *s, const char *key, const qs_mapping *m, qs_error *e);
	qs_status (*map_del)(qs_store *s, const char *key, const char *kind, const char *local_id, bool *removed, qs_error *e);
	qs_status (*map_start)(qs_store *s, const char *key, const char *kind, const char *local_id, const char *start_date, bool *found, qs_error *e);
	qs_status (*map_list)(qs_store *s, const char *key, const char *kind, qs_mapping_cb cb, void *ud, qs_error *e);
	qs_status (*realm_switch)(qs_store *s, const char *key, const char *from, const char *to, qs_error *e);
	void (*log)(qs_store *s, const char *key, const char *level, const char *kind, const char *id, const char *message);
	qs_status (*log_list)(qs_store *s, const char *key, const char *kind, const char *id, long limit, qs_log_cb cb, void *ud, qs_error *e);
	void (*log_put)(qs_store *s, const char *key, const qs_log_row *row);
	qs_status (*log_find)(qs_store *s, const char *key, const qs_log_filter *f, qs_log_row_cb cb, void *ud, qs_error *e);
	qs_status (*log_prune)(qs_store *s, const char *key, double before, long max_rows, long batch, long *removed, qs_error *e);
	qs_status (*hook_put)(qs_store *s, const char *key, const char *event, const char *ids, double now, qs_error *e);
	qs_status (*hook_due)(qs_store *s, const char *key, long long after, long limit, qs_hook_cb cb, void *ud, qs_error *e);
	qs_status (*hook_del)(qs_store *s, const char *key, long long seq, qs_error *e);
	qs_status (*hook_fail)(qs_store *s, const char *key, long long seq, bool final, const char *message, qs_error *e);
	qs_status (*hook_count)(qs_store *s, const char *key, long *pending, long *errors, qs_error *e);
	qs_status (*meta_get)(qs_store *s, const char *key, const char *name, char **value, double *at, qs_error *e);
	qs_status (*meta_put)(qs_store *s, const char *key, const char *name, const char *value, double at, qs_error *e);
	qs_status (*event_put)(qs_store *s, const char *key, const qs_qbo_event *ev, const char *dedupe, bool *inserted, qs_error *e);
	qs_status (*event_list)(qs_store *s, const char *key, long long since_id, long limit, const char *entity, bool pending_only, qs_event_cb cb, void *ud, qs_error *e);
	qs_status (*event_done)(qs_store *s, const char *key, const qs_qbo_event *ev, qs_error *e);
	qs_status (*worker_get)(qs_store *s, const char *key, qs_worker_row *out, qs_error *e);
	qs_status (*worker_put)(qs_store *s, const char *key, const qs_worker_row *w, qs_error *e);
	qs_status (*worker_del)(qs_store *s, const char *key, const char *owner, bool *removed, qs_error *e);
	qs_status (*history_get)(qs_store *s, const char *key, qs_history_row *out, qs_error *e);
	qs_status (*history_put)(qs_store *s, const char *key, const qs_history_row *h, qs_error *e);
	qs_status (*rate_take)(qs_store *s, const char *key, double now, double until, double window, long per_window, long batch_per_window, bool batch, double *wait, qs_error *e);
	qs_status (*rate_done)(qs_store *s, const char *key, double taken, double now, qs_error *e);
	qs_status (*flight_take)(qs_store *s, const char *key, const char *owner, double now, double until, long cap, long *slot, qs_error *e);
	qs_status (*flight_release)(qs_store *s, const char *key, const char *owner, long slot, qs_error *e);
} qs_store_ops;

/* The head of every backend's handle: a backend's own struct starts with it. */
struct qs_store {
	const qs_store_ops *ops;
	char path[512];     /* what the store was opened with, for messages */
	bool checkpoint_due;   /* the WAL passed its safety limit: checkpoint after the response */
};

/* The SQLite backend (qs_store_sqlite.c). */
qs_store *qs_store_sqlite_open(const char *path, qs_durability durability, qs_error *e);
/* The MariaDB/MySQL backend (qs_store_mysql.c). */
qs_store *qs_store_mysql_open(const char *name, const char *password, qs_error *e);

#endif
