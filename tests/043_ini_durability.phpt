--TEST--
qbosync.durability: "process" by default, "power" accepted (and SQLite's names "normal" and "full" for the two), anything else refused at startup with a warning naming the accepted values; a push is recorded under each
--INI--
qbosync.durability=sometimes
display_startup_errors=1
--FILE--
<?php
require __DIR__ . '/engine.inc';
echo "refused value leaves: ", ini_get('qbosync.durability'), "\n";
foreach (['power', 'process', 'full', 'normal'] as $v) {
    $code = '$c = qbo_connect(' . var_export(qbo_test_options(['delivery' => 'worker']), true) . ');'
        . '$s = qbo_push($c, "customer", ["id" => "1", "first_name" => "D", "email" => "d@example.com"]);'
        . 'echo ini_get("qbosync.durability"), ": ", $s["state"], ", queued ", var_export($s["queued"], true);';
    $cmd = array_merge(eng_php_command(), ['-d', "qbosync.durability=$v", '-r', $code]);
    $p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    echo stream_get_contents($pipes[1]), stream_get_contents($pipes[2]), "\n";
    proc_close($p);
}
?>
--EXPECTF--
%AWarning: PHP Startup: qbosync.durability must be "process" (or "normal") or "power" (or "full"), "sometimes" given in %s
refused value leaves: process
power: Not Tried, queued true
process: Not Tried, queued true
full: Not Tried, queued true
normal: Not Tried, queued true
