/* qs_php_json.c: zval <-> json-c conversion for documents going into the core
 * and states coming back (and a push's state straight from its qs_state_view):
 * arrays (lists and maps), objects, ints (int64),
 * strings, bools, null; PHP floats pass through as JSON doubles and the core's
 * money parser decides whether one is acceptable. A billing document that
 * cannot become JSON (INF/NaN, recursion, nesting deeper than 64, a resource,
 * a closure, a NUL byte in a key) is a validation error naming the record and
 * the field (qs_php_doc_to_json), and a document whose strings and field names
 * are all UTF-8 is marked so for the core's validation; other arguments get
 * TypeError/ValueError. */
#include "qs_php.h"
#include "core/qs_kind.h"
#include "core/qs_map.h"
#include "zend_exceptions.h"
#include "zend_smart_str.h"
#include "zend_closures.h"

#define QS_JSON_MAX_DEPTH 64

#define ZSTR_LEN_OR_ZERO(p) ((p)->s ? ZSTR_LEN((p)->s) : 0)

/* What a failure becomes: a thrown TypeError/ValueError naming argument arg_num,
 * or (err set: a billing document) a QS_EVALIDATION in *err for the record
 * "<label> <id>". */
typedef struct qs_jctx {
	uint32_t arg_num;
	qs_error *err;
	const char *kind;    /* the document's kind, for err */
	const char *label;   /* "Invoice" */
	char id[65];         /* the document's id when it is printable, else "" */
	bool borrow_keys;    /* field names point into the array's keys (not copied) */
	bool utf8_bad;       /* a document's string or field name is not UTF-8 (the core names it) */
} qs_jctx;

/* Where the conversion is, for messages: the keys (or list indexes) from the
 * top down to the current value. Only a failure writes them out as text, so
 * a document that converts costs no string work for its path. */
typedef struct qs_jpath {
	struct {
		zend_string *key;   /* NULL: a list index */
		zend_ulong idx;
	} at[QS_JSON_MAX_DEPTH + 2];
	size_t n;               /* levels, at most QS_JSON_MAX_DEPTH + 2 kept */
	smart_str text;         /* the path as text, made by qs_path_text */
} qs_jpath;

/* Enters key (or index idx) below the current value; returns the depth to restore. */
static size_t qs_path_push(qs_jpath *path, zend_string *key, zend_ulong idx)
{
	size_t old = path->n;
	if (old < sizeof(path->at) / sizeof(path->at[0])) {
		path->at[old].key = key;
		path->at[old].idx = idx;
	}
	path->n = old + 1;
	return old;
}

static void qs_path_pop(qs_jpath *path, size_t len)
{
	path->n = len;
}

/* The path as text, "key.sub[3].name" ("[3]" or ".key", "key" at the top). */
static smart_str *qs_path_text(qs_jpath *path)
{
	size_t i, n = path->n < sizeof(path->at) / sizeof(path->at[0]) ? path->n : sizeof(path->at) / sizeof(path->at[0]);
	if (path->text.s) {
		ZSTR_LEN(path->text.s) = 0;
	}
	for (i = 0; i < n; i++) {
		if (path->at[i].key) {
			if (ZSTR_LEN_OR_ZERO(&path->text)) {
				smart_str_appendc(&path->text, '.');
			}
			smart_str_append(&path->text, path->at[i].key);
		} else {
			smart_str_appendc(&path->text, '[');
			smart_str_append_unsigned(&path->text, path->at[i].idx);
			smart_str_appendc(&path->text, ']');
		}
	}
	smart_str_0(&path->text);
	return &path->text;
}

/* A TypeError for a value of the wrong type, a ValueError for a bad shape; for a
 * document, a validation error "<Label> <id>: <path> is <what>; <fix>". */
static void qs_json_fail_ex(qs_jctx *cx, qs_jpath *where, const char *what, const char *fix, bool type_error)
{
	uint32_t arg_num = cx->arg_num;
	smart_str *path = qs_path_text(where);
	if (cx->err) {
		const char *at = path->s && ZSTR_LEN(path->s) ? ZSTR_VAL(path->s) : "the document";
		qs_error_clear(cx->err);
		qs_error_record(cx->err, cx->kind, cx->id);
		qs_strlcpy(cx->err->element, path->s ? ZSTR_VAL(path->s) : "", sizeof(cx->err->element));
		if (cx->id[0]) {
			qs_error_set(cx->err, QS_EVALIDATION, "%s %s: %s %s; %s", cx->label, cx->id, at, what, fix);
		} else {
			qs_error_set(cx->err, QS_EVALIDATION, "%s: %s %s; %s", cx->label, at, what, fix);
		}
		return;
	}
	if (path->s && ZSTR_LEN(path->s)) {
		if (type_error) {
			zend_argument_type_error(arg_num, "must not contain %s (at %s)", what + 3, ZSTR_VAL(path->s));
		} else {
			zend_argument_value_error(arg_num, "must not contain %s (at %s)", what + 3, ZSTR_VAL(path->s));
		}
	} else if (type_error) {
		zend_argument_type_error(arg_num, "must not be %s", what + 3);
	} else {
		zend_argument_value_error(arg_num, "must not contain %s", what + 3);
	}
}
/* what starts with "is " (documents: "lines[0].amount is an infinite ..."); the
 * argument errors drop it ("must not contain an infinite ...") */
#define qs_json_fail(c, p, w, f) qs_json_fail_ex((c), (p), (w), (f), true)
#define qs_json_fail_value(c, p, w, f) qs_json_fail_ex((c), (p), (w), (f), false)
#define QS_FAILED(c) ((c)->err ? (c)->err->status != QS_OK : EG(exception) != NULL)

static json_object *qs_to_json(zval *zv, qs_jctx *cx, qs_jpath *path, int depth);

/* Valid UTF-8 without NUL, for text already known to hold no NUL byte: ASCII
 * (the usual field name and value) by a test of the high bits, other text by
 * the core's check. */
static inline bool qs_utf8_ok(const char *s, size_t n)
{
	uint64_t acc = 0, w;
	unsigned char tail = 0;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		acc |= w;
	}
	for (; i < n; i++) {
		tail |= (unsigned char)s[i];
	}
	if (!(acc & 0x8080808080808080ULL) && !(tail & 0x80)) {
		return true;
	}
	return qs_map_utf8_ok(s, n);
}

static json_object *qs_ht_to_json(HashTable *ht, bool as_list, qs_jctx *cx, qs_jpath *path, int depth)
{
	json_object *out;
	zend_string *key;
	zend_ulong idx;
	zval *val;

	if (depth > QS_JSON_MAX_DEPTH) {
		qs_json_fail_value(cx, path, "is an array nested deeper than 64 levels",
			"send the document's fields as the canonical shapes have them (a few levels deep)");
		return NULL;
	}
	if (GC_IS_RECURSIVE(ht)) {
		qs_json_fail_value(cx, path, "is a recursive reference (an array that contains itself)",
			"send plain values, not references to the document");
		return NULL;
	}
	GC_TRY_PROTECT_RECURSION(ht);
	out = as_list ? json_object_new_array() : json_object_new_object();
	if (!out) {
		GC_TRY_UNPROTECT_RECURSION(ht);
		zend_throw_error(NULL, "qbosync: out of memory while converting an array");
		return NULL;
	}
	ZEND_HASH_FOREACH_KEY_VAL_IND(ht, idx, key, val) {
		size_t mark = qs_path_push(path, key, idx);
		json_object *j;
		if (cx->err && key && memchr(ZSTR_VAL(key), '\0', ZSTR_LEN(key))) {
			qs_json_fail_value(cx, path, "is a field name with a NUL byte", "remove the NUL byte from the field name");
			qs_path_pop(path, mark);
			GC_TRY_UNPROTECT_RECURSION(ht);
			json_object_put(out);
			return NULL;
		}
		if (cx->err && key && !cx->utf8_bad && !qs_utf8_ok(ZSTR_VAL(key), ZSTR_LEN(key))) {
			cx->utf8_bad = true;
		}
		j = qs_to_json(val, cx, path, depth + 1);
		if (!j && QS_FAILED(cx)) {
			qs_path_pop(path, mark);
			GC_TRY_UNPROTECT_RECURSION(ht);
			json_object_put(out);
			return NULL;
		}
		qs_path_pop(path, mark);
		if (as_list) {
			json_object_array_add(out, j);
		} else if (key) {
			/* a PHP array's keys are distinct: no look-up for a duplicate */
			json_object_object_add_ex(out, ZSTR_VAL(key), j, JSON_C_OBJECT_ADD_KEY_IS_NEW
				| (cx->borrow_keys ? JSON_C_OBJECT_KEY_IS_CONSTANT : 0));
		} else {
			char buf[32];
			snprintf(buf, sizeof(buf), ZEND_ULONG_FMT, idx);
			json_object_object_add(out, buf, j);
		}
	} ZEND_HASH_FOREACH_END();
	GC_TRY_UNPROTECT_RECURSION(ht);
	return out;
}

static json_object *qs_to_json(zval *zv, qs_jctx *cx, qs_jpath *path, int depth)
{
	ZVAL_DEREF(zv);
	switch (Z_TYPE_P(zv)) {
	case IS_NULL:
		return NULL; /* json-c's null */
	case IS_FALSE:
		return json_object_new_boolean(0);
	case IS_TRUE:
		return json_object_new_boolean(1);
	case IS_LONG:
		return json_object_new_int64((int64_t)Z_LVAL_P(zv));
	case IS_DOUBLE:
		if (!zend_finite(Z_DVAL_P(zv))) {
			qs_json_fail_value(cx, path, "is an infinite or NaN float",
				"send money as a decimal string like \"10.99\" and quantities like \"1.5\"");
			return NULL;
		}
		return json_object_new_double(Z_DVAL_P(zv));
	case IS_STRING:
		if (memchr(Z_STRVAL_P(zv), '\0', Z_STRLEN_P(zv)) != NULL) {
			/* the core works on C strings: a NUL byte would silently cut the text */
			const char *nul = memchr(Z_STRVAL_P(zv), '\0', Z_STRLEN_P(zv));
			char what[96];
			if (cx->err) {
				snprintf(what, sizeof(what), "contains a NUL byte at position %ld", (long)(nul - Z_STRVAL_P(zv)));
				qs_json_fail_ex(cx, path, what, "remove it in the billing system", false);
				return NULL;
			}
			zend_argument_value_error(cx->arg_num, "must not contain strings with NUL bytes (at %s)",
				qs_path_text(path)->s && ZSTR_LEN(path->text.s) ? ZSTR_VAL(path->text.s) : "top level");
			return NULL;
		}
		if (cx->err && !cx->utf8_bad && !qs_utf8_ok(Z_STRVAL_P(zv), Z_STRLEN_P(zv))) {
			cx->utf8_bad = true;
		}
		return json_object_new_string_len(Z_STRVAL_P(zv), (int)Z_STRLEN_P(zv));
	case IS_ARRAY:
		return qs_ht_to_json(Z_ARRVAL_P(zv), zend_array_is_list(Z_ARRVAL_P(zv)), cx, path, depth);
	case IS_OBJECT: {
		/* plain objects (stdClass, DTOs) become JSON objects of their public properties */
		HashTable *props;
		json_object *out;
		if (Z_OBJCE_P(zv) == zend_ce_closure || Z_OBJCE_P(zv) == qs_php_ce_connection) {
			char what[160];
			snprintf(what, sizeof(what), "is an object of class %s", ZSTR_VAL(Z_OBJCE_P(zv)->name));
			qs_json_fail(cx, path, what, "send plain values (strings, numbers, arrays)");
			return NULL;
		}
		if (Z_IS_RECURSIVE_P(zv)) {
			qs_json_fail_value(cx, path, "is a recursive reference (an object that contains itself)",
				"send plain values, not references to the document");
			return NULL;
		}
		props = zend_get_properties_for(zv, ZEND_PROP_PURPOSE_JSON);
		if (!props) {
			return json_object_new_object();
		}
		Z_PROTECT_RECURSION_P(zv);
		{
			HashTable filtered;
			zend_string *key;
			zval *val;
			zend_hash_init(&filtered, zend_hash_num_elements(props), NULL, NULL, 0);
			ZEND_HASH_FOREACH_STR_KEY_VAL_IND(props, key, val) {
				/* mangled keys (protected/private) start with a NUL byte: skipped */
				if (key && ZSTR_LEN(key) && ZSTR_VAL(key)[0] == '\0') {
					continue;
				}
				if (key) {
					zend_hash_add_new(&filtered, key, val);
				}
			} ZEND_HASH_FOREACH_END();
			out = qs_ht_to_json(&filtered, false, cx, path, depth);
			zend_hash_destroy(&filtered);
		}
		Z_UNPROTECT_RECURSION_P(zv);
		zend_release_properties(props);
		return out;
	}
	default: {
		char what[64];
		snprintf(what, sizeof(what), "is a value of type %s", zend_zval_type_name(zv));
		qs_json_fail(cx, path, what, "send plain values (strings, numbers, arrays)");
		return NULL;
	}
	}
}

json_object *qs_php_to_json(zval *zv, uint32_t arg_num)
{
	qs_jpath path;
	qs_jctx cx;
	json_object *j;
	path.n = 0;
	memset(&path.text, 0, sizeof(path.text));
	memset(&cx, 0, sizeof(cx));
	cx.arg_num = arg_num;
	j = qs_to_json(zv, &cx, &path, 0);
	smart_str_free(&path.text);
	return j;
}

/* Is s (n bytes) printable in a message: valid UTF-8, no control character, <= 64 bytes? */
static bool qs_printable_id(const char *s, size_t n)
{
	size_t i = 0;
	if (n == 0 || n > 64) {
		return false;
	}
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t k, len = c < 0x80 ? 1 : (c >= 0xC2 && c <= 0xDF) ? 2 : (c >= 0xE0 && c <= 0xEF) ? 3 : (c >= 0xF0 && c <= 0xF4) ? 4 : 0;
		if (len == 0 || i + len > n || (len == 1 && (c < 0x20 || c == 0x7f))) {
			return false;
		}
		for (k = 1; k < len; k++) {
			if (((unsigned char)s[i + k] & 0xC0) != 0x80) {
				return false;
			}
		}
		if ((c == 0xE0 && (unsigned char)s[i + 1] < 0xA0) || (c == 0xED && (unsigned char)s[i + 1] > 0x9F)
				|| (c == 0xF0 && (unsigned char)s[i + 1] < 0x90) || (c == 0xF4 && (unsigned char)s[i + 1] > 0x8F)
				|| (c == 0xC2 && (unsigned char)s[i + 1] < 0xA0)) {
			return false;
		}
		i += len;
	}
	return true;
}

json_object *qs_php_doc_to_json(zval *zv, const char *kind, bool borrow_keys, qs_error *err)
{
	qs_jpath path;
	qs_jctx cx;
	json_object *j;
	const qs_kind *k = qs_kind_find(kind);
	zval *idv;

	memset(&cx, 0, sizeof(cx));
	cx.arg_num = 3;
	cx.err = err;
	cx.borrow_keys = borrow_keys;
	cx.kind = k && k->label ? kind : "";
	cx.label = k && k->label ? k->label : "Document";
	qs_error_clear(err);
	ZVAL_DEREF(zv);
	idv = Z_TYPE_P(zv) == IS_ARRAY ? zend_hash_str_find_deref(Z_ARRVAL_P(zv), "id", 2) : NULL;
	if (idv && Z_TYPE_P(idv) == IS_STRING && qs_printable_id(Z_STRVAL_P(idv), Z_STRLEN_P(idv))) {
		memcpy(cx.id, Z_STRVAL_P(idv), Z_STRLEN_P(idv));
		cx.id[Z_STRLEN_P(idv)] = '\0';
	} else if (idv && Z_TYPE_P(idv) == IS_LONG) {
		snprintf(cx.id, sizeof(cx.id), ZEND_LONG_FMT, Z_LVAL_P(idv));
	}
	path.n = 0;
	memset(&path.text, 0, sizeof(path.text));
	j = qs_to_json(zv, &cx, &path, 0);
	smart_str_free(&path.text);
	if (err->status != QS_OK) {
		json_object_put(j);
		return NULL;
	}
	if (!cx.utf8_bad) {
		/* every string and field name checked above: the core's pass over the tree is skipped */
		qs_map_mark_utf8_checked(j);
	}
	return j;
}

void qs_php_from_json(json_object *j, zval *out)
{
	switch (json_object_get_type(j)) {
	case json_type_null:
		ZVAL_NULL(out);
		break;
	case json_type_boolean:
		ZVAL_BOOL(out, json_object_get_boolean(j));
		break;
	case json_type_int:
		ZVAL_LONG(out, (zend_long)json_object_get_int64(j));
		break;
	case json_type_double:
		ZVAL_DOUBLE(out, json_object_get_double(j));
		break;
	case json_type_string:
		ZVAL_STRINGL(out, json_object_get_string(j), (size_t)json_object_get_string_len(j));
		break;
	case json_type_array: {
		size_t i, n = json_object_array_length(j);
		array_init_size(out, (uint32_t)n);
		for (i = 0; i < n; i++) {
			zval v;
			qs_php_from_json(json_object_array_get_idx(j, i), &v);
			add_next_index_zval(out, &v);
		}
		break;
	}
	case json_type_object: {
		array_init_size(out, (uint32_t)json_object_object_length(j));   /* a state's 12 fields: no resize */
		json_object_object_foreach(j, key, val) {
			zval v;
			qs_php_from_json(val, &v);
			/* numeric-looking keys become int keys, as json_decode does */
			zend_symtable_str_update(Z_ARRVAL_P(out), key, strlen(key), &v);
		}
		break;
	}
	}
}

/* The names of a state's fields (qs_state_view's order) as permanent interned
 * strings, made once at startup: the array qbo_push returns is filled without
 * hashing or allocating a name. */
static const char *const qs_state_names[] = {"kind", "id", "state", "reason", "qbo_id", "version", "synced_version",
	"attempts", "last_attempt", "queued", "next_try", "updated"};
#define QS_STATE_NAMES (sizeof(qs_state_names) / sizeof(qs_state_names[0]))
static zend_string *qs_state_znames[QS_STATE_NAMES];

void qs_php_json_minit(void)
{
	size_t i;
	for (i = 0; i < QS_STATE_NAMES; i++) {
		qs_state_znames[i] = zend_string_init_interned(qs_state_names[i], strlen(qs_state_names[i]), 1);
	}
}

void qs_php_state_view(const qs_state_view *v, zval *out)
{
	size_t i;
	array_init_size(out, (uint32_t)v->n);
	for (i = 0; i < v->n; i++) {
		const qs_state_field *f = &v->f[i];
		zval z;
		switch (f->type) {
		case QS_SF_STR:
			ZVAL_STRING(&z, f->s);
			break;
		case QS_SF_INT:
			ZVAL_LONG(&z, (zend_long)f->i);
			break;
		case QS_SF_BOOL:
			ZVAL_BOOL(&z, f->i != 0);
			break;
		default:
			ZVAL_NULL(&z);
			break;
		}
		/* the state's keys are distinct names, none numeric */
		if (i < QS_STATE_NAMES && qs_state_znames[i] && f->key[0] == qs_state_names[i][0] && !strcmp(f->key, qs_state_names[i])) {
			zend_hash_add_new(Z_ARRVAL_P(out), qs_state_znames[i], &z);
		} else {
			zend_hash_str_add_new(Z_ARRVAL_P(out), f->key, strlen(f->key), &z);
		}
	}
}
