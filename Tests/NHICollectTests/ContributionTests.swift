import Foundation
import NHICollect
import NHIModel
import Testing
import TestSupport

/// What each file contributed, and which accounts its records covered.
@Suite struct ContributionTests {
    static func folder(_ files: [String: String]) throws -> URL {
        let folder = try Fixtures.temporaryFolder("nhi-contribution")
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return folder
    }

    @Test func accountsAreCoveredByTheKindsOfTheFilesWhoseRecordsNameThem() throws {
        let identities = """
            id,platform,kind,name,account,is_human
            gcp:deploy-sa,gcp,service-account,deploy-sa,proj-a,false
            gcp:batch-sa,gcp,service-account,batch-sa,proj-b,false
            """
        let inventory = try Collector().collect(
            folder: Self.folder([
                "identities.csv": identities + "\n",
                "owners.csv": "identity,owner,team,purpose,environment\n",
            ]))
        #expect(inventory.inputs == [.inventory])
        #expect(
            inventory.evidenceCoverage.accounts == [
                AccountCoverage(
                    platform: Platform(rawValue: "gcp"), account: "proj-a", inputs: [.inventory],
                    files: ["identities.csv"]),
                AccountCoverage(
                    platform: Platform(rawValue: "gcp"), account: "proj-b", inputs: [.inventory],
                    files: ["identities.csv"]),
            ])
        #expect(
            inventory.evidenceCoverage.files == [
                FileContribution(file: "identities.csv", inputs: [.inventory], contributed: true),
                FileContribution(
                    file: "owners.csv", inputs: [.owners], contributed: false,
                    reason: "contributed nothing: the file holds no records"),
            ])
        #expect(
            inventory.ledger.entries.first { $0.file == "owners.csv" }?.notes == [
                "contributed nothing: the file holds no records"
            ])
    }
}
