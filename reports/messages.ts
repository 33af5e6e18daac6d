/**
 * The part of the Cucumber Messages protocol the report reads (messages.ndjson, one envelope per
 * line, as cucumber's `message` formatter and `runCucumber`'s onMessage give them). Only the fields
 * used are declared; everything else is ignored.
 */

export interface Location {
  line: number;
  column?: number;
}

export interface Timestamp {
  seconds: number;
  nanos: number;
}

export interface Duration {
  seconds: number;
  nanos: number;
}

export interface GherkinTag {
  name: string;
  id: string;
  location: Location;
}

export interface GherkinStep {
  id: string;
  keyword: string;
  keywordType?: string;
  text: string;
  location: Location;
  docString?: { content: string; mediaType?: string; location: Location };
  dataTable?: { rows: { cells: { value: string }[] }[] };
}

export interface GherkinExamples {
  id: string;
  tags: GherkinTag[];
  tableHeader?: { id: string; location: Location; cells: { value: string }[] };
  tableBody: { id: string; location: Location; cells: { value: string }[] }[];
}

export interface GherkinScenario {
  id: string;
  keyword: string;
  name: string;
  description: string;
  location: Location;
  tags: GherkinTag[];
  steps: GherkinStep[];
  examples: GherkinExamples[];
}

export interface GherkinBackground {
  id: string;
  steps: GherkinStep[];
}

export interface GherkinChild {
  background?: GherkinBackground;
  scenario?: GherkinScenario;
  rule?: { id: string; name: string; tags: GherkinTag[]; children: GherkinChild[] };
}

export interface GherkinDocument {
  uri?: string;
  feature?: {
    name: string;
    keyword: string;
    description: string;
    location: Location;
    tags: GherkinTag[];
    children: GherkinChild[];
  };
}

export interface PickleStep {
  id: string;
  text: string;
  type?: 'Unknown' | 'Context' | 'Action' | 'Outcome';
  astNodeIds: string[];
  argument?: {
    docString?: { content: string; mediaType?: string };
    dataTable?: { rows: { cells: { value: string }[] }[] };
  };
}

export interface Pickle {
  id: string;
  uri: string;
  name: string;
  language?: string;
  astNodeIds: string[];
  tags: { name: string; astNodeId: string }[];
  steps: PickleStep[];
}

export interface TestStep {
  id: string;
  pickleStepId?: string;
  hookId?: string;
  stepDefinitionIds?: string[];
}

export interface TestCase {
  id: string;
  pickleId: string;
  testSteps: TestStep[];
}

export type StatusName = 'UNKNOWN' | 'PASSED' | 'SKIPPED' | 'PENDING' | 'UNDEFINED' | 'AMBIGUOUS' | 'FAILED';

export interface TestStepResult {
  status: StatusName;
  message?: string;
  exception?: { type: string; message?: string };
  duration?: Duration;
}

export interface Envelope {
  meta?: {
    protocolVersion?: string;
    implementation?: { name: string; version?: string };
    runtime?: { name: string; version?: string };
    os?: { name: string; version?: string };
    cpu?: { name: string };
  };
  source?: { uri: string; data: string; mediaType: string };
  gherkinDocument?: GherkinDocument;
  pickle?: Pickle;
  stepDefinition?: {
    id: string;
    pattern: { source: string; type: 'CUCUMBER_EXPRESSION' | 'REGULAR_EXPRESSION' };
    sourceReference: { uri?: string; location?: Location };
  };
  hook?: {
    id: string;
    name?: string;
    tagExpression?: string;
    sourceReference: { uri?: string; location?: Location };
  };
  parameterType?: { id: string; name: string; regularExpressions: string[] };
  testRunStarted?: { timestamp: Timestamp };
  testCase?: TestCase;
  testCaseStarted?: { id: string; testCaseId: string; attempt: number; timestamp: Timestamp };
  testStepStarted?: { testCaseStartedId: string; testStepId: string; timestamp: Timestamp };
  testStepFinished?: {
    testCaseStartedId: string;
    testStepId: string;
    testStepResult: TestStepResult;
    timestamp: Timestamp;
  };
  testCaseFinished?: { testCaseStartedId: string; willBeRetried: boolean; timestamp: Timestamp };
  attachment?: {
    testCaseStartedId?: string;
    testStepId?: string;
    body: string;
    mediaType: string;
    contentEncoding: 'IDENTITY' | 'BASE64';
    fileName?: string;
  };
  testRunFinished?: {
    success: boolean;
    timestamp: Timestamp;
    message?: string;
    exception?: { message?: string };
  };
  parseError?: { source: { uri?: string; location?: Location }; message: string };
  undefinedParameterType?: { expression: string; name: string };
}

/**
 * Parses NDJSON. A last line cut short (a run killed while writing) is dropped, as is any blank
 * line; any other line that is not JSON is an error naming its line number.
 */
export function parseNdjson(text: string): Envelope[] {
  const lines = text.split('\n');
  const out: Envelope[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    try {
      out.push(JSON.parse(line) as Envelope);
    } catch (err) {
      const last = lines.slice(i + 1).every((l) => !l.trim());
      if (last) break;
      throw new Error(`line ${i + 1} is not a JSON message: ${(err as Error).message}`);
    }
  }
  return out;
}
