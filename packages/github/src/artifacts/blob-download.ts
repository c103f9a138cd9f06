import { HttpClient } from '@actions/http-client';
import { GATEHOUSE_VERSION } from '../version';
import { ArchiveRefused } from './unzip-in-memory';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Downloads a signed blob URL (where GitHub redirects artifact downloads) into memory, at most
 * `maxBytes`, without any GitHub credential: the URL's signature is the credential, and the blob
 * host is not GitHub's. Proxy-aware through @actions/http-client (HTTPS_PROXY, NO_PROXY).
 */
export async function downloadSignedBlob(location: string, maxBytes: number, timeoutMs = 120_000): Promise<Buffer> {
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    throw new ArchiveRefused('the artifact download redirect is not a URL');
  }
  const loopback = LOOPBACK.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new ArchiveRefused(`the artifact download redirect uses ${url.protocol}, not https`);
  }
  const client = new HttpClient(`gatehouse/${GATEHOUSE_VERSION}`, [], { allowRedirects: true, maxRedirects: 3, socketTimeout: timeoutMs });
  try {
    const response = await client.get(url.href);
    const status = response.message.statusCode ?? 0;
    if (status !== 200) {
      response.message.resume();
      throw new ArchiveRefused(`blob storage answered ${status} for the artifact download`);
    }
    const declared = Number(response.message.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      response.message.destroy();
      throw new ArchiveRefused(`the artifact is ${declared} bytes, more than ${maxBytes}`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.message) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) {
        response.message.destroy();
        throw new ArchiveRefused(`the artifact is more than ${maxBytes} bytes`);
      }
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  } finally {
    client.dispose();
  }
}
