--TEST--
Messages say each thing once: a Disconnected connection names the reconnect fix once; a record waiting on one in Error or Mismatch quotes that reason without repeating "Invoice <id>:"
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect();
qbo_push($conn, 'customer', eng_customer('1', 'Ada', 'Byron', 'ada@example.com'));
// an invoice QBO refuses (a line item that is inactive in QBO), and a payment that waits on it
qbo_map($conn, 'item', 'gone', '1');
qbo_test_api($realm, 'POST', 'item', ['Id' => '1', 'SyncToken' => qbo_test_api($realm, 'GET', 'item/1')['json']['Item']['SyncToken'],
    'sparse' => true, 'Active' => false]);
$doc = eng_invoice('t7', '1', '30.00', 'T-7');
$doc['lines'][0]['item'] = 'gone';
try {
    qbo_push($conn, 'invoice', $doc);
} catch (QboSync\ApiException $e) {
    echo "invoice: ApiException, 'Invoice t7:' appears ", substr_count($e->getMessage(), 'Invoice t7:'), " time(s)\n";
}
$p = qbo_push($conn, 'payment', eng_payment('p7', '1', '30.00', 't7'));
echo "payment: {$p['state']}; 'Invoice t7:' appears ", substr_count($p['reason'], 'Invoice t7:'), " time(s); starts: ",
    substr($p['reason'], 0, 47), "\n";

// disconnected: the fix is named once
$r = qbo_test_http('POST', '/v2/oauth2/tokens/revoke', ['token' => eng_unseal($opts['store'], 'refresh')],
    ['Authorization: Basic ' . base64_encode(QBO_TEST_CLIENT_ID . ':' . QBO_TEST_CLIENT_SECRET), 'Accept: application/json']);
eng_expire_access($opts['store']);
foreach (['first', 'second'] as $n) {
    try {
        qbo_push($conn, 'customer', eng_customer('2' . $n, 'Bo', 'Ng' . $n, "bo$n@example.com"));
        echo "no exception\n";
    } catch (QboSync\AuthException $e) {
        echo "$n push: 'reconnect with' appears ", substr_count($e->getMessage(), 'reconnect with'), " time(s)\n";
    }
}
?>
--EXPECT--
invoice: ApiException, 'Invoice t7:' appears 1 time(s)
payment: Waiting; 'Invoice t7:' appears 0 time(s); starts: Waiting on invoice t7, which is in Error: Quick
first push: 'reconnect with' appears 1 time(s)
second push: 'reconnect with' appears 1 time(s)
