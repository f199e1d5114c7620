<?php
/*
 * qbosync's WHMCS hooks: every accounting event goes to qbo_hook, which reads the records
 * through localAPI and records (or sends, per the delivery mode) what QuickBooks needs.
 * qbo_hook never throws into WHMCS; the connection is made on the first event of a request.
 */
if (!defined('WHMCS')) {
    die('This file cannot be accessed directly');
}
require_once __DIR__ . '/lib/addon.php';

if (extension_loaded('qbosync')) {
    foreach (QbosyncAddon::EVENTS as $qbosyncEvent) {
        add_hook($qbosyncEvent, 1, static function ($vars) use ($qbosyncEvent) {
            $conn = QbosyncAddon::hookConnection();
            return $conn ? qbo_hook($conn, $qbosyncEvent, is_array($vars) ? $vars : []) : null;
        });
    }
    unset($qbosyncEvent);
}
