/**
 * A model server that streams at known rates, for the rehearsal's tests. It answers the three apis OpenClaw uses,
 * in their documented stream formats: Chat Completions SSE `data: {choices:[{delta}]}` chunks, a final usage chunk
 * when `stream_options.include_usage` is set, then `data: [DONE]` (platform.openai.com/docs/api-reference/chat-streaming);
 * Responses SSE typed events `response.output_text.delta` … `response.completed` with `response.usage`
 * (platform.openai.com/docs/api-reference/responses-streaming); Ollama NDJSON `{message:{content}, done:false}` lines and a
 * last `{done:true, prompt_eval_count, eval_count}` (github.com/ollama/ollama docs/api.md, "Generate a chat completion").
 *
 * Timing: the first request of the process waits `loadMs` (a cold load); each request then waits
 * promptTokens / prefillTokensPerSecond before its first token (promptTokens = request characters / 4, reported as
 * usage), then sends one token per chunk at decodeTokensPerSecond, on a fixed schedule (no drift).
 * Binds 127.0.0.1 port 0.
 */
import http from 'node:http';
import type {AddressInfo} from 'node:net';

export interface StreamingFakeOptions {
  loadMs?: number;
  prefillTokensPerSecond: number;
  decodeTokensPerSecond: number;
  /** Tokens in a normal answer (a one-token request gets 1). */
  outputTokens: number;
  /** How the tool-call request is answered. */
  toolMode?: 'structured' | 'text' | 'unsupported';
  /** The reply starts with a `<think>` block (or harmony tags) in the content. */
  leak?: 'think' | 'harmony';
  /** Never report usage. */
  noUsage?: boolean;
}

export interface StreamingFake {
  url: string;
  /** Bodies received, in order. */
  requests: {path: string; body: Record<string, unknown>; auth?: string}[];
  close(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));

function promptChars(body: Record<string, unknown>): number {
  return JSON.stringify(body.messages ?? body.input ?? '').length + JSON.stringify(body.tools ?? '').length;
}

export async function startStreamingFake(o: StreamingFakeOptions): Promise<StreamingFake> {
  let cold = true;
  const requests: StreamingFake['requests'] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      void (async () => {
        const path = req.url ?? '';
        if (req.method === 'GET') {
          res.writeHead(200, {'content-type': 'application/json'});
          res.end(JSON.stringify({object: 'list', data: [{id: 'm', object: 'model'}]}));
          return;
        }
        const body = JSON.parse(raw || '{}') as Record<string, unknown>;
        // The doctor's route probe posts {} to /v1/responses: a real server answers 400 and loads nothing.
        if (typeof body.model !== 'string') {
          res.writeHead(400, {'content-type': 'application/json'});
          res.end(JSON.stringify({error: {message: 'model is required'}}));
          return;
        }
        requests.push({path, body, ...(req.headers.authorization ? {auth: req.headers.authorization} : {})});
        const api = path.endsWith('/api/chat') ? 'ollama' : path.endsWith('/responses') ? 'responses' : 'chat';
        const tools = Array.isArray(body.tools) ? (body.tools as {name?: string; function?: {name?: string}}[]) : [];
        const toolName = tools.length === 1 ? (tools[0].function?.name ?? tools[0].name) : undefined;
        if (toolName && o.toolMode === 'unsupported') {
          res.writeHead(400, {'content-type': 'application/json'});
          res.end(JSON.stringify({error: {message: 'registry.ollama.ai/library/m does not support tools'}}));
          return;
        }
        const inputTokens = Math.round(promptChars(body) / 4);
        const maxOut = Number(
          body.max_completion_tokens ??
            body.max_output_tokens ??
            (body.options as {num_predict?: number} | undefined)?.num_predict ??
            1e9,
        );
        const n = Math.max(1, Math.min(o.outputTokens, maxOut));
        res.writeHead(200, {'content-type': api === 'ollama' ? 'application/x-ndjson' : 'text/event-stream'});
        res.flushHeaders();
        const t0 = performance.now();
        const wait = (cold ? (o.loadMs ?? 0) : 0) + (inputTokens / o.prefillTokensPerSecond) * 1000;
        cold = false;
        await sleep(wait);
        const tFirst = performance.now();
        const send = (s: string): boolean => res.write(s);
        const sse = (v: unknown): boolean => send(`data: ${JSON.stringify(v)}\n\n`);
        const usage = !o.noUsage;
        // The tool-call request: one call, structured or as text.
        if (toolName) {
          const args = JSON.stringify({city: 'Paris'});
          if (o.toolMode === 'text') {
            const text = `<tool_call>{"name": "${toolName}", "arguments": ${args}}</tool_call>`;
            if (api === 'chat') sse({choices: [{index: 0, delta: {content: text}}]});
            else if (api === 'responses') sse({type: 'response.output_text.delta', delta: text});
            else send(`${JSON.stringify({message: {role: 'assistant', content: text}, done: false})}\n`);
          } else if (api === 'chat') {
            sse({
              choices: [
                {
                  index: 0,
                  delta: {
                    tool_calls: [{index: 0, id: 'c1', type: 'function', function: {name: toolName, arguments: args}}],
                  },
                },
              ],
            });
          } else if (api === 'responses') {
            sse({type: 'response.output_item.added', item: {type: 'function_call', name: toolName, arguments: ''}});
          } else {
            send(
              `${JSON.stringify({message: {role: 'assistant', content: '', tool_calls: [{function: {name: toolName, arguments: {city: 'Paris'}}}]}, done: false})}\n`,
            );
          }
        } else {
          const words = Array.from({length: n}, (_, i) =>
            i === 0 && o.leak === 'think' ? '<think>' : i === 0 && o.leak === 'harmony' ? '<|channel|>' : ` w${i}`,
          );
          for (let i = 0; i < n; i++) {
            await sleep(tFirst + (i * 1000) / o.decodeTokensPerSecond - performance.now());
            if (api === 'chat') sse({choices: [{index: 0, delta: {content: words[i]}}]});
            else if (api === 'responses') sse({type: 'response.output_text.delta', delta: words[i]});
            else send(`${JSON.stringify({message: {role: 'assistant', content: words[i]}, done: false})}\n`);
          }
        }
        const outTokens = toolName ? 10 : n;
        if (api === 'chat') {
          sse({choices: [{index: 0, delta: {}, finish_reason: 'stop'}]});
          const wantsUsage = (body.stream_options as {include_usage?: boolean} | undefined)?.include_usage;
          if (usage && wantsUsage)
            sse({choices: [], usage: {prompt_tokens: inputTokens, completion_tokens: outTokens}});
          send('data: [DONE]\n\n');
        } else if (api === 'responses') {
          sse({
            type: 'response.completed',
            response: {
              status: 'completed',
              ...(usage ? {usage: {input_tokens: inputTokens, output_tokens: outTokens}} : {}),
            },
          });
        } else {
          send(
            `${JSON.stringify({done: true, ...(usage ? {prompt_eval_count: inputTokens, eval_count: outTokens} : {}), total_duration: Math.round((performance.now() - t0) * 1e6)})}\n`,
          );
        }
        res.end();
      })();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
