/* qs_engine_util: the helpers every file of the engine shares: JSON
 * accessors and QBO values (amount, reference, time), the kind's labels, the
 * entity transaction (begin with a read, save and commit), requestids, the
 * log line, whether a document is a deletion, the connection reasons' names
 * and the liveness of a claim's owner (this host's identity, a dead pid). */
#include "qs_engine_int.h"
#include "qs_json.h"
#include "qs_kind.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifdef _WIN32
# define gmtime_r(t, tm) gmtime_s((tm), (t))
#endif

/* ------------------------------------------------------------------ process liveness */

/* This host's identity in owners: the host name (or the configured host_id)
 * and the first 8 characters of the kernel's boot id, so that a pid is only
 * ever checked with kill() by a process of the same machine and the same
 * boot; an owner of any other host (or of an earlier boot) is judged by its
 * lease alone. */
void qse_host_identity(char *out, size_t size, const char *host_id)
{
	char host[49], boot[9] = "";
	FILE *f;
	size_t i;
	if (host_id && *host_id) {
		qs_strlcpy(host, host_id, sizeof(host));
	} else if (gethostname(host, sizeof(host) - 1) != 0) {
		qs_strlcpy(host, "localhost", sizeof(host));
	}
	host[sizeof(host) - 1] = '\0';
	for (i = 0; host[i]; i++) {
		if (host[i] == '#' || host[i] == '@' || host[i] == '~') {
			host[i] = '-';
		}
	}
	f = fopen("/proc/sys/kernel/random/boot_id", "r");
	if (f) {
		if (!fgets(boot, sizeof(boot), f)) {
			boot[0] = '\0';
		}
		fclose(f);
	}
	boot[strcspn(boot, "-\n")] = '\0';
	if (boot[0]) {
		snprintf(out, size, "%s~%s", host, boot);
	} else {
		qs_strlcpy(out, host, size);
	}
}

/* Is the process that holds a claim or the refresh lock gone? Owner:
 * "pid@host#nonce". Outbox claims and the token refresh lock both ask. */

bool qse_owner_dead(qs_engine *eng, const char *owner)
{
	char host[64];
	const char *at, *hash;
	long pid;
	size_t hl;
	if (!owner || !*owner) {
		return true;
	}
	pid = strtol(owner, NULL, 10);
	at = strchr(owner, '@');
	hash = strchr(owner, '#');
	if (!at || !hash || hash < at || pid <= 0) {
		return false;
	}
	hl = (size_t)(hash - at - 1);
	if (hl >= sizeof(host)) {
		return false;
	}
	memcpy(host, at + 1, hl);
	host[hl] = '\0';
	if (strcmp(host, eng->host) != 0) {
		/* an owner written without a boot id (by an earlier qbosync) names
		 * this machine by its host name alone */
		const char *tilde = strchr(eng->host, '~');
		if (strchr(host, '~') || !tilde || strlen(host) != (size_t)(tilde - eng->host)
				|| strncmp(host, eng->host, (size_t)(tilde - eng->host)) != 0) {
			return false;   /* another machine (or boot): only the claim age tells */
		}
	}
	if ((pid_t)pid == getpid()) {
		return false;   /* another engine of this live process */
	}
	return kill((pid_t)pid, 0) == -1 && errno == ESRCH;
}

/* ------------------------------------------------------------------ connection reasons */

static const char *const reason_names[QS_REASON__COUNT] = {
	[QS_REASON_NONE] = "",
	[QS_REASON_REFRESH_REFUSED] = "refresh_token_refused",
	[QS_REASON_ANSWER_LOST] = "refresh_answer_lost",
	[QS_REASON_APP_CREDENTIALS] = "app_credentials_refused",
	[QS_REASON_BAD_TOKEN] = "token_answer_refused",
	[QS_REASON_TOKENS_UNREADABLE] = "tokens_unreadable",
	[QS_REASON_ON_REQUEST] = "disconnected_on_request",
};

const char *qse_reason_name(qs_conn_reason r)
{
	return (unsigned)r < QS_REASON__COUNT ? reason_names[r] : "";
}

/* ------------------------------------------------------------------ helpers */

const char *qse_jstr(json_object *o, const char *key)
{
	json_object *v;
	if (qs_json_member(o, key, &v) && json_object_is_type(v, json_type_string)) {
		return json_object_get_string(v);
	}
	return NULL;
}

json_object *qse_jget(json_object *o, const char *key)
{
	json_object *v = NULL;
	if (qs_json_member(o, key, &v)) {
		return v;
	}
	return NULL;
}

json_object *qse_jstr_new(const char *s)
{
	return (s && *s) ? json_object_new_string(s) : NULL;
}

/* A QBO amount: the exact decimal text of m (minor units) with its decimals;
 * the double json-c keeps beside it is only for readers, never for sums. */
json_object *qse_money_json(qs_money m, int decimals)
{
	char buf[40];
	qs_money_format(m, decimals, buf, sizeof(buf));
	return json_object_new_double_s(strtod(buf, NULL), buf);
}

/* A QBO reference: {"value": id}. */
json_object *qse_ref(const char *id)
{
	json_object *r = json_object_new_object();
	json_object_object_add(r, "value", json_object_new_string(id));
	return r;
}

/* "YYYY-MM-DDTHH:MM:SSZ" (UTC) of a Unix time into buf (false: no time, t <= 0);
 * the calendar computed here (days to civil date), not by gmtime_r and
 * strftime: three of these go into every state a push returns. Years outside
 * 1970-9999 go through gmtime_r. qse_jtime: the same as a JSON string, or NULL. */
bool qse_time_text(double t, char buf[32])
{
	time_t tt = (time_t)t;
	if (t <= 0) {
		return false;
	}
	if (tt < 253402300800LL) {   /* 10000-01-01 */
		long long days = (long long)tt / 86400, secs = (long long)tt % 86400;
		long long z = days + 719468, era = z / 146097, doe = z - era * 146097;
		long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
		long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
		int d = (int)(doy - (153 * mp + 2) / 5 + 1), m = (int)(mp < 10 ? mp + 3 : mp - 9);
		int y = (int)(yoe + era * 400 + (m <= 2));
		int hh = (int)(secs / 3600), mi = (int)(secs / 60 % 60), ss = (int)(secs % 60);
		buf[0] = (char)('0' + y / 1000), buf[1] = (char)('0' + y / 100 % 10), buf[2] = (char)('0' + y / 10 % 10);
		buf[3] = (char)('0' + y % 10), buf[4] = '-', buf[5] = (char)('0' + m / 10), buf[6] = (char)('0' + m % 10);
		buf[7] = '-', buf[8] = (char)('0' + d / 10), buf[9] = (char)('0' + d % 10), buf[10] = 'T';
		buf[11] = (char)('0' + hh / 10), buf[12] = (char)('0' + hh % 10), buf[13] = ':';
		buf[14] = (char)('0' + mi / 10), buf[15] = (char)('0' + mi % 10), buf[16] = ':';
		buf[17] = (char)('0' + ss / 10), buf[18] = (char)('0' + ss % 10), buf[19] = 'Z', buf[20] = '\0';
		return true;
	}
	{
		struct tm tm;
		gmtime_r(&tt, &tm);
		strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
		return true;
	}
}

json_object *qse_jtime(double t)
{
	char buf[32];
	return qse_time_text(t, buf) ? json_object_new_string(buf) : NULL;
}

const char *qse_entity_label(const char *kind)
{
	const qs_kind *k = qs_kind_find(kind);
	return k && k->label ? k->label : kind;
}

const char *qse_qbo_entity_of(const char *kind)
{
	const qs_kind *k = qs_kind_find(kind);
	return k ? k->entity : NULL;
}

/* Starts a write transaction and reads (kind, id) in it. On failure no
 * transaction is left open and *en holds nothing to free. */
qs_status qse_begin_entity(qs_engine *eng, const char *kind, const char *id, qs_entity *en, qs_error *e)
{
	qs_status r = qs_store_begin(eng->store, true, e);
	if (r != QS_OK) {
		memset(en, 0, sizeof(*en));
		return r;
	}
	r = qs_store_entity_get(eng->store, eng->conn_key, kind, id, en, e);
	if (r != QS_OK) {
		qs_store_rollback(eng->store);
	}
	return r;
}

/* Saves en and its outbox row, then commits the transaction qse_begin_entity
 * started; rolls it back when a step fails. */
qs_status qse_save_commit(qs_engine *eng, const qs_entity *en, qs_error *e)
{
	qs_status r = qs_store_entity_put(eng->store, eng->conn_key, en, e);
	if (r == QS_OK) {
		r = qs_store_outbox_put(eng->store, eng->conn_key, en, e);
	}
	if (r == QS_OK) {
		r = qs_store_commit(eng->store, e);
	} else {
		qs_store_rollback(eng->store);
	}
	return r;
}

/* requestid: the first 36 hex digits of sha256 over the parts joined by '|'. */
void qse_make_rid(char out[64], const char *realm, ...)
{
	char buf[1024];
	size_t n = 0, k;
	const char *p;
	char hex[65];
	va_list ap;
	/* the parts copied as they are, cut at sizeof(buf) - 1 bytes in all */
	p = realm ? realm : "";
	k = strlen(p);
	n = k < sizeof(buf) - 1 ? k : sizeof(buf) - 1;
	memcpy(buf, p, n);
	va_start(ap, realm);
	while (k < sizeof(buf) && (p = va_arg(ap, const char *)) != NULL) {
		size_t m = strlen(p);
		k += m + 1;
		if (n < sizeof(buf) - 1) {
			buf[n++] = '|';
		}
		m = m < sizeof(buf) - 1 - n ? m : sizeof(buf) - 1 - n;
		memcpy(buf + n, p, m);
		n += m;
	}
	va_end(ap);
	qs_sha256_hex(buf, n, hex);
	memcpy(out, hex, 36);
	out[36] = '\0';
}

void qse_queue_afresh(qs_entity *en, double now)
{
	en->q_status = QS_OUTBOX_QUEUED;
	en->q_version = en->version;
	en->q_attempts = 0;
	en->next_try = now;
	en->owner[0] = '\0';
	en->claimed = 0;
	en->wait_kind[0] = en->wait_id[0] = '\0';
}

void qse_log_msg(qs_engine *eng, const char *level, const char *kind, const char *id, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void qse_log_msg(qs_engine *eng, const char *level, const char *kind, const char *id, const char *fmt, ...)
{
	char buf[1200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	qs_store_log(eng->store, eng->conn_key, level, kind, id, buf);
}

/* ------------------------------------------------------------------ deletions */

bool qse_is_deleted(json_object *norm)
{
	json_object *v;
	return qs_json_member(norm, "deleted", &v) && json_object_get_boolean(v);
}

bool qse_whmcs_recorded(void *ud, const char *kind, const char *id)
{
	qs_engine *eng = ud;
	qs_entity en;
	bool held;
	memset(&en, 0, sizeof(en));
	held = qs_store_entity_get(eng->store, eng->conn_key, kind, id, &en, NULL) == QS_OK && en.exists;
	qs_entity_clear(&en);
	return held;
}
