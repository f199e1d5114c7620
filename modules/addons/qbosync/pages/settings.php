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
    // filters (each an index of the store's log: no scan of the whole log per page)
    $f = [];
    foreach (['log_kind', 'log_id', 'log_level', 'log_type', 'log_code', 'log_tid', 'log_since'] as $k) {
        $f[$k] = QbosyncAddon::get($k);
    }
    $limit = min(1000, max(10, (int)QbosyncAddon::get('log_limit', '100')));
    $offset = max(0, (int)QbosyncAddon::get('log_offset', '0'));
    echo '<form method="get" id="qs-log-filter"><input type="hidden" name="module" value="qbosync"><input type="hidden" name="page" value="settings">',
        $h($a->t('kind')), ' <select name="log_kind"><option value="">', $h($a->t('all')), '</option>';
    foreach (QbosyncAddon::KINDS as $k) {
        echo '<option value="', $h($k), '"', $k === $f['log_kind'] ? ' selected' : '', '>', $h($a->t('kind_' . $k)), '</option>';
    }
    echo '</select> ', $h($a->t('record_id')), ' <input type="search" name="log_id" size="8" value="', $h($f['log_id']), '"> ', $h($a->t('level')),
        ' <select name="log_level"><option value="">', $h($a->t('all')), '</option>';
    foreach (['info', 'warn', 'error'] as $l) {
        echo '<option value="', $h($l), '"', $l === $f['log_level'] ? ' selected' : '', '>', $h($a->t('level_' . $l)), '</option>';
    }
    echo '</select> ', $h($a->t('log_type')), ' <select name="log_type"><option value="">', $h($a->t('all')), '</option>';
    foreach (['exchange', 'decision'] as $t) {
        echo '<option value="', $h($t), '"', $t === $f['log_type'] ? ' selected' : '', '>', $h($a->t('log_type_' . $t)), '</option>';
    }
    echo '</select> ', $h($a->t('qbo_code')), ' <input type="search" name="log_code" size="6" value="', $h($f['log_code']), '"> intuit_tid',
        ' <input type="search" name="log_tid" size="14" value="', $h($f['log_tid']), '"> ', $h($a->t('since')),
        ' <input type="date" name="log_since" value="', $h($f['log_since']), '"> ', $h($a->t('rows')),
        ' <input type="text" name="log_limit" size="4" value="', $h($limit), '"> <button>', $h($a->t('filter')), '</button></form>';
    $filter = array_filter(['kind' => $f['log_kind'], 'id' => $f['log_id'], 'level' => $f['log_level'], 'type' => $f['log_type'],
        'code' => $f['log_code'], 'intuit_tid' => $f['log_tid'], 'since' => $f['log_since'] !== '' ? $f['log_since'] . 'T00:00:00Z' : ''],
        fn($v) => $v !== '');
    try {
        // one row more than the page: whether there is an older page
        $rows = qbo_log($c, $filter + ['limit' => $limit + 1, 'offset' => $offset]);
    } catch (\Throwable $e) {
        echo '<div class="qs-flash qs-err">', $h($e->getMessage()), '</div>';
        return;
    }
    $more = count($rows) > $limit;
    $rows = array_slice($rows, 0, $limit);
    $q = array_filter($f, fn($v) => $v !== '') + ($limit !== 100 ? ['log_limit' => $limit] : []);
    $pager = '<div class="qs-pager" id="qs-log-pager">' . $h($a->t('showing', $rows ? $offset + 1 : 0, $offset + count($rows), $more ? '…' : number_format($offset + count($rows))));
    if ($offset > 0) {
        $pager .= ' <a class="qs-log-newer" href="' . $h($a->link('settings', $q + ['log_offset' => max(0, $offset - $limit)])) . '">' . $h($a->t('previous')) . '</a>';
    }
    if ($more) {
        $pager .= ' <a class="qs-log-older" href="' . $h($a->link('settings', $q + ['log_offset' => $offset + $limit])) . '">' . $h($a->t('next')) . '</a>';
    }
    $pager .= '</div>';
    echo $pager, '<table id="qs-log"><tr><th>', $h($a->t('at')), '</th><th>', $h($a->t('level')), '</th><th>', $h($a->t('record')), '</th><th>',
        $h($a->t('log_exchange')), '</th><th>', $h($a->t('qbo_code')), '</th><th>intuit_tid</th><th>', $h($a->t('message')), '</th></tr>';
    foreach ($rows as $r) {
        $x = ($r['type'] ?? 'decision') === 'exchange';
        $rec = trim(($r['kind'] ?? '') . ' ' . ($r['id'] ?? ''));
        if ($rec === '' && ($r['records'] ?? null) !== null) {
            $rec = $r['records'];
        }
        echo '<tr class="qs-log-', $x ? 'exchange' : 'decision', '" data-level="', $h($r['level']), '"><td>', $h($r['at']), '</td><td>',
            QbosyncAddon::stateBadge(['error' => 'Error', 'warn' => 'Waiting'][$r['level']] ?? 'Not Tried'), ' ', $h($r['level']),
            '</td><td>', $h($rec), '</td><td>', $x ? $h($r['method'] . ' ' . $r['path'] . ' → ' . $r['status']) . ' <span class="qs-hint">' . $h(sprintf('%.0f ms', $r['ms'])) . '</span>' : '',
            '</td><td class="qs-log-code">', $h($r['code'] ?? ''), '</td><td class="qs-log-tid">', $h($r['intuit_tid'] ?? ''), '</td><td>', $h($r['message']);
        if ($x && (($r['request'] ?? null) !== null || ($r['response'] ?? null) !== null)) {
            // the bodies as stored: every secret already removed by the extension
            echo '<details class="qs-log-body"><summary>', $h($a->t('log_body')), '</summary>';
            foreach (['request', 'response'] as $b) {
                if (($r[$b] ?? null) !== null) {
                    echo '<div>', $h($a->t('log_' . $b)), '</div><pre>', $h($r[$b]), '</pre>';
                }
            }
            echo '</details>';
        }
        echo '</td></tr>';
    }
    if (!$rows) {
        echo '<tr><td colspan="7">', $h($a->t('log_empty')), '</td></tr>';
    }
    echo '</table>', $pager, '<p class="qs-hint">', $h($a->t('log_hint')), '</p>', qbosync_picker_script();
}
