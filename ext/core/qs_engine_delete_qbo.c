/* qs_engine_delete_qbo: a recorded deletion's delivery (qs_engine_delete.c
 * records it): what qbosync made for the record is deleted in QBO, a
 * payment's fee Deposit and a credit note's own applications (the Payments of
 * 0 linking it) first, then the record itself (?operation=delete with its
 * SyncToken); a write-off's application is removed so the invoice's QBO
 * balance rises again; invoices whose credit applied QBO drew from a deleted
 * payment are recorded again (queued, not sent from here). */
#include "qs_engine_int.h"
#include "qs_kind.h"
#include "qs_verify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Whether the record a mapping waited on (named in c; *kind and *id name it)
 * is a customer, item or invoice QBO holds no Id of: never pushed, or never
 * confirmed there. */
static bool awaits_never_in_qbo(qs_engine *eng, const deliver_ctx *c, const char **kind, const char **id_out)
{
	const char *k = c->dep_kind[0] ? c->dep_kind : c->wait_kind, *id = c->dep_kind[0] ? c->dep_id : c->wait_id;
	qs_kind_id kid = qs_kind_of(k);
	qs_entity dep;
	qs_error e2;
	bool none;
	if (!id[0] || (kid != QS_KIND_CUSTOMER && kid != QS_KIND_ITEM && kid != QS_KIND_INVOICE)) {
		return false;
	}
	memset(&dep, 0, sizeof(dep));
	qs_error_clear(&e2);
	if (qs_store_entity_ref(eng->store, eng->conn_key, k, id, &dep, &e2) != QS_OK) {
		return false;
	}
	none = !dep.exists || !dep.qbo_id[0];
	qs_entity_clear(&dep);
	*kind = k;
	*id_out = id;
	return none;
}

qs_status qse_settle_lost_create(qs_engine *eng, qs_entity *en, deliver_ctx *c, const char *unsent_member, qs_error *e)
{
	/* A create of this version's own requestid was never sent; an earlier
	 * version's (create_rid kept by an uncertain attempt) may have been
	 * committed: the record it made is looked for by the keys that create
	 * carried (a batch's requestid is not replayed, a single create's replay
	 * may have expired); else the create is sent again, answered with that
	 * record (or making it). */
	const char *entity = qse_qbo_entity_of(en->kind);
	char ver[24], want[64];
	json_object *plain, *body = NULL, *out = NULL;
	const char *ent = NULL, *k = NULL, *id = NULL;
	qs_status r;
	snprintf(ver, sizeof(ver), "%lld", en->version);
	qse_make_rid(want, eng->realm, en->kind, en->id, "c", ver, NULL);
	if (en->qbo_id[0] || !entity || !en->create_rid[0] || !strcmp(en->create_rid, want)) {
		return QS_OK;
	}
	r = qse_sent_find(eng, en, entity, &out, e);
	if (r != QS_OK || out) {
		if (out) {
			qse_take_ids(en, out);
		}
		json_object_put(out);
		return r;
	}
	plain = json_tokener_parse(en->doc);
	if (!plain) {
		return qs_error_set(e, QS_ESTORE, "%s %s: the stored document cannot be read", qse_entity_label(en->kind), en->id);
	}
	if (unsent_member) {
		json_object_object_del(plain, unsent_member);
	}
	c->wait_kind[0] = c->wait_id[0] = c->dep_kind[0] = c->dep_id[0] = '\0';
	r = qse_map_body(eng, en, c, plain, &ent, &body, e);
	if (r == QS_EWAITING && unsent_member && awaits_never_in_qbo(eng, c, &k, &id)) {
		/* a deletion whose record refers to a customer, item or invoice QBO
		 * has no Id of: the lost create needed that Id (a record keeps its
		 * Id once it has one), so it was never sent and QBO holds none of it */
		qse_log_msg(eng, "info", en->kind, en->id, "%s %s: its %s %s is not in QuickBooks, so the create whose answer was "
			"uncertain was never sent (it needs that record's Id): the record never reached QuickBooks", qse_entity_label(en->kind),
			en->id, k, id);
		qs_error_clear(e);
		c->wait_kind[0] = c->wait_id[0] = c->dep_kind[0] = c->dep_id[0] = '\0';
		json_object_put(plain);
		return QS_OK;
	}
	if (r == QS_OK) {
		r = qse_api(eng, OP_CREATE, ent, body, NULL, NULL, en->create_rid, NULL, &out, e);
	}
	if (r == QS_OK && qse_usable_id(out)) {
		qse_take_ids(en, out);
	} else if (r == QS_OK) {
		r = qs_error_set(e, QS_ESERVER, "%s %s: QuickBooks answered without a usable Id; this is tried again",
			qse_entity_label(en->kind), en->id);
	} else if (r == QS_EAPI && e->code[0]) {
		/* refused with a Fault: nothing is made now, and the keys found
		 * nothing the lost create made, so QBO holds none of it */
		qse_log_msg(eng, "info", en->kind, en->id, "%s %s: QuickBooks refused the create sent again under its requestid "
			"(%s) and holds nothing its keys find: the record never reached QuickBooks", qse_entity_label(en->kind), en->id,
			e->code);
		qs_error_clear(e);
		r = QS_OK;
	}
	json_object_put(out);
	json_object_put(body);
	json_object_put(plain);
	return r;
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
		/* never confirmed in QBO: what an uncertain create made is found or
		 * made again, then deleted; nothing was ever sent: nothing to delete */
		r = qse_settle_lost_create(eng, en, c, "deleted", e);
		if (r != QS_OK || !en->qbo_id[0]) {
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
