<?php
// push: the history push [--kinds customer,invoice] [--since D] [--until D] [--dry-run] [--page N] [--batch N]: runs (or resumes) it to the end with progress

/** The progress as one line: a bar on a terminal, or a plain line. */
function qbosync_push_line(array $st, bool $bar): string
{
    $total = max($st['total'], $st['done']);
    $pct = $total > 0 ? (int)floor(100 * $st['done'] / $total) : ($st['state'] === 'done' ? 100 : 0);
    $eta = $st['eta'] === null ? '?' : $st['eta'] . 's';
    $tail = sprintf('%3d%% %d/%d  %.1f/s  ETA %s', $pct, $st['done'], $total, $st['rate'], $eta);
    if (!$bar) {
        return "progress: $tail";
    }
    $w = 30;
    $fill = (int)floor($w * $pct / 100);
    return '[' . str_repeat('#', $fill) . str_repeat('.', $w - $fill) . '] ' . $tail;
}

function qbosync_cmd_push(QbosyncCli $cli): int
{
    $conn = $cli->conn();
    $options = [];
    foreach (['kinds', 'since', 'until'] as $k) {
        if ($cli->opt($k) !== null) {
            $options[$k] = $cli->opt($k);
        }
    }
    if ($cli->flag('dry-run')) {
        $options['dry_run'] = true;
    }
    if ($cli->opt('page') !== null) {
        if (!ctype_digit($cli->opt('page'))) {
            throw new QbosyncCliError('--page takes a number of records per step', QBOSYNC_EXIT_USAGE);
        }
        $options['page'] = (int)$cli->opt('page');
    }
    if ($cli->source !== null) {
        $options['source'] = $cli->source;
    }
    try {
        $st = qbo_history($conn, $options);
    } catch (QboSync\ValidationException $e) {
        throw new QbosyncCliError($e->getMessage(), QBOSYNC_EXIT_USAGE);
    }
    $bar = $cli->opt('progress') === 'bar' || ($cli->opt('progress') !== 'plain' && $cli->isTerminal());
    $cli->say(($st['done'] > 0 ? "resuming" : "starting") . " history push #{$st['id']}" . ($st['dry_run'] ? ' (dry run: nothing is written to QuickBooks)' : '')
        . ': ' . implode(', ', $st['kinds']));

    $stop = null;
    if (function_exists('pcntl_async_signals')) {
        pcntl_async_signals(true);
        foreach ([SIGINT, SIGTERM] as $sig) {
            pcntl_signal($sig, function (int $s) use (&$stop) { $stop = $s; });
        }
    }
    $syncOpts = ['batch_size' => $cli->batch()] + ($cli->source !== null ? ['source' => $cli->source] : []);
    $idle = 0;
    $last = '';
    while ($st['state'] === 'running' && $stop === null) {
        $r = qbo_sync($conn, $syncOpts);
        if (!isset($r['history'])) {
            // another live worker holds the company's lock and runs the job
            $w = qbo_status($conn)['worker'];
            if ($w !== null && !$w['stale'] && ++$idle >= 3) {
                if ($bar) {
                    fwrite($cli->out, "\n");
                }
                throw new QbosyncCliError("the worker {$w['owner']} holds the company's lock and runs the push; wait for it, or `qbosync unlock` when it is dead", QBOSYNC_EXIT_LOCKED);
            }
            usleep(200000);
            $st = qbo_history_status($conn);
            continue;
        }
        $idle = 0;
        $st = $r['history'];
        if ($st['state'] === 'running' && str_starts_with((string)$st['message'], 'Waiting for a run')) {
            // this process cannot read the records: say how to give it what it needs
            throw new QbosyncCliError($st['message'] . ' (in the config file: fetch, or source)', QBOSYNC_EXIT_CONFIG);
        }
        $line = qbosync_push_line($st, $bar);
        if (!$cli->json && $line !== $last) {
            fwrite($cli->out, $bar ? "\r$line" : "$line\n");
        }
        $last = $line;
        if (!empty($r['cancelled'])) {
            break;
        }
    }
    if ($bar && !$cli->json) {
        fwrite($cli->out, "\n");
    }
    $st = qbo_history_status($conn);
    $cli->result($st, function (array $st) use ($cli, $stop) {
        if ($stop !== null) {
            $cli->say("interrupted: the push is kept as it was; `qbosync push` resumes it");
        }
        $cli->say("state: {$st['state']}" . ($st['message'] !== null ? " - {$st['message']}" : ''));
        foreach ($st['counts'] as $k => $n) {
            $cli->say(sprintf('%-10s %d', $k . ':', $n));
        }
        foreach ($st['report'] as $r) {
            if ($st['dry_run'] || in_array($r['action'], ['error', 'waiting'], true)) {
                $cli->say(sprintf('%-6s %-8s %-10s %s%s', $r['action'], $r['kind'], $r['id'], $r['qbo_id'] !== null ? "QBO {$r['qbo_id']} " : '', $r['reason'] ?? ''));
            }
        }
    });
    if ($stop !== null || $st['state'] === 'failed' || $st['state'] === 'cancelled') {
        return QBOSYNC_EXIT_FAILED;
    }
    return $st['counts']['errors'] > 0 || $st['counts']['waiting'] > 0 ? QBOSYNC_EXIT_PROBLEMS : QBOSYNC_EXIT_OK;
}
