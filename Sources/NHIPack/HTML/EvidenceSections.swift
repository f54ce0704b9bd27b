import NHIModel

/// Rows of the authority view, waivers, ingest ledger and rule catalogue.
enum EvidenceSections {
    static func metrics(_ m: Metrics) -> [[String: Any]] {
        [
            ["label": "NHIs in scope", "value": String(m.nhisInScope), "note": "organisation's non-human identities"],
            [
                "label": "Owned", "value": ReportText.percent(m.owned, of: m.nhisInScope),
                "note": "\(m.owned) with an owner",
            ],
            [
                "label": "Over-privileged", "value": ReportText.percent(m.overPrivileged, of: m.nhisInScope),
                "note": "\(m.overPrivileged) identities",
            ],
            [
                "label": "Credentials past max age", "value": String(m.credentialsPastMaxAge),
                "note": "keys and tokens older than policy allows",
            ],
            [
                "label": "Dual-use identities", "value": String(m.dualUse),
                "note": "both deliver and operate production",
            ],
            [
                "label": "Shadow identities", "value": String(m.shadow),
                "note": "acting in logs, unknown to inventories",
            ],
        ]
    }

    /// Columns of an authority row that rows share: environments, may deliver, may operate, use.
    static let authorityShared = [2, 7, 8, 9]

    /// An authority table row: name, identity, environments, delivery, operations, identity admin,
    /// read, may deliver, may operate, use ("dual use", "latent dual use" or ""), not in any
    /// inventory (1 or 0), outside the declared scope (1 or 0).
    static func authorityRow(_ row: AuthoritySummary) -> [ReportTable.Cell] {
        let use = row.dualUse ? "dual use" : AuthoritySections.isLatentDualUse(row) ? "latent dual use" : ""
        return [
            .text(ReportText.clean(row.name)), .text(ReportText.clean(row.identity.rawValue)),
            .text(ReportText.clean(row.environments.sorted().joined(separator: ", "))), .number(row.delivery),
            .number(row.operations), .number(row.identityAdmin), .number(row.read),
            .text(row.canDeliver ? "yes" : "no"), .text(row.canOperate ? "yes" : "no"), .text(use),
            .number(row.inInventory == false ? 1 : 0), .number(row.outsideScope == true ? 1 : 0),
        ]
    }

    /// The authority table's first page as HTML rows (`rows` in report order).
    static func authority(_ rows: ArraySlice<AuthoritySummary>) -> [[String: Any]] {
        rows.map { row in
            [
                "name": ReportText.clean(row.name), "identity": ReportText.clean(row.identity.rawValue),
                "environments": ReportText.clean(row.environments.sorted().joined(separator: ", ")),
                "delivery": row.delivery, "operations": row.operations, "identityAdmin": row.identityAdmin,
                "read": row.read,
                "canDeliver": row.canDeliver ? "yes" : "no", "canOperate": row.canOperate ? "yes" : "no",
                "dualUse": row.dualUse, "latentDualUse": !row.dualUse && AuthoritySections.isLatentDualUse(row),
                "notInInventory": row.inInventory == false, "outsideScope": row.outsideScope == true,
            ]
        }
    }

    static func waivers(_ waivers: [WaiverRecord]) -> [[String: Any]] {
        waivers.map { waiver in
            [
                "id": ReportText.clean(waiver.id), "rule": ReportText.clean(waiver.rule),
                "pattern": ReportText.clean(waiver.identityPattern),
                "hasControl": waiver.control != nil, "control": ReportText.clean(waiver.control ?? ""),
                "justification": ReportText.clean(waiver.justification), "owner": ReportText.clean(waiver.owner),
                "approvedBy": ReportText.clean(waiver.approvedBy),
                // An approval date the waiver file does not give is said to be missing, never invented.
                "approvedOn": waiver.approved.map { String(ISO8601.string(from: $0).prefix(10)) }
                    ?? "date not recorded",
                "approvalUndated": waiver.approved == nil,
                "hasReference": waiver.reference != nil, "reference": ReportText.clean(waiver.reference ?? ""),
                "expires": ISO8601.string(from: waiver.expires), "state": waiver.state.rawValue,
                "expired": waiver.state == .expired,
                "matched": waiver.matchedFindings.map { ["id": ReportText.clean($0)] },
                "hasMatched": !waiver.matchedFindings.isEmpty,
            ]
        }
    }

    static func attestations(_ attestations: [AttestationRecord]) -> [[String: Any]] {
        attestations.map { attestation in
            [
                "controls": attestation.controls.map { ["id": ReportText.clean($0)] },
                "statement": ReportText.clean(attestation.statement),
                "evidenceFile": ReportText.clean(attestation.evidenceFile),
                "evidenceSha256": attestation.evidenceSha256,
                "attestedBy": ReportText.clean(attestation.attestedBy),
                "attestedAt": ISO8601.string(from: attestation.attestedAt),
                "expires": attestation.expires.map(ISO8601.string) ?? "no expiry",
                "active": attestation.active,
            ]
        }
    }

    /// The ledger; files that back an attestation are not "files not read" but attestation
    /// evidence (hashed into the manifest, read by the attestation check, not by a reader).
    static func ledger(_ ledger: IngestLedger, attestations: [AttestationRecord]) -> [String: Any] {
        let evidence = Dictionary(grouping: attestations, by: \.evidenceFile)
        let skipped = ledger.skipped.filter { evidence[$0.file] == nil }
        return [
            "read": ledger.totalRead, "accepted": ledger.totalAccepted, "rejected": ledger.totalRejected,
            "entries": LedgerGroups.rows(ledger.entries),
            "skipped": skipped.map { ["file": ReportText.clean($0.file), "reason": ReportText.clean($0.reason)] },
            "hasSkipped": !skipped.isEmpty,
            "attestationEvidence": evidence.keys.sorted().map { file -> [String: Any] in
                let records = evidence[file] ?? []
                return [
                    "file": ReportText.clean(file), "sha256": records.first?.evidenceSha256 ?? "",
                    "controls": ReportText.clean(records.flatMap(\.controls).joined(separator: ", ")),
                ]
            },
            "hasAttestationEvidence": !evidence.isEmpty,
        ]
    }

    /// The rule catalogue joined with what happened to each rule in this run.
    static func rules(_ catalogue: [PackRule], evaluations: [RuleEvaluation]) -> [[String: Any]] {
        let byRule = Dictionary(evaluations.map { ($0.rule, $0) }) { first, _ in first }
        let ids = Set(catalogue.map(\.rule.id)).union(evaluations.map(\.rule)).sorted()
        let info = Dictionary(catalogue.map { ($0.rule.id, $0) }) { first, _ in first }
        return ids.map { id in
            let rule = info[id]?.rule
            let evaluation = byRule[id]
            return [
                "id": ReportText.clean(id), "title": ReportText.clean(rule?.title ?? ""),
                "severity": rule?.severity.rawValue ?? "",
                "inputs": (rule?.inputs ?? []).map(\.rawValue).joined(separator: ", "),
                "state": evaluation?.state.rawValue ?? "not-run", "findings": evaluation?.findings ?? 0,
                "thresholds": (info[id]?.thresholdValues ?? [:]).sorted { $0.key < $1.key }
                    .map { ["name": ReportText.clean($0.key), "value": ReportText.clean($0.value)] },
                "missing": (evaluation?.missingInputs ?? []).map(\.rawValue).joined(separator: ", "),
                "hasMissing": !(evaluation?.missingInputs ?? []).isEmpty,
                "reasons": (evaluation?.reasons ?? []).map { ["text": ReportText.clean($0)] },
                "uncovered": (evaluation?.uncovered ?? []).map { ["text": ReportText.clean($0)] },
                "population": ReportText.population(evaluation?.population),
                "hasPopulation": evaluation?.population != nil,
            ]
        }
    }

    /// The cover's table: per declared account, cluster and repository, the evidence kinds present and missing.
    static func coverage(_ targets: [TargetCoverage]) -> [[String: Any]] {
        targets.map { target in
            [
                "environment": ReportText.clean(target.environment),
                "platform": ReportText.clean(target.platform.rawValue),
                "target": ReportText.clean(target.target),
                "present": target.inputs.map(\.rawValue).joined(separator: ", "), "hasPresent": !target.inputs.isEmpty,
                "missing": target.missing.map(\.rawValue).joined(separator: ", "),
                "hasMissing": !target.missing.isEmpty,
            ]
        }
    }

    /// Callers listed per unclassified action before the rest are only counted (results.json has all).
    static let listedCallers = 10

    static func unclassified(_ actions: [UnclassifiedAction]) -> [[String: Any]] {
        actions.map { action in
            let identities = action.identities ?? []
            var callers = identities.prefix(listedCallers).map { ReportText.clean($0.rawValue) }.joined(separator: ", ")
            if identities.count > listedCallers { callers += " and \(identities.count - listedCallers) more" }
            return [
                "platform": ReportText.clean(action.platform.rawValue), "action": ReportText.clean(action.action),
                "count": action.count, "identities": callers,
            ]
        }
    }

    static func trend(_ points: [TrendPoint]) -> [[String: Any]] {
        points.map { point in
            [
                "label": ReportText.clean(point.label), "generatedAt": ISO8601.string(from: point.generatedAt),
                "shares": point.satisfiedShare.keys.sorted().map { key -> [String: Any] in
                    [
                        "framework": ReportText.clean(key),
                        "value": String(format: "%.0f%%", 100 * (point.satisfiedShare[key] ?? 0)),
                    ]
                },
                "open": point.openFindings.keys.sorted().map { key -> [String: Any] in
                    ["severity": ReportText.clean(key), "count": point.openFindings[key] ?? 0]
                },
            ]
        }
    }
}
