<?php
// The data API's sandbox control endpoints: /_sandbox/companies, /_sandbox/reset, /_sandbox/ledger[/{realm}],
// /_sandbox/requestids/{realm}.
declare(strict_types=1);

require_once __DIR__ . '/store.php';

function sbx_control_data(array $req): array
{
    $db = sbx_db();
    $p = $req['path'];
    $m = $req['method'];
    if ($p === '/_sandbox/companies') {
        if ($m === 'GET') {
            $rows = $db->query('SELECT realm, name, country, currency FROM sbx_company ORDER BY created, realm')->fetchAll();
            return sbx_json(200, ['companies' => $rows]);
        }
        if ($m === 'POST') {
            $opts = $req['body'] === '' ? [] : json_decode($req['body'], true);
            if (!is_array($opts)) {
                return sbx_json(400, ['error' => 'invalid_request', 'error_description' => 'body must be a JSON object']);
            }
            if (isset($opts['realm']) && (!preg_match('/^\d{1,19}$/', (string)$opts['realm']) || sbx_realm_exists((string)$opts['realm']))) {
                return sbx_json(400, ['error' => 'invalid_request', 'error_description' => 'realm must be a new numeric string']);
            }
            require_once __DIR__ . '/seed.php';
            $co = sbx_tx($db, fn() => sbx_company_create($db, $opts));
            return sbx_json(201, $co);
        }
        return sbx_json(405, ['error' => 'method_not_allowed']);
    }
    if ($p === '/_sandbox/reset') {
        if ($m !== 'POST') {
            return sbx_json(405, ['error' => 'method_not_allowed']);
        }
        require_once __DIR__ . '/seed.php';
        sbx_tx($db, function () use ($db) {
            foreach (['sbx_company', 'sbx_entity', 'sbx_history', 'sbx_change', 'sbx_seq', 'sbx_requestid'] as $t) {
                $db->exec("DELETE FROM $t");
            }
            $db->exec("DELETE FROM sqlite_sequence WHERE name IN ('sbx_history', 'sbx_change')");
            $db->exec("DELETE FROM sbx_meta WHERE k NOT IN ('schema', 'seeded')");
            sbx_meta_cache([]);
            sbx_company_create($db, ['name' => 'Sandbox Company US', 'country' => 'US', 'realm' => SBX_US_REALM]);
            sbx_company_create($db, ['name' => 'Sandbox Company CA', 'country' => 'CA', 'realm' => SBX_CA_REALM]);
            if (function_exists('sbx_reset_edge')) {
                sbx_reset_edge($db);
            }
        });
        return sbx_json(200, ['reset' => true, 'realms' => [SBX_US_REALM, SBX_CA_REALM]]);
    }
    if (str_starts_with($p, '/_sandbox/requestids/')) {
        // the realm's stored requestid replays forgotten: how long QBO keeps them is not documented,
        // so a client must not count on a replay of a write sent long ago
        if ($m !== 'DELETE') {
            return sbx_json(405, ['error' => 'method_not_allowed']);
        }
        $st = $db->prepare('DELETE FROM sbx_requestid WHERE realm = ?');
        $st->execute([substr($p, strlen('/_sandbox/requestids/'))]);
        return sbx_json(200, ['deleted' => $st->rowCount()]);
    }
    if ($p === '/_sandbox/ledger') {
        $rows = $db->query('SELECT c.realm, c.name, c.country, (SELECT count(*) FROM sbx_entity e WHERE e.realm = c.realm) AS entities,
            (SELECT count(*) FROM sbx_change h WHERE h.realm = c.realm) AS changes FROM sbx_company c ORDER BY c.created')->fetchAll();
        return sbx_json(200, ['companies' => $rows]);
    }
    $realm = substr($p, strlen('/_sandbox/ledger/'));
    $st = $db->prepare('SELECT realm, name, country, currency FROM sbx_company WHERE realm = ?');
    $st->execute([$realm]);
    $co = $st->fetch();
    if ($co === false) {
        return sbx_json(404, ['error' => 'unknown_realm', 'realm' => $realm]);
    }
    $ents = [];
    $st = $db->prepare('SELECT entity, id, sync, status, bal, data FROM sbx_entity WHERE realm = ? ORDER BY entity, CAST(id AS INTEGER), id');
    $st->execute([$realm]);
    foreach ($st as $r) {
        $k = $r['entity'] . '/' . $r['id'];
        $ents[$k] = ['entity' => $r['entity'], 'Id' => $r['id'], 'status' => $r['status'], 'SyncToken' => (string)$r['sync'],
            'current' => json_decode($r['data'], true), 'versions' => [], 'changes' => []];
        if ($r['entity'] === 'Customer') {
            $ents[$k]['balance'] = (int)$r['bal'] / 10 ** sbx_currency_decimals((string)($ents[$k]['current']['CurrencyRef']['value'] ?? $co['currency']));
        }
    }
    $st = $db->prepare('SELECT entity, entity_id, sync, operation, at, data FROM sbx_history WHERE realm = ? ORDER BY seq');
    $st->execute([$realm]);
    foreach ($st as $r) {
        $k = $r['entity'] . '/' . $r['entity_id'];
        $ents[$k]['versions'][] = ['SyncToken' => (string)$r['sync'], 'operation' => $r['operation'],
            'at' => sbx_time_pacific((float)$r['at'], true), 'data' => json_decode($r['data'], true)];
    }
    $all = [];
    $st = $db->prepare('SELECT seq, entity, entity_id, operation, at FROM sbx_change WHERE realm = ? ORDER BY seq');
    $st->execute([$realm]);
    foreach ($st as $r) {
        $ev = ['seq' => (int)$r['seq'], 'entity' => $r['entity'], 'Id' => $r['entity_id'], 'operation' => $r['operation'],
            'at' => sbx_time_pacific((float)$r['at'], true)];
        $ents[$r['entity'] . '/' . $r['entity_id']]['changes'][] = $ev;
        $all[] = $ev;
    }
    $co['multicurrency'] = sbx_multicurrency($realm);
    return sbx_json(200, ['realm' => $co['realm'], 'company' => $co, 'entities' => array_values($ents), 'changes' => $all,
        'currencies' => sbx_currency_ledger($realm)]);
}
