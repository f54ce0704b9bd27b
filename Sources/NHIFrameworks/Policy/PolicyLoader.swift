import Foundation
import NHIModel
import Yams

/// A threshold an override set more permissively than the shipped default.
public struct PolicyRelaxation: Hashable, Sendable {
    public var key: String
    public var defaultValue: Double
    public var value: Double
    public var file: String
}

/// Loads `mappings/policy.yaml` (the defaults) and an optional `--policy` override file that
/// may set any subset of the keys. Unknown keys, wrong types and bad values are errors with file:line.
public enum PolicyLoader {
    public struct Loaded: Sendable {
        public var policy: Policy
        /// Thresholds the override loosened relative to the defaults file.
        public var relaxations: [PolicyRelaxation]
        /// Lists the override emptied, or left matching nothing the defaults matched.
        public var silencings: [PolicySilencing] = []
    }

    public static func load(defaults: URL, override: URL? = nil) throws -> Loaded {
        let base = try parse(defaults, over: .defaults)
        guard let override else { return Loaded(policy: base, relaxations: []) }
        let display = DisplayPath.of(override)
        guard FileManager.default.fileExists(atPath: override.path) else {
            throw ConfigFileError("\(display): policy file not found")
        }
        let effective = try parse(override, over: base)
        return Loaded(
            policy: effective, relaxations: relaxations(from: base, to: effective, file: display),
            silencings: PolicySilencing.find(from: base, to: effective, file: display))
    }

    /// Every problem of one policy file, one line each (empty when the file is valid). For `nhi-audit validate`.
    public static func validate(_ url: URL) -> [String] {
        do {
            _ = try parse(url, over: .defaults)
            return []
        } catch let error as ConfigFileError {
            return error.problems
        } catch {
            return ["\(DisplayPath.of(url)): \(error)"]
        }
    }

    /// Applies the keys present in the file at `url` over `policy`.
    static func parse(_ url: URL, over policy: Policy) throws -> Policy {
        let yaml = StrictYAML(file: DisplayPath.of(url))
        let text = try yaml.read(url)
        return try apply(text, over: policy, yaml: yaml)
    }

    static func apply(_ text: String, over base: Policy, yaml: StrictYAML) throws -> Policy {
        guard let root = try yaml.parse(text) else { return base }
        let settings = Dictionary(uniqueKeysWithValues: Policy.settings.map { ($0.key, $0) })
        var policy = base
        var problems: [String] = []
        for (key, _, value) in yaml.entries(of: root, allowed: Policy.keys, context: "the policy", problems: &problems)
        {
            guard let setting = settings[key] else { continue }
            switch setting.value {
            case .days(let path):
                let maxDays = PolicySetting.maxDays
                guard let number = value.scalar.flatMap({ Int($0.string) }), (0...maxDays).contains(number) else {
                    problems.append(yaml.problem(value, "\(key) must be a whole number of days from 0 to \(maxDays)"))
                    continue
                }
                policy[keyPath: path] = number
            case .hours(let path):
                let maxHours = PolicySetting.maxHours
                guard let number = value.scalar.flatMap({ Double($0.string) }), number > 0, number <= maxHours else {
                    problems.append(yaml.problem(value, "\(key) must be a number of hours > 0 and ≤ \(Int(maxHours))"))
                    continue
                }
                policy[keyPath: path] = number
            case .patterns(let path, _):
                if let values = yaml.strings(value, key: key, problems: &problems) { policy[keyPath: path] = values }
            case .daysPerSeverity(let path):
                let severities = Severity.allCases.reversed().map(\.rawValue)
                let maxDays = PolicySetting.maxDays
                for (severity, _, days) in yaml.entries(
                    of: value, allowed: severities, context: key, problems: &problems)
                {
                    guard let number = days.scalar.flatMap({ Int($0.string) }), (0...maxDays).contains(number) else {
                        problems.append(
                            yaml.problem(days, "\(key).\(severity) must be a whole number of days from 0 to \(maxDays)")
                        )
                        continue
                    }
                    policy[keyPath: path][severity] = number
                }
            }
        }
        guard problems.isEmpty else { throw ConfigFileError(problems: problems) }
        return policy
    }

    /// Thresholds in days or hours that `effective` sets larger, so looser, than `base`.
    static func relaxations(from base: Policy, to effective: Policy, file: String) -> [PolicyRelaxation] {
        Policy.settings.sorted { $0.key < $1.key }.compactMap { setting in
            guard let before = setting.number(in: base), let after = setting.number(in: effective), after > before
            else { return nil }
            return PolicyRelaxation(key: setting.key, defaultValue: before, value: after, file: file)
        }
    }
}
