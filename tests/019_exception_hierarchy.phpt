--TEST--
The exception classes: QboSync\Exception extends RuntimeException; the others extend it and carry their fields
--FILE--
<?php
foreach (['Exception', 'ValidationException', 'ApiException', 'AuthException', 'StoreException'] as $n) {
    $rc = new ReflectionClass("QboSync\\$n");
    echo $rc->getName(), ' extends ', $rc->getParentClass()->getName(), ($rc->isFinal() ? ' final' : ''), "\n";
    foreach ($rc->getProperties() as $p) {
        if ($p->getDeclaringClass()->getName() === $rc->getName()) {
            echo '  ', $p->getType(), ' $', $p->getName(), ' = ', var_export($p->getDefaultValue(), true), "\n";
        }
    }
}
var_dump(new QboSync\ValidationException('x') instanceof RuntimeException);
var_dump(is_subclass_of(QboSync\ApiException::class, QboSync\Exception::class));
?>
--EXPECT--
QboSync\Exception extends RuntimeException
QboSync\ValidationException extends QboSync\Exception
  string $kind = ''
  string $recordId = ''
  string $field = ''
QboSync\ApiException extends QboSync\Exception
  string $qboCode = ''
  string $element = ''
  string $detail = ''
  string $kind = ''
  string $recordId = ''
QboSync\AuthException extends QboSync\Exception
QboSync\StoreException extends QboSync\Exception
bool(true)
bool(true)
