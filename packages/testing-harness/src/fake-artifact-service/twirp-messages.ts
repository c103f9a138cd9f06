import { z } from 'zod';

/**
 * The JSON requests of github.actions.results.api.v1.ArtifactService as @actions/artifact (v2+)
 * sends them: protobuf-ts `toJson` with proto field names and no default values. int64 and the
 * Int64Value wrapper are strings, StringValue is a plain string, Timestamp is RFC 3339. Strict: a
 * field the real service would not know is a violation.
 */

const backendIds = {
  workflow_run_backend_id: z.string().min(1),
  workflow_job_run_backend_id: z.string().min(1),
};
const int64 = z.string().regex(/^\d+$/);

export const CreateArtifactRequest = z.strictObject({
  ...backendIds,
  name: z.string().min(1),
  expires_at: z.iso.datetime({ offset: true }).optional(),
  version: z.int().min(1),
  mime_type: z.string().optional(),
});

export const FinalizeArtifactRequest = z.strictObject({
  ...backendIds,
  name: z.string().min(1),
  size: int64.optional(),
  hash: z.string().regex(/^sha256:[0-9a-f]{64}$/).optional(),
});

export const ListArtifactsRequest = z.strictObject({
  ...backendIds,
  name_filter: z.string().optional(),
  id_filter: int64.optional(),
});

export const GetSignedArtifactURLRequest = z.strictObject({ ...backendIds, name: z.string().min(1) });

export const DeleteArtifactRequest = z.strictObject({ ...backendIds, name: z.string().min(1) });

export const TWIRP_SERVICE = 'github.actions.results.api.v1.ArtifactService';

/** Twirp error codes and the HTTP status each maps to. */
export const TWIRP_STATUS = {
  invalid_argument: 400,
  unauthenticated: 401,
  permission_denied: 403,
  not_found: 404,
  already_exists: 409,
  failed_precondition: 412,
  bad_route: 404,
  internal: 500,
} as const;
export type TwirpCode = keyof typeof TWIRP_STATUS;
