/* qs_php_connection.c: the QboSync\Connection object (an opaque handle: final,
 * no `new`, no clone, no serialization, no secret in var_dump), qbo_connect()
 * with its option checks, and the per-process cache of engines keyed by a hash
 * of the options (reused across requests like pgsql's persistent links, with
 * the qbosync.max_connections limit and a health check before reuse); a store
 * failure's exception marks the link broken (qs_php_throw_conn). */
#include "qs_php.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"
#include "zend_smart_str.h"
#include "SAPI.h"
#include "fopen_wrappers.h"
#include "core/qs_crypto.h"

#include "zend_virtual_cwd.h"

#ifdef PHP_WIN32
# include <process.h>
#else
# include <pthread.h>
# include <unistd.h>
#endif

static zend_object_handlers qs_php_conn_handlers;

/* This process's id, for the same-process checks of every call: read once
 * and again in a forked child (pthread_atfork), instead of a getpid()
 * system call per qbo_* call. */
static long qs_pid;

static void qs_pid_read(void)
{
	qs_pid = (long)getpid();
}

static long qs_php_pid(void)
{
#ifdef PHP_WIN32
	return (long)getpid();
#else
	if (!qs_pid) {
		qs_pid_read();
	}
	return qs_pid;
#endif
}

/* Set from RSHUTDOWN until the next qbo_connect: an object freed then is
 * past the point where PHP code may run. (Per process: a ZTS build shares it
 * between threads, which only makes the early expansion less frequent.) */
static bool qs_request_over;
static bool qs_log_bailed;   /* a fatal error in the log callable: no more log calls this request */

/* ================================================================ links */

/* The engine's on_disconnect notice: handed to the callable of this
 * request's Connection object, if it has one, as (reason, message). Runs
 * only from qs_engine_notify(), after the engine call has returned. */
static void qs_php_on_disconnect(void *ud, const char *reason, const char *message)
{
	qs_php_link *link = ud;
	qs_php_conn *conn;
	zval args[2], ret, fn;

	if (!link->obj || EG(exception)) {
		return;
	}
	conn = qs_php_conn_from_obj(link->obj);
	if (Z_TYPE(conn->on_disconnect) == IS_UNDEF) {
		return;
	}
	ZVAL_COPY(&fn, &conn->on_disconnect);
	ZVAL_STRING(&args[0], reason);
	ZVAL_STRING(&args[1], message);
	ZVAL_UNDEF(&ret);
	call_user_function(NULL, NULL, &fn, &ret, 2, args);
	zval_ptr_dtor(&ret);
	zval_ptr_dtor(&args[0]);
	zval_ptr_dtor(&args[1]);
	zval_ptr_dtor(&fn);
}

static qs_php_link *qs_link_new(qs_engine *eng, const char *key, const char *environment, const char *store)
{
	qs_php_link *link = pecalloc(1, sizeof(*link), 1);
	zend_stat_t st;

	link->eng = eng;
	qs_engine_set_on_disconnect(eng, qs_php_on_disconnect, link);
	qs_strlcpy(link->key, key, sizeof(link->key));
	link->environment = pestrdup(environment ? environment : "", 1);
	link->store_path = pestrdup(store ? store : "", 1);
	link->pid = qs_php_pid();
	if (store && php_sys_stat(store, &st) == 0) {
		link->store_stat_ok = true;
		link->store_dev = (uint64_t)st.st_dev;
		link->store_ino = (uint64_t)st.st_ino;
	}
	return link;
}

/* Engines a forked child inherited from its parent: deliberately never freed
 * (see qs_link_destroy); the list keeps them reachable for leak checkers. */
static qs_engine **qs_inherited;
static size_t qs_inherited_n;

static void qs_keep_inherited(qs_engine *eng)
{
	qs_engine **grown = realloc(qs_inherited, (qs_inherited_n + 1) * sizeof(*grown));
	if (grown) {
		qs_inherited = grown;
		qs_inherited[qs_inherited_n++] = eng;
	}
}

/* Frees the engine (delivering what was deferred first) and the link. */
static void qs_link_destroy(qs_php_link *link)
{
	if (link->eng) {
		if (link->pid == qs_php_pid()) {
			if (qs_engine_has_deferred(link->eng)) {
				qs_engine_run_deferred(link->eng);
			}
			qs_engine_free(link->eng);
		}
		else {
			/* inherited through fork(): the parent owns its sockets, TLS
			 * sessions and SQLite handles, so the child must not close them
			 * (a TLS close_notify or a WAL checkpoint from here would corrupt
			 * the parent's). Kept reachable on purpose, never freed. */
			qs_keep_inherited(link->eng);
		}
		link->eng = NULL;
	}
	pefree(link->environment, 1);
	pefree(link->store_path, 1);
	pefree(link, 1);
}

static void qs_link_release(qs_php_link *link)
{
	if (link->refs > 0) {
		link->refs--;
	}
	if (link->refs == 0) {
		qs_link_destroy(link);
	}
}

/* Takes the link out of the cache (it lives on while objects hold it). */
static void qs_link_uncache(qs_php_link *link)
{
	if (!link->cached) {
		return;
	}
	zend_hash_str_del(&QBOSYNC_G(links), link->key, strlen(link->key));
	link->cached = false;
	qs_link_release(link);
}

/* The health check before a cached engine is handed out again: not broken by
 * a store failure, same process, and the store file is still the one opened
 * (a deleted or replaced file would leave the engine writing into the void). */
static bool qs_link_healthy(qs_php_link *link)
{
	zend_stat_t st;

	if (link->broken || !link->eng || link->pid != qs_php_pid()) {
		return false;
	}
	if (link->store_stat_ok) {
		if (php_sys_stat(link->store_path, &st) != 0
			|| (uint64_t)st.st_dev != link->store_dev || (uint64_t)st.st_ino != link->store_ino) {
			return false;
		}
	}
	return true;
}

/* Makes room for one more cached link; false when every cached link is in use. */
static bool qs_links_make_room(zend_long max)
{
	while (max > 0 && (zend_long)zend_hash_num_elements(&QBOSYNC_G(links)) >= max) {
		qs_php_link *oldest = NULL, *link;
		ZEND_HASH_FOREACH_PTR(&QBOSYNC_G(links), link) {
			/* only the cache's own reference: no object uses it */
			if (link->refs <= 1 && link->obj == NULL
				&& (!oldest || link->last_used < oldest->last_used)) {
				oldest = link;
			}
		} ZEND_HASH_FOREACH_END();
		if (!oldest) {
			return false;
		}
		qs_link_uncache(oldest);
	}
	return true;
}

void qs_php_links_ginit(HashTable *links)
{
	zend_hash_init(links, 8, NULL, NULL, 1);
}

void qs_php_links_free_all(HashTable *links)
{
	qs_php_link *link;

	ZEND_HASH_FOREACH_PTR(links, link) {
		link->cached = false;
		qs_link_release(link);
	} ZEND_HASH_FOREACH_END();
	zend_hash_destroy(links);
}

zend_long qs_php_engines_opened(void)
{
	return QBOSYNC_G(engines_opened);
}

zend_long qs_php_links_count(void)
{
	return QBOSYNC_G(links_ready) ? (zend_long)zend_hash_num_elements(&QBOSYNC_G(links)) : 0;
}

/* Calls a no-argument function, swallowing bailouts and exceptions. A function
 * of its own so that no caller's local lives across the setjmp of zend_try
 * (gcc -O2 -Wclobbered). */
static void qs_php_call_quietly(zend_function *fn)
{
	zval ret;
	ZVAL_UNDEF(&ret);
	zend_try {
		zend_call_known_function(fn, NULL, NULL, &ret, 0, NULL, NULL);
	} zend_end_try();
	zval_ptr_dtor(&ret);
	if (EG(exception)) {
		zend_clear_exception();
	}
}

/* ================================================================ fetch */

static bool qs_fetch_did_bail;

void qs_php_fetch_note_bail(void)
{
	qs_fetch_did_bail = true;
}

bool qs_php_fetch_bailed(void)
{
	bool b = qs_fetch_did_bail;
	qs_fetch_did_bail = false;
	return b;
}

/* Calls fn(command, params) into *ret; false when a fatal error bailed out of
 * it. A function of its own, so no caller's local lives across zend_try. */
static bool qs_php_call_fetch(zval *fn, zval *args, zval *ret)
{
	bool ok = true;
	zend_try {
		if (call_user_function(NULL, NULL, fn, ret, 2, args) != SUCCESS) {
			ZVAL_UNDEF(ret);
		}
	} zend_catch {
		ok = false;
	} zend_end_try();
	return ok;
}

/* The core's fetch callback: ud is the link; its request object's fetch
 * option, else localAPI. The answer comes back as json; a PHP exception in
 * the callable becomes an error the engine records (never re-thrown here). */
static qs_status qs_php_fetch_cb(void *ud, const char *command, json_object *params, json_object **result, qs_error *e)
{
	qs_php_link *link = ud;
	zval fn, args[2], ret;
	qs_status st = QS_OK;
	bool own_fn = false;

	*result = NULL;
	if (qs_fetch_did_bail) {
		return qs_error_set(e, QS_EINTERNAL, "The fetch callable ended the request with a fatal error");
	}
	if (link && link->obj && Z_TYPE(qs_php_conn_from_obj(link->obj)->fetch) != IS_UNDEF) {
		ZVAL_COPY_VALUE(&fn, &qs_php_conn_from_obj(link->obj)->fetch);
	} else if (zend_hash_str_exists(EG(function_table), "localapi", sizeof("localapi") - 1)) {
		ZVAL_STRING(&fn, "localAPI");
		own_fn = true;
	} else {
		return qs_error_set(e, QS_ECONFIG, "No fetch: pass the option fetch to qbo_connect (a callable like WHMCS's localAPI)");
	}
	ZVAL_STRING(&args[0], command);
	qs_php_from_json(params, &args[1]);
	if (Z_TYPE(args[1]) != IS_ARRAY) {
		zval_ptr_dtor(&args[1]);
		array_init(&args[1]);
	}
	ZVAL_UNDEF(&ret);
	if (!qs_php_call_fetch(&fn, args, &ret)) {
		qs_fetch_did_bail = true;
		st = qs_error_set(e, QS_EINTERNAL, "The fetch callable ended the request with a fatal error during %s", command);
	} else if (EG(exception)) {
		zval msg;
		zend_object *ex = EG(exception);
		ZVAL_UNDEF(&msg);
		GC_ADDREF(ex);
		zend_clear_exception();
		{
			zval tmp, *m;
			ZVAL_OBJ(&tmp, ex);
			m = zend_read_property(ex->ce, Z_OBJ(tmp), "message", sizeof("message") - 1, 1, &msg);
			st = qs_error_set(e, QS_ESERVER, "The fetch callable threw %s during %s: %s; it is tried again later",
				ZSTR_VAL(ex->ce->name), command, m && Z_TYPE_P(m) == IS_STRING ? Z_STRVAL_P(m) : "");
		}
		OBJ_RELEASE(ex);
	} else if (Z_TYPE(ret) != IS_ARRAY) {
		st = qs_error_set(e, QS_EVALIDATION, "The fetch callable returned %s for %s, not an array",
			Z_TYPE(ret) == IS_UNDEF ? "nothing" : zend_zval_type_name(&ret), command);
	} else {
		*result = qs_php_to_json(&ret, 0);
		if (!*result) {
			if (EG(exception)) {
				zend_clear_exception();
			}
			st = qs_error_set(e, QS_EVALIDATION, "The fetch callable's answer to %s holds a value that is not plain data", command);
		}
	}
	zval_ptr_dtor(&ret);
	zval_ptr_dtor(&args[0]);
	zval_ptr_dtor(&args[1]);
	if (own_fn) {
		zval_ptr_dtor(&fn);
	}
	return st;
}

void qs_php_fetch_set(zval *zconn, qs_engine *eng)
{
	qs_php_conn *conn = Z_QS_CONN_P(zconn);
	qs_engine_set_fetch(eng, qs_php_fetch_cb, conn->link);
	qs_engine_set_source(eng, Z_TYPE(conn->source) != IS_UNDEF ? qs_php_source_cb : NULL, conn->link);
}

void qs_php_fetch_clear(zval *zconn, qs_engine *eng)
{
	(void)zconn;
	qs_engine_set_fetch(eng, NULL, NULL);
	qs_engine_set_source(eng, NULL, NULL);
}

/* Ends the HTTP response early where the SAPI can (FPM, LiteSpeed), so that
 * deferred deliveries do not keep the client waiting. */
static void qs_php_finish_response(void)
{
	static const char *const fns[] = { "fastcgi_finish_request", "litespeed_finish_request" };
	size_t i;

	if (!sapi_module.name || strcmp(sapi_module.name, "cli") == 0 || strcmp(sapi_module.name, "phpdbg") == 0) {
		return;
	}
	for (i = 0; i < sizeof(fns) / sizeof(fns[0]); i++) {
		zend_function *fn = zend_hash_str_find_ptr(CG(function_table), fns[i], strlen(fns[i]));
		if (fn) {
			qs_php_call_quietly(fn);
			return;
		}
	}
}

void qs_php_links_rshutdown(void)
{
	qs_php_link *link;
	bool finished = false;

	qs_request_over = true;
	if (!QBOSYNC_G(links_ready)) {
		return;
	}
	ZEND_HASH_FOREACH_PTR(&QBOSYNC_G(links), link) {
		if (link->eng && link->pid == qs_php_pid() && qs_engine_has_deferred(link->eng)) {
			if (!finished) {
				qs_php_finish_response();
				finished = true;
			}
			/* hook events recorded this request are read through the fetch of
			 * the request's object while it lives, else localAPI; without
			 * either they stay recorded for the next qbo_sync */
			qs_engine_set_fetch(link->eng, qs_php_fetch_cb, link);
			qs_engine_run_deferred(link->eng);
			qs_engine_notify(link->eng);
			qs_engine_set_fetch(link->eng, NULL, NULL);
		}
	} ZEND_HASH_FOREACH_END();
}

/* ================================================================ log */

/* Calls the log callable with one entry; false when a fatal error bailed out. */
static bool qs_php_call_log(zval *fn, zval *arg)
{
	bool ok = true;
	zval ret;
	ZVAL_UNDEF(&ret);
	zend_try {
		if (call_user_function(NULL, NULL, fn, &ret, 1, arg) == SUCCESS) {
			zval_ptr_dtor(&ret);
		}
	} zend_catch {
		ok = false;
	} zend_end_try();
	return ok;
}

/* The engine's exchange log: ud is the link; its current object's log option
 * gets ['method', 'url', 'path', 'status', 'request', 'response',
 * 'intuit_tid', 'ms', 'error'] (secrets already removed). An exception from
 * the callable is dropped; the connection cannot be used from inside it. */
void qs_php_http_log_cb(void *ud, const qs_http_exchange *x)
{
	qs_php_link *link = ud;
	qs_php_conn *conn;
	const char *path = x->url, *p;
	zval entry, fn;
	bool was_busy;

	if (!link || !link->obj || qs_log_bailed || EG(exception)) {
		return;
	}
	conn = qs_php_conn_from_obj(link->obj);
	if (Z_TYPE(conn->log) == IS_UNDEF) {
		return;
	}
	if ((p = strstr(x->url, "://")) != NULL) {
		path = strchr(p + 3, '/');
		if (!path) {
			path = "/";
		}
	}
	array_init(&entry);
	add_assoc_string(&entry, "method", (char *)x->method);
	add_assoc_string(&entry, "url", (char *)x->url);
	add_assoc_stringl(&entry, "path", (char *)path, strcspn(path, "?"));
	add_assoc_long(&entry, "status", (zend_long)x->status);
	add_assoc_stringl(&entry, "request", (char *)x->request, x->request_len);
	add_assoc_stringl(&entry, "response", (char *)x->response, x->response_len);
	if (x->intuit_tid && *x->intuit_tid) {
		add_assoc_string(&entry, "intuit_tid", (char *)x->intuit_tid);
	} else {
		add_assoc_null(&entry, "intuit_tid");
	}
	add_assoc_double(&entry, "ms", x->ms);
	if (x->error) {
		add_assoc_string(&entry, "error", (char *)x->error);
	} else {
		add_assoc_null(&entry, "error");
	}
	ZVAL_COPY(&fn, &conn->log);
	was_busy = link->busy;
	link->busy = true;
	if (!qs_php_call_log(&fn, &entry)) {
		/* a fatal error in the callable: no more log calls this request */
		qs_log_bailed = true;
	}
	link->busy = was_busy;
	if (EG(exception)) {
		zend_clear_exception();
	}
	zval_ptr_dtor(&fn);
	zval_ptr_dtor(&entry);
}

/* ================================================================ object */

static zend_object *qs_php_conn_create(zend_class_entry *ce)
{
	qs_php_conn *conn = zend_object_alloc(sizeof(qs_php_conn), ce);

	zend_object_std_init(&conn->std, ce);
	object_properties_init(&conn->std, ce);
	conn->std.handlers = &qs_php_conn_handlers;
	conn->link = NULL;
	ZVAL_UNDEF(&conn->on_disconnect);
	ZVAL_UNDEF(&conn->fetch);
	ZVAL_UNDEF(&conn->source);
	ZVAL_UNDEF(&conn->log);
	return &conn->std;
}

static zend_function *qs_php_conn_get_constructor(zend_object *obj)
{
	(void)obj;
	zend_throw_error(NULL, "Cannot directly construct QboSync\\Connection, use qbo_connect() instead");
	return NULL;
}

static qs_status qs_php_fetch_cb(void *ud, const char *command, json_object *params, json_object **result, qs_error *e);


static void qs_php_conn_free(zend_object *obj)
{
	qs_php_conn *conn = qs_php_conn_from_obj(obj);

	if (conn->link && conn->link->eng && conn->link->obj == obj && Z_TYPE(conn->fetch) != IS_UNDEF
		&& !qs_request_over && !(EG(flags) & EG_FLAGS_OBJECT_STORE_NO_REUSE) && conn->link->pid == qs_php_pid()) {
		/* deferred hook events are read through this object's fetch before it
		 * goes (while the request still runs, e.g. its globals being
		 * destroyed); their pushes stay deferred to the request's end */
		qs_engine_set_fetch(conn->link->eng, qs_php_fetch_cb, conn->link);
		qs_engine_hooks_expand_deferred(conn->link->eng);
		qs_engine_set_fetch(conn->link->eng, NULL, NULL);
	}
	if (conn->link) {
		if (conn->link->obj == obj) {
			if (Z_TYPE(conn->log) != IS_UNDEF && conn->link->eng) {
				qs_engine_set_http_log(conn->link->eng, NULL, NULL);
			}
			conn->link->obj = NULL;
		}
		qs_link_release(conn->link);
		conn->link = NULL;
	}
	zval_ptr_dtor(&conn->on_disconnect);
	ZVAL_UNDEF(&conn->on_disconnect);
	zval_ptr_dtor(&conn->fetch);
	ZVAL_UNDEF(&conn->fetch);
	zval_ptr_dtor(&conn->source);
	ZVAL_UNDEF(&conn->source);
	zval_ptr_dtor(&conn->log);
	ZVAL_UNDEF(&conn->log);
	zend_object_std_dtor(obj);
}

/* The object's callables (fetch, on_disconnect) for the cycle collector: a
 * closure that captures the connection would otherwise leak. */
static HashTable *qs_php_conn_get_gc(zend_object *obj, zval **table, int *n)
{
	qs_php_conn *conn = qs_php_conn_from_obj(obj);
	zend_get_gc_buffer *buf = zend_get_gc_buffer_create();
	zend_get_gc_buffer_add_zval(buf, &conn->fetch);
	zend_get_gc_buffer_add_zval(buf, &conn->source);
	zend_get_gc_buffer_add_zval(buf, &conn->log);
	zend_get_gc_buffer_add_zval(buf, &conn->on_disconnect);
	zend_get_gc_buffer_use(buf, table, n);
	return zend_std_get_properties(obj);
}

/* var_dump()/print_r()/debug_zval_dump(): environment, realm and status only. */
static HashTable *qs_php_conn_properties_for(zend_object *obj, zend_prop_purpose purpose)
{
	qs_php_conn *conn = qs_php_conn_from_obj(obj);
	HashTable *ht;
	json_object *st = NULL, *v;
	qs_error err;

	if (purpose != ZEND_PROP_PURPOSE_DEBUG) {
		return zend_std_get_properties_for(obj, purpose);
	}
	ht = zend_new_array(3);
	if (!conn->link || !conn->link->eng) {
		return ht;
	}
	{
		zval z;
		ZVAL_STRING(&z, conn->link->environment);
		zend_hash_str_update(ht, "environment", sizeof("environment") - 1, &z);
	}
	if (conn->link->busy) {
		/* inside qbo_sync()'s progress callable: the engine is not re-entered */
		return ht;
	}
	qs_error_clear(&err);
	if (qs_engine_status(conn->link->eng, &st, &err) == QS_OK && st) {
		zval z;
		if (json_object_object_get_ex(st, "realm", &v) && json_object_get_type(v) == json_type_string) {
			ZVAL_STRINGL(&z, json_object_get_string(v), (size_t)json_object_get_string_len(v));
		} else {
			ZVAL_NULL(&z);
		}
		zend_hash_str_update(ht, "realm", sizeof("realm") - 1, &z);
		if (json_object_object_get_ex(st, "status", &v) && json_object_get_type(v) == json_type_string) {
			ZVAL_STRINGL(&z, json_object_get_string(v), (size_t)json_object_get_string_len(v));
			zend_hash_str_update(ht, "status", sizeof("status") - 1, &z);
		}
	}
	if (st) {
		json_object_put(st);
	}
	return ht;
}

void qs_php_connection_minit(zend_class_entry *ce)
{
#ifndef PHP_WIN32
	qs_pid_read();
	pthread_atfork(NULL, NULL, qs_pid_read);
#endif
	ce->create_object = qs_php_conn_create;

	memcpy(&qs_php_conn_handlers, &std_object_handlers, sizeof(zend_object_handlers));
	qs_php_conn_handlers.offset = XtOffsetOf(qs_php_conn, std);
	qs_php_conn_handlers.free_obj = qs_php_conn_free;
	qs_php_conn_handlers.get_constructor = qs_php_conn_get_constructor;
	qs_php_conn_handlers.clone_obj = NULL;
	qs_php_conn_handlers.compare = zend_objects_not_comparable;
	qs_php_conn_handlers.get_properties_for = qs_php_conn_properties_for;
	qs_php_conn_handlers.get_gc = qs_php_conn_get_gc;
}

qs_engine *qs_php_conn_engine(zval *zconn)
{
	qs_php_conn *conn = Z_QS_CONN_P(zconn);

	if (!conn->link || !conn->link->eng) {
		zend_throw_error(NULL, "This QboSync\\Connection has no engine; get one from qbo_connect()");
		return NULL;
	}
	if (conn->link->busy) {
		zend_throw_error(NULL, "Cannot use this QboSync\\Connection from its own qbo_sync() progress callback");
		return NULL;
	}
	conn->link->last_used = ++QBOSYNC_G(link_seq);
	/* qbosync.batch_size and qbosync.rate_window as this request sets them:
	 * qbo_sync's defaults, the deferred drain's and the cron hook's */
	qs_engine_set_batch(conn->link->eng, (long)QBOSYNC_G(batch_size));
	qs_engine_set_rate_window(conn->link->eng, QBOSYNC_G(rate_window));
	return conn->link->eng;
}

void qs_php_conn_notify(zval *zconn)
{
	qs_php_conn *conn = Z_QS_CONN_P(zconn);
	if (conn->link && conn->link->eng && conn->link->pid == qs_php_pid()) {
		qs_engine_notify(conn->link->eng);
	}
}

void qs_php_conn_set_busy(zval *zconn, bool busy)
{
	qs_php_conn *conn = Z_QS_CONN_P(zconn);
	if (conn->link) {
		conn->link->busy = busy;
	}
}

void qs_php_conn_mark_broken(zval *zconn)
{
	qs_php_conn *conn = Z_QS_CONN_P(zconn);
	if (conn->link) {
		conn->link->broken = true;
	}
}

void qs_php_throw_conn(zval *zconn, const qs_error *e)
{
	if (e && e->status == QS_ESTORE && zconn) {
		qs_php_conn_mark_broken(zconn);
	}
	qs_php_throw(e);
}

/* ================================================================ qbo_connect */

typedef enum { QS_OPT_STRING, QS_OPT_SECONDS, QS_OPT_MARGIN, QS_OPT_CALLABLE } qs_opt_type;

typedef struct qs_opt_def {
	const char *name;
	qs_opt_type type;
	size_t offset; /* into qs_php_opts */
} qs_opt_def;

typedef struct qs_php_opts {
	zend_string *environment, *client_id, *client_secret, *redirect_uri, *store, *store_password,
		*encryption_key, *delivery, *ca_info, *home_currency, *sync_start, *exclude_methods,
		*webhook_verifier;
	zval *fetch;                          /* callable or NULL */
	zval *log;                            /* callable or NULL */
	double timeout, inline_timeout;       /* 0 = INI */
	double lease;                         /* 0 = derived from the timeouts */
	zend_long refresh_margin;             /* -1 = default */
	zval *on_disconnect;                  /* borrowed callable, NULL = none */
	zend_long log_retention, log_max_rows, log_bodies;   /* -1 = INI */
} qs_php_opts;

#define QS_OPT(n, t) { #n, t, offsetof(qs_php_opts, n) }
static const qs_opt_def qs_opt_defs[] = {
	QS_OPT(environment, QS_OPT_STRING),
	QS_OPT(client_id, QS_OPT_STRING),
	QS_OPT(client_secret, QS_OPT_STRING),
	QS_OPT(redirect_uri, QS_OPT_STRING),
	QS_OPT(store, QS_OPT_STRING),
	QS_OPT(store_password, QS_OPT_STRING),
	QS_OPT(lease, QS_OPT_SECONDS),
	QS_OPT(encryption_key, QS_OPT_STRING),
	QS_OPT(delivery, QS_OPT_STRING),
	QS_OPT(timeout, QS_OPT_SECONDS),
	QS_OPT(inline_timeout, QS_OPT_SECONDS),
	QS_OPT(refresh_margin, QS_OPT_MARGIN),
	QS_OPT(ca_info, QS_OPT_STRING),
	QS_OPT(home_currency, QS_OPT_STRING),
	QS_OPT(on_disconnect, QS_OPT_CALLABLE),
	QS_OPT(sync_start, QS_OPT_STRING),
	QS_OPT(exclude_methods, QS_OPT_STRING),
	QS_OPT(webhook_verifier, QS_OPT_STRING),
};

/* Checks every option's name, type and range; throws and returns FAILURE on
 * the first problem. Strings are borrowed from the array. */
static zend_result qs_parse_options(HashTable *ht, qs_php_opts *o)
{
	zend_string *key;
	zend_ulong idx;
	zval *val;

	memset(o, 0, sizeof(*o));
	o->refresh_margin = -1;
	o->log_retention = o->log_max_rows = o->log_bodies = -1;
	if (!ht) {
		return SUCCESS;
	}
	ZEND_HASH_FOREACH_KEY_VAL_IND(ht, idx, key, val) {
		const qs_opt_def *def = NULL;
		size_t i;

		if (!key) {
			zend_argument_value_error(1, "must contain only named options, found index " ZEND_ULONG_FMT, idx);
			return FAILURE;
		}
		if (zend_string_equals_literal(key, "fetch")) {
			ZVAL_DEREF(val);
			if (Z_TYPE_P(val) == IS_NULL) {
				continue;
			}
			if (!zend_is_callable(val, 0, NULL)) {
				zend_argument_type_error(1, "option \"fetch\" must be a callable (like WHMCS's localAPI: fn(string $command, array $params): array), %s given",
					zend_zval_type_name(val));
				return FAILURE;
			}
			o->fetch = val;
			continue;
		}
		if (zend_string_equals_literal(key, "log")) {
			ZVAL_DEREF(val);
			if (Z_TYPE_P(val) == IS_NULL) {
				continue;
			}
			if (!zend_is_callable(val, 0, NULL)) {
				zend_argument_type_error(1, "option \"log\" must be a callable (fn(array $entry): void, called per QuickBooks exchange), %s given",
					zend_zval_type_name(val));
				return FAILURE;
			}
			o->log = val;
			continue;
		}
		if (zend_string_equals_literal(key, "log_retention") || zend_string_equals_literal(key, "log_max_rows")) {
			bool ret = zend_string_equals_literal(key, "log_retention");
			ZVAL_DEREF(val);
			if (Z_TYPE_P(val) == IS_NULL) {
				continue;
			}
			if (Z_TYPE_P(val) != IS_LONG) {
				zend_argument_type_error(1, "option \"%s\" must be of type int, %s given", ZSTR_VAL(key), zend_zval_type_name(val));
				return FAILURE;
			}
			if (ret && (Z_LVAL_P(val) < 1 || Z_LVAL_P(val) > QS_LOG_RETENTION_MAX)) {
				zend_argument_value_error(1, "option \"log_retention\" must be a number of days from 1 to %ld (the log keeps its rows that long), " ZEND_LONG_FMT " given",
					QS_LOG_RETENTION_MAX, Z_LVAL_P(val));
				return FAILURE;
			}
			if (!ret && (Z_LVAL_P(val) < 0 || Z_LVAL_P(val) > 1000000000)) {
				zend_argument_value_error(1, "option \"log_max_rows\" must be a number of rows from 0 (no cap) to 1000000000, " ZEND_LONG_FMT " given",
					Z_LVAL_P(val));
				return FAILURE;
			}
			*(ret ? &o->log_retention : &o->log_max_rows) = Z_LVAL_P(val);
			continue;
		}
		if (zend_string_equals_literal(key, "log_bodies")) {
			ZVAL_DEREF(val);
			if (Z_TYPE_P(val) == IS_NULL) {
				continue;
			}
			if (Z_TYPE_P(val) != IS_STRING || qs_log_bodies_of(Z_STRVAL_P(val)) < 0) {
				zend_argument_value_error(1, "option \"log_bodies\" must be \"errors\" (bodies of failed exchanges only), \"all\" or \"none\"");
				return FAILURE;
			}
			o->log_bodies = qs_log_bodies_of(Z_STRVAL_P(val));
			continue;
		}
		for (i = 0; i < sizeof(qs_opt_defs) / sizeof(qs_opt_defs[0]); i++) {
			if (zend_string_equals_cstr(key, qs_opt_defs[i].name, strlen(qs_opt_defs[i].name))) {
				def = &qs_opt_defs[i];
				break;
			}
		}
		if (!def) {
			zend_argument_value_error(1, "contains unknown option \"%s\"", ZSTR_VAL(key));
			return FAILURE;
		}
		ZVAL_DEREF(val);
		if (Z_TYPE_P(val) == IS_NULL) {
			continue; /* null: the default */
		}
		switch (def->type) {
		case QS_OPT_STRING:
			if (Z_TYPE_P(val) != IS_STRING) {
				zend_argument_type_error(1, "option \"%s\" must be of type string, %s given",
					def->name, zend_zval_type_name(val));
				return FAILURE;
			}
			if (Z_STRLEN_P(val) == 0) {
				zend_argument_value_error(1, "option \"%s\" must not be empty", def->name);
				return FAILURE;
			}
			if (memchr(Z_STRVAL_P(val), '\0', Z_STRLEN_P(val))) {
				zend_argument_value_error(1, "option \"%s\" must not contain any null bytes", def->name);
				return FAILURE;
			}
			*(zend_string **)((char *)o + def->offset) = Z_STR_P(val);
			break;
		case QS_OPT_SECONDS: {
			double d;
			if (Z_TYPE_P(val) == IS_LONG) {
				d = (double)Z_LVAL_P(val);
			} else if (Z_TYPE_P(val) == IS_DOUBLE) {
				d = Z_DVAL_P(val);
			} else {
				zend_argument_type_error(1, "option \"%s\" must be of type int|float, %s given",
					def->name, zend_zval_type_name(val));
				return FAILURE;
			}
			if (!(d > 0) || d > 86400) {
				zend_argument_value_error(1, "option \"%s\" must be a number of seconds greater than 0 and at most 86400",
					def->name);
				return FAILURE;
			}
			*(double *)((char *)o + def->offset) = d;
			break;
		}
		case QS_OPT_MARGIN:
			if (Z_TYPE_P(val) != IS_LONG) {
				zend_argument_type_error(1, "option \"%s\" must be of type int, %s given",
					def->name, zend_zval_type_name(val));
				return FAILURE;
			}
			if (Z_LVAL_P(val) < 0 || Z_LVAL_P(val) > 86400) {
				zend_argument_value_error(1, "option \"%s\" must be between 0 and 86400 seconds", def->name);
				return FAILURE;
			}
			o->refresh_margin = Z_LVAL_P(val);
			break;
		case QS_OPT_CALLABLE:
			if (!zend_is_callable(val, 0, NULL)) {
				zend_argument_type_error(1, "option \"%s\" must be a valid callback, %s given",
					def->name, zend_zval_type_name(val));
				return FAILURE;
			}
			o->on_disconnect = val;
			break;
		}
	} ZEND_HASH_FOREACH_END();

	if (o->sync_start) {
		const char *d = ZSTR_VAL(o->sync_start);
		bool ok = ZSTR_LEN(o->sync_start) == 10 && d[4] == '-' && d[7] == '-';
		int i;
		for (i = 0; ok && i < 10; i++) {
			ok = i == 4 || i == 7 || (d[i] >= '0' && d[i] <= '9');
		}
		if (!ok) {
			zend_argument_value_error(1, "option \"sync_start\" must be a date YYYY-MM-DD, \"%.32s\" given", d);
			return FAILURE;
		}
	}
	if (o->delivery
		&& !zend_string_equals_literal(o->delivery, "inline")
		&& !zend_string_equals_literal(o->delivery, "deferred")
		&& !zend_string_equals_literal(o->delivery, "worker")) {
		zend_argument_value_error(1, "option \"delivery\" must be \"inline\", \"deferred\" or \"worker\", \"%.64s\" given",
			ZSTR_VAL(o->delivery));
		return FAILURE;
	}
	return SUCCESS;
}

static void qs_hash_field(smart_str *buf, const char *name, const void *data, size_t len)
{
	smart_str_appends(buf, name);
	smart_str_appendc(buf, '=');
	smart_str_append_unsigned(buf, (zend_ulong)len);
	smart_str_appendc(buf, ':');
	if (len) {
		smart_str_appendl(buf, (const char *)data, len);
	}
	smart_str_appendc(buf, '\n');
}
#define QS_HASH_STR(buf, name, s) qs_hash_field((buf), (name), (s) ? (s) : "", (s) ? strlen(s) : 0)

/* The cache key: sha256 over every resolved setting (secrets included, so
 * two apps never share an engine); the buffer is wiped afterwards. */
static void qs_config_key(const qs_config *cfg, char out[65])
{
	smart_str buf = {0};
	char num[64];
	size_t need = 16 * 64 + QS_KEY_LEN;

	/* one allocation big enough for everything: a growing buffer would be
	 * reallocated, leaving unwiped copies of the secrets behind */
#define QS_LEN(s) ((s) ? strlen(s) : 0)
	need += QS_LEN(cfg->environment) + QS_LEN(cfg->client_id) + QS_LEN(cfg->client_secret)
		+ QS_LEN(cfg->redirect_uri) + QS_LEN(cfg->store_path) + QS_LEN(cfg->ca_info)
		+ QS_LEN(cfg->store_password) + QS_LEN(cfg->host_id) + QS_LEN(cfg->spill_dir)
		+ QS_LEN(cfg->home_currency) + QS_LEN(cfg->sync_start) + QS_LEN(cfg->exclude_methods)
		+ QS_LEN(cfg->webhook_verifier);
#undef QS_LEN
	smart_str_alloc(&buf, need, 0);

	QS_HASH_STR(&buf, "environment", cfg->environment);
	QS_HASH_STR(&buf, "client_id", cfg->client_id);
	QS_HASH_STR(&buf, "client_secret", cfg->client_secret);
	QS_HASH_STR(&buf, "redirect_uri", cfg->redirect_uri);
	QS_HASH_STR(&buf, "store", cfg->store_path);
	QS_HASH_STR(&buf, "store_password", cfg->store_password);
	QS_HASH_STR(&buf, "host_id", cfg->host_id);
	QS_HASH_STR(&buf, "spill_dir", cfg->spill_dir);
	qs_hash_field(&buf, "key", cfg->has_key ? cfg->key : (const unsigned char *)"", cfg->has_key ? QS_KEY_LEN : 0);
	snprintf(num, sizeof(num), "%d/%d/%ld/%ld/%ld/%ld/%ld", (int)cfg->delivery, (int)cfg->durability, cfg->timeout_ms,
		cfg->inline_timeout_ms, cfg->connect_timeout_ms, cfg->refresh_margin, cfg->lease_ms);
	qs_hash_field(&buf, "numbers", num, strlen(num));
	QS_HASH_STR(&buf, "ca_info", cfg->ca_info);
	QS_HASH_STR(&buf, "home_currency", cfg->home_currency);
	QS_HASH_STR(&buf, "sync_start", cfg->sync_start);
	QS_HASH_STR(&buf, "exclude_methods", cfg->exclude_methods);
	QS_HASH_STR(&buf, "webhook_verifier", cfg->webhook_verifier);
	smart_str_0(&buf);
	qs_sha256_hex(ZSTR_VAL(buf.s), ZSTR_LEN(buf.s), out);
	qs_wipe(ZSTR_VAL(buf.s), ZSTR_LEN(buf.s));
	smart_str_free(&buf);
}

static long qs_ms(double seconds)
{
	return (long)(seconds * 1000.0 + 0.5);
}

static void qs_attach(zval *return_value, qs_php_link *link)
{
	zend_object *obj = qs_php_conn_create(qs_php_ce_connection);
	qs_php_conn *conn = qs_php_conn_from_obj(obj);

	conn->link = link;
	link->refs++;
	link->obj = obj;
	link->last_used = ++QBOSYNC_G(link_seq);
	RETVAL_OBJ(obj);
}

/* Hands out the cached engine for cfg when there is a healthy one, else opens
 * a new one (and caches it when the limit allows). Throws on failure. */
static void qs_connect(zval *return_value, qs_config *cfg)
{
	zend_long max = QBOSYNC_G(max_connections);
	qs_php_link *link = NULL;
	qs_engine *eng;
	qs_error err;
	char key[65];

	qs_error_clear(&err);
	qs_config_key(cfg, key);

	/* a cached engine, when healthy */
	if (max != 0 && QBOSYNC_G(links_ready)) {
		link = zend_hash_str_find_ptr(&QBOSYNC_G(links), key, 64);
		if (link && !qs_link_healthy(link)) {
			qs_link_uncache(link);
			link = NULL;
		}
		if (link) {
			qs_wipe(cfg->key, sizeof(cfg->key));
			if (link->obj) {
				/* the same object for the same options within a request */
				link->last_used = ++QBOSYNC_G(link_seq);
				GC_ADDREF(link->obj);
				RETVAL_OBJ(link->obj);
				return;
			}
			qs_attach(return_value, link);
			return;
		}
	}

	eng = qs_engine_new(cfg, &err);
	qs_wipe(cfg->key, sizeof(cfg->key));
	if (!eng) {
		if (err.status == QS_OK) {
			err.status = QS_EINTERNAL;
		}
		qs_php_throw(&err);
		return;
	}
	QBOSYNC_G(engines_opened)++;
	link = qs_link_new(eng, key, cfg->environment, cfg->store_path);
	if (max != 0 && QBOSYNC_G(links_ready) && qs_links_make_room(max)) {
		zend_hash_str_update_ptr(&QBOSYNC_G(links), link->key, 64, link);
		link->cached = true;
		link->refs++;
	}
	qs_attach(return_value, link);
}

PHP_FUNCTION(qbo_connect)
{
	HashTable *options = NULL;
	qs_php_opts o;
	qs_config cfg;
	qs_error err;
	char *abs_store = NULL;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(options)
	ZEND_PARSE_PARAMETERS_END();

	qs_request_over = false;
	qs_log_bailed = false;

	if (qs_parse_options(options, &o) == FAILURE) {
		RETURN_THROWS();
	}

	memset(&cfg, 0, sizeof(cfg));
	qs_error_clear(&err);
	cfg.environment = o.environment ? ZSTR_VAL(o.environment)
		: (QBOSYNC_G(environment) && *QBOSYNC_G(environment) ? QBOSYNC_G(environment) : "production");
	cfg.client_id = o.client_id ? ZSTR_VAL(o.client_id) : NULL;
	cfg.client_secret = o.client_secret ? ZSTR_VAL(o.client_secret) : NULL;
	cfg.redirect_uri = o.redirect_uri ? ZSTR_VAL(o.redirect_uri) : NULL;
	if (o.encryption_key) {
		if (qs_key_parse(ZSTR_VAL(o.encryption_key), ZSTR_LEN(o.encryption_key), cfg.key, &err) != QS_OK) {
			qs_wipe(cfg.key, sizeof(cfg.key));
			zend_argument_value_error(1, "option \"encryption_key\" must be 64 hex digits or the base64 of 32 bytes");
			RETURN_THROWS();
		}
		cfg.has_key = true;
	} else if (QBOSYNC_G(ini_has_key)) {
		memcpy(cfg.key, QBOSYNC_G(ini_key), sizeof(cfg.key));
		cfg.has_key = true;
	}
	cfg.store_path = o.store ? ZSTR_VAL(o.store)
		: (QBOSYNC_G(store) && *QBOSYNC_G(store) ? QBOSYNC_G(store) : NULL);
	if (!cfg.store_path) {
		qs_wipe(cfg.key, sizeof(cfg.key));
		zend_argument_value_error(1, "must contain \"store\" when qbosync.store is not set");
		RETURN_THROWS();
	}
	cfg.store_password = o.store_password ? ZSTR_VAL(o.store_password)
		: (QBOSYNC_G(store_password) && *QBOSYNC_G(store_password) ? QBOSYNC_G(store_password) : NULL);
	cfg.host_id = QBOSYNC_G(host_id) && *QBOSYNC_G(host_id) ? QBOSYNC_G(host_id) : NULL;
	cfg.spill_dir = QBOSYNC_G(spill_dir) && *QBOSYNC_G(spill_dir) ? QBOSYNC_G(spill_dir) : NULL;
	if (o.delivery) {
		cfg.delivery = zend_string_equals_literal(o.delivery, "deferred") ? QS_DELIVER_DEFERRED
			: zend_string_equals_literal(o.delivery, "worker") ? QS_DELIVER_WORKER : QS_DELIVER_INLINE;
	} else {
		cfg.delivery = (qs_delivery)QBOSYNC_G(delivery);
	}
	cfg.durability = (qs_durability)QBOSYNC_G(durability);
	cfg.timeout_ms = qs_ms(o.timeout > 0 ? o.timeout : QBOSYNC_G(timeout));
	cfg.inline_timeout_ms = qs_ms(o.inline_timeout > 0 ? o.inline_timeout : QBOSYNC_G(inline_timeout));
	cfg.connect_timeout_ms = 3000;
	if (cfg.connect_timeout_ms > cfg.inline_timeout_ms) {
		cfg.connect_timeout_ms = cfg.inline_timeout_ms;
	}
	cfg.refresh_margin = o.refresh_margin >= 0 ? (long)o.refresh_margin : 300;
	if (o.lease > 0) {
		if (qs_ms(o.lease) <= cfg.timeout_ms) {
			qs_wipe(cfg.key, sizeof(cfg.key));
			zend_argument_value_error(1, "option \"lease\" must be longer than the timeout (%.1f s): a claim still being sent "
				"must not be taken over", (double)cfg.timeout_ms / 1000.0);
			RETURN_THROWS();
		}
		cfg.lease_ms = qs_ms(o.lease);
	}
	cfg.home_currency = o.home_currency ? ZSTR_VAL(o.home_currency) : NULL;
	cfg.ca_info = o.ca_info ? ZSTR_VAL(o.ca_info) : NULL;
	cfg.minorversion = NULL;
	cfg.sync_start = o.sync_start ? ZSTR_VAL(o.sync_start) : NULL;
	cfg.exclude_methods = o.exclude_methods ? ZSTR_VAL(o.exclude_methods) : NULL;
	cfg.webhook_verifier = o.webhook_verifier ? ZSTR_VAL(o.webhook_verifier)
		: (QBOSYNC_G(webhook_verifier) && *QBOSYNC_G(webhook_verifier) ? QBOSYNC_G(webhook_verifier) : NULL);

	/* the store as an absolute path: the cache key must not depend on the
	 * working directory of the request that first opened it (FPM changes it) */
	if (strcmp(cfg.store_path, ":memory:") == 0) {
		qs_wipe(cfg.key, sizeof(cfg.key));
		zend_argument_value_error(1, "option \"store\" cannot be \":memory:\": the store must be a file every process "
			"shares, or queued records would be lost with the request; give the path of a SQLite file");
		RETURN_THROWS();
	}
	if (strncasecmp(cfg.store_path, "file:", 5) == 0) {
		qs_wipe(cfg.key, sizeof(cfg.key));
		zend_argument_value_error(1, "option \"store\" cannot be a file: URI; give the plain path of the SQLite file");
		RETURN_THROWS();
	}
	/* a MariaDB/MySQL URL names a server, not a file; sqlite:PATH is a path */
	if (strncasecmp(cfg.store_path, "sqlite:", 7) == 0) {
		cfg.store_path += 7;
		if (cfg.store_path[0] == '/' && cfg.store_path[1] == '/') {
			cfg.store_path += 2;
		}
	}
	/* every other form, ':'-prefixed names included, is a path: made
	 * absolute and checked against open_basedir */
	if (!qs_store_is_mysql(cfg.store_path)) {
		abs_store = expand_filepath(cfg.store_path, NULL);
		if (!abs_store) {
			qs_wipe(cfg.key, sizeof(cfg.key));
			zend_argument_value_error(1, "option \"store\" is not a usable path");
			RETURN_THROWS();
		}
		if (php_check_open_basedir_ex(abs_store, 0)) {
			efree(abs_store);
			qs_wipe(cfg.key, sizeof(cfg.key));
			zend_argument_value_error(1, "option \"store\" is outside open_basedir");
			RETURN_THROWS();
		}
		cfg.store_path = abs_store;
	}

	qs_connect(return_value, &cfg);
	qs_wipe(cfg.key, sizeof(cfg.key));
	if (Z_TYPE_P(return_value) == IS_OBJECT) {
		/* the latest qbo_connect() of these options in this request decides
		 * who is told of a disconnect (the callable is not part of the cache key) */
		qs_php_conn *conn = Z_QS_CONN_P(return_value);
		zval_ptr_dtor(&conn->on_disconnect);
		if (o.on_disconnect) {
			ZVAL_COPY(&conn->on_disconnect, o.on_disconnect);
		} else {
			ZVAL_UNDEF(&conn->on_disconnect);
		}
	}
	if (o.fetch && Z_TYPE_P(return_value) == IS_OBJECT) {
		/* on this request's object; a later qbo_connect with another fetch replaces it */
		qs_php_conn *conn = Z_QS_CONN_P(return_value);
		zval_ptr_dtor(&conn->fetch);
		ZVAL_COPY(&conn->fetch, o.fetch);
	}
	if (Z_TYPE_P(return_value) == IS_OBJECT) {
		/* the log, like the fetch, is the request object's: the engine hands
		 * every exchange to the link's current object while it has one */
		qs_php_conn *conn = Z_QS_CONN_P(return_value);
		zval_ptr_dtor(&conn->log);
		ZVAL_UNDEF(&conn->log);
		if (o.log) {
			ZVAL_COPY(&conn->log, o.log);
		}
		if (conn->link && conn->link->eng && conn->link->obj == Z_OBJ_P(return_value)) {
			qs_engine_set_http_log(conn->link->eng, o.log ? qs_php_http_log_cb : NULL, o.log ? conn->link : NULL);
		}
		if (conn->link && conn->link->eng) {
			/* the log's retention and bodies: this call's options, else the INI's */
			qs_engine_set_log_policy(conn->link->eng,
				(long)(o.log_retention > 0 ? o.log_retention : QBOSYNC_G(log_retention)),
				(long)(o.log_max_rows >= 0 ? o.log_max_rows : QBOSYNC_G(log_max_rows)),
				(qs_log_bodies)(o.log_bodies >= 0 ? o.log_bodies : QBOSYNC_G(log_bodies)));
		}
	}
	if (abs_store) {
		efree(abs_store);
	}
}
