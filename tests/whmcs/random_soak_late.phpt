--TEST--
WHMCS harness: seeded random billing runs in which the addon is installed a third of the way in (until then the hooks do nothing): the history push through WHMCS's localAPI brings what WHMCS holds, under faults on QuickBooks' writes, the hooks take over, and after the drain every record is in QBO once (those made by the push and later changed through the hooks too), each record's money and every reconciliation line equal WHMCS's
--ENV--
TEST_TIMEOUT=300
--FILE--
<?php
require __DIR__ . '/random_day.inc';
foreach ([1, 5, 3] as $seed) {
    $run = whmcs_random_run($seed, 150, ['late' => true]);
    $install = array_values(array_filter($run->trace, fn($l) => str_contains($l, ' install ')))[0] ?? '';
    preg_match('/history (\w+) (\{.*\})/', $install, $m);
    $counts = json_decode($m[2] ?? '{}', true);
    echo "seed $seed: history ", $m[1] ?? '?', ", created > 10: ", var_export(($counts['created'] ?? 0) > 10, true), "\n";
    $bad = whmcs_random_check($run);
    echo $bad ? "seed $seed:\n  " . implode("\n  ", $bad) . "\n" : "seed $seed: books match\n";
}
?>
--EXPECT--
seed 1: history done, created > 10: true
seed 1: books match
seed 5: history done, created > 10: true
seed 5: books match
seed 3: history done, created > 10: true
seed 3: books match
