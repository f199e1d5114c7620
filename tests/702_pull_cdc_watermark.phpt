--TEST--
qbo_pull by change data capture since the stored watermark (only what changed since the last pull, deleted invoices as stubs); a watermark past CDC's 30 days forces a full pull; a bad since is refused
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $options] = qbo_test_connect();

$first = qbo_pull($conn, ['kinds' => ['customer', 'invoice']]);
echo "first: ", $first['mode'], " ", json_encode($first['counts']), "\n";
$stored = qbo_test_store_rows($options['store'], "SELECT name, value FROM meta WHERE name LIKE 'pull.watermark%' ORDER BY name");
echo "stored watermarks: ", implode(' ', array_map(fn($w) => $w['name'] . ($w['value'] === $first['watermark'] ? ' same' : ' ' . $w['value']), $stored)), "\n";
usleep(20000);

// changes made in QBO by hand after the pull
$c = qbo_test_api($realm, 'POST', 'customer', ['DisplayName' => 'Changed After'])['json']['Customer'];
$inv = qbo_test_api($realm, 'POST', 'invoice', ['CustomerRef' => ['value' => $c['Id']], 'DocNumber' => 'CDC-1',
    'Line' => [['DetailType' => 'SalesItemLineDetail', 'Amount' => 12.5, 'Description' => 'Hosting',
        'SalesItemLineDetail' => ['ItemRef' => ['value' => '3'], 'Qty' => 1, 'UnitPrice' => 12.5]]]])['json']['Invoice'];
$gone = qbo_test_api($realm, 'POST', 'invoice', ['CustomerRef' => ['value' => $c['Id']],
    'Line' => [['DetailType' => 'SalesItemLineDetail', 'Amount' => 3, 'SalesItemLineDetail' => ['ItemRef' => ['value' => '3']]]]])['json']['Invoice'];
qbo_test_api($realm, 'POST', 'invoice?operation=delete', ['Id' => $gone['Id'], 'SyncToken' => $gone['SyncToken']]);

$r = qbo_pull($conn, ['kinds' => ['customer', 'invoice']]);
echo "second: ", $r['mode'], " ", json_encode($r['counts']), "\n";
echo "customer: ", $r['documents']['customer'][0]['display_name'], "\n";
$i = $r['documents']['invoice'][0];
echo "invoice: ", $i['number'], " ", $i['status'], " total ", $i['total'], " balance ", $i['balance'], " customer ", var_export($i['customer'], true),
    " qbo_customer ", $i['qbo_customer'] === $c['Id'] ? 'ok' : $i['qbo_customer'], " line ", $i['lines'][0]['description'], " ",
    $i['lines'][0]['quantity'], " x ", $i['lines'][0]['unit_price'], "\n";
$d = $r['documents']['invoice'][1];
echo "deleted: ", $d['qbo_id'] === $gone['Id'] ? 'stub' : 'other', " ", var_export($d['deleted'], true), "\n";
$cdc = eng_requests($realm, '/v3/company/*/cdc');
echo "cdc requests: ", count($cdc), "\n";

$third = qbo_pull($conn, ['kinds' => ['customer', 'invoice']]);
echo "third: ", $third['mode'], " ", json_encode($third['counts']), "\n";

// past CDC's 30 days: a full pull instead, without asking CDC
$old = gmdate('Y-m-d\TH:i:s\Z', time() - 40 * 86400);
$full = qbo_pull($conn, ['kinds' => ['invoice'], 'since' => $old]);
echo "old since: ", $full['mode'], " ", json_encode($full['counts']), " cdc requests: ", count(eng_requests($realm, '/v3/company/*/cdc')), "\n";
$cb = [];
$r = qbo_pull($conn, ['kinds' => 'customer', 'full' => true, 'callback' => function (string $kind, array $doc) use (&$cb) { $cb[] = "$kind:" . $doc['display_name']; }]);
echo "callback: ", count($cb), " documents key: ", var_export(isset($r['documents']), true), "\n";
// a since with milliseconds goes to QBO as it was given
$ms = gmdate('Y-m-d\TH:i:s', time() - 60) . '.001Z';
qbo_pull($conn, ['kinds' => ['invoice'], 'since' => $ms]);
$q = eng_requests($realm, '/v3/company/*/cdc');
echo "since to the millisecond: ", end($q)['query']['changedSince'] === $ms ? 'kept' : end($q)['query']['changedSince'] . " for $ms", "\n";
try { qbo_pull($conn, ['since' => 'yesterday']); } catch (QboSync\ValidationException $e) { echo $e->getMessage(), "\n"; }
try { qbo_pull($conn, ['kinds' => ['vendor']]); } catch (ValueError $e) { echo $e->getMessage(), "\n"; }
?>
--EXPECT--
first: full {"customer":3,"invoice":0}
stored watermarks: pull.watermark.customer same pull.watermark.invoice same
second: cdc {"customer":1,"invoice":2}
customer: Changed After
invoice: CDC-1 unpaid total 12.50 balance 12.50 customer NULL qbo_customer ok line Hosting 1 x 12.50
deleted: stub true
cdc requests: 1
third: cdc {"customer":0,"invoice":0}
old since: full {"invoice":1} cdc requests: 2
callback: 4 documents key: false
since to the millisecond: kept
The pull's since "yesterday" is not an ISO 8601 date or time; give e.g. 2026-11-01T00:00:00Z
qbo_pull(): Argument #2 ($options) option "kinds" contains unknown kind "vendor" (use customer, item, invoice, payment)
