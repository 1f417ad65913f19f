import type { PreTrainedModel, Tensor } from '@huggingface/transformers';
import { ModelLoadError } from './errors.ts';

/** The part of an onnxruntime (node or web) InferenceSession and its tensors this module uses. */
interface OrtTensor {
  data: unknown;
  dims: readonly number[];
}
interface OrtSession {
  inputNames: readonly string[];
  outputNames: readonly string[];
  run(feeds: Record<string, unknown>, fetches: readonly string[]): Promise<Record<string, OrtTensor>>;
}

export const LOGITS = 'logits';
export const SENTENCE_EMBEDDING = 'sentence_embedding';
const OUTPUTS = [LOGITS, SENTENCE_EMBEDDING] as const;

/** Raw model outputs of one batch, rows in input order; `embeddings` only when asked for. */
export interface BatchOutput {
  logits: Float32Array;
  width: number;
  embeddings?: Float32Array;
  dim: number;
}

/**
 * The model's ONNX session, run directly rather than through `model(inputs)`: onnxruntime then
 * computes only the outputs a call asks for (the sentence embedding is needed for custom topics
 * only), and the per-call wrapping transformers.js does (input checks, tensor re-wrapping) is skipped.
 * Measured in Node under load, 2-layer model, one short message: `model(inputs)` 0.62 ms; `session.run`
 * 0.46 ms with both outputs, 0.39 ms with logits only (2 threads).
 */
export class ModelSession {
  private constructor(
    private readonly session: OrtSession,
    private readonly display: string,
  ) {}

  /** Checks at load that the graph has the inputs the tokenizer makes and the outputs the classifier reads. */
  static of(model: PreTrainedModel, tokenizerInputs: readonly string[], display: string): ModelSession {
    const session = (model.sessions as Record<string, OrtSession | undefined>).model;
    if (!session) throw new ModelLoadError(`${display}: the ONNX model has no main session`, display);
    const missingOutputs = OUTPUTS.filter((o) => !session.outputNames.includes(o));
    if (missingOutputs.length > 0) {
      throw new ModelLoadError(
        `${display}: the ONNX model must output ${OUTPUTS.map((o) => `\`${o}\``).join(' and ')}; it lacks ${missingOutputs.join(', ')} (re-export it with pnpm models:train)`,
        display,
      );
    }
    const unknownInputs = session.inputNames.filter((i) => !tokenizerInputs.includes(i));
    if (unknownInputs.length > 0) {
      throw new ModelLoadError(
        `${display}: the ONNX model takes ${unknownInputs.join(', ')}, which the tokenizer does not make (it makes ${tokenizerInputs.join(', ')})`,
        display,
      );
    }
    return new ModelSession(session, display);
  }

  /** One forward pass over tokenizer output; callers serialise passes (a WASM session runs one at a time). */
  async run(inputs: Record<string, Tensor>, withEmbeddings: boolean): Promise<BatchOutput> {
    const feeds: Record<string, unknown> = {};
    for (const name of this.session.inputNames) feeds[name] = (inputs[name] as Tensor).ort_tensor;
    const out = await this.session.run(feeds, withEmbeddings ? OUTPUTS : [LOGITS]);
    const logits = out[LOGITS] as OrtTensor;
    const embeddings = withEmbeddings ? out[SENTENCE_EMBEDDING] : undefined;
    if (
      !(logits.data instanceof Float32Array) ||
      (embeddings && !(embeddings.data instanceof Float32Array))
    ) {
      throw new ModelLoadError(`${this.display}: the ONNX model's outputs must be float32`, this.display);
    }
    return {
      logits: logits.data,
      width: logits.dims[1] as number,
      ...(embeddings ? { embeddings: embeddings.data as Float32Array } : {}),
      dim: (embeddings?.dims[1] as number | undefined) ?? 0,
    };
  }
}
