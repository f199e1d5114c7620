/* qs_qbo_webhook: the QBO side of webhooks: the intuit-signature check
 * (base64 HMAC-SHA256 of the raw body under the app's verifier token, compared
 * in constant time) and the two payload formats, legacy eventNotifications and
 * CloudEvents 1.0, read into one list of notifications. */
#include "qs_qbo.h"
#include "qs_crypto.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A bound far above any notification batch QBO sends (ids only, one realm). */
#define QS_WEBHOOK_BODY_MAX (4 * 1024 * 1024)

bool qs_qbo_webhook_signed(const char *verifier, const char *body, size_t len, const char *sig)
{
	char *want;
	bool ok;
	if (!verifier || !*verifier || !sig || !*sig) {
		return false;
	}
	want = qs_hmac_sha256_b64(verifier, strlen(verifier), body, len);
	if (!want) {
		return false;
	}
	ok = qs_const_eq(want, sig);
	qs_secret_free(want);
	return ok;
}

/* QBO's entity names, for the lower-case names in CloudEvents types. */
static const char *const entity_names[] = {
	"Account", "Bill", "BillPayment", "Budget", "Class", "CreditMemo", "Currency", "Customer", "Department",
	"Deposit", "Employee", "Estimate", "Invoice", "Item", "JournalCode", "JournalEntry", "Payment",
	"PaymentMethod", "Preferences", "Purchase", "PurchaseOrder", "RefundReceipt", "SalesReceipt", "TaxAgency",
	"Term", "TimeActivity", "Transfer", "Vendor", "VendorCredit",
};

/* CloudEvents verbs (past tense) and the legacy operation names. */
static const char *const verbs[][2] = {
	{"created", "Create"}, {"updated", "Update"}, {"deleted", "Delete"}, {"merged", "Merge"},
	{"voided", "Void"}, {"emailed", "Emailed"},
};

static const char *str_of(json_object *o, const char *key)
{
	json_object *v;
	if (!o || !json_object_object_get_ex(o, key, &v)) {
		return NULL;
	}
	if (json_object_is_type(v, json_type_string)) {
		return json_object_get_string(v);
	}
	if (json_object_is_type(v, json_type_int)) {
		return json_object_get_string(v);
	}
	return NULL;
}

/* One notification, its time normalised to ISO UTC with milliseconds. */
static bool add_event(json_object *out, const char *realm, const char *entity, const char *id, const char *op,
	const char *at)
{
	json_object *ev;
	char when[40];
	double t;
	if (!realm || !*realm || !entity || !*entity || !id || !*id || !op || !*op
		|| strlen(realm) > 63 || strlen(entity) > 31 || !qs_qbo_id_ok(id, strlen(id)) || strlen(op) > 15) {
		return false;
	}
	if (at && qs_qbo_time_parse(at, &t)) {
		qs_qbo_time_format(t, when, sizeof(when));
	} else {
		when[0] = '\0';
	}
	ev = json_object_new_object();
	json_object_object_add(ev, "realm", json_object_new_string(realm));
	json_object_object_add(ev, "entity", json_object_new_string(entity));
	json_object_object_add(ev, "id", json_object_new_string(id));
	json_object_object_add(ev, "operation", json_object_new_string(op));
	json_object_object_add(ev, "at", when[0] ? json_object_new_string(when) : NULL);
	json_object_array_add(out, ev);
	return true;
}

static bool legacy(json_object *root, json_object *out)
{
	json_object *list, *ents;
	size_t i, j;
	if (!json_object_object_get_ex(root, "eventNotifications", &list) || !json_object_is_type(list, json_type_array)) {
		return false;
	}
	for (i = 0; i < json_object_array_length(list); i++) {
		json_object *n = json_object_array_get_idx(list, i), *dce = NULL;
		const char *realm = str_of(n, "realmId");
		if (!json_object_object_get_ex(n, "dataChangeEvent", &dce)
			|| !json_object_object_get_ex(dce, "entities", &ents) || !json_object_is_type(ents, json_type_array)) {
			return false;
		}
		for (j = 0; j < json_object_array_length(ents); j++) {
			json_object *en = json_object_array_get_idx(ents, j);
			if (!add_event(out, realm, str_of(en, "name"), str_of(en, "id"), str_of(en, "operation"),
					str_of(en, "lastUpdated"))) {
				return false;
			}
		}
	}
	return true;
}

/* "qbo.<entity>.<verb>.v1" -> entity and operation names. */
static bool cloud_type(const char *type, const char **entity, const char **op)
{
	const char *a, *b;
	size_t i, n;
	if (!type || strncmp(type, "qbo.", 4) != 0) {
		return false;
	}
	a = type + 4;
	b = strchr(a, '.');
	if (!b) {
		return false;
	}
	n = (size_t)(b - a);
	*entity = NULL;
	for (i = 0; i < sizeof(entity_names) / sizeof(entity_names[0]); i++) {
		if (strlen(entity_names[i]) == n && !strncasecmp(entity_names[i], a, n)) {
			*entity = entity_names[i];
		}
	}
	a = b + 1;
	b = strchr(a, '.');
	n = b ? (size_t)(b - a) : strlen(a);
	*op = NULL;
	for (i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++) {
		if (strlen(verbs[i][0]) == n && !strncmp(verbs[i][0], a, n)) {
			*op = verbs[i][1];
		}
	}
	return *entity && *op;
}

static bool cloudevents(json_object *root, json_object *out)
{
	size_t i;
	for (i = 0; i < json_object_array_length(root); i++) {
		json_object *ce = json_object_array_get_idx(root, i);
		const char *entity, *op;
		if (!json_object_is_type(ce, json_type_object) || !cloud_type(str_of(ce, "type"), &entity, &op)) {
			return false;
		}
		if (!add_event(out, str_of(ce, "intuitaccountid"), entity, str_of(ce, "intuitentityid"), op,
				str_of(ce, "time"))) {
			return false;
		}
	}
	return true;
}

qs_status qs_qbo_webhook_parse(const char *body, size_t len, json_object **events, qs_error *e)
{
	json_tokener *tok = json_tokener_new();
	json_object *root;
	bool ok;

	*events = NULL;
	if (len > QS_WEBHOOK_BODY_MAX) {
		json_tokener_free(tok);
		return qs_error_set(e, QS_EVALIDATION, "The webhook body is %zu bytes, more than the %d QuickBooks sends at most; "
			"check what posts to the endpoint", len, QS_WEBHOOK_BODY_MAX);
	}
	if (!tok) {
		return qs_error_set(e, QS_EINTERNAL, "Out of memory reading a webhook body");
	}
	root = json_tokener_parse_ex(tok, body, (int)len);
	if (root && json_tokener_get_parse_end(tok) != len) {
		json_object_put(root);
		root = NULL;
	}
	json_tokener_free(tok);
	*events = json_object_new_array();
	ok = root && *events && (json_object_is_type(root, json_type_array) ? cloudevents(root, *events)
		: json_object_is_type(root, json_type_object) && legacy(root, *events));
	json_object_put(root);
	if (!ok) {
		json_object_put(*events);
		*events = NULL;
		return qs_error_set(e, QS_EVALIDATION, "The webhook body is neither QuickBooks' eventNotifications nor a CloudEvents array "
			"of qbo.<entity>.<verb>.v1 events; check that the endpoint receives QuickBooks' POST body unchanged");
	}
	return QS_OK;
}
