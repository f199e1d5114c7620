--TEST--
Sandbox data: A new US company is seeded with accounts, payment methods, terms, tax codes and items
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
foreach (['Account', 'PaymentMethod', 'Term', 'TaxCode', 'TaxRate', 'Item'] as $e) {
    $r = sbx_query($co, "select * from $e orderby Id")['json']['QueryResponse'][$e];
    echo $e, ': ', implode(' | ', array_map(fn($o) => $o['Id'] . '=' . $o['Name'], $r)), "\n";
}
?>
--EXPECT--
Account: 1=Services | 2=Sales of Product Income | 3=Checking | 4=Undeposited Funds | 5=Accounts Receivable (A/R) | 6=Savings | 7=Cost of Goods Sold | 8=Inventory Asset | 9=Sales Tax Payable | 10=Opening Balance Equity
PaymentMethod: 1=Cash | 2=Check | 3=Visa | 4=MasterCard | 5=American Express | 6=Discover
Term: 1=Due on receipt | 2=Net 10 | 3=Net 15 | 4=Net 30 | 5=Net 60
TaxCode: 1=Combined Sales Tax | 2=State Sales Tax | NON=NON | TAX=TAX
TaxRate: 1=State Sales Tax | 2=City Sales Tax
Item: 1=Services | 2=Consulting hour | 3=Web hosting | 4=Widget
