import Foundation
import NHIModel

/// A list the override set so that the rules reading it can no longer find what the default list
/// lets them find: emptied, or left with patterns of which none overlaps any default entry.
public struct PolicySilencing: Hashable, Sendable {
    public var key: String
    public var file: String
    /// The override's entries (empty when the list was emptied).
    public var value: [String]
    public var defaultValue: [String]

    /// The silenced lists of `effective` against `base`, by key: lists in which fewer entries find
    /// less (`PolicySetting.Value.patterns`' `fewerFindLess`).
    static func find(from base: Policy, to effective: Policy, file: String) -> [PolicySilencing] {
        Policy.settings.sorted { $0.key < $1.key }.compactMap { setting -> PolicySilencing? in
            guard case .patterns(let path, fewerFindLess: true) = setting.value else { return nil }
            let before = base[keyPath: path], after = effective[keyPath: path]
            guard !before.isEmpty, after != before else { return nil }
            let matchesAnyDefault = after.contains { entry in
                before.contains { WildcardPattern(entry).overlaps(WildcardPattern($0)) }
            }
            return matchesAnyDefault
                ? nil : PolicySilencing(key: setting.key, file: file, value: after, defaultValue: before)
        }
    }
}
