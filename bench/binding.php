<?php
// bench/binding.php: what the Zend binding itself costs per call: qbo_connect()
// on a cached engine (same object, and a fresh object on the cached engine),
// zval -> json-c conversion of an invoice document (pushed queue-only, so the
// core's validation and the SQLite commit are in the figure too), qbo_status()
// and qbo_entities() conversion back to arrays. No network: worker delivery.
// Run: bench/run binding [N]   (or php -d extension=modules/qbosync.so bench/binding.php [N])
$n = max(100, (int)($argv[1] ?? 5000));
$store = tempnam(sys_get_temp_dir(), 'qbobench') . '.sqlite';
register_shutdown_function(static function () use ($store) {
    foreach (['', '-wal', '-shm'] as $s) {
        @unlink($store . $s);
    }
});
$opts = ['store' => $store, 'client_id' => 'bench', 'client_secret' => 'bench-secret', 'delivery' => 'worker',
    'encryption_key' => str_repeat('ab', 32)];

function per_call(string $what, int $n, callable $fn): void
{
    $t = hrtime(true);
    for ($i = 0; $i < $n; $i++) {
        $fn($i);
    }
    $us = (hrtime(true) - $t) / 1e3 / $n;
    printf("%-58s %10.2f us/call  (%d calls)\n", $what, $us, $n);
}

$keep = qbo_connect($opts);
per_call('qbo_connect, same options, object alive (same object)', $n, fn() => qbo_connect($opts));
unset($keep);
per_call('qbo_connect, same options, object freed (cached engine)', $n, function () use ($opts) {
    $c = qbo_connect($opts);
    unset($c);
});
$c = qbo_connect($opts);
qbo_push($c, 'customer', ['id' => 'c1', 'email' => 'bench@example.com', 'first_name' => 'Bench', 'last_name' => 'Mark']);
$lines = [];
for ($l = 0; $l < 10; $l++) {
    $lines[] = ['item' => "p$l", 'description' => "Hosting plan $l", 'quantity' => '1', 'unit_price' => '10.00', 'amount' => '10.00'];
}
per_call('qbo_push invoice (10 lines), queue only', $n, function ($i) use ($c, $lines) {
    qbo_push($c, 'invoice', ['id' => "inv$i", 'customer' => 'c1', 'date' => '2026-11-23', 'status' => 'unpaid',
        'lines' => $lines, 'subtotal' => '100.00', 'tax_total' => '0.00', 'total' => '100.00'], QBO_QUEUE_ONLY);
});
per_call('qbo_status', $n, fn() => qbo_status($c));
$m = min($n, 200);
$count = count(qbo_entities($c));
per_call("qbo_entities ($count rows to PHP arrays)", $m, fn() => qbo_entities($c));
