import Foundation
import NHIDetect
import NHIFrameworks
import NHIModel
import Testing
import TestSupport

/// Seed-corpus mutation of every loader of our own YAML (policy, authority classes, catalogs and
/// framework mappings, waivers, attestations): a fixed number of mutants per seed, fixed seed.
/// Nothing may trap; every refusal is a `ConfigFileError` or `MappingValidationError` whose
/// problems are one line each and name the file.
@Suite struct LoaderFuzzTests {
    static let mappings = Fixtures.packageRoot.appendingPathComponent("mappings")

    static func checkProblems(_ problems: [String], file: String) {
        for problem in problems {
            #expect(!problem.contains("\n"), "multi-line problem: \(problem)")
            #expect(problem.contains(file), "problem does not name \(file): \(problem)")
        }
    }

    @Test func mutatedMappingsPolicyAndAuthorityNeverTrap() throws {
        var mutator = SeedMutator(seed: 0x6D61_7070_696E_6773)
        let copy = try Fixtures.temporaryFolder("nhi-fuzz-mappings").appendingPathComponent("mappings")
        try FileManager.default.copyItem(at: Self.mappings, to: copy)
        for seed in SeedMutator.files(under: Self.mappings) {
            let original = try Data(contentsOf: seed.url)
            let target = copy.appendingPathComponent(seed.relative)
            let rounds = seed.relative.hasPrefix("catalogs/") || seed.relative.hasPrefix("frameworks/") ? 4 : 25
            for _ in 0..<rounds {
                try Data(mutator.mutate([UInt8](original))).write(to: target)
                do {
                    _ = try MappingSet.load(from: copy, knownRules: RuleRegistry.ids)
                } catch let error as MappingValidationError {
                    #expect(error.problems.allSatisfy { !$0.contains("\n") })
                }
                Self.checkProblems(
                    PolicyLoader.validate(copy.appendingPathComponent("policy.yaml")), file: "policy.yaml")
                _ = AuthorityLoader.validate(folder: copy.appendingPathComponent("authority"))
                if let loaded = try? PolicyLoader.load(
                    defaults: Self.mappings.appendingPathComponent("policy.yaml"),
                    override: copy.appendingPathComponent("policy.yaml"))
                {
                    _ = PolicyNotices.notices(
                        loaded.relaxations, rulesByKey: RuleRegistry.rulesByPolicyKey,
                        mappingSet: MappingSet(catalogs: [], mappings: []))
                }
            }
            try original.write(to: target)
        }
    }

    @Test func mutatedWaiversAndAttestationsNeverTrap() throws {
        var mutator = SeedMutator(seed: 0x7761_6976_6572)
        let evidence = Fixtures.packageRoot.appendingPathComponent("evidence/northwind")
        let seeds = SeedMutator.files(under: evidence).filter {
            ["waivers.yaml", "attestations.yaml"].contains($0.url.lastPathComponent)
        }
        #expect(seeds.count >= 2)
        for seed in seeds {
            let folder = seed.url.deletingLastPathComponent()
            let scratch = try Fixtures.temporaryFolder("nhi-fuzz-assessment")
            let target = scratch.appendingPathComponent(seed.url.lastPathComponent)
            let bytes = [UInt8](try Data(contentsOf: seed.url))
            for _ in 0..<40 {
                try Data(mutator.mutate(bytes)).write(to: target)
                do {
                    if target.lastPathComponent == "waivers.yaml" {
                        _ = try WaiverFile.load(target, knownRules: RuleRegistry.ids)
                    } else {
                        _ = try AttestationFile.load(
                            target, evidenceRoot: folder, periodEnd: Date(timeIntervalSince1970: 1_800_000_000))
                    }
                } catch let error as ConfigFileError {
                    Self.checkProblems(error.problems, file: target.lastPathComponent)
                }
            }
        }
    }
}
