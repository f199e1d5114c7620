<?php
/* A minimal addon for the harness's lifecycle test: config, activate, deactivate, upgrade. */
if (!defined('WHMCS')) {
    die('This file cannot be accessed directly');
}

function qbofixture_config(): array
{
    return ['name' => 'qbosync fixture', 'description' => 'Harness fixture', 'author' => 'qbosync', 'language' => 'english',
        'version' => $GLOBALS['qbofixture_version'] ?? '1.0',
        'fields' => [
            'store' => ['FriendlyName' => 'Store', 'Type' => 'text', 'Size' => '60', 'Default' => ''],
            'delivery' => ['FriendlyName' => 'Delivery', 'Type' => 'dropdown', 'Options' => 'inline,deferred,worker', 'Default' => 'worker'],
        ]];
}

function qbofixture_activate(): array
{
    whmcs()->exec('CREATE TABLE IF NOT EXISTS mod_qbofixture(id INTEGER PRIMARY KEY, note TEXT)');
    return ['status' => 'success', 'description' => 'qbosync fixture activated'];
}

function qbofixture_deactivate(): array
{
    whmcs()->exec('DROP TABLE IF EXISTS mod_qbofixture');
    return ['status' => 'success', 'description' => 'qbosync fixture deactivated'];
}

function qbofixture_upgrade(array $vars): array
{
    whmcs()->exec('INSERT INTO mod_qbofixture(note) VALUES(?)', ['upgraded from ' . $vars['version']]);
    return ['status' => 'success'];
}
