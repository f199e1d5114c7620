/* qs_map_field: the generic parts of validating a canonical document: the
 * validation context and its messages, UTF-8 and text helpers, the whole-document
 * UTF-8 scan, unknown keys (with a suggestion), and the field parsers (references,
 * text, money, quantities, dates, booleans, currency) that normalise one field. */
#include "qs_map_int.h"
#include "qs_json.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Fills e: QS_EVALIDATION, kind, record id, element = field, and the message
 * "<Title> <id>: <formatted>". */
qs_status qsm_verr(vctx *v, const char *field, const char *fmt, ...)
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
long qsm_utf8_bad_offset(const char *s, size_t n)
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

size_t qsm_utf8_chars(const char *s, size_t n)
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
size_t qsm_utf8_prefix(const char *s, size_t n, size_t max_chars)
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
size_t qsm_control_len(const unsigned char *s, size_t n)
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
void qsm_quote(const char *s, size_t n, char *out, size_t size)
{
	size_t cut = qsm_utf8_prefix(s, n, 40);
	size_t i = 0, o = 0;

	out[o++] = '"';
	while (i < cut && o + 8 < size) {
		size_t cl = qsm_control_len((const unsigned char *)s + i, cut - i);
		size_t k = utf8_seq((const unsigned char *)s + i, cut - i);
		if (cl) {
			out[o++] = '?';
			i += cl;
			continue;
		}
		if (k == 0) {
			/* not UTF-8: written as \xNN so that the message stays valid UTF-8 */
			snprintf(out + o, size - o, "\\x%02X", (unsigned char)s[i]);
			o += 4;
			i++;
			continue;
		}
		if (o + k + 8 >= size) {
			break;
		}
		memcpy(out + o, s + i, k);
		o += k;
		i += k;
	}
	if (cut < n && o + 6 < size) {
		memcpy(out + o, "...", 3);
		o += 3;
	}
	out[o++] = '"';
	out[o] = '\0';
}

const char *qsm_type_name(json_object *o)
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
char *qsm_clean_line(const char *s, size_t n, bool drop_colon, bool collapse)
{
	char *out = malloc(n + 1);
	size_t i = 0, o = 0;

	if (!out) {
		return NULL;
	}
	while (i < n) {
		size_t cl = qsm_control_len((const unsigned char *)s + i, n - i);
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

/* The value of key in obj, NULL when absent or null (or obj not an object);
 * found by qs_json_member, cheap for a document's small objects. */
json_object *qsm_get(json_object *obj, const char *key)
{
	json_object *val;
	if (!qs_json_member(obj, key, &val) || json_object_get_type(val) == json_type_null) {
		return NULL;
	}
	return val;
}

bool qsm_is_object(json_object *o)
{
	if (json_object_get_type(o) == json_type_object) {
		return true;
	}
	/* an empty PHP array may come as an empty list */
	return json_object_get_type(o) == json_type_array && json_object_array_length(o) == 0;
}

/* A list, or an object whose keys are all decimal integers (a PHP array with
 * gaps). *tmp receives a new list the caller puts, when one had to be made. */
json_object *qsm_as_list(json_object *o, json_object **tmp)
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

/* The keys of a normalised document are the literal field names of the
 * parsers: kept by pointer, not copied. */
#define NORM_ADD(o, k, v) json_object_object_add_ex((o), (k), (v), JSON_C_OBJECT_KEY_IS_CONSTANT)

void qsm_put_str(json_object *norm, const char *key, const char *s, size_t n)
{
	NORM_ADD(norm, key, json_object_new_string_len(s, (int)n));
}

void qsm_put_int(json_object *norm, const char *key, int64_t v)
{
	NORM_ADD(norm, key, json_object_new_int64(v));
}

void qsm_put_bool(json_object *norm, const char *key, bool b)
{
	NORM_ADD(norm, key, json_object_new_boolean(b));
}

/* ------------------------------------------------------------------ */
/* the UTF-8 scan of the whole document                                 */

/* Appends sep (may be "") and text to the path of length len held in buf
 * (size bytes), cut to fit; returns the new length. Paths are built for every
 * field of every document on the hook path, so this is plain copying. */
static size_t path_append(char *buf, size_t size, size_t len, const char *sep, const char *text)
{
	size_t sl = strlen(sep), tl = strlen(text);
	if (len + 1 >= size) {
		return len;
	}
	if (sl > size - 1 - len) {
		sl = size - 1 - len;
	}
	memcpy(buf + len, sep, sl);
	len += sl;
	if (tl > size - 1 - len) {
		tl = size - 1 - len;
	}
	memcpy(buf + len, text, tl);
	len += tl;
	buf[len] = '\0';
	return len;
}

static qs_status scan_utf8_paths(vctx *v, json_object *o, char *path, size_t plen, size_t cap);

/* Is every string and field name in o valid UTF-8 without NUL? The plain
 * check that runs first; the paths for the message are built only when it
 * fails. ASCII goes eight bytes at a time. */
static bool utf8_ok(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		if (i + 8 <= n) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			/* no byte >= 0x80 and no zero byte */
			if (!(w & 0x8080808080808080ULL) && !((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL)) {
				i += 8;
				continue;
			}
		}
		if (s[i] == '\0') {
			return false;
		}
		if ((unsigned char)s[i] < 0x80) {
			i++;   /* an ASCII byte of the last few */
			continue;
		}
		{
			size_t k = utf8_seq((const unsigned char *)s + i, n - i);
			if (k == 0) {
				return false;
			}
			i += k;
		}
	}
	return true;
}

static bool tree_utf8_ok(json_object *o)
{
	switch (json_object_get_type(o)) {
	case json_type_string:
		return utf8_ok(json_object_get_string(o), (size_t)json_object_get_string_len(o));
	case json_type_object: {
		json_object_object_foreach(o, key, val) {
			if (!utf8_ok(key, strlen(key)) || !tree_utf8_ok(val)) {
				return false;
			}
		}
		return true;
	}
	case json_type_array: {
		size_t i, n = json_object_array_length(o);
		for (i = 0; i < n; i++) {
			if (!tree_utf8_ok(json_object_array_get_idx(o, i))) {
				return false;
			}
		}
		return true;
	}
	default:
		return true;
	}
}

bool qs_map_utf8_ok(const char *s, size_t n)
{
	return utf8_ok(s, n);
}

/* The mark: the top object's user data points at this tag (json-c keeps it
 * with the object and prints nothing of it). */
static const char utf8_checked_tag = 0;

void qs_map_mark_utf8_checked(json_object *doc)
{
	/* never on a double: its user data is the text qs_json_plain prints */
	if (doc && !json_object_is_type(doc, json_type_double)) {
		json_object_set_userdata(doc, (void *)&utf8_checked_tag, NULL);
	}
}

bool qsm_utf8_checked(json_object *doc)
{
	return doc && json_object_get_userdata(doc) == (void *)&utf8_checked_tag;
}

qs_status qsm_scan_utf8(vctx *v, json_object *o, char *path, size_t plen, size_t cap)
{
	if (tree_utf8_ok(o)) {
		return QS_OK;
	}
	return scan_utf8_paths(v, o, path, plen, cap);
}

/* The scan that names the first bad place (its path and byte). */
static qs_status scan_utf8_paths(vctx *v, json_object *o, char *path, size_t plen, size_t cap)
{
	switch (json_object_get_type(o)) {
	case json_type_string: {
		const char *s = json_object_get_string(o);
		size_t n = (size_t)json_object_get_string_len(o);
		long bad = qsm_utf8_bad_offset(s, n);
		if (bad >= 0) {
			unsigned char b = (unsigned char)s[bad];
			if (b == 0) {
				return qsm_verr(v, path, "%s contains a NUL byte at position %ld; remove it in the billing system", path, bad);
			}
			return qsm_verr(v, path, "%s is not valid UTF-8 (byte 0x%02X at position %ld); send the text encoded as UTF-8",
				path, b, bad);
		}
		return QS_OK;
	}
	case json_type_object: {
		json_object_object_foreach(o, key, val) {
			size_t kn = strlen(key);
			long bad = qsm_utf8_bad_offset(key, kn);
			if (bad >= 0) {
				return qsm_verr(v, path[0] ? path : "", "%s%shas a field name that is not valid UTF-8 (byte 0x%02X at position %ld); send the field names in UTF-8",
					path, path[0] ? " " : "", (unsigned char)key[bad], bad);
			}
			if (scan_utf8_paths(v, val, path, path_append(path, cap, plen, plen ? "." : "", key), cap) != QS_OK) {
				return QS_EVALIDATION;
			}
			path[plen] = '\0';
		}
		return QS_OK;
	}
	case json_type_array: {
		size_t i, n = json_object_array_length(o);
		for (i = 0; i < n; i++) {
			char idx[24], *d = idx + sizeof(idx) - 1;
			size_t k = i;
			*d = '\0';
			*--d = ']';
			do {
				*--d = (char)('0' + k % 10);
				k /= 10;
			} while (k);
			*--d = '[';
			if (scan_utf8_paths(v, json_object_array_get_idx(o, i), path, path_append(path, cap, plen, "", d), cap) != QS_OK) {
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
qs_status qsm_check_keys(vctx *v, json_object *obj, const char *const *allowed, const char *prefix)
{
	json_object_object_foreach(obj, key, val) {
		const char *const *a;
		const char *best;
		char q[96], path[128], list[512];
		size_t o = 0;
		(void)val;
		for (a = allowed; *a; a++) {
			if ((*a)[0] == key[0] && !strcmp(*a, key)) {
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
		qsm_quote(key, strlen(key), q, sizeof(q));
		if (prefix && *prefix) {
			snprintf(path, sizeof(path), "%s.%s", prefix, key);
		} else {
			qs_strlcpy(path, key, sizeof(path));
		}
		if (best) {
			return qsm_verr(v, path, "unknown field %s%s%s (did you mean \"%s\"?); fix the field name or remove it",
				q, prefix && *prefix ? " in " : "", prefix && *prefix ? prefix : "", best);
		}
		return qsm_verr(v, path, "unknown field %s%s%s; remove it (the fields are: %s)",
			q, prefix && *prefix ? " in " : "", prefix && *prefix ? prefix : "", list);
	}
	return QS_OK;
}

/* ------------------------------------------------------------------ */
/* field parsers                                                        */

/* "name[i]" into buf (size bytes, cut to fit): a list element's path. */
const char *qsm_index_path(char *buf, size_t size, const char *name, size_t i)
{
	char idx[24], *d = idx + sizeof(idx) - 1;
	size_t n;
	*d = '\0';
	*--d = ']';
	do {
		*--d = (char)('0' + i % 10);
		i /= 10;
	} while (i);
	*--d = '[';
	n = strlen(name);
	if (n + (size_t)(idx + sizeof(idx) - 1 - d) < size) {
		/* the usual case, "lines[2]": both parts fit */
		memcpy(buf, name, n);
		memcpy(buf + n, d, (size_t)(idx + sizeof(idx) - d));
		return buf;
	}
	buf[0] = '\0';
	n = path_append(buf, size, 0, "", name);
	path_append(buf, size, n, "", d);
	return buf;
}

/* Joins prefix and key into a field path. */
const char *qsm_fpath(char *buf, size_t size, const char *prefix, const char *key)
{
	size_t n = 0;
	buf[0] = '\0';
	if (prefix && *prefix) {
		n = path_append(buf, size, 0, "", prefix);
		path_append(buf, size, n, ".", key);
	} else {
		path_append(buf, size, 0, "", key);
	}
	return buf;
}

/* An id or reference: non-empty string (or int) of at most 64 characters, no
 * control characters. out: 65 bytes. */
qs_status qsm_parse_ref(vctx *v, json_object *val, const char *field, const char *what, char out[QS_ID_MAX + 1])
{
	const char *s;
	size_t n;
	char q[96];

	if (json_object_get_type(val) == json_type_int) {
		snprintf(out, QS_ID_MAX + 1, "%" PRId64, json_object_get_int64(val));
		return QS_OK;
	}
	if (json_object_get_type(val) != json_type_string) {
		return qsm_verr(v, field, "%s is %s, not a string or integer; send the %s as the billing system knows it",
			field, qsm_type_name(val), what);
	}
	s = json_object_get_string(val);
	n = (size_t)json_object_get_string_len(val);
	if (n == 0) {
		return qsm_verr(v, field, "%s is empty; send the %s as the billing system knows it", field, what);
	}
	if (qsm_utf8_chars(s, n) > QS_ID_MAX || n > QS_ID_MAX) {
		qsm_quote(s, n, q, sizeof(q));
		return qsm_verr(v, field, "%s %s is %zu characters long but at most %d are allowed; use a shorter %s",
			field, q, qsm_utf8_chars(s, n), QS_ID_MAX, what);
	}
	{
		size_t i;
		for (i = 0; i < n; i++) {
			if (qsm_control_len((const unsigned char *)s + i, n - i)) {
				qsm_quote(s, n, q, sizeof(q));
				return qsm_verr(v, field, "%s %s contains a control character; send the %s without it", field, q, what);
			}
		}
	}
	memcpy(out, s, n);
	out[n] = '\0';
	return QS_OK;
}

/* The common case of qsm_parse_ref without a path: a string of 1 to 64 bytes
 * without a control character (so at most 64 characters), copied into out;
 * false for anything else, which qsm_parse_ref then accepts or names. */
static bool ref_ok(json_object *val, char out[QS_ID_MAX + 1])
{
	const char *s;
	size_t n, i;
	if (json_object_get_type(val) != json_type_string) {
		return false;
	}
	s = json_object_get_string(val);
	n = (size_t)json_object_get_string_len(val);
	if (n == 0 || n > QS_ID_MAX) {
		return false;
	}
	for (i = 0; i < n; i++) {
		if (qsm_control_len((const unsigned char *)s + i, n - i)) {
			return false;
		}
	}
	memcpy(out, s, n);
	out[n] = '\0';
	return true;
}

qs_status qsm_req_ref(vctx *v, json_object *doc, const char *key, const char *prefix, const char *what,
	json_object *norm, char out[QS_ID_MAX + 1])
{
	char path[128];
	json_object *val = qsm_get(doc, key);
	if (!val) {
		qsm_fpath(path, sizeof(path), prefix, key);
		return qsm_verr(v, path, "%s is missing; send the %s", path, what);
	}
	if (!ref_ok(val, out)) {
		qsm_fpath(path, sizeof(path), prefix, key);
		if (qsm_parse_ref(v, val, path, what, out) != QS_OK) {
			return QS_EVALIDATION;
		}
	}
	if (norm) {
		qsm_put_str(norm, key, out, strlen(out));
	}
	return QS_OK;
}

/* *present tells whether the reference was given. */
qs_status qsm_opt_ref(vctx *v, json_object *doc, const char *key, const char *prefix, const char *what,
	json_object *norm, char out[QS_ID_MAX + 1], bool *present)
{
	char path[128];
	json_object *val = qsm_get(doc, key);
	out[0] = '\0';
	if (present) {
		*present = false;
	}
	if (!val) {
		return QS_OK;
	}
	if (!ref_ok(val, out)) {
		/* not a plain reference: the parse that names the field says why */
		qsm_fpath(path, sizeof(path), prefix, key);
		if (qsm_parse_ref(v, val, path, what, out) != QS_OK) {
			return QS_EVALIDATION;
		}
	}
	if (present) {
		*present = true;
	}
	if (norm) {
		qsm_put_str(norm, key, out, strlen(out));
	}
	return QS_OK;
}

/* Text. single_line: cleaned (controls -> space, trimmed); else only trimmed.
 * accept_int: an integer is taken as its decimal text. max_chars: longer text is
 * an error. *out (may be NULL): malloc'd cleaned text, NULL when absent/empty. */
qs_status qsm_opt_text(vctx *v, json_object *doc, const char *key, const char *prefix, size_t max_chars,
	bool qsm_single_line, bool accept_int, const char *fix, json_object *norm, char **out)
{
	char path[128], q[96], num[32];
	json_object *val = qsm_get(doc, key);
	const char *s;
	size_t n;
	char *clean;

	if (out) {
		*out = NULL;
	}
	if (!val) {
		return QS_OK;
	}
	if (accept_int && json_object_get_type(val) == json_type_int) {
		snprintf(num, sizeof(num), "%" PRId64, json_object_get_int64(val));
		s = num;
		n = strlen(num);
	} else if (json_object_get_type(val) != json_type_string) {
		qsm_fpath(path, sizeof(path), prefix, key);
		return qsm_verr(v, path, "%s is %s, not text; %s", path, qsm_type_name(val), fix);
	} else {
		s = json_object_get_string(val);
		n = (size_t)json_object_get_string_len(val);
	}
	if (!out && n > 0 && !isspace((unsigned char)s[0]) && !isspace((unsigned char)s[n - 1])) {
		/* nothing to trim and (below) no control character: the text is its
		 * own cleaned form, recorded without a copy */
		size_t i;
		for (i = 0; i < n && !qsm_control_len((const unsigned char *)s + i, n - i); i++) {
		}
		if (i == n && (!max_chars || qsm_utf8_chars(s, n) <= max_chars)) {
			if (norm) {
				qsm_put_str(norm, key, s, n);
			}
			return QS_OK;
		}
	}
	if (qsm_single_line) {
		clean = qsm_clean_line(s, n, false, false);
	} else {
		/* multi-line text keeps tabs and line breaks; other controls become spaces */
		trim_span(&s, &n);
		clean = malloc(n + 1);
		if (clean) {
			size_t i = 0, o = 0;
			while (i < n) {
				size_t cl = qsm_control_len((const unsigned char *)s + i, n - i);
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
	if (max_chars && qsm_utf8_chars(clean, n) > max_chars) {
		size_t chars = qsm_utf8_chars(clean, n);
		qsm_quote(clean, n, q, sizeof(q));
		free(clean);
		qsm_fpath(path, sizeof(path), prefix, key);
		return qsm_verr(v, path, "%s %s is %zu characters long but QuickBooks allows at most %zu; %s",
			path, q, chars, max_chars, fix);
	}
	if (norm) {
		qsm_put_str(norm, key, clean, n);
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
qs_status qsm_money_field(vctx *v, json_object *doc, const char *key, const char *prefix,
	json_object *norm, qs_money *out, bool *present)
{
	char path[128];
	json_object *val = qsm_get(doc, key);
	qs_error me;
	qs_status st;

	*out = 0;
	if (!val) {
		if (present) {
			*present = false;
			return QS_OK;
		}
		qsm_fpath(path, sizeof(path), prefix, key);
		return qsm_verr(v, path, "%s is missing; send it as a decimal string like \"10.99\"", path);
	}
	qs_error_clear(&me);
	switch (json_object_get_type(val)) {
	case json_type_string: {
		const char *s = json_object_get_string(val);
		size_t n = (size_t)json_object_get_string_len(val);
		st = qs_money_parse(s, n, v->decimals, out, &me);
		if (st != QS_OK) {
			qsm_fpath(path, sizeof(path), prefix, key);
			if (v->decimals > 0) {
				return qsm_verr(v, path, "%s %s (%s); send at most %d decimals, e.g. \"%s\"",
					path, me.message, v->currency, v->decimals, money_example(v->decimals));
			}
			return qsm_verr(v, path, "%s %s (%s); send whole amounts, e.g. \"1200\"", path, me.message, v->currency);
		}
		break;
	}
	case json_type_int: {
		int64_t units = json_object_get_int64(val), m = units;
		int i;
		for (i = 0; i < v->decimals; i++) {
			if (__builtin_mul_overflow(m, 10, &m)) {
				qsm_fpath(path, sizeof(path), prefix, key);
				return qsm_verr(v, path, "%s %" PRId64 " is too large; send a real amount", path, units);
			}
		}
		*out = m;
		break;
	}
	case json_type_double:
		st = qs_money_from_double(json_object_get_double(val), v->decimals, out, &me);
		if (st != QS_OK) {
			qsm_fpath(path, sizeof(path), prefix, key);
			if (v->decimals > 0) {
				return qsm_verr(v, path, "%s %s (%s); send money as a decimal string with at most %d decimals, e.g. \"%s\"",
					path, me.message, v->currency, v->decimals, money_example(v->decimals));
			}
			return qsm_verr(v, path, "%s %s (%s); send whole amounts, e.g. \"1200\"", path, me.message, v->currency);
		}
		break;
	default:
		qsm_fpath(path, sizeof(path), prefix, key);
		return qsm_verr(v, path, "%s is %s, not an amount; send a decimal string like \"10.99\"", path, qsm_type_name(val));
	}
	if (present) {
		*present = true;
	}
	if (norm) {
		qsm_put_int(norm, key, *out);
	}
	return QS_OK;
}

/* qsm_dec4_field for the field key of prefix, its path joined only for a message. */
qs_status qsm_dec4_key(vctx *v, json_object *val, const char *prefix, const char *key, int64_t *out)
{
	char path[128];
	qs_error me;
	if (json_object_get_type(val) == json_type_string) {
		qs_error_clear(&me);
		if (qs_decimal4_parse(json_object_get_string(val), (size_t)json_object_get_string_len(val), out, &me) == QS_OK) {
			return QS_OK;
		}
	}
	qsm_fpath(path, sizeof(path), prefix, key);
	return qsm_dec4_field(v, val, path, out);
}

/* A quantity or rate with up to 4 decimals -> value * 10^4. */
qs_status qsm_dec4_field(vctx *v, json_object *val, const char *path, int64_t *out)
{
	qs_error me;
	qs_error_clear(&me);
	switch (json_object_get_type(val)) {
	case json_type_string:
		if (qs_decimal4_parse(json_object_get_string(val), (size_t)json_object_get_string_len(val), out, &me) != QS_OK) {
			return qsm_verr(v, path, "%s %s; send a decimal with at most 4 decimals, e.g. \"1.5\"", path, me.message);
		}
		return QS_OK;
	case json_type_int: {
		int64_t n = json_object_get_int64(val);
		if (__builtin_mul_overflow(n, 10000, out)) {
			return qsm_verr(v, path, "%s %" PRId64 " is too large", path, n);
		}
		return QS_OK;
	}
	case json_type_double:
		if (qs_decimal4_from_double(json_object_get_double(val), out, &me) != QS_OK) {
			return qsm_verr(v, path, "%s %s; send it as a decimal string such as \"1.5\"", path, me.message);
		}
		return QS_OK;
	default:
		return qsm_verr(v, path, "%s is %s, not a number; send a decimal string like \"1.5\"", path, qsm_type_name(val));
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

qs_status qsm_date_field(vctx *v, json_object *doc, const char *key, bool required, bool allow_time,
	const char *what, json_object *norm)
{
	json_object *val = qsm_get(doc, key);
	const char *s;
	size_t n;
	char q[96];

	if (!val) {
		if (required) {
			return qsm_verr(v, key, "%s is missing; send the %s as YYYY-MM-DD", key, what);
		}
		return QS_OK;
	}
	if (json_object_get_type(val) != json_type_string) {
		return qsm_verr(v, key, "%s is %s, not a date; send the %s as a string YYYY-MM-DD", key, qsm_type_name(val), what);
	}
	s = json_object_get_string(val);
	n = (size_t)json_object_get_string_len(val);
	if (!(allow_time ? timestamp_ok(s, n) : date_ok(s, n))) {
		qsm_quote(s, n, q, sizeof(q));
		if (n == 10 && s[4] == '-' && s[7] == '-') {
			return qsm_verr(v, key, "%s %s is not a real calendar date; send the %s as YYYY-MM-DD", key, q, what);
		}
		return qsm_verr(v, key, "%s %s is not a date in the form YYYY-MM-DD%s; send the %s as YYYY-MM-DD",
			key, q, allow_time ? " (or an ISO 8601 timestamp with offset)" : "", what);
	}
	qsm_put_str(norm, key, s, n);
	return QS_OK;
}

qs_status qsm_bool_field(vctx *v, json_object *doc, const char *key, const char *prefix, json_object *norm,
	bool *out, bool *present)
{
	char path[128];
	json_object *val = qsm_get(doc, key);
	*present = false;
	if (!val) {
		return QS_OK;
	}
	if (json_object_get_type(val) == json_type_boolean) {
		*out = json_object_get_boolean(val) != 0;
	} else if (json_object_get_type(val) == json_type_int &&
		(json_object_get_int64(val) == 0 || json_object_get_int64(val) == 1)) {
		*out = json_object_get_int64(val) == 1;
	} else {
		qsm_fpath(path, sizeof(path), prefix, key);
		return qsm_verr(v, path, "%s is %s, not true or false; send a boolean", path, qsm_type_name(val));
	}
	*present = true;
	if (norm) {
		qsm_put_bool(norm, key, *out);
	}
	return QS_OK;
}

/* Currency: three letters, upper-cased. Sets v->currency/decimals when doc_level. */
qs_status qsm_currency_field(vctx *v, json_object *doc, json_object *norm, char out[4])
{
	json_object *val = qsm_get(doc, "currency");
	const char *s;
	size_t n, i;
	char q[96];

	out[0] = '\0';
	if (!val) {
		return QS_OK;
	}
	if (json_object_get_type(val) != json_type_string) {
		return qsm_verr(v, "currency", "currency is %s; send an ISO 4217 code like \"USD\"", qsm_type_name(val));
	}
	s = json_object_get_string(val);
	n = (size_t)json_object_get_string_len(val);
	if (n == 0) {
		return QS_OK;
	}
	if (n != 3 || !isalpha((unsigned char)s[0]) || !isalpha((unsigned char)s[1]) || !isalpha((unsigned char)s[2])) {
		qsm_quote(s, n, q, sizeof(q));
		return qsm_verr(v, "currency", "currency %s is not an ISO 4217 code; send three letters like \"USD\"", q);
	}
	for (i = 0; i < 3; i++) {
		out[i] = (char)toupper((unsigned char)s[i]);
	}
	out[3] = '\0';
	qsm_put_str(norm, "currency", out, 3);
	return QS_OK;
}

int64_t qsm_iabs64(int64_t x)
{
	return x < 0 ? -x : x;
}

qs_status qsm_positive_amount(vctx *v, json_object *doc, json_object *norm, qs_money *amount, const char *hint)
{
	qs_status st = qsm_money_field(v, doc, "amount", NULL, norm, amount, NULL);
	if (st != QS_OK) {
		return st;
	}
	if (*amount <= 0) {
		char a[40];
		qs_money_format(*amount, v->decimals, a, sizeof(a));
		return qsm_verr(v, "amount", "amount is %s; %s", a, hint);
	}
	return QS_OK;
}

/* exchange_rate: home-currency units per unit of the document's currency
 * (QBO's ExchangeRate), a positive decimal with up to 10 decimals, kept as
 * normalised text. */
qs_status qsm_exchange_rate_field(vctx *v, json_object *doc, json_object *norm)
{
	json_object *val = qsm_get(doc, "exchange_rate");
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
		return qsm_verr(v, "exchange_rate", "exchange_rate is %s; send it as a decimal string like \"1.2345\"", qsm_type_name(val));
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
		qsm_quote(s, n, q, sizeof(q));
		return qsm_verr(v, "exchange_rate", "exchange_rate %s is not a positive decimal with at most 10 decimals; send it like \"1.2345\"", q);
	}
	qsm_put_str(norm, "exchange_rate", s, n);
	return QS_OK;
}
