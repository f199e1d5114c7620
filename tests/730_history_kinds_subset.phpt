--TEST--
qbo_history with some kinds only: through WHMCS (localAPI), kinds invoice reads each invoice's client and products as its dependencies, which reach QBO but are not counted; with a source, a record that fails validation in a real push is counted as an error with its reason in the report, the others are created
--FILE--
<?php
require __DIR__ . '/engine.inc';
require __DIR__ . '/whmcs/whmcs.inc';
$w = whmcs();
$w->today = '2026-03-02';
$ann = $w->addClient(['firstname' => 'Ann', 'lastname' => 'Subset', 'email' => 'ann.subset@example.com']);
$w->createInvoice($ann, [['type' => 'Hosting', 'relid' => 1, 'description' => 'Hosting', 'amount' => '15.95']], ['invoicenum' => 'KS-1']);

[$conn, $realm] = qbo_test_connect(['delivery' => 'worker']);   // fetch: WHMCS's localAPI
$st = qbo_history($conn, ['kinds' => ['invoice'], 'since' => '2026-01-01']);
echo "kinds: ", implode(',', $st['kinds']), "\n";
$n = 0;
while (qbo_history_status($conn)['state'] === 'running' && $n++ < 20) {
    qbo_sync($conn);
}
$st = qbo_history_status($conn);
echo "state {$st['state']}, done {$st['done']} of {$st['total']}, counts: ", json_encode($st['counts']), "\n";
echo "QBO: invoice ", eng_qbo_count($realm, 'Invoice', 'DocNumber', 'KS-1'), ", its customer ", eng_qbo_count($realm, 'Customer', 'DisplayName', 'Ann Subset'), "\n";

// a real push from a source with one customer QBO cannot take (no email)
$docs = [eng_customer('e1', 'Good', 'Record', 'good@example.com'), ['id' => 'e2', 'first_name' => 'No', 'last_name' => 'Email']];
qbo_history($conn, ['kinds' => ['customer'], 'source' => fn($kind, $offset, $limit) => array_slice($kind === 'customer' ? $docs : [], $offset, $limit)]);
$n = 0;
while (qbo_history_status($conn)['state'] === 'running' && $n++ < 20) {
    qbo_sync($conn);
}
$st = qbo_history_status($conn);
echo "state {$st['state']}, counts: ", json_encode($st['counts']), "\n";
foreach ($st['report'] as $r) {
    echo "report: {$r['kind']} {$r['id']} {$r['action']}: {$r['reason']}\n";
}
echo "QBO: Good Record ", eng_qbo_count($realm, 'Customer', 'DisplayName', 'Good Record'), ", No Email ", eng_qbo_count($realm, 'Customer', 'DisplayName', 'No Email'), "\n";
?>
--EXPECT--
kinds: invoice
state done, done 1 of 1, counts: {"created":1,"linked":0,"updated":0,"unchanged":0,"skipped":0,"waiting":0,"errors":0}
QBO: invoice 1, its customer 1
state done, counts: {"created":1,"linked":0,"updated":0,"unchanged":0,"skipped":0,"waiting":0,"errors":1}
report: customer e2 error: Customer e2: email is missing; add the customer's email address in the billing system (QuickBooks invoices need it)
QBO: Good Record 1, No Email 0
