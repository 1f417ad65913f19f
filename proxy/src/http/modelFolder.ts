import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ModelHealth } from './routes/health.ts';

/**
 * Health of a transformers.js model folder judged from its files alone, for when no classifier
 * instance is passed in: the files a browser or Node needs must be there.
 */
export function modelFolderHealth(modelDir: string): () => Promise<ModelHealth> {
  return async () => {
    const needed = ['config.json', 'tokenizer.json', 'tokenizer_config.json'];
    const missing: string[] = [];
    for (const file of needed) {
      if (!(await exists(path.join(modelDir, file)))) missing.push(file);
    }
    const onnx = ['onnx/model_quantized.onnx', 'onnx/model.onnx'];
    const hasOnnx = (await Promise.all(onnx.map((f) => exists(path.join(modelDir, f))))).some(Boolean);
    if (!hasOnnx) missing.push('onnx/model.onnx');
    if (missing.length > 0) {
      return { ready: false, version: null, detail: `${modelDir} lacks ${missing.join(', ')}` };
    }
    return { ready: true, version: await readVersion(modelDir) };
  };
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

async function readVersion(modelDir: string): Promise<string | null> {
  try {
    const config = JSON.parse(await readFile(path.join(modelDir, 'config.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const version = config.model_version ?? config._name_or_path;
    return typeof version === 'string' ? version : null;
  } catch {
    return null;
  }
}
