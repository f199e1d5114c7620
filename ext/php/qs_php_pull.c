/* qs_php_pull.c: the functions that bring QBO back to the billing side:
 * qbo_pull, qbo_webhook, qbo_events, qbo_reference. Each converts its
 * arguments, calls the engine (qs_engine_pull.c, qs_engine_webhook.c) and
 * converts the answer back. */
#include "qs_php.h"
#include "zend_exceptions.h"
#include "ext/standard/php_string.h"

typedef struct qs_pull_ctx {
	zend_fcall_info fci;
	zend_fcall_info_cache fcc;
	bool has_cb;
	bool bailed;
} qs_pull_ctx;

/* One canonical document to the callback; false stops the pull (the callable
 * threw, or a fatal error inside it, re-raised once the engine returned). */
static bool qs_pull_call(void *ud, const char *kind, json_object *doc)
{
	qs_pull_ctx *ctx = ud;
	zval args[2], ret;
	volatile bool go = true;

	if (ctx->bailed || EG(exception)) {
		return false;
	}
	ZVAL_STRING(&args[0], kind);
	qs_php_from_json(doc, &args[1]);
	ZVAL_UNDEF(&ret);
	ctx->fci.retval = &ret;
	ctx->fci.params = args;
	ctx->fci.param_count = 2;
	zend_try {
		if (zend_call_function(&ctx->fci, &ctx->fcc) == FAILURE) {
			go = false;
		}
	} zend_catch {
		ctx->bailed = true;
		go = false;
	} zend_end_try();
	if (EG(exception)) {
		go = false;
	}
	if (!ctx->bailed) {
		zval_ptr_dtor(&ret);
	}
	zval_ptr_dtor(&args[0]);
	zval_ptr_dtor(&args[1]);
	return go;
}

static const char *const qs_pull_kind_names[QS_PULL_NKINDS] = {QS_PULL_KINDS};

static zend_result qs_pull_kind(zend_string *name, qs_pull_opts *o)
{
	int k;
	for (k = 0; k < QS_PULL_NKINDS; k++) {
		if (zend_string_equals_cstr(name, qs_pull_kind_names[k], strlen(qs_pull_kind_names[k]))) {
			o->kinds[k] = true;
			return SUCCESS;
		}
	}
	zend_argument_value_error(2, "option \"kinds\" contains unknown kind \"%s\" (use customer, item, invoice, payment)", ZSTR_VAL(name));
	return FAILURE;
}

static zend_result qs_pull_options(HashTable *ht, qs_pull_opts *o, qs_pull_ctx *ctx)
{
	zend_string *key;
	zval *val;

	o->link = true;
	if (!ht) {
		return SUCCESS;
	}
	ZEND_HASH_FOREACH_STR_KEY_VAL_IND(ht, key, val) {
		if (!key) {
			zend_argument_value_error(2, "must contain only named options (kinds, since, full, link, callback)");
			return FAILURE;
		}
		ZVAL_DEREF(val);
		if (zend_string_equals_literal(key, "kinds")) {
			if (Z_TYPE_P(val) == IS_STRING) {
				/* "customer,invoice" as the CLI gives it */
				char *copy = estrndup(Z_STRVAL_P(val), Z_STRLEN_P(val)), *save = NULL, *tok;
				for (tok = php_strtok_r(copy, ", ", &save); tok; tok = php_strtok_r(NULL, ", ", &save)) {
					zend_string *s = zend_string_init(tok, strlen(tok), 0);
					zend_result ok = qs_pull_kind(s, o);
					zend_string_release(s);
					if (ok == FAILURE) {
						efree(copy);
						return FAILURE;
					}
				}
				efree(copy);
			} else if (Z_TYPE_P(val) == IS_ARRAY) {
				zval *k;
				ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(val), k) {
					ZVAL_DEREF(k);
					if (Z_TYPE_P(k) != IS_STRING) {
						zend_argument_type_error(2, "option \"kinds\" must be a list of strings, %s found", zend_zval_type_name(k));
						return FAILURE;
					}
					if (qs_pull_kind(Z_STR_P(k), o) == FAILURE) {
						return FAILURE;
					}
				} ZEND_HASH_FOREACH_END();
			} else {
				zend_argument_type_error(2, "option \"kinds\" must be of type array, %s given", zend_zval_type_name(val));
				return FAILURE;
			}
		} else if (zend_string_equals_literal(key, "since")) {
			if (Z_TYPE_P(val) == IS_NULL) {
				continue;
			}
			if (Z_TYPE_P(val) != IS_STRING) {
				zend_argument_type_error(2, "option \"since\" must be of type ?string, %s given", zend_zval_type_name(val));
				return FAILURE;
			}
			o->since = Z_STRVAL_P(val);
		} else if (zend_string_equals_literal(key, "full") || zend_string_equals_literal(key, "link")) {
			if (Z_TYPE_P(val) != IS_TRUE && Z_TYPE_P(val) != IS_FALSE) {
				zend_argument_type_error(2, "option \"%s\" must be of type bool, %s given", ZSTR_VAL(key), zend_zval_type_name(val));
				return FAILURE;
			}
			if (zend_string_equals_literal(key, "full")) {
				o->full = Z_TYPE_P(val) == IS_TRUE;
			} else {
				o->link = Z_TYPE_P(val) == IS_TRUE;
			}
		} else if (zend_string_equals_literal(key, "callback")) {
			if (Z_TYPE_P(val) == IS_NULL) {
				continue;
			}
			if (zend_fcall_info_init(val, 0, &ctx->fci, &ctx->fcc, NULL, NULL) != SUCCESS) {
				zend_argument_type_error(2, "option \"callback\" must be a callable(string $kind, array $doc), %s given",
					zend_zval_type_name(val));
				return FAILURE;
			}
			ctx->has_cb = true;
		} else {
			zend_argument_value_error(2, "contains unknown option \"%s\" (use kinds, since, full, link, callback)", ZSTR_VAL(key));
			return FAILURE;
		}
	} ZEND_HASH_FOREACH_END();
	return SUCCESS;
}

PHP_FUNCTION(qbo_pull)
{
	zval *zconn;
	HashTable *options = NULL;
	qs_pull_opts o;
	qs_pull_ctx ctx;
	json_object *out = NULL;
	qs_engine *eng;
	qs_error err;
	qs_status st;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_OBJECT_OF_CLASS(zconn, qs_php_ce_connection)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(options)
	ZEND_PARSE_PARAMETERS_END();

	memset(&o, 0, sizeof(o));
	memset(&ctx, 0, sizeof(ctx));
	if (qs_pull_options(options, &o, &ctx) == FAILURE) {
		RETURN_THROWS();
	}
	QS_ENGINE(zconn, eng);
	if (ctx.has_cb) {
		o.cb = qs_pull_call;
		o.ud = &ctx;
		Z_TRY_ADDREF(ctx.fci.function_name);
		if (ctx.fcc.object) {
			GC_ADDREF(ctx.fcc.object);
		}
	}
	qs_error_clear(&err);
	qs_php_conn_set_busy(zconn, true);
	st = qs_engine_pull(eng, &o, &out, &err);
	qs_php_conn_set_busy(zconn, false);
	if (ctx.bailed) {
		if (out) {
			json_object_put(out);
		}
		zend_bailout();
	}
	if (ctx.has_cb) {
		zval_ptr_dtor(&ctx.fci.function_name);
		if (ctx.fcc.object) {
			OBJ_RELEASE(ctx.fcc.object);
		}
	}
	if (EG(exception)) {
		if (out) {
			json_object_put(out);
		}
		RETURN_THROWS();
	}
	qs_php_return_result(return_value, zconn, st, out, &err);
}

PHP_FUNCTION(qbo_webhook)
{
	zval *zconn;
	zend_string *body, *sig;
	json_object *out = NULL;
	qs_engine *eng;
	qs_error err;
	qs_status st;

	ZEND_PARSE_PARAMETERS_START(3, 3)
		Z_PARAM_OBJECT_OF_CLASS(zconn, qs_php_ce_connection)
		Z_PARAM_STR(body)
		Z_PARAM_STR(sig)
	ZEND_PARSE_PARAMETERS_END();

	QS_ENGINE(zconn, eng);
	qs_error_clear(&err);
	st = qs_engine_webhook(eng, ZSTR_VAL(body), ZSTR_LEN(body), ZSTR_VAL(sig), &out, &err);
	qs_php_return_result(return_value, zconn, st, out, &err);
}

PHP_FUNCTION(qbo_events)
{
	zval *zconn, *val;
	HashTable *filter = NULL;
	json_object *jf = NULL, *out = NULL;
	zend_string *key;
	qs_engine *eng;
	qs_error err;
	qs_status st;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_OBJECT_OF_CLASS(zconn, qs_php_ce_connection)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(filter)
	ZEND_PARSE_PARAMETERS_END();

	jf = json_object_new_object();
	if (filter) {
		ZEND_HASH_FOREACH_STR_KEY_VAL_IND(filter, key, val) {
			ZVAL_DEREF(val);
			if (key && (zend_string_equals_literal(key, "since_id") || zend_string_equals_literal(key, "limit"))) {
				if (Z_TYPE_P(val) != IS_LONG) {
					json_object_put(jf);
					zend_argument_type_error(2, "filter \"%s\" must be of type int, %s given", ZSTR_VAL(key), zend_zval_type_name(val));
					RETURN_THROWS();
				}
				json_object_object_add(jf, ZSTR_VAL(key), json_object_new_int64((int64_t)Z_LVAL_P(val)));
			} else if (key && zend_string_equals_literal(key, "entity")) {
				if (Z_TYPE_P(val) != IS_STRING) {
					json_object_put(jf);
					zend_argument_type_error(2, "filter \"entity\" must be of type string, %s given", zend_zval_type_name(val));
					RETURN_THROWS();
				}
				json_object_object_add(jf, "entity", json_object_new_string_len(Z_STRVAL_P(val), (int)Z_STRLEN_P(val)));
			} else {
				json_object_put(jf);
				zend_argument_value_error(2, "contains unknown filter \"%s\" (use since_id, limit or entity)", key ? ZSTR_VAL(key) : "(index)");
				RETURN_THROWS();
			}
		} ZEND_HASH_FOREACH_END();
	}
	QS_ENGINE(zconn, eng);
	qs_error_clear(&err);
	st = qs_engine_events(eng, jf, &out, &err);
	json_object_put(jf);
	qs_php_return_result(return_value, zconn, st, out, &err);
}

PHP_FUNCTION(qbo_reference)
{
	zval *zconn, *val;
	zend_string *type, *key;
	HashTable *options = NULL;
	json_object *jo = NULL, *out = NULL;
	qs_engine *eng;
	qs_error err;
	qs_status st;

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_OBJECT_OF_CLASS(zconn, qs_php_ce_connection)
		Z_PARAM_STR(type)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(options)
	ZEND_PARSE_PARAMETERS_END();

	jo = json_object_new_object();
	if (options) {
		ZEND_HASH_FOREACH_STR_KEY_VAL_IND(options, key, val) {
			ZVAL_DEREF(val);
			if (!key) {
				json_object_put(jo);
				zend_argument_value_error(3, "must contain only named options (refresh, account_type, search, limit)");
				RETURN_THROWS();
			}
			if (zend_string_equals_literal(key, "refresh")) {
				if (Z_TYPE_P(val) != IS_TRUE && Z_TYPE_P(val) != IS_FALSE) {
					json_object_put(jo);
					zend_argument_type_error(3, "option \"refresh\" must be of type bool, %s given", zend_zval_type_name(val));
					RETURN_THROWS();
				}
				json_object_object_add(jo, "refresh", json_object_new_boolean(Z_TYPE_P(val) == IS_TRUE));
			} else if (zend_string_equals_literal(key, "limit")) {
				if (Z_TYPE_P(val) != IS_LONG || Z_LVAL_P(val) < 1) {
					json_object_put(jo);
					zend_argument_value_error(3, "option \"limit\" must be a positive int");
					RETURN_THROWS();
				}
				json_object_object_add(jo, "limit", json_object_new_int64((int64_t)Z_LVAL_P(val)));
			} else {
				if (Z_TYPE_P(val) != IS_STRING) {
					json_object_put(jo);
					zend_argument_type_error(3, "option \"%s\" must be of type string, %s given", ZSTR_VAL(key), zend_zval_type_name(val));
					RETURN_THROWS();
				}
				json_object_object_add(jo, ZSTR_VAL(key), json_object_new_string_len(Z_STRVAL_P(val), (int)Z_STRLEN_P(val)));
			}
		} ZEND_HASH_FOREACH_END();
	}
	QS_ENGINE(zconn, eng);
	qs_error_clear(&err);
	st = qs_engine_reference(eng, ZSTR_VAL(type), jo, &out, &err);
	json_object_put(jo);
	qs_php_return_result(return_value, zconn, st, out, &err);
}
