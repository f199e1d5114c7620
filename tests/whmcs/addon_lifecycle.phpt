--TEST--
WHMCS harness: the addon lifecycle (_config fields into tbladdonmodules, _activate, hooks.php registering qbo_hook, _upgrade with the old version, _deactivate) and a lower priority hook running first
--FILE--
<?php
require __DIR__ . '/../engine.inc';
require __DIR__ . '/whmcs.inc';
$realm = qbo_test_company();
$opts = qbo_test_options();
[$c] = qbo_test_connect($opts, $realm);
unset($c);
$GLOBALS['qbofixture_connect'] = array_diff_key($opts, ['store' => 1, 'delivery' => 1]);
$dir = __DIR__ . '/addon/qbofixture';
$order = [];
add_hook('ClientAdd', 5, function ($v) use (&$order) { $order[] = 'priority 5'; });
add_hook('ClientAdd', -1, function ($v) use (&$order) { $order[] = 'priority -1'; });
$r = whmcs_addon_activate($dir, 'qbofixture', ['store' => $opts['store'], 'delivery' => 'worker']);
echo "activate: {$r['status']} - {$r['description']}\n";
echo "settings: ", json_encode(array_diff_key(whmcs_addon_settings('qbofixture'), ['store' => 1])), "\n";
$id = whmcs()->addClient(['firstname' => 'Ada', 'lastname' => 'Byron', 'email' => 'ada@example.com']);
echo "ClientAdd ran: ", implode(', ', $order), "\n";
$conn = qbo_connect(['store' => $opts['store'], 'delivery' => 'worker'] + $GLOBALS['qbofixture_connect']);
whmcs()->cron();
$e = qbo_entities($conn, ['kind' => 'customer', 'id' => (string)$id]);
echo "customer $id after the cron: {$e[0]['state']}\n";
$GLOBALS['qbofixture_version'] = '1.1';
$u = whmcs_addon_upgrade($dir, 'qbofixture');
echo "upgrade: {$u['status']}, ", whmcs()->one('SELECT note FROM mod_qbofixture')['note'], ", now ", whmcs_addon_settings('qbofixture')['version'], "\n";
$d = whmcs_addon_deactivate($dir, 'qbofixture');
echo "deactivate: {$d['description']}, settings left: ", count(whmcs_addon_settings('qbofixture')), ", table left: ",
    count(whmcs()->q("SELECT name FROM sqlite_master WHERE name = 'mod_qbofixture'")), "\n";
?>
--EXPECT--
activate: success - qbosync fixture activated
settings: {"delivery":"worker","version":"1.0"}
ClientAdd ran: priority -1, priority 5
customer 1 after the cron: Synced
upgrade: success, upgraded from 1.0, now 1.1
deactivate: qbosync fixture deactivated, settings left: 0, table left: 0
