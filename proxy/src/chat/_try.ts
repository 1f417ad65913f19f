import { planQuestion } from './planner.ts';

const clock = { now: new Date('2026-11-25T12:00:00Z'), timeZone: 'UTC' };
let prev: any = null;
for (const raw of process.argv.slice(2)) {
  const follow = raw.startsWith('+');
  const q = follow ? raw.slice(1) : raw;
  const p = planQuestion(q, follow ? prev : null, clock);
  if (p.kind === 'query') {
    const { metric, filters, group_by, series_by, share_of, compare_previous, limit } = p.query as any;
    const f = { ...filters };
    delete f.from;
    delete f.to;
    console.log(
      `${q} => ${metric} ${filters.from.slice(5, 16)}..${filters.to.slice(5, 16)} ${JSON.stringify(f)} ${group_by ?? ''} ${series_by ?? ''} ${share_of ? 'of:' + JSON.stringify(share_of) : ''} ${compare_previous ? 'CMP' : ''} ${limit ?? ''}`,
    );
    prev = p.query;
  } else console.log(`${q} => ${p.kind.toUpperCase()} ${'reason' in p ? p.reason : ''}`);
}
