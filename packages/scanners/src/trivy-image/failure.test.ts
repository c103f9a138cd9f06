import { describe, expect, it } from 'vitest';
import { describeTrivyFailure } from './failure';

describe('describeTrivyFailure', () => {
  it.each([
    [
      'database-download',
      '2026-11-22T08:00:00Z\tINFO\t[vulndb] Downloading vulnerability DB...\n2026-11-22T08:00:01Z\tERROR\t[vulndb] Failed to download artifact\trepo="mirror.gcr.io/aquasec/trivy-db:2" err="OCI repository error: GET https://mirror.gcr.io/v2/aquasec/trivy-db/manifests/2: TOOMANYREQUESTS"\n2026-11-22T08:00:01Z\tFATAL\tFatal error\tinit error: DB error: failed to download vulnerability DB: OCI artifact error: failed to download vulnerability DB: failed to download artifact from any source',
      'trivy could not download its vulnerability database: Fatal error init error: DB error: failed to download vulnerability DB: OCI artifact error: failed to download vulnerability DB: failed to download artifact from any source',
    ],
    ['database-missing', '2026-11-22T08:00:00Z\tFATAL\tFatal error\tinit error: DB error: --skip-db-update cannot be specified on the first run', 'trivy found no usable vulnerability database in its cache: Fatal error init error: DB error: --skip-db-update cannot be specified on the first run'],
    ['image-unavailable', '2026-11-22T08:00:00Z\tFATAL\tFatal error\trun error: image scan error: unable to initialize a scan service: unable to find the specified image "shop/web:1.4.2" in ["docker"]: docker error: unable to inspect the image (shop/web:1.4.2): Error response from daemon: No such image: shop/web:1.4.2', expect.stringMatching(/^trivy could not read the image: /)],
    ['timeout', '2026-11-22T08:00:00Z\tFATAL\tFatal error\trun error: image scan error: scan error: context deadline exceeded', expect.stringMatching(/^trivy ran out of time: /)],
    ['other', 'panic: runtime error: index out of range', 'trivy failed: panic: runtime error: index out of range'],
  ])('tells a %s failure', (kind, stderr, reason) => {
    expect(describeTrivyFailure(stderr)).toEqual({ kind, reason });
  });
});
