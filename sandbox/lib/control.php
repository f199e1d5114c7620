<?php
// Gateway: dispatch of the OAuth paths and of the sandbox control API under /_sandbox/ (apps,
// tokens, clock, limits, faults, latency, request log, webhooks). The data API owns companies/reset/ledger.
declare(strict_types=1);

if (!function_exists('sbx_db')) {
    require_once __DIR__ . '/common.php';
}

/** Entry point from the router for the gateway's paths. */
function sbx_edge_dispatch(array $req): array
{
    $p = rtrim($req['path'], '/');
    $m = $req['method'];
    sbx_edge_db();
    switch ($p) {
        case '/connect/oauth2':
            return sbx_oauth_authorize($req);
        case '/oauth2/v1/tokens/bearer':
            return sbx_oauth_token($req);
        case '/v2/oauth2/tokens/revoke':
            return sbx_oauth_revoke($req);
        case '/.well-known/openid_sandbox_configuration':
        case '/.well-known/openid-sandbox-configuration':
        case '/.well-known/openid_configuration':
        case '/.well-known/openid-configuration':
            return sbx_oauth_discovery($req);
        case '/v1/openid_connect/userinfo':
            return sbx_oauth_userinfo($req);
        case '/.well-known/jwks':
        case '/op/v1/jwks':   // Intuit's path; reaches the gateway only if the router passes /op/v1/ on
            return sbx_oauth_jwks();
    }
    if (!str_starts_with($p, '/_sandbox/')) {
        return sbx_json(404, ['error' => 'not_found', 'path' => $req['path']]);
    }
    $body = null;
    if ($req['body'] !== '') {
        $body = json_decode($req['body'], true);
        if (!is_array($body)) {
            return sbx_ctl_error(400, 'body must be a JSON object');
        }
    }
    $body ??= [];
    try {
        switch (true) {
            case $p === '/_sandbox/apps':
                return $m === 'POST' ? sbx_ctl_app_create($body) : sbx_ctl_apps();
            case $p === '/_sandbox/tokens':
                return $m === 'POST' ? sbx_ctl_tokens($body) : sbx_ctl_error(405, 'use POST');
            case $p === '/_sandbox/oauth':
                return sbx_ctl_oauth($m, $body, $req['query']);
            case $p === '/_sandbox/clock':
                return sbx_ctl_clock($m, $body);
            case $p === '/_sandbox/limits':
                return sbx_ctl_limits($m, $body, $req['query']);
            case $p === '/_sandbox/faults':
                return sbx_ctl_faults($m, $body);
            case (bool)preg_match('#^/_sandbox/faults/(\d+)$#', $p, $mm):
                return sbx_ctl_fault_one($m, (int)$mm[1]);
            case $p === '/_sandbox/latency':
                return sbx_ctl_latency($m, $body, $req['query']);
            case $p === '/_sandbox/requests':
                return sbx_ctl_requests($req['query']);
            case $p === '/_sandbox/webhooks':
                return sbx_ctl_webhooks($m, $body, $req['query']);
            case $p === '/_sandbox/webhooks/deliveries':
                return sbx_ctl_deliveries($req['query']);
            case $p === '/_sandbox/webhooks/flush':
                return sbx_json(200, sbx_webhook_run_once());
        }
    } catch (InvalidArgumentException $e) {
        return sbx_ctl_error(400, $e->getMessage());
    }
    return sbx_json(404, ['error' => 'not_found', 'path' => $req['path']]);
}

function sbx_ctl_error(int $status, string $msg): array
{
    return sbx_json($status, ['error' => $msg]);
}

/* ---------- apps ---------- */

function sbx_ctl_app_public(array $a): array
{
    return ['client_id' => $a['client_id'], 'client_secret' => $a['client_secret'], 'name' => $a['name'],
        'redirect_uris' => $a['redirect_uris'], 'verifier_token' => $a['verifier_token']];
}

function sbx_ctl_app_create(array $b): array
{
    foreach (['client_id', 'client_secret', 'name', 'verifier_token'] as $k) {
        if (isset($b[$k]) && (!is_string($b[$k]) || $b[$k] === '')) {
            throw new InvalidArgumentException("$k must be a non-empty string");
        }
    }
    if (isset($b['redirect_uris']) && (!is_array($b['redirect_uris']) || !$b['redirect_uris'])) {
        throw new InvalidArgumentException('redirect_uris must be a non-empty array of strings');
    }
    if (isset($b['client_id']) && sbx_app_get($b['client_id']) !== null) {
        return sbx_ctl_error(409, 'client_id already exists');
    }
    $app = sbx_app_create(sbx_edge_db(), $b);
    return sbx_json(201, sbx_ctl_app_public($app));
}

function sbx_ctl_apps(): array
{
    $out = [];
    foreach (sbx_edge_db()->query('SELECT client_id FROM sbx_app ORDER BY created')->fetchAll() as $r) {
        $out[] = sbx_ctl_app_public(sbx_app_get($r['client_id']));
    }
    return sbx_json(200, ['apps' => $out]);
}

/* ---------- tokens (sandbox-only shortcut for tests) ---------- */

function sbx_ctl_tokens(array $b): array
{
    $realm = isset($b['realm']) ? (string)$b['realm'] : '';
    if ($realm === '' || !sbx_realm_exists($realm)) {
        return sbx_ctl_error(404, 'unknown realm ' . $realm);
    }
    $client = (string)($b['client_id'] ?? 'qbosync-sandbox-client');
    if (sbx_app_get($client) === null) {
        return sbx_ctl_error(404, 'unknown client_id ' . $client);
    }
    $scope = (string)($b['scope'] ?? SBX_SCOPE_ACCOUNTING);
    $o = [];
    foreach (['access_expires_in', 'refresh_expires_in'] as $k) {
        if (isset($b[$k])) {
            if (!is_int($b[$k]) || $b[$k] < 1) {
                throw new InvalidArgumentException("$k must be a positive integer");
            }
            $o[$k] = $b[$k];
        }
    }
    $db = sbx_edge_db();
    $db->exec('BEGIN IMMEDIATE');
    try {
        $tok = sbx_token_issue($db, $client, $realm, $scope, $o);
        $db->exec('COMMIT');
    } catch (Throwable $e) {
        $db->exec('ROLLBACK');
        throw $e;
    }
    return sbx_json(200, $tok + ['realm' => $realm, 'realmId' => $realm, 'client_id' => $client]);
}

/* ---------- OAuth behaviour (refresh-token rotation) ---------- */

function sbx_ctl_oauth(string $m, array $b, array $q): array
{
    $realm = isset($b['realm']) ? (string)$b['realm'] : (isset($q['realm']) && is_string($q['realm']) ? $q['realm'] : null);
    if ($realm !== null && !sbx_realm_exists($realm)) {
        return sbx_ctl_error(404, 'unknown realm ' . $realm);
    }
    $key = 'edge_rotation:' . ($realm ?? '*');
    if ($m === 'POST') {
        $conf = json_decode((string)sbx_meta_get($key, ''), true) ?: [];
        if (array_key_exists('rotation', $b)) {
            if (!in_array($b['rotation'], ['daily', 'every'], true)) {
                throw new InvalidArgumentException('rotation must be "daily" or "every"');
            }
            $conf['rotation'] = $b['rotation'];
        }
        if (array_key_exists('rotation_window', $b)) {
            if (!is_int($b['rotation_window']) || $b['rotation_window'] < 0) {
                throw new InvalidArgumentException('rotation_window must be an integer number of seconds >= 0');
            }
            $conf['rotation_window'] = $b['rotation_window'];
        }
        if (!$conf) {
            throw new InvalidArgumentException('give rotation and/or rotation_window');
        }
        sbx_meta_set($key, json_encode($conf));
    } elseif ($m !== 'GET') {
        return sbx_ctl_error(405, 'use GET or POST');
    }
    return sbx_json(200, ['realm' => $realm] + ($realm !== null ? sbx_rotation($realm)
        : ['rotation' => (json_decode((string)sbx_meta_get($key, ''), true)['rotation'] ?? 'daily'),
            'rotation_window' => (json_decode((string)sbx_meta_get($key, ''), true)['rotation_window'] ?? SBX_ROTATION_WINDOW)]));
}

/* ---------- clock ---------- */

function sbx_ctl_clock(string $m, array $b): array
{
    if ($m === 'POST') {
        $off = (float)(sbx_meta_get('clock_offset', '0') ?? '0');
        if (isset($b['advance'])) {
            if (!is_int($b['advance']) && !is_float($b['advance'])) {
                throw new InvalidArgumentException('advance must be a number of seconds');
            }
            $off += (float)$b['advance'];
        } elseif (isset($b['set'])) {
            if (!is_int($b['set']) && !is_float($b['set'])) {
                throw new InvalidArgumentException('set must be a unix time');
            }
            $off = (float)$b['set'] - microtime(true);
        } elseif (array_key_exists('reset', $b)) {
            $off = 0.0;
        } else {
            throw new InvalidArgumentException('give advance, set or reset');
        }
        sbx_meta_set('clock_offset', sprintf('%.6F', $off));
    }
    $now = sbx_now();
    return sbx_json(200, ['now' => $now, 'offset' => (float)(sbx_meta_get('clock_offset', '0') ?? '0'),
        'pacific' => sbx_time_pacific($now, true)]);
}

/* ---------- limits and time scale ---------- */

function sbx_ctl_limits(string $m, array $b, array $q): array
{
    $db = sbx_edge_db();
    $realm = isset($b['realm']) ? (string)$b['realm'] : (isset($q['realm']) && is_string($q['realm']) ? $q['realm'] : null);
    if ($m === 'POST') {
        $conf = [];
        foreach (['per_minute', 'per_second', 'concurrent', 'batch_per_minute', 'batch_per_minute_realm'] as $k) {
            if (array_key_exists($k, $b)) {
                if (!is_int($b[$k]) || $b[$k] < 0) {
                    throw new InvalidArgumentException("$k must be an integer >= 0");
                }
                $conf[$k] = $b[$k];
            }
        }
        if (array_key_exists('enabled', $b)) {
            if (!is_bool($b['enabled'])) {
                throw new InvalidArgumentException('enabled must be true or false');
            }
            $conf['enabled'] = $b['enabled'];
        }
        if (array_key_exists('time_scale', $b)) {
            if ((!is_int($b['time_scale']) && !is_float($b['time_scale'])) || $b['time_scale'] <= 0) {
                throw new InvalidArgumentException('time_scale must be a number > 0');
            }
            if ($realm !== null) {
                $conf['time_scale'] = $b['time_scale'];   // this realm's throttle windows only
            } else {
                sbx_meta_set('edge_time_scale', (string)$b['time_scale']);
            }
        }
        $scope = $realm ?? '*';
        if (!empty($b['reset'])) {
            $db->prepare('DELETE FROM sbx_limit WHERE scope = ?')->execute([$scope]);
        }
        if ($conf) {
            $st = $db->prepare('SELECT conf FROM sbx_limit WHERE scope = ?');
            $st->execute([$scope]);
            $old = json_decode((string)$st->fetchColumn(), true) ?: [];
            $st->closeCursor();
            $db->prepare('INSERT OR REPLACE INTO sbx_limit(scope, conf) VALUES(?, ?)')
                ->execute([$scope, json_encode(array_merge($old, $conf))]);
        }
    }
    $out = sbx_limits($realm) + ['time_scale' => sbx_time_scale(), 'realm' => $realm];
    $out['time_scale'] = (float)$out['time_scale'];
    if ($realm !== null) {   // requests of this realm in flight now (all apps)
        $out['in_flight'] = sbx_edge_slots_busy($realm);
    }
    return sbx_json(200, $out);
}

/* ---------- faults ---------- */

function sbx_ctl_fault_row(array $r): array
{
    return ['id' => (int)$r['id'], 'path' => $r['path'], 'method' => $r['method'], 'realm' => $r['realm'],
        'client_id' => $r['client_id'],
        'kind' => $r['kind'], 'when' => $r['phase'],
        'count' => $r['remaining'] === null ? null : (int)$r['remaining'],
        'rate' => $r['rate'] === null ? null : (float)$r['rate'],
        'delay_ms' => $r['delay_ms'] === null ? null : (int)$r['delay_ms'],
        'status' => $r['status'] === null ? null : (int)$r['status'], 'format' => $r['format'],
        'match' => $r['qmatch'] ?? null, 'hits' => (int)$r['hits']];
}

function sbx_ctl_faults(string $m, array $b): array
{
    $db = sbx_edge_db();
    if ($m === 'POST' || $m === 'DELETE') {
        // the rule change and the rule count (meta edge_faults) move together
        $db->exec('BEGIN IMMEDIATE');
        try {
            $r = sbx_ctl_faults_change($db, $m, $b);
            $db->exec('COMMIT');
            return $r;
        } catch (Throwable $e) {
            $db->exec('ROLLBACK');
            throw $e;
        }
    }
    $rows = $db->query('SELECT * FROM sbx_faultrule ORDER BY id')->fetchAll();
    return sbx_json(200, ['faults' => array_map('sbx_ctl_fault_row', $rows)]);
}

function sbx_ctl_faults_change(PDO $db, string $m, array $b): array
{
    if ($m === 'DELETE') {
        foreach (['realm', 'client_id'] as $k) {
            if (isset($b[$k])) {
                $n = $db->prepare("DELETE FROM sbx_faultrule WHERE $k = ?");
                $n->execute([(string)$b[$k]]);
                sbx_edge_faults_count($db);
                return sbx_json(200, ['deleted' => $n->rowCount()]);
            }
        }
        $n = $db->exec('DELETE FROM sbx_faultrule');
        sbx_edge_faults_count($db);
        return sbx_json(200, ['deleted' => $n]);
    }
    if ($m === 'POST') {
        $kind = isset($b['kind']) ? (string)$b['kind'] : '';
        if (!array_key_exists($kind, SBX_FAULT_KINDS)) {
            throw new InvalidArgumentException('kind must be one of ' . implode(', ', array_keys(SBX_FAULT_KINDS)));
        }
        $path = isset($b['path']) && is_string($b['path']) && $b['path'] !== '' ? $b['path'] : '/v3/company/*';
        $when = (string)($b['when'] ?? 'before');
        if ($when !== 'before' && $when !== 'after' && $when !== 'arrive') {
            throw new InvalidArgumentException('when must be before, after or arrive');
        }
        if ($when === 'arrive' && $kind !== 'slow' && $kind !== 'hold') {
            throw new InvalidArgumentException('when "arrive" delays a request only: kind slow or hold');
        }
        if (($kind === 'truncate' || $kind === 'badid') && $when === 'before') {
            $when = 'after';   // a truncated body needs the real one
        }
        $count = $b['count'] ?? null;
        $rate = $b['rate'] ?? null;
        if ($count !== null && (!is_int($count) || $count < 1)) {
            throw new InvalidArgumentException('count must be an integer >= 1');
        }
        if ($rate !== null && ((!is_int($rate) && !is_float($rate)) || $rate < 0 || $rate > 1)) {
            throw new InvalidArgumentException('rate must be a number between 0 and 1');
        }
        if ($count === null && $rate === null) {
            $count = 1;
        }
        $delay = $b['delay_ms'] ?? null;
        if ($delay !== null && (!is_int($delay) || $delay < 0)) {
            throw new InvalidArgumentException('delay_ms must be an integer >= 0');
        }
        $status = $b['status'] ?? null;
        if ($status !== null && (!is_int($status) || $status < 100 || $status > 599)) {
            throw new InvalidArgumentException('status must be an HTTP status');
        }
        $format = isset($b['format']) ? (string)$b['format'] : null;
        $db->prepare('INSERT INTO sbx_faultrule(path, method, realm, kind, phase, remaining, rate, delay_ms, status,'
            . ' format, created, client_id, qmatch) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)')->execute([$path,
            isset($b['method']) ? strtoupper((string)$b['method']) : null, isset($b['realm']) ? (string)$b['realm'] : null,
            $kind, $when, $count, $rate, $delay, $status, $format, sbx_now(),
            isset($b['client_id']) ? (string)$b['client_id'] : null,
            isset($b['match']) && $b['match'] !== '' ? (string)$b['match'] : null]);
        $id = (int)$db->lastInsertId();
        sbx_edge_faults_count($db);
        $st = $db->prepare('SELECT * FROM sbx_faultrule WHERE id = ?');
        $st->execute([$id]);
        $row = $st->fetch();
        $st->closeCursor();
        return sbx_json(201, sbx_ctl_fault_row($row));
    }
    return sbx_ctl_error(405, 'use GET, POST or DELETE');
}

function sbx_ctl_fault_one(string $m, int $id): array
{
    $db = sbx_edge_db();
    $st = $db->prepare('SELECT * FROM sbx_faultrule WHERE id = ?');
    $st->execute([$id]);
    $r = $st->fetch();
    $st->closeCursor();
    if (!$r) {
        return sbx_ctl_error(404, 'no fault ' . $id);
    }
    if ($m === 'DELETE') {
        $db->exec('BEGIN IMMEDIATE');
        $db->prepare('DELETE FROM sbx_faultrule WHERE id = ?')->execute([$id]);
        sbx_edge_faults_count($db);
        $db->exec('COMMIT');
    }
    return sbx_json(200, sbx_ctl_fault_row($r));
}

/* ---------- latency ---------- */

function sbx_ctl_latency(string $m, array $b, array $q): array
{
    $realm = isset($b['realm']) ? (string)$b['realm'] : (isset($q['realm']) && is_string($q['realm']) ? $q['realm'] : null);
    $key = $realm === null ? 'edge_latency' : 'edge_latency:' . $realm;
    if ($m === 'POST' || $m === 'DELETE') {
        $f = $m === 'DELETE' ? 0 : ($b['fixed_ms'] ?? 0);
        $j = $m === 'DELETE' ? 0 : ($b['jitter_ms'] ?? 0);
        if (!is_int($f) || !is_int($j) || $f < 0 || $j < 0) {
            throw new InvalidArgumentException('fixed_ms and jitter_ms must be integers >= 0');
        }
        if ($m === 'DELETE' && $realm !== null) {
            sbx_edge_db()->prepare('DELETE FROM sbx_meta WHERE k = ?')->execute([$key]);
            sbx_meta_cache([]);
        } else {
            sbx_meta_set($key, json_encode(['fixed_ms' => $f, 'jitter_ms' => $j]));
        }
    }
    $c = json_decode(sbx_meta_get($key) ?? '{}', true) ?: [];
    return sbx_json(200, ['fixed_ms' => (int)($c['fixed_ms'] ?? 0), 'jitter_ms' => (int)($c['jitter_ms'] ?? 0),
        'realm' => $realm]);
}

/* ---------- request log ---------- */

function sbx_ctl_requests(array $q): array
{
    $since = isset($q['since']) && is_string($q['since']) ? (int)$q['since'] : 0;
    $limit = isset($q['limit']) && is_string($q['limit']) ? max(1, min(5000, (int)$q['limit'])) : 1000;
    $sql = 'SELECT * FROM sbx_reqlog WHERE seq > ?';
    $args = [$since];
    foreach (['realm', 'client_id', 'requestid', 'method'] as $k) {
        if (isset($q[$k]) && is_string($q[$k])) {
            $sql .= " AND $k = ?";
            $args[] = $k === 'method' ? strtoupper($q[$k]) : $q[$k];
        }
    }
    if (isset($q['path']) && is_string($q['path'])) {
        $sql .= ' AND path LIKE ?';
        $args[] = str_replace('*', '%', $q['path']);
    }
    $st = sbx_edge_db()->prepare($sql . ' ORDER BY seq LIMIT ' . $limit);
    $st->execute($args);
    $out = [];
    $last = $since;
    foreach ($st->fetchAll() as $r) {
        $last = (int)$r['seq'];
        $out[] = ['seq' => (int)$r['seq'], 'time' => sbx_time_pacific((float)$r['at'], true), 'at' => (float)$r['at'],
            'method' => $r['method'], 'path' => $r['path'], 'query' => json_decode($r['query'], true) ?: new stdClass(),
            'status' => (int)$r['status'], 'realm' => $r['realm'], 'client_id' => $r['client_id'],
            'requestid' => $r['requestid'], 'intuit_tid' => $r['intuit_tid'], 'duration_ms' => (float)$r['duration_ms'],
            'fault' => $r['fault'], 'error_code' => $r['error_code'],
            'latency_ms' => $r['latency_ms'] === null ? null : (int)$r['latency_ms']];
    }
    return sbx_json(200, ['requests' => $out, 'next' => $last]);
}

/* ---------- webhooks ---------- */

function sbx_ctl_webhook_row(array $r): array
{
    return ['id' => (int)$r['id'], 'app' => $r['client_id'], 'url' => $r['url'], 'format' => $r['format'],
        'cursor' => (int)$r['cursor']];
}

function sbx_ctl_webhooks(string $m, array $b, array $q): array
{
    $db = sbx_edge_db();
    $app = (string)($b['app'] ?? $b['client_id'] ?? (isset($q['app']) && is_string($q['app']) ? $q['app'] : 'qbosync-sandbox-client'));
    if ($m === 'DELETE') {
        $st = $db->prepare('DELETE FROM sbx_webhook WHERE client_id = ?');
        $st->execute([$app]);
        $db->prepare("DELETE FROM sbx_delivery WHERE client_id = ? AND status = 'pending'")->execute([$app]);
        return sbx_json(200, ['deleted' => $st->rowCount()]);
    }
    if ($m === 'POST') {
        if (sbx_app_get($app) === null) {
            return sbx_ctl_error(404, 'unknown app ' . $app);
        }
        $url = (string)($b['url'] ?? '');
        if (!preg_match('#^https?://#', $url)) {
            throw new InvalidArgumentException('url must be an http(s) URL');
        }
        $format = (string)($b['format'] ?? 'cloudevents');
        if ($format !== 'cloudevents' && $format !== 'legacy') {
            throw new InvalidArgumentException('format must be cloudevents or legacy');
        }
        // the cursor starts at the current end of the change log: only later changes are sent
        $cursor = (int)$db->query('SELECT COALESCE(MAX(seq), 0) FROM sbx_change')->fetchColumn();
        $st = $db->prepare('SELECT * FROM sbx_webhook WHERE client_id = ?');
        $st->execute([$app]);
        $old = $st->fetch();
        $st->closeCursor();
        if ($old) {
            $db->prepare('UPDATE sbx_webhook SET url = ?, format = ? WHERE id = ?')->execute([$url, $format, $old['id']]);
        } else {
            $db->prepare('INSERT INTO sbx_webhook(client_id, url, format, cursor, created) VALUES(?,?,?,?,?)')
                ->execute([$app, $url, $format, $cursor, sbx_now()]);
        }
        $st->execute([$app]);
        sbx_webhook_kick();
        return sbx_json(200, sbx_ctl_webhook_row($st->fetch()));
    }
    $rows = $db->query('SELECT * FROM sbx_webhook ORDER BY id')->fetchAll();
    return sbx_json(200, ['webhooks' => array_map('sbx_ctl_webhook_row', $rows)]);
}

function sbx_ctl_deliveries(array $q): array
{
    $sql = 'SELECT * FROM sbx_delivery WHERE id > ?';
    $args = [isset($q['since']) && is_string($q['since']) ? (int)$q['since'] : 0];
    foreach (['app' => 'client_id', 'realm' => 'realm', 'status' => 'status'] as $k => $col) {
        if (isset($q[$k]) && is_string($q[$k])) {
            $sql .= " AND $col = ?";
            $args[] = $q[$k];
        }
    }
    $st = sbx_edge_db()->prepare($sql . ' ORDER BY id LIMIT 1000');
    $st->execute($args);
    $out = [];
    foreach ($st->fetchAll() as $r) {
        $out[] = ['id' => (int)$r['id'], 'app' => $r['client_id'], 'realm' => $r['realm'], 'url' => $r['url'],
            'format' => $r['format'], 'events' => (int)$r['events'], 'status' => $r['status'],
            'attempts' => (int)$r['attempts'], 'next_attempt' => $r['status'] === 'pending' ? (float)$r['next_at'] : null,
            'last_status' => $r['last_status'] === null ? null : (int)$r['last_status'], 'last_error' => $r['last_error'],
            'created' => (float)$r['created'], 'delivered' => $r['delivered_at'] === null ? null : (float)$r['delivered_at'],
            'log' => json_decode($r['log'], true), 'body' => $r['body'], 'signature' => $r['signature']];
    }
    return sbx_json(200, ['deliveries' => $out]);
}
