--TEST--
Before the first OAuth exchange, an inline qbo_push records the document and returns it queued with the reason; after connecting, qbo_sync delivers it
--FILE--
<?php
require __DIR__ . '/engine.inc';
$realm = qbo_test_company();
$opts = qbo_test_options();
$conn = qbo_connect($opts);
$st = qbo_push($conn, 'customer', eng_customer('1', 'Early', 'Bird', 'early@example.com'));
echo "before connecting: {$st['state']}, queued ", var_export($st['queued'], true), ", reason: ",
    str_contains((string)$st['reason'], 'Not connected') ? 'not connected' : $st['reason'], "\n";
echo "status: ", qbo_status($conn)['status'], "\n";
$q = qbo_test_consent(qbo_oauth_url($conn), $realm);
qbo_oauth_exchange($conn, $q['code'], $q['state'], $q['realmId']);
$r = qbo_sync($conn);
echo "after connecting: delivered {$r['delivered']}, QBO: ", eng_qbo_count($realm, 'Customer', 'DisplayName', 'Early Bird'), "\n";
?>
--EXPECT--
before connecting: Not Tried, queued true, reason: not connected
status: Not Connected
after connecting: delivered 1, QBO: 1
