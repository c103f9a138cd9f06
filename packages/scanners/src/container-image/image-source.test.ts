import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '@gatehouse/findings';
import { checkArchivePath, checkImageRef, imageSourceLabel, imageSourceString, parseImageSource } from './image-source';

describe('image sources', () => {
  it('round-trips each kind through the one string RunOptions carries', () => {
    for (const source of [
      { kind: 'daemon', ref: 'shop/web:1.4.2' },
      { kind: 'registry', ref: 'ghcr.io/acme/web@sha256:' + 'b'.repeat(64) },
      { kind: 'archive', path: 'build/web.tar' },
    ] as const) {
      expect(parseImageSource(imageSourceString(source))).toEqual(source);
    }
  });

  it.each(['alpine', 'alpine:3.20', 'localhost:5000/app:dev', 'registry.example.com:8443/team/app@sha256:' + 'c'.repeat(64), 'GHCR.io/acme/web:1'])('accepts the reference %s', (ref) => {
    expect(checkImageRef(ref)).toBe(ref);
  });

  it.each(['', '--help', '-q', 'dir:/etc', 'Shop/Web:1', 'app:1 --output /tmp/x', 'app;rm -rf /', 'a'.repeat(600)])('refuses the reference %j', (ref) => {
    expect(() => checkImageRef(ref)).toThrow(ConfigurationError);
  });

  it('keeps a tarball inside the workspace and off the flag syntax', () => {
    expect(checkArchivePath('./build/../build/web.tar')).toBe('build/web.tar');
    expect(() => checkArchivePath('/tmp/web.tar')).toThrow(/relative to the workspace/);
    expect(() => checkArchivePath('../web.tar')).toThrow(/outside the workspace/);
    expect(() => checkArchivePath('-web.tar')).toThrow(/read as a flag/);
  });

  it('refuses a source without a scheme, naming the three it takes', () => {
    expect(() => parseImageSource('shop/web:1')).toThrow(/docker:<ref>, registry:<ref> or docker-archive:<path>/);
    expect(() => parseImageSource(undefined)).toThrow(/needs an image/);
  });

  it('labels a source by its reference, or its tarball when it has none', () => {
    expect(imageSourceLabel({ kind: 'daemon', ref: 'shop/web:1' })).toBe('shop/web:1');
    expect(imageSourceLabel({ kind: 'archive', path: 'build/web.tar' })).toBe('build/web.tar');
  });
});
