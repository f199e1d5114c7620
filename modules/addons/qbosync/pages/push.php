<?php
/* Push: the history push of WHMCS's records (kinds, a date range, dry-run) and its progress
 * window. The job lives in the store, so the window survives a reload; while the page is
 * open its script advances the job in short qbo_sync() steps (the cron does otherwise). */
if (!defined('WHMCS')) {
    die('This file cannot be accessed directly');
}

const QBOSYNC_PUSH_KINDS = ['customer', 'item', 'invoice', 'payment', 'refund', 'credit'];

function qbosync_push_step(QbosyncAddon $a, \QboSync\Connection $c): void
{
    if ($_SERVER['REQUEST_METHOD'] !== 'POST') {
        QbosyncAddon::json(['error' => 'POST only'], 405);
    }
    try {
        $st = qbo_history_status($c);
        if ($st && $st['state'] === 'running') {
            qbo_sync($c, ['time_budget' => 2]);
            $st = qbo_history_status($c);
        }
        QbosyncAddon::json(['status' => $st]);
    } catch (\Throwable $e) {
        QbosyncAddon::json(['error' => $e->getMessage()], 500);
    }
}

function qbosync_page_push(QbosyncAddon $a): void
{
    $h = [QbosyncAddon::class, 'h'];
    $c = $a->conn();
    if ($c && QbosyncAddon::get('ajax') === 'step' && function_exists('qbo_history_status')) {
        qbosync_push_step($a, $c);
        return;
    }
    echo '<h2>', $h($a->t('push_title')), '</h2>';
    if (!$c) {
        return;
    }
    if (!function_exists('qbo_history') || !function_exists('qbo_history_status')) {
        echo $a->unavailable('qbo_history');
        return;
    }
    if ($_SERVER['REQUEST_METHOD'] === 'POST') {
        try {
            if (QbosyncAddon::post('action') === 'cancel') {
                qbo_history_cancel($c);
                QbosyncAddon::flash('ok', $a->t('push_cancelled'));
            } else {
                $kinds = array_values(array_intersect(QBOSYNC_PUSH_KINDS, array_map('strval', (array)($_POST['kinds'] ?? []))));
                $opts = ['dry_run' => QbosyncAddon::post('dry_run') === '1'];
                if ($kinds) {
                    $opts['kinds'] = $kinds;
                }
                foreach (['since', 'until'] as $k) {
                    if (($v = QbosyncAddon::post($k)) !== '') {
                        $opts[$k] = $v;
                    }
                }
                qbo_history($c, $opts);
                QbosyncAddon::flash('ok', $a->t($opts['dry_run'] ? 'dry_run_started' : 'push_started'));
            }
        } catch (\Throwable $e) {
            QbosyncAddon::flash('err', $e->getMessage());
        }
        $a->redirect($a->link('push'));
        return;
    }
    $st = qbo_history_status($c);
    $running = $st && $st['state'] === 'running';
    echo '<form method="post" action="', $h($a->link('push')), '" id="qs-push-form">', QbosyncAddon::tokenField(), '<p>', $h($a->t('push_kinds')), ' ';
    foreach (QBOSYNC_PUSH_KINDS as $k) {
        echo '<label><input type="checkbox" name="kinds[]" value="', $h($k), '" checked> ', $h($a->t('kind_' . $k)), '</label> ';
    }
    echo '</p><p>', $h($a->t('from')), ' <input type="date" name="since"> ', $h($a->t('to')), ' <input type="date" name="until"> ',
        '<label><input type="checkbox" name="dry_run" value="1"> ', $h($a->t('dry_run')), '</label></p><button id="qs-push"', $running ? ' disabled' : '', '>',
        $h($a->t('push')), '</button></form>';

    // the progress window
    $step = $a->link('push', ['ajax' => 'step']);
    echo '<div id="qs-progress"', $st ? '' : ' hidden', '><h3>', $h($a->t('progress')), ' <span id="qs-job-state">', $st ? QbosyncAddon::stateBadge($st['state']) : '', '</span></h3>',
        '<div class="qs-bar"><div id="qs-bar" style="width:0%">0 %</div></div>',
        '<p id="qs-figures"></p><p id="qs-counts"></p><p id="qs-message" class="qs-hint"></p>',
        '<form method="post" action="', $h($a->link('push')), '" class="qs-inline">', QbosyncAddon::tokenField(),
        '<button name="action" value="cancel" class="qs-plain" id="qs-cancel"', $running ? '' : ' hidden', '>', $h($a->t('cancel')), '</button></form>',
        '<div id="qs-report"></div></div>';
    $labels = json_encode(['done' => $a->t('p_done'), 'rate' => $a->t('p_rate'), 'eta' => $a->t('p_eta'), 'created' => $a->t('c_created'),
        'linked' => $a->t('c_linked'), 'skipped' => $a->t('c_skipped'), 'errors' => $a->t('c_errors'), 'unchanged' => $a->t('c_unchanged'),
        'report' => $a->t('dry_run_report')], JSON_HEX_TAG | JSON_HEX_AMP | JSON_HEX_APOS | JSON_HEX_QUOT);
    echo '<script>(function () {
  var L = ', $labels, ', step = ', json_encode($step, JSON_HEX_TAG | JSON_HEX_AMP | JSON_HEX_APOS | JSON_HEX_QUOT), ',
      token = ', json_encode(QbosyncAddon::token(), JSON_HEX_TAG | JSON_HEX_AMP | JSON_HEX_APOS | JSON_HEX_QUOT), ';
  function esc(s) { var d = document.createElement("div"); d.textContent = s == null ? "" : String(s); return d.innerHTML; }
  function show(st) {
    if (!st) return;
    document.getElementById("qs-progress").hidden = false;
    // 100 % only once the job is done (its total grows as it reaches each kind)
    var pct = st.state === "done" ? 100 : (st.total > 0 ? Math.min(99, Math.floor(100 * st.done / st.total)) : 0);
    var bar = document.getElementById("qs-bar");
    bar.style.width = pct + "%"; bar.textContent = pct + " %"; bar.setAttribute("data-pct", pct); bar.setAttribute("data-state", st.state);
    document.getElementById("qs-job-state").innerHTML = "<span class=\"qs-badge\">" + esc(st.state) + "</span>";
    document.getElementById("qs-figures").textContent = L.done + ": " + st.done + " / " + st.total +
      " · " + L.rate + ": " + (st.rate != null ? Number(st.rate).toFixed(1) + "/s" : "–") +
      " · " + L.eta + ": " + (st.eta != null ? Math.round(st.eta) + " s" : "–");
    var c = st.counts || {}, parts = [];
    ["created", "linked", "skipped", "unchanged", "errors"].forEach(function (k) { parts.push(L[k] + ": " + (c[k] || 0)); });
    document.getElementById("qs-counts").textContent = parts.join(" · ");
    document.getElementById("qs-message").textContent = st.message || "";
    document.getElementById("qs-cancel").hidden = st.state !== "running";
    document.getElementById("qs-push").disabled = st.state === "running";
    if (st.dry_run && st.report && st.report.length) {
      var rows = st.report.slice(0, 200).map(function (r) {
        return "<tr><td>" + esc(r.kind) + "</td><td>" + esc(r.id) + "</td><td>" + esc(r.action || r.outcome || r.what) + "</td><td>" + esc(r.reason || r.message || "") + "</td></tr>";
      });
      document.getElementById("qs-report").innerHTML = "<h3>" + esc(L.report) + "</h3><table>" + rows.join("") + "</table>";
    }
    return st.state === "running";
  }
  function tick() {
    var body = new URLSearchParams(); body.set("qbosync_token", token);
    fetch(step, {method: "POST", body: body, credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (j) {
      if (j.error) { document.getElementById("qs-message").textContent = j.error; setTimeout(tick, 2000); return; }
      if (show(j.status)) setTimeout(tick, 300);
    }).catch(function () { setTimeout(tick, 2000); });
  }
  var initial = ', json_encode($st, JSON_HEX_TAG | JSON_HEX_AMP | JSON_HEX_APOS | JSON_HEX_QUOT | JSON_PARTIAL_OUTPUT_ON_ERROR), ';
  if (show(initial)) tick();
})();</script>';
}
