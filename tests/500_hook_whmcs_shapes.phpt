--TEST--
qbo_hook (inline): WHMCS's shapes are normalised (client fields only at the top level, a single item not in a list, transactions "", numbers as ints, floats and strings, zero dates, HTML entities) into the QBO invoice
--FILE--
<?php
require __DIR__ . '/hook.inc';
$fetch = new HookFetch([
    // an older WHMCS: no "client" sub-array, only the top-level fields
    'GetClientsDetails' => fn($p) => ['result' => 'success', 'userid' => 7, 'id' => 7, 'firstname' => 'Zo&euml;', 'lastname' => 'O&#039;Hara',
        'companyname' => 'Hara &amp; Daughters', 'email' => 'zoe@example.com', 'countrycode' => 'US', 'state' => 'NY', 'currency_code' => 'USD'],
    'GetInvoice' => fn($p) => ['result' => 'success', 'invoiceid' => '42', 'invoicenum' => '', 'userid' => 7, 'date' => '2026-11-20',
        'duedate' => '0000-00-00', 'datepaid' => '0000-00-00 00:00:00', 'subtotal' => 15.95, 'credit' => '0.00', 'tax' => 0, 'tax2' => '0.00',
        'total' => '15.95', 'balance' => '15.95', 'taxrate' => '0.000', 'taxrate2' => '0.000', 'status' => 'Unpaid',
        'items' => ['item' => ['id' => '1', 'type' => 'Hosting', 'relid' => '3', 'description' => 'Web &amp; Mail Hosting (20/11/2026 - 19/12/2026)',
            'amount' => 15.95, 'taxed' => '0']],
        'transactions' => ''],
]);
[$conn, $realm] = qbo_test_connect(['fetch' => $fetch, 'delivery' => 'inline']);
$s = qbo_hook($conn, 'InvoiceCreated', ['source' => 'autogen', 'user' => 'system', 'invoiceid' => 42, 'status' => 'Unpaid']);
echo "state: {$s['event']} {$s['kind']} {$s['id']} {$s['state']}\n";
echo "fetched: ", implode(' ', $fetch->calls), "\n";
$inv = qbo_test_api($realm, 'GET', 'invoice/' . $s['qbo_id'])['json']['Invoice'];
$cust = qbo_test_api($realm, 'GET', 'customer/' . $inv['CustomerRef']['value'])['json']['Customer'];
echo "customer: {$cust['DisplayName']}: {$cust['GivenName']} {$cust['FamilyName']}\n";
echo "invoice: DocNumber {$inv['DocNumber']}, total {$inv['TotalAmt']}, line \"{$inv['Line'][0]['Description']}\" on item {$inv['Line'][0]['SalesItemLineDetail']['ItemRef']['name']}\n";
echo "due date from QBO's terms (WHMCS's was zero): ", $inv['DueDate'] > '2026-11-20' ? 'yes' : 'no', "\n";
?>
--EXPECT--
state: InvoiceCreated invoice 42 Synced
fetched: GetInvoice(invoiceid=42) GetClientsDetails(clientid=7) GetClientsProducts(serviceid=3)
customer: Hara & Daughters: Zoë O'Hara
invoice: DocNumber 42, total 15.95, line "Web & Mail Hosting (20/11/2026 - 19/12/2026)" on item Hosting
due date from QBO's terms (WHMCS's was zero): yes
