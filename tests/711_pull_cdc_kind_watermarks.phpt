--TEST--
qbo_pull keeps a watermark per kind: a customers-only pull moves only the customers' one, so an invoice changed before it (two minutes before, on the sandbox clock: past the overlap) still comes with the next pull of every kind (one CDC request per distinct watermark; the kinds a pull reads get one watermark, so the next pull asks once)
--CONFLICTS--
all
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $options] = qbo_test_connect();
$meta = fn(string $name) => qbo_test_store_rows($options['store'], "SELECT value FROM meta WHERE name = ?", [$name])[0]['value'] ?? null;

$c = qbo_test_api($realm, 'POST', 'customer', ['DisplayName' => 'Kind Watermarks'])['json']['Customer'];
$inv = qbo_test_api($realm, 'POST', 'invoice', ['CustomerRef' => ['value' => $c['Id']], 'DocNumber' => 'KW-1',
    'Line' => [['DetailType' => 'SalesItemLineDetail', 'Amount' => 20, 'SalesItemLineDetail' => ['ItemRef' => ['value' => '3']]]]])['json']['Invoice'];
$first = qbo_pull($conn);
echo "first: ", $first['mode'], " ", json_encode($first['counts']), "\n";
$kinds = ['customer', 'item', 'invoice', 'payment'];
echo "watermarks stored: ", implode(' ', array_map(fn($k) => $k . '=' . ($meta("pull.watermark.$k") === $first['watermark'] ? 'ok' : 'no'), $kinds)), "\n";

// the invoice changes in QBO, then two minutes pass
qbo_test_api($realm, 'POST', 'invoice', ['Id' => $inv['Id'], 'SyncToken' => $inv['SyncToken'], 'sparse' => true,
    'PrivateNote' => 'changed before the customers pull']);
qbo_test_clock(120);
try {
    $cust = qbo_pull($conn, ['kinds' => ['customer']]);
    echo "customers only: ", $cust['mode'], " ", json_encode($cust['counts']), "\n";
    echo "only the customers' watermark moved: ", implode(' ', array_map(fn($k) => $k . '=' . ($meta("pull.watermark.$k") === $first['watermark'] ? 'kept' : 'moved'), $kinds)), "\n";
    $n = count(eng_requests($realm, '/v3/company/*/cdc'));
    $all = qbo_pull($conn);
    echo "all: ", $all['mode'], " ", json_encode($all['counts']), "\n";
    $i = $all['documents']['invoice'][0] ?? [];
    echo "invoice: ", $i['number'] ?? '-', " sync ", $i['sync_token'] ?? '-', "\n";
    $cdc = array_slice(eng_requests($realm, '/v3/company/*/cdc'), $n);
    foreach ($cdc as $q) {
        $w = $q['query']['changedSince'] === $first['watermark'] ? "the first pull's" : ($q['query']['changedSince'] === $cust['watermark'] ? "the customers pull's" : $q['query']['changedSince']);
        echo "cdc ", $q['query']['entities'], " since $w\n";
    }
    echo "one watermark for the kinds read together: ", implode(' ', array_map(fn($k) => $k . '=' . ($meta("pull.watermark.$k") === $all['watermark'] ? 'ok' : 'no'), $kinds)), "\n";
    $next = qbo_pull($conn);
    echo "next: ", $next['mode'], " ", json_encode($next['counts']), " cdc requests ", count(eng_requests($realm, '/v3/company/*/cdc')) - $n - count($cdc), "\n";
} finally {
    qbo_test_clock(-120);
}
?>
--EXPECT--
first: full {"customer":4,"item":4,"invoice":1,"payment":0}
watermarks stored: customer=ok item=ok invoice=ok payment=ok
customers only: cdc {"customer":0}
only the customers' watermark moved: customer=moved item=kept invoice=kept payment=kept
all: cdc {"customer":0,"item":0,"invoice":1,"payment":0}
invoice: KW-1 sync 1
cdc Customer since the customers pull's
cdc Item,Invoice,Payment since the first pull's
one watermark for the kinds read together: customer=ok item=ok invoice=ok payment=ok
next: cdc {"customer":0,"item":0,"invoice":0,"payment":0} cdc requests 1
