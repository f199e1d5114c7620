/* qs_engine_fee: a payment's gateway fee in QBO (MONEY.md §3.2): once the payment
 * is in Undeposited Funds, one Deposit moves it to the payout bank account with
 * a negative line for the fee to the fee expense account, so the bank receives
 * amount - fee and the fee is an expense. Accounts: purpose "fee" (required for
 * a fee to be recorded) and "payout" (else the first active Bank account), each
 * by the payment's method or "*". After every create/update of the payment the
 * Deposit already in QBO (its marker and its link to the payment, among the
 * Deposits of that date) is the fee's record; else one is made, its requestid
 * one per QBO Payment, so a lost answer is replayed rather than made twice, and
 * a payment deleted and created again (a new QBO Payment) gets a Deposit of its own. */
#include "qs_engine_int.h"
#include "qs_verify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The account mapped for purpose (by method, else "*"); "" when none. */
static qs_status account_for(qs_engine *eng, const char *method, const char *purpose, char out[32], qs_error *e)
{
	qs_mapping m;
	bool found = false;
	qs_status r = QS_OK;
	out[0] = '\0';
	if (method) {
		r = qs_store_map_get(eng->store, eng->conn_key, "account", method, purpose, &m, &found, e);
	}
	if (r == QS_OK && !found) {
		r = qs_store_map_get(eng->store, eng->conn_key, "account", "*", purpose, &m, &found, e);
	}
	if (r == QS_OK && found) {
		qs_strlcpy(out, m.qbo_id, 32);
	}
	return r;
}

/* Does txn (a QBO object) carry a LinkedTxn to (type, id) in any line? */
static bool links_to(json_object *txn, const char *type, const char *id)
{
	json_object *lines = qse_jget(txn, "Line");
	size_t i, n = lines && json_object_is_type(lines, json_type_array) ? json_object_array_length(lines) : 0;
	for (i = 0; i < n; i++) {
		json_object *lt = qse_jget(json_object_array_get_idx(lines, i), "LinkedTxn");
		size_t j, m = lt && json_object_is_type(lt, json_type_array) ? json_object_array_length(lt) : 0;
		for (j = 0; j < m; j++) {
			json_object *t = json_object_array_get_idx(lt, j);
			const char *tid = qse_jstr(t, "TxnId"), *tt = qse_jstr(t, "TxnType");
			if (tid && tt && !strcmp(tid, id) && !strcmp(tt, type)) {
				return true;
			}
		}
	}
	return false;
}

qs_status qse_find_fee_deposit(qs_engine *eng, const qs_entity *en, json_object *norm, json_object **dep, qs_error *e)
{
	json_object *rows = NULL;
	const char *date = qse_jstr(norm, "date");
	char marker[96];
	size_t i, n;
	qs_status r;
	*dep = NULL;
	if (!date || !en->qbo_id[0]) {
		return QS_OK;
	}
	r = qse_find_by(eng, "Deposit", "TxnDate", date, false, &rows, e);
	if (r != QS_OK) {
		json_object_put(rows);
		return r;
	}
	snprintf(marker, sizeof(marker), "qbosync:payment:%.64s ", en->id);
	n = rows && json_object_is_type(rows, json_type_array) ? json_object_array_length(rows) : 0;
	for (i = 0; i < n && !*dep; i++) {
		json_object *d = json_object_array_get_idx(rows, i);
		const char *note = qse_jstr(d, "PrivateNote");
		if (qse_jstr(d, "Id") && note && !strncmp(note, marker, strlen(marker)) && links_to(d, "Payment", en->qbo_id)) {
			*dep = json_object_get(d);
		}
	}
	json_object_put(rows);
	return QS_OK;
}

qs_status qse_record_fee(qs_engine *eng, const qs_entity *en, json_object *norm, const char *op,
	char note[512], qs_error *e)
{
	json_object *feev = qse_jget(norm, "fee"), *pay = NULL, *rows = NULL, *body, *lines, *l, *d, *links, *lt, *out = NULL;
	const char *method = qse_jstr(norm, "method"), *cur = qse_jstr(norm, "currency");
	qs_money fee = feev ? json_object_get_int64(feev) : 0, total = 0;
	int dec = qs_currency_decimals(cur ? cur : (eng->home_currency[0] ? eng->home_currency : "USD"));
	char fee_acct[32], bank[32], rid[64], f[40], desc[160];
	qs_status r;

	note[0] = '\0';
	if (en->kind_id != QS_KIND_PAYMENT || fee <= 0 || !en->qbo_id[0]) {
		return QS_OK;
	}
	qs_money_format(fee, dec, f, sizeof(f));
	if ((r = account_for(eng, method, "fee", fee_acct, e)) != QS_OK || (r = account_for(eng, method, "payout", bank, e)) != QS_OK) {
		return r;
	}
	if (!fee_acct[0]) {
		snprintf(note, 512, "the gateway fee of %s is not recorded: map an expense account for fees with "
			"qbo_map($conn, 'account', '*', '<QBO Account Id>', ['purpose' => 'fee']), then send the payment again with qbo_resend()", f);
		return QS_OK;
	}
	if (!bank[0]) {
		r = qse_find_by(eng, "Account", "AccountType", "Bank", false, &rows, e);
		if (r != QS_OK) {
			json_object_put(rows);
			return r;
		}
		qs_strlcpy(bank, qse_jstr(qse_first_row(rows), "Id") ? qse_jstr(qse_first_row(rows), "Id") : "", sizeof(bank));
		json_object_put(rows);
		if (!bank[0]) {
			snprintf(note, 512, "the gateway fee of %s is not recorded: QuickBooks has no Bank account for the payout; map one with "
				"qbo_map($conn, 'account', '*', '<QBO Account Id>', ['purpose' => 'payout'])", f);
			return QS_OK;
		}
	}
	r = qse_api(eng, OP_READ, "Payment", NULL, en->qbo_id, NULL, NULL, NULL, &pay, e);
	if (r != QS_OK) {
		json_object_put(pay);
		return r;
	}
	qs_verify_amount(qse_jget(pay, "TotalAmt"), dec, &total);
	json_object_put(pay);
	/* one there already (an earlier delivery of this QBO Payment; a store from
	 * before the requestid named it): it is the fee's record, not made twice */
	r = op && !strcmp(op, "created") ? QS_OK   /* a Payment just made has no Deposit yet */
		: qse_find_fee_deposit(eng, en, norm, &out, e);
	if (r != QS_OK || out) {
		if (r == QS_OK) {
			qs_money dt = 0;
			qs_verify_amount(qse_jget(out, "TotalAmt"), dec, &dt);
			if (dt != total - fee) {
				char a[40], b[40];
				qs_money_format(dt, dec, a, sizeof(a));
				qs_money_format(total - fee, dec, b, sizeof(b));
				snprintf(note, 512, "QuickBooks' deposit of the payment less its fee is %s, the billing figure %s", a, b);
			}
		}
		json_object_put(out);
		return r;
	}

	body = json_object_new_object();
	lines = json_object_new_array();
	l = json_object_new_object();
	links = json_object_new_array();
	lt = json_object_new_object();
	json_object_object_add(l, "Amount", qse_money_json(total, dec));
	json_object_object_add(lt, "TxnId", json_object_new_string(en->qbo_id));
	json_object_object_add(lt, "TxnType", json_object_new_string("Payment"));
	json_object_object_add(lt, "TxnLineId", json_object_new_string("0"));
	json_object_array_add(links, lt);
	json_object_object_add(l, "LinkedTxn", links);
	json_object_array_add(lines, l);
	l = json_object_new_object();
	d = json_object_new_object();
	json_object_object_add(l, "Amount", qse_money_json(-fee, dec));
	json_object_object_add(l, "DetailType", json_object_new_string("DepositLineDetail"));
	snprintf(desc, sizeof(desc), "Gateway fee (%.60s) of payment %.64s", method ? method : "", en->id);
	json_object_object_add(l, "Description", json_object_new_string(desc));
	json_object_object_add(d, "AccountRef", qse_ref(fee_acct));
	json_object_object_add(l, "DepositLineDetail", d);
	json_object_array_add(lines, l);
	json_object_object_add(body, "DepositToAccountRef", qse_ref(bank));
	if (qse_jstr(norm, "date")) {
		json_object_object_add(body, "TxnDate", json_object_new_string(qse_jstr(norm, "date")));
	}
	snprintf(desc, sizeof(desc), "qbosync:payment:%.64s payout less fee", en->id);
	json_object_object_add(body, "PrivateNote", json_object_new_string(desc));
	json_object_object_add(body, "Line", lines);
	/* one Deposit per QBO Payment: a payment deleted and made again gets its own */
	qse_make_rid(rid, eng->realm, "payment", en->id, "fee", en->qbo_id, NULL);
	r = qse_api(eng, OP_CREATE, "Deposit", body, NULL, NULL, rid, NULL, &out, e);
	json_object_put(body);
	if (r == QS_OK) {
		qs_money dt = 0;
		qs_verify_amount(qse_jget(out, "TotalAmt"), dec, &dt);
		if (dt != total - fee) {
			char a[40], b[40];
			qs_money_format(dt, dec, a, sizeof(a));
			qs_money_format(total - fee, dec, b, sizeof(b));
			snprintf(note, 512, "QuickBooks' deposit of the payment less its fee is %s, the billing figure %s", a, b);
		} else {
			qse_log_msg(eng, "info", "payment", en->id, "Recorded the gateway fee %s: QBO Deposit %s of %s less the fee",
				f, qse_jstr(out, "Id") ? qse_jstr(out, "Id") : "?", en->qbo_id);
		}
	} else if (r == QS_EAPI) {
		snprintf(note, 512, "the gateway fee of %s is not recorded: QuickBooks refused the deposit: %.300s", f, e->message);
		qs_error_clear(e);
		r = QS_OK;
	}
	json_object_put(out);
	return r;
}
