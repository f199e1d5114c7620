/* qs_json: plain JSON text of a json-c value, byte for byte what
 * json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
 * JSON_C_TO_STRING_NOSLASHESCAPE) prints (the stored document, and whether a
 * push changed it, depend on that text), written into one growing buffer instead of json-c's
 * per-token printbuf appends and its snprintf per integer. Values json-c
 * prints in its own way (doubles, custom serialisers, unsigned integers
 * beyond int64) are printed by json-c itself. And the look-up of an object's
 * member that the mapping and the engine share (qs_json_member). */
#include "qs_json.h"

#include <inttypes.h>
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
