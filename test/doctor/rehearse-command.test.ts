/** `doctor --rehearse` end to end in process: the config's primary against a streaming fake; --json and text. */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {runDoctorCommand} from '../../src/commands/doctor.js';
import {memoryIo} from '../../src/cli/io.js';
import {UsageError} from '../../src/cli/errors.js';
import type {HardwareProfile} from '../../src/core/types/hardware.js';
import {startStreamingFake} from '../fakes/streaming.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'rehearse-cmd-'));
afterAll(() => rmSync(tmp, {recursive: true, force: true}));

const profile: HardwareProfile = {
  schemaVersion: 1,
  platform: 'linux',
  ramTotalGB: 64,
  accelerators: [
    {
      kind: 'nvidia',
      name: 'RTX 4090',
      memoryGB: 24,
      memorySource: 'nvidia-smi',
      count: 1,
      unified: false,
      bandwidthGBps: 1008,
    },
  ],
  usableAcceleratorMemoryGB: 23,
  usableSource: 'nvidia-smi',
  nodes: 1,
  notes: [],
};

function config(baseUrl: string, extra = ''): string {
  const file = path.join(tmp, `openclaw-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(
    file,
    `{models: {providers: {vllm: {baseUrl: "${baseUrl}", api: "openai-completions", apiKey: "sk-abc"${extra}, models: [{id: "openai/gpt-oss-20b", name: "gpt-oss 20B", contextWindow: 32768, maxTokens: 2048}]}}},
     agents: {defaults: {model: {primary: "vllm/openai/gpt-oss-20b"}}}}`,
  );
  return file;
}

async function doctor(configPath: string, values: Record<string, unknown>, json: boolean) {
  const io = memoryIo({
    env: {HOME: tmp, OPENCLAW_LOCAL_DOCTOR_STATE_DIR: path.join(tmp, 'state'), PATH: process.env.PATH},
  });
  const code = await runDoctorCommand(
    {
      io,
      global: {configPath, color: false, json},
      values: {only: 'config.parse', ...values, ...(json ? {json: true} : {})},
      args: [],
    },
    {context: {detector: {detect: async () => profile}}},
  );
  return {code, out: io.out(), err: io.err()};
}

describe('doctor --rehearse', () => {
  it('--json carries the rehearsal object; a tool call as text is a finding (exit 1)', async () => {
    const fake = await startStreamingFake({
      loadMs: 600,
      prefillTokensPerSecond: 200_000,
      decodeTokensPerSecond: 1000,
      outputTokens: 20,
      toolMode: 'text',
    });
    try {
      const r = await doctor(config(`${fake.url}/v1`), {rehearse: true}, true);
      const json = JSON.parse(r.out);
      expect(json.rehearsal).toMatchObject({
        model: 'vllm/openai/gpt-oss-20b',
        toolCall: 'text',
        reasoningLeak: false,
        usageReported: true,
      });
      for (const k of ['loadMs', 'ttftMs', 'prefillTokensPerSecond', 'decodeTokensPerSecond', 'totalMs'])
        expect(typeof json.rehearsal[k]).toBe('number');
      // The server probe before the rehearsal does not load the model: the cold load is still measured.
      expect(json.rehearsal.loadMs).toBeGreaterThan(600 * 0.85);
      expect(json.rehearsal.findings.find((f: {id: string}) => f.id === 'tool-call').fix).toContain(
        '--enable-auto-tool-choice --tool-call-parser openai',
      );
      expect(json.rehearsal.hardwareEstimateTokensPerSecond).toBeDefined();
      expect(fake.requests.find((q) => (q.body.tools as unknown[] | undefined)?.length === 12)?.body).toMatchObject({
        max_completion_tokens: 2048,
      });
      expect(r.out).not.toContain('sk-abc');
      expect(r.code).toBe(1);
    } finally {
      await fake.close();
    }
  });

  it('text: each figure on its line, next to the hardware estimate; all well is exit 0', async () => {
    const fake = await startStreamingFake({
      prefillTokensPerSecond: 200_000,
      decodeTokensPerSecond: 1000,
      outputTokens: 20,
      toolMode: 'structured',
    });
    try {
      const r = await doctor(config(`${fake.url}/v1`), {rehearse: true}, false);
      for (const label of [
        'Cold load',
        'Time to first token',
        'Decode',
        'Total',
        'Tool call',
        'Reasoning in reply',
        'Usage in stream',
      ])
        expect(r.out).toContain(label);
      expect(r.out).toMatch(/Decode\s+[\d.]+ tok\/s\s+\(hardware estimate ≈/);
      expect(r.out).toMatch(/OpenClaw sets no limit\s+here/);
      expect(r.code).toBe(0);
    } finally {
      await fake.close();
    }
  });

  it('--rehearse with --fix is a usage error', async () => {
    await expect(doctor(config('http://127.0.0.1:1/v1'), {rehearse: true, fix: true}, false)).rejects.toBeInstanceOf(
      UsageError,
    );
  });
});
