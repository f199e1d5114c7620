/* qs_engine_resolve: resolving a record's references to QBO Ids, from the
 * store alone: explicit mappings, the local records delivered before (one
 * still queued is named for qse_deliver_one to deliver first, never
 * delivered from here), the engine's own items and accounts (made or found
 * in QBO once and remembered as mappings), QBO's defaults; the plan's memo of
 * resolved references; what an uncertain write answer means and which Ids
 * of QBO's answers the engine keeps; a record's QBO body mapped with its
 * references resolved (qse_map_body). Below delivery, deletion and credits,
 * which resolve through it. */
#include "qs_engine_int.h"
#include "qs_kind.h"
#include "qbo/qs_qbo_rules.h"
#include "qs_state.h"
#include "qs_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ resolver */






static qs_status save_mapping(qs_engine *eng, const char *kind, const char *local_id, const char *purpose,
	const char *qbo_id, const char *name, qs_error *e)
{
	qs_mapping m;
	memset(&m, 0, sizeof(m));
	qs_strlcpy(m.kind, kind, sizeof(m.kind));
	qs_strlcpy(m.local_id, local_id, sizeof(m.local_id));
	qs_strlcpy(m.purpose, purpose ? purpose : "", sizeof(m.purpose));
	qs_strlcpy(m.qbo_id, qbo_id, sizeof(m.qbo_id));
	qs_strlcpy(m.name, name ? name : "", sizeof(m.name));
	m.created = qs_store_now();
	return qs_store_map_put(eng->store, eng->conn_key, &m, e);
}

/* The first active QBO account of type (AccountType), remembered as the
 * mapping account "*" for purpose; none is the QS_ECONFIG message when there
 * is no such account. */
static qs_status first_account(qs_engine *eng, const char *type, const char *purpose, char out[32],
	qs_error *e, const char *none)
{
	json_object *rows = NULL, *row;
	qs_status r = qse_find_by(eng, "Account", "AccountType", type, false, &rows, e);
	if (r != QS_OK) {
		json_object_put(rows);
		return r;
	}
	row = qse_first_row(rows);
	if (!row || !qse_jstr(row, "Id")) {
		json_object_put(rows);
		return qs_error_set(e, QS_ECONFIG, "%s", none);
	}
	qs_strlcpy(out, qse_jstr(row, "Id"), 32);
	r = save_mapping(eng, "account", "*", purpose, out, qse_jstr(row, "Name"), e);
	json_object_put(rows);
	return r;
}

/* The income account for new items: mapping account/income, else the first active Income account. */
qs_status qse_income_account(qs_engine *eng, char out[32], qs_error *e)
{
	qs_mapping m;
	bool found = false;
	qs_status r = qs_store_map_get(eng->store, eng->conn_key, "account", "*", "income", &m, &found, e);
	if (r == QS_OK && !found) {
		r = qs_store_map_any(eng->store, eng->conn_key, "account", "income", &m, &found, e);
	}
	if (r != QS_OK) {
		return r;
	}
	if (found) {
		qs_strlcpy(out, m.qbo_id, 32);
		return QS_OK;
	}
	return first_account(eng, "Income", "income", out, e,
		"QuickBooks has no active Income account for new items: map one with qbo_map($conn, 'account', '*', '<Id>', ['purpose' => 'income'])");
}

/* Refunds are paid from a cash account: the first active Bank account, remembered. */
static qs_status refund_account(qs_engine *eng, char out[32], qs_error *e)
{
	return first_account(eng, "Bank", "refund", out, e,
		"QuickBooks has no active Bank account to pay refunds from: map one with qbo_map($conn, 'account', '*', '<Id>', ['purpose' => 'refund'])");
}

#define DEFAULT_ITEM_NAME "Billing Services"
#define WRITEOFF_ITEM_NAME "Bad Debt"

/* A Service item qbosync uses on its own (mapping item local): the fallback
 * item ("*", booked to the income account) or the write-off item
 * (QSM_WRITEOFF_ITEM, booked to the writeoff account); mapped, else found by
 * name, else created, and remembered. */
static qs_status own_item(qs_engine *eng, const char *local, char out[32], qs_error *e)
{
	qs_mapping m;
	bool found = false, writeoff = !strcmp(local, QSM_WRITEOFF_ITEM);
	json_object *rows = NULL, *row, *body, *created = NULL;
	const char *name = writeoff ? WRITEOFF_ITEM_NAME : DEFAULT_ITEM_NAME, *what = writeoff ? "write-off item" : "fallback item";
	char income[32], rid[64];
	qs_status r = qs_store_map_get(eng->store, eng->conn_key, "item", local, NULL, &m, &found, e);
	if (r != QS_OK) {
		return r;
	}
	if (found) {
		qs_strlcpy(out, m.qbo_id, 32);
		return QS_OK;
	}
	r = qse_find_by(eng, "Item", "Name", name, true, &rows, e);
	if (r != QS_OK) {
		json_object_put(rows);
		return r;
	}
	row = qse_first_row(rows);
	if (row && qse_jstr(row, "Id")) {
		qs_strlcpy(out, qse_jstr(row, "Id"), 32);
		r = save_mapping(eng, "item", local, NULL, out, name, e);
		json_object_put(rows);
		return r;
	}
	json_object_put(rows);
	r = writeoff ? qse_purpose_account(eng, "writeoff", income, e) : qse_income_account(eng, income, e);
	if (r == QS_OK && !income[0]) {
		r = qs_error_set(e, QS_ECONFIG, "QuickBooks has no account for the %s: map one with qbo_map($conn, 'account', '*', 'auto', ['purpose' => 'writeoff'])", what);
	}
	if (r != QS_OK) {
		return r;
	}
	body = json_object_new_object();
	json_object_object_add(body, "Name", json_object_new_string(name));
	json_object_object_add(body, "Type", json_object_new_string("Service"));
	{
		json_object *ref = json_object_new_object();
		json_object_object_add(ref, "value", json_object_new_string(income));
		json_object_object_add(body, "IncomeAccountRef", ref);
	}
	if (writeoff) {
		json_object_object_add(body, "Description", json_object_new_string("Invoices written off as bad debt (qbosync)"));
	}
	if (!qs_qbo_us_tax_model(eng->country)) {
		/* CA/UK/AU items carry an expense account too */
		char expense[32];
		r = qse_expense_account(eng, expense, e);
		if (r != QS_OK) {
			json_object_put(body);
			return r;
		}
		json_object_object_add(body, "ExpenseAccountRef", qse_ref(expense));
	}
	qse_make_rid(rid, eng->realm, "item", local, writeoff ? "writeoff" : "fallback", NULL);
	r = qse_api(eng, OP_CREATE, "Item", body, NULL, NULL, rid, NULL, &created, e);
	if (r == QS_OK && !qse_usable_id(created)) {
		r = qs_error_set(e, QS_ESERVER, "QuickBooks answered the creation of the %s '%s' without a usable Id; it will be looked up by name before it is sent again", what, name);
	}
	json_object_put(body);
	if (r == QS_EAPI && qs_qbo_fault_of(e->code) == QS_QBO_FAULT_DUP_NAME) {
		/* made by someone else meanwhile */
		r = qse_find_by(eng, "Item", "Name", name, true, &rows, e);
		row = qse_first_row(rows);
		if (r == QS_OK && row && qse_jstr(row, "Id")) {
			qs_strlcpy(out, qse_jstr(row, "Id"), 32);
			r = save_mapping(eng, "item", local, NULL, out, name, e);
		} else if (r == QS_OK) {
			r = qs_error_set(e, QS_EAPI, "QuickBooks says an item named '%s' exists but it cannot be found; map the %s with qbo_map($conn, 'item', '%s', '<Id>')", name, what, local);
		}
		json_object_put(rows);
		return r;
	}
	if (r != QS_OK) {
		json_object_put(created);
		return r;
	}
	qs_strlcpy(out, qse_jstr(created, "Id"), 32);
	json_object_put(created);
	qse_log_msg(eng, "info", "item", local, "Created the %s '%s' (QBO Item %s)", what, name, out);
	return save_mapping(eng, "item", local, NULL, out, name, e);
}

/* reason without its leading "<Kind> <id>: " (it is quoted after that record's name). */
const char *qse_reason_body(const char *kind, const char *id, const char *reason)
{
	const char *label = qse_entity_label(kind);
	size_t ll = strlen(label), il = strlen(id);
	if (!strncmp(reason, label, ll) && reason[ll] == ' ' && !strncmp(reason + ll + 1, id, il)
			&& reason[ll + 1 + il] == ':' && reason[ll + 2 + il] == ' ') {
		return reason + ll + il + 3;
	}
	return reason;
}

/* Records that move money on an invoice in QBO: a payment's and a credit
 * note's applications, a write-off. */
bool qse_moves_invoice_money(qs_kind_id k)
{
	return k == QS_KIND_PAYMENT || k == QS_KIND_CREDIT || k == QS_KIND_WRITEOFF;
}

/* An invoice (or a record moving money on one) whose newer version is on its
 * way to QBO: what QBO holds of it (a total, a balance, an application) is
 * not the billing system's yet. A record that refers to it (a payment applied
 * to the invoice, a refund of the payment) is checked and applied against
 * that, so it waits for its delivery (also while that record itself waits
 * for an item or a customer). One QBO refused (Error), set aside (Dismissed)
 * or waiting for a record that moves money holds no one up: what it waits for
 * may be these very records (an invoice's lower total waits for the lower
 * amounts of its payments, see qse_money_pending_on). */
static bool dep_behind(const qs_entity *dep)
{
	return (dep->kind_id == QS_KIND_INVOICE || qse_moves_invoice_money(dep->kind_id)) && dep->version > dep->synced_version
		&& dep->state != QS_STATE_DISMISSED && dep->state != QS_STATE_ERROR
		&& !(dep->state == QS_STATE_WAITING && qse_moves_invoice_money(qs_kind_of(dep->wait_kind)));
}

size_t qse_doc_invoices(json_object *doc, const char **out, size_t max)
{
	json_object *ap = qse_jget(doc, "applies_to");
	size_t i, n = ap && json_object_is_type(ap, json_type_array) ? json_object_array_length(ap) : 0, k = 0;
	if (qse_jstr(doc, "invoice") && k < max) {
		out[k++] = qse_jstr(doc, "invoice");
	}
	for (i = 0; i < n && k < max; i++) {
		const char *t = qse_jstr(json_object_array_get_idx(ap, i), "invoice");
		if (t) {
			out[k++] = t;
		}
	}
	return k;
}

/* Whether a stored document applies money to invoice inv (its local id). */
static bool doc_applies_to(const char *doc, const char *inv)
{
	json_object *d = doc ? qs_json_parse(doc, strlen(doc), NULL) : NULL;
	const char *invs[QSE_DOC_INVOICES_MAX];
	size_t i, n = qse_doc_invoices(d, invs, QSE_DOC_INVOICES_MAX);
	bool yes = false;
	for (i = 0; i < n && !yes; i++) {
		yes = !strcmp(invs[i], inv);
	}
	json_object_put(d);
	return yes;
}

typedef struct pend_row {
	char kind[16];
	char id[65];
} pend_row;

typedef struct pend_list {
	pend_row *v;
	size_t n, cap;
	bool waiting_too;         /* rows Waiting are listed as well */
	bool credit_only;         /* only payments and credit notes */
} pend_list;

static void pend_cb(void *ud, const char *kind, const char *id, qs_outbox_status q_status, const char *owner, double claimed)
{
	pend_list *l = ud;
	pend_row *nv;
	qs_kind_id k = qs_kind_of(kind);
	(void)owner;
	(void)claimed;
	if ((q_status == QS_OUTBOX_WAITING && !l->waiting_too) || !qse_moves_invoice_money(k)
			|| (l->credit_only && k != QS_KIND_PAYMENT && k != QS_KIND_CREDIT)) {
		return;
	}
	nv = qs_grow(l->v, &l->cap, l->n, sizeof(*l->v), 32);
	if (nv) {
		l->v = nv;
		qs_strlcpy(l->v[l->n].kind, kind, sizeof(l->v[l->n].kind));
		qs_strlcpy(l->v[l->n].id, id, sizeof(l->v[l->n].id));
		l->n++;
	}
}

/* The outbox rows looked at for records moving money on an invoice: a QBO
 * refusal's rare path, bounded. */
#define PENDING_SCAN_MAX 5000

/* The first outbox row l's filter lists (a bounded scan) whose record match
 * takes, named in kind and id. */
static bool pending_find(qs_engine *eng, pend_list *l, bool (*match)(const qs_entity *en, void *ud), void *ud,
	char kind[16], char id[65])
{
	qs_error e2;
	size_t i;
	bool found = false;
	kind[0] = id[0] = '\0';
	qs_error_clear(&e2);
	if (qs_store_outbox_due(eng->store, eng->conn_key, 1e18, PENDING_SCAN_MAX, pend_cb, l, &e2) != QS_OK) {
		free(l->v);
		return false;
	}
	for (i = 0; i < l->n && !found; i++) {
		qs_entity en;
		memset(&en, 0, sizeof(en));
		if (qs_store_entity_get(eng->store, eng->conn_key, l->v[i].kind, l->v[i].id, &en, &e2) == QS_OK && en.exists
				&& match(&en, ud)) {
			qs_strlcpy(kind, l->v[i].kind, 16);
			qs_strlcpy(id, l->v[i].id, 65);
			found = true;
		}
		qs_entity_clear(&en);
	}
	free(l->v);
	return found;
}

typedef struct money_match {
	const char *invoice, *self_kind, *self_id;
} money_match;

/* Another record than self with a newer version applying money to the
 * invoice: queued, or Waiting for a record that moves no money (its invoice's
 * latest version, a customer), which it goes after; one Waiting for a money
 * record may wait for self or for what waits for self, and holds no one. */
static bool money_match_cb(const qs_entity *en, void *ud)
{
	const money_match *m = ud;
	return !(!strcmp(en->kind, m->self_kind) && !strcmp(en->id, m->self_id))
		&& en->version > en->synced_version
		&& !(en->state == QS_STATE_WAITING && qse_moves_invoice_money(qs_kind_of(en->wait_kind)))
		&& doc_applies_to(en->doc, m->invoice);
}

bool qse_money_pending_on(qs_engine *eng, const char *invoice, const char *self_kind, const char *self_id,
	char kind[16], char id[65])
{
	pend_list l;
	money_match m = { invoice, self_kind, self_id };
	kind[0] = id[0] = '\0';
	memset(&l, 0, sizeof(l));
	l.waiting_too = true;
	return invoice && invoice[0] && pending_find(eng, &l, money_match_cb, &m, kind, id);
}

/* What a payment's or credit note's stored document leaves as the customer's
 * credit: its amount less what its applies_to apply (0 for a deletion, or a
 * document of another customer than cust). */
qs_money qse_doc_unapplied(json_object *d, const char *cust)
{
	json_object *ap = qse_jget(d, "applies_to");
	const char *c = qse_jstr(d, "customer");
	size_t i, n = ap && json_object_is_type(ap, json_type_array) ? json_object_array_length(ap) : 0;
	qs_money left;
	if (!d || !c || strcmp(c, cust) != 0 || qse_is_deleted(d) || !qse_jget(d, "amount")) {
		return 0;
	}
	left = json_object_get_int64(qse_jget(d, "amount"));
	for (i = 0; i < n; i++) {
		json_object *a = qse_jget(json_object_array_get_idx(ap, i), "amount");
		left -= a ? json_object_get_int64(a) : 0;
	}
	return left;
}

/* On its way (dep_behind: not refused, set aside, or waiting for a record
 * that moves money) with credit of the customer's (ud) left over. */
static bool credit_match_cb(const qs_entity *en, void *ud)
{
	json_object *d;
	bool yes;
	if (!dep_behind(en) || !en->doc) {
		return false;
	}
	d = qs_json_parse(en->doc, strlen(en->doc), NULL);
	yes = qse_doc_unapplied(d, ud) > 0;
	json_object_put(d);
	return yes;
}

bool qse_credit_pending_for(qs_engine *eng, const char *customer, char kind[16], char id[65])
{
	pend_list l;
	kind[0] = id[0] = '\0';
	memset(&l, 0, sizeof(l));
	l.waiting_too = true;
	l.credit_only = true;
	return customer && customer[0] && pending_find(eng, &l, credit_match_cb, (void *)customer, kind, id);
}

/* Whether a record others depend on can be referred to: in QBO, not in
 * Mismatch (QBO holds other money for it: what depends on it waits), and not
 * behind its latest version (dep_behind). */
bool qse_dep_ready(const qs_entity *dep)
{
	return dep->exists && dep->qbo_id[0] && dep->state != QS_STATE_MISMATCH && !dep_behind(dep);
}

/* Whether qse_deliver_one has delivered (kind, id) for the record of c already. */
static bool dep_delivered(const deliver_ctx *c, const char *kind, const char *id)
{
	size_t i;
	for (i = 0; i < c->n_dep_done; i++) {
		if (!strcmp(c->dep_done[i].kind, kind) && !strcmp(c->dep_done[i].id, id)) {
			return true;
		}
	}
	return false;
}

/* A local record another one depends on: its QBO Id, read from the store.
 * One still queued is named in c->dep_kind/dep_id when c->dep_first (the
 * answer Waiting): qse_deliver_one delivers it, then resolves it again. */
static qs_status resolve_local(deliver_ctx *c, const char *kind, const char *local_id, char qbo_id[32],
	bool *never_pushed, qs_error *e)
{
	const qs_kind *k = qs_kind_find(kind);
	qs_engine *eng = c->eng;
	qs_entity dep;
	qs_status r;
	*never_pushed = false;
	r = qs_store_entity_ref(eng->store, eng->conn_key, kind, local_id, &dep, e);
	if (r != QS_OK) {
		return r;
	}
	if (dep.exists && !dep.qbo_id[0] && dep.q_status == QS_OUTBOX_NONE && k && k->start_when_needed && dep.state == QS_STATE_SKIPPED
			&& strstr(dep.reason, "(option sync_start)")) {
		/* a customer from before the sync start date goes after all when a later record needs it */
		qs_entity_clear(&dep);
		r = qse_begin_entity(eng, kind, local_id, &dep, e);
		if (r != QS_OK) {
			return r;
		}
		dep.state = QS_STATE_NOT_TRIED;
		dep.reason[0] = '\0';
		dep.q_status = QS_OUTBOX_QUEUED;
		dep.q_version = dep.version;
		dep.q_attempts = 0;
		dep.next_try = qs_store_now();
		r = qse_save_commit(eng, &dep, e);
		qs_entity_clear(&dep);
		if (r != QS_OK) {
			return r;
		}
		r = qs_store_entity_ref(eng->store, eng->conn_key, kind, local_id, &dep, e);
		if (r != QS_OK) {
			return r;
		}
	}
	if (dep.exists && !dep.qbo_id[0] && dep.q_status != QS_OUTBOX_NONE && eng->depth < MAX_DEPTH && !c->no_deliver
			&& !dep_delivered(c, kind, local_id) && c->dep_first) {
		/* the caller delivers it first, then maps this record again */
		qs_entity_clear(&dep);
		qs_strlcpy(c->dep_kind, kind, sizeof(c->dep_kind));
		qs_strlcpy(c->dep_id, local_id, sizeof(c->dep_id));
		return qs_error_set(e, QS_EWAITING, "Waiting on %s %s", kind, local_id);
	}
	if (qse_dep_ready(&dep)) {
		qs_strlcpy(qbo_id, dep.qbo_id, 32);
		qs_entity_clear(&dep);
		return QS_OK;
	}
	qs_strlcpy(c->wait_kind, kind, sizeof(c->wait_kind));
	qs_strlcpy(c->wait_id, local_id, sizeof(c->wait_id));
	if (!dep.exists) {
		*never_pushed = true;
		r = qs_error_set(e, QS_EWAITING, "Waiting on %s %s", kind, local_id);
	} else if (dep.state == QS_STATE_ERROR || dep.state == QS_STATE_MISMATCH) {
		r = qs_error_set(e, QS_EWAITING, "Waiting on %s %s, which is in %s: %s", kind, local_id, qs_state_name(dep.state),
			qse_reason_body(kind, local_id, dep.reason));
	} else if (dep.qbo_id[0] && dep_behind(&dep)) {
		r = qs_error_set(e, QS_EWAITING, "Waiting on %s %s, whose latest version is not in QuickBooks yet", kind, local_id);
	} else {
		r = qs_error_set(e, QS_EWAITING, "Waiting on %s %s", kind, local_id);
	}
	qs_entity_clear(&dep);
	return r;
}

/* The plan's memo of resolved references: an open-addressing table of
 * (kind, local id) -> QBO id, only successful answers (an empty id is one:
 * no mapping, QBO's default). */
typedef struct ref_slot {
	char kind[24];
	char local[65];
	char qbo_id[32];
	bool used;
} ref_slot;

/* A record kind the company has no mapping of (purpose ''), found while planning. */
#define MAP_NONE_MAX 8

struct qse_ref_memo {
	ref_slot *v;
	size_t cap, n;
	bool planning;            /* the plan's snapshot: map_none may answer */
	char map_none[MAP_NONE_MAX][24];
	char map_some[MAP_NONE_MAX][24];
	size_t n_none, n_some;
};

void qse_ref_memo_begin(qs_engine *eng)
{
	struct qse_ref_memo *m = calloc(1, sizeof(*m));
	if (m) {
		m->cap = 256;
		m->v = calloc(m->cap, sizeof(*m->v));
		if (!m->v) {
			free(m);
			m = NULL;
		} else {
			m->planning = true;
		}
	}
	qse_ref_memo_end(eng);
	eng->ref_memo = m;   /* NULL (out of memory): every reference is read from the store */
}

void qse_ref_memo_plan_end(qs_engine *eng)
{
	if (eng->ref_memo) {
		eng->ref_memo->planning = false;
		eng->ref_memo->n_none = eng->ref_memo->n_some = 0;
	}
}

/* Only the kinds of billing records (referred to as local records): no
 * mapping of them is written while a wave is planned (the engine's own items
 * and accounts are). */
static bool plan_map_kind(const char *kind)
{
	const qs_kind *k = qs_kind_find(kind);
	return k && k->ref == QS_REF_LOCAL && strlen(kind) < 24;
}

qs_status qse_plan_map_get(qs_engine *eng, const char *kind, const char *local_id, qs_mapping *m, bool *found,
	qs_error *e)
{
	struct qse_ref_memo *mm = eng->ref_memo;
	size_t i;
	qs_status r;
	if (mm && mm->planning && plan_map_kind(kind)) {
		bool some = false;
		for (i = 0; i < mm->n_none; i++) {
			if (!strcmp(mm->map_none[i], kind)) {
				*found = false;
				memset(m, 0, sizeof(*m));
				return QS_OK;
			}
		}
		for (i = 0; i < mm->n_some && !some; i++) {
			some = !strcmp(mm->map_some[i], kind);
		}
		if (!some && mm->n_none < MAP_NONE_MAX && mm->n_some < MAP_NONE_MAX) {
			bool any = false;
			r = qs_store_map_any(eng->store, eng->conn_key, kind, NULL, m, &any, e);
			if (r != QS_OK) {
				return r;
			}
			qs_strlcpy(any ? mm->map_some[mm->n_some++] : mm->map_none[mm->n_none++], kind, 24);
			if (!any) {
				*found = false;
				memset(m, 0, sizeof(*m));
				return QS_OK;
			}
		}
	}
	return qs_store_map_get(eng->store, eng->conn_key, kind, local_id, NULL, m, found, e);
}

void qse_ref_memo_end(qs_engine *eng)
{
	if (eng->ref_memo) {
		free(eng->ref_memo->v);
		free(eng->ref_memo);
		eng->ref_memo = NULL;
	}
}

static size_t ref_hash(const char *kind, const char *local)
{
	size_t h = 2166136261u;
	for (; *kind; kind++) {
		h = (h ^ (unsigned char)*kind) * 16777619u;
	}
	h = (h ^ 0xff) * 16777619u;
	for (; *local; local++) {
		h = (h ^ (unsigned char)*local) * 16777619u;
	}
	return h;
}

/* The slot of (kind, local): its entry, or the free slot it would take. */
static ref_slot *ref_find(struct qse_ref_memo *m, const char *kind, const char *local)
{
	size_t i = ref_hash(kind, local) & (m->cap - 1);
	while (m->v[i].used && (strcmp(m->v[i].kind, kind) != 0 || strcmp(m->v[i].local, local) != 0)) {
		i = (i + 1) & (m->cap - 1);
	}
	return &m->v[i];
}

static void ref_remember(struct qse_ref_memo *m, const char *kind, const char *local, const char *qbo_id)
{
	ref_slot *sl;
	if (strlen(kind) >= sizeof(sl->kind) || strlen(local) >= sizeof(sl->local)) {
		return;
	}
	if ((m->n + 1) * 2 > m->cap) {
		/* kept at most half full: double it */
		ref_slot *old = m->v, *nv = calloc(m->cap * 2, sizeof(*nv));
		size_t i, ocap = m->cap;
		if (!nv) {
			return;
		}
		m->v = nv;
		m->cap *= 2;
		for (i = 0; i < ocap; i++) {
			if (old[i].used) {
				*ref_find(m, old[i].kind, old[i].local) = old[i];
			}
		}
		free(old);
	}
	sl = ref_find(m, kind, local);
	if (!sl->used) {
		sl->used = true;
		qs_strlcpy(sl->kind, kind, sizeof(sl->kind));
		qs_strlcpy(sl->local, local, sizeof(sl->local));
		m->n++;
	}
	qs_strlcpy(sl->qbo_id, qbo_id, sizeof(sl->qbo_id));
}

static qs_status resolve_ref(deliver_ctx *c, const char *kind, const char *local_id, char qbo_id[32], qs_error *e);

qs_status qse_resolve(void *ud, const char *kind, const char *local_id, char qbo_id[32], qs_error *e)
{
	deliver_ctx *c = ud;
	struct qse_ref_memo *m = c->no_deliver ? c->eng->ref_memo : NULL;
	const char *local = local_id ? local_id : "*";
	qs_status r;
	if (m) {
		ref_slot *sl = ref_find(m, kind, local);
		if (sl->used) {
			qs_strlcpy(qbo_id, sl->qbo_id, 32);
			return QS_OK;
		}
	}
	r = resolve_ref(c, kind, local_id, qbo_id, e);
	if (r == QS_OK && m) {
		ref_remember(m, kind, local, qbo_id);
	}
	return r;
}

static qs_status resolve_ref(deliver_ctx *c, const char *kind, const char *local_id, char qbo_id[32], qs_error *e)
{
	qs_engine *eng = c->eng;
	const qs_kind *k = qs_kind_find(kind);
	qs_kind_ref ref = k ? k->ref : QS_REF_MAP;
	qs_mapping m;
	bool found = false, never = false;
	qs_status r;
	const char *purpose = NULL;
	char mkind[24];

	qbo_id[0] = '\0';
	qs_strlcpy(mkind, kind, sizeof(mkind));
	if (!strncmp(kind, "account:", 8)) {
		purpose = kind + 8;
		qs_strlcpy(mkind, "account", sizeof(mkind));
	}
	if (!local_id) {
		local_id = "*";
	}
	/* 1. an explicit mapping */
	r = purpose || !c->no_deliver ? qs_store_map_get(eng->store, eng->conn_key, mkind, local_id, purpose, &m, &found, e)
		: qse_plan_map_get(eng, mkind, local_id, &m, &found, e);
	if (r != QS_OK) {
		return r;
	}
	if (found) {
		qs_strlcpy(qbo_id, m.qbo_id, 32);
		return QS_OK;
	}
	if (ref == QS_REF_LOCAL) {
		return resolve_local(c, kind, local_id, qbo_id, &never, e);
	}
	if (ref == QS_REF_LOCAL_OR_OWN && !strcmp(local_id, QSM_WRITEOFF_ITEM)) {
		return own_item(eng, local_id, qbo_id, e);
	}
	if (ref == QS_REF_LOCAL_OR_OWN) {
		if (strcmp(local_id, "*") != 0) {
			r = resolve_local(c, kind, local_id, qbo_id, &never, e);
			if (r != QS_EWAITING || !never) {
				return r;
			}
			/* an item never pushed: the fallback item */
			c->wait_kind[0] = c->wait_id[0] = '\0';
			qs_error_clear(e);
		}
		return own_item(eng, "*", qbo_id, e);
	}
	if (purpose) {
		/* a gateway's cash account (deposit, refund) is its own, else the one of "*":
		 * never another gateway's (its clearing account would not reconcile) */
		bool per_gateway = !strcmp(purpose, "deposit") || !strcmp(purpose, "refund");
		r = qs_store_map_get(eng->store, eng->conn_key, "account", "*", purpose, &m, &found, e);
		if (r == QS_OK && !found && !per_gateway) {
			r = qs_store_map_any(eng->store, eng->conn_key, "account", purpose, &m, &found, e);
		}
		if (r != QS_OK) {
			return r;
		}
		if (found) {
			qs_strlcpy(qbo_id, m.qbo_id, 32);
			return QS_OK;
		}
		if (!strcmp(purpose, "income")) {
			return qse_income_account(eng, qbo_id, e);
		}
		if (!strcmp(purpose, "refund")) {
			return refund_account(eng, qbo_id, e);
		}
		if (!strcmp(purpose, "expense")) {
			return qse_expense_account(eng, qbo_id, e);   /* asked for outside the US only */
		}
		return QS_OK;   /* no mapping: QBO's default account (empty id) */
	}
	if (ref == QS_REF_MAP_NEEDED) {
		if (!strcmp(local_id, "*")) {
			return QS_OK;
		}
		/* an unmapped tax is never dropped: the record waits until qbo_map('tax') maps it */
		qs_strlcpy(c->wait_kind, "tax", sizeof(c->wait_kind));
		qs_strlcpy(c->wait_id, local_id, sizeof(c->wait_id));
		return qs_error_set(e, QS_EWAITING, "Waiting on tax \"%s\": map it to a QuickBooks tax code with qbo_map($conn, 'tax', '%s', '<QBO TaxCode Id>')",
			local_id, local_id);
	}
	/* payment_method, term, currency: optional; no mapping means none */
	if (strcmp(local_id, "*") != 0) {
		r = qs_store_map_get(eng->store, eng->conn_key, mkind, "*", NULL, &m, &found, e);
		if (r == QS_OK && found) {
			qs_strlcpy(qbo_id, m.qbo_id, 32);
		}
		return r;
	}
	return QS_OK;
}

/* A QBO Id the engine can keep: a JSON string of 1..QSE_QBO_ID_MAX digits.
 * Anything else in a 2xx answer (missing, empty, an object, a number, too
 * long) leaves the write's outcome unknown. */
#define QSE_QBO_ID_MAX 30

bool qse_usable_id(json_object *obj)
{
	json_object *v = qse_jget(obj, "Id");
	const char *s;
	size_t n, i;
	if (!v || !json_object_is_type(v, json_type_string)) {
		return false;
	}
	s = json_object_get_string(v);
	n = s ? strlen(s) : 0;
	if (n == 0 || n > QSE_QBO_ID_MAX) {
		return false;
	}
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9') {
			return false;
		}
	}
	return true;
}

void qse_take_ids(qs_entity *en, json_object *obj)
{
	const char *tok = qse_jstr(obj, "SyncToken");
	if (qse_usable_id(obj)) {
		qs_strlcpy(en->qbo_id, qse_jstr(obj, "Id"), sizeof(en->qbo_id));
	}
	if (tok) {
		qs_strlcpy(en->sync_token, tok, sizeof(en->sync_token));
	}
}

/* The marker the engine puts on customers (Notes; transactions get theirs
 * from the mapping, in PrivateNote). */
void qse_add_customer_marker(json_object *body, const char *id)
{
	char note[96];
	size_t n = strnlen(id, 64);
	if (qse_jget(body, "Notes")) {
		return;
	}
	/* "qbosync:customer:" and the id's first 64 bytes */
	memcpy(note, "qbosync:customer:", 17);
	memcpy(note + 17, id, n);
	QS_JSON_ADD(body, "Notes", json_object_new_string_len(note, (int)(17 + n)));
}

/* The QBO body of a record's document, its references resolved through c
 * (from mappings and entities; with c->no_deliver never by delivering a
 * dependency first). Customers a create is built for get their marker. */
qs_status qse_map_body(qs_engine *eng, const qs_entity *en, deliver_ctx *c, json_object *norm,
	const char **entity, json_object **body, qs_error *e)
{
	qs_map_ctx mctx;
	qs_status r;
	memset(&mctx, 0, sizeof(mctx));
	mctx.resolve = qse_resolve;
	mctx.ud = c;
	mctx.home_currency = eng->home_currency[0] ? eng->home_currency : "USD";
	mctx.us_company = qs_qbo_us_tax_model(eng->country);
	*body = NULL;
	r = qs_map_to_qbo(en->kind, norm, &mctx, entity, body, e);
	if (r == QS_OK) {
		r = qse_currency_prepare(eng, en, norm, *body, e);
	}
	if (r == QS_OK && en->kind_id == QS_KIND_CUSTOMER && !en->qbo_id[0]) {
		qse_add_customer_marker(*body, en->id);
	}
	return r;
}
