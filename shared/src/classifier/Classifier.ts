import {
  AutoModel,
  AutoTokenizer,
  env,
  type PreTrainedModel,
  type PreTrainedTokenizer,
  type Tensor,
} from '@huggingface/transformers';
import { z } from 'zod';
import { MessageText } from '../schemas/message.ts';
import {
  type CustomTopicIndex,
  plainCosineSpace,
  type ScoringSpace,
  scoreCustomTopics,
  toCustomTopicVector,
  whitenedSpace,
} from './customTopics.ts';
import { decodeLogits } from './decode.ts';
import { ClassifierDisposedError, ClassifierInputError, ModelLoadError } from './errors.ts';
import { type LabelLayout, parseLabelLayout } from './labelLayout.ts';
import {
  BROWSER_MODEL_FILES,
  EMBEDDING_SPACE_FILE,
  fetchModelFiles,
  type ModelFiles,
  serveFilesToRuntime,
} from './modelFiles.ts';
import { isNodeRuntime, type ModelLocation, resolveModelLocation } from './modelLocation.ts';
import { type BatchOutput, ModelSession } from './modelSession.ts';
import { createProgressTracker, type RuntimeProgressEvent } from './progress.ts';
import {
  DEFAULT_WASM_PATHS,
  effectiveDevice,
  lockDownRuntime,
  type ResolvedDevice,
  resolveDevice,
  sessionOptionsFor,
} from './runtime.ts';
import {
  type ClassificationResult,
  ClassifierDevice,
  type CustomTopic,
  CustomTopicList,
  EmbeddingSpace,
  type LoadProgress,
  ModelConfig,
  ModelThresholds,
} from './schemas.ts';

export const ClassifierOptions = z.object({
  /** Node: the model directory. Browser: a same-origin URL or path, e.g. `/models/default`. */
  model: z.string().min(1),
  device: ClassifierDevice.default('auto'),
  /** Texts per forward pass. */
  batchSize: z.number().int().min(1).max(256).default(32),
  /** Where the browser fetches the ONNX runtime's WASM files (our own server, never a CDN). */
  wasmPaths: z.string().min(1).default(DEFAULT_WASM_PATHS),
  /** Runs one forward pass at load so the first real call does not pay for graph initialisation. */
  warmup: z.boolean().default(true),
  /**
   * Node: onnxruntime intra-op threads per forward pass; by default one per core. 1 trades batch
   * throughput for single-message latency (measurements in runtime.ts).
   */
  threads: z.number().int().min(1).max(64).optional(),
  customTopics: CustomTopicList.default([]),
});
export type ClassifierOptions = z.input<typeof ClassifierOptions> & {
  onProgress?: (progress: LoadProgress) => void;
};

const Texts = z.array(MessageText);

function parseJson<T>(schema: z.ZodType<T>, text: string, file: string, location: ModelLocation): T {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new ModelLoadError(`${file} in ${location.display} is not valid JSON`, location.display, { cause });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ModelLoadError(
      `${file} in ${location.display}: ${issue?.message ?? 'invalid'} at ${issue?.path.join('.') || '(root)'}`,
      location.display,
    );
  }
  return parsed.data;
}

/**
 * The one classifier for every runtime: the shipped DistilBERT through transformers.js, CPU in Node,
 * WebGPU or WASM in browsers. Topics are multi-label with per-topic thresholds, sentiment is one label,
 * and custom topics are scored against the model's sentence embedding.
 */
export class Classifier {
  #customTopics: CustomTopicIndex;
  #queue: Promise<unknown> = Promise.resolve();
  #disposed = false;

  private constructor(
    private readonly model: PreTrainedModel,
    private readonly session: ModelSession,
    private readonly tokenizer: PreTrainedTokenizer,
    private readonly layout: LabelLayout,
    private readonly thresholds: ModelThresholds,
    private readonly maxLength: number,
    private readonly batchSize: number,
    readonly modelVersion: string,
    readonly device: ResolvedDevice,
    space: ScoringSpace,
  ) {
    this.#customTopics = { space, topics: [] };
  }

  #loadMs = 0;
  /** Wall time of loading (files, sessions, warm-up), in milliseconds. */
  get loadMs(): number {
    return this.#loadMs;
  }

  static async load(options: ClassifierOptions): Promise<Classifier> {
    const started = performance.now();
    const parsedOptions = ClassifierOptions.safeParse(options);
    if (!parsedOptions.success) throw ClassifierInputError.fromZod('classifier options', parsedOptions.error);
    const opts = parsedOptions.data;
    const node = isNodeRuntime();
    const chosen = await resolveDevice(opts.device, node);
    lockDownRuntime(env, { device: chosen, wasmPaths: opts.wasmPaths });
    const location = resolveModelLocation(opts.model);
    const tracker = createProgressTracker((p) => options.onProgress?.(p));
    const progress = (event: RuntimeProgressEvent) => tracker.onRuntimeEvent(event);

    // Browsers fetch every file once, here, and transformers.js reads them from memory; Node reads disk.
    const files: ModelFiles | undefined = location.base
      ? await fetchModelFiles(location.base, BROWSER_MODEL_FILES, progress)
      : undefined;
    const forget = files ? serveFilesToRuntime(env, files) : () => undefined;
    const readText = async (file: string) => {
      const fetched = location.base && files?.get(new URL(file, location.base).href);
      return fetched ? new TextDecoder().decode(fetched) : location.readText(file);
    };
    // Models exported before embedding_space.json existed still load, scoring custom topics by plain cosine.
    const readOptionalText = async (file: string): Promise<string | undefined> => {
      if (location.base) {
        const fetched = files?.get(new URL(file, location.base).href);
        return fetched && new TextDecoder().decode(fetched);
      }
      try {
        return await location.readText(file);
      } catch (error) {
        if (((error as Error).cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT')
          return undefined;
        throw error;
      }
    };
    try {
      const [configText, thresholdsText, spaceText] = await Promise.all([
        readText('config.json'),
        readText('thresholds.json'),
        readOptionalText(EMBEDDING_SPACE_FILE),
      ]);
      const config = parseJson(ModelConfig, configText, 'config.json', location);
      const thresholds = parseJson(ModelThresholds, thresholdsText, 'thresholds.json', location);
      const space =
        spaceText === undefined
          ? plainCosineSpace
          : whitenedSpace(parseJson(EmbeddingSpace, spaceText, EMBEDDING_SPACE_FILE, location));
      const layout = parseLabelLayout(config.id2label);
      if (typeof layout === 'string') {
        throw new ModelLoadError(`config.json in ${location.display}: ${layout}`, location.display);
      }

      const progress_callback = files ? undefined : progress;
      let model: PreTrainedModel;
      let tokenizer: PreTrainedTokenizer;
      try {
        [tokenizer, model] = await Promise.all([
          AutoTokenizer.from_pretrained(location.id, { local_files_only: true, progress_callback }),
          AutoModel.from_pretrained(location.id, {
            local_files_only: true,
            dtype: 'q8',
            device: chosen,
            session_options: sessionOptionsFor(chosen, opts.device === 'auto', opts.threads),
            progress_callback,
          }),
        ]);
      } catch (cause) {
        throw new ModelLoadError(
          `cannot load the model from ${location.display}: ${(cause as Error).message}`,
          location.display,
          { cause },
        );
      }
      try {
        const tokenizerInputs = Object.keys(tokenizer(['warm up'], { padding: true, truncation: true }));
        const session = ModelSession.of(model, tokenizerInputs, location.display);
        const positions =
          (model.config as { max_position_embeddings?: number }).max_position_embeddings ?? 512;
        const declared = Number(tokenizer.model_max_length);
        const maxLength =
          Number.isFinite(declared) && declared > 0 ? Math.min(declared, positions) : positions;

        const classifier = new Classifier(
          model,
          session,
          tokenizer,
          layout,
          thresholds,
          maxLength,
          opts.batchSize,
          config.sa_model_version,
          effectiveDevice(env, chosen),
          space,
        );
        if (opts.customTopics.length > 0) await classifier.setCustomTopics(opts.customTopics);
        if (opts.warmup) await classifier.forward(['warm up'], true);
        tracker.ready();
        classifier.#loadMs = performance.now() - started;
        return classifier;
      } catch (error) {
        // A model that loaded but failed its checks or warm-up holds sessions (and GPU memory) until released.
        await model.dispose();
        throw error;
      }
    } finally {
      forget();
    }
  }

  /** Classifies each text (1–8,000 characters after trimming); results are in input order. */
  async classify(texts: readonly string[]): Promise<ClassificationResult[]> {
    const clean = this.validate(texts);
    const results = new Array<ClassificationResult>(clean.length);
    const custom = this.#customTopics;
    // The sentence embedding is only computed when a custom topic needs it.
    await this.inBatches(clean, custom.topics.length > 0, (index, logits, embedding) => {
      results[index] = {
        ...decodeLogits(
          logits,
          this.layout,
          this.thresholds,
          embedding ? scoreCustomTopics(embedding, custom) : [],
        ),
        model_version: this.modelVersion,
      };
    });
    return results;
  }

  /** The model's L2-normalised sentence embedding of each text. */
  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const clean = this.validate(texts);
    const out = new Array<Float32Array>(clean.length);
    await this.inBatches(clean, true, (index, _logits, embedding) => {
      out[index] = (embedding as Float32Array).slice();
    });
    return out;
  }

  /** Replaces the custom topics; their examples are embedded once, here. */
  async setCustomTopics(topics: readonly CustomTopic[]): Promise<void> {
    const parsed = CustomTopicList.safeParse(topics);
    if (!parsed.success) throw ClassifierInputError.fromZod('custom topics', parsed.error);
    const { space } = this.#customTopics;
    const vectors = [];
    for (const topic of parsed.data) {
      vectors.push(toCustomTopicVector(topic, await this.embed(topic.examples), space));
    }
    this.#customTopics = { space, topics: vectors };
  }

  get customTopicNames(): string[] {
    return this.#customTopics.topics.map((t) => t.name);
  }

  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    await this.#queue.catch(() => undefined);
    await this.model.dispose();
  }

  private validate(texts: readonly string[]): string[] {
    if (this.#disposed) throw new ClassifierDisposedError();
    const parsed = Texts.safeParse(texts);
    if (!parsed.success) throw ClassifierInputError.fromZod('texts', parsed.error);
    return parsed.data;
  }

  /**
   * Runs texts through the model in batches of similar length (less padding, same scores) and hands
   * each row back with its original index; the row arrays are views into the batch's outputs.
   */
  private async inBatches(
    texts: string[],
    withEmbeddings: boolean,
    onRow: (index: number, logits: Float32Array, embedding: Float32Array | undefined) => void,
  ): Promise<void> {
    const order = texts
      .map((_, i) => i)
      .sort((a, b) => (texts[a] as string).length - (texts[b] as string).length);
    for (let start = 0; start < order.length; start += this.batchSize) {
      const indices = order.slice(start, start + this.batchSize);
      const out = await this.forward(
        indices.map((i) => texts[i] as string),
        withEmbeddings,
      );
      const { width, dim, embeddings } = out;
      indices.forEach((index, row) => {
        onRow(
          index,
          out.logits.subarray(row * width, (row + 1) * width),
          embeddings?.subarray(row * dim, (row + 1) * dim),
        );
      });
    }
  }

  /** One forward pass; passes are serialised because an ONNX session runs one call at a time in WASM. */
  private forward(texts: string[], withEmbeddings: boolean): Promise<BatchOutput> {
    const run = async (): Promise<BatchOutput> => {
      if (this.#disposed) throw new ClassifierDisposedError();
      const inputs = this.tokenizer(texts, { padding: true, truncation: true, max_length: this.maxLength });
      const out = await this.session.run(inputs as Record<string, Tensor>, withEmbeddings);
      if (out.width !== this.layout.width) {
        throw new ModelLoadError(
          `the model outputs ${out.width} logits but config.json names ${this.layout.width} labels`,
          this.modelVersion,
        );
      }
      return out;
    };
    const result = this.#queue.then(run, run);
    this.#queue = result.catch(() => undefined);
    return result;
  }
}
