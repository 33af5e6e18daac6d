/**
 * docs/steps.md from the step definitions: every step phrasing, grouped by the file that defines it
 * (with the file's opening comment), the comment written above the definition, and an example: a use
 * of the step in the features, or one made up from the expression when no feature uses it yet. The
 * example the page already shows is kept while the features still contain it; otherwise the first
 * use (by path, then line) is taken. So the page changes when steps change, not whenever a feature
 * is added.
 *
 * The input is a dry run's message stream (stepDefinition, parameterType, gherkinDocument, pickle,
 * testCase) and a way to read source files. No line numbers go into the page, so that it changes
 * only when a step, its comment or its example does.
 */
import type { Envelope, GherkinStep, Pickle } from './messages';

export type ReadSource = (uri: string) => string | undefined;

interface Definition {
  id: string;
  source: string;
  type: 'CUCUMBER_EXPRESSION' | 'REGULAR_EXPRESSION';
  uri: string;
  line: number;
}

interface Example {
  uri: string;
  line: number;
  keyword: string;
  text: string;
  docString?: string;
  dataTable?: string[][];
}

/** Titles of the step files we know; others get their name capitalised. */
const TITLES: Record<string, string> = {
  input: 'Inputs',
  command: 'Commands',
  pod: 'Pods and faults',
  time: 'Time',
  timeline: 'The timeline',
  state: 'State',
  dns: 'DNS',
  service: 'Services',
};

function titleOf(uri: string): string {
  const base = uri
    .split('/')
    .pop()!
    .replace(/_steps\.ts$|\.ts$/, '');
  return TITLES[base] ?? base.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/** The text of a `/** … *\/` comment, without its stars, paragraphs joined. */
function commentText(block: string): string {
  return block
    .replace(/^\/\*\*?/, '')
    .replace(/\*\/$/, '')
    .split('\n')
    .map((l) => l.replace(/^\s*\* ?/, '').trimEnd())
    .join('\n')
    .trim()
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' '))
    .join('\n\n');
}

/** The comment that opens a file. */
function fileComment(text: string | undefined): string | undefined {
  const m = text && /^\s*(\/\*\*[\s\S]*?\*\/)/.exec(text);
  return m ? commentText(m[1]) : undefined;
}

/** The `/** … *\/` comment that ends just above line `line` (1-based), if any. */
function commentAbove(text: string | undefined, line: number): string | undefined {
  if (!text) return undefined;
  const lines = text.split('\n');
  let i = line - 2;
  if (i < 0 || !/\*\/\s*$/.test(lines[i] ?? '')) return undefined;
  const end = i;
  while (i >= 0 && !/^\s*\/\*\*/.test(lines[i])) i--;
  if (i < 0) return undefined;
  return commentText(
    lines
      .slice(i, end + 1)
      .join('\n')
      .trim(),
  );
}

/** Given, When or Then: the function the definition is written with. */
function keywordAt(text: string | undefined, line: number): string {
  const m = text && /\b(Given|When|Then)\s*\(/.exec(text.split('\n')[line - 1] ?? '');
  return m ? m[1] : 'Given';
}

const SAMPLE: Record<string, string> = {
  int: '3',
  float: '1.5',
  word: 'web',
  string: '"web"',
  quoted: '"web"',
  kind: 'deployment',
  '': 'web',
};

/** An example made from a cucumber expression: optional parts dropped, first alternatives, sample values. */
export function sampleFromExpression(expression: string): string {
  // After a number (the sample is 3) the plural alternative reads right: `3 pods were created`.
  return expression
    .replace(/\(([^)]*)\)/g, '$1')
    .replace(/\S+\/\S+/g, (w, at: number) => {
      if (w.includes('{')) return w;
      const alternatives = w.split('/');
      return /\{int\}/.test(expression.slice(0, at))
        ? alternatives[alternatives.length - 1]
        : alternatives[0];
    })
    .replace(/\{(\w*)\}/g, (_, name: string) => SAMPLE[name] ?? `<${name}>`)
    .replace(/\\(.)/g, '$1');
}

function fence(text: string): string {
  const ticks = text.includes('```') ? '````' : '```';
  return ticks;
}

function renderExample(e: Example): string {
  let body = `${e.keyword} ${e.text}`;
  if (e.docString !== undefined) {
    const doc = e.docString.split('\n').map((l) => (l ? `  ${l}` : l));
    body += `\n  """\n${doc.join('\n')}\n  """`;
  }
  if (e.dataTable) {
    const widths = e.dataTable[0].map((_, c) => Math.max(...e.dataTable!.map((r) => (r[c] ?? '').length)));
    body += `\n${e.dataTable.map((r) => `  | ${r.map((v, c) => v.padEnd(widths[c])).join(' | ')} |`).join('\n')}`;
  }
  const f = fence(body);
  return `${f}gherkin\n${body}\n${f}`;
}

export interface StepsDocInput {
  envelopes: readonly Envelope[];
  read: ReadSource;
  /** The page as it is now, whose examples are kept where still valid. */
  previous?: string;
}

const EXAMPLE_BLOCK =
  /^(### .*)\n(?:[\s\S]*?\n)?(Example \(`[^`\n]+`\):\n\n(`{3,4})gherkin\n[\s\S]*?\n\3)$/gm;

/** The example blocks of a page, by step heading. */
function previousExamples(page: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!page) return out;
  for (const m of page.matchAll(EXAMPLE_BLOCK)) out.set(m[1], m[2]);
  return out;
}

/** The whole docs/steps.md. */
export function renderStepsDoc({ envelopes, read, previous }: StepsDocInput): string {
  const kept = previousExamples(previous);
  const definitions: Definition[] = [];
  const parameterTypes: { name: string; regexps: string[] }[] = [];
  const astSteps = new Map<string, GherkinStep>();
  const pickles = new Map<string, Pickle>();
  const usages = new Map<string, Example[]>();
  const exampleOf = (id: string, e: Example) => usages.set(id, [...(usages.get(id) ?? []), e]);

  for (const env of envelopes) {
    if (env.stepDefinition) {
      const d = env.stepDefinition;
      definitions.push({
        id: d.id,
        source: d.pattern.source,
        type: d.pattern.type,
        uri: d.sourceReference.uri ?? '?',
        line: d.sourceReference.location?.line ?? 0,
      });
    } else if (env.parameterType) {
      parameterTypes.push({ name: env.parameterType.name, regexps: env.parameterType.regularExpressions });
    } else if (env.gherkinDocument) {
      const walk = (children: NonNullable<typeof env.gherkinDocument.feature>['children']) => {
        for (const c of children) {
          for (const s of c.background?.steps ?? []) astSteps.set(s.id, s);
          for (const s of c.scenario?.steps ?? []) astSteps.set(s.id, s);
          if (c.rule) walk(c.rule.children);
        }
      };
      walk(env.gherkinDocument.feature?.children ?? []);
    } else if (env.pickle) pickles.set(env.pickle.id, env.pickle);
    else if (env.testCase) {
      const pickle = pickles.get(env.testCase.pickleId);
      if (!pickle) continue;
      for (const ts of env.testCase.testSteps) {
        if (!ts.pickleStepId || ts.stepDefinitionIds?.length !== 1) continue;
        const ps = pickle.steps.find((s) => s.id === ts.pickleStepId);
        const ast = ps && astSteps.get(ps.astNodeIds[0]);
        if (!ps || !ast) continue;
        // An outline's example shows the step as written, with its <placeholders>.
        const e: Example = {
          uri: pickle.uri,
          line: ast.location.line,
          keyword: ast.keyword.trim(),
          text: ast.text,
        };
        if (ast.docString) e.docString = ast.docString.content;
        if (ast.dataTable) e.dataTable = ast.dataTable.rows.map((r) => r.cells.map((c) => c.value));
        exampleOf(ts.stepDefinitionIds[0], e);
      }
    }
  }

  const files = [...new Set(definitions.map((d) => d.uri))].sort();
  const out: string[] = [];
  out.push('# Steps');
  out.push('');
  out.push(
    'Every step phrasing kube-scenario knows, generated from the step definitions in `steps/` by `npm run docs:steps` ' +
      '(do not edit by hand: a unit test fails when this page is out of date). Each example is the first use of the ' +
      'step in `features/`, or, for a step no feature uses yet, one made up from its phrasing.',
  );
  out.push('');
  const kinds =
    parameterTypes
      .find((p) => p.name === 'kind')
      ?.regexps.join('|')
      .split('|') ?? [];
  out.push(
    'Parameters: `{quoted}` is a double-quoted string (`\\"` for a quote, `\\\\` for a backslash), `{int}` a whole ' +
      `number${kinds.length ? `, \`{kind}\` one of ${kinds.map((k) => `\`${k}\``).join(', ')}` : ''}. Text in ` +
      'parentheses is optional (`pod(s)`) and `a/b` means either word. The stable core is fixed by ' +
      '`../shared/spec/steps.md`; the README explains the timeline window of Then steps.',
  );
  const custom = parameterTypes
    .filter((p) => !['quoted', 'kind'].includes(p.name))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  if (custom.length) {
    out.push('');
    out.push(
      `Other parameter types: ${custom.map((p) => `\`{${p.name}}\` (\`${p.regexps.join('|')}\`)`).join(', ')}.`,
    );
  }
  out.push('');
  out.push('## Contents');
  out.push('');
  for (const f of files) {
    const n = definitions.filter((d) => d.uri === f).length;
    out.push(
      `- [${titleOf(f)}](#${titleOf(f)
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')}) (${n})`,
    );
  }
  for (const f of files) {
    const text = read(f);
    out.push('');
    out.push(`## ${titleOf(f)}`);
    out.push('');
    const intro = fileComment(text);
    out.push(`${intro ? `${intro}\n\n` : ''}Defined in \`${f}\`.`);
    for (const d of definitions.filter((x) => x.uri === f).sort((a, b) => a.line - b.line)) {
      const keyword = keywordAt(text, d.line);
      const phrase = d.type === 'REGULAR_EXPRESSION' ? `/${d.source}/` : d.source;
      out.push('');
      const heading = `### ${keyword} ${phrase.replace(/([\\`*_[\]<>|])/g, '\\$1')}`;
      out.push(heading);
      const comment = commentAbove(text, d.line);
      if (comment) {
        out.push('');
        out.push(comment);
      }
      out.push('');
      const candidates = (usages.get(d.id) ?? [])
        .sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.line - b.line))
        .map((ex) => `Example (\`${ex.uri}\`):\n\n${renderExample(ex)}`);
      if (candidates.length) {
        const previousBlock = kept.get(heading);
        out.push(previousBlock && candidates.includes(previousBlock) ? previousBlock : candidates[0]);
      } else {
        out.push('Example (no feature uses this step yet):');
        out.push('');
        out.push(
          renderExample({
            uri: '',
            line: 0,
            keyword,
            text: d.type === 'REGULAR_EXPRESSION' ? d.source : sampleFromExpression(d.source),
          }),
        );
      }
    }
  }
  out.push('');
  return out.join('\n');
}

/**
 * .vscode/settings.json for the Cucumber extension (CucumberOpen.cucumber-official): where the
 * features and the step definitions are, and our parameter types, so that editors autocomplete steps
 * and flag undefined ones. Written with docs/steps.md, so the parameter types never drift.
 */
export function renderVscodeSettings(envelopes: readonly Envelope[]): string {
  const parameterTypes = envelopes
    .filter((e) => e.parameterType)
    .map((e) => ({ name: e.parameterType!.name, regexp: e.parameterType!.regularExpressions.join('|') }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const settings = {
    'cucumber.features': ['features/**/*.feature', 'test/fixtures/**/*.feature'],
    'cucumber.glue': ['steps/**/*.ts'],
    'cucumber.parameterTypes': parameterTypes,
    'files.associations': { '*.feature': 'cucumber' },
  };
  return `${JSON.stringify(settings, null, 2)}\n`;
}
