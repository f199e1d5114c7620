<?php
// bench/map.php: what validation and normalisation of canonical documents cost
// through qbo_push: refused documents (ValidationException, nothing written:
// pure qs_map cost plus the zval -> json-c conversion) and accepted ones pushed
// queue-only (qs_map + hash + the store's commit). No network.
// Run: bench/run map [N]   (or php -d extension=modules/qbosync.so bench/map.php [N])
$n = max(100, (int)($argv[1] ?? 20000));
$store = tempnam(sys_get_temp_dir(), 'qbobench') . '.sqlite';
register_shutdown_function(static function () use ($store) {
    foreach (['', '-wal', '-shm'] as $s) {
        @unlink($store . $s);
    }
});
$conn = qbo_connect(['store' => $store, 'client_id' => 'bench-map', 'client_secret' => 'bench-secret',
    'delivery' => 'worker', 'encryption_key' => str_repeat('cd', 32)]);

$invoice = static fn(int $i, string $total) => [
    'id' => $i, 'customer' => 17, 'number' => 'INV-' . $i, 'date' => '2026-11-23', 'due' => '2026-12-07',
    'status' => 'unpaid',
    'lines' => [
        ['item' => 'vps', 'description' => 'VPS (November)', 'quantity' => '1', 'unit_price' => '80.00', 'amount' => '80.00', 'taxable' => true],
        ['item' => 'backup', 'description' => 'Backup', 'quantity' => '2', 'unit_price' => '5.00', 'amount' => '10.00'],
        ['description' => 'Support', 'quantity' => '1.5', 'unit_price' => '33.33', 'amount' => '50.00'],
        ['description' => 'Welcome discount', 'kind' => 'discount', 'amount' => '-10.00'],
    ],
    'taxes' => [['tax' => 'state', 'rate' => '6.25', 'amount' => '5.00']],
    'subtotal' => '130.00', 'tax_total' => '5.00', 'total' => $total,
];

function per_call(string $what, int $n, callable $fn): void
{
    $t = hrtime(true);
    for ($i = 0; $i < $n; $i++) {
        $fn($i);
    }
    printf("%-62s %8.2f us/call  (%d calls)\n", $what, (hrtime(true) - $t) / 1e3 / $n, $n);
}

$refused = 0;
per_call('invoice (4 lines) refused: total does not match the lines', $n, function (int $i) use ($conn, $invoice, &$refused) {
    try {
        qbo_push($conn, 'invoice', $invoice($i, '999.00'));
    } catch (QboSync\ValidationException $e) {
        $refused++;
    }
});
per_call('customer refused: invalid email', $n, function (int $i) use ($conn, &$refused) {
    try {
        qbo_push($conn, 'customer', ['id' => $i, 'email' => 'jane@', 'first_name' => 'Jane', 'last_name' => 'Doe']);
    } catch (QboSync\ValidationException $e) {
        $refused++;
    }
});
per_call('invoice (4 lines) accepted, queue-only (validate + hash + commit)', $n,
    fn(int $i) => qbo_push($conn, 'invoice', $invoice($i, '135.00'), QBO_QUEUE_ONLY));
echo "refused: $refused of ", 2 * $n, "; recorded: ", qbo_status($conn)['queued'], "\n";
