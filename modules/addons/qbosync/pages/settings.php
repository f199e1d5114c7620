<?php
/* Settings & Logs: connect through the OAuth redirect (and its callback), disconnect, the
 * sync start date, the payment-method filter, the refund account, the store (a SQLite
 * file or WHMCS's own database), Run Cron, Unlock, and the log with its filters. */
if (!defined('WHMCS')) {
    die('This file cannot be accessed directly');
}
require_once __DIR__ . '/mappings.php';

/** The OAuth redirect: Intuit sends the admin back here with code, state and realmId. */
function qbosync_page_callback(QbosyncAddon $a): void
{
    $c = $a->conn();
    if (!$c) {
        QbosyncAddon::flash('err', $a->t('cannot_connect', (string)$a->connectionError()));
    } elseif (QbosyncAddon::get('error') !== '') {
        QbosyncAddon::flash('err', $a->t('oauth_denied', QbosyncAddon::get('error')));
    } else {
        try {
            // the state is single-use and kept in the store: it is this flow's CSRF check
            $st = qbo_oauth_exchange($c, QbosyncAddon::get('code'), QbosyncAddon::get('state'), QbosyncAddon::get('realmId'));
            QbosyncAddon::flash('ok', $a->t('connected_to', $st['realm'] ?? QbosyncAddon::get('realmId')));
        } catch (\Throwable $e) {
            QbosyncAddon::flash('err', $a->t('oauth_failed', $e->getMessage()));
        }
    }
    $a->redirect($a->link('settings'));
}

function qbosync_settings_post(QbosyncAddon $a, ?\QboSync\Connection $c): void
{
    $action = QbosyncAddon::post('action');
    try {
        switch ($action) {
            case 'connect':
                if (!$c) {
                    throw new \RuntimeException((string)$a->connectionError());
                }
                $a->redirect(qbo_oauth_url($c));
                return;
            case 'disconnect':
                qbo_disconnect($c);
                QbosyncAddon::flash('ok', $a->t('disconnected'));
                break;
            case 'save':
                $start = QbosyncAddon::post('sync_start');
                if ($start !== '' && !preg_match('/^\d{4}-\d{2}-\d{2}$/', $start)) {
                    throw new \InvalidArgumentException($a->t('bad_date', $start));
                }
                QbosyncAddon::saveSetting('sync_start', $start);
                $methods = array_filter(array_map('strval', (array)($_POST['exclude'] ?? [])), fn($m) => preg_match('/^[A-Za-z0-9_.-]{1,64}$/', $m));
                QbosyncAddon::saveSetting('exclude_methods', implode(', ', $methods));
                $store = QbosyncAddon::post('store_choice') === 'whmcs' ? 'whmcs' : 'file';
                QbosyncAddon::saveSetting('store_choice', $store);
                if ($c && ($refund = QbosyncAddon::post('refund_account')) !== '') {
                    qbo_map($c, 'account', '*', $refund, ['purpose' => 'refund']);
                }
                QbosyncAddon::flash('ok', $a->t('settings_saved'));
                break;
            case 'cron':
                $r = qbo_sync($c, ['time_budget' => 20]);
                QbosyncAddon::flash('ok', $a->t('cron_ran', $r['delivered'] ?? 0, $r['errors'] ?? 0, $r['remaining'] ?? 0));
                break;
            case 'unlock':
                if (!function_exists('qbo_unlock')) {
                    throw new \RuntimeException($a->t('not_available', 'qbo_unlock'));
                }
                QbosyncAddon::flash('ok', $a->t(qbo_unlock($c) ? 'unlocked' : 'no_lock'));
                break;
        }
    } catch (\Throwable $e) {
        QbosyncAddon::flash('err', $e->getMessage());
    }
    $a->redirect($a->link('settings'));
}

function qbosync_page_settings(QbosyncAddon $a): void
{
    $h = [QbosyncAddon::class, 'h'];
    $c = $a->conn();
    if ($_SERVER['REQUEST_METHOD'] === 'POST') {
        qbosync_settings_post($a, $c);
        return;
    }
    $fields = QbosyncAddon::moduleFields();
    echo '<h2>', $h($a->t('settings_title')), '</h2>';
    $st = $c ? qbo_status($c) : ['status' => 'Not Connected', 'message' => null, 'realm' => null];
    $post = '<form method="post" class="qs-inline" action="' . $h($a->link('settings')) . '">' . QbosyncAddon::tokenField();
    echo '<h3>', $h($a->t('connection')), '</h3><p id="qs-conn-status">', QbosyncAddon::stateBadge($st['status']), ' ',
        $st['realm'] ? $h($a->t('realm', $st['realm'])) : '', ' ', $h((string)($st['message'] ?? '')), '</p>';
    echo '<table class="qs-facts"><tr><th>', $h($a->t('environment')), '</th><td>', $h($fields['environment'] ?? ''), '</td></tr><tr><th>',
        $h($a->t('client_id')), '</th><td>', $h($fields['client_id'] ?? ''), '</td></tr><tr><th>', $h($a->t('client_secret')), '</th><td>',
        $h(($fields['client_secret'] ?? '') !== '' ? $a->t('is_set') : $a->t('is_not_set')), '</td></tr><tr><th>', $h($a->t('encryption_key')),
        '</th><td>', $h(($fields['encryption_key'] ?? '') !== '' ? $a->t('is_set') : $a->t('is_not_set')), '</td></tr><tr><th>',
        $h($a->t('redirect_uri')), '</th><td><code>', $h(QbosyncAddon::redirectUri($fields)), '</code> <span class="qs-hint">',
        $h($a->t('register_redirect')), '</span></td></tr></table>';
    if ($c) {
        echo $post, '<input type="hidden" name="action" value="connect"><button id="qs-connect">',
            $h($a->t($st['status'] === 'Active' ? 'reconnect' : 'connect_qbo')), '</button></form> ';
        if ($st['status'] === 'Active' || $st['status'] === 'Error') {
            echo $post, '<input type="hidden" name="action" value="disconnect"><button class="qs-plain" id="qs-disconnect" onclick="return confirm(',
                $h(json_encode($a->t('confirm_disconnect'))), ')">', $h($a->t('disconnect')), '</button></form> ';
        }
        echo $post, '<input type="hidden" name="action" value="cron"><button class="qs-plain" id="qs-run-cron">', $h($a->t('run_cron')), '</button></form> ';
        echo $post, '<input type="hidden" name="action" value="unlock"><button class="qs-plain" id="qs-unlock"',
            function_exists('qbo_unlock') ? '' : ' disabled title="' . $h($a->t('not_available', 'qbo_unlock')) . '"', '>', $h($a->t('unlock')), '</button></form>';
        if (function_exists('qbo_status') && isset($st['worker']) && $st['worker']) {
            $w = $st['worker'];
            echo '<p class="qs-hint">', $h($a->t('worker_lock', $w['owner'] ?? '', $w['host'] ?? '', $w['pid'] ?? '', $w['heartbeat'] ?? '')), '</p>';
        }
    }

    // the sync settings
    $gateways = QbosyncAddon::rows("SELECT gateway, value FROM tblpaymentgateways WHERE setting = 'name' ORDER BY gateway");
    $excluded = array_map('trim', explode(',', QbosyncAddon::setting('exclude_methods')));
    $choice = QbosyncAddon::setting('store_choice', 'file');
    echo '<h3>', $h($a->t('sync_settings')), '</h3><form method="post" action="', $h($a->link('settings')), '" id="qs-settings">', QbosyncAddon::tokenField(),
        '<input type="hidden" name="action" value="save"><table><tr><th>', $h($a->t('sync_start')), '</th><td><input type="date" name="sync_start" value="',
        $h(QbosyncAddon::setting('sync_start')), '"> <span class="qs-hint">', $h($a->t('sync_start_hint')), '</span></td></tr><tr><th>',
        $h($a->t('exclude_methods')), '</th><td>';
    foreach ($gateways as $g) {
        echo '<label><input type="checkbox" name="exclude[]" value="', $h($g['gateway']), '"', in_array($g['gateway'], $excluded, true) ? ' checked' : '',
            '> ', $h($g['value']), '</label> ';
    }
    echo '<div class="qs-hint">', $h($a->t('exclude_hint')), '</div></td></tr><tr><th>', $h($a->t('acc_refund')), '</th><td>';
    if ($c) {
        $refund = qbosync_mapped($c, 'account')['*|refund'] ?? null;
        $banks = qbosync_reference($c, 'account');
        $banks = $banks === null ? null : array_values(array_filter($banks, fn($r) => ($r['account_type'] ?? '') === 'Bank'));
        echo qbosync_mapping_cell($a, $refund), ' ', qbosync_picker($a, 'refund_account', $banks, '', false);
    }
    echo '</td></tr><tr><th>', $h($a->t('store')), '</th><td><label><input type="radio" name="store_choice" value="file"', $choice === 'file' ? ' checked' : '', '> ',
        $h($a->t('store_file', $fields['store'] ?? '')), '</label><br><label><input type="radio" name="store_choice" value="whmcs"', $choice === 'whmcs' ? ' checked' : '', '> ',
        $h($a->t('store_whmcs')), '</label><div class="qs-hint">', $h($a->t('store_hint')), '</div></td></tr></table><button>', $h($a->t('save')), '</button></form>';

    // the log
    echo '<h3>', $h($a->t('log')), '</h3>';
    if (!$c) {
        return;
    }
    $kind = QbosyncAddon::get('log_kind');
    $id = QbosyncAddon::get('log_id');
    $level = QbosyncAddon::get('log_level');
    $limit = min(1000, max(10, (int)QbosyncAddon::get('log_limit', '100')));
    echo '<form method="get" id="qs-log-filter"><input type="hidden" name="module" value="qbosync"><input type="hidden" name="page" value="settings">',
        $h($a->t('kind')), ' <select name="log_kind"><option value="">', $h($a->t('all')), '</option>';
    foreach (QbosyncAddon::KINDS as $k) {
        echo '<option value="', $h($k), '"', $k === $kind ? ' selected' : '', '>', $h($a->t('kind_' . $k)), '</option>';
    }
    echo '</select> ', $h($a->t('record_id')), ' <input type="search" name="log_id" size="8" value="', $h($id), '"> ', $h($a->t('level')),
        ' <select name="log_level"><option value="">', $h($a->t('all')), '</option>';
    foreach (['info', 'warn', 'error'] as $l) {
        echo '<option', $l === $level ? ' selected' : '', '>', $h($l), '</option>';
    }
    echo '</select> ', $h($a->t('rows')), ' <input type="text" name="log_limit" size="4" value="', $h($limit), '"> <button>', $h($a->t('filter')), '</button></form>';
    $filter = array_filter(['kind' => $kind, 'id' => $id], fn($v) => $v !== '') + ['limit' => $level !== '' ? min(10000, $limit * 10) : $limit];
    try {
        $rows = qbo_log($c, $filter);
    } catch (\Throwable $e) {
        echo '<div class="qs-flash qs-err">', $h($e->getMessage()), '</div>';
        return;
    }
    if ($level !== '') {
        $rows = array_slice(array_values(array_filter($rows, fn($r) => $r['level'] === $level)), 0, $limit);
    }
    echo '<table id="qs-log"><tr><th>', $h($a->t('at')), '</th><th>', $h($a->t('level')), '</th><th>', $h($a->t('record')), '</th><th>', $h($a->t('message')), '</th></tr>';
    foreach ($rows as $r) {
        echo '<tr><td>', $h($r['at']), '</td><td>', QbosyncAddon::stateBadge(['error' => 'Error', 'warn' => 'Waiting'][$r['level']] ?? 'Not Tried'), ' ', $h($r['level']),
            '</td><td>', $h(trim(($r['kind'] ?? '') . ' ' . ($r['id'] ?? ''))), '</td><td>', $h($r['message']),
            isset($r['code']) && $r['code'] ? ' <span class="qs-hint">' . $h($a->t('qbo_code')) . ' ' . $h($r['code']) . '</span>' : '',
            isset($r['intuit_tid']) && $r['intuit_tid'] ? ' <span class="qs-hint">intuit_tid ' . $h($r['intuit_tid']) . '</span>' : '', '</td></tr>';
    }
    if (!$rows) {
        echo '<tr><td colspan="4">', $h($a->t('log_empty')), '</td></tr>';
    }
    echo '</table><p class="qs-hint">', $h($a->t('log_hint')), '</p>', qbosync_picker_script();
}
