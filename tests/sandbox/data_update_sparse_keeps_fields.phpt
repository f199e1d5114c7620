--TEST--
Sandbox data: Sparse update changes only the given fields and bumps SyncToken / LastUpdatedTime
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co, 'Sparse Co', ['Notes' => 'keep me', 'PrimaryEmailAddr' => ['Address' => 'a@x.example']]);
sleep(1);
$u = sbx_api($co, 'POST', 'customer', ['Id' => $c['Id'], 'SyncToken' => $c['SyncToken'], 'sparse' => true, 'CompanyName' => 'Sparse Inc']);
$o = $u['json']['Customer'];
echo $u['status'], ' ', $o['SyncToken'], ' ', $o['Notes'], ' ', $o['PrimaryEmailAddr']['Address'], ' ', $o['CompanyName'], "\n";
echo $o['MetaData']['LastUpdatedTime'] > $c['MetaData']['LastUpdatedTime'] ? 'LastUpdatedTime moved' : 'LastUpdatedTime same', ', ',
    $o['MetaData']['CreateTime'] === $c['MetaData']['CreateTime'] ? 'CreateTime kept' : 'CreateTime changed', "\n";
?>
--EXPECT--
200 1 keep me a@x.example Sparse Inc
LastUpdatedTime moved, CreateTime kept
