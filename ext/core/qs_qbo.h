/* qs_qbo: the QBO v3 API client for one realm: create, read, update, delete, void,
 * query, and the parsing of every answer into an entity or a qs_error carrying
 * QBO's code, element and detail. Stateless about tokens: a 401 is QS_ETOKEN. */
#ifndef QS_QBO_H
#define QS_QBO_H

#include <json-c/json.h>
#include "qs_http.h"

typedef struct qs_qbo {
	qs_http *http;             /* borrowed */
	const char *api_base;      /* ".../v3", borrowed */
	const char *realm;         /* borrowed */
	const char *access_token;  /* borrowed; the engine swaps it after a refresh */
	const char *minorversion;  /* NULL = QS_QBO_MINORVERSION (qs_qbo_rules.h) */
} qs_qbo;

/* Bounds of what QBO sends as an Id and a SyncToken (the store's columns
 * hold them whole): an answer carrying anything else is QS_EAPI with code
 * "invalid_id" / "invalid_synctoken", element "Id" / "SyncToken". */
#define QS_QBO_ID_MAX 31
#define QS_QBO_SYNCTOKEN_MAX 18
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
#define QS_BATCH_MAX 30
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

/* Parses a Fault (either envelope) from an answer into e; used by oauth too. */
void qs_qbo_parse_fault(const qs_http_resp *r, qs_error *e);

#endif
