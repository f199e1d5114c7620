--TEST--
Write-off: the writeoff account purpose takes Income accounts only (an Expense account is refused at qbo_map with the reason); "auto" takes only an account named "Bad Debts" of that type, else makes one with a unique name ("Bad Debts 1" when an Expense "Bad Debts" exists); a write-off larger than the invoice's QBO balance is Mismatch with both figures, never Synced, its open memo never taken as the customer's credit, and corrected it is applied; one without a date keeps the standing one's date (nothing new recorded), a new one is dated today; a bad document is a ValidationException naming the field; a UK company's write-off carries the exempt code and an expense account on its item
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm] = qbo_test_connect();
$exp = qbo_test_api($realm, 'POST', 'account', ['Name' => 'Bad Debts', 'AccountType' => 'Expense'])['json']['Account'];
try {
    qbo_map($conn, 'account', '*', $exp['Id'], ['purpose' => 'writeoff']);
} catch (QboSync\ValidationException $e) {
    echo "writeoff -> Expense account: ", $e->getMessage(), "\n";
}
qbo_push($conn, 'customer', eng_customer('c1', 'Late', 'Payer', 'late@example.com'));
$i = qbo_push($conn, 'invoice', eng_invoice('i1', 'c1', '40.00', 'BD-1'));
$s = qbo_push($conn, 'writeoff', ['id' => 'w1', 'customer' => 'c1', 'invoice' => 'i1', 'date' => '2026-12-01', 'amount' => '40.00']);
$m = qbo_test_api($realm, 'GET', "creditmemo/{$s['qbo_id']}")['json']['CreditMemo'];
$item = qbo_test_api($realm, 'GET', "item/{$m['Line'][0]['SalesItemLineDetail']['ItemRef']['value']}")['json']['Item'];
$acct = qbo_test_api($realm, 'GET', "account/{$item['IncomeAccountRef']['value']}")['json']['Account'];
echo "write-off with an Expense \"Bad Debts\" in QBO: {$s['state']}, booked to \"{$acct['Name']}\" ({$acct['AccountType']})\n";
$a = qbo_map($conn, 'account', '*', 'auto', ['purpose' => 'writeoff']);
echo "auto again: \"{$a['name']}\" (same: ", var_export($a['qbo_id'] === $acct['Id'], true), ")\n";

// more than QBO shows open: not Synced
$i2 = qbo_push($conn, 'invoice', eng_invoice('i2', 'c1', '50.00', 'BD-2'));
qbo_push($conn, 'payment', eng_payment('p2', 'c1', '20.00', 'i2'));
$s = qbo_push($conn, 'writeoff', ['id' => 'w2', 'customer' => 'c1', 'invoice' => 'i2', 'date' => '2026-12-01', 'amount' => '50.00']);
echo "write-off of 50.00 on a balance of 30.00: {$s['state']}\n{$s['reason']}\n";
echo "  invoice i2 QBO balance ", qbo_test_api($realm, 'GET', "invoice/{$i2['qbo_id']}")['json']['Invoice']['Balance'], "; Mismatch counted: ",
    qbo_status($conn)['counts']['Mismatch'] ?? 0, "\n";
// that open memo is not the customer's credit: another invoice's credit_applied does not draw on it
$i4 = qbo_push($conn, 'invoice', eng_invoice('i4', 'c1', '10.00', 'BD-4', ['credit_applied' => '10.00']));
echo "an invoice with credit applied meanwhile: {$i4['state']}, QBO balance ", qbo_test_api($realm, 'GET', "invoice/{$i4['qbo_id']}")['json']['Invoice']['Balance'], "\n";
// the billing system sends the open balance: the memo is corrected and applied
$s = qbo_push($conn, 'writeoff', ['id' => 'w2', 'customer' => 'c1', 'invoice' => 'i2', 'date' => '2026-12-01', 'amount' => '30.00']);
$m = qbo_test_api($realm, 'GET', "creditmemo/{$s['qbo_id']}")['json']['CreditMemo'];
echo "corrected to 30.00: {$s['state']}; memo total {$m['TotalAmt']}, balance {$m['Balance']}; invoice i2 QBO balance ",
    qbo_test_api($realm, 'GET', "invoice/{$i2['qbo_id']}")['json']['Invoice']['Balance'], "\n";

// without a date: the standing write-off's date is kept (nothing new is recorded); a new one is dated today
$posts = count(eng_requests($realm, "/v3/company/$realm/creditmemo", 'POST'));
$s = qbo_push($conn, 'writeoff', ['id' => 'w2', 'customer' => 'c1', 'invoice' => 'i2', 'amount' => '30.00']);
echo "w2 again without a date: {$s['state']}, memo date ", qbo_test_api($realm, 'GET', "creditmemo/{$s['qbo_id']}")['json']['CreditMemo']['TxnDate'],
    ", memo writes ", count(eng_requests($realm, "/v3/company/$realm/creditmemo", 'POST')) - $posts, "\n";
$i5 = qbo_push($conn, 'invoice', eng_invoice('i5', 'c1', '5.00', 'BD-5'));
$s = qbo_push($conn, 'writeoff', ['id' => 'w5', 'customer' => 'c1', 'invoice' => 'i5', 'amount' => '5.00']);
echo "w5 without a date: {$s['state']}, dated today: ", var_export(qbo_test_api($realm, 'GET', "creditmemo/{$s['qbo_id']}")['json']['CreditMemo']['TxnDate'] === gmdate('Y-m-d'), true), "\n";
foreach ([['amount' => '0.00'], ['invoice' => null], ['date' => 'yesterday'], ['amount' => 'INF']] as $bad) {
    $doc = array_filter($bad + ['id' => 'w3', 'customer' => 'c1', 'invoice' => 'i1', 'date' => '2026-12-01', 'amount' => '1.00'], fn($v) => $v !== null);
    try {
        qbo_push($conn, 'writeoff', $doc);
    } catch (QboSync\ValidationException $e) {
        echo get_class($e), " [", $e->getMessage(), "] kind={$e->kind} recordId={$e->recordId} field={$e->field}\n";
    }
}

// a UK company
$gb = qbo_test_company(['country' => 'GB', 'name' => 'Albion Bad Debts']);
[$uk] = qbo_test_connect(['home_currency' => 'GBP'], $gb);
qbo_map($uk, 'tax', 'exempt', '3');
qbo_push($uk, 'customer', ['id' => 'u1', 'email' => 'ap@albion.example', 'company' => 'Albion Ltd']);
$ui = qbo_push($uk, 'invoice', ['id' => 'g1', 'customer' => 'u1', 'number' => 'G1', 'date' => '2026-11-23', 'status' => 'unpaid',
    'lines' => [['description' => 'Hosting', 'amount' => '12.00', 'tax' => 'exempt']], 'subtotal' => '12.00', 'tax_total' => '0.00', 'total' => '12.00']);
$s = qbo_push($uk, 'writeoff', ['id' => 'gw1', 'customer' => 'u1', 'invoice' => 'g1', 'date' => '2026-12-01', 'amount' => '12.00']);
$m = qbo_test_api($gb, 'GET', "creditmemo/{$s['qbo_id']}")['json']['CreditMemo'];
$item = qbo_test_api($gb, 'GET', "item/{$m['Line'][0]['SalesItemLineDetail']['ItemRef']['value']}")['json']['Item'];
echo "UK invoice {$ui['state']}, write-off {$s['state']}: tax code {$m['Line'][0]['SalesItemLineDetail']['TaxCodeRef']['value']}, ",
    "{$m['GlobalTaxCalculation']}, item expense account ", isset($item['ExpenseAccountRef']) ? 'set' : 'missing', "; invoice QBO balance ",
    qbo_test_api($gb, 'GET', "invoice/{$ui['qbo_id']}")['json']['Invoice']['Balance'], "\n";
?>
--EXPECT--
writeoff -> Expense account: Account * (writeoff) cannot be the account written-off invoices (bad debt) are booked to: QuickBooks account 11 ("Bad Debts") is of type Expense; map an account of type Income or Other Income
write-off with an Expense "Bad Debts" in QBO: Synced, booked to "Bad Debts 1" (Income)
auto again: "Bad Debts 1" (same: true)
write-off of 50.00 on a balance of 30.00: Mismatch
Write-off w2: QuickBooks unapplied write-off 50.00, billing unapplied write-off 0.00 — QuickBooks did not apply it to invoice i2 (is its open balance there smaller than the amount written off?): push the write-off with the invoice's open balance, or delete it with qbo_delete(); until then the CreditMemo is an open credit of the customer in QuickBooks (QuickBooks refused to apply the credit: QuickBooks refused Payment: A business validation error has occurred while processing your request (6000): Business Validation Error: The amount applied (50) exceeds the open balance (30) of Invoice BD-2.)
  invoice i2 QBO balance 30; Mismatch counted: 1
an invoice with credit applied meanwhile: Mismatch, QBO balance 10
corrected to 30.00: Synced; memo total 30, balance 0; invoice i2 QBO balance 0
w2 again without a date: Synced, memo date 2026-12-01, memo writes 0
w5 without a date: Synced, dated today: true
QboSync\ValidationException [Write-off w3: amount is 0.00; a write-off amount must be greater than zero (the invoice's balance written off)] kind=writeoff recordId=w3 field=amount
QboSync\ValidationException [Write-off w3: invoice is missing; send the id of the invoice written off] kind=writeoff recordId=w3 field=invoice
QboSync\ValidationException [Write-off w3: date "yesterday" is not a date in the form YYYY-MM-DD; send the write-off date as YYYY-MM-DD] kind=writeoff recordId=w3 field=date
QboSync\ValidationException [Write-off w3: amount "INF" is not a decimal number like "10.99" (USD); send at most 2 decimals, e.g. "10.99"] kind=writeoff recordId=w3 field=amount
UK invoice Synced, write-off Synced: tax code 3, TaxExcluded, item expense account set; invoice QBO balance 0