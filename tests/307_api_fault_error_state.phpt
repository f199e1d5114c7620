--TEST--
A QBO fault during inline delivery: ApiException with QBO's code/element/detail; the entity is in Error with QBO's reason and is not retried by sync
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect();
qbo_push($conn, 'customer', eng_customer('40', 'Kim', 'Ola', 'kim@example.com'));
// invoice number D-1 already belongs to another customer's invoice in QBO
$other = qbo_test_api($realm, 'POST', 'customer', ['DisplayName' => 'Someone Else'])['json']['Customer']['Id'];
$item = qbo_test_query($realm, 'select * from Item')[0]['Id'];
$made = qbo_test_api($realm, 'POST', 'invoice', ['CustomerRef' => ['value' => $other], 'DocNumber' => 'D-1',
    'Line' => [['DetailType' => 'SalesItemLineDetail', 'Amount' => 5, 'SalesItemLineDetail' => ['ItemRef' => ['value' => $item]]]]]);
echo "other invoice: HTTP {$made['status']}\n";
try {
    qbo_push($conn, 'invoice', eng_invoice('41', '40', '9.00', 'D-1'));
    echo "no exception\n";
} catch (QboSync\ApiException $e) {
    echo get_class($e), ": code {$e->qboCode}, kind {$e->kind}, record {$e->recordId}\n";
    echo "detail mentions the number: ", var_export(str_contains($e->detail, 'D-1') || str_contains($e->getMessage(), 'Duplicate'), true), "\n";
}
$e = qbo_entities($conn, ['kind' => 'invoice', 'id' => '41'])[0];
echo "state: {$e['state']}, queued ", var_export($e['queued'], true), ", reason names the fault: ", var_export(str_contains($e['reason'], '6140'), true), "\n";
echo "reason names the record: ", var_export(str_starts_with($e['reason'], 'Invoice 41: QuickBooks refused Invoice: Duplicate Document Number Error (6140)'), true), "\n";
echo "reason says what to do: ", var_export(str_contains($e['reason'], 'renumber one of them'), true), "\n";
$r = qbo_sync($conn);
echo "sync: delivered {$r['delivered']}, errors {$r['errors']}, remaining {$r['remaining']}\n";
echo "QBO invoices D-1: ", eng_qbo_count($realm, 'Invoice', 'DocNumber', 'D-1'), "\n";
$s = qbo_status($conn);
echo "status counts: Error {$s['counts']['Error']}, Synced {$s['counts']['Synced']}\n";
echo "last sync is an ISO time: ", var_export((bool)preg_match('/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/', (string)$s['last_sync']), true), "\n";
// a corrected document (new number) goes through
$ok = qbo_push($conn, 'invoice', eng_invoice('41', '40', '9.00', 'D-2'));
echo "fixed: {$ok['state']}, version {$ok['version']}, reason ", var_export($ok['reason'], true), "\n";
?>
--EXPECT--
other invoice: HTTP 200
QboSync\ApiException: code 6140, kind invoice, record 41
detail mentions the number: true
state: Error, queued false, reason names the fault: true
reason names the record: true
reason says what to do: true
sync: delivered 0, errors 0, remaining 0
QBO invoices D-1: 1
status counts: Error 1, Synced 1
last sync is an ISO time: true
fixed: Synced, version 2, reason NULL
