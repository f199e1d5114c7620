--TEST--
qbo_hook in deferred mode records the event; the request's end reads it through the fetch and delivers it
--FILE--
<?php
require __DIR__ . '/hook.inc';
[$c, $realm, $opts] = qbo_test_connect();
unset($c);
$tag = bin2hex(random_bytes(4));
$child = sys_get_temp_dir() . "/qbosync-504-$tag.php";
file_put_contents($child, '<?php
require ' . var_export(__DIR__ . '/hook.inc', true) . ';
$opts = json_decode(getenv("QBO_504_OPTS"), true);
$fetch = new HookFetch(["GetClientsDetails" => fn($p) => hook_client((int)$p["clientid"], ["email" => getenv("QBO_504_TAG") . "@example.com"])]);
$c = qbo_connect(["fetch" => $fetch] + $opts);
$st = qbo_hook($c, "ClientAdd", ["client_id" => 77]);
echo "at return: {$st["state"]}, fetched ", count($fetch->calls), "\n";
');
$args = (string)getenv('TEST_PHP_EXTRA_ARGS');
// (a command array: no shell between, which valgrind would trace too)
$cmd = array_merge([PHP_BINARY], str_contains($args, 'qbosync') ? array_values(array_filter(str_getcsv($args, ' ', '"'), fn($a) => $a !== '')) : [], [$child]);
$env = ['QBO_504_OPTS' => json_encode(['delivery' => 'deferred'] + $opts), 'QBO_504_TAG' => "deferred-$tag"] + getenv();
$p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, null, $env);
echo stream_get_contents($pipes[1]);
$err = stream_get_contents($pipes[2]);
echo 'child exit: ', proc_close($p), $err !== '' ? " stderr: $err" : '', "\n";
unlink($child);
echo 'in QBO: ', eng_qbo_count($realm, 'Customer', 'PrimaryEmailAddr.Address', "deferred-$tag@example.com"), "\n";
echo 'hook events left: ', qbo_test_store_rows($opts['store'], 'SELECT count(*) n FROM hook_event')[0]['n'], "\n";
?>
--EXPECT--
at return: Queued, fetched 0
child exit: 0
in QBO: 1
hook events left: 0
