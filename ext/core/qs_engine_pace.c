/* qs_engine_pace: the per-company request limiter of the pipeline. Before a
 * QBO request the engine takes a slot in the store (qs_store_rate_take), so
 * every process using the store together keeps to QBO's requests a minute
 * and batch requests a minute (qs_qbo_rules.h); without a slot it sleeps
 * until one frees (qse_pace_try: no sleep, the caller waits as it can,
 * e.g. driving the transfers already in flight). eng->rate_window is the length of QBO's minute in seconds
 * (60; shorter against a time-scaled sandbox; 0: no pacing). */
#include "qs_engine_int.h"
#include "qs_qbo_rules.h"

#include <time.h>

qs_status qse_pace_try(qs_engine *eng, bool batch, double *wait, qs_error *e)
{
	*wait = 0;
	if (eng->rate_window <= 0) {
		return QS_OK;
	}
	return qs_store_rate_take(eng->store, eng->conn_key, qs_store_now(), eng->rate_window * 61.0 / 60.0,
		QS_QBO_PER_MINUTE, QS_QBO_BATCH_PER_MINUTE, batch, wait, e);
}

qs_status qse_pace(qs_engine *eng, bool batch, qs_error *e)
{
	double waited = 0, limit;
	if (eng->rate_window <= 0) {
		return QS_OK;
	}
	limit = eng->rate_window * 2 + 1;
	for (;;) {
		double wait = 0;
		struct timespec ts;
		/* QBO's windows slide in steps (a partly expired step still counts): one
		 * step of margin, 1/60 of the window */
		qs_status r = qs_store_rate_take(eng->store, eng->conn_key, qs_store_now(), eng->rate_window * 61.0 / 60.0,
			QS_QBO_PER_MINUTE, QS_QBO_BATCH_PER_MINUTE, batch, &wait, e);
		if (r != QS_OK || wait <= 0) {
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
