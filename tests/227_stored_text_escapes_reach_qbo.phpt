--TEST--
Invoices whose stored documents hold escaped text (a line break, a tab, quotes, backslashes, slashes, non-ASCII) and lines that alternate between two items reach QBO in one batch with each line's exact description, its own item and the invoice's reference in PrivateNote
--FILE--
<?php
require __DIR__ . '/map.inc';
[$conn, $realm, $options] = qbo_test_connect();

qbo_push($conn, 'customer', ['id' => 'c1', 'first_name' => 'Zoë', 'last_name' => 'O"Brien \\ Co', 'email' => 'zoe/obrien@example.com'], QBO_QUEUE_ONLY);
qbo_push($conn, 'item', ['id' => 'a', 'name' => 'Item "A"', 'price' => '1.00'], QBO_QUEUE_ONLY);
qbo_push($conn, 'item', ['id' => 'b', 'name' => 'Item B/2', 'price' => '2.00'], QBO_QUEUE_ONLY);
$descriptions = ["Line one\nline two", "Tab\there", 'Quote "x", back\\slash and a/slash', 'Ünïcødé — € ✓', 'plain'];
for ($n = 1; $n <= 2; $n++) {
    $lines = [];
    foreach ($descriptions as $k => $d) {
        $lines[] = ['item' => $k % 2 ? 'b' : 'a', 'description' => "$d $n", 'amount' => '1.00'];
    }
    qbo_push($conn, 'invoice', ['id' => "i$n", 'customer' => 'c1', 'number' => "E\"$n", 'date' => '2026-11-23',
        'status' => 'unpaid', 'lines' => $lines, 'subtotal' => '5.00', 'tax_total' => '0.00', 'total' => '5.00'], QBO_QUEUE_ONLY);
}
$result = qbo_sync($conn, ['batch_size' => 30]);
echo "delivered: ", $result['delivered'], ", errors: ", $result['errors'], "\n";

$ids = [];
foreach (qbo_entities($conn) as $e) {
    $ids[$e['kind'] . ' ' . $e['id']] = $e['qbo_id'];
    if ($e['state'] !== 'Synced') {
        echo $e['kind'], ' ', $e['id'], ': ', $e['state'], ' ', $e['reason'], "\n";
    }
}
$c = qbo_test_api($realm, 'GET', 'customer/' . $ids['customer c1'])['json']['Customer'];
echo "DisplayName: ", $c['DisplayName'], "\n";
for ($n = 1; $n <= 2; $n++) {
    $i = qbo_test_api($realm, 'GET', 'invoice/' . $ids["invoice i$n"])['json']['Invoice'];
    echo "DocNumber: ", $i['DocNumber'], ", PrivateNote: ", $i['PrivateNote'], "\n";
    foreach ($i['Line'] as $k => $l) {
        if ($l['DetailType'] !== 'SalesItemLineDetail') {
            continue;
        }
        $item = $l['SalesItemLineDetail']['ItemRef']['value'] === $ids['item a'] ? 'a'
            : ($l['SalesItemLineDetail']['ItemRef']['value'] === $ids['item b'] ? 'b' : '?');
        echo "  item $item: ", json_encode($l['Description'], JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES),
            $l['Description'] === $descriptions[$k] . " $n" ? " (exact)" : " (differs)", "\n";
    }
}
?>
--EXPECT--
delivered: 5, errors: 0
DisplayName: Zoë O"Brien \ Co
DocNumber: E"1, PrivateNote: qbosync:invoice:i1
  item a: "Line one\nline two 1" (exact)
  item b: "Tab\there 1" (exact)
  item a: "Quote \"x\", back\\slash and a/slash 1" (exact)
  item b: "Ünïcødé — € ✓ 1" (exact)
  item a: "plain 1" (exact)
DocNumber: E"2, PrivateNote: qbosync:invoice:i2
  item a: "Line one\nline two 2" (exact)
  item b: "Tab\there 2" (exact)
  item a: "Quote \"x\", back\\slash and a/slash 2" (exact)
  item b: "Ünïcødé — € ✓ 2" (exact)
  item a: "plain 2" (exact)
