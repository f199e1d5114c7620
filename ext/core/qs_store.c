/* qs_store: the store interface the engine calls: each qs_store_* function
 * dispatches to the backend that opened the store (qs_store_driver.h); the
 * backend is chosen by the form of the store's name (qs_store_open.c).
 * Helpers that need no backend (the clock, clearing rows) live here too. */
#include "qs_store_driver.h"
#include "qs_crypto.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/time.h>

double qs_store_now(void)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

const char *qs_store_backend(const qs_store *s)
{
	return s->ops->name;
}

bool qs_store_checkpoint_due(const qs_store *s)
{
	return s && s->checkpoint_due;
}


void qs_conn_row_clear(qs_conn_row *r)
{
	if (r->access) {
		qs_wipe(r->access, r->access_len);
		free(r->access);
	}
	if (r->refresh) {
		qs_wipe(r->refresh, r->refresh_len);
		free(r->refresh);
	}
	memset(r, 0, sizeof(*r));
}

void qs_history_row_clear(qs_history_row *h)
{
	free(h->job);
	memset(h, 0, sizeof(*h));
}

void qs_entity_clear(qs_entity *en)
{
	free(en->doc);
	memset(en, 0, sizeof(*en));
}

/* ---- dispatch: one function per operation of the backend's table ---- */

void qs_store_close(qs_store *s)
{
	if (s) {
		s->ops->close(s);
	}
}

void qs_store_checkpoint(qs_store *s)
{
	s->ops->checkpoint(s);
}

qs_status qs_store_begin(qs_store *s, bool immediate, qs_error *e)
{
	return s->ops->begin(s, immediate, e);
}

qs_status qs_store_commit(qs_store *s, qs_error *e)
{
	return s->ops->commit(s, e);
}

void qs_store_rollback(qs_store *s)
{
	s->ops->rollback(s);
}

void qs_store_read_begin(qs_store *s)
{
	s->ops->read_begin(s);
}

void qs_store_read_end(qs_store *s)
{
	s->ops->read_end(s);
}

qs_status qs_store_conn_ensure(qs_store *s, const char *key, qs_error *e)
{
	return s->ops->conn_ensure(s, key, e);
}

qs_status qs_store_conn_get(qs_store *s, const char *key, qs_conn_row *out, qs_error *e)
{
	return s->ops->conn_get(s, key, out, e);
}

qs_status qs_store_conn_set_status(qs_store *s, const char *key, qs_conn_status status, const char *reason, const char *message, qs_error *e)
{
	return s->ops->conn_set_status(s, key, status, reason, message, e);
}

qs_status qs_store_conn_set_company(qs_store *s, const char *key, const char *home_currency, const char *country, qs_error *e)
{
	return s->ops->conn_set_company(s, key, home_currency, country, e);
}

qs_status qs_store_conn_set_last_sync(qs_store *s, const char *key, double at, qs_error *e)
{
	return s->ops->conn_set_last_sync(s, key, at, e);
}

qs_status qs_store_conn_set_throttle(qs_store *s, const char *key, double until, double ceiling, qs_error *e)
{
	return s->ops->conn_set_throttle(s, key, until, ceiling, e);
}

qs_status qs_store_tokens_put(qs_store *s, const char *key, const char *realm, const unsigned char *access, size_t access_len, double access_expires, const unsigned char *refresh, size_t refresh_len, double refresh_expires, long long expect_version, bool *swapped, qs_error *e)
{
	return s->ops->tokens_put(s, key, realm, access, access_len, access_expires, refresh, refresh_len, refresh_expires, expect_version, swapped, e);
}

qs_status qs_store_tokens_clear(qs_store *s, const char *key, qs_error *e)
{
	return s->ops->tokens_clear(s, key, e);
}

qs_status qs_store_refresh_lock(qs_store *s, const char *key, const char *owner, double until, double now, const char *dead_owner, bool *got, qs_error *e)
{
	return s->ops->refresh_lock(s, key, owner, until, now, dead_owner, got, e);
}

qs_status qs_store_refresh_sent(qs_store *s, const char *key, double at, qs_error *e)
{
	return s->ops->refresh_sent(s, key, at, e);
}

qs_status qs_store_refresh_unlock(qs_store *s, const char *key, const char *owner, qs_error *e)
{
	return s->ops->refresh_unlock(s, key, owner, e);
}

qs_status qs_store_state_put(qs_store *s, const char *key, const char *state, double expires, qs_error *e)
{
	return s->ops->state_put(s, key, state, expires, e);
}

qs_status qs_store_state_take(qs_store *s, const char *key, const char *state, double now, bool *valid, qs_error *e)
{
	return s->ops->state_take(s, key, state, now, valid, e);
}

qs_status qs_store_entity_get(qs_store *s, const char *key, const char *kind, const char *id, qs_entity *out, qs_error *e)
{
	return s->ops->entity_get(s, key, kind, id, out, e);
}

qs_status qs_store_entity_reread(qs_store *s, const char *key, const qs_entity *was, qs_entity *out, qs_error *e)
{
	return s->ops->entity_reread(s, key, was, out, e);
}

void qs_store_rows_mark(qs_store *s, long long mark[2])
{
	s->ops->rows_mark(s, mark);
}

qs_status qs_store_entity_ref(qs_store *s, const char *key, const char *kind, const char *id, qs_entity *out, qs_error *e)
{
	return s->ops->entity_ref(s, key, kind, id, out, e);
}

qs_status qs_store_entity_by_qbo(qs_store *s, const char *key, const char *kind, const char *qbo_id, char local_id[65], bool *found, qs_error *e)
{
	return s->ops->entity_by_qbo(s, key, kind, qbo_id, local_id, found, e);
}

qs_status qs_store_entity_put(qs_store *s, const char *key, const qs_entity *en, qs_error *e)
{
	return s->ops->entity_put(s, key, en, e);
}

qs_status qs_store_outbox_put(qs_store *s, const char *key, const qs_entity *en, qs_error *e)
{
	return s->ops->outbox_put(s, key, en, e);
}

qs_status qs_store_entity_claim(qs_store *s, const char *key, const qs_entity *en, qs_error *e)
{
	return s->ops->entity_claim(s, key, en, e);
}

qs_status qs_store_entity_outcome(qs_store *s, const char *key, const qs_entity *en, qs_error *e)
{
	return s->ops->entity_outcome(s, key, en, e);
}

qs_status qs_store_outbox_due(qs_store *s, const char *key, double now, long limit, qs_outbox_cb cb, void *ud, qs_error *e)
{
	return s->ops->outbox_due(s, key, now, limit, cb, ud, e);
}

qs_status qs_store_outbox_release(qs_store *s, const char *key, const char *kind, const char *id, double now, qs_outbox_cb cb, void *ud, long *n, qs_error *e)
{
	return s->ops->outbox_release(s, key, kind, id, now, cb, ud, n, e);
}

qs_status qs_store_outbox_lock(qs_store *s, const char *key, const char *kind, const char *id, qs_entity *out, bool *held, qs_error *e)
{
	return s->ops->outbox_lock(s, key, kind, id, out, held, e);
}

qs_status qs_store_claims_renew(qs_store *s, const char *key, const char *owner, const char *claim_owner, double now, double flight_until, long *n, qs_error *e)
{
	return s->ops->claims_renew(s, key, owner, claim_owner, now, flight_until, n, e);
}

qs_status qs_store_outbox_count(qs_store *s, const char *key, long *n, qs_error *e)
{
	return s->ops->outbox_count(s, key, n, e);
}

qs_status qs_store_entity_counts(qs_store *s, const char *key, qs_count_cb cb, void *ud, qs_error *e)
{
	return s->ops->entity_counts(s, key, cb, ud, e);
}

qs_status qs_store_entity_list(qs_store *s, const char *key, const char *kind, const char *state, const char *id, long limit, long offset, qs_entity_cb cb, void *ud, qs_error *e)
{
	return s->ops->entity_list(s, key, kind, state, id, limit, offset, cb, ud, e);
}

qs_status qs_store_entity_total(qs_store *s, const char *key, const char *kind, const char *state, const char *id, long *n, qs_error *e)
{
	return s->ops->entity_total(s, key, kind, state, id, n, e);
}

qs_status qs_store_map_get(qs_store *s, const char *key, const char *kind, const char *local_id, const char *purpose, qs_mapping *out, bool *found, qs_error *e)
{
	return s->ops->map_get(s, key, kind, local_id, purpose, out, found, e);
}

qs_status qs_store_map_any(qs_store *s, const char *key, const char *kind, const char *purpose, qs_mapping *out, bool *found, qs_error *e)
{
	return s->ops->map_any(s, key, kind, purpose, out, found, e);
}

qs_status qs_store_map_put(qs_store *s, const char *key, const qs_mapping *m, qs_error *e)
{
	return s->ops->map_put(s, key, m, e);
}

qs_status qs_store_map_del(qs_store *s, const char *key, const char *kind, const char *local_id, bool *removed, qs_error *e)
{
	return s->ops->map_del(s, key, kind, local_id, removed, e);
}

qs_status qs_store_map_start(qs_store *s, const char *key, const char *kind, const char *local_id, const char *start_date, bool *found, qs_error *e)
{
	return s->ops->map_start(s, key, kind, local_id, start_date, found, e);
}

qs_status qs_store_map_list(qs_store *s, const char *key, const char *kind, qs_mapping_cb cb, void *ud, qs_error *e)
{
	return s->ops->map_list(s, key, kind, cb, ud, e);
}

qs_status qs_store_realm_switch(qs_store *s, const char *key, const char *from, const char *to, qs_error *e)
{
	return s->ops->realm_switch(s, key, from, to, e);
}

void qs_store_log(qs_store *s, const char *key, const char *level, const char *kind, const char *id, const char *message)
{
	s->ops->log(s, key, level, kind, id, message);
}

qs_status qs_store_log_list(qs_store *s, const char *key, const char *kind, const char *id, long limit, qs_log_cb cb, void *ud, qs_error *e)
{
	return s->ops->log_list(s, key, kind, id, limit, cb, ud, e);
}

void qs_store_log_put(qs_store *s, const char *key, const qs_log_row *row)
{
	s->ops->log_put(s, key, row);
}

qs_status qs_store_log_find(qs_store *s, const char *key, const qs_log_filter *f, qs_log_row_cb cb, void *ud, qs_error *e)
{
	return s->ops->log_find(s, key, f, cb, ud, e);
}

qs_status qs_store_log_prune(qs_store *s, const char *key, double before, long max_rows, long batch, long *removed, qs_error *e)
{
	return s->ops->log_prune(s, key, before, max_rows, batch, removed, e);
}

qs_status qs_store_hook_put(qs_store *s, const char *key, const char *event, const char *ids, double now, qs_error *e)
{
	return s->ops->hook_put(s, key, event, ids, now, e);
}

qs_status qs_store_hook_due(qs_store *s, const char *key, long long after, long limit, qs_hook_cb cb, void *ud, qs_error *e)
{
	return s->ops->hook_due(s, key, after, limit, cb, ud, e);
}

qs_status qs_store_hook_del(qs_store *s, const char *key, long long seq, qs_error *e)
{
	return s->ops->hook_del(s, key, seq, e);
}

qs_status qs_store_hook_fail(qs_store *s, const char *key, long long seq, bool final, const char *message, qs_error *e)
{
	return s->ops->hook_fail(s, key, seq, final, message, e);
}

qs_status qs_store_hook_count(qs_store *s, const char *key, long *pending, long *errors, qs_error *e)
{
	return s->ops->hook_count(s, key, pending, errors, e);
}

qs_status qs_store_meta_get(qs_store *s, const char *key, const char *name, char **value, double *at, qs_error *e)
{
	return s->ops->meta_get(s, key, name, value, at, e);
}

qs_status qs_store_meta_put(qs_store *s, const char *key, const char *name, const char *value, double at, qs_error *e)
{
	return s->ops->meta_put(s, key, name, value, at, e);
}

qs_status qs_store_event_put(qs_store *s, const char *key, const qs_qbo_event *ev, const char *dedupe, bool *inserted, qs_error *e)
{
	return s->ops->event_put(s, key, ev, dedupe, inserted, e);
}

qs_status qs_store_event_list(qs_store *s, const char *key, long long since_id, long limit, const char *entity, bool pending_only, qs_event_cb cb, void *ud, qs_error *e)
{
	return s->ops->event_list(s, key, since_id, limit, entity, pending_only, cb, ud, e);
}

qs_status qs_store_event_done(qs_store *s, const char *key, const qs_qbo_event *ev, qs_error *e)
{
	return s->ops->event_done(s, key, ev, e);
}

qs_status qs_store_worker_get(qs_store *s, const char *key, qs_worker_row *out, qs_error *e)
{
	return s->ops->worker_get(s, key, out, e);
}

qs_status qs_store_worker_put(qs_store *s, const char *key, const qs_worker_row *w, qs_error *e)
{
	return s->ops->worker_put(s, key, w, e);
}

qs_status qs_store_worker_del(qs_store *s, const char *key, const char *owner, bool *removed, qs_error *e)
{
	return s->ops->worker_del(s, key, owner, removed, e);
}

qs_status qs_store_history_get(qs_store *s, const char *key, qs_history_row *out, qs_error *e)
{
	return s->ops->history_get(s, key, out, e);
}

qs_status qs_store_history_put(qs_store *s, const char *key, const qs_history_row *h, qs_error *e)
{
	return s->ops->history_put(s, key, h, e);
}

qs_status qs_store_rate_take(qs_store *s, const char *key, double now, double until, double window, long per_window, long batch_per_window, bool batch, double *wait, qs_error *e)
{
	return s->ops->rate_take(s, key, now, until, window, per_window, batch_per_window, batch, wait, e);
}

qs_status qs_store_rate_done(qs_store *s, const char *key, double taken, double now, qs_error *e)
{
	return s->ops->rate_done(s, key, taken, now, e);
}

qs_status qs_store_flight_take(qs_store *s, const char *key, const char *owner, double now, double until, long cap, long *slot, qs_error *e)
{
	return s->ops->flight_take(s, key, owner, now, until, cap, slot, e);
}

qs_status qs_store_flight_release(qs_store *s, const char *key, const char *owner, long slot, qs_error *e)
{
	return s->ops->flight_release(s, key, owner, slot, e);
}
