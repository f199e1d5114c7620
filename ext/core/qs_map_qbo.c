/* qs_map_qbo: the generic parts of building QBO JSON from a normalised document:
 * reading normalised fields, money and quantities as QBO numbers, references
 * resolved through the engine's callback, markers and currency. */
#include "qs_map_int.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/*
 * Money goes out as JSON numbers whose text is exactly the amount with the
 * currency's decimals (json_object_new_double_s: the double is only for readers
 * that want a value; the serialised text comes from the integer). Refs are
 * resolved through ctx->resolve:
 *   customer, item (line item id; QS_OK with an empty id, or no item on the
 *   line -> "*", the fallback item), invoice, tax (US companies: lines carry
 *   the pseudo codes TAX/NON; the optional TxnTaxCodeRef comes from the first
 *   taxes[] entry, left out when that tax is not mapped; elsewhere: the line's tax, else the first taxes[] entry, else
 *   "*" for taxable lines, and "exempt" for untaxed lines), payment_method and
 *   account:deposit (QS_OK with an empty id = leave QBO's default: no
 *   PaymentMethodRef / DepositToAccountRef, i.e. Undeposited Funds),
 *   account:income (required for items: local id income_account, else "*"),
 *   account:refund (required for refund receipts: local id = the method, else "*").
 */

/* The readers of a normalised document find a member with qs_json_member:
 * its objects have a few keys, and a walk over them costs less than hashing
 * the key (json-c's look-up); the answer is the same. */
const char *qsm_norm_str(json_object *o, const char *key)
{
	json_object *v;
	if (qs_json_member(o, key, &v) && json_object_get_type(v) == json_type_string) {
		return json_object_get_string(v);
	}
	return NULL;
}

/* The double of text, the decimal v / 10^decimals: below 2^53 v and 10^decimals are
 * exact doubles and one division rounds the quotient once, as strtod rounds the
 * text, so both give the same double; strtod for the rest. */
static double scaled_value(int64_t v, int decimals, const char *text)
{
	static const double p10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
		1e13, 1e14, 1e15, 1e16, 1e17, 1e18 };
	const int64_t exact = (int64_t)1 << 53;
	if (decimals >= 0 && decimals <= 18 && v > -exact && v < exact) {
		return (double)v / p10[decimals];
	}
	return strtod(text, NULL);
}

json_object *qsm_money_json(qs_money m, int decimals)
{
	char buf[40];
	qs_money_format(m, decimals, buf, sizeof(buf));
	/* qs_money_format's decimals: 0 to 18 */
	return json_object_new_double_s(scaled_value(m, decimals < 0 ? 0 : decimals > 18 ? 18 : decimals, buf), buf);
}

json_object *qsm_dec4_json(int64_t v)
{
	char buf[40];
	qs_decimal4_format(v, buf, sizeof(buf));
	return json_object_new_double_s(scaled_value(v, 4, buf), buf);
}

int64_t qsm_norm_int(json_object *o, const char *key, int64_t dflt)
{
	json_object *v;
	if (qs_json_member(o, key, &v) && json_object_get_type(v) == json_type_int) {
		return json_object_get_int64(v);
	}
	return dflt;
}

bool qsm_norm_has(json_object *o, const char *key)
{
	json_object *v;
	return qs_json_member(o, key, &v);
}

bool qsm_norm_bool(json_object *o, const char *key)
{
	json_object *v;
	return qs_json_member(o, key, &v) && json_object_get_boolean(v);
}

json_object *qsm_ref_json(const char *id)
{
	json_object *r = json_object_new_object();
	QSM_ADD_NEW(r, "value", json_object_new_string(id));
	return r;
}

void qsm_add_str_literal(json_object *o, const char *key, const char *s)
{
	if (s) {
		json_object_object_add_ex(o, key, json_object_new_string(s), JSON_C_OBJECT_KEY_IS_CONSTANT);
	}
}

qs_status qsm_mapping_error(mctx *m, qs_status st, const char *element, const char *fmt, ...)
{
	char body[900];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(body, sizeof(body), fmt, ap);
	va_end(ap);
	if (!m->e) {
		return st;
	}
	qs_error_clear(m->e);
	qs_error_record(m->e, m->kind, m->id);
	qs_strlcpy(m->e->element, element ? element : "", sizeof(m->e->element));
	return qs_error_set(m->e, st, "%s %s: %s", m->title ? m->title : "Document", m->id, body);
}

/* Resolves (kind, local) to a QBO id. required: an empty answer is an error
 * (QS_ECONFIG naming what to map); otherwise *qbo_id may come back empty.
 * what (printf, at most 95 bytes) is formatted only for such a message. */
qs_status qsm_resolvef(mctx *m, const char *kind, const char *local, bool required, char qbo_id[32],
	const char *what_fmt, ...)
{
	char what[96];
	va_list ap;
	qs_status st;
	qbo_id[0] = '\0';
	if (m->ctx && m->ctx->resolve) {
		st = m->ctx->resolve(m->ctx->ud, kind, local, qbo_id, m->e);
		qbo_id[31] = '\0';
		if (st != QS_OK) {
			if (m->e && !m->e->kind[0]) {
				qs_error_record(m->e, m->kind, m->id);
			}
			if (m->e && m->e->status != st) {
				m->e->status = st;
			}
			return st;
		}
		if (!required || qbo_id[0]) {
			return QS_OK;
		}
	}
	va_start(ap, what_fmt);
	vsnprintf(what, sizeof(what), what_fmt, ap);
	va_end(ap);
	if (!m->ctx || !m->ctx->resolve) {
		return qsm_mapping_error(m, QS_EINTERNAL, "", "no reference resolver to find the QuickBooks id of %s", what);
	}
	if (!strncmp(kind, "account:", 8)) {
		return qsm_mapping_error(m, QS_ECONFIG, "", "%s has no QuickBooks counterpart; map one with qbo_map($conn, 'account', '%s', '<QBO Id>', ['purpose' => '%s'])",
			what, local, kind + 8);
	}
	return qsm_mapping_error(m, QS_ECONFIG, "", "%s has no QuickBooks counterpart; map it with qbo_map($conn, '%s', '%s', '<QBO Id>')",
		what, kind, local);
}

qs_status qsm_resolve(mctx *m, const char *kind, const char *local, bool required, const char *what,
	char qbo_id[32])
{
	return qsm_resolvef(m, kind, local, required, qbo_id, "%s", what);
}

/* PaymentRefNum: the first 21 characters of the reference. */
void qsm_add_refnum(json_object *q, json_object *norm, size_t max_chars)
{
	const char *r = qsm_norm_str(norm, "reference");
	if (r) {
		size_t cut = qsm_utf8_prefix(r, strlen(r), max_chars);
		QS_JSON_ADD(q, "PaymentRefNum", json_object_new_string_len(r, (int)cut));
	}
}

/* PrivateNote: "qbosync:<kind>:<id>" and, when given, the full reference and
 * extra text (its first 4000 characters), put together in place: on the stack
 * when it fits there. */
void qsm_add_marker(json_object *q, mctx *m, json_object *norm, const char *extra)
{
	const char *r = qsm_norm_str(norm, "reference");
	const char *part[8];
	size_t len[8], np = 0, n = 0, i, cut;
	char stack[512], *note = stack;
	part[np++] = "qbosync:";
	part[np++] = m->kind;
	part[np++] = ":";
	part[np++] = m->id;
	if (r) {
		part[np++] = " reference ";
		part[np++] = r;
	}
	if (extra) {
		part[np++] = " - ";
		part[np++] = extra;
	}
	for (i = 0; i < np; i++) {
		len[i] = strlen(part[i]);
		n += len[i];
	}
	if (n >= sizeof(stack) && !(note = malloc(n + 1))) {
		return;
	}
	for (i = 0, n = 0; i < np; i++) {
		memcpy(note + n, part[i], len[i]);
		n += len[i];
	}
	note[n] = '\0';
	/* at most 4000 bytes are at most 4000 characters */
	cut = n <= 4000 ? n : qsm_utf8_prefix(note, n, 4000);
	QS_JSON_ADD(q, "PrivateNote", json_object_new_string_len(note, (int)cut));
	if (note != stack) {
		free(note);
	}
}

void qsm_add_currency(json_object *q, mctx *m, json_object *norm)
{
	const char *c = qsm_norm_str(norm, "currency");
	const char *home = m->ctx && m->ctx->home_currency ? m->ctx->home_currency : "USD";
	const char *x = qsm_norm_str(norm, "exchange_rate");
	if (c && strcasecmp(c, home) != 0) {
		QS_JSON_ADD(q, "CurrencyRef", qsm_ref_json(c));
		if (x) {
			QS_JSON_ADD(q, "ExchangeRate", json_object_new_double_s(strtod(x, NULL), x));
		}
	}
}

