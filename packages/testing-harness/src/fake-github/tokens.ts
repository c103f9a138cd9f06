import { randomBytes } from 'node:crypto';

/** GITHUB_TOKEN permission scopes (the `permissions:` keys of a workflow) the fake enforces. */
export type PermissionScope =
  | 'actions'
  | 'checks'
  | 'contents'
  | 'issues'
  | 'metadata'
  | 'pull_requests'
  | 'security_events'
  | 'statuses';

export type PermissionLevel = 'none' | 'read' | 'write';

export type Permissions = Partial<Record<PermissionScope, PermissionLevel>>;

export interface FakeToken {
  value: string;
  permissions: Permissions;
}

const ALL_SCOPES: PermissionScope[] = ['actions', 'checks', 'contents', 'issues', 'metadata', 'pull_requests', 'security_events', 'statuses'];

/** What a workflow's GITHUB_TOKEN gets with `permissions: write-all`. */
export const WRITE_ALL: Permissions = Object.fromEntries(ALL_SCOPES.map((scope) => [scope, 'write']));

/** What a pull_request run from a fork gets: read-only, whatever the workflow asks for. */
export const READ_ALL: Permissions = Object.fromEntries(ALL_SCOPES.map((scope) => [scope, 'read']));

const RANK: Record<PermissionLevel, number> = { none: 0, read: 1, write: 2 };

export function grants(token: FakeToken, scope: PermissionScope, level: Exclude<PermissionLevel, 'none'>): boolean {
  return RANK[token.permissions[scope] ?? 'none'] >= RANK[level];
}

export class TokenRegistry {
  private readonly tokens = new Map<string, FakeToken>();

  /** A new token (ghs_-prefixed like an installation token) with these permissions. */
  create(permissions: Permissions): string {
    const value = `ghs_${randomBytes(18).toString('base64url')}`;
    this.tokens.set(value, { value, permissions: { metadata: 'read', ...permissions } });
    return value;
  }

  find(value: string | undefined): FakeToken | undefined {
    return value === undefined ? undefined : this.tokens.get(value);
  }
}

/** The token of an Authorization header: "token X" or "Bearer X". */
export function tokenFromAuthorization(header: string | undefined): string | undefined {
  const match = /^(?:token|bearer)\s+(\S+)$/i.exec(header?.trim() ?? '');
  return match?.[1];
}
