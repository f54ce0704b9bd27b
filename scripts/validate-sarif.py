#!/usr/bin/env python3
"""Validate a SARIF log against the SARIF 2.1.0 JSON Schema (Tests/Fixtures/sarif/).

Usage: validate-sarif.py SCHEMA DOCUMENT
Exit 0 valid, 1 invalid (errors listed with their JSON path), 2 usage, 3 jsonschema is missing.
"""
import sys

import schema_report

try:
    import jsonschema
    from jsonschema import validators
except ImportError as error:
    print(f"missing Python module: {error.name} (pip install jsonschema)", file=sys.stderr)
    sys.exit(3)


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    schema, document = schema_report.load(argv[1], argv[2])
    checker = validators.validator_for(schema)(schema, format_checker=jsonschema.FormatChecker())
    return schema_report.report(checker, document, argv[2])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
