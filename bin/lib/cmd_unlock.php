<?php
// unlock: releases the company's worker lock (a worker that died or hangs); --cancel asks the running worker to stop instead, --history cancels the history push

function qbosync_cmd_unlock(QbosyncCli $cli): int
{
    $conn = $cli->conn();
    $before = qbo_status($conn)['worker'];
    $out = ['worker' => $before];
    if ($cli->flag('history')) {
        $out['history_cancelled'] = qbo_history_cancel($conn);
    }
    if ($cli->flag('cancel')) {
        $out['cancel_asked'] = qbo_cancel($conn);
    } else {
        $out['released'] = qbo_unlock($conn);
    }
    $cli->result($out, function (array $o) use ($cli) {
        $who = $o['worker'] !== null ? "{$o['worker']['owner']} (pid {$o['worker']['pid']} on {$o['worker']['host']}, last heartbeat {$o['worker']['heartbeat']}"
            . ($o['worker']['stale'] ? ', silent' : '') . ')' : null;
        if (isset($o['history_cancelled'])) {
            $cli->say($o['history_cancelled'] ? 'history push cancelled' : 'no history push was running');
        }
        if (isset($o['cancel_asked'])) {
            $cli->say($o['cancel_asked'] ? "asked the worker $who to stop at its next step" : 'no worker holds the lock');
        } else {
            $cli->say($o['released'] ? "released the worker lock of $who" : 'the worker lock was free');
        }
    });
    return QBOSYNC_EXIT_OK;
}
