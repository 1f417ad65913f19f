export { Classifier, ClassifierOptions } from './Classifier.ts';
export { type ClassifierWorkerClient, createClassifierWorker } from './client.ts';
export { centroidOf, cosineSimilarity, scoreCustomTopics } from './customTopics.ts';
export { type CustomScore, decodeLogits, type Labels } from './decode.ts';
export {
  ClassifierDisposedError,
  ClassifierInputError,
  ModelLoadError,
  WorkerProtocolError,
} from './errors.ts';
export { type LabelLayout, parseLabelLayout } from './labelLayout.ts';
export * from './protocol.ts';
export { DEFAULT_WASM_PATHS, type ResolvedDevice } from './runtime.ts';
export * from './schemas.ts';
