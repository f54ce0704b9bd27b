#!/usr/bin/env python3
"""Validate an OSCAL JSON document against NIST's JSON Schema.

Usage: validate-oscal-json.py SCHEMA DOCUMENT
Exit 0 valid, 1 invalid (errors listed with their JSON path), 2 usage, 3 a module is missing.

OSCAL's schemas use \\p{L}-style classes that Python's `re` cannot compile, so the `pattern`
keyword is re-implemented with the `regex` module (pip install jsonschema regex).
"""
import sys

import schema_report

try:
    import jsonschema
    import regex
    from jsonschema import validators
except ImportError as error:
    print(f"missing Python module: {error.name} (pip install jsonschema regex)", file=sys.stderr)
    sys.exit(3)


def pattern(validator, expected, instance, schema):
    if validator.is_type(instance, "string") and not regex.search(expected, instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {expected!r}")


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    schema, document = schema_report.load(argv[1], argv[2])
    base = validators.validator_for(schema)
    checker = validators.extend(base, {"pattern": pattern})(schema)
    return schema_report.report(checker, document, argv[2])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
