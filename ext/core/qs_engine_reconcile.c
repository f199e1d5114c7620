/* qs_engine_reconcile: the reconciliation report of a period: per kind
 * (invoice, payment, refund, credit, writeoff) the count and sum of the billing
 * system's records (read through the WHMCS lists or the source, as the
 * history push reads them) and of QBO's (queried by TxnDate), and the records
 * that differ: missing on one side, or other money. QBO's CreditMemos are
 * credit notes, or write-offs by their marker; the Payments of 0 that apply
 * them are neither payments nor credits. Reads only. */
#include "qs_engine_int.h"
#include "qs_map.h"
#include "qs_money.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REC_PAGE 100
#define REC_QBO_PAGE QS_QBO_PAGE
#define REC_DIFFER_MAX 500   /* differing records listed per kind */

static const char *const rec_kinds[] = {"invoice", "payment", "refund", "credit", "writeoff"};
#define REC_WRITEOFF 4
#define REC_N (sizeof(rec_kinds) / sizeof(rec_kinds[0]))

typedef struct rec_side {
	long count;
	qs_money sum;
} rec_side;

typedef struct rec_ctx {
	qs_engine *eng;
	const char *from, *to;
	bool want[REC_N];
	rec_side billing[REC_N];
	json_object *records[REC_N];   /* local id -> minor units (billing records of the period) */
	json_object *failed;           /* records that could not be read */
	int decimals;
} rec_ctx;

static int kind_index(const char *kind)
{
	size_t i;
	for (i = 0; i < REC_N; i++) {
		if (!strcmp(rec_kinds[i], kind)) {
			return (int)i;
		}
	}
	return -1;
}

static qs_money doc_money(const char *kind, json_object *norm)
{
	qs_kind_id kind_id = qs_kind_of(kind);
	json_object *v = qse_jget(norm, kind_id != QS_KIND_INVOICE ? "amount" : "total");
	return v ? (qs_money)json_object_get_int64(v) : 0;
}

static void money_text(qs_money m, int decimals, char buf[40])
{
	qs_money_format(m, decimals, buf, 40);
}

static qs_status rec_emit(void *ud, const char *kind, json_object *doc, qs_error *e)
{
	rec_ctx *c = ud;
	int k = kind_index(kind);
	json_object *norm = NULL;
	qs_error ve;
	const char *d, *id, *status;
	(void)e;
	if (k < 0 || !c->want[k]) {
		return QS_OK;   /* a dependency (customer, item) or a kind not asked for */
	}
	qs_error_clear(&ve);
	if (qs_map_validate(kind, doc, c->eng->home_currency[0] ? c->eng->home_currency : "USD", &norm, &ve) != QS_OK) {
		json_object *f = json_object_new_object();
		json_object_object_add(f, "kind", json_object_new_string(kind));
		json_object_object_add(f, "id", qse_jstr_new(qse_jstr(doc, "id")));
		json_object_object_add(f, "reason", json_object_new_string(ve.message));
		json_object_array_add(c->failed, f);
		json_object_put(norm);
		return QS_OK;
	}
	if (k == REC_WRITEOFF) {
		qse_writeoff_date(c->eng, norm);   /* WHMCS's carries none: the day it was recorded */
	}
	d = qse_jstr(norm, "date");
	id = qse_jstr(norm, "id");
	status = qse_jstr(norm, "status");
	if (!d || !id || strncmp(d, c->from, 10) < 0 || strncmp(d, c->to, 10) > 0
			|| (status && (!strcmp(status, "draft") || !strcmp(status, "cancelled")))) {
		json_object_put(norm);   /* outside the period; drafts and cancelled invoices are not books */
		return QS_OK;
	}
	if (!json_object_object_get_ex(c->records[k], id, NULL)) {
		qs_money m = doc_money(kind, norm);
		c->billing[k].count++;
		c->billing[k].sum += m;
		json_object_object_add(c->records[k], id, json_object_new_int64(m));
	}
	json_object_put(norm);
	return QS_OK;
}

static void rec_skip(void *ud, const char *kind, const char *id, const char *reason)
{
	(void)ud; (void)kind; (void)id; (void)reason;
}

static void rec_outside(void *ud)
{
	(void)ud;
}

static void rec_fail(void *ud, const char *kind, const char *id, const char *message)
{
	rec_ctx *c = ud;
	json_object *f = json_object_new_object();
	json_object_object_add(f, "kind", json_object_new_string(kind));
	json_object_object_add(f, "id", qse_jstr_new(id));
	json_object_object_add(f, "reason", json_object_new_string(message));
	json_object_array_add(c->failed, f);
}

static void differ_add(json_object *list, const char *id, const char *qbo_id, const char *billing, const char *qbo,
	const char *reason)
{
	json_object *o;
	if (json_object_array_length(list) >= REC_DIFFER_MAX) {
		return;
	}
	o = json_object_new_object();
	json_object_object_add(o, "id", qse_jstr_new(id));
	json_object_object_add(o, "qbo_id", qse_jstr_new(qbo_id));
	json_object_object_add(o, "billing", qse_jstr_new(billing));
	json_object_object_add(o, "qbo", qse_jstr_new(qbo));
	json_object_object_add(o, "reason", json_object_new_string(reason));
	json_object_array_add(list, o);
}

/* Whether a QBO row of kind's entity is one of kind's records: a write-off's
 * CreditMemo is not a credit note, a credit application's Payment of 0 not a payment. */
static bool row_of_kind(const char *kind, json_object *row)
{
	qs_kind_id kind_id = qs_kind_of(kind);
	const char *note = qse_jstr(row, "PrivateNote");
	bool wo = note && !strncmp(note, "qbosync:writeoff:", 17);
	if (kind_id == QS_KIND_WRITEOFF) {
		return wo;
	}
	if (kind_id == QS_KIND_CREDIT) {
		return !wo;
	}
	if (kind_id == QS_KIND_PAYMENT && note && !strncmp(note, "qbosync:", 8)) {
		size_t n = strlen(note), t = strlen(" credit applied");
		return !(n > t && !strcmp(note + n - t, " credit applied") && qse_amount_is_zero(qse_jget(row, "TotalAmt")));
	}
	return true;
}

/* Whether QBO voided a row: its amounts zeroed and "Voided" put before its
 * note. A voided transaction stays readable but is not in the books: it is
 * neither counted nor summed, as the billing system's cancelled invoices are not. */
static bool row_voided(json_object *row)
{
	const char *note = qse_jstr(row, "PrivateNote");
	return note && !strncmp(note, "Voided", 6) && qse_amount_is_zero(qse_jget(row, "TotalAmt"));
}

/* QBO's records of one kind dated in the period: qbo_id -> minor units, and
 * the voided ones apart (qbo_id -> 0). */
static qs_status qbo_side(rec_ctx *c, const char *kind, json_object *amounts, json_object *voided, rec_side *side, qs_error *e)
{
	const char *entity = qse_qbo_entity_of(kind);
	long start;
	for (start = 1; start < 10000000; start += REC_QBO_PAGE) {
		char sql[256];
		json_object *rows = NULL;
		size_t i, n;
		qs_status r;
		snprintf(sql, sizeof(sql), "select * from %s where TxnDate >= '%.10s' and TxnDate <= '%.10s' orderby Id startposition %ld maxresults %d",
			entity, c->from, c->to, start, REC_QBO_PAGE);
		r = qse_api(c->eng, OP_QUERY, entity, NULL, NULL, NULL, NULL, sql, &rows, e);
		if (r != QS_OK) {
			json_object_put(rows);
			return r;
		}
		n = rows ? json_object_array_length(rows) : 0;
		for (i = 0; i < n; i++) {
			json_object *row = json_object_array_get_idx(rows, i), *amt = qse_jget(row, "TotalAmt");
			const char *id = qse_jstr(row, "Id"), *txt;
			qs_money m = 0;
			if (!id || !row_of_kind(kind, row)) {
				continue;
			}
			if (row_voided(row)) {
				json_object_object_add(voided, id, json_object_new_int64(0));
				continue;
			}
			txt = amt ? json_object_to_json_string_ext(amt, JSON_C_TO_STRING_PLAIN) : "0";
			if (qs_money_parse(txt, strlen(txt), c->decimals, &m, NULL) != QS_OK) {
				m = 0;
			}
			side->count++;
			side->sum += m;
			json_object_object_add(amounts, id, json_object_new_int64(m));
		}
		json_object_put(rows);
		if (n < REC_QBO_PAGE) {
			break;
		}
	}
	return QS_OK;
}

qs_status qs_engine_reconcile(qs_engine *eng, json_object *options, bool custom, json_object **out, qs_error *e)
{
	rec_ctx c;
	qse_walk_io io;
	json_object *res = NULL, *kinds_out, *v, *period;
	static const char *const walkers[] = {"invoice", "transaction"};
	const char *from = qse_jstr(options, "from"), *to = qse_jstr(options, "to");
	qs_status r = QS_OK;
	size_t i, w;

	*out = NULL;
	memset(&c, 0, sizeof(c));
	if (!from || !to || strlen(from) != 10 || strlen(to) != 10 || from[4] != '-' || to[4] != '-' || from[7] != '-' || to[7] != '-') {
		return qs_error_set(e, QS_EVALIDATION, "qbo_reconcile: from and to are required dates as YYYY-MM-DD");
	}
	if (strcmp(from, to) > 0) {
		return qs_error_set(e, QS_EVALIDATION, "qbo_reconcile: from (%s) is after to (%s)", from, to);
	}
	v = qse_jget(options, "kinds");
	for (i = 0; i < REC_N; i++) {
		/* all by default; a source is asked for write-offs only when named */
		c.want[i] = v == NULL && !(custom && i == REC_WRITEOFF);
	}
	if (v) {
		for (i = 0; i < json_object_array_length(v); i++) {
			int k = kind_index(json_object_get_string(json_object_array_get_idx(v, i)));
			if (k < 0) {
				return qs_error_set(e, QS_EVALIDATION, "qbo_reconcile: kind \"%.40s\" is not one of invoice, payment, refund, credit, writeoff",
					json_object_get_string(json_object_array_get_idx(v, i)));
			}
			c.want[k] = true;
		}
	}
	c.eng = eng;
	c.from = from;
	c.to = to;
	c.decimals = qs_currency_decimals(eng->home_currency[0] ? eng->home_currency : "USD");
	c.failed = json_object_new_array();
	for (i = 0; i < REC_N; i++) {
		c.records[i] = json_object_new_object();
	}
	io.emit = rec_emit;
	io.skip = rec_skip;
	io.outside = rec_outside;
	io.fail = rec_fail;
	io.ud = &c;

	/* the billing side: every page of the lists that hold these kinds */
	if (custom) {
		for (i = 0; i < REC_N && r == QS_OK; i++) {
			long offset = 0, got = REC_PAGE, total;
			while (c.want[i] && got == REC_PAGE && r == QS_OK) {
				r = qse_walk_page(eng, true, rec_kinds[i], offset, REC_PAGE, from, to, &io, &got, &total, e);
				offset += got;
			}
		}
	} else {
		for (w = 0; w < 2 && r == QS_OK; w++) {
			long offset = 0, got = REC_PAGE, total;
			/* write-offs come with the invoices (Collections) */
			if (w == 0 ? !(c.want[0] || c.want[REC_WRITEOFF]) : !(c.want[1] || c.want[2] || c.want[3])) {
				continue;
			}
			while (got == REC_PAGE && r == QS_OK) {
				r = qse_walk_page(eng, false, walkers[w], offset, REC_PAGE, from, to, &io, &got, &total, e);
				offset += got;
			}
		}
	}

	/* the QBO side and the comparison, kind by kind */
	kinds_out = json_object_new_object();
	for (i = 0; i < REC_N && r == QS_OK; i++) {
		json_object *amounts, *voided, *k, *b, *q, *differ;
		rec_side qs;
		char t1[40], t2[40];
		if (!c.want[i]) {
			continue;
		}
		memset(&qs, 0, sizeof(qs));
		amounts = json_object_new_object();
		voided = json_object_new_object();
		r = qbo_side(&c, rec_kinds[i], amounts, voided, &qs, e);
		if (r != QS_OK) {
			json_object_put(amounts);
			json_object_put(voided);
			break;
		}
		differ = json_object_new_array();
		/* each billing record: its QBO record (by the mapping) and its money */
		json_object_object_foreach(c.records[i], lid, lv) {
			qs_entity en;
			qs_money bm = (qs_money)json_object_get_int64(lv);
			json_object *qv;
			money_text(bm, c.decimals, t1);
			memset(&en, 0, sizeof(en));
			if ((r = qs_store_entity_get(eng->store, eng->conn_key, rec_kinds[i], lid, &en, e)) != QS_OK) {
				qs_entity_clear(&en);
				break;
			}
			if (!en.exists || !en.qbo_id[0]) {
				char why[1200];
				snprintf(why, sizeof(why), "Not in QuickBooks%s%s%s", en.exists ? " (" : ": never pushed",
					en.exists ? qs_state_name(en.state) : "", en.exists ? (en.reason[0] ? ": " : ")") : "");
				if (en.exists && en.reason[0]) {
					size_t l = strlen(why);
					snprintf(why + l, sizeof(why) - l, "%.900s)", en.reason);
				}
				differ_add(differ, lid, NULL, t1, NULL, why);
			} else if (json_object_object_get_ex(voided, en.qbo_id, NULL)) {
				money_text(0, c.decimals, t2);
				differ_add(differ, lid, en.qbo_id, t1, t2, "Voided in QuickBooks, while the billing system still counts it");
			} else if (!json_object_object_get_ex(amounts, en.qbo_id, &qv)) {
				differ_add(differ, lid, en.qbo_id, t1, NULL,
					"Its QuickBooks record is not dated in this period (its date was changed there, or it was deleted)");
			} else {
				qs_money qm = (qs_money)json_object_get_int64(qv);
				if (qm != bm) {
					char why[160];
					money_text(qm, c.decimals, t2);
					snprintf(why, sizeof(why), "Amount differs: %s in the billing system, %s in QuickBooks", t1, t2);
					differ_add(differ, lid, en.qbo_id, t1, t2, why);
				}
				json_object_object_del(amounts, en.qbo_id);
			}
			qs_entity_clear(&en);
		}
		/* what is left in QBO is linked to no billing record of the period */
		if (r == QS_OK) {
			json_object_object_foreach(amounts, qid, qv2) {
				char lid2[65];
				bool found = false;
				money_text((qs_money)json_object_get_int64(qv2), c.decimals, t2);
				qs_store_entity_by_qbo(eng->store, eng->conn_key, rec_kinds[i], qid, lid2, &found, NULL);
				differ_add(differ, found ? lid2 : NULL, qid, NULL, t2, found
					? "In QuickBooks in this period; the billing system dates it otherwise (or no longer has it)"
					: "Only in QuickBooks: no billing record is linked to it");
			}
		}
		json_object_put(amounts);
		json_object_put(voided);
		k = json_object_new_object();
		b = json_object_new_object();
		q = json_object_new_object();
		money_text(c.billing[i].sum, c.decimals, t1);
		money_text(qs.sum, c.decimals, t2);
		json_object_object_add(b, "count", json_object_new_int64(c.billing[i].count));
		json_object_object_add(b, "sum", json_object_new_string(t1));
		json_object_object_add(q, "count", json_object_new_int64(qs.count));
		json_object_object_add(q, "sum", json_object_new_string(t2));
		json_object_object_add(k, "billing", b);
		json_object_object_add(k, "qbo", q);
		json_object_object_add(k, "differ", differ);
		json_object_object_add(kinds_out, rec_kinds[i], k);
	}
	if (r == QS_OK) {
		res = json_object_new_object();
		period = json_object_new_array();
		json_object_array_add(period, json_object_new_string(from));
		json_object_array_add(period, json_object_new_string(to));
		json_object_object_add(res, "period", period);
		json_object_object_add(res, "kinds", kinds_out);
		json_object_object_add(res, "unreadable", json_object_get(c.failed));
		*out = res;
	} else {
		json_object_put(kinds_out);
	}
	json_object_put(c.failed);
	for (i = 0; i < REC_N; i++) {
		json_object_put(c.records[i]);
	}
	return r;
}
