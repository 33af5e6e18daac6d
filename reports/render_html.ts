/**
 * The HTML report: one self-contained file (inline CSS, inline SVG, a few lines of inline script for
 * filtering), readable offline. A pure function of the report model, so the same run gives the same
 * bytes.
 *
 * Sections: summary; coverage by area; upstream conformance entries; the behaviour catalogue;
 * scenarios that link to no behaviour; fuzz campaigns; every feature with its scenarios (steps,
 * failures, undefined-step suggestions, kubectl commands with their output, the timeline chart).
 */
import type { BehaviourCoverage, Report, ScenarioReport, ScenarioStatus, StepReport } from './model';
import { esc, hasChart, timelineSvg } from './render_svg';
import { formatMs } from '../engine/runtime/runtime';

/** `features/a.feature:12` → `s-features-a-feature-12` */
export function anchor(prefix: string, id: string): string {
  return `${prefix}-${id.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
}

const STATUS_LABEL: Record<string, string> = {
  passed: 'passed',
  failed: 'failed',
  undefined: 'undefined',
  pending: 'pending',
  ambiguous: 'ambiguous',
  skipped: 'skipped',
  unfinished: 'not finished',
  'not-run': 'not run',
  passing: 'passing',
  failing: 'failing',
  incomplete: 'incomplete',
  uncovered: 'uncovered',
  'not-claimed': 'not claimed',
};

function chip(status: string): string {
  return `<span class="chip st-${esc(status)}">${esc(STATUS_LABEL[status] ?? status)}</span>`;
}

const STEP_ICON: Record<string, string> = {
  passed: '✓',
  failed: '✗',
  undefined: '?',
  pending: '…',
  ambiguous: '≠',
  skipped: '–',
  'not-run': '·',
};

function pct(a: number, b: number): string {
  return b ? `${Math.round((100 * a) / b)}%` : '–';
}

function bar(parts: { n: number; cls: string; title: string }[], total: number): string {
  if (!total) return '<div class="bar"></div>';
  return `<div class="bar">${parts
    .filter((p) => p.n > 0)
    .map(
      (p) =>
        `<span class="${p.cls}" style="width:${((100 * p.n) / total).toFixed(2)}%" title="${esc(`${p.n} ${p.title}`)}"></span>`,
    )
    .join('')}</div>`;
}

function runStatus(r: Report): { cls: string; label: string } {
  if (!r.run.complete) return { cls: 'st-unfinished', label: 'INTERRUPTED' };
  return r.run.success ? { cls: 'st-passed', label: 'PASSED' } : { cls: 'st-failed', label: 'FAILED' };
}

function summary(r: Report): string {
  const s = r.run.scenarios;
  const b = r.run.behaviours;
  const c = r.run.conformance;
  const other = s.total - s.passed - s.failed;
  const covered = b.total - b.uncovered;
  const fuzzFailed = r.fuzz.filter((f) => f.status === 'failed').length;
  const cards = [
    `<div class="card"><div class="big">${s.passed}<small>/${s.total}</small></div><div class="lbl">scenarios passed</div>${bar(
      [
        { n: s.passed, cls: 'b-pass', title: 'passed' },
        { n: s.failed, cls: 'b-fail', title: 'failed' },
        { n: other, cls: 'b-other', title: 'undefined, pending, skipped or not finished' },
      ],
      s.total,
    )}<div class="sub">${s.failed} failed${other ? ` · ${other} other` : ''}</div></div>`,
    `<div class="card"><div class="big">${covered}<small>/${b.total}</small></div><div class="lbl">behaviours covered</div>${bar(
      [
        { n: b.passing, cls: 'b-pass', title: 'passing' },
        { n: b.failing, cls: 'b-fail', title: 'failing' },
        { n: b.incomplete, cls: 'b-other', title: 'incomplete' },
        { n: b.uncovered, cls: 'b-none', title: 'uncovered' },
      ],
      b.total,
    )}<div class="sub">${b.passing} passing · ${b.failing} failing · ${b.uncovered} uncovered</div></div>`,
    `<div class="card"><div class="big">${c.claimed}<small>/${c.total}</small></div><div class="lbl">conformance entries claimed</div>${bar(
      [
        { n: c.passing, cls: 'b-pass', title: 'passing' },
        { n: c.failing, cls: 'b-fail', title: 'failing' },
        { n: c.claimed - c.passing - c.failing, cls: 'b-unc', title: 'claimed, not proven in this run' },
        { n: c.total - c.claimed, cls: 'b-none', title: 'not claimed' },
      ],
      c.total,
    )}<div class="sub">${c.passing} passing · ${c.failing} failing</div></div>`,
    `<div class="card"><div class="big">${r.fuzz.length}</div><div class="lbl">fuzz campaigns</div><div class="sub">${
      r.fuzz.length
        ? `${fuzzFailed} with counterexamples`
        : 'none in this run (<code>kube-scenario start</code> runs one when the fuzzer is installed)'
    }</div></div>`,
  ];
  return `<section class="cards">${cards.join('')}</section>`;
}

function problems(r: Report): string {
  if (!r.problems.length) return '';
  return `<section class="problems"><h2>Problems</h2><ul>${r.problems.map((p) => `<li><code>${esc(p)}</code></li>`).join('')}</ul></section>`;
}

function areaMatrix(r: Report): string {
  const byId = new Map(r.behaviours.map((b) => [b.id, b]));
  const rows = r.areas
    .map((a) => {
      const squares = a.behaviours
        .map((id) => {
          const b = byId.get(id)!;
          return `<a class="sq st-${b.status}" href="#${anchor('b', id)}" title="${esc(`${id}: ${b.title} (${STATUS_LABEL[b.status]})`)}"></a>`;
        })
        .join('');
      return `<tr><th>${esc(a.title)}</th><td class="num">${a.total}</td><td class="num ok">${a.passing}</td><td class="num bad">${a.failing}</td><td class="num">${a.incomplete}</td><td class="num dim">${a.uncovered}</td><td class="num">${pct(a.passing, a.total)}</td><td class="squares">${squares}</td></tr>`;
    })
    .join('');
  return `<section id="coverage"><h2>Coverage by area</h2><p class="hint">Each square is a behaviour of the catalogue (<code>reports/behaviours.yaml</code>); scenarios link to one with a tag <code>@b:&lt;id&gt;</code>.</p><table class="matrix"><thead><tr><th>area</th><th>behaviours</th><th>passing</th><th>failing</th><th>incomplete</th><th>uncovered</th><th>proven</th><th></th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function conformanceRow(c: Report['conformance'][number]): string {
  const behaviours =
    c.behaviours.map((b) => `<a href="#${anchor('b', b)}"><code>${esc(b)}</code></a>`).join('<br>') ||
    '<span class="dim">—</span>';
  return `<tr class="cf-${c.status}"><td>${chip(c.status)}</td><td><span class="testname" title="${esc(`${c.codename}\n\n${c.description}`)}">${esc(c.testname)}</span></td><td class="num">${esc(c.release)}</td><td><code>${esc(c.file.replace(/^test\/e2e\//, ''))}</code></td><td>${behaviours}</td></tr>`;
}

function conformanceTable(r: Report): string {
  const head =
    '<thead><tr><th></th><th>upstream test</th><th>release</th><th>file</th><th>behaviours</th></tr></thead>';
  const claimed = r.conformance.filter((c) => c.status !== 'not-claimed');
  const others = r.conformance.filter((c) => c.status === 'not-claimed');
  const rest = others.length
    ? `<details class="unclaimed"><summary>${others.length} entries no behaviour claims (PodDisruptionBudget, ReplicationController, API-only tests…)</summary><table class="conf">${head}<tbody>${others.map(conformanceRow).join('')}</tbody></table></details>`
    : '';
  return `<section id="conformance"><h2>Upstream conformance entries</h2><p class="hint">Kubernetes conformance tests of the workload area (<code>reports/conformance.yaml</code>) and the behaviours that speak to them; hover a test for its upstream description. A passing row means our scenarios check the same behaviour on the simulator, not that the simulator is a conformant cluster.</p><table class="conf">${head}<tbody>${claimed.map(conformanceRow).join('')}</tbody></table>${rest}</section>`;
}

function scenarioLink(r: Report, id: string): string {
  const s = r.features.flatMap((f) => f.scenarios).find((x) => x.id === id);
  return `<a class="slink st-${s?.status ?? 'unfinished'}" href="#${anchor('s', id)}" title="${esc(s?.name ?? id)}">${esc(id)}</a>`;
}

function behaviourEntry(r: Report, b: BehaviourCoverage): string {
  const sources: string[] = [];
  for (const s of b.sources.spec) sources.push(`<span class="src">spec ${esc(s)}</span>`);
  for (const c of b.sources.conformance) {
    const e = r.conformance.find((x) => x.id === c);
    sources.push(
      `<span class="src conf" title="${esc(e?.codename ?? c)}">conformance: ${esc(e?.testname ?? c)} (${esc(e?.release ?? '')})</span>`,
    );
  }
  for (const u of b.sources.upstream) sources.push(`<span class="src">${esc(u)}</span>`);
  const links = [
    ...b.scenarios.map((id) => scenarioLink(r, id)),
    ...b.fuzz.map((f) => `<a class="slink" href="#fuzz">fuzz: ${esc(f)}</a>`),
  ];
  return `<div class="behaviour st-${b.status}" id="${anchor('b', b.id)}"><div class="bhead">${chip(b.status)} <code class="bid">${esc(b.id)}</code> <span class="btitle">${esc(b.title)}</span></div><p>${esc(b.description)}</p><div class="sources">${sources.join(' ')}</div>${
    links.length
      ? `<div class="links">${links.join(' ')}</div>`
      : '<div class="links dim">no scenario in this run</div>'
  }</div>`;
}

function behaviourList(r: Report): string {
  const parts = r.areas.map((a) => {
    const bs = r.behaviours.filter((b) => b.area === a.id);
    return `<h3>${esc(a.title)}</h3>${bs.map((b) => behaviourEntry(r, b)).join('')}`;
  });
  return `<section id="behaviours"><details><summary><h2>Behaviour catalogue (${r.behaviours.length})</h2></summary>${parts.join('')}</details></section>`;
}

function untagged(r: Report): string {
  if (!r.untagged.length) return '';
  return `<section id="untagged"><details><summary><h2>Scenarios without a behaviour (${r.untagged.length})</h2></summary><p class="hint">These scenarios carry no <code>@b:</code> tag: they check the harness itself or a behaviour the catalogue does not list yet.</p><div class="links">${r.untagged.map((id) => scenarioLink(r, id)).join(' ')}</div></details></section>`;
}

function fuzzSection(r: Report): string {
  if (!r.fuzz.length) return '';
  const items = r.fuzz
    .map((c) => {
      const cx = c.counterexamples
        .map(
          (x, i) =>
            `<div class="cx"><h4>Counterexample ${i + 1}</h4><pre class="err">${esc(x.error)}</pre><dl><dt>seed</dt><dd><code>${esc(String(x.seed))}</code></dd><dt>path</dt><dd><code>${esc(x.path)}</code></dd>${
              x.replayPath ? `<dt>replayPath</dt><dd><code>${esc(x.replayPath)}</code></dd>` : ''
            }${x.featureFile ? `<dt>feature file</dt><dd><code>${esc(x.featureFile)}</code></dd>` : ''}</dl>${x.commands.length ? `<ol class="cmds">${x.commands.map((c) => `<li><code>${esc(c)}</code></li>`).join('')}</ol>` : ''}${
              x.feature
                ? `<details><summary>feature that reproduces it</summary><pre>${esc(x.feature)}</pre></details>`
                : ''
            }</div>`,
        )
        .join('');
      return `<div class="campaign st-${c.status === 'passed' ? 'passing' : 'failing'}"><div class="bhead">${chip(c.status)} <span class="btitle">${esc(c.name)}</span> <span class="dim">seed ${esc(String(c.seed))} · ${c.runs}/${c.numRuns} runs</span></div>${
        c.behaviours.length
          ? `<div class="links">${c.behaviours.map((b) => `<a href="#${anchor('b', b)}"><code>${esc(b)}</code></a>`).join(' ')}</div>`
          : ''
      }${cx}</div>`;
    })
    .join('');
  return `<section id="fuzz"><h2>Fuzz campaigns</h2>${items}</section>`;
}

function step(s: StepReport, i: number): string {
  let out = `<li class="step st-${s.status}"><span class="icon" title="${esc(STATUS_LABEL[s.status])}">${STEP_ICON[s.status] ?? '·'}</span><span class="no">${i + 1}</span> <b>${esc(s.keyword)}</b> ${esc(s.text)}`;
  if (s.docString)
    out += `<details class="doc"><summary>doc string${s.docString.mediaType ? ` (${esc(s.docString.mediaType)})` : ''}</summary><pre>${esc(s.docString.content)}</pre></details>`;
  if (s.dataTable)
    out += `<table class="dt">${s.dataTable.map((row) => `<tr>${row.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</table>`;
  if (s.message) out += `<pre class="err">${esc(s.message)}</pre>`;
  if (s.status === 'undefined')
    out += `<div class="suggest">No step definition matches this step.${
      s.suggestions?.length
        ? ` Nearest known phrasings:<ul>${s.suggestions.map((x) => `<li><code>${esc(x)}</code></li>`).join('')}</ul>`
        : ' See docs/steps.md for every step.'
    }</div>`;
  return `${out}</li>`;
}

function commands(s: ScenarioReport): string {
  const cmds = s.timeline?.commands ?? [];
  if (!cmds.length) return '';
  const items = cmds
    .map((c) => {
      const out = c.stdout.replace(/\s+$/, '');
      const err = c.stderr.replace(/\s+$/, '');
      return `<div class="cmd${c.exitCode ? ' bad' : ''}"><div class="prompt"><span class="no">step ${c.step + 1}</span> $ ${esc(c.command)}${
        c.exitCode ? ` <span class="exit">exit ${c.exitCode}</span>` : ''
      }</div>${out ? `<pre>${esc(out)}</pre>` : ''}${err ? `<pre class="stderr">${esc(err)}</pre>` : ''}</div>`;
    })
    .join('');
  return `<div class="commands"><h4>Commands and their output</h4>${items}</div>`;
}

function scenario(s: ScenarioReport): string {
  const open = s.status !== 'passed' ? ' open' : '';
  const tags = s.tags
    .map((t) =>
      t.startsWith('@b:')
        ? `<a class="tag btag" href="#${anchor('b', t.slice(3))}">${esc(t)}</a>`
        : `<span class="tag">${esc(t)}</span>`,
    )
    .join(' ');
  const chart = hasChart(s.timeline)
    ? `<figure class="chart">${timelineSvg(s.timeline, s.name)}<figcaption>seed ${esc(String(s.timeline.seed))} · ${esc(formatMs(s.timeline.end))} of virtual time · hover a line or a step number for details</figcaption></figure>`
    : s.timeline
      ? '<p class="nochart">No Deployment, ReplicaSet or StatefulSet in this scenario: nothing to chart.</p>'
      : '<p class="nochart">No timeline was recorded for this scenario.</p>';
  const hookErrors = s.hookErrors.map((e) => `<pre class="err">${esc(e)}</pre>`).join('');
  const attachments = s.attachments.length
    ? `<details class="attachments"><summary>Attachments (${s.attachments.length})</summary>${s.attachments
        .map((a) => `<pre>${esc(a.text)}</pre>`)
        .join('')}</details>`
    : '';
  const failedStep = s.steps.findIndex(
    (x) => x.status !== 'passed' && x.status !== 'skipped' && x.status !== 'not-run',
  );
  const error =
    s.error && !open
      ? ''
      : s.error
        ? `<pre class="err headline">${esc(`${failedStep >= 0 ? `step ${failedStep + 1}: ` : ''}${s.error}`)}</pre>`
        : '';
  const ncmd = s.timeline?.commands.length ?? 0;
  return `<article class="scenario st-${s.status}" id="${anchor('s', s.id)}" data-status="${s.status}"><div class="shead">${chip(s.status)} <span class="sname">${esc(s.name)}</span> <span class="loc">${esc(s.id)}</span>${
    s.attempts > 1 ? ` <span class="dim">${s.attempts} attempts</span>` : ''
  }<div class="tags">${tags}</div></div>${error}${chart}<details class="detail"${open}><summary>${s.steps.length} steps${ncmd ? ` · ${ncmd} commands with their output` : ''}${
    s.attachments.length ? ` · ${s.attachments.length} attachments` : ''
  }</summary><ol class="steps">${s.steps.map(step).join('')}</ol>${hookErrors}${commands(s)}${attachments}</details></article>`;
}

function featuresSection(r: Report): string {
  const parts = r.features.map((f) => {
    const counts = new Map<ScenarioStatus, number>();
    for (const s of f.scenarios) counts.set(s.status, (counts.get(s.status) ?? 0) + 1);
    const tally = [...counts.entries()].map(([st, k]) => `${k} ${STATUS_LABEL[st]}`).join(' · ');
    return `<div class="feature"><h3>${esc(f.name)} <span class="loc">${esc(f.uri)}</span></h3><div class="ftally">${esc(tally)}</div>${
      f.description ? `<p class="fdesc">${esc(f.description)}</p>` : ''
    }${f.scenarios.map(scenario).join('')}</div>`;
  });
  return `<section id="scenarios"><h2>Scenarios</h2><div class="filters" role="group" aria-label="filter scenarios"><button type="button" data-filter="all" class="on">all</button><button type="button" data-filter="failed">not passed</button><button type="button" data-filter="passed">passed</button><button type="button" data-expand="1">expand all</button><button type="button" data-expand="0">collapse all</button></div>${parts.join('')}</section>`;
}

function wallClock(r: Report): string {
  const w = r.wallClock;
  if (!w) return '';
  const env = w.environment;
  return `<section id="wallclock"><details><summary><h2>Wall clock</h2></summary><p class="hint">Real time and machine facts differ from run to run; they are here because the report was built with <code>--wall-clock</code>.</p><dl>${
    w.startedAt ? `<dt>started</dt><dd>${esc(w.startedAt)}</dd>` : ''
  }${w.finishedAt ? `<dt>finished</dt><dd>${esc(w.finishedAt)}</dd>` : ''}${w.durationMs !== undefined ? `<dt>duration</dt><dd>${w.durationMs} ms</dd>` : ''}${
    env
      ? `<dt>environment</dt><dd>${esc([env.implementation, env.runtime, env.os, env.cpu].filter(Boolean).join(' · '))}</dd>`
      : ''
  }</dl><table class="conf"><tbody>${w.scenarios.map((s) => `<tr><td>${esc(s.id)}</td><td class="num">${s.durationMs} ms</td></tr>`).join('')}</tbody></table></details></section>`;
}

const CSS = `
:root{--bg:#f5f7fa;--card:#fff;--ink:#1b2636;--dim:#6b7a8f;--line:#e1e6ed;--pass:#2e9d5b;--fail:#d0312d;--warn:#e08a00;--none:#c9d3df;--accent:#3559a8}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans",sans-serif}
header{background:#17263b;color:#fff;padding:22px 32px}
header h1{margin:0;font-size:22px;font-weight:650;letter-spacing:.2px}
header .meta{color:#b8c4d6;font-size:13px;margin-top:4px}
header .run{float:right;font-weight:700;font-size:13px;padding:5px 12px;border-radius:14px;color:#fff}
header .run.st-passed{background:var(--pass)}header .run.st-failed{background:var(--fail)}header .run.st-unfinished{background:var(--warn)}
nav{background:#fff;border-bottom:1px solid var(--line);padding:8px 32px;position:sticky;top:0;z-index:2}
nav a{margin-right:18px;color:var(--accent);text-decoration:none;font-weight:550}
main{max-width:1180px;margin:0 auto;padding:20px 32px 60px}
h2{font-size:18px;margin:30px 0 10px}h3{font-size:15px;margin:22px 0 8px}
summary h2{display:inline;margin:0}
section>details>summary{cursor:pointer;margin:30px 0 10px}
code{font:12.5px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
pre{font:12.5px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f3f5f8;border:1px solid var(--line);border-radius:6px;padding:8px 10px;overflow-x:auto;margin:6px 0;white-space:pre-wrap;word-break:break-word}
pre.err{background:#fff4f3;border-color:#f2c3bf;color:#8a1c16}
pre.stderr{background:#fffaf0;border-color:#f1dfb6}
.hint{color:var(--dim);margin:4px 0 10px}
.dim{color:var(--dim)}
.cards{display:grid;grid-template-columns:repeat(4,1fr);gap:14px}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 16px}
.card .big{font-size:30px;font-weight:700;line-height:1.1}.card .big small{font-size:16px;color:var(--dim);font-weight:500}
.card .lbl{color:var(--dim);font-size:12.5px;text-transform:uppercase;letter-spacing:.4px;margin:2px 0 8px}
.card .sub{color:var(--dim);font-size:12.5px;margin-top:6px}
.bar{display:flex;height:8px;border-radius:4px;overflow:hidden;background:#eef1f5}
.bar span{display:block;height:100%}
.b-pass{background:var(--pass)}.b-fail{background:var(--fail)}.b-other{background:var(--warn)}.b-unc{background:#9fb3c8}.b-none{background:var(--none)}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
details.unclaimed{margin-top:8px}details.unclaimed>summary{cursor:pointer;color:var(--dim)}details.unclaimed table{margin-top:6px}
.problems{background:#fff8e6;border:1px solid #f1d48a;border-radius:10px;padding:4px 16px;margin-top:16px}
table{border-collapse:collapse;width:100%;background:var(--card);border:1px solid var(--line);border-radius:10px;overflow:hidden}
th,td{padding:7px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
thead th{font-size:12px;text-transform:uppercase;letter-spacing:.4px;color:var(--dim);background:#fafbfc}
td.num,th.num{text-align:right;white-space:nowrap}td.ok{color:var(--pass);font-weight:650}td.bad{color:var(--fail);font-weight:650}
.matrix th{white-space:nowrap}
.squares{line-height:0}
.sq{display:inline-block;width:15px;height:15px;margin:1px;border-radius:3px;background:var(--none)}
.sq.st-passing{background:var(--pass)}.sq.st-failing{background:var(--fail)}.sq.st-incomplete{background:var(--warn)}
.conf .testname{font-weight:600;cursor:help}.conf td{padding:5px 10px}
.cf-not-claimed td{color:var(--dim)}
.chip{display:inline-block;font-size:11.5px;font-weight:650;padding:1px 8px;border-radius:10px;background:#e8ecf1;color:#3d4a5c;white-space:nowrap}
.chip.st-passed,.chip.st-passing{background:#e3f4ea;color:#1d6b3c}
.chip.st-failed,.chip.st-failing{background:#fde6e4;color:#a3201b}
.chip.st-undefined,.chip.st-pending,.chip.st-ambiguous,.chip.st-incomplete,.chip.st-unfinished{background:#fdf0d9;color:#8a5a00}
.chip.st-uncovered,.chip.st-not-claimed,.chip.st-skipped{background:#eef1f5;color:#6b7a8f}
.behaviour,.campaign{background:var(--card);border:1px solid var(--line);border-left:4px solid var(--none);border-radius:8px;padding:8px 14px;margin:8px 0}
.behaviour.st-passing,.campaign.st-passing{border-left-color:var(--pass)}.behaviour.st-failing,.campaign.st-failing{border-left-color:var(--fail)}.behaviour.st-incomplete{border-left-color:var(--warn)}
.behaviour p{margin:4px 0}.bid{color:var(--accent)}.btitle{font-weight:600}
.src{display:inline-block;font-size:12px;color:#3d4a5c;background:#f0f3f7;border-radius:4px;padding:0 6px;margin:2px 2px 2px 0}.src.conf{background:#e9efff}
.links{margin-top:4px}
.slink{display:inline-block;font:12px ui-monospace,monospace;margin:2px 6px 2px 0;text-decoration:none;color:var(--accent)}
.slink.st-failed,.slink.st-undefined{color:var(--fail)}
.filters{margin:6px 0 12px}
.filters button{font:inherit;font-size:12.5px;border:1px solid var(--line);background:#fff;border-radius:14px;padding:3px 12px;margin-right:6px;cursor:pointer}
.filters button.on{background:var(--accent);color:#fff;border-color:var(--accent)}
body.only-failed .scenario.st-passed{display:none}body.only-passed .scenario:not(.st-passed){display:none}
.feature{margin-bottom:18px}.feature h3{margin-bottom:2px}.loc{font:12px ui-monospace,monospace;color:var(--dim);font-weight:400}
.ftally{color:var(--dim);font-size:12.5px}.fdesc{color:#3d4a5c;white-space:pre-line;margin:4px 0 8px}
.scenario{background:var(--card);border:1px solid var(--line);border-left:4px solid var(--none);border-radius:8px;margin:8px 0}
.scenario.st-passed{border-left-color:var(--pass)}.scenario.st-failed{border-left-color:var(--fail)}
.scenario.st-undefined,.scenario.st-pending,.scenario.st-ambiguous,.scenario.st-unfinished{border-left-color:var(--warn)}
.scenario{padding:10px 16px 10px}.shead{margin-bottom:4px}.sname{font-weight:600}
.scenario details.detail>summary{cursor:pointer;color:#3d4a5c;font-weight:600;font-size:13px;margin:4px 0}
pre.err.headline{margin:6px 0}
.tags{margin-top:4px}.tag{display:inline-block;font:11.5px ui-monospace,monospace;color:#5b6b80;background:#f0f3f7;border-radius:4px;padding:0 5px;margin-right:4px}
.tag.btag{color:var(--accent);background:#e9efff;text-decoration:none}
figure.chart{margin:8px 0 12px;background:#fff;border:1px solid var(--line);border-radius:8px;padding:8px 6px 4px}
figure.chart svg{display:block;width:100%;height:auto}
figcaption{color:var(--dim);font-size:12px;padding:2px 8px}
.nochart{color:var(--dim);font-style:italic;margin:6px 0}
ol.steps{list-style:none;padding:0;margin:6px 0}
.step{padding:3px 0 3px 4px;border-bottom:1px dashed #eef1f5}
.step .icon{display:inline-block;width:18px;text-align:center;font-weight:700}
.step .no,.cmd .no{display:inline-block;min-width:18px;color:var(--dim);font-size:11.5px;text-align:right}
.step.st-passed .icon{color:var(--pass)}.step.st-failed .icon{color:var(--fail)}.step.st-undefined .icon,.step.st-pending .icon{color:var(--warn)}
.step.st-skipped,.step.st-not-run{color:var(--dim)}
.step details.doc summary{color:var(--dim);font-size:12px;cursor:pointer;margin-left:44px}
.step pre{margin-left:44px}
table.dt{width:auto;margin:4px 0 4px 44px}table.dt td{font:12px ui-monospace,monospace;padding:2px 8px}
.suggest{margin:4px 0 4px 44px;background:#fff8e6;border:1px solid #f1d48a;border-radius:6px;padding:6px 10px}.suggest ul{margin:4px 0}
.commands,.attachments{margin-top:10px}.commands h4{margin:8px 0 4px;font-size:13px;color:#3d4a5c}.attachments>summary{cursor:pointer;color:#3d4a5c;font-weight:600}
.cmd{margin:8px 0}.cmd .prompt{font:12.5px ui-monospace,monospace;color:#17263b;font-weight:600}.cmd.bad .prompt{color:var(--fail)}
.exit{background:#fde6e4;color:#a3201b;border-radius:4px;padding:0 5px;font-size:11.5px}
.cx{border-top:1px solid var(--line);margin-top:8px;padding-top:4px}.cx h4{margin:6px 0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:6px 0}dt{color:var(--dim)}dd{margin:0}
footer{color:var(--dim);font-size:12px;text-align:center;padding:24px}
@media (max-width:900px){.cards{grid-template-columns:repeat(2,1fr)}main,header,nav{padding-left:14px;padding-right:14px}}
`;

/** The page's only script: scenario filters and expand/collapse. */
const SCRIPT = `
(function () {
  var body = document.body;
  document.querySelectorAll('.filters button[data-filter]').forEach(function (b) {
    b.addEventListener('click', function () {
      body.classList.remove('only-failed', 'only-passed');
      var f = b.getAttribute('data-filter');
      if (f !== 'all') body.classList.add('only-' + f);
      document.querySelectorAll('.filters button[data-filter]').forEach(function (x) { x.classList.toggle('on', x === b); });
    });
  });
  document.querySelectorAll('.filters button[data-expand]').forEach(function (b) {
    b.addEventListener('click', function () {
      var open = b.getAttribute('data-expand') === '1';
      document.querySelectorAll('.scenario details.detail').forEach(function (d) { d.open = open; });
    });
  });
  if (location.hash) {
    var target = document.getElementById(location.hash.slice(1));
    var d = target && target.querySelector('details.detail');
    if (d) d.open = true;
  }
})();
`;

/** Counts the report's charts, for the page's data attributes (the browser check reads them). */
export function expectedCharts(r: Report): number {
  return r.features.flatMap((f) => f.scenarios).filter((s) => hasChart(s.timeline)).length;
}

export function renderHtml(r: Report): string {
  const st = runStatus(r);
  const scenarios = r.run.scenarios.total;
  const seeds = r.run.seeds.length ? `seed ${r.run.seeds.map(String).join(', ')}` : 'no seed recorded';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="kube-scenario ${esc(r.tool.version)}">
<title>kube-scenario report: ${st.label.toLowerCase()}, ${r.run.scenarios.passed}/${scenarios} scenarios passed</title>
<style>${CSS}</style>
</head>
<body>
<header><span class="run ${st.cls}">${st.label}</span><h1>kube-scenario report</h1><div class="meta">${scenarios} scenarios · ${r.run.steps.total} steps · ${esc(seeds)} · kube-scenario ${esc(r.tool.version)}${
    r.run.complete ? '' : ' · the run was interrupted: this report is partial'
  }</div></header>
<nav><a href="#coverage">Coverage</a><a href="#conformance">Conformance</a><a href="#behaviours">Behaviours</a>${r.fuzz.length ? '<a href="#fuzz">Fuzz</a>' : ''}<a href="#scenarios">Scenarios</a></nav>
<main data-scenarios="${scenarios}" data-charts-expected="${expectedCharts(r)}">
${summary(r)}
${problems(r)}
${areaMatrix(r)}
${conformanceTable(r)}
${behaviourList(r)}
${untagged(r)}
${fuzzSection(r)}
${featuresSection(r)}
${wallClock(r)}
</main>
<footer>Generated by kube-scenario ${esc(r.tool.version)} from cucumber's message stream. Times are virtual: the same seed gives the same report.</footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
