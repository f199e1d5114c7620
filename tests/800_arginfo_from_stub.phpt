--TEST--
ext/qbosync_arginfo.h is what PHP's gen_stub.php generates from ext/qbosync.stub.php (script/arginfo --check): the arginfo is never edited by hand
--FILE--
<?php
$root = dirname(__DIR__);
exec('bash ' . escapeshellarg("$root/script/arginfo") . ' --check 2>&1', $out, $rc);
echo "exit $rc\n";
echo end($out), "\n";
?>
--EXPECT--
exit 0
ext/qbosync_arginfo.h is generated from ext/qbosync.stub.php
