/* qs_php.h: what the Zend binding's files share: the class entries, the
 * Connection object and its cached link to a qs_engine, zval <-> json-c
 * conversion and the mapping of a qs_error to an exception. */
#ifndef QS_PHP_H
#define QS_PHP_H

#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "php.h"
#include "php_qbosync.h"
#include "core/qs_engine.h"


/* ---- class entries (registered in MINIT from the generated arginfo) ---- */
extern zend_class_entry *qs_php_ce_connection;
extern zend_class_entry *qs_php_ce_exception;
extern zend_class_entry *qs_php_ce_validation;
extern zend_class_entry *qs_php_ce_auth;
extern zend_class_entry *qs_php_ce_api;
extern zend_class_entry *qs_php_ce_store;

/* ---- the link: one engine, shared by the cache and the live objects ---- */
typedef struct qs_php_link {
	qs_engine *eng;
	char key[65];          /* cache key: sha256 of the resolved options */
	char *environment;     /* persistent copy, shown by var_dump */
	char *store_path;      /* persistent copy, for the health check */
	uint32_t refs;         /* one for the cache (when cached) + one per live object */
	bool cached;
	bool broken;           /* a store failure was seen: never handed out again */
	bool busy;             /* inside qbo_sync(): its progress callable may not use it */
	zend_object *obj;      /* this request's object for the link (not counted) */
	uint64_t last_used;    /* LRU sequence number */
	long pid;              /* the process that opened it (fork check) */
	bool store_stat_ok;
	uint64_t store_dev;    /* the store file's identity when opened */
	uint64_t store_ino;
} qs_php_link;

typedef struct qs_php_conn {
	qs_php_link *link;     /* NULL only while `new` is being refused */
	zval on_disconnect;    /* the on_disconnect callable of qbo_connect(), or UNDEF */
	zval fetch;            /* the fetch option (a callable) or UNDEF: held by this
	                          request's object, never by the cached link, so a cached
	                          engine never keeps a closure of an earlier request */
	zval source;           /* the history push's source callable (qbo_history/qbo_sync
	                          option source) or UNDEF: held like fetch */
	zval log;              /* the log option: callable(array $entry) per HTTP exchange,
	                          or UNDEF: held like fetch */
	zend_object std;
} qs_php_conn;

static inline qs_php_conn *qs_php_conn_from_obj(zend_object *obj)
{
	return (qs_php_conn *)((char *)obj - XtOffsetOf(qs_php_conn, std));
}
#define Z_QS_CONN_P(zv) qs_php_conn_from_obj(Z_OBJ_P(zv))

/* qs_php_connection.c */
/* The engine's exchange log, calling the link's current object's log option. */
void qs_php_http_log_cb(void *ud, const qs_http_exchange *x);
void qs_php_connection_minit(zend_class_entry *ce);
void qs_php_links_ginit(HashTable *links);
void qs_php_links_free_all(HashTable *links);
void qs_php_links_rshutdown(void);
zend_long qs_php_links_count(void);
zend_long qs_php_engines_opened(void);
/* The engine behind a Connection argument; throws an Error and returns NULL
 * when the object has no engine. */
qs_engine *qs_php_conn_engine(zval *zconn);
/* In a PHP_FUNCTION: eng = the Connection's engine, or return with its Error. */
#define QS_ENGINE(zconn, eng) do { \
		(eng) = qs_php_conn_engine(zconn); \
		if (!(eng)) { RETURN_THROWS(); } \
	} while (0)
/* Brackets a long engine call that runs PHP callbacks. */
void qs_php_conn_set_busy(zval *zconn, bool busy);
/* Calls the on_disconnect callable when the engine turned the connection
 * Disconnected during the call that just returned. */
void qs_php_conn_notify(zval *zconn);
/* Marks the connection's link as not to be reused (after a store failure). */
void qs_php_conn_mark_broken(zval *zconn);
/* qs_php_throw, and marks the connection broken when the store failed. */
void qs_php_throw_conn(zval *zconn, const qs_error *e);

/* The engine's fetch for hook events: the connection's fetch option, else
 * WHMCS's localAPI when that function exists. Set before an engine call that
 * may expand hook events, cleared after (qs_php_fetch_clear). */
void qs_php_fetch_set(zval *zconn, qs_engine *eng);
void qs_php_fetch_clear(zval *zconn, qs_engine *eng);
/* qs_php_history.c: the bridge from the engine's history source to the
 * object's source callable (set and cleared with the fetch). */
qs_status qs_php_source_cb(void *ud, const char *kind, long offset, long limit,
	json_object **docs, long *total, qs_error *e);
/* Keeps callable (a valid callable zval) as the object's source for this request. */
void qs_php_source_keep(zval *zconn, zval *callable);

/* A fatal error inside the fetch callable was caught to let the engine
 * unwind; true (once) when the caller must now zend_bailout(). */
bool qs_php_fetch_bailed(void);
/* Notes such a fatal error caught in another callable of the engine (the history source). */
void qs_php_fetch_note_bail(void);

/* qs_php_functions.c: ends a function with the engine's answer (out, released)
 * or the exception that fits err. */
void qs_php_return_result(zval *return_value, zval *zconn, qs_status st, json_object *out, const qs_error *err);

/* qs_php_exceptions.c */
/* Throws the exception that fits e->status (see the mapping there). */
void qs_php_throw(const qs_error *e);

/* qs_php_json.c */
/* A new json-c value from a zval; NULL with an exception thrown (naming
 * argument arg_num and the path inside it) when a value cannot be converted. */
json_object *qs_php_to_json(zval *zv, uint32_t arg_num);
/* Fills out (uninitialised) from j; NULL is PHP null. */
void qs_php_from_json(json_object *j, zval *out);
/* The state qs_engine_push_view answered in its fields, as the array qs_php_from_json
 * would make of the same state as JSON. */
void qs_php_state_view(const qs_state_view *v, zval *out);
/* At MINIT: the state's field names as permanent interned strings. */
void qs_php_json_minit(void);
/* A billing document of kind as json-c; NULL with *err a QS_EVALIDATION naming
 * the record ("Invoice 7") and the field when it cannot be one (nothing thrown).
 * borrow_keys: the tree's field names are the array's own key strings, not
 * copies, so the tree must be freed while zv is unchanged (within the call). */
json_object *qs_php_doc_to_json(zval *zv, const char *kind, bool borrow_keys, qs_error *err);

#endif /* QS_PHP_H */
