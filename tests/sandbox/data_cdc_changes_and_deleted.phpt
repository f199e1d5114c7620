--TEST--
Sandbox data: CDC returns changed objects and deleted ones as Deleted stubs
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
sleep(1);
$since = date('c');
$c = sbx_t_customer($co, 'CDC Person');
$i = sbx_t_invoice($co, $c['Id'], [sbx_line('2', 1, 10)]);
$j = sbx_t_invoice($co, $c['Id'], [sbx_line('2', 1, 20)]);
sbx_api($co, 'POST', 'invoice', ['Id' => $j['Id'], 'SyncToken' => $j['SyncToken']], ['operation' => 'delete']);
$r = sbx_api($co, 'GET', 'cdc', null, ['entities' => 'Customer,Invoice', 'changedSince' => $since]);
echo $r['status'], "\n";
foreach ($r['json']['CDCResponse'][0]['QueryResponse'] as $qr) {
    foreach ($qr as $k => $v) {
        if (is_array($v)) {
            foreach ($v as $o) {
                $label = $k === 'Customer' ? ($o['Id'] === $c['Id'] ? 'C' : '?') : ($o['Id'] === $j['Id'] ? 'J' : ($o['Id'] === $i['Id'] ? 'I' : '?'));
                echo $k, ' ', $label, ' ',
                    $o['status'] ?? 'live', ' ', implode(',', array_keys($o['status'] ?? null ? $o : [])), "\n";
            }
            echo $k, ' maxResults=', $qr['maxResults'], "\n";
        }
    }
}
?>
--EXPECT--
200
Customer C live 
Customer maxResults=1
Invoice I live 
Invoice J Deleted status,domain,Id,MetaData
Invoice maxResults=2
