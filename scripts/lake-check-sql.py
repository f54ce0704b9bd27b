#!/usr/bin/env python3
"""Check an Athena or Trino query of `nhi-audit lake sql` without Athena or Trino.

Usage: lake-check-sql.py athena|trino QUERY.sql GLOB OUT.csv
Exit 0 written, 1 the query does not parse or does not run, 2 usage, 3 duckdb or sqlglot is missing.

The query is parsed with sqlglot in its own dialect (a syntax error fails), translated to DuckDB's,
and run in DuckDB against a table `cloudtrail_logs` made from the CloudTrail files GLOB names in
the layout docs/scale.md documents for Athena and Trino (the AWS partition-projection table:
`useridentity` struct, string `eventtime`, `requestparameters` as JSON text, `readonly` as
'true'/'false', partition column `timestamp` as yyyy/MM/dd). Its rows are written to OUT.csv, to
be compared with what the DuckDB query and nhi-audit's own reader make of the same files.
"""
import pathlib
import sys

# The Athena layout, built from the raw events as the CloudTrail SerDe presents them.
LAYOUT = """
CREATE TABLE cloudtrail_logs AS
WITH documents AS (SELECT json AS document FROM read_json_objects(?, format = 'auto')),
records AS (
    SELECT record FROM documents, unnest(CASE
        WHEN json_type(document, '$.Records') = 'ARRAY' THEN json_extract(document, '$.Records[*]')
        WHEN json_type(document) = 'ARRAY' THEN json_extract(document, '$[*]')
        ELSE [document] END) AS t(record)
)
SELECT
    struct_pack(
        type := record->>'$.userIdentity.type',
        principalid := record->>'$.userIdentity.principalId',
        arn := record->>'$.userIdentity.arn',
        accountid := record->>'$.userIdentity.accountId',
        invokedby := record->>'$.userIdentity.invokedBy',
        accesskeyid := record->>'$.userIdentity.accessKeyId',
        username := record->>'$.userIdentity.userName',
        sessioncontext := struct_pack(sessionissuer := struct_pack(
            type := record->>'$.userIdentity.sessionContext.sessionIssuer.type',
            principalid := record->>'$.userIdentity.sessionContext.sessionIssuer.principalId',
            arn := record->>'$.userIdentity.sessionContext.sessionIssuer.arn',
            accountid := record->>'$.userIdentity.sessionContext.sessionIssuer.accountId',
            username := record->>'$.userIdentity.sessionContext.sessionIssuer.userName'))) AS useridentity,
    record->>'$.eventTime' AS eventtime,
    record->>'$.eventSource' AS eventsource,
    record->>'$.eventName' AS eventname,
    record->>'$.awsRegion' AS awsregion,
    record->>'$.sourceIPAddress' AS sourceipaddress,
    record->>'$.userAgent' AS useragent,
    record->>'$.errorCode' AS errorcode,
    CAST(record->'$.requestParameters' AS VARCHAR) AS requestparameters,
    record->>'$.readOnly' AS readonly,
    record->>'$.recipientAccountId' AS recipientaccountid,
    replace(substr(record->>'$.eventTime', 1, 10), '-', '/') AS "timestamp"
FROM records
"""


def main() -> int:
    if len(sys.argv) != 5 or sys.argv[1] not in ("athena", "trino"):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    try:
        import duckdb
        import sqlglot
    except ImportError as error:
        print(f"lake-check-sql: {error.name} is missing (pip install duckdb sqlglot)", file=sys.stderr)
        return 3
    dialect, query_path, glob, out = sys.argv[1:]
    query = pathlib.Path(query_path).read_text(encoding="utf-8")
    try:
        statements = sqlglot.parse(query, read=dialect)
    except sqlglot.errors.ParseError as error:
        print(f"lake-check-sql: {query_path}: not {dialect} SQL: {error}".replace("\n", " "), file=sys.stderr)
        return 1
    if len(statements) != 1:
        print(f"lake-check-sql: {query_path}: {len(statements)} statements, expected one query", file=sys.stderr)
        return 1
    translated = statements[0].sql(dialect="duckdb")
    try:
        connection = duckdb.connect()
        connection.execute(LAYOUT, [glob])
        connection.sql(translated).write_csv(out, header=True)
    except duckdb.Error as error:
        print(f"lake-check-sql: {query_path}: {error}".replace("\n", " "), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
