--TEST--
Sandbox data: Query on MetaData.LastUpdatedTime with a datetime and an offset
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
sleep(1);
$t = date('c');
$c = sbx_t_customer($co, 'Fresh Change');
$r = sbx_query($co, "select * from Customer where MetaData.LastUpdatedTime >= '$t'");
echo implode(',', array_column($r['json']['QueryResponse']['Customer'], 'DisplayName')), "\n";
$r = sbx_query($co, "select count(*) from Customer where MetaData.CreateTime < '$t'");
echo $r['json']['QueryResponse']['totalCount'], "\n";
?>
--EXPECT--
Fresh Change
3
