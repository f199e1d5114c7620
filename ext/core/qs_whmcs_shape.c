/* qs_whmcs_shape: reading WHMCS's localAPI answers: scalars that arrive as
 * strings, ints, floats or bools; ids where "0" and "" mean none; money in
 * minor units; zero dates; lists wrapped twice, a single item not in a list,
 * or "" for none; HTML entities in names. */
#include "qs_whmcs_shape.h"
#include "qs_whmcs.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

json_object *qsw_get(json_object *o, const char *key)
{
	json_object *v = NULL;
	if (o && json_object_is_type(o, json_type_object) && json_object_object_get_ex(o, key, &v)) {
		return v;
	}
	return NULL;
}

/* A scalar as text (WHMCS sends numbers as strings, ints or floats): buf
 * holds the text for non-strings. NULL when missing, null, or not a scalar. */
const char *qsw_str(json_object *o, const char *key, char buf[64])
{
	json_object *v = qsw_get(o, key);
	switch (v ? json_object_get_type(v) : json_type_null) {
	case json_type_string:
		return json_object_get_string(v);
	case json_type_int:
		snprintf(buf, 64, "%" PRId64, json_object_get_int64(v));
		return buf;
	case json_type_boolean:
		snprintf(buf, 64, "%d", json_object_get_boolean(v) ? 1 : 0);
		return buf;
	case json_type_double: {
		/* ids and flags only: money goes through vmoney */
		double d = json_object_get_double(v);
		if (d == (double)(int64_t)d) {
			snprintf(buf, 64, "%" PRId64, (int64_t)d);
		} else {
			snprintf(buf, 64, "%.6f", d);
		}
		return buf;
	}
	default:
		return NULL;
	}
}

/* An id: a non-empty, non-zero text ("0" and "" mean none in WHMCS). */
const char *qsw_id(json_object *o, const char *key, char buf[64])
{
	const char *s = qsw_str(o, key, buf);
	while (s && isspace((unsigned char)*s)) {
		s++;
	}
	if (!s || !*s || !strcmp(s, "0")) {
		return NULL;
	}
	return s;
}

bool qsw_flag(json_object *o, const char *key)
{
	char buf[64];
	const char *s = qsw_str(o, key, buf);
	return s && (!strcmp(s, "1") || !strcasecmp(s, "on") || !strcasecmp(s, "true") || !strcasecmp(s, "yes"));
}

/* Money in minor units of decimals; absent or "" is 0. */
qs_status qsw_money(json_object *o, const char *key, int decimals, qs_money *out, const char *what, qs_error *e)
{
	json_object *v = qsw_get(o, key);
	*out = 0;
	if (!v) {
		return QS_OK;
	}
	switch (json_object_get_type(v)) {
	case json_type_null:
		return QS_OK;
	case json_type_int:
		*out = json_object_get_int64(v);
		for (int i = 0; i < decimals; i++) {
			*out *= 10;
		}
		return QS_OK;
	case json_type_double:
		if (qs_money_from_double(json_object_get_double(v), decimals, out, e) != QS_OK) {
			return qs_error_set(e, QS_EVALIDATION, "WHMCS %s %s is not an amount of money: %s", what, key, e ? e->message : "");
		}
		return QS_OK;
	case json_type_string: {
		const char *s = json_object_get_string(v);
		size_t n = strlen(s);
		while (n && isspace((unsigned char)*s)) {
			s++, n--;
		}
		while (n && isspace((unsigned char)s[n - 1])) {
			n--;
		}
		if (n == 0) {
			return QS_OK;
		}
		if (qs_money_parse(s, n, decimals, out, e) != QS_OK) {
			return qs_error_set(e, QS_EVALIDATION, "WHMCS %s %s is not an amount of money: %s", what, key, e ? e->message : "");
		}
		return QS_OK;
	}
	default:
		return qs_error_set(e, QS_EVALIDATION, "WHMCS %s %s is not an amount of money", what, key);
	}
}

/* A date "YYYY-MM-DD[ HH:MM:SS]" as its day; false for a zero or malformed date. */
bool qsw_date(json_object *o, const char *key, char out[11])
{
	char buf[64];
	const char *s = qsw_str(o, key, buf);
	int i;
	if (!s || strlen(s) < 10 || !strncmp(s, "0000", 4)) {
		return false;
	}
	for (i = 0; i < 10; i++) {
		if ((i == 4 || i == 7) ? s[i] != '-' : !isdigit((unsigned char)s[i])) {
			return false;
		}
	}
	memcpy(out, s, 10);
	out[10] = '\0';
	return true;
}

/* A WHMCS list: o[outer][inner] may be a list, a single object, or (for no
 * rows) the empty string, an empty object or missing; o[outer] may also be the
 * list itself. Returns a borrowed or *tmp-owned array. */
json_object *qsw_list(json_object *o, const char *outer, const char *inner, json_object **tmp)
{
	json_object *v = qsw_get(o, outer), *w;
	*tmp = NULL;
	if (v && json_object_is_type(v, json_type_array)) {
		return v;
	}
	w = qsw_get(v, inner);
	if (w && json_object_is_type(w, json_type_array)) {
		return w;
	}
	*tmp = json_object_new_array();
	if (w && json_object_is_type(w, json_type_object)) {
		json_object_array_add(*tmp, json_object_get(w));
	} else if (v && json_object_is_type(v, json_type_object) && !w) {
		/* a PHP list that arrived as an object with keys "0", "1", ... */
		json_object_object_foreach(v, k, x) {
			if (isdigit((unsigned char)k[0]) && json_object_is_type(x, json_type_object)) {
				json_object_array_add(*tmp, json_object_get(x));
			}
		}
	}
	return *tmp;
}

static int hexval(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static size_t put_utf8(char *out, unsigned long cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	} else if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	} else if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

char *qs_whmcs_text(const char *s)
{
	static const struct { const char *name; unsigned long cp; } named[] = {
		{"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}, {"nbsp", 0xA0},
		{"euro", 0x20AC}, {"pound", 0xA3}, {"copy", 0xA9}, {"reg", 0xAE},
		/* the Latin-1 letters htmlentities() produces in names */
		{"auml", 0xE4}, {"ouml", 0xF6}, {"uuml", 0xFC}, {"euml", 0xEB}, {"iuml", 0xEF}, {"Auml", 0xC4}, {"Ouml", 0xD6},
		{"Uuml", 0xDC}, {"szlig", 0xDF}, {"aacute", 0xE1}, {"eacute", 0xE9}, {"iacute", 0xED}, {"oacute", 0xF3},
		{"uacute", 0xFA}, {"Eacute", 0xC9}, {"agrave", 0xE0}, {"egrave", 0xE8}, {"ograve", 0xF2}, {"acirc", 0xE2},
		{"ecirc", 0xEA}, {"ocirc", 0xF4}, {"ntilde", 0xF1}, {"Ntilde", 0xD1}, {"ccedil", 0xE7}, {"Ccedil", 0xC7},
		{"aring", 0xE5}, {"Aring", 0xC5}, {"oslash", 0xF8}, {"Oslash", 0xD8}, {"aelig", 0xE6}, {"AElig", 0xC6},
	};
	size_t n, i = 0, o = 0, k;
	char *out;
	if (!s) {
		return NULL;
	}
	n = strlen(s);
	out = malloc(n + 1);   /* an entity is never shorter than what it decodes to */
	if (!out) {
		return NULL;
	}
	while (i < n) {
		if (s[i] == '&') {
			const char *semi = memchr(s + i, ';', n - i < 12 ? n - i : 12);
			if (semi) {
				size_t len = (size_t)(semi - (s + i)) - 1;
				const char *body = s + i + 1;
				unsigned long cp = 0;
				bool ok = false;
				if (len >= 2 && body[0] == '#') {
					size_t j = 1;
					bool hex = body[1] == 'x' || body[1] == 'X';
					ok = true;
					for (j = hex ? 2 : 1; j < len; j++) {
						int d = hex ? hexval(body[j]) : (isdigit((unsigned char)body[j]) ? body[j] - '0' : -1);
						if (d < 0 || cp > 0x10FFFF) {
							ok = false;
							break;
						}
						cp = cp * (hex ? 16 : 10) + (unsigned long)d;
					}
					if (j == (hex ? 2u : 1u) || cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
						ok = false;
					}
				} else {
					for (k = 0; k < sizeof(named) / sizeof(named[0]); k++) {
						if (strlen(named[k].name) == len && !strncmp(body, named[k].name, len)) {
							cp = named[k].cp;
							ok = true;
							break;
						}
					}
				}
				if (ok) {
					o += put_utf8(out + o, cp);
					i += len + 2;
					continue;
				}
			}
		}
		out[o++] = s[i++];
	}
	out[o] = '\0';
	/* trim */
	{
		size_t a = 0, b = o;
		while (a < b && isspace((unsigned char)out[a])) {
			a++;
		}
		while (b > a && isspace((unsigned char)out[b - 1])) {
			b--;
		}
		memmove(out, out + a, b - a);
		out[b - a] = '\0';
	}
	return out;
}

