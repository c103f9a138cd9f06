import { DockerfileParser, type Dockerfile, type Healthcheck, type Instruction, type Run } from 'dockerfile-ast';
import { hasExpansion, isFloating, parseImageRef } from './image-ref';
import { pipInstallsIn, pipInstallsInArgv } from './pip-install';

/** A rule's verdict on one place of a file, before the engine adds path, title and hash. */
export interface RuleHit {
  rule: string;
  /** 1-based; absent for "missing from the file" findings, as trivy reports them. */
  line?: number;
  endLine?: number;
  message: string;
}

interface Stage {
  from: Instruction & { getImage(): string | null; getBuildStage(): string | null };
  alias?: string;
  /** The base image with build arguments substituted where their defaults are known. */
  image: string;
  instructions: Instruction[];
}

const lineOf = (instruction: Instruction) => instruction.getRange().start.line + 1;
const endLineOf = (instruction: Instruction) => {
  const end = instruction.getRange().end.line + 1;
  return end > lineOf(instruction) ? end : undefined;
};

/** `$VAR`, `${VAR}`, `${VAR:-default}` in a FROM, resolved from the ARGs declared before it. */
function substitute(text: string, line: number, dockerfile: Dockerfile): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, braced: string | undefined, fallback: string | undefined, bare: string | undefined) => {
    const value = dockerfile.resolveVariable((braced ?? bare)!, line);
    if (typeof value === 'string' && value !== '') return value;
    return fallback !== undefined ? fallback : whole;
  });
}

function stagesOf(dockerfile: Dockerfile): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction.getKeyword() === 'FROM') {
      const from = instruction as Stage['from'];
      const raw = from.getImage() ?? '';
      const alias = from.getBuildStage() ?? undefined;
      stages.push({ from, image: substitute(raw, instruction.getRange().start.line, dockerfile), ...(alias ? { alias: alias.toLowerCase() } : {}), instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

/** The stage a stage builds on, when its FROM names an earlier stage. */
function parentStage(stages: readonly Stage[], index: number): number | undefined {
  const image = stages[index]!.image.toLowerCase();
  for (let i = index - 1; i >= 0; i--) if (stages[i]!.alias === image) return i;
  return undefined;
}

/** The last instruction with this keyword that applies to a stage, following FROM <earlier stage>. */
function effective(stages: readonly Stage[], index: number, keyword: string): { instruction: Instruction; stage: number } | undefined {
  const seen = new Set<number>();
  for (let i: number | undefined = index; i !== undefined && !seen.has(i); i = parentStage(stages, i)) {
    seen.add(i);
    const found = stages[i]!.instructions.filter((ins) => ins.getKeyword() === keyword).at(-1);
    if (found) return { instruction: found, stage: i };
  }
  return undefined;
}

/** The external image a stage starts from, following FROM <earlier stage>. */
function baseImageOf(stages: readonly Stage[], index: number): string {
  let i = index;
  for (let parent = parentStage(stages, i), hops = 0; parent !== undefined && hops < stages.length; parent = parentStage(stages, i), hops++) i = parent;
  return stages[i]!.image;
}

const ROOT_USER = /^(root|0)(:.*)?$/i;

/** DS-0002: the final stage runs as a user that is not root. */
function nonRootUser(stages: readonly Stage[]): RuleHit[] {
  const last = stages.length - 1;
  const user = effective(stages, last, 'USER');
  if (!user) {
    const base = parseImageRef(baseImageOf(stages, last));
    // Images built to run unprivileged say so in their tag (distroless `:nonroot`, `-nonroot`).
    if (base.tag && /(^|[-_.])nonroot($|[-_.])/i.test(base.tag)) return [];
    return [{ rule: 'non-root-user', message: 'The final stage sets no USER, so the container runs as root: add a USER with a non-root user' }];
  }
  const value = (user.instruction.getArgumentsContent() ?? '').trim().split(/\s+/)[0] ?? '';
  if (!ROOT_USER.test(value)) return [];
  return [{ rule: 'non-root-user', line: lineOf(user.instruction), message: `The final stage runs as '${value.slice(0, 100)}': the last USER should name a non-root user` }];
}

/** DS-0001: no base image floats on `latest` (or on no tag at all). */
function noLatestBaseImage(stages: readonly Stage[]): RuleHit[] {
  const hits: RuleHit[] = [];
  stages.forEach((stage, index) => {
    const image = stage.image;
    if (!image || image.toLowerCase() === 'scratch' || parentStage(stages, index) !== undefined || hasExpansion(image)) return;
    const ref = parseImageRef(image);
    if (!isFloating(ref)) return;
    hits.push({
      rule: 'no-latest-base-image',
      line: lineOf(stage.from),
      message: `FROM ${image.slice(0, 300)} ${ref.tag ? "uses the 'latest' tag" : 'has no tag (so it is latest)'}: use a specific tag and pin its digest`,
    });
  });
  return hits;
}

/** DS-0026: the final stage has a HEALTHCHECK (and not HEALTHCHECK NONE). */
function healthcheck(stages: readonly Stage[]): RuleHit[] {
  const found = effective(stages, stages.length - 1, 'HEALTHCHECK');
  if (!found) return [{ rule: 'healthcheck', message: 'The image defines no HEALTHCHECK: add one to the final stage' }];
  const sub = (found.instruction as Healthcheck).getSubcommand()?.getValue().toUpperCase();
  return sub === 'NONE' ? [{ rule: 'healthcheck', line: lineOf(found.instruction), message: 'HEALTHCHECK NONE switches the health check off' }] : [];
}

/** The shell script of a RUN: its arguments, and the bodies of its heredocs. */
function runScript(run: Run, text: string): { script?: string; argv?: string[] } {
  const json = run.getJSONStrings();
  if (json.length > 0) return { argv: json.map((j) => j.getJSONValue()) };
  const heredocs = run.getHeredocs();
  if (heredocs.length === 0) return { script: run.getArgumentsContent() ?? '' };
  const lines = text.split('\n');
  const bodies = heredocs.map((h) => {
    const range = h.getContentRange();
    return range ? lines.slice(range.start.line, range.end.line + 1).join('\n') : '';
  });
  return { script: bodies.join('\n') };
}

/** A requirement as shown in a message: credentials in a URL (`https://user:token@host/...`) masked. */
export function displayRequirement(requirement: string): string {
  return requirement.replace(/(:\/\/)[^/@\s]*@/, '$1***@').slice(0, 100);
}

/** CH-PIP-UNPINNED: every `pip install` pins what it installs. */
function pinnedPipInstall(stages: readonly Stage[], text: string): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const stage of stages) {
    for (const instruction of stage.instructions) {
      if (instruction.getKeyword() !== 'RUN') continue;
      const { script, argv } = runScript(instruction as Run, text);
      const installs = argv ? pipInstallsInArgv(argv) : pipInstallsIn(script ?? '');
      const unpinned = [...new Set(installs.flatMap((i) => i.unpinned))];
      if (unpinned.length === 0) continue;
      const endLine = endLineOf(instruction);
      hits.push({
        rule: 'pinned-pip-install',
        line: lineOf(instruction),
        ...(endLine ? { endLine } : {}),
        message: `pip installs ${unpinned.slice(0, 10).map(displayRequirement).join(', ')}${unpinned.length > 10 ? ', …' : ''} without a pinned version`,
      });
    }
  }
  return hits;
}

/** A file named like a Dockerfile with no FROM: nothing in it can be checked. */
export class NotADockerfileError extends Error {}

/** Every Dockerfile rule that is on, over one Dockerfile's text. */
export function checkDockerfile(text: string, enabled: (rule: string) => boolean): RuleHit[] {
  const dockerfile = DockerfileParser.parse(text);
  const stages = stagesOf(dockerfile);
  if (stages.length === 0) throw new NotADockerfileError('no FROM instruction: not a Dockerfile that can be checked');
  return [
    ...(enabled('non-root-user') ? nonRootUser(stages) : []),
    ...(enabled('no-latest-base-image') ? noLatestBaseImage(stages) : []),
    ...(enabled('healthcheck') ? healthcheck(stages) : []),
    ...(enabled('pinned-pip-install') ? pinnedPipInstall(stages, text) : []),
  ];
}
