/* qs_pool: concurrent HTTP transfers over a libcurl multi handle. Each slot
 * is a qs_http whose easy handle is started with qs_http_start and finished
 * with qs_http_finish, so options, TLS verification, the URL policy, header
 * checks, size limits and Retry-After parsing are qs_http's own. */
#include "qs_pool.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

typedef struct pool_slot {
	qs_http *h;
	qs_http_resp resp;
	void *tag;
	bool busy;
} pool_slot;

struct qs_pool {
	CURLM *multi;
	int max;
	int busy;
	pool_slot slot[QS_POOL_MAX];
	char *note;   /* for the next transfer's log (qs_pool_set_note) */
};

void qs_pool_set_note(qs_pool *p, const char *note)
{
	if (p) {
		free(p->note);
		p->note = note ? strdup(note) : NULL;
	}
}

void qs_pool_set_log(qs_pool *p, qs_http_log_fn fn, void *ud)
{
	int i;
	for (i = 0; p && i < p->max; i++) {
		qs_http_set_log(p->slot[i].h, fn, ud);
	}
}

qs_pool *qs_pool_new(const qs_http_opts *opts, int max, qs_error *e)
{
	qs_pool *p;
	int i;
	if (max < 1) {
		max = 1;
	}
	if (max > QS_POOL_MAX) {
		max = QS_POOL_MAX;
	}
	p = calloc(1, sizeof(*p));
	if (!p) {
		qs_error_set(e, QS_EINTERNAL, "Out of memory while preparing the HTTP pool");
		return NULL;
	}
	p->max = max;
	p->multi = curl_multi_init();
	if (!p->multi) {
		free(p);
		qs_error_set(e, QS_EINTERNAL, "libcurl could not create a multi handle");
		return NULL;
	}
	/* connections to one host are reused, never more than the slots */
	curl_multi_setopt(p->multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)max);
	curl_multi_setopt(p->multi, CURLMOPT_MAXCONNECTS, (long)max);
	for (i = 0; i < max; i++) {
		p->slot[i].h = qs_http_new(opts, e);
		if (!p->slot[i].h) {
			qs_pool_free(p);
			return NULL;
		}
	}
	return p;
}

void qs_pool_free(qs_pool *p)
{
	int i;
	if (!p) {
		return;
	}
	for (i = 0; i < p->max; i++) {
		if (p->slot[i].h) {
			if (p->slot[i].busy) {
				curl_multi_remove_handle(p->multi, qs_http_easy(p->slot[i].h));
				qs_http_finish(p->slot[i].h, (int)CURLE_ABORTED_BY_CALLBACK, NULL);
				qs_http_resp_clear(&p->slot[i].resp);
			}
			qs_http_free(p->slot[i].h);
		}
	}
	curl_multi_cleanup(p->multi);
	free(p->note);
	free(p);
}

int qs_pool_busy(const qs_pool *p)
{
	return p ? p->busy : 0;
}

bool qs_pool_has_room(const qs_pool *p)
{
	return p && p->busy < p->max;
}

qs_status qs_pool_add(qs_pool *p, void *tag, const char *method, const char *url,
	const char *const *headers, const char *body, size_t body_len, qs_error *e)
{
	int i;
	qs_status st;
	pool_slot *s = NULL;
	if (!p) {
		return qs_error_set(e, QS_EINTERNAL, "HTTP pool used before it was made");
	}
	for (i = 0; i < p->max && !s; i++) {
		if (!p->slot[i].busy) {
			s = &p->slot[i];
		}
	}
	if (!s) {
		return qs_error_set(e, QS_EINTERNAL, "Every slot of the HTTP pool is in use");
	}
	qs_http_set_note(s->h, p->note);
	free(p->note);
	p->note = NULL;
	st = qs_http_start(s->h, method, url, headers, body, body_len, &s->resp, e);
	if (st != QS_OK) {
		return st;
	}
	if (curl_multi_add_handle(p->multi, qs_http_easy(s->h)) != CURLM_OK) {
		qs_http_finish(s->h, (int)CURLE_FAILED_INIT, NULL);
		qs_http_resp_clear(&s->resp);
		return qs_error_set(e, QS_EINTERNAL, "libcurl refused to start a transfer");
	}
	s->tag = tag;
	s->busy = true;
	p->busy++;
	{
		/* start it now (connect, send what can be sent): a request that took
		 * its limiter slot goes out at once, not when the caller next waits */
		int running = 0;
		curl_multi_perform(p->multi, &running);
	}
	return QS_OK;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

qs_status qs_pool_wait(qs_pool *p, long timeout_ms, void **tag, qs_http_resp *out, qs_status *st,
	qs_error *te, qs_error *e)
{
	long long until = timeout_ms >= 0 ? now_ms() + timeout_ms : 0;
	*tag = NULL;
	if (!p || p->busy == 0) {
		return qs_error_set(e, QS_EINTERNAL, "No HTTP transfer in flight");
	}
	for (;;) {
		int running = 0, left = 0, i;
		CURLMsg *m;
		CURLMcode mc = curl_multi_perform(p->multi, &running);
		if (mc != CURLM_OK) {
			return qs_error_set(e, QS_EINTERNAL, "libcurl's multi handle failed: %s", curl_multi_strerror(mc));
		}
		while ((m = curl_multi_info_read(p->multi, &left)) != NULL) {
			if (m->msg != CURLMSG_DONE) {
				continue;
			}
			for (i = 0; i < p->max; i++) {
				pool_slot *s = &p->slot[i];
				if (s->busy && qs_http_easy(s->h) == m->easy_handle) {
					CURLcode rc = m->data.result;
					curl_multi_remove_handle(p->multi, m->easy_handle);
					s->busy = false;
					p->busy--;
					*st = qs_http_finish(s->h, (int)rc, te);
					*out = s->resp;
					memset(&s->resp, 0, sizeof(s->resp));
					*tag = s->tag;
					s->tag = NULL;
					return QS_OK;
				}
			}
		}
		{
			long ms = 1000;
			if (timeout_ms >= 0) {
				long long left = until - now_ms();
				if (left <= 0) {
					return QS_OK;   /* none ended in time */
				}
				ms = left < ms ? (long)left : ms;
			}
			mc = curl_multi_poll(p->multi, NULL, 0, (int)ms, NULL);
		}
		if (mc != CURLM_OK) {
			return qs_error_set(e, QS_EINTERNAL, "libcurl's multi handle failed: %s", curl_multi_strerror(mc));
		}
	}
}
