/* qs_php_history.c: the history push, the worker lock and reconciliation
 * calls (qbo_history*, qbo_unlock, qbo_cancel, qbo_reconcile): argument
 * conversion, the bridge to the source callable, results back. No sync
 * logic here. */
#include "qs_php.h"
#include "zend_exceptions.h"

static void qs_h_return(zval *return_value, zval *zconn, qs_status st, json_object *out, const qs_error *err)
{
	qs_php_conn_notify(zconn);
	if (st != QS_OK) {
		if (out) {
			json_object_put(out);
		}
		qs_php_throw_conn(zconn, err);
		return;
	}
	if (!out) {
		RETVAL_NULL();
		return;
	}
	qs_php_from_json(out, return_value);
	json_object_put(out);
}

static void qs_h_return_bool(zval *return_value, zval *zconn, qs_status st, bool b, const qs_error *err)
{
	qs_php_conn_notify(zconn);
	if (st != QS_OK) {
		qs_php_throw_conn(zconn, err);
		return;
	}
	RETVAL_BOOL(b);
}

/* ================================================================ the source bridge */

void qs_php_source_keep(zval *zconn, zval *callable)
{
	qs_php_conn *conn = Z_QS_CONN_P(zconn);
	zval_ptr_dtor(&conn->source);
	ZVAL_COPY(&conn->source, callable);
}

static bool qs_h_call(zval *fn, zval *args, uint32_t n, zval *ret)
{
	bool ok = true;
	zend_try {
		if (call_user_function(NULL, NULL, fn, ret, n, args) != SUCCESS) {
			ZVAL_UNDEF(ret);
		}
	} zend_catch {
		ok = false;
	} zend_end_try();
	return ok;
}

/* Calls source(kind, offset, limit); its answer is a list of canonical
 * documents, or ['documents' => list, 'total' => n]. A document that cannot
 * be converted becomes its error text (the job counts it as an error). */
qs_status qs_php_source_cb(void *ud, const char *kind, long offset, long limit,
	json_object **docs, long *total, qs_error *e)
{
	qs_php_link *link = ud;
	zval fn, args[3], ret, *list;
	qs_status st = QS_OK;

	*docs = NULL;
	*total = -1;
	if (!link || !link->obj || Z_TYPE(qs_php_conn_from_obj(link->obj)->source) == IS_UNDEF) {
		return qs_error_set(e, QS_ECONFIG, "The history push reads a source callable: pass it again as qbo_history()'s or qbo_sync()'s option source");
	}
	ZVAL_COPY(&fn, &qs_php_conn_from_obj(link->obj)->source);
	ZVAL_STRING(&args[0], kind);
	ZVAL_LONG(&args[1], offset);
	ZVAL_LONG(&args[2], limit);
	ZVAL_UNDEF(&ret);
	if (!qs_h_call(&fn, args, 3, &ret)) {
		/* a fatal error: the engine unwinds, then the request ends with it */
		st = qs_error_set(e, QS_EINTERNAL, "The source callable ended the request with a fatal error");
		qs_php_fetch_note_bail();
	} else if (EG(exception)) {
		zend_object *ex = EG(exception);
		zval tmp, rv, *m;
		GC_ADDREF(ex);
		zend_clear_exception();
		ZVAL_OBJ(&tmp, ex);
		m = zend_read_property(ex->ce, Z_OBJ(tmp), "message", sizeof("message") - 1, 1, &rv);
		st = qs_error_set(e, QS_ESERVER, "The source callable threw %s for %s at %ld: %s; the page is read again at the next step",
			ZSTR_VAL(ex->ce->name), kind, offset, m && Z_TYPE_P(m) == IS_STRING ? Z_STRVAL_P(m) : "");
		OBJ_RELEASE(ex);
	} else if (Z_TYPE(ret) != IS_ARRAY) {
		st = qs_error_set(e, QS_ECONFIG, "The source callable returned %s for %s, not an array of documents",
			Z_TYPE(ret) == IS_UNDEF ? "nothing" : zend_zval_type_name(&ret), kind);
	} else {
		zval *d;
		list = &ret;
		if (!zend_array_is_list(Z_ARRVAL(ret))) {
			zval *t = zend_hash_str_find(Z_ARRVAL(ret), "total", sizeof("total") - 1);
			list = zend_hash_str_find(Z_ARRVAL(ret), "documents", sizeof("documents") - 1);
			if (t && Z_TYPE_P(t) == IS_LONG) {
				*total = (long)Z_LVAL_P(t);
			}
			if (!list || Z_TYPE_P(list) != IS_ARRAY) {
				st = qs_error_set(e, QS_ECONFIG, "The source callable's answer for %s is neither a list of documents nor ['documents' => list, 'total' => n]", kind);
				list = NULL;
			}
		}
		if (list) {
			*docs = json_object_new_array();
			ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(list), d) {
				qs_error de;
				json_object *j;
				qs_error_clear(&de);
				ZVAL_DEREF(d);
				j = qs_php_doc_to_json(d, kind, false, &de);
				if (EG(exception)) {
					zend_clear_exception();
				}
				json_object_array_add(*docs, j ? j : json_object_new_string(de.message[0] ? de.message : "not a document"));
			} ZEND_HASH_FOREACH_END();
		}
	}
	zval_ptr_dtor(&ret);
	zval_ptr_dtor(&args[0]);
	zval_ptr_dtor(&fn);
	return st;
}

/* ================================================================ functions */

/* qbo_history()'s options as json (source taken aside); FAILURE with an exception thrown. */
static zend_result qs_h_options(HashTable *ht, json_object *o, zval **source)
{
	zend_string *key;
	zval *val;
	*source = NULL;
	if (!ht) {
		return SUCCESS;
	}
	ZEND_HASH_FOREACH_STR_KEY_VAL_IND(ht, key, val) {
		ZVAL_DEREF(val);
		if (!key) {
			zend_argument_value_error(2, "must contain only named options (kinds, since, until, dry_run, page, source)");
			return FAILURE;
		}
		if (Z_TYPE_P(val) == IS_NULL) {
			continue;
		}
		if (zend_string_equals_literal(key, "kinds")) {
			json_object *a = json_object_new_array();
			if (Z_TYPE_P(val) == IS_STRING) {
				/* "customer,invoice" */
				char *copy = estrndup(Z_STRVAL_P(val), Z_STRLEN_P(val)), *save = NULL, *t;
				for (t = strtok_r(copy, ", ", &save); t; t = strtok_r(NULL, ", ", &save)) {
					json_object_array_add(a, json_object_new_string(t));
				}
				efree(copy);
			} else if (Z_TYPE_P(val) == IS_ARRAY) {
				zval *k;
				ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(val), k) {
					ZVAL_DEREF(k);
					if (Z_TYPE_P(k) != IS_STRING) {
						json_object_put(a);
						zend_argument_type_error(2, "option \"kinds\" must list kinds as strings, %s given", zend_zval_type_name(k));
						return FAILURE;
					}
					json_object_array_add(a, json_object_new_string_len(Z_STRVAL_P(k), (int)Z_STRLEN_P(k)));
				} ZEND_HASH_FOREACH_END();
			} else {
				json_object_put(a);
				zend_argument_type_error(2, "option \"kinds\" must be of type array|string, %s given", zend_zval_type_name(val));
				return FAILURE;
			}
			json_object_object_add(o, "kinds", a);
		} else if (zend_string_equals_literal(key, "since") || zend_string_equals_literal(key, "until")
				|| zend_string_equals_literal(key, "from") || zend_string_equals_literal(key, "to")) {
			if (Z_TYPE_P(val) != IS_STRING) {
				zend_argument_type_error(2, "option \"%s\" must be a date string (YYYY-MM-DD), %s given", ZSTR_VAL(key), zend_zval_type_name(val));
				return FAILURE;
			}
			json_object_object_add(o, ZSTR_VAL(key), json_object_new_string_len(Z_STRVAL_P(val), (int)Z_STRLEN_P(val)));
		} else if (zend_string_equals_literal(key, "dry_run")) {
			if (Z_TYPE_P(val) != IS_TRUE && Z_TYPE_P(val) != IS_FALSE) {
				zend_argument_type_error(2, "option \"dry_run\" must be of type bool, %s given", zend_zval_type_name(val));
				return FAILURE;
			}
			json_object_object_add(o, "dry_run", json_object_new_boolean(Z_TYPE_P(val) == IS_TRUE));
		} else if (zend_string_equals_literal(key, "page")) {
			if (Z_TYPE_P(val) != IS_LONG) {
				zend_argument_type_error(2, "option \"page\" must be of type int, %s given", zend_zval_type_name(val));
				return FAILURE;
			}
			json_object_object_add(o, "page", json_object_new_int64((int64_t)Z_LVAL_P(val)));
		} else if (zend_string_equals_literal(key, "source")) {
			if (!zend_is_callable(val, 0, NULL)) {
				zend_argument_type_error(2, "option \"source\" must be a callable (fn(string $kind, int $offset, int $limit): array), %s given",
					zend_zval_type_name(val));
				return FAILURE;
			}
			*source = val;
		} else {
			zend_argument_value_error(2, "contains unknown option \"%s\"", ZSTR_VAL(key));
			return FAILURE;
		}
	} ZEND_HASH_FOREACH_END();
	return SUCCESS;
}

PHP_FUNCTION(qbo_history)
{
	zval *zconn, *source = NULL;
	HashTable *options = NULL;
	json_object *jopts, *out = NULL;
	qs_engine *eng;
	qs_error err;
	qs_status st;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_OBJECT_OF_CLASS(zconn, qs_php_ce_connection)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(options)
	ZEND_PARSE_PARAMETERS_END();

	jopts = json_object_new_object();
	if (qs_h_options(options, jopts, &source) == FAILURE) {
		json_object_put(jopts);
		RETURN_THROWS();
	}
	if (json_object_object_get_ex(jopts, "from", NULL) || json_object_object_get_ex(jopts, "to", NULL)) {
		json_object_put(jopts);
		zend_argument_value_error(2, "takes since and until (from and to are qbo_reconcile()'s)");
		RETURN_THROWS();
	}
	QS_ENGINE(zconn, eng);
	if (source) {
		qs_php_source_keep(zconn, source);
	}
	qs_error_clear(&err);
	st = qs_engine_history(eng, jopts, source != NULL, &out, &err);
	json_object_put(jopts);
	qs_h_return(return_value, zconn, st, out, &err);
}

PHP_FUNCTION(qbo_history_status)
{
	zval *zconn;
	json_object *out = NULL;
	qs_engine *eng;
	qs_error err;
	qs_status st;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_OBJECT_OF_CLASS(zconn, qs_php_ce_connection)
	ZEND_PARSE_PARAMETERS_END();

	QS_ENGINE(zconn, eng);
	qs_error_clear(&err);
	st = qs_engine_history_status(eng, &out, &err);
	qs_h_return(return_value, zconn, st, out, &err);
}

/* qbo_history_cancel, qbo_unlock, qbo_cancel: one connection in, the
 * engine's "did something" flag out as bool. */
static void qs_h_bool_call(INTERNAL_FUNCTION_PARAMETERS, qs_status (*call)(qs_engine *, bool *, qs_error *))
{
	zval *zconn;
	qs_engine *eng;
	qs_error err;
	qs_status st;
	bool done = false;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_OBJECT_OF_CLASS(zconn, qs_php_ce_connection)
	ZEND_PARSE_PARAMETERS_END();

	QS_ENGINE(zconn, eng);
	qs_error_clear(&err);
	st = call(eng, &done, &err);
	qs_h_return_bool(return_value, zconn, st, done, &err);
}

PHP_FUNCTION(qbo_history_cancel)
{
	qs_h_bool_call(INTERNAL_FUNCTION_PARAM_PASSTHRU, qs_engine_history_cancel);
}

PHP_FUNCTION(qbo_unlock)
{
	qs_h_bool_call(INTERNAL_FUNCTION_PARAM_PASSTHRU, qs_engine_unlock);
}

PHP_FUNCTION(qbo_cancel)
{
	qs_h_bool_call(INTERNAL_FUNCTION_PARAM_PASSTHRU, qs_engine_cancel);
}

PHP_FUNCTION(qbo_reconcile)
{
	zval *zconn, *source = NULL;
	HashTable *options = NULL;
	json_object *jopts, *out = NULL;
	qs_engine *eng;
	qs_error err;
	qs_status st;

	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_OBJECT_OF_CLASS(zconn, qs_php_ce_connection)
		Z_PARAM_ARRAY_HT(options)
	ZEND_PARSE_PARAMETERS_END();

	jopts = json_object_new_object();
	if (qs_h_options(options, jopts, &source) == FAILURE) {
		json_object_put(jopts);
		RETURN_THROWS();
	}
	if (json_object_object_get_ex(jopts, "since", NULL) || json_object_object_get_ex(jopts, "until", NULL)
			|| json_object_object_get_ex(jopts, "dry_run", NULL) || json_object_object_get_ex(jopts, "page", NULL)) {
		json_object_put(jopts);
		zend_argument_value_error(2, "takes from, to, kinds and source");
		RETURN_THROWS();
	}
	QS_ENGINE(zconn, eng);
	if (source) {
		qs_php_source_keep(zconn, source);
	}
	qs_error_clear(&err);
	qs_php_conn_set_busy(zconn, true);
	qs_php_fetch_set(zconn, eng);
	st = qs_engine_reconcile(eng, jopts, source != NULL, &out, &err);
	qs_php_fetch_clear(zconn, eng);
	qs_php_conn_set_busy(zconn, false);
	json_object_put(jopts);
	if (qs_php_fetch_bailed()) {
		if (out) {
			json_object_put(out);
		}
		zend_bailout();
	}
	qs_h_return(return_value, zconn, st, out, &err);
}
