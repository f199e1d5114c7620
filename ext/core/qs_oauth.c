/* qs_oauth: the Intuit OAuth 2.0 client: endpoints per environment, the
 * authorization URL, code exchange, refresh and revoke, and the mapping of the
 * token service's answers to qs_error. Secrets never reach e->message/detail. */
#include "qs_oauth.h"
#include "qs_crypto.h"

#include <json-c/json.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>

#define INTUIT_AUTHORIZE "https://appcenter.intuit.com/connect/oauth2"
#define INTUIT_TOKEN "https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer"
#define INTUIT_REVOKE "https://developer.api.intuit.com/v2/oauth2/tokens/revoke"
#define INTUIT_API_PRODUCTION "https://quickbooks.api.intuit.com/v3"
#define INTUIT_API_SANDBOX "https://sandbox-quickbooks.api.intuit.com/v3"
#define DEFAULT_SCOPE "com.intuit.quickbooks.accounting"

qs_status qs_endpoints_for(const char *environment, qs_endpoints *out, qs_error *e)
{
	char base[400];
	size_t n;

	memset(out, 0, sizeof(*out));
	if (!environment || !*environment) {
		return qs_error_set(e, QS_ECONFIG,
			"No environment is set: use \"production\", \"sandbox\", an https base URL, or "
			"http://127.0.0.1:PORT for the local sandbox");
	}
	if (strcmp(environment, "production") == 0 || strcmp(environment, "sandbox") == 0) {
		qs_strlcpy(out->authorize, INTUIT_AUTHORIZE, sizeof(out->authorize));
		qs_strlcpy(out->token, INTUIT_TOKEN, sizeof(out->token));
		qs_strlcpy(out->revoke, INTUIT_REVOKE, sizeof(out->revoke));
		qs_strlcpy(out->api_base, environment[0] == 'p' ? INTUIT_API_PRODUCTION : INTUIT_API_SANDBOX,
			sizeof(out->api_base));
		return QS_OK;
	}
	if (strncasecmp(environment, "https://", 8) != 0 && strncasecmp(environment, "http://", 7) != 0) {
		char shown[64];
		qs_text_copy(shown, sizeof(shown), environment, (size_t)-1);
		return qs_error_set(e, QS_ECONFIG,
			"environment \"%s\" is not known: use \"production\", \"sandbox\", an https base URL, or "
			"http://127.0.0.1:PORT for the local sandbox", shown);
	}
	n = strlen(environment);
	while (n > 0 && environment[n - 1] == '/') {
		n--;
	}
	if (n >= sizeof(base) || n == 0) {
		return qs_error_set(e, QS_ECONFIG, "environment URL is too long (%zu characters, at most %zu)",
			n, sizeof(base) - 1);
	}
	memcpy(base, environment, n);
	base[n] = '\0';
	if (strpbrk(base, "?#")) {
		return qs_error_set(e, QS_ECONFIG,
			"environment URL must be a plain base URL without a query or fragment (e.g. http://127.0.0.1:8080)");
	}
	if (!qs_http_url_allowed(base)) {
		char shown[160];
		qs_text_copy(shown, sizeof(shown), base, (size_t)-1);
		return qs_error_set(e, QS_ECONFIG,
			"environment %s uses plain http to a host that is not this machine; refusing to send tokens "
			"unencrypted: use an https URL (plain http is allowed only to 127.0.0.1, ::1 or localhost)", shown);
	}
	snprintf(out->authorize, sizeof(out->authorize), "%s/connect/oauth2", base);
	snprintf(out->token, sizeof(out->token), "%s/oauth2/v1/tokens/bearer", base);
	snprintf(out->revoke, sizeof(out->revoke), "%s/v2/oauth2/tokens/revoke", base);
	snprintf(out->api_base, sizeof(out->api_base), "%s/v3", base);
	return QS_OK;
}

void qs_tokens_clear(qs_tokens *t)
{
	if (!t) {
		return;
	}
	qs_secret_free(t->access);
	qs_secret_free(t->refresh);
	memset(t, 0, sizeof(*t));
}

qs_status qs_oauth_authorize_url(const qs_endpoints *ep, const char *client_id,
	const char *redirect_uri, const char *scope, const char *state, char **url, qs_error *e)
{
	char *cid = NULL, *sc = NULL, *ru = NULL, *st = NULL;
	size_t len;
	qs_status rc = QS_OK;

	*url = NULL;
	if (!client_id || !*client_id) {
		return qs_error_set(e, QS_ECONFIG, "No client_id is set: copy it from the app's Keys page at Intuit into the addon settings");
	}
	if (!redirect_uri || !*redirect_uri) {
		return qs_error_set(e, QS_ECONFIG, "No redirect_uri is set: use the addon's callback URL, registered for the app at Intuit");
	}
	if (!state || !*state) {
		return qs_error_set(e, QS_EINTERNAL, "An authorization URL needs a state");
	}
	cid = qs_http_urlencode(client_id);
	sc = qs_http_urlencode(scope && *scope ? scope : DEFAULT_SCOPE);
	ru = qs_http_urlencode(redirect_uri);
	st = qs_http_urlencode(state);
	if (!cid || !sc || !ru || !st) {
		rc = qs_error_set(e, QS_EINTERNAL, "Out of memory while building the authorization URL");
		goto done;
	}
	len = strlen(ep->authorize) + strlen(cid) + strlen(sc) + strlen(ru) + strlen(st) + 80;
	*url = malloc(len);
	if (!*url) {
		rc = qs_error_set(e, QS_EINTERNAL, "Out of memory while building the authorization URL");
		goto done;
	}
	snprintf(*url, len, "%s%cclient_id=%s&scope=%s&redirect_uri=%s&response_type=code&state=%s",
		ep->authorize, strchr(ep->authorize, '?') ? '&' : '?', cid, sc, ru, st);
done:
	free(cid);
	free(sc);
	free(ru);
	free(st);
	return rc;
}

/* ---- helpers ---- */

static void resp_wipe_clear(qs_http_resp *r)
{
	if (r->body) {
		qs_wipe(r->body, r->len);
	}
	qs_http_resp_clear(r);
}

/* "Authorization: Basic base64(id:secret)", malloc'd; free with qs_secret_free. */
static char *basic_header(const char *client_id, const char *client_secret)
{
	size_t n = strlen(client_id) + strlen(client_secret) + 2;
	char *pair = malloc(n);
	char *b64, *hdr = NULL;
	if (!pair) {
		return NULL;
	}
	snprintf(pair, n, "%s:%s", client_id, client_secret);
	b64 = qs_base64_encode(pair, n - 1);
	qs_secret_free(pair);
	if (!b64) {
		return NULL;
	}
	n = strlen(b64) + 32;
	hdr = malloc(n);
	if (hdr) {
		snprintf(hdr, n, "Authorization: Basic %s", b64);
	}
	qs_secret_free(b64);
	return hdr;
}

static json_object *parse_json(const qs_http_resp *r)
{
	json_tokener *tok;
	json_object *o;
	if (!r->body || r->len == 0 || r->len > 0x7fffffff) {
		return NULL;
	}
	tok = json_tokener_new();
	if (!tok) {
		return NULL;
	}
	o = json_tokener_parse_ex(tok, r->body, (int)r->len);
	if (json_tokener_get_error(tok) != json_tokener_success) {
		json_object_put(o);
		o = NULL;
	}
	json_tokener_free(tok);
	return o;
}

/* Wipes a json string value in place (json-c keeps its own copy of the token). */
static void wipe_json_string(json_object *o)
{
	if (o && json_object_is_type(o, json_type_string)) {
		qs_wipe((char *)json_object_get_string(o), (size_t)json_object_get_string_len(o));
	}
}

static const char *get_str(json_object *obj, const char *key)
{
	json_object *v = NULL;
	if (obj && json_object_object_get_ex(obj, key, &v) && json_object_is_type(v, json_type_string)) {
		return json_object_get_string(v);
	}
	return NULL;
}

static bool contains_secret(const char *text, const char *const *secrets)
{
	for (; secrets && *secrets; secrets++) {
		if (**secrets && strlen(*secrets) >= 4 && strstr(text, *secrets)) {
			return true;
		}
	}
	return false;
}

/* Can a token from the token service be used as it is? An access token goes
 * into the Authorization header: RFC 6750's b64token characters only. A
 * refresh token goes (encoded) into a form: visible ASCII. Either bounded in
 * length; an embedded NUL (len != strlen) is refused, never cut. Fills why. */
static bool token_usable(const char *v, size_t len, bool bearer, char *why, size_t why_size)
{
	size_t i, max = bearer ? QS_TOKEN_MAX_ACCESS : QS_TOKEN_MAX_REFRESH;
	if (len == 0) {
		snprintf(why, why_size, "is empty");
		return false;
	}
	if (len > max) {
		snprintf(why, why_size, "is %zu characters long (at most %zu)", len, max);
		return false;
	}
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)v[i];
		bool ok;
		if (c == '\0') {
			snprintf(why, why_size, "holds a NUL byte at position %zu", i + 1);
			return false;
		}
		if (c == '\r' || c == '\n') {
			snprintf(why, why_size, "holds a line break (CR/LF) at position %zu", i + 1);
			return false;
		}
		if (bearer) {
			ok = isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/' || c == '=';
		} else {
			ok = c > 0x20 && c < 0x7f;
		}
		if (!ok) {
			snprintf(why, why_size, "holds the character 0x%02X at position %zu, which a token cannot contain", c, i + 1);
			return false;
		}
	}
	return true;
}

/* Turns a token-endpoint answer into tokens or a qs_error. what: "authorization
 * code" or "refresh token"; secrets: values that must never be copied into e. */
static qs_status token_answer(qs_http_resp *r, const char *what, const char *const *secrets,
	qs_tokens *out, qs_error *e)
{
	json_object *j = NULL, *v = NULL;
	const char *err, *desc;
	qs_status st;
	bool refreshing = strcmp(what, "refresh token") == 0;

	if (out) {
		memset(out, 0, sizeof(*out));
	}
	if (e) {
		e->http_status = r->status;
		e->retry_after = r->retry_after > 0 ? r->retry_after : 0;
	}
	if (e) {
		e->code[0] = e->detail[0] = '\0';
	}
	if (r->status >= 500) {
		st = qs_error_set(e, QS_ESERVER,
			"QuickBooks' token service failed (HTTP %ld); it will be tried again later", r->status);
		goto out;
	}
	if (r->status == 429) {
		st = qs_error_set(e, QS_ETHROTTLE,
			"QuickBooks' token service is throttling requests (HTTP 429); it will be tried again later");
		goto out;
	}
	j = parse_json(r);
	if (r->status >= 200 && r->status < 300) {
		json_object *ja, *jr;
		if (!out) {
			st = QS_OK;
			goto out;
		}
		if (!j || !json_object_is_type(j, json_type_object)
			|| !json_object_object_get_ex(j, "access_token", &ja) || !json_object_is_type(ja, json_type_string)
			|| !json_object_object_get_ex(j, "refresh_token", &jr) || !json_object_is_type(jr, json_type_string)
			|| json_object_get_string_len(ja) == 0 || json_object_get_string_len(jr) == 0) {
			st = qs_error_set(e, QS_ESERVER,
				"QuickBooks' token service answered HTTP %ld without tokens (Content-Type %s); try again later",
				r->status, r->content_type[0] ? r->content_type : "none");
			goto out;
		}
		{
			char why[128];
			const char *which = NULL;
			if (!token_usable(json_object_get_string(ja), (size_t)json_object_get_string_len(ja), true, why, sizeof(why))) {
				which = "access token";
			} else if (!token_usable(json_object_get_string(jr), (size_t)json_object_get_string_len(jr), false, why, sizeof(why))) {
				which = "refresh token";
			}
			if (which) {
				wipe_json_string(ja);
				wipe_json_string(jr);
				st = qs_error_set(e, QS_ESERVER,
					"QuickBooks' token service sent an %s that %s; it was refused and nothing was stored "
					"(the connection is marked Error and the refresh is tried again later)", which, why);
				if (e) {
					qs_strlcpy(e->code, "bad_token", sizeof(e->code));
				}
				goto out;
			}
		}
		out->access = strdup(json_object_get_string(ja));
		out->refresh = strdup(json_object_get_string(jr));
		if (!out->access || !out->refresh) {
			qs_tokens_clear(out);
			st = qs_error_set(e, QS_EINTERNAL, "Out of memory while reading the tokens");
			goto out;
		}
		out->expires_in = json_object_object_get_ex(j, "expires_in", &v) ? (long)json_object_get_int64(v) : 3600;
		out->refresh_expires_in = json_object_object_get_ex(j, "x_refresh_token_expires_in", &v)
			? (long)json_object_get_int64(v) : 0;
		if (out->expires_in <= 0) {
			out->expires_in = 3600;
		}
		wipe_json_string(ja);
		wipe_json_string(jr);
		st = QS_OK;
		goto out;
	}

	err = get_str(j, "error");
	desc = get_str(j, "error_description");
	if (e) {
		qs_text_copy(e->code, sizeof(e->code), err ? err : "", (size_t)-1);
		if (desc && !contains_secret(desc, secrets)) {
			qs_text_copy(e->detail, sizeof(e->detail), desc, (size_t)-1);
		} else {
			e->detail[0] = '\0';
		}
	}
	if (err && strcmp(err, "invalid_grant") == 0) {
		if (strcmp(what, "refresh token") == 0) {
			st = qs_error_set(e, QS_EAUTH,
				"QuickBooks refused the refresh token (invalid_grant): the connection was revoked or expired; "
				"reconnect in the addon");
		} else if (strcmp(what, "authorization code") != 0) {
			st = qs_error_set(e, QS_EAUTH,
				"QuickBooks refused the %s (invalid_grant): it was already revoked or has expired", what);
		} else {
			st = qs_error_set(e, QS_EAUTH,
				"QuickBooks refused the authorization code (invalid_grant): it was already used, has expired "
				"or was issued for another redirect_uri; start the connection again in the addon");
		}
	} else if (err && strcmp(err, "invalid_client") == 0) {
		st = qs_error_set(e, QS_EAUTH,
			"QuickBooks refused the app's credentials (invalid_client): check client_id and client_secret "
			"in the addon settings");
	} else if (err && !refreshing) {
		char shown[32];
		qs_text_copy(shown, sizeof(shown), err, (size_t)-1);
		st = qs_error_set(e, QS_EAUTH,
			"QuickBooks' token service refused the %s (%s, HTTP %ld); check the app settings and reconnect in the addon",
			what, shown, r->status);
	} else {
		/* an HTTP error without an OAuth error body (a bare 401, an HTML 400 or
		 * 403 from a gateway), or an OAuth error that does not say the token is
		 * dead: nothing says the refresh token is gone, so it is tried again */
		char shown[32];
		qs_text_copy(shown, sizeof(shown), err ? err : "", (size_t)-1);
		st = qs_error_set(e, QS_ESERVER,
			"QuickBooks' token service answered HTTP %ld%s%s%s (Content-Type %s) without saying the %s is invalid; %s",
			r->status, err ? " (" : "", shown, err ? ")" : "", r->content_type[0] ? r->content_type : "none", what,
			refreshing ? "it will be tried again later" : "try again in a moment");
	}
out:
	json_object_put(j);
	if (e) {
		e->http_status = r->status;
	}
	return st;
}

/* POSTs a form to the token endpoint with client authentication. */
static qs_status token_post(qs_http *h, const qs_endpoints *ep, const char *client_id,
	const char *client_secret, const char *form, const char *what, const char *const *secrets,
	qs_tokens *out, qs_error *e)
{
	char *auth;
	const char *headers[4];
	qs_http_resp r;
	qs_status st;

	if (!client_id || !*client_id || !client_secret || !*client_secret) {
		return qs_error_set(e, QS_ECONFIG,
			"client_id and client_secret must both be set (from the app's Keys page at Intuit) to talk to QuickBooks");
	}
	auth = basic_header(client_id, client_secret);
	if (!auth) {
		return qs_error_set(e, QS_EINTERNAL, "Out of memory while preparing the token request");
	}
	headers[0] = auth;
	headers[1] = "Content-Type: application/x-www-form-urlencoded";
	headers[2] = "Accept: application/json";
	headers[3] = NULL;
	st = qs_http_request(h, "POST", ep->token, headers, form, strlen(form), &r, e);
	qs_secret_free(auth);
	if (st != QS_OK) {
		return st;
	}
	st = token_answer(&r, what, secrets, out, e);
	resp_wipe_clear(&r);
	return st;
}

/* POSTs the grant form printed from fmt (its values already URL-encoded) to
 * the token endpoint and wipes it; secret (the code or refresh token) and the
 * client secret are kept out of any message. */
static qs_status token_grant(qs_http *h, const qs_endpoints *ep, const char *client_id,
	const char *client_secret, const char *secret, const char *what, qs_tokens *out, qs_error *e,
	const char *fmt, ...) __attribute__((format(printf, 9, 10)));

static qs_status token_grant(qs_http *h, const qs_endpoints *ep, const char *client_id,
	const char *client_secret, const char *secret, const char *what, qs_tokens *out, qs_error *e,
	const char *fmt, ...)
{
	const char *secrets[3];
	char *form;
	int n;
	va_list ap;
	qs_status st;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	form = n >= 0 ? malloc((size_t)n + 1) : NULL;
	if (!form) {
		return qs_error_set(e, QS_EINTERNAL, "Out of memory while preparing the token request");
	}
	va_start(ap, fmt);
	vsnprintf(form, (size_t)n + 1, fmt, ap);
	va_end(ap);
	secrets[0] = secret;
	secrets[1] = client_secret;
	secrets[2] = NULL;
	st = token_post(h, ep, client_id, client_secret, form, what, secrets, out, e);
	qs_secret_free(form);
	return st;
}

qs_status qs_oauth_exchange(qs_http *h, const qs_endpoints *ep, const char *client_id,
	const char *client_secret, const char *redirect_uri, const char *code,
	qs_tokens *out, qs_error *e)
{
	char *c, *ru;
	qs_status st;

	memset(out, 0, sizeof(*out));
	if (!code || !*code) {
		return qs_error_set(e, QS_ESTATE, "The redirect from QuickBooks carried no authorization code; start the connection again");
	}
	if (!redirect_uri || !*redirect_uri) {
		return qs_error_set(e, QS_ECONFIG, "No redirect_uri is set: use the addon's callback URL, registered for the app at Intuit");
	}
	c = qs_http_urlencode(code);
	ru = qs_http_urlencode(redirect_uri);
	if (!c || !ru) {
		qs_secret_free(c);
		free(ru);
		return qs_error_set(e, QS_EINTERNAL, "Out of memory while preparing the token request");
	}
	st = token_grant(h, ep, client_id, client_secret, code, "authorization code", out, e,
		"grant_type=authorization_code&code=%s&redirect_uri=%s", c, ru);
	qs_secret_free(c);
	free(ru);
	return st;
}

qs_status qs_oauth_refresh(qs_http *h, const qs_endpoints *ep, const char *client_id,
	const char *client_secret, const char *refresh_token, qs_tokens *out, qs_error *e)
{
	char *rt;
	qs_status st;

	memset(out, 0, sizeof(*out));
	if (!refresh_token || !*refresh_token) {
		if (e) {
			qs_strlcpy(e->code, "invalid_grant", sizeof(e->code));
		}
		return qs_error_set(e, QS_EAUTH, "There is no refresh token for this connection; connect to QuickBooks in the addon");
	}
	rt = qs_http_urlencode(refresh_token);
	if (!rt) {
		return qs_error_set(e, QS_EINTERNAL, "Out of memory while preparing the token request");
	}
	st = token_grant(h, ep, client_id, client_secret, refresh_token, "refresh token", out, e,
		"grant_type=refresh_token&refresh_token=%s", rt);
	qs_secret_free(rt);
	return st;
}

qs_status qs_oauth_revoke(qs_http *h, const qs_endpoints *ep, const char *client_id,
	const char *client_secret, const char *token, qs_error *e)
{
	json_object *body, *jt;
	const char *text;
	char *auth, *copy;
	const char *headers[4];
	const char *secrets[3];
	qs_http_resp r;
	qs_status st;

	if (!token || !*token) {
		return QS_OK; /* nothing to revoke */
	}
	if (!client_id || !*client_id || !client_secret || !*client_secret) {
		return qs_error_set(e, QS_ECONFIG,
			"client_id and client_secret must both be set (from the app's Keys page at Intuit) to talk to QuickBooks");
	}
	body = json_object_new_object();
	jt = json_object_new_string(token);
	if (!body || !jt) {
		json_object_put(body);
		json_object_put(jt);
		return qs_error_set(e, QS_EINTERNAL, "Out of memory while preparing the revoke request");
	}
	json_object_object_add(body, "token", jt);
	text = json_object_to_json_string_ext(body, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
	copy = text ? strdup(text) : NULL;
	if (text) {
		qs_wipe((char *)text, strlen(text));
	}
	wipe_json_string(jt);
	json_object_put(body);
	auth = basic_header(client_id, client_secret);
	if (!copy || !auth) {
		qs_secret_free(copy);
		qs_secret_free(auth);
		return qs_error_set(e, QS_EINTERNAL, "Out of memory while preparing the revoke request");
	}
	headers[0] = auth;
	headers[1] = "Content-Type: application/json";
	headers[2] = "Accept: application/json";
	headers[3] = NULL;
	st = qs_http_request(h, "POST", ep->revoke, headers, copy, strlen(copy), &r, e);
	qs_secret_free(auth);
	qs_secret_free(copy);
	if (st != QS_OK) {
		return st;
	}
	secrets[0] = token;
	secrets[1] = client_secret;
	secrets[2] = NULL;
	st = token_answer(&r, "token to revoke", secrets, NULL, e);
	resp_wipe_clear(&r);
	return st;
}
