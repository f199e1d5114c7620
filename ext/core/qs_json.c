/* qs_json: plain JSON text of a json-c value, byte for byte what
 * json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
 * JSON_C_TO_STRING_NOSLASHESCAPE) prints (the stored document, and whether a
 * push changed it, depend on that text), written into one growing buffer instead of json-c's
 * per-token printbuf appends and its snprintf per integer. Values json-c
 * prints in its own way (doubles, custom serialisers, unsigned integers
 * beyond int64) are printed by json-c itself. And the look-up of an object's
 * member that the mapping and the engine share (qs_json_member). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE   /* strtod_l */
#endif
#include "qs_json.h"

#include <float.h>
#include <inttypes.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QS_JSON_FLAGS (JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE)

typedef struct jbuf {
	char *p;
	size_t n, cap;
	bool oom;
} jbuf;

static inline bool jb_room(jbuf *b, size_t more)
{
	size_t cap;
	char *np;
	if (b->oom) {
		return false;
	}
	if (b->n + more + 1 <= b->cap) {
		return true;
	}
	cap = b->cap ? b->cap : 1024;   /* a document's text: one allocation */
	while (cap < b->n + more + 1) {
		cap *= 2;
	}
	np = realloc(b->p, cap);
	if (!np) {
		b->oom = true;
		return false;
	}
	b->p = np;
	b->cap = cap;
	return true;
}

static inline void jb_put(jbuf *b, const char *s, size_t n)
{
	if (jb_room(b, n)) {
		memcpy(b->p + b->n, s, n);
		b->n += n;
	}
}

static inline void jb_char(jbuf *b, char c)
{
	if (jb_room(b, 1)) {
		b->p[b->n++] = c;
	}
}

/* Bytes json-c escapes: below 0x20, '"' and '\\'. */
static const unsigned char jb_esc[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	['"'] = 1, ['\\'] = 1,
};

/* A quoted string, escaped as json-c escapes it: \b \n \r \t \f \" \\ by
 * name, other bytes below 0x20 as \u00xx (lower-case hex), '/' and every
 * byte from 0x20 up as they are. */
static void jb_str(jbuf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i = 0, start = 0;
	if (!jb_room(b, n + 2)) {
		return;
	}
	b->p[b->n++] = '"';
	for (;;) {
		unsigned char c;
		const char *esc;
		char u[6];
		size_t el = 2;
		/* eight bytes at a time while none is below 0x20, '"' or '\\' (the
		 * test may flag a clean word; the byte test below decides) */
		while (i + 8 <= n) {
			uint64_t w, q, bs;
			memcpy(&w, s + i, 8);
			q = w ^ 0x2222222222222222ULL;
			bs = w ^ 0x5c5c5c5c5c5c5c5cULL;
			if (((w - 0x2020202020202020ULL) | (q - 0x0101010101010101ULL) | (bs - 0x0101010101010101ULL))
					& ~w & 0x8080808080808080ULL) {
				break;
			}
			i += 8;
		}
		while (i < n && !jb_esc[(unsigned char)s[i]]) {
			i++;
		}
		if (i >= n) {
			break;
		}
		c = (unsigned char)s[i];
		switch (c) {
		case '\b': esc = "\\b"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		case '\f': esc = "\\f"; break;
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		default:
			u[0] = '\\', u[1] = 'u', u[2] = '0', u[3] = '0', u[4] = hex[c >> 4], u[5] = hex[c & 15];
			esc = u;
			el = 6;
			break;
		}
		jb_put(b, s + start, i - start);
		jb_put(b, esc, el);
		i++;
		start = i;
	}
	jb_put(b, s + start, n - start);
	jb_char(b, '"');
}

/* A field name and its colon: a name with nothing to escape (every name of a
 * normalised document) is copied as it is, in one pass without strlen. */
static void jb_key(jbuf *b, const char *k)
{
	size_t i = 0;
	while (k[i] && !jb_esc[(unsigned char)k[i]]) {
		i++;
	}
	if (k[i]) {
		jb_str(b, k, strlen(k));
		jb_char(b, ':');
		return;
	}
	if (jb_room(b, i + 3)) {
		b->p[b->n++] = '"';
		memcpy(b->p + b->n, k, i);
		b->n += i;
		b->p[b->n++] = '"';
		b->p[b->n++] = ':';
	}
}

static void jb_int(jbuf *b, int64_t v)
{
	char tmp[24], *d = tmp + sizeof(tmp);
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	do {
		*--d = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0) {
		*--d = '-';
	}
	jb_put(b, d, (size_t)(tmp + sizeof(tmp) - d));
}

static void jb_value(jbuf *b, json_object *o)
{
	switch (json_object_get_type(o)) {
	case json_type_null:
		jb_put(b, "null", 4);
		return;
	case json_type_boolean:
		if (json_object_get_boolean(o)) {
			jb_put(b, "true", 4);
		} else {
			jb_put(b, "false", 5);
		}
		return;
	case json_type_int: {
		int64_t v = json_object_get_int64(o);
		if (v != INT64_MAX) {   /* INT64_MAX may stand for a larger unsigned value */
			jb_int(b, v);
			return;
		}
		break;
	}
	case json_type_string:
		jb_str(b, json_object_get_string(o), (size_t)json_object_get_string_len(o));
		return;
	case json_type_double: {
		/* a double made with its text (json_object_new_double_s: a parse,
		 * a money amount) keeps that text as its user data, and json-c
		 * prints just that: printed here without json-c's print buffer
		 * for the object (its allocation, and its freeing with the tree).
		 * One without (json_object_new_double, or a value changed since)
		 * has none: json-c prints it */
		const char *text = json_object_get_userdata(o);
		if (text) {
			jb_put(b, text, strlen(text));
			return;
		}
		break;
	}
	case json_type_object: {
		bool first = true;
		jb_char(b, '{');
		json_object_object_foreach(o, key, val) {
			if (!first) {
				jb_char(b, ',');
			}
			first = false;
			jb_key(b, key);
			jb_value(b, val);
		}
		jb_char(b, '}');
		return;
	}
	case json_type_array: {
		size_t i, n = json_object_array_length(o);
		jb_char(b, '[');
		for (i = 0; i < n; i++) {
			if (i) {
				jb_char(b, ',');
			}
			jb_value(b, json_object_array_get_idx(o, i));
		}
		jb_char(b, ']');
		return;
	}
	default:
		break;
	}
	{
		size_t len = 0;
		const char *t = json_object_to_json_string_length(o, QS_JSON_FLAGS, &len);
		if (t) {
			jb_put(b, t, len);
		} else {
			b->oom = true;
		}
	}
}

char *qs_json_plain(json_object *o, size_t *len)
{
	jbuf b = {NULL, 0, 0, false};
	jb_value(&b, o);
	if (b.oom || !jb_room(&b, 0)) {
		free(b.p);
		return NULL;
	}
	b.p[b.n] = '\0';
	if (len) {
		*len = b.n;
	}
	return b.p;
}

bool qs_json_member(json_object *o, const char *key, json_object **v)
{
	*v = NULL;
	if (!o || !json_object_is_type(o, json_type_object)) {
		return false;
	}
	if (json_object_object_length(o) <= 16) {
		struct lh_entry *en;
		for (en = lh_table_head(json_object_get_object(o)); en; en = lh_entry_next(en)) {
			const char *k = lh_entry_k(en);
			if (k[0] == key[0] && !strcmp(k, key)) {
				*v = lh_entry_v(en);
				return true;
			}
		}
		return false;
	}
	return json_object_object_get_ex(o, key, v);
}

/* ---- parsing: the tree json-c's tokener gives ---- */

/* Member names QBO's answers and qbosync's stored documents (the kinds'
 * fields, their lines', taxes', applications' and addresses') use over and
 * over: a member of one of these names keeps the name as a constant key (no
 * copy of it made, none freed with the tree). Sorted by length;
 * known_keys[key_at[n]] up to known_keys[key_at[n + 1] - 1] are the names of
 * n bytes. */
static const char *const known_keys[] = {
	"Id", "id", "Job", "Qty", "bId", "due", "fee", "tax", "Item", "Line", "city", "code", "date",
	"item", "kind", "name", "time", "type", "Error", "Fault", "Level", "Notes", "TxnId", "email",
	"line1", "line2", "lines", "phone", "price", "taxes", "total", "value", "Active", "Amount",
	"Detail", "amount", "domain", "method", "number", "reason", "region", "sparse", "status",
	"Account", "Address", "Balance", "Deposit", "DueDate", "Invoice", "ItemRef", "LineNum", "Message",
	"Payment", "Taxable", "TxnDate", "TxnType", "address", "company", "country", "created", "deleted",
	"element", "invoice", "rate_e4", "refunds", "taxable", "Customer", "MetaData", "TotalAmt",
	"TotalTax", "currency", "customer", "subtotal", "BillEmail", "DocNumber", "GivenName",
	"IsProject", "LinkedTxn", "SyncToken", "UnitPrice", "last_name", "reference", "tax_total",
	"CreateTime", "CreditMemo", "DetailType", "FamilyName", "TaxCodeRef", "applies_to", "first_name",
	"maxResults", "tax_exempt", "totalCount", "unit_price", "CurrencyRef", "CustomField",
	"CustomerRef", "Description", "DisplayName", "EmailStatus", "PrintStatus", "PrivateNote",
	"description", "postal_code", "quantity_e4", "SalesTermRef", "TxnTaxDetail", "UnappliedAmt",
	"display_name", "PaymentRefNum", "QueryResponse", "RefundReceipt", "exchange_rate",
	"startPosition", "tax_inclusive", "BillWithParent", "ClientEntityId", "ItemAccountRef",
	"ProcessPayment", "credit_applied", "income_account", "AllowIPNPayment", "BalanceWithJobs",
	"LastUpdatedTime", "PrimaryEmailAddr", "PrintOnCheckName", "BatchItemResponse",
	"AllowOnlinePayment", "FullyQualifiedName", "SubTotalLineDetail", "DepositToAccountRef",
	"SalesItemLineDetail", "AllowOnlineACHPayment", "ApplyTaxAfterDiscount",
	"PreferredDeliveryMethod", "AllowOnlineCreditCardPayment",
};
static const unsigned char key_at[30] = {
	0, 0, 0, 2, 8, 18, 32, 43, 66, 73, 83, 94, 105, 109, 115, 121, 124, 126, 127, 130, 132, 132, 134,
	134, 135, 135, 135, 135, 135, 136,
};

static const char *key_known(const char *k, size_t n)
{
	unsigned i;
	if (n + 1 >= sizeof(key_at)) {
		return NULL;
	}
	for (i = key_at[n]; i < key_at[n + 1]; i++) {
		if (known_keys[i][0] == k[0] && !memcmp(known_keys[i], k, n)) {
			return known_keys[i];
		}
	}
	return NULL;
}

/* Nesting the fast parse takes (json-c's tokener allows 31 levels). */
#define JP_DEPTH 16
/* A fraction or exponent is read by strtod_l in the C locale where the C
 * library has it (glibc); elsewhere such a number is json-c's to read. */
#if defined(__GLIBC__)
#define JP_DOUBLES 1
#else
#define JP_DOUBLES 0
typedef int locale_t;
#endif

typedef struct jparse {
	const char *p, *end;
	jbuf sb;               /* decoded text of a string with escapes (its n unused) */
	locale_t c_num;        /* the C locale's numbers, made at the first fraction */
	bool (*drop)(const char *name, size_t n);   /* members left out (qs_json_parse_dropping) */
	bool bail;             /* not in the subset: json-c's tokener decides */
} jparse;

static inline void jp_ws(jparse *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\n' || *j->p == '\r' || *j->p == '\t')) {
		j->p++;
	}
}

static json_object *jp_bail(jparse *j, json_object *partial)
{
	j->bail = true;
	json_object_put(partial);
	return NULL;
}

/* Room for n bytes in the decoded string buffer. */
static bool jp_room(jparse *j, size_t n)
{
	return jb_room(&j->sb, n);
}

static int jp_hex4(const char *s)
{
	int i, v = 0;
	for (i = 0; i < 4; i++) {
		char c = s[i];
		v <<= 4;
		if (c >= '0' && c <= '9') {
			v |= c - '0';
		} else if (c >= 'a' && c <= 'f') {
			v |= c - 'a' + 10;
		} else if (c >= 'A' && c <= 'F') {
			v |= c - 'A' + 10;
		} else {
			return -1;
		}
	}
	return v;
}

/* Whether the word scan of jp_string may take its first special byte from
 * the lowest flag of the word (GCC and Clang, little-endian). */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define JP_CTZ 1
#else
#define JP_CTZ 0
#endif

/* The string whose opening quote j->p is past: *out its bytes (in the input
 * when it has no escape, else in j->sb), *n their count. false: outside the
 * subset (a NUL byte, an escape json-c reads its own way, the end). The
 * escapes taken are json-c's: \" \\ \/ \b \f \n \r \t, \u of a character
 * that is no surrogate, and \u of a high surrogate followed by \u of a low
 * one (one character); a lone surrogate is left to json-c (which puts
 * U+FFFD). nul_ok: whether a \u0000 may be part of it. Other bytes, control
 * characters and invalid UTF-8 too, are kept as they are, as json-c does. */
static bool jp_string(jparse *j, const char **out, size_t *n, bool nul_ok)
{
	const char *s = j->p, *q = s;
	size_t o;
	/* eight bytes at a time while none is '"', '\\' or NUL */
	while (j->end - q >= 8) {
		uint64_t w, dq, bs, hit;
		memcpy(&w, q, 8);
		dq = w ^ 0x2222222222222222ULL;
		bs = w ^ 0x5c5c5c5c5c5c5c5cULL;
		hit = (((w - 0x0101010101010101ULL) & ~w) | ((dq - 0x0101010101010101ULL) & ~dq)
				| ((bs - 0x0101010101010101ULL) & ~bs)) & 0x8080808080808080ULL;
		if (hit) {
#if JP_CTZ
			/* the lowest flag is exact (a borrow only runs past a byte that
			 * matched): on a little-endian machine, the first such byte */
			q += __builtin_ctzll(hit) >> 3;
#endif
			break;
		}
		q += 8;
	}
	while (q < j->end && *q != '"' && *q != '\\' && *q != '\0') {
		q++;
	}
	if (q >= j->end || *q == '\0') {
		return false;
	}
	if (*q == '"') {
		*out = s;
		*n = (size_t)(q - s);
		j->p = q + 1;
		return true;
	}
	/* escapes: decoded into j->sb */
	o = (size_t)(q - s);
	if (!jp_room(j, o + 64)) {
		return false;
	}
	memcpy(j->sb.p, s, o);
	while (q < j->end) {
		char c = *q;
		if (c == '"') {
			*out = j->sb.p;
			*n = o;
			j->p = q + 1;
			return true;
		}
		if (c == '\0' || !jp_room(j, o + 8)) {
			return false;
		}
		if (c != '\\') {
			j->sb.p[o++] = c;
			q++;
			continue;
		}
		if (q + 1 >= j->end) {
			return false;
		}
		switch (q[1]) {
		case '"': case '\\': case '/': j->sb.p[o++] = q[1]; break;
		case 'b': j->sb.p[o++] = '\b'; break;
		case 'f': j->sb.p[o++] = '\f'; break;
		case 'n': j->sb.p[o++] = '\n'; break;
		case 'r': j->sb.p[o++] = '\r'; break;
		case 't': j->sb.p[o++] = '\t'; break;
		case 'u': {
			long cp;
			if (j->end - q < 6 || (cp = jp_hex4(q + 2)) < 0) {
				return false;
			}
			if ((cp & 0xFC00) == 0xDC00) {
				return false;
			}
			if ((cp & 0xFC00) == 0xD800) {
				long lo;
				if (j->end - q < 12 || q[6] != '\\' || q[7] != 'u' || (lo = jp_hex4(q + 8)) < 0
						|| (lo & 0xFC00) != 0xDC00) {
					return false;
				}
				cp = (((cp & 0x3FF) << 10) | (lo & 0x3FF)) + 0x10000;
				q += 6;
			}
			if (cp == 0 && !nul_ok) {
				return false;
			}
			if (cp < 0x80) {
				j->sb.p[o++] = (char)cp;
			} else if (cp < 0x800) {
				j->sb.p[o++] = (char)(0xC0 | (cp >> 6));
				j->sb.p[o++] = (char)(0x80 | (cp & 0x3F));
			} else if (cp < 0x10000) {
				j->sb.p[o++] = (char)(0xE0 | (cp >> 12));
				j->sb.p[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
				j->sb.p[o++] = (char)(0x80 | (cp & 0x3F));
			} else {
				j->sb.p[o++] = (char)(0xF0 | (cp >> 18));
				j->sb.p[o++] = (char)(0x80 | ((cp >> 12) & 0x3F));
				j->sb.p[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
				j->sb.p[o++] = (char)(0x80 | (cp & 0x3F));
			}
			q += 6;
			continue;
		}
		default:
			return false;
		}
		q += 2;
	}
	return false;
}

/* Powers of ten a double holds exactly (10^0 to 10^22). */
static const double jp_pow10[23] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
	1e19, 1e20, 1e21, 1e22,
};

/* The number s to p (already checked against JSON's grammar) made without
 * a C library conversion when its value is certain to be the same: an
 * integer of at most 18 digits (what json_parse_int64 and json_parse_uint64
 * give it, no overflow possible), and a fraction without exponent of at most
 * 15 digits in all: its digits as an integer below 2^53 divided by a power
 * of ten up to 10^22, both exact, so that the one correctly rounded division
 * is strtod's correctly rounded result (where doubles are computed in double
 * precision). false: the caller converts it. */
static bool jp_number_short(const char *s, const char *p, bool dbl, json_object **out)
{
	const char *q = s;
	bool neg = *q == '-';
	uint64_t m = 0;
	unsigned digits = 0, frac = 0;
	bool in_frac = false;
	if (neg) {
		q++;
	}
	for (; q < p; q++) {
		if (*q == '.') {
			in_frac = true;
			continue;
		}
		if (*q < '0' || *q > '9' || ++digits > (dbl ? 15u : 18u)) {
			return false;   /* an exponent, or too many digits */
		}
		m = m * 10 + (uint64_t)(*q - '0');
		frac += in_frac;
	}
	if (!dbl) {
		*out = json_object_new_int64(neg ? -(int64_t)m : (int64_t)m);
	} else {
#if JP_DOUBLES && defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD == 0
		double d = (double)m / jp_pow10[frac];
		char text[64];
		size_t n = (size_t)(p - s);
		memcpy(text, s, n);
		text[n] = '\0';
		*out = json_object_new_double_s(neg ? -d : d, text);
#else
		(void)frac;
		return false;
#endif
	}
	return true;   /* out of memory: NULL, as the conversion's path gives it */
}

/* A number of JSON's grammar (-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?,
 * at most 63 bytes), made as json-c's tokener makes it: without a fraction
 * or exponent json_parse_int64 (a '-') or json_parse_uint64 (an int64, or
 * beyond INT64_MAX a uint64), else strtod in the C locale and
 * json_object_new_double_s with the number's text. */
static json_object *jp_number(jparse *j)
{
	const char *s = j->p, *p = s, *e = j->end;
	bool dbl = false;
	char buf[64];
	size_t n;
	json_object *num = NULL;
	if (p < e && *p == '-') {
		p++;
	}
	if (p < e && *p == '0') {
		p++;
	} else if (p < e && *p >= '1' && *p <= '9') {
		while (p < e && *p >= '0' && *p <= '9') {
			p++;
		}
	} else {
		return jp_bail(j, NULL);
	}
	if (p < e && *p == '.') {
		dbl = true;
		p++;
		if (p >= e || *p < '0' || *p > '9') {
			return jp_bail(j, NULL);
		}
		while (p < e && *p >= '0' && *p <= '9') {
			p++;
		}
	}
	if (p < e && (*p == 'e' || *p == 'E')) {
		dbl = true;
		p++;
		if (p < e && (*p == '+' || *p == '-')) {
			p++;
		}
		if (p >= e || *p < '0' || *p > '9') {
			return jp_bail(j, NULL);
		}
		while (p < e && *p >= '0' && *p <= '9') {
			p++;
		}
	}
	n = (size_t)(p - s);
	if (n >= sizeof(buf)) {
		return jp_bail(j, NULL);
	}
	if (jp_number_short(s, p, dbl, &num)) {
		j->p = p;
		return num;
	}
	memcpy(buf, s, n);
	buf[n] = '\0';
	j->p = p;
	if (!dbl) {
		if (buf[0] == '-') {
			int64_t v;
			return json_parse_int64(buf, &v) == 0 ? json_object_new_int64(v) : jp_bail(j, NULL);
		} else {
			uint64_t u;
			if (json_parse_uint64(buf, &u) != 0) {
				return jp_bail(j, NULL);
			}
			return u <= (uint64_t)INT64_MAX ? json_object_new_int64((int64_t)u) : json_object_new_uint64(u);
		}
	}
#if JP_DOUBLES
	{
		char *end = NULL;
		double d;
		if (!j->c_num && !(j->c_num = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0))) {
			return jp_bail(j, NULL);
		}
		d = strtod_l(buf, &end, j->c_num);
		if (end != buf + n) {
			return jp_bail(j, NULL);
		}
		return json_object_new_double_s(d, buf);
	}
#else
	return jp_bail(j, NULL);
#endif
}

static json_object *jp_value(jparse *j, int depth);

/* After a member or an element: 1 when a ',' (and any white space) was read,
 * 0 when close was, -1 when anything else comes. */
static int jp_after(jparse *j, char close)
{
	jp_ws(j);
	if (j->p < j->end && *j->p == ',') {
		j->p++;
		jp_ws(j);
		return 1;
	}
	if (j->p < j->end && *j->p == close) {
		j->p++;
		return 0;
	}
	return -1;
}

static bool jp_word(jparse *j, const char *w, size_t n);

/* Reads past one value (white space already skipped) as jp_value would read
 * it, making nothing: false where jp_value would bail (the caller bails). */
static bool jp_skip(jparse *j, int depth)
{
	const char *s;
	size_t n;
	if (j->p >= j->end || depth > JP_DEPTH) {
		return false;
	}
	switch (*j->p) {
	case '{':
	case '[': {
		char close = *j->p == '{' ? '}' : ']';
		j->p++;
		jp_ws(j);
		if (j->p < j->end && *j->p == close) {
			j->p++;
			return true;
		}
		for (;;) {
			if (close == '}') {
				if (j->p >= j->end || *j->p != '"') {
					return false;
				}
				j->p++;
				if (!jp_string(j, &s, &n, false)) {
					return false;
				}
				jp_ws(j);
				if (j->p >= j->end || *j->p != ':') {
					return false;
				}
				j->p++;
				jp_ws(j);
			}
			if (!jp_skip(j, depth + 1)) {
				return false;
			}
			switch (jp_after(j, close)) {
			case 1:
				continue;
			case 0:
				return true;
			default:
				return false;
			}
		}
	}
	case '"':
		j->p++;
		return jp_string(j, &s, &n, true);
	case 't':
		return jp_word(j, "true", 4);
	case 'f':
		return jp_word(j, "false", 5);
	case 'n':
		return jp_word(j, "null", 4);
	default: {
		/* a number is read as jp_value reads it: the same rules, then let go */
		json_object *num = jp_number(j);
		json_object_put(num);
		return !j->bail;
	}
	}
}

static json_object *jp_object(jparse *j, int depth)
{
	json_object *o = json_object_new_object();
	if (!o) {
		return jp_bail(j, NULL);
	}
	j->p++;   /* '{' */
	jp_ws(j);
	if (j->p < j->end && *j->p == '}') {
		j->p++;
		return o;
	}
	for (;;) {
		const char *k, *known;
		size_t kn;
		char kbuf[64], *kheap = NULL;
		json_object *v;
		int rc;
		bool drop;
		if (j->p >= j->end || *j->p != '"') {
			return jp_bail(j, o);
		}
		j->p++;
		if (!jp_string(j, &k, &kn, false)) {
			return jp_bail(j, o);
		}
		/* a member left out (qs_json_parse_dropping): its value read past */
		drop = j->drop && j->drop(k, kn);
		known = drop ? NULL : key_known(k, kn);
		if (!drop && !known) {
			/* the name is decoded again by the value's strings: a copy */
			char *dst = kn < sizeof(kbuf) ? kbuf : (kheap = malloc(kn + 1));
			if (!dst) {
				return jp_bail(j, o);
			}
			memcpy(dst, k, kn);
			dst[kn] = '\0';
			k = dst;
		}
		jp_ws(j);
		if (j->p >= j->end || *j->p != ':') {
			free(kheap);
			return jp_bail(j, o);
		}
		j->p++;
		jp_ws(j);
		if (drop) {
			if (!jp_skip(j, depth + 1)) {
				return jp_bail(j, o);
			}
		} else {
			v = jp_value(j, depth + 1);
			if (j->bail) {
				free(kheap);
				return jp_bail(j, o);
			}
			/* json_object_object_add's rules: a repeated name keeps its place and takes the last value */
			rc = known ? json_object_object_add_ex(o, known, v, JSON_C_OBJECT_KEY_IS_CONSTANT)
				: json_object_object_add(o, k, v);
			free(kheap);
			if (rc != 0) {
				json_object_put(v);
				return jp_bail(j, o);
			}
		}
		switch (jp_after(j, '}')) {
		case 1:
			continue;
		case 0:
			return o;
		default:
			return jp_bail(j, o);
		}
	}
}

static json_object *jp_array(jparse *j, int depth)
{
	json_object *a = json_object_new_array();
	if (!a) {
		return jp_bail(j, NULL);
	}
	j->p++;   /* '[' */
	jp_ws(j);
	if (j->p < j->end && *j->p == ']') {
		j->p++;
		json_object_array_shrink(a, 0);
		return a;
	}
	for (;;) {
		json_object *v = jp_value(j, depth + 1);
		if (j->bail) {
			return jp_bail(j, a);
		}
		if (json_object_array_add(a, v) != 0) {
			json_object_put(v);
			return jp_bail(j, a);
		}
		switch (jp_after(j, ']')) {
		case 1:
			continue;
		case 0:
			/* as json-c's tokener leaves a parsed array */
			json_object_array_shrink(a, 0);
			return a;
		default:
			return jp_bail(j, a);
		}
	}
}

static bool jp_word(jparse *j, const char *w, size_t n)
{
	if ((size_t)(j->end - j->p) >= n && !memcmp(j->p, w, n)) {
		j->p += n;
		return true;
	}
	return false;
}

/* One value at j->p (white space already skipped); NULL with j->bail unset is JSON's null. */
static json_object *jp_value(jparse *j, int depth)
{
	if (j->p >= j->end || depth > JP_DEPTH) {
		return jp_bail(j, NULL);
	}
	switch (*j->p) {
	case '{':
		return jp_object(j, depth);
	case '[':
		return jp_array(j, depth);
	case '"': {
		const char *s;
		size_t n;
		json_object *o;
		j->p++;
		if (!jp_string(j, &s, &n, true)) {
			return jp_bail(j, NULL);
		}
		o = json_object_new_string_len(s, (int)n);
		return o ? o : jp_bail(j, NULL);
	}
	case 't':
		if (jp_word(j, "true", 4)) {
			json_object *o = json_object_new_boolean(1);
			return o ? o : jp_bail(j, NULL);
		}
		return jp_bail(j, NULL);
	case 'f':
		if (jp_word(j, "false", 5)) {
			json_object *o = json_object_new_boolean(0);
			return o ? o : jp_bail(j, NULL);
		}
		return jp_bail(j, NULL);
	case 'n':
		if (jp_word(j, "null", 4)) {
			return NULL;
		}
		return jp_bail(j, NULL);
	default:
		if (*j->p == '-' || (*j->p >= '0' && *j->p <= '9')) {
			return jp_number(j);
		}
		return jp_bail(j, NULL);
	}
}

static json_object *tokener_parse(const char *s, size_t len)
{
	json_tokener *tok = json_tokener_new();
	json_object *o;
	if (!tok) {
		return NULL;
	}
	o = json_tokener_parse_ex(tok, s, (int)len);
	if (json_tokener_get_error(tok) != json_tokener_success) {
		json_object_put(o);
		o = NULL;
	}
	json_tokener_free(tok);
	return o;
}

static json_object *parse(const char *s, size_t len, bool (*drop)(const char *, size_t), bool *fast)
{
	jparse j;
	json_object *o = NULL;
	if (fast) {
		*fast = false;
	}
	if (!s || len == 0 || len > 0x7fffffff) {
		return NULL;
	}
	memset(&j, 0, sizeof(j));
	j.p = s;
	j.end = s + len;
	j.drop = drop;
	jp_ws(&j);
	if (j.p < j.end && (*j.p == '{' || *j.p == '[')) {
		o = jp_value(&j, 0);
		if (!j.bail) {
			jp_ws(&j);
			if (j.p != j.end) {
				o = jp_bail(&j, o);   /* what follows the value: json-c's rules */
			}
		}
	} else {
		j.bail = true;
	}
	free(j.sb.p);
#if JP_DOUBLES
	if (j.c_num) {
		freelocale(j.c_num);
	}
#endif
	if (!j.bail) {
		if (fast) {
			*fast = true;
		}
		return o;
	}
	return tokener_parse(s, len);
}

json_object *qs_json_parse(const char *s, size_t len, bool *fast)
{
	return parse(s, len, NULL, fast);
}

json_object *qs_json_parse_dropping(const char *s, size_t len, bool (*drop)(const char *name, size_t n), bool *fast)
{
	return parse(s, len, drop, fast);
}
