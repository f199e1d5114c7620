/* qs_engine_pace: the per-company request limiter of the pipeline, and the
 * per-company cap on requests in flight. Before a
 * QBO request the engine takes a slot in the store (qs_store_rate_take), so
 * every process using the store together keeps to QBO's requests a minute
 * and batch requests a minute (qs_qbo_rules.h); without a slot it sleeps
 * until one frees (qse_pace_try: no sleep, the caller waits as it can,
 * e.g. driving the transfers already in flight). QBO counts a request on
 * arrival, which may come well after the slot was taken: the slot is
 * stamped, as it is taken (one statement), at the latest its request can
 * end (its transfer timeouts, qse_flight_hold), so it counts however late
 * the request arrives; when the request has ended its slot is moved to that
 * moment (qse_pace_done). eng->rate_window is the length of QBO's minute in seconds
 * (60; shorter against a time-scaled sandbox; 0: no pacing).
 *   The cap (qse_flight_*): while qbo_sync runs or the pipeline paces, every
 * QBO request holds one of the company's eng->flight_max slots in the store
 * (qs_store_flight_take) from just before it starts until it ends, so that
 * all the processes using the store together never have more than QBO's
 * concurrency limit in flight. */
#include "qs_engine_int.h"
#include "qbo/qs_qbo_rules.h"

#include <time.h>

qs_status qse_pace_try(qs_engine *eng, bool batch, double *wait, double *taken, qs_error *e)
{
	double now = qs_store_now(), until;
	qs_status r;
	*wait = 0;
	*taken = 0;
	qse_claims_renew(eng);   /* between requests: the claims' leases */
	if (eng->rate_window <= 0) {
		return QS_OK;
	}
	until = now + qse_flight_hold(eng);
	r = qs_store_rate_take(eng->store, eng->conn_key, now, until, eng->rate_window * 61.0 / 60.0,
		QS_QBO_PER_MINUTE, QS_QBO_BATCH_PER_MINUTE, batch, wait, e);
	if (r == QS_OK && *wait <= 0) {
		*taken = until;
	}
	return r;
}

void qse_pace_done(qs_engine *eng, double *taken)
{
	qse_claims_renew(eng);   /* between requests: the claims' leases */
	if (*taken > 0) {
		qs_error e;
		qs_error_clear(&e);
		qs_store_rate_done(eng->store, eng->conn_key, *taken, qs_store_now(), &e);
		*taken = 0;
	}
}

qs_status qse_pace(qs_engine *eng, bool batch, double *taken, qs_error *e)
{
	double waited = 0, limit;
	*taken = 0;
	if (eng->rate_window <= 0) {
		return QS_OK;
	}
	limit = eng->rate_window * 2 + 1;
	for (;;) {
		double wait = 0, now = qs_store_now(), until = now + qse_flight_hold(eng);
		struct timespec ts;
		qse_claims_renew(eng);   /* while waiting for a slot too */
		/* QBO's windows slide in steps (a partly expired step still counts): one
		 * step of margin, 1/60 of the window */
		qs_status r = qs_store_rate_take(eng->store, eng->conn_key, now, until, eng->rate_window * 61.0 / 60.0,
			QS_QBO_PER_MINUTE, QS_QBO_BATCH_PER_MINUTE, batch, &wait, e);
		if (r != QS_OK || wait <= 0) {
			if (r == QS_OK) {
				*taken = until;
			}
			return r;
		}
		if (waited > limit) {
			return qs_error_set(e, QS_ETHROTTLE, "The request limiter found no free slot for %.0f s: other processes use this company's QuickBooks limits", waited);
		}
		if (wait > 0.5) {
			wait = 0.5;
		}
		if (wait < 0.001) {
			wait = 0.001;
		}
		ts.tv_sec = (time_t)wait;
		ts.tv_nsec = (long)((wait - (double)ts.tv_sec) * 1e9);
		nanosleep(&ts, NULL);
		waited += wait;
	}
}

qs_status qse_flight_try(qs_engine *eng, long *slot, double *wait, qs_error *e)
{
	double now;
	qs_status r;
	*wait = 0;
	if (*slot >= 0 || eng->flight_max <= 0 || !(eng->in_sync || eng->rate_window > 0)) {
		return QS_OK;   /* held already, or no cap applies */
	}
	now = qs_store_now();
	r = qs_store_flight_take(eng->store, eng->conn_key, eng->owner, now, now + qse_flight_hold(eng),
		eng->flight_max, slot, e);
	if (r == QS_OK && *slot < 0) {
		*wait = 0.005;   /* another process's request ends in its own time: look again soon */
	}
	return r;
}

qs_status qse_flight_take(qs_engine *eng, long *slot, qs_error *e)
{
	double start = qs_store_now(), limit = qse_flight_hold(eng) * 2;
	for (;;) {
		double wait = 0;
		struct timespec ts;
		qs_status r = qse_flight_try(eng, slot, &wait, e);
		if (r != QS_OK || wait <= 0) {
			return r;
		}
		if (qs_store_now() - start > limit) {
			return qs_error_set(e, QS_ETHROTTLE, "No request slot of this company's %ld in flight came free for %.0f s: other processes hold them",
				eng->flight_max, qs_store_now() - start);
		}
		ts.tv_sec = 0;
		ts.tv_nsec = (long)(wait * 1e9);
		nanosleep(&ts, NULL);
	}
}

void qse_flight_release(qs_engine *eng, long *slot)
{
	if (*slot >= 0) {
		qs_error e;
		qs_error_clear(&e);
		qs_store_flight_release(eng->store, eng->conn_key, eng->owner, *slot, &e);
		*slot = -1;
	}
}
