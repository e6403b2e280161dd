/**
 * One probe asks each route at most once: the adapter reads what the
 * fingerprint already fetched. The number of requests per server kind is
 * pinned here, counted on the fake servers.
 */
import {describe, expect, it} from 'vitest';
import {probeServer} from '../../src/servers/index.js';
import type {FakeKind} from '../fakes/index.js';
import {useFakes} from './helpers.js';

const {fake} = useFakes();

// method + path of each request one probe makes, in no particular order.
const EXPECTED: Record<Exclude<FakeKind, 'lmstudio-0.3'>, number> = {
  // GET / + 7 routes in parallel; the adapter reuses /api/v1/models; POST /v1/responses.
  lmstudio: 9,
  // GET /, /api/version; /api/tags, /api/ps, one /api/show per model; POST /v1/responses (version reused).
  ollama: 6,
  // GET / + 7 (owned_by vllm decides, no /health); POST /v1/responses (/v1/models and /version reused).
  vllm: 9,
  // GET / + 7 + /props?model... none in single mode: /props and /v1/models reused; POST /v1/responses.
  llamacpp: 9,
  // GET / + 7; /model/info; POST /v1/responses (/v1/models reused).
  litellm: 10,
  // GET / + 7 + /health; POST /v1/responses.
  'openai-compatible': 10,
};

describe('probeServer asks each route once', () => {
  for (const [kind, count] of Object.entries(EXPECTED) as [FakeKind, number][]) {
    it(`${kind}: ${count} requests, none repeated`, async () => {
      const f = await fake(kind);
      const r = await probeServer(f.v1);
      expect(r.ok).toBe(true);
      const routes = f.requests.map((q) => `${q.method} ${q.path}`);
      expect(routes.length - new Set(routes).size, `repeated: ${routes.join(', ')}`).toBe(0);
      expect(routes.length, routes.join(', ')).toBe(count);
    });
  }
});
