<?php
/*
 * qbosync for WHMCS: the addon's configuration fields, its lifecycle (activate,
 * deactivate, upgrade), the admin page (Setup > Addon Modules > qbosync) and its sidebar.
 * The sync itself is the qbosync PHP extension; hooks.php hands WHMCS's events to it.
 */
if (!defined('WHMCS')) {
    die('This file cannot be accessed directly');
}
require_once __DIR__ . '/lib/addon.php';

function qbosync_config(): array
{
    return [
        'name' => 'qbosync (QuickBooks Online)',
        'description' => 'Keeps WHMCS clients, invoices, payments and refunds in sync with QuickBooks Online.',
        'author' => 'qbosync',
        'language' => 'english',
        'version' => '1.0',
        'fields' => [
            'environment' => ['FriendlyName' => 'Environment', 'Type' => 'text', 'Size' => '40', 'Default' => 'production',
                'Description' => 'production, sandbox, or the URL of a local QBO sandbox'],
            'client_id' => ['FriendlyName' => 'Client ID', 'Type' => 'text', 'Size' => '60', 'Default' => '',
                'Description' => 'Your Intuit app\'s Client ID'],
            'client_secret' => ['FriendlyName' => 'Client Secret', 'Type' => 'password', 'Size' => '60', 'Default' => '',
                'Description' => 'Your Intuit app\'s Client Secret'],
            'encryption_key' => ['FriendlyName' => 'Encryption key', 'Type' => 'password', 'Size' => '70', 'Default' => '',
                'Description' => '64 hex digits sealing the QuickBooks tokens (or leave empty and set qbosync.encryption_key in php.ini)'],
            'store' => ['FriendlyName' => 'Store', 'Type' => 'text', 'Size' => '60', 'Default' => '',
                'Description' => 'The SQLite file of the sync state, outside the web root (e.g. /var/lib/qbosync/whmcs.sqlite); '
                    . 'Settings & Logs can switch to WHMCS\'s own database'],
            'delivery' => ['FriendlyName' => 'Delivery', 'Type' => 'dropdown', 'Options' => 'deferred,worker,inline', 'Default' => 'deferred',
                'Description' => 'deferred: sent at the end of the page; worker: sent by the cron or bin/qbosync worker; inline: during the hook'],
            'webhook_verifier' => ['FriendlyName' => 'Webhook verifier token', 'Type' => 'password', 'Size' => '60', 'Default' => '',
                'Description' => 'From your Intuit app\'s Webhooks page; the webhook URL is index.php?m=qbosync&webhook=1 under your WHMCS URL'],
            'redirect_uri' => ['FriendlyName' => 'Redirect URI', 'Type' => 'text', 'Size' => '70', 'Default' => '',
                'Description' => 'Leave empty for the admin area\'s callback (Settings & Logs shows the URI to register with Intuit)'],
        ],
    ];
}

function qbosync_activate(): array
{
    try {
        QbosyncAddon::createTables();
    } catch (\Throwable $e) {
        return ['status' => 'error', 'description' => 'qbosync could not create its settings table: ' . $e->getMessage()];
    }
    if (!extension_loaded('qbosync')) {
        return ['status' => 'info', 'description' => 'qbosync is active, but the qbosync PHP extension is not loaded: '
            . 'add extension=qbosync.so to php.ini (CLI and web) and restart PHP.'];
    }
    return ['status' => 'success', 'description' => 'qbosync is active: open Addons > qbosync > Settings & Logs to connect QuickBooks.'];
}

function qbosync_deactivate(): array
{
    try {
        QbosyncAddon::dropTables();
    } catch (\Throwable $e) {
        return ['status' => 'error', 'description' => 'qbosync could not drop its settings table: ' . $e->getMessage()];
    }
    return ['status' => 'success', 'description' => 'qbosync is deactivated; the sync store and QuickBooks are left as they are.'];
}

function qbosync_upgrade(array $vars)
{
    // every version keeps the settings table; new columns or tables are added here by version
    QbosyncAddon::createTables();
}

function qbosync_output(array $vars): void
{
    (new QbosyncAddon($vars))->run();
}

/**
 * QuickBooks' webhook endpoint: index.php?m=qbosync&webhook=1 (WHMCS routes the client
 * area of an addon here). The body is checked against the verifier token and each change
 * is stored as pull work; anything else on this URL is a 404.
 */
function qbosync_clientarea(array $vars)
{
    if (isset($_GET['webhook']) && ($_SERVER['REQUEST_METHOD'] ?? '') === 'POST') {
        [$status, $answer] = QbosyncAddon::webhook((string)file_get_contents('php://input'), (string)($_SERVER['HTTP_INTUIT_SIGNATURE'] ?? ''));
        QbosyncAddon::json($answer, $status);
    }
    QbosyncAddon::json(['error' => 'not found'], 404);
}

function qbosync_sidebar(array $vars): string
{
    $a = new QbosyncAddon($vars);
    $out = '<div class="qs-sidebar"><strong>' . QbosyncAddon::h($a->t('sidebar_title')) . '</strong><ul>';
    foreach (QbosyncAddon::PAGES as $p => $key) {
        $out .= '<li><a href="' . QbosyncAddon::h($a->link($p)) . '">' . QbosyncAddon::h($a->t($key)) . '</a></li>';
    }
    return $out . '</ul></div>';
}
