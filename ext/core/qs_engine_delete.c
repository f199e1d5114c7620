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
 * which keeps its number), customers and items cannot be deleted in QBO.
 * This file records deletions (and finds the payments the billing system no
 * longer lists); qs_engine_delete_qbo.c delivers them. */
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
