--TEST--
qbo_pull CDC overlap: a change whose LastUpdatedTime is a little before the previous pull's end (commit lag / clock skew: the sandbox clock moved back 10 s) is picked up by the next CDC pull; a version delivered in the overlap is not delivered (counted, passed to the callback) again, a newer version of that record is
--CONFLICTS--
all
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $options] = qbo_test_connect();
$meta = fn(string $name) => qbo_test_store_rows($options['store'], "SELECT value FROM meta WHERE name = ?", [$name])[0]['value'] ?? null;
$since = function () use ($realm): string {
    $cdc = eng_requests($realm, '/v3/company/*/cdc');
    return (string)end($cdc)['query']['changedSince'];
};

$first = qbo_pull($conn, ['kinds' => ['customer']]);
$end = microtime(true);
echo "first: ", $first['mode'], " ", json_encode($first['counts']), "\n";

// a change QBO records with a LastUpdatedTime 10 s before that read ended
qbo_test_clock(-10);
try {
    $late = qbo_test_api($realm, 'POST', 'customer', ['DisplayName' => 'Committed Late'])['json']['Customer'];
} finally {
    qbo_test_clock(10);
}
$lut = strtotime($late['MetaData']['LastUpdatedTime']);
echo "late change before the first pull's end: ", var_export($lut < $end, true), "\n";

$second = qbo_pull($conn, ['kinds' => ['customer']]);
echo "second: ", $second['mode'], " ", json_encode($second['counts']), " ",
    implode(',', array_map(fn($d) => $d['display_name'] . '@' . $d['sync_token'], $second['documents']['customer'])), "\n";
echo "seen stored: ", var_export(in_array($late['Id'] . ':0', json_decode($meta('pull.seen.customer') ?? '[]', true), true), true), "\n";
echo "watermark stored: ", var_export($meta('pull.watermark.customer') === $second['watermark'], true), "\n";

// the next CDC window still holds that version: it is skipped, not delivered twice
$got = [];
$third = qbo_pull($conn, ['kinds' => ['customer'], 'callback' => function (string $kind, array $doc) use (&$got) { $got[] = $doc['display_name']; }]);
echo "third: ", $third['mode'], " ", json_encode($third['counts']), " callbacks ", count($got), "\n";
echo "third window holds the late change: ", var_export(strtotime($since()) <= $lut, true), "\n";

// a newer version of the same record is delivered once
$upd = qbo_test_api($realm, 'POST', 'customer', ['Id' => $late['Id'], 'SyncToken' => $late['SyncToken'], 'sparse' => true,
    'DisplayName' => 'Committed Late 2'])['json']['Customer'];
$fourth = qbo_pull($conn, ['kinds' => ['customer']]);
echo "fourth: ", $fourth['mode'], " ", json_encode($fourth['counts']), " ",
    implode(',', array_map(fn($d) => $d['display_name'] . '@' . $d['sync_token'], $fourth['documents']['customer'])), "\n";
$fifth = qbo_pull($conn, ['kinds' => ['customer']]);
echo "fifth: ", $fifth['mode'], " ", json_encode($fifth['counts']), "\n";
echo "fifth window holds the update: ", var_export(strtotime($since()) <= strtotime($upd['MetaData']['LastUpdatedTime']), true), "\n";

// an explicit since reads its window whole: nothing skipped
$again = qbo_pull($conn, ['kinds' => ['customer'], 'since' => gmdate('Y-m-d\\TH:i:s\\Z', $lut - 5)]);
echo "explicit since: ", $again['mode'], " ", json_encode($again['counts']), "\n";
?>
--EXPECT--
first: full {"customer":3}
late change before the first pull's end: true
second: cdc {"customer":1} Committed Late@0
seen stored: true
watermark stored: true
third: cdc {"customer":0} callbacks 0
third window holds the late change: true
fourth: cdc {"customer":1} Committed Late 2@1
fifth: cdc {"customer":0}
fifth window holds the update: true
explicit since: cdc {"customer":4}
