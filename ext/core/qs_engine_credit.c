/* qs_engine_credit: applying credit in QBO once a record is there (MONEY.md §2):
 * a credit note's applies_to, and an invoice's credit_applied (taken from the
 * customer's open credit memos in QBO, oldest first), each become one Payment of
 * TotalAmt 0 whose lines link the CreditMemo and the Invoice with the same
 * amount, so the invoice's QBO balance falls by exactly that amount. What the
 * credit memos do not cover is drawn from the customer's unapplied Payments
 * (account credit: Add Funds, overpayments), oldest first: each such Payment is
 * updated (sparse, with its SyncToken) with one more line linking the Invoice.
 * A write-off (kind writeoff) is applied like a credit note of one application:
 * its whole amount to the invoice it writes off.
 * Idempotent: each write's requestid comes from realm, kind, id and version (and
 * the Payment drawn on); a credit memo QBO already shows applied is not applied
 * again, a Payment that already links the invoice is not drawn on again, and the
 * amount still to apply is what the invoice's QBO balance shows unapplied.
 * A payment drawn on this way holds lines its own document does not name:
 * they are the invoices' credit applied (qse_credit_drawn, for the payment's
 * verification) and an update of the payment keeps them (qse_keep_credit_lines). */
#include "qs_engine_int.h"
#include "qs_verify.h"
#include "qs_crypto.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef _WIN32
# define gmtime_r(t, tm) gmtime_s((tm), (t))
#endif

/* {"Amount": a, "LinkedTxn": [{"TxnId": id, "TxnType": type}]} appended to lines. */
static void add_link(json_object *lines, qs_money a, int decimals, const char *id, const char *type)
{
	json_object *l = json_object_new_object(), *links = json_object_new_array(), *lt = json_object_new_object();
	json_object_object_add(l, "Amount", qse_money_json(a, decimals));
	json_object_object_add(lt, "TxnId", json_object_new_string(id));
	json_object_object_add(lt, "TxnType", json_object_new_string(type));
	json_object_array_add(links, lt);
	json_object_object_add(l, "LinkedTxn", links);
	json_object_array_add(lines, l);
}

/* The requestid of an application: the record, its version and what the
 * application applies (its lines). An application drawn again for the same
 * version (after the record waited for more credit, or was looked at again)
 * applies other money, which QBO must not answer with the earlier one's
 * replay; the retry of one whose answer was lost reads QBO's balance again
 * first, so it sends the same lines (and the same requestid) only when that
 * one did not land. */
static void application_rid(char rid[64], qs_engine *eng, const qs_entity *en, const char *what, const char *extra,
	json_object *lines)
{
	char ver[24], digest[65];
	const char *t = json_object_to_json_string_ext(lines, JSON_C_TO_STRING_PLAIN);
	snprintf(ver, sizeof(ver), "%lld", en->version);
	qs_sha256_hex(t ? t : "", t ? strlen(t) : 0, digest);
	qse_make_rid(rid, eng->realm, en->kind, en->id, what, ver, extra ? extra : "", digest, NULL);
}

static int doc_decimals(qs_engine *eng, json_object *norm)
{
	const char *c = qse_jstr(norm, "currency");
	return qs_currency_decimals(c ? c : (eng->home_currency[0] ? eng->home_currency : "USD"));
}

/* Sends the zero Payment; a QBO refusal is kept in note (the record is in QBO
 * already: the read-back then reports the difference with this reason). */
static qs_status send_application(qs_engine *eng, const qs_entity *en, json_object *norm, const char *cust,
	json_object *lines, json_object *like, char note[512], qs_error *e)
{
	json_object *body = json_object_new_object(), *out = NULL;
	char rid[64], marker[128];
	qs_status r;

	snprintf(marker, sizeof(marker), "qbosync:%s:%s credit applied", en->kind, en->id);
	json_object_object_add(body, "CustomerRef", qse_ref(cust));
	json_object_object_add(body, "TotalAmt", qse_money_json(0, doc_decimals(eng, norm)));
	if (qse_jstr(norm, "date")) {
		json_object_object_add(body, "TxnDate", json_object_new_string(qse_jstr(norm, "date")));
	}
	json_object_object_add(body, "PrivateNote", json_object_new_string(marker));
	json_object_object_add(body, "Line", json_object_get(lines));
	if (qse_jget(like, "ExchangeRate") && qse_jget(like, "CurrencyRef")) {
		/* a foreign-currency memo/invoice: the application is in its currency, at its rate */
		json_object_object_add(body, "CurrencyRef", json_object_get(qse_jget(like, "CurrencyRef")));
		json_object_object_add(body, "ExchangeRate", json_object_get(qse_jget(like, "ExchangeRate")));
	}
	application_rid(rid, eng, en, "credit-apply", NULL, lines);
	r = qse_api(eng, OP_CREATE, "Payment", body, NULL, NULL, rid, NULL, &out, e);
	json_object_put(body);
	json_object_put(out);
	if (r == QS_EAPI) {
		snprintf(note, 512, "QuickBooks refused to apply the credit: %.400s", e->message);
		qs_error_clear(e);
		qse_log_msg(eng, "warn", en->kind, en->id, "%s", note);
		return QS_OK;
	}
	if (r == QS_OK) {
		qse_log_msg(eng, "info", en->kind, en->id, "Applied credit in QuickBooks (a Payment of 0 linking the credit memo and the invoice)");
	}
	return r;
}

/* A credit note: its applies_to (apps), once, after the CreditMemo exists. */
static qs_status apply_credit_note(qs_engine *eng, const qs_entity *en, json_object *norm, json_object *apps, void *ud,
	char note[512], qs_error *e)
{
	json_object *memo = NULL, *lines;
	deliver_ctx *c = ud;
	size_t i, n = apps ? json_object_array_length(apps) : 0;
	int dec = doc_decimals(eng, norm);
	const char *cust;
	qs_status r;

	if (n == 0) {
		return QS_OK;
	}
	if (c->memo) {
		/* resumed after an invoice it applies to was delivered: the memo read before */
		memo = c->memo;
		c->memo = NULL;
		r = QS_OK;
	} else {
		r = qse_api(eng, OP_READ, "CreditMemo", NULL, en->qbo_id, NULL, NULL, NULL, &memo, e);
	}
	if (r != QS_OK) {
		json_object_put(memo);
		return r;
	}
	cust = qse_jstr(qse_jget(memo, "CustomerRef"), "value");
	if (!cust || (qse_jget(memo, "LinkedTxn") && json_object_array_length(qse_jget(memo, "LinkedTxn")) > 0)) {
		json_object_put(memo);
		return QS_OK;   /* already applied (by us, or by hand): the read-back judges */
	}
	lines = json_object_new_array();
	for (i = 0; i < n; i++) {
		json_object *a = json_object_array_get_idx(apps, i);
		qs_money amt = qse_jget(a, "amount") ? json_object_get_int64(qse_jget(a, "amount")) : 0;
		char inv[32];
		c->dep_first = c->resumable;
		r = qse_resolve(ud, "invoice", qse_jstr(a, "invoice"), inv, e);
		c->dep_first = false;
		if (r != QS_OK && c->dep_kind[0]) {
			/* a queued invoice: qse_deliver_one delivers it, then this resumes with the memo */
			json_object_put(lines);
			c->memo = memo;
			return r;
		}
		if (r != QS_OK || !inv[0]) {
			json_object_put(lines);
			json_object_put(memo);
			return r != QS_OK ? r : qs_error_set(e, QS_EWAITING, "Waiting on invoice %s", qse_jstr(a, "invoice"));
		}
		add_link(lines, amt, dec, inv, "Invoice");
		add_link(lines, amt, dec, en->qbo_id, "CreditMemo");
	}
	r = send_application(eng, en, norm, cust, lines, memo, note, e);
	json_object_put(lines);
	json_object_put(memo);
	return r;
}

/* Oldest first: TxnDate, then the numeric Id. */
static int payment_older(const void *pa, const void *pb)
{
	json_object *a = *(json_object *const *)pa, *b = *(json_object *const *)pb;
	const char *da = qse_jstr(a, "TxnDate"), *db = qse_jstr(b, "TxnDate");
	int c = strcmp(da ? da : "", db ? db : "");
	long long ia, ib;
	if (c) {
		return c;
	}
	ia = qse_jstr(a, "Id") ? atoll(qse_jstr(a, "Id")) : 0;
	ib = qse_jstr(b, "Id") ? atoll(qse_jstr(b, "Id")) : 0;
	return ia < ib ? -1 : ia > ib;
}

static bool links_txn(json_object *pay, const char *type, const char *id)
{
	json_object *lines = qse_jget(pay, "Line");
	size_t i, j, n = lines && json_object_is_type(lines, json_type_array) ? json_object_array_length(lines) : 0;
	for (i = 0; i < n; i++) {
		json_object *links = qse_jget(json_object_array_get_idx(lines, i), "LinkedTxn");
		size_t m = links && json_object_is_type(links, json_type_array) ? json_object_array_length(links) : 0;
		for (j = 0; j < m; j++) {
			json_object *lt = json_object_array_get_idx(links, j);
			const char *tt = qse_jstr(lt, "TxnType"), *tid = qse_jstr(lt, "TxnId");
			if (tt && tid && !strcmp(tt, type) && !strcmp(tid, id)) {
				return true;
			}
		}
	}
	return false;
}

/* Draws up to `need` from the customer's unapplied Payments onto the invoice;
 * *got is what QBO accepted. A refusal is kept in note, like send_application. */
static qs_status apply_from_payments(qs_engine *eng, const qs_entity *en, const char *cust, qs_money need,
	int dec, qs_money *got, char note[512], qs_error *e)
{
	json_object *pays = NULL, **order = NULL;
	size_t i, n, k = 0;
	qs_status r;
	char ver[24];

	*got = 0;
	r = qse_find_by(eng, "Payment", "CustomerRef", cust, false, &pays, e);
	if (r != QS_OK) {
		json_object_put(pays);
		return r == QS_EAPI ? (qs_error_clear(e), QS_OK) : r;
	}
	n = pays ? json_object_array_length(pays) : 0;
	if (n == 0) {
		json_object_put(pays);
		return QS_OK;
	}
	order = calloc(n, sizeof(*order));
	if (!order) {
		json_object_put(pays);
		return qs_error_set(e, QS_EINTERNAL, "Out of memory");
	}
	for (i = 0; i < n; i++) {
		json_object *p = json_object_array_get_idx(pays, i);
		qs_money un;
		if (!qse_jstr(p, "Id") || !qse_jstr(p, "SyncToken")
			|| !qs_verify_amount(qse_jget(p, "UnappliedAmt"), dec, &un) || un <= 0) {
			continue;   /* no credit left */
		}
		order[k++] = p;
	}
	qsort(order, k, sizeof(*order), payment_older);
	snprintf(ver, sizeof(ver), "%lld", en->version);
	for (i = 0; i < k && *got < need && r == QS_OK; i++) {
		json_object *p = order[i], *body = json_object_new_object(), *lines = json_object_new_array(), *old, *out = NULL;
		qs_money un = 0, amt;
		size_t j, m;
		char rid[64];
		bool merged = false;
		qs_verify_amount(qse_jget(p, "UnappliedAmt"), dec, &un);
		amt = un < need - *got ? un : need - *got;
		old = qse_jget(p, "Line");
		m = old && json_object_is_type(old, json_type_array) ? json_object_array_length(old) : 0;
		for (j = 0; j < m; j++) {
			json_object *ol = json_object_array_get_idx(old, j), *nl = json_object_new_object(), *links = qse_jget(ol, "LinkedTxn");
			json_object *lt = links && json_object_is_type(links, json_type_array) && json_object_array_length(links) == 1
				? json_object_array_get_idx(links, 0) : NULL;
			qs_money la;
			/* a line as QBO takes it back: its amount and links; the line already
			 * linking this invoice (credit drawn from this payment before, or
			 * what the payment itself applies to it) takes the new credit too */
			if (!merged && lt && qse_jstr(lt, "TxnType") && !strcmp(qse_jstr(lt, "TxnType"), "Invoice") && qse_jstr(lt, "TxnId")
					&& !strcmp(qse_jstr(lt, "TxnId"), en->qbo_id) && qs_verify_amount(qse_jget(ol, "Amount"), dec, &la)) {
				json_object_object_add(nl, "Amount", qse_money_json(la + amt, dec));
				merged = true;
			} else if (qse_jget(ol, "Amount")) {
				json_object_object_add(nl, "Amount", json_object_get(qse_jget(ol, "Amount")));
			}
			if (links) {
				json_object_object_add(nl, "LinkedTxn", json_object_get(links));
			}
			json_object_array_add(lines, nl);
		}
		if (!merged) {
			add_link(lines, amt, dec, en->qbo_id, "Invoice");
		}
		json_object_object_add(body, "Id", json_object_new_string(qse_jstr(p, "Id")));
		json_object_object_add(body, "SyncToken", json_object_new_string(qse_jstr(p, "SyncToken")));
		json_object_object_add(body, "Line", lines);
		application_rid(rid, eng, en, "credit-apply-payment", qse_jstr(p, "Id"), lines);
		r = qse_api(eng, OP_UPDATE, "Payment", body, NULL, NULL, rid, NULL, &out, e);
		json_object_put(body);
		json_object_put(out);
		if (r == QS_EAPI) {
			snprintf(note, 512, "QuickBooks refused to apply the credit of Payment %.20s: %.380s", qse_jstr(p, "Id"), e->message);
			qs_error_clear(e);
			qse_log_msg(eng, "warn", en->kind, en->id, "%s", note);
			r = QS_OK;
			break;
		}
		if (r == QS_OK) {
			char a[40];
			qs_money_format(amt, dec, a, sizeof(a));
			qse_log_msg(eng, "info", en->kind, en->id, "Applied %s of the customer's unapplied Payment %s in QuickBooks to the invoice", a, qse_jstr(p, "Id"));
			*got += amt;
		}
	}
	free(order);
	json_object_put(pays);
	return r;
}

/* The stored document of local record (kind, local) (*doc NULL when it has
 * none, or it cannot be read). */
static qs_status doc_of(qs_engine *eng, const char *kind, const char *local, json_object **doc, qs_error *e)
{
	qs_entity en;
	qs_status r;
	memset(&en, 0, sizeof(en));
	r = qs_store_entity_get(eng->store, eng->conn_key, kind, local, &en, e);
	*doc = r == QS_OK && en.exists && en.doc ? json_tokener_parse(en.doc) : NULL;
	qs_entity_clear(&en);
	return r;
}

/* The stored document of the local record of kind linked to QBO Id qbo_id
 * (*doc NULL when none is, or it cannot be read). */
static qs_status doc_by_qbo(qs_engine *eng, const char *kind, const char *qbo_id, json_object **doc, qs_error *e)
{
	char local[65];
	bool found = false;
	qs_status r;

	*doc = NULL;
	r = qs_store_entity_by_qbo(eng->store, eng->conn_key, kind, qbo_id, local, &found, e);
	if (r != QS_OK || !found) {
		return r;
	}
	return doc_of(eng, kind, local, doc, e);
}

/* What a payment's document (doc) applies to local invoice inv_id by its
 * applies_to; -1 without a document. */
static qs_money doc_applied_to(json_object *doc, const char *inv_id)
{
	json_object *apps = qse_jget(doc, "applies_to");
	size_t i, n = apps && json_object_is_type(apps, json_type_array) ? json_object_array_length(apps) : 0;
	qs_money amt = 0;
	if (!doc) {
		return -1;
	}
	for (i = 0; i < n; i++) {
		json_object *a = json_object_array_get_idx(apps, i);
		const char *ai = qse_jstr(a, "invoice");
		if (ai && !strcmp(ai, inv_id) && qse_jget(a, "amount")) {
			amt += json_object_get_int64(qse_jget(a, "amount"));
		}
	}
	return amt;
}

/* What a billing payment applies to local invoice inv_id by its own document
 * (its applies_to); -1 when QBO Payment pay_id is none of this store's payments. */
static qs_status doc_applies(qs_engine *eng, const char *pay_id, const char *inv_id, qs_money *amt, qs_error *e)
{
	json_object *doc;
	qs_status r = doc_by_qbo(eng, "payment", pay_id, &doc, e);
	*amt = doc_applied_to(doc, inv_id);
	json_object_put(doc);
	return r;
}

/* doc_applies for QBO Payment p, which may be the store's before the store
 * knows its Id (its create's answer was lost): found by its Id, else by the
 * marker its note carries ("qbosync:payment:<id>"). */
static qs_status payment_applies(qs_engine *eng, json_object *p, const char *inv_id, qs_money *amt, qs_error *e)
{
	char local[65];
	qs_status r = doc_applies(eng, qse_jstr(p, "Id"), inv_id, amt, e);
	if (r == QS_OK && *amt < 0 && qse_marker_local(p, "payment", local)) {
		json_object *doc;
		r = doc_of(eng, "payment", local, &doc, e);
		if (doc) {
			*amt = doc_applied_to(doc, inv_id);
		}
		json_object_put(doc);
	}
	return r;
}

/* The store's write-off whose application QBO Payment p (a Payment of 0) is:
 * one of its lines links a CreditMemo that is a write-off's; *found false when
 * none is. */
static qs_status writeoff_of(qs_engine *eng, json_object *p, qs_entity *wo, bool *found, qs_error *e)
{
	json_object *lines = qse_jget(p, "Line");
	size_t i, j, n = lines && json_object_is_type(lines, json_type_array) ? json_object_array_length(lines) : 0;
	qs_status r = QS_OK;
	*found = false;
	for (i = 0; i < n && r == QS_OK && !*found; i++) {
		json_object *links = qse_jget(json_object_array_get_idx(lines, i), "LinkedTxn");
		size_t m = links && json_object_is_type(links, json_type_array) ? json_object_array_length(links) : 0;
		for (j = 0; j < m && r == QS_OK && !*found; j++) {
			json_object *l = json_object_array_get_idx(links, j);
			const char *tid = qse_jstr(l, "TxnId"), *type = qse_jstr(l, "TxnType");
			char local[65];
			if (tid && type && !strcmp(type, "CreditMemo")) {
				r = qs_store_entity_by_qbo(eng->store, eng->conn_key, "writeoff", tid, local, found, e);
				if (r == QS_OK && *found) {
					r = qs_store_entity_get(eng->store, eng->conn_key, "writeoff", local, wo, e);
				}
			}
		}
	}
	return r;
}

qs_status qse_linked_paid(qs_engine *eng, const char *invoice, json_object *qbo_invoice, qs_money *paid, char pending_kind[16],
	char pending[65], qs_error *e)
{
	json_object *links = qse_jget(qbo_invoice, "LinkedTxn");
	size_t i, n = links && json_object_is_type(links, json_type_array) ? json_object_array_length(links) : 0;
	qs_status r = QS_OK;
	*paid = 0;
	pending[0] = pending_kind[0] = '\0';
	for (i = 0; i < n && r == QS_OK && *paid >= 0; i++) {
		json_object *l = json_object_array_get_idx(links, i);
		const char *tid = qse_jstr(l, "TxnId"), *type = qse_jstr(l, "TxnType");
		char local[65];
		bool found = false;
		qs_entity pe;
		qs_money amt = -1;
		memset(&pe, 0, sizeof(pe));
		if (tid && type && !strcmp(type, "Payment")) {
			r = qs_store_entity_by_qbo(eng->store, eng->conn_key, "payment", tid, local, &found, e);
		}
		if (r == QS_OK && found) {
			r = qs_store_entity_get(eng->store, eng->conn_key, "payment", local, &pe, e);
		} else if (r == QS_OK && tid && type && !strcmp(type, "Payment")) {
			/* none of the store's payments: a Payment of 0 (a credit memo, or
			 * credit drawn, applied) is credit, which the credit applied counts;
			 * any other (one made in QuickBooks) leaves the balance unknown */
			json_object *p = NULL;
			qs_money total;
			r = qse_api(eng, OP_READ, "Payment", NULL, tid, NULL, NULL, NULL, &p, e);
			if (r == QS_OK && qs_verify_amount(qse_jget(p, "TotalAmt"), 2, &total) && total == 0) {
				/* a write-off's application takes off what the write-off
				 * writes off, when QBO holds the write-off at its billing
				 * version; one whose newer version is on its way leaves the
				 * balance to be checked once it is there */
				qs_entity wo;
				bool is_wo = false;
				memset(&wo, 0, sizeof(wo));
				amt = 0;
				r = writeoff_of(eng, p, &wo, &is_wo, e);
				if (r == QS_OK && is_wo && wo.exists) {
					if (wo.state == QS_STATE_SYNCED && wo.version == wo.synced_version && wo.doc) {
						json_object *doc = json_tokener_parse(wo.doc);
						amt = qse_jget(doc, "amount") ? json_object_get_int64(qse_jget(doc, "amount")) : 0;
						json_object_put(doc);
					} else if (wo.q_status != QS_OUTBOX_NONE) {
						amt = -1;
						qs_strlcpy(pending_kind, "writeoff", 16);
						qs_strlcpy(pending, wo.id, 65);
					}
				}
				qs_entity_clear(&wo);
			}
			json_object_put(p);
			r = r == QS_EAPI ? (qs_error_clear(e), QS_OK) : r;
		}
		/* only a payment QBO holds at its billing version (Synced, nothing newer
		 * on its way) says what QBO applies: any other leaves the balance unknown */
		if (r == QS_OK && found && pe.exists && pe.state == QS_STATE_SYNCED && pe.version == pe.synced_version && pe.doc) {
			json_object *doc = json_tokener_parse(pe.doc);
			amt = doc_applied_to(doc, invoice);
			json_object_put(doc);
		} else if (r == QS_OK && found && pe.exists && pe.q_status != QS_OUTBOX_NONE) {
			qs_strlcpy(pending_kind, "payment", 16);
			qs_strlcpy(pending, local, 65);   /* its latest version is on its way */
		}
		qs_entity_clear(&pe);
		*paid = amt < 0 ? -1 : *paid + amt;
	}
	return r;
}

/* The part of the invoice's QBO balance that payments and write-offs (not
 * credit) took off: each of the customer's Payments (TotalAmt > 0) with lines
 * linking the invoice, up to what its billing document applies to it, and each
 * write-off's application (a Payment of 0 linking a write-off's CreditMemo)
 * by what it links to the invoice. Any other Payment of 0 (a credit memo
 * applied) and the lines of credit drawn from a payment's unapplied amount
 * (more than its document applies) are credit; a Payment not of this store
 * (made in QuickBooks) counts as a payment. *paid = -1 when QBO's payments
 * could not be read. */
static qs_status paid_by_payments(qs_engine *eng, const qs_entity *en, const char *cust, int dec, qs_money *paid, qs_error *e)
{
	json_object *pays = NULL;
	size_t i, j, n;
	qs_status r;

	*paid = 0;
	r = qse_find_by(eng, "Payment", "CustomerRef", cust, false, &pays, e);
	if (r != QS_OK) {
		json_object_put(pays);
		*paid = -1;
		return r == QS_EAPI ? (qs_error_clear(e), QS_OK) : r;
	}
	n = pays ? json_object_array_length(pays) : 0;
	for (i = 0; i < n && r == QS_OK; i++) {
		json_object *p = json_object_array_get_idx(pays, i), *lines = qse_jget(p, "Line");
		size_t m = lines && json_object_is_type(lines, json_type_array) ? json_object_array_length(lines) : 0;
		qs_money total = 0, linked = 0, own = -1;
		if (!qse_jstr(p, "Id") || !qs_verify_amount(qse_jget(p, "TotalAmt"), dec, &total) || total < 0) {
			continue;
		}
		for (j = 0; j < m; j++) {
			json_object *l = json_object_array_get_idx(lines, j), *links = qse_jget(l, "LinkedTxn");
			json_object *lt = links && json_object_is_type(links, json_type_array) && json_object_array_length(links) == 1
				? json_object_array_get_idx(links, 0) : NULL;
			const char *tt = qse_jstr(lt, "TxnType"), *tid = qse_jstr(lt, "TxnId");
			qs_money a;
			if (tt && tid && !strcmp(tt, "Invoice") && !strcmp(tid, en->qbo_id) && qs_verify_amount(qse_jget(l, "Amount"), dec, &a)) {
				linked += a;
			}
		}
		if (linked <= 0) {
			continue;
		}
		if (total == 0) {
			/* a write-off's application: the balance it took is not the credit applied */
			qs_entity wo;
			bool is_wo = false;
			memset(&wo, 0, sizeof(wo));
			r = writeoff_of(eng, p, &wo, &is_wo, e);
			qs_entity_clear(&wo);
			if (is_wo) {
				*paid += linked;
			}
			continue;
		}
		r = payment_applies(eng, p, en->id, &own, e);
		*paid += own >= 0 && own < linked ? own : linked;
	}
	json_object_put(pays);
	return r;
}

/* An invoice's credit_applied: taken from the customer's open credit memos,
 * then from its unapplied payments. What they do not cover, while a payment
 * or credit note of the customer's leaving credit is still on its way to QBO
 * (qse_credit_pending_for), waits for it: the invoice is in QBO, its credit
 * is drawn again when that record is delivered (the Waiting record is
 * released then), instead of a Mismatch nothing would send again. */
static qs_status apply_invoice_credit(qs_engine *eng, const qs_entity *en, json_object *norm, void *resolve_ud,
	char note[512], qs_error *e)
{
	json_object *credit = qse_jget(norm, "credit_applied"), *inv = NULL, *memos = NULL, *lines = NULL;
	qs_money want = credit ? json_object_get_int64(credit) : 0, total, bal, need, got = 0, paid = 0;
	int dec = doc_decimals(eng, norm);
	const char *cust;
	size_t i, n;
	qs_status r;
	char a[40], b[40];

	if (want <= 0) {
		return QS_OK;
	}
	r = qse_api(eng, OP_READ, "Invoice", NULL, en->qbo_id, NULL, NULL, NULL, &inv, e);
	if (r != QS_OK) {
		json_object_put(inv);
		return r;
	}
	cust = qse_jstr(qse_jget(inv, "CustomerRef"), "value");
	if (!cust || !qs_verify_amount(qse_jget(inv, "TotalAmt"), dec, &total) || !qs_verify_amount(qse_jget(inv, "Balance"), dec, &bal)) {
		json_object_put(inv);
		return QS_OK;
	}
	/* what QBO has applied to it so far counts first (an earlier delivery's credit);
	 * payments QBO already shows on it took their part of the balance, not credit */
	r = paid_by_payments(eng, en, cust, dec, &paid, e);
	if (r != QS_OK) {
		json_object_put(inv);
		return r;
	}
	need = bal + (paid > 0 ? paid : 0) - (total - want);
	if (need <= 0) {
		json_object_put(inv);
		return QS_OK;
	}
	if (need > want) {
		need = want;
	}
	r = qse_find_by(eng, "CreditMemo", "CustomerRef", cust, false, &memos, e);
	if (r != QS_OK) {
		json_object_put(memos);
		json_object_put(inv);
		return r == QS_EAPI ? (qs_error_clear(e), QS_OK) : r;
	}
	lines = json_object_new_array();
	n = memos ? json_object_array_length(memos) : 0;
	for (i = 0; i < n && got < need; i++) {
		json_object *m = json_object_array_get_idx(memos, i);
		qs_money mb;
		const char *mid = qse_jstr(m, "Id");
		if (!mid || !qs_verify_amount(qse_jget(m, "Balance"), dec, &mb) || mb <= 0) {
			continue;
		}
		if (qse_jstr(m, "PrivateNote") && !strncmp(qse_jstr(m, "PrivateNote"), "qbosync:writeoff:", 17)) {
			continue;   /* a write-off's memo is for its own invoice, never the customer's credit */
		}
		if (mb > need - got) {
			mb = need - got;
		}
		add_link(lines, mb, dec, mid, "CreditMemo");
		got += mb;
	}
	if (got > 0) {
		add_link(lines, got, dec, en->qbo_id, "Invoice");
		r = send_application(eng, en, norm, cust, lines, inv, note, e);
	}
	if (r == QS_OK && got < need && !note[0]) {
		qs_money more = 0;
		r = apply_from_payments(eng, en, cust, need - got, dec, &more, note, e);
		got += more;
	}
	if (r == QS_OK && got < need && !note[0]) {
		deliver_ctx *c = resolve_ud;
		char wk[16], wi[65];
		qs_money_format(got, dec, a, sizeof(a));
		qs_money_format(need, dec, b, sizeof(b));
		if (c && qse_credit_pending_for(eng, qse_jstr(norm, "customer"), wk, wi)) {
			qs_strlcpy(c->wait_kind, wk, sizeof(c->wait_kind));
			qs_strlcpy(c->wait_id, wi, sizeof(c->wait_id));
			r = qs_error_set(e, QS_EWAITING, "Waiting on %s %s, the customer's credit that is not in QuickBooks yet: the customer has %s "
				"of open credit in QuickBooks for the %s applied; the rest is applied once it is there", wk, wi, a, b);
		} else {
			snprintf(note, 512, "the customer has %s of open credit in QuickBooks for the %s applied", a, b);
		}
	}
	json_object_put(lines);
	json_object_put(memos);
	json_object_put(inv);
	return r;
}

qs_status qse_apply_credits(qs_engine *eng, const qs_entity *en, json_object *norm, void *resolve_ud,
	char note[512], qs_error *e)
{
	note[0] = '\0';
	if (!en->qbo_id[0]) {
		return QS_OK;
	}
	if (en->kind_id == QS_KIND_CREDIT) {
		return apply_credit_note(eng, en, norm, qse_jget(norm, "applies_to"), resolve_ud, note, e);
	}
	if (en->kind_id == QS_KIND_WRITEOFF) {
		/* a write-off: its whole amount to the invoice it writes off */
		json_object *apps = json_object_new_array(), *a = json_object_new_object();
		qs_status r;
		json_object_object_add(a, "invoice", json_object_get(qse_jget(norm, "invoice")));
		json_object_object_add(a, "amount", json_object_get(qse_jget(norm, "amount")));
		json_object_array_add(apps, a);
		r = apply_credit_note(eng, en, norm, apps, resolve_ud, note, e);
		json_object_put(apps);
		return r;
	}
	if (en->kind_id == QS_KIND_INVOICE) {
		const char *status = qse_jstr(norm, "status");
		if (status && !strcmp(status, "cancelled")) {
			return QS_OK;
		}
		return apply_invoice_credit(eng, en, norm, resolve_ud, note, e);
	}
	return QS_OK;
}

/* ------------------------------------------------------------------ credit drawn from a payment */

qs_status qse_credit_drawn_one(qs_engine *eng, const char *cust, const char *qbo_invoice, qs_money *allowed, qs_error *e)
{
	json_object *inv = NULL;
	const char *ic;
	qs_status r;
	*allowed = -1;
	if (!cust || !qbo_invoice) {
		return QS_OK;
	}
	r = doc_by_qbo(eng, "invoice", qbo_invoice, &inv, e);
	ic = qse_jstr(inv, "customer");
	if (inv && ic && !strcmp(ic, cust) && qse_jget(inv, "credit_applied")
			&& json_object_get_int64(qse_jget(inv, "credit_applied")) > 0) {
		*allowed = json_object_get_int64(qse_jget(inv, "credit_applied"));
	}
	json_object_put(inv);
	return r;
}

qs_status qse_credit_drawn(qs_engine *eng, const qs_entity *en, json_object *norm, json_object *qbo_pay,
	json_object **drawn, qs_error *e)
{
	json_object *lines = qse_jget(qbo_pay, "Line");
	size_t i, j, n = lines && json_object_is_type(lines, json_type_array) ? json_object_array_length(lines) : 0;
	const char *cust = qse_jstr(norm, "customer");
	qs_status r = QS_OK;

	*drawn = NULL;
	if (en->kind_id != QS_KIND_PAYMENT || !cust) {
		return QS_OK;
	}
	for (i = 0; i < n && r == QS_OK; i++) {
		json_object *links = qse_jget(json_object_array_get_idx(lines, i), "LinkedTxn");
		size_t m = links && json_object_is_type(links, json_type_array) ? json_object_array_length(links) : 0;
		for (j = 0; j < m && r == QS_OK; j++) {
			json_object *lt = json_object_array_get_idx(links, j);
			const char *tid = qse_jstr(lt, "TxnId"), *tt = qse_jstr(lt, "TxnType");
			qs_money allowed = -1;
			if (!tid || !tt || strcmp(tt, "Invoice") != 0 || (*drawn && qse_jget(*drawn, tid))) {
				continue;
			}
			r = qse_credit_drawn_one(eng, cust, tid, &allowed, e);
			if (r == QS_OK && allowed > 0) {
				if (!*drawn) {
					*drawn = json_object_new_object();
				}
				json_object_object_add(*drawn, tid, json_object_new_int64(allowed));
			}
		}
	}
	if (r != QS_OK) {
		json_object_put(*drawn);
		*drawn = NULL;
	}
	return r;
}

qs_status qse_keep_credit_lines(qs_engine *eng, const qs_entity *en, json_object *norm, json_object *body, qs_error *e)
{
	json_object *lines = qse_jget(body, "Line"), *cur = NULL, *drawn = NULL, *old;
	size_t i, n;
	qs_status r;
	if (en->kind_id != QS_KIND_PAYMENT || !en->qbo_id[0] || !lines || !json_object_is_type(lines, json_type_array)) {
		return QS_OK;   /* a sparse update without Line keeps QBO's lines */
	}
	r = qse_api(eng, OP_READ, "Payment", NULL, en->qbo_id, NULL, NULL, NULL, &cur, e);
	if (r == QS_OK) {
		r = qse_credit_drawn(eng, en, norm, cur, &drawn, e);
	}
	old = qse_jget(cur, "Line");
	n = drawn && old && json_object_is_type(old, json_type_array) ? json_object_array_length(old) : 0;
	for (i = 0; i < n; i++) {
		json_object *ol = json_object_array_get_idx(old, i), *lt = qse_jget(ol, "LinkedTxn"), *nl;
		const char *tid = lt && json_object_is_type(lt, json_type_array) && json_object_array_length(lt) == 1
			? qse_jstr(json_object_array_get_idx(lt, 0), "TxnId") : NULL;
		if (!tid || !qse_jget(drawn, tid) || links_txn(body, "Invoice", tid)) {
			continue;
		}
		nl = json_object_new_object();
		json_object_object_add(nl, "Amount", json_object_get(qse_jget(ol, "Amount")));
		json_object_object_add(nl, "LinkedTxn", json_object_get(lt));
		json_object_array_add(lines, nl);
	}
	json_object_put(drawn);
	json_object_put(cur);
	return r;
}

/* ------------------------------------------------------------------ write-offs */

json_object *qse_writeoff_standing(qs_engine *eng, const char *id)
{
	qs_entity en;
	qs_error e2;
	json_object *doc = NULL;
	qs_error_clear(&e2);
	memset(&en, 0, sizeof(en));
	if (id && qs_store_entity_get(eng->store, eng->conn_key, "writeoff", id, &en, &e2) == QS_OK && en.exists && en.doc
			&& en.state != QS_STATE_DELETED) {
		doc = json_tokener_parse(en.doc);
		if (doc && qse_is_deleted(doc)) {
			json_object_put(doc);
			doc = NULL;
		}
	}
	qs_entity_clear(&en);
	return doc;
}

/* Adds date to norm where validation puts it (right after "invoice"), so the
 * document reads the same as one sent with that date (the same hash). */
static void put_date(json_object *norm, const char *date)
{
	json_object *after = json_object_new_object();
	bool seen = false;
	json_object_object_foreach(norm, k, v) {
		if (seen) {
			json_object_object_add(after, k, json_object_get(v));
		}
		seen |= !strcmp(k, "invoice");
	}
	{
		json_object_object_foreach(after, k2, v2) {
			(void)v2;
			json_object_object_del(norm, k2);
		}
	}
	json_object_object_add(norm, "date", json_object_new_string(date));
	{
		json_object_object_foreach(after, k3, v3) {
			json_object_object_add(norm, k3, json_object_get(v3));
		}
	}
	json_object_put(after);
}

void qse_writeoff_date(qs_engine *eng, json_object *norm)
{
	json_object *old;
	char today[11];
	time_t now;
	struct tm tm;
	if (!norm || qse_jget(norm, "date")) {
		return;
	}
	old = qse_writeoff_standing(eng, qse_jstr(norm, "id"));
	if (old && qse_jstr(old, "date")) {
		put_date(norm, qse_jstr(old, "date"));
		json_object_put(old);
		return;
	}
	json_object_put(old);
	now = time(NULL);
	gmtime_r(&now, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	put_date(norm, today);
}
