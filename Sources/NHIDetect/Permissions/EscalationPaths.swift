import Foundation

/// The known ways an AWS identity can raise its own privileges, as the public catalogues describe
/// them (Rhino Security Labs' AWS IAM privilege escalation methods, Bishop Fox's iam-vulnerable).
/// A path is open when every step is: some action of the step allowed on one of the step's targets.
struct EscalationPath: Sendable {
    /// What a step's action must be allowed on.
    enum Target: Hashable, Sendable {
        /// Customer managed policies attached to the identity (directly or through its groups) or to
        /// a role it can assume: a new or older version of one changes what the identity may do.
        case ownPolicies
        /// The identity's own user, groups, or role (and the roles it can assume).
        case ownUser, ownGroups, ownRoles
        /// Any group, any other user, any role of the identity's account.
        case anyGroup, otherUsers, anyRole
        /// A role that trusts this service principal (for EC2, one with an instance profile), to pass to it.
        case roleFor(service: String)
        /// Whatever resources the statements name: the service runs code or commands for the caller.
        case anyResource
        /// Every resource, `*` itself.
        case everything
    }

    struct Step: Sendable {
        /// Any one of these actions opens the step.
        var actions: [String]
        var target: Target
    }

    var id: String
    /// What an attacker holding the identity's credential does, in a few words.
    var method: String
    var steps: [Step]

    private static func step(_ actions: String..., on target: Target) -> Step { Step(actions: actions, target: target) }
    private static func passRole(_ service: String) -> Step {
        Step(actions: ["iam:PassRole"], target: .roleFor(service: service))
    }

    static let all: [EscalationPath] = [
        EscalationPath(
            id: "iam-wildcard", method: "holds iam:* (or *) on every resource",
            steps: [step("iam:*", on: .everything)]),
        EscalationPath(
            id: "create-policy-version", method: "writes a new default version of a policy attached to itself",
            steps: [step("iam:CreatePolicyVersion", on: .ownPolicies)]),
        EscalationPath(
            id: "set-default-policy-version", method: "switches a policy attached to itself to another version",
            steps: [step("iam:SetDefaultPolicyVersion", on: .ownPolicies)]),
        EscalationPath(
            id: "attach-user-policy", method: "attaches any managed policy to its own user",
            steps: [step("iam:AttachUserPolicy", on: .ownUser)]),
        EscalationPath(
            id: "attach-group-policy", method: "attaches any managed policy to its own group",
            steps: [step("iam:AttachGroupPolicy", on: .ownGroups)]),
        EscalationPath(
            id: "attach-role-policy", method: "attaches any managed policy to its own or an assumable role",
            steps: [step("iam:AttachRolePolicy", on: .ownRoles)]),
        EscalationPath(
            id: "put-user-policy", method: "writes an inline policy on its own user",
            steps: [step("iam:PutUserPolicy", on: .ownUser)]),
        EscalationPath(
            id: "put-group-policy", method: "writes an inline policy on its own group",
            steps: [step("iam:PutGroupPolicy", on: .ownGroups)]),
        EscalationPath(
            id: "put-role-policy", method: "writes an inline policy on its own or an assumable role",
            steps: [step("iam:PutRolePolicy", on: .ownRoles)]),
        EscalationPath(
            id: "add-user-to-group", method: "adds a user it controls to a more privileged group",
            steps: [step("iam:AddUserToGroup", on: .anyGroup)]),
        EscalationPath(
            id: "create-access-key", method: "creates an access key for another user",
            steps: [step("iam:CreateAccessKey", on: .otherUsers)]),
        EscalationPath(
            id: "create-login-profile", method: "sets a console password on another user",
            steps: [step("iam:CreateLoginProfile", on: .otherUsers)]),
        EscalationPath(
            id: "update-login-profile", method: "changes another user's console password",
            steps: [step("iam:UpdateLoginProfile", on: .otherUsers)]),
        EscalationPath(
            id: "update-assume-role-policy", method: "rewrites a role's trust policy to admit itself, then assumes it",
            steps: [step("iam:UpdateAssumeRolePolicy", on: .anyRole), step("sts:AssumeRole", on: .anyRole)]),
        EscalationPath(
            id: "pass-role-lambda", method: "creates a Lambda function running as a passed role and invokes it",
            steps: [
                passRole("lambda.amazonaws.com"), step("lambda:CreateFunction", on: .anyResource),
                step("lambda:InvokeFunction", "lambda:CreateEventSourceMapping", on: .anyResource),
            ]),
        EscalationPath(
            id: "lambda-update-function-code",
            method: "replaces the code of an existing function, which runs as its role",
            steps: [step("lambda:UpdateFunctionCode", on: .anyResource)]),
        EscalationPath(
            id: "pass-role-ec2", method: "launches an instance with a passed role's instance profile",
            steps: [passRole("ec2.amazonaws.com"), step("ec2:RunInstances", on: .anyResource)]),
        EscalationPath(
            id: "pass-role-cloudformation", method: "deploys a stack that CloudFormation builds as a passed role",
            steps: [
                passRole("cloudformation.amazonaws.com"),
                step("cloudformation:CreateStack", "cloudformation:UpdateStack", on: .anyResource),
            ]),
        EscalationPath(
            id: "cloudformation-update-stack",
            method: "updates an existing stack, which CloudFormation changes as the stack's role",
            steps: [step("cloudformation:UpdateStack", on: .anyResource)]),
        EscalationPath(
            id: "pass-role-datapipeline", method: "defines a Data Pipeline whose activities run as a passed role",
            steps: [
                passRole("datapipeline.amazonaws.com"), step("datapipeline:CreatePipeline", on: .anyResource),
                step("datapipeline:PutPipelineDefinition", on: .anyResource),
            ]),
        EscalationPath(
            id: "pass-role-glue", method: "creates a Glue development endpoint running as a passed role",
            steps: [passRole("glue.amazonaws.com"), step("glue:CreateDevEndpoint", on: .anyResource)]),
        EscalationPath(
            id: "glue-update-dev-endpoint", method: "puts its SSH key on an existing Glue development endpoint",
            steps: [step("glue:UpdateDevEndpoint", on: .anyResource)]),
        EscalationPath(
            id: "pass-role-codebuild", method: "creates and starts a CodeBuild project running as a passed role",
            steps: [
                passRole("codebuild.amazonaws.com"), step("codebuild:CreateProject", on: .anyResource),
                step("codebuild:StartBuild", "codebuild:StartBuildBatch", on: .anyResource),
            ]),
        EscalationPath(
            id: "pass-role-sagemaker-notebook",
            method: "creates a SageMaker notebook running as a passed role and opens it",
            steps: [
                passRole("sagemaker.amazonaws.com"), step("sagemaker:CreateNotebookInstance", on: .anyResource),
                step("sagemaker:CreatePresignedNotebookInstanceUrl", on: .anyResource),
            ]),
        EscalationPath(
            id: "pass-role-sagemaker-job",
            method: "starts a SageMaker training or processing job running as a passed role",
            steps: [
                passRole("sagemaker.amazonaws.com"),
                step("sagemaker:CreateTrainingJob", "sagemaker:CreateProcessingJob", on: .anyResource),
            ]),
        EscalationPath(
            id: "sagemaker-notebook-url", method: "opens an existing SageMaker notebook, which runs as its role",
            steps: [step("sagemaker:CreatePresignedNotebookInstanceUrl", on: .anyResource)]),
        EscalationPath(
            id: "ssm-command", method: "runs commands on instances (and so as their roles) through Systems Manager",
            steps: [step("ssm:SendCommand", "ssm:StartSession", on: .anyResource)]),
        EscalationPath(
            id: "ec2-instance-connect", method: "pushes an SSH key to instances and logs in as their roles",
            steps: [step("ec2-instance-connect:SendSSHPublicKey", on: .anyResource)]),
    ]

    /// Every action some path asks about, plus the one assumption chains need.
    static let actions: Set<String> = Set(all.flatMap { $0.steps.flatMap(\.actions) }).union(["sts:AssumeRole"])
}
