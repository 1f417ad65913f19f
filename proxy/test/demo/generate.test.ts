import { MessageInput, SENTIMENTS, TOPICS } from '@sa/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DemoData, type DemoMessage, generateDemoMessages } from '../../src/demo/generate.ts';

const NOW = new Date('2026-11-25T12:00:00Z');
const DAY = 86_400_000;
let data: DemoData;
let customers: DemoMessage[];

beforeAll(() => {
  data = generateDemoMessages({ count: 20_000, days: 120, seed: 11, now: NOW });
  customers = data.messages.filter((m) => m.author_role === 'customer');
});

const inWindow = (m: DemoMessage, from: string, to: string) => m.created_at >= from && m.created_at < to;
const dayKey = (m: DemoMessage) => m.created_at.slice(0, 10);

/** Per-day average of matching customer messages inside vs outside [from, to). */
function dailyRates(match: (m: DemoMessage) => boolean, from: string, to: string) {
  const windowDays = (Date.parse(to) - Date.parse(from)) / DAY;
  const inside = customers.filter((m) => match(m) && inWindow(m, from, to)).length;
  const outside = customers.filter((m) => match(m) && !inWindow(m, from, to)).length;
  return { inside: inside / windowDays, outside: outside / (120 - windowDays) };
}

describe('generateDemoMessages', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = generateDemoMessages({ count: 1500, days: 30, seed: 5, now: NOW });
    const b = generateDemoMessages({ count: 1500, days: 30, seed: 5, now: NOW });
    const c = generateDemoMessages({ count: 1500, days: 30, seed: 6, now: NOW });
    expect(b).toEqual(a);
    expect(c.messages.map((m) => m.text)).not.toEqual(a.messages.map((m) => m.text));
  });

  it('writes exactly `count` customer messages plus agent and bot replies, with unique ids, in time order', () => {
    expect(customers).toHaveLength(20_000);
    const roles = new Set(data.messages.map((m) => m.author_role));
    expect(roles).toEqual(new Set(['customer', 'agent', 'bot']));
    expect(new Set(data.messages.map((m) => m.id)).size).toBe(data.messages.length);
    const times = data.messages.map((m) => m.created_at);
    expect(times).toEqual([...times].sort());
    expect((times[0] ?? '') >= new Date(NOW.getTime() - 120 * DAY).toISOString()).toBe(true);
    expect((times.at(-1) ?? '') < NOW.toISOString()).toBe(true);
  });

  it('labels every message validly per the taxonomy; `other` never comes with another topic', () => {
    for (const m of data.messages) {
      const parsed = MessageInput.safeParse(m);
      if (!parsed.success) throw new Error(`${m.id}: ${parsed.error.message}`);
      expect(m.topics.length).toBeGreaterThan(0);
      expect(new Set(m.topics).size).toBe(m.topics.length);
      if (m.topics.includes('other')) expect(m.topics).toEqual(['other']);
    }
    const agentSentiments = new Set(
      data.messages.filter((m) => m.author_role !== 'customer').map((m) => m.sentiment),
    );
    expect([...agentSentiments].sort()).toEqual(['neutral', 'positive']);
  });

  it('covers every topic and sentiment, both sources, with 15–25% multi-topic customer messages', () => {
    const topics = new Set(customers.flatMap((m) => m.topics));
    expect([...topics].sort()).toEqual([...TOPICS].sort());
    for (const s of SENTIMENTS) {
      expect(customers.filter((m) => m.sentiment === s).length / customers.length).toBeGreaterThan(0.05);
    }
    const multi = customers.filter((m) => m.topics.length > 1).length / customers.length;
    expect(multi).toBeGreaterThanOrEqual(0.15);
    expect(multi).toBeLessThanOrEqual(0.25);
    const telegram = customers.filter((m) => m.source === 'telegram').length / customers.length;
    expect(telegram).toBeGreaterThan(0.25);
    expect(telegram).toBeLessThan(0.5);
  });

  it('writes varied text: mostly distinct messages, other languages, shouting and emoji', () => {
    const distinct = new Set(customers.map((m) => m.text)).size;
    expect(distinct / customers.length).toBeGreaterThan(0.6);
    const share = (re: RegExp) => customers.filter((m) => re.test(m.text)).length / customers.length;
    expect(share(/[а-яё]/i)).toBeGreaterThan(0.002);
    expect(share(/retiro|saque|Auszahlung|çekim|prelievo|retrait/i)).toBeGreaterThan(0.005);
    expect(share(/\p{Extended_Pictographic}/u)).toBeGreaterThan(0.05);
    const angry = customers.filter((m) => m.sentiment === 'angry');
    expect(
      angry.filter((m) => m.text === m.text.toUpperCase() && /[A-Z]{4}/.test(m.text)).length / angry.length,
    ).toBeGreaterThan(0.15);
  });

  it('follows a daily and weekly rhythm: evening peaks and busier weekends', () => {
    const hour = (m: DemoMessage) => new Date(m.created_at).getUTCHours();
    const evening = customers.filter((m) => hour(m) >= 19 && hour(m) < 23).length;
    const earlyMorning = customers.filter((m) => hour(m) >= 3 && hour(m) < 7).length;
    expect(evening / earlyMorning).toBeGreaterThan(3);
    const perDay = new Map<string, number>();
    for (const m of customers) perDay.set(dayKey(m), (perDay.get(dayKey(m)) ?? 0) + 1);
    const avg = (days: string[]) => days.reduce((sum, d) => sum + (perDay.get(d) ?? 0), 0) / days.length;
    const days = [...perDay.keys()].slice(1, -1);
    const weekend = days.filter((d) => [0, 6].includes(new Date(d).getUTCDay()));
    const weekdays = days.filter((d) => ![0, 6].includes(new Date(d).getUTCDay()));
    expect(avg(weekend) / avg(weekdays)).toBeGreaterThan(1.1);
  });

  it('places four incidents that show up as spikes of their topic', () => {
    expect(data.incidents.map((i) => i.id)).toEqual([
      'kyc_backlog',
      'bonus_campaign',
      'withdrawal_delays',
      'site_outage',
    ]);
    for (const incident of data.incidents.filter((i) => i.id !== 'site_outage')) {
      const rates = dailyRates((m) => m.topics.includes(incident.topic), incident.from, incident.to);
      expect(rates.inside / rates.outside, incident.id).toBeGreaterThan(1.8);
    }
    const outage = data.incidents.find((i) => i.id === 'site_outage');
    if (!outage) throw new Error('no outage');
    const outageHours = (Date.parse(outage.to) - Date.parse(outage.from)) / 3_600_000;
    const technicalInOutage = customers.filter(
      (m) => m.topics.includes('technical') && inWindow(m, outage.from, outage.to),
    );
    const technicalPerHour = customers.filter((m) => m.topics.includes('technical')).length / (120 * 24);
    expect(technicalInOutage.length / outageHours / technicalPerHour).toBeGreaterThan(5);
  });

  it('makes the withdrawal delay week angrier', () => {
    const incident = data.incidents.find((i) => i.id === 'withdrawal_delays');
    if (!incident) throw new Error('no withdrawal incident');
    const withdrawals = customers.filter((m) => m.topics.includes('withdrawal'));
    const upset = (ms: DemoMessage[]) =>
      ms.filter((m) => m.sentiment === 'angry' || m.sentiment === 'negative').length / ms.length;
    const inside = withdrawals.filter((m) => inWindow(m, incident.from, incident.to));
    const outside = withdrawals.filter((m) => !inWindow(m, incident.from, incident.to));
    expect(upset(inside) - upset(outside)).toBeGreaterThan(0.1);
  });

  it('rejects bad options with a clear error', () => {
    expect(() => generateDemoMessages({ count: -1 })).toThrow(/count must be a whole number/);
    expect(() => generateDemoMessages({ count: 10, days: 0 })).toThrow(/days must be > 0/);
    expect(() => generateDemoMessages({ count: 10, now: new Date('nope') })).toThrow(
      /now is not a valid date/,
    );
  });

  it('works for a short range and a tiny count', () => {
    const small = generateDemoMessages({ count: 5, days: 1, seed: 1, now: NOW });
    expect(small.messages.filter((m) => m.author_role === 'customer')).toHaveLength(5);
    for (const m of small.messages)
      expect(Date.parse(m.created_at)).toBeGreaterThanOrEqual(NOW.getTime() - DAY);
  });
});
