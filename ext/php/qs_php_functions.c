/* qs_php_functions.c: the qbo_* functions other than qbo_connect: each one
 * converts its arguments, calls the engine and converts the result back, or
 * throws the exception that fits the engine's error. No sync logic here. */
#include "qs_php.h"
#include "zend_exceptions.h"
#include "ext/date/php_date.h"

/* Puts j (an array or object) into return_value as a PHP array and releases it. */
static void qs_return_json(zval *return_value, json_object *j)
{
	json_type t = json_object_get_type(j);
	if (j && (t == json_type_object || t == json_type_array)) {
		qs_php_from_json(j, return_value);
	} else {
		array_init(return_value);
	}
	if (j) {
		json_object_put(j);
	}
}

/* Ends a function that returns the engine's answer: when st is QS_OK, out
 * (released here) becomes the returned array; otherwise out is released and
 * the exception that fits err is thrown. */
static void qs_return_result(zval *return_value, zval *zconn, qs_status st, json_object *out, const qs_error *err)
{
	qs_php_conn_notify(zconn);
	if (st != QS_OK) {
		if (out) {
			json_object_put(out);
		}
		qs_php_throw_conn(zconn, err);
		ZEND_ASSERT(EG(exception));
		return;
	}
	qs_return_json(return_value, out);
}

/* qs_return_result for the other binding files (qs_php.h). */
void qs_php_return_result(zval *return_value, zval *zconn, qs_status st, json_object *out, const qs_error *err)
{
	qs_return_result(return_value, zconn, st, out, err);
}

/* An optional array of named values as a json object; NULL when empty. */
static zend_result qs_named_array(HashTable *ht, uint32_t arg_num, const char *example, json_object **out)
{
	zval tmp;

	*out = NULL;
	if (!ht || zend_hash_num_elements(ht) == 0) {
		return SUCCESS;
	}
	if (zend_array_is_list(ht)) {
		zend_argument_value_error(arg_num, "must be an array of named values (%s), a list given", example);
		return FAILURE;
	}
	ZVAL_ARR(&tmp, ht);
	*out = qs_php_to_json(&tmp, arg_num);
	return *out ? SUCCESS : FAILURE;
}

PHP_FUNCTION(qbo_oauth_url)
{
	zval *zconn;
	zend_string *scope = NULL;
	qs_engine *eng;
	qs_error err;
	char *url = NULL;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_OBJECT_OF_CLASS(zconn, qs_php_ce_connection)
		Z_PARAM_OPTIONAL
		Z_PARAM_PATH_STR_OR_NULL(scope)
	ZEND_PARSE_PARAMETERS_END();

	if (scope && ZSTR_LEN(scope) == 0) {
		zend_argument_value_error(2, "must not be empty (null asks for the accounting scope)");
		RETURN_THROWS();
	}
	QS_ENGINE(zconn, eng);
	qs_error_clear(&err);
	if (qs_engine_oauth_url(eng, scope ? ZSTR_VAL(scope) : NULL, &url, &err) != QS_OK) {
		free(url);
		qs_php_throw_conn(zconn, &err);
		RETURN_THROWS();
	}
	RETVAL_STRING(url ? url : "");
	free(url);
}

PHP_FUNCTION(qbo_oauth_exchange)
{
	zval *zconn;
	zend_string *code, *state, *realm;
	qs_engine *eng;
	qs_error err;
	qs_status st;
	json_object *out = NULL;

	ZEND_PARSE_PARAMETERS_START(4, 4)
		Z_PARAM_OBJECT_OF_CLASS(zconn, qs_php_ce_connection)
		Z_PARAM_PATH_STR(code)
		Z_PARAM_PATH_STR(state)
		Z_PARAM_PATH_STR(realm)
	ZEND_PARSE_PARAMETERS_END();

	if (ZSTR_LEN(code) == 0) {
		zend_argument_value_error(2, "must not be empty (pass the redirect's code parameter)");
		RETURN_THROWS();
	}
	if (ZSTR_LEN(state) == 0) {
		zend_argument_value_error(3, "must not be empty (pass the redirect's state parameter)");
		RETURN_THROWS();
	}
	if (ZSTR_LEN(realm) == 0) {
		zend_argument_value_error(4, "must not be empty (pass the redirect's realmId parameter)");
		RETURN_THROWS();
	}
	QS_ENGINE(zconn, eng);
	qs_error_clear(&err);
	if (qs_engine_oauth_exchange(eng, ZSTR_VAL(code), ZSTR_VAL(state), ZSTR_VAL(realm), &err) != QS_OK) {
		qs_php_throw_conn(zconn, &err);
		RETURN_THROWS();
	}
	st = qs_engine_status(eng, &out, &err);
	qs_return_result(return_value, zconn, st, out, &err);
}

PHP_FUNCTION(qbo_disconnect)
{
	zval *zconn;
	bool revoke = true;
	qs_engine *eng;
	qs_error err;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_OBJECT_OF_CLASS(zconn, qs_php_ce_connection)
		Z_PARAM_OPTIONAL
		Z_PARAM_BOOL(revoke)
	ZEND_PARSE_PARAMETERS_END();

	QS_ENGINE(zconn, eng);
	qs_error_clear(&err);
	if (qs_engine_disconnect(eng, revoke, &err) != QS_OK) {
		qs_php_throw_conn(zconn, &err);
		RETURN_THROWS();
	}
}

PHP_FUNCTION(qbo_map)
{
	zval *zconn;
	zend_string *kind, *local_id, *qbo_id;
	HashTable *extra = NULL;
	json_object *jextra = NULL, *out = NULL;
	qs_engine *eng;
	qs_error err;
	qs_status st;

	ZEND_PARSE_PARAMETERS_START(4, 5)
		Z_PARAM_OBJECT_OF_CLASS(zconn, qs_php_ce_connection)
		Z_PARAM_PATH_STR(kind)
		Z_PARAM_PATH_STR(local_id)
		Z_PARAM_PATH_STR(qbo_id)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(extra)
	ZEND_PARSE_PARAMETERS_END();

	QS_ENGINE(zconn, eng);
	if (qs_named_array(extra, 5, "[\"purpose\" => \"income\"]", &jextra) == FAILURE) {
		RETURN_THROWS();
	}
	qs_error_clear(&err);
	st = qs_engine_map(eng, ZSTR_VAL(kind), ZSTR_VAL(local_id), ZSTR_VAL(qbo_id), jextra, &out, &err);
	if (jextra) {
		json_object_put(jextra);
	}
	qs_return_result(return_value, zconn, st, out, &err);
}

PHP_FUNCTION(qbo_mappings)
{
	zval *zconn;
	zend_string *kind = NULL, *local_id = NULL;
	json_object *out = NULL;
	qs_engine *eng;
	qs_error err;
	qs_status st;

	ZEND_PARSE_PARAMETERS_START(1, 3)
		Z_PARAM_OBJECT_OF_CLASS(zconn, qs_php_ce_connection)
		Z_PARAM_OPTIONAL
		Z_PARAM_PATH_STR_OR_NULL(kind)
		Z_PARAM_PATH_STR_OR_NULL(local_id)
	ZEND_PARSE_PARAMETERS_END();

	QS_ENGINE(zconn, eng);
	qs_error_clear(&err);
	st = local_id ? qs_engine_mapping_of(eng, kind ? ZSTR_VAL(kind) : NULL, ZSTR_VAL(local_id), &out, &err)
		: qs_engine_mappings(eng, kind ? ZSTR_VAL(kind) : NULL, &out, &err);
	qs_return_result(return_value, zconn, st, out, &err);
}

PHP_FUNCTION(qbo_unmap)
{
	zval *zconn;
	zend_string *kind, *local_id;
	qs_engine *eng;
	qs_error err;
	bool removed = false;

	ZEND_PARSE_PARAMETERS_START(3, 3)
		Z_PARAM_OBJECT_OF_CLASS(zconn, qs_php_ce_connection)
		Z_PARAM_PATH_STR(kind)
		Z_PARAM_PATH_STR(local_id)
	ZEND_PARSE_PARAMETERS_END();

	QS_ENGINE(zconn, eng);
	qs_error_clear(&err);
	if (qs_engine_unmap(eng, ZSTR_VAL(kind), ZSTR_VAL(local_id), &removed, &err) != QS_OK) {
		qs_php_throw_conn(zconn, &err);
		RETURN_THROWS();
	}
	RETURN_BOOL(removed);
}

PHP_FUNCTION(qbo_push)
{
	zval *zconn, *zdoc;
	zend_string *kind;
	zend_long flags = 0;
	json_object *doc, *state = NULL;
	qs_engine *eng;
	qs_error err;
	qs_status st;
	qs_state_view view;

	ZEND_PARSE_PARAMETERS_START(3, 4)
		Z_PARAM_OBJECT_OF_CLASS(zconn, qs_php_ce_connection)
		Z_PARAM_PATH_STR(kind)
		Z_PARAM_ARRAY(zdoc)
		Z_PARAM_OPTIONAL
		Z_PARAM_LONG(flags)
	ZEND_PARSE_PARAMETERS_END();

	if (flags & ~(zend_long)(QS_PUSH_QUEUE_ONLY | QS_PUSH_FORCE)) {
		zend_argument_value_error(4, "must be 0 or a combination of QBO_QUEUE_ONLY and QBO_FORCE");
		RETURN_THROWS();
	}
	QS_ENGINE(zconn, eng);
	qs_error_clear(&err);
	if (zend_hash_num_elements(Z_ARRVAL_P(zdoc)) == 0) {
		doc = json_object_new_object(); /* the core names the missing fields */
	} else {
		/* a list becomes a JSON list, which the core refuses as not a document;
		 * what cannot become JSON is a ValidationException naming the field */
		/* freed below, while zdoc still holds the keys the tree borrows */
		doc = qs_php_doc_to_json(zdoc, ZSTR_VAL(kind), true, &err);
		if (!doc) {
			qs_php_throw(&err);
			RETURN_THROWS();
		}
	}
	st = qs_engine_push_view(eng, ZSTR_VAL(kind), doc, (int)flags, &state, &view, &err);
	json_object_put(doc);
	if (st == QS_OK && view.n) {
		/* the state as recorded: the array built from its fields directly */
		qs_php_conn_notify(zconn);
		qs_php_state_view(&view, return_value);
		return;
	}
	/* QS_EAPI / QS_EAUTH come with the entity's state: it is recorded in
	 * the store (qbo_entities() shows it); the exception carries the why */
	qs_return_result(return_value, zconn, st, state, &err);
}

/* ---- qbo_sync and its progress callable ---- */

typedef struct qs_sync_ctx {
	qs_sync_opts opts;
	zend_fcall_info fci;
	zend_fcall_info_cache fcc;
	bool has_progress;
	bool bailed;   /* a fatal error inside the callable: re-raised after the engine returned */
	zval *source;  /* option source: the history push's source callable, or NULL */
} qs_sync_ctx;

/* Calls the progress callable; a fatal error (bailout) is caught here so that
 * the longjmp never crosses the engine's C frames (locks, transactions); it is
 * re-raised once qs_engine_sync() has returned. */
static void qs_sync_call(qs_sync_ctx *ctx)
{
	zend_try {
		if (zend_call_function(&ctx->fci, &ctx->fcc) == FAILURE) {
			ctx->opts.cancel = true;
		}
	} zend_catch {
		ctx->bailed = true;
		ctx->opts.cancel = true;
	} zend_end_try();
}

static void qs_sync_progress(void *ud, long done, long total, const char *kind,
	const char *local_id, const char *state)
{
	qs_sync_ctx *ctx = ud;
	zval args[5], ret;

	if (!ctx->has_progress || ctx->opts.cancel || ctx->bailed) {
		return;
	}
	if (EG(exception)) {
		ctx->opts.cancel = true;
		return;
	}
	ZVAL_LONG(&args[0], (zend_long)done);
	ZVAL_LONG(&args[1], (zend_long)total);
	ZVAL_STRING(&args[2], kind ? kind : "");
	ZVAL_STRING(&args[3], local_id ? local_id : "");
	ZVAL_STRING(&args[4], state ? state : "");
	ZVAL_UNDEF(&ret);
	ctx->fci.retval = &ret;
	ctx->fci.params = args;
	ctx->fci.param_count = 5;
	qs_sync_call(ctx);
	if (EG(exception)) {
		/* the callable threw: stop the sync; the exception reaches the
		 * caller of qbo_sync() */
		ctx->opts.cancel = true;
	}
	if (!ctx->bailed) {
		zval_ptr_dtor(&ret);
	}
	zval_ptr_dtor(&args[2]);
	zval_ptr_dtor(&args[3]);
	zval_ptr_dtor(&args[4]);
}


/* A qbo_sync() option in seconds (int or float, >= 0, finite) into *d; what
 * says what the value must be in the error. */
static zend_result qs_sync_seconds(zval *val, const char *name, const char *what, double *d)
{
	if (Z_TYPE_P(val) == IS_LONG) {
		*d = (double)Z_LVAL_P(val);
	} else if (Z_TYPE_P(val) == IS_DOUBLE) {
		*d = Z_DVAL_P(val);
	} else {
		zend_argument_type_error(2, "option \"%s\" must be of type int|float, %s given", name, zend_zval_type_name(val));
		return FAILURE;
	}
	if (!(*d >= 0) || !zend_finite(*d)) {
		zend_argument_value_error(2, "option \"%s\" must be %s", name, what);
		return FAILURE;
	}
	return SUCCESS;
}

static zend_result qs_sync_options(HashTable *ht, qs_sync_ctx *ctx)
{
	zend_string *key;
	zval *val;

	if (!ht) {
		return SUCCESS;
	}
	ZEND_HASH_FOREACH_STR_KEY_VAL_IND(ht, key, val) {
		if (!key) {
			zend_argument_value_error(2, "must contain only named options (limit, time_budget, progress)");
			return FAILURE;
		}
		ZVAL_DEREF(val);
		if (zend_string_equals_literal(key, "limit")) {
			if (Z_TYPE_P(val) == IS_NULL) {
				continue;
			}
			if (Z_TYPE_P(val) != IS_LONG) {
				zend_argument_type_error(2, "option \"limit\" must be of type int, %s given", zend_zval_type_name(val));
				return FAILURE;
			}
			if (Z_LVAL_P(val) < 0) {
				zend_argument_value_error(2, "option \"limit\" must be greater than or equal to 0");
				return FAILURE;
			}
			ctx->opts.limit = (long)Z_LVAL_P(val);
		} else if (zend_string_equals_literal(key, "time_budget")) {
			double d;
			if (Z_TYPE_P(val) == IS_NULL) {
				continue;
			}
			if (qs_sync_seconds(val, "time_budget", "a number of seconds greater than or equal to 0", &d) != SUCCESS) {
				return FAILURE;
			}
			ctx->opts.time_budget = d;
		} else if (zend_string_equals_literal(key, "rate_window")) {
			double d;
			if (Z_TYPE_P(val) == IS_NULL) {
				continue;
			}
			if (qs_sync_seconds(val, "rate_window", "the seconds of QuickBooks' limit minute (60), or 0 for no pacing", &d) != SUCCESS) {
				return FAILURE;
			}
			ctx->opts.rate_window = d > 0 ? d : -1;
		} else if (zend_string_equals_literal(key, "batch_size")) {
			if (Z_TYPE_P(val) == IS_NULL) {
				continue;
			}
			if (Z_TYPE_P(val) != IS_LONG) {
				zend_argument_type_error(2, "option \"batch_size\" must be of type int, %s given", zend_zval_type_name(val));
				return FAILURE;
			}
			if (Z_LVAL_P(val) < 1 || Z_LVAL_P(val) > QS_SYNC_BATCH_MAX) {
				zend_argument_value_error(2, "option \"batch_size\" must be between 1 (one record per request) and %d (operations per QuickBooks batch request)", QS_SYNC_BATCH_MAX);
				return FAILURE;
			}
			ctx->opts.batch = (long)Z_LVAL_P(val);
		} else if (zend_string_equals_literal(key, "max_in_flight")) {
			if (Z_TYPE_P(val) == IS_NULL) {
				continue;
			}
			if (Z_TYPE_P(val) != IS_LONG) {
				zend_argument_type_error(2, "option \"max_in_flight\" must be of type int, %s given", zend_zval_type_name(val));
				return FAILURE;
			}
			if (Z_LVAL_P(val) < 1 || Z_LVAL_P(val) > QS_SYNC_IN_FLIGHT_MAX) {
				zend_argument_value_error(2, "option \"max_in_flight\" must be between 1 and %d (QuickBooks' requests in flight per company)", QS_SYNC_IN_FLIGHT_MAX);
				return FAILURE;
			}
			ctx->opts.max_in_flight = (long)Z_LVAL_P(val);
		} else if (zend_string_equals_literal(key, "progress")) {
			char *error = NULL;
			if (Z_TYPE_P(val) == IS_NULL) {
				continue;
			}
			if (zend_fcall_info_init(val, 0, &ctx->fci, &ctx->fcc, NULL, &error) == FAILURE) {
				zend_argument_type_error(2, "option \"progress\" must be a valid callback%s%s",
					error ? ", " : "", error ? error : "");
				if (error) {
					efree(error);
				}
				return FAILURE;
			}
			if (error) {
				efree(error);
			}
			ctx->has_progress = true;
		} else if (zend_string_equals_literal(key, "keep_lock")) {
			if (Z_TYPE_P(val) != IS_TRUE && Z_TYPE_P(val) != IS_FALSE) {
				zend_argument_type_error(2, "option \"keep_lock\" must be of type bool, %s given", zend_zval_type_name(val));
				return FAILURE;
			}
			ctx->opts.keep_lock = Z_TYPE_P(val) == IS_TRUE;
		} else if (zend_string_equals_literal(key, "source")) {
			if (Z_TYPE_P(val) == IS_NULL) {
				continue;
			}
			if (!zend_is_callable(val, 0, NULL)) {
				zend_argument_type_error(2, "option \"source\" must be a callable (fn(string $kind, int $offset, int $limit): array), %s given",
					zend_zval_type_name(val));
				return FAILURE;
			}
			ctx->source = val;
		} else {
			zend_argument_value_error(2, "contains unknown option \"%s\"", ZSTR_VAL(key));
			return FAILURE;
		}
	} ZEND_HASH_FOREACH_END();
	return SUCCESS;
}

PHP_FUNCTION(qbo_sync)
{
	zval *zconn;
	HashTable *options = NULL;
	qs_sync_ctx ctx;
	json_object *result = NULL;
	qs_engine *eng;
	qs_error err;
	qs_status st;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_OBJECT_OF_CLASS(zconn, qs_php_ce_connection)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(options)
	ZEND_PARSE_PARAMETERS_END();

	memset(&ctx, 0, sizeof(ctx));
	if (qs_sync_options(options, &ctx) == FAILURE) {
		RETURN_THROWS();
	}
	QS_ENGINE(zconn, eng);
	if (ctx.source) {
		qs_php_source_keep(zconn, ctx.source);
	}
	ctx.opts.progress = ctx.has_progress ? qs_sync_progress : NULL;
	ctx.opts.ud = &ctx;
	ctx.opts.cancel = false;
	if (ctx.has_progress) {
		/* keep the callable alive even if it drops its last reference */
		Z_TRY_ADDREF(ctx.fci.function_name);
		if (ctx.fcc.object) {
			GC_ADDREF(ctx.fcc.object);
		}
	}

	qs_error_clear(&err);
	qs_php_conn_set_busy(zconn, true);
	qs_php_fetch_set(zconn, eng);
	st = qs_engine_sync(eng, &ctx.opts, &result, &err);
	qs_php_fetch_clear(zconn, eng);
	qs_php_conn_set_busy(zconn, false);
	if (qs_php_fetch_bailed()) {
		ctx.bailed = true;
	}

	if (ctx.bailed) {
		/* a fatal error in the callable: the engine has unwound cleanly, now
		 * PHP goes on with the fatal (request memory is reclaimed at its end) */
		if (result) {
			json_object_put(result);
		}
		zend_bailout();
	}
	if (ctx.has_progress) {
		zval_ptr_dtor(&ctx.fci.function_name);
		if (ctx.fcc.object) {
			OBJ_RELEASE(ctx.fcc.object);
		}
	}
	if (EG(exception)) {
		/* the progress callable threw: the sync stopped, its exception wins */
		if (result) {
			json_object_put(result);
		}
		RETURN_THROWS();
	}
	qs_return_result(return_value, zconn, st, result, &err);
}

PHP_FUNCTION(qbo_status)
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
	st = qs_engine_status(eng, &out, &err);
	qs_return_result(return_value, zconn, st, out, &err);
}

PHP_FUNCTION(qbo_entities)
{
	zval *zconn;
	HashTable *filter = NULL;
	json_object *jfilter = NULL, *out = NULL;
	qs_engine *eng;
	qs_error err;
	qs_status st;
	zend_string *key;
	zval *val;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_OBJECT_OF_CLASS(zconn, qs_php_ce_connection)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(filter)
	ZEND_PARSE_PARAMETERS_END();

	if (filter) {
		ZEND_HASH_FOREACH_STR_KEY_VAL_IND(filter, key, val) {
			if (!key) {
				zend_argument_value_error(2, "must contain only named filters (kind, state, id, limit, offset, with_total)");
				RETURN_THROWS();
			}
			ZVAL_DEREF(val);
			if (zend_string_equals_literal(key, "limit") || zend_string_equals_literal(key, "offset")) {
				if (Z_TYPE_P(val) != IS_LONG) {
					zend_argument_type_error(2, "filter \"%s\" must be of type int, %s given", ZSTR_VAL(key), zend_zval_type_name(val));
					RETURN_THROWS();
				}
				if (zend_string_equals_literal(key, "limit") ? (Z_LVAL_P(val) < 1 || Z_LVAL_P(val) > 10000) : Z_LVAL_P(val) < 0) {
					zend_argument_value_error(2, zend_string_equals_literal(key, "limit")
						? "filter \"limit\" must be between 1 and 10000" : "filter \"offset\" must be 0 or more");
					RETURN_THROWS();
				}
				continue;
			}
			if (zend_string_equals_literal(key, "with_total")) {
				if (Z_TYPE_P(val) != IS_TRUE && Z_TYPE_P(val) != IS_FALSE) {
					zend_argument_type_error(2, "filter \"with_total\" must be of type bool, %s given", zend_zval_type_name(val));
					RETURN_THROWS();
				}
				continue;
			}
			if (!(zend_string_equals_literal(key, "kind") || zend_string_equals_literal(key, "state")
				|| zend_string_equals_literal(key, "id"))) {
				zend_argument_value_error(2, "contains unknown filter \"%s\" (use kind, state, id, limit, offset or with_total)", ZSTR_VAL(key));
				RETURN_THROWS();
			}
			if (Z_TYPE_P(val) != IS_STRING && !(Z_TYPE_P(val) == IS_LONG && zend_string_equals_literal(key, "id"))) {
				zend_argument_type_error(2, "filter \"%s\" must be of type string, %s given",
					ZSTR_VAL(key), zend_zval_type_name(val));
				RETURN_THROWS();
			}
		} ZEND_HASH_FOREACH_END();
	}
	QS_ENGINE(zconn, eng);
	if (qs_named_array(filter, 2, "[\"kind\" => \"invoice\"]", &jfilter) == FAILURE) {
		RETURN_THROWS();
	}
	if (jfilter) {
		/* ids are strings in the store: an int id is compared as its text */
		json_object *id;
		if (json_object_object_get_ex(jfilter, "id", &id) && json_object_get_type(id) == json_type_int) {
			json_object_object_add(jfilter, "id", json_object_new_string(json_object_get_string(id)));
		}
	}
	qs_error_clear(&err);
	st = qs_engine_entities(eng, jfilter, &out, &err);
	if (jfilter) {
		json_object_put(jfilter);
	}
	qs_return_result(return_value, zconn, st, out, &err);
}

/* ---- qbo_hook: the WHMCS entry point; never throws into WHMCS ---- */

/* The scalar values of $vars (ids, names, amounts) as a json object: WHMCS
 * also passes objects (InvoicePaid's Invoice model, AddTransaction's date)
 * and arrays (customFields) that the event table never reads. */
static json_object *qs_hook_vars(HashTable *ht)
{
	json_object *o = json_object_new_object();
	zend_string *key;
	zval *val;
	ZEND_HASH_FOREACH_STR_KEY_VAL_IND(ht, key, val) {
		if (!key) {
			continue;
		}
		ZVAL_DEREF(val);
		switch (Z_TYPE_P(val)) {
		case IS_LONG:
			json_object_object_add(o, ZSTR_VAL(key), json_object_new_int64((int64_t)Z_LVAL_P(val)));
			break;
		case IS_DOUBLE:
			if (zend_finite(Z_DVAL_P(val))) {
				json_object_object_add(o, ZSTR_VAL(key), json_object_new_double(Z_DVAL_P(val)));
			}
			break;
		case IS_STRING:
			if (!memchr(Z_STRVAL_P(val), '\0', Z_STRLEN_P(val))) {
				json_object_object_add(o, ZSTR_VAL(key), json_object_new_string_len(Z_STRVAL_P(val), (int)Z_STRLEN_P(val)));
			}
			break;
		case IS_TRUE:
		case IS_FALSE:
			json_object_object_add(o, ZSTR_VAL(key), json_object_new_boolean(Z_TYPE_P(val) == IS_TRUE));
			break;
		default:
			break;
		}
	} ZEND_HASH_FOREACH_END();
	return o;
}

/* logModuleCall('qbosync', $event, $request, $reason, $state) when WHMCS
 * provides it; the request names only the ids (ClientAdd's $vars hold the
 * password), and any exception it throws is swallowed. */
static void qs_hook_log_module_call(const char *event, json_object *state, const char *reason)
{
	zval fn, args[6], ret;
	const char *kind = NULL, *id = NULL;
	json_object *v;
	char req[200];
	int i;

	if (!zend_hash_str_exists(EG(function_table), "logmodulecall", sizeof("logmodulecall") - 1)) {
		return;
	}
	if (state && json_object_object_get_ex(state, "kind", &v) && json_object_is_type(v, json_type_string)) {
		kind = json_object_get_string(v);
	}
	if (state && json_object_object_get_ex(state, "id", &v) && json_object_is_type(v, json_type_string)) {
		id = json_object_get_string(v);
	}
	snprintf(req, sizeof(req), "%s %s %s", event, kind ? kind : "", id ? id : "");
	ZVAL_STRING(&fn, "logModuleCall");
	ZVAL_STRING(&args[0], "qbosync");
	ZVAL_STRING(&args[1], event);
	ZVAL_STRING(&args[2], req);
	ZVAL_STRING(&args[3], reason ? reason : "");
	if (state) {
		qs_php_from_json(state, &args[4]);
	} else {
		ZVAL_NULL(&args[4]);
	}
	array_init(&args[5]);
	ZVAL_UNDEF(&ret);
	if (call_user_function(NULL, NULL, &fn, &ret, 6, args) == SUCCESS) {
		zval_ptr_dtor(&ret);
	}
	if (EG(exception)) {
		zend_clear_exception();
	}
	for (i = 0; i < 6; i++) {
		zval_ptr_dtor(&args[i]);
	}
	zval_ptr_dtor(&fn);
}

PHP_FUNCTION(qbo_hook)
{
	zval *zconn;
	zend_string *event;
	HashTable *vars;
	json_object *jv, *state = NULL;
	qs_engine *eng;
	qs_error err;
	qs_status st;

	ZEND_PARSE_PARAMETERS_START(3, 3)
		Z_PARAM_OBJECT_OF_CLASS(zconn, qs_php_ce_connection)
		Z_PARAM_STR(event)
		Z_PARAM_ARRAY_HT(vars)
	ZEND_PARSE_PARAMETERS_END();

	qs_error_clear(&err);
	eng = qs_php_conn_engine(zconn);
	if (!eng) {
		/* no engine, or called from its own qbo_sync progress callable: the
		 * state says so instead of an Error thrown into WHMCS */
		zend_object *ex = EG(exception);
		zval tmp, rv, *m;
		qs_error_set(&err, QS_ECONFIG, "qbo_hook could not use the connection");
		if (ex) {
			ZVAL_OBJ(&tmp, ex);
			m = zend_read_property(ex->ce, Z_OBJ(tmp), "message", sizeof("message") - 1, 1, &rv);
			if (m && Z_TYPE_P(m) == IS_STRING) {
				qs_error_set(&err, QS_ECONFIG, "%s", Z_STRVAL_P(m));
			}
			zend_clear_exception();
		}
		state = json_object_new_object();
		json_object_object_add(state, "event", json_object_new_string(ZSTR_VAL(event)));
		json_object_object_add(state, "state", json_object_new_string("Error"));
		json_object_object_add(state, "reason", json_object_new_string(err.message));
		qs_hook_log_module_call(ZSTR_VAL(event), state, err.message);
		qs_return_json(return_value, state);
		return;
	}
	jv = qs_hook_vars(vars);
	qs_php_fetch_set(zconn, eng);
	st = qs_engine_hook(eng, ZSTR_VAL(event), jv, &state, &err);
	qs_php_fetch_clear(zconn, eng);
	json_object_put(jv);
	if (qs_php_fetch_bailed()) {
		if (state) {
			json_object_put(state);
		}
		zend_bailout();
	}
	if (st == QS_ESTORE) {
		qs_php_conn_mark_broken(zconn);
	}
	if (st != QS_OK) {
		qs_hook_log_module_call(ZSTR_VAL(event), state, err.message);
	}
	if (!state) {
		RETURN_NULL();
	}
	qs_return_json(return_value, state);
}

/* ---- resend, delete, dismiss, log ---- */

PHP_FUNCTION(qbo_resend)
{
	zval *zconn;
	zend_string *kind, *id;
	json_object *state = NULL;
	qs_engine *eng;
	qs_error err;
	qs_status st;

	ZEND_PARSE_PARAMETERS_START(3, 3)
		Z_PARAM_OBJECT_OF_CLASS(zconn, qs_php_ce_connection)
		Z_PARAM_PATH_STR(kind)
		Z_PARAM_PATH_STR(id)
	ZEND_PARSE_PARAMETERS_END();

	QS_ENGINE(zconn, eng);
	qs_error_clear(&err);
	st = qs_engine_resend(eng, ZSTR_VAL(kind), ZSTR_VAL(id), &state, &err);
	qs_return_result(return_value, zconn, st, state, &err);
}

PHP_FUNCTION(qbo_delete)
{
	zval *zconn;
	zend_string *kind, *id;
	json_object *state = NULL;
	qs_engine *eng;
	qs_error err;
	qs_status st;

	ZEND_PARSE_PARAMETERS_START(3, 3)
		Z_PARAM_OBJECT_OF_CLASS(zconn, qs_php_ce_connection)
		Z_PARAM_PATH_STR(kind)
		Z_PARAM_PATH_STR(id)
	ZEND_PARSE_PARAMETERS_END();

	QS_ENGINE(zconn, eng);
	qs_error_clear(&err);
	st = qs_engine_delete(eng, ZSTR_VAL(kind), ZSTR_VAL(id), &state, &err);
	qs_return_result(return_value, zconn, st, state, &err);
}

PHP_FUNCTION(qbo_dismiss)
{
	zval *zconn;
	zend_string *kind, *id;
	bool dismissed = true;
	json_object *state = NULL;
	qs_engine *eng;
	qs_error err;
	qs_status st;

	ZEND_PARSE_PARAMETERS_START(3, 4)
		Z_PARAM_OBJECT_OF_CLASS(zconn, qs_php_ce_connection)
		Z_PARAM_PATH_STR(kind)
		Z_PARAM_PATH_STR(id)
		Z_PARAM_OPTIONAL
		Z_PARAM_BOOL(dismissed)
	ZEND_PARSE_PARAMETERS_END();

	QS_ENGINE(zconn, eng);
	qs_error_clear(&err);
	st = qs_engine_dismiss(eng, ZSTR_VAL(kind), ZSTR_VAL(id), dismissed, &state, &err);
	qs_return_result(return_value, zconn, st, state, &err);
}

/* One qbo_log() filter checked and added to jfilter; false when it threw. */
static bool qs_log_filter_add(json_object *jfilter, zend_string *key, zval *val)
{
	const char *k = ZSTR_VAL(key);
	if (zend_string_equals_literal(key, "limit") || zend_string_equals_literal(key, "offset")) {
		bool lim = k[0] == 'l';
		if (Z_TYPE_P(val) != IS_LONG) {
			zend_argument_type_error(2, "filter \"%s\" must be of type int, %s given", k, zend_zval_type_name(val));
			return false;
		}
		if (lim ? (Z_LVAL_P(val) < 1 || Z_LVAL_P(val) > 10000) : (Z_LVAL_P(val) < 0 || Z_LVAL_P(val) > 1000000000)) {
			zend_argument_value_error(2, lim ? "filter \"limit\" must be between 1 and 10000"
				: "filter \"offset\" must be between 0 and 1000000000");
			return false;
		}
		json_object_object_add(jfilter, k, json_object_new_int64((int64_t)Z_LVAL_P(val)));
		return true;
	}
	if (zend_string_equals_literal(key, "since") || zend_string_equals_literal(key, "until")) {
		double t;
		if (Z_TYPE_P(val) == IS_LONG) {
			t = (double)Z_LVAL_P(val);
		} else if (Z_TYPE_P(val) == IS_DOUBLE) {
			t = Z_DVAL_P(val);
		} else if (Z_TYPE_P(val) == IS_STRING && Z_STRLEN_P(val) > 0 && !memchr(Z_STRVAL_P(val), '\0', Z_STRLEN_P(val))) {
			zend_long ts = php_parse_date(Z_STRVAL_P(val), NULL);
			if (ts == -1 && strncmp(Z_STRVAL_P(val), "1969-12-31T23:59:59", 19) != 0) {
				zend_argument_value_error(2, "filter \"%s\" must be a unix time or a date such as 2026-12-01T09:00:00Z, \"%.40s\" given",
					k, Z_STRVAL_P(val));
				return false;
			}
			t = (double)ts;
		} else {
			zend_argument_type_error(2, "filter \"%s\" must be of type int|float|string, %s given", k, zend_zval_type_name(val));
			return false;
		}
		json_object_object_add(jfilter, k, json_object_new_double(t));
		return true;
	}
	if (zend_string_equals_literal(key, "kind") || zend_string_equals_literal(key, "id")
			|| zend_string_equals_literal(key, "code") || zend_string_equals_literal(key, "intuit_tid")
			|| zend_string_equals_literal(key, "level") || zend_string_equals_literal(key, "type")) {
		zend_string *sv;
		bool num_ok = zend_string_equals_literal(key, "id") || zend_string_equals_literal(key, "code");
		if (Z_TYPE_P(val) == IS_LONG && num_ok) {
			sv = zend_long_to_str(Z_LVAL_P(val));
		} else if (Z_TYPE_P(val) == IS_STRING) {
			sv = zend_string_copy(Z_STR_P(val));
		} else {
			zend_argument_type_error(2, "filter \"%s\" must be of type string, %s given", k, zend_zval_type_name(val));
			return false;
		}
		if (ZSTR_LEN(sv) == 0 || ZSTR_LEN(sv) > 128 || memchr(ZSTR_VAL(sv), '\0', ZSTR_LEN(sv))) {
			zend_string_release(sv);
			zend_argument_value_error(2, "filter \"%s\" must be a non-empty text of at most 128 bytes", k);
			return false;
		}
		if (zend_string_equals_literal(key, "level") && !zend_string_equals_literal(sv, "info")
				&& !zend_string_equals_literal(sv, "warn") && !zend_string_equals_literal(sv, "error")) {
			zend_string_release(sv);
			zend_argument_value_error(2, "filter \"level\" must be \"info\", \"warn\" or \"error\" (that level and above)");
			return false;
		}
		if (zend_string_equals_literal(key, "type") && !zend_string_equals_literal(sv, "exchange")
				&& !zend_string_equals_literal(sv, "decision")) {
			zend_string_release(sv);
			zend_argument_value_error(2, "filter \"type\" must be \"exchange\" (QuickBooks exchanges only) or \"decision\" (the engine's decisions only)");
			return false;
		}
		json_object_object_add(jfilter, k, json_object_new_string_len(ZSTR_VAL(sv), (int)ZSTR_LEN(sv)));
		zend_string_release(sv);
		return true;
	}
	zend_argument_value_error(2, "contains unknown filter \"%s\" (use level, kind, id, code, intuit_tid, since, until, type, limit or offset)", k);
	return false;
}

PHP_FUNCTION(qbo_log)
{
	zval *zconn;
	HashTable *filter = NULL;
	json_object *jfilter, *out = NULL;
	qs_engine *eng;
	qs_error err;
	qs_status st;
	zend_string *key;
	zval *val;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_OBJECT_OF_CLASS(zconn, qs_php_ce_connection)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(filter)
	ZEND_PARSE_PARAMETERS_END();

	QS_ENGINE(zconn, eng);
	jfilter = json_object_new_object();
	if (filter) {
		ZEND_HASH_FOREACH_STR_KEY_VAL_IND(filter, key, val) {
			ZVAL_DEREF(val);
			if (!key) {
				json_object_put(jfilter);
				zend_argument_value_error(2, "must contain only named filters (level, kind, id, code, intuit_tid, since, until, type, limit, offset)");
				RETURN_THROWS();
			}
			if (Z_TYPE_P(val) == IS_NULL) {
				continue;
			}
			if (!qs_log_filter_add(jfilter, key, val)) {
				json_object_put(jfilter);
				RETURN_THROWS();
			}
		} ZEND_HASH_FOREACH_END();
	}
	qs_error_clear(&err);
	st = qs_engine_log(eng, jfilter, &out, &err);
	json_object_put(jfilter);
	qs_return_result(return_value, zconn, st, out, &err);
}
