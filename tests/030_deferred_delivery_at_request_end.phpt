--TEST--
delivery "deferred": qbo_push() returns with the record queued and the request's end (RSHUTDOWN) delivers it
--FILE--
<?php
require __DIR__ . '/qbo.inc';
[$c, $realm, $opts] = qbo_test_connect();
unset($c);
$tag = bin2hex(random_bytes(4));
// the child is a request of its own: it pushes and ends
$child = sys_get_temp_dir() . "/qbosync-030-$tag.php";
file_put_contents($child, '<?php
$opts = json_decode(getenv("QBO_030_OPTS"), true);
$c = qbo_connect($opts);
$st = qbo_push($c, "customer", ["id" => "d1", "email" => getenv("QBO_030_TAG") . "@example.com",
    "first_name" => "Deferred", "last_name" => getenv("QBO_030_TAG")]);
echo "state at return: ", $st["state"], ", queued: ", var_export($st["queued"], true), "\n";
');
// the same PHP with the same -d settings as this test (run-tests.php exports them);
// when qbosync comes from php.ini, the child loads it the same way
$args = (string)getenv('TEST_PHP_EXTRA_ARGS');
// (a command array: no shell between, which valgrind would trace too)
$cmd = array_merge([PHP_BINARY], str_contains($args, 'qbosync') ? array_values(array_filter(str_getcsv($args, ' ', '"'), fn($a) => $a !== '')) : [], [$child]);
$env = ['QBO_030_OPTS' => json_encode(['delivery' => 'deferred'] + $opts), 'QBO_030_TAG' => "deferred-$tag"] + getenv();
$p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, null, $env);
echo stream_get_contents($pipes[1]);
$err = stream_get_contents($pipes[2]);
echo 'child exit: ', proc_close($p), $err !== '' ? " stderr: $err" : '', "\n";
unlink($child);
$found = qbo_test_query($realm, "select * from Customer where DisplayName like '%deferred-$tag%'");
echo 'in QBO: ', count($found), "\n";
$c = qbo_connect($opts);
$e = qbo_entities($c, ['kind' => 'customer', 'id' => 'd1']);
echo 'state now: ', $e[0]['state'], "\n";
?>
--EXPECT--
state at return: Not Tried, queued: true
child exit: 0
in QBO: 1
state now: Synced
