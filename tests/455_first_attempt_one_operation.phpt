--TEST--
The first attempt at a new record costs one operation: inline, a new invoice is one create (QBO's answer is what "Synced" is verified against, no read-back) and a payment its create after the invoice's balance check; in waves, the creates go as /batch operations and the lookups new records need are packed as "in (…)" queries, one per round and field (a customer's email, a payment's invoices; a taken DisplayName is left to QBO's 6240), with no request per record besides
--FILE--
<?php
require __DIR__ . '/engine.inc';
function since(string $realm, int $from): array
{
    return array_map(function ($r) {
        $q = is_array($r['query'] ?? null) ? ($r['query']['query'] ?? '') : '';
        return $r['method'] . ' ' . preg_replace('#^/v3/company/\d+/#', '', $r['path']) . ($q !== '' ? " [$q]" : '');
    }, array_slice(eng_requests($realm, '/v3/company/*'), $from));
}
[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'inline']);
qbo_push($conn, 'item', ['id' => 'hosting', 'name' => 'Hosting', 'type' => 'service']);
qbo_push($conn, 'customer', eng_customer('1', 'One', 'Operation', 'one@example.com'));
$n = count(eng_requests($realm, '/v3/company/*'));
$s = qbo_push($conn, 'invoice', eng_invoice('10', '1', '30.00', 'OP-10'));
echo "invoice 10: {$s['state']}; requests: ", implode(', ', since($realm, $n)), "\n";
$n = count(eng_requests($realm, '/v3/company/*'));
$s = qbo_push($conn, 'payment', eng_payment('20', '1', '30.00', '10'));
echo "payment 20: {$s['state']}; requests: ", implode(', ', preg_replace('#/\d+$#', '/N', since($realm, $n))), "\n";
$inv = qbo_test_api($realm, 'GET', 'invoice/' . qbo_entities($conn, ['kind' => 'invoice', 'id' => '10'])[0]['qbo_id'])['json']['Invoice'];
echo "QBO invoice OP-10: total {$inv['TotalAmt']}, balance {$inv['Balance']}\n";

[$conn, $realm, $opts] = qbo_test_connect(['delivery' => 'worker']);
for ($k = 1; $k <= 10; $k++) {
    qbo_push($conn, 'customer', eng_customer("c$k", 'Wave', "Client $k", "w$k@example.com"));
    qbo_push($conn, 'invoice', eng_invoice("i$k", "c$k", '20.00', "WO-$k"));
    qbo_push($conn, 'payment', eng_payment("p$k", "c$k", '20.00', "i$k"));
}
$n = count(eng_requests($realm, '/v3/company/*'));
$r = qbo_sync($conn, ['batch_size' => 5]);
$reqs = since($realm, $n);
echo "waves of 5: delivered {$r['delivered']}, errors {$r['errors']}\n";
$kinds = [];
foreach ($reqs as $q) {
    if (preg_match('/^GET query \[select (?:\*|[\w, ]+) from (\w+) where (\w+) in \((.*?)\)/', $q, $m)) {
        $kinds[] = "$m[1].$m[2] in (" . count(explode(', ', $m[3])) . ")";
    } elseif (str_starts_with($q, 'POST batch')) {
        $kinds[] = 'POST batch';
    } elseif (!str_starts_with($q, 'GET companyinfo')) {
        $kinds[] = $q;
    }
}
/* besides: the fallback item "Billing Services", found or made once per company (its two queries and its create) */
$c = array_count_values($kinds);
ksort($c);
foreach ($c as $k => $v) {
    echo "  $v x $k\n";
}
$once = 0;
foreach (['Customer' => 'Notes', 'Invoice' => 'PrivateNote', 'Payment' => 'PrivateNote'] as $entity => $field) {
    foreach (eng_qbo_all($realm, $entity) as $row) {
        $once += preg_match('/qbosync:\w+:[cip]\d+/', $row[$field] ?? '') ? 1 : 0;
    }
}
echo "QBO holds $once records of ours; the store: Synced ", qbo_status($conn)['counts']['Synced'], "\n";
?>
--EXPECT--
invoice 10: Synced; requests: POST invoice
payment 20: Synced; requests: GET invoice/N, POST payment
QBO invoice OP-10: total 30, balance 0
waves of 5: delivered 30, errors 0
  1 x Customer.PrimaryEmailAddr in (10)
  1 x GET query [select * from Account where AccountType = 'Income']
  1 x GET query [select * from Item where Name = 'Billing Services' and Active in (true, false)]
  1 x Invoice.Id in (10)
  6 x POST batch
  1 x POST item
QBO holds 30 records of ours; the store: Synced 30
