#!/usr/bin/env python3
"""Run a query `nhi-audit lake sql --engine duckdb` printed and save its rows as activity.csv.

Usage: lake-duckdb.py QUERY.sql OUT.csv
Exit 0 written, 1 the query failed (DuckDB's message printed), 2 usage, 3 duckdb is missing
(`pip install duckdb`). The CSV has a header row and goes into the evidence folder as it is.
"""
import pathlib
import sys


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    try:
        import duckdb
    except ImportError:
        print("lake-duckdb: the duckdb module is missing (pip install duckdb)", file=sys.stderr)
        return 3
    query = pathlib.Path(sys.argv[1]).read_text(encoding="utf-8")
    out = pathlib.Path(sys.argv[2])
    try:
        connection = duckdb.connect()
        rows = connection.sql(query)
        # Written beside the target and renamed, so a failed run leaves no half-written file.
        partial = out.with_name(out.name + ".partial")
        rows.write_csv(str(partial), header=True)
        partial.replace(out)
    except duckdb.Error as error:
        print(f"lake-duckdb: {sys.argv[1]}: {error}".replace("\n", " "), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
