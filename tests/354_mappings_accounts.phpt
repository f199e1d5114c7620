--TEST--
Mappings and accounts: qbo_map('customer', …, 'auto') by email then DisplayName, 'create'; a client pushed later whose email QBO has is linked, not duplicated; an item with a chosen income account; the refund account must be a cash account (a clear error naming the fix, or "the same account as payments"); accounts made by 'create' get unique names ("Undeposited Funds 1", "… 2"); 'auto' makes a missing one; a CA company's items carry an expense account
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm] = qbo_test_connect();
$mk = fn($name, $email) => qbo_test_api($realm, 'POST', 'customer', ['DisplayName' => $name, 'PrimaryEmailAddr' => ['Address' => $email]])['json']['Customer']['Id'];
$byName = $mk('Jane Doe', 'someone.else@example.com');
$byEmail = $mk('J. Doe Consulting', 'jane@example.com');
qbo_push($conn, 'customer', eng_customer('c1', 'Jane', 'Doe', 'jane@example.com'), QBO_QUEUE_ONLY);
$m = qbo_map($conn, 'customer', 'c1', 'auto');
echo "auto c1: ", $m['qbo_id'] === $byEmail ? 'the customer with its email' : ($m['qbo_id'] === $byName ? 'the customer with its name' : $m['qbo_id']), " ({$m['name']})\n";
qbo_push($conn, 'customer', eng_customer('c2', 'Only', 'Name', 'nobody@example.com'), QBO_QUEUE_ONLY);
$mk('Only Name', 'different@example.com');
$m = qbo_map($conn, 'customer', 'c2', 'auto');
echo "auto c2 (no email match): {$m['name']}\n";
qbo_push($conn, 'customer', eng_customer('c3', 'New', 'Comer', 'new@example.com'), QBO_QUEUE_ONLY);
$m = qbo_map($conn, 'customer', 'c3', 'create');
$c = qbo_test_api($realm, 'GET', "customer/{$m['qbo_id']}")['json']['Customer'];
echo "create c3: {$c['DisplayName']} <{$c['PrimaryEmailAddr']['Address']}>\n";
$existing = $mk('Acme Hosting', 'billing@acme.example');
$s = qbo_push($conn, 'customer', ['id' => 'c4', 'company' => 'Acme Hosting Inc', 'email' => 'billing@acme.example']);
echo "c4 pushed: {$s['state']}, linked to the customer with its email: ", var_export($s['qbo_id'] === $existing, true),
    ", QBO customers with that email: ", eng_qbo_count($realm, 'Customer', 'PrimaryEmailAddr.Address', 'billing@acme.example'), "\n";

// an item with its own income account
$inc = qbo_map($conn, 'account', 'hosting', 'create', ['purpose' => 'income', 'name' => 'Hosting Income']);
$it = qbo_push($conn, 'item', ['id' => 'p7', 'name' => 'VPS Large', 'price' => '40.00', 'income_account' => 'hosting']);
$q = qbo_test_api($realm, 'GET', "item/{$it['qbo_id']}")['json']['Item'];
echo "item: {$it['state']}, income account {$q['IncomeAccountRef']['value']} = the mapped one: ", var_export($q['IncomeAccountRef']['value'] === $inc['qbo_id'], true), "\n";

// refund account: cash accounts only
foreach (['1', '3'] as $id) {
    try {
        $m = qbo_map($conn, 'account', '*', $id, ['purpose' => 'refund']);
        echo "refund -> $id: mapped ({$m['name']})\n";
    } catch (QboSync\ValidationException $e) {
        echo "refund -> $id: ", $e->getMessage(), "\n";
    }
}
$m = qbo_map($conn, 'account', 'stripe', 'deposit', ['purpose' => 'refund']);
echo "refund of stripe payments: the same account as payments: {$m['name']} ({$m['qbo_id']})\n";
qbo_push($conn, 'invoice', eng_invoice('i1', 'c4', '30.00', 'MA-1'));
$r = qbo_push($conn, 'refund', ['id' => 'r1', 'customer' => 'c4', 'date' => '2026-11-22', 'amount' => '30.00', 'method' => 'stripe', 'invoice' => 'i1']);
echo "refund: {$r['state']}, paid from account ", qbo_test_api($realm, 'GET', "refundreceipt/{$r['qbo_id']}")['json']['RefundReceipt']['DepositToAccountRef']['value'], "\n";

// unique names for accounts made by 'create'; 'auto' makes one when QBO has none
foreach (['gw1', 'gw2'] as $k) {
    $m = qbo_map($conn, 'account', $k, 'create', ['purpose' => 'deposit']);
    $a = qbo_test_api($realm, 'GET', "account/{$m['qbo_id']}")['json']['Account'];
    echo "create deposit $k: \"{$a['Name']}\" ({$a['AccountType']}, {$a['AccountSubType']})\n";
}
$f1 = qbo_map($conn, 'account', '*', 'auto', ['purpose' => 'fee']);
$f2 = qbo_map($conn, 'account', 'paypal', 'auto', ['purpose' => 'fee']);
echo "auto fee: \"{$f1['name']}\" made, the next auto finds it: ", var_export($f1['qbo_id'] === $f2['qbo_id'], true), "\n";
try {
    qbo_map($conn, 'account', '*', '3', ['purpose' => 'fee']);
} catch (QboSync\ValidationException $e) {
    echo "fee -> 3: ", $e->getMessage(), "\n";
}

// a Canadian company: items carry an expense account too
$ca = qbo_test_company(['country' => 'CA', 'currency' => 'CAD', 'name' => 'Maple Items']);
[$cc] = qbo_test_connect(['home_currency' => 'CAD'], $ca);
qbo_map($cc, 'tax', 'exempt', '3');
$it = qbo_push($cc, 'item', ['id' => 'p1', 'name' => 'Managed VPS', 'price' => '10.00']);
$q = qbo_test_api($ca, 'GET', "item/{$it['qbo_id']}")['json']['Item'];
echo "CA item: {$it['state']}, income {$q['IncomeAccountRef']['value']}, expense {$q['ExpenseAccountRef']['value']} (", qbo_test_api($ca, 'GET', "account/{$q['ExpenseAccountRef']['value']}")['json']['Account']['AccountType'], ")\n";
qbo_push($cc, 'customer', ['id' => 5, 'email' => 'ap@loonie.example', 'company' => 'Loonie Ltd']);
$i = qbo_push($cc, 'invoice', map_lines_invoice());
echo "CA invoice with an unmapped product (the fallback item): {$i['state']}", $i['reason'] ? " - {$i['reason']}" : '', "\n";
echo "CA account mappings made on the way: ", implode(', ', array_map(fn($m) => "{$m['purpose']} {$m['local_id']} = {$m['name']}", qbo_mappings($cc, 'account'))), "\n";
function map_lines_invoice(): array
{
    return ['id' => 'ca1', 'customer' => 5, 'date' => '2026-11-23', 'status' => 'unpaid',
        'lines' => [['item' => 'never-pushed', 'description' => 'Setup', 'amount' => '25.00']],
        'subtotal' => '25.00', 'tax_total' => '0.00', 'total' => '25.00'];
}
?>
--EXPECT--
auto c1: the customer with its email (J. Doe Consulting)
auto c2 (no email match): Only Name
create c3: New Comer <new@example.com>
c4 pushed: Synced, linked to the customer with its email: true, QBO customers with that email: 1
item: Synced, income account 11 = the mapped one: true
refund -> 1: Account * (refund) cannot be the account refunds are paid from: QuickBooks account 1 ("Services") is of type Income, and money is paid from a cash account only (Bank, or Undeposited Funds); map a Bank account, or use the same account as payments: qbo_map($conn, 'account', '*', 'deposit', ['purpose' => 'refund'])
refund -> 3: mapped (Checking)
refund of stripe payments: the same account as payments: Undeposited Funds (4)
refund: Synced, paid from account 4
create deposit gw1: "Undeposited Funds 1" (Other Current Asset, UndepositedFunds)
create deposit gw2: "Undeposited Funds 2" (Other Current Asset, UndepositedFunds)
auto fee: "Merchant Fees" made, the next auto finds it: true
fee -> 3: Account * (fee) cannot be the expense account of gateway fees: QuickBooks account 3 ("Checking") is of type Bank; map an account of type Expense or Other Expense
CA item: Synced, income 1, expense 7 (Cost of Goods Sold)
CA invoice with an unmapped product (the fallback item): Synced
CA account mappings made on the way: expense * = Cost of Goods Sold, income * = Services
