--TEST--
Exchange log: the fault code of each kind of QuickBooks answer is stored: a 500 SystemFault in JSON and in XML (10000) and the gateway's 429 envelope with lower-case keys (3001)
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'inline']);
qbo_test_fault(['kind' => '500', 'realm' => $realm, 'method' => 'POST', 'path' => '/v3/company/*/customer', 'count' => 1]);
qbo_push($conn, 'customer', eng_customer('1', 'Code', 'One', 'code1@example.com'));
qbo_test_fault(['kind' => 'xml', 'realm' => $realm, 'method' => 'POST', 'path' => '/v3/company/*/customer', 'count' => 1]);
qbo_push($conn, 'customer', eng_customer('2', 'Code', 'Two', 'code2@example.com'));
// the gateway's 429 (lower-case keys) last: the company then pauses
qbo_test_fault(['kind' => '429', 'realm' => $realm, 'method' => 'POST', 'path' => '/v3/company/*/customer', 'count' => 1]);
qbo_push($conn, 'customer', eng_customer('3', 'Code', 'Three', 'code3@example.com'));
foreach (qbo_log($conn, ['type' => 'exchange', 'limit' => 1000]) as $r) {
    if ($r['method'] === 'POST' && str_contains($r['path'], '/customer')) {
        $seen[$r['id']][] = "{$r['status']} " . ($r['code'] ?? '-') . " {$r['level']}";
    }
}
ksort($seen);
foreach ($seen as $id => $v) {
    echo "customer $id: ", implode(' | ', array_reverse($v)), "\n";
}
echo "3001 rows: ", count(qbo_log($conn, ['code' => '3001'])), ", 10000 rows: ", count(qbo_log($conn, ['code' => '10000'])), "\n";
?>
--EXPECT--
customer 1: 500 10000 warn
customer 2: 500 10000 warn
customer 3: 429 3001 warn
3001 rows: 1, 10000 rows: 2
