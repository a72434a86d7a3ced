import { describe, expect, it } from 'vitest';
import { actionCovering, getProvider, parseTemplate, resolveOperationUrl } from './index';
import type { ProviderInfo } from './index';

/**
 * What the Slack and GitHub templates let a tool reach, tried with the requests a tool that wants
 * more than its approval would send: nested paths, dot segments, encoded slashes, other verbs.
 */

function provider(id: string): ProviderInfo {
  const found = getProvider(id);
  if (!found) throw new Error(`missing provider ${id}`);
  return found;
}

const github = provider('github');
const slack = provider('slack');
const gh = (path: string) => new URL(`https://api.github.com${path}`);
const covering = (p: ProviderInfo, method: string, url: URL) => actionCovering(p.actions, method, url)?.id;
const operationsOf = (p: ProviderInfo, id: string) => p.actions.find((a) => a.id === id)?.operations ?? [];

describe('GitHub workflow files', () => {
  it('only "Edit Actions workflows" writes a file directly in .github/workflows', () => {
    expect(covering(github, 'PUT', gh('/repos/octo/hello/contents/.github/workflows/ci.yml'))).toBe('edit-workflows');
    expect(covering(github, 'PUT', gh('/repos/octo/hello/contents/README.md'))).toBe('push-public-repos');
  });

  it('reaches nothing else through subfolders, dot segments, encoded slashes or another verb', () => {
    expect(covering(github, 'PUT', gh('/repos/octo/hello/contents/.github/workflows/sub/ci.yml'))).toBeUndefined();
    expect(covering(github, 'PUT', gh('/repos/octo/hello/contents/.github%2Fworkflows%2Fci.yml'))).toBeUndefined();
    expect(covering(github, 'PUT', gh('/repos/octo/hello/contents/docs%2Fci.yml'))).toBeUndefined();
    expect(covering(github, 'DELETE', gh('/repos/octo/hello/contents/.github/workflows/ci.yml'))).toBeUndefined();
    // `..` is resolved before matching, as GitHub would: the request is the README's, not a workflow's.
    const edit = operationsOf(github, 'edit-workflows');
    expect(resolveOperationUrl(edit, 'PUT', '/repos/octo/hello/contents/.github/workflows/../../README.md')).toBeUndefined();
    expect(resolveOperationUrl(edit, 'PUT', '/repos/octo/hello/contents/.github/workflows/%2e%2e')).toBeUndefined();
  });

  it('reads deeper files through trees and blobs, not a multi-segment contents path', () => {
    expect(covering(github, 'GET', gh('/repos/octo/hello/contents/src/index.ts'))).toBeUndefined();
    expect(covering(github, 'GET', gh('/repos/octo/hello/git/trees/main?recursive=1'))).toBe('read-private-repos');
    expect(covering(github, 'GET', gh('/repos/octo/hello/git/blobs/44b4fc6d56897b048c772eb4087f854f46256132'))).toBe('read-private-repos');
  });

  it('moves branches only: a tag or an unqualified ref is no operation', () => {
    expect(covering(github, 'PATCH', gh('/repos/octo/hello/git/refs/heads/main'))).toBe('push-public-repos');
    expect(covering(github, 'PATCH', gh('/repos/octo/hello/git/refs/tags/v1'))).toBeUndefined();
    expect(covering(github, 'PATCH', gh('/repos/octo/hello/git/refs/main'))).toBeUndefined();
  });
});

describe('GitHub actions that only read', () => {
  it.each(['read-profile', 'see-email', 'read-private-repos', 'list-orgs', 'read-notifications', 'install-packages'])('%s sends nothing but GET', (id) => {
    expect(new Set(operationsOf(github, id).map((op) => op.method))).toEqual(new Set(['GET']));
  });

  it('names a repository {owner}/{repo} in every template that has one', () => {
    for (const op of github.actions.flatMap((a) => a.operations ?? [])) {
      const { segments } = parseTemplate(op.url);
      if (segments[0] === 'repos') expect(segments.slice(1, 3), op.url).toEqual(['{owner}', '{repo}']);
    }
  });
});

describe('Slack conversations', () => {
  it('reads with GET only and writes nothing through the read actions', () => {
    for (const id of ['read-channels', 'read-private-channels', 'read-direct-messages', 'list-channels', 'search-messages', 'see-people']) {
      expect(new Set(operationsOf(slack, id).map((op) => op.method)), id).toEqual(new Set(['GET']));
    }
    expect(covering(slack, 'POST', new URL('https://slack.com/api/chat.delete'))).toBeUndefined();
    expect(covering(slack, 'POST', new URL('https://slack.com/api/chat.postMessage/extra'))).toBeUndefined();
  });
});
