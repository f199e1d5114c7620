/* qbosync.c: the module itself: entry, globals, INI settings (with their
 * validators and the hidden encryption key), MINIT/MSHUTDOWN/RINIT/RSHUTDOWN
 * and the phpinfo() section. Functions and classes live in ext/php/. */
#ifdef HAVE_CONFIG_H
# include "config.h"
#endif

#include "php.h"
#include "php_ini.h"
#include "ext/standard/info.h"
#include "zend_exceptions.h"
#include "ext/spl/spl_exceptions.h"
#include "zend_attributes.h"

#include "php_qbosync.h"
#include "php/qs_php.h"
#include "core/qs_engine.h"
#include "core/qs_crypto.h"

#include <math.h>

#include "qbosync_arginfo.h"

ZEND_DECLARE_MODULE_GLOBALS(qbosync)

zend_class_entry *qs_php_ce_connection;
zend_class_entry *qs_php_ce_exception;
zend_class_entry *qs_php_ce_validation;
zend_class_entry *qs_php_ce_auth;
zend_class_entry *qs_php_ce_api;
zend_class_entry *qs_php_ce_store;

/* ---------------------------------------------------------------- INI */

#define QBOSYNC_KEY_INI "qbosync.encryption_key"
/* What ini_get()/ini_get_all()/get_cfg_var() see instead of a configured key. */
#define QBOSYNC_KEY_SHOWN "(set)"

/* The key as configured at startup (php.ini / -d), parsed; process-wide so
 * that ZTS threads (whose INI caches are refreshed from the hidden value) and
 * the end-of-request restore of a per-directory key get it back. */
static unsigned char qbosync_startup_key[QS_KEY_LEN];
static bool qbosync_startup_has_key;
static zend_string *qbosync_key_shown;

static ZEND_INI_MH(OnUpdateQbosyncKey)
{
	unsigned char key[QS_KEY_LEN];
	bool has = false;

	(void)entry; (void)mh_arg1; (void)mh_arg2; (void)mh_arg3;

	if (new_value && ZSTR_LEN(new_value) > 0) {
		if (zend_string_equals_literal(new_value, QBOSYNC_KEY_SHOWN)) {
			/* our own placeholder: the startup key stands */
			memcpy(key, qbosync_startup_key, sizeof(key));
			has = qbosync_startup_has_key;
		} else {
			qs_error err;
			qs_error_clear(&err);
			if (qs_key_parse(ZSTR_VAL(new_value), ZSTR_LEN(new_value), key, &err) != QS_OK) {
				qs_wipe(key, sizeof(key));
				if (stage == ZEND_INI_STAGE_STARTUP) {
					php_error_docref(NULL, E_WARNING,
						"%s is not a valid key (64 hex digits or the base64 of 32 bytes expected); no key is configured",
						QBOSYNC_KEY_INI);
				}
				return FAILURE;
			}
			has = true;
			if (stage == ZEND_INI_STAGE_STARTUP) {
				memcpy(qbosync_startup_key, key, sizeof(key));
				qbosync_startup_has_key = true;
			}
		}
	}
	if (has) {
		memcpy(QBOSYNC_G(ini_key), key, sizeof(key));
	} else {
		qs_wipe(QBOSYNC_G(ini_key), sizeof(QBOSYNC_G(ini_key)));
	}
	QBOSYNC_G(ini_has_key) = has;
	qs_wipe(key, sizeof(key));
	return SUCCESS;
}

#define QBOSYNC_VERIFIER_INI "qbosync.webhook_verifier"
/* The webhook verifier as configured at startup (malloc'd), for the same
 * reasons as the startup key: the INI entry itself only ever shows "(set)". */
static char *qbosync_startup_verifier;

static void qbosync_verifier_set(const char *v, size_t len)
{
	if (QBOSYNC_G(webhook_verifier)) {
		qs_secret_free(QBOSYNC_G(webhook_verifier));
		QBOSYNC_G(webhook_verifier) = NULL;
	}
	if (v && len) {
		QBOSYNC_G(webhook_verifier) = malloc(len + 1);
		if (QBOSYNC_G(webhook_verifier)) {
			memcpy(QBOSYNC_G(webhook_verifier), v, len);
			QBOSYNC_G(webhook_verifier)[len] = '\0';
		}
	}
}

static ZEND_INI_MH(OnUpdateQbosyncVerifier)
{
	(void)entry; (void)mh_arg1; (void)mh_arg2; (void)mh_arg3;

	if (!new_value || ZSTR_LEN(new_value) == 0) {
		qbosync_verifier_set(NULL, 0);
	} else if (zend_string_equals_literal(new_value, QBOSYNC_KEY_SHOWN)) {
		/* our own placeholder: the startup verifier stands */
		qbosync_verifier_set(qbosync_startup_verifier,
			qbosync_startup_verifier ? strlen(qbosync_startup_verifier) : 0);
	} else {
		if (memchr(ZSTR_VAL(new_value), '\0', ZSTR_LEN(new_value))) {
			return FAILURE;
		}
		qbosync_verifier_set(ZSTR_VAL(new_value), ZSTR_LEN(new_value));
		if (stage == ZEND_INI_STAGE_STARTUP) {
			qs_secret_free(qbosync_startup_verifier);
			qbosync_startup_verifier = strdup(ZSTR_VAL(new_value));
		}
	}
	return SUCCESS;
}

/* phpinfo() shows whether a key is set, never the key. */
static ZEND_INI_DISP(qbosync_display_key)
{
	zend_string *v = (type == ZEND_INI_DISPLAY_ORIG && ini_entry->modified)
		? ini_entry->orig_value : ini_entry->value;
	PHPWRITE(v && ZSTR_LEN(v) ? "(set)" : "(not set)",
		v && ZSTR_LEN(v) ? sizeof("(set)") - 1 : sizeof("(not set)") - 1);
}

/* Replaces the key's text wherever PHP would hand it out (ini_get, ini_get_all,
 * get_cfg_var) with "(set)"; the parsed key stays in the globals. */
static void qbosync_hide_ini(const char *name, bool at_startup)
{
	zend_ini_entry *ent = zend_hash_str_find_ptr(EG(ini_directives), name, strlen(name));

	if (at_startup) {
		zval *cfg = cfg_get_entry(name, strlen(name));
		if (cfg && Z_TYPE_P(cfg) == IS_STRING && Z_STRLEN_P(cfg) > 0) {
			zend_string *old = Z_STR_P(cfg);
			ZVAL_INTERNED_STR(cfg, qbosync_key_shown);
			zend_string_release_ex(old, 1);
		}
	}
	if (!ent || !ent->value || ZSTR_LEN(ent->value) == 0 || ent->value == qbosync_key_shown) {
		return;
	}
	if (!ent->modified || ent->value != ent->orig_value) {
		zend_string_release(ent->value);
	}
	ent->value = qbosync_key_shown;
}

/* The secret INI settings (the key, the webhook verifier) as "(set)". */
static void qbosync_hide_key(bool at_startup)
{
	qbosync_hide_ini(QBOSYNC_KEY_INI, at_startup);
	qbosync_hide_ini(QBOSYNC_VERIFIER_INI, at_startup);
}

static ZEND_INI_MH(OnUpdateQbosyncDelivery)
{
	zend_long *p = (zend_long *)ZEND_INI_GET_ADDR();
	(void)entry; (void)mh_arg3; (void)stage;

	if (zend_string_equals_literal(new_value, "inline")) {
		*p = QS_DELIVER_INLINE;
	} else if (zend_string_equals_literal(new_value, "deferred")) {
		*p = QS_DELIVER_DEFERRED;
	} else if (zend_string_equals_literal(new_value, "worker")) {
		*p = QS_DELIVER_WORKER;
	} else {
		if (stage == ZEND_INI_STAGE_STARTUP || stage == ZEND_INI_STAGE_RUNTIME) {
			php_error_docref(NULL, E_WARNING,
				"qbosync.delivery must be \"inline\", \"deferred\" or \"worker\", \"%s\" given",
				ZSTR_VAL(new_value));
		}
		return FAILURE;
	}
	return SUCCESS;
}

/* "process" (the default: a committed event survives a crash of the
 * process) or "power" (it survives a power cut too: an fsync per event);
 * SQLite's names for the two, "normal" and "full", are taken as well. */
static ZEND_INI_MH(OnUpdateQbosyncDurability)
{
	zend_long *p = (zend_long *)ZEND_INI_GET_ADDR();
	(void)entry; (void)mh_arg3;

	if (zend_string_equals_literal(new_value, "process") || zend_string_equals_literal(new_value, "normal")) {
		*p = QS_DURABLE_PROCESS;
	} else if (zend_string_equals_literal(new_value, "power") || zend_string_equals_literal(new_value, "full")) {
		*p = QS_DURABLE_POWER;
	} else {
		if (stage == ZEND_INI_STAGE_STARTUP || stage == ZEND_INI_STAGE_RUNTIME) {
			php_error_docref(NULL, E_WARNING,
				"qbosync.durability must be \"process\" (or \"normal\") or \"power\" (or \"full\"), \"%s\" given", ZSTR_VAL(new_value));
		}
		return FAILURE;
	}
	return SUCCESS;
}

/* Seconds: a positive number no larger than a day. */
static ZEND_INI_MH(OnUpdateQbosyncSeconds)
{
	double *p = (double *)ZEND_INI_GET_ADDR();
	double d;
	char *end = NULL;
	(void)mh_arg3;

	d = zend_strtod(ZSTR_VAL(new_value), (const char **)&end);
	while (end && (*end == ' ' || *end == '\t')) {
		end++;
	}
	if (ZSTR_LEN(new_value) == 0 || !end || *end != '\0' || !(d > 0) || d > 86400 || !isfinite(d)) {
		if (stage == ZEND_INI_STAGE_STARTUP || stage == ZEND_INI_STAGE_RUNTIME) {
			php_error_docref(NULL, E_WARNING,
				"%s must be a number of seconds greater than 0 and at most 86400, \"%s\" given",
				ZSTR_VAL(entry->name), ZSTR_VAL(new_value));
		}
		return FAILURE;
	}
	*p = d;
	return SUCCESS;
}

static ZEND_INI_MH(OnUpdateQbosyncEnvironment)
{
	if (ZSTR_LEN(new_value) == 0) {
		if (stage == ZEND_INI_STAGE_STARTUP || stage == ZEND_INI_STAGE_RUNTIME) {
			php_error_docref(NULL, E_WARNING,
				"qbosync.environment must be \"production\", \"sandbox\" or a sandbox base URL, not empty");
		}
		return FAILURE;
	}
	return OnUpdateString(entry, new_value, mh_arg1, mh_arg2, mh_arg3, stage);
}

static ZEND_INI_MH(OnUpdateQbosyncMaxConnections)
{
	zend_long *p = (zend_long *)ZEND_INI_GET_ADDR();
	zend_long v;
	(void)entry; (void)mh_arg3;

	if (ZSTR_LEN(new_value) == 0
		|| !is_numeric_string(ZSTR_VAL(new_value), ZSTR_LEN(new_value), &v, NULL, 0)
		|| v < -1 || v > 100000) {
		if (stage == ZEND_INI_STAGE_STARTUP || stage == ZEND_INI_STAGE_RUNTIME) {
			php_error_docref(NULL, E_WARNING,
				"qbosync.max_connections must be an integer from -1 (no limit) up, \"%s\" given",
				ZSTR_VAL(new_value));
		}
		return FAILURE;
	}
	*p = v;
	return SUCCESS;
}

/* An integer setting from lo to hi into *p; anything else is refused with a
 * warning (at startup and at runtime) that says what the setting must be. */
static zend_result ini_long_in(zend_string *value, int stage, zend_long lo, zend_long hi, zend_long *p,
	const char *must)
{
	zend_long v;
	if (ZSTR_LEN(value) == 0 || is_numeric_string(ZSTR_VAL(value), ZSTR_LEN(value), &v, NULL, 0) != IS_LONG
		|| v < lo || v > hi) {
		if (stage == ZEND_INI_STAGE_STARTUP || stage == ZEND_INI_STAGE_RUNTIME) {
			php_error_docref(NULL, E_WARNING, "%s, \"%s\" given", must, ZSTR_VAL(value));
		}
		return FAILURE;
	}
	*p = v;
	return SUCCESS;
}

/* Records per delivery wave of qbo_sync and the deferred drain: 1 (one at a
 * time) to QS_SYNC_BATCH_MAX (operations in one QuickBooks batch request). */
static ZEND_INI_MH(OnUpdateQbosyncBatchSize)
{
	char must[96];
	(void)entry; (void)mh_arg3;
	snprintf(must, sizeof(must), "qbosync.batch_size must be an integer from 1 (one record at a time) to %d",
		QS_SYNC_BATCH_MAX);
	return ini_long_in(new_value, stage, 1, QS_SYNC_BATCH_MAX, (zend_long *)ZEND_INI_GET_ADDR(), must);
}

/* Days the log keeps its rows (the deliverer removes older ones): 1..3650. */
static ZEND_INI_MH(OnUpdateQbosyncLogRetention)
{
	char must[128];
	(void)entry; (void)mh_arg3;
	snprintf(must, sizeof(must),
		"qbosync.log_retention must be a number of days from 1 to %ld (the log keeps its rows that long)",
		(long)QS_LOG_RETENTION_MAX);
	return ini_long_in(new_value, stage, 1, QS_LOG_RETENTION_MAX, (zend_long *)ZEND_INI_GET_ADDR(), must);
}

/* Rows the store's log keeps at most (0: no cap). */
static ZEND_INI_MH(OnUpdateQbosyncLogMaxRows)
{
	(void)entry; (void)mh_arg3;
	return ini_long_in(new_value, stage, 0, 1000000000, (zend_long *)ZEND_INI_GET_ADDR(),
		"qbosync.log_max_rows must be a number of rows from 0 (no cap) to 1000000000");
}

/* Which exchanges keep their bodies in the log: errors, all, none. */
static ZEND_INI_MH(OnUpdateQbosyncLogBodies)
{
	zend_long *p = (zend_long *)ZEND_INI_GET_ADDR();
	int v = qs_log_bodies_of(ZSTR_VAL(new_value));
	(void)entry; (void)mh_arg3;
	if (v < 0) {
		if (stage == ZEND_INI_STAGE_STARTUP || stage == ZEND_INI_STAGE_RUNTIME) {
			php_error_docref(NULL, E_WARNING,
				"qbosync.log_bodies must be \"errors\" (bodies of failed exchanges only), \"all\" or \"none\", \"%s\" given",
				ZSTR_VAL(new_value));
		}
		return FAILURE;
	}
	*p = v;
	return SUCCESS;
}

/* Seconds of QuickBooks' limit minute for the delivery pipeline's limiter:
 * 0 (no pacing) up to 3600; 60 is QBO's own. */
static ZEND_INI_MH(OnUpdateQbosyncRateWindow)
{
	double *p = (double *)ZEND_INI_GET_ADDR();
	double d;
	char *end = NULL;
	(void)mh_arg3;

	d = zend_strtod(ZSTR_VAL(new_value), (const char **)&end);
	if (ZSTR_LEN(new_value) == 0 || !end || *end != '\0' || !(d >= 0) || d > 3600 || !isfinite(d)) {
		if (stage == ZEND_INI_STAGE_STARTUP || stage == ZEND_INI_STAGE_RUNTIME) {
			php_error_docref(NULL, E_WARNING,
				"%s must be a number of seconds from 0 (no pacing) to 3600, \"%s\" given",
				ZSTR_VAL(entry->name), ZSTR_VAL(new_value));
		}
		return FAILURE;
	}
	*p = d;
	return SUCCESS;
}

/* phpinfo() shows whether the store password is set, never the password. */
static ZEND_INI_DISP(qbosync_display_secret)
{
	zend_string *v = (type == ZEND_INI_DISPLAY_ORIG && ini_entry->modified)
		? ini_entry->orig_value : ini_entry->value;
	PHPWRITE(v && ZSTR_LEN(v) ? "(set)" : "(not set)",
		v && ZSTR_LEN(v) ? sizeof("(set)") - 1 : sizeof("(not set)") - 1);
}

/* The store password: kept in the globals (a copy of its own, wiped when
 * replaced); what ini_get() sees is replaced by "(set)" (qbosync_hide_password). */
static ZEND_INI_MH(OnUpdateQbosyncStorePassword)
{
	(void)entry; (void)mh_arg1; (void)mh_arg2; (void)mh_arg3; (void)stage;
	if (new_value && zend_string_equals_literal(new_value, QBOSYNC_KEY_SHOWN)) {
		return SUCCESS;   /* our own placeholder: the password stands */
	}
	if (QBOSYNC_G(store_password)) {
		qs_wipe(QBOSYNC_G(store_password), strlen(QBOSYNC_G(store_password)));
		free(QBOSYNC_G(store_password));
		QBOSYNC_G(store_password) = NULL;
	}
	if (new_value && ZSTR_LEN(new_value) > 0) {
		QBOSYNC_G(store_password) = strdup(ZSTR_VAL(new_value));
	}
	return SUCCESS;
}

#define QBOSYNC_PASSWORD_INI "qbosync.store_password"

static void qbosync_hide_password(bool at_startup)
{
	zend_ini_entry *ent = zend_hash_str_find_ptr(EG(ini_directives),
		QBOSYNC_PASSWORD_INI, sizeof(QBOSYNC_PASSWORD_INI) - 1);
	if (at_startup) {
		zval *cfg = cfg_get_entry(QBOSYNC_PASSWORD_INI, sizeof(QBOSYNC_PASSWORD_INI) - 1);
		if (cfg && Z_TYPE_P(cfg) == IS_STRING && Z_STRLEN_P(cfg) > 0) {
			zend_string *old = Z_STR_P(cfg);
			ZVAL_INTERNED_STR(cfg, qbosync_key_shown);
			zend_string_release_ex(old, 1);
		}
	}
	if (!ent || !ent->value || ZSTR_LEN(ent->value) == 0 || ent->value == qbosync_key_shown) {
		return;
	}
	if (!ent->modified || ent->value != ent->orig_value) {
		zend_string_release(ent->value);
	}
	ent->value = qbosync_key_shown;
}

PHP_INI_BEGIN()
	PHP_INI_ENTRY_EX(QBOSYNC_PASSWORD_INI, "", PHP_INI_SYSTEM | PHP_INI_PERDIR,
		OnUpdateQbosyncStorePassword, qbosync_display_secret)
	STD_PHP_INI_ENTRY("qbosync.host_id", "", PHP_INI_SYSTEM | PHP_INI_PERDIR,
		OnUpdateString, host_id, zend_qbosync_globals, qbosync_globals)
	STD_PHP_INI_ENTRY("qbosync.spill_dir", "", PHP_INI_SYSTEM | PHP_INI_PERDIR,
		OnUpdateString, spill_dir, zend_qbosync_globals, qbosync_globals)
	STD_PHP_INI_ENTRY("qbosync.store", "", PHP_INI_SYSTEM | PHP_INI_PERDIR,
		OnUpdateString, store, zend_qbosync_globals, qbosync_globals)
	PHP_INI_ENTRY_EX(QBOSYNC_KEY_INI, "", PHP_INI_SYSTEM | PHP_INI_PERDIR,
		OnUpdateQbosyncKey, qbosync_display_key)
	PHP_INI_ENTRY_EX(QBOSYNC_VERIFIER_INI, "", PHP_INI_SYSTEM | PHP_INI_PERDIR,
		OnUpdateQbosyncVerifier, qbosync_display_key)
	STD_PHP_INI_ENTRY("qbosync.environment", "production", PHP_INI_SYSTEM | PHP_INI_PERDIR,
		OnUpdateQbosyncEnvironment, environment, zend_qbosync_globals, qbosync_globals)
	STD_PHP_INI_ENTRY("qbosync.delivery", "inline", PHP_INI_SYSTEM | PHP_INI_PERDIR,
		OnUpdateQbosyncDelivery, delivery, zend_qbosync_globals, qbosync_globals)
	STD_PHP_INI_ENTRY("qbosync.durability", "process", PHP_INI_SYSTEM | PHP_INI_PERDIR,
		OnUpdateQbosyncDurability, durability, zend_qbosync_globals, qbosync_globals)
	STD_PHP_INI_ENTRY("qbosync.timeout", "30", PHP_INI_SYSTEM | PHP_INI_PERDIR,
		OnUpdateQbosyncSeconds, timeout, zend_qbosync_globals, qbosync_globals)
	STD_PHP_INI_ENTRY("qbosync.inline_timeout", "5", PHP_INI_SYSTEM | PHP_INI_PERDIR,
		OnUpdateQbosyncSeconds, inline_timeout, zend_qbosync_globals, qbosync_globals)
	STD_PHP_INI_ENTRY("qbosync.max_connections", "8", PHP_INI_SYSTEM,
		OnUpdateQbosyncMaxConnections, max_connections, zend_qbosync_globals, qbosync_globals)
	STD_PHP_INI_ENTRY("qbosync.batch_size", "30", PHP_INI_ALL,
		OnUpdateQbosyncBatchSize, batch_size, zend_qbosync_globals, qbosync_globals)
	STD_PHP_INI_ENTRY("qbosync.rate_window", "60", PHP_INI_ALL,
		OnUpdateQbosyncRateWindow, rate_window, zend_qbosync_globals, qbosync_globals)
	STD_PHP_INI_ENTRY("qbosync.log_retention", "30", PHP_INI_ALL,
		OnUpdateQbosyncLogRetention, log_retention, zend_qbosync_globals, qbosync_globals)
	STD_PHP_INI_ENTRY("qbosync.log_max_rows", "1000000", PHP_INI_ALL,
		OnUpdateQbosyncLogMaxRows, log_max_rows, zend_qbosync_globals, qbosync_globals)
	STD_PHP_INI_ENTRY("qbosync.log_bodies", "errors", PHP_INI_ALL,
		OnUpdateQbosyncLogBodies, log_bodies, zend_qbosync_globals, qbosync_globals)
PHP_INI_END()

/* ---------------------------------------------------------------- globals */

static PHP_GINIT_FUNCTION(qbosync)
{
#if defined(COMPILE_DL_QBOSYNC) && defined(ZTS)
	ZEND_TSRMLS_CACHE_UPDATE();
#endif
	memset(qbosync_globals, 0, sizeof(*qbosync_globals));
	qs_php_links_ginit(&qbosync_globals->links);
	qbosync_globals->links_ready = true;
}

static PHP_GSHUTDOWN_FUNCTION(qbosync)
{
	if (qbosync_globals->links_ready) {
		qs_php_links_free_all(&qbosync_globals->links);
		qbosync_globals->links_ready = false;
	}
	qs_wipe(qbosync_globals->ini_key, sizeof(qbosync_globals->ini_key));
	qbosync_globals->ini_has_key = false;
	qs_secret_free(qbosync_globals->webhook_verifier);
	qbosync_globals->webhook_verifier = NULL;
	if (qbosync_globals->store_password) {
		qs_wipe(qbosync_globals->store_password, strlen(qbosync_globals->store_password));
		free(qbosync_globals->store_password);
		qbosync_globals->store_password = NULL;
	}
}

/* ---------------------------------------------------------------- lifecycle */

static PHP_MINIT_FUNCTION(qbosync)
{
	qbosync_key_shown = zend_string_init_interned(QBOSYNC_KEY_SHOWN, sizeof(QBOSYNC_KEY_SHOWN) - 1, 1);

	REGISTER_INI_ENTRIES();
	qs_sqlite_startup();
	qbosync_hide_key(true);
	qbosync_hide_password(true);

	register_qbosync_symbols(module_number);

	qs_php_ce_connection = register_class_QboSync_Connection();
	qs_php_connection_minit(qs_php_ce_connection);
	qs_php_json_minit();

	qs_php_ce_exception = register_class_QboSync_Exception(spl_ce_RuntimeException);
	qs_php_ce_validation = register_class_QboSync_ValidationException(qs_php_ce_exception);
	qs_php_ce_auth = register_class_QboSync_AuthException(qs_php_ce_exception);
	qs_php_ce_api = register_class_QboSync_ApiException(qs_php_ce_exception);
	qs_php_ce_store = register_class_QboSync_StoreException(qs_php_ce_exception);

	return SUCCESS;
}

static PHP_MSHUTDOWN_FUNCTION(qbosync)
{
	(void)type;
	/* engines first: they hold copies of the key and open store handles */
	if (QBOSYNC_G(links_ready)) {
		qs_php_links_free_all(&QBOSYNC_G(links));
		QBOSYNC_G(links_ready) = false;
	}
	UNREGISTER_INI_ENTRIES();
	qs_wipe(qbosync_startup_key, sizeof(qbosync_startup_key));
	qbosync_startup_has_key = false;
	qs_secret_free(qbosync_startup_verifier);
	qbosync_startup_verifier = NULL;
	return SUCCESS;
}

static PHP_RINIT_FUNCTION(qbosync)
{
	(void)type; (void)module_number;
#if defined(COMPILE_DL_QBOSYNC) && defined(ZTS)
	ZEND_TSRMLS_CACHE_UPDATE();
#endif
	/* a per-directory key (.user.ini, php_value) has been applied by now */
	qbosync_hide_key(false);
	qbosync_hide_password(false);
	return SUCCESS;
}

static PHP_RSHUTDOWN_FUNCTION(qbosync)
{
	(void)type; (void)module_number;
	/* deferred deliveries: after the response when the SAPI lets us end it */
	qs_php_links_rshutdown();
	return SUCCESS;
}

static PHP_MINFO_FUNCTION(qbosync)
{
	char count[32];
	(void)zend_module;

	php_info_print_table_start();
	php_info_print_table_row(2, "qbosync support", "enabled");
	php_info_print_table_row(2, "qbosync version", PHP_QBOSYNC_VERSION);
	php_info_print_table_row(2, "Libraries", qs_engine_versions());
	snprintf(count, sizeof(count), ZEND_LONG_FMT, qs_php_links_count());
	php_info_print_table_row(2, "Cached connections (this process)", count);
	snprintf(count, sizeof(count), ZEND_LONG_FMT, qs_php_engines_opened());
	php_info_print_table_row(2, "Engines opened (this process)", count);
	php_info_print_table_end();

	DISPLAY_INI_ENTRIES();
}

zend_module_entry qbosync_module_entry = {
	STANDARD_MODULE_HEADER,
	"qbosync",
	ext_functions,
	PHP_MINIT(qbosync),
	PHP_MSHUTDOWN(qbosync),
	PHP_RINIT(qbosync),
	PHP_RSHUTDOWN(qbosync),
	PHP_MINFO(qbosync),
	PHP_QBOSYNC_VERSION,
	PHP_MODULE_GLOBALS(qbosync),
	PHP_GINIT(qbosync),
	PHP_GSHUTDOWN(qbosync),
	NULL,
	STANDARD_MODULE_PROPERTIES_EX
};

#ifdef COMPILE_DL_QBOSYNC
# ifdef ZTS
ZEND_TSRMLS_CACHE_DEFINE()
# endif
ZEND_GET_MODULE(qbosync)
#endif
