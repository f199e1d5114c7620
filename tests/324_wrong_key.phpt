--TEST--
A process whose encryption key does not open the stored tokens: AuthException, connection status Error naming the key, the record stays queued; the right key delivers it
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect();
$wrong = qbo_connect(['encryption_key' => str_repeat('ab', 32)] + $opts);
try {
    qbo_push($wrong, 'customer', eng_customer('1', 'Kay', 'Wong', 'kay@example.com'));
    echo "no exception\n";
} catch (QboSync\AuthException $e) {
    echo get_class($e), ": names the option: ", var_export(str_contains($e->getMessage(), 'encryption_key'), true), "\n";
}
$s = qbo_status($wrong);
echo "status: {$s['status']}, message names the key: ", var_export(str_contains((string)$s['message'], 'encryption key'), true), ", queued {$s['queued']}\n";
$e = qbo_entities($wrong)[0];
echo "record: {$e['state']}, queued ", var_export($e['queued'], true), "\n";
echo "QBO: ", eng_qbo_count($realm, 'Customer', 'DisplayName', 'Kay Wong'), "\n";
$r = qbo_sync($conn);
echo "right key: delivered {$r['delivered']}, status ", qbo_status($conn)['status'], ", QBO: ", eng_qbo_count($realm, 'Customer', 'DisplayName', 'Kay Wong'), "\n";
?>
--EXPECT--
QboSync\AuthException: names the option: true
status: Error, message names the key: true, queued 1
record: Not Tried, queued true
QBO: 0
right key: delivered 1, status Active, QBO: 1
