import { ConfigurationError, ParseError } from '@gatehouse/findings';
import { FakeGitHub, contentFile } from '@gatehouse/testing-harness';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PermissionDenied } from '../client/github-api-error';
import { testClient } from '../test-support/test-client';
import { readFileAtRef, readTextFileAtRef } from './read-file-at-ref';

let fake: FakeGitHub;
const BASE = 'b'.repeat(40);
const HEAD = 'c'.repeat(40);
const POLICY = '.github/gatehouse.yml';

beforeEach(async () => {
  fake = await FakeGitHub.start();
});
afterEach(async () => {
  await fake.close();
});

describe('readFileAtRef', () => {
  it('reads the policy as it is at the base commit, not as the pull request changed it', async () => {
    fake.state.setFile(BASE, POLICY, 'block:\n  severity: high\n');
    fake.state.setFile(HEAD, POLICY, 'block:\n  severity: none\n');
    const client = testClient(fake);
    const file = await readTextFileAtRef(client, POLICY, BASE);
    expect(file).toMatchObject({ found: true, text: 'block:\n  severity: high\n', ref: BASE });
    expect(fake.requestsTo('repos/get-content')).toMatchObject([{ path: '/repos/octo-org/octo-repo/contents/.github%2Fgatehouse.yml', query: { ref: BASE } }]);
  });

  it('says the file is absent on 404', async () => {
    expect(await readFileAtRef(testClient(fake), POLICY, BASE)).toEqual({ found: false, path: POLICY, ref: BASE });
  });

  it('throws PermissionDenied when the token may not read contents (never falls back to defaults)', async () => {
    fake.state.setFile(BASE, POLICY, 'x');
    const client = testClient(fake, { token: fake.tokens.create({ issues: 'write' }) });
    await expect(readFileAtRef(client, POLICY, BASE)).rejects.toBeInstanceOf(PermissionDenied);
  });

  it('refuses a file over the size cap', async () => {
    fake.state.setFile(BASE, POLICY, 'x'.repeat(2_000));
    await expect(readFileAtRef(testClient(fake), POLICY, BASE, { maxBytes: 1_000 })).rejects.toThrow(
      /\.github\/gatehouse\.yml at b{40} is 2000 bytes, more than the 1000 allowed/,
    );
  });

  it('refuses content that does not match its git blob SHA', async () => {
    fake.on('GET /repos/{owner}/{repo}/contents/{path}', () => {
      const honest = contentFile(fake.urls, fake.repository, { path: POLICY, content: Buffer.from('strict'), sha: '0'.repeat(40), gitRef: BASE });
      return { status: 200, body: honest };
    });
    await expect(readFileAtRef(testClient(fake), POLICY, BASE)).rejects.toThrow(ParseError);
  });

  it('refuses a directory listing and a symlink', async () => {
    const client = testClient(fake);
    fake.on('GET /repos/{owner}/{repo}/contents/{path}', () => ({ status: 200, body: [] }));
    await expect(readFileAtRef(client, '.github', BASE)).rejects.toThrow(/is a directory, not a file/);
    const url = `${fake.url}/repos/octo-org/octo-repo/contents/${POLICY}`;
    fake.on('GET /repos/{owner}/{repo}/contents/{path}', () => ({
      status: 200,
      body: { type: 'symlink', target: '../../etc/passwd', size: 16, name: 'gatehouse.yml', path: POLICY, sha: '1'.repeat(40), url, git_url: null, html_url: null, download_url: null, _links: { self: url, git: null, html: null } },
    }));
    await expect(readFileAtRef(client, POLICY, BASE)).rejects.toThrow(/is a symlink, not a regular file/);
  });

  it('refuses invalid UTF-8 as text', async () => {
    fake.state.setFile(BASE, POLICY, Buffer.from([0x61, 0xff, 0x62]));
    await expect(readTextFileAtRef(testClient(fake), POLICY, BASE)).rejects.toThrow(/not valid UTF-8 text/);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a: 1')]);
    fake.state.setFile(BASE, 'bom.yml', bom);
    expect(await readTextFileAtRef(testClient(fake), 'bom.yml', BASE)).toMatchObject({ text: 'a: 1' });
  });

  it('refuses paths outside the repository and refs that are not refs, before any request', async () => {
    const client = testClient(fake);
    for (const path of ['../secrets', '/etc/passwd', '.github//x', 'a\\b', 'C:/x', 'a/./b', '']) {
      await expect(readFileAtRef(client, path, BASE)).rejects.toBeInstanceOf(ConfigurationError);
    }
    await expect(readFileAtRef(client, POLICY, 'main\n--upload-pack')).rejects.toThrow(/is not a branch, tag or commit/);
    expect(fake.requests).toEqual([]);
  });
});
