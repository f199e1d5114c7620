--TEST--
WHMCS harness: a seeded random run (seed 1049, 150 events, admin actions, taxes, clients in EUR, the addon installed late, faults on QuickBooks' writes) in which an invoice written off by the history push is taken out of Collections (the reversal throttled), edited, and put back: the edit's read-back counts the write-off QBO still applies instead of calling the invoice a Mismatch (which held the new write-off for ever), and after the drain the books match
--ENV--
TEST_TIMEOUT=300
--FILE--
<?php
require __DIR__ . '/random_day.inc';
$run = whmcs_random_run(1049, 150, ['admin' => true, 'taxes' => true, 'currencies' => true, 'late' => true]);
echo "collections, out and back: ", var_export(($run->ran['collections'] ?? 0) >= 2 && ($run->ran['uncollections'] ?? 0) >= 1, true), "\n";
$bad = whmcs_random_check($run);
echo $bad ? "seed 1049:\n  " . implode("\n  ", $bad) . "\n" : "seed 1049: books match\n";
?>
--EXPECT--
collections, out and back: true
seed 1049: books match
