--TEST--
A 429 in the middle of a batch run costs its pause only: the records of the refused /batch (and those the throttle kept from starting) are no attempt, so after the pause they go batched again, not one by one through the guards; every record exactly once
--FILE--
<?php
require __DIR__ . '/batch.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
bt_load($conn, 20);
// one of the four invoice waves' batches is refused with a 429 (QBO's gateway: not run)
qbo_test_fault(['kind' => '429', 'method' => 'POST', 'realm' => $realm, 'path' => "/v3/company/$realm/batch",
    'match' => '"Invoice":{', 'count' => 1]);
$r = qbo_sync($conn, ['batch_size' => 5]);
echo "first run: delivered {$r['delivered']}, remaining {$r['remaining']}, errors {$r['errors']}\n";
$refused = qbo_test_store_rows($opts['store'], "SELECT e.local_id AS id, e.attempts, o.attempts AS q FROM entity e JOIN outbox o"
    . " ON o.conn = e.conn AND o.kind = e.kind AND o.local_id = e.local_id WHERE e.kind = 'invoice' AND e.state = 'Not Tried' ORDER BY e.local_id");
echo count($refused), " invoices refused; their attempts (record, queue): ",
    implode(' ', array_unique(array_map(fn($x) => "$x[attempts],$x[q]", $refused))), "\n";
$before = count(eng_requests($realm, '/v3/company/*'));
qbo_test_store_exec($opts['store'], 'UPDATE conn SET throttled_until = 0');
qbo_test_store_exec($opts['store'], 'UPDATE outbox SET next_try = 0');
$r = qbo_sync($conn, ['batch_size' => 5]);
echo "after the pause: delivered {$r['delivered']}, remaining {$r['remaining']}, errors {$r['errors']}\n";
// what went after the pause: the refused invoices in one /batch with no guard's lookup or single create
$after = array_slice(eng_requests($realm, '/v3/company/*'), $before);
$singles = [];
foreach ($after as $q) {
    $p = preg_replace('#^/v3/company/\d+/#', '', $q['path']);
    if ($p === 'query') {
        preg_match('/from (\w+) where (\w+)/i', (string)($q['query']['query'] ?? ''), $m);
        $p .= ' ' . ($m[1] ?? '') . '.' . ($m[2] ?? '');
    }
    if ($p !== 'batch' && $p !== 'query Invoice.Id') {   // the payments' balance lookup is theirs
        $singles["$q[method] $p"] = ($singles["$q[method] $p"] ?? 0) + 1;
    }
}
ksort($singles);
echo "single requests after the pause: ", $singles ? implode(', ', array_map(fn($k, $v) => "$v $k", array_keys($singles), $singles)) : 'none', "\n";
$ids = array_column($refused, 'id');
$first = qbo_test_store_rows($opts['store'], "SELECT local_id AS id, attempts FROM entity WHERE kind = 'invoice' AND state = 'Synced' AND attempts = 1");
echo "refused invoices Synced at their first attempt: ", count(array_intersect($ids, array_column($first, 'id'))), "\n";
echo bt_exactly_once($realm, 20), "\n";
?>
--EXPECT--
first run: delivered 40, remaining 20, errors 0
5 invoices refused; their attempts (record, queue): 0,0
after the pause: delivered 20, remaining 0, errors 0
single requests after the pause: none
refused invoices Synced at their first attempt: 5
every record exactly once
