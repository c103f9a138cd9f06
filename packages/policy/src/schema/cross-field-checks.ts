import { closestMatch } from '../load/did-you-mean';
import { durationMs } from './duration';
import { KNOWN_ENGINE_IDS } from './engine-ids';
import type { PolicyException } from './exceptions';
import type { NotificationChannel } from './notifications';
import type { OverridePolicy } from './override';
import { expiryInstant, startInstant } from './policy-date';

const DAY_MS = 86_400_000;

export interface CrossFieldIssue {
  path: (string | number)[];
  message: string;
}

/**
 * Checks that span sections (an override naming a channel, an exception longer than the maximum).
 * Each section is optional so the loader can run them on whatever sections parsed even when others
 * did not: a file with twenty mistakes gets twenty messages in one go.
 */
export interface CrossFieldSections {
  exceptions?: readonly (PolicyException | undefined)[];
  exceptionPolicy?: { maxDays: number };
  notifications?: { channels: readonly NotificationChannel[]; incidents: readonly string[] };
  override?: OverridePolicy;
  engines?: { required: readonly string[] };
}

export function crossFieldIssues(sections: CrossFieldSections): CrossFieldIssue[] {
  return [...exceptionLengthIssues(sections), ...channelIssues(sections), ...engineIdIssues(sections)];
}

function exceptionLengthIssues({ exceptions, exceptionPolicy }: CrossFieldSections): CrossFieldIssue[] {
  if (!exceptions || !exceptionPolicy) return [];
  const maxMs = exceptionPolicy.maxDays * DAY_MS;
  const issues: CrossFieldIssue[] = [];
  exceptions.forEach((exception, index) => {
    if (exception?.created === undefined) return;
    const length = expiryInstant(exception.expires) - startInstant(exception.created);
    if (length > maxMs) {
      issues.push({
        path: ['exceptions', index, 'expires'],
        message: `runs ${Math.ceil(length / DAY_MS)} days from created; exceptionPolicy.maxDays allows ${exceptionPolicy.maxDays}`,
      });
    }
  });
  return issues;
}

function channelIssues({ notifications, override }: CrossFieldSections): CrossFieldIssue[] {
  if (!notifications) return [];
  const issues: CrossFieldIssue[] = [];
  const byName = new Map<string, NotificationChannel>();
  notifications.channels.forEach((channel, index) => {
    if (byName.has(channel.name)) {
      issues.push({ path: ['notifications', 'channels', index, 'name'], message: `channel "${channel.name}" is declared twice` });
    }
    byName.set(channel.name, channel);
  });
  const names = [...byName.keys()];
  const mustExist = (list: readonly string[], at: (string | number)[]) =>
    list.forEach((name, index) => {
      if (byName.has(name)) return;
      const hint = closestMatch(name, names);
      issues.push({
        path: [...at, index],
        message: `no channel named "${name}" in notifications.channels${hint ? ` (did you mean "${hint}"?)` : ''}`,
      });
    });
  mustExist(notifications.incidents, ['notifications', 'incidents']);
  if (!override) return issues;
  mustExist(override.notify, ['override', 'notify']);
  if ((durationMs(override.maxDuration) ?? 0) > 30 * DAY_MS) {
    issues.push({ path: ['override', 'maxDuration'], message: 'must be at most 30d' });
  }

  const someoneMayOverride = override.users.length > 0 || override.teams.length > 0;
  if (!someoneMayOverride) return issues;
  if (override.environments.length === 0) {
    issues.push({
      path: ['override', 'environments'],
      message: 'names who may override but no environment where they may: list the environments (e.g. production)',
    });
  }
  if (!override.notify.some((name) => byName.get(name)?.required)) {
    issues.push({
      path: ['override', 'notify'],
      message: 'an override must be heard: list at least one channel that has required: true',
    });
  }
  return issues;
}

function engineIdIssues({ engines }: CrossFieldSections): CrossFieldIssue[] {
  if (!engines) return [];
  const known = new Set<string>(KNOWN_ENGINE_IDS);
  const issues: CrossFieldIssue[] = [];
  engines.required.forEach((id, index) => {
    if (known.has(id)) return;
    const hint = closestMatch(id, KNOWN_ENGINE_IDS);
    if (hint) issues.push({ path: ['engines', 'required', index], message: `unknown engine "${id}" (did you mean "${hint}"?)` });
  });
  return issues;
}
