<?php
// worker: delivers due work until SIGTERM or SIGINT (a clean stop between steps) [--interval SECONDS] [--batch N] [--once]

function qbosync_cmd_worker(QbosyncCli $cli): int
{
    $conn = $cli->conn();
    $interval = (float)($cli->opt('interval') ?? '5');
    if ($interval <= 0) {
        throw new QbosyncCliError('--interval takes the seconds to wait when nothing is due (more than 0)', QBOSYNC_EXIT_USAGE);
    }
    $w = qbo_status($conn)['worker'];
    if ($w !== null && !$w['stale']) {
        throw new QbosyncCliError("the worker {$w['owner']} already holds the company's lock; `qbosync unlock` when it is dead", QBOSYNC_EXIT_LOCKED);
    }
    $stop = null;
    if (!function_exists('pcntl_async_signals')) {
        throw new QbosyncCliError('the worker needs the pcntl extension (for a clean stop on SIGTERM)', QBOSYNC_EXIT_CONFIG);
    }
    pcntl_async_signals(true);
    foreach ([SIGINT, SIGTERM] as $sig) {
        pcntl_signal($sig, function (int $s) use (&$stop) { $stop = $s; });
    }
    $cli->say('worker ' . getmypid() . ' started');
    $totals = ['delivered' => 0, 'errors' => 0, 'runs' => 0];
    $why = 'done';
    // the lock is kept between runs, so no other worker starts while this one lives
    $opts = ['time_budget' => max(1.0, $interval), 'keep_lock' => true, 'batch_size' => $cli->batch()] + ($cli->source !== null ? ['source' => $cli->source] : []);
    while ($stop === null) {
        // a step ends at the time budget or when asked to stop (the signal handler only sets $stop)
        try {
            $r = qbo_sync($conn, $opts + ['progress' => function () use (&$stop) {
                if ($stop !== null) {
                    throw new QbosyncWorkerStop();   // qbo_sync finishes the record in hand and returns
                }
            }]);
        } catch (QbosyncWorkerStop $e) {
            break;
        }
        $totals['runs']++;
        $totals['delivered'] += $r['delivered'];
        $totals['errors'] += $r['errors'];
        if ($r['delivered'] + $r['errors'] > 0 || isset($r['history'])) {
            $cli->say(sprintf('delivered %d, errors %d, waiting %d, remaining %d%s', $r['delivered'], $r['errors'], $r['waiting'], $r['remaining'],
                isset($r['history']) ? "; history push {$r['history']['done']}/{$r['history']['total']} {$r['history']['state']}" : ''));
        }
        if (!empty($r['cancelled'])) {
            $why = 'cancelled (qbo_cancel)';
            break;
        }
        if ($cli->flag('once')) {
            break;
        }
        $busy = $r['remaining'] > 0 && $r['delivered'] > 0 || (isset($r['history']) && $r['history']['state'] === 'running');
        for ($t = 0; !$busy && $stop === null && $t < $interval; $t += 0.1) {
            usleep(100000);
        }
    }
    if ($stop !== null) {
        $why = $stop === SIGTERM ? 'SIGTERM' : 'SIGINT';
    }
    $w = qbo_status($conn)['worker'];
    if ($w !== null && $w['pid'] === getmypid()) {
        qbo_unlock($conn);   // ours: released on the way out
    }
    $result = $totals + ['stopped' => $why, 'queued' => qbo_status($conn)['queued']];
    $cli->result($result, fn($r) => $cli->say("worker stopped: {$r['stopped']}; delivered {$r['delivered']}, errors {$r['errors']} in {$r['runs']} runs, {$r['queued']} queued"));
    return QBOSYNC_EXIT_OK;
}

final class QbosyncWorkerStop extends RuntimeException
{
}
