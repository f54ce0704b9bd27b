import Foundation
@testable import NHIFrameworks
import NHIModel
import Testing
import TestSupport

@Suite struct AuthorityLoaderTests {
    static let folder = Fixtures.packageRoot.appendingPathComponent("mappings/authority")

    static func shipped() throws -> AuthorityClassifier { try AuthorityLoader.load(folder: folder) }

    @Test func shippedFilesAreValid() throws {
        #expect(AuthorityLoader.validate(folder: Self.folder).isEmpty)
        let classifier = try Self.shipped()
        #expect(Set(classifier.rules.keys) == [.aws, .kubernetes, .github, .gcp, .entra])
    }

    @Test(arguments: [
        ("cloudformation:UpdateStack", [String](), AuthorityClass.delivery),
        ("cloudformation:ExecuteChangeSet", [], .delivery),
        ("codedeploy:CreateDeployment", [], .delivery),
        ("lambda:UpdateFunctionCode20150331v2", [], .delivery),
        ("autoscaling:SetDesiredCapacity", [], .operations),
        ("rds:FailoverDBCluster", [], .operations),
        ("route53:ChangeResourceRecordSets", [], .operations),
        ("lambda:UpdateAlias20150331", [], .operations),
        ("codedeploy:StopDeployment", [], .operations),
        ("cloudformation:RollbackStack", [], .operations),
        ("ssm:SendCommand", [], .operations),
        ("iam:CreateAccessKey", [], .identityAdmin),
        ("iam:AttachRolePolicy", [], .identityAdmin),
        ("ecs:UpdateService", ["desiredCount", "taskDefinition"], .delivery),
        ("ecs:UpdateService", ["desiredCount"], .operations),
        ("ecs:UpdateService", ["forceNewDeployment"], .operations),
        ("ecs:UpdateService", ["cluster", "desiredCount", "service"], .operations),
        ("ecs:UpdateService", ["cluster", "service", "taskDefinition"], .delivery),
        ("cloudtrail:StopLogging", [], .auditControl),
        ("cloudtrail:DeleteTrail", [], .auditControl),
        ("cloudtrail:UpdateTrail", ["name", "s3BucketName"], .auditControl),
        ("cloudtrail:PutEventSelectors", [], .auditControl),
        ("cloudtrail:StartLogging", [], .other),
        ("ec2:DescribeInstances", [], .read),
        ("sts:AssumeRole", [], .other),
        ("sts:GetCallerIdentity", [], .read),
    ])
    func awsActions(action: String, fields: [String], expected: AuthorityClass) throws {
        #expect(try Self.shipped().classify(platform: .aws, action: action, requestFields: fields) == expected)
    }

    @Test(arguments: [
        ("patch apps/deployments", ["patch:restartedAt-only"], AuthorityClass.operations),
        ("patch apps/deployments", ["patch:pod-template"], .delivery),
        ("patch apps/deployments", ["patch:rollback"], .operations),
        ("update apps/deployments/scale", [String](), .operations),
        ("create apps/deployments/rollback", [], .operations),
        ("delete pods", [], .operations),
        ("create rbac.authorization.k8s.io/clusterrolebindings", [], .identityAdmin),
        ("get pods", [], .read),
    ])
    func kubernetesActions(action: String, fields: [String], expected: AuthorityClass) throws {
        #expect(try Self.shipped().classify(platform: .kubernetes, action: action, requestFields: fields) == expected)
    }

    @Test func ambiguousActionsWithoutFieldsStayUnclassified() throws {
        let classifier = try Self.shipped()
        #expect(classifier.classify(platform: .aws, action: "ecs:UpdateService") == nil)
        #expect(classifier.classify(platform: .kubernetes, action: "patch apps/deployments") == nil)
        #expect(classifier.classify(platform: .aws, action: "sqs:SendMessage") == nil)
        // Naming the target alone changes nothing recognisable; an unknown extra field is not guessed.
        #expect(
            classifier.classify(platform: .aws, action: "ecs:UpdateService", requestFields: ["cluster", "service"])
                == nil)
        #expect(
            classifier.classify(
                platform: .aws, action: "ecs:UpdateService",
                requestFields: ["cluster", "desiredCount", "networkConfiguration", "service"]) == nil)
    }

    @Test func githubAuditActionsAndPermissions() throws {
        let classifier = try Self.shipped()
        #expect(classifier.classify(platform: .github, action: "git.push") == .delivery)
        #expect(classifier.classify(platform: .github, action: "workflows.cancel_workflow_run") == .operations)
        #expect(classifier.classify(platform: .github, action: "protected_branch.policy_override") == .delivery)
        #expect(classifier.classify(platform: .github, action: "protected_branch.destroy") == .identityAdmin)
        #expect(classifier.classify(platform: .github, action: "environment.remove_protection_rule") == .identityAdmin)
        #expect(classifier.classify(platform: .github, action: "audit_log_streaming.destroy") == .auditControl)
        #expect(classifier.classify(platform: .github, action: "audit_log_streaming.create") == .other)
        #expect(
            classifier.grantIndex().classes(platform: .github, actions: ["actions:write"]) == [.delivery, .operations])
        #expect(classifier.grantIndex().classes(platform: .github, actions: ["contents:read"]) == [.read])
        #expect(classifier.classify(platform: .github, action: "repo") == nil)
        #expect(
            classifier.grantIndex().classes(platform: .github, actions: ["repo"]).isSuperset(of: [
                .delivery, .operations,
            ]))
    }

    @Test(arguments: [
        ("run:google.cloud.run.v1.Services.ReplaceService", AuthorityClass.delivery),
        ("cloudfunctions:google.cloud.functions.v1.CloudFunctionsService.UpdateFunction", .delivery),
        ("compute:v1.compute.instances.insert", .delivery),
        ("compute:beta.compute.instances.stop", .operations),
        ("compute:v1.compute.instanceGroupManagers.resize", .operations),
        ("k8s.io:io.k8s.apps.v1.deployments.update", .delivery),
        ("k8s.io:io.k8s.apps.v1.deployments.scale.patch", .operations),
        ("iam:google.iam.admin.v1.CreateServiceAccountKey", .identityAdmin),
        ("cloudresourcemanager:SetIamPolicy", .identityAdmin),
        ("iam:google.iam.admin.v1.SetIAMPolicy", .identityAdmin),
        ("logging:google.logging.v2.ConfigServiceV2.DeleteSink", .auditControl),
        ("iamcredentials:GenerateAccessToken", .other),
        ("iamcredentials:google.iam.credentials.v1.IAMCredentials.GenerateAccessToken", .other),
        ("iam:google.iam.admin.v1.GetServiceAccount", .read),
        ("k8s.io:io.k8s.apps.v1.deployments.patch", nil),
    ])
    func gcpActions(action: String, expected: AuthorityClass?) throws {
        #expect(try Self.shipped().classify(platform: .gcp, action: action) == expected)
    }

    @Test func gcpRolesCarryTheClassesTheyGrant() throws {
        let grants = try Self.shipped().grantIndex()
        #expect(
            grants.classes(platform: .gcp, actions: ["roles/owner"]).isSuperset(of: [
                .delivery, .operations, .identityAdmin, .auditControl,
            ]))
        #expect(grants.classes(platform: .gcp, actions: ["roles/editor"]) == [.delivery, .operations])
        #expect(grants.classes(platform: .gcp, actions: ["roles/iam.serviceAccountTokenCreator"]) == [.identityAdmin])
        #expect(grants.classes(platform: .gcp, actions: ["roles/storage.viewer"]) == [.read])
        #expect(try Self.shipped().classify(platform: .gcp, action: "roles/owner") == nil, "roles never classify calls")
    }

    @Test func entraSignInsAndPermissions() throws {
        let classifier = try Self.shipped()
        #expect(classifier.classify(platform: .entra, action: "sign-in:Microsoft-Graph") == .other)
        #expect(classifier.classify(platform: .entra, action: "sign-in:Windows-Azure-Service-Management-API") == .other)
        #expect(classifier.classify(platform: .entra, action: "Application.ReadWrite.All") == nil, "a grant only")
        let grants = classifier.grantIndex()
        #expect(grants.classes(platform: .entra, actions: ["Application.ReadWrite.All"]) == [.identityAdmin])
        #expect(grants.classes(platform: .entra, actions: ["Global Administrator"]) == [.identityAdmin])
        #expect(grants.classes(platform: .entra, actions: ["User.Read.All", "Directory Readers"]) == [.read])
    }

    @Test func grantWildcardsCoverEveryClassTheyReach() throws {
        let classifier = try Self.shipped()
        #expect(
            classifier.grantIndex().classes(platform: .aws, actions: ["ecs:*"]).isSuperset(of: [.delivery, .operations])
        )
        #expect(classifier.grantIndex().classes(platform: .aws, actions: ["*"]) == Set(AuthorityClass.allCases))
        #expect(
            classifier.grantIndex().classes(platform: .aws, actions: ["ecs:UpdateService"]) == [.delivery, .operations])
        #expect(
            classifier.grantIndex().classes(
                platform: .aws, actions: ["cloudformation:UpdateStack", "lambda:UpdateFunctionCode"]) == [.delivery])
        #expect(
            classifier.grantIndex().classes(platform: .kubernetes, actions: ["* *"]).isSuperset(of: [
                .delivery, .operations, .identityAdmin,
            ]))
        #expect(classifier.grantIndex().classes(platform: .kubernetes, actions: ["get pods", "list pods"]) == [.read])
    }

    @Test func invalidFilesReportEveryProblemWithPosition() throws {
        let folder = try Fixtures.temporaryFolder()
        try """
        platform: aws
        rules:
          - class: deliver
            actions: [ecs:UpdateService]
          - class: operations
            action: [ecs:UpdateService]
          - class: read
            actions: [ec2:DescribeInstances]
          - class: operations
            actions: [ec2:DescribeInstances]
        """.write(to: folder.appendingPathComponent("aws.yaml"), atomically: true, encoding: .utf8)
        try "platform: aws\nrules: []\n".write(
            to: folder.appendingPathComponent("more.yaml"), atomically: true, encoding: .utf8)
        let problems = AuthorityLoader.validate(folder: folder)
        #expect(problems.count == 5, "\(problems)")
        #expect(
            problems.contains {
                $0.hasSuffix(
                    "aws.yaml:3:12: unknown class \"deliver\" (known: delivery, operations, identity-admin, audit-control, read, other)"
                )
            })
        #expect(
            problems.contains {
                $0.hasSuffix(
                    "aws.yaml:6:5: unknown key \"action\" in an authority rule (known: class, actions, when, only, identifying, grants_only, note)"
                )
            })
        #expect(problems.contains { $0.hasSuffix("aws.yaml:5:5: missing key \"actions\"") })
        #expect(
            problems.contains {
                $0.contains("aws.yaml:10:15: action \"ec2:DescribeInstances\" already classified as read")
            })
        #expect(
            problems.contains {
                $0.hasSuffix(
                    "more.yaml: platform \"aws\" already defined in \(folder.appendingPathComponent("aws.yaml").path)")
            })
        #expect(throws: ConfigFileError.self) { try AuthorityLoader.load(folder: folder) }
    }

    @Test func identifyingFieldsNeedAnOnlyConditionAndStayOutOfIt() throws {
        let folder = try Fixtures.temporaryFolder()
        try """
        platform: aws
        rules:
          - class: operations
            actions: [ecs:UpdateService]
            identifying: [cluster]
          - class: operations
            actions: [ecs:UpdateService]
            only: [desiredCount, service]
            identifying: [service]
          - class: operations
            actions: [ecs:UpdateService]
            only: [desiredCount]
            identifyng: [service]
        """.write(to: folder.appendingPathComponent("aws.yaml"), atomically: true, encoding: .utf8)
        let problems = AuthorityLoader.validate(folder: folder)
        #expect(problems.count == 3, "\(problems)")
        #expect(
            problems.contains { $0.hasSuffix("aws.yaml:5:18: identifying needs an only condition on the same rule") })
        #expect(problems.contains { $0.hasSuffix("aws.yaml:9:18: \"service\" is both identifying and in only") })
        #expect(problems.contains { $0.contains("aws.yaml:13:5: unknown key \"identifyng\" in an authority rule") })
    }

    @Test func identifyingFieldsAreIgnoredOnlyByTheOnlyCondition() {
        let rule = AuthorityRule(
            pattern: "ecs:UpdateService", authorityClass: .operations, onlyFields: ["desiredCount"],
            identifyingFields: ["cluster", "service"])
        #expect(rule.applies(to: "ecs:UpdateService", requestFields: ["cluster", "desiredCount", "service"]))
        #expect(rule.applies(to: "ecs:UpdateService", requestFields: ["desiredCount"]))
        #expect(!rule.applies(to: "ecs:UpdateService", requestFields: ["cluster", "service"]))
        #expect(!rule.applies(to: "ecs:UpdateService", requestFields: ["cluster", "desiredCount", "taskDefinition"]))
    }
}
