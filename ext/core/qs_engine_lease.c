/* qs_engine_lease: how long the engine's holds last and their renewal: the
 * outbox claims (the owner written on them, a new generation per top-level
 * delivery, when a claim is stale, renewing the leases between requests) and
 * the longest a slot of the in-flight cap is held. */
#include "qs_engine_int.h"

#include <stdio.h>
#include <string.h>

static double stale_after(qs_engine *eng)
{
	double t;
	if (eng->lease_ms > 0) {
		return (double)eng->lease_ms / 1000.0;
	}
	t = (double)(eng->timeout_ms > eng->inline_timeout_ms ? eng->timeout_ms : eng->inline_timeout_ms) / 1000.0;
	return t * 2 + 30;
}

/* A claim of the current delivery is never stale; a claim an earlier
 * delivery of this process left behind (another generation) goes by its
 * lease, as another process's does. */
bool qse_claim_stale(qs_engine *eng, const char *owner, double claimed, double now)
{
	if (strcmp(owner, qse_claim_owner(eng)) == 0) {
		return false;
	}
	return qse_owner_dead(eng, owner) || claimed < now - stale_after(eng);
}

const char *qse_claim_owner(const qs_engine *eng)
{
	return eng->claim_owner[0] ? eng->claim_owner : eng->owner;
}

void qse_claims_begin(qs_engine *eng)
{
	if (eng->depth > 0 || eng->in_sync) {
		return;
	}
	eng->claim_gen++;
	snprintf(eng->claim_owner, sizeof(eng->claim_owner), "%.86s/%x", eng->owner, eng->claim_gen & 0xffffffu);
	eng->renewed_at = 0;
}

/* The longest interval between two renewals of the claims' leases. */
#define RENEW_EVERY_MAX 5.0

void qse_claims_renew(qs_engine *eng)
{
	double now, every;
	long n = 0;
	qs_error e;
	if (eng->renewed_at <= 0 || !eng->store) {
		return;   /* no claim taken yet */
	}
	now = qs_store_now();
	every = stale_after(eng) / 3.0;
	if (every > RENEW_EVERY_MAX) {
		every = RENEW_EVERY_MAX;
	}
	if (now - eng->renewed_at < every) {
		return;
	}
	eng->renewed_at = now;
	qs_error_clear(&e);
	if (qs_store_claims_renew(eng->store, eng->conn_key, eng->owner, qse_claim_owner(eng), now,
			now + qse_flight_hold(eng), &n, &e) != QS_OK) {
		/* tried again at the next interval; a lease that lapses meanwhile is taken over */
		qse_log_msg(eng, "warn", NULL, NULL, "Renewing the leases of this process's claims failed: %s", e.message);
	}
}

/* Seconds a slot of the in-flight cap is held at most: the longest a request
 * can take (connect + transfer timeouts) and a margin; a killed holder's slot
 * frees then. */
double qse_flight_hold(qs_engine *eng)
{
	long t = eng->timeout_ms > eng->inline_timeout_ms ? eng->timeout_ms : eng->inline_timeout_ms;
	return (double)(t + eng->connect_timeout_ms) / 1000.0 + 5.0;
}
