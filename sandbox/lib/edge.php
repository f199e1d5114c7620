<?php
// The gateway of the local QBO sandbox: what Intuit's API gateway does in front of QBO — bearer-token
// check (401 3200 / 403 3100), throttles (429 3001), injected faults, added latency, request log.
declare(strict_types=1);

if (!function_exists('sbx_db')) {
    require_once __DIR__ . '/common.php';
}
require_once __DIR__ . '/oauth.php';
require_once __DIR__ . '/webhooks.php';
require_once __DIR__ . '/control.php';

const SBX_EDGE_SCHEMA = '9';

/** Default limits (Intuit's published numbers); scope '*' rows / per-realm rows override them. */
const SBX_EDGE_LIMITS = [
    'enabled' => true,
    'per_minute' => 500,            // requests per minute per realm (all apps together)
    'concurrent' => 10,             // requests in flight per realm+app
    'per_second' => 0,              // requests per second per realm+app (0 = off; Intuit's table says 10)
    'batch_per_minute' => 40,       // batch requests per minute per realm+app
    'batch_per_minute_realm' => 120, // batch requests per minute per realm (all apps)
];

/** The gateway's tables (called by sbx_db_init through the contract, and lazily by sbx_edge_db). */
function sbx_schema_edge(PDO $db): void
{
    $db->exec(<<<'SQL'
CREATE TABLE IF NOT EXISTS sbx_app(
  client_id TEXT PRIMARY KEY, client_secret TEXT NOT NULL, name TEXT,
  redirect_uris TEXT NOT NULL, verifier_token TEXT NOT NULL, created REAL);
CREATE TABLE IF NOT EXISTS sbx_authcode(
  hash TEXT PRIMARY KEY, client_id TEXT, realm TEXT, redirect_uri TEXT, scope TEXT,
  expires REAL, used INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS sbx_token(
  hash TEXT PRIMARY KEY, kind TEXT NOT NULL, client_id TEXT NOT NULL, realm TEXT NOT NULL,
  scope TEXT, grant_id TEXT, lineage_start REAL, created REAL, expires REAL,
  state TEXT NOT NULL DEFAULT 'active', ended REAL);
CREATE INDEX IF NOT EXISTS sbx_token_conn ON sbx_token(client_id, realm);
CREATE TABLE IF NOT EXISTS sbx_connection(client_id TEXT, realm TEXT, connected REAL, PRIMARY KEY(client_id, realm));
CREATE TABLE IF NOT EXISTS sbx_limit(scope TEXT PRIMARY KEY, conf TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sbx_faultrule(
  id INTEGER PRIMARY KEY AUTOINCREMENT, path TEXT NOT NULL, method TEXT, realm TEXT, kind TEXT NOT NULL,
  phase TEXT NOT NULL, remaining INTEGER, rate REAL, delay_ms INTEGER, status INTEGER, format TEXT,
  hits INTEGER NOT NULL DEFAULT 0, created REAL, client_id TEXT, qmatch TEXT);
CREATE TABLE IF NOT EXISTS sbx_reqlog(
  seq INTEGER PRIMARY KEY AUTOINCREMENT, at REAL, method TEXT, path TEXT, query TEXT, status INTEGER,
  realm TEXT, client_id TEXT, requestid TEXT, intuit_tid TEXT, duration_ms REAL, fault TEXT, error_code TEXT, latency_ms INTEGER);
CREATE TABLE IF NOT EXISTS sbx_webhook(
  id INTEGER PRIMARY KEY AUTOINCREMENT, client_id TEXT UNIQUE NOT NULL, url TEXT NOT NULL, format TEXT NOT NULL,
  cursor INTEGER NOT NULL, created REAL);
CREATE TABLE IF NOT EXISTS sbx_delivery(
  id INTEGER PRIMARY KEY AUTOINCREMENT, webhook_id INTEGER, client_id TEXT, realm TEXT, url TEXT, format TEXT,
  body TEXT, signature TEXT, events INTEGER, attempts INTEGER NOT NULL DEFAULT 0, status TEXT NOT NULL,
  next_at REAL, created REAL, delivered_at REAL, last_status INTEGER, last_error TEXT, log TEXT NOT NULL DEFAULT '[]');
CREATE INDEX IF NOT EXISTS sbx_delivery_due ON sbx_delivery(status, next_at);
SQL);
    foreach (['sbx_reqlog ADD COLUMN latency_ms INTEGER', 'sbx_faultrule ADD COLUMN client_id TEXT',
        'sbx_faultrule ADD COLUMN qmatch TEXT'] as $alter) {
        try {   // files made by an older gateway lack these columns
            $db->exec('ALTER TABLE ' . $alter);
        } catch (PDOException $e) {
            // already there
        }
    }
    $db->exec("INSERT OR REPLACE INTO sbx_meta(k, v) SELECT 'edge_faults', COUNT(*) FROM sbx_faultrule");
    $db->prepare('INSERT OR REPLACE INTO sbx_meta(k, v) VALUES(?, ?)')->execute(['edge_schema', SBX_EDGE_SCHEMA]);
}

/** Seeds the developer app (contract: qbosync-sandbox-client). */
function sbx_seed_edge(PDO $db): void
{
    sbx_app_create($db, [
        'client_id' => 'qbosync-sandbox-client',
        'client_secret' => 'qbosync-sandbox-secret',
        'name' => 'qbosync sandbox app',
        'redirect_uris' => ['http://127.0.0.1/callback', 'http://127.0.0.1:*/*', 'http://localhost:*/*'],
        'verifier_token' => 'qbosync-sandbox-verifier',
    ]);
}

/** Called by the data API's /_sandbox/reset after its own wipe: the gateway state back to the seed. */
function sbx_reset_edge(PDO $db): void
{
    // a new instance id: throttle counters and slots start afresh in a new directory
    $db->prepare('INSERT OR REPLACE INTO sbx_meta(k, v) VALUES(?, ?)')->execute(['edge_instance', bin2hex(random_bytes(8))]);
    foreach (['sbx_app', 'sbx_authcode', 'sbx_token', 'sbx_connection', 'sbx_limit',
                 'sbx_faultrule', 'sbx_reqlog', 'sbx_webhook', 'sbx_delivery'] as $t) {
        $db->exec("DELETE FROM $t");
    }
    $db->exec("DELETE FROM sbx_meta WHERE k IN ('clock_offset','edge_latency','edge_time_scale','edge_faults')"
        . " OR k LIKE 'edge_latency:%'");
    $db->exec("INSERT OR REPLACE INTO sbx_meta(k, v) VALUES('edge_faults', '0')");
    if (function_exists('sbx_meta_cache')) {
        sbx_meta_cache([]);
    }
    sbx_seed_edge($db);
}

/** The DB with the gateway's tables guaranteed (an older file gets them on first use). */
function sbx_edge_db(): PDO
{
    $db = sbx_db();
    if (sbx_meta_get('edge_schema') !== SBX_EDGE_SCHEMA) {
        sbx_schema_edge($db);
        if (!$db->query("SELECT 1 FROM sbx_app WHERE client_id='qbosync-sandbox-client'")->fetchColumn()) {
            sbx_seed_edge($db);
        }
        if (function_exists('sbx_meta_cache')) {
            sbx_meta_cache([]);
        }
    }
    return $db;
}

/**
 * Reads every sbx_meta key the gateway needs for one request in a single query (the meta cache then
 * answers sbx_now(), latency, time scale and the fault-rule count without more queries).
 */
function sbx_edge_preload(?string $realm): void
{
    $keys = ['edge_schema', 'clock_offset', 'edge_latency', 'edge_time_scale', 'edge_faults', 'edge_instance'];
    if ($realm !== null) {
        $keys[] = 'edge_latency:' . $realm;
    }
    $c = sbx_meta_cache();
    $want = array_values(array_filter($keys, fn($k) => !array_key_exists($k, $c)));
    if (!$want) {
        return;
    }
    $st = sbx_db()->prepare('SELECT k, v FROM sbx_meta WHERE k IN (' . implode(',', array_fill(0, count($want), '?')) . ')');
    $st->execute($want);
    $got = $st->fetchAll(PDO::FETCH_KEY_PAIR);
    foreach ($want as $k) {
        $c[$k] = isset($got[$k]) ? (string)$got[$k] : null;
    }
    sbx_meta_cache($c);
}

/** Keeps meta edge_faults = number of fault rules, so requests skip the rule query when 0. */
function sbx_edge_faults_count(PDO $db): void
{
    sbx_meta_set('edge_faults', (string)$db->query('SELECT COUNT(*) FROM sbx_faultrule')->fetchColumn());
}

/** Time scale: 60 makes a throttle minute (and webhook retry delays) last one second. */
function sbx_time_scale(): float
{
    $s = (float)(sbx_meta_get('edge_time_scale', '1') ?? '1');
    return $s > 0 ? $s : 1.0;
}

/** Effective limits for a realm: defaults < '*' row < realm row. */
function sbx_limits(?string $realm): array
{
    $lim = SBX_EDGE_LIMITS;
    $st = sbx_stmt(sbx_edge_db(), "SELECT scope, conf FROM sbx_limit WHERE scope IN ('*', ?) ORDER BY scope = '*' DESC");
    $st->execute([$realm ?? '*']);
    foreach ($st->fetchAll() as $r) {
        $c = json_decode($r['conf'], true);
        if (is_array($c)) {
            $lim = array_merge($lim, $c);
        }
    }
    return $lim;
}

/* ---------- request state shared between before and after ---------- */

function sbx_edge_state(?array $set = null): array
{
    static $st = ['inflight' => null, 'client_id' => null, 'realm' => null, 'fault' => null, 'latency_ms' => null,
        'answered' => false,
        'drop' => false];
    if ($set !== null) {
        $st = array_merge($st, $set);
    }
    return $st;
}

function sbx_edge_release(): void
{
    foreach (sbx_edge_slots() as $fh) {
        flock($fh, LOCK_UN);
        fclose($fh);
    }
    sbx_edge_slots([]);
    sbx_edge_state(['inflight' => null]);
}

/** Which requests the gateway treats as "API" (auth, limits) and which get faults/latency. */
function sbx_edge_kind(string $path): string
{
    if (str_starts_with($path, '/v3/company/')) {
        return 'api';
    }
    if (str_starts_with($path, '/oauth2/') || str_starts_with($path, '/v2/oauth2/')
        || str_starts_with($path, '/connect/oauth2') || str_starts_with($path, '/v1/openid_connect/')) {
        return 'oauth';
    }
    if (str_starts_with($path, '/_sandbox/')) {
        return 'control';
    }
    return 'other';
}

/* ---------- gateway error bodies ---------- */

function sbx_edge_401(string $detail): array
{
    $r = sbx_gateway_fault(401, '3200', 'message=AuthenticationFailed; errorCode=003200; statusCode=401', $detail,
        'AUTHENTICATION');
    $r[1]['WWW-Authenticate'] = 'Bearer realm="Intuit", error="invalid_token"';
    return $r;
}

function sbx_edge_403(): array
{
    return sbx_gateway_fault(403, '3100', 'message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403',
        null, 'SERVICE');
}

function sbx_edge_429(string $format = 'json'): array
{
    if ($format === 'xml') {
        $body = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            . '<IntuitResponse xmlns="http://schema.intuit.com/finance/v3" time="'
            . sbx_time_pacific(sbx_now(), true) . '"><Fault type="SERVICE"><Error code="3001">'
            . '<Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message>'
            . '<Detail>The request limit was reached.  Try again later</Detail></Error></Fault></IntuitResponse>';
        return [429, ['Content-Type' => 'application/xml;charset=UTF-8', 'intuit_tid' => sbx_request_id()], $body];
    }
    return sbx_gateway_fault(429, '3001', 'message=ThrottleExceeded; errorCode=003001; statusCode=429',
        'The request limit was reached.  Try again later', 'SERVICE');
}

/* ---------- bearer check ---------- */

/**
 * Checks the Authorization header of a /v3 request. Returns [errorResponse|null, tokenRow|null].
 */
function sbx_edge_auth(array $req): array
{
    $h = $req['headers']['authorization'] ?? null;
    if ($h === null || trim($h) === '') {
        return [sbx_edge_401('Authorization header missing'), null];
    }
    if (!preg_match('/^Bearer\s+(\S+)\s*$/i', $h, $m)) {
        return [sbx_edge_401('Malformed bearer token: not a Bearer authorization'), null];
    }
    $tok = $m[1];
    $len = strlen($tok);
    if ($len < 100 || $len > 4096) {
        return [sbx_edge_401('Malformed bearer token: too short or too long'), null];
    }
    if (!preg_match('/^[A-Za-z0-9._~+\/=-]+$/', $tok)) {
        return [sbx_edge_401('Malformed bearer token: invalid characters'), null];
    }
    $row = sbx_token_find($tok, 'access');
    if ($row === null) {
        return [sbx_edge_401('Token invalid'), null];
    }
    $now = sbx_now();
    if ($row['state'] === 'revoked') {
        return [sbx_edge_401('Token revoked'), $row];
    }
    if ((float)$row['expires'] <= $now) {
        return [sbx_edge_401('Token expired: ' . (int)floor($now)), $row];
    }
    if ($req['realm'] === null || $row['realm'] !== $req['realm']
        || !in_array('com.intuit.quickbooks.accounting', explode(' ', (string)$row['scope']), true)) {
        return [sbx_edge_403(), $row];
    }
    return [null, $row];
}

/* ---------- throttles ---------- */

/** Random id of this sandbox instance (new DB or reset): keeps counters of an earlier DB at the same path apart. */
function sbx_edge_instance(): string
{
    $v = sbx_meta_get('edge_instance');
    if ($v === null) {
        sbx_db()->prepare('INSERT OR IGNORE INTO sbx_meta(k, v) VALUES(?, ?)')->execute(['edge_instance', bin2hex(random_bytes(8))]);
        $c = sbx_meta_cache();
        unset($c['edge_instance']);
        sbx_meta_cache($c);
        $v = (string)sbx_meta_get('edge_instance');
    }
    return $v;
}

/**
 * Directory of the gateway's lock and counter files for this sandbox instance:
 * $TMPDIR/qbo-sandbox-edge/<hash of DB path and instance id>/. Making one also removes the
 * directories of DB files that no longer exist and of earlier instances of this DB (reset).
 * $fresh recomputes it (the long-running deliverer notices a reset that way).
 */
function sbx_edge_dir(bool $fresh = false): string
{
    static $d = null;
    if ($d !== null && !$fresh) {
        return $d;
    }
    $root = sys_get_temp_dir() . '/qbo-sandbox-edge';
    $db = sbx_db_path();
    $d = $root . '/' . substr(sha1($db . '|' . sbx_edge_instance()), 0, 20);
    if (!is_dir($d)) {
        @mkdir($d, 0700, true);
        @file_put_contents($d . '/db', $db);
        foreach (glob($root . '/*', GLOB_ONLYDIR) ?: [] as $other) {
            $owner = @file_get_contents($other . '/db');
            if ($other !== $d && $owner !== false && ($owner === $db || !file_exists($owner))
                && @filemtime($other . '/db') < time() - 60) {
                array_map('unlink', glob($other . '/*') ?: []);
                @rmdir($other);
            }
        }
    }
    return $d;
}

/** Open handles of held slot files (a slot is held while its flock is held). */
function sbx_edge_slots(?array $set = null): array
{
    static $h = [];
    if ($set !== null) {
        $h = $set;
    }
    return $h;
}

/**
 * Takes one of $limit concurrency slots for $key with non-blocking file locks; the kernel frees
 * a slot when its holder closes it or dies, so a killed worker never leaks one. Returns false
 * when all are taken.
 */
function sbx_edge_slot_take(string $realm, string $client, int $limit): bool
{
    $base = sbx_edge_dir() . '/c-' . sha1($realm) . '-' . sha1($client) . '-';
    for ($i = 0; $i < $limit; $i++) {
        $fh = @fopen($base . $i, 'c');
        if ($fh === false) {
            continue;
        }
        if (flock($fh, LOCK_EX | LOCK_NB)) {
            $all = sbx_edge_slots();
            $all[] = $fh;
            sbx_edge_slots($all);
            return true;
        }
        fclose($fh);
    }
    return false;
}

/** Slots of the realm (all apps) held right now by any worker. */
function sbx_edge_slots_busy(string $realm): int
{
    $n = 0;
    foreach (glob(sbx_edge_dir() . '/c-' . sha1($realm) . '-*') ?: [] as $f) {
        $fh = @fopen($f, 'c');
        if ($fh === false) {
            continue;
        }
        if (flock($fh, LOCK_EX | LOCK_NB)) {
            flock($fh, LOCK_UN);
        } else {
            $n++;
        }
        fclose($fh);
    }
    return $n;
}

/**
 * A sliding-window counter in a small file: 61 (bucket, count) pairs, bucket = floor(t / width).
 * Opened and locked by sbx_edge_rate_open; sum and add work on the open handle.
 */
function sbx_edge_rate_open(string $key)
{
    $fh = fopen(sbx_edge_dir() . '/r-' . sha1($key), 'c+');
    flock($fh, LOCK_EX);
    return $fh;
}

function sbx_edge_rate_read($fh): array
{
    rewind($fh);
    $raw = stream_get_contents($fh);
    $v = strlen($raw) === 61 * 16 ? unpack('q122', $raw) : [];
    $out = [];
    for ($i = 0; $i < 61; $i++) {
        $out[$i] = [(int)($v[2 * $i + 1] ?? -1), (int)($v[2 * $i + 2] ?? 0)];
    }
    return $out;
}

function sbx_edge_rate_sum(array $ring, int $cur): int
{
    $n = 0;
    foreach ($ring as [$b, $c]) {
        if ($b >= $cur - 60 && $b <= $cur) {
            $n += $c;
        }
    }
    return $n;
}

function sbx_edge_rate_add($fh, array $ring, int $cur): void
{
    $i = $cur % 61;
    $ring[$i] = $ring[$i][0] === $cur ? [$cur, $ring[$i][1] + 1] : [$cur, 1];
    $flat = [];
    foreach ($ring as [$b, $c]) {
        $flat[] = $b;
        $flat[] = $c;
    }
    rewind($fh);
    fwrite($fh, pack('q122', ...$flat));
}

/**
 * Counts this request against the per-minute, concurrency and batch limits; on success the
 * request holds one in-flight slot until sbx_edge_after / the end of the request. Returns a
 * 429 or null. Counters and slots live in files (flock), not in SQLite, so the gateway adds no
 * write transaction to a request.
 *
 * Windows slide in 60 buckets per (scaled) minute; the oldest, partly expired bucket still
 * counts in full, so the sandbox throttles slightly early rather than late.
 */
function sbx_edge_throttle(array $req, string $realm, string $client): ?array
{
    $lim = sbx_limits($realm);
    if (empty($lim['enabled'])) {
        return null;
    }
    $now = sbx_now();
    $scale = isset($lim['time_scale']) && (float)$lim['time_scale'] > 0 ? (float)$lim['time_scale'] : sbx_time_scale();
    $isBatch = (bool)preg_match('#^/v3/company/[^/]+/batch/?$#', $req['path']);
    // [limit name, counter key, window in sandbox seconds]; a window is 60 buckets
    $checks = [['per_minute', 'm:' . $realm, 60.0 / $scale]];
    if ((int)($lim['per_second'] ?? 0) > 0) {
        $checks[] = ['per_second', 's:' . $realm . ':' . $client, 1.0 / $scale];
    }
    if ($isBatch) {
        $checks[] = ['batch_per_minute', 'b:' . $realm . ':' . $client, 60.0 / $scale];
        $checks[] = ['batch_per_minute_realm', 'br:' . $realm, 60.0 / $scale];
    }
    // the in-flight slot first: it needs no shared lock, so the counters' lock is held briefly
    if (!sbx_edge_slot_take($realm, $client, (int)$lim['concurrent'])) {
        sbx_edge_state(['fault' => 'throttle:concurrent']);
        return sbx_edge_429();
    }
    $open = [];
    $over = false;
    try {
        foreach ($checks as [$what, $key, $window]) {   // always locked in this order: no deadlock
            $bw = $window / 60.0;
            $cur = (int)floor($now / $bw);
            $fh = sbx_edge_rate_open($key . '@' . sprintf('%.6F', $bw));
            $ring = sbx_edge_rate_read($fh);
            $open[] = [$fh, $ring, $cur];
            if (!$over && sbx_edge_rate_sum($ring, $cur) >= (int)$lim[$what]) {
                $over = $what;
            }
        }
        if (!$over) {
            foreach ($open as [$fh, $ring, $cur]) {
                sbx_edge_rate_add($fh, $ring, $cur);
            }
        }
    } finally {
        foreach ($open as [$fh]) {
            flock($fh, LOCK_UN);
            fclose($fh);
        }
    }
    if ($over) {
        sbx_edge_release();
        sbx_edge_state(['fault' => 'throttle:' . $over]);
        return sbx_edge_429();
    }
    sbx_edge_state(['inflight' => true]);
    return null;
}

/* ---------- faults ---------- */

/** Fault kinds and their default status. */
const SBX_FAULT_KINDS = [
    '500' => 500, '503' => 503, '429' => 429, '401' => 401, 'slow' => 0, 'hold' => 0, 'timeout' => 504,
    'drop' => 0, 'truncate' => 0, 'html' => 502, 'xml' => 500, 'badid' => 0,
];

/** The text a rule's "match" is looked for in: the decoded query string and the body. */
function sbx_fault_haystack(array $req): string
{
    $parts = [];
    array_walk_recursive($req['query'], static function ($v, $k) use (&$parts) {
        $parts[] = $k . '=' . $v;
    });
    return implode('&', $parts) . "\n" . $req['body'];
}

/** The first matching fault rule for this request and phase that fires (count/rate), or null. */
function sbx_fault_pick(array $req, string $phase): ?array
{
    if (sbx_meta_get('edge_faults') === '0') {
        return null;
    }
    $db = sbx_edge_db();
    $rows = $db->query('SELECT * FROM sbx_faultrule ORDER BY id')->fetchAll();
    if (!$rows) {
        return null;
    }
    foreach ($rows as $r) {
        if ($r['phase'] !== $phase) {
            continue;
        }
        if ($r['method'] !== null && $r['method'] !== '' && strcasecmp($r['method'], $req['method']) !== 0) {
            continue;
        }
        if ($r['realm'] !== null && $r['realm'] !== '' && $r['realm'] !== ($req['realm'] ?? sbx_edge_state()['realm'])) {
            continue;
        }
        if (!fnmatch($r['path'], $req['path'], FNM_PATHNAME) && !fnmatch($r['path'], $req['path'])) {
            continue;
        }
        if ($r['client_id'] !== null && $r['client_id'] !== '' && $r['client_id'] !== sbx_edge_request_client($req)) {
            continue;
        }
        if (($r['qmatch'] ?? null) !== null && $r['qmatch'] !== '' && !str_contains(sbx_fault_haystack($req), $r['qmatch'])) {
            continue;
        }
        if ($r['rate'] !== null && (float)$r['rate'] < 1.0 && mt_rand() / mt_getrandmax() >= (float)$r['rate']) {
            continue;
        }
        if ($r['remaining'] !== null) {
            $u = $db->prepare('UPDATE sbx_faultrule SET remaining = remaining - 1, hits = hits + 1 WHERE id = ? AND remaining > 0');
            $u->execute([$r['id']]);
            if ($u->rowCount() !== 1) {
                continue;
            }
        } else {
            $db->prepare('UPDATE sbx_faultrule SET hits = hits + 1 WHERE id = ?')->execute([$r['id']]);
        }
        return $r;
    }
    return null;
}

/** The app a request comes from: its token's app, else Basic / form / query client_id. */
function sbx_edge_request_client(array $req): ?string
{
    $c = sbx_edge_state()['client_id'];
    if ($c !== null) {
        return $c;
    }
    $h = $req['headers']['authorization'] ?? '';
    if (preg_match('/^Basic\s+(\S+)$/i', trim($h), $m)) {
        $dec = base64_decode($m[1], true);
        if ($dec !== false && str_contains($dec, ':')) {
            return urldecode(explode(':', $dec, 2)[0]);
        }
    }
    parse_str($req['body'], $form);
    foreach ([$form, $req['query']] as $src) {
        if (isset($src['client_id']) && is_string($src['client_id'])) {
            return $src['client_id'];
        }
    }
    return null;
}

/** Sleeps for $ms milliseconds (capped at 10 minutes). */
function sbx_edge_sleep(int $ms): void
{
    if ($ms > 0) {
        usleep(min($ms, 600000) * 1000);
    }
}

/**
 * Applies a fault rule. $resp is the handler's response for phase "after" (null before).
 * Returns the response to send (null = continue normally, only for "slow" before).
 */
function sbx_fault_apply(array $rule, ?array $resp): ?array
{
    $kind = $rule['kind'];
    $status = $rule['status'] !== null ? (int)$rule['status'] : (SBX_FAULT_KINDS[$kind] ?? 500);
    sbx_edge_state(['fault' => $kind . ':' . $rule['phase']]);
    $tid = ['intuit_tid' => sbx_request_id()];
    switch ($kind) {
        case 'slow':
            sbx_edge_sleep((int)($rule['delay_ms'] ?? 2000));
            return $resp;
        case 'hold':
            // like slow, but ends early once the rule is deleted (DELETE /_sandbox/faults/{id})
            $end = microtime(true) + min((int)($rule['delay_ms'] ?? 30000), 600000) / 1000;
            $st = sbx_edge_db()->prepare('SELECT 1 FROM sbx_faultrule WHERE id = ?');
            while (microtime(true) < $end) {
                $st->execute([$rule['id']]);
                $there = $st->fetchColumn();
                $st->closeCursor();
                if ($there === false) {
                    break;
                }
                usleep(50000);
            }
            return $resp;
        case 'timeout':
            sbx_edge_sleep((int)($rule['delay_ms'] ?? 30000));
            return [$status, ['Content-Type' => 'text/html;charset=UTF-8'] + $tid,
                "<html><head><title>504 Gateway Time-out</title></head><body><h1>504 Gateway Time-out</h1></body></html>\n"];
        case '500':
            return sbx_fault($status, '10000', 'An application error has occurred while processing your request',
                'System Failure Error: An unexpected error occurred while accessing or saving your data.'
                . ' Please wait a few minutes and try again. If the problem persists, contact customer support.',
                '', 'SystemFault');
        case '503':
            return [$status, ['Content-Type' => 'text/html;charset=UTF-8', 'Retry-After' => '30'] + $tid,
                "<html><head><title>503 Service Unavailable</title></head><body><h1>503 Service Unavailable</h1>"
                . "<p>The server is temporarily unable to service your request. Please try again later.</p></body></html>\n"];
        case '429':
            $r = sbx_edge_429($rule['format'] === 'xml' ? 'xml' : 'json');
            $r[0] = $status;
            return $r;
        case '401':
            $r = sbx_edge_401('Token expired: ' . (int)floor(sbx_now()));
            $r[0] = $status;
            return $r;
        case 'html':
            return [$status, ['Content-Type' => 'text/html;charset=UTF-8'] + $tid,
                "<html><head><title>Bad Gateway</title></head><body><h1>Bad Gateway</h1>"
                . "<p>The proxy server received an invalid response from an upstream server.</p></body></html>\n"];
        case 'xml':
            $body = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                . '<IntuitResponse xmlns="http://schema.intuit.com/finance/v3" time="' . sbx_time_pacific(sbx_now(), true)
                . '"><Fault type="SystemFault"><Error code="10000"><Message>An application error has occurred while '
                . 'processing your request</Message><Detail>System Failure Error: An unexpected error occurred.</Detail>'
                . '</Error></Fault></IntuitResponse>';
            return [$status, ['Content-Type' => 'application/xml;charset=UTF-8'] + $tid, $body];
        case 'truncate':
            $full = $resp ?? sbx_json($status ?: 200, ['QueryResponse' => new stdClass(), 'time' => sbx_time_pacific(sbx_now(), true)]);
            $body = $full[2];
            $cut = max(1, intdiv(strlen($body), 2));
            $h = $full[1];
            $h['Content-Length'] = (string)strlen($body);
            return [$full[0], $h, substr($body, 0, $cut)];
        case 'badid':
            return sbx_fault_badid($resp, (string)($rule['format'] ?? 'missing'));
        case 'drop':
            sbx_edge_state(['drop' => true]);   // done in sbx_edge_after, once the log is written
            return $resp ?? [500, $tid, ''];
    }
    return $resp;
}

/**
 * A 2xx answer whose entity carries an unusable Id (format: missing, empty, object, number, long):
 * the write itself was done. Answers that are not a JSON object with an entity pass unchanged.
 */
function sbx_fault_badid(?array $resp, string $format): ?array
{
    if ($resp === null || $resp[0] >= 300) {
        return $resp;
    }
    $j = json_decode($resp[2], true);
    if (!is_array($j)) {
        return $resp;
    }
    foreach ($j as $k => $v) {
        if ($k === 'time' || !is_array($v) || array_is_list($v) || !array_key_exists('Id', $v)) {
            continue;
        }
        switch ($format) {
            case 'empty': $j[$k]['Id'] = ''; break;
            case 'object': $j[$k]['Id'] = ['value' => $v['Id']]; break;
            case 'number': $j[$k]['Id'] = (int)$v['Id']; break;
            case 'long': $j[$k]['Id'] = str_repeat('9', 31); break;
            default: unset($j[$k]['Id']);
        }
        break;
    }
    $body = json_encode($j, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);
    $h = $resp[1];
    $h['Content-Length'] = (string)strlen($body);
    return [$resp[0], $h, $body];
}

/**
 * Closes the client's TCP connection without a response. The built-in server gives a script no
 * handle on its socket, so a CLI child that inherited the descriptor shuts it down (shutdown(2)
 * acts on the socket itself, so the server's later write goes nowhere and curl reports
 * "Empty reply from server"). The worker survives.
 */
function sbx_edge_drop_connection(): void
{
    $port = (string)($_SERVER['REMOTE_PORT'] ?? '');
    if ($port === '') {
        return;
    }
    $cmd = [PHP_BINARY, __DIR__ . '/dropconn.php', $port];
    $p = proc_open($cmd, [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    if (!is_resource($p)) {
        return;
    }
    $out = stream_get_contents($pipes[1]) . stream_get_contents($pipes[2]);
    fclose($pipes[1]);
    fclose($pipes[2]);
    if (proc_close($p) !== 0) {
        error_log('sandbox edge: drop failed: ' . trim($out));
    }
}

/* ---------- latency ---------- */

/** Sleeps the configured latency (the realm's own setting wins over the global one). */
function sbx_edge_latency(?string $realm): void
{
    $l = $realm !== null ? sbx_meta_get('edge_latency:' . $realm) : null;
    $l ??= sbx_meta_get('edge_latency');
    if ($l === null) {
        return;
    }
    $c = json_decode($l, true);
    $ms = (int)($c['fixed_ms'] ?? 0);
    $j = (int)($c['jitter_ms'] ?? 0);
    if ($j > 0) {
        $ms += random_int(0, $j);
    }
    // the time scale shrinks the latency with the limit windows: the same shape in less time
    $scale = $realm !== null ? (float)(sbx_limits($realm)['time_scale'] ?? 0) : 0.0;
    if ($scale <= 0) {
        $scale = sbx_time_scale();
    }
    if ($scale != 1.0) {
        $ms = (int)round($ms / $scale);
    }
    if ($ms > 0) {
        sbx_edge_state(['latency_ms' => $ms]);
        sbx_edge_sleep($ms);
    }
}

/* ---------- router hooks ---------- */

/** Router hook before dispatch: a non-null response is sent instead of running the handler. */
function sbx_edge_before(array $req): ?array
{
    $r = sbx_edge_before_inner($req);
    if ($r !== null) {
        sbx_edge_state(['answered' => true]);
    }
    return $r;
}

function sbx_edge_before_inner(array $req): ?array
{
    $kind = sbx_edge_kind($req['path']);
    if ($kind === 'control' || $kind === 'other') {
        return null;
    }
    sbx_edge_preload($req['realm']);
    sbx_edge_db();
    if ($kind === 'api') {
        [$err, $tok] = sbx_edge_auth($req);
        if ($tok !== null) {
            sbx_edge_state(['client_id' => $tok['client_id'], 'realm' => $tok['realm']]);
        }
        if ($err !== null) {
            sbx_edge_state(['fault' => null]);
            return $err;
        }
        // a request on its way to QBO: delayed before the gateway counts it against the limits
        $arrive = sbx_fault_pick($req, 'arrive');
        if ($arrive !== null) {
            sbx_fault_apply($arrive, null);
        }
        $thr = sbx_edge_throttle($req, (string)$req['realm'], (string)$tok['client_id']);
        if ($thr !== null) {
            return $thr;
        }
    }
    $rule = sbx_fault_pick($req, 'before');
    if ($rule !== null) {
        $r = sbx_fault_apply($rule, null);
        if ($r !== null && $rule['kind'] !== 'slow' && $rule['kind'] !== 'hold') {
            return $r;
        }
    }
    sbx_edge_latency($req['realm']);
    return null;
}

/** Router hook after dispatch: "after" faults, slot release, request log, webhook kick. */
function sbx_edge_after(array $req, array $resp): ?array
{
    $kind = sbx_edge_kind($req['path']);
    if ($kind === 'control' || $kind === 'other') {
        return null;
    }
    sbx_edge_preload($req['realm']);
    sbx_edge_db();
    $out = $resp;
    $st = sbx_edge_state();
    if (!$st['answered']) {   // a request the gateway already answered (error, fault) gets no second fault
        $rule = sbx_fault_pick($req, 'after');
        if ($rule !== null) {
            $out = sbx_fault_apply($rule, $resp) ?? $resp;
        }
    }
    sbx_edge_release();
    try {
        sbx_reqlog_write($req, $out);
    } catch (Throwable $e) {
        error_log('sandbox edge: request log: ' . $e->getMessage());
    }
    if ($kind === 'api' && $req['method'] !== 'GET' && $resp[0] < 300) {
        sbx_webhook_kick();
    }
    if (sbx_edge_state()['drop']) {
        sbx_edge_drop_connection();
    }
    return $out;
}

/* ---------- request log ---------- */

const SBX_SECRET_KEYS = ['code', 'state', 'refresh_token', 'access_token', 'client_secret', 'token', 'id_token',
    'password', 'assertion'];

/** Replaces secret values in a query/form array. */
function sbx_redact(array $q): array
{
    foreach ($q as $k => $v) {
        if (in_array(strtolower((string)$k), SBX_SECRET_KEYS, true)) {
            $q[$k] = '[redacted]';
        } elseif (is_array($v)) {
            $q[$k] = sbx_redact($v);
        }
    }
    return $q;
}

function sbx_reqlog_write(array $req, array $resp): void
{
    $st = sbx_edge_state();
    $q = sbx_redact($req['query']);
    if ($req['path'] === '/oauth2/v1/tokens/bearer') {
        parse_str($req['body'], $form);
        if (isset($form['grant_type']) && is_string($form['grant_type'])) {
            $q['grant_type'] = $form['grant_type'];   // the only form field worth logging
        }
    }
    $code = null;
    if ($resp[0] >= 400 && is_string($resp[2]) && $resp[2] !== '' && $resp[2][0] === '{') {
        $j = json_decode($resp[2], true);
        $code = $j['Fault']['Error'][0]['code'] ?? $j['fault']['error'][0]['code'] ?? $j['error'] ?? null;
        $code = is_scalar($code) ? (string)$code : null;
    }
    $start = (float)($_SERVER['REQUEST_TIME_FLOAT'] ?? microtime(true));
    $db = sbx_edge_db();
    sbx_stmt($db, 'INSERT INTO sbx_reqlog(at, method, path, query, status, realm, client_id, requestid, intuit_tid,'
        . ' duration_ms, fault, error_code, latency_ms) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)')->execute([
        sbx_now(), $req['method'], $req['path'], json_encode((object)$q, JSON_UNESCAPED_SLASHES), $st['drop'] ? 0 : $resp[0],
        $req['realm'] ?? $st['realm'], $st['client_id'], isset($req['query']['requestid']) && is_string($req['query']['requestid'])
            ? $req['query']['requestid'] : null,
        $resp[1]['intuit_tid'] ?? sbx_request_id(), round((microtime(true) - $start) * 1000, 2), $st['fault'], $code,
        $st['latency_ms'],
    ]);
    $seq = (int)$db->lastInsertId();
    if ($seq % 1000 === 0) {
        $db->prepare('DELETE FROM sbx_reqlog WHERE seq <= ?')->execute([$seq - 20000]);
    }
}
