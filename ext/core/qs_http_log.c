/* qs_http_log: the exchange log's scrubbing: every secret value (OAuth codes,
 * tokens, the client secret) is removed from a request or answer body, form or
 * JSON, before an observer sees it; long bodies are cut. */
#include "qs_http.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "code" only in forms (the authorization code grant): in JSON it is QBO's fault code */
static const char *const secret_keys[] = {
	"access_token", "refresh_token", "id_token", "token", "client_secret", "client_assertion", "code", NULL
};

static bool is_secret(const char *k, size_t n, bool form)
{
	size_t i;
	for (i = 0; secret_keys[i] && (form || strcmp(secret_keys[i], "code")); i++) {
		if (strlen(secret_keys[i]) == n && !memcmp(secret_keys[i], k, n)) {
			return true;
		}
	}
	return false;
}

/* out grows by appending; false on OOM */
typedef struct buf {
	char *p;
	size_t len, cap;
} buf;

static bool put(buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		char *np;
		while (cap < b->len + n + 1) {
			cap *= 2;
		}
		np = realloc(b->p, cap);
		if (!np) {
			return false;
		}
		b->p = np;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
	return true;
}

/* JSON: the string value of a secret key becomes "***" (keys are matched as
 * JSON strings, escapes skipped; other text is copied as it is). */
static bool scrub_json(buf *b, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		if (s[i] != '"') {
			size_t j = i;
			while (j < n && s[j] != '"') {
				j++;
			}
			if (!put(b, s + i, j - i)) {
				return false;
			}
			i = j;
			continue;
		}
		/* a string: find its end */
		size_t start = i++, k;
		while (i < n && s[i] != '"') {
			i += s[i] == '\\' && i + 1 < n ? 2 : 1;
		}
		if (i < n) {
			i++;
		}
		if (!put(b, s + start, i - start)) {
			return false;
		}
		/* a key of a secret followed by ':' and a string value */
		k = i;
		while (k < n && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\r')) {
			k++;
		}
		if (k < n && s[k] == ':' && i - start >= 2 && is_secret(s + start + 1, i - start - 2, false)) {
			size_t v = k + 1;
			while (v < n && (s[v] == ' ' || s[v] == '\t' || s[v] == '\n' || s[v] == '\r')) {
				v++;
			}
			if (v < n && s[v] == '"') {
				size_t end = v + 1;
				while (end < n && s[end] != '"') {
					end += s[end] == '\\' && end + 1 < n ? 2 : 1;
				}
				if (!put(b, s + i, v - i) || !put(b, "\"***\"", 5)) {
					return false;
				}
				i = end < n ? end + 1 : n;
			}
		}
	}
	return true;
}

/* Whether a JSON body can hold a secret key at all: every key of
 * secret_keys that is secret in JSON ends in token" or starts with "client_.
 * A body with neither (QBO's entities, queries, /batch answers) is kept as it
 * is without the key-by-key scan. The search goes by the rare letter of each
 * pattern (the 'k' of token", the '_' of "client_), not by every quote. */
static bool json_may_hold_secret(const char *s, size_t n)
{
	const char *p = s, *end = s + n;
	while ((p = memchr(p, 'k', (size_t)(end - p))) != NULL) {
		if (p - s >= 2 && end - p > 3 && !memcmp(p - 2, "token\"", 6)) {
			return true;
		}
		p++;
	}
	p = s;
	while ((p = memchr(p, '_', (size_t)(end - p))) != NULL) {
		if (p - s >= 7 && !memcmp(p - 7, "\"client_", 8)) {
			return true;
		}
		p++;
	}
	return false;
}

/* A body kept as it is, cut as qs_http_log_scrub cuts (only what is kept is
 * copied); NULL on OOM. */
static char *keep_cut(const char *body, size_t len)
{
	size_t keep = len;
	char note[64], *out;
	note[0] = '\0';
	if (len > QS_HTTP_LOG_MAX) {
		keep = QS_HTTP_LOG_MAX;
		/* never cut inside a UTF-8 sequence */
		while (keep > 0 && ((unsigned char)body[keep] & 0xC0) == 0x80) {
			keep--;
		}
		snprintf(note, sizeof(note), "… (%zu bytes in all)", len);
	}
	out = malloc(keep + strlen(note) + 1);
	if (out) {
		memcpy(out, body, keep);
		strcpy(out + keep, note);
	}
	return out;
}

/* A form body: the value of a secret field becomes *** (up to the next &). */
static bool scrub_form(buf *b, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		size_t amp = i, eq;
		while (amp < n && s[amp] != '&') {
			amp++;
		}
		eq = i;
		while (eq < amp && s[eq] != '=') {
			eq++;
		}
		if (eq < amp && is_secret(s + i, eq - i, true)) {
			if (!put(b, s + i, eq - i + 1) || !put(b, "***", 3)) {
				return false;
			}
		} else if (!put(b, s + i, amp - i)) {
			return false;
		}
		if (amp < n && !put(b, "&", 1)) {
			return false;
		}
		i = amp + 1;
	}
	return true;
}

char *qs_http_log_scrub(const char *body, size_t len)
{
	buf b = {NULL, 0, 0};
	size_t i = 0, keep;
	bool ok;
	if (!body) {
		return NULL;
	}
	while (i < len && (body[i] == ' ' || body[i] == '\n' || body[i] == '\r' || body[i] == '\t')) {
		i++;
	}
	/* the whole body is scrubbed (a secret past the cut must not be half kept), then cut */
	if (i < len && (body[i] == '{' || body[i] == '[')) {
		if (!json_may_hold_secret(body, len)) {
			return keep_cut(body, len);
		}
		ok = scrub_json(&b, body, len);
	} else if (i < len && body[i] == '<') {
		return keep_cut(body, len);   /* XML answers (QBO faults) carry no secrets */
	} else {
		ok = scrub_form(&b, body, len);
	}
	if (ok && !b.p) {
		ok = put(&b, "", 0);
	}
	if (!ok) {
		free(b.p);
		return NULL;
	}
	if (b.len > QS_HTTP_LOG_MAX) {
		char note[64];
		keep = QS_HTTP_LOG_MAX;
		/* never cut inside a UTF-8 sequence */
		while (keep > 0 && ((unsigned char)b.p[keep] & 0xC0) == 0x80) {
			keep--;
		}
		snprintf(note, sizeof(note), "… (%zu bytes in all)", b.len);
		b.len = keep;
		b.p[keep] = '\0';
		if (!put(&b, note, strlen(note))) {
			free(b.p);
			return NULL;
		}
	}
	return b.p;
}

/* Whether qs_http_log_scrub would give a NUL-terminated body of len bytes
 * back unchanged: JSON that cannot hold a secret key, or XML, not cut, no
 * NUL inside (a copy would end there). */
static bool kept_unchanged(const char *body, size_t len)
{
	size_t i = 0;
	if (len > QS_HTTP_LOG_MAX || memchr(body, '\0', len)) {
		return false;
	}
	while (i < len && (body[i] == ' ' || body[i] == '\n' || body[i] == '\r' || body[i] == '\t')) {
		i++;
	}
	return i < len && (body[i] == '<' || ((body[i] == '{' || body[i] == '[') && !json_may_hold_secret(body, len)));
}

void qs_http_log_emit(qs_http_log_fn fn, void *ud, const qs_http_exchange *x)
{
	qs_http_exchange c;
	char *req, *resp = NULL;
	if (!fn || !x) {
		return;
	}
	c = *x;
	req = qs_http_log_scrub(x->request, x->request_len);
	c.request = req ? req : "";
	c.request_len = req ? strlen(req) : 0;
	if (x->response && x->response_nul && kept_unchanged(x->response, x->response_len)) {
		/* the answer as it is, without a copy of it */
	} else {
		resp = qs_http_log_scrub(x->response, x->response_len);
		c.response = resp ? resp : "";
		c.response_len = resp ? strlen(resp) : 0;
	}
	c.response_nul = true;
	fn(ud, &c);
	free(req);
	free(resp);
}
