/* qs_engine_round: whether a change of money on an invoice reached QBO in
 * the round of waves being applied (the order of a round's writes). */
#include "qs_engine_round.h"

#include <string.h>

/* Whether a record of the round that moves money on an invoice applies to inv. */
static bool round_applies_to(const wave_rec *y, const char *inv)
{
	const char *invs[QSE_DOC_INVOICES_MAX];
	size_t i, n;
	if (y->en.kind_id != QS_KIND_PAYMENT && y->en.kind_id != QS_KIND_CREDIT && y->en.kind_id != QS_KIND_WRITEOFF) {
		return false;
	}
	n = qse_doc_invoices(y->norm, invs, QSE_DOC_INVOICES_MAX);
	for (i = 0; i < n; i++) {
		if (!strcmp(invs[i], inv)) {
			return true;
		}
	}
	return false;
}

bool qse_round_landed_on(qs_engine *eng, const char *invoice, const char *self_kind, const char *self_id,
	char kind[16], char id[65])
{
	const struct qse_round *rd = eng->round;
	const wave_rec *self = NULL;
	size_t i;
	kind[0] = id[0] = '\0';
	if (!rd || !invoice || !invoice[0]) {
		return false;
	}
	for (i = 0; i < rd->n && !self; i++) {
		if (rd->w[i].claimed && !strcmp(rd->w[i].en.kind, self_kind) && !strcmp(rd->w[i].en.id, self_id)) {
			self = &rd->w[i];
		}
	}
	if (!self) {
		return false;
	}
	for (i = 0; i < rd->n; i++) {
		const wave_rec *y = &rd->w[i];
		/* a change of a record QBO held before the round (a lower amount, a
		 * deletion: what frees an invoice's balance; a create only takes
		 * from it) whose write reached QBO (Synced, Mismatch, Deleted), not
		 * on the one-record path before self's. A record whose create's
		 * answer was lost counts when its deletion or its new version found
		 * it in QBO (its Id settled by its natural key, then deleted or
		 * updated): QBO held the earlier version all along */
		if (y != self && y->claimed && y->settled && y->dr == QS_OK && y->op && strcmp(y->op, "skipped")
				&& (y->in_qbo || ((!strcmp(y->op, "deleted") || !strcmp(y->op, "linked")) && y->en.qbo_id[0]))
				&& y->order >= self->order && round_applies_to(y, invoice)) {
			qs_strlcpy(kind, y->en.kind, 16);
			qs_strlcpy(id, y->en.id, 65);
			return true;
		}
	}
	return false;
}
