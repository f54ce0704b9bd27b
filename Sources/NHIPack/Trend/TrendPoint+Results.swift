import NHIModel

extension TrendPoint {
    /// One pack's position on the trend: per framework, satisfied and attested controls over the
    /// controls that could apply (not-applicable excluded; a framework with none is left out rather
    /// than shown as 0 %), and open findings per severity (every severity present, zero included).
    public init(results: ResultsDocument, label: String) {
        var shares: [String: Double] = [:]
        for framework in results.frameworks {
            let applicable = framework.controls.filter { $0.status != .notApplicable }.count
            guard applicable > 0 else { continue }
            let met = framework.count(.satisfied) + framework.count(.attested)
            shares[framework.framework] = Double(met) / Double(applicable)
        }
        var open = Dictionary(uniqueKeysWithValues: Severity.allCases.map { ($0.rawValue, 0) })
        for finding in results.findings where finding.isOpen { open[finding.severity.rawValue, default: 0] += 1 }
        self.init(label: label, generatedAt: results.generatedAt, satisfiedShare: shares, openFindings: open)
    }
}
