<?php
// Gateway: Intuit's OAuth 2.0 server as the sandbox reproduces it — apps, consent page
// (/connect/oauth2), token endpoint (authorization_code, refresh_token with daily or strict rotation), revoke,
// discovery document, userinfo. Tokens are random opaque strings stored as sha256 hashes.
declare(strict_types=1);

if (!function_exists('sbx_db')) {
    require_once __DIR__ . '/common.php';
}

const SBX_ACCESS_TTL = 3600;            // seconds
const SBX_REFRESH_TTL = 8640000;        // 100 days, rolling
const SBX_REFRESH_HARD_TTL = 157680000; // 5 years per lineage
const SBX_CODE_TTL = 300;               // authorization codes live 5 minutes
const SBX_SCOPE_ACCOUNTING = 'com.intuit.quickbooks.accounting';
const SBX_ROTATION_WINDOW = 86400;      // Intuit: the refresh-token value changes about once a day
const SBX_ISSUER = 'https://oauth.platform.intuit.com/op/v1';   // Intuit's id_token issuer
const SBX_USER_EMAIL = 'developer@example.com';                 // the sandbox's one Intuit user
const SBX_KNOWN_SCOPES = ['com.intuit.quickbooks.accounting', 'com.intuit.quickbooks.payment', 'openid', 'profile',
    'email', 'phone', 'address'];

function sbx_b64url(string $raw): string
{
    return rtrim(strtr(base64_encode($raw), '+/', '-_'), '=');
}

function sbx_alnum(int $n): string
{
    $abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    $s = '';
    for ($i = 0; $i < $n; $i++) {
        $s .= $abc[random_int(0, 61)];
    }
    return $s;
}

function sbx_token_hash(string $t): string
{
    return hash('sha256', $t);
}

/** ~900-character opaque access token shaped like Intuit's (a JWE compact serialization). */
function sbx_access_token_new(): string
{
    return 'eyJlbmMiOiJBMTI4Q0JDLUhTMjU2IiwiYWxnIjoiZGlyIn0..' . sbx_b64url(random_bytes(16)) . '.'
        . sbx_b64url(random_bytes(600)) . '.' . sbx_b64url(random_bytes(16));
}

/** Refresh token: "AB11" + 46 characters (10 of them the expiry epoch, like Intuit's). */
function sbx_refresh_token_new(float $expires): string
{
    return 'AB11' . sprintf('%010d', (int)$expires) . sbx_alnum(36);
}

/* ---------- apps ---------- */

/** Creates an app; missing fields are generated. Returns the stored app (with secret). */
function sbx_app_create(PDO $db, array $opts): array
{
    $app = [
        'client_id' => (string)($opts['client_id'] ?? ('AB' . sbx_alnum(48))),
        'client_secret' => (string)($opts['client_secret'] ?? sbx_alnum(40)),
        'name' => (string)($opts['name'] ?? 'sandbox app'),
        'redirect_uris' => array_values(array_map('strval', (array)($opts['redirect_uris']
            ?? ['http://127.0.0.1/callback', 'http://127.0.0.1:*/*', 'http://localhost:*/*']))),
        'verifier_token' => (string)($opts['verifier_token'] ?? sbx_alnum(36)),
    ];
    $db->prepare('INSERT INTO sbx_app(client_id, client_secret, name, redirect_uris, verifier_token, created)'
        . ' VALUES(?,?,?,?,?,?)')->execute([$app['client_id'], $app['client_secret'], $app['name'],
        json_encode($app['redirect_uris'], JSON_UNESCAPED_SLASHES), $app['verifier_token'], sbx_now()]);
    return $app;
}

function sbx_app_get(string $client_id): ?array
{
    $st = sbx_edge_db()->prepare('SELECT * FROM sbx_app WHERE client_id = ?');
    $st->execute([$client_id]);
    $r = $st->fetch();
    if (!$r) {
        return null;
    }
    $r['redirect_uris'] = json_decode($r['redirect_uris'], true) ?: [];
    return $r;
}

/** Exact match against a registered URI; '*' in a registered URI matches any run of [^?#]. */
function sbx_redirect_allowed(array $app, string $uri): bool
{
    foreach ($app['redirect_uris'] as $pat) {
        if ($pat === $uri) {
            return true;
        }
        if (str_contains($pat, '*')) {
            // ':*' is any port (digits only), any other '*' any run of characters but '#'
            $re = '~^' . str_replace(['\:\*', '\*'], [':\d+', '[^#]*'], preg_quote($pat, '~')) . '$~';
            if (preg_match($re, $uri)) {
                return true;
            }
        }
    }
    return false;
}

/* ---------- refresh-token rotation ---------- */

/**
 * How refreshes rotate for $realm: ['rotation' => 'daily'|'every', 'rotation_window' => s].
 * daily (default, Intuit's behaviour): a refresh within rotation_window of the refresh
 * token's issue returns the same refresh token; after it a new one, and the old one dies.
 * every (stricter): every refresh returns a new refresh token and the old one dies at once.
 */
function sbx_rotation(string $realm): array
{
    $conf = json_decode((string)sbx_meta_get('edge_rotation:' . $realm, ''), true);
    if (!is_array($conf)) {
        $conf = json_decode((string)sbx_meta_get('edge_rotation:*', ''), true);
    }
    $mode = is_array($conf) && ($conf['rotation'] ?? '') === 'every' ? 'every' : 'daily';
    $win = is_array($conf) && isset($conf['rotation_window']) ? (int)$conf['rotation_window'] : SBX_ROTATION_WINDOW;
    return ['rotation' => $mode, 'rotation_window' => $win];
}

/* ---------- tokens ---------- */

function sbx_token_find(string $tok, string $kind): ?array
{
    $st = sbx_stmt(sbx_edge_db(), 'SELECT * FROM sbx_token WHERE hash = ? AND kind = ?');
    $st->execute([sbx_token_hash($tok), $kind]);
    $r = $st->fetch();
    $st->closeCursor();
    return $r ?: null;
}

/**
 * Issues an access + refresh pair for (client, realm) and records the connection.
 * $o: access_expires_in, refresh_expires_in, lineage_start, grant_id, hard (bool).
 * Returns the token endpoint's JSON body.
 */
function sbx_token_issue(PDO $db, string $client, string $realm, string $scope, array $o = []): array
{
    $now = sbx_now();
    $lineage = (float)($o['lineage_start'] ?? $now);
    $aTtl = (int)($o['access_expires_in'] ?? SBX_ACCESS_TTL);
    $rTtl = (int)($o['refresh_expires_in'] ?? SBX_REFRESH_TTL);
    $rExp = min($now + $rTtl, $lineage + SBX_REFRESH_HARD_TTL);
    $access = sbx_access_token_new();
    $ins = $db->prepare('INSERT INTO sbx_token(hash, kind, client_id, realm, scope, grant_id, lineage_start, created,'
        . ' expires, state) VALUES(?,?,?,?,?,?,?,?,?,?)');
    $ins->execute([sbx_token_hash($access), 'access', $client, $realm, $scope, $o['grant_id'] ?? null, $lineage, $now,
        $now + $aTtl, 'active']);
    if (isset($o['keep_refresh'])) {
        // within the rotation window: the same refresh token, its rolling expiry extended
        $refresh = $o['keep_refresh'];
        $db->prepare('UPDATE sbx_token SET expires = ? WHERE hash = ? AND kind = ?')
            ->execute([$rExp, sbx_token_hash($refresh), 'refresh']);
    } else {
        $refresh = sbx_refresh_token_new($rExp);
        $ins->execute([sbx_token_hash($refresh), 'refresh', $client, $realm, $scope, $o['grant_id'] ?? null, $lineage, $now,
            $rExp, 'active']);
    }
    $db->prepare('INSERT OR IGNORE INTO sbx_connection(client_id, realm, connected) VALUES(?,?,?)')
        ->execute([$client, $realm, $now]);
    $body = [
        'token_type' => 'bearer',
        'access_token' => $access,
        'expires_in' => $aTtl,
        'refresh_token' => $refresh,
        'x_refresh_token_expires_in' => (int)round($rExp - $now),
    ];
    if (!empty($o['hard'])) {
        $body['x_refresh_token_hard_expires_in'] = (int)round($lineage + SBX_REFRESH_HARD_TTL - $now);
    }
    return $body;
}

/** Kills every token of realm+app and the connection (revoke / disconnect). */
function sbx_tokens_revoke_all(PDO $db, string $client, string $realm): void
{
    $db->prepare("UPDATE sbx_token SET state = 'revoked', ended = ? WHERE client_id = ? AND realm = ? AND state != 'revoked'")
        ->execute([sbx_now(), $client, $realm]);
    $db->prepare('DELETE FROM sbx_connection WHERE client_id = ? AND realm = ?')->execute([$client, $realm]);
}

/** Tells the request log which app (and realm) an OAuth request concerned. */
function sbx_oauth_note(?string $client, ?string $realm): void
{
    if (function_exists('sbx_edge_state')) {
        sbx_edge_state(['client_id' => $client, 'realm' => $realm]);
    }
}

/* ---------- responses ---------- */

function sbx_oauth_json(int $status, array $body, array $headers = []): array
{
    return sbx_json($status, $body, ['Cache-Control' => 'no-store', 'Pragma' => 'no-cache'] + $headers);
}

function sbx_oauth_error(int $status, string $error, string $desc, array $headers = []): array
{
    return sbx_oauth_json($status, ['error' => $error, 'error_description' => $desc], $headers);
}

function sbx_redirect(string $uri, array $params): array
{
    $loc = $uri . (str_contains($uri, '?') ? '&' : '?') . http_build_query($params, '', '&', PHP_QUERY_RFC3986);
    return [302, ['Location' => $loc, 'Content-Type' => 'text/html;charset=UTF-8', 'intuit_tid' => sbx_request_id(),
        'Cache-Control' => 'no-store'], ''];
}

function sbx_html(int $status, string $title, string $inner): array
{
    $h = htmlspecialchars($title);
    $body = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>$h</title>"
        . '<style>body{font-family:sans-serif;max-width:34em;margin:3em auto}label{display:block;margin:.4em 0}'
        . 'button{margin-right:1em;padding:.4em 1.2em}.note{color:#666;font-size:.9em}</style></head><body>'
        . "<h1>$h</h1>\n$inner\n</body></html>\n";
    return [$status, ['Content-Type' => 'text/html;charset=UTF-8', 'intuit_tid' => sbx_request_id(),
        'Cache-Control' => 'no-store', 'X-Frame-Options' => 'DENY'], $body];
}

function sbx_base_url(array $req): string
{
    $host = $req['headers']['host'] ?? ($_SERVER['HTTP_HOST'] ?? '127.0.0.1');
    return 'http://' . $host;
}

/* ---------- /connect/oauth2 ---------- */

/** GET shows the consent page (or approves at once with sandbox_auto); POST is the form. */
function sbx_oauth_authorize(array $req): array
{
    $p = $req['query'];
    if ($req['method'] === 'POST') {
        parse_str($req['body'], $form);
        $p = $form + $p;
    }
    $s = fn(string $k): string => isset($p[$k]) && is_string($p[$k]) ? $p[$k] : '';
    $clientId = $s('client_id');
    $redirect = $s('redirect_uri');
    $app = $clientId === '' ? null : sbx_app_get($clientId);
    if ($app === null) {
        return sbx_html(400, 'Invalid client', '<p id="error">invalid_client: unknown client_id '
            . htmlspecialchars($clientId) . '</p>');
    }
    sbx_oauth_note($clientId, null);
    if ($redirect === '' || !sbx_redirect_allowed($app, $redirect)) {
        return sbx_html(400, 'Invalid redirect URI', '<p id="error">invalid_request: redirect_uri '
            . htmlspecialchars($redirect) . ' is not registered for this app</p>');
    }
    $state = $s('state');
    $back = fn(string $err, string $desc) => sbx_redirect($redirect, array_filter(
        ['error' => $err, 'error_description' => $desc, 'state' => $state], fn($v) => $v !== ''));
    if ($s('response_type') !== 'code') {
        return $back('unsupported_response_type', 'response_type must be code');
    }
    $scopes = preg_split('/[\s+]+/', trim($s('scope')), -1, PREG_SPLIT_NO_EMPTY);
    if (!in_array(SBX_SCOPE_ACCOUNTING, $scopes, true)) {
        return $back('invalid_scope', 'scope must include ' . SBX_SCOPE_ACCOUNTING);
    }
    foreach ($scopes as $sc) {
        if (!in_array($sc, SBX_KNOWN_SCOPES, true)) {
            return $back('invalid_scope', 'unknown scope ' . $sc);
        }
    }
    if ($state === '') {
        return $back('invalid_request', 'state is required');
    }
    $auto = $s('sandbox_auto');
    $action = $req['method'] === 'POST' ? $s('action') : ($auto === 'approve' ? 'connect' : ($auto === 'deny' ? 'cancel' : ''));
    if ($action === 'cancel') {
        return sbx_redirect($redirect, ['error' => 'access_denied', 'state' => $state]);
    }
    $db = sbx_edge_db();
    $companies = $db->query('SELECT realm, name, country FROM sbx_company ORDER BY created, realm')->fetchAll();
    if ($action === 'connect') {
        $realm = $s('realm') !== '' ? $s('realm') : (string)($companies[0]['realm'] ?? '');
        if (!sbx_realm_exists($realm)) {
            return sbx_html(400, 'Unknown company', '<p id="error">invalid_request: no company with realm '
                . htmlspecialchars($realm) . '</p>');
        }
        sbx_oauth_note($clientId, $realm);
        $code = 'AB11' . sbx_alnum(40);
        $db->prepare('INSERT INTO sbx_authcode(hash, client_id, realm, redirect_uri, scope, expires) VALUES(?,?,?,?,?,?)')
            ->execute([sbx_token_hash($code), $clientId, $realm, $redirect, implode(' ', $scopes), sbx_now() + SBX_CODE_TTL]);
        return sbx_redirect($redirect, ['code' => $code, 'state' => $state, 'realmId' => $realm]);
    }
    // the consent page
    $opts = '';
    foreach ($companies as $i => $c) {
        $opts .= '<label><input type="radio" name="realm" value="' . htmlspecialchars($c['realm']) . '"'
            . ($i === 0 ? ' checked' : '') . '> ' . htmlspecialchars($c['name']) . ' <span class="note">('
            . htmlspecialchars($c['country']) . ', realm ' . htmlspecialchars($c['realm']) . ")</span></label>\n";
    }
    $hidden = '';
    foreach (['client_id' => $clientId, 'redirect_uri' => $redirect, 'scope' => implode(' ', $scopes),
                 'response_type' => 'code', 'state' => $state] as $k => $v) {
        $hidden .= '<input type="hidden" name="' . $k . '" value="' . htmlspecialchars($v) . "\">\n";
    }
    $inner = '<p><strong>' . htmlspecialchars($app['name']) . '</strong> wants to connect to your QuickBooks company'
        . ' and use: ' . htmlspecialchars(implode(', ', $scopes)) . ".</p>\n"
        . '<form method="post" action="/connect/oauth2">' . "\n" . $hidden
        . "<fieldset><legend>Which company do you want to connect?</legend>\n$opts</fieldset>\n"
        . '<p><button type="submit" name="action" value="connect" id="connect">Connect</button>'
        . '<button type="submit" name="action" value="cancel" id="cancel">Cancel</button></p></form>'
        . "\n<p class=\"note\">Local QuickBooks Online sandbox (not Intuit).</p>";
    return sbx_html(200, 'Connect ' . $app['name'] . ' to QuickBooks', $inner);
}

/* ---------- client authentication ---------- */

/** Basic (client_secret_basic) or form (client_secret_post). Returns [app|null, errorResponse|null]. */
function sbx_client_auth(array $req, array $form): array
{
    $h = $req['headers']['authorization'] ?? '';
    $id = null;
    $secret = null;
    $basic = false;
    if (preg_match('/^Basic\s+(\S+)$/i', trim($h), $m)) {
        $dec = base64_decode($m[1], true);
        if ($dec === false || !str_contains($dec, ':')) {
            return [null, sbx_oauth_error(401, 'invalid_client', 'Malformed Basic authorization',
                ['WWW-Authenticate' => 'Basic realm="Intuit"'])];
        }
        [$id, $secret] = explode(':', $dec, 2);
        $id = urldecode($id);
        $secret = urldecode($secret);
        $basic = true;
    } elseif (isset($form['client_id'], $form['client_secret']) && is_string($form['client_id'])
        && is_string($form['client_secret'])) {
        $id = $form['client_id'];
        $secret = $form['client_secret'];
    } else {
        return [null, sbx_oauth_error(401, 'invalid_client', 'Client authentication missing',
            ['WWW-Authenticate' => 'Basic realm="Intuit"'])];
    }
    $app = sbx_app_get($id);
    if ($app === null || !hash_equals($app['client_secret'], $secret)) {
        return [null, sbx_oauth_error(401, 'invalid_client', 'Client authentication failed',
            $basic ? ['WWW-Authenticate' => 'Basic realm="Intuit"'] : [])];
    }
    return [$app, null];
}

/* ---------- /oauth2/v1/tokens/bearer ---------- */

function sbx_oauth_token(array $req): array
{
    if ($req['method'] !== 'POST') {
        return sbx_oauth_error(405, 'invalid_request', 'Use POST', ['Allow' => 'POST']);
    }
    parse_str($req['body'], $form);
    [$app, $err] = sbx_client_auth($req, $form);
    if ($err !== null) {
        return $err;
    }
    sbx_oauth_note($app['client_id'], null);
    $f = fn(string $k): string => isset($form[$k]) && is_string($form[$k]) ? $form[$k] : '';
    $grant = $f('grant_type');
    $hard = strtolower($req['headers']['x-include-refresh-token-hard-expires-in'] ?? '') === 'true';
    $db = sbx_edge_db();
    $now = sbx_now();
    if ($grant === '') {
        return sbx_oauth_error(400, 'invalid_request', 'grant_type is required');
    }
    if ($grant === 'authorization_code') {
        $code = $f('code');
        if ($code === '') {
            return sbx_oauth_error(400, 'invalid_request', 'code is required');
        }
        if ($f('redirect_uri') === '') {
            return sbx_oauth_error(400, 'invalid_request', 'redirect_uri is required');
        }
        $db->exec('BEGIN IMMEDIATE');
        try {
            $st = $db->prepare('SELECT * FROM sbx_authcode WHERE hash = ?');
            $st->execute([sbx_token_hash($code)]);
            $row = $st->fetch();
            $st->closeCursor();   // an unfinished SELECT would keep a read snapshot open after COMMIT
            if ($row && $row['client_id'] === $app['client_id']) {
                sbx_oauth_note($app['client_id'], $row['realm']);
            }
            $fail = null;
            if (!$row || $row['client_id'] !== $app['client_id']) {
                $fail = 'Authorization code is invalid';
            } elseif ((int)$row['used'] !== 0) {
                // reuse of a code: refuse it and revoke what it produced (RFC 6749 4.1.2)
                $db->prepare("UPDATE sbx_token SET state = 'revoked', ended = ? WHERE grant_id = ?")
                    ->execute([$now, $row['hash']]);
                $fail = 'Authorization code has already been used';
            } elseif ((float)$row['expires'] <= $now) {
                $fail = 'Authorization code has expired';
            } elseif ($row['redirect_uri'] !== $f('redirect_uri')) {
                $fail = 'redirect_uri does not match the authorization request';
            }
            if ($fail !== null) {
                $db->exec('COMMIT');
                return sbx_oauth_error(400, 'invalid_grant', $fail);
            }
            $db->prepare('UPDATE sbx_authcode SET used = 1 WHERE hash = ?')->execute([$row['hash']]);
            sbx_oauth_note($app['client_id'], $row['realm']);
            $body = sbx_token_issue($db, $app['client_id'], $row['realm'], $row['scope'],
                ['grant_id' => $row['hash'], 'hard' => $hard]);
            $db->exec('COMMIT');
        } catch (Throwable $e) {
            if ($db->inTransaction()) {
                $db->exec('ROLLBACK');
            }
            throw $e;
        }
        if (in_array('openid', explode(' ', (string)$row['scope']), true)) {
            $body['id_token'] = sbx_id_token($req, $app['client_id'], $row['realm']);
        }
        return sbx_oauth_json(200, $body);
    }
    if ($grant === 'refresh_token') {
        $rt = $f('refresh_token');
        if ($rt === '') {
            return sbx_oauth_error(400, 'invalid_request', 'refresh_token is required');
        }
        $db->exec('BEGIN IMMEDIATE');
        try {
            $row = sbx_token_find($rt, 'refresh');
            if ($row !== null && $row['client_id'] === $app['client_id']) {
                sbx_oauth_note($app['client_id'], $row['realm']);   // failed refreshes show in the realm's log too
            }
            $fail = null;
            if ($row === null || $row['client_id'] !== $app['client_id']) {
                $fail = 'Token invalid';
            } elseif ($row['state'] !== 'active' || (float)$row['expires'] <= $now) {
                $fail = 'Token has been expired or revoked.';
            }
            if ($fail !== null) {
                $db->exec('COMMIT');
                return sbx_oauth_error(400, 'invalid_grant', $fail);
            }
            sbx_oauth_note($app['client_id'], $row['realm']);
            $rot = sbx_rotation($row['realm']);
            $o = ['grant_id' => $row['grant_id'], 'lineage_start' => (float)$row['lineage_start'], 'hard' => $hard];
            if ($rot['rotation'] === 'daily' && $now - (float)$row['created'] < $rot['rotation_window']) {
                $o['keep_refresh'] = $rt;   // Intuit: the same value within about a day
            } else {
                // rotation: the presented refresh token stops working at once
                $u = $db->prepare("UPDATE sbx_token SET state = 'rotated', ended = ? WHERE hash = ? AND state = 'active'");
                $u->execute([$now, $row['hash']]);
            }
            $body = sbx_token_issue($db, $row['client_id'], $row['realm'], $row['scope'], $o);
            $db->exec('COMMIT');
        } catch (Throwable $e) {
            $db->exec('ROLLBACK');
            throw $e;
        }
        return sbx_oauth_json(200, $body);
    }
    return sbx_oauth_error(400, 'unsupported_grant_type', 'grant_type ' . $grant . ' is not supported');
}

/* ---------- /v2/oauth2/tokens/revoke ---------- */

function sbx_oauth_revoke(array $req): array
{
    if ($req['method'] !== 'POST') {
        return sbx_oauth_error(405, 'invalid_request', 'Use POST', ['Allow' => 'POST']);
    }
    $j = json_decode($req['body'], true);
    $form = [];
    if (!is_array($j)) {
        parse_str($req['body'], $form);
        $j = $form;
    }
    [$app, $err] = sbx_client_auth($req, $form);
    if ($err !== null) {
        return $err;
    }
    $tok = isset($j['token']) && is_string($j['token']) ? $j['token'] : '';
    if ($tok === '') {
        return sbx_oauth_error(400, 'invalid_request', 'token is required');
    }
    $db = sbx_edge_db();
    $st = $db->prepare('SELECT * FROM sbx_token WHERE hash = ?');
    $st->execute([sbx_token_hash($tok)]);
    $row = $st->fetch();
    $st->closeCursor();   // no read transaction left open before the write below
    sbx_oauth_note($app['client_id'], $row ? $row['realm'] : null);
    if ($row && $row['client_id'] === $app['client_id']) {
        sbx_tokens_revoke_all($db, $row['client_id'], $row['realm']);
    }
    return [200, ['intuit_tid' => sbx_request_id(), 'Cache-Control' => 'no-store'], ''];
}

/* ---------- id_token (RS256) and JWKS ---------- */

/** The sandbox's RSA signing key (made once per DB, kept in sbx_meta). */
function sbx_oauth_key(): OpenSSLAsymmetricKey
{
    $pem = sbx_meta_get('edge_rsa_pem');
    if ($pem === null) {
        $k = openssl_pkey_new(['private_key_bits' => 2048, 'private_key_type' => OPENSSL_KEYTYPE_RSA]);
        openssl_pkey_export($k, $pem);
        sbx_edge_db()->prepare('INSERT OR IGNORE INTO sbx_meta(k, v) VALUES(?, ?)')->execute(['edge_rsa_pem', $pem]);
        sbx_meta_cache([]);
        $pem = sbx_meta_get('edge_rsa_pem');   // another worker may have won the race
    }
    return openssl_pkey_get_private($pem);
}

function sbx_oauth_jwk(): array
{
    $d = openssl_pkey_get_details(sbx_oauth_key())['rsa'];
    return ['kty' => 'RSA', 'alg' => 'RS256', 'use' => 'sig', 'kid' => substr(hash('sha256', $d['n']), 0, 16),
        'n' => sbx_b64url($d['n']), 'e' => sbx_b64url($d['e'])];
}

/** The OpenID subject of the sandbox's user: one per user (a UUID, like Intuit's), the same for every company and app. */
function sbx_oidc_sub(string $email = SBX_USER_EMAIL): string
{
    $h = hash('sha256', 'sandbox-user|' . strtolower($email));
    return sprintf('%s-%s-4%s-a%s-%s', substr($h, 0, 8), substr($h, 8, 4), substr($h, 13, 3), substr($h, 17, 3), substr($h, 20, 12));
}

/** OpenID id_token for an authorization-code grant with the openid scope; iss is Intuit's issuer string. */
function sbx_id_token(array $req, string $client, string $realm): string
{
    $now = (int)floor(sbx_now());
    $head = ['alg' => 'RS256', 'kid' => sbx_oauth_jwk()['kid']];
    $claims = ['sub' => sbx_oidc_sub(), 'aud' => [$client],
        'realmid' => $realm, 'auth_time' => $now, 'iss' => SBX_ISSUER, 'exp' => $now + 3600,
        'iat' => $now];
    $in = sbx_b64url(json_encode($head)) . '.' . sbx_b64url(json_encode($claims, JSON_UNESCAPED_SLASHES));
    openssl_sign($in, $sig, sbx_oauth_key(), OPENSSL_ALGO_SHA256);
    return $in . '.' . sbx_b64url($sig);
}

function sbx_oauth_jwks(): array
{
    return sbx_json(200, ['keys' => [sbx_oauth_jwk()]]);
}

/* ---------- discovery, userinfo ---------- */

function sbx_oauth_discovery(array $req): array
{
    $b = sbx_base_url($req);
    return sbx_json(200, [
        'issuer' => SBX_ISSUER,   // Intuit's issuer string; the endpoints and jwks_uri stay local
        'authorization_endpoint' => $b . '/connect/oauth2',
        'token_endpoint' => $b . '/oauth2/v1/tokens/bearer',
        'userinfo_endpoint' => $b . '/v1/openid_connect/userinfo',
        'revocation_endpoint' => $b . '/v2/oauth2/tokens/revoke',
        'jwks_uri' => $b . '/.well-known/jwks',
        'response_types_supported' => ['code'],
        'subject_types_supported' => ['public'],
        'id_token_signing_alg_values_supported' => ['RS256'],
        'scopes_supported' => ['openid', 'email', 'profile', 'address', 'phone'],
        'token_endpoint_auth_methods_supported' => ['client_secret_post', 'client_secret_basic'],
        'claims_supported' => ['aud', 'exp', 'iat', 'iss', 'realmid', 'sub'],
        'api_base_url' => $b . '/v3',
    ]);
}

function sbx_oauth_userinfo(array $req): array
{
    $h = $req['headers']['authorization'] ?? '';
    $row = preg_match('/^Bearer\s+(\S+)$/i', trim($h), $m) ? sbx_token_find($m[1], 'access') : null;
    if ($row === null || $row['state'] !== 'active' || (float)$row['expires'] <= sbx_now()) {
        return sbx_oauth_error(401, 'invalid_token', 'Token invalid, expired or revoked',
            ['WWW-Authenticate' => 'Bearer realm="Intuit", error="invalid_token"']);
    }
    if (!in_array('openid', explode(' ', (string)$row['scope']), true)) {
        return sbx_oauth_error(403, 'insufficient_scope', 'The openid scope is required');
    }
    // only the claims of the scopes granted (OIDC Core 5.4), in Intuit's claim names
    $scopes = explode(' ', (string)$row['scope']);
    $out = ['sub' => sbx_oidc_sub()];
    if (in_array('email', $scopes, true)) {
        $out += ['email' => SBX_USER_EMAIL, 'emailVerified' => true];
    }
    if (in_array('profile', $scopes, true)) {
        $out += ['givenName' => 'Sandbox', 'familyName' => 'Developer'];
    }
    if (in_array('phone', $scopes, true)) {
        $out += ['phoneNumber' => '+1 555-0100', 'phoneNumberVerified' => false];
    }
    if (in_array('address', $scopes, true)) {
        $out['address'] = ['streetAddress' => '2700 Coast Ave', 'locality' => 'Mountain View', 'region' => 'CA',
            'postalCode' => '94043', 'country' => 'US'];
    }
    return sbx_json(200, $out);
}
