--TEST--
A /batch carries at most 30 operations: qbo_sync refuses batch_size 0 and 31 with a ValueError naming the bounds, and 31 invoices of one wave go as two /batch requests (30 and 1; QBO refuses a 31st operation), every invoice once in QBO, all Synced
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
foreach ([0, 31] as $bad) {
    try {
        qbo_sync($conn, ['batch_size' => $bad]);
        echo "batch_size $bad: accepted\n";
    } catch (ValueError $e) {
        echo "batch_size $bad: ", $e->getMessage(), "\n";
    }
}
qbo_push($conn, 'customer', eng_customer('1', 'Thirty', 'One', 'thirty1@example.com'));
qbo_push($conn, 'item', ['id' => 'hosting', 'name' => 'Hosting', 'type' => 'service']);
qbo_sync($conn, ['batch_size' => 1]);
for ($k = 1; $k <= 31; $k++) {
    qbo_push($conn, 'invoice', eng_invoice("i$k", '1', sprintf('%d.00', 10 + $k), "TO-$k"));
}
$n = count(eng_requests($realm, '/v3/company/*'));
$r = qbo_sync($conn, ['batch_size' => 30]);
$writes = array_filter(array_slice(eng_requests($realm, '/v3/company/*'), $n), fn($q) => $q['method'] === 'POST');
echo "delivered {$r['delivered']}, errors {$r['errors']}; POST requests: ", implode(', ', array_count_values(array_map(fn($q) => basename($q['path']), $writes)) === ['batch' => 2] ? ['2 x batch'] : array_map(fn($q) => basename($q['path']), $writes)), "\n";
$nums = array_count_values(array_column(eng_qbo_all($realm, 'Invoice'), 'DocNumber'));
$ok = true;
for ($k = 1; $k <= 31; $k++) {
    $ok = $ok && ($nums["TO-$k"] ?? 0) === 1;
}
echo "every invoice once in QBO: ", var_export($ok, true), "; Synced ", qbo_status($conn)['counts']['Synced'], "\n";
?>
--EXPECT--
batch_size 0: qbo_sync(): Argument #2 ($options) option "batch_size" must be between 1 (one record per request) and 30 (operations per QuickBooks batch request)
batch_size 31: qbo_sync(): Argument #2 ($options) option "batch_size" must be between 1 (one record per request) and 30 (operations per QuickBooks batch request)
delivered 31, errors 0; POST requests: 2 x batch
every invoice once in QBO: true; Synced 33
