<?php
// status: the connection and the count of records in each state (exit 1 when any is in Error or Mismatch)

function qbosync_cmd_status(QbosyncCli $cli): int
{
    $st = qbo_status($cli->conn());
    $cli->result($st, function (array $st) use ($cli) {
        $cli->say('connection: ' . $st['status'] . ($st['realm'] !== null ? " (company {$st['realm']})" : '')
            . ($st['message'] !== null && $st['message'] !== '' ? ': ' . $st['message'] : ''));
        foreach ($st['counts'] ?? [] as $state => $n) {
            $cli->say(sprintf('%-12s %d', $state . ':', $n));
        }
        $cli->say('queued:      ' . $st['queued']);
        $cli->say('last sync:   ' . ($st['last_sync'] ?? 'never'));
    });
    $bad = ($st['counts']['Error'] ?? 0) + ($st['counts']['Mismatch'] ?? 0);
    return $bad > 0 ? QBOSYNC_EXIT_PROBLEMS : QBOSYNC_EXIT_OK;
}
