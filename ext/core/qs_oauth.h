/* qs_oauth: Intuit OAuth 2.0 client: endpoints per environment, the authorization
 * URL, code exchange, refresh and revoke. Stateless: the engine stores tokens and
 * serialises refreshes. */
#ifndef QS_OAUTH_H
#define QS_OAUTH_H

#include "qs_http.h"

typedef struct qs_endpoints {
	char authorize[512];  /* https://appcenter.intuit.com/connect/oauth2 */
	char token[512];      /* https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer */
	char revoke[512];     /* https://developer.api.intuit.com/v2/oauth2/tokens/revoke */
	char api_base[512];   /* https://quickbooks.api.intuit.com/v3 (production),
	                         https://sandbox-quickbooks.api.intuit.com/v3 (sandbox),
	                         <URL>/v3 for a local sandbox base URL */
} qs_endpoints;

/* environment: "production", "sandbox", or a base URL (http://127.0.0.1:PORT) of
 * the local sandbox, whose OAuth paths are QBO's paths under that base. */
qs_status qs_endpoints_for(const char *environment, qs_endpoints *out, qs_error *e);

typedef struct qs_tokens {
	char *access;              /* malloc'd; wipe with qs_tokens_clear */
	char *refresh;
	long expires_in;           /* seconds */
	long refresh_expires_in;   /* x_refresh_token_expires_in, seconds */
} qs_tokens;

void qs_tokens_clear(qs_tokens *t);

/* Longest tokens accepted from the token service (Intuit's access tokens are
 * ~900+ characters, refresh tokens ~50). */
#define QS_TOKEN_MAX_ACCESS 8192
#define QS_TOKEN_MAX_REFRESH 1024

/* The URL the user's browser goes to. scope NULL = com.intuit.quickbooks.accounting. */
qs_status qs_oauth_authorize_url(const qs_endpoints *ep, const char *client_id,
	const char *redirect_uri, const char *scope, const char *state, char **url, qs_error *e);

/* authorization_code grant. invalid_grant / invalid_client are QS_EAUTH with
 * e->code set to the OAuth error; transport failure QS_ENET; 5xx, 429, HTML
 * and bare 4xx answers QS_ESERVER (transient); an answer whose tokens cannot
 * be used (control characters, NUL, too long) QS_ESERVER with code "bad_token". */
qs_status qs_oauth_exchange(qs_http *h, const qs_endpoints *ep, const char *client_id,
	const char *client_secret, const char *redirect_uri, const char *code,
	qs_tokens *out, qs_error *e);

/* refresh_token grant; same error mapping, except that only invalid_grant
 * (the refresh token is dead) and invalid_client (the app's credentials are
 * wrong) are QS_EAUTH: any other OAuth error is transient too. The answer's refresh_token replaces
 * the old one (rotation): the caller must persist it before using the access token. */
qs_status qs_oauth_refresh(qs_http *h, const qs_endpoints *ep, const char *client_id,
	const char *client_secret, const char *refresh_token, qs_tokens *out, qs_error *e);

qs_status qs_oauth_revoke(qs_http *h, const qs_endpoints *ep, const char *client_id,
	const char *client_secret, const char *token, qs_error *e);

#endif
