<?php
/* Entities: every record's state ("Update queued" with both versions for a Synced one whose
 * newer version is in the outbox), its reason (expandable: QuickBooks' code and what to
 * do), Resend, Dismiss / undismiss, Connect Customer; filtered by kind and state, paged. */
if (!defined('WHMCS')) {
    die('This file cannot be accessed directly');
}

const QBOSYNC_PAGE_SIZE = 50;

/**
 * QuickBooks' fault code in a reason ("… (2500 Invalid Reference Id) …") and what to do.
 * @return array{0: ?string, 1: string}
 */
function qbosync_reason_help(QbosyncAddon $a, string $state, string $reason): array
{
    $code = null;
    if (preg_match('/\b(610|2020|2050|2500|5010|6000|6140|6190|6240|6540|3200|3100|429|401)\b/', $reason, $m)) {
        $code = $m[1];
    }
    $key = $code !== null && isset($a->lang['todo_' . $code]) ? 'todo_' . $code : 'todo_' . strtolower(str_replace(' ', '_', $state));
    if (stripos($reason, 'Waiting on tax') !== false || stripos($reason, 'map it') !== false) {
        $key = 'todo_map';
    }
    if (str_contains($reason, 'set when connecting customer')) {
        $key = 'todo_start_date';
    }
    return [$code, isset($a->lang[$key]) ? $a->t($key) : $a->t('todo_default')];
}

function qbosync_entities_post(QbosyncAddon $a, \QboSync\Connection $c): void
{
    $kind = QbosyncAddon::post('kind');
    $id = QbosyncAddon::post('id');
    $action = QbosyncAddon::post('action');
    try {
        switch ($action) {
            case 'resend':
                $r = qbo_resend($c, $kind, $id);
                if (($r['state'] ?? '') === 'Not Tried' && ($r['queued'] ?? false)) {
                    qbo_sync($c, ['limit' => 20, 'time_budget' => 10]);
                    $r = qbo_entities($c, ['kind' => $kind, 'id' => $id])[0] ?? $r;
                }
                QbosyncAddon::flash($r['state'] === 'Synced' ? 'ok' : 'warn', $a->t('resent', $a->t('kind_' . $kind), $id, $r['state']));
                break;
            case 'dismiss':
            case 'undismiss':
                $r = qbo_dismiss($c, $kind, $id, $action === 'dismiss');
                QbosyncAddon::flash('ok', $a->t($action === 'dismiss' ? 'dismissed_one' : 'undismissed_one', $a->t('kind_' . $kind), $id, $r['state']));
                break;
            case 'connect':
                $target = QbosyncAddon::post('qbo_id');
                if ($target === '') {
                    $target = QbosyncAddon::post('mode', 'auto');
                }
                if ($target === 'keep') {   // the same QuickBooks customer, e.g. a new start date
                    $target = (string)(qbo_mappings($c, 'customer', $id)[0]['qbo_id'] ?? 'auto');
                }
                if (!in_array($target, ['auto', 'create'], true) && !ctype_digit($target)) {
                    throw new \InvalidArgumentException($a->t('connect_bad_target'));
                }
                // the start date beside it: empty clears it (the form shows the current one)
                $start = QbosyncAddon::post('start_date');
                $m = qbo_map($c, 'customer', $id, $target, ['start_date' => $start === '' ? null : $start]);
                $queued = (int)($m['queued'] ?? 0);
                if ($queued > 0) {
                    qbo_sync($c, ['limit' => 50, 'time_budget' => 10]);   // what the new date lets in goes now
                }
                QbosyncAddon::flash('ok', $a->t('connected_customer', $id, $m['qbo_id'] ?? '', $m['name'] ?? '') . '. '
                    . (($m['start_date'] ?? null) !== null ? $a->t('connected_start', $m['start_date'], (int)($m['skipped'] ?? 0), $queued)
                        : $a->t('connected_no_start', $queued)));
                break;
        }
    } catch (\Throwable $e) {
        QbosyncAddon::flash('err', $e->getMessage());
    }
    $a->redirect($a->link('entities', array_filter(['kind' => QbosyncAddon::get('kind'), 'state' => QbosyncAddon::get('state'),
        'offset' => QbosyncAddon::get('offset')])));
}

function qbosync_page_entities(QbosyncAddon $a): void
{
    $h = [QbosyncAddon::class, 'h'];
    $c = $a->conn();
    echo '<h2>', $h($a->t('entities_title')), '</h2>';
    if (!$c) {
        return;
    }
    if ($_SERVER['REQUEST_METHOD'] === 'POST') {
        qbosync_entities_post($a, $c);
        return;
    }
    $kind = QbosyncAddon::get('kind');
    $state = QbosyncAddon::get('state');
    $id = QbosyncAddon::get('id');
    $kind = in_array($kind, QbosyncAddon::KINDS, true) ? $kind : '';
    $state = in_array($state, QbosyncAddon::STATES, true) ? $state : '';
    $offset = max(0, (int)QbosyncAddon::get('offset', '0'));

    echo '<form method="get" class="qs-filter" id="qs-filter">';
    foreach (['module' => 'qbosync', 'page' => 'entities'] as $k => $v) {
        echo '<input type="hidden" name="', $h($k), '" value="', $h($v), '">';
    }
    echo $h($a->t('kind')), ' <select name="kind"><option value="">', $h($a->t('all')), '</option>';
    foreach (QbosyncAddon::KINDS as $k) {
        echo '<option value="', $h($k), '"', $k === $kind ? ' selected' : '', '>', $h($a->t('kind_' . $k)), '</option>';
    }
    echo '</select> ', $h($a->t('state')), ' <select name="state"><option value="">', $h($a->t('all')), '</option>';
    foreach (QbosyncAddon::STATES as $s) {
        echo '<option', $s === $state ? ' selected' : '', '>', $h($s), '</option>';
    }
    echo '</select> ', $h($a->t('record_id')), ' <input type="search" name="id" size="8" value="', $h($id), '"> <button type="submit">',
        $h($a->t('filter')), '</button></form>';

    $filter = array_filter(['kind' => $kind, 'state' => $state, 'id' => $id], fn($v) => $v !== '');
    $res = qbo_entities($c, $filter + ['limit' => QBOSYNC_PAGE_SIZE, 'offset' => $offset, 'with_total' => true]);
    $q = array_filter(['kind' => $kind, 'state' => $state, 'id' => $id], fn($v) => $v !== '');
    echo $a->pager('entities', $q, $offset, QBOSYNC_PAGE_SIZE, (int)$res['total']);
    if (!$res['rows']) {
        echo '<p>', $h($a->t('no_records')), '</p>';
        return;
    }
    $action = $h($a->link('entities', $q + ($offset ? ['offset' => $offset] : [])));
    echo '<table id="qs-entities"><tr><th>', $h($a->t('kind')), '</th><th>', $h($a->t('record_id')), '</th><th>', $h($a->t('state')),
        '</th><th>', $h($a->t('reason')), '</th><th>', $h($a->t('qbo_id')), '</th><th>', $h($a->t('updated')), '</th><th>', $h($a->t('actions')), '</th></tr>';
    foreach ($res['rows'] as $r) {
        $key = $r['kind'] . '-' . $r['id'];
        // Synced, with a newer version in the outbox: QuickBooks holds the older one until it is delivered
        $updateQueued = $r['state'] === 'Synced' && !empty($r['queued']) && (int)$r['version'] > (int)$r['synced_version'];
        echo '<tr id="qs-row-', $h($key), '" data-state="', $h($r['state']), '"><td>', $h($a->t('kind_' . $r['kind'])), '</td><td>', $h($r['id']),
            '</td><td class="qs-state">', $updateQueued ? QbosyncAddon::stateBadge($a->t('update_queued')) . ' <span class="qs-hint">'
                . $h($a->t('update_queued_hint', (int)$r['synced_version'], (int)$r['version'])) . '</span>' : QbosyncAddon::stateBadge($r['state']),
            '</td><td class="qs-reason">';
        if (($r['reason'] ?? '') !== '') {
            [$code, $todo] = qbosync_reason_help($a, $r['state'], (string)$r['reason']);
            echo '<details><summary>', $h(QbosyncAddon::shorten((string)$r['reason'], 90)), '</summary><div class="qs-reason-full">',
                $h($r['reason']), '</div>', $code !== null ? '<div><b>' . $h($a->t('qbo_code')) . ':</b> <span class="qs-code">' . $h($code) . '</span></div>' : '',
                '<div class="qs-todo"><b>', $h($a->t('what_to_do')), ':</b> ', $h($todo), '</div></details>';
        }
        echo '</td><td>', $h($r['qbo_id'] ?? ''), '</td><td>', $h($r['updated'] ?? ''), '</td><td>';
        $hidden = QbosyncAddon::tokenField() . '<input type="hidden" name="kind" value="' . $h($r['kind']) . '"><input type="hidden" name="id" value="' . $h($r['id']) . '">';
        echo '<form method="post" class="qs-inline" action="', $action, '">', $hidden,
            '<button name="action" value="resend" class="qs-resend">', $h($a->t('resend')), '</button></form> ';
        if ($r['state'] === 'Dismissed') {
            echo '<form method="post" class="qs-inline" action="', $action, '">', $hidden,
                '<button name="action" value="undismiss" class="qs-plain">', $h($a->t('undismiss')), '</button></form>';
        } elseif ($r['state'] !== 'Synced') {
            echo '<form method="post" class="qs-inline" action="', $action, '">', $hidden,
                '<button name="action" value="dismiss" class="qs-plain">', $h($a->t('dismiss')), '</button></form>';
        }
        if ($r['kind'] === 'customer') {
            // the customer's connection, read by its key (one lookup per row shown)
            $cm = qbo_mappings($c, 'customer', (string)$r['id'])[0] ?? null;
            $start = (string)($cm['start_date'] ?? '');
            echo '<details class="qs-connect"><summary>', $h($a->t('connect_customer')), '</summary><form method="post" action="', $action, '">', $hidden,
                '<input type="hidden" name="action" value="connect">';
            if ($cm) {
                echo '<div class="qs-connected">', $h($a->t('customer_connected_to', ($cm['name'] ?? '') !== '' ? $cm['name'] : $cm['qbo_id'], $cm['qbo_id'])),
                    $start !== '' ? $h($a->t('connected_since', $start)) : '', '</div>';
            }
            echo qbosync_customer_picker($a, $c, 'qbo_id');
            if ($cm) {
                echo ' <label><input type="radio" name="mode" value="keep" checked> ', $h($a->t('keep_connection')), '</label>';
            }
            echo ' <label><input type="radio" name="mode" value="auto"', $cm ? '' : ' checked', '> ', $h($a->t('latch_by_name')), '</label>',
                ' <label><input type="radio" name="mode" value="create"> ', $h($a->t('create_in_qbo')), '</label>',
                '<div class="qs-start"><label>', $h($a->t('start_date')), ' <input type="date" name="start_date" value="', $h($start), '"></label>',
                ' <span class="qs-hint">', $h($a->t('start_date_hint')), '</span></div>',
                '<button type="submit">', $h($a->t('connect')), '</button></form></details>';
        }
        echo '</td></tr>';
    }
    echo '</table>';
    echo $a->pager('entities', $q, $offset, QBOSYNC_PAGE_SIZE, (int)$res['total']);
    if (function_exists('qbosync_picker_script')) {
        echo qbosync_picker_script();
    }
}

/** A QBO customer picker: searchable list from qbo_reference when available, else an Id field. */
function qbosync_customer_picker(QbosyncAddon $a, \QboSync\Connection $c, string $name, string $current = ''): string
{
    $h = [QbosyncAddon::class, 'h'];
    static $rows = null;   // read once per request, not once per customer row
    if (function_exists('qbo_reference')) {
        try {
            $rows ??= qbo_reference($c, 'customer', ['limit' => 50]);
            require_once __DIR__ . '/mappings.php';
            return qbosync_picker($a, $name, $rows, $current, false, $a->link('mappings', ['ajax' => 'customers']));
        } catch (\Throwable $e) {
            // fall through to the Id field
        }
    }
    return '<input type="text" name="' . $h($name) . '" size="10" placeholder="' . $h($a->t('qbo_customer_id')) . '">';
}
