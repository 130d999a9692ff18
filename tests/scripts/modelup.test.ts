import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../../scripts/modelup.sh', import.meta.url));

function modelup(args: string[], env: Record<string, string> = {}) {
  return spawnSync('sh', [SCRIPT, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: '/home/someone', ...env },
  });
}

describe('scripts/modelup.sh', () => {
  it('serves the default model with vLLM on loopback port 8000', () => {
    const result = modelup(['--dry-run']);
    expect(result.status).toBe(0);
    const command = result.stdout.trim();
    expect(command).toMatch(
      /^docker run .*vllm\/vllm-openai:latest --model mistralai\/Mistral-7B-Instruct-v0\.3$/,
    );
    expect(command).toContain('-p 127.0.0.1:8000:8000');
    expect(command).toContain('/home/someone/.cache/huggingface:/root/.cache/huggingface');
  });

  it('takes the model, port and extra arguments from the environment', () => {
    const result = modelup(['--dry-run'], {
      VLLM_MODEL: 'Qwen/Qwen2.5-7B-Instruct',
      VLLM_PORT: '9000',
      VLLM_ARGS: '--max-model-len 8192',
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('-p 127.0.0.1:9000:8000');
    expect(result.stdout.trim()).toMatch(
      /--model Qwen\/Qwen2\.5-7B-Instruct --max-model-len 8192$/,
    );
  });

  it('passes HF_TOKEN by name and never prints its value', () => {
    const result = modelup(['--dry-run'], { HF_TOKEN: 'hf_secretvalue123' });
    expect(result.stdout).toContain('--env HF_TOKEN');
    expect(`${result.stdout}${result.stderr}`).not.toContain('hf_secretvalue123');
    expect(result.stderr).not.toContain('HF_TOKEN is not set');
  });

  it('rejects an unknown argument with exit code 2', () => {
    const result = modelup(['--gpu']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("unknown argument '--gpu'");
  });
});
