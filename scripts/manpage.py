#!/usr/bin/env python3
"""Write nhi-audit's man page (roff, man(7) macros) from its help, as `--experimental-dump-help` prints it.

Usage: nhi-audit --experimental-dump-help | manpage.py VERSION > nhi-audit.1

swift-argument-parser's generate-manual reads the same JSON, but its plugin has SwiftPM build the
tool first, which cannot run inside `swift test` or on an already-built binary (scripts/install.sh
--binary); this keeps the page one pure function of the binary's own help.
"""
import json
import sys


def roff(text):
    """Escape text for roff: backslashes, and lines that would start with a control character."""
    lines = []
    escaped = "".join(c if ord(c) < 128 else "\\[u%04X]" % ord(c) for c in (text or "").replace("\\", "\\e"))
    for line in escaped.split("\n"):
        if not line.strip():
            lines.append(".PP")
        else:
            lines.append("\\&" + line if line.startswith((".", "'")) else line)
    return "\n".join(lines)


def option_label(argument):
    names = []
    for name in argument.get("names") or []:
        prefix = {"long": "--", "short": "-", "longWithSingleDash": "-"}.get(name["kind"], "--")
        names.append("\\fB" + (prefix + name["name"]).replace("-", "\\-") + "\\fR")
    value = argument.get("valueName")
    if argument["kind"] == "positional":
        return "\\fI" + roff(value or "value") + "\\fR" + (" ..." if argument.get("isRepeating") else "")
    label = ", ".join(names)
    if argument["kind"] == "option" and value:
        label += " \\fI" + roff(value) + "\\fR" + (" ..." if argument.get("isRepeating") else "")
    return label


def shown(argument, subcommand):
    """Every subcommand repeats the root's --help and --version: list those once, under OPTIONS."""
    if not argument.get("shouldDisplay", True):
        return False
    names = {name["name"] for name in argument.get("names") or []}
    return not (subcommand and names & {"help", "version"})


def arguments_section(arguments, subcommand=False):
    out = []
    for argument in arguments or []:
        if not shown(argument, subcommand):
            continue
        out.append(".TP\n" + option_label(argument))
        text = argument.get("abstract") or ""
        if argument.get("discussion"):
            text += " " + argument["discussion"] if isinstance(argument["discussion"], str) else ""
        if argument.get("defaultValue") not in (None, ""):
            text += " (default: " + argument["defaultValue"] + ")"
        out.append(roff(text.strip()))
    return out


def synopsis(path, command):
    parts = ["\\fB" + roff(" ".join(path)) + "\\fR"]
    for argument in command.get("arguments") or []:
        if not shown(argument, True):
            continue
        label = option_label(argument).split(", ")[-1] if argument["kind"] != "positional" else option_label(argument)
        parts.append(label if not argument.get("isOptional") else "[" + label + "]")
    return " ".join(parts)


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    root = json.load(sys.stdin)["command"]
    name = root["commandName"]
    out = [
        '.TH "%s" "1" "" "%s" "User Commands"' % (name.upper(), roff(argv[1])),
        ".SH NAME",
        roff(name) + " \\- " + roff(root.get("abstract", "")),
        ".SH SYNOPSIS",
        "\\fB" + roff(name) + "\\fR \\fIcommand\\fR [\\fIoptions\\fR]",
        ".SH DESCRIPTION",
        roff(root.get("discussion", "")),
        ".SH OPTIONS",
    ] + arguments_section(root.get("arguments"))
    out.append(".SH COMMANDS")
    for command in root.get("subcommands") or []:
        if command["commandName"] == "help" or not command.get("shouldDisplay", True):
            continue
        out += [".SS " + roff(command["commandName"]), synopsis([name, command["commandName"]], command), ".PP",
                roff(command.get("abstract", ""))]
        if command.get("discussion"):
            out += [".PP", roff(command["discussion"])]
        out += arguments_section(command.get("arguments"), subcommand=True)
    out += [".SH SEE ALSO", "The guides under share/nhi\\-audit/docs (README.md, docs/auditor\\-guide.md, docs/ci.md)."]
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
