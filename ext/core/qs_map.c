/* qs_map: the entry points for canonical billing documents (shared/CANONICAL.md):
 * validation and normalisation (messages name the record, the field and the fix),
 * the dependency list, and the mapping of a normalised document
 * to QBO JSON. Each kind's own rules live in qs_kind_<kind>.c and are reached
 * through the kind table (qs_kind.c); generic field parsing is qs_map_field.c,
 * generic QBO JSON building qs_map_qbo.c, lines/taxes/applications qs_map_lines.c.
 *
 * Normalised documents (what qs_map_validate returns and the engine stores):
 *   - keys in a fixed order, whatever the input order, so the stored text is
 *     stable (an unchanged document is recognised by it);
 *   - "id" and every reference to another record as strings;
 *   - money as json ints of minor units of the document's currency (else the
 *     home currency); quantities and tax rates as ints scaled by 10^4 under
 *     "<key>_e4" ("quantity_e4", "rate_e4");
 *   - single-line text trimmed, control characters turned into spaces, empty
 *     optional text dropped; null optional values are treated as absent;
 *   - line paths in messages and e->element are 0-based, like PHP list keys.
 *
 * The invoice rounding rule (CANONICAL.md "subtotal, tax_total, total"):
 *   Let S = the sum of the line amounts (discount and credit lines count
 *   negative whatever their sign), n = the number of lines, t = the number of
 *   entries in taxes.
 *   1. When taxes is given, tax_total may differ from the sum of the taxes by at
 *      most t minor units; tax_total wins.
 *   2. subtotal may differ from S by at most n minor units (tax_inclusive: from S
 *      or from S - tax_total).
 *   3. total may differ from S + tax_total (tax_inclusive: from S) by at most n
 *      minor units.
 *   Anything larger is a validation error. Within the tolerance the document's
 *   total and tax_total win: the difference D = total - tax_total - S
 *   (tax_inclusive: total - S) is spread one minor unit at a time over the sale
 *   and late-fee lines, those with quantity 1 first, then by largest absolute
 *   amount (ties: earlier line), so
 *   that QuickBooks computes exactly the document's total. Such a line's amount
 *   then no longer equals quantity x unit_price; the QBO line gets UnitPrice =
 *   Amount when the quantity is 1, else no UnitPrice (QBO derives it).
 *   Tax: the document's tax_total goes out as TxnTaxDetail.TotalTax (when taxes
 *   are given) with the mapped TaxCode; QBO (and the local sandbox) compute the
 *   tax from that TaxCode's rates, so QBO's total equals the document's only
 *   when the mapped TaxCode has the billing system's rate.
 *   A credit note with lines follows rules 2-3 with amount as its total.
 */
#include "qs_map_int.h"
#include "qs_kind.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool qs_map_kind_known(const char *kind)
{
	return qs_kind_is_document(kind);
}

/* ------------------------------------------------------------------ */
/* the entry point                                                      */

qs_status qs_map_validate(const char *kind, json_object *doc, const char *home_currency,
	json_object **norm, qs_error *e)
{
	vctx v;
	json_object *out, *idv;
	const qs_kind *k = qs_kind_find(kind);
	char path[256];
	char cur[4];
	qs_status st;

	*norm = NULL;
	memset(&v, 0, sizeof(v));
	v.e = e;
	if (!k || !k->label) {   /* not a document kind (qs_map_kind_known) */
		char q[96];
		qsm_quote(kind ? kind : "", kind ? strlen(kind) : 0, q, sizeof(q));
		if (e) {
			qs_error_clear(e);
			qs_strlcpy(e->element, "kind", sizeof(e->element));
		}
		return qs_error_set(e, QS_EVALIDATION,
			"Unknown record kind %s; send one of customer, item, invoice, payment, refund, credit, writeoff", q);
	}
	v.kind = kind;
	v.title = k->label;   /* qsm_kind_title */
	if (!doc || json_object_get_type(doc) != json_type_object) {
		if (doc && json_object_get_type(doc) == json_type_array && json_object_array_length(doc) == 0) {
			return qsm_verr(&v, "id", "the document is empty; send the %s's fields, starting with its id", kind);
		}
		return qsm_verr(&v, "", "the document is %s, not an array of fields; send the %s as an array with an id",
			doc ? qsm_type_name(doc) : "null", kind);
	}
	idv = qsm_get(doc, "id");
	if (!idv) {
		return qsm_verr(&v, "id", "id is missing; send the %s's id in the billing system", kind);
	}
	/* a bad id leaves record_id empty: the id itself is what is wrong */
	if (qsm_parse_ref(&v, idv, "id", "id", v.id) != QS_OK) {
		return QS_EVALIDATION;
	}
	{
		long bad = qsm_utf8_bad_offset(v.id, strlen(v.id));
		if (bad >= 0) {
			char q[96];
			unsigned char b = (unsigned char)v.id[bad];
			qsm_quote(v.id, strlen(v.id), q, sizeof(q));
			v.id[0] = '\0';
			return qsm_verr(&v, "id", "id %s is not valid UTF-8 (byte 0x%02X at position %ld); send the id encoded as UTF-8",
				q, b, bad);
		}
	}
	path[0] = '\0';
	if (!qsm_utf8_checked(doc) && qsm_scan_utf8(&v, doc, path, 0, sizeof(path)) != QS_OK) {
		return QS_EVALIDATION;
	}
	if (qsm_check_keys(&v, doc, k->keys, NULL) != QS_OK) {
		return QS_EVALIDATION;
	}

	out = json_object_new_object();
	if (!out) {
		return qs_error_set(e, QS_EINTERNAL, "out of memory");
	}
	qsm_put_str(out, "id", v.id, strlen(v.id));
	/* money decimals: the document's currency, else the home currency, else 2 */
	v.currency = home_currency && *home_currency ? home_currency : "USD";
	v.decimals = qs_currency_decimals(v.currency);
	cur[0] = '\0';
	if (k->doc_currency) {
		if ((st = qsm_currency_field(&v, doc, out, cur)) != QS_OK) {
			json_object_put(out);
			return st;
		}
		if (cur[0]) {
			v.currency = cur;
			v.decimals = qs_currency_decimals(cur);
		}
	}
	st = k->validate(&v, doc, out);
	if (st != QS_OK) {
		json_object_put(out);
		return st;
	}
	*norm = out;
	return QS_OK;
}

/* ------------------------------------------------------------------ */
/* dependencies                                                         */

qs_status qs_map_dependencies(const char *kind, json_object *norm, qs_dep_cb cb, void *ud, qs_error *e)
{
	qs_kind_id kind_id = qs_kind_of(kind);
	const char *c;
	json_object *arr;
	size_t i, j, n;
	qs_status st;

	if (kind_id == QS_KIND_CUSTOMER || kind_id == QS_KIND_ITEM) {
		return QS_OK;
	}
	c = qsm_norm_str(norm, "customer");
	if (c && (st = cb(ud, "customer", c, e)) != QS_OK) {
		return st;
	}
	if (json_object_object_get_ex(norm, "lines", &arr)) {
		n = json_object_array_length(arr);
		for (i = 0; i < n; i++) {
			const char *item = qsm_norm_str(json_object_array_get_idx(arr, i), "item");
			bool seen = false;
			if (!item) {
				continue;
			}
			for (j = 0; j < i && !seen; j++) {
				const char *prev = qsm_norm_str(json_object_array_get_idx(arr, j), "item");
				seen = prev && !strcmp(prev, item);
			}
			if (!seen && (st = cb(ud, "item", item, e)) != QS_OK) {
				return st;
			}
		}
	}
	if (json_object_object_get_ex(norm, "applies_to", &arr)) {
		n = json_object_array_length(arr);
		for (i = 0; i < n; i++) {
			const char *inv = qsm_norm_str(json_object_array_get_idx(arr, i), "invoice");
			if (inv && (st = cb(ud, "invoice", inv, e)) != QS_OK) {
				return st;
			}
		}
	}
	return QS_OK;
}

qs_status qs_map_to_qbo(const char *kind, json_object *norm, const qs_map_ctx *ctx,
	const char **entity, json_object **qbo, qs_error *e)
{
	mctx m;
	json_object *q;
	const char *cur, *id;
	qs_status st;

	*qbo = NULL;
	if (entity) {
		*entity = NULL;
	}
	if (!qs_map_kind_known(kind) || !norm || json_object_get_type(norm) != json_type_object || !ctx) {
		return qs_error_set(e, QS_EINTERNAL, "qs_map_to_qbo: not a normalised %s document", kind ? kind : "(null)");
	}
	id = qsm_norm_str(norm, "id");
	memset(&m, 0, sizeof(m));
	m.ctx = ctx;
	m.kind = kind;
	m.id = id ? id : "";
	m.e = e;
	cur = qsm_norm_str(norm, "currency");
	m.decimals = qs_currency_decimals(cur ? cur : (ctx->home_currency ? ctx->home_currency : "USD"));
	q = json_object_new_object();
	if (!q) {
		return qs_error_set(e, QS_EINTERNAL, "out of memory");
	}
	st = qs_kind_find(kind)->to_qbo(&m, norm, q);
	if (st != QS_OK) {
		json_object_put(q);
		return st;
	}
	if (entity) {
		*entity = qs_kind_find(kind)->entity;
	}
	*qbo = q;
	return QS_OK;
}

/* ------------------------------------------------------------------ */
/* a stored normalised document read back                               */

/* The reader of the text qbosync itself stores for a normalised document
 * (keys, strings with the plain escapes, integers, booleans, null, objects,
 * arrays): it builds what json-c's tokener builds from that text (the same
 * json-c constructors, members added as the tokener adds them, in order),
 * without the tokener's per-character state machine and buffer copies.
 * Anything else (a \u escape, a raw control character, a number that is not
 * a plain integer of at most 18 digits, a key of 256 bytes or more, nesting
 * deeper than 30, text after the document) stops it, and json-c reads the
 * whole text instead. */
typedef struct doc_reader {
	const char *p;
	char *buf;       /* an escaped string's bytes (malloc'd, grows) */
	size_t cap;
} doc_reader;

#define DOC_MAX_DEPTH 30

static void doc_ws(doc_reader *c)
{
	while (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r') {
		c->p++;
	}
}

/* The string after its opening quote: *s and *n its bytes (in the text when
 * it has no escape, else in c->buf). */
static bool doc_string(doc_reader *c, const char **s, size_t *n)
{
	const char *p = c->p, *b = p;
	size_t len = 0;
	while (*p != '"') {
		if ((unsigned char)*p < 0x20 || *p == '\\') {
			break;
		}
		p++;
	}
	if (*p == '"') {
		*s = b;
		*n = (size_t)(p - b);
		c->p = p + 1;
		return true;
	}
	for (p = b; *p != '"'; p++) {
		char ch = *p;
		if ((unsigned char)ch < 0x20) {
			return false;   /* a raw control character, or the text ends */
		}
		if (ch == '\\') {
			/* the plain escapes; \u and anything else are json-c's */
			static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
			const char *k = *++p ? strchr(from, *p) : NULL;
			if (!k) {
				return false;
			}
			ch = to[k - from];
		}
		if (len + 1 > c->cap) {
			size_t cap = c->cap ? c->cap * 2 : 256;
			char *nb = realloc(c->buf, cap);
			if (!nb) {
				return false;
			}
			c->buf = nb;
			c->cap = cap;
		}
		c->buf[len++] = ch;
	}
	*s = c->buf;
	*n = len;
	c->p = p + 1;
	return true;
}

static bool doc_value(doc_reader *c, int depth, json_object **out);

/* The member names of normalised documents (the kinds' fields, their lines',
 * taxes', applications' and addresses' fields), most frequent first: a
 * member whose name is one of them keeps the literal as its key (json-c's
 * JSON_C_OBJECT_KEY_IS_CONSTANT) instead of a copy; any other name is copied. */
static const char *const doc_key_names[] = {
	"amount", "id", "description", "quantity_e4", "unit_price", "taxable", "kind", "item", "tax", "customer",
	"invoice", "date", "status", "number", "lines", "subtotal", "tax_total", "total", "tax_inclusive", "currency",
	"method", "reference", "applies_to", "first_name", "last_name", "email", "display_name", "company", "phone",
	"address", "line1", "line2", "city", "region", "postal_code", "country", "tax_exempt", "taxes", "rate_e4",
	"due", "created", "credit_applied", "exchange_rate", "fee", "name", "type", "price", "income_account",
	"reason", "refunds", "deleted", NULL
};

static const char *doc_key(const char *k, size_t n)
{
	size_t i;
	for (i = 0; doc_key_names[i]; i++) {
		const char *d = doc_key_names[i];
		if (d[0] == k[0] && !strncmp(d, k, n) && d[n] == '\0') {
			return d;
		}
	}
	return NULL;
}

/* Whether close comes next (after any white space): then it is read. */
static bool doc_closes(doc_reader *c, char close)
{
	doc_ws(c);
	if (*c->p == close) {
		c->p++;
		return true;
	}
	return false;
}

/* After a member or an element: 1 when a ',' says another follows, 0 at the
 * closing close, -1 for anything else. */
static int doc_next(doc_reader *c, char close)
{
	doc_ws(c);
	if (*c->p == ',') {
		c->p++;
		doc_ws(c);
		return 1;
	}
	if (*c->p == close) {
		c->p++;
		return 0;
	}
	return -1;
}

static bool doc_object(doc_reader *c, int depth, json_object *o)
{
	if (doc_closes(c, '}')) {
		return true;   /* empty */
	}
	for (;;) {
		const char *k;
		size_t kn;
		char key[256];
		const char *known;
		json_object *v;
		int more;
		if (*c->p != '"') {
			return false;
		}
		c->p++;
		if (!doc_string(c, &k, &kn) || kn >= sizeof(key) || memchr(k, '\0', kn)) {
			return false;
		}
		known = kn ? doc_key(k, kn) : NULL;
		if (!known) {
			memcpy(key, k, kn);
			key[kn] = '\0';
		}
		doc_ws(c);
		if (*c->p != ':') {
			return false;
		}
		c->p++;
		doc_ws(c);
		if (!doc_value(c, depth + 1, &v)) {
			return false;
		}
		if ((known ? json_object_object_add_ex(o, known, v, JSON_C_OBJECT_KEY_IS_CONSTANT)
				: json_object_object_add(o, key, v)) != 0) {
			json_object_put(v);
			return false;
		}
		if ((more = doc_next(c, '}')) <= 0) {
			return more == 0;
		}
	}
}

static bool doc_array(doc_reader *c, int depth, json_object *a)
{
	if (doc_closes(c, ']')) {
		return true;   /* empty */
	}
	for (;;) {
		json_object *v;
		int more;
		if (!doc_value(c, depth + 1, &v)) {
			return false;
		}
		if (json_object_array_add(a, v) != 0) {
			json_object_put(v);
			return false;
		}
		if ((more = doc_next(c, ']')) <= 0) {
			return more == 0;
		}
	}
}

static bool doc_number(doc_reader *c, json_object **out)
{
	const char *p = c->p;
	bool neg = *p == '-';
	int64_t v = 0;
	int digits = 0;
	if (neg) {
		p++;
	}
	if (*p < '0' || *p > '9' || (*p == '0' && p[1] >= '0' && p[1] <= '9')) {
		return false;
	}
	while (*p >= '0' && *p <= '9') {
		if (++digits > 18) {
			return false;
		}
		v = v * 10 + (*p++ - '0');
	}
	if (*p == '.' || *p == 'e' || *p == 'E') {
		return false;
	}
	c->p = p;
	*out = json_object_new_int64(neg ? -v : v);
	return *out != NULL;
}

static bool doc_value(doc_reader *c, int depth, json_object **out)
{
	const char *s;
	size_t n;
	bool ok;
	*out = NULL;
	if (depth > DOC_MAX_DEPTH) {
		return false;
	}
	switch (*c->p) {
	case '{':
		c->p++;
		*out = json_object_new_object();
		ok = *out && doc_object(c, depth, *out);
		break;
	case '[':
		c->p++;
		*out = json_object_new_array();
		ok = *out && doc_array(c, depth, *out);
		break;
	case '"':
		c->p++;
		if (!doc_string(c, &s, &n)) {
			return false;
		}
		*out = json_object_new_string_len(s, (int)n);
		return *out != NULL;
	case 't':
		if (strncmp(c->p, "true", 4) != 0) {
			return false;
		}
		c->p += 4;
		*out = json_object_new_boolean(1);
		return *out != NULL;
	case 'f':
		if (strncmp(c->p, "false", 5) != 0) {
			return false;
		}
		c->p += 5;
		*out = json_object_new_boolean(0);
		return *out != NULL;
	case 'n':
		if (strncmp(c->p, "null", 4) != 0) {
			return false;
		}
		c->p += 4;
		return true;
	default:
		return doc_number(c, out);
	}
	if (!ok) {
		json_object_put(*out);
		*out = NULL;
	}
	return ok;
}

json_object *qs_map_doc_parse(const char *text, json_tokener *tok)
{
	doc_reader c;
	json_object *o = NULL;
	bool ok;
	if (!text) {
		return NULL;
	}
	memset(&c, 0, sizeof(c));
	c.p = text;
	doc_ws(&c);
	ok = *c.p == '{' && doc_value(&c, 1, &o);
	if (ok) {
		doc_ws(&c);
		ok = *c.p == '\0';
	}
	free(c.buf);
	if (ok) {
		return o;
	}
	json_object_put(o);
	if (!tok) {
		return json_tokener_parse(text);
	}
	/* as json_tokener_parse does, on the caller's tokener */
	json_tokener_reset(tok);
	o = json_tokener_parse_ex(tok, text, -1);
	if (json_tokener_get_error(tok) != json_tokener_success) {
		json_object_put(o);
		o = NULL;
	}
	return o;
}
