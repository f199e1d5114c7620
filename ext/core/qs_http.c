/* qs_http: HTTP requests over one reused libcurl easy handle: verified TLS, no
 * redirects, http/https only, plain http only to loopback, bounded answers. */
#include "qs_http.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>

#ifndef QS_VERSION
#define QS_VERSION "0.1.0"
#endif

/* State of one transfer, filled by the callbacks. */
typedef struct qs_xfer {
	qs_http_resp *resp;
	size_t cap;
	bool too_big;
	bool oom;
} qs_xfer;

struct qs_http {
	CURL *curl;
	long timeout_ms;
	long connect_timeout_ms;
	char *ca_info;
	char *user_agent;
	char errbuf[CURL_ERROR_SIZE];
	/* the transfer between qs_http_start and qs_http_finish */
	qs_xfer x;
	struct curl_slist *list;
	char host[256];
	bool started;
	/* the exchange log: what qs_http_finish hands to it */
	qs_http_log_fn log;
	void *log_ud;
	char log_method[16];
	char *log_url;
	const char *log_body;
	size_t log_body_len;
	struct timespec log_t0;
	char *next_note, *log_note;   /* qs_http_set_note: for the next exchange, and the current one's */
};

void qs_http_global_init(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

void qs_http_global_cleanup(void)
{
	curl_global_cleanup();
}

struct qs_http_share {
	CURLSH *sh;
};

qs_http_share *qs_http_share_new(qs_error *e)
{
	qs_http_share *s = calloc(1, sizeof(*s));
	if (!s || !(s->sh = curl_share_init())) {
		free(s);
		qs_error_set(e, QS_EINTERNAL, "libcurl could not create a share for the HTTP handles");
		return NULL;
	}
	/* one thread uses it: no lock callbacks. A session is resumed only for
	 * a connection whose TLS settings (CA, verification) match the one that
	 * made it: libcurl keys sessions by host, port and those settings. */
	if (curl_share_setopt(s->sh, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION) != CURLSHE_OK
			|| curl_share_setopt(s->sh, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS) != CURLSHE_OK
			|| curl_share_setopt(s->sh, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT) != CURLSHE_OK) {
		curl_share_cleanup(s->sh);
		free(s);
		qs_error_set(e, QS_EINTERNAL, "libcurl refused to share TLS sessions, DNS and connections");
		return NULL;
	}
	return s;
}

void qs_http_share_free(qs_http_share *s)
{
	if (s) {
		curl_share_cleanup(s->sh);
		free(s);
	}
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

qs_http *qs_http_new(const qs_http_opts *opts, qs_error *e)
{
	qs_http *h = calloc(1, sizeof(*h));
	if (!h) {
		qs_error_set(e, QS_EINTERNAL, "Out of memory while preparing the HTTP client");
		return NULL;
	}
	h->curl = curl_easy_init();
	if (!h->curl) {
		free(h);
		qs_error_set(e, QS_EINTERNAL, "libcurl could not create an HTTP handle");
		return NULL;
	}
	if (opts && opts->share) {
		/* kept by curl_easy_reset, like the handle's live connections */
		curl_easy_setopt(h->curl, CURLOPT_SHARE, opts->share->sh);
	}
	h->timeout_ms = opts && opts->timeout_ms > 0 ? opts->timeout_ms : 30000;
	h->connect_timeout_ms = opts && opts->connect_timeout_ms > 0 ? opts->connect_timeout_ms : 5000;
	h->ca_info = dup_or_null(opts && opts->ca_info && *opts->ca_info ? opts->ca_info : NULL);
	h->user_agent = strdup(opts && opts->user_agent && *opts->user_agent
		? opts->user_agent : "qbosync/" QS_VERSION);
	h->log = opts ? opts->log : NULL;
	h->log_ud = opts ? opts->log_ud : NULL;
	if (!h->user_agent || (opts && opts->ca_info && *opts->ca_info && !h->ca_info)) {
		qs_http_free(h);
		qs_error_set(e, QS_EINTERNAL, "Out of memory while preparing the HTTP client");
		return NULL;
	}
	return h;
}

void qs_http_free(qs_http *h)
{
	if (!h) {
		return;
	}
	if (h->curl) {
		curl_easy_cleanup(h->curl);
	}
	curl_slist_free_all(h->list);
	free(h->ca_info);
	free(h->user_agent);
	free(h->log_url);
	free(h->next_note);
	free(h->log_note);
	free(h);
}

void qs_http_set_note(qs_http *h, const char *note)
{
	if (h) {
		free(h->next_note);
		h->next_note = note ? strdup(note) : NULL;
	}
}

void qs_http_set_log(qs_http *h, qs_http_log_fn fn, void *ud)
{
	if (h) {
		h->log = fn;
		h->log_ud = ud;
	}
}

void qs_http_set_timeouts(qs_http *h, long timeout_ms, long connect_timeout_ms)
{
	if (!h) {
		return;
	}
	if (timeout_ms > 0) {
		h->timeout_ms = timeout_ms;
	}
	if (connect_timeout_ms > 0) {
		h->connect_timeout_ms = connect_timeout_ms;
	}
}

void qs_http_resp_clear(qs_http_resp *r)
{
	if (!r) {
		return;
	}
	free(r->body);
	memset(r, 0, sizeof(*r));
	r->retry_after = -1;
}

/* ---- URL policy ---- */

static bool host_is_loopback(const char *host, size_t n)
{
	/* IPv6 literal: "[::1]" (curl keeps the brackets) or bare "::1". */
	if (n >= 2 && host[0] == '[' && host[n - 1] == ']') {
		host++;
		n -= 2;
	}
	if ((n == 3 && memcmp(host, "::1", 3) == 0)
		|| (n == 15 && strncasecmp(host, "0:0:0:0:0:0:0:1", 15) == 0)) {
		return true;
	}
	if (n > 0 && host[n - 1] == '.') {
		n--; /* "localhost." */
	}
	if (n == 9 && strncasecmp(host, "localhost", 9) == 0) {
		return true;
	}
	/* Dotted quad, exactly four decimal parts, first one 127. */
	{
		int parts = 0;
		long first = -1;
		size_t i = 0;
		while (i < n) {
			long v = 0;
			size_t digits = 0;
			while (i < n && isdigit((unsigned char)host[i]) && digits < 4) {
				v = v * 10 + (host[i] - '0');
				i++;
				digits++;
			}
			if (digits == 0 || digits > 3 || v > 255) {
				return false;
			}
			if (parts == 0) {
				first = v;
			}
			parts++;
			if (i < n) {
				if (host[i] != '.' || parts == 4) {
					return false;
				}
				i++;
				if (i == n) {
					return false;
				}
			}
		}
		return parts == 4 && first == 127;
	}
}

/* Manual parse of "scheme://[userinfo@]host[:port][/...]" for the URL check;
 * refuses anything odd in the authority rather than guessing. */
static bool url_allowed_manual(const char *url)
{
	const char *p, *auth, *end, *at, *host, *hend;
	if (strncasecmp(url, "https://", 8) == 0) {
		return true;
	}
	if (strncasecmp(url, "http://", 7) != 0) {
		return false;
	}
	auth = url + 7;
	end = auth + strcspn(auth, "/?#");
	for (p = auth; p < end; p++) {
		if ((unsigned char)*p <= ' ' || *p == '\\' || (unsigned char)*p >= 0x7f) {
			return false;
		}
	}
	at = NULL;
	for (p = auth; p < end; p++) {
		if (*p == '@') {
			at = p;
		}
	}
	host = at ? at + 1 : auth;
	if (host < end && *host == '[') {
		hend = memchr(host, ']', (size_t)(end - host));
		if (!hend) {
			return false;
		}
		hend++;
	} else {
		hend = memchr(host, ':', (size_t)(end - host));
		if (!hend) {
			hend = end;
		}
	}
	return host_is_loopback(host, (size_t)(hend - host));
}

bool qs_http_url_allowed(const char *url)
{
	if (!url || !*url) {
		return false;
	}
#if LIBCURL_VERSION_NUM >= 0x073e00 /* 7.62.0: curl_url */
	{
		/* Ask libcurl itself, so the check sees the URL exactly as the transfer will. */
		CURLU *u = curl_url();
		char *scheme = NULL, *host = NULL;
		bool ok = false;
		if (!u) {
			return false;
		}
		if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK
			&& curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK
			&& curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK) {
			if (strcasecmp(scheme, "https") == 0) {
				ok = true;
			} else if (strcasecmp(scheme, "http") == 0) {
				ok = host_is_loopback(host, strlen(host)) && url_allowed_manual(url);
			}
		}
		curl_free(scheme);
		curl_free(host);
		curl_url_cleanup(u);
		return ok;
	}
#else
	return url_allowed_manual(url);
#endif
}

/* The host part of a URL, for messages (never the query string, which may hold a code). */
static void url_host(const char *url, char *out, size_t size)
{
	const char *p = strstr(url, "://");
	size_t n;
	p = p ? p + 3 : url;
	n = strcspn(p, "/?#");
	if (memchr(p, '@', n)) {
		const char *at = p;
		const char *q;
		for (q = p; q < p + n; q++) {
			if (*q == '@') {
				at = q + 1;
			}
		}
		n -= (size_t)(at - p);
		p = at;
	}
	if (n >= size) {
		n = size - 1;
	}
	memcpy(out, p, n);
	out[n] = '\0';
}

char *qs_http_urlencode(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = s ? strlen(s) : 0, i, o = 0;
	char *out;
	if (n > ((size_t)-1) / 3 - 1) {
		return NULL;
	}
	out = malloc(3 * n + 1);
	if (!out) {
		return NULL;
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
			out[o++] = (char)c;
		} else {
			out[o++] = '%';
			out[o++] = hex[c >> 4];
			out[o++] = hex[c & 15];
		}
	}
	out[o] = '\0';
	return out;
}

/* ---- transfer callbacks ---- */

static size_t on_body(char *ptr, size_t size, size_t nmemb, void *ud)
{
	qs_xfer *x = ud;
	qs_http_resp *r = x->resp;
	size_t n = size * nmemb;

	if (n == 0) {
		return 0;
	}
	if (r->len + n > QS_HTTP_MAX_BODY) {
		x->too_big = true;
		return 0;
	}
	if (r->len + n + 1 > x->cap) {
		size_t cap = x->cap ? x->cap : 16384;
		char *nb;
		while (cap < r->len + n + 1) {
			cap *= 2;
		}
		if (cap > QS_HTTP_MAX_BODY + 1) {
			cap = QS_HTTP_MAX_BODY + 1;
		}
		nb = realloc(r->body, cap);
		if (!nb) {
			x->oom = true;
			return 0;
		}
		r->body = nb;
		x->cap = cap;
	}
	memcpy(r->body + r->len, ptr, n);
	r->len += n;
	r->body[r->len] = '\0';
	return n;
}

/* Copies a header value (trimmed) into dst. */
static void header_value(const char *v, size_t n, char *dst, size_t size)
{
	while (n > 0 && (*v == ' ' || *v == '\t')) {
		v++;
		n--;
	}
	while (n > 0 && (v[n - 1] == '\r' || v[n - 1] == '\n' || v[n - 1] == ' ' || v[n - 1] == '\t')) {
		n--;
	}
	if (n >= size) {
		n = size - 1;
	}
	memcpy(dst, v, n);
	dst[n] = '\0';
}

static size_t on_header(char *buf, size_t size, size_t nitems, void *ud)
{
	qs_xfer *x = ud;
	qs_http_resp *r = x->resp;
	size_t n = size * nitems;
	const char *colon;
	size_t name_len;

	/* A new status line (after 100 Continue, say): forget the previous headers. */
	if (n >= 5 && strncmp(buf, "HTTP/", 5) == 0) {
		r->content_type[0] = '\0';
		r->intuit_tid[0] = '\0';
		r->retry_after = -1;
		return n;
	}
	colon = memchr(buf, ':', n);
	if (!colon) {
		return n;
	}
	name_len = (size_t)(colon - buf);
	colon++;
	if (name_len == 12 && strncasecmp(buf, "content-type", 12) == 0) {
		header_value(colon, n - name_len - 1, r->content_type, sizeof(r->content_type));
	} else if (name_len == 10 && strncasecmp(buf, "intuit_tid", 10) == 0) {
		header_value(colon, n - name_len - 1, r->intuit_tid, sizeof(r->intuit_tid));
	} else if (name_len == 11 && strncasecmp(buf, "retry-after", 11) == 0) {
		char tmp[128];
		header_value(colon, n - name_len - 1, tmp, sizeof(tmp));
		r->retry_after = qs_http_retry_after_parse(tmp, (long long)time(NULL));
	}
	return n;
}

long qs_http_retry_after_parse(const char *v, long long now)
{
	size_t i, n;
	if (!v) {
		return -1;
	}
	while (*v == ' ' || *v == '\t') {
		v++;
	}
	n = strlen(v);
	while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t')) {
		n--;
	}
	if (n == 0) {
		return -1;
	}
	if (isdigit((unsigned char)v[0])) {
		/* delta-seconds: digits only; any length, no overflow */
		long secs = 0;
		for (i = 0; i < n; i++) {
			if (!isdigit((unsigned char)v[i])) {
				return -1;
			}
			if (secs < QS_HTTP_RETRY_AFTER_MAX) {
				secs = secs * 10 + (v[i] - '0');
			}
		}
		return secs > QS_HTTP_RETRY_AFTER_MAX ? QS_HTTP_RETRY_AFTER_MAX : secs;
	}
	/* an HTTP date (IMF-fixdate, RFC 850 or asctime): starts with a day name */
	if (n >= 64 || !isalpha((unsigned char)v[0])) {
		return -1;
	}
	{
		char tmp[64];
		time_t t;
		memcpy(tmp, v, n);
		tmp[n] = '\0';
		t = curl_getdate(tmp, NULL);
		if (t == (time_t)-1) {
			return -1;
		}
		if ((long long)t <= now) {
			return 0;
		}
		if ((long long)t - now > QS_HTTP_RETRY_AFTER_MAX) {
			return QS_HTTP_RETRY_AFTER_MAX;
		}
		return (long)((long long)t - now);
	}
}

bool qs_http_header_ok(const char *line)
{
	return line && !strpbrk(line, "\r\n");
}

/* ---- the request ---- */

/* Every option of a transfer is set here, for the blocking path and the pool alike. */
qs_status qs_http_start(qs_http *h, const char *method, const char *url,
	const char *const *headers, const char *body, size_t body_len,
	qs_http_resp *out, qs_error *e)
{
	struct curl_slist *list = NULL, *tmp;
	char *host;
	bool is_get, is_post;

	memset(out, 0, sizeof(*out));
	out->retry_after = -1;
	if (!h || !h->curl || !method || !url || h->started) {
		return qs_error_set(e, QS_EINTERNAL, "HTTP request without a handle, method or URL");
	}
	host = h->host;
	url_host(url, host, sizeof(h->host));
	if (!qs_http_url_allowed(url)) {
		qs_error_set(e, QS_ECONFIG,
			"Refusing to contact %s: only https URLs are allowed (plain http only to the loopback "
			"address 127.0.0.1, ::1 or localhost); use an https environment URL",
			host[0] ? host : "that address");
		return QS_ECONFIG;
	}

	memset(&h->x, 0, sizeof(h->x));
	h->x.resp = out;
	is_get = strcmp(method, "GET") == 0;
	is_post = strcmp(method, "POST") == 0;

	for (; headers && *headers; headers++) {
		if (!qs_http_header_ok(*headers)) {
			/* never send it: a value from the network would add header lines */
			const char *colon = strchr(*headers, ':');
			int nl = colon ? (int)(colon - *headers) : 0;
			curl_slist_free_all(list);
			return qs_error_set(e, QS_EVALIDATION,
				"Refusing to send the HTTP header %.*s: its value holds a line break (CR or LF); nothing was sent",
				nl > 40 ? 40 : nl, *headers);
		}
		tmp = curl_slist_append(list, *headers);
		if (!tmp) {
			curl_slist_free_all(list);
			return qs_error_set(e, QS_EINTERNAL, "Out of memory while building HTTP headers");
		}
		list = tmp;
	}
	/* No "Expect: 100-continue" round trip on larger bodies. */
	tmp = curl_slist_append(list, "Expect:");
	if (!tmp) {
		curl_slist_free_all(list);
		return qs_error_set(e, QS_EINTERNAL, "Out of memory while building HTTP headers");
	}
	list = tmp;

	/* reset keeps live connections and the TLS session cache; options start clean. */
	curl_easy_reset(h->curl);
	h->errbuf[0] = '\0';
	curl_easy_setopt(h->curl, CURLOPT_URL, url);
	curl_easy_setopt(h->curl, CURLOPT_ERRORBUFFER, h->errbuf);
	curl_easy_setopt(h->curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h->curl, CURLOPT_FOLLOWLOCATION, 0L);
#if LIBCURL_VERSION_NUM >= 0x075500 /* 7.85.0 */
	curl_easy_setopt(h->curl, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h->curl, CURLOPT_REDIR_PROTOCOLS_STR, "https");
#else
	curl_easy_setopt(h->curl, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
	curl_easy_setopt(h->curl, CURLOPT_REDIR_PROTOCOLS, (long)CURLPROTO_HTTPS);
#endif
	curl_easy_setopt(h->curl, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(h->curl, CURLOPT_SSL_VERIFYHOST, 2L);
	if (h->ca_info) {
		curl_easy_setopt(h->curl, CURLOPT_CAINFO, h->ca_info);
	}
	/* Loopback never goes through a proxy taken from the environment; plain
	 * http (loopback only, checked above) never goes through any proxy, so
	 * nothing unencrypted can leave the machine. */
	curl_easy_setopt(h->curl, CURLOPT_NOPROXY, "localhost,127.0.0.1,::1");
	if (strncasecmp(url, "http://", 7) == 0) {
		curl_easy_setopt(h->curl, CURLOPT_PROXY, "");
	}
	curl_easy_setopt(h->curl, CURLOPT_TIMEOUT_MS, h->timeout_ms);
	curl_easy_setopt(h->curl, CURLOPT_CONNECTTIMEOUT_MS, h->connect_timeout_ms);
	curl_easy_setopt(h->curl, CURLOPT_TCP_KEEPALIVE, 1L);
	curl_easy_setopt(h->curl, CURLOPT_USERAGENT, h->user_agent);
	curl_easy_setopt(h->curl, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(h->curl, CURLOPT_HTTPHEADER, list);
	curl_easy_setopt(h->curl, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h->curl, CURLOPT_WRITEDATA, &h->x);
	curl_easy_setopt(h->curl, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(h->curl, CURLOPT_HEADERDATA, &h->x);
	if (is_get) {
		curl_easy_setopt(h->curl, CURLOPT_HTTPGET, 1L);
	} else {
		if (is_post) {
			curl_easy_setopt(h->curl, CURLOPT_POST, 1L);
		} else {
			curl_easy_setopt(h->curl, CURLOPT_CUSTOMREQUEST, method);
		}
		if (body || is_post) {
			curl_easy_setopt(h->curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)(body ? body_len : 0));
			curl_easy_setopt(h->curl, CURLOPT_POSTFIELDS, body ? body : "");
		}
	}

	h->list = list;
	h->started = true;
	if (h->log) {
		/* what the exchange log needs at the finish: the body lives until then */
		free(h->log_url);
		h->log_url = strdup(url);
		snprintf(h->log_method, sizeof(h->log_method), "%s", method);
		h->log_body = body;
		h->log_body_len = body ? body_len : 0;
		clock_gettime(CLOCK_MONOTONIC, &h->log_t0);
	}
	free(h->log_note);
	h->log_note = h->next_note;
	h->next_note = NULL;
	return QS_OK;
}

void *qs_http_easy(qs_http *h)
{
	return h ? h->curl : NULL;
}

static qs_status finish_transfer(qs_http *h, int code, qs_error *e);

/* Finishes the transfer, then hands the exchange to the log when there is one. */
qs_status qs_http_finish(qs_http *h, int code, qs_error *e)
{
	qs_http_resp *out = h && h->started ? h->x.resp : NULL;
	qs_http_exchange x;
	struct timespec t1;
	qs_error local, *ee = e ? e : &local;
	qs_status st;
	if (!h || !h->log || !h->started) {
		return finish_transfer(h, code, e);
	}
	qs_error_clear(&local);
	st = finish_transfer(h, code, ee);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	memset(&x, 0, sizeof(x));
	x.method = h->log_method;
	x.url = h->log_url ? h->log_url : "";
	x.status = out ? out->status : 0;
	x.request = h->log_body;
	x.request_len = h->log_body_len;
	x.response = st == QS_OK && out ? out->body : NULL;
	x.response_len = st == QS_OK && out ? out->len : 0;
	x.response_nul = x.response != NULL;   /* on_body and finish_transfer end it with a NUL */
	x.intuit_tid = out ? out->intuit_tid : "";
	x.ms = (double)(t1.tv_sec - h->log_t0.tv_sec) * 1000.0 + (double)(t1.tv_nsec - h->log_t0.tv_nsec) / 1e6;
	x.error = st == QS_OK ? NULL : ee->message;
	x.note = h->log_note;
	h->log_body = NULL;
	qs_http_log_emit(h->log, h->log_ud, &x);
	free(h->log_note);
	h->log_note = NULL;
	return st;
}

static qs_status finish_transfer(qs_http *h, int code, qs_error *e)
{
	CURLcode rc = (CURLcode)code;
	qs_http_resp *out;
	const char *host;
	qs_xfer x;
	if (!h || !h->started) {
		return qs_error_set(e, QS_EINTERNAL, "HTTP transfer finished without being started");
	}
	h->started = false;
	x = h->x;
	out = x.resp;
	host = h->host;
	curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE, &out->status);
	/* Drop references to caller memory (body, headers) before returning. */
	curl_easy_setopt(h->curl, CURLOPT_HTTPHEADER, NULL);
	curl_easy_setopt(h->curl, CURLOPT_POSTFIELDS, NULL);
	curl_slist_free_all(h->list);
	h->list = NULL;

	if (!out->body) {
		out->body = malloc(1);
		if (!out->body) {
			return qs_error_set(e, QS_EINTERNAL, "Out of memory while reading an HTTP answer");
		}
		out->body[0] = '\0';
		out->len = 0;
	}
	if (x.too_big) {
		long status = out->status;
		qs_http_resp_clear(out);
		qs_error_set(e, QS_ESERVER,
			"The answer from %s is larger than %zu MiB and was refused; retry later or narrow the request",
			host, QS_HTTP_MAX_BODY / (1024 * 1024));
		if (e) {
			e->http_status = status;
		}
		return QS_ESERVER;
	}
	if (x.oom) {
		qs_http_resp_clear(out);
		return qs_error_set(e, QS_EINTERNAL, "Out of memory while reading an HTTP answer");
	}
	if (rc != CURLE_OK) {
		const char *why = h->errbuf[0] ? h->errbuf : curl_easy_strerror(rc);
		bool timed_out = rc == CURLE_OPERATION_TIMEDOUT;
		qs_http_resp_clear(out);
		if (timed_out) {
			qs_error_set(e, QS_ENET, "No answer from %s within %ld ms (%s); the request will be retried",
				host, h->timeout_ms, why);
		} else {
			qs_error_set(e, QS_ENET, "Could not talk to %s: %s; the request will be retried", host, why);
		}
		if (e) {
			e->timed_out = timed_out;
			e->http_status = 0;
		}
		return QS_ENET;
	}
	if (e) {
		e->http_status = out->status;
		e->timed_out = false;
	}
	return QS_OK;
}

qs_status qs_http_request(qs_http *h, const char *method, const char *url,
	const char *const *headers, const char *body, size_t body_len,
	qs_http_resp *out, qs_error *e)
{
	qs_status st = qs_http_start(h, method, url, headers, body, body_len, out, e);
	if (st != QS_OK) {
		return st;
	}
	return qs_http_finish(h, (int)curl_easy_perform(h->curl), e);
}

const char *qs_http_version(void)
{
	static char buf[160];
	static bool done = false;
	if (!done) {
		const curl_version_info_data *v = curl_version_info(CURLVERSION_NOW);
		snprintf(buf, sizeof(buf), "libcurl/%s%s%s", v && v->version ? v->version : "?",
			v && v->ssl_version ? " " : "", v && v->ssl_version ? v->ssl_version : "");
		done = true;
	}
	return buf;
}

void qs_text_copy(char *dst, size_t size, const char *src, size_t len)
{
	size_t i, n;
	if (size == 0) {
		return;
	}
	if (!src) {
		dst[0] = '\0';
		return;
	}
	if (len == (size_t)-1) {
		len = strlen(src);
	}
	n = len < size - 1 ? len : size - 1;
	if (n < len) {
		/* Back off to the start of a UTF-8 sequence so none is cut in half. */
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80) {
			n--;
		}
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)src[i];
		dst[i] = (c < 0x20 || c == 0x7f) ? ' ' : (char)c;
	}
	dst[n] = '\0';
}
