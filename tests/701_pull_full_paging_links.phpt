--TEST--
qbo_pull full: customers past 1,000 rows read page by page (STARTPOSITION/MAXRESULTS), as canonical documents; an unsynced local customer linked by DisplayName and a marked one by its qbosync marker (store rows), then qbo_sync updates the linked record instead of creating a second one
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $options] = qbo_test_connect(['delivery' => 'worker']);

$t0 = gmdate('Y-m-d\TH:i:s\Z', time() - 2);
// 1,050 customers made in QBO by hand (batches of 30)
$n = 1050;
for ($i = 0; $i < $n; $i += 30) {
    $items = [];
    for ($j = $i; $j < min($n, $i + 30); $j++) {
        $items[] = ['bId' => "b$j", 'operation' => 'create', 'Customer' => ['DisplayName' => sprintf('Bulk Customer %04d', $j),
            'PrimaryEmailAddr' => ['Address' => "bulk$j@example.com"]]];
    }
    $r = qbo_test_api($realm, 'POST', 'batch', ['BatchItemRequest' => $items]);
    if ($r['status'] !== 200) { echo "batch failed: ", $r['raw'], "\n"; }
}
qbo_test_api($realm, 'POST', 'customer', ['DisplayName' => 'Marked Elsewhere', 'Notes' => 'qbosync:customer:m1']);

// a local customer recorded but never sent (worker mode), named like one of them
qbo_push($conn, 'customer', eng_customer('c7', 'Bulk', 'Seven', 'bulk7@example.com', ['display_name' => 'Bulk Customer 0007']));

$r = qbo_pull($conn, ['kinds' => ['customer'], 'full' => true]);
echo "mode: ", $r['mode'], " counts: ", json_encode($r['counts']), " linked: ", $r['linked'], "\n";
echo "watermark: ", preg_match('/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/', $r['watermark']) ? 'ISO' : $r['watermark'], "\n";
$docs = $r['documents']['customer'];
echo "documents: ", count($docs), " distinct qbo ids: ", count(array_unique(array_column($docs, 'qbo_id'))), "\n";
$seven = array_values(array_filter($docs, fn($d) => $d['display_name'] === 'Bulk Customer 0007'))[0];
echo "linked doc: id=", $seven['id'], " email=", $seven['email'], " active=", var_export($seven['active'], true), "\n";
$marked = array_values(array_filter($docs, fn($d) => $d['display_name'] === 'Marked Elsewhere'))[0];
echo "marked doc: id=", $marked['id'], "\n";
foreach (eng_requests($realm, '/v3/company/*/query') as $q) {
    $text = is_array($q['query']) ? (string)($q['query']['query'] ?? '') : urldecode((string)$q['query']);
    if (preg_match('/from Customer.*startposition (\d+) maxresults (\d+)/i', $text, $m)) {
        echo "page: start $m[1] max $m[2]\n";
    }
}
foreach (qbo_test_store_rows($options['store'], "SELECT kind, local_id, name FROM mapping ORDER BY local_id") as $m) {
    echo "mapping: ", implode(' ', $m), "\n";
}
$e = qbo_test_store_rows($options['store'], "SELECT state, qbo_id FROM entity WHERE kind = 'customer' AND local_id = 'c7'")[0];
echo "entity c7: ", $e['state'], " qbo_id ", $e['qbo_id'] === $seven['qbo_id'] ? 'linked' : var_export($e['qbo_id'], true), "\n";

// delivering it now updates that QBO customer; no second "Bulk Customer 0007"
qbo_sync($conn);
echo "state: ", qbo_entities($conn, ['kind' => 'customer', 'id' => 'c7'])[0]['state'], "\n";
echo "in QBO: ", eng_qbo_count($realm, 'Customer', 'DisplayName', 'Bulk Customer 0007'), "\n";
$q = qbo_test_query($realm, "select * from Customer where DisplayName = 'Bulk Customer 0007'")[0];
echo "QBO record: ", $q['Id'] === $seven['qbo_id'] ? 'same Id' : 'other Id', " family ", $q['FamilyName'] ?? '-', "\n";

// CDC since before the bulk: QBO's answer holds 1,000 objects (it cuts there), so the pull reads in full instead
$cdc = count(eng_requests($realm, '/v3/company/*/cdc'));
$r = qbo_pull($conn, ['kinds' => ['customer'], 'since' => $t0]);
echo "cut CDC: ", $r['mode'], " ", json_encode($r['counts']), " cdc asked: ", count(eng_requests($realm, '/v3/company/*/cdc')) - $cdc, " linked ", $r['linked'], "\n";
?>
--EXPECTF--
mode: full counts: {"customer":1054} linked: 2
watermark: ISO
documents: 1054 distinct qbo ids: 1054
linked doc: id=c7 email=bulk7@example.com active=true
marked doc: id=m1
page: start 1 max 1000
page: start 1001 max 1000
mapping: customer c7 Bulk Customer 0007
mapping: customer m1 Marked Elsewhere
entity c7: Not Tried qbo_id linked
state: Synced
in QBO: 1
QBO record: same Id family Seven
cut CDC: full {"customer":1054} cdc asked: 1 linked 0
