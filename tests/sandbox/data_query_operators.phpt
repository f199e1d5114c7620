--TEST--
Sandbox data: Query WHERE with =, IN, LIKE, <, >, <=, >= and AND
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co, 'Op Alpha');
foreach ([50, 120, 300] as $amt) {
    sbx_t_invoice($co, $c['Id'], [sbx_line('2', 1, $amt)], ['DocNumber' => "OP-$amt", 'TxnDate' => '2026-03-0' . strlen((string)$amt)]);
}
$show = function ($q) use ($co) {
    $r = sbx_query($co, $q)['json']['QueryResponse'];
    echo str_pad($q, 92), ' => ', implode(',', array_column($r['Invoice'] ?? $r['Customer'] ?? [], 'DocNumber') ?: array_column($r['Customer'] ?? [], 'DisplayName')), "\n";
};
$show("select * from Invoice where TotalAmt > '100'");
$show("select * from Invoice where TotalAmt >= '120' and TotalAmt < '300'");
$show("select * from Invoice where DocNumber in ('OP-50', 'OP-300')");
$show("select * from Invoice where DocNumber like 'OP-1%'");
$show("select * from Invoice where TxnDate <= '2026-03-02'");
$show("select * from Invoice where CustomerRef = '" . $c['Id'] . "' and Balance > '60'");
$show("select * from Customer where DisplayName like '%alpha'");
$show("SELECT * FROM Customer WHERE Id = '" . $c['Id'] . "'");
?>
--EXPECT--
select * from Invoice where TotalAmt > '100'                                                 => OP-120,OP-300
select * from Invoice where TotalAmt >= '120' and TotalAmt < '300'                           => OP-120
select * from Invoice where DocNumber in ('OP-50', 'OP-300')                                 => OP-50,OP-300
select * from Invoice where DocNumber like 'OP-1%'                                           => OP-120
select * from Invoice where TxnDate <= '2026-03-02'                                          => OP-50
select * from Invoice where CustomerRef = '4' and Balance > '60'                             => OP-120,OP-300
select * from Customer where DisplayName like '%alpha'                                       => Op Alpha
SELECT * FROM Customer WHERE Id = '4'                                                        => Op Alpha
