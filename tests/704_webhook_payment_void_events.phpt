--TEST--
QBO-side changes become events the billing side acts on: a payment recorded in QBO by hand and an invoice voided there, reported by webhook, are pulled by qbo_sync as canonical documents linked to the local invoices (the payment's applies_to names the local invoice, the voided invoice is cancelled)
--FILE--
<?php
require __DIR__ . '/engine.inc';
const VERIFIER = 'qbosync-sandbox-verifier';
[$conn, $realm, $options] = qbo_test_connect(['webhook_verifier' => VERIFIER]);
qbo_push($conn, 'customer', eng_customer('c1', 'Pat', 'Payer', 'pat@example.com'));
$i1 = qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '40.00', 'W-1'));
$i2 = qbo_push($conn, 'invoice', eng_invoice('i2', 'c1', '15.00', 'W-2'));
echo "pushed: ", $i1['state'], " ", $i2['state'], "\n";
$cust = qbo_entities($conn, ['kind' => 'customer', 'id' => 'c1'])[0]['qbo_id'];

// by hand in QBO: a payment of 25.00 against W-1, and W-2 voided
$pay = qbo_test_api($realm, 'POST', 'payment', ['CustomerRef' => ['value' => $cust], 'TotalAmt' => 25.00, 'PaymentRefNum' => 'CHK-88',
    'Line' => [['Amount' => 25.00, 'LinkedTxn' => [['TxnId' => $i1['qbo_id'], 'TxnType' => 'Invoice']]]]])['json']['Payment'];
$inv2 = qbo_test_query($realm, "select * from Invoice where Id = '{$i2['qbo_id']}'")[0];
qbo_test_api($realm, 'POST', 'invoice?operation=void', ['Id' => $inv2['Id'], 'SyncToken' => $inv2['SyncToken']]);

$now = gmdate('Y-m-d\TH:i:s.000\Z');
$body = json_encode(['eventNotifications' => [['realmId' => $realm, 'dataChangeEvent' => ['entities' => [
    ['name' => 'Payment', 'id' => $pay['Id'], 'operation' => 'Create', 'lastUpdated' => $now],
    ['name' => 'Invoice', 'id' => $i1['qbo_id'], 'operation' => 'Update', 'lastUpdated' => $now],
    ['name' => 'Invoice', 'id' => $i2['qbo_id'], 'operation' => 'Void', 'lastUpdated' => $now],
]]]]]);
$r = qbo_webhook($conn, $body, base64_encode(hash_hmac('sha256', $body, VERIFIER, true)));
echo "accepted: ", $r['accepted'], "\n";
echo "pending before sync: ", count(array_filter(qbo_events($conn), fn($e) => $e['status'] === 'pending')), "\n";

$reads = count(eng_requests($realm, '/v3/company/*/payment/*', 'GET'));
qbo_sync($conn);
echo "payment read from QBO: ", count(eng_requests($realm, '/v3/company/*/payment/*', 'GET')) - $reads, "\n";
foreach (array_reverse(qbo_events($conn)) as $e) {
    $d = $e['document'];
    echo $e['entity'], " ", $e['operation'], ": ", $e['status'], " local ", json_encode($e['local']);
    if ($e['entity'] === 'Payment') {
        echo " amount ", $d['amount'], " customer ", $d['customer'], " reference ", $d['reference'], " applies_to ", json_encode(array_map(fn($a) => [$a['invoice'], $a['amount']], $d['applies_to']));
    } else {
        echo " status ", $d['status'], " total ", $d['total'], " balance ", $d['balance'];
    }
    echo "\n";
}
echo "store: ", json_encode(qbo_test_store_rows($options['store'], 'SELECT entity, status, local_kind, local_id FROM qbo_event ORDER BY id')), "\n";
// nothing more to do on the next run
$reads = count(eng_requests($realm, '/v3/company/*/invoice/*', 'GET'));
qbo_sync($conn);
echo "second sync reads: ", count(eng_requests($realm, '/v3/company/*/invoice/*', 'GET')) - $reads, "\n";
?>
--EXPECT--
pushed: Synced Synced
accepted: 3
pending before sync: 3
payment read from QBO: 1
Payment Create: done local null amount 25.00 customer c1 reference CHK-88 applies_to [["i1","25.00"]]
Invoice Update: done local ["invoice","i1"] status unpaid total 40.00 balance 15.00
Invoice Void: done local ["invoice","i2"] status cancelled total 0.00 balance 0.00
store: [{"entity":"Payment","status":"done","local_kind":null,"local_id":null},{"entity":"Invoice","status":"done","local_kind":"invoice","local_id":"i1"},{"entity":"Invoice","status":"done","local_kind":"invoice","local_id":"i2"}]
second sync reads: 0
