--TEST--
Sandbox data: POST /_sandbox/reset wipes companies and data and reseeds (on a private sandbox)
--FILE--
<?php
require __DIR__ . '/helper.inc';
$reserved = tempnam(sys_get_temp_dir(), 'sbx-reset-');
$db = $reserved . '.db';
$p = proc_open(['setsid', dirname(__DIR__, 2) . '/sandbox/serve', '0'], [1 => ['pipe', 'w'], 2 => ['file', '/dev/null', 'a']], $pipes,
    null, ['QBO_SANDBOX_DB' => $db] + getenv());
$base = trim(fgets($pipes[1]));
$co = json_decode(sbx_http('POST', "$base/_sandbox/companies", ['name' => 'Temp'])['raw'], true);
echo 'before: ', count(sbx_http('GET', "$base/_sandbox/companies")['json']['companies']), "\n";
$r = sbx_http('POST', "$base/_sandbox/reset");
echo $r['status'], ' after: ', implode(',', array_column(sbx_http('GET', "$base/_sandbox/companies")['json']['companies'], 'realm')), "\n";
echo 'old realm ledger: ', sbx_http('GET', "$base/_sandbox/ledger/" . $co['realm'])['status'], "\n";
$led = sbx_http('GET', "$base/_sandbox/ledger/9341453100000001")['json'];
echo 'US entities: ', count($led['entities']), ' changes: ', count($led['changes']), "\n";
posix_kill(proc_get_status($p)['pid'], SIGTERM);
proc_close($p);
foreach ([$reserved, $db, "$db-wal", "$db-shm"] as $f) { @unlink($f); }
?>
--EXPECT--
before: 3
200 after: 9341453100000001,9341453100000002
old realm ledger: 404
US entities: 36 changes: 36
