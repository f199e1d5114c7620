/* qs_verify: compares the record QBO holds with the normalised billing document
 * (the rules per kind are in qs_verify.h) and names the cause of a difference
 * when it can: an unmapped tax, a tax code of another rate, QBO's own tax, an
 * application or credit missing in QBO, another currency. */
#include "qs_verify.h"
#include "qs_kind.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct vs {
	const qs_verify_ctx *ctx;
	const char *kind;
	const char *title;  /* "Invoice" */
	const char *id;
	int decimals;
	json_object *norm, *qbo;
	qs_verdict *v;
	qs_error *e;
} vs;

/* ------------------------------------------------------------------ reading */

static json_object *jget(json_object *o, const char *key)
{
	json_object *v = NULL;
	if (!o || !json_object_is_type(o, json_type_object) || !json_object_object_get_ex(o, key, &v)) {
		return NULL;
	}
	return v && !json_object_is_type(v, json_type_null) ? v : NULL;
}

static const char *jstr(json_object *o, const char *key)
{
	json_object *v = jget(o, key);
	return v && json_object_is_type(v, json_type_string) ? json_object_get_string(v) : NULL;
}

static int64_t jint(json_object *o, const char *key, int64_t dflt)
{
	json_object *v = jget(o, key);
	return v && json_object_is_type(v, json_type_int) ? json_object_get_int64(v) : dflt;
}

static size_t jlen(json_object *arr)
{
	return arr && json_object_is_type(arr, json_type_array) ? json_object_array_length(arr) : 0;
}

bool qs_verify_amount(json_object *val, int decimals, qs_money *out)
{
	const char *t, *p;
	int64_t digits = 0;
	int nd = 0, frac = 0, exp = 0, shift, i;
	bool neg = false, seen_dot = false, any = false;

	*out = 0;
	if (!val) {
		return true;
	}
	if (json_object_is_type(val, json_type_int)) {
		int64_t u = json_object_get_int64(val);
		for (i = 0; i < decimals; i++) {
			if (__builtin_mul_overflow(u, 10, &u)) {
				return false;
			}
		}
		*out = u;
		return true;
	}
	if (!json_object_is_type(val, json_type_double) && !json_object_is_type(val, json_type_string)) {
		return false;
	}
	t = json_object_get_string(val);
	if (!t) {
		return false;
	}
	p = t;
	if (*p == '-' || *p == '+') {
		neg = *p == '-';
		p++;
	}
	for (; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			any = true;
			if (digits == 0 && *p == '0') {
				if (seen_dot) {
					frac++;
				}
				continue;
			}
			if (nd >= 18) {
				return false;
			}
			digits = digits * 10 + (*p - '0');
			nd++;
			if (seen_dot) {
				frac++;
			}
		} else if (*p == '.' && !seen_dot) {
			seen_dot = true;
		} else {
			break;
		}
	}
	if (!any) {
		return false;
	}
	if (*p == 'e' || *p == 'E') {
		char *end;
		long x = strtol(p + 1, &end, 10);
		if (end == p + 1 || *end || x > 40 || x < -40) {
			return false;
		}
		exp = (int)x;
	} else if (*p) {
		return false;
	}
	shift = decimals + exp - frac;
	for (; shift > 0; shift--) {
		if (__builtin_mul_overflow(digits, 10, &digits)) {
			return false;
		}
	}
	for (; shift < 0; shift++) {
		if (digits % 10 != 0) {
			return false;   /* finer than the currency's minor unit */
		}
		digits /= 10;
	}
	*out = neg ? -digits : digits;
	return true;
}

static void fmt(const vs *s, qs_money m, char *buf, size_t n)
{
	qs_money_format(m, s->decimals, buf, n);
}

/* A rate scaled by 10^4 as text: 82500 -> "8.25". */
static void fmt_rate(int64_t r, char *buf, size_t n)
{
	qs_decimal4_format(r, buf, n);
}

/* ------------------------------------------------------------------ verdicts */

/* Records the first difference: "<Title> <id>: QuickBooks <what> <q>, billing <what> <b> — <cause>". */
static void differ(vs *s, const char *field, const char *what, const char *q, const char *b, const char *fmt_cause, ...)
	__attribute__((format(printf, 6, 7)));

static void differ(vs *s, const char *field, const char *what, const char *q, const char *b, const char *fmt_cause, ...)
{
	char cause[800];
	va_list ap;
	if (!s->v->match) {
		return;   /* the first difference is the one reported */
	}
	va_start(ap, fmt_cause);
	vsnprintf(cause, sizeof(cause), fmt_cause, ap);
	va_end(ap);
	s->v->match = false;
	qs_strlcpy(s->v->field, field, sizeof(s->v->field));
	qs_strlcpy(s->v->qbo, q, sizeof(s->v->qbo));
	qs_strlcpy(s->v->billing, b, sizeof(s->v->billing));
	snprintf(s->v->reason, sizeof(s->v->reason), "%s %s: QuickBooks %s %s, billing %s %s \xE2\x80\x94 %s",
		s->title, s->id, what, q, what, b, cause);
}

static const char *generic_fix(void)
{
	return "correct the record in QuickBooks or in the billing system, then send it again with qbo_resend()";
}

/* A money figure of QBO's answer against the document's. false when they differ
 * (the verdict is filled with cause). */
static bool compare(vs *s, const char *field, const char *what, json_object *qv, qs_money billing,
	const char *cause)
{
	qs_money q;
	char a[48], b[48];
	fmt(s, billing, b, sizeof(b));
	if (!qs_verify_amount(qv, s->decimals, &q)) {
		const char *t = qv ? json_object_get_string(qv) : "";
		snprintf(a, sizeof(a), "%.40s", t ? t : "");
		differ(s, field, what, a, b, "QuickBooks answered an amount that is not a %s amount; %s",
			s->decimals ? "two-decimal" : "whole", generic_fix());
		return false;
	}
	if (q == billing) {
		return true;
	}
	fmt(s, q, a, sizeof(a));
	differ(s, field, what, a, b, "%s", cause ? cause : generic_fix());
	return false;
}

static bool check_currency(vs *s)
{
	const char *doc = jstr(s->norm, "currency");
	const char *home = s->ctx->home_currency && *s->ctx->home_currency ? s->ctx->home_currency : "USD";
	const char *q = jstr(jget(s->qbo, "CurrencyRef"), "value");
	const char *want = doc ? doc : home;
	const char *have = q ? q : home;
	if (!strcasecmp(want, have)) {
		return true;
	}
	differ(s, "currency", "currency", have, want,
		"QuickBooks keeps a record in its customer's currency and never changes a customer's currency: map the customer to a "
		"QuickBooks customer in %s (turning multi-currency on there first if it is off), then send it again with qbo_resend()", want);
	return false;
}

/* ------------------------------------------------------------------ taxes */

/* The sum of the rates of QBO's TaxLine[] (x 10^4); -1 when there are none. */
static int64_t qbo_tax_rate(json_object *qbo)
{
	json_object *lines = jget(jget(qbo, "TxnTaxDetail"), "TaxLine");
	size_t i, n = jlen(lines);
	int64_t sum = 0;
	bool any = false;
	for (i = 0; i < n; i++) {
		json_object *d = jget(json_object_array_get_idx(lines, i), "TaxLineDetail");
		qs_money r;
		if (d && qs_verify_amount(jget(d, "TaxPercent"), 4, &r)) {
			sum += r;
			any = true;
		}
	}
	return any ? sum : -1;
}

/* The sum of the document's tax rates (x 10^4); -1 when a rate is not given. */
static int64_t doc_tax_rate(json_object *norm, const char **first)
{
	json_object *taxes = jget(norm, "taxes");
	size_t i, n = jlen(taxes);
	int64_t sum = 0;
	*first = n ? jstr(json_object_array_get_idx(taxes, 0), "tax") : NULL;
	if (!n) {
		return -1;
	}
	for (i = 0; i < n; i++) {
		json_object *t = json_object_array_get_idx(taxes, i);
		if (!jget(t, "rate_e4")) {
			return -1;
		}
		sum += jint(t, "rate_e4", 0);
	}
	return sum;
}

/* Why QBO's tax differs from the document's, into out. */
static void tax_cause(vs *s, char *out, size_t n)
{
	const char *first = NULL;
	int64_t dr = doc_tax_rate(s->norm, &first), qr = qbo_tax_rate(s->qbo);
	json_object *td = jget(s->qbo, "TxnTaxDetail");
	const char *code = jstr(jget(td, "TxnTaxCodeRef"), "value");
	char a[32], b[32];

	if (first && s->ctx->us_company && !code) {
		snprintf(out, n, "tax \"%s\" is not mapped to a QuickBooks tax code: map it with qbo_map($conn, 'tax', '%s', '<QBO TaxCode Id>') "
			"and send the invoice again with qbo_resend()", first, first);
		return;
	}
	if (!first && qr > 0) {
		snprintf(out, n, "QuickBooks charged tax of its own%s%s%s: send the invoice's taxes, or mark its lines untaxed, "
			"then send it again with qbo_resend()", code ? " (tax code " : "", code ? code : "", code ? ")" : "");
		return;
	}
	if (first && dr >= 0 && qr >= 0 && dr != qr) {
		fmt_rate(qr, a, sizeof(a));
		fmt_rate(dr, b, sizeof(b));
		if (code) {
			snprintf(out, n, "QuickBooks tax code %s charges %s %% where the billing system charges %s %% (tax \"%s\"): "
				"map \"%s\" to a QuickBooks tax code of %s %% with qbo_map($conn, 'tax', '%s', '<QBO TaxCode Id>') and send the invoice again with qbo_resend()",
				code, a, b, first, first, b, first);
		} else {
			snprintf(out, n, "QuickBooks' tax codes charge %s %% where the billing system charges %s %% (tax \"%s\"): "
				"map \"%s\" to a QuickBooks tax code of %s %% with qbo_map($conn, 'tax', '%s', '<QBO TaxCode Id>') and send the invoice again with qbo_resend()",
				a, b, first, first, b, first);
		}
		return;
	}
	if (first && dr >= 0 && dr == qr) {
		qs_money qt = 0;
		char c[48], d[48];
		fmt_rate(dr, a, sizeof(a));
		qs_verify_amount(jget(td, "TotalTax"), s->decimals, &qt);
		fmt(s, qt, c, sizeof(c));
		fmt(s, jint(s->norm, "tax_total", 0), d, sizeof(d));
		snprintf(out, n, "both charge %s %%, but QuickBooks computes the tax as %s where the billing system charged %s, more than "
			"rounding explains, and kept its own figure: check the billing system's tax calculation (or correct the tax in QuickBooks), "
			"then send the invoice again with qbo_resend()", a, c, d);
		return;
	}
	snprintf(out, n, "%s", generic_fix());
}

/* ------------------------------------------------------------------ kinds */

static qs_status verify_customer(vs *s)
{
	if (jstr(s->norm, "currency")) {
		check_currency(s);
	}
	return QS_OK;
}

static qs_status verify_item(vs *s)
{
	(void)s;
	return QS_OK;
}

/* Does QBO show transactions linked to this one (payments, credits applied)? */
static bool has_links(json_object *qbo)
{
	return jlen(jget(qbo, "LinkedTxn")) > 0;
}

static qs_status verify_invoice(vs *s)
{
	qs_money total = jint(s->norm, "total", 0), tax = jint(s->norm, "tax_total", 0);
	qs_money credit = jint(s->norm, "credit_applied", 0), qtax = 0, qbal;
	char cause[800];
	bool tax_ok;

	if (!check_currency(s)) {
		return QS_OK;
	}
	/* the tax first: a total that differs by the tax is explained by it */
	tax_ok = qs_verify_amount(jget(jget(s->qbo, "TxnTaxDetail"), "TotalTax"), s->decimals, &qtax) && qtax == tax;
	if (!tax_ok) {
		tax_cause(s, cause, sizeof(cause));
	} else {
		qs_money qtotal;
		if (qs_verify_amount(jget(s->qbo, "TotalAmt"), s->decimals, &qtotal) && qtotal != total) {
			char a[48], b[48];
			fmt(s, qtotal - qtax, a, sizeof(a));
			fmt(s, total - (jget(s->norm, "tax_inclusive") && json_object_get_boolean(jget(s->norm, "tax_inclusive")) ? 0 : tax),
				b, sizeof(b));
			snprintf(cause, sizeof(cause), "the QuickBooks lines come to %s before tax where the billing lines come to %s "
				"(a discount or line QuickBooks did not take?); %s", a, b, generic_fix());
		} else {
			qs_strlcpy(cause, generic_fix(), sizeof(cause));
		}
	}
	if (!compare(s, "total", "total", jget(s->qbo, "TotalAmt"), total, cause)) {
		return QS_OK;
	}
	if (!compare(s, "tax_total", "tax total", jget(jget(s->qbo, "TxnTaxDetail"), "TotalTax"), tax, cause)) {
		return QS_OK;
	}
	if (!qs_verify_amount(jget(s->qbo, "Balance"), s->decimals, &qbal)) {
		return compare(s, "balance", "balance", jget(s->qbo, "Balance"), total - credit, NULL), QS_OK;
	}
	if (has_links(s->qbo) && qbal <= total - credit && s->ctx->linked_paid) {
		/* every link one of the billing system's payments: the balance is what
		 * they and the credit applied leave, to the cent */
		qs_money paid = -1;
		qs_status r = s->ctx->linked_paid(s->ctx->paid_ud, s->qbo, &paid, s->e);
		if (r != QS_OK) {
			return r;
		}
		if (paid >= 0 && qbal != total - credit - paid) {
			char p[48], c[48];
			fmt(s, paid, p, sizeof(p));
			fmt(s, credit, c, sizeof(c));
			snprintf(cause, sizeof(cause), "the billing system's payments linked to it in QuickBooks apply %s and its credit "
				"applied is %s, which leave another balance: a credit or payment is missing in QuickBooks or holds other money "
				"there; push the record that differs, then send the invoice again with qbo_resend()", p, c);
			compare(s, "balance", "balance", jget(s->qbo, "Balance"), total - credit - paid, cause);
			return QS_OK;
		}
	}
	if (!has_links(s->qbo) || qbal > total - credit) {
		char c[48];
		fmt(s, credit, c, sizeof(c));
		if (credit > 0 && qbal > total - credit) {
			snprintf(cause, sizeof(cause), "the credit of %s applied in the billing system is not applied to the invoice in QuickBooks: "
				"push the credit note (kind 'credit') that gave the customer this credit, then send the invoice again with qbo_resend()", c);
		} else if (qbal < total - credit) {
			snprintf(cause, sizeof(cause), "QuickBooks shows a payment or credit on the invoice that the billing system does not have; %s",
				generic_fix());
		} else {
			qs_strlcpy(cause, generic_fix(), sizeof(cause));
		}
		compare(s, "balance", "balance", jget(s->qbo, "Balance"), total - credit, cause);
	}
	return QS_OK;
}

/* The QBO Id of local invoice id, "" when it has none. */
static qs_status invoice_qbo_id(vs *s, const char *local, char out[32])
{
	qs_status r;
	qs_error e2;
	out[0] = '\0';
	if (!s->ctx->resolve) {
		return QS_OK;
	}
	qs_error_clear(&e2);
	r = s->ctx->resolve(s->ctx->ud, "invoice", local, out, &e2);
	if (r == QS_ESTORE || r == QS_EINTERNAL) {
		qs_error_copy(s->e, &e2);
		return r;
	}
	if (r != QS_OK) {
		out[0] = '\0';
	}
	return QS_OK;
}

/* Sum of the QBO lines of a Payment/CreditMemo-applying Payment linked to txn (type, id). */
static qs_money linked_sum(vs *s, const char *type, const char *txn, bool *any)
{
	json_object *lines = jget(s->qbo, "Line");
	size_t i, j, n = jlen(lines);
	qs_money sum = 0;
	*any = false;
	for (i = 0; i < n; i++) {
		json_object *l = json_object_array_get_idx(lines, i), *links = jget(l, "LinkedTxn");
		for (j = 0; j < jlen(links); j++) {
			json_object *lt = json_object_array_get_idx(links, j);
			const char *tid = jstr(lt, "TxnId"), *tt = jstr(lt, "TxnType");
			qs_money a;
			if (tid && tt && !strcmp(tt, type) && !strcmp(tid, txn) && qs_verify_amount(jget(l, "Amount"), s->decimals, &a)) {
				sum += a;
				*any = true;
			}
		}
	}
	return sum;
}

static bool drawn_seen(const char *tid, char (*ids)[32], size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		if (!strcmp(ids[i], tid)) {
			return true;
		}
	}
	return false;
}

static qs_status verify_payment(vs *s)
{
	json_object *apps = jget(s->norm, "applies_to"), *lines;
	qs_money amount = jint(s->norm, "amount", 0), applied = 0, drawn = 0;
	char drawn_ids[64][32];
	size_t n_drawn = 0;
	size_t i, j, n = jlen(apps);
	char (*ids)[32] = NULL;
	qs_status r = QS_OK;

	if (!check_currency(s) || !compare(s, "amount", "amount", jget(s->qbo, "TotalAmt"), amount, NULL)) {
		return QS_OK;
	}
	if (n) {
		ids = calloc(n, sizeof(*ids));
		if (!ids) {
			return qs_error_set(s->e, QS_EINTERNAL, "Out of memory");
		}
	}
	for (i = 0; i < n && s->v->match; i++) {
		json_object *a = json_object_array_get_idx(apps, i);
		const char *inv = jstr(a, "invoice");
		qs_money want = jint(a, "amount", 0), got;
		bool any;
		char field[48], what[96], qa[48], qb[48];
		applied += want;
		if ((r = invoice_qbo_id(s, inv ? inv : "", ids[i])) != QS_OK) {
			goto done;
		}
		got = ids[i][0] ? linked_sum(s, "Invoice", ids[i], &any) : 0;
		if (got == want) {
			continue;
		}
		snprintf(field, sizeof(field), "applies_to[%zu].amount", i);
		snprintf(what, sizeof(what), "amount applied to invoice %.64s", inv ? inv : "");
		fmt(s, got, qa, sizeof(qa));
		fmt(s, want, qb, sizeof(qb));
		differ(s, field, what, qa, qb, "%s", got < want
			? "QuickBooks did not apply the whole amount to that invoice (its open balance in QuickBooks is smaller?): "
			  "check the invoice in QuickBooks, then send the payment again with qbo_resend()"
			: generic_fix());
	}
	/* no application in QBO that the document does not make */
	lines = jget(s->qbo, "Line");
	for (i = 0; i < jlen(lines) && s->v->match; i++) {
		json_object *links = jget(json_object_array_get_idx(lines, i), "LinkedTxn");
		for (j = 0; j < jlen(links) && s->v->match; j++) {
			json_object *lt = json_object_array_get_idx(links, j);
			const char *tid = jstr(lt, "TxnId"), *tt = jstr(lt, "TxnType");
			size_t k;
			bool known = false;
			if (!tid || !tt || strcmp(tt, "Invoice") != 0) {
				continue;
			}
			for (k = 0; k < n && !known; k++) {
				known = !strcmp(ids[k], tid);
			}
			if (!known && s->ctx->credit_drawn) {
				/* the invoice's credit applied, drawn from this payment's
				 * unapplied amount: the same money, up to that credit */
				bool any;
				qs_money got = linked_sum(s, "Invoice", tid, &any), allowed = -1;
				if ((r = s->ctx->credit_drawn(s->ctx->drawn_ud, tid, &allowed, s->e)) != QS_OK) {
					goto done;
				}
				known = allowed > 0 && got <= allowed;
				if (known && !drawn_seen(tid, drawn_ids, n_drawn)) {
					if (n_drawn == sizeof(drawn_ids) / sizeof(drawn_ids[0])) {
						known = false;   /* more invoices than are followed: not judged the same */
					} else {
						drawn += got;
						snprintf(drawn_ids[n_drawn++], sizeof(drawn_ids[0]), "%s", tid);
					}
				}
			}
			if (!known) {
				char what[64];
				bool any;
				char qa[48], zero[48];
				fmt(s, linked_sum(s, "Invoice", tid, &any), qa, sizeof(qa));
				fmt(s, 0, zero, sizeof(zero));
				snprintf(what, sizeof(what), "amount applied to QBO Invoice %.20s", tid);
				differ(s, "applies_to", what, qa, zero,
					"QuickBooks applies the payment to an invoice the billing system does not; %s", generic_fix());
			}
		}
	}
	if (s->v->match && jget(s->qbo, "UnappliedAmt")) {
		compare(s, "unapplied", "unapplied amount", jget(s->qbo, "UnappliedAmt"), amount - applied - drawn, NULL);
	}
done:
	free(ids);
	return r;
}

static qs_status verify_refund(vs *s)
{
	if (check_currency(s)) {
		compare(s, "amount", "amount", jget(s->qbo, "TotalAmt"), jint(s->norm, "amount", 0), NULL);
	}
	return QS_OK;
}

static qs_status verify_credit(vs *s)
{
	json_object *apps = jget(s->norm, "applies_to");
	qs_money amount = jint(s->norm, "amount", 0), applied = 0;
	size_t i;
	char cause[600], a[48];

	if (!check_currency(s) || !compare(s, "amount", "amount", jget(s->qbo, "TotalAmt"), amount, NULL)) {
		return QS_OK;
	}
	for (i = 0; i < jlen(apps); i++) {
		applied += jint(json_object_array_get_idx(apps, i), "amount", 0);
	}
	fmt(s, applied, a, sizeof(a));
	snprintf(cause, sizeof(cause), "the %s the billing system applies to invoices is not applied in QuickBooks: "
		"send the credit again with qbo_resend() once its invoices are Synced", a);
	{
		qs_money qbal;
		/* a credit QBO shows linked may have been used further (an invoice's credit_applied) */
		if (qs_verify_amount(jget(s->qbo, "Balance"), s->decimals, &qbal) && has_links(s->qbo) && qbal < amount - applied) {
			return QS_OK;
		}
	}
	compare(s, "balance", "remaining credit", jget(s->qbo, "Balance"), amount - applied, applied ? cause : NULL);
	return QS_OK;
}

/* A write-off: its CreditMemo holds the amount, all of it applied (to its invoice). */
static qs_status verify_writeoff(vs *s)
{
	char cause[300];
	qs_money amount = jint(s->norm, "amount", 0);
	if (!check_currency(s) || !compare(s, "amount", "amount", jget(s->qbo, "TotalAmt"), amount, NULL)) {
		return QS_OK;
	}
	snprintf(cause, sizeof(cause), "QuickBooks did not apply it to invoice %.64s (is its open balance there smaller than the "
		"amount written off?): push the write-off with the invoice's open balance, or delete it with qbo_delete(); until then "
		"the CreditMemo is an open credit of the customer in QuickBooks",
		jstr(s->norm, "invoice") ? jstr(s->norm, "invoice") : "");
	compare(s, "balance", "unapplied write-off", jget(s->qbo, "Balance"), 0, cause);
	return QS_OK;
}

/* ------------------------------------------------------------------ entry */

qs_status qs_verify(const char *kind, json_object *norm, json_object *qbo, const qs_verify_ctx *ctx,
	qs_verdict *v, qs_error *e)
{
	qs_kind_id kind_id = qs_kind_of(kind);
	const qs_kind *k = qs_kind_find(kind);
	const char *cur;
	vs s;

	memset(v, 0, sizeof(*v));
	v->match = true;
	if (!k || !k->label || !norm || !qbo || !ctx) {
		return qs_error_set(e, QS_EINTERNAL, "qs_verify: not a document of a known kind");
	}
	memset(&s, 0, sizeof(s));
	s.ctx = ctx;
	s.kind = kind;
	s.title = k->label;
	s.id = jstr(norm, "id") ? jstr(norm, "id") : "";
	cur = jstr(norm, "currency");
	s.decimals = qs_currency_decimals(cur ? cur : (ctx->home_currency ? ctx->home_currency : "USD"));
	s.norm = norm;
	s.qbo = qbo;
	s.v = v;
	s.e = e;
	if (kind_id == QS_KIND_CUSTOMER) return verify_customer(&s);
	if (kind_id == QS_KIND_ITEM) return verify_item(&s);
	if (kind_id == QS_KIND_INVOICE) return verify_invoice(&s);
	if (kind_id == QS_KIND_PAYMENT) return verify_payment(&s);
	if (kind_id == QS_KIND_REFUND) return verify_refund(&s);
	if (kind_id == QS_KIND_WRITEOFF) return verify_writeoff(&s);
	return verify_credit(&s);
}
