<?php
// Helper of the gateway's "drop" fault (run as a CLI child of a built-in-server worker): finds the
// inherited socket whose peer port is argv[1] and shuts it down, so the client sees the
// connection close without any response.
declare(strict_types=1);

$want = (int)($argv[1] ?? 0);
foreach (scandir('/proc/self/fd') ?: [] as $fd) {
    if (!is_numeric($fd) || (int)$fd < 3) {
        continue;
    }
    $link = @readlink("/proc/self/fd/$fd");
    if ($link === false || strncmp($link, 'socket:', 7) !== 0) {
        continue;
    }
    $stream = @fopen("php://fd/$fd", 'r+');
    if ($stream === false) {
        continue;
    }
    $sock = @socket_import_stream($stream);
    if ($sock === false || $sock === null) {
        continue;
    }
    if (@socket_getpeername($sock, $addr, $port) && $port === $want) {
        socket_shutdown($sock, 2);
        exit(0);
    }
}
fwrite(STDERR, "no socket with peer port $want\n");
exit(1);
