/* qs_http: HTTP over libcurl for the QBO API and OAuth server. One easy handle
 * per qs_http, reused across calls (keep-alive, TLS session reuse); TLS is always
 * verified, plain http is refused except to the loopback address. */
#ifndef QS_HTTP_H
#define QS_HTTP_H

#include "qs_error.h"

typedef struct qs_http qs_http;

/* One finished exchange as the exchange log sees it (qs_http_log.c scrubs the
 * bodies before the observer gets them; headers are never passed). */
typedef struct qs_http_exchange {
	const char *method;
	const char *url;
	long status;              /* 0 when no answer */
	const char *request;      /* request body (may be NULL), request_len bytes */
	size_t request_len;
	const char *response;     /* answer body (may be NULL), response_len bytes */
	size_t response_len;
	bool response_nul;        /* response[response_len] is a NUL (the transport's own buffer) */
	const char *intuit_tid;   /* "" when absent */
	double ms;                /* time taken */
	const char *error;        /* transport failure text, or NULL */
	const char *note;         /* what the caller said the exchange carries (qs_http_set_note), or NULL */
} qs_http_exchange;

/* The observer of every exchange of a handle: called after the answer (or the
 * failure), with the secrets already removed from x's bodies. */
typedef void (*qs_http_log_fn)(void *ud, const qs_http_exchange *x);
/* What several qs_http handles of one thread share (a libcurl share): TLS
 * sessions (a new connection resumes the session another handle made),
 * the DNS cache and the connection cache. It must outlive every handle made
 * with it; never used by two threads. */
typedef struct qs_http_share qs_http_share;
qs_http_share *qs_http_share_new(qs_error *e);
void qs_http_share_free(qs_http_share *s);

typedef struct qs_http_opts {
	long timeout_ms;          /* whole request; 0 = 30000 */
	long connect_timeout_ms;  /* 0 = 5000 */
	const char *ca_info;      /* optional CA bundle path (NULL: system default) */
	const char *user_agent;   /* NULL: "qbosync/<version>" */
	qs_http_log_fn log;       /* NULL: no exchange log */
	void *log_ud;
	qs_http_share *share;     /* NULL: the handle keeps its own sessions and connections */
} qs_http_opts;

typedef struct qs_http_resp {
	long status;              /* HTTP status, 0 when no answer */
	char *body;               /* malloc'd, NUL-terminated (may contain NULs before len) */
	size_t len;
	char content_type[128];
	char intuit_tid[96];      /* intuit_tid response header, for support */
	long retry_after;         /* Retry-After header in seconds (delta-seconds or an
	                             HTTP date), at most QS_HTTP_RETRY_AFTER_MAX; -1 when
	                             absent or malformed */
} qs_http_resp;

/* The longest wait a Retry-After header can impose (seconds): a larger value
 * is cut to this, so one hostile or broken answer cannot pause a company for
 * ever. Every back-off the engine computes has the same ceiling. */
#define QS_HTTP_RETRY_AFTER_MAX 3600L

/* Retry-After's value (RFC 9110 10.2.3): delta-seconds or an HTTP date, read
 * against now (unix seconds); capped at QS_HTTP_RETRY_AFTER_MAX, a date in the
 * past is 0, anything else (empty, signs, junk, a bad date) is -1. */
long qs_http_retry_after_parse(const char *value, long long now);

/* true when a header line ("Name: value") can be sent as it is: no CR, LF or
 * NUL (a value taken from the network must never add header lines). */
bool qs_http_header_ok(const char *line);

/* Process-wide libcurl setup and teardown (call from MINIT / MSHUTDOWN). Optional:
 * qs_http_new also initialises libcurl when needed. */
void qs_http_global_init(void);
void qs_http_global_cleanup(void);

/* Answers larger than this are refused (QS_ESERVER) instead of being buffered. */
#define QS_HTTP_MAX_BODY ((size_t)64 * 1024 * 1024)

qs_http *qs_http_new(const qs_http_opts *opts, qs_error *e);
void qs_http_free(qs_http *h);

/* Changes the per-request timeouts of an existing handle (e.g. the inline hook
 * path uses a shorter one than the worker); 0 keeps the current value. */
void qs_http_set_timeouts(qs_http *h, long timeout_ms, long connect_timeout_ms);

/* headers: NULL-terminated array of "Name: value" strings (may be NULL).
 * Transport failures are QS_ENET (e->timed_out set on timeout); any HTTP
 * answer, whatever its status, is QS_OK with out filled. A URL that is plain
 * http to a non-loopback host is QS_ECONFIG and nothing is sent. */
qs_status qs_http_request(qs_http *h, const char *method, const char *url,
	const char *const *headers, const char *body, size_t body_len,
	qs_http_resp *out, qs_error *e);

void qs_http_resp_clear(qs_http_resp *r);

/* qs_http_request in two halves, for a transfer driven by a curl multi handle
 * (qs_pool): qs_http_start checks the URL and headers and sets every option
 * (the same TLS, proxy, protocol and size rules as qs_http_request; headers
 * are copied, body must live until qs_http_finish); qs_http_easy is the CURL
 * easy handle to add to the multi; qs_http_finish takes the transfer's
 * CURLcode and classifies it exactly as qs_http_request does. One transfer
 * at a time per qs_http. */
qs_status qs_http_start(qs_http *h, const char *method, const char *url,
	const char *const *headers, const char *body, size_t body_len,
	qs_http_resp *out, qs_error *e);
void *qs_http_easy(qs_http *h);
qs_status qs_http_finish(qs_http *h, int curlcode, qs_error *e);

/* true for https URLs and for http to 127.0.0.0/8, [::1] or localhost. */
bool qs_http_url_allowed(const char *url);

/* Percent-encodes s for a query string (malloc'd). */
char *qs_http_urlencode(const char *s);

/* Bounded copy of text taken from an answer (QBO messages, OAuth errors) into a
 * fixed field: never splits a UTF-8 sequence, turns control characters into
 * spaces, always NUL-terminates. len may be (size_t)-1 for strlen(src). */
void qs_text_copy(char *dst, size_t size, const char *src, size_t len);

/* Sets (or with NULL removes) the handle's exchange log. */
void qs_http_set_log(qs_http *h, qs_http_log_fn fn, void *ud);
/* A note (copied) the next exchange of h carries to its log (x->note), e.g.
 * the records of a /batch; NULL: none. */
void qs_http_set_note(qs_http *h, const char *note);

/* The exchange log (qs_http_log.c): removes the values of access_token,
 * refresh_token, id_token, token, client_secret, client_assertion (and, in a
 * form, code) from a form or JSON body (malloc'd copy, at most QS_HTTP_LOG_MAX bytes kept, then a
 * note of the size); NULL on OOM. */
#define QS_HTTP_LOG_MAX ((size_t)64 * 1024)
char *qs_http_log_scrub(const char *body, size_t len);
/* Scrubs x's bodies and calls fn with the scrubbed copy. */
void qs_http_log_emit(qs_http_log_fn fn, void *ud, const qs_http_exchange *x);

/* Version strings for phpinfo(): "libcurl/7.88.1 OpenSSL/3.0.x". */
const char *qs_http_version(void);

#endif
