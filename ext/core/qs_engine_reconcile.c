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
	const char *home;              /* the company's home currency */
	bool want[REC_N];
	rec_side billing[REC_N];
	/* local id -> [minor units, currency, minor units in the home currency or
	 * null when the document names no rate] (billing records of the period) */
	json_object *records[REC_N];
	json_object *currencies[REC_N];   /* currency -> [count, sum] of those records */
	json_object *failed;           /* records that could not be read */
	int decimals;
} rec_ctx;

/* Whether a tally holds a currency other than the home currency. */
static bool foreign_in(const rec_ctx *c, json_object *by_currency)
{
	json_object_object_foreach(by_currency, code, v) {
		(void)v;
		if (strcmp(code, c->home)) {
			return true;
		}
	}
	return false;
}

static json_object *tally_side(json_object *by_currency, const char *code)
{
	json_object *o = json_object_new_object(), *t = NULL;
	char buf[40];
	json_object_object_get_ex(by_currency, code, &t);
	qs_money_format(t ? json_object_get_int64(json_object_array_get_idx(t, 1)) : 0, qs_currency_decimals(code), buf, sizeof(buf));
	json_object_object_add(o, "count", json_object_new_int64(t ? json_object_get_int64(json_object_array_get_idx(t, 0)) : 0));
	json_object_object_add(o, "sum", json_object_new_string(buf));
	return o;
}

/* Per currency (in its own units): currency -> ['billing' => [count, sum], 'qbo' => [count, sum]]. */
static json_object *currency_table(json_object *billing, json_object *qbo)
{
	json_object *out = json_object_new_object();
	json_object *sides[2] = {billing, qbo};
	int s;
	for (s = 0; s < 2; s++) {
		json_object_object_foreach(sides[s], code, v) {
			json_object *row;
			(void)v;
			if (json_object_object_get_ex(out, code, NULL)) {
				continue;
			}
			row = json_object_new_object();
			json_object_object_add(row, "billing", tally_side(billing, code));
			json_object_object_add(row, "qbo", tally_side(qbo, code));
			json_object_object_add(out, code, row);
		}
	}
	return out;
}

/* A record's slot in a per-currency tally: [count, sum]. */
static void tally(json_object *by_currency, const char *code, qs_money m)
{
	json_object *t;
	if (!json_object_object_get_ex(by_currency, code, &t)) {
		t = json_object_new_array();
		json_object_array_add(t, json_object_new_int64(0));
		json_object_array_add(t, json_object_new_int64(0));
		json_object_object_add(by_currency, code, t);
	}
	json_object_array_put_idx(t, 0, json_object_new_int64(json_object_get_int64(json_object_array_get_idx(t, 0)) + 1));
	json_object_array_put_idx(t, 1, json_object_new_int64(json_object_get_int64(json_object_array_get_idx(t, 1)) + m));
}

/* m minor units of a currency with fd decimals at rate (home units for one
 * unit, decimal text, at most 10 decimals) -> minor units of the home
 * currency (hd decimals), rounded half away from zero, as QBO's HomeTotalAmt;
 * false when the rate is not such a positive decimal. */
static bool to_home(qs_money m, int fd, const char *rate, int hd, qs_money *out)
{
	__int128 r = 0, num, den = 1, q;
	int dec = -1, i;
	const char *p;
	if (!rate || !*rate) {
		return false;
	}
	for (p = rate; *p; p++) {
		if (*p == '.' && dec < 0) {
			dec = 0;
		} else if (*p >= '0' && *p <= '9' && dec < 10 && r < ((__int128)1 << 100)) {
			r = r * 10 + (*p - '0');
			if (dec >= 0) {
				dec++;
			}
		} else {
			return false;
		}
	}
	if (r <= 0) {
		return false;
	}
	for (i = 0; i < (dec > 0 ? dec : 0); i++) {
		den *= 10;
	}
	for (i = fd; i < hd; i++) {
		r *= 10;
	}
	for (i = hd; i < fd; i++) {
		den *= 10;
	}
	num = (__int128)(m < 0 ? -m : m) * r;
	q = (2 * num + den) / (2 * den);
	*out = (qs_money)(m < 0 ? -q : q);
	return true;
}

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

/* "19.00", or "19.00 EUR" in a currency other than the home currency. */
static void money_text_in(const rec_ctx *c, qs_money m, const char *code, char buf[48])
{
	char t[40];
	money_text(m, qs_currency_decimals(code), t);
	snprintf(buf, 48, strcmp(code, c->home) ? "%s %s" : "%s", t, code);
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
		qs_money m = doc_money(kind, norm), h = m;
		const char *code = qse_jstr(norm, "currency");
		json_object *rec = json_object_new_array();
		bool known = true;
		if (!code || !*code) {
			code = c->home;
		}
		if (strcmp(code, c->home)) {
			/* its home amount at the document's own rate; one it does not
			 * name is taken from its QuickBooks record when they are compared */
			known = to_home(m, qs_currency_decimals(code), qse_jstr(norm, "exchange_rate"), c->decimals, &h);
		}
		c->billing[k].count++;
		if (known) {
			c->billing[k].sum += h;
		}
		tally(c->currencies[k], code, m);
		json_object_array_add(rec, json_object_new_int64(m));
		json_object_array_add(rec, json_object_new_string(code));
		json_object_array_add(rec, known ? json_object_new_int64(h) : NULL);
		json_object_object_add(c->records[k], id, rec);
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

/* QBO's records of one kind dated in the period: qbo_id -> [minor units,
 * currency, minor units in the home currency, ExchangeRate or null], with their
 * tally per currency, and the voided ones apart (qbo_id -> 0). */
static qs_status qbo_side(rec_ctx *c, const char *kind, json_object *amounts, json_object *by_currency, json_object *voided,
	rec_side *side, qs_error *e)
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
			json_object *row = json_object_array_get_idx(rows, i), *amt = qse_jget(row, "TotalAmt"), *rec, *xr;
			const char *id = qse_jstr(row, "Id"), *code = qse_jstr(qse_jget(row, "CurrencyRef"), "value"), *txt, *rate = NULL;
			qs_money m = 0, h;
			int fd;
			if (!id || !row_of_kind(kind, row)) {
				continue;
			}
			if (row_voided(row)) {
				json_object_object_add(voided, id, json_object_new_int64(0));
				continue;
			}
			if (!code || !*code) {
				code = c->home;
			}
			fd = qs_currency_decimals(code);
			txt = amt ? json_object_to_json_string_ext(amt, JSON_C_TO_STRING_PLAIN) : "0";
			if (qs_money_parse(txt, strlen(txt), fd, &m, NULL) != QS_OK) {
				m = 0;
			}
			h = m;
			if ((xr = qse_jget(row, "ExchangeRate")) != NULL) {
				rate = json_object_get_type(xr) == json_type_string ? json_object_get_string(xr)
					: json_object_to_json_string_ext(xr, JSON_C_TO_STRING_PLAIN);
			}
			if (strcmp(code, c->home)) {
				/* QBO's own home amount, or (a Payment has none) its total at its rate */
				json_object *ht = qse_jget(row, "HomeTotalAmt");
				const char *htxt = ht ? json_object_to_json_string_ext(ht, JSON_C_TO_STRING_PLAIN) : NULL;
				if (!htxt || qs_money_parse(htxt, strlen(htxt), c->decimals, &h, NULL) != QS_OK) {
					if (!to_home(m, fd, rate, c->decimals, &h)) {
						h = m;   /* booked at 1:1 (QBO's answer without a rate) */
					}
				}
			}
			side->count++;
			side->sum += h;
			tally(by_currency, code, m);
			rec = json_object_new_array();
			json_object_array_add(rec, json_object_new_int64(m));
			json_object_array_add(rec, json_object_new_string(code));
			json_object_array_add(rec, json_object_new_int64(h));
			json_object_array_add(rec, rate ? json_object_new_string(rate) : NULL);
			json_object_object_add(amounts, id, rec);
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
	c.home = eng->home_currency[0] ? eng->home_currency : "USD";
	c.decimals = qs_currency_decimals(c.home);
	c.failed = json_object_new_array();
	for (i = 0; i < REC_N; i++) {
		c.records[i] = json_object_new_object();
		c.currencies[i] = json_object_new_object();
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
		json_object *amounts, *voided, *qcur, *k, *b, *q, *differ;
		rec_side qs;
		char t1[48], t2[48];
		if (!c.want[i]) {
			continue;
		}
		memset(&qs, 0, sizeof(qs));
		amounts = json_object_new_object();
		qcur = json_object_new_object();
		voided = json_object_new_object();
		r = qbo_side(&c, rec_kinds[i], amounts, qcur, voided, &qs, e);
		if (r != QS_OK) {
			json_object_put(amounts);
			json_object_put(qcur);
			json_object_put(voided);
			break;
		}
		differ = json_object_new_array();
		/* each billing record: its QBO record (by the mapping) and its money */
		json_object_object_foreach(c.records[i], lid, lv) {
			qs_entity en;
			qs_money bm = (qs_money)json_object_get_int64(json_object_array_get_idx(lv, 0));
			const char *bcode = json_object_get_string(json_object_array_get_idx(lv, 1));
			bool home_known = json_object_array_get_idx(lv, 2) != NULL;
			json_object *qv;
			money_text_in(&c, bm, bcode, t1);
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
				money_text_in(&c, 0, bcode, t2);
				differ_add(differ, lid, en.qbo_id, t1, t2, "Voided in QuickBooks, while the billing system still counts it");
			} else if (!json_object_object_get_ex(amounts, en.qbo_id, &qv)) {
				differ_add(differ, lid, en.qbo_id, t1, NULL,
					"Its QuickBooks record is not dated in this period (its date was changed there, or it was deleted)");
			} else {
				qs_money qm = (qs_money)json_object_get_int64(json_object_array_get_idx(qv, 0)), h;
				const char *qcode = json_object_get_string(json_object_array_get_idx(qv, 1));
				json_object *qrate = json_object_array_get_idx(qv, 3);
				money_text_in(&c, qm, qcode, t2);
				if (!home_known && qrate && to_home(bm, qs_currency_decimals(bcode), json_object_get_string(qrate), c.decimals, &h)) {
					c.billing[i].sum += h;   /* a document without a rate: at its QuickBooks record's */
				}
				if (strcmp(bcode, qcode)) {
					char why[96];
					snprintf(why, sizeof(why), "Currency differs: %s in the billing system, %s in QuickBooks", bcode, qcode);
					differ_add(differ, lid, en.qbo_id, t1, t2, why);
				} else if (qm != bm) {
					char why[160];
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
				money_text_in(&c, (qs_money)json_object_get_int64(json_object_array_get_idx(qv2, 0)),
					json_object_get_string(json_object_array_get_idx(qv2, 1)), t2);
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
		if (foreign_in(&c, c.currencies[i]) || foreign_in(&c, qcur)) {
			json_object_object_add(k, "currencies", currency_table(c.currencies[i], qcur));
		}
		json_object_put(qcur);
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
		json_object_put(c.currencies[i]);
	}
	return r;
}
