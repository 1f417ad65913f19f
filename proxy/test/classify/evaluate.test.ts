import { describe, expect, it } from 'vitest';
import { evaluateClassifier, type LabelSet } from '../../src/classify/evaluate.ts';
import { LabelledCsvError, readLabelledCsv } from '../../src/classify/labelledCsv.ts';

describe('evaluateClassifier (hand-computed)', () => {
  const gold: LabelSet[] = [
    { topics: ['deposit'], sentiment: 'neutral' },
    { topics: ['deposit', 'bonus'], sentiment: 'angry' },
    { topics: ['withdrawal'], sentiment: 'negative' },
    { topics: ['other'], sentiment: 'positive' },
  ];
  const predicted: LabelSet[] = [
    { topics: ['deposit'], sentiment: 'neutral' },
    { topics: ['deposit'], sentiment: 'angry' },
    { topics: ['deposit'], sentiment: 'angry' },
    { topics: ['other'], sentiment: 'positive' },
  ];
  const report = evaluateClassifier(gold, predicted);

  it('scores each topic', () => {
    // deposit: 2 gold, 3 predicted, 2 right.
    expect(report.topics.per_topic.deposit).toEqual({
      precision: 2 / 3,
      recall: 1,
      f1: 0.8,
      support: 2,
      predicted: 3,
    });
    expect(report.topics.per_topic.bonus).toEqual({
      precision: 0,
      recall: 0,
      f1: 0,
      support: 1,
      predicted: 0,
    });
    expect(report.topics.per_topic.other).toEqual({
      precision: 1,
      recall: 1,
      f1: 1,
      support: 1,
      predicted: 1,
    });
    expect(report.topics.per_topic.technical).toEqual({
      precision: 0,
      recall: 0,
      f1: 0,
      support: 0,
      predicted: 0,
    });
  });

  it('pools counts for micro F1 and averages the occurring topics for macro F1', () => {
    // 3 right of 4 predicted and 5 gold.
    expect(report.topics.micro.precision).toBe(0.75);
    expect(report.topics.micro.recall).toBe(0.6);
    expect(report.topics.micro.f1).toBeCloseTo(2 / 3, 12);
    // deposit 0.8, bonus 0, withdrawal 0, other 1.
    expect(report.topics.macro_f1).toBeCloseTo(0.45, 12);
    expect(report.topics.exact_match).toBe(0.5);
  });

  it('gives sentiment accuracy, per-class scores and the confusion matrix', () => {
    expect(report.count).toBe(4);
    expect(report.sentiment.accuracy).toBe(0.75);
    expect(report.sentiment.confusion.negative).toEqual({ angry: 1, negative: 0, neutral: 0, positive: 0 });
    expect(report.sentiment.confusion.angry.angry).toBe(1);
    expect(report.sentiment.per_sentiment.angry.precision).toBe(0.5);
    expect(report.sentiment.per_sentiment.angry.recall).toBe(1);
    expect(report.sentiment.per_sentiment.negative.recall).toBe(0);
  });

  it('counts a topic set as exact regardless of order and duplicates', () => {
    const r = evaluateClassifier(
      [{ topics: ['bonus', 'deposit'], sentiment: 'neutral' }],
      [{ topics: ['deposit', 'bonus', 'deposit'], sentiment: 'neutral' }],
    );
    expect(r.topics.exact_match).toBe(1);
    expect(r.topics.micro.f1).toBe(1);
  });

  it('refuses unpaired or empty input', () => {
    expect(() => evaluateClassifier(gold, predicted.slice(1))).toThrow(/4 gold labels but 3 predictions/);
    expect(() => evaluateClassifier([], [])).toThrow(/nothing to evaluate/);
  });
});

describe('readLabelledCsv', () => {
  it('reads text, |-separated topics and sentiment with their line numbers, ignoring other columns', () => {
    const rows = readLabelledCsv(
      'id,text,topics,sentiment,source\n1,"deposit gone, help",deposit| bonus,angry,livechat\n2,"line one\nline two",other,neutral,telegram\n',
    );
    expect(rows).toEqual([
      { line: 2, text: 'deposit gone, help', topics: ['deposit', 'bonus'], sentiment: 'angry' },
      { line: 4, text: 'line one\nline two', topics: ['other'], sentiment: 'neutral' },
    ]);
  });

  it('names every bad line and the missing columns', () => {
    const bad =
      'text,topics,sentiment\nok,deposit,neutral\n,deposit,neutral\nfine,deposits,neutral\nfine,bonus,furious\n';
    try {
      readLabelledCsv(bad);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(LabelledCsvError);
      const problems = (error as LabelledCsvError).problems;
      expect(problems.map((p) => p.line)).toEqual([3, 4, 5]);
      expect(problems[0]?.message).toMatch(/^text: text is empty/);
      expect(problems[1]?.message).toMatch(/^topics\.0:/);
      expect(problems[2]?.message).toMatch(/^sentiment:/);
    }
    expect(() => readLabelledCsv('text,topics\nhi,other\n')).toThrow(/lacks the column\(s\) sentiment/);
    expect(() => readLabelledCsv('text,topics,sentiment\n')).toThrow(/no data rows/);
  });
});
