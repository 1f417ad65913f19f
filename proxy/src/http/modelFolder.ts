import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ModelConfig } from '@sa/shared/classifier';
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

/** The version `sa_model_version` in config.json names, read through the classifier's own schema of that file. */
async function readVersion(modelDir: string): Promise<string | null> {
  try {
    const config: unknown = JSON.parse(await readFile(path.join(modelDir, 'config.json'), 'utf8'));
    return ModelConfig.pick({ sa_model_version: true }).parse(config).sa_model_version;
  } catch {
    return null;
  }
}
