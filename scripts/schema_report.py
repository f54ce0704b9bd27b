"""The shared part of the JSON Schema check scripts: read a schema and a document, list the errors."""
import json


def load(schema_path, document_path):
    """The schema and the document, parsed."""
    with open(schema_path, encoding="utf-8") as handle:
        schema = json.load(handle)
    with open(document_path, encoding="utf-8") as handle:
        return schema, json.load(handle)


def report(checker, document, label):
    """Prints each error (at most 50) with its JSON path, then a verdict; returns the exit code."""
    errors = sorted(checker.iter_errors(document), key=lambda e: list(e.absolute_path))
    for error in errors[:50]:
        path = "/" + "/".join(str(part) for part in error.absolute_path)
        print(f"{label}: {path}: {error.message[:300]}")
    if errors:
        print(f"{label}: {len(errors)} error(s)")
        return 1
    print(f"{label}: valid")
    return 0
