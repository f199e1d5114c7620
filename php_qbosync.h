/* php_qbosync.h: the qbosync module entry, its version and its module globals
 * (INI values, the parsed INI encryption key, the per-process connection cache). */
#ifndef PHP_QBOSYNC_H
#define PHP_QBOSYNC_H

extern zend_module_entry qbosync_module_entry;
#define phpext_qbosync_ptr &qbosync_module_entry

#define PHP_QBOSYNC_VERSION "0.1.0"

#ifdef ZTS
# include "TSRM.h"
#endif

ZEND_BEGIN_MODULE_GLOBALS(qbosync)
	/* INI */
	char *store;               /* qbosync.store: default store path */
	char *store_password;      /* qbosync.store_password: the MariaDB/MySQL store's password; secret */
	char *spill_dir;           /* qbosync.spill_dir: where the hook spill file goes ("": TMPDIR or /tmp) */
	char *host_id;             /* qbosync.host_id: this host's name in claim owners ("": gethostname) */
	char *environment;         /* qbosync.environment */
	char *webhook_verifier;    /* qbosync.webhook_verifier, malloc'd or NULL; secret (the INI entry shows "(set)") */
	zend_long delivery;        /* qbosync.delivery, a qs_delivery value */
	zend_long durability;      /* qbosync.durability, a qs_durability value */
	double timeout;            /* qbosync.timeout, seconds */
	double inline_timeout;     /* qbosync.inline_timeout, seconds */
	zend_long max_connections; /* qbosync.max_connections: -1 unlimited, 0 no cache */
	zend_long batch_size;      /* qbosync.batch_size: records per delivery wave, 1 = one at a time */
	double rate_window;        /* qbosync.rate_window: seconds of QBO's limit minute, 0 = no pacing */
	zend_long log_retention;   /* qbosync.log_retention: days the log keeps its rows (1..3650) */
	zend_long log_max_rows;    /* qbosync.log_max_rows: rows the store's log keeps at most, 0 = no cap */
	zend_long log_bodies;      /* qbosync.log_bodies, a qs_log_bodies value */
	unsigned char ini_key[32]; /* qbosync.encryption_key, parsed; secret */
	bool ini_has_key;
	/* the connection cache: options hash -> qs_php_link* (malloc'd, lives
	 * across requests until MSHUTDOWN/GSHUTDOWN) */
	HashTable links;
	bool links_ready;
	uint64_t link_seq;         /* LRU clock of the cache */
	zend_long engines_opened;  /* qs_engine_new() calls in this process (phpinfo) */
ZEND_END_MODULE_GLOBALS(qbosync)

ZEND_EXTERN_MODULE_GLOBALS(qbosync)
#define QBOSYNC_G(v) ZEND_MODULE_GLOBALS_ACCESSOR(qbosync, v)

#if defined(ZTS) && defined(COMPILE_DL_QBOSYNC)
ZEND_TSRMLS_CACHE_EXTERN()
#endif

#endif /* PHP_QBOSYNC_H */
