/* qs_map: the canonical billing documents (shared/CANONICAL.md): validation and
 * normalisation (messages name the record, the field and the fix), the stable
 * hash, the dependency list, and the mapping of a normalised document to QBO JSON.
 *
 * Normalised documents (what qs_map_validate returns and the engine stores):
 *   - keys in a fixed order, whatever the input order, so the hash is stable;
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
#include "qs_map.h"
#include "qs_crypto.h"
#include "qs_kind.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define QS_ID_MAX 64

/* ------------------------------------------------------------------ */
/* the validation context                                               */

typedef struct vctx {
	const char *kind;     /* "invoice" */
	const char *title;    /* "Invoice" */
	char id[QS_ID_MAX + 1];
	const char *currency; /* for messages: the document's or the home currency */
	int decimals;
	qs_error *e;
} vctx;

static const char *kind_title(const char *kind)
{
	const qs_kind *k = qs_kind_find(kind);
	return k && k->label ? k->label : "Document";
}

bool qs_map_kind_known(const char *kind)
{
	return qs_kind_is_document(kind);
}

/* Fills e: QS_EVALIDATION, kind, record id, element = field, and the message
 * "<Title> <id>: <formatted>". */
static qs_status verr(vctx *v, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static qs_status verr(vctx *v, const char *field, const char *fmt, ...)
{
	char body[900];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(body, sizeof(body), fmt, ap);
	va_end(ap);
	if (!v->e) {
		return QS_EVALIDATION;
	}
	qs_error_clear(v->e);
	qs_error_record(v->e, v->kind, v->id);
	qs_strlcpy(v->e->element, field ? field : "", sizeof(v->e->element));
	if (v->id[0]) {
		return qs_error_set(v->e, QS_EVALIDATION, "%s %s: %s", v->title, v->id, body);
	}
	return qs_error_set(v->e, QS_EVALIDATION, "%s: %s", v->title, body);
}

/* ------------------------------------------------------------------ */
/* text helpers                                                         */

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 when invalid. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	if (c < 0x80) {
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		return (n >= 2 && (s[1] & 0xC0) == 0x80) ? 2 : 0;
	}
	if (c >= 0xE0 && c <= 0xEF) {
		if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80) {
			return 0;
		}
		if (c == 0xE0 && s[1] < 0xA0) return 0;  /* overlong */
		if (c == 0xED && s[1] > 0x9F) return 0;  /* surrogates */
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80) {
			return 0;
		}
		if (c == 0xF0 && s[1] < 0x90) return 0;  /* overlong */
		if (c == 0xF4 && s[1] > 0x8F) return 0;  /* > U+10FFFF */
		return 4;
	}
	return 0;
}

/* Offset of the first invalid byte, or -1 when s is valid UTF-8 without NUL. */
static long utf8_bad_offset(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		size_t k;
		if (s[i] == '\0') {
			return (long)i;
		}
		k = utf8_seq((const unsigned char *)s + i, n - i);
		if (k == 0) {
			return (long)i;
		}
		i += k;
	}
	return -1;
}

static size_t utf8_chars(const char *s, size_t n)
{
	size_t i, c = 0;
	for (i = 0; i < n; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80) {
			c++;
		}
	}
	return c;
}

/* Byte length of the first max_chars characters of valid UTF-8 s. */
static size_t utf8_prefix(const char *s, size_t n, size_t max_chars)
{
	size_t i = 0, c = 0;
	while (i < n && c < max_chars) {
		size_t k = utf8_seq((const unsigned char *)s + i, n - i);
		i += k ? k : 1;
		c++;
	}
	return i;
}

/* Is the character at s a control character (C0, DEL, C1)? Returns its byte
 * length when it is, 0 otherwise. */
static size_t control_len(const unsigned char *s, size_t n)
{
	if (s[0] < 0x20 || s[0] == 0x7f) {
		return 1;
	}
	if (n >= 2 && s[0] == 0xC2 && s[1] >= 0x80 && s[1] <= 0x9F) {
		return 2;
	}
	return 0;
}

/* "\"value\"" for messages: at most 40 characters, control characters as '?'. */
static void quote(const char *s, size_t n, char *out, size_t size)
{
	size_t cut = utf8_prefix(s, n, 40);
	size_t i = 0, o = 0;

	out[o++] = '"';
	while (i < cut && o + 8 < size) {
		size_t cl = control_len((const unsigned char *)s + i, cut - i);
		if (cl) {
			out[o++] = '?';
			i += cl;
			continue;
		}
		out[o++] = s[i++];
	}
	if (cut < n && o + 6 < size) {
		memcpy(out + o, "...", 3);
		o += 3;
	}
	out[o++] = '"';
	out[o] = '\0';
}

static const char *type_name(json_object *o)
{
	switch (json_object_get_type(o)) {
	case json_type_null: return "null";
	case json_type_boolean: return "a boolean";
	case json_type_double: return "a float";
	case json_type_int: return "an integer";
	case json_type_object: return "an array of fields";
	case json_type_array: return "a list";
	case json_type_string: return "a string";
	}
	return "something else";
}

/* Single-line cleaning: control characters -> space, runs of spaces collapsed
 * when collapse is set, trimmed. Returns a malloc'd string. */
static char *clean_line(const char *s, size_t n, bool drop_colon, bool collapse)
{
	char *out = malloc(n + 1);
	size_t i = 0, o = 0;

	if (!out) {
		return NULL;
	}
	while (i < n) {
		size_t cl = control_len((const unsigned char *)s + i, n - i);
		char c;
		if (cl) {
			c = ' ';
			i += cl;
		} else if (drop_colon && s[i] == ':') {
			c = ' ';
			i++;
		} else {
			out[o++] = s[i++];
			continue;
		}
		if (!collapse || (o > 0 && out[o - 1] != ' ')) {
			out[o++] = c;
		}
	}
	if (collapse) {
		/* collapse plain space runs too */
		size_t r, w = 0;
		for (r = 0; r < o; r++) {
			if (out[r] == ' ' && w > 0 && out[w - 1] == ' ') {
				continue;
			}
			out[w++] = out[r];
		}
		o = w;
	}
	while (o > 0 && (out[o - 1] == ' ')) {
		o--;
	}
	out[o] = '\0';
	{
		size_t lead = 0;
		while (out[lead] == ' ') {
			lead++;
		}
		if (lead) {
			memmove(out, out + lead, o - lead + 1);
		}
	}
	return out;
}

/* Trims ASCII whitespace at both ends (multi-line text keeps inner newlines). */
static void trim_span(const char **s, size_t *n)
{
	while (*n > 0 && isspace((unsigned char)(*s)[0])) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && isspace((unsigned char)(*s)[*n - 1])) {
		(*n)--;
	}
}

/* ------------------------------------------------------------------ */
/* accessors                                                            */

/* The value of key in obj, NULL when absent or null. */
static json_object *get(json_object *obj, const char *key)
{
	json_object *val = NULL;
	if (!json_object_object_get_ex(obj, key, &val)) {
		return NULL;
	}
	if (val && json_object_get_type(val) == json_type_null) {
		return NULL;
	}
	return val;
}

static bool is_object(json_object *o)
{
	if (json_object_get_type(o) == json_type_object) {
		return true;
	}
	/* an empty PHP array may come as an empty list */
	return json_object_get_type(o) == json_type_array && json_object_array_length(o) == 0;
}

/* A list, or an object whose keys are all decimal integers (a PHP array with
 * gaps). *tmp receives a new list the caller puts, when one had to be made. */
static json_object *as_list(json_object *o, json_object **tmp)
{
	*tmp = NULL;
	if (json_object_get_type(o) == json_type_array) {
		return o;
	}
	if (json_object_get_type(o) == json_type_object) {
		json_object *arr;
		json_object_object_foreach(o, k, val) {
			const char *p = k;
			if (!*p) {
				return NULL;
			}
			for (; *p; p++) {
				if (*p < '0' || *p > '9') {
					return NULL;
				}
			}
			(void)val;
		}
		arr = json_object_new_array();
		if (!arr) {
			return NULL;
		}
		{
			json_object_object_foreach(o, k2, val2) {
				(void)k2;
				json_object_array_add(arr, json_object_get(val2));
			}
		}
		*tmp = arr;
		return arr;
	}
	return NULL;
}

static void put_str(json_object *norm, const char *key, const char *s, size_t n)
{
	json_object_object_add(norm, key, json_object_new_string_len(s, (int)n));
}

static void put_int(json_object *norm, const char *key, int64_t v)
{
	json_object_object_add(norm, key, json_object_new_int64(v));
}

static void put_bool(json_object *norm, const char *key, bool b)
{
	json_object_object_add(norm, key, json_object_new_boolean(b));
}

/* ------------------------------------------------------------------ */
/* the UTF-8 scan of the whole document                                 */

static qs_status scan_utf8(vctx *v, json_object *o, char *path, size_t plen, size_t cap)
{
	switch (json_object_get_type(o)) {
	case json_type_string: {
		const char *s = json_object_get_string(o);
		size_t n = (size_t)json_object_get_string_len(o);
		long bad = utf8_bad_offset(s, n);
		if (bad >= 0) {
			unsigned char b = (unsigned char)s[bad];
			if (b == 0) {
				return verr(v, path, "%s contains a NUL byte at position %ld; remove it in the billing system", path, bad);
			}
			return verr(v, path, "%s is not valid UTF-8 (byte 0x%02X at position %ld); send the text encoded as UTF-8",
				path, b, bad);
		}
		return QS_OK;
	}
	case json_type_object: {
		json_object_object_foreach(o, key, val) {
			size_t kn = strlen(key);
			long bad = utf8_bad_offset(key, kn);
			int w;
			if (bad >= 0) {
				return verr(v, path[0] ? path : "", "%s%shas a field name that is not valid UTF-8 (byte 0x%02X at position %ld); send the field names in UTF-8",
					path, path[0] ? " " : "", (unsigned char)key[bad], bad);
			}
			w = snprintf(path + plen, cap - plen, "%s%s", plen ? "." : "", key);
			if (w < 0 || (size_t)w >= cap - plen) {
				path[cap - 1] = '\0';
			}
			if (scan_utf8(v, val, path, strlen(path), cap) != QS_OK) {
				return QS_EVALIDATION;
			}
			path[plen] = '\0';
		}
		return QS_OK;
	}
	case json_type_array: {
		size_t i, n = json_object_array_length(o);
		for (i = 0; i < n; i++) {
			int w = snprintf(path + plen, cap - plen, "[%zu]", i);
			if (w < 0 || (size_t)w >= cap - plen) {
				path[cap - 1] = '\0';
			}
			if (scan_utf8(v, json_object_array_get_idx(o, i), path, strlen(path), cap) != QS_OK) {
				return QS_EVALIDATION;
			}
			path[plen] = '\0';
		}
		return QS_OK;
	}
	default:
		return QS_OK;
	}
}

/* ------------------------------------------------------------------ */
/* unknown keys                                                         */

static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t row[40];
	if (la >= 39 || lb >= 39) {
		return 99;
	}
	for (j = 0; j <= lb; j++) {
		row[j] = j;
	}
	for (i = 1; i <= la; i++) {
		size_t prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t cur = row[j];
			size_t cost = tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 1]) ? 0 : 1;
			size_t best = prev + cost;
			if (row[j] + 1 < best) best = row[j] + 1;
			if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
			row[j] = best;
			prev = cur;
		}
	}
	return row[lb];
}

/* key with '_', '-' and ' ' removed, lower-cased, into out (64 bytes). */
static void squash_key(const char *key, char out[64])
{
	size_t o = 0;
	for (; *key && o < 63; key++) {
		if (*key != '_' && *key != '-' && *key != ' ') {
			out[o++] = (char)tolower((unsigned char)*key);
		}
	}
	out[o] = '\0';
}

/* The allowed key a mistyped key most likely meant, or NULL: a known alias,
 * the same key up to case and '_', an edit distance of at most 2, or a shared
 * prefix of at least 4 characters. */
static const char *suggest_key(const char *key, const char *const *allowed)
{
	static const char *const aliases[][2] = {
		{"qty", "quantity"}, {"price", "unit_price"}, {"unitprice", "unit_price"}, {"rate", "unit_price"},
		{"zip", "postal_code"}, {"zipcode", "postal_code"}, {"postcode", "postal_code"}, {"postal", "postal_code"},
		{"state", "region"}, {"province", "region"}, {"county", "region"}, {"address1", "line1"},
		{"address2", "line2"}, {"street", "line1"}, {"mail", "email"}, {"emailaddress", "email"},
		{"firstname", "first_name"}, {"lastname", "last_name"}, {"surname", "last_name"},
		{"companyname", "company"}, {"phonenumber", "phone"}, {"telephone", "phone"},
		{"duedate", "due"}, {"invoicenum", "number"}, {"invoicenumber", "number"}, {"tax", "tax_total"},
		{"taxtotal", "tax_total"}, {"client", "customer"}, {"clientid", "customer"}, {"userid", "customer"},
		{"customerid", "customer"}, {"items", "lines"}, {"gateway", "method"}, {"paymentmethod", "method"},
		{"transid", "reference"}, {"transactionid", "reference"}, {"credit", "credit_applied"},
		{"taxexempt", "tax_exempt"}, {"invoiceid", "invoice"}, {"invoices", "applies_to"},
	};
	char sk[64], sa[64];
	const char *const *a;
	const char *best = NULL;
	size_t i, best_d = 3;

	squash_key(key, sk);
	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++) {
		if (!strcmp(sk, aliases[i][0])) {
			for (a = allowed; *a; a++) {
				if (!strcmp(*a, aliases[i][1])) {
					return *a;
				}
			}
		}
	}
	for (a = allowed; *a; a++) {
		size_t d;
		squash_key(*a, sa);
		if (!strcmp(sk, sa)) {
			return *a;
		}
		d = edit_distance(sk, sa);
		if (d < best_d) {
			best_d = d;
			best = *a;
		}
	}
	if (best) {
		return best;
	}
	for (a = allowed; *a; a++) {
		squash_key(*a, sa);
		if (strlen(sk) >= 4 && strlen(sa) >= 4 && !strncmp(sk, sa, 4)) {
			return *a;
		}
	}
	return NULL;
}

/* allowed: NULL-terminated list. prefix: path prefix for nested objects ("lines[0]"). */
static qs_status check_keys(vctx *v, json_object *obj, const char *const *allowed, const char *prefix)
{
	json_object_object_foreach(obj, key, val) {
		const char *const *a;
		const char *best;
		char q[96], path[128], list[512];
		size_t o = 0;
		(void)val;
		for (a = allowed; *a; a++) {
			if (!strcmp(*a, key)) {
				break;
			}
		}
		if (*a) {
			continue;
		}
		best = suggest_key(key, allowed);
		list[0] = '\0';
		for (a = allowed; *a && o + 32 < sizeof(list); a++) {
			o += (size_t)snprintf(list + o, sizeof(list) - o, "%s%s", a == allowed ? "" : ", ", *a);
		}
		quote(key, strlen(key), q, sizeof(q));
		if (prefix && *prefix) {
			snprintf(path, sizeof(path), "%s.%s", prefix, key);
		} else {
			qs_strlcpy(path, key, sizeof(path));
		}
		if (best) {
			return verr(v, path, "unknown field %s%s%s (did you mean \"%s\"?); fix the field name or remove it",
				q, prefix && *prefix ? " in " : "", prefix && *prefix ? prefix : "", best);
		}
		return verr(v, path, "unknown field %s%s%s; remove it (the fields are: %s)",
			q, prefix && *prefix ? " in " : "", prefix && *prefix ? prefix : "", list);
	}
	return QS_OK;
}

/* ------------------------------------------------------------------ */
/* field parsers                                                        */

/* Joins prefix and key into a field path. */
static const char *fpath(char *buf, size_t size, const char *prefix, const char *key)
{
	if (prefix && *prefix) {
		snprintf(buf, size, "%s.%s", prefix, key);
	} else {
		qs_strlcpy(buf, key, size);
	}
	return buf;
}

/* An id or reference: non-empty string (or int) of at most 64 characters, no
 * control characters. out: 65 bytes. */
static qs_status parse_ref(vctx *v, json_object *val, const char *field, const char *what, char out[QS_ID_MAX + 1])
{
	const char *s;
	size_t n;
	char q[96];

	if (json_object_get_type(val) == json_type_int) {
		snprintf(out, QS_ID_MAX + 1, "%" PRId64, json_object_get_int64(val));
		return QS_OK;
	}
	if (json_object_get_type(val) != json_type_string) {
		return verr(v, field, "%s is %s, not a string or integer; send the %s as the billing system knows it",
			field, type_name(val), what);
	}
	s = json_object_get_string(val);
	n = (size_t)json_object_get_string_len(val);
	if (n == 0) {
		return verr(v, field, "%s is empty; send the %s as the billing system knows it", field, what);
	}
	if (utf8_chars(s, n) > QS_ID_MAX || n > QS_ID_MAX) {
		quote(s, n, q, sizeof(q));
		return verr(v, field, "%s %s is %zu characters long but at most %d are allowed; use a shorter %s",
			field, q, utf8_chars(s, n), QS_ID_MAX, what);
	}
	{
		size_t i;
		for (i = 0; i < n; i++) {
			if (control_len((const unsigned char *)s + i, n - i)) {
				quote(s, n, q, sizeof(q));
				return verr(v, field, "%s %s contains a control character; send the %s without it", field, q, what);
			}
		}
	}
	memcpy(out, s, n);
	out[n] = '\0';
	return QS_OK;
}

static qs_status req_ref(vctx *v, json_object *doc, const char *key, const char *prefix, const char *what,
	json_object *norm, char out[QS_ID_MAX + 1])
{
	char path[128];
	json_object *val = get(doc, key);
	fpath(path, sizeof(path), prefix, key);
	if (!val) {
		return verr(v, path, "%s is missing; send the %s", path, what);
	}
	if (parse_ref(v, val, path, what, out) != QS_OK) {
		return QS_EVALIDATION;
	}
	if (norm) {
		put_str(norm, key, out, strlen(out));
	}
	return QS_OK;
}

/* *present tells whether the reference was given. */
static qs_status opt_ref(vctx *v, json_object *doc, const char *key, const char *prefix, const char *what,
	json_object *norm, char out[QS_ID_MAX + 1], bool *present)
{
	char path[128];
	json_object *val = get(doc, key);
	out[0] = '\0';
	if (present) {
		*present = false;
	}
	if (!val) {
		return QS_OK;
	}
	fpath(path, sizeof(path), prefix, key);
	if (parse_ref(v, val, path, what, out) != QS_OK) {
		return QS_EVALIDATION;
	}
	if (present) {
		*present = true;
	}
	if (norm) {
		put_str(norm, key, out, strlen(out));
	}
	return QS_OK;
}

/* Text. single_line: cleaned (controls -> space, trimmed); else only trimmed.
 * accept_int: an integer is taken as its decimal text. max_chars: longer text is
 * an error. *out (may be NULL): malloc'd cleaned text, NULL when absent/empty. */
static qs_status opt_text(vctx *v, json_object *doc, const char *key, const char *prefix, size_t max_chars,
	bool single_line, bool accept_int, const char *fix, json_object *norm, char **out)
{
	char path[128], q[96], num[32];
	json_object *val = get(doc, key);
	const char *s;
	size_t n;
	char *clean;

	if (out) {
		*out = NULL;
	}
	if (!val) {
		return QS_OK;
	}
	fpath(path, sizeof(path), prefix, key);
	if (accept_int && json_object_get_type(val) == json_type_int) {
		snprintf(num, sizeof(num), "%" PRId64, json_object_get_int64(val));
		s = num;
		n = strlen(num);
	} else if (json_object_get_type(val) != json_type_string) {
		return verr(v, path, "%s is %s, not text; %s", path, type_name(val), fix);
	} else {
		s = json_object_get_string(val);
		n = (size_t)json_object_get_string_len(val);
	}
	if (single_line) {
		clean = clean_line(s, n, false, false);
	} else {
		/* multi-line text keeps tabs and line breaks; other controls become spaces */
		trim_span(&s, &n);
		clean = malloc(n + 1);
		if (clean) {
			size_t i = 0, o = 0;
			while (i < n) {
				size_t cl = control_len((const unsigned char *)s + i, n - i);
				if (cl && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') {
					clean[o++] = ' ';
					i += cl;
				} else {
					clean[o++] = s[i++];
				}
			}
			clean[o] = '\0';
		}
	}
	if (!clean) {
		return qs_error_set(v->e, QS_EINTERNAL, "out of memory");
	}
	n = strlen(clean);
	if (n == 0) {
		free(clean);
		return QS_OK;
	}
	if (max_chars && utf8_chars(clean, n) > max_chars) {
		size_t chars = utf8_chars(clean, n);
		quote(clean, n, q, sizeof(q));
		free(clean);
		return verr(v, path, "%s %s is %zu characters long but QuickBooks allows at most %zu; %s",
			path, q, chars, max_chars, fix);
	}
	if (norm) {
		put_str(norm, key, clean, n);
	}
	if (out) {
		*out = clean;
	} else {
		free(clean);
	}
	return QS_OK;
}

/* An amount written with exactly `decimals` decimals, for messages. */
static const char *money_example(int decimals)
{
	switch (decimals) {
	case 1: return "10.9";
	case 3: return "10.125";
	case 4: return "10.1234";
	default: return "10.99";
	}
}

/* Money: decimal string, integer (whole units) or a float under the strict rule.
 * *present (may be NULL) tells whether it was given; required fields pass NULL. */
static qs_status money_field(vctx *v, json_object *doc, const char *key, const char *prefix,
	json_object *norm, qs_money *out, bool *present)
{
	char path[128];
	json_object *val = get(doc, key);
	qs_error me;
	qs_status st;

	*out = 0;
	fpath(path, sizeof(path), prefix, key);
	if (!val) {
		if (present) {
			*present = false;
			return QS_OK;
		}
		return verr(v, path, "%s is missing; send it as a decimal string like \"10.99\"", path);
	}
	qs_error_clear(&me);
	switch (json_object_get_type(val)) {
	case json_type_string: {
		const char *s = json_object_get_string(val);
		size_t n = (size_t)json_object_get_string_len(val);
		st = qs_money_parse(s, n, v->decimals, out, &me);
		if (st != QS_OK) {
			if (v->decimals > 0) {
				return verr(v, path, "%s %s (%s); send at most %d decimals, e.g. \"%s\"",
					path, me.message, v->currency, v->decimals, money_example(v->decimals));
			}
			return verr(v, path, "%s %s (%s); send whole amounts, e.g. \"1200\"", path, me.message, v->currency);
		}
		break;
	}
	case json_type_int: {
		int64_t units = json_object_get_int64(val), m = units;
		int i;
		for (i = 0; i < v->decimals; i++) {
			if (__builtin_mul_overflow(m, 10, &m)) {
				return verr(v, path, "%s %" PRId64 " is too large; send a real amount", path, units);
			}
		}
		*out = m;
		break;
	}
	case json_type_double:
		st = qs_money_from_double(json_object_get_double(val), v->decimals, out, &me);
		if (st != QS_OK) {
			if (v->decimals > 0) {
				return verr(v, path, "%s %s (%s); send money as a decimal string with at most %d decimals, e.g. \"%s\"",
					path, me.message, v->currency, v->decimals, money_example(v->decimals));
			}
			return verr(v, path, "%s %s (%s); send whole amounts, e.g. \"1200\"", path, me.message, v->currency);
		}
		break;
	default:
		return verr(v, path, "%s is %s, not an amount; send a decimal string like \"10.99\"", path, type_name(val));
	}
	if (present) {
		*present = true;
	}
	if (norm) {
		put_int(norm, key, *out);
	}
	return QS_OK;
}

/* A quantity or rate with up to 4 decimals -> value * 10^4. */
static qs_status dec4_field(vctx *v, json_object *val, const char *path, int64_t *out)
{
	qs_error me;
	qs_error_clear(&me);
	switch (json_object_get_type(val)) {
	case json_type_string:
		if (qs_decimal4_parse(json_object_get_string(val), (size_t)json_object_get_string_len(val), out, &me) != QS_OK) {
			return verr(v, path, "%s %s; send a decimal with at most 4 decimals, e.g. \"1.5\"", path, me.message);
		}
		return QS_OK;
	case json_type_int: {
		int64_t n = json_object_get_int64(val);
		if (__builtin_mul_overflow(n, 10000, out)) {
			return verr(v, path, "%s %" PRId64 " is too large", path, n);
		}
		return QS_OK;
	}
	case json_type_double:
		if (qs_decimal4_from_double(json_object_get_double(val), out, &me) != QS_OK) {
			return verr(v, path, "%s %s; send it as a decimal string such as \"1.5\"", path, me.message);
		}
		return QS_OK;
	default:
		return verr(v, path, "%s is %s, not a number; send a decimal string like \"1.5\"", path, type_name(val));
	}
}

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* YYYY-MM-DD, a real calendar date between 1900 and 9999. */
static bool date_ok(const char *s, size_t n)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, m, d, i;
	if (n != 10 || s[4] != '-' || s[7] != '-') {
		return false;
	}
	for (i = 0; i < 10; i++) {
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) {
			return false;
		}
	}
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1900 || m < 1 || m > 12 || d < 1) {
		return false;
	}
	return d <= days[m - 1] + (m == 2 && is_leap(y) ? 1 : 0);
}

/* YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS[.fff](Z|+HH:MM|-HH:MM). */
static bool timestamp_ok(const char *s, size_t n)
{
	size_t i = 19;
	if (n == 10) {
		return date_ok(s, n);
	}
	if (n < 20 || !date_ok(s, 10) || (s[10] != 'T' && s[10] != ' ')) {
		return false;
	}
	if (!isdigit((unsigned char)s[11]) || !isdigit((unsigned char)s[12]) || s[13] != ':' ||
		!isdigit((unsigned char)s[14]) || !isdigit((unsigned char)s[15]) || s[16] != ':' ||
		!isdigit((unsigned char)s[17]) || !isdigit((unsigned char)s[18])) {
		return false;
	}
	if ((s[11] - '0') * 10 + (s[12] - '0') > 23 || (s[14] - '0') * 10 + (s[15] - '0') > 59 ||
		(s[17] - '0') * 10 + (s[18] - '0') > 60) {
		return false;
	}
	if (s[i] == '.') {
		i++;
		if (i >= n || !isdigit((unsigned char)s[i])) {
			return false;
		}
		while (i < n && isdigit((unsigned char)s[i])) {
			i++;
		}
	}
	if (i == n - 1 && s[i] == 'Z') {
		return true;
	}
	if (i + 6 == n && (s[i] == '+' || s[i] == '-') && isdigit((unsigned char)s[i + 1]) &&
		isdigit((unsigned char)s[i + 2]) && s[i + 3] == ':' && isdigit((unsigned char)s[i + 4]) &&
		isdigit((unsigned char)s[i + 5])) {
		return true;
	}
	return false;
}

static qs_status date_field(vctx *v, json_object *doc, const char *key, bool required, bool allow_time,
	const char *what, json_object *norm)
{
	json_object *val = get(doc, key);
	const char *s;
	size_t n;
	char q[96];

	if (!val) {
		if (required) {
			return verr(v, key, "%s is missing; send the %s as YYYY-MM-DD", key, what);
		}
		return QS_OK;
	}
	if (json_object_get_type(val) != json_type_string) {
		return verr(v, key, "%s is %s, not a date; send the %s as a string YYYY-MM-DD", key, type_name(val), what);
	}
	s = json_object_get_string(val);
	n = (size_t)json_object_get_string_len(val);
	if (!(allow_time ? timestamp_ok(s, n) : date_ok(s, n))) {
		quote(s, n, q, sizeof(q));
		if (n == 10 && s[4] == '-' && s[7] == '-') {
			return verr(v, key, "%s %s is not a real calendar date; send the %s as YYYY-MM-DD", key, q, what);
		}
		return verr(v, key, "%s %s is not a date in the form YYYY-MM-DD%s; send the %s as YYYY-MM-DD",
			key, q, allow_time ? " (or an ISO 8601 timestamp with offset)" : "", what);
	}
	put_str(norm, key, s, n);
	return QS_OK;
}

static qs_status bool_field(vctx *v, json_object *doc, const char *key, const char *prefix, json_object *norm,
	bool *out, bool *present)
{
	char path[128];
	json_object *val = get(doc, key);
	*present = false;
	if (!val) {
		return QS_OK;
	}
	fpath(path, sizeof(path), prefix, key);
	if (json_object_get_type(val) == json_type_boolean) {
		*out = json_object_get_boolean(val) != 0;
	} else if (json_object_get_type(val) == json_type_int &&
		(json_object_get_int64(val) == 0 || json_object_get_int64(val) == 1)) {
		*out = json_object_get_int64(val) == 1;
	} else {
		return verr(v, path, "%s is %s, not true or false; send a boolean", path, type_name(val));
	}
	*present = true;
	if (norm) {
		put_bool(norm, key, *out);
	}
	return QS_OK;
}

/* Currency: three letters, upper-cased. Sets v->currency/decimals when doc_level. */
static qs_status currency_field(vctx *v, json_object *doc, json_object *norm, char out[4])
{
	json_object *val = get(doc, "currency");
	const char *s;
	size_t n, i;
	char q[96];

	out[0] = '\0';
	if (!val) {
		return QS_OK;
	}
	if (json_object_get_type(val) != json_type_string) {
		return verr(v, "currency", "currency is %s; send an ISO 4217 code like \"USD\"", type_name(val));
	}
	s = json_object_get_string(val);
	n = (size_t)json_object_get_string_len(val);
	if (n == 0) {
		return QS_OK;
	}
	if (n != 3 || !isalpha((unsigned char)s[0]) || !isalpha((unsigned char)s[1]) || !isalpha((unsigned char)s[2])) {
		quote(s, n, q, sizeof(q));
		return verr(v, "currency", "currency %s is not an ISO 4217 code; send three letters like \"USD\"", q);
	}
	for (i = 0; i < 3; i++) {
		out[i] = (char)toupper((unsigned char)s[i]);
	}
	out[3] = '\0';
	put_str(norm, "currency", out, 3);
	return QS_OK;
}

/* ------------------------------------------------------------------ */
/* email                                                                */

static bool email_ok(const char *s, size_t n)
{
	const char *at = NULL;
	size_t i, local_len, dom_len, label = 0, labels = 0, tld_alpha = 0;
	bool tld_ok = true;

	if (n < 3 || n > 100) {
		return false;
	}
	for (i = 0; i < n; i++) {
		if (s[i] == '@') {
			if (at) {
				return false;
			}
			at = s + i;
		}
	}
	if (!at) {
		return false;
	}
	local_len = (size_t)(at - s);
	dom_len = n - local_len - 1;
	if (local_len == 0 || local_len > 64 || dom_len < 3) {
		return false;
	}
	/* local part: dot-atom */
	if (s[0] == '.' || s[local_len - 1] == '.') {
		return false;
	}
	for (i = 0; i < local_len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '.' && s[i + 1] == '.') {
			return false;
		}
		if (c >= 0x80) {
			continue; /* internationalised local part (valid UTF-8 already) */
		}
		if (!isalnum(c) && !strchr(".!#$%&'*+/=?^_`{|}~-", c)) {
			return false;
		}
	}
	/* domain: labels of letters, digits, hyphens; at least two labels */
	for (i = 0; i <= dom_len; i++) {
		unsigned char c = i < dom_len ? (unsigned char)at[1 + i] : '.';
		if (c == '.') {
			if (label == 0 || label > 63 || at[i] == '-' /* label ends with '-' */) {
				return false;
			}
			labels++;
			tld_ok = tld_alpha == label;
			label = 0;
			tld_alpha = 0;
			continue;
		}
		if (c == '-' && label == 0) {
			return false;
		}
		if (!(isalnum(c) || c == '-' || c >= 0x80)) {
			return false;
		}
		if (isalpha(c) || c >= 0x80) {
			tld_alpha++;
		}
		label++;
	}
	/* the top-level label is letters (or IDN), at least two of them */
	if (labels < 2 || !tld_ok) {
		return false;
	}
	{
		const char *dot = strrchr(at, '.');
		if (!dot || (size_t)(s + n - dot - 1) < 2) {
			return false;
		}
	}
	return true;
}

/* ------------------------------------------------------------------ */
/* customer                                                             */

static const char *const customer_keys[] = {
	"id", "email", "first_name", "last_name", "company", "display_name", "phone",
	"address", "currency", "tax_exempt", "created", NULL
};
static const char *const address_keys[] = {
	"line1", "line2", "city", "region", "postal_code", "country", NULL
};

/* The display name rule: ':' and control characters removed (spaces collapsed),
 * trimmed, at most 500 characters. malloc'd; "" when nothing is left. */
static char *display_clean(const char *s)
{
	char *c = clean_line(s, strlen(s), true, true);
	size_t n;
	if (!c) {
		return NULL;
	}
	n = strlen(c);
	if (utf8_chars(c, n) > 500) {
		size_t cut = utf8_prefix(c, n, 500);
		c[cut] = '\0';
		while (cut > 0 && c[cut - 1] == ' ') {
			c[--cut] = '\0';
		}
	}
	return c;
}

static qs_status validate_address(vctx *v, json_object *doc, json_object *norm)
{
	json_object *addr = get(doc, "address"), *out;
	char *country = NULL;
	qs_status st;

	if (!addr) {
		return QS_OK;
	}
	if (!is_object(addr)) {
		return verr(v, "address", "address is %s; send an array with line1, line2, city, region, postal_code, country",
			type_name(addr));
	}
	if (json_object_get_type(addr) == json_type_array) {
		return QS_OK; /* empty */
	}
	if (check_keys(v, addr, address_keys, "address") != QS_OK) {
		return QS_EVALIDATION;
	}
	out = json_object_new_object();
	if ((st = opt_text(v, addr, "line1", "address", 500, true, true, "shorten the address line", out, NULL)) != QS_OK ||
		(st = opt_text(v, addr, "line2", "address", 500, true, true, "shorten the address line", out, NULL)) != QS_OK ||
		(st = opt_text(v, addr, "city", "address", 255, true, false, "shorten the city", out, NULL)) != QS_OK ||
		(st = opt_text(v, addr, "region", "address", 255, true, false, "shorten the region", out, NULL)) != QS_OK ||
		(st = opt_text(v, addr, "postal_code", "address", 30, true, true, "shorten the postal code", out, NULL)) != QS_OK ||
		(st = opt_text(v, addr, "country", "address", 0, true, false, "send a two-letter ISO 3166-1 code like \"US\"", NULL, &country)) != QS_OK) {
		json_object_put(out);
		return st;
	}
	if (country) {
		char q[96];
		if (strlen(country) != 2 || !isalpha((unsigned char)country[0]) || !isalpha((unsigned char)country[1])) {
			quote(country, strlen(country), q, sizeof(q));
			free(country);
			json_object_put(out);
			return verr(v, "address.country", "address.country %s is not a two-letter ISO 3166-1 code; send a code like \"US\" or \"GB\"", q);
		}
		country[0] = (char)toupper((unsigned char)country[0]);
		country[1] = (char)toupper((unsigned char)country[1]);
		put_str(out, "country", country, 2);
		free(country);
	}
	if (json_object_object_length(out) > 0) {
		json_object_object_add(norm, "address", out);
	} else {
		json_object_put(out);
	}
	return QS_OK;
}

static qs_status validate_customer(vctx *v, json_object *doc, json_object *norm, const char *home)
{
	char *email = NULL, *first = NULL, *last = NULL, *company = NULL, *display = NULL;
	json_object *ev;
	char cur[4], q[96];
	bool b, present;
	qs_status st = QS_OK;

	(void)home;
	ev = get(doc, "email");
	if (!ev) {
		return verr(v, "email", "email is missing; add the customer's email address in the billing system (QuickBooks invoices need it)");
	}
	if ((st = opt_text(v, doc, "email", NULL, 0, true, false, "fix it in the billing system", NULL, &email)) != QS_OK) {
		return st;
	}
	if (!email) {
		return verr(v, "email", "email is empty; add the customer's email address in the billing system (QuickBooks invoices need it)");
	}
	if (!email_ok(email, strlen(email))) {
		quote(email, strlen(email), q, sizeof(q));
		free(email);
		return verr(v, "email", "email %s is not a valid address; fix it in the billing system", q);
	}
	put_str(norm, "email", email, strlen(email));
	free(email);

	if ((st = opt_text(v, doc, "first_name", NULL, 100, true, false, "shorten it in the billing system", norm, &first)) != QS_OK ||
		(st = opt_text(v, doc, "last_name", NULL, 100, true, false, "shorten it in the billing system", norm, &last)) != QS_OK ||
		(st = opt_text(v, doc, "company", NULL, 100, true, false, "shorten it in the billing system", norm, &company)) != QS_OK) {
		goto done;
	}
	if (!first && !last && !company) {
		st = verr(v, "first_name", "first_name, last_name and company are all missing or empty; add a name or a company name in the billing system");
		goto done;
	}
	/* display_name: given (cleaned), else company, else "first last" */
	if ((st = opt_text(v, doc, "display_name", NULL, 0, true, false, "", NULL, &display)) != QS_OK) {
		goto done;
	}
	{
		char *clean = NULL;
		if (display) {
			clean = display_clean(display);
		}
		if (!clean || !clean[0]) {
			free(clean);
			if (company) {
				clean = display_clean(company);
			} else {
				size_t fl = first ? strlen(first) : 0, ll = last ? strlen(last) : 0;
				char *both = malloc(fl + ll + 2);
				if (!both) {
					st = qs_error_set(v->e, QS_EINTERNAL, "out of memory");
					goto done;
				}
				snprintf(both, fl + ll + 2, "%s%s%s", first ? first : "", (fl && ll) ? " " : "", last ? last : "");
				clean = display_clean(both);
				free(both);
			}
		}
		if (!clean || !clean[0]) {
			free(clean);
			st = verr(v, "display_name", "has no usable name once ':' and control characters are removed; give the customer a name in the billing system");
			goto done;
		}
		put_str(norm, "display_name", clean, strlen(clean));
		free(clean);
	}
	if ((st = opt_text(v, doc, "phone", NULL, 30, true, true, "shorten the phone number in the billing system", norm, NULL)) != QS_OK ||
		(st = validate_address(v, doc, norm)) != QS_OK ||
		(st = currency_field(v, doc, norm, cur)) != QS_OK ||
		(st = bool_field(v, doc, "tax_exempt", NULL, norm, &b, &present)) != QS_OK ||
		(st = date_field(v, doc, "created", false, true, "creation date", norm)) != QS_OK) {
		goto done;
	}
done:
	free(first);
	free(last);
	free(company);
	free(display);
	return st;
}

/* ------------------------------------------------------------------ */
/* item                                                                 */

static const char *const item_keys[] = {
	"id", "name", "type", "description", "price", "income_account", NULL
};

static qs_status validate_item(vctx *v, json_object *doc, json_object *norm)
{
	char *name = NULL, *type = NULL, *clean;
	char ref[QS_ID_MAX + 1], q[96];
	qs_money price;
	bool present;
	qs_status st;

	if (!get(doc, "name")) {
		return verr(v, "name", "name is missing; send the product or service name");
	}
	if ((st = opt_text(v, doc, "name", NULL, 0, true, true, "send the product name as text", NULL, &name)) != QS_OK) {
		return st;
	}
	if (!name) {
		return verr(v, "name", "name is empty; give the product a name in the billing system");
	}
	clean = clean_line(name, strlen(name), true, true);
	free(name);
	if (!clean) {
		return qs_error_set(v->e, QS_EINTERNAL, "out of memory");
	}
	if (!clean[0]) {
		free(clean);
		return verr(v, "name", "name has nothing left once ':' and control characters are removed; rename the product");
	}
	if (utf8_chars(clean, strlen(clean)) > 100) {
		size_t chars = utf8_chars(clean, strlen(clean));
		quote(clean, strlen(clean), q, sizeof(q));
		free(clean);
		return verr(v, "name", "name %s is %zu characters long but QuickBooks allows at most 100; shorten it or map the item to an existing QuickBooks item",
			q, chars);
	}
	put_str(norm, "name", clean, strlen(clean));
	free(clean);

	if ((st = opt_text(v, doc, "type", NULL, 0, true, false, "send \"service\" or \"non_inventory\"", NULL, &type)) != QS_OK) {
		return st;
	}
	if (type && strcmp(type, "service") != 0 && strcmp(type, "non_inventory") != 0) {
		quote(type, strlen(type), q, sizeof(q));
		free(type);
		return verr(v, "type", "type %s is not \"service\" or \"non_inventory\"; send one of those", q);
	}
	put_str(norm, "type", type ? type : "service", strlen(type ? type : "service"));
	free(type);
	if ((st = opt_text(v, doc, "description", NULL, 4000, false, false, "shorten the description", norm, NULL)) != QS_OK ||
		(st = money_field(v, doc, "price", NULL, norm, &price, &present)) != QS_OK ||
		(st = opt_ref(v, doc, "income_account", NULL, "income account key from the mappings", norm, ref, NULL)) != QS_OK) {
		return st;
	}
	return QS_OK;
}

/* ------------------------------------------------------------------ */
/* lines (invoice, credit)                                              */

static const char *const line_keys[] = {
	"item", "description", "quantity", "unit_price", "amount", "taxable", "tax", "kind", NULL
};

typedef struct line_info {
	qs_money amount;        /* as normalised, signed as given */
	int64_t contribution;   /* to the subtotal: discount/credit count negative */
	bool adjustable;        /* sale or late_fee */
	bool unit_qty;          /* quantity 1: UnitPrice can follow an adjusted amount */
} line_info;

static const char *title_lower(const vctx *v)
{
	return v->kind;
}

/* Validates doc.lines into norm.lines; infos: malloc'd array of *count entries. */
static qs_status validate_lines(vctx *v, json_object *doc, bool required, json_object *norm,
	line_info **infos, size_t *count)
{
	json_object *lines = get(doc, "lines"), *tmp = NULL, *list, *out = NULL;
	size_t i, n;
	qs_status st = QS_OK;
	line_info *li = NULL;

	*infos = NULL;
	*count = 0;
	if (!lines) {
		if (required) {
			return verr(v, "lines", "lines is missing; an %s needs at least one line", title_lower(v));
		}
		return QS_OK;
	}
	if (json_object_get_type(lines) == json_type_object && json_object_object_length(lines) == 0) {
		list = NULL;
		n = 0;
	} else {
		list = as_list(lines, &tmp);
		if (!list) {
			return verr(v, "lines", "lines is %s, not a list; send a list of lines", type_name(lines));
		}
		n = json_object_array_length(list);
	}
	if (n == 0) {
		json_object_put(tmp);
		if (required) {
			return verr(v, "lines", "lines is empty; an %s needs at least one line", title_lower(v));
		}
		return verr(v, "lines", "lines is empty; leave lines out or send at least one line");
	}
	if (n > 750) {
		json_object_put(tmp);
		return verr(v, "lines", "has %zu lines but QuickBooks allows at most 750; split it", n);
	}
	li = calloc(n, sizeof(*li));
	out = json_object_new_array();
	if (!li || !out) {
		st = qs_error_set(v->e, QS_EINTERNAL, "out of memory");
		goto fail;
	}
	for (i = 0; i < n; i++) {
		json_object *ln = json_object_array_get_idx(list, i), *nl, *val;
		char prefix[32], path[64], ref[QS_ID_MAX + 1], q[96];
		char *kind = NULL;
		int64_t qty = 10000;
		qs_money unit = 0, amount = 0, expect;
		bool has_unit, has_amount, taxable = false, has_taxable, has_tax;

		snprintf(prefix, sizeof(prefix), "lines[%zu]", i);
		if (!ln || !is_object(ln) || json_object_get_type(ln) == json_type_array) {
			st = verr(v, prefix, "%s is %s; send each line as an array with item, description, quantity, unit_price, amount",
				prefix, ln ? type_name(ln) : "null");
			goto fail;
		}
		if ((st = check_keys(v, ln, line_keys, prefix)) != QS_OK) {
			goto fail;
		}
		nl = json_object_new_object();
		json_object_array_add(out, nl);
		if ((st = opt_ref(v, ln, "item", prefix, "item id", nl, ref, NULL)) != QS_OK ||
			(st = opt_text(v, ln, "description", prefix, 4000, false, false, "shorten the line description", nl, NULL)) != QS_OK) {
			goto fail;
		}
		val = get(ln, "quantity");
		if (val) {
			snprintf(path, sizeof(path), "%s.quantity", prefix);
			if ((st = dec4_field(v, val, path, &qty)) != QS_OK) {
				goto fail;
			}
		}
		put_int(nl, "quantity_e4", qty);
		if ((st = money_field(v, ln, "unit_price", prefix, nl, &unit, &has_unit)) != QS_OK ||
			(st = money_field(v, ln, "amount", prefix, NULL, &amount, &has_amount)) != QS_OK) {
			goto fail;
		}
		if (!has_unit && !has_amount) {
			snprintf(path, sizeof(path), "%s.amount", prefix);
			st = verr(v, path, "%s has neither amount nor unit_price; send the line amount", prefix);
			goto fail;
		}
		if (has_unit) {
			if ((st = qs_money_mul_qty(unit, qty, &expect, v->e)) != QS_OK) {
				snprintf(path, sizeof(path), "%s.quantity", prefix);
				st = verr(v, path, "%s: quantity x unit_price is too large; check the quantity and price", prefix);
				goto fail;
			}
			if (has_amount && expect != amount) {
				char a[40], b[40];
				qs_money_format(amount, v->decimals, a, sizeof(a));
				qs_money_format(expect, v->decimals, b, sizeof(b));
				snprintf(path, sizeof(path), "%s.amount", prefix);
				st = verr(v, path, "%s.amount is %s but quantity x unit_price is %s; send the line total or fix the price",
					prefix, a, b);
				goto fail;
			}
			if (!has_amount) {
				amount = expect;
			}
		}
		if ((st = bool_field(v, ln, "taxable", prefix, NULL, &taxable, &has_taxable)) != QS_OK ||
			(st = opt_ref(v, ln, "tax", prefix, "tax id", NULL, ref, &has_tax)) != QS_OK) {
			goto fail;
		}
		if (has_tax && has_taxable && !taxable) {
			snprintf(path, sizeof(path), "%s.taxable", prefix);
			st = verr(v, path, "%s has taxable false but names tax \"%s\"; send one or the other", prefix, ref);
			goto fail;
		}
		put_bool(nl, "taxable", taxable || has_tax);
		if (has_tax) {
			put_str(nl, "tax", ref, strlen(ref));
		}
		if ((st = opt_text(v, ln, "kind", prefix, 0, true, false, "", NULL, &kind)) != QS_OK) {
			goto fail;
		}
		if (kind && strcmp(kind, "sale") && strcmp(kind, "discount") && strcmp(kind, "late_fee") && strcmp(kind, "credit")) {
			quote(kind, strlen(kind), q, sizeof(q));
			free(kind);
			snprintf(path, sizeof(path), "%s.kind", prefix);
			st = verr(v, path, "%s.kind %s is not one of sale, discount, late_fee, credit; send one of those", prefix, q);
			goto fail;
		}
		put_str(nl, "kind", kind ? kind : "sale", strlen(kind ? kind : "sale"));
		li[i].amount = amount;
		li[i].unit_qty = qty == 10000;
		if (kind && (!strcmp(kind, "discount") || !strcmp(kind, "credit"))) {
			li[i].contribution = amount < 0 ? amount : -amount;
			li[i].adjustable = false;
		} else {
			li[i].contribution = amount;
			li[i].adjustable = true;
		}
		free(kind);
		/* amount last: it may be adjusted by the rounding rule */
		put_int(nl, "amount", amount);
	}
	json_object_put(tmp);
	json_object_object_add(norm, "lines", out);
	*infos = li;
	*count = n;
	return QS_OK;
fail:
	json_object_put(tmp);
	json_object_put(out);
	free(li);
	return st;
}

/* Spreads d minor units over the lines (see the rounding rule at the top). */
static void spread_difference(json_object *norm_lines, line_info *li, size_t n, int64_t d)
{
	size_t *order, i, j, cand = 0;
	int step = d > 0 ? 1 : -1;

	if (d == 0 || n == 0) {
		return;
	}
	order = malloc(n * sizeof(*order));
	if (!order) {
		return;
	}
	for (i = 0; i < n; i++) {
		if (li[i].adjustable) {
			order[cand++] = i;
		}
	}
	if (cand == 0) {
		for (i = 0; i < n; i++) {
			order[cand++] = i;
		}
	}
	/* insertion sort, stable: quantity-1 lines first, then |amount| descending */
	for (i = 1; i < cand; i++) {
		size_t x = order[i];
		int64_t ax = li[x].amount < 0 ? -li[x].amount : li[x].amount;
		for (j = i; j > 0; j--) {
			size_t y = order[j - 1];
			int64_t ay = li[y].amount < 0 ? -li[y].amount : li[y].amount;
			if (li[y].unit_qty != li[x].unit_qty ? li[y].unit_qty : ay >= ax) {
				break;
			}
			order[j] = y;
		}
		order[j] = x;
	}
	for (i = 0; d != 0; i = (i + 1) % cand) {
		size_t k = order[i];
		/* a contribution counts negative for discount/credit lines */
		if (li[k].adjustable) {
			li[k].amount += step;
		} else {
			li[k].amount += li[k].amount < 0 ? step : -step;
		}
		li[k].contribution += step;
		d -= step;
	}
	for (i = 0; i < n; i++) {
		json_object *nl = json_object_array_get_idx(norm_lines, i);
		json_object_object_add(nl, "amount", json_object_new_int64(li[i].amount));
	}
	free(order);
}

/* applies_to: [{invoice, amount}], amounts > 0, no invoice twice; *sum. */
static qs_status validate_applies(vctx *v, json_object *doc, json_object *norm, qs_money *sum)
{
	json_object *ap = get(doc, "applies_to"), *tmp = NULL, *list, *out;
	static const char *const keys[] = {"invoice", "amount", NULL};
	size_t i, j, n;
	qs_status st = QS_OK;

	*sum = 0;
	if (!ap) {
		return QS_OK;
	}
	if (json_object_get_type(ap) == json_type_object && json_object_object_length(ap) == 0) {
		return QS_OK;
	}
	list = as_list(ap, &tmp);
	if (!list) {
		return verr(v, "applies_to", "applies_to is %s, not a list; send a list of {invoice, amount}", type_name(ap));
	}
	n = json_object_array_length(list);
	if (n == 0) {
		json_object_put(tmp);
		return QS_OK;
	}
	out = json_object_new_array();
	for (i = 0; i < n; i++) {
		json_object *a = json_object_array_get_idx(list, i), *na;
		char prefix[40], path[64], ref[QS_ID_MAX + 1];
		qs_money amt;
		snprintf(prefix, sizeof(prefix), "applies_to[%zu]", i);
		if (!a || json_object_get_type(a) != json_type_object) {
			st = verr(v, prefix, "%s is %s; send {invoice, amount}", prefix, a ? type_name(a) : "null");
			goto fail;
		}
		if ((st = check_keys(v, a, keys, prefix)) != QS_OK) {
			goto fail;
		}
		na = json_object_new_object();
		json_object_array_add(out, na);
		if ((st = req_ref(v, a, "invoice", prefix, "invoice id", na, ref)) != QS_OK ||
			(st = money_field(v, a, "amount", prefix, na, &amt, NULL)) != QS_OK) {
			goto fail;
		}
		if (amt <= 0) {
			char f[40];
			qs_money_format(amt, v->decimals, f, sizeof(f));
			snprintf(path, sizeof(path), "%s.amount", prefix);
			st = verr(v, path, "%s.amount is %s; an applied amount must be greater than zero", prefix, f);
			goto fail;
		}
		for (j = 0; j < i; j++) {
			json_object *prev = json_object_array_get_idx(out, j), *pi;
			if (json_object_object_get_ex(prev, "invoice", &pi) && !strcmp(json_object_get_string(pi), ref)) {
				snprintf(path, sizeof(path), "%s.invoice", prefix);
				st = verr(v, path, "applies_to lists invoice %s twice; send one entry per invoice", ref);
				goto fail;
			}
		}
		if (__builtin_add_overflow(*sum, amt, sum)) {
			st = verr(v, "applies_to", "applies_to amounts are too large");
			goto fail;
		}
	}
	json_object_put(tmp);
	json_object_object_add(norm, "applies_to", out);
	return QS_OK;
fail:
	json_object_put(tmp);
	json_object_put(out);
	return st;
}

/* ------------------------------------------------------------------ */
/* invoice                                                              */

static const char *const invoice_keys[] = {
	"id", "customer", "number", "date", "due", "status", "currency", "tax_inclusive", "lines",
	"taxes", "credit_applied", "subtotal", "tax_total", "total", "created", NULL
};

static qs_status validate_taxes(vctx *v, json_object *doc, json_object *norm, qs_money *sum, size_t *count,
	char first_tax[QS_ID_MAX + 1])
{
	json_object *tx = get(doc, "taxes"), *tmp = NULL, *list, *out;
	static const char *const keys[] = {"tax", "rate", "amount", NULL};
	size_t i, n;
	qs_status st = QS_OK;

	*sum = 0;
	*count = 0;
	first_tax[0] = '\0';
	if (!tx || (json_object_get_type(tx) == json_type_object && json_object_object_length(tx) == 0)) {
		return QS_OK;
	}
	list = as_list(tx, &tmp);
	if (!list) {
		return verr(v, "taxes", "taxes is %s, not a list; send a list of {tax, rate, amount}", type_name(tx));
	}
	n = json_object_array_length(list);
	out = json_object_new_array();
	for (i = 0; i < n; i++) {
		json_object *t = json_object_array_get_idx(list, i), *nt, *rate;
		char prefix[32], path[64], ref[QS_ID_MAX + 1];
		qs_money amt;
		snprintf(prefix, sizeof(prefix), "taxes[%zu]", i);
		if (!t || json_object_get_type(t) != json_type_object) {
			st = verr(v, prefix, "%s is %s; send {tax, rate, amount}", prefix, t ? type_name(t) : "null");
			goto fail;
		}
		if ((st = check_keys(v, t, keys, prefix)) != QS_OK) {
			goto fail;
		}
		nt = json_object_new_object();
		json_object_array_add(out, nt);
		if ((st = req_ref(v, t, "tax", prefix, "tax id", nt, ref)) != QS_OK) {
			goto fail;
		}
		if (i == 0) {
			memcpy(first_tax, ref, strlen(ref) + 1);
		}
		rate = get(t, "rate");
		if (rate) {
			int64_t r;
			snprintf(path, sizeof(path), "%s.rate", prefix);
			if ((st = dec4_field(v, rate, path, &r)) != QS_OK) {
				goto fail;
			}
			if (r < 0) {
				st = verr(v, path, "%s.rate is negative; send the tax rate in percent", prefix);
				goto fail;
			}
			put_int(nt, "rate_e4", r);
		}
		if ((st = money_field(v, t, "amount", prefix, nt, &amt, NULL)) != QS_OK) {
			goto fail;
		}
		if (__builtin_add_overflow(*sum, amt, sum)) {
			st = verr(v, "taxes", "taxes amounts are too large");
			goto fail;
		}
	}
	json_object_put(tmp);
	if (n > 0) {
		json_object_object_add(norm, "taxes", out);
	} else {
		json_object_put(out);
	}
	*count = n;
	return QS_OK;
fail:
	json_object_put(tmp);
	json_object_put(out);
	return st;
}

static int64_t iabs64(int64_t x)
{
	return x < 0 ? -x : x;
}

static qs_status validate_invoice(vctx *v, json_object *doc, json_object *norm)
{
	static const char *const statuses[] = {"draft", "unpaid", "paid", "cancelled", "refunded", "collections", NULL};
	char ref[QS_ID_MAX + 1], q[96], first_tax[QS_ID_MAX + 1];
	char *status = NULL;
	bool incl = false, present;
	line_info *li = NULL;
	size_t nlines = 0, ntaxes = 0, i;
	qs_money taxes_sum, subtotal, tax_total, total, credit, lines_sum = 0;
	json_object *nlist;
	qs_status st;
	const char *const *s;

	if ((st = req_ref(v, doc, "customer", NULL, "customer id", norm, ref)) != QS_OK ||
		(st = opt_text(v, doc, "number", NULL, 21, true, true, "send a shorter invoice number", norm, NULL)) != QS_OK ||
		(st = date_field(v, doc, "date", true, false, "invoice date", norm)) != QS_OK ||
		(st = date_field(v, doc, "due", false, false, "due date", norm)) != QS_OK) {
		return st;
	}
	if (!get(doc, "status")) {
		return verr(v, "status", "status is missing; send one of draft, unpaid, paid, cancelled, refunded, collections");
	}
	if ((st = opt_text(v, doc, "status", NULL, 0, true, false, "send one of draft, unpaid, paid, cancelled, refunded, collections", NULL, &status)) != QS_OK) {
		return st;
	}
	for (s = statuses; status && *s; s++) {
		if (!strcmp(*s, status)) {
			break;
		}
	}
	if (!status || !*s) {
		quote(status ? status : "", status ? strlen(status) : 0, q, sizeof(q));
		free(status);
		return verr(v, "status", "status %s is not one of draft, unpaid, paid, cancelled, refunded, collections; send one of those", q);
	}
	put_str(norm, "status", status, strlen(status));
	free(status);
	if ((st = bool_field(v, doc, "tax_inclusive", NULL, norm, &incl, &present)) != QS_OK) {
		return st;
	}
	if (!present) {
		put_bool(norm, "tax_inclusive", false);
	}
	if ((st = validate_lines(v, doc, true, norm, &li, &nlines)) != QS_OK) {
		return st;
	}
	if ((st = validate_taxes(v, doc, norm, &taxes_sum, &ntaxes, first_tax)) != QS_OK ||
		(st = money_field(v, doc, "credit_applied", NULL, norm, &credit, &present)) != QS_OK ||
		(st = money_field(v, doc, "subtotal", NULL, norm, &subtotal, NULL)) != QS_OK ||
		(st = money_field(v, doc, "tax_total", NULL, norm, &tax_total, NULL)) != QS_OK ||
		(st = money_field(v, doc, "total", NULL, norm, &total, NULL)) != QS_OK ||
		(st = date_field(v, doc, "created", false, true, "creation date", norm)) != QS_OK) {
		goto done;
	}
	for (i = 0; i < nlines; i++) {
		if (__builtin_add_overflow(lines_sum, li[i].contribution, &lines_sum)) {
			st = verr(v, "lines", "the line amounts are too large");
			goto done;
		}
	}
	{
		char a[40], b[40], c[40];
		int64_t tol = (int64_t)nlines, d;
		if (ntaxes > 0 && iabs64(tax_total - taxes_sum) > (int64_t)ntaxes) {
			qs_money_format(tax_total, v->decimals, a, sizeof(a));
			qs_money_format(taxes_sum, v->decimals, b, sizeof(b));
			st = verr(v, "tax_total", "tax_total is %s but the taxes add up to %s; send a tax_total that matches the taxes", a, b);
			goto done;
		}
		if (iabs64(subtotal - lines_sum) > tol && !(incl && iabs64(subtotal - (lines_sum - tax_total)) <= tol)) {
			qs_money_format(subtotal, v->decimals, a, sizeof(a));
			qs_money_format(lines_sum, v->decimals, b, sizeof(b));
			st = verr(v, "subtotal", "subtotal is %s but the lines add up to %s; send totals that match the lines", a, b);
			goto done;
		}
		if (__builtin_sub_overflow(total, incl ? 0 : tax_total, &d) || __builtin_sub_overflow(d, lines_sum, &d)) {
			st = verr(v, "total", "the totals are too large");
			goto done;
		}
		if (iabs64(d) > tol) {
			qs_money_format(total, v->decimals, a, sizeof(a));
			qs_money_format(incl ? lines_sum : lines_sum + tax_total, v->decimals, b, sizeof(b));
			st = verr(v, "total", "total is %s but the lines and taxes add up to %s; send totals that match the lines", a, b);
			goto done;
		}
		if (total < 0) {
			qs_money_format(total, v->decimals, a, sizeof(a));
			st = verr(v, "total", "total is %s; a QuickBooks invoice cannot be negative, send a credit note instead", a);
			goto done;
		}
		if (credit < 0 || credit > total) {
			qs_money_format(credit, v->decimals, a, sizeof(a));
			qs_money_format(total, v->decimals, c, sizeof(c));
			st = verr(v, "credit_applied", "credit_applied is %s but must be between 0 and the total %s; send the credit actually applied", a, c);
			goto done;
		}
		if (json_object_object_get_ex(norm, "lines", &nlist)) {
			spread_difference(nlist, li, nlines, d);
		}
	}
done:
	free(li);
	return st;
}

/* ------------------------------------------------------------------ */
/* payment, refund, credit                                              */

static const char *const payment_keys[] = {
	"id", "customer", "date", "amount", "method", "reference", "fee", "currency", "exchange_rate",
	"applies_to", NULL
};
static const char *const refund_keys[] = {
	"id", "customer", "date", "amount", "refunds", "invoice", "method", "reference", "currency", NULL
};
static const char *const credit_keys[] = {
	"id", "customer", "date", "amount", "reason", "applies_to", "lines", "currency", NULL
};

static qs_status positive_amount(vctx *v, json_object *doc, json_object *norm, qs_money *amount, const char *hint)
{
	qs_status st = money_field(v, doc, "amount", NULL, norm, amount, NULL);
	if (st != QS_OK) {
		return st;
	}
	if (*amount <= 0) {
		char a[40];
		qs_money_format(*amount, v->decimals, a, sizeof(a));
		return verr(v, "amount", "amount is %s; %s", a, hint);
	}
	return QS_OK;
}

/* A positive decimal with up to 10 decimals, kept as normalised text. */
static qs_status exchange_rate_field(vctx *v, json_object *doc, json_object *norm)
{
	json_object *val = get(doc, "exchange_rate");
	char buf[64], q[96];
	const char *s;
	size_t n, i, dot = 0, digits = 0;
	bool nonzero = false;

	if (!val) {
		return QS_OK;
	}
	if (json_object_get_type(val) == json_type_int) {
		snprintf(buf, sizeof(buf), "%" PRId64, json_object_get_int64(val));
		s = buf;
	} else if (json_object_get_type(val) == json_type_string) {
		s = json_object_get_string(val);
	} else {
		return verr(v, "exchange_rate", "exchange_rate is %s; send it as a decimal string like \"1.2345\"", type_name(val));
	}
	n = strlen(s);
	for (i = 0; i < n; i++) {
		if (s[i] == '.') {
			if (dot || i == 0 || i == n - 1) {
				break;
			}
			dot = i;
		} else if (s[i] >= '0' && s[i] <= '9') {
			digits++;
			nonzero |= s[i] != '0';
		} else {
			break;
		}
	}
	if (i != n || digits == 0 || digits > 18 || (dot && n - dot - 1 > 10) || !nonzero) {
		quote(s, n, q, sizeof(q));
		return verr(v, "exchange_rate", "exchange_rate %s is not a positive decimal with at most 10 decimals; send it like \"1.2345\"", q);
	}
	put_str(norm, "exchange_rate", s, n);
	return QS_OK;
}

static qs_status validate_payment(vctx *v, json_object *doc, json_object *norm)
{
	char ref[QS_ID_MAX + 1], a[40], b[40];
	qs_money amount, fee, applied;
	bool present;
	qs_status st;

	if ((st = req_ref(v, doc, "customer", NULL, "customer id", norm, ref)) != QS_OK ||
		(st = date_field(v, doc, "date", true, false, "payment date", norm)) != QS_OK ||
		(st = positive_amount(v, doc, norm, &amount, "a payment amount must be greater than zero (send refunds as refunds)")) != QS_OK ||
		(st = req_ref(v, doc, "method", NULL, "payment method (gateway) id", norm, ref)) != QS_OK ||
		(st = opt_text(v, doc, "reference", NULL, 255, true, true, "send the gateway transaction id", norm, NULL)) != QS_OK ||
		(st = money_field(v, doc, "fee", NULL, norm, &fee, &present)) != QS_OK) {
		return st;
	}
	if (present && fee < 0) {
		qs_money_format(fee, v->decimals, a, sizeof(a));
		return verr(v, "fee", "fee is %s; send the gateway fee as a positive amount", a);
	}
	if ((st = exchange_rate_field(v, doc, norm)) != QS_OK ||
		(st = validate_applies(v, doc, norm, &applied)) != QS_OK) {
		return st;
	}
	if (applied > amount) {
		qs_money_format(applied, v->decimals, a, sizeof(a));
		qs_money_format(amount, v->decimals, b, sizeof(b));
		return verr(v, "applies_to", "applies_to adds up to %s but the payment amount is %s; apply at most the payment amount", a, b);
	}
	return QS_OK;
}

static qs_status validate_refund(vctx *v, json_object *doc, json_object *norm)
{
	char ref[QS_ID_MAX + 1];
	qs_money amount;
	qs_status st;

	if ((st = req_ref(v, doc, "customer", NULL, "customer id", norm, ref)) != QS_OK ||
		(st = date_field(v, doc, "date", true, false, "refund date", norm)) != QS_OK ||
		(st = positive_amount(v, doc, norm, &amount, "a refund amount must be greater than zero")) != QS_OK ||
		(st = opt_ref(v, doc, "refunds", NULL, "payment id", norm, ref, NULL)) != QS_OK ||
		(st = opt_ref(v, doc, "invoice", NULL, "invoice id", norm, ref, NULL)) != QS_OK ||
		(st = opt_ref(v, doc, "method", NULL, "payment method (gateway) id", norm, ref, NULL)) != QS_OK ||
		(st = opt_text(v, doc, "reference", NULL, 255, true, true, "send the gateway transaction id", norm, NULL)) != QS_OK) {
		return st;
	}
	return QS_OK;
}

static qs_status validate_credit(vctx *v, json_object *doc, json_object *norm)
{
	char ref[QS_ID_MAX + 1], a[40], b[40];
	qs_money amount, applied, lines_sum = 0;
	line_info *li = NULL;
	size_t n = 0, i;
	qs_status st;

	if ((st = req_ref(v, doc, "customer", NULL, "customer id", norm, ref)) != QS_OK ||
		(st = date_field(v, doc, "date", true, false, "credit date", norm)) != QS_OK ||
		(st = positive_amount(v, doc, norm, &amount, "a credit amount must be greater than zero")) != QS_OK ||
		(st = opt_text(v, doc, "reason", NULL, 1000, false, false, "shorten the reason", norm, NULL)) != QS_OK ||
		(st = validate_applies(v, doc, norm, &applied)) != QS_OK) {
		return st;
	}
	if (applied > amount) {
		qs_money_format(applied, v->decimals, a, sizeof(a));
		qs_money_format(amount, v->decimals, b, sizeof(b));
		return verr(v, "applies_to", "applies_to adds up to %s but the credit amount is %s; apply at most the credit amount", a, b);
	}
	if ((st = validate_lines(v, doc, false, norm, &li, &n)) != QS_OK) {
		return st;
	}
	if (n > 0) {
		json_object *nlist;
		int64_t d;
		for (i = 0; i < n; i++) {
			lines_sum += li[i].contribution;
		}
		d = amount - lines_sum;
		if (iabs64(d) > (int64_t)n) {
			qs_money_format(amount, v->decimals, a, sizeof(a));
			qs_money_format(lines_sum, v->decimals, b, sizeof(b));
			free(li);
			return verr(v, "amount", "amount is %s but the lines add up to %s; send an amount that matches the lines", a, b);
		}
		if (json_object_object_get_ex(norm, "lines", &nlist)) {
			spread_difference(nlist, li, n, d);
		}
	}
	free(li);
	return QS_OK;
}

/* ------------------------------------------------------------------ */
/* the entry point                                                      */

qs_status qs_map_validate(const char *kind, json_object *doc, const char *home_currency,
	json_object **norm, qs_error *e)
{
	vctx v;
	json_object *out, *idv;
	const char *const *keys;
	char path[256];
	char cur[4];
	qs_status st;

	*norm = NULL;
	memset(&v, 0, sizeof(v));
	v.e = e;
	if (!qs_map_kind_known(kind)) {
		char q[96];
		quote(kind ? kind : "", kind ? strlen(kind) : 0, q, sizeof(q));
		if (e) {
			qs_error_clear(e);
			qs_strlcpy(e->element, "kind", sizeof(e->element));
		}
		return qs_error_set(e, QS_EVALIDATION,
			"Unknown record kind %s; send one of customer, item, invoice, payment, refund, credit", q);
	}
	v.kind = kind;
	v.title = kind_title(kind);
	if (!doc || json_object_get_type(doc) != json_type_object) {
		if (doc && json_object_get_type(doc) == json_type_array && json_object_array_length(doc) == 0) {
			return verr(&v, "id", "the document is empty; send the %s's fields, starting with its id", kind);
		}
		return verr(&v, "", "the document is %s, not an array of fields; send the %s as an array with an id",
			doc ? type_name(doc) : "null", kind);
	}
	idv = get(doc, "id");
	if (!idv) {
		return verr(&v, "id", "id is missing; send the %s's id in the billing system", kind);
	}
	/* a bad id leaves record_id empty: the id itself is what is wrong */
	if (parse_ref(&v, idv, "id", "id", v.id) != QS_OK) {
		return QS_EVALIDATION;
	}
	path[0] = '\0';
	if (scan_utf8(&v, doc, path, 0, sizeof(path)) != QS_OK) {
		return QS_EVALIDATION;
	}
	if (!strcmp(kind, "customer")) keys = customer_keys;
	else if (!strcmp(kind, "item")) keys = item_keys;
	else if (!strcmp(kind, "invoice")) keys = invoice_keys;
	else if (!strcmp(kind, "payment")) keys = payment_keys;
	else if (!strcmp(kind, "refund")) keys = refund_keys;
	else keys = credit_keys;
	if (check_keys(&v, doc, keys, NULL) != QS_OK) {
		return QS_EVALIDATION;
	}

	out = json_object_new_object();
	if (!out) {
		return qs_error_set(e, QS_EINTERNAL, "out of memory");
	}
	put_str(out, "id", v.id, strlen(v.id));
	/* money decimals: the document's currency, else the home currency, else 2 */
	v.currency = home_currency && *home_currency ? home_currency : "USD";
	v.decimals = qs_currency_decimals(v.currency);
	cur[0] = '\0';
	if (strcmp(kind, "customer") && strcmp(kind, "item")) {
		if ((st = currency_field(&v, doc, out, cur)) != QS_OK) {
			json_object_put(out);
			return st;
		}
		if (cur[0]) {
			v.currency = cur;
			v.decimals = qs_currency_decimals(cur);
		}
	}
	if (!strcmp(kind, "customer")) st = validate_customer(&v, doc, out, home_currency);
	else if (!strcmp(kind, "item")) st = validate_item(&v, doc, out);
	else if (!strcmp(kind, "invoice")) st = validate_invoice(&v, doc, out);
	else if (!strcmp(kind, "payment")) st = validate_payment(&v, doc, out);
	else if (!strcmp(kind, "refund")) st = validate_refund(&v, doc, out);
	else st = validate_credit(&v, doc, out);
	if (st != QS_OK) {
		json_object_put(out);
		return st;
	}
	*norm = out;
	return QS_OK;
}

/* ------------------------------------------------------------------ */
/* hash, dependencies, display name                                     */

void qs_map_hash(json_object *norm, char out[65])
{
	const char *s = json_object_to_json_string_ext(norm, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
	qs_sha256_hex(s, strlen(s), out);
}

static const char *norm_str(json_object *o, const char *key)
{
	json_object *v;
	if (o && json_object_object_get_ex(o, key, &v) && json_object_get_type(v) == json_type_string) {
		return json_object_get_string(v);
	}
	return NULL;
}

qs_status qs_map_dependencies(const char *kind, json_object *norm, qs_dep_cb cb, void *ud, qs_error *e)
{
	const char *c;
	json_object *arr;
	size_t i, j, n;
	qs_status st;

	if (!strcmp(kind, "customer") || !strcmp(kind, "item")) {
		return QS_OK;
	}
	c = norm_str(norm, "customer");
	if (c && (st = cb(ud, "customer", c, e)) != QS_OK) {
		return st;
	}
	if (json_object_object_get_ex(norm, "lines", &arr)) {
		n = json_object_array_length(arr);
		for (i = 0; i < n; i++) {
			const char *item = norm_str(json_object_array_get_idx(arr, i), "item");
			bool seen = false;
			if (!item) {
				continue;
			}
			for (j = 0; j < i && !seen; j++) {
				const char *prev = norm_str(json_object_array_get_idx(arr, j), "item");
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
			const char *inv = norm_str(json_object_array_get_idx(arr, i), "invoice");
			if (inv && (st = cb(ud, "invoice", inv, e)) != QS_OK) {
				return st;
			}
		}
	}
	return QS_OK;
}

char *qs_map_display_name(json_object *norm)
{
	const char *d = norm_str(norm, "display_name");
	const char *company, *first, *last;
	char *both, *r;
	size_t n;

	if (d) {
		return display_clean(d);
	}
	company = norm_str(norm, "company");
	if (company) {
		return display_clean(company);
	}
	first = norm_str(norm, "first_name");
	last = norm_str(norm, "last_name");
	n = (first ? strlen(first) : 0) + (last ? strlen(last) : 0) + 2;
	both = malloc(n);
	if (!both) {
		return NULL;
	}
	snprintf(both, n, "%s%s%s", first ? first : "", (first && last) ? " " : "", last ? last : "");
	r = display_clean(both);
	free(both);
	return r;
}

/* ------------------------------------------------------------------ */
/* normalised document -> QBO JSON                                      */
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

typedef struct mctx {
	const qs_map_ctx *ctx;
	const char *kind;
	const char *id;
	int decimals;
	qs_error *e;
} mctx;

static json_object *money_json(qs_money m, int decimals)
{
	char buf[40];
	qs_money_format(m, decimals, buf, sizeof(buf));
	return json_object_new_double_s(strtod(buf, NULL), buf);
}

static json_object *dec4_json(int64_t v)
{
	char buf[40];
	qs_decimal4_format(v, buf, sizeof(buf));
	return json_object_new_double_s(strtod(buf, NULL), buf);
}

static int64_t norm_int(json_object *o, const char *key, int64_t dflt)
{
	json_object *v;
	if (o && json_object_object_get_ex(o, key, &v) && json_object_get_type(v) == json_type_int) {
		return json_object_get_int64(v);
	}
	return dflt;
}

static bool norm_has(json_object *o, const char *key)
{
	json_object *v;
	return o && json_object_object_get_ex(o, key, &v);
}

static bool norm_bool(json_object *o, const char *key)
{
	json_object *v;
	return o && json_object_object_get_ex(o, key, &v) && json_object_get_boolean(v);
}

static json_object *ref_json(const char *id)
{
	json_object *r = json_object_new_object();
	json_object_object_add(r, "value", json_object_new_string(id));
	return r;
}

static void add_str(json_object *o, const char *key, const char *s)
{
	if (s) {
		json_object_object_add(o, key, json_object_new_string(s));
	}
}

static qs_status mapping_error(mctx *m, qs_status st, const char *element, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static qs_status mapping_error(mctx *m, qs_status st, const char *element, const char *fmt, ...)
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
	return qs_error_set(m->e, st, "%s %s: %s", kind_title(m->kind), m->id, body);
}

/* Resolves (kind, local) to a QBO id. required: an empty answer is an error
 * (QS_ECONFIG naming what to map); otherwise *qbo_id may come back empty. */
static qs_status resolve(mctx *m, const char *kind, const char *local, bool required, const char *what,
	char qbo_id[32])
{
	qs_status st;
	qbo_id[0] = '\0';
	if (!m->ctx || !m->ctx->resolve) {
		return mapping_error(m, QS_EINTERNAL, "", "no reference resolver to find the QuickBooks id of %s", what);
	}
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
	if (required && !qbo_id[0]) {
		if (!strncmp(kind, "account:", 8)) {
			return mapping_error(m, QS_ECONFIG, "", "%s has no QuickBooks counterpart; map one with qbo_map($conn, 'account', '%s', '<QBO Id>', ['purpose' => '%s'])",
				what, local, kind + 8);
		}
		return mapping_error(m, QS_ECONFIG, "", "%s has no QuickBooks counterpart; map it with qbo_map($conn, '%s', '%s', '<QBO Id>')",
			what, kind, local);
	}
	return QS_OK;
}

/* PaymentRefNum: the first 21 characters of the reference. */
static void add_refnum(json_object *q, json_object *norm, size_t max_chars)
{
	const char *r = norm_str(norm, "reference");
	if (r) {
		size_t cut = utf8_prefix(r, strlen(r), max_chars);
		json_object_object_add(q, "PaymentRefNum", json_object_new_string_len(r, (int)cut));
	}
}

/* PrivateNote: "qbosync:<kind>:<id>" and, when given, the full reference and extra text. */
static void add_marker(json_object *q, mctx *m, json_object *norm, const char *extra)
{
	const char *r = norm_str(norm, "reference");
	size_t n = strlen(m->kind) + strlen(m->id) + 16 + (r ? strlen(r) + 12 : 0) + (extra ? strlen(extra) + 4 : 0);
	char *note = malloc(n);
	size_t cut;
	if (!note) {
		return;
	}
	snprintf(note, n, "qbosync:%s:%s%s%s%s%s", m->kind, m->id, r ? " reference " : "", r ? r : "",
		extra ? " - " : "", extra ? extra : "");
	cut = utf8_prefix(note, strlen(note), 4000);
	json_object_object_add(q, "PrivateNote", json_object_new_string_len(note, (int)cut));
	free(note);
}

static void add_currency(json_object *q, mctx *m, json_object *norm)
{
	const char *c = norm_str(norm, "currency");
	const char *home = m->ctx && m->ctx->home_currency ? m->ctx->home_currency : "USD";
	if (c && strcasecmp(c, home) != 0) {
		json_object_object_add(q, "CurrencyRef", ref_json(c));
	}
}

static qs_status map_customer(mctx *m, json_object *norm, json_object *q)
{
	json_object *addr;
	char *dn = qs_map_display_name(norm);
	if (!dn) {
		return qs_error_set(m->e, QS_EINTERNAL, "out of memory");
	}
	json_object_object_add(q, "DisplayName", json_object_new_string(dn));
	free(dn);
	add_str(q, "GivenName", norm_str(norm, "first_name"));
	add_str(q, "FamilyName", norm_str(norm, "last_name"));
	add_str(q, "CompanyName", norm_str(norm, "company"));
	if (norm_str(norm, "email")) {
		json_object *em = json_object_new_object();
		add_str(em, "Address", norm_str(norm, "email"));
		json_object_object_add(q, "PrimaryEmailAddr", em);
	}
	if (norm_str(norm, "phone")) {
		json_object *ph = json_object_new_object();
		add_str(ph, "FreeFormNumber", norm_str(norm, "phone"));
		json_object_object_add(q, "PrimaryPhone", ph);
	}
	if (json_object_object_get_ex(norm, "address", &addr)) {
		json_object *ba = json_object_new_object();
		add_str(ba, "Line1", norm_str(addr, "line1"));
		add_str(ba, "Line2", norm_str(addr, "line2"));
		add_str(ba, "City", norm_str(addr, "city"));
		add_str(ba, "CountrySubDivisionCode", norm_str(addr, "region"));
		add_str(ba, "PostalCode", norm_str(addr, "postal_code"));
		add_str(ba, "Country", norm_str(addr, "country"));
		json_object_object_add(q, "BillAddr", ba);
	}
	add_currency(q, m, norm);
	if (norm_bool(norm, "tax_exempt")) {
		json_object_object_add(q, "Taxable", json_object_new_boolean(0));
	}
	return QS_OK;
}

static qs_status map_item(mctx *m, json_object *norm, json_object *q)
{
	char acct[32];
	const char *local = norm_str(norm, "income_account");
	const char *type = norm_str(norm, "type");
	qs_status st;

	add_str(q, "Name", norm_str(norm, "name"));
	json_object_object_add(q, "Type", json_object_new_string(type && !strcmp(type, "non_inventory") ? "NonInventory" : "Service"));
	add_str(q, "Description", norm_str(norm, "description"));
	if (norm_has(norm, "price")) {
		json_object_object_add(q, "UnitPrice", money_json(norm_int(norm, "price", 0), m->decimals));
	}
	st = resolve(m, "account:income", local ? local : "*", true, local ? "the income account" : "the default income account", acct);
	if (st != QS_OK) {
		return st;
	}
	json_object_object_add(q, "IncomeAccountRef", ref_json(acct));
	if (!m->ctx->us_company) {
		/* CA/UK/AU companies want an expense account on items too: sent when
		 * "account:expense" resolves, else left to QBO (which then says so) */
		st = resolve(m, "account:expense", "*", false, "the expense account", acct);
		if (st != QS_OK) {
			return st;
		}
		if (acct[0]) {
			json_object_object_add(q, "ExpenseAccountRef", ref_json(acct));
		}
	}
	return QS_OK;
}

/* Line[] of an invoice or credit memo. */
static qs_status map_lines(mctx *m, json_object *norm, json_object *q, bool *any_taxable)
{
	json_object *lines, *out;
	const char *first_tax = NULL;
	json_object *taxes;
	size_t i, n;
	qs_money discount = 0;
	char *disc_desc = NULL;
	qs_status st = QS_OK;

	*any_taxable = false;
	if (json_object_object_get_ex(norm, "taxes", &taxes) && json_object_array_length(taxes) > 0) {
		first_tax = norm_str(json_object_array_get_idx(taxes, 0), "tax");
	}
	out = json_object_new_array();
	json_object_object_add(q, "Line", out);
	if (!json_object_object_get_ex(norm, "lines", &lines)) {
		return QS_OK;
	}
	n = json_object_array_length(lines);
	for (i = 0; i < n; i++) {
		json_object *ln = json_object_array_get_idx(lines, i), *ql, *det;
		const char *kind = norm_str(ln, "kind"), *item = norm_str(ln, "item"), *desc = norm_str(ln, "description");
		qs_money amount = norm_int(ln, "amount", 0), expect;
		int64_t qty = norm_int(ln, "quantity_e4", 10000);
		bool taxable = norm_bool(ln, "taxable");
		char item_id[32], tax_id[32], el[32];

		snprintf(el, sizeof(el), "lines[%zu]", i);
		if (kind && !strcmp(kind, "discount")) {
			/* QBO takes one transaction discount: discount lines are summed */
			discount += amount < 0 ? -amount : amount;
			if (desc && !disc_desc) {
				disc_desc = strdup(desc);
			}
			continue;
		}
		if (kind && !strcmp(kind, "credit") && amount > 0) {
			amount = -amount;
		}
		st = QS_OK;
		if (item) {
			st = resolve(m, "item", item, false, "", item_id);
			if (st != QS_OK) {
				goto done;
			}
		}
		if (!item || !item_id[0]) {
			char what[96];
			snprintf(what, sizeof(what), "the fallback item (for %s, which has %s)", el, item ? "an unmapped item" : "no item");
			if ((st = resolve(m, "item", "*", true, what, item_id)) != QS_OK) {
				goto done;
			}
		}
		ql = json_object_new_object();
		json_object_array_add(out, ql);
		json_object_object_add(ql, "DetailType", json_object_new_string("SalesItemLineDetail"));
		json_object_object_add(ql, "Amount", money_json(amount, m->decimals));
		add_str(ql, "Description", desc);
		det = json_object_new_object();
		json_object_object_add(ql, "SalesItemLineDetail", det);
		json_object_object_add(det, "ItemRef", ref_json(item_id));
		json_object_object_add(det, "Qty", dec4_json(qty));
		if (qty == 10000) {
			json_object_object_add(det, "UnitPrice", money_json(amount, m->decimals));
		} else if (norm_has(ln, "unit_price") &&
			qs_money_mul_qty(norm_int(ln, "unit_price", 0), qty, &expect, NULL) == QS_OK && expect == amount) {
			json_object_object_add(det, "UnitPrice", money_json(norm_int(ln, "unit_price", 0), m->decimals));
		}
		/* else: no UnitPrice; QBO derives it from Amount / Qty */
		if (taxable) {
			*any_taxable = true;
		}
		if (m->ctx->us_company) {
			json_object_object_add(det, "TaxCodeRef", ref_json(taxable ? "TAX" : "NON"));
		} else {
			const char *lt = norm_str(ln, "tax");
			const char *local = taxable ? (lt ? lt : (first_tax ? first_tax : "*")) : "exempt";
			char what[96];
			snprintf(what, sizeof(what), "tax %s (used by %s)", local, el);
			if ((st = resolve(m, "tax", local, true, what, tax_id)) != QS_OK) {
				goto done;
			}
			json_object_object_add(det, "TaxCodeRef", ref_json(tax_id));
		}
	}
	if (discount > 0) {
		json_object *ql = json_object_new_object(), *det = json_object_new_object();
		json_object_array_add(out, ql);
		json_object_object_add(ql, "DetailType", json_object_new_string("DiscountLineDetail"));
		json_object_object_add(ql, "Amount", money_json(discount, m->decimals));
		add_str(ql, "Description", disc_desc);
		json_object_object_add(det, "PercentBased", json_object_new_boolean(0));
		json_object_object_add(ql, "DiscountLineDetail", det);
	}
done:
	free(disc_desc);
	return st;
}

/* TxnTaxDetail (when taxes are given) and, outside the US, GlobalTaxCalculation. */
static qs_status map_tax(mctx *m, json_object *norm, json_object *q)
{
	json_object *taxes;
	bool has_taxes = json_object_object_get_ex(norm, "taxes", &taxes) && json_object_array_length(taxes) > 0;
	bool incl = norm_bool(norm, "tax_inclusive");
	qs_money tax_total = norm_int(norm, "tax_total", 0);

	if (m->ctx->us_company && incl && tax_total != 0) {
		return mapping_error(m, QS_EVALIDATION, "tax_inclusive",
			"prices include tax but a US QuickBooks company cannot take tax-inclusive prices; send prices without tax");
	}
	if (!m->ctx->us_company) {
		json_object_object_add(q, "GlobalTaxCalculation", json_object_new_string(incl ? "TaxInclusive" : "TaxExcluded"));
	}
	if (has_taxes) {
		json_object *td = json_object_new_object();
		const char *first = norm_str(json_object_array_get_idx(taxes, 0), "tax");
		json_object_object_add(q, "TxnTaxDetail", td);
		if (m->ctx->us_company && first) {
			/* US: TxnTaxCodeRef is optional (Automated Sales Tax decides the
			 * rate; TotalTax below keeps the document's amount), so an
			 * unmapped tax (QS_ECONFIG) just leaves it out */
			char tax_id[32], what[96];
			qs_status st;
			snprintf(what, sizeof(what), "tax %s", first);
			st = resolve(m, "tax", first, false, what, tax_id);
			if (st == QS_ECONFIG) {
				qs_error_clear(m->e);
				tax_id[0] = '\0';
			} else if (st != QS_OK) {
				return st;
			}
			if (tax_id[0]) {
				json_object_object_add(td, "TxnTaxCodeRef", ref_json(tax_id));
			}
		}
		json_object_object_add(td, "TotalTax", money_json(tax_total, m->decimals));
	}
	return QS_OK;
}

static qs_status map_invoice(mctx *m, json_object *norm, json_object *q)
{
	char cust[32];
	bool any_taxable;
	qs_status st;

	if ((st = resolve(m, "customer", norm_str(norm, "customer"), true, "the customer", cust)) != QS_OK) {
		return st;
	}
	json_object_object_add(q, "CustomerRef", ref_json(cust));
	add_str(q, "DocNumber", norm_str(norm, "number"));
	add_str(q, "TxnDate", norm_str(norm, "date"));
	add_str(q, "DueDate", norm_str(norm, "due"));
	add_currency(q, m, norm);
	if ((st = map_lines(m, norm, q, &any_taxable)) != QS_OK ||
		(st = map_tax(m, norm, q)) != QS_OK) {
		return st;
	}
	add_marker(q, m, norm, NULL);
	return QS_OK;
}

static qs_status map_payment(mctx *m, json_object *norm, json_object *q)
{
	char cust[32], pm[32], dep[32];
	const char *method = norm_str(norm, "method");
	json_object *ap, *lines;
	qs_status st;

	if ((st = resolve(m, "customer", norm_str(norm, "customer"), true, "the customer", cust)) != QS_OK) {
		return st;
	}
	json_object_object_add(q, "CustomerRef", ref_json(cust));
	json_object_object_add(q, "TotalAmt", money_json(norm_int(norm, "amount", 0), m->decimals));
	add_str(q, "TxnDate", norm_str(norm, "date"));
	add_refnum(q, norm, 21);
	if (method) {
		if ((st = resolve(m, "payment_method", method, false, "the payment method", pm)) != QS_OK ||
			(st = resolve(m, "account:deposit", method, false, "the deposit account", dep)) != QS_OK) {
			return st;
		}
		if (pm[0]) {
			json_object_object_add(q, "PaymentMethodRef", ref_json(pm));
		}
		if (dep[0]) {
			json_object_object_add(q, "DepositToAccountRef", ref_json(dep));
		}
	}
	add_currency(q, m, norm);
	if (norm_str(norm, "exchange_rate") && json_object_object_get_ex(q, "CurrencyRef", &ap)) {
		const char *x = norm_str(norm, "exchange_rate");
		json_object_object_add(q, "ExchangeRate", json_object_new_double_s(strtod(x, NULL), x));
	}
	if (json_object_object_get_ex(norm, "applies_to", &ap)) {
		lines = json_object_new_array();
		json_object_object_add(q, "Line", lines);
		size_t i, n = json_object_array_length(ap);
		for (i = 0; i < n; i++) {
			json_object *a = json_object_array_get_idx(ap, i), *ql, *links, *link;
			char inv[32], what[96];
			snprintf(what, sizeof(what), "invoice %s", norm_str(a, "invoice"));
			if ((st = resolve(m, "invoice", norm_str(a, "invoice"), true, what, inv)) != QS_OK) {
				return st;
			}
			ql = json_object_new_object();
			json_object_array_add(lines, ql);
			json_object_object_add(ql, "Amount", money_json(norm_int(a, "amount", 0), m->decimals));
			links = json_object_new_array();
			link = json_object_new_object();
			json_object_object_add(link, "TxnId", json_object_new_string(inv));
			json_object_object_add(link, "TxnType", json_object_new_string("Invoice"));
			json_object_array_add(links, link);
			json_object_object_add(ql, "LinkedTxn", links);
		}
	}
	add_marker(q, m, norm, NULL);
	return QS_OK;
}

/* One SalesItemLine with the fallback item for the whole amount. */
static qs_status single_line(mctx *m, json_object *q, qs_money amount, const char *desc)
{
	json_object *lines = json_object_new_array(), *ql = json_object_new_object(), *det = json_object_new_object();
	char item[32];
	qs_status st;

	json_object_object_add(q, "Line", lines);
	json_object_array_add(lines, ql);
	json_object_object_add(ql, "DetailType", json_object_new_string("SalesItemLineDetail"));
	json_object_object_add(ql, "Amount", money_json(amount, m->decimals));
	add_str(ql, "Description", desc);
	json_object_object_add(ql, "SalesItemLineDetail", det);
	if ((st = resolve(m, "item", "*", true, "the fallback item", item)) != QS_OK) {
		return st;
	}
	json_object_object_add(det, "ItemRef", ref_json(item));
	json_object_object_add(det, "Qty", json_object_new_int(1));
	json_object_object_add(det, "UnitPrice", money_json(amount, m->decimals));
	if (m->ctx->us_company) {
		json_object_object_add(det, "TaxCodeRef", ref_json("NON"));
	} else {
		char tax[32];
		if ((st = resolve(m, "tax", "exempt", true, "tax exempt (for untaxed lines)", tax)) != QS_OK) {
			return st;
		}
		json_object_object_add(det, "TaxCodeRef", ref_json(tax));
	}
	return QS_OK;
}

static qs_status map_refund(mctx *m, json_object *norm, json_object *q)
{
	char cust[32], pm[32], acct[32], desc[200];
	const char *method = norm_str(norm, "method"), *pay = norm_str(norm, "refunds"), *inv = norm_str(norm, "invoice");
	qs_status st;

	if ((st = resolve(m, "customer", norm_str(norm, "customer"), true, "the customer", cust)) != QS_OK) {
		return st;
	}
	json_object_object_add(q, "CustomerRef", ref_json(cust));
	add_str(q, "TxnDate", norm_str(norm, "date"));
	if ((st = resolve(m, "account:refund", method ? method : "*", true, "the refund account", acct)) != QS_OK) {
		return st;
	}
	json_object_object_add(q, "DepositToAccountRef", ref_json(acct));
	if (method) {
		if ((st = resolve(m, "payment_method", method, false, "the payment method", pm)) != QS_OK) {
			return st;
		}
		if (pm[0]) {
			json_object_object_add(q, "PaymentMethodRef", ref_json(pm));
		}
	}
	add_refnum(q, norm, 21);
	add_currency(q, m, norm);
	if (pay && inv) {
		snprintf(desc, sizeof(desc), "Refund of payment %s (invoice %s)", pay, inv);
	} else if (pay || inv) {
		snprintf(desc, sizeof(desc), "Refund of %s %s", pay ? "payment" : "invoice", pay ? pay : inv);
	} else {
		snprintf(desc, sizeof(desc), "Refund");
	}
	if ((st = single_line(m, q, norm_int(norm, "amount", 0), desc)) != QS_OK) {
		return st;
	}
	if (!m->ctx->us_company) {
		json_object_object_add(q, "GlobalTaxCalculation", json_object_new_string("TaxExcluded"));
	}
	add_marker(q, m, norm, NULL);
	return QS_OK;
}

static qs_status map_credit(mctx *m, json_object *norm, json_object *q)
{
	char cust[32];
	bool any_taxable;
	const char *reason = norm_str(norm, "reason");
	qs_status st;

	if ((st = resolve(m, "customer", norm_str(norm, "customer"), true, "the customer", cust)) != QS_OK) {
		return st;
	}
	json_object_object_add(q, "CustomerRef", ref_json(cust));
	add_str(q, "TxnDate", norm_str(norm, "date"));
	add_currency(q, m, norm);
	if (norm_has(norm, "lines")) {
		if ((st = map_lines(m, norm, q, &any_taxable)) != QS_OK) {
			return st;
		}
		if (!m->ctx->us_company) {
			json_object_object_add(q, "GlobalTaxCalculation", json_object_new_string("TaxExcluded"));
		}
	} else {
		if ((st = single_line(m, q, norm_int(norm, "amount", 0), reason ? reason : "Credit")) != QS_OK) {
			return st;
		}
		if (!m->ctx->us_company) {
			json_object_object_add(q, "GlobalTaxCalculation", json_object_new_string("TaxExcluded"));
		}
	}
	if (reason) {
		size_t cut = utf8_prefix(reason, strlen(reason), 1000);
		json_object *memo = json_object_new_object();
		json_object_object_add(memo, "value", json_object_new_string_len(reason, (int)cut));
		json_object_object_add(q, "CustomerMemo", memo);
	}
	add_marker(q, m, norm, NULL);
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
	id = norm_str(norm, "id");
	memset(&m, 0, sizeof(m));
	m.ctx = ctx;
	m.kind = kind;
	m.id = id ? id : "";
	m.e = e;
	cur = norm_str(norm, "currency");
	m.decimals = qs_currency_decimals(cur ? cur : (ctx->home_currency ? ctx->home_currency : "USD"));
	q = json_object_new_object();
	if (!q) {
		return qs_error_set(e, QS_EINTERNAL, "out of memory");
	}
	if (!strcmp(kind, "customer")) {
		st = map_customer(&m, norm, q);
	} else if (!strcmp(kind, "item")) {
		st = map_item(&m, norm, q);
	} else if (!strcmp(kind, "invoice")) {
		st = map_invoice(&m, norm, q);
	} else if (!strcmp(kind, "payment")) {
		st = map_payment(&m, norm, q);
	} else if (!strcmp(kind, "refund")) {
		st = map_refund(&m, norm, q);
	} else {
		st = map_credit(&m, norm, q);
	}
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
