--TEST--
Transport: a QBO validation Fault reaches PHP as ApiException carrying QBO's code, element and Detail verbatim
--FILE--
<?php
require __DIR__ . '/transport.inc';

[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'inline']);
$tag = bin2hex(random_bytes(4));
$item = qbo_push($conn, 'item', ['id' => 'hosting', 'name' => "Hosting $tag", 'price' => '10.00']);
var_dump($item['state']);
var_dump(qbo_push($conn, 'customer', tr_customer('7', $tag))['state']);

// someone makes the item inactive in QuickBooks; our mapping still points at it
$qboItem = qbo_test_api($realm, 'GET', 'item/' . $item['qbo_id'])['json']['Item'];
$r = qbo_test_api($realm, 'POST', 'item', ['Id' => $qboItem['Id'], 'SyncToken' => $qboItem['SyncToken'],
    'sparse' => true, 'Active' => false]);
var_dump($r['status']);

$doc = ['id' => '900', 'customer' => '7', 'date' => '2026-11-20', 'status' => 'unpaid',
    'lines' => [['item' => 'hosting', 'description' => 'Hosting', 'quantity' => '1', 'unit_price' => '10.00', 'amount' => '10.00']],
    'subtotal' => '10.00', 'tax_total' => '0.00', 'total' => '10.00'];
try {
    qbo_push($conn, 'invoice', $doc);
    echo "no exception\n";
} catch (QboSync\ApiException $e) {
    echo get_class($e), "\n";
    var_dump($e->qboCode, $e->element, $e->detail, $e->kind, $e->recordId);
    var_dump(str_contains($e->getMessage(), 'Invalid Reference Id (2500)'));
}
// what the sandbox answered, as its request log recorded it
$faults = array_values(array_filter(tr_requests($realm, '/v3/company/%/invoice'), fn($r) => $r['status'] === 400));
var_dump(count($faults), $faults[0]['error_code']);
?>
--EXPECT--
string(6) "Synced"
string(6) "Synced"
int(200)
QboSync\ApiException
string(4) "2500"
string(32) "Line.SalesItemLineDetail.ItemRef"
string(149) "Invalid Reference Id : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees."
string(7) "invoice"
string(3) "900"
bool(true)
int(1)
string(4) "2500"
