--TEST--
A create whose answer is lost (connection dropped after QBO committed) stays queued; the next sync replays the same requestid and QBO holds one record
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect();
qbo_push($conn, 'customer', eng_customer('7', 'Rita', 'Ng', 'rita@example.com'));
// an invoice without a number: no natural key, only the requestid protects it
qbo_test_fault(['kind' => 'drop', 'when' => 'after', 'method' => 'POST', 'path' => "/v3/company/$realm/invoice", 'realm' => $realm, 'count' => 1]);
$i = qbo_push($conn, 'invoice', eng_invoice('77', '7', '12.50'));
echo "after the drop: {$i['state']}, queued ", var_export($i['queued'], true), ", qbo_id ", var_export($i['qbo_id'], true), "\n";
echo "reason says it will retry: ", var_export(str_starts_with((string)$i['reason'], 'Queued, will retry'), true), "\n";
$r = qbo_sync($conn);
echo "sync: delivered {$r['delivered']}, remaining {$r['remaining']}\n";
$e = qbo_entities($conn, ['kind' => 'invoice'])[0];
echo "invoice: {$e['state']}, attempts {$e['attempts']}\n";
$posts = eng_requests($realm, "/v3/company/$realm/invoice", 'POST');
echo "POSTs: ", count($posts), ", same requestid: ", var_export(count($posts) === 2 && $posts[0]['requestid'] !== null && $posts[0]['requestid'] === $posts[1]['requestid'], true), "\n";
$n = 0;
foreach (eng_qbo_all($realm, 'Invoice') as $row) {
    $n += $row['CustomerRef']['value'] === qbo_entities($conn, ['kind' => 'customer'])[0]['qbo_id'] ? 1 : 0;
}
echo "QBO invoices of the customer: $n, the stored id is one of them: ",
    var_export(qbo_test_api($realm, 'GET', 'invoice/' . $e['qbo_id'])['status'] === 200, true), "\n";
?>
--EXPECT--
after the drop: Not Tried, queued true, qbo_id NULL
reason says it will retry: true
sync: delivered 1, remaining 0
invoice: Synced, attempts 2
POSTs: 2, same requestid: true
QBO invoices of the customer: 1, the stored id is one of them: true
