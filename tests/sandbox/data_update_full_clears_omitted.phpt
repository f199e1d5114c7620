--TEST--
Sandbox data: Full update clears writable fields that are omitted
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co, 'Full Co', ['Notes' => 'gone soon', 'PrimaryEmailAddr' => ['Address' => 'a@x.example']]);
$u = sbx_api($co, 'POST', 'customer', ['Id' => $c['Id'], 'SyncToken' => $c['SyncToken'], 'DisplayName' => 'Full Co', 'CompanyName' => 'Full Inc']);
$o = $u['json']['Customer'];
echo $u['status'], ' ', $o['SyncToken'], ' Notes=', $o['Notes'] ?? 'absent', ' Email=', $o['PrimaryEmailAddr']['Address'] ?? 'absent', ' Company=', $o['CompanyName'], "\n";
?>
--EXPECT--
200 1 Notes=absent Email=absent Company=Full Inc
