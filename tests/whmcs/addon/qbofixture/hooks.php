<?php
/* The fixture addon's hooks.php: one qbo_hook line per WHMCS hook (as in the README). */
if (!defined('WHMCS')) {
    die('This file cannot be accessed directly');
}
$settings = whmcs_addon_settings('qbofixture');
$conn = qbo_connect(['store' => $settings['store'], 'delivery' => $settings['delivery']] + $GLOBALS['qbofixture_connect']);
foreach (['ClientAdd', 'ClientEdit', 'InvoiceCreated', 'AddTransaction', 'InvoicePaid', 'AfterCronJob'] as $event) {
    add_hook($event, 1, fn($vars) => qbo_hook($conn, $event, $vars));
}
