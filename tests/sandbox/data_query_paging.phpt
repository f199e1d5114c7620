--TEST--
Sandbox data: STARTPOSITION/MAXRESULTS paging, maxResults = rows returned, past the end is empty
--FILE--
<?php
require __DIR__ . '/helper.inc';
$co = sbx_company();
for ($i = 1; $i <= 5; $i++) {
    sbx_t_customer($co, sprintf('Page %02d', $i));
}
foreach (["startposition 1 maxresults 2", "startposition 3 maxresults 2", "startposition 5 maxresults 2", "startposition 7 maxresults 2"] as $p) {
    $r = sbx_query($co, "select * from Customer where DisplayName like 'Page%' orderby DisplayName $p")['json']['QueryResponse'];
    echo $p, ' => ', json_encode(['names' => array_column($r['Customer'] ?? [], 'DisplayName'), 'start' => $r['startPosition'] ?? null, 'max' => $r['maxResults'] ?? null]), "\n";
}
?>
--EXPECT--
startposition 1 maxresults 2 => {"names":["Page 01","Page 02"],"start":1,"max":2}
startposition 3 maxresults 2 => {"names":["Page 03","Page 04"],"start":3,"max":2}
startposition 5 maxresults 2 => {"names":["Page 05"],"start":5,"max":1}
startposition 7 maxresults 2 => {"names":[],"start":null,"max":null}
