-- The engine-independent part of `nhi-audit lake sql`'s activity query: it follows the engine's
-- own beginning (activity-duckdb.sql, activity-trino.sql), which reads the events into `events`:
-- one row per CloudTrail event with its userIdentity fields, event_time (a UTC timestamp),
-- event_time_text (ISO 8601 to the second), eventsource, eventname, recipientaccountid,
-- sourceipaddress, errorcode, readonly ('true', 'false' or NULL), user_agent_class (the user agent
-- with its versions replaced by `*`) and request_key_list (the request's field names, sorted and
-- `;`-joined, capped at {{max_request_fields}} then `+more`, as the reader keeps them).
-- ARNs split as nhi-audit splits them: `arn:partition:service:region:account:resource`, the
-- resource being everything after the fifth colon (it may hold colons and slashes).
arn_parts AS (
    SELECT e.*,
        CASE WHEN starts_with(arn, 'arn:') AND length(arn) - length(replace(arn, ':', '')) >= 5 THEN
            substr(arn, 6 + length(split_part(arn, ':', 1)) + length(split_part(arn, ':', 2)) + length(split_part(arn, ':', 3))
                        + length(split_part(arn, ':', 4)) + length(split_part(arn, ':', 5))) END AS arn_resource,
        CASE WHEN starts_with(issuer_arn, 'arn:') AND length(issuer_arn) - length(replace(issuer_arn, ':', '')) >= 5 THEN
            substr(issuer_arn, 6 + length(split_part(issuer_arn, ':', 1)) + length(split_part(issuer_arn, ':', 2))
                               + length(split_part(issuer_arn, ':', 3)) + length(split_part(issuer_arn, ':', 4))
                               + length(split_part(issuer_arn, ':', 5))) END AS issuer_resource
    FROM events e
    WHERE event_time IS NOT NULL AND eventsource <> '' AND eventname <> ''
      AND {{time_filter}}
),
-- Canonical identity ids: IAM users, roles and groups without their path; an assumed-role session
-- as its role; any other ARN as it is.
canonical AS (
    SELECT a.*,
        CASE
            WHEN arn IS NULL THEN NULL
            WHEN split_part(arn, ':', 3) = 'iam' AND strpos(arn_resource, '/') > 0
                 AND split_part(arn_resource, '/', 1) IN ('user', 'role', 'group') THEN
                'arn:' || split_part(arn, ':', 2) || ':iam::' || split_part(arn, ':', 5) || ':' || split_part(arn_resource, '/', 1)
                || '/' || reverse(split_part(reverse(arn_resource), '/', 1))
            WHEN split_part(arn, ':', 3) = 'sts' AND starts_with(arn_resource, 'assumed-role/')
                 AND strpos(substr(arn_resource, 14), '/') > 0 THEN
                'arn:' || split_part(arn, ':', 2) || ':iam::' || split_part(arn, ':', 5) || ':role/'
                || split_part(substr(arn_resource, 14), '/', 1)
            ELSE arn
        END AS arn_id,
        CASE
            WHEN issuer_arn IS NULL THEN NULL
            WHEN split_part(issuer_arn, ':', 3) = 'iam' AND strpos(issuer_resource, '/') > 0
                 AND split_part(issuer_resource, '/', 1) IN ('user', 'role', 'group') THEN
                'arn:' || split_part(issuer_arn, ':', 2) || ':iam::' || split_part(issuer_arn, ':', 5) || ':'
                || split_part(issuer_resource, '/', 1) || '/' || reverse(split_part(reverse(issuer_resource), '/', 1))
            WHEN split_part(issuer_arn, ':', 3) = 'sts' AND starts_with(issuer_resource, 'assumed-role/')
                 AND strpos(substr(issuer_resource, 14), '/') > 0 THEN
                'arn:' || split_part(issuer_arn, ':', 2) || ':iam::' || split_part(issuer_arn, ':', 5) || ':role/'
                || split_part(substr(issuer_resource, 14), '/', 1)
            ELSE issuer_arn
        END AS issuer_id
    FROM arn_parts a
),
-- Who acted, by userIdentity.type, as nhi-audit's CloudTrail reader decides it.
principals AS (
    SELECT c.*,
        CASE identity_type
            WHEN 'AWSService' THEN 'aws-service:' || coalesce(invoked_by, principal_id)
            WHEN 'Root' THEN coalesce(arn_id, 'arn:aws:iam::' || identity_account || ':root')
            WHEN 'IAMUser' THEN coalesce(arn_id, 'arn:aws:iam::' || identity_account || ':user/' || user_name,
                                         'aws-access-key:' || access_key)
            WHEN 'AssumedRole' THEN coalesce(arn_id, issuer_id)
            WHEN 'FederatedUser' THEN arn_id
            WHEN 'AWSAccount' THEN 'arn:aws:iam::' || identity_account || ':root'
            WHEN 'SAMLUser' THEN coalesce(arn_id, 'aws-federated:' || coalesce(user_name, principal_id))
            WHEN 'WebIdentityUser' THEN coalesce(arn_id, 'aws-federated:' || coalesce(user_name, principal_id))
            WHEN 'IdentityCenterUser' THEN coalesce(arn_id, 'aws-federated:' || coalesce(user_name, principal_id))
            ELSE coalesce(arn_id, issuer_id, 'aws-access-key:' || access_key, 'aws-service:' || invoked_by)
        END AS identity
    FROM canonical c
),
-- An access key seen both bare and with its IAM user: charged to the user, as the reader does.
key_owners AS (
    SELECT access_key, min(identity) AS owner
    FROM principals
    WHERE starts_with(access_key, 'AKIA') AND strpos(identity, ':user/') > 0
    GROUP BY access_key
),
classified AS (
    SELECT
        coalesce(k.owner, p.identity) AS identity,
        split_part(p.eventsource, '.', 1) || ':' || p.eventname AS action,
        coalesce(p.recipientaccountid, p.identity_account) AS account,
        p.event_time,
        CASE p.readonly WHEN 'true' THEN true WHEN 'false' THEN false
             ELSE starts_with(p.eventname, 'Get') OR starts_with(p.eventname, 'List')
                  OR starts_with(p.eventname, 'Describe') OR starts_with(p.eventname, 'Head') END AS read_only,
        p.request_key_list,
        p.user_agent_class,
        p.event_time_text,
        CASE
            WHEN p.sourceipaddress IS NULL OR p.sourceipaddress = '' THEN ''
            WHEN p.sourceipaddress = 'AWS Internal' OR p.sourceipaddress LIKE '%.amazonaws.com' THEN 'aws'
            WHEN starts_with(p.sourceipaddress, '10.') OR starts_with(p.sourceipaddress, '192.168.')
                 OR starts_with(p.sourceipaddress, '127.') OR lower(p.sourceipaddress) LIKE 'fd%:%'
                 OR (starts_with(p.sourceipaddress, '172.') AND split_part(p.sourceipaddress, '.', 2)
                     IN ('16', '17', '18', '19', '20', '21', '22', '23', '24', '25', '26', '27', '28', '29', '30', '31'))
                THEN 'private'
            ELSE 'public'
        END AS source_ip_class,
        CASE
            WHEN p.errorcode IS NULL OR p.errorcode = '' THEN ''
            WHEN starts_with(p.errorcode, 'AccessDenied') OR p.errorcode LIKE '%UnauthorizedOperation' THEN 'denied'
            ELSE 'failed'
        END AS error_class
    FROM principals p
    LEFT JOIN key_owners k ON starts_with(p.identity, 'aws-access-key:') AND k.access_key = p.access_key
    WHERE p.identity IS NOT NULL
),
shaped AS (
    SELECT c.*,
        -- Request field names matter for mutating calls only (authority classes such as ECS
        -- UpdateService's).
        CASE WHEN read_only THEN '' ELSE request_key_list END AS request_fields,
        {{environment_case}} AS environment
    FROM classified c
)
SELECT
    identity,
    'aws' AS platform,
    action,
    environment,
    count(*) AS count,
    -- The times' text has a fixed width, so that its least and greatest are the earliest and latest.
    min(event_time_text) AS first_seen,
    max(event_time_text) AS last_seen,
    user_agent_class,
    read_only,
    account,
    request_fields,
    source_ip_class,
    error_class
FROM shaped
GROUP BY identity, action, environment, account, CAST(event_time AS date), request_fields, user_agent_class,
         source_ip_class, read_only, error_class
ORDER BY identity, action, environment, account, first_seen, request_fields, user_agent_class, source_ip_class,
         read_only, error_class
