/* qs_engine_verify: the engine's side of "Synced is verified": after a record
 * was created, updated or linked in QBO, reads it back and asks qs_verify
 * whether QBO holds the billing document's money (QBO's answer to a batched
 * write is used as it is, without another read). A difference turns the
 * delivery's outcome into Mismatch (with both figures and the cause) instead of
 * Synced. Credit is applied first (qs_engine_credit.c). One call, made where a
 * delivery would become Synced. */
#include "qs_engine_int.h"
#include "qs_verify.h"

#include <stdio.h>
#include <string.h>

/* Kinds whose QBO record carries money (customers only when they name a currency). */
static bool worth_reading(qs_kind_id kind_id, json_object *norm)
{
	if (kind_id == QS_KIND_ITEM) {
		return false;
	}
	if (kind_id == QS_KIND_CUSTOMER) {
		return qse_jstr(norm, "currency") != NULL;
	}
	return true;
}

/* Whether the delivery writes more after the record itself (credit applied to
 * it, a payment's fee): then the record is read back, its answer is stale. */
static bool writes_after(qs_kind_id kind_id, json_object *norm)
{
	json_object *v;
	if (kind_id == QS_KIND_CREDIT) {
		v = qse_jget(norm, "applies_to");
		return v && json_object_is_type(v, json_type_array) && json_object_array_length(v) > 0;
	}
	if (kind_id == QS_KIND_WRITEOFF) {
		return true;   /* applied to its invoice */
	}
	if (kind_id == QS_KIND_INVOICE) {
		v = qse_jget(norm, "credit_applied");
		return v && json_object_get_int64(v) != 0;
	}
	if (kind_id == QS_KIND_PAYMENT) {
		v = qse_jget(norm, "fee");
		return v && json_object_get_int64(v) > 0;
	}
	return false;
}

/* qs_verify's question for a payment's line to an invoice its document does
 * not name: the credit applied drawn from it (qs_engine_credit.c). */
typedef struct drawn_ctx {
	qs_engine *eng;
	const char *cust;
} drawn_ctx;

static qs_status drawn_cb(void *ud, const char *qbo_invoice, qs_money *allowed, qs_error *e)
{
	drawn_ctx *d = ud;
	return qse_credit_drawn_one(d->eng, d->cust, qbo_invoice, allowed, e);
}

/* qs_verify's question for an invoice's balance: what its linked Payments apply by their documents. */
typedef struct paid_ctx {
	qs_engine *eng;
	const char *invoice;
	char pending_kind[16];    /* a linked payment or write-off whose latest version is on its way: */
	char pending[65];         /* the balance waits for it */
} paid_ctx;

static qs_status paid_cb(void *ud, json_object *qbo_invoice, qs_money *paid, qs_error *e)
{
	paid_ctx *p = ud;
	return qse_linked_paid(p->eng, p->invoice, qbo_invoice, paid, p->pending_kind, p->pending, e);
}

static qs_status verify_delivery(qs_engine *eng, const qs_entity *en, json_object *norm_in, void *resolve_ud,
	json_object *answer, const char **op, qs_error *e);

/* The read-back's exchanges name the record in the exchange log. */
qs_status qse_verify_delivery(qs_engine *eng, const qs_entity *en, json_object *norm_in, void *resolve_ud,
	json_object *answer, const char **op, qs_error *e)
{
	const char *pk = eng->xlog_kind, *pi = eng->xlog_id;
	qs_status r;
	eng->xlog_kind = en->kind;
	eng->xlog_id = en->id;
	r = verify_delivery(eng, en, norm_in, resolve_ud, answer, op, e);
	eng->xlog_kind = pk;
	eng->xlog_id = pi;
	return r;
}

static qs_status verify_delivery(qs_engine *eng, const qs_entity *en, json_object *norm_in, void *resolve_ud,
	json_object *answer, const char **op, qs_error *e)
{
	json_object *norm, *cur = NULL;
	const char *entity = qse_qbo_entity_of(en->kind);
	qs_verify_ctx vc;
	drawn_ctx dc;
	paid_ctx pc;
	qs_verdict v;
	qs_status r;
	char note[512], fee_note[512] = "";

	if (strcmp(*op, "created") && strcmp(*op, "updated") && strcmp(*op, "linked")) {
		return QS_OK;   /* voided, skipped: nothing to compare */
	}
	norm = norm_in ? json_object_get(norm_in) : en->doc ? json_tokener_parse(en->doc) : NULL;
	if (!norm) {
		return QS_OK;   /* push_record has already refused an unreadable document */
	}
	if (!entity || !en->qbo_id[0] || !worth_reading(en->kind_id, norm)) {
		json_object_put(norm);
		return QS_OK;
	}
	/* credit to apply first (a credit note's applies_to, an invoice's credit_applied) */
	r = qse_apply_credits(eng, en, norm, resolve_ud, note, e);
	if (r != QS_OK) {
		json_object_put(norm);
		return r;
	}
	if (!strncmp(note, "QuickBooks refused", 18) && resolve_ud
			&& (en->kind_id == QS_KIND_CREDIT || en->kind_id == QS_KIND_WRITEOFF)) {
		/* an application QBO refused (above the open balance) while another
		 * record moving money on that invoice has a change on its way (a
		 * payment's deletion retried): the balance there is about to change,
		 * so the application waits for that record instead of a Mismatch */
		const char *invs[QSE_DOC_INVOICES_MAX];
		size_t i, ni = qse_doc_invoices(norm, invs, QSE_DOC_INVOICES_MAX);
		char mk[16], mi[65];
		for (i = 0; i < ni; i++) {
			if (qse_money_pending_on(eng, invs[i], en->kind, en->id, mk, mi)) {
				deliver_ctx *c = resolve_ud;
				char inv[65];
				qs_strlcpy(inv, invs[i], sizeof(inv));
				qs_strlcpy(c->wait_kind, mk, sizeof(c->wait_kind));
				qs_strlcpy(c->wait_id, mi, sizeof(c->wait_id));
				json_object_put(norm);
				qs_error_clear(e);
				qs_error_record(e, en->kind, en->id);
				return qs_error_set(e, QS_EWAITING, "Waiting on %s %s, whose change to invoice %s is not in QuickBooks yet; until then "
					"QuickBooks refuses this one's application: %.300s", mk, mi, inv, note);
			}
		}
	}
	if (!note[0]) {
		r = qse_record_fee(eng, en, norm, *op, fee_note, e);
		if (r != QS_OK) {
			json_object_put(norm);
			return r;
		}
	}
	if (answer && json_object_is_type(answer, json_type_object) && !writes_after(en->kind_id, norm)) {
		/* QBO's answer to the write is the record as QBO saved it */
		cur = json_object_get(answer);
	} else {
		r = qse_api(eng, OP_READ, entity, NULL, en->qbo_id, NULL, NULL, NULL, &cur, e);
	}
	if (r != QS_OK) {
		/* not verified, so not Synced: the delivery is retried (an update) */
		json_object_put(norm);
		json_object_put(cur);
		return r;
	}
	memset(&vc, 0, sizeof(vc));
	vc.home_currency = eng->home_currency[0] ? eng->home_currency : "USD";
	vc.us_company = qs_qbo_us_tax_model(eng->country);
	vc.resolve = qse_resolve;
	vc.ud = resolve_ud;
	if (en->kind_id == QS_KIND_PAYMENT) {
		dc.eng = eng;
		dc.cust = qse_jstr(norm, "customer");
		vc.credit_drawn = drawn_cb;
		vc.drawn_ud = &dc;
	}
	memset(&pc, 0, sizeof(pc));
	if (en->kind_id == QS_KIND_INVOICE) {
		pc.eng = eng;
		pc.invoice = en->id;
		vc.linked_paid = paid_cb;
		vc.paid_ud = &pc;
	}
	r = qs_verify(en->kind, norm, cur, &vc, &v, e);
	if (r == QS_OK) {
		if (v.match && fee_note[0]) {
			/* the payment's money is right, its fee is not in the books */
			char dec[40], zero[40];
			qs_money fee = qse_jget(norm, "fee") ? json_object_get_int64(qse_jget(norm, "fee")) : 0;
			const char *c = qse_jstr(norm, "currency");
			int d = qs_currency_decimals(c ? c : vc.home_currency);
			qs_money_format(fee, d, dec, sizeof(dec));
			qs_money_format(0, d, zero, sizeof(zero));
			v.match = false;
			qs_strlcpy(v.field, "fee", sizeof(v.field));
			snprintf(v.reason, sizeof(v.reason), "%s %s: QuickBooks fee %s, billing fee %s \xE2\x80\x94 %s",
				qse_entity_label(en->kind), en->id, zero, dec, fee_note);
		}
	}
	json_object_put(norm);
	json_object_put(cur);
	if (r != QS_OK) {
		return r;
	}
	if (v.match && pc.pending[0] && resolve_ud) {
		/* QBO's balance of the invoice is not the billing system's to compare
		 * yet: a payment or write-off linked to it there is on its way with
		 * another version. It is compared (and the credit drawn again) once
		 * that record is delivered, which releases this one. */
		deliver_ctx *c = resolve_ud;
		qs_strlcpy(c->wait_kind, pc.pending_kind, sizeof(c->wait_kind));
		qs_strlcpy(c->wait_id, pc.pending, sizeof(c->wait_id));
		qs_error_clear(e);
		qs_error_record(e, en->kind, en->id);
		return qs_error_set(e, QS_EWAITING, "Waiting on %s %s, whose latest version is not in QuickBooks yet: the "
			"invoice's balance there is checked once it is", pc.pending_kind, pc.pending);
	}
	if (!v.match) {
		*op = "mismatch";
		qs_error_clear(e);
		qs_error_record(e, en->kind, en->id);
		qs_strlcpy(e->element, v.field, sizeof(e->element));
		if (note[0]) {
			qs_error_set(e, QS_OK, "%.900s (%s)", v.reason, note);
		} else {
			qs_error_set(e, QS_OK, "%s", v.reason);
		}
	}
	return QS_OK;
}
