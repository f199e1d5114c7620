/* qs_qbo_pull: the QBO side of reading a company back: one page of a query
 * (STARTPOSITION / MAXRESULTS), change data capture (GET /cdc) and its answer's
 * shape, and the ISO 8601 times both speak. */
#ifndef _DEFAULT_SOURCE
# define _DEFAULT_SOURCE   /* timegm, gmtime_r */
#endif
#include "qs_qbo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef _WIN32
# define timegm _mkgmtime
# define gmtime_r(t, tm) gmtime_s((tm), (t))
#endif

qs_status qs_qbo_query_page(qs_qbo *q, const char *query, json_object **rows, double *time, qs_error *e)
{
	char *enc, *params;
	size_t n;
	json_object *answer = NULL, *qr = NULL;
	qs_status st;

	*rows = NULL;
	*time = 0;
	enc = qs_http_urlencode(query);
	if (!enc) {
		return qs_error_set(e, QS_EINTERNAL, "Out of memory building a query");
	}
	n = strlen(enc) + 8;
	params = malloc(n);
	if (!params) {
		free(enc);
		return qs_error_set(e, QS_EINTERNAL, "Out of memory building a query");
	}
	snprintf(params, n, "query=%s", enc);
	free(enc);
	st = qs_qbo_get(q, "query", params, "the query", &answer, e);
	free(params);
	if (st != QS_OK) {
		return st;
	}
	{
		json_object *t;
		if (json_object_object_get_ex(answer, "time", &t) && json_object_is_type(t, json_type_string)) {
			qs_qbo_time_parse(json_object_get_string(t), time);
		}
	}
	if (!json_object_object_get_ex(answer, "QueryResponse", &qr) || !json_object_is_type(qr, json_type_object)) {
		json_object_put(answer);
		return qs_error_set(e, QS_ESERVER, "QuickBooks answered the query without a QueryResponse; try the pull again");
	}
	json_object_object_foreach(qr, key, val) {
		(void)key;
		if (json_object_is_type(val, json_type_array)) {
			*rows = json_object_get(val);
			break;
		}
	}
	json_object_put(answer);
	if (!*rows) {
		*rows = json_object_new_array();
	}
	return *rows ? QS_OK : qs_error_set(e, QS_EINTERNAL, "Out of memory reading query rows");
}

qs_status qs_qbo_cdc(qs_qbo *q, const char *entities, const char *since, json_object **answer, qs_error *e)
{
	char *ents = qs_http_urlencode(entities), *ts = qs_http_urlencode(since), *params = NULL;
	size_t n;
	qs_status st;
	json_object *cdc;

	*answer = NULL;
	if (!ents || !ts) {
		free(ents);
		free(ts);
		return qs_error_set(e, QS_EINTERNAL, "Out of memory building a CDC request");
	}
	n = strlen(ents) + strlen(ts) + 40;
	params = malloc(n);
	if (params) {
		snprintf(params, n, "entities=%s&changedSince=%s", ents, ts);
	}
	free(ents);
	free(ts);
	if (!params) {
		return qs_error_set(e, QS_EINTERNAL, "Out of memory building a CDC request");
	}
	st = qs_qbo_get(q, "cdc", params, "the change data capture", answer, e);
	free(params);
	if (st == QS_OK && !(json_object_object_get_ex(*answer, "CDCResponse", &cdc) && json_object_is_type(cdc, json_type_array))) {
		json_object_put(*answer);
		*answer = NULL;
		return qs_error_set(e, QS_ESERVER, "QuickBooks answered the change data capture without a CDCResponse; try the pull again");
	}
	return st;
}

/* Calls fn for each QueryResponse element of a CDC answer. */
static json_object *cdc_find(json_object *answer, const char *entity, long *total)
{
	json_object *cdc = NULL, *found = NULL;
	size_t i, j;
	if (total) {
		*total = 0;
	}
	if (!json_object_object_get_ex(answer, "CDCResponse", &cdc) || !json_object_is_type(cdc, json_type_array)) {
		return NULL;
	}
	for (i = 0; i < json_object_array_length(cdc); i++) {
		json_object *qrs = NULL;
		if (!json_object_object_get_ex(json_object_array_get_idx(cdc, i), "QueryResponse", &qrs)
			|| !json_object_is_type(qrs, json_type_array)) {
			continue;
		}
		for (j = 0; j < json_object_array_length(qrs); j++) {
			json_object *qr = json_object_array_get_idx(qrs, j);
			if (!json_object_is_type(qr, json_type_object)) {
				continue;
			}
			json_object_object_foreach(qr, key, val) {
				if (!json_object_is_type(val, json_type_array)) {
					continue;
				}
				if (total) {
					*total += (long)json_object_array_length(val);
				}
				if (entity && !found && !strcmp(key, entity)) {
					found = val;
				}
			}
		}
	}
	return found;
}

json_object *qs_qbo_cdc_rows(json_object *answer, const char *entity)
{
	return cdc_find(answer, entity, NULL);
}

long qs_qbo_cdc_total(json_object *answer)
{
	long total = 0;
	cdc_find(answer, NULL, &total);
	return total;
}

static bool digits(const char *s, int n, int *out)
{
	int v = 0, i;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9') {
			return false;
		}
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

bool qs_qbo_time_parse(const char *iso, double *t)
{
	struct tm tm;
	int y, mo, d, h = 0, mi = 0, s = 0, oh = 0, om = 0, sign = 1;
	double frac = 0;
	const char *p;
	time_t base;

	if (!iso || strlen(iso) < 10 || !digits(iso, 4, &y) || iso[4] != '-' || !digits(iso + 5, 2, &mo)
		|| iso[7] != '-' || !digits(iso + 8, 2, &d) || mo < 1 || mo > 12 || d < 1 || d > 31) {
		return false;
	}
	p = iso + 10;
	if (*p == 'T' || *p == ' ') {
		if (!digits(p + 1, 2, &h) || p[3] != ':' || !digits(p + 4, 2, &mi)) {
			return false;
		}
		p += 6;
		if (*p == ':') {
			if (!digits(p + 1, 2, &s)) {
				return false;
			}
			p += 3;
			if (*p == '.') {
				double scale = 0.1;
				for (p++; *p >= '0' && *p <= '9'; p++) {
					frac += (*p - '0') * scale;
					scale /= 10;
				}
			}
		}
		if (*p == 'Z') {
			p++;
		} else if (*p == '+' || *p == '-') {
			sign = *p == '-' ? -1 : 1;
			if (!digits(p + 1, 2, &oh)) {
				return false;
			}
			p += 3;
			if (*p == ':') {
				p++;
			}
			if (!digits(p, 2, &om)) {
				return false;
			}
			p += 2;
		}
	}
	if (*p) {
		return false;
	}
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
	base = timegm(&tm);
	*t = (double)base + frac - sign * (oh * 3600 + om * 60);
	return true;
}

void qs_qbo_time_format(double t, char *buf, size_t size)
{
	/* whole milliseconds, rounded down; the microsecond added keeps a time
	 * parsed from ".412" (0.41199.. in binary) at .412 instead of .411 */
	double x = t * 1000.0 + 0.001;
	long long all = (long long)x, ms;
	time_t s;
	struct tm tm;
	if ((double)all > x) {
		all--;   /* toward the past for times before 1970 too */
	}
	ms = all % 1000;
	if (ms < 0) {
		ms += 1000;
	}
	s = (time_t)((all - ms) / 1000);
	gmtime_r(&s, &tm);
	snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
		tm.tm_hour, tm.tm_min, tm.tm_sec, (int)ms);
}
