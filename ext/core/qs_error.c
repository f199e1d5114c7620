/* qs_error: filling and naming the error record shared by every core module. */
#include "qs_error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void qs_error_clear(qs_error *e)
{
	/* every field empty: the text fields by their first byte (the record is
	 * 2 KiB and cleared many times per pushed document) */
	if (e) {
		e->status = QS_OK;
		e->http_status = 0;
		e->timed_out = false;
		e->code[0] = e->element[0] = e->detail[0] = e->message[0] = e->kind[0] = e->record_id[0] = '\0';
		e->retry_after = 0;
	}
}

qs_status qs_error_set(qs_error *e, qs_status st, const char *fmt, ...)
{
	if (e) {
		va_list ap;
		e->status = st;
		va_start(ap, fmt);
		vsnprintf(e->message, sizeof(e->message), fmt, ap);
		va_end(ap);
	}
	return st;
}

void qs_error_record(qs_error *e, const char *kind, const char *record_id)
{
	if (!e) {
		return;
	}
	qs_strlcpy(e->kind, kind ? kind : "", sizeof(e->kind));
	qs_strlcpy(e->record_id, record_id ? record_id : "", sizeof(e->record_id));
}

void qs_error_copy(qs_error *dst, const qs_error *src)
{
	if (dst && src && dst != src) {
		memcpy(dst, src, sizeof(*dst));
	}
}

const char *qs_status_name(qs_status st)
{
	switch (st) {
	case QS_OK: return "OK";
	case QS_EVALIDATION: return "ValidationError";
	case QS_EAPI: return "ApiError";
	case QS_EAUTH: return "AuthError";
	case QS_ETOKEN: return "TokenRefused";
	case QS_ETHROTTLE: return "Throttled";
	case QS_ESERVER: return "ServerError";
	case QS_ENET: return "NetworkError";
	case QS_EWAITING: return "Waiting";
	case QS_ESTATE: return "OAuthStateError";
	case QS_ECONFIG: return "ConfigError";
	case QS_ESTORE: return "StoreError";
	case QS_EINTERNAL: return "InternalError";
	}
	return "UnknownError";
}

void *qs_grow(void *arr, size_t *cap, size_t n, size_t elem, size_t first)
{
	size_t nc;
	void *nv;
	if (n < *cap) {
		return arr;
	}
	nc = *cap ? *cap * 2 : first;
	nv = realloc(arr, nc * elem);
	if (nv) {
		*cap = nc;
	}
	return nv;
}

bool qs_strlcpy(char *dst, const char *src, size_t size)
{
	size_t n;
	if (size == 0) {
		return false;
	}
	if (!src) {
		dst[0] = '\0';
		return true;
	}
	n = strlen(src);
	if (n >= size) {
		memcpy(dst, src, size - 1);
		dst[size - 1] = '\0';
		return false;
	}
	memcpy(dst, src, n + 1);
	return true;
}
