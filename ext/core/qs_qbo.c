/* qs_qbo: the QBO v3 API client for one realm (create, read, update, delete,
 * void, query) and the classification of every answer: an entity, or a qs_error
 * carrying QBO's code, element and detail. Query text is escaped only here. */
#include "qs_qbo.h"
#include "qs_crypto.h"
#include "qs_json.h"
#include "qbo/qs_qbo_rules.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define QS_STR_(x) #x
#define QS_STR(x) QS_STR_(x)
/* Queries whose URL-encoded text is longer than this go by POST. */
#define QS_QUERY_GET_MAX 1500

/* ---- text helpers ---- */

char *qs_qbo_quote(const char *s)
{
	size_t n = 0, i, o = 0;
	char *out;
	if (!s) {
		s = "";
	}
	for (i = 0; s[i]; i++) {
		n += (s[i] == '\'' || s[i] == '\\') ? 2 : 1;
	}
	out = malloc(n + 3);
	if (!out) {
		return NULL;
	}
	out[o++] = '\'';
	for (i = 0; s[i]; i++) {
		if (s[i] == '\'' || s[i] == '\\') {
			out[o++] = '\\';
		}
		out[o++] = s[i];
	}
	out[o++] = '\'';
	out[o] = '\0';
	return out;
}

static bool entity_name_ok(const char *entity)
{
	size_t i;
	if (!entity || !*entity) {
		return false;
	}
	for (i = 0; entity[i]; i++) {
		if (!isalpha((unsigned char)entity[i]) || i >= 40) {
			return false;
		}
	}
	return true;
}

/* Members of QBO's records that nothing in qbosync reads: its print and
 * e-mail settings, online-payment switches, terms, the income account of a
 * line's item, custom fields, a customer's job and naming fields, creation
 * time. The answers to writes (one record's, a /batch's) are read without
 * them; an answer another reader may hand on whole (a query, a read) keeps
 * every member. A name added here must stay unread everywhere. */
static bool unread_member(const char *k, size_t n)
{
#define UNREAD_NAMES(UNREAD) \
	UNREAD("Job") UNREAD("Level") UNREAD("domain") UNREAD("LineNum") UNREAD("BillEmail") \
	UNREAD("IsProject") UNREAD("CreateTime") UNREAD("EmailStatus") UNREAD("CustomField") \
	UNREAD("PrintStatus") UNREAD("SalesTermRef") UNREAD("BillWithParent") UNREAD("ClientEntityId") \
	UNREAD("ItemAccountRef") UNREAD("ProcessPayment") UNREAD("AllowIPNPayment") UNREAD("BalanceWithJobs") \
	UNREAD("PrintOnCheckName") UNREAD("AllowOnlinePayment") UNREAD("FullyQualifiedName") \
	UNREAD("AllowOnlineACHPayment") UNREAD("ApplyTaxAfterDiscount") UNREAD("PreferredDeliveryMethod") \
	UNREAD("AllowOnlineCreditCardPayment")
#define UNREAD_ENTRY(name) { name, sizeof(name) - 1 },
#define UNREAD_LEN(name) (1ULL << (sizeof(name) - 1)) |
	static const struct {
		const char *name;
		size_t n;
	} names[] = { UNREAD_NAMES(UNREAD_ENTRY) };
	/* bit n: some name has n bytes (every name is shorter than 64) */
	static const unsigned long long lengths = UNREAD_NAMES(UNREAD_LEN) 0;
#undef UNREAD_LEN
#undef UNREAD_ENTRY
#undef UNREAD_NAMES
	size_t i;
	if (n >= 64 || !((lengths >> n) & 1)) {
		return false;   /* most names: no name of theirs is of that length */
	}
	/* sorted by length: a name is compared with those of its own length only */
	for (i = 0; i < sizeof(names) / sizeof(names[0]) && names[i].n <= n; i++) {
		if (names[i].n == n && names[i].name[0] == k[0] && !memcmp(names[i].name, k, n)) {
			return true;
		}
	}
	return false;
}

/* An answer's JSON: the tree json-c's tokener gives (qs_json_parse), NULL
 * when it is not JSON; a write's without the members nothing reads. */
static json_object *parse_json(const char *body, size_t len, bool write)
{
	return write ? qs_json_parse_dropping(body, len, unread_member, NULL) : qs_json_parse(body, len, NULL);
}

/* Case-sensitive member lookup returning a string value (numbers as text too). */
static const char *member_text(json_object *obj, const char *key)
{
	json_object *v = NULL;
	if (!obj || !json_object_is_type(obj, json_type_object) || !json_object_object_get_ex(obj, key, &v) || !v) {
		return NULL;
	}
	if (json_object_is_type(v, json_type_string) || json_object_is_type(v, json_type_int)) {
		return json_object_get_string(v);
	}
	return NULL;
}

/* Copies the text between <tag> and </tag> (first occurrence) of an XML body. */
static void xml_text(const char *body, const char *tag, char *dst, size_t size)
{
	char open[32], close[32];
	const char *a, *b;
	dst[0] = '\0';
	snprintf(open, sizeof(open), "<%s>", tag);
	snprintf(close, sizeof(close), "</%s>", tag);
	a = strstr(body, open);
	if (!a) {
		return;
	}
	a += strlen(open);
	b = strstr(a, close);
	if (!b) {
		return;
	}
	qs_text_copy(dst, size, a, (size_t)(b - a));
}

/* Copies the value of attr="..." found after the first "<Error". */
static void xml_attr(const char *body, const char *attr, char *dst, size_t size)
{
	char pat[32];
	const char *err, *a, *b, *end;
	dst[0] = '\0';
	err = strstr(body, "<Error");
	if (!err) {
		return;
	}
	end = strchr(err, '>');
	snprintf(pat, sizeof(pat), " %s=\"", attr);
	a = strstr(err, pat);
	if (!a || (end && a > end)) {
		return;
	}
	a += strlen(pat);
	b = strchr(a, '"');
	if (!b) {
		return;
	}
	qs_text_copy(dst, size, a, (size_t)(b - a));
}

/* ---- faults ---- */

typedef struct fault_text {
	char message[512];
	char type[32];
	bool found;
} fault_text;

/* Fills e->code/element/detail and ft from whichever envelope the body holds:
 * QBO's Fault.Error[0], the gateway's lower-case fault.error[0], or XML. */
static void fault_extract(const qs_http_resp *r, json_object *j, const char *scrub, fault_text *ft, qs_error *e)
{
	json_object *fault = NULL, *errors = NULL, *first = NULL;
	const char *msg = NULL, *detail = NULL, *code = NULL, *element = NULL, *type = NULL;

	memset(ft, 0, sizeof(*ft));
	e->code[0] = e->element[0] = e->detail[0] = '\0';

	if (j && json_object_is_type(j, json_type_object)) {
		bool upper = json_object_object_get_ex(j, "Fault", &fault);
		if (!upper) {
			json_object_object_get_ex(j, "fault", &fault);
		}
		if (fault && json_object_is_type(fault, json_type_object)) {
			type = member_text(fault, "type");
			if (json_object_object_get_ex(fault, upper ? "Error" : "error", &errors)
				&& json_object_is_type(errors, json_type_array) && json_object_array_length(errors) > 0) {
				first = json_object_array_get_idx(errors, 0);
			}
			if (first) {
				msg = member_text(first, upper ? "Message" : "message");
				detail = member_text(first, upper ? "Detail" : "detail");
				code = member_text(first, "code");
				element = member_text(first, "element");
			}
			ft->found = true;
		}
	} else if (r->body && r->len > 0 && strstr(r->body, "<Fault")) {
		char tmp[32];
		xml_attr(r->body, "code", e->code, sizeof(e->code));
		xml_attr(r->body, "element", e->element, sizeof(e->element));
		xml_text(r->body, "Message", ft->message, sizeof(ft->message));
		xml_text(r->body, "Detail", e->detail, sizeof(e->detail));
		{
			const char *f = strstr(r->body, "<Fault");
			const char *t = f ? strstr(f, " type=\"") : NULL;
			const char *end = f ? strchr(f, '>') : NULL;
			if (t && (!end || t < end)) {
				const char *q = strchr(t + 7, '"');
				if (q) {
					qs_text_copy(tmp, sizeof(tmp), t + 7, (size_t)(q - (t + 7)));
					qs_strlcpy(ft->type, tmp, sizeof(ft->type));
				}
			}
		}
		if (scrub && *scrub && strstr(e->detail, scrub)) {
			e->detail[0] = '\0';
		}
		ft->found = true;
		return;
	}
	qs_text_copy(e->code, sizeof(e->code), code, (size_t)-1);
	qs_text_copy(e->element, sizeof(e->element), element, (size_t)-1);
	qs_text_copy(ft->message, sizeof(ft->message), msg, (size_t)-1);
	qs_text_copy(ft->type, sizeof(ft->type), type, (size_t)-1);
	if (detail && !(scrub && *scrub && strstr(detail, scrub))) {
		qs_text_copy(e->detail, sizeof(e->detail), detail, (size_t)-1);
	}
}

/* Classifies an answer that is an error (or a 2xx carrying a Fault) into e.
 * what: "Customer", "reading Invoice 12", "the query"... realm for messages. */
static qs_status fault_classify(const qs_http_resp *r, json_object *j, const char *what,
	const char *realm, const char *scrub, qs_error *e)
{
	qs_error local;
	fault_text ft;
	char codepart[48] = "";
	qs_status st;
	long s = r->status;

	if (!e) {
		qs_error_clear(&local);
		e = &local;
	}
	fault_extract(r, j, scrub, &ft, e);
	e->http_status = s;
	e->timed_out = false;
	/* Retry-After (429, 503): the engine waits at least that long. */
	e->retry_after = r->retry_after > 0 ? r->retry_after : 0;
	if (e->code[0]) {
		snprintf(codepart, sizeof(codepart), ", code %s", e->code);
	}
	if (!realm || !*realm) {
		realm = "?";
	}

	if (s == 401) {
		st = qs_error_set(e, QS_ETOKEN,
			"QuickBooks refused the access token for company %s (HTTP 401%s): it has expired or was revoked; "
			"refresh the tokens and try again", realm, codepart);
	} else if (s == 403) {
		st = qs_error_set(e, QS_EAUTH,
			"QuickBooks refused access to company %s (HTTP 403%s): this connection is not authorised for it "
			"or lacks the accounting scope; reconnect in the addon", realm, codepart);
	} else if (s == 429) {
		if (r->retry_after >= 0) {
			st = qs_error_set(e, QS_ETHROTTLE,
				"QuickBooks is throttling requests for company %s (HTTP 429%s); retry after %ld seconds",
				realm, codepart, r->retry_after);
		} else {
			st = qs_error_set(e, QS_ETHROTTLE,
				"QuickBooks is throttling requests for company %s (HTTP 429%s); back off and retry in a minute",
				realm, codepart);
		}
	} else if (s >= 500 || s == 404 || s < 200 || (s >= 300 && s < 400)) {
		if (ft.message[0]) {
			st = qs_error_set(e, QS_ESERVER,
				"QuickBooks failed on %s (HTTP %ld%s): %s; it will be retried later",
				what, s, codepart, ft.message);
		} else {
			st = qs_error_set(e, QS_ESERVER,
				"QuickBooks failed on %s (HTTP %ld, Content-Type %s); it will be retried later",
				what, s, r->content_type[0] ? r->content_type : "none");
		}
	} else if (ft.message[0] || e->code[0]) {
		/* "QuickBooks refused Customer: Duplicate Name Exists Error (6240): The name ..." */
		if (e->detail[0]) {
			st = qs_error_set(e, QS_EAPI, "QuickBooks refused %s: %s (%s): %s",
				what, ft.message[0] ? ft.message : "error", e->code[0] ? e->code : "no code", e->detail);
		} else {
			st = qs_error_set(e, QS_EAPI, "QuickBooks refused %s: %s (%s)",
				what, ft.message[0] ? ft.message : "error", e->code[0] ? e->code : "no code");
		}
	} else {
		st = qs_error_set(e, QS_EAPI,
			"QuickBooks refused %s (HTTP %ld) without saying why (Content-Type %s)",
			what, s, r->content_type[0] ? r->content_type : "none");
	}
	return st;
}

void qs_qbo_parse_fault(const qs_http_resp *r, qs_error *e)
{
	json_object *j;
	if (!r) {
		return;
	}
	j = parse_json(r->body, r->len, false);
	fault_classify(r, j, "the request", NULL, NULL, e);
	json_object_put(j);
}

/* ---- requests ---- */

/* api_base/company/<realm>/<path>?[params&]minorversion=N[&requestid=R] */
static char *build_url(const qs_qbo *q, const char *path, const char *params,
	const char *requestid, qs_error *e)
{
	char *realm = NULL, *rid = NULL, *url = NULL;
	size_t n;
	const char *mv = q->minorversion && *q->minorversion ? q->minorversion : QS_QBO_MINORVERSION;

	if (requestid && strlen(requestid) > QS_REQUESTID_MAX) {
		qs_error_set(e, QS_EINTERNAL, "A requestid is longer than QuickBooks' %d characters", QS_REQUESTID_MAX);
		return NULL;
	}
	realm = qs_http_urlencode(q->realm);
	rid = requestid && *requestid ? qs_http_urlencode(requestid) : NULL;
	if (!realm || (requestid && *requestid && !rid)) {
		goto oom;
	}
	n = strlen(q->api_base) + strlen(realm) + strlen(path) + (params ? strlen(params) : 0)
		+ strlen(mv) + (rid ? strlen(rid) : 0) + 64;
	url = malloc(n);
	if (!url) {
		goto oom;
	}
	snprintf(url, n, "%s/company/%s/%s?%s%sminorversion=%s%s%s", q->api_base, realm, path,
		params ? params : "", params ? "&" : "", mv, rid ? "&requestid=" : "", rid ? rid : "");
	free(realm);
	free(rid);
	return url;
oom:
	free(realm);
	free(rid);
	qs_error_set(e, QS_EINTERNAL, "Out of memory while building a QuickBooks URL");
	return NULL;
}

static qs_status check_client(const qs_qbo *q, qs_error *e)
{
	if (!q || !q->http || !q->api_base || !*q->api_base || !q->realm || !*q->realm) {
		return qs_error_set(e, QS_EINTERNAL, "QuickBooks client used without an HTTP handle, API base or company");
	}
	if (!q->access_token || !*q->access_token) {
		return qs_error_set(e, QS_EAUTH,
			"There is no access token for company %s; connect to QuickBooks in the addon", q->realm);
	}
	return QS_OK;
}

/* An Id QBO could have sent: 1..QS_QBO_ID_MAX letters, digits, '-' or '_'
 * (numbers, and pseudo Ids such as "TAX"). A SyncToken: 1..QS_QBO_SYNCTOKEN_MAX digits. */
bool qs_qbo_id_ok(const char *v, size_t len)
{
	size_t i;
	if (!v || len == 0 || len > QS_QBO_ID_MAX) {
		return false;
	}
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)v[i];
		if (!isalnum(c) && c != '-' && c != '_') {
			return false;
		}
	}
	return true;
}

bool qs_qbo_synctoken_ok(const char *v, size_t len)
{
	size_t i;
	if (!v || len == 0 || len > QS_QBO_SYNCTOKEN_MAX) {
		return false;
	}
	for (i = 0; i < len; i++) {
		if (!isdigit((unsigned char)v[i])) {
			return false;
		}
	}
	return true;
}

/* Every "Id" and "SyncToken" of an answer (entities, query rows, batch items,
 * lines) must be one QBO could have sent: they go into URLs, bodies and the
 * store, and are never cut to fit. */
static qs_status answer_ids_check(json_object *o, int depth, const char *what, qs_error *e)
{
	if (!o || depth > 8) {
		return QS_OK;
	}
	if (json_object_is_type(o, json_type_array)) {
		size_t i, n = json_object_array_length(o);
		for (i = 0; i < n; i++) {
			if (answer_ids_check(json_object_array_get_idx(o, i), depth + 1, what, e) != QS_OK) {
				return QS_ESERVER;
			}
		}
		return QS_OK;
	}
	if (!json_object_is_type(o, json_type_object)) {
		return QS_OK;
	}
	json_object_object_foreach(o, key, val) {
		/* the first letter first: most keys are neither */
		bool is_id = key[0] == 'I' && !strcmp(key, "Id"), is_tok = key[0] == 'S' && !strcmp(key, "SyncToken");
		if (!is_id && !is_tok && !json_object_is_type(val, json_type_object) && !json_object_is_type(val, json_type_array)) {
			continue;   /* a scalar under another key: nothing to check */
		}
		if (is_id || is_tok) {
			const char *v = json_object_is_type(val, json_type_string) ? json_object_get_string(val) : NULL;
			size_t len = v ? (size_t)json_object_get_string_len(val) : 0;
			if (!(is_id ? qs_qbo_id_ok(v, len) : qs_qbo_synctoken_ok(v, len))) {
				char shown[48];
				qs_text_copy(shown, sizeof(shown), v ? v : json_object_to_json_string(val), v ? len : (size_t)-1);
				if (e) {
					e->code[0] = e->element[0] = e->detail[0] = '\0';
					qs_strlcpy(e->code, is_id ? "invalid_id" : "invalid_synctoken", sizeof(e->code));
					qs_strlcpy(e->element, key, sizeof(e->element));
				}
				/* uncertain, not a refusal: a write may have been recorded, so the
				 * record stays queued with its requestid and is settled by its
				 * natural key before anything is sent again */
				return qs_error_set(e, QS_ESERVER,
					"QuickBooks answered %s with %s \"%s\"%s, which QuickBooks could not have sent (%s); "
					"nothing from that answer was stored", what, is_id ? "an Id" : "a SyncToken", shown,
					v && len >= sizeof(shown) ? "..." : "",
					is_id ? "an Id is 1 to " QS_STR(QS_QBO_ID_MAX) " letters, digits, '-' or '_'"
						: "a SyncToken is 1 to " QS_STR(QS_QBO_SYNCTOKEN_MAX) " digits");
			}
		} else if (answer_ids_check(val, depth + 1, what, e) != QS_OK) {
			return QS_ESERVER;
		}
	}
	return QS_OK;
}

/* The parsed JSON object of a successful answer (*out, caller puts it) or the
 * classified error; r is cleared. */
/* write: the answer to a write (parse_json leaves out what nothing reads) */
static qs_status qbo_answer(qs_qbo *q, qs_http_resp *r, const char *what, bool write, json_object **out, qs_error *e)
{
	qs_status st;
	json_object *j = parse_json(r->body, r->len, write);
	*out = NULL;
	if (r->status >= 200 && r->status < 300) {
		if (!j || !json_object_is_type(j, json_type_object)) {
			st = qs_error_set(e, QS_ESERVER,
				"QuickBooks answered %s with something that is not JSON (HTTP %ld, Content-Type %s); "
				"it will be retried later", what, r->status, r->content_type[0] ? r->content_type : "none");
			if (e) {
				e->http_status = r->status;
				e->retry_after = 0;
				e->code[0] = e->element[0] = e->detail[0] = '\0';
			}
		} else if (json_object_object_get_ex(j, "Fault", NULL)) {
			st = fault_classify(r, j, what, q->realm, q->access_token, e);
		} else if ((st = answer_ids_check(j, 0, what, e)) == QS_OK) {
			*out = j;
			j = NULL;
		}
	} else {
		st = fault_classify(r, j, what, q->realm, q->access_token, e);
	}
	json_object_put(j);
	qs_http_resp_clear(r);
	return st;
}

/* The request headers (Authorization, Accept, Content-Type) into req. */
static qs_status qbo_headers(qs_qbo *q, const char *content_type, qs_qbo_req *req, qs_error *e)
{
	size_t n = strlen(q->access_token) + 32;
	int h = 0;
	req->auth = malloc(n);
	if (!req->auth) {
		return qs_error_set(e, QS_EINTERNAL, "Out of memory while preparing a QuickBooks request");
	}
	snprintf(req->auth, n, "Authorization: Bearer %s", q->access_token);
	req->headers[h++] = req->auth;
	req->headers[h++] = "Accept: application/json";
	if (content_type) {
		snprintf(req->ct, sizeof(req->ct), "Content-Type: %s", content_type);
		req->headers[h++] = req->ct;
	}
	req->headers[h] = NULL;
	return QS_OK;
}

/* Ends a prepared POST of the JSON body in req->body (req->body_len its
 * length): the method and the headers; on failure req is cleared. */
static qs_status json_post(qs_qbo *q, qs_qbo_req *req, qs_error *e)
{
	qs_status st;
	req->method = "POST";
	st = qbo_headers(q, "application/json", req, e);
	if (st != QS_OK) {
		qs_qbo_req_clear(req);
	}
	return st;
}

void qs_qbo_req_clear(qs_qbo_req *req)
{
	if (!req) {
		return;
	}
	qs_secret_free(req->auth);
	free(req->url);
	free(req->body);
	memset(req, 0, sizeof(*req));
}

/* Sends one request and returns the parsed JSON object of a successful answer
 * (*out, caller puts it) or the classified error. */
static qs_status qbo_call(qs_qbo *q, const char *method, const char *url, const char *content_type,
	const char *body, size_t body_len, const char *what, json_object **out, qs_error *e)
{
	qs_qbo_req req;
	qs_http_resp r;
	qs_status st;

	*out = NULL;
	memset(&req, 0, sizeof(req));
	if ((st = qbo_headers(q, content_type, &req, e)) != QS_OK) {
		return st;
	}
	st = qs_http_request(q->http, method, url, req.headers, body, body_len, &r, e);
	qs_qbo_req_clear(&req);
	if (st != QS_OK) {
		return st;
	}
	return qbo_answer(q, &r, what, false, out, e);
}

/* GET api_base/company/<realm>/<path>?<params>: the whole answer object. */
qs_status qs_qbo_get(qs_qbo *q, const char *path, const char *params, const char *what,
	json_object **answer, qs_error *e)
{
	char *url;
	qs_status st;
	*answer = NULL;
	if ((st = check_client(q, e)) != QS_OK) {
		return st;
	}
	url = build_url(q, path, params, NULL, e);
	if (!url) {
		return e ? e->status : QS_EINTERNAL;
	}
	st = qbo_call(q, "GET", url, NULL, NULL, 0, what, answer, e);
	free(url);
	return st;
}

/* Takes answer[entity] out of an answer (a new reference in *out). */
static qs_status take_entity(json_object *answer, const char *entity, const char *what,
	json_object **out, qs_error *e)
{
	json_object *v = NULL;
	if (!json_object_object_get_ex(answer, entity, &v) || !json_object_is_type(v, json_type_object)) {
		if (e) {
			e->code[0] = e->element[0] = e->detail[0] = '\0';
		}
		return qs_error_set(e, QS_ESERVER,
			"QuickBooks answered %s without a %s object; it will be retried later", what, entity);
	}
	*out = json_object_get(v);
	return QS_OK;
}

/* Lower-case entity path segment ("Customer" -> "customer"), optionally "/id". */
static char *entity_path(const char *entity, const char *id)
{
	char *eid = id ? qs_http_urlencode(id) : NULL;
	size_t n = strlen(entity) + (eid ? strlen(eid) : 0) + 2, i;
	char *p;
	if (id && !eid) {
		return NULL;
	}
	p = malloc(n);
	if (!p) {
		free(eid);
		return NULL;
	}
	for (i = 0; entity[i]; i++) {
		p[i] = (char)tolower((unsigned char)entity[i]);
	}
	p[i] = '\0';
	if (eid) {
		snprintf(p + i, n - i, "/%s", eid);
	}
	free(eid);
	return p;
}

/* POST body to /<entity>[?params] and take answer[entity]. */
static qs_status post_entity(qs_qbo *q, const char *entity, const char *params, json_object *body,
	const char *requestid, const char *what, json_object **out, qs_error *e)
{
	char *path, *url;
	const char *text;
	json_object *answer = NULL;
	qs_status st;

	if (out) {
		*out = NULL;
	}
	if ((st = check_client(q, e)) != QS_OK) {
		return st;
	}
	if (!entity_name_ok(entity)) {
		return qs_error_set(e, QS_EINTERNAL, "Not a QuickBooks entity name: \"%.40s\"", entity ? entity : "");
	}
	path = entity_path(entity, NULL);
	if (!path) {
		return qs_error_set(e, QS_EINTERNAL, "Out of memory while building a QuickBooks URL");
	}
	url = build_url(q, path, params, requestid, e);
	free(path);
	if (!url) {
		return e ? e->status : QS_EINTERNAL;
	}
	text = json_object_to_json_string_ext(body, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
	if (!text) {
		free(url);
		return qs_error_set(e, QS_EINTERNAL, "Could not serialise the %s body", entity);
	}
	st = qbo_call(q, "POST", url, "application/json", text, strlen(text), what, &answer, e);
	free(url);
	if (st == QS_OK) {
		json_object *ent = NULL;
		st = take_entity(answer, entity, what, &ent, e);
		if (st == QS_OK && out) {
			*out = ent;
		} else {
			json_object_put(ent);
		}
	}
	json_object_put(answer);
	return st;
}

qs_status qs_qbo_write_prepare(qs_qbo *q, const char *entity, json_object *body, const char *requestid,
	qs_qbo_req *req, qs_error *e)
{
	char *path;
	qs_status st;

	memset(req, 0, sizeof(*req));
	if ((st = check_client(q, e)) != QS_OK) {
		return st;
	}
	if (!entity_name_ok(entity)) {
		return qs_error_set(e, QS_EINTERNAL, "Not a QuickBooks entity name: \"%.40s\"", entity ? entity : "");
	}
	if (!body || !json_object_is_type(body, json_type_object)) {
		return qs_error_set(e, QS_EINTERNAL, "A %s write needs a JSON object body", entity);
	}
	path = entity_path(entity, NULL);
	if (!path) {
		return qs_error_set(e, QS_EINTERNAL, "Out of memory while building a QuickBooks URL");
	}
	req->url = build_url(q, path, NULL, requestid, e);
	free(path);
	if (!req->url) {
		return e ? e->status : QS_EINTERNAL;
	}
	/* the text json-c's plain serialiser gives, written straight into the body */
	req->body = qs_json_plain(body, &req->body_len);
	if (!req->body) {
		qs_qbo_req_clear(req);
		return qs_error_set(e, QS_EINTERNAL, "Could not serialise the %s body", entity);
	}
	return json_post(q, req, e);
}

qs_status qs_qbo_write_answer(qs_qbo *q, qs_http_resp *r, const char *entity, json_object **out, qs_error *e)
{
	json_object *answer = NULL;
	char what[64];
	qs_status st;
	*out = NULL;
	snprintf(what, sizeof(what), "%.40s", entity ? entity : "");
	st = qbo_answer(q, r, what, true, &answer, e);
	if (st == QS_OK) {
		st = take_entity(answer, entity, what, out, e);
	}
	json_object_put(answer);
	return st;
}

qs_status qs_qbo_batch_prepare(qs_qbo *q, json_object *items, const char *requestid, qs_qbo_req *req, qs_error *e)
{
	json_object *body;
	qs_status st;

	memset(req, 0, sizeof(*req));
	if ((st = check_client(q, e)) != QS_OK) {
		return st;
	}
	if (!items || !json_object_is_type(items, json_type_array) || json_object_array_length(items) == 0
			|| json_object_array_length(items) > QS_BATCH_MAX) {
		return qs_error_set(e, QS_EINTERNAL, "A QuickBooks batch needs 1 to %d operations", QS_BATCH_MAX);
	}
	req->url = build_url(q, "batch", NULL, requestid, e);
	if (!req->url) {
		return e ? e->status : QS_EINTERNAL;
	}
	body = json_object_new_object();
	if (body) {
		QS_JSON_ADD(body, "BatchItemRequest", json_object_get(items));
		/* the text json-c's plain serialiser gives, written straight into the body */
		req->body = qs_json_plain(body, &req->body_len);
		json_object_put(body);
	}
	if (!req->body) {
		qs_qbo_req_clear(req);
		return qs_error_set(e, QS_EINTERNAL, "Could not serialise a batch");
	}
	return json_post(q, req, e);
}

qs_status qs_qbo_batch_answer(qs_qbo *q, qs_http_resp *r, json_object **responses, qs_error *e)
{
	json_object *answer = NULL, *resp = NULL;
	qs_status st = qbo_answer(q, r, "the batch", true, &answer, e);
	*responses = NULL;
	if (st == QS_OK) {
		if (json_object_object_get_ex(answer, "BatchItemResponse", &resp) && json_object_is_type(resp, json_type_array)) {
			*responses = json_object_get(resp);
		} else {
			if (e) {
				e->code[0] = e->element[0] = e->detail[0] = '\0';
			}
			st = qs_error_set(e, QS_ESERVER, "QuickBooks answered the batch without BatchItemResponse; it will be retried later");
		}
	}
	json_object_put(answer);
	return st;
}

qs_status qs_qbo_batch(qs_qbo *q, json_object *items, const char *requestid, json_object **responses, qs_error *e)
{
	qs_qbo_req req;
	qs_http_resp r;
	qs_status st;

	*responses = NULL;
	st = qs_qbo_batch_prepare(q, items, requestid, &req, e);
	if (st != QS_OK) {
		return st;
	}
	st = qs_http_request(q->http, "POST", req.url, req.headers, req.body, req.body_len, &r, e);
	qs_qbo_req_clear(&req);
	if (st != QS_OK) {
		return st;
	}
	return qs_qbo_batch_answer(q, &r, responses, e);
}

qs_status qs_qbo_item_fault(json_object *item, const char *what, const char *realm, qs_error *e)
{
	qs_http_resp r;
	memset(&r, 0, sizeof(r));
	r.status = 400;
	r.retry_after = -1;
	return fault_classify(&r, item, what, realm, NULL, e);
}

qs_status qs_qbo_create(qs_qbo *q, const char *entity, json_object *body,
	const char *requestid, json_object **out, qs_error *e)
{
	char what[64];
	if (!body || !json_object_is_type(body, json_type_object)) {
		return qs_error_set(e, QS_EINTERNAL, "A %s create needs a JSON object body", entity ? entity : "QuickBooks");
	}
	snprintf(what, sizeof(what), "%.40s", entity ? entity : "");
	return post_entity(q, entity, NULL, body, requestid, what, out, e);
}

static bool has_id_field(json_object *body, const char *key)
{
	json_object *v = NULL;
	return json_object_object_get_ex(body, key, &v) && v
		&& (json_object_is_type(v, json_type_string) || json_object_is_type(v, json_type_int))
		&& json_object_get_string(v)[0] != '\0';
}

qs_status qs_qbo_update(qs_qbo *q, const char *entity, json_object *body, bool sparse,
	const char *requestid, json_object **out, qs_error *e)
{
	json_object *copy;
	char what[96];
	qs_status st;

	if (out) {
		*out = NULL;
	}
	if (!body || !json_object_is_type(body, json_type_object)
		|| !has_id_field(body, "Id") || !has_id_field(body, "SyncToken")) {
		return qs_error_set(e, QS_EINTERNAL, "A %s update needs a body with Id and SyncToken",
			entity ? entity : "QuickBooks");
	}
	/* A shallow copy (shared member references) so the caller's object is untouched. */
	copy = json_object_new_object();
	if (!copy) {
		return qs_error_set(e, QS_EINTERNAL, "Out of memory while preparing an update");
	}
	json_object_object_foreach(body, key, val) {
		if (strcmp(key, "sparse") != 0) {
			json_object_object_add(copy, key, json_object_get(val));
		}
	}
	if (sparse) {
		json_object_object_add(copy, "sparse", json_object_new_boolean(1));
	}
	snprintf(what, sizeof(what), "the update of %.40s %.40s", entity ? entity : "",
		json_object_get_string(json_object_object_get(body, "Id")));
	st = post_entity(q, entity, NULL, copy, requestid, what, out, e);
	json_object_put(copy);
	return st;
}

qs_status qs_qbo_read(qs_qbo *q, const char *entity, const char *id,
	json_object **out, qs_error *e)
{
	char *path, *url;
	char what[96];
	json_object *answer = NULL;
	qs_status st;

	*out = NULL;
	if ((st = check_client(q, e)) != QS_OK) {
		return st;
	}
	if (!entity_name_ok(entity) || !id || !*id) {
		return qs_error_set(e, QS_EINTERNAL, "Reading from QuickBooks needs an entity name and an Id");
	}
	path = entity_path(entity, id);
	if (!path) {
		return qs_error_set(e, QS_EINTERNAL, "Out of memory while building a QuickBooks URL");
	}
	url = build_url(q, path, NULL, NULL, e);
	free(path);
	if (!url) {
		return e ? e->status : QS_EINTERNAL;
	}
	snprintf(what, sizeof(what), "reading %.40s %.40s", entity, id);
	st = qbo_call(q, "GET", url, NULL, NULL, 0, what, &answer, e);
	free(url);
	if (st == QS_OK) {
		st = take_entity(answer, entity, what, out, e);
	}
	json_object_put(answer);
	return st;
}

qs_status qs_qbo_get_entity(qs_qbo *q, const char *entity, const char *params,
	json_object **out, qs_error *e)
{
	char *path;
	char what[96];
	json_object *answer = NULL, *v = NULL;
	qs_status st;

	*out = NULL;
	if (!entity_name_ok(entity)) {
		return qs_error_set(e, QS_EINTERNAL, "Reading from QuickBooks needs an entity name");
	}
	path = entity_path(entity, NULL);
	if (!path) {
		return qs_error_set(e, QS_EINTERNAL, "Out of memory while building a QuickBooks URL");
	}
	snprintf(what, sizeof(what), "reading %.40s", entity);
	st = qs_qbo_get(q, path, params && *params ? params : NULL, what, &answer, e);
	free(path);
	if (st == QS_OK && json_object_object_get_ex(answer, entity, &v) && json_object_is_type(v, json_type_object)) {
		*out = json_object_get(v);
	}
	json_object_put(answer);
	return st;
}

/* {"Id":id,"SyncToken":sync[,"sparse":true]} */
static json_object *id_body(const char *id, const char *sync_token, bool sparse)
{
	json_object *b = json_object_new_object();
	if (!b) {
		return NULL;
	}
	json_object_object_add(b, "Id", json_object_new_string(id));
	json_object_object_add(b, "SyncToken", json_object_new_string(sync_token ? sync_token : "0"));
	if (sparse) {
		json_object_object_add(b, "sparse", json_object_new_boolean(1));
	}
	return b;
}

qs_status qs_qbo_delete(qs_qbo *q, const char *entity, const char *id,
	const char *sync_token, const char *requestid, json_object **out, qs_error *e)
{
	json_object *b;
	char what[96];
	qs_status st;

	if (out) {
		*out = NULL;
	}
	if (!id || !*id) {
		return qs_error_set(e, QS_EINTERNAL, "Deleting from QuickBooks needs an Id");
	}
	b = id_body(id, sync_token, false);
	if (!b) {
		return qs_error_set(e, QS_EINTERNAL, "Out of memory while preparing a delete");
	}
	snprintf(what, sizeof(what), "deleting %.40s %.40s", entity ? entity : "", id);
	st = post_entity(q, entity, "operation=delete", b, requestid, what, out, e);
	json_object_put(b);
	return st;
}

qs_status qs_qbo_void(qs_qbo *q, const char *entity, const char *id,
	const char *sync_token, const char *requestid, json_object **out, qs_error *e)
{
	json_object *b;
	char what[96];
	qs_status st;
	bool update_form;

	if (out) {
		*out = NULL;
	}
	if (!id || !*id) {
		return qs_error_set(e, QS_EINTERNAL, "Voiding in QuickBooks needs an Id");
	}
	/* Payment (and SalesReceipt / BillPayment) are voided through a sparse update. */
	update_form = entity && (strcmp(entity, "Payment") == 0 || strcmp(entity, "SalesReceipt") == 0
		|| strcmp(entity, "BillPayment") == 0);
	b = id_body(id, sync_token, update_form);
	if (!b) {
		return qs_error_set(e, QS_EINTERNAL, "Out of memory while preparing a void");
	}
	snprintf(what, sizeof(what), "voiding %.40s %.40s", entity ? entity : "", id);
	st = post_entity(q, entity, update_form ? "operation=update&include=void" : "operation=void",
		b, requestid, what, out, e);
	json_object_put(b);
	return st;
}

qs_status qs_qbo_query_prepare(qs_qbo *q, const char *query, qs_qbo_req *req, qs_error *e)
{
	char *enc = NULL, *params = NULL;
	qs_status st;

	memset(req, 0, sizeof(*req));
	if ((st = check_client(q, e)) != QS_OK) {
		return st;
	}
	if (!query || !*query) {
		return qs_error_set(e, QS_EINTERNAL, "An empty QuickBooks query");
	}
	enc = qs_http_urlencode(query);
	if (!enc) {
		return qs_error_set(e, QS_EINTERNAL, "Out of memory while building a query");
	}
	if (strlen(enc) <= QS_QUERY_GET_MAX) {
		size_t n = strlen(enc) + 8;
		params = malloc(n);
		if (!params) {
			free(enc);
			return qs_error_set(e, QS_EINTERNAL, "Out of memory while building a query");
		}
		snprintf(params, n, "query=%s", enc);
		free(enc);
		req->method = "GET";
		req->url = build_url(q, "query", params, NULL, e);
		free(params);
		if (!req->url) {
			return e ? e->status : QS_EINTERNAL;
		}
		st = qbo_headers(q, NULL, req, e);
	} else {
		free(enc);
		req->method = "POST";
		req->url = build_url(q, "query", NULL, NULL, e);
		if (!req->url) {
			return e ? e->status : QS_EINTERNAL;
		}
		req->body = strdup(query);
		if (!req->body) {
			qs_qbo_req_clear(req);
			return qs_error_set(e, QS_EINTERNAL, "Out of memory while building a query");
		}
		req->body_len = strlen(query);
		st = qbo_headers(q, "application/text", req, e);
	}
	if (st != QS_OK) {
		qs_qbo_req_clear(req);
	}
	return st;
}

qs_status qs_qbo_query_answer(qs_qbo *q, qs_http_resp *r, json_object **rows, qs_error *e)
{
	json_object *answer = NULL, *qr = NULL, *found = NULL;
	qs_status st = qbo_answer(q, r, "the query", false, &answer, e);
	*rows = NULL;
	if (st != QS_OK) {
		return st;
	}
	if (!json_object_object_get_ex(answer, "QueryResponse", &qr) || !json_object_is_type(qr, json_type_object)) {
		json_object_put(answer);
		if (e) {
			e->code[0] = e->element[0] = e->detail[0] = '\0';
		}
		return qs_error_set(e, QS_ESERVER,
			"QuickBooks answered the query without a QueryResponse; it will be retried later");
	}
	/* The rows are the one array member, named after the entity; none when nothing matched. */
	json_object_object_foreach(qr, key, val) {
		(void)key;
		if (json_object_is_type(val, json_type_array)) {
			found = val;
			break;
		}
	}
	*rows = found ? json_object_get(found) : json_object_new_array();
	json_object_put(answer);
	if (!*rows) {
		return qs_error_set(e, QS_EINTERNAL, "Out of memory while reading query rows");
	}
	return QS_OK;
}

qs_status qs_qbo_query(qs_qbo *q, const char *query, json_object **rows, qs_error *e)
{
	qs_qbo_req req;
	qs_http_resp r;
	qs_status st;

	*rows = NULL;
	st = qs_qbo_query_prepare(q, query, &req, e);
	if (st != QS_OK) {
		return st;
	}
	st = qs_http_request(q->http, req.method, req.url, req.headers, req.body, req.body_len, &r, e);
	qs_qbo_req_clear(&req);
	if (st != QS_OK) {
		return st;
	}
	return qs_qbo_query_answer(q, &r, rows, e);
}
