--TEST--
The engine cache outlives the request: a second request with the same options reuses the engine (PHP's built-in server, one process)
--FILE--
<?php
require __DIR__ . '/qbo.inc';
$tag = bin2hex(random_bytes(4));
$dir = sys_get_temp_dir() . "/qbosync-033-$tag";
mkdir($dir);
$opts = [
    'a' => ['store' => "$dir/a.sqlite", 'client_id' => 'across-a', 'client_secret' => 'sa'],
    'b' => ['store' => "$dir/b.sqlite", 'client_id' => 'across-b', 'client_secret' => 'sb'],
];
file_put_contents("$dir/router.php", '<?php
$opts = json_decode(getenv("QBO_033_OPTS"), true);
$c = qbo_connect($opts[$_GET["o"]]);
ob_start();
phpinfo(INFO_MODULES);
$info = strip_tags(ob_get_clean());
preg_match("/Cached connections \(this process\)\D*(\d+)/", $info, $cached);
preg_match("/Engines opened \(this process\)\D*(\d+)/", $info, $opened);
echo getmypid(), " cached=", $cached[1], " opened=", $opened[1];
');
$probe = stream_socket_server('tcp://127.0.0.1:0');
$addr = stream_socket_get_name($probe, false);
fclose($probe);
$args = (string)getenv('TEST_PHP_EXTRA_ARGS');
// (a command array: no shell between, which valgrind would trace too)
$cmd = array_merge([PHP_BINARY], str_contains($args, 'qbosync') ? array_values(array_filter(str_getcsv($args, ' ', '"'), fn($a) => $a !== '')) : [],
    ['-S', $addr, "$dir/router.php"]);
$env = getenv();
unset($env['PHP_CLI_SERVER_WORKERS']);
$env['QBO_033_OPTS'] = json_encode($opts);
$server = proc_open($cmd, [0 => ['file', '/dev/null', 'r'], 1 => ['file', '/dev/null', 'w'], 2 => ['file', "$dir/err.log", 'w']], $pipes, $dir, $env);
$get = function (string $o) use ($addr): string {
    // up to 60 s for the server to listen: under valgrind on a loaded machine its start alone can take 5 s and more
    for ($i = 0; $i < 1200; $i++) {
        $r = @file_get_contents("http://$addr/router.php?o=$o");
        if ($r !== false) {
            return $r;
        }
        usleep(50000);
    }
    return 'no answer';
};
$pids = [];
foreach (['a', 'a', 'b', 'a', 'b'] as $o) {
    [$pid, $rest] = explode(' ', $get($o), 2) + [1 => ''];
    $pids[$pid] = true;
    echo "$o: $rest\n";
}
echo 'processes: ', count($pids), "\n";
proc_terminate($server, SIGINT);   // the CLI server shuts down cleanly on SIGINT
proc_close($server);
foreach (glob("$dir/*") as $f) {
    unlink($f);
}
rmdir($dir);
?>
--EXPECT--
a: cached=1 opened=1
a: cached=1 opened=1
b: cached=2 opened=2
a: cached=2 opened=2
b: cached=2 opened=2
processes: 1
