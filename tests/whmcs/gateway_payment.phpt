--TEST--
WHMCS harness: a sign-up, an invoice and a gateway payment in WHMCS's hook order end Synced, with QBO's books equal to WHMCS's
--FILE--
<?php
require __DIR__ . '/scenario.inc';
$run = whmcs_run_scenario('gateway_payment.json');
echo "hooks fired: ", implode(' ', array_unique($run->w->fired)), "\n";
$c = eng_qbo_all($run->realm, 'Customer');
foreach ($c as $row) if (($row['PrimaryEmailAddr']['Address'] ?? '') === 'ann@example.com') echo "QBO customer: {$row['DisplayName']}\n";
?>
--EXPECT--
