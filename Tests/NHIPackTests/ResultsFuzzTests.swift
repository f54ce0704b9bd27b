import Foundation
import NHIModel
import NHIPack
import Testing
import TestSupport

/// Seed-corpus mutation of the results.json loader that `diff` and `pack --previous` use: a fixed
/// number of mutants of a full results document, fixed seed. Nothing may trap; every refusal is a
/// `DiffInputError` of one line naming the file.
@Suite struct ResultsFuzzTests {
    @Test func mutatedResultsDocumentsNeverTrap() throws {
        var mutator = SeedMutator(seed: 0x7265_7375_6C74_73)
        let seed = [UInt8](try NHIJSON.encoder().encode(SampleResults.document()))
        for _ in 0..<400 {
            do {
                _ = try PackResults.decode(Data(mutator.mutate(seed)), path: "results.json")
            } catch {
                let text = "\(error)"
                #expect(!text.contains("\n") && text.contains("results.json"), "\(text)")
            }
        }
    }
}
