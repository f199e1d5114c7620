--TEST--
Sandbox data: include=allowduplicatedocnum lets a duplicate DocNumber through
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co);
$a = sbx_t_invoice($co, $c['Id'], [sbx_line('2', 1, 10)], ['DocNumber' => 'D-1']);
$r = sbx_api($co, 'POST', 'invoice', ['CustomerRef' => ['value' => $c['Id']], 'Line' => [sbx_line('2', 1, 10)], 'DocNumber' => 'D-1'],
    ['include' => 'allowduplicatedocnum']);
echo $r['status'], ' ', $r['json']['Invoice']['DocNumber'], ' ', $r['json']['Invoice']['Id'] !== $a['Id'] ? 'new id' : 'same id', "\n";
?>
--EXPECT--
200 D-1 new id
