/* qs_engine_delete: a billing record deleted at its source is deleted in QBO.
 * qbo_delete() records the deletion as a new version of the stored document
 * (the document with "deleted": true, durable like any push); its delivery
 * deletes what qbosync made for the record: a payment's fee Deposit, a credit
 * note's own applications (the Payments of 0 linking it), then the record itself
 * (?operation=delete with its SyncToken); invoices whose credit applied QBO
 * drew from a deleted payment are queued again. Afterwards the record is Deleted and
 * holds no QBO Id, so the same id pushed again is a new version with a new
 * requestid: a fresh create, never the deleted record's answer replayed.
 * Payments, refunds, credit notes and write-offs (whose application is deleted
 * first, so the invoice's QBO balance rises again) only: an invoice is cancelled (voided,
 * which keeps its number), customers and items cannot be deleted in QBO. */
#include "qs_engine_int.h"
#include "qs_kind.h"
#include "qs_verify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool deletable(qs_kind_id kind_id)
{
	return kind_id == QS_KIND_PAYMENT || kind_id == QS_KIND_REFUND || kind_id == QS_KIND_CREDIT || kind_id == QS_KIND_WRITEOFF;
}

qs_status qs_engine_delete(qs_engine *eng, const char *kind, const char *id, json_object **state, qs_error *e)
{
	return qse_delete(eng, kind, id, 0, state, e);
}

qs_status qse_delete(qs_engine *eng, const char *kind, const char *id, int push_flags, json_object **state, qs_error *e)
{
	qs_kind_id kind_id = qs_kind_of(kind);
	qs_entity en;
	json_object *norm;
	qs_status r;
	int flags;

	*state = NULL;
	if (!qs_kind_is_document(kind)) {
		return qs_error_set(e, QS_EVALIDATION, "Unknown kind '%.32s': use payment, refund, credit or writeoff", kind);
	}
	if (kind_id == QS_KIND_INVOICE) {
		return qs_error_set(e, QS_EVALIDATION, "Invoice %s: an invoice is not deleted; push it with status 'cancelled' "
			"(it is voided in QuickBooks, which keeps its number)", id);
	}
	if (!deletable(kind_id)) {
		return qs_error_set(e, QS_EVALIDATION, "%s %s: QuickBooks keeps customers and items (they cannot be deleted, "
			"only made inactive there); nothing was recorded", qse_entity_label(kind), id);
	}
	r = qs_store_entity_get(eng->store, eng->conn_key, kind, id, &en, e);
	if (r != QS_OK) {
		return r;
	}
	if (!en.exists || !en.doc) {
		qs_entity_clear(&en);
		return qs_error_set(e, QS_EVALIDATION, "%s %s was never pushed: there is nothing to delete", qse_entity_label(kind), id);
	}
	norm = json_tokener_parse(en.doc);
	/* deleting again records nothing new (the same document, the same hash),
	 * except after a delete that failed: then it is sent again */
	flags = push_flags | (qse_is_deleted(norm) && en.state != QS_STATE_DELETED ? QS_PUSH_FORCE : 0);
	qs_entity_clear(&en);
	if (!norm || !json_object_is_type(norm, json_type_object)) {
		json_object_put(norm);
		return qs_error_set(e, QS_ESTORE, "%s %s: the stored document cannot be read", qse_entity_label(kind), id);
	}
	json_object_object_add(norm, "deleted", json_object_new_boolean(1));
	r = qse_push_norm(eng, kind, norm, flags, state, e);
	json_object_put(norm);
	return r;
}

/* Deletes one QBO transaction by Id; a stale SyncToken (5010) is re-read and
 * retried once; one QBO no longer has (610) counts as deleted. */
static qs_status delete_qbo(qs_engine *eng, const qs_entity *en, const char *entity, const char *qbo_id,
	const char *token, const char *what, qs_error *e)
{
	char tok[32], rid[64], ver[24];
	int attempt;
	qs_status r = QS_OK;
	snprintf(ver, sizeof(ver), "%lld", en->version);
	qs_strlcpy(tok, token ? token : "", sizeof(tok));
	for (attempt = 0; attempt < 2; attempt++) {
		json_object *out = NULL;
		if (!tok[0] || attempt) {
			json_object *cur = NULL;
			r = qse_api(eng, OP_READ, entity, NULL, qbo_id, NULL, NULL, NULL, &cur, e);
			if (r == QS_EAPI && qs_qbo_fault_of(e->code) == QS_QBO_FAULT_GONE) {
				json_object_put(cur);
				qs_error_clear(e);
				return QS_OK;
			}
			qs_strlcpy(tok, qse_jstr(cur, "SyncToken") ? qse_jstr(cur, "SyncToken") : "", sizeof(tok));
			json_object_put(cur);
			if (r != QS_OK) {
				return r;
			}
		}
		qse_make_rid(rid, eng->realm, en->kind, en->id, "delete", ver, entity, qbo_id, tok, NULL);
		r = qse_api(eng, OP_DELETE, entity, NULL, qbo_id, tok, rid, NULL, &out, e);
		json_object_put(out);
		if (r == QS_OK) {
			qse_log_msg(eng, "info", en->kind, en->id, "Deleted %s in QuickBooks: %s %s", what, entity, qbo_id);
			return QS_OK;
		}
		if (r == QS_EAPI && qs_qbo_fault_of(e->code) == QS_QBO_FAULT_GONE) {
			qs_error_clear(e);
			return QS_OK;
		}
		if (!(r == QS_EAPI && qs_qbo_fault_of(e->code) == QS_QBO_FAULT_STALE)) {
			return r;
		}
	}
	return r;
}

/* A payment's fee Deposit (qs_engine_fee.c) is deleted first. */
static qs_status delete_fee_deposit(qs_engine *eng, const qs_entity *en, json_object *norm, qs_error *e)
{
	json_object *dep = NULL;
	qs_status r = qse_find_fee_deposit(eng, en, norm, &dep, e);
	if (r == QS_OK && dep) {
		r = delete_qbo(eng, en, "Deposit", qse_jstr(dep, "Id"), qse_jstr(dep, "SyncToken"), "the payment's fee deposit", e);
	}
	json_object_put(dep);
	return r;
}

/* A credit note's applications: the Payments of 0 qbosync made for this very
 * credit are deleted; one that applies it and is not its own (an invoice's
 * credit_applied, or made by hand) stops the delete with the reason. */
static qs_status delete_credit_applications(qs_engine *eng, const qs_entity *en, qs_error *e)
{
	json_object *memo = NULL, *links;
	char own[128];
	size_t i, n;
	qs_status r = qse_api(eng, OP_READ, "CreditMemo", NULL, en->qbo_id, NULL, NULL, NULL, &memo, e);
	if (r != QS_OK) {
		json_object_put(memo);
		if (r == QS_EAPI && qs_qbo_fault_of(e->code) == QS_QBO_FAULT_GONE) {
			qs_error_clear(e);
			return QS_OK;   /* already gone: the delete below counts it deleted */
		}
		return r;
	}
	snprintf(own, sizeof(own), "qbosync:%s:%s credit applied", en->kind, en->id);
	links = qse_jget(memo, "LinkedTxn");
	n = links && json_object_is_type(links, json_type_array) ? json_object_array_length(links) : 0;
	for (i = 0; i < n && r == QS_OK; i++) {
		json_object *lt = json_object_array_get_idx(links, i), *pay = NULL;
		const char *pid = qse_jstr(lt, "TxnId"), *type = qse_jstr(lt, "TxnType"), *note;
		if (!pid || !type || strcmp(type, "Payment") != 0) {
			continue;
		}
		r = qse_api(eng, OP_READ, "Payment", NULL, pid, NULL, NULL, NULL, &pay, e);
		if (r == QS_OK) {
			note = qse_jstr(pay, "PrivateNote");
			if (note && !strcmp(note, own)) {
				r = delete_qbo(eng, en, "Payment", pid, qse_jstr(pay, "SyncToken"), "the credit note's application", e);
			} else {
				bool wo = en->kind_id == QS_KIND_WRITEOFF;
				r = qs_error_set(e, QS_ECONFIG, "%s %s: QuickBooks applies CreditMemo %s through Payment %s, which is not "
					"this %s's own application (an invoice's credit applied, or one made in QuickBooks): remove that "
					"application in QuickBooks, then call qbo_delete() for the %s again", wo ? "Write-off" : "Credit note", en->id,
					en->qbo_id, pid, wo ? "write-off" : "credit note", wo ? "write-off" : "credit note");
			}
		}
		json_object_put(pay);
	}
	json_object_put(memo);
	return r;
}

qs_status qse_writeoff_unapply(qs_engine *eng, const qs_entity *en, json_object *norm, qs_error *e)
{
	json_object *memo = NULL;
	const char *c = qse_jstr(norm, "currency");
	qs_money total = 0, want = qse_jget(norm, "amount") ? json_object_get_int64(qse_jget(norm, "amount")) : 0;
	int dec = qs_currency_decimals(c ? c : (eng->home_currency[0] ? eng->home_currency : "USD"));
	qs_status r;
	if (en->kind_id != QS_KIND_WRITEOFF || !en->qbo_id[0]) {
		return QS_OK;
	}
	r = qse_api(eng, OP_READ, "CreditMemo", NULL, en->qbo_id, NULL, NULL, NULL, &memo, e);
	if (r == QS_OK && qs_verify_amount(qse_jget(memo, "TotalAmt"), dec, &total) && total != want) {
		/* another amount (a payment came in while the invoice was written off):
		 * its application goes first, then the memo changes and is applied again */
		r = delete_credit_applications(eng, en, e);
	}
	json_object_put(memo);
	return r;
}

/* The invoices whose credit_applied was drawn from a payment just deleted in
 * QBO lost that credit there: each is queued again as a new version (its
 * credit is taken from what the customer has open, else it is Mismatch), and
 * says why until it is delivered. */
static void requeue_drawn(qs_engine *eng, const qs_entity *pay, json_object *drawn)
{
	json_object_object_foreach(drawn, tid, amount) {
		char local[65];
		bool found = false;
		qs_entity inv;
		json_object *doc, *state = NULL;
		qs_error e2;
		(void)amount;
		qs_error_clear(&e2);
		if (qs_store_entity_by_qbo(eng->store, eng->conn_key, "invoice", tid, local, &found, &e2) != QS_OK || !found) {
			continue;
		}
		memset(&inv, 0, sizeof(inv));
		if (qs_store_entity_get(eng->store, eng->conn_key, "invoice", local, &inv, &e2) != QS_OK || !inv.exists || !inv.doc) {
			qs_entity_clear(&inv);
			continue;
		}
		doc = json_tokener_parse(inv.doc);
		qs_entity_clear(&inv);
		if (doc && qse_record_norm(eng, "invoice", doc, QS_PUSH_FORCE | QS_PUSH_QUEUE_ONLY, NULL, &state, NULL, &e2) == QS_OK
				&& qse_begin_entity(eng, "invoice", local, &inv, &e2) == QS_OK) {
			inv.state = QS_STATE_NOT_TRIED;
			snprintf(inv.reason, sizeof(inv.reason), "Payment %s, whose unapplied credit QuickBooks applied to this invoice, was "
				"deleted: queued to apply the invoice's credit again", pay->id);
			if (qse_save_commit(eng, &inv, &e2) == QS_OK) {
				qse_log_msg(eng, "info", "invoice", local, "%s", inv.reason);
			}
			qs_entity_clear(&inv);
		}
		json_object_put(state);
		json_object_put(doc);
	}
}

qs_status qse_delete_record(qs_engine *eng, qs_entity *en, deliver_ctx *c, json_object *norm, qs_error *e)
{
	json_object *drawn = NULL;
	const char *entity = qse_qbo_entity_of(en->kind);
	qs_status r;

	if (!entity) {
		return qs_error_set(e, QS_EINTERNAL, "%s %s: no QuickBooks entity to delete", qse_entity_label(en->kind), en->id);
	}
	if (!en->qbo_id[0]) {
		/* never confirmed in QBO. A create of this version's own requestid was
		 * never sent; an earlier version's (create_rid kept by an uncertain
		 * attempt) may have been committed: sent again it is answered with
		 * that record (or makes it), which is then deleted. */
		char ver[24], want[64];
		json_object *plain, *body = NULL, *out = NULL;
		const char *ent = NULL;
		snprintf(ver, sizeof(ver), "%lld", en->version);
		qse_make_rid(want, eng->realm, en->kind, en->id, "c", ver, NULL);
		if (!en->create_rid[0] || !strcmp(en->create_rid, want)) {
			return QS_OK;
		}
		plain = json_tokener_parse(en->doc);
		if (!plain) {
			return qs_error_set(e, QS_ESTORE, "%s %s: the stored document cannot be read", qse_entity_label(en->kind), en->id);
		}
		json_object_object_del(plain, "deleted");
		r = qse_map_body(eng, en, c, plain, &ent, &body, e);
		if (r == QS_OK) {
			r = qse_api(eng, OP_CREATE, ent, body, NULL, NULL, en->create_rid, NULL, &out, e);
		}
		if (r == QS_OK && qse_usable_id(out)) {
			qse_take_ids(en, out);
		} else if (r == QS_OK) {
			r = qs_error_set(e, QS_ESERVER, "%s %s: QuickBooks answered without a usable Id; the delete is tried again",
				qse_entity_label(en->kind), en->id);
		}
		json_object_put(out);
		json_object_put(body);
		json_object_put(plain);
		if (r != QS_OK) {
			return r;
		}
	}
	if (en->kind_id == QS_KIND_PAYMENT) {
		json_object *cur = NULL;
		r = qse_api(eng, OP_READ, "Payment", NULL, en->qbo_id, NULL, NULL, NULL, &cur, e);
		if (r == QS_OK) {
			r = qse_credit_drawn(eng, en, norm, cur, &drawn, e);
		} else if (r == QS_EAPI && qs_qbo_fault_of(e->code) == QS_QBO_FAULT_GONE) {
			qs_error_clear(e);
			r = QS_OK;
		}
		json_object_put(cur);
		if (r == QS_OK) {
			r = delete_fee_deposit(eng, en, norm, e);
		}
	} else if (en->kind_id == QS_KIND_CREDIT || en->kind_id == QS_KIND_WRITEOFF) {
		r = delete_credit_applications(eng, en, e);
	} else {
		r = QS_OK;
	}
	if (r == QS_OK) {
		r = delete_qbo(eng, en, entity, en->qbo_id, en->sync_token, "the record", e);
	}
	if (r == QS_OK && drawn) {
		requeue_drawn(eng, en, drawn);
	}
	json_object_put(drawn);
	return r;
}

/* ------------------------------------------------------------------ payments gone from the billing system */

typedef struct gone_scan {
	const char *invoice;
	const char *const *listed;
	size_t n_listed;
	char (*ids)[65];
	char (*cust)[65];
	size_t n, cap, cap_c;
	bool oom;
} gone_scan;

static void gone_cb(void *ud, const qs_entity *en)
{
	gone_scan *g = ud;
	json_object *doc, *apps;
	size_t i;
	bool listed = false;
	if (g->oom || !en->doc || en->state == QS_STATE_DELETED) {
		return;
	}
	for (i = 0; i < g->n_listed && !listed; i++) {
		listed = !strcmp(g->listed[i], en->id);
	}
	if (listed) {
		return;
	}
	{
		/* every invoice event looks: parse only the payments that name this invoice */
		char needle[80];
		snprintf(needle, sizeof(needle), "\"%.64s\"", g->invoice);
		if (strcspn(g->invoice, "\"\\/") == strlen(g->invoice) && !strstr(en->doc, needle)) {
			return;
		}
	}
	doc = json_tokener_parse(en->doc);
	apps = qse_jget(doc, "applies_to");
	/* a payment of this invoice alone (a Mass Pay payment is listed under
	 * the Mass Pay invoice, so it is never judged from another one) */
	if (doc && !qse_is_deleted(doc) && apps && json_object_is_type(apps, json_type_array) && json_object_array_length(apps) == 1
			&& qse_jstr(json_object_array_get_idx(apps, 0), "invoice")
			&& !strcmp(qse_jstr(json_object_array_get_idx(apps, 0), "invoice"), g->invoice)) {
		void *nv = qs_grow(g->ids, &g->cap, g->n, sizeof(*g->ids), 8), *nc;
		if (nv) {
			g->ids = nv;
		}
		nc = nv ? qs_grow(g->cust, &g->cap_c, g->n, sizeof(*g->cust), 8) : NULL;
		if (!nc) {
			g->oom = true;
		} else {
			g->cust = nc;
			qs_strlcpy(g->ids[g->n], en->id, sizeof(g->ids[0]));
			qs_strlcpy(g->cust[g->n], qse_jstr(doc, "customer") ? qse_jstr(doc, "customer") : "", sizeof(g->cust[0]));
			g->n++;
		}
	}
	json_object_put(doc);
}

qs_status qse_delete_missing_payments(qs_engine *eng, const qs_whmcs_io *io, const char *invoice,
	const char *const *listed, size_t n_listed, int push_flags, qs_error *e)
{
	gone_scan g;
	size_t i;
	qs_status r;
	memset(&g, 0, sizeof(g));
	g.invoice = invoice;
	g.listed = listed;
	g.n_listed = n_listed;
	r = qs_store_entity_list(eng->store, eng->conn_key, "payment", NULL, NULL, 0, 0, gone_cb, &g, e);
	if (r == QS_OK && g.oom) {
		r = qs_error_set(e, QS_EINTERNAL, "Out of memory");
	}
	for (i = 0; r == QS_OK && i < g.n; i++) {
		json_object *state = NULL;
		bool listed = false;
		if (io && g.cust[i][0]) {
			/* gone from this invoice; still among the client's transactions
			 * (recorded against another invoice, a Mass Pay): not deleted */
			r = qs_whmcs_txn_listed(io, g.cust[i], g.ids[i], &listed, e);
			if (r != QS_OK || listed) {
				continue;
			}
		}
		qse_log_msg(eng, "info", "payment", g.ids[i], "Payment %s of invoice %s is no longer among the invoice's transactions "
			"in the billing system: deleted there, so it is deleted in QuickBooks", g.ids[i], invoice);
		r = qse_delete(eng, "payment", g.ids[i], push_flags, &state, e);
		json_object_put(state);
		if (r == QS_EAPI || r == QS_EAUTH) {
			qs_error_clear(e);   /* kept with its state (Error), as a push would be */
			r = QS_OK;
		}
	}
	free(g.ids);
	free(g.cust);
	return r;
}
