/* qs_qbo: the QBO v3 API client for one realm: create, read, update, delete, void,
 * query, and the parsing of every answer into an entity or a qs_error carrying
 * QBO's code, element and detail. Stateless about tokens: a 401 is QS_ETOKEN. */
#ifndef QS_QBO_H
#define QS_QBO_H

#include <json-c/json.h>
#include "qs_http.h"
#include "qbo/qs_qbo_rules.h"

typedef struct qs_qbo {
	qs_http *http;             /* borrowed */
	const char *api_base;      /* ".../v3", borrowed */
	const char *realm;         /* borrowed */
	const char *access_token;  /* borrowed; the engine swaps it after a refresh */
	const char *minorversion;  /* NULL = QS_QBO_MINORVERSION (qbo/qs_qbo_version.h) */
} qs_qbo;

/* Whether v could be an Id / a SyncToken QBO sent (within QS_QBO_ID_MAX,
 * QS_QBO_SYNCTOKEN_MAX: qbo/qs_qbo_limits.h): an answer carrying anything
 * else is QS_EAPI with code "invalid_id" / "invalid_synctoken", element
 * "Id" / "SyncToken". */
bool qs_qbo_id_ok(const char *v, size_t len);
bool qs_qbo_synctoken_ok(const char *v, size_t len);

/* Result classes (besides QS_OK):
 *   HTTP 400 with a Fault          -> QS_EAPI: code/element/detail/message from Error[0]
 *   HTTP 401                       -> QS_ETOKEN (body parsed leniently: gateway envelope, XML)
 *   HTTP 403 (3100)                -> QS_EAUTH
 *   HTTP 429 (3001)                -> QS_ETHROTTLE
 *   HTTP 5xx, non-JSON 200         -> QS_ESERVER
 *   transport                      -> QS_ENET
 * e->message is a sentence: "QuickBooks refused Customer: Duplicate Name Exists Error
 * (6240): The name supplied already exists ...". */

/* entity: "Customer", "Invoice", "Payment", "Item", "Account", ... (PascalCase).
 * requestid: deterministic id for idempotent writes (<= 50 chars), may be NULL.
 * *out: the entity object (a new reference the caller json_object_put()s). */
qs_status qs_qbo_create(qs_qbo *q, const char *entity, json_object *body,
	const char *requestid, json_object **out, qs_error *e);

/* body must carry Id and SyncToken; sparse adds "sparse": true. */
qs_status qs_qbo_update(qs_qbo *q, const char *entity, json_object *body, bool sparse,
	const char *requestid, json_object **out, qs_error *e);

qs_status qs_qbo_read(qs_qbo *q, const char *entity, const char *id,
	json_object **out, qs_error *e);

/* GET /<entity>[?params] (params already URL-encoded: "sourcecurrencycode=EUR"),
 * e.g. Preferences or ExchangeRate: *out = answer[entity], or NULL (QS_OK)
 * when QBO answered without one (no exchange rate). */
qs_status qs_qbo_get_entity(qs_qbo *q, const char *entity, const char *params,
	json_object **out, qs_error *e);

/* ?operation=delete; out (may be NULL) receives {"status":"Deleted","Id":..}. */
qs_status qs_qbo_delete(qs_qbo *q, const char *entity, const char *id,
	const char *sync_token, const char *requestid, json_object **out, qs_error *e);

/* ?operation=void for Invoice/CreditMemo/RefundReceipt; for Payment the
 * ?operation=update&include=void sparse form. */
qs_status qs_qbo_void(qs_qbo *q, const char *entity, const char *id,
	const char *sync_token, const char *requestid, json_object **out, qs_error *e);

/* POST /batch: items is a JSON array of 1..QS_BATCH_MAX BatchItemRequest
 * elements ({"bId", "operation", "<Entity>": {...}} or {"bId", "Query"});
 * *responses receives the BatchItemResponse array (a new reference). One item's
 * Fault is inside its element: qs_qbo_item_fault() reads it. */
#define QS_BATCH_MAX QS_QBO_BATCH_OPS
qs_status qs_qbo_batch(qs_qbo *q, json_object *items, const char *requestid, json_object **responses, qs_error *e);

/* qs_qbo_batch in two halves, for a request sent through a qs_pool: prepare
 * builds the URL, body and headers (req holds them; qs_qbo_req_clear frees
 * them, the access token wiped); answer classifies the HTTP answer exactly as
 * qs_qbo_batch does (r is cleared). The transfer itself is the caller's. */
typedef struct qs_qbo_req {
	const char *method;        /* "GET" or "POST" */
	char *url;
	char *body;
	size_t body_len;
	char *auth;
	const char *headers[5];
	char ct[80];
} qs_qbo_req;
qs_status qs_qbo_batch_prepare(qs_qbo *q, json_object *items, const char *requestid, qs_qbo_req *req, qs_error *e);
qs_status qs_qbo_batch_answer(qs_qbo *q, qs_http_resp *r, json_object **responses, qs_error *e);
void qs_qbo_req_clear(qs_qbo_req *req);
/* A create or update (body with Id, SyncToken and sparse) of one entity in the
 * same two halves: POST /<entity>?requestid=R; answer gives answer[entity]
 * (*out, a new reference) or the error classified as qs_qbo_create does. */
qs_status qs_qbo_write_prepare(qs_qbo *q, const char *entity, json_object *body, const char *requestid,
	qs_qbo_req *req, qs_error *e);
qs_status qs_qbo_write_answer(qs_qbo *q, qs_http_resp *r, const char *entity, json_object **out, qs_error *e);
/* qs_qbo_query in the same two halves (GET, or POST for a long query). */
qs_status qs_qbo_query_prepare(qs_qbo *q, const char *query, qs_qbo_req *req, qs_error *e);
qs_status qs_qbo_query_answer(qs_qbo *q, qs_http_resp *r, json_object **rows, qs_error *e);

/* A BatchItemResponse element's Fault as a QS_EAPI error ("QuickBooks refused
 * <what>: <message> (<code>): <detail>"). */
qs_status qs_qbo_item_fault(json_object *item, const char *what, const char *realm, qs_error *e);

/* Runs a query; *rows is a json array (possibly empty) of the entity objects. */
qs_status qs_qbo_query(qs_qbo *q, const char *query, json_object **rows, qs_error *e);

/* QBO query string literal: wraps in single quotes and escapes ' and \ as QBO
 * wants (\'). malloc'd. The one place query text is escaped. */
char *qs_qbo_quote(const char *s);

/* GET <path>?<params> under the company: the whole answer object (*answer,
 * caller puts it), errors classified as for every call. */
qs_status qs_qbo_get(qs_qbo *q, const char *path, const char *params, const char *what,
	json_object **answer, qs_error *e);

/* ---- change data capture and query paging (qs_qbo_pull.c) ---- */
/* One page of a query ("select * from Customer startposition 1001 maxresults
 * 1000"); *rows: the array (possibly empty), *time: the answer's time (QBO's
 * clock) as unix seconds (0 when absent). */
qs_status qs_qbo_query_page(qs_qbo *q, const char *query, json_object **rows, double *time, qs_error *e);
/* GET cdc?entities=<csv>&changedSince=<iso>: *answer the whole answer. */
qs_status qs_qbo_cdc(qs_qbo *q, const char *entities, const char *since, json_object **answer, qs_error *e);
/* The rows of entity in a CDC answer (borrowed array, NULL when none) and the
 * number of objects it holds in all. */
json_object *qs_qbo_cdc_rows(json_object *answer, const char *entity);
long qs_qbo_cdc_total(json_object *answer);
/* ISO 8601 date or date-time (with Z or an offset; none = UTC) to unix
 * seconds; false when it is not one. */
bool qs_qbo_time_parse(const char *iso, double *t);
/* Unix seconds as "YYYY-MM-DDTHH:MM:SS.mmmZ" (buf >= 32). */
void qs_qbo_time_format(double t, char *buf, size_t size);

/* ---- webhooks (qs_qbo_webhook.c) ---- */
/* Whether sig (the intuit-signature header) is base64(HMAC-SHA256(verifier,
 * body)); compared in constant time. */
bool qs_qbo_webhook_signed(const char *verifier, const char *body, size_t len, const char *sig);
/* The notifications of a webhook body, legacy eventNotifications or a
 * CloudEvents array, as a new array of {"realm","entity","id","operation",
 * "at"} (entity PascalCase, operation Create|Update|Delete|Merge|Void|Emailed,
 * at ISO UTC). QS_EVALIDATION when the body is neither. */
qs_status qs_qbo_webhook_parse(const char *body, size_t len, json_object **events, qs_error *e);

/* Parses a Fault (either envelope) from an answer into e; used by oauth too. */
void qs_qbo_parse_fault(const qs_http_resp *r, qs_error *e);

#endif
