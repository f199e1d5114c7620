<?php
// GET /cdc?entities=A,B&changedSince=ts : objects changed since ts (max 30 days back), deleted
// ones as {"status":"Deleted",...} stubs after the live ones, at most 1000 objects in all.
declare(strict_types=1);

function sbx_cdc(string $realm, array $q): array
{
    $ents = is_string($q['entities'] ?? null) ? trim($q['entities']) : '';
    if ($ents === '') {
        throw sbx_err_required('entities');
    }
    $since = is_string($q['changedSince'] ?? null) ? trim($q['changedSince']) : '';
    if ($since === '') {
        throw sbx_err_required('changedSince');
    }
    $ts = sbx_parse_time($since);
    if ($ts === null) {
        throw sbx_err_business('changedSince is not a valid date or date-time: ' . $since, 'changedSince');
    }
    $now = sbx_now();
    if ($ts < $now - 30 * 86400) {
        throw sbx_err_business('The changedSince value ' . $since . ' is more than 30 days ago. CDC can only look back 30 days.', 'changedSince');
    }
    $list = [];
    foreach (explode(',', $ents) as $n) {
        $n = trim($n);
        $e = SBX_ENTITY_PATHS[strtolower($n)] ?? null;
        if ($e === null || in_array($e, ['TaxCode', 'TaxRate', 'Preferences'], true)) {
            throw sbx_err_business('CDC is not supported for entity ' . $n . '.', 'entities');
        }
        $list[] = $e;
    }
    $db = sbx_db();
    $st = $db->prepare('SELECT id, status, bal, updated, data FROM sbx_entity WHERE realm = ? AND entity = ? AND updated >= ?
        ORDER BY updated, CAST(id AS INTEGER)');
    $left = 1000;
    $qr = [];
    foreach ($list as $e) {
        $st->execute([$realm, $e, $ts]);
        $live = [];
        $gone = [];
        foreach ($st as $r) {
            $o = sbx_fix_empty(json_decode($r['data'], true));
            if ($r['status'] === 'deleted') {
                $gone[] = ['status' => 'Deleted', 'domain' => 'QBO', 'Id' => (string)$r['id'],
                    'MetaData' => ['LastUpdatedTime' => sbx_time_pacific((float)$r['updated'])]];
            } else {
                $live[] = sbx_out($e, $o, (int)$r['bal']);
            }
        }
        $objs = array_slice(array_merge($live, $gone), 0, max(0, $left));
        $left -= count($objs);
        $qr[] = $objs === [] ? new stdClass()
            : [$e => $objs, 'startPosition' => 1, 'maxResults' => count($objs), 'totalCount' => count($objs)];
    }
    return [200, ['CDCResponse' => [['QueryResponse' => $qr]]]];
}
