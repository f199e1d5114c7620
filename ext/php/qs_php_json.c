/* qs_php_json.c: zval <-> json-c conversion for documents going into the core
 * and states coming back: arrays (lists and maps), objects, ints (int64),
 * strings, bools, null; PHP floats pass through as JSON doubles and the core's
 * money parser decides whether one is acceptable. */
#include "qs_php.h"
#include "zend_exceptions.h"
#include "zend_smart_str.h"
#include "zend_closures.h"

#define QS_JSON_MAX_DEPTH 64

#define ZSTR_LEN_OR_ZERO(p) ((p)->s ? ZSTR_LEN((p)->s) : 0)

/* Appends "[3]" or ".key" (or "key" at the top) to the path for messages. */
static size_t qs_path_push(smart_str *path, zend_string *key, zend_ulong idx)
{
	size_t old = ZSTR_LEN_OR_ZERO(path);
	if (key) {
		if (old) {
			smart_str_appendc(path, '.');
		}
		smart_str_append(path, key);
	} else {
		smart_str_appendc(path, '[');
		smart_str_append_unsigned(path, idx);
		smart_str_appendc(path, ']');
	}
	return old;
}

static void qs_path_pop(smart_str *path, size_t len)
{
	if (path->s) {
		ZSTR_LEN(path->s) = len;
	}
}

/* A TypeError for a value of the wrong type, a ValueError for a bad shape. */
static void qs_json_fail_ex(uint32_t arg_num, smart_str *path, const char *what, bool type_error)
{
	smart_str_0(path);
	if (path->s && ZSTR_LEN(path->s)) {
		if (type_error) {
			zend_argument_type_error(arg_num, "must not contain %s (at %s)", what, ZSTR_VAL(path->s));
		} else {
			zend_argument_value_error(arg_num, "must not contain %s (at %s)", what, ZSTR_VAL(path->s));
		}
	} else if (type_error) {
		zend_argument_type_error(arg_num, "must not be %s", what);
	} else {
		zend_argument_value_error(arg_num, "must not contain %s", what);
	}
}
#define qs_json_fail(a, p, w) qs_json_fail_ex((a), (p), (w), true)
#define qs_json_fail_value(a, p, w) qs_json_fail_ex((a), (p), (w), false)

static json_object *qs_to_json(zval *zv, uint32_t arg_num, smart_str *path, int depth);

static json_object *qs_ht_to_json(HashTable *ht, bool as_list, uint32_t arg_num, smart_str *path, int depth)
{
	json_object *out;
	zend_string *key;
	zend_ulong idx;
	zval *val;

	if (depth > QS_JSON_MAX_DEPTH) {
		qs_json_fail_value(arg_num, path, "arrays nested deeper than 64 levels");
		return NULL;
	}
	if (GC_IS_RECURSIVE(ht)) {
		qs_json_fail_value(arg_num, path, "a recursive reference");
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
		json_object *j = qs_to_json(val, arg_num, path, depth + 1);
		if (!j && EG(exception)) {
			qs_path_pop(path, mark);
			GC_TRY_UNPROTECT_RECURSION(ht);
			json_object_put(out);
			return NULL;
		}
		qs_path_pop(path, mark);
		if (as_list) {
			json_object_array_add(out, j);
		} else if (key) {
			json_object_object_add_ex(out, ZSTR_VAL(key), j, 0);
		} else {
			char buf[32];
			snprintf(buf, sizeof(buf), ZEND_ULONG_FMT, idx);
			json_object_object_add(out, buf, j);
		}
	} ZEND_HASH_FOREACH_END();
	GC_TRY_UNPROTECT_RECURSION(ht);
	return out;
}

static json_object *qs_to_json(zval *zv, uint32_t arg_num, smart_str *path, int depth)
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
			qs_json_fail_value(arg_num, path, "an infinite or NaN float");
			return NULL;
		}
		return json_object_new_double(Z_DVAL_P(zv));
	case IS_STRING:
		if (memchr(Z_STRVAL_P(zv), '\0', Z_STRLEN_P(zv)) != NULL) {
			/* the core works on C strings: a NUL byte would silently cut the text */
			smart_str_0(path);
			zend_argument_value_error(arg_num, "must not contain strings with NUL bytes (at %s)",
				path->s && ZSTR_LEN(path->s) ? ZSTR_VAL(path->s) : "top level");
			return NULL;
		}
		return json_object_new_string_len(Z_STRVAL_P(zv), (int)Z_STRLEN_P(zv));
	case IS_ARRAY:
		return qs_ht_to_json(Z_ARRVAL_P(zv), zend_array_is_list(Z_ARRVAL_P(zv)), arg_num, path, depth);
	case IS_OBJECT: {
		/* plain objects (stdClass, DTOs) become JSON objects of their public properties */
		HashTable *props;
		json_object *out;
		if (Z_OBJCE_P(zv) == zend_ce_closure || Z_OBJCE_P(zv) == qs_php_ce_connection) {
			char what[160];
			snprintf(what, sizeof(what), "an object of class %s", ZSTR_VAL(Z_OBJCE_P(zv)->name));
			qs_json_fail(arg_num, path, what);
			return NULL;
		}
		if (Z_IS_RECURSIVE_P(zv)) {
			qs_json_fail_value(arg_num, path, "a recursive reference");
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
			out = qs_ht_to_json(&filtered, false, arg_num, path, depth);
			zend_hash_destroy(&filtered);
		}
		Z_UNPROTECT_RECURSION_P(zv);
		zend_release_properties(props);
		return out;
	}
	default: {
		char what[64];
		snprintf(what, sizeof(what), "a value of type %s", zend_zval_type_name(zv));
		qs_json_fail(arg_num, path, what);
		return NULL;
	}
	}
}

json_object *qs_php_to_json(zval *zv, uint32_t arg_num)
{
	smart_str path = {0};
	json_object *j = qs_to_json(zv, arg_num, &path, 0);
	smart_str_free(&path);
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
		array_init(out);
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
