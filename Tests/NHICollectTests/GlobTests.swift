import NHICollect
import Testing

@Suite struct GlobTests {
    @Test func doubleStarMatchesAnyDepth() {
        let glob = Glob("aws/prod/cloudtrail/**")
        #expect(glob.matches("aws/prod/cloudtrail/2026/10/01/a.json.gz"))
        #expect(!glob.matches("aws/staging/cloudtrail/a.json"))
    }

    @Test func singleStarStaysInOneFolder() {
        let glob = Glob("k8s/*.json")
        #expect(glob.matches("k8s/rbac.json"))
        #expect(!glob.matches("k8s/prod/rbac.json"))
    }

    @Test func folderPatternMatchesItsContents() {
        #expect(Glob("github").matches("github/audit.jsonl"))
        #expect(!Glob("github").matches("githubx/audit.jsonl"))
    }
}
