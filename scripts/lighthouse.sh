#!/usr/bin/env bash
# Lighthouse 11 (mobile) against a running Doorstep server: prints the PWA, accessibility and
# performance scores and keeps the full JSON and HTML reports.
#
#   make demo                                   # in another terminal: the demo at :5000
#   bash scripts/lighthouse.sh                  # audits http://127.0.0.1:5000/
#   bash scripts/lighthouse.sh http://127.0.0.1:8080/   # another server
#
# Uses the system Chromium (CHROME_PATH, default /usr/bin/chromium) and fetches lighthouse@11
# from the npm registry through npx on first use. Reports go to $LIGHTHOUSE_OUT
# (default: test-results/lighthouse/). Exits non-zero when a score is under the issue's bar:
# accessibility 0.95, performance 0.90, and the PWA installability checks.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
URL="${1:-http://127.0.0.1:5000/}"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
OUT="${LIGHTHOUSE_OUT:-$ROOT/test-results/lighthouse}"
LIGHTHOUSE_VERSION="11.7.1"
mkdir -p "$OUT"

if ! curl -fsS -o /dev/null "$URL"; then
    echo "no server answers at $URL: start one with 'make demo' (or pass its URL)" >&2
    exit 2
fi

# Mobile is Lighthouse's default form factor (Moto G-class emulation, slow 4G throttling).
npx --yes "lighthouse@$LIGHTHOUSE_VERSION" "$URL" \
    --quiet \
    --only-categories=pwa,accessibility,performance \
    --form-factor=mobile \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync" \
    --output=json --output=html \
    --output-path="$OUT/doorstep"

node - "$OUT/doorstep.report.json" <<'JS'
const fs = require('fs');
const report = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const score = (id) => report.categories[id]?.score ?? null;
const pwaGroups = ['pwa-installable', 'pwa-optimized'];
const pwaAudits = report.categories.pwa.auditRefs.filter((a) => pwaGroups.includes(a.group));
const failing = pwaAudits.filter((a) => report.audits[a.id].score !== null && report.audits[a.id].score < 1 && a.group === 'pwa-installable');
const a11y = score('accessibility');
const perf = score('performance');
console.log(`lighthouse ${report.lighthouseVersion} (${report.configSettings.formFactor}) ${report.finalDisplayedUrl}`);
console.log(`PWA:           ${score('pwa')}  installable: ${failing.length === 0 ? 'yes' : 'NO (' + failing.map((a) => a.id).join(', ') + ')'}`);
for (const a of pwaAudits) console.log(`  ${report.audits[a.id].score === 1 ? 'pass' : report.audits[a.id].score === null ? ' n/a' : 'FAIL'}  ${a.id}`);
console.log(`accessibility: ${a11y}`);
console.log(`performance:   ${perf}  (FCP ${report.audits['first-contentful-paint'].displayValue}, LCP ${report.audits['largest-contentful-paint'].displayValue}, TBT ${report.audits['total-blocking-time'].displayValue}, CLS ${report.audits['cumulative-layout-shift'].displayValue})`);
for (const [id, audit] of Object.entries(report.audits)) {
  if (report.categories.accessibility.auditRefs.some((r) => r.id === id) && audit.score !== null && audit.score < 1) console.log(`  a11y FAIL ${id}: ${audit.title}`);
}
const ok = failing.length === 0 && a11y >= 0.95 && perf >= 0.9;
console.log(ok ? 'meets the bar (installable, a11y >= 0.95, perf >= 0.90)' : 'BELOW the bar');
process.exit(ok ? 0 : 1);
JS
