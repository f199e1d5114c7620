/* qs_error: the status codes and the error record every core function fills.
 * Pure C; no Zend header may be included from ext/core. */
#ifndef QS_ERROR_H
#define QS_ERROR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum qs_status {
	QS_OK = 0,
	QS_EVALIDATION, /* bad canonical document or argument: nothing was recorded */
	QS_EAPI,        /* QBO answered with a Fault: code/element/detail are QBO's */
	QS_EAUTH,       /* re-authorization needed (invalid_grant, revoked, no tokens) */
	QS_ETOKEN,      /* access token refused (HTTP 401): refresh and try again */
	QS_ETHROTTLE,   /* HTTP 429: back off */
	QS_ESERVER,     /* HTTP 5xx or an answer that is not QBO JSON: retry later */
	QS_ENET,        /* transport failure: connect, TLS, timeout, reset */
	QS_EWAITING,    /* a dependency is not in QBO yet ("Waiting on customer 12") */
	QS_ESTATE,      /* OAuth state missing, expired or not ours */
	QS_ECONFIG,     /* option or INI setting missing or invalid */
	QS_ESTORE,      /* SQLite store failure */
	QS_EINTERNAL    /* out of memory or a broken invariant */
} qs_status;

typedef struct qs_error {
	qs_status status;
	long http_status;      /* HTTP status of the answer, 0 when none */
	bool timed_out;        /* QS_ENET because the timeout ran out */
	char code[32];         /* QBO fault code ("6240") or OAuth error ("invalid_grant") */
	char element[128];     /* QBO's element, or the canonical field path ("lines[2].amount") */
	char detail[1024];     /* QBO's Detail, verbatim (bounded) */
	char message[1024];    /* one sentence for a person: what, which record, what to do */
	char kind[16];         /* record kind the error is about ("invoice"), may be empty */
	char record_id[65];    /* record's local id, may be empty */
	long retry_after;      /* seconds from a Retry-After header (429/503), 0 when absent;
	                          qs_qbo fills it, the engine's backoff honours it */
} qs_error;

void qs_error_clear(qs_error *e);

/* Sets status and a printf-style message; returns st so callers can
 * `return qs_error_set(e, QS_EVALIDATION, "...")`. e may be NULL. */
qs_status qs_error_set(qs_error *e, qs_status st, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Records which record the error is about (kept by later qs_error_set calls). */
void qs_error_record(qs_error *e, const char *kind, const char *record_id);

/* Copies src into dst (both may be the same). */
void qs_error_copy(qs_error *dst, const qs_error *src);

/* "ValidationError", "ApiError", ... for logs and the overview. */
const char *qs_status_name(qs_status st);

/* Bounded copy that always NUL-terminates; returns true when src fitted. */
bool qs_strlcpy(char *dst, const char *src, size_t size);

/* Makes room for one more element in a growable array (arr holding n of
 * elem bytes, capacity *cap), doubling it from first: returns the array to
 * use from now on, or NULL when out of memory (arr is then still valid). */
void *qs_grow(void *arr, size_t *cap, size_t n, size_t elem, size_t first);

#endif
