import { Topic } from '@sa/shared';
import { ClassificationResult, ClassifierInfo, CustomTopicList } from '@sa/shared/classifier';
import { z } from 'zod';

/**
 * Messages between the extension's parts. Every part sees every runtime message, so each carries the
 * part it is for (`to`), and each part ignores the rest.
 */
export const ToBackground = z.discriminatedUnion('type', [
  z.object({
    to: z.literal('background'),
    type: z.literal('classify'),
    texts: z.array(z.string()).min(1).max(64),
  }),
  z.object({ to: z.literal('background'), type: z.literal('openTopic'), topic: Topic }),
]);
export type ToBackground = z.infer<typeof ToBackground>;

export const ToOffscreen = z.discriminatedUnion('type', [
  z.object({
    to: z.literal('offscreen'),
    type: z.literal('classify'),
    texts: z.array(z.string()).min(1).max(64),
  }),
  z.object({ to: z.literal('offscreen'), type: z.literal('setCustomTopics'), topics: CustomTopicList }),
  // Which model and device (webgpu / wasm) the classifier runs on: for diagnostics, the tests and the bench.
  z.object({ to: z.literal('offscreen'), type: z.literal('info') }),
]);
export type ToOffscreen = z.infer<typeof ToOffscreen>;

export const OffscreenInfoReply = z.union([
  z.object({ ok: z.literal(true), info: ClassifierInfo }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type OffscreenInfoReply = z.infer<typeof OffscreenInfoReply>;

/** Every reply: a value or an error a person can act on (no thrown errors cross the message boundary). */
export const ClassifyReply = z.union([
  z.object({ ok: z.literal(true), results: z.array(ClassificationResult) }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type ClassifyReply = z.infer<typeof ClassifyReply>;

/** Where a tag click leaves the topic for the side panel to filter on (session storage, so it survives the panel opening). */
export const PANEL_FILTER_KEY = 'panelTopic';
export const PanelTopic = z.object({ topic: Topic, at: z.number() });
