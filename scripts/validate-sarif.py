#!/usr/bin/env python3
"""Validate a SARIF log against the SARIF 2.1.0 JSON Schema (Tests/Fixtures/sarif/).

Usage: validate-sarif.py SCHEMA DOCUMENT
Exit 0 valid, 1 invalid (errors listed with their JSON path), 2 usage, 3 jsonschema is missing.
"""
import json
import sys

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
    with open(argv[1], encoding="utf-8") as handle:
        schema = json.load(handle)
    with open(argv[2], encoding="utf-8") as handle:
        document = json.load(handle)
    checker = validators.validator_for(schema)(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(checker.iter_errors(document), key=lambda e: list(e.absolute_path))
    for error in errors[:50]:
        path = "/" + "/".join(str(part) for part in error.absolute_path)
        print(f"{argv[2]}: {path}: {error.message[:300]}")
    if errors:
        print(f"{argv[2]}: {len(errors)} error(s)")
        return 1
    print(f"{argv[2]}: valid")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
