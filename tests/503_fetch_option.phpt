--TEST--
The fetch option: a callable (else a TypeError at qbo_connect), held by the request's Connection object (replaced by a later qbo_connect, gone with the object, collected with a cycle), and WHMCS's localAPI when none is given
--FILE--
<?php
require __DIR__ . '/hook.inc';
$opts = qbo_test_options(['delivery' => 'inline']);
try {
    qbo_connect(['fetch' => 'no_such_function'] + $opts);
} catch (TypeError $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}
$seen = [];
$mk = function (string $name) use (&$seen) {
    return function (string $cmd, array $p) use ($name, &$seen) {
    $seen[] = "$name:$cmd";
        return hook_client((int)$p['clientid']);
    };
};
$a = qbo_connect(['fetch' => $mk('first')] + $opts);
qbo_hook($a, 'ClientEdit', ['userid' => 1]);
$b = qbo_connect(['fetch' => $mk('second')] + $opts);   // same options: the same object, its fetch replaced
echo "same object: ", var_export($a === $b, true), "\n";
qbo_hook($b, 'ClientEdit', ['userid' => 2]);
unset($a, $b);
// the cached engine lives on; a new object has no fetch of its own, and there is no localAPI yet
$c = qbo_connect($opts);
$s = qbo_hook($c, 'ClientEdit', ['userid' => 3]);
echo "without fetch: {$s['state']} - {$s['reason']}\n";
if (true) {   // defined from here on, as WHMCS's init.php does
    function localAPI(string $command, array $params = [], string $admin = ''): array
    {
        $GLOBALS['seen'][] = "localAPI:$command";
        return hook_client((int)$params['clientid']);
    }
}
$s = qbo_hook($c, 'ClientEdit', ['userid' => 4]);
echo "with localAPI: {$s['kind']} {$s['id']} {$s['state']}\n";
echo "fetched by: ", implode(' ', $seen), "\n";
unset($c);
// a fetch closure that captures its own connection: a cycle the collector frees
$d = qbo_connect(['fetch' => function (string $cmd, array $p) use (&$d) { return hook_client(5); }] + $opts);
$ref = WeakReference::create($d);
unset($d);
echo "collected: ", gc_collect_cycles() > 0 && $ref->get() === null ? 'yes' : 'no', "\n";
?>
--EXPECTF--
TypeError: qbo_connect(): Argument #1 ($options) option "fetch" must be a callable (like WHMCS's localAPI: fn(string $command, array $params): array), string given
same object: true
without fetch: Error - No fetch: pass the option fetch to qbo_connect (a callable like WHMCS's localAPI)
with localAPI: customer 4 %s
fetched by: first:GetClientsDetails second:GetClientsDetails localAPI:GetClientsDetails
collected: yes
