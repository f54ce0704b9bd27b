#!/usr/bin/env python3
"""Load packs' OSCAL with compliance-trestle, as a GRC tool would, and check what it records.

Usage: check-oscal-trestle.py PACK [PACK ...]
Exit 0 all checks hold, 1 a check fails (each failure printed), 2 usage, 3 trestle is missing.

In a fresh trestle workspace: `trestle init`; `trestle import` of each pack's assessment results,
assessment plan and catalogs; `trestle validate -a`. Then, with trestle's own models:
- no control the pack did not find satisfied or not satisfied (not assessed, partially assessed,
  waived, not applicable) carries a target state, and each not assessed one is described by an
  observation naming its missing inputs;
- every finding under an active waiver has a deviation-approved risk whose risk-log entry starts
  at the waiver's approval date (or, without one, says it is not recorded), and an expired waiver
  leaves the risk open with a log entry that reopens it;
- every observation's collected is no later than the document's last-modified and the result's
  end, and states where it comes from (record-time or period-end);
- no two packs share a finding, observation or risk uuid;
- import-ap opens the pack's own assessment plan.
"""
import datetime
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile

try:
    from trestle.oscal.assessment_plan import AssessmentPlan
    from trestle.oscal.assessment_results import AssessmentResults
except ImportError as error:
    print(f"missing Python module: {error.name} (pip install compliance-trestle)", file=sys.stderr)
    sys.exit(3)

VERDICTS = {"satisfied", "not-satisfied", "attested"}


def trestle(workspace, *arguments):
    executable = pathlib.Path(sys.executable).with_name("trestle")
    command = [str(executable) if executable.exists() else shutil.which("trestle") or "trestle", *arguments]
    done = subprocess.run(command, cwd=workspace, capture_output=True, text=True)
    return done.returncode, done.stdout + done.stderr


def text(value):
    """The plain string of a trestle field (a root model or an enum)."""
    while hasattr(value, "root"):
        value = value.root
    return getattr(value, "value", value)


def prop(obj, name):
    return next((p.value for p in (obj.props or []) if p.name == name), None)


def check_pack(pack, index, workspace, failures):
    oscal = pack / "oscal"
    label = pack.name
    for path, name in [(oscal / "assessment-results.json", f"ar-{index}"), (oscal / "assessment-plan.json", f"ap-{index}")] + [
        (catalog, f"cat-{index}-{catalog.stem.replace('.', '-')}") for catalog in sorted((oscal / "catalogs").glob("*.json"))
    ]:
        status, output = trestle(workspace, "import", "-f", str(path), "-o", name)
        if status != 0:
            failures.append(f"{label}: trestle import {path.name} failed: {output.strip()[-500:]}")

    results = AssessmentResults.oscal_read(oscal / "assessment-results.json")
    truth = json.loads((pack / "results.json").read_text())
    result = results.results[0]
    findings = result.findings or []
    observations = result.observations or []
    risks = result.risks or []

    stated = {prop(f, "framework") + " " + prop(f, "control-id"): text(f.target.status.state) for f in findings}
    described = {prop(o, "framework") + " " + prop(o, "control-id"): o for o in observations if prop(o, "status")}
    for framework in truth["frameworks"]:
        for control in framework["controls"]:
            key = f"{framework['framework']} {control['id']}"
            status = control["status"]
            if status not in VERDICTS and key in stated:
                failures.append(f"{label}: {key} is {status} but has the target state {stated[key]}")
            if status == "not-assessed":
                observation = described.get(key)
                missing = {p.value for p in (observation.props or []) if p.name == "missing-input"} if observation else set()
                if observation is None or missing != set(control.get("missingInputs", [])):
                    failures.append(f"{label}: {key} is not assessed without an observation naming its missing inputs")
            expected = {"satisfied": "satisfied", "attested": "satisfied", "not-satisfied": "not-satisfied"}.get(status)
            if expected and stated.get(key) != expected:
                failures.append(f"{label}: {key} is {status} but its target state is {stated.get(key)}")

    def instant(value):
        value = text(value)
        if isinstance(value, str):
            value = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        return value

    modified = instant(results.metadata.last_modified)
    end = instant(result.end) if result.end else modified
    if end > modified:
        failures.append(f"{label}: the result ends after last-modified")
    for observation in observations:
        if instant(observation.collected) > end:
            failures.append(f"{label}: observation {observation.uuid} was collected after the result's end")
        if prop(observation, "collected-from") not in ("record-time", "period-end") and prop(observation, "attested-by") is None:
            failures.append(f"{label}: observation {observation.uuid} does not say where collected comes from")

    approvals = {w["id"]: w.get("approved") for w in truth["waivers"]}
    by_finding = {prop(r, "finding-id"): r for r in risks}
    for finding in truth["findings"]:
        waiver = finding.get("waiver")
        risk = by_finding.get(finding["id"])
        if risk is None:
            failures.append(f"{label}: finding {finding['id']} has no risk")
            continue
        status = text(risk.status)
        entries = risk.risk_log.entries if risk.risk_log else []
        if waiver and waiver["active"]:
            if status != "deviation-approved" or not entries:
                failures.append(f"{label}: waived finding {finding['id']} has risk status {status} and {len(entries)} log entries")
                continue
            approved = approvals.get(waiver["waiverId"])
            if approved and instant(entries[0].start) != instant(approved):
                failures.append(f"{label}: waived finding {finding['id']}'s deviation starts {entries[0].start}, not at its approval {approved}")
            if not approved and prop(entries[0], "approved") != "not-recorded":
                failures.append(f"{label}: waived finding {finding['id']} has no approval date but its log does not say so")
        elif waiver and (status != "open" or not entries or text(entries[-1].status_change) != "open"):
            failures.append(f"{label}: finding {finding['id']} under expired waiver has risk status {status} without a log entry reopening it")
        elif status != "open":
            failures.append(f"{label}: open finding {finding['id']} has risk status {status}")

    href = results.import_ap.href
    plan_path = (oscal / href).resolve()
    if plan_path.parent != oscal.resolve() or not plan_path.is_file():
        failures.append(f"{label}: import-ap {href} does not open a file of the pack")
    else:
        AssessmentPlan.oscal_read(plan_path)
    return {str(x.uuid) for x in findings + observations + risks}


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    packs = [pathlib.Path(p).resolve() for p in argv[1:]]
    failures = []
    with tempfile.TemporaryDirectory(prefix="nhi-trestle-") as workspace:
        status, output = trestle(workspace, "init")
        if status != 0:
            print(f"trestle init failed: {output}", file=sys.stderr)
            return 1
        uuids = [check_pack(pack, index, workspace, failures) for index, pack in enumerate(packs)]
        status, output = trestle(workspace, "validate", "-a")
        if status != 0 or "INVALID" in output:
            failures.append(f"trestle validate -a failed: {output.strip()[-1500:]}")
    for first in range(len(packs)):
        for second in range(first + 1, len(packs)):
            shared = uuids[first] & uuids[second]
            if shared:
                failures.append(f"{packs[first].name} and {packs[second].name} share {len(shared)} finding/observation/risk uuids")
    for failure in failures[:40]:
        print(failure)
    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print(f"trestle {len(packs)} pack(s): valid, statuses, waivers, uuids and import-ap hold")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
