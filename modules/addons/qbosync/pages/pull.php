<?php
/* Pull: customers, items, invoices and payments from QuickBooks (change data capture
 * since the watermark, or a full pull), linking mappings on the way. */
if (!defined('WHMCS')) {
    die('This file cannot be accessed directly');
}

const QBOSYNC_PULL_KINDS = ['customer', 'item', 'invoice', 'payment'];

function qbosync_page_pull(QbosyncAddon $a): void
{
    $h = [QbosyncAddon::class, 'h'];
    $c = $a->conn();
    echo '<h2>', $h($a->t('pull_title')), '</h2>';
    if (!$c) {
        return;
    }
    if (!function_exists('qbo_pull')) {
        echo $a->unavailable('qbo_pull');
        return;
    }
    if ($_SERVER['REQUEST_METHOD'] === 'POST') {
        try {
            $kinds = array_values(array_intersect(QBOSYNC_PULL_KINDS, array_map('strval', (array)($_POST['kinds'] ?? []))));
            $opts = ['full' => QbosyncAddon::post('full') === '1', 'callback' => static function (string $kind, array $doc): void {
            }];
            if ($kinds) {
                $opts['kinds'] = $kinds;
            }
            if (($since = QbosyncAddon::post('since')) !== '') {
                $opts['since'] = $since;
            }
            $r = qbo_pull($c, $opts);
            $parts = [];
            foreach ($r['counts'] ?? [] as $k => $n) {
                $parts[] = $a->t('kind_' . $k) . ': ' . $n;
            }
            QbosyncAddon::flash('ok', $a->t('pulled', implode(', ', $parts), $r['linked'] ?? 0, $r['mode'] ?? '', $r['watermark'] ?? ''));
        } catch (\Throwable $e) {
            QbosyncAddon::flash('err', $e->getMessage());
        }
        $a->redirect($a->link('pull'));
        return;
    }
    echo '<form method="post" action="', $h($a->link('pull')), '" id="qs-pull-form">', QbosyncAddon::tokenField(), '<p>';
    foreach (QBOSYNC_PULL_KINDS as $k) {
        echo '<label><input type="checkbox" name="kinds[]" value="', $h($k), '" checked> ', $h($a->t('kind_' . $k)), '</label> ';
    }
    echo '</p><p>', $h($a->t('changes_since')), ' <input type="text" name="since" placeholder="2026-11-01T00:00:00Z" size="22"> ',
        '<label><input type="checkbox" name="full" value="1"> ', $h($a->t('full_pull')), '</label></p><button id="qs-pull">', $h($a->t('pull')),
        '</button></form><p class="qs-hint">', $h($a->t('pull_hint')), '</p>';
    if (function_exists('qbo_events')) {
        try {
            $events = qbo_events($c, ['limit' => 50]);
        } catch (\Throwable $e) {
            $events = [];
        }
        echo '<h3>', $h($a->t('qbo_changes')), '</h3><table id="qs-events"><tr><th>', $h($a->t('at')), '</th><th>', $h($a->t('qbo_record')), '</th><th>',
            $h($a->t('operation')), '</th><th>', $h($a->t('whmcs_record')), '</th></tr>';
        foreach ($events as $ev) {
            echo '<tr><td>', $h($ev['at'] ?? ''), '</td><td>', $h(($ev['entity'] ?? '') . ' ' . ($ev['qbo_id'] ?? '')), '</td><td>', $h($ev['operation'] ?? ''),
                '</td><td>', $h(isset($ev['local']) && $ev['local'] ? implode(' ', (array)$ev['local']) : '—'), '</td></tr>';
        }
        if (!$events) {
            echo '<tr><td colspan="4">', $h($a->t('no_changes')), '</td></tr>';
        }
        echo '</table>';
    }
}
