--TEST--
qbo_pull links on the way: an item by Name, an invoice by DocNumber and its customer by DisplayName (store rows; the next delivery updates those records, no duplicates in the ledger); two local customers of one name are ambiguous and left alone; an explicit mapping stands; link=false links nothing; a callback that throws stops the pull and keeps the watermark; an unconnected store is refused
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $options] = qbo_test_connect(['delivery' => 'worker']);
$qc = qbo_test_api($realm, 'POST', 'customer', ['DisplayName' => 'Lin Ked'])['json']['Customer'];
qbo_test_api($realm, 'POST', 'customer', ['DisplayName' => 'Twin Name']);
$mp = qbo_test_api($realm, 'POST', 'customer', ['DisplayName' => 'Mapped Person'])['json']['Customer'];
$qi = qbo_test_api($realm, 'POST', 'invoice', ['CustomerRef' => ['value' => $qc['Id']], 'DocNumber' => 'LNK-1',
    'Line' => [['DetailType' => 'SalesItemLineDetail', 'Amount' => 30, 'SalesItemLineDetail' => ['ItemRef' => ['value' => '3'], 'Qty' => 1, 'UnitPrice' => 30]]]])['json']['Invoice'];

qbo_push($conn, 'customer', eng_customer('c1', 'Lin', 'Ked', 'lin@example.com'));
qbo_push($conn, 'customer', eng_customer('c2', 'Twin', 'One', 'one@example.com', ['display_name' => 'Twin Name']));
qbo_push($conn, 'customer', eng_customer('c3', 'Twin', 'Two', 'two@example.com', ['display_name' => 'twin name ']));
qbo_push($conn, 'customer', eng_customer('c4', 'Mapped', 'Person', 'mp@example.com'));
qbo_map($conn, 'customer', 'c4', '1');
qbo_push($conn, 'item', ['id' => 'web', 'name' => 'Web hosting']);
qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '30.00', 'LNK-1', ['lines' => [['item' => 'web', 'description' => 'Hosting',
    'quantity' => '1', 'unit_price' => '30.00', 'amount' => '30.00']]]));

$r = qbo_pull($conn, ['kinds' => ['customer', 'item', 'invoice'], 'link' => false]);
echo "link=false: linked ", $r['linked'], " invoice id ", var_export($r['documents']['invoice'][0]['id'], true), "\n";

$r = qbo_pull($conn, ['kinds' => ['customer', 'item', 'invoice'], 'full' => true]);
echo "linked: ", $r['linked'], "\n";
$inv = $r['documents']['invoice'][0];
echo "invoice doc: id ", $inv['id'], " customer ", $inv['customer'], " item ", $inv['lines'][0]['item'], " qbo_item ", $inv['lines'][0]['qbo_item'], "\n";
$byName = array_column($r['documents']['customer'], null, 'display_name');
echo "Twin Name: ", var_export($byName['Twin Name']['id'], true), "; Mapped Person: ", var_export($byName['Mapped Person']['id'], true),
    "; Northwind Traders: ", var_export($byName['Northwind Traders']['id'], true), "\n";
foreach (qbo_test_store_rows($options['store'], "SELECT kind, local_id, qbo_id FROM mapping ORDER BY kind, local_id") as $m) {
    echo "mapping: {$m['kind']} {$m['local_id']} -> ", $m['qbo_id'] === $qc['Id'] ? 'Lin Ked' : ($m['qbo_id'] === '3' ? 'Web hosting' : $m['qbo_id']), "\n";
}
foreach (qbo_test_store_rows($options['store'], "SELECT kind, local_id, qbo_id FROM entity ORDER BY kind, local_id") as $e) {
    echo "entity: {$e['kind']} {$e['local_id']} ", $e['qbo_id'] === null || $e['qbo_id'] === '' ? '-' : ($e['qbo_id'] === $qi['Id'] ? 'LNK-1' : ($e['qbo_id'] === $qc['Id'] ? 'Lin Ked' : 'qbo ' . $e['qbo_id'])), "\n";
}

qbo_sync($conn);
foreach (qbo_entities($conn) as $e) {
    if (in_array($e['id'], ['c1', 'i1', 'web'], true)) {
        echo "after sync: {$e['kind']} {$e['id']} {$e['state']}", $e['qbo_id'] === $qi['Id'] || $e['qbo_id'] === $qc['Id'] || $e['qbo_id'] === '3' ? ' (the linked record)' : " qbo {$e['qbo_id']}", "\n";
    }
}
echo "QBO: invoices LNK-1 ", eng_qbo_count($realm, 'Invoice', 'DocNumber', 'LNK-1'), ", customers Lin Ked ", eng_qbo_count($realm, 'Customer', 'DisplayName', 'Lin Ked'), "\n";

// a callback that throws: the pull stops, the watermarks (and the overlap's versions) stay
$wm = fn() => json_encode(qbo_test_store_rows($options['store'], "SELECT name, value FROM meta WHERE name LIKE 'pull.%' ORDER BY name"));
$before = $wm();
usleep(5000);
try {
    qbo_pull($conn, ['full' => true, 'callback' => function ($kind, $doc) { throw new RuntimeException("stop at $kind"); }]);
} catch (RuntimeException $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
echo "watermark kept: ", var_export($wm() === $before, true), "\n";

$fresh = qbo_connect(qbo_test_options());
try { qbo_pull($fresh); } catch (QboSync\Exception $e) { echo get_class($e), "\n"; }
try { qbo_reference($fresh, 'account'); } catch (QboSync\Exception $e) { echo get_class($e), "\n"; }
?>
--EXPECT--
link=false: linked 0 invoice id NULL
linked: 3
invoice doc: id i1 customer c1 item web qbo_item 3
Twin Name: NULL; Mapped Person: NULL; Northwind Traders: 'c4'
mapping: customer c1 -> Lin Ked
mapping: customer c4 -> 1
mapping: item web -> Web hosting
entity: customer c1 Lin Ked
entity: customer c2 -
entity: customer c3 -
entity: customer c4 -
entity: invoice i1 LNK-1
entity: item web qbo 3
after sync: customer c1 Synced (the linked record)
after sync: invoice i1 Synced (the linked record)
after sync: item web Synced (the linked record)
QBO: invoices LNK-1 1, customers Lin Ked 1
RuntimeException: stop at customer
watermark kept: true
QboSync\AuthException
QboSync\AuthException
