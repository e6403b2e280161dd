import type {OpenClawValidation} from './types.js';

/** Run `openclaw config validate --json` on a file, bounded in time. */
export async function openclawValidate(_path: string, _opts: {env: NodeJS.ProcessEnv; bin?: string | null; timeoutMs?: number}): Promise<OpenClawValidation> {
  throw new Error('openclawValidate is not implemented yet');
}
