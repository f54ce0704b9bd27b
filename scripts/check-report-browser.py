#!/usr/bin/env python3
"""Checks a pack's index.html in headless Chromium as an auditor reads it.

usage: check-report-browser.py PACK [--resolved TEXT] [--max-pages N]

On a 1280x800 screen: the posture sentence and the critical findings are in the first viewport.
"Since the previous pack" itemises resolved findings (one of them naming TEXT). Every finding's
card shows an owner, a due date and control links that resolve to a control in the page; every
hash shown is a full SHA-256. Every incident and change-window timeline results.json records is
drawn as inline SVG with its calls marked (incidents with their declaration). The tables' data is
parsed after the load event; the findings and authority tables page, sort, filter and search it.
With JavaScript off, each table shows its first page.
Printed to A4 (after the page's beforeprint handler) the report has fewer than N pages.
Prints one line per check and exits 1 when any fails. Needs Playwright for Python and Chromium
at /usr/bin/chromium (Playwright cannot download its own browser here).
"""
import argparse
import json
import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

failures = []


def check(ok, message):
    print(("ok    " if ok else "FAIL  ") + message)
    if not ok:
        failures.append(message)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("pack")
    parser.add_argument("--resolved", default=None)
    parser.add_argument("--max-pages", type=int, default=60)
    args = parser.parse_args()
    pack = Path(args.pack)
    results = json.loads((pack / "results.json").read_text())
    findings = results["findings"]
    critical = [f for f in findings if f["severity"] == "critical" and not (f.get("waiver") or {}).get("active")]

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        # Counted by a load listener registered before the report's own: tables built by then.
        page.add_init_script("""window.addEventListener('load', () => {
            window.readyAtLoad = document.querySelectorAll('.datatable[data-ready]').length; });""")
        page.goto((pack / "index.html").resolve().as_uri(), wait_until="load")
        page.wait_for_function("() => document.querySelectorAll('.datatable:not([data-ready])').length === 0")
        check(not errors, f"no script errors {errors[:1]}")
        check(page.evaluate("window.readyAtLoad") == 0, "no table's data is parsed before the load event")

        posture = page.locator("#posture")
        box = posture.bounding_box()
        text = posture.inner_text()
        check(box is not None and box["y"] + box["height"] <= 800, "posture sentence in the first viewport")
        check(re.match(r"\d+ critical and \d+ high findings are open", text) is not None, f"posture states the verdict: {text[:90]}")
        if critical:
            first_row = page.locator("#critical-findings tbody tr").first.bounding_box()
            check(first_row is not None and first_row["y"] + first_row["height"] <= 800, "a critical finding in the first viewport")
            rows = page.locator("#critical-findings tbody tr").count()
            check(rows == min(len(critical), 10), f"critical findings listed on the first screen: {rows} of {len(critical)}")

        if args.resolved:
            resolved = page.locator("#resolved-findings + table tbody tr")
            check(resolved.count() > 0, f"resolved findings itemised: {resolved.count()} rows")
            check(args.resolved in "\n".join(resolved.all_text_contents()), f"resolved findings name {args.resolved}")

        cards = page.evaluate("""() => Array.from(document.querySelectorAll('div.finding')).map(card => {
            const facts = {};
            card.querySelectorAll('dl.workpaper dt').forEach(dt => { facts[dt.textContent] = dt.nextElementSibling; });
            const links = facts['Controls'] ? Array.from(facts['Controls'].querySelectorAll('a.ctl')) : [];
            return { id: card.id, owner: facts['Owner'] ? facts['Owner'].textContent.trim() : '',
                     due: facts['Due'] ? facts['Due'].textContent.trim() : '',
                     links: links.length,
                     resolved: links.every(a => document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1))) !== null) };
        })""")
        check(len(cards) == len(findings), f"a card per finding: {len(cards)} of {len(findings)}")
        check(all(c["owner"] for c in cards), "every finding shows an owner (or says it has none) " + str([c["id"] for c in cards if not c["owner"]][:3]))
        check(all(re.match(r"\d{4}-\d{2}-\d{2}", c["due"]) for c in cards), "every finding shows a due date")
        mapped = [c for c in cards if c["links"] > 0]
        check(len(mapped) == len(cards), f"every finding links its controls: {len(mapped)} of {len(cards)}")
        check(all(c["resolved"] for c in cards), "every control link reaches its control")

        hashes = page.evaluate("() => Array.from(document.querySelectorAll('code.hash')).map(c => c.textContent)")
        check(len(hashes) > 0 and all(re.fullmatch(r"[0-9a-f]{64}", h) for h in hashes), f"{len(hashes)} hashes shown, each a full SHA-256")
        # textContent: sections off screen are not laid out until scrolled to (content-visibility).
        body = page.evaluate("() => document.body.textContent")
        evidence = {e["sha256"] for f in findings for e in f["evidence"]}
        check(all(h in body for h in evidence), f"every evidence file's full SHA-256 is visible ({len(evidence)})")

        # The authority timelines: one inline SVG per timeline results.json records, drawn without
        # script, each with a mark per drawn call.
        timelines = (results.get("authorityView") or {}).get("timelines") or []
        drawn = page.evaluate("""() => Object.fromEntries(Array.from(document.querySelectorAll('figure.timeline')).map(f =>
            [f.id, { svg: f.querySelector('svg') !== null, marks: f.querySelectorAll('svg rect.mark').length,
                     declared: f.querySelector('svg line.declared') !== null }]))""")
        for timeline in timelines:
            anchor = f"timeline-{timeline['kind']}-{timeline['id']}"
            figure = drawn.get(anchor)
            check(figure is not None and figure["svg"] and figure["marks"] > 0,
                  f"timeline of {timeline['kind']} {timeline['id']} drawn as inline SVG with its calls marked")
            if timeline["kind"] == "incident":
                check(figure is not None and figure["declared"], f"incident {timeline['id']}: its declaration is marked")
        incidents = [t for t in timelines if t["kind"] == "incident"]
        check(len(incidents) > 0, f"incident timelines present: {len(incidents)}")

        table = page.locator('.datatable[data-table="findings"]')
        info = table.locator(".pageinfo")
        rows = table.locator("tbody tr")
        check(rows.count() == min(25, len(findings)), f"the findings table shows a page: {rows.count()} rows")
        if len(findings) > 25:
            table.get_by_role("button", name="next ›").click()
            check(info.inner_text().startswith("rows 26–"), f"next page: {info.inner_text()}")
        table.locator("thead th").nth(1).click()
        check(rows.first.locator("td").nth(1).inner_text().strip().lower() == "critical", "sorting by severity puts critical first")
        table.locator("thead th").nth(1).click()
        check(rows.first.locator("td").nth(1).inner_text().strip().lower() != "critical", "sorting again reverses it")
        table.locator('select[aria-label="Severity"]').select_option("critical")
        all_critical = [f for f in findings if f["severity"] == "critical"]
        check(info.inner_text().endswith(f"of {len(all_critical)} (of {len(findings)})") or info.inner_text() == f"rows 1–{len(all_critical)} of {len(all_critical)} (of {len(findings)})",
              f"filtering by severity: {info.inner_text()}")
        table.locator('select[aria-label="Severity"]').select_option("")
        table.locator('input[type="search"]').fill(findings[-1]["id"])
        check(rows.count() == 1 and findings[-1]["id"] in rows.first.inner_text(), f"searching an id finds its row: {info.inner_text()}")

        check_authority(page, results)
        check_without_script(browser, pack, results)

        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        check(0 < pages < args.max_pages, f"prints to {pages} A4 pages (fewer than {args.max_pages})")
        browser.close()
    print(f"{len(failures)} failed" if failures else "report checks passed")
    return 1 if failures else 0


def check_authority(page, results):
    """The authority table pages, sorts, filters and searches every identity's row."""
    authority = results["authority"]
    table = page.locator('.datatable[data-table="authority"]')
    info, rows = table.locator(".pageinfo"), table.locator("tbody tr")
    check(rows.count() == min(25, len(authority)), f"the authority table shows a page: {rows.count()} rows")
    # text_content: the section is off screen, and not laid out until scrolled to (content-visibility).
    check(info.text_content().endswith(f"of {len(authority)}"), f"it counts every identity: {info.text_content()}")
    dual = [a for a in authority if a["dualUse"]]
    if dual:
        check("dual use" in rows.first.text_content() and rows.first.get_attribute("class") == "dual-use",
              "dual-use identities first, marked")
    if len(authority) > 25:
        table.get_by_role("button", name="next ›").click()
        check(info.inner_text().startswith("rows 26–"), f"authority next page: {info.inner_text()}")
    table.locator("thead th").nth(2).click()
    table.locator("thead th").nth(2).click()
    most = max(a["delivery"] for a in authority)
    check(rows.first.locator("td").nth(2).inner_text().strip() == str(most), f"sorting by delivery, most first: {most}")
    table.locator('select[aria-label="Use"]').select_option("dual use")
    check(info.inner_text().startswith(f"rows 1–{min(25, len(dual))} of {len(dual)}") if dual else info.inner_text() == "no rows",
          f"filtering dual use: {info.inner_text()}")
    table.locator('select[aria-label="Use"]').select_option("")
    last = authority[-1]["identity"]
    table.locator('input[type="search"]').fill(last)
    check(any(last in text for text in rows.all_inner_texts()), f"searching an identity finds its row: {info.inner_text()}")
    outside = [a for a in authority if a.get("outsideScope")]
    if outside:
        table.locator('input[type="search"]').fill(outside[-1]["identity"])
        check("outside the declared scope" in rows.first.text_content(), "an identity outside the scope is marked")
    table.locator('input[type="search"]').fill("")


def check_without_script(browser, pack, results):
    """With JavaScript off the summary and each table's first page are there, each saying how many rows it holds."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((pack / "index.html").resolve().as_uri(), wait_until="load")
    check(page.locator("#posture").count() == 1, "without JavaScript: the posture sentence")
    for name, total in [("findings", len(results["findings"])), ("authority", len(results["authority"])),
                        ("identities", len(results.get("identities") or []))]:
        table = page.locator(f'.datatable[data-table="{name}"]')
        shown = table.locator("tbody tr").count()
        check(shown == min(25, total), f"without JavaScript: the {name} table's first page ({shown} of {total} rows)")
        if total > 25:
            check(table.locator(".static-note").is_visible(), f"without JavaScript: the {name} table says it shows the first page")
    context.close()


if __name__ == "__main__":
    sys.exit(main())
