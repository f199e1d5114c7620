--TEST--
Reconnecting to another company (realm) never reuses the old company's QBO ids: its mappings and QBO Ids are set aside, every record is queued and created in the new company with references to that company's own records only; reconnecting to the first company restores its links (updates there, no duplicates)
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $a, $opts] = qbo_test_connect();
$b = qbo_test_company();
$acctA = qbo_test_api($a, 'POST', 'account', ['Name' => 'Merchant Fees A', 'AccountType' => 'Expense'])['json']['Account'];
qbo_map($conn, 'account', '*', $acctA['Id'], ['purpose' => 'fee']);
qbo_push($conn, 'customer', eng_customer('c1', 'Rea', 'Lm', 'realm@example.com'));
qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '80.00', 'RA-1'));
qbo_push($conn, 'payment', ['fee' => '1.00'] + eng_payment('p1', 'c1', '80.00', 'i1'));
$inA = [];
foreach (qbo_entities($conn) as $e) {
    $inA[$e['kind']] = $e['qbo_id'];
    echo "A: {$e['kind']} {$e['id']} {$e['state']}\n";
}
$count = fn($realm) => count(eng_requests($realm, "/v3/company/$realm/*"));
$before = $count($b);

// the admin connects the same store to company B
$q = qbo_test_consent(qbo_oauth_url($conn), $b);
qbo_oauth_exchange($conn, $q['code'], $q['state'], $q['realmId']);
echo "realm is B: ", var_export(qbo_status($conn)['realm'] === $b, true), "; mappings left: ", count(qbo_mappings($conn)), "\n";
foreach (qbo_entities($conn) as $e) {
    echo "after the switch: {$e['kind']} {$e['id']} {$e['state']}, qbo_id ", var_export($e['qbo_id'], true), ", queued ", var_export($e['queued'], true), "\n";
}
$r = qbo_sync($conn, ["batch_size" => 1]);   // one request a record: every write to B is seen below
echo "sync: delivered {$r['delivered']}, errors {$r['errors']}, mismatches {$r['mismatches']}\n";
foreach (qbo_entities($conn) as $e) {
    echo "B: {$e['kind']} {$e['id']} {$e['state']}", $e['reason'] ? " - {$e['reason']}" : '', "\n";
    $inB[$e['kind']] = $e['qbo_id'];
}
// what B holds refers to B's own records
$cust = qbo_test_api($b, 'GET', "customer/{$inB['customer']}")['json']['Customer'];
$inv = qbo_test_api($b, 'GET', "invoice/{$inB['invoice']}")['json']['Invoice'];
$pay = qbo_test_api($b, 'GET', "payment/{$inB['payment']}")['json']['Payment'];
echo "B customer is ours: ", var_export(str_contains($cust['Notes'] ?? '', 'qbosync:customer:c1'), true),
    "; invoice's customer: ", var_export($inv['CustomerRef']['value'] === $cust['Id'], true),
    "; payment links B's invoice: ", var_export($pay['Line'][0]['LinkedTxn'][0]['TxnId'] === $inv['Id'], true),
    "; invoice balance {$inv['Balance']}\n";
$writes = array_filter(eng_requests($b, "/v3/company/$b/*", 'POST'), fn($r) => !str_ends_with($r['path'], '/query'));
$updates = array_filter($writes, fn($r) => isset($r['query']['operation']));
echo "writes to B: ", count($writes), ", of them updates/deletes: ", count($updates), "\n";
echo "fee not recorded in B (A's fee account not used): ", var_export(count(eng_qbo_all($b, 'Deposit')) === 0, true), "\n";
$ledgerA = count(qbo_test_ledger($a)['entities']);

// back to company A: its links come back, nothing is duplicated there
$q = qbo_test_consent(qbo_oauth_url($conn), $a);
qbo_oauth_exchange($conn, $q['code'], $q['state'], $q['realmId']);
echo "back in A: mappings ", implode(', ', array_map(fn($m) => "{$m['kind']} {$m['local_id']} {$m['purpose']} = " . ($m['qbo_id'] === $acctA['Id'] ? "A's account" : $m['qbo_id']), qbo_mappings($conn))), "\n";
foreach (qbo_entities($conn) as $e) {
    echo "back in A: {$e['kind']} {$e['id']} {$e['state']}, A's Id: ", var_export($e['qbo_id'] === $inA[$e['kind']], true), "\n";
}
$r = qbo_sync($conn);
echo "sync in A: delivered {$r['delivered']}, errors {$r['errors']}; A's ledger grew by ", count(qbo_test_ledger($a)['entities']) - $ledgerA,
    " records; payments marked p1 in A: ", eng_qbo_payments_marked($a, 'p1'), "\n";
?>
--EXPECT--
A: customer c1 Synced
A: invoice i1 Synced
A: payment p1 Synced
realm is B: true; mappings left: 0
after the switch: customer c1 Not Tried, qbo_id NULL, queued true
after the switch: invoice i1 Not Tried, qbo_id NULL, queued true
after the switch: payment p1 Not Tried, qbo_id NULL, queued true
sync: delivered 2, errors 0, mismatches 1
B: customer c1 Synced
B: invoice i1 Synced
B: payment p1 Mismatch - Payment p1: QuickBooks fee 0.00, billing fee 1.00 — the gateway fee of 1.00 is not recorded: map an expense account for fees with qbo_map($conn, 'account', '*', '<QBO Account Id>', ['purpose' => 'fee']), then send the payment again with qbo_resend()
B customer is ours: true; invoice's customer: true; payment links B's invoice: true; invoice balance 0
writes to B: 4, of them updates/deletes: 0
fee not recorded in B (A's fee account not used): true
back in A: mappings account * fee = A's account, account * income = 1, item *  = 5
back in A: customer c1 Synced, A's Id: true
back in A: invoice i1 Synced, A's Id: true
back in A: payment p1 Synced, A's Id: true
sync in A: delivered 3, errors 0; A's ledger grew by 0 records; payments marked p1 in A: 1
