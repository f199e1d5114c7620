/* qs_pool: several HTTP requests in flight at once over one libcurl multi
 * handle: a fixed number of slots (each a qs_http, so every transfer is set
 * up, TLS-verified and classified exactly as qs_http_request does), one
 * connection cache shared by the slots (keep-alive, connection reuse). */
#ifndef QS_POOL_H
#define QS_POOL_H

#include "qs_http.h"

typedef struct qs_pool qs_pool;

/* max: transfers in flight at most (1..QS_POOL_MAX). */
#define QS_POOL_MAX 16
qs_pool *qs_pool_new(const qs_http_opts *opts, int max, qs_error *e);
void qs_pool_free(qs_pool *p);

/* Sets every slot's exchange log (qs_http_set_log). */
void qs_pool_set_log(qs_pool *p, qs_http_log_fn fn, void *ud);

/* A note (copied) the next qs_pool_add's exchange carries to the log (qs_http_set_note). */
void qs_pool_set_note(qs_pool *p, const char *note);

/* Transfers in flight, and whether another may start now. */
int qs_pool_busy(const qs_pool *p);
bool qs_pool_has_room(const qs_pool *p);

/* Starts a request in a free slot; tag comes back from qs_pool_wait. headers
 * are copied; body must live until the transfer is returned. Refusals (URL
 * policy, a header with a line break, no free slot) return their error and
 * nothing is sent. */
qs_status qs_pool_add(qs_pool *p, void *tag, const char *method, const char *url,
	const char *const *headers, const char *body, size_t body_len, qs_error *e);

/* Runs the transfers until one ends and returns it: *tag, its answer in out
 * (the caller clears it) and *st / te as qs_http_request would give them.
 * timeout_ms >= 0: returns QS_OK with *tag NULL when none ended by then
 * (the transfers progressed meanwhile); -1: waits as long as it takes.
 * QS_EINTERNAL when nothing is in flight. */
qs_status qs_pool_wait(qs_pool *p, long timeout_ms, void **tag, qs_http_resp *out, qs_status *st,
	qs_error *te, qs_error *e);

#endif
