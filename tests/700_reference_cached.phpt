--TEST--
qbo_reference: accounts (filtered by type), items, tax codes, payment methods, terms, customers (search, limit) and the company, read from QBO once and then served from the store's cache; refresh reads QBO again
--FILE--
<?php
require __DIR__ . '/engine.inc';
[$conn, $realm, $options] = qbo_test_connect();

$acc = qbo_reference($conn, 'account');
echo "accounts: ", count($acc), " first: ", $acc[0]['id'], " ", $acc[0]['name'], " ", $acc[0]['account_type'], "\n";
$bank = qbo_reference($conn, 'account', ['account_type' => 'Bank']);
echo "bank: ", implode(', ', array_column($bank, 'name')), "\n";
foreach (['item', 'payment_method', 'term', 'tax_code'] as $t) {
    $rows = qbo_reference($conn, $t);
    echo "$t: ", implode(', ', array_column($rows, 'name')), "\n";
}
$terms = qbo_reference($conn, 'term');
echo "Net 30 due_days: ", $terms[array_search('Net 30', array_column($terms, 'name'))]['due_days'], "\n";
$co = qbo_reference($conn, 'company');
echo "company: ", $co[0]['id'] === $realm ? 'realm' : $co[0]['id'], " ", $co[0]['country'], " ", $co[0]['home_currency'], " multi ", var_export($co[0]['multi_currency'], true), "\n";
qbo_test_api($realm, 'POST', 'customer', ['DisplayName' => 'Zed Searchable', 'PrimaryEmailAddr' => ['Address' => 'zed@example.org']]);
$c = qbo_reference($conn, 'customer', ['search' => 'zed@', 'refresh' => true]);
echo "search: ", implode(', ', array_column($c, 'name')), " email ", $c[0]['email'], "\n";
echo "limit: ", count(qbo_reference($conn, 'customer', ['limit' => 2])), "\n";

// served from the cache: a new QBO account appears only after refresh, and no query is sent meanwhile
$before = count(eng_requests($realm, '/v3/company/*/query'));
qbo_test_api($realm, 'POST', 'account', ['Name' => 'Cash Drawer', 'AccountType' => 'Bank']);
$cached = qbo_reference($conn, 'account', ['account_type' => 'Bank']);
echo "cached: ", count($cached), " queries sent: ", count(eng_requests($realm, '/v3/company/*/query')) - $before, "\n";
$fresh = qbo_reference($conn, 'account', ['account_type' => 'Bank', 'refresh' => true]);
echo "refreshed: ", implode(', ', array_column($fresh, 'name')), "\n";
$row = qbo_test_store_rows($options['store'], "SELECT name FROM meta WHERE name LIKE 'ref.%' ORDER BY name");
echo "cached types: ", implode(',', array_column($row, 'name')), "\n";

try { qbo_reference($conn, 'vendor'); } catch (QboSync\ValidationException $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
try { qbo_reference($conn, 'item', ['search' => 'x']); } catch (QboSync\ValidationException $e) { echo $e->getMessage(), "\n"; }
?>
--EXPECTF--
accounts: 10 first: 1 Services Income
bank: Checking, Savings
item: Services, Consulting hour, Web hosting, Widget
payment_method: Cash, Check, Visa, MasterCard, American Express, Discover
term: Due on receipt, Net 10, Net 15, Net 30, Net 60
tax_code: %s
Net 30 due_days: 30
company: realm US USD multi false
search: Zed Searchable email zed@example.org
limit: 2
cached: 2 queries sent: 0
refreshed: Checking, Savings, Cash Drawer
cached types: ref.account,ref.company,ref.customer,ref.item,ref.payment_method,ref.tax_code,ref.term
QboSync\ValidationException: Unknown reference type "vendor": use account, item, tax_code, payment_method, term, customer or company
Unknown option "search" for reference type item (refresh)
