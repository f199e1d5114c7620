--TEST--
WHMCS harness: seeded random billing runs (tests/whmcs/random_day.inc) under faults on QuickBooks' writes (answers lost after QBO committed, HTML 408/502, 500, 503, 429, timeouts, truncated bodies, unusable Ids): once the faults stop and the cron drains the outbox, every record is in its end state, QBO holds each once, each record's money and every reconciliation line equal WHMCS's
--ENV--
TEST_TIMEOUT=300
--FILE--
<?php
require __DIR__ . '/random_day.inc';
foreach ([22, 25, 9] as $seed) {
    $run = whmcs_random_run($seed, 200);
    $faults = array_sum(array_filter($run->ran, fn($k) => str_starts_with($k, 'fault '), ARRAY_FILTER_USE_KEY));
    $kinds = count(array_filter(array_keys($run->ran), fn($k) => !str_starts_with($k, 'fault ')));
    echo "seed $seed: faults put on > 10: ", var_export($faults > 10, true), ", kinds of event > 12: ", var_export($kinds > 12, true), "\n";
    $bad = whmcs_random_check($run);
    echo $bad ? "seed $seed:\n  " . implode("\n  ", $bad) . "\n" : "seed $seed: books match\n";
}
?>
--EXPECT--
seed 22: faults put on > 10: true, kinds of event > 12: true
seed 22: books match
seed 25: faults put on > 10: true, kinds of event > 12: true
seed 25: books match
seed 9: faults put on > 10: true, kinds of event > 12: true
seed 9: books match
