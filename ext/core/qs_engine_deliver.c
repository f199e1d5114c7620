/* qs_engine_deliver: sending one outbox record: the claim (owner + time, in
 * a transaction; dead or stale claims taken over), the queued records its
 * references name (qs_engine_resolve.c) delivered first, in a loop, or
 * Waiting, the natural-key guards (qs_engine_guard.c) that link instead of
 * duplicating, create with the persisted requestid / update with SyncToken
 * (5010 retried) / void, and the outcome with the retry policy. */
#include "qs_engine_int.h"
#include "qs_kind.h"
#include "qbo/qs_qbo_rules.h"
#include "qs_state.h"
#include "qs_verify.h"
#include "qs_json.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>


static bool is_txn(qs_kind_id kind_id)
{
	const qs_kind *k = qs_kind_get(kind_id);
	return k && k->txn;
}

/* Reads en's QBO record again and takes its current Id and SyncToken. */
static qs_status reread_ids(qs_engine *eng, qs_entity *en, const char *entity, qs_error *e)
{
	json_object *cur = NULL;
	qs_status r = qse_api(eng, OP_READ, entity, NULL, en->qbo_id, NULL, NULL, NULL, &cur, e);
	if (r == QS_OK) {
		qse_take_ids(en, cur);
	}
	json_object_put(cur);
	return r;
}

/* Update with the stored SyncToken; a stale one (5010) is re-read and retried once. */
static qs_status update_record(qs_engine *eng, qs_entity *en, const char *entity, json_object *body, qs_error *e)
{
	int attempt;
	char ver[24];
	qs_status r = QS_OK;
	bool reread = !en->sync_token[0], renamed = false, stale_retried = false;
	snprintf(ver, sizeof(ver), "%lld", en->version);
	for (attempt = 0; attempt < 3; attempt++) {
		json_object *out = NULL;
		char rid[64];
		if (reread) {
			r = reread_ids(eng, en, entity, e);
			if (r != QS_OK) {
				return r;
			}
			reread = false;
		}
		json_object_object_add(body, "Id", json_object_new_string(en->qbo_id));
		json_object_object_add(body, "SyncToken", json_object_new_string(en->sync_token));
		qse_make_rid(rid, eng->realm, en->kind, en->id, "u", ver, en->sync_token, renamed ? "renamed" : NULL, NULL);
		r = qse_api(eng, OP_UPDATE, entity, body, NULL, NULL, rid, NULL, &out, e);
		if (r == QS_OK) {
			qse_take_ids(en, out);
			json_object_put(out);
			return QS_OK;
		}
		json_object_put(out);
		if (r == QS_EAPI && qs_qbo_fault_of(e->code) == QS_QBO_FAULT_STALE && !stale_retried) {
			qse_log_msg(eng, "warn", en->kind, en->id, "Stale SyncToken %s on QBO %s %s; re-reading and retrying once",
				en->sync_token, entity, en->qbo_id);
			stale_retried = true;
			reread = true;
			continue;
		}
		if (r == QS_EAPI && qs_qbo_fault_of(e->code) == QS_QBO_FAULT_DUP_NAME && !renamed && qs_kind_guard_of(en->kind_id) == QS_GUARD_NAME_EMAIL
				&& qse_jstr(body, "DisplayName")) {
			/* the name was made unique at create ("Jane Doe (17)"): keep it so */
			char *name = qs_map_unique_name(qse_jstr(body, "DisplayName"), en->id);
			if (!name) {
				return qs_error_set(e, QS_EINTERNAL, "Out of memory");
			}
			json_object_object_add(body, "DisplayName", json_object_new_string(name));
			free(name);
			renamed = true;
			continue;
		}
		return r;
	}
	return r;
}

static qs_status void_record(qs_engine *eng, qs_entity *en, const char *entity, qs_error *e)
{
	int attempt;
	char ver[24];
	qs_status r = QS_OK;
	snprintf(ver, sizeof(ver), "%lld", en->version);
	for (attempt = 0; attempt < 2; attempt++) {
		json_object *out = NULL;
		char rid[64];
		if (!en->sync_token[0] || attempt) {
			r = reread_ids(eng, en, entity, e);
			if (r != QS_OK) {
				return r;
			}
		}
		qse_make_rid(rid, eng->realm, en->kind, en->id, "void", ver, en->sync_token, NULL);
		r = qse_api(eng, OP_VOID, entity, NULL, en->qbo_id, en->sync_token, rid, NULL, &out, e);
		if (r == QS_OK) {
			qse_take_ids(en, out);
			json_object_put(out);
			return QS_OK;
		}
		json_object_put(out);
		if (!(r == QS_EAPI && qs_qbo_fault_of(e->code) == QS_QBO_FAULT_STALE)) {
			return r;
		}
	}
	return r;
}

/* A QBO amount that is zero ("0", 0.0, "0.00"), judged on its text, not as a float. */
bool qse_amount_is_zero(json_object *v)
{
	const char *t;
	if (!v) {
		return false;
	}
	t = json_object_get_string(v);
	if (!t || !*t) {
		return false;
	}
	for (; *t; t++) {
		if (*t != '0' && *t != '.' && *t != '-' && *t != '+') {
			return false;
		}
	}
	return true;
}

/* The write-off (local id into wid) whose application a QBO invoice holds:
 * a linked Payment of 0 marked "qbosync:writeoff:<id> credit applied". */
static qs_status written_off(qs_engine *eng, const char *qbo_invoice, char wid[65], qs_error *e)
{
	json_object *inv = NULL, *links;
	size_t i, n;
	qs_status r = qse_api(eng, OP_READ, "Invoice", NULL, qbo_invoice, NULL, NULL, NULL, &inv, e);
	wid[0] = '\0';
	links = r == QS_OK ? qse_jget(inv, "LinkedTxn") : NULL;
	n = links && json_object_is_type(links, json_type_array) ? json_object_array_length(links) : 0;
	for (i = 0; i < n && r == QS_OK && !wid[0]; i++) {
		json_object *lt = json_object_array_get_idx(links, i), *pay = NULL;
		const char *pid = qse_jstr(lt, "TxnId"), *type = qse_jstr(lt, "TxnType"), *note;
		if (!pid || !type || strcmp(type, "Payment") != 0) {
			continue;
		}
		r = qse_api(eng, OP_READ, "Payment", NULL, pid, NULL, NULL, NULL, &pay, e);
		note = r == QS_OK ? qse_jstr(pay, "PrivateNote") : NULL;
		if (note && !strncmp(note, "qbosync:writeoff:", 17)) {
			size_t k = strcspn(note + 17, " ");
			if (k > 0 && k < 65) {
				memcpy(wid, note + 17, k);
				wid[k] = '\0';
			}
		}
		json_object_put(pay);
	}
	json_object_put(inv);
	return r;
}

/* Double-entry prevention: a payment whose every invoice already shows a zero
 * balance in QBO (paid there by hand, or by another tool) is not recorded again.
 * *paid names the first such invoice. An invoice whose QBO balance is above
 * zero, below its total (something was paid in QBO) and below what the
 * payment applies to it was partly paid in QBO:
 * *partly names it, with its balance and the amount applied (minor units). */
static qs_status invoices_already_paid(qs_engine *eng, json_object *body, int decimals, bool *all_paid, char paid[32],
	char partly[32], qs_money *open_balance, qs_money *applied, qs_error *e)
{
	json_object *lines = qse_jget(body, "Line");
	size_t i, n = lines && json_object_is_type(lines, json_type_array) ? json_object_array_length(lines) : 0;
	size_t linked = 0, zero = 0;
	*all_paid = false;
	paid[0] = partly[0] = '\0';
	*open_balance = *applied = 0;
	for (i = 0; i < n; i++) {
		json_object *txns = qse_jget(json_object_array_get_idx(lines, i), "LinkedTxn");
		size_t j, m = txns && json_object_is_type(txns, json_type_array) ? json_object_array_length(txns) : 0;
		for (j = 0; j < m; j++) {
			json_object *t = json_object_array_get_idx(txns, j), *inv = NULL;
			const char *tid = qse_jstr(t, "TxnId"), *type = qse_jstr(t, "TxnType");
			qs_status r;
			if (!tid || !type || strcmp(type, "Invoice") != 0) {
				continue;
			}
			linked++;
			r = qse_api(eng, OP_READ, "Invoice", NULL, tid, NULL, NULL, NULL, &inv, e);
			if (r != QS_OK) {
				json_object_put(inv);
				return r;
			}
			if (qse_amount_is_zero(qse_jget(inv, "Balance"))) {
				zero++;
				if (!paid[0]) {
					qs_strlcpy(paid, tid, 32);
				}
			} else if (!partly[0]) {
				qs_money bal, amt, tot;
				if (qs_verify_amount(qse_jget(inv, "Balance"), decimals, &bal)
						&& qs_verify_amount(qse_jget(inv, "TotalAmt"), decimals, &tot)
						&& qs_verify_amount(qse_jget(json_object_array_get_idx(lines, i), "Amount"), decimals, &amt)
						&& bal > 0 && bal < tot && bal < amt) {
					qs_strlcpy(partly, tid, 32);
					*open_balance = bal;
					*applied = amt;
				}
			}
			json_object_put(inv);
		}
	}
	*all_paid = linked > 0 && zero == linked;
	return QS_OK;
}

/* Takes an adopted QBO record's Id and SyncToken and brings it to the version
 * being delivered. Our own record made by this version's create (its marker,
 * and the requestid is this version's) holds this version. Otherwise a
 * transaction (it holds money), a customer that is ours and a record an
 * earlier version's unanswered create made (sent: found by the keys it
 * carried) are updated with the current body, never assumed to hold it; an
 * unmarked customer or an item made in QBO by hand is linked as it is. */
static qs_status adopt_record(qs_engine *eng, qs_entity *en, const char *entity, json_object *body,
	json_object *adopt, qbo_owner owner, bool rid_current, bool sent, const char **op, qs_error *e)
{
	if (en->kind_id == QS_KIND_CUSTOMER) {
		qs_status r = qse_currency_adopt(eng, en, body, adopt, e);
		if (r != QS_OK) {
			return r;
		}
	}
	*op = "linked";
	qse_take_ids(en, adopt);
	if (owner == QSE_OWNER_SELF && rid_current) {
		return QS_OK;
	}
	if (sent || is_txn(en->kind_id) || (owner == QSE_OWNER_SELF && qse_marker_field(en->kind_id))) {
		return update_record(eng, en, entity, body, e);
	}
	return QS_OK;
}

/* Sends one claimed record to QBO. On QS_OK en->qbo_id/sync_token are set and
 * *op says what happened ("created", "linked", "updated", "voided", "deleted"). */
static qs_status push_record(qs_engine *eng, qs_entity *en, deliver_ctx *c, const char **op, qs_error *e);

/* The exchanges of a record's delivery name it in the exchange log. */
qs_status qse_push_record(qs_engine *eng, qs_entity *en, deliver_ctx *c, const char **op, qs_error *e)
{
	const char *pk = eng->xlog_kind, *pi = eng->xlog_id;
	qs_status r;
	eng->xlog_kind = en->kind;
	eng->xlog_id = en->id;
	r = push_record(eng, en, c, op, e);
	eng->xlog_kind = pk;
	eng->xlog_id = pi;
	return r;
}

static qs_status push_record(qs_engine *eng, qs_entity *en, deliver_ctx *c, const char **op, qs_error *e)
{
	json_object *norm = NULL, *body = NULL, *adopt = NULL, *out = NULL, *sent = NULL;
	const char *entity = NULL;
	qbo_owner owner = QSE_OWNER_NONE;
	qs_status r;
	const char *status;
	char ver[24], want[64], want_b[64];
	bool rid_current, rid_older;

	/* is the create's requestid this version's (nothing changed since it was
	 * made), or an earlier version's (a create whose answer was lost)? */
	snprintf(ver, sizeof(ver), "%lld", en->version);
	qse_make_rid(want, eng->realm, en->kind, en->id, "c", ver, NULL);
	qse_make_rid(want_b, eng->realm, en->kind, en->id, "cb", ver, NULL);
	rid_current = en->create_rid[0] && !strcmp(want, en->create_rid);
	rid_older = en->create_rid[0] && !rid_current && strcmp(want_b, en->create_rid) != 0;

	*op = "created";
	norm = en->doc ? json_tokener_parse(en->doc) : NULL;
	if (!norm) {
		return qs_error_set(e, QS_ESTORE, "%s %s: the stored document cannot be read; push it again", qse_entity_label(en->kind), en->id);
	}
	r = qse_ensure_token(eng, -1, e);
	if (r != QS_OK) {
		json_object_put(norm);
		return r;
	}
	qse_ensure_company(eng);
	status = qse_jstr(norm, "status");
	if (en->kind_id == QS_KIND_INVOICE && status && !strcmp(status, "cancelled")) {
		/* cancelled: voided in QBO. Cancelled while a create's outcome was
		 * unknown: what that create made is found (or made again), then voided */
		r = qse_settle_lost_create(eng, en, c, NULL, e);
		if (r == QS_OK && en->qbo_id[0]) {
			*op = "voided";
			r = void_record(eng, en, "Invoice", e);
		} else if (r == QS_OK) {
			*op = "skipped";
			qs_error_set(e, QS_OK, "Cancelled before it reached QuickBooks");
		}
		json_object_put(norm);
		return r;
	}
	if (qse_is_deleted(norm)) {
		*op = "deleted";
		r = qse_delete_record(eng, en, c, norm, e);
		json_object_put(norm);
		return r;
	}

	/* an explicit mapping of this very record: update the mapped QBO record */
	if (!en->qbo_id[0]) {
		qs_mapping m;
		bool found = false;
		if (qs_store_map_get(eng->store, eng->conn_key, en->kind, en->id, NULL, &m, &found, e) == QS_OK && found) {
			qs_strlcpy(en->qbo_id, m.qbo_id, sizeof(en->qbo_id));
			en->sync_token[0] = '\0';
			*op = "linked";
			json_object_put(norm);
			return QS_OK;
		}
	}

	r = qse_map_body(eng, en, c, norm, &entity, &body, e);
	if (r != QS_OK) {
		json_object_put(norm);
		json_object_put(body);
		return r;
	}
	if (en->qbo_id[0]) {
		*op = "updated";
		r = qse_keep_credit_lines(eng, en, norm, body, e);
		if (r == QS_OK) {
			r = qse_writeoff_unapply(eng, en, norm, e);
		}
		if (r == QS_EAPI && en->kind_id == QS_KIND_WRITEOFF && qs_qbo_fault_of(e->code) == QS_QBO_FAULT_GONE) {
			/* the invoice is in Collections again, but QBO no longer has the
			 * write-off's CreditMemo (the reversal's deletion took effect though
			 * its answer was lost, or it was deleted there): a new one is made,
			 * under this version's create requestid; a retry's marker guard
			 * finds it if this create's answer is lost too */
			qse_log_msg(eng, "warn", en->kind, en->id, "Write-off %s: QuickBooks no longer has its CreditMemo %s; "
				"a new one is made", en->id, en->qbo_id);
			qs_error_clear(e);
			en->qbo_id[0] = en->sync_token[0] = '\0';
			qs_strlcpy(en->create_rid, want, sizeof(en->create_rid));
			rid_current = true;
			rid_older = false;
			*op = "created";
			r = QS_OK;
		} else {
			if (r == QS_OK) {
				r = update_record(eng, en, entity, body, e);
			}
			goto out;
		}
	}
	/* natural-key guards before a create: first the keys an earlier version's
	 * unanswered create carried (the requestid is that version's), then the
	 * current version's */
	if (qs_kind_guard_of(en->kind_id) == QS_GUARD_NAME_EMAIL) {
		qse_add_customer_marker(body, en->id);
	}
	if (rid_older) {
		r = qse_sent_keys_read(eng, en, &sent, e);
		if (r == QS_OK && sent) {
			r = qse_sent_guard(eng, en, entity, body, qse_jget(sent, "keys"), false, &adopt, &owner, e);
		}
		if (r != QS_OK) {
			goto out;
		}
		if (adopt) {
			r = adopt_record(eng, en, entity, body, adopt, owner, rid_current, true, op, e);
			goto out;
		}
	}
	if (qs_kind_guard_of(en->kind_id) == QS_GUARD_NAME_EMAIL) {
		r = qse_customer_guard(eng, en->id, norm, body, &adopt, &owner, e);
	} else if (qs_kind_guard_of(en->kind_id) == QS_GUARD_NAME) {
		json_object *rows = NULL;
		const char *name = qse_jstr(body, "Name");
		r = name ? qse_find_by(eng, "Item", "Name", name, true, &rows, e) : QS_OK;
		if (r == QS_OK && qse_usable_id(qse_first_row(rows))) {
			adopt = json_object_get(qse_first_row(rows));
		}
		json_object_put(rows);
	} else if (en->attempts > 1 && (qs_kind_guard_of(en->kind_id) == QS_GUARD_DOC_MARKER || qs_kind_guard_of(en->kind_id) == QS_GUARD_DOC_RID)) {
		/* a retry (the claim counts every attempt, crashed ones too): an earlier
		 * attempt may have been committed without a usable answer. A first
		 * attempt relies on QBO's own duplicate check (6140, below) and saves
		 * the lookups. */
		r = qse_txn_guard(eng, en, entity, body, rid_current, &adopt, &owner, e);
	}
	if (r != QS_OK) {
		goto out;
	}
	if (adopt) {
		r = adopt_record(eng, en, entity, body, adopt, owner, rid_current, false, op, e);
		goto out;
	}
	/* only on the first attempt: a retry may meet the balance our own earlier
	 * attempt paid, and must reach the guard or the requestid replay instead */
	if (en->kind_id == QS_KIND_PAYMENT && en->attempts <= 1) {
		bool all_paid = false;
		char paid[32], partly[32];
		qs_money open_balance, applied;
		const char *cur = qse_jstr(norm, "currency");
		int dec = qs_currency_decimals(cur ? cur : (eng->home_currency[0] ? eng->home_currency : "USD"));
		r = invoices_already_paid(eng, body, dec, &all_paid, paid, partly, &open_balance, &applied, e);
		if (r != QS_OK) {
			goto out;
		}
		if (all_paid || partly[0]) {
			/* not paid in QBO: written off there by a write-off of ours */
			char wid[65], local[65], wk[16], wi[65];
			const char *qinv = all_paid ? paid : partly;
			bool found = false;
			if (qs_store_entity_by_qbo(eng->store, eng->conn_key, "invoice", qinv, local, &found, NULL) == QS_OK && found
					&& qse_money_pending_on(eng, local, en->kind, en->id, wk, wi)) {
				/* a record of ours still on its way changes that balance: the verdict waits for it */
				qs_strlcpy(c->wait_kind, wk, sizeof(c->wait_kind));
				qs_strlcpy(c->wait_id, wi, sizeof(c->wait_id));
				r = qs_error_set(e, QS_EWAITING, "Waiting on %s %s, whose change to invoice %s is not in QuickBooks yet "
					"(QuickBooks shows the invoice %s until then)", wk, wi, local, all_paid ? "paid" : "partly paid");
				goto out;
			}
			found = false;
			r = written_off(eng, qinv, wid, e);
			if (r != QS_OK) {
				goto out;
			}
			if (wid[0]) {
				*op = "mismatch";
				if (qs_store_entity_by_qbo(eng->store, eng->conn_key, "invoice", qinv, local, &found, NULL) != QS_OK || !found) {
					snprintf(local, sizeof(local), "(QBO Invoice %s)", qinv);
				}
				qs_error_set(e, QS_OK, "Payment %s: invoice %s is written off in QuickBooks (write-off %s), so this payment was not "
					"recorded: reverse the write-off (qbo_delete($conn, 'writeoff', '%s')) or push it with the balance still written "
					"off, then send this payment again with qbo_resend()", en->id, local, wid, wid);
				goto out;
			}
		}
		if (!all_paid && partly[0]) {
			/* paid in part in QBO (by hand, or another tool): recording this
			 * payment would pay the invoice twice; a warning with both figures */
			char local[65], a[40], b[40];
			bool found = false;
			*op = "mismatch";
			if (qs_store_entity_by_qbo(eng->store, eng->conn_key, "invoice", partly, local, &found, NULL) != QS_OK || !found) {
				snprintf(local, sizeof(local), "(QBO Invoice %s)", partly);
			}
			qs_money_format(open_balance, dec, a, sizeof(a));
			qs_money_format(applied, dec, b, sizeof(b));
			qs_error_set(e, QS_OK, "Payment %s: QuickBooks shows invoice %s with an open balance of %s, the payment applies %s "
				"\xE2\x80\x94 it was partly paid in QuickBooks (by hand or by another tool), so this payment was not recorded: "
				"remove the payment made in QuickBooks, or record it in the billing system, then send this payment again with qbo_resend()",
				en->id, local, a, b);
			goto out;
		}
		if (all_paid) {
			char local[65];
			bool found = false;
			*op = "skipped";
			if (qs_store_entity_by_qbo(eng->store, eng->conn_key, "invoice", paid, local, &found, NULL) != QS_OK || !found) {
				snprintf(local, sizeof(local), "(QBO Invoice %s)", paid);
			}
			qs_error_set(e, QS_OK, "QuickBooks already shows invoice %s paid (balance 0, QBO Invoice %s); this payment was not recorded a second time",
				local, paid);
			goto out;
		}
	}
	r = qse_api(eng, OP_CREATE, entity, body, NULL, NULL, en->create_rid, NULL, &out, e);
	if (r == QS_EAPI && (qs_qbo_fault_of(e->code) == QS_QBO_FAULT_DUP_NAME || qs_qbo_fault_of(e->code) == QS_QBO_FAULT_DUP_NUMBER)) {
		/* someone made it meanwhile (or an earlier attempt of ours did): adopt
		 * what the guards allow, else the fault stands */
		qs_error saved;
		qs_error_copy(&saved, e);
		if (qs_qbo_fault_of(e->code) == QS_QBO_FAULT_DUP_NAME && qs_kind_guard_of(en->kind_id) == QS_GUARD_NAME_EMAIL) {
			r = qse_customer_guard(eng, en->id, norm, body, &adopt, &owner, e);
		} else if (qs_qbo_fault_of(e->code) == QS_QBO_FAULT_DUP_NAME) {
			json_object *rows = NULL;
			r = qse_find_by(eng, entity, "Name", qse_jstr(body, "Name") ? qse_jstr(body, "Name") : "", true, &rows, e);
			if (r == QS_OK && qse_usable_id(qse_first_row(rows))) {
				adopt = json_object_get(qse_first_row(rows));
			}
			json_object_put(rows);
		} else {
			r = qse_docnumber_guard(eng, en, entity, body, &adopt, &owner, e);
		}
		if (r == QS_OK && adopt) {
			r = adopt_record(eng, en, entity, body, adopt, owner, rid_current, false, op, e);
		} else if (r == QS_OK) {
			qs_error_copy(e, &saved);
			r = saved.status;
		}
		goto out;
	}
	if (r == QS_OK && !qse_usable_id(out)) {
		r = qs_error_set(e, QS_ESERVER, "%s %s: QuickBooks answered the create without a usable Id; it may have recorded it, so it is looked up before anything is sent again",
			qse_entity_label(en->kind), en->id);
	} else if (r == QS_OK && rid_older) {
		/* the requestid was an earlier version's: QBO may have answered with
		 * the record that version's create made, holding that version's
		 * content, so this version follows as an update at once (the check
		 * after delivery reads QBO's record again) */
		qse_take_ids(en, out);
		r = update_record(eng, en, entity, body, e);
	} else if (r == QS_OK) {
		qse_take_ids(en, out);
		json_object_put(c->answer);
		c->answer = json_object_get(out);
	}
out:
	if (sent && r == QS_OK) {
		qse_sent_keys_spent(eng, en);
	}
	json_object_put(sent);
	json_object_put(out);
	json_object_put(adopt);
	json_object_put(body);
	json_object_put(norm);
	return r;
}

/* ------------------------------------------------------------------ delivery */

/* Is QBO's 429 pause (saved in the store for every process) still running? */
bool qse_throttled(qs_engine *eng)
{
	qs_conn_row row;
	bool t = false;
	if (qs_store_conn_get(eng->store, eng->conn_key, &row, NULL) == QS_OK) {
		double now = qs_store_now();
		/* a pause further away than the cap was never written by this code
		 * (an older store's uncapped Retry-After): it is ignored */
		t = row.throttled_until > now && row.throttled_until <= now + (double)QS_HTTP_RETRY_AFTER_MAX + 1;
	}
	qs_conn_row_clear(&row);
	return t;
}

/* An Error reason that names the record, says what QuickBooks answered and
 * what to do: "Invoice 5999: QuickBooks refused Invoice: Invalid Reference Id
 * (2500): ...; a record it refers to is inactive ...". Messages the engine
 * wrote itself already name the record and are kept as they are. */
static void fault_reason(const char *kind, const char *id, qs_error *de)
{
	char buf[sizeof(de->message)];
	if (de->status != QS_EAPI || strncmp(de->message, "QuickBooks refused", 18) != 0) {
		return;
	}
	size_t n = strlen(de->message);
	while (n > 0 && (de->message[n - 1] == '.' || de->message[n - 1] == ' ')) {
		n--;   /* QBO's detail often ends with a full stop; ours follows a ';' */
	}
	snprintf(buf, sizeof(buf), "%s %s: %.*s; %s", qse_entity_label(kind), id, (int)(n < 600 ? n : 600), de->message, qs_qbo_fault_hint(de->code));
	qs_strlcpy(de->message, buf, sizeof(de->message));
}

/* The wait before the next attempt: QBO's Retry-After when it gave one (on
 * any attempt, the first included), else at once after a first failure, then
 * 5 s doubling per attempt with +-25 % jitter; never more than
 * QS_HTTP_RETRY_AFTER_MAX (one hour), whatever an answer said. */
static double backoff(long attempts, const qs_error *e)
{
	double base, jitter, d;
	unsigned char rb[2] = {0, 0};
	long ra = e->retry_after > QS_HTTP_RETRY_AFTER_MAX ? QS_HTTP_RETRY_AFTER_MAX : e->retry_after;
	if (e->status == QS_ETHROTTLE) {
		return ra > 0 ? (double)ra : 60.0;
	}
	if (attempts <= 1) {
		/* the first failure is retried by the next pass at once, unless the
		 * answer said when (a 503's Retry-After) */
		return ra > 0 ? (double)ra : 0;
	}
	base = 5.0;
	while (--attempts > 1 && base < QS_HTTP_RETRY_AFTER_MAX) {
		base *= 2;
	}
	qs_random_bytes(rb, sizeof(rb), NULL);
	jitter = 0.75 + 0.5 * (double)((rb[0] << 8) | rb[1]) / 65535.0;
	d = base * jitter;
	if (ra > 0 && (double)ra > d) {
		d = (double)ra;
	}
	return d > (double)QS_HTTP_RETRY_AFTER_MAX ? (double)QS_HTTP_RETRY_AFTER_MAX : d;
}

static void released_add(qse_released *l, const char *kind, const char *id)
{
	deferred_ref *nv = qs_grow(l->v, &l->cap, l->n, sizeof(*nv), 8);
	if (!nv) {
		return;
	}
	l->v = nv;
	qs_strlcpy(l->v[l->n].kind, kind, sizeof(l->v[l->n].kind));
	qs_strlcpy(l->v[l->n].id, id, sizeof(l->v[l->n].id));
	l->n++;
}

static void released_cb(void *ud, const char *kind, const char *id, qs_outbox_status q_status,
	const char *owner, double claimed)
{
	(void)q_status;
	(void)owner;
	(void)claimed;
	released_add(ud, kind, id);
}

/* After a delivery ended for good: a newer version recorded meanwhile goes
 * out at once (a fresh retry count), else the record leaves the outbox. */
static void queue_newer(qs_entity *cur, long long delivered_version, double now)
{
	if (cur->q_version != delivered_version) {
		cur->q_status = QS_OUTBOX_QUEUED;
		cur->next_try = now;
		cur->q_attempts = 0;
	} else {
		cur->q_status = QS_OUTBOX_NONE;
	}
}

bool qse_retryable(qs_status r)
{
	return r == QS_ENET || r == QS_ESERVER || r == QS_ETHROTTLE || r == QS_ETOKEN;
}

/* Claims (kind, id) inside the caller's write transaction: marks it sending
 * for this owner, counts the attempt and gives a create its requestid.
 * *busy when there is nothing to send (finished meanwhile, or another live
 * process holds it: its claim is not stale, or another transaction holds the
 * record at this moment, which a claim never waits for); *final_state then
 * receives the current state (QS__STATE_COUNT when held elsewhere). */
static qs_status claim(qs_engine *eng, const char *kind, const char *id, qs_entity *en, bool *busy,
	qs_state *final_state, bool batch, qs_error *e);

qs_status qse_claim(qs_engine *eng, const char *kind, const char *id, qs_entity *en, bool *busy,
	qs_state *final_state, qs_error *e)
{
	return claim(eng, kind, id, en, busy, final_state, false, e);
}

qs_status qse_claim_batch(qs_engine *eng, const char *kind, const char *id, qs_entity *en, bool *busy,
	qs_state *final_state, qs_error *e)
{
	return claim(eng, kind, id, en, busy, final_state, true, e);
}

static qs_status claim(qs_engine *eng, const char *kind, const char *id, qs_entity *en, bool *busy,
	qs_state *final_state, bool batch, qs_error *e)
{
	double now = qs_store_now();
	bool held = false;
	qs_status r;
	*busy = false;
	*final_state = QS__STATE_COUNT;
	r = qs_store_outbox_lock(eng->store, eng->conn_key, kind, id, en, &held, e);
	if (r != QS_OK) {
		return r;
	}
	if (held) {
		*busy = true;
		return QS_OK;
	}
	if (!en->exists || en->q_status == QS_OUTBOX_NONE
			|| (en->q_status == QS_OUTBOX_SENDING && !qse_claim_stale(eng, en->owner, en->claimed, now))) {
		*busy = true;
		*final_state = en->state;
		return QS_OK;
	}
	if (en->q_status == QS_OUTBOX_SENDING) {
		qse_log_msg(eng, "warn", kind, id, "Taking over the delivery left by %s (claimed %.0f s ago)", en->owner, now - en->claimed);
	}
	en->q_status = QS_OUTBOX_SENDING;
	qs_strlcpy(en->owner, qse_claim_owner(eng), sizeof(en->owner));
	en->claimed = now;
	if (eng->renewed_at <= 0) {
		eng->renewed_at = now;   /* the renewals count from the first claim */
	}
	en->q_attempts++;
	en->attempts++;
	en->last_attempt = now;
	if (batch && en->attempts == 1 && !en->qbo_id[0]) {
		/* a first create may go out in a batch, whose requestid QBO's
		 * replay is not relied on: the record's own requestid says so,
		 * and a retry after a lost answer runs its guards first */
		char ver[24];
		snprintf(ver, sizeof(ver), "%lld", en->version);
		qse_make_rid(en->create_rid, eng->realm, kind, id, "cb", ver, NULL);
	} else if (!en->qbo_id[0] && !en->create_rid[0]) {
		char ver[24];
		snprintf(ver, sizeof(ver), "%lld", en->version);
		qse_make_rid(en->create_rid, eng->realm, kind, id, "c", ver, NULL);
	}
	return qs_store_entity_claim(eng->store, eng->conn_key, en, e);
}

void qse_claim_unsent(const qs_entity *en, qs_entity *cur)
{
	if (cur->attempts > 0 && cur->attempts == en->attempts) {
		cur->attempts--;
	}
	if (cur->q_attempts > 0 && cur->q_attempts == en->q_attempts) {
		cur->q_attempts--;
	}
	if (cur->attempts == 0 && !cur->qbo_id[0]) {
		/* no attempt of this record ever sent anything: the create requestid
		 * the claim made was never carried by a request, so no create's
		 * outcome is unknown (a deletion recorded now needs nothing of QBO) */
		cur->create_rid[0] = '\0';
	}
}

/* Records a delivery's outcome on the current row cur (a newer version may
 * have arrived meanwhile) inside the caller's write transaction; the caller
 * saves cur. en is the claimed copy that was sent (its Ids, its requestid),
 * dr/op/de what the send returned. Released dependents go to rel (NULL: only
 * counted in eng->released). This is the one place an outcome becomes
 * Synced. */
/* A QBO refusal by a business rule (6000) of an invoice's or a money
 * record's write while another record of ours moving money on that invoice
 * is still on its way (qse_money_pending_on), or reached QBO in the same
 * round of waves while or after this one was sent (qse_round_landed_on,
 * *landed): an application above the open balance, a total below what is
 * applied, can be this order's, not the billing system's. The invoices are
 * the record itself or those its stored document applies money to; mk and
 * mi name the record waited for, inv its invoice. */
static bool pending_or_landed(qs_engine *eng, const qs_entity *cur, const char *inv, char mk[16], char mi[65], bool *landed)
{
	*landed = false;
	if (qse_money_pending_on(eng, inv, cur->kind, cur->id, mk, mi)) {
		return true;
	}
	*landed = qse_round_landed_on(eng, inv, cur->kind, cur->id, mk, mi);
	return *landed;
}

static bool refused_for_pending(qs_engine *eng, const qs_entity *cur, char mk[16], char mi[65], char inv[65], bool *landed)
{
	json_object *d;
	const char *invs[QSE_DOC_INVOICES_MAX];
	size_t i, n;
	bool found = false;
	*landed = false;
	if (cur->kind_id == QS_KIND_INVOICE) {
		qs_strlcpy(inv, cur->id, 65);
		return pending_or_landed(eng, cur, cur->id, mk, mi, landed);
	}
	if (cur->kind_id != QS_KIND_PAYMENT && cur->kind_id != QS_KIND_CREDIT && cur->kind_id != QS_KIND_WRITEOFF) {
		return false;
	}
	d = cur->doc ? qs_json_parse(cur->doc, strlen(cur->doc), NULL) : NULL;
	n = qse_doc_invoices(d, invs, QSE_DOC_INVOICES_MAX);
	for (i = 0; i < n && !found; i++) {
		qs_strlcpy(inv, invs[i], 65);
		found = pending_or_landed(eng, cur, inv, mk, mi, landed);
	}
	json_object_put(d);
	return found;
}

/* A record whose write QBO answered with its Id (en's) keeps that Id and
 * SyncToken in its rows (cur); unless they held that Id already, the create
 * that made it is settled (its requestid dropped). */
static void keep_written_id(const qs_entity *en, qs_entity *cur)
{
	if (strcmp(cur->qbo_id, en->qbo_id) != 0) {
		cur->create_rid[0] = '\0';
	}
	qs_strlcpy(cur->qbo_id, en->qbo_id, sizeof(cur->qbo_id));
	qs_strlcpy(cur->sync_token, en->sync_token, sizeof(cur->sync_token));
}

/* The invoices looked at again when a payment or credit note leaving a
 * customer credit reaches QBO: that customer's, in Mismatch, with credit
 * applied and nothing queued. A bounded scan of the company's invoices in
 * Mismatch (few; none in a company whose books match). */
#define CREDIT_RECHECK_MAX 5000

typedef struct credit_recheck {
	const char *customer;
	qse_released found;
} credit_recheck;

static void credit_recheck_cb(void *ud, const qs_entity *en)
{
	credit_recheck *l = ud;
	json_object *d;
	json_object *ca;
	const char *c;
	bool yes;
	if (en->q_status != QS_OUTBOX_NONE || !en->doc) {
		return;
	}
	d = qs_json_parse(en->doc, strlen(en->doc), NULL);
	c = qse_jstr(d, "customer");
	ca = qse_jget(d, "credit_applied");
	yes = c && !strcmp(c, l->customer) && ca && json_object_get_int64(ca) > 0 && !qse_is_deleted(d);
	json_object_put(d);
	if (yes) {
		released_add(&l->found, en->kind, en->id);
	}
}

/* A payment or credit note (cur) that leaves its customer credit is in QBO
 * now: that customer's invoices in Mismatch whose credit was drawn short
 * (while this record was refused or held other money: such a record holds no
 * invoice up, qse_credit_pending_for) go again, their credit drawn anew from
 * what QBO holds now (the same version: their update, then the check of
 * their balance). Released ones go to rel, as waiters do. */
static qs_status recheck_credit_mismatches(qs_engine *eng, const qs_entity *cur, double now, qse_released *rel, qs_error *e)
{
	json_object *d;
	credit_recheck l;
	const char *cust;
	qs_status r = QS_OK;
	size_t i;
	if ((cur->kind_id != QS_KIND_PAYMENT && cur->kind_id != QS_KIND_CREDIT) || !cur->doc) {
		return QS_OK;
	}
	d = qs_json_parse(cur->doc, strlen(cur->doc), NULL);
	cust = qse_jstr(d, "customer");
	memset(&l, 0, sizeof(l));
	l.customer = cust;
	if (cust && qse_doc_unapplied(d, cust) > 0) {
		r = qs_store_entity_list(eng->store, eng->conn_key, "invoice", qs_state_name(QS_STATE_MISMATCH), NULL,
			CREDIT_RECHECK_MAX, 0, credit_recheck_cb, &l, e);
	}
	for (i = 0; r == QS_OK && i < l.found.n; i++) {
		qs_entity inv;
		r = qs_store_entity_get(eng->store, eng->conn_key, l.found.v[i].kind, l.found.v[i].id, &inv, e);
		if (r == QS_OK && inv.exists && inv.state == QS_STATE_MISMATCH && inv.q_status == QS_OUTBOX_NONE) {
			qse_queue_afresh(&inv, now);
			r = qs_store_outbox_put(eng->store, eng->conn_key, &inv, e);
			if (r == QS_OK) {
				eng->released++;
				if (rel) {
					released_add(rel, inv.kind, inv.id);
				}
				qse_log_msg(eng, "info", inv.kind, inv.id, "%s %s: looked at again: %s %s, which leaves customer %s credit, "
					"is in QuickBooks now", qse_entity_label(inv.kind), inv.id, qse_entity_label(cur->kind), cur->id, cust);
			}
		}
		qs_entity_clear(&inv);
	}
	free(l.found.v);
	json_object_put(d);
	return r;
}

qs_status qse_apply_outcome(qs_engine *eng, const qs_entity *en, qs_entity *cur, qs_status dr, const char *op,
	qs_error *de, const char *wait_kind, const char *wait_id, long long delivered_version, qse_released *rel,
	qs_error *e)
{
	const char *kind = en->kind, *id = en->id;
	double now = qs_store_now();
	qs_status r = QS_OK;
	char mk[16], mi[65], minv[65];
	bool landed = false;
	if (dr == QS_EAPI && qs_qbo_fault_of(de->code) == QS_QBO_FAULT_BUSINESS && refused_for_pending(eng, cur, mk, mi, minv, &landed)) {
		char why[sizeof(de->message)];
		qs_strlcpy(why, qse_reason_body(kind, id, de->message), sizeof(why));
		if (landed) {
			/* that record's change is in QBO now: this one goes again at once (below) */
			qs_error_set(de, QS_EWAITING, "Waiting on %s %s, whose change to invoice %s reached QuickBooks in the same delivery, "
				"while or after this one was sent; QuickBooks refused this one meanwhile: %.700s", mk, mi, minv, why);
		} else {
			qs_error_set(de, QS_EWAITING, "Waiting on %s %s, whose change to invoice %s is not in QuickBooks yet; until then "
				"QuickBooks refuses this one: %.700s", mk, mi, minv, why);
		}
		dr = QS_EWAITING;
		wait_kind = mk;
		wait_id = mi;
	}
	cur->owner[0] = '\0';
	cur->claimed = 0;
	cur->wait_kind[0] = cur->wait_id[0] = '\0';
	if (dr == QS_OK && !strcmp(op, "skipped")) {
		cur->state = QS_STATE_SKIPPED;
		qs_strlcpy(cur->reason, de->message, sizeof(cur->reason));
		cur->create_rid[0] = '\0';
		queue_newer(cur, delivered_version, now);
		qse_log_msg(eng, "info", kind, id, "%s %s: skipped: %s", qse_entity_label(kind), id, qse_reason_body(kind, id, de->message));
	} else if (dr == QS_OK && !strcmp(op, "deleted")) {
		/* deleted in QBO as at its source: no QBO Id is kept, so the same id
		 * pushed again is created afresh (a new version, a new requestid) */
		char was[32];
		qs_strlcpy(was, en->qbo_id[0] ? en->qbo_id : cur->qbo_id, sizeof(was));
		cur->state = QS_STATE_DELETED;
		if (was[0]) {
			snprintf(cur->reason, sizeof(cur->reason), "Deleted in QuickBooks (it was QBO %s %s), as in the billing system",
				qse_qbo_entity_of(kind) ? qse_qbo_entity_of(kind) : kind, was);
		} else {
			qs_strlcpy(cur->reason, "Deleted before it reached QuickBooks", sizeof(cur->reason));
		}
		cur->qbo_id[0] = cur->sync_token[0] = cur->create_rid[0] = '\0';
		cur->synced_version = delivered_version ? delivered_version : cur->synced_version;
		queue_newer(cur, delivered_version, now);
		{
			/* a record that waited for this one's change (qse_money_pending_on) goes again */
			long nrel = 0;
			r = qs_store_outbox_release(eng->store, eng->conn_key, kind, id, now, rel ? released_cb : NULL, rel, &nrel, e);
			eng->released += nrel;
		}
		qse_log_msg(eng, "info", kind, id, "%s %s: %s", qse_entity_label(kind), id, cur->reason);
	} else if (dr == QS_OK && !strcmp(op, "mismatch")) {
		/* in QBO, but with other money: a warning with both figures, never Synced */
		qs_strlcpy(cur->qbo_id, en->qbo_id, sizeof(cur->qbo_id));
		qs_strlcpy(cur->sync_token, en->sync_token, sizeof(cur->sync_token));
		cur->state = QS_STATE_MISMATCH;
		qs_strlcpy(cur->reason, de->message, sizeof(cur->reason));
		cur->create_rid[0] = '\0';
		queue_newer(cur, delivered_version, now);
		qse_log_msg(eng, "warn", kind, id, "%s", de->message);
	} else if (dr == QS_OK) {
		/* Synced: QBO answered with the record (en's Id and SyncToken) holding
		 * the version delivered, and its money is the document's (verified) */
		qs_strlcpy(cur->qbo_id, en->qbo_id, sizeof(cur->qbo_id));
		qs_strlcpy(cur->sync_token, en->sync_token, sizeof(cur->sync_token));
		cur->state = QS_STATE_SYNCED;
		cur->reason[0] = '\0';
		cur->synced_version = delivered_version ? delivered_version : cur->synced_version;
		cur->create_rid[0] = '\0';
		queue_newer(cur, delivered_version, now);
		{
			long nrel = 0;
			r = qs_store_outbox_release(eng->store, eng->conn_key, kind, id, now,
				rel ? released_cb : NULL, rel, &nrel, e);
			eng->released += nrel;
		}
		if (r == QS_OK) {
			r = recheck_credit_mismatches(eng, cur, now, rel, e);
		}
		if (r == QS_OK && eng->wave_applying) {
			eng->wave_synced_at = now;   /* written once for the wave (apply_wave) */
		} else if (r == QS_OK) {
			r = qs_store_conn_set_last_sync(eng->store, eng->conn_key, now, e);
		}
		qse_log_msg(eng, "info", kind, id, "%s %s: %s QBO %s %s (version %lld)", qse_entity_label(kind), id, op,
			qse_qbo_entity_of(kind) ? qse_qbo_entity_of(kind) : kind, cur->qbo_id, cur->synced_version);
	} else if (dr == QS_EWAITING) {
		cur->state = QS_STATE_WAITING;
		qs_strlcpy(cur->reason, de->message, sizeof(cur->reason));
		cur->q_status = QS_OUTBOX_WAITING;
		qs_strlcpy(cur->wait_kind, wait_kind, sizeof(cur->wait_kind));
		qs_strlcpy(cur->wait_id, wait_id, sizeof(cur->wait_id));
		cur->next_try = now + WAITING_RECHECK;
		if (en->qbo_id[0]) {
			/* written to QBO, then waiting for what is applied to it after the
			 * write (credit not in QBO yet): the next delivery updates that record */
			keep_written_id(en, cur);
		}
		/* nothing of this record was sent (a reference is not in QBO yet): the
		 * claim was no attempt, so its next delivery is a first one again (a
		 * wave may batch it, no guard needs to look for an earlier create) */
		qse_claim_unsent(en, cur);
		if (landed) {
			/* refused before a change of its round that QBO holds now (a
			 * deleted record is never "ready"): it goes again at once */
			cur->q_status = QS_OUTBOX_QUEUED;
			cur->wait_kind[0] = cur->wait_id[0] = '\0';
			cur->next_try = now;
			eng->released++;
		} else if (wait_kind && wait_kind[0]) {
			/* the dependency may have reached QBO while this record was sent
			 * (another process released its dependents before this one
			 * waited): then it goes again at once */
			qs_entity dep;
			bool held = false;
			memset(&dep, 0, sizeof(dep));
			/* read without waiting: a dependency another transaction holds is
			 * having its own outcome written now (it may be released this
			 * moment), so this record goes again at once instead of waiting;
			 * waiting for it here could close a lock cycle with that
			 * transaction's release of this record (MariaDB/MySQL) */
			if (qs_store_outbox_lock(eng->store, eng->conn_key, wait_kind, wait_id, &dep, &held, NULL) == QS_OK
					&& (held || qse_dep_ready(&dep))) {
				cur->q_status = QS_OUTBOX_QUEUED;
				cur->wait_kind[0] = cur->wait_id[0] = '\0';
				cur->next_try = now;
				eng->released++;
			}
			qs_entity_clear(&dep);
		}
		if (r == QS_OK && cur->q_status == QS_OUTBOX_WAITING && cur->kind_id == QS_KIND_INVOICE && cur->qbo_id[0]
				&& qse_moves_invoice_money(qs_kind_of(cur->wait_kind))) {
			/* an invoice in QBO waiting for a record that moves money on it
			 * holds no one up (qse_dep_ready): the records that waited for its
			 * latest version go now, the payment whose lower amount it waits
			 * for among them */
			long nrel = 0;
			r = qs_store_outbox_release(eng->store, eng->conn_key, kind, id, now, rel ? released_cb : NULL, rel, &nrel, e);
			eng->released += nrel;
		}
		qse_log_msg(eng, "info", kind, id, "%s %s: %s", qse_entity_label(kind), id, qse_reason_body(kind, id, de->message));
	} else if (qse_retryable(dr) || dr == QS_EAUTH) {
		double delay = dr == QS_EAUTH ? 0 : backoff(cur->q_attempts, de);
		if (dr == QS_ETHROTTLE && de->retry_after <= 0 && eng->rate_window > 0) {
			delay = eng->rate_window;   /* no Retry-After: one limit window of the limiter's clock */
		}
		if (dr == QS_ETHROTTLE) {
			/* every process sharing the store pauses (the write is in this transaction) */
			qs_store_conn_set_throttle(eng->store, eng->conn_key, now + delay, now + (double)QS_HTTP_RETRY_AFTER_MAX, NULL);
		}
		if (en->qbo_id[0] && !cur->qbo_id[0]) {
			/* created (QBO answered with its Id), then a later step of the
			 * delivery failed (credit applied to it, the read-back): what QBO
			 * links to it (a payment's credit drawn for it) is known as this
			 * record's, and the retry updates it */
			keep_written_id(en, cur);
		} else if (en->create_rid[0] && !cur->qbo_id[0]) {
			/* the requestid the uncertain attempt used (a batch marks its own) */
			qs_strlcpy(cur->create_rid, en->create_rid, sizeof(cur->create_rid));
		}
		cur->q_status = QS_OUTBOX_QUEUED;
		cur->next_try = now + delay;
		snprintf(cur->reason, sizeof(cur->reason), "Queued, will retry: %.1000s", de->message);
		qse_log_msg(eng, "warn", kind, id, "%s %s: attempt %ld failed (%s): %s", qse_entity_label(kind), id, cur->q_attempts,
			qs_status_name(dr), qse_reason_body(kind, id, de->message));
	} else if (dr == QS_ESTORE || dr == QS_EINTERNAL) {
		cur->q_status = QS_OUTBOX_QUEUED;
		cur->next_try = now + 60;
		snprintf(cur->reason, sizeof(cur->reason), "Queued, will retry: %.1000s", de->message);
		qse_log_msg(eng, "error", kind, id, "%s %s: %s", qse_entity_label(kind), id, qse_reason_body(kind, id, de->message));
	} else {
		/* a QBO fault or a configuration problem: Error until the document changes or is resent */
		fault_reason(kind, id, de);
		cur->state = QS_STATE_ERROR;
		qs_strlcpy(cur->reason, de->message, sizeof(cur->reason));
		cur->create_rid[0] = '\0';
		queue_newer(cur, delivered_version, now);
		qse_log_msg(eng, "error", kind, id, "%s %s: %s", qse_entity_label(kind), id, qse_reason_body(kind, id, de->message));
	}
	return r;
}

/* One record of qse_deliver_one: claimed, then sent once the queued records
 * its body refers to are delivered, each in a frame above it (at most
 * MAX_DEPTH levels, as the references' deliveries always went). */
typedef struct dl_frame {
	char kind[16];
	char id[65];
	bool *busy;
	qs_state *final_state;
	qs_error *e;              /* what qse_deliver_one answers for this record */
	bool busy_v;              /* a dependency's: read by nobody, as ever */
	qs_state st_v;
	qs_error e_v;
	bool claimed, pushed, dep_failed;
	qs_status dep_r;          /* a dependency's delivery failed so (the store, the network, QBO): this record too */
	qs_error dep_e;
	qs_entity en;
	deliver_ctx ctx;
	qs_error de;
	long long delivered_version;
	const char *op;
} dl_frame;

static void frame_start(dl_frame *f, const char *kind, const char *id, bool *busy, qs_state *final_state, qs_error *e)
{
	memset(f, 0, sizeof(*f));
	qs_strlcpy(f->kind, kind, sizeof(f->kind));
	qs_strlcpy(f->id, id, sizeof(f->id));
	f->busy = busy ? busy : &f->busy_v;
	f->final_state = final_state ? final_state : &f->st_v;
	f->e = e ? e : &f->e_v;
	qs_error_clear(&f->de);
	*f->busy = false;
	*f->final_state = QS__STATE_COUNT;
	f->op = "sent";
}

/* The dependency f's resolution named (f->ctx.dep_kind/dep_id) starts in
 * frame up, noted as delivered for f. false: out of memory (f->de says so). */
static bool frame_dep(dl_frame *f, dl_frame *up)
{
	deferred_ref *nv = qs_grow(f->ctx.dep_done, &f->ctx.cap_dep_done, f->ctx.n_dep_done, sizeof(*nv), 4);
	if (nv) {
		f->ctx.dep_done = nv;
		qs_strlcpy(nv[f->ctx.n_dep_done].kind, f->ctx.dep_kind, sizeof(nv[0].kind));
		qs_strlcpy(nv[f->ctx.n_dep_done].id, f->ctx.dep_id, sizeof(nv[0].id));
		f->ctx.n_dep_done++;
		frame_start(up, f->ctx.dep_kind, f->ctx.dep_id, NULL, NULL, NULL);
	}
	f->ctx.dep_kind[0] = f->ctx.dep_id[0] = '\0';
	f->ctx.wait_kind[0] = f->ctx.wait_id[0] = '\0';
	qs_error_clear(&f->de);
	if (!nv) {
		qs_error_set(&f->de, QS_EINTERNAL, "Out of memory delivering what %s %s refers to", f->kind, f->id);
		return false;
	}
	return true;
}

/* 1. claim in a transaction. false: the delivery ends with *r. */
static bool frame_claim(qs_engine *eng, dl_frame *f, qs_status *r)
{
	qse_claims_begin(eng);
	*r = qs_store_begin(eng->store, true, f->e);
	if (*r != QS_OK) {
		memset(&f->en, 0, sizeof(f->en));
		return false;
	}
	*r = qse_claim(eng, f->kind, f->id, &f->en, f->busy, f->final_state, f->e);
	if (*r == QS_OK) {
		*r = qs_store_commit(eng->store, f->e);
	} else {
		qs_store_rollback(eng->store);
	}
	if (*r != QS_OK || *f->busy) {
		qs_entity_clear(&f->en);
		return false;
	}
	f->delivered_version = f->en.q_version;
	f->ctx.eng = eng;
	f->ctx.kind = f->kind;
	f->ctx.id = f->id;
	f->claimed = true;
	return true;
}

/* 3. record the outcome dr on the current row (a newer version may have arrived). */
static qs_status frame_finish(qs_engine *eng, dl_frame *f, qs_status dr, qse_released *rel)
{
	qs_entity cur;
	qs_status r;
	r = qse_begin_entity(eng, f->kind, f->id, &cur, f->e);
	if (r != QS_OK) {
		qs_entity_clear(&f->en);
		return r;
	}
	r = qse_apply_outcome(eng, &f->en, &cur, dr, f->op, &f->de, f->ctx.wait_kind, f->ctx.wait_id, f->delivered_version,
		(eng->in_sync || eng->depth > 0) ? NULL : rel, f->e);
	if (r == QS_OK) {
		r = qse_save_commit(eng, &cur, f->e);
	} else {
		qs_store_rollback(eng->store);
	}
	*f->final_state = cur.state;
	qs_entity_clear(&cur);
	qs_entity_clear(&f->en);
	if (r != QS_OK) {
		return r;
	}
	if (dr != QS_OK) {
		qs_error_copy(f->e, &f->de);
	}
	return dr;
}

/* Claims (kind, id), sends it, and records the outcome. *busy when this call
 * sent nothing: another live process holds it, or nothing is pending. *final_state receives the entity state afterwards
 * (QS__STATE_COUNT when none was read; final_state may be NULL). The
 * return value is the delivery's status (QS_OK when synced). A queued
 * record its body refers to is delivered first, in a loop over frames (the
 * resolution names it, the dependent is mapped again once it is done). */
qs_status qse_deliver_one(qs_engine *eng, const char *kind, const char *id, bool *busy,
	qs_state *final_state, qs_error *e)
{
	dl_frame fr[MAX_DEPTH + 1];
	size_t n = 1;
	qs_status r = QS_OK, dr;
	qse_released rel;

	memset(&rel, 0, sizeof(rel));
	frame_start(&fr[0], kind, id, busy, final_state, e);
	for (;;) {
		dl_frame *f = &fr[n - 1];
		if (!f->claimed && !frame_claim(eng, f, &r)) {
			goto ended;
		}
		if (f->dep_failed) {
			/* a record it refers to could not be delivered: neither can this one */
			dr = f->dep_r;
			qs_error_copy(&f->de, &f->dep_e);
			json_object_put(f->ctx.answer);
			f->ctx.answer = NULL;
		} else if (f->pushed) {
			/* a credit note's application named an invoice, now delivered: it resumes */
			eng->depth++;
			dr = QS_OK;
			goto verify;
		} else {
			/* 2. send (no transaction open) */
			eng->depth++;
			f->ctx.dep_first = n < MAX_DEPTH + 1;
			dr = qse_push_record(eng, &f->en, &f->ctx, &f->op, &f->de);
			f->ctx.dep_first = false;
			if (f->ctx.dep_kind[0]) {
				/* a queued record its body refers to goes first (a frame above), then this one is mapped again */
				json_object_put(f->ctx.answer);
				f->ctx.answer = NULL;
				if (!frame_dep(f, &fr[n])) {
					eng->depth--;
					goto finish;
				}
				n++;
				continue;   /* eng->depth stays one up: the dependency's frame */
			}
			f->pushed = true;
		verify:
			if (dr == QS_OK && f->delivered_version) {
				/* Synced only when QBO holds the document's money; else op "mismatch" */
				f->ctx.resumable = n < MAX_DEPTH + 1;
				dr = qse_verify_delivery(eng, &f->en, NULL, &f->ctx, f->ctx.answer, &f->op, &f->de);
				f->ctx.resumable = false;
				if (f->ctx.dep_kind[0] && frame_dep(f, &fr[n])) {
					n++;
					continue;   /* eng->depth stays one up: the dependency's frame */
				}
			}
			json_object_put(f->ctx.answer);
			f->ctx.answer = NULL;
			eng->depth--;
		}
	finish:
		if (dr != QS_OK) {
			qs_error_record(&f->de, f->kind, f->id);
		}
		/* 3. record the outcome on the current row (a newer version may have arrived) */
		r = frame_finish(eng, f, dr, &rel);
	ended:
		free(f->ctx.dep_done);
		f->ctx.dep_done = NULL;
		json_object_put(f->ctx.memo);
		f->ctx.memo = NULL;
		if (n == 1) {
			break;
		}
		/* a dependency's delivery ended: its dependent is mapped again, or fails with it */
		n--;
		eng->depth--;
		if (r == QS_EAUTH || r == QS_ESTORE || r == QS_ENET || r == QS_ESERVER || r == QS_ETHROTTLE) {
			fr[n - 1].dep_failed = true;
			fr[n - 1].dep_r = r;
			qs_error_copy(&fr[n - 1].dep_e, fr[n].e);
		}
	}
	/* 4. inline: the records that waited on this one go to the caller that
	 * drives inline delivery (qse_deliver_top), which delivers them next */
	if (r == QS_OK && rel.n && eng->released_out) {
		qse_released *l = eng->released_out;
		size_t i;
		for (i = 0; i < rel.n; i++) {
			deferred_ref *nv = qs_grow(l->v, &l->cap, l->n, sizeof(*nv), 8);
			if (!nv) {
				break;
			}
			l->v = nv;
			l->v[l->n++] = rel.v[i];
		}
	}
	free(rel.v);
	return r;
}
