/* qs_engine_round: the records of a round of delivery waves (qs_engine_wave)
 * as their outcomes are applied, and what the deliverer asks of them while
 * it records one (qse_round_landed_on, qs_engine_int.h). */
#ifndef QS_ENGINE_ROUND_H
#define QS_ENGINE_ROUND_H

#include "qs_engine_int.h"

/* One record of a wave: what was claimed, sent and answered. */
typedef struct wave_rec {
	qs_entity en;
	deliver_ctx ctx;
	json_object *norm, *body;
	json_object *answer;      /* QBO's answer to its batched write (the record as saved) */
	const char *entity;
	const char *op;
	qs_status dr;
	qs_error de;
	long long dv;             /* the version being delivered */
	bool claimed, settled, single, update;
	bool in_qbo;              /* QBO held the record when it was claimed (it had a QBO Id) */
	bool refused;             /* its request was refused with a 429 or never started: no attempt */
	unsigned order;           /* when its write went: 0 with the round's /batch requests (sent together),
	                             then 1, 2, ... on the one-record path, one after another */
	qs_entity *claimed_row;   /* its rows as the claim left them (malloc'd, NULL: none): the apply's
	                             current row while the store's mark says nothing wrote them since */
} wave_rec;

/* The round whose outcomes are being applied (eng->round): all its waves' records. */
struct qse_round {
	wave_rec *w;
	size_t n;
};

#endif
