--TEST--
Sandbox data: Read-only fields sent on create (TotalAmt, Balance, Id-less MetaData) are ignored
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co);
$i = sbx_t_invoice($co, $c['Id'], [sbx_line('2', 1, 80)], ['TotalAmt' => 999.99, 'Balance' => 1, 'domain' => 'X',
    'MetaData' => ['CreateTime' => '2001-01-01T00:00:00-08:00']]);
echo $i['TotalAmt'], ' ', $i['Balance'], ' ', $i['domain'], ' ', substr($i['MetaData']['CreateTime'], 0, 4) === '2001' ? 'kept' : 'ignored', "\n";
?>
--EXPECT--
80 80 QBO ignored
