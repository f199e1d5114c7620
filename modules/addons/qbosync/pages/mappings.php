<?php
/* Configure Mappings: WHMCS clients, products (and the line-type items invoices book to),
 * taxes and gateways (payment method and deposit account) to QuickBooks records, with
 * searchable pickers of what QuickBooks holds (qbo_reference), auto-map and auto-create. */
if (!defined('WHMCS')) {
    die('This file cannot be accessed directly');
}

/** The items WHMCS invoice lines book to (ext/core/qs_whmcs.c's line types). */
const QBOSYNC_LINE_ITEMS = [
    'whmcs-hosting' => 'Hosting', 'whmcs-domain' => 'Domain', 'whmcs-domain-addon' => 'Domain add-on',
    'whmcs-addon' => 'Product add-on', 'whmcs-setup' => 'Setup fee', 'whmcs-upgrade' => 'Upgrade',
    'whmcs-billable' => 'Billable item', 'whmcs-late-fee' => 'Late fee', 'whmcs-promotion' => 'Promotion',
    'whmcs-discount' => 'Client group discount', 'whmcs-other' => 'Other',
];

/** What QuickBooks offers for a picker, or null when this build cannot list it. */
function qbosync_reference(\QboSync\Connection $c, string $type, array $opts = []): ?array
{
    if (!function_exists('qbo_reference')) {
        return null;
    }
    try {
        return qbo_reference($c, $type, $opts);
    } catch (\Throwable $e) {
        return null;
    }
}

/**
 * A searchable picker: a search box filtering a select of QBO records (id — name), plus
 * "find by name" and "create"; without a list, a field for the QBO Id.
 */
function qbosync_picker(QbosyncAddon $a, string $name, ?array $rows, string $selected, bool $autoCreate = true, ?string $remote = null): string
{
    $h = [QbosyncAddon::class, 'h'];
    if ($rows === null) {
        return '<input type="text" name="' . $h($name) . '" size="12" value="' . $h($selected) . '" placeholder="'
            . $h($a->t('qbo_id_or_auto')) . '" title="' . $h($a->t('qbo_id_or_auto')) . '">';
    }
    $out = '<span class="qs-picker"><input type="search" class="qs-pick-search" placeholder="' . $h($a->t('search')) . '" size="12"'
        . ($remote !== null ? ' data-remote="' . $h($remote) . '"' : '') . '> '
        . '<select name="' . $h($name) . '"><option value="">' . $h($a->t('choose')) . '</option>';
    if ($autoCreate) {
        $out .= '<option value="auto">' . $h($a->t('opt_auto')) . '</option><option value="create">' . $h($a->t('opt_create')) . '</option>';
    }
    foreach ($rows as $r) {
        $label = $r['name'] . (isset($r['account_type']) ? ' (' . $r['account_type'] . ')' : '');
        $out .= '<option value="' . $h($r['id']) . '"' . ((string)$r['id'] === $selected ? ' selected' : '') . '>' . $h($label) . '</option>';
    }
    return $out . '</select></span>';
}

/**
 * The pickers' search: hides the options that do not contain the typed text; a picker
 * with data-remote (QuickBooks customers, too many to list) asks the server instead.
 */
function qbosync_picker_script(): string
{
    return <<<'JS'
<script>
document.querySelectorAll('.qs-pick-search').forEach(function (box) {
  var timer = null;
  if (box.dataset.remote) box.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var sel = box.parentNode.querySelector('select');
      fetch(box.dataset.remote + '&q=' + encodeURIComponent(box.value), {credentials: 'same-origin'})
        .then(function (r) { return r.json(); }).then(function (j) {
          Array.prototype.slice.call(sel.options).forEach(function (o) { if (o.value && o.value !== 'auto' && o.value !== 'create') o.remove(); });
          (j.rows || []).forEach(function (r) {
            var o = document.createElement('option');
            o.value = r.id; o.textContent = r.name + (r.email ? ' <' + r.email + '>' : '');
            sel.appendChild(o);
          });
          if (j.rows && j.rows.length) sel.value = j.rows[0].id;
        });
    }, 250);
  });
  else box.addEventListener('input', function () {
    var sel = box.parentNode.querySelector('select'), q = box.value.toLowerCase(), first = null;
    Array.prototype.forEach.call(sel.options, function (o) {
      var show = !o.value || o.text.toLowerCase().indexOf(q) >= 0;
      o.hidden = !show;
      if (show && o.value && first === null && q) first = o;
    });
    if (first) sel.value = first.value;
  });
});
</script>
JS;
}

/** Local mappings of one kind: local id (and purpose) => mapping. */
function qbosync_mapped(\QboSync\Connection $c, string $kind): array
{
    $out = [];
    foreach (qbo_mappings($c, $kind) as $m) {
        $out[$m['local_id'] . (($m['purpose'] ?? '') !== '' ? '|' . $m['purpose'] : '')] = $m;
    }
    return $out;
}

function qbosync_mapping_cell(QbosyncAddon $a, ?array $m): string
{
    $h = [QbosyncAddon::class, 'h'];
    return $m ? '<span class="qs-mapped">' . $h(($m['name'] ?? '') !== '' ? $m['name'] : $m['qbo_id']) . ' <span class="qs-hint">#' . $h($m['qbo_id']) . '</span></span>'
        : '<span class="qs-hint">' . $h($a->t('not_mapped')) . '</span>';
}

/** The taxes WHMCS charges, as qbo_hook names them (whmcs-tax1-<rate>, whmcs-tax2-<rate>). */
function qbosync_whmcs_taxes(): array
{
    $out = [];
    foreach ([1 => 'taxrate', 2 => 'taxrate2'] as $level => $col) {
        foreach (QbosyncAddon::rows("SELECT DISTINCT $col AS r FROM tblinvoices WHERE $col > 0 ORDER BY $col LIMIT 100") as $r) {
            $rate = rtrim(rtrim(number_format((float)$r['r'], 3, '.', ''), '0'), '.');
            $out["whmcs-tax$level-$rate"] = $rate . ' % (level ' . $level . ')';
        }
    }
    return $out;
}

function qbosync_mappings_post(QbosyncAddon $a, \QboSync\Connection $c): void
{
    $action = QbosyncAddon::post('action');
    $kind = QbosyncAddon::post('kind');
    $section = QbosyncAddon::post('section', 'gateways');
    try {
        if ($action === 'refresh') {
            foreach (['account', 'item', 'tax_code', 'payment_method', 'customer'] as $type) {
                qbo_reference($c, $type, ['refresh' => true] + ($type === 'customer' ? ['limit' => 1] : []));
            }
            QbosyncAddon::flash('ok', $a->t('refreshed'));
        } elseif ($action === 'map') {
            $n = 0;
            foreach ((array)($_POST['map'] ?? []) as $local => $target) {
                if (!is_string($target) || ($target = trim($target)) === '' || !is_string($local)) {
                    continue;
                }
                [$mkind, $local, $purpose] = array_pad(explode('|', $local, 3), 3, '');
                $m = qbo_map($c, $mkind, $local, $target, $purpose !== '' ? ['purpose' => $purpose] : []);
                $n++;
                QbosyncAddon::flash('ok', $a->t('mapped_one', $a->t('mkind_' . $mkind), $local, $m['name'] ?? '', $m['qbo_id']));
            }
            if (!$n) {
                QbosyncAddon::flash('warn', $a->t('nothing_chosen'));
            }
        } elseif ($action === 'unmap') {
            qbo_unmap($c, $kind, QbosyncAddon::post('local'));
            QbosyncAddon::flash('ok', $a->t('unmapped_one', QbosyncAddon::post('local')));
        } elseif ($action === 'auto' || $action === 'create') {
            $done = $failed = 0;
            foreach ((array)($_POST['locals'] ?? []) as $local) {
                [$mkind, $local, $purpose] = array_pad(explode('|', (string)$local, 3), 3, '');
                try {
                    qbo_map($c, $mkind, $local, $action, $purpose !== '' ? ['purpose' => $purpose] : []);
                    $done++;
                } catch (\QboSync\Exception $e) {
                    $failed++;
                    QbosyncAddon::flash('warn', $e->getMessage());
                }
            }
            QbosyncAddon::flash($failed ? 'warn' : 'ok', $a->t($action === 'auto' ? 'auto_mapped' : 'auto_created', $done, $failed));
        }
    } catch (\Throwable $e) {
        QbosyncAddon::flash('err', $e->getMessage());
    }
    $a->redirect($a->link('mappings', ['section' => $section]));
}

function qbosync_page_mappings(QbosyncAddon $a): void
{
    $h = [QbosyncAddon::class, 'h'];
    $c = $a->conn();
    echo '<h2>', $h($a->t('mappings_title')), '</h2>';
    if (!$c) {
        return;
    }
    if (QbosyncAddon::get('ajax') === 'customers') {
        // the customer picker's search (read only): QuickBooks customers whose name or email contains q
        $rows = qbosync_reference($c, 'customer', ['search' => QbosyncAddon::get('q'), 'limit' => 50]) ?? [];
        if (!$rows && QbosyncAddon::get('q') !== '') {
            // not in the cached list: a customer made in QuickBooks since; read QuickBooks again
            $rows = qbosync_reference($c, 'customer', ['search' => QbosyncAddon::get('q'), 'limit' => 50, 'refresh' => true]) ?? [];
        }
        QbosyncAddon::json(['rows' => array_map(fn($r) => ['id' => (string)$r['id'], 'name' => (string)$r['name'],
            'email' => (string)($r['email'] ?? '')], $rows)]);
    }
    if ($_SERVER['REQUEST_METHOD'] === 'POST') {
        qbosync_mappings_post($a, $c);
        return;
    }
    $section = QbosyncAddon::get('section', 'gateways');
    $sections = ['gateways' => 'map_gateways', 'products' => 'map_products', 'taxes' => 'map_taxes', 'clients' => 'map_clients'];
    $section = isset($sections[$section]) ? $section : 'gateways';
    echo '<p>';
    foreach ($sections as $s => $key) {
        echo $s === $section ? '<b>' . $h($a->t($key)) . '</b>' : '<a href="' . $h($a->link('mappings', ['section' => $s])) . '">' . $h($a->t($key)) . '</a>', ' &nbsp; ';
    }
    echo '</p>';
    if (!function_exists('qbo_reference')) {
        echo '<p class="qs-hint">', $h($a->t('no_pickers')), '</p>';
    } else {
        echo '<form method="post" class="qs-inline" action="', $h($a->link('mappings', ['section' => $section])), '">', QbosyncAddon::tokenField(),
            '<input type="hidden" name="section" value="', $h($section), '"><button name="action" value="refresh" class="qs-plain" id="qs-refresh">',
            $h($a->t('refresh_lists')), '</button></form> <span class="qs-hint">', $h($a->t('refresh_hint')), '</span>';
    }
    $form = '<form method="post" action="' . $h($a->link('mappings', ['section' => $section])) . '" id="qs-map-' . $h($section) . '">'
        . QbosyncAddon::tokenField() . '<input type="hidden" name="section" value="' . $h($section) . '">';
    $bulk = function (array $locals) use ($a, $h): string {
        $out = '';
        foreach ($locals as $l) {
            $out .= '<input type="hidden" name="locals[]" value="' . $h($l) . '">';
        }
        return $out . ' <button name="action" value="auto" class="qs-plain">' . $h($a->t('auto_map')) . '</button>'
            . ' <button name="action" value="create" class="qs-plain">' . $h($a->t('auto_create')) . '</button>';
    };

    if ($section === 'gateways') {
        $pm = qbosync_mapped($c, 'payment_method');
        $acc = qbosync_mapped($c, 'account');
        $methods = qbosync_reference($c, 'payment_method');
        $banks = qbosync_reference($c, 'account');
        if ($banks !== null) {
            $banks = array_values(array_filter($banks, fn($r) => in_array($r['account_type'] ?? '', ['Bank', 'Other Current Asset'], true)));
        }
        echo $form, '<table id="qs-gateways"><tr><th>', $h($a->t('gateway')), '</th><th>', $h($a->t('payment_method')), '</th><th>',
            $h($a->t('deposit_account')), '</th></tr>';
        $unmapped = [];
        foreach (QbosyncAddon::rows("SELECT gateway, value FROM tblpaymentgateways WHERE setting = 'name' ORDER BY gateway") as $g) {
            $gw = $g['gateway'];
            if (!isset($pm[$gw])) {
                $unmapped[] = "payment_method|$gw";
            }
            echo '<tr data-gateway="', $h($gw), '"><td>', $h($g['value']), ' <span class="qs-hint">', $h($gw), '</span></td><td>',
                qbosync_mapping_cell($a, $pm[$gw] ?? null), '<br>', qbosync_picker($a, "map[payment_method|$gw]", $methods, ''),
                '</td><td>', qbosync_mapping_cell($a, $acc["$gw|deposit"] ?? null), '<br>',
                qbosync_picker($a, "map[account|$gw|deposit]", $banks, '', false), '</td></tr>';
        }
        echo '</table><button name="action" value="map" id="qs-save-map">', $h($a->t('save_mappings')), '</button>', $bulk($unmapped), '</form>';
    } elseif ($section === 'products') {
        $items = qbosync_mapped($c, 'item');
        $ref = qbosync_reference($c, 'item');
        $list = QBOSYNC_LINE_ITEMS;
        foreach (QbosyncAddon::rows('SELECT id, name FROM tblproducts ORDER BY id LIMIT 500') as $p) {
            $list['whmcs-product-' . $p['id']] = html_entity_decode((string)$p['name'], ENT_QUOTES | ENT_HTML5, 'UTF-8');
        }
        echo $form, '<table id="qs-products"><tr><th>', $h($a->t('whmcs_item')), '</th><th>', $h($a->t('qbo_item')), '</th></tr>';
        $unmapped = [];
        foreach ($list as $local => $label) {
            if (!isset($items[$local])) {
                $unmapped[] = "item|$local";
            }
            echo '<tr data-item="', $h($local), '"><td>', $h($label), ' <span class="qs-hint">', $h($local), '</span></td><td>',
                qbosync_mapping_cell($a, $items[$local] ?? null), ' ', qbosync_picker($a, "map[item|$local]", $ref, ''), '</td></tr>';
        }
        echo '</table><button name="action" value="map" id="qs-save-map">', $h($a->t('save_mappings')), '</button>', $bulk($unmapped), '</form>';
    } elseif ($section === 'taxes') {
        $tax = qbosync_mapped($c, 'tax');
        $ref = qbosync_reference($c, 'tax_code');
        $list = qbosync_whmcs_taxes();
        foreach ($tax as $local => $m) {
            $list[$local] ??= $local;
        }
        echo $form, '<table id="qs-taxes"><tr><th>', $h($a->t('whmcs_tax')), '</th><th>', $h($a->t('qbo_tax_code')), '</th></tr>';
        if (!$list) {
            echo '<tr><td colspan="2">', $h($a->t('no_taxes')), '</td></tr>';
        }
        foreach ($list as $local => $label) {
            echo '<tr><td>', $h($label), ' <span class="qs-hint">', $h($local), '</span></td><td>', qbosync_mapping_cell($a, $tax[$local] ?? null), ' ',
                qbosync_picker($a, "map[tax|$local]", $ref, '', false), '</td></tr>';
        }
        echo '</table><button name="action" value="map" id="qs-save-map">', $h($a->t('save_mappings')), '</button></form>';
    } else {
        $search = QbosyncAddon::get('q');
        $offset = max(0, (int)QbosyncAddon::get('offset', '0'));
        $where = '';
        $args = [];
        if ($search !== '') {
            $where = ' WHERE firstname LIKE ? OR lastname LIKE ? OR companyname LIKE ? OR email LIKE ?';
            $args = array_fill(0, 4, '%' . $search . '%');
        }
        $total = (int)QbosyncAddon::value('SELECT count(*) FROM tblclients' . $where, $args);
        $clients = QbosyncAddon::rows('SELECT id, firstname, lastname, companyname, email FROM tblclients' . $where
            . ' ORDER BY id LIMIT 25 OFFSET ' . $offset, $args);
        echo '<form method="get"><input type="hidden" name="module" value="qbosync"><input type="hidden" name="page" value="mappings">'
            . '<input type="hidden" name="section" value="clients"><input type="search" name="q" value="', $h($search), '" placeholder="',
            $h($a->t('search_clients')), '"> <button type="submit">', $h($a->t('search')), '</button></form>';
        echo $a->pager('mappings', ['section' => 'clients', 'q' => $search], $offset, 25, $total);
        $ref = qbosync_reference($c, 'customer', ['limit' => 50]);
        $remote = $ref === null ? null : $a->link('mappings', ['ajax' => 'customers']);
        echo $form, '<table id="qs-clients"><tr><th>', $h($a->t('client')), '</th><th>', $h($a->t('email')), '</th><th>', $h($a->t('state')),
            '</th><th>', $h($a->t('qbo_customer')), '</th></tr>';
        foreach ($clients as $cl) {
            $e = qbo_entities($c, ['kind' => 'customer', 'id' => (string)$cl['id']])[0] ?? null;
            // WHMCS keeps names HTML-encoded: decoded here, escaped once when shown
            $dec = fn($v) => html_entity_decode((string)$v, ENT_QUOTES | ENT_HTML5, 'UTF-8');
            $name = trim($dec($cl['firstname']) . ' ' . $dec($cl['lastname'])) . ((string)$cl['companyname'] !== '' ? ' (' . $dec($cl['companyname']) . ')' : '');
            echo '<tr data-client="', $h($cl['id']), '"><td>', $h($name), '</td><td>', $h($cl['email']), '</td><td>',
                $e ? QbosyncAddon::stateBadge($e['state']) . ($e['qbo_id'] ? ' <span class="qs-hint">#' . $h($e['qbo_id']) . '</span>' : '') : '<span class="qs-hint">' . $h($a->t('not_pushed')) . '</span>',
                '</td><td>', qbosync_picker($a, 'map[customer|' . $cl['id'] . ']', $ref, '', true, $remote), '</td></tr>';
        }
        echo '</table><button name="action" value="map" id="qs-save-map">', $h($a->t('save_mappings')), '</button></form>';
    }
    echo qbosync_picker_script();
}
