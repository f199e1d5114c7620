/* qs_php_exceptions.c: turns a core qs_error into the PHP exception that fits
 * it, with QBO's code/element/detail and the record it is about as properties. */
#include "qs_php.h"
#include "zend_exceptions.h"

/* Which class a status is thrown as:
 *   QS_EVALIDATION        -> QboSync\ValidationException (kind, recordId, field)
 *   QS_EAPI               -> QboSync\ApiException (qboCode, element, detail, kind, recordId)
 *   QS_EAUTH, QS_ESTATE   -> QboSync\AuthException
 *   QS_ESTORE             -> QboSync\StoreException
 *   anything else         -> QboSync\Exception
 * The exception code is the qs_status number, so callers can tell a network
 * failure from a server error without parsing the message. */
static zend_class_entry *qs_php_class_for(qs_status st)
{
	switch (st) {
	case QS_EVALIDATION: return qs_php_ce_validation;
	case QS_EAPI: return qs_php_ce_api;
	case QS_EAUTH:
	case QS_ESTATE: return qs_php_ce_auth;
	case QS_ESTORE: return qs_php_ce_store;
	default: return qs_php_ce_exception;
	}
}

static void qs_php_set_str(zend_object *ex, const char *name, size_t name_len, const char *value)
{
	zend_update_property_stringl(ex->ce, ex, name, name_len, value ? value : "",
		value ? strnlen(value, 4096) : 0);
}
#define QS_SET(ex, lit, v) qs_php_set_str((ex), lit, sizeof(lit) - 1, (v))

void qs_php_throw(const qs_error *e)
{
	zend_class_entry *ce;
	zend_object *ex;
	const char *msg;

	if (EG(exception)) {
		return; /* a PHP exception (e.g. from a callback) is already on its way */
	}
	if (!e || e->status == QS_OK) {
		zend_throw_exception(qs_php_ce_exception, "qbosync: internal error without a message", QS_EINTERNAL);
		return;
	}
	ce = qs_php_class_for(e->status);
	msg = e->message[0] ? e->message : qs_status_name(e->status);
	ex = zend_throw_exception(ce, msg, (zend_long)e->status);
	if (!ex) {
		return;
	}
	if (ce == qs_php_ce_validation) {
		QS_SET(ex, "kind", e->kind);
		QS_SET(ex, "recordId", e->record_id);
		QS_SET(ex, "field", e->element);
	} else if (ce == qs_php_ce_api) {
		QS_SET(ex, "qboCode", e->code);
		QS_SET(ex, "element", e->element);
		QS_SET(ex, "detail", e->detail);
		QS_SET(ex, "kind", e->kind);
		QS_SET(ex, "recordId", e->record_id);
	}
}
