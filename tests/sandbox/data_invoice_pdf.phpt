--TEST--
Sandbox data: GET /invoice/{id}/pdf returns a PDF naming the invoice
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
$c = sbx_t_customer($co, 'Pdf Customer');
$i = sbx_t_invoice($co, $c['Id'], [sbx_line('2', 2, 150)]);
$r = sbx_api($co, 'GET', 'invoice/' . $i['Id'] . '/pdf', null, [], ['Accept' => 'application/pdf']);
echo $r['status'], ' ', $r['headers']['content-type'], ' ', substr($r['raw'], 0, 8), ' ', str_contains($r['raw'], '(Invoice ' . $i['DocNumber'] . ')') ? 'number' : '-',
    ' ', str_contains($r['raw'], 'Pdf Customer') ? 'customer' : '-', ' ', str_contains($r['raw'], 'Total: 300.00') ? 'total' : '-', ' ', rtrim(substr($r['raw'], -6)), "\n";
echo sbx_fault_line(sbx_api($co, 'GET', 'invoice/99999/pdf')), "\n";
?>
--EXPECT--
200 application/pdf %PDF-1.4 number customer total %%EOF
400 ValidationFault 610 Object Not Found | Object Not Found : Another user has deleted this transaction. |
