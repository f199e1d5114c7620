/* qs_engine_credit: applying credit in QBO once a record is there (MONEY.md §2):
 * a credit note's applies_to, and an invoice's credit_applied (taken from the
 * customer's open credit memos in QBO, oldest first), each become one Payment of
 * TotalAmt 0 whose lines link the CreditMemo and the Invoice with the same
 * amount, so the invoice's QBO balance falls by exactly that amount. Idempotent:
 * the Payment's requestid comes from realm, kind, id and version, and a credit
 * memo QBO already shows applied is not applied again. */
#include "qs_engine_int.h"
#include "qs_verify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static int doc_decimals(qs_engine *eng, json_object *norm)
{
	const char *c = qse_jstr(norm, "currency");
	return qs_currency_decimals(c ? c : (eng->home_currency[0] ? eng->home_currency : "USD"));
}

/* Sends the zero Payment; a QBO refusal is kept in note (the record is in QBO
 * already: the read-back then reports the difference with this reason). */
static qs_status send_application(qs_engine *eng, const qs_entity *en, json_object *norm, const char *cust,
	json_object *lines, char note[512], qs_error *e)
{
	json_object *body = json_object_new_object(), *out = NULL;
	char rid[64], ver[24], marker[128];
	qs_status r;

	snprintf(ver, sizeof(ver), "%lld", en->version);
	snprintf(marker, sizeof(marker), "qbosync:%s:%s credit applied", en->kind, en->id);
	json_object_object_add(body, "CustomerRef", qse_ref(cust));
	json_object_object_add(body, "TotalAmt", qse_money_json(0, doc_decimals(eng, norm)));
	if (qse_jstr(norm, "date")) {
		json_object_object_add(body, "TxnDate", json_object_new_string(qse_jstr(norm, "date")));
	}
	json_object_object_add(body, "PrivateNote", json_object_new_string(marker));
	json_object_object_add(body, "Line", json_object_get(lines));
	qse_make_rid(rid, eng->realm, en->kind, en->id, "credit-apply", ver, NULL);
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

/* A credit note: its applies_to, once, after the CreditMemo exists. */
static qs_status apply_credit_note(qs_engine *eng, const qs_entity *en, json_object *norm, void *ud,
	char note[512], qs_error *e)
{
	json_object *apps = qse_jget(norm, "applies_to"), *memo = NULL, *lines;
	size_t i, n = apps ? json_object_array_length(apps) : 0;
	int dec = doc_decimals(eng, norm);
	const char *cust;
	qs_status r;

	if (n == 0) {
		return QS_OK;
	}
	r = qse_api(eng, OP_READ, "CreditMemo", NULL, en->qbo_id, NULL, NULL, NULL, &memo, e);
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
		r = qse_resolve(ud, "invoice", qse_jstr(a, "invoice"), inv, e);
		if (r != QS_OK || !inv[0]) {
			json_object_put(lines);
			json_object_put(memo);
			return r != QS_OK ? r : qs_error_set(e, QS_EWAITING, "Waiting on invoice %s", qse_jstr(a, "invoice"));
		}
		add_link(lines, amt, dec, inv, "Invoice");
		add_link(lines, amt, dec, en->qbo_id, "CreditMemo");
	}
	r = send_application(eng, en, norm, cust, lines, note, e);
	json_object_put(lines);
	json_object_put(memo);
	return r;
}

/* An invoice's credit_applied: taken from the customer's open credit memos. */
static qs_status apply_invoice_credit(qs_engine *eng, const qs_entity *en, json_object *norm,
	char note[512], qs_error *e)
{
	json_object *credit = qse_jget(norm, "credit_applied"), *inv = NULL, *memos = NULL, *lines = NULL;
	qs_money want = credit ? json_object_get_int64(credit) : 0, total, bal, need, got = 0;
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
	/* what QBO has applied to it so far counts first (an earlier delivery's credit) */
	need = bal - (total - want);
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
		if (mb > need - got) {
			mb = need - got;
		}
		add_link(lines, mb, dec, mid, "CreditMemo");
		got += mb;
	}
	if (got > 0) {
		add_link(lines, got, dec, en->qbo_id, "Invoice");
		r = send_application(eng, en, norm, cust, lines, note, e);
	}
	if (r == QS_OK && got < need && !note[0]) {
		qs_money_format(got, dec, a, sizeof(a));
		qs_money_format(need, dec, b, sizeof(b));
		snprintf(note, 512, "the customer has %s of open credit in QuickBooks for the %s applied", a, b);
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
	if (!strcmp(en->kind, "credit")) {
		return apply_credit_note(eng, en, norm, resolve_ud, note, e);
	}
	if (!strcmp(en->kind, "invoice")) {
		const char *status = qse_jstr(norm, "status");
		if (status && !strcmp(status, "cancelled")) {
			return QS_OK;
		}
		return apply_invoice_credit(eng, en, norm, note, e);
	}
	return QS_OK;
}
